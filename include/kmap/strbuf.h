/*
 * strbuf.h - a growable byte buffer.
 *
 * Invariants (as git's strbuf): buf is never NULL after strbuf_init, and
 * buf[len] == '\0' always, so buf can be used as a C string when the data
 * holds no NUL. The buffer owns its memory; strbuf_release frees it and
 * leaves an empty, reusable buffer. Per-row temporary strings reuse one
 * strbuf instead of allocating.
 */
#ifndef KMAP_STRBUF_H
#define KMAP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "kmap/kmap.h"

struct strbuf {
	size_t alloc; /* bytes allocated, 0 while buf is the shared empty */
	size_t len;   /* bytes used, excluding the terminating NUL */
	char *buf;
};

extern char strbuf_empty[];
#define STRBUF_INIT                                                            \
	{                                                                      \
		0, 0, strbuf_empty                                             \
	}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Makes room for at least extra more bytes (plus the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) KMAP_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
static inline void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}
/* Detaches the buffer; the caller frees it. The strbuf is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
