/*
 * summary_view.c - kmap summary's tables and JSON (summary_view.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/jsonout.h"
#include "kmap/summary_view.h"
#include "kmap/xalloc.h"

/* ---- table --------------------------------------------------------- */

static void stats_cells(struct table *t, struct cell *c, const struct stats *s,
			const struct scale *sc, int csv)
{
	size_t k = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		cell_int(&c[k++], s->level[l]);
	cell_int(&c[k++], s->missing);
	cell_int(&c[k++], s->not_applicable);
	if (csv) {
		cell_int(&c[k++], stats_rated(s, sc));
		for (size_t l = 0; l < sc->nlevels; l++)
			cell_ratio(&c[k++], stats_share(s, sc, (int)l + 1));
	}
	cell_ratio(&c[k++], stats_risk(s, sc));
	cell_decimal(&c[k++], stats_index(s, sc));
	(void)t;
}

/*
 * In a table the current period is marked "(nu)" only when all files
 * agree on it; otherwise the title line names the current periods.
 */
static int single_current(const struct agg *a)
{
	int n = 0;

	for (uint32_t i = 0; i < a->nperiods; i++)
		n += agg_current(a, a->periods[i]);
	return n == 1;
}

static void period_cell(struct table *t, struct cell *c,
			const struct period_info *p, int current, int csv,
			int mark)
{
	char buf[64];

	if (csv) {
		cell_text(t, c, p->label);
		cell_text(t, c + 1, current ? "true" : "false");
		return;
	}
	snprintf(buf, sizeof(buf), "%s%s", p->label,
		 current && mark ? " (nu)" : "");
	cell_text(t, c, buf);
}

static char *title_line(const struct agg *a, int trend)
{
	const struct dataset *ds = a->ds;
	struct strbuf sb = STRBUF_INIT;
	int first = 1;

	if (a->nregions == 1)
		strbuf_addstr(&sb, name_display(&ds->regions, a->regions[0]));
	else
		strbuf_addf(&sb, "%u regioner", a->nregions);
	strbuf_addf(&sb, " · %u organisation%s · %u yrke%s", a->nunits,
		    a->nunits == 1 ? "" : "er", a->noccupations,
		    a->noccupations == 1 ? "" : "n");
	for (uint32_t i = 0; i < a->nperiods; i++) {
		const struct period_info *p = &ds->periods[a->periods[i]];
		if (!agg_current(a, a->periods[i]))
			continue;
		strbuf_addf(&sb, "%s%s", first ? " · nuläge " : ", ", p->label);
		first = 0;
	}
	if (trend)
		strbuf_addstr(&sb, " · förändring från nuläge");
	return strbuf_detach(&sb, NULL);
}

/* ---- groups -------------------------------------------------------- */

/* One group of --by: its names, counts and changes by period id. */
struct group {
	const char *names[2];
	size_t nnames;
	const struct stats *stats;
	const struct change *change; /* NULL without AGG_CHANGES */
};

typedef void group_fn(const struct group *g, void *ctx);

static const struct change *change_at(const struct change *base, size_t off)
{
	return base ? base + off : NULL;
}

/* Calls fn for each group of `by`, in output order. */
static void for_each_group(const struct agg *a, enum group_by by, group_fn *fn,
			   void *ctx)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	struct group g = { { NULL, NULL }, 0, a->total, a->ch_total };

	switch (by) {
	case BY_TOTAL:
		fn(&g, ctx);
		break;
	case BY_REGION:
		g.nnames = 1;
		for (uint32_t i = 0; i < a->nregions; i++) {
			uint32_t id = a->regions[i];
			g.names[0] = name_display(&ds->regions, id);
			g.stats = agg_region(a, id, 0);
			g.change = change_at(a->ch_region, id * np);
			fn(&g, ctx);
		}
		break;
	case BY_ORGANISATION:
		g.nnames = 2;
		for (uint32_t i = 0; i < a->nunits; i++) {
			uint32_t id = a->units[i];
			const struct unit *u = &ds->units[id];
			g.names[0] = name_display(&ds->regions, u->region);
			g.names[1] = name_display(&ds->organisations, u->org);
			g.stats = agg_unit(a, id, 0);
			g.change = change_at(a->ch_unit, id * np);
			fn(&g, ctx);
		}
		break;
	case BY_ROUND: /* summary_view_write_rounds() */
		break;
	case BY_OCCUPATION:
		g.nnames = 1;
		for (uint32_t i = 0; i < a->noccupations; i++) {
			uint32_t id = a->occupations[i];
			g.names[0] = name_display(&ds->occupations, id);
			g.stats = agg_occupation(a, id, 0);
			g.change = change_at(a->ch_occupation, id * np);
			fn(&g, ctx);
		}
		break;
	case BY_ATTRIBUTE:
		g.nnames = 1;
		for (uint32_t i = 0; i < a->attr->nvalues; i++) {
			g.names[0] = a->attr->values[i];
			g.stats = a->attr->stats + i * np;
			g.change = change_at(a->attr->change, i * np);
			fn(&g, ctx);
		}
		break;
	}
}

/* The group's columns; by an attribute, the one is named after it. */
static size_t group_columns(struct table *t, const struct agg *a,
			    enum group_by by)
{
	static const char *const heads[] = { "region", "organisation", "yrke" };
	static const char *const keys[] = { "region", "organisation",
					    "occupation" };
	size_t first = by == BY_OCCUPATION ? 2 : 0;
	size_t n = by == BY_TOTAL ? 0 : by == BY_ORGANISATION ? 2 : 1;

	if (by == BY_ATTRIBUTE) {
		table_set_col(t, 0, a->attr->attribute, a->attr->attribute);
		t->cols[0].group = 1;
		return 1;
	}
	for (size_t k = 0; k < n; k++) {
		table_set_col(t, k, heads[first + k], keys[first + k]);
		t->cols[k].group = 1;
		t->cols[k].fit = COL_FIT_NAME;
		if (first + k == 1)
			t->cols[k].short_head = "org.";
	}
	return n;
}

static size_t group_count(enum group_by by)
{
	return by == BY_TOTAL ? 0 : by == BY_ORGANISATION ? 2 : 1;
}

/* ---- counts table -------------------------------------------------- */

static void setup_columns(struct table *t, const struct agg *a,
			  enum group_by by, int csv)
{
	const struct scale *sc = a->ds->scale;
	size_t k = group_columns(t, a, by);

	table_set_col(t, k++, "period", "period");
	if (csv)
		table_set_col(t, k++, "nuläge", "current");
	for (size_t l = 0; l < sc->nlevels; l++) {
		table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
		t->cols[k].short_head = sc->levels[l].letter;
		t->cols[k++].color = sc->levels[l].color;
	}
	table_set_col(t, k++, "saknas", "missing");
	table_set_col(t, k++, "ej aktuellt", "not_applicable");
	t->cols[k - 1].short_head = "e/a"; /* narrow: in the legend */
	if (csv) {
		table_set_col(t, k++, "bedömda", "rated");
		for (size_t l = 0; l < sc->nlevels; l++) {
			char key[64], head[96];
			snprintf(key, sizeof(key), "share_%s",
				 sc->levels[l].key);
			snprintf(head, sizeof(head), "andel %s",
				 sc->levels[l].label);
			table_set_col(t, k++, arena_strdup(&t->arena, head),
				      arena_strdup(&t->arena, key));
		}
	}
	table_set_col(t, k++, "risk", "risk_share");
	table_set_col(t, k++, "index", "index");
}

struct table_ctx {
	struct table *t;
	const struct agg *a;
	int csv, mark;
};

static void add_rows(const struct group *g, void *ctx)
{
	struct table_ctx *tc = ctx;
	const struct agg *a = tc->a;

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct stats *s = &g->stats[p];
		/* a group without records in a period gets no line */
		if (!stats_records(s, a->ds->scale))
			continue;
		struct cell *row = table_add_row(tc->t);
		size_t k = 0;
		for (size_t n = 0; n < g->nnames; n++)
			cell_text(tc->t, &row[k++], g->names[n]);
		period_cell(tc->t, &row[k], &a->ds->periods[p],
			    agg_current(a, p), tc->csv, tc->mark);
		k += tc->csv ? 2 : 1;
		stats_cells(tc->t, &row[k], s, a->ds->scale, tc->csv);
	}
}

static void build_table(struct table *t, const struct agg *a, enum group_by by,
			int csv)
{
	const struct scale *sc = a->ds->scale;
	size_t ncols = group_count(by) + (csv ? 2 : 1) + sc->nlevels + 2 +
		       (csv ? 1 + sc->nlevels : 0) + 2;
	struct table_ctx tc = { t, a, csv, single_current(a) };

	table_init(t, ncols);
	setup_columns(t, a, by, csv);
	for_each_group(a, by, add_rows, &tc);
}

void summary_view_table(struct table *t, const struct agg *a, enum group_by by)
{
	build_table(t, a, by, 0);
}

/* ---- trend table --------------------------------------------------- */

/*
 * One line per group and later period: how many rows (an occupation at
 * an organisation) were compared with their current rating, and how many
 * got worse, stayed or got better. CSV adds the transition counts as
 * from_<level>_to_<level> columns.
 */
static void add_trend_rows(const struct group *g, void *ctx)
{
	struct table_ctx *tc = ctx;
	const struct agg *a = tc->a;
	size_t nl = a->ds->scale->nlevels;

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct change *c = &g->change[p];
		if (!agg_future(a, p) || !change_compared(c))
			continue;
		struct cell *row = table_add_row(tc->t);
		size_t k = 0;
		for (size_t n = 0; n < g->nnames; n++)
			cell_text(tc->t, &row[k++], g->names[n]);
		cell_text(tc->t, &row[k++], a->ds->periods[p].label);
		cell_int(&row[k++], change_compared(c));
		cell_int(&row[k++], c->worse);
		cell_int(&row[k++], c->same);
		cell_int(&row[k++], c->better);
		for (size_t f = 0; tc->csv && f < nl; f++)
			for (size_t to = 0; to < nl; to++)
				cell_int(&row[k++], c->from_to[f][to]);
	}
}

static void build_trend_table(struct table *t, const struct agg *a,
			      enum group_by by, int csv)
{
	const struct scale *sc = a->ds->scale;
	size_t nl = sc->nlevels;
	size_t ncols = group_count(by) + 5 + (csv ? nl * nl : 0);
	size_t k;

	table_init(t, ncols);
	k = group_columns(t, a, by);
	table_set_col(t, k++, "period", "period");
	table_set_col(t, k++, "jämförda", "compared");
	table_set_col(t, k++, "sämre", "worse");
	table_set_col(t, k++, "samma", "same");
	table_set_col(t, k++, "bättre", "better");
	for (size_t f = 0; csv && f < nl; f++) {
		for (size_t to = 0; to < nl; to++) {
			char head[64];
			snprintf(head, sizeof(head), "from_%s_to_%s",
				 sc->levels[f].key, sc->levels[to].key);
			const char *h = arena_strdup(&t->arena, head);
			table_set_col(t, k++, h, h);
		}
	}
	struct table_ctx tc = { t, a, csv, 0 };
	for_each_group(a, by, add_trend_rows, &tc);
}

/*
 * For the total in a terminal or markdown: the transition matrix to each
 * later period, rows the rating now, columns the rating then.
 */
static void render_transitions(FILE *fp, const struct agg *a,
			       const struct render_opts *ro)
{
	const struct scale *sc = a->ds->scale;
	size_t nl = sc->nlevels;

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct change *c = &a->ch_total[p];
		struct table t;
		char title[96];
		if (!agg_future(a, p) || !change_compared(c))
			continue;
		table_init(&t, nl + 1);
		snprintf(title, sizeof(title), "nuläge → %s",
			 a->ds->periods[p].label);
		t.title = title;
		table_set_col(&t, 0, "nu \\ då", "from");
		for (size_t to = 0; to < nl; to++) {
			table_set_col(&t, to + 1, sc->levels[to].label,
				      sc->levels[to].key);
			t.cols[to + 1].short_head = sc->levels[to].letter;
			t.cols[to + 1].color = sc->levels[to].color;
		}
		for (size_t f = 0; f < nl; f++) {
			struct cell *row = table_add_row(&t);
			cell_text(&t, &row[0], sc->levels[f].label);
			for (size_t to = 0; to < nl; to++)
				cell_int(&row[to + 1], c->from_to[f][to]);
		}
		fputc('\n', fp);
		render_table(fp, &t, ro);
		table_release(&t);
	}
}

/* ---- JSON (SPEC §7) ------------------------------------------------ */

/* "periods" and, with --trend, "trend" of a group into o. */
static void add_periods(cJSON *o, const struct agg *a, const struct stats *s,
			const struct change *c)
{
	cJSON_AddItemToObject(o, "periods", json_periods_stats(a, s));
	if (c)
		cJSON_AddItemToObject(o, "trend", json_periods_change(a, c));
}

/*
 * Written member by member (json_stream): at the scale of a national
 * enhet-level round the whole tree would take more memory than the data.
 * With AGG_CHANGES each group also gets "trend".
 */
/* ---- rounds side by side (--by round) ------------------------------ */

static char *rounds_title(const struct summary_round *rounds, size_t n,
			  const struct agg *a, int trend)
{
	struct strbuf sb = STRBUF_INIT;

	if (a->nregions == 1)
		strbuf_addstr(&sb,
			      name_display(&a->ds->regions, a->regions[0]));
	else
		strbuf_addf(&sb, "%u regioner", a->nregions);
	strbuf_addf(&sb, " · %zu omgång%s:", n, n == 1 ? "" : "ar");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : " ", rounds[i].label);
	if (trend)
		strbuf_addstr(&sb, " · förändring från nuläge");
	return strbuf_detach(&sb, NULL);
}

/*
 * One line per round and period it rates (the counts), or per round and
 * later period (with trend: the changes from its nuläge); the round is
 * the group column, so the series of a plan reads down the table.
 */
static void build_rounds_table(struct table *t,
			       const struct summary_round *rounds, size_t n,
			       int trend, int csv)
{
	const struct scale *sc = rounds[0].a->ds->scale;
	size_t nl = sc->nlevels;
	size_t ncols = trend ? 5 + (csv ? nl * nl : 0)
			     : (csv ? 2 : 1) + nl + 1 + (csv ? 1 + nl : 0) + 2;
	struct table sub;

	table_init(t, ncols + 1);
	table_set_col(t, 0, "omgång", "round");
	t->cols[0].group = 1;
	/* the columns after the round are those of the plain tables */
	if (trend)
		build_trend_table(&sub, rounds[0].a, BY_TOTAL, csv);
	else
		build_table(&sub, rounds[0].a, BY_TOTAL, csv);
	for (size_t k = 0; k < ncols && k < sub.ncols; k++) {
		table_set_col(t, k + 1,
			      arena_strdup(&t->arena, sub.cols[k].head),
			      arena_strdup(&t->arena, sub.cols[k].csv_head));
		t->cols[k + 1].color = sub.cols[k].color;
		t->cols[k + 1].right = sub.cols[k].right;
	}
	table_release(&sub);
	for (size_t i = 0; i < n; i++) {
		const struct agg *a = rounds[i].a;
		struct table one;
		if (trend)
			build_trend_table(&one, a, BY_TOTAL, csv);
		else
			build_table(&one, a, BY_TOTAL, csv);
		for (size_t r = 0; r < one.nrows; r++) {
			struct cell *row = table_add_row(t);
			cell_text(t, &row[0], rounds[i].label);
			for (size_t k = 0; k < ncols && k < one.ncols; k++) {
				const struct cell *c =
					&one.cells[r * one.ncols + k];
				row[k + 1] = *c;
				if (c->type == CELL_TEXT)
					cell_text(t, &row[k + 1], c->text);
			}
		}
		table_release(&one);
	}
}

/* "rounds": each round's total per period (and with --trend its trend). */
static cJSON *json_rounds(const struct summary_round *rounds, size_t n)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++) {
		const struct agg *a = rounds[i].a;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "round", rounds[i].label);
		add_periods(o, a, a->total, a->ch_total);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

/* What the items of "regions" and "occupations" are made from. */
struct json_groups {
	const struct agg *a;
	uint32_t *unit_start; /* region i's units: a->units[start[i]..] */
};

static cJSON *json_region(void *ctx, size_t i)
{
	const struct json_groups *g = ctx;
	const struct agg *a = g->a;
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	uint32_t r = a->regions[i];
	cJSON *o = cJSON_CreateObject(), *orgs;

	json_add_name(o, "region", &ds->regions, r, "code");
	add_periods(o, a, agg_region(a, r, 0), change_at(a->ch_region, r * np));
	orgs = cJSON_AddArrayToObject(o, "organisations");
	for (uint32_t u = g->unit_start[i]; u < g->unit_start[i + 1]; u++) {
		uint32_t id = a->units[u];
		cJSON *uo = cJSON_CreateObject();
		json_add_name(uo, "organisation", &ds->organisations,
			      ds->units[id].org, "code");
		add_periods(uo, a, agg_unit(a, id, 0),
			    change_at(a->ch_unit, id * np));
		cJSON_AddItemToArray(orgs, uo);
	}
	return o;
}

static cJSON *json_occupation(void *ctx, size_t i)
{
	const struct json_groups *g = ctx;
	const struct agg *a = g->a;
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	uint32_t id = a->occupations[i];
	cJSON *o = cJSON_CreateObject();

	json_add_name(o, "occupation", &ds->occupations, id, "code");
	add_periods(o, a, agg_occupation(a, id, 0),
		    change_at(a->ch_occupation, id * np));
	return o;
}

static void write_json(FILE *fp, const struct agg *a,
		       const struct summary_round *rounds, size_t n)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods;
	struct json_stream js;
	struct json_groups g = { a, xcalloc(a->nregions + 1,
					    sizeof(*g.unit_start)) };
	uint32_t u = 0;

	/* units are sorted by region first, in the same order */
	for (uint32_t i = 0; i < a->nregions; i++) {
		g.unit_start[i] = u;
		while (u < a->nunits &&
		       ds->units[a->units[u]].region == a->regions[i])
			u++;
	}
	g.unit_start[a->nregions] = u;
	json_stream_begin(&js, fp);
	json_stream_members(&js, json_document("kmap.summary/1", a));
	json_stream_member(&js, "total", json_periods_stats(a, a->total));
	if (a->ch_total)
		json_stream_member(&js, "trend",
				   json_periods_change(a, a->ch_total));
	json_stream_array_begin(&js, "regions");
	json_stream_array_items(&js, a->nregions, json_region, &g);
	json_stream_array_end(&js);
	json_stream_array_begin(&js, "occupations");
	json_stream_array_items(&js, a->noccupations, json_occupation, &g);
	json_stream_array_end(&js);
	free(g.unit_start);
	if (rounds)
		json_stream_member(&js, "rounds", json_rounds(rounds, n));
	if (a->attr) {
		/* --by ATTRIBUTE: which attribute of which names, and its
		 * groups */
		json_stream_member(&js, "by", json_by_attribute(a->attr));
		json_stream_array_begin(&js, "groups");
		for (uint32_t i = 0; i < a->attr->nvalues; i++) {
			cJSON *o = cJSON_CreateObject();
			const char *v = a->attr->values[i];
			if (strcmp(v, AGG_ATTR_NONE))
				cJSON_AddStringToObject(o, "value", v);
			else
				cJSON_AddNullToObject(o, "value");
			add_periods(o, a, a->attr->stats + i * np,
				    change_at(a->attr->change, i * np));
			json_stream_array_item(&js, o);
		}
		json_stream_array_end(&js);
	}
	json_stream_end(&js);
}

void summary_view_json(FILE *fp, const struct agg *a)
{
	write_json(fp, a, NULL, 0);
}

void summary_view_write(FILE *fp, const struct agg *a, enum group_by by,
			int trend, const struct render_opts *ro)
{
	summary_view_write_rounds(fp, a, NULL, 0, by, trend, ro);
}

void summary_view_write_rounds(FILE *fp, const struct agg *a,
			       const struct summary_round *rounds, size_t n,
			       enum group_by by, int trend,
			       const struct render_opts *ro)
{
	int csv = ro->format == FORMAT_CSV;
	struct table t;
	char *title;

	if (ro->format == FORMAT_JSON) {
		write_json(fp, a, rounds, n);
		return;
	}
	if (by == BY_ROUND && n) {
		build_rounds_table(&t, rounds, n, trend, csv);
		title = rounds_title(rounds, n, a, trend);
		if (!csv)
			t.title = title;
		render_table(fp, &t, ro);
		table_release(&t);
		free(title);
		return;
	}
	if (trend)
		build_trend_table(&t, a, by, csv);
	else
		build_table(&t, a, by, csv);
	title = title_line(a, trend);
	if (!csv)
		t.title = title;
	render_table(fp, &t, ro);
	if (trend && by == BY_TOTAL && !csv)
		render_transitions(fp, a, ro);
	table_release(&t);
	free(title);
}
