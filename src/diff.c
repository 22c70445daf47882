/*
 * diff.c - comparing two rounds (diff.h): the names of both sides as one,
 * the periods, organisations and occupations compared and those only one
 * side has, the records and the group counts. The plan's parts are in
 * diff_plan.c.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "kmap/diag.h"
#include "kmap/rounds.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

static struct name_table *table(struct dataset *ds, int t)
{
	return t == REGION ? &ds->regions
	       : t == ORG  ? &ds->organisations
			   : &ds->occupations;
}

/*
 * The new side's names join the old side's tables: one id per name, its
 * spelling chosen over both sides' spellings. Two rounds of one dataset
 * share their names already.
 */
static void merge_names(struct diff_work *w)
{
	for (int t = 0; t < NTABLES; t++) {
		struct name_table *old = table(w->d->ds[0], t);
		struct name_table *new = table(w->d->ds[1], t);
		w->nold[t] = old->n;
		if (old == new) {
			w->map[t] =
				xcalloc((size_t)old->n + 1, sizeof(*w->map[t]));
			for (uint32_t i = 0; i < old->n; i++)
				w->map[t][i] = i;
		} else {
			old->max_names = 0; /* a cap is for reading */
			name_table_finish(new);
			w->map[t] = name_table_merge(old, new);
			name_table_finish(old);
		}
		w->inv[t] = xmalloc(((size_t)old->n + 1) * sizeof(int32_t));
		for (uint32_t i = 0; i <= old->n; i++)
			w->inv[t][i] = -1;
		for (uint32_t i = 0; i < new->n; i++)
			w->inv[t][w->map[t][i]] = (int32_t)i;
		w->rank[t] = name_table_ranks(old);
	}
}

/* Filter values are checked once against both sides together. */
static int check_filter(struct diff_work *w, const struct filter *f)
{
	const char **values[NTABLES] = { f->regions, f->organisations,
					 f->occupations };
	size_t n[NTABLES] = { f->nregions, f->norganisations, f->noccupations };
	static const char *const no_match[NTABLES] = {
		N_("no region matches '%s'"),
		N_("no organisation matches '%s'"),
		N_("no occupation matches '%s'"),
	};

	for (size_t i = 0; i < f->nperiods; i++) {
		struct period_value pv;
		if (period_parse(f->periods[i], strlen(f->periods[i]), &pv) !=
		    PERIOD_OK)
			return kmap_error("invalid --period '%s'",
					  f->periods[i]);
	}
	for (int t = 0; t < NTABLES; t++)
		for (size_t i = 0; i < n[t]; i++)
			if (name_table_find(table(w->d->ds[0], t), values[t][i],
					    strlen(values[t][i])) < 0)
				kmap_warn(no_match[t], values[t][i]);
	return 0;
}

static int compare_periods(const void *pa, const void *pb)
{
	const struct diff_period *a = pa, *b = pb;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return (a->last > b->last) - (a->last < b->last);
}

static int period_on(const struct diff *d, const struct diff_period *p)
{
	for (int s = 0; s < 2; s++)
		if (p->id[s] >= 0 && d->agg[s].period_on[p->id[s]])
			return 1;
	return 0;
}

/*
 * The periods of either side that pass the filter, in order; those both
 * sides rate are compared (with --period or all_records, every one), and
 * the others are listed once as what only one side has.
 */
static void union_periods(struct diff_work *w, const struct filter *f)
{
	struct diff *d = w->d;
	uint32_t cap = d->ds[0]->nperiods + d->ds[1]->nperiods + 1, n = 0;
	struct diff_period *v = xcalloc(cap, sizeof(*v));

	for (int s = 0; s < 2; s++) {
		const struct dataset *ds = d->ds[s];
		for (uint32_t p = 0; p < ds->nperiods; p++) {
			const struct period_info *pi = &ds->periods[p];
			uint32_t i = 0;
			while (i < n && (v[i].first != pi->first ||
					 v[i].last != pi->last))
				i++;
			if (i == n) {
				v[n].label = pi->label;
				v[n].first = pi->first;
				v[n].last = pi->last;
				v[n].id[0] = v[n].id[1] = -1;
				n++;
			}
			v[i].id[s] = (int32_t)p;
		}
	}
	qsort(v, n, sizeof(*v), compare_periods);
	d->nperiods = 0;
	for (uint32_t i = 0; i < n; i++)
		if (period_on(d, &v[i]))
			v[d->nperiods++] = v[i];
	d->periods = v;
	for (size_t i = 0; i < f->nperiods; i++) {
		struct period_value pv;
		int found = 0;
		period_parse(f->periods[i], strlen(f->periods[i]), &pv);
		for (uint32_t k = 0; k < d->nperiods; k++)
			found |= d->periods[k].first == pv.first &&
				 d->periods[k].last == pv.last;
		if (!found)
			kmap_warn("no period matches '%s'", f->periods[i]);
	}
	for (int s = 0; s < 2; s++) {
		w->at[s] = xcalloc((size_t)d->ds[s]->nperiods + 1,
				   sizeof(*w->at[s]));
		for (uint32_t p = 0; p < d->ds[s]->nperiods; p++)
			w->at[s][p] = -1;
		d->only[s].periods =
			xcalloc((size_t)d->nperiods + 1, sizeof(uint32_t));
	}
	for (uint32_t q = 0; q < d->nperiods; q++) {
		struct diff_period *p = &d->periods[q];
		int on[2];
		for (int s = 0; s < 2; s++) {
			on[s] = p->id[s] >= 0 && d->agg[s].period_on[p->id[s]];
			if (p->id[s] >= 0)
				w->at[s][p->id[s]] = (int32_t)q;
		}
		p->compared =
			(on[0] && on[1]) || d->o.all_records || f->nperiods;
		for (int s = 0; s < 2; s++)
			if (!p->compared && on[s])
				d->only[s].periods[d->only[s].nperiods++] = q;
	}
}

/* ---- rows of either side -------------------------------------------- */

static const struct diff_work *sort_work;

static int compare_ids(const uint32_t *a, const uint32_t *b, const int *order,
		       int n)
{
	for (int i = 0; i < n; i++) {
		int t = order[i];
		uint32_t ra = sort_work->rank[t][a[t]],
			 rb = sort_work->rank[t][b[t]];
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	return 0;
}

static int compare_keys(const void *pa, const void *pb)
{
	static const int order[] = { REGION, ORG, OCC };

	return compare_ids(((const struct diff_key *)pa)->id,
			   ((const struct diff_key *)pb)->id, order, 3);
}

static void add_key(struct diff_work *w, const uint32_t id[NTABLES], int side,
		    uint32_t row)
{
	struct diff_key *k;

	if (w->nkeys == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->keys = xreallocarray(w->keys, w->cap, sizeof(*w->keys));
	}
	k = &w->keys[w->nkeys++];
	memcpy(k->id, id, sizeof(k->id));
	k->row[side] = (int32_t)row;
	k->row[!side] = -1;
}

/* Every row that passes the filter on either side, once, in order. */
static void collect_keys(struct diff_work *w)
{
	size_t kept = 0;

	for (int s = 0; s < 2; s++) {
		const struct dataset *ds = w->d->ds[s];
		for (uint32_t r = 0; r < ds->nrows; r++) {
			const struct row *row = &ds->rows[r];
			const struct unit *u = &ds->units[row->unit];
			uint32_t id[NTABLES] = { u->region, u->org,
						 row->occupation };
			if (!w->d->agg[s].row_on[r])
				continue;
			for (int t = 0; s && t < NTABLES; t++)
				id[t] = w->map[t][id[t]];
			add_key(w, id, s, r);
		}
	}
	sort_work = w;
	qsort(w->keys, w->nkeys, sizeof(*w->keys), compare_keys);
	sort_work = NULL;
	for (size_t i = 0; i < w->nkeys; i++) {
		struct diff_key *prev = kept ? &w->keys[kept - 1] : NULL;
		if (prev &&
		    !memcmp(prev->id, w->keys[i].id, sizeof(prev->id))) {
			for (int s = 0; s < 2; s++)
				if (w->keys[i].row[s] >= 0)
					prev->row[s] = w->keys[i].row[s];
			continue;
		}
		w->keys[kept++] = w->keys[i];
	}
	w->nkeys = kept;
}

/*
 * What each side has: its occupations, and which organisations (units)
 * are on one side only. A key is compared record by record when both
 * sides have its organisation and its occupation (with all_records,
 * always).
 */
static void sides_present(struct diff_work *w)
{
	struct diff *d = w->d;
	uint32_t nocc = d->ds[0]->occupations.n;

	for (int s = 0; s < 2; s++) {
		w->occ_in[s] = xcalloc((size_t)nocc + 1, 1);
		d->only[s].units =
			xcalloc(w->nkeys + 1, sizeof(*d->only[s].units));
		d->only[s].occupations =
			xcalloc((size_t)nocc + 1, sizeof(uint32_t));
	}
	for (size_t i = 0; i < w->nkeys; i++)
		for (int s = 0; s < 2; s++)
			if (w->keys[i].row[s] >= 0)
				w->occ_in[s][w->keys[i].id[OCC]] = 1;
	/* keys are sorted by unit: one run of keys per unit */
	for (size_t i = 0, j; i < w->nkeys; i = j) {
		int in[2] = { 0, 0 };
		for (j = i; j < w->nkeys &&
			    w->keys[j].id[REGION] == w->keys[i].id[REGION] &&
			    w->keys[j].id[ORG] == w->keys[i].id[ORG];
		     j++)
			for (int s = 0; s < 2; s++)
				in[s] |= w->keys[j].row[s] >= 0;
		for (int s = 0; s < 2; s++) {
			struct diff_only *o = &d->only[s];
			if (in[s] && !in[!s]) {
				o->units[o->nunits][0] = w->keys[i].id[REGION];
				o->units[o->nunits][1] = w->keys[i].id[ORG];
				o->nunits++;
			}
		}
		for (size_t k = i; k < j; k++) {
			uint32_t occ = w->keys[k].id[OCC];
			w->keys[k].compared =
				d->o.all_records ||
				(in[0] && in[1] && w->occ_in[0][occ] &&
				 w->occ_in[1][occ]);
		}
	}
	/* occupations in Swedish order */
	uint32_t *order = xcalloc((size_t)nocc + 1, sizeof(*order));
	for (uint32_t i = 0; i < nocc; i++)
		order[w->rank[OCC][i]] = i;
	for (uint32_t i = 0; i < nocc; i++)
		for (int s = 0; s < 2; s++)
			if (w->occ_in[s][order[i]] && !w->occ_in[!s][order[i]])
				d->only[s].occupations
					[d->only[s].noccupations++] = order[i];
	free(order);
}

/* ---- records -------------------------------------------------------- */

/* The comments of a row in one period (-1: the whole row), or NULL. */
static char *comments_of(const struct dataset *ds, int32_t row, int32_t period)
{
	struct strbuf sb = STRBUF_INIT;

	if (row >= 0)
		dataset_comment_text(ds, (uint32_t)row, period, &sb);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static struct diff_record *new_record(struct diff *d, const struct diff_key *k,
				      int32_t period, size_t *cap)
{
	struct diff_record *r;

	if (d->nrecords == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		d->records =
			xreallocarray(d->records, *cap, sizeof(*d->records));
	}
	r = &d->records[d->nrecords++];
	memset(r, 0, sizeof(*r));
	r->region = k->id[REGION];
	r->org = k->id[ORG];
	r->occupation = k->id[OCC];
	r->period = period;
	return r;
}

static uint8_t level_at(const struct diff *d, const struct diff_key *k, int s,
			const struct diff_period *p)
{
	if (k->row[s] < 0 || p->id[s] < 0 || !d->agg[s].period_on[p->id[s]])
		return LEVEL_NONE;
	return dataset_level(d->ds[s], (uint32_t)k->row[s], (uint32_t)p->id[s]);
}

static void compare_record(struct diff *d, const struct diff_key *k, uint32_t q,
			   int comments, size_t *cap)
{
	const struct diff_period *p = &d->periods[q];
	uint8_t lv[2] = { level_at(d, k, 0, p), level_at(d, k, 1, p) };
	char *text[2] = { NULL, NULL };
	enum diff_kind kind;
	struct diff_record *r;

	if (lv[0] == LEVEL_NONE && lv[1] == LEVEL_NONE)
		return;
	for (int s = 0; comments && s < 2; s++)
		if (lv[s] != LEVEL_NONE)
			text[s] = comments_of(d->ds[s], k->row[s], p->id[s]);
	if (lv[0] == LEVEL_NONE)
		kind = DIFF_ADDED;
	else if (lv[1] == LEVEL_NONE)
		kind = DIFF_REMOVED;
	else if (lv[0] != lv[1])
		kind = DIFF_CHANGED;
	else if (!same_text(text[0], text[1]))
		kind = DIFF_COMMENT;
	else {
		free(text[0]);
		free(text[1]);
		return;
	}
	r = new_record(d, k, (int32_t)q, cap);
	r->kind = kind;
	for (int s = 0; s < 2; s++) {
		r->level[s] = lv[s];
		r->comment[s] = text[s];
		if (lv[s] != LEVEL_NONE)
			r->gline[s] =
				dataset_gline(d->ds[s], (uint32_t)k->row[s],
					      (uint32_t)p->id[s]);
	}
	d->count[kind]++;
}

/* A comment on a whole wide row that differs between the sides. */
static void compare_row_comment(struct diff *d, const struct diff_key *k,
				size_t *cap)
{
	char *text[2] = { comments_of(d->ds[0], k->row[0], -1),
			  comments_of(d->ds[1], k->row[1], -1) };
	struct diff_record *r;

	if (same_text(text[0], text[1])) {
		free(text[0]);
		free(text[1]);
		return;
	}
	r = new_record(d, k, -1, cap);
	r->kind = DIFF_COMMENT;
	r->comment[0] = text[0];
	r->comment[1] = text[1];
	r->level[0] = r->level[1] = LEVEL_NONE;
	d->count[DIFF_COMMENT]++;
}

static void compare_records(struct diff_work *w, int comments)
{
	struct diff *d = w->d;
	size_t cap = 0;

	for (size_t i = 0; i < w->nkeys; i++) {
		if (!w->keys[i].compared)
			continue;
		if (comments)
			compare_row_comment(d, &w->keys[i], &cap);
		for (uint32_t q = 0; q < d->nperiods; q++)
			if (d->periods[q].compared)
				compare_record(d, &w->keys[i], q, comments,
					       &cap);
	}
}

/* ---- groups --------------------------------------------------------- */

/* Group ids for --by: [0] region or occupation, [1] organisation. */
static void group_of(enum group_by by, const struct diff_key *k, uint32_t g[2])
{
	g[0] = by == BY_OCCUPATION ? k->id[OCC] : k->id[REGION];
	g[1] = by == BY_ORGANISATION ? k->id[ORG] : 0;
}

static enum group_by sort_by;

static int compare_groups(const void *pa, const void *pb)
{
	const uint32_t *a = pa, *b = pb;
	uint32_t ia[NTABLES] = { 0 }, ib[NTABLES] = { 0 };
	static const int region_org[] = { REGION, ORG }, occ[] = { OCC };

	if (sort_by == BY_OCCUPATION) {
		ia[OCC] = a[0];
		ib[OCC] = b[0];
		return compare_ids(ia, ib, occ, 1);
	}
	ia[REGION] = a[0];
	ia[ORG] = a[1];
	ib[REGION] = b[0];
	ib[ORG] = b[1];
	return compare_ids(ia, ib, region_org,
			   sort_by == BY_ORGANISATION ? 2 : 1);
}

/* The counts of group g on side s in period p (zero when it has none). */
static void group_stats(const struct diff_work *w, int s, const uint32_t g[2],
			const struct diff_period *p, struct stats *out)
{
	const struct diff *d = w->d;
	const struct agg *a = &d->agg[s];
	int32_t id0, id1;

	memset(out, 0, sizeof(*out));
	if (p->id[s] < 0 || !a->period_on[p->id[s]])
		return;
	if (d->o.by == BY_OCCUPATION) {
		id0 = s ? w->inv[OCC][g[0]] : (int32_t)g[0];
		if (id0 >= 0)
			*out = *agg_occupation(a, (uint32_t)id0,
					       (uint32_t)p->id[s]);
		return;
	}
	id0 = s ? w->inv[REGION][g[0]] : (int32_t)g[0];
	if (id0 < 0)
		return;
	if (d->o.by == BY_REGION) {
		*out = *agg_region(a, (uint32_t)id0, (uint32_t)p->id[s]);
		return;
	}
	id1 = s ? w->inv[ORG][g[1]] : (int32_t)g[1];
	int32_t unit = id1 < 0 ? -1
			       : dataset_find_unit(d->ds[s], (uint32_t)id0,
						   (uint32_t)id1);
	if (unit >= 0)
		*out = *agg_unit(a, (uint32_t)unit, (uint32_t)p->id[s]);
}

static void compare_groups_all(struct diff_work *w)
{
	struct diff *d = w->d;
	uint32_t(*g)[2] = xcalloc(w->nkeys + 1, sizeof(*g));
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < w->nkeys; i++)
		group_of(d->o.by, &w->keys[i], g[n++]);
	sort_work = w;
	sort_by = d->o.by;
	qsort(g, n, sizeof(*g), compare_groups);
	sort_work = NULL;
	for (size_t i = 0; i < n; i++) {
		if (i && g[i][0] == g[i - 1][0] && g[i][1] == g[i - 1][1])
			continue;
		for (uint32_t q = 0; q < d->nperiods; q++) {
			struct stats s[2];
			if (!d->periods[q].compared)
				continue;
			group_stats(w, 0, g[i], &d->periods[q], &s[0]);
			group_stats(w, 1, g[i], &d->periods[q], &s[1]);
			if (!memcmp(&s[0], &s[1], sizeof(s[0])))
				continue;
			if (d->ngroups == cap) {
				cap = cap ? cap * 2 : 64;
				d->groups = xreallocarray(d->groups, cap,
							  sizeof(*d->groups));
			}
			struct diff_group *dg = &d->groups[d->ngroups++];
			dg->name[0] = g[i][0];
			dg->name[1] = g[i][1];
			dg->period = q;
			dg->stats[0] = s[0];
			dg->stats[1] = s[1];
		}
	}
	free(g);
}

/* The labels of the rounds an agg counts, in order ("2024"). */
static char *round_labels(const struct agg *a)
{
	const struct dataset *ds = a->ds;
	uint32_t *order = rounds_sorted(ds);
	struct strbuf sb = STRBUF_INIT;

	for (uint32_t i = 0; i < ds->nrounds; i++)
		if (!a->round_on || a->round_on[order[i]])
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
				    ds->rounds[order[i]].label);
	free(order);
	return strbuf_detach(&sb, NULL);
}

int diff_build(struct diff *d, const struct diff_side *old,
	       const struct diff_side *new, const struct filter *f,
	       const struct diff_opts *o)
{
	const struct diff_side *side[2] = { old, new };
	struct diff_work w;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	memset(&w, 0, sizeof(w));
	d->ds[0] = old->ds;
	d->ds[1] = new->ds;
	d->o = *o;
	w.d = d;
	merge_names(&w);
	diff_warn_near_across(&w);
	if (check_filter(&w, f))
		goto out;
	/* the filter was checked against both sides above */
	diag_silence(1);
	for (int s = 0; s < 2; s++) {
		struct filter fs = *f;
		fs.rounds = side[s]->rounds;
		fs.round = NULL;
		if (agg_build(&d->agg[s], d->ds[s], &fs, AGG_CHANGES)) {
			diag_silence(0);
			goto out;
		}
		d->round[s] = round_labels(&d->agg[s]);
		const struct crit_opts co = { 0, o->threshold, 1, NULL, 0, 0 };
		crit_build(&d->crit[s], &d->agg[s], &co);
	}
	diag_silence(0);
	union_periods(&w, f);
	if (o->comments || o->critical_comments) {
		dataset_sort_comments(d->ds[0]);
		if (d->ds[1] != d->ds[0])
			dataset_sort_comments(d->ds[1]);
	}
	collect_keys(&w);
	sides_present(&w);
	compare_records(&w, o->comments);
	compare_groups_all(&w);
	diff_plan_build(&w);
	rc = 0;
out:
	for (int t = 0; t < NTABLES; t++) {
		free(w.rank[t]);
		free(w.map[t]);
		free(w.inv[t]);
	}
	for (int s = 0; s < 2; s++) {
		free(w.occ_in[s]);
		free(w.at[s]);
	}
	free(w.keys);
	return rc;
}

int diff_any(const struct diff *d)
{
	int only = 0;

	for (int s = 0; s < 2; s++)
		only |= d->only[s].nperiods || d->only[s].nunits ||
			d->only[s].noccupations;
	return d->nrecords || d->ngroups || only;
}

const struct name_table *diff_table(const struct diff *d, int t)
{
	const struct dataset *ds = d->ds[0];

	return t == REGION ? &ds->regions
	       : t == ORG  ? &ds->organisations
			   : &ds->occupations;
}

const char *diff_name(const struct diff *d, int t, uint32_t id)
{
	return name_display(diff_table(d, t), id);
}

void diff_release(struct diff *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->nrecords; i++) {
		free(d->records[i].comment[0]);
		free(d->records[i].comment[1]);
	}
	free(d->records);
	free(d->groups);
	free(d->periods);
	diff_plan_release(d);
	for (int s = 0; s < 2; s++) {
		free(d->only[s].periods);
		free(d->only[s].units);
		free(d->only[s].occupations);
		free(d->round[s]);
		crit_release(&d->crit[s]);
		agg_release(&d->agg[s]);
	}
	memset(d, 0, sizeof(*d));
}
