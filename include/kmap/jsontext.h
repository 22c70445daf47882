/*
 * jsontext.h - JSON files read as text, for the readers of a --scale
 * file and of Yrkesbarometern's file: a place in the text as
 * FILE:LINE:COL (cJSON gives a pointer), and the "\u0000" escape inside
 * a string, which cJSON would read as the end of the C string; and the
 * whole file read into memory, up to a cap. The position and the escape
 * borrow the text; json_text_read() allocates it.
 */
#ifndef KMAP_JSONTEXT_H
#define KMAP_JSONTEXT_H

#include <stddef.h>

#include "kmap/diag.h"

/* Why json_text_read() gave no text; each reader words its own message. */
enum json_read_fail {
	JSON_READ_OPEN,	     /* cannot open: errno says why */
	JSON_READ_IO,	     /* cannot read: errno says why */
	JSON_READ_TOO_LARGE, /* more than max bytes */
};

/*
 * The bytes of the file at path (NUL-terminated, a UTF-8 BOM left out),
 * at most max of them; *len is their count. NULL on failure, with *why
 * set and errno kept for the reader's message. The caller frees the text.
 */
char *json_text_read(const char *path, size_t max, size_t *len,
		     enum json_read_fail *why);

/* The line and column of at in text (1-based, columns in characters). */
struct kmap_loc json_text_position(const char *path, const char *text,
				   const char *at);
/* Where text[0..len) has "\u0000" inside a string, or NULL. */
const char *json_nul_escape(const char *text, size_t len);

#endif
