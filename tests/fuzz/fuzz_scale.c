/*
 * libFuzzer: bytes -> a --scale file -> a scale, or one error. A scale
 * that loads must keep every promise the renderers rely on: 2 to 8
 * levels, keys of [a-z0-9_], #RRGGBB colours, one-character letters that
 * differ, and each level's own words matching that level.
 */
#include <string.h>

#include "fuzz_common.h"
#include "kmap/scale.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check(const struct scale *s)
{
	struct strbuf tmp = STRBUF_INIT;

	if (s->nlevels < 2 || s->nlevels > SCALE_MAX_LEVELS)
		abort();
	for (size_t l = 0; l < s->nlevels; l++) {
		const struct scale_level *lv = &s->levels[l];
		if (strspn(lv->key, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
			    strlen(lv->key) ||
		    strlen(lv->color) != 7 || lv->color[0] != '#' ||
		    strspn(lv->color + 1, "0123456789abcdefABCDEF") != 6)
			abort();
		for (size_t o = 0; o < l; o++)
			if (!strcmp(s->levels[o].letter, lv->letter) ||
			    !strcmp(s->levels[o].key, lv->key))
				abort();
		for (size_t a = 0; lv->aliases[a]; a++) {
			int level = 0;
			if (scale_match(s, lv->aliases[a],
					strlen(lv->aliases[a]), &level,
					&tmp) != SCALE_LEVEL ||
			    level != (int)l + 1)
				abort();
		}
	}
	/* a word of not applicable is that and no level's */
	for (size_t w = 0; s->na_words[w]; w++) {
		int level = 0;
		if (scale_match(s, s->na_words[w], strlen(s->na_words[w]),
				&level, &tmp) != SCALE_NA)
			abort();
	}
	strbuf_release(&tmp);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof(path));
	struct scale *s;

	diag_set_sink(fuzz_discard, NULL);
	s = scale_load(path);
	if (s)
		check(s);
	scale_free(s);
	diag_set_sink(NULL, NULL);
	close(fd);
	return 0;
}
