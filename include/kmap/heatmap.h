/*
 * heatmap.h - the colour grid of the workshop (SPEC §6): one row per
 * occupation, one column per period, or per organisation in one period.
 *
 * Each cell holds the counts of its records (struct stats), so a renderer
 * can show the modal level (stats_mode: on a tie the worse one) or the
 * whole distribution. Occupation × period cells are agg's own counts; an
 * occupation × organisation cell is that organisation's one record. Rows
 * come in Swedish order, or with HEATMAP_SORT_RISK in the order kmap
 * critical ranks them (critical.h), so both commands agree.
 *
 * Ownership: borrows the agg (which needs AGG_CHANGES for the risk order)
 * and owns its arrays; heatmap_release frees them.
 */
#ifndef KMAP_HEATMAP_H
#define KMAP_HEATMAP_H

#include <stdint.h>

#include "kmap/agg.h"
#include "kmap/strbuf.h"

enum heatmap_sort { HEATMAP_SORT_NAME, HEATMAP_SORT_RISK };

/* What the columns are (--by). */
enum heatmap_by {
	HEATMAP_BY_PERIOD,
	HEATMAP_BY_ORGANISATION,
	HEATMAP_BY_ATTRIBUTE /* the values of a->attr (--by ATTRIBUTE) */
};

struct heatmap {
	const struct agg *a;
	int by_org;	/* columns are organisations (units) */
	int by_attr;	/* columns are the values of a->attr */
	int32_t period; /* by_org, by_attr: the one period shown */
	uint32_t nrows, ncols;
	uint32_t *occupations; /* occupation id of each row, in row order */
	uint32_t *cols;	     /* period ids, unit ids (by_org), value indexes */
	struct stats *cells; /* nrows * ncols */
};

/*
 * Builds the grid over the agg's occupations and periods; by
 * HEATMAP_BY_ORGANISATION with period p (a period id) gives occupation ×
 * organisation in p instead, HEATMAP_BY_ATTRIBUTE occupation × the
 * values of the agg's attribute (agg_group_by_attribute()) in p.
 */
void heatmap_build(struct heatmap *hm, const struct agg *a, enum heatmap_by by,
		   uint32_t period, enum heatmap_sort sort);
void heatmap_release(struct heatmap *hm);

static inline const struct stats *heatmap_cell(const struct heatmap *hm,
					       uint32_t row, uint32_t col)
{
	return &hm->cells[(size_t)row * hm->ncols + col];
}

/*
 * A cell as text, into out (reset first): the modal level's letter ("B"),
 * "–" when it has missing ratings and no level, "·" when its records are
 * all not applicable ("Ej aktuellt"), "" when it has none; with
 * counts, the count at each level from the best to the worst ("0/3/5/2").
 * Returns the modal level (1..n), 0 when nothing is rated.
 */
int heatmap_cell_text(const struct heatmap *hm, const struct stats *s,
		      int counts, struct strbuf *out);
/* Whether some cell shows "·" (its records all not applicable). */
int heatmap_has_na(const struct heatmap *hm);
/* Column c's heading, into out (reset first): a period label, or an
 * organisation's name (with its region when there are several). */
void heatmap_col_label(const struct heatmap *hm, uint32_t c,
		       struct strbuf *out);

#endif
