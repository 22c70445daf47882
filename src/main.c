/*
 * kmap - competence-mapping analyzer: the command table and dispatch.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "kmap/diag.h"
#include "kmap/i18n.h"
#include "kmap/kmap.h"
#include "kmap/scale.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"
#include "opt.h"

struct kmap_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *const *help;
	const char *summary;
};

static const struct kmap_cmd commands[] = {
	{ "summary", cmd_summary, summary_help,
	  "counts and shares per group and period" },
	{ "critical", cmd_critical, critical_help,
	  "critical occupations with trend, disagreement, comments" },
	{ "heatmap", cmd_heatmap, heatmap_help,
	  "occupation × period (or × organisation) colour grid" },
	{ "diff", cmd_diff, diff_help,
	  "what changed between two rounds; --exit-code" },
	{ "convert", cmd_convert, convert_help,
	  "wide <-> long, clean UTF-8 CSV out" },
	{ "compare", cmd_compare, compare_help,
	  "own ratings beside Arbetsförmedlingen's Yrkesbarometer" },
	{ "report", cmd_report, report_help,
	  "one HTML or XLSX document with all of the above" },
	{ "validate", cmd_validate, validate_help,
	  "all problems in the files; exit 1 if any error" },
};

static const char *const exit_codes[] = {
	"Exit codes:",
	"  0  success",
	"  1  findings: validate found errors, diff --exit-code found "
	"differences",
	"  2  usage: unknown command or option, bad option value",
	"  3  input: unreadable file, bad encoding, malformed CSV, missing "
	"column,",
	"     bad rating, conflicting records",
	"  4  output: cannot write, disk full, stdout closed",
	"  5  internal: out of memory, bug",
	NULL,
};

static void print_usage(FILE *fp)
{
	fputs("usage: kmap COMMAND [options] FILE...\n"
	      "       kmap help [COMMAND]\n"
	      "       kmap --version\n\n"
	      "kmap reads competence-mapping sheets (each organisation's "
	      "rating of each\n"
	      "occupation: Övertalighet, Hållbart, Sårbart, Brist) and "
	      "summarises them.\n\nCommands:\n",
	      fp);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fputc('\n', fp);
	cli_print_help(fp, exit_codes);
	fputs("\nSee 'kmap help COMMAND' for the options of a command.\n", fp);
}

static const struct kmap_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	struct strbuf text = STRBUF_INIT, safe = STRBUF_INIT;
	size_t best = (size_t)-1;

	/* argv can hold anything; the terminal gets it escaped, and cut
	 * when it is long (diag_formatf) */
	diag_formatf(&text, _("kmap: error: '%s' is not a kmap command\n"),
		     text_safe(name, &safe));
	fputs(text.buf, stderr);
	strbuf_release(&text);
	strbuf_release(&safe);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		size_t d = edit_distance(name, commands[i].name);
		if (d < best)
			best = d;
	}
	if (best <= 3) {
		struct strbuf near = STRBUF_INIT;
		for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
			if (edit_distance(name, commands[i].name) == best)
				strbuf_addf(&near, " '%s'", commands[i].name);
		/* the names as a list: " 'summary' 'report'" */
		fprintf(stderr, _("hint: did you mean%s?\n"), near.buf);
		strbuf_release(&near);
	}
	fputs(_("Try 'kmap help' for the list of commands.\n"), stderr);
	return KMAP_EXIT_USAGE;
}

static int help(int argc, char **argv)
{
	const struct kmap_cmd *cmd;

	if (argc < 2) {
		print_usage(stdout);
		return KMAP_EXIT_OK;
	}
	if (!strcmp(argv[1], "--commands")) { /* for the shell completion */
		for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
			printf("%s\n", commands[i].name);
		return KMAP_EXIT_OK;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);
	cli_print_help(stdout, cmd->help);
	return KMAP_EXIT_OK;
}

/* Flushes and closes stdout; a failure there is an output error (git). */
static int finish_stdout(int rc)
{
	if (fflush(stdout) || ferror(stdout)) {
		if (rc == KMAP_EXIT_OK || rc == KMAP_EXIT_FINDINGS)
			fprintf(stderr,
				_("kmap: error: cannot write to standard "
				  "output: %s\n"),
				strerror(errno ? errno : EIO));
		return KMAP_EXIT_OUTPUT;
	}
	if (fclose(stdout) &&
	    (rc == KMAP_EXIT_OK || rc == KMAP_EXIT_FINDINGS)) {
		fprintf(stderr,
			_("kmap: error: cannot close standard output: %s\n"),
			strerror(errno));
		return KMAP_EXIT_OUTPUT;
	}
	return rc;
}

/*
 * Standard input, output and error that were closed when kmap started
 * are opened to /dev/null, before anything else is: otherwise the first
 * file kmap opens would become fd 1 or 2, and a warning would land in a
 * report. They are opened the wrong way round (0 for writing, 1 and 2
 * for reading), so using them still fails as a closed descriptor does:
 * "kmap ... >&-" stays an output error (exit 4), reading '-' from a
 * closed stdin an input error.
 */
static void open_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int nfd;
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		nfd = open("/dev/null", fd ? O_RDONLY : O_WRONLY);
		if (nfd != fd) { /* no /dev/null: kmap cannot run safely */
			static const char msg[] = "kmap: error: cannot open "
						  "/dev/null\n";
			ssize_t n = write(STDERR_FILENO, msg, sizeof(msg) - 1);
			(void)n;
			_exit(KMAP_EXIT_INTERNAL);
		}
	}
}

static void *json_malloc(size_t size)
{
	return xmalloc(size);
}

int main(int argc, char **argv)
{
	cJSON_Hooks hooks = { json_malloc, free };
	const struct kmap_cmd *cmd;
	int rc;

	open_std_fds();
	i18n_init();
	xalloc_init_from_env();
	cJSON_InitHooks(&hooks);
	if (argc < 2) {
		print_usage(stderr);
		return KMAP_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("kmap %s\n", KMAP_VERSION);
		return finish_stdout(KMAP_EXIT_OK);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return finish_stdout(help(1, argv));
	if (!strcmp(argv[1], "help"))
		return finish_stdout(help(argc - 1, argv + 1));
	if (argv[1][0] == '-') {
		struct strbuf text = STRBUF_INIT, safe = STRBUF_INIT;
		diag_formatf(&text,
			     _("kmap: error: unknown option '%s'\n"
			       "Try 'kmap help' for more information.\n"),
			     text_safe(argv[1], &safe));
		fputs(text.buf, stderr);
		strbuf_release(&text);
		strbuf_release(&safe);
		return KMAP_EXIT_USAGE;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);
	rc = cmd->fn(argc - 1, argv + 1);
	return finish_stdout(rc);
}
