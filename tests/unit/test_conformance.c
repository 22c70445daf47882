/*
 * csv-spectrum (tests/conformance/csv-spectrum, BSD-2-Clause; see its
 * LICENSE and README): every case read through kmap's reader must give
 * the records of its JSON. kmap turns CRLF inside a value into LF, so the
 * expected values are compared after the same change. The
 * location_coordinates case has a bare quote in an unquoted field: RFC
 * 4180 strict reading rejects it at line 2, character 22 (byte 24). The
 * historical latin1 case is read through the Windows-1252 fallback.
 * Run from the repository root.
 */
#include "helpers.h"

#include <cjson/cJSON.h>

#include "kmap/csvin.h"

#define DIR "tests/conformance/csv-spectrum/"

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	assert_non_null(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)))
		strbuf_add(&sb, buf, n);
	fclose(fp);
	return strbuf_detach(&sb, NULL);
}

static char *crlf_to_lf(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			strbuf_addch(&sb, *s);
	return strbuf_detach(&sb, NULL);
}

/* Reads csv_path and compares its records with json_path. */
static void conforms(const char *csv_path, const char *json_path)
{
	char *json = slurp(json_path);
	cJSON *want = cJSON_Parse(json);
	struct csvin_opts o;
	struct csvin r;
	struct csvin_row row;
	char **head = NULL;
	size_t nhead = 0, nrec = 0;
	struct captured cap;

	assert_non_null(want);
	csvin_opts_init(&o);
	capture_start(&cap);
	assert_int_equal(csvin_open(&r, csv_path, &o), 0);
	while (csvin_next(&r, &row) == CSVIN_ROW) {
		if (!head) {
			nhead = row.nfields;
			head = calloc(nhead, sizeof(*head));
			for (size_t i = 0; i < nhead; i++)
				head[i] = strdup(row.fields[i].ptr);
			continue;
		}
		cJSON *obj = cJSON_GetArrayItem(want, (int)nrec++);
		assert_non_null(obj);
		assert_int_equal(row.nfields, nhead);
		assert_int_equal(cJSON_GetArraySize(obj), (int)nhead);
		for (size_t i = 0; i < nhead; i++) {
			cJSON *v =
				cJSON_GetObjectItemCaseSensitive(obj, head[i]);
			assert_true(cJSON_IsString(v));
			char *expected = crlf_to_lf(v->valuestring);
			assert_string_equal(row.fields[i].ptr, expected);
			free(expected);
		}
	}
	assert_int_equal(nrec, cJSON_GetArraySize(want));
	assert_int_equal(cap.errors, 0);
	capture_stop(&cap);
	csvin_close(&r);
	for (size_t i = 0; i < nhead; i++)
		free(head[i]);
	free(head);
	cJSON_Delete(want);
	free(json);
}

#define SPECTRUM(name)                                                         \
	conforms(DIR "csvs/" name ".csv", DIR "json/" name ".json")

static void spectrum(void **state)
{
	(void)state;
	SPECTRUM("comma_in_quotes");
	SPECTRUM("empty");
	SPECTRUM("empty_crlf");
	SPECTRUM("escaped_quotes");
	SPECTRUM("json");
	SPECTRUM("newlines");
	SPECTRUM("newlines_crlf");
	SPECTRUM("quotes_and_newlines");
	SPECTRUM("simple");
	SPECTRUM("simple_crlf");
	SPECTRUM("utf8");
}

static void latin1_through_fallback(void **state)
{
	(void)state;
	conforms(DIR "historical/latin1.csv", DIR "historical/latin1.json");
}

static void bare_quote_is_rejected(void **state)
{
	struct csvin_opts o;
	struct csvin r;
	struct csvin_row row;
	struct captured cap;

	(void)state;
	csvin_opts_init(&o);
	capture_start(&cap);
	assert_int_equal(
		csvin_open(&r, DIR "csvs/location_coordinates.csv", &o), 0);
	assert_int_equal(csvin_next(&r, &row), CSVIN_ROW);
	assert_int_equal(csvin_next(&r, &row), CSVIN_SKIP);
	assert_string_equal(cap.text.buf, "error 2:22 stray quote in an "
					  "unquoted field\n");
	assert_int_equal(csvin_next(&r, &row), CSVIN_EOF);
	csvin_close(&r);
	capture_stop(&cap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spectrum),
		cmocka_unit_test(latin1_through_fallback),
		cmocka_unit_test(bare_quote_is_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
