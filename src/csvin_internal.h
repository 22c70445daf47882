/*
 * csvin_internal.h - what the files of the CSV reader (csvin.h) share:
 * csvin.c reads, csvin_fields.c makes a record's fields (libcsv's callbacks
 * and the fast path), csvin_locate.c finds where a field starts for
 * messages.
 * Only src/csvin*.c include this header.
 */
#ifndef KMAP_CSVIN_INTERNAL_H
#define KMAP_CSVIN_INTERNAL_H

#include <stddef.h>

#include "kmap/csvin.h"

/* TAB is a delimiter, so only spaces are padding around fields. */
int csvin_is_space_only(unsigned char c);
/* Where the field being read in the record in progress starts. */
struct kmap_loc csvin_open_field_loc(const struct csvin *r, size_t end);
/* csvin_field_loc()'s cache of one row's field starts. */
struct field_starts *field_starts_new(void);
void field_starts_free(struct field_starts *fs);

/* libcsv's callbacks: a field into the row, the end of a record. */
void csvin_on_field(void *s, size_t len, void *data);
void csvin_on_row(int c, void *data);
/*
 * Reads a line without a quote as libcsv would, through the same
 * callbacks; 0 leaves the line to libcsv, before any callback.
 */
int csvin_parse_plain_line(struct csvin *r, const char *s, size_t len);

#endif
