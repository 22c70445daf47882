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

#include "kmap/context.h"
#include "kmap/diag_list.h"
#include "kmap/manifest.h"
#include "kmap/namesfile.h"
#include "kmap/neardup.h"
#include "kmap/rounds.h"
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

/*
 * The 21 län are built in: a region without a code from the files gets
 * its SCB länskod by name ("Kalmar län", "Region Kalmar län" -> 08).
 */
static void lan_codes(struct dataset *ds)
{
	for (uint32_t id = 0; id < ds->regions.n; id++) {
		const char *code;
		if (name_code(&ds->regions, id))
			continue;
		code = names_lan_code(name_display(&ds->regions, id));
		if (code)
			name_table_set_code(&ds->regions, id, code,
					    strlen(code));
	}
}

/*
 * The rounds read: a --round that no input is of is an error; when the
 * newest round of each region leaves others out, a note says so.
 */
static int check_rounds(const struct cli *c, const struct dataset *ds,
			unsigned flags)
{
	struct round_pick pick = { 0 };
	struct strbuf list = STRBUF_INIT;
	uint32_t *order;

	if (c->filter.round && dataset_find_round(ds, c->filter.round) < 0) {
		order = rounds_sorted(ds);
		strbuf_addstr(&list, "the rounds read: ");
		for (uint32_t i = 0; i < ds->nrounds; i++)
			strbuf_addf(&list, "%s%s", i ? ", " : "",
				    ds->rounds[order[i]].label);
		diag_report(DIAG_ERROR, NULL, ds->nrounds ? list.buf : NULL,
			    "no input is of round '%s'", c->filter.round);
		strbuf_release(&list);
		free(order);
		return KMAP_EXIT_USAGE;
	}
	if (c->filter.round || ds->nrounds < 2 ||
	    (flags & CLI_INPUT_ALL_ROUNDS))
		return KMAP_EXIT_OK;
	round_pick_newest(&pick, ds);
	if (round_pick_drops(&pick, ds))
		round_pick_note(&pick, ds, 0);
	round_pick_release(&pick);
	return KMAP_EXIT_OK;
}

/*
 * One warning per near-duplicate pair; a pair a names file gives as two
 * names is settled, and says nothing.
 */
static void warn_near(struct name_table *t, const char *what)
{
	struct near_pair *p;
	size_t n = near_duplicates(t, &p);

	for (size_t i = 0; i < n; i++) {
		if (name_fixed(t, p[i].a) && name_fixed(t, p[i].b))
			continue;
		diag_report(
			DIAG_WARNING, NULL,
			N_("if they are one, give both spellings one name in "
			   "a names file (--names)"),
			"%ss '%s' and '%s' differ only by %s; counted as "
			"two",
			what, name_display(t, p[i].a), name_display(t, p[i].b),
			p[i].why);
	}
	free(p);
}

/* Near-duplicates (neardup.h) of each kind of name, after loading. */
static void warn_near_duplicates(struct dataset *ds)
{
	warn_near(&ds->regions, "region");
	warn_near(&ds->organisations, "organisation");
	warn_near(&ds->occupations, "occupation");
}

int cli_attribute(const struct cli *c, const struct dataset *ds,
		  const char *name, const char *groups, const char **attr,
		  enum name_kind *kind)
{
	static const char *const kinds[] = { "regions", "organisations",
					     "occupations" };
	unsigned mask = 0;
	struct strbuf hint = STRBUF_INIT;
	int rc;

	*attr = c->names ? names_set_attr(c->names, name, &mask) : NULL;
	if (*attr && mask && !(mask & (mask - 1))) {
		*kind = (enum name_kind)__builtin_ctz(mask);
		return 0;
	}
	if (*attr && mask) {
		for (int k = 0; k < NKINDS; k++)
			if (mask & (1u << k))
				strbuf_addf(&hint, "%s%s",
					    hint.len ? " and " : "", kinds[k]);
		rc = cli_usage_error(
			c, N_("give the attribute to one kind of name"),
			"--by '%s': the names files give it to %s", name,
			hint.buf);
		strbuf_release(&hint);
		return rc;
	}
	if ((!*attr || !mask) && dataset_upper_header(ds, name)) {
		*attr = dataset_upper_header(ds, name);
		*kind = KIND_ORGANISATION;
		return 0;
	}
	/* the upper levels are groups too */
	struct strbuf all = STRBUF_INIT;
	strbuf_addstr(&all, groups);
	for (uint32_t i = 0; i < ds->nupper_headers; i++)
		strbuf_addf(&all, "%s%s", all.len ? ", " : "",
			    ds->upper_headers[i]);
	if (c->names && c->names->nattr_keys) {
		strbuf_addstr(&hint, "an attribute: ");
		for (size_t i = 0; i < c->names->nattr_keys; i++)
			strbuf_addf(&hint, "%s%s", i ? ", " : "",
				    c->names->attr_keys[i]);
	} else {
		strbuf_addstr(&hint, "an attribute of a names file");
	}
	const char *why = c->names && c->names->nattr_keys
				  ? NULL
				  : N_("an attribute is a column of a names "
				       "file (--names)");
	/* report groups by attributes only: no word before them */
	if (all.len)
		rc = cli_usage_error(c, why,
				     "unknown --by '%s' (expected %s, or %s)",
				     name, all.buf, hint.buf);
	else
		rc = cli_usage_error(c, why, "unknown --by '%s' (expected %s)",
				     name, hint.buf);
	strbuf_release(&hint);
	strbuf_release(&all);
	return rc;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The names files of the run: --names, and a manifest's namnfil column
 * (any manifest named, so both sides of a diff count names alike), read
 * in the order of their paths, whatever order they were given in, into
 * c->names. Returns 0, or -1 after reporting every problem.
 */
static int read_names(struct cli *c)
{
	char **paths = NULL;
	size_t n = 0, kept = 0;
	int rc = 0;

	for (size_t i = 0; i < c->nnames_paths; i++) {
		paths = xreallocarray(paths, n + 1, sizeof(*paths));
		paths[n++] = xstrdup(c->names_paths[i]);
	}
	/* manifests were not read yet: look, saying nothing (expand() reads
	 * them again and reports) */
	diag_silence(1);
	for (int i = 0; i < c->nfiles; i++) {
		struct manifest m;
		if (manifest_read(&m, c->files[i], &c->load) == MANIFEST_READ)
			for (size_t k = 0; k < m.n; k++) {
				if (!m.v[k].names_file)
					continue;
				paths = xreallocarray(paths, n + 1,
						      sizeof(*paths));
				paths[n++] = xstrdup(m.v[k].names_file);
			}
		manifest_release(&m);
	}
	diag_silence(0);
	if (n) {
		qsort(paths, n, sizeof(*paths), compare_paths);
		c->names = xcalloc(1, sizeof(*c->names));
		names_set_init(c->names);
	}
	for (size_t i = 0; i < n; i++) {
		if (kept && !strcmp(paths[kept - 1], paths[i])) {
			free(paths[i]);
			continue;
		}
		paths[kept++] = paths[i];
		if (names_set_read(c->names, paths[i]))
			rc = -1;
	}
	if (n && !rc && names_set_finish(c->names))
		rc = -1;
	for (size_t i = 0; i < kept; i++)
		free(paths[i]);
	free(paths);
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
		if (read_names(c))
			return KMAP_EXIT_INPUT;
	}
	keep_going = in->flags & CLI_INPUT_KEEP_GOING;
	lo.all_errors |= keep_going;
	end = in->count ? in->first + in->count : c->nfiles;
	if (end > c->nfiles)
		end = c->nfiles;
	ds->scale = c->scale;
	dataset_set_names(ds, c->names);
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
	/* two names with one code are one name: settled here, once */
	if (!rc)
		lan_codes(ds);
	if (!rc && dataset_unify_codes(ds) && !keep_going)
		rc = KMAP_EXIT_INPUT;
	if (!rc) {
		load_warn_merged(ds);
		warn_near_duplicates(ds);
	}
	if (!rc && !keep_going)
		rc = check_rounds(c, ds, in->flags);
	if (in->findings)
		diag_set_sink(NULL, NULL);
	jobs_release(&jobs);
	return rc;
}

int cli_context_check(const struct cli *c, const char *path, int weighted)
{
	if (weighted && !path)
		return cli_usage_error(c,
				       N_("give the headcounts with --context "
					  "FILE"),
				       "--weight headcount needs --context");
	return KMAP_EXIT_OK;
}

int cli_context_load(struct context *cx, const char *path, int weighted,
		     const struct dataset *ds)
{
	if (!path)
		return KMAP_EXIT_OK;
	if (context_load(cx, path, ds))
		return KMAP_EXIT_INPUT;
	if (weighted && !context_has(cx, CONTEXT_HEADCOUNT)) {
		struct kmap_loc loc = { path, 1, 0 };
		diag_report(DIAG_ERROR, &loc,
			    N_("a column 'Antal anställda' (or 'Headcount')"),
			    "--weight headcount: the context file has no "
			    "headcount");
		return KMAP_EXIT_INPUT;
	}
	return KMAP_EXIT_OK;
}
