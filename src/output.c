#include <errno.h>
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

int output_check_inputs(const char *path, char **inputs, int ninputs)
{
	struct stat out, in;

	if (!path || stat(path, &out))
		return 0;
	for (int i = 0; i < ninputs; i++) {
		if (!strcmp(inputs[i], "-") || stat(inputs[i], &in))
			continue;
		if (in.st_dev == out.st_dev && in.st_ino == out.st_ino)
			return kmap_error("output '%s' is the input '%s'; "
					  "refusing to overwrite it",
					  path, inputs[i]);
	}
	return 0;
}

int output_open(struct output *o, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	const char *slash;
	int fd;

	memset(o, 0, sizeof(*o));
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	o->path = path;
	slash = strrchr(path, '/');
	if (slash)
		strbuf_add(&tmp, path, (size_t)(slash - path) + 1);
	strbuf_addf(&tmp, ".%s.tmp.XXXXXX", slash ? slash + 1 : path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		int e = errno;
		strbuf_release(&tmp);
		return kmap_error("cannot create '%s': %s", path, strerror(e));
	}
	o->tmp_path = strbuf_detach(&tmp, NULL);
	install_cleanup(o->tmp_path);
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
