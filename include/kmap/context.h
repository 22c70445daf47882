/*
 * context.h - volumes beside the ratings (--context FILE): for each
 * organisation and occupation, the headcount, the retirements within five
 * years, the vacancies and the recruitment need, from a CSV file the HR
 * analyst keeps next to the workshop sheets.
 *
 * The file is read like any input (csvin.h: encoding and delimiter found,
 * RFC 4180 strictly, FILE:LINE:COL on an error). Its header names its
 * columns, matched loosely as the data's are: the name columns by the
 * data's own words (Organisation, Kommun, Yrke, Län, ...: load.h's
 * load_name_column()), the measures by theirs (antal anställda or
 * headcount, pensionsavgångar inom 5 år or retirements, vakanser or
 * vacancies, rekryteringsbehov or recruitment need); any of the measures
 * may be missing, and a column kmap does not use gets a note. A value is
 * a number (spaces between thousands, decimal comma or point), empty or
 * '-' for not known; anything else, or a negative number, is an error.
 *
 * Each line is matched to the dataset's rows (an occupation at an
 * organisation) by context_match(), the one place where a context line
 * meets the data: names compared as the data's are (NFC, case and white
 * space, names.h), in any region when the file has no region column. A
 * line that matches no row is warned about (FILE:LINE); one that names
 * the same organisation and occupation as an earlier line is an error.
 *
 * Ownership: the context owns its values; it borrows nothing after
 * context_load() returns.
 */
#ifndef KMAP_CONTEXT_H
#define KMAP_CONTEXT_H

#include <math.h>
#include <stdint.h>

#include "kmap/dataset.h"

enum context_measure {
	CONTEXT_HEADCOUNT,
	CONTEXT_RETIREMENTS,
	CONTEXT_VACANCIES,
	CONTEXT_RECRUITMENT,
	CONTEXT_MEASURES
};

struct context {
	const char *path;      /* as given; NULL: no context */
	unsigned present;      /* bit per measure: the file has its column */
	double *values;	       /* [row * CONTEXT_MEASURES + m]; NAN unknown */
	uint32_t nrows;	       /* the dataset's rows when loaded */
	unsigned long lines;   /* data lines read */
	unsigned long matched; /* ... that matched a row */
};

/* The measure's heading (Swedish) and key (ASCII, for CSV and JSON). */
const char *context_heading(enum context_measure m);
const char *context_key(enum context_measure m);

/*
 * Reads path against ds (its names finished: after the input step).
 * Returns 0, or -1 after reporting (the caller exits with
 * KMAP_EXIT_INPUT).
 */
int context_load(struct context *cx, const char *path,
		 const struct dataset *ds);
void context_release(struct context *cx);

/*
 * The rows of ds that a context line names - organisation org and
 * occupation occ, in region (NULL: any region) - into rows (at most max);
 * returns how many there are (which may exceed max).
 */
size_t context_match(const struct dataset *ds, const char *region,
		     const char *org, const char *occ, uint32_t *rows,
		     size_t max);

static inline int context_has(const struct context *cx, enum context_measure m)
{
	return cx && cx->path && (cx->present & (1u << m));
}

/* Row r's value of m; NAN when not known. */
static inline double context_value(const struct context *cx, uint32_t r,
				   enum context_measure m)
{
	if (!context_has(cx, m) || r >= cx->nrows)
		return NAN;
	return cx->values[(size_t)r * CONTEXT_MEASURES + m];
}

#endif
