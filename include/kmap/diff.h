/*
 * diff.h - what changed between two rounds (kmap diff OLD NEW).
 *
 * The comparison is on records, not on text: the two sides may differ in
 * layout, encoding, delimiter and spelling of names. The new side's names
 * are merged into the old side's name tables, so that both are compared
 * (and shown, and sorted) through one set of ids; periods are matched by
 * their years.
 *
 * Record level: for every (region, organisation, occupation, period) in
 * either side, a record that is only new is "added", only old "removed",
 * rated differently (a missing rating counts as a rating) "changed"; with
 * comments, a record whose comments differ is "comment" (also a comment on
 * a whole wide row, with no period).
 *
 * Group level: the counts of each group of --by (region, organisation or
 * occupation) per period, old and new, where they differ.
 *
 * Both sides are counted by agg_build() with the same filter.
 *
 * Ownership: a diff borrows both datasets (the old one's name tables gain
 * the new side's names) and owns its aggs and arrays.
 */
#ifndef KMAP_DIFF_H
#define KMAP_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/agg.h"

enum diff_kind { DIFF_CHANGED, DIFF_ADDED, DIFF_REMOVED, DIFF_COMMENT };

/* A period of either side; id[0] in the old dataset, id[1] in the new. */
struct diff_period {
	const char *label;
	int first, last;
	int32_t id[2]; /* -1 when the side has no such period */
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

struct diff {
	struct dataset *ds[2];
	struct agg agg[2];
	enum group_by by;
	struct diff_period *periods; /* sorted */
	uint32_t nperiods;
	struct diff_record *records; /* sorted by names, then period */
	size_t nrecords;
	struct diff_group *groups; /* sorted by names, then period */
	size_t ngroups;
	size_t count[4]; /* records by enum diff_kind */
};

/*
 * Compares two loaded datasets under filter f; comments != 0 compares
 * comments too. Returns 0, or -1 after reporting a bad filter value.
 */
int diff_build(struct diff *d, struct dataset *old, struct dataset *new,
	       const struct filter *f, enum group_by by, int comments);
void diff_release(struct diff *d);

/* Whether anything differs. */
static inline int diff_any(const struct diff *d)
{
	return d->nrecords || d->ngroups;
}

#endif
