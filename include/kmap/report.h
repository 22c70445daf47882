/*
 * report.h - the whole analysis in one document (SPEC §6): kmap report
 * writes it as self-contained HTML (report_html.c) or as an XLSX
 * workbook (report_xlsx.c).
 *
 * report_build() turns the agg, the critical ranking and the heatmap into
 * the tables both formats show - inputs, the summary by total, region and
 * organisation (and by the attribute of --by ATTRIBUTE when the agg is
 * grouped by one, agg_group_by_attribute(); the ranking is then ranked
 * inside its values, crit_opts.by_attribute), the critical occupations and
 * their comments, where the organisations disagree (and who stands at each
 * end), omställning (critical.h), the data-quality notes collected while
 * reading, and with --af the comparison with Yrkesbarometern (compare_view.h) -
 * so that the two formats cannot disagree with each other or with kmap summary
 * and kmap critical, whose views (summary_view.h, critical_view.h) build those
 * tables for both.
 *
 * Given two rounds, it also has the change since the previous round
 * (diff.h, diff_view.h): the critical occupations in and out, the rank
 * changes, the forecast check and the changed comments of the critical
 * occupations, as a section of its own (report_change_*).
 *
 * Ownership: the report borrows agg, ranking, heatmap, notes and change,
 * and owns its tables; report_release frees them.
 */
#ifndef KMAP_REPORT_H
#define KMAP_REPORT_H

#include <stdio.h>

#include "kmap/compare.h"
#include "kmap/critical.h"
#include "kmap/diag_list.h"
#include "kmap/diff_view.h"
#include "kmap/heatmap.h"
#include "kmap/table.h"

/* The texts of the report in its two languages. */
enum report_text {
	RT_TITLE,
	RT_INPUTS,
	RT_OVERVIEW,
	RT_TOTAL,
	RT_BY_REGION,
	RT_BY_ORGANISATION,
	RT_BY_ATTRIBUTE, /* "Per" before the attribute's name */
	RT_HEATMAP,
	RT_BARS,
	RT_CRITICAL,
	RT_COMMENTS,
	RT_DISAGREEMENT,
	RT_QUALITY,
	RT_COMPARE,
	RT_NO_CRITICAL,
	RT_NO_COMMENTS,
	RT_NO_DISAGREEMENT,
	RT_DISAGREEMENT_INTRO,
	RT_MOBILITY,
	RT_MOBILITY_INTRO,
	RT_NO_MOBILITY,
	RT_NO_NOTES,
	RT_RECORDS,
	RT_GENERATED,
	RT_COUNT
};

struct report {
	/* given */
	const struct agg *a;
	const struct crit_list *cl;
	const struct heatmap *hm;
	const struct diag_list *notes; /* the warnings met while reading */
	const struct compare *cmp; /* --af: beside Yrkesbarometern, or NULL */
	double threshold;
	int english;
	const char *title; /* --title; NULL: report_title() makes one */
	/* built by report_build */
	struct table inputs, total, regions, organisations;
	struct table groups; /* by the agg's attribute (a->attr), else empty */
	struct table critical, comments, disagreement, moves, quality;
	struct table compare; /* with cmp: compare_view_table()'s, titled */
	/* the change since the previous round: given (NULL with one round),
	 * and its tables, built by report_build */
	const struct diff *change;
	struct diff_view_tables change_tables;
};

/* The texts of the change section, in the report's two languages. */
enum report_change_text {
	RC_TITLE,
	RC_CRITICAL,
	RC_RANKS,
	RC_FORECAST_BY,
	RC_COMMENTS,
	RC_NO_RANKS,
	RC_NO_FORECAST,
	RC_NO_COMMENTS,
	RC_SHEET,
	RC_COUNT
};

const char *report_change_text(const struct report *r,
			       enum report_change_text id);
/* The lines above the change section: the rounds and what only one has. */
void report_change_intro(const struct report *r, struct strbuf *out);

/*
 * Given two rounds: the round counted (each region's newest, or f's
 * round) against the one before it, for the change section. Returns 1
 * with d built, 0 when there is no earlier round, -1 after reporting.
 */
int report_change_build(struct diff *d, struct dataset *ds,
			const struct filter *f, double threshold);

void report_build(struct report *r);
void report_release(struct report *r);
const char *report_text(const struct report *r, enum report_text id);
/*
 * A section's heading into out: report_text(), naming the attribute of
 * --by ATTRIBUTE where the section is grouped by it: RT_BY_ATTRIBUTE
 * "Per kommungrupp", RT_CRITICAL "Kritiska yrken per kommungrupp".
 */
void report_heading(const struct report *r, enum report_text id,
		    struct strbuf *out);
/*
 * The report's title into out: --title as given, else one naming the
 * län and the round - "Kompetenskartläggning Västmanlands län 2025": the
 * regions counted (up to three by name, else how many), then the round
 * of the inputs when a manifest gave one ("omgång 2025:1"), else the
 * years of the inputs' current periods ("2021 och 2024").
 */
void report_title(const struct report *r, struct strbuf *out);
/* "Sjuksköterska (2 av 5 kritiska) ..." style lines for the intro. */
void report_intro(const struct report *r, struct strbuf *out);

/* Each returns 0, or -1 after reporting. */
int report_write_html(FILE *fp, const struct report *r);
int report_write_xlsx(FILE *fp, const struct report *r);

#endif
