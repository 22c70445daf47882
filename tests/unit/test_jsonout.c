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

#include "kmap/jsonout.h"

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
		cmocka_unit_test(test_letters_kept),
		cmocka_unit_test(test_stream_indents_items),
		cmocka_unit_test(test_ratios),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
