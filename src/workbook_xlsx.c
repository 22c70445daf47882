/*
 * Office Open XML workbooks (.xlsx): the sheet list and its
 * relationships, the theme's colours, styles.xml's fills and number
 * formats, the shared strings, and each sheet's rows as it is
 * decompressed. Merged ranges come after a sheet's cells, so
 * xlsx_sheet_open() finds them first (scan_merges()).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kmap/xalloc.h"
#include "workbook_internal.h"

#define CHUNK (64 * 1024)

/* Excel's default palette for indexed="0".."63"; 64 and 65 are the
 * system's foreground and background. */
static const uint32_t indexed_palette[64] = {
	0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF,
	0x00FFFF, 0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00,
	0xFF00FF, 0x00FFFF, 0x800000, 0x008000, 0x000080, 0x808000, 0x800080,
	0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF,
	0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00,
	0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF,
	0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF,
	0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
	0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399,
	0x333333,
};

/* The Office theme (2013-2022) in Excel's theme-index order: lt1, dk1,
 * lt2, dk2, accent1-6, hlink, folHlink; used when a file has no theme. */
static const uint32_t office_theme[12] = {
	0xFFFFFF, 0x000000, 0xE7E6E6, 0x44546A, 0x4472C4, 0xED7D31,
	0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x0563C1, 0x954F72,
};

enum color_kind { COL_NONE, COL_RGB, COL_INDEXED, COL_THEME, COL_AUTO };

struct colspec {
	enum color_kind kind;
	uint32_t value;
	double tint;
};

struct fill {
	int solid;
	struct colspec fg;
};

struct xf {
	unsigned long numfmt, fill;
};

struct rel {
	char *id, *type, *target;
};

/* What xlsx_open() gathers before resolving the styles. */
struct xlsx_parts {
	struct rel *rels;
	size_t nrels, rels_cap;
	uint32_t theme[12];
	struct fill *fills;
	size_t nfills, fills_cap;
	struct xf *xf;
	size_t nxf, xf_cap;
	unsigned long *date_fmts; /* custom number formats that are dates */
	size_t ndate, date_cap;
	unsigned long *other_fmts; /* ... and those that are not */
	size_t nother, other_cap;
	uint32_t palette[64];
	size_t npalette;
	int in_fills, in_xfs, in_palette, in_scheme, scheme_done;
	int scheme_slot;
	struct fill *cur_fill;
	struct strbuf sst;
	size_t *off;
	size_t noff, off_cap;
	int in_si, in_t, rph;
};

static int parse_ulong(const char *s, unsigned long *out)
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

static int parse_hex_rgb(const char *s, uint32_t *out)
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

/* ---- the theme ---- */

static const char *const scheme_names[12] = {
	"lt1",	   "dk1",     "lt2",	 "dk2",	    "accent1", "accent2",
	"accent3", "accent4", "accent5", "accent6", "hlink",   "folHlink",
};

static void theme_start(struct xp *x, const char *name, const char **attr)
{
	struct xlsx_parts *xp = x->ctx;
	const char *local;

	if (xp_name(name, &local) != NS_DML)
		return;
	if (!strcmp(local, "clrScheme")) {
		xp->in_scheme = !xp->scheme_done;
		return;
	}
	if (!xp->in_scheme)
		return;
	for (int i = 0; i < 12; i++)
		if (!strcmp(local, scheme_names[i])) {
			xp->scheme_slot = i;
			return;
		}
	if (xp->scheme_slot >= 0) {
		const char *v = NULL;
		uint32_t rgb;
		if (!strcmp(local, "srgbClr"))
			v = xp_attr(attr, NS_NONE, "val");
		else if (!strcmp(local, "sysClr"))
			v = xp_attr(attr, NS_NONE, "lastClr");
		if (v && !parse_hex_rgb(v, &rgb))
			xp->theme[xp->scheme_slot] = rgb;
		xp->scheme_slot = -1;
	}
}

static void theme_end(struct xp *x, const char *name)
{
	struct xlsx_parts *xp = x->ctx;
	const char *local;

	if (xp_name(name, &local) == NS_DML && !strcmp(local, "clrScheme") &&
	    xp->in_scheme) {
		xp->in_scheme = 0;
		xp->scheme_done = 1;
	}
}

/* ---- styles ---- */

/*
 * Whether a number format code shows a date or time: a d, m, y, h or s
 * outside quoted text, escapes and [..] (colours, conditions, locales;
 * but [h], [mm], [ss] are elapsed time).
 */
static int format_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		switch (*p) {
		case '"':
			p = strchr(p + 1, '"');
			if (!p)
				return 0;
			break;
		case '\\':
		case '_':
		case '*':
			if (!p[1])
				return 0;
			p++;
			break;
		case '[': {
			const char *q = strchr(p, ']');
			if (!q)
				return 0;
			if (strchr("hHmMsS", p[1]) && p[1] &&
			    (q - p == 2 || p[2] == p[1]))
				return 1;
			p = q;
			break;
		}
		case ';': /* the positive section decides */
			return 0;
		default:
			if (strchr("dDmMyYhHsS", *p) && *p)
				return 1;
			if ((*p == 'g' || *p == 'G') &&
			    !strncmp(p + 1, "eneral", 6))
				p += 6;
			else if ((*p == 'e' || *p == 'E') &&
				 (p[1] == '+' || p[1] == '-'))
				p++;
		}
	}
	return 0;
}

static int builtin_date(unsigned long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static void colspec_read(struct colspec *c, const char **attr)
{
	const char *v;
	unsigned long n;

	memset(c, 0, sizeof(*c));
	if ((v = xp_attr(attr, NS_NONE, "rgb")) && !parse_hex_rgb(v, &c->value))
		c->kind = COL_RGB;
	else if ((v = xp_attr(attr, NS_NONE, "theme")) && !parse_ulong(v, &n))
		c->kind = COL_THEME, c->value = (uint32_t)(n < 12 ? n : 99);
	else if ((v = xp_attr(attr, NS_NONE, "indexed")) && !parse_ulong(v, &n))
		c->kind = COL_INDEXED, c->value = (uint32_t)(n < 99 ? n : 99);
	else if ((v = xp_attr(attr, NS_NONE, "auto")) &&
		 (!strcmp(v, "1") || !strcmp(v, "true")))
		c->kind = COL_AUTO;
	v = xp_attr(attr, NS_NONE, "tint");
	if (v) {
		char *end;
		double t = strtod(v, &end);
		if (!*end && t >= -1.0 && t <= 1.0)
			c->tint = t;
	}
}

static void styles_start(struct xp *x, const char *name, const char **attr)
{
	struct xlsx_parts *xp = x->ctx;
	size_t cap = x->wb->opts.max_styles;
	const char *local;

	if (xp_name(name, &local) != NS_SML)
		return;
	if (!strcmp(local, "fills")) {
		xp->in_fills = 1;
	} else if (!strcmp(local, "cellXfs")) {
		xp->in_xfs = 1;
	} else if (!strcmp(local, "indexedColors")) {
		xp->in_palette = 1;
	} else if (!strcmp(local, "numFmt")) {
		const char *id = xp_attr(attr, NS_NONE, "numFmtId");
		const char *code = xp_attr(attr, NS_NONE, "formatCode");
		unsigned long n;
		if (!id || !code || parse_ulong(id, &n))
			return;
		if (xp->ndate + xp->nother >= cap) {
			xp_fail(x, "more than %zu number formats", cap);
			return;
		}
		if (format_is_date(code)) {
			wb_grow((void **)&xp->date_fmts, &xp->date_cap,
				xp->ndate + 1, sizeof(*xp->date_fmts));
			xp->date_fmts[xp->ndate++] = n;
		} else {
			wb_grow((void **)&xp->other_fmts, &xp->other_cap,
				xp->nother + 1, sizeof(*xp->other_fmts));
			xp->other_fmts[xp->nother++] = n;
		}
	} else if (xp->in_fills && !strcmp(local, "fill")) {
		if (xp->nfills >= cap) {
			xp_fail(x, "more than %zu fills", cap);
			return;
		}
		wb_grow((void **)&xp->fills, &xp->fills_cap, xp->nfills + 1,
			sizeof(*xp->fills));
		xp->cur_fill = &xp->fills[xp->nfills++];
		memset(xp->cur_fill, 0, sizeof(*xp->cur_fill));
		/* a solid fill without fgColor is the system foreground */
		xp->cur_fill->fg.kind = COL_AUTO;
	} else if (xp->cur_fill && !strcmp(local, "patternFill")) {
		const char *t = xp_attr(attr, NS_NONE, "patternType");
		xp->cur_fill->solid = t && !strcmp(t, "solid");
	} else if (xp->cur_fill && !strcmp(local, "fgColor")) {
		colspec_read(&xp->cur_fill->fg, attr);
	} else if (xp->in_xfs && !strcmp(local, "xf")) {
		struct xf *f;
		if (xp->nxf >= cap) {
			xp_fail(x, "more than %zu cell formats", cap);
			return;
		}
		wb_grow((void **)&xp->xf, &xp->xf_cap, xp->nxf + 1,
			sizeof(*xp->xf));
		f = &xp->xf[xp->nxf++];
		if (parse_ulong(xp_attr(attr, NS_NONE, "numFmtId"), &f->numfmt))
			f->numfmt = 0;
		if (parse_ulong(xp_attr(attr, NS_NONE, "fillId"), &f->fill))
			f->fill = 0;
	} else if (xp->in_palette && !strcmp(local, "rgbColor")) {
		uint32_t rgb;
		if (xp->npalette < 64 &&
		    !parse_hex_rgb(xp_attr(attr, NS_NONE, "rgb"), &rgb))
			xp->palette[xp->npalette++] = rgb;
	}
}

static void styles_end(struct xp *x, const char *name)
{
	struct xlsx_parts *xp = x->ctx;
	const char *local;

	if (xp_name(name, &local) != NS_SML)
		return;
	if (!strcmp(local, "fills"))
		xp->in_fills = 0;
	else if (!strcmp(local, "cellXfs"))
		xp->in_xfs = 0;
	else if (!strcmp(local, "indexedColors"))
		xp->in_palette = 0;
	else if (!strcmp(local, "fill"))
		xp->cur_fill = NULL;
}

static int resolve_color(const struct xlsx_parts *xp, const struct colspec *c,
			 uint32_t *rgb)
{
	switch (c->kind) {
	case COL_RGB:
		*rgb = c->value;
		break;
	case COL_INDEXED:
		if (c->value < 64)
			*rgb = c->value < xp->npalette
				       ? xp->palette[c->value]
				       : indexed_palette[c->value];
		else if (c->value == 64)
			*rgb = 0x000000;
		else if (c->value == 65)
			*rgb = 0xFFFFFF;
		else
			return 0;
		break;
	case COL_THEME:
		if (c->value >= 12)
			return 0;
		*rgb = xp->theme[c->value];
		break;
	case COL_AUTO:
		*rgb = 0x000000;
		break;
	default:
		return 0;
	}
	if (c->tint != 0.0)
		*rgb = wbin_apply_tint(*rgb, c->tint);
	return 1;
}

static int fmt_listed(const unsigned long *v, size_t n, unsigned long id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

static void resolve_styles(struct wbin *wb, struct xlsx_parts *xp)
{
	wb->nxfs = xp->nxf;
	wb->xfs = xcalloc(xp->nxf ? xp->nxf : 1, sizeof(*wb->xfs));
	for (size_t i = 0; i < xp->nxf; i++) {
		struct wb_style *st = &wb->xfs[i];
		unsigned long id = xp->xf[i].numfmt;
		if (xp->xf[i].fill < xp->nfills &&
		    xp->fills[xp->xf[i].fill].solid) {
			uint32_t rgb;
			if (resolve_color(xp, &xp->fills[xp->xf[i].fill].fg,
					  &rgb)) {
				st->has_fill = 1;
				st->fill = rgb;
			}
		}
		if (fmt_listed(xp->date_fmts, xp->ndate, id))
			st->is_date = 1;
		else if (!fmt_listed(xp->other_fmts, xp->nother, id))
			st->is_date = (unsigned char)builtin_date(id);
	}
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
static void unescape_x(struct strbuf *sb, size_t from)
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

	(void)attr;
	if (xp_name(name, &local) != NS_SML)
		return;
	if (!strcmp(local, "si")) {
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
		unescape_x(&xp->sst, from);
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
	memcpy(xp.theme, office_theme, sizeof(xp.theme));
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
	if (r &&
	    parse_part(wb, r->target, &xp, theme_start, theme_end, NULL) < 0)
		goto out;
	r = rel_by_type(&xp, "/styles");
	part = r ? r->target : "xl/styles.xml";
	if (parse_part(wb, part, &xp, styles_start, styles_end, NULL) < 0)
		goto out;
	resolve_styles(wb, &xp);
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
				const char *hit = memmem(buf + from, len - from,
							 "mergeCells", 10);
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

static void sheet_start(struct xp *x, const char *name, const char **attr)
{
	struct wbin *wb = x->wb;
	struct wb_stream *s = &wb->s;
	const char *local, *v;

	if (xp_name(name, &local) != NS_SML)
		return;
	switch (local[0]) {
	case 'c':
		if (strcmp(local, "c") || !s->row_depth)
			return;
		v = xp_attr(attr, NS_NONE, "r");
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
		v = xp_attr(attr, NS_NONE, "s");
		if (!v || parse_ulong(v, &s->style) || s->style >= wb->nxfs)
			s->style = 0;
		v = xp_attr(attr, NS_NONE, "t");
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
	case 'v':
		if (s->in_cell && !strcmp(local, "v"))
			s->in_value = 1;
		return;
	case 'i':
		if (s->in_cell && !strcmp(local, "is"))
			s->in_is = 1;
		return;
	case 't':
		if (s->in_is && !s->rph && !strcmp(local, "t"))
			s->in_t = 1;
		return;
	case 'r':
		if (!strcmp(local, "row")) {
			unsigned long r;
			v = xp_attr(attr, NS_NONE, "r");
			if (!v) {
				r = s->last_row + 1;
			} else if (parse_ulong(v, &r) || !r || r > WB_MAX_ROW) {
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
		} else if (s->in_is && !strcmp(local, "rPh")) {
			s->rph++;
		}
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
		if (parse_ulong(text, &idx) || idx >= wb->nstrings) {
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
		unescape_x(&s->text, 0);
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
	const char *local;

	if (xp_name(name, &local) != NS_SML)
		return;
	if (!strcmp(local, "c")) {
		if (s->in_cell)
			cell_end(x);
	} else if (!strcmp(local, "v")) {
		s->in_value = 0;
	} else if (!strcmp(local, "is")) {
		s->in_is = 0;
	} else if (!strcmp(local, "t")) {
		s->in_t = 0;
	} else if (!strcmp(local, "rPh")) {
		if (s->rph)
			s->rph--;
	} else if (!strcmp(local, "row")) {
		s->row_depth = 0;
		if (wb_row_end(wb) < 0) {
			x->failed = 1;
			XML_StopParser(x->p, XML_FALSE);
		}
	} else if (!strcmp(local, "sheetData")) {
		xp_stop(x);
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
