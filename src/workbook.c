/*
 * The workbook reader's common part: opening and recognising the file,
 * reading zip entries within the limits, expat set up to refuse what a
 * spreadsheet never needs, and turning the rows the format modules read
 * into the rows wbin_next_row() returns, merged ranges filled in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/xalloc.h"
#include "workbook_internal.h"

#define CHUNK (64 * 1024)

void wbin_opts_init(struct wbin_opts *o)
{
	o->max_entry_bytes = 256ULL << 20;
	o->max_total_bytes = 1ULL << 30;
	o->max_ratio = 200;
	o->ratio_floor = 1ULL << 20;
	o->max_strings = 2U << 20;
	o->max_string_bytes = 64U << 20;
	o->max_styles = 65536;
	o->max_depth = 256;
	o->max_token = 16U << 20;
	o->max_cells = 16ULL << 20;
	o->max_expanded = 1ULL << 20;
	o->max_merges = 1U << 20;
	o->max_cell_bytes = 1U << 20;
	o->max_sheets = 4096;
}

void wb_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n;

	if (need <= *cap)
		return;
	n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*p = xreallocarray(*p, n, size);
	*cap = n;
}

/* ---- names and namespaces ---- */

static const struct {
	const char *uri;
	size_t len;
	enum wb_ns ns;
} known_ns[] = {
#define NS(u, n)                                                               \
	{                                                                      \
		u, sizeof(u) - 1, n                                            \
	}
	NS("http://schemas.openxmlformats.org/spreadsheetml/2006/main", NS_SML),
	NS("http://purl.oclc.org/ooxml/spreadsheetml/main", NS_SML),
	NS("http://schemas.openxmlformats.org/officeDocument/2006/"
	   "relationships",
	   NS_REL),
	NS("http://purl.oclc.org/ooxml/officeDocument/relationships", NS_REL),
	NS("http://schemas.openxmlformats.org/package/2006/relationships",
	   NS_PKG),
	NS("http://schemas.openxmlformats.org/drawingml/2006/main", NS_DML),
	NS("http://purl.oclc.org/ooxml/drawingml/main", NS_DML),
	NS("http://www.w3.org/XML/1998/namespace", NS_XML),
	NS("urn:oasis:names:tc:opendocument:xmlns:office:1.0", NS_OFFICE),
	NS("urn:oasis:names:tc:opendocument:xmlns:table:1.0", NS_TABLE),
	NS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", NS_TEXT),
	NS("urn:oasis:names:tc:opendocument:xmlns:style:1.0", NS_STYLE),
	NS("urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
	   NS_FO),
	NS("urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0", NS_NUMBER),
	NS("urn:org:documentfoundation:names:experimental:calc:xmlns:"
	   "calcext:1.0",
	   NS_CALCEXT),
#undef NS
};

enum wb_ns xp_name(const char *name, const char **local)
{
	const char *sep = strchr(name, '\1');
	size_t len;

	if (!sep) {
		*local = name;
		return NS_NONE;
	}
	*local = sep + 1;
	len = (size_t)(sep - name);
	for (size_t i = 0; i < ARRAY_SIZE(known_ns); i++)
		if (known_ns[i].len == len &&
		    !memcmp(known_ns[i].uri, name, len))
			return known_ns[i].ns;
	return NS_OTHER;
}

const char *xp_attr(const char **attr, enum wb_ns ns, const char *local)
{
	for (; attr[0]; attr += 2) {
		const char *l;
		if (xp_name(attr[0], &l) == ns && !strcmp(l, local))
			return attr[1];
	}
	return NULL;
}

/* ---- expat with limits ---- */

/* expat's allocations go through xalloc (KMAP_FAIL_ALLOC reaches them);
 * one larger than the token cap fails, which expat reports as out of
 * memory and xp turns into "too large". */
static _Thread_local size_t xp_alloc_cap = SIZE_MAX;
static _Thread_local int xp_cap_hit;

static void *xp_malloc(size_t size)
{
	if (size > xp_alloc_cap) {
		xp_cap_hit = 1;
		return NULL;
	}
	return xmalloc(size);
}

static void *xp_realloc(void *p, size_t size)
{
	if (size > xp_alloc_cap) {
		xp_cap_hit = 1;
		return NULL;
	}
	return xrealloc(p, size);
}

static const XML_Memory_Handling_Suite xp_mem = { xp_malloc, xp_realloc, free };

static void xp_vfail(struct xp *x, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	if (x->failed)
		return;
	x->failed = 1;
	diag_vformatf(&sb, _(fmt), ap);
	kmap_error_at(x->loc, "%s line %lu: %s", x->part,
		      (unsigned long)XML_GetCurrentLineNumber(x->p), sb.buf);
	strbuf_release(&sb);
	XML_StopParser(x->p, XML_FALSE);
}

void xp_fail(struct xp *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xp_vfail(x, fmt, ap);
	va_end(ap);
}

void xp_stop(struct xp *x)
{
	if (x->failed || x->stopped)
		return;
	x->stopped = 1;
	XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
			     const XML_Char **attr)
{
	struct xp *x = ud;

	if (x->failed || x->stopped)
		return;
	if (++x->depth > x->wb->opts.max_depth) {
		xp_fail(x, "elements nested deeper than %u",
			x->wb->opts.max_depth);
		return;
	}
	if (x->start)
		x->start(x, name, attr);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xp *x = ud;

	if (x->failed || x->stopped)
		return;
	if (x->end)
		x->end(x, name);
	x->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xp *x = ud;

	if (x->failed || x->stopped)
		return;
	if (x->text)
		x->text(x, s, len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name,
			       const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	xp_fail(ud, "a DOCTYPE declaration is not allowed in a workbook");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len,
			      const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	xp_fail(ud, "an entity declaration is not allowed in a workbook");
}

static int XMLCALL on_external(XML_Parser p, const XML_Char *context,
			       const XML_Char *base, const XML_Char *sysid,
			       const XML_Char *pubid)
{
	(void)p;
	(void)context;
	(void)base;
	(void)sysid;
	(void)pubid;
	return XML_STATUS_ERROR; /* never load anything */
}

void xp_init(struct xp *x, struct wbin *wb, const char *part,
	     const struct kmap_loc *loc)
{
	static const XML_Char sep = '\1';

	memset(x, 0, sizeof(*x));
	x->wb = wb;
	x->part = part;
	x->loc = loc;
	x->p = XML_ParserCreate_MM(NULL, &xp_mem, &sep);
	if (!x->p)
		xalloc_die(); /* the one out-of-memory exit */
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	XML_SetExternalEntityRefHandler(x->p, on_external);
#ifdef XML_DTD
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(x->p, 10.0f);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(x->p, 1U << 20);
#endif
#endif
}

void xp_release(struct xp *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}

int xp_report_error(struct xp *x)
{
	enum XML_Error code = XML_GetErrorCode(x->p);

	if (x->failed)
		return -1;
	x->failed = 1;
	if (code == XML_ERROR_NO_MEMORY && xp_cap_hit)
		return kmap_error_at(
			x->loc,
			"%s line %lu: an XML token longer than "
			"%zu MiB",
			x->part, (unsigned long)XML_GetCurrentLineNumber(x->p),
			x->wb->opts.max_token >> 20);
	return kmap_error_at(x->loc, "%s line %lu column %lu: %s", x->part,
			     (unsigned long)XML_GetCurrentLineNumber(x->p),
			     (unsigned long)XML_GetCurrentColumnNumber(x->p) +
				     1,
			     XML_ErrorString(code));
}

enum XML_Status xp_parse(struct xp *x, const char *buf, size_t len, int final)
{
	enum XML_Status st;

	xp_alloc_cap = x->wb->opts.max_token;
	xp_cap_hit = 0;
	st = XML_Parse(x->p, buf, (int)len, final);
	xp_alloc_cap = SIZE_MAX;
	return st;
}

/* Feeds buf to x; 0 goes on, 1 stopped on purpose, -1 reported. */
static int xp_feed(struct xp *x, const char *buf, size_t len, int final)
{
	enum XML_Status st = xp_parse(x, buf, len, final);
	if (x->failed)
		return -1;
	if (x->stopped)
		return 1;
	if (st == XML_STATUS_ERROR)
		return xp_report_error(x);
	return 0;
}

int xp_parse_entry(struct xp *x, const char *part)
{
	struct wb_entry e;
	char *buf;
	int rc, st = 0;

	rc = wb_entry_open(x->wb, part, x->loc, &e);
	if (rc)
		return rc;
	x->part = e.name;
	buf = xmalloc(CHUNK);
	for (;;) {
		long n = wb_entry_read(x->wb, &e, buf, CHUNK);
		if (n < 0) {
			st = -1;
			break;
		}
		rc = xp_feed(x, buf, (size_t)n, n == 0);
		if (rc) {
			st = rc < 0 ? -1 : 0;
			break;
		}
		if (n == 0)
			break;
	}
	free(buf);
	wb_entry_close(&e);
	return st;
}

/* ---- zip entries ---- */

/* fmt: "cannot open '%s' in the archive: %s" and the like */
static int zip_failed(struct wbin *wb, const char *fmt, const char *name,
		      zip_error_t *ze)
{
	return kmap_error_at(&wb->loc, fmt, name, zip_error_strerror(ze));
}

int wb_entry_exists(const struct wbin *wb, const char *name)
{
	return zip_name_locate(wb->za, name, ZIP_FL_NOCASE) >= 0;
}

int wb_entry_open(struct wbin *wb, const char *name, const struct kmap_loc *loc,
		  struct wb_entry *e)
{
	zip_int64_t idx = zip_name_locate(wb->za, name, ZIP_FL_NOCASE);
	zip_stat_t zs;

	memset(e, 0, sizeof(*e));
	e->loc = loc;
	if (idx < 0)
		return 1;
	e->name = zip_get_name(wb->za, (zip_uint64_t)idx, ZIP_FL_ENC_GUESS);
	if (!e->name)
		e->name = name;
	zip_stat_init(&zs);
	if (zip_stat_index(wb->za, (zip_uint64_t)idx, 0, &zs) == 0) {
		if ((zs.valid & ZIP_STAT_SIZE) &&
		    zs.size > wb->opts.max_entry_bytes)
			return kmap_error_at(
				loc,
				"'%s' in the archive would "
				"unpack to more than %llu MiB",
				e->name,
				(unsigned long long)(wb->opts.max_entry_bytes >>
						     20));
		if (zs.valid & ZIP_STAT_COMP_SIZE)
			e->comp = zs.comp_size;
	}
	e->zf = zip_fopen_index(wb->za, (zip_uint64_t)idx, 0);
	if (!e->zf) {
		zip_error_t *ze = zip_get_error(wb->za);
		if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
		    zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD)
			return kmap_error_at(loc,
					     "'%s' in the archive is encrypted",
					     e->name);
		return zip_failed(wb, N_("cannot open '%s' in the archive: %s"),
				  e->name, ze);
	}
	return 0;
}

long wb_entry_read(struct wbin *wb, struct wb_entry *e, char *buf, size_t size)
{
	zip_int64_t n = zip_fread(e->zf, buf, size);

	if (n < 0)
		return zip_failed(wb, N_("cannot read '%s' in the archive: %s"),
				  e->name, zip_file_get_error(e->zf));
	e->got += (uint64_t)n;
	wb->total += (uint64_t)n;
	if (e->got > wb->opts.max_entry_bytes)
		return kmap_error_at(
			e->loc,
			"'%s' in the archive unpacks to more than "
			"%llu MiB",
			e->name,
			(unsigned long long)(wb->opts.max_entry_bytes >> 20));
	if (wb->total > wb->opts.max_total_bytes)
		return kmap_error_at(
			e->loc,
			"the archive unpacks to more than %llu "
			"MiB",
			(unsigned long long)(wb->opts.max_total_bytes >> 20));
	if (e->got > wb->opts.ratio_floor &&
	    e->got / wb->opts.max_ratio > e->comp)
		return kmap_error_at(e->loc,
				     "'%s' in the archive unpacks to over %u "
				     "times its size (a zip bomb?)",
				     e->name, wb->opts.max_ratio);
	return (long)n;
}

void wb_entry_close(struct wb_entry *e)
{
	if (e->zf)
		zip_fclose(e->zf);
	e->zf = NULL;
}

/* ---- text ---- */

void wb_clean_text(struct wbin *wb, struct strbuf *sb, size_t from)
{
	char *s = sb->buf;
	size_t w = from;
	int removed = 0;

	for (size_t r = from; r < sb->len; r++) {
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
	strbuf_add(&s->rowtext, text, len);
	strbuf_addch(&s->rowtext, '\0');
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

static void stream_close(struct wbin *wb)
{
	struct wb_stream *s = &wb->s;

	xp_release(&s->x);
	wb_entry_close(&s->e);
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
			xp_alloc_cap = wb->opts.max_token;
			xp_cap_hit = 0;
			st = XML_ResumeParser(s->x.p);
			xp_alloc_cap = SIZE_MAX;
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

	stream_close(wb);
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

/* ---- recognising the file ---- */

enum wbin_sniff wbin_sniff(const void *head, size_t len)
{
	static const unsigned char cfb[] = { 0xD0, 0xCF, 0x11, 0xE0,
					     0xA1, 0xB1, 0x1A, 0xE1 };
	const unsigned char *h = head;

	if (len >= 4 && h[0] == 'P' && h[1] == 'K' &&
	    ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6) ||
	     (h[2] == 7 && h[3] == 8)))
		return WBIN_SNIFF_ZIP;
	if (len >= 8 && !memcmp(h, cfb, 8))
		return WBIN_SNIFF_CFB;
	return WBIN_SNIFF_NONE;
}

enum cfb_kind { CFB_OTHER, CFB_XLS, CFB_ENCRYPTED };

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Whether the directory entry's UTF-16LE name is the ASCII word w. */
static int cfb_name_is(const unsigned char *ent, const char *w)
{
	size_t n = (size_t)(ent[0x40] | ent[0x41] << 8);
	size_t wl = strlen(w);

	if (n != 2 * (wl + 1) || n > 64)
		return 0;
	for (size_t i = 0; i < wl; i++)
		if ((ent[2 * i] | 0x20) != (w[i] | 0x20) || ent[2 * i + 1])
			return 0;
	return 1;
}

/*
 * What an OLE2 compound file holds, from the names in its directory:
 * EncryptionInfo (an encrypted OOXML workbook), Workbook or Book (BIFF,
 * .xls). Follows the directory's chain through the first 109 FAT sectors
 * that the header lists, at most 512 sectors.
 */
static enum cfb_kind cfb_kind(int fd)
{
	unsigned char hdr[512], *sec = NULL;
	enum cfb_kind kind = CFB_OTHER;
	unsigned shift;
	size_t ssz;
	uint32_t s;

	if (pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		return kind;
	shift = (unsigned)(hdr[0x1E] | hdr[0x1F] << 8);
	if (shift != 9 && shift != 12)
		return kind;
	ssz = (size_t)1 << shift;
	sec = xmalloc(ssz);
	s = le32(hdr + 0x30);
	for (int hops = 0; hops < 512 && s < 0xFFFFFFFAU; hops++) {
		off_t at = ((off_t)s + 1) << shift;
		uint32_t per = (uint32_t)(ssz / 4), fat_sec;
		unsigned char ent[4];
		if (pread(fd, sec, ssz, at) != (ssize_t)ssz)
			break;
		for (size_t e = 0; e + 128 <= ssz; e += 128) {
			if (cfb_name_is(sec + e, "EncryptionInfo") ||
			    cfb_name_is(sec + e, "EncryptedPackage"))
				kind = CFB_ENCRYPTED;
			else if (kind == CFB_OTHER &&
				 (cfb_name_is(sec + e, "Workbook") ||
				  cfb_name_is(sec + e, "Book")))
				kind = CFB_XLS;
		}
		if (kind == CFB_ENCRYPTED || s / per >= 109)
			break;
		fat_sec = le32(hdr + 0x4C + 4 * (s / per));
		if (fat_sec >= 0xFFFFFFFAU)
			break;
		if (pread(fd, ent, 4,
			  (((off_t)fat_sec + 1) << shift) + 4 * (s % per)) != 4)
			break;
		s = le32(ent);
	}
	free(sec);
	return kind;
}

static int refuse_cfb(struct wbin *wb, int fd)
{
	switch (cfb_kind(fd)) {
	case CFB_ENCRYPTED:
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("remove the password in Excel (File > Info > "
			       "Protect Workbook) and save it as .xlsx"),
			    "the workbook is encrypted (password-protected); "
			    "kmap cannot read it");
		break;
	case CFB_XLS:
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("open it in Excel or LibreOffice and save it as "
			       ".xlsx (Excel Workbook)"),
			    "this is an Excel 97-2003 workbook (.xls), which "
			    "kmap does not read");
		break;
	default:
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("save it as .xlsx (Excel Workbook)"),
			    "this is an old Office (OLE2) file, not an .xlsx "
			    "or .ods workbook");
		break;
	}
	return -1;
}

static int read_mimetype(struct wbin *wb, char *buf, size_t size)
{
	struct wb_entry e;
	long n;
	size_t len = 0;
	int rc = wb_entry_open(wb, "mimetype", &wb->loc, &e);

	buf[0] = '\0';
	if (rc)
		return rc;
	while (len + 1 < size &&
	       (n = wb_entry_read(wb, &e, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	wb_entry_close(&e);
	return 0;
}

static int detect(struct wbin *wb)
{
	char mime[128];

	if (wb_entry_exists(wb, "xl/workbook.xml")) {
		wb->format = WBIN_XLSX;
		return 0;
	}
	if (wb_entry_exists(wb, "xl/workbook.bin")) {
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("save it as .xlsx (Excel Workbook)"),
			    "this is an Excel binary workbook (.xlsb), which "
			    "kmap does not read");
		return -1;
	}
	if (read_mimetype(wb, mime, sizeof(mime)) < 0)
		return -1;
	if (!strncmp(mime, "application/vnd.oasis.opendocument.spreadsheet",
		     46) &&
	    (!mime[46] || !strcmp(mime + 46, "-template"))) {
		if (!wb_entry_exists(wb, "content.xml"))
			return kmap_error_at(&wb->loc,
					     "the OpenDocument spreadsheet "
					     "has no content.xml");
		wb->format = WBIN_ODS;
		return 0;
	}
	if (!strncmp(mime, "application/vnd.oasis.opendocument.", 35)) {
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("save it as an OpenDocument spreadsheet (.ods) "
			       "or as .xlsx"),
			    "this is an OpenDocument file but not a "
			    "spreadsheet ('%.60s')",
			    mime + 35);
		return -1;
	}
	if (!mime[0] && wb_entry_exists(wb, "content.xml") &&
	    wb_entry_exists(wb, "META-INF/manifest.xml")) {
		/* an ods with its mimetype entry lost */
		wb->format = WBIN_ODS;
		return 0;
	}
	if (wb_entry_exists(wb, "word/document.xml") ||
	    wb_entry_exists(wb, "ppt/presentation.xml")) {
		diag_report(DIAG_ERROR, &wb->loc, NULL,
			    "this is a Word or PowerPoint file, not a "
			    "workbook");
		return -1;
	}
	diag_report(DIAG_ERROR, &wb->loc,
		    N_("kmap reads .xlsx and .ods workbooks and CSV files"),
		    "this zip archive is not a workbook (it has neither "
		    "xl/workbook.xml nor an OpenDocument spreadsheet's "
		    "content.xml)");
	return -1;
}

int wbin_open(const char *path, const struct wbin_opts *opts, struct wbin **out)
{
	struct wbin *wb = xcalloc(1, sizeof(*wb));
	unsigned char head[8];
	struct stat st;
	ssize_t n;
	int fd, zerr = 0, rc;

	*out = NULL;
	wb->path = xstrdup(path);
	wb->loc.file = wb->path;
	if (opts)
		wb->opts = *opts;
	else
		wbin_opts_init(&wb->opts);
	if (!wb->opts.max_ratio)
		wb->opts.max_ratio = 1;
	wb->cur = SIZE_MAX;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		kmap_error("cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		kmap_error_at(&wb->loc, "%s",
			      S_ISDIR(st.st_mode)
				      ? "is a directory"
				      : "not a regular file (a workbook is "
					"read from a file)");
		close(fd);
		goto fail;
	}
	n = pread(fd, head, sizeof(head), 0);
	switch (wbin_sniff(head, n > 0 ? (size_t)n : 0)) {
	case WBIN_SNIFF_CFB:
		refuse_cfb(wb, fd);
		close(fd);
		goto fail;
	case WBIN_SNIFF_NONE:
		diag_report(
			DIAG_ERROR, &wb->loc,
			N_("kmap reads .xlsx and .ods workbooks and CSV files"),
			"not a workbook (no zip archive)");
		close(fd);
		goto fail;
	default:
		break;
	}
	wb->za = zip_fdopen(fd, ZIP_RDONLY, &zerr);
	if (!wb->za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("the file may be truncated (an interrupted copy "
			       "or download); open and save it again"),
			    "cannot read the workbook's zip archive: %s",
			    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		close(fd);
		goto fail;
	}
	if (detect(wb) < 0)
		goto fail;
	rc = wb->format == WBIN_XLSX ? xlsx_open(wb) : ods_open(wb);
	if (rc < 0)
		goto fail;
	*out = wb;
	return 0;
fail:
	wbin_close(wb);
	return -1;
}

void wbin_close(struct wbin *wb)
{
	if (!wb)
		return;
	stream_close(wb);
	xlsx_release(wb);
	ods_release(wb);
	for (size_t i = 0; i < wb->nsheets; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].locname);
		free(wb->sheets[i].part);
	}
	free(wb->sheets);
	if (wb->za)
		zip_discard(wb->za);
	free(wb->path);
	free(wb);
}

enum wbin_format wbin_format(const struct wbin *wb)
{
	return wb->format;
}

size_t wbin_nsheets(const struct wbin *wb)
{
	return wb->nsheets;
}

const struct wbin_sheet *wbin_sheet(const struct wbin *wb, size_t i)
{
	return i < wb->nsheets ? &wb->sheets[i].pub : NULL;
}
