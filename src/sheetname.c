/*
 * sheetname.c - Excel's sheet-name rules (sheetname.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kmap/sheetname.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/* Characters in UTF-16 units: one, or two outside the BMP. */
static size_t units(utf8proc_int32_t cp)
{
	return cp >= 0x10000 ? 2 : 1;
}

/* The name with forbidden characters replaced, cut to max units. */
static void clean(const char *want, size_t max, struct strbuf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)want;
	size_t used = 0;

	strbuf_reset(out);
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			/* not UTF-8 (kmap's names always are): drop it */
			p++;
			continue;
		}
		if (used + units(cp) > max)
			break;
		if (cp < 0x20 || strchr("[]:*?/\\", (int)cp) != NULL)
			strbuf_addch(out, cp < 0x20 ? ' ' : '_');
		else
			strbuf_add(out, p, (size_t)n);
		used += units(cp);
		p += n;
	}
	/* Excel trims neither; an apostrophe may not start or end it */
	if (out->len && out->buf[0] == '\'')
		out->buf[0] = '_';
	if (out->len && out->buf[out->len - 1] == '\'')
		out->buf[out->len - 1] = '_';
}

static char *fold(const char *s)
{
	utf8proc_uint8_t *f = NULL;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE |
				 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD) < 0 ||
	    !f)
		return xstrdup(s);
	/* utf8proc allocates with malloc; keep kmap's allocator */
	char *copy = xstrdup((const char *)f);
	free(f);
	return copy;
}

static int taken(const struct sheet_names *s, const char *name)
{
	char *key = fold(name);
	int found = !strcmp(key, "history");

	for (size_t i = 0; i < s->n && !found; i++)
		found = !strcmp(s->keys[i], key);
	free(key);
	return found;
}

const char *sheet_name_add(struct sheet_names *s, const char *want,
			   int *changed)
{
	struct strbuf name = STRBUF_INIT, base = STRBUF_INIT;
	char suffix[32];

	clean(want, SHEET_NAME_MAX, &name);
	if (!name.len)
		strbuf_addstr(&name, "_");
	for (unsigned k = 2; taken(s, name.buf); k++) {
		snprintf(suffix, sizeof(suffix), " (%u)", k);
		clean(want, SHEET_NAME_MAX - strlen(suffix), &base);
		strbuf_reset(&name);
		strbuf_addf(&name, "%s%s", base.len ? base.buf : "_", suffix);
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->names = xreallocarray(s->names, s->cap, sizeof(*s->names));
		s->keys = xreallocarray(s->keys, s->cap, sizeof(*s->keys));
	}
	s->keys[s->n] = fold(name.buf);
	s->names[s->n] = strbuf_detach(&name, NULL);
	strbuf_release(&base);
	*changed = strcmp(s->names[s->n], want) != 0;
	return s->names[s->n++];
}

void sheet_names_release(struct sheet_names *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->names[i]);
		free(s->keys[i]);
	}
	free(s->names);
	free(s->keys);
	memset(s, 0, sizeof(*s));
}
