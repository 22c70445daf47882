/*
 * load_values.c - the value of a cell (load_internal.h).
 *
 * Owns how the loader reports (lreport(): a split helper's loader never
 * prints), ratings and periods with their caches, the file's periods and
 * its Nuläge, and names: places with --fill-down and --default-*,
 * occupations, each with a one-entry cache for runs of equal cells.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "load_internal.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/scale.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

/*
 * Reports a problem found while reading rows. The loader of the second
 * part of a split file runs speculatively in a helper thread: it must not
 * print, and any message there means its work is thrown away and the
 * main thread reads that part again itself (see read_part()).
 */
void lreport(struct loader *L, enum diag_severity sev,
	     const struct kmap_loc *loc, const char *hint, const char *fmt, ...)
{
	va_list ap;

	if (L->speculative) {
		L->spec_failed = 1;
		return;
	}
	va_start(ap, fmt);
	diag_vreport(sev, loc, hint, fmt, ap);
	va_end(ap);
}

/* Where field col of the row being read starts. */
struct kmap_loc field_loc(struct loader *L, size_t col)
{
	return L->src.field_loc(L->src.ctx, L->cur, col);
}

/*
 * Whether a and b hold the same n bytes: memcmp(3) for the short texts
 * of a cell (a name, a period, a rating), compared on every cell of
 * every row, without the call. Words of 8 (or 4) bytes, the last one
 * overlapping the one before.
 */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;

	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static struct cache_entry *cache_find(struct cache_entry *c, size_t n,
				      const char *raw, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].len == len && same_bytes(c[i].raw, raw, len))
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

void value_caches_release(struct value_caches *vc)
{
	cache_release(vc->rating, vc->nrating);
	cache_release(vc->period, vc->nperiod);
	for (size_t i = 0; i < vc->forms.n; i++) {
		free(vc->forms.v[i].key);
		free(vc->forms.v[i].shown);
	}
	vc->forms.n = 0;
}

static void trim_blanks(const char **p, size_t *n)
{
	while (*n && (**p == ' ' || **p == '\t')) {
		(*p)++;
		(*n)--;
	}
	while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
		(*n)--;
}

/* The form of key (a cell's loose key, written shown): its index. */
static size_t form_of(struct rating_forms *fs, const char *key,
		      const char *shown, size_t shown_len, int level)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].key, key))
			break;
	if (i == fs->n) {
		if (fs->n == MAX_FORMS)
			return MAX_FORMS;
		fs->v[i].key = xstrdup(key);
		fs->v[i].shown = NULL;
		fs->v[i].level = level;
		fs->v[i].n = 0;
		fs->n++;
	}
	/* whatever the order of rows: the first spelling in byte order */
	char *s = xmemdup(shown, shown_len);
	if (!fs->v[i].shown || strcmp(s, fs->v[i].shown) < 0) {
		free(fs->v[i].shown);
		fs->v[i].shown = s;
	} else {
		free(s);
	}
	return i;
}

static void count_form(struct rating_forms *fs, size_t i)
{
	if (i < fs->n)
		fs->v[i].n++;
	else
		fs->more++;
}

void rating_forms_merge(struct rating_forms *to,
			const struct rating_forms *from)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct rating_form *f = &from->v[i];
		size_t k = form_of(to, f->key, f->shown, strlen(f->shown),
				   f->level);
		if (k < to->n)
			to->v[k].n += f->n;
		else
			to->more += f->n;
	}
	to->more += from->more;
}

static int compare_forms(const void *pa, const void *pb)
{
	const struct rating_form *a = pa, *b = pb;

	if (a->level != b->level)
		return a->level - b->level;
	return strcmp(a->key, b->key);
}

/* "'brist' as Brist (3), ... and 2 more cells", in lang (NULL: the user's) */
static void forms_list(const struct rating_forms *fs, const struct scale *sc,
		       const char *lang, struct strbuf *out)
{
	const char *as = N_("'%s' as %s (%lu)");
	static const char *const more[] = {
		NN_(" and %lu more cell", " and %lu more cells"),
	};

	for (size_t i = 0; i < fs->n; i++) {
		if (i)
			strbuf_addstr(out, ", ");
		strbuf_addf(out, lang ? i18n_gettext_in(lang, as) : _(as),
			    fs->v[i].shown,
			    sc->levels[fs->v[i].level - 1].label, fs->v[i].n);
	}
	if (fs->more)
		strbuf_addf(out,
			    lang ? i18n_ngettext_in(lang, more[0], more[1],
						    fs->more)
				 : i18n_ngettext(more[0], more[1], fs->more),
			    fs->more);
}

void report_forms(struct loader *L)
{
	struct rating_forms *fs = &L->caches.forms;
	const struct scale *sc = L->ds->scale;
	struct strbuf list = STRBUF_INIT, sink_list = STRBUF_INIT;
	struct kmap_loc loc = { L->src.name, 0, 0 };
	const char *lang = diag_sink_lang();

	if (!fs->n)
		return;
	qsort(fs->v, fs->n, sizeof(fs->v[0]), compare_forms);
	forms_list(fs, sc, NULL, &list);
	if (lang)
		forms_list(fs, sc, lang, &sink_list);
	diag_report_values(DIAG_NOTE, &loc, NULL,
			   "ratings written another way: %s", list.buf,
			   lang ? sink_list.buf : NULL);
	strbuf_release(&list);
	strbuf_release(&sink_list);
}

static int value_error(struct loader *L, size_t col, const char *hint,
		       const char *fmt, const char *value)
{
	struct kmap_loc loc = field_loc(L, col);

	lreport(L, DIAG_ERROR, &loc, hint, fmt, value);
	L->errors++;
	return -1;
}

/*
 * The rating a cell's text says (read_rating() without its fill): level
 * 1..n, LEVEL_NA or LEVEL_MISSING; -1 after an error.
 */
static int read_rating_text(struct loader *L, const struct csvin_field *f,
			    size_t col)
{
	const struct scale *sc = L->ds->scale;
	struct cache_entry *c =
		cache_find(L->caches.rating, L->caches.nrating, f->ptr, f->len);
	int level = 0, st, other = 0;
	size_t form = MAX_FORMS + 1; /* none */

	if (c) {
		st = c->status;
		level = c->value;
		form = (size_t)c->flag;
	} else {
		st = scale_match_form(sc, f->ptr, f->len, &level, &other,
				      &L->tmp);
		if (st == SCALE_LEVEL && other) {
			const char *p = f->ptr;
			size_t n = f->len;
			trim_blanks(&p, &n);
			form = form_of(&L->caches.forms, L->tmp.buf, p, n,
				       level);
		}
		cache_put(L->caches.rating, &L->caches.nrating, f->ptr, f->len,
			  st, level, (int)form);
	}
	if (st == SCALE_LEVEL && form <= MAX_FORMS)
		count_form(&L->caches.forms, form);
	if (st == SCALE_LEVEL)
		return level;
	if (st == SCALE_MISSING)
		return LEVEL_MISSING;
	if (st == SCALE_NA)
		return LEVEL_NA;
	if (st == SCALE_EXCEL_ERROR)
		return value_error(
			L, col,
			L->cur && L->cur->cells
				? N_("fix the formula in the workbook")
				: N_("fix the formula in the workbook "
				     "and export again"),
			"spreadsheet error value '%s'", f->ptr);
	struct strbuf labels = STRBUF_INIT;
	const char *sugg = scale_suggest(sc, f->ptr, f->len);
	const char *hint, *na = sc->na_words[0];
	scale_list_labels(sc, &labels);
	size_t shown = f->len;
	if (shown > 20) /* a long cell: its start, cut between characters */
		for (shown = 20;
		     shown && !utf8_is_char_start((unsigned char)f->ptr[shown]);
		     shown--)
			;
	/* the word for not applicable said so in each language */
	if (sugg && na)
		hint = diag_hintf(
			"did you mean '%s'? expected one of %s, %s (not "
			"applicable), empty or '-'; a --scale file can name "
			"more words for a level (\"aliases\": [\"%.*s\"])",
			sugg, labels.buf, na, (int)shown, f->ptr);
	else if (sugg)
		hint = diag_hintf(
			"did you mean '%s'? expected one of %s, empty "
			"or '-'; a --scale file can name more words "
			"for a level (\"aliases\": [\"%.*s\"])",
			sugg, labels.buf, (int)shown, f->ptr);
	else if (na)
		hint = diag_hintf("expected one of %s, %s (not applicable), "
				  "empty or '-'; a --scale file can name more "
				  "words for a level (\"aliases\": [\"%.*s\"])",
				  labels.buf, na, (int)shown, f->ptr);
	else
		hint = diag_hintf("expected one of %s, empty or '-'; a --scale "
				  "file can name more words for a level "
				  "(\"aliases\": [\"%.*s\"])",
				  labels.buf, (int)shown, f->ptr);
	value_error(L, col, hint, "unknown rating '%s'", f->ptr);
	strbuf_release(&labels);
	return -1;
}

/* White, greys and black: a table's background, not a rating. */
static int is_neutral(uint32_t rgb)
{
	unsigned r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF, b = rgb & 0xFF;
	unsigned hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
	unsigned lo = r < g ? (r < b ? r : b) : (g < b ? g : b);

	return hi - lo < 0x20;
}

/*
 * A workbook's rating cell with a fill: an empty one is the level of
 * its colour (scale_fill_level()); one with text is what the text says,
 * and a fill that means another level is an error naming both.
 */
static int read_rating_fill(struct loader *L, const struct csvin_field *f,
			    size_t col, uint32_t rgb)
{
	const struct scale *sc = L->ds->scale;
	int level = read_rating_text(L, f, col), by_fill;
	char hex[8], key[16];

	/* "Ej aktuellt" says what it is, whatever its fill */
	if (level < 0 || level == LEVEL_NA)
		return level;
	/* a sheet has a few fills, each on many cells */
	if (!L->caches.fill_known || L->caches.fill_rgb != rgb) {
		L->caches.fill_rgb = rgb;
		L->caches.fill_level = scale_fill_level(sc, rgb);
		L->caches.fill_known = 1;
	}
	by_fill = L->caches.fill_level;
	if (level != LEVEL_MISSING && (!by_fill || by_fill == level))
		return level;
	snprintf(hex, sizeof(hex), "#%06X", (unsigned)(rgb & 0xFFFFFF));
	if (level == LEVEL_MISSING && !f->len) {
		if (by_fill) {
			/* the note on the file's forms names the colours */
			snprintf(key, sizeof(key), "fill %s", hex);
			count_form(&L->caches.forms,
				   form_of(&L->caches.forms, key, key,
					   strlen(key), by_fill));
			return by_fill;
		}
		if (is_neutral(rgb))
			return LEVEL_MISSING;
		const char *hint = diag_hintf(
			"write the rating in the cell, or let a --scale file "
			"list the colour for its level (\"fills\": [\"%s\"])",
			hex);
		value_error(L, col, hint, "fill %s is no rating of the scale",
			    hex);
		return -1;
	}
	if (level != LEVEL_MISSING && by_fill && by_fill != level) {
		struct kmap_loc loc = field_loc(L, col);
		const char *label = sc->levels[level - 1].label;
		int same = !strcmp(f->ptr, label);
		lreport(L, DIAG_ERROR, &loc,
			N_("the cell's text and its colour must agree: change "
			   "the one that is wrong"),
			"the cell says '%s'%s%s%s but its fill %s is %s",
			f->ptr, same ? "" : " (", same ? "" : label,
			same ? "" : ")", hex, sc->levels[by_fill - 1].label);
		L->errors++;
		return -1;
	}
	return level;
}

/* Rating of field col: level 1..n or LEVEL_MISSING; -1 after an error. */
int read_rating(struct loader *L, const struct csvin_field *f, size_t col)
{
	const struct csvin_row *row = L->cur;

	if (row && row->cells && col < row->nfields && row->cells[col].has_fill)
		return read_rating_fill(L, f, col, row->cells[col].fill);
	return read_rating_text(L, f, col);
}

/*
 * A workbook's error cells (#N/A, #REF!) in the name columns of row:
 * reported as the errors they are, not read as names. 0, or -1.
 */
int check_error_cells(struct loader *L, const struct csvin_row *row)
{
	static const enum col_role roles[] = { COL_REGION, COL_ORGANISATION,
					       COL_OCCUPATION };
	int rc = 0;

	if (!row->cells)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(roles); i++) {
		int col = L->s.col[roles[i]];
		if (col < 0 || (size_t)col >= row->nfields ||
		    row->cells[col].type != WBIN_ERROR)
			continue;
		value_error(
			L, (size_t)col, N_("fix the formula in the workbook"),
			"spreadsheet error value '%s'", row->fields[col].ptr);
		rc = -1;
	}
	return rc;
}

void file_periods_init(struct file_periods *fp)
{
	memset(fp, 0, sizeof(*fp));
	fp->marked_current = -1;
}

void file_periods_release(struct file_periods *fp)
{
	free(fp->seen);
}

void note_period(struct file_periods *fp, uint32_t period)
{
	if (period >= fp->seen_n) {
		size_t n = period + 16;
		fp->seen = xrealloc(fp->seen, n);
		memset(fp->seen + fp->seen_n, 0, n - fp->seen_n);
		fp->seen_n = n;
	}
	fp->seen[period] = 1;
}

int mark_current(struct loader *L, uint32_t period, size_t col,
		 unsigned long line)
{
	struct file_periods *fp = &L->periods;

	if (fp->marked_current >= 0 && (uint32_t)fp->marked_current != period) {
		struct kmap_loc loc = field_loc(L, col);
		const char *hint = diag_hintf(
			"line %lu marks %s as Nuläge", fp->marked_line,
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
int64_t read_period(struct loader *L, const struct csvin_field *f, size_t col,
		    unsigned long line)
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
		if (id == DATASET_NO_PERIOD) {
			/* not cached: the first such line is reported */
			struct kmap_loc loc = field_loc(L, col);
			if (!L->ds->periods_refused++)
				lreport(L, DIAG_ERROR, &loc, PERIODS_CAP_HINT,
					PERIODS_CAP_MSG, f->ptr,
					DATASET_MAX_PERIODS);
			else if (L->speculative)
				L->spec_failed = 1;
			L->errors++;
			return -1;
		}
		current = st == PERIOD_OK && pv.current;
		if (st == PERIOD_OK && pv.decimal) {
			struct kmap_loc loc = field_loc(L, col);
			lreport(L, DIAG_WARNING, &loc, NULL,
				"period '%s' read as %d", f->ptr, pv.first);
		}
		cache_put(L->caches.period, &L->caches.nperiod, f->ptr, f->len,
			  st, (int)id, current);
	}
	if (st != PERIOD_OK) {
		const char *hint = diag_hintf("a period is a year %d-%d or a "
					      "range such as 2022-2024",
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
	struct kmap_loc loc = field_loc(L, col);

	if (id == NAME_TOO_MANY) {
		lreport(L, DIAG_ERROR, &loc, NULL,
			!strcmp(what, "region") ? N_("more than %zu distinct "
						     "region names")
			: !strcmp(what, "organisation")
				? N_("more than %zu distinct organisation "
				     "names")
				: N_("more than %zu distinct occupation "
				     "names"),
			L->o->max_names);
		L->errors++;
	} else if (id == NAME_INVALID) {
		value_error(L, col, NULL, "invalid text '%s'", f->ptr);
	} else if (id == NAME_TOO_BIG) {
		lreport(L, DIAG_ERROR, &loc,
			N_("is it the right file? --max-name-memory MIB raises "
			   "the cap"),
			"the distinct names take more than %zu MiB",
			L->o->max_name_bytes >> 20);
		L->errors++;
	}
	return -1;
}

/*
 * kmap's CSV output writes ' before a cell that a spreadsheet would run
 * as a formula (= + - @ TAB CR first); reading takes it off again, so a
 * converted file reads back as the original.
 */
void unguard(const char **ptr, size_t *len)
{
	if (*len >= 2 && (*ptr)[0] == '\'' && strchr("=+-@\t\r", (*ptr)[1])) {
		(*ptr)++;
		(*len)--;
	}
}

void name_run_init(struct name_run *n)
{
	for (int i = 0; i < 3; i++) {
		strbuf_init(&n->last_raw[i]);
		n->last_id[i] = -1;
	}
}

void name_run_release(struct name_run *n)
{
	for (int i = 0; i < 3; i++)
		strbuf_release(&n->last_raw[i]);
}

/*
 * A name loses its bidirectional controls (names.h): said once per file,
 * at the first cell that had one.
 */
static void warn_bidi(struct loader *L, size_t col, const char *raw, size_t len)
{
	struct kmap_loc loc;

	if (L->bidi_warned || !text_has_bidi_control(raw, len))
		return;
	L->bidi_warned = 1;
	loc = field_loc(L, col);
	strbuf_reset(&L->tmp);
	names_display(raw, len, &L->tmp);
	lreport(L, DIAG_WARNING, &loc, NULL,
		"bidirectional control characters removed from the name '%s'",
		L->tmp.buf);
}

/* name_table_intern() with a one-entry cache for the column. */
static int32_t intern_cached(struct loader *L, int which, size_t col,
			     struct name_table *t, const struct csvin_field *cf)
{
	struct name_run *n = &L->names;
	struct strbuf *last = &n->last_raw[which];
	struct csvin_field field = *cf, *f = &field;

	unguard(&field.ptr, &field.len);

	if (n->last_id[which] >= 0 && last->len == f->len &&
	    same_bytes(last->buf, f->ptr, f->len)) {
		/* every row counts towards the spelling shown (SPEC §3) */
		name_table_count_again(t, n->last_spelling[which]);
		return n->last_id[which];
	}
	int32_t id = name_table_intern_spelling(t, f->ptr, f->len,
						&n->last_spelling[which]);
	warn_bidi(L, col, f->ptr, f->len);
	strbuf_reset(last);
	strbuf_add(last, f->ptr, f->len);
	n->last_id[which] = id;
	return id;
}

void places_init(struct places *pl)
{
	memset(pl, 0, sizeof(*pl));
	pl->last[0] = pl->last[1] = pl->last[2] = -1;
	pl->default_region = pl->default_org = -1;
	strbuf_init(&pl->upper);
	strbuf_init(&pl->lower_above);
	strbuf_init(&pl->pair);
	strbuf_init(&pl->lower);
}

void places_release(struct places *pl)
{
	strbuf_release(&pl->upper);
	strbuf_release(&pl->lower_above);
	strbuf_release(&pl->pair);
	strbuf_release(&pl->lower);
}

static int32_t empty_name(struct loader *L, size_t col, const char *what)
{
	const char *hint =
		L->o->fill_down == FILL_OFF
			? N_("--no-fill-down makes an empty cell an error")
		: L->o->fill_down == FILL_ON
			? N_("--fill-down needs a value above it")
			: N_("there is no value above it to fill down");

	/* what: "region", "organisation" or "occupation" */
	return value_error(L, col, hint,
			   !strcmp(what, "region") ? N_("empty region%s")
			   : !strcmp(what, "organisation")
				   ? N_("empty "
					"organisation%s")
				   : N_("empty "
					"occupation%s"),
			   "");
}

/* A name cell's display form into out: 0, or -1 when it is not UTF-8. */
static int cell_display(const struct csvin_field *cf, struct strbuf *out)
{
	const char *p = cf->ptr;
	size_t len = cf->len;

	unguard(&p, &len);
	strbuf_reset(out);
	return names_display(p, len, out);
}

int set_upper_above(struct loader *L, const struct csvin_field *f)
{
	strbuf_reset(&L->places.lower_above);
	if (cell_display(f, &L->places.upper) || !L->places.upper.len) {
		strbuf_reset(&L->places.upper);
		return -1;
	}
	return 0;
}

/*
 * The organisation of a row of a two-level file: "Upper / Lower". An
 * empty upper cell is the one above (fill-down, counted as the
 * organisation column's), and then an empty lower cell is the one above
 * too (Excel's merged cells: the row goes on the block above); under an
 * upper cell of its own, an empty lower cell is the upper alone.
 */
static int32_t read_org_pair(struct loader *L, const struct csvin_row *row)
{
	struct places *pl = &L->places;
	int ucol = L->s.col[COL_ORGANISATION];
	int lcol = L->s.col[COL_ORG_UNIT];
	struct strbuf *lower = &pl->lower;
	struct csvin_field pair;
	size_t upper_len;
	int32_t id;

	if (cell_display(&row->fields[ucol], &pl->pair))
		return name_error(L, (size_t)ucol, NAME_INVALID, "organisation",
				  &row->fields[ucol]);
	warn_bidi(L, (size_t)ucol, row->fields[ucol].ptr,
		  row->fields[ucol].len);
	int filled = !pl->pair.len;
	if (!filled) {
		strbuf_reset(&pl->upper);
		strbuf_add(&pl->upper, pl->pair.buf, pl->pair.len);
	} else if (L->o->fill_down != FILL_OFF && pl->upper.len) {
		if (!pl->filled[PLACE_ORG]++)
			pl->first_filled[PLACE_ORG] =
				field_loc(L, (size_t)ucol);
		strbuf_add(&pl->pair, pl->upper.buf, pl->upper.len);
	} else {
		return empty_name(L, (size_t)ucol, "organisation");
	}
	upper_len = pl->pair.len;
	if (cell_display(&row->fields[lcol], lower))
		return name_error(L, (size_t)lcol, NAME_INVALID, "organisation",
				  &row->fields[lcol]);
	warn_bidi(L, (size_t)lcol, row->fields[lcol].ptr,
		  row->fields[lcol].len);
	if (!lower->len && filled && pl->lower_above.len) {
		if (!pl->filled[PLACE_ORG_UNIT]++)
			pl->first_filled[PLACE_ORG_UNIT] =
				field_loc(L, (size_t)lcol);
		strbuf_add(lower, pl->lower_above.buf, pl->lower_above.len);
	}
	strbuf_reset(&pl->lower_above);
	strbuf_add(&pl->lower_above, lower->buf, lower->len);
	if (lower->len) {
		strbuf_addstr(&pl->pair, " / ");
		strbuf_add(&pl->pair, lower->buf, lower->len);
	}
	pair.ptr = pl->pair.buf;
	pair.len = pl->pair.len;
	id = intern_cached(L, PLACE_ORG, (size_t)lcol, &L->ds->organisations,
			   &pair);
	if (id < 0)
		return name_error(L, (size_t)lcol, id, "organisation", &pair);
	name_table_set_upper(&L->ds->organisations, (uint32_t)id, pl->pair.buf,
			     upper_len);
	pl->last[PLACE_ORG] = id;
	return id;
}

/*
 * The value above for an empty cell of name column which (PLACE_*), or
 * -1: fill-down (load.h). A filled cell is counted for report_filled().
 */
static int32_t fill_from_above(struct loader *L, int which, size_t col)
{
	struct places *pl = &L->places;

	if (L->o->fill_down == FILL_OFF || pl->last[which] < 0)
		return -1;
	if (!pl->filled[which]++)
		pl->first_filled[which] = field_loc(L, col);
	return pl->last[which];
}

/*
 * Region or organisation of a row: the cell, else the value above
 * (fill-down) or the --default-* value: --fill-down puts the value above
 * first, by default --default-* comes first. -1 after an error.
 */
int32_t read_place(struct loader *L, const struct csvin_row *row,
		   enum col_role role)
{
	int region = role == COL_REGION;
	int which = region ? PLACE_REGION : PLACE_ORG;
	struct name_table *t = region ? &L->ds->regions : &L->ds->organisations;
	int32_t dflt =
		region ? L->places.default_region : L->places.default_org;
	int col = L->s.col[role];
	int32_t id = NAME_EMPTY;

	if (!region && L->s.col[COL_ORG_UNIT] >= 0)
		return read_org_pair(L, row);
	if (col >= 0) {
		const struct csvin_field *f = &row->fields[col];
		id = intern_cached(L, which, (size_t)col, t, f);
		if (id < NAME_EMPTY)
			return name_error(L, (size_t)col, id,
					  col_role_name(role), f);
	}
	if (id >= 0) {
		L->places.last[which] = id;
		return id;
	}
	if (col < 0)
		return dflt;
	if (dflt >= 0 && L->o->fill_down != FILL_ON)
		return dflt;
	id = fill_from_above(L, which, (size_t)col);
	if (id >= 0)
		return id;
	if (dflt >= 0)
		return dflt;
	return empty_name(L, (size_t)col, col_role_name(role));
}

int32_t read_occupation(struct loader *L, const struct csvin_row *row)
{
	int col = L->s.col[COL_OCCUPATION];
	const struct csvin_field *f = &row->fields[col];
	int32_t occ = intern_cached(L, PLACE_OCCUPATION, (size_t)col,
				    &L->ds->occupations, f);

	if (occ >= 0) {
		L->places.last[PLACE_OCCUPATION] = occ;
	} else if (occ == NAME_EMPTY) {
		occ = fill_from_above(L, PLACE_OCCUPATION, (size_t)col);
		if (occ < 0) {
			empty_name(L, (size_t)col, "occupation");
			occ = NAME_EMPTY;
		}
	} else {
		name_error(L, (size_t)col, occ, "occupation", f);
	}
	return occ;
}

/* The code in a cell of code column kind (0..2), or 0 when none. */
static size_t code_of(int kind, const char *p, size_t n)
{
	size_t d = 0;

	while (d < n && p[d] >= '0' && p[d] <= '9')
		d++;
	switch (kind) {
	case 0: /* SSYK 2012: four digits, perhaps with the group's title */
		if (d == 4 && (n == 4 || p[4] == ' ' || p[4] == '\t'))
			return 4;
		return 0;
	case 1: /* kommunkod, or the länskod of a region as organisation */
		return d == n && (d == 4 || d == 2) ? d : 0;
	default: /* länskod */
		return d == n && d == 2 ? 2 : 0;
	}
}

int read_codes(struct loader *L, const struct csvin_row *row, int32_t region,
	       int32_t org, int32_t occ)
{
	static const enum col_role roles[] = { COL_CODE, COL_ORG_CODE,
					       COL_REGION_CODE };
	/* one message per kind of name, so that each reads whole in
	 * every language */
	static const char *const not_code[] = {
		N_("'%s' is not an SSYK 2012 code (4 digits, perhaps followed "
		   "by its title); the occupation gets no code from it"),
		N_("'%s' is not a kommunkod (4 digits) or länskod (2 digits); "
		   "the organisation gets no code from it"),
		N_("'%s' is not a länskod (2 digits); the region gets no code "
		   "from it"),
	};
	static const char *const other_code[] = {
		N_("occupation '%s' has code %s in an earlier row, %s here"),
		N_("organisation '%s' has code %s in an earlier row, %s here"),
		N_("region '%s' has code %s in an earlier row, %s here"),
	};
	struct name_table *tables[] = { &L->ds->occupations,
					&L->ds->organisations,
					&L->ds->regions };
	int32_t ids[] = { occ, org, region };

	for (int k = 0; k < 3; k++) {
		int col = L->s.col[roles[k]];
		const char *p;
		size_t n, len;
		if (col < 0 || ids[k] < 0)
			continue;
		p = row->fields[col].ptr;
		n = row->fields[col].len;
		trim_blanks(&p, &n);
		if (!n || (n == 1 && *p == '-'))
			continue; /* no code given */
		len = code_of(k, p, n);
		if (!len) {
			struct kmap_loc loc = field_loc(L, (size_t)col);
			if (!L->bad_codes[k]++) {
				L->first_bad_code[k] = loc;
				lreport(L, DIAG_WARNING, &loc,
					k == 0 ? N_("kmap compares occupations "
						    "by SSYK 2012 unit group; "
						    "a "
						    "names file can give the "
						    "code (kod)")
					       : N_("a leading 0 lost in "
						    "Excel? "
						    "Format the column as "
						    "text"),
					not_code[k], row->fields[col].ptr);
			}
			continue;
		}
		if (name_table_set_code(tables[k], (uint32_t)ids[k], p, len) ==
		    NAME_CODE_OTHER) {
			struct kmap_loc loc = field_loc(L, (size_t)col);
			struct strbuf code = STRBUF_INIT;
			strbuf_add(&code, p, len);
			lreport(L, DIAG_ERROR, &loc,
				N_("one name, one code: settle it in the file "
				   "or "
				   "in a names file (--names)"),
				other_code[k],
				name_display(tables[k], (uint32_t)ids[k]),
				name_code(tables[k], (uint32_t)ids[k]),
				code.buf);
			strbuf_release(&code);
			L->errors++;
			return -1;
		}
	}
	return 0;
}

void report_codes(struct loader *L)
{
	/* two or more cells: the first was reported on its own */
	static const char *const msg[] = {
		N_("%lu cells of this column are not SSYK 2012 codes; their "
		   "occupations get no code from them"),
		N_("%lu cells of this column are not organisation codes; "
		   "their organisations get no code from them"),
		N_("%lu cells of this column are not region codes; their "
		   "regions get no code from them"),
	};

	for (int k = 0; k < 3; k++) {
		unsigned long n = L->bad_codes[k];
		if (n < 2)
			continue;
		diag_report(DIAG_WARNING, &L->first_bad_code[k], NULL, msg[k],
			    n);
	}
}

void report_filled(struct loader *L)
{
	static const char *const filled[][2] = {
		{ NN_("%lu empty region cell filled from the row above "
		      "(merged cells in Excel?)",
		      "%lu empty region cells filled from the row above "
		      "(merged cells in Excel?)") },
		{ NN_("%lu empty organisation cell filled from the row above "
		      "(merged cells in Excel?)",
		      "%lu empty organisation cells filled from the row above "
		      "(merged cells in Excel?)") },
		{ NN_("%lu empty occupation cell filled from the row above "
		      "(merged cells in Excel?)",
		      "%lu empty occupation cells filled from the row above "
		      "(merged cells in Excel?)") },
		{ NN_("%lu empty lower-level organisation cell filled from "
		      "the row above (merged cells in Excel?)",
		      "%lu empty lower-level organisation cells filled from "
		      "the row above (merged cells in Excel?)") },
	};

	if (L->o->fill_down != FILL_AUTO)
		return;
	for (int i = 0; i < 4; i++) {
		unsigned long n = L->places.filled[i];
		if (!n)
			continue;
		diag_report_n(DIAG_WARNING, &L->places.first_filled[i],
			      N_("--no-fill-down makes empty cells errors"), n,
			      filled[i][0], filled[i][1], n);
	}
}

int resolve_defaults(struct loader *L)
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
