/*
 * critical.c - ranking occupations (critical.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/critical.h"
#include "kmap/xalloc.h"

static const struct crit_list *sort_list;

static int compare_rows(const void *pa, const void *pb)
{
	const struct crit_list *cl = sort_list;
	const struct dataset *ds = cl->a->ds;
	const struct row *a = &ds->rows[*(const uint32_t *)pa];
	const struct row *b = &ds->rows[*(const uint32_t *)pb];
	const struct unit *ua = &ds->units[a->unit], *ub = &ds->units[b->unit];
	uint32_t ka[4] = { cl->by_region ? cl->region_rank[ua->region] : 0,
			   cl->occ_rank[a->occupation],
			   cl->region_rank[ua->region], cl->org_rank[ua->org] };
	uint32_t kb[4] = { cl->by_region ? cl->region_rank[ub->region] : 0,
			   cl->occ_rank[b->occupation],
			   cl->region_rank[ub->region], cl->org_rank[ub->org] };

	for (int i = 0; i < 4; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return 0;
}

static int compare_crit(const void *pa, const void *pb)
{
	const struct crit *a = pa, *b = pb;
	const struct crit_list *cl = sort_list;

	if (a->region != b->region)
		return cl->region_rank[a->region] < cl->region_rank[b->region]
			       ? -1
			       : 1;
	/* higher first; nothing rated (-1) last */
	if (a->brist != b->brist)
		return a->brist > b->brist ? -1 : 1;
	if (a->risk != b->risk)
		return a->risk > b->risk ? -1 : 1;
	if (a->worse != b->worse)
		return a->worse > b->worse ? -1 : 1;
	return cl->occ_rank[a->occupation] < cl->occ_rank[b->occupation] ? -1
									 : 1;
}

/* Computes the ranking measures and whether c is critical. */
static void measure(struct crit_list *cl, struct crit *c, double threshold)
{
	const struct agg *a = cl->a;
	const struct scale *sc = a->ds->scale;

	c->brist = c->risk = -1;
	c->last = -1;
	/*
	 * The last period in which the occupation is rated: files from rounds
	 * with different horizons can be ranked together.
	 */
	for (uint32_t i = a->nperiods; i-- > 0 && c->last < 0;)
		if (stats_rated(&c->stats[a->periods[i]], sc))
			c->last = (int32_t)a->periods[i];
	if (c->last >= 0) {
		const struct stats *s = &c->stats[c->last];
		c->brist = stats_share(s, sc, (int)sc->nlevels);
		c->risk = stats_risk(s, sc);
		c->worse = c->change[c->last].worse;
	}
	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		double risk = stats_risk(&c->stats[p], sc);
		if (agg_future(a, p) && risk >= 0 && risk >= threshold)
			c->critical = 1;
	}
}

/* Groups the agg's rows, counts each group and ranks them. */
void crit_build(struct crit_list *cl, const struct agg *a, int by_region,
		double threshold)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	uint32_t n = 0;

	memset(cl, 0, sizeof(*cl));
	cl->a = a;
	cl->by_region = by_region;
	cl->region_rank = name_table_ranks(&ds->regions);
	cl->org_rank = name_table_ranks(&ds->organisations);
	cl->occ_rank = name_table_ranks(&ds->occupations);
	cl->rows = xcalloc(ds->nrows + 1, sizeof(*cl->rows));
	for (uint32_t r = 0; r < ds->nrows; r++)
		if (a->row_on[r])
			cl->rows[n++] = r;
	sort_list = cl;
	qsort(cl->rows, n, sizeof(*cl->rows), compare_rows);
	cl->v = xcalloc(n + 1, sizeof(*cl->v));
	for (uint32_t i = 0; i < n; i++) {
		const struct row *row = &ds->rows[cl->rows[i]];
		int32_t region = cl->by_region
					 ? (int32_t)ds->units[row->unit].region
					 : -1;
		struct crit *c = cl->n ? &cl->v[cl->n - 1] : NULL;
		if (!c || c->occupation != row->occupation ||
		    c->region != region) {
			c = &cl->v[cl->n++];
			c->region = region;
			c->occupation = row->occupation;
			c->rows = &cl->rows[i];
			c->stats = xcalloc(np + 1, sizeof(*c->stats));
			c->change = xcalloc(np + 1, sizeof(*c->change));
		}
		c->nrows++;
		agg_count_row(a, cl->rows[i], c->stats, c->change);
	}
	/* drop groups with no record in the periods shown */
	uint32_t kept = 0;
	for (uint32_t i = 0; i < cl->n; i++) {
		struct crit *c = &cl->v[i];
		int any = 0;
		for (uint32_t k = 0; k < a->nperiods && !any; k++) {
			const struct stats *s = &c->stats[a->periods[k]];
			any = stats_records(s, ds->scale) != 0;
		}
		if (any) {
			cl->v[kept++] = *c;
		} else {
			free(c->stats);
			free(c->change);
		}
	}
	cl->n = kept;
	for (uint32_t i = 0; i < cl->n; i++)
		measure(cl, &cl->v[i], threshold);
	qsort(cl->v, cl->n, sizeof(*cl->v), compare_crit);
	for (uint32_t i = 0; i < cl->n; i++) {
		int same = i && cl->v[i].region == cl->v[i - 1].region;
		cl->v[i].rank = same ? cl->v[i - 1].rank + 1 : 1;
	}
	sort_list = NULL;
}

void crit_release(struct crit_list *cl)
{
	for (uint32_t i = 0; i < cl->n; i++) {
		free(cl->v[i].stats);
		free(cl->v[i].change);
	}
	free(cl->v);
	free(cl->rows);
	free(cl->region_rank);
	free(cl->org_rank);
	free(cl->occ_rank);
	memset(cl, 0, sizeof(*cl));
}
