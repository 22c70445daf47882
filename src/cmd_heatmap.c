/*
 * kmap heatmap - the workshop's colour grid (SPEC §6): occupations down,
 * periods across (or, with --by organisation, the organisations in one
 * period), each cell the most common rating's letter in its colour, or
 * the counts at each level. In a terminal the grid is fitted to the
 * width by shortening long occupation names, which a legend then gives
 * in full; piped or with --color never it is plain text with letters.
 */
#include <string.h>

#include "cmd.h"
#include "kmap/heatmap_view.h"
#include "kmap/output.h"
#include "opt.h"

const char *const heatmap_help[] = {
	"usage: kmap heatmap [options] FILE...",
	"",
	"One row per occupation, one column per period: each cell is the most",
	"common rating's letter (Ö Övertalighet, H Hållbart, S Sårbart,",
	"B Brist; on a tie the worse) in the level's colour, or with",
	"--cells counts the number of ratings at each level. '–' marks a",
	"cell whose records have no rating.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown, html",
	"  --by WHAT                period (default), or organisation: the",
	"                           organisations in one period (--period, or",
	"                           else the current one); or an attribute a",
	"                           names file gives (kommungrupp): its values",
	"                           in one period",
	"  --cells WHAT             mode (default) or counts",
	"  --sort ORDER             name (default, Swedish order) or risk (as",
	"                           kmap critical ranks them)",
	"  --width N                fit the grid to N columns (default: "
	"COLUMNS,",
	"                           the terminal's width, or 80); long names",
	"                           are shortened and listed below the grid",
	"  --excel                  with -f csv: ';', BOM, CRLF",
	"  --lang LANG              with -f csv: the columns headed by their "
	"keys,",
	"                           en (default), or in Swedish, sv",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --color WHEN             auto (default), always, never; NO_COLOR",
	"                           turns colour off, COLORTERM=truecolor",
	"                           gives 24-bit colour",
	"  -q, --quiet              no warnings",
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

enum { OPT_CELLS = OPT_COMMAND_FIRST, OPT_SORT };

struct heatmap_opts {
	enum heatmap_by by;
	const char *attribute; /* HEATMAP_BY_ATTRIBUTE: as given */
	int counts;
	enum heatmap_sort sort;
};

static const struct cli_word by_words[] = {
	{ "period", HEATMAP_BY_PERIOD, 0 },
	{ "organisation", HEATMAP_BY_ORGANISATION, 0 },
	{ "organization", HEATMAP_BY_ORGANISATION, CLI_WORD_ALIAS },
	{ NULL, 0, 0 },
};

/* --by: a word above, or any other as an attribute (cli_attribute()) */
static int match_by(const char *arg, int *value)
{
	for (const struct cli_word *w = by_words; w->word; w++)
		if (!strcmp(w->word, arg)) {
			*value = w->value;
			return 0;
		}
	*value = HEATMAP_BY_ATTRIBUTE;
	return *arg ? 0 : -1;
}

static const struct cli_word cells_words[] = {
	{ "mode", 0, 0 },
	{ "counts", 1, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_word sort_words[] = {
	{ "name", HEATMAP_SORT_NAME, 0 },
	{ "risk", HEATMAP_SORT_RISK, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_value values[] = {
	{ .id = OPT_FORMAT,
	  .name = "format",
	  .kind = CLI_WORDS,
	  .words = cli_format_words,
	  .only = CLI_ONLY(FORMAT_TABLE) | CLI_ONLY(FORMAT_CSV) |
		  CLI_ONLY(FORMAT_JSON) | CLI_ONLY(FORMAT_MARKDOWN) |
		  CLI_ONLY(FORMAT_HTML) },
	{ .id = OPT_BY,
	  .name = "--by",
	  .kind = CLI_WORDS,
	  .words = by_words,
	  .match = match_by },
	{ .id = OPT_CELLS,
	  .name = "--cells",
	  .kind = CLI_WORDS,
	  .words = cells_words },
	{ .id = OPT_SORT,
	  .name = "--sort",
	  .kind = CLI_WORDS,
	  .words = sort_words },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct heatmap_opts *ho = ctx;

	(void)c;
	if (id == OPT_BY) {
		ho->by = (enum heatmap_by)arg->word;
		ho->attribute = arg->text;
	} else if (id == OPT_CELLS)
		ho->counts = arg->word;
	else if (id == OPT_SORT)
		ho->sort = (enum heatmap_sort)arg->word;
	return 0;
}

/*
 * The period of --by organisation: the one --period leaves, else the
 * current one, else the last. Returns -1 after reporting when --period
 * leaves several.
 */
static int64_t org_period(const struct cli *c, const struct agg *a)
{
	if (!a->nperiods)
		return 0;
	if (a->nperiods == 1)
		return a->periods[0];
	if (c->filter.nperiods) {
		cli_usage_error(c, N_("give one --period"),
				"--by %s shows one period; --period "
				"matched %u",
				a->attr ? a->attr->attribute : "organisation",
				a->nperiods);
		return -1;
	}
	if (a->first_current >= 0)
		return a->first_current;
	return a->periods[a->nperiods - 1];
}

int cmd_heatmap(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_INPUT,
		OPTS_FILTER,
		OPTS_ROUND,
		{ "by", required_argument, NULL, OPT_BY },
		{ "cells", required_argument, NULL, OPT_CELLS },
		{ "sort", required_argument, NULL, OPT_SORT },
		OPTS_WIDTH,
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "lang", required_argument, NULL, OPT_CSV_LANG },
		{ NULL, 0, NULL, 0 },
	};
	struct heatmap_opts ho = { HEATMAP_BY_PERIOD, NULL, 0,
				   HEATMAP_SORT_NAME };
	const char *attr = NULL;
	enum name_kind kind = KIND_REGION;
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct heatmap hm;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	int64_t period = 0;
	int rc;

	cli_init(&c, "heatmap", heatmap_help, values);
	dataset_init(&ds, scale_default());
	memset(&a, 0, sizeof(a));
	memset(&hm, 0, sizeof(hm));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &ho);
	if (rc || c.help_requested)
		goto out;
	rc = cli_load_inputs(&c, &ds, NULL);
	if (!rc && ho.by == HEATMAP_BY_ATTRIBUTE)
		rc = cli_attribute(&c, &ds, ho.attribute,
				   "period, organisation", &attr, &kind);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter,
		      ho.sort == HEATMAP_SORT_RISK ? AGG_CHANGES : 0))
		goto out;
	if (attr)
		agg_group_by_attribute(&a, attr, kind);
	if (ho.by != HEATMAP_BY_PERIOD)
		period = org_period(&c, &a);
	rc = KMAP_EXIT_USAGE;
	if (period < 0)
		goto out;
	heatmap_build(&hm, &a, ho.by, (uint32_t)period, ho.sort);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	heatmap_view_write(out.fp, &hm, ho.counts, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	heatmap_release(&hm);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
