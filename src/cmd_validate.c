#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "kmap/diag_list.h"
#include "kmap/jsonout.h"
#include "kmap/output.h"
#include "kmap/xalloc.h"
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
	"  --verbose                also list ignored columns",
	"  -h, --help               this help",
	"",
	"@input",
	NULL,
};

static const char *severity_name(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : "warning";
}

static void print_text(FILE *fp, const struct diag_list *f,
		       const struct dataset *ds)
{
	char where[1024];
	unsigned long rows = 0, records = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct diag_item *p = &f->v[i];
		diag_format_loc(where, sizeof(where), &p->loc);
		fprintf(fp, "%s%s%s: %s\n", where, *where ? ": " : "",
			severity_name(p->severity), p->text);
		if (p->hint)
			fprintf(fp, "  hint: %s\n", p->hint);
	}
	for (uint32_t i = 0; i < ds->ninputs; i++) {
		rows += ds->inputs[i].rows;
		records += ds->inputs[i].records;
	}
	fprintf(fp, "%lu error%s, %lu warning%s in %u file%s (%lu rows, "
		    "%lu records)\n",
		f->errors, f->errors == 1 ? "" : "s", f->warnings,
		f->warnings == 1 ? "" : "s", ds->ninputs,
		ds->ninputs == 1 ? "" : "s", rows, records);
}

static void print_json(FILE *fp, const struct diag_list *f,
		       const struct dataset *ds)
{
	cJSON *root = cJSON_CreateObject(), *files, *problems;

	cJSON_AddStringToObject(root, "schema", "kmap.validate/1");
	cJSON_AddStringToObject(root, "scale_name", ds->scale->name);
	cJSON_AddItemToObject(root, "scale", json_scale(ds->scale));
	files = cJSON_AddArrayToObject(root, "files");
	for (uint32_t i = 0; i < ds->ninputs; i++)
		cJSON_AddItemToArray(files, json_input(&ds->inputs[i]));
	problems = cJSON_AddArrayToObject(root, "problems");
	for (size_t i = 0; i < f->n; i++) {
		const struct diag_item *p = &f->v[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "severity",
					severity_name(p->severity));
		if (p->loc.file)
			cJSON_AddStringToObject(o, "file", p->loc.file);
		else
			cJSON_AddNullToObject(o, "file");
		cJSON_AddNumberToObject(o, "line", (double)p->loc.line);
		cJSON_AddNumberToObject(o, "column", (double)p->loc.col);
		cJSON_AddStringToObject(o, "message", p->text);
		if (p->hint)
			cJSON_AddStringToObject(o, "hint", p->hint);
		else
			cJSON_AddNullToObject(o, "hint");
		cJSON_AddItemToArray(problems, o);
	}
	cJSON_AddNumberToObject(root, "errors", (double)f->errors);
	cJSON_AddNumberToObject(root, "warnings", (double)f->warnings);
	json_print(fp, root);
	cJSON_Delete(root);
}

static const struct cli_word format_words[] = {
	{ "text", FORMAT_TABLE, 0 },
	{ "json", FORMAT_JSON, 0 },
	{ NULL, 0, 0 },
};

static const struct cli_value values[] = {
	{ .id = OPT_FORMAT, .name = "format", .kind = CLI_WORDS,
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
			       (c.quiet ? 0 : DIAG_BIT(DIAG_WARNING)),
		       DIAG_BIT(DIAG_NOTE));
	rc = cli_load_inputs(&c, &ds, &all);
	if (rc)
		goto out;
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	if (c.format == FORMAT_JSON)
		print_json(out.fp, &f, &ds);
	else
		print_text(out.fp, &f, &ds);
	if (output_commit(&out))
		goto out;
	rc = f.errors || (strict && f.warnings) ? KMAP_EXIT_FINDINGS
						: KMAP_EXIT_OK;
out:
	output_abort(&out);
	diag_list_release(&f);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
