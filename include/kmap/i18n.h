/*
 * i18n.h - kmap's messages in the user's language (gettext).
 *
 * Every message is written in English in the source and looked up in the
 * "kmap" catalogue (po/sv.po, compiled to LOCALEDIR/sv/LC_MESSAGES/
 * kmap.mo) at the moment it is shown: in the C locale, or with LANG
 * unset, a message is the English text unchanged. The catalogue is found
 * in $KMAP_LOCALEDIR when that is set (the tests use the build tree's),
 * else in the LOCALEDIR compiled in (make install puts it there).
 *
 * Numbers stay locale-independent: LC_NUMERIC is always "C", so printf
 * and strtod read and write a decimal point whatever the locale.
 *
 * _(s) translates s into the user's language; N_(s) only marks s for
 * xgettext, for a string that is translated later (a hint handed to
 * diag_report(), which translates it); NN_(s, p) marks the two forms of a
 * message with a count. i18n_gettext_in() translates into
 * a language named by the caller instead, whatever the locale: the
 * report's data-quality section speaks the report's language and
 * validate's JSON stays English (diag_set_sink_lang()).
 */
#ifndef KMAP_I18N_H
#define KMAP_I18N_H

#define _(s) i18n_gettext(s)
#define N_(s) s
/* a singular and its plural, for a table: { NN_("%d cell", "%d cells") } */
#define NN_(s, p) s, p

/* setlocale(LC_ALL, ""), LC_NUMERIC "C", and the catalogue bound. */
void i18n_init(void);

/* The catalogue's folder: $KMAP_LOCALEDIR, else LOCALEDIR. */
const char *i18n_localedir(void);

/* In the user's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). */
const char *i18n_gettext(const char *msgid);
const char *i18n_ngettext(const char *msgid, const char *plural,
			  unsigned long n);

/*
 * In the language lang ("en": the English source text; "sv": the Swedish
 * catalogue, read directly, so that it needs no Swedish locale). A
 * language without a catalogue gives the English text.
 */
/* Reads lang's catalogue now (the first use would otherwise). */
void i18n_load(const char *lang);
const char *i18n_gettext_in(const char *lang, const char *msgid);
const char *i18n_ngettext_in(const char *lang, const char *msgid,
			     const char *plural, unsigned long n);

#endif
