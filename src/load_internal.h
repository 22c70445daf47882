/*
 * load_internal.h - what the files of the loader (load.h) share.
 *
 *   load_header.c   a header row -> struct schema: the role of each
 *                   column, the layout, the missing-column report
 *   load_values.c   a cell -> a value: ratings, periods (and the file's
 *                   Nuläge), names of places and occupations
 *   load_records.c  a row -> records in the dataset: width, duplicates
 *                   and conflicts, comments; one function per layout
 *   load.c          one file: open, header, body, current period
 *   load_split.c    a large file's second part, read by a helper thread
 *
 * Each part keeps its state in a struct of its own inside struct loader
 * and works on the others' only through their functions, except for two:
 * the schema, which the other parts use once it is mapped, and the
 * file's periods, which load_values.c fills, load.c decides the current
 * period from and load_split.c merges the helper's into. The header code
 * sees no loader at all: the schema it fills, the dataset, and the rows
 * through struct load_source.
 *
 * Only src/load*.c include this header.
 */
#ifndef KMAP_LOAD_INTERNAL_H
#define KMAP_LOAD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/csvin.h"
#include "kmap/dataset.h"
#include "kmap/diag.h"
#include "kmap/load.h"
#include "kmap/names.h"
#include "kmap/progress.h"
#include "kmap/strbuf.h"
#include "kmap/workbook.h"

struct loader;
struct wb_source;

/*
 * Where rows come from, for the code that maps the header and reads the
 * rows: the next row, where a field of a row starts (for messages), and
 * the name for messages. A CSV file's reader is one (csv_source()); that
 * code sees no other part of the reader, so other readers can feed it.
 */
struct load_source {
	const char *name;
	/* the column of a place that is a whole row: 0 (FILE:LINE), or
	 * KMAP_LOC_CELL in a workbook (FILE:SHEET!7) */
	unsigned long row_col;
	void *ctx;
	int (*next)(void *ctx, struct csvin_row *row); /* enum csvin_status */
	struct kmap_loc (*field_loc)(void *ctx, const struct csvin_row *row,
				     size_t col);
};

/* ---- the schema of a file (load_header.c) ------------------------- */

enum col_role {
	COL_UNKNOWN,
	COL_EMPTY, /* no header text */
	COL_REGION,
	COL_ORGANISATION,
	COL_OCCUPATION,
	COL_PERIOD,	    /* long: the period of the record */
	COL_RATING,	    /* long: the rating of the record */
	COL_COMMENT,	    /* long: of the record; wide: of the row */
	COL_PERIOD_RATING,  /* wide: the rating in one period */
	COL_PERIOD_COMMENT, /* the comment on one period */
	/* the lower level of a two-level organisation ("Förvaltning" beside
	 * "Kommun"); alone, such a column is COL_ORGANISATION */
	COL_ORG_UNIT,
	COL_CODE,	 /* an occupation's code (SSYK 2012) */
	COL_ORG_CODE,	 /* an organisation's (kommunkod, länskod) */
	COL_REGION_CODE, /* a region's (länskod) */
};

struct column {
	enum col_role role;
	uint32_t period; /* for COL_PERIOD_* */
	/* COL_PERIOD_RATING: the period is marked Nuläge;
	 * COL_PERIOD_COMMENT: the comment is on the file's current period,
	 * whichever that turns out to be ("Kommentar nuläge") */
	int current;
	int warned_data; /* COL_EMPTY with data: warned once */
	uint32_t extra; /* COL_UNKNOWN, COL_*CODE: the dataset's extra column */
};

enum layout { LAYOUT_NONE, LAYOUT_LONG, LAYOUT_WIDE };

/* Zero-initialised is empty; schema_release() frees cols. */
struct schema {
	struct column *cols;
	size_t ncols;
	enum layout layout;
	int col[COL_REGION_CODE + 1]; /* first column of each role, -1 */
	size_t nperiod_cols;
	/* the columns that name a region, organisation or occupation, in
	 * order: the total-row check looks at them on every row */
	size_t *name_cols, nname_cols;
};

/*
 * A row kept past the reader's next row (whose fields it reuses): the
 * text of its fields and its raw text, for messages about it.
 */
struct row_copy {
	struct csvin_row row;
	struct csvin_field *fields;
	struct wbin_cell *cells; /* a workbook row's, or NULL */
	char *text;
};

void row_copy_init(struct row_copy *c, const struct csvin_row *row);
void row_copy_release(struct row_copy *c);

/* The role's name in messages ("empty region"), or NULL. */
const char *col_role_name(enum col_role role);
/* Whether every field of row is empty or blank. */
int row_is_empty(const struct csvin_row *row);
/*
 * Maps header row hdr into s (released first). Period columns get their
 * ids in ds. Reports what is wrong through diag.h unless quiet (for
 * trying rows further down). Returns 0 or -1.
 */
int map_header(struct schema *s, const struct csvin_row *hdr,
	       struct dataset *ds, const struct load_source *src, int quiet);
/*
 * How many required columns s lacks, given o's --default-*; appends
 * their names to missing when not NULL.
 */
int missing_columns(const struct schema *s, const struct load_opts *o,
		    struct strbuf *missing);
/* Rows below a first row that is not a header where one is looked for. */
enum { HEADER_SEARCH_ROWS = 20 };
/*
 * The header below title rows (SPEC §2): reads on from src for the first
 * row that maps with no required column missing. Found: maps it into s,
 * sets *hdr to it, notes its line and returns 0 (the rows above were
 * titles). Else -1, and the rows read are gone.
 */
int find_header_below(struct schema *s, struct csvin_row *hdr,
		      struct dataset *ds, const struct load_source *src,
		      const struct load_opts *o);
/*
 * Reports the columns s lacks; reads on from src to hint at a better
 * --header-line. Returns -1.
 */
int report_missing_header(const struct schema *s, const struct csvin_row *hdr,
			  struct dataset *ds, const struct load_source *src,
			  const struct load_opts *o);
/* Notes, when verbose, the columns of hdr that s does not use. */
void report_unknown_columns(const struct schema *s, const struct csvin_row *hdr,
			    const struct load_source *src);
/*
 * A two-level organisation (an upper and a lower column): notes it, and
 * its upper header in ds for --by.
 */
void report_two_level(const struct schema *s, const struct csvin_row *hdr,
		      const struct load_source *src, struct dataset *ds);
void schema_release(struct schema *s);

/* ---- cell values (load_values.c) ---------------------------------- */

/* Small cache of raw cell text -> parsed value, for ratings and periods. */
enum { CACHE_SIZE = 64 };
struct cache_entry {
	char *raw;
	size_t len;
	int status;
	int value;
	int flag; /* period: marked Nuläge */
};

/*
 * Ratings read from another word than their level's label ("S", "röd",
 * "Sårbar"), for the file's note: each word (its loose key, shown as the
 * first of its spellings in byte order) and how many cells used it.
 */
enum { MAX_FORMS = 32 };
struct rating_form {
	char *key, *shown;
	int level;
	unsigned long n;
};
struct rating_forms {
	struct rating_form v[MAX_FORMS];
	size_t n;
	unsigned long more; /* cells of words past MAX_FORMS */
};

struct value_caches {
	struct cache_entry rating[CACHE_SIZE];
	size_t nrating;
	struct cache_entry period[CACHE_SIZE];
	size_t nperiod;
	struct rating_forms forms;
	/* the level of the last fill colour read (scale_fill_level()) */
	uint32_t fill_rgb;
	int fill_level, fill_known;
};

/* Adds the forms of a second part's reading to the first's. */
void rating_forms_merge(struct rating_forms *to,
			const struct rating_forms *from);
/* Notes the forms the file's ratings were read from (one note). */
void report_forms(struct loader *L);

/* The file's periods: which it uses, and the one it marks Nuläge. */
struct file_periods {
	uint8_t *seen; /* by period id */
	size_t seen_n;
	int32_t marked_current; /* -1 until a cell or column marks one */
	unsigned long marked_line;
};

/* Region, organisation and occupation when a row's cell is empty. */
struct places {
	int32_t last[3];		     /* the value above (fill-down) */
	int32_t default_region, default_org; /* --default-*, or -1 */
	unsigned long filled[4];	     /* cells filled from above */
	struct kmap_loc first_filled[4];     /* ... the first of them */
	/* a two-level organisation: the upper cell above (its display
	 * form), empty until a row has one, and the lower one the row above
	 * had (empty: none) */
	struct strbuf upper, lower_above;
	struct strbuf pair, lower; /* scratch: "Upper / Lower" */
};

/*
 * The name columns, in the order of struct places and struct name_run;
 * a two-level organisation's lower column only in places.filled.
 */
enum { PLACE_REGION, PLACE_ORG, PLACE_OCCUPATION, PLACE_ORG_UNIT };

/*
 * Consecutive rows mostly repeat their names: the last raw cell of each
 * name column (region, organisation, occupation) and its id.
 */
struct name_run {
	struct strbuf last_raw[3];
	int32_t last_id[3];
	uint32_t last_spelling[3]; /* its raw spelling (names.h) */
};

/*
 * Reports a problem found while reading rows: printed, or with a
 * speculative loader only noted (spec_failed).
 */
void lreport(struct loader *L, enum diag_severity sev,
	     const struct kmap_loc *loc, const char *hint, const char *fmt, ...)
	KMAP_PRINTF(5, 6);
/* Where field col of the row being read (L->cur) starts. */
struct kmap_loc field_loc(struct loader *L, size_t col);
/* Takes off the ' that kmap's CSV output puts before a formula-like cell. */
void unguard(const char **ptr, size_t *len);

/* Rating of field col: level 1..n or LEVEL_MISSING; -1 after an error. */
int read_rating(struct loader *L, const struct csvin_field *f, size_t col);
/* A workbook row's error cells in the name columns: 0, or -1 reported. */
int check_error_cells(struct loader *L, const struct csvin_row *row);
/* Period of a long-layout cell: its id, or -1 after an error. */
int64_t read_period(struct loader *L, const struct csvin_field *f, size_t col,
		    unsigned long line);
/* Marks period (at column col, line) Nuläge: 0, or -1 after an error. */
/*
 * The error for a period past DATASET_MAX_PERIODS (a header's or a long
 * file's value): the period, then the cap.
 */
#define PERIODS_CAP_MSG                                                        \
	N_("'%s' is one period too many: a run takes at most %u distinct "     \
	   "periods")
#define PERIODS_CAP_HINT                                                       \
	N_("real plans have a few dozen periods: check that these are "        \
	   "periods, or read the files in several runs")

int mark_current(struct loader *L, uint32_t period, size_t col,
		 unsigned long line);
void file_periods_init(struct file_periods *fp);
void file_periods_release(struct file_periods *fp);
/* Notes that the file uses period. */
void note_period(struct file_periods *fp, uint32_t period);

/*
 * Region or organisation (role) of row: the cell, with --fill-down the
 * one above, or --default-*. Its id, or -1 after an error.
 */
int32_t read_place(struct loader *L, const struct csvin_row *row,
		   enum col_role role);
/* Interns --default-* into L->places: 0, or -1 after reporting. */
int resolve_defaults(struct loader *L);
void places_init(struct places *pl);
void places_release(struct places *pl);
/*
 * A heading row's upper-level cell (two-level organisation): the rows
 * below take it by fill-down. 0, or -1 when the cell is no name.
 */
int set_upper_above(struct loader *L, const struct csvin_field *f);
/* Occupation of row: its id, or a negative NAME_* after an error. */
int32_t read_occupation(struct loader *L, const struct csvin_row *row);
/*
 * The row's code cells (an occupation's SSYK 2012 code, an organisation's
 * kommunkod or länskod, a region's länskod) given to its names. A cell of
 * another shape gives no code, with a warning (the first of a column; the
 * rest counted, report_codes()); a name given two codes is an error.
 * Returns 0, or -1 after an error.
 */
int read_codes(struct loader *L, const struct csvin_row *row, int32_t region,
	       int32_t org, int32_t occ);
/* Warns about the further code cells read_codes() could not read. */
void report_codes(struct loader *L);
/*
 * Warns, once per column, about the cells fill-down filled by itself
 * (Excel's merged cells), at the first of them.
 */
void report_filled(struct loader *L);
void name_run_init(struct name_run *n);
void name_run_release(struct name_run *n);
void value_caches_release(struct value_caches *vc);

/* ---- records (load_records.c) ------------------------------------- */

/*
 * Duplicates of one row, reported together (a wide row repeats all its
 * periods at once).
 */
struct dup_run {
	struct strbuf periods; /* their labels, ", "-separated */
	uint32_t earlier, row;
	struct kmap_loc loc;
	int n;
};

/* What the row functions keep from one row to the next. */
struct row_state {
	int32_t last_key[3];	 /* the last row's region, org, occupation */
	uint32_t last_rowid;	 /* ... and its row id */
	struct csvin_field *pad; /* fields of a short row, padded */
	size_t pad_cap;
	unsigned long short_rows;
	/* while the file's round is open: the last row's key in each
	 * settled round (its row id there, or -1) */
	int32_t *other;
	uint32_t nother;
};

/*
 * A record of a file whose round is still open that repeats a key of
 * another round: a duplicate or a conflict if the file turns out to
 * belong to that round, nothing if not (settle_round()).
 */
struct round_clash {
	uint32_t round, row, period;
	uint32_t earlier; /* the other round's record: its global line */
	uint8_t level;	  /* this file's rating */
	struct kmap_loc loc;
};

/* The round the file's rows go in (dataset.h). */
struct round_state {
	uint32_t id;	    /* the round, or DATASET_ROUND_PENDING(input) */
	int open;	    /* not known until the file is read */
	uint32_t first_row; /* the rows of this file start here */
	struct round_clash *clash;
	size_t nclash, clash_cap;
};

/*
 * The period of a comment on the file's current period ("Kommentar
 * nuläge") until the file is read and settle_comments() knows it.
 */
enum { COMMENT_ON_CURRENT = -2 };

/*
 * Turns a data row (not empty) into records in L->ds, reporting what is
 * wrong with it. Returns 0, or -1 when the row had an error.
 */
int process_row(struct loader *L, const struct csvin_row *in);
/* Reports the duplicates noted since the last call, as one warning. */
void flush_duplicates(struct loader *L);
/*
 * The file's round is known (label): its open rows join that round, and
 * the records that repeat one of that round's keys are reported as a
 * sequential read would have. Returns 0, or -1 after a conflict.
 */
int settle_round(struct loader *L, const char *label);
void round_state_release(struct round_state *rs);
void dup_run_init(struct dup_run *d);
void dup_run_release(struct dup_run *d);
void row_state_init(struct row_state *rs);
void row_state_release(struct row_state *rs);

/* ---- which rows are data (load_rows.c) ---------------------------- */

/* Rows that may be notes below the data, until the next row says. */
struct held_rows {
	struct row_copy *v;
	size_t n, cap;
};

/*
 * A row of the body (not empty): a total row is skipped with a warning,
 * a row that may be a note is held, a data row is read (the rows held
 * before it first: they were data). Returns 0, or -1 when a row read had
 * an error.
 */
int load_row(struct loader *L, const struct csvin_row *row);
/* At the end of the file: the rows still held were notes (warnings). */
void load_rows_end(struct loader *L);
void held_rows_release(struct held_rows *h);

/* ---- two parts (load_split.c) ------------------------------------- */

struct part;

/* A large file read in two parts (split.h). */
struct split_state {
	struct part *part;	   /* the second part, read by a helper */
	int guess;		   /* the encoding decision it starts from */
	unsigned long part_lines;  /* its lines, once merged */
	const char *part_encoding; /* its decoder's view, once merged */
};

/* Starts a helper on the second part of path when it is worth it. */
void start_part(struct loader *L, const char *path);
/* Stops the helper, if any, and frees its work. */
void stop_part(struct loader *L);
/*
 * The next row of the file (an enum csvin_status), taking over the
 * helper's part at the split: CSVIN_EOF there once it is merged.
 */
int next_row(struct loader *L, struct csvin_row *row);
/* Physical lines of the file read, by both parts. */
unsigned long lines_read(const struct loader *L);
/* The file's encoding; the part's if the first part was all ASCII. */
const char *file_encoding(const struct loader *L);

/* ---- the loader of one file (load.c) ------------------------------ */

struct loader {
	struct dataset *ds;
	const struct load_opts *o;
	uint32_t input;		     /* this file's index in ds->inputs */
	struct load_source src;	     /* where the rows come from */
	const struct csvin_row *cur; /* the row being read, for locations */
	int errors;
	int speculative; /* this loader is a helper's */
	int spec_failed; /* ... and found something to report */
	int bidi_warned; /* a name lost bidirectional controls */
	/* code cells of another shape, by code column (0 occupation, 1
	 * organisation, 2 region): how many, the first warned */
	unsigned long bad_codes[3];
	struct kmap_loc first_bad_code[3];
	/* the cap on the names' memory (o->max_name_bytes), held by the
	 * dataset's three name tables while this file is read */
	struct name_budget budget;
	struct strbuf tmp; /* scratch for a cell's text */

	struct schema s;	     /* load_header.c */
	struct file_periods periods; /* load_values.c */
	struct places places;
	struct value_caches caches;
	struct name_run names;
	struct dup_run dup; /* load_records.c */
	struct row_state rows;
	struct round_state round;
	struct held_rows held; /* load_rows.c */

	/* the file, read by the driver and perhaps a helper */
	struct csvin r;
	struct wb_source *wb; /* a workbook sheet's rows instead, or NULL */
	/* a sheet's options, whose organisation is the sheet's name while
	 * org_from_sheet (load.c) */
	struct load_opts *sheet_opts;
	int org_from_sheet;
	struct progress progress;
	struct split_state split; /* load_split.c */
	unsigned long header_line;
	size_t first_comment; /* the dataset's comments from this file on */
};

/* Sets up L for a file read into ds; it reads no rows until src is set. */
void loader_init(struct loader *L, struct dataset *ds,
		 const struct load_opts *opts);
/*
 * Puts the dataset's name tables on L's budget (on), counting what they
 * hold already, or takes them off it.
 */
void loader_budget(struct loader *L, int on);
/* Stops a helper, closes the reader and frees what L holds. */
void loader_release(struct loader *L);
/* A CSV reader as the loader's row source; name is for messages. */
struct load_source csv_source(struct csvin *r, const char *name);

/* ---- a workbook's sheet (load_workbook.c) ------------------------- */

/*
 * The rows of the sheet open in wb (wbin_sheet_open()) as a row source:
 * each cell at its column's field, empty fields between, and the cells
 * themselves in row->cells; positions are cells (FILE:SHEET!D7).
 */
struct wb_source *wb_source_new(struct wbin *wb);
void wb_source_free(struct wb_source *w);
struct load_source wb_source(struct wb_source *w, const char *name);
/* Rows come at least width fields wide from now on (the header's). */
void wb_source_width(struct wb_source *w, size_t width);
/* The number of the last row read, 0 before the first. */
unsigned long wb_source_last_row(const struct wb_source *w);

#endif
