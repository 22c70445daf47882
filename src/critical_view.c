/*
 * critical_view.c - kmap critical's output (critical_view.h): the title,
 * the tables in their order, the report's tables, and what the modules
 * of the view share (critical_view_internal.h). The tables of counts are
 * critical_view_counts.c's, those of organisations critical_view_orgs.c's,
 * the JSON critical_view_json.c's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "critical_view_internal.h"
#include "kmap/names.h"

/* The first top of the ranked, and of those set apart. */
int cv_shown(const struct cv_shown *co, const struct crit *c)
{
	return (!co->top || c->place <= co->top) &&
	       (!co->only_critical || c->critical);
}

/* ---- tables ------------------------------------------------------- */

/* "(nu)" marks the current period only when all files agree on it. */
int cv_single_current(const struct agg *a)
{
	int n = 0;

	for (uint32_t i = 0; i < a->nperiods; i++)
		n += agg_current(a, a->periods[i]);
	return n == 1;
}

/*
 * Who rates the scale's last level in period p: "Halmstad, Laholm,
 * Varberg +2" in a terminal's CSV-only column (all of them, ';'-separated,
 * in CSV), or everyone, ", "-separated, where the text wraps (all: 1).
 */
void cv_brist_cell(struct crit_table *ct, struct cell *cell,
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
const char *cv_worst_level_heading(struct table *t, const struct scale *sc)
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
const char *cv_worst_share_heading(struct table *t, const struct scale *sc,
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
void cv_level_col(struct table *t, size_t k, const struct scale *sc, size_t l)
{
	table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
	t->cols[k].short_head = sc->levels[l].letter;
	t->cols[k].color = sc->levels[l].color;
}

/* A name column: grouped, shortened when the table must be narrowed. */
void cv_name_col(struct table *t, size_t k, const char *head, const char *key)
{
	table_set_col(t, k, head, key);
	t->cols[k].group = 1;
	t->cols[k].fit = COL_FIT_NAME;
}

/* Whether every occupation shown has the same last period. */
int cv_same_last(const struct crit_list *cl)
{
	for (uint32_t i = 0; i < cl->n; i++)
		if (cl->v[i].last != cl->v[0].last)
			return 0;
	return 1;
}

char *cv_period_text(const struct crit_table *ct, uint32_t p)
{
	const struct period_info *pi = &ct->cl->a->ds->periods[p];
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s%s", pi->label,
		    !ct->csv && ct->mark && agg_current(ct->cl->a, p) ? " (nu)"
								      : "");
	return strbuf_detach(&sb, NULL);
}

/* The measures the context has: their columns after the ranking's. */
size_t cv_volume_cols(const struct crit_list *cl)
{
	size_t n = 0;

	for (int m = 0; m < CONTEXT_MEASURES; m++)
		n += (size_t)context_has(cl->context, (enum context_measure)m);
	return n;
}

/* A sum of volumes: whole numbers as such; empty when nobody gave one. */
void cv_volume_cell(struct cell *cell, const struct crit *c, int m)
{
	double v = c->volume[m];

	if (!c->volume_n[m])
		return;
	if (fabs(v - round(v)) < 1e-9)
		cell_int(cell, llround(v));
	else
		cell_decimal(cell, v);
}

static char *title_line(const struct crit_list *cl, const struct cv_shown *co)
{
	const struct scale *sc = cl->a->ds->scale;
	struct strbuf sb = STRBUF_INIT;
	uint32_t ncrit = 0;

	for (uint32_t i = 0; i < cl->n; i++)
		ncrit += (uint32_t)cl->v[i].critical;
	strbuf_addstr(&sb, "Kritiska yrken");
	if (crit_grouped(cl))
		strbuf_addf(&sb, " (yrke i %s)", crit_group_heading(cl));
	/* named when the occupations share it */
	if (cl->n && cv_same_last(cl) && cl->v[0].last >= 0)
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
	const struct cv_shown critical = { 0, 0, 1, 0, 0 }, all = { 0 };
	struct crit_moves moves;

	cv_build_ranking(&ct->ranking, cl, &critical, 0);
	cv_build_comments_table(&ct->comments, cl, &critical);
	cv_build_disagreement(&ct->disagreement, cl, &all);
	crit_moves_build(&moves, cl);
	cv_build_moves(&ct->moves, cl, &moves);
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
	const struct cv_shown co = { vo->threshold, vo->top, 0, vo->long_form,
				     vo->min_raters };
	struct table t;
	struct strbuf sb = STRBUF_INIT;
	char *title;
	int first = 1;

	if (ro->format == FORMAT_JSON) {
		cv_write_json(fp, cl, &co);
		return;
	}
	if (ro->format == FORMAT_CSV) {
		cv_build_csv(&t, cl, &co);
		render_table(fp, &t, ro);
		table_release(&t);
		return;
	}
	struct crit_table ct = { &t, cl, 0, cv_single_current(cl->a) };
	title = title_line(cl, &co);
	cv_build_ranking(&t, cl, &co, 0);
	put_table(fp, &t, title, ro, &first);
	free(title);
	if (cl->nset_apart) {
		strbuf_addf(&sb,
			    "Bedömda av färre än %u organisationer: inte "
			    "rangordnade (--min-raters)",
			    co.min_raters);
		cv_build_ranking(&t, cl, &co, 1);
		if (t.nrows)
			put_table(fp, &t, sb.buf, ro, &first);
		else
			table_release(&t);
	}
	if (co.long_form) {
		cv_build_periods(&ct, &co);
		put_table(fp, &t,
			  cl->weighted ? "Anställda per bedömning och period "
					 "(viktat med antal anställda)"
				       : "Bedömningar per period",
			  ro, &first);
		cv_build_changes(&ct, &co);
		put_table(fp, &t, "Förändring från nuläge", ro, &first);
	}
	cv_build_disagreement(&t, cl, &co);
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
		cv_moves_levels(sc, 0, &sb);
		strbuf_addstr(&sb, " i en organisation och ");
		cv_moves_levels(sc, 1, &sb);
		strbuf_addstr(&sb, " i en annan i samma region och period");
		cv_build_moves(&t, cl, &moves);
		put_table(fp, &t, sb.buf, ro, &first);
	}
	crit_moves_release(&moves);
	cv_build_comments_table(&t, cl, &co);
	if (t.nrows)
		put_table(fp, &t, "Kommentarer till de kritiska yrkena", ro,
			  &first);
	else
		table_release(&t);
	strbuf_release(&sb);
}
