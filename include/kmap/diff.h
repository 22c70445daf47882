/*
 * diff.h - what changed between two rounds (kmap diff OLD NEW, and the
 * report's change section).
 *
 * A side is a dataset and the rounds of it that count (rounds.h): for
 * kmap diff each side is its own dataset (a file or a manifest of
 * exports) counted at its newest round; for the report both sides are
 * rounds of one dataset. The comparison is on records, not on text: the
 * sides may differ in layout, encoding, delimiter and spelling of names.
 * The new side's names are merged into the old side's name tables, so
 * that both are compared (and shown, and sorted) through one set of ids;
 * periods are matched by their years.
 *
 * Scope. A yearly plan rolls its horizon forward and its organisations
 * come and go, so by default only what both rounds have is compared
 * record by record: the periods both rate, the organisations and the
 * occupations both have. What only one side has is listed once
 * (only[side]) instead of as hundreds of added and removed records;
 * --period chooses the periods instead, and all_records compares
 * everything, as record by record as before.
 *
 * Records: for every (region, organisation, occupation, period) compared,
 * a record that is only new is "added", only old "removed", rated
 * differently (a missing rating counts as a rating) "changed"; with
 * comments, a record whose comments differ is "comment" (also a comment
 * on a whole wide row, with no period).
 *
 * What the plan needs, from each side's counts:
 *  - groups: the counts of each group of --by per period compared, old
 *    and new, where they differ;
 *  - critical changes: each side ranked by critical.c with the same
 *    threshold; the occupations that became critical and those that are
 *    no longer, and every occupation's rank on each side;
 *  - shares: per occupation both have and period compared, the risk
 *    share and the share of the worst level (brist) on each side;
 *  - forecast check: for each row (an occupation at an organisation) on
 *    both sides, the new side's rating of its current period against the
 *    rating the old side gave that period as a later one: came true, too
 *    pessimistic (the forecast was worse) or too optimistic;
 *  - revisions: the periods both sides rate as later ones, old rating
 *    against new, apart from the forecast check.
 * Rows with a missing rating on either side are not compared.
 *
 * Ownership: a diff borrows both datasets (the old one's name tables gain
 * the new side's names) and owns its aggs, rankings and arrays.
 */
#ifndef KMAP_DIFF_H
#define KMAP_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/agg.h"
#include "kmap/critical.h"

struct round_pick;

enum diff_kind { DIFF_CHANGED, DIFF_ADDED, DIFF_REMOVED, DIFF_COMMENT };

/* A period of either side; id[0] in the old dataset, id[1] in the new. */
struct diff_period {
	const char *label;
	int first, last;
	int32_t id[2]; /* -1 when the side has no such period */
	int compared;  /* its records and counts are compared */
};

struct diff_record {
	uint32_t region, org, occupation; /* ids in the old side's tables */
	int32_t period;			  /* in periods[]; -1: the whole row */
	enum diff_kind kind;
	uint8_t level[2];  /* LEVEL_NONE when the side has no record */
	uint32_t gline[2]; /* where the record is, when it is */
	char *comment[2];  /* with comments: the text, or NULL */
};

struct diff_group {
	uint32_t name[2]; /* region and organisation ids, or the one id */
	uint32_t period;  /* in periods[] */
	struct stats stats[2];
};

/* What only one side has: periods (in periods[]), organisations, occupations.
 */
struct diff_only {
	uint32_t *periods;
	size_t nperiods;
	uint32_t (*units)[2]; /* region, organisation */
	size_t nunits;
	uint32_t *occupations;
	size_t noccupations;
};

/* An occupation on either side's critical ranking. */
struct diff_rank {
	uint32_t occupation;
	int32_t rank[2]; /* 1-based; 0 when the side does not rank it */
	int critical[2];
	double risk[2], brist[2]; /* in its last period; -1: none */
};

/* One occupation and period both sides count: for the share changes. */
struct diff_share {
	uint32_t occupation;
	uint32_t period; /* in periods[] */
	struct stats stats[2];
};

/* Old rating against new: the same, new higher (worse) or lower. */
struct diff_tally {
	uint32_t compared, same, higher, lower;
};

/* One row's old rating of a period against its new one. */
struct diff_pair {
	uint32_t region, org, occupation;
	uint32_t period; /* in periods[] */
	uint8_t level[2];
	uint32_t gline[2];
};

/* A tally of one name (an occupation, or a unit) or one period. */
struct diff_tally_of {
	uint32_t id[2]; /* occupation; or region, organisation; or period */
	struct diff_tally t;
};

/*
 * Pairs of ratings compared, with their tallies: overall, per occupation,
 * per organisation and per period, each list sorted like the output.
 */
struct diff_check {
	struct diff_pair *pairs; /* sorted by names, then period */
	size_t npairs;
	struct diff_tally overall;
	struct diff_tally_of *occupations, *units, *periods;
	size_t noccupations, nunits, nperiods;
};

/* A row of a critical occupation whose comments changed (the report). */
struct diff_comment {
	uint32_t region, org, occupation;
	char *text[2]; /* each side's comments on the row, one a line */
};

struct diff_opts {
	enum group_by by;
	int comments;	  /* compare comments too */
	int all_records;  /* every period and name, record by record */
	double threshold; /* of the critical rankings */
	/* list the rows of the occupations critical on the new side whose
	 * comments changed (the datasets keep comments) */
	int critical_comments;
};

struct diff {
	struct dataset *ds[2];
	struct agg agg[2]; /* with AGG_CHANGES */
	struct crit_list crit[2];
	struct diff_opts o;
	char *round[2];		     /* the round(s) counted on each side */
	struct diff_period *periods; /* sorted */
	uint32_t nperiods;
	struct diff_only only[2];
	struct diff_record *records; /* sorted by names, then period */
	size_t nrecords;
	struct diff_group *groups; /* sorted by names, then period */
	size_t ngroups;
	size_t count[4];	 /* records by enum diff_kind */
	struct diff_rank *ranks; /* by new rank, then old rank */
	size_t nranks;
	struct diff_share *shares; /* by occupation, then period */
	size_t nshares;
	/* lower: too pessimistic, higher: too optimistic */
	struct diff_check forecast;
	struct diff_check revisions;   /* higher: revised to worse */
	struct diff_comment *comments; /* with critical_comments */
	size_t ncomments;
};

/* A side: a dataset, and the rounds that count (NULL: the newest). */
struct diff_side {
	struct dataset *ds;
	const struct round_pick *rounds;
};

/*
 * Compares the sides under filter f (the names, --period; the filter's
 * rounds are the sides'). old and new may be one dataset. Returns 0, or
 * -1 after reporting a bad filter value.
 */
int diff_build(struct diff *d, const struct diff_side *old,
	       const struct diff_side *new, const struct filter *f,
	       const struct diff_opts *o);
void diff_release(struct diff *d);

/* Whether anything differs: a record, a count, what only one side has. */
int diff_any(const struct diff *d);

/* The name of id in the old side's tables (0 region, 1 org, 2 occupation). */
const char *diff_name(const struct diff *d, int table, uint32_t id);
/* The names of table (0 region, 1 organisation, 2 occupation): its codes. */
const struct name_table *diff_table(const struct diff *d, int table);

#endif
