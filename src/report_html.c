/*
 * report_html.c - the report as one self-contained HTML file (report.h,
 * html.h): Swedish headings, or English with --lang en. The order is the
 * reader's: overview and inputs, the total with its bars, the heatmap,
 * the critical occupations and their comments, given two rounds the
 * change since the previous one, disagreement (who is at each end) and
 * omställning, then the comparison with Yrkesbarometern (--af), the long
 * tables per region and organisation, and the data quality.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/compare_view.h"
#include "kmap/html.h"
#include "kmap/report.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

static void heading(FILE *fp, const struct report *r, const char *id,
		    enum report_text text)
{
	struct strbuf sb = STRBUF_INIT;

	report_heading(r, text, &sb);
	fprintf(fp, "<h2 id=\"%s\">", id);
	html_text(fp, sb.buf);
	fputs("</h2>\n", fp);
	strbuf_release(&sb);
}

static void subheading(FILE *fp, const struct report *r, enum report_text text)
{
	struct strbuf sb = STRBUF_INIT;

	report_heading(r, text, &sb);
	fputs("<h3>", fp);
	html_text(fp, sb.buf);
	fputs("</h3>\n", fp);
	strbuf_release(&sb);
}

/* A sentence under a heading saying what the section shows. */
static void intro(FILE *fp, const struct report *r, enum report_text text)
{
	fputs("<p class=\"note\">", fp);
	html_text(fp, report_text(r, text));
	fputs("</p>\n", fp);
}

/* The table, or a sentence saying there is nothing to show. */
static void table_or(FILE *fp, const struct report *r, const struct table *t,
		     enum report_text empty)
{
	if (t->nrows) {
		html_table(fp, t, r->english);
		return;
	}
	fputs("<p class=\"note\">", fp);
	html_text(fp, report_text(r, empty));
	fputs("</p>\n", fp);
}

static void overview(FILE *fp, const struct report *r)
{
	struct strbuf sb = STRBUF_INIT;

	report_intro(r, &sb);
	fputs("<p>", fp);
	html_text(fp, sb.buf);
	fputs("</p>\n", fp);
	strbuf_release(&sb);
	heading(fp, r, "inputs", RT_INPUTS);
	html_table(fp, &r->inputs, r->english);
}

static void summary(FILE *fp, const struct report *r)
{
	heading(fp, r, "summary", RT_TOTAL);
	html_table(fp, &r->total, r->english);
	if (r->groups.ncols) { /* --by ATTRIBUTE */
		subheading(fp, r, RT_BY_ATTRIBUTE);
		html_table(fp, &r->groups, r->english);
	}
	subheading(fp, r, RT_BARS);
	html_level_bars(fp, r->a, r->english);
}

/* ---- the change since the previous round --------------------------- */

static void change_heading(FILE *fp, const struct report *r,
			   enum report_change_text text)
{
	fputs("<h3>", fp);
	html_text(fp, report_change_text(r, text));
	fputs("</h3>\n", fp);
}

static void change_note(FILE *fp, const char *text)
{
	fputs("<p class=\"note\">", fp);
	html_text(fp, text);
	fputs("</p>\n", fp);
}

/*
 * The forecast check as one bar: came true, too pessimistic, too
 * optimistic, each segment with its count and words, so that it reads
 * without its colours.
 */
static void forecast_bar(FILE *fp, const struct report *r)
{
	const struct diff_tally *t = &r->change->forecast.overall;
	static const char *const colour[3] = { "#009E73", "#0072B2",
					       "#D55E00" };
	static const char *const words[3][2] = {
		{ "slog in", "came true" },
		{ "för pessimistisk", "too pessimistic" },
		{ "för optimistisk", "too optimistic" },
	};
	uint32_t n[3] = { t->same, t->lower, t->higher };
	const double width = 560, height = 24;
	struct strbuf title = STRBUF_INIT;
	double x = 0;

	diff_view_forecast_title(r->change, r->english, &title);
	fprintf(fp,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
		"width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n"
		"<title>",
		width, height * 2 + 4, width, height * 2 + 4);
	html_text(fp, title.buf);
	fputs("</title>\n", fp);
	strbuf_release(&title);
	for (int i = 0; i < 3; i++) {
		double w = t->compared ? width * n[i] / t->compared : 0;
		/* the bar: each part's count in a tooltip */
		if (n[i]) {
			fprintf(fp,
				"<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" "
				"height=\"%.0f\" fill=\"%s\"><title>%u ",
				x, w, height, colour[i], n[i]);
			html_text(fp, words[i][r->english]);
			fputs("</title></rect>\n", fp);
		}
		x += w;
		/* the legend below: colour, count and words */
		fprintf(fp,
			"<rect x=\"%d\" y=\"%.0f\" width=\"12\" "
			"height=\"12\" fill=\"%s\"/>\n"
			"<text x=\"%d\" y=\"%.0f\" font-size=\"12\">%u ",
			i * 186, height + 8, colour[i], i * 186 + 16,
			height + 18, n[i]);
		html_text(fp, words[i][r->english]);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

static void change_section(FILE *fp, const struct report *r)
{
	const struct diff_view_tables *t = &r->change_tables;
	struct strbuf sb = STRBUF_INIT;

	fputs("<h2 id=\"change\">", fp);
	html_text(fp, report_change_text(r, RC_TITLE));
	fputs("</h2>\n<p>", fp);
	report_change_intro(r, &sb);
	html_text(fp, sb.buf);
	fputs("</p>\n", fp);
	change_heading(fp, r, RC_CRITICAL);
	diff_view_critical_title(r->change, r->english, &sb);
	if (t->critical.nrows)
		html_table(fp, &t->critical, r->english);
	else
		change_note(fp, sb.buf);
	change_heading(fp, r, RC_RANKS);
	if (t->ranks.nrows)
		html_table(fp, &t->ranks, r->english);
	else
		change_note(fp, report_change_text(r, RC_NO_RANKS));
	fputs("<h3>", fp);
	diff_view_forecast_title(r->change, r->english, &sb);
	html_text(fp, sb.buf);
	fputs("</h3>\n", fp);
	if (r->change->forecast.overall.compared) {
		html_table(fp, &t->forecast, r->english);
		forecast_bar(fp, r);
		change_heading(fp, r, RC_FORECAST_BY);
		html_table(fp, &t->forecast_by, r->english);
	} else {
		change_note(fp, report_change_text(r, RC_NO_FORECAST));
	}
	change_heading(fp, r, RC_COMMENTS);
	if (t->comments.nrows)
		html_table(fp, &t->comments, r->english);
	else
		change_note(fp, report_change_text(r, RC_NO_COMMENTS));
	strbuf_release(&sb);
}

/* The long tables come last, after what a reader looks at first. */
static void details(FILE *fp, const struct report *r)
{
	heading(fp, r, "regions", RT_BY_REGION);
	html_table(fp, &r->regions, r->english);
	heading(fp, r, "organisations", RT_BY_ORGANISATION);
	html_table(fp, &r->organisations, r->english);
}

static void quality(FILE *fp, const struct report *r)
{
	const struct dataset *ds = r->a->ds;

	heading(fp, r, "quality", RT_QUALITY);
	if (ds->duplicates == 1)
		fputs(r->english ? "<p>1 identical repeated record was counted "
				   "once.</p>\n"
				 : "<p>1 upprepad identisk post räknades en "
				   "gång.</p>\n",
		      fp);
	else if (ds->duplicates)
		fprintf(fp,
			r->english ? "<p>%lu identical repeated records were "
				     "counted once.</p>\n"
				   : "<p>%lu upprepade identiska poster "
				     "räknades en gång.</p>\n",
			ds->duplicates);
	table_or(fp, r, &r->quality, RT_NO_NOTES);
}

/* With --af: the comparison with Yrkesbarometern, its title and notes. */
static void compare(FILE *fp, const struct report *r)
{
	char *notes = NULL;
	size_t len = 0;
	FILE *mem;

	heading(fp, r, "yrkesbarometern", RT_COMPARE);
	fputs("<p>", fp);
	html_text(fp, r->compare.title);
	fputs("</p>\n", fp);
	html_table(fp, &r->compare, r->english);
	mem = open_memstream(&notes, &len);
	if (!mem)
		xalloc_die();
	compare_view_notes(mem, r->cmp, 0);
	if (fclose(mem))
		xalloc_die();
	for (char *line = notes, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		fputs("<p class=\"note\">", fp);
		html_text(fp, line);
		fputs("</p>\n", fp);
	}
	free(notes);
}

/*
 * A critical occupation as the XLSX's sheet of it shows it: one row per
 * organisation, one column per period, each cell the rating's letter in
 * its colour; then who says Brist in the last period, every one named.
 */
static void occupation(FILE *fp, const struct report *r, const struct crit *c)
{
	const struct agg *a = r->a;
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;
	int worst = (int)sc->nlevels, first = 1;
	int regions = a->nregions > 1; /* then each row names its region */

	fputs("<div class=\"occ\">\n<h3>", fp);
	fprintf(fp, "%u. ", c->rank);
	html_text(fp, name_display(&ds->occupations, c->occupation));
	if (r->cl->attr) { /* ranked inside its group: which */
		fputs(" · ", fp);
		html_text(fp, crit_group_name(r->cl, c));
	}
	fputs("</h3>\n<table class=\"grid\">\n<thead><tr>", fp);
	if (regions)
		fputs("<th>region</th>", fp);
	fputs("<th>organisation</th>", fp);
	for (uint32_t j = 0; j < a->nperiods; j++) {
		fputs("<th>", fp);
		html_text(fp, ds->periods[a->periods[j]].label);
		fputs("</th>", fp);
	}
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (uint32_t i = 0; i < c->nrows; i++) {
		uint32_t row = c->rows[i];
		const struct unit *u = &ds->units[ds->rows[row].unit];
		fputs("<tr>", fp);
		if (regions) {
			fputs("<td>", fp);
			html_text(fp, name_display(&ds->regions, u->region));
			fputs("</td>", fp);
		}
		fputs("<th class=\"occ\" scope=\"row\">", fp);
		html_text(fp, name_display(&ds->organisations, u->org));
		fputs("</th>", fp);
		for (uint32_t j = 0; j < a->nperiods; j++) {
			uint8_t level = dataset_level(ds, row, a->periods[j]);
			if (level >= 1 && level <= sc->nlevels) {
				fprintf(fp, "<td class=\"lv l%u\" title=\"",
					level);
				html_text(fp, sc->levels[level - 1].label);
				fputs("\">", fp);
				html_text(fp, sc->levels[level - 1].letter);
			} else {
				fputs("<td class=\"lv\">", fp);
				if (level == LEVEL_MISSING)
					fputs("–", fp);
			}
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
	if (c->last >= 0 && c->brist_n) {
		fputs("<p class=\"list\"><b>", fp);
		html_text(fp, sc->levels[worst - 1].label);
		fprintf(fp, " %s ", r->english ? "at" : "hos");
		html_text(fp, ds->periods[c->last].label);
		fprintf(fp, " (%u %s %u):</b> ", c->brist_n,
			r->english ? "of" : "av", c->rated);
		for (uint32_t i = 0; i < c->nrows; i++) {
			uint32_t row = c->rows[i];
			if (dataset_level(ds, row, (uint32_t)c->last) != worst)
				continue;
			fputs(first ? "" : ", ", fp);
			html_text(fp,
				  name_display(
					  &ds->organisations,
					  ds->units[ds->rows[row].unit].org));
			first = 0;
		}
		fputs("</p>\n", fp);
	}
	fputs("</div>\n", fp);
}

static void critical(FILE *fp, const struct report *r)
{
	heading(fp, r, "critical", RT_CRITICAL);
	table_or(fp, r, &r->critical, RT_NO_CRITICAL);
	for (uint32_t i = 0; i < r->cl->n; i++)
		if (r->cl->v[i].critical && !r->cl->v[i].set_apart)
			occupation(fp, r, &r->cl->v[i]);
	if (r->critical.nrows) {
		subheading(fp, r, RT_COMMENTS);
		table_or(fp, r, &r->comments, RT_NO_COMMENTS);
	}
}

int report_write_html(FILE *fp, const struct report *r)
{
	struct strbuf title = STRBUF_INIT;

	report_title(r, &title);
	html_page_begin(fp, r->english ? "en" : "sv", title.buf,
			r->a->ds->scale);
	fputs("<h1>", fp);
	html_text(fp, title.buf);
	fputs("</h1>\n", fp);
	strbuf_release(&title);
	overview(fp, r);
	summary(fp, r);
	heading(fp, r, "heatmap", RT_HEATMAP);
	html_heatmap(fp, r->hm, 0, r->english);
	critical(fp, r);
	if (r->change)
		change_section(fp, r);
	heading(fp, r, "disagreement", RT_DISAGREEMENT);
	if (r->disagreement.nrows)
		intro(fp, r, RT_DISAGREEMENT_INTRO);
	table_or(fp, r, &r->disagreement, RT_NO_DISAGREEMENT);
	heading(fp, r, "mobility", RT_MOBILITY);
	if (r->moves.nrows)
		intro(fp, r, RT_MOBILITY_INTRO);
	table_or(fp, r, &r->moves, RT_NO_MOBILITY);
	if (r->cmp)
		compare(fp, r);
	details(fp, r);
	quality(fp, r);
	fputs("<p class=\"note\">", fp);
	html_text(fp, report_text(r, RT_GENERATED));
	fputs("</p>\n", fp);
	html_page_end(fp);
	return 0;
}
