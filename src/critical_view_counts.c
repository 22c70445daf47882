/*
 * critical_view_counts.c - the tables of critical's counts
 * (critical_view.h): the ranking, and with --long the counts per period
 * and the change from now; the CSV, one line per occupation and period.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "critical_view_internal.h"

/* The short headings of the volumes, for a narrow table. */
static const char *const volume_short[CONTEXT_MEASURES] = { "anst.", "pens.",
							    "vak.", "rekr." };

/*
 * The ranking, one line per occupation: its rank, whether it is critical,
 * how many organisations rate it in its last period, how many of them say
 * Brist, the brist and risk shares of those organisations, how many
 * rate it worse than now, and the context's volumes. set_apart: the
 * occupations with too few raters, unranked, instead of the ranked ones.
 */
void cv_build_ranking(struct table *t, const struct crit_list *cl,
		      const struct cv_shown *co, int set_apart)
{
	const struct dataset *ds = cl->a->ds;
	const struct scale *sc = ds->scale;
	int period_col = !cv_same_last(cl);
	size_t ncols = 7 + (size_t)crit_grouped(cl) + (size_t)!set_apart +
		       (size_t)period_col + cv_volume_cols(cl);
	size_t k = 0;

	table_init(t, ncols);
	if (crit_grouped(cl))
		cv_name_col(t, k++, crit_group_heading(cl),
			    crit_group_heading(cl));
	if (!set_apart)
		table_set_col(t, k++, "#", "rank");
	table_set_col(t, k, "yrke", "occupation");
	t->cols[k++].fit = COL_FIT_NAME;
	table_set_col(t, k, "kritisk", "critical");
	t->cols[k++].short_head = "krit.";
	if (period_col)
		table_set_col(t, k++, "period", "last_period");
	table_set_col(t, k, "bedömda", "rated");
	t->cols[k++].short_head = "n";
	cv_level_col(t, k++, sc, sc->nlevels - 1);
	table_set_col(t, k, cv_worst_share_heading(t, sc, 0), "brist_share");
	t->cols[k++].short_head = cv_worst_share_heading(t, sc, 1);
	table_set_col(t, k++, "risk", "risk_share");
	table_set_col(t, k++, "sämre", "worse");
	for (int m = 0; m < CONTEXT_MEASURES; m++) {
		if (!context_has(cl->context, (enum context_measure)m))
			continue;
		table_set_col(t, k, context_heading((enum context_measure)m),
			      context_key((enum context_measure)m));
		t->cols[k++].short_head = volume_short[m];
	}
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		struct cell *row;
		if (!cv_shown(co, c) || c->set_apart != set_apart)
			continue;
		row = table_add_row(t);
		k = 0;
		if (crit_grouped(cl))
			cell_text(t, &row[k++], crit_group_name(cl, c));
		if (!set_apart)
			cell_int(&row[k++], c->rank);
		cell_text(t, &row[k++],
			  name_display(&ds->occupations, c->occupation));
		cell_text(t, &row[k++], c->critical ? "ja" : "nej");
		if (period_col) {
			if (c->last >= 0)
				cell_text(t, &row[k],
					  ds->periods[c->last].label);
			k++;
		}
		cell_int(&row[k++], c->rated);
		cell_int(&row[k++], c->brist_n);
		cell_ratio(&row[k++], c->brist);
		cell_ratio(&row[k++], c->risk);
		if (c->last >= 0 && agg_future(cl->a, (uint32_t)c->last))
			cell_int(&row[k], c->worse);
		k++;
		for (int m = 0; m < CONTEXT_MEASURES; m++)
			if (context_has(cl->context, (enum context_measure)m))
				cv_volume_cell(&row[k++], c, m);
	}
}

/*
 * The lines of the --long tables: each occupation shown, each period in
 * which it has records, in order. next_period_row() adds the next line,
 * fills its region (by region), occupation and period, sets *c, *p and
 * *k (the next column) and returns it; NULL after the last.
 */
struct period_rows {
	struct crit_table *ct;
	const struct cv_shown *co;
	uint32_t i, j; /* the occupation, the place in the periods */
};

static struct cell *next_period_row(struct period_rows *it,
				    const struct crit **c, uint32_t *p,
				    size_t *k)
{
	const struct crit_list *cl = it->ct->cl;
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	struct table *t = it->ct->t;

	for (; it->i < cl->n; it->i++, it->j = 0) {
		*c = &cl->v[it->i];
		if (!cv_shown(it->co, *c))
			continue;
		while (it->j < a->nperiods) {
			struct cell *row;
			char *label;
			*p = a->periods[it->j++];
			if (!stats_records(&(*c)->stats[*p], ds->scale))
				continue;
			row = table_add_row(t);
			*k = 0;
			if (crit_grouped(cl))
				cell_text(t, &row[(*k)++],
					  crit_group_name(cl, *c));
			cell_text(t, &row[(*k)++],
				  name_display(&ds->occupations,
					       (*c)->occupation));
			label = cv_period_text(it->ct, *p);
			cell_text(t, &row[(*k)++], label);
			free(label);
			return row;
		}
	}
	return NULL;
}

/* --long: each occupation's counts per period. */
void cv_build_periods(struct crit_table *ct, const struct cv_shown *co)
{
	const struct crit_list *cl = ct->cl;
	const struct scale *sc = cl->a->ds->scale;
	struct table *t = ct->t;
	struct period_rows it = { ct, co, 0, 0 };
	const struct crit *c;
	struct cell *row;
	uint32_t p;
	size_t k = 0;

	table_init(t, 4 + (size_t)crit_grouped(cl) + sc->nlevels);
	if (crit_grouped(cl))
		cv_name_col(t, k++, crit_group_heading(cl),
			    crit_group_heading(cl));
	cv_name_col(t, k++, "yrke", "occupation");
	table_set_col(t, k++, "period", "period");
	for (size_t l = 0; l < sc->nlevels; l++)
		cv_level_col(t, k++, sc, l);
	table_set_col(t, k++, "saknas", "missing");
	table_set_col(t, k++, "risk", "risk_share");
	/* weighted: the staff at each level, and their risk share */
	while ((row = next_period_row(&it, &c, &p, &k))) {
		const struct stats *s = &c->stats[p];
		for (size_t l = 0; l < sc->nlevels; l++)
			if (c->wstats)
				cell_int(&row[k++],
					 llround(c->wstats[p].level[l]));
			else
				cell_int(&row[k++], s->level[l]);
		cell_int(&row[k++], s->missing);
		cell_ratio(&row[k++], crit_risk(cl, c, p));
	}
}

/* --long: the change from now per later period, and who says Brist. */
void cv_build_changes(struct crit_table *ct, const struct cv_shown *co)
{
	const struct crit_list *cl = ct->cl;
	struct table *t = ct->t;
	struct period_rows it = { ct, co, 0, 0 };
	const struct crit *c;
	struct cell *row;
	uint32_t p;
	size_t k = 0;

	table_init(t, 6 + (size_t)crit_grouped(cl));
	if (crit_grouped(cl))
		cv_name_col(t, k++, crit_group_heading(cl),
			    crit_group_heading(cl));
	cv_name_col(t, k++, "yrke", "occupation");
	table_set_col(t, k++, "period", "period");
	table_set_col(t, k++, "sämre", "worse");
	table_set_col(t, k++, "samma", "same");
	table_set_col(t, k++, "bättre", "better");
	table_set_col(t, k, cv_worst_level_heading(t, cl->a->ds->scale),
		      "brist_organisations");
	t->cols[k].fit = COL_FIT_WRAP;
	while ((row = next_period_row(&it, &c, &p, &k))) {
		if (agg_future(cl->a, p) && change_compared(&c->change[p])) {
			cell_int(&row[k++], c->change[p].worse);
			cell_int(&row[k++], c->change[p].same);
			cell_int(&row[k++], c->change[p].better);
		} else {
			k += 3;
		}
		cv_brist_cell(ct, &row[k++], c, p, 1);
	}
}

/* The CSV's columns after the per-period ones: volumes, weighted counts. */
static size_t csv_extra(const struct crit_list *cl)
{
	return cv_volume_cols(cl) +
	       (cl->weighted ? cl->a->ds->scale->nlevels + 3 : 0);
}

static void csv_columns(struct table *t, const struct crit_list *cl)
{
	const struct scale *sc = cl->a->ds->scale;
	size_t k = 0;

	/* by an attribute, the first column is named after it */
	if (crit_grouped(cl))
		table_set_col(t, k++, crit_group_heading(cl),
			      crit_group_heading(cl));
	table_set_col(t, k++, "#", "rank");
	table_set_col(t, k++, "yrke", "occupation");
	table_set_col(t, k++, "kritisk", "critical");
	table_set_col(t, k++, "period", "period");
	table_set_col(t, k++, "nuläge", "current");
	for (size_t l = 0; l < sc->nlevels; l++)
		table_set_col(t, k++, sc->levels[l].label, sc->levels[l].key);
	table_set_col(t, k++, "saknas", "missing");
	table_set_col(t, k++, "ej aktuellt", "not_applicable");
	t->cols[k - 1].short_head = "e/a"; /* narrow: in the legend */
	table_set_col(t, k++, "bedömda", "rated");
	table_set_col(t, k++, "risk", "risk_share");
	table_set_col(t, k++, "sämre", "worse");
	table_set_col(t, k++, "samma", "same");
	table_set_col(t, k++, "bättre", "better");
	table_set_col(t, k++, "spridning", "spread");
	table_set_col(t, k++, "enighet", "agreement");
	table_set_col(t, k++, cv_worst_level_heading(t, sc),
		      "brist_organisations");
	for (int m = 0; m < CONTEXT_MEASURES; m++)
		if (context_has(cl->context, (enum context_measure)m))
			table_set_col(t, k++,
				      context_heading((enum context_measure)m),
				      context_key((enum context_measure)m));
	if (!cl->weighted)
		return;
	for (size_t l = 0; l < sc->nlevels; l++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "weighted_%s", sc->levels[l].key);
		const char *key = arena_strdup(&t->arena, sb.buf);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s, anställda", sc->levels[l].label);
		table_set_col(t, k++, arena_strdup(&t->arena, sb.buf), key);
		strbuf_release(&sb);
	}
	table_set_col(t, k++, "bedömda, anställda", "weighted_rated");
	table_set_col(t, k++, "risk, viktad", "weighted_risk_share");
	table_set_col(t, k++, "brist, viktad", "weighted_brist_share");
}

/* CSV: one line per occupation and period, every organisation named. */
static void csv_rows(struct crit_table *ct, const struct crit *c)
{
	const struct agg *a = ct->cl->a;
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct stats *s = &c->stats[p];
		const struct period_info *pi = &ds->periods[p];
		struct cell *row;
		size_t k = 0;
		if (!stats_records(s, sc))
			continue;
		row = table_add_row(ct->t);
		if (c->group >= 0)
			cell_text(ct->t, &row[k++], crit_group_name(ct->cl, c));
		/* set apart: no rank */
		if (c->rank)
			cell_int(&row[k], c->rank);
		k++;
		cell_text(ct->t, &row[k++],
			  name_display(&ds->occupations, c->occupation));
		cell_text(ct->t, &row[k++], c->critical ? "true" : "false");
		cell_text(ct->t, &row[k++], pi->label);
		cell_text(ct->t, &row[k++],
			  agg_current(a, p) ? "true" : "false");
		for (size_t l = 0; l < sc->nlevels; l++)
			cell_int(&row[k++], s->level[l]);
		cell_int(&row[k++], s->missing);
		cell_int(&row[k++], s->not_applicable);
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
		cv_brist_cell(ct, &row[k++], c, p, 1);
		for (int m = 0; m < CONTEXT_MEASURES; m++)
			if (context_has(ct->cl->context,
					(enum context_measure)m))
				cv_volume_cell(&row[k++], c, m);
		if (!c->wstats)
			continue;
		for (size_t l = 0; l < sc->nlevels; l++)
			cell_decimal(&row[k++], c->wstats[p].level[l]);
		cell_decimal(&row[k++], wstats_rated(&c->wstats[p], sc));
		cell_ratio(&row[k++], wstats_risk(&c->wstats[p], sc));
		cell_ratio(&row[k++],
			   wstats_share(&c->wstats[p], sc, (int)sc->nlevels));
	}
}

void cv_build_csv(struct table *t, const struct crit_list *cl,
		  const struct cv_shown *co)
{
	const struct scale *sc = cl->a->ds->scale;
	struct crit_table ct = { t, cl, 1, 0 };

	table_init(t,
		   15 + (size_t)crit_grouped(cl) + sc->nlevels + csv_extra(cl));
	csv_columns(t, cl);
	for (uint32_t i = 0; i < cl->n; i++)
		if (cv_shown(co, &cl->v[i]))
			csv_rows(&ct, &cl->v[i]);
}
