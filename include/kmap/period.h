/*
 * period.h - periods: a year "2024" or a range "2022-2024" (SPEC §2).
 *
 * The same words are read in wide headers and long cells. A range may be
 * written with a hyphen or an en dash and is shown with a hyphen. A
 * leading "Nuläge", "Nu" (also "Nuläge (2021)") marks the current period.
 * Periods sort by first year, then last year, so "2024-2026" and "2025"
 * stay two periods.
 */
#ifndef KMAP_PERIOD_H
#define KMAP_PERIOD_H

#include <stddef.h>

enum { PERIOD_MIN_YEAR = 1950, PERIOD_MAX_YEAR = 2080 };

struct period_value {
	int first, last;
	int current; /* marked Nuläge / Nu */
	int decimal; /* written "2024.0": accepted with a warning */
};

enum period_status {
	PERIOD_OK,
	PERIOD_NOT,         /* does not look like a period at all */
	PERIOD_BACKWARDS,   /* range ends before it starts */
	PERIOD_IMPLAUSIBLE, /* a number, but not a year in range */
	PERIOD_NO_YEAR,     /* "Nuläge" without a year */
};

/* Parses s[0..len); returns an enum period_status. */
enum period_status period_parse(const char *s, size_t len,
				struct period_value *out);
/* "2024" or "2022-2024" into buf (at least 16 bytes). */
void period_label(const struct period_value *p, char *buf, size_t size);

#endif
