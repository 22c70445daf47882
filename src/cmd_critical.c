/*
 * kmap critical - the workshop's second step (SPEC §4): which occupations
 * are critical. Occupations (or, with --by region, occupations inside each
 * region) are ranked by brist share in the last period, then risk share
 * there, then how many organisations rate them worse there than now, then
 * name in Swedish order. One is critical when its risk share in any later
 * period reaches --threshold. For each: counts per period, the change
 * from now, disagreement between organisations, who rates Brist, and the
 * comments. Everything is counted by agg_count_row(), like summary.
 */
#include <string.h>

#include "cmd.h"
#include "kmap/critical_view.h"
#include "kmap/output.h"
#include "opt.h"

const char *const critical_help[] = {
	"usage: kmap critical [options] FILE...",
	"",
	"Occupations ranked by brist share in the last period, then risk "
	"share,",
	"then the number of organisations rating them worse than now, then",
	"name. An occupation is critical when its risk share (Sårbart + Brist)",
	"in any later period is at least the threshold. Shows the counts per",
	"period, worse/same/better since now, spread and agreement between the",
	"organisations, the organisations rating Brist, and the comments.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown",
	"  --threshold X            risk share that makes an occupation "
	"critical:",
	"                           0.5 (default), 0,5 or 50%",
	"  --top N                  only the first N occupations (per region",
	"                           with --by region)",
	"  --by GROUP               occupation (default), or region: rank "
	"inside",
	"                           each region",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  with -f csv: ';', BOM, CRLF, decimal comma",
	"  --color WHEN             auto (default), always, never",
	"  -q, --quiet              no warnings",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"In CSV each occupation has one line per period; the comments are in",
	"the table, markdown and JSON outputs.",
	"",
	"@filter",
	"",
	"@round",
	"",
	"@input",
	NULL,
};

enum { OPT_THRESHOLD = OPT_COMMAND_FIRST, OPT_TOP };

struct critical_opts {
	enum group_by by;
	double threshold;
	unsigned long top; /* 0: all */
};

static const struct cli_value values[] = {
	{ .id = OPT_BY,
	  .name = "--by",
	  .kind = CLI_WORDS,
	  .words = cli_by_words,
	  .only = CLI_ONLY(BY_REGION) | CLI_ONLY(BY_OCCUPATION) },
	{ .id = OPT_THRESHOLD,
	  .name = "--threshold",
	  .kind = CLI_SHARE,
	  .expected = N_("a share from 0 to 1 or 0% to 100%") },
	{ .id = OPT_TOP,
	  .name = "--top",
	  .kind = CLI_COUNT,
	  .expected = N_("a number above 0") },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct critical_opts *co = ctx;

	(void)c;
	if (id == OPT_BY)
		co->by = (enum group_by)arg->word;
	else if (id == OPT_THRESHOLD)
		co->threshold = arg->share;
	else if (id == OPT_TOP)
		co->top = arg->count;
	return 0;
}

int cmd_critical(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_INPUT,
		OPTS_FILTER,
		OPTS_ROUND,
		{ "by", required_argument, NULL, OPT_BY },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	struct critical_opts co = { BY_OCCUPATION, 0.5, 0 };
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct crit_list cl;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	int rc;

	cli_init(&c, "critical", critical_help, values);
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	memset(&a, 0, sizeof(a));
	memset(&cl, 0, sizeof(cl));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &co);
	if (rc || c.help_requested)
		goto out;
	rc = cli_load_inputs(&c, &ds, NULL);
	if (rc)
		goto out;
	dataset_sort_comments(&ds);
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter, AGG_CHANGES))
		goto out;
	crit_build(&cl, &a, co.by == BY_REGION, co.threshold);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	critical_view_write(out.fp, &cl, co.threshold, co.top, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	crit_release(&cl);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
