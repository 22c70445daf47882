#include <string.h>

#include "cmd.h"
#include "kmap/output.h"
#include "kmap/summary_view.h"
#include "opt.h"

const char *const summary_help[] = {
	"usage: kmap summary [options] FILE...",
	"",
	"Counts and shares of each rating per period: for all records, or per",
	"region, organisation or occupation. FILE '-' is standard input.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown",
	"  --by GROUP               total (default), region, organisation, "
	"occupation,",
	"                           or an attribute a names file gives "
	"(kommungrupp)",
	"  --trend                  change from the current period to each "
	"later",
	"                           one: worse, same, better and transitions",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  with -f csv: ';', BOM, CRLF, decimal comma",
	"  --color WHEN             auto (default), always, never",
	"  -q, --quiet              no warnings",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum { OPT_TREND = OPT_COMMAND_FIRST };

struct summary_opts {
	enum group_by by;
	const char *attribute; /* BY_ATTRIBUTE: as given */
	int trend;
};

static const struct cli_value values[] = {
	{ .id = OPT_BY,
	  .name = "--by",
	  .kind = CLI_WORDS,
	  .words = cli_by_words,
	  .match = cli_match_by },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct summary_opts *so = ctx;

	(void)c;
	if (id == OPT_TREND)
		so->trend = 1;
	else if (id == OPT_BY) {
		so->by = (enum group_by)arg->word;
		so->attribute = arg->text;
	}
	return 0;
}

/* ---- the command --------------------------------------------------- */

int cmd_summary(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_INPUT,
		OPTS_FILTER,
		{ "by", required_argument, NULL, OPT_BY },
		{ "trend", no_argument, NULL, OPT_TREND },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	struct summary_opts so = { BY_TOTAL, NULL, 0 };
	const char *attr = NULL;
	enum name_kind kind = KIND_REGION;
	int rc;

	cli_init(&c, "summary", summary_help, values);
	dataset_init(&ds, scale_default());
	memset(&a, 0, sizeof(a));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &so);
	if (rc || c.help_requested)
		goto out;
	rc = cli_load_inputs(&c, &ds, NULL);
	if (!rc && so.by == BY_ATTRIBUTE)
		rc = cli_attribute(&c, so.attribute, &attr, &kind);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter, so.trend ? AGG_CHANGES : 0))
		goto out;
	if (attr)
		agg_group_by_attribute(&a, attr, kind);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	summary_view_write(out.fp, &a, so.by, so.trend, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
