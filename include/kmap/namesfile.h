/*
 * namesfile.h - names files: one occupation, one name, one code (SPEC §3).
 *
 * An analyst keeps one names file for the län and reuses it every
 * round. It is a CSV file (any encoding and delimiter kmap reads) with
 * the columns, matched like the data's header names:
 *
 *   typ / kind          yrke (occupation), organisation, region
 *   stavning / spelling as written in the exports ("Usk")
 *   namn / name         what it is counted and shown as ("Undersköterska")
 *   kod / code          optional: SSYK 2012 for occupations (1-4 digits),
 *                       kommunkod (4) or länskod (2) for the others
 *   ...                 any further column is an attribute of the name
 *                       ("kommungrupp", "huvudman"), which --by can group on
 *
 * Spellings are matched like data (NFC, case and space folding); a name
 * is a spelling of itself. Names the files give one code are one name,
 * shown as the first of them. One spelling given two names, or one name
 * given two values of an attribute, is an error naming both lines.
 *
 * The 21 län and their codes (SCB's länskod) are built in, so a region
 * "Kalmar län", "Region Kalmar län" or "Kalmar" is 08 without a file.
 *
 * Ownership: the set owns every string; rules stay valid until
 * names_set_release().
 */
#ifndef KMAP_NAMESFILE_H
#define KMAP_NAMESFILE_H

#include <stddef.h>
#include <stdint.h>

#include "kmap/arena.h"

enum name_kind { KIND_REGION, KIND_ORGANISATION, KIND_OCCUPATION, NKINDS };

struct names_attr {
	const char *key;   /* the column's header, as written */
	const char *value; /* never empty */
};

struct names_rule {
	enum name_kind kind;
	const char *name; /* shown and counted as */
	const char *key;  /* names_key() of name */
	const char *code; /* NULL when none */
	const char *file; /* where it was first given */
	unsigned long line;
	uint32_t seq;  /* ... as the how-manieth line read */
	uint32_t root; /* the rule it is one name with (itself) */
	struct names_attr *attrs;
	size_t nattrs;
};

struct names_spelling {
	enum name_kind kind;
	const char *key;  /* names_key() of the spelling */
	const char *text; /* as written in the names file */
	uint32_t rule;
	const char *file;
	unsigned long line, col; /* the cell that gives it */
	uint32_t seq;		 /* the order of the lines that give it */
};

struct names_line; /* one line of a names file, until finished */

struct names_set {
	struct arena arena;
	struct names_line *lines;
	size_t nlines, lines_cap;
	const char **files; /* the names files read, for messages */
	size_t nfiles;
	struct names_rule *rules;
	size_t nrules, rules_cap;
	struct names_spelling *sp; /* sorted by (kind, key) when finished */
	size_t nsp, sp_cap;
	const char **attr_keys; /* every attribute column, in order met */
	size_t nattr_keys;
	int finished;
};

void names_set_init(struct names_set *s);
void names_set_release(struct names_set *s);
/*
 * Reads one names file into s (several may be read). Returns 0, or -1
 * after reporting every problem as FILE:LINE:COL.
 */
int names_set_read(struct names_set *s, const char *path);
/*
 * Settles the rules read: names with one code become one name, and
 * conflicts are reported. Returns 0 or -1. Called once, after the last
 * names_set_read().
 */
int names_set_finish(struct names_set *s);
/* The name (root rule) a spelling key stands for, or NULL. */
const struct names_rule *names_set_find(const struct names_set *s,
					enum name_kind kind, const char *key);

/*
 * The attribute column named key (matched like header names: case,
 * spaces and diacritics), as the names files write it, or NULL; *kinds
 * gets a bit (1 << kind) for each kind of name that has a value of it.
 */
const char *names_set_attr(const struct names_set *s, const char *key,
			   unsigned *kinds);
/* The value rule r gives attribute attr (as names_set_attr() returned
 * it), or NULL. */
const char *names_rule_attr(const struct names_rule *r, const char *attr);

/* The line that gives a spelling key, or NULL. */
const struct names_spelling *names_set_spelling(const struct names_set *s,
						enum name_kind kind,
						const char *key);

/* SCB's länskod of a region's name ("Region Kalmar län" -> "08"), or NULL. */
const char *names_lan_code(const char *name);

#endif
