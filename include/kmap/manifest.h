/*
 * manifest.h - a manifest: one CSV line per export of a round, with the
 * settings kmap cannot guess for it (SPEC §2).
 *
 * A round comes in from many hands: one organisation's template has no
 * organisation column, another's export has its header on line 4, a
 * third is Windows-1252. A manifest says so once, and stands wherever an
 * input file can. It is a CSV file (any encoding and delimiter kmap
 * reads) whose header has a `fil`/`file` column and no occupation
 * column; its other columns, all optional, are matched like the data's
 * header names:
 *
 *   fil / file                      the export; relative to the manifest
 *   organisation / organization     --default-organisation for it
 *   region / län                    --default-region for it
 *   omgång / round                  the round it belongs to
 *   rubrikrad / header_line         --header-line
 *   fyll_nedåt / fill_down          --fill-down: ja/nej, yes/no, 1/0
 *   teckenkodning / encoding        --encoding
 *   avgränsare / delimiter          --delimiter
 *   blad / sheet                    the workbook sheet (name or number)
 *   namnfil / names                 a names file for it
 *
 * An empty cell keeps the command line's setting. A line's problems are
 * errors at FILE:LINE:COL of the manifest; an unknown column is an error
 * (a misspelt setting must not be dropped). A manifest lists exports,
 * not other manifests.
 *
 * Ownership: the manifest owns its entries and every string in them;
 * an entry's load options point into it.
 */
#ifndef KMAP_MANIFEST_H
#define KMAP_MANIFEST_H

#include <stddef.h>

#include "kmap/load.h"

struct manifest_entry {
	char *path;	       /* the export, resolved against the manifest */
	unsigned long line;    /* the manifest line that lists it */
	struct load_opts opts; /* the command's, with this line's settings */
	char *organisation, *region; /* behind opts.default_* when given */
	char *round;		     /* NULL when not given */
	char *sheet;		     /* NULL: every sheet */
	char *names_file; /* resolved like path; NULL when not given */
};

struct manifest {
	char *path;
	struct manifest_entry *v;
	size_t n;
};

enum manifest_status {
	MANIFEST_READ = 1,  /* path is a manifest; m holds its entries */
	MANIFEST_NOT = 0,   /* path is an export, not a manifest */
	MANIFEST_ERROR = -1 /* a manifest with problems, all reported */
};

/*
 * Reads path when it is a manifest; base is the command line's load
 * options, which each entry starts from. Only a regular file can be a
 * manifest (standard input and pipes are read as exports). Returns an
 * enum manifest_status; m needs manifest_release() after MANIFEST_READ
 * and MANIFEST_ERROR.
 */
int manifest_read(struct manifest *m, const char *path,
		  const struct load_opts *base);
void manifest_release(struct manifest *m);

#endif
