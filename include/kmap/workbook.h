/*
 * workbook.h - spreadsheet input: the cells of an Excel workbook (.xlsx,
 * Office Open XML, transitional or strict) or an OpenDocument spreadsheet
 * (.ods), row by row, with their fill colours.
 *
 * The module's names start with wbin_ ("workbook input", as csvin_ is
 * CSV input): libxlsxwriter, which kmap links for its reports, exports
 * workbook_new(), workbook_close() and the rest of the workbook_ prefix.
 *
 * wbin_open() recognises the file by its content, not its name: a zip
 * archive holding xl/workbook.xml is a workbook, one whose mimetype is
 * application/vnd.oasis.opendocument.spreadsheet (with content.xml) an
 * OpenDocument spreadsheet. An OLE2 compound file (D0 CF 11 E0) is an
 * Excel 97-2003 .xls or a password-protected workbook, and is refused with
 * a message that says which and to save it as .xlsx; so are .xlsb, other
 * zip archives, truncated or corrupt ones. It reads the sheet list, the
 * shared strings and the styles (fills, number formats, the theme's
 * colours); those stay in memory, capped. wbin_sheet_open() then
 * starts one sheet, and wbin_next_row() returns its rows in sheet
 * order. A sheet's XML is parsed as it is decompressed (libzip, expat) and
 * never held whole: memory grows with the widest row, not with the sheet.
 *
 * Rows carry their true 1-based number; rows with no cell to deliver are
 * skipped. A cell is delivered when it has a value or a solid fill; its
 * column comes from its reference (B7 is column 2), never from its place
 * in the row element, and a row's cells come in ascending column order.
 * Every cell of a merged range (xlsx mergeCells, ods spanned and covered
 * cells) gets the value, type and fill of the range's first cell, rows of
 * the range that the file does not write included, so merged labels need
 * no fill-down; such cells have `merged` set. xlsx writes mergeCells after
 * the cells, so wbin_sheet_open() first scans the sheet's bytes for
 * them (a search for "mergeCells", then an XML parse of that part only).
 *
 * Values (text is UTF-8, NUL-terminated, without NUL):
 *   string   shared or inline strings; rich-text runs joined, phonetic
 *            (rPh) runs left out; ods paragraphs joined with LF, text:s
 *            spaces kept. xlsx's _xHHHH_ escapes are decoded. CR LF and
 *            CR become LF; other C0 controls but TAB and LF are removed
 *            (one warning per workbook).
 *   number   the text the file holds, as it holds it: 2024 is "2024", and
 *            what a writer put there ("2.024E3", "1E-007") is kept, not
 *            reformatted. In .ods the office:value attribute.
 *   boolean  "TRUE" or "FALSE" (xlsx t="b"; ods boolean cells and
 *            LibreOffice's =TRUE()/=FALSE() formula cells).
 *   error    the error's text: "#N/A", "#DIV/0!", ...
 *   empty    "" (a styled cell with nothing in it; delivered for its fill)
 * is_date is set when the cell's number format shows a date or a time: an
 * xlsx number is then a serial day number ("46388"); an .ods date or time
 * cell is a string holding office:date-value/time-value ("2027-01-01").
 *
 * Fills: fill holds 0xRRGGBB when has_fill is set, for a solid fill only:
 * xlsx styles.xml cellXfs -> fills (patternFill solid, fgColor rgb,
 * indexed through the default 64-colour palette or the file's own, theme
 * with tint resolved against theme1.xml's clrScheme as Excel does,
 * auto as black); ods style:table-cell-properties fo:background-color of
 * the cell's style, its parents, or its row's or column's default cell
 * style. Fills from conditional formatting, and xlsx row or column
 * formats of cells the sheet does not write, are not seen.
 * wbin_color_family() names the traffic-light family of a colour.
 *
 * Limits (hostile files): decompressed bytes per zip entry and in all,
 * the compression ratio of an entry, shared strings (count and bytes),
 * styles, XML nesting, one XML token, cells per sheet and cells made by
 * ods repeats and merged ranges, one cell's text. A row number beyond
 * 1,048,576 or a column beyond XFD (16,384) is an error. XML with a
 * DOCTYPE or entity declarations is refused.
 *
 * Messages go through diag.h. A cell is placed as Excel writes it,
 * "plan.xlsx:Kumla!D7" (KMAP_LOC_CELL); the loc.file string "path:Sheet"
 * belongs to the workbook and lives until wbin_close().
 *
 * Ownership: the workbook owns everything it returns. A row, its cells
 * and their text stay valid until the next wbin_next_row(),
 * wbin_sheet_open() or wbin_close(); sheet names until
 * wbin_close(). Allocation goes through xalloc.h (expat's too), so
 * KMAP_FAIL_ALLOC reaches it; libzip allocates on its own.
 */
#ifndef KMAP_WORKBOOK_H
#define KMAP_WORKBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/diag.h"

struct wbin;

struct wbin_opts {
	uint64_t max_entry_bytes; /* decompressed bytes of one zip entry */
	uint64_t max_total_bytes; /* decompressed bytes read in all */
	uint32_t max_ratio;	  /* decompressed:compressed of an entry ... */
	uint64_t ratio_floor;	  /* ... checked past this many bytes */
	size_t max_strings;	  /* shared strings */
	size_t max_string_bytes;  /* their text, in all */
	size_t max_styles;	  /* cellXfs, fills, number formats, styles */
	unsigned max_depth;	  /* XML element nesting */
	size_t max_token;	  /* bytes expat may buffer for one token */
	uint64_t max_cells;	  /* cells delivered from one sheet */
	uint64_t max_expanded;	  /* ... of them made by repeats and merges */
	size_t max_merges;	  /* merged ranges in one sheet */
	size_t max_cell_bytes;	  /* text of one cell */
	size_t max_sheets;
	/* an .xlsx sheet of at most this many bytes is unpacked once and
	 * read twice from memory (its merged ranges come after its
	 * cells); a larger one is unpacked twice */
	uint64_t max_kept_bytes;
};

/* The defaults: 256 MiB an entry, 1 GiB in all, ratio 200 past 1 MiB, 2M
 * strings in 64 MiB, 64k styles, depth 256, 16 MiB token, 16M cells of
 * which 1M expanded, 1M merges, 1 MiB a cell, 4096 sheets, a sheet of
 * 32 MiB kept in memory. */
void wbin_opts_init(struct wbin_opts *o);

enum wbin_format {
	WBIN_XLSX,
	WBIN_ODS,
};

enum wbin_type {
	WBIN_EMPTY,
	WBIN_STRING,
	WBIN_NUMBER,
	WBIN_BOOL,
	WBIN_ERROR,
};

struct wbin_cell {
	unsigned long col; /* 1 = A, at most 16384 */
	enum wbin_type type;
	const char *text; /* NUL-terminated UTF-8; "" when empty */
	size_t len;
	uint32_t fill;	       /* 0xRRGGBB, when has_fill */
	unsigned has_fill : 1; /* a solid fill */
	unsigned is_date : 1;  /* its number format shows a date/time */
	unsigned merged : 1;   /* value and fill from its range's first cell */
};

struct wbin_row {
	unsigned long row;	       /* 1-based, at most 1048576 */
	const struct wbin_cell *cells; /* ascending col, no two alike */
	size_t ncells;		       /* at least 1 */
};

enum wbin_visibility {
	WBIN_VISIBLE,
	WBIN_HIDDEN,	  /* xlsx state="hidden", ods table:display false */
	WBIN_VERY_HIDDEN, /* xlsx state="veryHidden" */
};

struct wbin_sheet {
	const char *name; /* UTF-8, as the workbook names it */
	enum wbin_visibility visibility;
	struct kmap_loc loc; /* file "path:name", line 0: the whole sheet */
};

/*
 * Opens path read-only and reads its sheet list, strings and styles.
 * opts NULL = the defaults. Returns 0 and *out, or -1 after reporting why
 * (*out NULL then).
 */
int wbin_open(const char *path, const struct wbin_opts *opts,
	      struct wbin **out);
/* Frees everything; NULL is a no-op. */
void wbin_close(struct wbin *wb);

enum wbin_format wbin_format(const struct wbin *wb);
size_t wbin_nsheets(const struct wbin *wb);
/* Sheet i (0-based, in the workbook's tab order). */
const struct wbin_sheet *wbin_sheet(const struct wbin *wb, size_t i);
/* Starts reading sheet i (from its first row). Returns 0 or -1 reported. */
int wbin_sheet_open(struct wbin *wb, size_t i);

enum wbin_status {
	WBIN_ROW = 1,	 /* *row holds a row */
	WBIN_EOF = 0,	 /* the sheet has no more rows */
	WBIN_FATAL = -1, /* reported; the rest of the sheet is unread */
};

/* The next row of the open sheet; an enum wbin_status. */
int wbin_next_row(struct wbin *wb, struct wbin_row *row);

/* Where a cell of the open sheet is, for messages: plan.xlsx:Kumla!D7. */
struct kmap_loc wbin_cell_loc(const struct wbin *wb, unsigned long row,
			      unsigned long col);

/*
 * What the first bytes of a file say: WBIN_SNIFF_ZIP (PK\3\4, or an
 * empty zip), WBIN_SNIFF_CFB (an OLE2 compound file) or
 * WBIN_SNIFF_NONE, so that a CSV reader can hand the file over.
 */
enum wbin_sniff {
	WBIN_SNIFF_NONE,
	WBIN_SNIFF_ZIP,
	WBIN_SNIFF_CFB,
};
enum wbin_sniff wbin_sniff(const void *head, size_t len);

/*
 * Traffic-light family of a fill colour, by hue, saturation and
 * lightness: Excel's and LibreOffice's palette reds, oranges, yellows,
 * greens and blues and their lighter and darker tints land in their
 * family; white, greys, black, purples, pinks and browns dark enough to
 * be neither are NONE. Which level a family means is the scale's
 * business, not this one's.
 */
enum color_family {
	COLOR_FAMILY_NONE,
	COLOR_FAMILY_RED,
	COLOR_FAMILY_ORANGE,
	COLOR_FAMILY_YELLOW,
	COLOR_FAMILY_GREEN,
	COLOR_FAMILY_BLUE,
};
enum color_family wbin_color_family(uint32_t rgb);
/* "none", "red", "orange", "yellow", "green", "blue". */
const char *color_family_name(enum color_family f);

/*
 * Excel's tint (ECMA-376 18.8.19): rgb's HSL lightness moved towards
 * black (tint < 0) or white (tint > 0) by |tint|. Returns 0xRRGGBB.
 */
uint32_t wbin_apply_tint(uint32_t rgb, double tint);

#endif
