/*
 * The ranking of critical occupations (SPEC §4) on hand-computed cases:
 * ties broken in Swedish order, an occupation whose last period has no
 * ratings, one with nothing rated at all, ranking inside regions, the
 * order of comments; the same brist share from more organisations first
 * (8 of 8 before 2 of 2), the rule (Brist in a later period, not Sårbart)
 * and occupations with too few raters set apart.
 */
#include "helpers.h"

#include "kmap/critical.h"

struct fixture {
	struct dataset ds;
	uint32_t input;
	unsigned long line;
};

static uint32_t row_of(struct dataset *ds, const char *region, const char *org,
		       const char *occ)
{
	int32_t r = name_table_intern(&ds->regions, region, strlen(region));
	int32_t o = name_table_intern(&ds->organisations, org, strlen(org));
	int32_t c = name_table_intern(&ds->occupations, occ, strlen(occ));

	return dataset_row(ds, dataset_unit(ds, (uint32_t)r, (uint32_t)o),
			   (uint32_t)c, 0);
}

static uint32_t period(struct dataset *ds, int year)
{
	struct period_value pv = { year, year, 0, 0 };

	return dataset_period(ds, &pv);
}

/* One organisation's ratings of occ now (2024) and in 2026. */
static void rate(struct fixture *f, const char *region, const char *org,
		 const char *occ, uint8_t now, uint8_t then)
{
	uint32_t row = row_of(&f->ds, region, org, occ), earlier;

	f->line++;
	assert_int_equal(dataset_add(&f->ds, row, period(&f->ds, 2024), now,
				     f->input, f->line, &earlier),
			 DATASET_ADDED);
	assert_int_equal(dataset_add(&f->ds, row, period(&f->ds, 2026), then,
				     f->input, f->line, &earlier),
			 DATASET_ADDED);
}

enum { O = 1, H = 2, S = 3, B = 4, M = LEVEL_MISSING };

/*
 * Hallands län, now 2024 -> 2026 (brist share, risk share, worse in 2026;
 * critical: brist share at least the threshold in 2026):
 *   Åkare        A H->B, B S->B          1,   1,   2    critical
 *   Ärkeläkare   A H->B, B H->B          1,   1,   2    tie: Å before Ä
 *   Kurator      A S->B, B B->B, C H->S  2/3, 1,   2    critical (2/4 with
 *                                                      Örebro's D)
 *   Lärare       A B->S, B S->S          0,   1,   0    risk 1, not critical
 *   Bagare       A S->S, B H->S          0,   1,   1    before Lärare
 *   Vaktmästare  A H->missing            2024 is its last rated: 0, 0
 *   Zonterapeut  A missing->missing      nothing rated: last
 * Örebro län: Kurator D H->H.
 */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *hl = "Hallands län";

	dataset_init(&f->ds, scale_default());
	f->ds.keep_comments = 1;
	f->input = dataset_begin_input(&f->ds, "a.csv");
	rate(f, hl, "A", "Åkare", H, B);
	rate(f, hl, "B", "Åkare", S, B);
	rate(f, hl, "A", "Ärkeläkare", H, B);
	rate(f, hl, "B", "Ärkeläkare", H, B);
	rate(f, hl, "A", "Kurator", S, B);
	rate(f, hl, "B", "Kurator", B, B);
	rate(f, hl, "C", "Kurator", H, S);
	rate(f, hl, "A", "Lärare", B, S);
	rate(f, hl, "B", "Lärare", S, S);
	rate(f, hl, "A", "Bagare", S, S);
	rate(f, hl, "B", "Bagare", H, S);
	rate(f, hl, "A", "Vaktmästare", H, M);
	rate(f, hl, "A", "Zonterapeut", M, M);
	rate(f, "Örebro län", "D", "Kurator", H, H);
	dataset_end_input(&f->ds, f->input, f->line);
	f->ds.inputs[f->input].current = (int32_t)period(&f->ds, 2024);
	f->ds.periods[period(&f->ds, 2024)].current = 1;
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

static const char *occupation(const struct crit_list *cl, uint32_t i)
{
	return name_display(&cl->a->ds->occupations, cl->v[i].occupation);
}

static void ranking(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = { "Åkare",	  "Ärkeläkare",
					    "Kurator",	  "Bagare",
					    "Lärare",	  "Vaktmästare",
					    "Zonterapeut" };
	/* Bagare and Lärare are Sårbart everywhere in 2026: not critical */
	static const int critical[] = { 1, 1, 1, 0, 0, 0, 0 };
	const struct crit_opts half = { 0, 0.5, 1, NULL, 0, 0 },
			       all = { 0, 1.0, 1, NULL, 0, 0 };
	struct filter none = { 0 };
	struct crit_list cl;
	struct agg a;

	assert_int_equal(agg_build(&a, &f->ds, &none, AGG_CHANGES), 0);
	crit_build(&cl, &a, &half);
	assert_int_equal(cl.n, 7);
	for (uint32_t i = 0; i < cl.n; i++) {
		assert_string_equal(occupation(&cl, i), want[i]);
		assert_int_equal(cl.v[i].rank, i + 1);
		assert_int_equal(cl.v[i].critical, critical[i]);
	}
	/* Kurator over both regions: 2 Brist of 4, 3 at risk, 2 worse */
	assert_int_equal(cl.v[2].rated, 4);
	assert_int_equal(cl.v[2].brist_n, 2);
	assert_int_equal(cl.v[2].critical_at,
			 dataset_find_period(&f->ds, 2026, 2026));
	assert_true(cl.v[2].brist == 0.5);
	assert_true(cl.v[2].risk == 0.75);
	assert_int_equal(cl.v[2].worse, 2);
	assert_int_equal(cl.v[2].nrows, 4);
	/* Vaktmästare is ranked on 2024, its last rated period */
	assert_int_equal(cl.v[5].last, dataset_find_period(&f->ds, 2024, 2024));
	assert_true(cl.v[5].risk == 0);
	/* nothing rated: no last period, undefined shares, not 0 */
	assert_int_equal(cl.v[6].last, -1);
	assert_true(cl.v[6].brist < 0 && cl.v[6].risk < 0);
	crit_release(&cl);

	/* a higher threshold: only brist share 1 in 2026 counts */
	crit_build(&cl, &a, &all);
	assert_int_equal(cl.v[2].critical, 0); /* Kurator: 2/4 */
	assert_int_equal(cl.v[0].critical, 1);
	assert_int_equal(cl.nset_apart, 0);
	crit_release(&cl);
	agg_release(&a);
}

static void by_region(void **state)
{
	struct fixture *f = *state;
	struct filter none = { 0 };
	struct crit_list cl;
	struct agg a;

	const struct crit_opts co = { 1, 0.5, 1, NULL, 0, 0 };

	assert_int_equal(agg_build(&a, &f->ds, &none, AGG_CHANGES), 0);
	crit_build(&cl, &a, &co);
	assert_int_equal(cl.n, 8);
	/* Kurator in Halland alone: 2/3 Brist, still third */
	assert_string_equal(occupation(&cl, 2), "Kurator");
	assert_int_equal(cl.v[2].nrows, 3);
	assert_int_equal(cl.v[2].worse, 2);
	/* Örebro län comes last and ranks from 1 again */
	assert_string_equal(occupation(&cl, 7), "Kurator");
	assert_string_equal(
		name_display(&f->ds.regions, (uint32_t)cl.v[7].region),
		"Örebro län");
	assert_int_equal(cl.v[7].rank, 1);
	assert_int_equal(cl.v[7].critical, 0);
	crit_release(&cl);
	agg_release(&a);
}

/*
 * Support: 8 organisations rate Sjuksköterska, 2 of them S->B and 6 B->B;
 * 2 rate Barnmorska, both S->B. Both: brist share 1, risk share 1, 2
 * worse, so by share, risk and worse they tie and Barnmorska would come
 * first by name; the 8 saying Brist put Sjuksköterska first. Dietist:
 * 1 of 1 at Brist (H->B, 1 worse) beats Kurator's 7 of 8 (0.875): the
 * share leads, the number only breaks a tie. Psykolog: nothing rated.
 */
static int setup_support(void **state)
{
	static const char *const orgs[] = { "A", "B", "C", "D",
					    "E", "F", "G", "H" };
	struct fixture *f = calloc(1, sizeof(*f));
	const char *vm = "Västmanlands län";

	dataset_init(&f->ds, scale_default());
	f->input = dataset_begin_input(&f->ds, "county.csv");
	for (int i = 0; i < 8; i++)
		rate(f, vm, orgs[i], "Sjuksköterska", i < 2 ? S : B, B);
	rate(f, vm, "A", "Barnmorska", S, B);
	rate(f, vm, "B", "Barnmorska", S, B);
	rate(f, vm, "A", "Dietist", H, B);
	for (int i = 0; i < 8; i++)
		rate(f, vm, orgs[i], "Kurator", S, i ? B : S);
	rate(f, vm, "A", "Psykolog", M, M);
	dataset_end_input(&f->ds, f->input, f->line);
	f->ds.inputs[f->input].current = (int32_t)period(&f->ds, 2024);
	f->ds.periods[period(&f->ds, 2024)].current = 1;
	*state = f;
	return 0;
}

static void support(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = { "Sjuksköterska", "Barnmorska",
					    "Dietist", "Kurator", "Psykolog" };
	const struct crit_opts one = { 0, 0.5, 1, NULL, 0, 0 };
	struct filter none = { 0 };
	struct crit_list cl;
	struct agg a;

	assert_int_equal(agg_build(&a, &f->ds, &none, AGG_CHANGES), 0);
	crit_build(&cl, &a, &one);
	assert_int_equal(cl.n, 5);
	for (uint32_t i = 0; i < cl.n; i++) {
		assert_string_equal(occupation(&cl, i), want[i]);
		assert_int_equal(cl.v[i].rank, i + 1);
	}
	assert_int_equal(cl.v[0].rated, 8);
	assert_int_equal(cl.v[0].brist_n, 8);
	assert_int_equal(cl.v[1].rated, 2);
	assert_int_equal(cl.v[1].brist_n, 2);
	assert_true(cl.v[0].brist == 1 && cl.v[1].brist == 1);
	assert_true(cl.v[0].risk == 1 && cl.v[1].risk == 1);
	assert_int_equal(cl.v[0].worse, 2);
	assert_int_equal(cl.v[1].worse, 2);
	assert_true(cl.v[3].brist == 0.875);
	assert_int_equal(cl.nset_apart, 0);
	crit_release(&cl);
	agg_release(&a);
}

/*
 * --min-raters 3: Barnmorska (2) and Dietist (1) and Psykolog (0 rated)
 * are set apart, unranked, after the ranked ones in ranking order;
 * Kurator moves up to 2.
 */
static void min_raters(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = { "Sjuksköterska", "Kurator",
					    "Barnmorska", "Dietist",
					    "Psykolog" };
	static const uint32_t rank[] = { 1, 2, 0, 0, 0 };
	const struct crit_opts three = { 0, 0.5, 3, NULL, 0, 0 };
	struct filter none = { 0 };
	struct crit_list cl;
	struct agg a;

	assert_int_equal(agg_build(&a, &f->ds, &none, AGG_CHANGES), 0);
	crit_build(&cl, &a, &three);
	assert_int_equal(cl.n, 5);
	assert_int_equal(cl.nset_apart, 3);
	for (uint32_t i = 0; i < cl.n; i++) {
		assert_string_equal(occupation(&cl, i), want[i]);
		assert_int_equal(cl.v[i].rank, rank[i]);
		assert_int_equal(cl.v[i].set_apart, i >= 2);
		/* the place among those set apart, for --top */
		assert_int_equal(cl.v[i].place, i >= 2 ? i - 1 : i + 1);
	}
	/* set apart, still judged by the rule */
	assert_int_equal(cl.v[2].critical, 1);
	assert_int_equal(cl.v[4].critical, 0);
	crit_release(&cl);
	agg_release(&a);
}

/*
 * Omställning, hand-made: in Hallands län A has Kock at Övertalighet in
 * 2026 and B at Sårbart: one case, A against B. In Örebro län D has Kock
 * at Brist in 2026: not paired with Halland's A (another region). Lärare:
 * Övertalighet in Halland, Brist in Örebro only: no case. Ends: Kock in
 * 2026 spans Övertalighet (A) to Brist (D), spread 3.
 */
static void moves(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const struct crit_opts co = { 0, 0.5, 1, NULL, 0, 0 };
	struct filter none = { 0 };
	struct crit_moves m;
	struct crit_list cl;
	struct agg a;
	int low, high;

	(void)state;
	dataset_init(&f->ds, scale_default());
	f->input = dataset_begin_input(&f->ds, "m.csv");
	rate(f, "Hallands län", "A", "Kock", H, O);
	rate(f, "Hallands län", "B", "Kock", H, S);
	rate(f, "Örebro län", "D", "Kock", H, B);
	rate(f, "Hallands län", "A", "Lärare", H, O);
	rate(f, "Örebro län", "D", "Lärare", H, B);
	dataset_end_input(&f->ds, f->input, f->line);
	f->ds.inputs[f->input].current = (int32_t)period(&f->ds, 2024);
	f->ds.periods[period(&f->ds, 2024)].current = 1;
	assert_int_equal(agg_build(&a, &f->ds, &none, AGG_CHANGES), 0);
	crit_build(&cl, &a, &co);
	crit_moves_build(&m, &cl);
	assert_int_equal(m.n, 1);
	assert_string_equal(
		name_display(&f->ds.occupations, m.v[0].c->occupation), "Kock");
	assert_string_equal(name_display(&f->ds.regions, m.v[0].region),
			    "Hallands län");
	assert_int_equal(m.v[0].period,
			 dataset_find_period(&f->ds, 2026, 2026));
	assert_int_equal(m.v[0].n, 2); /* A and B, not Örebro's D */
	for (uint32_t i = 0; i < cl.n; i++) {
		const struct crit *c = &cl.v[i];
		if (strcmp(name_display(&f->ds.occupations, c->occupation),
			   "Kock"))
			continue;
		assert_int_equal(crit_ends(&cl, c, m.v[0].period, &low, &high),
				 3);
		assert_int_equal(low, O);
		assert_int_equal(high, B);
	}
	crit_moves_release(&m);
	crit_release(&cl);
	agg_release(&a);
	dataset_release(&f->ds);
	free(f);
}

static void comments(void **state)
{
	struct fixture *f = *state;
	struct dataset *ds = &f->ds;
	uint32_t row = row_of(ds, "Hallands län", "A", "Kurator");
	int32_t p2024 = dataset_find_period(ds, 2024, 2024);
	int32_t p2026 = dataset_find_period(ds, 2026, 2026);
	const char *only2026[] = { "2026" };
	struct filter flt = { 0 };
	const struct comment *c;
	struct agg a;

	dataset_add_comment(ds, row, p2026, f->input, 5, "b", 1);
	dataset_add_comment(ds, row, -1, f->input, 5, "whole row", 9);
	dataset_add_comment(ds, row, p2024, f->input, 5, "x", 1);
	dataset_add_comment(ds, row, p2026, f->input, 7, "b", 1); /* repeat */
	dataset_add_comment(ds, 0, p2026, f->input, 2, "other row", 9);
	dataset_sort_comments(ds);
	assert_int_equal(dataset_comments(ds, row, &c), 3);
	assert_string_equal(c[0].text, "whole row");
	assert_string_equal(c[1].text, "x");
	assert_string_equal(c[2].text, "b");
	assert_int_equal(dataset_comments(ds, 0, &c), 1);
	assert_string_equal(c[0].text, "other row");
	assert_int_equal(dataset_comments(ds, 1, &c), 0);

	/* --period 2026: the 2024 comment is left out, the row's stays */
	flt.periods = only2026;
	flt.nperiods = 1;
	assert_int_equal(agg_build(&a, ds, &flt, AGG_CHANGES), 0);
	dataset_comments(ds, row, &c);
	assert_true(agg_comment_on(&a, &c[0]));
	assert_false(agg_comment_on(&a, &c[1]));
	assert_true(agg_comment_on(&a, &c[2]));
	agg_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(ranking, setup, teardown),
		cmocka_unit_test_setup_teardown(by_region, setup, teardown),
		cmocka_unit_test_setup_teardown(comments, setup, teardown),
		cmocka_unit_test_setup_teardown(support, setup_support,
						teardown),
		cmocka_unit_test_setup_teardown(min_raters, setup_support,
						teardown),
		cmocka_unit_test(moves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
