#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kmap/color.h"
#include "kmap/round.h"
#include "kmap/strbuf.h"
#include "kmap/render.h"
#include "render_internal.h"
#include "kmap/xalloc.h"

size_t display_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		if (n <= 0) {
			p++;
			w++;
			continue;
		}
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		p += n;
	}
	return w;
}

size_t display_truncate(const char *s, size_t width, struct strbuf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
		int cw = n > 0 ? utf8proc_charwidth(cp) : 1;
		if (n <= 0)
			n = 1;
		if (cw < 0)
			cw = 0;
		if (w + (size_t)cw > width)
			break;
		strbuf_add(out, p, (size_t)n);
		w += (size_t)cw;
		p += n;
	}
	return w;
}

const char *cell_human(const struct cell *c, char *buf, size_t size)
{
	switch (c->type) {
	case CELL_TEXT:
		return c->text;
	case CELL_INT:
		snprintf(buf, size, "%lld", c->i);
		return buf;
	case CELL_RATIO:
		snprintf(buf, size, "%d %%", (int)round_half_up(c->d * 100));
		return buf;
	case CELL_DECIMAL:
		snprintf(buf, size, "%.2f", round_half_up(c->d * 100) / 100);
		if (strchr(buf, '.'))
			*strchr(buf, '.') = ',';
		return buf;
	case CELL_DELTA: {
		/* percentage points, with a real minus sign */
		int pp = (int)round_half_up(fabs(c->d) * 100);
		snprintf(buf, size, "%s%d pp",
			 !pp	    ? "±"
			 : c->d < 0 ? "−"
				    : "+",
			 pp);
		return buf;
	}
	default:
		return "–";
	}
}

int render_right_aligned(const struct table *t, size_t col)
{
	if (t->cols[col].right)
		return 1;
	for (size_t r = 0; r < t->nrows; r++) {
		enum cell_type ty = t->cells[r * t->ncols + col].type;
		if (ty == CELL_TEXT)
			return 0;
	}
	return t->nrows > 0 || col > 0;
}

/*
 * A terminal table keeps one line per row: a line break inside a cell (a
 * comment written on two lines in Excel) is shown as " ↵ ", a TAB as a
 * space. Returns s itself when there is nothing to change.
 */
const char *render_one_line(const char *s, struct strbuf *sb)
{
	if (!strpbrk(s, "\r\n\t"))
		return s;
	strbuf_reset(sb);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\r' || *s == '\n')
			strbuf_addstr(sb, " ↵ ");
		else
			strbuf_addch(sb, *s == '\t' ? ' ' : *s);
	}
	return sb->buf;
}

static void markdown_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", fp);
		else if (*s == '\r' && s[1] == '\n')
			continue;
		else if (*s == '\n' || *s == '\r')
			fputs("<br>", fp);
		else
			fputc(*s, fp);
	}
}

static void render_markdown(FILE *fp, const struct table *t)
{
	char buf[64];

	if (t->title)
		fprintf(fp, "%s\n\n", t->title);
	fputc('|', fp);
	for (size_t c = 0; c < t->ncols; c++) {
		fputc(' ', fp);
		markdown_text(fp, t->cols[c].head);
		fputs(" |", fp);
	}
	fputs("\n|", fp);
	for (size_t c = 0; c < t->ncols; c++)
		fputs(render_right_aligned(t, c) ? " ---: |" : " --- |", fp);
	fputc('\n', fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputc('|', fp);
		for (size_t c = 0; c < t->ncols; c++) {
			fputc(' ', fp);
			markdown_text(fp,
				      cell_human(&t->cells[r * t->ncols + c],
						 buf, sizeof(buf)));
			fputs(" |", fp);
		}
		fputc('\n', fp);
	}
}

void csv_write_field(FILE *fp, const char *s, char delim)
{
	int quote = 0;

	/* OWASP: a cell that a spreadsheet would evaluate gets a ' prefix */
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' ||
		      s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	for (const char *p = s; *p && !quote; p++)
		quote = *p == delim || *p == '"' || *p == '\n' || *p == '\r';
	if (!quote) {
		if (formula)
			fputc('\'', fp);
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	if (formula)
		fputc('\'', fp);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	fputc('"', fp);
}

static void csv_number(FILE *fp, const struct cell *c, int excel)
{
	char buf[64];

	switch (c->type) {
	case CELL_INT:
		fprintf(fp, "%lld", c->i);
		return;
	case CELL_RATIO:
	case CELL_DECIMAL:
	case CELL_DELTA:
		snprintf(buf, sizeof(buf), "%.4f",
			 c->d < 0 ? -round4(-c->d) : round4(c->d));
		if (excel && strchr(buf, '.'))
			*strchr(buf, '.') = ',';
		fputs(buf, fp);
		return;
	default:
		return;
	}
}

static void render_csv(FILE *fp, const struct table *t, int excel)
{
	char delim = excel ? ';' : ',';
	const char *eol = excel ? "\r\n" : "\n";

	if (excel)
		fputs("\xEF\xBB\xBF", fp);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputc(delim, fp);
		csv_write_field(fp, t->cols[c].csv_head, delim);
	}
	fputs(eol, fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cell *cell = &t->cells[r * t->ncols + c];
			if (c)
				fputc(delim, fp);
			if (cell->type == CELL_TEXT)
				csv_write_field(fp, cell->text, delim);
			else
				csv_number(fp, cell, excel);
		}
		fputs(eol, fp);
	}
}

void render_table(FILE *fp, const struct table *t, const struct render_opts *o)
{
	switch (o->format) {
	case FORMAT_CSV:
		render_csv(fp, t, o->excel);
		break;
	case FORMAT_MARKDOWN:
		render_markdown(fp, t);
		break;
	default:
		render_text_table(fp, t, o);
	}
}
