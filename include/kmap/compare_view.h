/*
 * compare_view.h - what kmap compare shows (compare.h): one line per
 * coded occupation, place (a län of the data set, or riket) and period,
 * and AF row: our counts and modal level, AF's occupation, SSYK groups,
 * rekryteringssituation, prognos and text (quoted as AF writes it), the
 * class, and AF's omgang and taxonomi_version. In a table and markdown
 * the title names AF's round and notes below say what is not compared
 * and which groups AF merges or splits; CSV has them as columns; JSON is
 * kmap.compare/1 (doc/schema/kmap.compare-1.schema.json).
 *
 * Ownership: the view borrows the comparison.
 */
#ifndef KMAP_COMPARE_VIEW_H
#define KMAP_COMPARE_VIEW_H

#include <stdio.h>

#include "kmap/compare.h"
#include "kmap/render.h"
#include "kmap/table.h"

/* The comparison as a table (csv: every column; else the readable set). */
void compare_view_table(struct table *t, const struct compare *c, int csv);
/* The title line: AF's file, omgang and taxonomi_version (malloc'd). */
char *compare_view_title(const struct compare *c);
/*
 * The notes below the table, one per line, into fp: plain text made
 * safe for a terminal (wrapped to width columns, 0: not), or escaped
 * markdown text.
 */
void compare_view_notes(FILE *fp, const struct compare *c, int markdown,
			size_t width);
/* Writes kmap compare's output to fp in ro->format. */
void compare_view_write(FILE *fp, const struct compare *c,
			const struct render_opts *ro);

#endif
