#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_internal.h"
#include "kmap/load.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/progress.h"
#include "kmap/split.h"
#include "kmap/xalloc.h"

void load_opts_init(struct load_opts *o)
{
	memset(o, 0, sizeof(*o));
	csvin_opts_init(&o->csv);
}

/* ---- per file ------------------------------------------------------ */

static int csv_next(void *ctx, struct csvin_row *row)
{
	return csvin_next(ctx, row);
}

static struct kmap_loc csv_field_loc(void *ctx, const struct csvin_row *row,
				     size_t col)
{
	return csvin_field_loc(ctx, row, col);
}

/* A CSV reader as the loader's row source; name is for messages. */
static struct load_source csv_source(struct csvin *r, const char *name)
{
	struct load_source src = { name, r, csv_next, csv_field_loc };

	return src;
}

/* Finds the header row: the first non-empty one, or --header-line. */
static int read_header(struct loader *L, struct csvin_row *hdr)
{
	unsigned long want = L->o->csv.header_line;
	struct kmap_loc loc = { L->src.name, 0, 0 };

	for (;;) {
		int st = L->src.next(L->src.ctx, hdr);
		if (st == CSVIN_FATAL)
			return -1;
		if (st == CSVIN_SKIP) {
			if (!L->o->all_errors)
				return -1;
			L->errors++;
			continue;
		}
		if (st == CSVIN_EOF) {
			loc.line = want;
			return kmap_error_at(&loc, want ? "no row starts at "
							  "line %lu"
							: "no header row%.0lu",
					     want);
		}
		if (want && hdr->line < want)
			continue;
		if (want && hdr->line > want) {
			loc.line = want;
			return kmap_error_at(&loc, "no row starts at line %lu",
					     want);
		}
		if (row_is_empty(hdr))
			continue;
		return 0;
	}
}

/* Decides the file's current period (SPEC §2). */
static int decide_current(struct loader *L)
{
	struct input_info *in = &L->ds->inputs[L->input];
	struct kmap_loc loc = { L->src.name, 0, 0 };
	int32_t cur = L->periods.marked_current;

	if (cur < 0 && L->o->current) {
		struct period_value pv;
		if (period_parse(L->o->current, strlen(L->o->current), &pv) !=
		    PERIOD_OK)
			return kmap_error("invalid --current '%s'",
					  L->o->current);
		for (uint32_t p = 0; p < L->periods.seen_n; p++)
			if (L->periods.seen[p] &&
			    L->ds->periods[p].first == pv.first &&
			    L->ds->periods[p].last == pv.last)
				cur = (int32_t)p;
		if (cur < 0)
			return kmap_error_at(&loc, "--current '%s' is not a "
						   "period of this file",
					     L->o->current);
	}
	for (uint32_t p = 0; cur < 0 && p < L->periods.seen_n; p++) {
		if (!L->periods.seen[p])
			continue;
		const struct period_info *pi = &L->ds->periods[p];
		uint32_t best = p;
		for (uint32_t q = p + 1; q < L->periods.seen_n; q++) {
			const struct period_info *qi = &L->ds->periods[q];
			if (L->periods.seen[q] &&
			    (qi->first < pi->first ||
			     (qi->first == pi->first && qi->last < pi->last))) {
				best = q;
				pi = qi;
			}
		}
		cur = (int32_t)best;
	}
	in->current = cur;
	if (cur >= 0)
		L->ds->periods[cur].current = 1;
	return 0;
}

/*
 * "Kommentar nuläge": the comments on the current period get it now that
 * the file's current period is known (the whole row's when it has none).
 */
static void settle_comments(struct loader *L)
{
	struct dataset *ds = L->ds;
	int32_t cur = ds->inputs[L->input].current;

	for (size_t i = L->first_comment; i < ds->ncomments; i++)
		if (ds->comments[i].period == COMMENT_ON_CURRENT)
			ds->comments[i].period = cur;
}

/* ---- reading a large file in two parts (split.h) ------------------ */

/* The helper's job: the second part of the file, in a dataset of its own. */
struct part {
	pthread_t thread;
	struct loader L;
	struct dataset ds;
	int cancel; /* atomic; the main thread wants it to stop */
	int ok;     /* read to the end with nothing to report */
};

static void loader_init(struct loader *L, struct dataset *ds,
			const struct load_opts *opts);
static void loader_release(struct loader *L);

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
			p->ok = !L->spec_failed;
			break;
		}
		if (!row_is_empty(&row))
			process_row(L, &row);
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
 * Starts a helper on the second part of a large file. Reading stays
 * sequential where the result depends on the rows before (--fill-down)
 * or on where a cap is reached (max_names).
 */
static void start_part(struct loader *L, const char *path)
{
	struct split_plan plan;
	struct part *p;

	if (L->o->fill_down || L->o->max_names || split_plan(&L->r, &plan))
		return;
	p = xcalloc(1, sizeof(*p));
	dataset_init(&p->ds, L->ds->scale);
	p->ds.keep_comments = L->ds->keep_comments;
	/* the same period ids, so the header's columns mean the same */
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
	p->L.s.cols = (struct column *)xmemdup(L->s.cols, L->s.ncols *
							     sizeof(*L->s.cols));
	if (resolve_defaults(&p->L) ||
	    csvin_open_part(&p->L.r, &L->r, path, plan.offset, plan.enc,
			    plan.saw_multibyte, plan.fell_back) ||
	    pthread_create(&p->thread, NULL, read_part, p)) {
		part_free(p);
		return;
	}
	L->split.part = p;
	L->r.limit = plan.offset;
	kmap_note("%s: reading in two parts, the second from byte %llu",
		  L->r.name, (unsigned long long)plan.offset);
}

/* Stops the helper and frees its work. */
static void stop_part(struct loader *L)
{
	if (!L->split.part)
		return;
	__atomic_store_n(&L->split.part->cancel, 1, __ATOMIC_RELAXED);
	pthread_join(L->split.part->thread, NULL);
	part_free(L->split.part);
	L->split.part = NULL;
}

/* Whether a record of the part has a key already in the main dataset. */
static int part_collides(const struct dataset *a, const struct dataset *b)
{
	for (uint32_t r = 0; r < b->nrows; r++) {
		const struct row *row = &b->rows[r];
		const struct unit *u = &b->units[row->unit];
		int32_t reg = name_table_find_key(&a->regions,
						  b->regions.v[u->region].key);
		int32_t org = name_table_find_key(
			&a->organisations, b->organisations.v[u->org].key);
		int32_t occ = name_table_find_key(
			&a->occupations, b->occupations.v[row->occupation].key);
		if (reg < 0 || org < 0 || occ < 0)
			continue;
		int32_t unit = dataset_find_unit(a, (uint32_t)reg, (uint32_t)org);
		int32_t ar = unit < 0 ? -1
				      : dataset_find_row(a, (uint32_t)unit,
							 (uint32_t)occ);
		for (uint32_t p = 0; ar >= 0 && p < b->nperiods; p++) {
			int32_t ap = dataset_find_period(a, b->periods[p].first,
							 b->periods[p].last);
			if (ap >= 0 && dataset_level(b, r, p) != LEVEL_NONE &&
			    dataset_level(a, (uint32_t)ar, (uint32_t)ap) !=
				    LEVEL_NONE)
				return 1;
		}
	}
	return 0;
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

	/* at the peak both datasets are in memory: keep it low */
	dataset_drop_index(b);
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
		rowmap[r] = dataset_row(a, unit, cmap[row->occupation]);
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
		dataset_add_comment(a, rowmap[c->row],
				    c->period < 0 ? c->period
						  : (int32_t)pmap[c->period],
				    L->input, offset + c->gline, c->text,
				    strlen(c->text));
	}
	a->inputs[L->input].rows += b->inputs[0].rows;
	a->inputs[L->input].records += b->inputs[0].records;
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
 * The first part is read. Merges the helper's work when a sequential
 * read would have given exactly the same (no message in the part, no key
 * in both parts); returns 0 then, -1 when the part must be read again.
 */
static int finish_part(struct loader *L)
{
	struct part *p = L->split.part;

	pthread_join(p->thread, NULL);
	const char *why = !p->ok ? "it has something to report"
			  : !part_current_agrees(L, p) ? "it marks another Nuläge"
			  : part_collides(L->ds, &p->ds) ? "it repeats a record"
							 : NULL;
	if (why) {
		kmap_note("%s: reading the second part again: %s", L->r.name,
			  why);
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
static int next_row(struct loader *L, struct csvin_row *row)
{
	int st = csvin_next(&L->r, row);

	if (st != CSVIN_LIMIT && st != CSVIN_LIMIT_OPEN)
		return st;
	if (st == CSVIN_LIMIT && finish_part(L) == 0)
		return CSVIN_EOF; /* the rest of the file is merged */
	if (st == CSVIN_LIMIT_OPEN)
		kmap_note("%s: reading the second part again: the first ends "
			  "inside a record",
			  L->r.name);
	/* read the second part here, as if it had never been split */
	stop_part(L);
	csvin_unlimit(&L->r);
	return next_row(L, row);
}

static unsigned long lines_read(const struct loader *L)
{
	return L->r.line + L->split.part_lines;
}

/* The file's encoding; the part's if the first part was all ASCII. */
static const char *file_encoding(const struct loader *L)
{
	const struct decoder *d = &L->r.dec;

	if (L->split.part_encoding && d->enc == KMAP_ENC_AUTO &&
	    !d->saw_multibyte && !d->fell_back)
		return L->split.part_encoding;
	return csvin_encoding(&L->r);
}

/* Bytes this reader will read: up to the split point, or the file. */
static uint64_t input_size(const struct loader *L)
{
	struct stat st;

	if (L->r.limit)
		return L->r.limit;
	if (fstat(L->r.fd, &st) || !S_ISREG(st.st_mode))
		return 0;
	return (uint64_t)st.st_size;
}

static int read_body(struct loader *L)
{
	struct csvin_row row;

	for (;;) {
		int st = next_row(L, &row);
		progress_update(&L->progress, L->r.raw_read);
		if (st == CSVIN_EOF)
			return 0;
		if (st == CSVIN_FATAL) {
			L->errors++;
			return -1;
		}
		int bad = st == CSVIN_SKIP ||
			  (st == CSVIN_ROW && !row_is_empty(&row) &&
			   process_row(L, &row));
		flush_duplicates(L);
		if (bad) {
			L->errors += st == CSVIN_SKIP;
			if (!L->o->all_errors)
				return -1;
		}
	}
}

static void setup_header_periods(struct loader *L)
{
	for (size_t i = 0; i < L->s.ncols; i++) {
		const struct column *c = &L->s.cols[i];
		if (c->role != COL_PERIOD_RATING)
			continue;
		note_period(&L->periods, c->period);
		if (c->current)
			mark_current(L, c->period, i, L->header_line);
	}
}

static void loader_release(struct loader *L)
{
	stop_part(L);
	csvin_close(&L->r);
	schema_release(&L->s);
	strbuf_release(&L->tmp);
	file_periods_release(&L->periods);
	value_caches_release(&L->caches);
	name_run_release(&L->names);
	dup_run_release(&L->dup);
	row_state_release(&L->rows);
}

static void loader_init(struct loader *L, struct dataset *ds,
			const struct load_opts *opts)
{
	memset(L, 0, sizeof(*L));
	L->ds = ds;
	L->o = opts;
	strbuf_init(&L->tmp);
	file_periods_init(&L->periods);
	places_init(&L->places);
	name_run_init(&L->names);
	dup_run_init(&L->dup);
	row_state_init(&L->rows);
}

int load_file(struct dataset *ds, const char *path,
	      const struct load_opts *opts)
{
	struct loader L;
	struct csvin_row hdr;
	int rc = LOAD_ERRORS;

	loader_init(&L, ds, opts);
	L.src = csv_source(&L.r, path);
	ds->regions.max_names = ds->organisations.max_names =
		ds->occupations.max_names = opts->max_names;
	L.input = dataset_begin_input(ds, path);
	L.first_comment = ds->ncomments;
	if (resolve_defaults(&L))
		goto out;
	if (csvin_open(&L.r, path, &opts->csv)) {
		rc = L.r.fd < 0 ? LOAD_UNREADABLE : LOAD_ERRORS;
		goto out;
	}
	ds->inputs[L.input].delimiter = (char)L.r.delim;
	if (read_header(&L, &hdr))
		goto out;
	ds->inputs[L.input].encoding = csvin_encoding(&L.r);
	L.header_line = hdr.line;
	L.cur = &hdr; /* for messages about header columns */
	if (map_header(&L.s, &hdr, ds, &L.src, 0))
		goto out;
	if (missing_columns(&L.s, opts, NULL)) {
		report_missing_header(&L.s, &hdr, ds, &L.src, opts);
		goto out;
	}
	report_unknown_columns(&L.s, &hdr, &L.src);
	ds->inputs[L.input].layout =
		L.s.layout == LAYOUT_LONG ? "long" : "wide";
	setup_header_periods(&L);
	start_part(&L, path);
	progress_begin(&L.progress, path, input_size(&L));
	if (read_body(&L) && !opts->all_errors)
		goto out;
	ds->inputs[L.input].encoding = file_encoding(&L);
	if (!L.errors && !ds->inputs[L.input].rows) {
		struct kmap_loc loc = { path, 0, 0 };
		kmap_warn_at(&loc, "no data rows");
	}
	if (decide_current(&L))
		goto out;
	rc = L.errors ? LOAD_ERRORS : LOAD_OK;
out:
	settle_comments(&L);
	progress_end(&L.progress);
	dataset_end_input(ds, L.input, lines_read(&L));
	loader_release(&L);
	return rc;
}

void load_warn_merged(struct dataset *ds)
{
	name_table_warn_merged(&ds->regions, "region");
	name_table_warn_merged(&ds->organisations, "organisation");
	name_table_warn_merged(&ds->occupations, "occupation");
}
