/*
 * kmap heatmap - the workshop's colour grid (SPEC §6): occupations down,
 * periods across (or, with --by organisation, the organisations in one
 * period), each cell the most common rating's letter in its colour, or
 * the counts at each level. In a terminal the grid is fitted to the
 * width by shortening long occupation names, which a legend then gives
 * in full; piped or with --color never it is plain text with letters.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "kmap/color.h"
#include "kmap/heatmap.h"
#include "kmap/html.h"
#include "kmap/jsonout.h"
#include "kmap/output.h"
#include "kmap/xalloc.h"
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
	"                           else the current one)",
	"  --cells WHAT             mode (default) or counts",
	"  --sort ORDER             name (default, Swedish order) or risk (as",
	"                           kmap critical ranks them)",
	"  --width N                columns of the table (default: the",
	"                           terminal's, or 80); long names are",
	"                           shortened and listed below the grid",
	"  --excel                  with -f csv: ';', BOM, CRLF",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --color WHEN             auto (default), always, never; NO_COLOR",
	"                           turns colour off, COLORTERM=truecolor",
	"                           gives 24-bit colour",
	"  -q, --quiet              no warnings",
	"  --verbose                also list ignored columns",
	"  -h, --help               this help",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum { OPT_CELLS = OPT_COMMAND_FIRST, OPT_SORT, OPT_WIDTH };

/* The narrowest an occupation name is shortened to. */
enum { MIN_NAME_WIDTH = 12, DEFAULT_WIDTH = 80 };

struct heatmap_opts {
	int by_org;
	int counts;
	enum heatmap_sort sort;
	unsigned long width; /* 0: the terminal's, or 80 */
};

static const struct cli_word by_words[] = {
	{ "period", 0, 0 },
	{ "organisation", 1, 0 },
	{ "organization", 1, CLI_WORD_ALIAS },
	{ NULL, 0, 0 },
};

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
	{ .id = OPT_FORMAT, .name = "format", .kind = CLI_WORDS,
	  .words = cli_format_words,
	  .only = CLI_ONLY(FORMAT_TABLE) | CLI_ONLY(FORMAT_CSV) |
		  CLI_ONLY(FORMAT_JSON) | CLI_ONLY(FORMAT_MARKDOWN) |
		  CLI_ONLY(FORMAT_HTML) },
	{ .id = OPT_BY, .name = "--by", .kind = CLI_WORDS, .words = by_words },
	{ .id = OPT_CELLS, .name = "--cells", .kind = CLI_WORDS,
	  .words = cells_words },
	{ .id = OPT_SORT, .name = "--sort", .kind = CLI_WORDS,
	  .words = sort_words },
	{ .id = OPT_WIDTH, .name = "--width", .kind = CLI_COUNT,
	  .expected = "a number from 1 to 10000", .max = 10000 },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	struct heatmap_opts *ho = ctx;

	(void)c;
	if (id == OPT_BY)
		ho->by_org = arg->word;
	else if (id == OPT_CELLS)
		ho->counts = arg->word;
	else if (id == OPT_SORT)
		ho->sort = (enum heatmap_sort)arg->word;
	else if (id == OPT_WIDTH)
		ho->width = arg->count;
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
		cli_usage_error(c, "give one --period",
				"--by organisation shows one period; --period "
				"matched %u",
				a->nperiods);
		return -1;
	}
	if (a->first_current >= 0)
		return a->first_current;
	return a->periods[a->nperiods - 1];
}

static char *title_line(const struct heatmap *hm)
{
	const struct dataset *ds = hm->a->ds;
	struct strbuf sb = STRBUF_INIT;

	if (hm->by_org) {
		strbuf_addf(&sb,
			    "Heatmap · bedömning per yrke och organisation · "
			    "%u %s · %u %s",
			    hm->nrows, hm->nrows == 1 ? "yrke" : "yrken",
			    hm->ncols,
			    hm->ncols == 1 ? "organisation" : "organisationer");
		if (hm->a->nperiods)
			strbuf_addf(&sb, " · period %s%s",
				    ds->periods[hm->period].label,
				    ds->periods[hm->period].current ? " (nu)"
								    : "");
	} else {
		strbuf_addf(&sb,
			    "Heatmap · vanligaste bedömning per yrke och "
			    "period · %u %s",
			    hm->nrows, hm->nrows == 1 ? "yrke" : "yrken");
		if (hm->a->first_current >= 0)
			strbuf_addf(&sb, " · nuläge %s",
				    ds->periods[hm->a->first_current].label);
	}
	return strbuf_detach(&sb, NULL);
}

/* ---- terminal ------------------------------------------------------ */

struct grid {
	const struct heatmap *hm;
	char **text;  /* nrows * ncols cell texts */
	int *mode;    /* nrows * ncols modal levels */
	char **head;  /* ncols headings */
	size_t *cw;   /* ncols widths, with a space either side */
	size_t nw;    /* the name column */
};

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

/* s centred in width columns; trail: pad the right side too. */
static void centred(FILE *fp, const char *s, size_t width, int trail)
{
	size_t w = display_width(s), left = w < width ? (width - w) / 2 : 0;

	pad(fp, left);
	fputs(s, fp);
	if (trail)
		pad(fp, w + left < width ? width - w - left : 0);
}

static size_t terminal_width(const struct heatmap_opts *ho)
{
	struct winsize ws;

	if (ho->width)
		return ho->width;
	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return DEFAULT_WIDTH;
}

static void grid_build(struct grid *g, const struct heatmap *hm,
		       const struct heatmap_opts *ho)
{
	const struct dataset *ds = hm->a->ds;
	size_t n = (size_t)hm->nrows * hm->ncols, used = 0;
	struct strbuf sb = STRBUF_INIT;

	g->hm = hm;
	g->text = xcalloc(n + 1, sizeof(*g->text));
	g->mode = xcalloc(n + 1, sizeof(*g->mode));
	g->head = xcalloc(hm->ncols + 1, sizeof(*g->head));
	g->cw = xcalloc(hm->ncols + 1, sizeof(*g->cw));
	for (uint32_t c = 0; c < hm->ncols; c++) {
		/* organisations are numbered, their names below */
		if (hm->by_org)
			strbuf_reset(&sb), strbuf_addf(&sb, "%u", c + 1);
		else
			heatmap_col_label(hm, c, &sb);
		g->head[c] = xstrdup(sb.buf);
		g->cw[c] = display_width(sb.buf);
	}
	for (uint32_t r = 0; r < hm->nrows; r++) {
		size_t w = display_width(
			name_display(&ds->occupations, hm->occupations[r]));
		if (w > g->nw)
			g->nw = w;
		for (uint32_t c = 0; c < hm->ncols; c++) {
			size_t i = (size_t)r * hm->ncols + c;
			g->mode[i] = heatmap_cell_text(hm, heatmap_cell(hm, r, c),
						       ho->counts, &sb);
			g->text[i] = xstrdup(sb.buf);
			if (display_width(sb.buf) > g->cw[c])
				g->cw[c] = display_width(sb.buf);
		}
	}
	for (uint32_t c = 0; c < hm->ncols; c++) {
		g->cw[c] += 2;
		used += 1 + g->cw[c];
	}
	if (g->nw < display_width("yrke"))
		g->nw = display_width("yrke");
	size_t width = terminal_width(ho);
	size_t room = width > used ? width - used : 0;
	if (g->nw > room)
		g->nw = room > MIN_NAME_WIDTH ? room : MIN_NAME_WIDTH;
	strbuf_release(&sb);
}

static void grid_release(struct grid *g)
{
	size_t n = (size_t)g->hm->nrows * g->hm->ncols;

	for (size_t i = 0; i < n; i++)
		free(g->text[i]);
	for (uint32_t c = 0; c < g->hm->ncols; c++)
		free(g->head[c]);
	free(g->text);
	free(g->mode);
	free(g->head);
	free(g->cw);
}

/* The name, shortened to the name column with a "…[k]" mark if needed. */
static int write_name(FILE *fp, const struct grid *g, const char *name,
		      int *marks)
{
	struct strbuf sb = STRBUF_INIT;
	char mark[24];
	size_t w = display_width(name);

	if (w <= g->nw) {
		fputs(name, fp);
		pad(fp, g->nw - w);
		return 0;
	}
	snprintf(mark, sizeof(mark), "…[%d]", ++*marks);
	size_t mw = display_width(mark);
	w = display_truncate(name, g->nw > mw ? g->nw - mw : 0, &sb);
	/* no space before the ellipsis */
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0', w--;
	fputs(sb.buf, fp);
	fputs(mark, fp);
	pad(fp, g->nw > w + mw ? g->nw - w - mw : 0);
	strbuf_release(&sb);
	return 1;
}

static void legend(FILE *fp, const struct scale *sc, int counts,
		   enum color_depth depth)
{
	for (size_t l = 0; l < sc->nlevels; l++) {
		fputs(l ? "  " : "", fp);
		color_cell(fp, sc->levels[l].color, depth);
		fprintf(fp, " %s ", sc->levels[l].letter);
		if (depth)
			color_reset(fp);
		fprintf(fp, " %s", sc->levels[l].label);
	}
	fputs("   –  ej bedömt\n", fp);
	if (counts) {
		fputs("cellerna: antal ", fp);
		for (size_t l = 0; l < sc->nlevels; l++)
			fprintf(fp, "%s%s", l ? "/" : "", sc->levels[l].label);
		fputs("; färg: den vanligaste (lika många: den sämre)\n", fp);
	} else {
		fputs("varje cell: den vanligaste bedömningen (lika många: den "
		      "sämre)\n",
		      fp);
	}
}

static void render_terminal(FILE *fp, const struct heatmap *hm,
			    const struct heatmap_opts *ho,
			    enum color_depth depth)
{
	const struct dataset *ds = hm->a->ds;
	struct grid g = { 0 };
	int marks = 0;
	char *title = title_line(hm);

	grid_build(&g, hm, ho);
	fprintf(fp, "%s\n", title);
	free(title);
	fputs("yrke", fp);
	pad(fp, g.nw - display_width("yrke"));
	for (uint32_t c = 0; c < hm->ncols; c++) {
		fputc(' ', fp);
		centred(fp, g.head[c], g.cw[c], c + 1 < hm->ncols);
	}
	fputc('\n', fp);
	for (uint32_t r = 0; r < hm->nrows; r++) {
		write_name(fp, &g,
			   name_display(&ds->occupations, hm->occupations[r]),
			   &marks);
		/* plain lines end in text: no blanks after the last cell */
		uint32_t end = hm->ncols;
		while (!depth && end &&
		       !*g.text[(size_t)r * hm->ncols + end - 1])
			end--;
		for (uint32_t c = 0; c < end; c++) {
			size_t i = (size_t)r * hm->ncols + c;
			fputc(' ', fp);
			if (g.mode[i])
				color_cell(fp,
					   ds->scale->levels[g.mode[i] - 1].color,
					   depth);
			/* a coloured cell is filled to its width */
			centred(fp, g.text[i], g.cw[c],
				c + 1 < end || (g.mode[i] && depth));
			if (g.mode[i] && depth)
				color_reset(fp);
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
	legend(fp, ds->scale, ho->counts, depth);
	/* the shortened names in full, then the organisations' numbers */
	marks = 0;
	for (uint32_t r = 0; r < hm->nrows; r++) {
		const char *name =
			name_display(&ds->occupations, hm->occupations[r]);
		if (display_width(name) > g.nw)
			fprintf(fp, "[%d] %s\n", ++marks, name);
	}
	struct strbuf sb = STRBUF_INIT;
	for (uint32_t c = 0; hm->by_org && c < hm->ncols; c++) {
		heatmap_col_label(hm, c, &sb);
		fprintf(fp, "%2u  %s\n", c + 1, sb.buf);
	}
	strbuf_release(&sb);
	grid_release(&g);
}

/* ---- CSV and markdown (through struct table) ----------------------- */

/* CSV: one line per cell with its counts. */
static void build_csv(struct table *t, const struct heatmap *hm)
{
	const struct dataset *ds = hm->a->ds;
	const struct scale *sc = ds->scale;
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;

	table_init(t, (hm->by_org ? 4 : 2) + 2 + sc->nlevels + 1);
	table_set_col(t, k++, "yrke", "occupation");
	if (hm->by_org) {
		table_set_col(t, k++, "region", "region");
		table_set_col(t, k++, "organisation", "organisation");
	}
	table_set_col(t, k++, "period", "period");
	table_set_col(t, k++, "nivå", "mode");
	table_set_col(t, k++, "bokstav", "letter");
	for (size_t l = 0; l < sc->nlevels; l++)
		table_set_col(t, k++, sc->levels[l].label, sc->levels[l].key);
	table_set_col(t, k++, "saknas", "missing");
	for (uint32_t r = 0; r < hm->nrows; r++) {
		for (uint32_t c = 0; c < hm->ncols; c++) {
			const struct stats *s = heatmap_cell(hm, r, c);
			int mode = stats_mode(s, sc);
			uint32_t p = hm->by_org ? (uint32_t)hm->period : hm->cols[c];
			struct cell *row;
			if (!mode && !s->missing)
				continue;
			row = table_add_row(t);
			k = 0;
			cell_text(t, &row[k++],
				  name_display(&ds->occupations,
					       hm->occupations[r]));
			if (hm->by_org) {
				const struct unit *u = &ds->units[hm->cols[c]];
				cell_text(t, &row[k++],
					  name_display(&ds->regions, u->region));
				cell_text(t, &row[k++],
					  name_display(&ds->organisations,
						       u->org));
			}
			cell_text(t, &row[k++], ds->periods[p].label);
			if (mode) {
				cell_text(t, &row[k], sc->levels[mode - 1].key);
				cell_text(t, &row[k + 1],
					  sc->levels[mode - 1].letter);
			}
			k += 2;
			for (size_t l = 0; l < sc->nlevels; l++)
				cell_int(&row[k++], s->level[l]);
			cell_int(&row[k++], s->missing);
		}
	}
	strbuf_release(&sb);
}

/* Markdown: the grid itself, letters (or counts) in the cells. */
static void build_grid(struct table *t, const struct heatmap *hm,
		       int counts)
{
	const struct dataset *ds = hm->a->ds;
	struct strbuf sb = STRBUF_INIT;

	table_init(t, 1 + (size_t)hm->ncols);
	table_set_col(t, 0, "yrke", "occupation");
	for (uint32_t c = 0; c < hm->ncols; c++) {
		heatmap_col_label(hm, c, &sb);
		const char *h = arena_strdup(&t->arena, sb.buf);
		table_set_col(t, c + 1, h, h);
		t->cols[c + 1].right = 1;
	}
	for (uint32_t r = 0; r < hm->nrows; r++) {
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0],
			  name_display(&ds->occupations, hm->occupations[r]));
		for (uint32_t c = 0; c < hm->ncols; c++) {
			heatmap_cell_text(hm, heatmap_cell(hm, r, c), counts,
					  &sb);
			cell_text(t, &row[c + 1], sb.buf);
		}
	}
	strbuf_release(&sb);
}

static void render_markdown(FILE *fp, const struct heatmap *hm,
			    const struct heatmap_opts *ho,
			    const struct render_opts *ro)
{
	const struct scale *sc = hm->a->ds->scale;
	struct table t;
	char *title = title_line(hm);

	build_grid(&t, hm, ho->counts);
	t.title = title;
	render_table(fp, &t, ro);
	fputc('\n', fp);
	for (size_t l = 0; l < sc->nlevels; l++)
		fprintf(fp, "%s**%s** %s", l ? " · " : "", sc->levels[l].letter,
			sc->levels[l].label);
	fputs(" · **–** ej bedömt\n", fp);
	table_release(&t);
	free(title);
}

/* ---- JSON (kmap.heatmap/1) ----------------------------------------- */

static void write_json(FILE *fp, const struct heatmap *hm)
{
	const struct agg *a = hm->a;
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;
	struct json_stream js;
	cJSON *cols = cJSON_CreateArray();

	json_stream_begin(&js, fp);
	json_stream_members(&js, json_document("kmap.heatmap/1", a));
	json_stream_member(&js, "by",
			   cJSON_CreateString(hm->by_org ? "organisation"
							 : "period"));
	json_stream_member(&js, "period",
			   hm->by_org && a->nperiods
				   ? cJSON_CreateString(
					     ds->periods[hm->period].label)
				   : cJSON_CreateNull());
	for (uint32_t c = 0; c < hm->ncols; c++) {
		cJSON *o = cJSON_CreateObject();
		if (hm->by_org) {
			const struct unit *u = &ds->units[hm->cols[c]];
			cJSON_AddStringToObject(
				o, "region", name_display(&ds->regions, u->region));
			cJSON_AddStringToObject(
				o, "organisation",
				name_display(&ds->organisations, u->org));
		} else {
			cJSON_AddStringToObject(o, "period",
						ds->periods[hm->cols[c]].label);
		}
		cJSON_AddItemToArray(cols, o);
	}
	json_stream_member(&js, "columns", cols);
	json_stream_array_begin(&js, "rows");
	for (uint32_t r = 0; r < hm->nrows; r++) {
		cJSON *o = cJSON_CreateObject(), *cells;
		cJSON_AddStringToObject(
			o, "occupation",
			name_display(&ds->occupations, hm->occupations[r]));
		cells = cJSON_AddArrayToObject(o, "cells");
		for (uint32_t c = 0; c < hm->ncols; c++) {
			const struct stats *s = heatmap_cell(hm, r, c);
			int mode = stats_mode(s, sc);
			cJSON *cell;
			if (!mode && !s->missing) {
				cJSON_AddItemToArray(cells, cJSON_CreateNull());
				continue;
			}
			cell = json_stats(s, sc);
			if (mode)
				cJSON_AddStringToObject(cell, "mode",
							sc->levels[mode - 1].key);
			else
				cJSON_AddNullToObject(cell, "mode");
			cJSON_AddItemToArray(cells, cell);
		}
		json_stream_array_item(&js, o);
	}
	json_stream_array_end(&js);
	json_stream_end(&js);
}

static void render_html(FILE *fp, const struct heatmap *hm,
			const struct heatmap_opts *ho)
{
	char *title = title_line(hm);

	html_page_begin(fp, "sv", title, hm->a->ds->scale);
	fputs("<h1>", fp);
	html_text(fp, title);
	fputs("</h1>\n", fp);
	html_heatmap(fp, hm, ho->counts, 0);
	html_page_end(fp);
	free(title);
}

/* ---- the command --------------------------------------------------- */

static void render(FILE *fp, const struct heatmap *hm,
		   const struct heatmap_opts *ho, const struct render_opts *ro)
{
	struct table t;

	switch (ro->format) {
	case FORMAT_JSON:
		write_json(fp, hm);
		break;
	case FORMAT_HTML:
		render_html(fp, hm, ho);
		break;
	case FORMAT_MARKDOWN:
		render_markdown(fp, hm, ho, ro);
		break;
	case FORMAT_CSV:
		build_csv(&t, hm);
		render_table(fp, &t, ro);
		table_release(&t);
		break;
	default:
		render_terminal(fp, hm, ho, (enum color_depth)ro->color);
	}
}

int cmd_heatmap(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_INPUT,
		OPTS_FILTER,
		{ "by", required_argument, NULL, OPT_BY },
		{ "cells", required_argument, NULL, OPT_CELLS },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	struct heatmap_opts ho = { 0, 0, HEATMAP_SORT_NAME, 0 };
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
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter,
		      ho.sort == HEATMAP_SORT_RISK ? AGG_CHANGES : 0))
		goto out;
	if (ho.by_org && (period = org_period(&c, &a)) < 0) {
		rc = KMAP_EXIT_USAGE;
		goto out;
	}
	heatmap_build(&hm, &a, ho.by_org, (uint32_t)period, ho.sort);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro.format = c.format;
	ro.excel = c.excel;
	ro.color = cli_use_color(&c);
	render(out.fp, &hm, &ho, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	heatmap_release(&hm);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
