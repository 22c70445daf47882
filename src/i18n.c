/*
 * i18n.c - messages through gettext (i18n.h).
 *
 * The user's language is glibc's gettext. A language the caller names
 * (the report's --lang) is read from that language's .mo file here: the
 * format is GNU gettext's (a header of seven 32-bit words, then two tables
 * of (length, offset) pairs, the originals sorted), small enough to
 * search without libintl, and libintl would choose the language from the
 * locale and LANGUAGE, which a report in another language must not
 * follow.
 */
#include <libintl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/i18n.h"
#include "kmap/xalloc.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "kmap"

const char *i18n_localedir(void)
{
	const char *dir = getenv("KMAP_LOCALEDIR");

	return dir && *dir ? dir : LOCALEDIR;
}

void i18n_init(void)
{
	setlocale(LC_ALL, "");
	/* numbers in every output are written and read with a '.' */
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(DOMAIN, i18n_localedir());
	/* kmap's text is UTF-8 whatever the locale's character set */
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

const char *i18n_gettext(const char *msgid)
{
	return dgettext(DOMAIN, msgid);
}

const char *i18n_ngettext(const char *msgid, const char *plural,
			  unsigned long n)
{
	return dngettext(DOMAIN, msgid, plural, n);
}

/* One language's catalogue, read whole; kept for the run. */
struct catalog {
	char lang[8];
	unsigned char *data;
	size_t size;
	uint32_t n, originals, translations;
	int swap;
};

static struct catalog catalogs[4];
static size_t ncatalogs;

static void free_catalogs(void)
{
	for (size_t i = 0; i < ncatalogs; i++)
		free(catalogs[i].data);
	ncatalogs = 0;
}

static uint32_t word(const struct catalog *c, size_t off)
{
	uint32_t w;

	memcpy(&w, c->data + off, 4);
	if (c->swap)
		w = (w >> 24) | ((w >> 8) & 0xff00) | ((w << 8) & 0xff0000) |
		    (w << 24);
	return w;
}

/* A string of a table: NULL when it does not lie inside the file. */
static const char *entry(const struct catalog *c, uint32_t table, uint32_t i,
			 uint32_t *len)
{
	size_t at = (size_t)table + (size_t)i * 8;
	uint32_t off;

	if (at + 8 > c->size)
		return NULL;
	*len = word(c, at);
	off = word(c, at + 4);
	if ((size_t)off + *len >= c->size || c->data[off + *len] != '\0')
		return NULL;
	return (const char *)c->data + off;
}

static void load(struct catalog *c, const char *lang)
{
	char path[4096];
	FILE *fp;
	long size;

	memset(c, 0, sizeof(*c));
	snprintf(c->lang, sizeof(c->lang), "%s", lang);
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/" DOMAIN ".mo",
		 i18n_localedir(), lang);
	fp = fopen(path, "rb");
	if (!fp)
		return;
	if (fseek(fp, 0, SEEK_END) || (size = ftell(fp)) < 28 ||
	    fseek(fp, 0, SEEK_SET)) {
		fclose(fp);
		return;
	}
	c->data = xmalloc((size_t)size);
	c->size = (size_t)size;
	if (fread(c->data, 1, c->size, fp) != c->size) {
		free(c->data);
		c->data = NULL;
	}
	fclose(fp);
	if (!c->data)
		return;
	if (word(c, 0) != 0x950412de) {
		c->swap = 1;
		if (word(c, 0) != 0x950412de) {
			free(c->data);
			c->data = NULL;
			return;
		}
	}
	c->n = word(c, 8);
	c->originals = word(c, 12);
	c->translations = word(c, 16);
}

static const struct catalog *catalog(const char *lang)
{
	for (size_t i = 0; i < ncatalogs; i++)
		if (!strcmp(catalogs[i].lang, lang))
			return &catalogs[i];
	if (ncatalogs == sizeof(catalogs) / sizeof(catalogs[0]))
		return NULL;
	if (!ncatalogs)
		atexit(free_catalogs);
	load(&catalogs[ncatalogs], lang);
	return &catalogs[ncatalogs++];
}

void i18n_load(const char *lang)
{
	if (strcmp(lang, "en"))
		catalog(lang);
}

/* The translation of msgid (its forms, NUL-separated), or NULL. */
static const char *lookup(const char *lang, const char *msgid, uint32_t *len)
{
	const struct catalog *c;
	uint32_t lo = 0, hi;

	if (!strcmp(lang, "en") || !(c = catalog(lang)) || !c->data)
		return NULL;
	hi = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, olen;
		const char *o = entry(c, c->originals, mid, &olen);
		int cmp;
		if (!o)
			return NULL;
		/* a plural entry's original is "singular\0plural" */
		cmp = strcmp(msgid, o);
		if (!cmp) {
			const char *t = entry(c, c->translations, mid, len);
			return t && *len ? t : NULL;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * The languages kmap is translated into (sv) have two forms, singular for
 * 1 and plural otherwise, as English has: plural=(n != 1).
 */
const char *i18n_ngettext_in(const char *lang, const char *msgid,
			     const char *plural, unsigned long n)
{
	uint32_t len;
	const char *t = msgid && *msgid ? lookup(lang, msgid, &len) : NULL;

	if (!t)
		return n == 1 ? msgid : plural;
	if (n != 1) {
		size_t first = strlen(t);
		if (first < len)
			return t + first + 1;
		return plural;
	}
	return t;
}

const char *i18n_gettext_in(const char *lang, const char *msgid)
{
	uint32_t len;
	const char *t = msgid && *msgid ? lookup(lang, msgid, &len) : NULL;

	return t ? t : msgid;
}
