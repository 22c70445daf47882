/*
 * agg.h - counts and measures per group and period (SPEC §4).
 *
 * agg_build() walks the dataset's cells once and counts, per period, the
 * records at each level and the missing ones, for the total, each region,
 * each organisation (unit) and each occupation. Filters (--region,
 * --organisation, --occupation, --period) decide which cells count. The
 * derived measures (rated, shares, risk share, index) are computed from
 * the counts by the stats_* functions, so every command and format shows
 * the same numbers.
 *
 * Group lists come sorted: periods by year, names in Swedish order,
 * organisations by region first. Only groups with at least one record
 * after filtering are listed.
 *
 * Ownership: struct agg owns its arrays; it borrows the dataset, which
 * must outlive it.
 */
#ifndef KMAP_AGG_H
#define KMAP_AGG_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/dataset.h"

struct stats {
	uint32_t missing;
	uint32_t level[SCALE_MAX_LEVELS]; /* level[0] counts level 1 */
};

/* Filter values as given on the command line, matched like names. */
struct filter {
	const char **regions, **organisations, **occupations, **periods;
	size_t nregions, norganisations, noccupations, nperiods;
};

struct agg {
	const struct dataset *ds;
	uint32_t nlevels;
	uint32_t *periods; /* period ids in order, after the filter */
	uint32_t nperiods;
	uint32_t *regions, nregions;         /* region ids, sorted */
	uint32_t *units, nunits;             /* unit ids, sorted */
	uint32_t *occupations, noccupations; /* occupation ids, sorted */
	/* counts by [group id * ds->nperiods + period id] */
	struct stats *total, *by_region, *by_unit, *by_occupation;
	uint8_t *row_on; /* rows that pass the name filters */
};

/* Counts; returns 0, or -1 after reporting a bad filter value. */
int agg_build(struct agg *a, const struct dataset *ds,
	      const struct filter *f);
void agg_release(struct agg *a);

static inline const struct stats *agg_total(const struct agg *a, uint32_t p)
{
	return &a->total[p];
}
static inline const struct stats *agg_region(const struct agg *a,
					     uint32_t id, uint32_t p)
{
	return &a->by_region[(size_t)id * a->ds->nperiods + p];
}
static inline const struct stats *agg_unit(const struct agg *a, uint32_t id,
					   uint32_t p)
{
	return &a->by_unit[(size_t)id * a->ds->nperiods + p];
}
static inline const struct stats *agg_occupation(const struct agg *a,
						 uint32_t id, uint32_t p)
{
	return &a->by_occupation[(size_t)id * a->ds->nperiods + p];
}

/* Sum of the level counts. */
uint32_t stats_rated(const struct stats *s, const struct scale *sc);
/* Each ratio is -1 when nothing is rated (shown as null). */
double stats_share(const struct stats *s, const struct scale *sc, int level);
double stats_risk(const struct stats *s, const struct scale *sc);
double stats_index(const struct stats *s, const struct scale *sc);

#endif
