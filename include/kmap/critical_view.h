/*
 * critical_view.h - what kmap critical shows of the ranking (critical.h,
 * SPEC §4): the ranked occupations with their counts per period, the
 * change from now, the disagreement between organisations and who rates
 * the scale's worst level; the comments on the critical ones; or the
 * kmap.critical/1 JSON document.
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

/*
 * Writes kmap critical's output to fp in ro->format: the ranking (the
 * first top places, per region when ranked by region; top 0: all), with
 * the comments table below it except in CSV, or the JSON document.
 * threshold is the one the ranking was built with, for the title.
 */
void critical_view_write(FILE *fp, const struct crit_list *cl, double threshold,
			 unsigned long top, const struct render_opts *ro);

/*
 * The report's tables: the critical occupations only, for people (no
 * CSV-only columns), into t, and their comments into comments.
 */
void critical_view_tables(struct table *t, struct table *comments,
			  const struct crit_list *cl);

#endif
