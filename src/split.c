#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/split.h"
#include "kmap/xalloc.h"

enum {
	SPLIT_MIN_DEFAULT = 16 << 20,
	SCAN_BLOCK = 1 << 20,
};

/* Both threads read and load their part; the main thread also merges. */
static const double FIRST_SHARE = 0.48;

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

/*
 * Scans the file from its first data byte: counts quote characters up to
 * the target, then finds the first line end after it with an even count.
 * unit is 1 (UTF-8, Windows-1252) or 2 (UTF-16, be = big-endian).
 * Also notes the first byte >= 0x80 (byte encodings) in *first_high.
 */
static int scan(int fd, uint64_t start, uint64_t target, uint64_t size,
		int unit, int be, uint64_t *offset, uint64_t *first_high)
{
	unsigned char *buf = xmalloc(SCAN_BLOCK + 4);
	uint64_t pos = start, quotes = 0;
	int found = 0;

	*first_high = UINT64_MAX;
	while (pos < size && !found) {
		ssize_t n = pread(fd, buf, SCAN_BLOCK, (off_t)pos);
		if (n <= 0)
			break;
		size_t len = (size_t)n & ~(size_t)(unit - 1);
		for (size_t i = 0; i + (size_t)unit <= len; i += (size_t)unit) {
			unsigned c = unit == 1 ? buf[i]
				     : be      ? (unsigned)buf[i] << 8 | buf[i + 1]
						 : (unsigned)buf[i + 1] << 8 | buf[i];
			if (c == '"') {
				quotes++;
			} else if (c >= 0x80 && unit == 1 &&
				   *first_high == UINT64_MAX) {
				*first_high = pos + i;
			} else if (c == '\n' && pos + i >= target &&
				   !(quotes & 1)) {
				*offset = pos + i + (uint64_t)unit;
				found = 1;
				break;
			}
		}
		pos += len;
		if (!len)
			break;
	}
	free(buf);
	return found && *offset < size ? 0 : -1;
}

/* Whether the bytes at off start a valid multi-byte UTF-8 sequence. */
static int utf8_at(int fd, uint64_t off)
{
	unsigned char b[4] = { 0 };
	ssize_t n = pread(fd, b, sizeof(b), (off_t)off);

	return n > 0 && utf8_valid_seq(b, (size_t)n) > 1;
}

int split_plan(const struct csvin *r, const char *path,
	       struct split_plan *plan)
{
	const struct decoder *d = &r->dec;
	struct stat st;
	uint64_t target, first_high, start = 0;
	int unit = 1, be = 0;

	(void)path;
	memset(plan, 0, sizeof(*plan));
	if (getenv("KMAP_FAIL_ALLOC") || r->fd <= STDIN_FILENO ||
	    fstat(r->fd, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size < split_min() || st.st_size < 2)
		return -1;
	if (d->enc == KMAP_ENC_UTF16LE || d->enc == KMAP_ENC_UTF16BE) {
		unit = 2;
		be = d->enc == KMAP_ENC_UTF16BE;
		start = 2; /* after the byte-order mark */
	}
	target = (uint64_t)((double)st.st_size * first_share());
	if (target < r->raw_read)
		target = r->raw_read;
	if (scan(r->fd, start, target, (uint64_t)st.st_size, unit, be,
		 &plan->offset, &first_high))
		return -1;
	plan->enc = d->enc;
	plan->saw_multibyte = d->saw_multibyte;
	plan->fell_back = d->fell_back;
	if (d->forced == KMAP_ENC_AUTO && !d->saw_multibyte && !d->fell_back &&
	    first_high < plan->offset) {
		/* as the sequential decoder will decide at that byte */
		if (utf8_at(r->fd, first_high)) {
			plan->saw_multibyte = 1;
		} else {
			plan->fell_back = 1;
			plan->enc = KMAP_ENC_CP1252;
		}
	}
	return 0;
}

