/* O_PATH and O_TMPFILE are Linux-specific */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/diag.h"
#include "kmap/output.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/* ---- temporary files to remove if kmap dies ------------------------ */

enum { MAX_TEMPS = 4 };

/* Read by the signal handler: a slot's name is written before it is on. */
static char temp_names[MAX_TEMPS][PATH_MAX];
static volatile sig_atomic_t temp_on[MAX_TEMPS];

static void remove_temps(void)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temp_on[i]) {
			unlink(temp_names[i]);
			temp_on[i] = 0;
		}
}

static void on_signal(int sig)
{
	remove_temps();
	signal(sig, SIG_DFL);
	raise(sig); /* delivered when the handler returns: kmap dies of it */
}

/* The asynchronous signals whose default action ends the process; the
 * synchronous ones (SIGSEGV, SIGBUS, ...) are a bug's, left alone. */
static const int fatal_signals[] = {
	SIGHUP,	 SIGINT,  SIGQUIT, SIGTERM, SIGPIPE,   SIGALRM,
	SIGUSR1, SIGUSR2, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF,
};

static void install_cleanup(void)
{
	static int installed;
	struct sigaction sa;

	if (installed)
		return;
	installed = 1;
	xalloc_set_oom_hook(remove_temps);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
		struct sigaction old;
		/* an ignored signal stays ignored (nohup, trap '' XFSZ) */
		if (!sigaction(fatal_signals[i], NULL, &old) &&
		    old.sa_handler == SIG_DFL)
			sigaction(fatal_signals[i], &sa, NULL);
	}
}

/* Blocks the signals handled above; the old mask goes to *old. */
static void block_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

/* Takes a free slot for name; -1 with errno when there is none. */
static int temp_add(const char *name)
{
	size_t n = strlen(name);

	install_cleanup();
	if (n >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (int i = 0; i < MAX_TEMPS; i++)
		if (!temp_on[i]) {
			memcpy(temp_names[i], name, n + 1);
			/* the handler sees the name whole once the slot is on
			 */
			atomic_signal_fence(memory_order_seq_cst);
			temp_on[i] = 1;
			return i;
		}
	errno = EMFILE;
	return -1;
}

static void temp_forget(int handle)
{
	if (handle >= 0 && handle < MAX_TEMPS)
		temp_on[handle] = 0;
}

int output_temp_create(char *template, int *handle)
{
	sigset_t old;
	int fd, e = 0;

	install_cleanup();
	/* no moment where the file exists but a signal would not remove it */
	block_signals(&old);
	fd = mkstemp(template);
	if (fd >= 0) {
		*handle = temp_add(template);
		if (*handle < 0) {
			e = errno;
			unlink(template);
			close(fd);
			fd = -1;
		}
	} else {
		e = errno;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return fd;
}

void output_temp_remove(int handle, const char *path)
{
	unlink(path);
	temp_forget(handle); /* after: a signal in between removes nothing */
}

int output_no_tmpfile(void)
{
	const char *s = getenv("KMAP_NO_TMPFILE");

	return s && *s;
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
		if (inputs[i].dev != out->st_dev ||
		    inputs[i].ino != out->st_ino)
			continue;
		if (!strcmp(inputs[i].name, "-"))
			return kmap_error(
				"output '%s' is standard input ('-'); "
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

/* ---- opening ------------------------------------------------------- */

/* The process umask, read without changing it for long. */
static mode_t umask_value(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
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
static int open_anonymous(const char *path, mode_t mode)
{
#ifdef O_TMPFILE
	char *dir;
	int fd;

	if (output_no_tmpfile()) {
		errno = EOPNOTSUPP;
		return -1;
	}
	dir = dir_of(path);
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
	free(dir);
	return fd;
#else
	(void)path;
	(void)mode;
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

/*
 * Gives the file being written the owner, group and mode of the one it
 * replaces (old), or a new file's mode. The owner and group are kept
 * where the process may set them (root; or its own file and a group it is
 * in). Where not, the file becomes this user's without set-id bits, and
 * a group that could not be kept keeps only the rights others have: the
 * old group's rights are not handed to another.
 */
static void set_mode(int fd, const struct stat *old, int named_new)
{
	mode_t mode;

	if (!old) {
		if (named_new) /* mkstemp made it 0600 */
			fchmod(fd, 0666 & ~umask_value());
		return; /* O_TMPFILE: 0666 & ~umask (or the default ACL) */
	}
	mode = old->st_mode & 07777;
	if (fchown(fd, old->st_uid, old->st_gid)) {
		mode &= 0777;
		if (fchown(fd, (uid_t)-1, old->st_gid))
			mode &= ~(mode_t)S_IRWXG | (mode & S_IRWXO) << 3;
	}
	fchmod(fd, mode);
}

/*
 * The result goes to a new file in target's directory that output_commit()
 * renames over target; old is what is there now (NULL: nothing).
 */
static int open_replacement(struct output *o, const char *target,
			    const struct stat *old)
{
	int fd, e;

	o->target = xstrdup(target);
	/* private until set_mode(), and for a new file as open() makes it */
	fd = open_anonymous(target, old ? 0600 : 0666);
	if (fd >= 0) {
		o->anonymous = 1;
	} else if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) {
		/* no O_TMPFILE here: a named temporary file, removed on
		 * error, out of memory and the terminating signals */
		char *name = temp_name(target);
		fd = output_temp_create(name, &o->tmp_handle);
		if (fd >= 0)
			o->tmp_path = name;
		else
			free(name);
	}
	if (fd < 0)
		return kmap_error("cannot create '%s': %s", o->path,
				  strerror(errno));
	set_mode(fd, old, !o->anonymous);
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		e = errno;
		close(fd);
		output_abort(o);
		return kmap_error("cannot write '%s': %s", o->path,
				  strerror(e));
	}
	return 0;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * Writes into what is there (st): a device or a FIFO, which is opened
 * for writing, never truncated or replaced. A FIFO's open waits for a
 * reader, as the shell's '>' does; a device is opened without waiting
 * (a terminal line that waits for a carrier), and then blocks as usual.
 */
static int open_into(const char *path, const struct stat *st)
{
	int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC, fd;
	struct stat now;

	fd = open(path, flags | O_NONBLOCK);
	if (fd < 0 && errno == ENXIO && S_ISFIFO(st->st_mode)) {
		/* no reader yet */
		kmap_info("waiting for a reader of '%s'", path);
		fd = open(path, flags);
	}
	if (fd < 0)
		return kmap_error("cannot write '%s': %s", path,
				  strerror(errno));
	if (fstat(fd, &now) || !same_file(&now, st)) {
		close(fd);
		return kmap_error("cannot write '%s': it changed while being "
				  "opened",
				  path);
	}
	/* writes wait when a pipe is full, they do not fail */
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0 && (flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/*
 * The regular file a symbolic link at path leads to, through the O_PATH
 * descriptor fd that reached it (the kernel resolved the link, with its
 * protections); realpath() where /proc is missing.
 */
static char *link_target(int fd, const char *path)
{
	char proc[64], buf[PATH_MAX];
	ssize_t n;
	char *real;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, buf, sizeof(buf));
	if (n > 0 && (size_t)n < sizeof(buf) && buf[0] == '/') {
		buf[n] = '\0';
		return xstrdup(buf);
	}
	real = realpath(path, NULL);
	if (!real && errno == ENOMEM)
		xalloc_die();
	return real;
}

/*
 * Standard output or error when it is open for writing and is the file
 * st: -o /dev/stdout, or the file stdout was redirected to. -1 if not.
 */
static int std_fd_of(const struct stat *st)
{
	for (int fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++) {
		struct stat std;
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0 || (fl & O_ACCMODE) == O_RDONLY || fstat(fd, &std))
			continue;
		if (same_file(st, &std))
			return fd;
	}
	return -1;
}

/* Writes into wfd, opened for path; -1 (reported) stays -1. */
static int write_into(struct output *o, int wfd)
{
	if (wfd < 0)
		return -1;
	o->into = 1;
	o->fp = fdopen(wfd, "w");
	if (!o->fp) {
		int e = errno;
		close(wfd);
		return kmap_error("cannot write '%s': %s", o->path,
				  strerror(e));
	}
	return 0;
}

/* Standard output or error, for writing through it; -1 after reporting. */
static int dup_std(const char *path, int std_fd)
{
	int fd = fcntl(std_fd, F_DUPFD_CLOEXEC, 3);

	if (fd < 0)
		kmap_error("cannot write '%s': %s", path, strerror(errno));
	return fd;
}

/* The regular file st, reached through the O_PATH descriptor fd. */
static int open_over_file(struct output *o, int fd, const struct stat *st)
{
	struct stat lst;
	char *target = NULL;
	int rc;

	/* a link is followed: the file it leads to is replaced */
	if (!lstat(o->path, &lst) && S_ISLNK(lst.st_mode)) {
		target = link_target(fd, o->path);
		if (!target)
			return kmap_error("cannot write '%s': %s", o->path,
					  strerror(errno));
	}
	/* a file kmap may not write is not replaced either */
	if (access(target ? target : o->path, W_OK))
		rc = kmap_error("cannot write '%s': %s", o->path,
				strerror(errno));
	else
		rc = open_replacement(o, target ? target : o->path, st);
	free(target);
	return rc;
}

int output_open(struct output *o, const char *path)
{
	struct stat st, lst;
	int fd, std_fd, rc;

	memset(o, 0, sizeof(*o));
	o->tmp_handle = -1;
	if (!path || !strcmp(path, "-")) {
		o->fp = stdout;
		return 0;
	}
	o->path = path;
	/* what is there, found once: the kernel follows any links */
	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			return kmap_error("cannot write '%s': %s", path,
					  strerror(errno));
		if (!lstat(path, &lst) && S_ISLNK(lst.st_mode))
			return kmap_error("cannot write '%s': it is a symbolic "
					  "link to a file that does not exist",
					  path);
		return open_replacement(o, path, NULL);
	}
	if (fstat(fd, &st))
		rc = kmap_error("cannot write '%s': %s", path, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = kmap_error("cannot write '%s': %s", path,
				strerror(EISDIR));
	else if (refuse_input(path, &st))
		rc = -1;
	else if ((std_fd = std_fd_of(&st)) >= 0)
		/* -o /dev/stdout: through that descriptor, as the shell
		 * opened it (appending, say) */
		rc = write_into(o, dup_std(path, std_fd));
	else if (S_ISREG(st.st_mode))
		rc = open_over_file(o, fd, &st);
	else /* a device, a FIFO */
		rc = write_into(o, open_into(path, &st));
	close(fd);
	return rc;
}

void output_abort(struct output *o)
{
	if (o->fp && o->fp != stdout)
		fclose(o->fp);
	o->fp = NULL;
	if (o->tmp_path) {
		output_temp_remove(o->tmp_handle, o->tmp_path);
		free(o->tmp_path);
		o->tmp_path = NULL;
	}
	free(o->target);
	o->target = NULL;
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
		char *name = temp_name(o->target);
		/* mkstemp's pattern, without creating the file */
		size_t n = strlen(name);
		for (size_t i = n - 6; i < n; i++)
			name[i] = "abcdefghijklmnopqrstuvwxyz0123456789"
				[(unsigned)rand() % 36];
		/* tracked first: no moment when the name is left on a signal */
		o->tmp_handle = temp_add(name);
		if (o->tmp_handle < 0) {
			e = errno;
			free(name);
			break;
		}
		if (!linkat(AT_FDCWD, proc, AT_FDCWD, name,
			    AT_SYMLINK_FOLLOW)) {
			o->tmp_path = name;
			return 0;
		}
		e = errno;
		temp_forget(o->tmp_handle);
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
	if (fflush(o->fp) || ferror(o->fp))
		e = errno ? errno : EIO;
	/* a device or a pipe has nothing to fsync (EINVAL) */
	if (!e && !o->into && fsync(fileno(o->fp)))
		e = errno;
	if (!e && o->anonymous)
		e = name_anonymous(o);
	if (fclose(o->fp) && !e)
		e = errno ? errno : EIO;
	o->fp = NULL;
	if (!e && !o->into && rename(o->tmp_path, o->target))
		e = errno;
	if (e) {
		output_abort(o);
		return kmap_error("cannot write '%s': %s", o->path,
				  strerror(e));
	}
	if (o->tmp_path) {
		temp_forget(o->tmp_handle); /* renamed: nothing to remove */
		free(o->tmp_path);
		o->tmp_path = NULL;
	}
	free(o->target);
	o->target = NULL;
	return 0;
}
