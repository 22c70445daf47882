/*
 * OpenDocument spreadsheets (.ods): cell styles from styles.xml and
 * content.xml's automatic styles, the tables of content.xml and their
 * rows. wbin_open() reads content.xml once for its styles and the
 * byte offset of each table:table; a sheet is then read by parsing
 * content.xml's beginning (for its namespaces) and, skipping the bytes of
 * the tables before it, that table alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kmap/hash.h"
#include "kmap/xalloc.h"
#include "workbook_internal.h"

enum { FAM_OTHER, FAM_CELL, FAM_TABLE };
enum { BG_UNSET, BG_NONE, BG_COLOR };
enum { DS_OTHER, DS_DATE, DS_BOOL };

struct ods_style {
	char *name, *parent, *data_style;
	unsigned char family, is_auto, bg_state, hidden;
	uint32_t bg;
};

struct ods_index {
	size_t cap;	/* a power of two */
	uint32_t *slot; /* style index + 1; 0 empty */
};

/* What the parse of styles.xml and content.xml's start keeps track of. */
struct ods_pre {
	int in_auto, in_common, in_body;
	unsigned table_depth;
	struct ods_style *cur;
};

static void add_sheet(struct wbin *wb, struct xp *x, const char *name,
		      const char *style)
{
	struct wb_sheet *sh;
	struct strbuf sb = STRBUF_INIT;

	if (wb->nsheets >= wb->opts.max_sheets) {
		xp_fail(x, "more than %zu sheets", wb->opts.max_sheets);
		return;
	}
	wb_grow((void **)&wb->sheets, &wb->sheets_cap, wb->nsheets + 1,
		sizeof(*wb->sheets));
	sh = &wb->sheets[wb->nsheets++];
	memset(sh, 0, sizeof(*sh));
	sh->name = xstrdup(name);
	strbuf_addf(&sb, "%s:%s", wb->path, name);
	sh->locname = strbuf_detach(&sb, NULL);
	sh->pub.name = sh->name;
	sh->pub.loc.file = sh->locname;
	sh->part = style ? xstrdup(style) : NULL; /* resolved later */
	sh->offset = (uint64_t)XML_GetCurrentByteIndex(x->p);
	if (wb->nsheets == 1)
		wb->first_table = sh->offset;
}

static void pre_start(struct xp *x, const char *name, const char **attr)
{
	struct wbin *wb = x->wb;
	struct ods_pre *pre = x->ctx;
	const char *local;
	enum wb_ns ns;

	if (pre->table_depth)
		return; /* inside a table: cells are for the sheet pass */
	ns = xp_name(name, &local);
	if (ns == NS_OFFICE) {
		if (!strcmp(local, "automatic-styles"))
			pre->in_auto = 1;
		else if (!strcmp(local, "styles"))
			pre->in_common = 1;
		else if (!strcmp(local, "spreadsheet"))
			pre->in_body = 1;
		return;
	}
	if (ns == NS_TABLE && pre->in_body && !strcmp(local, "table")) {
		const char *tn = xp_attr(attr, NS_TABLE, "name");
		pre->table_depth = x->depth;
		add_sheet(wb, x, tn ? tn : "",
			  xp_attr(attr, NS_TABLE, "style-name"));
		return;
	}
	if (!pre->in_auto && !pre->in_common)
		return;
	if (ns == NS_NUMBER) {
		const char *sn = xp_attr(attr, NS_STYLE, "name");
		size_t n = strlen(local);
		if (!sn || n < 6 || strcmp(local + n - 6, "-style"))
			return;
		if (wb->ndata_styles >= wb->opts.max_styles) {
			xp_fail(x, "more than %zu data styles",
				wb->opts.max_styles);
			return;
		}
		wb_grow((void **)&wb->data_styles, &wb->data_styles_cap,
			wb->ndata_styles + 1, sizeof(*wb->data_styles));
		wb->data_kind = xrealloc(wb->data_kind, wb->data_styles_cap);
		wb->data_styles[wb->ndata_styles] = xstrdup(sn);
		wb->data_kind[wb->ndata_styles++] =
			!strcmp(local, "date-style") ||
					!strcmp(local, "time-style")
				? DS_DATE
			: !strcmp(local, "boolean-style") ? DS_BOOL
							  : DS_OTHER;
		return;
	}
	if (ns != NS_STYLE)
		return;
	if (!strcmp(local, "style")) {
		const char *sn = xp_attr(attr, NS_STYLE, "name");
		const char *fam = xp_attr(attr, NS_STYLE, "family");
		const char *par = xp_attr(attr, NS_STYLE, "parent-style-name");
		const char *ds = xp_attr(attr, NS_STYLE, "data-style-name");
		struct ods_style *st;
		pre->cur = NULL;
		if (!sn || !fam)
			return;
		if (strcmp(fam, "table-cell") && strcmp(fam, "table"))
			return;
		if (wb->n_ods_styles >= wb->opts.max_styles) {
			xp_fail(x, "more than %zu cell styles",
				wb->opts.max_styles);
			return;
		}
		wb_grow((void **)&wb->ods_styles, &wb->ods_styles_cap,
			wb->n_ods_styles + 1, sizeof(*wb->ods_styles));
		st = &wb->ods_styles[wb->n_ods_styles++];
		memset(st, 0, sizeof(*st));
		st->name = xstrdup(sn);
		st->parent = par ? xstrdup(par) : NULL;
		st->data_style = ds ? xstrdup(ds) : NULL;
		st->family = !strcmp(fam, "table") ? FAM_TABLE : FAM_CELL;
		st->is_auto = (unsigned char)pre->in_auto;
		pre->cur = st;
	} else if (pre->cur && !strcmp(local, "table-cell-properties")) {
		const char *bg = xp_attr(attr, NS_FO, "background-color");
		unsigned v = 0;
		int k = 0;
		if (!bg)
			return;
		if (!strcmp(bg, "transparent")) {
			pre->cur->bg_state = BG_NONE;
		} else if (bg[0] == '#' && strlen(bg) == 7 &&
			   sscanf(bg + 1, "%6x%n", &v, &k) == 1 && k == 6) {
			pre->cur->bg_state = BG_COLOR;
			pre->cur->bg = v;
		}
	} else if (pre->cur && !strcmp(local, "table-properties")) {
		const char *d = xp_attr(attr, NS_TABLE, "display");
		pre->cur->hidden = d && !strcmp(d, "false");
	}
}

static void pre_end(struct xp *x, const char *name)
{
	struct ods_pre *pre = x->ctx;
	const char *local;
	enum wb_ns ns;

	if (pre->table_depth) {
		if (x->depth == pre->table_depth)
			pre->table_depth = 0;
		return;
	}
	ns = xp_name(name, &local);
	if (ns == NS_OFFICE && !strcmp(local, "automatic-styles"))
		pre->in_auto = 0;
	else if (ns == NS_OFFICE && !strcmp(local, "styles"))
		pre->in_common = 0;
	else if (ns == NS_STYLE && !strcmp(local, "style"))
		pre->cur = NULL;
}

/* ---- looking styles up ---- */

static void index_build(struct wbin *wb)
{
	struct ods_index *ix = xcalloc(1, sizeof(*ix));

	ix->cap = 16;
	while (ix->cap < 2 * wb->n_ods_styles)
		ix->cap *= 2;
	ix->slot = xcalloc(ix->cap, sizeof(*ix->slot));
	for (size_t i = 0; i < wb->n_ods_styles; i++) {
		const char *n = wb->ods_styles[i].name;
		size_t h = (size_t)hash_bytes(n, strlen(n)) & (ix->cap - 1);
		while (ix->slot[h])
			h = (h + 1) & (ix->cap - 1);
		ix->slot[h] = (uint32_t)i + 1;
	}
	wb->ods_index = ix;
}

/* The style of that name and family, an automatic one first when
 * prefer_auto (a cell's), a common one first otherwise (a parent).
 * Returns its index or -1. */
static long style_find(const struct wbin *wb, const char *name, int family,
		       int prefer_auto)
{
	const struct ods_index *ix = wb->ods_index;
	size_t h;
	long other = -1;

	if (!name || !ix)
		return -1;
	h = (size_t)hash_bytes(name, strlen(name)) & (ix->cap - 1);
	for (; ix->slot[h]; h = (h + 1) & (ix->cap - 1)) {
		const struct ods_style *st = &wb->ods_styles[ix->slot[h] - 1];
		if (st->family != family || strcmp(st->name, name))
			continue;
		if (st->is_auto == prefer_auto)
			return (long)ix->slot[h] - 1;
		other = (long)ix->slot[h] - 1;
	}
	return other;
}

static int data_kind(const struct wbin *wb, const char *name)
{
	for (size_t i = 0; name && i < wb->ndata_styles; i++)
		if (!strcmp(wb->data_styles[i], name))
			return wb->data_kind[i];
	return DS_OTHER;
}

/* Fill and number format of every cell style, through its parents. */
static void resolve(struct wbin *wb)
{
	wb->ods_resolved = xcalloc(wb->n_ods_styles ? wb->n_ods_styles : 1,
				   sizeof(*wb->ods_resolved));
	for (size_t i = 0; i < wb->n_ods_styles; i++) {
		struct wb_style *r = &wb->ods_resolved[i];
		long k = (long)i;
		int bg_done = 0, ds_done = 0;
		for (int hops = 0; k >= 0 && hops < 32; hops++) {
			const struct ods_style *st = &wb->ods_styles[k];
			if (!bg_done && st->bg_state != BG_UNSET) {
				bg_done = 1;
				r->has_fill = st->bg_state == BG_COLOR;
				r->fill = st->bg;
			}
			if (!ds_done && st->data_style) {
				int kind = data_kind(wb, st->data_style);
				ds_done = 1;
				r->is_date = kind == DS_DATE;
				r->is_bool = kind == DS_BOOL;
			}
			if (bg_done && ds_done)
				break;
			k = style_find(wb, st->parent, st->family, 0);
		}
	}
	for (size_t i = 0; i < wb->nsheets; i++) {
		struct wb_sheet *sh = &wb->sheets[i];
		long k = style_find(wb, sh->part, FAM_TABLE, 1);
		if (k >= 0 && wb->ods_styles[k].hidden)
			sh->pub.visibility = WBIN_HIDDEN;
		free(sh->part);
		sh->part = NULL;
	}
}

static const struct wb_style *cell_style(const struct wbin *wb,
					 const char *name)
{
	long k = style_find(wb, name, FAM_CELL, 1);

	return k >= 0 ? &wb->ods_resolved[k] : NULL;
}

int ods_open(struct wbin *wb)
{
	struct ods_pre pre;
	struct xp x;
	int rc;

	memset(&pre, 0, sizeof(pre));
	xp_init(&x, wb, "styles.xml", &wb->loc);
	x.ctx = &pre;
	x.start = pre_start;
	x.end = pre_end;
	rc = xp_parse_entry(&x, "styles.xml");
	xp_release(&x);
	if (rc < 0)
		return -1;
	/* styles.xml's automatic styles are for pages, not cells */
	for (size_t i = 0; i < wb->n_ods_styles; i++)
		wb->ods_styles[i].is_auto = 0;
	memset(&pre, 0, sizeof(pre));
	xp_init(&x, wb, "content.xml", &wb->loc);
	x.ctx = &pre;
	x.start = pre_start;
	x.end = pre_end;
	rc = xp_parse_entry(&x, "content.xml");
	xp_release(&x);
	if (rc)
		return -1;
	index_build(wb);
	resolve(wb);
	if (!wb->nsheets)
		return kmap_error_at(&wb->loc, "the spreadsheet has no sheets");
	return 0;
}

void ods_release(struct wbin *wb)
{
	for (size_t i = 0; i < wb->n_ods_styles; i++) {
		free(wb->ods_styles[i].name);
		free(wb->ods_styles[i].parent);
		free(wb->ods_styles[i].data_style);
	}
	free(wb->ods_styles);
	for (size_t i = 0; i < wb->ndata_styles; i++)
		free(wb->data_styles[i]);
	free(wb->data_styles);
	free(wb->data_kind);
	if (wb->ods_index)
		free(wb->ods_index->slot);
	free(wb->ods_index);
	free(wb->ods_resolved);
	wb->ods_styles = NULL;
	wb->data_styles = NULL;
	wb->data_kind = NULL;
	wb->ods_index = NULL;
	wb->ods_resolved = NULL;
	wb->n_ods_styles = wb->ndata_styles = 0;
}

/* ---- a table's rows ---- */

enum vt { VT_NONE, VT_FLOAT, VT_DATE, VT_BOOL, VT_STRING };

static int parse_count(struct xp *x, const char *v, unsigned long max,
		       const char *what, unsigned long *out)
{
	unsigned long n = 0;

	*out = 1;
	if (!v)
		return 0;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9') {
			xp_fail(x, "%s '%.20s' is not a count", what, v);
			return -1;
		}
		n = n * 10 + (unsigned long)(*p - '0');
		if (n > max) {
			xp_fail(x, "%s %.20s is more than %lu", what, v, max);
			return -1;
		}
	}
	*out = n ? n : 1;
	return 0;
}

static const struct wb_style *column_style(const struct wbin *wb,
					   unsigned long col)
{
	const struct wb_stream *s = &wb->s;

	for (size_t i = 0; i < s->ncolstyles; i++)
		if (col >= s->colstyles[i].first && col <= s->colstyles[i].last)
			return s->colstyles[i].style
				       ? &wb->ods_resolved
						  [s->colstyles[i].style - 1]
				       : NULL;
	return NULL;
}

static void fail_stop(struct xp *x)
{
	x->failed = 1;
	XML_StopParser(x->p, XML_FALSE);
}

static void cell_start(struct xp *x, const char **attr, int covered)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	const char *vt = xp_attr(attr, NS_OFFICE, "value-type");
	const char *cx = xp_attr(attr, NS_CALCEXT, "value-type");
	const char *f = xp_attr(attr, NS_TABLE, "formula");
	const char *v = NULL;
	const struct wb_style *st;

	if (parse_count(x, xp_attr(attr, NS_TABLE, "number-columns-repeated"),
			WB_MAX_COL, "number-columns-repeated",
			&s->cell_repeat) ||
	    parse_count(x, xp_attr(attr, NS_TABLE, "number-columns-spanned"),
			WB_MAX_COL, "number-columns-spanned", &s->span_cols) ||
	    parse_count(x, xp_attr(attr, NS_TABLE, "number-rows-spanned"),
			WB_MAX_ROW, "number-rows-spanned", &s->span_rows))
		return;
	s->covered = covered;
	s->cell_depth = (int)x->depth;
	s->paragraphs = s->p_open = s->skip = 0;
	strbuf_reset(&s->text);
	strbuf_reset(&s->value);
	s->ctype = VT_NONE;
	if (cx && !strcmp(cx, "error")) {
		s->ctype = -1;
	} else if (vt) {
		if (!strcmp(vt, "float") || !strcmp(vt, "percentage") ||
		    !strcmp(vt, "currency")) {
			s->ctype = VT_FLOAT;
			v = xp_attr(attr, NS_OFFICE, "value");
		} else if (!strcmp(vt, "date")) {
			s->ctype = VT_DATE;
			v = xp_attr(attr, NS_OFFICE, "date-value");
		} else if (!strcmp(vt, "time")) {
			s->ctype = VT_DATE;
			v = xp_attr(attr, NS_OFFICE, "time-value");
		} else if (!strcmp(vt, "boolean")) {
			s->ctype = VT_BOOL;
			v = xp_attr(attr, NS_OFFICE, "boolean-value");
		} else if (!strcmp(vt, "string")) {
			s->ctype = VT_STRING;
			v = xp_attr(attr, NS_OFFICE, "string-value");
		}
	}
	/* LibreOffice writes an xlsx boolean as a =TRUE() number */
	if (s->ctype == VT_FLOAT && f &&
	    (!strcasecmp(f, "of:=TRUE()") || !strcasecmp(f, "of:=FALSE()")))
		s->ctype = VT_BOOL;
	if (v) {
		size_t n = strlen(v);
		if (n > wb->opts.max_cell_bytes) {
			xp_fail(x, "a cell value longer than %zu KiB",
				wb->opts.max_cell_bytes >> 10);
			return;
		}
		strbuf_add(&s->value, v, n);
	}
	s->in_value = v != NULL; /* the value was given as an attribute */
	st = cell_style(wb, xp_attr(attr, NS_TABLE, "style-name"));
	if (!st && s->row_style)
		st = &wb->ods_resolved[s->row_style - 1];
	if (!st)
		st = column_style(wb, s->col);
	s->style = st ? (size_t)(st - wb->ods_resolved) + 1 : 0;
	s->in_cell = 1;
}

static void ods_cell_end(struct xp *x)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	const struct wb_style *st =
		s->style ? &wb->ods_resolved[s->style - 1] : NULL;
	unsigned long n = s->cell_repeat, col = s->col;
	int type = WBIN_EMPTY, is_date = 0;
	struct strbuf *src = &s->text;
	const char *text;
	size_t len;

	s->in_cell = 0;
	s->col += n;
	if (s->covered)
		return;
	switch (s->ctype) {
	case -1:
		type = WBIN_ERROR;
		break;
	case VT_FLOAT:
		type = WBIN_NUMBER;
		if (s->in_value)
			src = &s->value;
		if (st && st->is_bool)
			type = WBIN_BOOL;
		break;
	case VT_DATE:
		type = WBIN_STRING;
		is_date = 1;
		if (s->in_value)
			src = &s->value;
		break;
	case VT_BOOL:
		type = WBIN_BOOL;
		if (s->in_value)
			src = &s->value;
		break;
	case VT_STRING:
		if (s->in_value && s->value.len)
			src = &s->value;
		/* fall through */
	default:
		type = WBIN_STRING;
		break;
	}
	wb_clean_text(wb, src, 0);
	text = src->buf;
	len = src->len;
	if (type == WBIN_BOOL) {
		int yes = !strcasecmp(text, "true") ||
			  (strcasecmp(text, "false") &&
			   strtod(text, NULL) != 0.0);
		text = yes ? "TRUE" : "FALSE";
		len = strlen(text);
	} else if (!len) {
		type = WBIN_EMPTY;
	}
	if (type == WBIN_EMPTY && !(st && st->has_fill))
		return;
	if (type == WBIN_EMPTY) {
		/* a long run of filled empty cells is a band's format */
		if (n > WB_FILL_RUN_MAX || col > WB_MAX_COL)
			return;
		if (col + n - 1 > WB_MAX_COL)
			n = WB_MAX_COL - col + 1;
	} else {
		s->row_valued = 1;
		if (col + n - 1 > WB_MAX_COL) {
			struct kmap_loc loc = wb_cell_loc(wb, s->row, 0);
			kmap_error_at(&loc, "a cell beyond column XFD");
			fail_stop(x);
			return;
		}
	}
	if (n > 1 && (s->expanded += n - 1) > wb->opts.max_expanded) {
		struct kmap_loc loc = wb_cell_loc(wb, s->row, col);
		kmap_error_at(&loc,
			      "repeated and merged cells make more than %llu "
			      "cells",
			      (unsigned long long)wb->opts.max_expanded);
		fail_stop(x);
		return;
	}
	for (unsigned long i = 0; i < n; i++)
		if (wb_cell_add(wb, col + i, type, text, len, st, is_date) <
		    0) {
			fail_stop(x);
			return;
		}
	if ((s->span_cols > 1 || s->span_rows > 1) && n == 1 &&
	    wb_merge_add(wb, s->row, col, s->row + s->span_rows - 1,
			 col + s->span_cols - 1) < 0)
		fail_stop(x);
}

static void add_text(struct xp *x, const char *str, size_t n)
{
	struct wb_stream *s = &x->wb->s;

	if (s->text.len + n > x->wb->opts.max_cell_bytes) {
		struct kmap_loc loc = wb_cell_loc(x->wb, s->row, s->col);
		kmap_error_at(&loc, "cell text longer than %zu KiB",
			      x->wb->opts.max_cell_bytes >> 10);
		fail_stop(x);
		return;
	}
	strbuf_add(&s->text, str, n);
}

static void table_start(struct xp *x, const char *name, const char **attr)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	const char *local;
	enum wb_ns ns = xp_name(name, &local);

	if (s->in_cell) {
		if (s->skip)
			return;
		if (ns == NS_TEXT && (int)x->depth == s->cell_depth + 1 &&
		    (!strcmp(local, "p") || !strcmp(local, "h"))) {
			if (s->paragraphs++)
				add_text(x, "\n", 1);
			s->p_open = (int)x->depth;
			s->p_space = 1;
		} else if (!s->p_open) {
			return;
		} else if (ns == NS_TEXT && !strcmp(local, "s")) {
			unsigned long c;
			if (parse_count(x, xp_attr(attr, NS_TEXT, "c"),
					x->wb->opts.max_cell_bytes, "text:c",
					&c))
				return;
			for (unsigned long i = 0; i < c && !x->failed; i++)
				add_text(x, " ", 1);
			s->p_space = 0;
		} else if (ns == NS_TEXT && !strcmp(local, "tab")) {
			add_text(x, "\t", 1);
			s->p_space = 0;
		} else if (ns == NS_TEXT && !strcmp(local, "line-break")) {
			add_text(x, "\n", 1);
			s->p_space = 0;
		} else if ((ns == NS_TEXT && !strcmp(local, "note")) ||
			   (ns == NS_OFFICE && !strcmp(local, "annotation")) ||
			   ns == NS_OTHER) {
			s->skip = (int)x->depth;
		}
		return;
	}
	if (ns != NS_TABLE)
		return;
	if (!s->table_depth) {
		if (!strcmp(local, "table"))
			s->table_depth = (int)x->depth;
		return;
	}
	if (!strcmp(local, "table-cell") ||
	    !strcmp(local, "covered-table-cell")) {
		if (s->row_depth)
			cell_start(x, attr, local[0] == 'c');
	} else if (!strcmp(local, "table-row")) {
		const char *ds;
		if (parse_count(x,
				xp_attr(attr, NS_TABLE, "number-rows-repeated"),
				WB_MAX_ROW, "number-rows-repeated", &s->repeat))
			return;
		s->row = s->last_row + 1;
		s->row_depth = (int)x->depth;
		s->col = 1;
		s->ncells = 0;
		s->row_valued = 0;
		strbuf_reset(&s->rowtext);
		ds = xp_attr(attr, NS_TABLE, "default-cell-style-name");
		s->row_style = 0;
		if (ds) {
			const struct wb_style *st = cell_style(wb, ds);
			s->row_style =
				st ? (uint32_t)(st - wb->ods_resolved) + 1 : 0;
		}
	} else if (!strcmp(local, "table-column")) {
		unsigned long n;
		const struct wb_style *st;
		if (parse_count(
			    x,
			    xp_attr(attr, NS_TABLE, "number-columns-repeated"),
			    WB_MAX_COL, "number-columns-repeated", &n))
			return;
		if (!s->next_col_first)
			s->next_col_first = 1;
		st = cell_style(
			wb, xp_attr(attr, NS_TABLE, "default-cell-style-name"));
		if (st && st->has_fill && s->next_col_first <= WB_MAX_COL &&
		    s->ncolstyles < WB_MAX_COL) {
			wb_grow((void **)&s->colstyles, &s->colstyles_cap,
				s->ncolstyles + 1, sizeof(*s->colstyles));
			s->colstyles[s->ncolstyles].first =
				(uint32_t)s->next_col_first;
			s->colstyles[s->ncolstyles].last =
				(uint32_t)(s->next_col_first + n - 1);
			s->colstyles[s->ncolstyles].style =
				(uint32_t)(st - wb->ods_resolved) + 1;
			s->ncolstyles++;
		}
		s->next_col_first += n;
	}
}

static void table_end(struct xp *x, const char *name)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;

	(void)name;
	if (s->in_cell) {
		if (s->skip) {
			if ((int)x->depth == s->skip)
				s->skip = 0;
		} else if (s->p_open && (int)x->depth == s->p_open) {
			s->p_open = 0;
		} else if ((int)x->depth == s->cell_depth) {
			ods_cell_end(x);
		}
		return;
	}
	if (s->row_depth && (int)x->depth == s->row_depth) {
		unsigned long n = s->repeat;
		s->row_depth = 0;
		if (s->ncells && !s->row_valued && n > WB_FILL_RUN_MAX)
			s->ncells = 0;
		s->last_row += n;
		if (s->ncells) {
			if (s->row > WB_MAX_ROW) {
				xp_fail(x, "a row beyond row %lu", WB_MAX_ROW);
				return;
			}
			if (s->row + n - 1 > WB_MAX_ROW)
				s->repeat = WB_MAX_ROW - s->row + 1;
			if (wb_row_end(wb) < 0)
				fail_stop(x);
		}
		return;
	}
	if (s->table_depth && (int)x->depth == s->table_depth)
		xp_stop(x);
}

static void table_text(struct xp *x, const char *str, int len)
{
	struct wb_stream *s = &x->wb->s;
	int start = 0;

	if (!s->in_cell || !s->p_open || s->skip)
		return;
	/* ODF white space: a run is one space, none at a paragraph's start */
	for (int i = 0; i < len && !x->failed; i++) {
		char c = str[i];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
			s->p_space = 0;
			continue;
		}
		if (i > start)
			add_text(x, str + start, (size_t)(i - start));
		if (!s->p_space)
			add_text(x, " ", 1);
		s->p_space = 1;
		start = i + 1;
	}
	if (len > start && !x->failed)
		add_text(x, str + start, (size_t)(len - start));
}

int ods_sheet_open(struct wbin *wb, struct wb_sheet *sh)
{
	struct wb_stream *s = &wb->s;
	int rc;

	xp_init(&s->x, wb, "content.xml", &sh->pub.loc);
	s->x.start = table_start;
	s->x.end = table_end;
	s->x.text = table_text;
	if (sh->offset > wb->first_table) {
		s->skip_from = wb->first_table;
		s->skip_to = sh->offset;
	}
	rc = wb_entry_open(wb, "content.xml", &sh->pub.loc, &s->e);
	if (rc)
		return rc > 0 ? kmap_error_at(&wb->loc, "content.xml is gone")
			      : -1;
	s->x.part = s->e.name;
	return 0;
}
