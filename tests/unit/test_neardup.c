/*
 * Near-duplicate names (neardup.h): each rule finds its pairs, names
 * that only look alike by chance are left alone, and a large group gives
 * one pair per name, not one per pair of names.
 */
#include "helpers.h"

#include "kmap/neardup.h"

static void add(struct name_table *t, const char *s)
{
	assert_true(name_table_intern(t, s, strlen(s)) >= 0);
}

/* The pairs as "a | b | why" lines. */
static char *pairs_text(struct name_table *t)
{
	struct near_pair *p;
	struct strbuf sb = STRBUF_INIT;
	size_t n = near_duplicates(t, &p);

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s | %s | %s\n", name_display(t, p[i].a),
			    name_display(t, p[i].b), p[i].why);
	free(p);
	return strbuf_detach(&sb, NULL);
}

static void test_each_rule(void **state)
{
	struct name_table t;
	char *text;

	(void)state;
	name_table_init(&t);
	add(&t, "Region Kalmar län \xE2\x80\x93 Primärvård"); /* en dash */
	add(&t, "Region Kalmar län - Primärvård");
	add(&t, "St. Görans sjukhus");
	add(&t, "St Görans sjukhus");
	add(&t, "Örebro");
	add(&t, "Orebro");
	add(&t, "Kalmar");
	add(&t, "Kalmar kommun");
	add(&t, "Undersköterska");
	add(&t, "Underskötersa");
	add(&t, "Sjuksköterska");
	/* short names one letter apart are different names */
	add(&t, "Lund");
	add(&t, "Lund2");
	add(&t, "Kurator");
	add(&t, "Kuratorn2");
	text = pairs_text(&t);
	assert_string_equal(text,
			    "Kalmar | Kalmar kommun | a trailing 'kommun', "
			    "'län', 'stad' or 's'\n"
			    "Orebro | Örebro | diacritics\n"
			    "Region Kalmar län - Primärvård | Region Kalmar "
			    "län \xE2\x80\x93 Primärvård | a dash\n"
			    "St Görans sjukhus | St. Görans sjukhus | "
			    "punctuation\n"
			    "Underskötersa | Undersköterska | one letter\n");
	free(text);
	name_table_release(&t);
}

static void test_large_group_is_linear(void **state)
{
	struct name_table t;
	struct near_pair *p;
	char name[64];

	(void)state;
	name_table_init(&t);
	/* 2000 names that differ only by punctuation: 1999 pairs */
	for (int i = 0; i < 2000; i++) {
		int k = snprintf(name, sizeof(name), "Vård");
		for (int b = 0; b < 11; b++)
			k += snprintf(name + k, sizeof(name) - (size_t)k, "%s",
				      (i >> b) & 1 ? "." : ",");
		snprintf(name + k, sizeof(name) - (size_t)k, "central");
		add(&t, name);
	}
	assert_int_equal(near_duplicates(&t, &p), 1999);
	free(p);
	name_table_release(&t);
}

/* A digit apart is another name: numbered units are not misspellings. */
static void test_digits_are_other_names(void **state)
{
	struct name_table t;
	char *text;
	char name[64];

	(void)state;
	name_table_init(&t);
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "Vårdcentral nummer %d", i);
		add(&t, name);
	}
	/* a letter apart still pairs, digits or not beside it */
	add(&t, "Vårdcentrale nummer 7");
	add(&t, "Vårdcentral nummer 12b");
	text = pairs_text(&t);
	assert_string_equal(text, "Vårdcentral nummer 12 | Vårdcentral nummer "
				  "12b | one letter\n"
				  "Vårdcentral nummer 7 | Vårdcentrale "
				  "nummer 7 | one letter\n");
	free(text);
	name_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_rule),
		cmocka_unit_test(test_large_group_is_linear),
		cmocka_unit_test(test_digits_are_other_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
