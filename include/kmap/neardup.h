/*
 * neardup.h - names that are probably one name written two ways.
 *
 * Names are one when they are equal after NFC, case and space folding
 * (names.h); kmap never merges more than that by itself, but it warns
 * (SPEC §3) about pairs that differ only by
 *   - the kind of dash ("Kalmar län – Primärvård", "Kalmar län - ..."),
 *   - punctuation ("St. Görans", "St Görans"),
 *   - diacritics ("Orebro", "Örebro"),
 *   - a trailing "kommun", "län", "stad" or "s" ("Kalmar", "Kalmar
 *     kommun"; "Hallands", "Halland"),
 *   - one letter, in a name of ten letters or more ("Undersköterska",
 *     "Underskötersa"),
 * so that an analyst can settle them in a names file. Each group of such
 * names gives one pair per name beside the first of the group in Swedish
 * order, so the number of warnings grows with the names, never with
 * their square.
 */
#ifndef KMAP_NEARDUP_H
#define KMAP_NEARDUP_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/names.h"

struct near_pair {
	uint32_t a, b;	 /* name ids; a comes first in Swedish order */
	const char *why; /* "a dash", "punctuation", ... */
};

/*
 * The near-duplicate pairs of t, sorted by a, then b (Swedish order).
 * Returns how many; *out is malloc'd (the caller frees it).
 */
size_t near_duplicates(struct name_table *t, struct near_pair **out);

/*
 * The warning (a format, English, marked for translation) for a pair of
 * names of kind (0 regions, 1 organisations, 2 occupations) that differ
 * by why (a near_pair's): "regions '%s' and '%s' differ only by a dash;
 * counted as two", or with places, each name followed by " (%s)".
 */
const char *near_warning(size_t kind, const char *why, int places);

#endif
