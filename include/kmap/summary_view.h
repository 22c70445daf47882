/*
 * summary_view.h - what kmap summary shows of the counts (SPEC §4, §7):
 * a table per group and period, with --trend the changes from now and
 * the transition matrices, or the kmap.summary/1 JSON document.
 *
 * A view decides what is shown and how it is headed: it fills tables
 * (table.h) and hands them to a renderer (render.h), or writes JSON
 * through jsonout.h. It never opens or commits output. kmap report builds
 * its summary tables here too, so that the report and kmap summary
 * cannot disagree.
 *
 * Ownership: the views borrow the agg; a table they fill is the caller's
 * (table_release).
 */
#ifndef KMAP_SUMMARY_VIEW_H
#define KMAP_SUMMARY_VIEW_H

#include <stdio.h>

#include "kmap/agg.h"
#include "kmap/render.h"

/* One round's counts, for --by round (rounds.h). */
struct summary_round {
	const char *label;
	const struct agg *a; /* the same filters, that round only */
};

/*
 * Writes kmap summary's output for a grouped by by to fp in ro->format:
 * the counts table, or with trend (an agg built with AGG_CHANGES) the
 * changes from now; JSON is the kmap.summary/1 document.
 */
void summary_view_write(FILE *fp, const struct agg *a, enum group_by by,
			int trend, const struct render_opts *ro);
/*
 * The same with each round's counts, in round order: by BY_ROUND sets
 * them side by side (a table with the round first), and the JSON document
 * has them as "rounds".
 */
void summary_view_write_rounds(FILE *fp, const struct agg *a,
			       const struct summary_round *rounds, size_t n,
			       enum group_by by, int trend,
			       const struct render_opts *ro);

/* The counts table for people (no CSV-only columns), into t (init'ed). */
void summary_view_table(struct table *t, const struct agg *a, enum group_by by);

/*
 * Writes the kmap.summary/1 document, streamed member by member; with
 * AGG_CHANGES every group also gets "trend".
 */
void summary_view_json(FILE *fp, const struct agg *a);

#endif
