/*
 * compare.c - Yrkesbarometern's file and the comparison (compare.h).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "kmap/compare.h"
#include "kmap/diag.h"
#include "kmap/encoding.h"
#include "kmap/jsontext.h"
#include "kmap/kmap.h"
#include "kmap/names.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/* AF's file is about 6 MB; this only guards a wrong path. */
enum { AF_FILE_MAX = 256 << 20 };

static int af_fail(const struct af_set *s, size_t i, const char *member,
		   const char *fmt, const char *value)
{
	char where[64];

	snprintf(where, sizeof(where), "[%zu]%s%s", i, member ? "." : "",
		 member ? member : "");
	/* TRANSLATORS: the file, the member ("[3].ssyk") and what is wrong
	 * with it (translated on its own: "is missing"); keep it as it is */
	kmap_error("%s: %s: %s%s%s%s", s->path, where, _(fmt),
		   value ? " '" : "", value ? value : "", value ? "'" : "");
	return -1;
}

static char *read_file(const char *path, size_t *len)
{
	enum json_read_fail why;
	char *text = json_text_read(path, AF_FILE_MAX, len, &why);

	if (text)
		return text;
	if (why == JSON_READ_OPEN)
		kmap_error("%s: cannot open Yrkesbarometern's file: %s", path,
			   strerror(errno));
	else if (why == JSON_READ_IO)
		kmap_error("%s: cannot read Yrkesbarometern's file: %s", path,
			   strerror(errno));
	else
		kmap_error("%s: larger than 256 MiB; not "
			   "Yrkesbarometern's file",
			   path);
	return NULL;
}

/* A string member or null (*out NULL); absent is null too. */
static int text_or_null(struct af_set *s, size_t i, const cJSON *o,
			const char *name, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v))
		return af_fail(s, i, name, "must be a string or null", NULL);
	for (const char *p = v->valuestring; *p;) {
		size_t k = utf8_valid_seq((const unsigned char *)p, strlen(p));
		if (!k)
			return af_fail(s, i, name, "is not valid UTF-8", NULL);
		p += k;
	}
	*out = arena_strdup(&s->arena, v->valuestring);
	return 0;
}

static int four_digits(const char *p, size_t n)
{
	return n == 4 && strspn(p, "0123456789") >= 4;
}

/* Adds the SSYK codes in text ("5321", "5321, 5322") to r. */
static int add_ssyk_text(struct af_set *s, size_t i, struct af_row *r,
			 const char *text, const char ***codes, size_t *cap)
{
	const char *p = text;

	while (*p) {
		size_t n;
		p += strspn(p, " ,;/+");
		if (!*p)
			break;
		n = strcspn(p, " ,;/+");
		if (!four_digits(p, n)) {
			char bad[32];
			snprintf(bad, sizeof(bad), "%.*s",
				 (int)(n < 24 ? n : 24), p);
			return af_fail(
				s, i, "ssyk",
				"is not an SSYK 2012 code (4 digits):", bad);
		}
		if (r->nssyk == *cap) {
			*cap = *cap ? 2 * *cap : 4;
			*codes = xrealloc(*codes, *cap * sizeof(**codes));
		}
		(*codes)[r->nssyk++] = arena_memdup(&s->arena, p, n);
		p += n;
	}
	return 0;
}

static int read_ssyk(struct af_set *s, size_t i, const cJSON *o,
		     struct af_row *r)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "ssyk"), *e;
	const char **codes = NULL;
	size_t cap = 0;
	int rc = 0;
	char num[32];

	if (!v || cJSON_IsNull(v))
		return af_fail(s, i, "ssyk", "is missing", NULL);
	if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(e, v)
		{
			if (cJSON_IsString(e))
				rc = add_ssyk_text(s, i, r, e->valuestring,
						   &codes, &cap);
			else if (cJSON_IsNumber(e)) {
				snprintf(num, sizeof(num), "%.0f",
					 e->valuedouble);
				rc = add_ssyk_text(s, i, r, num, &codes, &cap);
			} else
				rc = af_fail(s, i, "ssyk",
					     "must hold strings or numbers",
					     NULL);
			if (rc)
				break;
		}
	} else if (cJSON_IsString(v)) {
		rc = add_ssyk_text(s, i, r, v->valuestring, &codes, &cap);
	} else if (cJSON_IsNumber(v)) {
		snprintf(num, sizeof(num), "%.0f", v->valuedouble);
		rc = add_ssyk_text(s, i, r, num, &codes, &cap);
	} else {
		rc = af_fail(s, i, "ssyk",
			     "must be a string, a number or a list", NULL);
	}
	if (!rc && !r->nssyk)
		rc = af_fail(s, i, "ssyk", "names no SSYK 2012 code", NULL);
	if (!rc) {
		r->ssyk = arena_alloc(&s->arena, r->nssyk * sizeof(*r->ssyk));
		memcpy(r->ssyk, codes, r->nssyk * sizeof(*r->ssyk));
	}
	free(codes);
	return rc;
}

static int read_situation(struct af_set *s, size_t i, const cJSON *o,
			  struct af_row *r)
{
	static const struct {
		const char *key;
		enum af_situation sit;
	} words[] = {
		{ "overskott", AF_OVERSKOTT },
		{ "balans", AF_BALANS },
		{ "paradox", AF_PARADOX },
		{ "brist", AF_BRIST },
	};
	struct strbuf key = STRBUF_INIT;
	int rc = -1;

	if (text_or_null(s, i, o, "rekryteringssituation", &r->situation_text))
		return -1;
	r->situation = AF_NULL;
	if (!r->situation_text)
		return 0;
	names_loose_key(r->situation_text, strlen(r->situation_text), &key);
	for (size_t w = 0; w < ARRAY_SIZE(words); w++)
		if (!strcmp(key.buf, words[w].key)) {
			r->situation = words[w].sit;
			rc = 0;
		}
	strbuf_release(&key);
	if (rc)
		return af_fail(
			s, i, "rekryteringssituation",
			"is not överskott, balans, paradox, brist or null:",
			r->situation_text);
	return 0;
}

static int read_row(struct af_set *s, size_t i, const cJSON *o,
		    struct af_row *r)
{
	const cJSON *tv;
	char num[32];

	memset(r, 0, sizeof(*r));
	r->index = i;
	if (!cJSON_IsObject(o))
		return af_fail(s, i, NULL,
			       "must be an object (one occupation in one län)",
			       NULL);
	if (read_ssyk(s, i, o, r) || text_or_null(s, i, o, "lan", &r->lan))
		return -1;
	if (!r->lan)
		return af_fail(s, i, "lan", "is missing", NULL);
	if (strlen(r->lan) != 2 || strspn(r->lan, "0123456789") != 2)
		return af_fail(s, i, "lan",
			       "is not a länskod (2 digits, \"00\" for riket):",
			       r->lan);
	if (text_or_null(s, i, o, "yb_yrke", &r->yrke) ||
	    read_situation(s, i, o, r) ||
	    text_or_null(s, i, o, "prognos", &r->prognos) ||
	    text_or_null(s, i, o, "text_rekryteringssituation", &r->text) ||
	    text_or_null(s, i, o, "omgang", &r->omgang))
		return -1;
	tv = cJSON_GetObjectItemCaseSensitive(o, "taxonomi_version");
	if (cJSON_IsNumber(tv)) {
		if (tv->valuedouble == floor(tv->valuedouble) &&
		    fabs(tv->valuedouble) < 1e15)
			snprintf(num, sizeof(num), "%.0f", tv->valuedouble);
		else
			snprintf(num, sizeof(num), "%g", tv->valuedouble);
		r->taxonomy = arena_strdup(&s->arena, num);
	} else if (text_or_null(s, i, o, "taxonomi_version", &r->taxonomy)) {
		return af_fail(s, i, "taxonomi_version",
			       "must be a number, a string or null", NULL);
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct non-NULL values of the rows' member at offset off. */
static const char **distinct(struct af_set *s, size_t off, size_t *n)
{
	const char **v = xcalloc(s->n + 1, sizeof(*v));
	size_t k = 0, m = 0;

	for (size_t i = 0; i < s->n; i++) {
		const char *x = *(const char **)((char *)&s->rows[i] + off);
		if (x)
			v[k++] = x;
	}
	qsort(v, k, sizeof(*v), cmp_str);
	for (size_t i = 0; i < k; i++)
		if (!m || strcmp(v[m - 1], v[i]))
			v[m++] = v[i];
	*n = m;
	return v;
}

int af_load(struct af_set *s, const char *path)
{
	size_t len;
	char *buf = read_file(path, &len);
	const char *text, *end = NULL, *nul;
	cJSON *root, *o;
	int rc = 0;

	memset(s, 0, sizeof(*s));
	arena_init(&s->arena);
	s->path = path;
	if (!buf)
		return -1;
	text = buf;
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		const char *at = end ? end : cJSON_GetErrorPtr();
		/* where a member name should start, cJSON stops one past */
		if (at > text + 1 && !strchr(" \t\r\n\"", at[-1])) {
			const char *q = at - 2;
			while (q > text && strchr(" \t\r\n", *q))
				q--;
			if (*q == ',' || *q == '{')
				at--;
		}
		struct kmap_loc loc = json_text_position(path, text, at);
		kmap_error_at(&loc, "not valid JSON here (Yrkesbarometern's "
				    "file is one JSON array)");
		free(buf);
		return -1;
	}
	while (end < text + len && strchr(" \t\r\n", *end) && *end)
		end++;
	nul = json_nul_escape(text, len);
	if (end < text + len || nul) {
		struct kmap_loc loc =
			json_text_position(path, text, nul ? nul : end);
		kmap_error_at(&loc, nul ? "'\\u0000' in a string"
					: "text after the JSON array");
		rc = -1;
	} else if (!cJSON_IsArray(root)) {
		kmap_error("%s: not Yrkesbarometern's file: expected one JSON "
			   "array of objects (ssyk, lan, "
			   "rekryteringssituation, ...)",
			   path);
		rc = -1;
	}
	if (!rc) {
		s->rows = xcalloc((size_t)cJSON_GetArraySize(root) + 1,
				  sizeof(*s->rows));
		cJSON_ArrayForEach(o, root)
		{
			if (read_row(s, s->n, o, &s->rows[s->n])) {
				rc = -1;
				break;
			}
			s->n++;
		}
	}
	cJSON_Delete(root);
	free(buf);
	if (rc)
		return -1;
	s->omgang = distinct(s, offsetof(struct af_row, omgang), &s->nomgang);
	s->taxonomy =
		distinct(s, offsetof(struct af_row, taxonomy), &s->ntaxonomy);
	return 0;
}

void af_release(struct af_set *s)
{
	free(s->rows);
	free(s->omgang);
	free(s->taxonomy);
	arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

/* ---- the comparison -------------------------------------------------- */

const char *cmp_class_key(enum cmp_class cls)
{
	static const char *const keys[] = { "agree",	"ours_worse",
					    "af_worse", "no_af_row",
					    "paradox",	"af_null",
					    "not_rated" };
	return keys[cls];
}

const char *cmp_class_label(enum cmp_class cls)
{
	static const char *const labels[] = {
		"samma",	 "vi sämre",	"AF sämre",
		"AF saknar rad", "AF: paradox", "AF: ej bedömt",
		"vi: ej bedömt",
	};
	return labels[cls];
}

/* The level whose key is one of keys, or 0. */
static int level_by_key(const struct scale *sc, const char *const *keys)
{
	for (size_t l = 0; l < sc->nlevels; l++)
		for (size_t k = 0; keys[k]; k++)
			if (!strcmp(sc->levels[l].key, keys[k]))
				return (int)l + 1;
	return 0;
}

static int crosswalk(struct compare *c, const struct scale *sc)
{
	static const char *const over[] = { "overtalighet", "overskott", NULL };
	static const char *const bal[] = { "hallbart", "balans", NULL };
	static const char *const brist[] = { "brist", NULL };

	c->level_of[AF_OVERSKOTT] = level_by_key(sc, over);
	c->level_of[AF_BALANS] = level_by_key(sc, bal);
	c->level_of[AF_BRIST] = level_by_key(sc, brist);
	if (c->level_of[AF_OVERSKOTT] && c->level_of[AF_BALANS] &&
	    c->level_of[AF_BRIST])
		return 0;
	kmap_error("the scale '%s' has no level for one of AF's överskott, "
		   "balans and brist (keys overtalighet or overskott, "
		   "hallbart or balans, brist)",
		   sc->name);
	return -1;
}

static int row_has(const struct af_row *r, const char *code)
{
	for (size_t k = 0; k < r->nssyk; k++)
		if (!strcmp(r->ssyk[k], code))
			return 1;
	return 0;
}

static enum cmp_class classify(const struct compare *c, int mode,
			       const struct af_row *r)
{
	int af;

	if (!r)
		return CMP_NO_AF_ROW;
	if (!mode)
		return CMP_NOT_RATED;
	if (r->situation == AF_NULL)
		return CMP_AF_NULL;
	if (r->situation == AF_PARADOX)
		return CMP_PARADOX;
	af = c->level_of[r->situation];
	return mode == af  ? CMP_AGREE
	       : mode > af ? CMP_OURS_WORSE
			   : CMP_AF_WORSE;
}

static struct cmp_line *add_line(struct compare *c)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	memset(&c->v[c->n], 0, sizeof(*c->v));
	return &c->v[c->n++];
}

/* Lines for one occupation in one place (a län, or riket). */
static void add_place(struct compare *c, uint32_t occ, int32_t region,
		      const char *lan, const struct stats *by_period)
{
	const struct agg *a = c->a;
	const char *code = name_code(&a->ds->occupations, occ);
	size_t nmatch = 0;

	if (lan)
		for (size_t i = 0; i < c->af->n; i++)
			nmatch += !strcmp(c->af->rows[i].lan, lan) &&
				  row_has(&c->af->rows[i], code);
	for (uint32_t k = 0; k < a->nperiods; k++) {
		uint32_t p = a->periods[k];
		const struct stats *s = &by_period[p];
		int mode = stats_mode(s, a->ds->scale);
		size_t done = 0;
		if (!stats_records(s, a->ds->scale))
			continue;
		for (size_t i = 0; lan && i < c->af->n; i++) {
			const struct af_row *r = &c->af->rows[i];
			if (strcmp(r->lan, lan) || !row_has(r, code))
				continue;
			struct cmp_line *l = add_line(c);
			l->occupation = occ;
			l->region = region;
			l->lan = lan;
			l->period = p;
			l->stats = *s;
			l->mode = mode;
			l->af = r;
			l->af_rows = (uint32_t)nmatch;
			l->cls = classify(c, mode, r);
			c->count[l->cls]++;
			done++;
		}
		if (!done) {
			struct cmp_line *l = add_line(c);
			l->occupation = occ;
			l->region = region;
			l->lan = lan;
			l->period = p;
			l->stats = *s;
			l->mode = mode;
			l->cls = CMP_NO_AF_ROW;
			c->count[l->cls]++;
		}
	}
}

int compare_build(struct compare *c, const struct agg *a,
		  const struct af_set *af)
{
	const struct dataset *ds = a->ds;
	size_t np = ds->nperiods, nreg = ds->regions.n;
	struct stats *pair;

	memset(c, 0, sizeof(*c));
	c->a = a;
	c->af = af;
	if (crosswalk(c, ds->scale))
		return -1;
	/* counts per occupation and region, through the one row counter */
	pair = xcalloc(ds->occupations.n * nreg * np + 1, sizeof(*pair));
	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct row *row = &ds->rows[r];
		if (!a->row_on[r])
			continue;
		agg_count_row(a, r,
			      pair + ((size_t)row->occupation * nreg +
				      ds->units[row->unit].region) *
					      np,
			      NULL);
	}
	c->uncoded = xcalloc(a->noccupations + 1, sizeof(*c->uncoded));
	c->nolan = xcalloc(a->nregions + 1, sizeof(*c->nolan));
	for (uint32_t i = 0; i < a->nregions; i++)
		if (!name_code(&ds->regions, a->regions[i]))
			c->nolan[c->nnolan++] = a->regions[i];
	for (uint32_t i = 0; i < a->noccupations; i++) {
		uint32_t occ = a->occupations[i];
		if (!name_code(&ds->occupations, occ)) {
			c->uncoded[c->nuncoded++] = occ;
			continue;
		}
		for (uint32_t j = 0; j < a->nregions; j++) {
			uint32_t reg = a->regions[j];
			add_place(c, occ, (int32_t)reg,
				  name_code(&ds->regions, reg),
				  pair + ((size_t)occ * nreg + reg) * np);
		}
		add_place(c, occ, -1, "00",
			  &a->by_occupation[(size_t)occ * np]);
	}
	free(pair);
	return 0;
}

void compare_release(struct compare *c)
{
	free(c->v);
	free(c->uncoded);
	free(c->nolan);
	memset(c, 0, sizeof(*c));
}
