/*
 * diff_internal.h - what the two files of the comparison (diff.h) share:
 * diff.c (the names, the periods and organisations compared, records and
 * group counts), diff_plan.c (critical changes, shares, the forecast
 * check and the revisions) and diff_near.c (near-duplicates across the
 * sides). Only src/diff*.c include it.
 */
#ifndef KMAP_DIFF_INTERNAL_H
#define KMAP_DIFF_INTERNAL_H

#include "kmap/diff.h"

enum { REGION, ORG, OCC, NTABLES };

/* A (region, organisation, occupation) of either side. */
struct diff_key {
	uint32_t id[NTABLES]; /* in the old side's tables */
	int32_t row[2];	      /* the row on each side, -1 when none */
	int compared;	      /* its records are compared */
};

struct diff_work {
	struct diff *d;
	uint32_t *rank[NTABLES]; /* Swedish order of the merged names */
	uint32_t *map[NTABLES];	 /* new id -> old id */
	int32_t *inv[NTABLES];	 /* old id -> new id, -1 when none */
	uint32_t nold[NTABLES];	 /* old's own names: ids below this */
	struct diff_key *keys; /* sorted by region, organisation, occupation */
	size_t nkeys;
	size_t cap;
	uint8_t *occ_in[2]; /* by old occupation id: the side has it */
	int32_t *at[2];	    /* by the side's period id: index in periods[] */
};

/* The plan's parts of d (diff_plan.c), once records and groups are done. */
void diff_plan_build(struct diff_work *w);
void diff_plan_release(struct diff *d);

/*
 * Warns once about each near-duplicate pair (neardup.h) of a name only
 * the old side has and one only the new side has, naming where each
 * side has it; nothing when both sides are one dataset.
 */
void diff_warn_near_across(const struct diff_work *w);

#endif
