/*
 * cmd.h - the commands.
 *
 * How to add a command:
 *   1. write src/cmd_<name>.c with int cmd_<name>(int argc, char **argv)
 *      and its help lines (usage, options) as a NULL-terminated array;
 *      what it shows goes in a view of its own (src/<name>_view.c,
 *      include/kmap/<name>_view.h), not in the command;
 *   2. declare both here;
 *   3. add a line to commands[] in main.c (name, function, help, summary);
 *   4. add golden cases under tests/cli/<name>/ and the command to
 *      tests/contract.sh.
 * A command reads top to bottom: help, its own options (a getopt table
 * and the cli_value lines of their values), then the pipeline - parse
 * (cli_parse), read (cli_load_inputs), count, a view writes to the
 * output - and one out: label; it returns an enum kmap_exit. Only main.c
 * includes this header besides the commands, and no command uses what
 * another defines.
 */
#ifndef KMAP_CMD_H
#define KMAP_CMD_H

int cmd_summary(int argc, char **argv);
int cmd_critical(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_heatmap(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_compare(int argc, char **argv);

extern const char *const summary_help[];
extern const char *const critical_help[];
extern const char *const validate_help[];
extern const char *const diff_help[];
extern const char *const convert_help[];
extern const char *const heatmap_help[];
extern const char *const report_help[];
extern const char *const compare_help[];

#endif
