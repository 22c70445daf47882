/*
 * load_header.c - a file's header row -> its schema (load_internal.h).
 *
 * Owns the header words and the roles of columns, the classification of
 * each header cell (names, comments, periods), the layout (long or wide),
 * duplicate columns and the report of missing ones. It sees no loader:
 * only the header row, the dataset (period columns get their ids there)
 * and the row source for locations and the look-ahead.
 */
#include <stdlib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "load_internal.h"
#include "kmap/hash.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/xalloc.h"

static const char *const role_names[] = {
	[COL_REGION] = "region",	 [COL_ORGANISATION] = "organisation",
	[COL_OCCUPATION] = "yrke",	 [COL_PERIOD] = "period",
	[COL_RATING] = "bedömning",	 [COL_COMMENT] = "kommentar",
	[COL_ORG_UNIT] = "organisation",
};

const char *col_role_name(enum col_role role)
{
	return (size_t)role < ARRAY_SIZE(role_names) ? role_names[role] : NULL;
}

/* Header words, compared as loose keys (case, spaces, diacritics). */
static const struct {
	enum col_role role;
	const char *words[8];
} header_words[] = {
	{ COL_REGION, { "region", "län", NULL } },
	/* an organisation's upper level and its lower one: a header with
	 * one of each is a two-level organisation, either alone is the
	 * organisation (two_level()) */
	{ COL_ORGANISATION,
	  { "organisation", "organization", "org", "kommun", NULL } },
	{ COL_ORG_UNIT, { "förvaltning", "verksamhet", "enhet", NULL } },
	{ COL_OCCUPATION,
	  { "yrke", "yrkesbefattning", "yrkesbenämning", "befattning",
	    "yrkesgrupp", "occupation", NULL } },
	{ COL_PERIOD, { "år", "period", "year", "tidpunkt", NULL } },
	{ COL_RATING,
	  { "bedömning", "läge", "rating", "status", "färg", NULL } },
	{ COL_COMMENT,
	  { "kommentar", "kommentarer", "analys", "comment", "comments",
	    "motivering", NULL } },
};

/* The header words' loose keys, made once (a header may be wide). */
static char word_keys[ARRAY_SIZE(header_words)][8][48];

static void make_word_keys(void)
{
	struct strbuf w = STRBUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(header_words); i++)
		for (size_t j = 0; header_words[i].words[j]; j++) {
			const char *word = header_words[i].words[j];
			strbuf_reset(&w);
			names_loose_key(word, strlen(word), &w);
			snprintf(word_keys[i][j], sizeof(word_keys[i][j]), "%s",
				 w.buf);
		}
	strbuf_release(&w);
}

static enum col_role role_of_word(const char *key)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, make_word_keys);
	for (size_t i = 0; i < ARRAY_SIZE(header_words); i++)
		for (size_t j = 0; header_words[i].words[j]; j++)
			if (!strcmp(word_keys[i][j], key))
				return header_words[i].role;
	return COL_UNKNOWN;
}

enum load_name_column load_name_column(const char *cell, size_t len)
{
	struct strbuf key = STRBUF_INIT;
	enum col_role role;

	names_loose_key(cell, len, &key);
	role = role_of_word(key.buf);
	strbuf_release(&key);
	switch (role) {
	case COL_REGION:
		return LOAD_NAME_REGION;
	case COL_ORGANISATION:
		return LOAD_NAME_ORGANISATION;
	case COL_OCCUPATION:
		return LOAD_NAME_OCCUPATION;
	default:
		return LOAD_NAME_NONE;
	}
}

/*
 * Whether the loose key holds one of the words of a role as a word of
 * its own ("Kommentar 2023", "Övrig kommentar", "SSYK 2012").
 */
static int has_word_of(const char *key, enum col_role role)
{
	size_t b = 0, n = strlen(key);

	while (b < n) {
		size_t e = b;
		while (e < n && key[e] != ' ' &&
		       !strchr("()[]{},.;:/*-_'\"", key[e]))
			e++;
		if (e > b) {
			char word[64];
			size_t len = e - b < sizeof(word) ? e - b : 0;
			memcpy(word, key + b, len);
			word[len] = '\0';
			if (len && role_of_word(word) == role)
				return 1;
		}
		b = e + 1;
	}
	return 0;
}

/*
 * A code column's role, or COL_UNKNOWN: an occupation's SSYK 2012 code
 * ("SSYK", "SSYK 2012", "yrkeskod", "kod"), an organisation's kommunkod
 * and a region's länskod (keys are loose: "länskod" is "lanskod").
 */
static enum col_role code_role(const char *key)
{
	static const char *const org[] = { "kommunkod", "organisationskod",
					   "orgkod" };
	static const char *const region[] = { "lanskod", "regionkod" };

	for (size_t i = 0; i < ARRAY_SIZE(org); i++)
		if (!strcmp(key, org[i]))
			return COL_ORG_CODE;
	for (size_t i = 0; i < ARRAY_SIZE(region); i++)
		if (!strcmp(key, region[i]))
			return COL_REGION_CODE;
	if (strstr(key, "ssyk") || !strcmp(key, "yrkeskod") ||
	    !strcmp(key, "kod") || !strcmp(key, "code"))
		return COL_CODE;
	return COL_UNKNOWN;
}

/* What mapping a header row needs, besides the schema it fills. */
struct header_cx {
	const struct csvin_row *hdr;
	const struct load_source *src; /* where its cells are */
	struct dataset *ds;	       /* period columns get ids here */
	struct strbuf key;	       /* loose key of the cell at hand */
	int quiet;		       /* only tell whether it would do */
};

static int header_error(struct header_cx *h, size_t col, const char *hint,
			const char *fmt, const char *a, const char *b)
{
	struct kmap_loc loc = h->src->field_loc(h->src->ctx, h->hdr, col);

	diag_report(DIAG_ERROR, &loc, hint, fmt, a, b);
	return -1;
}

/*
 * A header that holds a year but is not one period: the error for it.
 * Such a column is refused, never read past (SPEC §2).
 */
static int period_header_error(struct header_cx *h, size_t i,
			       enum period_status ps)
{
	const struct csvin_field *f = &h->hdr->fields[i];

	if (h->hdr->cells && h->hdr->cells[i].is_date)
		return header_error(
			h, i,
			N_("type the year as text ('2027'), or format "
			   "the cell as text"),
			"header cell formatted as a date: the "
			"workbook holds the day number '%s'%s, not "
			"a period",
			f->ptr, "");
	switch (ps) {
	case PERIOD_NO_YEAR:
		return header_error(h, i, N_("write the year: 'Nuläge 2021'"),
				    "column '%s' names no year%s", f->ptr, "");
	case PERIOD_BACKWARDS:
		return header_error(h, i, NULL,
				    "period '%s' ends before it starts%s",
				    f->ptr, "");
	case PERIOD_TWO_YEARS:
		return header_error(h, i,
				    N_("one column per period: 'Prognos "
				       "2025', or a range '2025-2027'"),
				    "column '%s' names two periods%s", f->ptr,
				    "");
	case PERIOD_DATE:
		return header_error(h, i,
				    N_("write the year ('2024'), or format "
				       "the header cell as text in Excel"),
				    "column '%s' is a date, not a period%s",
				    f->ptr, "");
	default:
		return header_error(h, i,
				    diag_hintf("a period is a year %d-%d or a "
					       "range such as 2022-2024",
					       PERIOD_MIN_YEAR,
					       PERIOD_MAX_YEAR),
				    "column '%s' is not a "
				    "plausible period%s",
				    f->ptr, "");
	}
}

/*
 * A header period past DATASET_MAX_PERIODS: the error for it, or in
 * quiet mode (finding the header) a period column like any other.
 */
static int too_many_periods(struct header_cx *h, size_t i, struct column *c)
{
	struct kmap_loc loc;

	c->period = 0;
	if (h->quiet)
		return 0;
	/* read as nothing: the run fails, and no other check is about it */
	c->role = COL_EMPTY;
	if (h->ds->periods_refused++)
		return -1;
	loc = h->src->field_loc(h->src->ctx, h->hdr, i);
	diag_report(DIAG_ERROR, &loc, PERIODS_CAP_HINT, PERIODS_CAP_MSG,
		    h->hdr->fields[i].ptr, DATASET_MAX_PERIODS);
	return -1;
}

/*
 * A comment column: of the row ("Kommentar", "Övrig kommentar"), of one
 * period ("Kommentar 2023") or of the file's current one ("Kommentar
 * nuläge"). Returns 0, or -1 after reporting a year it cannot read.
 */
static int classify_comment(struct header_cx *h, size_t i, struct column *c)
{
	const struct csvin_field *f = &h->hdr->fields[i];
	struct period_value pv;
	enum period_status ps = period_parse(f->ptr, f->len, &pv);

	if (ps == PERIOD_OK) {
		c->role = COL_PERIOD_COMMENT;
		c->period = dataset_period(h->ds, &pv);
		if (c->period == DATASET_NO_PERIOD)
			return too_many_periods(h, i, c);
		return 0;
	}
	if (ps == PERIOD_NO_YEAR) {
		c->role = COL_PERIOD_COMMENT;
		c->current = 1;
		return 0;
	}
	if (ps == PERIOD_NOT) {
		c->role = COL_COMMENT;
		return 0;
	}
	return h->quiet ? 0 : period_header_error(h, i, ps);
}

/* Classifies one header cell; reports what is wrong with it. */
static int classify(struct header_cx *h, size_t i, struct column *c)
{
	const struct csvin_field *f = &h->hdr->fields[i];
	struct period_value pv;
	enum period_status ps;

	memset(c, 0, sizeof(*c));
	strbuf_reset(&h->key);
	names_loose_key(f->ptr, f->len, &h->key);
	if (!h->key.len) {
		c->role = COL_EMPTY;
		return 0;
	}
	c->role = role_of_word(h->key.buf);
	if (c->role)
		return 0;
	if ((c->role = code_role(h->key.buf)) != COL_UNKNOWN)
		return 0; /* "SSYK 2012" names no period */
	if (has_word_of(h->key.buf, COL_COMMENT))
		return classify_comment(h, i, c);
	ps = period_parse(f->ptr, f->len, &pv);
	if (ps == PERIOD_OK) {
		c->role = COL_PERIOD_RATING;
		c->period = dataset_period(h->ds, &pv);
		c->current = pv.current;
		if (c->period == DATASET_NO_PERIOD)
			return too_many_periods(h, i, c);
		return 0;
	}
	if (h->quiet || ps == PERIOD_NOT)
		return 0;
	return period_header_error(h, i, ps);
}

static void list_columns(const struct csvin_row *hdr, struct strbuf *out)
{
	for (size_t i = 0; i < hdr->nfields; i++) {
		if (!hdr->fields[i].len)
			continue;
		if (out->len)
			strbuf_addstr(out, ", ");
		strbuf_addf(out, "'%s'", hdr->fields[i].ptr);
	}
}

/*
 * Checks which required columns the mapped header lacks; appends their
 * names to missing (when not NULL). Returns how many are missing.
 */
/* missing_columns()' list in lang (NULL: the user's language) */
static int missing_columns_in(const struct schema *s, const struct load_opts *o,
			      const char *lang, struct strbuf *missing);

int missing_columns(const struct schema *s, const struct load_opts *o,
		    struct strbuf *missing)
{
	return missing_columns_in(s, o, NULL, missing);
}

static int missing_columns_in(const struct schema *s, const struct load_opts *o,
			      const char *lang, struct strbuf *missing)
{
	const char *need[4];
	int n = 0;

	if (s->col[COL_OCCUPATION] < 0)
		need[n++] = "'yrke'";
	if (s->col[COL_REGION] < 0 && !o->default_region)
		need[n++] = "'region'";
	if (s->col[COL_ORGANISATION] < 0 && !o->default_organisation)
		need[n++] = "'organisation'";
	if (s->layout == LAYOUT_NONE)
		need[n++] = s->col[COL_RATING] >= 0
				    ? "'år'"
				    : N_("period columns ('2022', 'Nuläge "
					 "2021') or 'bedömning' and 'år'");
	/* TRANSLATORS: before the last in a list */
	const char *and = N_(" and ");
	for (int i = 0; missing && i < n; i++) {
		if (missing->len)
			strbuf_addstr(missing,
				      i + 1 < n ? ", "
				      : lang	? i18n_gettext_in(lang, and)
						: _(and));
		strbuf_addstr(missing, lang ? i18n_gettext_in(lang, need[i])
					    : _(need[i]));
	}
	return n;
}

void schema_release(struct schema *s)
{
	free(s->cols);
	free(s->name_cols);
	memset(s, 0, sizeof(*s));
}

/*
 * The columns seen so far, by what they say, to find a duplicate in
 * linear time however wide the header (a pairwise comparison of 10,000
 * comment columns took minutes). Two columns say the same thing when
 * they have one role and, for a period's ratings, one period, and for a
 * comment, one header text as a loose key: comment columns under
 * different headers ("Kommentar", "Övrig kommentar") are all read; two
 * ratings of one period are not.
 */
struct seen_columns {
	const struct schema *s;
	char **keys;  /* a comment column's loose key, else NULL */
	size_t *slot; /* column + 1; 0: empty */
	size_t mask;
};

static void seen_init(struct seen_columns *t, const struct schema *s)
{
	size_t n = 16;

	while (n < 2 * s->ncols)
		n *= 2;
	t->s = s;
	t->keys = xcalloc(s->ncols ? s->ncols : 1, sizeof(*t->keys));
	t->slot = xcalloc(n, sizeof(*t->slot));
	t->mask = n - 1;
}

static void seen_release(struct seen_columns *t)
{
	for (size_t i = 0; t->keys && i < t->s->ncols; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->slot);
}

static int seen_same(const struct seen_columns *t, size_t i, size_t j)
{
	const struct column *c = &t->s->cols[i], *d = &t->s->cols[j];

	if (c->role != d->role)
		return 0;
	if (c->role == COL_PERIOD_RATING)
		return c->period == d->period;
	if (t->keys[i])
		return !strcmp(t->keys[i], t->keys[j]);
	return 1;
}

/*
 * The first earlier column that says what column i (role > COL_EMPTY)
 * says, or -1 after adding i as the first to say it.
 */
static long seen_find_add(struct seen_columns *t, const struct csvin_row *hdr,
			  size_t i)
{
	const struct column *c = &t->s->cols[i];
	uint64_t h = (uint64_t)c->role * 0x9E3779B97F4A7C15ULL;
	size_t at;

	if (c->role == COL_COMMENT || c->role == COL_PERIOD_COMMENT) {
		struct strbuf key = STRBUF_INIT;
		names_loose_key(hdr->fields[i].ptr, hdr->fields[i].len, &key);
		t->keys[i] = strbuf_detach(&key, NULL);
		h ^= hash_bytes(t->keys[i], strlen(t->keys[i]));
	} else if (c->role == COL_PERIOD_RATING) {
		h ^= hash_mix(c->period + 1);
	}
	for (at = (size_t)hash_mix(h) & t->mask; t->slot[at];
	     at = (at + 1) & t->mask)
		if (seen_same(t, i, t->slot[at] - 1))
			return (long)(t->slot[at] - 1);
	t->slot[at] = i + 1;
	return -1;
}

/*
 * A lower-level column ("Förvaltning", "Enhet") without an upper one
 * beside it is the organisation, as it always was; with one ("Kommun",
 * "Organisation") the organisation has two levels (SPEC §2).
 */
static void two_level(struct schema *s)
{
	int unit = s->col[COL_ORG_UNIT];

	if (unit >= 0 && s->col[COL_ORGANISATION] >= 0) {
		/* a kommunkod is the upper level's, not each pair's: given
		 * to the pairs, it would count a kommun's förvaltningar as
		 * one; the column is carried as one kmap does not use */
		for (size_t i = 0; i < s->ncols; i++)
			if (s->cols[i].role == COL_ORG_CODE)
				s->cols[i].role = COL_UNKNOWN;
		s->col[COL_ORG_CODE] = -1;
	}
	if (unit < 0 || s->col[COL_ORGANISATION] >= 0)
		return;
	for (size_t i = 0; i < s->ncols; i++)
		if (s->cols[i].role == COL_ORG_UNIT)
			s->cols[i].role = COL_ORGANISATION;
	s->col[COL_ORGANISATION] = unit;
	s->col[COL_ORG_UNIT] = -1;
}

/*
 * Maps a header row. quiet: only tell whether it would do (for finding a
 * header further down). Returns 0 or -1.
 */
int map_header(struct schema *s, const struct csvin_row *hdr,
	       struct dataset *ds, const struct load_source *src, int quiet)
{
	struct header_cx h = { hdr, src, ds, STRBUF_INIT, quiet };
	struct seen_columns seen = { 0 };
	int rc = 0;

	schema_release(s);
	s->ncols = hdr->nfields;
	s->cols = xcalloc(hdr->nfields, sizeof(*s->cols));
	for (size_t r = 0; r < ARRAY_SIZE(s->col); r++)
		s->col[r] = -1;
	if (!quiet)
		seen_init(&seen, s);
	for (size_t i = 0; i < hdr->nfields; i++) {
		struct column *c = &s->cols[i];
		if (classify(&h, i, c))
			rc = -1;
		if (c->role == COL_PERIOD_RATING)
			s->nperiod_cols++;
		long j = !quiet && c->role > COL_EMPTY
				 ? seen_find_add(&seen, hdr, i)
				 : -1;
		if (j >= 0) {
			struct kmap_loc first =
				src->field_loc(src->ctx, hdr, (size_t)j);
			header_error(&h, i,
				     diag_hintf("the same column is also at "
						"column %lu",
						first.col),
				     "duplicate column '%s'%s",
				     hdr->fields[i].ptr, "");
			rc = -1;
		}
		if (c->role > COL_EMPTY && s->col[c->role] < 0)
			s->col[c->role] = (int)i;
	}
	if (!quiet)
		seen_release(&seen);
	two_level(s);
	s->name_cols = xcalloc(s->ncols + 1, sizeof(*s->name_cols));
	for (size_t i = 0; i < s->ncols; i++) {
		enum col_role r = s->cols[i].role;
		if (r == COL_REGION || r == COL_ORGANISATION ||
		    r == COL_OCCUPATION || r == COL_ORG_UNIT)
			s->name_cols[s->nname_cols++] = i;
	}
	if (s->col[COL_RATING] >= 0 && s->col[COL_PERIOD] >= 0)
		s->layout = LAYOUT_LONG;
	else if (s->nperiod_cols)
		s->layout = LAYOUT_WIDE;
	if (s->layout == LAYOUT_LONG && s->nperiod_cols && !quiet) {
		header_error(&h, (size_t)s->col[COL_RATING],
			     N_("a file is either long (one rating column) or "
				"wide (one column per period)"),
			     "both a rating column '%s' and period columns"
			     "%s",
			     hdr->fields[s->col[COL_RATING]].ptr, "");
		rc = -1;
	}
	strbuf_release(&h.key);
	return rc;
}

void report_unknown_columns(const struct schema *s, const struct csvin_row *hdr,
			    const struct load_source *src)
{
	struct strbuf list = STRBUF_INIT;
	struct kmap_loc loc = { src->name, hdr->line, src->row_col };
	size_t n = 0;

	/* nothing is dropped silently: every column read past is named */
	for (size_t i = 0; i < s->ncols; i++) {
		if (s->cols[i].role != COL_UNKNOWN)
			continue;
		if (list.len)
			strbuf_addstr(&list, ", ");
		strbuf_addf(&list, "'%s'", hdr->fields[i].ptr);
		n++;
	}
	if (n)
		diag_report_n(DIAG_NOTE, &loc, NULL, n,
			      "column kmap does not use: %s",
			      "columns kmap does not use: %s", list.buf);
	strbuf_release(&list);
}

void report_two_level(const struct schema *s, const struct csvin_row *hdr,
		      const struct load_source *src, struct dataset *ds)
{
	int up = s->col[COL_ORGANISATION], low = s->col[COL_ORG_UNIT];
	struct kmap_loc loc = { src->name, hdr->line, 0 };

	if (up < 0 || low < 0)
		return;
	dataset_add_upper_header(ds, hdr->fields[up].ptr, hdr->fields[up].len);
	kmap_note_at(&loc,
		     "columns '%s' and '%s' are one organisation of two "
		     "levels, named '%s / %s' ('--by %s' groups on the first)",
		     hdr->fields[up].ptr, hdr->fields[low].ptr,
		     hdr->fields[up].ptr, hdr->fields[low].ptr,
		     hdr->fields[up].ptr);
}

int row_is_empty(const struct csvin_row *row)
{
	for (size_t i = 0; i < row->nfields; i++) {
		const char *p = row->fields[i].ptr;
		for (size_t k = 0; k < row->fields[i].len; k++)
			if (p[k] != ' ' && p[k] != '\t' && p[k] != '\n')
				return 0;
	}
	return 1;
}

/*
 * Reports required columns that are missing. Looks at the next rows for
 * one that would do as header, to point at --header-line.
 */
void row_copy_init(struct row_copy *c, const struct csvin_row *row)
{
	size_t len = row->raw_len + 1, at;

	for (size_t i = 0; i < row->nfields; i++)
		len += row->fields[i].len + 1;
	c->text = xmalloc(len);
	c->fields = xcalloc(row->nfields + 1, sizeof(*c->fields));
	memcpy(c->text, row->raw, row->raw_len);
	c->text[row->raw_len] = '\0';
	at = row->raw_len + 1;
	for (size_t i = 0; i < row->nfields; i++) {
		memcpy(c->text + at, row->fields[i].ptr, row->fields[i].len);
		c->text[at + row->fields[i].len] = '\0';
		c->fields[i].ptr = c->text + at;
		c->fields[i].len = row->fields[i].len;
		at += row->fields[i].len + 1;
	}
	c->row = *row;
	c->row.fields = c->fields;
	c->row.raw = c->text;
	c->cells = NULL;
	if (row->cells) {
		c->cells = xcalloc(row->nfields + 1, sizeof(*c->cells));
		memcpy(c->cells, row->cells, row->nfields * sizeof(*c->cells));
		for (size_t i = 0; i < row->nfields; i++) {
			c->cells[i].text = c->fields[i].ptr;
			c->cells[i].len = c->fields[i].len;
		}
		c->row.cells = c->cells;
	}
}

void row_copy_release(struct row_copy *c)
{
	free(c->text);
	free(c->fields);
	free(c->cells);
}

int find_header_below(struct schema *s, struct csvin_row *hdr,
		      struct dataset *ds, const struct load_source *src,
		      const struct load_opts *o)
{
	unsigned long first = hdr->line;
	struct csvin_row row;

	/* the rows above are titles: what they say is not for messages */
	diag_silence(1);
	for (int n = 0; n < HEADER_SEARCH_ROWS; n++) {
		int st = src->next(src->ctx, &row);
		if (st == CSVIN_EOF || st == CSVIN_FATAL)
			break;
		if (st != CSVIN_ROW || row_is_empty(&row))
			continue;
		if (map_header(s, &row, ds, src, 1) == 0 &&
		    !missing_columns(s, o, NULL)) {
			diag_silence(0);
			struct kmap_loc loc = { src->name, row.line,
						src->row_col };
			if (row.line - first > 1 && src->row_col)
				kmap_note_at(&loc,
					     "the header is on row %lu; rows "
					     "%lu-%lu above it are read as a "
					     "title",
					     row.line, first, row.line - 1);
			else if (row.line - first > 1)
				kmap_note_at(&loc,
					     "the header is on line %lu; lines "
					     "%lu-%lu above it are read as a "
					     "title",
					     row.line, first, row.line - 1);
			else if (src->row_col)
				kmap_note_at(&loc,
					     "the header is on row %lu; row "
					     "%lu above it is read as a title",
					     row.line, first);
			else
				kmap_note_at(&loc,
					     "the header is on line %lu; line "
					     "%lu above it is read as a title",
					     row.line, first);
			*hdr = row;
			return 0;
		}
	}
	diag_silence(0);
	return -1;
}

int report_missing_header(const struct schema *s, const struct csvin_row *hdr,
			  struct dataset *ds, const struct load_source *src,
			  const struct load_opts *o)
{
	struct strbuf missing = STRBUF_INIT, found = STRBUF_INIT;
	unsigned long hdr_line = hdr->line;
	struct kmap_loc loc = { src->name, hdr_line,
				src->row_col | 1 }; /* the header row */
	struct schema probe = { 0 };
	struct csvin_row row;
	const char *hint;
	unsigned long better = 0;

	int nmissing = missing_columns(s, o, &missing);
	/* hdr's fields are only valid until the look-ahead reads on */
	const char *one = hdr->nfields == 1 ? hdr->fields[0].ptr : "";
	int d = strchr(one, ';')    ? ';'
		: strchr(one, '\t') ? '\t'
		: strchr(one, ',')  ? ','
				    : 0;
	list_columns(hdr, &found);
	diag_silence(1);
	for (int n = 0; n < 20 && !better; n++) {
		int st = src->next(src->ctx, &row);
		if (st == CSVIN_EOF || st == CSVIN_FATAL)
			break;
		if (st != CSVIN_ROW || row_is_empty(&row))
			continue;
		if (map_header(&probe, &row, ds, src, 1) == 0 &&
		    !missing_columns(&probe, o, NULL))
			better = row.line;
	}
	diag_silence(0);
	schema_release(&probe);
	if (better) {
		hint = diag_hintf("use --header-line %lu", better);
		diag_report(DIAG_ERROR, &loc, hint,
			    "the header is not in line %lu (no %s); it looks "
			    "like line %lu",
			    hdr_line, missing.buf, better);
	} else {
		int only_places =
			s->col[COL_OCCUPATION] >= 0 && s->layout != LAYOUT_NONE;
		if (d)
			hint = diag_hintf(
				"the header is one column: is the delimiter "
				"%s? try --delimiter %s",
				d == '\t'  ? "TAB"
				: d == ';' ? "';'"
					   : "','",
				d == '\t'  ? "tab"
				: d == ';' ? "';'"
					   : "','");
		else
			hint = only_places
				       ? N_("a file without them needs "
					    "--default-region/"
					    "--default-organisation NAME")
				       : N_("the column names kmap knows are "
					    "listed under 'Input' in the "
					    "README");
		/* the list of what is missing has words: in each language */
		const char *lang = diag_sink_lang();
		struct strbuf sink_missing = STRBUF_INIT;
		if (lang)
			missing_columns_in(s, o, lang, &sink_missing);
		if (found.len)
			diag_report_values_n(
				DIAG_ERROR, &loc, hint, (unsigned long)nmissing,
				"missing column %s; found %s",
				"missing columns %s; found %s", missing.buf,
				lang ? sink_missing.buf : NULL, found.buf);
		else
			diag_report_values_n(
				DIAG_ERROR, &loc, hint, (unsigned long)nmissing,
				"missing column %s; found no column names",
				"missing columns %s; found no column names",
				missing.buf, lang ? sink_missing.buf : NULL,
				NULL);
		strbuf_release(&sink_missing);
	}
	strbuf_release(&missing);
	strbuf_release(&found);
	return -1;
}
