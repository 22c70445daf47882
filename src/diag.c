#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/diag.h"
#include "kmap/progress.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

/*
 * File names shown escaped (textsafe.h), kept for the whole run: a sink
 * may keep a message's loc.file, which is otherwise a command-line
 * argument. Freed at exit.
 */
struct safe_name {
	struct safe_name *next;
	char *raw, *shown;
};
static struct safe_name *safe_names;

static void free_safe_names(void)
{
	while (safe_names) {
		struct safe_name *n = safe_names->next;
		free(safe_names->raw);
		free(safe_names->shown);
		free(safe_names);
		safe_names = n;
	}
}

static const char *safe_file_name(const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	struct safe_name *n;

	if (!text_needs_escape(file, strlen(file), 0))
		return file;
	for (n = safe_names; n; n = n->next)
		if (!strcmp(n->raw, file))
			return n->shown;
	if (!safe_names)
		atexit(free_safe_names);
	text_escape(file, strlen(file), 0, &sb);
	n = xmalloc(sizeof(*n));
	n->raw = xstrdup(file);
	n->shown = strbuf_detach(&sb, NULL);
	n->next = safe_names;
	safe_names = n;
	return n->shown;
}

static int utf8_start(char c)
{
	return ((unsigned char)c & 0xC0) != 0x80;
}

static diag_sink_fn *sink_fn;
static void *sink_ctx;
static int quiet, verbose, silenced;
static unsigned long errors, warnings;

void diag_set_sink(diag_sink_fn *fn, void *ctx)
{
	sink_fn = fn;
	sink_ctx = ctx;
}

void diag_silence(int on)
{
	silenced += on ? 1 : -1;
}

int diag_quiet(void)
{
	return quiet;
}

void diag_set_quiet(int q)
{
	quiet = q;
}

void diag_set_verbose(int v)
{
	verbose = v;
}

int diag_verbose(void)
{
	return verbose;
}

unsigned long diag_error_count(void)
{
	return errors;
}

unsigned long diag_warning_count(void)
{
	return warnings;
}

void diag_column_letters(unsigned long col, char *buf, size_t size)
{
	char rev[8];
	size_t n = 0;

	col &= ~KMAP_LOC_CELL;
	while (col && n < sizeof(rev)) {
		rev[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < n && i + 1 < size; i++)
		buf[i] = rev[n - 1 - i];
	buf[n < size ? n : size - 1] = '\0';
}

/* "FILE:LINE:COL" (the parts that are known) appended to out. */
static void loc_text(const struct kmap_loc *loc, struct strbuf *out)
{
	if (!loc || !loc->file)
		return;
	strbuf_addstr(out, loc->file);
	if (loc->col & KMAP_LOC_CELL) {
		char letters[8];
		diag_column_letters(loc->col, letters, sizeof(letters));
		/* a whole row has no letters */
		strbuf_addf(out, "!%s%lu", letters, loc->line);
	} else if (loc->line && !loc->col) {
		strbuf_addf(out, ":%lu", loc->line);
	} else if (loc->line) {
		strbuf_addf(out, ":%lu:%lu", loc->line, loc->col);
	}
}

void diag_format_loc(char *buf, size_t size, const struct kmap_loc *loc)
{
	struct strbuf sb = STRBUF_INIT;

	if (!size)
		return;
	loc_text(loc, &sb);
	if (sb.len < size) {
		memcpy(buf, sb.buf, sb.len + 1);
	} else {
		/* too long (a deep path): the name is cut at a character,
		 * with "…", and the line and column kept */
		size_t name = loc->file ? strlen(loc->file) : 0;
		size_t tail = sb.len - name, keep = 0;
		if (size > tail + 4)
			keep = size - tail - 4;
		while (keep && !utf8_start(sb.buf[keep]))
			keep--;
		memcpy(buf, sb.buf, keep);
		if (size > tail + 3) {
			memcpy(buf + keep, "…", 3);
			memcpy(buf + keep + 3, sb.buf + name, tail + 1);
		} else {
			buf[keep] = '\0';
		}
	}
	strbuf_release(&sb);
}

static const char *severity_word(enum diag_severity sev)
{
	switch (sev) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

void diag_print(const struct diag_msg *m)
{
	struct strbuf where = STRBUF_INIT;

	/* whole, however long the path */
	loc_text(&m->loc, &where);
	progress_clear();
	fprintf(stderr, "kmap: %s: %s%s%s\n", severity_word(m->severity),
		where.buf, where.len ? ": " : "", m->text);
	if (m->hint)
		fprintf(stderr, "hint: %s\n", m->hint);
	strbuf_release(&where);
}

static void vreport(enum diag_severity sev, const struct kmap_loc *loc,
		    const char *hint, const char *fmt, va_list ap)
{
	struct strbuf text = STRBUF_INIT, safe_text = STRBUF_INIT;
	struct strbuf safe_hint = STRBUF_INIT;
	struct diag_msg m;

	if (silenced)
		return;
	if (sev == DIAG_ERROR)
		errors++;
	else if (sev == DIAG_WARNING)
		warnings++;
	/* info notes are for --verbose, wherever they go; -q drops
	 * warnings and notes, but a sink (validate, the report's quality
	 * section) keeps what it wants even then */
	if (sev == DIAG_INFO && (quiet || !verbose))
		return;
	if (!sink_fn && (sev == DIAG_WARNING || sev == DIAG_NOTE) && quiet)
		return;
	strbuf_vaddf(&text, fmt, ap);
	m.severity = sev;
	if (loc) {
		m.loc = *loc;
	} else {
		m.loc.file = NULL;
		m.loc.line = m.loc.col = 0;
	}
	/* a message is one line of valid UTF-8 that cannot act on a
	 * terminal, whatever file name or cell text it quotes */
	m.text = text_safe(text.buf, &safe_text);
	m.hint = hint ? text_safe(hint, &safe_hint) : NULL;
	if (m.loc.file)
		m.loc.file = safe_file_name(m.loc.file);
	if (sink_fn)
		sink_fn(sink_ctx, &m);
	else
		diag_print(&m);
	strbuf_release(&text);
	strbuf_release(&safe_text);
	strbuf_release(&safe_hint);
}

void diag_report(enum diag_severity sev, const struct kmap_loc *loc,
		 const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(sev, loc, hint, fmt, ap);
	va_end(ap);
}

int kmap_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_ERROR, NULL, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

int kmap_error_at(const struct kmap_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_ERROR, loc, NULL, fmt, ap);
	va_end(ap);
	return -1;
}

void kmap_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_WARNING, NULL, NULL, fmt, ap);
	va_end(ap);
}

void kmap_warn_at(const struct kmap_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_WARNING, loc, NULL, fmt, ap);
	va_end(ap);
}

void kmap_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_NOTE, NULL, NULL, fmt, ap);
	va_end(ap);
}

void kmap_note_at(const struct kmap_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_NOTE, loc, NULL, fmt, ap);
	va_end(ap);
}

void kmap_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_INFO, NULL, NULL, fmt, ap);
	va_end(ap);
}
