/*
 * workbook_xlsx_sheet.c - an .xlsx sheet's rows, read as its entry is
 * decompressed: each cell placed by its reference, its value by its type
 * (shared string, inline string, number, boolean, error, date) and its
 * style's fill. Merged ranges come after a sheet's cells, so
 * xlsx_sheet_open() finds them first (scan_merges(), a pass over the
 * entry that parses only the mergeCells element).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kmap/xalloc.h"
#include "workbook_xlsx.h"

#define CHUNK (64 * 1024)

/* ---- merged ranges ---- */

static void merge_start(struct xp *x, const char *name, const char **attr)
{
	struct wbin *wb = x->wb;
	const char *local, *ref, *p;
	unsigned long r1, c1, r2, c2;
	char buf[64];
	size_t k = 0;

	if (xp_name(name, &local) != NS_SML || strcmp(local, "mergeCell"))
		return;
	ref = xp_attr(attr, NS_NONE, "ref");
	if (!ref)
		return;
	for (p = ref; *p && k + 1 < sizeof(buf); p++)
		if (*p != '$')
			buf[k++] = *p;
	buf[k] = '\0';
	if (wb_parse_ref(buf, &p, &c1, &r1) || *p != ':' ||
	    wb_parse_ref(p + 1, NULL, &c2, &r2) || r2 < r1 || c2 < c1) {
		if (!*(int *)x->ctx)
			kmap_warn_at(wb_sheet_loc(wb),
				     "ignored a merged range that is not one "
				     "('%.40s')",
				     ref);
		*(int *)x->ctx = 1;
		return;
	}
	if (wb_merge_add(wb, r1, c1, r2, c2) < 0) {
		x->failed = 1;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static int merge_cmp(const void *a, const void *b)
{
	const struct wb_merge *x = a, *y = b;

	if (x->r1 != y->r1)
		return x->r1 < y->r1 ? -1 : 1;
	return x->c1 < y->c1 ? -1 : x->c1 > y->c1;
}

/* Where the root element's start tag ends in head, or 0 when unsure. */
static size_t root_tag_end(const char *h, size_t n, int *empty)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3))
		i = 3;
	for (;;) {
		while (i < n && strchr(" \t\r\n", h[i]))
			i++;
		if (i + 1 >= n || h[i] != '<')
			return 0;
		if (h[i + 1] == '?') {
			const char *q = memmem(h + i, n - i, "?>", 2);
			const char *enc =
				memmem(h + i, q ? (size_t)(q - h) - i : 0,
				       "encoding", 8);
			if (!q)
				return 0;
			if (enc && strncasecmp(enc + 10, "utf-8", 5))
				return 0;
			i = (size_t)(q - h) + 2;
		} else if (h[i + 1] == '!') {
			const char *q;
			if (n - i < 4 || memcmp(h + i, "<!--", 4))
				return 0; /* a DOCTYPE: the full parse says so
					   */
			q = memmem(h + i, n - i, "-->", 3);
			if (!q)
				return 0;
			i = (size_t)(q - h) + 3;
		} else {
			break;
		}
	}
	for (char quote = 0; i < n; i++) {
		if (quote) {
			if (h[i] == quote)
				quote = 0;
		} else if (h[i] == '"' || h[i] == '\'') {
			quote = h[i];
		} else if (h[i] == '>') {
			*empty = h[i - 1] == '/';
			return i + 1;
		}
	}
	return 0;
}

static int is_name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' ||
	       (c & 0x80);
}

/*
 * Where the start tag of the mergeCells element around hit (the word's
 * first byte in w[0..n)) begins: the '<' before it or before its prefix.
 * Returns -1 when the word is not a start tag's name, -2 when unsure.
 */
static long tag_start(const char *w, size_t n, size_t hit)
{
	size_t i = hit;

	if (hit + 10 >= n)
		return -2;
	if (!strchr(" \t\r\n/>", w[hit + 10]))
		return -1;
	if (!i)
		return -2;
	if (w[i - 1] == '<')
		return (long)i - 1;
	if (w[i - 1] != ':')
		return -1;
	for (i--; i > 0 && is_name_char((unsigned char)w[i - 1]); i--)
		;
	if (!i)
		return -2;
	return w[i - 1] == '<' && i < hit - 1 ? (long)i - 1 : -1;
}

/*
 * The first "mergeCells" in h[0..n), as memmem() finds it, but through a
 * memchr() for its 'C', which a sheet's bytes seldom hold: memmem() costs
 * about ten times as much per byte, and every byte of the sheet is
 * searched.
 */
static const char *find_word(const char *h, size_t n)
{
	const char *p = h + 5, *end = h + n;

	if (n < 10)
		return NULL;
	while (p + 5 <= end) {
		p = memchr(p, 'C', (size_t)(end - p) - 4);
		if (!p)
			return NULL;
		if (!memcmp(p - 5, "mergeCells", 10))
			return p - 5;
		p++;
	}
	return NULL;
}

/*
 * The merged ranges of a sheet, read before its cells. The sheet's bytes
 * are searched for the word mergeCells; where it names the start tag, the
 * root's start tag (for its namespaces) and the rest of the sheet from
 * that tag on are parsed. Anything unusual (no root tag in the first
 * 64 KiB, an encoding other than UTF-8, a parse error in that part) falls
 * back to parsing the whole sheet for its merged ranges.
 */
static int scan_merges(struct wbin *wb, const char *part)
{
	const struct kmap_loc *loc = wb_sheet_loc(wb);
	struct wb_entry e;
	struct strbuf head = STRBUF_INIT;
	struct xp x;
	char *buf = xmalloc(CHUNK + 256);
	size_t root_end = 0, carry = 0;
	int rc = -1, full = 0, feeding = 0, empty = 0, warned = 0;

	if (wb_entry_open(wb, part, loc, &e)) {
		free(buf);
		return -1;
	}
	/* the cells are read next, from these bytes if they fit */
	wb_entry_keep(wb, &e);
	xp_init(&x, wb, e.name, loc);
	x.ctx = &warned;
	x.start = merge_start;
	for (;;) {
		long n = wb_entry_read(wb, &e, buf + carry, CHUNK);
		size_t len;
		if (n < 0)
			goto out;
		len = carry + (size_t)n;
		if (feeding) {
			enum XML_Status st = xp_parse(&x, buf, len, n == 0);
			carry = 0;
			if (x.failed)
				goto out;
			if (st == XML_STATUS_ERROR) {
				full = 1;
				break;
			}
			if (n == 0)
				break;
			continue;
		}
		if (!root_end) {
			strbuf_add(&head, buf + carry, (size_t)n);
			root_end = root_tag_end(head.buf, head.len, &empty);
			if (!root_end && (head.len > CHUNK || n == 0)) {
				full = 1;
				break;
			}
			if (empty)
				break;
		}
		if (root_end) {
			size_t from = 0;
			for (;;) {
				const char *hit =
					find_word(buf + from, len - from);
				long t;
				if (!hit)
					break;
				t = tag_start(buf, len, (size_t)(hit - buf));
				if (t == -2 && n > 0 &&
				    (size_t)(hit - buf) + 10 >= len)
					break; /* the next chunk decides */
				if (t == -2) {
					full = 1;
					break;
				}
				if (t >= 0) {
					xp_parse(&x, head.buf, root_end, 0);
					feeding = 1;
					memmove(buf, buf + t, len - (size_t)t);
					len -= (size_t)t;
					break;
				}
				from = (size_t)(hit - buf) + 1;
			}
			if (full)
				break;
			if (feeding) {
				carry = len;
				if (n == 0) {
					enum XML_Status st =
						xp_parse(&x, buf, len, 1);
					if (x.failed)
						goto out;
					full = st == XML_STATUS_ERROR;
					break;
				}
				continue;
			}
		}
		if (n == 0)
			break;
		/* keep the end: the word or its tag's prefix may be cut */
		carry = len < 128 ? len : 128;
		memmove(buf, buf + len - carry, carry);
	}
	if (full) {
		/* start again: every range found so far is dropped */
		for (size_t i = 0; i < wb->s.nmerges; i++)
			free(wb->s.merges[i].text);
		wb->s.nmerges = 0;
		xp_release(&x);
		wb_entry_close(&e);
		xp_init(&x, wb, part, loc);
		x.ctx = &warned;
		x.start = merge_start;
		if (xp_parse_entry(&x, part))
			goto out;
	}
	if (wb->s.nmerges > 1)
		qsort(wb->s.merges, wb->s.nmerges, sizeof(*wb->s.merges),
		      merge_cmp);
	rc = 0;
out:
	xp_release(&x);
	wb_entry_close(&e);
	strbuf_release(&head);
	free(buf);
	return rc;
}

/* ---- a sheet's rows ---- */

enum ctype { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D };

/*
 * The values of a cell's or row's attributes r, s and t (no namespace),
 * in one pass: what xp_attr() finds for each, without comparing every
 * attribute's name three times. A namespaced attribute's name is
 * "URI\1local", never one letter.
 */
static void cell_attrs(const char **attr, const char **r, const char **sv,
		       const char **t)
{
	*r = *sv = *t = NULL;
	for (; attr[0]; attr += 2) {
		const char *n = attr[0];
		if (!n[0] || n[1])
			continue;
		if (n[0] == 'r')
			*r = attr[1];
		else if (n[0] == 's')
			*sv = attr[1];
		else if (n[0] == 't')
			*t = attr[1];
	}
}

/* The elements of a sheet that its handlers act on. */
enum kind { K_OTHER, K_C, K_V, K_IS, K_T, K_RPH, K_ROW, K_SHEETDATA };

static enum kind kind_of(const char *name)
{
	const char *local;

	if (xp_name(name, &local) != NS_SML)
		return K_OTHER;
	switch (local[0]) {
	case 'c':
		return local[1] ? K_OTHER : K_C;
	case 'v':
		return local[1] ? K_OTHER : K_V;
	case 'i':
		return local[1] == 's' && !local[2] ? K_IS : K_OTHER;
	case 't':
		return local[1] ? K_OTHER : K_T;
	case 'r':
		return !strcmp(local, "row")   ? K_ROW
		       : !strcmp(local, "rPh") ? K_RPH
					       : K_OTHER;
	case 's':
		return !strcmp(local, "sheetData") ? K_SHEETDATA : K_OTHER;
	default:
		return K_OTHER;
	}
}

static void sheet_start(struct xp *x, const char *name, const char **attr)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	const char *v, *sv, *t;
	enum kind k = kind_of(name);

	/* for sheet_end(), which then need not look at the name again */
	if (x->depth < ARRAY_SIZE(s->kinds))
		s->kinds[x->depth] = (unsigned char)k;
	switch (k) {
	case K_C:
		if (!s->row_depth)
			return;
		cell_attrs(attr, &v, &sv, &t);
		if (v) {
			unsigned long col, row;
			if (wb_parse_ref(v, NULL, &col, &row) ||
			    row != s->row) {
				xp_fail(x,
					"cell reference '%.20s' is not a "
					"cell of row %lu",
					v, s->row);
				return;
			}
			s->col = col;
		} else if (++s->col > WB_MAX_COL) {
			xp_fail(x, "a cell beyond column XFD in row %lu",
				s->row);
			return;
		}
		if (!sv || xlsx_parse_ulong(sv, &s->style) ||
		    s->style >= wb->nxfs)
			s->style = 0;
		v = t;
		s->ctype = T_N;
		if (v) {
			if (!strcmp(v, "s"))
				s->ctype = T_S;
			else if (!strcmp(v, "str"))
				s->ctype = T_STR;
			else if (!strcmp(v, "inlineStr"))
				s->ctype = T_INLINE;
			else if (!strcmp(v, "b"))
				s->ctype = T_B;
			else if (!strcmp(v, "e"))
				s->ctype = T_E;
			else if (!strcmp(v, "d"))
				s->ctype = T_D;
		}
		s->in_cell = 1;
		s->in_value = s->in_is = s->in_t = s->rph = 0;
		strbuf_reset(&s->text);
		return;
	case K_V:
		if (s->in_cell)
			s->in_value = 1;
		return;
	case K_IS:
		if (s->in_cell)
			s->in_is = 1;
		return;
	case K_T:
		if (s->in_is && !s->rph)
			s->in_t = 1;
		return;
	case K_ROW: {
		unsigned long r;
		v = xp_attr(attr, NS_NONE, "r");
		if (!v) {
			r = s->last_row + 1;
		} else if (xlsx_parse_ulong(v, &r) || !r || r > WB_MAX_ROW) {
			xp_fail(x,
				"row number '%.20s' is not one "
				"from 1 to %lu",
				v, WB_MAX_ROW);
			return;
		}
		if (r <= s->last_row) {
			xp_fail(x, "row %lu comes after row %lu", r,
				s->last_row);
			return;
		}
		s->row = s->last_row = r;
		s->row_depth = 1;
		s->col = 0;
		s->ncells = 0;
		s->unsorted = 0;
		strbuf_reset(&s->rowtext);
		return;
	}
	case K_RPH:
		if (s->in_is)
			s->rph++;
		return;
	default:
		return;
	}
}

static const char *const errors_ok[] = { "#NULL!", "#DIV/0!",	    "#VALUE!",
					 "#REF!",  "#NAME?",	    "#NUM!",
					 "#N/A",   "#GETTING_DATA", NULL };

static void cell_end(struct xp *x)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	const struct wb_style *st = wb->nxfs ? &wb->xfs[s->style] : NULL;
	int type = WBIN_EMPTY, is_date = 0;
	const char *text = s->text.buf;
	size_t len = s->text.len;
	unsigned long idx;

	s->in_cell = 0;
	switch (s->ctype) {
	case T_S:
		if (!len)
			break;
		if (xlsx_parse_ulong(text, &idx) || idx >= wb->nstrings) {
			struct kmap_loc loc = wb_cell_loc(wb, s->row, s->col);
			kmap_error_at(&loc,
				      "shared string %.20s does not exist "
				      "(the workbook has %zu)",
				      text, wb->nstrings);
			x->failed = 1;
			XML_StopParser(x->p, XML_FALSE);
			return;
		}
		text = wb->strings + wb->str_off[idx];
		len = strlen(text);
		type = len ? WBIN_STRING : WBIN_EMPTY;
		break;
	case T_STR:
	case T_INLINE:
	case T_D:
		xlsx_unescape(&s->text, 0);
		wb_clean_text(wb, &s->text, 0);
		text = s->text.buf;
		len = s->text.len;
		type = len ? WBIN_STRING : WBIN_EMPTY;
		is_date = s->ctype == T_D && len;
		break;
	case T_B:
		if (!len)
			break;
		type = WBIN_BOOL;
		if (!strcmp(text, "1") || !strcmp(text, "true"))
			text = "TRUE";
		else if (!strcmp(text, "0") || !strcmp(text, "false"))
			text = "FALSE";
		else
			type = WBIN_STRING;
		len = strlen(text);
		break;
	case T_E:
		type = len ? WBIN_ERROR : WBIN_EMPTY;
		for (size_t i = 0; len && errors_ok[i]; i++)
			if (!strcmp(text, errors_ok[i]))
				break;
		break;
	default:
		type = len ? WBIN_NUMBER : WBIN_EMPTY;
		is_date = len && st && st->is_date;
		break;
	}
	if (type == WBIN_EMPTY && !(st && st->has_fill))
		return;
	if (wb_cell_add(wb, s->col, type, text, len, st, is_date) < 0) {
		x->failed = 1;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void sheet_end(struct xp *x, const char *name)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	enum kind k = x->depth < ARRAY_SIZE(s->kinds)
			      ? (enum kind)s->kinds[x->depth]
			      : kind_of(name);

	switch (k) {
	case K_C:
		if (s->in_cell)
			cell_end(x);
		break;
	case K_V:
		s->in_value = 0;
		break;
	case K_IS:
		s->in_is = 0;
		break;
	case K_T:
		s->in_t = 0;
		break;
	case K_RPH:
		if (s->rph)
			s->rph--;
		break;
	case K_ROW:
		s->row_depth = 0;
		if (wb_row_end(wb) < 0) {
			x->failed = 1;
			XML_StopParser(x->p, XML_FALSE);
		}
		break;
	case K_SHEETDATA:
		xp_stop(x);
		break;
	default:
		break;
	}
}

static void sheet_text(struct xp *x, const char *str, int len)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;

	if (!s->in_value && !(s->in_t && !s->rph))
		return;
	if (s->text.len + (size_t)len > wb->opts.max_cell_bytes) {
		struct kmap_loc loc = wb_cell_loc(wb, s->row, s->col);
		kmap_error_at(&loc, "cell text longer than %zu KiB",
			      wb->opts.max_cell_bytes >> 10);
		x->failed = 1;
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	strbuf_add(&s->text, str, (size_t)len);
}

int xlsx_sheet_open(struct wbin *wb, struct wb_sheet *sh)
{
	struct wb_stream *s = &wb->s;
	int rc;

	if (!sh->part) {
		/* a chart sheet or a sheet without its part: no cells */
		s->done = 1;
		return 0;
	}
	if (scan_merges(wb, sh->part) < 0)
		return -1;
	xp_init(&s->x, wb, sh->part, &sh->pub.loc);
	s->x.start = sheet_start;
	s->x.end = sheet_end;
	s->x.text = sheet_text;
	rc = wb_entry_open(wb, sh->part, &sh->pub.loc, &s->e);
	if (rc > 0)
		return kmap_error_at(&sh->pub.loc,
				     "the sheet's part '%s' is missing from "
				     "the archive",
				     sh->part);
	if (rc < 0)
		return -1;
	s->x.part = s->e.name;
	return 0;
}
