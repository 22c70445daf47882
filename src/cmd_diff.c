/*
 * kmap diff OLD NEW - what changed between two rounds of the same
 * mapping: the records whose rating changed, was added or removed (and
 * with --comments whose comment changed), and the counts per group where
 * they differ. --exit-code makes it a regression check for CI.
 */
#include <string.h>

#include "cmd.h"
#include "kmap/diff_view.h"
#include "kmap/output.h"
#include "opt.h"

const char *const diff_help[] = {
	"usage: kmap diff [options] OLD NEW",
	"",
	"What changed between two rounds: each record (region, organisation,",
	"occupation, period) whose rating changed, was added or was removed,",
	"and the counts per group and period where they differ. The files may",
	"differ in layout, encoding, delimiter and spelling of names: the",
	"comparison is on records, not on text.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown",
	"  --by GROUP               occupation (default), region, "
	"organisation:",
	"                           the groups whose counts are compared",
	"  --comments               also compare comments",
	"  --exit-code              exit 1 when anything differs, 0 when not",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  with -f csv: ';', BOM, CRLF, decimal comma",
	"  --color WHEN             auto (default), always, never",
	"  -q, --quiet              no warnings",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"CSV has one line per changed record; the group counts are in the",
	"table, markdown and JSON outputs.",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum { OPT_EXIT_CODE = OPT_COMMAND_FIRST, OPT_COMMENTS };

struct diff_opts {
	enum group_by by;
	int exit_code, comments;
};

static const struct cli_value values[] = {
	{ .id = OPT_BY,
	  .name = "--by",
	  .kind = CLI_WORDS,
	  .words = cli_by_words,
	  .only = CLI_ONLY(BY_REGION) | CLI_ONLY(BY_ORGANISATION) |
		  CLI_ONLY(BY_OCCUPATION) },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct diff_opts *o = ctx;

	(void)c;
	if (id == OPT_BY)
		o->by = (enum group_by)arg->word;
	else if (id == OPT_EXIT_CODE)
		o->exit_code = 1;
	else if (id == OPT_COMMENTS)
		o->comments = 1;
	return 0;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_INPUT,
		OPTS_FILTER,
		{ "by", required_argument, NULL, OPT_BY },
		{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
		{ "comments", no_argument, NULL, OPT_COMMENTS },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_input old_side = { 0, 1, 0, NULL },
				      new_side = { 1, 1, 0, NULL };
	struct diff_opts o = { BY_OCCUPATION, 0, 0 };
	struct cli c;
	struct dataset old, new;
	struct diff d;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	int rc;

	cli_init(&c, "diff", diff_help, values);
	dataset_init(&old, scale_default());
	dataset_init(&new, scale_default());
	memset(&d, 0, sizeof(d));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &o);
	if (rc || c.help_requested)
		goto out;
	if (!c.nfiles) {
		rc = cli_usage_error(&c,
				     N_("diff compares two files, OLD and NEW"),
				     "no input files");
		goto out;
	}
	if (c.nfiles != 2) {
		rc = cli_usage_error(&c, NULL,
				     "diff needs two files, OLD and NEW (got "
				     "%d)",
				     c.nfiles);
		goto out;
	}
	old.keep_comments = new.keep_comments = o.comments;
	rc = cli_load_inputs(&c, &old, &old_side);
	if (!rc)
		rc = cli_load_inputs(&c, &new, &new_side);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (diff_build(&d, &old, &new, &c.filter, o.by, o.comments))
		goto out;
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	diff_view_write(out.fp, &d, o.comments, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
	if (!rc && o.exit_code && diff_any(&d))
		rc = KMAP_EXIT_FINDINGS;
out:
	output_abort(&out);
	diff_release(&d);
	dataset_release(&old);
	dataset_release(&new);
	cli_release(&c);
	return rc;
}
