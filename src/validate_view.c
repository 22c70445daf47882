/*
 * validate_view.c - kmap validate's findings as text or JSON
 * (validate_view.h).
 */
#include <stdio.h>

#include "kmap/diag.h"
#include "kmap/i18n.h"
#include "kmap/jsonout.h"
#include "kmap/validate_view.h"

/* in the JSON: the same words in every language */
static const char *severity_name(enum diag_severity s)
{
	return s == DIAG_ERROR	   ? "error"
	       : s == DIAG_WARNING ? "warning"
				   : "note";
}

/* "2 errors, 1 warning in 3 files (10 rows, 9 records)" */
static void print_counts(FILE *fp, const struct diag_list *f, uint32_t files,
			 unsigned long rows, unsigned long records)
{
	char e[64], w[64], n[64], r[64], c[64];

	snprintf(e, sizeof(e),
		 i18n_ngettext("%lu error", "%lu errors", f->errors),
		 f->errors);
	snprintf(w, sizeof(w),
		 i18n_ngettext("%lu warning", "%lu warnings", f->warnings),
		 f->warnings);
	snprintf(n, sizeof(n),
		 i18n_ngettext("in %u file", "in %u files", files), files);
	snprintf(r, sizeof(r), i18n_ngettext("%lu row", "%lu rows", rows),
		 rows);
	snprintf(c, sizeof(c),
		 i18n_ngettext("%lu record", "%lu records", records), records);
	/* TRANSLATORS: errors, warnings, files, rows, records */
	fprintf(fp, _("%s, %s %s (%s, %s)\n"), e, w, n, r, c);
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
			_(severity_name(p->severity)), p->text);
		if (p->hint)
			fprintf(fp, _("  hint: %s\n"), p->hint);
	}
	for (uint32_t i = 0; i < ds->ninputs; i++) {
		rows += ds->inputs[i].rows;
		records += ds->inputs[i].records;
	}
	print_counts(fp, f, ds->ninputs, rows, records);
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

void validate_view_write(FILE *fp, const struct diag_list *findings,
			 const struct dataset *ds, enum format format)
{
	if (format == FORMAT_JSON)
		print_json(fp, findings, ds);
	else
		print_text(fp, findings, ds);
}
