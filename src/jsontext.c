/*
 * jsontext.c - JSON files read as text (jsontext.h): where a byte is, as
 * an editor counts lines and columns, and the one escape cJSON cannot
 * keep.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kmap/encoding.h"
#include "kmap/jsontext.h"
#include "kmap/strbuf.h"

/* Both JSON inputs are read whole: cJSON parses a buffer, not a stream. */
char *json_text_read(const char *path, size_t max, size_t *len,
		     enum json_read_fail *why)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	size_t n;
	int err;

	if (!fp) {
		*why = JSON_READ_OPEN;
		return NULL;
	}
	while (sb.len <= max && (n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		strbuf_add(&sb, chunk, n);
	err = ferror(fp) ? (errno ? errno : EIO) : 0;
	fclose(fp);
	if (err || sb.len > max) {
		*why = err ? JSON_READ_IO : JSON_READ_TOO_LARGE;
		strbuf_release(&sb);
		errno = err;
		return NULL;
	}
	if (sb.len >= 3 && !memcmp(sb.buf, "\xEF\xBB\xBF", 3)) {
		memmove(sb.buf, sb.buf + 3, sb.len - 3);
		strbuf_setlen(&sb, sb.len - 3);
	}
	*len = sb.len;
	return strbuf_detach(&sb, NULL);
}

/* The line and column of at in text, as an editor counts them. */
struct kmap_loc json_text_position(const char *path, const char *text,
				   const char *at)
{
	struct kmap_loc loc = { path, 1, 1 };

	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			loc.line++;
			loc.col = 1;
		} else if (utf8_is_char_start((unsigned char)*p)) {
			loc.col++;
		}
	}
	return loc;
}

/*
 * A "\u0000" escape inside a string: cJSON would end the C string there
 * and read "Brist\u0000x" as "Brist". Returns where, or NULL.
 */
const char *json_nul_escape(const char *text, size_t len)
{
	int in_string = 0;

	for (size_t i = 0; i < len; i++) {
		if (!in_string) {
			in_string = text[i] == '"';
			continue;
		}
		if (text[i] == '"')
			in_string = 0;
		else if (text[i] == '\\' && i + 1 < len) {
			if (text[i + 1] == 'u' && i + 6 <= len &&
			    !memcmp(text + i + 2, "0000", 4))
				return text + i;
			i++; /* the escaped character */
		}
	}
	return NULL;
}
