/*
 * workbook_stream.c - the open sheet as a stream of rows: the format
 * modules' cells of one row (wb_cell_add(), wb_row_end()), placed by
 * their references (wb_parse_ref()) and sorted; merged ranges filled in
 * from their first cell; repeated rows expanded within the caps; and the
 * loop that feeds a sheet's entry to its parser a chunk at a time,
 * suspending it at each row for wbin_next_row() to hand out.
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/xalloc.h"
#include "workbook_internal.h"

#define CHUNK (64 * 1024)

/* ---- text ---- */

void wb_clean_text(struct wbin *wb, struct strbuf *sb, size_t from)
{
	char *s = sb->buf;
	size_t w = from, r = from;
	int removed = 0;

	/* most text has nothing to clean: up to the first byte that may */
	while (r < sb->len && (unsigned char)s[r] >= 0x20 && s[r] != 0x7F)
		r++;
	if (r == sb->len)
		return;
	w = r;
	for (; r < sb->len; r++) {
		unsigned char c = (unsigned char)s[r];
		if (c == '\r') {
			if (r + 1 < sb->len && s[r + 1] == '\n')
				continue;
			c = '\n';
		} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
			removed = 1;
			continue;
		}
		s[w++] = (char)c;
	}
	strbuf_setlen(sb, w);
	if (removed && !wb->ctrl_warned) {
		wb->ctrl_warned = 1;
		kmap_warn_at(&wb->loc, "control characters removed from cell "
				       "text");
	}
}

/* ---- references ---- */

int wb_parse_ref(const char *s, const char **end, unsigned long *col,
		 unsigned long *row)
{
	unsigned long c = 0, r = 0;
	const char *p = s;

	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
		c = c * 26 + (unsigned long)((*p | 0x20) - 'a' + 1);
		if (c > WB_MAX_COL)
			return -1;
		p++;
	}
	if (p == s)
		return -1;
	*col = c;
	if (row) {
		const char *d = p;
		while (*p >= '0' && *p <= '9') {
			r = r * 10 + (unsigned long)(*p - '0');
			if (r > WB_MAX_ROW)
				return -1;
			p++;
		}
		if (p == d || r == 0)
			return -1;
		*row = r;
	}
	if (end)
		*end = p;
	else if (*p)
		return -1;
	return 0;
}

const struct kmap_loc *wb_sheet_loc(const struct wbin *wb)
{
	if (wb->cur < wb->nsheets)
		return &wb->sheets[wb->cur].pub.loc;
	return &wb->loc;
}

struct kmap_loc wb_cell_loc(const struct wbin *wb, unsigned long row,
			    unsigned long col)
{
	struct kmap_loc loc = *wb_sheet_loc(wb);

	if (row >= 1 && row <= WB_MAX_ROW) {
		loc.line = row;
		loc.col = KMAP_LOC_CELL |
			  (col >= 1 && col <= WB_MAX_COL ? col : 0);
	}
	return loc;
}

struct kmap_loc wbin_cell_loc(const struct wbin *wb, unsigned long row,
			      unsigned long col)
{
	return wb_cell_loc(wb, row, col);
}

/* ---- the row being read ---- */

int wb_cell_add(struct wbin *wb, unsigned long col, int type, const char *text,
		size_t len, const struct wb_style *st, int is_date)
{
	struct wb_stream *s = &wb->s;
	struct wb_icell *c;

	if (s->ncells >= WB_MAX_COL) {
		struct kmap_loc loc = wb_cell_loc(wb, s->row, col);
		return kmap_error_at(&loc, "more than %lu cells in row %lu",
				     WB_MAX_COL, s->row);
	}
	wb_grow((void **)&s->cells, &s->cells_cap, s->ncells + 1,
		sizeof(*s->cells));
	c = &s->cells[s->ncells];
	if (s->ncells && s->cells[s->ncells - 1].col >= col)
		s->unsorted = 1;
	s->ncells++;
	c->col = (uint32_t)col;
	c->type = (unsigned char)type;
	c->has_fill = st ? st->has_fill : 0;
	c->fill = st ? st->fill : 0;
	c->is_date = (unsigned char)is_date;
	c->off = s->rowtext.len;
	c->len = len;
	/* the text and its NUL, in one step */
	strbuf_grow(&s->rowtext, len + 1);
	memcpy(s->rowtext.buf + s->rowtext.len, text, len);
	s->rowtext.buf[s->rowtext.len + len] = '\0';
	strbuf_setlen(&s->rowtext, s->rowtext.len + len + 1);
	return 0;
}

static int icell_cmp(const void *a, const void *b)
{
	const struct wb_icell *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

int wb_row_end(struct wbin *wb)
{
	struct wb_stream *s = &wb->s;

	if (!s->ncells)
		return 0;
	if (s->unsorted) {
		qsort(s->cells, s->ncells, sizeof(*s->cells), icell_cmp);
		for (size_t i = 1; i < s->ncells; i++)
			if (s->cells[i].col == s->cells[i - 1].col) {
				struct kmap_loc loc = wb_cell_loc(
					wb, s->row, s->cells[i].col);
				return kmap_error_at(&loc,
						     "the cell is given twice");
			}
		s->unsorted = 0;
	}
	s->ready = 1;
	s->copies = s->repeat ? s->repeat : 1;
	XML_StopParser(s->x.p, XML_TRUE);
	return 0;
}

int wb_merge_add(struct wbin *wb, unsigned long r1, unsigned long c1,
		 unsigned long r2, unsigned long c2)
{
	struct wb_stream *s = &wb->s;
	struct wb_merge *m;

	if (r2 > WB_MAX_ROW)
		r2 = WB_MAX_ROW;
	if (c2 > WB_MAX_COL)
		c2 = WB_MAX_COL;
	if (r1 > r2 || c1 > c2 || (r1 == r2 && c1 == c2))
		return 0;
	if (s->nmerges >= wb->opts.max_merges)
		return kmap_error_at(wb_sheet_loc(wb),
				     "more than %zu merged ranges",
				     wb->opts.max_merges);
	wb_grow((void **)&s->merges, &s->merges_cap, s->nmerges + 1,
		sizeof(*s->merges));
	m = &s->merges[s->nmerges++];
	memset(m, 0, sizeof(*m));
	m->r1 = (uint32_t)r1;
	m->c1 = (uint32_t)c1;
	m->r2 = (uint32_t)r2;
	m->c2 = (uint32_t)c2;
	return 0;
}

/* ---- emitting rows, merged ranges filled in ---- */

static const struct wb_icell *find_cell(const struct wb_stream *s,
					unsigned long col)
{
	size_t lo = 0, hi = s->ncells;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->cells[mid].col < col)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->ncells && s->cells[lo].col == col ? &s->cells[lo] : NULL;
}

/*
 * Brings the active ranges to row r: those that start by r join (taking
 * their first cell from the row being emitted when it is theirs), those
 * that ended before r leave.
 */
static void merges_advance(struct wbin *wb, unsigned long r, int have_row)
{
	struct wb_stream *s = &wb->s;
	size_t k = 0;

	for (size_t i = 0; i < s->nactive; i++) {
		struct wb_merge *m = &s->merges[s->active[i]];
		if (m->r2 >= r) {
			s->active[k++] = s->active[i];
		} else {
			free(m->text);
			m->text = NULL;
		}
	}
	s->nactive = k;
	while (s->next_merge < s->nmerges && s->merges[s->next_merge].r1 <= r) {
		struct wb_merge *m = &s->merges[s->next_merge];
		const struct wb_icell *c = NULL;
		if (m->r2 >= r) {
			if (have_row && m->r1 == r)
				c = find_cell(s, m->c1);
			m->state = 1;
			if (c && (c->type != WBIN_EMPTY || c->has_fill)) {
				m->state = 2;
				m->type = c->type;
				m->has_fill = c->has_fill;
				m->fill = c->fill;
				m->is_date = c->is_date;
				m->text = xmemdup(s->rowtext.buf + c->off,
						  c->len);
				m->len = c->len;
			}
			wb_grow((void **)&s->active, &s->active_cap,
				s->nactive + 1, sizeof(*s->active));
			s->active[s->nactive++] = s->next_merge;
		}
		s->next_merge++;
	}
}

static int active_content(const struct wb_stream *s)
{
	for (size_t i = 0; i < s->nactive; i++)
		if (s->merges[s->active[i]].state == 2)
			return 1;
	return 0;
}

static int gen_cmp(const void *a, const void *b)
{
	const struct wbin_cell *x = a, *y = b;

	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	/* the first range wins a cell two ranges claim */
	return x->len < y->len ? -1 : x->len > y->len;
}

static int too_many(struct wbin *wb, unsigned long r, int expanded)
{
	struct kmap_loc loc = wb_cell_loc(wb, r, 0);

	if (expanded)
		return kmap_error_at(&loc,
				     "repeated and merged cells make more "
				     "than %llu cells",
				     (unsigned long long)wb->opts.max_expanded);
	return kmap_error_at(&loc, "the sheet has more than %llu cells",
			     (unsigned long long)wb->opts.max_cells);
}

/*
 * Builds row r into *row from the row read (when have_row) and the active
 * ranges. Returns 1 when it has cells, 0 when not, -1 reported.
 */
static int emit(struct wbin *wb, unsigned long r, int have_row,
		struct wbin_row *row)
{
	struct wb_stream *s = &wb->s;
	size_t ngen = 0, nout = 0, i = 0, j = 0;
	int sorted = 1;

	merges_advance(wb, r, have_row);
	/* the ranges' cells, but their first cells, in column order */
	for (size_t a = 0; a < s->nactive; a++) {
		const struct wb_merge *m = &s->merges[s->active[a]];
		for (unsigned long c = m->c1; c <= m->c2; c++) {
			struct wbin_cell *g;
			if (r == m->r1 && c == m->c1)
				continue;
			if (++s->expanded > wb->opts.max_expanded)
				return too_many(wb, r, 1);
			wb_grow((void **)&s->gen, &s->gen_cap, ngen + 1,
				sizeof(*s->gen));
			g = &s->gen[ngen];
			if (ngen && s->gen[ngen - 1].col >= c)
				sorted = 0;
			memset(g, 0, sizeof(*g));
			g->col = c;
			g->len = a; /* the range, until filled in below */
			ngen++;
		}
	}
	if (!sorted) {
		size_t k = 0;
		qsort(s->gen, ngen, sizeof(*s->gen), gen_cmp);
		for (size_t g = 0; g < ngen; g++)
			if (!k || s->gen[k - 1].col != s->gen[g].col)
				s->gen[k++] = s->gen[g];
		ngen = k;
	}
	for (size_t g = 0; g < ngen; g++) {
		const struct wb_merge *m = &s->merges[s->active[s->gen[g].len]];
		struct wbin_cell *c = &s->gen[g];
		if (m->state != 2) {
			c->type = (enum wbin_type) - 1; /* drop what is here */
			continue;
		}
		c->type = (enum wbin_type)m->type;
		c->text = m->text;
		c->len = m->len;
		c->fill = m->fill;
		c->has_fill = m->has_fill;
		c->is_date = m->is_date;
		c->merged = 1;
	}
	wb_grow((void **)&s->out, &s->out_cap,
		(have_row ? s->ncells : 0) + ngen + 1, sizeof(*s->out));
	while ((have_row && i < s->ncells) || j < ngen) {
		const struct wb_icell *b =
			have_row && i < s->ncells ? &s->cells[i] : NULL;
		struct wbin_cell *o = &s->out[nout];
		if (j < ngen && (!b || s->gen[j].col <= b->col)) {
			if (b && s->gen[j].col == b->col)
				i++;
			if ((int)s->gen[j].type >= 0) {
				*o = s->gen[j];
				nout++;
			}
			j++;
			continue;
		}
		o->col = b->col;
		o->type = (enum wbin_type)b->type;
		o->text = s->rowtext.buf + b->off;
		o->len = b->len;
		o->fill = b->fill;
		o->has_fill = b->has_fill;
		o->is_date = b->is_date;
		o->merged = 0;
		nout++;
		i++;
	}
	if (!nout)
		return 0;
	s->cells_out += nout;
	if (s->cells_out > wb->opts.max_cells)
		return too_many(wb, r, 0);
	row->row = r;
	row->cells = s->out;
	row->ncells = nout;
	return 1;
}

/* ---- the sheet stream ---- */

void wb_stream_close(struct wbin *wb)
{
	struct wb_stream *s = &wb->s;

	xp_release(&s->x);
	wb_entry_close(&s->e);
	wb_kept_release(wb);
	for (size_t i = 0; i < s->nmerges; i++)
		free(s->merges[i].text);
	free(s->buf);
	free(s->cells);
	free(s->merges);
	free(s->active);
	free(s->out);
	free(s->gen);
	free(s->colstyles);
	strbuf_release(&s->text);
	strbuf_release(&s->value);
	strbuf_release(&s->rowtext);
	memset(s, 0, sizeof(*s));
	strbuf_init(&s->text);
	strbuf_init(&s->value);
	strbuf_init(&s->rowtext);
}

/*
 * ods: drops from the chunk just read (n bytes from offset s->fed) the
 * bytes in [skip_from, skip_to), the tables before the one being read.
 * Returns the bytes kept, moved to the chunk's start.
 */
static size_t skip_tables(struct wb_stream *s, size_t n)
{
	uint64_t start = s->fed, stop = s->fed + n;
	size_t len1 = 0, from2 = n;

	if (start < s->skip_from)
		len1 = (size_t)((stop < s->skip_from ? stop : s->skip_from) -
				start);
	if (stop > s->skip_to)
		from2 = (size_t)(start > s->skip_to ? 0 : s->skip_to - start);
	if (len1 == n || from2 == 0)
		return n;
	memmove(s->buf + len1, s->buf + from2, n - from2);
	return len1 + (n - from2);
}

/*
 * Parses on until a row is ready (1), the sheet is done (0) or an error
 * was reported (-1).
 */
static int parse_step(struct wbin *wb)
{
	struct wb_stream *s = &wb->s;

	for (;;) {
		enum XML_Status st;
		if (s->suspended) {
			s->suspended = 0;
			st = xp_resume(&s->x);
		} else {
			long n;
			size_t keep;
			if (s->eof_fed) {
				s->done = 1;
				return 0;
			}
			n = wb_entry_read(wb, &s->e, s->buf, CHUNK);
			if (n < 0)
				return -1;
			keep = (size_t)n;
			if (n > 0 && s->skip_to > s->skip_from)
				keep = skip_tables(s, (size_t)n);
			s->fed += (uint64_t)n;
			if (n > 0 && !keep)
				continue;
			st = xp_parse(&s->x, s->buf, keep, n == 0);
			if (n == 0)
				s->eof_fed = 1;
		}
		if (s->x.failed)
			return -1;
		if (st == XML_STATUS_SUSPENDED) {
			s->suspended = 1;
			if (s->ready)
				return 1;
			continue;
		}
		if (s->x.stopped || s->done) {
			s->done = 1;
			return 0;
		}
		if (st == XML_STATUS_ERROR)
			return xp_report_error(&s->x);
	}
}

int wbin_sheet_open(struct wbin *wb, size_t i)
{
	struct wb_stream *s = &wb->s;
	int rc;

	wb_stream_close(wb);
	if (i >= wb->nsheets)
		return kmap_error_at(&wb->loc, "no sheet %zu", i + 1);
	wb->cur = i;
	s->buf = xmalloc(CHUNK);
	s->cursor = 1;
	rc = wb->format == WBIN_XLSX ? xlsx_sheet_open(wb, &wb->sheets[i])
				     : ods_sheet_open(wb, &wb->sheets[i]);
	if (rc) {
		s->failed = 1;
		return -1;
	}
	s->open = 1;
	return 0;
}

int wbin_next_row(struct wbin *wb, struct wbin_row *row)
{
	struct wb_stream *s = &wb->s;

	if (!s->open || s->failed)
		return s->failed ? WBIN_FATAL : WBIN_EOF;
	for (;;) {
		int rc;
		if (s->ready) {
			/* rows of merged ranges the file leaves out */
			while (s->cursor < s->row) {
				merges_advance(wb, s->cursor, 0);
				if (!active_content(s)) {
					s->cursor = s->row;
					break;
				}
				rc = emit(wb, s->cursor++, 0, row);
				if (rc < 0)
					goto fail;
				if (rc)
					return WBIN_ROW;
			}
			if (s->copies) {
				unsigned long r = s->cursor++;
				if (r != s->row && ((s->expanded += s->ncells) >
						    wb->opts.max_expanded))
					goto too_many_cells;
				s->copies--;
				rc = emit(wb, r, 1, row);
				if (rc < 0)
					goto fail;
				if (rc)
					return WBIN_ROW;
				continue;
			}
			s->ready = 0;
		}
		if (s->done) {
			while (s->cursor <= WB_MAX_ROW) {
				merges_advance(wb, s->cursor, 0);
				if (!active_content(s))
					break;
				rc = emit(wb, s->cursor++, 0, row);
				if (rc < 0)
					goto fail;
				if (rc)
					return WBIN_ROW;
			}
			return WBIN_EOF;
		}
		rc = parse_step(wb);
		if (rc < 0)
			goto fail;
	}
too_many_cells:
	too_many(wb, s->cursor - 1, 1);
fail:
	s->failed = 1;
	return WBIN_FATAL;
}
