#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/color.h"
#include "kmap/diag.h"
#include "kmap/scale.h"
#include "kmap/xalloc.h"
#include "opt.h"

const char *const help_input_options[] = {
	"Input:",
	"  --current LABEL          the current period when no column or "
	"cell says Nuläge",
	"  --header-line N          the header is on line N",
	"  --fill-down              empty region/organisation cells take the "
	"value above",
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
	"  --encoding ENC           auto (default), utf-8, utf-16, cp1252",
	"  --delimiter D            ',' ';' or tab (default: detected)",
	"  --scale FILE             the rating scale from a JSON file "
	"(default: the",
	"                           built-in one, data/scale-kmap.json)",
	NULL,
};

const char *const help_filter_options[] = {
	"Filters (repeatable; names match like in files):",
	"  --region NAME  --organisation NAME  --occupation NAME  --period "
	"LABEL",
	NULL,
};

void cli_init(struct cli *c, const char *command, const char *const *help,
	      unsigned formats)
{
	memset(c, 0, sizeof(*c));
	c->command = command;
	c->help = help;
	c->formats = formats;
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
		else
			fprintf(fp, "%s\n", *help);
	}
}

int cli_usage_error(const struct cli *c, const char *hint, const char *fmt,
		    ...)
{
	va_list ap;

	fputs("kmap: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (hint)
		fprintf(stderr, "hint: %s\n", hint);
	fprintf(stderr, "Try 'kmap %s --help' for more information.\n",
		c->command);
	return KMAP_EXIT_USAGE;
}

static void push(const char ***list, size_t *n, const char *value)
{
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = value;
}

int cli_parse_ulong(const char *s, unsigned long *v)
{
	char *end;

	errno = 0;
	if (!*s || *s == '-')
		return -1;
	*v = strtoul(s, &end, 10);
	return errno || *end || !*v ? -1 : 0;
}

int cli_parse_by(const struct cli *c, const char *arg, unsigned allowed,
		 enum group_by *by)
{
	static const char *const names[] = { "total", "region", "organisation",
					     "occupation" };
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(allowed & 1u << i))
			continue;
		if (!strcmp(arg, names[i]) ||
		    (i == BY_ORGANISATION && !strcmp(arg, "organization"))) {
			*by = (enum group_by)i;
			return 0;
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (allowed & 1u << i)
			strbuf_addf(&list, "%s%s", list.len ? ", " : "",
				    names[i]);
	cli_usage_error(c, NULL, "unknown --by '%s' (expected %s)", arg,
			list.buf);
	strbuf_release(&list);
	return -1;
}

/* The -f names of enum format, in its order; "table" is the command's. */
static const char *format_name(const struct cli *c, size_t i)
{
	static const char *const names[] = { "table", "csv",  "json",
					     "markdown", "html", "xlsx" };

	if (i == FORMAT_TABLE && c->table_name)
		return c->table_name;
	return i < ARRAY_SIZE(names) ? names[i] : NULL;
}

static int parse_format(struct cli *c, const char *arg)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; format_name(c, i); i++) {
		if (!(c->formats & (1u << i)))
			continue;
		if (!strcmp(arg, format_name(c, i)) ||
		    (i == FORMAT_MARKDOWN && !strcmp(arg, "md"))) {
			c->format = (enum format)i;
			strbuf_release(&list);
			return 0;
		}
		strbuf_addf(&list, "%s%s", list.len ? ", " : "",
			    format_name(c, i));
	}
	cli_usage_error(c, NULL, "unknown format '%s' (expected %s)", arg,
			list.buf);
	strbuf_release(&list);
	return -1;
}

static int parse_delimiter(struct cli *c, const char *arg)
{
	if (!strcmp(arg, ",") || !strcmp(arg, "comma"))
		c->load.csv.delimiter = ',';
	else if (!strcmp(arg, ";") || !strcmp(arg, "semicolon"))
		c->load.csv.delimiter = ';';
	else if (!strcmp(arg, "\t") || !strcasecmp(arg, "tab") ||
		 !strcmp(arg, "\\t"))
		c->load.csv.delimiter = '\t';
	else
		return cli_usage_error(c, NULL,
				       "unknown delimiter '%s' (expected ',' "
				       "';' or tab)",
				       arg),
		       -1;
	return 0;
}

static int common_option(struct cli *c, int id, const char *arg)
{
	unsigned long n;

	switch (id) {
	case OPT_OUTPUT:
		c->output = arg;
		return 0;
	case OPT_FORMAT:
		return parse_format(c, arg);
	case OPT_QUIET:
		c->quiet = 1;
		return 0;
	case OPT_VERBOSE:
		c->verbose = 1;
		return 0;
	case OPT_EXCEL:
		c->excel = 1;
		return 0;
	case OPT_REGION:
		push(&c->filter.regions, &c->filter.nregions, arg);
		return 0;
	case OPT_ORGANISATION:
		push(&c->filter.organisations, &c->filter.norganisations, arg);
		return 0;
	case OPT_OCCUPATION:
		push(&c->filter.occupations, &c->filter.noccupations, arg);
		return 0;
	case OPT_PERIOD:
		push(&c->filter.periods, &c->filter.nperiods, arg);
		return 0;
	case OPT_CURRENT:
		c->load.current = arg;
		return 0;
	case OPT_HEADER_LINE:
		if (cli_parse_ulong(arg, &n))
			return cli_usage_error(c, NULL,
					       "--header-line needs a line "
					       "number, not '%s'",
					       arg),
			       -1;
		c->load.csv.header_line = n;
		return 0;
	case OPT_FILL_DOWN:
		c->load.fill_down = 1;
		return 0;
	case OPT_FILL_MISSING:
		c->load.fill_missing = 1;
		return 0;
	case OPT_MAX_NAMES:
		if (cli_parse_ulong(arg, &n))
			return cli_usage_error(c, NULL,
					       "--max-names needs a number, not "
					       "'%s'",
					       arg),
			       -1;
		c->load.max_names = n;
		return 0;
	case OPT_DEFAULT_REGION:
		c->load.default_region = arg;
		return 0;
	case OPT_DEFAULT_ORGANISATION:
		c->load.default_organisation = arg;
		return 0;
	case OPT_ENCODING:
		if (encoding_from_name(arg, &c->load.csv.encoding))
			return cli_usage_error(c, NULL,
					       "unknown encoding '%s' "
					       "(expected auto, utf-8, "
					       "utf-16, cp1252)",
					       arg),
			       -1;
		return 0;
	case OPT_DELIMITER:
		return parse_delimiter(c, arg);
	case OPT_SCALE:
		c->scale_path = arg;
		return 0;
	case OPT_COLOR:
		if (!strcmp(arg, "auto"))
			c->color = COLOR_AUTO;
		else if (!strcmp(arg, "always"))
			c->color = COLOR_ALWAYS;
		else if (!strcmp(arg, "never"))
			c->color = COLOR_NEVER;
		else
			return cli_usage_error(c, NULL,
					       "unknown --color '%s' "
					       "(expected auto, always, "
					       "never)",
					       arg),
			       -1;
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
	buf[n++] = ':';       /* report a missing argument as ':' */
	for (const struct option *o = longopts; o->name && n + 3 < size; o++) {
		if (o->val <= 0 || o->val >= 128 || strchr(buf, o->val))
			continue;
		buf[n++] = (char)o->val;
		if (o->has_arg == required_argument)
			buf[n++] = ':';
	}
	buf[n] = '\0';
}

/* The fixed words an option takes, or NULL; into buf for -f. */
static const char *option_words(const struct cli *c, const char *name,
				struct strbuf *buf)
{
	static const struct cli_choice shared[] = {
		{ "color", "auto always never" },
		{ "colour", "auto always never" },
		{ "encoding", "auto utf-8 utf-16 cp1252" },
		{ "delimiter", "comma semicolon tab" },
		{ NULL, NULL },
	};

	if (!strcmp(name, "format")) {
		for (size_t i = 0; format_name(c, i); i++)
			if (c->formats & 1u << i)
				strbuf_addf(buf, "%s%s", buf->len ? " " : "",
					    format_name(c, i));
		return buf->buf;
	}
	for (const struct cli_choice *ch = shared; ch->option; ch++)
		if (!strcmp(ch->option, name))
			return ch->values;
	for (const struct cli_choice *ch = c->choices; ch && ch->option; ch++)
		if (!strcmp(ch->option, name))
			return ch->values;
	return NULL;
}

static void print_completion_helper(const struct cli *c,
				    const struct option *longopts)
{
	struct strbuf buf = STRBUF_INIT;

	for (const struct option *o = longopts; o->name; o++) {
		const char *words;
		strbuf_reset(&buf);
		words = option_words(c, o->name, &buf);
		printf("--%s%s", o->name,
		       o->has_arg == required_argument ? "=" : "");
		if (o->has_arg == required_argument && words)
			printf("\t%s", words);
		putchar('\n');
	}
	strbuf_release(&buf);
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
	while ((id = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const char *bad = argv[optind - 1];
		if (id == '?') {
			char hint[96];
			const char *near = optopt ? NULL
						  : closest_option(longopts, bad);
			if (near)
				snprintf(hint, sizeof(hint),
					 "did you mean '--%s'?", near);
			if (optopt)
				return cli_usage_error(c, NULL,
						       "unknown option '-%c'",
						       optopt);
			return cli_usage_error(c, near ? hint : NULL,
					       "unknown option '%s'", bad);
		}
		if (id == ':')
			return cli_usage_error(c, NULL,
					       "option '%s' needs a value", bad);
		if (id == OPT_HELP) {
			cli_print_help(stdout, c->help);
			c->help_requested = 1;
			return KMAP_EXIT_OK;
		}
		int rc = common_option(c, id, optarg);
		if (rc == 1 && own)
			rc = own(c, id, optarg, ctx);
		if (rc)
			return KMAP_EXIT_USAGE;
	}
	c->files = argv + optind;
	c->nfiles = argc - optind;
	if (c->excel && c->format != FORMAT_CSV)
		return cli_usage_error(c, NULL, "--excel applies to -f csv");
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

int cli_check_inputs(const struct cli *c)
{
	int rc = 0, stdin_seen = 0;

	for (int i = 0; i < c->nfiles; i++) {
		struct stat st;
		const char *f = c->files[i];
		int fd;
		if (!strcmp(f, "-")) {
			if (stdin_seen++)
				rc = kmap_error("standard input ('-') named "
						"twice");
			continue;
		}
		/*
		 * A FIFO (process substitution) is not opened here: its writer
		 * would see this reader close and die, and the real read would
		 * then wait for ever.
		 */
		if (!stat(f, &st) && S_ISFIFO(st.st_mode))
			continue;
		fd = open(f, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			rc = kmap_error("%s: cannot open: %s", f,
					strerror(errno));
			continue;
		}
		if (!fstat(fd, &st) && S_ISDIR(st.st_mode))
			rc = kmap_error("%s: is a directory, not a file", f);
		close(fd);
	}
	return rc;
}
