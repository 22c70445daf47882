/* The decoder: BOMs, UTF-16, Windows-1252 fallback, mixed files, NUL,
 * Excel workbooks, fed whole and one byte at a time. */
#include "helpers.h"

#include "kmap/encoding.h"

struct result {
	int rc;
	enum decode_status status;
	struct strbuf out;
	struct decoder d;
};

/* Feeds in pieces of `step` bytes, keeping unconsumed bytes like csvin. */
static void decode(struct result *r, const char *in, size_t len, size_t step,
		   enum kmap_encoding forced)
{
	unsigned char buf[4096];
	size_t have = 0, pos = 0;
	struct decode_error err;

	strbuf_init(&r->out);
	decoder_init(&r->d, forced);
	r->rc = 0;
	r->status = DECODE_OK;
	/* the first feed sees everything up to 4 KiB, as csvin does */
	size_t first = len < sizeof(buf) ? len : sizeof(buf);
	for (;;) {
		size_t take = r->d.sniffed ? step : first;
		if (take > len - pos)
			take = len - pos;
		memcpy(buf + have, in + pos, take);
		have += take;
		pos += take;
		size_t used;
		int eof = pos == len;
		if (decoder_feed(&r->d, buf, have, eof, &r->out, &err, &used)) {
			r->rc = -1;
			r->status = err.status;
			break;
		}
		memmove(buf, buf + used, have - used);
		have -= used;
		if (eof)
			break;
	}
	decoder_release(&r->d);
}

static void check(const char *in, size_t len, enum kmap_encoding forced,
		  int want_rc, enum decode_status want_status,
		  const char *want_out, enum kmap_encoding want_enc)
{
	static const size_t steps[] = { 1, 2, 3, 7, 4096 };

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct result r;
		decode(&r, in, len, steps[i], forced);
		assert_int_equal(r.rc, want_rc);
		assert_int_equal(r.status, want_status);
		if (want_out)
			assert_string_equal(r.out.buf, want_out);
		if (!want_rc)
			assert_int_equal(r.d.enc, want_enc);
		strbuf_release(&r.out);
	}
}

#define S(lit) lit, sizeof(lit) - 1

static void utf8_plain_and_bom(void **state)
{
	(void)state;
	check(S("yrke;år\nSjuksköterska;2021\n"), KMAP_ENC_AUTO, 0, DECODE_OK,
	      "yrke;år\nSjuksköterska;2021\n", KMAP_ENC_AUTO);
	check(S("\xEF\xBB\xBF\"yrke\";x\n"), KMAP_ENC_AUTO, 0, DECODE_OK,
	      "\"yrke\";x\n", KMAP_ENC_UTF8);
}

/* What needs a look is found at every place of a long ASCII run: in the
 * first 16-byte step, the next, the word steps and the last bytes. */
static void utf8_at_every_place(void **state)
{
	(void)state;
	for (size_t at = 0; at <= 40; at++) {
		char in[64], want[64];
		memset(in, 'a', 41);
		in[41] = '\n';
		/* a letter of two bytes is kept, in a forced UTF-8 file */
		memcpy(want, in, 42);
		memcpy(in + at, "\xC3\xB6", 2);
		memcpy(want + at, "\xC3\xB6", 2);
		want[42] = '\0';
		check(in, 42, KMAP_ENC_UTF8, 0, DECODE_OK, want, KMAP_ENC_UTF8);
		/* a NUL and an invalid byte are errors */
		memset(in, 'a', 41);
		in[at] = '\0';
		check(in, 42, KMAP_ENC_UTF8, -1, DECODE_NUL, NULL, 0);
		in[at] = (char)0xFF;
		check(in, 42, KMAP_ENC_UTF8, -1, DECODE_INVALID_UTF8, NULL, 0);
	}
}

static void utf16_with_bom(void **state)
{
	(void)state;
	/* "Ö\tB\r\n" in UTF-16LE and UTF-16BE */
	check(S("\xFF\xFE\xD6\x00\t\x00\x42\x00\r\x00\n\x00"), KMAP_ENC_AUTO, 0,
	      DECODE_OK, "Ö\tB\r\n", KMAP_ENC_UTF16LE);
	check(S("\xFE\xFF\x00\xD6\x00\t\x00\x42\x00\r\x00\n"), KMAP_ENC_AUTO, 0,
	      DECODE_OK, "Ö\tB\r\n", KMAP_ENC_UTF16BE);
}

static void cp1252_fallback(void **state)
{
	(void)state;
	check(S("yrke;l\xE4ge\n\xD6vertalighet;\x96\n"), KMAP_ENC_AUTO, 0,
	      DECODE_OK, "yrke;läge\nÖvertalighet;–\n", KMAP_ENC_CP1252);
}

static void mixed_files_are_errors(void **state)
{
	(void)state;
	/* UTF-8 first, then a Windows-1252 byte */
	check(S("\xC3\xA5r\n\xD6ver\n"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "år\n", KMAP_ENC_AUTO);
	/* Windows-1252 first, then valid UTF-8 */
	check(S("\xE5r\n\xC3\xA5r\n"), KMAP_ENC_AUTO, -1, DECODE_MIXED, "år\n",
	      KMAP_ENC_AUTO);
	/* forced UTF-8 never falls back */
	check(S("ab\xD6\n"), KMAP_ENC_UTF8, -1, DECODE_INVALID_UTF8, "ab",
	      KMAP_ENC_AUTO);
	/* forced Windows-1252 reads UTF-8 bytes as two characters */
	check(S("\xC3\xA5"), KMAP_ENC_CP1252, 0, DECODE_OK, "Ã¥",
	      KMAP_ENC_CP1252);
}

static void bad_bytes(void **state)
{
	(void)state;
	check(S("a,b\0c\n"), KMAP_ENC_AUTO, -1, DECODE_NUL, "a,b",
	      KMAP_ENC_AUTO);
	check(S("PK\x03\x04\x14\x00\x06\x00"), KMAP_ENC_AUTO, -1, DECODE_XLSX,
	      "", KMAP_ENC_AUTO);
	check(S("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), KMAP_ENC_AUTO, -1,
	      DECODE_XLS, "", KMAP_ENC_AUTO);
	check(S("y\0r\0k\0e\0\t\0x\0\r\0\n\0"), KMAP_ENC_AUTO, -1,
	      DECODE_UTF16_NO_BOM, "", KMAP_ENC_AUTO);
	/* overlong and surrogate encodings are not UTF-8 */
	check(S("\xC3\xA5\xC0\xAF"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xED\xA0\x80"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	/* a sequence cut off by the end of the file */
	check(S("\xC3\xA5\xE2\x80"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	/* 0x81 is not a Windows-1252 character */
	check(S("\xE5\x81"), KMAP_ENC_AUTO, -1, DECODE_INVALID_CP1252, NULL,
	      KMAP_ENC_AUTO);
	/* an unpaired surrogate in UTF-16 */
	check(S("\xFF\xFE\x00\xD8\x41\x00"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF16, "", KMAP_ENC_AUTO);
}

static void utf8_edges(void **state)
{
	(void)state;
	/* four-byte sequences: valid, overlong, above U+10FFFF, cut short */
	check(S("a\xF0\x9F\x98\x80"
		"b"),
	      KMAP_ENC_AUTO, 0, DECODE_OK,
	      "a\xF0\x9F\x98\x80"
	      "b",
	      KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xF0\x8F\xBF\xBF"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF8, "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xF4\x90\x80\x80"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF8, "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xF0\x9F\x98"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	/* a three-byte overlong form */
	check(S("\xC3\xA5\xE0\x80\xAF"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	/* a bad continuation byte in each position */
	check(S("\xC3\xA5\xE2\x41\x80"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xE2\x80\x41"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xF0\x41\x98\x80"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF8, "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xF0\x9F\x41\x80"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF8, "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xF0\x9F\x98\x41"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF8, "å", KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xC3\x41"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8,
	      "å", KMAP_ENC_AUTO);
	/* the edges that are valid: U+D7FF, U+E000, U+10FFFF, U+0800 */
	check(S("\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF\xE0\xA0\x80"),
	      KMAP_ENC_AUTO, 0, DECODE_OK,
	      "\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF\xE0\xA0\x80",
	      KMAP_ENC_AUTO);
	/* bytes that never start a sequence */
	check(S("\xC3\xA5\x80"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8, "å",
	      KMAP_ENC_AUTO);
	check(S("\xC3\xA5\xFF"), KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF8, "å",
	      KMAP_ENC_AUTO);
}

static void nul_through_transcoding(void **state)
{
	(void)state;
	/* a NUL character is an error in every encoding */
	check(S("\xFF\xFE"
		"a\0\0\0b\0"),
	      KMAP_ENC_AUTO, -1, DECODE_NUL, "a", KMAP_ENC_AUTO);
	check(S("a\xE5\0b"), KMAP_ENC_CP1252, -1, DECODE_NUL, "aå",
	      KMAP_ENC_AUTO);
	/* an odd number of UTF-16 bytes: the last one is cut off */
	check(S("\xFF\xFE"
		"a\0b"),
	      KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF16, "a", KMAP_ENC_AUTO);
	/* forced UTF-16 without a BOM is little-endian */
	check(S("a\0b\0"), KMAP_ENC_UTF16, 0, DECODE_OK, "ab",
	      KMAP_ENC_UTF16LE);
}

/* Text of two-byte letters is checked 16 bytes a step: what breaks it
 * (a lone continuation byte, a lead byte before ASCII, an overlong lead)
 * and what is valid but not two bytes (€), at every place of a run of
 * å and ASCII, the step boundaries included */
static void utf8_latin_at_every_place(void **state)
{
	(void)state;
	for (size_t at = 0; at < 48; at++) {
		char in[128], want[128];
		size_t n = 0;
		for (size_t k = 0; n < 96; k++) {
			if (k % 3) {
				memcpy(in + n, "\xC3\xA5", 2);
				n += 2;
			} else {
				in[n++] = 'a';
			}
		}
		in[n++] = '\n';
		/* the byte at `at` is replaced where it starts a character */
		size_t p = at;
		while (p && ((unsigned char)in[p] & 0xC0) == 0x80)
			p--;
		memcpy(want, in, n);
		want[n] = '\0';
		check(in, n, KMAP_ENC_UTF8, 0, DECODE_OK, want, KMAP_ENC_UTF8);
		char bad[128];
		memcpy(bad, in, n);
		bad[p] = (char)0x80;
		check(bad, n, KMAP_ENC_UTF8, -1, DECODE_INVALID_UTF8, NULL, 0);
		memcpy(bad, in, n);
		bad[p] = (char)0xC3;
		bad[p + 1] = 'b';
		check(bad, n, KMAP_ENC_UTF8, -1, DECODE_INVALID_UTF8, NULL, 0);
		memcpy(bad, in, n);
		bad[p] = (char)0xC1;
		bad[p + 1] = (char)0xBF;
		check(bad, n, KMAP_ENC_UTF8, -1, DECODE_INVALID_UTF8, NULL, 0);
		/* € for "aå" or "åa" (three bytes either way) stays valid */
		if (((unsigned char)in[p + 3] & 0xC0) == 0x80)
			continue; /* the three bytes end inside an å */
		memcpy(bad, in, n);
		memcpy(bad + p, "\xE2\x82\xAC", 3);
		memcpy(want, bad, n);
		want[n] = '\0';
		check(bad, n, KMAP_ENC_UTF8, 0, DECODE_OK, want, KMAP_ENC_UTF8);
	}
}

/* UTF-16's ASCII units are copied and the rest decoded by iconv: every
 * kind of unit beside ASCII ones, in both byte orders */
static void utf16_runs(void **state)
{
	(void)state;
	/* Örebro; a surrogate pair (U+1F600) between ASCII; a dash */
	check(S("\xFF\xFE\xD6\0r\0e\0b\0r\0o\0,\0=\xD8\0\xDE!\0"
		"\x13\x20x\0"),
	      KMAP_ENC_AUTO, 0, DECODE_OK,
	      "Örebro,\xF0\x9F\x98\x80!\xE2\x80\x93x", KMAP_ENC_UTF16LE);
	check(S("\xFE\xFF\0\xD6\0r\xD8=\xDE\0\0!\x20\x13"), KMAP_ENC_AUTO, 0,
	      DECODE_OK, "Ör\xF0\x9F\x98\x80!\xE2\x80\x93", KMAP_ENC_UTF16BE);
	/* a low surrogate alone, then ASCII; a high one at the very end */
	check(S("\xFF\xFE"
		"a\0\x00\xDC"
		"b\0"),
	      KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF16, "a", KMAP_ENC_AUTO);
	check(S("\xFF\xFE"
		"a\0b\0\x00\xD8"),
	      KMAP_ENC_AUTO, -1, DECODE_INVALID_UTF16, "ab", KMAP_ENC_AUTO);
	/* a high surrogate followed by a non-ASCII unit that is no pair */
	check(S("\xFE\xFF\0a\xD8\0\0\xE5\0b"), KMAP_ENC_AUTO, -1,
	      DECODE_INVALID_UTF16, "a", KMAP_ENC_AUTO);
	/* a NUL unit between ASCII ones */
	check(S("\xFE\xFF\0a\0\0\0b"), KMAP_ENC_AUTO, -1, DECODE_NUL, "a",
	      KMAP_ENC_AUTO);
}

/* 8 ASCII units are copied a step: a unit that is not ASCII (Ö, a dash
 * or NUL) at every place of a run, in both byte orders */
static void utf16_steps(void **state)
{
	static const unsigned units[] = { 0xD6, 0x2013, 0 };
	static const char *const utf8[] = { "Ö", "\xE2\x80\x93", "" };

	(void)state;
	for (int be = 0; be < 2; be++)
		for (size_t u = 0; u < 3; u++)
			for (size_t at = 0; at < 40; at++) {
				char in[2 + 2 * 41], want[64];
				size_t n = 0, w = 0;
				in[n++] = (char)(be ? 0xFE : 0xFF);
				in[n++] = (char)(be ? 0xFF : 0xFE);
				for (size_t k = 0; k < 41; k++) {
					unsigned c = k == at ? units[u]
							     : 'a' + k % 26;
					in[n++] =
						(char)(be ? c >> 8 : c & 0xFF);
					in[n++] =
						(char)(be ? c & 0xFF : c >> 8);
					if (k == at && !units[u])
						break;
					if (k == at) {
						strcpy(want + w, utf8[u]);
						w += strlen(utf8[u]);
					} else {
						want[w++] = (char)c;
					}
				}
				want[w] = '\0';
				check(in, n, KMAP_ENC_AUTO, units[u] ? 0 : -1,
				      units[u] ? DECODE_OK : DECODE_NUL, want,
				      units[u] ? (be ? KMAP_ENC_UTF16BE
						     : KMAP_ENC_UTF16LE)
					       : KMAP_ENC_AUTO);
			}
}

/* The same for Windows-1252, 16 bytes a step: å and € (three bytes of
 * UTF-8) at every place of a run, a NUL, and 0x81 (no character) */
static void cp1252_at_every_place(void **state)
{
	(void)state;
	for (size_t at = 0; at <= 40; at++) {
		char in[64], want[64];
		memset(in, 'a', 41);
		in[41] = '\n';
		in[at] = (char)0xE5;
		memcpy(want, in, at);
		memcpy(want + at, "å", 2);
		memcpy(want + at + 2, in + at + 1, 41 - at);
		want[43] = '\0';
		check(in, 42, KMAP_ENC_CP1252, 0, DECODE_OK, want,
		      KMAP_ENC_CP1252);
		in[at] = (char)0x80;
		memcpy(want + at, "\xE2\x82\xAC", 3);
		memcpy(want + at + 3, in + at + 1, 41 - at);
		want[44] = '\0';
		check(in, 42, KMAP_ENC_CP1252, 0, DECODE_OK, want,
		      KMAP_ENC_CP1252);
		in[at] = '\0';
		check(in, 42, KMAP_ENC_CP1252, -1, DECODE_NUL, NULL, 0);
		in[at] = (char)0x81;
		check(in, 42, KMAP_ENC_CP1252, -1, DECODE_INVALID_CP1252, NULL,
		      0);
	}
}

static void decoder_mid_file(void **state)
{
	struct decoder d;
	struct strbuf out = STRBUF_INIT;
	struct decode_error err;
	size_t used;

	(void)state;
	/* a decoder that starts where the file already fell back */
	decoder_init_at(&d, KMAP_ENC_AUTO, KMAP_ENC_CP1252, 0, 1);
	assert_int_equal(decoder_ready(&d), 0);
	assert_int_equal(decoder_feed(&d, (const unsigned char *)"\xD6\xC3\xA5",
				      3, 1, &out, &err, &used),
			 -1);
	assert_int_equal(err.status, DECODE_MIXED);
	assert_string_equal(out.buf, "Ö");
	decoder_release(&d);
	strbuf_release(&out);
	decoder_init_at(&d, KMAP_ENC_AUTO, KMAP_ENC_UTF16BE, 0, 0);
	assert_int_equal(decoder_ready(&d), 0);
	assert_int_equal(decoder_feed(&d, (const unsigned char *)"\0\xD6", 2, 1,
				      &out, &err, &used),
			 0);
	assert_string_equal(out.buf, "Ö");
	decoder_release(&d);
	strbuf_release(&out);
	assert_string_equal(encoding_name(KMAP_ENC_UTF16LE, 1), "utf-16le");
	assert_string_equal(encoding_name(KMAP_ENC_UTF16BE, 1), "utf-16be");
	assert_string_equal(encoding_name(KMAP_ENC_CP1252, 0), "cp1252");
}

static void names(void **state)
{
	enum kmap_encoding e;

	(void)state;
	assert_int_equal(encoding_from_name("CP1252", &e), 0);
	assert_int_equal(e, KMAP_ENC_CP1252);
	assert_int_equal(encoding_from_name("latin9", &e), -1);
	assert_string_equal(encoding_name(KMAP_ENC_UTF8, 1), "utf-8-bom");
	assert_string_equal(encoding_name(KMAP_ENC_AUTO, 0), "utf-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_plain_and_bom),
		cmocka_unit_test(utf8_at_every_place),
		cmocka_unit_test(utf16_with_bom),
		cmocka_unit_test(utf8_latin_at_every_place),
		cmocka_unit_test(utf16_runs),
		cmocka_unit_test(utf16_steps),
		cmocka_unit_test(cp1252_at_every_place),
		cmocka_unit_test(cp1252_fallback),
		cmocka_unit_test(mixed_files_are_errors),
		cmocka_unit_test(bad_bytes),
		cmocka_unit_test(utf8_edges),
		cmocka_unit_test(nul_through_transcoding),
		cmocka_unit_test(decoder_mid_file),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
