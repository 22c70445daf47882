#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/split.h"
#include "kmap/xalloc.h"

/*
 * The look-around: the line starts in LOOK_BYTES from the target are
 * tried in turn, and one is taken when the text after it reads as CSV
 * records for LOOK_LINES lines (or LOOK_AHEAD bytes) with no quote out of
 * place - as it does not, mostly, when the line start is really inside a
 * quoted field. Nothing before the target is read: the first part's
 * quotes are counted by the main thread, which reads them anyway and
 * verifies the guess at the split point (a record still open there means
 * the part is read again, csvin.h's CSVIN_LIMIT_OPEN).
 */
enum {
	SPLIT_MIN_DEFAULT = 16 << 20,
	LOOK_BYTES = 1 << 20,
	LOOK_AHEAD = 16 << 10,
	LOOK_LINES = 8,
};

/*
 * Both threads read and load their part at the same speed, and what the
 * main thread does after its part (merge, count, write) cannot start
 * before the helper is done: so the parts are halves, and both arrive at
 * the split point together. (0.40, which evened the two threads' total
 * instructions, left the main thread waiting a third of its reading
 * time: callgrind at 1M rows, 1,509 M instructions to the split point
 * against the helper's 2,210 M.)
 */
static const double FIRST_SHARE = 0.50;

/* ---- planning ------------------------------------------------------ */

/* KMAP_SPLIT_MIN and KMAP_SPLIT_SHARE let the tests split small files
 * at chosen places. */
static uint64_t split_min(void)
{
	const char *s = getenv("KMAP_SPLIT_MIN");

	return s && *s ? strtoull(s, NULL, 10) : SPLIT_MIN_DEFAULT;
}

static double first_share(void)
{
	const char *s = getenv("KMAP_SPLIT_SHARE");
	double share = s && *s ? strtod(s, NULL) : FIRST_SHARE;

	return share > 0 && share < 1 ? share : FIRST_SHARE;
}

/* A window of the file in code units: bytes, or UTF-16 units. */
struct window {
	const unsigned char *buf;
	size_t n;  /* units */
	int width; /* 1 or 2 */
	int be;	   /* UTF-16BE */
};

static unsigned unit_at(const struct window *w, size_t i)
{
	const unsigned char *p = w->buf + i * (size_t)w->width;

	if (w->width == 1)
		return p[0];
	return w->be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/*
 * Whether the units from `from` on read as records (RFC 4180, as libcsv
 * strict reads them) for LOOK_LINES line ends or LOOK_AHEAD units: no
 * quote inside an unquoted field, nothing but a delimiter, a quote or a
 * line end after a closing quote.
 */
static int reads_as_records(const struct window *w, size_t from, unsigned delim)
{
	enum { START, PLAIN, QUOTED, QUOTE } st = START;
	size_t end = from + LOOK_AHEAD < w->n ? from + LOOK_AHEAD : w->n;
	int lines = 0;

	for (size_t i = from; i < end && lines < LOOK_LINES; i++) {
		unsigned c = unit_at(w, i);
		int eol = c == '\n' || c == '\r';
		switch (st) {
		case START:
		case PLAIN:
			if (c == '"' && st == PLAIN)
				return 0;
			st = c == '"'		 ? QUOTED
			     : c == delim || eol ? START
						 : PLAIN;
			break;
		case QUOTED:
			if (c == '"')
				st = QUOTE;
			break;
		case QUOTE:
			if (c == '"')
				st = QUOTED;
			else if (c == delim || eol)
				st = START;
			else
				return 0;
			break;
		}
		lines += eol && st == START;
	}
	return 1;
}

/* The first line start in w that reads as records (its unit), or -1. */
static int64_t find_line_start(const struct window *w, unsigned delim)
{
	for (size_t i = 0; i + 1 < w->n; i++)
		if (unit_at(w, i) == '\n' && reads_as_records(w, i + 1, delim))
			return (int64_t)(i + 1);
	return -1;
}

int split_plan(const struct csvin *r, struct split_plan *plan)
{
	const struct decoder *d = &r->dec;
	struct window w = { NULL, 0, 1, 0 };
	struct stat st;
	uint64_t target, base;
	unsigned char *buf;
	ssize_t got;
	int64_t at;

	memset(plan, 0, sizeof(*plan));
	if (getenv("KMAP_FAIL_ALLOC") || getenv("KMAP_COUNT_ALLOC") ||
	    r->fd <= STDIN_FILENO || r->decode_failed || fstat(r->fd, &st) ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size < split_min() ||
	    st.st_size < 2)
		return -1;
	target = (uint64_t)((double)st.st_size * first_share());
	if (target < r->raw_read)
		target = r->raw_read;
	if (d->enc == KMAP_ENC_UTF16LE || d->enc == KMAP_ENC_UTF16BE) {
		/* units start after the byte-order mark, at even offsets */
		w.width = 2;
		w.be = d->enc == KMAP_ENC_UTF16BE;
		target = (target + 1) & ~(uint64_t)1;
	}
	base = target;
	buf = xmalloc(LOOK_BYTES + LOOK_AHEAD);
	got = pread(r->fd, buf, LOOK_BYTES + LOOK_AHEAD, (off_t)base);
	w.buf = buf;
	w.n = got > 0 ? (size_t)got / (size_t)w.width : 0;
	at = find_line_start(&w, r->delim);
	free(buf);
	/* a start in the look-around itself, not in what only checks it */
	if (at < 0 || (uint64_t)at * (uint64_t)w.width > LOOK_BYTES)
		return -1;
	plan->offset = base + (uint64_t)at * (uint64_t)w.width;
	if (plan->offset >= (uint64_t)st.st_size)
		return -1;
	/* the decoder's state as far as the main thread has read; the part
	 * starts from it, and the main thread checks at the split point that
	 * the rest of the first part did not decide otherwise */
	plan->enc = d->enc;
	plan->saw_multibyte = d->saw_multibyte;
	plan->fell_back = d->fell_back;
	return 0;
}
