/*
 * --context FILE (context.h) on hand-made files: header words matched
 * loosely, numbers as HR files write them, names matched as the data's
 * (NFC, case, spaces), a region column when there is one, lines that
 * match nothing warned about with their line, errors with FILE:LINE:COL;
 * and the ranking weighted by headcount, computed by hand.
 */
#include <math.h>

#include "helpers.h"

#include "kmap/context.h"
#include "kmap/critical.h"

struct fixture {
	struct dataset ds;
	unsigned long line;
	uint32_t input;
};

static uint32_t period(struct dataset *ds, int year)
{
	struct period_value pv = { year, year, 0, 0 };

	return dataset_period(ds, &pv);
}

static uint32_t rate(struct fixture *f, const char *region, const char *org,
		     const char *occ, uint8_t now, uint8_t then)
{
	struct dataset *ds = &f->ds;
	int32_t r = name_table_intern(&ds->regions, region, strlen(region));
	int32_t o = name_table_intern(&ds->organisations, org, strlen(org));
	int32_t c = name_table_intern(&ds->occupations, occ, strlen(occ));
	uint32_t row = dataset_row(
		ds, dataset_unit(ds, (uint32_t)r, (uint32_t)o), (uint32_t)c, 0);
	uint32_t earlier;

	f->line++;
	assert_int_equal(dataset_add(ds, row, period(ds, 2025), now, f->input,
				     f->line, &earlier),
			 DATASET_ADDED);
	assert_int_equal(dataset_add(ds, row, period(ds, 2027), then, f->input,
				     f->line, &earlier),
			 DATASET_ADDED);
	return row;
}

enum { H = 2, S = 3, B = 4 };

/*
 * Västmanlands län: Sjuksköterska at Region Västmanland (H->B) and
 * Västerås stad (S->S); Kock at Västerås stad (H->H). Uppsala län: Kock at
 * Uppsala kommun (S->B).
 */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *vm = "Västmanlands län";

	dataset_init(&f->ds, scale_default());
	f->input = dataset_begin_input(&f->ds, "data.csv");
	rate(f, vm, "Region Västmanland", "Sjuksköterska", H, B);
	rate(f, vm, "Västerås stad", "Sjuksköterska", S, S);
	rate(f, vm, "Västerås stad", "Kock", H, H);
	rate(f, "Uppsala län", "Uppsala kommun", "Kock", S, B);
	dataset_end_input(&f->ds, f->input, f->line);
	f->ds.inputs[f->input].current = (int32_t)period(&f->ds, 2025);
	f->ds.periods[period(&f->ds, 2025)].current = 1;
	name_table_finish(&f->ds.regions);
	name_table_finish(&f->ds.organisations);
	name_table_finish(&f->ds.occupations);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	dataset_release(&f->ds);
	free(f);
	return 0;
}

static int load(struct context *cx, const struct dataset *ds, const char *text,
		struct captured *c, char **path)
{
	int rc;

	*path = temp_file(text, strlen(text));
	capture_start(c);
	rc = context_load(cx, *path, ds);
	diag_set_sink(NULL, NULL);
	return rc;
}

static uint32_t row_of(const struct dataset *ds, const char *org,
		       const char *occ)
{
	uint32_t rows[4];

	assert_int_equal(context_match(ds, NULL, org, occ, rows, 4), 1);
	return rows[0];
}

static void reads_and_matches(void **state)
{
	struct fixture *f = *state;
	/* "VÄSTERÅS" decomposed (A + U+0308, A + U+030A), with spaces */
	static const char text[] =
		"Kommun;Yrkesbefattning;Antal anställda;Pensionsavgångar "
		"inom 5 år;Vakanser (antal);Övrigt\n"
		"Region Västmanland;Sjuksköterska;1 450;160;;x\n"
		"VA\xcc\x88STERA\xcc\x8aS  STAD; sjuksköterska ;180;24,5;-;\n"
		"Västerås stad;Kock;12;1;0;\n"
		"Sala kommun;Kock;3;0;0;\n";
	struct context cx;
	struct captured c;
	char *path;

	assert_int_equal(load(&cx, &f->ds, text, &c, &path), 0);
	assert_true(context_has(&cx, CONTEXT_HEADCOUNT));
	assert_true(context_has(&cx, CONTEXT_RETIREMENTS));
	assert_true(context_has(&cx, CONTEXT_VACANCIES));
	assert_false(context_has(&cx, CONTEXT_RECRUITMENT));
	assert_int_equal(cx.lines, 4);
	assert_int_equal(cx.matched, 3);
	uint32_t region = row_of(&f->ds, "Region Västmanland", "Sjuksköterska");
	uint32_t city = row_of(&f->ds, "Västerås stad", "Sjuksköterska");
	assert_true(context_value(&cx, region, CONTEXT_HEADCOUNT) == 1450);
	assert_true(isnan(context_value(&cx, region, CONTEXT_VACANCIES)));
	assert_true(context_value(&cx, city, CONTEXT_HEADCOUNT) == 180);
	assert_true(context_value(&cx, city, CONTEXT_RETIREMENTS) == 24.5);
	assert_true(isnan(context_value(&cx, city, CONTEXT_VACANCIES)));
	/* the unused column is a note; Sala takes no part: one warning */
	assert_int_equal(c.warnings, 1);
	assert_non_null(strstr(c.text.buf, "warning 5:0 no record for "
					   "organisation 'Sala kommun'"));
	assert_non_null(strstr(c.text.buf, "note 1:"));
	capture_stop(&c);
	context_release(&cx);
	temp_remove(path);
}

static void region_column(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "Län,Organisation,Yrke,Headcount\n"
				   "Uppsala län,Uppsala kommun,Kock,7\n"
				   "Västmanlands län,Uppsala kommun,Kock,9\n";
	uint32_t rows[4];
	struct context cx;
	struct captured c;
	char *path;

	/* without a region, Kock at Uppsala kommun is one row */
	assert_int_equal(
		context_match(&f->ds, NULL, "uppsala kommun", "KOCK", rows, 4),
		1);
	assert_int_equal(context_match(&f->ds, "Västmanlands län",
				       "Uppsala kommun", "Kock", rows, 4),
			 0);
	assert_int_equal(load(&cx, &f->ds, text, &c, &path), 0);
	assert_true(context_value(&cx, rows[0], CONTEXT_HEADCOUNT) == 7);
	assert_int_equal(c.warnings, 1); /* not in Västmanland */
	assert_non_null(strstr(c.text.buf, "warning 3:0"));
	capture_stop(&c);
	context_release(&cx);
	temp_remove(path);
}

static void errors(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "Organisation;Yrke;Antal anställda\nA;Kock;-3\n",
		  "error 2:8 anställda '-3' is not a number" },
		{ "Organisation;Yrke;Antal anställda\nA;Kock;12 st\n",
		  "error 2:8 anställda '12 st' is not a number" },
		{ "Organisation;Yrke;Antal anställda\n\"Västerås stad;Kock;1\n",
		  "error 2:1 " },
		{ "Organisation;Yrke;Antal anställda\n"
		  "Västerås stad;Kock;1\nvästerås STAD;kock;2\n",
		  "error 3:0 organisation 'västerås STAD' and occupation "
		  "'kock' are given twice" },
		{ "Organisation;Antal anställda\nA;1\n",
		  "error 1:0 the context file needs an organisation and an "
		  "occupation column" },
		{ "Organisation;Yrke;Kommentar\nA;Kock;x\n",
		  "error 1:0 the context file has no column of volumes" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct context cx;
		struct captured c;
		char *path;
		assert_int_equal(load(&cx, &f->ds, cases[i].text, &c, &path),
				 -1);
		if (!strstr(c.text.buf, cases[i].want))
			fail_msg("case %zu: %s", i, c.text.buf);
		capture_stop(&c);
		context_release(&cx);
		temp_remove(path);
	}
}

/*
 * Weighted by headcount, Sjuksköterska in 2027: Region Västmanland (1450)
 * says Brist, Västerås stad (180) Sårbart: brist share 1450/1630 =
 * 0.8896 where unweighted it is 1/2. Kock: Västerås stad (12) Hållbart,
 * Uppsala kommun (no headcount) Brist: weighted its Brist weighs nothing,
 * so the brist share is 0 and it is not critical, where unweighted (1/2)
 * it is; one rating without a headcount is warned about.
 */
static void weighted(void **state)
{
	struct fixture *f = *state;
	static const char text[] = "Organisation;Yrke;Antal anställda\n"
				   "Region Västmanland;Sjuksköterska;1450\n"
				   "Västerås stad;Sjuksköterska;180\n"
				   "Västerås stad;Kock;12\n";
	const struct filter none = { 0 };
	struct context cx;
	struct captured c;
	struct crit_list plain, heavy;
	struct agg a;
	char *path;

	assert_int_equal(load(&cx, &f->ds, text, &c, &path), 0);
	capture_stop(&c);
	const struct crit_opts po = { 0, 0.5, 1, &cx, 0, 0 },
			       wo = { 0, 0.5, 1, &cx, 1, 0 };
	assert_int_equal(agg_build(&a, &f->ds, &none, AGG_CHANGES), 0);
	crit_build(&plain, &a, &po);
	capture_start(&c);
	crit_build(&heavy, &a, &wo);
	diag_set_sink(NULL, NULL);
	assert_int_equal(c.warnings, 1);
	assert_non_null(strstr(c.text.buf, "no headcount for 1 rated "
					   "occupation"));
	capture_stop(&c);
	for (uint32_t i = 0; i < 2; i++) {
		const struct crit *p = &plain.v[i], *w = &heavy.v[i];
		const char *occ =
			name_display(&f->ds.occupations, p->occupation);
		assert_true(p->brist == 0.5);
		assert_int_equal(p->critical, 1);
		if (!strcmp(occ, "Sjuksköterska")) {
			assert_true(fabs(w->brist - 1450.0 / 1630) < 1e-12);
			assert_int_equal(w->critical, 1);
			assert_true(w->volume[CONTEXT_HEADCOUNT] == 1630);
			assert_int_equal(w->volume_n[CONTEXT_HEADCOUNT], 2);
		} else {
			assert_true(w->brist == 0);
			assert_int_equal(w->critical, 0);
			assert_true(w->volume[CONTEXT_HEADCOUNT] == 12);
			assert_int_equal(w->volume_n[CONTEXT_HEADCOUNT], 1);
		}
		/* the n stays the organisations */
		assert_int_equal(w->rated, 2);
		assert_int_equal(w->brist_n, 1);
	}
	/* weighted, Sjuksköterska (0.89) ranks before Kock (0) */
	assert_string_equal(
		name_display(&f->ds.occupations, heavy.v[0].occupation),
		"Sjuksköterska");
	crit_release(&plain);
	crit_release(&heavy);
	agg_release(&a);
	context_release(&cx);
	temp_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_and_matches, setup,
						teardown),
		cmocka_unit_test_setup_teardown(region_column, setup, teardown),
		cmocka_unit_test_setup_teardown(errors, setup, teardown),
		cmocka_unit_test_setup_teardown(weighted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
