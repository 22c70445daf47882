/*
 * render_grid.c - the heatmap as a grid for a terminal (render.h): cells
 * centred under their headings, a coloured cell filled to its width, and
 * the grid fitted to the width by shortening long occupation names, which
 * a legend then gives in full; plain lines end in text, so piped output
 * has no trailing blanks. Names are shown escaped (textsafe.h): nothing
 * in one can act on the terminal.
 */
#include <stdlib.h>

#include "kmap/color.h"
#include "kmap/heatmap.h"
#include "kmap/render.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

/* The narrowest an occupation name is shortened to. */
enum { MIN_NAME_WIDTH = 12, DEFAULT_WIDTH = 80 };

struct grid {
	const struct heatmap *hm;
	char **text; /* nrows * ncols cell texts */
	int *mode;   /* nrows * ncols modal levels */
	char **head; /* ncols headings */
	size_t *cw;  /* ncols widths, with a space either side */
	size_t nw;   /* the name column */
};

static void pad(FILE *fp, size_t n)
{
	while (n--)
		fputc(' ', fp);
}

/* s centred in width columns; trail: pad the right side too. */
static void centred(FILE *fp, const char *s, size_t width, int trail)
{
	size_t w = display_width(s), left = w < width ? (width - w) / 2 : 0;

	pad(fp, left);
	fputs(s, fp);
	if (trail)
		pad(fp, w + left < width ? width - w - left : 0);
}

static void grid_build(struct grid *g, const struct heatmap *hm, int counts,
		       size_t want)
{
	const struct dataset *ds = hm->a->ds;
	size_t n = (size_t)hm->nrows * hm->ncols, used = 0;
	struct strbuf sb = STRBUF_INIT;

	g->hm = hm;
	g->text = xcalloc(n + 1, sizeof(*g->text));
	g->mode = xcalloc(n + 1, sizeof(*g->mode));
	g->head = xcalloc(hm->ncols + 1, sizeof(*g->head));
	g->cw = xcalloc(hm->ncols + 1, sizeof(*g->cw));
	for (uint32_t c = 0; c < hm->ncols; c++) {
		/* organisations are numbered, their names below */
		if (hm->by_org || hm->by_attr)
			strbuf_reset(&sb), strbuf_addf(&sb, "%u", c + 1);
		else
			heatmap_col_label(hm, c, &sb);
		g->head[c] = xstrdup(sb.buf);
		g->cw[c] = display_width(sb.buf);
	}
	for (uint32_t r = 0; r < hm->nrows; r++) {
		size_t w = display_width(text_safe(
			name_display(&ds->occupations, hm->occupations[r]),
			&sb));
		if (w > g->nw)
			g->nw = w;
		for (uint32_t c = 0; c < hm->ncols; c++) {
			size_t i = (size_t)r * hm->ncols + c;
			g->mode[i] = heatmap_cell_text(
				hm, heatmap_cell(hm, r, c), counts, &sb);
			g->text[i] = xstrdup(sb.buf);
			if (display_width(sb.buf) > g->cw[c])
				g->cw[c] = display_width(sb.buf);
		}
	}
	for (uint32_t c = 0; c < hm->ncols; c++) {
		g->cw[c] += 2;
		used += 1 + g->cw[c];
	}
	if (g->nw < display_width("yrke"))
		g->nw = display_width("yrke");
	size_t width = want ? want : DEFAULT_WIDTH;
	size_t room = width > used ? width - used : 0;
	if (g->nw > room)
		g->nw = room > MIN_NAME_WIDTH ? room : MIN_NAME_WIDTH;
	strbuf_release(&sb);
}

static void grid_release(struct grid *g)
{
	size_t n = (size_t)g->hm->nrows * g->hm->ncols;

	for (size_t i = 0; i < n; i++)
		free(g->text[i]);
	for (uint32_t c = 0; c < g->hm->ncols; c++)
		free(g->head[c]);
	free(g->text);
	free(g->mode);
	free(g->head);
	free(g->cw);
}

/* The name, shortened to the name column with a "…[k]" mark if needed. */
static int write_name(FILE *fp, const struct grid *g, const char *raw,
		      int *marks)
{
	struct strbuf sb = STRBUF_INIT, safe = STRBUF_INIT;
	char mark[24];
	const char *name = text_safe(raw, &safe);
	size_t w = display_width(name);

	if (w <= g->nw) {
		fputs(name, fp);
		pad(fp, g->nw - w);
		strbuf_release(&safe);
		return 0;
	}
	snprintf(mark, sizeof(mark), "…[%d]", ++*marks);
	size_t mw = display_width(mark);
	w = display_truncate(name, g->nw > mw ? g->nw - mw : 0, &sb);
	/* no space before the ellipsis */
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0', w--;
	fputs(sb.buf, fp);
	fputs(mark, fp);
	pad(fp, g->nw > w + mw ? g->nw - w - mw : 0);
	strbuf_release(&sb);
	strbuf_release(&safe);
	return 1;
}

/*
 * The levels' colours and letters, as many to a line as width allows,
 * then "ej aktuellt" when a cell shows it (na), then what a cell shows,
 * wrapped to width.
 */
static void legend(FILE *fp, const struct scale *sc, int counts, int na,
		   enum color_depth depth, size_t width)
{
	struct strbuf sb = STRBUF_INIT;
	size_t used = 0;

	for (size_t l = 0; l <= sc->nlevels; l++) {
		const char *letter =
			l < sc->nlevels ? sc->levels[l].letter : "–";
		const char *label =
			l < sc->nlevels ? sc->levels[l].label : " ej bedömt";
		/* " X  label", two spaces between items, three before "–" */
		size_t sep = !used ? 0 : l < sc->nlevels ? 2 : 3;
		size_t w = display_width(letter) + (l < sc->nlevels ? 3 : 1) +
			   display_width(label);
		if (used && used + sep + w > width) {
			fputc('\n', fp);
			used = sep = 0;
		}
		pad(fp, sep);
		if (l < sc->nlevels) {
			color_cell(fp, sc->levels[l].color, depth);
			fprintf(fp, " %s ", letter);
			if (depth)
				color_reset(fp);
			fprintf(fp, " %s", label);
		} else {
			fprintf(fp, "%s %s", letter, label);
		}
		used += sep + w;
	}
	if (na) {
		/* "·  ej aktuellt", three spaces before it, as before "–" */
		size_t w = 1 + 2 + display_width("ej aktuellt");
		if (used && used + 3 + w > width) {
			fputc('\n', fp);
			used = 0;
		} else {
			pad(fp, 3);
		}
		fputs("·  ej aktuellt", fp);
	}
	fputc('\n', fp);
	if (counts) {
		strbuf_addstr(&sb, "cellerna: antal ");
		for (size_t l = 0; l < sc->nlevels; l++)
			strbuf_addf(&sb, "%s%s", l ? "/" : "",
				    sc->levels[l].label);
		strbuf_addstr(&sb,
			      "; färg: den vanligaste (lika många: den sämre)");
	} else {
		strbuf_addstr(&sb, "varje cell: den vanligaste bedömningen "
				   "(lika många: den sämre)");
	}
	render_put_wrapped(fp, sb.buf, width, 2);
	strbuf_release(&sb);
}

void render_heatmap_grid(FILE *fp, const struct heatmap *hm, const char *title,
			 int counts, size_t width, int color)
{
	const struct dataset *ds = hm->a->ds;
	enum color_depth depth = (enum color_depth)color;
	struct grid g = { 0 };
	struct strbuf sb = STRBUF_INIT;
	int marks = 0;

	grid_build(&g, hm, counts, width);
	render_put_wrapped(fp, title, width ? width : DEFAULT_WIDTH, 0);
	fputs("yrke", fp);
	pad(fp, g.nw - display_width("yrke"));
	for (uint32_t c = 0; c < hm->ncols; c++) {
		fputc(' ', fp);
		centred(fp, g.head[c], g.cw[c], c + 1 < hm->ncols);
	}
	fputc('\n', fp);
	for (uint32_t r = 0; r < hm->nrows; r++) {
		write_name(fp, &g,
			   name_display(&ds->occupations, hm->occupations[r]),
			   &marks);
		/* plain lines end in text: no blanks after the last cell */
		uint32_t end = hm->ncols;
		while (!depth && end &&
		       !*g.text[(size_t)r * hm->ncols + end - 1])
			end--;
		for (uint32_t c = 0; c < end; c++) {
			size_t i = (size_t)r * hm->ncols + c;
			fputc(' ', fp);
			if (g.mode[i])
				color_cell(
					fp,
					ds->scale->levels[g.mode[i] - 1].color,
					depth);
			/* a coloured cell is filled to its width */
			centred(fp, g.text[i], g.cw[c],
				c + 1 < end || (g.mode[i] && depth));
			if (g.mode[i] && depth)
				color_reset(fp);
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
	if (!width)
		width = DEFAULT_WIDTH;
	legend(fp, ds->scale, counts, heatmap_has_na(hm), depth, width);
	/* the shortened names in full, then the organisations' numbers */
	struct strbuf line = STRBUF_INIT;
	marks = 0;
	for (uint32_t r = 0; r < hm->nrows; r++) {
		const char *name = text_safe(
			name_display(&ds->occupations, hm->occupations[r]),
			&sb);
		if (display_width(name) <= g.nw)
			continue;
		strbuf_reset(&line);
		strbuf_addf(&line, "[%d] %s", ++marks, name);
		render_put_wrapped(fp, line.buf, width, 4);
	}
	struct strbuf label = STRBUF_INIT;
	for (uint32_t c = 0; (hm->by_org || hm->by_attr) && c < hm->ncols;
	     c++) {
		heatmap_col_label(hm, c, &label);
		strbuf_reset(&line);
		strbuf_addf(&line, "%2u  %s", c + 1, label.buf);
		render_put_wrapped(fp, line.buf, width, 4);
	}
	strbuf_release(&label);
	strbuf_release(&sb);
	strbuf_release(&line);
	grid_release(&g);
}
