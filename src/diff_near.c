/*
 * diff_near.c - near-duplicates split across diff's two sides
 * (diff_internal.h): a name only OLD has and one only NEW has that
 * differ only as neardup.h says would show as one removal plus one
 * addition, so each such pair is warned once, in the words of the
 * warning about a pair inside one input, with where each side first has
 * its spelling. Pairs inside one side were warned when it was read.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "kmap/diag.h"
#include "kmap/neardup.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/* Where a side first has a name: its input in file-name order, line. */
struct first_place {
	uint32_t rank; /* UINT32_MAX: in no record */
	uint32_t input;
	unsigned long line;
};

static uint32_t row_name(const struct dataset *ds, int t, uint32_t r)
{
	const struct row *row = &ds->rows[r];
	const struct unit *u = &ds->units[row->unit];

	return t == REGION ? u->region : t == ORG ? u->org : row->occupation;
}

/*
 * The first record of each name of table t on side s, by the merged
 * table's id (n of them): the same place whatever order the files were
 * read in.
 */
static struct first_place *first_places(const struct diff_work *w, int s, int t,
					uint32_t n)
{
	const struct dataset *ds = w->d->ds[s];
	uint32_t *order = dataset_inputs_by_name(ds);
	uint32_t *rank = xcalloc((size_t)ds->ninputs + 1, sizeof(*rank));
	struct first_place *f = xcalloc((size_t)n + 1, sizeof(*f));

	for (uint32_t i = 0; i < ds->ninputs; i++)
		rank[order[i]] = i;
	for (uint32_t i = 0; i < n; i++)
		f[i].rank = UINT32_MAX;
	for (uint32_t r = 0; r < ds->nrows; r++) {
		uint32_t id = row_name(ds, t, r);
		struct first_place *at;
		if (s)
			id = w->map[t][id];
		at = &f[id];
		for (uint32_t p = 0; p < ds->nperiods; p++) {
			uint32_t input;
			unsigned long line;
			if (dataset_level(ds, r, p) == LEVEL_NONE)
				continue;
			dataset_line_of(ds, dataset_gline(ds, r, p), &input,
					&line);
			if (rank[input] < at->rank ||
			    (rank[input] == at->rank && line < at->line))
				*at = (struct first_place){ rank[input], input,
							    line };
		}
	}
	free(rank);
	free(order);
	return f;
}

/* "OLD, kalmar-2024.csv:3" into sb (reset first). */
static void side_place(const struct diff_work *w, int s,
		       const struct first_place *f, struct strbuf *sb)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, s ? "NEW" : "OLD");
	if (f->rank == UINT32_MAX)
		return;
	strbuf_addstr(sb, ", ");
	dataset_place(w->d->ds[s], f->input, f->line, 0, sb);
}

/* The pairs of table t across the sides; nold: old's names before. */
static void warn_table(const struct diff_work *w, int t, uint32_t nold)
{
	static const char *const what[NTABLES] = { "region", "organisation",
						   "occupation" };
	const struct dataset *ds_new = w->d->ds[1];
	struct name_table *u = t == REGION ? &w->d->ds[0]->regions
			       : t == ORG  ? &w->d->ds[0]->organisations
					   : &w->d->ds[0]->occupations;
	const struct name_table *nt = t == REGION ? &ds_new->regions
				      : t == ORG  ? &ds_new->organisations
						  : &ds_new->occupations;
	struct first_place *first[2] = { NULL, NULL };
	struct strbuf at[2] = { STRBUF_INIT, STRBUF_INIT };
	struct near_pair *p;
	size_t n = near_duplicates(u, &p);

	for (size_t i = 0; i < n; i++) {
		uint32_t id[2] = { p[i].a, p[i].b };
		int only_old[2], only_new[2];
		for (int k = 0; k < 2; k++) {
			int in_old = id[k] < nold,
			    in_new = w->inv[t][id[k]] >= 0;
			only_old[k] = in_old && !in_new;
			only_new[k] = in_new && !in_old;
		}
		/* one only OLD has, the other only NEW */
		if (!(only_old[0] && only_new[1]) &&
		    !(only_old[1] && only_new[0]))
			continue;
		uint32_t o = only_old[0] ? id[0] : id[1];
		uint32_t nw = only_old[0] ? id[1] : id[0];
		/* a names file gives them as two names: settled */
		if (name_fixed(u, o) && name_fixed(nt, (uint32_t)w->inv[t][nw]))
			continue;
		if (!first[0]) {
			first[0] = first_places(w, 0, t, u->n);
			first[1] = first_places(w, 1, t, u->n);
		}
		side_place(w, 0, &first[0][o], &at[0]);
		side_place(w, 1, &first[1][nw], &at[1]);
		diag_report(DIAG_WARNING, NULL,
			    N_("if they are one, give both spellings one name "
			       "in a names file (--names)"),
			    "%ss '%s' (%s) and '%s' (%s) differ only by %s; "
			    "counted as two",
			    what[t], name_display(u, o), at[0].buf,
			    name_display(u, nw), at[1].buf, p[i].why);
	}
	strbuf_release(&at[0]);
	strbuf_release(&at[1]);
	free(first[0]);
	free(first[1]);
	free(p);
}

void diff_warn_near_across(const struct diff_work *w)
{
	if (w->d->ds[0] == w->d->ds[1]) /* one dataset: warned when read */
		return;
	for (int t = 0; t < NTABLES; t++)
		warn_table(w, t, w->nold[t]);
}
