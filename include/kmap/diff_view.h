/*
 * diff_view.h - what kmap diff shows of a comparison (diff.h), and the
 * tables of the report's change section.
 *
 * In reading order: what only one round has (the periods of the rolling
 * horizon, the organisations and occupations that came or went), the
 * critical changes and the rank changes, the forecast check, the
 * revisions, the risk and brist shares that moved, the records that
 * differ, and the group counts that differ. As a table or markdown for
 * people; as CSV the same tables one after another, each with its header
 * row and an empty line between them; -f long one CSV row per changed
 * cell; JSON the kmap.diff/2 document.
 *
 * A view decides what is shown and how it is headed: it fills tables
 * (table.h) and hands them to a renderer (render.h), or writes JSON
 * through jsonout.h. It never opens or commits output.
 *
 * Ownership: the view borrows the diff and, through it, both datasets;
 * the tables it fills are the caller's (table_release).
 */
#ifndef KMAP_DIFF_VIEW_H
#define KMAP_DIFF_VIEW_H

#include <stdio.h>

#include "kmap/diff.h"
#include "kmap/render.h"
#include "kmap/strbuf.h"

/*
 * Writes kmap diff's output to fp in ro->format: "no differences", or the
 * parts above; JSON is the kmap.diff/2 document.
 */
void diff_view_write(FILE *fp, const struct diff *d,
		     const struct render_opts *ro);

/* The report's change section, for people (english: its texts). */
struct diff_view_tables {
	struct table critical;	  /* became and ceased */
	struct table ranks;	  /* the occupations whose rank moved */
	struct table forecast;	  /* the forecast check, overall */
	struct table forecast_by; /* ... per occupation */
	struct table comments;	  /* changed comments of the critical ones */
};

void diff_view_tables(struct diff_view_tables *t, const struct diff *d,
		      int english);
void diff_view_tables_release(struct diff_view_tables *t);

/*
 * A line naming the rounds and what only one of them has ("Omgång 2024
 * → 2025 · perioder bara i 2024: 2024 ..."), into out (reset first).
 */
void diff_view_scope(const struct diff *d, int english, struct strbuf *out);
/* "Kritiska yrken (tröskel 50 %): 1 blev kritiskt, ..." into out. */
void diff_view_critical_title(const struct diff *d, int english,
			      struct strbuf *out);
/* "Prognoskontroll: 2025 enligt omgång 2024 ..." into out. */
void diff_view_forecast_title(const struct diff *d, int english,
			      struct strbuf *out);

#endif
