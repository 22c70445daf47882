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

/* Counts the quote characters in buf[0..len) (memchr: quotes are few). */
static uint64_t count_quotes(const unsigned char *buf, size_t len)
{
	const unsigned char *p = buf, *end = buf + len;
	uint64_t n = 0;

	while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Offset of the first byte >= 0x80 in buf[0..len), or len. */
static size_t first_high_byte(const unsigned char *buf, size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, buf + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
	}
	while (i < len && buf[i] < 0x80)
		i++;
	return i;
}

/*
 * One-byte encodings: counts quotes up to the target, then finds the
 * first LF after it with an even count before it. Also notes the first
 * byte >= 0x80 in *first_high.
 */
static int scan_bytes(int fd, uint64_t target, uint64_t size, uint64_t *offset,
		      uint64_t *first_high)
{
	unsigned char *buf = xmalloc(SCAN_BLOCK);
	uint64_t pos = 0, quotes = 0;
	int found = 0;

	*first_high = UINT64_MAX;
	while (pos < size && !found) {
		ssize_t n = pread(fd, buf, SCAN_BLOCK, (off_t)pos);
		if (n <= 0)
			break;
		size_t len = (size_t)n, from = 0;
		if (*first_high == UINT64_MAX) {
			size_t h = first_high_byte(buf, len);
			if (h < len)
				*first_high = pos + h;
		}
		if (pos + len <= target) {
			quotes += count_quotes(buf, len);
			pos += len;
			continue;
		}
		if (pos < target) {
			from = (size_t)(target - pos);
			quotes += count_quotes(buf, from);
		}
		while (from < len) {
			const unsigned char *nl =
				memchr(buf + from, '\n', len - from);
			size_t upto = nl ? (size_t)(nl - buf) : len;
			quotes += count_quotes(buf + from, upto - from);
			if (!nl)
				break;
			if (!(quotes & 1)) {
				*offset = pos + upto + 1;
				found = 1;
				break;
			}
			from = upto + 1;
		}
		pos += len;
	}
	free(buf);
	return found && *offset < size ? 0 : -1;
}

/*
 * The next UTF-16 unit equal to ASCII c in buf[from..len), found with
 * memchr on its non-zero byte: offset of the unit, or len. Units start at
 * even offsets; be = big-endian.
 */
static size_t next_unit(const unsigned char *buf, size_t from, size_t len,
			unsigned char c, int be)
{
	const unsigned char *p = buf + from + be;

	while (p < buf + len &&
	       (p = memchr(p, c, (size_t)(buf + len - p))) != NULL) {
		size_t k = (size_t)(p - buf) - (size_t)be;
		if (!(k & 1) && k + 1 < len && buf[k + !be] == 0)
			return k;
		p++;
	}
	return len;
}

/* Counts the quote units in buf[from..to). */
static uint64_t count_quote_units(const unsigned char *buf, size_t from,
				  size_t to, int be)
{
	uint64_t n = 0;

	for (size_t k = from; (k = next_unit(buf, k, to, '"', be)) < to; k += 2)
		n++;
	return n;
}

/* UTF-16 (after its byte-order mark): the same in two-byte units. */
static int scan_utf16(int fd, uint64_t target, uint64_t size, int be,
		      uint64_t *offset)
{
	unsigned char *buf = xmalloc(SCAN_BLOCK);
	uint64_t pos = 2, quotes = 0;
	int found = 0;

	while (pos < size && !found) {
		ssize_t n = pread(fd, buf, SCAN_BLOCK, (off_t)pos);
		size_t len = n > 0 ? (size_t)n & ~(size_t)1 : 0, from = 0;
		if (!len)
			break;
		if (pos + len <= target) {
			quotes += count_quote_units(buf, 0, len, be);
			pos += len;
			continue;
		}
		if (pos < target) {
			from = (size_t)(target - pos) & ~(size_t)1;
			quotes += count_quote_units(buf, 0, from, be);
		}
		/* from the target on: each LF, with the quotes before it */
		while (from < len) {
			size_t nl = next_unit(buf, from, len, '\n', be);
			quotes += count_quote_units(buf, from, nl, be);
			if (nl == len)
				break;
			if (!(quotes & 1)) {
				*offset = pos + nl + 2;
				found = 1;
				break;
			}
			from = nl + 2;
		}
		pos += len;
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

int split_plan(const struct csvin *r, struct split_plan *plan)
{
	const struct decoder *d = &r->dec;
	struct stat st;
	uint64_t target, first_high = UINT64_MAX;
	int rc;

	memset(plan, 0, sizeof(*plan));
	if (getenv("KMAP_FAIL_ALLOC") || getenv("KMAP_COUNT_ALLOC") ||
	    r->fd <= STDIN_FILENO || fstat(r->fd, &st) ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size < split_min() ||
	    st.st_size < 2)
		return -1;
	target = (uint64_t)((double)st.st_size * first_share());
	if (target < r->raw_read)
		target = r->raw_read;
	if (d->enc == KMAP_ENC_UTF16LE || d->enc == KMAP_ENC_UTF16BE)
		rc = scan_utf16(r->fd, target, (uint64_t)st.st_size,
				d->enc == KMAP_ENC_UTF16BE, &plan->offset);
	else
		rc = scan_bytes(r->fd, target, (uint64_t)st.st_size,
				&plan->offset, &first_high);
	if (rc)
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
