/*
 * load.c - the loader of one file (load.h; the parts are listed in
 * load_internal.h).
 *
 * Owns the per-file driver: a CSV file opened as the loader's row
 * source, the header row found, mapped and checked, the body read row by
 * row (with the progress line; from a split point on a helper reads,
 * load_split.c), the file's current period decided and the comments on
 * it settled.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load_internal.h"
#include "kmap/load.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/progress.h"
#include "kmap/workbook.h"
#include "kmap/xalloc.h"

void load_opts_init(struct load_opts *o)
{
	memset(o, 0, sizeof(*o));
	csvin_opts_init(&o->csv);
	o->max_name_bytes = (size_t)LOAD_MAX_NAME_MIB << 20;
}

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
struct load_source csv_source(struct csvin *r, const char *name)
{
	struct load_source src = { name, 0, r, csv_next, csv_field_loc };

	return src;
}

void loader_init(struct loader *L, struct dataset *ds,
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

void loader_budget(struct loader *L, int on)
{
	struct dataset *ds = L->ds;
	struct name_budget *b = on ? &L->budget : NULL;

	L->budget.max = L->o->max_name_bytes;
	L->budget.used = name_table_bytes(&ds->regions) +
			 name_table_bytes(&ds->organisations) +
			 name_table_bytes(&ds->occupations);
	ds->regions.budget = ds->organisations.budget = ds->occupations.budget =
		b;
}

void loader_release(struct loader *L)
{
	stop_part(L);
	loader_budget(L, 0);
	csvin_close(&L->r);
	schema_release(&L->s);
	strbuf_release(&L->tmp);
	file_periods_release(&L->periods);
	value_caches_release(&L->caches);
	name_run_release(&L->names);
	places_release(&L->places);
	dup_run_release(&L->dup);
	row_state_release(&L->rows);
	round_state_release(&L->round);
	held_rows_release(&L->held);
}

/*
 * Finds the header row: the first non-empty one, or --header-line.
 * Returns 0, -1 after reporting, or 1 when there is no row at all and
 * quiet_empty (a sheet of a workbook: said once for the workbook).
 */
static int read_header(struct loader *L, struct csvin_row *hdr, int quiet_empty)
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
		if (st == CSVIN_EOF && quiet_empty && !want)
			return 1;
		if (st == CSVIN_EOF) {
			loc.line = want;
			return kmap_error_at(&loc,
					     want ? N_("no row starts at "
						       "line %lu")
						  : N_("no header row%.0lu"),
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

/* The columns kmap does not use, when the command keeps their cells. */
static void keep_extra_columns(struct loader *L, const struct csvin_row *hdr)
{
	if (!L->ds->keep_extras)
		return;
	for (size_t i = 0; i < L->s.ncols; i++) {
		struct column *c = &L->s.cols[i];
		if (c->role == COL_UNKNOWN || c->role >= COL_CODE)
			c->extra = dataset_extra_column(
				L->ds, hdr->fields[i].ptr, hdr->fields[i].len,
				L->input, i);
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
		/* a workbook's sheet is read by one thread, from its source */
		int st = L->wb ? L->src.next(L->src.ctx, &row)
			       : next_row(L, &row);
		if (!L->wb)
			progress_update(&L->progress, L->r.raw_read);
		if (st == CSVIN_EOF) {
			load_rows_end(L);
			return 0;
		}
		if (st == CSVIN_FATAL) {
			L->errors++;
			return -1;
		}
		int bad = st == CSVIN_SKIP ||
			  (st == CSVIN_ROW && !row_is_empty(&row) &&
			   load_row(L, &row));
		flush_duplicates(L);
		if (bad) {
			L->errors += st == CSVIN_SKIP;
			if (!L->o->all_errors)
				return -1;
		}
	}
}

/*
 * The file's current period (SPEC §2) from what is read so far: the one
 * marked Nuläge, else --current, else the earliest; -1 when it has no
 * period. Reports a --current that is not one of them when report is
 * set; returns 0, or -1 then.
 */
static int find_current(struct loader *L, int32_t *out, int report)
{
	struct kmap_loc loc = { L->src.name, 0, 0 };
	int32_t cur = L->periods.marked_current;

	if (cur < 0 && L->o->current) {
		struct period_value pv;
		if (period_parse(L->o->current, strlen(L->o->current), &pv) !=
		    PERIOD_OK)
			return report ? kmap_error("invalid --current '%s'",
						   L->o->current)
				      : -1;
		for (uint32_t p = 0; p < L->periods.seen_n; p++)
			if (L->periods.seen[p] &&
			    L->ds->periods[p].first == pv.first &&
			    L->ds->periods[p].last == pv.last)
				cur = (int32_t)p;
		if (cur < 0)
			return report ? kmap_error_at(&loc,
						      "--current '%s' is not a "
						      "period of this file",
						      L->o->current)
				      : -1;
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
	*out = cur;
	return 0;
}

/* Decides the file's current period. */
static int decide_current(struct loader *L)
{
	struct input_info *in = &L->ds->inputs[L->input];
	int32_t cur;

	if (find_current(L, &cur, 1))
		return -1;
	in->current = cur;
	if (cur >= 0)
		L->ds->periods[cur].current = 1;
	return 0;
}

/*
 * The round the file's rows go in (rounds.h): the manifest's; else the
 * label of its current period, which a wide file's header already tells
 * (its period columns are all its periods). A long file may mark Nuläge
 * on any line, so its round stays open until it is read.
 */
static void choose_round(struct loader *L)
{
	struct dataset *ds = L->ds;
	struct input_info *in = &ds->inputs[L->input];
	const char *label = L->o->round;
	int32_t cur;

	in->round_given = label != NULL;
	L->round.first_row = ds->nrows;
	if (!label && L->s.layout == LAYOUT_WIDE && !find_current(L, &cur, 0) &&
	    cur >= 0)
		label = ds->periods[cur].label;
	if (!label) {
		L->round.id = DATASET_ROUND_PENDING(L->input);
		L->round.open = 1;
		return;
	}
	L->round.id = dataset_round(ds, label);
	L->round.open = 0;
	in->round = ds->rounds[L->round.id].label;
	in->round_id = L->round.id;
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

/* A sheet with no header, when a workbook's sheets are tried in turn. */
enum { LOAD_NO_HEADER = -3 };

/*
 * Warns about header cells formatted as dates: the file holds a day
 * number (46388), which names no period.
 */
static void warn_date_headers(struct loader *L, const struct csvin_row *hdr)
{
	for (size_t i = 0; hdr->cells && i < hdr->nfields; i++) {
		if (!hdr->cells[i].is_date || !hdr->fields[i].len)
			continue;
		struct kmap_loc loc = field_loc(L, i);
		kmap_warn_at(&loc,
			     "header cell formatted as a date: the workbook "
			     "holds '%s', not a period",
			     hdr->fields[i].ptr);
	}
}

/*
 * A sheet named after an organisation gives its rows their organisation
 * when it has no organisation column: L->o is then the loader's own
 * copy of the options with that default. Names a spreadsheet program
 * gives new sheets (Blad1, Sheet2) name nobody.
 */
static int is_default_sheet_name(const char *name)
{
	static const char *const words[] = { "Blad",   "Sheet", "Tabell",
					     "Table",  "Ark",	"Feuil",
					     "Foglio", "Hoja",	"Tabelle" };
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		size_t n = strlen(words[i]);
		if (!strncmp(name, words[i], n) && name[n] &&
		    strspn(name + n, "0123456789") == strlen(name + n))
			return 1;
	}
	return 0;
}

/*
 * A sheet's --default-* once its header is known: the sheet's name is
 * the organisation only where it has no organisation column (a note).
 */
static int sheet_defaults(struct loader *L)
{
	if (L->org_from_sheet && L->s.col[COL_ORGANISATION] >= 0) {
		L->sheet_opts->default_organisation = NULL;
		L->org_from_sheet = 0;
	}
	if (resolve_defaults(L))
		return -1;
	if (L->org_from_sheet) {
		struct kmap_loc loc = { L->src.name, 0, 0 };
		kmap_note_at(&loc,
			     "no organisation column: the sheet's name '%s' "
			     "is the organisation of its rows",
			     L->sheet_opts->default_organisation);
	}
	return 0;
}

/*
 * The rows of L's source: the header found, mapped and checked, the body
 * read, the file's current period decided. try: a workbook's sheet that
 * may hold no header at all: LOAD_NO_HEADER then, with nothing said.
 */
static int read_rows(struct loader *L, const char *path, int try)
{
	struct dataset *ds = L->ds;
	const struct load_opts *opts = L->o;
	struct csvin_row hdr;
	int st;

	if ((st = read_header(L, &hdr, try)))
		return st > 0 ? LOAD_NO_HEADER : LOAD_ERRORS;
	if (!L->wb)
		ds->inputs[L->input].encoding = csvin_encoding(&L->r);
	L->header_line = hdr.line;
	L->cur = &hdr; /* for messages about header columns */
	/* a first row that is no header: titles above it (no --header-line) */
	map_header(&L->s, &hdr, ds, &L->src, 1);
	if (missing_columns(&L->s, opts, NULL) && !opts->csv.header_line) {
		/* the first row, for the message if no header is found */
		struct row_copy first;
		row_copy_init(&first, &hdr);
		if (find_header_below(&L->s, &hdr, ds, &L->src, opts)) {
			L->cur = &first.row;
			if (try) {
				row_copy_release(&first);
				return LOAD_NO_HEADER;
			}
			if (!map_header(&L->s, &first.row, ds, &L->src, 0))
				report_missing_header(&L->s, &first.row, ds,
						      &L->src, opts);
			row_copy_release(&first);
			return LOAD_ERRORS;
		}
		row_copy_release(&first);
		L->cur = &hdr;
		L->header_line = hdr.line;
	} else if (try && missing_columns(&L->s, opts, NULL)) {
		return LOAD_NO_HEADER;
	}
	if (map_header(&L->s, &hdr, ds, &L->src, 0))
		return LOAD_ERRORS;
	if (missing_columns(&L->s, opts, NULL)) {
		report_missing_header(&L->s, &hdr, ds, &L->src, opts);
		return LOAD_ERRORS;
	}
	if (L->wb && sheet_defaults(L))
		return LOAD_ERRORS;
	if (L->wb)
		wb_source_width(L->wb, L->s.ncols);
	warn_date_headers(L, &hdr);
	report_unknown_columns(&L->s, &hdr, &L->src);
	report_two_level(&L->s, &hdr, &L->src, ds);
	keep_extra_columns(L, &hdr);
	ds->inputs[L->input].layout =
		L->s.layout == LAYOUT_LONG ? "long" : "wide";
	setup_header_periods(L);
	choose_round(L);
	if (!L->wb)
		start_part(L, path);
	progress_begin(&L->progress, path, L->wb ? 0 : input_size(L));
	if (read_body(L) && !opts->all_errors)
		return LOAD_ERRORS;
	report_filled(L);
	report_codes(L);
	report_forms(L);
	if (!L->wb)
		ds->inputs[L->input].encoding = file_encoding(L);
	if (!L->errors && !ds->inputs[L->input].rows) {
		struct kmap_loc loc = { L->src.name, 0, 0 };
		kmap_warn_at(&loc, "no data rows");
	}
	if (decide_current(L))
		return LOAD_ERRORS;
	/* a file without periods has no records, and so no round */
	if (ds->inputs[L->input].current >= 0 &&
	    settle_round(L, ds->periods[ds->inputs[L->input].current].label))
		return LOAD_ERRORS;
	return L->errors ? LOAD_ERRORS : LOAD_OK;
}

/* What every input starts with: its entry in ds, round and defaults. */
static void begin_input(struct loader *L, const char *name)
{
	struct dataset *ds = L->ds;

	ds->regions.max_names = ds->organisations.max_names =
		ds->occupations.max_names = L->o->max_names;
	L->input = dataset_begin_input(ds, name);
	L->round.id = DATASET_ROUND_PENDING(L->input);
	L->round.open = 1;
	L->first_comment = ds->ncomments;
}

static int load_csv(struct dataset *ds, const char *path,
		    const struct load_opts *opts)
{
	struct loader L;
	int rc = LOAD_ERRORS;

	loader_init(&L, ds, opts);
	L.src = csv_source(&L.r, path);
	begin_input(&L, path);
	if (resolve_defaults(&L))
		goto out;
	loader_budget(&L, 1);
	if (csvin_open(&L.r, path, &opts->csv)) {
		rc = L.r.fd < 0 ? LOAD_UNREADABLE : LOAD_ERRORS;
		goto out;
	}
	ds->inputs[L.input].delimiter = (char)L.r.delim;
	rc = read_rows(&L, path, 0);
out:
	settle_comments(&L);
	progress_end(&L.progress);
	dataset_end_input(ds, L.input, lines_read(&L));
	loader_release(&L);
	return rc;
}

/*
 * Sheet i of wb as one input, named "FILE:SHEET". try: LOAD_NO_HEADER,
 * with nothing kept, when the sheet holds no header.
 */
static int load_sheet(struct dataset *ds, struct wbin *wb, size_t i,
		      const struct load_opts *opts, int try)
{
	const struct wbin_sheet *sh = wbin_sheet(wb, i);
	struct load_opts so = *opts;
	struct wb_source *w = wb_source_new(wb);
	struct loader L;
	int rc = LOAD_ERRORS, by_name = 0;

	if (!so.default_organisation && !is_default_sheet_name(sh->name)) {
		so.default_organisation = sh->name;
		by_name = 1;
	}
	loader_init(&L, ds, &so);
	L.wb = w;
	L.sheet_opts = &so;
	L.org_from_sheet = by_name;
	L.src = wb_source(w, sh->loc.file);
	begin_input(&L, sh->loc.file);
	/* a workbook has no encoding or delimiter: its format instead */
	ds->inputs[L.input].encoding =
		wbin_format(wb) == WBIN_XLSX ? "xlsx" : "ods";
	ds->inputs[L.input].workbook = 1;
	loader_budget(&L, 1);
	if (wbin_sheet_open(wb, i))
		goto out;
	rc = read_rows(&L, sh->loc.file, try);
out:
	if (rc == LOAD_NO_HEADER) {
		dataset_cancel_input(ds, L.input);
	} else {
		settle_comments(&L);
		dataset_end_input(ds, L.input, wb_source_last_row(w));
	}
	progress_end(&L.progress);
	loader_release(&L);
	wb_source_free(w);
	return rc;
}

/* The sheet --sheet (or a manifest's blad) names: a name, or a number. */
static int find_sheet(const struct wbin *wb, const char *want, size_t *out)
{
	size_t n = wbin_nsheets(wb);
	char *end;
	unsigned long k;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(wbin_sheet(wb, i)->name, want)) {
			*out = i;
			return 0;
		}
	if (want[0] >= '1' && want[0] <= '9') {
		k = strtoul(want, &end, 10);
		if (!*end && k <= n) {
			*out = k - 1;
			return 0;
		}
	}
	return -1;
}

static void list_sheets(const struct wbin *wb, struct strbuf *out)
{
	for (size_t i = 0; i < wbin_nsheets(wb); i++)
		strbuf_addf(out, "%s%zu '%s'", i ? ", " : "", i + 1,
			    wbin_sheet(wb, i)->name);
}

/*
 * A workbook: the sheet --sheet names, or every visible sheet with a
 * header, each an input of its own. Hidden sheets and sheets without a
 * header are named in notes; with no header in any sheet, the first
 * visible one is read as a CSV file would be, for its message.
 */
static int load_workbook(struct dataset *ds, const char *path,
			 const struct load_opts *opts)
{
	struct kmap_loc loc = { path, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct wbin *wb;
	size_t n, pick, first = (size_t)-1, visible = 0, read = 0;
	unsigned char *noheader;
	int rc = LOAD_OK;

	if (wbin_open(path, opts->wbin, &wb))
		return LOAD_ERRORS;
	n = wbin_nsheets(wb);
	if (opts->sheet) {
		if (find_sheet(wb, opts->sheet, &pick)) {
			strbuf_addstr(&sb, "its sheets: ");
			list_sheets(wb, &sb);
			diag_report(DIAG_ERROR, &loc, sb.buf,
				    "no sheet '%s' in the workbook",
				    opts->sheet);
			strbuf_release(&sb);
			wbin_close(wb);
			return LOAD_ERRORS;
		}
		rc = load_sheet(ds, wb, pick, opts, 0);
		wbin_close(wb);
		return rc;
	}
	noheader = xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		const struct wbin_sheet *sh = wbin_sheet(wb, i);
		if (sh->visibility != WBIN_VISIBLE) {
			struct kmap_loc at = sh->loc;
			kmap_note_at(&at,
				     "hidden sheet not read (--sheet '%s' "
				     "reads it)",
				     sh->name);
			continue;
		}
		if (first == (size_t)-1)
			first = i;
		visible++;
	}
	for (size_t i = first; i < n && (rc == LOAD_OK || opts->all_errors);
	     i++) {
		if (wbin_sheet(wb, i)->visibility != WBIN_VISIBLE)
			continue;
		int st = load_sheet(ds, wb, i, opts, visible > 1);
		if (st == LOAD_NO_HEADER) {
			noheader[i] = 1;
			continue;
		}
		read++;
		if (st != LOAD_OK)
			rc = st;
	}
	if (first == (size_t)-1) {
		diag_report(DIAG_ERROR, &loc,
			    N_("--sheet NAME reads a hidden sheet"),
			    "the workbook has no visible sheet");
		rc = LOAD_ERRORS;
	} else if (!read && rc == LOAD_OK) {
		/* the first sheet's own message: what its header lacks */
		noheader[first] = 0;
		rc = load_sheet(ds, wb, first, opts, 0);
	}
	for (size_t i = 0; i < n; i++) {
		if (!noheader[i])
			continue;
		struct kmap_loc at = wbin_sheet(wb, i)->loc;
		kmap_note_at(&at, "no header row (region, organisation, "
				  "occupation and ratings); sheet not read");
	}
	free(noheader);
	wbin_close(wb);
	return rc;
}

/* Whether path is a workbook (or an old .xls) by its first bytes. */
static int is_workbook(const char *path)
{
	unsigned char head[8];
	struct stat st;
	ssize_t got;
	int fd;

	if (!strcmp(path, "-"))
		return 0;
	/* a FIFO is read once, by the CSV reader */
	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	got = read(fd, head, sizeof(head));
	close(fd);
	return got > 0 && wbin_sniff(head, (size_t)got) != WBIN_SNIFF_NONE;
}

int load_file(struct dataset *ds, const char *path,
	      const struct load_opts *opts)
{
	if (is_workbook(path))
		return load_workbook(ds, path, opts);
	return load_csv(ds, path, opts);
}

struct spelling_note {
	uint32_t rank; /* of the name, in Swedish order */
	const char *form;
	uint32_t id;
};

static int compare_notes(const void *pa, const void *pb)
{
	const struct spelling_note *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return names_collate(a->form, b->form);
}

/*
 * The spellings met that a names file counted as a name written
 * otherwise, one note each, at the line of the names file that says so:
 * by name in Swedish order, then spelling.
 */
static void note_names_file(struct name_table *t, size_t kind)
{
	/* one message per kind of name, so that each reads whole in
	 * every language */
	static const char *const counted[] = {
		N_("region '%s' is counted as '%s'"),
		N_("organisation '%s' is counted as '%s'"),
		N_("occupation '%s' is counted as '%s'"),
	};
	struct spelling_note *v;
	struct strbuf form = STRBUF_INIT, key = STRBUF_INIT;
	uint32_t *rank;
	size_t n = 0;

	if (!t->rules || !t->rule_of)
		return;
	rank = name_table_ranks(t);
	v = xcalloc((size_t)t->nraw + 1, sizeof(*v));
	for (uint32_t k = 0; k < t->nraw; k++) {
		const char *raw;
		size_t len;
		int32_t id = name_table_raw(t, k, &raw, &len);
		if (id < 0 || !name_fixed(t, (uint32_t)id))
			continue;
		strbuf_reset(&form);
		names_display(raw, len, &form);
		if (!strcmp(form.buf, name_display(t, (uint32_t)id)))
			continue;
		v[n].rank = rank[id];
		v[n].form = arena_memdup(&t->arena, form.buf, form.len);
		v[n++].id = (uint32_t)id;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), compare_notes);
	for (size_t i = 0; i < n; i++) {
		const struct names_spelling *sp;
		if (i && v[i].id == v[i - 1].id &&
		    !strcmp(v[i].form, v[i - 1].form))
			continue;
		strbuf_reset(&key);
		names_key(v[i].form, strlen(v[i].form), &key);
		sp = names_set_spelling(t->rules, t->kind, key.buf);
		if (!sp) /* written otherwise than the name only in case */
			sp = names_set_spelling(t->rules, t->kind,
						t->v[v[i].id].key);
		struct kmap_loc loc = { sp ? sp->file : NULL, sp ? sp->line : 0,
					0 };
		diag_report(DIAG_NOTE, sp ? &loc : NULL, NULL, counted[kind],
			    v[i].form, name_display(t, v[i].id));
	}
	free(v);
	free(rank);
	strbuf_release(&form);
	strbuf_release(&key);
}

void load_warn_merged(struct dataset *ds)
{
	struct name_table *t[] = { &ds->regions, &ds->organisations,
				   &ds->occupations };
	static const char *const what[] = { "region", "organisation",
					    "occupation" };

	for (size_t k = 0; k < ARRAY_SIZE(t); k++) {
		name_table_warn_merged(t[k], what[k]);
		note_names_file(t[k], k);
	}
}
