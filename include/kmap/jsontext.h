/*
 * jsontext.h - JSON files read as text, for the readers of a --scale
 * file and of Yrkesbarometern's file: a place in the text as
 * FILE:LINE:COL (cJSON gives a pointer), and the "\u0000" escape inside
 * a string, which cJSON would read as the end of the C string. Both
 * borrow the text; nothing is allocated.
 */
#ifndef KMAP_JSONTEXT_H
#define KMAP_JSONTEXT_H

#include <stddef.h>

#include "kmap/diag.h"

/* The line and column of at in text (1-based, columns in characters). */
struct kmap_loc json_text_position(const char *path, const char *text,
				   const char *at);
/* Where text[0..len) has "\u0000" inside a string, or NULL. */
const char *json_nul_escape(const char *text, size_t len);

#endif
