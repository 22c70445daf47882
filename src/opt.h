/*
 * opt.h - the command-line layer the commands share: options, their
 * values, and the input step.
 *
 * Each command lists the options it accepts in its own getopt_long table,
 * built from the OPTS_* macros below plus its own, and the values its own
 * options take in a struct cli_value table; cli_parse() checks every
 * value against its line, handles the shared options and hands the rest,
 * already checked, to the command. Usage errors are reported here with a
 * did-you-mean hint; the caller exits with KMAP_EXIT_USAGE.
 * cli_load_inputs() is where the files named on the command line become
 * loaded datasets.
 *
 * Ownership: struct cli borrows argv and the tables; it owns its filter
 * arrays and a --scale scale, which cli_release frees.
 */
#ifndef KMAP_OPT_H
#define KMAP_OPT_H

#include <getopt.h>
#include <stddef.h>

#include "kmap/agg.h"
#include "kmap/load.h"
#include "kmap/namesfile.h"
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
	OPT_NO_FILL_DOWN,
	OPT_FILL_MISSING,
	OPT_MAX_NAMES,
	OPT_MAX_NAME_MEMORY,
	OPT_DEFAULT_REGION,
	OPT_DEFAULT_ORGANISATION,
	OPT_ENCODING,
	OPT_DELIMITER,
	OPT_COLOR,
	OPT_VERBOSE,
	OPT_STRICT,
	OPT_SCALE,
	OPT_SHEET,
	OPT_ROUND,
	OPT_NAMES,
	OPT_WIDTH,
	OPT_CSV_LANG,
	/* critical's ranking, in critical, report (and diff's threshold) */
	OPT_THRESHOLD,
	OPT_CONTEXT,
	OPT_WEIGHT,
	OPT_COMMAND_FIRST = 512, /* a command's own options start here */
};

#define OPTS_INPUT                                                             \
	{ "current", required_argument, NULL, OPT_CURRENT },                   \
		{ "header-line", required_argument, NULL, OPT_HEADER_LINE },   \
		{ "fill-down", no_argument, NULL, OPT_FILL_DOWN },             \
		{ "no-fill-down", no_argument, NULL, OPT_NO_FILL_DOWN },       \
		{ "fill-missing", no_argument, NULL, OPT_FILL_MISSING },       \
		{ "max-names", required_argument, NULL, OPT_MAX_NAMES },       \
		{ "max-name-memory", required_argument, NULL,                  \
		  OPT_MAX_NAME_MEMORY },                                       \
		{ "default-region", required_argument, NULL,                   \
		  OPT_DEFAULT_REGION },                                        \
		{ "default-organisation", required_argument, NULL,             \
		  OPT_DEFAULT_ORGANISATION },                                  \
		{ "default-organization", required_argument, NULL,             \
		  OPT_DEFAULT_ORGANISATION },                                  \
		{ "encoding", required_argument, NULL, OPT_ENCODING },         \
		{ "delimiter", required_argument, NULL, OPT_DELIMITER },       \
		{ "sheet", required_argument, NULL, OPT_SHEET },               \
		{ "scale", required_argument, NULL, OPT_SCALE },               \
	{                                                                      \
		"names", required_argument, NULL, OPT_NAMES                    \
	}

#define OPTS_FILTER                                                            \
	{ "region", required_argument, NULL, OPT_REGION },                     \
		{ "organisation", required_argument, NULL, OPT_ORGANISATION }, \
		{ "organization", required_argument, NULL, OPT_ORGANISATION }, \
		{ "occupation", required_argument, NULL, OPT_OCCUPATION },     \
	{                                                                      \
		"period", required_argument, NULL, OPT_PERIOD                  \
	}

#define OPTS_COMMON                                                            \
	{ "output", required_argument, NULL, OPT_OUTPUT },                     \
		{ "format", required_argument, NULL, OPT_FORMAT },             \
		{ "quiet", no_argument, NULL, OPT_QUIET },                     \
		{ "verbose", no_argument, NULL, OPT_VERBOSE },                 \
	{                                                                      \
		"help", no_argument, NULL, OPT_HELP                            \
	}

/* For the commands that count one round (rounds.h). */
#define OPTS_ROUND                                                             \
	{                                                                      \
		"round", required_argument, NULL, OPT_ROUND                    \
	}

/* For the commands that print coloured tables. */
#define OPTS_COLOR                                                             \
	{ "color", required_argument, NULL, OPT_COLOR },                       \
	{                                                                      \
		"colour", required_argument, NULL, OPT_COLOR                   \
	}

/*
 * For the commands that print tables: --width N. Without it a table is
 * as wide as the terminal: COLUMNS when set, else the window of a
 * standard output that is a terminal, else (a pipe, a file, -o) 80.
 */
#define OPTS_WIDTH                                                             \
	{                                                                      \
		"width", required_argument, NULL, OPT_WIDTH                    \
	}

/* The most --width and COLUMNS may say. */
#define CLI_MAX_WIDTH 10000

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/*
 * The values an option takes: one table for the parser, for
 * --completion-helper and for the error message, so the three cannot
 * drift apart. An option whose id has a line here - the command's own
 * lines (cli.values) first, then the shared ones in opt.c - has its value
 * checked before anyone sees it, and a bad one is reported as
 *   unknown NAME 'VALUE' (expected EXPECTED)    CLI_WORDS
 *   NAME needs EXPECTED, not 'VALUE'            CLI_COUNT, CLI_SHARE,
 *                                               CLI_PERIOD, CLI_NAME
 * and an output path that can never be written (CLI_OUTPUT_PATH) says
 * why. Values are quoted escaped (textsafe.h), whatever argv holds.
 * The completion offers the words of a CLI_WORDS line.
 */
struct cli_word {
	const char *word;
	int value;
	unsigned flags; /* enum cli_word_flags */
};

enum cli_word_flags {
	CLI_WORD_ALIAS = 1 << 0,  /* accepted, but not offered or listed */
	CLI_WORD_NOCASE = 1 << 1, /* matched ignoring ASCII case */
};

enum cli_value_kind {
	CLI_WORDS,  /* one of words[] */
	CLI_COUNT,  /* a whole number from 1, to max when max is not 0 */
	CLI_SHARE,  /* "0.5", "0,5", "50%" or "50 %": from 0 to 1 */
	CLI_PERIOD, /* a year or a range, as period_parse() reads one */
	CLI_NAME,   /* a name: valid UTF-8, not blank (names.h) */
	/* an output file: not empty, not a directory, in a directory that
	 * is there; "-" is standard output */
	CLI_OUTPUT_PATH,
	/* a file kmap reads (--scale; names, context, AF files): not
	 * empty; registered as an input (cli_input_file()), so that -o can
	 * never be it */
	CLI_INPUT_PATH,
};

/* The bit of a word's value in cli_value.only. */
#define CLI_ONLY(value) (1u << (value))

struct cli_value {
	int id;		  /* the option's val in the getopt table */
	const char *name; /* the option in messages: "--cells", "format" */
	enum cli_value_kind kind;
	const struct cli_word *words; /* CLI_WORDS: ends with a NULL word */
	unsigned only; /* CLI_WORDS: CLI_ONLY() of the values allowed; 0: all */
	/* the message's list or kind of number; NULL: the words offered */
	const char *expected;
	unsigned long max; /* CLI_COUNT: the largest allowed; 0 no limit */
	/* when set, decides which spellings are accepted (the words are then
	 * those offered and listed): encoding_from_name()'s aliases */
	int (*match)(const char *arg, int *value);
};

/* An option's value after its cli_value line accepted it. */
struct cli_arg {
	const char *text;    /* as given; NULL for an option without one */
	int word;	     /* CLI_WORDS: the value of the word */
	unsigned long count; /* CLI_COUNT */
	double share;	     /* CLI_SHARE: 0 to 1 */
};

/* --weight: headcount (1), the one weight there is. */
extern const struct cli_word cli_weight_words[];
/* --lang: en (0) or sv (1). */
extern const struct cli_word cli_lang_words[];
/* --by: the values of enum group_by; a command allows some (only). */
extern const struct cli_word cli_by_words[];
/*
 * --by of a command that groups by attributes too: a word of
 * cli_by_words, or any other as BY_ATTRIBUTE, which cli_attribute()
 * checks once the names files are read.
 */
int cli_match_by(const char *arg, int *value);
/* -f: the values of enum format; a command allows some (only). */
extern const struct cli_word cli_format_words[];

struct cli {
	const char *command;	 /* for messages: "summary" */
	const char *const *help; /* lines of --help */
	struct load_opts load;
	const struct scale *scale; /* --scale FILE, or the built-in one */
	const char *scale_path;
	const char **names_paths; /* --names FILE, in the order given */
	size_t nnames_paths;
	struct names_set *names; /* every names file read; NULL until then */
	struct filter filter;
	const char *output;
	enum format format;
	const struct cli_value *values; /* its own options'; NULL name ends */
	enum color_mode color;
	unsigned long width; /* --width; 0: not given */
	int excel;
	int csv_swedish; /* --lang sv: the CSV's columns headed in Swedish */
	int quiet;
	int verbose;
	int help_requested;
	char **files;
	int nfiles;
	int inputs_checked; /* cli_load_inputs() has checked the files */
};

/*
 * Sets c up for a command: its name, its help lines and the value lines
 * of its own options (NULL when it has none); -f means table until parsed.
 */
void cli_init(struct cli *c, const char *command, const char *const *help,
	      const struct cli_value *values);
/* Frees the filters and a --scale scale; c can be initialised again. */
void cli_release(struct cli *c);

/*
 * Handles one of a command's own options: arg has passed the option's
 * cli_value line when it has one. Returns 0, or -1 after reporting a
 * usage error (cli_usage_error).
 */
typedef int cli_own_fn(struct cli *c, int id, const struct cli_arg *arg,
		       void *ctx);

/*
 * Parses argv[1..] (argv[0] is the command name). Returns 0 when the
 * command should run, KMAP_EXIT_OK after --help was printed, or
 * KMAP_EXIT_USAGE after reporting a usage error.
 *
 * "kmap CMD --completion-helper" (as git's --git-completion-helper) prints
 * the options longopts really has, one a line: "--name" or "--name=" when
 * it takes a value, then a TAB and the words its cli_value line offers
 * when it has one. The bash completion reads this, so it cannot drift
 * from the parser.
 */
int cli_parse(struct cli *c, int argc, char **argv,
	      const struct option *longopts, cli_own_fn *own, void *ctx);

/* Reports a usage error with the "Try ..." line; returns KMAP_EXIT_USAGE. */
int cli_usage_error(const struct cli *c, const char *hint, const char *fmt, ...)
	KMAP_PRINTF(3, 4);

/* Prints the --help text of a command to fp. */
void cli_print_help(FILE *fp, const char *const *help);

/* How to colour output going to stdout: an enum color_depth (0: not). */
int cli_use_color(const struct cli *c);
/* The width tables fit (OPTS_WIDTH): --width, COLUMNS, the terminal, 80. */
size_t cli_width(const struct cli *c);
/*
 * What -f, --excel, --color (cli_use_color) and --width (cli_width) ask
 * the renderers for.
 */
struct render_opts cli_render_opts(const struct cli *c);

/* ---- the input step ---------------------------------------------- */

struct diag_list;

/* Which of the named files one call reads into one dataset, and how. */
struct cli_input {
	int first, count; /* c->files[first, first + count); 0: to the end */
	unsigned flags;	  /* enum cli_input_flags */
	/* when set, what reading the files reports is collected here instead
	 * of printed (validate's findings); the sink is cleared after */
	struct diag_list *findings;
};

enum cli_input_flags {
	/* read every file to its end and go on after one with errors, so
	 * that each problem is reported (load_opts.all_errors) */
	CLI_INPUT_KEEP_GOING = 1 << 0,
	/* the command shows every round (summary --by round): no note on
	 * the rounds it leaves out */
	CLI_INPUT_ALL_ROUNDS = 1 << 1,
};

/*
 * The input step, the one place where named files become a loaded
 * dataset. The first call checks all of c's files - there is one, -o
 * would not overwrite one, each can be opened; then each call reads its
 * files (in NULL: all, stopping at the first with errors) into ds with
 * c's reading options and scale, and finishes the names
 * (load_warn_merged). The names files (--names, and a manifest's namnfil
 * column, of all the files named) are read once, on the first call, and
 * apply to every call's dataset: one name is one name on both sides of
 * a diff. Then, unless it keeps going: a --round that no input is of is
 * a usage error, and when the files are of several rounds and the
 * newest leaves some out, a note says which rounds are counted.
 * Returns an enum kmap_exit: OK, or USAGE, OUTPUT or INPUT after
 * reporting.
 */
int cli_load_inputs(struct cli *c, struct dataset *ds,
		    const struct cli_input *in);

/*
 * Registers path as an input of the run: the one function through which
 * every file kmap reads, of any kind, is made known, so that -o is never
 * one of them (output_register_input(); the output is refused, exit 4).
 * cli_parse() calls it for the data files and for the value of every
 * CLI_INPUT_PATH option; code that finds a file to read elsewhere (the
 * exports and names files a manifest lists) calls it before the file is
 * read and before output_open(). "-" is standard input; NULL is ignored.
 */
void cli_input_file(const char *path);

/*
 * --by NAME after cli_load_inputs(): the attribute of the names files
 * NAME is (matched like header names) into *attr, and the kind of name
 * that has it into *kind; else the upper level of ds's two-level
 * organisations when NAME is its column's header ("Kommun"): *attr is
 * ds's header (dataset_is_upper_header()). Returns 0, or
 * KMAP_EXIT_USAGE after reporting that neither gives it (with the
 * command's other groups, and the attributes the names files do give),
 * or that names of two kinds do.
 */
int cli_attribute(const struct cli *c, const struct dataset *ds,
		  const char *name, const char *groups, const char **attr,
		  enum name_kind *kind);
struct context;

/*
 * --context FILE and --weight, before the inputs are read: --weight needs
 * a context (a usage error otherwise). The context file is a
 * CLI_INPUT_PATH option of the command's, so -o is never it. Returns an
 * enum kmap_exit.
 */
int cli_context_check(const struct cli *c, const char *path, int weighted);
/*
 * After the input step: reads the context file against ds into cx (path
 * NULL: nothing); weighted needs its headcount column. Returns an enum
 * kmap_exit: OK or INPUT after reporting.
 */
int cli_context_load(struct context *cx, const char *path, int weighted,
		     const struct dataset *ds);

/* The lines describing the shared options, for the commands' help. */
extern const char *const help_input_options[];
extern const char *const help_filter_options[];
extern const char *const help_round_options[];

#endif
