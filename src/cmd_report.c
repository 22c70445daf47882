/*
 * kmap report - everything for the plan in one document: self-contained
 * HTML or an XLSX workbook (report.h). The warnings met while reading are
 * printed as usual and also kept for the report's data-quality section.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "kmap/context.h"
#include "kmap/diff.h"
#include "kmap/output.h"
#include "kmap/report.h"
#include "kmap/xalloc.h"
#include "opt.h"

const char *const report_help[] = {
	"usage: kmap report -f html|xlsx -o FILE [options] FILE...",
	"",
	"One document with all of it: the inputs, the summary per region and",
	"organisation, the heatmap, the distribution per period, the critical",
	"occupations with their trend and comments, where the organisations",
	"disagree, and the warnings met while reading the files. Given two",
	"rounds, also the change since the previous one: the critical",
	"occupations in and out, the rank changes, last round's forecasts",
	"against this round's nuläge, and the changed comments of the",
	"critical occupations.",
	"",
	"  html: one self-contained file (no scripts, nothing from the",
	"        network) that opens offline and prints on A4 in colour;",
	"        every coloured cell also shows the level's letter.",
	"  xlsx: sheets Sammanfattning, Heatmap, Kritiska yrken, Förändring",
	"        (two rounds), Poster (every record with its file and line),",
	"        Kvalitet, and one sheet per critical occupation.",
	"",
	"Output:",
	"  -f, --format FMT         html (default) or xlsx",
	"  -o, --output FILE        write FILE atomically (needed for xlsx on "
	"a",
	"                           terminal)",
	"  --lang LANG              sv (default) or en: the report's language",
	"  --title TEXT             the report's title (default: the län and",
	"                           the round, 'Kompetenskartläggning",
	"                           Västmanlands län 2025')",
	"  --threshold X            brist share in a later period that makes",
	"                           an occupation critical: 0.5 (default),",
	"                           0,5 or 50%",
	"  --context FILE           volumes per organisation and occupation",
	"                           (antal anställda, pensionsavgångar inom 5",
	"                           år, vakanser, rekryteringsbehov), summed",
	"                           beside the critical occupations",
	"  --weight headcount       weight the critical occupations' counts",
	"                           and shares by the headcount of --context",
	"  --by ATTRIBUTE           an attribute a names file gives",
	"                           (kommungrupp): a summary per value, the",
	"                           critical occupations ranked inside each",
	"  --af FILE                add the comparison with Yrkesbarometern's",
	"                           yrkesbarometer.json (see kmap compare;",
	"                           xlsx: sheet Yrkesbarometern)",
	"  -q, --quiet              no warnings on stderr (the report keeps",
	"                           them)",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"@filter",
	"",
	"@round",
	"",
	"@input",
	NULL,
};

enum { OPT_LANG = OPT_COMMAND_FIRST, OPT_TITLE, OPT_AF };

struct report_opts {
	int english;
	double threshold;
	const char *context; /* --context FILE */
	int weighted;	     /* --weight headcount */
	const char *title;   /* --title TEXT */
	const char *by;	     /* --by ATTRIBUTE, or NULL */
	struct context cx;
	const char *af_path; /* --af FILE, or NULL */
	const struct compare *cmp;
	struct diag_list notes; /* printed as usual, warnings kept */
};

static const struct cli_word lang_words[] = {
	{ "sv", 0, 0 },
	{ "en", 1, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_value values[] = {
	{ .id = OPT_FORMAT,
	  .name = "format",
	  .kind = CLI_WORDS,
	  .words = cli_format_words,
	  .only = CLI_ONLY(FORMAT_HTML) | CLI_ONLY(FORMAT_XLSX) },
	{ .id = OPT_BY,
	  .name = "--by",
	  .kind = CLI_WORDS,
	  .words = cli_by_words,
	  .match = cli_match_by,
	  .only = CLI_ONLY(BY_ATTRIBUTE),
	  .expected = N_("an attribute of a names file") },
	{ .id = OPT_LANG,
	  .name = "--lang",
	  .kind = CLI_WORDS,
	  .words = lang_words },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct report_opts *ro = ctx;

	(void)c;
	if (id == OPT_LANG)
		ro->english = arg->word;
	else if (id == OPT_THRESHOLD)
		ro->threshold = arg->share;
	else if (id == OPT_CONTEXT)
		ro->context = arg->text;
	else if (id == OPT_WEIGHT)
		ro->weighted = arg->word;
	else if (id == OPT_TITLE)
		ro->title = arg->text;
	else if (id == OPT_AF)
		ro->af_path = arg->text;
	else if (id == OPT_BY)
		ro->by = arg->text;
	return 0;
}

static int write_report(FILE *fp, const struct cli *c, const struct agg *a,
			const struct diff *change, struct report_opts *ro)
{
	struct crit_list cl;
	struct heatmap hm;
	struct report r = { 0 };
	int rc;

	const struct crit_opts co = { 0,
				      ro->threshold,
				      1,
				      ro->context ? &ro->cx : NULL,
				      ro->weighted,
				      a->attr != NULL };
	crit_build(&cl, a, &co);
	heatmap_build(&hm, a, HEATMAP_BY_PERIOD, 0, HEATMAP_SORT_NAME);
	r.a = a;
	r.cl = &cl;
	r.hm = &hm;
	r.notes = &ro->notes;
	r.threshold = ro->threshold;
	r.english = ro->english;
	r.cmp = ro->cmp;
	r.change = change;
	r.title = ro->title;
	report_build(&r);
	rc = c->format == FORMAT_XLSX ? report_write_xlsx(fp, &r)
				      : report_write_html(fp, &r);
	report_release(&r);
	heatmap_release(&hm);
	crit_release(&cl);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_INPUT,
		OPTS_FILTER,
		OPTS_ROUND,
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "threshold", required_argument, NULL, OPT_THRESHOLD },
		{ "context", required_argument, NULL, OPT_CONTEXT },
		{ "weight", required_argument, NULL, OPT_WEIGHT },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "af", required_argument, NULL, OPT_AF },
		{ "by", required_argument, NULL, OPT_BY },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts ro = { .threshold = 0.5 };
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct af_set af;
	struct compare cmp;
	struct diff change;
	struct output out = { 0 };
	const char *attr = NULL;
	enum name_kind kind = KIND_REGION;
	int rc, changed = 0;

	cli_init(&c, "report", report_help, values);
	memset(&change, 0, sizeof(change));
	c.format = FORMAT_HTML;
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	memset(&a, 0, sizeof(a));
	memset(&af, 0, sizeof(af));
	memset(&cmp, 0, sizeof(cmp));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &ro);
	if (rc || c.help_requested)
		goto out;
	if (c.format == FORMAT_XLSX && !c.output && isatty(STDOUT_FILENO)) {
		rc = cli_usage_error(&c,
				     N_("give -o FILE, or redirect the output"),
				     "an XLSX workbook is not for a terminal");
		goto out;
	}
	diag_list_init(&ro.notes, DIAG_BIT(DIAG_WARNING) | DIAG_BIT(DIAG_NOTE),
		       DIAG_BIT(DIAG_ERROR) | DIAG_BIT(DIAG_INFO) |
			       (c.quiet ? 0
					: DIAG_BIT(DIAG_WARNING) |
						  DIAG_BIT(DIAG_NOTE)));
	diag_set_sink(diag_list_sink, &ro.notes);
	rc = cli_context_check(&c, ro.context, ro.weighted);
	if (rc)
		goto out;
	/* AF's file is an input: -o may never be it */
	if (ro.af_path)
		output_register_input(ro.af_path);
	/* the quality section speaks the report's language; stderr the
	 * user's */
	diag_set_sink_lang(ro.english ? "en" : "sv");
	rc = cli_load_inputs(&c, &ds, NULL);
	if (!rc && ro.by)
		rc = cli_attribute(&c, &ds, ro.by, "", &attr, &kind);
	if (rc)
		goto out;
	rc = cli_context_load(&ro.cx, ro.context, ro.weighted, &ds);
	if (rc)
		goto out;
	dataset_sort_comments(&ds);
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter, AGG_CHANGES))
		goto out;
	if (attr)
		agg_group_by_attribute(&a, attr, kind);
	if (ro.af_path) {
		if (af_load(&af, ro.af_path) || compare_build(&cmp, &a, &af))
			goto out;
		ro.cmp = &cmp;
	}
	changed = report_change_build(&change, &ds, &c.filter, ro.threshold);
	if (changed < 0)
		goto out;
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	if (write_report(out.fp, &c, &a, changed ? &change : NULL, &ro))
		goto out;
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	diag_set_sink(NULL, NULL);
	diag_set_sink_lang(NULL);
	output_abort(&out);
	diag_list_release(&ro.notes);
	compare_release(&cmp);
	af_release(&af);
	diff_release(&change);
	context_release(&ro.cx);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
