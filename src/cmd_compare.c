/*
 * kmap compare - own ratings beside Arbetsförmedlingen's Yrkesbarometer
 * (SPEC §6; DOMAIN.md §1.1, §7): every occupation with an SSYK code in
 * every län of the data set, and in riket, next to AF's rows for the same
 * SSYK group and län, per period, with a class.
 */
#include <string.h>

#include "cmd.h"
#include "kmap/compare_view.h"
#include "kmap/output.h"
#include "opt.h"

const char *const compare_help[] = {
	"usage: kmap compare --af FILE [options] FILE...",
	"",
	"Puts every occupation with an SSYK 2012 code (an SSYK column, or a",
	"names file) in every län of the files, and in riket (all of them),",
	"beside Arbetsförmedlingen's Yrkesbarometer rows for the same SSYK",
	"group and län (\"00\" for riket): per period our counts and most",
	"common level next to AF's rekryteringssituation, prognos and text,",
	"and a class: agree, ours worse, AF worse, no AF row. AF's överskott,",
	"balans and brist are Övertalighet, Hållbart and Brist; Sårbart is",
	"worse than balans and better than brist, never the same; AF's",
	"paradox is not compared. AF's omgang and taxonomi_version are in",
	"every output; a row that merges SSYK groups, and a group AF splits",
	"over rows, are said so.",
	"",
	"Output:",
	"  --af FILE                Yrkesbarometern's yrkesbarometer.json",
	"                           (https://data.arbetsformedlingen.se/",
	"                           prognoser/yrkesbarometer.json)",
	"  -f, --format FMT         table (default), csv, json, markdown",
	"  --excel                  with -f csv: ';', BOM, CRLF",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --width N                fit tables to N columns (default: COLUMNS,",
	"                           the terminal's width, or 80): "
	"Yrkesbarometern's",
	"                           words go under their row, the names above",
	"  --color WHEN             auto (default), always, never",
	"  -q, --quiet              no warnings",
	"  --verbose                also say how each file was read",
	"  -h, --help               this help",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum { OPT_AF = OPT_COMMAND_FIRST };

static const struct cli_value values[] = {
	{ .id = OPT_FORMAT,
	  .name = "format",
	  .kind = CLI_WORDS,
	  .words = cli_format_words,
	  .only = CLI_ONLY(FORMAT_TABLE) | CLI_ONLY(FORMAT_CSV) |
		  CLI_ONLY(FORMAT_JSON) | CLI_ONLY(FORMAT_MARKDOWN) },
	{ .name = NULL },
};

static int own_option(struct cli *c, int id, const struct cli_arg *arg,
		      void *ctx)
{
	const char **af = ctx;

	(void)c;
	if (id == OPT_AF)
		*af = arg->text;
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_COLOR,
		OPTS_WIDTH,
		OPTS_INPUT,
		OPTS_FILTER,
		{ "af", required_argument, NULL, OPT_AF },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	const char *af_path = NULL;
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct af_set af;
	struct compare cmp;
	struct output out = { 0 };
	struct render_opts ro;
	int rc;

	cli_init(&c, "compare", compare_help, values);
	dataset_init(&ds, scale_default());
	memset(&a, 0, sizeof(a));
	memset(&af, 0, sizeof(af));
	memset(&cmp, 0, sizeof(cmp));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &af_path);
	if (rc || c.help_requested)
		goto out;
	if (!af_path || !*af_path) {
		rc = cli_usage_error(&c,
				     N_("download it from "
					"https://data.arbetsformedlingen.se/"
					"prognoser/yrkesbarometer.json"),
				     "kmap compare needs --af FILE "
				     "(Yrkesbarometern's file)");
		goto out;
	}
	/* AF's file is an input: -o may never be it */
	output_register_input(af_path);
	rc = cli_load_inputs(&c, &ds, NULL);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (af_load(&af, af_path))
		goto out;
	if (agg_build(&a, &ds, &c.filter, 0))
		goto out;
	if (compare_build(&cmp, &a, &af))
		goto out;
	if (cmp.nuncoded)
		diag_report_n(DIAG_WARNING, NULL, NULL, cmp.nuncoded,
			      "%zu occupation without an SSYK code is not "
			      "compared (an SSYK column or a names file gives "
			      "codes)",
			      "%zu occupations without an SSYK code are not "
			      "compared (an SSYK column or a names file gives "
			      "codes)",
			      cmp.nuncoded);
	if (cmp.nnolan)
		diag_report_n(DIAG_WARNING, NULL, NULL, cmp.nnolan,
			      "%zu region without a länskod is compared with "
			      "riket only",
			      "%zu regions without a länskod are compared with "
			      "riket only",
			      cmp.nnolan);
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro = cli_render_opts(&c);
	compare_view_write(out.fp, &cmp, &ro);
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	compare_release(&cmp);
	af_release(&af);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
