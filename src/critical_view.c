/*
 * critical_view.c - kmap critical's tables (critical_view.h); the JSON
 * document is in critical_view_json.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "critical_view_internal.h"
#include "kmap/jsonout.h"
#include "kmap/names.h"

/* Names of organisations rating Brist shown in a table cell. */
enum { BRIST_NAMES_SHOWN = 3 };

/* ---- tables ------------------------------------------------------- */

/* "(nu)" marks the current period only when all files agree on it. */
static int single_current(const struct agg *a)
{
	int n = 0;

	for (uint32_t i = 0; i < a->nperiods; i++)
		n += agg_current(a, a->periods[i]);
	return n == 1;
}

struct crit_table {
	struct table *t;
	const struct crit_list *cl;
	int csv, mark;
};

/*
 * Who rates the scale's last level in period p: "Halmstad, Laholm,
 * Varberg +2" in a terminal's CSV-only column (all of them, ';'-separated,
 * in CSV), or everyone, ", "-separated, where the text wraps (all: 1).
 */
static void brist_cell(struct crit_table *ct, struct cell *cell,
		       const struct crit *c, uint32_t p, int all)
{
	const struct dataset *ds = ct->cl->a->ds;
	uint8_t worst = (uint8_t)ds->scale->nlevels;
	struct strbuf sb = STRBUF_INIT;
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->nrows; i++) {
		const struct row *row = &ds->rows[c->rows[i]];
		if (dataset_level(ds, c->rows[i], p) != worst)
			continue;
		if (ct->csv || all || n < BRIST_NAMES_SHOWN)
			strbuf_addf(&sb, "%s%s",
				    n ? (ct->csv ? "; " : ", ") : "",
				    name_display(&ds->organisations,
						 ds->units[row->unit].org));
		n++;
	}
	if (!ct->csv && !all && n > BRIST_NAMES_SHOWN)
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

/*
 * "% Brist", the heading of the brist share by the scale's last level,
 * or with its letter ("% B") for a narrow table.
 */
static const char *worst_share_heading(struct table *t, const struct scale *sc,
				       int letter)
{
	const struct scale_level *lv = &sc->levels[sc->nlevels - 1];
	struct strbuf sb = STRBUF_INIT;
	const char *head;

	strbuf_addf(&sb, "%% %s", letter ? lv->letter : lv->label);
	head = arena_strdup(&t->arena, sb.buf);
	strbuf_release(&sb);
	return head;
}

/* Column k for a level l: its label, its letter when narrowed, colour. */
static void level_col(struct table *t, size_t k, const struct scale *sc,
		      size_t l)
{
	table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
	t->cols[k].short_head = sc->levels[l].letter;
	t->cols[k].color = sc->levels[l].color;
}

/*
 * A name column: grouped, shortened when the table must be narrowed;
 * the leading ones are then lines above their rows instead.
 */
static void name_col(struct table *t, size_t k, const char *head,
		     const char *key)
{
	table_set_col(t, k, head, key);
	t->cols[k].group = 1;
	t->cols[k].fit = COL_FIT_NAME;
	if (k == t->group_lines)
		t->group_lines = k + 1;
}

/* Whether every occupation shown has the same last period. */
static int same_last(const struct crit_list *cl)
{
	for (uint32_t i = 0; i < cl->n; i++)
		if (cl->v[i].last != cl->v[0].last)
			return 0;
	return 1;
}

static char *period_text(const struct crit_table *ct, uint32_t p)
{
	const struct period_info *pi = &ct->cl->a->ds->periods[p];
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%s", pi->label,
		    !ct->csv && ct->mark && agg_current(ct->cl->a, p) ? " (nu)"
								      : "");
	return strbuf_detach(&sb, NULL);
}

/* The short headings of the volumes, for a narrow table. */
static const char *const volume_short[CONTEXT_MEASURES] = { "anst.", "pens.",
							    "vak.", "rekr." };

/* The measures the context has: their columns after the ranking's. */
static size_t volume_cols(const struct crit_list *cl)
{
	size_t n = 0;

	for (int m = 0; m < CONTEXT_MEASURES; m++)
		n += (size_t)context_has(cl->context, (enum context_measure)m);
	return n;
}

/* A sum of volumes: whole numbers as such; empty when nobody gave one. */
static void volume_cell(struct cell *cell, const struct crit *c, int m)
{
	double v = c->volume[m];

	if (!c->volume_n[m])
		return;
	if (fabs(v - round(v)) < 1e-9)
		cell_int(cell, llround(v));
	else
		cell_decimal(cell, v);
}

/*
 * The ranking, one line per occupation: its rank, whether it is critical,
 * how many organisations rate it in its last period, how many of them say
 * Brist, the brist and risk shares of those organisations, how many
 * rate it worse than now, and the context's volumes. set_apart: the
 * occupations with too few raters, unranked, instead of the ranked ones.
 */
static void build_ranking(struct table *t, const struct crit_list *cl,
			  const struct shown *co, int set_apart)
{
	const struct dataset *ds = cl->a->ds;
	const struct scale *sc = ds->scale;
	int period_col = !same_last(cl);
	size_t ncols = 7 + (size_t)cl->by_region + (size_t)!set_apart +
		       (size_t)period_col + volume_cols(cl);
	size_t k = 0;

	table_init(t, ncols);
	if (cl->by_region)
		name_col(t, k++, "region", "region");
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
	level_col(t, k++, sc, sc->nlevels - 1);
	table_set_col(t, k, worst_share_heading(t, sc, 0), "brist_share");
	t->cols[k++].short_head = worst_share_heading(t, sc, 1);
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
		if (!shown(co, c) || c->set_apart != set_apart)
			continue;
		row = table_add_row(t);
		k = 0;
		if (cl->by_region)
			cell_text(t, &row[k++],
				  name_display(&ds->regions,
					       (uint32_t)c->region));
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
				volume_cell(&row[k++], c, m);
	}
}

/* --long: each occupation's counts per period. */
static void build_periods(struct crit_table *ct, const struct shown *co)
{
	const struct crit_list *cl = ct->cl;
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;
	struct table *t = ct->t;
	size_t k = 0;

	table_init(t, 4 + (size_t)cl->by_region + sc->nlevels);
	if (cl->by_region)
		name_col(t, k++, "region", "region");
	name_col(t, k++, "yrke", "occupation");
	table_set_col(t, k++, "period", "period");
	for (size_t l = 0; l < sc->nlevels; l++)
		level_col(t, k++, sc, l);
	table_set_col(t, k++, "saknas", "missing");
	table_set_col(t, k++, "risk", "risk_share");
	/* weighted: the staff at each level, and their risk share */
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		if (!shown(co, c))
			continue;
		for (uint32_t j = 0; j < a->nperiods; j++) {
			uint32_t p = a->periods[j];
			const struct stats *s = &c->stats[p];
			struct cell *row;
			char *label;
			if (!stats_records(s, sc))
				continue;
			row = table_add_row(t);
			k = 0;
			if (cl->by_region)
				cell_text(t, &row[k++],
					  name_display(&ds->regions,
						       (uint32_t)c->region));
			cell_text(
				t, &row[k++],
				name_display(&ds->occupations, c->occupation));
			label = period_text(ct, p);
			cell_text(t, &row[k++], label);
			free(label);
			for (size_t l = 0; l < sc->nlevels; l++)
				if (c->wstats)
					cell_int(
						&row[k++],
						llround(c->wstats[p].level[l]));
				else
					cell_int(&row[k++], s->level[l]);
			cell_int(&row[k++], s->missing);
			cell_ratio(&row[k++], crit_risk(cl, c, p));
		}
	}
}

/* --long: the change from now per later period, and who says Brist. */
static void build_changes(struct crit_table *ct, const struct shown *co)
{
	const struct crit_list *cl = ct->cl;
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	struct table *t = ct->t;
	size_t k = 0;

	table_init(t, 6 + (size_t)cl->by_region);
	if (cl->by_region)
		name_col(t, k++, "region", "region");
	name_col(t, k++, "yrke", "occupation");
	table_set_col(t, k++, "period", "period");
	table_set_col(t, k++, "sämre", "worse");
	table_set_col(t, k++, "samma", "same");
	table_set_col(t, k++, "bättre", "better");
	table_set_col(t, k, worst_level_heading(t, ds->scale),
		      "brist_organisations");
	t->cols[k].fit = COL_FIT_WRAP;
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		if (!shown(co, c))
			continue;
		for (uint32_t j = 0; j < a->nperiods; j++) {
			uint32_t p = a->periods[j];
			const struct stats *s = &c->stats[p];
			struct cell *row;
			char *label;
			if (!stats_records(s, ds->scale))
				continue;
			row = table_add_row(t);
			k = 0;
			if (cl->by_region)
				cell_text(t, &row[k++],
					  name_display(&ds->regions,
						       (uint32_t)c->region));
			cell_text(
				t, &row[k++],
				name_display(&ds->occupations, c->occupation));
			label = period_text(ct, p);
			cell_text(t, &row[k++], label);
			free(label);
			if (agg_future(a, p) &&
			    change_compared(&c->change[p])) {
				cell_int(&row[k++], c->change[p].worse);
				cell_int(&row[k++], c->change[p].same);
				cell_int(&row[k++], c->change[p].better);
			} else {
				k += 3;
			}
			brist_cell(ct, &row[k++], c, p, 1);
		}
	}
}

/* The CSV's columns after the per-period ones: volumes, weighted counts. */
static size_t csv_extra(const struct crit_list *cl)
{
	return volume_cols(cl) +
	       (cl->weighted ? cl->a->ds->scale->nlevels + 3 : 0);
}

static void csv_columns(struct table *t, const struct crit_list *cl)
{
	const struct scale *sc = cl->a->ds->scale;
	int by_region = cl->by_region;
	size_t k = 0;

	if (by_region)
		table_set_col(t, k++, "region", "region");
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
	table_set_col(t, k++, worst_level_heading(t, sc),
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
		if (c->region >= 0)
			cell_text(ct->t, &row[k++],
				  name_display(&ds->regions,
					       (uint32_t)c->region));
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
		brist_cell(ct, &row[k++], c, p, 1);
		for (int m = 0; m < CONTEXT_MEASURES; m++)
			if (context_has(ct->cl->context,
					(enum context_measure)m))
				volume_cell(&row[k++], c, m);
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

static void build_csv(struct table *t, const struct crit_list *cl,
		      const struct shown *co)
{
	const struct scale *sc = cl->a->ds->scale;
	struct crit_table ct = { t, cl, 1, 0 };

	table_init(t, 15 + (size_t)cl->by_region + sc->nlevels + csv_extra(cl));
	csv_columns(t, cl);
	for (uint32_t i = 0; i < cl->n; i++)
		if (shown(co, &cl->v[i]))
			csv_rows(&ct, &cl->v[i]);
}

/* rows[0, n)'s organisations at level in p, ", "-separated, onto sb. */
static void orgs_at_level(const struct dataset *ds, const uint32_t *rows,
			  uint32_t n, uint32_t p, int level, struct strbuf *sb)
{
	int first = 1;

	for (uint32_t i = 0; i < n; i++) {
		if (dataset_level(ds, rows[i], p) != level)
			continue;
		strbuf_addf(
			sb, "%s%s", first ? "" : ", ",
			name_display(&ds->organisations,
				     ds->units[ds->rows[rows[i]].unit].org));
		first = 0;
	}
}

/*
 * rows[0, n)'s organisations at level in p into sb; with risk, those at
 * each risk level, the worst first: "Brist: Köpings kommun · Sårbart:
 * Norbergs kommun, Sala kommun".
 */
static void orgs_at(const struct dataset *ds, const uint32_t *rows, uint32_t n,
		    uint32_t p, int level, int risk, struct strbuf *sb)
{
	const struct scale *sc = ds->scale;

	strbuf_reset(sb);
	if (!risk) {
		orgs_at_level(ds, rows, n, p, level, sb);
		return;
	}
	for (size_t l = sc->nlevels; l-- > 0;) {
		size_t before = sb->len, names;
		if (!sc->levels[l].risk)
			continue;
		strbuf_addf(sb, "%s%s: ", before ? " · " : "",
			    sc->levels[l].label);
		names = sb->len;
		orgs_at_level(ds, rows, n, p, (int)l + 1, sb);
		if (sb->len == names) { /* nobody at this level */
			sb->len = before;
			sb->buf[before] = '\0';
		}
	}
}

/*
 * Who disagrees: for each occupation and period whose ratings lie
 * CRIT_DISAGREEMENT_SPREAD levels apart or more, two lines, the
 * organisations at the lowest level and those at the highest.
 */
static void build_disagreement(struct table *t, const struct crit_list *cl,
			       const struct shown *co)
{
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;

	table_init(t, 6 + (size_t)cl->by_region);
	if (cl->by_region)
		name_col(t, k++, "region", "region");
	name_col(t, k++, "yrke", "occupation");
	table_set_col(t, k, "period", "period");
	t->cols[k++].group = 1;
	table_set_col(t, k, "spridning", "spread");
	t->cols[k].short_head = "spr.";
	t->cols[k++].group = 1;
	table_set_col(t, k, "enighet", "agreement");
	t->cols[k].short_head = "enig.";
	t->cols[k++].group = 1;
	table_set_col(t, k++, "bedömning", "level");
	table_set_col(t, k, "organisationer", "organisations");
	t->cols[k].short_head = "org.";
	t->cols[k].fit = COL_FIT_WRAP;
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		if (!shown(co, c))
			continue;
		for (uint32_t j = 0; j < a->nperiods; j++) {
			uint32_t p = a->periods[j];
			int ends[2], spread = crit_ends(cl, c, p, &ends[0],
							&ends[1]);
			if (spread < CRIT_DISAGREEMENT_SPREAD)
				continue;
			for (int e = 0; e < 2; e++) {
				struct cell *row = table_add_row(t);
				k = 0;
				if (cl->by_region)
					cell_text(t, &row[k++],
						  name_display(
							  &ds->regions,
							  (uint32_t)c->region));
				cell_text(t, &row[k++],
					  name_display(&ds->occupations,
						       c->occupation));
				cell_text(t, &row[k++], ds->periods[p].label);
				cell_int(&row[k++], spread);
				cell_ratio(&row[k++],
					   stats_agreement(&c->stats[p],
							   ds->scale));
				cell_text(t, &row[k++],
					  ds->scale->levels[ends[e] - 1].label);
				orgs_at(ds, c->rows, c->nrows, p, ends[e], 0,
					&sb);
				cell_text(t, &row[k++], sb.buf);
			}
		}
	}
	strbuf_release(&sb);
}

/*
 * "övertalighet" (risk 0: the surplus level) or "sårbart eller brist"
 * (risk 1: the risk levels), by the scale, appended to sb.
 */
static void moves_levels(const struct scale *sc, int risk, struct strbuf *sb)
{
	struct strbuf key = STRBUF_INIT;
	int n = 0;

	for (size_t l = 0; l < sc->nlevels; l++) {
		const char *label = sc->levels[l].label;
		if (risk ? !sc->levels[l].risk : l != 0)
			continue;
		strbuf_reset(&key);
		if (names_key(label, strlen(label), &key))
			strbuf_addstr(&key, label);
		strbuf_addf(sb, "%s%s", n++ ? " eller " : "", key.buf);
	}
	strbuf_release(&key);
}

/*
 * "övertalighet hos", "sårbart eller brist hos"; with letters, for a
 * narrow table: "Ö hos", "S/B hos".
 */
static const char *moves_heading(struct table *t, const struct scale *sc,
				 int risk, int letters)
{
	struct strbuf sb = STRBUF_INIT;
	const char *head;

	if (letters) {
		for (size_t l = 0; l < sc->nlevels; l++)
			if (risk ? sc->levels[l].risk : l == 0)
				strbuf_addf(&sb, "%s%s", sb.len ? "/" : "",
					    sc->levels[l].letter);
	} else {
		moves_levels(sc, risk, &sb);
	}
	strbuf_addstr(&sb, " hos");
	head = arena_strdup(&t->arena, sb.buf);
	strbuf_release(&sb);
	return head;
}

/*
 * Omställning (crit_moves_build): the organisations with a surplus of an
 * occupation and those short of it, in one region and period.
 */
static void build_moves(struct table *t, const struct crit_list *cl,
			const struct crit_moves *m)
{
	const struct dataset *ds = cl->a->ds;
	struct strbuf sb = STRBUF_INIT;

	table_init(t, 5);
	name_col(t, 0, "region", "region");
	name_col(t, 1, "yrke", "occupation");
	table_set_col(t, 2, "period", "period");
	for (int risk = 0; risk < 2; risk++) {
		table_set_col(t, 3 + (size_t)risk,
			      moves_heading(t, ds->scale, risk, 0),
			      risk ? "shortage" : "surplus");
		t->cols[3 + risk].short_head =
			moves_heading(t, ds->scale, risk, 1);
		t->cols[3 + risk].fit = COL_FIT_WRAP;
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct crit_move *mv = &m->v[i];
		const uint32_t *rows = &mv->c->rows[mv->first];
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], name_display(&ds->regions, mv->region));
		cell_text(t, &row[1],
			  name_display(&ds->occupations, mv->c->occupation));
		cell_text(t, &row[2], ds->periods[mv->period].label);
		orgs_at(ds, rows, mv->n, mv->period,
			crit_surplus_level(ds->scale), 0, &sb);
		cell_text(t, &row[3], sb.buf);
		orgs_at(ds, rows, mv->n, mv->period, 0, 1, &sb);
		cell_text(t, &row[4], sb.buf);
	}
	strbuf_release(&sb);
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
	for (size_t k = 0; k < k0 + 2; k++) {
		t->cols[k].group = 1;
		t->cols[k].fit = COL_FIT_NAME;
	}
	/* narrow: the occupation above its comments */
	t->group_lines = k0 + 1;
	t->cols[k0 + 3].fit = COL_FIT_BLOCK;
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
	const struct scale *sc = cl->a->ds->scale;
	struct strbuf sb = STRBUF_INIT;
	uint32_t ncrit = 0;

	for (uint32_t i = 0; i < cl->n; i++)
		ncrit += (uint32_t)cl->v[i].critical;
	strbuf_addstr(&sb, "Kritiska yrken");
	if (cl->by_region)
		strbuf_addstr(&sb, " (yrke i region)");
	/* named when the occupations share it */
	if (cl->n && same_last(cl) && cl->v[0].last >= 0)
		strbuf_addf(&sb, " · sista period %s",
			    cl->a->ds->periods[cl->v[0].last].label);
	if (cl->weighted)
		strbuf_addf(&sb,
			    " · %u av %u kritiska: %s hos minst %d %% av de "
			    "anställda i de bedömande organisationerna i en "
			    "senare period · andelarna viktade med antal "
			    "anställda (%s)",
			    ncrit, cl->n, sc->levels[sc->nlevels - 1].label,
			    (int)lround(co->threshold * 100),
			    cl->context->path);
	else
		strbuf_addf(&sb,
			    " · %u av %u kritiska: %s hos minst %d %% av de "
			    "bedömande organisationerna i en senare period",
			    ncrit, cl->n, sc->levels[sc->nlevels - 1].label,
			    (int)lround(co->threshold * 100));
	if (cl->context && !cl->weighted)
		strbuf_addf(&sb, " · volymer från %s", cl->context->path);
	return strbuf_detach(&sb, NULL);
}

void critical_view_tables(struct critical_tables *ct,
			  const struct crit_list *cl)
{
	const struct shown critical = { 0, 0, 1, 0, 0 }, all = { 0 };
	struct crit_moves moves;

	build_ranking(&ct->ranking, cl, &critical, 0);
	build_comments_table(&ct->comments, cl, &critical);
	build_disagreement(&ct->disagreement, cl, &all);
	crit_moves_build(&moves, cl);
	build_moves(&ct->moves, cl, &moves);
	crit_moves_release(&moves);
}

void critical_tables_release(struct critical_tables *ct)
{
	table_release(&ct->ranking);
	table_release(&ct->comments);
	table_release(&ct->disagreement);
	table_release(&ct->moves);
}

/* A table with a title, after a blank line unless it is the first. */
static void put_table(FILE *fp, struct table *t, const char *title,
		      const struct render_opts *ro, int *first)
{
	t->title = title;
	if (!*first)
		fputc('\n', fp);
	*first = 0;
	render_table(fp, t, ro);
	table_release(t);
}

void critical_view_write(FILE *fp, const struct crit_list *cl,
			 const struct critical_view_opts *vo,
			 const struct render_opts *ro)
{
	const struct shown co = { vo->threshold, vo->top, 0, vo->long_form,
				  vo->min_raters };
	struct table t;
	struct strbuf sb = STRBUF_INIT;
	char *title;
	int first = 1;

	if (ro->format == FORMAT_JSON) {
		critical_view_json(fp, cl, &co);
		return;
	}
	if (ro->format == FORMAT_CSV) {
		build_csv(&t, cl, &co);
		render_table(fp, &t, ro);
		table_release(&t);
		return;
	}
	struct crit_table ct = { &t, cl, 0, single_current(cl->a) };
	title = title_line(cl, &co);
	build_ranking(&t, cl, &co, 0);
	put_table(fp, &t, title, ro, &first);
	free(title);
	if (cl->nset_apart) {
		strbuf_addf(&sb,
			    "Bedömda av färre än %u organisationer: inte "
			    "rangordnade (--min-raters)",
			    co.min_raters);
		build_ranking(&t, cl, &co, 1);
		if (t.nrows)
			put_table(fp, &t, sb.buf, ro, &first);
		else
			table_release(&t);
	}
	if (co.long_form) {
		build_periods(&ct, &co);
		put_table(fp, &t,
			  cl->weighted ? "Anställda per bedömning och period "
					 "(viktat med antal anställda)"
				       : "Bedömningar per period",
			  ro, &first);
		build_changes(&ct, &co);
		put_table(fp, &t, "Förändring från nuläge", ro, &first);
	}
	build_disagreement(&t, cl, &co);
	if (t.nrows)
		put_table(fp, &t,
			  "Oenighet: bedömningar två steg isär eller mer, och "
			  "vilka organisationer som står längst isär",
			  ro, &first);
	else
		table_release(&t);
	struct crit_moves moves;
	crit_moves_build(&moves, cl);
	if (moves.n) {
		const struct scale *sc = cl->a->ds->scale;
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "Omställningsmöjligheter: samma yrke med ");
		moves_levels(sc, 0, &sb);
		strbuf_addstr(&sb, " i en organisation och ");
		moves_levels(sc, 1, &sb);
		strbuf_addstr(&sb, " i en annan i samma region och period");
		build_moves(&t, cl, &moves);
		put_table(fp, &t, sb.buf, ro, &first);
	}
	crit_moves_release(&moves);
	build_comments_table(&t, cl, &co);
	if (t.nrows)
		put_table(fp, &t, "Kommentarer till de kritiska yrkena", ro,
			  &first);
	else
		table_release(&t);
	strbuf_release(&sb);
}
