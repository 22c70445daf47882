#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load_internal.h"
#include "kmap/load.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/progress.h"
#include "kmap/scale.h"
#include "kmap/split.h"
#include "kmap/xalloc.h"

void load_opts_init(struct load_opts *o)
{
	memset(o, 0, sizeof(*o));
	csvin_opts_init(&o->csv);
}

/* Small cache of raw cell text -> parsed value, for ratings and periods. */
enum { CACHE_SIZE = 64 };
struct cache_entry {
	char *raw;
	size_t len;
	int status;
	int value;
	int flag; /* period: marked Nuläge */
};

/* The file's periods: which it uses, and the one it marks Nuläge. */
struct file_periods {
	uint8_t *seen; /* by period id */
	size_t seen_n;
	int32_t marked_current; /* -1 until a cell or column marks one */
	unsigned long marked_line;
};

/* Region and organisation when a row's cell is empty. */
struct places {
	int32_t last_region, last_org;       /* for --fill-down */
	int32_t default_region, default_org; /* --default-*, or -1 */
};

struct value_caches {
	struct cache_entry rating[CACHE_SIZE];
	size_t nrating;
	struct cache_entry period[CACHE_SIZE];
	size_t nperiod;
};

/*
 * Consecutive rows mostly repeat their names: the last raw cell of each
 * name column (region, organisation, occupation) and its id.
 */
struct name_run {
	struct strbuf last_raw[3];
	int32_t last_id[3];
	uint32_t last_spelling[3]; /* its raw spelling (names.h) */
};

/*
 * Duplicates of one row, reported together (a wide row repeats all its
 * periods at once).
 */
struct dup_run {
	struct strbuf periods; /* their labels, ", "-separated */
	uint32_t earlier, row;
	struct kmap_loc loc;
	int n;
};

/* What the row functions keep from one row to the next. */
struct row_state {
	int32_t last_key[3]; /* the last row's region, org, occupation */
	uint32_t last_rowid; /* ... and its row id */
	struct csvin_field *pad; /* fields of a short row, padded */
	size_t pad_cap;
	unsigned long short_rows;
};

/* A large file read in two parts (split.h). */
struct split_state {
	struct part *part;         /* the second part, read by a helper */
	unsigned long part_lines;  /* its lines, once merged */
	const char *part_encoding; /* its decoder's view, once merged */
};

struct loader {
	struct dataset *ds;
	const struct load_opts *o;
	uint32_t input;         /* this file's index in ds->inputs */
	struct load_source src; /* where the rows come from */
	const struct csvin_row *cur; /* the row being read, for locations */
	int errors;
	int speculative; /* this loader is a helper's */
	int spec_failed; /* ... and found something to report */
	struct strbuf tmp;

	struct schema s;
	struct file_periods periods;
	struct places places;
	struct value_caches caches;
	struct name_run names;
	struct dup_run dup;
	struct row_state rows;

	/* the file, read by the driver and perhaps a helper */
	struct csvin r;
	struct progress progress;
	struct split_state split;
	unsigned long header_line;
	size_t first_comment; /* the dataset's comments from this file on */
};

/*
 * Reports a problem found while reading rows. The loader of the second
 * part of a split file runs speculatively in a helper thread: it must not
 * print, and any message there means its work is thrown away and the
 * main thread reads that part again itself (see read_part()).
 */
KMAP_PRINTF(5, 6)
static void lreport(struct loader *L, enum diag_severity sev,
		    const struct kmap_loc *loc, const char *hint,
		    const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	if (L->speculative) {
		L->spec_failed = 1;
		return;
	}
	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	diag_report(sev, loc, hint, "%s", text.buf);
	strbuf_release(&text);
}

/* Where field col of the row being read starts. */
static struct kmap_loc field_loc(struct loader *L, size_t col)
{
	return L->src.field_loc(L->src.ctx, L->cur, col);
}

/* ---- values -------------------------------------------------------- */

static struct cache_entry *cache_find(struct cache_entry *c, size_t n,
				      const char *raw, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].len == len && !memcmp(c[i].raw, raw, len))
			return &c[i];
	return NULL;
}

static void cache_put(struct cache_entry *c, size_t *n, const char *raw,
		      size_t len, int status, int value, int flag)
{
	if (*n == CACHE_SIZE)
		return;
	c[*n].raw = xmemdup(raw, len);
	c[*n].len = len;
	c[*n].status = status;
	c[*n].value = value;
	c[*n].flag = flag;
	(*n)++;
}

static void cache_release(struct cache_entry *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].raw);
}

static void value_caches_release(struct value_caches *vc)
{
	cache_release(vc->rating, vc->nrating);
	cache_release(vc->period, vc->nperiod);
}

static int value_error(struct loader *L, size_t col, const char *hint,
		       const char *fmt, const char *value)
{
	struct kmap_loc loc = field_loc(L, col);

	lreport(L, DIAG_ERROR, &loc, hint, fmt, value);
	L->errors++;
	return -1;
}

/* Rating of field col: level 1..n or LEVEL_MISSING; -1 after an error. */
static int read_rating(struct loader *L, const struct csvin_field *f,
		       size_t col)
{
	const struct scale *sc = L->ds->scale;
	struct cache_entry *c =
		cache_find(L->caches.rating, L->caches.nrating, f->ptr, f->len);
	int level = 0, st;

	if (c) {
		st = c->status;
		level = c->value;
	} else {
		st = scale_match(sc, f->ptr, f->len, &level, &L->tmp);
		cache_put(L->caches.rating, &L->caches.nrating, f->ptr, f->len,
			  st, level, 0);
	}
	if (st == SCALE_LEVEL)
		return level;
	if (st == SCALE_MISSING)
		return LEVEL_MISSING;
	if (st == SCALE_EXCEL_ERROR)
		return value_error(L, col, "fix the formula in the workbook "
					   "and export again",
				   "spreadsheet error value '%s'", f->ptr);
	struct strbuf hint = STRBUF_INIT;
	const char *sugg = scale_suggest(sc, f->ptr, f->len);
	if (sugg)
		strbuf_addf(&hint, "did you mean '%s'? ", sugg);
	strbuf_addstr(&hint, "expected one of ");
	scale_list_labels(sc, &hint);
	strbuf_addstr(&hint, ", empty or '-'");
	value_error(L, col, hint.buf, "unknown rating '%s'", f->ptr);
	strbuf_release(&hint);
	return -1;
}

static void file_periods_init(struct file_periods *fp)
{
	memset(fp, 0, sizeof(*fp));
	fp->marked_current = -1;
}

static void file_periods_release(struct file_periods *fp)
{
	free(fp->seen);
}

static void note_period(struct file_periods *fp, uint32_t period)
{
	if (period >= fp->seen_n) {
		size_t n = period + 16;
		fp->seen = xrealloc(fp->seen, n);
		memset(fp->seen + fp->seen_n, 0, n - fp->seen_n);
		fp->seen_n = n;
	}
	fp->seen[period] = 1;
}

static int mark_current(struct loader *L, uint32_t period, size_t col,
			unsigned long line)
{
	struct file_periods *fp = &L->periods;

	if (fp->marked_current >= 0 &&
	    (uint32_t)fp->marked_current != period) {
		char hint[64];
		struct kmap_loc loc = field_loc(L, col);
		snprintf(hint, sizeof(hint), "line %lu marks %s as Nuläge",
			 fp->marked_line,
			 L->ds->periods[fp->marked_current].label);
		lreport(L, DIAG_ERROR, &loc, hint,
			    "a second current period '%s'",
			    L->ds->periods[period].label);
		L->errors++;
		return -1;
	}
	fp->marked_current = (int32_t)period;
	fp->marked_line = line;
	return 0;
}

/* Period of a long-layout cell: its id, or -1 after an error. */
static int64_t read_period(struct loader *L, const struct csvin_field *f,
			   size_t col, unsigned long line)
{
	struct cache_entry *c =
		cache_find(L->caches.period, L->caches.nperiod, f->ptr, f->len);
	struct period_value pv;
	int st, current;
	int64_t id;

	if (c) {
		st = c->status;
		id = c->value;
		current = c->flag;
	} else {
		st = period_parse(f->ptr, f->len, &pv);
		id = st == PERIOD_OK ? (int64_t)dataset_period(L->ds, &pv) : -1;
		current = st == PERIOD_OK && pv.current;
		if (st == PERIOD_OK && pv.decimal) {
			struct kmap_loc loc = field_loc(L, col);
			lreport(L, DIAG_WARNING, &loc, NULL,
				"period '%s' read as %d", f->ptr,
				     pv.first);
		}
		cache_put(L->caches.period, &L->caches.nperiod, f->ptr, f->len,
			  st, (int)id, current);
	}
	if (st != PERIOD_OK) {
		char hint[96];
		snprintf(hint, sizeof(hint),
			 "a period is a year %d-%d or a range such as "
			 "2022-2024",
			 PERIOD_MIN_YEAR, PERIOD_MAX_YEAR);
		if (st == PERIOD_BACKWARDS)
			return value_error(L, col, NULL,
					   "period '%s' ends before it starts",
					   f->ptr);
		if (!f->len)
			return value_error(L, col, hint, "empty period%s", "");
		return value_error(L, col, hint, "'%s' is not a period",
				   f->ptr);
	}
	if (current && mark_current(L, (uint32_t)id, col, line))
		return -1;
	note_period(&L->periods, (uint32_t)id);
	return id;
}

static int32_t name_error(struct loader *L, size_t col, int32_t id,
			  const char *what, const struct csvin_field *f)
{
	char msg[64];

	if (id == NAME_TOO_MANY) {
		snprintf(msg, sizeof(msg), "more than %zu distinct %s names",
			 L->o->max_names, what);
		value_error(L, col, NULL, "%s", msg);
	} else if (id == NAME_INVALID) {
		value_error(L, col, NULL, "invalid text '%s'", f->ptr);
	}
	return -1;
}

/* name_table_intern() with a one-entry cache for the column. */
/*
 * kmap's CSV output writes ' before a cell that a spreadsheet would run
 * as a formula (= + - @ TAB CR first); reading takes it off again, so a
 * converted file reads back as the original.
 */
static void unguard(const char **ptr, size_t *len)
{
	if (*len >= 2 && (*ptr)[0] == '\'' && strchr("=+-@\t\r", (*ptr)[1])) {
		(*ptr)++;
		(*len)--;
	}
}

static void name_run_init(struct name_run *n)
{
	for (int i = 0; i < 3; i++) {
		strbuf_init(&n->last_raw[i]);
		n->last_id[i] = -1;
	}
}

static void name_run_release(struct name_run *n)
{
	for (int i = 0; i < 3; i++)
		strbuf_release(&n->last_raw[i]);
}

static int32_t intern_cached(struct name_run *n, int which,
			     struct name_table *t, const struct csvin_field *cf)
{
	struct strbuf *last = &n->last_raw[which];
	struct csvin_field field = *cf, *f = &field;

	unguard(&field.ptr, &field.len);

	if (n->last_id[which] >= 0 && last->len == f->len &&
	    !memcmp(last->buf, f->ptr, f->len)) {
		/* every row counts towards the spelling shown (SPEC §3) */
		name_table_count_again(t, n->last_spelling[which]);
		return n->last_id[which];
	}
	int32_t id = name_table_intern_spelling(t, f->ptr, f->len,
						&n->last_spelling[which]);
	strbuf_reset(last);
	strbuf_add(last, f->ptr, f->len);
	n->last_id[which] = id;
	return id;
}

static void places_init(struct places *pl)
{
	pl->last_region = pl->last_org = -1;
	pl->default_region = pl->default_org = -1;
}

/*
 * Region or organisation of a row: the cell, or with --fill-down the one
 * above, or the --default-* value. -1 after an error.
 */
static int32_t read_place(struct loader *L, const struct csvin_row *row,
			  enum col_role role, int32_t *last, int32_t dflt)
{
	struct name_table *t = role == COL_REGION ? &L->ds->regions
						  : &L->ds->organisations;
	int col = L->s.col[role];
	int32_t id = NAME_EMPTY;

	if (col >= 0) {
		const struct csvin_field *f = &row->fields[col];
		id = intern_cached(&L->names, role == COL_REGION ? 0 : 1, t, f);
		if (id < NAME_EMPTY)
			return name_error(L, (size_t)col, id,
					  col_role_name(role), f);
	}
	if (id >= 0) {
		*last = id;
		return id;
	}
	if (col >= 0 && L->o->fill_down && *last >= 0)
		return *last;
	if (dflt >= 0)
		return dflt;
	char hint[96];
	snprintf(hint, sizeof(hint), "%s",
		 L->o->fill_down ? "--fill-down needs a value above it"
				 : "merged cells? use --fill-down");
	return value_error(L, (size_t)col, hint, "empty %s",
			   col_role_name(role));
}

static void describe_key(struct loader *L, uint32_t rowid, uint32_t period,
			 struct strbuf *out)
{
	const struct dataset *ds = L->ds;
	const struct row *r = &ds->rows[rowid];
	const struct unit *u = &ds->units[r->unit];

	strbuf_addf(out, "%s / %s / %s / %s",
		    name_display(&ds->regions, u->region),
		    name_display(&ds->organisations, u->org),
		    name_display(&ds->occupations, r->occupation),
		    ds->periods[period].label);
}

static const char *level_label(const struct scale *sc, uint8_t level)
{
	return level == LEVEL_MISSING ? "(missing)"
				      : sc->levels[level - 1].label;
}

static void dup_run_init(struct dup_run *d)
{
	memset(d, 0, sizeof(*d));
	strbuf_init(&d->periods);
}

static void dup_run_release(struct dup_run *d)
{
	strbuf_release(&d->periods);
}

static void flush_duplicates(struct loader *L)
{
	const struct dataset *ds = L->ds;
	struct strbuf where = STRBUF_INIT;
	uint32_t in;
	unsigned long eline;

	if (!L->dup.n)
		return;
	const struct row *r = &ds->rows[L->dup.row];
	const struct unit *u = &ds->units[r->unit];
	dataset_line_of(ds, L->dup.earlier, &in, &eline);
	if (in == L->input)
		strbuf_addf(&where, "line %lu", eline);
	else
		strbuf_addf(&where, "%s:%lu", ds->inputs[in].name, eline);
	lreport(L, DIAG_WARNING, &L->dup.loc, NULL,
		    "duplicate of %s (%s / %s / %s / %s); counted once",
		    where.buf, name_display(&ds->regions, u->region),
		    name_display(&ds->organisations, u->org),
		    name_display(&ds->occupations, r->occupation),
		    L->dup.periods.buf);
	strbuf_release(&where);
	strbuf_reset(&L->dup.periods);
	L->dup.n = 0;
}

static void note_duplicate(struct loader *L, uint32_t rowid, uint32_t period,
			   uint32_t earlier, size_t col)
{
	if (L->dup.n && (L->dup.row != rowid || L->dup.earlier != earlier))
		flush_duplicates(L);
	if (!L->dup.n) {
		L->dup.row = rowid;
		L->dup.earlier = earlier;
		L->dup.loc = field_loc(L, col);
	} else {
		strbuf_addstr(&L->dup.periods, ", ");
	}
	strbuf_addstr(&L->dup.periods, L->ds->periods[period].label);
	L->dup.n++;
}

static int add_record(struct loader *L, uint32_t rowid, uint32_t period,
		      uint8_t level, size_t col, unsigned long line)
{
	uint32_t earlier, in;
	unsigned long eline;
	struct strbuf key = STRBUF_INIT, where = STRBUF_INIT;
	enum dataset_add st = dataset_add(L->ds, rowid, period, level,
					  L->input, line, &earlier);
	int rc = 0;

	if (st == DATASET_ADDED)
		return 0;
	if (st == DATASET_FULL) {
		struct kmap_loc loc = { L->src.name, line, 0 };
		lreport(L, DIAG_ERROR, &loc, "run kmap on fewer files at once",
			"more than %u input lines in one run",
			(unsigned)DATASET_MAX_LINES);
		L->errors++;
		return -1;
	}
	if (st == DATASET_DUPLICATE) {
		note_duplicate(L, rowid, period, earlier, col);
		return 0;
	}
	dataset_line_of(L->ds, earlier, &in, &eline);
	describe_key(L, rowid, period, &key);
	if (in == L->input)
		strbuf_addf(&where, "line %lu", eline);
	else
		strbuf_addf(&where, "%s:%lu", L->ds->inputs[in].name, eline);
	struct kmap_loc loc = field_loc(L, col);
	uint8_t old = dataset_level(L->ds, rowid, period);
	lreport(L, DIAG_ERROR, &loc, NULL,
		    "conflicting rating '%s' for %s: %s says '%s'",
		    level_label(L->ds->scale, level), key.buf, where.buf,
		    level_label(L->ds->scale, old));
	L->errors++;
	rc = -1;
	strbuf_release(&key);
	strbuf_release(&where);
	return rc;
}

static void add_comment(struct loader *L, uint32_t rowid, int32_t period,
			const struct csvin_field *f, unsigned long line)
{
	size_t b = 0, e = f->len;
	const char *p;

	if (!L->ds->keep_comments)
		return;
	while (b < e && (f->ptr[b] == ' ' || f->ptr[b] == '\t'))
		b++;
	while (e > b && (f->ptr[e - 1] == ' ' || f->ptr[e - 1] == '\t' ||
			 f->ptr[e - 1] == '\n'))
		e--;
	p = f->ptr + b;
	e -= b;
	unguard(&p, &e);
	if (e)
		dataset_add_comment(L->ds, rowid, period, L->input, line, p, e);
}

/* Checks the field count against the header. */
static int check_width(struct loader *L, const struct csvin_row *row)
{
	if (row->nfields < L->s.ncols && !L->o->fill_missing) {
		struct kmap_loc loc = { L->src.name, row->line, 0 };
		lreport(L, DIAG_ERROR, &loc,
			    "if Excel left out trailing empty cells, use "
			    "--fill-missing",
			    "expected %zu fields, got %zu", L->s.ncols,
			    row->nfields);
		L->errors++;
		return -1;
	}
	if (row->nfields < L->s.ncols && !L->rows.short_rows++) {
		struct kmap_loc loc = { L->src.name, row->line, 0 };
		lreport(L, DIAG_WARNING, &loc, NULL,
			"fewer fields than the header; the missing "
				   "cells are read as empty (--fill-missing)");
	}
	for (size_t i = L->s.ncols; i < row->nfields; i++) {
		if (!row->fields[i].len)
			continue;
		struct kmap_loc loc = field_loc(L, i);
		lreport(L, DIAG_ERROR, &loc, "give the column a header",
			    "data in unnamed column %zu", i + 1);
		L->errors++;
		return -1;
	}
	for (size_t i = 0; i < L->s.ncols; i++) {
		struct column *c = &L->s.cols[i];
		if (c->role != COL_EMPTY || c->warned_data ||
		    !row->fields[i].len)
			continue;
		struct kmap_loc loc = field_loc(L, i);
		c->warned_data = 1;
		lreport(L, DIAG_WARNING, &loc, NULL,
			"column %zu has data but no header; "
				   "ignored",
			     i + 1);
	}
	return 0;
}

/* Reports bad ratings and periods of a row that cannot be added. */
static void check_values(struct loader *L, const struct csvin_row *row)
{
	const struct schema *s = &L->s;

	if (s->layout == LAYOUT_LONG) {
		read_period(L, &row->fields[s->col[COL_PERIOD]],
			    (size_t)s->col[COL_PERIOD], row->line);
		read_rating(L, &row->fields[s->col[COL_RATING]],
			    (size_t)s->col[COL_RATING]);
		return;
	}
	for (size_t i = 0; i < s->ncols; i++)
		if (s->cols[i].role == COL_PERIOD_RATING)
			read_rating(L, &row->fields[i], i);
}

static void row_state_init(struct row_state *rs)
{
	memset(rs, 0, sizeof(*rs));
	for (int i = 0; i < 3; i++)
		rs->last_key[i] = -1;
}

static void row_state_release(struct row_state *rs)
{
	free(rs->pad);
}

/*
 * A short row with --fill-missing: the cells it lacks (up to ncols) read
 * as empty.
 */
static const struct csvin_row *pad_row(struct row_state *rs, size_t ncols,
				       const struct csvin_row *row,
				       struct csvin_row *padded)
{
	static const struct csvin_field empty = { "", 0 };

	if (row->nfields >= ncols)
		return row;
	if (rs->pad_cap < ncols) {
		rs->pad_cap = ncols;
		rs->pad = xreallocarray(rs->pad, rs->pad_cap, sizeof(*rs->pad));
	}
	memcpy(rs->pad, row->fields, row->nfields * sizeof(*rs->pad));
	for (size_t i = row->nfields; i < ncols; i++)
		rs->pad[i] = empty;
	*padded = *row;
	padded->fields = rs->pad;
	padded->nfields = ncols;
	return padded;
}

/*
 * The period a comment column's text belongs to: a plain comment column
 * to `plain` (the record's period in a long file, the whole row in a wide
 * one), "Kommentar 2023" to 2023, "Kommentar nuläge" to the file's
 * current period, settled when the file is read (settle_comments()).
 */
enum { COMMENT_ON_CURRENT = -2 };

static int32_t comment_period_of(const struct column *c, int32_t plain)
{
	if (c->role == COL_COMMENT)
		return plain;
	return c->current ? COMMENT_ON_CURRENT : (int32_t)c->period;
}

static void add_row_comments(struct loader *L, uint32_t rowid,
			     const struct csvin_row *row, int32_t plain)
{
	for (size_t i = 0; i < L->s.ncols; i++) {
		const struct column *c = &L->s.cols[i];
		if (c->role == COL_COMMENT || c->role == COL_PERIOD_COMMENT)
			add_comment(L, rowid, comment_period_of(c, plain),
				    &row->fields[i], row->line);
	}
}

/* Whether a long row has only comments: no period, no rating. */
static int only_comments(const struct loader *L, const struct csvin_row *row)
{
	int any = 0;

	if (row->fields[L->s.col[COL_PERIOD]].len ||
	    row->fields[L->s.col[COL_RATING]].len)
		return 0;
	for (size_t i = 0; i < L->s.ncols; i++) {
		enum col_role r = L->s.cols[i].role;
		if ((r == COL_COMMENT || r == COL_PERIOD_COMMENT) &&
		    row->fields[i].len)
			any = 1;
	}
	return any;
}

/* A long row: one record, its period and rating in their columns. */
static int process_long_row(struct loader *L, uint32_t rowid,
			    const struct csvin_row *row)
{
	int pc = L->s.col[COL_PERIOD], rcol = L->s.col[COL_RATING];

	/*
	 * No period and no rating, only a comment: the comment on the whole
	 * row, as kmap convert writes a wide file's "Kommentar".
	 */
	if (only_comments(L, row)) {
		add_row_comments(L, rowid, row, -1);
		return 0;
	}
	int64_t period = read_period(L, &row->fields[pc], (size_t)pc,
				     row->line);
	int level = read_rating(L, &row->fields[rcol], (size_t)rcol);
	if (period < 0 || level < 0)
		return -1;
	L->ds->inputs[L->input].records++;
	int rc = add_record(L, rowid, (uint32_t)period, (uint8_t)level,
			    (size_t)rcol, row->line);
	add_row_comments(L, rowid, row, (int32_t)period);
	return rc;
}

/* A wide row: one record per period column. */
static int process_wide_row(struct loader *L, uint32_t rowid,
			    const struct csvin_row *row)
{
	int rc = 0;

	add_row_comments(L, rowid, row, -1);
	for (size_t i = 0; i < L->s.ncols; i++) {
		const struct column *c = &L->s.cols[i];
		if (c->role != COL_PERIOD_RATING)
			continue;
		int level = read_rating(L, &row->fields[i], i);
		if (level < 0) {
			rc = -1;
			if (!L->o->all_errors)
				return -1;
			continue;
		}
		L->ds->inputs[L->input].records++;
		if (add_record(L, rowid, c->period, (uint8_t)level, i,
			       row->line)) {
			rc = -1;
			if (!L->o->all_errors)
				return -1;
		}
	}
	return rc;
}

/* The row id of (region, organisation, occupation), cached for a run. */
static uint32_t row_of(struct loader *L, int32_t region, int32_t org,
		       int32_t occ)
{
	if (region != L->rows.last_key[0] || org != L->rows.last_key[1] ||
	    occ != L->rows.last_key[2]) {
		uint32_t unit = dataset_unit(L->ds, (uint32_t)region,
					     (uint32_t)org);
		L->rows.last_rowid = dataset_row(L->ds, unit, (uint32_t)occ);
		L->rows.last_key[0] = region;
		L->rows.last_key[1] = org;
		L->rows.last_key[2] = occ;
	}
	return L->rows.last_rowid;
}

static int process_row(struct loader *L, const struct csvin_row *in)
{
	struct csvin_row padded;
	const struct csvin_row *row;
	const struct schema *s = &L->s;
	int32_t region, org, occ;

	L->cur = in;
	if (check_width(L, in))
		return -1;
	row = pad_row(&L->rows, s->ncols, in, &padded);
	L->cur = row;
	region = read_place(L, row, COL_REGION, &L->places.last_region,
			    L->places.default_region);
	if (region < 0 && !L->o->all_errors)
		return -1;
	org = read_place(L, row, COL_ORGANISATION, &L->places.last_org,
			 L->places.default_org);
	if (org < 0 && !L->o->all_errors)
		return -1;
	const struct csvin_field *of = &row->fields[s->col[COL_OCCUPATION]];
	occ = intern_cached(&L->names, 2, &L->ds->occupations, of);
	if (occ == NAME_EMPTY)
		value_error(L, (size_t)s->col[COL_OCCUPATION], NULL,
			    "empty occupation%s", "");
	else if (occ < 0)
		name_error(L, (size_t)s->col[COL_OCCUPATION], occ,
			   "occupation", of);
	if (region < 0 || org < 0 || occ < 0) {
		if (L->o->all_errors)
			check_values(L, row);
		return -1;
	}
	L->ds->inputs[L->input].rows++;
	uint32_t rowid = row_of(L, region, org, occ);
	if (s->layout == LAYOUT_LONG)
		return process_long_row(L, rowid, row);
	return process_wide_row(L, rowid, row);
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

static int resolve_defaults(struct loader *L)
{
	L->places.default_region = L->places.default_org = -1;
	if (L->o->default_region) {
		const char *d = L->o->default_region;
		L->places.default_region =
			name_table_intern(&L->ds->regions, d, strlen(d));
	}
	if (L->o->default_organisation) {
		const char *d = L->o->default_organisation;
		L->places.default_org =
			name_table_intern(&L->ds->organisations, d, strlen(d));
	}
	/* given but blank: an error here, not an "empty region" per row */
	if (L->o->default_region && L->places.default_region < 0)
		return kmap_error("--default-region '%s' is not a name",
				  L->o->default_region);
	if (L->o->default_organisation && L->places.default_org < 0)
		return kmap_error("--default-organisation '%s' is not a name",
				  L->o->default_organisation);
	return 0;
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
static int resolve_defaults(struct loader *L);
static int process_row(struct loader *L, const struct csvin_row *in);
static void flush_duplicates(struct loader *L);

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
