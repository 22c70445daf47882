/*
 * critical.h - the ranking of critical occupations (SPEC §4), for kmap
 * critical and the reports.
 *
 * Occupations (or, by region, occupations inside each region; by an
 * attribute, agg_group_by_attribute(), occupations inside each of its
 * values, names without it together as AGG_ATTR_NONE) are ranked
 * by brist share (the share of the rating organisations at the scale's
 * last level) in their last rated period; the same share from more
 * organisations comes first (8 of 8 before 2 of 2); then risk share
 * there, then how many organisations rate them worse there than in
 * their current period, then name in Swedish order.
 *
 * The rule: an occupation is critical when its brist share in a later
 * period (agg_future) reaches the threshold (0.5: half the organisations
 * rating it foresee Brist). Sårbart alone never makes it critical: in a
 * county round most occupations are Sårbart somewhere, and a rule on the
 * risk share (Sårbart + Brist) called nearly all of them critical.
 *
 * With min_raters above 1, occupations rated by fewer organisations in
 * their last period are set apart: they get no rank and come after the
 * ranked ones (inside their region), so that one organisation's Brist
 * cannot top the list. Groups are counted with agg_count_row(), like
 * every other count.
 *
 * With a context (context.h) each group sums its organisations' volumes;
 * weighted by headcount, every organisation's rating counts with its
 * headcount instead of once: the shares that rank and judge (brist,
 * risk) are shares of the staff, while rated and brist_n still count
 * organisations (the n). A rating without a headcount then weighs
 * nothing, and crit_build() warns how many there are.
 *
 * Ownership: a crit_list borrows the agg (and its dataset) and owns its
 * arrays; crit_release frees them.
 */
#ifndef KMAP_CRITICAL_H
#define KMAP_CRITICAL_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/agg.h"
#include "kmap/context.h"

/*
 * An occupation, or by region an occupation in one region, or by an
 * attribute an occupation at the names with one value of it.
 */
struct crit {
	int32_t region; /* -1 when not ranked by region */
	/* the group it is ranked inside: by region the region's id, by an
	 * attribute its value's index in a->attr->values; -1: none */
	int32_t group;
	uint32_t occupation;
	uint32_t *rows, nrows; /* its organisations, in Swedish order */
	struct stats *stats;   /* by period id */
	struct change *change; /* by period id */
	int32_t last;	       /* its last period with ratings, -1: none */
	double brist, risk;    /* in the last period; -1 if none rated */
	uint32_t rated;	       /* organisations rating it in the last period */
	uint32_t brist_n;      /* ... of them at the scale's last level */
	uint32_t worse;	       /* worse in the last period than now */
	int critical;
	int32_t critical_at; /* the first later period meeting the rule, -1 */
	int set_apart;	     /* rated by fewer than min_raters: no rank */
	/* with a context: the sum of each measure over its organisations,
	 * and how many of them gave it */
	double volume[CONTEXT_MEASURES];
	uint32_t volume_n[CONTEXT_MEASURES];
	struct wstats *wstats; /* weighted: by period id; else NULL */
	uint32_t rank;	       /* 1-based, inside its group when grouped; 0 when
				  set apart */
	uint32_t place; /* the rank, or when set apart the place among those
			   set apart (in ranking order) */
};

/* Counts weighted by headcount: the staff at each level. */
struct wstats {
	double level[SCALE_MAX_LEVELS];
};

struct crit_list {
	const struct agg *a;
	const struct context *context; /* NULL: none */
	int weighted;		       /* by headcount */
	struct crit *v;		       /* ranked */
	uint32_t n;
	int by_region;
	const struct agg_attr *attr; /* by an attribute: a->attr; else NULL */
	uint32_t nset_apart;	     /* of v, set apart (they come last) */
	uint32_t *rows;
	uint32_t *region_rank, *org_rank, *occ_rank;
};

struct crit_opts {
	int by_region;	     /* rank inside each region */
	double threshold;    /* brist share that makes one critical (0..1) */
	uint32_t min_raters; /* fewer rating organisations: set apart */
	const struct context *context; /* volumes; NULL: none */
	int weighted; /* weight by the context's headcount (it has one) */
	/* rank inside each value of the agg's attribute (a->attr, set by
	 * agg_group_by_attribute()); by_region then is 0 */
	int by_attribute;
};

/* Ranks the agg's rows (the agg needs AGG_CHANGES). */
void crit_build(struct crit_list *cl, const struct agg *a,
		const struct crit_opts *o);
void crit_release(struct crit_list *cl);

/* Whether the ranking is inside groups: by region or by an attribute. */
int crit_grouped(const struct crit_list *cl);
/* The group column's heading and key: "region", or the attribute. */
const char *crit_group_heading(const struct crit_list *cl);
/* c's group as shown: its region's name, or the attribute's value. */
const char *crit_group_name(const struct crit_list *cl, const struct crit *c);

/* The staff rated, and the share of them at level (1..n; -1: none). */
double wstats_rated(const struct wstats *w, const struct scale *sc);
double wstats_share(const struct wstats *w, const struct scale *sc, int level);
double wstats_risk(const struct wstats *w, const struct scale *sc);

/*
 * The shares c is ranked and judged by in period p: its organisations',
 * or weighted, its staff's (-1: nothing rated).
 */
double crit_share(const struct crit_list *cl, const struct crit *c, uint32_t p,
		  int level);
double crit_risk(const struct crit_list *cl, const struct crit *c, uint32_t p);

/*
 * Ratings this many levels apart or more (Hållbart next to Brist) are a
 * disagreement worth a conversation (SPEC §4: spread).
 */
enum { CRIT_DISAGREEMENT_SPREAD = 2 };

/*
 * The lowest and highest level rated in c's period p (1..n; 0 when none
 * is rated) into *low and *high; returns the spread (-1: none rated).
 * The organisations at each end are those of c->rows at that level.
 */
int crit_ends(const struct crit_list *cl, const struct crit *c, uint32_t p,
	      int *low, int *high);

/*
 * Omställning: the same occupation at the scale's first level (surplus,
 * Övertalighet) in one organisation and at a risk level (Sårbart, Brist)
 * in another of the same region in the same period, where moving staff
 * inside the region could help. One crit_move per (region, occupation,
 * period), in Swedish order of region and occupation, then period
 * order; its organisations are c->rows[first, first + n) (of all levels:
 * a view picks the surplus and risk ones). Ranked by an attribute, the
 * moves are still those of each region over all its organisations:
 * crit_moves_build() then ranks the occupations once more, ungrouped,
 * and the moves own that ranking.
 *
 * Ownership: the moves borrow the ranking; crit_moves_release frees the
 * array.
 */
struct crit_move {
	const struct crit *c;
	uint32_t first, n; /* the occupation's rows in the region */
	uint32_t region, period;
};

struct crit_moves {
	struct crit_move *v;
	size_t n;
	struct crit_list *ungrouped; /* by an attribute, else NULL */
};

void crit_moves_build(struct crit_moves *m, const struct crit_list *cl);
void crit_moves_release(struct crit_moves *m);

/*
 * The level that means surplus: 1 when the scale has three levels or more,
 * some of them risk and the first not; 0 (no mobility) otherwise.
 */
int crit_surplus_level(const struct scale *sc);

#endif
