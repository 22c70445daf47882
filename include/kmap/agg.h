/*
 * agg.h - counts and measures per group and period (SPEC §4).
 *
 * agg_build() walks the dataset's cells once and counts, per period, the
 * records at each level, the missing ones and the not applicable ones
 * ("Ej aktuellt", never rated), for the total, each region,
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
 * Change over time (AGG_CHANGES): each row (an occupation at an
 * organisation) is compared between its current period and every later
 * period in which both ratings are levels (missing ones are left out):
 * worse, same or better, and the from -> to transition counts. A row's
 * current period is the one its file marks (the earliest of them when
 * files with different current periods rate the same row), so files from
 * rounds with different Nuläge can be read together. The --period filter
 * chooses the later periods, never the current one compared against.
 *
 * Rounds: of a dataset that holds several rounds only the rows of the
 * rounds the filter picks count (rounds.h); the periods are those their
 * rows rate, and a period is current when it is the current period of
 * an input of a counted round (agg_current).
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
	uint32_t not_applicable; /* "Ej aktuellt": neither rated nor missing */
};

/* The groups a command can show (--by). */
enum group_by {
	BY_TOTAL,
	BY_REGION,
	BY_ORGANISATION,
	BY_OCCUPATION,
	BY_ROUND,    /* summary's rounds side by side */
	BY_ATTRIBUTE /* an attribute a names file gives (struct agg_attr) */
};

/* What names without the attribute group as. */
#define AGG_ATTR_NONE "(saknas)"

/*
 * Counts by an attribute of one kind of name (--by kommungrupp): each
 * row counts towards the value its region's, organisation's or
 * occupation's names-file rule gives, or AGG_ATTR_NONE. The upper level
 * of two-level organisations (--by kommun) is counted the same way.
 */
struct agg_attr {
	const char *attribute; /* as the names file writes it */
	enum name_kind kind;
	const char *
		*values; /* with records, Swedish order, AGG_ATTR_NONE last */
	uint32_t nvalues;
	/* by [value * ds->nperiods + period id] */
	struct stats *stats;
	struct change *change; /* with AGG_CHANGES, else NULL */
	/* by name id (of kind): the value's index, AGG_ATTR_HIDDEN for a
	 * value without records the filters let through */
	uint32_t *place;
	/* the upper level of two-level organisations (the attribute is a
	 * dataset's upper header): the values' names, else NULL */
	struct name_table *levels;
};

#define AGG_ATTR_HIDDEN UINT32_MAX

/* Rows compared between their current period and a later one. */
struct change {
	uint32_t worse, same, better;
	/* from_to[now - 1][then - 1] */
	uint32_t from_to[SCALE_MAX_LEVELS][SCALE_MAX_LEVELS];
};

struct round_pick;

/*
 * Filter values as given on the command line, matched like names; and
 * which rounds count (rounds.h): the pick when set, else --round's
 * round, else each region's newest.
 */
struct filter {
	const char **regions, **organisations, **occupations, **periods;
	size_t nregions, norganisations, noccupations, nperiods;
	const char *round;		 /* --round LABEL, or NULL */
	const struct round_pick *rounds; /* or NULL */
};

struct agg {
	const struct dataset *ds;
	uint32_t nlevels;
	uint32_t *periods; /* period ids in order, after the filter */
	uint32_t nperiods;
	uint32_t *regions, nregions;	     /* region ids, sorted */
	uint32_t *units, nunits;	     /* unit ids, sorted */
	uint32_t *occupations, noccupations; /* occupation ids, sorted */
	/* counts by [group id * ds->nperiods + period id] */
	struct stats *total, *by_region, *by_unit, *by_occupation;
	uint8_t *row_on;       /* rows that pass the name filters */
	uint8_t *period_on;    /* by period id: passes the --period filter */
	uint32_t *period_rank; /* by period id: place among all periods */
	uint8_t *current;      /* by period id: an input counted has it now */
	uint8_t *round_on;     /* by round id: counted (in some region) */
	int32_t first_current; /* the earliest current period, -1 if none */
	/* with AGG_CHANGES, laid out like the stats; otherwise NULL */
	int32_t *row_current; /* by row: current period id, -1 if none */
	struct change *ch_total, *ch_region, *ch_unit, *ch_occupation;
	struct agg_attr *attr; /* agg_group_by_attribute(), else NULL */
};

enum agg_flags { AGG_CHANGES = 1 };

/* Counts; returns 0, or -1 after reporting a bad filter value. */
int agg_build(struct agg *a, const struct dataset *ds, const struct filter *f,
	      unsigned flags);
void agg_release(struct agg *a);

/*
 * Counts the rows that pass the filters by attribute (as
 * names_set_attr() found it) of the names of kind into a->attr.
 */
void agg_group_by_attribute(struct agg *a, const char *attribute,
			    enum name_kind kind);
/* The index of row r's value in a->attr (AGG_ATTR_HIDDEN: not shown). */
uint32_t agg_attr_row(const struct agg *a, uint32_t r);

/*
 * Adds row r's records that pass the period filter to stats[period id]
 * and, when ch is not NULL (and the agg has AGG_CHANGES), its changes to
 * ch[period id]. agg_build() counts every group through this, and so
 * can a command with groups of its own (critical --by region).
 */
void agg_count_row(const struct agg *a, uint32_t r, struct stats *stats,
		   struct change *ch);

/*
 * The rows (an occupation at an organisation) that pass the name filters,
 * in Swedish order of region, then organisation, then occupation; *n gets
 * how many. The caller frees the array. Whether a row holds a record in a
 * period shown is the caller's question.
 */
uint32_t *agg_sorted_rows(const struct agg *a, uint32_t *n);

/* Whether period p comes after q in period order. */
static inline int agg_after(const struct agg *a, uint32_t p, uint32_t q)
{
	return a->period_rank[p] > a->period_rank[q];
}

/* Whether a comment belongs to the whole row or a period shown. */
static inline int agg_comment_on(const struct agg *a, const struct comment *c)
{
	return c->period < 0 || a->period_on[c->period];
}

/* Whether p is the current period of an input counted. */
static inline int agg_current(const struct agg *a, uint32_t p)
{
	return a->current[p];
}

/* Whether input i of the dataset is counted (its round is). */
int agg_input_counted(const struct agg *a, uint32_t i);

/* Whether p is a later period: after the earliest current one. */
static inline int agg_future(const struct agg *a, uint32_t p)
{
	return a->first_current >= 0 &&
	       agg_after(a, p, (uint32_t)a->first_current);
}
static inline const struct stats *agg_total(const struct agg *a, uint32_t p)
{
	return &a->total[p];
}
static inline const struct stats *agg_region(const struct agg *a, uint32_t id,
					     uint32_t p)
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
/* Every record counted: rated, missing and not applicable. */
static inline uint32_t stats_records(const struct stats *s,
				     const struct scale *sc)
{
	return stats_rated(s, sc) + s->missing + s->not_applicable;
}
/* Each ratio is -1 when nothing is rated (shown as null). */
double stats_share(const struct stats *s, const struct scale *sc, int level);
double stats_risk(const struct stats *s, const struct scale *sc);
double stats_index(const struct stats *s, const struct scale *sc);

/*
 * Disagreement across the organisations counted in s (SPEC §4): spread is
 * the highest level minus the lowest, agreement the share at the most
 * common level. Both are -1 when nothing is rated.
 */
int stats_spread(const struct stats *s, const struct scale *sc);
double stats_agreement(const struct stats *s, const struct scale *sc);
/* The most common level (1..n); on a tie the worse one; 0 if none. */
int stats_mode(const struct stats *s, const struct scale *sc);

/* Rows compared in c: worse + same + better. */
static inline uint32_t change_compared(const struct change *c)
{
	return c->worse + c->same + c->better;
}

#endif
