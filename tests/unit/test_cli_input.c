/*
 * Every file kmap reads is an input that -o may never name (Hardening
 * II): cli_parse() registers the data files and the value of every
 * CLI_INPUT_PATH option - the shared --scale and any file option a
 * command adds to its own table - through cli_input_file(), so that
 * output_check_inputs() refuses each of them, and a hard link to one.
 */
#include <sys/stat.h>

#include "helpers.h"

#include "kmap/output.h"
#include "../../src/opt.h"

enum { OPT_TEST_FILE = OPT_COMMAND_FIRST };

static const struct cli_value own_values[] = {
	{ .id = OPT_TEST_FILE,
	  .name = "--own-file",
	  .kind = CLI_INPUT_PATH,
	  .expected = "a file name" },
	{ .name = NULL },
};

static const struct option longopts[] = {
	OPTS_COMMON,
	OPTS_INPUT,
	{ "own-file", required_argument, NULL, OPT_TEST_FILE },
	{ NULL, 0, NULL, 0 },
};

static const char *const help[] = { "usage: kmap test", NULL };

static int own(struct cli *c, int id, const struct cli_arg *arg, void *ctx)
{
	(void)c;
	(void)arg;
	*(int *)ctx += id == OPT_TEST_FILE;
	return 0;
}

/* Parses argv as command "test" would; returns cli_parse()'s result. */
static int parse(struct cli *c, char **argv, int argc, int *seen)
{
	cli_init(c, "test", help, own_values);
	return cli_parse(c, argc, argv, longopts, own, seen);
}

static void every_file_option_is_an_input(void **state)
{
	static const char scale[] =
		"{\"name\": \"t\", \"levels\": ["
		"{\"key\": \"a\", \"label\": \"A\", \"letter\": \"A\", "
		"\"color\": \"#009E73\", \"risk\": false, \"aliases\": []}, "
		"{\"key\": \"b\", \"label\": \"B\", \"letter\": \"B\", "
		"\"color\": \"#D55E00\", \"risk\": true, \"aliases\": []}]}";
	char *names = temp_file("x\n", 2), *data = temp_file("y\n", 2);
	char *scale_file = temp_file(scale, sizeof(scale) - 1);
	char *other = temp_file("z\n", 2);
	char hard[64];
	struct captured cap;
	struct cli c;
	int seen = 0;
	char cmd[] = "test", o_names[] = "--own-file", o_scale[] = "--scale";
	char *argv[] = { cmd, o_names, names, o_scale, scale_file, data, NULL };

	(void)state;
	snprintf(hard, sizeof(hard), "%s.link", names);
	assert_int_equal(link(names, hard), 0);
	capture_start(&cap);
	assert_int_equal(parse(&c, argv, 6, &seen), 0);
	assert_int_equal(seen, 1);
	/* the command's own file option, the shared one, a data file, and
	 * a hard link to one of them: each refused as the output */
	assert_int_equal(output_check_inputs(names, NULL, 0), -1);
	assert_int_equal(output_check_inputs(scale_file, NULL, 0), -1);
	assert_int_equal(output_check_inputs(data, NULL, 0), -1);
	assert_int_equal(output_check_inputs(hard, NULL, 0), -1);
	assert_int_equal(cap.errors, 4);
	assert_non_null(strstr(cap.text.buf, "is the input"));
	/* a file the run does not read may be the output */
	assert_int_equal(output_check_inputs(other, NULL, 0), 0);
	assert_int_equal(cap.errors, 4);
	capture_stop(&cap);
	cli_release(&c);
	unlink(hard);
	temp_remove(names);
	temp_remove(data);
	temp_remove(scale_file);
	temp_remove(other);
}

static void an_empty_file_name_is_a_usage_error(void **state)
{
	struct cli c;
	int seen = 0;
	char cmd[] = "test", o_names[] = "--own-file", empty[] = "",
	     file[] = "x.csv";
	char *argv[] = { cmd, o_names, empty, file, NULL };

	(void)state;
	/* "--names needs a file name, not ''" (the usage error's text is
	 * held by tests/cli/hardening/0021-scale-file-name-empty) */
	assert_int_equal(parse(&c, argv, 4, &seen), KMAP_EXIT_USAGE);
	assert_int_equal(seen, 0);
	cli_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_file_option_is_an_input),
		cmocka_unit_test(an_empty_file_name_is_a_usage_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
