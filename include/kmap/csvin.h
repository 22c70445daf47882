/*
 * csvin.h - CSV input: bytes of a file to records with their line numbers.
 *
 * csvin_open() opens a file ("-" is stdin) read-only, decodes it to UTF-8
 * (encoding.h), finds the delimiter (an Excel "sep=;" first line, the
 * --delimiter option, or the one of , ; TAB that the header line uses
 * outside quotes) and sets up libcsv in CSV_STRICT|CSV_STRICT_FINI mode.
 * csvin_next() then returns one record at a time. The decoded text is fed
 * to libcsv one physical line per csv_parse() call, so every record
 * carries the physical line where it starts and every syntax error its
 * LINE:COL (COL counts characters, not bytes).
 *
 * Limits (RELIABILITY §5): a field may hold at most max_field bytes, a
 * record max_record bytes, and a row max_columns fields.
 *
 * Ownership: a returned row, its fields and the text behind them belong to
 * the reader and stay valid only until the next csvin_next() or
 * csvin_close(). Field values have CRLF turned into LF and C0 control
 * characters other than TAB and LF removed (with one warning per file).
 */
#ifndef KMAP_CSVIN_H
#define KMAP_CSVIN_H

#include <csv.h>
#include <stddef.h>
#include <stdint.h>

#include "kmap/diag.h"
#include "kmap/encoding.h"
#include "kmap/strbuf.h"

struct csvin_opts {
	enum kmap_encoding encoding;
	int delimiter;		   /* 0 = detect */
	unsigned long header_line; /* line the header is on; 0 = first */
	size_t max_field;	   /* bytes in one field */
	size_t max_record;	   /* bytes of one record's text */
	size_t max_columns;	   /* fields in one record */
	size_t read_size;	   /* bytes per read(2); tests vary it */
	int no_fast_path;	   /* every line through libcsv (tests) */
};

void csvin_opts_init(struct csvin_opts *o);

struct csvin_field {
	const char *ptr; /* NUL-terminated */
	size_t len;
};

struct wbin_cell;

struct csvin_row {
	const struct csvin_field *fields;
	size_t nfields;
	unsigned long line; /* physical line where the record starts */
	const char *raw;    /* the record's text as read, for locations */
	size_t raw_len;
	/* a workbook row's cells (workbook.h), one per field; NULL in CSV */
	const struct wbin_cell *cells;
};

enum csvin_status {
	CSVIN_ROW = 1,	      /* *row holds a record */
	CSVIN_EOF = 0,	      /* no more records */
	CSVIN_SKIP = -1,      /* a malformed record was reported and skipped */
	CSVIN_FATAL = -2,     /* reported; the rest of the file is unreadable */
	CSVIN_LIMIT = 2,      /* the first part of a split file ended cleanly */
	CSVIN_LIMIT_OPEN = 3, /* ... inside a record: the split was wrong */
};

/* A message a deferring reader kept instead of printing. */
struct csvin_diag {
	enum diag_severity severity;
	unsigned long line, col; /* lines counted from the reader's start */
	char *text, *hint;
	int control; /* the once-per-file control-character warning */
};

struct csvin {
	const char *name; /* for messages; as given on the command line */
	struct csvin_opts opts;
	int fd;
	struct decoder dec;
	unsigned char *raw; /* undecoded input */
	size_t raw_len, raw_cap;
	int raw_eof;
	struct strbuf text; /* decoded input not yet consumed */
	size_t pos;	    /* start of the next line in text */
	size_t scanned;	    /* text[pos..scanned) holds no line end */
	int text_eof;
	int decode_failed;
	struct decode_error derr;
	struct kmap_loc derr_loc; /* where the decoding problem is */
	int fallback_warned, fallback_pending; /* found; not said yet */
	int unusual_warned, unusual_pending;
	struct kmap_loc fallback_loc, unusual_loc;
	unsigned long line;	/* physical lines consumed */
	size_t line_pos;	/* start of the physical line being parsed */
	int mid_line;		/* part of that line was parsed already */
	unsigned long col_base; /* ... that many characters of it */
	int partial;		/* next_line() gave a part of a long line */
	int skip_line;		/* drop the rest of a line after an error */
	struct csv_parser parser;
	int parser_live; /* parser needs csv_free */
	unsigned char delim;
	int sep_line; /* the file began with "sep=X" */

	/* the record being assembled */
	int in_record;
	size_t rec_pos;
	unsigned long rec_line;
	int row_done;
	int too_many_columns;
	int ctrl_removed;
	struct strbuf rowdata;
	size_t *offs; /* field i is rowdata.buf + offs[i] */
	size_t nfields, offs_cap;
	struct csvin_field *fields;
	size_t fields_cap;

	uint64_t raw_read; /* bytes read from the file */
	uint64_t limit;	   /* read no further than this; 0 = to the end */
	int limit_reached;

	int deferring; /* keep messages in deferred[] instead of printing */
	struct csvin_diag *deferred;
	size_t ndeferred, deferred_cap;

	struct field_starts *starts; /* csvin_field_loc()'s cache */
	unsigned long records;	     /* records returned */
	unsigned long ctrl_warned;
	int finished;
};

/* Returns 0, or -1 after reporting why (missing file, not CSV, ...). */
int csvin_open(struct csvin *r, const char *path,
	       const struct csvin_opts *opts);
/* Returns an enum csvin_status; see above. */
int csvin_next(struct csvin *r, struct csvin_row *row);
/*
 * Where field `index` of a row read by r starts: its physical line and
 * character column. Costs a re-parse of the row's text (libcsv fed byte
 * by byte); meant for error messages.
 */
struct kmap_loc csvin_field_loc(const struct csvin *r,
				const struct csvin_row *row, size_t index);
void csvin_close(struct csvin *r);
/*
 * Opens a reader for the second part of whole's file, from byte offset
 * (a line start), decoding as a sequential reader would there: enc with
 * the given UTF-8/Windows-1252 decision. It keeps its messages
 * (deferring) and counts lines from the offset. Returns 0 or -1.
 */
int csvin_open_part(struct csvin *r, const struct csvin *whole,
		    const char *path, uint64_t offset, enum kmap_encoding enc,
		    int saw_multibyte, int fell_back);
/* Lets a reader stopped at its limit read on to the end of the file. */
void csvin_unlimit(struct csvin *r);
void csvin_free_diags(struct csvin_diag *d, size_t n);

/* Name of the detected encoding and delimiter, for reports. */
const char *csvin_encoding(const struct csvin *r);
/* Counts UTF-8 characters in s[0..len). */
size_t utf8_count_chars(const char *s, size_t len);

#endif
