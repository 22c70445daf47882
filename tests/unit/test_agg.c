/*
 * Counting and the measures of SPEC §4 on small hand-computed cases,
 * including periods where nothing is rated (null, not 0) and filters.
 */
#include <math.h>

#include "helpers.h"

#include "kmap/agg.h"

struct fixture {
	struct dataset ds;
};

static uint32_t add(struct dataset *ds, const char *region, const char *org,
		    const char *occ, int first, uint8_t level)
{
	struct period_value pv = { first, first, 0, 0 };
	int32_t r = name_table_intern(&ds->regions, region, strlen(region));
	int32_t o = name_table_intern(&ds->organisations, org, strlen(org));
	int32_t c = name_table_intern(&ds->occupations, occ, strlen(occ));
	uint32_t u = dataset_unit(ds, (uint32_t)r, (uint32_t)o);
	uint32_t row = dataset_row(ds, u, (uint32_t)c, 0);
	uint32_t earlier;
	static unsigned long line = 1;

	return dataset_add(ds, row, dataset_period(ds, &pv), level, 0, ++line,
			   &earlier);
}

/*
 * Two regions. 2024: Nora Brist, Hylte Sårbart, Laholm Hållbart,
 * Örebro missing. 2025: Nora Brist, Hylte Brist, Laholm Övertalighet.
 * 2023: only missing.
 */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	dataset_init(&f->ds, scale_default());
	dataset_begin_input(&f->ds, "test.csv");
	add(&f->ds, "Örebro län", "Nora", "Kurator", 2024, 4);
	add(&f->ds, "Örebro län", "Örebro", "Kurator", 2024, LEVEL_MISSING);
	add(&f->ds, "Hallands län", "Hylte", "Kurator", 2024, 3);
	add(&f->ds, "Hallands län", "Laholm", "Läkare", 2024, 2);
	add(&f->ds, "Örebro län", "Nora", "Kurator", 2025, 4);
	add(&f->ds, "Hallands län", "Hylte", "Kurator", 2025, 4);
	add(&f->ds, "Hallands län", "Laholm", "Läkare", 2025, 1);
	add(&f->ds, "Örebro län", "Örebro", "Kurator", 2023, LEVEL_MISSING);
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

static uint32_t period_id(const struct dataset *ds, const char *label)
{
	for (uint32_t p = 0; p < ds->nperiods; p++)
		if (!strcmp(ds->periods[p].label, label))
			return p;
	fail();
	return 0;
}

static void measures(void **state)
{
	struct fixture *f = *state;
	const struct scale *sc = f->ds.scale;
	struct filter none = { 0 };
	struct agg a;
	const struct stats *s;

	assert_int_equal(agg_build(&a, &f->ds, &none, 0), 0);
	/* periods come sorted by year */
	assert_int_equal(a.nperiods, 3);
	assert_string_equal(f->ds.periods[a.periods[0]].label, "2023");
	assert_string_equal(f->ds.periods[a.periods[2]].label, "2025");

	s = agg_total(&a, period_id(&f->ds, "2024"));
	assert_int_equal(s->level[3], 1);
	assert_int_equal(s->level[2], 1);
	assert_int_equal(s->level[1], 1);
	assert_int_equal(s->missing, 1);
	assert_int_equal(stats_rated(s, sc), 3);
	assert_true(fabs(stats_risk(s, sc) - 2.0 / 3) < 1e-12);
	assert_true(fabs(stats_index(s, sc) - 3.0) < 1e-12); /* (4+3+2)/3 */
	assert_true(fabs(stats_share(s, sc, 4) - 1.0 / 3) < 1e-12);

	s = agg_total(&a, period_id(&f->ds, "2025"));
	assert_true(fabs(stats_risk(s, sc) - 2.0 / 3) < 1e-12);
	assert_true(fabs(stats_index(s, sc) - 3.0) < 1e-12); /* (4+4+1)/3 */

	/* nothing rated: every ratio is undefined, not 0 */
	s = agg_total(&a, period_id(&f->ds, "2023"));
	assert_int_equal(stats_rated(s, sc), 0);
	assert_int_equal(s->missing, 1);
	assert_true(stats_risk(s, sc) < 0);
	assert_true(stats_index(s, sc) < 0);
	assert_true(stats_share(s, sc, 1) < 0);

	/* groups in Swedish order: Hallands län before Örebro län */
	assert_int_equal(a.nregions, 2);
	assert_string_equal(name_display(&f->ds.regions, a.regions[0]),
			    "Hallands län");
	assert_int_equal(a.nunits, 4);
	const struct unit *u = &f->ds.units[a.units[3]];
	assert_string_equal(name_display(&f->ds.organisations, u->org),
			    "Örebro");
	assert_string_equal(name_display(&f->ds.occupations, a.occupations[0]),
			    "Kurator");
	s = agg_region(&a, a.regions[0], period_id(&f->ds, "2025"));
	assert_int_equal(s->level[3], 1);
	assert_int_equal(s->level[0], 1);
	agg_release(&a);
}

static void filters(void **state)
{
	struct fixture *f = *state;
	const char *regions[] = { "ÖREBRO LÄN" };
	const char *periods[] = { "2025" };
	const char *occs[] = { "Läkare", "Tandläkare" };
	struct filter flt = { 0 };
	struct captured cap;
	struct agg a;

	flt.regions = regions;
	flt.nregions = 1;
	flt.periods = periods;
	flt.nperiods = 1;
	assert_int_equal(agg_build(&a, &f->ds, &flt, 0), 0);
	assert_int_equal(a.nperiods, 1);
	assert_int_equal(a.nregions, 1);
	assert_int_equal(a.nunits, 1); /* Örebro has no 2025 record */
	const struct stats *s = agg_total(&a, a.periods[0]);
	assert_int_equal(stats_rated(s, f->ds.scale), 1);
	agg_release(&a);

	memset(&flt, 0, sizeof(flt));
	flt.occupations = occs;
	flt.noccupations = 2;
	capture_start(&cap);
	assert_int_equal(agg_build(&a, &f->ds, &flt, 0), 0);
	assert_string_equal(cap.text.buf, "warning 0:0 no occupation matches "
					  "'Tandläkare'\n");
	capture_stop(&cap);
	assert_int_equal(a.noccupations, 1);
	assert_int_equal(a.nregions, 1);
	agg_release(&a);
}

static void duplicates_in_store(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(add(&f->ds, "Örebro län", "Nora", "Kurator", 2024, 4),
			 DATASET_DUPLICATE);
	assert_int_equal(add(&f->ds, "örebro län", "NORA", "kurator", 2024, 3),
			 DATASET_CONFLICT);
	assert_int_equal(f->ds.records, 8);
	/* a cell holds 28 bits of line number */
	struct period_value pv = { 2030, 2030, 0, 0 };
	uint32_t p = dataset_period(&f->ds, &pv), earlier;
	assert_int_equal(dataset_add(&f->ds, 0, p, 2, 0,
				     DATASET_MAX_LINES + 1ul, &earlier),
			 DATASET_FULL);
	assert_int_equal(
		dataset_add(&f->ds, 0, p, 2, 0, DATASET_MAX_LINES, &earlier),
		DATASET_ADDED);
	assert_int_equal(dataset_gline(&f->ds, 0, p), DATASET_MAX_LINES);
	assert_int_equal(dataset_level(&f->ds, 0, p), 2);
}

/* ---- change over time and disagreement ------------------------------ */

static void add_in(struct dataset *ds, uint32_t input, const char *org,
		   const char *occ, int year, uint8_t level, unsigned long line)
{
	struct period_value pv = { year, year, 0, 0 };
	int32_t r = name_table_intern(&ds->regions, "Hallands län", 12);
	int32_t o = name_table_intern(&ds->organisations, org, strlen(org));
	int32_t c = name_table_intern(&ds->occupations, occ, strlen(occ));
	uint32_t row = dataset_row(
		ds, dataset_unit(ds, (uint32_t)r, (uint32_t)o), (uint32_t)c, 0);
	uint32_t earlier;

	assert_int_equal(dataset_add(ds, row, dataset_period(ds, &pv), level,
				     input, line, &earlier),
			 DATASET_ADDED);
}

static void set_current(struct dataset *ds, uint32_t input, int year)
{
	int32_t p = dataset_find_period(ds, year, year);

	assert_true(p >= 0);
	ds->inputs[input].current = p;
	ds->periods[p].current = 1;
}

/*
 * File a.csv (Nuläge 2024):  Nora    Kurator  2024 S, 2025 B, 2026 H
 *                            Hylte   Kurator  2024 B, 2025 B, 2026 -
 *                            Laholm  Läkare   2024 -, 2025 B
 *                            Ystad   Kurator  2024 H
 * File b.csv (Nuläge 2025):  Varberg Kurator  2024 H, 2025 S, 2026 B
 *                            Ystad   Kurator  2026 B
 * By hand, from each row's current period (Ystad: the earlier, 2024):
 *   2025: Nora S->B worse, Hylte B->B same             (Laholm: missing)
 *   2026: Nora S->H better, Varberg S->B worse, Ystad H->B worse
 * Varberg's 2024 comes before its current period and is not compared.
 */
static int setup_change(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct dataset *ds = &f->ds;
	uint32_t a, b;

	dataset_init(ds, scale_default());
	a = dataset_begin_input(ds, "a.csv");
	add_in(ds, a, "Nora", "Kurator", 2024, 3, 2);
	add_in(ds, a, "Nora", "Kurator", 2025, 4, 2);
	add_in(ds, a, "Nora", "Kurator", 2026, 2, 2);
	add_in(ds, a, "Hylte", "Kurator", 2024, 4, 3);
	add_in(ds, a, "Hylte", "Kurator", 2025, 4, 3);
	add_in(ds, a, "Hylte", "Kurator", 2026, LEVEL_MISSING, 3);
	add_in(ds, a, "Laholm", "Läkare", 2024, LEVEL_MISSING, 4);
	add_in(ds, a, "Laholm", "Läkare", 2025, 4, 4);
	add_in(ds, a, "Ystad", "Kurator", 2024, 2, 5);
	dataset_end_input(ds, a, 5);
	b = dataset_begin_input(ds, "b.csv");
	add_in(ds, b, "Varberg", "Kurator", 2024, 2, 2);
	add_in(ds, b, "Varberg", "Kurator", 2025, 3, 2);
	add_in(ds, b, "Varberg", "Kurator", 2026, 4, 2);
	add_in(ds, b, "Ystad", "Kurator", 2026, 4, 3);
	dataset_end_input(ds, b, 3);
	set_current(ds, a, 2024);
	set_current(ds, b, 2025);
	*state = f;
	return 0;
}

static void changes(void **state)
{
	struct fixture *f = *state;
	struct dataset *ds = &f->ds;
	uint32_t p2024 = (uint32_t)dataset_find_period(ds, 2024, 2024);
	uint32_t p2025 = (uint32_t)dataset_find_period(ds, 2025, 2025);
	uint32_t p2026 = (uint32_t)dataset_find_period(ds, 2026, 2026);
	struct filter none = { 0 };
	const char *only2026[] = { "2026" };
	struct filter f2026 = { 0 };
	const struct change *c;
	struct agg a;

	assert_int_equal(agg_build(&a, ds, &none, AGG_CHANGES), 0);
	assert_int_equal(a.first_current, (int32_t)p2024);
	assert_false(agg_future(&a, p2024));
	assert_true(agg_future(&a, p2025));

	c = &a.ch_total[p2024];
	assert_int_equal(change_compared(c), 0);
	c = &a.ch_total[p2025];
	assert_int_equal(c->worse, 1);
	assert_int_equal(c->same, 1);
	assert_int_equal(c->better, 0);
	assert_int_equal(c->from_to[2][3], 1); /* Sårbart -> Brist */
	assert_int_equal(c->from_to[3][3], 1); /* Brist -> Brist */
	c = &a.ch_total[p2026];
	assert_int_equal(c->worse, 2);
	assert_int_equal(c->same, 0);
	assert_int_equal(c->better, 1);
	assert_int_equal(c->from_to[2][1], 1); /* Nora Sårbart -> Hållbart */
	assert_int_equal(c->from_to[2][3], 1); /* Varberg Sårbart -> Brist */
	assert_int_equal(c->from_to[1][3], 1); /* Ystad Hållbart -> Brist */

	/* per occupation: Läkare has nothing compared, not a crash */
	int32_t lak = name_table_find(&ds->occupations, "Läkare", 7);
	c = &a.ch_occupation[(size_t)lak * ds->nperiods + p2025];
	assert_int_equal(change_compared(c), 0);
	agg_release(&a);

	/* --period chooses the later period, not the one compared against */
	f2026.periods = only2026;
	f2026.nperiods = 1;
	assert_int_equal(agg_build(&a, ds, &f2026, AGG_CHANGES), 0);
	assert_int_equal(a.ch_total[p2026].worse, 2);
	assert_int_equal(change_compared(&a.ch_total[p2025]), 0);
	agg_release(&a);
}

static void disagreement(void **state)
{
	struct fixture *f = *state;
	const struct scale *sc = f->ds.scale;
	struct filter none = { 0 };
	int32_t kur = name_table_find(&f->ds.occupations, "Kurator", 7);
	uint32_t p2026 = (uint32_t)dataset_find_period(&f->ds, 2026, 2026);
	uint32_t p2024 = (uint32_t)dataset_find_period(&f->ds, 2024, 2024);
	struct stats tie = { 0, { 0, 1, 0, 1 }, 0 },
		     none_rated = { 3, { 0 }, 0 };
	/* not applicable: never rated, in a share, a mode or the risk */
	struct stats na = { 1, { 0, 1, 0, 0 }, 5 };
	struct agg a;

	assert_int_equal(agg_build(&a, &f->ds, &none, 0), 0);
	/* Kurator 2026: Hållbart, Brist, Brist (Hylte missing) */
	const struct stats *s = agg_occupation(&a, (uint32_t)kur, p2026);
	assert_int_equal(stats_spread(s, sc), 2);
	assert_int_equal(stats_mode(s, sc), 4);
	assert_true(fabs(stats_agreement(s, sc) - 2.0 / 3) < 1e-12);
	/* Kurator 2024: S, B, H, H (Nora, Hylte, Ystad, Varberg) */
	s = agg_occupation(&a, (uint32_t)kur, p2024);
	assert_int_equal(stats_spread(s, sc), 2);
	assert_int_equal(stats_mode(s, sc), 2);
	assert_true(fabs(stats_agreement(s, sc) - 0.5) < 1e-12);
	agg_release(&a);

	/* a tie goes to the worse level; nothing rated is undefined */
	assert_int_equal(stats_mode(&tie, sc), 4);
	assert_true(fabs(stats_agreement(&tie, sc) - 0.5) < 1e-12);
	assert_int_equal(stats_spread(&tie, sc), 2);
	assert_int_equal(stats_mode(&none_rated, sc), 0);
	assert_true(stats_agreement(&none_rated, sc) < 0);
	assert_int_equal(stats_spread(&none_rated, sc), -1);
	assert_int_equal(stats_rated(&na, sc), 1);
	assert_int_equal(stats_records(&na, sc), 7);
	assert_int_equal(stats_mode(&na, sc), 2);
	assert_true(fabs(stats_share(&na, sc, 2) - 1.0) < 1e-12);
	assert_true(fabs(stats_risk(&na, sc)) < 1e-12);
	assert_true(fabs(stats_agreement(&na, sc) - 1.0) < 1e-12);
}

/*
 * Periods are found by (first, last) whatever their number, up to the
 * cap; a new one past it is refused, one already there still found.
 */
static void periods_capped(void **state)
{
	struct dataset ds;
	uint32_t n = 0;

	(void)state;
	dataset_init(&ds, scale_default());
	for (int a = 1950; a < 2200 && n < DATASET_MAX_PERIODS; a++)
		for (int b = a; b < a + 3 && n < DATASET_MAX_PERIODS; b++) {
			struct period_value pv = { a, b, 0, 0 };
			assert_int_equal(dataset_period(&ds, &pv), n);
			n++;
		}
	assert_int_equal(ds.nperiods, DATASET_MAX_PERIODS);
	for (uint32_t i = 0; i < ds.nperiods; i++) {
		struct period_value pv = { ds.periods[i].first,
					   ds.periods[i].last, 0, 0 };
		assert_int_equal(dataset_find_period(&ds, pv.first, pv.last),
				 i);
		assert_int_equal(dataset_period(&ds, &pv), i);
	}
	struct period_value over = { 2199, 2199, 0, 0 };
	assert_int_equal(dataset_period(&ds, &over), DATASET_NO_PERIOD);
	assert_int_equal(dataset_find_period(&ds, 2199, 2199), -1);
	assert_int_equal(ds.nperiods, DATASET_MAX_PERIODS);
	dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(measures, setup, teardown),
		cmocka_unit_test_setup_teardown(filters, setup, teardown),
		cmocka_unit_test_setup_teardown(duplicates_in_store, setup,
						teardown),
		cmocka_unit_test_setup_teardown(changes, setup_change,
						teardown),
		cmocka_unit_test_setup_teardown(disagreement, setup_change,
						teardown),
		cmocka_unit_test(periods_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
