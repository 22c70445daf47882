/*
 * scale.h - the rating scale as data (SPEC §1).
 *
 * A scale is a table of levels, worst last: each has a JSON key, a label,
 * a one-letter abbreviation, a colour, whether it counts as risk, and the
 * words accepted for it. Matching is loose (case, surrounding white space
 * including NBSP, and diacritics are ignored), so "SARBART", " Sårbart"
 * and "sarbart" are all level 3 of the built-in scale. An empty cell or
 * "-" is a missing rating. Everything here is data so that another scale
 * can be loaded later without touching the code that counts.
 */
#ifndef KMAP_SCALE_H
#define KMAP_SCALE_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/strbuf.h"

enum { SCALE_MAX_LEVELS = 8, SCALE_MAX_ALIASES = 16, SCALE_MAX_FILLS = 16 };

/*
 * The traffic-light colour families a level's fills may name, as bits
 * (1 << enum color_family of workbook.h): SCALE_FILL_RED and so on.
 */
enum {
	SCALE_FILL_RED = 1 << 1,
	SCALE_FILL_ORANGE = 1 << 2,
	SCALE_FILL_YELLOW = 1 << 3,
	SCALE_FILL_GREEN = 1 << 4,
	SCALE_FILL_BLUE = 1 << 5,
};

/*
 * Level numbers: 1..nlevels; these are the other cell states. LEVEL_NA is
 * a record rated "Ej aktuellt" (not applicable): apart from missing and
 * from every level, never rated, never in a share.
 */
enum { LEVEL_NONE = 0, LEVEL_NA = 0xFE, LEVEL_MISSING = 0xFF };

struct scale_level {
	const char *key;    /* ASCII, for JSON and CSV: "brist" */
	const char *label;  /* shown: "Brist" */
	const char *letter; /* UTF-8, one character: "B" */
	const char *color;  /* "#RRGGBB", colour-blind safe */
	int risk;	    /* counts towards risk_share */
	const char *aliases[SCALE_MAX_ALIASES]; /* NULL-terminated */
	/*
	 * A workbook cell's fill read as this level: the colour families
	 * (SCALE_FILL_* bits, wbin_color_family()) and exact colours
	 * (0xRRGGBB), which win over a family.
	 */
	unsigned fill_families;
	uint32_t fills[SCALE_MAX_FILLS];
	size_t nfills;
};

struct scale {
	const char *name;
	size_t nlevels;
	struct scale_level levels[SCALE_MAX_LEVELS]; /* levels[0] is 1 */
	/*
	 * The words of "not applicable" (Ej aktuellt, E/A, ...), matched
	 * like the levels' words; NULL-terminated, may be empty.
	 */
	const char *na_words[SCALE_MAX_ALIASES];
	int loaded; /* from scale_load(): its strings are owned */
};

/* The built-in Övertalighet / Hållbart / Sårbart / Brist scale. */
const struct scale *scale_default(void);

/*
 * Reads a scale file (JSON; the built-in scale is data/scale-kmap.json):
 *   {"name": "...", "levels": [{"key", "label", "letter", "color",
 *    "risk", "aliases", "fills"}, ...], "not_applicable": ["Ej aktuellt",
 *    ...]}   levels best first, the shortage last; "fills" lists colour
 *   families ("red", "orange", "yellow", "green", "blue") and colours
 *   ("#RRGGBB") a workbook cell's fill is read as (each in one level
 *   only); without "not_applicable" the built-in words (Ej aktuellt, E/A,
 *   ej relevant, n/a, not applicable) stand, with it only its words ([]
 *   for none).
 * Returns NULL after reporting the first problem as "FILE:LINE:COL: ..."
 * for JSON syntax, or "FILE: levels[2].color: ..." for a bad value.
 */
struct scale *scale_load(const char *path);
/* Frees a scale from scale_load(); the built-in one is left alone. */
void scale_free(const struct scale *s);

enum scale_match {
	SCALE_LEVEL,	   /* *level is 1..nlevels */
	SCALE_MISSING,	   /* empty or "-" */
	SCALE_NA,	   /* one of the scale's na_words: "Ej aktuellt" */
	SCALE_EXCEL_ERROR, /* "#N/A", "#VALUE!", ... */
	SCALE_UNKNOWN,
};

/*
 * Matches a cell against the scale. tmp is scratch space. Returns an
 * enum scale_match; *level is set for SCALE_LEVEL.
 */
enum scale_match scale_match(const struct scale *s, const char *text,
			     size_t len, int *level, struct strbuf *tmp);
/*
 * The same; *other_form says whether a level was matched by another
 * word than its label or key (its letter, an alias: "S", "röd"). tmp
 * holds the cell's loose key after the call.
 */
enum scale_match scale_match_form(const struct scale *s, const char *text,
				  size_t len, int *level, int *other_form,
				  struct strbuf *tmp);
/*
 * The level a workbook cell's fill colour (0xRRGGBB) means: a level
 * that lists the colour itself, else the one whose colour families hold
 * its family. 0 when none does.
 */
int scale_fill_level(const struct scale *s, uint32_t rgb);

/* The label of the level closest to text (edit distance), or NULL. */
const char *scale_suggest(const struct scale *s, const char *text, size_t len);
/* "Övertalighet, Hållbart, Sårbart, Brist" into out. */
void scale_list_labels(const struct scale *s, struct strbuf *out);

/* Levenshtein distance over bytes, for did-you-mean hints. */
size_t edit_distance(const char *a, const char *b);

#endif
