/*
 * Manifests (manifest.h): which files are manifests, the settings of
 * each line, paths relative to the manifest, and the errors of a bad one
 * at their line and column.
 */
#include "helpers.h"

#include "kmap/manifest.h"

static int read_text(const char *text, struct manifest *m, struct captured *c)
{
	struct load_opts base;
	char *path = temp_file(text, strlen(text));
	int rc;

	load_opts_init(&base);
	base.current = "2024";
	capture_start(c);
	rc = manifest_read(m, path, &base);
	temp_remove(path);
	return rc;
}

static void test_settings_per_line(void **state)
{
	struct manifest m;
	struct captured c;

	(void)state;
	assert_int_equal(
		read_text("fil;organisation;rubrikrad;fyll_nedåt;"
			  "teckenkodning;avgränsare;omgång;blad\n"
			  "kumla.csv;Kumla kommun;4;ja;cp1252;tab;2025;"
			  "Kumla\n"
			  "/abs/orebro.xlsx;;;nej;;;;\n"
			  ";;;;;;;\n",
			  &m, &c),
		MANIFEST_READ);
	assert_int_equal(c.errors, 0);
	assert_int_equal(m.n, 2);
	/* relative to the manifest's folder, /tmp */
	assert_string_equal(m.v[0].path, "/tmp/kumla.csv");
	assert_int_equal(m.v[0].line, 2);
	assert_string_equal(m.v[0].opts.default_organisation, "Kumla kommun");
	assert_int_equal(m.v[0].opts.csv.header_line, 4);
	assert_int_equal(m.v[0].opts.fill_down, FILL_ON);
	assert_int_equal(m.v[0].opts.csv.encoding, KMAP_ENC_CP1252);
	assert_int_equal(m.v[0].opts.csv.delimiter, '\t');
	assert_string_equal(m.v[0].round, "2025");
	assert_string_equal(m.v[0].sheet, "Kumla");
	/* the command line's options stay where a cell is empty */
	assert_string_equal(m.v[0].opts.current, "2024");
	assert_string_equal(m.v[1].path, "/abs/orebro.xlsx");
	assert_null(m.v[1].opts.default_organisation);
	assert_int_equal(m.v[1].opts.fill_down, FILL_OFF);
	assert_null(m.v[1].round);
	manifest_release(&m);
	capture_stop(&c);
}

static void test_english_names_any_case(void **state)
{
	struct manifest m;
	struct captured c;

	(void)state;
	assert_int_equal(read_text("\xEF\xBB\xBF"
				   "File,Region,Header Line,Round\n"
				   "a.csv,Örebro län,2,2024\n",
				   &m, &c),
			 MANIFEST_READ);
	assert_int_equal(m.n, 1);
	assert_string_equal(m.v[0].opts.default_region, "Örebro län");
	assert_int_equal(m.v[0].opts.csv.header_line, 2);
	manifest_release(&m);
	capture_stop(&c);
}

static void test_exports_are_not_manifests(void **state)
{
	struct manifest m;
	struct captured c;

	(void)state;
	assert_int_equal(
		read_text("Region;Organisation;Yrke;2024\nR;O;Y;Brist\n", &m,
			  &c),
		MANIFEST_NOT);
	manifest_release(&m);
	capture_stop(&c);
	/* a file column beside an occupation column: still data */
	assert_int_equal(read_text("Fil;Region;Organisation;Yrke;2024\n"
				   "x;R;O;Y;Brist\n",
				   &m, &c),
			 MANIFEST_NOT);
	assert_int_equal(c.errors, 0);
	manifest_release(&m);
	capture_stop(&c);
	assert_int_equal(manifest_read(&m, "-", NULL), MANIFEST_NOT);
}

static void test_errors_at_their_cells(void **state)
{
	struct manifest m;
	struct captured c;

	(void)state;
	assert_int_equal(read_text("fil;rubrikrad;teckenkodning;fyll_nedåt\n"
				   "a.csv;fyra;latin-9;kanske\n"
				   ";3;;\n",
				   &m, &c),
			 MANIFEST_ERROR);
	assert_string_equal(c.text.buf,
			    "error 2:7 header line 'fyra' is not a line "
			    "number\n"
			    "error 2:20 fill-down 'kanske' is neither yes "
			    "nor no\n"
			    "error 2:12 unknown encoding 'latin-9'\n"
			    "error 3:1 no file on this line\n");
	manifest_release(&m);
	capture_stop(&c);
	assert_int_equal(read_text("fil;omgang;kolumn\na.csv;1;x\n", &m, &c),
			 MANIFEST_ERROR);
	assert_string_equal(c.text.buf,
			    "error 1:12 unknown manifest column 'kolumn'\n");
	manifest_release(&m);
	capture_stop(&c);
	assert_int_equal(read_text("fil\n\n", &m, &c), MANIFEST_ERROR);
	assert_int_equal(c.errors, 1);
	manifest_release(&m);
	capture_stop(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings_per_line),
		cmocka_unit_test(test_english_names_any_case),
		cmocka_unit_test(test_exports_are_not_manifests),
		cmocka_unit_test(test_errors_at_their_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
