/*
 * workbook_xlsx_styles.c - what an .xlsx cell shows of its format: the
 * theme's colour scheme, styles.xml's fills (rgb, indexed from Excel's
 * palette or the file's own, theme with its tint) and number formats
 * (built-in and custom date formats, booleans), resolved per cell
 * format into wb->xfs.
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/xalloc.h"
#include "workbook_xlsx.h"

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
const uint32_t xlsx_office_theme[12] = {
	0xFFFFFF, 0x000000, 0xE7E6E6, 0x44546A, 0x4472C4, 0xED7D31,
	0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x0563C1, 0x954F72,
};

/* ---- the theme ---- */

static const char *const scheme_names[12] = {
	"lt1",	   "dk1",     "lt2",	 "dk2",	    "accent1", "accent2",
	"accent3", "accent4", "accent5", "accent6", "hlink",   "folHlink",
};

void xlsx_theme_start(struct xp *x, const char *name, const char **attr)
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
		if (v && !xlsx_parse_hex_rgb(v, &rgb))
			xp->theme[xp->scheme_slot] = rgb;
		xp->scheme_slot = -1;
	}
}

void xlsx_theme_end(struct xp *x, const char *name)
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
	if ((v = xp_attr(attr, NS_NONE, "rgb")) &&
	    !xlsx_parse_hex_rgb(v, &c->value))
		c->kind = COL_RGB;
	else if ((v = xp_attr(attr, NS_NONE, "theme")) &&
		 !xlsx_parse_ulong(v, &n))
		c->kind = COL_THEME, c->value = (uint32_t)(n < 12 ? n : 99);
	else if ((v = xp_attr(attr, NS_NONE, "indexed")) &&
		 !xlsx_parse_ulong(v, &n))
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

void xlsx_styles_start(struct xp *x, const char *name, const char **attr)
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
		if (!id || !code || xlsx_parse_ulong(id, &n))
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
		if (xlsx_parse_ulong(xp_attr(attr, NS_NONE, "numFmtId"),
				     &f->numfmt))
			f->numfmt = 0;
		if (xlsx_parse_ulong(xp_attr(attr, NS_NONE, "fillId"),
				     &f->fill))
			f->fill = 0;
	} else if (xp->in_palette && !strcmp(local, "rgbColor")) {
		uint32_t rgb;
		if (xp->npalette < 64 &&
		    !xlsx_parse_hex_rgb(xp_attr(attr, NS_NONE, "rgb"), &rgb))
			xp->palette[xp->npalette++] = rgb;
	}
}

void xlsx_styles_end(struct xp *x, const char *name)
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

void xlsx_resolve_styles(struct wbin *wb, struct xlsx_parts *xp)
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
