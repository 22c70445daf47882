/*
 * Sheet names for the XLSX report (RELIABILITY #51): Excel's rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "kmap/sheetname.h"

static void check(struct sheet_names *s, const char *want, const char *got,
		  int changed)
{
	int c = -1;
	const char *name = sheet_name_add(s, want, &c);

	assert_string_equal(name, got);
	assert_int_equal(c, changed);
}

static void test_plain_names_kept(void **state)
{
	struct sheet_names s = { 0 };

	(void)state;
	check(&s, "Sammanfattning", "Sammanfattning", 0);
	check(&s, "Sjuksköterska", "Sjuksköterska", 0);
	/* exactly 31 characters, å counted as one */
	check(&s, "Specialistsjuksköterska på akut",
	      "Specialistsjuksköterska på akut", 0);
	sheet_names_release(&s);
}

static void test_forbidden_characters(void **state)
{
	struct sheet_names s = { 0 };

	(void)state;
	check(&s, "Lärare [F-3]: svenska/SO", "Lärare _F-3__ svenska_SO", 1);
	check(&s, "a*b?c\\d", "a_b_c_d", 1);
	check(&s, "'Citat'", "_Citat_", 1);
	check(&s, "rad\nbrytning", "rad brytning", 1);
	check(&s, "", "_", 1);
	sheet_names_release(&s);
}

static void test_long_names_cut(void **state)
{
	struct sheet_names s = { 0 };

	(void)state;
	check(&s, "Undersköterska inom hemtjänst och särskilt boende",
	      "Undersköterska inom hemtjänst o", 1);
	/* cut at a whole character: 30 ASCII + ä is 31 */
	check(&s, "012345678901234567890123456789äöü",
	      "012345678901234567890123456789ä", 1);
	/* outside the BMP a character is two UTF-16 units to Excel */
	check(&s, "0123456789012345678901234567890\xF0\x9F\x98\x80",
	      "0123456789012345678901234567890", 1);
	check(&s, "012345678901234567890123456789\xF0\x9F\x98\x80",
	      "012345678901234567890123456789", 1);
	sheet_names_release(&s);
}

static void test_unique_without_case(void **state)
{
	struct sheet_names s = { 0 };

	(void)state;
	check(&s, "Kvalitet", "Kvalitet", 0);
	check(&s, "KVALITET", "KVALITET (2)", 1);
	check(&s, "kvalitet", "kvalitet (3)", 1);
	/* Å and å are the same to Excel */
	check(&s, "Ålderdom", "Ålderdom", 0);
	check(&s, "ålderdom", "ålderdom (2)", 1);
	/* two long names equal in their first 31 characters */
	check(&s, "Undersköterska inom hemtjänst, dag",
	      "Undersköterska inom hemtjänst, ", 1);
	check(&s, "Undersköterska inom hemtjänst, natt",
	      "Undersköterska inom hemtjän (2)", 1);
	/* "History" is Excel's own */
	check(&s, "History", "History (2)", 1);
	sheet_names_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_names_kept),
		cmocka_unit_test(test_forbidden_characters),
		cmocka_unit_test(test_long_names_cut),
		cmocka_unit_test(test_unique_without_case),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
