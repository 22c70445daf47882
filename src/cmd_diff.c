/*
 * kmap diff OLD NEW - what changed between two rounds of the same
 * mapping, each side a file or a manifest of exports: what only one round
 * has (the rolling horizon, organisations and occupations that came or
 * went), the occupations that became critical and those that are no
 * longer, the rank changes, how last round's forecasts compare with this
 * round's nuläge, the revisions of later periods, the risk and brist
 * shares, the records that differ and the counts per group. --exit-code
 * makes it a regression check for CI.
 */
#include <string.h>

#include "cmd.h"
#include "kmap/diag.h"
#include "kmap/diff_view.h"
#include "kmap/output.h"
#include "kmap/rounds.h"
#include "opt.h"

const char *const diff_help[] = {
	"usage: kmap diff [options] OLD NEW",
	"",
	"What changed between two rounds. OLD and NEW are each a file or a",
	"manifest of exports (its omgång column names the round). By default",
	"the periods both rounds rate are compared, and the rolling horizon",
	"(periods only in OLD or NEW) and the organisations and occupations",
	"only one round has are named once. Then: the occupations that became",
	"critical and those no longer critical, the rank changes, last "
	"round's",
	"forecasts against this round's nuläge, the revisions of later",
	"periods, the risk and brist shares that moved, each record (region,",
	"organisation, occupation, period) whose rating changed, was added or",
	"removed, and the counts per group that differ. The files may differ",
	"in layout, encoding, delimiter and spelling of names: the comparison",
	"is on records, not on text.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown, or "
	"long:",
	"                           one CSV row per changed cell",
	"  --by GROUP               occupation (default), region, "
	"organisation:",
	"                           the groups whose counts are compared",
	"  --threshold X            risk share that makes an occupation",
	"                           critical: 0.5 (default), 0,5 or 50%",
	"  --all-records            every period and organisation record by",
	"                           record, also those only one round has",
	"  --comments               also compare comments",
	"  --exit-code              exit 1 when anything differs, 0 when not",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  with -f csv or long: ';', BOM, CRLF, "
	"decimal",
	"                           comma",
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
	"CSV has the tables one after another, each with its header row and",
	"an empty line between them; JSON is kmap.diff/2.",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum {
	OPT_EXIT_CODE = OPT_COMMAND_FIRST,
	OPT_COMMENTS,
	OPT_ALL_RECORDS,
};

struct diff_cmd {
	struct diff_opts o;
	int exit_code;
};

static const struct cli_value values[] = {
	{ .id = OPT_FORMAT,
	  .name = "format",
	  .kind = CLI_WORDS,
	  .words = cli_format_words,
	  .only = CLI_ONLY(FORMAT_TABLE) | CLI_ONLY(FORMAT_CSV) |
		  CLI_ONLY(FORMAT_JSON) | CLI_ONLY(FORMAT_MARKDOWN) |
		  CLI_ONLY(FORMAT_LONG) },
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
	struct diff_cmd *o = ctx;

	(void)c;
	if (id == OPT_BY)
		o->o.by = (enum group_by)arg->word;
	else if (id == OPT_EXIT_CODE)
		o->exit_code = 1;
	else if (id == OPT_COMMENTS)
		o->o.comments = 1;
	else if (id == OPT_THRESHOLD)
		o->o.threshold = arg->share;
	else if (id == OPT_ALL_RECORDS)
		o->o.all_records = 1;
	return 0;
}

/*
 * Sides given the other way round (the newer round first) compare no
 * forecast with what came: say so, once, unless -q.
 */
static void note_order(const struct diff *d)
{
	const char *old = d->round[0], *new = d->round[1];

	if (!old || !new || strchr(old, ',') || strchr(new, ',') ||
	    round_label_cmp(old, new) <= 0)
		return;
	diag_report(DIAG_NOTE, NULL,
		    N_("give the older round first: kmap diff OLDER NEWER"),
		    "OLD is round %s, newer than NEW (round %s): no forecast "
		    "of OLD's can be checked against NEW",
		    old, new);
}

int cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_WIDTH,
		OPTS_INPUT,
		OPTS_FILTER,
		{ "by", required_argument, NULL, OPT_BY },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "all-records", no_argument, NULL, OPT_ALL_RECORDS },
		{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
		{ "comments", no_argument, NULL, OPT_COMMENTS },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "lang", required_argument, NULL, OPT_CSV_LANG },
		{ NULL, 0, NULL, 0 },
	};
	static const struct cli_input old_side = { 0, 1, 0, NULL },
				      new_side = { 1, 1, 0, NULL };
	struct diff_cmd o = { { BY_OCCUPATION, 0, 0, 0.5, 0 }, 0 };
	struct cli c;
	struct dataset old, new;
	struct diff_side sides[2] = { { &old, NULL }, { &new, NULL } };
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
		rc = cli_usage_error(
			&c,
			N_("diff compares two rounds, OLD and NEW: "
			   "each a file or a manifest"),
			"no input files");
		goto out;
	}
	if (c.nfiles != 2) {
		rc = cli_usage_error(
			&c,
			N_("a round of several exports is one "
			   "manifest (a CSV with a fil column)"),
			i18n_ngettext("diff needs two rounds, OLD and NEW (got "
				      "%d input)",
				      "diff needs two rounds, OLD and NEW (got "
				      "%d inputs)",
				      (unsigned long)c.nfiles),
			c.nfiles);
		goto out;
	}
	old.keep_comments = new.keep_comments = o.o.comments;
	rc = cli_load_inputs(&c, &old, &old_side);
	if (!rc)
		rc = cli_load_inputs(&c, &new, &new_side);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (diff_build(&d, &sides[0], &sides[1], &c.filter, &o.o))
		goto out;
	note_order(&d);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	diff_view_write(out.fp, &d, &ro);
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
