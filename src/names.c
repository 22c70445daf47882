#include <stdlib.h>
#include <string.h>

#include "kmap/hash.h"
#include "kmap/diag.h"
#include "kmap/names.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"
#include "names_internal.h"

struct raw_cache_entry {
	const char *raw;
	uint32_t len;
	int32_t id;
	uint64_t hash;
	uint64_t count; /* how often this exact spelling was met */
};

/* ---- the table ----------------------------------------------------- */

void name_table_init(struct name_table *t)
{
	memset(t, 0, sizeof(*t));
	arena_init(&t->arena);
	strbuf_init(&t->tmp_display);
	strbuf_init(&t->tmp_key);
}

void name_table_release(struct name_table *t)
{
	if (!t)
		return;
	arena_release(&t->arena);
	free(t->v);
	free(t->slots);
	free(t->raw);
	free(t->raw_slots);
	free(t->alias);
	free(t->codes);
	free(t->rule_of);
	free(t->upper);
	free(t->sorted);
	strbuf_release(&t->tmp_display);
	strbuf_release(&t->tmp_key);
	name_table_init(t);
}

static void rehash_keys(struct name_table *t)
{
	uint32_t n = t->nslots ? t->nslots * 2 : 64;

	free(t->slots);
	t->slots = xcalloc(n, sizeof(*t->slots));
	t->nslots = n;
	for (uint32_t id = 0; id < t->n; id++) {
		uint64_t h = hash_bytes(t->v[id].key, strlen(t->v[id].key));
		uint32_t i = (uint32_t)h & (n - 1);
		while (t->slots[i])
			i = (i + 1) & (n - 1);
		t->slots[i] = id + 1;
	}
}

static int32_t find_key(const struct name_table *t, const char *key, size_t len,
			uint32_t *slot)
{
	uint32_t mask = t->nslots - 1;
	uint32_t i = (uint32_t)hash_bytes(key, len) & mask;

	for (; t->slots[i]; i = (i + 1) & mask) {
		const char *k = t->v[t->slots[i] - 1].key;
		if (!strncmp(k, key, len) && !k[len])
			return (int32_t)(t->slots[i] - 1);
	}
	*slot = i;
	return -1;
}

/*
 * What the budget counts (name_table_bytes()): a raw spelling's bytes,
 * its cache entry and its share of the cache's slots; a name's display
 * form, key and collation key, its entry and its share of the slots. A
 * name costs the same in any table whose first spelling of it is the
 * same, so the names of two tables merged never cost more than the two
 * tables did.
 */
static size_t raw_cost(size_t len)
{
	return sizeof(struct raw_cache_entry) + len + 2 * sizeof(uint32_t);
}

static size_t name_cost(size_t display_len, size_t key_len)
{
	return sizeof(struct name_entry) + display_len + 1 + key_len + 1 +
	       (key_len + 1) * sizeof(uint32_t) + 2 * sizeof(uint32_t);
}

/* Whether cost more bytes would take t's budget past its cap. */
static int over_budget(const struct name_table *t, size_t cost, int enforce)
{
	const struct name_budget *b = t->budget;

	return enforce && b && b->max &&
	       (b->used > b->max || cost > b->max - b->used);
}

static void account(struct name_table *t, size_t cost)
{
	t->bytes += cost;
	if (t->budget)
		t->budget->used += cost;
}

/* The entries, and the codes and marks by id when there are any. */
static void grow(struct name_table *t)
{
	uint32_t old = t->cap;

	t->cap = t->cap ? t->cap * 2 : 64;
	t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	if (t->codes) {
		t->codes = xreallocarray(t->codes, t->cap, sizeof(*t->codes));
		memset(t->codes + old, 0, (t->cap - old) * sizeof(*t->codes));
	}
	if (t->rule_of) {
		t->rule_of =
			xreallocarray(t->rule_of, t->cap, sizeof(*t->rule_of));
		memset(t->rule_of + old, 0,
		       (t->cap - old) * sizeof(*t->rule_of));
	}
	if (t->upper) {
		t->upper = xreallocarray(t->upper, t->cap, sizeof(*t->upper));
		memset(t->upper + old, 0, (t->cap - old) * sizeof(*t->upper));
	}
}

/* The first mark stays: a name's key tells its upper level's. */
static void set_upper_mark(struct name_table *t, uint32_t id, uint32_t mark)
{
	if (!mark || (t->upper && t->upper[id]))
		return;
	if (!t->upper)
		t->upper = xcalloc(t->cap, sizeof(*t->upper));
	t->upper[id] = mark;
}

/* code stays valid as long as t (a names file's, or t's arena). */
static void set_code(struct name_table *t, uint32_t id, const char *code)
{
	if (!t->codes)
		t->codes = xcalloc(t->cap, sizeof(*t->codes));
	t->codes[id] = code;
}

static void set_rule(struct name_table *t, uint32_t id,
		     const struct names_rule *r)
{
	if (!t->rule_of)
		t->rule_of = xcalloc(t->cap, sizeof(*t->rule_of));
	t->rule_of[id] = r;
}

static const char *alias_of(const struct name_table *t, const char *key)
{
	uint32_t lo = 0, hi = t->nalias;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->alias[mid].from, key);
		if (!c)
			return t->alias[mid].to;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The key a name of key is counted under: a names file's rule gives its
 * name's (*rule set, else NULL), and a name counted as another (same
 * code) takes the other's.
 */
static const char *counted_key(const struct name_table *t, const char *key,
			       const struct names_rule **rule)
{
	const struct names_rule *r =
		t->rules ? names_set_find(t->rules, t->kind, key) : NULL;
	const char *to;

	if (r)
		key = r->key;
	if (t->nalias && (to = alias_of(t, key)))
		key = to;
	if (rule)
		*rule = r;
	return key;
}

/*
 * The same for the spelling in tmp_display and tmp_key: they become the
 * rule's name and the key counted under.
 */
static const struct names_rule *apply_rules(struct name_table *t)
{
	const struct names_rule *r;
	const char *key = counted_key(t, t->tmp_key.buf, &r);

	if (r) {
		strbuf_reset(&t->tmp_display);
		strbuf_addstr(&t->tmp_display, r->name);
	}
	if (key != t->tmp_key.buf) {
		struct strbuf k = STRBUF_INIT;
		strbuf_addstr(&k, key);
		strbuf_reset(&t->tmp_key);
		strbuf_add(&t->tmp_key, k.buf, k.len);
		strbuf_release(&k);
	}
	return r;
}

/*
 * Normalises raw and finds or adds its key; cost is what caching the
 * raw spelling will take, checked (with enforce) with the name's.
 */
static int32_t intern_slow(struct name_table *t, const char *raw, size_t len,
			   size_t cost, int enforce)
{
	const struct names_rule *rule;
	uint32_t slot = 0;
	int32_t id;

	strbuf_reset(&t->tmp_display);
	strbuf_reset(&t->tmp_key);
	if (names_display(raw, len, &t->tmp_display) ||
	    names_key(t->tmp_display.buf, t->tmp_display.len, &t->tmp_key))
		return NAME_INVALID;
	if (!t->tmp_key.len)
		return over_budget(t, cost, enforce) ? NAME_TOO_BIG
						     : NAME_EMPTY;
	rule = apply_rules(t);
	if (!t->nslots)
		rehash_keys(t);
	id = find_key(t, t->tmp_key.buf, t->tmp_key.len, &slot);
	if (id >= 0) {
		if (over_budget(t, cost, enforce))
			return NAME_TOO_BIG;
		t->v[id].spellings++;
		return id;
	}
	if (t->max_names && t->n >= t->max_names)
		return NAME_TOO_MANY;
	cost += name_cost(t->tmp_display.len, t->tmp_key.len);
	if (over_budget(t, cost, enforce))
		return NAME_TOO_BIG;
	account(t, cost - raw_cost(len));
	if (t->n == t->cap)
		grow(t);
	id = (int32_t)t->n++;
	t->v[id].display =
		arena_memdup(&t->arena, t->tmp_display.buf, t->tmp_display.len);
	/* a name already in lower case is its own key */
	t->v[id].key = !strcmp(t->tmp_key.buf, t->tmp_display.buf)
			       ? t->v[id].display
			       : arena_memdup(&t->arena, t->tmp_key.buf,
					      t->tmp_key.len);
	/* the key never changes, so neither does its place in the order */
	t->v[id].sortkey = names_sortkey(&t->arena, t->v[id].key);
	t->v[id].spellings = 1;
	t->v[id].forms = 1;
	t->v[id].other = NULL;
	if (rule && rule->code)
		set_code(t, (uint32_t)id, rule->code);
	if (rule)
		set_rule(t, (uint32_t)id, rule);
	t->slots[slot] = (uint32_t)id + 1;
	if ((uint64_t)t->n * 2 > t->nslots)
		rehash_keys(t);
	return id;
}

static void rehash_raw(struct name_table *t)
{
	uint32_t n = t->raw_slots_n ? t->raw_slots_n * 2 : 64;

	free(t->raw_slots);
	t->raw_slots = xcalloc(n, sizeof(*t->raw_slots));
	t->raw_slots_n = n;
	for (uint32_t k = 0; k < t->nraw; k++) {
		uint32_t i = (uint32_t)t->raw[k].hash & (n - 1);
		while (t->raw_slots[i])
			i = (i + 1) & (n - 1);
		t->raw_slots[i] = k + 1;
	}
}

/* Adds n to the count of an exact raw spelling already in the cache. */
static void add_raw_count(struct name_table *t, const char *raw, size_t len,
			  uint64_t n)
{
	uint64_t h = hash_bytes(raw, len);
	uint32_t mask = t->raw_slots_n - 1;

	for (uint32_t i = (uint32_t)h & mask; t->raw_slots[i];
	     i = (i + 1) & mask) {
		struct raw_cache_entry *e = &t->raw[t->raw_slots[i] - 1];
		if (e->hash == h && e->len == len &&
		    !memcmp(e->raw, raw, len)) {
			e->count += n;
			return;
		}
	}
}

static int32_t intern(struct name_table *t, const char *raw, size_t len,
		      uint32_t *spelling, int enforce)
{
	uint64_t h = hash_bytes(raw, len);
	uint32_t mask, i;
	int32_t id;

	if (!t->raw_slots_n)
		rehash_raw(t);
	mask = t->raw_slots_n - 1;
	for (i = (uint32_t)h & mask; t->raw_slots[i]; i = (i + 1) & mask) {
		struct raw_cache_entry *e = &t->raw[t->raw_slots[i] - 1];
		if (e->hash == h && e->len == len &&
		    !memcmp(e->raw, raw, len)) {
			e->count++;
			*spelling = t->raw_slots[i] - 1;
			return e->id;
		}
	}
	id = intern_slow(t, raw, len, raw_cost(len), enforce);
	if (id == NAME_INVALID || id == NAME_TOO_MANY || id == NAME_TOO_BIG)
		return id;
	account(t, raw_cost(len));
	if (t->nraw % 64 == 0)
		t->raw = xreallocarray(t->raw, t->nraw + 64, sizeof(*t->raw));
	/* most cells are written as they are shown: share the bytes */
	const char *shown = id >= 0 ? t->v[id].display : NULL;
	t->raw[t->nraw].raw =
		shown && strlen(shown) == len && !memcmp(shown, raw, len)
			? shown
			: arena_memdup(&t->arena, raw, len);
	t->raw[t->nraw].len = (uint32_t)len;
	t->raw[t->nraw].id = id;
	t->raw[t->nraw].hash = h;
	t->raw[t->nraw].count = 1;
	*spelling = t->nraw;
	t->raw_slots[i] = ++t->nraw;
	if ((uint64_t)t->nraw * 2 > t->raw_slots_n)
		rehash_raw(t);
	return id;
}

int32_t name_table_intern(struct name_table *t, const char *raw, size_t len)
{
	uint32_t spelling;

	return intern(t, raw, len, &spelling, 1);
}

void name_table_count_again(struct name_table *t, uint32_t spelling)
{
	t->raw[spelling].count++;
}

int32_t name_table_intern_spelling(struct name_table *t, const char *raw,
				   size_t len, uint32_t *spelling)
{
	return intern(t, raw, len, spelling, 1);
}

size_t name_table_bytes(const struct name_table *t)
{
	return t->bytes;
}

int32_t name_table_find(const struct name_table *t, const char *raw, size_t len)
{
	struct strbuf display = STRBUF_INIT, key = STRBUF_INIT;
	uint32_t slot;
	int32_t id;

	if (names_display(raw, len, &display) ||
	    names_key(display.buf, display.len, &key))
		id = NAME_INVALID;
	else if (!key.len)
		id = NAME_EMPTY;
	else if (!t->nslots)
		id = -1;
	else {
		const char *k = counted_key(t, key.buf, NULL);
		id = find_key(t, k, strlen(k), &slot);
	}
	strbuf_release(&display);
	strbuf_release(&key);
	return id;
}

int32_t name_table_raw(const struct name_table *t, uint32_t k, const char **raw,
		       size_t *len)
{
	*raw = t->raw[k].raw;
	*len = t->raw[k].len;
	return t->raw[k].id;
}

int32_t name_table_find_key(const struct name_table *t, const char *key)
{
	uint32_t slot;

	if (!t->nslots)
		return -1;
	key = counted_key(t, key, NULL);
	return find_key(t, key, strlen(key), &slot);
}

uint32_t *name_table_merge(struct name_table *t, const struct name_table *from)
{
	uint32_t *map = xcalloc(from->n + 1, sizeof(*map));

	for (uint32_t k = 0; k < from->nraw; k++) {
		const struct raw_cache_entry *e = &from->raw[k];
		if (e->id < 0)
			continue;
		uint32_t spelling;
		/* counted, but not held to the budget: the caller knows the
		 * merged names fit (they cost at most both tables' sum) */
		int32_t id = intern(t, e->raw, e->len, &spelling, 0);
		map[e->id] = (uint32_t)id;
		/* carry the spelling's count over (intern counted one) */
		add_raw_count(t, e->raw, e->len, e->count - 1);
		const char *code = name_code(from, (uint32_t)e->id);
		if (code)
			name_table_set_code(t, (uint32_t)id, code,
					    strlen(code));
		if (from->upper)
			set_upper_mark(t, (uint32_t)id, from->upper[e->id]);
	}
	return map;
}

/* ---- the spelling shown ------------------------------------------- */

/* Written in capitals: letters that fold, and no ASCII lowercase. */
static int all_caps(const char *s)
{
	struct strbuf key = STRBUF_INIT;
	int caps;

	names_key(s, strlen(s), &key);
	caps = strcmp(key.buf, s) && !strpbrk(s, "abcdefghijklmnopqrstuvwxyz");
	strbuf_release(&key);
	return caps;
}

static int capitalised(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z';
}

/* Better shown: used more, not in capitals, capitalised, bytes first. */
static int better_spelling(const char *a, uint64_t na, const char *b,
			   uint64_t nb)
{
	if (na != nb)
		return na > nb;
	if (all_caps(a) != all_caps(b))
		return all_caps(b);
	if (capitalised(a) != capitalised(b))
		return capitalised(a);
	return strcmp(a, b) < 0;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Picks the shown spelling of one name from its raw spellings
 * raw[idx[0..n)]; raw spellings that differ only in white space pool
 * their counts. Sorting the display forms keeps it O(n log n) however
 * many spellings one name has.
 */
static void choose_display(struct name_table *t, const uint32_t *idx, size_t n)
{
	struct pooled {
		const char *form; /* must stay first: compare_strings */
		uint64_t count;
	} *p = xcalloc(n, sizeof(*p));
	struct strbuf d = STRBUF_INIT;
	size_t nforms = 0, best = 0, other = SIZE_MAX;

	for (size_t k = 0; k < n; k++) {
		const struct raw_cache_entry *e = &t->raw[idx[k]];
		strbuf_reset(&d);
		names_display(e->raw, e->len, &d);
		p[k].form = arena_memdup(&t->arena, d.buf, d.len);
		p[k].count = e->count;
	}
	qsort(p, n, sizeof(*p), compare_strings);
	for (size_t k = 0; k < n; k++) {
		if (nforms && !strcmp(p[nforms - 1].form, p[k].form))
			p[nforms - 1].count += p[k].count;
		else
			p[nforms++] = p[k];
	}
	for (size_t j = 1; j < nforms; j++)
		if (better_spelling(p[j].form, p[j].count, p[best].form,
				    p[best].count))
			best = j;
	/* the most used of the spellings not shown, for the warning */
	for (size_t j = 0; j < nforms; j++)
		if (j != best &&
		    (other == SIZE_MAX ||
		     better_spelling(p[j].form, p[j].count, p[other].form,
				     p[other].count)))
			other = j;
	struct name_entry *v = &t->v[t->raw[idx[0]].id];
	v->display = p[best].form;
	v->forms = (uint32_t)nforms;
	v->other = other != SIZE_MAX ? p[other].form : NULL;
	strbuf_release(&d);
	free(p);
}

void name_table_finish(struct name_table *t)
{
	uint32_t *start, *idx;

	if (t->finished_raw == t->nraw)
		return;
	/* bucket the raw spellings by name id */
	start = xcalloc((size_t)t->n + 1, sizeof(*start));
	idx = xcalloc((size_t)t->nraw + 1, sizeof(*idx));
	/* (empty cells are cached too, with a negative id: skipped) */
	for (uint32_t k = 0; k < t->nraw; k++)
		if (t->raw[k].id >= 0)
			start[t->raw[k].id + 1]++;
	for (uint32_t id = 0; id < t->n; id++)
		start[id + 1] += start[id];
	for (uint32_t k = 0; k < t->nraw; k++)
		if (t->raw[k].id >= 0)
			idx[start[t->raw[k].id]++] = k;
	for (uint32_t id = t->n; id > 0; id--)
		start[id] = start[id - 1];
	start[0] = 0;
	for (uint32_t id = 0; id < t->n; id++)
		if (t->v[id].spellings > 1 && !name_fixed(t, id))
			choose_display(t, idx + start[id],
				       start[id + 1] - start[id]);
	free(start);
	free(idx);
	t->finished_raw = t->nraw;
}

/* The warnings for one kind of name, whole (a translation may inflect). */
static const struct {
	const char *what, *two, *more, *more_plural;
} merged_text[] = {
	{ "region", N_("region '%s' is also written '%s'; counted as one"),
	  NN_("region '%s' is also written '%s' and %u other way; counted as "
	      "one",
	      "region '%s' is also written '%s' and %u other ways; counted as "
	      "one") },
	{ "organisation",
	  N_("organisation '%s' is also written '%s'; counted as one"),
	  NN_("organisation '%s' is also written '%s' and %u other way; "
	      "counted as one",
	      "organisation '%s' is also written '%s' and %u other ways; "
	      "counted as one") },
	{ "occupation",
	  N_("occupation '%s' is also written '%s'; counted as one"),
	  NN_("occupation '%s' is also written '%s' and %u other way; "
	      "counted as one",
	      "occupation '%s' is also written '%s' and %u other ways; "
	      "counted as one") },
};

void name_table_warn_merged(struct name_table *t, const char *what)
{
	uint32_t *order = xcalloc((size_t)t->n + 1, sizeof(*order));
	size_t k = 0;

	while (k + 1 < ARRAY_SIZE(merged_text) &&
	       strcmp(merged_text[k].what, what))
		k++;

	name_table_finish(t);
	name_table_sorted(t, order, NULL);
	for (uint32_t i = 0; i < t->n; i++) {
		const struct name_entry *v = &t->v[order[i]];
		/* a names file's spellings are listed as notes instead */
		if (v->forms < 2 || name_fixed(t, order[i]))
			continue;
		if (v->forms == 2)
			kmap_warn(merged_text[k].two, v->display, v->other);
		else
			diag_report_n(DIAG_WARNING, NULL, NULL, v->forms - 2,
				      merged_text[k].more,
				      merged_text[k].more_plural, v->display,
				      v->other, v->forms - 2);
	}
	free(order);
}

static const struct name_table *sort_table;

static int compare_ids(const void *pa, const void *pb)
{
	const struct name_entry *a = &sort_table->v[*(const uint32_t *)pa];
	const struct name_entry *b = &sort_table->v[*(const uint32_t *)pb];
	int c = names_compare_sortkeys(a->sortkey, b->sortkey);

	return c ? c : strcmp(a->key, b->key);
}

void name_table_sorted(const struct name_table *t, uint32_t *order,
		       uint32_t *rank)
{
	/* the kept order is a cache, not part of the table's value */
	struct name_table *keep = (struct name_table *)t;

	if (!t->sorted || t->nsorted != t->n) {
		keep->sorted = xreallocarray(keep->sorted, (size_t)t->n + 1,
					     sizeof(*keep->sorted));
		for (uint32_t id = 0; id < t->n; id++)
			keep->sorted[id] = id;
		sort_table = t;
		qsort(keep->sorted, t->n, sizeof(*keep->sorted), compare_ids);
		sort_table = NULL;
		keep->nsorted = t->n;
	}
	memcpy(order, t->sorted, (size_t)t->n * sizeof(*order));
	if (rank)
		for (uint32_t i = 0; i < t->n; i++)
			rank[order[i]] = i;
}

uint32_t *name_table_ranks(const struct name_table *t)
{
	uint32_t *order = xcalloc((size_t)t->n + 1, sizeof(*order));
	uint32_t *rank = xcalloc((size_t)t->n + 1, sizeof(*rank));

	name_table_sorted(t, order, rank);
	free(order);
	return rank;
}

/* ---- codes ---------------------------------------------------------- */

enum name_code_set name_table_set_code(struct name_table *t, uint32_t id,
				       const char *code, size_t len)
{
	const char *had = name_code(t, id);

	while (len && (*code == ' ' || *code == '\t')) {
		code++;
		len--;
	}
	while (len && (code[len - 1] == ' ' || code[len - 1] == '\t'))
		len--;
	if (!len)
		return NAME_CODE_SAME;
	if (had)
		return strlen(had) == len && !memcmp(had, code, len)
			       ? NAME_CODE_SAME
			       : NAME_CODE_OTHER;
	set_code(t, id, arena_memdup(&t->arena, code, len));
	return NAME_CODE_NEW;
}

/* How many " / " s[0..len) holds. */
static uint32_t count_separators(const char *s, size_t len)
{
	uint32_t n = 0;

	for (size_t i = 0; i + 3 <= len; i++)
		if (!memcmp(s + i, " / ", 3)) {
			n++;
			i += 2;
		}
	return n;
}

void name_table_set_upper(struct name_table *t, uint32_t id, const char *upper,
			  size_t len)
{
	set_upper_mark(t, id, count_separators(upper, len) + 1);
}

int name_upper(const struct name_table *t, uint32_t id, const char **s,
	       size_t *len)
{
	const char *d = name_display(t, id), *p = d;
	uint32_t skip;

	if (!t->upper || !t->upper[id])
		return 0;
	/* the upper level ends at the separator past its own ones */
	skip = t->upper[id] - 1;
	while ((p = strstr(p, " / ")) && skip) {
		p += 3;
		skip--;
	}
	*s = d;
	*len = p ? (size_t)(p - d) : strlen(d);
	return 1;
}

static const struct name_table *code_table;

/* By code, then a names file's name first, then Swedish order. */
static int compare_by_code(const void *pa, const void *pb)
{
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct name_entry *a = &code_table->v[ia];
	const struct name_entry *b = &code_table->v[ib];
	int c = strcmp(name_code(code_table, ia), name_code(code_table, ib));

	if (!c)
		c = name_fixed(code_table, ib) - name_fixed(code_table, ia);
	if (!c)
		c = names_compare_sortkeys(a->sortkey, b->sortkey);
	return c ? c : strcmp(a->key, b->key);
}

static int compare_alias(const void *pa, const void *pb)
{
	return strcmp(((const struct name_alias *)pa)->from,
		      ((const struct name_alias *)pb)->from);
}

uint32_t *name_table_unify_codes(struct name_table *t)
{
	uint32_t *coded = xcalloc((size_t)t->n + 1, sizeof(*coded));
	uint32_t ncoded = 0, nalias = t->nalias;
	struct name_alias *alias;
	struct name_table u;
	uint32_t *map;

	for (uint32_t id = 0; id < t->n; id++)
		if (name_code(t, id))
			coded[ncoded++] = id;
	code_table = t;
	qsort(coded, ncoded, sizeof(*coded), compare_by_code);
	code_table = NULL;
	alias = xreallocarray(NULL, (size_t)nalias + ncoded + 1,
			      sizeof(*alias));
	if (nalias)
		memcpy(alias, t->alias, nalias * sizeof(*alias));
	for (uint32_t i = 1, first = 0; i < ncoded; i++) {
		const struct name_entry *a = &t->v[coded[first]];
		const struct name_entry *b = &t->v[coded[i]];
		if (strcmp(name_code(t, coded[first]),
			   name_code(t, coded[i]))) {
			first = i;
			continue;
		}
		alias[nalias].from = b->key;
		alias[nalias++].to = a->key;
	}
	free(coded);
	if (nalias == t->nalias) {
		free(alias);
		return NULL;
	}
	/* the new table: every spelling again, with its count, its name
	 * counted as the first of its code */
	name_table_init(&u);
	u.rules = t->rules;
	u.kind = t->kind;
	u.alias = alias;
	u.nalias = nalias;
	for (uint32_t i = 0; i < nalias; i++) {
		alias[i].from = arena_strdup(&u.arena, alias[i].from);
		alias[i].to = arena_strdup(&u.arena, alias[i].to);
	}
	qsort(alias, nalias, sizeof(*alias), compare_alias);
	/* a name counted as another before may now count as a third */
	for (uint32_t i = 0; i < nalias; i++) {
		const char *to;
		for (uint32_t hop = 0;
		     hop < nalias && (to = alias_of(&u, alias[i].to)); hop++)
			alias[i].to = to;
	}
	map = xcalloc((size_t)t->n + 1, sizeof(*map));
	for (uint32_t k = 0; k < t->nraw; k++) {
		const struct raw_cache_entry *e = &t->raw[k];
		uint32_t spelling;
		if (e->id < 0)
			continue;
		int32_t id = intern(&u, e->raw, e->len, &spelling, 0);
		map[e->id] = (uint32_t)id;
		add_raw_count(&u, e->raw, e->len, e->count - 1);
	}
	for (uint32_t id = 0; id < t->n; id++) {
		uint32_t to = map[id];
		if (name_code(t, id) && !name_code(&u, to))
			set_code(&u, to,
				 arena_strdup(&u.arena, name_code(t, id)));
		if (t->upper)
			set_upper_mark(&u, to, t->upper[id]);
		if (name_fixed(t, id) && !name_fixed(&u, to)) {
			set_rule(&u, to, name_rule(t, id));
			u.v[to].display =
				arena_strdup(&u.arena, t->v[id].display);
		}
	}
	u.max_names = t->max_names;
	u.budget = t->budget;
	name_table_release(t);
	*t = u;
	name_table_finish(t);
	return map;
}
