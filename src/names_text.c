/*
 * names_text.c - the text of a name (names.h): normalisation (NFC, case
 * and space folding, the keys names are matched by) and Swedish
 * collation. Pure functions of the text; the table is names.c's.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kmap/names.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"
#include "names_internal.h"

/* ---- normalisation ------------------------------------------------- */

static int is_fold_space(utf8proc_int32_t cp)
{
	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 ||
	    cp == 0xFEFF || cp == 0x200B || cp == 0x2028 || cp == 0x2029)
		return 1;
	return cp >= 0xA0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/*
 * Combining marks kept after one base character: Unicode's stream-safe
 * format (UAX #15) allows 30. utf8proc orders a run of them in time
 * quadratic in its length, and no name needs more.
 */
enum { MAX_NONSTARTERS = 30 };

/* Bidirectional controls dropped from names so far (textsafe.h). */
static _Thread_local unsigned long bidi_dropped;

unsigned long names_bidi_dropped(void)
{
	return bidi_dropped;
}

/*
 * Trims and collapses white space, drops bidirectional controls and
 * combining marks past MAX_NONSTARTERS in a run; -1 on invalid UTF-8.
 */
static int fold_space(const char *s, size_t len, struct strbuf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int pending = 0;
	size_t nonstarters = 0;

	strbuf_grow(out, len);
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		if (p[i] < 0x80) {
			cp = p[i];
			n = 1;
			nonstarters = 0;
		} else {
			n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i),
					     &cp);
			if (n < 0)
				return -1;
			if (!utf8proc_get_property(cp)->combining_class)
				nonstarters = 0;
			else if (++nonstarters > MAX_NONSTARTERS) {
				i += (size_t)n;
				continue;
			}
			if (text_is_bidi_control(cp)) {
				bidi_dropped++;
				i += (size_t)n;
				continue;
			}
		}
		if (is_fold_space(cp)) {
			pending = 1;
		} else {
			if (pending && out->len)
				strbuf_addch(out, ' ');
			pending = 0;
			strbuf_add(out, p + i, (size_t)n);
		}
		i += (size_t)n;
	}
	return 0;
}

static int is_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * utf8proc_map() with kmap's allocator: decompose into code points,
 * normalise, re-encode in place. Names are short, so the stack will
 * usually do.
 */
static int map_into(const char *s, size_t len, utf8proc_option_t opts,
		    struct strbuf *out)
{
	utf8proc_int32_t stack[256], *buf = stack;
	utf8proc_ssize_t n;

	if (!len)
		return 0;
	n = utf8proc_decompose((const utf8proc_uint8_t *)s,
			       (utf8proc_ssize_t)len, NULL, 0, opts);
	if (n < 0)
		return -1;
	if ((size_t)n > ARRAY_SIZE(stack))
		buf = xreallocarray(NULL, (size_t)n, sizeof(*buf));
	n = utf8proc_decompose((const utf8proc_uint8_t *)s,
			       (utf8proc_ssize_t)len, buf, n, opts);
	if (n >= 0)
		n = utf8proc_reencode(buf, n, opts);
	if (n >= 0)
		strbuf_add(out, buf, (size_t)n);
	if (buf != stack)
		free(buf);
	return n < 0 ? -1 : 0;
}

int names_display(const char *s, size_t len, struct strbuf *out)
{
	struct strbuf sp = STRBUF_INIT;
	int rc = fold_space(s, len, &sp);

	if (!rc && is_ascii(sp.buf, sp.len))
		strbuf_add(out, sp.buf, sp.len);
	else if (!rc)
		rc = map_into(sp.buf, sp.len,
			      UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
	strbuf_release(&sp);
	return rc;
}

/*
 * A Latin-1 letter (U+00C0-U+00FF) case folded and with its mark
 * stripped: its base letter; 0 where utf8proc decides (Æ, Ð, ×, Ø, Þ,
 * ß and their small letters, ÷), as none of those is a letter and a mark.
 */
static const char latin1_base[64] = {
	'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i',
	'i', 'i', 'i', 0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u',
	'u', 'u', 'u', 'y', 0,	 0,   'a', 'a', 'a', 'a', 'a', 'a', 0,
	'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 0,	  'n', 'o', 'o',
	'o', 'o', 'o', 0,   0,	 'u', 'u', 'u', 'u', 'y', 0,   'y',
};

/*
 * The loose key of s (ASCII and the Latin-1 letters of latin1_base
 * only) onto out, without utf8proc: what key_with() with
 * UTF8PROC_STRIPMARK makes of it, at a fraction of the cost (Swedish
 * names are mostly such letters). Returns -1, with nothing added, for
 * any other text.
 */
static int latin1_loose(const char *s, size_t len, struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = out->len;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		if (c < 0x80) {
			strbuf_addch(out, c >= 'A' && c <= 'Z' ? (char)(c + 32)
							       : (char)c);
			continue;
		}
		if (c != 0xC3 || i + 1 == len || p[i + 1] < 0x80 ||
		    p[i + 1] > 0xBF || !latin1_base[p[i + 1] - 0x80]) {
			strbuf_setlen(out, start);
			return -1;
		}
		strbuf_addch(out, latin1_base[p[++i] - 0x80]);
	}
	return 0;
}

static int key_with(const char *s, size_t len, utf8proc_option_t extra,
		    struct strbuf *out)
{
	struct strbuf sp = STRBUF_INIT;
	int rc = fold_space(s, len, &sp);

	if (!rc && extra == UTF8PROC_STRIPMARK &&
	    !latin1_loose(sp.buf, sp.len, out)) {
		/* done */
	} else if (!rc && is_ascii(sp.buf, sp.len)) {
		for (size_t i = 0; i < sp.len; i++) {
			char c = sp.buf[i];
			strbuf_addch(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	} else if (!rc) {
		rc = map_into(sp.buf, sp.len,
			      UTF8PROC_STABLE | UTF8PROC_COMPOSE |
				      UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
				      extra,
			      out);
	}
	strbuf_release(&sp);
	return rc;
}

int names_key(const char *s, size_t len, struct strbuf *out)
{
	return key_with(s, len, 0, out);
}

int names_loose_key(const char *s, size_t len, struct strbuf *out)
{
	return key_with(s, len, UTF8PROC_STRIPMARK, out);
}

/* ---- Swedish collation --------------------------------------------- */

enum {
	W_SPACE = 1,	/* spaces and punctuation: by code point */
	W_DIGIT = 200,	/* 0-9 */
	W_LETTER = 300, /* a-z */
	W_ARING = W_LETTER + 26,
	W_AUML,
	W_OUML,
	W_OTHER = 1000, /* other scripts: by code point */
};

static uint32_t weight_of(utf8proc_int32_t cp)
{
	if (cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return W_LETTER + (uint32_t)(cp - 'a');
		if (cp >= 'A' && cp <= 'Z')
			return W_LETTER + (uint32_t)(cp - 'A');
		if (cp >= '0' && cp <= '9')
			return W_DIGIT + (uint32_t)(cp - '0');
		return W_SPACE + (uint32_t)cp;
	}
	switch (cp) {
	case 0xE5:
	case 0xC5: /* å */
		return W_ARING;
	case 0xE4:
	case 0xC4:
	case 0xE6:
	case 0xC6: /* ä, æ */
		return W_AUML;
	case 0xF6:
	case 0xD6:
	case 0xF8:
	case 0xD8: /* ö, ø */
		return W_OUML;
	case 0xFC:
	case 0xDC: /* ü sorts as y in Swedish */
		return W_LETTER + ('y' - 'a');
	}
	/* other accented Latin letters sort as their base letter */
	utf8proc_int32_t base[4];
	int last = 0;
	utf8proc_ssize_t n = utf8proc_decompose_char(
		cp, base, 4, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &last);
	if (n >= 1 && base[0] < 0x80 && base[0] != cp)
		return weight_of(base[0]);
	return W_OTHER + (uint32_t)cp;
}

uint32_t *names_sortkey(struct arena *a, const char *key)
{
	size_t len = strlen(key), n = 0;
	uint32_t *w = arena_alloc(a, (len + 1) * sizeof(*w));
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)key;

	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(
			p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0)
			break;
		w[n++] = weight_of(cp);
		i += (size_t)k;
	}
	w[n] = 0;
	return w;
}

int names_compare_sortkeys(const uint32_t *a, const uint32_t *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a < *b ? -1 : *a > *b;
}

int names_collate(const char *a, const char *b)
{
	struct arena ar = ARENA_INIT;
	struct strbuf ka = STRBUF_INIT, kb = STRBUF_INIT;
	int c;

	names_key(a, strlen(a), &ka);
	names_key(b, strlen(b), &kb);
	c = names_compare_sortkeys(names_sortkey(&ar, ka.buf),
				   names_sortkey(&ar, kb.buf));
	if (!c)
		c = strcmp(ka.buf, kb.buf);
	if (!c)
		c = strcmp(a, b);
	strbuf_release(&ka);
	strbuf_release(&kb);
	arena_release(&ar);
	return c;
}
