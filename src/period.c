#include <stdio.h>
#include <string.h>

#include "kmap/names.h"
#include "kmap/period.h"

/* Reads digits at s[*i]; returns the count read (value in *v). */
static size_t read_digits(const char *s, size_t len, size_t *i, long *v)
{
	size_t n = 0;

	*v = 0;
	while (*i < len && s[*i] >= '0' && s[*i] <= '9' && n < 9) {
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n;
}

static void skip_spaces(const char *s, size_t len, size_t *i)
{
	while (*i < len && s[*i] == ' ')
		(*i)++;
}

/* A hyphen, an en dash (U+2013) or a minus sign (U+2212) between years. */
static int read_dash(const char *s, size_t len, size_t *i)
{
	if (*i < len && s[*i] == '-') {
		(*i)++;
		return 1;
	}
	if (*i + 3 <= len && (!memcmp(s + *i, "\xE2\x80\x93", 3) ||
			      !memcmp(s + *i, "\xE2\x88\x92", 3))) {
		*i += 3;
		return 1;
	}
	return 0;
}

static int plausible(long y)
{
	return y >= PERIOD_MIN_YEAR && y <= PERIOD_MAX_YEAR;
}

/* The years part: "2024", "2024.0", "2022-2024", "(2021)". */
static enum period_status parse_years(const char *s, size_t len, size_t i,
				      struct period_value *out)
{
	long a, b;
	int paren = 0;

	if (i < len && s[i] == '(') {
		paren = 1;
		i++;
		skip_spaces(s, len, &i);
	}
	size_t nd = read_digits(s, len, &i, &a);
	if (!nd)
		return PERIOD_NOT;
	b = a;
	if (i + 2 <= len && s[i] == '.' && s[i + 1] == '0' && nd == 4) {
		i += 2;
		out->decimal = 1;
	}
	skip_spaces(s, len, &i);
	if (read_dash(s, len, &i)) {
		skip_spaces(s, len, &i);
		if (read_digits(s, len, &i, &b) != 4 || nd != 4)
			return i < len || nd != 4 ? PERIOD_NOT : PERIOD_IMPLAUSIBLE;
		skip_spaces(s, len, &i);
	}
	if (paren) {
		if (i >= len || s[i] != ')')
			return PERIOD_NOT;
		i++;
		skip_spaces(s, len, &i);
	}
	if (i != len)
		return PERIOD_NOT;
	if (nd != 4 || !plausible(a) || !plausible(b))
		return PERIOD_IMPLAUSIBLE;
	if (b < a)
		return PERIOD_BACKWARDS;
	out->first = (int)a;
	out->last = (int)b;
	return PERIOD_OK;
}

enum period_status period_parse(const char *s, size_t len,
				struct period_value *out)
{
	struct strbuf key = STRBUF_INIT;
	enum period_status st = PERIOD_NOT;
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	/* the loose key folds case, spaces, NBSP and "ä" */
	if (names_loose_key(s, len, &key))
		goto out;
	if (!strncmp(key.buf, "nulage", 6)) {
		i = 6;
		out->current = 1;
	} else if (!strncmp(key.buf, "nu", 2) &&
		   (key.len == 2 || key.buf[2] == ' ' || key.buf[2] == '(')) {
		i = 2;
		out->current = 1;
	}
	if (out->current) {
		skip_spaces(key.buf, key.len, &i);
		if (i < key.len && key.buf[i] == ':') {
			i++;
			skip_spaces(key.buf, key.len, &i);
		}
		if (i == key.len) {
			st = PERIOD_NO_YEAR;
			goto out;
		}
	}
	st = parse_years(key.buf, key.len, i, out);
out:
	strbuf_release(&key);
	return st;
}

void period_label(const struct period_value *p, char *buf, size_t size)
{
	if (p->first == p->last)
		snprintf(buf, size, "%d", p->first);
	else
		snprintf(buf, size, "%d-%d", p->first, p->last);
}
