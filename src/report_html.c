/*
 * report_html.c - the report as one self-contained HTML file (report.h,
 * html.h): Swedish headings, or English with --lang en. The order is the
 * reader's: overview and inputs, the total with its bars, the heatmap,
 * the critical occupations and their comments, disagreement, then the
 * long tables per region and organisation, and the data quality.
 */
#include "kmap/html.h"
#include "kmap/report.h"

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
		fprintf(fp, r->english ? "<p>1 identical repeated record was "
					 "counted once.</p>\n"
				       : "<p>1 upprepad identisk post räknades "
					 "en gång.</p>\n");
	else if (ds->duplicates)
		fprintf(fp,
			r->english ? "<p>%lu identical repeated records were "
				     "counted once.</p>\n"
				   : "<p>%lu upprepade identiska poster "
				     "räknades en gång.</p>\n",
			ds->duplicates);
	table_or(fp, r, &r->quality, RT_NO_NOTES);
}

int report_write_html(FILE *fp, const struct report *r)
{
	html_page_begin(fp, r->english ? "en" : "sv", report_text(r, RT_TITLE),
			r->a->ds->scale);
	fputs("<h1>", fp);
	html_text(fp, report_text(r, RT_TITLE));
	fputs("</h1>\n", fp);
	overview(fp, r);
	summary(fp, r);
	heading(fp, r, "heatmap", RT_HEATMAP);
	html_heatmap(fp, r->hm, 0, r->english);
	heading(fp, r, "critical", RT_CRITICAL);
	table_or(fp, r, &r->critical, RT_NO_CRITICAL);
	if (r->critical.nrows) {
		subheading(fp, r, RT_COMMENTS);
		table_or(fp, r, &r->comments, RT_NO_COMMENTS);
	}
	heading(fp, r, "disagreement", RT_DISAGREEMENT);
	table_or(fp, r, &r->disagreement, RT_NO_DISAGREEMENT);
	details(fp, r);
	quality(fp, r);
	fputs("<p class=\"note\">", fp);
	html_text(fp, report_text(r, RT_GENERATED));
	fputs("</p>\n", fp);
	html_page_end(fp);
	return 0;
}
