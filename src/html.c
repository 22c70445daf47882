/*
 * html.c - HTML output (html.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/color.h"
#include "kmap/html.h"
#include "kmap/render.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

void html_text(FILE *fp, const char *raw)
{
	/* HTML calls controls and noncharacters parse errors: what XML
	 * forbids is shown escaped ("\uFFFE"), as in an XLSX part */
	struct strbuf safe = STRBUF_INIT;
	const char *s = text_safe_flags(raw, TEXT_XML, &safe);

	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		case '\r':
			if (s[1] != '\n')
				fputs("<br>", fp);
			break;
		case '\n':
			fputs("<br>", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
	strbuf_release(&safe);
}

static const char page_css[] =
	"@page{size:A4;margin:14mm}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{font-family:system-ui,'DejaVu Sans',Arial,sans-serif;"
	"color:#1a1a1a;max-width:62em;margin:1.5em auto;padding:0 1em;"
	"line-height:1.4}\n"
	"h1{font-size:1.6em;margin-bottom:.2em}"
	"h2{font-size:1.25em;margin-top:1.8em;border-bottom:2px solid #444;"
	"break-after:avoid}\n"
	"table{border-collapse:collapse;margin:.5em 0 1.2em;font-size:.85em}\n"
	"th,td{border:1px solid #aaa;padding:.15em .45em;vertical-align:top;"
	"white-space:nowrap}\n"
	"td.long{white-space:normal;min-width:12em;overflow-wrap:anywhere}\n"
	".wide{overflow-x:auto}\n"
	"@media print{.wide{overflow:visible}table{font-size:.7em}"
	".occ{break-inside:avoid}}\n"
	"p.list{font-size:.85em;margin:.2em 0 1em}\n"
	"div.occ h3{margin-bottom:.2em}\n"
	"th{background:#eee;text-align:left}"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}th{white-space:nowrap}\n"
	"thead{display:table-header-group}tr{break-inside:avoid}\n"
	"table.heatmap td.lv,table.grid td.lv{text-align:center;"
	"font-weight:bold;min-width:2.2em}\n"
	"table.heatmap th.occ,table.grid th.occ{font-weight:normal;"
	"background:none}\n"
	".legend span.lv{display:inline-block;min-width:1.6em;"
	"text-align:center;font-weight:bold;margin-right:.3em;"
	"border:1px solid #666}\n"
	".legend{margin:.3em 0 1em;font-size:.85em}"
	".legend>span{margin-right:1.2em;white-space:nowrap}\n"
	".note{color:#444;font-size:.85em}\n"
	"svg text{font-family:system-ui,'DejaVu Sans',Arial,sans-serif}\n";

void html_page_begin(FILE *fp, const char *lang, const char *title,
		     const struct scale *sc)
{
	fprintf(fp,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" "
		"content=\"width=device-width,initial-scale=1\">\n"
		"<title>",
		lang);
	/* a window title has no cell to isolate what it holds */
	struct strbuf safe = STRBUF_INIT;
	html_text(fp, text_safe(title, &safe));
	strbuf_release(&safe);
	fputs("</title>\n<style>\n", fp);
	fputs(page_css, fp);
	for (size_t l = 0; l < sc->nlevels; l++)
		fprintf(fp, ".l%zu{background:%s;color:%s}\n", l + 1,
			sc->levels[l].color,
			color_text_on(sc->levels[l].color));
	fputs("</style>\n</head>\n<body>\n", fp);
}

void html_page_end(FILE *fp)
{
	fputs("</body>\n</html>\n", fp);
}

/* english: "risk_share" -> "risk share"; else the Swedish heading. */
static void heading(FILE *fp, const struct table_col *col, int english)
{
	if (english && !col->color) {
		for (const char *p = col->csv_head; *p; p++)
			fputc(*p == '_' ? ' ' : *p, fp);
		return;
	}
	html_text(fp, col->head);
}

static int numeric_col(const struct table *t, size_t c)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (t->cells[r * t->ncols + c].type == CELL_TEXT)
			return t->cols[c].right;
	return 1;
}

/* Text that would make a column too wide wraps (comments, name lists). */
enum { HTML_LONG_TEXT = 40 };

static int long_col(const struct table *t, size_t c)
{
	for (size_t r = 0; r < t->nrows; r++) {
		const struct cell *cell = &t->cells[r * t->ncols + c];
		if (cell->type == CELL_TEXT &&
		    display_width(cell->text) > HTML_LONG_TEXT)
			return 1;
	}
	return 0;
}

void html_table(FILE *fp, const struct table *t, int english)
{
	char buf[64];
	int *wrap = xcalloc(t->ncols + 1, sizeof(*wrap));

	/* text the view lets wrap (lists of names, comments) wraps here too,
	 * so that a table fits the printed page */
	for (size_t c = 0; c < t->ncols; c++)
		wrap[c] = long_col(t, c) || t->cols[c].fit == COL_FIT_WRAP ||
			  t->cols[c].fit == COL_FIT_BLOCK ||
			  t->cols[c].fit == COL_FIT_PLACE;
	fputs("<div class=\"wide\"><table>\n<thead><tr>", fp);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs(numeric_col(t, c) ? "<th class=\"num\"" : "<th", fp);
		/* a level's column is headed in its colour */
		if (t->cols[c].color)
			fprintf(fp, " style=\"background:%s;color:%s\"",
				t->cols[c].color,
				color_text_on(t->cols[c].color));
		fputc('>', fp);
		heading(fp, &t->cols[c], english);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", fp);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *cell = &t->cells[r * t->ncols + c];
			fputs(cell->type != CELL_TEXT || t->cols[c].right
				      ? "<td class=\"num\">"
			      : wrap[c] ? "<td class=\"long\">"
					: "<td>",
			      fp);
			if (!table_repeated(t, r, c))
				html_text(fp,
					  cell_human(cell, buf, sizeof(buf)));
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table></div>\n", fp);
	free(wrap);
}

/* "Brist: 5 av 8 (Ö 0, H 1, S 2, B 5)" for a cell's title. */
static void cell_title(struct strbuf *sb, const struct scale *sc,
		       const struct stats *s, int mode, int english)
{
	strbuf_reset(sb);
	if (mode)
		strbuf_addf(sb, "%s: %u %s %u (", sc->levels[mode - 1].label,
			    s->level[mode - 1], english ? "of" : "av",
			    stats_rated(s, sc));
	for (size_t l = 0; l < sc->nlevels; l++)
		strbuf_addf(sb, "%s%s %u", l ? ", " : "", sc->levels[l].letter,
			    s->level[l]);
	if (s->missing)
		strbuf_addf(sb, ", %s %u", english ? "missing" : "saknas",
			    s->missing);
	if (s->not_applicable)
		strbuf_addf(sb, ", %s %u",
			    english ? "not applicable" : "ej aktuellt",
			    s->not_applicable);
	if (mode)
		strbuf_addch(sb, ')');
}

static void heatmap_legend(FILE *fp, const struct scale *sc, int counts, int na,
			   int english)
{
	fputs("<p class=\"legend\">", fp);
	for (size_t l = 0; l < sc->nlevels; l++) {
		fprintf(fp, "<span><span class=\"lv l%zu\">", l + 1);
		html_text(fp, sc->levels[l].letter);
		fputs("</span>", fp);
		html_text(fp, sc->levels[l].label);
		fputs("</span>", fp);
	}
	fprintf(fp, "<span><span class=\"lv\">–</span>%s</span>",
		english ? "no rating" : "ej bedömt");
	if (na)
		fprintf(fp, "<span><span class=\"lv\">·</span>%s</span>",
			english ? "not applicable" : "ej aktuellt");
	fputs("<br>", fp);
	if (counts)
		fprintf(fp, english ? "Cells: the number of ratings at each "
				      "level, best to worst; colour: the most "
				      "common one (on a tie the worse)."
				    : "Cellerna: antal bedömningar per nivå, "
				      "från bästa till sämsta; färg: den "
				      "vanligaste (lika många: den sämre).");
	else
		fprintf(fp, english ? "Each cell: the most common rating (on "
				      "a tie the worse)."
				    : "Varje cell: den vanligaste bedömningen "
				      "(lika många: den sämre).");
	fputs("</p>\n", fp);
}

void html_heatmap(FILE *fp, const struct heatmap *hm, int counts, int english)
{
	const struct dataset *ds = hm->a->ds;
	const struct scale *sc = ds->scale;
	struct strbuf sb = STRBUF_INIT, title = STRBUF_INIT;

	fprintf(fp, "<table class=\"heatmap\">\n<thead><tr><th>%s</th>",
		english ? "occupation" : "yrke");
	for (uint32_t c = 0; c < hm->ncols; c++) {
		heatmap_col_label(hm, c, &sb);
		fputs("<th>", fp);
		html_text(fp, sb.buf);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (uint32_t r = 0; r < hm->nrows; r++) {
		fputs("<tr><th class=\"occ\" scope=\"row\">", fp);
		html_text(fp,
			  name_display(&ds->occupations, hm->occupations[r]));
		fputs("</th>", fp);
		for (uint32_t c = 0; c < hm->ncols; c++) {
			const struct stats *s = heatmap_cell(hm, r, c);
			int mode = heatmap_cell_text(hm, s, counts, &sb);
			if (mode)
				fprintf(fp, "<td class=\"lv l%d\"", mode);
			else
				fputs("<td class=\"lv\"", fp);
			if (mode || s->missing || s->not_applicable) {
				cell_title(&title, sc, s, mode, english);
				fputs(" title=\"", fp);
				html_text(fp, title.buf);
				fputc('"', fp);
			}
			fputc('>', fp);
			html_text(fp, sb.buf);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	heatmap_legend(fp, sc, counts, heatmap_has_na(hm), english);
	strbuf_release(&sb);
	strbuf_release(&title);
}

enum { BAR_LABEL = 110, BAR_WIDTH = 560, BAR_HEIGHT = 26, BAR_GAP = 8 };

static void bar(FILE *fp, const struct agg *a, uint32_t p, double y,
		int english)
{
	const struct scale *sc = a->ds->scale;
	const struct stats *s = agg_total(a, p);
	uint32_t rated = stats_rated(s, sc);
	double x = BAR_LABEL;

	fprintf(fp, "<text x=\"0\" y=\"%.1f\" font-size=\"13\">", y + 17);
	html_text(fp, a->ds->periods[p].label);
	if (agg_current(a, p))
		fputs(english ? " (now)" : " (nu)", fp);
	fputs("</text>\n", fp);
	for (size_t l = 0; rated && l < sc->nlevels; l++) {
		double w = (double)BAR_WIDTH * s->level[l] / rated;
		if (!s->level[l])
			continue;
		fprintf(fp,
			"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"%d\" fill=\"%s\" stroke=\"#fff\">"
			"<title>",
			x, y, w, BAR_HEIGHT, sc->levels[l].color);
		html_text(fp, sc->levels[l].label);
		fprintf(fp, ": %u</title></rect>\n", s->level[l]);
		/* the letter and count where they fit, so it reads in grey */
		if (w >= 34)
			fprintf(fp,
				"<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
				"text-anchor=\"middle\" fill=\"%s\">%s %u"
				"</text>\n",
				x + w / 2, y + 17,
				color_text_on(sc->levels[l].color),
				sc->levels[l].letter, s->level[l]);
		x += w;
	}
}

void html_level_bars(FILE *fp, const struct agg *a, int english)
{
	double h = a->nperiods * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;

	fprintf(fp,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		"width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\">\n"
		"<title>%s</title>\n",
		BAR_LABEL + BAR_WIDTH, h, BAR_LABEL + BAR_WIDTH, h,
		english ? "Ratings per period" : "Bedömningar per period");
	for (uint32_t i = 0; i < a->nperiods; i++)
		bar(fp, a, a->periods[i], BAR_GAP + i * (BAR_HEIGHT + BAR_GAP),
		    english);
	fputs("</svg>\n", fp);
}
