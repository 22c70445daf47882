/*
 * csvin_internal.h - what the files of the CSV reader (csvin.h) share:
 * csvin.c reads, csvin_locate.c finds where a field starts for messages.
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

#endif
