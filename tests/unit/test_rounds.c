/*
 * Rounds: how labels order, which round each file belongs to, that two
 * rounds never conflict while two files of one round still do (also when
 * a long file's round is only known at its end), and which rounds a
 * command counts: each region's newest, or one.
 */
#include "helpers.h"

#include "kmap/agg.h"
#include "kmap/load.h"
#include "kmap/rounds.h"

static void label_order(void **state)
{
	(void)state;
	assert_true(round_label_cmp("2024", "2025") < 0);
	assert_true(round_label_cmp("2025", "2024") > 0);
	assert_int_equal(round_label_cmp("2024", "2024"), 0);
	/* numbers by value, not by their digits */
	assert_true(round_label_cmp("2026-2", "2026-10") < 0);
	assert_true(round_label_cmp("2026-1", "2026-2") < 0);
	assert_true(round_label_cmp("9", "10") < 0);
	assert_int_equal(round_label_cmp("2024-02", "2024-2"), 0);
	/* a prefix first; a number before text */
	assert_true(round_label_cmp("2024", "2024-2") < 0);
	assert_true(round_label_cmp("2024", "höst 2023") < 0);
	assert_true(round_label_cmp("vår 2024", "vår 2025") < 0);
}

struct fixture {
	struct dataset ds;
	struct captured cap;
	char *paths[4];
	int n;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	dataset_init(&f->ds, scale_default());
	capture_start(&f->cap);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	diag_set_sink(NULL, NULL);
	capture_stop(&f->cap);
	dataset_release(&f->ds);
	for (int i = 0; i < f->n; i++)
		temp_remove(f->paths[i]);
	free(f);
	return 0;
}

static int load(struct fixture *f, const char *text, const char *round)
{
	struct load_opts o;
	char *path = temp_file(text, strlen(text));

	f->paths[f->n++] = path;
	load_opts_init(&o);
	o.round = round;
	return load_file(&f->ds, path, &o);
}

/* The round of file i. */
static const char *round_of(const struct fixture *f, uint32_t i)
{
	return f->ds.inputs[i].round;
}

/* Records counted for an agg of pick (NULL: the default, the newest). */
static unsigned long counted(struct fixture *f, const char *round)
{
	struct filter flt = { 0 };
	struct agg a;
	unsigned long n = 0;

	flt.round = round;
	assert_int_equal(agg_build(&a, &f->ds, &flt, 0), 0);
	for (uint32_t i = 0; i < a.nperiods; i++) {
		const struct stats *s = agg_total(&a, a.periods[i]);
		n += stats_rated(s, f->ds.scale) + s->missing;
	}
	agg_release(&a);
	return n;
}

static const char wide_2024[] = "Län;Kommun;Yrke;Nuläge 2024;2025\n"
				"Uppsala;Heby;Kurator;Brist;Sårbart\n"
				"Uppsala;Tierp;Kurator;Hållbart;Hållbart\n";

/* The same key, rated otherwise a year later: a long file, Nuläge on
 * its last line, so its round is known only when it is read. */
static const char long_2025[] = "Län,Kommun,Yrke,År,Bedömning\n"
				"Uppsala,Heby,Kurator,2026,Hållbart\n"
				"Uppsala,Heby,Kurator,2025,Hållbart\n"
				"Uppsala,Tierp,Kurator,Nuläge 2025,Brist\n";

static void rounds_never_conflict(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, wide_2024, NULL), LOAD_OK);
	assert_int_equal(load(f, long_2025, NULL), LOAD_OK);
	assert_string_equal(f->cap.text.buf, "");
	assert_string_equal(round_of(f, 0), "2024");
	assert_string_equal(round_of(f, 1), "2025");
	assert_int_equal(f->ds.nrounds, 2);
	/* Heby/Kurator and Tierp/Kurator in each round: four rows */
	assert_int_equal(f->ds.nrows, 4);
	assert_int_equal(f->ds.records, 7);
	/* the newest counts by default; --round picks the other */
	assert_int_equal(counted(f, NULL), 3);
	assert_int_equal(counted(f, "2024"), 4);
}

static void one_round_still_conflicts(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, wide_2024, NULL), LOAD_OK);
	/* a long file of Nuläge 2024 that says otherwise about Heby 2025
	 * and repeats Tierp: the conflict at its cell, known once the file's
	 * round is; reading stops there, so the repeats below it are not
	 * reported (validate goes on: tests/cli/round/0015-*) */
	assert_int_equal(load(f,
			      "Län,Kommun,Yrke,År,Bedömning\n"
			      "Uppsala,Heby,Kurator,2025,Brist\n"
			      "Uppsala,Tierp,Kurator,2025,Hållbart\n"
			      "Uppsala,Tierp,Kurator,Nuläge 2024,Hållbart\n",
			      NULL),
			 LOAD_ERRORS);
	assert_non_null(strstr(f->cap.text.buf,
			       "error 2:27 conflicting rating 'Brist' for "
			       "Uppsala / Heby / Kurator / 2025: "));
	assert_int_equal(f->cap.errors, 1);
	assert_int_equal(f->cap.warnings, 0);
	assert_int_equal(f->ds.nrounds, 1);
	/* the repeated rows joined the round's: two rows; each of the three
	 * records repeats one of the wide file's four, which stay */
	assert_int_equal(f->ds.nrows, 2);
	assert_int_equal(f->ds.records, 4);
	assert_int_equal(f->ds.duplicates, 2);
}

static void manifest_round_wins(void **state)
{
	struct fixture *f = *state;

	/* the manifest's omgång, not the Nuläge year, names the round */
	assert_int_equal(load(f, wide_2024, "2024-2"), LOAD_OK);
	assert_int_equal(load(f, long_2025, "2024-10"), LOAD_OK);
	assert_string_equal(round_of(f, 0), "2024-2");
	assert_string_equal(round_of(f, 1), "2024-10");
	/* 2024-10 comes after 2024-2 */
	assert_int_equal(counted(f, NULL), 3);
}

static void each_region_newest(void **state)
{
	struct fixture *f = *state;
	struct round_pick p;

	/* Uppsala in 2024 and 2025, Halland only in 2024 */
	assert_int_equal(load(f, wide_2024, NULL), LOAD_OK);
	assert_int_equal(load(f, long_2025, NULL), LOAD_OK);
	assert_int_equal(load(f,
			      "Län;Kommun;Yrke;Nuläge 2024;2025\n"
			      "Halland;Hylte;Kurator;Brist;Brist\n",
			      NULL),
			 LOAD_OK);
	round_pick_newest(&p, &f->ds);
	assert_true(round_pick_drops(&p, &f->ds));
	assert_true(round_pick_any(&p, 0) && round_pick_any(&p, 1));
	round_pick_release(&p);
	/* Uppsala 2025 (3 records) and Halland 2024 (2) */
	assert_int_equal(counted(f, NULL), 5);
	/* round 2024 in both regions: 4 + 2 */
	assert_int_equal(counted(f, "2024"), 6);
}

static void previous_round(void **state)
{
	struct fixture *f = *state;
	struct round_pick newest, before;
	struct filter flt = { 0 };
	struct agg a;

	assert_int_equal(load(f, long_2025, NULL), LOAD_OK);
	assert_int_equal(load(f, wide_2024, NULL), LOAD_OK);
	round_pick_newest(&newest, &f->ds);
	round_pick_previous(&before, &f->ds, &newest);
	flt.rounds = &before;
	assert_int_equal(agg_build(&a, &f->ds, &flt, AGG_CHANGES), 0);
	/* round 2024 (read second): its periods only, 2024 its nuläge */
	assert_int_equal(a.nperiods, 2);
	assert_string_equal(f->ds.periods[a.first_current].label, "2024");
	agg_release(&a);
	round_pick_release(&before);
	round_pick_release(&newest);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(label_order),
		cmocka_unit_test_setup_teardown(rounds_never_conflict, setup,
						teardown),
		cmocka_unit_test_setup_teardown(one_round_still_conflicts,
						setup, teardown),
		cmocka_unit_test_setup_teardown(manifest_round_wins, setup,
						teardown),
		cmocka_unit_test_setup_teardown(each_region_newest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(previous_round, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
