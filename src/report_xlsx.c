/*
 * report_xlsx.c - the report as an XLSX workbook, written with
 * libxlsxwriter (report.h).
 *
 * Sheets: Sammanfattning (total, regions, organisations, inputs), Heatmap
 * (the level's name in its colour), Kritiska yrken (and their comments),
 * given two rounds Förändring (the change since the previous round),
 * Oenighet (who is at each end of a disagreement) and Omställning (when
 * there are any),
 * Poster (every record with its file and line; further sheets
 * "Poster (2)" ... past Excel's row limit), Kvalitet (the warnings from
 * reading), then one sheet per critical occupation with its
 * organisations' ratings and comments, named by Excel's rules
 * (sheetname.h). Numbers are numbers, shares have a percent format, text
 * is written as strings only, never formulas. Headers are frozen and
 * filterable; columns are as wide as their content. Every string that
 * reaches a part of the zip - cells, headers, sheet names, document
 * properties - passes xml_text() first: XML 1.0 cannot hold U+FFFE,
 * U+FFFF, bytes that are not UTF-8 or C0 controls other than TAB, LF and
 * CR, whatever a cell, a name or a file name holds, and Excel reads
 * "_xHHHH_" in a string as an escaped character.
 *
 * libxlsxwriter writes to a named file, so the workbook is written to an
 * anonymous temporary file in $TMPDIR (O_TMPFILE, opened by libxlsxwriter
 * through /proc/self/fd), which nothing can leave behind, and then copied
 * to kmap's output, which does the atomic replace. Where $TMPDIR has no
 * O_TMPFILE, a named file is used and removed on every path: errors, out
 * of memory and the terminating signals (output_temp_create()). The
 * creation date is fixed (SOURCE_DATE_EPOCH when set), so the same input
 * gives the same bytes.
 */
/* O_TMPFILE is Linux-specific */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "kmap/color.h"
#include "kmap/output.h"
#include "kmap/render.h"
#include "kmap/report.h"
#include "kmap/sheetname.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

/* Excel's cell limit, in characters; longer text is cut (#44). */
enum { XLSX_CELL_MAX = 32767, XLSX_COL_MAX_WIDTH = 60 };
/* 2000-01-01T00:00:00Z unless SOURCE_DATE_EPOCH says otherwise */
#define XLSX_FIXED_DATE 946684800

struct xw {
	lxw_workbook *wb;
	const struct report *r;
	lxw_format *bold, *head, *pct, *dec, *delta, *wrap;
	lxw_format *level_head[SCALE_MAX_LEVELS], *level[SCALE_MAX_LEVELS];
	struct sheet_names names;
	struct strbuf renames; /* "'A' → 'B', ..." for the warning */
	size_t nrenames;
	unsigned long cut; /* cells cut to Excel's limit */
	lxw_error err;	   /* the first libxlsxwriter error */
	/* the sheet being written: column widths */
	double *width;
	size_t nwidth;
};

static uint32_t hex_color(const char *hex)
{
	unsigned rgb[3];

	if (color_parse(hex, rgb))
		return 0;
	return rgb[0] << 16 | rgb[1] << 8 | rgb[2];
}

static void make_formats(struct xw *x)
{
	const struct scale *sc = x->r->a->ds->scale;

	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xE8E8E8);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->pct = workbook_add_format(x->wb);
	format_set_num_format(x->pct, "0%");
	x->dec = workbook_add_format(x->wb);
	format_set_num_format(x->dec, "0.00");
	x->delta = workbook_add_format(x->wb);
	format_set_num_format(x->delta, "+0%;-0%;0%");
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	for (size_t l = 0; l < sc->nlevels; l++) {
		uint32_t bg = hex_color(sc->levels[l].color);
		uint32_t fg = hex_color(color_text_on(sc->levels[l].color));
		x->level_head[l] = workbook_add_format(x->wb);
		format_set_bold(x->level_head[l]);
		format_set_bg_color(x->level_head[l], bg);
		format_set_font_color(x->level_head[l], fg);
		x->level[l] = workbook_add_format(x->wb);
		format_set_bg_color(x->level[l], bg);
		format_set_font_color(x->level[l], fg);
		format_set_align(x->level[l], LXW_ALIGN_CENTER);
	}
}

static void keep_err(struct xw *x, lxw_error e)
{
	if (e && !x->err)
		x->err = e;
}

/* Widens column col to show text of this display width. */
static void fit(struct xw *x, lxw_col_t col, size_t width)
{
	double w = width + 2.0;

	if (col >= x->nwidth) {
		size_t n = col + 8;
		x->width = xreallocarray(x->width, n, sizeof(*x->width));
		for (size_t i = x->nwidth; i < n; i++)
			x->width[i] = 0;
		x->nwidth = n;
	}
	if (w > XLSX_COL_MAX_WIDTH)
		w = XLSX_COL_MAX_WIDTH;
	if (w > x->width[col])
		x->width[col] = w;
}

/* Sets the widths gathered since the sheet began. */
static void end_sheet(struct xw *x, lxw_worksheet *ws)
{
	for (size_t c = 0; c < x->nwidth; c++)
		if (x->width[c] > 0)
			keep_err(x, worksheet_set_column(ws, (lxw_col_t)c,
							 (lxw_col_t)c,
							 x->width[c], NULL));
	x->nwidth = 0;
}

/* The widest line of s, for the column width. */
static size_t text_width(const char *s)
{
	size_t best = 0;
	struct strbuf line = STRBUF_INIT;

	while (*s) {
		size_t n = strcspn(s, "\r\n");
		strbuf_reset(&line);
		strbuf_add(&line, s, n);
		size_t w = display_width(line.buf);
		if (w > best)
			best = w;
		s += n;
		while (*s == '\r' || *s == '\n')
			s++;
	}
	strbuf_release(&line);
	return best;
}

/*
 * s as an XLSX part may hold it: s itself, or its escaped form in buf.
 * What XML forbids is escaped as textsafe.h does ("\\uFFFE"); an
 * "_xHHHH_" that Excel would read as an escape gets its '_' written as
 * "_x005F_", which Excel reads as '_'.
 */
static const char *xml_text(const char *s, struct strbuf *buf)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *p = text_safe_flags(s, TEXT_XML, &tmp), *u;

	if (!strstr(p, "_x")) {
		if (p == s)
			goto out;
		strbuf_reset(buf);
		strbuf_addstr(buf, p);
		s = buf->buf;
		goto out;
	}
	strbuf_reset(buf);
	for (; (u = strstr(p, "_x")) != NULL; p = u + 1) {
		strbuf_add(buf, p, (size_t)(u - p));
		if (strspn(u + 2, "0123456789abcdefABCDEF") >= 4 && u[6] == '_')
			strbuf_addstr(buf, "_x005F_");
		else
			strbuf_addch(buf, '_');
	}
	strbuf_addstr(buf, p);
	s = buf->buf;
out:
	strbuf_release(&tmp);
	return s;
}

/* A string cell; text past Excel's limit is cut (counted for a warning). */
static void put_text(struct xw *x, lxw_worksheet *ws, lxw_row_t row,
		     lxw_col_t col, const char *raw, lxw_format *fmt)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s = xml_text(raw, &safe);

	if (lxw_utf8_strlen(s) > XLSX_CELL_MAX) {
		struct strbuf cut = STRBUF_INIT;
		const unsigned char *p = (const unsigned char *)s;
		size_t chars = 0;
		/* whole UTF-8 characters, leaving room for the "…" */
		while (*p && chars < XLSX_CELL_MAX - 1) {
			size_t n = 1;
			while ((p[n] & 0xC0) == 0x80)
				n++;
			p += n;
			chars++;
		}
		strbuf_add(&cut, s, (size_t)(p - (const unsigned char *)s));
		strbuf_addstr(&cut, "…");
		keep_err(x, worksheet_write_string(ws, row, col, cut.buf, fmt));
		strbuf_release(&cut);
		x->cut++;
	} else {
		keep_err(x, worksheet_write_string(ws, row, col, s, fmt));
	}
	fit(x, col, text_width(s));
	strbuf_release(&safe);
}

static void put_cell(struct xw *x, lxw_worksheet *ws, lxw_row_t row,
		     lxw_col_t col, const struct cell *c)
{
	switch (c->type) {
	case CELL_TEXT:
		put_text(x, ws, row, col, c->text, NULL);
		return;
	case CELL_INT:
		keep_err(x, worksheet_write_number(ws, row, col, (double)c->i,
						   NULL));
		fit(x, col, 6);
		return;
	case CELL_RATIO:
		keep_err(x, worksheet_write_number(ws, row, col, c->d, x->pct));
		fit(x, col, 5);
		return;
	case CELL_DECIMAL:
		keep_err(x, worksheet_write_number(ws, row, col, c->d, x->dec));
		fit(x, col, 5);
		return;
	case CELL_DELTA:
		keep_err(x,
			 worksheet_write_number(ws, row, col, c->d, x->delta));
		fit(x, col, 5);
		return;
	default:
		return;
	}
}

static const char *col_head(const struct xw *x, const struct table_col *c,
			    struct strbuf *sb)
{
	if (!x->r->english || c->color)
		return c->head;
	strbuf_reset(sb);
	for (const char *p = c->csv_head; *p; p++)
		strbuf_addch(sb, *p == '_' ? ' ' : *p);
	return sb->buf;
}

/* What put_table() does to a table's header. */
enum put_header {
	PUT_PLAIN,
	PUT_FREEZE_FILTER, /* frozen (with all above it) and filtered */
	PUT_FILTER,	   /* filtered only: a table below others */
};

/*
 * Writes t with its header at row, frozen and filtered as filter says
 * (an enum put_header). Returns the row after the table.
 */
static lxw_row_t put_table(struct xw *x, lxw_worksheet *ws, lxw_row_t row,
			   const struct table *t, enum put_header filter)
{
	const struct scale *sc = x->r->a->ds->scale;
	struct strbuf sb = STRBUF_INIT;

	for (size_t c = 0; c < t->ncols; c++) {
		lxw_format *f = x->head;
		for (size_t l = 0; l < sc->nlevels; l++)
			if (t->cols[c].color == sc->levels[l].color)
				f = x->level_head[l];
		put_text(x, ws, row, (lxw_col_t)c,
			 col_head(x, &t->cols[c], &sb), f);
	}
	strbuf_release(&sb);
	if (filter == PUT_FREEZE_FILTER)
		worksheet_freeze_panes(ws, row + 1, 0);
	if (filter) {
		keep_err(x, worksheet_autofilter(ws, row, 0,
						 row + (lxw_row_t)t->nrows,
						 (lxw_col_t)(t->ncols - 1)));
	}
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			put_cell(x, ws, row + 1 + (lxw_row_t)r, (lxw_col_t)c,
				 &t->cells[r * t->ncols + c]);
	return row + 1 + (lxw_row_t)t->nrows;
}

/* A sheet with a fixed name (they all fit Excel's rules). */
static lxw_worksheet *add_sheet(struct xw *x, const char *name)
{
	int changed;
	lxw_worksheet *ws = workbook_add_worksheet(
		x->wb, sheet_name_add(&x->names, name, &changed));
	if (!ws)
		keep_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

static lxw_row_t put_label(struct xw *x, lxw_worksheet *ws, lxw_row_t row,
			   const char *label)
{
	put_text(x, ws, row, 0, label, x->bold);
	return row + 1;
}

static void sheet_summary(struct xw *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = add_sheet(x, "Sammanfattning");
	struct strbuf sb = STRBUF_INIT;
	lxw_row_t row = 0;

	if (!ws)
		return;
	report_title(r, &sb);
	row = put_label(x, ws, row, sb.buf);
	report_intro(r, &sb);
	put_text(x, ws, row++, 0, sb.buf, NULL);
	strbuf_release(&sb);
	row = put_label(x, ws, row + 1, report_text(r, RT_TOTAL));
	row = put_table(x, ws, row, &r->total, PUT_PLAIN);
	row = put_label(x, ws, row + 1, report_text(r, RT_BY_REGION));
	row = put_table(x, ws, row, &r->regions, PUT_PLAIN);
	if (r->groups.ncols) { /* --by ATTRIBUTE */
		report_heading(r, RT_BY_ATTRIBUTE, &sb);
		row = put_label(x, ws, row + 1, sb.buf);
		row = put_table(x, ws, row, &r->groups, PUT_PLAIN);
		strbuf_release(&sb);
	}
	row = put_label(x, ws, row + 1, report_text(r, RT_BY_ORGANISATION));
	/* the largest table gets the filter; the sheet's header rows (the
	 * title and the overview) stay in view */
	row = put_table(x, ws, row, &r->organisations, PUT_FILTER);
	worksheet_freeze_panes(ws, 2, 0);
	row = put_label(x, ws, row + 1, report_text(r, RT_INPUTS));
	put_table(x, ws, row, &r->inputs, PUT_PLAIN);
	/* the intro line is long: it may spill over, not widen column A */
	if (x->nwidth && x->width[0] > 30)
		x->width[0] = 30;
	end_sheet(x, ws);
}

/*
 * A level's name in its colour; "saknas" for a missing rating, "ej
 * aktuellt" for one not applicable, nothing for LEVEL_NONE.
 */
static void put_level(struct xw *x, lxw_worksheet *ws, lxw_row_t row,
		      lxw_col_t col, uint8_t level)
{
	const struct scale *sc = x->r->a->ds->scale;

	if (level == LEVEL_MISSING)
		put_text(x, ws, row, col, x->r->english ? "missing" : "saknas",
			 NULL);
	else if (level == LEVEL_NA)
		put_text(x, ws, row, col,
			 x->r->english ? "not applicable" : "ej aktuellt",
			 NULL);
	else if (level != LEVEL_NONE)
		put_text(x, ws, row, col, sc->levels[level - 1].label,
			 x->level[level - 1]);
}

static void sheet_heatmap(struct xw *x)
{
	const struct heatmap *hm = x->r->hm;
	const struct dataset *ds = hm->a->ds;
	lxw_worksheet *ws = add_sheet(x, "Heatmap");
	struct strbuf sb = STRBUF_INIT;

	if (!ws)
		return;
	put_text(x, ws, 0, 0, x->r->english ? "occupation" : "yrke", x->head);
	for (uint32_t c = 0; c < hm->ncols; c++) {
		heatmap_col_label(hm, c, &sb);
		put_text(x, ws, 0, (lxw_col_t)(c + 1), sb.buf, x->head);
	}
	worksheet_freeze_panes(ws, 1, 1);
	keep_err(x, worksheet_autofilter(ws, 0, 0, hm->nrows,
					 (lxw_col_t)hm->ncols));
	for (uint32_t r = 0; r < hm->nrows; r++) {
		put_text(x, ws, r + 1, 0,
			 name_display(&ds->occupations, hm->occupations[r]),
			 NULL);
		for (uint32_t c = 0; c < hm->ncols; c++) {
			const struct stats *s = heatmap_cell(hm, r, c);
			int mode = stats_mode(s, ds->scale);
			put_level(x, ws, r + 1, (lxw_col_t)(c + 1),
				  mode		      ? (uint8_t)mode
				  : s->missing	      ? LEVEL_MISSING
				  : s->not_applicable ? LEVEL_NA
						      : LEVEL_NONE);
		}
	}
	strbuf_release(&sb);
	end_sheet(x, ws);
}

static void sheet_critical(struct xw *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = add_sheet(x, "Kritiska yrken");
	lxw_row_t row = 0;

	if (!ws)
		return;
	if (r->cl->attr) { /* ranked inside the attribute's values */
		struct strbuf sb = STRBUF_INIT;
		report_heading(r, RT_CRITICAL, &sb);
		row = put_label(x, ws, row, sb.buf);
		strbuf_release(&sb);
	}
	row = put_table(x, ws, row, &r->critical, PUT_FREEZE_FILTER);
	if (r->comments.nrows) {
		row = put_label(x, ws, row + 1, report_text(r, RT_COMMENTS));
		put_table(x, ws, row, &r->comments, PUT_PLAIN);
	}
	end_sheet(x, ws);
}

/* The change since the previous round: its tables one below the other. */
static void sheet_change(struct xw *x)
{
	const struct report *r = x->r;
	const struct diff_view_tables *t = &r->change_tables;
	lxw_worksheet *ws = add_sheet(x, report_change_text(r, RC_SHEET));
	struct strbuf sb = STRBUF_INIT;
	lxw_row_t row = 0;
	const char *line, *end;

	if (!ws)
		return;
	row = put_label(x, ws, row, report_change_text(r, RC_TITLE));
	report_change_intro(r, &sb);
	/* the intro's lines, one a row; long ones spill over */
	for (line = sb.buf; *line; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		struct strbuf one = STRBUF_INIT;
		strbuf_add(&one, line, (size_t)(end - line));
		keep_err(x,
			 worksheet_write_string(ws, row++, 0, one.buf, NULL));
		strbuf_release(&one);
	}
	diff_view_critical_title(r->change, r->english, &sb);
	row = put_label(x, ws, row + 1, sb.buf);
	if (t->critical.nrows)
		row = put_table(x, ws, row, &t->critical, 0);
	if (t->ranks.nrows) {
		row = put_label(x, ws, row + 1,
				report_change_text(r, RC_RANKS));
		row = put_table(x, ws, row, &t->ranks, 0);
	}
	diff_view_forecast_title(r->change, r->english, &sb);
	row = put_label(x, ws, row + 1, sb.buf);
	if (r->change->forecast.overall.compared) {
		row = put_table(x, ws, row, &t->forecast, 0);
		row = put_label(x, ws, row + 1,
				report_change_text(r, RC_FORECAST_BY));
		row = put_table(x, ws, row, &t->forecast_by, 0);
	} else {
		keep_err(x,
			 worksheet_write_string(
				 ws, row++, 0,
				 report_change_text(r, RC_NO_FORECAST), NULL));
	}
	row = put_label(x, ws, row + 1, report_change_text(r, RC_COMMENTS));
	if (t->comments.nrows)
		put_table(x, ws, row, &t->comments, 1);
	else
		keep_err(x,
			 worksheet_write_string(
				 ws, row, 0,
				 report_change_text(r, RC_NO_COMMENTS), NULL));
	/* the intro and titles are long: they may spill, not widen A */
	if (x->nwidth && x->width[0] > 30)
		x->width[0] = 30;
	end_sheet(x, ws);
	strbuf_release(&sb);
}

/* Who disagrees, and omställning: a sheet each, when there are any. */
static void sheet_of(struct xw *x, const char *name, const struct table *t,
		     enum report_text intro)
{
	lxw_worksheet *ws;
	lxw_row_t row;

	if (!t->nrows)
		return;
	ws = add_sheet(x, name);
	if (!ws)
		return;
	row = put_label(x, ws, 0, report_text(x->r, intro));
	put_table(x, ws, row, t, PUT_FREEZE_FILTER);
	/* the sentence may spill over, not widen column A */
	if (x->nwidth && x->width[0] > 30)
		x->width[0] = 30;
	end_sheet(x, ws);
}

static const char *const record_heads[2][9] = {
	{ "region", "organisation", "yrke", "period", "bedömning", "kommentar",
	  "kommentar (hela raden)", "fil", "rad" },
	{ "region", "organisation", "occupation", "period", "rating", "comment",
	  "comment (whole row)", "file", "line" },
};

static lxw_worksheet *records_sheet(struct xw *x, unsigned part)
{
	char name[32];
	lxw_worksheet *ws;

	if (part == 1)
		snprintf(name, sizeof(name), "Poster");
	else
		snprintf(name, sizeof(name), "Poster (%u)", part);
	ws = add_sheet(x, name);
	if (!ws)
		return NULL;
	for (lxw_col_t c = 0; c < 9; c++)
		put_text(x, ws, 0, c, record_heads[x->r->english][c], x->head);
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

static void put_record(struct xw *x, lxw_worksheet *ws, lxw_row_t row,
		       uint32_t r, uint32_t p, struct strbuf *sb)
{
	const struct dataset *ds = x->r->a->ds;
	const struct unit *u = &ds->units[ds->rows[r].unit];
	uint8_t level = dataset_level(ds, r, p);
	uint32_t input;
	unsigned long line;

	put_text(x, ws, row, 0, name_display(&ds->regions, u->region), NULL);
	put_text(x, ws, row, 1, name_display(&ds->organisations, u->org), NULL);
	put_text(x, ws, row, 2,
		 name_display(&ds->occupations, ds->rows[r].occupation), NULL);
	put_text(x, ws, row, 3, ds->periods[p].label, NULL);
	put_level(x, ws, row, 4, level);
	dataset_comment_text(ds, r, (int32_t)p, sb);
	if (sb->len)
		put_text(x, ws, row, 5, sb->buf, NULL);
	dataset_comment_text(ds, r, -1, sb);
	if (sb->len)
		put_text(x, ws, row, 6, sb->buf, NULL);
	dataset_line_of(ds, dataset_gline(ds, r, p), &input, &line);
	put_text(x, ws, row, 7, ds->inputs[input].name, NULL);
	keep_err(x, worksheet_write_number(ws, row, 8, (double)line, NULL));
	fit(x, 8, 6);
}

/* Every record; past Excel's last row the records go on in a new sheet. */
static void sheet_records(struct xw *x)
{
	const struct agg *a = x->r->a;
	const struct dataset *ds = a->ds;
	struct strbuf sb = STRBUF_INIT;
	uint32_t n, *rows = agg_sorted_rows(a, &n);
	unsigned part = 1;
	lxw_worksheet *ws = records_sheet(x, part);
	lxw_row_t row = 1;

	for (uint32_t i = 0; ws && i < n; i++) {
		for (uint32_t j = 0; ws && j < a->nperiods; j++) {
			uint32_t p = a->periods[j];
			if (dataset_level(ds, rows[i], p) == LEVEL_NONE)
				continue;
			if (row == LXW_ROW_MAX) {
				keep_err(x, worksheet_autofilter(ws, 0, 0,
								 row - 1, 8));
				end_sheet(x, ws);
				ws = records_sheet(x, ++part);
				row = 1;
				if (!ws)
					break;
			}
			put_record(x, ws, row++, rows[i], p, &sb);
		}
	}
	if (ws) {
		keep_err(x, worksheet_autofilter(ws, 0, 0, row - 1, 8));
		end_sheet(x, ws);
	}
	strbuf_release(&sb);
	free(rows);
}

/* With --af: the comparison, its title (AF's omgång) in the first row. */
static void sheet_compare(struct xw *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws;

	if (!r->cmp || !(ws = add_sheet(x, "Yrkesbarometern")))
		return;
	put_text(x, ws, 0, 0, r->compare.title, x->bold);
	put_table(x, ws, 1, &r->compare, 1);
	end_sheet(x, ws);
}

static void sheet_quality(struct xw *x)
{
	const struct report *r = x->r;
	lxw_worksheet *ws = add_sheet(x, "Kvalitet");

	if (!ws)
		return;
	put_table(x, ws, 0, &r->quality, PUT_FREEZE_FILTER);
	end_sheet(x, ws);
}

/* One sheet per critical occupation: its organisations' ratings. */
static void sheet_occupation(struct xw *x, const struct crit *c)
{
	const struct agg *a = x->r->a;
	const struct dataset *ds = a->ds;
	const char *occ = name_display(&ds->occupations, c->occupation);
	struct strbuf sb = STRBUF_INIT, safe = STRBUF_INIT;
	int changed;
	const char *name =
		sheet_name_add(&x->names, xml_text(occ, &safe), &changed);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	lxw_col_t comment_col = (lxw_col_t)(2 + a->nperiods);

	changed = changed || strcmp(name, occ);
	strbuf_release(&safe);
	if (!ws) {
		keep_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	if (changed) {
		strbuf_addf(&x->renames, "%s'%s' → '%s'",
			    x->nrenames ? ", " : "", occ, name);
		x->nrenames++;
	}
	put_text(x, ws, 0, 0, "region", x->head);
	put_text(x, ws, 0, 1, "organisation", x->head);
	for (uint32_t j = 0; j < a->nperiods; j++)
		put_text(x, ws, 0, (lxw_col_t)(2 + j),
			 ds->periods[a->periods[j]].label, x->head);
	put_text(x, ws, 0, comment_col,
		 x->r->english ? "comments" : "kommentarer", x->head);
	worksheet_freeze_panes(ws, 1, 2);
	keep_err(x, worksheet_autofilter(ws, 0, 0, c->nrows, comment_col));
	for (uint32_t i = 0; i < c->nrows; i++) {
		uint32_t r = c->rows[i];
		const struct unit *u = &ds->units[ds->rows[r].unit];
		const struct comment *cm;
		size_t nc = dataset_comments(ds, r, &cm);
		lxw_row_t row = i + 1;
		put_text(x, ws, row, 0, name_display(&ds->regions, u->region),
			 NULL);
		put_text(x, ws, row, 1,
			 name_display(&ds->organisations, u->org), NULL);
		for (uint32_t j = 0; j < a->nperiods; j++) {
			uint8_t level = dataset_level(ds, r, a->periods[j]);
			put_level(x, ws, row, (lxw_col_t)(2 + j), level);
		}
		/* "2023: text" per comment, one per line */
		strbuf_reset(&sb);
		for (size_t m = 0; m < nc; m++, cm++) {
			if (!agg_comment_on(a, cm))
				continue;
			strbuf_addf(&sb, "%s%s%s%s", sb.len ? "\n" : "",
				    cm->period < 0
					    ? ""
					    : ds->periods[cm->period].label,
				    cm->period < 0 ? "" : ": ", cm->text);
		}
		if (sb.len)
			put_text(x, ws, row, comment_col, sb.buf, x->wrap);
	}
	strbuf_release(&sb);
	end_sheet(x, ws);
}

/* ---- the workbook -------------------------------------------------- */

static void write_workbook(struct xw *x)
{
	const struct crit_list *cl = x->r->cl;

	make_formats(x);
	sheet_summary(x);
	sheet_heatmap(x);
	sheet_critical(x);
	if (x->r->change)
		sheet_change(x);
	sheet_of(x, "Oenighet", &x->r->disagreement, RT_DISAGREEMENT_INTRO);
	sheet_of(x, "Omställning", &x->r->moves, RT_MOBILITY_INTRO);
	sheet_records(x);
	sheet_compare(x);
	sheet_quality(x);
	for (uint32_t i = 0; i < cl->n; i++)
		if (cl->v[i].critical)
			sheet_occupation(x, &cl->v[i]);
}

static time_t creation_date(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e && *e) {
		errno = 0;
		v = strtoll(e, &end, 10);
		if (!errno && !*end && v >= 0)
			return (time_t)v;
	}
	return (time_t)XLSX_FIXED_DATE;
}

/* Where the workbook is built: $TMPDIR, else /tmp. */
static const char *scratch_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

/*
 * A file libxlsxwriter can open by name: an anonymous one reached through
 * /proc/self/fd where the system has them, else a named one in $TMPDIR
 * that the caller removes with output_temp_remove(*named) (-1: none).
 */
static int scratch_file(struct strbuf *path, int *named)
{
	const char *dir = scratch_dir();
	int fd;

	*named = -1;
#ifdef O_TMPFILE
	fd = output_no_tmpfile()
		     ? -1
		     : open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0) {
		strbuf_reset(path);
		strbuf_addf(path, "/proc/self/fd/%d", fd);
		if (!access(path->buf, W_OK))
			return fd;
		close(fd);
	}
#endif
	strbuf_reset(path);
	strbuf_addf(path, "%s/kmap-XXXXXX", dir);
	return output_temp_create(path->buf, named);
}

/*
 * libxlsxwriter keeps each worksheet and each part of the zip in a file
 * from lxw_tmpfile(), which creates a named file in $TMPDIR and unlinks it
 * at once: a SIGKILL in between (it happens: dozens of such files a
 * workbook) leaves the file behind. This definition replaces the
 * library's (libxlsxwriter calls it through its PLT, and the program's
 * symbol comes first), with an anonymous O_TMPFILE file; where there is
 * none, a named file that is removed at once, with the terminating
 * signals blocked until it is.
 */
FILE *lxw_tmpfile(char *tmpdir)
{
	const char *dir = tmpdir && *tmpdir ? tmpdir : getenv("TMPDIR");
	struct strbuf name = STRBUF_INIT;
	FILE *fp = NULL;
	int fd = -1, handle;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	if (!output_no_tmpfile())
		fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		strbuf_addf(&name, "%s/kmap-XXXXXX", dir);
		fd = output_temp_create(name.buf, &handle);
		if (fd >= 0)
			output_temp_remove(handle, name.buf);
		strbuf_release(&name);
	}
	if (fd >= 0) {
		fp = fdopen(fd, "w+b");
		if (!fp)
			close(fd);
	}
	return fp;
}

/* Copies the finished workbook from fd to fp. */
static int copy_out(int fd, FILE *fp)
{
	char buf[65536];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, fp) != (size_t)n)
			return -1;
	return n < 0 ? -1 : 0;
}

int report_write_xlsx(FILE *fp, const struct report *r)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	lxw_doc_properties props = { 0 };
	struct xw x = { 0 };
	struct strbuf path = STRBUF_INIT, title = STRBUF_INIT;
	struct strbuf raw_title = STRBUF_INIT;
	int named, fd = scratch_file(&path, &named), rc = -1;
	lxw_error err;

	if (fd < 0) {
		int e = errno;
		diag_report(DIAG_ERROR, NULL,
			    N_("set TMPDIR to a directory kmap may write"),
			    "cannot create a temporary file for the workbook "
			    "in '%s': %s",
			    scratch_dir(), strerror(e));
		strbuf_release(&path);
		return -1;
	}
	x.r = r;
	strbuf_init(&x.renames);
	x.wb = workbook_new_opt(path.buf, &opts);
	if (!x.wb) {
		kmap_error("cannot start the workbook");
		goto out;
	}
	/* --title is the user's text: through xml_text(), like every string */
	report_title(r, &raw_title);
	props.title = (char *)xml_text(raw_title.buf, &title);
	props.created = creation_date();
	workbook_set_properties(x.wb, &props);
	write_workbook(&x);
	if (x.nrenames)
		diag_report_n(DIAG_WARNING, NULL, NULL, x.nrenames,
			      "%zu occupation name changed to fit Excel's "
			      "sheet-name rules: %s",
			      "%zu occupation names changed to fit Excel's "
			      "sheet-name rules: %s",
			      x.nrenames, x.renames.buf);
	if (x.cut)
		diag_report_n(DIAG_WARNING, NULL, NULL, x.cut,
			      "%lu cell longer than Excel's %d characters cut "
			      "in the workbook",
			      "%lu cells longer than Excel's %d characters cut "
			      "in the workbook",
			      x.cut, XLSX_CELL_MAX);
	err = workbook_close(x.wb);
	if (x.err || err) {
		kmap_error("cannot write the workbook: %s",
			   lxw_strerror(x.err ? x.err : err));
		goto out;
	}
	if (copy_out(fd, fp)) {
		kmap_error("cannot copy the workbook: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (named >= 0)
		output_temp_remove(named, path.buf);
	close(fd);
	strbuf_release(&path);
	strbuf_release(&title);
	strbuf_release(&raw_title);
	strbuf_release(&x.renames);
	sheet_names_release(&x.names);
	free(x.width);
	return rc;
}
