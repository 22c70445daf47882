#include <stdio.h>
#include <string.h>

#include "kmap/names.h"
#include "kmap/period.h"

/*
 * The text is read on its loose key (lower case, no diacritics, spaces
 * folded) as words, numbers and punctuation. A four-digit number that
 * looks like a year (1900-2199) starts a period; a range joins it to a
 * second year (four digits, or two: "2026-27"). What the years must be
 * for a period (PERIOD_MIN_YEAR..PERIOD_MAX_YEAR) is checked at the end,
 * so "Prognos 2099" is refused rather than read past.
 */
enum { YEARISH_MIN = 1900, YEARISH_MAX = 2199 };

struct scan {
	const char *s;
	size_t len, i;
	int years; /* periods found */
	int first, last;
	int bad;     /* a problem found: an enum period_status, or 0 */
	int current; /* a word that marks the current period */
	int words;   /* other words */
	int numbers; /* numbers that are not years */
	int decimal; /* "2024.0" */
	int after_i; /* the last word was "i" (for "i dag") */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A range separator at s[i]: its length in bytes, or 0. */
static size_t dash_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (i >= len)
		return 0;
	if (u[0] == '-' || u[0] == '/')
		return 1;
	/* U+2010-U+2014 (hyphens, en and em dash), U+2212 (minus) */
	if (i + 3 <= len && u[0] == 0xE2 &&
	    ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x94) ||
	     (u[1] == 0x88 && u[2] == 0x92)))
		return 3;
	return 0;
}

static int is_letter(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return (c >= 'a' && c <= 'z') || (c >= 0x80 && !dash_at(s, len, i));
}

static void skip_spaces(struct scan *sc, size_t *i)
{
	while (*i < sc->len && sc->s[*i] == ' ')
		(*i)++;
}

/* Reads a run of digits at *i: how many (value of the first 9 in *v). */
static size_t read_digits(const struct scan *sc, size_t *i, long *v)
{
	size_t n = 0;

	*v = 0;
	while (*i < sc->len && is_digit(sc->s[*i])) {
		if (n < 9)
			*v = *v * 10 + (sc->s[*i] - '0');
		(*i)++;
		n++;
	}
	return n;
}

static int yearish(size_t ndigits, long v)
{
	return ndigits == 4 && v >= YEARISH_MIN && v <= YEARISH_MAX;
}

static void bad(struct scan *sc, enum period_status st)
{
	/* a date says most about what is wrong; keep it over the rest */
	if (!sc->bad || st == PERIOD_DATE)
		sc->bad = st;
}

/* Words that mark the current period, as loose keys. */
static int current_word(const char *w, size_t n, int after_i)
{
	static const char *const exact[] = { "nu",	  "idag",  "nutid",
					     "nuvarande", "today", "now",
					     "current" };

	if (n >= 6 && !memcmp(w, "nulage", 6)) /* nuläget, nulägesbedömning */
		return 1;
	if (after_i && n == 3 && !memcmp(w, "dag", 3)) /* "i dag" */
		return 1;
	for (size_t k = 0; k < sizeof(exact) / sizeof(exact[0]); k++)
		if (strlen(exact[k]) == n && !memcmp(w, exact[k], n))
			return 1;
	return 0;
}

static void read_word(struct scan *sc)
{
	size_t b = sc->i;

	while (sc->i < sc->len && is_letter(sc->s, sc->len, sc->i))
		sc->i++;
	if (current_word(sc->s + b, sc->i - b, sc->after_i))
		sc->current = 1;
	else
		sc->words = 1;
	sc->after_i = sc->i - b == 1 && sc->s[b] == 'i';
}

/*
 * After the year a, ending at *i: a range ("-2027", " – 27", "/2027"),
 * a decimal ".0", or nothing. Sets *b to the last year.
 */
static void read_year_tail(struct scan *sc, size_t *i, long a, long *b)
{
	size_t k = *i, d, sep;
	long v;

	*b = a;
	if (k + 1 < sc->len && (sc->s[k] == '.' || sc->s[k] == ',') &&
	    is_digit(sc->s[k + 1])) {
		char mark = sc->s[k];
		size_t e = k + 1, nf = read_digits(sc, &e, &v);
		if (nf <= 2 && e + 1 < sc->len && sc->s[e] == mark &&
		    is_digit(sc->s[e + 1])) {
			bad(sc, PERIOD_DATE); /* 2024.03.01 */
			*i = e;
			return;
		}
		if (nf > 2)
			return; /* "2024,2025": a list, read on */
		if (v == 0)
			sc->decimal = 1; /* Excel's 2024.0 */
		else
			bad(sc, PERIOD_IMPLAUSIBLE); /* 2024.5 */
		*i = e;
		return;
	}
	skip_spaces(sc, &k);
	d = dash_at(sc->s, sc->len, k);
	if (!d)
		return;
	sep = k;
	k += d;
	skip_spaces(sc, &k);
	if (k >= sc->len) {
		bad(sc, PERIOD_IMPLAUSIBLE); /* "2022-": the end is lost */
		*i = k;
		return;
	}
	if (!is_digit(sc->s[k]))
		return; /* "2025-prognos": the dash is only punctuation */
	size_t nb = read_digits(sc, &k, &v);
	if (nb == 4) {
		*b = v;
		if (!yearish(nb, v))
			bad(sc, PERIOD_IMPLAUSIBLE);
	} else if (nb == 2) {
		*b = a / 100 * 100 + v;
		/* 2024-03-01: a date written year first */
		if (k + 1 < sc->len && sc->s[k] == sc->s[sep] && d == 1 &&
		    is_digit(sc->s[k + 1]))
			bad(sc, PERIOD_DATE);
	} else {
		bad(sc, PERIOD_IMPLAUSIBLE);
	}
	*i = k;
}

/* A number that is not a year: "24", "5 år", or the "01.03." of a date. */
static void read_small_number(struct scan *sc, size_t n)
{
	size_t k = sc->i;
	long v;
	char sep = k < sc->len ? sc->s[k] : 0;

	sc->numbers = 1;
	if (n > 2 || (sep != '-' && sep != '/' && sep != '.'))
		return;
	if (k + 1 >= sc->len || !is_digit(sc->s[k + 1]))
		return;
	k++;
	size_t m = read_digits(sc, &k, &v);
	if (m <= 2 && k + 1 < sc->len && sc->s[k] == sep &&
	    is_digit(sc->s[k + 1])) {
		size_t y = k + 1;
		if (read_digits(sc, &y, &v) == 4) {
			bad(sc, PERIOD_DATE); /* 01.03.2024, 1/3/2024 */
			sc->i = y;
		}
	} else if (m == 4 && sep != '.') {
		bad(sc, PERIOD_IMPLAUSIBLE); /* "22-2024" */
		sc->i = k;
	}
}

static void read_number(struct scan *sc)
{
	long a, b;
	size_t n = read_digits(sc, &sc->i, &a);

	if (!yearish(n, a)) {
		read_small_number(sc, n);
		return;
	}
	read_year_tail(sc, &sc->i, a, &b);
	if (++sc->years == 1) {
		sc->first = (int)a;
		sc->last = (int)b;
	}
}

static enum period_status scan_result(const struct scan *sc)
{
	if (sc->bad)
		return (enum period_status)sc->bad;
	if (sc->years > 1)
		return PERIOD_TWO_YEARS;
	if (!sc->years) {
		if (sc->current)
			return PERIOD_NO_YEAR;
		/* nothing but a number: it was meant as a year */
		return sc->numbers && !sc->words ? PERIOD_IMPLAUSIBLE
						 : PERIOD_NOT;
	}
	if (sc->first < PERIOD_MIN_YEAR || sc->first > PERIOD_MAX_YEAR ||
	    sc->last < PERIOD_MIN_YEAR || sc->last > PERIOD_MAX_YEAR)
		return PERIOD_IMPLAUSIBLE;
	if (sc->last < sc->first)
		return PERIOD_BACKWARDS;
	return PERIOD_OK;
}

static void scan_key(struct scan *sc)
{
	while (sc->i < sc->len) {
		if (is_digit(sc->s[sc->i]))
			read_number(sc);
		else if (is_letter(sc->s, sc->len, sc->i))
			read_word(sc);
		else
			sc->i++; /* spaces and punctuation */
	}
}

enum period_status period_parse(const char *s, size_t len,
				struct period_value *out)
{
	struct strbuf key = STRBUF_INIT;
	struct scan sc;
	enum period_status st = PERIOD_NOT;

	memset(out, 0, sizeof(*out));
	memset(&sc, 0, sizeof(sc));
	/* the loose key folds case, spaces, NBSP and "ä" */
	if (!names_loose_key(s, len, &key)) {
		sc.s = key.buf;
		sc.len = key.len;
		scan_key(&sc);
		st = scan_result(&sc);
	}
	out->current = sc.current;
	if (st == PERIOD_OK) {
		out->first = sc.first;
		out->last = sc.last;
		out->decimal = sc.decimal;
	}
	strbuf_release(&key);
	return st;
}

int period_names_current(const char *key, size_t len)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.s = key;
	sc.len = len;
	scan_key(&sc);
	return sc.current;
}

void period_label(const struct period_value *p, char *buf, size_t size)
{
	if (p->first == p->last)
		snprintf(buf, size, "%d", p->first);
	else
		snprintf(buf, size, "%d-%d", p->first, p->last);
}
