/*
 * report.c - the report's tables and texts (report.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/compare_view.h"
#include "kmap/critical_view.h"
#include "kmap/report.h"
#include "kmap/rounds.h"
#include "kmap/summary_view.h"
#include "kmap/xalloc.h"

static const char *const texts[RT_COUNT][2] = {
	[RT_TITLE] = { "Kompetenskartläggning", "Competence mapping" },
	[RT_INPUTS] = { "Underlag", "Inputs" },
	[RT_OVERVIEW] = { "Översikt", "Overview" },
	[RT_TOTAL] = { "Sammanfattning", "Summary" },
	[RT_BY_REGION] = { "Per region", "By region" },
	[RT_BY_ORGANISATION] = { "Per organisation", "By organisation" },
	[RT_BY_ATTRIBUTE] = { "Per", "By" },
	[RT_HEATMAP] = { "Heatmap: yrke och period",
			 "Heatmap: occupation and period" },
	[RT_BARS] = { "Fördelning per period", "Distribution per period" },
	[RT_CRITICAL] = { "Kritiska yrken", "Critical occupations" },
	[RT_COMMENTS] = { "Kommentarer till de kritiska yrkena",
			  "Comments on the critical occupations" },
	[RT_DISAGREEMENT] = { "Oenighet mellan organisationerna",
			      "Disagreement between the organisations" },
	[RT_QUALITY] = { "Datakvalitet", "Data quality" },
	[RT_COMPARE] = { "Jämförelse med Arbetsförmedlingens Yrkesbarometer",
			 "Beside Arbetsförmedlingen's Yrkesbarometer" },
	[RT_NO_CRITICAL] = { "Inget yrke når tröskeln.",
			     "No occupation reaches the threshold." },
	[RT_NO_COMMENTS] = { "Inga kommentarer.", "No comments." },
	[RT_NO_DISAGREEMENT] = { "Inget yrke har bedömningar som skiljer två "
				 "steg eller mer.",
				 "No occupation has ratings two or more steps "
				 "apart." },
	[RT_MOBILITY] = { "Omställningsmöjligheter",
			  "Redeployment within the region" },
	[RT_MOBILITY_INTRO] = { "Samma yrke med övertalighet i en organisation "
				"och sårbart eller brist i en annan i samma "
				"region och period: där kan omställning "
				"inom regionen hjälpa.",
				"The same occupation with a surplus in one "
				"organisation and vulnerable or in shortage "
				"in another of the same region and period, "
				"where moving staff within the region could "
				"help." },
	[RT_NO_MOBILITY] = { "Inget yrke har övertalighet i en organisation "
			     "och sårbart eller brist i en annan i samma "
			     "region och period.",
			     "No occupation has a surplus in one organisation "
			     "and a shortage in another of the same region and "
			     "period." },
	[RT_DISAGREEMENT_INTRO] = { "Bedömningar som skiljer två steg eller "
				    "mer, med organisationerna längst isär: "
				    "den lägsta bedömningen och den högsta.",
				    "Ratings two or more steps apart, with the "
				    "organisations furthest apart: the lowest "
				    "rating and the highest." },
	[RT_NO_NOTES] = { "Inga varningar vid inläsningen.",
			  "No warnings while reading." },
	[RT_RECORDS] = { "Poster", "Records" },
	[RT_GENERATED] = { "Skapad av kmap", "Made by kmap" },
};

const char *report_text(const struct report *r, enum report_text id)
{
	return texts[id][r->english ? 1 : 0];
}

void report_heading(const struct report *r, enum report_text id,
		    struct strbuf *out)
{
	const struct agg_attr *g = r->cl->attr;

	strbuf_reset(out);
	strbuf_addstr(out, report_text(r, id));
	if (g && id == RT_BY_ATTRIBUTE)
		strbuf_addf(out, " %s", g->attribute);
	else if (g && id == RT_CRITICAL)
		strbuf_addf(out, " %s %s", r->english ? "by" : "per",
			    g->attribute);
}

/* "A", "A och B", "A, B och C": names joined as a sentence would. */
static void join_names(struct strbuf *out, const char *const *names, size_t n,
		       int english)
{
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s",
			    !i		? ""
			    : i + 1 < n ? ", "
			    : english	? " and "
					: " och ",
			    names[i]);
}

enum { TITLE_REGIONS = 3 };

void report_title(const struct report *r, struct strbuf *out)
{
	const struct agg *a = r->a;
	const struct dataset *ds = a->ds;
	const char **rounds = xcalloc(ds->ninputs + 1, sizeof(*rounds));
	const char *names[TITLE_REGIONS];
	uint32_t *order = dataset_inputs_by_name(ds);
	size_t nrounds = 0;

	strbuf_reset(out);
	if (r->title) {
		strbuf_addstr(out, r->title);
		free(rounds);
		free(order);
		return;
	}
	strbuf_addstr(out, report_text(r, RT_TITLE));
	if (a->nregions && a->nregions <= TITLE_REGIONS) {
		for (uint32_t i = 0; i < a->nregions; i++)
			names[i] = name_display(&ds->regions, a->regions[i]);
		strbuf_addch(out, ' ');
		join_names(out, names, a->nregions, r->english);
	} else if (a->nregions) {
		strbuf_addf(out, " %u %s", a->nregions,
			    r->english ? "regions" : "regioner");
	}
	/* the distinct rounds a manifest names, in the order of the inputs
	 * by file name; an input's own round (its Nuläge label) is shown as
	 * its year below */
	for (uint32_t i = 0; i < ds->ninputs; i++) {
		const struct input_info *in = &ds->inputs[order[i]];
		const char *round = in->round_given ? in->round : NULL;
		int seen = 0;
		for (size_t k = 0; k < nrounds && round && !seen; k++)
			seen = !strcmp(rounds[k], round);
		if (round && *round && !seen)
			rounds[nrounds++] = round;
	}
	if (nrounds) {
		strbuf_addf(out, ", %s ",
			    r->english
				    ? (nrounds == 1 ? "round" : "rounds")
				    : (nrounds == 1 ? "omgång" : "omgångarna"));
		join_names(out, rounds, nrounds, r->english);
	} else {
		/* the years of the inputs' current periods, in order */
		int *years = xcalloc(ds->ninputs + 1, sizeof(*years));
		size_t ny = 0;
		for (uint32_t i = 0; i < ds->ninputs; i++) {
			int32_t cur = ds->inputs[i].current;
			int y = cur >= 0 ? ds->periods[cur].first : 0;
			size_t k = 0;
			while (k < ny && years[k] < y)
				k++;
			if (cur < 0 || (k < ny && years[k] == y))
				continue;
			memmove(years + k + 1, years + k,
				(ny - k) * sizeof(*years));
			years[k] = y;
			ny++;
		}
		for (size_t k = 0; k < ny; k++)
			strbuf_addf(out, "%s%d",
				    !k		 ? " "
				    : k + 1 < ny ? ", "
				    : r->english ? " and "
						 : " och ",
				    years[k]);
		free(years);
	}
	free(rounds);
	free(order);
}

static void build_inputs(struct report *r)
{
	const struct dataset *ds = r->a->ds;
	struct table *t = &r->inputs;
	uint32_t *order = dataset_inputs_by_name(ds);
	char delim[8];

	table_init(t, 7);
	table_set_col(t, 0, "fil", "file");
	table_set_col(t, 1, "form", "layout");
	table_set_col(t, 2, "teckenkodning", "encoding");
	table_set_col(t, 3, "avgränsare", "delimiter");
	table_set_col(t, 4, "rader", "rows");
	table_set_col(t, 5, "poster", "records");
	table_set_col(t, 6, "nuläge", "current_period");
	for (uint32_t i = 0; i < ds->ninputs; i++) {
		const struct input_info *in = &ds->inputs[order[i]];
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0], in->name);
		cell_text(t, &row[1], in->layout ? in->layout : "");
		cell_text(t, &row[2], in->encoding ? in->encoding : "");
		if (in->delimiter == '\t')
			snprintf(delim, sizeof(delim), "TAB");
		else
			snprintf(delim, sizeof(delim), "%c",
				 in->delimiter ? in->delimiter : ' ');
		cell_text(t, &row[3], delim);
		cell_int(&row[4], (long long)in->rows);
		cell_int(&row[5], (long long)in->records);
		if (in->current >= 0)
			cell_text(t, &row[6], ds->periods[in->current].label);
	}
	free(order);
}

static void build_quality(struct report *r)
{
	struct table *t = &r->quality;

	table_init(t, 4);
	table_set_col(t, 0, "typ", "severity");
	table_set_col(t, 1, "plats", "location");
	table_set_col(t, 2, "meddelande", "message");
	table_set_col(t, 3, "tips", "hint");
	for (size_t i = 0; i < r->notes->n; i++) {
		const struct diag_item *n = &r->notes->v[i];
		struct cell *row = table_add_row(t);
		char where[1024];
		diag_format_loc(where, sizeof(where), &n->loc);
		cell_text(t, &row[0],
			  n->severity == DIAG_ERROR
				  ? (r->english ? "error" : "fel")
				  : (r->english ? "warning" : "varning"));
		cell_text(t, &row[1], where);
		cell_text(t, &row[2], n->text);
		if (n->hint)
			cell_text(t, &row[3], n->hint);
	}
}

/* ---- the change since the previous round ------------------------- */

static const char *const change_texts[RC_COUNT][2] = {
	[RC_TITLE] = { "Förändring sedan förra omgången",
		       "Change since the previous round" },
	[RC_CRITICAL] = { "Kritiska yrken in och ut",
			  "Critical occupations in and out" },
	[RC_RANKS] = { "Ändrad rangordning", "Rank changes" },
	[RC_FORECAST_BY] = { "Prognoskontroll per yrke",
			     "Forecast check per occupation" },
	[RC_COMMENTS] = { "Ändrade kommentarer till de kritiska yrkena",
			  "Changed comments on the critical occupations" },
	[RC_NO_RANKS] = { "Ingen rang har ändrats.", "No rank has changed." },
	[RC_NO_FORECAST] = { "Förra omgången har ingen prognos för det här "
			     "nuläget.",
			     "The previous round has no forecast for this "
			     "current period." },
	[RC_NO_COMMENTS] = { "Inga ändrade kommentarer.",
			     "No changed comments." },
	[RC_SHEET] = { "Förändring", "Förändring" },
};

const char *report_change_text(const struct report *r,
			       enum report_change_text id)
{
	return change_texts[id][r->english ? 1 : 0];
}

void report_change_intro(const struct report *r, struct strbuf *out)
{
	const struct diff *d = r->change;
	static const char *const what[2][2] = {
		{ "Organisationer bara i %s: ", "Organisations only in %s: " },
		{ "Yrken bara i %s: ", "Occupations only in %s: " },
	};

	diff_view_scope(d, r->english, out);
	for (int s = 0; s < 2; s++) {
		const struct diff_only *o = &d->only[s];
		if (o->nunits)
			strbuf_addf(out, "\n");
		if (o->nunits)
			strbuf_addf(out, what[0][r->english], d->round[s]);
		for (size_t i = 0; i < o->nunits; i++)
			strbuf_addf(out, "%s%s", i ? ", " : "",
				    diff_name(d, 1, o->units[i][1]));
	}
	for (int s = 0; s < 2; s++) {
		const struct diff_only *o = &d->only[s];
		if (o->noccupations)
			strbuf_addf(out, "\n");
		if (o->noccupations)
			strbuf_addf(out, what[1][r->english], d->round[s]);
		for (size_t i = 0; i < o->noccupations; i++)
			strbuf_addf(out, "%s%s", i ? ", " : "",
				    diff_name(d, 2, o->occupations[i]));
	}
}

int report_change_build(struct diff *d, struct dataset *ds,
			const struct filter *f, double threshold)
{
	struct round_pick newer = { 0 }, before = { 0 };
	struct diff_opts o = { BY_OCCUPATION, 0, 0, threshold, 1 };
	int32_t id = f->round ? dataset_find_round(ds, f->round) : -1;
	int rc = 0;

	if (ds->nrounds < 2)
		return 0;
	if (id >= 0)
		round_pick_one(&newer, ds, (uint32_t)id);
	else
		round_pick_newest(&newer, ds);
	round_pick_previous(&before, ds, &newer);
	for (uint32_t k = 0; k < ds->nrounds && !rc; k++)
		rc = round_pick_any(&before, k);
	if (rc) {
		struct diff_side sides[2] = { { ds, &before }, { ds, &newer } };
		rc = diff_build(d, &sides[0], &sides[1], f, &o) ? -1 : 1;
	}
	round_pick_release(&newer);
	round_pick_release(&before);
	return rc;
}

void report_build(struct report *r)
{
	build_inputs(r);
	summary_view_table(&r->total, r->a, BY_TOTAL);
	summary_view_table(&r->regions, r->a, BY_REGION);
	summary_view_table(&r->organisations, r->a, BY_ORGANISATION);
	if (r->cl->attr)
		summary_view_table(&r->groups, r->a, BY_ATTRIBUTE);
	struct critical_tables ct;
	critical_view_tables(&ct, r->cl);
	r->critical = ct.ranking;
	r->comments = ct.comments;
	r->disagreement = ct.disagreement;
	r->moves = ct.moves;
	build_quality(r);
	if (r->cmp) {
		char *title = compare_view_title(r->cmp);
		compare_view_table(&r->compare, r->cmp, 0);
		r->compare.title = arena_strdup(&r->compare.arena, title);
		free(title);
	}
	if (r->change)
		diff_view_tables(&r->change_tables, r->change, r->english);
}

void report_release(struct report *r)
{
	table_release(&r->inputs);
	table_release(&r->total);
	table_release(&r->regions);
	table_release(&r->organisations);
	table_release(&r->groups);
	table_release(&r->critical);
	table_release(&r->comments);
	table_release(&r->disagreement);
	table_release(&r->moves);
	table_release(&r->quality);
	table_release(&r->compare);
	diff_view_tables_release(&r->change_tables);
}

/* " · 1 region" or " · 3 regioner": the first without the separator. */
static void count_words(struct strbuf *out, unsigned long n, const char *one,
			const char *many)
{
	strbuf_addf(out, "%s%lu %s", out->len ? " · " : "", n,
		    n == 1 ? one : many);
}

void report_intro(const struct report *r, struct strbuf *out)
{
	const struct agg *a = r->a;
	const struct dataset *ds = a->ds;
	uint32_t ncrit = 0;
	unsigned long records = 0;

	/* the records the filters leave */
	for (uint32_t i = 0; i < a->nperiods; i++) {
		const struct stats *s = agg_total(a, a->periods[i]);
		records += stats_records(s, ds->scale);
	}
	for (uint32_t i = 0; i < r->cl->n; i++)
		ncrit += (uint32_t)r->cl->v[i].critical;
	strbuf_reset(out);
	count_words(out, a->nregions, "region",
		    r->english ? "regions" : "regioner");
	count_words(out, a->nunits, "organisation",
		    r->english ? "organisations" : "organisationer");
	count_words(out, a->noccupations, r->english ? "occupation" : "yrke",
		    r->english ? "occupations" : "yrken");
	count_words(out, records, r->english ? "record" : "post",
		    r->english ? "records" : "poster");
	count_words(out, ncrit,
		    r->english ? "critical occupation" : "kritiskt yrke",
		    r->english ? "critical occupations" : "kritiska yrken");
	/* weighted, the rule counts the staff, not the organisations */
	strbuf_addf(
		out,
		r->english ? " (%s from at least %d %% of the %s in a "
			     "later period)"
			   : " (%s hos minst %d %% av %s i en senare "
			     "period)",
		ds->scale->levels[ds->scale->nlevels - 1].label,
		(int)(r->threshold * 100 + 0.5),
		r->cl->weighted
			? (r->english ? "organisations' staff"
				      : "organisationernas anställda")
			: (r->english ? "organisations" : "organisationerna"));
	if (a->first_current >= 0)
		strbuf_addf(out, r->english ? " · now: %s" : " · nuläge %s",
			    ds->periods[a->first_current].label);
	if (r->cl->weighted)
		strbuf_addf(out,
			    r->english ? " · the critical occupations' shares "
					 "weighted by headcount (%s)"
				       : " · de kritiska yrkenas andelar "
					 "viktade med antal anställda (%s)",
			    r->cl->context->path);
}
