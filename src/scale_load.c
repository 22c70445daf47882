/*
 * scale_load.c - reading a rating scale from a JSON file (--scale FILE).
 *
 * Planning support outside kmap rates on other scales (Socialstyrelsen's
 * brist / balans / överskott, say); a scale file lets the same workshop be
 * counted on any of them. Every value is checked before it is used, because
 * the strings end up in terminals, CSV headers, JSON keys, HTML and SVG:
 * keys are lower-case ASCII, colours exactly #RRGGBB, letters one column
 * wide, and no two levels can be told apart by the same word.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utf8proc.h>

#include "kmap/color.h"
#include "kmap/jsontext.h"
#include "kmap/diag.h"
#include "kmap/encoding.h"
#include "kmap/names.h"
#include "kmap/scale.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

/* A scale file is a few hundred bytes; this only guards a wrong path. */
enum { SCALE_FILE_MAX = 1 << 20, KEY_MAX = 32, LABEL_MAX = 64 };

/*
 * Member and column names that sit next to level keys in kmap's JSON and
 * CSV: a level key equal to one would make two columns alike. Level keys
 * also make the columns share_<key> and from_<key>_to_<key>, and diff's
 * old_/new_ columns, so no key may start that way either.
 */
static const char *const reserved_keys[] = {
	"missing",
	"rated",
	"shares",
	"risk_share",
	"index",
	"spread",
	"agreement",
	"brist_organisations",
	"change",
	"compared",
	"worse",
	"same",
	"better",
	"mode",
	"region",
	"organisation",
	"occupation",
	"period",
	"total",
	"label",
	"level",
	"key",
	"transitions",
	"cells",
	"current",
	"current_period",
	"letter",
	"rank",
	"critical",
	"risk",
	"risk_change",
	"comment",
	"file",
	"layout",
	"encoding",
	"delimiter",
	"rows",
	"records",
	"location",
	"severity",
	"message",
	"hint",
	"from",
	"to",
	"old",
	"new",
	"old_line",
	"new_line",
	"old_comment",
	"new_comment",
	"round",
	"code",
	"not_applicable",
	"n",
	"raters",
	"count",
	"share",
};
static const char *const reserved_prefixes[] = { "share_", "from_", "old_",
						 "new_" };

struct loader {
	const char *path;
	struct scale *s;
	struct strbuf tmp;
};

static int fail(struct loader *L, const char *where, const char *fmt, ...)
	KMAP_PRINTF(3, 4);

static int fail(struct loader *L, const char *where, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	diag_vformatf(&msg, _(fmt), ap);
	va_end(ap);
	kmap_error("%s: %s%s%s", L->path, where ? where : "", where ? ": " : "",
		   msg.buf);
	strbuf_release(&msg);
	return -1;
}

static char *read_file(const char *path, size_t *len)
{
	enum json_read_fail why;
	char *text = json_text_read(path, SCALE_FILE_MAX, len, &why);

	if (text)
		return text;
	if (why == JSON_READ_OPEN)
		kmap_error("%s: cannot open scale file: %s", path,
			   strerror(errno));
	else if (why == JSON_READ_IO)
		kmap_error("%s: cannot read scale file: %s", path,
			   strerror(errno));
	else
		kmap_error("%s: not a scale file: larger than 1 MiB", path);
	return NULL;
}

/* Reports a JSON syntax error at the line and column where cJSON stopped. */
static void syntax_error(const char *path, const char *text, const char *at)
{
	struct kmap_loc loc = json_text_position(path, text, at);

	kmap_error_at(&loc, "not valid JSON here (a scale file is a JSON "
			    "object; see data/scale-kmap.json)");
}

/* The members of obj must all be named in allowed, each at most once. */
static int check_members(struct loader *L, const char *where, const cJSON *obj,
			 const char *const *allowed)
{
	for (const cJSON *m = obj->child; m; m = m->next) {
		size_t i;
		for (i = 0; allowed[i]; i++)
			if (!strcmp(m->string, allowed[i]))
				break;
		if (!allowed[i]) {
			struct strbuf list = STRBUF_INIT;
			for (i = 0; allowed[i]; i++)
				strbuf_addf(&list, "%s%s", i ? ", " : "",
					    allowed[i]);
			fail(L, where, "unknown member '%s' (expected %s)",
			     m->string, list.buf);
			strbuf_release(&list);
			return -1;
		}
		for (const cJSON *o = obj->child; o != m; o = o->next)
			if (!strcmp(o->string, m->string))
				return fail(L, where, "member '%s' twice",
					    m->string);
	}
	return 0;
}

/*
 * A string member: valid UTF-8, no control characters (C0, DEL, C1, the
 * bidirectional ones) and no noncharacter U+FFFE/U+FFFF, 1..max chars:
 * it is shown in terminals, messages, JSON and XML as it is.
 */
static const char *check_text(struct loader *L, const char *where,
			      const char *name, const char *text, size_t max)
{
	utf8proc_int32_t cp;
	size_t nchars = 0;

	for (const char *p = text; *p; nchars++) {
		utf8proc_ssize_t n =
			utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		if (n <= 0)
			return fail(L, where, "'%s' is not valid UTF-8", name),
			       NULL;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		    text_is_bidi_control(cp) || cp == 0xFFFE || cp == 0xFFFF)
			return fail(L, where, "'%s' has a control character",
				    name),
			       NULL;
		p += n;
	}
	if (!nchars || nchars > max)
		return fail(L, where, "'%s' must have 1 to %zu characters",
			    name, max),
		       NULL;
	return text;
}

static const char *text_member(struct loader *L, const char *where,
			       const cJSON *obj, const char *name, size_t max)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!v)
		return fail(L, where, "'%s' is missing", name), NULL;
	if (!cJSON_IsString(v))
		return fail(L, where, "'%s' must be a string", name), NULL;
	return check_text(L, where, name, v->valuestring, max);
}

static int check_key(struct loader *L, const char *where, const char *key)
{
	size_t len = strlen(key);

	if (len > KEY_MAX || key[0] < 'a' || key[0] > 'z' ||
	    strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_") != len)
		return fail(L, where,
			    "key '%s' must be lower-case ASCII letters, digits "
			    "and '_', starting with a letter (it names JSON "
			    "members and CSV columns)",
			    key);
	for (size_t i = 0; i < ARRAY_SIZE(reserved_keys); i++)
		if (!strcmp(key, reserved_keys[i]))
			return fail(L, where,
				    "key '%s' is a name kmap's outputs use "
				    "for something else",
				    key);
	for (size_t i = 0; i < ARRAY_SIZE(reserved_prefixes); i++)
		if (!strncmp(key, reserved_prefixes[i],
			     strlen(reserved_prefixes[i])))
			return fail(L, where,
				    "key '%s' starts like columns kmap's "
				    "outputs make of other keys ('%s...')",
				    key, reserved_prefixes[i]);
	return 0;
}

static int check_letter(struct loader *L, const char *where, const char *letter)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n =
		utf8proc_iterate((const utf8proc_uint8_t *)letter, -1, &cp);

	if (n <= 0 || letter[n] || utf8proc_charwidth(cp) != 1)
		return fail(L, where,
			    "letter '%s' must be one character one column "
			    "wide (the heatmap cells show it)",
			    letter);
	return 0;
}

static int check_color(struct loader *L, const char *where, const char *c)
{
	unsigned rgb[3];

	if (color_parse(c, rgb))
		return fail(L, where, "color '%s' must be #RRGGBB", c);
	return 0;
}

/*
 * Adds word to the level's aliases unless the level has it already; a
 * word of another level is an error, since a cell could then be either.
 */
static int add_alias(struct loader *L, const char *where, size_t level,
		     const char *word)
{
	struct scale *s = L->s;
	struct scale_level *lv = &s->levels[level];
	int other;
	size_t n = 0;

	switch (scale_match(s, word, strlen(word), &other, &L->tmp)) {
	case SCALE_LEVEL:
		if ((size_t)other == level + 1)
			return 0;
		return fail(L, where, "'%s' already names level %d (%s)", word,
			    other, s->levels[other - 1].label);
	case SCALE_MISSING:
		return fail(L, where,
			    "'%s' cannot name a level: an empty cell or '-' "
			    "is a missing rating",
			    word);
	case SCALE_NA:
		return fail(L, where,
			    "'%s' cannot name a level: it is a word of "
			    "\"not_applicable\"",
			    word);
	case SCALE_EXCEL_ERROR:
		return fail(L, where, "'%s' is an Excel error value", word);
	case SCALE_UNKNOWN:
		break;
	}
	while (lv->aliases[n])
		n++;
	if (n + 1 >= SCALE_MAX_ALIASES)
		return fail(L, where,
			    "more than %d words (label, key and aliases) for "
			    "one level",
			    SCALE_MAX_ALIASES - 1);
	lv->aliases[n] = xstrdup(word);
	return 0;
}

/*
 * A workbook fill colour of level i: a family word ("red") or #RRGGBB,
 * in no other level.
 */
static int add_fill(struct loader *L, const char *where, size_t i,
		    const char *text)
{
	static const char *const families[] = { "red", "orange", "yellow",
						"green", "blue" };
	static const unsigned bits[] = { SCALE_FILL_RED, SCALE_FILL_ORANGE,
					 SCALE_FILL_YELLOW, SCALE_FILL_GREEN,
					 SCALE_FILL_BLUE };
	struct scale_level *lv = &L->s->levels[i];
	unsigned rgb[3];

	for (size_t f = 0; f < ARRAY_SIZE(families); f++) {
		if (strcmp(text, families[f]))
			continue;
		for (size_t j = 0; j < i; j++)
			if (L->s->levels[j].fill_families & bits[f])
				return fail(L, where,
					    "colour '%s' is also levels[%zu]'s",
					    text, j);
		lv->fill_families |= bits[f];
		return 0;
	}
	if (text[0] != '#' || color_parse(text, rgb))
		return fail(L, where,
			    "'%s' is neither #RRGGBB nor one of red, orange, "
			    "yellow, green, blue",
			    text);
	uint32_t c = (uint32_t)rgb[0] << 16 | rgb[1] << 8 | rgb[2];
	for (size_t j = 0; j <= i; j++)
		for (size_t k = 0; k < L->s->levels[j].nfills; k++)
			if (L->s->levels[j].fills[k] == c)
				return fail(L, where,
					    "colour '%s' is also levels[%zu]'s",
					    text, j);
	if (lv->nfills == SCALE_MAX_FILLS)
		return fail(L, where, "more than %d colours for one level",
			    SCALE_MAX_FILLS);
	lv->fills[lv->nfills++] = c;
	return 0;
}

static int load_fills(struct loader *L, const char *where, size_t i,
		      const cJSON *fills)
{
	const cJSON *a;
	size_t k = 0;

	if (!fills)
		return 0;
	if (!cJSON_IsArray(fills))
		return fail(L, where,
			    "'fills' must be a list of colours (\"#RRGGBB\", "
			    "\"red\", ...)");
	cJSON_ArrayForEach(a, fills)
	{
		char w[48];
		snprintf(w, sizeof(w), "%s.fills[%zu]", where, k++);
		if (!cJSON_IsString(a))
			return fail(L, w, "must be a string");
		if (add_fill(L, w, i, a->valuestring))
			return -1;
	}
	return 0;
}

static int load_level(struct loader *L, size_t i, const cJSON *obj)
{
	static const char *const members[] = { "key",	"label", "letter",
					       "color", "risk",	 "aliases",
					       "fills", NULL };
	struct scale_level *lv = &L->s->levels[i];
	const char *key, *label, *letter, *color;
	const cJSON *risk, *aliases, *a;
	char where[32];
	size_t k = 0;

	snprintf(where, sizeof(where), "levels[%zu]", i);
	if (!cJSON_IsObject(obj))
		return fail(L, where, "must be an object");
	if (check_members(L, where, obj, members) ||
	    !(key = text_member(L, where, obj, "key", KEY_MAX)) ||
	    check_key(L, where, key) ||
	    !(label = text_member(L, where, obj, "label", LABEL_MAX)) ||
	    !(letter = text_member(L, where, obj, "letter", 1)) ||
	    check_letter(L, where, letter) ||
	    !(color = text_member(L, where, obj, "color", LABEL_MAX)) ||
	    check_color(L, where, color))
		return -1;
	for (size_t j = 0; j < i; j++) {
		if (!strcmp(L->s->levels[j].key, key))
			return fail(L, where, "key '%s' is also levels[%zu]'s",
				    key, j);
		if (!strcmp(L->s->levels[j].letter, letter))
			return fail(L, where,
				    "letter '%s' is also levels[%zu]'s (the "
				    "letters tell levels apart without colour)",
				    letter, j);
	}
	risk = cJSON_GetObjectItemCaseSensitive(obj, "risk");
	if (!cJSON_IsBool(risk))
		return fail(L, where, "'risk' must be true or false");
	lv->key = xstrdup(key);
	lv->label = xstrdup(label);
	lv->letter = xstrdup(letter);
	lv->color = xstrdup(color);
	lv->risk = cJSON_IsTrue(risk);
	L->s->nlevels = i + 1;
	if (add_alias(L, where, i, label) || add_alias(L, where, i, key))
		return -1;
	if (load_fills(L, where, i,
		       cJSON_GetObjectItemCaseSensitive(obj, "fills")))
		return -1;
	aliases = cJSON_GetObjectItemCaseSensitive(obj, "aliases");
	if (!aliases)
		return 0;
	if (!cJSON_IsArray(aliases))
		return fail(L, where, "'aliases' must be a list of words");
	cJSON_ArrayForEach(a, aliases)
	{
		char w[48];
		snprintf(w, sizeof(w), "%s.aliases[%zu]", where, k++);
		if (!cJSON_IsString(a))
			return fail(L, w, "must be a string");
		if (names_loose_key(a->valuestring, strlen(a->valuestring),
				    &L->tmp))
			return fail(L, w, "is not valid UTF-8");
		if (add_alias(L, w, i, a->valuestring))
			return -1;
	}
	return 0;
}

/*
 * The words of "not applicable": the file's list when it has one ([] for
 * none), else the built-in words. Each must differ from every level's
 * words, from a missing cell and from an Excel error value.
 */
static int load_na_words(struct loader *L, const cJSON *list)
{
	const char *const *builtin = scale_default()->na_words;
	size_t n = 0, k = 0;
	const cJSON *w;

	if (list && !cJSON_IsArray(list))
		return fail(L, NULL,
			    "'not_applicable' must be a list of words "
			    "(Ej aktuellt, E/A, ...), [] for none");
	for (;; k++) {
		const char *word;
		char where[48];
		int level = 0;
		if (list) {
			if (!(w = cJSON_GetArrayItem(list, (int)k)))
				break;
			snprintf(where, sizeof(where), "not_applicable[%zu]",
				 k);
			if (!cJSON_IsString(w))
				return fail(L, where, "must be a string");
			if (!check_text(L, where, "word", w->valuestring,
					LABEL_MAX))
				return -1;
			word = w->valuestring;
		} else {
			if (!builtin[k])
				break;
			snprintf(where, sizeof(where), "not_applicable");
			word = builtin[k];
		}
		switch (scale_match(L->s, word, strlen(word), &level,
				    &L->tmp)) {
		case SCALE_NA:
			continue; /* said twice */
		case SCALE_LEVEL:
			if (list)
				return fail(L, where,
					    "'%s' already names level %d (%s)",
					    word, level,
					    L->s->levels[level - 1].label);
			return fail(L, where,
				    "'%s' already names level %d (%s); it is a "
				    "built-in word for not applicable: a "
				    "\"not_applicable\" list names the scale's "
				    "own",
				    word, level, L->s->levels[level - 1].label);
		case SCALE_MISSING:
			return fail(L, where,
				    "'%s' is a missing rating (an empty cell "
				    "or '-')",
				    word);
		case SCALE_EXCEL_ERROR:
			return fail(L, where, "'%s' is an Excel error value",
				    word);
		case SCALE_UNKNOWN:
			break;
		}
		if (n + 1 >= SCALE_MAX_ALIASES)
			return fail(L, "not_applicable",
				    "more than %d words for not applicable",
				    SCALE_MAX_ALIASES - 1);
		L->s->na_words[n++] = xstrdup(word);
	}
	return 0;
}

static int load_scale(struct loader *L, const cJSON *root)
{
	static const char *const members[] = { "name", "description", "levels",
					       "not_applicable", NULL };
	const cJSON *levels, *desc;
	const char *name;
	size_t n;

	if (!cJSON_IsObject(root))
		return fail(L, NULL,
			    "a scale file is a JSON object with "
			    "'name' and 'levels'");
	if (check_members(L, NULL, root, members) ||
	    !(name = text_member(L, NULL, root, "name", LABEL_MAX)))
		return -1;
	desc = cJSON_GetObjectItemCaseSensitive(root, "description");
	if (desc && !cJSON_IsString(desc))
		return fail(L, NULL, "'description' must be a string");
	L->s->name = xstrdup(name);
	levels = cJSON_GetObjectItemCaseSensitive(root, "levels");
	if (!cJSON_IsArray(levels))
		return fail(L, NULL,
			    "'levels' must be a list of levels, best "
			    "first and the shortage last");
	n = (size_t)cJSON_GetArraySize(levels);
	if (n < 2 || n > SCALE_MAX_LEVELS)
		return fail(L, "levels",
			    i18n_ngettext("%zu level; a scale has 2 to %d",
					  "%zu levels; a scale has 2 to %d", n),
			    n, SCALE_MAX_LEVELS);
	for (size_t i = 0; i < n; i++)
		if (load_level(L, i, cJSON_GetArrayItem(levels, (int)i)))
			return -1;
	/* a cell holding a level's letter is that level (scale_match()) */
	for (size_t i = 0; i < n; i++) {
		const char *letter = L->s->levels[i].letter;
		int other = 0;
		char where[32];
		snprintf(where, sizeof(where), "levels[%zu]", i);
		scale_match(L->s, letter, strlen(letter), &other, &L->tmp);
		if (other <= 0)
			/* a space, or a letter kmap reads as not applicable
			 * or as an empty cell: a cell holding it is no level */
			return fail(L, where,
				    "letter '%s' would read as no level (a "
				    "letter is a letter, digit or sign that "
				    "kmap does not read as empty or not "
				    "applicable)",
				    letter);
		if ((size_t)other != i + 1)
			return fail(L, where,
				    "letter '%s' is also a word of "
				    "levels[%d] (%s)",
				    letter, other - 1,
				    L->s->levels[other - 1].label);
	}
	return load_na_words(
		L, cJSON_GetObjectItemCaseSensitive(root, "not_applicable"));
}

struct scale *scale_load(const char *path)
{
	struct loader L = { path, NULL, STRBUF_INIT };
	const char *text, *end = NULL;
	size_t len;
	char *buf = read_file(path, &len);
	cJSON *root;

	if (!buf)
		return NULL;
	text = buf;
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		syntax_error(path, text, end ? end : cJSON_GetErrorPtr());
		free(buf);
		return NULL;
	}
	/* the contract is one JSON object: nothing after it, no NUL in it */
	while (end < text + len && strchr(" \t\r\n", *end) && *end)
		end++;
	const char *nul = json_nul_escape(text, len);
	if (end < text + len || nul) {
		struct kmap_loc loc =
			json_text_position(path, text, nul ? nul : end);
		kmap_error_at(&loc,
			      nul ? N_("'\\u0000' in a string (a scale "
				       "file's text holds no NUL)")
				  : N_("text after the scale's JSON object"));
		cJSON_Delete(root);
		free(buf);
		return NULL;
	}
	L.s = xcalloc(1, sizeof(*L.s));
	L.s->loaded = 1;
	if (load_scale(&L, root)) {
		scale_free(L.s);
		L.s = NULL;
	}
	cJSON_Delete(root);
	strbuf_release(&L.tmp);
	free(buf);
	return L.s;
}

void scale_free(const struct scale *cs)
{
	struct scale *s = (struct scale *)cs;

	if (!s || !s->loaded)
		return;
	for (size_t l = 0; l < SCALE_MAX_LEVELS; l++) {
		struct scale_level *lv = &s->levels[l];
		free((char *)lv->key);
		free((char *)lv->label);
		free((char *)lv->letter);
		free((char *)lv->color);
		for (size_t a = 0; a < SCALE_MAX_ALIASES; a++)
			free((char *)lv->aliases[a]);
	}
	for (size_t w = 0; w < SCALE_MAX_ALIASES; w++)
		free((char *)s->na_words[w]);
	free((char *)s->name);
	free(s);
}
