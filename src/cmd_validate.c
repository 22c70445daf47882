#include "cmd.h"
#include "kmap/output.h"
#include "kmap/validate_view.h"
#include "opt.h"

const char *const validate_help[] = {
	"usage: kmap validate [options] FILE...",
	"",
	"Reads the files as every other command does and lists every problem",
	"in them, not only the first: errors (which stop other commands) and",
	"warnings. Exits 1 when there is an error (with --strict, also a",
	"warning), 0 when the files are clean.",
	"",
	"Output:",
	"  -f, --format FMT         text (default) or json",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --strict                 warnings count as errors for the exit code",
	"  -q, --quiet              list errors only",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"@input",
	NULL,
};

static const struct cli_word format_words[] = {
	{ "text", FORMAT_TABLE, 0 },
	{ "json", FORMAT_JSON, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_value values[] = {
	{ .id = OPT_FORMAT,
	  .name = "format",
	  .kind = CLI_WORDS,
	  .words = format_words },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	(void)c;
	(void)arg;
	if (id == OPT_STRICT)
		*(int *)ctx = 1;
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_INPUT,
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	struct dataset ds;
	struct diag_list f = { 0 };
	struct cli_input all = { 0, 0, CLI_INPUT_KEEP_GOING, &f };
	struct output out = { 0 };
	int strict = 0, rc;

	cli_init(&c, "validate", validate_help, values);
	dataset_init(&ds, scale_default());
	rc = cli_parse(&c, argc, argv, longopts, own_option, &strict);
	if (rc || c.help_requested)
		goto out;
	diag_list_init(&f,
		       DIAG_BIT(DIAG_ERROR) |
			       (c.quiet ? 0
					: DIAG_BIT(DIAG_WARNING) |
						  DIAG_BIT(DIAG_NOTE)),
		       DIAG_BIT(DIAG_INFO));
	/* a machine's output: English whatever the locale, as the JSON's
	 * other words are */
	if (c.format == FORMAT_JSON)
		diag_set_sink_lang("en");
	rc = cli_load_inputs(&c, &ds, &all);
	if (rc)
		goto out;
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	validate_view_write(out.fp, &f, &ds, c.format);
	if (output_commit(&out))
		goto out;
	rc = f.errors || (strict && f.warnings) ? KMAP_EXIT_FINDINGS
						: KMAP_EXIT_OK;
out:
	diag_set_sink_lang(NULL);
	output_abort(&out);
	diag_list_release(&f);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
