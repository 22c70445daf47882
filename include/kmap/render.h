/*
 * render.h - the renderers of a struct table (table.h) and the text
 * helpers they share.
 *
 * table.h is the model: columns and typed cells, filled by a view. This
 * header is what turns a model into bytes: render_table() writes a table
 * as an aligned terminal table (with ANSI colour when asked), CSV (RFC
 * 4180, or for Swedish Excel) or markdown; render_heatmap_grid() draws
 * the heatmap's grid for a terminal; html.h does HTML and report_xlsx.c
 * a workbook. Each renderer formats a cell's type its own
 * way - a ratio is "50 %" in a terminal, 0.5000 in CSV, 0,5000 in Excel
 * CSV - and blanks a grouping cell that repeats the one above
 * (table_repeated()).
 *
 * Renderers only read the table and write to the FILE they are given;
 * they never open, commit or close output (output.h does that).
 */
#ifndef KMAP_RENDER_H
#define KMAP_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "kmap/strbuf.h"
#include "kmap/table.h"

/* The output formats (-f), in the order help and messages list them. */
enum format {
	FORMAT_TABLE,
	FORMAT_CSV,
	FORMAT_JSON,
	FORMAT_MARKDOWN,
	FORMAT_HTML,
	FORMAT_XLSX,
	FORMAT_LONG, /* kmap diff: one CSV row per changed cell */
};

struct render_opts {
	enum format format;
	int excel; /* CSV for Swedish Excel: ';', BOM, CRLF, decimal comma */
	int color; /* ANSI colour in table output: an enum color_depth */
	int continued; /* CSV: a further table of the same file (no BOM) */
	/* the terminal table's width in columns: a wider table is narrowed
	 * (table.h's short headings, wrapped text, shortened names); 0:
	 * as wide as its content */
	size_t width;
	int swedish; /* CSV: the columns headed in Swedish (--lang sv), not
			by their stable keys */
};

/*
 * Writes t in opts->format (table, csv or markdown; any other format
 * gives the terminal table) to fp. The terminal table fits opts->width
 * where its numbers leave room: its title and every line below it are
 * wrapped to the width, and its rows narrowed as table.h's columns allow.
 * Write errors show in ferror(fp).
 */
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
/*
 * Writes s and a newline, wrapped at spaces to width columns (0: as it
 * is), the lines after the first indented by indent.
 */
void render_put_wrapped(FILE *fp, const char *s, size_t width, size_t indent);
/* Writes a CSV field: quoted when needed, formula prefixes neutralised. */
void csv_write_field(FILE *fp, const char *s, char delim);
/*
 * Text from the files in markdown: escaped so that a renderer shows it as
 * the same text, never as a tag, a link or formatting (render_table.c).
 */
void render_markdown_text(FILE *fp, const char *s);

/*
 * The heatmap (heatmap.h) as a grid for a terminal: title, the grid
 * fitted to width columns (0: 80; the commands pass cli_width()) by
 * shortening long occupation names, the legend, then the shortened names
 * in full and, by organisation, the numbered organisations. color is an
 * enum color_depth (0: plain letters); counts: cells show the counts.
 */
struct heatmap;
void render_heatmap_grid(FILE *fp, const struct heatmap *hm, const char *title,
			 int counts, size_t width, int color);

#endif
