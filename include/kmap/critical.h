/*
 * critical.h - the ranking of critical occupations (SPEC §4), for kmap
 * critical and the reports.
 *
 * Occupations (or, by region, occupations inside each region) are ranked
 * by brist share in their last rated period, then risk share there, then
 * how many organisations rate them worse there than in their current
 * period, then name in Swedish order. An occupation is critical when its
 * risk share in any later period (agg_future) reaches the threshold.
 * Groups are counted with agg_count_row(), like every other count.
 *
 * Ownership: a crit_list borrows the agg (and its dataset) and owns its
 * arrays; crit_release frees them.
 */
#ifndef KMAP_CRITICAL_H
#define KMAP_CRITICAL_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/agg.h"

/* An occupation, or by region an occupation in one region. */
struct crit {
	int32_t region; /* -1 when not ranked by region */
	uint32_t occupation;
	uint32_t *rows, nrows; /* its organisations, in Swedish order */
	struct stats *stats;   /* by period id */
	struct change *change; /* by period id */
	int32_t last;	       /* its last period with ratings, -1: none */
	double brist, risk;    /* in the last period; -1 if none rated */
	uint32_t worse;	       /* worse in the last period than now */
	int critical;
	uint32_t rank; /* 1-based, inside its region when by region */
};

struct crit_list {
	const struct agg *a;
	struct crit *v; /* ranked */
	uint32_t n;
	int by_region;
	uint32_t *rows;
	uint32_t *region_rank, *org_rank, *occ_rank;
};

/* Ranks the agg's rows (the agg needs AGG_CHANGES). */
void crit_build(struct crit_list *cl, const struct agg *a, int by_region,
		double threshold);
void crit_release(struct crit_list *cl);

#endif
