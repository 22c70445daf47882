/*
 * csvin_fields.c - a record's fields: libcsv's callbacks, which copy each
 * field into the row (controls removed), and the fast path that splits
 * a line without a quote the way libcsv would.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvin_internal.h"
#include "kmap/csvin.h"
#include "kmap/xalloc.h"

/* Bytes of w below b (b <= 0x80): their high bits. */
static inline uint64_t bytes_below(uint64_t w, uint64_t b)
{
	return (w - b * 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
}

/* Bytes of w equal to b: their high bits. */
static inline uint64_t bytes_equal(uint64_t w, uint64_t b)
{
	return bytes_below(w ^ (b * 0x0101010101010101ULL), 1);
}

/*
 * Whether p[0..len) may hold a control character: a byte below 0x20 (TAB
 * and LF included), DEL, or 0xC2, the first byte of a C1 control
 * (U+0080-U+009F) and of some letters; on_field() looks closer.
 */
#ifdef __SSE2__
/* The bytes of v below 0x20, DEL or 0xC2: all ones, the others zero. */
static inline __m128i control_bytes(__m128i v)
{
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F),
		      c2 = _mm_set1_epi8((char)0xC2);
	__m128i below = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);
	below = _mm_andnot_si128(_mm_cmpeq_epi8(v, space), below);
	return _mm_or_si128(below, _mm_or_si128(_mm_cmpeq_epi8(v, del),
						_mm_cmpeq_epi8(v, c2)));
}

/* Whether the 16 bytes at p hold a byte below 0x20, DEL or 0xC2. */
static inline int control_in_16(const unsigned char *p)
{
	return _mm_movemask_epi8(
		       control_bytes(_mm_loadu_si128((const __m128i *)p))) != 0;
}
#endif

/* The same for the 8 bytes at p, a word at a time. */
static inline int control_in_8(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return (bytes_below(w, 0x20) | bytes_equal(w, 0x7F) |
		bytes_equal(w, 0xC2)) != 0;
}

static int has_control(const unsigned char *p, size_t len)
{
	size_t i = 0;

	/* whole steps, then one last step that ends at the end (it may look
	 * at bytes a step already saw), so no byte goes one at a time */
#ifdef __SSE2__
	if (len >= 16) {
		for (; i + 16 <= len; i += 16)
			if (control_in_16(p + i))
				return 1;
		return i < len && control_in_16(p + len - 16);
	}
#endif
	if (len >= 8) {
		for (; i + 8 <= len; i += 8)
			if (control_in_8(p + i))
				return 1;
		return i < len && control_in_8(p + len - 8);
	}
	for (; i < len; i++)
		if (p[i] < 0x20 || p[i] == 0x7F || p[i] == 0xC2)
			return 1;
	return 0;
}

/* Adds a field to the row; clean: the caller knows it holds no control. */
static void add_field(struct csvin *r, const unsigned char *p, size_t len,
		      int clean)
{

	if (r->nfields >= r->opts.max_columns) {
		r->too_many_columns = 1;
		return;
	}
	if (r->nfields == r->offs_cap) {
		r->offs_cap = r->offs_cap ? r->offs_cap * 2 : 16;
		r->offs = xreallocarray(r->offs, r->offs_cap, sizeof(*r->offs));
	}
	r->offs[r->nfields++] = r->rowdata.len;
	strbuf_grow(&r->rowdata, len + 1);
	char *out = r->rowdata.buf + r->rowdata.len;
	if (clean || !has_control(p, len)) {
		memcpy(out, p, len);
		out[len] = '\0';
		r->rowdata.len += len + 1;
		return;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		/* C1 controls (U+0080-U+009F) and DEL never reach an output */
		if (c == 0x7F || (c == 0xC2 && i + 1 < len &&
				  p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)) {
			i += c == 0xC2;
			r->ctrl_removed = 1;
			continue;
		}
		if (c < 0x20 && c != '\t' && c != '\n') {
			if (c == '\r' && (i + 1 == len || p[i + 1] != '\n')) {
				*out++ = '\n'; /* a lone CR inside quotes */
				continue;
			}
			if (c != '\r')
				r->ctrl_removed = 1;
			continue;
		}
		*out++ = (char)c;
	}
	*out++ = '\0';
	r->rowdata.len = (size_t)(out - r->rowdata.buf);
}

void csvin_on_field(void *s, size_t len, void *data)
{
	add_field(data, s, len, 0);
}

void csvin_on_row(int c, void *data)
{
	struct csvin *r = data;

	(void)c;
	r->row_done = 1;
}

/*
 * Lines longer than this, or than the field cap (max_field), go to
 * libcsv, which applies the cap as it always does: a plain line's fields
 * are then shorter than the cap.
 */
enum { PLAIN_LINE_MAX = 16 * 1024 };

/*
 * The fast path for a line without a quote character (most lines of an
 * export): split at the delimiter, the spaces libcsv trims (leading, and
 * trailing of an unquoted field) trimmed, each field and then the row
 * handed to the same callbacks libcsv calls, in the same order, with the
 * same bytes. A line of nothing but such spaces is no row, as in libcsv.
 * Returns 1 when it read the line, 0 to leave it to libcsv (a quote, a
 * long line, a line not ended yet), before any callback. tests/fastpath.sh
 * compares both ways on every test input.
 */
/* Field ends of a plain line kept on the stack; a line with more fields
 * goes to libcsv. */
enum { PLAIN_FIELDS_MAX = 256 };

/*
 * One look at s[0..end): 0 when it holds a quote; else the delimiters'
 * offsets in at[] (at most PLAIN_FIELDS_MAX - 1, else 0 too), their count
 * in *ndelims, and in *clean whether it holds no control character but
 * the delimiter (has_control()). 16 bytes a step where SSE2 is: this
 * replaces a search for a quote, a search for controls and a search for
 * each delimiter, and every byte of a plain line passes through it.
 */
static int scan_plain_line(const unsigned char *s, size_t end, unsigned char d,
			   size_t *at, size_t *ndelims, int *clean)
{
	size_t i = 0, n = 0;
	int ctrl = 0;

#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'),
		      delim = _mm_set1_epi8((char)d);
	unsigned char tail[16];
	for (; i < end; i += 16) {
		__m128i v;
		if (i + 16 > end) {
			/* the last bytes, in a block padded with letters */
			memset(tail, 'a', sizeof(tail));
			memcpy(tail, s + i, end - i);
			v = _mm_loadu_si128((const __m128i *)tail);
		} else {
			v = _mm_loadu_si128((const __m128i *)(s + i));
		}
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)))
			return 0;
		__m128i is_delim = _mm_cmpeq_epi8(v, delim);
		ctrl |= _mm_movemask_epi8(
			_mm_andnot_si128(is_delim, control_bytes(v)));
		unsigned bits = (unsigned)_mm_movemask_epi8(is_delim);
		for (; bits; bits &= bits - 1) {
			if (n == PLAIN_FIELDS_MAX - 1)
				return 0;
			at[n++] = i + (size_t)__builtin_ctz(bits);
		}
	}
#else
	for (; i < end; i++) {
		unsigned char c = s[i];
		if (c == '"')
			return 0;
		if (c == d) {
			if (n == PLAIN_FIELDS_MAX - 1)
				return 0;
			at[n++] = i;
		} else if (c < 0x20 || c == 0x7F || c == 0xC2) {
			ctrl = 1;
		}
	}
#endif
	*ndelims = n;
	*clean = !ctrl;
	return 1;
}

int csvin_parse_plain_line(struct csvin *r, const char *s, size_t len)
{
	size_t end = len, b = 0, at[PLAIN_FIELDS_MAX], ndelims;
	int tab_delim = r->delim == '\t', clean;

	/* a line without its end may go on (the next read, or text after
	 * a decode error that must be reported first): libcsv keeps it */
	if (!len || (s[len - 1] != '\n' && s[len - 1] != '\r'))
		return 0;
	if (end && s[end - 1] == '\n')
		end--;
	if (end && s[end - 1] == '\r')
		end--;
	if (end > PLAIN_LINE_MAX || end > r->opts.max_field ||
	    !scan_plain_line((const unsigned char *)s, end,
			     (unsigned char)r->delim, at, &ndelims, &clean))
		return 0;
	/* the row's text takes at most every byte and a NUL a field */
	size_t nf = ndelims + 1;
	strbuf_grow(&r->rowdata, end + nf);
	int direct = clean && r->nfields + nf <= r->opts.max_columns;
	if (direct && r->nfields + nf > r->offs_cap) {
		r->offs_cap = r->nfields + nf > 16 ? r->nfields + nf : 16;
		r->offs = xreallocarray(r->offs, r->offs_cap, sizeof(*r->offs));
	}
	for (size_t k = 0;; k++) {
		size_t e = k < ndelims ? at[k] : end, fb = b, fe = e;
		while (fb < fe &&
		       (s[fb] == ' ' || (s[fb] == '\t' && !tab_delim)))
			fb++;
		while (fe > fb &&
		       (s[fe - 1] == ' ' || (s[fe - 1] == '\t' && !tab_delim)))
			fe--;
		/* blank to its end: no row (the first field) or an empty one */
		if (!ndelims && fb == fe)
			return 1;
		if (direct) {
			/* add_field() without its checks, made above */
			char *out = r->rowdata.buf + r->rowdata.len;
			r->offs[r->nfields++] = r->rowdata.len;
			memcpy(out, s + fb, fe - fb);
			out[fe - fb] = '\0';
			r->rowdata.len += fe - fb + 1;
		} else {
			add_field(r, (const unsigned char *)s + fb, fe - fb,
				  clean);
		}
		if (k == ndelims)
			break;
		b = e + 1;
	}
	csvin_on_row(len > end ? (unsigned char)s[end] : -1, r);
	return 1;
}
