/*
 * names_internal.h - what names.c (the table) uses of names_text.c (the
 * text of a name). Not for other modules: they compare names with
 * names_collate() or by a table's sortkeys (names.h).
 */
#ifndef KMAP_NAMES_INTERNAL_H
#define KMAP_NAMES_INTERNAL_H

#include <stdint.h>

#include "kmap/arena.h"

/* The collation weights of key (a names_key()), 0-terminated, in a. */
uint32_t *names_sortkey(struct arena *a, const char *key);
/* Swedish order of two sortkeys: <0, 0, >0. */
int names_compare_sortkeys(const uint32_t *a, const uint32_t *b);

#endif
