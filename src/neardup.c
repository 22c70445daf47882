#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kmap/arena.h"
#include "kmap/neardup.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

/*
 * A name's key reduced step by step; equal at a step = why they pair. A
 * step that changes nothing (most names have no dash, no punctuation)
 * shares the string before it; the new ones are in one arena.
 */
struct skeleton {
	const char *dash;  /* dashes made one kind, no spaces around them */
	const char *punct; /* punctuation made space */
	const char *loose; /* diacritics gone */
	const char *bare;  /* a trailing kommun / län / stad / s gone */
	uint32_t id, rank;
};

enum { EDIT_MIN_CHARS = 10, EDIT_MAX_CHARS = 64, EDIT_MAX_BUCKET = 32 };

static int is_dash(utf8proc_int32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
	       cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

/* Calls fn for each code point of s; stops at invalid UTF-8. */
#define FOR_EACH_CP(s, cp, n)                                                  \
	for (size_t i_ = 0, len_ = strlen(s);                                  \
	     i_ < len_ && ((n) = utf8proc_iterate(                             \
				   (const utf8proc_uint8_t *)(s) + i_,         \
				   (utf8proc_ssize_t)(len_ - i_), &(cp))) > 0; \
	     i_ += (size_t)(n))

/* A string of sb in the arena (sb released), or s itself when equal. */
static const char *keep(struct arena *ar, const char *s, struct strbuf *sb)
{
	const char *r = strcmp(s, sb->buf) ? arena_strdup(ar, sb->buf) : s;

	strbuf_release(sb);
	return r;
}

static const char *dash_form(struct arena *ar, const char *key)
{
	struct strbuf sb = STRBUF_INIT;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	int after_dash = 0;

	/* every dash of is_dash() is '-' or starts with 0xE2 or 0xEF */
	if (!strpbrk(key, "-\xE2\xEF"))
		return key;

	FOR_EACH_CP(key, cp, n)
	{
		if (is_dash(cp)) {
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				strbuf_setlen(&sb, sb.len - 1);
			strbuf_addch(&sb, '-');
			after_dash = 1;
			continue;
		}
		if (cp == ' ' && after_dash)
			continue;
		after_dash = 0;
		utf8proc_uint8_t buf[4];
		strbuf_add(&sb, buf, (size_t)utf8proc_encode_char(cp, buf));
	}
	return keep(ar, key, &sb);
}

static int is_punct(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);

	return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

/*
 * Whether punct_form() would change s: punctuation, a space at an end,
 * two spaces.
 */
static int has_punct(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t len = strlen(s);

	if (len && (s[0] == ' ' || s[len - 1] == ' ' || strstr(s, "  ")))
		return 1;
	FOR_EACH_CP(s, cp, n)
	{
		if (is_punct(cp))
			return 1;
	}
	return 0;
}

static const char *punct_form(struct arena *ar, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	if (!has_punct(s))
		return s;

	FOR_EACH_CP(s, cp, n)
	{
		if (is_punct(cp) || cp == ' ') {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				strbuf_addch(&sb, ' ');
			continue;
		}
		utf8proc_uint8_t buf[4];
		strbuf_add(&sb, buf, (size_t)utf8proc_encode_char(cp, buf));
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		strbuf_setlen(&sb, sb.len - 1);
	return keep(ar, s, &sb);
}

static const char *loose_form(struct arena *ar, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	names_loose_key(s, strlen(s), &sb);
	return keep(ar, s, &sb);
}

static int ends_with(const char *s, size_t len, const char *tail)
{
	size_t t = strlen(tail);

	return len > t && !memcmp(s + len - t, tail, t);
}

static const char *bare_form(struct arena *ar, const char *s)
{
	static const char *const suffixes[] = { " kommun", " lan", " stad" };
	size_t len = strlen(s);

	for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (ends_with(s, len, suffixes[i])) {
			len -= strlen(suffixes[i]);
			break;
		}
	if (len > 3 && s[len - 1] == 's')
		len--;
	return s[len] ? arena_memdup(ar, s, len) : s;
}

static int compare_bare(const void *pa, const void *pb)
{
	const struct skeleton *a = pa, *b = pb;
	int c = strcmp(a->bare, b->bare);

	return c ? c : (a->rank > b->rank) - (a->rank < b->rank);
}

static const char *why_alike(const struct skeleton *a, const struct skeleton *b)
{
	if (!strcmp(a->dash, b->dash))
		return "a dash";
	if (!strcmp(a->punct, b->punct))
		return "punctuation";
	if (!strcmp(a->loose, b->loose))
		return "diacritics";
	return "a trailing 'kommun', 'län', 'stad' or 's'";
}

struct pairs {
	struct near_pair *v;
	size_t n, cap;
	const uint32_t *rank;
};

static void add_pair(struct pairs *p, uint32_t a, uint32_t b, const char *why)
{
	if (p->rank[a] > p->rank[b]) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n].a = a;
	p->v[p->n].b = b;
	p->v[p->n].why = why;
	p->n++;
}

/* Code points of s into cp (up to max); returns how many, 0 if more. */
static size_t code_points(const char *s, int32_t *cp, size_t max)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	size_t k = 0;

	FOR_EACH_CP(s, c, n)
	{
		if (k == max)
			return 0;
		cp[k++] = c;
	}
	return k;
}

static int is_digit(int32_t c)
{
	return c >= '0' && c <= '9';
}

/*
 * Within one edit of a letter: a digit changed, added or dropped makes
 * another name ("Vårdcentral 2", "Vårdcentral 3"), never a misspelling.
 */
static int within_one_edit(const int32_t *a, size_t na, const int32_t *b,
			   size_t nb)
{
	size_t i = 0;

	if (na > nb)
		return within_one_edit(b, nb, a, na);
	if (nb - na > 1)
		return 0;
	while (i < na && a[i] == b[i])
		i++;
	if (na == nb) /* one substitution at i */
		return i == na || (!is_digit(a[i]) && !is_digit(b[i]) &&
				   !memcmp(a + i + 1, b + i + 1,
					   (na - i - 1) * sizeof(*a)));
	/* one insertion into a at i */
	return !is_digit(b[i]) &&
	       !memcmp(a + i, b + i + 1, (na - i) * sizeof(*a));
}

/* 32 bits of hash: a pair that only shares a hash is checked and
 * dropped, and the variants of many names take half the memory */
struct variant {
	uint32_t hash;
	uint32_t group; /* index of the group's first skeleton */
};

static int compare_variants(const void *pa, const void *pb)
{
	const struct variant *a = pa, *b = pb;

	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	return (a->group > b->group) - (a->group < b->group);
}

/*
 * By hash, then group: a radix sort on the hash, 16 bits a pass, stable,
 * so that the groups (added in order) stay in order; linear in n, where
 * qsort took most of the time of a file of 100 000 names.
 */
static void sort_variants(struct variant *v, size_t n)
{
	enum { DIGITS = 1 << 16 };
	struct variant *tmp, *from = v, *to;
	size_t *count;

	if (n < 4096) {
		qsort(v, n, sizeof(*v), compare_variants);
		return;
	}
	tmp = xreallocarray(NULL, n, sizeof(*tmp));
	count = xcalloc(DIGITS, sizeof(*count));
	to = tmp;
	for (int shift = 0; shift < 32; shift += 16) {
		size_t sum = 0;
		memset(count, 0, DIGITS * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[(from[i].hash >> shift) & (DIGITS - 1)]++;
		for (size_t d = 0; d < DIGITS; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			to[count[(from[i].hash >> shift) & (DIGITS - 1)]++] =
				from[i];
		struct variant *t = from;
		from = to;
		to = t;
	}
	/* two passes: the sorted variants are back in v */
	free(tmp);
	free(count);
}

/*
 * The hashes of a form and of its one-letter deletions: a polynomial
 * over the code points (modulo 2^64, an odd base), so that each
 * deletion's is prefix * B^k + suffix, linear in the form where hashing
 * each copy was quadratic; folded to 32 bits. Two forms that only share
 * a hash are told apart by within_one_edit().
 */
#define HASH_BASE 0x9e3779b97f4a7c15ull

static uint32_t fold_hash(uint64_t h)
{
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	return (uint32_t)(h ^ (h >> 32));
}

struct form_hash {
	uint64_t pow[EDIT_MAX_CHARS + 1]; /* B^k */
	uint64_t pre[EDIT_MAX_CHARS + 1]; /* hash of cp[0, j) */
	uint64_t suf[EDIT_MAX_CHARS + 1]; /* cp[j, n) weighted from the end */
};

static void form_hash_init(struct form_hash *fh)
{
	fh->pow[0] = 1;
	for (size_t k = 1; k <= EDIT_MAX_CHARS; k++)
		fh->pow[k] = fh->pow[k - 1] * HASH_BASE;
}

static void form_hash_set(struct form_hash *fh, const int32_t *cp, size_t n)
{
	fh->pre[0] = 0;
	for (size_t j = 0; j < n; j++)
		fh->pre[j + 1] = fh->pre[j] * HASH_BASE + (uint64_t)cp[j] + 1;
	fh->suf[n] = 0;
	for (size_t j = n; j-- > 0;)
		fh->suf[j] = fh->suf[j + 1] +
			     ((uint64_t)cp[j] + 1) * fh->pow[n - 1 - j];
}

/* The hash of the form without code point skip (skip == n: whole). */
static uint32_t hash_cps(const struct form_hash *fh, size_t n, size_t skip)
{
	if (skip >= n)
		return fold_hash(fh->pre[n]);
	return fold_hash(fh->pre[skip] * fh->pow[n - 1 - skip] +
			 fh->suf[skip + 1]);
}

/*
 * Names one letter apart: each distinct bare form and all its one-letter
 * deletions are hashed; two forms within one edit share a hash (a
 * substitution deletes the same place in both, an insertion is the
 * other form itself), and each candidate is checked exactly.
 */
static void one_edit_pairs(struct skeleton *sk, size_t n, struct pairs *p)
{
	struct variant *v = NULL;
	size_t nv = 0, cap = 0;
	int32_t a[EDIT_MAX_CHARS], b[EDIT_MAX_CHARS];
	struct form_hash fh;

	form_hash_init(&fh);
	/* how many variants there will be, so they take what they need */
	for (size_t g = 0; g < n; g++) {
		if (g && !strcmp(sk[g].bare, sk[g - 1].bare))
			continue;
		size_t len = code_points(sk[g].bare, a, EDIT_MAX_CHARS);
		if (len >= EDIT_MIN_CHARS - 1)
			cap += len + 1;
	}
	v = xreallocarray(NULL, cap + 1, sizeof(*v));
	for (size_t g = 0; g < n; g++) {
		if (g && !strcmp(sk[g].bare, sk[g - 1].bare))
			continue; /* one group, one form */
		size_t len = code_points(sk[g].bare, a, EDIT_MAX_CHARS);
		if (len < EDIT_MIN_CHARS - 1)
			continue;
		form_hash_set(&fh, a, len);
		v[nv].hash = hash_cps(&fh, len, len);
		v[nv++].group = (uint32_t)g;
		/* a digit's deletion finds only pairs a digit apart */
		for (size_t j = 0; j < len && len >= EDIT_MIN_CHARS; j++) {
			if (is_digit(a[j]))
				continue;
			v[nv].hash = hash_cps(&fh, len, j);
			v[nv++].group = (uint32_t)g;
		}
	}
	sort_variants(v, nv);
	for (size_t s = 0, e; s < nv; s = e) {
		for (e = s + 1; e < nv && v[e].hash == v[s].hash; e++)
			;
		if (e - s < 2 || e - s > EDIT_MAX_BUCKET)
			continue;
		for (size_t i = s; i < e; i++)
			for (size_t j = i + 1; j < e; j++) {
				struct skeleton *x = &sk[v[i].group];
				struct skeleton *y = &sk[v[j].group];
				size_t nx =
					code_points(x->bare, a, EDIT_MAX_CHARS);
				size_t ny =
					code_points(y->bare, b, EDIT_MAX_CHARS);
				if (v[i].group == v[j].group ||
				    (nx < EDIT_MIN_CHARS &&
				     ny < EDIT_MIN_CHARS) ||
				    !within_one_edit(a, nx, b, ny))
					continue;
				add_pair(p, x->id, y->id, "one letter");
			}
	}
	free(v);
}

static const uint32_t *sort_rank; /* for compare_pairs() */

static int compare_pairs(const void *pa, const void *pb)
{
	const struct near_pair *a = pa, *b = pb;

	if (a->a != b->a)
		return sort_rank[a->a] < sort_rank[b->a] ? -1 : 1;
	if (a->b != b->b)
		return sort_rank[a->b] < sort_rank[b->b] ? -1 : 1;
	return 0;
}

size_t near_duplicates(struct name_table *t, struct near_pair **out)
{
	uint32_t *rank = name_table_ranks(t);
	struct skeleton *sk = xcalloc((size_t)t->n + 1, sizeof(*sk));
	struct pairs p = { NULL, 0, 0, rank };
	struct arena ar = ARENA_INIT;

	for (uint32_t id = 0; id < t->n; id++) {
		sk[id].dash = dash_form(&ar, t->v[id].key);
		sk[id].punct = punct_form(&ar, sk[id].dash);
		sk[id].loose = loose_form(&ar, sk[id].punct);
		sk[id].bare = bare_form(&ar, sk[id].loose);
		sk[id].id = id;
		sk[id].rank = rank[id];
	}
	if (t->n)
		qsort(sk, t->n, sizeof(*sk), compare_bare);
	for (size_t s = 0, e; s < t->n; s = e) {
		for (e = s + 1; e < t->n && !strcmp(sk[e].bare, sk[s].bare);
		     e++)
			add_pair(&p, sk[s].id, sk[e].id,
				 why_alike(&sk[s], &sk[e]));
	}
	one_edit_pairs(sk, t->n, &p);
	/* a pair found twice (two buckets) is one pair */
	sort_rank = rank;
	if (p.n)
		qsort(p.v, p.n, sizeof(*p.v), compare_pairs);
	sort_rank = NULL;
	size_t kept = 0;
	for (size_t i = 0; i < p.n; i++)
		if (!kept || p.v[kept - 1].a != p.v[i].a ||
		    p.v[kept - 1].b != p.v[i].b)
			p.v[kept++] = p.v[i];
	arena_release(&ar);
	free(sk);
	free(rank);
	*out = p.v;
	return kept;
}
