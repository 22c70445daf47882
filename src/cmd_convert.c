/*
 * kmap convert - rewrites the records of wide or long sheets in the other
 * layout, as clean UTF-8 RFC 4180 CSV (or for Swedish Excel with
 * --excel). What is written, and in which normal form, is
 * convert_view.h's; this file decides the layout and checks that the
 * inputs can share one Nuläge.
 */
#include <string.h>

#include "cmd.h"
#include "kmap/convert_view.h"
#include "kmap/diag.h"
#include "kmap/output.h"
#include "opt.h"

const char *const convert_help[] = {
	"usage: kmap convert [options] FILE...",
	"",
	"Writes the records of the files in the other layout: wide (one column",
	"per period) to long (one line per record) or long to wide, as UTF-8",
	"CSV. Names are written as kmap shows them, ratings as their labels,",
	"the current period as 'Nuläge YEAR'; rows come in Swedish order.",
	"Converting the result back gives what converting the input to its own",
	"layout gives. A record missing from a long file becomes an empty",
	"(missing) cell in a wide one.",
	"",
	"Output:",
	"  --to LAYOUT              long or wide (default: the other layout of "
	"the",
	"                           inputs)",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  ';', BOM, CRLF for Swedish Excel",
	"  -q, --quiet              no warnings",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"@filter",
	"",
	"@round",
	"",
	"@input",
	NULL,
};

enum { OPT_TO = OPT_COMMAND_FIRST };
enum { TO_DEFAULT = -1 }; /* no --to: the other layout of the inputs */

static const struct cli_word to_words[] = {
	{ "long", CONVERT_LONG, 0 },
	{ "wide", CONVERT_WIDE, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_value values[] = {
	{ .id = OPT_TO, .name = "--to", .kind = CLI_WORDS, .words = to_words },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	(void)c;
	if (id == OPT_TO)
		*(int *)ctx = arg->word;
	return 0;
}

/*
 * The other layout of the inputs counted; -1 after reporting mixed
 * layouts.
 */
static int default_layout(const struct cli *c, const struct agg *a, int *to)
{
	const struct dataset *ds = a->ds;
	int wide = 0, long_ = 0;

	for (uint32_t i = 0; i < ds->ninputs; i++) {
		if (!agg_input_counted(a, i))
			continue;
		wide |= !strcmp(ds->inputs[i].layout, "wide");
		long_ |= !strcmp(ds->inputs[i].layout, "long");
	}
	if (wide && long_) {
		cli_usage_error(c, NULL,
				"the inputs are both wide and long; say --to "
				"long or --to wide");
		return -1;
	}
	*to = wide ? CONVERT_LONG : CONVERT_WIDE;
	return 0;
}

/*
 * The current period all inputs counted share (those of the round
 * converted), -1 when none; -2 after reporting inputs that mark
 * different ones (one file can hold one Nuläge).
 */
static int32_t shared_current(const struct agg *a)
{
	const struct dataset *ds = a->ds;
	int32_t cur = -1;
	uint32_t first = 0;

	for (uint32_t i = 0; i < ds->ninputs; i++) {
		int32_t c = ds->inputs[i].current;
		if (c < 0 || !agg_input_counted(a, i))
			continue;
		if (cur >= 0 && c != cur) {
			kmap_error("%s has Nuläge %s and %s has Nuläge %s; "
				   "convert them one at a time",
				   ds->inputs[first].name,
				   ds->periods[cur].label, ds->inputs[i].name,
				   ds->periods[c].label);
			return -2;
		}
		cur = c;
		first = i;
	}
	return cur;
}

int cmd_convert(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, OPT_OUTPUT },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "verbose", no_argument, NULL, OPT_VERBOSE },
		{ "help", no_argument, NULL, OPT_HELP },
		OPTS_INPUT,
		OPTS_FILTER,
		OPTS_ROUND,
		{ "to", required_argument, NULL, OPT_TO },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	int to = TO_DEFAULT;
	int32_t current;
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct output out = { 0 };
	int rc;

	cli_init(&c, "convert", convert_help, values);
	c.format = FORMAT_CSV;
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	ds.keep_extras = 1; /* a round trip loses no column */
	memset(&a, 0, sizeof(a));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &to);
	if (rc || c.help_requested)
		goto out;
	rc = cli_load_inputs(&c, &ds, NULL);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	dataset_sort_comments(&ds);
	dataset_sort_extras(&ds);
	if (agg_build(&a, &ds, &c.filter, 0))
		goto out;
	rc = KMAP_EXIT_USAGE;
	if (to == TO_DEFAULT && default_layout(&c, &a, &to))
		goto out;
	rc = KMAP_EXIT_INPUT;
	current = shared_current(&a);
	if (current == -2)
		goto out;
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	convert_view_write(out.fp, &a, (enum convert_layout)to, current,
			   c.excel);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
