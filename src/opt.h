/*
 * opt.h - options shared by the commands, and the helpers that parse them.
 *
 * Each command lists the options it accepts in its own getopt_long table,
 * built from the OPTS_* macros below plus its own; opt_parse() handles the
 * shared ones and hands the rest to the command. Usage errors are reported
 * here with a did-you-mean hint; the caller exits with KMAP_EXIT_USAGE.
 */
#ifndef KMAP_OPT_H
#define KMAP_OPT_H

#include <getopt.h>
#include <stddef.h>

#include "kmap/agg.h"
#include "kmap/load.h"
#include "kmap/render.h"

enum opt_id {
	OPT_OUTPUT = 'o',
	OPT_FORMAT = 'f',
	OPT_QUIET = 'q',
	OPT_HELP = 'h',
	OPT_BY = 256,
	OPT_EXCEL,
	OPT_REGION,
	OPT_ORGANISATION,
	OPT_OCCUPATION,
	OPT_PERIOD,
	OPT_CURRENT,
	OPT_HEADER_LINE,
	OPT_FILL_DOWN,
	OPT_FILL_MISSING,
	OPT_MAX_NAMES,
	OPT_DEFAULT_REGION,
	OPT_DEFAULT_ORGANISATION,
	OPT_ENCODING,
	OPT_DELIMITER,
	OPT_COLOR,
	OPT_VERBOSE,
	OPT_STRICT,
	OPT_SCALE,
	OPT_COMMAND_FIRST = 512, /* a command's own options start here */
};

#define OPTS_INPUT                                                           \
	{ "current", required_argument, NULL, OPT_CURRENT },                 \
	{ "header-line", required_argument, NULL, OPT_HEADER_LINE },         \
	{ "fill-down", no_argument, NULL, OPT_FILL_DOWN },                   \
	{ "fill-missing", no_argument, NULL, OPT_FILL_MISSING },             \
	{ "max-names", required_argument, NULL, OPT_MAX_NAMES },             \
	{ "default-region", required_argument, NULL, OPT_DEFAULT_REGION },   \
	{ "default-organisation", required_argument, NULL,                   \
	  OPT_DEFAULT_ORGANISATION },                                        \
	{ "default-organization", required_argument, NULL,                   \
	  OPT_DEFAULT_ORGANISATION },                                        \
	{ "encoding", required_argument, NULL, OPT_ENCODING },               \
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },             \
	{ "scale", required_argument, NULL, OPT_SCALE }

#define OPTS_FILTER                                                          \
	{ "region", required_argument, NULL, OPT_REGION },                   \
	{ "organisation", required_argument, NULL, OPT_ORGANISATION },       \
	{ "organization", required_argument, NULL, OPT_ORGANISATION },       \
	{ "occupation", required_argument, NULL, OPT_OCCUPATION },           \
	{ "period", required_argument, NULL, OPT_PERIOD }

#define OPTS_COMMON                                                          \
	{ "output", required_argument, NULL, OPT_OUTPUT },                   \
	{ "format", required_argument, NULL, OPT_FORMAT },                   \
	{ "quiet", no_argument, NULL, OPT_QUIET },                           \
	{ "verbose", no_argument, NULL, OPT_VERBOSE },                       \
	{ "help", no_argument, NULL, OPT_HELP }

/* For the commands that print coloured tables. */
#define OPTS_COLOR                                                           \
	{ "color", required_argument, NULL, OPT_COLOR },                     \
	{ "colour", required_argument, NULL, OPT_COLOR }

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The words a command's own option takes, for shell completion. */
struct cli_choice {
	const char *option; /* long name: "cells" */
	const char *values; /* space-separated: "mode counts" */
};

struct cli {
	const char *command; /* for messages: "summary" */
	const char *const *help; /* lines of --help */
	struct load_opts load;
	const struct scale *scale; /* --scale FILE, or the built-in one */
	const char *scale_path;
	struct filter filter;
	const char *output;
	enum format format;
	unsigned formats; /* 1 << enum format: the ones the command has */
	const char *table_name; /* what -f calls FORMAT_TABLE; "table" */
	const struct cli_choice *choices; /* own options' words; NULL-ended */
	enum color_mode color;
	int excel;
	int quiet;
	int verbose;
	int help_requested;
	char **files;
	int nfiles;
};

void cli_init(struct cli *c, const char *command, const char *const *help,
	      unsigned formats);
void cli_release(struct cli *c);

/* Handles a command's own option; returns 0, or -1 after reporting. */
typedef int cli_own_fn(struct cli *c, int id, const char *arg, void *ctx);

/*
 * Parses argv[1..] (argv[0] is the command name). Returns 0 when the
 * command should run, KMAP_EXIT_OK after --help was printed, or
 * KMAP_EXIT_USAGE after reporting a usage error.
 *
 * "kmap CMD --completion-helper" (as git's --git-completion-helper) prints
 * the options longopts really has, one a line: "--name" or "--name=" when
 * it takes a value, then a TAB and the words it accepts when they are a
 * fixed set. The bash completion reads this, so it cannot drift from the
 * parser.
 */
int cli_parse(struct cli *c, int argc, char **argv,
	      const struct option *longopts, cli_own_fn *own, void *ctx);

/* Reports a usage error with the "Try ..." line; returns KMAP_EXIT_USAGE. */
int cli_usage_error(const struct cli *c, const char *hint, const char *fmt,
		    ...) KMAP_PRINTF(3, 4);

/* Parses --by; allowed has bit 1 << group for each one the command has. */
int cli_parse_by(const struct cli *c, const char *arg, unsigned allowed,
		 enum group_by *by);
/* A positive decimal number; returns 0 or -1. */
int cli_parse_ulong(const char *s, unsigned long *v);

/* Prints the --help text of a command to fp. */
void cli_print_help(FILE *fp, const char *const *help);

/* How to colour output going to stdout: an enum color_depth (0: not). */
int cli_use_color(const struct cli *c);

/* Checks each input can be opened; reports and returns -1 if not. */
int cli_check_inputs(const struct cli *c);

/* The lines describing the shared options, for the commands' help. */
extern const char *const help_input_options[];
extern const char *const help_filter_options[];

#endif
