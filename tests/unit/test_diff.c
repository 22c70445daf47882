/*
 * kmap diff on hand-computed pairs of rounds. One pair differs in layout,
 * delimiter and spelling of names: which records changed, were added or
 * removed, whose comment changed, which group counts differ, and what
 * only one side has. The other is a year apart, with an organisation
 * that left, one that joined and an occupation added: which occupations
 * became and ceased to be critical, the ranks, the forecast check and the
 * revisions, read from two files or as two rounds of one dataset.
 */
#include "helpers.h"

#include "kmap/diff.h"
#include "kmap/load.h"
#include "kmap/rounds.h"

/* Wide, ';', Nuläge 2024, a comment per 2025. */
static const char old_csv[] =
	"Region;Organisation;Yrke;Nuläge 2024;2025;Kommentar 2025\n"
	"Halland;Hylte;Kurator;Sårbart;Brist;svårt\n"
	"Halland;Hylte;Läkare;Hållbart;Hållbart;\n"
	"Halland;Laholm;Kurator;Brist;-;\n";

/* Long, ',', other spellings; one rating changed, one removed, one added. */
static const char new_csv[] = "Län,Kommun,Yrke,År,Bedömning,Kommentar\n"
			      "HALLAND,hylte,KURATOR,Nuläge 2024,Sårbart,\n"
			      "HALLAND,hylte,KURATOR,2025,Sårbart,svårt\n"
			      "HALLAND,hylte,Läkare,Nuläge 2024,Hållbart,ny\n"
			      "Halland,Laholm,Kurator,Nuläge 2024,Brist,\n"
			      "Halland,Laholm,Kurator,2025,Hållbart,\n"
			      "Halland,Varberg,Kurator,2025,Brist,\n";

struct fixture {
	struct dataset old, new;
	char *paths[2];
	struct diff d;
};

static void load(struct dataset *ds, const char *path, int comments)
{
	struct load_opts o;

	load_opts_init(&o);
	dataset_init(ds, scale_default());
	ds->keep_comments = comments;
	assert_int_equal(load_file(ds, path, &o), LOAD_OK);
}

static void compare_opts(struct fixture *f, const char *old, const char *new,
			 const struct diff_opts *o)
{
	struct filter none = { 0 };
	struct diff_side sides[2] = { { &f->old, NULL }, { &f->new, NULL } };

	f->paths[0] = temp_file(old, strlen(old));
	f->paths[1] = temp_file(new, strlen(new));
	load(&f->old, f->paths[0], o->comments);
	load(&f->new, f->paths[1], o->comments);
	assert_int_equal(diff_build(&f->d, &sides[0], &sides[1], &none, o), 0);
}

/* The first pair, everything record by record (kmap.diff/1's records). */
static void compare(struct fixture *f, int comments, enum group_by by)
{
	struct diff_opts o = { by, comments, 1, 0.5, 0 };

	compare_opts(f, old_csv, new_csv, &o);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	diff_release(&f->d);
	dataset_release(&f->old);
	dataset_release(&f->new);
	temp_remove(f->paths[0]);
	temp_remove(f->paths[1]);
	free(f);
	return 0;
}

static int setup(void **state)
{
	*state = calloc(1, sizeof(struct fixture));
	return 0;
}

static const char *org(const struct fixture *f, const struct diff_record *r)
{
	return name_display(&f->old.organisations, r->org);
}

static const char *occ(const struct fixture *f, uint32_t id)
{
	return name_display(&f->old.occupations, id);
}

static void records(void **state)
{
	struct fixture *f = *state;
	const struct diff_record *r;

	compare(f, 0, BY_OCCUPATION);
	assert_int_equal(f->d.nperiods, 2);
	assert_int_equal(f->d.nrecords, 4);
	assert_int_equal(f->d.count[DIFF_CHANGED], 2);
	assert_int_equal(f->d.count[DIFF_ADDED], 1);
	assert_int_equal(f->d.count[DIFF_REMOVED], 1);
	assert_int_equal(f->d.count[DIFF_COMMENT], 0);

	/* Hylte Kurator 2025: Brist -> Sårbart; three rows of the new side
	 * write "hylte", two of the old "Hylte": the spelling most rows use */
	r = &f->d.records[0];
	assert_string_equal(org(f, r), "hylte");
	assert_string_equal(occ(f, r->occupation), "Kurator");
	assert_string_equal(f->d.periods[r->period].label, "2025");
	assert_int_equal(r->kind, DIFF_CHANGED);
	assert_int_equal(r->level[0], 4);
	assert_int_equal(r->level[1], 3);
	uint32_t input;
	unsigned long line;
	dataset_line_of(&f->old, r->gline[0], &input, &line);
	assert_int_equal(line, 2);
	dataset_line_of(&f->new, r->gline[1], &input, &line);
	assert_int_equal(line, 3);

	r = &f->d.records[1]; /* Hylte Läkare 2025: removed */
	assert_string_equal(occ(f, r->occupation), "Läkare");
	assert_int_equal(r->kind, DIFF_REMOVED);
	assert_int_equal(r->level[0], 2);
	assert_int_equal(r->level[1], LEVEL_NONE);

	r = &f->d.records[2]; /* Laholm Kurator 2025: missing -> Hållbart */
	assert_string_equal(org(f, r), "Laholm");
	assert_int_equal(r->kind, DIFF_CHANGED);
	assert_int_equal(r->level[0], LEVEL_MISSING);
	assert_int_equal(r->level[1], 2);

	r = &f->d.records[3]; /* Varberg: only in the new round */
	assert_string_equal(org(f, r), "Varberg");
	assert_int_equal(r->kind, DIFF_ADDED);
	assert_int_equal(r->level[1], 4);
}

static void comments(void **state)
{
	struct fixture *f = *state;
	const struct diff_record *r;

	compare(f, 1, BY_OCCUPATION);
	/* the same comment "svårt" on Hylte Kurator 2025 is no change */
	assert_int_equal(f->d.nrecords, 5);
	assert_int_equal(f->d.count[DIFF_COMMENT], 1);
	r = &f->d.records[1]; /* Hylte Läkare 2024: same rating, new comment */
	assert_string_equal(occ(f, r->occupation), "Läkare");
	assert_string_equal(f->d.periods[r->period].label, "2024");
	assert_int_equal(r->kind, DIFF_COMMENT);
	assert_null(r->comment[0]);
	assert_string_equal(r->comment[1], "ny");
	r = &f->d.records[0];
	assert_string_equal(r->comment[0], "svårt");
	assert_string_equal(r->comment[1], "svårt");
}

static void groups(void **state)
{
	struct fixture *f = *state;
	const struct diff_group *g;

	compare(f, 0, BY_OCCUPATION);
	/* 2024 is the same on both sides; 2025 differs for both */
	assert_int_equal(f->d.ngroups, 2);
	g = &f->d.groups[0];
	assert_string_equal(occ(f, g->name[0]), "Kurator");
	assert_string_equal(f->d.periods[g->period].label, "2025");
	assert_int_equal(g->stats[0].level[3], 1); /* Hylte Brist */
	assert_int_equal(g->stats[0].missing, 1);  /* Laholm */
	assert_int_equal(g->stats[1].level[1], 1);
	assert_int_equal(g->stats[1].level[2], 1);
	assert_int_equal(g->stats[1].level[3], 1);
	assert_int_equal(g->stats[1].missing, 0);
	g = &f->d.groups[1];
	assert_string_equal(occ(f, g->name[0]), "Läkare");
	assert_int_equal(g->stats[0].level[1], 1);
	assert_int_equal(stats_rated(&g->stats[1], f->old.scale), 0);
}

static void groups_by_organisation(void **state)
{
	struct fixture *f = *state;

	compare(f, 0, BY_ORGANISATION);
	/* Hylte 2025, Laholm 2025, Varberg 2025 */
	assert_int_equal(f->d.ngroups, 3);
	assert_string_equal(
		name_display(&f->old.organisations, f->d.groups[2].name[1]),
		"Varberg");
	assert_int_equal(f->d.groups[2].stats[1].level[3], 1);
}

static void same_file(void **state)
{
	struct fixture *f = *state;
	struct diff_opts o = { BY_REGION, 1, 0, 0.5, 0 };

	compare_opts(f, old_csv, old_csv, &o);
	assert_false(diff_any(&f->d));
	/* one round against itself: no forecast; every later rating the same */
	assert_int_equal(f->d.forecast.overall.compared, 0);
	assert_int_equal(f->d.revisions.overall.compared, 2);
	assert_int_equal(f->d.revisions.overall.same, 2);
}

/* Varberg rates only in the new round: by default named once. */
static void only_one_side(void **state)
{
	struct fixture *f = *state;
	struct diff_opts o = { BY_OCCUPATION, 0, 0, 0.5, 0 };

	compare_opts(f, old_csv, new_csv, &o);
	assert_int_equal(f->d.nrecords, 3);
	assert_int_equal(f->d.count[DIFF_ADDED], 0);
	assert_int_equal(f->d.only[0].nunits, 0);
	assert_int_equal(f->d.only[1].nunits, 1);
	assert_string_equal(
		name_display(&f->old.organisations, f->d.only[1].units[0][1]),
		"Varberg");
	assert_true(diff_any(&f->d));
}

/*
 * A year apart. Old: Nuläge 2024, 2025, 2026; organisations A, B, C.
 * New: Nuläge 2025, 2026, 2027; C left, D joined, Barnmorska added.
 */
static const char year_old[] =
	"Region;Organisation;Yrke;Nuläge 2024;2025;2026\n"
	"R;A;Kurator;Hållbart;Sårbart;Brist\n"
	"R;A;Läkare;Brist;Brist;Brist\n"
	"R;A;Psykolog;Hållbart;Hållbart;Hållbart\n"
	"R;B;Kurator;Hållbart;Hållbart;Sårbart\n"
	"R;B;Läkare;Sårbart;Sårbart;Hållbart\n"
	"R;B;Psykolog;Hållbart;Sårbart;\n"
	"R;C;Kurator;Sårbart;Brist;Brist\n"
	"R;C;Läkare;Hållbart;Hållbart;Hållbart\n"
	"R;C;Psykolog;Övertalighet;Hållbart;Hållbart\n";

static const char year_new[] = "Region,Organisation,Yrke,År,Bedömning\n"
			       "R,A,Kurator,Nuläge 2025,Sårbart\n"
			       "R,A,Kurator,2026,Sårbart\n"
			       "R,A,Kurator,2027,Brist\n"
			       "R,A,Läkare,Nuläge 2025,Sårbart\n"
			       "R,A,Läkare,2026,Brist\n"
			       "R,A,Läkare,2027,Brist\n"
			       "R,A,Psykolog,Nuläge 2025,Brist\n"
			       "R,A,Psykolog,2026,Brist\n"
			       "R,A,Psykolog,2027,Brist\n"
			       "R,B,Kurator,Nuläge 2025,Hållbart\n"
			       "R,B,Kurator,2026,Hållbart\n"
			       "R,B,Kurator,2027,Hållbart\n"
			       "R,B,Läkare,Nuläge 2025,\n"
			       "R,B,Läkare,2026,Hållbart\n"
			       "R,B,Läkare,2027,Hållbart\n"
			       "R,B,Psykolog,Nuläge 2025,Sårbart\n"
			       "R,B,Psykolog,2026,Brist\n"
			       "R,B,Psykolog,2027,Sårbart\n"
			       "R,B,Barnmorska,Nuläge 2025,Sårbart\n"
			       "R,B,Barnmorska,2026,Sårbart\n"
			       "R,B,Barnmorska,2027,Sårbart\n"
			       "R,D,Kurator,Nuläge 2025,Brist\n"
			       "R,D,Kurator,2026,Brist\n"
			       "R,D,Kurator,2027,Brist\n"
			       "R,D,Läkare,Nuläge 2025,Hållbart\n"
			       "R,D,Läkare,2026,Hållbart\n"
			       "R,D,Läkare,2027,Hållbart\n"
			       "R,D,Psykolog,Nuläge 2025,Sårbart\n"
			       "R,D,Psykolog,2026,Brist\n"
			       "R,D,Psykolog,2027,Brist\n";

static const struct diff_rank *rank_of(const struct fixture *f, size_t i)
{
	assert_true(i < f->d.nranks);
	return &f->d.ranks[i];
}

/* The hand counts of the year-apart pair, however it was read. */
static void check_year(const struct fixture *f)
{
	const struct diff *d = &f->d;
	const struct diff_tally *t;
	const struct diff_rank *r;

	/* the horizon: 2024 only old, 2027 only new; 2025, 2026 compared */
	assert_int_equal(d->only[0].nperiods, 1);
	assert_string_equal(d->periods[d->only[0].periods[0]].label, "2024");
	assert_int_equal(d->only[1].nperiods, 1);
	assert_string_equal(d->periods[d->only[1].periods[0]].label, "2027");
	assert_int_equal(d->only[0].nunits, 1);
	assert_string_equal(diff_name(d, 1, d->only[0].units[0][1]), "C");
	assert_int_equal(d->only[1].nunits, 1);
	assert_string_equal(diff_name(d, 1, d->only[1].units[0][1]), "D");
	assert_int_equal(d->only[1].noccupations, 1);
	assert_string_equal(diff_name(d, 2, d->only[1].occupations[0]),
			    "Barnmorska");
	/* A and B, three occupations, two periods: 7 of the 12 changed */
	assert_int_equal(d->nrecords, 7);
	assert_int_equal(d->count[DIFF_CHANGED], 7);

	/*
	 * Ranks, by brist share in the last period, then risk share.
	 * Old (2026): Kurator brist 2/3, Läkare 1/3, Psykolog 0.
	 * New (2027): Psykolog brist 2/3 risk 1, Kurator 2/3 risk 2/3,
	 * Läkare 1/3, Barnmorska 0 (risk 1).
	 * Critical (Brist from >= 50 % of the raters in a later period):
	 * old Kurator (2026: 2/3), not Läkare (1/3, 1/3), not Psykolog (0,
	 * 0); new Kurator (2027: 2/3), Psykolog (2026: 3/3), not Läkare
	 * (1/3, 1/3), not Barnmorska (Sårbart only).
	 */
	assert_int_equal(d->nranks, 4);
	r = rank_of(f, 0);
	assert_string_equal(diff_name(d, 2, r->occupation), "Psykolog");
	assert_int_equal(r->rank[0], 3);
	assert_int_equal(r->rank[1], 1);
	assert_false(r->critical[0]);
	assert_true(r->critical[1]); /* became critical */
	r = rank_of(f, 1);
	assert_string_equal(diff_name(d, 2, r->occupation), "Kurator");
	assert_int_equal(r->rank[0], 1);
	assert_int_equal(r->rank[1], 2);
	assert_true(r->critical[0] && r->critical[1]);
	r = rank_of(f, 2);
	assert_string_equal(diff_name(d, 2, r->occupation), "Läkare");
	assert_int_equal(r->rank[0], 2);
	assert_int_equal(r->rank[1], 3);
	assert_false(r->critical[0] || r->critical[1]);
	r = rank_of(f, 3);
	assert_string_equal(diff_name(d, 2, r->occupation), "Barnmorska");
	assert_int_equal(r->rank[0], 0);
	assert_int_equal(r->rank[1], 4);
	assert_false(r->critical[1]); /* new, Sårbart: not critical */

	/*
	 * Forecast for 2025 against Nuläge 2025, rows in both rounds:
	 * A Kurator S/S true, A Läkare B/S too pessimistic, A Psykolog H/B
	 * too optimistic, B Kurator H/H true, B Läkare S/missing not
	 * compared, B Psykolog S/S true.
	 */
	t = &d->forecast.overall;
	assert_int_equal(t->compared, 5);
	assert_int_equal(t->same, 3);
	assert_int_equal(t->lower, 1);	/* too pessimistic */
	assert_int_equal(t->higher, 1); /* too optimistic */
	assert_int_equal(d->forecast.nperiods, 1);
	assert_string_equal(d->periods[d->forecast.periods[0].id[0]].label,
			    "2025");
	/* per occupation, in Swedish order: Kurator, Läkare, Psykolog */
	assert_int_equal(d->forecast.noccupations, 3);
	assert_string_equal(diff_name(d, 2, d->forecast.occupations[0].id[0]),
			    "Kurator");
	assert_int_equal(d->forecast.occupations[0].t.same, 2);
	assert_int_equal(d->forecast.occupations[1].t.compared, 1);
	assert_int_equal(d->forecast.occupations[1].t.lower, 1);
	assert_int_equal(d->forecast.occupations[2].t.compared, 2);
	assert_int_equal(d->forecast.occupations[2].t.higher, 1);
	/* per organisation: A 3 (1, 1, 1), B 2 (2 true) */
	assert_int_equal(d->forecast.nunits, 2);
	assert_string_equal(diff_name(d, 1, d->forecast.units[0].id[1]), "A");
	assert_int_equal(d->forecast.units[0].t.compared, 3);
	assert_int_equal(d->forecast.units[0].t.same, 1);
	assert_int_equal(d->forecast.units[1].t.compared, 2);
	assert_int_equal(d->forecast.units[1].t.same, 2);

	/*
	 * Revisions: 2026, later than both Nuläge: A Kurator B->S better,
	 * A Läkare same, A Psykolog H->B worse, B Kurator S->H better,
	 * B Läkare same, B Psykolog missing->B not compared.
	 */
	t = &d->revisions.overall;
	assert_int_equal(t->compared, 5);
	assert_int_equal(t->same, 2);
	assert_int_equal(t->higher, 1); /* revised to worse */
	assert_int_equal(t->lower, 2);
}

static void year_apart(void **state)
{
	struct fixture *f = *state;
	struct diff_opts o = { BY_OCCUPATION, 0, 0, 0.5, 0 };

	compare_opts(f, year_old, year_new, &o);
	check_year(f);
}

/* The report's case: both rounds read into one dataset. */
static void rounds_of_one_dataset(void **state)
{
	struct fixture *f = *state;
	struct diff_opts o = { BY_OCCUPATION, 0, 0, 0.5, 0 };
	struct round_pick newest, before;
	struct filter none = { 0 };
	struct load_opts lo;

	f->paths[0] = temp_file(year_new, strlen(year_new));
	f->paths[1] = temp_file(year_old, strlen(year_old));
	load_opts_init(&lo);
	dataset_init(&f->old, scale_default());
	dataset_init(&f->new, scale_default());
	assert_int_equal(load_file(&f->old, f->paths[0], &lo), LOAD_OK);
	assert_int_equal(load_file(&f->old, f->paths[1], &lo), LOAD_OK);
	round_pick_newest(&newest, &f->old);
	round_pick_previous(&before, &f->old, &newest);
	struct diff_side sides[2] = { { &f->old, &before },
				      { &f->old, &newest } };
	assert_int_equal(diff_build(&f->d, &sides[0], &sides[1], &none, &o), 0);
	assert_string_equal(f->d.round[0], "2024");
	assert_string_equal(f->d.round[1], "2025");
	check_year(f);
	round_pick_release(&newest);
	round_pick_release(&before);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(records, setup, teardown),
		cmocka_unit_test_setup_teardown(comments, setup, teardown),
		cmocka_unit_test_setup_teardown(groups, setup, teardown),
		cmocka_unit_test_setup_teardown(groups_by_organisation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(same_file, setup, teardown),
		cmocka_unit_test_setup_teardown(only_one_side, setup, teardown),
		cmocka_unit_test_setup_teardown(year_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(rounds_of_one_dataset, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
