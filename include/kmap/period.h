/*
 * period.h - periods: a year "2024" or a range "2022-2024" (SPEC §2).
 *
 * The same words are read in wide headers and long cells. A period is
 * written as a year, or a range of years joined by a hyphen, an en dash,
 * a minus sign or a slash ("2026/2027", "2026-27", "2026 - 2027"), and
 * shown as "first-last". Other words may stand beside it ("Prognos 2025",
 * "Nuläge 2024 (mars)", "År 2025"): they are read past, except the words
 * that mark the current period (Nuläge, Nu, Nulaget, Idag, I dag, ...).
 * Text that holds a year but cannot be read as one period (two years, a
 * date, a year out of range, a broken range) gets a status of its own, so
 * that a header with a year is read or refused, never ignored.
 *
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
	PERIOD_NOT,	    /* holds nothing that looks like a year */
	PERIOD_BACKWARDS,   /* range ends before it starts */
	PERIOD_IMPLAUSIBLE, /* a number, but not a year in range */
	PERIOD_NO_YEAR,	    /* "Nuläge" without a year */
	PERIOD_TWO_YEARS,   /* "2024 2025": two periods in one text */
	PERIOD_DATE,	    /* "2024-03-01": a date, not a period */
};

/* Parses s[0..len); returns an enum period_status. */
enum period_status period_parse(const char *s, size_t len,
				struct period_value *out);
/*
 * Whether s[0..len) (a loose key, names_loose_key()) holds a word that
 * marks the current period; for "Kommentar nuläge".
 */
int period_names_current(const char *key, size_t len);
/* "2024" or "2022-2024" into buf (at least 16 bytes). */
void period_label(const struct period_value *p, char *buf, size_t size);

#endif
