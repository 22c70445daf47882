/*
 * load_records.c - a data row -> records in the dataset (load_internal.h).
 *
 * Owns the checks of a row's width (--fill-missing pads short rows), the
 * record key's row id, adding records and reporting duplicates (a run of
 * them as one warning) and conflicts, comments, and the row functions:
 * process_row() reads the names, then one function per layout turns the
 * rest into records (process_long_row(), process_wide_row()).
 */
#include <stdlib.h>
#include <string.h>

#include "load_internal.h"
#include "kmap/names.h"
#include "kmap/xalloc.h"

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
	       : level == LEVEL_NA    ? sc->na_words[0] /* "Ej aktuellt" */
				      : sc->levels[level - 1].label;
}

void dup_run_init(struct dup_run *d)
{
	memset(d, 0, sizeof(*d));
	strbuf_init(&d->periods);
}

void dup_run_release(struct dup_run *d)
{
	strbuf_release(&d->periods);
}

void flush_duplicates(struct loader *L)
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
	dataset_place(ds, in, eline, in == L->input, &where);
	lreport(L, DIAG_WARNING, &L->dup.loc, NULL,
		"duplicate of %s (%s / %s / %s / %s); counted once", where.buf,
		name_display(&ds->regions, u->region),
		name_display(&ds->organisations, u->org),
		name_display(&ds->occupations, r->occupation),
		L->dup.periods.buf);
	strbuf_release(&where);
	strbuf_reset(&L->dup.periods);
	L->dup.n = 0;
}

static void note_duplicate(struct loader *L, uint32_t rowid, uint32_t period,
			   uint32_t earlier, const struct kmap_loc *loc)
{
	if (L->dup.n && (L->dup.row != rowid || L->dup.earlier != earlier))
		flush_duplicates(L);
	if (!L->dup.n) {
		L->dup.row = rowid;
		L->dup.earlier = earlier;
		L->dup.loc = *loc;
	} else {
		strbuf_addstr(&L->dup.periods, ", ");
	}
	strbuf_addstr(&L->dup.periods, L->ds->periods[period].label);
	L->dup.n++;
}

/*
 * A record at loc whose key (row rowid, period) already holds one, at
 * global line earlier with level old: a duplicate when the levels are
 * the same (0), else a conflict, reported (-1).
 */
static int repeated_key(struct loader *L, uint32_t rowid, uint32_t period,
			uint8_t level, uint8_t old, uint32_t earlier,
			const struct kmap_loc *loc)
{
	struct strbuf key = STRBUF_INIT;
	uint32_t in;
	unsigned long eline;
	struct strbuf where = STRBUF_INIT;

	if (level == old) {
		note_duplicate(L, rowid, period, earlier, loc);
		return 0;
	}
	dataset_line_of(L->ds, earlier, &in, &eline);
	describe_key(L, rowid, period, &key);
	dataset_place(L->ds, in, eline, in == L->input, &where);
	lreport(L, DIAG_ERROR, loc, NULL,
		"conflicting rating '%s' for %s: %s says '%s'",
		level_label(L->ds->scale, level), key.buf, where.buf,
		level_label(L->ds->scale, old));
	L->errors++;
	strbuf_release(&key);
	strbuf_release(&where);
	return -1;
}

/*
 * While the file's round is open, a new record whose key another round
 * holds is noted, with its place, for settle_round().
 */
static void note_clashes(struct loader *L, uint32_t rowid, uint32_t period,
			 uint8_t level, size_t col)
{
	struct round_state *rs = &L->round;

	for (uint32_t k = 0; k < L->rows.nother; k++) {
		int32_t other = L->rows.other[k];
		if (other < 0 ||
		    dataset_level(L->ds, (uint32_t)other, period) == LEVEL_NONE)
			continue;
		if (rs->nclash == rs->clash_cap) {
			rs->clash_cap = rs->clash_cap ? rs->clash_cap * 2 : 16;
			rs->clash = xreallocarray(rs->clash, rs->clash_cap,
						  sizeof(*rs->clash));
		}
		struct round_clash *c = &rs->clash[rs->nclash++];
		c->round = k;
		c->row = rowid;
		c->period = period;
		c->earlier = dataset_gline(L->ds, (uint32_t)other, period);
		c->level = level;
		c->loc = field_loc(L, col);
	}
}

static int add_record(struct loader *L, uint32_t rowid, uint32_t period,
		      uint8_t level, size_t col, unsigned long line)
{
	uint32_t earlier;
	enum dataset_add st = dataset_add(L->ds, rowid, period, level, L->input,
					  line, &earlier);

	if (st == DATASET_ADDED) {
		/* a repeated record is counted once, in the inputs too */
		L->ds->inputs[L->input].records++;
		if (L->rows.nother)
			note_clashes(L, rowid, period, level, col);
		return 0;
	}
	if (st == DATASET_FULL) {
		struct kmap_loc loc = { L->src.name, line, L->src.row_col };
		lreport(L, DIAG_ERROR, &loc,
			N_("run kmap on fewer files at once"),
			"more than %u input lines in one run",
			(unsigned)DATASET_MAX_LINES);
		L->errors++;
		return -1;
	}
	struct kmap_loc loc = field_loc(L, col);
	return repeated_key(L, rowid, period, level,
			    dataset_level(L->ds, rowid, period), earlier, &loc);
}

int settle_round(struct loader *L, const char *label)
{
	struct dataset *ds = L->ds;
	struct round_state *rs = &L->round;
	struct input_info *in = &ds->inputs[L->input];
	uint32_t id;
	int rc = 0;

	if (!rs->open)
		return 0;
	id = dataset_round(ds, label);
	for (size_t i = 0; i < rs->nclash; i++) {
		const struct round_clash *c = &rs->clash[i];
		int32_t there;
		if (c->round != id)
			continue;
		const struct row *r = &ds->rows[c->row];
		/* a sequential read reports each line's duplicates apart */
		if (L->dup.n && L->dup.loc.line != c->loc.line)
			flush_duplicates(L);
		there = dataset_find_row(ds, r->unit, r->occupation, id);
		if (there < 0)
			continue;
		if (repeated_key(L, c->row, c->period, c->level,
				 dataset_level(ds, (uint32_t)there, c->period),
				 c->earlier, &c->loc))
			rc = -1;
		/* the round has the key: not a record of this input, as in
		 * a sequential read */
		in->records--;
		/* reading stops at the first error unless it keeps going */
		if (rc && !L->o->all_errors)
			break;
	}
	flush_duplicates(L);
	dataset_settle_round(ds, rs->first_row, L->first_comment, rs->id, id);
	rs->id = id;
	rs->open = 0;
	in->round = ds->rounds[id].label;
	in->round_id = id;
	return rc;
}

void round_state_release(struct round_state *rs)
{
	free(rs->clash);
	memset(rs, 0, sizeof(*rs));
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
		struct kmap_loc loc = { L->src.name, row->line,
					L->src.row_col };
		lreport(L, DIAG_ERROR, &loc,
			N_("if Excel left out trailing empty cells, use "
			   "--fill-missing"),
			"expected %zu fields, got %zu", L->s.ncols,
			row->nfields);
		L->errors++;
		return -1;
	}
	if (row->nfields < L->s.ncols && !L->rows.short_rows++) {
		struct kmap_loc loc = { L->src.name, row->line,
					L->src.row_col };
		lreport(L, DIAG_WARNING, &loc, NULL,
			"fewer fields than the header; the missing "
			"cells are read as empty (--fill-missing)");
	}
	for (size_t i = L->s.ncols; i < row->nfields; i++) {
		if (!row->fields[i].len)
			continue;
		struct kmap_loc loc = field_loc(L, i);
		/* a workbook's cell past the header: its own column */
		lreport(L, DIAG_ERROR, &loc, N_("give the column a header"),
			"data in unnamed column %zu",
			row->cells ? (size_t)row->cells[i].col : i + 1);
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

void row_state_init(struct row_state *rs)
{
	memset(rs, 0, sizeof(*rs));
	for (int i = 0; i < 3; i++)
		rs->last_key[i] = -1;
}

void row_state_release(struct row_state *rs)
{
	free(rs->pad);
	free(rs->other);
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
	padded->cells = NULL; /* a workbook's rows come as wide as the header */
	return padded;
}

/*
 * The period a comment column's text belongs to: a plain comment column
 * to `plain` (the record's period in a long file, the whole row in a wide
 * one), "Kommentar 2023" to 2023, "Kommentar nuläge" to the file's
 * current period, settled when the file is read (settle_comments()).
 */
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
	int64_t period =
		read_period(L, &row->fields[pc], (size_t)pc, row->line);
	int level = read_rating(L, &row->fields[rcol], (size_t)rcol);
	if (period < 0 || level < 0)
		return -1;
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
		if (add_record(L, rowid, c->period, (uint8_t)level, i,
			       row->line)) {
			rc = -1;
			if (!L->o->all_errors)
				return -1;
		}
	}
	return rc;
}

/*
 * While the file's round is open: the rows of the same key in the rounds
 * already settled, for note_clashes().
 */
static void find_others(struct loader *L, uint32_t unit, uint32_t occ)
{
	struct row_state *rs = &L->rows;
	const struct dataset *ds = L->ds;

	if (!L->round.open || !ds->nrounds)
		return;
	if (rs->nother < ds->nrounds) {
		rs->other = xreallocarray(rs->other, ds->nrounds,
					  sizeof(*rs->other));
		rs->nother = ds->nrounds;
	}
	for (uint32_t k = 0; k < rs->nother; k++)
		rs->other[k] = dataset_find_row(ds, unit, occ, k);
}

/* The row id of (region, organisation, occupation), cached for a run. */
static uint32_t row_of(struct loader *L, int32_t region, int32_t org,
		       int32_t occ)
{
	if (region != L->rows.last_key[0] || org != L->rows.last_key[1] ||
	    occ != L->rows.last_key[2]) {
		uint32_t unit =
			dataset_unit(L->ds, (uint32_t)region, (uint32_t)org);
		L->rows.last_rowid =
			dataset_row(L->ds, unit, (uint32_t)occ, L->round.id);
		find_others(L, unit, (uint32_t)occ);
		L->rows.last_key[0] = region;
		L->rows.last_key[1] = org;
		L->rows.last_key[2] = occ;
	}
	return L->rows.last_rowid;
}

/* The row's cells in columns kmap does not use, when they are kept. */
static void add_extras(struct loader *L, uint32_t rowid,
		       const struct csvin_row *row)
{
	if (!L->ds->keep_extras)
		return;
	for (size_t i = 0; i < L->s.ncols; i++) {
		const struct column *c = &L->s.cols[i];
		if ((c->role == COL_UNKNOWN || c->role >= COL_CODE) &&
		    row->fields[i].len)
			dataset_add_extra(L->ds, rowid, c->extra,
					  row->fields[i].ptr,
					  row->fields[i].len);
	}
}

int process_row(struct loader *L, const struct csvin_row *in)
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
	if (check_error_cells(L, row)) {
		if (L->o->all_errors)
			check_values(L, row);
		return -1;
	}
	region = read_place(L, row, COL_REGION);
	if (region < 0 && !L->o->all_errors)
		return -1;
	org = read_place(L, row, COL_ORGANISATION);
	if (org < 0 && !L->o->all_errors)
		return -1;
	occ = read_occupation(L, row);
	if (region < 0 || org < 0 || occ < 0) {
		if (L->o->all_errors)
			check_values(L, row);
		return -1;
	}
	L->ds->inputs[L->input].rows++;
	if (read_codes(L, row, region, org, occ))
		return -1;
	uint32_t rowid = row_of(L, region, org, occ);
	add_extras(L, rowid, row);
	if (s->layout == LAYOUT_LONG)
		return process_long_row(L, rowid, row);
	return process_wide_row(L, rowid, row);
}
