/*
 * diff_plan.c - what the plan needs of a comparison (diff.h): the
 * critical occupations of each side and their ranks, the risk and brist
 * shares per occupation and period, the forecast check and the revisions
 * of later periods.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/* ---- ranks and critical changes ------------------------------------ */

static const struct diff_work *sort_work;

static int compare_ranks(const void *pa, const void *pb)
{
	const struct diff_rank *a = pa, *b = pb;

	/* ranked on the new side first, by that rank; then by the old */
	for (int s = 1; s >= 0; s--) {
		uint32_t ra = a->rank[s] ? (uint32_t)a->rank[s] : UINT32_MAX;
		uint32_t rb = b->rank[s] ? (uint32_t)b->rank[s] : UINT32_MAX;
		if (ra != rb)
			return ra < rb ? -1 : 1;
	}
	uint32_t na = sort_work->rank[OCC][a->occupation],
		 nb = sort_work->rank[OCC][b->occupation];
	return (na > nb) - (na < nb);
}

static void build_ranks(struct diff_work *w)
{
	struct diff *d = w->d;
	uint32_t nocc = d->ds[0]->occupations.n;
	int32_t *slot = xcalloc((size_t)nocc + 1, sizeof(*slot));

	for (uint32_t i = 0; i < nocc; i++)
		slot[i] = -1;
	d->ranks = xcalloc((size_t)d->crit[0].n + d->crit[1].n + 1,
			   sizeof(*d->ranks));
	for (int s = 0; s < 2; s++) {
		for (uint32_t i = 0; i < d->crit[s].n; i++) {
			const struct crit *c = &d->crit[s].v[i];
			uint32_t occ =
				s ? w->map[OCC][c->occupation] : c->occupation;
			struct diff_rank *r;
			if (slot[occ] < 0) {
				slot[occ] = (int32_t)d->nranks++;
				r = &d->ranks[slot[occ]];
				r->occupation = occ;
				r->risk[0] = r->risk[1] = -1;
				r->brist[0] = r->brist[1] = -1;
			}
			r = &d->ranks[slot[occ]];
			r->rank[s] = (int32_t)c->rank;
			r->critical[s] = c->critical;
			r->risk[s] = c->risk;
			r->brist[s] = c->brist;
		}
	}
	sort_work = w;
	qsort(d->ranks, d->nranks, sizeof(*d->ranks), compare_ranks);
	sort_work = NULL;
	free(slot);
}

/* ---- shares per occupation and period ------------------------------ */

static void build_shares(struct diff_work *w)
{
	struct diff *d = w->d;
	const struct scale *sc = d->ds[0]->scale;
	uint32_t nocc = d->ds[0]->occupations.n;
	uint32_t *order = xcalloc((size_t)nocc + 1, sizeof(*order));
	size_t cap = 0;

	for (uint32_t i = 0; i < nocc; i++)
		order[w->rank[OCC][i]] = i;
	for (uint32_t i = 0; i < nocc; i++) {
		uint32_t occ = order[i];
		int32_t id1 = w->inv[OCC][occ];
		if (!w->occ_in[0][occ] || !w->occ_in[1][occ] || id1 < 0)
			continue;
		for (uint32_t q = 0; q < d->nperiods; q++) {
			const struct diff_period *p = &d->periods[q];
			struct diff_share *sh;
			if (!p->compared || p->id[0] < 0 || p->id[1] < 0)
				continue;
			const struct stats *s0 = agg_occupation(
				&d->agg[0], occ, (uint32_t)p->id[0]);
			const struct stats *s1 = agg_occupation(
				&d->agg[1], (uint32_t)id1, (uint32_t)p->id[1]);
			if (!stats_rated(s0, sc) && !stats_rated(s1, sc))
				continue;
			if (d->nshares == cap) {
				cap = cap ? cap * 2 : 32;
				d->shares = xreallocarray(d->shares, cap,
							  sizeof(*d->shares));
			}
			sh = &d->shares[d->nshares++];
			sh->occupation = occ;
			sh->period = q;
			sh->stats[0] = *s0;
			sh->stats[1] = *s1;
		}
	}
	free(order);
}

/* ---- forecast check and revisions ---------------------------------- */

static int rated(uint8_t level)
{
	return level != LEVEL_NONE && level != LEVEL_MISSING &&
	       level != LEVEL_NA;
}

static void tally(struct diff_tally *t, const uint8_t level[2])
{
	t->compared++;
	if (level[1] > level[0])
		t->higher++;
	else if (level[1] < level[0])
		t->lower++;
	else
		t->same++;
}

static void add_pair(struct diff_check *c, size_t *cap,
		     const struct diff_key *k, uint32_t q,
		     const uint8_t level[2], const uint32_t gline[2])
{
	struct diff_pair *p;

	if (c->npairs == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		c->pairs = xreallocarray(c->pairs, *cap, sizeof(*c->pairs));
	}
	p = &c->pairs[c->npairs++];
	p->region = k->id[REGION];
	p->org = k->id[ORG];
	p->occupation = k->id[OCC];
	p->period = q;
	memcpy(p->level, level, sizeof(p->level));
	memcpy(p->gline, gline, sizeof(p->gline));
	tally(&c->overall, level);
}

/*
 * Where both sides rate row k in period q (in periods[]): the levels and
 * lines; 0 when either side has no rating there.
 */
static int both_rated(const struct diff *d, const struct diff_key *k,
		      uint32_t q, uint8_t level[2], uint32_t gline[2])
{
	const struct diff_period *p = &d->periods[q];

	for (int s = 0; s < 2; s++) {
		if (k->row[s] < 0 || p->id[s] < 0 ||
		    !d->agg[s].period_on[p->id[s]])
			return 0;
		level[s] = dataset_level(d->ds[s], (uint32_t)k->row[s],
					 (uint32_t)p->id[s]);
		if (!rated(level[s]))
			return 0;
		gline[s] = dataset_gline(d->ds[s], (uint32_t)k->row[s],
					 (uint32_t)p->id[s]);
	}
	return 1;
}

/*
 * Each row on both sides: its new current period against the old side's
 * rating of that period as a later one (the forecast); and the periods
 * later than both current periods (the revisions).
 */
static void build_pairs(struct diff_work *w)
{
	struct diff *d = w->d;
	size_t fcap = 0, rcap = 0;

	for (size_t i = 0; i < w->nkeys; i++) {
		const struct diff_key *k = &w->keys[i];
		int32_t cur[2];
		uint8_t level[2];
		uint32_t gline[2];
		if (k->row[0] < 0 || k->row[1] < 0)
			continue;
		for (int s = 0; s < 2; s++) {
			int32_t c = d->agg[s].row_current[k->row[s]];
			cur[s] = c < 0 ? -1 : w->at[s][c];
		}
		if (cur[0] < 0 || cur[1] < 0)
			continue;
		if (cur[1] > cur[0] &&
		    both_rated(d, k, (uint32_t)cur[1], level, gline))
			add_pair(&d->forecast, &fcap, k, (uint32_t)cur[1],
				 level, gline);
		for (uint32_t q =
			     (uint32_t)(cur[0] > cur[1] ? cur[0] : cur[1]) + 1;
		     q < d->nperiods; q++)
			if (both_rated(d, k, q, level, gline))
				add_pair(&d->revisions, &rcap, k, q, level,
					 gline);
	}
}

static int compare_tally_of(const void *pa, const void *pb)
{
	const struct diff_tally_of *a = pa, *b = pb;

	for (int i = 0; i < 2; i++)
		if (a->id[i] != b->id[i])
			return a->id[i] < b->id[i] ? -1 : 1;
	return 0;
}

/*
 * The tallies of c per occupation, organisation and period, sorted:
 * the ids are replaced by their ranks to sort, then put back.
 */
static void tally_check(struct diff_work *w, struct diff_check *c)
{
	struct diff_tally_of *occ = xcalloc(c->npairs + 1, sizeof(*occ));
	struct diff_tally_of *unit = xcalloc(c->npairs + 1, sizeof(*unit));
	struct diff_tally_of *per = xcalloc(c->npairs + 1, sizeof(*per));
	uint32_t nocc = w->d->ds[0]->occupations.n;
	uint32_t *occ_of_rank = xcalloc((size_t)nocc + 1, sizeof(uint32_t));

	for (uint32_t i = 0; i < nocc; i++)
		occ_of_rank[w->rank[OCC][i]] = i;
	for (size_t i = 0; i < c->npairs; i++) {
		const struct diff_pair *p = &c->pairs[i];
		struct diff_tally_of *o = NULL;
		/* pairs come sorted by unit: one run per unit */
		if (!c->nunits || unit[c->nunits - 1].id[0] != p->region ||
		    unit[c->nunits - 1].id[1] != p->org) {
			unit[c->nunits].id[0] = p->region;
			unit[c->nunits].id[1] = p->org;
			c->nunits++;
		}
		tally(&unit[c->nunits - 1].t, p->level);
		for (size_t k = 0; k < c->noccupations && !o; k++)
			if (occ[k].id[0] == w->rank[OCC][p->occupation])
				o = &occ[k];
		if (!o) {
			o = &occ[c->noccupations++];
			o->id[0] = w->rank[OCC][p->occupation];
		}
		tally(&o->t, p->level);
		o = NULL;
		for (size_t k = 0; k < c->nperiods && !o; k++)
			if (per[k].id[0] == p->period)
				o = &per[k];
		if (!o) {
			o = &per[c->nperiods++];
			o->id[0] = p->period;
		}
		tally(&o->t, p->level);
	}
	qsort(occ, c->noccupations, sizeof(*occ), compare_tally_of);
	for (size_t k = 0; k < c->noccupations; k++)
		occ[k].id[0] = occ_of_rank[occ[k].id[0]];
	qsort(per, c->nperiods, sizeof(*per), compare_tally_of);
	c->occupations = occ;
	c->units = unit;
	c->periods = per;
	free(occ_of_rank);
}

/* ---- comments of the critical occupations -------------------------- */

static int compare_text(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/*
 * The comments on row r of side s that its agg shows, each text once in
 * byte order, one a line; NULL when there are none. Which period a
 * comment is on does not matter: the rounds rate other periods.
 */
static char *row_comments(const struct diff *d, int s, int32_t r)
{
	const struct comment *c;
	size_t n = r < 0 ? 0 : dataset_comments(d->ds[s], (uint32_t)r, &c);
	const char **texts = xcalloc(n + 1, sizeof(*texts));
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (agg_comment_on(&d->agg[s], &c[i]))
			texts[k++] = c[i].text;
	qsort(texts, k, sizeof(*texts), compare_text);
	for (size_t i = 0; i < k; i++)
		if (!i || strcmp(texts[i], texts[i - 1]))
			strbuf_addf(&sb, "%s%s", sb.len ? "\n" : "", texts[i]);
	free(texts);
	if (!sb.len) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}

/* The rows of the occupations critical in the new round whose comments changed.
 */
static void build_comments(struct diff_work *w)
{
	struct diff *d = w->d;
	uint32_t nocc = d->ds[0]->occupations.n;
	uint8_t *critical = xcalloc((size_t)nocc + 1, 1);
	size_t cap = 0;

	for (size_t i = 0; i < d->nranks; i++)
		critical[d->ranks[i].occupation] =
			(uint8_t)d->ranks[i].critical[1];
	for (size_t i = 0; i < w->nkeys; i++) {
		const struct diff_key *k = &w->keys[i];
		char *text[2];
		if (!k->compared || !critical[k->id[OCC]] || k->row[1] < 0)
			continue;
		for (int s = 0; s < 2; s++)
			text[s] = row_comments(d, s, k->row[s]);
		if (text[0] == text[1] ||
		    (text[0] && text[1] && !strcmp(text[0], text[1]))) {
			free(text[0]);
			free(text[1]);
			continue;
		}
		if (d->ncomments == cap) {
			cap = cap ? cap * 2 : 16;
			d->comments = xreallocarray(d->comments, cap,
						    sizeof(*d->comments));
		}
		struct diff_comment *c = &d->comments[d->ncomments++];
		c->region = k->id[REGION];
		c->org = k->id[ORG];
		c->occupation = k->id[OCC];
		c->text[0] = text[0];
		c->text[1] = text[1];
	}
	free(critical);
}

/* Comments by occupation (Swedish order), then organisation. */
static int compare_comments(const void *pa, const void *pb)
{
	const struct diff_comment *a = pa, *b = pb;
	uint32_t ka[3] = { sort_work->rank[OCC][a->occupation],
			   sort_work->rank[REGION][a->region],
			   sort_work->rank[ORG][a->org] };
	uint32_t kb[3] = { sort_work->rank[OCC][b->occupation],
			   sort_work->rank[REGION][b->region],
			   sort_work->rank[ORG][b->org] };

	for (int i = 0; i < 3; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return 0;
}

void diff_plan_build(struct diff_work *w)
{
	build_ranks(w);
	build_shares(w);
	build_pairs(w);
	tally_check(w, &w->d->forecast);
	tally_check(w, &w->d->revisions);
	if (w->d->o.critical_comments) {
		build_comments(w);
		sort_work = w;
		qsort(w->d->comments, w->d->ncomments, sizeof(*w->d->comments),
		      compare_comments);
		sort_work = NULL;
	}
}

static void check_release(struct diff_check *c)
{
	free(c->pairs);
	free(c->occupations);
	free(c->units);
	free(c->periods);
	memset(c, 0, sizeof(*c));
}

void diff_plan_release(struct diff *d)
{
	for (size_t i = 0; i < d->ncomments; i++) {
		free(d->comments[i].text[0]);
		free(d->comments[i].text[1]);
	}
	free(d->comments);
	d->comments = NULL;
	d->ncomments = 0;
	free(d->ranks);
	free(d->shares);
	d->ranks = NULL;
	d->shares = NULL;
	check_release(&d->forecast);
	check_release(&d->revisions);
}
