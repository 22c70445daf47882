/*
 * names.h - names of regions, organisations and occupations: normalised
 * matching (SPEC §3), interning to small integer ids, Swedish order.
 *
 * Two spellings are the same name when they are equal after Unicode NFC,
 * case folding and whitespace folding (runs of spaces, TABs, NBSP and the
 * like become one space; leading and trailing ones go). Every distinct
 * name gets a dense id 0, 1, 2, ... so that later stages count in arrays.
 *
 * The spelling shown for a name must not depend on the order of the input
 * (SPEC §3 determinism): name_table_finish() picks, of all the spellings
 * met, the one used most often; on a tie one that is not all capitals,
 * then one that starts with a capital, then the first in byte order. Until
 * then (while loading, for messages) the first spelling met is shown.
 *
 * Speed: a cache maps the exact raw bytes of a cell to its id, so each
 * distinct raw spelling is normalised once, however many rows repeat it.
 *
 * Ownership: strings live in the table's arena until name_table_release.
 */
#ifndef KMAP_NAMES_H
#define KMAP_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/arena.h"
#include "kmap/namesfile.h"
#include "kmap/strbuf.h"

/*
 * Whitespace folding and NFC: appends the display form of s to out.
 * Bidirectional controls (U+202A-U+202E, U+2066-U+2069, LRM, RLM, ALM)
 * are dropped, so that no name can reverse what follows it or pose as
 * another, and so are combining marks past the 30th on one character
 * (Unicode's stream-safe limit; normalising longer runs takes time
 * quadratic in their length). Returns 0, or -1 when s is not valid UTF-8.
 */
int names_display(const char *s, size_t len, struct strbuf *out);
/*
 * How many bidirectional controls the calling thread's names_display()
 * and names_key() dropped so far; a caller compares it before and after
 * to warn.
 */
unsigned long names_bidi_dropped(void);
/* The matching key: display form, then NFC case folding. */
int names_key(const char *s, size_t len, struct strbuf *out);
/*
 * The loose key used for header names and rating words: like names_key
 * but also without diacritics ("Bedömning" and "bedomning" match).
 */
int names_loose_key(const char *s, size_t len, struct strbuf *out);

/* Compares two names in Swedish alphabetical order (a-z, å, ä, ö). */
int names_collate(const char *a, const char *b);

struct name_entry {
	const char *display; /* the spelling shown */
	const char *key;     /* the matching key */
	uint32_t *sortkey;   /* collation weights of key, 0-terminated */
	uint32_t spellings;  /* distinct raw spellings met */
	/* after name_table_finish: distinct spellings apart from white space
	 * (case, Unicode form), and one of those not shown */
	uint32_t forms;
	const char *other;
};

/* A name counted as another (name_table_unify_codes()): key -> key. */
struct name_alias {
	const char *from, *to;
};

/*
 * A cap on the memory names take (name_table_bytes()), shared by the
 * tables that point to it: the three of a dataset while a file is read.
 */
struct name_budget {
	size_t max;  /* bytes; 0 = no cap */
	size_t used; /* what the tables using it take */
};

struct name_table {
	struct arena arena;
	struct name_entry *v;
	uint32_t n, cap;
	uint32_t *slots; /* by key: id + 1, 0 = empty */
	uint32_t nslots;
	struct raw_cache_entry *raw; /* by exact raw bytes */
	uint32_t nraw, raw_slots_n;
	uint32_t *raw_slots;
	size_t max_names;	    /* 0 = no limit */
	struct name_budget *budget; /* NULL: no cap on the bytes */
	size_t bytes;		    /* name_table_bytes() */
	uint32_t finished_raw;	    /* nraw when name_table_finish last ran */
	/* a names file's rules for this kind of name, applied to every
	 * spelling added (NULL: none), and names counted as others */
	const struct names_set *rules;
	enum name_kind kind;
	struct name_alias *alias; /* sorted by from */
	uint32_t nalias;
	/* by id, [cap], NULL until the first: a name's code (SSYK,
	 * kommunkod, länskod) or NULL, and the names file's rule that gives
	 * its shown spelling (not chosen by frequency) and attributes */
	const char **codes;
	const struct names_rule **rule_of;
	/* by id, [cap], NULL until the first: an organisation of two
	 * levels ("Kalmar kommun / Socialförvaltningen") has n + 1, n the
	 * " / " its upper level holds itself; 0 for one level */
	uint32_t *upper;
	struct strbuf tmp_display, tmp_key;
	/* name_table_sorted()'s last answer: the first nsorted ids in
	 * Swedish order (names are only ever added, and a name's place
	 * depends on its key alone, so it holds until the next add) */
	uint32_t *sorted;
	uint32_t nsorted;
};

void name_table_init(struct name_table *t);
void name_table_release(struct name_table *t);

/*
 * Returns the id of the name spelled raw[0..len), adding it if new;
 * NAME_EMPTY when it is empty after folding, NAME_INVALID for invalid
 * UTF-8, NAME_TOO_MANY when the table is at max_names, NAME_TOO_BIG when
 * a new spelling would take its budget past the cap (nothing is added:
 * the same cell is refused again).
 */
enum {
	NAME_EMPTY = -1,
	NAME_INVALID = -2,
	NAME_TOO_MANY = -3,
	NAME_TOO_BIG = -4
};
int32_t name_table_intern(struct name_table *t, const char *raw, size_t len);
/*
 * The same, and *spelling gets the index of the exact raw spelling, so
 * that a caller that saw the same bytes again (a run of rows repeating a
 * name) counts it with name_table_count_again() without hashing: every
 * row counts towards the spelling shown.
 */
int32_t name_table_intern_spelling(struct name_table *t, const char *raw,
				   size_t len, uint32_t *spelling);
void name_table_count_again(struct name_table *t, uint32_t spelling);
/*
 * The k-th distinct raw spelling met (k < t->nraw) in *raw[0..*len):
 * returns its name's id, negative for a cell empty after folding.
 */
int32_t name_table_raw(const struct name_table *t, uint32_t k, const char **raw,
		       size_t *len);
/* The id of the name whose matching key is key, or -1. */
int32_t name_table_find_key(const struct name_table *t, const char *key);
/*
 * Adds every spelling of from, with how often it was met, to t, counted
 * in t's budget but never refused by it: the caller has made sure they
 * fit (the sum of both tables' bytes is the most they can take). Returns
 * a map from's id -> t's id (malloc'd; the caller frees it).
 */
uint32_t *name_table_merge(struct name_table *t, const struct name_table *from);

/*
 * Chooses the shown spellings. Call it once the last name is added (the
 * input step does, through load_warn_merged(); diff does after merging):
 * until then name_display() gives the first spelling met.
 */
void name_table_finish(struct name_table *t);

/*
 * Finishes t, then warns (RELIABILITY #38) about every name written in
 * more than one way apart from white space ("Undersköterska",
 * "UNDERSKÖTERSKA"), in Swedish order: they were counted as one. what:
 * "occupation".
 */
void name_table_warn_merged(struct name_table *t, const char *what);

/*
 * The memory the table's names take (text, entries, their share of the
 * hash slots), as the budget counts it: the same for a name in any table
 * that first met the same spelling of it. It only grows, and the table
 * of two tables' names merged takes at most the sum of theirs.
 */
size_t name_table_bytes(const struct name_table *t);

/*
 * Looks a name up without adding it or counting it: its id, -1 if absent,
 * NAME_EMPTY or NAME_INVALID as name_table_intern() says.
 */
int32_t name_table_find(const struct name_table *t, const char *raw,
			size_t len);

static inline const char *name_display(const struct name_table *t, uint32_t id)
{
	return t->v[id].display;
}

/*
 * Fills order[0..n) with the ids in Swedish order (ties by key bytes, so
 * the order is total and stable across runs). rank[id] gets the position
 * when rank is not NULL. The collation key is made when a name is added,
 * so sorting reads the table only, finished or not. The order is sorted
 * once per set of names and kept in the table (the summary asks for it
 * five times per table), so one thread at a time may ask.
 */
void name_table_sorted(const struct name_table *t, uint32_t *order,
		       uint32_t *rank);
/* rank[id] = place of the name in Swedish order (malloc'd; caller frees). */
uint32_t *name_table_ranks(const struct name_table *t);

/*
 * ---- Codes: the API ----------------------------------------------------
 *
 * A name may have a code (SSYK 2012 for an occupation, kommunkod or
 * länskod for an organisation or a region), which every JSON output
 * carries. Codes come from names files (the table's rules, set as each
 * name is added) and from the data (a code column: the loader calls
 * name_table_set_code()). Two names with one code are one name: the
 * input step settles that at one point, dataset_unify_codes()
 * (dataset.h), once the last file is read; nothing else merges by code.
 */

/* What name_table_set_code() did. */
enum name_code_set {
	NAME_CODE_NEW,	 /* the name had no code; now it has this one */
	NAME_CODE_SAME,	 /* it had this code already */
	NAME_CODE_OTHER, /* it has another code, which stays (the caller
			    reports: one name, two codes) */
};
/* Gives name id the code code[0..len) (copied; leading and trailing
 * spaces dropped; an empty code sets nothing and is NAME_CODE_SAME). */
enum name_code_set name_table_set_code(struct name_table *t, uint32_t id,
				       const char *code, size_t len);

/* The code of name id, or NULL. */
static inline const char *name_code(const struct name_table *t, uint32_t id)
{
	return t->codes ? t->codes[id] : NULL;
}

/* Whether a names file gives the spelling name id is shown as. */
static inline int name_fixed(const struct name_table *t, uint32_t id)
{
	return t->rule_of && t->rule_of[id];
}

/* The names file's rule name id is counted by (its attributes), or NULL. */
static inline const struct names_rule *name_rule(const struct name_table *t,
						 uint32_t id)
{
	return t->rule_of ? t->rule_of[id] : NULL;
}

/*
 * ---- Two-level organisations ------------------------------------------
 *
 * An organisation read from an upper and a lower column is named
 * "Upper / Lower" (the upper alone when the lower cell is empty), and
 * keeps where its upper level ends, like a code: set by the loader,
 * carried by name_table_merge() and name_table_unify_codes().
 */

/* Marks name id as of two levels whose upper one is upper[0..len). */
void name_table_set_upper(struct name_table *t, uint32_t id, const char *upper,
			  size_t len);
/*
 * The upper level of name id as its shown spelling writes it, in
 * *s[0..*len): 1, or 0 when the name has one level.
 */
int name_upper(const struct name_table *t, uint32_t id, const char **s,
	       size_t *len);

/*
 * Makes the names of t that share a code one name: its key is that of
 * the first of them in Swedish order (one a names file shows, if any),
 * its spelling shown chosen from all of theirs as name_table_finish()
 * does, and spellings added later are counted as it too. Returns NULL
 * when no two names share a code (t unchanged); else a map old id -> new
 * id (malloc'd, the caller frees it), and t is rebuilt and finished.
 */
uint32_t *name_table_unify_codes(struct name_table *t);

#endif
