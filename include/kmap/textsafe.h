/*
 * textsafe.h - text that is safe to show: in a terminal, a message, a
 * JSON string, an XML part.
 *
 * kmap's own text is UTF-8, but some of what it shows comes from outside:
 * file names (bytes, not always UTF-8: unzip names "Örebro.csv" from a
 * Windows archive in its old code page), and cell text that may hold
 * controls. text_escape() writes such text so that nothing in it can act:
 * a byte that is not part of a UTF-8 character becomes "\xNN", a C0
 * control or DEL "\n", "\t", "\r" or "\xNN", a C1 control (xterm runs
 * U+009B as CSI), a bidirectional formatting control (which could make
 * "Region \u202Eadnalloh" pose as another name or reverse the figures
 * after it) or a noncharacter U+FFFE/U+FFFF (which XML forbids) "\uNNNN".
 * Everything else is copied as it is. The result is valid UTF-8 and
 * holds no control but the TAB and LF that TEXT_KEEP_TAB_LF keeps.
 *
 * TEXT_XML escapes only what an XML 1.0 document cannot hold (an XLSX
 * part): bytes that are not UTF-8, C0 controls other than TAB, LF and
 * CR, and U+FFFE/U+FFFF; the rest (bidirectional controls in a comment
 * cell, which the cell isolates) is content.
 */
#ifndef KMAP_TEXTSAFE_H
#define KMAP_TEXTSAFE_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/strbuf.h"

enum text_flags {
	TEXT_KEEP_TAB_LF = 1 << 0, /* cell text: line breaks are content */
	TEXT_XML = 1 << 1,	   /* only what XML forbids */
};

/* Whether s[0..len) holds anything text_escape() would change. */
int text_needs_escape(const char *s, size_t len, unsigned flags);
/* Appends s[0..len) to out, escaped as above. */
void text_escape(const char *s, size_t len, unsigned flags, struct strbuf *out);
/*
 * s itself when it needs no escape, else its escaped form in buf (reset
 * first): for a string that is shown once.
 */
const char *text_safe(const char *s, struct strbuf *buf);

/* text_safe() with flags. */
const char *text_safe_flags(const char *s, unsigned flags, struct strbuf *buf);

/*
 * A value quoted in a message ('%s' in its format) is shown whole when it
 * has at most TEXT_QUOTE_MAX characters; a longer one (a 900 KB cell) by
 * its first TEXT_QUOTE_SHOWN, then "…" and its length (diag.c). A value
 * not quoted (a name in "R / O / Y", a list kmap built) is cut so past
 * TEXT_VALUE_MAX characters, to its first TEXT_VALUE_SHOWN. Returns how
 * many bytes of s[0..len) to show (len: all of it), cut before a
 * character, never inside one or between a character and its combining
 * marks.
 */
enum {
	TEXT_QUOTE_MAX = 120,
	TEXT_QUOTE_SHOWN = 80,
	TEXT_VALUE_MAX = 1000,
	TEXT_VALUE_SHOWN = 800,
};
size_t text_quote_cut(const char *s, size_t len, size_t max, size_t shown);

/* U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C. */
int text_is_bidi_control(int32_t cp);
/* Whether s[0..len) holds a bidirectional control (valid UTF-8 or not). */
int text_has_bidi_control(const char *s, size_t len);

#endif
