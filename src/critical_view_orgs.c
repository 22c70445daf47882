/*
 * critical_view_orgs.c - the tables of critical's organisations
 * (critical_view.h): who stands at each end of a disagreement, where a
 * surplus meets a shortage (omställning), and the comments.
 */
#include <stdlib.h>
#include <string.h>

#include "critical_view_internal.h"
#include "kmap/names.h"

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
void cv_build_disagreement(struct table *t, const struct crit_list *cl,
			   const struct cv_shown *co)
{
	const struct agg *a = cl->a;
	const struct dataset *ds = a->ds;
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;

	table_init(t, 6 + (size_t)crit_grouped(cl));
	if (crit_grouped(cl))
		cv_name_col(t, k++, crit_group_heading(cl),
			    crit_group_heading(cl));
	cv_name_col(t, k++, "yrke", "occupation");
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
		if (!cv_shown(co, c))
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
				if (crit_grouped(cl))
					cell_text(t, &row[k++],
						  crit_group_name(cl, c));
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
void cv_moves_levels(const struct scale *sc, int risk, struct strbuf *sb)
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
		cv_moves_levels(sc, risk, &sb);
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
void cv_build_moves(struct table *t, const struct crit_list *cl,
		    const struct crit_moves *m)
{
	const struct dataset *ds = cl->a->ds;
	struct strbuf sb = STRBUF_INIT;

	table_init(t, 5);
	cv_name_col(t, 0, "region", "region");
	cv_name_col(t, 1, "yrke", "occupation");
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
void cv_build_comments_table(struct table *t, const struct crit_list *cl,
			     const struct cv_shown *co)
{
	const struct dataset *ds = cl->a->ds;
	size_t k0 = (size_t)crit_grouped(cl);

	table_init(t, 4 + k0);
	if (crit_grouped(cl))
		table_set_col(t, 0, crit_group_heading(cl),
			      crit_group_heading(cl));
	table_set_col(t, k0, "yrke", "occupation");
	table_set_col(t, k0 + 1, "organisation", "organisation");
	table_set_col(t, k0 + 2, "period", "period");
	table_set_col(t, k0 + 3, "kommentar", "comment");
	for (size_t k = 0; k < k0 + 2; k++) {
		t->cols[k].group = 1;
		t->cols[k].fit = COL_FIT_NAME;
	}
	t->cols[k0 + 3].fit = COL_FIT_WRAP;
	for (uint32_t i = 0; i < cl->n; i++) {
		const struct crit *c = &cl->v[i];
		if (!c->critical || !cv_shown(co, c))
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
				if (crit_grouped(cl))
					cell_text(t, &row[k++],
						  crit_group_name(cl, c));
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
