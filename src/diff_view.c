/*
 * diff_view.c - kmap diff's tables and JSON (diff_view.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/diff_view.h"
#include "kmap/jsonout.h"
#include "kmap/round.h"

static const char *const kind_label[] = { "ändrad", "tillagd", "borttagen",
					  "kommentar" };
static const char *const kind_key[] = { "changed", "added", "removed",
					"comment" };

/* The label (table) or key (CSV, JSON) of a level; NULL when none. */
static const char *level_name(const struct scale *sc, uint8_t level, int key)
{
	if (level == LEVEL_NONE)
		return NULL;
	if (level == LEVEL_MISSING)
		return key ? "missing" : "saknas";
	return key ? sc->levels[level - 1].key : sc->levels[level - 1].label;
}

/* "file.csv:12" for a record of side s. */
static void where(const struct diff *d, int s, uint32_t gline,
		  struct strbuf *sb)
{
	uint32_t input;
	unsigned long line;

	strbuf_reset(sb);
	dataset_line_of(d->ds[s], gline, &input, &line);
	dataset_place(d->ds[s], input, line, 0, sb);
}

static const char *names(const struct diff *d, int t, uint32_t id)
{
	const struct dataset *ds = d->ds[0];

	return name_display(t == 0   ? &ds->regions
			    : t == 1 ? &ds->organisations
				     : &ds->occupations,
			    id);
}

/* ---- records table ------------------------------------------------- */

static void build_records(struct table *t, const struct diff *d, int csv,
			  int comments)
{
	const struct scale *sc = d->ds[0]->scale;
	static const char *const heads[][2] = {
		{ "region", "region" },
		{ "organisation", "organisation" },
		{ "yrke", "occupation" },
		{ "period", "period" },
		{ "ändring", "change" },
		{ "före", "old" },
		{ "efter", "new" },
		{ "rad före", "old_line" },
		{ "rad efter", "new_line" },
		{ "kommentar före", "old_comment" },
		{ "kommentar efter", "new_comment" },
	};
	size_t ncols = comments ? 11 : 9;
	struct strbuf sb = STRBUF_INIT;

	table_init(t, ncols);
	for (size_t k = 0; k < ncols; k++) {
		table_set_col(t, k, heads[k][0], heads[k][1]);
		t->cols[k].group = k < 3;
	}
	for (size_t i = 0; i < d->nrecords; i++) {
		const struct diff_record *r = &d->records[i];
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], names(d, 0, r->region));
		cell_text(t, &row[1], names(d, 1, r->org));
		cell_text(t, &row[2], names(d, 2, r->occupation));
		if (r->period >= 0)
			cell_text(t, &row[3], d->periods[r->period].label);
		else if (!csv)
			cell_text(t, &row[3], "hela raden");
		cell_text(t, &row[4],
			  csv ? kind_key[r->kind] : kind_label[r->kind]);
		for (int s = 0; s < 2; s++) {
			const char *name = level_name(sc, r->level[s], csv);
			if (name)
				cell_text(t, &row[5 + s], name);
			if (r->level[s] != LEVEL_NONE) {
				where(d, s, r->gline[s], &sb);
				cell_text(t, &row[7 + s], sb.buf);
			}
			if (comments && r->comment[s])
				cell_text(t, &row[9 + s], r->comment[s]);
		}
	}
	strbuf_release(&sb);
}

/* ---- groups table -------------------------------------------------- */

/* "2 → 3", or "2" when the count did not change. */
static void count_cell(struct table *t, struct cell *c, uint32_t a, uint32_t b)
{
	char buf[64];

	if (a == b)
		snprintf(buf, sizeof(buf), "%u", a);
	else
		snprintf(buf, sizeof(buf), "%u → %u", a, b);
	cell_text(t, c, buf);
}

/* "50 % → 67 %" ("–" for a share that is not defined). */
static void risk_pair(char *buf, size_t size, double r0, double r1)
{
	char a[16] = "–", b[16] = "–";

	if (r0 >= 0)
		snprintf(a, sizeof(a), "%d %%", (int)round_half_up(r0 * 100));
	if (r1 >= 0)
		snprintf(b, sizeof(b), "%d %%", (int)round_half_up(r1 * 100));
	snprintf(buf, size, "%s → %s", a, b);
}

static void build_groups(struct table *t, const struct diff *d)
{
	const struct scale *sc = d->ds[0]->scale;
	size_t ng = d->by == BY_ORGANISATION ? 2 : 1, k;
	char buf[64];

	table_init(t, ng + 1 + sc->nlevels + 1 + 2);
	if (d->by == BY_OCCUPATION) {
		table_set_col(t, 0, "yrke", "occupation");
	} else {
		table_set_col(t, 0, "region", "region");
		if (ng == 2)
			table_set_col(t, 1, "organisation", "organisation");
	}
	for (k = 0; k < ng; k++)
		t->cols[k].group = 1;
	table_set_col(t, k++, "period", "period");
	for (size_t l = 0; l < sc->nlevels; l++) {
		table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
		t->cols[k].right = 1;
		t->cols[k++].color = sc->levels[l].color;
	}
	table_set_col(t, k, "saknas", "missing");
	t->cols[k++].right = 1;
	table_set_col(t, k, "risk före → efter", "risk");
	t->cols[k++].right = 1;
	table_set_col(t, k++, "risk ±", "risk_change");
	for (size_t i = 0; i < d->ngroups; i++) {
		const struct diff_group *g = &d->groups[i];
		const struct stats *s = g->stats;
		struct cell *row = table_add_row(t);
		double r0 = stats_risk(&s[0], sc), r1 = stats_risk(&s[1], sc);
		k = 0;
		cell_text(t, &row[k++],
			  names(d, d->by == BY_OCCUPATION ? 2 : 0, g->name[0]));
		if (ng == 2)
			cell_text(t, &row[k++], names(d, 1, g->name[1]));
		cell_text(t, &row[k++], d->periods[g->period].label);
		for (size_t l = 0; l < sc->nlevels; l++)
			count_cell(t, &row[k++], s[0].level[l], s[1].level[l]);
		count_cell(t, &row[k++], s[0].missing, s[1].missing);
		risk_pair(buf, sizeof(buf), r0, r1);
		cell_text(t, &row[k++], buf);
		cell_delta(&row[k++], r0, r1);
	}
}

static char *title_line(const struct diff *d)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb,
		    "Poster som skiljer: %zu (%zu ändrade, %zu tillagda, %zu "
		    "borttagna",
		    d->nrecords, d->count[DIFF_CHANGED], d->count[DIFF_ADDED],
		    d->count[DIFF_REMOVED]);
	if (d->count[DIFF_COMMENT])
		strbuf_addf(&sb, ", %zu med ändrad kommentar",
			    d->count[DIFF_COMMENT]);
	strbuf_addch(&sb, ')');
	return strbuf_detach(&sb, NULL);
}

static void render_tables(FILE *fp, const struct diff *d, int comments,
			  const struct render_opts *ro)
{
	static const char *const by_title[] = { NULL, "Antal per region",
						"Antal per organisation",
						"Antal per yrke" };
	int csv = ro->format == FORMAT_CSV;
	struct table t;
	char *title;

	if (!diff_any(d) && !csv) {
		fputs("no differences\n", fp);
		return;
	}
	build_records(&t, d, csv, comments);
	title = title_line(d);
	if (!csv)
		t.title = title;
	if (!csv || d->nrecords || !d->ngroups)
		render_table(fp, &t, ro);
	table_release(&t);
	free(title);
	if (csv || !d->ngroups)
		return;
	build_groups(&t, d);
	t.title = by_title[d->by];
	fputc('\n', fp);
	render_table(fp, &t, ro);
	table_release(&t);
}

/* ---- JSON (kmap.diff/1) -------------------------------------------- */

static cJSON *json_level(const struct scale *sc, uint8_t level)
{
	const char *name = level_name(sc, level, 1);

	return name ? cJSON_CreateString(name) : cJSON_CreateNull();
}

static cJSON *json_where(const struct diff *d, int s, uint8_t level,
			 uint32_t gline)
{
	uint32_t input;
	unsigned long line;
	cJSON *o;

	if (level == LEVEL_NONE)
		return cJSON_CreateNull();
	dataset_line_of(d->ds[s], gline, &input, &line);
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", d->ds[s]->inputs[input].name);
	cJSON_AddNumberToObject(o, "line", (double)line);
	return o;
}

static cJSON *json_side(const struct diff *d, int s)
{
	cJSON *doc = json_document("", &d->agg[s]), *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "inputs",
			      cJSON_DetachItemFromObject(doc, "inputs"));
	cJSON_Delete(doc);
	return o;
}

static cJSON *json_periods(const struct diff *d)
{
	cJSON *arr = cJSON_CreateArray();

	for (uint32_t i = 0; i < d->nperiods; i++) {
		const struct diff_period *p = &d->periods[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "label", p->label);
		cJSON_AddNumberToObject(o, "first_year", p->first);
		cJSON_AddNumberToObject(o, "last_year", p->last);
		cJSON_AddBoolToObject(o, "in_old", p->id[0] >= 0);
		cJSON_AddBoolToObject(o, "in_new", p->id[1] >= 0);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_record(const struct diff *d, const struct diff_record *r,
			  int comments)
{
	const struct scale *sc = d->ds[0]->scale;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "region", names(d, 0, r->region));
	cJSON_AddStringToObject(o, "organisation", names(d, 1, r->org));
	cJSON_AddStringToObject(o, "occupation", names(d, 2, r->occupation));
	if (r->period >= 0)
		cJSON_AddStringToObject(o, "period",
					d->periods[r->period].label);
	else
		cJSON_AddNullToObject(o, "period");
	cJSON_AddStringToObject(o, "change", kind_key[r->kind]);
	cJSON_AddItemToObject(o, "old", json_level(sc, r->level[0]));
	cJSON_AddItemToObject(o, "new", json_level(sc, r->level[1]));
	cJSON_AddItemToObject(o, "old_line",
			      json_where(d, 0, r->level[0], r->gline[0]));
	cJSON_AddItemToObject(o, "new_line",
			      json_where(d, 1, r->level[1], r->gline[1]));
	for (int s = 0; comments && s < 2; s++) {
		const char *key = s ? "new_comment" : "old_comment";
		if (r->comment[s])
			cJSON_AddStringToObject(o, key, r->comment[s]);
		else
			cJSON_AddNullToObject(o, key);
	}
	return o;
}

static cJSON *json_group(const struct diff *d, const struct diff_group *g)
{
	const struct scale *sc = d->ds[0]->scale;
	const struct stats *s = g->stats;
	cJSON *o = cJSON_CreateObject(), *ch;
	char buf[16];
	double r0 = stats_risk(&s[0], sc), r1 = stats_risk(&s[1], sc);

	if (d->by == BY_OCCUPATION) {
		cJSON_AddStringToObject(o, "occupation",
					names(d, 2, g->name[0]));
	} else {
		cJSON_AddStringToObject(o, "region", names(d, 0, g->name[0]));
		if (d->by == BY_ORGANISATION)
			cJSON_AddStringToObject(o, "organisation",
						names(d, 1, g->name[1]));
	}
	cJSON_AddStringToObject(o, "period", d->periods[g->period].label);
	cJSON_AddItemToObject(o, "old", json_stats(&s[0], sc));
	cJSON_AddItemToObject(o, "new", json_stats(&s[1], sc));
	ch = cJSON_AddObjectToObject(o, "change");
	for (size_t l = 0; l < sc->nlevels; l++)
		cJSON_AddNumberToObject(ch, sc->levels[l].key,
					(double)s[1].level[l] - s[0].level[l]);
	cJSON_AddNumberToObject(ch, "missing",
				(double)s[1].missing - s[0].missing);
	cJSON_AddNumberToObject(ch, "rated",
				(double)stats_rated(&s[1], sc) -
					stats_rated(&s[0], sc));
	if (r0 < 0 || r1 < 0) {
		cJSON_AddNullToObject(ch, "risk_share");
	} else {
		json_format_ratio(r1 > r0 ? r1 - r0 : r0 - r1, buf);
		if (r1 < r0 && strcmp(buf, "0")) {
			memmove(buf + 1, buf, strlen(buf) + 1);
			buf[0] = '-';
		}
		cJSON_AddItemToObject(ch, "risk_share", cJSON_CreateRaw(buf));
	}
	return o;
}

static void write_json(FILE *fp, const struct diff *d, int comments)
{
	struct json_stream js;
	cJSON *doc = json_document("kmap.diff/1", &d->agg[0]), *counts;
	static const char *const by_key[] = { "total", "region", "organisation",
					      "occupation" };

	json_stream_begin(&js, fp);
	json_stream_member(&js, "schema",
			   cJSON_DetachItemFromObject(doc, "schema"));
	json_stream_member(&js, "scale_name",
			   cJSON_DetachItemFromObject(doc, "scale_name"));
	json_stream_member(&js, "scale",
			   cJSON_DetachItemFromObject(doc, "scale"));
	cJSON_Delete(doc);
	json_stream_member(&js, "old", json_side(d, 0));
	json_stream_member(&js, "new", json_side(d, 1));
	json_stream_member(&js, "periods", json_periods(d));
	json_stream_member(&js, "by", cJSON_CreateString(by_key[d->by]));
	json_stream_member(&js, "comments", cJSON_CreateBool(comments));
	counts = cJSON_CreateObject();
	cJSON_AddNumberToObject(counts, "records", (double)d->nrecords);
	for (int k = 0; k < 4; k++)
		cJSON_AddNumberToObject(counts, kind_key[k],
					(double)d->count[k]);
	cJSON_AddNumberToObject(counts, "groups", (double)d->ngroups);
	json_stream_member(&js, "differences", counts);
	json_stream_array_begin(&js, "records");
	for (size_t i = 0; i < d->nrecords; i++)
		json_stream_array_item(
			&js, json_record(d, &d->records[i], comments));
	json_stream_array_end(&js);
	json_stream_array_begin(&js, "groups");
	for (size_t i = 0; i < d->ngroups; i++)
		json_stream_array_item(&js, json_group(d, &d->groups[i]));
	json_stream_array_end(&js);
	json_stream_end(&js);
}

void diff_view_write(FILE *fp, const struct diff *d, int comments,
		     const struct render_opts *ro)
{
	if (ro->format == FORMAT_JSON)
		write_json(fp, d, comments);
	else
		render_tables(fp, d, comments, ro);
}
