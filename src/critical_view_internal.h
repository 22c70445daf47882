/*
 * critical_view_internal.h - what the modules of critical's view share:
 * which of the ranking is shown, the table helpers (critical_view.c),
 * the tables of counts (critical_view_counts.c), of organisations
 * (critical_view_orgs.c) and the JSON (critical_view_json.c). Only those
 * modules include it; everyone else uses critical_view.h.
 *
 * Ownership: as critical_view.h's; a table the builders fill is the
 * caller's.
 */
#ifndef KMAP_CRITICAL_VIEW_INTERNAL_H
#define KMAP_CRITICAL_VIEW_INTERNAL_H

#include <stdio.h>

#include "kmap/critical_view.h"
#include "kmap/strbuf.h"

/* Names of organisations rating Brist shown in a table cell. */
enum { BRIST_NAMES_SHOWN = 3 };

/* Which of the ranking is shown, and how. */
struct cv_shown {
	double threshold;    /* for the title */
	unsigned long top;   /* 0: all */
	int only_critical;   /* the report shows the critical ones only */
	int long_form;	     /* --long: the tables per period too */
	uint32_t min_raters; /* for the heading of those set apart */
};

/* The first top of the ranked, and of those set apart. */
int cv_shown(const struct cv_shown *co, const struct crit *c);

/* A table being filled, and how its cells are written. */
struct crit_table {
	struct table *t;
	const struct crit_list *cl;
	int csv, mark; /* mark: "(nu)" after the current period */
};

/* ---- helpers (critical_view.c) ---------------------------------- */

/* "(nu)" marks the current period only when all files agree on it. */
int cv_single_current(const struct agg *a);
/*
 * Who rates the scale's last level in period p: "Halmstad, Laholm,
 * Varberg +2" in a terminal's CSV-only column (all of them, ';'-separated,
 * in CSV), or everyone, ", "-separated, where the text wraps (all: 1).
 */
void cv_brist_cell(struct crit_table *ct, struct cell *cell,
		   const struct crit *c, uint32_t p, int all);
/* "brist hos", and "% Brist" (with letter, "% B"), by the scale. */
const char *cv_worst_level_heading(struct table *t, const struct scale *sc);
const char *cv_worst_share_heading(struct table *t, const struct scale *sc,
				   int letter);
/* Column k for a level l: its label, its letter when narrowed, colour. */
void cv_level_col(struct table *t, size_t k, const struct scale *sc, size_t l);
/* A name column: grouped, shortened when the table must be narrowed. */
void cv_name_col(struct table *t, size_t k, const char *head, const char *key);
/* Whether every occupation shown has the same last period. */
int cv_same_last(const struct crit_list *cl);
/* Period p's label, "(nu)" after it where marked; the caller frees it. */
char *cv_period_text(const struct crit_table *ct, uint32_t p);
/* The measures the context has: their columns after the ranking's. */
size_t cv_volume_cols(const struct crit_list *cl);
/* A sum of volumes: whole numbers as such; empty when nobody gave one. */
void cv_volume_cell(struct cell *cell, const struct crit *c, int m);

/* ---- counts (critical_view_counts.c) ---------------------------- */

/* The ranking, one line per occupation (set_apart: those set apart). */
void cv_build_ranking(struct table *t, const struct crit_list *cl,
		      const struct cv_shown *co, int set_apart);
/* --long: the counts per period; the change from now and who says Brist. */
void cv_build_periods(struct crit_table *ct, const struct cv_shown *co);
void cv_build_changes(struct crit_table *ct, const struct cv_shown *co);
/* CSV: one line per occupation and period. */
void cv_build_csv(struct table *t, const struct crit_list *cl,
		  const struct cv_shown *co);

/* ---- organisations (critical_view_orgs.c) ------------------------ */

/* Who disagrees: the organisations at each end, two lines each. */
void cv_build_disagreement(struct table *t, const struct crit_list *cl,
			   const struct cv_shown *co);
/* "övertalighet" (risk 0) or "sårbart eller brist" (risk 1) onto sb. */
void cv_moves_levels(const struct scale *sc, int risk, struct strbuf *sb);
/* Omställning: surplus and shortage in one region and period. */
void cv_build_moves(struct table *t, const struct crit_list *cl,
		    const struct crit_moves *m);
/* The comments on the critical occupations shown. */
void cv_build_comments_table(struct table *t, const struct crit_list *cl,
			     const struct cv_shown *co);

/* ---- JSON (critical_view_json.c) --------------------------------- */

/* The kmap.critical/2 document. */
void cv_write_json(FILE *fp, const struct crit_list *cl,
		   const struct cv_shown *co);

#endif
