/*
 * compare_view.c - kmap compare's tables and JSON (compare_view.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/compare_view.h"
#include "kmap/jsonout.h"
#include "kmap/kmap.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"

static const char *place_name(const struct compare *c, const struct cmp_line *l)
{
	return l->region < 0
		       ? "riket"
		       : name_display(&c->a->ds->regions, (uint32_t)l->region);
}

/* "5321 5322": the SSYK groups an AF row covers. */
static void ssyk_list(const struct af_row *r, struct strbuf *sb)
{
	strbuf_reset(sb);
	for (size_t k = 0; k < r->nssyk; k++)
		strbuf_addf(sb, "%s%s", k ? " " : "", r->ssyk[k]);
}

void compare_view_table(struct table *t, const struct compare *c, int csv)
{
	const struct dataset *ds = c->a->ds;
	const struct scale *sc = ds->scale;
	size_t k = 0, ncols = 14 + sc->nlevels + (csv ? 4 : 0);
	struct strbuf sb = STRBUF_INIT;

	table_init(t, ncols);
	table_set_col(t, k, "yrke", "occupation");
	t->cols[k++].group = !csv;
	table_set_col(t, k, "kod", "code");
	t->cols[k++].group = !csv;
	table_set_col(t, k, "län", "region");
	t->cols[k++].group = !csv;
	table_set_col(t, k, "länskod", "lan");
	t->cols[k++].group = !csv;
	table_set_col(t, k++, "period", "period");
	for (size_t l = 0; l < sc->nlevels; l++) {
		table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
		t->cols[k].short_head = sc->levels[l].letter;
		t->cols[k++].color = sc->levels[l].color;
	}
	table_set_col(t, k++, "saknas", "missing");
	table_set_col(t, k++, "ej aktuellt", "not_applicable");
	t->cols[k - 1].short_head = "e/a"; /* narrow: in the legend */
	if (csv)
		table_set_col(t, k++, "bedömda", "rated");
	table_set_col(t, k++, "vanligast", "mode");
	/* narrow: Yrkesbarometern's words under their row, once for the
	 * periods that share them, and the names above their rows */
	table_set_col(t, k++, "AF yrke", "af_yrke");
	table_set_col(t, k++, "AF ssyk", "af_ssyk");
	table_set_col(t, k++, "AF rekrytering", "af_rekryteringssituation");
	table_set_col(t, k++, "AF prognos", "af_prognos");
	for (size_t a = k - 4; a < k && !csv; a++) {
		t->cols[a].group = 1;
		t->cols[a].fit = COL_FIT_BLOCK;
	}
	table_set_col(t, k++, "jämförelse", "class");
	if (csv)
		table_set_col(t, k++, "AF rader", "af_rows");
	table_set_col(t, k, "AF text", "af_text");
	t->cols[k].group = !csv;
	t->cols[k++].fit = COL_FIT_BLOCK;
	t->group_lines = csv ? 0 : 4;
	if (csv) {
		table_set_col(t, k++, "omgång", "omgang");
		table_set_col(t, k++, "taxonomi", "taxonomi_version");
	}
	for (size_t i = 0; i < c->n; i++) {
		const struct cmp_line *l = &c->v[i];
		const struct af_row *r = l->af;
		struct cell *row = table_add_row(t);
		k = 0;
		cell_text(t, &row[k++],
			  name_display(&ds->occupations, l->occupation));
		cell_text(t, &row[k++],
			  name_code(&ds->occupations, l->occupation));
		cell_text(t, &row[k++], place_name(c, l));
		if (l->lan)
			cell_text(t, &row[k], l->lan);
		k++;
		cell_text(t, &row[k++], ds->periods[l->period].label);
		for (size_t v = 0; v < sc->nlevels; v++)
			cell_int(&row[k++], l->stats.level[v]);
		cell_int(&row[k++], l->stats.missing);
		cell_int(&row[k++], l->stats.not_applicable);
		if (csv)
			cell_int(&row[k++], stats_rated(&l->stats, sc));
		if (l->mode)
			cell_text(t, &row[k],
				  csv ? sc->levels[l->mode - 1].key
				      : sc->levels[l->mode - 1].label);
		k++;
		if (r) {
			if (r->yrke)
				cell_text(t, &row[k], r->yrke);
			ssyk_list(r, &sb);
			cell_text(t, &row[k + 1], sb.buf);
			if (r->situation_text)
				cell_text(t, &row[k + 2], r->situation_text);
			if (r->prognos)
				cell_text(t, &row[k + 3], r->prognos);
		}
		k += 4;
		cell_text(t, &row[k++],
			  csv ? cmp_class_key(l->cls)
			      : cmp_class_label(l->cls));
		if (csv)
			cell_int(&row[k++], l->af_rows);
		if (r && r->text)
			cell_text(t, &row[k], r->text);
		k++;
		if (csv && r) {
			if (r->omgang)
				cell_text(t, &row[k], r->omgang);
			if (r->taxonomy)
				cell_text(t, &row[k + 1], r->taxonomy);
		}
	}
	strbuf_release(&sb);
}

static void add_list(struct strbuf *sb, const char *const *v, size_t n)
{
	if (!n)
		strbuf_addstr(sb, "–");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", v[i]);
}

char *compare_view_title(const struct compare *c)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t agree = c->count[CMP_AGREE];

	strbuf_addf(&sb, "Jämförelse med Yrkesbarometern (%s) · omgång ",
		    c->af->path);
	add_list(&sb, c->af->omgang, c->af->nomgang);
	strbuf_addstr(&sb, " · taxonomi ");
	add_list(&sb, c->af->taxonomy, c->af->ntaxonomy);
	strbuf_addf(&sb,
		    " · %u samma, %u vi sämre, %u AF sämre, %u utan AF-rad",
		    agree, c->count[CMP_OURS_WORSE], c->count[CMP_AF_WORSE],
		    c->count[CMP_NO_AF_ROW]);
	return strbuf_detach(&sb, NULL);
}

/*
 * One note line: names from the files in it are made safe as the
 * renderers make cells safe (markdown: escaped as text).
 */
static void note(FILE *fp, int markdown, size_t width, const char *fmt, ...)
	KMAP_PRINTF(4, 5);

static void note(FILE *fp, int markdown, size_t width, const char *fmt, ...)
{
	struct strbuf line = STRBUF_INIT, safe = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&line, fmt, ap);
	va_end(ap);
	if (markdown) {
		render_markdown_text(fp, line.buf);
		fputc('\n', fp);
	} else if (width) {
		render_put_wrapped(fp, text_safe(line.buf, &safe), width, 2);
	} else {
		fputs(text_safe(line.buf, &safe), fp);
		fputc('\n', fp);
	}
	strbuf_release(&line);
	strbuf_release(&safe);
}

void compare_view_notes(FILE *fp, const struct compare *c, int markdown,
			size_t width)
{
	const struct dataset *ds = c->a->ds;
	const struct scale *sc = ds->scale;
	struct strbuf sb = STRBUF_INIT;

	note(fp, markdown, width,
	     "Jämförelsen: den vanligaste bedömningen per period (lika "
	     "många: den sämre) mot AF:s rekryteringssituation: överskott "
	     "= %s, balans = %s, brist = %s.",
	     sc->levels[c->level_of[AF_OVERSKOTT] - 1].label,
	     sc->levels[c->level_of[AF_BALANS] - 1].label,
	     sc->levels[c->level_of[AF_BRIST] - 1].label);
	note(fp, markdown, width,
	     "En nivå utan AF-ord (Sårbart) räknas som sämre än balans och "
	     "bättre än brist, aldrig samma. AF:s paradox har ingen nivå "
	     "och jämförs inte (AF: paradox). AF:s prognos visas men "
	     "jämförs inte.");
	/* each AF row that merges groups, once, in the file's order */
	for (size_t i = 0; i < c->af->n; i++) {
		const struct af_row *r = &c->af->rows[i];
		int used = 0;
		if (r->nssyk < 2)
			continue;
		for (size_t j = 0; j < c->n && !used; j++)
			used = c->v[j].af == r;
		if (!used)
			continue;
		ssyk_list(r, &sb);
		note(fp, markdown, width,
		     "AF:s rad [%zu] (%s, län %s) slår ihop SSYK %s.", r->index,
		     r->yrke ? r->yrke : "utan namn", r->lan, sb.buf);
	}
	for (size_t j = 0; j < c->n; j++) {
		const struct cmp_line *l = &c->v[j];
		/* once per occupation and place: its first line */
		if (l->af_rows < 2 ||
		    (j && c->v[j - 1].occupation == l->occupation &&
		     c->v[j - 1].region == l->region))
			continue;
		note(fp, markdown, width,
		     "AF delar SSYK %s i län %s på %u rader.",
		     name_code(&ds->occupations, l->occupation), l->lan,
		     l->af_rows);
	}
	if (c->nuncoded) {
		strbuf_reset(&sb);
		for (size_t i = 0; i < c->nuncoded; i++)
			strbuf_addf(
				&sb, "%s%s", i ? ", " : "",
				name_display(&ds->occupations, c->uncoded[i]));
		note(fp, markdown, width, "Utan SSYK-kod, inte jämförda: %s.",
		     sb.buf);
	}
	if (c->nnolan) {
		strbuf_reset(&sb);
		for (size_t i = 0; i < c->nnolan; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    name_display(&ds->regions, c->nolan[i]));
		note(fp, markdown, width,
		     "Utan länskod (inget län att jämföra med): %s.", sb.buf);
	}
	strbuf_release(&sb);
}

/* ---- JSON ------------------------------------------------------------ */

static cJSON *strings(const char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static void add_text(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *json_af_row(const struct af_row *r)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "index", (double)r->index);
	add_text(o, "yb_yrke", r->yrke);
	cJSON_AddItemToObject(o, "ssyk", strings(r->ssyk, r->nssyk));
	cJSON_AddBoolToObject(o, "merged", r->nssyk > 1);
	add_text(o, "lan", r->lan);
	add_text(o, "rekryteringssituation", r->situation_text);
	add_text(o, "prognos", r->prognos);
	add_text(o, "text_rekryteringssituation", r->text);
	add_text(o, "omgang", r->omgang);
	add_text(o, "taxonomi_version", r->taxonomy);
	return o;
}

static void write_json(FILE *fp, const struct compare *c)
{
	const struct dataset *ds = c->a->ds;
	const struct scale *sc = ds->scale;
	cJSON *root = json_document("kmap.compare/1", c->a), *af, *cw, *lines,
	      *nc, *counts;

	af = cJSON_AddObjectToObject(root, "af");
	cJSON_AddStringToObject(af, "file", c->af->path);
	cJSON_AddNumberToObject(af, "rows", (double)c->af->n);
	cJSON_AddItemToObject(af, "omgang",
			      strings(c->af->omgang, c->af->nomgang));
	cJSON_AddItemToObject(af, "taxonomi_version",
			      strings(c->af->taxonomy, c->af->ntaxonomy));
	cw = cJSON_AddObjectToObject(root, "crosswalk");
	cJSON_AddStringToObject(cw, "overskott",
				sc->levels[c->level_of[AF_OVERSKOTT] - 1].key);
	cJSON_AddStringToObject(cw, "balans",
				sc->levels[c->level_of[AF_BALANS] - 1].key);
	cJSON_AddStringToObject(cw, "brist",
				sc->levels[c->level_of[AF_BRIST] - 1].key);
	cJSON_AddNullToObject(cw, "paradox");
	counts = cJSON_AddObjectToObject(root, "classes");
	for (int k = 0; k < NCMP_CLASSES; k++)
		cJSON_AddNumberToObject(counts, cmp_class_key(k), c->count[k]);
	lines = cJSON_AddArrayToObject(root, "comparisons");
	for (size_t i = 0; i < c->n; i++) {
		const struct cmp_line *l = &c->v[i];
		cJSON *o = cJSON_CreateObject();
		json_add_name(o, "occupation", &ds->occupations, l->occupation,
			      "code");
		if (l->region < 0)
			cJSON_AddNullToObject(o, "region");
		else
			cJSON_AddStringToObject(
				o, "region",
				name_display(&ds->regions,
					     (uint32_t)l->region));
		add_text(o, "lan", l->lan);
		cJSON_AddStringToObject(o, "period",
					ds->periods[l->period].label);
		cJSON_AddItemToObject(o, "stats", json_stats(&l->stats, sc));
		add_text(o, "mode",
			 l->mode ? sc->levels[l->mode - 1].key : NULL);
		if (l->af)
			cJSON_AddItemToObject(o, "af", json_af_row(l->af));
		else
			cJSON_AddNullToObject(o, "af");
		cJSON_AddNumberToObject(o, "af_rows", l->af_rows);
		cJSON_AddBoolToObject(o, "split", l->af_rows > 1);
		cJSON_AddStringToObject(o, "class", cmp_class_key(l->cls));
		cJSON_AddItemToArray(lines, o);
	}
	nc = cJSON_AddObjectToObject(root, "not_compared");
	cJSON *occ = cJSON_AddArrayToObject(nc, "occupations");
	for (size_t i = 0; i < c->nuncoded; i++)
		cJSON_AddItemToArray(
			occ, cJSON_CreateString(name_display(&ds->occupations,
							     c->uncoded[i])));
	cJSON *reg = cJSON_AddArrayToObject(nc, "regions");
	for (size_t i = 0; i < c->nnolan; i++)
		cJSON_AddItemToArray(reg, cJSON_CreateString(name_display(
						  &ds->regions, c->nolan[i])));
	json_print(fp, root);
	cJSON_Delete(root);
}

void compare_view_write(FILE *fp, const struct compare *c,
			const struct render_opts *ro)
{
	struct table t;
	char *title;

	if (ro->format == FORMAT_JSON) {
		write_json(fp, c);
		return;
	}
	compare_view_table(&t, c, ro->format == FORMAT_CSV);
	title = compare_view_title(c);
	if (ro->format != FORMAT_CSV)
		t.title = title;
	render_table(fp, &t, ro);
	if (ro->format != FORMAT_CSV) {
		fputc('\n', fp);
		compare_view_notes(fp, c, ro->format == FORMAT_MARKDOWN,
				   ro->format == FORMAT_MARKDOWN ? 0
								 : ro->width);
	}
	table_release(&t);
	free(title);
}
