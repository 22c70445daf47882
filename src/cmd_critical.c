/*
 * kmap critical - the workshop's second step (SPEC §4): which occupations
 * are critical. Occupations (or, with --by region, occupations inside each
 * region; with --by ATTRIBUTE, inside each value of a names file's
 * attribute) are ranked by brist share in the last period, then the number
 * of organisations saying Brist there, then risk share, then how many
 * organisations rate them worse there than now, then name in Swedish
 * order (critical.h). One is critical when its brist share in a later
 * period reaches --threshold. For each: counts per period, the change
 * from now, disagreement between organisations, who rates Brist, and the
 * comments. Everything is counted by agg_count_row(), like summary.
 */
#include <stdint.h>
#include <string.h>

#include "cmd.h"
#include "kmap/context.h"
#include "kmap/critical_view.h"
#include "kmap/output.h"
#include "opt.h"

const char *const critical_help[] = {
	"usage: kmap critical [options] FILE...",
	"",
	"Occupations ranked by brist share in the last period; the same share",
	"from more organisations first (8 of 8 before 2 of 2), then risk "
	"share,",
	"then the number of organisations rating them worse than now, then",
	"name. An occupation is critical when at least the threshold share of",
	"the organisations rating it say Brist in a later period (Sårbart",
	"alone never makes it critical). Shows the counts per period,",
	"worse/same/better since now, spread and agreement between the",
	"organisations, the organisations rating Brist, and the comments.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown",
	"  --threshold X            brist share in a later period that makes "
	"an",
	"                           occupation critical: 0.5 (default), 0,5 or",
	"                           50%",
	"  --top N                  only the first N occupations (per group",
	"                           with --by)",
	"  --min-raters N           occupations rated by fewer than N",
	"                           organisations in their last period are set",
	"                           apart, unranked (default 1: all ranked)",
	"  --long                   also the counts per period, the change",
	"                           from now and who rates Brist",
	"  --context FILE           volumes per organisation and occupation",
	"                           (antal anställda, pensionsavgångar inom 5",
	"                           år, vakanser, rekryteringsbehov), summed",
	"                           beside the ratings",
	"  --weight headcount       weight the counts and shares by the",
	"                           headcount of --context",
	"  --by GROUP               occupation (default); region: rank inside",
	"                           each region; or an attribute a names file",
	"                           gives (kommungrupp): rank inside each of",
	"                           its values, (saknas) for names without it",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  with -f csv: ';', BOM, CRLF, decimal comma",
	"  --lang LANG              with -f csv: the columns headed by their "
	"keys,",
	"                           en (default), or in Swedish, sv",
	"  --width N                fit tables to N columns (default: COLUMNS,",
	"                           the terminal's width, or 80): long names",
	"                           are shortened and listed below",
	"  --color WHEN             auto (default), always, never",
	"  -q, --quiet              no warnings",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"The table has one line per occupation: the organisations rating it in",
	"its last period (bedömda), how many of them say Brist, the brist and",
	"risk shares of them, and how many rate it worse than now. In CSV each",
	"occupation has one line per period; the comments are in the table,",
	"markdown and JSON outputs.",
	"",
	"@filter",
	"",
	"@round",
	"",
	"@input",
	NULL,
};

enum { OPT_TOP = OPT_COMMAND_FIRST, OPT_MIN_RATERS, OPT_LONG };

struct critical_opts {
	enum group_by by;
	const char *attribute; /* BY_ATTRIBUTE: as given */
	double threshold;
	unsigned long top; /* 0: all */
	unsigned long min_raters;
	int long_form;
	const char *context; /* --context FILE */
	int weighted;	     /* --weight headcount */
};

static const struct cli_value values[] = {
	{ .id = OPT_BY,
	  .name = "--by",
	  .kind = CLI_WORDS,
	  .words = cli_by_words,
	  .match = cli_match_by,
	  .only = CLI_ONLY(BY_REGION) | CLI_ONLY(BY_OCCUPATION) |
		  CLI_ONLY(BY_ATTRIBUTE) },
	{ .id = OPT_TOP,
	  .name = "--top",
	  .kind = CLI_COUNT,
	  .expected = N_("a number above 0") },
	{ .id = OPT_MIN_RATERS,
	  .name = "--min-raters",
	  .kind = CLI_COUNT,
	  .expected = N_("a number of organisations from 1"),
	  .max = UINT32_MAX },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct critical_opts *co = ctx;

	(void)c;
	if (id == OPT_BY) {
		co->by = (enum group_by)arg->word;
		co->attribute = arg->text;
	} else if (id == OPT_THRESHOLD)
		co->threshold = arg->share;
	else if (id == OPT_TOP)
		co->top = arg->count;
	else if (id == OPT_MIN_RATERS)
		co->min_raters = arg->count;
	else if (id == OPT_LONG)
		co->long_form = 1;
	else if (id == OPT_CONTEXT)
		co->context = arg->text;
	else if (id == OPT_WEIGHT)
		co->weighted = arg->word;
	return 0;
}

int cmd_critical(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_WIDTH,
		OPTS_INPUT,
		OPTS_FILTER,
		OPTS_ROUND,
		{ "by", required_argument, NULL, OPT_BY },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "min-raters", required_argument, NULL, OPT_MIN_RATERS },
		{ "long", no_argument, NULL, OPT_LONG },
		{ "context", required_argument, NULL, OPT_CONTEXT },
		{ "weight", required_argument, NULL, OPT_WEIGHT },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "lang", required_argument, NULL, OPT_CSV_LANG },
		{ NULL, 0, NULL, 0 },
	};
	struct critical_opts co = {
		BY_OCCUPATION, NULL, 0.5, 0, 1, 0, NULL, 0
	};
	struct context cx = { 0 };
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct crit_list cl;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	const char *attr = NULL;
	enum name_kind kind = KIND_REGION;
	int rc;

	cli_init(&c, "critical", critical_help, values);
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	memset(&a, 0, sizeof(a));
	memset(&cl, 0, sizeof(cl));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &co);
	if (rc || c.help_requested)
		goto out;
	rc = cli_context_check(&c, co.context, co.weighted);
	if (rc)
		goto out;
	rc = cli_load_inputs(&c, &ds, NULL);
	if (!rc && co.by == BY_ATTRIBUTE)
		rc = cli_attribute(&c, &ds, co.attribute, "occupation, region",
				   &attr, &kind);
	if (rc)
		goto out;
	rc = cli_context_load(&cx, co.context, co.weighted, &ds);
	if (rc)
		goto out;
	dataset_sort_comments(&ds);
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter, AGG_CHANGES))
		goto out;
	if (attr)
		agg_group_by_attribute(&a, attr, kind);
	const struct crit_opts cro = {
		co.by == BY_REGION,	 co.threshold, (uint32_t)co.min_raters,
		co.context ? &cx : NULL, co.weighted,  attr != NULL
	};
	const struct critical_view_opts vo = { co.threshold, co.top,
					       (uint32_t)co.min_raters,
					       co.long_form };
	crit_build(&cl, &a, &cro);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	critical_view_write(out.fp, &cl, &vo, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	crit_release(&cl);
	context_release(&cx);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
