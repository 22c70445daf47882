#include <string.h>

#include <stdlib.h>

#include "cmd.h"
#include "kmap/output.h"
#include "kmap/rounds.h"
#include "kmap/summary_view.h"
#include "kmap/xalloc.h"
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
	"                           round: each round's figures side by side,",
	"                           or an attribute a names file gives "
	"(kommungrupp)",
	"  --trend                  change from the current period to each "
	"later",
	"                           one: worse, same, better and transitions",
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
	"@filter",
	"",
	"@round",
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

/* Each round's counts, with the same filters, in round order. */
struct rounds {
	struct summary_round *v;
	struct agg *aggs;
	struct round_pick *picks;
	size_t n;
};

static int count_rounds(struct rounds *r, const struct dataset *ds,
			const struct filter *f, unsigned flags)
{
	uint32_t *order = rounds_sorted(ds);
	int rc = 0;

	r->v = xcalloc((size_t)ds->nrounds + 1, sizeof(*r->v));
	r->aggs = xcalloc((size_t)ds->nrounds + 1, sizeof(*r->aggs));
	r->picks = xcalloc((size_t)ds->nrounds + 1, sizeof(*r->picks));
	for (uint32_t i = 0; i < ds->nrounds && !rc; i++) {
		struct filter one = *f;
		round_pick_one(&r->picks[i], ds, order[i]);
		one.rounds = &r->picks[i];
		rc = agg_build(&r->aggs[i], ds, &one, flags);
		r->v[i].label = ds->rounds[order[i]].label;
		r->v[i].a = &r->aggs[i];
		r->n = i + 1;
	}
	free(order);
	return rc;
}

static void rounds_release(struct rounds *r)
{
	for (size_t i = 0; i < r->n; i++) {
		agg_release(&r->aggs[i]);
		round_pick_release(&r->picks[i]);
	}
	free(r->v);
	free(r->aggs);
	free(r->picks);
	memset(r, 0, sizeof(*r));
}

/* ---- the command --------------------------------------------------- */

int cmd_summary(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_WIDTH,
		OPTS_INPUT,
		OPTS_FILTER,
		OPTS_ROUND,
		{ "by", required_argument, NULL, OPT_BY },
		{ "trend", no_argument, NULL, OPT_TREND },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ "lang", required_argument, NULL, OPT_CSV_LANG },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	struct summary_opts so = { BY_TOTAL, NULL, 0 };
	struct cli_input in = { 0, 0, 0, NULL };
	struct rounds rounds = { 0 };
	const char *attr = NULL;
	enum name_kind kind = KIND_REGION;
	unsigned flags;
	int rc;

	cli_init(&c, "summary", summary_help, values);
	dataset_init(&ds, scale_default());
	memset(&a, 0, sizeof(a));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &so);
	if (rc || c.help_requested)
		goto out;
	if (so.by == BY_ROUND)
		in.flags |= CLI_INPUT_ALL_ROUNDS;
	rc = cli_load_inputs(&c, &ds, &in);
	if (!rc && so.by == BY_ATTRIBUTE)
		rc = cli_attribute(&c, &ds, so.attribute,
				   "total, region, organisation, occupation, "
				   "round",
				   &attr, &kind);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	flags = so.trend ? AGG_CHANGES : 0;
	if (agg_build(&a, &ds, &c.filter, flags))
		goto out;
	/* --by round sets them side by side; JSON always has them */
	if ((so.by == BY_ROUND || c.format == FORMAT_JSON) &&
	    count_rounds(&rounds, &ds, &c.filter, flags))
		goto out;
	if (attr)
		agg_group_by_attribute(&a, attr, kind);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	summary_view_write_rounds(out.fp, &a, rounds.v, rounds.n, so.by,
				  so.trend, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	rounds_release(&rounds);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
