/*
 * Periods as headers and cells write them (SPEC §2): years, ranges with
 * hyphen, en dash or minus sign, the Nuläge/Nu forms, Excel's "2024.0",
 * and the shapes that are not periods, each with the status it gets.
 */
#include "helpers.h"

#include "kmap/period.h"

struct period_case {
	const char *text;
	enum period_status status;
	int first, last, current, decimal;
};

static const struct period_case cases[] = {
	{ "2024", PERIOD_OK, 2024, 2024, 0, 0 },
	{ " 2024 ", PERIOD_OK, 2024, 2024, 0, 0 },
	{ "2022-2024", PERIOD_OK, 2022, 2024, 0, 0 },
	{ "2022 \xE2\x80\x93 2024", PERIOD_OK, 2022, 2024, 0, 0 }, /* en dash */
	{ "2022\xE2\x88\x92"
	  "2024",
	  PERIOD_OK, 2022, 2024, 0, 0 }, /* minus */
	{ "2024.0", PERIOD_OK, 2024, 2024, 0, 1 },
	{ "(2021)", PERIOD_OK, 2021, 2021, 0, 0 },
	{ "Nuläge 2021", PERIOD_OK, 2021, 2021, 1, 0 },
	{ "NULÄGE (2021)", PERIOD_OK, 2021, 2021, 1, 0 },
	{ "Nuläge: 2021", PERIOD_OK, 2021, 2021, 1, 0 },
	{ "Nulage 2022-2024", PERIOD_OK, 2022, 2024, 1, 0 },
	{ "Nu 2021", PERIOD_OK, 2021, 2021, 1, 0 },
	{ "nu(2021)", PERIOD_OK, 2021, 2021, 1, 0 },
	{ "Nuläge", PERIOD_NO_YEAR, 0, 0, 1, 0 },
	{ "Nu", PERIOD_NO_YEAR, 0, 0, 1, 0 },
	{ "Nuläge:", PERIOD_NO_YEAR, 0, 0, 1, 0 },
	{ "2024-2022", PERIOD_BACKWARDS, 0, 0, 0, 0 },
	{ "1899", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "2099", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "45292", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 }, /* an Excel date serial */
	{ "24", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "2022-", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "22-2024", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "2024.5", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "20245678901", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "Prognos 2099", PERIOD_IMPLAUSIBLE, 0, 0, 0, 0 },
	{ "2024-01-01", PERIOD_DATE, 0, 0, 0, 0 },
	{ "2024-01-01 00:00:00", PERIOD_DATE, 0, 0, 0, 0 },
	{ "01.03.2024", PERIOD_DATE, 0, 0, 0, 0 },
	{ "1/3/2024", PERIOD_DATE, 0, 0, 0, 0 },
	{ "2024.03.01", PERIOD_DATE, 0, 0, 0, 0 },
	{ "2024 2025", PERIOD_TWO_YEARS, 0, 0, 0, 0 },
	{ "2024,2025", PERIOD_TWO_YEARS, 0, 0, 0, 0 },
	{ "Nuläge 2024 / prognos 2025", PERIOD_TWO_YEARS, 0, 0, 1, 0 },
	{ "2024-2022", PERIOD_BACKWARDS, 0, 0, 0, 0 },
	{ "2024-23", PERIOD_BACKWARDS, 0, 0, 0, 0 },
	/* a year or range beside other words (SPEC §2) */
	{ "Nuläge 2024 (mars)", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "Prognos 2025", PERIOD_OK, 2025, 2025, 0, 0 },
	{ "Bedömning 2025", PERIOD_OK, 2025, 2025, 0, 0 },
	{ "Framtid 2025", PERIOD_OK, 2025, 2025, 0, 0 },
	{ "År 2025", PERIOD_OK, 2025, 2025, 0, 0 },
	{ "Läge 2025", PERIOD_OK, 2025, 2025, 0, 0 },
	{ "Nuläge 2024*", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "Nuläge, 2024", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "Nulaget 2024", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "Nuläget 2024", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "Nulägesbedömning 2023", PERIOD_OK, 2023, 2023, 1, 0 },
	{ "Idag 2024", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "I dag 2024", PERIOD_OK, 2024, 2024, 1, 0 },
	{ "Nutid 2021", PERIOD_OK, 2021, 2021, 1, 0 },
	{ "i 2024", PERIOD_OK, 2024, 2024, 0, 0 },
	{ "2026/2027", PERIOD_OK, 2026, 2027, 0, 0 },
	{ "2026/27", PERIOD_OK, 2026, 2027, 0, 0 },
	{ "2026\xE2\x80\x93"
	  "27",
	  PERIOD_OK, 2026, 2027, 0, 0 },
	{ "2026 - 2027", PERIOD_OK, 2026, 2027, 0, 0 },
	{ "2022-24", PERIOD_OK, 2022, 2024, 0, 0 },
	{ "Prognos 2028-2030", PERIOD_OK, 2028, 2030, 0, 0 },
	{ "Om 5 år (2029)", PERIOD_OK, 2029, 2029, 0, 0 },
	{ "Q1 2024", PERIOD_OK, 2024, 2024, 0, 0 },
	{ "2025-prognos", PERIOD_OK, 2025, 2025, 0, 0 },
	{ "(2021", PERIOD_OK, 2021, 2021, 0, 0 },
	{ "2024 x", PERIOD_OK, 2024, 2024, 0, 0 },
	{ "2024,0", PERIOD_OK, 2024, 2024, 0, 1 },
	/* no year: not a period at all */
	{ "Kod 1234", PERIOD_NOT, 0, 0, 0, 0 },
	{ "Om 5 år", PERIOD_NOT, 0, 0, 0, 0 },
	{ "Bedömning", PERIOD_NOT, 0, 0, 0, 0 },
	{ "", PERIOD_NOT, 0, 0, 0, 0 },
	{ "\xFF"
	  "2024",
	  PERIOD_NOT, 0, 0, 0, 0 }, /* not UTF-8 */
};

static void parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct period_case *c = &cases[i];
		struct period_value pv;
		enum period_status st =
			period_parse(c->text, strlen(c->text), &pv);
		if (st != c->status)
			fail_msg("'%s': status %d, want %d", c->text, st,
				 c->status);
		if (st == PERIOD_OK &&
		    (pv.first != c->first || pv.last != c->last ||
		     pv.decimal != c->decimal))
			fail_msg("'%s': %d-%d decimal %d", c->text, pv.first,
				 pv.last, pv.decimal);
		if ((st == PERIOD_OK || st == PERIOD_NO_YEAR) &&
		    pv.current != c->current)
			fail_msg("'%s': current %d", c->text, pv.current);
	}
}

static void labels(void **state)
{
	struct period_value one = { 2024, 2024, 0, 0 },
			    range = { 2022, 2024, 1, 0 };
	char buf[16];

	(void)state;
	period_label(&one, buf, sizeof(buf));
	assert_string_equal(buf, "2024");
	period_label(&range, buf, sizeof(buf));
	assert_string_equal(buf, "2022-2024");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_table),
		cmocka_unit_test(labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
