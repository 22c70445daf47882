#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "kmap/encoding.h"

static int open_iconv(struct decoder *d, const char *from);

int encoding_from_name(const char *name, enum kmap_encoding *enc)
{
	static const struct {
		const char *name;
		enum kmap_encoding enc;
	} names[] = {
		{ "auto", KMAP_ENC_AUTO },
		{ "utf-8", KMAP_ENC_UTF8 },
		{ "utf8", KMAP_ENC_UTF8 },
		{ "utf-16", KMAP_ENC_UTF16 },
		{ "utf16", KMAP_ENC_UTF16 },
		{ "utf-16le", KMAP_ENC_UTF16LE },
		{ "utf-16be", KMAP_ENC_UTF16BE },
		{ "cp1252", KMAP_ENC_CP1252 },
		{ "windows-1252", KMAP_ENC_CP1252 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcasecmp(name, names[i].name)) {
			*enc = names[i].enc;
			return 0;
		}
	}
	return -1;
}

const char *encoding_name(enum kmap_encoding enc, int had_bom)
{
	switch (enc) {
	case KMAP_ENC_UTF16LE:
		return "utf-16le";
	case KMAP_ENC_UTF16BE:
		return "utf-16be";
	case KMAP_ENC_CP1252:
		return "cp1252";
	default:
		return had_bom ? "utf-8-bom" : "utf-8";
	}
}

void decoder_init(struct decoder *d, enum kmap_encoding forced)
{
	memset(d, 0, sizeof(*d));
	d->forced = forced;
	d->enc = KMAP_ENC_AUTO;
}

void decoder_init_at(struct decoder *d, enum kmap_encoding forced,
		     enum kmap_encoding enc, int saw_multibyte, int fell_back)
{
	decoder_init(d, forced);
	d->sniffed = 1;
	d->enc = enc;
	d->saw_multibyte = saw_multibyte;
	d->fell_back = fell_back;
}

int decoder_ready(struct decoder *d)
{
	if (d->enc == KMAP_ENC_UTF16LE)
		return open_iconv(d, "UTF-16LE");
	if (d->enc == KMAP_ENC_UTF16BE)
		return open_iconv(d, "UTF-16BE");
	return 0;
}

void decoder_release(struct decoder *d)
{
	if (d && d->iconv) {
		iconv_close((iconv_t)d->iconv);
		d->iconv = NULL;
	}
}

size_t utf8_valid_seq(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		if (avail < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (avail < 4 || (s[1] & 0xC0) != 0x80 ||
		    (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xF4 && s[1] >= 0x90)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

/* How many more bytes the (valid so far) sequence at s needs, or 0. */
static size_t utf8_incomplete(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;

	if (!need || avail >= need || c > 0xF4)
		return 0;
	for (size_t i = 1; i < avail; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return need - avail;
}

static int fail(struct decode_error *err, enum decode_status st,
		const struct strbuf *out, const unsigned char *p, size_t n)
{
	err->status = st;
	err->out_offset = out->len;
	err->nbytes = n > sizeof(err->bytes) ? sizeof(err->bytes) : n;
	if (p)
		memcpy(err->bytes, p, err->nbytes);
	return -1;
}

static int looks_like_utf16_without_bom(const unsigned char *s, size_t len)
{
	size_t n = len < 1024 ? len & ~(size_t)1 : 1024, even = 0, odd = 0;

	if (n < 4)
		return 0;
	for (size_t i = 0; i < n; i += 2) {
		even += !s[i];
		odd += !s[i + 1];
	}
	/* mostly-ASCII UTF-16: one byte of each pair is NUL */
	return (odd * 4 >= n && even * 16 < n) ||
	       (even * 4 >= n && odd * 16 < n);
}

static int open_iconv(struct decoder *d, const char *from)
{
	iconv_t cd = iconv_open("UTF-8", from);

	if (cd == (iconv_t)-1)
		return -1;
	d->iconv = (void *)cd;
	return 0;
}

/* Sniffs BOM and magic numbers; returns bytes of BOM to skip, or -1. */
static int sniff(struct decoder *d, const unsigned char *in, size_t len,
		 const struct strbuf *out, struct decode_error *err)
{
	int skip = 0;

	d->sniffed = 1;
	if (len >= 4 && !memcmp(in, "PK\x03\x04", 4))
		return fail(err, DECODE_XLSX, out, NULL, 0);
	if (len >= 8 && !memcmp(in, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
		return fail(err, DECODE_XLS, out, NULL, 0);
	if (len >= 3 && !memcmp(in, "\xEF\xBB\xBF", 3) &&
	    d->forced != KMAP_ENC_CP1252) {
		d->had_bom = 1;
		d->enc = KMAP_ENC_UTF8;
		skip = 3;
	} else if (len >= 2 &&
		   ((in[0] == 0xFF && in[1] == 0xFE) ||
		    (in[0] == 0xFE && in[1] == 0xFF)) &&
		   d->forced != KMAP_ENC_CP1252 && d->forced != KMAP_ENC_UTF8) {
		d->had_bom = 1;
		d->enc = in[0] == 0xFF ? KMAP_ENC_UTF16LE : KMAP_ENC_UTF16BE;
		skip = 2;
	} else if (d->forced == KMAP_ENC_UTF16) {
		d->enc = KMAP_ENC_UTF16LE;
	} else if (d->forced != KMAP_ENC_AUTO) {
		d->enc = d->forced;
	} else if (looks_like_utf16_without_bom(in, len)) {
		return fail(err, DECODE_UTF16_NO_BOM, out, NULL, 0);
	}
	if (d->enc == KMAP_ENC_UTF16LE && open_iconv(d, "UTF-16LE"))
		return -1;
	if (d->enc == KMAP_ENC_UTF16BE && open_iconv(d, "UTF-16BE"))
		return -1;
	return skip;
}

/*
 * Word-at-a-time test: the high bit of each byte that is >= 0x80 or zero
 * (exact for the lowest such byte, which is all the callers use).
 */
static inline uint64_t word_care_mask(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t highs = 0x8080808080808080ULL;

	return (w | ((w - ones) & ~w)) & highs;
}

static inline int word_needs_care(uint64_t w)
{
	return word_care_mask(w) != 0;
}

/*
 * Where the run of plain ASCII (no high bit, no NUL) that starts at i
 * ends: 16 bytes a step where SSE2 is, then a word at a time.
 */
static inline size_t plain_ascii_end(const unsigned char *in, size_t i,
				     size_t len)
{
#ifdef __SSE2__
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(in + i));
		int care = _mm_movemask_epi8(v) |
			   _mm_movemask_epi8(
				   _mm_cmpeq_epi8(v, _mm_setzero_si128()));
		if (care)
			return i + (size_t)__builtin_ctz((unsigned)care);
	}
#endif
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, in + i, 8);
		uint64_t care = word_care_mask(w);
		/* little-endian: the lowest byte first */
		if (care)
			return i + (size_t)__builtin_ctzll(care) / 8;
	}
	while (i < len && in[i] && in[i] < 0x80)
		i++;
	return i;
}

#ifdef __SSE2__
/*
 * Where the run of 16-byte steps that hold only ASCII (no NUL) and whole
 * two-byte sequences (U+0080-U+07FF: å, ä, ö, é) that starts at i ends;
 * *multi is set when a step held a sequence. Swedish text has such a
 * letter every few words, which ends plain_ascii_end()'s run each time.
 * A step that holds anything else, or ends inside a sequence, is left to
 * the byte-at-a-time checks.
 */
static size_t latin_utf8_end(const unsigned char *in, size_t i, size_t len,
			     int *multi)
{
	const __m128i below_c0 = _mm_set1_epi8(-64),
		      above_c1 = _mm_set1_epi8(-63),
		      below_e0 = _mm_set1_epi8(-32);

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(in + i));
		unsigned high = (unsigned)_mm_movemask_epi8(v);
		if (!high) {
			if (_mm_movemask_epi8(
				    _mm_cmpeq_epi8(v, _mm_setzero_si128())))
				break;
			continue;
		}
		/* as signed bytes: 0x80-0xBF continue, 0xC2-0xDF lead */
		unsigned cont = (unsigned)_mm_movemask_epi8(
			_mm_cmplt_epi8(v, below_c0));
		unsigned lead = (unsigned)_mm_movemask_epi8(
			_mm_and_si128(_mm_cmpgt_epi8(v, above_c1),
				      _mm_cmplt_epi8(v, below_e0)));
		if ((cont | lead) != high || cont != ((lead << 1) & 0xFFFF) ||
		    (lead & 0x8000) ||
		    _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())))
			break;
		*multi = 1;
	}
	return i;
}
#endif

/*
 * Validates UTF-8 and appends it. Stops early, with *used < len, when the
 * input ends inside a sequence (more may follow), or when AUTO mode falls
 * back to Windows-1252 at the first invalid sequence.
 */
static int feed_utf8(struct decoder *d, const unsigned char *in, size_t len,
		     int eof, struct strbuf *out, struct decode_error *err,
		     size_t *used)
{
	size_t i = 0;

	*used = 0;
	while (i < len) {
#ifdef __SSE2__
		int multi = 0;
		i = latin_utf8_end(in, i, len, &multi);
		if (multi)
			d->saw_multibyte = 1;
#endif
		i = plain_ascii_end(in, i, len);
		if (i == len)
			break;
		unsigned char c = in[i]; /* NUL or a byte >= 0x80 */
		if (c >= 0xC2 && c <= 0xDF && i + 1 < len &&
		    (in[i + 1] & 0xC0) == 0x80) {
			/* å, ä, ö, é: two bytes, the most common by far */
			d->saw_multibyte = 1;
			i += 2;
			continue;
		}
		if (!c) {
			strbuf_add(out, in, i);
			return fail(err, DECODE_NUL, out, in + i, 1);
		}
		size_t n = utf8_valid_seq(in + i, len - i);
		if (n) {
			d->saw_multibyte = 1;
			i += n;
			continue;
		}
		if (!eof && utf8_incomplete(in + i, len - i))
			break;
		strbuf_add(out, in, i);
		*used = i;
		if (d->forced == KMAP_ENC_AUTO && !d->saw_multibyte) {
			d->enc = KMAP_ENC_CP1252;
			d->fell_back = 1;
			d->fallback_offset = out->len;
			d->fallback_byte = c;
			return 0;
		}
		return fail(err, DECODE_INVALID_UTF8, out, in + i,
			    len - i < 4 ? len - i : 1);
	}
	strbuf_add(out, in, i);
	*used = i;
	return 0;
}

static int check_no_nul(struct strbuf *out, size_t from,
			struct decode_error *err)
{
	const char *nul = memchr(out->buf + from, 0, out->len - from);

	if (!nul)
		return 0;
	strbuf_setlen(out, (size_t)(nul - out->buf));
	return fail(err, DECODE_NUL, out, (const unsigned char *)"\0", 1);
}

/* The UTF-16 code unit at p. */
static inline unsigned utf16_unit(const unsigned char *p, int be)
{
	return be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/*
 * Whether the unit is one that is copied here rather than given to
 * iconv(3): a character from U+0001 to U+07FF (ASCII, and the Latin
 * letters of Swedish and its neighbours: one or two bytes of UTF-8).
 */
static inline int utf16_simple(unsigned u)
{
	return u && u < 0x800;
}

/*
 * Copies the simple units (utf16_simple) from in[*i] on as UTF-8 to o,
 * 8 ASCII units a step where SSE2 is; returns the end of the output.
 */
static char *utf16_copy_simple(const unsigned char *in, size_t len, size_t *i,
			       int be, char *o)
{
	size_t k = *i;

	for (;;) {
#ifdef __SSE2__
		for (; k + 16 <= len; k += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(in + k));
			if (be)
				v = _mm_or_si128(_mm_slli_epi16(v, 8),
						 _mm_srli_epi16(v, 8));
			__m128i ok = _mm_and_si128(
				_mm_cmpgt_epi16(v, _mm_setzero_si128()),
				_mm_cmplt_epi16(v, _mm_set1_epi16(0x80)));
			if (_mm_movemask_epi8(ok) != 0xFFFF)
				break;
			_mm_storel_epi64((__m128i *)o, _mm_packus_epi16(v, v));
			o += 8;
		}
#endif
		if (k + 1 >= len)
			break;
		unsigned u = utf16_unit(in + k, be);
		if (!utf16_simple(u))
			break;
		if (u < 0x80) {
			*o++ = (char)u;
		} else {
			*o++ = (char)(0xC0 | u >> 6);
			*o++ = (char)(0x80 | (u & 0x3F));
		}
		k += 2;
	}
	*i = k;
	return o;
}

/*
 * Gives iconv(3) in[0..len), a run of units that are not utf16_simple()
 * (or the fed input's odd last byte), appending to out; stops before an
 * incomplete tail unless eof. Returns 0 with *used set, or -1 with err
 * set. last: whether in ends where the fed input ends (else a simple unit
 * follows, so a sequence cut off there is invalid, not incomplete).
 */
static int iconv_run(struct decoder *d, const unsigned char *in, size_t len,
		     int last, int eof, struct strbuf *out, size_t from,
		     struct decode_error *err, size_t *used)
{
	char *ip = (char *)in;
	size_t ileft = len;

	while (ileft) {
		strbuf_grow(out, ileft * 2 + 16);
		char *op = out->buf + out->len;
		size_t oleft = out->alloc - out->len - 1;
		size_t r = iconv((iconv_t)d->iconv, &ip, &ileft, &op, &oleft);
		strbuf_setlen(out, (size_t)(op - out->buf));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (check_no_nul(out, from, err))
			return -1;
		if (errno == EINVAL && last && !eof)
			break;
		return fail(err, DECODE_INVALID_UTF16, out,
			    (const unsigned char *)ip, ileft < 2 ? ileft : 2);
	}
	*used = (size_t)(ip - (char *)in);
	return 0;
}

/*
 * Decodes UTF-16. The characters below U+0800, nearly all of an export,
 * are copied here; each run of other units (surrogates, U+0800 and up,
 * NUL) goes to iconv(3), which decodes and checks everything else.
 */
static int feed_iconv(struct decoder *d, const unsigned char *in, size_t len,
		      int eof, struct strbuf *out, struct decode_error *err,
		      size_t *used)
{
	int be = d->enc == KMAP_ENC_UTF16BE;
	size_t from = out->len, i = 0;

	*used = 0;
	/* at most 2 bytes of UTF-8 a unit, and 8 bytes a step */
	strbuf_grow(out, len + 16);
	while (i < len) {
		char *o =
			utf16_copy_simple(in, len, &i, be, out->buf + out->len);
		strbuf_setlen(out, (size_t)(o - out->buf));
		size_t e = i, n;
		while (e + 1 < len && !utf16_simple(utf16_unit(in + e, be)))
			e += 2;
		if (e + 1 >= len)
			e = len; /* to the end, an odd last byte included */
		if (e == i)
			break;
		if (iconv_run(d, in + i, e - i, e == len, eof, out, from, err,
			      &n))
			return -1;
		i += n;
		if (i < e)
			break; /* cut off by the end of what was fed */
		strbuf_grow(out, len - i + 16);
	}
	*used = i;
	return check_no_nul(out, from, err);
}

/*
 * Windows-1252 is one byte per character, so iconv(3) is asked once for
 * each of the 128 upper bytes and the answers kept in a table: the
 * mapping is glibc's, and decoding runs at the speed of a table lookup.
 */
struct cp1252_map {
	unsigned char utf8[128][4]; /* utf8[b - 0x80], NUL-padded */
	unsigned char len[128];	    /* 0: undefined in Windows-1252 */
};

static struct cp1252_map cp1252;

static void build_cp1252_map(void)
{
	struct cp1252_map *map = &cp1252;
	iconv_t cd = iconv_open("UTF-8", "CP1252");
	for (int b = 0x80; b <= 0xFF && cd != (iconv_t)-1; b++) {
		char in = (char)b, *ip = &in, *op = (char *)map->utf8[b - 0x80];
		size_t il = 1, ol = 4;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			map->len[b - 0x80] = (unsigned char)(4 - ol);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
}

/* Built once, also when two readers (split.h) start at the same time. */
static const struct cp1252_map *cp1252_map(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, build_cp1252_map);
	return &cp1252;
}

/*
 * Bytes that Windows-1252 reads as characters Swedish text hardly ever
 * has (†, ‡, ƒ, ˆ, ‰, Š, ‹, Œ, Ž, š, ›, œ, ž, Ÿ): a DOS code page's
 * letters (437 and 850 put å at 0x86) read in the wrong encoding.
 */
static int cp1252_unusual(unsigned char c)
{
	static const unsigned char rare[] = { 0x83, 0x86, 0x87, 0x88, 0x89,
					      0x8A, 0x8B, 0x8C, 0x8E, 0x9A,
					      0x9B, 0x9C, 0x9E, 0x9F };

	return memchr(rare, c, sizeof(rare)) != NULL;
}

/*
 * Decodes Windows-1252. In a file that fell back to it from UTF-8, a
 * valid multi-byte UTF-8 sequence means two encodings are mixed: error.
 * Stops before a UTF-8 prefix cut off by the end of the input, unless eof.
 */
static int feed_cp1252(struct decoder *d, const unsigned char *in, size_t len,
		       int eof, struct strbuf *out, struct decode_error *err,
		       size_t *used)
{
	const struct cp1252_map *map = cp1252_map();
	size_t i = 0;

	/* 3 bytes of UTF-8 a byte at most, and room for a whole step */
	strbuf_grow(out, len * 3 + 16);
	unsigned char *o = (unsigned char *)out->buf + out->len;
	while (i < len) {
#ifdef __SSE2__
		/* 16 ASCII bytes a step: the step is stored whole, and o
		 * moves on by the ASCII bytes at its start */
		if (i + 16 <= len) {
			__m128i v = _mm_loadu_si128((const __m128i *)(in + i));
			unsigned care =
				(unsigned)(_mm_movemask_epi8(v) |
					   _mm_movemask_epi8(_mm_cmpeq_epi8(
						   v, _mm_setzero_si128())));
			_mm_storeu_si128((__m128i *)o, v);
			size_t k = care ? (size_t)__builtin_ctz(care) : 16;
			o += k;
			i += k;
			if (k == 16)
				continue;
		}
#else
		if (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, in + i, 8);
			if (!word_needs_care(w)) {
				memcpy(o, in + i, 8);
				o += 8;
				i += 8;
				continue;
			}
		}
#endif
		unsigned char c = in[i];
		if (c && c < 0x80) {
			*o++ = c;
			i++;
			continue;
		}
		strbuf_setlen(out, (size_t)(o - (unsigned char *)out->buf));
		if (!c)
			return fail(err, DECODE_NUL, out, in + i, 1);
		if (d->fell_back && c >= 0xC2) {
			size_t n = utf8_valid_seq(in + i, len - i);
			if (n > 1)
				return fail(err, DECODE_MIXED, out, in + i, n);
			if (!eof && utf8_incomplete(in + i, len - i))
				break;
		}
		if (!map->len[c - 0x80])
			return fail(err, DECODE_INVALID_CP1252, out, in + i, 1);
		if (!d->saw_unusual && cp1252_unusual(c)) {
			d->saw_unusual = 1;
			d->unusual_byte = c;
			d->unusual_offset =
				(size_t)(o - (unsigned char *)out->buf);
		}
		memcpy(o, map->utf8[c - 0x80], 4); /* NUL-padded */
		o += map->len[c - 0x80];
		i++;
	}
	strbuf_setlen(out, (size_t)(o - (unsigned char *)out->buf));
	*used = i;
	return 0;
}

int decoder_feed(struct decoder *d, const unsigned char *in, size_t len,
		 int eof, struct strbuf *out, struct decode_error *err,
		 size_t *used)
{
	size_t off = 0, n = 0;

	err->status = DECODE_OK;
	*used = 0;
	if (!d->sniffed) {
		int skip = sniff(d, in, len, out, err);
		if (skip < 0)
			return -1;
		off = (size_t)skip;
	}
	if (d->enc == KMAP_ENC_UTF8 || d->enc == KMAP_ENC_AUTO) {
		if (feed_utf8(d, in + off, len - off, eof, out, err, &n))
			return -1;
		off += n;
		if (!d->fell_back || off == len) {
			*used = off;
			return 0;
		}
	}
	if (d->enc == KMAP_ENC_CP1252) {
		if (feed_cp1252(d, in + off, len - off, eof, out, err, &n))
			return -1;
	} else if (feed_iconv(d, in + off, len - off, eof, out, err, &n)) {
		return -1;
	}
	*used = off + n;
	return 0;
}
