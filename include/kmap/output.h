/*
 * output.h - where results go: standard output, or a file written
 * atomically (SPEC §5).
 *
 * output_open() with a path creates an anonymous file (O_TMPFILE) in the
 * target's directory; output_commit() flushes and fsyncs it, links it to
 * a hidden temporary name and renames that into place. Until the commit
 * the file has no name, so whatever happens to kmap (an error, out of
 * memory, a signal, even SIGKILL) an existing report keeps its old
 * content and no partial or temporary file is left. Where O_TMPFILE is
 * missing, a named temporary file is used and removed on error, out of
 * memory and the terminating signals (not SIGKILL).
 *
 * Without a path the output is stdout; output_commit() then flushes it and
 * reports a write error (disk full, closed pipe) as an output error.
 *
 * Every input of the run is registered (output_register_input()), and an
 * output that is one of them is refused.
 */
#ifndef KMAP_OUTPUT_H
#define KMAP_OUTPUT_H

#include <stdio.h>

struct output {
	FILE *fp;
	const char *path; /* NULL: standard output */
	char *tmp_path;   /* the temporary file's name, once it has one */
	int tmp_handle;   /* tmp_path's output_temp_create() handle */
	int anonymous;    /* opened with O_TMPFILE */
};

/*
 * The inputs. Whoever names a file the run reads registers it - the
 * commands their data files and the --scale file; later readers of names,
 * context or AF files, manifests and the files a manifest lists do the
 * same - so that no input of any kind is ever the output. path "-" is
 * standard input (its fstat identifies it); NULL is ignored; a path that
 * does not exist is not kept. Inputs are compared by st_dev/st_ino, so a
 * hard or symbolic link to an input is that input. A character device
 * (a terminal, /dev/null) may be both.
 */
void output_register_input(const char *path);
/*
 * Registers files[0..nfiles) and refuses an output path that is any
 * registered input ("output 'x' is the input 'y'"). Returns 0, or -1
 * after reporting; the caller exits with KMAP_EXIT_OUTPUT.
 */
int output_check_inputs(const char *path, char **files, int nfiles);
/* Returns 0, or -1 after reporting why the file cannot be created. */
int output_open(struct output *o, const char *path);
/* Returns 0, or -1 after reporting (nothing is left behind then). */
int output_commit(struct output *o);
/* Discards the output; no-op when nothing is open. */
void output_abort(struct output *o);

/*
 * A named scratch file (template as for mkstemp(3), rewritten in place)
 * that is removed if kmap dies before output_temp_remove(): on out of
 * memory (xalloc_die()) and on SIGINT, SIGTERM, SIGHUP and the other
 * terminating signals. Returns the descriptor and sets *handle, or -1
 * with errno set. Prefer an anonymous O_TMPFILE file, which even SIGKILL
 * cannot leave behind; this is the fallback.
 */
int output_temp_create(char *template, int *handle);
/* Removes a file from output_temp_create(). */
void output_temp_remove(int handle, const char *path);
/*
 * Test hook: KMAP_NO_TMPFILE=1 in the environment makes kmap act as on a
 * file system without O_TMPFILE, so that the named fallbacks are tested.
 */
int output_no_tmpfile(void);

#endif
