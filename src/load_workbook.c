/*
 * load_workbook.c - a workbook's sheet as the loader's row source
 * (load_internal.h): the cells of each row of workbook.h, placed by
 * their column, as the fields of a row, with the cells beside them for
 * their fills and types; places are cells, "plan.xlsx:Kumla!D7".
 */
#include <stdlib.h>
#include <string.h>

#include "load_internal.h"
#include "kmap/xalloc.h"

struct wb_source {
	struct wbin *wb;
	size_t width; /* rows come at least this wide: the header's */
	struct csvin_field *fields;
	struct wbin_cell *cells;
	size_t cap;
	unsigned long last_row;	  /* the last row read */
	unsigned long beyond_col; /* the column of field `width`, or 0 */
};

struct wb_source *wb_source_new(struct wbin *wb)
{
	struct wb_source *w = xcalloc(1, sizeof(*w));

	w->wb = wb;
	return w;
}

void wb_source_free(struct wb_source *w)
{
	if (!w)
		return;
	free(w->fields);
	free(w->cells);
	free(w);
}

void wb_source_width(struct wb_source *w, size_t width)
{
	w->width = width;
}

unsigned long wb_source_last_row(const struct wb_source *w)
{
	return w->last_row;
}

/*
 * The fields of a row: up to the header's width, every cell (a fill
 * without text is a rating); past it, only the first cell with text,
 * at field `width` (the loader reports data in a column without a
 * header, at its cell), so that a cell at XFD does not make every row
 * 16,384 fields wide. Before the header is known, up to the last cell
 * with text.
 */
static int wb_next(void *ctx, struct csvin_row *row)
{
	static const struct wbin_cell blank = { .type = WBIN_EMPTY,
						.text = "" };
	struct wb_source *w = ctx;
	const struct wbin_cell *beyond = NULL;
	struct wbin_row wr;
	int st = wbin_next_row(w->wb, &wr);
	size_t n = w->width;

	if (st == WBIN_FATAL)
		return CSVIN_FATAL;
	if (st != WBIN_ROW)
		return CSVIN_EOF;
	for (size_t k = 0; k < wr.ncells; k++) {
		const struct wbin_cell *c = &wr.cells[k];
		if (!c->len || c->col <= w->width)
			continue;
		if (!w->width) {
			n = c->col;
		} else {
			beyond = c;
			n = w->width + 1;
			break;
		}
	}
	if (n > w->cap) {
		w->cap = n;
		w->fields = xreallocarray(w->fields, n, sizeof(*w->fields));
		w->cells = xreallocarray(w->cells, n, sizeof(*w->cells));
	}
	for (size_t i = 0; i < n; i++) {
		w->fields[i].ptr = "";
		w->fields[i].len = 0;
		w->cells[i] = blank;
		w->cells[i].col = i + 1;
	}
	for (size_t k = 0; k < wr.ncells && wr.cells[k].col <= n; k++) {
		const struct wbin_cell *c = &wr.cells[k];
		if (c == beyond)
			break;
		w->fields[c->col - 1].ptr = c->text;
		w->fields[c->col - 1].len = c->len;
		w->cells[c->col - 1] = *c;
	}
	w->beyond_col = 0;
	if (beyond) {
		w->fields[n - 1].ptr = beyond->text;
		w->fields[n - 1].len = beyond->len;
		w->cells[n - 1] = *beyond;
		w->beyond_col = beyond->col;
	}
	row->fields = w->fields;
	row->nfields = n;
	row->line = wr.row;
	row->raw = "";
	row->raw_len = 0;
	row->cells = w->cells;
	w->last_row = wr.row;
	return CSVIN_ROW;
}

static struct kmap_loc wb_field_loc(void *ctx, const struct csvin_row *row,
				    size_t col)
{
	struct wb_source *w = ctx;

	/* a cell past the header's width stands at field `width` */
	if (w->width && col == w->width && row->line == w->last_row &&
	    w->beyond_col)
		return wbin_cell_loc(w->wb, row->line, w->beyond_col);
	return wbin_cell_loc(w->wb, row->line, col + 1);
}

struct load_source wb_source(struct wb_source *w, const char *name)
{
	struct load_source src = { name, KMAP_LOC_CELL, w, wb_next,
				   wb_field_loc };

	return src;
}
