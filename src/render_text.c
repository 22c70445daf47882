/*
 * render_text.c - the terminal table (render.h): columns aligned by
 * display width, and fitted to render_opts.width.
 *
 * A table that fits is written as it is. One that does not is narrowed
 * in steps, each only as far as needed: columns with a short heading
 * take it (the level letters), explained on a line below; free text
 * (COL_FIT_WRAP) is wrapped onto more lines at spaces; names
 * (COL_FIT_NAME) are shortened to "Askersunds k…[1]" and listed in full
 * below the table, as the heatmap does. Numbers are never cut. The title
 * and the lines below are wrapped to the width too, so that a table that
 * can be fitted has no line wider than it.
 *
 * Before any of that, what can leave the grid without loss does:
 * comments (COL_FIT_BLOCK) go under their row, an indented block of
 * "heading: text" wrapped to the width; places (COL_FIT_PLACE) that all
 * name one file show the line alone, the file named below the table. And
 * when names would still be cut, a table that allows it (group_lines)
 * shows its leading grouping columns as a line of their own above each
 * group ("Västmanlands län · Köpings kommun · Sjuksköterska"), the rows
 * indented under it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/color.h"
#include "kmap/render.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"
#include "render_internal.h"

/*
 * How narrow free text and names may get: first to the comfortable
 * width, then, when that is not enough, to the floor.
 */
enum {
	WRAP_MIN = 20,
	WRAP_MID = 14,
	NAME_MIN = 12,
	WRAP_FLOOR = 8,
	NAME_LOW = 8,
	NAME_FLOOR = 6,
	BLOCK_MIN = 30 /* a comment narrower goes under its row */
};

struct layout {
	const struct table *t;
	size_t *w;	   /* column widths */
	int *right;	   /* right-aligned */
	int *use_short;	   /* the short heading is shown */
	size_t *cw;	   /* nrows * ncols: each cell's width as shown */
	uint8_t *distinct; /* ... the first of its text in a name column */
	char **marked;	   /* the shortened names, numbered from 1 */
	size_t nmarked;
	int *hidden;	    /* not in the grid: a block under the row, or a
			       group line */
	size_t *cut;	    /* bytes of "FILE:" a place column leaves out */
	size_t ngroup;	    /* leading columns shown as group lines */
	size_t indent;	    /* of the grid: 2 under group lines */
	size_t gap;	    /* blanks between columns: 2, or 1 at the last */
	struct strbuf one;  /* render_one_line()'s buffer */
	struct strbuf head; /* ... and heading()'s */
};

/*
 * How column c makes room: a place column, and a comment still in the
 * grid, are wrapped like text.
 */
static enum col_fit col_fit(const struct layout *l, size_t c)
{
	enum col_fit f = l->t->cols[c].fit;

	return f == COL_FIT_PLACE || f == COL_FIT_BLOCK ? COL_FIT_WRAP : f;
}

/* Column c's heading as shown: on one line, nothing in it can act. */
static const char *heading(struct layout *l, size_t c)
{
	return render_one_line(l->use_short[c] ? l->t->cols[c].short_head
					       : l->t->cols[c].head,
			       &l->head);
}

/* Cell (r, c) as shown on one line: blank when it repeats the one above. */
static const char *cell_shown(struct layout *l, size_t r, size_t c, char *buf,
			      size_t size)
{
	const struct table *t = l->t;

	const struct cell *cell = &t->cells[r * t->ncols + c];

	if (table_repeated(t, r, c))
		return "";
	if (l->cut && l->cut[c] && cell->type == CELL_TEXT)
		return render_one_line(cell->text + l->cut[c], &l->one);
	return render_one_line(cell_human(cell, buf, size), &l->one);
}

/* The width of every cell, and which names are the first of their text. */
static void cache_cells(struct layout *l)
{
	const struct table *t = l->t;
	size_t n = t->nrows * t->ncols;
	char buf[64];

	free(l->cw);
	free(l->distinct);
	l->cw = xcalloc(n + 1, sizeof(*l->cw));
	l->distinct = xcalloc(n + 1, sizeof(*l->distinct));
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = cell_shown(l, r, c, buf, sizeof(buf));
			size_t i = r * t->ncols + c, seen = 0;
			l->cw[i] = display_width(s);
			if (t->cols[c].fit != COL_FIT_NAME || !*s)
				continue;
			for (size_t q = 0; q < r && !seen; q++) {
				const struct cell *a =
					&t->cells[q * t->ncols + c];
				seen = l->distinct[q * t->ncols + c] &&
				       !strcmp(a->text, s);
			}
			l->distinct[i] = !seen;
		}
	}
}

static size_t total_width(const struct layout *l)
{
	size_t sum = l->indent, shown = 0;

	for (size_t c = 0; c < l->t->ncols; c++)
		if (!l->hidden[c])
			sum += l->w[c] + (shown++ ? l->gap : 0);
	return sum;
}

/* The last column in the grid (its cells are not padded). */
static size_t last_shown(const struct layout *l)
{
	size_t last = 0;

	for (size_t c = 0; c < l->t->ncols; c++)
		if (!l->hidden[c])
			last = c;
	return last;
}

/* The natural widths: the widest heading or cell of each column. */
static void measure(struct layout *l)
{
	const struct table *t = l->t;

	for (size_t c = 0; c < t->ncols; c++) {
		l->w[c] = display_width(heading(l, c));
		for (size_t r = 0; r < t->nrows; r++)
			if (l->cw[r * t->ncols + c] > l->w[c])
				l->w[c] = l->cw[r * t->ncols + c];
	}
}

/*
 * Distinct names of column c exactly width wide (each cut one gets a
 * legend line): what a column of width - 1 shortens anew.
 */
static size_t newly_cut(const struct layout *l, size_t c, size_t width)
{
	const struct table *t = l->t;
	size_t n = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		size_t i = r * t->ncols + c;
		n += l->distinct[i] && l->cw[i] == width;
	}
	return n;
}

/* The distinct names the columns' widths shorten, over the table. */
static size_t names_cut(const struct layout *l)
{
	const struct table *t = l->t;
	size_t n = 0;

	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		n += l->distinct[i] && !l->hidden[i % t->ncols] &&
		     l->cw[i] > l->w[i % t->ncols];
	return n;
}

/*
 * Takes columns of kind fit down one column at a time to no less than
 * min (nor their heading) until the table fits: of names, the column
 * where it shortens the fewest names (then the widest); of text, the
 * widest.
 */
static void shrink(struct layout *l, enum col_fit fit, size_t min, size_t width)
{
	while (total_width(l) > width) {
		size_t best = l->t->ncols, best_cost = 0;
		for (size_t c = 0; c < l->t->ncols; c++) {
			/* a narrowed column may take its short heading */
			const char *h = l->t->cols[c].short_head
						? l->t->cols[c].short_head
						: heading(l, c);
			size_t floor = display_width(h);
			if (floor < min)
				floor = min;
			if (col_fit(l, c) != fit || l->hidden[c] ||
			    l->w[c] <= floor)
				continue;
			size_t cost = fit == COL_FIT_NAME
					      ? newly_cut(l, c, l->w[c])
					      : 0;
			if (best == l->t->ncols || cost < best_cost ||
			    (cost == best_cost && l->w[c] > l->w[best])) {
				best = c;
				best_cost = cost;
			}
		}
		if (best == l->t->ncols)
			return;
		l->w[best]--;
	}
}

/*
 * Narrows the columns, with (all: 1) or without the short headings of the
 * columns that do not narrow (the level letters: all or none of them,
 * so that the headings read alike); names and text take theirs when they
 * are narrowed below their heading.
 */
static void narrow(struct layout *l, size_t width, int all)
{
	const struct table *t = l->t;

	for (size_t c = 0; c < t->ncols; c++)
		l->use_short[c] =
			all && t->cols[c].short_head && !t->cols[c].fit;
	measure(l);
	shrink(l, COL_FIT_WRAP, WRAP_MIN, width);
	/* text wrapped a little more reads better than names cut */
	shrink(l, COL_FIT_WRAP, WRAP_MID, width);
	shrink(l, COL_FIT_NAME, NAME_MIN, width);
	shrink(l, COL_FIT_WRAP, WRAP_FLOOR, width);
	shrink(l, COL_FIT_NAME, NAME_LOW, width);
	/* names shorter than this only at one blank between columns */
	if (l->gap == 1)
		shrink(l, COL_FIT_NAME, NAME_FLOOR, width);
	for (size_t c = 0; c < t->ncols; c++)
		if (t->cols[c].fit && t->cols[c].short_head &&
		    l->w[c] < display_width(t->cols[c].head))
			l->use_short[c] = 1;
}

/*
 * What a narrowed layout costs the reader: each name cut (a legend line
 * to look up) far more than text wrapped narrower than WRAP_MID, column
 * by column.
 */
static size_t cost(const struct layout *l)
{
	const struct table *t = l->t;
	size_t sum = 100 * names_cut(l);

	for (size_t c = 0; c < t->ncols; c++) {
		size_t want = WRAP_MID, widest = 0;
		if (col_fit(l, c) != COL_FIT_WRAP || l->hidden[c])
			continue;
		for (size_t r = 0; r < t->nrows; r++)
			if (l->cw[r * t->ncols + c] > widest)
				widest = l->cw[r * t->ncols + c];
		if (widest < want)
			want = widest;
		if (l->w[c] < want)
			sum += want - l->w[c];
	}
	return sum;
}

/*
 * What a place column's cells all begin with and can leave out: the one
 * file they name ("FILE:" or a workbook's "FILE!" before the line), or
 * else the folder their files share ("data/omgang-2025/"), as a number
 * of bytes; 0 when nothing, or a cell is no place.
 */
static size_t common_file(const struct table *t, size_t c)
{
	const char *first = NULL;
	size_t n = 0, same = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		const struct cell *cell = &t->cells[r * t->ncols + c];
		const char *s = cell->text, *sep;
		size_t k = 0;
		if (cell->type != CELL_TEXT)
			continue;
		sep = s + strlen(s);
		while (sep > s && sep[-1] >= '0' && sep[-1] <= '9')
			sep--;
		if (sep == s + strlen(s) || sep - 1 <= s ||
		    (sep[-1] != ':' && sep[-1] != '!'))
			return 0;
		if (!first) {
			first = s;
			same = n = (size_t)(sep - s);
			continue;
		}
		while (k < same && s[k] == first[k])
			k++;
		same = k;
		if ((size_t)(sep - s) != n)
			n = 0;
	}
	if (n && same == n)
		return n;
	while (same && first[same - 1] != '/')
		same--;
	return same;
}

/* A place column that names one file shows the lines alone. */
static void cut_places(struct layout *l)
{
	const struct table *t = l->t;

	for (size_t c = 0; c < t->ncols; c++)
		if (t->cols[c].fit == COL_FIT_PLACE)
			l->cut[c] = common_file(t, c);
	cache_cells(l);
	measure(l);
}

/*
 * Whether the comments stay in the grid: the table fits with each of
 * them wrapped no narrower than BLOCK_MIN (or its longest), and no name
 * cut. 0 when the table has none.
 */
static int blocks_fit(const struct layout *l, size_t width)
{
	const struct table *t = l->t;
	int any = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		size_t widest = 0;
		if (t->cols[c].fit != COL_FIT_BLOCK)
			continue;
		any = 1;
		for (size_t r = 0; r < t->nrows; r++)
			if (l->cw[r * t->ncols + c] > widest)
				widest = l->cw[r * t->ncols + c];
		if (l->w[c] < (widest < BLOCK_MIN ? widest : BLOCK_MIN))
			return 0;
	}
	return any && total_width(l) <= width && !names_cut(l);
}

/* The comments go under their rows. */
static void take_out_blocks(struct layout *l)
{
	const struct table *t = l->t;

	for (size_t c = 0; c < t->ncols; c++) {
		if (t->cols[c].fit == COL_FIT_BLOCK)
			l->hidden[c] = 1;
		l->use_short[c] = 0;
	}
	l->gap = 2;
	measure(l);
}

/*
 * The leading grouping columns, as many as the table allows
 * (group_lines), that are shown as lines above their groups: how many.
 */
static size_t group_cols(const struct table *t)
{
	size_t n = 0;

	while (n < t->group_lines && n < t->ncols && t->cols[n].group)
		n++;
	return n < t->ncols ? n : 0;
}

/*
 * The short headings are taken when they spare the reader (names cut,
 * text wrapped tight: cost()) - a legend line reads better than
 * shortened names - or are needed for the table to fit.
 */
static void fit_columns(struct layout *l, size_t width)
{
	const struct table *t = l->t;
	size_t plain_total, plain_cost;
	int any = 0;

	for (size_t c = 0; c < t->ncols; c++)
		any |= t->cols[c].short_head && !t->cols[c].fit;
	narrow(l, width, 0);
	plain_total = total_width(l);
	plain_cost = cost(l);
	if (any && (plain_total > width || plain_cost)) {
		narrow(l, width, 1);
		if (plain_total <= width && total_width(l) <= width &&
		    plain_cost <= cost(l))
			narrow(l, width, 0);
	}
	/* the last resort: one blank between columns */
	if (total_width(l) > width) {
		l->gap = 1;
		narrow(l, width, any);
	}
}

static void fit(struct layout *l, size_t width)
{
	const struct table *t = l->t;
	size_t ng = group_cols(t);

	measure(l);
	if (!width || total_width(l) <= width)
		return;
	cut_places(l);
	if (total_width(l) <= width)
		return;
	fit_columns(l, width);
	if (blocks_fit(l, width))
		return;
	take_out_blocks(l);
	if (total_width(l) <= width)
		return;
	fit_columns(l, width);
	if (!ng || (total_width(l) <= width && !names_cut(l)))
		return;
	/* the groups on lines of their own, the rows under them */
	for (size_t c = 0; c < ng; c++)
		l->hidden[c] = 1;
	l->ngroup = ng;
	l->indent = 2;
	l->gap = 2;
	for (size_t c = 0; c < t->ncols; c++)
		l->use_short[c] = 0;
	measure(l);
	if (total_width(l) > width)
		fit_columns(l, width);
}

/* The number of a shortened name, given on first use. */
static size_t mark_of(struct layout *l, const char *name)
{
	for (size_t i = 0; i < l->nmarked; i++)
		if (!strcmp(l->marked[i], name))
			return i + 1;
	l->marked =
		xreallocarray(l->marked, l->nmarked + 1, sizeof(*l->marked));
	l->marked[l->nmarked++] = xstrdup(name);
	return l->nmarked;
}

/* name in width columns: itself, or its start and "…[k]". */
static void shorten(struct layout *l, const char *name, size_t width,
		    struct strbuf *out)
{
	char mark[32];
	size_t mw;

	strbuf_reset(out);
	if (display_width(name) <= width) {
		strbuf_addstr(out, name);
		return;
	}
	snprintf(mark, sizeof(mark), "…[%zu]", mark_of(l, name));
	mw = display_width(mark);
	display_truncate(name, width > mw ? width - mw : 0, out);
	/* no space before the ellipsis */
	while (out->len && out->buf[out->len - 1] == ' ')
		out->buf[--out->len] = '\0';
	strbuf_addstr(out, mark);
}

/* Whether the word at s belongs to the one before it: "·", "%", "%)". */
static int glued(const char *s)
{
	size_t n = strcspn(s, " ");

	return (n == strlen("·") && !strncmp(s, "·", n)) ||
	       (n && s[0] == '%' && n <= 3);
}

/* Appends line (with its NUL) to lines; returns 1. */
static size_t add_line(struct strbuf *lines, struct strbuf *line, size_t *lw)
{
	strbuf_add(lines, line->buf, line->len + 1);
	strbuf_reset(line);
	*lw = 0;
	return 1;
}

/*
 * Wraps s at spaces, the first line to first columns and the others to
 * rest (a word wider than its line is cut): appends each line to lines,
 * NUL-terminated; returns how many (at least 1).
 */
static size_t wrap(const char *s, size_t first, size_t rest,
		   struct strbuf *lines)
{
	struct strbuf line = STRBUF_INIT, word = STRBUF_INIT;
	size_t n = 0, lw = 0;

	strbuf_reset(lines);
	while (*s) {
		size_t len = strcspn(s, " ");
		strbuf_reset(&word);
		strbuf_add(&word, s, len);
		s += len;
		while (*s == ' ')
			s++;
		/* a separator " · " ends a line, never starts one, and
		 * "50 %" stays on one line */
		while (glued(s)) {
			size_t g = strcspn(s, " ");
			strbuf_addch(&word, ' ');
			strbuf_add(&word, s, g);
			s += g;
			while (*s == ' ')
				s++;
		}
		const char *p = word.buf;
		size_t ww = display_width(p);
		size_t width = n ? rest : first;
		if (lw && lw + 1 + ww > width)
			n += add_line(lines, &line, &lw);
		width = (n ? rest : first) ? (n ? rest : first) : 1;
		while (ww > width - (lw ? lw + 1 : 0)) {
			/* a word wider than a line: cut it */
			struct strbuf part = STRBUF_INIT;
			if (lw)
				n += add_line(lines, &line, &lw);
			width = (n ? rest : first) ? (n ? rest : first) : 1;
			size_t pw = display_truncate(p, width, &part);
			if (!part.len) { /* a character wider than the line */
				strbuf_release(&part);
				break;
			}
			p += part.len;
			ww -= pw;
			n += add_line(lines, &part, &lw);
			strbuf_release(&part);
		}
		if (*p) {
			if (lw)
				strbuf_addch(&line, ' ');
			strbuf_addstr(&line, p);
			lw += (lw ? 1 : 0) + display_width(p);
		}
	}
	if (lw || !n)
		n += add_line(lines, &line, &lw);
	strbuf_release(&line);
	strbuf_release(&word);
	return n;
}

void render_put_wrapped(FILE *fp, const char *s, size_t width, size_t indent)
{
	struct strbuf lines = STRBUF_INIT, safe = STRBUF_INIT;
	size_t n;

	/* a title or a name in a legend: nothing in it can act */
	s = render_one_line(s, &safe);
	if (!width || display_width(s) <= width) {
		fprintf(fp, "%s\n", s);
		strbuf_release(&safe);
		return;
	}
	n = wrap(s, width, width > indent + 1 ? width - indent : 1, &lines);
	for (const char *p = lines.buf; n--; p += strlen(p) + 1)
		fprintf(fp, "%*s%s\n", p == lines.buf ? 0 : (int)indent, "", p);
	strbuf_release(&lines);
	strbuf_release(&safe);
}

static void pad(struct strbuf *sb, size_t n)
{
	while (n--)
		strbuf_addch(sb, ' ');
}

static void put_heading_line(FILE *fp, struct layout *l,
			     const struct render_opts *o)
{
	const struct table *t = l->t;
	size_t last = last_shown(l), shown = 0;

	fprintf(fp, "%*s", (int)l->indent, "");
	for (size_t c = 0; c < t->ncols; c++) {
		if (l->hidden[c])
			continue;
		const char *h = heading(l, c);
		size_t cw = display_width(h);
		if (shown++)
			fprintf(fp, "%*s", (int)l->gap, "");
		if (l->right[c])
			fprintf(fp, "%*s", (int)(l->w[c] - cw), "");
		if (o->color && t->cols[c].color)
			color_fg(fp, t->cols[c].color,
				 (enum color_depth)o->color);
		fputs(h, fp);
		if (o->color && t->cols[c].color)
			color_reset(fp);
		if (!l->right[c] && c < last)
			fprintf(fp, "%*s", (int)(l->w[c] - cw), "");
	}
	fputc('\n', fp);
}

/*
 * One row: its first line holds every cell, as wide as its column; a
 * wrapped cell goes on below, on lines of its own.
 */
static void put_row(FILE *fp, struct layout *l, size_t r)
{
	const struct table *t = l->t;
	struct strbuf *text = xcalloc(t->ncols, sizeof(*text));
	size_t *nlines = xcalloc(t->ncols, sizeof(*nlines));
	const char **at = xcalloc(t->ncols, sizeof(*at));
	struct strbuf line = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t most = 1, last = last_shown(l);
	char buf[64];

	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = cell_shown(l, r, c, buf, sizeof(buf));
		strbuf_init(&text[c]);
		nlines[c] = 1;
		if (l->hidden[c]) {
			strbuf_add(&text[c], "", 1);
		} else if (col_fit(l, c) == COL_FIT_WRAP &&
			   display_width(s) > l->w[c]) {
			nlines[c] = wrap(s, l->w[c], l->w[c], &text[c]);
		} else if (t->cols[c].fit == COL_FIT_NAME) {
			shorten(l, s, l->w[c], &tmp);
			strbuf_add(&text[c], tmp.buf, tmp.len + 1);
		} else {
			strbuf_add(&text[c], s, strlen(s) + 1);
		}
		at[c] = text[c].buf;
		if (nlines[c] > most)
			most = nlines[c];
	}
	for (size_t i = 0; i < most; i++) {
		size_t shown = 0;
		strbuf_reset(&line);
		pad(&line, l->indent);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = i < nlines[c] ? at[c] : "";
			size_t cw = display_width(s);
			if (l->hidden[c])
				continue;
			if (shown++)
				pad(&line, l->gap);
			if (l->right[c])
				pad(&line, l->w[c] - cw);
			strbuf_addstr(&line, s);
			if (!l->right[c] && c < last)
				pad(&line, l->w[c] - cw);
			if (i < nlines[c])
				at[c] += strlen(at[c]) + 1;
		}
		/* the lines a wrapped cell adds end in text */
		while (i && line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		fprintf(fp, "%s\n", line.buf);
	}
	for (size_t c = 0; c < t->ncols; c++)
		strbuf_release(&text[c]);
	strbuf_release(&line);
	strbuf_release(&tmp);
	free(text);
	free(nlines);
	free(at);
}

/*
 * Items joined by " · ", as many to a line as width allows (a line ends
 * with the " ·"), the lines after the first indented by 2; an item wider
 * than a line is wrapped on its own.
 */
static void put_items(FILE *fp, const char *const *items, size_t n,
		      size_t width)
{
	struct strbuf line = STRBUF_INIT;
	size_t lw = 0;

	for (size_t i = 0; i < n; i++) {
		size_t w = display_width(items[i]);
		size_t room = width > 2 ? width - 2 : 1; /* for a " ·" */
		if (lw && lw + 3 + w + (i + 1 < n ? 2 : 0) > width) {
			fprintf(fp, "%s ·\n", line.buf);
			strbuf_reset(&line);
			strbuf_addstr(&line, "  ");
			lw = 2;
		} else if (lw) {
			strbuf_addstr(&line, " · ");
			lw += 3;
		}
		if (lw + w > room && (!lw || lw == 2)) {
			/* too wide for any line: wrapped on its own */
			if (lw)
				fputs("  ", fp);
			render_put_wrapped(fp, items[i], width - lw, 0);
			strbuf_reset(&line);
			lw = 0;
			continue;
		}
		strbuf_addstr(&line, items[i]);
		lw += w;
	}
	if (lw)
		fprintf(fp, "%s\n", line.buf);
	strbuf_release(&line);
}

/*
 * s at indent, wrapped to width, its further lines 2 deeper: a group
 * line or a block under a row.
 */
static void put_indented(FILE *fp, const char *s, size_t width, size_t indent)
{
	struct strbuf lines = STRBUF_INIT;
	size_t first = width > indent + 8 ? width - indent : 8;
	size_t rest = first > 2 + 8 ? first - 2 : first;
	size_t n = wrap(s, width ? first : (size_t)-1 / 2,
			width ? rest : (size_t)-1 / 2, &lines);

	for (const char *p = lines.buf; n--; p += strlen(p) + 1)
		fprintf(fp, "%*s%s\n",
			(int)(p == lines.buf ? indent : indent + 2), "", p);
	strbuf_release(&lines);
}

/* Above row r when its group begins: the group's names, joined by " · ". */
static void put_group_line(FILE *fp, struct layout *l, size_t r, size_t width)
{
	const struct table *t = l->t;
	struct strbuf sb = STRBUF_INIT, one = STRBUF_INIT;
	char buf[64];

	if (!l->ngroup || (r && table_repeated(t, r, l->ngroup - 1)))
		return;
	for (size_t c = 0; c < l->ngroup; c++) {
		const struct cell *cell = &t->cells[r * t->ncols + c];
		if (cell->type == CELL_NULL)
			continue;
		if (sb.len)
			strbuf_addstr(&sb, " · ");
		strbuf_addstr(
			&sb, render_one_line(cell_human(cell, buf, sizeof(buf)),
					     &one));
	}
	put_indented(fp, sb.buf, width, 0);
	strbuf_release(&sb);
	strbuf_release(&one);
}

/*
 * Whether row r's text of block column c, a grouping column, is the one
 * above it in the same group (of the leading grouping columns): shown
 * once.
 */
static int block_repeated(const struct table *t, size_t r, size_t c)
{
	const struct cell *a = &t->cells[r * t->ncols + c];
	const struct cell *b = &t->cells[(r ? r - 1 : 0) * t->ncols + c];
	size_t lead = 0;

	if (!r || !t->cols[c].group || b->type != CELL_TEXT ||
	    strcmp(a->text, b->text))
		return 0;
	while (lead < t->ncols && t->cols[lead].group)
		lead++;
	return lead && lead < c && table_repeated(t, r, lead - 1);
}

/*
 * Under row r: its text of the columns out of the grid, each
 * "heading: text", as many to a line as fit (joined by " · "); one too
 * long for a line is wrapped on lines of its own. A grouping column's
 * text is shown once for the rows that repeat it.
 */
static void put_blocks(FILE *fp, struct layout *l, size_t r, size_t width)
{
	const struct table *t = l->t;
	struct strbuf item = STRBUF_INIT, line = STRBUF_INIT;
	struct strbuf one = STRBUF_INIT;
	size_t indent = l->indent + 2, lw = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		const struct cell *cell = &t->cells[r * t->ncols + c];
		if (!l->hidden[c] || t->cols[c].fit != COL_FIT_BLOCK ||
		    cell->type != CELL_TEXT || !*cell->text ||
		    block_repeated(t, r, c))
			continue;
		strbuf_reset(&item);
		strbuf_addf(&item,
			    "%s: ", render_one_line(t->cols[c].head, &one));
		strbuf_addstr(&item, render_one_line(cell->text, &one));
		size_t w = display_width(item.buf);
		if (lw && (!width || indent + lw + 3 + w <= width)) {
			strbuf_addf(&line, " · %s", item.buf);
			lw += 3 + w;
			continue;
		}
		if (lw)
			fprintf(fp, "%*s%s\n", (int)indent, "", line.buf);
		strbuf_reset(&line);
		lw = 0;
		if (width && indent + w > width) {
			put_indented(fp, item.buf, width, indent);
			continue;
		}
		strbuf_addstr(&line, item.buf);
		lw = w;
	}
	if (lw)
		fprintf(fp, "%*s%s\n", (int)indent, "", line.buf);
	strbuf_release(&item);
	strbuf_release(&line);
	strbuf_release(&one);
}

/*
 * Below the table: the short headings and the files of the place
 * columns, then the shortened names.
 */
static void put_legends(FILE *fp, struct layout *l, size_t width)
{
	const struct table *t = l->t;
	struct strbuf sb = STRBUF_INIT;
	char **items = xcalloc(2 * t->ncols + 1, sizeof(*items));
	size_t n = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		if (!l->use_short[c] || l->hidden[c])
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s = %s", t->cols[c].short_head,
			    t->cols[c].head);
		items[n++] = xstrdup(sb.buf);
	}
	for (size_t c = 0; c < t->ncols; c++) {
		const struct cell *cell = NULL;
		if (!l->cut[c] || l->hidden[c])
			continue;
		for (size_t r = 0; r < t->nrows && !cell; r++)
			if (t->cells[r * t->ncols + c].type == CELL_TEXT)
				cell = &t->cells[r * t->ncols + c];
		if (!cell)
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s: ", t->cols[c].head);
		/* the file without its ':', or the folder */
		strbuf_add(&sb, cell->text,
			   l->cut[c] - (cell->text[l->cut[c] - 1] != '/'));
		items[n++] = xstrdup(render_one_line(sb.buf, &l->one));
	}
	if (n)
		put_items(fp, (const char *const *)items, n,
			  width ? width : (size_t)-1 / 2);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	for (size_t i = 0; i < l->nmarked; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "[%zu] %s", i + 1, l->marked[i]);
		render_put_wrapped(fp, sb.buf, width, 4);
	}
	strbuf_release(&sb);
}

void render_text_table(FILE *fp, const struct table *t,
		       const struct render_opts *o)
{
	struct layout l = { 0 };

	l.t = t;
	l.gap = 2;
	l.w = xcalloc(t->ncols + 1, sizeof(*l.w));
	l.right = xcalloc(t->ncols + 1, sizeof(*l.right));
	l.use_short = xcalloc(t->ncols + 1, sizeof(*l.use_short));
	l.hidden = xcalloc(t->ncols + 1, sizeof(*l.hidden));
	l.cut = xcalloc(t->ncols + 1, sizeof(*l.cut));
	strbuf_init(&l.one);
	strbuf_init(&l.head);
	for (size_t c = 0; c < t->ncols; c++)
		l.right[c] = render_right_aligned(t, c);
	cache_cells(&l);
	fit(&l, o->width);
	if (t->title)
		render_put_wrapped(fp, t->title, o->width, 0);
	put_heading_line(fp, &l, o);
	for (size_t r = 0; r < t->nrows; r++) {
		put_group_line(fp, &l, r, o->width);
		put_row(fp, &l, r);
		put_blocks(fp, &l, r, o->width);
	}
	put_legends(fp, &l, o->width);
	strbuf_release(&l.one);
	strbuf_release(&l.head);
	free(l.w);
	free(l.right);
	free(l.use_short);
	free(l.hidden);
	free(l.cut);
	free(l.cw);
	free(l.distinct);
	for (size_t i = 0; i < l.nmarked; i++)
		free(l.marked[i]);
	free(l.marked);
}
