#include <stdlib.h>
#include <string.h>

#include "kmap/table.h"
#include "kmap/xalloc.h"

void table_init(struct table *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->cols = xcalloc(ncols, sizeof(*t->cols));
	arena_init(&t->arena);
}

void table_release(struct table *t)
{
	if (!t)
		return;
	free(t->cols);
	free(t->cells);
	arena_release(&t->arena);
	memset(t, 0, sizeof(*t));
}

void table_set_col(struct table *t, size_t col, const char *head,
		   const char *csv_head)
{
	t->cols[col].head = head;
	t->cols[col].csv_head = csv_head;
}

struct cell *table_add_row(struct table *t)
{
	struct cell *row;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols,
					 sizeof(*t->cells));
	}
	row = &t->cells[t->nrows++ * t->ncols];
	memset(row, 0, t->ncols * sizeof(*row));
	return row;
}

void cell_text(struct table *t, struct cell *c, const char *s)
{
	c->type = CELL_TEXT;
	c->text = arena_strdup(&t->arena, s);
}

void cell_int(struct cell *c, long long v)
{
	c->type = CELL_INT;
	c->i = v;
}

void cell_ratio(struct cell *c, double v)
{
	c->type = v < 0 ? CELL_NULL : CELL_RATIO;
	c->d = v;
}

void cell_decimal(struct cell *c, double v)
{
	c->type = v < 0 ? CELL_NULL : CELL_DECIMAL;
	c->d = v;
}

void cell_delta(struct cell *c, double old, double new)
{
	c->type = old < 0 || new < 0 ? CELL_NULL : CELL_DELTA;
	c->d = new - old;
}

int table_repeated(const struct table *t, size_t r, size_t col)
{
	if (!r)
		return 0;
	for (size_t c = 0; c <= col; c++) {
		const struct cell *a = &t->cells[r * t->ncols + c];
		const struct cell *b = &t->cells[(r - 1) * t->ncols + c];
		if (!t->cols[c].group || a->type != b->type)
			return 0;
		if (a->type == CELL_TEXT  ? strcmp(a->text, b->text) != 0
		    : a->type == CELL_INT ? a->i != b->i
					  : a->d != b->d)
			return 0;
	}
	return 1;
}
