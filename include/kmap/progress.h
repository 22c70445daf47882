/*
 * progress.h - "kmap: reading FILE: 45 % (120 of 270 MB)" on stderr.
 *
 * Shown only for an input that takes more than a second, only when stderr
 * is a terminal, never with -q, with TERM=dumb or when CI is set: a
 * script's or a pipeline's stderr stays for the messages that matter.
 * The line is redrawn in place (\r) at most a few times a second and
 * erased when reading ends or before any message is printed.
 */
#ifndef KMAP_PROGRESS_H
#define KMAP_PROGRESS_H

#include <stdint.h>

struct progress {
	const char *name; /* as named on the command line */
	uint64_t total;	  /* bytes to read; 0 when not known (a pipe) */
	uint64_t next;	  /* bytes done at which to look at the clock next */
	double start, shown_at;
	int enabled;
};

/* Starts timing an input; total 0 when its size is not known. */
void progress_begin(struct progress *p, const char *name, uint64_t total);
/* Cheap enough to call for every row: looks at the clock every 256 KiB. */
void progress_update(struct progress *p, uint64_t done);
void progress_end(struct progress *p);
/* Erases the line if one is shown (before a message goes to stderr). */
void progress_clear(void);

#endif
