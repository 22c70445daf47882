/*
 * html.h - self-contained HTML (SPEC §6): one file with inline CSS and
 * SVG, no scripts, fonts or anything else from the network, that prints
 * on A4 with its colours. Every cell with a level's colour also shows the
 * level's letter or name, so the page reads in black and white. All text
 * from the input goes through html_text(), which escapes it.
 */
#ifndef KMAP_HTML_H
#define KMAP_HTML_H

#include <stdio.h>

#include "kmap/agg.h"
#include "kmap/heatmap.h"
#include "kmap/table.h"

/*
 * Writes s escaped for text and attribute values; line breaks as <br>.
 * What HTML calls a parse error and XML forbids (a control but TAB, LF
 * and CR, U+FFFE/U+FFFF, a byte that is not UTF-8) is shown escaped as
 * textsafe.h's TEXT_XML does ("\uFFFE").
 */
void html_text(FILE *fp, const char *s);
/* <!DOCTYPE html> ... <body>, with the CSS for the scale's colours. */
void html_page_begin(FILE *fp, const char *lang, const char *title,
		     const struct scale *sc);
void html_page_end(FILE *fp);
/*
 * A table: numbers right-aligned, grouping cells blank when repeated
 * like in the terminal. english: headings from the columns' CSV keys.
 */
void html_table(FILE *fp, const struct table *t, int english);
/* The heatmap grid and its legend. */
void html_heatmap(FILE *fp, const struct heatmap *hm, int counts, int english);
/* An SVG of stacked bars: the total's level distribution per period. */
void html_level_bars(FILE *fp, const struct agg *a, int english);

#endif
