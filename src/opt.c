#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/color.h"
#include "kmap/diag.h"
#include "kmap/encoding.h"
#include "kmap/names.h"
#include "kmap/period.h"
#include "kmap/scale.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"
#include "opt.h"

const char *const help_input_options[] = {
	"Input:",
	"  --current LABEL          the current period when no column or "
	"cell says Nuläge",
	"  --header-line N          the header is on line N (default: found "
	"below titles)",
	"  --fill-down              empty region/organisation/occupation cells "
	"take the",
	"                           value above, before the defaults (done by "
	"itself, with",
	"                           a warning, unless --no-fill-down)",
	"  --no-fill-down           empty name cells are errors",
	"  --fill-missing           a row with fewer fields than the header "
	"reads the",
	"                           missing cells as empty (Excel leaves out "
	"trailing ones)",
	"  --default-region NAME    region for files without a region column",
	"  --default-organisation NAME",
	"                           organisation for files without one",
	"  --max-names N            stop at more than N distinct regions, "
	"organisations",
	"                           or occupations (a guard for wrong files)",
	"  --max-name-memory MIB    stop when the distinct names take more "
	"than MIB",
	"                           MiB of memory (default 256)",
	"  --encoding ENC           auto (default), utf-8, utf-16, cp1252",
	"  --delimiter D            ',' ';' or tab (default: detected)",
	"  --sheet NAME|N           a workbook's sheet by name or number "
	"(default: every",
	"                           visible sheet with a header)",
	"  --scale FILE             the rating scale from a JSON file "
	"(default: the",
	"                           built-in one, data/scale-kmap.json)",
	"  --names FILE             a names file: how each name is written "
	"in the",
	"                           exports, what it counts as, its code and "
	"its",
	"                           attributes (repeatable)",
	NULL,
};

const char *const help_filter_options[] = {
	"Filters (repeatable; names match like in files):",
	"  --region NAME  --organisation NAME  --occupation NAME  --period "
	"LABEL",
	NULL,
};

const char *const help_round_options[] = {
	"Rounds (files of several yearly rounds are read together; each "
	"file's round",
	"is its manifest's omgång, else its Nuläge year):",
	"  --round LABEL            count that round (default: each region's "
	"newest)",
	NULL,
};

void cli_init(struct cli *c, const char *command, const char *const *help,
	      const struct cli_value *values)
{
	memset(c, 0, sizeof(*c));
	c->command = command;
	c->help = help;
	c->values = values;
	c->format = FORMAT_TABLE;
	c->scale = scale_default();
	load_opts_init(&c->load);
}

void cli_release(struct cli *c)
{
	free(c->filter.regions);
	free(c->filter.organisations);
	free(c->filter.occupations);
	free(c->filter.periods);
	memset(&c->filter, 0, sizeof(c->filter));
	free(c->names_paths);
	c->names_paths = NULL;
	c->nnames_paths = 0;
	if (c->names)
		names_set_release(c->names);
	free(c->names);
	c->names = NULL;
	scale_free(c->scale);
	c->scale = scale_default();
}

void cli_print_help(FILE *fp, const char *const *help)
{
	for (; *help; help++) {
		if (!strcmp(*help, "@input"))
			cli_print_help(fp, help_input_options);
		else if (!strcmp(*help, "@filter"))
			cli_print_help(fp, help_filter_options);
		else if (!strcmp(*help, "@round"))
			cli_print_help(fp, help_round_options);
		else
			fprintf(fp, "%s\n", *help);
	}
}

int cli_usage_error(const struct cli *c, const char *hint, const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT, safe = STRBUF_INIT;
	va_list ap;

	/* it quotes argv, which may hold anything: shown escaped, as every
	 * message is (diag.c) */
	va_start(ap, fmt);
	diag_vformatf(&text, _(fmt), ap);
	va_end(ap);
	fprintf(stderr, _("kmap: error: %s\n"), text_safe(text.buf, &safe));
	/* a hint of diag_hintf() is translated already */
	if (hint)
		fprintf(stderr, _("hint: %s\n"), text_safe(_(hint), &safe));
	fprintf(stderr, _("Try 'kmap %s --help' for more information.\n"),
		c->command);
	strbuf_release(&text);
	strbuf_release(&safe);
	return KMAP_EXIT_USAGE;
}

static void push(const char ***list, size_t *n, const char *value)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = value;
}

/* ---- the values of options ----------------------------------------- */

const struct cli_word cli_by_words[] = {
	{ "total", BY_TOTAL, 0 },
	{ "region", BY_REGION, 0 },
	{ "organisation", BY_ORGANISATION, 0 },
	{ "organization", BY_ORGANISATION, CLI_WORD_ALIAS },
	{ "occupation", BY_OCCUPATION, 0 },
	{ "round", BY_ROUND, 0 },
	{ NULL, 0, 0 },
};

int cli_match_by(const char *arg, int *value)
{
	for (const struct cli_word *w = cli_by_words; w->word; w++)
		if (!strcmp(w->word, arg)) {
			*value = w->value;
			return 0;
		}
	*value = BY_ATTRIBUTE;
	return *arg ? 0 : -1;
}
const struct cli_word cli_lang_words[] = {
	{ "en", 0, 0 },
	{ "sv", 1, 0 },
	{ NULL, 0, 0 },
};

const struct cli_word cli_weight_words[] = {
	{ "headcount", 1, 0 },
	{ NULL, 0, 0 },
};

const struct cli_word cli_format_words[] = {
	{ "table", FORMAT_TABLE, 0 },
	{ "csv", FORMAT_CSV, 0 },
	{ "json", FORMAT_JSON, 0 },
	{ "markdown", FORMAT_MARKDOWN, 0 },
	{ "md", FORMAT_MARKDOWN, CLI_WORD_ALIAS },
	{ "html", FORMAT_HTML, 0 },
	{ "xlsx", FORMAT_XLSX, 0 },
	{ "long", FORMAT_LONG, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_word color_words[] = {
	{ "auto", COLOR_AUTO, 0 },
	{ "always", COLOR_ALWAYS, 0 },
	{ "never", COLOR_NEVER, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_word encoding_words[] = {
	{ "auto", KMAP_ENC_AUTO, 0 },
	{ "utf-8", KMAP_ENC_UTF8, 0 },
	{ "utf-16", KMAP_ENC_UTF16, 0 },
	{ "cp1252", KMAP_ENC_CP1252, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_word delimiter_words[] = {
	{ "comma", ',', 0 },
	{ "semicolon", ';', 0 },
	{ "tab", '\t', CLI_WORD_NOCASE },
	{ ",", ',', CLI_WORD_ALIAS },
	{ ";", ';', CLI_WORD_ALIAS },
	{ "\t", '\t', CLI_WORD_ALIAS },
	{ "\\t", '\t', CLI_WORD_ALIAS },
	{ NULL, 0, 0 },
};

/* encoding.c owns the spellings of encodings ("UTF8", "windows-1252") */
static int match_encoding(const char *arg, int *value)
{
	enum kmap_encoding enc;

	if (encoding_from_name(arg, &enc))
		return -1;
	*value = (int)enc;
	return 0;
}

#define PERIOD_EXPECTED                                                        \
	N_("a period (a year 1950-2080 or a range such as 2022-2024)")

/* The options every command shares; a command's own lines come first. */
static const struct cli_value shared_values[] = {
	{ .id = OPT_FORMAT,
	  .name = "format",
	  .kind = CLI_WORDS,
	  .words = cli_format_words,
	  .only = CLI_ONLY(FORMAT_TABLE) | CLI_ONLY(FORMAT_CSV) |
		  CLI_ONLY(FORMAT_JSON) | CLI_ONLY(FORMAT_MARKDOWN) },
	{ .id = OPT_CSV_LANG,
	  .name = "--lang",
	  .kind = CLI_WORDS,
	  .words = cli_lang_words },
	{ .id = OPT_COLOR,
	  .name = "--color",
	  .kind = CLI_WORDS,
	  .words = color_words },
	{ .id = OPT_ENCODING,
	  .name = "encoding",
	  .kind = CLI_WORDS,
	  .words = encoding_words,
	  .match = match_encoding },
	{ .id = OPT_DELIMITER,
	  .name = "delimiter",
	  .kind = CLI_WORDS,
	  .words = delimiter_words,
	  .expected = N_("',' ';' or tab") },
	{ .id = OPT_HEADER_LINE,
	  .name = "--header-line",
	  .kind = CLI_COUNT,
	  .expected = N_("a line number") },
	{ .id = OPT_MAX_NAMES,
	  .name = "--max-names",
	  .kind = CLI_COUNT,
	  .expected = N_("a number") },
	{ .id = OPT_WIDTH,
	  .name = "--width",
	  .kind = CLI_COUNT,
	  .expected = N_("a number from 1 to 10000"),
	  .max = CLI_MAX_WIDTH },
	{ .id = OPT_MAX_NAME_MEMORY,
	  .name = "--max-name-memory",
	  .kind = CLI_COUNT,
	  .expected = N_("a number of MiB from 1 to 1048576"),
	  .max = 1 << 20 },
	{ .id = OPT_CURRENT,
	  .name = "--current",
	  .kind = CLI_PERIOD,
	  .expected = PERIOD_EXPECTED },
	{ .id = OPT_PERIOD,
	  .name = "--period",
	  .kind = CLI_PERIOD,
	  .expected = PERIOD_EXPECTED },
	{ .id = OPT_OUTPUT, .name = "-o", .kind = CLI_OUTPUT_PATH },
	{ .id = OPT_SCALE,
	  .name = "--scale",
	  .kind = CLI_INPUT_PATH,
	  .expected = "a file name" },
	{ .id = OPT_NAMES,
	  .name = "--names",
	  .kind = CLI_INPUT_PATH,
	  .expected = "a file name" },
	{ .id = OPT_DEFAULT_REGION,
	  .name = "--default-region",
	  .kind = CLI_NAME,
	  .expected = N_("a name") },
	{ .id = OPT_DEFAULT_ORGANISATION,
	  .name = "--default-organisation",
	  .kind = CLI_NAME,
	  .expected = N_("a name") },
	{ .id = OPT_SHEET,
	  .name = "--sheet",
	  .kind = CLI_NAME,
	  .expected = N_("a sheet's name or number") },
	{ .id = OPT_THRESHOLD,
	  .name = "--threshold",
	  .kind = CLI_SHARE,
	  .expected = N_("a share from 0 to 1 or 0% to 100%") },
	{ .id = OPT_CONTEXT,
	  .name = "--context",
	  .kind = CLI_INPUT_PATH,
	  .expected = N_("a file name") },
	{ .id = OPT_WEIGHT,
	  .name = "--weight",
	  .kind = CLI_WORDS,
	  .words = cli_weight_words },
	{ .name = NULL },
};

static const struct cli_value *value_line(const struct cli *c, int id)
{
	for (const struct cli_value *v = c->values; v && v->name; v++)
		if (v->id == id)
			return v;
	for (const struct cli_value *v = shared_values; v->name; v++)
		if (v->id == id)
			return v;
	return NULL;
}

static int allowed(const struct cli_value *v, int value)
{
	return !v->only || (v->only & CLI_ONLY(value));
}

static int offered(const struct cli_value *v, const struct cli_word *w)
{
	return !(w->flags & CLI_WORD_ALIAS) && allowed(v, w->value);
}

/* The words v offers, joined by sep, into sb. */
static void offered_words(const struct cli_value *v, const char *sep,
			  struct strbuf *sb)
{
	for (const struct cli_word *w = v->words; w->word; w++)
		if (offered(v, w))
			strbuf_addf(sb, "%s%s", sb->len ? sep : "", w->word);
}

static int match_word(const struct cli_value *v, const char *arg, int *value)
{
	if (v->match)
		return !v->match(arg, value) && allowed(v, *value) ? 0 : -1;
	for (const struct cli_word *w = v->words; w->word; w++) {
		int same = w->flags & CLI_WORD_NOCASE
				   ? !strcasecmp(arg, w->word)
				   : !strcmp(arg, w->word);
		if (same && allowed(v, w->value)) {
			*value = w->value;
			return 0;
		}
	}
	return -1;
}

/* A whole number from 1; returns 0 or -1. */
static int parse_count(const char *s, unsigned long *v)
{
	char *end;

	errno = 0;
	if (!*s || *s == '-')
		return -1;
	*v = strtoul(s, &end, 10);
	return errno || *end || !*v ? -1 : 0;
}

/* "0.5", "0,5", "50%" or "50 %" -> 0.5; -1 when not a share. */
static double parse_share(const char *arg)
{
	char buf[32], *end;
	size_t n = strlen(arg);
	int percent = 0;
	double v;

	if (!n || n >= sizeof(buf))
		return -1;
	memcpy(buf, arg, n + 1);
	if (buf[n - 1] == '%') {
		percent = 1;
		buf[--n] = '\0';
		while (n && buf[n - 1] == ' ')
			buf[--n] = '\0';
	}
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	if (!n || !(buf[0] >= '0' && buf[0] <= '9'))
		return -1;
	v = strtod(buf, &end);
	if (*end || !isfinite(v))
		return -1;
	if (percent)
		v /= 100;
	return v <= 1 ? v : -1;
}

/*
 * An output file that can never be written is a usage error, found
 * before any input is read: an empty name, a directory (or a name that
 * ends in '/'), a file in a directory that is not there. What only
 * writing can tell (permissions, a full disk) is output_open()'s.
 */
static int check_output_path(const struct cli *c, const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	struct stat st;
	const char *slash;
	int rc = 0;

	if (!*path)
		return cli_usage_error(
			       c, NULL,
			       "-o needs a file name (or - for standard "
			       "output), not ''"),
		       -1;
	if (!strcmp(path, "-"))
		return 0;
	if ((!stat(path, &st) && S_ISDIR(st.st_mode)) ||
	    path[strlen(path) - 1] == '/')
		return cli_usage_error(c, N_("name a file in it"),
				       "-o '%s' names a directory", path),
		       -1;
	slash = strrchr(path, '/');
	strbuf_add(&dir, path,
		   !slash	   ? 0
		   : slash == path ? 1
				   : (size_t)(slash - path));
	if (!dir.len)
		strbuf_addstr(&dir, ".");
	/* what only writing can tell (a directory kmap may not search)
	 * is left to output_open() */
	if (stat(dir.buf, &st) ? errno == ENOENT || errno == ENOTDIR
			       : !S_ISDIR(st.st_mode)) {
		cli_usage_error(c, NULL, "-o '%s': no directory '%s'", path,
				dir.buf);
		rc = -1;
	}
	strbuf_release(&dir);
	return rc;
}

/* Checks text against v into arg; returns 0, or -1 after reporting. */
static int check_value(const struct cli *c, const struct cli_value *v,
		       const char *text, struct cli_arg *arg)
{
	struct strbuf list = STRBUF_INIT;

	switch (v->kind) {
	case CLI_WORDS:
		if (!match_word(v, text, &arg->word))
			return 0;
		if (!v->expected)
			offered_words(v, ", ", &list);
		/* a value named by a word has a message of its own, to
		 * read whole in every language; an option's is one */
		if (!strcmp(v->name, "format"))
			cli_usage_error(
				c, NULL, "unknown format '%s' (expected %s)",
				text, list.len ? list.buf : _(v->expected));
		else if (!strcmp(v->name, "encoding"))
			cli_usage_error(
				c, NULL, "unknown encoding '%s' (expected %s)",
				text, list.len ? list.buf : _(v->expected));
		else if (!strcmp(v->name, "delimiter"))
			cli_usage_error(
				c, NULL, "unknown delimiter '%s' (expected %s)",
				text, list.len ? list.buf : _(v->expected));
		else
			cli_usage_error(c, NULL,
					"unknown %s '%s' (expected %s)",
					v->name, text,
					list.len ? list.buf : _(v->expected));
		strbuf_release(&list);
		return -1;
	case CLI_COUNT:
		if (!parse_count(text, &arg->count) &&
		    (!v->max || arg->count <= v->max))
			return 0;
		break;
	case CLI_SHARE:
		arg->share = parse_share(text);
		if (arg->share >= 0)
			return 0;
		break;
	case CLI_PERIOD: {
		struct period_value pv;
		if (period_parse(text, strlen(text), &pv) == PERIOD_OK)
			return 0;
		break;
	}
	case CLI_NAME: {
		struct strbuf key = STRBUF_INIT;
		int bad = names_key(text, strlen(text), &key) || !key.len;
		strbuf_release(&key);
		if (!bad)
			return 0;
		break;
	}
	case CLI_OUTPUT_PATH:
		return check_output_path(c, text);
	case CLI_INPUT_PATH:
		if (!*text)
			break;
		cli_input_file(text);
		return 0;
	}
	cli_usage_error(c, NULL, "%s needs %s, not '%s'", v->name,
			_(v->expected), text);
	return -1;
}

static int common_option(struct cli *c, int id, const struct cli_arg *arg)
{
	switch (id) {
	case OPT_OUTPUT:
		c->output = arg->text;
		return 0;
	case OPT_FORMAT:
		c->format = (enum format)arg->word;
		return 0;
	case OPT_QUIET:
		c->quiet = 1;
		return 0;
	case OPT_VERBOSE:
		c->verbose = 1;
		return 0;
	case OPT_EXCEL:
		c->excel = 1;
		return 0;
	case OPT_CSV_LANG:
		c->csv_swedish = arg->word;
		return 0;
	case OPT_REGION:
		push(&c->filter.regions, &c->filter.nregions, arg->text);
		return 0;
	case OPT_ORGANISATION:
		push(&c->filter.organisations, &c->filter.norganisations,
		     arg->text);
		return 0;
	case OPT_OCCUPATION:
		push(&c->filter.occupations, &c->filter.noccupations,
		     arg->text);
		return 0;
	case OPT_PERIOD:
		push(&c->filter.periods, &c->filter.nperiods, arg->text);
		return 0;
	case OPT_ROUND:
		c->filter.round = arg->text;
		return 0;
	case OPT_CURRENT:
		c->load.current = arg->text;
		return 0;
	case OPT_HEADER_LINE:
		c->load.csv.header_line = arg->count;
		return 0;
	case OPT_FILL_DOWN:
		c->load.fill_down = FILL_ON;
		return 0;
	case OPT_NO_FILL_DOWN:
		c->load.fill_down = FILL_OFF;
		return 0;
	case OPT_FILL_MISSING:
		c->load.fill_missing = 1;
		return 0;
	case OPT_MAX_NAMES:
		c->load.max_names = arg->count;
		return 0;
	case OPT_MAX_NAME_MEMORY:
		c->load.max_name_bytes = (size_t)arg->count << 20;
		return 0;
	case OPT_DEFAULT_REGION:
		c->load.default_region = arg->text;
		return 0;
	case OPT_DEFAULT_ORGANISATION:
		c->load.default_organisation = arg->text;
		return 0;
	case OPT_ENCODING:
		c->load.csv.encoding = (enum kmap_encoding)arg->word;
		return 0;
	case OPT_DELIMITER:
		c->load.csv.delimiter = arg->word;
		return 0;
	case OPT_SHEET:
		c->load.sheet = arg->text;
		return 0;
	case OPT_SCALE:
		c->scale_path = arg->text;
		return 0;
	case OPT_NAMES:
		push(&c->names_paths, &c->nnames_paths, arg->text);
		return 0;
	case OPT_COLOR:
		c->color = (enum color_mode)arg->word;
		return 0;
	case OPT_WIDTH:
		c->width = arg->count;
		return 0;
	}
	return 1;
}

/* The long option closest to a misspelled one, for the hint. */
static const char *closest_option(const struct option *longopts,
				  const char *given)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, len;
	char name[64];

	while (*given == '-')
		given++;
	len = strcspn(given, "=");
	if (len >= sizeof(name))
		return NULL;
	memcpy(name, given, len);
	name[len] = '\0';
	for (const struct option *o = longopts; o->name; o++) {
		size_t d = edit_distance(name, o->name);
		if (d < best_d) {
			best_d = d;
			best = o->name;
		}
	}
	return best_d <= 2 || (best_d * 3 <= len && best_d < 5) ? best : NULL;
}

static void build_shortopts(const struct option *longopts, char *buf,
			    size_t size)
{
	size_t n = 0;

	memset(buf, 0, size); /* strchr below reads the letters so far */
	buf[n++] = ':';	      /* report a missing argument as ':' */
	for (const struct option *o = longopts; o->name && n + 3 < size; o++) {
		if (o->val <= 0 || o->val >= 128 || strchr(buf, o->val))
			continue;
		buf[n++] = (char)o->val;
		if (o->has_arg == required_argument)
			buf[n++] = ':';
	}
	buf[n] = '\0';
}

static void print_completion_helper(const struct cli *c,
				    const struct option *longopts)
{
	struct strbuf words = STRBUF_INIT;

	for (const struct option *o = longopts; o->name; o++) {
		const struct cli_value *v = value_line(c, o->val);
		int arg = o->has_arg == required_argument;
		strbuf_reset(&words);
		if (arg && v && v->kind == CLI_WORDS)
			offered_words(v, " ", &words);
		printf("--%s%s%s%s\n", o->name, arg ? "=" : "",
		       words.len ? "\t" : "", words.buf);
	}
	strbuf_release(&words);
}

int cli_parse(struct cli *c, int argc, char **argv,
	      const struct option *longopts, cli_own_fn *own, void *ctx)
{
	char shortopts[64];
	int id;

	if (argc == 2 && !strcmp(argv[1], "--completion-helper")) {
		print_completion_helper(c, longopts);
		c->help_requested = 1;
		return KMAP_EXIT_OK;
	}
	build_shortopts(longopts, shortopts, sizeof(shortopts));
	optind = 1;
	opterr = 0;
	while ((id = getopt_long(argc, argv, shortopts, longopts, NULL)) !=
	       -1) {
		const char *bad = argv[optind - 1];
		if (id == '?') {
			const char *near =
				optopt ? NULL : closest_option(longopts, bad);
			const char *hint =
				near ? diag_hintf("did you mean '--%s'?", near)
				     : NULL;
			if (optopt)
				return cli_usage_error(c, NULL,
						       "unknown option '-%c'",
						       optopt);
			return cli_usage_error(c, hint, "unknown option '%s'",
					       bad);
		}
		if (id == ':')
			return cli_usage_error(
				c, NULL, "option '%s' needs a value", bad);
		if (id == OPT_HELP) {
			cli_print_help(stdout, c->help);
			c->help_requested = 1;
			return KMAP_EXIT_OK;
		}
		struct cli_arg arg = { optarg, 0, 0, 0 };
		const struct cli_value *v = value_line(c, id);
		if (v && optarg && check_value(c, v, optarg, &arg))
			return KMAP_EXIT_USAGE;
		int rc = common_option(c, id, &arg);
		if (rc == 1 && own)
			rc = own(c, id, &arg, ctx);
		if (rc)
			return KMAP_EXIT_USAGE;
	}
	c->files = argv + optind;
	c->nfiles = argc - optind;
	for (int i = 0; i < c->nfiles; i++)
		cli_input_file(c->files[i]);
	if (c->excel && c->format != FORMAT_CSV && c->format != FORMAT_LONG)
		return cli_usage_error(c, NULL, "--excel applies to -f csv");
	if (c->csv_swedish && c->format != FORMAT_CSV)
		return cli_usage_error(c,
				       N_("the tables are in Swedish already"),
				       "--lang applies to -f csv");
	if (c->scale_path && !(c->scale = scale_load(c->scale_path))) {
		c->scale = scale_default();
		return KMAP_EXIT_INPUT;
	}
	diag_set_quiet(c->quiet);
	diag_set_verbose(c->verbose);
	return 0;
}

int cli_use_color(const struct cli *c)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (c->color == COLOR_ALWAYS)
		return (int)color_depth_from_env();
	if (c->color == COLOR_NEVER || c->output || (nc && *nc))
		return COLOR_DEPTH_NONE;
	if (!isatty(STDOUT_FILENO) || (term && !strcmp(term, "dumb")))
		return COLOR_DEPTH_NONE;
	return (int)color_depth_from_env();
}

size_t cli_width(const struct cli *c)
{
	const char *columns = getenv("COLUMNS");
	unsigned long n;
	struct winsize ws;

	if (c->width)
		return c->width;
	/* a file written with -o has no terminal */
	if (c->output && strcmp(c->output, "-"))
		return 80;
	if (columns && !parse_count(columns, &n) && n <= CLI_MAX_WIDTH)
		return n;
	if (isatty(STDOUT_FILENO) && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

struct render_opts cli_render_opts(const struct cli *c)
{
	struct render_opts ro = { c->format, c->excel,	   cli_use_color(c),
				  0,	     cli_width(c), c->csv_swedish };

	return ro;
}
