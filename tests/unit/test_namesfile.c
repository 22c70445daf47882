/*
 * Names files (namesfile.h): spellings to names, codes that make one
 * name of two, attributes, the built-in län codes, and the conflicts
 * that are errors naming both lines.
 */
#include "helpers.h"

#include "kmap/names.h"
#include "kmap/namesfile.h"

static int read_text(struct names_set *s, const char *text, struct captured *c)
{
	char *path = temp_file(text, strlen(text));
	int rc;

	capture_start(c);
	rc = names_set_read(s, path);
	if (!rc)
		rc = names_set_finish(s);
	temp_remove(path);
	return rc;
}

static const struct names_rule *find(const struct names_set *s,
				     enum name_kind kind, const char *spelling)
{
	struct strbuf key = STRBUF_INIT;
	const struct names_rule *r;

	names_key(spelling, strlen(spelling), &key);
	r = names_set_find(s, kind, key.buf);
	strbuf_release(&key);
	return r;
}

static void test_spellings_codes_attributes(void **state)
{
	struct names_set s;
	struct captured c;
	const struct names_rule *r;

	(void)state;
	names_set_init(&s);
	assert_int_equal(
		read_text(&s,
			  "typ;stavning;namn;kod;huvudman\n"
			  "yrke;Usk;Undersköterska;5321;\n"
			  "yrke; USK ;Undersköterska;;\n"
			  "yrke;Undersköterskor;Undersköterskor;5321;\n"
			  "organisation;Kalmar;Kalmar kommun;0880;"
			  "kommun\n"
			  "yrke;ssk;Sjuksköterska;2221;\n",
			  &c),
		0);
	assert_int_equal(c.errors, 0);
	r = find(&s, KIND_OCCUPATION, "usk");
	assert_non_null(r);
	assert_string_equal(r->name, "Undersköterska");
	assert_string_equal(r->code, "5321");
	/* one code, one name: shown as the one given first */
	assert_ptr_equal(find(&s, KIND_OCCUPATION, "UNDERSKÖTERSKOR"), r);
	assert_ptr_equal(find(&s, KIND_OCCUPATION, "Undersköterska"), r);
	assert_null(find(&s, KIND_ORGANISATION, "usk"));
	r = find(&s, KIND_ORGANISATION, "kalmar");
	assert_string_equal(r->name, "Kalmar kommun");
	assert_int_equal(r->nattrs, 1);
	assert_string_equal(r->attrs[0].key, "huvudman");
	assert_string_equal(r->attrs[0].value, "kommun");
	assert_null(find(&s, KIND_OCCUPATION, "läkare"));
	names_set_release(&s);
	capture_stop(&c);
}

static void test_conflicts_name_both_lines(void **state)
{
	struct names_set s;
	struct captured c;

	(void)state;
	names_set_init(&s);
	assert_int_equal(read_text(&s,
				   "kind,spelling,name\n"
				   "occupation,Usk,Undersköterska\n"
				   "occupation,usk,Sjuksköterska\n",
				   &c),
			 -1);
	/* both cells: the spelling's column on each line */
	assert_non_null(strstr(
		c.text.buf, "error 3:12 'usk' is given two names: "
			    "'Sjuksköterska' here and 'Undersköterska' on "));
	assert_non_null(strstr(c.text.buf, ":2:12\n"));
	names_set_release(&s);
	capture_stop(&c);

	names_set_init(&s);
	assert_int_equal(read_text(&s,
				   "typ;stavning;namn;kod\n"
				   "yrke;Usk;Undersköterska;53210\n"
				   "kök;x;y;\n"
				   "yrke;a;;\n",
				   &c),
			 -1);
	assert_string_equal(c.text.buf,
			    "error 2:25 code '53210' is not a code of its "
			    "kind\n"
			    "error 3:1 unknown kind 'kök'\n"
			    "error 4:8 no name on this line\n");
	names_set_release(&s);
	capture_stop(&c);

	names_set_init(&s);
	assert_int_equal(read_text(&s,
				   "typ;stavning;namn;grupp\n"
				   "organisation;A;Kalmar;1\n"
				   "organisation;B;Kalmar;2\n",
				   &c),
			 -1);
	assert_string_equal(c.text.buf,
			    "error 3:0 'Kalmar' has grupp '2' here and '1' "
			    "before\n");
	names_set_release(&s);
	capture_stop(&c);
}

static void test_lan_codes(void **state)
{
	(void)state;
	assert_string_equal(names_lan_code("Kalmar län"), "08");
	assert_string_equal(names_lan_code("Region Kalmar län"), "08");
	assert_string_equal(names_lan_code("kalmar"), "08");
	assert_string_equal(names_lan_code("Hallands län"), "13");
	assert_string_equal(names_lan_code("Halland"), "13");
	assert_string_equal(names_lan_code("Region Halland"), "13");
	assert_string_equal(names_lan_code("Skåne län"), "12");
	assert_string_equal(names_lan_code("Västra Götalandsregionen") ? "x"
								       : "none",
			    "none");
	assert_string_equal(names_lan_code("Västra Götalands län"), "14");
	assert_string_equal(names_lan_code("Örebro län"), "18");
	assert_null(names_lan_code("Kalmar kommun"));
	assert_null(names_lan_code("R"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spellings_codes_attributes),
		cmocka_unit_test(test_conflicts_name_both_lines),
		cmocka_unit_test(test_lan_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
