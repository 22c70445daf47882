#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

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

/*
 * A value of a message, quoted ('%s') or not: whole, or cut (textsafe.h)
 * with "…" and its length in lang (NULL: the user's language). For a
 * quoted one the opening quote is written; this writes the closing one.
 */
static void add_value(struct strbuf *sb, const char *lang, const char *v,
		      int quoted)
{
	size_t len = strlen(v);
	size_t cut = quoted ? text_quote_cut(v, len, TEXT_QUOTE_MAX,
					     TEXT_QUOTE_SHOWN)
			    : text_quote_cut(v, len, TEXT_VALUE_MAX,
					     TEXT_VALUE_SHOWN);

	strbuf_add(sb, v, cut);
	if (cut == len) {
		if (quoted)
			strbuf_addch(sb, '\'');
		return;
	}
	strbuf_addstr(sb, quoted ? "…' " : "… ");
	if (lang)
		strbuf_addf(sb,
			    i18n_ngettext_in(lang, "(%zu byte)", "(%zu bytes)",
					     len),
			    len);
	else
		strbuf_addf(sb, i18n_ngettext("(%zu byte)", "(%zu bytes)", len),
			    len);
}

/*
 * vsnprintf for messages, but every value of a plain %s goes through
 * add_value(): one place caps what a message quotes of its input, so
 * that a 900 KB cell is never pasted whole into a message or into
 * validate's JSON. The conversions are printf's (kmap's formats use
 * flags, widths, precisions and h l ll z j t L); each is handed to
 * strbuf_addf() with its own argument.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void msg_vaddf(struct strbuf *sb, const char *lang, const char *fmt,
		      va_list *ap)
{
	const char *f = fmt;

	while (*f) {
		const char *pct = strchr(f, '%'), *q, *len;
		int star[2] = { 0, 0 }, nstar = 0;
		char spec[32];
		size_t sl;

		if (!pct) {
			strbuf_addstr(sb, f);
			return;
		}
		strbuf_add(sb, f, (size_t)(pct - f));
		q = pct + 1;
		if (*q == '%') {
			strbuf_addch(sb, '%');
			f = q + 1;
			continue;
		}
		q += strspn(q, "-+ #0'");
		if (*q == '*') {
			star[nstar++] = va_arg(*ap, int);
			q++;
		}
		q += strspn(q, "0123456789");
		if (*q == '.') {
			q++;
			if (*q == '*') {
				star[nstar++] = va_arg(*ap, int);
				q++;
			}
			q += strspn(q, "0123456789");
		}
		len = q;
		q += strspn(q, "hlLjzt");
		sl = (size_t)(q + 1 - pct);
		if (!*q || sl >= sizeof(spec)) {
			strbuf_addstr(sb, pct); /* not a conversion */
			return;
		}
		memcpy(spec, pct, sl);
		spec[sl] = '\0';
		f = q + 1;
#define ADD(v)                                                                 \
	do {                                                                   \
		if (nstar == 2)                                                \
			strbuf_addf(sb, spec, star[0], star[1], v);            \
		else if (nstar == 1)                                           \
			strbuf_addf(sb, spec, star[0], v);                     \
		else                                                           \
			strbuf_addf(sb, spec, v);                              \
	} while (0)
		switch (*q) {
		case 's': {
			const char *v = va_arg(*ap, const char *);
			int quoted = pct > fmt && pct[-1] == '\'' && *f == '\'';
			if (sl != 2 || !v) {
				ADD(v);
			} else {
				add_value(sb, lang, v, quoted);
				f += quoted;
			}
			break;
		}
		case 'd':
		case 'i':
			if (*len == 'l' && len[1] == 'l')
				ADD(va_arg(*ap, long long));
			else if (*len == 'l')
				ADD(va_arg(*ap, long));
			else if (*len == 'z')
				ADD(va_arg(*ap, ssize_t));
			else if (*len == 'j')
				ADD(va_arg(*ap, intmax_t));
			else if (*len == 't')
				ADD(va_arg(*ap, ptrdiff_t));
			else
				ADD(va_arg(*ap, int));
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (*len == 'l' && len[1] == 'l')
				ADD(va_arg(*ap, unsigned long long));
			else if (*len == 'l')
				ADD(va_arg(*ap, unsigned long));
			else if (*len == 'z')
				ADD(va_arg(*ap, size_t));
			else if (*len == 'j')
				ADD(va_arg(*ap, uintmax_t));
			else if (*len == 't')
				ADD(va_arg(*ap, ptrdiff_t));
			else
				ADD(va_arg(*ap, unsigned));
			break;
		case 'c':
			ADD(va_arg(*ap, int));
			break;
		case 'e':
		case 'E':
		case 'f':
		case 'F':
		case 'g':
		case 'G':
		case 'a':
		case 'A':
			if (*len == 'L')
				ADD(va_arg(*ap, long double));
			else
				ADD(va_arg(*ap, double));
			break;
		case 'p':
			ADD(va_arg(*ap, void *));
			break;
		default:
			strbuf_add(sb, pct, sl); /* as written */
			break;
		}
#undef ADD
	}
}
#pragma GCC diagnostic pop

void diag_vformatf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list mine;

	va_copy(mine, ap);
	msg_vaddf(sb, NULL, fmt, &mine);
	va_end(mine);
}

void diag_formatf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vaddf(sb, NULL, fmt, &ap);
	va_end(ap);
}

static void msg_addf(struct strbuf *sb, const char *lang, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msg_vaddf(sb, lang, fmt, &ap);
	va_end(ap);
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

/* msg_vaddf(), cut at a character when it does not fit */
static void format_hint(char *buf, const char *lang, const char *fmt,
			va_list *ap)
{
	struct strbuf sb = STRBUF_INIT;
	size_t at;

	msg_vaddf(&sb, lang, fmt, ap);
	at = sb.len;
	if (at >= HINT_MAX) {
		at = HINT_MAX - 1;
		while (at && !utf8_start(sb.buf[at]))
			at--;
	}
	memcpy(buf, sb.buf, at);
	buf[at] = '\0';
	strbuf_release(&sb);
}

const char *diag_hintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (sink_lang) {
		va_list ap2;
		va_copy(ap2, ap);
		format_hint(hint_sink, sink_lang,
			    i18n_gettext_in(sink_lang, fmt), &ap2);
		va_end(ap2);
	}
	format_hint(hint_local, NULL, _(fmt), &ap);
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
	va_list mine;

	if (!admit(sev))
		return;
	if (sink_fn && sink_lang) {
		va_list ap2;
		va_copy(ap2, ap);
		msg_vaddf(&other, sink_lang,
			  plural ? i18n_ngettext_in(sink_lang, fmt, plural, n)
				 : i18n_gettext_in(sink_lang, fmt),
			  &ap2);
		va_end(ap2);
		other_hint = hint_in(sink_lang, hint);
	}
	/* ap is a parameter: its address is no va_list's (C11 7.16) */
	va_copy(mine, ap);
	msg_vaddf(&text, NULL, plural ? i18n_ngettext(fmt, plural, n) : _(fmt),
		  &mine);
	va_end(mine);
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
		msg_addf(&other, sink_lang,
			 plural ? i18n_ngettext_in(sink_lang, fmt, plural, n)
				: i18n_gettext_in(sink_lang, fmt),
			 sink_value ? sink_value : value, rest);
		other_hint = hint_in(sink_lang, hint);
	}
	msg_addf(&text, NULL, plural ? i18n_ngettext(fmt, plural, n) : _(fmt),
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
