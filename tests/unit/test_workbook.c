/*
 * The workbook reader (workbook.h) on real workbooks - plan.xlsx as
 * openpyxl writes it, plan.ods and plan-lo.xlsx as LibreOffice converts
 * it (tests/workbook/gen.py) - cell by cell, and on hostile ones
 * (tests/workbook/hostile.py), each refused with its own message.
 *
 *   test_workbook --dump FILE   prints every sheet's transcript (for
 *                               tests/workbook.sh and allocation-failure
 *                               injection, KMAP_FAIL_ALLOC)
 */
#include "helpers.h"

#include <time.h>

#include "kmap/workbook.h"
#include "kmap/xalloc.h"

#define FIX "tests/workbook/"
#define HOSTILE FIX "hostile/"

static const char *const type_names[] = { "empty", "string", "number", "bool",
					  "error" };

/* One line per cell: "D4 string 'Brist' #FF0000 red merged date". */
static void cell_line(struct strbuf *out, unsigned long row,
		      const struct wbin_cell *c)
{
	char col[8];

	diag_column_letters(c->col, col, sizeof(col));
	strbuf_addf(out, "%s%lu %s '", col, row, type_names[c->type]);
	for (size_t k = 0; k < c->len; k++) {
		if (c->text[k] == '\n')
			strbuf_addstr(out, "\\n");
		else
			strbuf_addch(out, c->text[k]);
	}
	strbuf_addch(out, '\'');
	if (c->has_fill)
		strbuf_addf(out, " #%06X %s", (unsigned)c->fill,
			    color_family_name(wbin_color_family(c->fill)));
	if (c->merged)
		strbuf_addstr(out, " merged");
	if (c->is_date)
		strbuf_addstr(out, " date");
	strbuf_addch(out, '\n');
}

/* Appends sheet i's transcript; returns the last wbin_next_row(). */
static int sheet_transcript(struct wbin *wb, size_t i, struct strbuf *out)
{
	struct wbin_row row;
	unsigned long last = 0;
	int st;

	if (wbin_sheet_open(wb, i))
		return WBIN_FATAL;
	while ((st = wbin_next_row(wb, &row)) == WBIN_ROW) {
		assert_true(row.row > last && row.ncells > 0);
		last = row.row;
		for (size_t k = 0; k < row.ncells; k++) {
			const struct wbin_cell *c = &row.cells[k];
			assert_true(k == 0 || c->col > row.cells[k - 1].col);
			assert_int_equal(strlen(c->text), c->len);
			cell_line(out, row.row, c);
		}
	}
	return st;
}

static int dump(const char *path)
{
	struct strbuf out = STRBUF_INIT;
	struct wbin *wb;

	xalloc_init_from_env();
	if (wbin_open(path, NULL, &wb))
		return 3;
	for (size_t i = 0; i < wbin_nsheets(wb); i++) {
		const struct wbin_sheet *sh = wbin_sheet(wb, i);
		strbuf_addf(&out, "sheet '%s' %d\n", sh->name, sh->visibility);
		if (sheet_transcript(wb, i, &out) != WBIN_EOF)
			strbuf_addstr(&out, "error\n");
	}
	fputs(out.buf, stdout);
	strbuf_release(&out);
	wbin_close(wb);
	return 0;
}

/* ---- the three real workbooks ---- */

/* plan.xlsx's first sheet, as openpyxl and the additions write it. */
static const char kumla_xlsx[] =
	"A1 string 'Kompetensförsörjning Kumla 2024'\n"
	"B1 string 'Kompetensförsörjning Kumla 2024' merged\n"
	"C1 string 'Kompetensförsörjning Kumla 2024' merged\n"
	"D1 string 'Kompetensförsörjning Kumla 2024' merged\n"
	"E1 string 'Kompetensförsörjning Kumla 2024' merged\n"
	"F1 string 'Kompetensförsörjning Kumla 2024' merged\n"
	"G1 string 'Kompetensförsörjning Kumla 2024' merged\n"
	"A3 string 'Region'\n"
	"B3 string 'Organisation'\n"
	"C3 string 'Yrke'\n"
	"D3 string 'Nuläge 2024'\n"
	"E3 number '2025'\n"
	"F3 string '2026-2028'\n"
	"G3 string 'Kommentar'\n"
	"H3 number '46388' date\n"
	"I3 number '2030'\n"
	"A4 string 'Örebro län'\n"
	"B4 string 'Kumla kommun'\n"
	"C4 string 'Undersköterska'\n"
	"D4 string 'Brist' #FF0000 red\n"
	"E4 string 'Brist' #C00000 red\n"
	"F4 string 'Sårbart' #FFC000 orange\n"
	"G4 string 'Svårt att rekrytera\\nmed rätt profil'\n"
	"H4 string 'Brist' #FF0000 red\n"
	"I4 string 'Brist' #FF0000 red merged\n"
	"A5 string 'Örebro län' merged\n"
	"B5 string 'Kumla kommun' merged\n"
	"C5 string 'Sjuksköterska'\n"
	"D5 string 'Sårbart' #FFC000 orange\n"
	"E5 empty '' #FF0000 red\n"
	"F5 string 'Brist'\n"
	"H5 string 'Brist' #FF0000 red merged\n"
	"I5 string 'Brist' #FF0000 red merged\n"
	"A6 string 'Örebro län' merged\n"
	"B6 string 'Kumla kommun' merged\n"
	"C6 string 'Lärare F-3'\n"
	"D6 string 'Hållbart' #00B050 green\n"
	"E6 string 'Hållbart' #92D050 green\n"
	"F6 empty '' #FAC090 orange\n"
	"G6 string '  två inledande mellanslag'\n"
	"A7 string 'Örebro län' merged\n"
	"B7 string 'Hallsbergs kommun'\n"
	"C7 string 'Kock'\n"
	"D7 string 'Övertalighet' #376092 blue\n"
	"E7 bool 'TRUE'\n"
	"F7 bool 'FALSE' #FF0000 red\n"
	"G7 string 'a  b'\n"
	"A8 string 'Örebro län' merged\n"
	"B8 string 'Hallsbergs kommun' merged\n"
	"C8 string 'Elevassistent'\n"
	"D8 error '#N/A'\n"
	"E8 number '3.5'\n"
	"F8 number '0.1'\n"
	"G8 string 'slut '\n"
	"@J8\n"
	"A9 string 'Örebro län' merged\n"
	"B9 string 'Hallsbergs kommun' merged\n"
	"C9 string 'Busschaufför'\n"
	"D9 number '42' #FFFF00 yellow\n"
	"E9 number '@E9' #CCC1DA none\n"
	"F9 number '-12'\n"
	"G9 empty '' #FFFF00 yellow\n"
	"A11 string 'inline & direkt'\n"
	"B11 string 'delad'\n"
	"D11 string 'Rik text'\n"
	"E11 string 'xy'\n"
	"F11 bool 'FALSE'\n"
	"G11 error '#DIV/0!'\n"
	"H11 number '@H11'\n"
	"I11 string '@I11'\n"
	"J11 string 'Brist' #FF0000 red\n"
	"B12 string 'efter ett tomt block'\n";

/*
 * The transcript expected from each flavour: the differences are the
 * writers' own. LibreOffice turns the gray125 pattern of J8 into a solid
 * grey, writes 1E-07 as "1E-007" (xlsx) or "0.0000001" (ods) and 2.024E3
 * as 2024; an .ods date is its ISO text; ODF white space makes the CR of
 * I11 a space in .ods.
 */
static void expected_kumla(struct strbuf *out, const char *flavour)
{
	int ods = !strcmp(flavour, "ods"), lo = !strcmp(flavour, "lo");
	const char *p = kumla_xlsx;

	while (*p) {
		const char *nl = strchr(p, '\n');
		struct strbuf line = STRBUF_INIT;
		strbuf_add(&line, p, (size_t)(nl - p) + 1);
		p = nl + 1;
		if (!strcmp(line.buf, "@J8\n")) {
			if (ods || lo)
				strbuf_addstr(out,
					      "J8 empty '' #E0E0E0 none\n");
		} else if (strstr(line.buf, "'@E9'")) {
			strbuf_addf(out, "E9 number '%s' #CCC1DA none\n",
				    ods	 ? "0.0000001"
				    : lo ? "1E-007"
					 : "1e-07");
		} else if (strstr(line.buf, "'@H11'")) {
			strbuf_addf(out, "H11 number '%s'\n",
				    ods || lo ? "2024" : "2.024E3");
		} else if (strstr(line.buf, "'@I11'")) {
			strbuf_addf(out, "I11 string '%s'\n",
				    ods ? "CR LF_x" : "CR\\nLF_x");
		} else if (ods && !strncmp(line.buf, "H3 ", 3)) {
			strbuf_addstr(out, "H3 string '2027-01-01' date\n");
		} else {
			strbuf_addstr(out, line.buf);
		}
		strbuf_release(&line);
	}
}

/* Excel's palette sheet: standard colours, then six theme accents at
 * tints 0, +80, +60, +40, -25 and -50 %. */
static const struct {
	const char *ref, *rgb, *family;
} palette[] = {
	{ "A1", "C00000", "red" },
	{ "A2", "FF0000", "red" },
	{ "A3", "FFC000", "orange" },
	{ "A4", "FFFF00", "yellow" },
	{ "A5", "92D050", "green" },
	{ "A6", "00B050", "green" },
	{ "A7", "00B0F0", "blue" },
	{ "A8", "0070C0", "blue" },
	{ "A9", "002060", "blue" },
	{ "A10", "7030A0", "none" },
	/* the 2007 Office theme that openpyxl writes */
	{ "A12", "4F81BD", "blue" },
	{ "B12", "DCE6F2", "blue" },
	{ "C12", "B9CDE5", "blue" },
	{ "D12", "95B3D7", "blue" },
	{ "E12", "376092", "blue" },
	{ "F12", "254061", "blue" },
	{ "A13", "C0504D", "red" },
	{ "B13", "F2DCDB", "red" },
	{ "C13", "E6B9B8", "red" },
	{ "D13", "D99694", "red" },
	{ "E13", "953735", "red" },
	{ "F13", "632523", "red" },
	{ "A14", "9BBB59", "green" },
	{ "B14", "EBF1DE", "green" },
	{ "C14", "D7E4BD", "green" },
	{ "D14", "C3D69B", "green" },
	{ "E14", "77933C", "green" },
	{ "F14", "4F6228", "green" },
	{ "A15", "8064A2", "none" },
	{ "B15", "E6E0EC", "none" },
	{ "C15", "CCC1DA", "none" },
	{ "D15", "B3A2C7", "none" },
	{ "E15", "604A7B", "none" },
	{ "F15", "403152", "none" },
	{ "A16", "4BACC6", "blue" },
	{ "B16", "DBEEF4", "blue" },
	{ "C16", "B7DEE8", "blue" },
	{ "D16", "93CDDD", "blue" },
	{ "E16", "31859C", "blue" },
	{ "F16", "215968", "blue" },
	{ "A17", "F79646", "orange" },
	{ "B17", "FDEADA", "orange" },
	{ "C17", "FCD5B5", "orange" },
	{ "D17", "FAC090", "orange" },
	{ "E17", "E46C0A", "orange" },
	{ "F17", "984807", "orange" },
};

static void check_workbook(const char *path, const char *flavour)
{
	static const char *const names[] = { "Kumla", "Hallsberg 2", "Dold",
					     "Lista", "Färger" };
	int ods = !strcmp(flavour, "ods"), lo = !strcmp(flavour, "lo");
	const enum wbin_visibility vis[] = {
		WBIN_VISIBLE, WBIN_VISIBLE, WBIN_HIDDEN,
		/* LibreOffice has no "very hidden" */
		ods || lo ? WBIN_HIDDEN : WBIN_VERY_HIDDEN, WBIN_VISIBLE
	};
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	struct captured cap;
	struct wbin *wb;

	capture_start(&cap);
	assert_int_equal(wbin_open(path, NULL, &wb), 0);
	assert_int_equal(wbin_format(wb), ods ? WBIN_ODS : WBIN_XLSX);
	assert_int_equal(wbin_nsheets(wb), 5);
	for (size_t i = 0; i < 5; i++) {
		const struct wbin_sheet *sh = wbin_sheet(wb, i);
		char where[256];
		assert_string_equal(sh->name, names[i]);
		assert_int_equal(sh->visibility, vis[i]);
		snprintf(where, sizeof(where), "%s:%s", path, names[i]);
		assert_string_equal(sh->loc.file, where);
	}
	assert_null(wbin_sheet(wb, 5));

	/* the palette sheet first: sheets open in any order */
	assert_int_equal(sheet_transcript(wb, 4, &got), WBIN_EOF);
	for (size_t i = 0; i < ARRAY_SIZE(palette); i++) {
		char line[128];
		snprintf(line, sizeof(line), "%s string '", palette[i].ref);
		const char *at = strstr(got.buf, line);
		assert_non_null(at);
		snprintf(line, sizeof(line), "' #%s %s\n", palette[i].rgb,
			 palette[i].family);
		if (strncmp(strchr(at + strlen(palette[i].ref) + 9, '\''), line,
			    strlen(line)))
			print_error("%s: %s wants %s", flavour, palette[i].ref,
				    line);
		assert_memory_equal(
			strchr(at + strlen(palette[i].ref) + 9, '\''), line,
			strlen(line));
	}
	strbuf_reset(&got);

	assert_int_equal(sheet_transcript(wb, 0, &got), WBIN_EOF);
	expected_kumla(&want, flavour);
	if (strcmp(got.buf, want.buf))
		print_error("%s:\n--- want\n%s--- got\n%s", flavour, want.buf,
			    got.buf);
	assert_string_equal(got.buf, want.buf);

	strbuf_reset(&got);
	assert_int_equal(sheet_transcript(wb, 1, &got), WBIN_EOF);
	assert_string_equal(got.buf, "A1 string 'Region'\n"
				     "B1 string 'År'\n"
				     "A2 string 'Örebro län'\n"
				     "B2 number '2024'\n"
				     "AB40 string 'långt bort'\n");
	strbuf_reset(&got);
	assert_int_equal(sheet_transcript(wb, 3, &got), WBIN_EOF);
	assert_string_equal(got.buf, "A1 string 'very hidden'\n");
	strbuf_reset(&got);
	assert_int_equal(sheet_transcript(wb, 2, &got), WBIN_EOF);
	assert_string_equal(got.buf, "A1 string 'hidden'\n");
	assert_int_equal(cap.errors, 0);
	/* the CR in I11 is a control character; nothing else is */
	assert_int_equal(cap.warnings, 0);
	wbin_close(wb);
	capture_stop(&cap);
	strbuf_release(&got);
	strbuf_release(&want);
}

static void test_xlsx_openpyxl(void **state)
{
	(void)state;
	check_workbook(FIX "plan.xlsx", "xlsx");
}

static void test_ods_libreoffice(void **state)
{
	(void)state;
	check_workbook(FIX "plan.ods", "ods");
}

static void test_xlsx_libreoffice(void **state)
{
	(void)state;
	check_workbook(FIX "plan-lo.xlsx", "lo");
}

static void test_cell_locations(void **state)
{
	struct wbin *wb;
	struct kmap_loc loc;
	char buf[256];

	(void)state;
	assert_int_equal(wbin_open(FIX "plan.xlsx", NULL, &wb), 0);
	assert_int_equal(wbin_sheet_open(wb, 0), 0);
	loc = wbin_cell_loc(wb, 7, 4);
	diag_format_loc(buf, sizeof(buf), &loc);
	assert_string_equal(buf, FIX "plan.xlsx:Kumla!D7");
	loc = wbin_cell_loc(wb, 40, 28);
	diag_format_loc(buf, sizeof(buf), &loc);
	assert_string_equal(buf, FIX "plan.xlsx:Kumla!AB40");
	diag_format_loc(buf, sizeof(buf), &wbin_sheet(wb, 1)->loc);
	assert_string_equal(buf, FIX "plan.xlsx:Hallsberg 2");
	wbin_close(wb);
	wbin_close(NULL);
}

/* ---- colours ---- */

static void test_color_families(void **state)
{
	static const struct {
		uint32_t rgb;
		enum color_family f;
	} t[] = {
		/* Excel's standard colours */
		{ 0xC00000, COLOR_FAMILY_RED },
		{ 0xFF0000, COLOR_FAMILY_RED },
		{ 0xFFC000, COLOR_FAMILY_ORANGE },
		{ 0xFFFF00, COLOR_FAMILY_YELLOW },
		{ 0x92D050, COLOR_FAMILY_GREEN },
		{ 0x00B050, COLOR_FAMILY_GREEN },
		{ 0x00B0F0, COLOR_FAMILY_BLUE },
		{ 0x0070C0, COLOR_FAMILY_BLUE },
		{ 0x002060, COLOR_FAMILY_BLUE },
		{ 0x7030A0, COLOR_FAMILY_NONE },
		/* Excel's Good, Neutral and Bad cell styles */
		{ 0xC6EFCE, COLOR_FAMILY_GREEN },
		{ 0xFFEB9C, COLOR_FAMILY_YELLOW },
		{ 0xFFC7CE, COLOR_FAMILY_RED },
		/* white, greys, black */
		{ 0xFFFFFF, COLOR_FAMILY_NONE },
		{ 0xF2F2F2, COLOR_FAMILY_NONE },
		{ 0xD9D9D9, COLOR_FAMILY_NONE },
		{ 0x808080, COLOR_FAMILY_NONE },
		{ 0x404040, COLOR_FAMILY_NONE },
		{ 0x000000, COLOR_FAMILY_NONE },
		{ 0xE0E0E0, COLOR_FAMILY_NONE },
		{ 0x44546A, COLOR_FAMILY_NONE },
		/* LibreOffice's standard palette: the colour, light 4..1,
		 * dark 1..2 (dark 3 and 4 are browns and greys) */
		{ 0xFF0000, COLOR_FAMILY_RED },
		{ 0xFFD7D7, COLOR_FAMILY_RED },
		{ 0xFFA6A6, COLOR_FAMILY_RED },
		{ 0xFF6D6D, COLOR_FAMILY_RED },
		{ 0xFF3838, COLOR_FAMILY_RED },
		{ 0xF10D0C, COLOR_FAMILY_RED },
		{ 0xC9211E, COLOR_FAMILY_RED },
		{ 0x8D281E, COLOR_FAMILY_RED },
		{ 0xFF8000, COLOR_FAMILY_ORANGE },
		{ 0xFFDBB6, COLOR_FAMILY_ORANGE },
		{ 0xFFB66C, COLOR_FAMILY_ORANGE },
		{ 0xFF972F, COLOR_FAMILY_ORANGE },
		{ 0xFF860D, COLOR_FAMILY_ORANGE },
		{ 0xEA7500, COLOR_FAMILY_ORANGE },
		{ 0xB85C00, COLOR_FAMILY_ORANGE },
		{ 0xFFFF00, COLOR_FAMILY_YELLOW },
		{ 0xFFFFD7, COLOR_FAMILY_YELLOW },
		{ 0xFFFFA6, COLOR_FAMILY_YELLOW },
		{ 0xFFFF6D, COLOR_FAMILY_YELLOW },
		{ 0xFFFF38, COLOR_FAMILY_YELLOW },
		{ 0xE6E905, COLOR_FAMILY_YELLOW },
		{ 0xACB20C, COLOR_FAMILY_YELLOW },
		{ 0x00A933, COLOR_FAMILY_GREEN },
		{ 0xDDE8CB, COLOR_FAMILY_GREEN },
		{ 0xAFD095, COLOR_FAMILY_GREEN },
		{ 0x77BC65, COLOR_FAMILY_GREEN },
		{ 0x3FAF46, COLOR_FAMILY_GREEN },
		{ 0x069A2E, COLOR_FAMILY_GREEN },
		{ 0x127622, COLOR_FAMILY_GREEN },
		{ 0x2A6099, COLOR_FAMILY_BLUE },
		{ 0xDEE6EF, COLOR_FAMILY_BLUE },
		{ 0xB4C7DC, COLOR_FAMILY_BLUE },
		{ 0x729FCF, COLOR_FAMILY_BLUE },
		{ 0x5983B0, COLOR_FAMILY_BLUE },
		{ 0x3465A4, COLOR_FAMILY_BLUE },
		{ 0x355269, COLOR_FAMILY_BLUE },
		{ 0x800080, COLOR_FAMILY_NONE },
		{ 0x55308D, COLOR_FAMILY_NONE },
	};
	/* the 2013 and 2023 Office themes' accents with Excel's tints */
	static const struct {
		uint32_t rgb;
		enum color_family f;
	} accents[] = {
		{ 0x4472C4, COLOR_FAMILY_BLUE },
		{ 0xED7D31, COLOR_FAMILY_ORANGE },
		{ 0xA5A5A5, COLOR_FAMILY_NONE },
		{ 0xFFC000, COLOR_FAMILY_ORANGE },
		{ 0x5B9BD5, COLOR_FAMILY_BLUE },
		{ 0x70AD47, COLOR_FAMILY_GREEN },
		{ 0x156082, COLOR_FAMILY_BLUE },
		{ 0xE97132, COLOR_FAMILY_ORANGE },
		{ 0x196B24, COLOR_FAMILY_GREEN },
		{ 0x0F9ED5, COLOR_FAMILY_BLUE },
		{ 0x4EA72E, COLOR_FAMILY_GREEN },
		{ 0xA02B93, COLOR_FAMILY_NONE },
	};
	static const double tints[] = { 0.0,
					0.7999816888943144,
					0.5999938962981048,
					0.3999755851924192,
					-0.249977111117893,
					-0.499984740745262 };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		if (wbin_color_family(t[i].rgb) != t[i].f)
			print_error(
				"#%06X: %s, not %s\n", (unsigned)t[i].rgb,
				color_family_name(wbin_color_family(t[i].rgb)),
				color_family_name(t[i].f));
		assert_int_equal(wbin_color_family(t[i].rgb), t[i].f);
	}
	for (size_t i = 0; i < ARRAY_SIZE(accents); i++)
		for (size_t k = 0; k < ARRAY_SIZE(tints); k++) {
			uint32_t c = wbin_apply_tint(accents[i].rgb, tints[k]);
			if (wbin_color_family(c) != accents[i].f)
				print_error("#%06X at %+.0f%%: #%06X %s\n",
					    (unsigned)accents[i].rgb,
					    tints[k] * 100, (unsigned)c,
					    color_family_name(
						    wbin_color_family(c)));
			assert_int_equal(wbin_color_family(c), accents[i].f);
		}
	assert_string_equal(color_family_name(COLOR_FAMILY_NONE), "none");
}

static void test_tint(void **state)
{
	(void)state;
	/* as Excel shows them and LibreOffice converts them */
	assert_int_equal(wbin_apply_tint(0x4472C4, 0.7999816888943144),
			 0xDAE3F3);
	assert_int_equal(wbin_apply_tint(0xF79646, 0.3999755851924192),
			 0xFAC090);
	assert_int_equal(wbin_apply_tint(0x4F81BD, -0.249977111117893),
			 0x376092);
	assert_int_equal(wbin_apply_tint(0xFFFFFF, -0.0499893185216834),
			 0xF2F2F2);
	assert_int_equal(wbin_apply_tint(0x000000, 0.499984740745262),
			 0x7F7F7F);
	assert_int_equal(wbin_apply_tint(0x123456, 0.0), 0x123456);
}

static void test_sniff(void **state)
{
	(void)state;
	assert_int_equal(wbin_sniff("PK\3\4xxxx", 8), WBIN_SNIFF_ZIP);
	assert_int_equal(wbin_sniff("PK\5\6", 4), WBIN_SNIFF_ZIP);
	assert_int_equal(wbin_sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8),
			 WBIN_SNIFF_CFB);
	assert_int_equal(wbin_sniff("region;", 7), WBIN_SNIFF_NONE);
	assert_int_equal(wbin_sniff("PK", 2), WBIN_SNIFF_NONE);
}

/* ---- hostile workbooks ---- */

/* Messages as printed: "error FILE:SHEET!CELL: text". */
static void loc_sink(void *ctx, const struct diag_msg *m)
{
	struct captured *c = ctx;
	char where[512];

	diag_format_loc(where, sizeof(where), &m->loc);
	if (m->severity == DIAG_ERROR)
		c->errors++;
	else if (m->severity == DIAG_WARNING)
		c->warnings++;
	strbuf_addf(&c->text, "%s %s: %s\n",
		    m->severity == DIAG_ERROR ? "error" : "warning", where,
		    m->text);
}

static void capture_locs(struct captured *c)
{
	capture_start(c);
	diag_set_sink(loc_sink, c);
}

/*
 * Opens path and reads every sheet with opts; the first error message
 * must hold want. Returns the cells read. Each must be done within a
 * second.
 */
static unsigned long refused(const char *path, const struct wbin_opts *opts,
			     const char *want)
{
	struct captured cap;
	struct wbin *wb;
	unsigned long cells = 0;
	clock_t t0 = clock();

	capture_locs(&cap);
	if (wbin_open(path, opts, &wb) == 0) {
		for (size_t i = 0; i < wbin_nsheets(wb); i++) {
			struct wbin_row row;
			int st;
			if (wbin_sheet_open(wb, i))
				continue;
			while ((st = wbin_next_row(wb, &row)) == WBIN_ROW)
				cells += row.ncells;
			/* a failed sheet stays failed */
			if (st == WBIN_FATAL)
				assert_int_equal(wbin_next_row(wb, &row),
						 WBIN_FATAL);
		}
		wbin_close(wb);
	}
	if (!strstr(cap.text.buf, want))
		print_error("%s: wanted '%s', got:\n%s", path, want,
			    cap.text.buf);
	assert_non_null(strstr(cap.text.buf, want));
	assert_true(cap.errors >= 1);
	assert_true(clock() - t0 < CLOCKS_PER_SEC * 4); /* valgrind too */
	capture_stop(&cap);
	return cells;
}

static void test_refused_files(void **state)
{
	(void)state;
	refused(HOSTILE "old.xls", NULL, "Excel 97-2003 workbook (.xls)");
	refused(HOSTILE "encrypted.xlsx", NULL, "encrypted");
	refused(HOSTILE "truncated.xlsx", NULL, "cannot read the workbook's");
	refused(HOSTILE "empty.xlsx", NULL, "not a workbook");
	refused(HOSTILE "not-a-workbook.zip", NULL, "not a workbook");
	refused(HOSTILE "odt.zip", NULL,
		"OpenDocument file but not a "
		"spreadsheet");
	refused("data/orebro-2021.csv", NULL, "not a workbook");
	refused(FIX "no-such-file.xlsx", NULL, "cannot open");
	refused(FIX, NULL, "is a directory");
	refused("/dev/null", NULL, "not a regular file");
}

static void test_zip_bomb(void **state)
{
	struct wbin_opts o;

	(void)state;
	refused(HOSTILE "bomb.xlsx", NULL, "over 200 times its size");
	wbin_opts_init(&o);
	o.max_ratio = 100000;
	o.max_entry_bytes = 8 << 20;
	refused(HOSTILE "bomb.xlsx", &o, "unpack to more than 8 MiB");
	o.max_entry_bytes = 256 << 20;
	o.max_total_bytes = 4 << 20;
	refused(HOSTILE "bomb.xlsx", &o, "the archive unpacks to more than");
	wbin_opts_init(&o);
	o.max_entry_bytes = 1000; /* the declared size is enough */
	refused(FIX "plan.xlsx", &o, "would unpack to more than");
}

static void test_xml_refused(void **state)
{
	(void)state;
	refused(HOSTILE "doctype.xlsx", NULL, "DOCTYPE declaration is not");
	refused(HOSTILE "entity-strings.xlsx", NULL, "DOCTYPE declaration");
	refused(HOSTILE "deep.xlsx", NULL, "nested deeper than 256");
}

static void test_references(void **state)
{
	struct wbin_opts o;

	(void)state;
	refused(HOSTILE "column-xfe.xlsx", NULL, "'XFE1' is not a cell");
	refused(HOSTILE "column-huge.xlsx", NULL, "is not a cell of row 1");
	refused(HOSTILE "row-huge.xlsx", NULL, "is not one from 1 to 1048576");
	refused(HOSTILE "rows-backwards.xlsx", NULL, "row 3 comes after row 5");
	refused(HOSTILE "cell-twice.xlsx", NULL,
		"S!B2: the cell is given "
		"twice");
	refused(HOSTILE "cell-wrong-row.xlsx", NULL,
		"'B3' is not a cell of "
		"row 2");
	refused(HOSTILE "string-index.xlsx", NULL,
		"S!A1: shared string 7 does not exist");
	refused(HOSTILE "strings-declared.xlsx", NULL,
		"more than 2097152 shared strings");
	wbin_opts_init(&o);
	o.max_ratio = 100000; /* past the ratio, to the cap behind it */
	assert_true(refused(HOSTILE "million-cells.xlsx", &o,
			    "more than 16384 cells in row 1") == 0);
	refused(HOSTILE "million-columns.xlsx", &o,
		"a cell beyond column XFD in row 1");
	refused(HOSTILE "token.xlsx", &o, "an XML token longer than 16 MiB");
}

static void test_cells_shuffled(void **state)
{
	struct strbuf got = STRBUF_INIT;
	struct wbin *wb;

	(void)state;
	assert_int_equal(wbin_open(HOSTILE "cells-shuffled.xlsx", NULL, &wb),
			 0);
	assert_int_equal(sheet_transcript(wb, 0, &got), WBIN_EOF);
	/* D2, A2, B2 and one without a reference after B2 */
	assert_string_equal(got.buf, "A2 number '1'\nB2 number '2'\n"
				     "C2 number '3'\nD2 number '4'\n");
	wbin_close(wb);
	strbuf_release(&got);
}

/* Every sheet of path, read with opts. */
static void transcript_with(const char *path, const struct wbin_opts *opts,
			    struct strbuf *out)
{
	struct wbin *wb;

	assert_int_equal(wbin_open(path, opts, &wb), 0);
	for (size_t i = 0; i < wbin_nsheets(wb); i++) {
		strbuf_addf(out, "sheet %zu\n", i);
		if (sheet_transcript(wb, i, out) != WBIN_EOF)
			strbuf_addstr(out, "error\n");
	}
	wbin_close(wb);
}

/* A sheet unpacked once and read again from memory gives the same cells
 * as one unpacked twice (kept in none). */
static void test_sheet_kept_alike(void **state)
{
	static const char *const files[] = {
		FIX "plan.xlsx",	  FIX "plan-lo.xlsx",
		FIX "wide.xlsx",	  FIX "wide-lo.xlsx",
		FIX "per-org.xlsx",	  FIX "per-org-lo.xlsx",
		FIX "fills.xlsx",	  FIX "fills-lo.xlsx",
		FIX "errors.xlsx",	  HOSTILE "merge-prefixed.xlsx",
		HOSTILE "merge-bad.xlsx", HOSTILE "cells-shuffled.xlsx",
	};
	struct wbin_opts streamed;

	(void)state;
	wbin_opts_init(&streamed);
	streamed.max_kept_bytes = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		struct strbuf kept = STRBUF_INIT, twice = STRBUF_INIT;
		struct captured cap;
		capture_locs(&cap);
		transcript_with(files[i], NULL, &kept);
		transcript_with(files[i], &streamed, &twice);
		capture_stop(&cap);
		assert_true(kept.len > 20);
		assert_string_equal(kept.buf, twice.buf);
		strbuf_release(&kept);
		strbuf_release(&twice);
	}
}

static void test_merges(void **state)
{
	struct strbuf got = STRBUF_INIT;
	struct captured cap;
	struct wbin *wb;

	(void)state;
	/* the word mergeCells in a string before the ranges, x: prefixes */
	assert_int_equal(wbin_open(HOSTILE "merge-prefixed.xlsx", NULL, &wb),
			 0);
	assert_int_equal(sheet_transcript(wb, 0, &got), WBIN_EOF);
	assert_string_equal(got.buf,
			    "A1 string 'mergeCells <mergeCells'\n"
			    "B1 string 'mergeCells <mergeCells' merged\n"
			    "A2 string 'mergeCells <mergeCells' merged\n"
			    "B2 string 'mergeCells <mergeCells' merged\n");
	wbin_close(wb);
	strbuf_reset(&got);
	capture_locs(&cap);
	assert_int_equal(wbin_open(HOSTILE "merge-bad.xlsx", NULL, &wb), 0);
	assert_int_equal(sheet_transcript(wb, 0, &got), WBIN_EOF);
	assert_string_equal(got.buf, "A1 string 'x'\nA2 string 'x' merged\n"
				     "A3 string 'x' merged\n");
	assert_non_null(strstr(cap.text.buf, "ignored a merged range"));
	capture_stop(&cap);
	wbin_close(wb);
	strbuf_release(&got);
	/* a range over the whole sheet: the cap, not 17 billion cells */
	refused(HOSTILE "merge-huge.xlsx", NULL,
		"S!65: repeated and merged cells make more than 1048576");
}

static void test_ods_repeats(void **state)
{
	(void)state;
	refused(HOSTILE "rows-repeated.ods", NULL,
		"number-rows-repeated 2000000 is more than 1048576");
	refused(HOSTILE "columns-repeated.ods", NULL,
		"number-columns-repeated 99999 is more than 16384");
	refused(HOSTILE "cells-repeated.ods", NULL,
		"repeated and merged cells make more than 1048576 cells");
	refused(HOSTILE "space-count.ods", NULL, "text:c 999999999 is more");
}

static void test_caps(void **state)
{
	struct wbin_opts o;

	(void)state;
	wbin_opts_init(&o);
	o.max_strings = 3;
	refused(FIX "plan-lo.xlsx", &o, "more than 3 shared strings");
	wbin_opts_init(&o);
	o.max_string_bytes = 100;
	refused(FIX "plan-lo.xlsx", &o, "shared strings hold more than");
	wbin_opts_init(&o);
	o.max_cells = 20;
	refused(FIX "plan.xlsx", &o, "the sheet has more than 20 cells");
	refused(FIX "plan.ods", &o, "the sheet has more than 20 cells");
	wbin_opts_init(&o);
	o.max_cell_bytes = 16;
	refused(FIX "plan.xlsx", &o, "Kumla!A1: cell text longer than 0 KiB");
	refused(FIX "plan.ods", &o, "cell text longer than");
	wbin_opts_init(&o);
	o.max_styles = 4;
	refused(FIX "plan.xlsx", &o, "more than 4 ");
	refused(FIX "plan.ods", &o, "more than 4 ");
	wbin_opts_init(&o);
	o.max_sheets = 2;
	refused(FIX "plan.xlsx", &o, "more than 2 sheets");
	refused(FIX "plan.ods", &o, "more than 2 sheets");
	wbin_opts_init(&o);
	o.max_merges = 2;
	refused(FIX "plan.xlsx", &o, "more than 2 merged ranges");
	refused(FIX "plan.ods", &o, "more than 2 merged ranges");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_openpyxl),
		cmocka_unit_test(test_ods_libreoffice),
		cmocka_unit_test(test_xlsx_libreoffice),
		cmocka_unit_test(test_cell_locations),
		cmocka_unit_test(test_color_families),
		cmocka_unit_test(test_tint),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_refused_files),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_xml_refused),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_cells_shuffled),
		cmocka_unit_test(test_merges),
		cmocka_unit_test(test_sheet_kept_alike),
		cmocka_unit_test(test_ods_repeats),
		cmocka_unit_test(test_caps),
	};

	if (argc == 3 && !strcmp(argv[1], "--dump"))
		return dump(argv[2]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
