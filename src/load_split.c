/*
 * load_split.c - a large file read in two parts (split.h, and "Split
 * reading" in doc/ARCHITECTURE.md).
 *
 * Owns the helper thread that reads the second part into a dataset of
 * its own with a speculative loader, and the main thread's side: starting
 * it, taking over at the split point, and merging the part only when a
 * sequential read would have given exactly the same; otherwise the part
 * is read again by the main thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "load_internal.h"
#include "kmap/names.h"
#include "kmap/split.h"
#include "kmap/xalloc.h"

/* The helper's job: the second part of the file, in a dataset of its own. */
struct part {
	pthread_t thread;
	struct loader L;
	struct dataset ds;
	int cancel;	       /* atomic; the main thread wants it to stop */
	int ok;		       /* read to the end with nothing to report */
	uint32_t base_periods; /* the main dataset's, copied at the start */
};

static void *read_part(void *arg)
{
	struct part *p = arg;
	struct loader *L = &p->L;
	struct csvin_row row;

	while (!__atomic_load_n(&p->cancel, __ATOMIC_RELAXED)) {
		int st = csvin_next(&L->r, &row);
		if (L->r.ndeferred || (st != CSVIN_ROW && st != CSVIN_EOF))
			break; /* the reader has something to say */
		if (st == CSVIN_EOF) {
			/* rows still held are notes: warnings */
			p->ok = !L->spec_failed && !L->held.n;
			break;
		}
		if (!row_is_empty(&row))
			load_row(L, &row);
		flush_duplicates(L);
		if (L->spec_failed)
			break;
	}
	return NULL;
}

static void part_free(struct part *p)
{
	if (!p)
		return;
	loader_release(&p->L);
	dataset_release(&p->ds);
	free(p);
}

/*
 * How far a decoder in automatic mode has decided the encoding: not yet
 * (all ASCII), UTF-8, or Windows-1252 (encoding.h). A forced encoding is
 * never in doubt.
 */
enum { ENC_OPEN, ENC_UTF8, ENC_CP1252 };

static int decision(const struct decoder *d)
{
	if (d->forced != KMAP_ENC_AUTO)
		return ENC_OPEN;
	return d->fell_back	  ? ENC_CP1252
	       : d->saw_multibyte ? ENC_UTF8
				  : ENC_OPEN;
}

/*
 * Starts a helper on the second part of a large file. Reading stays
 * sequential where the result depends on where a cap is reached
 * (max_names). Fill-down in the part uses the values above found in the
 * part; an empty cell at its top is a speculative failure.
 */
void start_part(struct loader *L, const char *path)
{
	struct split_plan plan;
	struct part *p;

	if (L->o->max_names || split_plan(&L->r, &plan))
		return;
	p = xcalloc(1, sizeof(*p));
	dataset_init(&p->ds, L->ds->scale);
	/* the names files' rules apply in the part too (read only) */
	dataset_set_names(&p->ds, L->ds->regions.rules);
	p->ds.keep_comments = L->ds->keep_comments;
	/* extra column ids are the main dataset's (the schema is copied) */
	p->ds.keep_extras = L->ds->keep_extras;
	/* the same period ids, so the header's columns mean the same */
	p->base_periods = L->ds->nperiods;
	for (uint32_t i = 0; i < L->ds->nperiods; i++) {
		struct period_value pv = { L->ds->periods[i].first,
					   L->ds->periods[i].last, 0, 0 };
		dataset_period(&p->ds, &pv);
	}
	loader_init(&p->L, &p->ds, L->o);
	p->L.src = csv_source(&p->L.r, path);
	p->L.speculative = 1;
	p->L.input = dataset_begin_input(&p->ds, path);
	p->L.s = L->s;
	p->L.s.cols = (struct column *)xmemdup(L->s.cols,
					       L->s.ncols * sizeof(*L->s.cols));
	p->L.s.name_cols = (size_t *)xmemdup(
		L->s.name_cols, (L->s.ncols + 1) * sizeof(*L->s.name_cols));
	if (resolve_defaults(&p->L)) {
		part_free(p);
		return;
	}
	/* its own names, held to the cap on their own */
	loader_budget(&p->L, 1);
	if (csvin_open_part(&p->L.r, &L->r, path, plan.offset, plan.enc,
			    plan.saw_multibyte, plan.fell_back) ||
	    pthread_create(&p->thread, NULL, read_part, p)) {
		part_free(p);
		return;
	}
	L->split.part = p;
	L->split.guess = decision(&L->r.dec);
	L->r.limit = plan.offset;
	kmap_info("%s: reading in two parts, the second from byte %llu",
		  L->r.name, (unsigned long long)plan.offset);
}

/* Stops the helper and frees its work. */
void stop_part(struct loader *L)
{
	if (!L->split.part)
		return;
	__atomic_store_n(&L->split.part->cancel, 1, __ATOMIC_RELAXED);
	pthread_join(L->split.part->thread, NULL);
	part_free(L->split.part);
	L->split.part = NULL;
}

/* For each name of table b, its id in table a, or -1: one look per name. */
static int32_t *ids_in(const struct name_table *a, const struct name_table *b)
{
	int32_t *map = xreallocarray(NULL, b->n + 1, sizeof(*map));

	for (uint32_t i = 0; i < b->n; i++)
		map[i] = name_table_find_key(a, b->v[i].key);
	return map;
}

/*
 * Whether row (unit, occ) of round `round` in a holds a record in one of
 * the periods of b's row r (per: b's period ids in a, or -1).
 */
static int row_collides(const struct dataset *a, int32_t unit, uint32_t occ,
			uint32_t round, const struct dataset *b, uint32_t r,
			const int32_t *per)
{
	int32_t ar =
		unit < 0 ? -1 : dataset_find_row(a, (uint32_t)unit, occ, round);

	for (uint32_t p = 0; ar >= 0 && p < b->nperiods; p++)
		if (per[p] >= 0 && dataset_level(b, r, p) != LEVEL_NONE &&
		    dataset_level(a, (uint32_t)ar, (uint32_t)per[p]) !=
			    LEVEL_NONE)
			return 1;
	return 0;
}

/*
 * Whether a record of the part has a key already in the main dataset: in
 * the file's round, or while that is open in any round it may turn out
 * to be (a sequential read notes those, settle_round()). Names and
 * periods are looked up once each, not once per row.
 */
static int part_collides(const struct loader *L, const struct dataset *b)
{
	const struct dataset *a = L->ds;
	int32_t *reg = ids_in(&a->regions, &b->regions);
	int32_t *org = ids_in(&a->organisations, &b->organisations);
	int32_t *occ = ids_in(&a->occupations, &b->occupations);
	int32_t *per = xreallocarray(NULL, b->nperiods + 1, sizeof(*per));
	int collides = 0;

	for (uint32_t p = 0; p < b->nperiods; p++)
		per[p] = dataset_find_period(a, b->periods[p].first,
					     b->periods[p].last);
	for (uint32_t r = 0; r < b->nrows && !collides; r++) {
		const struct row *row = &b->rows[r];
		const struct unit *u = &b->units[row->unit];
		int32_t ra = reg[u->region], oa = org[u->org],
			ca = occ[row->occupation];
		if (ra < 0 || oa < 0 || ca < 0)
			continue;
		int32_t unit = dataset_find_unit(a, (uint32_t)ra, (uint32_t)oa);
		collides = row_collides(a, unit, (uint32_t)ca, L->round.id, b,
					r, per);
		for (uint32_t k = 0;
		     !collides && L->round.open && k < a->nrounds; k++)
			collides = row_collides(a, unit, (uint32_t)ca, k, b, r,
						per);
	}
	free(reg);
	free(org);
	free(occ);
	free(per);
	return collides;
}

/*
 * The part was decoded from the main reader's decision when it started
 * (guess). A sequential read decodes it from the decision the whole first
 * part reached: the same bytes come out when that is the guess, or the
 * part never met a non-ASCII byte, or it reached the same decision itself
 * (from an open guess: its first non-ASCII byte decided as the first
 * part's did).
 */
static int part_decoded_alike(const struct loader *L, const struct part *p)
{
	int main_dec = decision(&L->r.dec), part_dec = decision(&p->L.r.dec);

	return L->split.guess == main_dec || part_dec == ENC_OPEN ||
	       part_dec == main_dec;
}

/* The current periods the two parts mark must agree. */
static int part_current_agrees(const struct loader *L, const struct part *p)
{
	int32_t ma = L->periods.marked_current;
	int32_t mb = p->L.periods.marked_current;
	const struct period_info *a, *b;

	if (mb < 0 || ma < 0)
		return 1;
	a = &L->ds->periods[ma];
	b = &p->ds.periods[mb];
	return a->first == b->first && a->last == b->last;
}

/* Moves the part's records into the main dataset, lines shifted. */
static void merge_part(struct loader *L, struct part *p)
{
	struct dataset *a = L->ds, *b = &p->ds;
	const struct file_periods *pp = &p->L.periods;
	unsigned long offset = L->r.line;
	uint32_t *rmap = name_table_merge(&a->regions, &b->regions);
	uint32_t *omap = name_table_merge(&a->organisations, &b->organisations);
	uint32_t *cmap = name_table_merge(&a->occupations, &b->occupations);
	uint32_t *pmap = xcalloc(b->nperiods + 1, sizeof(*pmap));
	uint32_t *rowmap = xcalloc(b->nrows + 1, sizeof(*rowmap));
	uint32_t earlier;

	/* at the peak both datasets are in memory: keep it low (the part's
	 * rows and cells have up to half their size in room for more) */
	dataset_drop_index(b);
	dataset_fit_rows(b);
	dataset_reserve_rows(a, a->nrows + b->nrows);
	for (uint32_t i = 0; i < b->nperiods; i++) {
		struct period_value pv = { b->periods[i].first,
					   b->periods[i].last, 0, 0 };
		pmap[i] = dataset_period(a, &pv);
		if (i < pp->seen_n && pp->seen[i])
			note_period(&L->periods, pmap[i]);
	}
	for (uint32_t r = 0; r < b->nrows; r++) {
		const struct row *row = &b->rows[r];
		const struct unit *u = &b->units[row->unit];
		uint32_t unit = dataset_unit(a, rmap[u->region], omap[u->org]);
		rowmap[r] = dataset_row(a, unit, cmap[row->occupation],
					L->round.id);
		for (uint32_t q = 0; q < b->nperiods; q++) {
			uint8_t level = dataset_level(b, r, q);
			if (level != LEVEL_NONE)
				dataset_add(a, rowmap[r], pmap[q], level,
					    L->input,
					    offset + dataset_gline(b, r, q),
					    &earlier);
		}
	}
	for (size_t i = 0; i < b->ncomments; i++) {
		const struct comment *c = &b->comments[i];
		dataset_add_comment(
			a, rowmap[c->row],
			c->period < 0 ? c->period : (int32_t)pmap[c->period],
			L->input, offset + c->gline, c->text, strlen(c->text));
	}
	for (size_t i = 0; i < b->nextras; i++)
		dataset_add_extra(a, rowmap[b->extras[i].row], b->extras[i].col,
				  b->extras[i].text, strlen(b->extras[i].text));
	a->inputs[L->input].rows += b->inputs[0].rows;
	a->inputs[L->input].records += b->inputs[0].records;
	rating_forms_merge(&L->caches.forms, &p->L.caches.forms);
	/* fill-down in the part: it found the value above in the part
	 * itself, or it would have failed (a speculative message) */
	for (int i = 0; i < 4; i++) {
		const struct places *pp2 = &p->L.places;
		if (pp2->filled[i] && !L->places.filled[i]) {
			L->places.first_filled[i] = pp2->first_filled[i];
			L->places.first_filled[i].line += offset;
			L->places.first_filled[i].file = L->src.name;
		}
		L->places.filled[i] += pp2->filled[i];
	}
	if (pp->marked_current >= 0 && L->periods.marked_current < 0) {
		L->periods.marked_current = (int32_t)pmap[pp->marked_current];
		L->periods.marked_line = offset + pp->marked_line;
	}
	L->split.part_lines = p->L.r.line;
	L->split.part_encoding = csvin_encoding(&p->L.r);
	free(rmap);
	free(omap);
	free(cmap);
	free(pmap);
	free(rowmap);
}

/*
 * Whether the names of both parts could take more than the cap: the
 * merged tables take at most the sum (names.h), and a sequential read
 * refuses a cell only where its names would go past the cap, so within
 * the sum a sequential read refuses none. The helper held its own part
 * to the cap as it read (a refusal there is a message: re-read).
 */
static int part_over_budget(const struct loader *L, const struct part *p)
{
	const struct name_budget *a = &L->budget, *b = &p->L.budget;

	return a->max && (a->used > a->max || b->used > a->max - a->used);
}

/*
 * Whether the periods of both parts are more than a run takes: the part
 * refused none past the cap on its own (that is a message), but together
 * they may be, and a sequential read says where.
 */
static int part_over_periods(const struct loader *L, const struct part *p)
{
	uint32_t n = L->ds->nperiods;

	for (uint32_t i = p->base_periods; i < p->ds.nperiods; i++)
		n += dataset_find_period(L->ds, p->ds.periods[i].first,
					 p->ds.periods[i].last) < 0;
	return n > DATASET_MAX_PERIODS;
}

/*
 * The first part is read. Merges the helper's work when a sequential
 * read would have given exactly the same (no message in the part, no key
 * in both parts, the names within the cap together); returns 0 then, -1
 * when the part must be read again.
 */
static int finish_part(struct loader *L)
{
	struct part *p = L->split.part;

	pthread_join(p->thread, NULL);
	/* each reason a message of its own, to read whole in every
	 * language */
	const char *why =
		!p->ok	    ? N_("%s: reading the second part again: it has "
				      "something to report")
		: L->held.n ? N_("%s: reading the second part again: the first "
				 "part ends on rows that may be notes")
		: !part_decoded_alike(L, p)
			? N_("%s: reading the second part again: the first "
			     "part decided the encoding otherwise")
		: !part_current_agrees(L, p)
			? N_("%s: reading the second part again: it marks "
			     "another Nuläge")
		: part_over_budget(L, p)
			? N_("%s: reading the second part again: the names of "
			     "both parts may take more than --max-name-memory")
		: part_over_periods(L, p)
			? N_("%s: reading the second part again: the periods "
			     "of both parts are more than a run takes")
		: part_collides(L, &p->ds)
			? N_("%s: reading the second part again: it repeats a "
			     "record")
			: NULL;
	if (why) {
		kmap_info(why, L->r.name);
		part_free(p);
		L->split.part = NULL;
		return -1;
	}
	merge_part(L, p);
	part_free(p);
	L->split.part = NULL;
	return 0;
}

/* The next row of the file, taking over the helper's part at the split. */
int next_row(struct loader *L, struct csvin_row *row)
{
	int st = csvin_next(&L->r, row);

	if (st != CSVIN_LIMIT && st != CSVIN_LIMIT_OPEN)
		return st;
	if (st == CSVIN_LIMIT && finish_part(L) == 0)
		return CSVIN_EOF; /* the rest of the file is merged */
	if (st == CSVIN_LIMIT_OPEN)
		kmap_info("%s: reading the second part again: the first ends "
			  "inside a record",
			  L->r.name);
	/* read the second part here, as if it had never been split */
	stop_part(L);
	csvin_unlimit(&L->r);
	return next_row(L, row);
}

unsigned long lines_read(const struct loader *L)
{
	return L->r.line + L->split.part_lines;
}

/* The file's encoding; the part's if the first part was all ASCII. */
const char *file_encoding(const struct loader *L)
{
	const struct decoder *d = &L->r.dec;

	if (L->split.part_encoding && d->enc == KMAP_ENC_AUTO &&
	    !d->saw_multibyte && !d->fell_back)
		return L->split.part_encoding;
	return csvin_encoding(&L->r);
}
