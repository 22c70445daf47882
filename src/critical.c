/*
 * critical.c - ranking occupations (critical.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/critical.h"
#include "kmap/diag.h"
#include "kmap/xalloc.h"

static const struct crit_list *sort_list;

/* Row r's group (struct crit), -1 when not grouped. */
static int32_t row_group(const struct crit_list *cl, uint32_t r)
{
	const struct dataset *ds = cl->a->ds;

	if (cl->attr)
		return (int32_t)agg_attr_row(cl->a, r);
	if (cl->by_region)
		return (int32_t)ds->units[ds->rows[r].unit].region;
	return -1;
}

/* The place of group g in the order the groups are shown. */
static uint32_t group_rank(const struct crit_list *cl, int32_t g)
{
	if (g < 0)
		return 0;
	/* an attribute's values are in their order already */
	return cl->attr ? (uint32_t)g : cl->region_rank[g];
}

static int compare_rows(const void *pa, const void *pb)
{
	const struct crit_list *cl = sort_list;
	const struct dataset *ds = cl->a->ds;
	uint32_t ra = *(const uint32_t *)pa, rb = *(const uint32_t *)pb;
	const struct row *a = &ds->rows[ra];
	const struct row *b = &ds->rows[rb];
	const struct unit *ua = &ds->units[a->unit], *ub = &ds->units[b->unit];
	uint32_t ka[4] = { group_rank(cl, row_group(cl, ra)),
			   cl->occ_rank[a->occupation],
			   cl->region_rank[ua->region], cl->org_rank[ua->org] };
	uint32_t kb[4] = { group_rank(cl, row_group(cl, rb)),
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

	if (a->group != b->group)
		return group_rank(cl, a->group) < group_rank(cl, b->group) ? -1
									   : 1;
	/* those with too few raters after the ranked ones */
	if (a->set_apart != b->set_apart)
		return a->set_apart ? 1 : -1;
	/* higher first; nothing rated (-1) last */
	if (a->brist != b->brist)
		return a->brist > b->brist ? -1 : 1;
	/* the same share from more organisations is the surer shortage */
	if (a->brist_n != b->brist_n)
		return a->brist_n > b->brist_n ? -1 : 1;
	if (a->risk != b->risk)
		return a->risk > b->risk ? -1 : 1;
	if (a->worse != b->worse)
		return a->worse > b->worse ? -1 : 1;
	return cl->occ_rank[a->occupation] < cl->occ_rank[b->occupation] ? -1
									 : 1;
}

double wstats_rated(const struct wstats *w, const struct scale *sc)
{
	double sum = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		sum += w->level[l];
	return sum;
}

double wstats_share(const struct wstats *w, const struct scale *sc, int level)
{
	double rated = wstats_rated(w, sc);

	return rated > 0 ? w->level[level - 1] / rated : -1;
}

double wstats_risk(const struct wstats *w, const struct scale *sc)
{
	double rated = wstats_rated(w, sc), risk = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		if (sc->levels[l].risk)
			risk += w->level[l];
	return rated > 0 ? risk / rated : -1;
}

double crit_share(const struct crit_list *cl, const struct crit *c, uint32_t p,
		  int level)
{
	const struct scale *sc = cl->a->ds->scale;

	if (c->wstats)
		return wstats_share(&c->wstats[p], sc, level);
	return stats_share(&c->stats[p], sc, level);
}

double crit_risk(const struct crit_list *cl, const struct crit *c, uint32_t p)
{
	const struct scale *sc = cl->a->ds->scale;

	if (c->wstats)
		return wstats_risk(&c->wstats[p], sc);
	return stats_risk(&c->stats[p], sc);
}

/*
 * The volumes of c's organisations, and with weighting its staff at each
 * level; returns how many rated rows have no headcount (they weigh
 * nothing).
 */
static uint32_t add_context(struct crit_list *cl, struct crit *c,
			    struct strbuf *examples, uint32_t seen)
{
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	uint32_t unweighted = 0;

	if (cl->weighted)
		c->wstats =
			xcalloc((size_t)ds->nperiods + 1, sizeof(*c->wstats));
	for (uint32_t i = 0; i < c->nrows; i++) {
		uint32_t r = c->rows[i];
		double head = context_value(cl->context, r, CONTEXT_HEADCOUNT);
		int rated = 0;
		for (int m = 0; m < CONTEXT_MEASURES; m++) {
			double v = context_value(cl->context, r,
						 (enum context_measure)m);
			if (isnan(v))
				continue;
			c->volume[m] += v;
			c->volume_n[m]++;
		}
		for (uint32_t k = 0; k < a->nperiods; k++) {
			uint32_t p = a->periods[k];
			uint8_t level = dataset_level(ds, r, p);
			if (level < 1 || level > ds->scale->nlevels)
				continue;
			rated = 1;
			if (c->wstats && !isnan(head))
				c->wstats[p].level[level - 1] += head;
		}
		if (!cl->weighted || !rated || !isnan(head))
			continue;
		if (seen + unweighted < 3)
			strbuf_addf(
				examples, "%s%s at %s",
				examples->len ? ", " : "",
				name_display(&ds->occupations, c->occupation),
				name_display(&ds->organisations,
					     ds->units[ds->rows[r].unit].org));
		unweighted++;
	}
	return unweighted;
}

/* Computes the ranking measures and whether c is critical. */
static void measure(struct crit_list *cl, struct crit *c,
		    const struct crit_opts *o)
{
	const struct agg *a = cl->a;
	const struct scale *sc = a->ds->scale;
	int worst = (int)sc->nlevels;

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
		c->rated = stats_rated(s, sc);
		c->brist_n = s->level[worst - 1];
		c->brist = crit_share(cl, c, (uint32_t)c->last, worst);
		c->risk = crit_risk(cl, c, (uint32_t)c->last);
		c->worse = c->change[c->last].worse;
	}
	c->set_apart = o->min_raters > 1 && c->rated < o->min_raters;
	/* the rule (critical.h): Sårbart alone never makes an occupation
	 * critical, a forecast of Brist does */
	c->critical_at = -1;
	for (uint32_t i = 0; i < a->nperiods && c->critical_at < 0; i++) {
		uint32_t p = a->periods[i];
		double brist = crit_share(cl, c, p, worst);
		if (agg_future(a, p) && brist >= 0 && brist >= o->threshold)
			c->critical_at = (int32_t)p;
	}
	c->critical = c->critical_at >= 0;
}

/* Groups the agg's rows, counts each group and ranks them. */
void crit_build(struct crit_list *cl, const struct agg *a,
		const struct crit_opts *o)
{
	int by_region = o->by_region;
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	uint32_t n = 0;

	memset(cl, 0, sizeof(*cl));
	cl->a = a;
	cl->by_region = by_region && !o->by_attribute;
	cl->attr = o->by_attribute ? a->attr : NULL;
	cl->context = o->context;
	cl->weighted =
		o->weighted && context_has(o->context, CONTEXT_HEADCOUNT);
	cl->region_rank = name_table_ranks(&ds->regions);
	cl->org_rank = name_table_ranks(&ds->organisations);
	cl->occ_rank = name_table_ranks(&ds->occupations);
	cl->rows = xcalloc(ds->nrows + 1, sizeof(*cl->rows));
	/* by an attribute, a value not shown holds no record shown */
	for (uint32_t r = 0; r < ds->nrows; r++)
		if (a->row_on[r] &&
		    (!cl->attr || agg_attr_row(a, r) != AGG_ATTR_HIDDEN))
			cl->rows[n++] = r;
	sort_list = cl;
	qsort(cl->rows, n, sizeof(*cl->rows), compare_rows);
	cl->v = xcalloc(n + 1, sizeof(*cl->v));
	for (uint32_t i = 0; i < n; i++) {
		const struct row *row = &ds->rows[cl->rows[i]];
		int32_t group = row_group(cl, cl->rows[i]);
		struct crit *c = cl->n ? &cl->v[cl->n - 1] : NULL;
		if (!c || c->occupation != row->occupation ||
		    c->group != group) {
			c = &cl->v[cl->n++];
			c->group = group;
			c->region = cl->by_region ? group : -1;
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
	uint32_t unweighted = 0;
	struct strbuf examples = STRBUF_INIT;
	for (uint32_t i = 0; cl->context && i < cl->n; i++)
		unweighted += add_context(cl, &cl->v[i], &examples, unweighted);
	if (unweighted) {
		struct kmap_loc loc = { cl->context->path, 0, 0 };
		strbuf_addstr(&examples, unweighted > 3 ? ", ..." : "");
		diag_report_n(DIAG_WARNING, &loc, examples.buf, unweighted,
			      "no headcount for %u rated occupation at an "
			      "organisation: weighted by headcount, it counts "
			      "for nothing",
			      "no headcount for %u rated occupations at an "
			      "organisation: weighted by headcount, they count "
			      "for nothing",
			      unweighted);
	}
	strbuf_release(&examples);
	for (uint32_t i = 0; i < cl->n; i++)
		measure(cl, &cl->v[i], o);
	qsort(cl->v, cl->n, sizeof(*cl->v), compare_crit);
	for (uint32_t i = 0; i < cl->n; i++) {
		struct crit *c = &cl->v[i];
		int same = i && c->group == cl->v[i - 1].group;
		int same_list = same && c->set_apart == cl->v[i - 1].set_apart;
		c->place = same_list ? cl->v[i - 1].place + 1 : 1;
		if (c->set_apart)
			cl->nset_apart++;
		else
			c->rank = c->place;
	}
	sort_list = NULL;
}

void crit_release(struct crit_list *cl)
{
	for (uint32_t i = 0; i < cl->n; i++) {
		free(cl->v[i].stats);
		free(cl->v[i].change);
		free(cl->v[i].wstats);
	}
	free(cl->v);
	free(cl->rows);
	free(cl->region_rank);
	free(cl->org_rank);
	free(cl->occ_rank);
	memset(cl, 0, sizeof(*cl));
}

int crit_grouped(const struct crit_list *cl)
{
	return cl->by_region || cl->attr;
}

const char *crit_group_heading(const struct crit_list *cl)
{
	return cl->attr ? cl->attr->attribute : "region";
}

const char *crit_group_name(const struct crit_list *cl, const struct crit *c)
{
	if (cl->attr)
		return cl->attr->values[c->group];
	return name_display(&cl->a->ds->regions, (uint32_t)c->group);
}

/* ---- disagreement and mobility -------------------------------------- */

int crit_ends(const struct crit_list *cl, const struct crit *c, uint32_t p,
	      int *low, int *high)
{
	const struct scale *sc = cl->a->ds->scale;
	int spread = stats_spread(&c->stats[p], sc);

	*low = *high = 0;
	for (size_t l = 0; l < sc->nlevels; l++) {
		if (!c->stats[p].level[l])
			continue;
		if (!*low)
			*low = (int)l + 1;
		*high = (int)l + 1;
	}
	return spread;
}

int crit_surplus_level(const struct scale *sc)
{
	int any_risk = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		any_risk |= sc->levels[l].risk;
	return sc->nlevels >= 3 && any_risk && !sc->levels[0].risk ? 1 : 0;
}

/* Whether rows[0, n) hold the surplus level and a risk level in p. */
static int is_move(const struct dataset *ds, const uint32_t *rows, uint32_t n,
		   uint32_t p, int surplus)
{
	int low = 0, risk = 0;

	for (uint32_t i = 0; i < n && !(low && risk); i++) {
		uint8_t level = dataset_level(ds, rows[i], p);
		if (level == surplus)
			low = 1;
		else if (level >= 1 && level <= ds->scale->nlevels &&
			 ds->scale->levels[level - 1].risk)
			risk = 1;
	}
	return low && risk;
}

static int compare_moves(const void *pa, const void *pb)
{
	const struct crit_move *a = pa, *b = pb;
	const struct crit_list *cl = sort_list;
	uint32_t ka[3] = { cl->region_rank[a->region],
			   cl->occ_rank[a->c->occupation],
			   cl->a->period_rank[a->period] };
	uint32_t kb[3] = { cl->region_rank[b->region],
			   cl->occ_rank[b->c->occupation],
			   cl->a->period_rank[b->period] };

	for (int i = 0; i < 3; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return 0;
}

void crit_moves_build(struct crit_moves *m, const struct crit_list *cl)
{
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	int surplus = crit_surplus_level(ds->scale);
	size_t cap = 0;

	memset(m, 0, sizeof(*m));
	if (!surplus)
		return;
	if (cl->attr) {
		/* a region's organisations, whatever their group */
		const struct crit_opts all = { 0, 1.0, 1, NULL, 0, 0 };
		m->ungrouped = xcalloc(1, sizeof(*m->ungrouped));
		crit_build(m->ungrouped, a, &all);
		cl = m->ungrouped;
	}
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		/* the rows are in region order: one run per region */
		for (uint32_t j = 0; j < c->nrows;) {
			uint32_t region = ds->units[ds->rows[c->rows[j]].unit]
						  .region,
				 k = j;
			while (k < c->nrows &&
			       ds->units[ds->rows[c->rows[k]].unit].region ==
				       region)
				k++;
			for (uint32_t q = 0; q < a->nperiods; q++) {
				uint32_t p = a->periods[q];
				if (!is_move(ds, &c->rows[j], k - j, p,
					     surplus))
					continue;
				if (m->n == cap) {
					cap = cap ? 2 * cap : 16;
					m->v = xreallocarray(m->v, cap,
							     sizeof(*m->v));
				}
				m->v[m->n++] = (struct crit_move){ c, j, k - j,
								   region, p };
			}
			j = k;
		}
	}
	sort_list = cl;
	if (m->n)
		qsort(m->v, m->n, sizeof(*m->v), compare_moves);
	sort_list = NULL;
}

void crit_moves_release(struct crit_moves *m)
{
	if (m->ungrouped)
		crit_release(m->ungrouped);
	free(m->ungrouped);
	free(m->v);
	memset(m, 0, sizeof(*m));
}
