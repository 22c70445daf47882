/*
 * output.h - where results go: standard output, or the file named by -o,
 * written so that an error or a killed run changes nothing (SPEC §5).
 *
 * What -o does depends on what is there, found once by opening the path
 * with O_PATH (the kernel follows any symbolic link, with its usual
 * protections):
 *
 *  - Nothing, or a regular file: output_open() creates an anonymous file
 *    (O_TMPFILE) in the directory of the file to be replaced;
 *    output_commit() flushes and fsyncs it, links it to a hidden name
 *    ".NAME.tmp.XXXXXX" and renames that over the file. Until then the
 *    file has no name, so whatever happens to kmap (an error, out of
 *    memory, a signal, even SIGKILL) an existing report keeps its old
 *    content and no temporary file is left. Where O_TMPFILE is missing, a
 *    named temporary file is used, removed on error, out of memory and
 *    the terminating signals (not SIGKILL).
 *    A symbolic link is followed: the file it leads to is replaced, in
 *    its own directory, and the link stays a link. An existing file keeps
 *    its mode, and its owner and group where the process may set them
 *    (root, or a group the user is in); a file kmap may not write
 *    (access(2)) is not replaced either. A new file gets 0666 & ~umask.
 *  - A character or block device, a FIFO (its open waits for a reader, as
 *    the shell's '>' does), or the file standard output or error already
 *    is (-o /dev/stdout): written into, never truncated, never replaced.
 *  - A directory, or a symbolic link to nothing: an error.
 *
 * Without a path (or "-") the output is stdout; output_commit() then
 * flushes it and reports a write error (disk full, closed pipe) as an
 * output error.
 *
 * Every input of the run is registered (output_register_input()), and an
 * output that is one of them is refused.
 */
#ifndef KMAP_OUTPUT_H
#define KMAP_OUTPUT_H

#include <stdio.h>

struct output {
	FILE *fp;
	const char *path; /* as given to -o; NULL: standard output */
	char *target;	  /* the file replaced: path, or where its link leads */
	char *tmp_path;	  /* the temporary file's name, once it has one */
	int tmp_handle;	  /* tmp_path's output_temp_create() handle */
	int anonymous;	  /* opened with O_TMPFILE */
	int into;	  /* written into (a device, a FIFO), not replaced */
};

/*
 * The inputs. Every file the run reads is registered here through
 * cli_input_file() (src/opt.h): the data files and every CLI_INPUT_PATH
 * option (--scale; names, context or AF files) by cli_parse(), the files
 * a manifest lists by the input step - so that no input of any kind is
 * ever the output. path "-" is
 * standard input (its fstat identifies it); NULL is ignored; a path that
 * does not exist is not kept. Inputs are compared by st_dev/st_ino, so a
 * hard or symbolic link to an input is that input. A character device
 * (a terminal, /dev/null) may be both.
 */
void output_register_input(const char *path);
/*
 * Registers files[0..nfiles) and refuses an output path that is any
 * registered input ("output 'x' is the input 'y'"). Returns 0, or -1
 * after reporting; the caller exits with KMAP_EXIT_OUTPUT. output_open()
 * checks the same again on what it opens.
 */
int output_check_inputs(const char *path, char **files, int nfiles);

/* Returns 0, or -1 after reporting why the output cannot be written. */
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
