/*
 * critical_view_json.c - critical's JSON, the kmap.critical/2 document
 * (critical_view.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "critical_view_internal.h"
#include "kmap/jsonout.h"

/* ---- JSON (kmap.critical/2) ---------------------------------------- */

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

/* The organisations of rows[0, n) at level in p (risk: at a risk level). */
static cJSON *json_orgs_at(const struct dataset *ds, const uint32_t *rows,
			   uint32_t n, uint32_t p, int level, int risk)
{
	const struct scale *sc = ds->scale;
	cJSON *arr = cJSON_CreateArray();

	for (uint32_t i = 0; i < n; i++) {
		const struct unit *u = &ds->units[ds->rows[rows[i]].unit];
		uint8_t lv = dataset_level(ds, rows[i], p);
		int in = risk ? lv >= 1 && lv <= sc->nlevels &&
					 sc->levels[lv - 1].risk
			      : lv == level;
		cJSON *o;
		if (!in)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "region",
					name_display(&ds->regions, u->region));
		cJSON_AddStringToObject(
			o, "organisation",
			name_display(&ds->organisations, u->org));
		if (risk)
			cJSON_AddStringToObject(o, "level",
						sc->levels[lv - 1].key);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* {"low": {"level", "organisations"}, "high": ...}, or null. */
static cJSON *json_ends(const struct crit_list *cl, const struct crit *c,
			uint32_t p)
{
	const struct dataset *ds = cl->a->ds;
	int ends[2], spread = crit_ends(cl, c, p, &ends[0], &ends[1]);
	static const char *const names[] = { "low", "high" };
	cJSON *o;

	if (spread < CRIT_DISAGREEMENT_SPREAD)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	for (int e = 0; e < 2; e++) {
		cJSON *end = cJSON_AddObjectToObject(o, names[e]);
		cJSON_AddStringToObject(end, "level",
					ds->scale->levels[ends[e] - 1].key);
		cJSON_AddItemToObject(
			end, "organisations",
			json_orgs_at(ds, c->rows, c->nrows, p, ends[e], 0));
	}
	return o;
}

/* A number as JSON shows a sum of volumes: rounded to 4 decimals. */
static cJSON *json_amount(double v)
{
	return cJSON_CreateNumber(round(v * 10000) / 10000);
}

/*
 * Weighted by headcount: the staff at each level, rated, shares and risk
 * share, like STATS; null when not weighted.
 */
static cJSON *json_weighted(const struct crit_list *cl, const struct crit *c,
			    uint32_t p)
{
	const struct scale *sc = cl->a->ds->scale;
	const struct wstats *w;
	cJSON *o, *shares;

	if (!c->wstats)
		return cJSON_CreateNull();
	w = &c->wstats[p];
	o = cJSON_CreateObject();
	for (size_t l = 0; l < sc->nlevels; l++)
		cJSON_AddItemToObject(o, sc->levels[l].key,
				      json_amount(w->level[l]));
	cJSON_AddItemToObject(o, "rated", json_amount(wstats_rated(w, sc)));
	shares = cJSON_AddObjectToObject(o, "shares");
	for (size_t l = 0; l < sc->nlevels; l++)
		cJSON_AddItemToObject(shares, sc->levels[l].key,
				      ratio(wstats_share(w, sc, (int)l + 1)));
	cJSON_AddItemToObject(o, "risk_share", ratio(wstats_risk(w, sc)));
	return o;
}

/* {"headcount": sum or null, ...} of the measures the context has. */
static cJSON *json_volumes(const struct crit_list *cl, const struct crit *c)
{
	cJSON *o;

	if (!cl->context)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	for (int m = 0; m < CONTEXT_MEASURES; m++) {
		const char *key = context_key((enum context_measure)m);
		if (!context_has(cl->context, (enum context_measure)m))
			continue;
		if (c->volume_n[m])
			cJSON_AddItemToObject(o, key,
					      json_amount(c->volume[m]));
		else
			cJSON_AddNullToObject(o, key);
	}
	return o;
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
		cJSON_AddItemToObject(st, "weighted", json_weighted(cl, c, p));
		cJSON_AddItemToObject(st, "ends", json_ends(cl, c, p));
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

/* "context": the file, its measures and how many lines matched; null. */
static cJSON *json_context(const struct crit_list *cl)
{
	const struct context *cx = cl->context;
	cJSON *o, *m;

	if (!cx)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "file", cx->path);
	m = cJSON_AddArrayToObject(o, "measures");
	for (int k = 0; k < CONTEXT_MEASURES; k++)
		if (context_has(cx, (enum context_measure)k))
			cJSON_AddItemToArray(m,
					     cJSON_CreateString(context_key(
						     (enum context_measure)k)));
	cJSON_AddNumberToObject(o, "lines", (double)cx->lines);
	cJSON_AddNumberToObject(o, "matched", (double)cx->matched);
	return o;
}

/* "mobility": the omställning cases (crit_moves_build), every one. */
static void json_mobility(struct json_stream *js, const struct crit_list *cl)
{
	const struct dataset *ds = cl->a->ds;
	struct crit_moves m;

	crit_moves_build(&m, cl);
	json_stream_array_begin(js, "mobility");
	for (size_t i = 0; i < m.n; i++) {
		const struct crit_move *mv = &m.v[i];
		const uint32_t *rows = &mv->c->rows[mv->first];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "region",
					name_display(&ds->regions, mv->region));
		cJSON_AddStringToObject(
			o, "occupation",
			name_display(&ds->occupations, mv->c->occupation));
		cJSON_AddStringToObject(o, "period",
					ds->periods[mv->period].label);
		cJSON_AddItemToObject(
			o, "surplus",
			json_orgs_at(ds, rows, mv->n, mv->period,
				     crit_surplus_level(ds->scale), 0));
		cJSON_AddItemToObject(
			o, "shortage",
			json_orgs_at(ds, rows, mv->n, mv->period, 0, 1));
		json_stream_array_item(js, o);
	}
	json_stream_array_end(js);
	crit_moves_release(&m);
}

void cv_write_json(FILE *fp, const struct crit_list *cl,
		   const struct cv_shown *co)
{
	const struct dataset *ds = cl->a->ds;
	struct json_stream js;

	json_stream_begin(&js, fp);
	json_stream_members(&js, json_document("kmap.critical/2", cl->a));
	json_stream_member(&js, "rule",
			   cJSON_CreateString("brist_share_in_a_later_period"));
	json_stream_member(&js, "threshold", ratio(co->threshold));
	json_stream_member(&js, "min_raters",
			   cJSON_CreateNumber(co->min_raters));
	json_stream_member(&js, "weight",
			   cl->weighted ? cJSON_CreateString("headcount")
					: cJSON_CreateNull());
	json_stream_member(&js, "context", json_context(cl));
	json_stream_member(&js, "by",
			   cJSON_CreateString(cl->attr	      ? "attribute"
					      : cl->by_region ? "region"
							      : "occupation"));
	/* which attribute of which names, as summary and heatmap say it */
	if (cl->attr)
		json_stream_member(&js, "attribute",
				   json_by_attribute(cl->attr));
	json_stream_array_begin(&js, "occupations");
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		cJSON *o;
		if (!cv_shown(co, c))
			continue;
		o = cJSON_CreateObject();
		if (c->set_apart)
			cJSON_AddNullToObject(o, "rank");
		else
			cJSON_AddNumberToObject(o, "rank", c->rank);
		cJSON_AddBoolToObject(o, "set_apart", c->set_apart);
		if (c->region >= 0)
			json_add_name(o, "region", &ds->regions,
				      (uint32_t)c->region, "region_code");
		/* by an attribute: its value; null for names without it */
		if (cl->attr && strcmp(crit_group_name(cl, c), AGG_ATTR_NONE))
			cJSON_AddStringToObject(o, "value",
						crit_group_name(cl, c));
		else if (cl->attr)
			cJSON_AddNullToObject(o, "value");
		json_add_name(o, "occupation", &ds->occupations, c->occupation,
			      "code");
		cJSON_AddBoolToObject(o, "critical", c->critical);
		if (c->critical_at < 0)
			cJSON_AddNullToObject(o, "critical_period");
		else
			cJSON_AddStringToObject(
				o, "critical_period",
				ds->periods[c->critical_at].label);
		if (c->last < 0)
			cJSON_AddNullToObject(o, "last_period");
		else
			cJSON_AddStringToObject(o, "last_period",
						ds->periods[c->last].label);
		cJSON_AddNumberToObject(o, "raters", c->rated);
		cJSON_AddNumberToObject(o, "brist_raters", c->brist_n);
		cJSON_AddItemToObject(o, "brist_share", ratio(c->brist));
		cJSON_AddItemToObject(o, "risk_share", ratio(c->risk));
		cJSON_AddNumberToObject(o, "worse", c->worse);
		cJSON_AddItemToObject(o, "volumes", json_volumes(cl, c));
		cJSON_AddItemToObject(o, "periods", json_periods(cl, c));
		cJSON_AddItemToObject(o, "comments", json_comments(cl, c));
		json_stream_array_item(&js, o);
	}
	json_stream_array_end(&js);
	json_mobility(&js, cl);
	json_stream_end(&js);
}
