/*
 * table.h - a renderer-independent result table.
 *
 * A command fills a table with typed cells (text, integer, ratio,
 * decimal, null); each renderer formats the types its own way: a ratio is
 * "50 %" in a terminal table, 0.5000 in CSV and 0,5000 in Excel CSV. The
 * text of cells is copied into the table's arena.
 */
#ifndef KMAP_TABLE_H
#define KMAP_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "kmap/arena.h"
#include "kmap/strbuf.h"

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
	long long i;      /* CELL_INT */
	double d;         /* CELL_RATIO (0..1), CELL_DECIMAL */
};

struct table_col {
	const char *head;     /* shown in table and markdown */
	const char *csv_head; /* ASCII key in CSV */
	const char *color;    /* "#RRGGBB" for the heading, or NULL */
	int group;            /* a grouping column: blank when repeated */
	int right;            /* right-aligned even when it holds text */
};

struct table {
	const char *title; /* a line above the table; not in CSV */
	struct table_col *cols;
	size_t ncols;
	struct cell *cells; /* nrows * ncols */
	size_t nrows, cap;
	struct arena arena;
};

void table_init(struct table *t, size_t ncols);
void table_release(struct table *t);
void table_set_col(struct table *t, size_t col, const char *head,
		   const char *csv_head);
/* Appends an empty row (all null) and returns its cells. */
struct cell *table_add_row(struct table *t);
void cell_text(struct table *t, struct cell *c, const char *s);
void cell_int(struct cell *c, long long v);
/* A ratio or decimal; a negative value means "not defined" (null). */
void cell_ratio(struct cell *c, double v);
void cell_decimal(struct cell *c, double v);
/* The change new - old of two ratios; null unless both are defined. */
void cell_delta(struct cell *c, double old, double new);

enum format {
	FORMAT_TABLE,
	FORMAT_CSV,
	FORMAT_JSON,
	FORMAT_MARKDOWN,
	FORMAT_HTML,
	FORMAT_XLSX,
};

struct render_opts {
	enum format format;
	int excel; /* CSV for Swedish Excel: ';', BOM, CRLF, decimal comma */
	int color; /* ANSI colour in table output: an enum color_depth */
};

/* Writes t in opts->format (table, csv or markdown) to fp. */
void render_table(FILE *fp, const struct table *t,
		  const struct render_opts *opts);

/*
 * A cell as people read it (table, markdown, HTML): "50 %", "2,64",
 * "+17 pp", "–" for null. Returns the cell's text or buf (size >= 32).
 */
const char *cell_human(const struct cell *c, char *buf, size_t size);

/* Display width of UTF-8 text in terminal columns (å is one). */
size_t display_width(const char *s);
/*
 * Appends to out the longest start of s (whole characters) that is at
 * most width columns wide; returns the columns appended.
 */
size_t display_truncate(const char *s, size_t width, struct strbuf *out);
/* Writes a CSV field: quoted when needed, formula prefixes neutralised. */
void csv_write_field(FILE *fp, const char *s, char delim);

#endif
