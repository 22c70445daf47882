/*
 * convert_view.c - the records written back as CSV (convert_view.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/convert_view.h"
#include "kmap/diag.h"
#include "kmap/render.h"
#include "kmap/xalloc.h"

struct writer {
	FILE *fp;
	char delim;
	const char *eol;
	const struct agg *a;
	int32_t current;
	uint32_t *rows, nrows; /* in Swedish order */
	uint8_t *warned;       /* by extra column: two values warned */
	/* two-level organisations: written in two columns, the upper under
	 * this header (the dataset's first), else NULL */
	const char *upper;
	struct strbuf level;
};

static void field(struct writer *w, const char *s, int first)
{
	if (!first)
		fputc(w->delim, w->fp);
	csv_write_field(w->fp, s ? s : "", w->delim);
}

/* The extra columns' headers (columns kmap does not use, carried). */
static void extra_heads(struct writer *w)
{
	const struct dataset *ds = w->a->ds;

	for (uint32_t k = 0; k < ds->nextra_cols; k++)
		field(w, ds->extra_cols[ds->extra_order[k]].header, 0);
}

/*
 * Row r's cells in the extra columns; a row with two values in one
 * column (a long file's records disagreeing) keeps both, joined.
 */
static void extra_cells(struct writer *w, uint32_t r, struct strbuf *sb)
{
	const struct dataset *ds = w->a->ds;
	uint32_t i = ds->extra_start[r], end = ds->extra_start[r + 1];

	for (uint32_t k = 0; k < ds->nextra_cols; k++) {
		uint32_t col = ds->extra_order[k];
		int n = 0;
		strbuf_reset(sb);
		for (; i < end && ds->extras[i].col == col; i++, n++) {
			if (n)
				strbuf_addch(sb, '\n');
			strbuf_addstr(sb, ds->extras[i].text);
		}
		if (n > 1 && !w->warned[col]) {
			w->warned[col] = 1;
			kmap_warn("column '%s' has %d values for %s / %s / %s; "
				  "all kept, one a line",
				  ds->extra_cols[col].header, n,
				  name_display(
					  &ds->regions,
					  ds->units[ds->rows[r].unit].region),
				  name_display(&ds->organisations,
					       ds->units[ds->rows[r].unit].org),
				  name_display(&ds->occupations,
					       ds->rows[r].occupation));
		}
		field(w, sb->buf, 0);
	}
}

static void end_line(struct writer *w)
{
	fputs(w->eol, w->fp);
}

static void period_head(struct writer *w, uint32_t p, const char *prefix,
			struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s%s%s", prefix,
		    (int32_t)p == w->current ? "Nuläge " : "",
		    w->a->ds->periods[p].label);
}

static const char *rating(const struct dataset *ds, uint8_t level)
{
	if (level == LEVEL_NONE || level == LEVEL_MISSING)
		return "";
	if (level == LEVEL_NA) /* a scale that reads it names it */
		return ds->scale->na_words[0];
	return ds->scale->levels[level - 1].label;
}

/* The name columns' headers. */
static void name_heads(struct writer *w)
{
	field(w, "Region", 1);
	if (w->upper) {
		field(w, w->upper, 0);
		field(w, "Förvaltning", 0);
	} else {
		field(w, "Organisation", 0);
	}
	field(w, "Yrke", 0);
}

/*
 * Organisation org in two columns: its upper level and the rest ("Kalmar
 * kommun", "Socialförvaltningen"); one of one level in the first only,
 * so that it reads back as the same name.
 */
static void org_levels(struct writer *w, uint32_t org)
{
	const struct name_table *t = &w->a->ds->organisations;
	const char *name = name_display(t, org), *up;
	size_t len;

	if (!name_upper(t, org, &up, &len))
		len = strlen(name);
	strbuf_reset(&w->level);
	strbuf_add(&w->level, name, len);
	field(w, w->level.buf, 0);
	field(w, name[len] ? name + len + 3 : "", 0); /* past " / " */
}

static void names(struct writer *w, uint32_t r)
{
	const struct dataset *ds = w->a->ds;
	const struct row *row = &ds->rows[r];
	const struct unit *u = &ds->units[row->unit];

	field(w, name_display(&ds->regions, u->region), 1);
	if (w->upper)
		org_levels(w, u->org);
	else
		field(w, name_display(&ds->organisations, u->org), 0);
	field(w, name_display(&ds->occupations, row->occupation), 0);
}

static void write_long(struct writer *w)
{
	const struct agg *a = w->a;
	const struct dataset *ds = a->ds;
	static const char *const heads[] = { "Period", "Bedömning",
					     "Kommentar" };
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;

	name_heads(w);
	for (size_t k = 0; k < 3; k++)
		field(w, heads[k], 0);
	extra_heads(w);
	end_line(w);
	for (uint32_t i = 0; i < w->nrows; i++) {
		uint32_t r = w->rows[i];
		dataset_comment_text(w->a->ds, r, -1, &text);
		if (text.len) {
			names(w, r);
			field(w, "", 0);
			field(w, "", 0);
			field(w, text.buf, 0);
			extra_cells(w, r, &sb);
			end_line(w);
		}
		for (uint32_t k = 0; k < a->nperiods; k++) {
			uint32_t p = a->periods[k];
			uint8_t level = dataset_level(ds, r, p);
			if (level == LEVEL_NONE)
				continue;
			names(w, r);
			period_head(w, p, "", &sb);
			field(w, sb.buf, 0);
			field(w, rating(ds, level), 0);
			dataset_comment_text(w->a->ds, r, (int32_t)p, &text);
			field(w, text.buf, 0);
			extra_cells(w, r, &sb);
			end_line(w);
		}
	}
	strbuf_release(&sb);
	strbuf_release(&text);
}

/* Which comment columns a wide file needs: [0] the row's, [1 + k] period k. */
static uint8_t *comment_columns(const struct writer *w)
{
	const struct agg *a = w->a;
	const struct dataset *ds = a->ds;
	uint8_t *need = xcalloc(a->nperiods + 1, 1);
	uint32_t *slot = xcalloc(ds->nperiods + 1, sizeof(*slot));

	for (uint32_t k = 0; k < a->nperiods; k++)
		slot[a->periods[k]] = k + 1;
	for (uint32_t i = 0; i < w->nrows; i++) {
		const struct comment *c;
		size_t n = dataset_comments(ds, w->rows[i], &c);
		for (size_t m = 0; m < n; m++)
			if (c[m].period < 0)
				need[0] = 1;
			else if (slot[c[m].period])
				need[slot[c[m].period]] = 1;
	}
	free(slot);
	return need;
}

static void write_wide(struct writer *w)
{
	const struct agg *a = w->a;
	const struct dataset *ds = a->ds;
	struct strbuf sb = STRBUF_INIT, text = STRBUF_INIT;
	uint8_t *need = comment_columns(w);

	name_heads(w);
	for (uint32_t k = 0; k < a->nperiods; k++) {
		period_head(w, a->periods[k], "", &sb);
		field(w, sb.buf, 0);
	}
	if (need[0])
		field(w, "Kommentar", 0);
	for (uint32_t k = 0; k < a->nperiods; k++) {
		if (!need[k + 1])
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Kommentar %s",
			    ds->periods[a->periods[k]].label);
		field(w, sb.buf, 0);
	}
	extra_heads(w);
	end_line(w);
	for (uint32_t i = 0; i < w->nrows; i++) {
		uint32_t r = w->rows[i];
		names(w, r);
		for (uint32_t k = 0; k < a->nperiods; k++)
			field(w,
			      rating(ds, dataset_level(ds, r, a->periods[k])),
			      0);
		if (need[0]) {
			dataset_comment_text(w->a->ds, r, -1, &text);
			field(w, text.buf, 0);
		}
		for (uint32_t k = 0; k < a->nperiods; k++) {
			if (!need[k + 1])
				continue;
			dataset_comment_text(ds, r, (int32_t)a->periods[k],
					     &text);
			field(w, text.buf, 0);
		}
		extra_cells(w, r, &sb);
		end_line(w);
	}
	free(need);
	strbuf_release(&sb);
	strbuf_release(&text);
}

/* A row with a record in a period shown, or a comment on it all. */
static int row_shown(const struct agg *a, uint32_t r)
{
	const struct comment *c;
	size_t n = dataset_comments(a->ds, r, &c);

	for (uint32_t k = 0; k < a->nperiods; k++)
		if (dataset_level(a->ds, r, a->periods[k]) != LEVEL_NONE)
			return 1;
	for (size_t i = 0; i < n; i++)
		if (c[i].period < 0)
			return 1;
	return 0;
}

/* The rows that pass the filters and hold a record or comment, sorted. */
static void sort_rows(struct writer *w)
{
	uint32_t n, *rows = agg_sorted_rows(w->a, &n);

	w->rows = rows;
	w->nrows = 0;
	for (uint32_t i = 0; i < n; i++)
		if (row_shown(w->a, rows[i]))
			rows[w->nrows++] = rows[i];
}

void convert_view_write(FILE *fp, const struct agg *a, enum convert_layout to,
			int32_t current, int excel)
{
	struct writer w = { .fp = fp,
			    .delim = excel ? ';' : ',',
			    .eol = excel ? "\r\n" : "\n",
			    .a = a,
			    .current = current,
			    .upper = a->ds->nupper_headers
					     ? a->ds->upper_headers[0]
					     : NULL,
			    .level = STRBUF_INIT };

	sort_rows(&w);
	w.warned = xcalloc(a->ds->nextra_cols + 1, 1);
	if (excel)
		fputs("\xEF\xBB\xBF", fp);
	if (to == CONVERT_LONG)
		write_long(&w);
	else
		write_wide(&w);
	free(w.rows);
	free(w.warned);
	strbuf_release(&w.level);
}
