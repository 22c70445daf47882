/* O_TMPFILE is Linux-specific */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/diag.h"
#include "kmap/output.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/* The temporary file to remove if the process dies. */
static volatile sig_atomic_t have_tmp;
static char tmp_for_signal[4096];

static void remove_tmp(void)
{
	if (have_tmp) {
		unlink(tmp_for_signal);
		have_tmp = 0;
	}
}

static void on_signal(int sig)
{
	remove_tmp();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The process umask, read without changing it for long. */
static mode_t umask_value(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}

static void install_cleanup(const char *tmp)
{
	static int installed;

	snprintf(tmp_for_signal, sizeof(tmp_for_signal), "%s", tmp);
	have_tmp = 1;
	if (installed)
		return;
	installed = 1;
	xalloc_set_oom_hook(remove_tmp);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
}

/* ---- the inputs, which are never the output ------------------------ */

struct input_id {
	char *name; /* as given; "-" is standard input */
	dev_t dev;
	ino_t ino;
};

static struct input_id *inputs;
static size_t ninputs, inputs_alloc;

static void free_inputs(void)
{
	for (size_t i = 0; i < ninputs; i++)
		free(inputs[i].name);
	free(inputs);
	inputs = NULL;
	ninputs = inputs_alloc = 0;
}

void output_register_input(const char *path)
{
	struct stat st;

	if (!path)
		return;
	if (!strcmp(path, "-") ? fstat(STDIN_FILENO, &st) : stat(path, &st))
		return; /* not there: reading it will fail, nothing to guard */
	if (ninputs == inputs_alloc) {
		if (!inputs_alloc)
			atexit(free_inputs);
		inputs_alloc = inputs_alloc ? 2 * inputs_alloc : 8;
		inputs = xreallocarray(inputs, inputs_alloc, sizeof(*inputs));
	}
	inputs[ninputs].name = xstrdup(path);
	inputs[ninputs].dev = st.st_dev;
	inputs[ninputs].ino = st.st_ino;
	ninputs++;
}

/*
 * Refuses an output that is the registered input (out is what the output
 * path leads to). A character device (a terminal, /dev/null) is neither
 * consumed by reading nor destroyed by writing, so it may be both.
 */
static int refuse_input(const char *path, const struct stat *out)
{
	if (S_ISCHR(out->st_mode))
		return 0;
	for (size_t i = 0; i < ninputs; i++) {
		if (inputs[i].dev != out->st_dev || inputs[i].ino != out->st_ino)
			continue;
		if (!strcmp(inputs[i].name, "-"))
			return kmap_error("output '%s' is standard input ('-'); "
					  "refusing to overwrite it",
					  path);
		return kmap_error("output '%s' is the input '%s'; refusing to "
				  "overwrite it",
				  path, inputs[i].name);
	}
	return 0;
}

int output_check_inputs(const char *path, char **files, int nfiles)
{
	struct stat out;

	for (int i = 0; i < nfiles; i++)
		output_register_input(files[i]);
	if (!path || !strcmp(path, "-") || stat(path, &out))
		return 0;
	return refuse_input(path, &out);
}

/* The directory part of path ("." when there is none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xmemdup(path, (size_t)(slash - path));
}

/*
 * An anonymous file in the target's directory (O_TMPFILE): the kernel
 * drops it if kmap dies, even by SIGKILL, so no temporary file is ever
 * left. It gets a name only in output_commit(). -1 where the file system
 * has no O_TMPFILE.
 */
static int open_anonymous(const char *path)
{
#ifdef O_TMPFILE
	char *dir = dir_of(path);
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);

	free(dir);
	return fd;
#else
	(void)path;
	errno = EOPNOTSUPP;
	return -1;
#endif
}

/* ".NAME.tmp.XXXXXX" next to path. */
static char *temp_name(const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *slash = strrchr(path, '/');

	if (slash)
		strbuf_add(&tmp, path, (size_t)(slash - path) + 1);
	strbuf_addf(&tmp, ".%s.tmp.XXXXXX", slash ? slash + 1 : path);
	return strbuf_detach(&tmp, NULL);
}

int output_open(struct output *o, const char *path)
{
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	o->path = path;
	fd = open_anonymous(path);
	if (fd >= 0) {
		o->anonymous = 1;
	} else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
		/* no O_TMPFILE here: a named temporary file, removed on
		 * error, out of memory and SIGINT/SIGTERM/SIGHUP */
		o->tmp_path = temp_name(path);
		fd = mkstemp(o->tmp_path);
		if (fd >= 0)
			install_cleanup(o->tmp_path);
	}
	if (fd < 0) {
		int e = errno;
		free(o->tmp_path);
		o->tmp_path = NULL;
		return kmap_error("cannot create '%s': %s", path, strerror(e));
	}
	fchmod(fd, 0644 & ~umask_value());
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		int e = errno;
		close(fd);
		output_abort(o);
		return kmap_error("cannot write '%s': %s", path, strerror(e));
	}
	return 0;
}

void output_abort(struct output *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp_path) {
		unlink(o->tmp_path);
		have_tmp = 0;
		free(o->tmp_path);
		o->tmp_path = NULL;
	}
}

/*
 * Gives the anonymous file a temporary name next to the target (linkat
 * cannot replace an existing file; rename then can, atomically). Returns
 * 0 or an errno value.
 */
static int name_anonymous(struct output *o)
{
	char proc[64];
	int e = 0;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fileno(o->fp));
	for (int tries = 0; tries < 100; tries++) {
		char *name = temp_name(o->path);
		/* mkstemp's pattern, without creating the file */
		size_t n = strlen(name);
		for (size_t i = n - 6; i < n; i++)
			name[i] = "abcdefghijklmnopqrstuvwxyz0123456789"
				[(unsigned)rand() % 36];
		if (!linkat(AT_FDCWD, proc, AT_FDCWD, name,
			    AT_SYMLINK_FOLLOW)) {
			o->tmp_path = name;
			install_cleanup(name);
			return 0;
		}
		e = errno;
		free(name);
		if (e != EEXIST)
			break;
	}
	return e;
}

int output_commit(struct output *o)
{
	int e = 0;

	if (o->fp == stdout) {
		if (fflush(stdout) || ferror(stdout))
			return kmap_error("cannot write to standard output: %s",
					  strerror(errno ? errno : EIO));
		return 0;
	}
	if (fflush(o->fp) || ferror(o->fp) || fsync(fileno(o->fp)))
		e = errno ? errno : EIO;
	if (!e && o->anonymous)
		e = name_anonymous(o);
	if (fclose(o->fp) && !e)
		e = errno ? errno : EIO;
	o->fp = NULL;
	if (!e && rename(o->tmp_path, o->path))
		e = errno;
	if (e) {
		output_abort(o);
		return kmap_error("cannot write '%s': %s", o->path,
				  strerror(e));
	}
	have_tmp = 0;
	free(o->tmp_path);
	o->tmp_path = NULL;
	return 0;
}
