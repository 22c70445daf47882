/*
 * critical_view.c - kmap critical's tables and JSON (critical_view.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/critical_view.h"
#include "kmap/jsonout.h"
#include "kmap/names.h"

/* Names of organisations rating Brist shown in a table cell. */
enum { BRIST_NAMES_SHOWN = 3 };

/* Which of the ranking is shown, and the threshold for the title. */
struct shown {
	double threshold;
	unsigned long top; /* 0: all */
	int only_critical; /* the report shows the critical ones only */
};

static int shown(const struct shown *co, const struct crit *c)
{
	return (!co->top || c->rank <= co->top) &&
	       (!co->only_critical || c->critical);
}

/* ---- table --------------------------------------------------------- */

struct crit_table {
	struct table *t;
	const struct crit_list *cl;
	int csv, mark;
};

/* "Halmstad, Laholm, Varberg +2": who rates Brist in period p. */
static void brist_cell(struct crit_table *ct, struct cell *cell,
		       const struct crit *c, uint32_t p)
{
	const struct dataset *ds = ct->cl->a->ds;
	uint8_t worst = (uint8_t)ds->scale->nlevels;
	struct strbuf sb = STRBUF_INIT;
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->nrows; i++) {
		const struct row *row = &ds->rows[c->rows[i]];
		if (dataset_level(ds, c->rows[i], p) != worst)
			continue;
		if (ct->csv || n < BRIST_NAMES_SHOWN)
			strbuf_addf(&sb, "%s%s",
				    n ? (ct->csv ? "; " : ", ") : "",
				    name_display(&ds->organisations,
						 ds->units[row->unit].org));
		n++;
	}
	if (!ct->csv && n > BRIST_NAMES_SHOWN)
		strbuf_addf(&sb, " +%u", n - BRIST_NAMES_SHOWN);
	if (n)
		cell_text(ct->t, cell, sb.buf);
	strbuf_release(&sb);
}

/*
 * "brist hos": who rates the scale's last level, named in lower case as
 * the other headings are ("kritiskt hos" on a scale whose last level is
 * Kritiskt).
 */
static const char *worst_level_heading(struct table *t, const struct scale *sc)
{
	const char *label = sc->levels[sc->nlevels - 1].label;
	struct strbuf sb = STRBUF_INIT;
	const char *head;

	if (names_key(label, strlen(label), &sb)) { /* not after scale_load */
		strbuf_reset(&sb);
		strbuf_addstr(&sb, label);
	}
	strbuf_addstr(&sb, " hos");
	head = arena_strdup(&t->arena, sb.buf);
	strbuf_release(&sb);
	return head;
}

static void setup_columns(struct table *t, const struct scale *sc,
			  int by_region, int csv)
{
	size_t k = 0;

	/* the region first, so that a rank is blank only inside a region */
	if (by_region) {
		table_set_col(t, k, "region", "region");
		t->cols[k++].group = 1;
	}
	table_set_col(t, k, "#", "rank");
	t->cols[k++].group = 1;
	table_set_col(t, k, "yrke", "occupation");
	t->cols[k++].group = 1;
	table_set_col(t, k, "kritisk", "critical");
	t->cols[k++].group = !csv;
	table_set_col(t, k++, "period", "period");
	if (csv)
		table_set_col(t, k++, "current", "current");
	for (size_t l = 0; l < sc->nlevels; l++) {
		table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
		t->cols[k++].color = sc->levels[l].color;
	}
	table_set_col(t, k++, "saknas", "missing");
	if (csv)
		table_set_col(t, k++, "bedömda", "rated");
	table_set_col(t, k++, "risk", "risk_share");
	table_set_col(t, k++, "sämre", "worse");
	table_set_col(t, k++, "samma", "same");
	table_set_col(t, k++, "bättre", "better");
	table_set_col(t, k++, "spridning", "spread");
	table_set_col(t, k++, "enighet", "agreement");
	table_set_col(t, k++, worst_level_heading(t, sc),
		      "brist_organisations");
}

static void add_rows(struct crit_table *ct, const struct crit *c)
{
	const struct agg *a = ct->cl->a;
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;
	char rank[16];

	snprintf(rank, sizeof(rank), "%u", c->rank);
	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct stats *s = &c->stats[p];
		const struct period_info *pi = &ds->periods[p];
		struct cell *row;
		size_t k = 0;
		char label[64];
		if (!s->missing && !stats_rated(s, sc))
			continue;
		row = table_add_row(ct->t);
		if (c->region >= 0)
			cell_text(ct->t, &row[k++],
				  name_display(&ds->regions,
					       (uint32_t)c->region));
		/* the rank is text so that it is blank on repeated lines */
		if (ct->csv)
			cell_int(&row[k++], c->rank);
		else
			cell_text(ct->t, &row[k++], rank);
		cell_text(ct->t, &row[k++],
			  name_display(&ds->occupations, c->occupation));
		cell_text(ct->t, &row[k++],
			  ct->csv ? (c->critical ? "true" : "false")
				  : (c->critical ? "ja" : "nej"));
		snprintf(label, sizeof(label), "%s%s", pi->label,
			 !ct->csv && ct->mark && agg_current(a, p) ? " (nu)"
								   : "");
		cell_text(ct->t, &row[k++], label);
		if (ct->csv)
			cell_text(ct->t, &row[k++],
				  agg_current(a, p) ? "true" : "false");
		for (size_t l = 0; l < sc->nlevels; l++)
			cell_int(&row[k++], s->level[l]);
		cell_int(&row[k++], s->missing);
		if (ct->csv)
			cell_int(&row[k++], stats_rated(s, sc));
		cell_ratio(&row[k++], stats_risk(s, sc));
		if (agg_future(a, p) && change_compared(&c->change[p])) {
			cell_int(&row[k++], c->change[p].worse);
			cell_int(&row[k++], c->change[p].same);
			cell_int(&row[k++], c->change[p].better);
		} else {
			k += 3;
		}
		int spread = stats_spread(s, sc);
		if (spread >= 0)
			cell_int(&row[k], spread);
		k++;
		cell_ratio(&row[k++], stats_agreement(s, sc));
		brist_cell(ct, &row[k++], c, p);
	}
}

static void build_table(struct table *t, const struct crit_list *cl,
			const struct shown *co, int csv)
{
	const struct agg *a = cl->a;
	const struct scale *sc = a->ds->scale;
	size_t ncols =
		4 + (size_t)cl->by_region + (csv ? 2 : 0) + sc->nlevels + 1 + 7;
	struct crit_table ct = { t, cl, csv, 0 };
	int currents = 0;

	for (uint32_t i = 0; i < a->nperiods; i++)
		currents += agg_current(a, a->periods[i]);
	ct.mark = currents == 1;
	table_init(t, ncols);
	setup_columns(t, sc, cl->by_region, csv);
	for (uint32_t i = 0; i < cl->n; i++)
		if (shown(co, &cl->v[i]))
			add_rows(&ct, &cl->v[i]);
}

/* The comments on the critical occupations shown, as a second table. */
static void build_comments_table(struct table *t, const struct crit_list *cl,
				 const struct shown *co)
{
	const struct dataset *ds = cl->a->ds;
	size_t k0 = (size_t)cl->by_region;

	table_init(t, 4 + k0);
	if (cl->by_region)
		table_set_col(t, 0, "region", "region");
	table_set_col(t, k0, "yrke", "occupation");
	table_set_col(t, k0 + 1, "organisation", "organisation");
	table_set_col(t, k0 + 2, "period", "period");
	table_set_col(t, k0 + 3, "kommentar", "comment");
	for (size_t k = 0; k < k0 + 2; k++)
		t->cols[k].group = 1;
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		if (!c->critical || !shown(co, c))
			continue;
		for (uint32_t j = 0; j < c->nrows; j++) {
			uint32_t r = c->rows[j];
			const struct unit *u = &ds->units[ds->rows[r].unit];
			const struct comment *cm;
			size_t n = dataset_comments(ds, r, &cm);
			for (size_t m = 0; m < n; m++, cm++) {
				if (!agg_comment_on(cl->a, cm))
					continue;
				struct cell *row = table_add_row(t);
				size_t k = 0;
				if (cl->by_region)
					cell_text(t, &row[k++],
						  name_display(&ds->regions,
							       u->region));
				cell_text(t, &row[k++],
					  name_display(&ds->occupations,
						       c->occupation));
				cell_text(t, &row[k++],
					  name_display(&ds->organisations,
						       u->org));
				cell_text(t, &row[k++],
					  cm->period < 0
						  ? "hela raden"
						  : ds->periods[cm->period]
							    .label);
				cell_text(t, &row[k++], cm->text);
			}
		}
	}
}

static char *title_line(const struct crit_list *cl, const struct shown *co)
{
	struct strbuf sb = STRBUF_INIT;
	uint32_t ncrit = 0;

	for (uint32_t i = 0; i < cl->n; i++)
		ncrit += (uint32_t)cl->v[i].critical;
	strbuf_addf(&sb, "Kritiska yrken · tröskel %d %% · %u av %u kritiska",
		    (int)lround(co->threshold * 100), ncrit, cl->n);
	if (cl->by_region)
		strbuf_addstr(&sb, " (yrke i region)");
	/* named when the occupations share it */
	for (uint32_t i = 0; i < cl->n; i++)
		if (cl->v[i].last != cl->v[0].last)
			return strbuf_detach(&sb, NULL);
	if (cl->n && cl->v[0].last >= 0)
		strbuf_addf(&sb, " · sista period %s",
			    cl->a->ds->periods[cl->v[0].last].label);
	return strbuf_detach(&sb, NULL);
}

void critical_view_tables(struct table *t, struct table *comments,
			  const struct crit_list *cl)
{
	struct shown co = { 0, 0, 1 };

	build_table(t, cl, &co, 0);
	build_comments_table(comments, cl, &co);
}

/* ---- JSON (kmap.critical/1) ---------------------------------------- */

static cJSON *ratio(double v)
{
	char buf[16];

	if (v < 0)
		return cJSON_CreateNull();
	json_format_ratio(v, buf);
	return cJSON_CreateRaw(buf);
}

static cJSON *json_brist(const struct crit_list *cl, const struct crit *c,
			 uint32_t p)
{
	const struct dataset *ds = cl->a->ds;
	cJSON *arr = cJSON_CreateArray();

	for (uint32_t i = 0; i < c->nrows; i++) {
		const struct unit *u = &ds->units[ds->rows[c->rows[i]].unit];
		cJSON *o;
		if (dataset_level(ds, c->rows[i], p) != ds->scale->nlevels)
			continue;
		o = cJSON_CreateObject();
		json_add_name(o, "region", &ds->regions, u->region,
			      "region_code");
		json_add_name(o, "organisation", &ds->organisations, u->org,
			      "code");
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_periods(const struct crit_list *cl, const struct crit *c)
{
	const struct agg *a = cl->a;
	const struct scale *sc = a->ds->scale;
	cJSON *o = cJSON_CreateObject();

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct stats *s = &c->stats[p];
		cJSON *st = json_stats(s, sc);
		int spread = stats_spread(s, sc);
		cJSON_AddItemToObject(st, "spread",
				      spread < 0 ? cJSON_CreateNull()
						 : cJSON_CreateNumber(spread));
		cJSON_AddItemToObject(st, "agreement",
				      ratio(stats_agreement(s, sc)));
		cJSON_AddItemToObject(st, "brist_organisations",
				      json_brist(cl, c, p));
		cJSON_AddItemToObject(st, "change",
				      agg_future(a, p)
					      ? json_change(&c->change[p], sc)
					      : cJSON_CreateNull());
		cJSON_AddItemToObjectCS(o, a->ds->periods[p].label, st);
	}
	return o;
}

static cJSON *json_comments(const struct crit_list *cl, const struct crit *c)
{
	const struct dataset *ds = cl->a->ds;
	cJSON *arr = cJSON_CreateArray();

	for (uint32_t j = 0; j < c->nrows; j++) {
		uint32_t r = c->rows[j];
		const struct unit *u = &ds->units[ds->rows[r].unit];
		const struct comment *cm;
		size_t n = dataset_comments(ds, r, &cm);
		for (size_t m = 0; m < n; m++, cm++) {
			if (!agg_comment_on(cl->a, cm))
				continue;
			cJSON *o = cJSON_CreateObject();
			json_add_name(o, "region", &ds->regions, u->region,
				      "region_code");
			json_add_name(o, "organisation", &ds->organisations,
				      u->org, "organisation_code");
			if (cm->period < 0)
				cJSON_AddNullToObject(o, "period");
			else
				cJSON_AddStringToObject(
					o, "period",
					ds->periods[cm->period].label);
			cJSON_AddStringToObject(o, "comment", cm->text);
			cJSON_AddItemToArray(arr, o);
		}
	}
	return arr;
}

static void write_json(FILE *fp, const struct crit_list *cl,
		       const struct shown *co)
{
	const struct dataset *ds = cl->a->ds;
	struct json_stream js;

	json_stream_begin(&js, fp);
	json_stream_members(&js, json_document("kmap.critical/1", cl->a));
	json_stream_member(&js, "threshold", ratio(co->threshold));
	json_stream_member(
		&js, "by",
		cJSON_CreateString(cl->by_region ? "region" : "occupation"));
	json_stream_array_begin(&js, "occupations");
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		cJSON *o;
		if (!shown(co, c))
			continue;
		o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "rank", c->rank);
		if (c->region >= 0)
			json_add_name(o, "region", &ds->regions,
				      (uint32_t)c->region, "region_code");
		json_add_name(o, "occupation", &ds->occupations, c->occupation,
			      "code");
		cJSON_AddBoolToObject(o, "critical", c->critical);
		if (c->last < 0)
			cJSON_AddNullToObject(o, "last_period");
		else
			cJSON_AddStringToObject(o, "last_period",
						ds->periods[c->last].label);
		cJSON_AddItemToObject(o, "brist_share", ratio(c->brist));
		cJSON_AddItemToObject(o, "risk_share", ratio(c->risk));
		cJSON_AddNumberToObject(o, "worse", c->worse);
		cJSON_AddItemToObject(o, "periods", json_periods(cl, c));
		cJSON_AddItemToObject(o, "comments", json_comments(cl, c));
		json_stream_array_item(&js, o);
	}
	json_stream_array_end(&js);
	json_stream_end(&js);
}

void critical_view_write(FILE *fp, const struct crit_list *cl, double threshold,
			 unsigned long top, const struct render_opts *ro)
{
	const struct shown co = { threshold, top, 0 };
	struct table t, ct;
	char *title;

	if (ro->format == FORMAT_JSON) {
		write_json(fp, cl, &co);
		return;
	}
	build_table(&t, cl, &co, ro->format == FORMAT_CSV);
	title = title_line(cl, &co);
	if (ro->format != FORMAT_CSV)
		t.title = title;
	render_table(fp, &t, ro);
	table_release(&t);
	free(title);
	if (ro->format == FORMAT_CSV)
		return;
	build_comments_table(&ct, cl, &co);
	if (ct.nrows) {
		ct.title = "Kommentarer till de kritiska yrkena";
		fputc('\n', fp);
		render_table(fp, &ct, ro);
	}
	table_release(&ct);
}
