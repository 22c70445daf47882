#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/agg.h"
#include "kmap/diag.h"
#include "kmap/rounds.h"
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

int stats_spread(const struct stats *s, const struct scale *sc)
{
	int lo = 0, hi = 0;

	for (size_t l = 0; l < sc->nlevels; l++) {
		if (!s->level[l])
			continue;
		if (!lo)
			lo = (int)l + 1;
		hi = (int)l + 1;
	}
	return lo ? hi - lo : -1;
}

int stats_mode(const struct stats *s, const struct scale *sc)
{
	int mode = 0;

	/* >= so that the worse of two equally common levels wins */
	for (size_t l = 0; l < sc->nlevels; l++)
		if (s->level[l] && (!mode || s->level[l] >= s->level[mode - 1]))
			mode = (int)l + 1;
	return mode;
}

double stats_agreement(const struct stats *s, const struct scale *sc)
{
	uint32_t rated = stats_rated(s, sc);
	int mode = stats_mode(s, sc);

	return rated ? (double)s->level[mode - 1] / rated : -1;
}

/* Marks the ids of t whose key equals one of the filter values. */
static int match_names(const struct name_table *t, const char **values,
		       size_t n, const char *no_match, uint8_t **on)
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
			kmap_warn(no_match, values[i]);
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
	else if (level == LEVEL_NA)
		s->not_applicable++;
	else
		s->level[level - 1]++;
}

/*
 * The current period of row r: the one marked by the file of its
 * records; when files with different current periods rate the row, the
 * earliest, so that the choice does not depend on the order of files.
 */
static int32_t row_current(const struct agg *a, uint32_t r)
{
	const struct dataset *ds = a->ds;
	int32_t cur = -1;

	for (uint32_t p = 0; p < ds->nperiods; p++) {
		uint32_t input;
		unsigned long line;
		int32_t c;
		if (dataset_level(ds, r, p) == LEVEL_NONE)
			continue;
		dataset_line_of(ds, dataset_gline(ds, r, p), &input, &line);
		c = ds->inputs[input].current;
		if (c >= 0 &&
		    (cur < 0 || agg_after(a, (uint32_t)cur, (uint32_t)c)))
			cur = c;
	}
	return cur;
}

static void compare(struct change *c, uint8_t now, uint8_t then)
{
	if (then > now)
		c->worse++;
	else if (then < now)
		c->better++;
	else
		c->same++;
	c->from_to[now - 1][then - 1]++;
}

static int rated_level(uint8_t level)
{
	return level != LEVEL_NONE && level != LEVEL_MISSING &&
	       level != LEVEL_NA;
}

/*
 * Counts row r into n groups at once (their per-period stats and, when
 * changes are counted, their per-period changes): the row's cells and its
 * current level are read once, however many groups it belongs to.
 */
static void count_row_into(const struct agg *a, uint32_t r,
			   struct stats *const *stats, struct change *const *ch,
			   int n)
{
	const struct dataset *ds = a->ds;
	int32_t cur = a->row_current ? a->row_current[r] : -1;
	uint8_t now =
		cur >= 0 ? dataset_level(ds, r, (uint32_t)cur) : LEVEL_NONE;
	int changes = ch && rated_level(now);

	for (uint32_t p = 0; p < ds->nperiods; p++) {
		uint8_t level = dataset_level(ds, r, p);
		if (level == LEVEL_NONE || !a->period_on[p])
			continue;
		for (int k = 0; k < n; k++)
			count(&stats[k][p], level);
		if (changes && rated_level(level) &&
		    agg_after(a, p, (uint32_t)cur))
			for (int k = 0; k < n; k++)
				compare(&ch[k][p], now, level);
	}
}

void agg_count_row(const struct agg *a, uint32_t r, struct stats *stats,
		   struct change *ch)
{
	count_row_into(a, r, &stats, ch ? &ch : NULL, 1);
}

static void alloc_changes(struct agg *a)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;

	a->row_current = xcalloc(ds->nrows + 1, sizeof(*a->row_current));
	for (uint32_t r = 0; r < ds->nrows; r++)
		a->row_current[r] = row_current(a, r);
	a->ch_total = xcalloc(np + 1, sizeof(struct change));
	a->ch_region = xcalloc(ds->regions.n * np + 1, sizeof(struct change));
	a->ch_unit = xcalloc(ds->nunits * np + 1, sizeof(struct change));
	a->ch_occupation =
		xcalloc(ds->occupations.n * np + 1, sizeof(struct change));
}

/*
 * Counts row r into its unit and its occupation. The region's and the
 * total's counts are the sums of their units' (sum_units()): a row is in
 * one unit, and a unit in one region, so each row's cells are read for
 * two groups instead of four.
 */
static void count_groups(struct agg *a, uint32_t r)
{
	const struct dataset *ds = a->ds;
	const struct row *row = &ds->rows[r];
	size_t np = ds->nperiods;
	size_t unit = row->unit * np, occ = row->occupation * np;
	struct stats *stats[] = { a->by_unit + unit, a->by_occupation + occ };
	struct change *ch[2];

	if (a->ch_total) {
		ch[0] = a->ch_unit + unit;
		ch[1] = a->ch_occupation + occ;
	}
	count_row_into(a, r, stats, a->ch_total ? ch : NULL, 2);
}

static void add_stats(struct stats *to, const struct stats *s)
{
	to->missing += s->missing;
	to->not_applicable += s->not_applicable;
	for (size_t l = 0; l < SCALE_MAX_LEVELS; l++)
		to->level[l] += s->level[l];
}

static void add_change(struct change *to, const struct change *c)
{
	to->worse += c->worse;
	to->same += c->same;
	to->better += c->better;
	for (size_t f = 0; f < SCALE_MAX_LEVELS; f++)
		for (size_t t = 0; t < SCALE_MAX_LEVELS; t++)
			to->from_to[f][t] += c->from_to[f][t];
}

/* The regions' and the total's counts, from their units' (count_groups). */
static void sum_units(struct agg *a)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;

	for (uint32_t u = 0; u < ds->nunits; u++) {
		size_t reg = ds->units[u].region * np, unit = u * np;
		for (size_t p = 0; p < np; p++) {
			add_stats(&a->by_region[reg + p],
				  &a->by_unit[unit + p]);
			add_stats(&a->total[p], &a->by_unit[unit + p]);
			if (!a->ch_total)
				continue;
			add_change(&a->ch_region[reg + p],
				   &a->ch_unit[unit + p]);
			add_change(&a->ch_total[p], &a->ch_unit[unit + p]);
		}
	}
}

static int stats_any(const struct stats *s, uint32_t n)
{
	for (uint32_t p = 0; p < n; p++) {
		if (s[p].missing || s[p].not_applicable)
			return 1;
		for (size_t l = 0; l < SCALE_MAX_LEVELS; l++)
			if (s[p].level[l])
				return 1;
	}
	return 0;
}

/* Sorted ids of t that have records, per the counts in s. */
static uint32_t list_groups(const struct name_table *t, const struct stats *s,
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
	uint32_t ra = unit_region_rank[a->region],
		 rb = unit_region_rank[b->region];

	if (ra != rb)
		return ra < rb ? -1 : 1;
	ra = unit_org_rank[a->org];
	rb = unit_org_rank[b->org];
	return (ra > rb) - (ra < rb);
}

static void list_units(struct agg *a, const struct dataset *ds)
{
	uint32_t np = ds->nperiods, n = 0;

	unit_region_rank = name_table_ranks(&ds->regions);
	unit_org_rank = name_table_ranks(&ds->organisations);
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

/*
 * The rounds that count (f->rounds, --round, else each region's newest)
 * into pick; 0 with nothing set when the dataset has one round or none,
 * -1 after reporting an unknown --round.
 */
static int pick_rounds(const struct dataset *ds, const struct filter *f,
		       struct round_pick *pick, const struct round_pick **out)
{
	int32_t id;

	*out = f->rounds;
	if (f->rounds)
		return 0;
	if (f->round) {
		id = dataset_find_round(ds, f->round);
		if (id < 0)
			return kmap_error("no input is of round '%s'",
					  f->round);
		if (ds->nrounds > 1)
			round_pick_one(pick, ds, (uint32_t)id);
	} else if (ds->nrounds > 1) {
		round_pick_newest(pick, ds);
	}
	*out = pick->on ? pick : NULL;
	return 0;
}

int agg_input_counted(const struct agg *a, uint32_t i)
{
	uint32_t k = a->ds->inputs[i].round_id;

	return !a->round_on || (k < a->ds->nrounds && a->round_on[k]);
}

/*
 * With a round pick: which rounds count, the periods their rows rate
 * (the others are not shown), and the current periods of their inputs.
 */
static void apply_rounds(struct agg *a, const struct round_pick *pick,
			 uint8_t *row_round)
{
	const struct dataset *ds = a->ds;
	uint8_t *rated = NULL;

	if (pick) {
		a->round_on = xcalloc((size_t)ds->nrounds + 1, 1);
		for (uint32_t k = 0; k < ds->nrounds; k++)
			a->round_on[k] = (uint8_t)round_pick_any(pick, k);
		rated = xcalloc((size_t)ds->nperiods + 1, 1);
		for (uint32_t r = 0; r < ds->nrows; r++) {
			row_round[r] = (uint8_t)round_pick_row(pick, ds, r);
			for (uint32_t p = 0; row_round[r] && p < ds->nperiods;
			     p++)
				if (dataset_level(ds, r, p) != LEVEL_NONE)
					rated[p] = 1;
		}
		for (uint32_t p = 0; p < ds->nperiods; p++)
			a->period_on[p] &= rated[p];
	}
	for (uint32_t i = 0; i < ds->ninputs; i++)
		if (ds->inputs[i].current >= 0 && agg_input_counted(a, i))
			a->current[ds->inputs[i].current] = 1;
	free(rated);
}

int agg_build(struct agg *a, const struct dataset *ds, const struct filter *f,
	      unsigned flags)
{
	struct round_pick own = { 0 };
	const struct round_pick *pick = NULL;
	uint8_t *row_round = NULL;
	uint32_t np = ds->nperiods;
	uint8_t *reg_on = NULL, *org_on = NULL, *occ_on = NULL;
	uint8_t *period_on = xcalloc(np + 1, 1);
	uint32_t *order = xcalloc(np + 1, sizeof(*order));
	int rc = -1;

	memset(a, 0, sizeof(*a));
	a->ds = ds;
	a->nlevels = (uint32_t)ds->scale->nlevels;
	if (match_periods(ds, f, period_on) || pick_rounds(ds, f, &own, &pick))
		goto out;
	match_names(&ds->regions, f->regions, f->nregions,
		    N_("no region matches '%s'"), &reg_on);
	match_names(&ds->organisations, f->organisations, f->norganisations,
		    N_("no organisation matches '%s'"), &org_on);
	match_names(&ds->occupations, f->occupations, f->noccupations,
		    N_("no occupation matches '%s'"), &occ_on);
	a->total = xcalloc(np + 1, sizeof(*a->total));
	a->by_region =
		xcalloc((size_t)ds->regions.n * np + 1, sizeof(struct stats));
	a->by_unit = xcalloc((size_t)ds->nunits * np + 1, sizeof(struct stats));
	a->by_occupation = xcalloc((size_t)ds->occupations.n * np + 1,
				   sizeof(struct stats));
	a->row_on = xcalloc(ds->nrows + 1, 1);
	a->period_on = period_on;
	period_on = NULL;
	a->current = xcalloc(np + 1, 1);
	if (pick)
		row_round = xcalloc(ds->nrows + 1, 1);
	apply_rounds(a, pick, row_round);
	dataset_period_order(ds, order);
	a->period_rank = xcalloc(np + 1, sizeof(*a->period_rank));
	a->first_current = -1;
	for (uint32_t i = 0; i < np; i++) {
		a->period_rank[order[i]] = i;
		if (a->current[order[i]] && a->first_current < 0)
			a->first_current = (int32_t)order[i];
	}
	if (flags & AGG_CHANGES)
		alloc_changes(a);
	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct row *row = &ds->rows[r];
		const struct unit *u = &ds->units[row->unit];
		if ((reg_on && !reg_on[u->region]) ||
		    (org_on && !org_on[u->org]) ||
		    (occ_on && !occ_on[row->occupation]) ||
		    (row_round && !row_round[r]))
			continue;
		a->row_on[r] = 1;
		count_groups(a, r);
	}
	sum_units(a);
	a->periods = xcalloc(np + 1, sizeof(*a->periods));
	for (uint32_t i = 0; i < np; i++)
		if (a->period_on[order[i]])
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
	free(row_round);
	round_pick_release(&own);
	return rc;
}

struct row_key {
	uint32_t rank[3]; /* region, organisation, occupation */
	uint32_t row;
};

static int compare_row_keys(const void *pa, const void *pb)
{
	const struct row_key *a = pa, *b = pb;

	for (int i = 0; i < 3; i++)
		if (a->rank[i] != b->rank[i])
			return a->rank[i] < b->rank[i] ? -1 : 1;
	return 0;
}

uint32_t *agg_sorted_rows(const struct agg *a, uint32_t *n)
{
	const struct dataset *ds = a->ds;
	uint32_t *region = name_table_ranks(&ds->regions);
	uint32_t *org = name_table_ranks(&ds->organisations);
	uint32_t *occ = name_table_ranks(&ds->occupations);
	struct row_key *keys = xcalloc(ds->nrows + 1, sizeof(*keys));
	uint32_t *rows;

	*n = 0;
	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct unit *u = &ds->units[ds->rows[r].unit];
		if (!a->row_on[r])
			continue;
		keys[*n].rank[0] = region[u->region];
		keys[*n].rank[1] = org[u->org];
		keys[*n].rank[2] = occ[ds->rows[r].occupation];
		keys[(*n)++].row = r;
	}
	/* a row is one (region, organisation, occupation): no ties */
	qsort(keys, *n, sizeof(*keys), compare_row_keys);
	rows = xcalloc(*n + 1, sizeof(*rows));
	for (uint32_t i = 0; i < *n; i++)
		rows[i] = keys[i].row;
	free(keys);
	free(region);
	free(org);
	free(occ);
	return rows;
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
	free(a->period_on);
	free(a->period_rank);
	free(a->current);
	free(a->round_on);
	free(a->row_current);
	free(a->ch_total);
	free(a->ch_region);
	free(a->ch_unit);
	free(a->ch_occupation);
	if (a->attr) {
		free(a->attr->values);
		free(a->attr->stats);
		free(a->attr->change);
		free(a->attr->place);
		if (a->attr->levels)
			name_table_release(a->attr->levels);
		free(a->attr->levels);
		free(a->attr);
	}
	memset(a, 0, sizeof(*a));
}

static int compare_values(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;

	/* names without the attribute last */
	if (!strcmp(a, AGG_ATTR_NONE) || !strcmp(b, AGG_ATTR_NONE))
		return !strcmp(a, AGG_ATTR_NONE) - !strcmp(b, AGG_ATTR_NONE);
	return names_collate(a, b);
}

/* The table of the names of kind. */
static const struct name_table *kind_table(const struct dataset *ds,
					   enum name_kind kind)
{
	return kind == KIND_REGION	   ? &ds->regions
	       : kind == KIND_ORGANISATION ? &ds->organisations
					   : &ds->occupations;
}

/* The id of row r's name of kind. */
static uint32_t row_name(const struct dataset *ds, enum name_kind kind,
			 uint32_t r)
{
	const struct row *row = &ds->rows[r];
	const struct unit *u = &ds->units[row->unit];

	return kind == KIND_REGION	   ? u->region
	       : kind == KIND_ORGANISATION ? u->org
					   : row->occupation;
}

static int compare_bytes(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The place of v in the sorted (by bytes) distinct values. */
static size_t value_place(const char **v, size_t n, const char *want)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(v[mid], want);
		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int has_records(const struct agg *a, const struct stats *s)
{
	for (uint32_t i = 0; i < a->nperiods; i++) {
		const struct stats *p = &s[a->periods[i]];
		if (stats_records(p, a->ds->scale))
			return 1;
	}
	return 0;
}

/*
 * The upper level of each organisation of t into of_name (AGG_ATTR_NONE
 * for one of one level): one name per upper level, matched like names
 * and shown as most of its organisations write it. Returns the table
 * of those names.
 */
static struct name_table *upper_levels(const struct name_table *t,
				       const char **of_name)
{
	struct name_table *u = xcalloc(1, sizeof(*u));
	int32_t *id = xcalloc((size_t)t->n + 1, sizeof(*id));
	const char *s;
	size_t len;

	name_table_init(u);
	for (uint32_t i = 0; i < t->n; i++)
		id[i] = name_upper(t, i, &s, &len)
				? name_table_intern(u, s, len)
				: -1;
	name_table_finish(u);
	for (uint32_t i = 0; i < t->n; i++)
		of_name[i] = id[i] >= 0 ? name_display(u, (uint32_t)id[i])
					: AGG_ATTR_NONE;
	free(id);
	return u;
}

void agg_group_by_attribute(struct agg *a, const char *attribute,
			    enum name_kind kind)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	struct agg_attr *g = xcalloc(1, sizeof(*g));
	const struct name_table *t = kind_table(ds, kind);
	/* each name's value, then the distinct ones: by bytes to look them
	 * up, in Swedish order (AGG_ATTR_NONE last) to show them */
	const char **of_name = xcalloc((size_t)t->n + 1, sizeof(*of_name));
	const char **bytes = xcalloc((size_t)t->n + 2, sizeof(*bytes));
	uint32_t *place, *rank;
	size_t n = 0;

	g->attribute = attribute;
	g->kind = kind;
	if (kind == KIND_ORGANISATION && dataset_is_upper_header(ds, attribute))
		g->levels = upper_levels(t, of_name);
	for (uint32_t i = 0; i < t->n; i++) {
		const struct names_rule *rule = name_rule(t, i);
		const char *v = rule && !g->levels
					? names_rule_attr(rule, attribute)
					: NULL;
		if (!g->levels)
			of_name[i] = v ? v : AGG_ATTR_NONE;
		bytes[i] = of_name[i];
	}
	if (t->n)
		qsort(bytes, t->n, sizeof(*bytes), compare_bytes);
	for (uint32_t i = 0; i < t->n; i++)
		if (!n || strcmp(bytes[n - 1], bytes[i]))
			bytes[n++] = bytes[i];
	g->values = xcalloc(n + 1, sizeof(*g->values));
	memcpy(g->values, bytes, n * sizeof(*bytes));
	if (n > 1)
		qsort(g->values, n, sizeof(*g->values), compare_values);
	rank = xcalloc(n + 1, sizeof(*rank));
	for (size_t i = 0; i < n; i++)
		rank[value_place(bytes, n, g->values[i])] = (uint32_t)i;
	place = xcalloc((size_t)t->n + 1, sizeof(*place));
	for (uint32_t i = 0; i < t->n; i++)
		place[i] = rank[value_place(bytes, n, of_name[i])];
	g->stats = xcalloc(n * np + 1, sizeof(*g->stats));
	if (a->row_current)
		g->change = xcalloc(n * np + 1, sizeof(*g->change));
	for (uint32_t r = 0; r < ds->nrows; r++) {
		if (!a->row_on[r])
			continue;
		size_t v = place[row_name(ds, kind, r)];
		agg_count_row(a, r, g->stats + v * np,
			      g->change ? g->change + v * np : NULL);
	}
	/* a value without a record the filters let through is not shown;
	 * rank[] becomes old index -> shown index */
	for (size_t i = 0; i < n; i++) {
		rank[i] = AGG_ATTR_HIDDEN;
		if (!has_records(a, g->stats + i * np))
			continue;
		rank[i] = g->nvalues;
		if (g->nvalues != i) {
			memcpy(g->stats + g->nvalues * np, g->stats + i * np,
			       np * sizeof(*g->stats));
			if (g->change)
				memcpy(g->change + g->nvalues * np,
				       g->change + i * np,
				       np * sizeof(*g->change));
		}
		g->values[g->nvalues++] = g->values[i];
	}
	for (uint32_t i = 0; i < t->n; i++)
		place[i] = rank[place[i]];
	g->place = place;
	free(of_name);
	free(bytes);
	free(rank);
	a->attr = g;
}

uint32_t agg_attr_row(const struct agg *a, uint32_t r)
{
	return a->attr->place[row_name(a->ds, a->attr->kind, r)];
}
