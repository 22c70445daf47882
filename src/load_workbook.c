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
	unsigned long last_row; /* the last row read */
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

static int wb_next(void *ctx, struct csvin_row *row)
{
	static const struct wbin_cell blank = { .type = WBIN_EMPTY,
						.text = "" };
	struct wb_source *w = ctx;
	struct wbin_row wr;
	int st = wbin_next_row(w->wb, &wr);
	size_t n;

	if (st == WBIN_FATAL)
		return CSVIN_FATAL;
	if (st != WBIN_ROW)
		return CSVIN_EOF;
	n = wr.cells[wr.ncells - 1].col;
	if (n < w->width)
		n = w->width;
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
	for (size_t k = 0; k < wr.ncells; k++) {
		const struct wbin_cell *c = &wr.cells[k];
		w->fields[c->col - 1].ptr = c->text;
		w->fields[c->col - 1].len = c->len;
		w->cells[c->col - 1] = *c;
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

	return wbin_cell_loc(w->wb, row->line, col + 1);
}

struct load_source wb_source(struct wb_source *w, const char *name)
{
	struct load_source src = { name, KMAP_LOC_CELL, w, wb_next,
				   wb_field_loc };

	return src;
}
