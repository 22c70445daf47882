#include <stdlib.h>
#include <string.h>

#include "kmap/dataset.h"
#include "kmap/diag.h"
#include "kmap/textsafe.h"
#include "kmap/hash.h"
#include "kmap/xalloc.h"

void dataset_init(struct dataset *ds, const struct scale *scale)
{
	memset(ds, 0, sizeof(*ds));
	ds->scale = scale;
	name_table_init(&ds->regions);
	name_table_init(&ds->organisations);
	name_table_init(&ds->occupations);
	ds->regions.kind = KIND_REGION;
	ds->organisations.kind = KIND_ORGANISATION;
	ds->occupations.kind = KIND_OCCUPATION;
	arena_init(&ds->arena);
	ds->next_line_base = 0;
}

void dataset_set_names(struct dataset *ds, const struct names_set *names)
{
	ds->regions.rules = ds->organisations.rules = ds->occupations.rules =
		names;
}

void dataset_release(struct dataset *ds)
{
	if (!ds)
		return;
	name_table_release(&ds->regions);
	name_table_release(&ds->organisations);
	name_table_release(&ds->occupations);
	arena_release(&ds->arena);
	free(ds->periods);
	free(ds->period_slots);
	free(ds->rounds);
	free(ds->units);
	free(ds->unit_slots);
	free(ds->rows);
	free(ds->row_slots);
	free(ds->cells);
	free(ds->inputs);
	free(ds->comments);
	free(ds->extras);
	free(ds->extra_cols);
	free(ds->upper_headers);
	free(ds->extra_order);
	free(ds->extra_start);
	free(ds->comment_start);
	memset(ds, 0, sizeof(*ds));
}

static void cells_resize(struct dataset *ds, uint32_t rows_cap,
			 uint32_t period_cap);

/* Below this many cells a new period's stride is copied at no cost. */
enum { EXACT_STRIDE_CELLS = 1 << 16 };

/*
 * A small open-addressing map from a packed key to a dense id; slots
 * hold id + 1. key_of(ds, id) recomputes the key of an entry.
 */
struct slot_key {
	uint64_t a;
	uint32_t b;
};

typedef struct slot_key key_of_fn(const struct dataset *ds, uint32_t id);

static uint64_t key_hash(struct slot_key k)
{
	return hash_mix(k.a ^ hash_mix(k.b + 0x9e3779b97f4a7c15ULL));
}

static int key_eq(struct slot_key x, struct slot_key y)
{
	return x.a == y.a && x.b == y.b;
}

/* Refills the slots with ids 0..n-1; grow doubles their number first. */
static void slots_rebuild(const struct dataset *ds, uint32_t **slots,
			  uint32_t *nslots, uint32_t n, key_of_fn *key_of,
			  int grow)
{
	uint32_t size = !*nslots ? 256 : grow ? *nslots * 2 : *nslots;

	free(*slots);
	*slots = xcalloc(size, sizeof(**slots));
	*nslots = size;
	for (uint32_t id = 0; id < n; id++) {
		uint32_t i = (uint32_t)key_hash(key_of(ds, id)) & (size - 1);
		while ((*slots)[i])
			i = (i + 1) & (size - 1);
		(*slots)[i] = id + 1;
	}
}

/*
 * Probes for key: returns its id, or -1 with *empty set to the free slot
 * where it would go. nslots must be a non-zero power of two.
 */
static int32_t slots_probe(const struct dataset *ds, const uint32_t *slots,
			   uint32_t nslots, struct slot_key key,
			   key_of_fn *key_of, uint32_t *empty)
{
	uint32_t mask = nslots - 1, i;

	for (i = (uint32_t)key_hash(key) & mask; slots[i]; i = (i + 1) & mask)
		if (key_eq(key_of(ds, slots[i] - 1), key))
			return (int32_t)(slots[i] - 1);
	*empty = i;
	return -1;
}

static struct slot_key period_slot_key(int first, int last)
{
	struct slot_key k = { (uint64_t)(uint32_t)first << 32 | (uint32_t)last,
			      0 };

	return k;
}

static struct slot_key period_key(const struct dataset *ds, uint32_t id)
{
	return period_slot_key(ds->periods[id].first, ds->periods[id].last);
}

static struct slot_key unit_key(const struct dataset *ds, uint32_t id)
{
	struct slot_key k = {
		(uint64_t)ds->units[id].region << 32 | ds->units[id].org, 0
	};

	return k;
}

static struct slot_key row_key(const struct dataset *ds, uint32_t id)
{
	struct slot_key k = { (uint64_t)ds->rows[id].unit << 32 |
				      ds->rows[id].occupation,
			      ds->rows[id].round };

	return k;
}

uint32_t dataset_unit(struct dataset *ds, uint32_t region, uint32_t org)
{
	struct slot_key key = { (uint64_t)region << 32 | org, 0 };
	uint32_t i = 0; /* the free slot, set by slots_probe() on a miss */
	int32_t id;

	if (!ds->unit_slots_n)
		slots_rebuild(ds, &ds->unit_slots, &ds->unit_slots_n, 0,
			      unit_key, 0);
	id = slots_probe(ds, ds->unit_slots, ds->unit_slots_n, key, unit_key,
			 &i);
	if (id >= 0)
		return (uint32_t)id;
	if (ds->nunits == ds->units_cap) {
		ds->units_cap = ds->units_cap ? ds->units_cap * 2 : 64;
		ds->units = xreallocarray(ds->units, ds->units_cap,
					  sizeof(*ds->units));
	}
	ds->units[ds->nunits].region = region;
	ds->units[ds->nunits].org = org;
	ds->unit_slots[i] = ++ds->nunits;
	if ((uint64_t)ds->nunits * 2 > ds->unit_slots_n)
		slots_rebuild(ds, &ds->unit_slots, &ds->unit_slots_n,
			      ds->nunits, unit_key, 1);
	return ds->nunits - 1;
}

uint32_t dataset_period(struct dataset *ds, const struct period_value *p)
{
	char label[32];
	uint32_t i = 0; /* the free slot, set by slots_probe() on a miss */
	int32_t id;

	if (!ds->period_slots_n)
		slots_rebuild(ds, &ds->period_slots, &ds->period_slots_n, 0,
			      period_key, 0);
	id = slots_probe(ds, ds->period_slots, ds->period_slots_n,
			 period_slot_key(p->first, p->last), period_key, &i);
	if (id >= 0)
		return (uint32_t)id;
	if (ds->nperiods >= DATASET_MAX_PERIODS)
		return DATASET_NO_PERIOD;
	if (ds->nperiods == ds->periods_cap) {
		ds->periods_cap = ds->periods_cap ? ds->periods_cap * 2 : 8;
		ds->periods = xreallocarray(ds->periods, ds->periods_cap,
					    sizeof(*ds->periods));
	}
	period_label(p, label, sizeof(label));
	struct period_info *pi = &ds->periods[ds->nperiods];
	pi->label = arena_strdup(&ds->arena, label);
	pi->first = p->first;
	pi->last = p->last;
	pi->current = 0;
	/* every period has its cell in each row, records or not (a period
	 * that only a "Kommentar 2030" column names has none): a reader of
	 * any period's cell reads that row's */
	/* each new stride copies every row: while that is a few cells the
	 * stride is exact (no slot wasted in every row of a plan's usual
	 * handful of periods); past it, it grows by half, so a file of many
	 * periods costs linear time, not rows x periods each time one
	 * more period comes */
	if (ds->nperiods + 1 > ds->period_cap) {
		uint32_t cap = ds->period_cap + 1;
		if ((uint64_t)ds->rows_cap * ds->period_cap >
		    EXACT_STRIDE_CELLS)
			cap = (ds->period_cap + ds->period_cap / 2 + 2) & ~1u;
		cells_resize(ds, ds->rows_cap, cap);
	}
	ds->period_slots[i] = ++ds->nperiods;
	if ((uint64_t)ds->nperiods * 2 > ds->period_slots_n)
		slots_rebuild(ds, &ds->period_slots, &ds->period_slots_n,
			      ds->nperiods, period_key, 1);
	return ds->nperiods - 1;
}

/* Resizes the cells to rows_cap rows of period_cap slots. */
static void cells_resize(struct dataset *ds, uint32_t rows_cap,
			 uint32_t period_cap)
{
	if (period_cap == ds->period_cap) {
		/* same stride: the new rows are appended and zeroed */
		size_t old = (size_t)ds->rows_cap * period_cap;
		size_t n = (size_t)rows_cap * period_cap;
		ds->cells =
			xreallocarray(ds->cells, n ? n : 1, sizeof(*ds->cells));
		if (n > old)
			memset(ds->cells + old, 0,
			       (n - old) * sizeof(*ds->cells));
	} else {
		uint32_t *cells = xcalloc((size_t)rows_cap * period_cap + 1,
					  sizeof(*cells));
		for (uint32_t r = 0; ds->period_cap && r < ds->nrows; r++)
			memcpy(cells + (size_t)r * period_cap,
			       ds->cells + (size_t)r * ds->period_cap,
			       ds->period_cap * sizeof(*cells));
		free(ds->cells);
		ds->cells = cells;
		ds->period_cap = period_cap;
	}
	ds->rows_cap = rows_cap;
}

static void resize_rows(struct dataset *ds, uint32_t cap)
{
	ds->rows = xreallocarray(ds->rows, cap, sizeof(*ds->rows));
	cells_resize(ds, cap, ds->period_cap);
}

void dataset_reserve_rows(struct dataset *ds, uint32_t n)
{
	if (n > ds->rows_cap)
		resize_rows(ds, n);
}

void dataset_fit_rows(struct dataset *ds)
{
	if (ds->nrows && ds->nrows < ds->rows_cap)
		resize_rows(ds, ds->nrows);
}

void dataset_drop_index(struct dataset *ds)
{
	free(ds->unit_slots);
	free(ds->row_slots);
	ds->unit_slots = ds->row_slots = NULL;
	ds->unit_slots_n = ds->row_slots_n = 0;
}

uint32_t dataset_row(struct dataset *ds, uint32_t unit, uint32_t occupation,
		     uint32_t round)
{
	struct slot_key key = { (uint64_t)unit << 32 | occupation, round };
	uint32_t i = 0; /* the free slot, set by slots_probe() on a miss */
	int32_t id;

	if (!ds->row_slots_n)
		slots_rebuild(ds, &ds->row_slots, &ds->row_slots_n, 0, row_key,
			      0);
	id = slots_probe(ds, ds->row_slots, ds->row_slots_n, key, row_key, &i);
	if (id >= 0)
		return (uint32_t)id;
	if (ds->nrows == ds->rows_cap) {
		resize_rows(ds, ds->rows_cap ? ds->rows_cap * 2 : 256);
		/* the probe position is still valid: slots did not change */
	}
	ds->rows[ds->nrows].unit = unit;
	ds->rows[ds->nrows].occupation = occupation;
	ds->rows[ds->nrows].round = round;
	ds->row_slots[i] = ++ds->nrows;
	if ((uint64_t)ds->nrows * 2 > ds->row_slots_n)
		slots_rebuild(ds, &ds->row_slots, &ds->row_slots_n, ds->nrows,
			      row_key, 1);
	return ds->nrows - 1;
}

uint32_t dataset_begin_input(struct dataset *ds, const char *name)
{
	struct input_info *in;

	ds->inputs =
		xreallocarray(ds->inputs, ds->ninputs + 1, sizeof(*ds->inputs));
	in = &ds->inputs[ds->ninputs];
	memset(in, 0, sizeof(*in));
	/* a copy (a manifest's export names are freed once it is read),
	 * shown in every output: a name that is not UTF-8 (an archive from
	 * Windows) is shown escaped, never as raw bytes (textsafe.h) */
	in->name = arena_strdup(&ds->arena, name);
	if (text_needs_escape(name, strlen(name), 0)) {
		struct strbuf safe = STRBUF_INIT;
		text_escape(name, strlen(name), 0, &safe);
		in->name = arena_memdup(&ds->arena, safe.buf, safe.len);
		strbuf_release(&safe);
	}
	in->layout = "";
	in->encoding = "";
	in->current = -1;
	in->round_id = DATASET_ROUND_PENDING(ds->ninputs);
	in->line_base = ds->next_line_base;
	return ds->ninputs++;
}

void dataset_cancel_input(struct dataset *ds, uint32_t input)
{
	if (input + 1 == ds->ninputs)
		ds->ninputs--;
}

void dataset_end_input(struct dataset *ds, uint32_t input, unsigned long lines)
{
	ds->next_line_base = ds->inputs[input].line_base + (uint32_t)lines + 1;
}

void dataset_place(const struct dataset *ds, uint32_t input, unsigned long line,
		   int here, struct strbuf *sb)
{
	const struct input_info *in = &ds->inputs[input];

	if (here)
		strbuf_addf(sb, "%s %lu", in->workbook ? "row" : "line", line);
	else
		strbuf_addf(sb, "%s%c%lu", in->name, in->workbook ? '!' : ':',
			    line);
}

void dataset_line_of(const struct dataset *ds, uint32_t gline, uint32_t *input,
		     unsigned long *line)
{
	uint32_t i = 0;

	/* inputs are in line_base order; few, so a linear scan will do */
	while (i + 1 < ds->ninputs && ds->inputs[i + 1].line_base <= gline)
		i++;
	*input = i;
	*line = gline - ds->inputs[i].line_base;
}

enum dataset_add dataset_add(struct dataset *ds, uint32_t row, uint32_t period,
			     uint8_t level, uint32_t input, unsigned long line,
			     uint32_t *earlier)
{
	uint32_t code = level == LEVEL_MISSING ? CELL_MISSING
			: level == LEVEL_NA    ? CELL_NA
					       : level;
	uint64_t gline = (uint64_t)ds->inputs[input].line_base + line;
	size_t cell;

	if (period >= ds->period_cap)
		cells_resize(ds, ds->rows_cap, (period + 2) & ~1u);
	cell = (size_t)row * ds->period_cap + period;
	if (ds->cells[cell]) {
		*earlier = ds->cells[cell] >> CELL_LEVEL_BITS;
		if ((ds->cells[cell] & 15) == code) {
			ds->duplicates++;
			return DATASET_DUPLICATE;
		}
		return DATASET_CONFLICT;
	}
	if (gline > DATASET_MAX_LINES)
		return DATASET_FULL;
	ds->cells[cell] = (uint32_t)gline << CELL_LEVEL_BITS | code;
	ds->records++;
	return DATASET_ADDED;
}

static int same_header(const char *a, size_t alen, const char *b)
{
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	int same;

	names_loose_key(a, alen, &ka);
	names_loose_key(b, strlen(b), &kb);
	same = !strcmp(ka.buf, kb.buf);
	strbuf_release(&ka);
	strbuf_release(&kb);
	return same;
}

void dataset_add_upper_header(struct dataset *ds, const char *header,
			      size_t len)
{
	uint32_t i;

	for (i = 0; i < ds->nupper_headers; i++)
		if (same_header(header, len, ds->upper_headers[i]))
			break;
	if (i == ds->nupper_headers) {
		ds->upper_headers = xreallocarray(ds->upper_headers, i + 1,
						  sizeof(*ds->upper_headers));
		ds->nupper_headers++;
	} else {
		const char *had = ds->upper_headers[i];
		size_t hl = strlen(had);
		int c = memcmp(header, had, len < hl ? len : hl);
		/* the first spelling in byte order, whatever the file order */
		if (c > 0 || (!c && len >= hl))
			return;
	}
	ds->upper_headers[i] = arena_memdup(&ds->arena, header, len);
}

const char *dataset_upper_header(const struct dataset *ds, const char *name)
{
	for (uint32_t i = 0; i < ds->nupper_headers; i++)
		if (same_header(name, strlen(name), ds->upper_headers[i]))
			return ds->upper_headers[i];
	return NULL;
}

int dataset_is_upper_header(const struct dataset *ds, const char *attr)
{
	for (uint32_t i = 0; i < ds->nupper_headers; i++)
		if (ds->upper_headers[i] == attr)
			return 1;
	return 0;
}

uint32_t dataset_extra_column(struct dataset *ds, const char *header,
			      size_t len, uint32_t input, size_t pos)
{
	struct strbuf key = STRBUF_INIT, other = STRBUF_INIT;
	const char *name = ds->inputs[input].name;
	uint32_t c;

	names_key(header, len, &key);
	for (c = 0; c < ds->nextra_cols; c++) {
		const char *h = ds->extra_cols[c].header;
		strbuf_reset(&other);
		names_key(h, strlen(h), &other);
		if (!strcmp(other.buf, key.buf))
			break;
	}
	if (c == ds->nextra_cols) {
		ds->extra_cols = xreallocarray(ds->extra_cols, c + 1,
					       sizeof(*ds->extra_cols));
		ds->extra_cols[c].header =
			arena_memdup(&ds->arena, header, len);
		ds->extra_cols[c].first_input = name;
		ds->extra_cols[c].first_pos = pos;
		ds->nextra_cols++;
	} else {
		struct extra_column *e = &ds->extra_cols[c];
		int d = strcmp(name, e->first_input);
		if (d < 0 || (!d && pos < e->first_pos)) {
			e->header = arena_memdup(&ds->arena, header, len);
			e->first_input = name;
			e->first_pos = pos;
		}
	}
	strbuf_release(&key);
	strbuf_release(&other);
	return c;
}

void dataset_add_extra(struct dataset *ds, uint32_t row, uint32_t col,
		       const char *text, size_t len)
{
	struct extra *e;

	if (!ds->keep_extras)
		return;
	if (ds->nextras == ds->extras_cap) {
		ds->extras_cap = ds->extras_cap ? ds->extras_cap * 2 : 64;
		ds->extras = xreallocarray(ds->extras, ds->extras_cap,
					   sizeof(*ds->extras));
	}
	e = &ds->extras[ds->nextras++];
	e->row = row;
	e->col = col;
	e->text = arena_memdup(&ds->arena, text, len);
}

static const struct dataset *extra_ds;
static const uint32_t *extra_rank;

static int compare_extra_cols(const void *pa, const void *pb)
{
	const struct extra_column *a =
		&extra_ds->extra_cols[*(const uint32_t *)pa];
	const struct extra_column *b =
		&extra_ds->extra_cols[*(const uint32_t *)pb];
	int c = strcmp(a->first_input, b->first_input);

	if (!c)
		c = (a->first_pos > b->first_pos) -
		    (a->first_pos < b->first_pos);
	return c ? c : strcmp(a->header, b->header);
}

static int compare_extras(const void *pa, const void *pb)
{
	const struct extra *a = pa, *b = pb;

	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->col != b->col)
		return extra_rank[a->col] < extra_rank[b->col] ? -1 : 1;
	return strcmp(a->text, b->text);
}

void dataset_sort_extras(struct dataset *ds)
{
	uint32_t *rank = xcalloc(ds->nextra_cols + 1, sizeof(*rank));
	uint32_t *order = xcalloc(ds->nextra_cols + 1, sizeof(*order));
	size_t kept = 0;

	for (uint32_t c = 0; c < ds->nextra_cols; c++)
		order[c] = c;
	extra_ds = ds;
	if (ds->nextra_cols > 1)
		qsort(order, ds->nextra_cols, sizeof(*order),
		      compare_extra_cols);
	for (uint32_t i = 0; i < ds->nextra_cols; i++)
		rank[order[i]] = i;
	extra_rank = rank;
	if (ds->nextras > 1)
		qsort(ds->extras, ds->nextras, sizeof(*ds->extras),
		      compare_extras);
	for (size_t i = 0; i < ds->nextras; i++) {
		const struct extra *p = kept ? &ds->extras[kept - 1] : NULL;
		const struct extra *e = &ds->extras[i];
		if (p && p->row == e->row && p->col == e->col &&
		    !strcmp(p->text, e->text))
			continue;
		ds->extras[kept++] = *e;
	}
	ds->nextras = kept;
	extra_ds = NULL;
	extra_rank = NULL;
	free(rank);
	free(ds->extra_order);
	ds->extra_order = order;
	free(ds->extra_start);
	ds->extra_start = xcalloc((size_t)ds->nrows + 2, sizeof(uint32_t));
	for (size_t i = 0; i < kept; i++)
		ds->extra_start[ds->extras[i].row + 1]++;
	for (uint32_t r = 0; r < ds->nrows; r++)
		ds->extra_start[r + 1] += ds->extra_start[r];
}

void dataset_add_comment(struct dataset *ds, uint32_t row, int32_t period,
			 uint32_t input, unsigned long line, const char *text,
			 size_t len)
{
	struct comment *c;

	if (!ds->keep_comments)
		return;
	if (ds->ncomments == ds->comments_cap) {
		ds->comments_cap = ds->comments_cap ? ds->comments_cap * 2 : 64;
		ds->comments = xreallocarray(ds->comments, ds->comments_cap,
					     sizeof(*ds->comments));
	}
	c = &ds->comments[ds->ncomments++];
	c->row = row;
	c->period = period;
	c->gline = ds->inputs[input].line_base + (uint32_t)line;
	c->text = arena_memdup(&ds->arena, text, len);
}

static const struct dataset *order_ds;

static int compare_periods(const void *pa, const void *pb)
{
	const struct period_info *a = &order_ds->periods[*(const uint32_t *)pa];
	const struct period_info *b = &order_ds->periods[*(const uint32_t *)pb];

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return (a->last > b->last) - (a->last < b->last);
}

void dataset_period_order(const struct dataset *ds, uint32_t *order)
{
	for (uint32_t i = 0; i < ds->nperiods; i++)
		order[i] = i;
	order_ds = ds;
	qsort(order, ds->nperiods, sizeof(*order), compare_periods);
	order_ds = NULL;
}

/* Looks up a packed key in a slots table without adding it. */
static int32_t slots_find(const struct dataset *ds, const uint32_t *slots,
			  uint32_t nslots, struct slot_key key,
			  key_of_fn *key_of)
{
	uint32_t empty;

	return nslots ? slots_probe(ds, slots, nslots, key, key_of, &empty)
		      : -1;
}

int32_t dataset_find_period(const struct dataset *ds, int first, int last)
{
	return slots_find(ds, ds->period_slots, ds->period_slots_n,
			  period_slot_key(first, last), period_key);
}

int32_t dataset_find_unit(const struct dataset *ds, uint32_t region,
			  uint32_t org)
{
	struct slot_key key = { (uint64_t)region << 32 | org, 0 };

	return slots_find(ds, ds->unit_slots, ds->unit_slots_n, key, unit_key);
}

int32_t dataset_find_row(const struct dataset *ds, uint32_t unit,
			 uint32_t occupation, uint32_t round)
{
	struct slot_key key = { (uint64_t)unit << 32 | occupation, round };

	return slots_find(ds, ds->row_slots, ds->row_slots_n, key, row_key);
}

int32_t dataset_find_round(const struct dataset *ds, const char *label)
{
	for (uint32_t i = 0; i < ds->nrounds; i++)
		if (!strcmp(ds->rounds[i].label, label))
			return (int32_t)i;
	return -1;
}

uint32_t dataset_round(struct dataset *ds, const char *label)
{
	int32_t id = dataset_find_round(ds, label);

	if (id >= 0)
		return (uint32_t)id;
	ds->rounds =
		xreallocarray(ds->rounds, ds->nrounds + 1, sizeof(*ds->rounds));
	ds->rounds[ds->nrounds].label = arena_strdup(&ds->arena, label);
	return ds->nrounds++;
}

/* Moves row from's records and comments into row to (see below). */
static void merge_row(struct dataset *ds, uint32_t from, uint32_t to,
		      size_t first_comment)
{
	uint32_t *src = ds->cells + (size_t)from * ds->period_cap;
	uint32_t *dst = ds->cells + (size_t)to * ds->period_cap;

	for (uint32_t p = 0; p < ds->period_cap; p++) {
		if (!src[p])
			continue;
		if (!dst[p]) {
			dst[p] = src[p];
		} else {
			/* reported by the caller; the record there stays */
			ds->records--;
			if ((dst[p] & 15) == (src[p] & 15))
				ds->duplicates++;
		}
		src[p] = 0;
	}
	for (size_t i = first_comment; i < ds->ncomments; i++)
		if (ds->comments[i].row == from)
			ds->comments[i].row = to;
}

void dataset_settle_round(struct dataset *ds, uint32_t first_row,
			  size_t first_comment, uint32_t from, uint32_t to)
{
	uint32_t n = ds->nrows - first_row, kept = first_row;
	uint32_t *map = xcalloc((size_t)n + 1, sizeof(*map));
	int moved = 0;
	for (uint32_t r = first_row; r < ds->nrows; r++) {
		struct row *row = &ds->rows[r];
		int32_t there;
		map[r - first_row] = r;
		if (row->round != from)
			continue;
		there = dataset_find_row(ds, row->unit, row->occupation, to);
		if (there >= 0 && (uint32_t)there < first_row) {
			merge_row(ds, r, (uint32_t)there, first_comment);
			map[r - first_row] = UINT32_MAX;
			moved = 1;
		}
	}
	for (uint32_t r = first_row; r < ds->nrows; r++) {
		if (map[r - first_row] == UINT32_MAX)
			continue;
		if (ds->rows[r].round == from)
			ds->rows[r].round = to;
		if (kept != r) {
			ds->rows[kept] = ds->rows[r];
			memcpy(ds->cells + (size_t)kept * ds->period_cap,
			       ds->cells + (size_t)r * ds->period_cap,
			       ds->period_cap * sizeof(*ds->cells));
		}
		map[r - first_row] = kept++;
	}
	if (moved)
		memset(ds->cells + (size_t)kept * ds->period_cap, 0,
		       (size_t)(ds->nrows - kept) * ds->period_cap *
			       sizeof(*ds->cells));
	for (size_t i = first_comment; i < ds->ncomments; i++) {
		uint32_t r = ds->comments[i].row;
		if (r >= first_row && map[r - first_row] != UINT32_MAX)
			ds->comments[i].row = map[r - first_row];
	}
	ds->nrows = kept;
	if (ds->row_slots_n)
		slots_rebuild(ds, &ds->row_slots, &ds->row_slots_n, ds->nrows,
			      row_key, 0);
	free(map);
}

static const uint32_t *comment_rank;

static int compare_comments(const void *pa, const void *pb)
{
	const struct comment *x = pa, *y = pb;
	long px = x->period < 0 ? -1 : (long)comment_rank[x->period];
	long py = y->period < 0 ? -1 : (long)comment_rank[y->period];

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (px != py)
		return px < py ? -1 : 1;
	return strcmp(x->text, y->text);
}

void dataset_sort_comments(struct dataset *ds)
{
	uint32_t *order = xcalloc(ds->nperiods + 1, sizeof(*order));
	uint32_t *rank = xcalloc(ds->nperiods + 1, sizeof(*rank));
	size_t kept = 0;

	dataset_period_order(ds, order);
	for (uint32_t i = 0; i < ds->nperiods; i++)
		rank[order[i]] = i;
	comment_rank = rank;
	if (ds->ncomments > 1)
		qsort(ds->comments, ds->ncomments, sizeof(*ds->comments),
		      compare_comments);
	comment_rank = NULL;
	for (size_t i = 0; i < ds->ncomments; i++) {
		const struct comment *c = &ds->comments[i];
		const struct comment *prev =
			kept ? &ds->comments[kept - 1] : NULL;
		if (prev && prev->row == c->row && prev->period == c->period &&
		    !strcmp(prev->text, c->text))
			continue;
		ds->comments[kept++] = *c;
	}
	ds->ncomments = kept;
	free(ds->comment_start);
	ds->comment_start = xcalloc((size_t)ds->nrows + 2, sizeof(uint32_t));
	/* counts per row, then running sums: start[r]..start[r + 1] */
	for (size_t i = 0; i < kept; i++)
		ds->comment_start[ds->comments[i].row + 1]++;
	for (uint32_t r = 0; r < ds->nrows; r++)
		ds->comment_start[r + 1] += ds->comment_start[r];
	free(order);
	free(rank);
}

void dataset_comment_text(const struct dataset *ds, uint32_t r, int32_t p,
			  struct strbuf *out)
{
	const struct comment *c;
	size_t n = dataset_comments(ds, r, &c);

	strbuf_reset(out);
	for (size_t i = 0; i < n; i++)
		if (c[i].period == p)
			strbuf_addf(out, "%s%s", out->len ? "\n" : "",
				    c[i].text);
}

static const struct dataset *inputs_ds;

static int compare_inputs(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int c = strcmp(inputs_ds->inputs[a].name, inputs_ds->inputs[b].name);

	return c ? c : (a > b) - (a < b);
}

uint32_t *dataset_inputs_by_name(const struct dataset *ds)
{
	uint32_t *order = xcalloc(ds->ninputs + 1, sizeof(*order));

	for (uint32_t i = 0; i < ds->ninputs; i++)
		order[i] = i;
	inputs_ds = ds;
	qsort(order, ds->ninputs, sizeof(*order), compare_inputs);
	inputs_ds = NULL;
	return order;
}

/* ---- names with one code are one name ------------------------------ */

static const char *level_label(const struct scale *sc, uint8_t level)
{
	return level == LEVEL_MISSING ? "(missing)"
				      : sc->levels[level - 1].label;
}

/* The record of old cell oc joins new row nr: -1 after a conflict. */
static int join_cell(struct dataset *ds, uint32_t nr, uint32_t p, uint32_t oc)
{
	size_t cell = (size_t)nr * ds->period_cap + p;
	uint32_t nc = ds->cells[cell];
	uint32_t in_a, in_b;
	unsigned long line_a, line_b;

	if (!nc) {
		ds->cells[cell] = oc;
		return 0;
	}
	/* one record now: keep the earlier line's */
	if ((oc >> CELL_LEVEL_BITS) < (nc >> CELL_LEVEL_BITS)) {
		ds->cells[cell] = oc;
		uint32_t t = oc;
		oc = nc;
		nc = t;
	}
	ds->records--;
	if ((nc & 15) == (oc & 15)) {
		ds->duplicates++;
		return 0;
	}
	const struct unit *u = &ds->units[ds->rows[nr].unit];
	uint8_t la =
		(nc & 15) == CELL_MISSING ? LEVEL_MISSING : (uint8_t)(nc & 15);
	uint8_t lb =
		(oc & 15) == CELL_MISSING ? LEVEL_MISSING : (uint8_t)(oc & 15);
	dataset_line_of(ds, nc >> CELL_LEVEL_BITS, &in_a, &line_a);
	dataset_line_of(ds, oc >> CELL_LEVEL_BITS, &in_b, &line_b);
	struct kmap_loc loc = { ds->inputs[in_b].name, line_b, 0 };
	diag_report(DIAG_ERROR, &loc,
		    N_("names with one code are one name; settle which rating "
		       "holds"),
		    "conflicting rating '%s' for %s / %s / %s, %s: %s:%lu "
		    "says '%s'",
		    level_label(ds->scale, lb),
		    name_display(&ds->regions, u->region),
		    name_display(&ds->organisations, u->org),
		    name_display(&ds->occupations, ds->rows[nr].occupation),
		    ds->periods[p].label, ds->inputs[in_a].name, line_a,
		    level_label(ds->scale, la));
	return -1;
}

int dataset_unify_codes(struct dataset *ds)
{
	uint32_t *mr = name_table_unify_codes(&ds->regions);
	uint32_t *mo = name_table_unify_codes(&ds->organisations);
	uint32_t *mc = name_table_unify_codes(&ds->occupations);
	struct unit *units = ds->units;
	struct row *rows = ds->rows;
	uint32_t *cells = ds->cells, nunits = ds->nunits, nrows = ds->nrows;
	uint32_t *unit_map, *row_map;
	int rc = 0;

	if (!mr && !mo && !mc)
		return 0;
	/* the units and rows again, under the names' new ids */
	free(ds->unit_slots);
	free(ds->row_slots);
	ds->unit_slots = ds->row_slots = NULL;
	ds->unit_slots_n = ds->row_slots_n = 0;
	ds->units = NULL;
	ds->nunits = ds->units_cap = 0;
	ds->rows = NULL;
	ds->cells = NULL;
	ds->nrows = ds->rows_cap = 0;
	unit_map = xcalloc((size_t)nunits + 1, sizeof(*unit_map));
	row_map = xcalloc((size_t)nrows + 1, sizeof(*row_map));
	for (uint32_t i = 0; i < nunits; i++)
		unit_map[i] = dataset_unit(
			ds, mr ? mr[units[i].region] : units[i].region,
			mo ? mo[units[i].org] : units[i].org);
	for (uint32_t r = 0; r < nrows; r++) {
		uint32_t occ = mc ? mc[rows[r].occupation] : rows[r].occupation;
		uint32_t nr = dataset_row(ds, unit_map[rows[r].unit], occ,
					  rows[r].round);
		row_map[r] = nr;
		for (uint32_t p = 0; p < ds->period_cap; p++) {
			uint32_t oc = cells[(size_t)r * ds->period_cap + p];
			if (oc && join_cell(ds, nr, p, oc))
				rc = -1;
		}
	}
	for (size_t i = 0; i < ds->ncomments; i++)
		ds->comments[i].row = row_map[ds->comments[i].row];
	for (size_t i = 0; i < ds->nextras; i++)
		ds->extras[i].row = row_map[ds->extras[i].row];
	free(units);
	free(rows);
	free(cells);
	free(unit_map);
	free(row_map);
	free(mr);
	free(mo);
	free(mc);
	return rc;
}
