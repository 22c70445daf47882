/*
 * dataset.h - every rating record read, in a compact store.
 *
 * A record's key is (region, organisation, occupation, period) in its
 * round (SPEC §3, §6 "Rounds"): the same key in two rounds is two
 * records, never a conflict. Names are interned (names.h) so the store
 * holds integers only:
 *
 *   unit  = (region id, organisation name id)   an organisation in a region
 *   row   = (unit, occupation id, round id)     one line of a wide sheet
 *   cell  = (row, period id)                    one record
 *
 * A round is a label (rounds.h orders them): the manifest's omgång, else
 * the label of the file's current period. A file whose round is only
 * known once it is read (a long file: Nuläge may be marked on any line)
 * adds its rows under DATASET_ROUND_PENDING(input) and moves them into
 * their round afterwards (dataset_settle_round).
 *
 * Cells live in one dense array indexed row * period_cap + period. A cell
 * is 32 bits: the level in the low 4 (0 = no record, 15 = missing) and
 * the global line number of the record above them (see dataset_line_of),
 * which caps one run at DATASET_MAX_LINES input lines. Memory grows with
 * distinct rows, not with input bytes, and a duplicate or conflicting
 * record is found with one array lookup. All counting is done afterwards from
 * these cells (agg.h), so there is one way of counting for every command.
 *
 * Periods are numbered in order of appearance; period_order gives the
 * sorted order. A run takes at most DATASET_MAX_PERIODS of them.
 *
 * Ownership: the dataset owns all names, labels, comments and arrays;
 * dataset_release frees them.
 */
#ifndef KMAP_DATASET_H
#define KMAP_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/arena.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/scale.h"
#include "kmap/strbuf.h"

struct period_info {
	const char *label;
	int first, last;
	int current; /* the current period of at least one file */
};

struct unit {
	uint32_t region, org;
};

struct row {
	uint32_t unit, occupation;
	uint32_t round; /* id in rounds[], or DATASET_ROUND_PENDING() */
};

struct round_info {
	const char *label;
};

/* The round of a file's rows while the file is read and its round open. */
#define DATASET_ROUND_PENDING(input) (0x80000000u | (uint32_t)(input))

struct input_info {
	const char *name;   /* as given, escaped where not UTF-8 (textsafe.h) */
	const char *layout; /* "wide" or "long" */
	const char *encoding; /* "utf-8", "utf-8-bom", "cp1252", ... */
	char delimiter;
	unsigned long rows;    /* data rows read */
	unsigned long records; /* rating records from them */
	int32_t current;       /* period id, -1 when none */
	uint32_t line_base;    /* global line of this file's line 0 */
	/* its round: the manifest's label, else its current period's label;
	 * NULL (and round_id DATASET_ROUND_PENDING) until known */
	const char *round;
	uint32_t round_id;
	int round_given; /* the round is the manifest's, not Nuläge's label */
	int workbook;	 /* a workbook's sheet: its lines are rows */
};

/* A comment, kept only when the command asks for them. */
struct comment {
	uint32_t row;
	int32_t period; /* -1: belongs to the whole row (wide, no period) */
	uint32_t gline;
	const char *text;
};

/*
 * A column kmap does not use, kept when the command asks for them (kmap
 * convert carries them through): its header as first written, and where
 * it was first met, which orders the columns whatever the order of the
 * files (inputs by name, then position).
 */
struct extra_column {
	const char *header;
	const char *first_input;
	size_t first_pos;
};

/* A cell of such a column, on one row. */
struct extra {
	uint32_t row, col;
	const char *text;
};

struct dataset {
	const struct scale *scale;
	struct name_table regions, organisations, occupations;
	struct arena arena;

	struct period_info *periods;
	uint32_t nperiods, periods_cap;
	uint32_t *period_slots, period_slots_n; /* (first, last) -> id */
	/* periods refused past DATASET_MAX_PERIODS: only the first is
	 * reported (the run fails), not each of thousands after it */
	unsigned long periods_refused;

	struct round_info *rounds; /* in order of appearance (rounds.h) */
	uint32_t nrounds;

	struct unit *units;
	uint32_t nunits, units_cap;
	uint32_t *unit_slots, unit_slots_n;

	struct row *rows;
	uint32_t nrows, rows_cap;
	uint32_t *row_slots, row_slots_n;

	uint32_t *cells; /* [rows_cap * period_cap]: line << 4 | level */
	uint32_t period_cap;

	struct input_info *inputs;
	uint32_t ninputs;
	uint32_t next_line_base;

	int keep_extras; /* keep the cells of columns kmap does not use */
	struct extra_column *extra_cols;
	uint32_t nextra_cols;
	struct extra *extras;
	size_t nextras, extras_cap;
	uint32_t *extra_order; /* column ids in order, after sorting */
	uint32_t *extra_start; /* by row, after sorting: extras[start..] */

	/* the headers of the upper level of two-level organisations
	 * ("Kommun" beside "Förvaltning"), one per loose key, the first in
	 * byte order of its spellings: what --by takes for that level */
	const char **upper_headers;
	uint32_t nupper_headers;

	int keep_comments;
	struct comment *comments;
	size_t ncomments, comments_cap;
	uint32_t *comment_start; /* by row, after dataset_sort_comments */

	unsigned long records;	  /* distinct records */
	unsigned long duplicates; /* identical repeats, counted once */
};

void dataset_init(struct dataset *ds, const struct scale *scale);
void dataset_release(struct dataset *ds);

/*
 * Distinct periods one run takes. Every row has a cell for each period
 * (the dense cells above), so the periods multiply the memory of the
 * rows and the time of every count: real plans have a few dozen, and a
 * file with more is refused at the first period past the cap (SPEC §2).
 */
#define DATASET_MAX_PERIODS 256u
#define DATASET_NO_PERIOD UINT32_MAX

/*
 * Returns the period id for p, adding it if new; DATASET_NO_PERIOD when p
 * is new and the run already holds DATASET_MAX_PERIODS periods. A hash
 * finds it, whatever the number of periods.
 */
uint32_t dataset_period(struct dataset *ds, const struct period_value *p);
/* Returns the unit id for (region, organisation). */
uint32_t dataset_unit(struct dataset *ds, uint32_t region, uint32_t org);
/* Returns the row id for (unit, occupation) in round. */
uint32_t dataset_row(struct dataset *ds, uint32_t unit, uint32_t occupation,
		     uint32_t round);
/* Returns the id of the round labelled label, adding it if new. */
uint32_t dataset_round(struct dataset *ds, const char *label);

/* Lookups that add nothing; -1 when absent. */
int32_t dataset_find_period(const struct dataset *ds, int first, int last);
int32_t dataset_find_unit(const struct dataset *ds, uint32_t region,
			  uint32_t org);
int32_t dataset_find_row(const struct dataset *ds, uint32_t unit,
			 uint32_t occupation, uint32_t round);
int32_t dataset_find_round(const struct dataset *ds, const char *label);

/*
 * Moves the rows from first_row on that are in round `from` (a file's
 * DATASET_ROUND_PENDING; its comments are those from first_comment on)
 * into round `to`. A row that round `to` already has (from before
 * first_row) takes the moved row's records and comments; where both hold a
 * record for a period the one already there stays (the caller has
 * reported it as a duplicate or a conflict) and the moved one is
 * dropped. Rows emptied so are removed and the later rows renumbered,
 * their comments with them.
 */
void dataset_settle_round(struct dataset *ds, uint32_t first_row,
			  size_t first_comment, uint32_t from, uint32_t to);

/* Starts a file; returns its index. Its lines map to global lines. */
uint32_t dataset_begin_input(struct dataset *ds, const char *name);
/*
 * Takes back the input dataset_begin_input() gave last, before anything
 * was added from it (a workbook's sheet that turned out to hold no
 * header).
 */
void dataset_cancel_input(struct dataset *ds, uint32_t input);
void dataset_end_input(struct dataset *ds, uint32_t input, unsigned long lines);

enum dataset_add {
	DATASET_ADDED,
	DATASET_DUPLICATE, /* same key, same rating: counted once */
	DATASET_CONFLICT,  /* same key, another rating */
	DATASET_FULL,	   /* the line is past DATASET_MAX_LINES */
};

/* Input lines one run can hold (28 bits of a cell). */
#define DATASET_MAX_LINES ((1u << 28) - 1)

/*
 * Adds a record with level 1..n, LEVEL_NA or LEVEL_MISSING from input line
 * `line`.
 * On DUPLICATE or CONFLICT *earlier gets the global line of the record
 * already there and nothing changes.
 */
enum dataset_add dataset_add(struct dataset *ds, uint32_t row, uint32_t period,
			     uint8_t level, uint32_t input, unsigned long line,
			     uint32_t *earlier);

void dataset_add_comment(struct dataset *ds, uint32_t row, int32_t period,
			 uint32_t input, unsigned long line, const char *text,
			 size_t len);

/*
 * The extra column headed header (matched like header names: case and
 * space folded), adding it if new, as met at position pos of input.
 */
uint32_t dataset_extra_column(struct dataset *ds, const char *header,
			      size_t len, uint32_t input, size_t pos);
/*
 * Notes header[0..len) as the upper level of a two-level organisation
 * (struct dataset's upper_headers).
 */
void dataset_add_upper_header(struct dataset *ds, const char *header,
			      size_t len);
/*
 * The upper-level header that name matches like header names (case,
 * spaces, diacritics), as upper_headers holds it, or NULL.
 */
const char *dataset_upper_header(const struct dataset *ds, const char *name);
/* Whether attr is one of ds's upper_headers (the pointer itself). */
int dataset_is_upper_header(const struct dataset *ds, const char *attr);
/* Keeps a cell of extra column col on row (when keep_extras). */
void dataset_add_extra(struct dataset *ds, uint32_t row, uint32_t col,
		       const char *text, size_t len);
/*
 * Puts the extra columns in their order (see struct extra_column) into
 * extra_order, sorts ds->extras by row, then column order, then text,
 * dropping repeats, and indexes them by row (extra_start). Call once
 * loading is done.
 */
void dataset_sort_extras(struct dataset *ds);

/*
 * Sorts the comments by row, then period (the whole row's first, then in
 * period order), then text; drops identical repeats (a duplicate record
 * repeats its comment); and indexes them by row for dataset_comments().
 * Call once loading is done.
 */
void dataset_sort_comments(struct dataset *ds);

/* Row r's comments, in the order above: sets *first, returns how many. */
static inline size_t dataset_comments(const struct dataset *ds, uint32_t r,
				      const struct comment **first)
{
	size_t n = ds->comment_start[r + 1] - ds->comment_start[r];

	/* no comments at all: comments is NULL, and NULL + 0 is undefined */
	*first = n ? ds->comments + ds->comment_start[r] : NULL;
	return n;
}

/*
 * The comments of row r in period p (-1: on the whole row), joined with
 * line breaks, into out (reset first); empty when there are none.
 */
void dataset_comment_text(const struct dataset *ds, uint32_t r, int32_t p,
			  struct strbuf *out);

/*
 * The input indexes sorted by file name (then given order): outputs list
 * the inputs so, the same whatever order the files were given in. The
 * caller frees the array.
 */
uint32_t *dataset_inputs_by_name(const struct dataset *ds);

/* Maps a global line back to its input and line there. */
/*
 * A line of input `input` as messages name it, into sb: "FILE:LINE", a
 * workbook sheet's row "FILE:SHEET!ROW"; as "line N" ("row N") when
 * `here` is that input.
 */
void dataset_place(const struct dataset *ds, uint32_t input, unsigned long line,
		   int here, struct strbuf *sb);
void dataset_line_of(const struct dataset *ds, uint32_t gline, uint32_t *input,
		     unsigned long *line);

enum { CELL_LEVEL_BITS = 4, CELL_NA = 14, CELL_MISSING = 15 };

/*
 * The level of a record: 1..n, LEVEL_NA, LEVEL_MISSING, or LEVEL_NONE (no
 * record).
 */
static inline uint8_t dataset_level(const struct dataset *ds, uint32_t row,
				    uint32_t period)
{
	uint32_t code = ds->cells[(size_t)row * ds->period_cap + period] & 15;

	return code == CELL_MISSING ? LEVEL_MISSING
	       : code == CELL_NA    ? LEVEL_NA
				    : (uint8_t)code;
}

/* The global line of a record (see dataset_line_of). */
static inline uint32_t dataset_gline(const struct dataset *ds, uint32_t row,
				     uint32_t period)
{
	return ds->cells[(size_t)row * ds->period_cap + period] >>
	       CELL_LEVEL_BITS;
}

/* Makes room for n rows, so that adding them allocates nothing. */
void dataset_reserve_rows(struct dataset *ds, uint32_t n);
/* Frees the lookup tables; only reading the rows and cells works after. */
void dataset_drop_index(struct dataset *ds);
/* Gives back the room kept for rows not added yet (after
 * dataset_drop_index(): a dataset only read from then on). */
void dataset_fit_rows(struct dataset *ds);

/* Period ids sorted by first year, then last year. */
void dataset_period_order(const struct dataset *ds, uint32_t *order);

/*
 * The names files' rules (names may be NULL: none) for every name added
 * from now on; names stays the caller's and must outlive ds.
 */
void dataset_set_names(struct dataset *ds, const struct names_set *names);

/*
 * Two names with one code are one name (names.h, the code API): merges
 * them in the three tables (name_table_unify_codes()) and their units,
 * rows and records; records that meet count once, and two ratings of one
 * record are an error naming both lines. The input step calls it once,
 * after the last file; returns 0, or -1 after reporting.
 */
int dataset_unify_codes(struct dataset *ds);

#endif
