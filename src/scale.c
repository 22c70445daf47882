#include <stdlib.h>
#include <string.h>

#include "kmap/names.h"
#include "kmap/scale.h"
#include "kmap/workbook.h"
#include "kmap/xalloc.h"

/*
 * Okabe-Ito colours, readable with the common colour-vision deficiencies.
 * Besides its label and key, a level is read as people type it: the
 * adjective ("Sårbar", "Hållbar", "Övertalig"), its letter (matched for
 * every scale, see scale_match()), English, and the colour words of the
 * workshop's traffic light (röd, orange and gul, grön, blå), and a
 * workbook cell's fill of those colours (wbin_color_family(): the
 * palettes' reds, oranges and yellows, greens, blues, with their tints).
 * A cell can also say the occupation does not apply there (Ej aktuellt,
 * E/A, ej relevant, n/a, not applicable). The same words and colours are
 * in data/scale-kmap.json.
 */
static const struct scale kmap_scale = {
	"kmap",
	4,
	{
		{ "overtalighet",
		  "Övertalighet",
		  "Ö",
		  "#0072B2",
		  0,
		  { "Övertalighet", "Övertalig", "Övertaliga", "surplus", "blå",
		    "blue", NULL },
		  SCALE_FILL_BLUE,
		  { 0 },
		  0 },
		{ "hallbart",
		  "Hållbart",
		  "H",
		  "#009E73",
		  0,
		  { "Hållbart", "Hållbar", "Hållbara", "sustainable",
		    "balanced", "grön", "green", NULL },
		  SCALE_FILL_GREEN,
		  { 0 },
		  0 },
		{ "sarbart",
		  "Sårbart",
		  "S",
		  "#E69F00",
		  1,
		  { "Sårbart", "Sårbar", "Sårbara", "vulnerable", "orange",
		    "gul", "yellow", NULL },
		  SCALE_FILL_ORANGE | SCALE_FILL_YELLOW,
		  { 0 },
		  0 },
		{ "brist",
		  "Brist",
		  "B",
		  "#D55E00",
		  1,
		  { "Brist", "shortage", "röd", "red", NULL },
		  SCALE_FILL_RED,
		  { 0 },
		  0 },
	},
	{ "Ej aktuellt", "E/A", "ej relevant", "n/a", "not applicable", NULL },
	0,
};

const struct scale *scale_default(void)
{
	return &kmap_scale;
}

static int is_excel_error(const char *s)
{
	static const char *const errors[] = {
		"#n/a",	    "#value!",	  "#ref!",	   "#div/0!",
		"#name?",   "#num!",	  "#null!",	   "#namn?",
		"#saknas!", "#vardefel!", "#referens!",	   "#division/0!",
		"#spill!",  "#calc!",	  "#getting_data", "#ogiltigt!",
		"#tal!",    "#skarning!",
	};
	for (size_t i = 0; i < ARRAY_SIZE(errors); i++)
		if (!strcmp(s, errors[i]))
			return 1;
	return 0;
}

/* Whether word names the level as its label or key do (loosely). */
static int is_label_or_key(const struct scale_level *lv, const char *key,
			   struct strbuf *tmp)
{
	int same;

	strbuf_reset(tmp);
	names_loose_key(lv->label, strlen(lv->label), tmp);
	same = !strcmp(tmp->buf, key);
	strbuf_reset(tmp);
	names_loose_key(lv->key, strlen(lv->key), tmp);
	return same || !strcmp(tmp->buf, key);
}

enum scale_match scale_match_form(const struct scale *s, const char *text,
				  size_t len, int *level, int *other_form,
				  struct strbuf *tmp)
{
	struct strbuf alias = STRBUF_INIT;
	enum scale_match m = SCALE_UNKNOWN;

	*other_form = 0;
	strbuf_reset(tmp);
	if (names_loose_key(text, len, tmp))
		return SCALE_UNKNOWN;
	if (!tmp->len || !strcmp(tmp->buf, "-"))
		return SCALE_MISSING;
	if (tmp->buf[0] == '#' && is_excel_error(tmp->buf))
		return SCALE_EXCEL_ERROR;
	for (size_t w = 0; s->na_words[w]; w++) {
		strbuf_reset(&alias);
		names_loose_key(s->na_words[w], strlen(s->na_words[w]), &alias);
		if (!strcmp(alias.buf, tmp->buf)) {
			strbuf_release(&alias);
			return SCALE_NA;
		}
	}
	for (size_t l = 0; l < s->nlevels && m == SCALE_UNKNOWN; l++) {
		const struct scale_level *lv = &s->levels[l];
		/* the scale's own letter: "S", "s" for Sårbart */
		strbuf_reset(&alias);
		names_loose_key(lv->letter, strlen(lv->letter), &alias);
		int found = !strcmp(alias.buf, tmp->buf);
		for (size_t a = 0; !found && lv->aliases[a]; a++) {
			strbuf_reset(&alias);
			names_loose_key(lv->aliases[a], strlen(lv->aliases[a]),
					&alias);
			found = !strcmp(alias.buf, tmp->buf);
		}
		if (found) {
			*level = (int)l + 1;
			*other_form = !is_label_or_key(lv, tmp->buf, &alias);
			m = SCALE_LEVEL;
		}
	}
	strbuf_release(&alias);
	return m;
}

enum scale_match scale_match(const struct scale *s, const char *text,
			     size_t len, int *level, struct strbuf *tmp)
{
	int other;

	return scale_match_form(s, text, len, level, &other, tmp);
}

int scale_fill_level(const struct scale *s, uint32_t rgb)
{
	unsigned family = 1u << wbin_color_family(rgb);

	for (size_t l = 0; l < s->nlevels; l++)
		for (size_t i = 0; i < s->levels[l].nfills; i++)
			if (s->levels[l].fills[i] == rgb)
				return (int)l + 1;
	for (size_t l = 0; l < s->nlevels; l++)
		if (s->levels[l].fill_families & family &
		    ~(1u << COLOR_FAMILY_NONE))
			return (int)l + 1;
	return 0;
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(*row));
	size_t d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

const char *scale_suggest(const struct scale *s, const char *text, size_t len)
{
	struct strbuf key = STRBUF_INIT, alias = STRBUF_INIT;
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	if (names_loose_key(text, len, &key) || !key.len)
		goto out;
	for (size_t l = 0; l < s->nlevels; l++) {
		for (size_t a = 0; s->levels[l].aliases[a]; a++) {
			const char *al = s->levels[l].aliases[a];
			strbuf_reset(&alias);
			names_loose_key(al, strlen(al), &alias);
			/* every short word is one or two edits from any other
			 */
			if (alias.len < 4)
				continue;
			size_t d = edit_distance(key.buf, alias.buf);
			if (d < best_d) {
				best_d = d;
				best = s->levels[l].label;
			}
		}
	}
	/* a suggestion must be closer than a guess */
	if (best_d > 2 && best_d * 3 > key.len)
		best = NULL;
out:
	strbuf_release(&key);
	strbuf_release(&alias);
	return best;
}

void scale_list_labels(const struct scale *s, struct strbuf *out)
{
	for (size_t l = 0; l < s->nlevels; l++) {
		if (l)
			strbuf_addstr(out, ", ");
		strbuf_addstr(out, s->levels[l].label);
	}
}
