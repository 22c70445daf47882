/*
 * Ratings against the built-in scale (words and a workbook's fill
 * colours), did-you-mean, and periods.
 */
#include "helpers.h"

#include "kmap/period.h"
#include "kmap/scale.h"

static void rating(const char *in, enum scale_match want, int want_level)
{
	struct strbuf tmp = STRBUF_INIT;
	int level = 0;

	assert_int_equal(
		scale_match(scale_default(), in, strlen(in), &level, &tmp),
		want);
	if (want == SCALE_LEVEL)
		assert_int_equal(level, want_level);
	strbuf_release(&tmp);
}

static void spellings(void **state)
{
	(void)state;
	rating("Övertalighet", SCALE_LEVEL, 1);
	rating("overtalighet", SCALE_LEVEL, 1);
	rating("OVERTALIGHET", SCALE_LEVEL, 1);
	rating("surplus", SCALE_LEVEL, 1);
	rating("Hållbart", SCALE_LEVEL, 2);
	rating("HALLBART", SCALE_LEVEL, 2);
	rating("Balanced", SCALE_LEVEL, 2);
	rating("sustainable", SCALE_LEVEL, 2);
	rating(" Sårbart ", SCALE_LEVEL, 3);
	rating("Sarbart", SCALE_LEVEL, 3);
	rating("vulnerable", SCALE_LEVEL, 3);
	rating("Brist\xC2\xA0", SCALE_LEVEL, 4); /* trailing NBSP */
	rating("BRIST", SCALE_LEVEL, 4);
	rating("Shortage", SCALE_LEVEL, 4);
	rating("Bri\xCC\x81st", SCALE_LEVEL, 4); /* diacritics never matter */
	rating("", SCALE_MISSING, 0);
	rating("  ", SCALE_MISSING, 0);
	rating("-", SCALE_MISSING, 0);
	rating(" - ", SCALE_MISSING, 0);
	rating("#N/A", SCALE_EXCEL_ERROR, 0);
	rating("#VÄRDEFEL!", SCALE_EXCEL_ERROR, 0);
	rating("Bristt", SCALE_UNKNOWN, 0);
	rating("?", SCALE_UNKNOWN, 0);
	rating("Brist Brist", SCALE_UNKNOWN, 0);
}

/* Not applicable is its own status: not missing, not a level. */
static void not_applicable(void **state)
{
	(void)state;
	rating("Ej aktuellt", SCALE_NA, 0);
	rating("EJ AKTUELLT", SCALE_NA, 0);
	rating(" ej  aktuellt\xC2\xA0", SCALE_NA, 0);
	rating("E/A", SCALE_NA, 0);
	rating("e/a", SCALE_NA, 0);
	rating("Ej relevant", SCALE_NA, 0);
	rating("n/a", SCALE_NA, 0);
	rating("N/A", SCALE_NA, 0);
	rating("Not applicable", SCALE_NA, 0);
	rating("#N/A", SCALE_EXCEL_ERROR, 0); /* Excel's error stays one */
	rating("Ej aktuel", SCALE_UNKNOWN, 0);
	rating("EA", SCALE_UNKNOWN, 0);
}

static void suggestions(void **state)
{
	const struct scale *s = scale_default();

	(void)state;
	assert_string_equal(scale_suggest(s, "Bristt", 6), "Brist");
	assert_string_equal(scale_suggest(s, "Brsit", 5), "Brist");
	assert_string_equal(scale_suggest(s, "Hålbart", 8), "Hållbart");
	assert_string_equal(scale_suggest(s, "sårbar", 7), "Sårbart");
	assert_null(scale_suggest(s, "x", 1));
	assert_null(scale_suggest(s, "Okänd", 6));
	assert_null(scale_suggest(s, "   ", 3));
	assert_null(scale_suggest(s, "\xFF", 1));
	/* a '#' that is not one of Excel's error values is just unknown */
	rating("#hej", SCALE_UNKNOWN, 0);
	rating("#SAKNAS!", SCALE_EXCEL_ERROR, 0);
	rating("\xFF", SCALE_UNKNOWN, 0);
	assert_int_equal(edit_distance("kitten", "sitting"), 3);
}

static void period(const char *in, enum period_status want, int first, int last,
		   int current)
{
	struct period_value p;

	assert_int_equal(period_parse(in, strlen(in), &p), want);
	if (want != PERIOD_OK)
		return;
	assert_int_equal(p.first, first);
	assert_int_equal(p.last, last);
	assert_int_equal(p.current, current);
}

static void periods(void **state)
{
	char label[32];
	struct period_value p = { 2022, 2024, 0, 0 };

	(void)state;
	period("2024", PERIOD_OK, 2024, 2024, 0);
	period(" 2024 ", PERIOD_OK, 2024, 2024, 0);
	period("2022-2024", PERIOD_OK, 2022, 2024, 0);
	period("2022–2024", PERIOD_OK, 2022, 2024, 0); /* en dash */
	period("2022 - 2024", PERIOD_OK, 2022, 2024, 0);
	period("Nuläge 2021", PERIOD_OK, 2021, 2021, 1);
	period("nulage (2021)", PERIOD_OK, 2021, 2021, 1);
	period("Nu 2021", PERIOD_OK, 2021, 2021, 1);
	period("NULÄGE: 2021", PERIOD_OK, 2021, 2021, 1);
	period("2024.0", PERIOD_OK, 2024, 2024, 0);
	period("2024-2022", PERIOD_BACKWARDS, 0, 0, 0);
	period("1899", PERIOD_IMPLAUSIBLE, 0, 0, 0);
	period("2099", PERIOD_IMPLAUSIBLE, 0, 0, 0);
	period("24", PERIOD_IMPLAUSIBLE, 0, 0, 0);
	period("45292", PERIOD_IMPLAUSIBLE, 0, 0, 0);
	period("2024-01-01", PERIOD_DATE, 0, 0, 0);
	period("Nuläge", PERIOD_NO_YEAR, 0, 0, 0);
	period("Kommentar", PERIOD_NOT, 0, 0, 0);
	period("Nuvarande 2021", PERIOD_OK, 2021, 2021, 1);
	period("Prognos 2025", PERIOD_OK, 2025, 2025, 0);
	period("", PERIOD_NOT, 0, 0, 0);
	period_label(&p, label, sizeof(label));
	assert_string_equal(label, "2022-2024");
}

/*
 * The fills the README's colour table names, read as its levels by the
 * built-in scale and by data/scale-kmap.json; exact colours of a scale
 * win over its families.
 */
static void fills(void **state)
{
	static const struct {
		uint32_t rgb;
		int level;
	} table[] = {
		{ 0x00B0F0, 1 }, { 0x0070C0, 1 }, { 0x4F81BD, 1 },
		{ 0xB9CDE5, 1 }, { 0x92D050, 2 }, { 0x00B050, 2 },
		{ 0xC6EFCE, 2 }, { 0x9BBB59, 2 }, { 0xFFC000, 3 },
		{ 0xFFFF00, 3 }, { 0xF79646, 3 }, { 0xFFEB9C, 3 },
		{ 0xFF0000, 4 }, { 0xC00000, 4 }, { 0xC0504D, 4 },
		{ 0xFFC7CE, 4 }, { 0xFFFFFF, 0 }, { 0xD9D9D9, 0 },
		{ 0x7030A0, 0 }, { 0x000000, 0 },
	};
	struct scale *file = scale_load("data/scale-kmap.json");
	struct scale custom = *scale_default();

	(void)state;
	assert_non_null(file);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		assert_int_equal(
			scale_fill_level(scale_default(), table[i].rgb),
			table[i].level);
		assert_int_equal(scale_fill_level(file, table[i].rgb),
				 table[i].level);
	}
	scale_free(file);
	/* a purple listed for Brist, a green listed for Sårbart */
	custom.levels[3].fills[0] = 0x7030A0;
	custom.levels[3].nfills = 1;
	custom.levels[2].fills[0] = 0xC6EFCE;
	custom.levels[2].nfills = 1;
	assert_int_equal(scale_fill_level(&custom, 0x7030A0), 4);
	assert_int_equal(scale_fill_level(&custom, 0xC6EFCE), 3);
	assert_int_equal(scale_fill_level(&custom, 0x92D050), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spellings),   cmocka_unit_test(not_applicable),
		cmocka_unit_test(suggestions), cmocka_unit_test(periods),
		cmocka_unit_test(fills),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
