/*
 * table.h - a renderer-independent result table: the model a view fills
 * and the renderers (render.h, html.h, report_xlsx.c) read.
 *
 * A view fills a table with typed cells (text, integer, ratio, decimal,
 * delta, null) and says which columns group the rows; how each type looks
 * is the renderer's business, not the table's.
 *
 * Ownership: the table owns its columns and cells, and the text of cells
 * is copied into its arena; column headings are borrowed (string
 * literals, or copies in the arena). table_release frees everything.
 */
#ifndef KMAP_TABLE_H
#define KMAP_TABLE_H

#include <stddef.h>

#include "kmap/arena.h"

enum cell_type {
	CELL_NULL,
	CELL_TEXT,
	CELL_INT,
	CELL_RATIO,
	CELL_DECIMAL,
	CELL_DELTA, /* a signed change of a ratio: "+17 pp", -0.1667 */
};

struct cell {
	enum cell_type type;
	const char *text; /* CELL_TEXT */
	long long i;	  /* CELL_INT */
	double d;	  /* CELL_RATIO (0..1), CELL_DECIMAL */
};

/*
 * How a terminal table narrower than its content (render_opts.width)
 * makes room in a column of text.
 */
enum col_fit {
	COL_FIT_NONE,
	COL_FIT_NAME,  /* names: shortened "Askersunds k…[1]", listed in full
			  below the table */
	COL_FIT_WRAP,  /* free text (comments, lists of names): wrapped onto
			  more lines at spaces */
	COL_FIT_BLOCK, /* long free text (a comment): under its row, an
			  indented "heading: text" wrapped to the width */
	COL_FIT_PLACE, /* "FILE:LINE": the line alone when every cell
			  names one file, the file named below the table;
			  else wrapped */
};

struct table_col {
	const char *head;     /* shown in table and markdown */
	const char *csv_head; /* ASCII key in CSV */
	const char *color;    /* "#RRGGBB" for the heading, or NULL */
	int group;	      /* a grouping column: blank when repeated */
	int right;	      /* right-aligned even when it holds text */
	/* a narrower heading for a table that must fit ("Ö" for
	 * Övertalighet), explained below the table; NULL: none */
	const char *short_head;
	enum col_fit fit;
};

struct table {
	const char *title; /* a line above the table; not in CSV */
	/* narrow: when names would be cut, this many leading grouping
	 * columns are a line of their own above each group (0: none) */
	size_t group_lines;
	struct table_col *cols;
	size_t ncols;
	struct cell *cells; /* nrows * ncols */
	size_t nrows, cap;
	struct arena arena;
};

/* An empty table of ncols columns; table_release frees what it holds. */
void table_init(struct table *t, size_t ncols);
/* Frees the columns, cells and arena; a NULL or released table is fine. */
void table_release(struct table *t);
/* Names column col: head for people, csv_head (ASCII) for CSV and keys. */
void table_set_col(struct table *t, size_t col, const char *head,
		   const char *csv_head);
/* Appends an empty row (all null) and returns its cells. */
struct cell *table_add_row(struct table *t);
/* A text cell; s is copied into the table's arena. */
void cell_text(struct table *t, struct cell *c, const char *s);
void cell_int(struct cell *c, long long v);
/* A ratio or decimal; a negative value means "not defined" (null). */
void cell_ratio(struct cell *c, double v);
void cell_decimal(struct cell *c, double v);
/* The change new - old of two ratios; null unless both are defined. */
void cell_delta(struct cell *c, double old, double new);

/*
 * Whether cell (r, col) is a grouping cell equal to the one above it (the
 * same type and value), as are all grouping cells left of it: a renderer
 * for people shows it blank.
 */
int table_repeated(const struct table *t, size_t r, size_t col);

#endif
