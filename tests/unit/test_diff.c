/*
 * kmap diff on a hand-computed pair of rounds that differ in layout,
 * delimiter and spelling of names: which records changed, were added or
 * removed, whose comment changed, and which group counts differ.
 */
#include "helpers.h"

#include "kmap/diff.h"
#include "kmap/load.h"

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

static void compare(struct fixture *f, int comments, enum group_by by)
{
	struct filter none = { 0 };

	f->paths[0] = temp_file(old_csv, sizeof(old_csv) - 1);
	f->paths[1] = temp_file(new_csv, sizeof(new_csv) - 1);
	load(&f->old, f->paths[0], comments);
	load(&f->new, f->paths[1], comments);
	assert_int_equal(
		diff_build(&f->d, &f->old, &f->new, &none, by, comments), 0);
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
	struct filter none = { 0 };

	f->paths[0] = temp_file(old_csv, sizeof(old_csv) - 1);
	f->paths[1] = temp_file(old_csv, sizeof(old_csv) - 1);
	load(&f->old, f->paths[0], 1);
	load(&f->new, f->paths[1], 1);
	assert_int_equal(
		diff_build(&f->d, &f->old, &f->new, &none, BY_REGION, 1), 0);
	assert_false(diff_any(&f->d));
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
