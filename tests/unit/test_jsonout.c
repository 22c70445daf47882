/*
 * The JSON writer (jsonout.h): what cJSON copies as it is but kmap writes
 * as \u escapes, the indentation of a streamed document, and the numbers
 * kmap formats itself (counts and ratios).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kmap/agg.h"
#include "kmap/jsonout.h"
#include "kmap/scale.h"
#include "kmap/strbuf.h"

/* What json_print() writes for an object with one string member. */
static char *printed(const char *value)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "k", value);
	json_print(fp, o);
	fclose(fp);
	cJSON_Delete(o);
	return buf;
}

static void check_printed(const char *value, const char *want)
{
	char *got = printed(value);

	assert_string_equal(got, want);
	free(got);
}

static void test_controls_escaped(void **state)
{
	(void)state;
	check_printed("a\x7f"
		      "b",
		      "{\n\t\"k\":\t\"a\\u007fb\"\n}\n");
	check_printed("\xc2\x85", "{\n\t\"k\":\t\"\\u0085\"\n}\n");
	check_printed("\xd8\x9c", "{\n\t\"k\":\t\"\\u061c\"\n}\n");
	check_printed("x\xe2\x80\xaey", "{\n\t\"k\":\t\"x\\u202ey\"\n}\n");
	check_printed("\xef\xbf\xbe\xef\xbf\xbf",
		      "{\n\t\"k\":\t\"\\ufffe\\uffff\"\n}\n");
}

static void test_letters_kept(void **state)
{
	(void)state;
	/* å, ä, ö, an en dash and a no-break space stay as they are */
	check_printed(
		"Örebro län – \xc2\xa0sjuksköterska",
		"{\n\t\"k\":\t\"Örebro län – \xc2\xa0sjuksköterska\"\n}\n");
	/* a cut-off sequence at the end is copied, not read past */
	check_printed("\xe2\x80", "{\n\t\"k\":\t\"\xe2\x80\"\n}\n");
}

static void test_stream_indents_items(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct json_stream js;
	cJSON *item = cJSON_CreateObject();

	(void)state;
	cJSON_AddStringToObject(item, "name", "Kumla\xe2\x80\xae");
	json_stream_begin(&js, fp);
	json_stream_member(&js, "schema", cJSON_CreateString("x/1"));
	json_stream_array_begin(&js, "groups");
	json_stream_array_item(&js, item);
	json_stream_array_item(&js, cJSON_CreateNumber(2));
	json_stream_array_end(&js);
	json_stream_end(&js);
	fclose(fp);
	assert_string_equal(buf, "{\n\t\"schema\":\t\"x/1\",\n"
				 "\t\"groups\":\t[{\n"
				 "\t\t\t\"name\":\t\"Kumla\\u202e\"\n"
				 "\t\t}, 2]\n}\n");
	free(buf);
}

/* cJSON's own print of v with depth tabs after every line break. */
static char *reindented(const cJSON *v, int depth)
{
	char *plain = cJSON_Print(v);
	struct strbuf want = STRBUF_INIT;

	for (const char *p = plain; *p; p++) {
		strbuf_addch(&want, *p);
		if (*p == '\n')
			for (int k = 0; k < depth; k++)
				strbuf_addch(&want, '\t');
	}
	cJSON_free(plain);
	return strbuf_detach(&want, NULL);
}

/* A value of every shape: nested objects and arrays, empty ones, and
 * more than the 4 KiB json_print_to() starts with. */
static cJSON *every_shape(void)
{
	cJSON *v = cJSON_CreateObject(), *arr = cJSON_CreateArray();

	cJSON_AddStringToObject(v, "name", "Sjuksköterska");
	cJSON_AddItemToObject(v, "none", cJSON_CreateObject());
	cJSON_AddItemToObject(v, "empty", cJSON_CreateArray());
	for (int i = 0; i < 600; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "i", i);
		cJSON_AddItemToObject(o, "in", cJSON_CreateArray());
		cJSON_AddItemToArray(cJSON_GetObjectItem(o, "in"),
				     cJSON_CreateObject());
		cJSON_AddItemToArray(arr, o);
	}
	cJSON_AddItemToObject(v, "items", arr);
	return v;
}

static void test_print_at_depth(void **state)
{
	cJSON *v = every_shape();

	(void)state;
	for (int depth = 0; depth <= 3; depth++) {
		struct strbuf out = STRBUF_INIT;
		char *want = reindented(v, depth);
		strbuf_addstr(&out, "x");
		json_print_to(&out, v, depth);
		assert_string_equal(out.buf + 1, want);
		assert_int_equal(out.buf[0], 'x');
		/* a value still in a list: printed alone */
		strbuf_reset(&out);
		cJSON *list = cJSON_CreateArray();
		cJSON_AddItemReferenceToArray(list, v);
		cJSON_AddItemToArray(list, cJSON_CreateNumber(7));
		json_print_to(&out, list->child, depth);
		assert_string_equal(out.buf, want);
		assert_non_null(list->child->next);
		cJSON_Delete(list);
		/* again into the room the first print left */
		strbuf_reset(&out);
		json_print_to(&out, v, depth);
		assert_string_equal(out.buf, want);
		free(want);
		strbuf_release(&out);
	}
	cJSON_Delete(v);
}

/* An escaped character (DEL, U+202E) at every place of a 16-byte step,
 * after ASCII, and after letters of two bytes that are kept as they are. */
static void test_escape_at_every_place(void **state)
{
	static const char *const raw[] = { "\x7f", "\xe2\x80\xae" };
	static const char *const escaped[] = { "\\u007f", "\\u202e" };

	(void)state;
	for (int e = 0; e < 4; e++)
		for (int at = 0; at < 40; at++) {
			struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
			for (int k = 0; k < at; k++)
				strbuf_addstr(&text, k % 3 || e < 2
							     ? "a"
							     : "\xc3\xa5");
			strbuf_addstr(&want, "{\n\t\"k\":\t\"");
			strbuf_add(&want, text.buf, text.len);
			strbuf_addstr(&text, raw[e % 2]);
			strbuf_addstr(&text, "z");
			strbuf_addstr(&want, escaped[e % 2]);
			strbuf_addstr(&want, "z\"\n}\n");
			check_printed(text.buf, want.buf);
			strbuf_release(&text);
			strbuf_release(&want);
		}
}

/* A stats object's JSON as json_print_to() writes it. */
static char *stats_printed(const struct stats *st)
{
	struct strbuf out = STRBUF_INIT;
	cJSON *v = json_stats(st, scale_default());

	json_print_to(&out, v, 1);
	cJSON_Delete(v);
	return strbuf_detach(&out, NULL);
}

/* The numbers of a run's first 20,000 are copied, the later ones taken
 * from texts made once: the same JSON either way, counts below and above
 * the 10,000 texts, ratios below and above 1. */
static void test_number_texts_alike(void **state)
{
	enum { N = 600 };
	char *early[N];
	struct stats st[N];

	(void)state;
	memset(st, 0, sizeof(st));
	for (int i = 0; i < N; i++) {
		st[i].level[0] = (uint32_t)(i * 17);
		st[i].level[1] = (uint32_t)(i * i % 9973);
		st[i].level[2] = (uint32_t)(i % 3 ? 1 : 12345 + i);
		st[i].level[3] = (uint32_t)i;
		st[i].missing = (uint32_t)(i % 7);
		st[i].not_applicable = (uint32_t)(i % 5);
		early[i] = stats_printed(&st[i]);
	}
	/* past the first 20,000 numbers (13 a stats object) */
	for (int i = 0; i < 2000; i++)
		free(stats_printed(&st[i % N]));
	for (int i = 0; i < N; i++) {
		char *late = stats_printed(&st[i]);
		assert_string_equal(late, early[i]);
		free(late);
		free(early[i]);
	}
}

static void check_ratio(double v, const char *want)
{
	char buf[16];

	json_format_ratio(v, buf);
	assert_string_equal(buf, want);
}

static void test_ratios(void **state)
{
	(void)state;
	check_ratio(0, "0");
	check_ratio(1, "1");
	check_ratio(0.5, "0.5");
	check_ratio(0.58904, "0.589");
	check_ratio(0.0137, "0.0137");
	check_ratio(0.00004, "0");
	check_ratio(0.00005, "0.0001");
	check_ratio(2.25, "2.25");
	check_ratio(12.0001, "12.0001");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls_escaped),
		cmocka_unit_test(test_print_at_depth),
		cmocka_unit_test(test_escape_at_every_place),
		cmocka_unit_test(test_number_texts_alike),
		cmocka_unit_test(test_letters_kept),
		cmocka_unit_test(test_stream_indents_items),
		cmocka_unit_test(test_ratios),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
