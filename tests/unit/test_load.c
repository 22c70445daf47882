/*
 * Loading whole files: layouts, header names, fill-down and defaults,
 * duplicates and conflicts, the current period, and the errors users
 * meet, each with its line and column.
 */
#include "helpers.h"

#include "kmap/agg.h"
#include "kmap/load.h"

struct loaded {
	struct dataset ds;
	struct captured cap;
	int rc;
};

static void load(struct loaded *l, const char *text, const char *opts)
{
	struct load_opts o;
	char *path = temp_file(text, strlen(text));

	load_opts_init(&o);
	if (opts && strstr(opts, "no-fill"))
		o.fill_down = FILL_OFF;
	else if (opts && strstr(opts, "fill-down"))
		o.fill_down = FILL_ON;
	if (opts && strstr(opts, "default-region"))
		o.default_region = "Hallands län";
	if (opts && strstr(opts, "default-org"))
		o.default_organisation = "Region Halland";
	if (opts && strstr(opts, "current-2023"))
		o.current = "2023";
	if (opts && strstr(opts, "header-3"))
		o.csv.header_line = 3;
	if (opts && strstr(opts, "header-1"))
		o.csv.header_line = 1;
	if (opts && strstr(opts, "all"))
		o.all_errors = 1;
	dataset_init(&l->ds, scale_default());
	capture_start(&l->cap);
	l->rc = load_file(&l->ds, path, &o);
	diag_set_sink(NULL, NULL);
	temp_remove(path);
}

static void unload(struct loaded *l)
{
	capture_stop(&l->cap);
	dataset_release(&l->ds);
}

/* The messages without the temporary file's name. */
static const char *messages(struct loaded *l)
{
	return l->cap.text.buf;
}

/* Level of (region, org, occupation, period) or -1 when absent. */
static int level_of(struct loaded *l, const char *region, const char *org,
		    const char *occ, const char *period)
{
	struct dataset *ds = &l->ds;
	int32_t r = name_table_find(&ds->regions, region, strlen(region));
	int32_t o = name_table_find(&ds->organisations, org, strlen(org));
	int32_t c = name_table_find(&ds->occupations, occ, strlen(occ));

	if (r < 0 || o < 0 || c < 0)
		return -1;
	for (uint32_t p = 0; p < ds->nperiods; p++) {
		if (strcmp(ds->periods[p].label, period))
			continue;
		uint32_t u = dataset_unit(ds, (uint32_t)r, (uint32_t)o);
		/* the files of these tests are one round, the first */
		uint32_t row = dataset_row(ds, u, (uint32_t)c, 0);
		uint8_t lv = dataset_level(ds, row, p);
		return lv == LEVEL_NONE ? -1 : lv;
	}
	return -1;
}

static void wide_layout(void **state)
{
	struct loaded l;

	(void)state;
	load(&l,
	     "Län;Organisation;Yrkesbefattning;Nuläge 2021;2022;"
	     "2023-2025;Kommentar\n"
	     "Örebro län;Nora kommun;Sjuksköterska;Brist;brist;Sårbart;"
	     "x\n"
	     "Örebro län;Nora kommun;Läkare;Hållbart;;-;\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_string_equal(messages(&l), "");
	assert_int_equal(level_of(&l, "Örebro län", "Nora kommun",
				  "Sjuksköterska", "2021"),
			 4);
	assert_int_equal(level_of(&l, "örebro län", "NORA KOMMUN",
				  "sjuksköterska", "2023-2025"),
			 3);
	assert_int_equal(
		level_of(&l, "Örebro län", "Nora kommun", "Läkare", "2022"),
		LEVEL_MISSING);
	assert_int_equal(level_of(&l, "Örebro län", "Nora kommun", "Läkare",
				  "2023-2025"),
			 LEVEL_MISSING);
	assert_string_equal(l.ds.inputs[0].layout, "wide");
	assert_int_equal(l.ds.inputs[0].rows, 2);
	assert_int_equal(l.ds.inputs[0].records, 6);
	assert_string_equal(l.ds.periods[l.ds.inputs[0].current].label, "2021");
	unload(&l);
}

static void long_layout(void **state)
{
	struct loaded l;

	(void)state;
	load(&l,
	     " REGION ,Kommun,Yrke,År,Bedömning,Motivering\n"
	     "Halland,Hylte,Kurator,2025,SARBART,\n"
	     "Halland,Hylte,Kurator,Nuläge 2024,hallbart,ok\n"
	     "Halland,Hylte,Kurator,2026–2028,Brist ,\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(level_of(&l, "Halland", "Hylte", "Kurator", "2024"),
			 2);
	assert_int_equal(
		level_of(&l, "Halland", "Hylte", "Kurator", "2026-2028"), 4);
	assert_string_equal(l.ds.inputs[0].layout, "long");
	/* marked Nuläge, though not the first row */
	assert_string_equal(l.ds.periods[l.ds.inputs[0].current].label, "2024");
	unload(&l);
}

static void current_period(void **state)
{
	struct loaded l;
	static const char file[] = "region,org,yrke,2023,2022,2024\n"
				   "R,O,Y,Brist,Brist,Brist\n";

	(void)state;
	load(&l, file, NULL); /* the earliest */
	assert_string_equal(l.ds.periods[l.ds.inputs[0].current].label, "2022");
	unload(&l);
	load(&l, file, "current-2023");
	assert_string_equal(l.ds.periods[l.ds.inputs[0].current].label, "2023");
	unload(&l);
	load(&l, "region,org,yrke,2022,2024\nR,O,Y,Brist,Brist\n",
	     "current-2023");
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_non_null(strstr(messages(&l), "--current '2023' is not a "
					     "period of this file"));
	unload(&l);
	load(&l, "region,org,yrke,Nuläge 2022,Nu 2024\nR,O,Y,Brist,Brist\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_non_null(strstr(messages(&l), "error 1:29 a second current "
					     "period '2024'"));
	unload(&l);
}

static void fill_down_and_defaults(void **state)
{
	struct loaded l;
	static const char merged[] = "Län\tOrganisation\tYrke\t2024\n"
				     "Halland\tHylte\tKurator\tBrist\n"
				     "\t\tLäkare\tHållbart\n"
				     "\tLaholm\tKurator\tSårbart\n";

	(void)state;
	/* Excel's merged cells are filled by themselves, with a warning */
	load(&l, merged, NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(level_of(&l, "Halland", "Hylte", "Läkare", "2024"), 2);
	assert_string_equal(messages(&l),
			    "warning 3:1 2 empty region cells filled from the "
			    "row above (merged cells in Excel?)\n"
			    "warning 3:2 1 empty organisation cell filled from "
			    "the row above (merged cells in Excel?)\n");
	unload(&l);
	load(&l, merged, "no-fill");
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_string_equal(messages(&l), "error 3:1 empty region\n");
	unload(&l);
	/* asked for: no warning */
	load(&l, merged, "fill-down");
	assert_int_equal(l.rc, LOAD_OK);
	assert_string_equal(messages(&l), "");
	assert_int_equal(level_of(&l, "Halland", "Hylte", "Läkare", "2024"), 2);
	assert_int_equal(level_of(&l, "Halland", "Laholm", "Kurator", "2024"),
			 3);
	unload(&l);
	load(&l, "Yrke;2024\nKurator;Brist\n", NULL);
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_string_equal(messages(&l), "error 1:1 missing columns "
					  "'region' and 'organisation'; found "
					  "'Yrke', '2024'\n");
	unload(&l);
	load(&l, "Yrke;2024\nKurator;Brist\n", "default-region default-org");
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(level_of(&l, "Hallands län", "Region Halland",
				  "Kurator", "2024"),
			 4);
	unload(&l);
}

static void duplicates_and_conflicts(void **state)
{
	struct loaded l;

	(void)state;
	load(&l,
	     "region,org,yrke,år,läge\n"
	     "R,O,Y,2024,Brist\n"
	     "r,o,y ,2024,BRIST\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(l.ds.records, 1);
	assert_int_equal(l.ds.duplicates, 1);
	assert_string_equal(messages(&l), "warning 3:13 duplicate of line 2 "
					  "(R / O / Y / 2024); counted once\n");
	unload(&l);
	load(&l,
	     "region,org,yrke,år,läge\n"
	     "R,O,Y,2024,Brist\n"
	     "R,O,Y,2024,Hållbart\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_string_equal(messages(&l),
			    "error 3:12 conflicting rating 'Hållbart' for R / "
			    "O / Y / 2024: line 2 says 'Brist'\n");
	unload(&l);
}

static void value_errors(void **state)
{
	struct loaded l;

	(void)state;
	load(&l,
	     "region,org,yrke,2024,2025\n"
	     "R,O,Y,Bristt,#N/A\n"
	     "R,O,Z,Brist,Hållbart,,\n"
	     "R,O,Å,Brist,Hållbart,x\n"
	     "R,O,Ä,Brist\n"
	     "R,O,,Brist,Brist\n",
	     "all no-fill");
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_string_equal(messages(&l),
			    "error 2:7 unknown rating 'Bristt'\n"
			    "error 2:14 spreadsheet error value '#N/A'\n"
			    "error 4:22 data in unnamed column 6\n"
			    "error 5:0 expected 5 fields, got 4\n"
			    "error 6:5 empty occupation\n");
	assert_int_equal(l.ds.records, 2); /* row 3 only */
	unload(&l);
	/* not validating: the first error stops the file */
	load(&l, "region,org,yrke,2024\nR,O,Y,x\nR,O,Y,y\n", NULL);
	assert_int_equal(l.cap.errors, 1);
	unload(&l);
}

static void header_problems(void **state)
{
	struct loaded l;

	(void)state;
	/* title rows above the header: found, with a note */
	load(&l,
	     "Kompetensbehov 2024;;;\n;;;\nLän;Org;Yrke;2024\n"
	     "R;O;Y;Brist\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(l.ds.records, 1);
	assert_string_equal(messages(&l),
			    "note 3:0 the header is on line 3; lines 1-2 "
			    "above it are read as a title\n");
	unload(&l);
	/* a --header-line that is wrong is still an error, with the hint */
	load(&l,
	     "Kompetensbehov 2024;;;\n;;;\nLän;Org;Yrke;2024\n"
	     "R;O;Y;Brist\n",
	     "header-1");
	assert_int_equal(l.rc, LOAD_ERRORS);
	assert_string_equal(messages(&l),
			    "error 1:1 the header is not in line 1 (no "
			    "'yrke', 'region' and 'organisation'); it looks "
			    "like line 3\n");
	unload(&l);
	load(&l,
	     "Kompetensbehov 2024;;;\n;;;\nLän;Org;Yrke;2024\n"
	     "R;O;Y;Brist\n",
	     "header-3");
	assert_int_equal(l.rc, LOAD_OK);
	unload(&l);
	load(&l, "region,org,yrke,År,År,läge\n", NULL);
	assert_string_equal(messages(&l), "error 1:20 duplicate column 'År'\n");
	unload(&l);
	load(&l, "region,org,yrke,Nuläge,2022\n", NULL);
	assert_string_equal(messages(&l),
			    "error 1:17 column 'Nuläge' names no year\n");
	unload(&l);
	load(&l, "", NULL);
	assert_string_equal(messages(&l), "error 0:0 no header row\n");
	unload(&l);
	load(&l, "region,org,yrke,2024\n", NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_string_equal(messages(&l), "warning 0:0 no data rows\n");
	unload(&l);
	/* a column without header but with data */
	load(&l, "region,org,yrke,2024,\nR,O,Y,Brist,x\n", NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_string_equal(messages(&l), "warning 2:13 column 5 has data but "
					  "no header; ignored\n");
	unload(&l);
}

static void excel_shapes(void **state)
{
	struct loaded l;

	(void)state;
	/* Windows-1252, ';', CRLF, trailing empty columns and rows */
	load(&l,
	     "L\xE4n;Kommun;Yrke;\xC5r;Bed\xF6mning;;\r\n"
	     "Halland;Hylte;Sjuksk\xF6terska;2024;S\xE5rbart;;\r\n"
	     ";;;;;;\r\n;;;;;;\r\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(
		level_of(&l, "Halland", "Hylte", "Sjuksköterska", "2024"), 3);
	assert_string_equal(l.ds.inputs[0].encoding, "cp1252");
	assert_int_equal(l.ds.inputs[0].rows, 1);
	unload(&l);
}

/* Two names given one code are one name: rows and records merge. */
static void names_with_one_code(void **state)
{
	struct loaded l;
	struct dataset *ds = &l.ds;

	(void)state;
	load(&l,
	     "Region;Organisation;Yrke;2024;2025\n"
	     "R;O;Usk;Brist;Brist\n"
	     "R;O;Undersköterska;Brist;Brist\n"
	     "R;O2;Undersköterska;Sårbart;Brist\n"
	     "R;O;Läkare;Hållbart;Sårbart\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	assert_int_equal(ds->nrows, 4);
	name_table_set_code(
		&ds->occupations,
		(uint32_t)name_table_find(&ds->occupations, "Usk", 3), "5321",
		4);
	name_table_set_code(&ds->occupations,
			    (uint32_t)name_table_find(&ds->occupations,
						      "undersköterska",
						      strlen("undersköterska")),
			    "5321", 4);
	assert_int_equal(ds->records, 8);
	assert_int_equal(dataset_unify_codes(ds), 0);
	assert_int_equal(ds->occupations.n, 2);
	assert_int_equal(ds->nrows, 3);
	assert_int_equal(ds->records, 6);
	assert_int_equal(ds->duplicates, 2);
	assert_int_equal(level_of(&l, "R", "O", "Usk", "2024"), 4);
	assert_int_equal(level_of(&l, "R", "O2", "Usk", "2024"), 3);
	assert_int_equal(level_of(&l, "R", "O", "Undersköterska", "2025"), 4);
	assert_int_equal(level_of(&l, "R", "O", "Läkare", "2025"), 3);
	unload(&l);

	/* two ratings of one record: an error naming both lines */
	load(&l,
	     "Region;Organisation;Yrke;2024\n"
	     "R;O;Usk;Brist\n"
	     "R;O;Undersköterska;Sårbart\n",
	     NULL);
	assert_int_equal(l.rc, LOAD_OK);
	for (uint32_t id = 0; id < ds->occupations.n; id++)
		name_table_set_code(&ds->occupations, id, "5321", 4);
	diag_set_sink(capture_sink, &l.cap);
	assert_int_equal(dataset_unify_codes(ds), -1);
	diag_set_sink(NULL, NULL);
	assert_int_equal(l.cap.errors, 1);
	assert_non_null(strstr(messages(&l), "error 3:0 conflicting rating "
					     "'Sårbart' for R / O / "));
	assert_non_null(strstr(messages(&l), ":2 says 'Brist'"));
	unload(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wide_layout),
		cmocka_unit_test(long_layout),
		cmocka_unit_test(current_period),
		cmocka_unit_test(fill_down_and_defaults),
		cmocka_unit_test(duplicates_and_conflicts),
		cmocka_unit_test(value_errors),
		cmocka_unit_test(header_problems),
		cmocka_unit_test(excel_shapes),
		cmocka_unit_test(names_with_one_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
