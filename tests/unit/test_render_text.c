/*
 * The terminal table narrowed to its width (render_text.c): what leaves
 * the grid whole - a comment under its row, the one file of a place
 * column below the table, the names above their rows - and a table that
 * fits, or has no width, as wide as its content.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kmap/render.h"
#include "kmap/table.h"

/* t rendered as a terminal table width wide; the caller frees it. */
static char *render(const struct table *t, size_t width)
{
	struct render_opts o = { .format = FORMAT_TABLE, .width = width };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	render_table(fp, t, &o);
	fclose(fp);
	return buf;
}

/* Whether no line of s is wider than width bytes (ASCII text here). */
static int fits(const char *s, size_t width)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		if (n > width)
			return 0;
		s += n + (s[n] == '\n');
	}
	return 1;
}

static const char comment[] =
	"a comment of many words that is far too long for any column of a "
	"table eighty columns wide, so it goes under its row";

/* region, organisation, occupation, change, line, comment */
static void records(struct table *t, const char *line2)
{
	static const char *const heads[] = { "region",	   "organisation",
					     "occupation", "change",
					     "line",	   "comment" };

	table_init(t, 6);
	for (size_t k = 0; k < 6; k++)
		table_set_col(t, k, heads[k], heads[k]);
	for (size_t k = 0; k < 3; k++) {
		t->cols[k].group = 1;
		t->cols[k].fit = COL_FIT_NAME;
	}
	t->cols[4].fit = COL_FIT_PLACE;
	t->cols[5].fit = COL_FIT_BLOCK;
	t->group_lines = 3;
	struct cell *row = table_add_row(t);
	cell_text(t, &row[0], "Region");
	cell_text(t, &row[1], "Organisation");
	cell_text(t, &row[2], "Occupation");
	cell_text(t, &row[3], "changed");
	cell_text(t, &row[4], "data/round-2025/old.csv:12");
	cell_text(t, &row[5], comment);
	row = table_add_row(t);
	cell_text(t, &row[0], "Region");
	cell_text(t, &row[1], "Organisation");
	cell_text(t, &row[2], "Occupation");
	cell_text(t, &row[3], "added");
	cell_text(t, &row[4], line2);
}

static void test_wide_enough_as_it_is(void **state)
{
	struct table t;
	char *wide, *none;

	(void)state;
	records(&t, "data/round-2025/old.csv:13");
	wide = render(&t, 1000);
	none = render(&t, 0);
	assert_string_equal(wide, none);
	assert_non_null(strstr(wide, "data/round-2025/old.csv:12"));
	assert_non_null(strstr(wide, comment));
	assert_null(strstr(wide, "comment: "));
	free(wide);
	free(none);
	table_release(&t);
}

static void test_comment_under_its_row(void **state)
{
	struct table t;
	char *s;

	(void)state;
	records(&t, "data/round-2025/old.csv:13");
	s = render(&t, 60);
	assert_true(fits(s, 60));
	/* the heading has no comment column; the comment is under the row,
	 * indented, whole (wrapped at spaces) */
	assert_null(strstr(s, "  comment\n"));
	assert_non_null(
		strstr(s, "\nRegion  Organisation  Occupation  changed  12\n"));
	assert_non_null(strstr(s, "\n  comment: a comment of many words"));
	assert_non_null(strstr(s, "wide, so it goes\n    under its row\n"));
	/* one file: the lines alone, the file named below */
	assert_non_null(strstr(s, "line: data/round-2025/old.csv\n"));
	free(s);
	table_release(&t);
}

static void test_files_of_one_folder(void **state)
{
	struct table t;
	char *s;

	(void)state;
	records(&t, "data/round-2025/new.csv:13");
	s = render(&t, 60);
	assert_true(fits(s, 60));
	assert_non_null(strstr(s, "old.csv:12"));
	assert_non_null(strstr(s, "new.csv:13"));
	assert_non_null(strstr(s, "line: data/round-2025/\n"));
	free(s);
	table_release(&t);
}

static void test_names_above_their_rows(void **state)
{
	struct table t;
	char *s;

	(void)state;
	records(&t, "data/round-2025/old.csv:13");
	s = render(&t, 40);
	assert_true(fits(s, 40));
	/* once for the two rows of the group, whole, no legend of cut names;
	 * the rows indented under it */
	assert_non_null(strstr(s, "\nRegion · Organisation · Occupation\n"
				  "  changed  12\n"));
	assert_null(strstr(strstr(s, "Region ·") + 1, "Region ·"));
	assert_null(strstr(s, "…["));
	free(s);
	table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide_enough_as_it_is),
		cmocka_unit_test(test_comment_under_its_row),
		cmocka_unit_test(test_files_of_one_folder),
		cmocka_unit_test(test_names_above_their_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
