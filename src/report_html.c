/*
 * report_html.c - the report as one self-contained HTML file (report.h,
 * html.h): Swedish headings, or English with --lang en. The order is the
 * reader's: overview and inputs, the total with its bars, the heatmap,
 * the critical occupations and their comments, disagreement (who is at
 * each end) and omställning, then the
 * long tables per region and organisation, and the data quality.
 */
#include "kmap/html.h"
#include "kmap/report.h"
#include "kmap/strbuf.h"

static void heading(FILE *fp, const struct report *r, const char *id,
		    enum report_text text)
{
	fprintf(fp, "<h2 id=\"%s\">", id);
	html_text(fp, report_text(r, text));
	fputs("</h2>\n", fp);
}

static void subheading(FILE *fp, const struct report *r, enum report_text text)
{
	fputs("<h3>", fp);
	html_text(fp, report_text(r, text));
	fputs("</h3>\n", fp);
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
	subheading(fp, r, RT_BARS);
	html_level_bars(fp, r->a, r->english);
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
	heading(fp, r, "disagreement", RT_DISAGREEMENT);
	if (r->disagreement.nrows)
		intro(fp, r, RT_DISAGREEMENT_INTRO);
	table_or(fp, r, &r->disagreement, RT_NO_DISAGREEMENT);
	heading(fp, r, "mobility", RT_MOBILITY);
	if (r->moves.nrows)
		intro(fp, r, RT_MOBILITY_INTRO);
	table_or(fp, r, &r->moves, RT_NO_MOBILITY);
	details(fp, r);
	quality(fp, r);
	fputs("<p class=\"note\">", fp);
	html_text(fp, report_text(r, RT_GENERATED));
	fputs("</p>\n", fp);
	html_page_end(fp);
	return 0;
}
