/*
 * workbook_internal.h - shared by the workbook reader's modules:
 * workbook.c (opening), workbook_zip.c (entries within the limits),
 * workbook_xml.c (expat), workbook_stream.c (rows and merged ranges),
 * workbook_xlsx*.c and workbook_ods.c.
 *
 * The format modules parse a part with xp_parse_entry() (whole, for
 * styles, strings and sheet lists) or feed a sheet through the stream in
 * struct wb_stream, adding cells with wb_cell_add() and ending rows with
 * wb_row_end(), which suspends the parser so that wbin_next_row()
 * can hand the row out.
 */
#ifndef KMAP_WORKBOOK_INTERNAL_H
#define KMAP_WORKBOOK_INTERNAL_H

#include <expat.h>
#include <stdint.h>
#include <zip.h>

#include "kmap/strbuf.h"
#include "kmap/workbook.h"

#define WB_MAX_ROW 1048576UL
#define WB_MAX_COL 16384UL
/* A run of this many empty filled cells (or rows) or fewer is delivered;
 * a longer one is the formatting of a band, not cells (ods repeats). */
#define WB_FILL_RUN_MAX 256UL

enum wb_ns {
	NS_NONE,
	NS_OTHER,
	NS_SML,	   /* spreadsheetml main, transitional or strict */
	NS_REL,	   /* officeDocument relationships (r:id) */
	NS_PKG,	   /* package relationships (.rels parts) */
	NS_DML,	   /* drawingml main (theme) */
	NS_XML,	   /* xml:space */
	NS_OFFICE, /* OpenDocument */
	NS_TABLE,
	NS_TEXT,
	NS_STYLE,
	NS_FO,
	NS_NUMBER,
	NS_CALCEXT,
};

struct xp;
typedef void xp_start_fn(struct xp *x, const char *name, const char **attr);
typedef void xp_end_fn(struct xp *x, const char *name);
typedef void xp_text_fn(struct xp *x, const char *s, int len);

/* One expat parser with kmap's limits and refusals. */
struct xp {
	XML_Parser p;
	struct wbin *wb;
	void *ctx;
	xp_start_fn *start;
	xp_end_fn *end;
	xp_text_fn *text;
	unsigned depth;
	int failed;	  /* reported; the parse is stopped */
	int stopped;	  /* stopped on purpose: the rest is not needed */
	const char *part; /* entry name, for messages */
	const struct kmap_loc *loc; /* where messages go */
};

/* Splits an expat name "URI\1local" into its namespace and local name. */
enum wb_ns xp_name(const char *name, const char **local);
/* The value of attribute ns:local, or NULL. */
const char *xp_attr(const char **attr, enum wb_ns ns, const char *local);
/* Reports msg at the parser's position in x->part and stops the parse. */
void xp_fail(struct xp *x, const char *fmt, ...) KMAP_PRINTF(2, 3);
/* Stops the parse without an error (the rest is not needed). */
void xp_stop(struct xp *x);
/* Sets up x (parser, limits, handlers). */
void xp_init(struct xp *x, struct wbin *wb, const char *part,
	     const struct kmap_loc *loc);
void xp_release(struct xp *x);
/*
 * Parses zip entry `part` whole with x's handlers. Returns 0, 1 when the
 * entry does not exist (nothing reported), or -1 reported.
 */
int xp_parse_entry(struct xp *x, const char *part);
/* XML_Parse() with the token cap in force. */
enum XML_Status xp_parse(struct xp *x, const char *buf, size_t len, int final);
/* XML_ResumeParser() with the token cap in force. */
enum XML_Status xp_resume(struct xp *x);
/* Reports expat's error for the last XML_Parse() of x. */
int xp_report_error(struct xp *x);

/* A zip entry read with the limits. */
struct wb_entry {
	zip_file_t *zf;
	const char *name;
	uint64_t comp; /* compressed size from the central directory */
	uint64_t size; /* decompressed size it declares (UINT64_MAX: none) */
	uint64_t got;  /* decompressed bytes so far */
	const struct kmap_loc *loc;
	int keep;	 /* what is read is copied to wb->kept */
	const char *mem; /* read again from wb->kept, not the archive */
	size_t mem_len;
};
/*
 * An entry's bytes as one read of it unpacked them, for a second read
 * from memory: an .xlsx sheet is read twice (its merged ranges come after
 * its cells), and unpacking it again took a tenth of the time. Only an
 * entry that declares at most opts.max_kept_bytes is kept.
 */
struct wb_kept {
	char *name; /* the entry's name, or NULL */
	char *buf;
	size_t len, cap;
	int complete; /* read to its end */
};
/* 0 opened, 1 no such entry, -1 reported. */
int wb_entry_open(struct wbin *wb, const char *name, const struct kmap_loc *loc,
		  struct wb_entry *e);
/* Bytes read into buf (0 at the end), or -1 reported. The limits are
 * checked on a read from memory as on one from the archive. */
long wb_entry_read(struct wbin *wb, struct wb_entry *e, char *buf, size_t size);
void wb_entry_close(struct wb_entry *e);
/* Keeps what is read of e, opened just now, for the next
 * wb_entry_open() of it, when it declares a size within max_kept_bytes. */
void wb_entry_keep(struct wbin *wb, struct wb_entry *e);
void wb_kept_release(struct wbin *wb);
int wb_entry_exists(const struct wbin *wb, const char *name);

/* A resolved cell style: what a cell shows of its format. */
struct wb_style {
	uint32_t fill;
	unsigned char has_fill, is_date, is_bool;
};

struct wb_sheet {
	struct wbin_sheet pub;
	char *name;
	char *locname; /* "path:name" */
	char *part;    /* xlsx: the sheet's entry */
	uint64_t
		offset; /* ods: byte offset of its table:table in content.xml */
};

/* A cell of the row being read; its text is in wb->rowtext. */
struct wb_icell {
	uint32_t col;
	unsigned char type, has_fill, is_date;
	uint32_t fill;
	size_t off, len;
};

/* A merged range; its first cell's value once its row has been read. */
struct wb_merge {
	uint32_t r1, c1, r2, c2;
	unsigned char state; /* 0 first row not reached, 1 empty, 2 content */
	unsigned char type, has_fill, is_date;
	uint32_t fill;
	char *text;
	size_t len;
};

struct ods_style;
struct ods_index;

/* The open sheet. */
struct wb_stream {
	int open, done, failed, ready, suspended, eof_fed;
	struct xp x;
	struct wb_entry e;
	char *buf; /* the chunk being parsed */
	size_t cap;
	uint64_t fed;		     /* bytes of the entry read so far */
	uint64_t skip_from, skip_to; /* ods: bytes not fed to the parser */

	/* the row being read */
	unsigned long row;	/* its number */
	unsigned long last_row; /* the last row number read (0 = none) */
	unsigned long repeat;	/* ods: copies of it */
	struct wb_icell *cells;
	size_t ncells, cells_cap;
	int unsorted;

	/* the cell being read */
	unsigned long col, cell_repeat;
	int in_cell, in_value, in_t, in_is, rph, skip;
	int ctype; /* xlsx: t attribute; ods: value kind */
	size_t style;
	struct strbuf text;
	int paragraphs, p_open, p_space;
	struct strbuf value; /* ods: office:value and the like */
	unsigned long span_cols, span_rows;
	int covered, table_depth, cell_depth, row_depth, row_valued;
	uint32_t row_style, nrowstyle;
	unsigned char kinds[64]; /* xlsx: what each open element is */

	/* ods column default cell styles: runs of columns */
	struct {
		uint32_t first, last, style;
	} * colstyles;
	size_t ncolstyles, colstyles_cap;
	unsigned long next_col_first;

	/* emitting */
	unsigned long cursor; /* the next row number to consider */
	unsigned long copies; /* copies of the ready row still to emit */
	uint64_t cells_out, expanded;
	struct wb_merge *merges;
	size_t nmerges, merges_cap, next_merge;
	size_t *active;
	size_t nactive, active_cap;
	struct wbin_cell *out, *gen;
	size_t out_cap, gen_cap;
	size_t *gen_src;
	struct strbuf rowtext;
};

struct wbin {
	char *path;
	struct kmap_loc loc; /* the whole file */
	enum wbin_format format;
	struct wbin_opts opts;
	zip_t *za;
	uint64_t total; /* decompressed bytes read */
	int ctrl_warned;
	struct wb_kept kept;

	struct wb_sheet *sheets;
	size_t nsheets, sheets_cap;
	size_t cur; /* the open sheet */

	/* xlsx */
	char *strings;	 /* shared strings, NUL-separated */
	size_t *str_off; /* string i at strings + str_off[i] */
	size_t nstrings, strings_len;
	struct wb_style *xfs;
	size_t nxfs;
	/* ods */
	struct ods_style *ods_styles;
	size_t n_ods_styles, ods_styles_cap;
	struct ods_index *ods_index;
	struct wb_style *ods_resolved;
	char **data_styles;	  /* ods number:*-style names ... */
	unsigned char *data_kind; /* ... and their kind */
	size_t ndata_styles, data_styles_cap;
	uint64_t first_table; /* offset of the first table:table */

	struct wb_stream s;
};

/* Appends cell text, cleaned (CR LF -> LF, C0 controls removed). */
void wb_clean_text(struct wbin *wb, struct strbuf *sb, size_t from);
/* Adds a cell to the row being read; copies its text. -1 reported. */
int wb_cell_add(struct wbin *wb, unsigned long col, int type, const char *text,
		size_t len, const struct wb_style *st, int is_date);
/* Ends the row being read: sorts it and suspends the parser when it has
 * cells. Returns -1 reported (a cell given twice). */
int wb_row_end(struct wbin *wb);
/* Registers a merged range of the open sheet; -1 reported (cap). */
int wb_merge_add(struct wbin *wb, unsigned long r1, unsigned long c1,
		 unsigned long r2, unsigned long c2);
/* Parses a cell reference "AB12" (no '$'); 0, or -1 when it is not one or
 * beyond XFD1048576. row may be NULL to accept a column alone. */
int wb_parse_ref(const char *s, const char **end, unsigned long *col,
		 unsigned long *row);
struct kmap_loc wb_cell_loc(const struct wbin *wb, unsigned long row,
			    unsigned long col);
/* The open sheet's location (no cell). */
const struct kmap_loc *wb_sheet_loc(const struct wbin *wb);
void wb_grow(void **p, size_t *cap, size_t need, size_t size);
/* Closes the open sheet's stream and frees what it holds. */
void wb_stream_close(struct wbin *wb);

int xlsx_open(struct wbin *wb);
int xlsx_sheet_open(struct wbin *wb, struct wb_sheet *sh);
void xlsx_release(struct wbin *wb);
int ods_open(struct wbin *wb);
int ods_sheet_open(struct wbin *wb, struct wb_sheet *sh);
void ods_release(struct wbin *wb);

#endif
