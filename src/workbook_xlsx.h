/*
 * workbook_xlsx.h - shared by the .xlsx modules: workbook_xlsx.c (the
 * package's relationships, the sheet list, the shared strings, opening),
 * workbook_xlsx_styles.c (theme colours, fills, number formats) and
 * workbook_xlsx_sheet.c (a sheet's merged ranges and rows).
 */
#ifndef KMAP_WORKBOOK_XLSX_H
#define KMAP_WORKBOOK_XLSX_H

#include <stdint.h>

#include "kmap/strbuf.h"
#include "workbook_internal.h"

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

/* Parses a decimal without sign; 0, or -1 when s is not one. */
int xlsx_parse_ulong(const char *s, unsigned long *out);
/* Parses RRGGBB or AARRGGBB (alpha dropped); 0, or -1. */
int xlsx_parse_hex_rgb(const char *s, uint32_t *out);
/* Decodes the _xHHHH_ escapes of sb's text from `from` on. */
void xlsx_unescape(struct strbuf *sb, size_t from);

/* The Office theme's colours, for a file without a theme. */
extern const uint32_t xlsx_office_theme[12];
/* The handlers of the theme part and of styles.xml. */
void xlsx_theme_start(struct xp *x, const char *name, const char **attr);
void xlsx_theme_end(struct xp *x, const char *name);
void xlsx_styles_start(struct xp *x, const char *name, const char **attr);
void xlsx_styles_end(struct xp *x, const char *name);
/* Turns the cell formats read into wb->xfs (fill colour, date, boolean). */
void xlsx_resolve_styles(struct wbin *wb, struct xlsx_parts *xp);

#endif
