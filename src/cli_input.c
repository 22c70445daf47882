/*
 * cli_input.c - the input step (opt.h): the files named on the command
 * line become loaded datasets here, and nowhere else.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdlib.h>

#include "kmap/diag_list.h"
#include "kmap/manifest.h"
#include "kmap/xalloc.h"
#include "kmap/output.h"
#include "opt.h"

void cli_input_file(const char *path)
{
	output_register_input(path);
}

/* Whether every named input can be opened; reports each that cannot. */
static int check_inputs(const struct cli *c)
{
	int rc = 0, stdin_seen = 0;

	for (int i = 0; i < c->nfiles; i++) {
		struct stat st;
		const char *f = c->files[i];
		int fd;
		if (!strcmp(f, "-")) {
			if (stdin_seen++)
				rc = kmap_error("standard input ('-') named "
						"twice");
			continue;
		}
		/*
		 * A FIFO (process substitution) is not opened here: its writer
		 * would see this reader close and die, and the real read would
		 * then wait for ever.
		 */
		if (!stat(f, &st) && S_ISFIFO(st.st_mode))
			continue;
		fd = open(f, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			rc = kmap_error("%s: cannot open: %s", f,
					strerror(errno));
			continue;
		}
		if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
			rc = kmap_error("%s: is a directory, not a file", f);
		close(fd);
	}
	return rc;
}

/*
 * One export to read: named on the command line, or listed by a
 * manifest (with that line's settings).
 */
struct job {
	const char *path;
	const struct load_opts *opts;
	const char *round;
	const struct manifest *manifest; /* NULL: named on the command line */
	unsigned long line;		 /* ... and its line there */
};

struct jobs {
	struct job *v;
	size_t n;
	struct manifest *manifests;
	size_t nmanifests;
};

static void add_job(struct jobs *j, const struct job *job)
{
	j->v = xreallocarray(j->v, j->n + 1, sizeof(*j->v));
	j->v[j->n++] = *job;
}

static void jobs_release(struct jobs *j)
{
	for (size_t i = 0; i < j->nmanifests; i++)
		manifest_release(&j->manifests[i]);
	free(j->manifests);
	free(j->v);
}

/*
 * A manifest's exports: each must open, and none may be a manifest
 * itself (a manifest lists exports). Reports at the manifest's line.
 */
static int check_entries(const struct manifest *m)
{
	int rc = 0;

	for (size_t i = 0; i < m->n; i++) {
		const struct manifest_entry *e = &m->v[i];
		struct kmap_loc loc = { m->path, e->line, 0 };
		struct manifest inner;
		int fd = open(e->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			rc = kmap_error_at(&loc, "cannot open '%s': %s",
					   e->path, strerror(errno));
			continue;
		}
		close(fd);
		int st = manifest_read(&inner, e->path, &e->opts);
		manifest_release(&inner);
		if (st != MANIFEST_NOT)
			rc = kmap_error_at(&loc,
					   "'%s' is a manifest; a "
					   "manifest lists exports",
					   e->path);
		cli_input_file(e->path);
		cli_input_file(e->names_file);
	}
	return rc;
}

/*
 * The exports of c->files[first, end): a manifest stands for the
 * exports it lists. Returns 0, or -1 after reporting.
 */
static int expand(const struct cli *c, int first, int end,
		  const struct load_opts *lo, struct jobs *j)
{
	int rc = 0;

	j->manifests =
		xcalloc((size_t)(end - first) + 1, sizeof(*j->manifests));
	for (int i = first; i < end; i++) {
		struct manifest *m = &j->manifests[j->nmanifests];
		int st = manifest_read(m, c->files[i], lo);
		if (st == MANIFEST_NOT) {
			struct job job = { c->files[i], lo, NULL, NULL, 0 };
			add_job(j, &job);
			continue;
		}
		j->nmanifests++;
		if (st == MANIFEST_ERROR || check_entries(m)) {
			rc = -1;
			continue;
		}
		for (size_t k = 0; k < m->n; k++) {
			const struct manifest_entry *e = &m->v[k];
			struct job job = { e->path, &e->opts, e->round, m,
					   e->line };
			add_job(j, &job);
		}
	}
	return rc;
}

int cli_load_inputs(struct cli *c, struct dataset *ds,
		    const struct cli_input *in)
{
	static const struct cli_input all = { 0, 0, 0, NULL };
	struct load_opts lo = c->load;
	struct jobs jobs = { 0 };
	int keep_going, end, rc = KMAP_EXIT_OK;

	if (!in)
		in = &all;
	if (!c->inputs_checked) {
		if (!c->nfiles)
			return cli_usage_error(
				c, N_("use '-' to read standard input"),
				"no input files");
		/* every input of any kind (registered by cli_parse()
		 * through cli_input_file()) is refused as the output */
		if (output_check_inputs(c->output, NULL, 0))
			return KMAP_EXIT_OUTPUT;
		if (check_inputs(c))
			return KMAP_EXIT_INPUT;
		c->inputs_checked = 1;
	}
	keep_going = in->flags & CLI_INPUT_KEEP_GOING;
	lo.all_errors |= keep_going;
	end = in->count ? in->first + in->count : c->nfiles;
	if (end > c->nfiles)
		end = c->nfiles;
	ds->scale = c->scale;
	if (in->findings)
		diag_set_sink(diag_list_sink, in->findings);
	if (expand(c, in->first, end, &lo, &jobs) && !keep_going)
		rc = KMAP_EXIT_INPUT;
	/* the files a manifest lists are inputs too: -o may not be one */
	if (!rc && c->output && output_check_inputs(c->output, NULL, 0))
		rc = KMAP_EXIT_OUTPUT;
	for (size_t i = 0; i < jobs.n && !rc; i++) {
		struct load_opts jo = *jobs.v[i].opts;
		jo.all_errors |= keep_going;
		jo.round = jobs.v[i].round;
		if (load_file(ds, jobs.v[i].path, &jo) != LOAD_OK &&
		    !keep_going)
			rc = KMAP_EXIT_INPUT;
	}
	if (!rc)
		load_warn_merged(ds);
	if (in->findings)
		diag_set_sink(NULL, NULL);
	jobs_release(&jobs);
	return rc;
}
