/*
 * Office Open XML workbooks (.xlsx): the package's relationships, the
 * sheet list, the shared strings, and opening (which also reads the
 * theme and styles, workbook_xlsx_styles.c). A sheet's rows are read as
 * it is decompressed, in workbook_xlsx_sheet.c.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/xalloc.h"
#include "workbook_xlsx.h"

int xlsx_parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (ULONG_MAX - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	*out = v;
	return 0;
}

int xlsx_parse_hex_rgb(const char *s, uint32_t *out)
{
	size_t n = s ? strlen(s) : 0;
	uint32_t v = 0;

	if (n != 6 && n != 8)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int c = s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v & 0xFFFFFF;
	return 0;
}

/* ---- relationships ---- */

/* Resolves a relationship target against the folder "xl/". */
static char *resolve_target(const char *target)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	if (target[0] == '/') {
		target++;
	} else {
		strbuf_addstr(&sb, "xl/");
	}
	p = target;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *last;
			if (sb.len)
				strbuf_setlen(&sb, sb.len - 1);
			last = strrchr(sb.buf, '/');
			strbuf_setlen(&sb,
				      last ? (size_t)(last - sb.buf) + 1 : 0);
		} else {
			strbuf_add(&sb, p, n);
			if (slash)
				strbuf_addch(&sb, '/');
		}
		p += n + (slash ? 1 : 0);
	}
	return strbuf_detach(&sb, NULL);
}

static void rels_start(struct xp *x, const char *name, const char **attr)
{
	struct xlsx_parts *xp = x->ctx;
	const char *local, *id, *type, *target, *mode;
	struct rel *r;

	if (xp_name(name, &local) != NS_PKG || strcmp(local, "Relationship"))
		return;
	id = xp_attr(attr, NS_NONE, "Id");
	type = xp_attr(attr, NS_NONE, "Type");
	target = xp_attr(attr, NS_NONE, "Target");
	mode = xp_attr(attr, NS_NONE, "TargetMode");
	if (!id || !type || !target || (mode && !strcmp(mode, "External")))
		return;
	if (xp->nrels >= x->wb->opts.max_sheets + 64) {
		xp_fail(x, "more than %zu relationships",
			x->wb->opts.max_sheets + 64);
		return;
	}
	wb_grow((void **)&xp->rels, &xp->rels_cap, xp->nrels + 1,
		sizeof(*xp->rels));
	r = &xp->rels[xp->nrels++];
	r->id = xstrdup(id);
	r->type = xstrdup(type);
	r->target = resolve_target(target);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

static const struct rel *rel_by_type(const struct xlsx_parts *xp,
				     const char *tail)
{
	for (size_t i = 0; i < xp->nrels; i++)
		if (ends_with(xp->rels[i].type, tail))
			return &xp->rels[i];
	return NULL;
}

/* ---- the sheet list ---- */

static void book_start(struct xp *x, const char *name, const char **attr)
{
	struct xlsx_parts *xp = x->ctx;
	struct wbin *wb = x->wb;
	const char *local, *sname, *state, *rid;
	struct wb_sheet *sh;
	struct strbuf sb = STRBUF_INIT;

	if (xp_name(name, &local) != NS_SML || strcmp(local, "sheet"))
		return;
	sname = xp_attr(attr, NS_NONE, "name");
	state = xp_attr(attr, NS_NONE, "state");
	rid = xp_attr(attr, NS_REL, "id");
	if (!sname)
		return;
	if (wb->nsheets >= wb->opts.max_sheets) {
		xp_fail(x, "more than %zu sheets", wb->opts.max_sheets);
		return;
	}
	wb_grow((void **)&wb->sheets, &wb->sheets_cap, wb->nsheets + 1,
		sizeof(*wb->sheets));
	sh = &wb->sheets[wb->nsheets++];
	memset(sh, 0, sizeof(*sh));
	sh->name = xstrdup(sname);
	strbuf_addf(&sb, "%s:%s", wb->path, sname);
	sh->locname = strbuf_detach(&sb, NULL);
	sh->pub.name = sh->name;
	sh->pub.loc.file = sh->locname;
	if (state && !strcmp(state, "hidden"))
		sh->pub.visibility = WBIN_HIDDEN;
	else if (state && !strcmp(state, "veryHidden"))
		sh->pub.visibility = WBIN_VERY_HIDDEN;
	for (size_t i = 0; rid && i < xp->nrels; i++)
		if (!strcmp(xp->rels[i].id, rid) &&
		    ends_with(xp->rels[i].type, "/worksheet"))
			sh->part = xstrdup(xp->rels[i].target);
}

/* ---- shared strings ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static size_t put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | cp >> 12);
	o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

/* Decodes OOXML's _xHHHH_ escapes in sb from `from` on, in place. */
void xlsx_unescape(struct strbuf *sb, size_t from)
{
	char *s = sb->buf;
	size_t w = from, n = sb->len;

	if (!memchr(s + from, '_', n - from))
		return;
	for (size_t r = from; r < n;) {
		if (s[r] == '_' && r + 6 < n && s[r + 1] == 'x' &&
		    s[r + 6] == '_') {
			int h0 = hexval(s[r + 2]), h1 = hexval(s[r + 3]);
			int h2 = hexval(s[r + 4]), h3 = hexval(s[r + 5]);
			if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
				uint32_t cp = (uint32_t)(h0 << 12 | h1 << 8 |
							 h2 << 4 | h3);
				if (cp < 0xD800 || cp > 0xDFFF) {
					w += put_utf8(s + w, cp);
					r += 7;
					continue;
				}
			}
		}
		s[w++] = s[r++];
	}
	strbuf_setlen(sb, w);
}

static void sst_start(struct xp *x, const char *name, const char **attr)
{
	struct xlsx_parts *xp = x->ctx;
	const char *local;

	if (xp_name(name, &local) != NS_SML)
		return;
	if (!strcmp(local, "sst")) {
		/* a table that says it is over the cap is refused at once
		 * (one that says less is still counted) */
		const char *v = xp_attr(attr, NS_NONE, "uniqueCount");
		unsigned long n;
		if (v && !xlsx_parse_ulong(v, &n) &&
		    n > x->wb->opts.max_strings)
			xp_fail(x, "more than %zu shared strings",
				x->wb->opts.max_strings);
	} else if (!strcmp(local, "si")) {
		if (xp->noff >= x->wb->opts.max_strings) {
			xp_fail(x, "more than %zu shared strings",
				x->wb->opts.max_strings);
			return;
		}
		xp->in_si = 1;
		xp->rph = 0;
		wb_grow((void **)&xp->off, &xp->off_cap, xp->noff + 1,
			sizeof(*xp->off));
		xp->off[xp->noff] = xp->sst.len;
	} else if (xp->in_si && !strcmp(local, "rPh")) {
		xp->rph++;
	} else if (xp->in_si && !xp->rph && !strcmp(local, "t")) {
		xp->in_t = 1;
	}
}

static void sst_end(struct xp *x, const char *name)
{
	struct xlsx_parts *xp = x->ctx;
	const char *local;

	if (xp_name(name, &local) != NS_SML)
		return;
	if (!strcmp(local, "si") && xp->in_si) {
		size_t from = xp->off[xp->noff];
		xlsx_unescape(&xp->sst, from);
		wb_clean_text(x->wb, &xp->sst, from);
		strbuf_addch(&xp->sst, '\0');
		xp->noff++;
		xp->in_si = 0;
	} else if (!strcmp(local, "rPh") && xp->rph) {
		xp->rph--;
	} else if (!strcmp(local, "t")) {
		xp->in_t = 0;
	}
}

static void sst_text(struct xp *x, const char *s, int len)
{
	struct xlsx_parts *xp = x->ctx;

	if (!xp->in_t || xp->rph)
		return;
	if (xp->sst.len + (size_t)len > x->wb->opts.max_string_bytes) {
		xp_fail(x, "the shared strings hold more than %zu MiB",
			x->wb->opts.max_string_bytes >> 20);
		return;
	}
	if (xp->sst.len - xp->off[xp->noff] + (size_t)len >
	    x->wb->opts.max_cell_bytes) {
		xp_fail(x, "a shared string longer than %zu KiB",
			x->wb->opts.max_cell_bytes >> 10);
		return;
	}
	strbuf_add(&xp->sst, s, (size_t)len);
}

/* ---- opening ---- */

static int parse_part(struct wbin *wb, const char *part, struct xlsx_parts *xp,
		      xp_start_fn *start, xp_end_fn *end, xp_text_fn *text)
{
	struct xp x;
	int rc;

	xp_init(&x, wb, part, &wb->loc);
	x.ctx = xp;
	x.start = start;
	x.end = end;
	x.text = text;
	rc = xp_parse_entry(&x, part);
	xp_release(&x);
	return rc;
}

static void parts_release(struct xlsx_parts *xp)
{
	for (size_t i = 0; i < xp->nrels; i++) {
		free(xp->rels[i].id);
		free(xp->rels[i].type);
		free(xp->rels[i].target);
	}
	free(xp->rels);
	free(xp->fills);
	free(xp->xf);
	free(xp->date_fmts);
	free(xp->other_fmts);
	free(xp->off);
	strbuf_release(&xp->sst);
}

int xlsx_open(struct wbin *wb)
{
	struct xlsx_parts xp;
	const struct rel *r;
	const char *part;
	int rc = -1;

	memset(&xp, 0, sizeof(xp));
	strbuf_init(&xp.sst);
	memcpy(xp.theme, xlsx_office_theme, sizeof(xp.theme));
	xp.scheme_slot = -1;
	if (parse_part(wb, "xl/_rels/workbook.xml.rels", &xp, rels_start, NULL,
		       NULL) < 0)
		goto out;
	if (parse_part(wb, "xl/workbook.xml", &xp, book_start, NULL, NULL))
		goto out;
	if (!wb->nsheets) {
		kmap_error_at(&wb->loc, "the workbook has no sheets");
		goto out;
	}
	r = rel_by_type(&xp, "/theme");
	if (r && parse_part(wb, r->target, &xp, xlsx_theme_start,
			    xlsx_theme_end, NULL) < 0)
		goto out;
	r = rel_by_type(&xp, "/styles");
	part = r ? r->target : "xl/styles.xml";
	if (parse_part(wb, part, &xp, xlsx_styles_start, xlsx_styles_end,
		       NULL) < 0)
		goto out;
	xlsx_resolve_styles(wb, &xp);
	r = rel_by_type(&xp, "/sharedStrings");
	part = r ? r->target : "xl/sharedStrings.xml";
	if (parse_part(wb, part, &xp, sst_start, sst_end, sst_text) < 0)
		goto out;
	wb->nstrings = xp.noff;
	wb->strings_len = xp.sst.len;
	wb->strings = strbuf_detach(&xp.sst, NULL);
	wb->str_off = xp.off;
	xp.off = NULL;
	rc = 0;
out:
	parts_release(&xp);
	return rc;
}

void xlsx_release(struct wbin *wb)
{
	free(wb->strings);
	free(wb->str_off);
	free(wb->xfs);
	wb->strings = NULL;
	wb->str_off = NULL;
	wb->xfs = NULL;
}
