/*
 * heatmap_view.c - kmap heatmap's outputs (heatmap_view.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/heatmap_view.h"
#include "kmap/html.h"
#include "kmap/jsonout.h"

static char *title_line(const struct heatmap *hm)
{
	const struct dataset *ds = hm->a->ds;
	struct strbuf sb = STRBUF_INIT;

	if (hm->by_attr) {
		strbuf_addf(
			&sb,
			"Värmekarta · vanligaste bedömning per yrke och %s · "
			"%u %s · %u %s",
			hm->a->attr->attribute, hm->nrows,
			hm->nrows == 1 ? "yrke" : "yrken", hm->ncols,
			hm->ncols == 1 ? "grupp" : "grupper");
		if (hm->a->nperiods)
			strbuf_addf(&sb, " · period %s%s",
				    ds->periods[hm->period].label,
				    ds->periods[hm->period].current ? " (nu)"
								    : "");
	} else if (hm->by_org) {
		strbuf_addf(
			&sb,
			"Värmekarta · bedömning per yrke och organisation · "
			"%u %s · %u %s",
			hm->nrows, hm->nrows == 1 ? "yrke" : "yrken", hm->ncols,
			hm->ncols == 1 ? "organisation" : "organisationer");
		if (hm->a->nperiods)
			strbuf_addf(&sb, " · period %s%s",
				    ds->periods[hm->period].label,
				    agg_current(hm->a, hm->period) ? " (nu)"
								   : "");
	} else {
		strbuf_addf(&sb,
			    "Värmekarta · vanligaste bedömning per yrke och "
			    "period · %u %s",
			    hm->nrows, hm->nrows == 1 ? "yrke" : "yrken");
		if (hm->a->first_current >= 0)
			strbuf_addf(&sb, " · nuläge %s",
				    ds->periods[hm->a->first_current].label);
	}
	return strbuf_detach(&sb, NULL);
}

/* ---- CSV and markdown (through struct table) ----------------------- */

/* CSV: one line per cell with its counts. */
static void build_csv(struct table *t, const struct heatmap *hm)
{
	const struct dataset *ds = hm->a->ds;
	const struct scale *sc = ds->scale;
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;

	table_init(t, (hm->by_org    ? 4
		       : hm->by_attr ? 3
				     : 2) +
			      2 + sc->nlevels + 2);
	table_set_col(t, k++, "yrke", "occupation");
	if (hm->by_attr)
		table_set_col(t, k++, hm->a->attr->attribute,
			      hm->a->attr->attribute);
	if (hm->by_org) {
		table_set_col(t, k++, "region", "region");
		table_set_col(t, k++, "organisation", "organisation");
	}
	table_set_col(t, k++, "period", "period");
	table_set_col(t, k++, "nivå", "mode");
	table_set_col(t, k++, "bokstav", "letter");
	for (size_t l = 0; l < sc->nlevels; l++)
		table_set_col(t, k++, sc->levels[l].label, sc->levels[l].key);
	table_set_col(t, k++, "saknas", "missing");
	table_set_col(t, k++, "ej aktuellt", "not_applicable");
	t->cols[k - 1].short_head = "e/a"; /* narrow: in the legend */
	for (uint32_t r = 0; r < hm->nrows; r++) {
		for (uint32_t c = 0; c < hm->ncols; c++) {
			const struct stats *s = heatmap_cell(hm, r, c);
			int mode = stats_mode(s, sc);
			uint32_t p = hm->by_org || hm->by_attr
					     ? (uint32_t)hm->period
					     : hm->cols[c];
			struct cell *row;
			if (!mode && !s->missing && !s->not_applicable)
				continue;
			row = table_add_row(t);
			k = 0;
			cell_text(t, &row[k++],
				  name_display(&ds->occupations,
					       hm->occupations[r]));
			if (hm->by_attr)
				cell_text(t, &row[k++],
					  hm->a->attr->values[hm->cols[c]]);
			if (hm->by_org) {
				const struct unit *u = &ds->units[hm->cols[c]];
				cell_text(
					t, &row[k++],
					name_display(&ds->regions, u->region));
				cell_text(t, &row[k++],
					  name_display(&ds->organisations,
						       u->org));
			}
			cell_text(t, &row[k++], ds->periods[p].label);
			if (mode) {
				cell_text(t, &row[k], sc->levels[mode - 1].key);
				cell_text(t, &row[k + 1],
					  sc->levels[mode - 1].letter);
			}
			k += 2;
			for (size_t l = 0; l < sc->nlevels; l++)
				cell_int(&row[k++], s->level[l]);
			cell_int(&row[k++], s->missing);
			cell_int(&row[k++], s->not_applicable);
		}
	}
	strbuf_release(&sb);
}

/* Markdown: the grid itself, letters (or counts) in the cells. */
static void build_grid(struct table *t, const struct heatmap *hm, int counts)
{
	const struct dataset *ds = hm->a->ds;
	struct strbuf sb = STRBUF_INIT;

	table_init(t, 1 + (size_t)hm->ncols);
	table_set_col(t, 0, "yrke", "occupation");
	for (uint32_t c = 0; c < hm->ncols; c++) {
		heatmap_col_label(hm, c, &sb);
		const char *h = arena_strdup(&t->arena, sb.buf);
		table_set_col(t, c + 1, h, h);
		t->cols[c + 1].right = 1;
	}
	for (uint32_t r = 0; r < hm->nrows; r++) {
		struct cell *row = table_add_row(t);
		cell_text(t, &row[0],
			  name_display(&ds->occupations, hm->occupations[r]));
		for (uint32_t c = 0; c < hm->ncols; c++) {
			heatmap_cell_text(hm, heatmap_cell(hm, r, c), counts,
					  &sb);
			cell_text(t, &row[c + 1], sb.buf);
		}
	}
	strbuf_release(&sb);
}

static void render_markdown(FILE *fp, const struct heatmap *hm, int counts,
			    const struct render_opts *ro)
{
	const struct scale *sc = hm->a->ds->scale;
	struct table t;
	char *title = title_line(hm);

	build_grid(&t, hm, counts);
	t.title = title;
	render_table(fp, &t, ro);
	fputc('\n', fp);
	for (size_t l = 0; l < sc->nlevels; l++) {
		/* a --scale file's words, written as text, never markup */
		fputs(l ? " · **" : "**", fp);
		render_markdown_text(fp, sc->levels[l].letter);
		fputs("** ", fp);
		render_markdown_text(fp, sc->levels[l].label);
	}
	fputs(" · **–** ej bedömt", fp);
	fputs(heatmap_has_na(hm) ? " · **·** ej aktuellt\n" : "\n", fp);
	table_release(&t);
	free(title);
}

/* ---- JSON (kmap.heatmap/1) ----------------------------------------- */

static void write_json(FILE *fp, const struct heatmap *hm)
{
	const struct agg *a = hm->a;
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;
	struct json_stream js;
	cJSON *cols = cJSON_CreateArray();

	json_stream_begin(&js, fp);
	json_stream_members(&js, json_document("kmap.heatmap/1", a));
	json_stream_member(&js, "by",
			   cJSON_CreateString(hm->by_org    ? "organisation"
					      : hm->by_attr ? "attribute"
							    : "period"));
	if (hm->by_attr) {
		/* which attribute of which names, as summary says it */
		json_stream_member(&js, "attribute",
				   json_by_attribute(a->attr));
	}
	json_stream_member(
		&js, "period",
		(hm->by_org || hm->by_attr) && a->nperiods
			? cJSON_CreateString(ds->periods[hm->period].label)
			: cJSON_CreateNull());
	for (uint32_t c = 0; c < hm->ncols; c++) {
		cJSON *o = cJSON_CreateObject();
		if (hm->by_attr) {
			const char *v = a->attr->values[hm->cols[c]];
			if (strcmp(v, AGG_ATTR_NONE))
				cJSON_AddStringToObject(o, "value", v);
			else
				cJSON_AddNullToObject(o, "value");
		} else if (hm->by_org) {
			const struct unit *u = &ds->units[hm->cols[c]];
			json_add_name(o, "region", &ds->regions, u->region,
				      "region_code");
			json_add_name(o, "organisation", &ds->organisations,
				      u->org, "code");
		} else {
			cJSON_AddStringToObject(o, "period",
						ds->periods[hm->cols[c]].label);
		}
		cJSON_AddItemToArray(cols, o);
	}
	json_stream_member(&js, "columns", cols);
	json_stream_array_begin(&js, "rows");
	for (uint32_t r = 0; r < hm->nrows; r++) {
		cJSON *o = cJSON_CreateObject(), *cells;
		json_add_name(o, "occupation", &ds->occupations,
			      hm->occupations[r], "code");
		cells = cJSON_AddArrayToObject(o, "cells");
		for (uint32_t c = 0; c < hm->ncols; c++) {
			const struct stats *s = heatmap_cell(hm, r, c);
			int mode = stats_mode(s, sc);
			cJSON *cell;
			if (!mode && !s->missing && !s->not_applicable) {
				cJSON_AddItemToArray(cells, cJSON_CreateNull());
				continue;
			}
			cell = json_stats(s, sc);
			if (mode)
				cJSON_AddStringToObject(
					cell, "mode", sc->levels[mode - 1].key);
			else
				cJSON_AddNullToObject(cell, "mode");
			cJSON_AddItemToArray(cells, cell);
		}
		json_stream_array_item(&js, o);
	}
	json_stream_array_end(&js);
	json_stream_end(&js);
}

static void render_html(FILE *fp, const struct heatmap *hm, int counts)
{
	char *title = title_line(hm);

	html_page_begin(fp, "sv", title, hm->a->ds->scale);
	fputs("<h1>", fp);
	html_text(fp, title);
	fputs("</h1>\n", fp);
	html_heatmap(fp, hm, counts, 0);
	html_page_end(fp);
	free(title);
}

void heatmap_view_write(FILE *fp, const struct heatmap *hm, int counts,
			const struct render_opts *ro)
{
	struct table t;
	char *title;

	switch (ro->format) {
	case FORMAT_JSON:
		write_json(fp, hm);
		break;
	case FORMAT_HTML:
		render_html(fp, hm, counts);
		break;
	case FORMAT_MARKDOWN:
		render_markdown(fp, hm, counts, ro);
		break;
	case FORMAT_CSV:
		build_csv(&t, hm);
		render_table(fp, &t, ro);
		table_release(&t);
		break;
	default:
		title = title_line(hm);
		render_heatmap_grid(fp, hm, title, counts, ro->width,
				    ro->color);
		free(title);
	}
}
