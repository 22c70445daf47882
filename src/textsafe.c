#include <string.h>
#include <utf8proc.h>

#include "kmap/textsafe.h"

int text_is_bidi_control(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
	       cp == 0x061C;
}

int text_has_bidi_control(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *q;

	/* U+061C is D8 9C; the others E2 80 8E/8F/AA-AE, E2 81 A6-A9 */
	for (q = p; (q = memchr(q, 0xD8, (size_t)(end - q))) != NULL; q++)
		if (q + 1 < end && q[1] == 0x9C)
			return 1;
	for (q = p; (q = memchr(q, 0xE2, (size_t)(end - q))) != NULL; q++) {
		if (q + 2 >= end)
			break;
		if (q[1] == 0x80 && (q[2] == 0x8E || q[2] == 0x8F ||
				     (q[2] >= 0xAA && q[2] <= 0xAE)))
			return 1;
		if (q[1] == 0x81 && q[2] >= 0xA6 && q[2] <= 0xA9)
			return 1;
	}
	return 0;
}

static int utf8_start(char c)
{
	return ((unsigned char)c & 0xC0) != 0x80;
}

/* A code point that belongs to the character before it. */
static int joins_previous(utf8proc_int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	       cat == UTF8PROC_CATEGORY_ME || cp == 0x200D ||
	       (cp >= 0x1F3FB && cp <= 0x1F3FF);
}

size_t text_quote_cut(const char *s, size_t len, size_t max, size_t shown)
{
	size_t i, n = 0, cut = 0, at;

	for (i = 0; i < len; i++) {
		if (!utf8_start(s[i]))
			continue;
		if (n == shown)
			cut = i;
		if (++n > max)
			break;
	}
	if (n <= max)
		return len;
	/* back over combining marks to their base character: a run of
	 * more than stream-safe's 30 is cut where it is */
	at = cut;
	for (int k = 0; k < 32 && at > 0; k++) {
		utf8proc_int32_t cp;
		if (utf8proc_iterate((const utf8proc_uint8_t *)s + at,
				     (utf8proc_ssize_t)(len - at), &cp) < 0 ||
		    !joins_previous(cp))
			return at;
		do
			at--;
		while (at > 0 && !utf8_start(s[at]));
	}
	return cut;
}

/* A code point that is shown as \uNNNN. */
static int escaped_code_point(int32_t cp, unsigned flags)
{
	if (cp == 0xFFFE || cp == 0xFFFF)
		return 1;
	if (flags & TEXT_XML)
		return 0;
	return (cp >= 0x80 && cp <= 0x9F) || text_is_bidi_control(cp);
}

static int escaped_byte(unsigned char c, unsigned flags)
{
	if (flags & TEXT_XML)
		return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
	if (c == '\t' || c == '\n')
		return !(flags & TEXT_KEEP_TAB_LF);
	return c < 0x20 || c == 0x7F;
}

/*
 * The next character at s[i]: its length, with the code point in *cp; 0
 * when the byte there starts no valid UTF-8 character.
 */
static size_t next_char(const char *s, size_t len, size_t i, int32_t *cp)
{
	utf8proc_ssize_t n;

	if ((unsigned char)s[i] < 0x80) {
		*cp = (unsigned char)s[i];
		return 1;
	}
	n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			     (utf8proc_ssize_t)(len - i), cp);
	return n > 0 ? (size_t)n : 0;
}

int text_needs_escape(const char *s, size_t len, unsigned flags)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = next_char(s, len, i, &cp);
		if (!n ||
		    (n == 1 && escaped_byte((unsigned char)s[i], flags)) ||
		    (n > 1 && escaped_code_point(cp, flags)))
			return 1;
		i += n;
	}
	return 0;
}

void text_escape(const char *s, size_t len, unsigned flags, struct strbuf *out)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = next_char(s, len, i, &cp);
		unsigned char c = (unsigned char)s[i];
		if (!n) {
			strbuf_addf(out, "\\x%02X", c);
			i++;
			continue;
		}
		if (n == 1 && escaped_byte(c, flags)) {
			if (c == '\n')
				strbuf_addstr(out, "\\n");
			else if (c == '\t')
				strbuf_addstr(out, "\\t");
			else if (c == '\r')
				strbuf_addstr(out, "\\r");
			else
				strbuf_addf(out, "\\x%02X", c);
		} else if (n > 1 && escaped_code_point(cp, flags)) {
			strbuf_addf(out, "\\u%04X", (unsigned)cp);
		} else {
			strbuf_add(out, s + i, n);
		}
		i += n;
	}
}

const char *text_safe_flags(const char *s, unsigned flags, struct strbuf *buf)
{
	size_t len = strlen(s);

	if (!text_needs_escape(s, len, flags))
		return s;
	strbuf_reset(buf);
	text_escape(s, len, flags, buf);
	return buf->buf;
}

const char *text_safe(const char *s, struct strbuf *buf)
{
	return text_safe_flags(s, 0, buf);
}
