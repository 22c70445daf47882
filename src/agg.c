#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/agg.h"
#include "kmap/diag.h"
#include "kmap/xalloc.h"

uint32_t stats_rated(const struct stats *s, const struct scale *sc)
{
	uint32_t n = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		n += s->level[l];
	return n;
}

double stats_share(const struct stats *s, const struct scale *sc, int level)
{
	uint32_t rated = stats_rated(s, sc);

	return rated ? (double)s->level[level - 1] / rated : -1;
}

double stats_risk(const struct stats *s, const struct scale *sc)
{
	uint32_t rated = stats_rated(s, sc), risk = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		if (sc->levels[l].risk)
			risk += s->level[l];
	return rated ? (double)risk / rated : -1;
}

double stats_index(const struct stats *s, const struct scale *sc)
{
	uint32_t rated = stats_rated(s, sc);
	double sum = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		sum += (double)(l + 1) * s->level[l];
	return rated ? sum / rated : -1;
}


/* Marks the ids of t whose key equals one of the filter values. */
static int match_names(struct name_table *t, const char **values, size_t n,
		       const char *what, uint8_t **on)
{
	*on = NULL;
	if (!n)
		return 0;
	*on = xcalloc(t->n ? t->n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		int32_t id = name_table_find(t, values[i], strlen(values[i]));
		if (id >= 0)
			(*on)[id] = 1;
		else
			kmap_warn("no %s matches '%s'", what, values[i]);
	}
	return 0;
}

static int match_periods(const struct dataset *ds, const struct filter *f,
			 uint8_t *on)
{
	if (!f->nperiods) {
		memset(on, 1, ds->nperiods);
		return 0;
	}
	memset(on, 0, ds->nperiods);
	for (size_t i = 0; i < f->nperiods; i++) {
		struct period_value pv;
		int found = 0;
		if (period_parse(f->periods[i], strlen(f->periods[i]), &pv) !=
		    PERIOD_OK)
			return kmap_error("invalid --period '%s'",
					  f->periods[i]);
		for (uint32_t p = 0; p < ds->nperiods; p++) {
			if (ds->periods[p].first == pv.first &&
			    ds->periods[p].last == pv.last) {
				on[p] = 1;
				found = 1;
			}
		}
		if (!found)
			kmap_warn("no period matches '%s'", f->periods[i]);
	}
	return 0;
}

static void count(struct stats *s, uint8_t level)
{
	if (level == LEVEL_MISSING)
		s->missing++;
	else
		s->level[level - 1]++;
}

static int stats_any(const struct stats *s, uint32_t n)
{
	for (uint32_t p = 0; p < n; p++) {
		if (s[p].missing)
			return 1;
		for (size_t l = 0; l < SCALE_MAX_LEVELS; l++)
			if (s[p].level[l])
				return 1;
	}
	return 0;
}

/* Sorted ids of t that have records, per the counts in s. */
static uint32_t list_groups(struct name_table *t, const struct stats *s,
			    uint32_t np, uint32_t **out)
{
	uint32_t *order = xcalloc(t->n ? t->n : 1, sizeof(*order));
	uint32_t n = 0;

	name_table_sorted(t, order, NULL);
	for (uint32_t i = 0; i < t->n; i++)
		if (stats_any(&s[(size_t)order[i] * np], np))
			order[n++] = order[i];
	*out = order;
	return n;
}

static const struct dataset *unit_ds;
static uint32_t *unit_region_rank, *unit_org_rank;

static int compare_units(const void *pa, const void *pb)
{
	const struct unit *a = &unit_ds->units[*(const uint32_t *)pa];
	const struct unit *b = &unit_ds->units[*(const uint32_t *)pb];
	uint32_t ra = unit_region_rank[a->region], rb = unit_region_rank[b->region];

	if (ra != rb)
		return ra < rb ? -1 : 1;
	ra = unit_org_rank[a->org];
	rb = unit_org_rank[b->org];
	return (ra > rb) - (ra < rb);
}

static void list_units(struct agg *a, struct dataset *ds)
{
	uint32_t np = ds->nperiods, n = 0;
	uint32_t *tmp_order;

	unit_region_rank = xcalloc(ds->regions.n + 1, sizeof(uint32_t));
	unit_org_rank = xcalloc(ds->organisations.n + 1, sizeof(uint32_t));
	tmp_order = xcalloc(ds->regions.n + ds->organisations.n + 1,
			    sizeof(uint32_t));
	name_table_sorted(&ds->regions, tmp_order, unit_region_rank);
	name_table_sorted(&ds->organisations, tmp_order, unit_org_rank);
	free(tmp_order);
	a->units = xcalloc(ds->nunits + 1, sizeof(*a->units));
	for (uint32_t u = 0; u < ds->nunits; u++)
		if (stats_any(&a->by_unit[(size_t)u * np], np))
			a->units[n++] = u;
	unit_ds = ds;
	qsort(a->units, n, sizeof(*a->units), compare_units);
	unit_ds = NULL;
	a->nunits = n;
	free(unit_region_rank);
	free(unit_org_rank);
	unit_region_rank = unit_org_rank = NULL;
}

int agg_build(struct agg *a, const struct dataset *cds,
	      const struct filter *f)
{
	/* sorting fills in the tables' cached collation keys */
	struct dataset *ds = (struct dataset *)cds;
	uint32_t np = ds->nperiods;
	uint8_t *reg_on = NULL, *org_on = NULL, *occ_on = NULL;
	uint8_t *period_on = xcalloc(np + 1, 1);
	uint32_t *order = xcalloc(np + 1, sizeof(*order));
	int rc = -1;

	memset(a, 0, sizeof(*a));
	a->ds = ds;
	a->nlevels = (uint32_t)ds->scale->nlevels;
	if (match_periods(ds, f, period_on))
		goto out;
	match_names(&ds->regions, f->regions, f->nregions, "region", &reg_on);
	match_names(&ds->organisations, f->organisations, f->norganisations,
		    "organisation", &org_on);
	match_names(&ds->occupations, f->occupations, f->noccupations,
		    "occupation", &occ_on);
	a->total = xcalloc(np + 1, sizeof(*a->total));
	a->by_region = xcalloc((size_t)ds->regions.n * np + 1, sizeof(struct stats));
	a->by_unit = xcalloc((size_t)ds->nunits * np + 1, sizeof(struct stats));
	a->by_occupation =
		xcalloc((size_t)ds->occupations.n * np + 1, sizeof(struct stats));
	a->row_on = xcalloc(ds->nrows + 1, 1);
	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct row *row = &ds->rows[r];
		const struct unit *u = &ds->units[row->unit];
		if ((reg_on && !reg_on[u->region]) ||
		    (org_on && !org_on[u->org]) ||
		    (occ_on && !occ_on[row->occupation]))
			continue;
		a->row_on[r] = 1;
		for (uint32_t p = 0; p < np; p++) {
			uint8_t level = dataset_level(ds, r, p);
			if (level == LEVEL_NONE || !period_on[p])
				continue;
			count(&a->total[p], level);
			count(&a->by_region[(size_t)u->region * np + p], level);
			count(&a->by_unit[(size_t)row->unit * np + p], level);
			count(&a->by_occupation[(size_t)row->occupation * np + p],
			      level);
		}
	}
	dataset_period_order(ds, order);
	a->periods = xcalloc(np + 1, sizeof(*a->periods));
	for (uint32_t i = 0; i < np; i++)
		if (period_on[order[i]])
			a->periods[a->nperiods++] = order[i];
	a->nregions = list_groups(&ds->regions, a->by_region, np, &a->regions);
	a->noccupations = list_groups(&ds->occupations, a->by_occupation, np,
				      &a->occupations);
	list_units(a, ds);
	rc = 0;
out:
	free(reg_on);
	free(org_on);
	free(occ_on);
	free(period_on);
	free(order);
	return rc;
}

void agg_release(struct agg *a)
{
	if (!a)
		return;
	free(a->periods);
	free(a->regions);
	free(a->units);
	free(a->occupations);
	free(a->total);
	free(a->by_region);
	free(a->by_unit);
	free(a->by_occupation);
	free(a->row_on);
	memset(a, 0, sizeof(*a));
}
