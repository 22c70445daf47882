/*
 * load.h - reads input files into a dataset (the "normalise" stage).
 *
 * For each file: csvin.h gives records; the header row is mapped to
 * columns (header names matched loosely, SPEC §2); the layout is long
 * when there is a rating column and a period column, wide when columns
 * are headed with periods. Each data row then becomes records: names are
 * interned, ratings matched against the scale, periods parsed, and every
 * record added to the dataset, which finds duplicates and conflicts.
 *
 * Problems are reported through diag.h with FILE:LINE:COL. By default
 * loading stops at the first error; with all_errors (validate) it goes on
 * to report every problem it can.
 */
#ifndef KMAP_LOAD_H
#define KMAP_LOAD_H

#include "kmap/csvin.h"
#include "kmap/dataset.h"

struct wbin_opts;

/*
 * Empty region, organisation and occupation cells below a value, as
 * Excel exports merged cells: by default they take the value above, with
 * one warning per column; --fill-down asks for it (no warning, and before
 * --default-*), --no-fill-down makes them errors.
 */
enum load_fill { FILL_AUTO, FILL_ON, FILL_OFF };

struct load_opts {
	struct csvin_opts csv;
	const char *current;		  /* --current LABEL, or NULL */
	enum load_fill fill_down;	  /* --fill-down, --no-fill-down */
	int fill_missing;		  /* --fill-missing: short rows */
	const char *default_region;	  /* --default-region */
	const char *default_organisation; /* --default-organisation */
	int all_errors;			  /* go on after an error */
	size_t max_names;		  /* distinct names per kind; 0 = any */
	/* bytes the names of a dataset (all three kinds) may take, as
	 * name_table_bytes() counts them; 0 = no cap */
	size_t max_name_bytes;
	const char *round; /* the round the file belongs to, or NULL */
	const char *sheet; /* a workbook's sheet: name or number; NULL all */
	/* a workbook reader's limits (workbook.h); NULL = its defaults */
	const struct wbin_opts *wbin;
};

/* The default of max_name_bytes (--max-name-memory), in MiB. */
enum { LOAD_MAX_NAME_MIB = 256 };

void load_opts_init(struct load_opts *o);

enum load_status {
	LOAD_OK = 0,
	LOAD_ERRORS = -1,    /* problems in the file, all reported */
	LOAD_UNREADABLE = -2 /* could not be opened or read */
};

/* Reads one file ("-" = stdin) into ds; returns an enum load_status. */
int load_file(struct dataset *ds, const char *path,
	      const struct load_opts *opts);

/*
 * After the last file: warns about names written in more than one way
 * that were counted as one (RELIABILITY #38), and notes every spelling
 * a names file made another name (at the names file's line).
 */
void load_warn_merged(struct dataset *ds);

/*
 * Which name column a header cell heads, by the words data files use
 * (SPEC §2, matched loosely): "Län" a region, "Kommun" an organisation,
 * "Yrke" an occupation; for other files keyed like the data (--context).
 */
enum load_name_column {
	LOAD_NAME_NONE = -1,
	LOAD_NAME_REGION,
	LOAD_NAME_ORGANISATION,
	LOAD_NAME_OCCUPATION,
};
enum load_name_column load_name_column(const char *cell, size_t len);

#endif
