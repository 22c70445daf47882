/*
 * output.h - where results go: standard output, or a file written
 * atomically (SPEC §5).
 *
 * output_open() with a path creates a hidden temporary file in the same
 * directory; output_commit() flushes, fsyncs, closes and renames it into
 * place. On any failure, on output_abort(), on out-of-memory and on
 * SIGINT/SIGTERM/SIGHUP the temporary file is removed, so an existing
 * report keeps its old content and no partial file is ever left.
 *
 * Without a path the output is stdout; output_commit() then flushes it and
 * reports a write error (disk full, closed pipe) as an output error.
 */
#ifndef KMAP_OUTPUT_H
#define KMAP_OUTPUT_H

#include <stdio.h>

struct output {
	FILE *fp;
	const char *path; /* NULL: standard output */
	char *tmp_path;   /* the temporary file while open */
};

/*
 * Refuses an output path that names one of the inputs (also through a
 * hard link). Returns 0, or -1 after reporting.
 */
int output_check_inputs(const char *path, char **inputs, int ninputs);
/* Returns 0, or -1 after reporting why the file cannot be created. */
int output_open(struct output *o, const char *path);
/* Returns 0, or -1 after reporting (nothing is left behind then). */
int output_commit(struct output *o);
/* Discards the output; no-op when nothing is open. */
void output_abort(struct output *o);

#endif
