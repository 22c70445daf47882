/*
 * cli_input.c - the input step (opt.h): the files named on the command
 * line become loaded datasets here, and nowhere else.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/diag_list.h"
#include "kmap/output.h"
#include "opt.h"

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

int cli_load_inputs(struct cli *c, struct dataset *ds,
		    const struct cli_input *in)
{
	static const struct cli_input all = { 0, 0, 0, NULL };
	struct load_opts lo = c->load;
	int keep_going, end, rc = KMAP_EXIT_OK;

	if (!in)
		in = &all;
	if (!c->inputs_checked) {
		if (!c->nfiles)
			return cli_usage_error(c,
					       "use '-' to read standard input",
					       "no input files");
		/* every input of any kind is refused as the output */
		output_register_input(c->scale_path);
		if (output_check_inputs(c->output, c->files, c->nfiles))
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
	for (int i = in->first; i < end && !rc; i++)
		if (load_file(ds, c->files[i], &lo) != LOAD_OK && !keep_going)
			rc = KMAP_EXIT_INPUT;
	if (!rc)
		load_warn_merged(ds);
	if (in->findings)
		diag_set_sink(NULL, NULL);
	return rc;
}
