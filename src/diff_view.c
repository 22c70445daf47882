/*
 * diff_view.c - kmap diff's output in each format (diff_view.h): what
 * only one round has, the records and group counts, -f long, the JSON
 * document, and the order of the parts; the plan's tables are in
 * diff_view_plan.c.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_view_internal.h"
#include "kmap/jsonout.h"
#include "kmap/round.h"

static const char *const kind_label[] = { "ändrad", "tillagd", "borttagen",
					  "kommentar" };
static const char *const kind_key[] = { "changed", "added", "removed",
					"comment" };

const char *dv_side(const struct diff *d, int s)
{
	if (strcmp(d->round[0], d->round[1]))
		return d->round[s];
	return s ? "NEW" : "OLD";
}

const char *dv_level_name(const struct dv *v, uint8_t level, int key)
{
	const struct scale *sc = v->d->ds[0]->scale;

	if (level == LEVEL_NONE)
		return NULL;
	if (level == LEVEL_MISSING)
		return key ? "missing" : "saknas";
	if (level == LEVEL_NA)
		return key ? "not_applicable" : "ej aktuellt";
	return key ? sc->levels[level - 1].key : sc->levels[level - 1].label;
}

void dv_where(const struct diff *d, int s, uint32_t gline, struct strbuf *sb)
{
	uint32_t input;
	unsigned long line;

	strbuf_reset(sb);
	dataset_line_of(d->ds[s], gline, &input, &line);
	dataset_place(d->ds[s], input, line, 0, sb);
}

cJSON *dv_json_where(const struct diff *d, int s, uint32_t gline)
{
	uint32_t input;
	unsigned long line;
	cJSON *o = cJSON_CreateObject();

	dataset_line_of(d->ds[s], gline, &input, &line);
	cJSON_AddStringToObject(o, "file", d->ds[s]->inputs[input].name);
	cJSON_AddNumberToObject(o, "line", (double)line);
	return o;
}

cJSON *dv_json_ratio(double v)
{
	char buf[16];

	if (v < 0)
		return cJSON_CreateNull();
	json_format_ratio(v, buf);
	return cJSON_CreateRaw(buf);
}

cJSON *dv_json_delta(double old, double new)
{
	char buf[16];

	if (old < 0 || new < 0)
		return cJSON_CreateNull();
	json_format_ratio(new > old ? new - old : old - new, buf);
	if (new < old && strcmp(buf, "0")) {
		memmove(buf + 1, buf, strlen(buf) + 1);
		buf[0] = '-';
	}
	return cJSON_CreateRaw(buf);
}

/* ---- what only one side has ---------------------------------------- */

static void only_periods(const struct diff *d, int s, struct strbuf *sb)
{
	for (size_t i = 0; i < d->only[s].nperiods; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "",
			    d->periods[d->only[s].periods[i]].label);
}

/* "Omsorgsförvaltningen Uppsala", with its region when there are several. */
static void unit_name(const struct diff *d, const uint32_t u[2],
		      struct strbuf *sb)
{
	int regions = d->agg[0].nregions > 1 || d->agg[1].nregions > 1;

	strbuf_addstr(sb, diff_name(d, 1, u[1]));
	if (regions)
		strbuf_addf(sb, " (%s)", diff_name(d, 0, u[0]));
}

void diff_view_scope(const struct diff *d, int english, struct strbuf *out)
{
	struct dv v = { d, english, 0 };

	strbuf_reset(out);
	if (strcmp(d->round[0], d->round[1]))
		strbuf_addf(out, dv_text(&v, "Omgång %s → %s", "Round %s → %s"),
			    d->round[0], d->round[1]);
	else
		strbuf_addf(out,
			    dv_text(&v, "OLD → NEW, båda omgång %s",
				    "OLD → NEW, both round %s"),
			    d->round[0]);
	for (int s = 0; s < 2; s++) {
		if (!d->only[s].nperiods)
			continue;
		strbuf_addf(out,
			    dv_text(&v, " · perioder bara i %s: ",
				    " · periods only in %s: "),
			    dv_side(d, s));
		only_periods(d, s, out);
	}
}

/* The lines on what only one round has, under the title, wrapped to
 * width. */
static void write_scope(FILE *fp, const struct dv *v, size_t width)
{
	const struct diff *d = v->d;
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;

	diff_view_scope(d, v->english, &sb);
	render_put_wrapped(fp, sb.buf, width, 2);
	for (int s = 0; s < 2; s++) {
		const struct diff_only *o = &d->only[s];
		strbuf_reset(&sb);
		for (size_t i = 0; i < o->nunits; i++) {
			if (i)
				strbuf_addstr(&sb, ", ");
			unit_name(d, o->units[i], &sb);
		}
		if (!o->nunits)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "Organisationer bara i %s: %s",
			    dv_side(d, s), sb.buf);
		render_put_wrapped(fp, line.buf, width, 2);
	}
	for (int s = 0; s < 2; s++) {
		const struct diff_only *o = &d->only[s];
		strbuf_reset(&sb);
		for (size_t i = 0; i < o->noccupations; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "",
				    diff_name(d, 2, o->occupations[i]));
		if (!o->noccupations)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "Yrken bara i %s: %s", dv_side(d, s),
			    sb.buf);
		render_put_wrapped(fp, line.buf, width, 2);
	}
	strbuf_release(&sb);
	strbuf_release(&line);
}

/* The same as a CSV table: side, what, region, organisation, occupation,
 * period. */
static void scope_table(struct table *t, const struct diff *d)
{
	table_init(t, 6);
	static const char *const keys[] = { "only_in",	  "kind",
					    "region",	  "organisation",
					    "occupation", "period" };
	for (size_t k = 0; k < 6; k++)
		table_set_col(t, k, keys[k], keys[k]);
	for (int s = 0; s < 2; s++) {
		const struct diff_only *o = &d->only[s];
		const char *side = s ? "new" : "old";
		for (size_t i = 0; i < o->nperiods; i++) {
			struct cell *row = table_add_row(t);
			cell_text(t, &row[0], side);
			cell_text(t, &row[1], "period");
			cell_text(t, &row[5], d->periods[o->periods[i]].label);
		}
		for (size_t i = 0; i < o->nunits; i++) {
			struct cell *row = table_add_row(t);
			cell_text(t, &row[0], side);
			cell_text(t, &row[1], "organisation");
			cell_text(t, &row[2], diff_name(d, 0, o->units[i][0]));
			cell_text(t, &row[3], diff_name(d, 1, o->units[i][1]));
		}
		for (size_t i = 0; i < o->noccupations; i++) {
			struct cell *row = table_add_row(t);
			cell_text(t, &row[0], side);
			cell_text(t, &row[1], "occupation");
			cell_text(t, &row[4],
				  diff_name(d, 2, o->occupations[i]));
		}
	}
}

/* ---- records table ------------------------------------------------- */

static void build_records(struct table *t, const struct dv *v)
{
	const struct diff *d = v->d;
	int csv = v->csv, comments = d->o.comments;
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
		/* narrow: the comments under their row, the lines without
		 * their file when one, the names above their rows */
		t->cols[k].fit = k < 3	  ? COL_FIT_NAME
				 : k >= 9 ? COL_FIT_BLOCK
				 : k >= 7 ? COL_FIT_PLACE
					  : COL_FIT_NONE;
	}
	t->group_lines = 3;
	t->cols[1].short_head = "org.";
	for (size_t i = 0; i < d->nrecords; i++) {
		const struct diff_record *r = &d->records[i];
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], diff_name(d, 0, r->region));
		cell_text(t, &row[1], diff_name(d, 1, r->org));
		cell_text(t, &row[2], diff_name(d, 2, r->occupation));
		if (r->period >= 0)
			cell_text(t, &row[3], d->periods[r->period].label);
		else if (!csv)
			cell_text(t, &row[3], "hela raden");
		cell_text(t, &row[4],
			  csv ? kind_key[r->kind] : kind_label[r->kind]);
		for (int s = 0; s < 2; s++) {
			const char *name = dv_level_name(v, r->level[s], csv);
			if (name)
				cell_text(t, &row[5 + s], name);
			if (r->level[s] != LEVEL_NONE) {
				dv_where(d, s, r->gline[s], &sb);
				cell_text(t, &row[7 + s], sb.buf);
			}
			if (comments && r->comment[s])
				cell_text(t, &row[9 + s], r->comment[s]);
		}
	}
	strbuf_release(&sb);
}

/* -f long: one row per changed cell, for scripts and a spreadsheet filter. */
static void build_long(struct table *t, const struct dv *v)
{
	const struct diff *d = v->d;
	struct strbuf sb = STRBUF_INIT;
	static const char *const keys[] = {
		"round", "region", "organisation", "occupation", "period",
		"old",	 "new",	   "direction",	   "old_line",	 "new_line"
	};

	table_init(t, 10);
	for (size_t k = 0; k < 10; k++)
		table_set_col(t, k, keys[k], keys[k]);
	for (size_t i = 0; i < d->nrecords; i++) {
		const struct diff_record *r = &d->records[i];
		const char *dir;
		if (r->period < 0)
			continue; /* a whole row's comment is not a cell */
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], d->round[1]);
		cell_text(t, &row[1], diff_name(d, 0, r->region));
		cell_text(t, &row[2], diff_name(d, 1, r->org));
		cell_text(t, &row[3], diff_name(d, 2, r->occupation));
		cell_text(t, &row[4], d->periods[r->period].label);
		for (int s = 0; s < 2; s++) {
			const char *name = dv_level_name(v, r->level[s], 1);
			if (name)
				cell_text(t, &row[5 + s], name);
			if (r->level[s] != LEVEL_NONE) {
				dv_where(d, s, r->gline[s], &sb);
				cell_text(t, &row[8 + s], sb.buf);
			}
		}
		if (r->kind != DIFF_CHANGED)
			dir = kind_key[r->kind];
		else if (r->level[0] == LEVEL_MISSING ||
			 r->level[0] == LEVEL_NA)
			dir = "rated";
		else if (r->level[1] == LEVEL_MISSING ||
			 r->level[1] == LEVEL_NA)
			dir = "unrated";
		else
			dir = r->level[1] > r->level[0] ? "worse" : "better";
		cell_text(t, &row[7], dir);
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
	enum group_by by = d->o.by;
	size_t ng = by == BY_ORGANISATION ? 2 : 1, k;
	char buf[64];

	table_init(t, ng + 1 + sc->nlevels + 2 + 2);
	if (by == BY_OCCUPATION) {
		table_set_col(t, 0, "yrke", "occupation");
	} else {
		table_set_col(t, 0, "region", "region");
		if (ng == 2)
			table_set_col(t, 1, "organisation", "organisation");
	}
	for (k = 0; k < ng; k++) {
		t->cols[k].group = 1;
		t->cols[k].fit = COL_FIT_NAME;
	}
	t->group_lines = ng; /* narrow: the names above their periods */
	table_set_col(t, k++, "period", "period");
	for (size_t l = 0; l < sc->nlevels; l++) {
		table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
		t->cols[k].right = 1;
		t->cols[k].short_head = sc->levels[l].letter;
		t->cols[k++].color = sc->levels[l].color;
	}
	table_set_col(t, k, "saknas", "missing");
	t->cols[k++].right = 1;
	table_set_col(t, k, "ej aktuellt", "not_applicable");
	t->cols[k].short_head = "e/a"; /* narrow: in the legend */
	t->cols[k++].right = 1;
	table_set_col(t, k, "risk före → efter", "risk");
	t->cols[k].short_head = "risk";
	t->cols[k++].right = 1;
	table_set_col(t, k++, "risk ±", "risk_change");
	for (size_t i = 0; i < d->ngroups; i++) {
		const struct diff_group *g = &d->groups[i];
		const struct stats *s = g->stats;
		struct cell *row = table_add_row(t);
		double r0 = stats_risk(&s[0], sc), r1 = stats_risk(&s[1], sc);
		k = 0;
		cell_text(
			t, &row[k++],
			diff_name(d, by == BY_OCCUPATION ? 2 : 0, g->name[0]));
		if (ng == 2)
			cell_text(t, &row[k++], diff_name(d, 1, g->name[1]));
		cell_text(t, &row[k++], d->periods[g->period].label);
		for (size_t l = 0; l < sc->nlevels; l++)
			count_cell(t, &row[k++], s[0].level[l], s[1].level[l]);
		count_cell(t, &row[k++], s[0].missing, s[1].missing);
		count_cell(t, &row[k++], s[0].not_applicable,
			   s[1].not_applicable);
		risk_pair(buf, sizeof(buf), r0, r1);
		cell_text(t, &row[k++], buf);
		cell_delta(&row[k++], r0, r1);
	}
}

static char *records_title(const struct diff *d)
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

/* ---- tables for people, and CSV ------------------------------------ */

/*
 * Renders t under title; in CSV every table after the first follows an
 * empty line. Tables with no rows are left out for people. Releases t.
 */
struct out {
	FILE *fp;
	struct render_opts ro;
	int csv, n;
};

static void emit(struct out *o, struct table *t, const char *title)
{
	if (!o->csv && !t->nrows) {
		table_release(t);
		return;
	}
	if (o->n++)
		fputc('\n', o->fp);
	if (!o->csv)
		t->title = title;
	render_table(o->fp, t, &o->ro);
	o->ro.continued = 1;
	table_release(t);
}

static void render_tables(FILE *fp, const struct diff *d,
			  const struct render_opts *ro)
{
	static const char *const by_title[] = { NULL, "Antal per region",
						"Antal per organisation",
						"Antal per yrke" };
	struct out o = { fp, *ro, ro->format == FORMAT_CSV, 0 };
	struct dv v = { d, 0, o.csv };
	struct strbuf title = STRBUF_INIT;
	struct table t;
	char *rt;

	if (!diff_any(d) && !o.csv) {
		fputs("inga skillnader\n", fp);
		return;
	}
	if (o.csv) {
		scope_table(&t, d);
		emit(&o, &t, NULL);
	} else {
		write_scope(fp, &v, ro->width);
		o.n = 1;
	}
	/* the plan: critical changes first; the title says when none */
	dv_critical_title(&v, &title);
	dv_critical_table(&t, &v);
	if (!o.csv && !t.nrows) {
		fprintf(fp, "\n%s\n", title.buf);
		o.n++;
	}
	emit(&o, &t, title.buf);
	dv_ranks_table(&t, &v, !o.csv);
	emit(&o, &t, "Ändrad rangordning");
	if (d->forecast.npairs || o.csv) {
		dv_forecast_title(&v, &title);
		dv_forecast_table(&t, &v, DV_OVERALL);
		emit(&o, &t, title.buf);
		dv_forecast_table(&t, &v, DV_OCCUPATION);
		emit(&o, &t, "Prognoskontroll per yrke");
		dv_forecast_table(&t, &v, DV_UNIT);
		emit(&o, &t, "Prognoskontroll per organisation");
		if (o.csv) {
			dv_forecast_pairs_table(&t, &v);
			emit(&o, &t, NULL);
		}
	}
	dv_revisions_table(&t, &v, DV_PERIOD);
	emit(&o, &t,
	     "Revideringar av senare perioder (samma period i båda "
	     "omgångarna)");
	if (o.csv) {
		dv_revisions_table(&t, &v, DV_OCCUPATION);
		emit(&o, &t, NULL);
	}
	dv_shares_table(&t, &v, !o.csv);
	emit(&o, &t, "Risk och brist per yrke och period");
	build_records(&t, &v);
	rt = records_title(d);
	emit(&o, &t, rt);
	free(rt);
	if (!o.csv) {
		build_groups(&t, d);
		emit(&o, &t, by_title[d->o.by]);
	}
	strbuf_release(&title);
}

/* ---- JSON (kmap.diff/2) -------------------------------------------- */

static cJSON *json_level(const struct dv *v, uint8_t level)
{
	const char *name = dv_level_name(v, level, 1);

	return name ? cJSON_CreateString(name) : cJSON_CreateNull();
}

static cJSON *json_side(const struct diff *d, int s)
{
	cJSON *doc = json_document("", &d->agg[s]), *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "round", d->round[s]);
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
		int in[2];
		for (int s = 0; s < 2; s++)
			in[s] = p->id[s] >= 0 && d->agg[s].period_on[p->id[s]];
		cJSON_AddStringToObject(o, "label", p->label);
		cJSON_AddNumberToObject(o, "first_year", p->first);
		cJSON_AddNumberToObject(o, "last_year", p->last);
		cJSON_AddBoolToObject(o, "in_old", in[0]);
		cJSON_AddBoolToObject(o, "in_new", in[1]);
		cJSON_AddBoolToObject(o, "compared", p->compared);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_only(const struct diff *d, int s)
{
	const struct diff_only *only = &d->only[s];
	cJSON *o = cJSON_CreateObject(), *a;

	a = cJSON_AddArrayToObject(o, "periods");
	for (size_t i = 0; i < only->nperiods; i++)
		cJSON_AddItemToArray(
			a,
			cJSON_CreateString(d->periods[only->periods[i]].label));
	a = cJSON_AddArrayToObject(o, "organisations");
	for (size_t i = 0; i < only->nunits; i++) {
		cJSON *u = cJSON_CreateObject();
		cJSON_AddStringToObject(u, "region",
					diff_name(d, 0, only->units[i][0]));
		cJSON_AddStringToObject(u, "organisation",
					diff_name(d, 1, only->units[i][1]));
		cJSON_AddItemToArray(a, u);
	}
	a = cJSON_AddArrayToObject(o, "occupations");
	for (size_t i = 0; i < only->noccupations; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(diff_name(
						d, 2, only->occupations[i])));
	return o;
}

static cJSON *json_record(const struct dv *v, const struct diff_record *r)
{
	const struct diff *d = v->d;
	cJSON *o = cJSON_CreateObject();

	json_add_name(o, "region", diff_table(d, 0), r->region, "region_code");
	json_add_name(o, "organisation", diff_table(d, 1), r->org,
		      "organisation_code");
	json_add_name(o, "occupation", diff_table(d, 2), r->occupation,
		      "occupation_code");
	if (r->period >= 0)
		cJSON_AddStringToObject(o, "period",
					d->periods[r->period].label);
	else
		cJSON_AddNullToObject(o, "period");
	cJSON_AddStringToObject(o, "change", kind_key[r->kind]);
	cJSON_AddItemToObject(o, "old", json_level(v, r->level[0]));
	cJSON_AddItemToObject(o, "new", json_level(v, r->level[1]));
	for (int s = 0; s < 2; s++)
		cJSON_AddItemToObject(
			o, s ? "new_line" : "old_line",
			r->level[s] == LEVEL_NONE
				? cJSON_CreateNull()
				: dv_json_where(d, s, r->gline[s]));
	for (int s = 0; d->o.comments && s < 2; s++) {
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

	if (d->o.by == BY_OCCUPATION) {
		json_add_name(o, "occupation", diff_table(d, 2), g->name[0],
			      "code");
	} else if (d->o.by == BY_ORGANISATION) {
		json_add_name(o, "region", diff_table(d, 0), g->name[0],
			      "region_code");
		json_add_name(o, "organisation", diff_table(d, 1), g->name[1],
			      "code");
	} else {
		json_add_name(o, "region", diff_table(d, 0), g->name[0],
			      "code");
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
	cJSON_AddNumberToObject(ch, "not_applicable",
				(double)s[1].not_applicable -
					s[0].not_applicable);
	cJSON_AddNumberToObject(ch, "rated",
				(double)stats_rated(&s[1], sc) -
					stats_rated(&s[0], sc));
	cJSON_AddItemToObject(
		ch, "risk_share",
		dv_json_delta(stats_risk(&s[0], sc), stats_risk(&s[1], sc)));
	return o;
}

static void write_json(FILE *fp, const struct diff *d)
{
	struct json_stream js;
	struct dv v = { d, 0, 1 };
	cJSON *doc = json_document("kmap.diff/2", &d->agg[0]), *counts;
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
	json_stream_member(&js, "only_in_old", json_only(d, 0));
	json_stream_member(&js, "only_in_new", json_only(d, 1));
	json_stream_member(&js, "by", cJSON_CreateString(by_key[d->o.by]));
	json_stream_member(&js, "comments", cJSON_CreateBool(d->o.comments));
	json_stream_member(&js, "all_records",
			   cJSON_CreateBool(d->o.all_records));
	counts = cJSON_CreateObject();
	cJSON_AddNumberToObject(counts, "records", (double)d->nrecords);
	for (int k = 0; k < 4; k++)
		cJSON_AddNumberToObject(counts, kind_key[k],
					(double)d->count[k]);
	cJSON_AddNumberToObject(counts, "groups", (double)d->ngroups);
	json_stream_member(&js, "differences", counts);
	json_stream_member(&js, "critical_changes", dv_json_critical(&v));
	json_stream_member(&js, "forecast_check", dv_json_forecast(&v));
	json_stream_member(&js, "revisions", dv_json_revisions(&v));
	json_stream_member(&js, "shares", dv_json_shares(&v));
	json_stream_array_begin(&js, "records");
	for (size_t i = 0; i < d->nrecords; i++)
		json_stream_array_item(&js, json_record(&v, &d->records[i]));
	json_stream_array_end(&js);
	json_stream_array_begin(&js, "groups");
	for (size_t i = 0; i < d->ngroups; i++)
		json_stream_array_item(&js, json_group(d, &d->groups[i]));
	json_stream_array_end(&js);
	json_stream_end(&js);
}

void diff_view_write(FILE *fp, const struct diff *d,
		     const struct render_opts *ro)
{
	struct render_opts csv = *ro;
	struct dv v = { d, 0, 1 };
	struct table t;

	if (ro->format == FORMAT_JSON) {
		write_json(fp, d);
		return;
	}
	if (ro->format == FORMAT_LONG) {
		csv.format = FORMAT_CSV;
		build_long(&t, &v);
		render_table(fp, &t, &csv);
		table_release(&t);
		return;
	}
	render_tables(fp, d, ro);
}

/* ---- the report's tables ------------------------------------------- */

void diff_view_tables(struct diff_view_tables *t, const struct diff *d,
		      int english)
{
	struct dv v = { d, english, 0 };

	dv_critical_table(&t->critical, &v);
	dv_ranks_table(&t->ranks, &v, 1);
	dv_forecast_table(&t->forecast, &v, DV_OVERALL);
	dv_forecast_table(&t->forecast_by, &v, DV_OCCUPATION);
	dv_comments_table(&t->comments, &v);
}

void diff_view_critical_title(const struct diff *d, int english,
			      struct strbuf *out)
{
	struct dv v = { d, english, 0 };

	dv_critical_title(&v, out);
}

void diff_view_forecast_title(const struct diff *d, int english,
			      struct strbuf *out)
{
	struct dv v = { d, english, 0 };

	dv_forecast_title(&v, out);
}

void diff_view_tables_release(struct diff_view_tables *t)
{
	table_release(&t->critical);
	table_release(&t->ranks);
	table_release(&t->forecast);
	table_release(&t->forecast_by);
	table_release(&t->comments);
}
