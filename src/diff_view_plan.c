/*
 * diff_view_plan.c - the tables and JSON of what the plan needs of a
 * comparison (diff_view_internal.h): critical changes, ranks, the
 * forecast check, the revisions and the shares.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_view_internal.h"
#include "kmap/jsonout.h"
#include "kmap/round.h"

static const char *occ_name(const struct dv *v, uint32_t id)
{
	return diff_name(v->d, 2, id);
}

/* "50 % → 67 %" ("–" for a share that is not defined). */
static void share_pair(char *buf, size_t size, double r0, double r1)
{
	char a[16] = "–", b[16] = "–";

	if (r0 >= 0)
		snprintf(a, sizeof(a), "%d %%", (int)round_half_up(r0 * 100));
	if (r1 >= 0)
		snprintf(b, sizeof(b), "%d %%", (int)round_half_up(r1 * 100));
	snprintf(buf, size, "%s → %s", a, b);
}

static double brist_share(const struct stats *s, const struct scale *sc)
{
	return stats_share(s, sc, (int)sc->nlevels);
}

/* ---- critical changes and ranks ------------------------------------ */

void dv_critical_title(const struct dv *v, struct strbuf *out)
{
	size_t became = 0, ceased = 0;

	for (size_t i = 0; i < v->d->nranks; i++) {
		const struct diff_rank *r = &v->d->ranks[i];
		became += r->critical[1] && !r->critical[0];
		ceased += r->critical[0] && !r->critical[1];
	}
	strbuf_reset(out);
	strbuf_addf(out,
		    dv_text(v, "Kritiska yrken (tröskel %d %%): ",
			    "Critical occupations (threshold %d %%): "),
		    (int)round_half_up(v->d->o.threshold * 100));
	if (!became && !ceased) {
		strbuf_addstr(out,
			      dv_text(v, "inga förändringar", "no changes"));
		return;
	}
	strbuf_addf(out,
		    dv_text(v,
			    "%zu blev kritisk%s, %zu är inte längre "
			    "kritisk%s",
			    "%zu became critical%.0s, %zu no longer "
			    "critical%.0s"),
		    became, became == 1 ? "t" : "a", ceased,
		    ceased == 1 ? "t" : "a");
}

static void rank_cell(struct table *t, struct cell *c, int32_t rank)
{
	(void)t;
	if (rank)
		cell_int(c, rank);
}

void dv_critical_table(struct table *t, const struct dv *v)
{
	const struct diff *d = v->d;
	size_t k;

	table_init(t, 8);
	table_set_col(t, 0, dv_text(v, "ändring", "change"), "change");
	table_set_col(t, 1, dv_text(v, "yrke", "occupation"), "occupation");
	table_set_col(t, 2, dv_text(v, "rang före", "old rank"), "old_rank");
	table_set_col(t, 3, dv_text(v, "rang efter", "new rank"), "new_rank");
	/* critical's own measures in the last period (critical.h has the
	 * rule that decides) */
	table_set_col(t, 4, dv_text(v, "risk före", "old risk"),
		      "old_risk_share");
	table_set_col(t, 5, dv_text(v, "risk efter", "new risk"),
		      "new_risk_share");
	table_set_col(t, 6, dv_text(v, "brist före", "old brist"),
		      "old_brist_share");
	table_set_col(t, 7, dv_text(v, "brist efter", "new brist"),
		      "new_brist_share");
	t->cols[0].group = 1;
	t->cols[1].fit = COL_FIT_NAME;
	/* narrow: the change above its occupations, short headings */
	t->group_lines = 1;
	t->cols[2].short_head = dv_text(v, "rang f.", "old r.");
	t->cols[3].short_head = dv_text(v, "rang e.", "new r.");
	t->cols[4].short_head = dv_text(v, "risk f.", "old risk");
	t->cols[5].short_head = dv_text(v, "risk e.", "new risk");
	t->cols[6].short_head = dv_text(v, "brist f.", "old br.");
	t->cols[7].short_head = dv_text(v, "brist e.", "new br.");
	/* became first, then ceased, each in the order of the ranks */
	for (int ceased = 0; ceased < 2; ceased++) {
		for (size_t i = 0; i < d->nranks; i++) {
			const struct diff_rank *r = &d->ranks[i];
			if (r->critical[ceased] || !r->critical[!ceased])
				continue;
			struct cell *row = table_add_row(t);
			k = 0;
			cell_text(t, &row[k++],
				  v->csv   ? (ceased ? "ceased" : "became")
				  : ceased ? dv_text(v, "inte längre kritiskt",
						     "no longer critical")
					   : dv_text(v, "blev kritiskt",
						     "became critical"));
			cell_text(t, &row[k++], occ_name(v, r->occupation));
			rank_cell(t, &row[k++], r->rank[0]);
			rank_cell(t, &row[k++], r->rank[1]);
			cell_ratio(&row[k++], r->risk[0]);
			cell_ratio(&row[k++], r->risk[1]);
			cell_ratio(&row[k++], r->brist[0]);
			cell_ratio(&row[k++], r->brist[1]);
		}
	}
}

void dv_ranks_table(struct table *t, const struct dv *v, int moved)
{
	const struct diff *d = v->d;

	table_init(t, 6);
	table_set_col(t, 0, dv_text(v, "yrke", "occupation"), "occupation");
	table_set_col(t, 1, dv_text(v, "rang före", "old rank"), "old_rank");
	table_set_col(t, 2, dv_text(v, "rang efter", "new rank"), "new_rank");
	table_set_col(t, 3, dv_text(v, "upp/ner", "up/down"), "change");
	table_set_col(t, 4, dv_text(v, "kritiskt före", "old critical"),
		      "old_critical");
	table_set_col(t, 5, dv_text(v, "kritiskt efter", "new critical"),
		      "new_critical");
	t->cols[3].right = 1;
	t->cols[0].fit = COL_FIT_NAME;
	/* narrow: short headings, in the legend */
	t->cols[1].short_head = dv_text(v, "rang f.", "old r.");
	t->cols[2].short_head = dv_text(v, "rang e.", "new r.");
	t->cols[4].short_head = dv_text(v, "krit. f.", "old crit.");
	t->cols[5].short_head = dv_text(v, "krit. e.", "new crit.");
	for (size_t i = 0; i < d->nranks; i++) {
		const struct diff_rank *r = &d->ranks[i];
		char buf[32];
		if (moved && r->rank[0] == r->rank[1])
			continue;
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], occ_name(v, r->occupation));
		rank_cell(t, &row[1], r->rank[0]);
		rank_cell(t, &row[2], r->rank[1]);
		if (r->rank[0] && r->rank[1]) {
			int up = r->rank[0] - r->rank[1];
			if (v->csv) {
				cell_int(&row[3], up);
			} else {
				snprintf(buf, sizeof(buf), "%s%d",
					 up > 0	  ? "+"
					 : up < 0 ? "−"
						  : "±",
					 up < 0 ? -up : up);
				cell_text(t, &row[3], buf);
			}
		} else if (!v->csv) {
			cell_text(t, &row[3],
				  r->rank[1] ? dv_text(v, "ny", "new")
					     : dv_text(v, "borta", "gone"));
		}
		for (int s = 0; s < 2; s++)
			if (r->rank[s])
				cell_text(t, &row[4 + s],
					  v->csv ? (r->critical[s] ? "true"
								   : "false")
					  : r->critical[s]
						  ? dv_text(v, "ja", "yes")
						  : dv_text(v, "nej", "no"));
	}
}

/* ---- the forecast check and revisions ------------------------------- */

/* The name columns of a tally table by `by`; returns how many. */
static size_t tally_name_cols(struct table *t, const struct dv *v,
			      enum dv_by by)
{
	switch (by) {
	case DV_OVERALL:
		return 0;
	case DV_OCCUPATION:
		table_set_col(t, 0, dv_text(v, "yrke", "occupation"),
			      "occupation");
		t->cols[0].fit = COL_FIT_NAME;
		return 1;
	case DV_UNIT:
		table_set_col(t, 0, "region", "region");
		table_set_col(t, 1, "organisation", "organisation");
		t->cols[0].group = 1;
		t->cols[0].fit = t->cols[1].fit = COL_FIT_NAME;
		return 2;
	case DV_PERIOD:
		table_set_col(t, 0, "period", "period");
		return 1;
	}
	return 0;
}

static size_t tally_names(struct table *t, struct cell *row, const struct dv *v,
			  enum dv_by by, const struct diff_tally_of *o)
{
	switch (by) {
	case DV_OVERALL:
		return 0;
	case DV_OCCUPATION:
		cell_text(t, &row[0], occ_name(v, o->id[0]));
		return 1;
	case DV_UNIT:
		cell_text(t, &row[0], diff_name(v->d, 0, o->id[0]));
		cell_text(t, &row[1], diff_name(v->d, 1, o->id[1]));
		return 2;
	case DV_PERIOD:
		cell_text(t, &row[0], v->d->periods[o->id[0]].label);
		return 1;
	}
	return 0;
}

static void tally_list(const struct diff_check *c, enum dv_by by,
		       const struct diff_tally_of **list, size_t *n)
{
	*list = by == DV_OCCUPATION ? c->occupations
		: by == DV_UNIT	    ? c->units
				    : c->periods;
	*n = by == DV_OCCUPATION ? c->noccupations
	     : by == DV_UNIT	 ? c->nunits
				 : c->nperiods;
}

static void forecast_cells(struct cell *row, const struct diff_tally *t)
{
	cell_int(&row[0], t->compared);
	cell_int(&row[1], t->same);
	cell_int(&row[2], t->lower);
	cell_int(&row[3], t->higher);
	cell_ratio(&row[4], t->compared ? (double)t->same / t->compared : -1);
}

void dv_forecast_table(struct table *t, const struct dv *v, enum dv_by by)
{
	const struct diff_check *c = &v->d->forecast;
	size_t nn = by == DV_OVERALL ? 1 : by == DV_UNIT ? 2 : 1, k;
	const struct diff_tally_of *list;
	size_t n;

	table_init(t, nn + 5);
	k = tally_name_cols(t, v, by);
	if (by == DV_OVERALL)
		table_set_col(t, k++, "", "group");
	table_set_col(t, k++, dv_text(v, "jämförda", "compared"), "compared");
	table_set_col(t, k++, dv_text(v, "slog in", "came true"), "came_true");
	table_set_col(t, k++, dv_text(v, "för pessimistisk", "too pessimistic"),
		      "too_pessimistic");
	table_set_col(t, k++, dv_text(v, "för optimistisk", "too optimistic"),
		      "too_optimistic");
	table_set_col(t, k++, dv_text(v, "andel som slog in", "share true"),
		      "came_true_share");
	/* narrow: short headings, in the legend */
	t->cols[k - 3].short_head = dv_text(v, "pessim.", "pessim.");
	t->cols[k - 2].short_head = dv_text(v, "optim.", "optim.");
	t->cols[k - 1].short_head = dv_text(v, "andel", "share");
	if (by == DV_OVERALL) {
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0],
			  v->csv ? "total" : dv_text(v, "totalt", "total"));
		forecast_cells(&row[1], &c->overall);
		return;
	}
	tally_list(c, by, &list, &n);
	for (size_t i = 0; i < n; i++) {
		struct cell *row = table_add_row(t);
		k = tally_names(t, row, v, by, &list[i]);
		forecast_cells(&row[k], &list[i].t);
	}
}

static const char *result_key(const uint8_t level[2], int forecast)
{
	if (level[1] == level[0])
		return forecast ? "came_true" : "same";
	if (level[1] > level[0])
		return forecast ? "too_optimistic" : "worse";
	return forecast ? "too_pessimistic" : "better";
}

void dv_forecast_pairs_table(struct table *t, const struct dv *v)
{
	const struct diff *d = v->d;
	const struct diff_check *c = &d->forecast;
	struct strbuf sb = STRBUF_INIT;
	static const char *const keys[] = {
		"region",  "organisation", "occupation", "period",  "forecast",
		"outcome", "result",	   "old_line",	 "new_line"
	};

	table_init(t, 9);
	for (size_t k = 0; k < 9; k++)
		table_set_col(t, k, keys[k], keys[k]);
	for (size_t i = 0; i < c->npairs; i++) {
		const struct diff_pair *p = &c->pairs[i];
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], diff_name(d, 0, p->region));
		cell_text(t, &row[1], diff_name(d, 1, p->org));
		cell_text(t, &row[2], occ_name(v, p->occupation));
		cell_text(t, &row[3], d->periods[p->period].label);
		cell_text(t, &row[4], dv_level_name(v, p->level[0], 1));
		cell_text(t, &row[5], dv_level_name(v, p->level[1], 1));
		cell_text(t, &row[6], result_key(p->level, 1));
		for (int s = 0; s < 2; s++) {
			dv_where(d, s, p->gline[s], &sb);
			cell_text(t, &row[7 + s], sb.buf);
		}
	}
	strbuf_release(&sb);
}

void dv_forecast_title(const struct dv *v, struct strbuf *out)
{
	const struct diff *d = v->d;
	const struct diff_check *c = &d->forecast;

	strbuf_reset(out);
	strbuf_addstr(out, dv_text(v, "Prognoskontroll: ", "Forecast check: "));
	for (size_t i = 0; i < c->nperiods; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "",
			    d->periods[c->periods[i].id[0]].label);
	/* "omgång 2024", or OLD and NEW when both are one round */
	const char *word = strcmp(d->round[0], d->round[1])
				   ? dv_text(v, "omgång ", "round ")
				   : "";
	strbuf_addf(out,
		    dv_text(v, " enligt %s%s mot nuläget i %s%s",
			    " as forecast in %s%s against the current rating "
			    "in %s%s"),
		    word, dv_side(d, 0), word, dv_side(d, 1));
}

static void revision_cells(struct cell *row, const struct diff_tally *t)
{
	cell_int(&row[0], t->compared);
	cell_int(&row[1], t->same);
	cell_int(&row[2], t->higher);
	cell_int(&row[3], t->lower);
}

void dv_revisions_table(struct table *t, const struct dv *v, enum dv_by by)
{
	const struct diff_check *c = &v->d->revisions;
	const struct diff_tally_of *list;
	size_t n, k, nn = by == DV_UNIT ? 2 : 1;

	table_init(t, nn + 4);
	k = tally_name_cols(t, v, by);
	if (by == DV_OVERALL)
		table_set_col(t, k++, "", "group");
	table_set_col(t, k++, dv_text(v, "jämförda", "compared"), "compared");
	table_set_col(t, k++, dv_text(v, "samma", "same"), "same");
	table_set_col(t, k++, dv_text(v, "sämre", "worse"), "worse");
	table_set_col(t, k++, dv_text(v, "bättre", "better"), "better");
	if (by == DV_OVERALL) {
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0],
			  v->csv ? "total" : dv_text(v, "totalt", "total"));
		revision_cells(&row[1], &c->overall);
		return;
	}
	tally_list(c, by, &list, &n);
	for (size_t i = 0; i < n; i++) {
		struct cell *row = table_add_row(t);
		k = tally_names(t, row, v, by, &list[i]);
		revision_cells(&row[k], &list[i].t);
	}
}

/* ---- shares --------------------------------------------------------- */

void dv_shares_table(struct table *t, const struct dv *v, int moved)
{
	const struct diff *d = v->d;
	const struct scale *sc = d->ds[0]->scale;
	char buf[64];

	table_init(t, v->csv ? 10 : 6);
	table_set_col(t, 0, dv_text(v, "yrke", "occupation"), "occupation");
	t->cols[0].group = 1;
	t->cols[0].fit = COL_FIT_NAME;
	t->group_lines = 1;
	table_set_col(t, 1, "period", "period");
	if (v->csv) {
		static const char *const keys[] = {
			"old_rated",	     "new_rated",
			"old_risk_share",    "new_risk_share",
			"risk_share_change", "old_brist_share",
			"new_brist_share",   "brist_share_change"
		};
		for (size_t k = 0; k < 8; k++)
			table_set_col(t, 2 + k, keys[k], keys[k]);
	} else {
		table_set_col(t, 2,
			      dv_text(v, "risk före → efter", "risk old → new"),
			      "risk_share");
		table_set_col(t, 3, "risk ±", "risk_share_change");
		table_set_col(
			t, 4,
			dv_text(v, "brist före → efter", "brist old → new"),
			"brist_share");
		table_set_col(t, 5, "brist ±", "brist_share_change");
		t->cols[2].right = t->cols[4].right = 1;
	}
	for (size_t i = 0; i < d->nshares; i++) {
		const struct diff_share *sh = &d->shares[i];
		double r0 = stats_risk(&sh->stats[0], sc),
		       r1 = stats_risk(&sh->stats[1], sc);
		double b0 = brist_share(&sh->stats[0], sc),
		       b1 = brist_share(&sh->stats[1], sc);
		if (moved && r0 == r1 && b0 == b1)
			continue;
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], occ_name(v, sh->occupation));
		cell_text(t, &row[1], d->periods[sh->period].label);
		if (v->csv) {
			cell_int(&row[2], stats_rated(&sh->stats[0], sc));
			cell_int(&row[3], stats_rated(&sh->stats[1], sc));
			cell_ratio(&row[4], r0);
			cell_ratio(&row[5], r1);
			cell_delta(&row[6], r0, r1);
			cell_ratio(&row[7], b0);
			cell_ratio(&row[8], b1);
			cell_delta(&row[9], b0, b1);
			continue;
		}
		share_pair(buf, sizeof(buf), r0, r1);
		cell_text(t, &row[2], buf);
		cell_delta(&row[3], r0, r1);
		share_pair(buf, sizeof(buf), b0, b1);
		cell_text(t, &row[4], buf);
		cell_delta(&row[5], b0, b1);
	}
}

/* ---- comments ------------------------------------------------------- */

void dv_comments_table(struct table *t, const struct dv *v)
{
	const struct diff *d = v->d;

	table_init(t, 4);
	table_set_col(t, 0, dv_text(v, "yrke", "occupation"), "occupation");
	table_set_col(t, 1, "organisation", "organisation");
	table_set_col(t, 2, dv_text(v, "kommentar före", "old comment"),
		      "old_comment");
	table_set_col(t, 3, dv_text(v, "kommentar efter", "new comment"),
		      "new_comment");
	t->cols[0].group = 1;
	for (size_t i = 0; i < d->ncomments; i++) {
		const struct diff_comment *c = &d->comments[i];
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], occ_name(v, c->occupation));
		cell_text(t, &row[1], diff_name(d, 1, c->org));
		for (int s = 0; s < 2; s++)
			if (c->text[s])
				cell_text(t, &row[2 + s], c->text[s]);
	}
}

/* ---- JSON ----------------------------------------------------------- */

static cJSON *json_rank_side(const struct diff_rank *r, int s)
{
	cJSON *o;

	if (!r->rank[s])
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "rank", r->rank[s]);
	cJSON_AddBoolToObject(o, "critical", r->critical[s]);
	cJSON_AddItemToObject(o, "risk_share", dv_json_ratio(r->risk[s]));
	cJSON_AddItemToObject(o, "brist_share", dv_json_ratio(r->brist[s]));
	return o;
}

static cJSON *json_rank(const struct dv *v, const struct diff_rank *r,
			int change)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "occupation", occ_name(v, r->occupation));
	cJSON_AddItemToObject(o, "old", json_rank_side(r, 0));
	cJSON_AddItemToObject(o, "new", json_rank_side(r, 1));
	if (!change)
		return o;
	if (r->rank[0] && r->rank[1])
		cJSON_AddNumberToObject(o, "change", r->rank[0] - r->rank[1]);
	else
		cJSON_AddNullToObject(o, "change");
	return o;
}

cJSON *dv_json_critical(const struct dv *v)
{
	const struct diff *d = v->d;
	cJSON *o = cJSON_CreateObject(), *became, *ceased, *ranks;
	char buf[16];

	json_format_ratio(d->o.threshold, buf);
	cJSON_AddItemToObject(o, "threshold", cJSON_CreateRaw(buf));
	became = cJSON_AddArrayToObject(o, "became");
	ceased = cJSON_AddArrayToObject(o, "ceased");
	ranks = cJSON_AddArrayToObject(o, "ranks");
	for (size_t i = 0; i < d->nranks; i++) {
		const struct diff_rank *r = &d->ranks[i];
		if (r->critical[1] && !r->critical[0])
			cJSON_AddItemToArray(became, json_rank(v, r, 0));
		if (r->critical[0] && !r->critical[1])
			cJSON_AddItemToArray(ceased, json_rank(v, r, 0));
		cJSON_AddItemToArray(ranks, json_rank(v, r, 1));
	}
	return o;
}

static cJSON *json_share_side(const struct stats *s, const struct scale *sc)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "rated", stats_rated(s, sc));
	cJSON_AddItemToObject(o, "risk_share",
			      dv_json_ratio(stats_risk(s, sc)));
	cJSON_AddItemToObject(o, "brist_share",
			      dv_json_ratio(brist_share(s, sc)));
	return o;
}

cJSON *dv_json_shares(const struct dv *v)
{
	const struct diff *d = v->d;
	const struct scale *sc = d->ds[0]->scale;
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < d->nshares; i++) {
		const struct diff_share *sh = &d->shares[i];
		cJSON *o = cJSON_CreateObject(), *ch;
		cJSON_AddStringToObject(o, "occupation",
					occ_name(v, sh->occupation));
		cJSON_AddStringToObject(o, "period",
					d->periods[sh->period].label);
		cJSON_AddItemToObject(o, "old",
				      json_share_side(&sh->stats[0], sc));
		cJSON_AddItemToObject(o, "new",
				      json_share_side(&sh->stats[1], sc));
		ch = cJSON_AddObjectToObject(o, "change");
		cJSON_AddItemToObject(
			ch, "risk_share",
			dv_json_delta(stats_risk(&sh->stats[0], sc),
				      stats_risk(&sh->stats[1], sc)));
		cJSON_AddItemToObject(
			ch, "brist_share",
			dv_json_delta(brist_share(&sh->stats[0], sc),
				      brist_share(&sh->stats[1], sc)));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *json_tally(const struct diff_tally *t, int forecast)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "compared", t->compared);
	if (forecast) {
		cJSON_AddNumberToObject(o, "came_true", t->same);
		cJSON_AddNumberToObject(o, "too_pessimistic", t->lower);
		cJSON_AddNumberToObject(o, "too_optimistic", t->higher);
	} else {
		cJSON_AddNumberToObject(o, "same", t->same);
		cJSON_AddNumberToObject(o, "worse", t->higher);
		cJSON_AddNumberToObject(o, "better", t->lower);
	}
	return o;
}

/* A tally of a name, with its names first: {"occupation", counts...}. */
static cJSON *json_tally_of(const struct dv *v, const struct diff_tally_of *o,
			    enum dv_by by, int forecast)
{
	cJSON *t = json_tally(&o->t, forecast), *n = cJSON_CreateObject();

	if (by == DV_OCCUPATION) {
		cJSON_AddStringToObject(n, "occupation", occ_name(v, o->id[0]));
	} else if (by == DV_UNIT) {
		cJSON_AddStringToObject(n, "region",
					diff_name(v->d, 0, o->id[0]));
		cJSON_AddStringToObject(n, "organisation",
					diff_name(v->d, 1, o->id[1]));
	} else {
		cJSON_AddStringToObject(n, "period",
					v->d->periods[o->id[0]].label);
	}
	/* the names first, then the counts */
	while (t->child) {
		cJSON *item = t->child;
		cJSON_DetachItemViaPointer(t, item);
		cJSON_AddItemToObject(n, item->string, item);
	}
	cJSON_Delete(t);
	return n;
}

static cJSON *json_tallies(const struct dv *v, const struct diff_check *c,
			   enum dv_by by, int forecast)
{
	cJSON *arr = cJSON_CreateArray();
	const struct diff_tally_of *list;
	size_t n;

	tally_list(c, by, &list, &n);
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(arr,
				     json_tally_of(v, &list[i], by, forecast));
	return arr;
}

static cJSON *json_pairs(const struct dv *v, const struct diff_check *c,
			 int forecast)
{
	const struct diff *d = v->d;
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < c->npairs; i++) {
		const struct diff_pair *p = &c->pairs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "region",
					diff_name(d, 0, p->region));
		cJSON_AddStringToObject(o, "organisation",
					diff_name(d, 1, p->org));
		cJSON_AddStringToObject(o, "occupation",
					occ_name(v, p->occupation));
		cJSON_AddStringToObject(o, "period",
					d->periods[p->period].label);
		cJSON_AddStringToObject(o, forecast ? "forecast" : "old",
					dv_level_name(v, p->level[0], 1));
		cJSON_AddStringToObject(o, forecast ? "outcome" : "new",
					dv_level_name(v, p->level[1], 1));
		cJSON_AddStringToObject(o, forecast ? "result" : "revision",
					result_key(p->level, forecast));
		cJSON_AddItemToObject(o, "old_line",
				      dv_json_where(d, 0, p->gline[0]));
		cJSON_AddItemToObject(o, "new_line",
				      dv_json_where(d, 1, p->gline[1]));
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

cJSON *dv_json_forecast(const struct dv *v)
{
	const struct diff *d = v->d;
	const struct diff_check *c = &d->forecast;
	cJSON *o = cJSON_CreateObject(), *periods;

	periods = cJSON_AddArrayToObject(o, "periods");
	for (size_t i = 0; i < c->nperiods; i++)
		cJSON_AddItemToArray(
			periods,
			cJSON_CreateString(
				d->periods[c->periods[i].id[0]].label));
	cJSON_AddItemToObject(o, "overall", json_tally(&c->overall, 1));
	cJSON_AddItemToObject(o, "occupations",
			      json_tallies(v, c, DV_OCCUPATION, 1));
	cJSON_AddItemToObject(o, "organisations",
			      json_tallies(v, c, DV_UNIT, 1));
	cJSON_AddItemToObject(o, "pairs", json_pairs(v, c, 1));
	return o;
}

cJSON *dv_json_revisions(const struct dv *v)
{
	const struct diff_check *c = &v->d->revisions;
	cJSON *o = cJSON_CreateObject();

	cJSON_AddItemToObject(o, "overall", json_tally(&c->overall, 0));
	cJSON_AddItemToObject(o, "periods", json_tallies(v, c, DV_PERIOD, 0));
	cJSON_AddItemToObject(o, "occupations",
			      json_tallies(v, c, DV_OCCUPATION, 0));
	cJSON_AddItemToObject(o, "organisations",
			      json_tallies(v, c, DV_UNIT, 0));
	cJSON_AddItemToObject(o, "pairs", json_pairs(v, c, 0));
	return o;
}
