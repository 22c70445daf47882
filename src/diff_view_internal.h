/*
 * diff_view_internal.h - what the files of kmap diff's view share:
 * diff_view.c (the output in each format, the records, the group counts,
 * the long rows and the JSON document) and diff_view_plan.c (the tables
 * and JSON of what the plan needs: critical changes, ranks, the forecast
 * check, revisions, shares). Only src/diff_view*.c include it.
 */
#ifndef KMAP_DIFF_VIEW_INTERNAL_H
#define KMAP_DIFF_VIEW_INTERNAL_H

#include <cjson/cJSON.h>

#include "kmap/diff_view.h"
#include "kmap/strbuf.h"
#include "kmap/table.h"

/* A text for people in the report's language; csv: the CSV key. */
struct dv {
	const struct diff *d;
	int english;
	int csv;
};

static inline const char *dv_text(const struct dv *v, const char *sv,
				  const char *en)
{
	return v->english ? en : sv;
}

/*
 * How the text names side s: its round ("2024"), or OLD and NEW when
 * both sides are of the same round (a regression check).
 */
const char *dv_side(const struct diff *d, int s);

/* The label (table) or key (CSV, JSON) of a level; NULL when none. */
const char *dv_level_name(const struct dv *v, uint8_t level, int key);
/* "file.csv:12" for global line gline of side s, into sb (reset). */
void dv_where(const struct diff *d, int s, uint32_t gline, struct strbuf *sb);
/* {"file", "line"} of gline on side s. */
cJSON *dv_json_where(const struct diff *d, int s, uint32_t gline);
/* A ratio rounded as JSON shows it, or null; a change keeps its sign. */
cJSON *dv_json_ratio(double v);
cJSON *dv_json_delta(double old, double new);

/* ---- the plan's tables (diff_view_plan.c) -------------------------- */

/* The occupations that became critical and those no longer critical. */
void dv_critical_table(struct table *t, const struct dv *v);
/* Every ranked occupation; moved: only those whose rank changed. */
void dv_ranks_table(struct table *t, const struct dv *v, int moved);
/* The forecast check: overall, per occupation, or per organisation. */
enum dv_by { DV_OVERALL, DV_OCCUPATION, DV_UNIT, DV_PERIOD };
void dv_forecast_table(struct table *t, const struct dv *v, enum dv_by by);
/* Every forecast compared with what came (CSV). */
void dv_forecast_pairs_table(struct table *t, const struct dv *v);
/* The revisions of later periods, per period (and in CSV per occupation). */
void dv_revisions_table(struct table *t, const struct dv *v, enum dv_by by);
/* Risk and brist share per occupation and period; moved: changed only. */
void dv_shares_table(struct table *t, const struct dv *v, int moved);
/* The changed comments of the occupations critical in the new round. */
void dv_comments_table(struct table *t, const struct dv *v);
/* The title line of the forecast check ("Prognoskontroll: ..."). */
void dv_forecast_title(const struct dv *v, struct strbuf *out);
/* The title line of the critical changes ("Kritiska yrken ..."). */
void dv_critical_title(const struct dv *v, struct strbuf *out);

/* The JSON members of the plan's parts. */
cJSON *dv_json_critical(const struct dv *v);
cJSON *dv_json_shares(const struct dv *v);
cJSON *dv_json_forecast(const struct dv *v);
cJSON *dv_json_revisions(const struct dv *v);

#endif
