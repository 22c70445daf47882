/*
 * diag.h - diagnostics: errors, warnings and notes with a source location.
 *
 * Messages follow SPEC §5: "kmap: error: FILE:LINE:COL: message", then an
 * optional "hint: ..." line. By default they go to stderr. A command that
 * treats problems as data (validate) installs a sink and receives every
 * message instead; nothing is printed then.
 *
 * Modules report through these functions and return a status; they never
 * exit. kmap_error*() return -1 so that a caller can write
 * "return kmap_error_at(&loc, ...);".
 */
#ifndef KMAP_DIAG_H
#define KMAP_DIAG_H

#include <stdarg.h>

#include "kmap/i18n.h"
#include "kmap/kmap.h"
#include "kmap/strbuf.h"

/*
 * A place in an input file. line 0 = whole file; col 0 = whole line.
 * In a workbook a place is a cell: file names the sheet ("plan.xlsx:
 * Kumla"), line is the row and col the column (1 = A) with KMAP_LOC_CELL
 * set, and the place is shown as Excel writes it: "plan.xlsx:Kumla!D7".
 */
struct kmap_loc {
	const char *file; /* as named on the command line; "-" is stdin */
	unsigned long line;
	unsigned long col;
};

#define KMAP_LOC_CELL (1UL << 30)

/* Column 1 = "A", 27 = "AA" into buf (at least 8 bytes). */
void diag_column_letters(unsigned long col, char *buf, size_t size);

/*
 * A note says what kmap did with the input that the user should know
 * (columns it does not use, the line it took as header, the encoding it
 * read) and is shown unless -q; validate lists notes with its findings,
 * and neither counts towards an exit code. An info note is for --verbose
 * only (how a file was read: in two parts, say).
 */
enum diag_severity { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE, DIAG_INFO };

struct diag_msg {
	enum diag_severity severity;
	struct kmap_loc loc; /* loc.file NULL when not about a file */
	const char *text;    /* valid during the sink call only */
	const char *hint;    /* NULL when there is none */
	/* as stderr shows it, in the user's language, when a sink asked
	 * for text and hint in another (diag_set_sink_lang); else NULL */
	const char *local_text, *local_hint;
};

typedef void diag_sink_fn(void *ctx, const struct diag_msg *msg);

/* Sends every later message to fn instead of stderr; NULL restores. */
void diag_set_sink(diag_sink_fn *fn, void *ctx);

/*
 * The language of the text and hint a sink receives, whatever the
 * locale (i18n_gettext_in(): "en" the English source text, "sv"
 * Swedish); NULL, the default, is the user's language. What stderr shows
 * is then in local_text and local_hint. The report's quality section
 * speaks the report's language; validate's JSON is English.
 */
void diag_set_sink_lang(const char *lang);
/* -q: drop warnings and notes. --verbose: show info notes too. */
void diag_set_quiet(int quiet);
void diag_set_verbose(int verbose);
int diag_quiet(void);
int diag_verbose(void);

/*
 * While silenced (calls nest), messages are dropped and not counted: for
 * looking ahead in a file without reporting what is found there.
 */
void diag_silence(int on);

unsigned long diag_error_count(void);
unsigned long diag_warning_count(void);

/*
 * The one reporting function; the others are shorthands for it. fmt and
 * hint are the English text (marked for xgettext: a literal hint as
 * N_("...")), translated here; a message with a count gives both forms
 * and the count to diag_report_n(), which picks the form (ngettext).
 */
void diag_report(enum diag_severity sev, const struct kmap_loc *loc,
		 const char *hint, const char *fmt, ...) KMAP_PRINTF(4, 5);
void diag_vreport(enum diag_severity sev, const struct kmap_loc *loc,
		  const char *hint, const char *fmt, va_list ap)
	KMAP_PRINTF(4, 0);
void diag_report_n(enum diag_severity sev, const struct kmap_loc *loc,
		   const char *hint, unsigned long n, const char *singular,
		   const char *plural, ...) KMAP_PRINTF(5, 7);

/*
 * A message whose one value (a list, say) holds words of its own: value
 * in the user's language, sink_value in diag_sink_lang()'s (NULL: the
 * same). fmt has one %s.
 */
const char *diag_sink_lang(void);
void diag_report_values(enum diag_severity sev, const struct kmap_loc *loc,
			const char *hint, const char *fmt, const char *value,
			const char *sink_value);
/* The same with a count (both forms), and a second %s, rest, that holds
 * no words (NULL when fmt has one %s). */
void diag_report_values_n(enum diag_severity sev, const struct kmap_loc *loc,
			  const char *hint, unsigned long n, const char *fmt,
			  const char *plural, const char *value,
			  const char *sink_value, const char *rest);

/*
 * A hint with values in it: fmt (English, translated here) formatted
 * into a buffer of the calling thread, valid until its next call, and
 * given as the hint of the next message, which shows it in each
 * language it is shown in.
 */
const char *diag_hintf(const char *fmt, ...) KMAP_PRINTF(1, 2);

/*
 * Formats like strbuf_addf(), as every message is: a value quoted as
 * '%s' with more than TEXT_QUOTE_MAX characters (textsafe.h) shows its
 * first TEXT_QUOTE_SHOWN, then "…" and its length in bytes, so that a
 * 900 KB cell is never pasted whole. For text that does not go through
 * diag_report() (usage errors, main's).
 */
void diag_formatf(struct strbuf *sb, const char *fmt, ...) KMAP_PRINTF(2, 3);
void diag_vformatf(struct strbuf *sb, const char *fmt, va_list ap)
	KMAP_PRINTF(2, 0);

int kmap_error(const char *fmt, ...) KMAP_PRINTF(1, 2);
int kmap_error_at(const struct kmap_loc *loc, const char *fmt, ...)
	KMAP_PRINTF(2, 3);
void kmap_warn(const char *fmt, ...) KMAP_PRINTF(1, 2);
void kmap_warn_at(const struct kmap_loc *loc, const char *fmt, ...)
	KMAP_PRINTF(2, 3);
void kmap_note(const char *fmt, ...) KMAP_PRINTF(1, 2);
void kmap_note_at(const struct kmap_loc *loc, const char *fmt, ...)
	KMAP_PRINTF(2, 3);
void kmap_info(const char *fmt, ...) KMAP_PRINTF(1, 2);

/* Prints a message to stderr the way it goes there without a sink. */
void diag_print(const struct diag_msg *m);

/*
 * Formats "FILE:LINE:COL" (the parts that are known) into buf; when it
 * does not fit, the file name is cut at a character boundary with "…"
 * and the line and column are kept, so the text stays valid UTF-8.
 */
void diag_format_loc(char *buf, size_t size, const struct kmap_loc *loc);

#endif
