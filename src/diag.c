#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/diag.h"
#include "kmap/i18n.h"
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
static const char *sink_lang;
static int quiet, verbose, silenced;
static unsigned long errors, warnings;

void diag_set_sink(diag_sink_fn *fn, void *ctx)
{
	sink_fn = fn;
	sink_ctx = ctx;
}

void diag_set_sink_lang(const char *lang)
{
	sink_lang = lang;
	/* read its catalogue now, before any reader thread starts */
	if (lang)
		i18n_load(lang);
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
		return _("error");
	case DIAG_WARNING:
		return _("warning");
	default:
		return _("note");
	}
}

void diag_print(const struct diag_msg *m)
{
	struct strbuf where = STRBUF_INIT;
	const char *text = m->local_text ? m->local_text : m->text;
	const char *hint = m->local_text ? m->local_hint : m->hint;

	/* whole, however long the path */
	loc_text(&m->loc, &where);
	progress_clear();
	fprintf(stderr, "kmap: %s: %s%s%s\n", severity_word(m->severity),
		where.buf, where.len ? ": " : "", text);
	if (hint)
		fprintf(stderr, _("hint: %s\n"), hint);
	strbuf_release(&where);
}

/*
 * The hint diag_hintf() formatted last on this thread, in the user's
 * language and in the sink's. Fixed buffers: a reader thread's hint
 * needs nothing freed when the thread ends.
 */
enum { HINT_MAX = 1024 };
static _Thread_local char hint_local[HINT_MAX], hint_sink[HINT_MAX];

/* vsnprintf, cut at a character when it does not fit */
static void format_hint(char *buf, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, HINT_MAX, fmt, ap);

	if (n >= HINT_MAX) {
		size_t at = HINT_MAX - 1;
		while (at && !utf8_start(buf[at]))
			at--;
		buf[at] = '\0';
	}
}

const char *diag_hintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (sink_lang) {
		va_list ap2;
		va_copy(ap2, ap);
		format_hint(hint_sink, i18n_gettext_in(sink_lang, fmt), ap2);
		va_end(ap2);
	}
	format_hint(hint_local, _(fmt), ap);
	va_end(ap);
	return hint_local;
}

/* Counts a message; 0 when it is dropped (silenced, -q, not --verbose). */
static int admit(enum diag_severity sev)
{
	if (silenced)
		return 0;
	if (sev == DIAG_ERROR)
		errors++;
	else if (sev == DIAG_WARNING)
		warnings++;
	/* info notes are for --verbose, wherever they go; -q drops
	 * warnings and notes, but a sink (validate, the report's quality
	 * section) keeps what it wants even then */
	if (sev == DIAG_INFO && (quiet || !verbose))
		return 0;
	if (!sink_fn && (sev == DIAG_WARNING || sev == DIAG_NOTE) && quiet)
		return 0;
	return 1;
}

/*
 * Sends one message: text and hint in the user's language, other and
 * other_hint in the sink's when it asked for a language (else unused).
 */
static void deliver(enum diag_severity sev, const struct kmap_loc *loc,
		    const char *text, const char *hint, const char *other,
		    const char *other_hint)
{
	struct strbuf safe_text = STRBUF_INIT, safe_hint = STRBUF_INIT;
	struct strbuf safe_other = STRBUF_INIT, safe_other_hint = STRBUF_INIT;
	struct diag_msg m;

	m.severity = sev;
	if (loc) {
		m.loc = *loc;
	} else {
		m.loc.file = NULL;
		m.loc.line = m.loc.col = 0;
	}
	/* a message is one line of valid UTF-8 that cannot act on a
	 * terminal, whatever file name or cell text it quotes */
	m.text = text_safe(text, &safe_text);
	m.hint = hint ? text_safe(hint, &safe_hint) : NULL;
	m.local_text = m.local_hint = NULL;
	if (sink_fn && sink_lang) {
		m.local_text = m.text;
		m.local_hint = m.hint;
		m.text = text_safe(other, &safe_other);
		m.hint = other_hint ? text_safe(other_hint, &safe_other_hint)
				    : NULL;
	}
	if (m.loc.file)
		m.loc.file = safe_file_name(m.loc.file);
	if (sink_fn)
		sink_fn(sink_ctx, &m);
	else
		diag_print(&m);
	strbuf_release(&safe_text);
	strbuf_release(&safe_hint);
	strbuf_release(&safe_other);
	strbuf_release(&safe_other_hint);
}

/* A hint in the user's language, and in lang. */
static const char *local_hint(const char *hint)
{
	return hint && hint != hint_local ? _(hint) : hint;
}

static const char *hint_in(const char *lang, const char *hint)
{
	if (hint == hint_local)
		return hint_sink;
	return hint ? i18n_gettext_in(lang, hint) : NULL;
}

/*
 * Formats and sends one message: fmt (or, with a count, singular or
 * plural) and hint are the English text, translated here into the
 * user's language, and into the sink's when it asked for another.
 */
static void vreport(enum diag_severity sev, const struct kmap_loc *loc,
		    const char *hint, unsigned long n, const char *fmt,
		    const char *plural, va_list ap)
{
	struct strbuf text = STRBUF_INIT, other = STRBUF_INIT;
	const char *other_hint = NULL;

	if (!admit(sev))
		return;
	if (sink_fn && sink_lang) {
		va_list ap2;
		va_copy(ap2, ap);
		strbuf_vaddf(
			&other,
			plural ? i18n_ngettext_in(sink_lang, fmt, plural, n)
			       : i18n_gettext_in(sink_lang, fmt),
			ap2);
		va_end(ap2);
		other_hint = hint_in(sink_lang, hint);
	}
	strbuf_vaddf(&text, plural ? i18n_ngettext(fmt, plural, n) : _(fmt),
		     ap);
	deliver(sev, loc, text.buf, local_hint(hint), other.buf, other_hint);
	strbuf_release(&text);
	strbuf_release(&other);
}

const char *diag_sink_lang(void)
{
	return sink_fn ? sink_lang : NULL;
}

void diag_report_values_n(enum diag_severity sev, const struct kmap_loc *loc,
			  const char *hint, unsigned long n, const char *fmt,
			  const char *plural, const char *value,
			  const char *sink_value, const char *rest)
{
	struct strbuf text = STRBUF_INIT, other = STRBUF_INIT;
	const char *other_hint = NULL;

	if (!admit(sev))
		return;
	if (sink_fn && sink_lang) {
		strbuf_addf(&other,
			    plural ? i18n_ngettext_in(sink_lang, fmt, plural, n)
				   : i18n_gettext_in(sink_lang, fmt),
			    sink_value ? sink_value : value, rest);
		other_hint = hint_in(sink_lang, hint);
	}
	strbuf_addf(&text, plural ? i18n_ngettext(fmt, plural, n) : _(fmt),
		    value, rest);
	deliver(sev, loc, text.buf, local_hint(hint), other.buf, other_hint);
	strbuf_release(&text);
	strbuf_release(&other);
}

void diag_report_values(enum diag_severity sev, const struct kmap_loc *loc,
			const char *hint, const char *fmt, const char *value,
			const char *sink_value)
{
	diag_report_values_n(sev, loc, hint, 0, fmt, NULL, value, sink_value,
			     NULL);
}

void diag_report(enum diag_severity sev, const struct kmap_loc *loc,
		 const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(sev, loc, hint, 0, fmt, NULL, ap);
	va_end(ap);
}

void diag_vreport(enum diag_severity sev, const struct kmap_loc *loc,
		  const char *hint, const char *fmt, va_list ap)
{
	vreport(sev, loc, hint, 0, fmt, NULL, ap);
}

void diag_report_n(enum diag_severity sev, const struct kmap_loc *loc,
		   const char *hint, unsigned long n, const char *singular,
		   const char *plural, ...)
{
	va_list ap;

	va_start(ap, plural);
	vreport(sev, loc, hint, n, singular, plural, ap);
	va_end(ap);
}

int kmap_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_ERROR, NULL, NULL, 0, fmt, NULL, ap);
	va_end(ap);
	return -1;
}

int kmap_error_at(const struct kmap_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_ERROR, loc, NULL, 0, fmt, NULL, ap);
	va_end(ap);
	return -1;
}

void kmap_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_WARNING, NULL, NULL, 0, fmt, NULL, ap);
	va_end(ap);
}

void kmap_warn_at(const struct kmap_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_WARNING, loc, NULL, 0, fmt, NULL, ap);
	va_end(ap);
}

void kmap_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_NOTE, NULL, NULL, 0, fmt, NULL, ap);
	va_end(ap);
}

void kmap_note_at(const struct kmap_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_NOTE, loc, NULL, 0, fmt, NULL, ap);
	va_end(ap);
}

void kmap_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_INFO, NULL, NULL, 0, fmt, NULL, ap);
	va_end(ap);
}
