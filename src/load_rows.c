/*
 * load_rows.c - which rows of a file are data (load_internal.h).
 *
 * Sheets people send carry rows that are not ratings: a total row at
 * the bottom ("Summa", counts in the rating columns) and notes below the
 * data ("Källa: ...", "* preliminär"). A total row is skipped with a
 * warning where it is met. A note cannot be told from a data row by
 * itself (an occupation in a merged block, not yet rated, looks the
 * same: one cell, no rating), so such a row is held until the next row
 * says what it was: data when data follows, a note (skipped, with a
 * warning) when the file ends first.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "load_internal.h"
#include "kmap/names.h"
#include "kmap/xalloc.h"

/* Rows held at most; past it they are read as data. */
enum { MAX_HELD = 1000 };

/*
 * Whether a name cell says the row is a total: its text, without the
 * spaces around it and in any case, is one of the words or starts with
 * one and a space. The words are ASCII, so this needs no normalising,
 * and two letters rule out nearly every name (it runs on every row).
 */
static int total_word(const char *p, size_t n)
{
	static const char *const words[] = {
		"summa", "totalt",   "total", "totalsumma",  "summering", "sum",
		"antal", "samtliga", "alla",  "grand total", "totals",
	};
	static const char *const starts[] = { "summa ", "totalt ", "total ",
					      "samtliga ", "antal " };

	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (n < 3)
		return 0;
	char a = (char)(p[0] | 0x20), b = (char)(p[1] | 0x20);
	if (!((a == 's' && (b == 'u' || b == 'a')) || (a == 't' && b == 'o') ||
	      (a == 'a' && (b == 'n' || b == 'l')) || (a == 'g' && b == 'r')))
		return 0;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (strlen(words[i]) == n && !strncasecmp(p, words[i], n))
			return 1;
	for (size_t i = 0; i < ARRAY_SIZE(starts); i++) {
		size_t k = strlen(starts[i]);
		if (n > k && !strncasecmp(p, starts[i], k))
			return 1;
	}
	return 0;
}

static int is_rating_column(const struct schema *s, size_t i)
{
	enum col_role r = s->cols[i].role;

	return r == COL_PERIOD_RATING || r == COL_RATING;
}

static int is_count(const struct csvin_field *f)
{
	size_t b = 0, e = f->len;

	while (b < e && f->ptr[b] == ' ')
		b++;
	while (e > b && f->ptr[e - 1] == ' ')
		e--;
	return e > b && strspn(f->ptr + b, "0123456789") == e - b;
}

/*
 * A total row: a name cell that says so ("Summa", "Totalt Örebro län"),
 * or no occupation and nothing but counts where the ratings go. Sets
 * *what to the name cell that tells, or NULL for counts. The counts are
 * looked at only when the occupation is empty: this runs on every row.
 */
static int is_total(struct loader *L, const struct csvin_row *row,
		    const char **what)
{
	const struct schema *s = &L->s;
	size_t n = s->ncols < row->nfields ? s->ncols : row->nfields;
	int counts = 0, other = 0;

	*what = NULL;
	for (size_t k = 0; k < s->nname_cols && s->name_cols[k] < n; k++) {
		const struct csvin_field *f = &row->fields[s->name_cols[k]];
		if (f->len && total_word(f->ptr, f->len)) {
			*what = f->ptr;
			return 1;
		}
	}
	int col = s->col[COL_OCCUPATION];
	if (col >= 0 && (size_t)col < row->nfields && row->fields[col].len)
		return 0;
	for (size_t i = 0; i < n && !other; i++) {
		const struct csvin_field *f = &row->fields[i];
		if (!f->len || !is_rating_column(s, i))
			continue;
		if (is_count(f))
			counts++;
		else
			other = 1;
	}
	return counts && !other;
}

/*
 * A row that may be a note: one cell, no rating, and not an occupation
 * (that is one not rated yet).
 */
static int may_be_note(const struct loader *L, const struct csvin_row *row)
{
	const struct schema *s = &L->s;
	int cells = 0;

	for (size_t i = 0; i < row->nfields; i++) {
		const struct csvin_field *f = &row->fields[i];
		if (!f->len)
			continue;
		if (i < s->ncols &&
		    (is_rating_column(s, i) || s->cols[i].role == COL_PERIOD ||
		     s->cols[i].role == COL_OCCUPATION))
			return 0;
		cells++;
	}
	return cells == 1;
}

/*
 * A held row followed by data: a heading of the block below it when it
 * names only a region or an organisation ("Kalmar län" above its
 * organisations), which the rows below take by fill-down; else a row
 * of data. Returns 1 for a heading, kept as the value above.
 */
static int is_heading(struct loader *L, const struct csvin_row *row)
{
	const struct schema *s = &L->s;

	for (size_t i = 0; i < row->nfields && i < s->ncols; i++) {
		enum col_role r = s->cols[i].role;
		if (!row->fields[i].len ||
		    (r != COL_REGION && r != COL_ORGANISATION))
			continue;
		struct name_table *t = r == COL_REGION ? &L->ds->regions
						       : &L->ds->organisations;
		int which = r == COL_REGION ? PLACE_REGION : PLACE_ORG;
		if (which == PLACE_ORG && s->col[COL_ORG_UNIT] >= 0) {
			/* a kommun above its förvaltningar: no name yet */
			if (set_upper_above(L, &row->fields[i]))
				return 0;
			L->places.last[PLACE_OCCUPATION] = -1;
			return 1;
		}
		int32_t id = name_table_intern(t, row->fields[i].ptr,
					       row->fields[i].len);
		if (id < 0)
			return 0; /* read as data: its error is reported */
		L->places.last[which] = id;
		/* the block below starts afresh */
		if (which == PLACE_REGION) {
			L->places.last[PLACE_ORG] = -1;
			strbuf_reset(&L->places.upper);
			strbuf_reset(&L->places.lower_above);
		}
		L->places.last[PLACE_OCCUPATION] = -1;
		return 1;
	}
	return 0;
}

static void hold(struct loader *L, const struct csvin_row *row)
{
	struct held_rows *h = &L->held;

	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 8;
		h->v = xreallocarray(h->v, h->cap, sizeof(*h->v));
	}
	row_copy_init(&h->v[h->n++], row);
}

/* The rows held were data after all: read them, in order. */
static int release_held(struct loader *L)
{
	struct held_rows *h = &L->held;
	int rc = 0;

	for (size_t i = 0; i < h->n; i++) {
		if (!is_heading(L, &h->v[i].row) &&
		    process_row(L, &h->v[i].row))
			rc = -1;
		flush_duplicates(L);
		row_copy_release(&h->v[i]);
	}
	h->n = 0;
	return rc;
}

int load_row(struct loader *L, const struct csvin_row *row)
{
	const char *what = NULL;

	if (is_total(L, row, &what)) {
		struct kmap_loc loc = { L->src.name, row->line,
					L->src.row_col };
		if (what)
			lreport(L, DIAG_WARNING, &loc, NULL,
				"a total row ('%s'), not ratings; skipped",
				what);
		else
			lreport(L, DIAG_WARNING, &loc, NULL,
				"a total row (counts where the ratings go), "
				"not ratings; skipped");
		return 0;
	}
	if (may_be_note(L, row) && L->held.n < MAX_HELD) {
		hold(L, row);
		return 0;
	}
	int rc = release_held(L);
	flush_duplicates(L);
	if (process_row(L, row))
		rc = -1;
	return rc;
}

void load_rows_end(struct loader *L)
{
	struct held_rows *h = &L->held;

	for (size_t i = 0; i < h->n; i++) {
		const struct csvin_row *row = &h->v[i].row;
		const char *text = "";
		for (size_t k = 0; k < row->nfields && !*text; k++)
			text = row->fields[k].ptr;
		struct kmap_loc loc = { L->src.name, row->line,
					L->src.row_col };
		lreport(L, DIAG_WARNING, &loc, NULL,
			"a note below the data ('%s'), not ratings; skipped",
			text);
		row_copy_release(&h->v[i]);
	}
	h->n = 0;
}

void held_rows_release(struct held_rows *h)
{
	for (size_t i = 0; i < h->n; i++)
		row_copy_release(&h->v[i]);
	free(h->v);
	memset(h, 0, sizeof(*h));
}
