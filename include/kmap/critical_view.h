/*
 * critical_view.h - what kmap critical shows of the ranking (critical.h,
 * SPEC §4): the ranked occupations with their counts per period, the
 * change from now, the disagreement between organisations (who stands at
 * each end) and who rates the scale's worst level; omställning, where an
 * organisation's surplus meets another's shortage; the comments on the
 * critical ones; or the kmap.critical/2 JSON document.
 *
 * A view decides what is shown and how it is headed: it fills tables
 * (table.h) and hands them to a renderer (render.h), or writes JSON
 * through jsonout.h. It never opens or commits output. kmap report builds
 * its critical tables here too, so that the report and kmap critical
 * cannot disagree.
 *
 * Ownership: the views borrow the ranking (and through it the agg and
 * dataset); a table they fill is the caller's (table_release).
 */
#ifndef KMAP_CRITICAL_VIEW_H
#define KMAP_CRITICAL_VIEW_H

#include <stdio.h>

#include "kmap/critical.h"
#include "kmap/render.h"

struct critical_view_opts {
	double threshold;    /* the ranking's, for the title */
	unsigned long top;   /* the first top places (per region); 0: all */
	uint32_t min_raters; /* the ranking's, for the heading */
	int long_form;	     /* --long: the counts and changes per period */
};

/*
 * Writes kmap critical's output to fp in ro->format. Table and markdown:
 * the ranking, one line per occupation; those set apart for too few
 * raters; with long_form each occupation's counts per period and its
 * change from now with who rates the scale's last level; the ends of each
 * disagreement; omställning; the comments on the critical ones. CSV: one
 * line per occupation and period. JSON: the kmap.critical/2 document.
 */
void critical_view_write(FILE *fp, const struct crit_list *cl,
			 const struct critical_view_opts *vo,
			 const struct render_opts *ro);

/* The report's tables (critical_view_tables). */
struct critical_tables {
	struct table ranking;	   /* the critical ones, one line each */
	struct table comments;	   /* their comments */
	struct table disagreement; /* every occupation: who is at each end */
	struct table moves;	   /* omställning (crit_moves_build) */
};

/*
 * Fills the report's tables: the ranking of the critical occupations only
 * (one line each, numbers as numbers) and their comments; the ends of
 * every disagreement of two levels or more (two lines each: the lowest
 * level and its organisations, then the highest); omställning. Release
 * with critical_tables_release().
 */
void critical_view_tables(struct critical_tables *ct,
			  const struct crit_list *cl);
void critical_tables_release(struct critical_tables *ct);

#endif
