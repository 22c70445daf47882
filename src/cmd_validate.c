#include <stdlib.h>
#include <string.h>

#include "cmd.h"
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

struct problem {
	enum diag_severity severity;
	struct kmap_loc loc;
	char *text, *hint;
};

struct findings {
	struct problem *v;
	size_t n, cap;
	int quiet;
	unsigned long errors, warnings;
};

static void collect(void *ctx, const struct diag_msg *m)
{
	struct findings *f = ctx;
	struct problem *p;

	if (m->severity == DIAG_NOTE) {
		fprintf(stderr, "kmap: note: %s\n", m->text);
		return;
	}
	if (m->severity == DIAG_ERROR)
		f->errors++;
	else
		f->warnings++;
	if (m->severity == DIAG_WARNING && f->quiet)
		return;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
	}
	p = &f->v[f->n++];
	p->severity = m->severity;
	p->loc = m->loc;
	p->text = xstrdup(m->text);
	p->hint = m->hint ? xstrdup(m->hint) : NULL;
}

static void findings_release(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].text);
		free(f->v[i].hint);
	}
	free(f->v);
}

static const char *severity_name(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : "warning";
}

static void print_text(FILE *fp, const struct findings *f,
		       const struct dataset *ds)
{
	char where[1024];
	unsigned long rows = 0, records = 0;

	for (size_t i = 0; i < f->n; i++) {
		const struct problem *p = &f->v[i];
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

static void print_json(FILE *fp, const struct findings *f,
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
		const struct problem *p = &f->v[i];
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

static int own_option(struct cli *c, int id, const char *arg, void *ctx)
{
	(void)c;
	(void)arg;
	if (id != OPT_STRICT)
		return 1;
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
	struct findings f = { 0 };
	struct output out = { 0 };
	int strict = 0, rc;

	cli_init(&c, "validate", validate_help,
		 1u << FORMAT_TABLE | 1u << FORMAT_JSON);
	c.table_name = "text";
	dataset_init(&ds, scale_default());
	rc = cli_parse(&c, argc, argv, longopts, own_option, &strict);
	if (rc || c.help_requested)
		goto out;
	c.load.all_errors = 1;
	f.quiet = c.quiet;
	if (!c.nfiles) {
		rc = cli_usage_error(&c, "use '-' to read standard input",
				     "no input files");
		goto out;
	}
	rc = KMAP_EXIT_OUTPUT;
	output_register_input(c.scale_path);
	if (output_check_inputs(c.output, c.files, c.nfiles))
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (cli_check_inputs(&c))
		goto out;
	diag_set_sink(collect, &f);
	ds.scale = c.scale;
	for (int i = 0; i < c.nfiles; i++)
		load_file(&ds, c.files[i], &c.load);
	load_warn_merged(&ds);
	diag_set_sink(NULL, NULL);
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
	diag_set_sink(NULL, NULL);
	output_abort(&out);
	findings_release(&f);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
