/*
 * kmap convert - rewrites the records of wide or long sheets in the other
 * layout, as clean UTF-8 RFC 4180 CSV (or for Swedish Excel with
 * --excel). The output holds everything kmap reads from the input, in
 * a normal form: names in their shown spelling, ratings as their labels,
 * periods as labels with the current one marked "Nuläge", rows in
 * Swedish order. Converting back gives the same bytes as converting the
 * original to its own layout.
 *
 *   long:  Region, Organisation, Yrke, Period, Bedömning, Kommentar
 *          (a comment on a whole wide row becomes a line with no period
 *          and no rating, which the loader reads back as such)
 *   wide:  Region, Organisation, Yrke, one column per period, Kommentar
 *          for whole-row comments, Kommentar <period> for the others
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "kmap/diag.h"
#include "kmap/output.h"
#include "kmap/xalloc.h"
#include "opt.h"

const char *const convert_help[] = {
	"usage: kmap convert [options] FILE...",
	"",
	"Writes the records of the files in the other layout: wide (one column",
	"per period) to long (one line per record) or long to wide, as UTF-8",
	"CSV. Names are written as kmap shows them, ratings as their labels,",
	"the current period as 'Nuläge YEAR'; rows come in Swedish order.",
	"Converting the result back gives what converting the input to its own",
	"layout gives. A record missing from a long file becomes an empty",
	"(missing) cell in a wide one.",
	"",
	"Output:",
	"  --to LAYOUT              long or wide (default: the other layout of "
	"the",
	"                           inputs)",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  ';', BOM, CRLF for Swedish Excel",
	"  -q, --quiet              no warnings",
	"  --verbose                also list ignored columns",
	"  -h, --help               this help",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum { OPT_TO = OPT_COMMAND_FIRST };
enum layout { TO_DEFAULT, TO_LONG, TO_WIDE };

static const struct cli_word to_words[] = {
	{ "long", TO_LONG, 0 },
	{ "wide", TO_WIDE, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_value values[] = {
	{ .id = OPT_TO, .name = "--to", .kind = CLI_WORDS, .words = to_words },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	(void)c;
	if (id == OPT_TO)
		*(enum layout *)ctx = (enum layout)arg->word;
	return 0;
}

/* The other layout of the inputs; -1 after reporting mixed layouts. */
static int default_layout(const struct cli *c, const struct dataset *ds,
			  enum layout *to)
{
	int wide = 0, long_ = 0;

	for (uint32_t i = 0; i < ds->ninputs; i++) {
		wide |= !strcmp(ds->inputs[i].layout, "wide");
		long_ |= !strcmp(ds->inputs[i].layout, "long");
	}
	if (wide && long_) {
		cli_usage_error(c, NULL,
				"the inputs are both wide and long; say --to "
				"long or --to wide");
		return -1;
	}
	*to = wide ? TO_LONG : TO_WIDE;
	return 0;
}

/*
 * The current period all inputs share, -1 when none; -2 after reporting
 * inputs that mark different ones (one file can hold one Nuläge).
 */
static int32_t shared_current(const struct dataset *ds)
{
	int32_t cur = -1;
	uint32_t first = 0;

	for (uint32_t i = 0; i < ds->ninputs; i++) {
		int32_t c = ds->inputs[i].current;
		if (c < 0)
			continue;
		if (cur >= 0 && c != cur) {
			kmap_error("%s has Nuläge %s and %s has Nuläge %s; "
				   "convert them one at a time",
				   ds->inputs[first].name,
				   ds->periods[cur].label, ds->inputs[i].name,
				   ds->periods[c].label);
			return -2;
		}
		cur = c;
		first = i;
	}
	return cur;
}

struct writer {
	FILE *fp;
	char delim;
	const char *eol;
	const struct agg *a;
	int32_t current;
	uint32_t *rows, nrows; /* in Swedish order */
};

static void field(struct writer *w, const char *s, int first)
{
	if (!first)
		fputc(w->delim, w->fp);
	csv_write_field(w->fp, s ? s : "", w->delim);
}

static void end_line(struct writer *w)
{
	fputs(w->eol, w->fp);
}

static void period_head(struct writer *w, uint32_t p, const char *prefix,
			struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s%s%s", prefix,
		    (int32_t)p == w->current ? "Nuläge " : "",
		    w->a->ds->periods[p].label);
}

static const char *rating(const struct dataset *ds, uint8_t level)
{
	if (level == LEVEL_NONE || level == LEVEL_MISSING)
		return "";
	return ds->scale->levels[level - 1].label;
}

static void names(struct writer *w, uint32_t r)
{
	const struct dataset *ds = w->a->ds;
	const struct row *row = &ds->rows[r];
	const struct unit *u = &ds->units[row->unit];

	field(w, name_display(&ds->regions, u->region), 1);
	field(w, name_display(&ds->organisations, u->org), 0);
	field(w, name_display(&ds->occupations, row->occupation), 0);
}

static void write_long(struct writer *w)
{
	const struct agg *a = w->a;
	const struct dataset *ds = a->ds;
	static const char *const heads[] = { "Region",	  "Organisation",
					     "Yrke",	  "Period",
					     "Bedömning", "Kommentar" };
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;

	for (size_t k = 0; k < 6; k++)
		field(w, heads[k], !k);
	end_line(w);
	for (uint32_t i = 0; i < w->nrows; i++) {
		uint32_t r = w->rows[i];
		dataset_comment_text(w->a->ds, r, -1, &text);
		if (text.len) {
			names(w, r);
			field(w, "", 0);
			field(w, "", 0);
			field(w, text.buf, 0);
			end_line(w);
		}
		for (uint32_t k = 0; k < a->nperiods; k++) {
			uint32_t p = a->periods[k];
			uint8_t level = dataset_level(ds, r, p);
			if (level == LEVEL_NONE)
				continue;
			names(w, r);
			period_head(w, p, "", &sb);
			field(w, sb.buf, 0);
			field(w, rating(ds, level), 0);
			dataset_comment_text(w->a->ds, r, (int32_t)p, &text);
			field(w, text.buf, 0);
			end_line(w);
		}
	}
	strbuf_release(&sb);
	strbuf_release(&text);
}

/* Which comment columns a wide file needs: [0] the row's, [1 + k] period k. */
static uint8_t *comment_columns(const struct writer *w)
{
	const struct agg *a = w->a;
	const struct dataset *ds = a->ds;
	uint8_t *need = xcalloc(a->nperiods + 1, 1);
	uint32_t *slot = xcalloc(ds->nperiods + 1, sizeof(*slot));

	for (uint32_t k = 0; k < a->nperiods; k++)
		slot[a->periods[k]] = k + 1;
	for (uint32_t i = 0; i < w->nrows; i++) {
		const struct comment *c;
		size_t n = dataset_comments(ds, w->rows[i], &c);
		for (size_t m = 0; m < n; m++)
			if (c[m].period < 0)
				need[0] = 1;
			else if (slot[c[m].period])
				need[slot[c[m].period]] = 1;
	}
	free(slot);
	return need;
}

static void write_wide(struct writer *w)
{
	const struct agg *a = w->a;
	const struct dataset *ds = a->ds;
	static const char *const heads[] = { "Region", "Organisation", "Yrke" };
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	uint8_t *need = comment_columns(w);

	for (size_t k = 0; k < 3; k++)
		field(w, heads[k], !k);
	for (uint32_t k = 0; k < a->nperiods; k++) {
		period_head(w, a->periods[k], "", &sb);
		field(w, sb.buf, 0);
	}
	if (need[0])
		field(w, "Kommentar", 0);
	for (uint32_t k = 0; k < a->nperiods; k++) {
		if (!need[k + 1])
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Kommentar %s", ds->periods[a->periods[k]].label);
		field(w, sb.buf, 0);
	}
	end_line(w);
	for (uint32_t i = 0; i < w->nrows; i++) {
		uint32_t r = w->rows[i];
		names(w, r);
		for (uint32_t k = 0; k < a->nperiods; k++)
			field(w, rating(ds, dataset_level(ds, r, a->periods[k])),
			      0);
		if (need[0]) {
			dataset_comment_text(w->a->ds, r, -1, &text);
			field(w, text.buf, 0);
		}
		for (uint32_t k = 0; k < a->nperiods; k++) {
			if (!need[k + 1])
				continue;
			dataset_comment_text(ds, r, (int32_t)a->periods[k],
					     &text);
			field(w, text.buf, 0);
		}
		end_line(w);
	}
	free(need);
	strbuf_release(&sb);
	strbuf_release(&text);
}

/* A row with a record in a period shown, or a comment on it all. */
static int row_shown(const struct agg *a, uint32_t r)
{
	const struct comment *c;
	size_t n = dataset_comments(a->ds, r, &c);

	for (uint32_t k = 0; k < a->nperiods; k++)
		if (dataset_level(a->ds, r, a->periods[k]) != LEVEL_NONE)
			return 1;
	for (size_t i = 0; i < n; i++)
		if (c[i].period < 0)
			return 1;
	return 0;
}

/* The rows that pass the filters and hold a record or comment, sorted. */
static void sort_rows(struct writer *w)
{
	uint32_t n, *rows = agg_sorted_rows(w->a, &n);

	w->rows = rows;
	w->nrows = 0;
	for (uint32_t i = 0; i < n; i++)
		if (row_shown(w->a, rows[i]))
			rows[w->nrows++] = rows[i];
}

int cmd_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "verbose", no_argument, NULL, OPT_VERBOSE },
		{ "help", no_argument, NULL, OPT_HELP },
		OPTS_INPUT,
		OPTS_FILTER,
		{ "to", required_argument, NULL, OPT_TO },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	enum layout to = TO_DEFAULT;
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct writer w;
	struct output out = { 0 };
	int rc;

	cli_init(&c, "convert", convert_help, values);
	c.format = FORMAT_CSV;
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	memset(&a, 0, sizeof(a));
	memset(&w, 0, sizeof(w));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &to);
	if (rc || c.help_requested)
		goto out;
	rc = cli_load_inputs(&c, &ds, NULL);
	if (rc)
		goto out;
	rc = KMAP_EXIT_USAGE;
	if (to == TO_DEFAULT && default_layout(&c, &ds, &to))
		goto out;
	rc = KMAP_EXIT_INPUT;
	w.current = shared_current(&ds);
	if (w.current == -2)
		goto out;
	dataset_sort_comments(&ds);
	if (agg_build(&a, &ds, &c.filter, 0))
		goto out;
	w.a = &a;
	w.delim = c.excel ? ';' : ',';
	w.eol = c.excel ? "\r\n" : "\n";
	sort_rows(&w);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	w.fp = out.fp;
	if (c.excel)
		fputs("\xEF\xBB\xBF", w.fp);
	if (to == TO_LONG)
		write_long(&w);
	else
		write_wide(&w);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	free(w.rows);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
