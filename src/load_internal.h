/*
 * load_internal.h - what the files of the loader (load.h) share.
 *
 *   load_header.c   a header row -> struct schema: the role of each
 *                   column, the layout, the missing-column report
 *   load.c          the rest, for now: cells, rows, the file, the split
 *
 * The header code sees no loader: the schema it fills, the dataset, and
 * the rows through struct load_source.
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
#include "kmap/progress.h"
#include "kmap/strbuf.h"

/*
 * Where rows come from, for the code that maps the header and reads the
 * rows: the next row, where a field of a row starts (for messages), and
 * the name for messages. A CSV file's reader is one (csv_source()); that
 * code sees no other part of the reader, so other readers can feed it.
 */
struct load_source {
	const char *name;
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
	COL_PERIOD,  /* long: the period of the record */
	COL_RATING,  /* long: the rating of the record */
	COL_COMMENT, /* long: of the record; wide: of the row */
	COL_PERIOD_RATING,  /* wide: the rating in one period */
	COL_PERIOD_COMMENT, /* the comment on one period */
	COL_CODE,           /* an occupation code (SSYK) */
};

struct column {
	enum col_role role;
	uint32_t period;     /* for COL_PERIOD_* */
	/* COL_PERIOD_RATING: the period is marked Nuläge;
	 * COL_PERIOD_COMMENT: the comment is on the file's current period,
	 * whichever that turns out to be ("Kommentar nuläge") */
	int current;
	int warned_data;     /* COL_EMPTY with data: warned once */
};

enum layout { LAYOUT_NONE, LAYOUT_LONG, LAYOUT_WIDE };

/* Zero-initialised is empty; schema_release() frees cols. */
struct schema {
	struct column *cols;
	size_t ncols;
	enum layout layout;
	int col[COL_CODE + 1]; /* first column of each role, -1 */
	size_t nperiod_cols;
};

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
/*
 * Reports the columns s lacks; reads on from src to hint at a better
 * --header-line. Returns -1.
 */
int report_missing_header(const struct schema *s, const struct csvin_row *hdr,
			  struct dataset *ds, const struct load_source *src,
			  const struct load_opts *o);
/* Notes, when verbose, the columns of hdr that s does not use. */
void report_unknown_columns(const struct schema *s,
			    const struct csvin_row *hdr,
			    const struct load_source *src);
void schema_release(struct schema *s);

#endif
