#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kmap/color.h"
#include "kmap/round.h"
#include "kmap/strbuf.h"
#include "kmap/render.h"
#include "kmap/textsafe.h"
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
 * space; and nothing in a cell can act on the terminal: C1 controls, DEL,
 * bidirectional controls (a comment keeps what the workshop wrote) and
 * noncharacters are shown escaped ("\u202E", textsafe.h). Returns s
 * itself when there is nothing to change.
 */
const char *render_one_line(const char *s, struct strbuf *sb)
{
	struct strbuf safe = STRBUF_INIT;

	if (text_needs_escape(s, strlen(s), TEXT_KEEP_TAB_LF)) {
		text_escape(s, strlen(s), TEXT_KEEP_TAB_LF, &safe);
		s = safe.buf;
	}
	if (!strpbrk(s, "\r\n\t")) {
		if (s == safe.buf) {
			strbuf_reset(sb);
			strbuf_addstr(sb, s);
			s = sb->buf;
		}
		strbuf_release(&safe);
		return s;
	}
	strbuf_reset(sb);
	for (; *s; s++) {
		if (*s == '\r' && s[1] == '\n')
			continue;
		if (*s == '\r' || *s == '\n')
			strbuf_addstr(sb, " ↵ ");
		else
			strbuf_addch(sb, *s == '\t' ? ' ' : *s);
	}
	strbuf_release(&safe);
	return sb->buf;
}

/*
 * Markdown is read by a renderer that turns it into HTML, so text from
 * the files is written so that it renders as the same text and nothing
 * else: no tag or entity (< > & as entities), no link or image ([ and ]
 * backslash-escaped, and a '(' after ']', a '!' before '['), no
 * autolink of a URL (the ':' of "://" and the '.' of "www." as entities;
 * GitHub still links a bare e-mail address to itself, which no escape
 * prevents), no emphasis or code (* _ ` ~), no cell split (|), and at
 * the start of a line no heading, list or quote (# - + "1."). CommonMark
 * (GitHub's cmark-gfm) and Python-Markdown both read every one of these
 * escapes as the character. Controls are escaped as for a terminal first
 * (textsafe.h); a line break in a cell is <br>.
 */
static void markdown_text(FILE *fp, const char *s, int line_start)
{
	struct strbuf safe = STRBUF_INIT;

	if (text_needs_escape(s, strlen(s), TEXT_KEEP_TAB_LF)) {
		text_escape(s, strlen(s), TEXT_KEEP_TAB_LF, &safe);
		s = safe.buf;
	}
	if (line_start) {
		size_t digits = strspn(s, "0123456789");
		if (*s == '#' || *s == '-' || *s == '+')
			fputc('\\', fp);
		else if (digits && (s[digits] == '.' || s[digits] == ')')) {
			fwrite(s, 1, digits, fp);
			fputc('\\', fp);
			s += digits;
		}
	}
	for (const char *p = s; *p; p++) {
		switch (*p) {
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '&':
			fputs("&amp;", fp);
			break;
		case '~':
			fputs("&#126;", fp);
			break;
		case ':':
			fputs(p[1] == '/' && p[2] == '/' ? "&#58;" : ":", fp);
			break;
		case '.':
			fputs(p - s >= 3 && !strncasecmp(p - 3, "www", 3)
				      ? "&#46;"
				      : ".",
			      fp);
			break;
		case '(': /* a link's target follows its text */
			fputs(p > s && p[-1] == ']' ? "\\(" : "(", fp);
			break;
		case '!': /* an image is a link after a '!' */
			fputs(p[1] == '[' ? "\\!" : "!", fp);
			break;
		case '|':
		case '\\':
		case '[':
		case ']':
		case '*':
		case '_':
		case '`':
			fputc('\\', fp);
			fputc(*p, fp);
			break;
		case '\r':
			if (p[1] != '\n')
				fputs("<br>", fp);
			break;
		case '\n':
			fputs("<br>", fp);
			break;
		case '\t':
			fputc(' ', fp);
			break;
		default:
			fputc(*p, fp);
		}
	}
	strbuf_release(&safe);
}

void render_markdown_text(FILE *fp, const char *s)
{
	markdown_text(fp, s, 0);
}

static void render_markdown(FILE *fp, const struct table *t)
{
	char buf[64];

	if (t->title) {
		markdown_text(fp, t->title, 1);
		fputs("\n\n", fp);
	}
	fputc('|', fp);
	for (size_t c = 0; c < t->ncols; c++) {
		fputc(' ', fp);
		markdown_text(fp, t->cols[c].head, 0);
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
						 buf, sizeof(buf)),
				      0);
			fputs(" |", fp);
		}
		fputc('\n', fp);
	}
}

void csv_write_field(FILE *fp, const char *raw, char delim)
{
	struct strbuf safe = STRBUF_INIT;
	const char *s = raw;
	int quote = 0;

	/* as in a terminal: no control, bidirectional control or
	 * noncharacter, whatever a comment holds (textsafe.h) */
	if (text_needs_escape(raw, strlen(raw), TEXT_KEEP_TAB_LF)) {
		text_escape(raw, strlen(raw), TEXT_KEEP_TAB_LF, &safe);
		s = safe.buf;
	}
	/* OWASP: a cell that a spreadsheet would evaluate gets a ' prefix */
	int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' ||
		      s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	for (const char *p = s; *p && !quote; p++)
		quote = *p == delim || *p == '"' || *p == '\n' || *p == '\r';
	if (!quote) {
		if (formula)
			fputc('\'', fp);
		fputs(s, fp);
		strbuf_release(&safe);
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
	strbuf_release(&safe);
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

static void render_csv(FILE *fp, const struct table *t, int excel, int bom,
		       int swedish)
{
	char delim = excel ? ';' : ',';
	const char *eol = excel ? "\r\n" : "\n";

	if (excel && bom)
		fputs("\xEF\xBB\xBF", fp);
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			fputc(delim, fp);
		csv_write_field(fp,
				swedish ? t->cols[c].head : t->cols[c].csv_head,
				delim);
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
		render_csv(fp, t, o->excel, !o->continued, o->swedish);
		break;
	case FORMAT_MARKDOWN:
		render_markdown(fp, t);
		break;
	default:
		render_text_table(fp, t, o);
	}
}
