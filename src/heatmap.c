/*
 * heatmap.c - the occupation grid (heatmap.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/critical.h"
#include "kmap/heatmap.h"
#include "kmap/xalloc.h"

/* Row order: Swedish (agg's), or the critical ranking. */
static void order_rows(struct heatmap *hm, enum heatmap_sort sort)
{
	const struct agg *a = hm->a;
	struct crit_list cl;

	hm->nrows = a->noccupations;
	hm->occupations =
		xcalloc(hm->nrows ? hm->nrows : 1, sizeof(*hm->occupations));
	if (sort != HEATMAP_SORT_RISK) {
		if (hm->nrows)
			memcpy(hm->occupations, a->occupations,
			       hm->nrows * sizeof(*hm->occupations));
		return;
	}
	/* the threshold does not change the order */
	const struct crit_opts co = { 0, 1.0, 1, NULL, 0, 0 };
	crit_build(&cl, a, &co);
	for (uint32_t i = 0; i < cl.n; i++)
		hm->occupations[i] = cl.v[i].occupation;
	crit_release(&cl);
}

static void fill_periods(struct heatmap *hm)
{
	const struct agg *a = hm->a;

	hm->ncols = a->nperiods;
	hm->cols = xcalloc(hm->ncols ? hm->ncols : 1, sizeof(*hm->cols));
	for (uint32_t c = 0; c < hm->ncols; c++)
		hm->cols[c] = a->periods[c];
	hm->cells =
		xcalloc((size_t)hm->nrows * hm->ncols + 1, sizeof(*hm->cells));
	for (uint32_t r = 0; r < hm->nrows; r++)
		for (uint32_t c = 0; c < hm->ncols; c++)
			hm->cells[(size_t)r * hm->ncols + c] = *agg_occupation(
				a, hm->occupations[r], hm->cols[c]);
}

static void fill_organisations(struct heatmap *hm, uint32_t p)
{
	const struct agg *a = hm->a;
	const struct dataset *ds = a->ds;
	uint32_t *occ_row = xcalloc(ds->occupations.n + 1, sizeof(*occ_row));
	uint32_t *unit_col = xcalloc(ds->nunits + 1, sizeof(*unit_col));

	hm->ncols = a->nunits;
	hm->cols = xcalloc(hm->ncols ? hm->ncols : 1, sizeof(*hm->cols));
	/* +1 so that 0 means "not shown" */
	for (uint32_t c = 0; c < hm->ncols; c++) {
		hm->cols[c] = a->units[c];
		unit_col[a->units[c]] = c + 1;
	}
	for (uint32_t r = 0; r < hm->nrows; r++)
		occ_row[hm->occupations[r]] = r + 1;
	hm->cells =
		xcalloc((size_t)hm->nrows * hm->ncols + 1, sizeof(*hm->cells));
	for (uint32_t i = 0; i < ds->nrows; i++) {
		const struct row *row = &ds->rows[i];
		uint32_t r = occ_row[row->occupation], c = unit_col[row->unit];
		uint8_t level;
		if (!a->row_on[i] || !r || !c)
			continue;
		level = dataset_level(ds, i, p);
		struct stats *s =
			&hm->cells[(size_t)(r - 1) * hm->ncols + c - 1];
		if (level == LEVEL_MISSING)
			s->missing++;
		else if (level == LEVEL_NA)
			s->not_applicable++;
		else if (level != LEVEL_NONE)
			s->level[level - 1]++;
	}
	free(occ_row);
	free(unit_col);
}

/* Occupation × the values of the agg's attribute, in period p. */
static void fill_attribute(struct heatmap *hm, uint32_t p)
{
	const struct agg *a = hm->a;
	const struct dataset *ds = a->ds;
	uint32_t *occ_row = xcalloc(ds->occupations.n + 1, sizeof(*occ_row));

	hm->ncols = a->attr->nvalues;
	hm->cols = xcalloc(hm->ncols ? hm->ncols : 1, sizeof(*hm->cols));
	for (uint32_t c = 0; c < hm->ncols; c++)
		hm->cols[c] = c;
	for (uint32_t r = 0; r < hm->nrows; r++)
		occ_row[hm->occupations[r]] = r + 1;
	hm->cells =
		xcalloc((size_t)hm->nrows * hm->ncols + 1, sizeof(*hm->cells));
	for (uint32_t i = 0; i < ds->nrows; i++) {
		uint32_t r = occ_row[ds->rows[i].occupation];
		uint32_t c =
			a->row_on[i] ? agg_attr_row(a, i) : AGG_ATTR_HIDDEN;
		uint8_t level;
		if (!r || c == AGG_ATTR_HIDDEN)
			continue;
		level = dataset_level(ds, i, p);
		struct stats *s = &hm->cells[(size_t)(r - 1) * hm->ncols + c];
		if (level == LEVEL_MISSING)
			s->missing++;
		else if (level == LEVEL_NA)
			s->not_applicable++;
		else if (level != LEVEL_NONE)
			s->level[level - 1]++;
	}
	free(occ_row);
}

void heatmap_build(struct heatmap *hm, const struct agg *a, enum heatmap_by by,
		   uint32_t period, enum heatmap_sort sort)
{
	memset(hm, 0, sizeof(*hm));
	hm->a = a;
	hm->by_org = by == HEATMAP_BY_ORGANISATION;
	hm->by_attr = by == HEATMAP_BY_ATTRIBUTE;
	hm->period = by != HEATMAP_BY_PERIOD ? (int32_t)period : -1;
	order_rows(hm, sort);
	if (hm->by_org)
		fill_organisations(hm, period);
	else if (hm->by_attr)
		fill_attribute(hm, period);
	else
		fill_periods(hm);
}

void heatmap_release(struct heatmap *hm)
{
	free(hm->occupations);
	free(hm->cols);
	free(hm->cells);
	memset(hm, 0, sizeof(*hm));
}

int heatmap_has_na(const struct heatmap *hm)
{
	const struct scale *sc = hm->a->ds->scale;

	for (size_t i = 0; i < (size_t)hm->nrows * hm->ncols; i++) {
		const struct stats *s = &hm->cells[i];
		if (s->not_applicable && !s->missing && !stats_rated(s, sc))
			return 1;
	}
	return 0;
}

int heatmap_cell_text(const struct heatmap *hm, const struct stats *s,
		      int counts, struct strbuf *out)
{
	const struct scale *sc = hm->a->ds->scale;
	int mode = stats_mode(s, sc);

	strbuf_reset(out);
	if (!mode) {
		if (s->missing)
			strbuf_addstr(out, "–");
		else if (s->not_applicable)
			strbuf_addstr(out, "·");
		return 0;
	}
	if (!counts) {
		strbuf_addstr(out, sc->levels[mode - 1].letter);
		return mode;
	}
	for (size_t l = 0; l < sc->nlevels; l++)
		strbuf_addf(out, "%s%u", l ? "/" : "", s->level[l]);
	return mode;
}

void heatmap_col_label(const struct heatmap *hm, uint32_t c, struct strbuf *out)
{
	const struct dataset *ds = hm->a->ds;

	strbuf_reset(out);
	if (hm->by_attr) {
		strbuf_addstr(out, hm->a->attr->values[hm->cols[c]]);
		return;
	}
	if (!hm->by_org) {
		strbuf_addstr(out, ds->periods[hm->cols[c]].label);
		return;
	}
	const struct unit *u = &ds->units[hm->cols[c]];
	strbuf_addstr(out, name_display(&ds->organisations, u->org));
	if (hm->a->nregions > 1)
		strbuf_addf(out, " (%s)",
			    name_display(&ds->regions, u->region));
}
