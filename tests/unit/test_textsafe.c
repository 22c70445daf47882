/*
 * Text that is safe to show (textsafe.h): what is escaped, and that the
 * rest, Swedish letters included, is copied as it is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kmap/textsafe.h"

static void check(const char *in, size_t len, unsigned flags, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	text_escape(in, len, flags, &out);
	assert_string_equal(out.buf, want);
	assert_int_equal(text_needs_escape(in, len, flags),
			 strcmp(in, want) != 0 || len != strlen(in));
	strbuf_release(&out);
}

#define CHECK(in, flags, want) check(in, sizeof(in) - 1, flags, want)

static void test_plain_text_kept(void **state)
{
	(void)state;
	CHECK("Östra Göinge kommun", 0, "Östra Göinge kommun");
	CHECK("Sjuksköterska – specialist", 0, "Sjuksköterska – specialist");
	CHECK("", 0, "");
}

static void test_bytes_that_are_not_utf8(void **state)
{
	(void)state;
	CHECK("\x99rebro.csv", 0, "\\x99rebro.csv"); /* CP437 Ö */
	CHECK("\xD6rebro.csv", 0, "\\xD6rebro.csv"); /* Latin-1 Ö */
	CHECK("a\xC3", 0, "a\\xC3");		     /* a cut character */
	CHECK("\xED\xA0\x80", 0, "\\xED\\xA0\\x80"); /* a surrogate */
	CHECK("\xC0\xAF", 0, "\\xC0\\xAF");	     /* overlong */
}

static void test_controls(void **state)
{
	(void)state;
	CHECK("a\nb\tc\rd", 0, "a\\nb\\tc\\rd");
	CHECK("a\nb\tc\rd", TEXT_KEEP_TAB_LF, "a\nb\tc\\rd");
	CHECK("\x1B[2J", 0, "\\x1B[2J");
	CHECK("x\x7Fy", 0, "x\\x7Fy");
	CHECK("\xC2\x9B"
	      "31m",
	      0, "\\u009B31m"); /* C1 CSI */
	CHECK("\xC2\x85", 0, "\\u0085");
	CHECK("\xC2\xA0", 0, "\xC2\xA0"); /* NBSP is text */
}

static void test_bidi_and_noncharacters(void **state)
{
	(void)state;
	CHECK("Region \xE2\x80\xAE"
	      "adnalloh",
	      0, "Region \\u202Eadnalloh");
	CHECK("\xE2\x81\xA6x\xE2\x81\xA9", 0, "\\u2066x\\u2069");
	CHECK("\xE2\x80\x8F", 0, "\\u200F");
	CHECK("\xEF\xBF\xBE\xEF\xBF\xBF", 0, "\\uFFFE\\uFFFF");
	assert_true(text_is_bidi_control(0x202E));
	assert_false(text_is_bidi_control(0x2013));
}

static void test_text_safe(void **state)
{
	struct strbuf buf = STRBUF_INIT;
	const char *plain = "Kalmar län";

	(void)state;
	assert_ptr_equal(text_safe(plain, &buf), plain);
	assert_string_equal(text_safe("a\x01", &buf), "a\\x01");
	strbuf_release(&buf);
}

/* An XLSX part: only what XML 1.0 cannot hold is escaped. */
static void test_xml(void **state)
{
	(void)state;
	CHECK("a\tb\nc\rd", TEXT_XML, "a\tb\nc\rd");
	CHECK("a\x01"
	      "b\x1F",
	      TEXT_XML, "a\\x01b\\x1F");
	CHECK("\xEF\xBF\xBE|\xEF\xBF\xBF", TEXT_XML, "\\uFFFE|\\uFFFF");
	CHECK("\xD6rebro", TEXT_XML, "\\xD6rebro");
	/* content XML can hold: a comment's bidi control, DEL, U+FFFD */
	CHECK("x\xE2\x80\xAEy\x7F\xEF\xBF\xBD", TEXT_XML,
	      "x\xE2\x80\xAEy\x7F\xEF\xBF\xBD");
}

static void test_has_bidi_control(void **state)
{
	(void)state;
	assert_true(text_has_bidi_control("a\xE2\x80\xAE", 4));
	assert_true(text_has_bidi_control("\xE2\x81\xA6", 3));
	assert_true(text_has_bidi_control("\xE2\x80\x8E", 3));
	assert_true(text_has_bidi_control("\xD8\x9C", 2));
	/* a cut sequence, and neighbours that are text */
	assert_false(text_has_bidi_control("\xE2\x80", 2));
	assert_false(text_has_bidi_control("\xE2\x80\x93", 3)); /* – */
	assert_false(text_has_bidi_control("\xE2\x81\xA5", 3));
	assert_false(text_has_bidi_control("\xD8\x9D", 2));
	assert_false(text_has_bidi_control("Örebro", strlen("Örebro")));
}

/* A quoted value: whole up to the cap, else cut before a character. */
static void test_quote_cut(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	/* at most TEXT_QUOTE_MAX characters: all of it, UTF-8 or not */
	for (int i = 0; i < TEXT_QUOTE_MAX; i++)
		strbuf_addstr(&sb, "\xc3\xa5");
	assert_int_equal(text_quote_cut(sb.buf, sb.len, TEXT_QUOTE_MAX,
					TEXT_QUOTE_SHOWN),
			 sb.len);
	/* one more: the first TEXT_QUOTE_SHOWN characters, whole */
	strbuf_addch(&sb, 'x');
	assert_int_equal(text_quote_cut(sb.buf, sb.len, TEXT_QUOTE_MAX,
					TEXT_QUOTE_SHOWN),
			 2 * TEXT_QUOTE_SHOWN);
	/* a cut that would part a letter from its combining marks comes
	 * before the letter */
	strbuf_reset(&sb);
	for (int i = 0; i < TEXT_QUOTE_SHOWN - 1; i++)
		strbuf_addch(&sb, 't');
	for (int i = 0; i < 60; i++)
		strbuf_addstr(&sb, "e\xcc\x81\xcc\xa3");
	assert_int_equal(text_quote_cut(sb.buf, sb.len, TEXT_QUOTE_MAX,
					TEXT_QUOTE_SHOWN),
			 TEXT_QUOTE_SHOWN - 1);
	/* a name of marks only: cut at a character all the same */
	strbuf_reset(&sb);
	for (int i = 0; i < 200; i++)
		strbuf_addstr(&sb, "\xcc\x81");
	assert_int_equal(text_quote_cut(sb.buf, sb.len, TEXT_QUOTE_MAX,
					TEXT_QUOTE_SHOWN),
			 2 * TEXT_QUOTE_SHOWN);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_kept),
		cmocka_unit_test(test_bytes_that_are_not_utf8),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_bidi_and_noncharacters),
		cmocka_unit_test(test_text_safe),
		cmocka_unit_test(test_xml),
		cmocka_unit_test(test_has_bidi_control),
		cmocka_unit_test(test_quote_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
