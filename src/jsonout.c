#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/jsonout.h"
#include "kmap/round.h"
#include "kmap/strbuf.h"
#include "kmap/textsafe.h"
#include "kmap/xalloc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* how deep json_print_to() indents at most (a summary streams at 2) */
enum { JSON_PRINT_DEPTH_MAX = 8 };

/* Writes n in decimal at p, returns the end (no NUL). */
static char *put_decimal(char *p, unsigned long long n)
{
	char digits[20];
	int k = 0;

	do
		digits[k++] = (char)('0' + n % 10);
	while (n /= 10);
	while (k)
		*p++ = digits[--k];
	return p;
}

/* A ratio as the ten-thousandths it is rounded to. */
static unsigned long long ratio_q(double v)
{
	return (unsigned long long)llround(round4(v) * 10000.0);
}

/* q ten-thousandths as json_format_ratio() writes them. */
static void format_q(unsigned long long q, char buf[16])
{
	char *p = put_decimal(buf, q / 10000);
	unsigned frac = (unsigned)(q % 10000), digits = 4;

	if (frac) {
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		*p++ = '.';
		for (unsigned d = digits; d-- > 0; frac /= 10)
			p[d] = (char)('0' + frac % 10);
		p += digits;
	}
	*p = '\0';
}

/*
 * A ratio rounded to 4 decimals, written as the shortest decimal that
 * reads back as that value ("0.589", "1", "0.0137"). Formatted here with
 * integer arithmetic and given to cJSON as a raw number: cJSON's own
 * printing of a double (printf %1.15g, then sscanf to check) was a
 * quarter of the run time on large inputs. A ratio is never negative
 * (a share or an index) nor near 2^60 / 10^4.
 */
void json_format_ratio(double v, char buf[16])
{
	format_q(ratio_q(v), buf);
}

/*
 * The texts of the counts below COUNT_TEXTS and of the ratios from 0 to 1,
 * made once and given to cJSON by reference: a summary of a national
 * round has millions of numbers, and a raw number of cJSON's own is one
 * allocation and copy each. Making them costs about as much as 20,000
 * copies, so the first TEXTS_AFTER numbers of a run are copied.
 */
enum { COUNT_TEXTS = 10000, RATIO_TEXTS = 10001, TEXTS_AFTER = 20000 };
static char count_texts[COUNT_TEXTS][5];
static char ratio_texts[RATIO_TEXTS][7];
static pthread_once_t texts_made = PTHREAD_ONCE_INIT;
static unsigned long numbers_added; /* atomic */

static void make_texts(void)
{
	char buf[16];

	for (unsigned n = 0; n < COUNT_TEXTS; n++)
		*put_decimal(count_texts[n], n) = '\0';
	for (unsigned q = 0; q < RATIO_TEXTS; q++) {
		format_q(q, buf);
		memcpy(ratio_texts[q], buf, strlen(buf) + 1);
	}
}

/* Whether the texts are made (and so are to be used). */
static int use_texts(void)
{
	if (__atomic_add_fetch(&numbers_added, 1, __ATOMIC_RELAXED) <=
	    TEXTS_AFTER)
		return 0;
	pthread_once(&texts_made, make_texts);
	return 1;
}

/* Adds a raw number whose text outlives the tree, without a copy. */
static void add_raw_text(cJSON *obj, const char *key, const char *text)
{
	cJSON *item = cJSON_CreateStringReference(text);

	if (!item)
		xalloc_die();
	item->type = cJSON_Raw | cJSON_IsReference;
	cJSON_AddItemToObjectCS(obj, key, item);
}

static void add_ratio(cJSON *obj, const char *key, double v)
{
	char buf[16];

	if (v < 0) {
		cJSON_AddItemToObjectCS(obj, key, cJSON_CreateNull());
		return;
	}
	unsigned long long q = ratio_q(v);
	if (q < RATIO_TEXTS && use_texts()) {
		add_raw_text(obj, key, ratio_texts[q]);
		return;
	}
	format_q(q, buf);
	cJSON_AddItemToObjectCS(obj, key, cJSON_CreateRaw(buf));
}

/*
 * Members whose key outlives the tree (string literals, the scale's keys,
 * period labels) are added without copying the key: a national round has
 * a few hundred thousand of them. A count is written by hand as a raw
 * number for the same reason as a ratio: cJSON 1.7.15 prints every
 * number, whole or not, with %1.15g and reads it back with sscanf.
 */
static void add_count(cJSON *obj, const char *key, double n)
{
	char buf[24];

	if (!(n >= 0 && n < 9007199254740992.0) || n != (double)(long long)n) {
		cJSON_AddItemToObjectCS(obj, key, cJSON_CreateNumber(n));
		return;
	}
	if (n < COUNT_TEXTS && use_texts()) {
		add_raw_text(obj, key, count_texts[(unsigned)n]);
		return;
	}
	*put_decimal(buf, (unsigned long long)n) = '\0';
	cJSON_AddItemToObjectCS(obj, key, cJSON_CreateRaw(buf));
}

cJSON *json_stats(const struct stats *s, const struct scale *sc)
{
	cJSON *o = cJSON_CreateObject(), *shares = cJSON_CreateObject();

	for (size_t l = 0; l < sc->nlevels; l++)
		add_count(o, sc->levels[l].key, s->level[l]);
	add_count(o, "missing", s->missing);
	add_count(o, "not_applicable", s->not_applicable);
	add_count(o, "rated", stats_rated(s, sc));
	cJSON_AddItemToObjectCS(o, "shares", shares);
	for (size_t l = 0; l < sc->nlevels; l++)
		add_ratio(shares, sc->levels[l].key,
			  stats_share(s, sc, (int)l + 1));
	add_ratio(o, "risk_share", stats_risk(s, sc));
	add_ratio(o, "index", stats_index(s, sc));
	return o;
}

cJSON *json_periods_stats(const struct agg *a, const struct stats *by_period)
{
	cJSON *o = cJSON_CreateObject();

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		/* the label lives in the dataset, which outlives the tree */
		cJSON_AddItemToObjectCS(
			o, a->ds->periods[p].label,
			json_stats(&by_period[p], a->ds->scale));
	}
	return o;
}

cJSON *json_change(const struct change *c, const struct scale *sc)
{
	cJSON *o = cJSON_CreateObject(), *tr = cJSON_CreateObject();

	add_count(o, "compared", change_compared(c));
	add_count(o, "worse", c->worse);
	add_count(o, "same", c->same);
	add_count(o, "better", c->better);
	cJSON_AddItemToObjectCS(o, "transitions", tr);
	for (size_t f = 0; f < sc->nlevels; f++) {
		cJSON *row = cJSON_CreateObject();
		for (size_t t = 0; t < sc->nlevels; t++)
			add_count(row, sc->levels[t].key, c->from_to[f][t]);
		cJSON_AddItemToObjectCS(tr, sc->levels[f].key, row);
	}
	return o;
}

cJSON *json_periods_change(const struct agg *a, const struct change *by_period)
{
	cJSON *o = cJSON_CreateObject();

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		if (agg_future(a, p))
			cJSON_AddItemToObjectCS(
				o, a->ds->periods[p].label,
				json_change(&by_period[p], a->ds->scale));
	}
	return o;
}

void json_add_name(cJSON *o, const char *key, const struct name_table *t,
		   uint32_t id, const char *code_key)
{
	cJSON_AddStringToObject(o, key, name_display(t, id));
	if (name_code(t, id))
		cJSON_AddStringToObject(o, code_key, name_code(t, id));
}

cJSON *json_input(const struct input_info *in)
{
	cJSON *o = cJSON_CreateObject();
	char delim[2] = { in->delimiter, 0 };

	cJSON_AddStringToObject(o, "file", in->name);
	cJSON_AddStringToObject(o, "layout", in->layout);
	cJSON_AddStringToObject(o, "encoding", in->encoding);
	cJSON_AddStringToObject(o, "delimiter", delim);
	cJSON_AddNumberToObject(o, "rows", (double)in->rows);
	cJSON_AddNumberToObject(o, "records", (double)in->records);
	return o;
}

static cJSON *json_inputs(const struct dataset *ds)
{
	cJSON *arr = cJSON_CreateArray();
	uint32_t *order = dataset_inputs_by_name(ds);

	for (uint32_t i = 0; i < ds->ninputs; i++) {
		const struct input_info *in = &ds->inputs[order[i]];
		cJSON *o = json_input(in);
		if (in->current >= 0)
			cJSON_AddStringToObject(o, "current_period",
						ds->periods[in->current].label);
		else
			cJSON_AddNullToObject(o, "current_period");
		if (in->round)
			cJSON_AddStringToObject(o, "round", in->round);
		else
			cJSON_AddNullToObject(o, "round");
		cJSON_AddItemToArray(arr, o);
	}
	free(order);
	return arr;
}

cJSON *json_scale(const struct scale *sc)
{
	cJSON *arr = cJSON_CreateArray();

	for (size_t l = 0; l < sc->nlevels; l++) {
		const struct scale_level *lv = &sc->levels[l];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", lv->key);
		cJSON_AddStringToObject(o, "label", lv->label);
		cJSON_AddNumberToObject(o, "level", (double)(l + 1));
		cJSON_AddStringToObject(o, "letter", lv->letter);
		cJSON_AddStringToObject(o, "color", lv->color);
		cJSON_AddBoolToObject(o, "risk", lv->risk);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

cJSON *json_by_attribute(const struct agg_attr *g)
{
	static const char *const kinds[] = { "region", "organisation",
					     "occupation" };
	cJSON *by = cJSON_CreateObject();

	cJSON_AddStringToObject(by, "attribute", g->attribute);
	cJSON_AddStringToObject(by, "of", kinds[g->kind]);
	cJSON_AddStringToObject(by, "missing", AGG_ATTR_NONE);
	return by;
}

cJSON *json_document(const char *schema, const struct agg *a)
{
	const struct dataset *ds = a->ds;
	cJSON *root = cJSON_CreateObject(), *periods;

	cJSON_AddStringToObject(root, "schema", schema);
	cJSON_AddStringToObject(root, "scale_name", ds->scale->name);
	cJSON_AddItemToObject(root, "scale", json_scale(ds->scale));
	cJSON_AddItemToObject(root, "inputs", json_inputs(ds));
	periods = cJSON_AddArrayToObject(root, "periods");
	for (uint32_t i = 0; i < a->nperiods; i++) {
		const struct period_info *p = &ds->periods[a->periods[i]];
		int current = agg_current(a, a->periods[i]);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "label", p->label);
		cJSON_AddNumberToObject(o, "first_year", p->first);
		cJSON_AddNumberToObject(o, "last_year", p->last);
		cJSON_AddBoolToObject(o, "current", current);
		cJSON_AddItemToArray(periods, o);
	}
	return root;
}

/*
 * The length of the character at p that cJSON copies as it is but that
 * must be written as a \u escape (DEL, C1 controls, bidirectional
 * controls, U+FFFE/U+FFFF), with its code point in *cp; 0 for any other.
 */
static unsigned escaped_at(const unsigned char *p, const unsigned char *end,
			   unsigned *cp)
{
	if (p[0] == 0x7F) {
		*cp = 0x7F;
		return 1;
	}
	if (p[0] == 0xC2 && p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F) {
		*cp = p[1];
		return 2;
	}
	if (p[0] == 0xD8 && p + 1 < end && p[1] == 0x9C) {
		*cp = 0x061C;
		return 2;
	}
	if ((p[0] == 0xE2 || p[0] == 0xEF) && p + 2 < end &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		unsigned c = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 |
			     (p[2] & 0x3Fu);
		if (text_is_bidi_control((int32_t)c) || c == 0xFFFE ||
		    c == 0xFFFF) {
			*cp = c;
			return 3;
		}
	}
	return 0;
}

/*
 * Adds s[0..len) to out with the characters of escaped_at() as \u
 * escapes: the same string to any JSON reader, and nothing that acts on
 * a terminal the document is shown in. Those characters only occur
 * inside strings, where cJSON copies them as they are.
 */
static void add_escaped(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len, *done = p;

	for (; p < end; p++) {
		unsigned cp, n;
		if (*p < 0x7F || !(n = escaped_at(p, end, &cp)))
			continue;
		strbuf_add(out, done, (size_t)(p - done));
		strbuf_addf(out, "\\u%04x", cp);
		p += n - 1;
		done = p + 1;
	}
	strbuf_add(out, done, (size_t)(end - done));
}

/* Whether s[0..len) holds a character escaped_at() escapes: a byte of
 * 0x7F or above starts each, so most text is passed 16 bytes a step. */
static int needs_escapes(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
#ifdef __SSE2__
	const __m128i del = _mm_set1_epi8(0x7E);
#endif

	for (;;) {
#ifdef __SSE2__
		while (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)p);
			/* signed: bytes of 0x80 and up are negative */
			__m128i hi = _mm_or_si128(
				_mm_cmplt_epi8(v, _mm_setzero_si128()),
				_mm_cmpgt_epi8(v, del));
			if (_mm_movemask_epi8(hi))
				break;
			p += 16;
		}
#endif
		while (p < end && *p < 0x7F)
			p++;
		if (p == end)
			return 0;
		unsigned cp;
		if (escaped_at(p, end, &cp))
			return 1;
		p++;
	}
}

/*
 * cJSON prints a value as the top of a document; in a streamed document
 * it sits depth levels deep, so every line of it needs depth more tabs.
 * Only objects break lines, each indented by how deep it is, so the
 * value printed inside depth arrays of one item each is the value at
 * depth with "[" * depth before it and "]" * depth after: cJSON prints
 * the indentation itself, straight into out (a streamed region of a
 * national round is a few MB and hundreds of thousands of lines). When
 * out has too little room, cJSON says so and the value is printed again
 * into twice the room.
 */
void json_print_to(struct strbuf *out, const cJSON *value, int depth)
{
	cJSON *wrap[JSON_PRINT_DEPTH_MAX], *top = (cJSON *)value;
	size_t room =
		out->alloc > out->len + 4096 ? out->alloc - out->len - 1 : 4096;
	size_t at = out->len, len;

	/* an array prints its item and the item's siblings: a value still
	 * in a list is printed alone */
	cJSON *next = top->next;

	top->next = NULL;
	if (depth > JSON_PRINT_DEPTH_MAX)
		depth = JSON_PRINT_DEPTH_MAX;
	for (int k = 0; k < depth; k++) {
		wrap[k] = cJSON_CreateArrayReference(top);
		if (!wrap[k])
			xalloc_die();
		top = wrap[k];
	}
	for (;;) {
		if (room > INT_MAX)
			xalloc_die();
		strbuf_grow(out, room);
		if (cJSON_PrintPreallocated(top, out->buf + at, (int)room, 1))
			break;
		room *= 2;
	}
	for (int k = depth; k-- > 0;)
		cJSON_Delete(wrap[k]); /* the references, not value */
	top = (cJSON *)value;
	top->next = next;
	len = strlen(out->buf + at) - 2 * (size_t)depth;
	memmove(out->buf + at, out->buf + at + depth, len);
	strbuf_setlen(out, at + len);
	if (needs_escapes(out->buf + at, len)) {
		char *plain = xmalloc(len ? len : 1);
		memcpy(plain, out->buf + at, len);
		strbuf_setlen(out, at);
		add_escaped(out, plain, len);
		free(plain);
	}
}

/* Writes value as cJSON prints it, at depth (json_print_to). */
static void print_at(FILE *fp, const cJSON *value, int depth)
{
	struct strbuf out;

	strbuf_init(&out);
	json_print_to(&out, value, depth);
	fwrite(out.buf, 1, out.len, fp);
	strbuf_release(&out);
}

int json_print(FILE *fp, const cJSON *root)
{
	print_at(fp, root, 0);
	fputc('\n', fp);
	return 0;
}

/* ---- streaming a document ------------------------------------------ */

/* Starts a member: the separator, the indent and the escaped key. */
static void stream_key(struct json_stream *js, const char *key)
{
	cJSON *k = cJSON_CreateStringReference(key);

	fprintf(js->fp, "%s\n\t", js->members++ ? "," : "");
	print_at(js->fp, k, 1);
	cJSON_Delete(k);
	fputs(":\t", js->fp);
}

void json_stream_begin(struct json_stream *js, FILE *fp)
{
	js->fp = fp;
	js->members = 0;
	js->items = 0;
	fputc('{', fp);
}

void json_stream_member(struct json_stream *js, const char *key, cJSON *value)
{
	stream_key(js, key);
	print_at(js->fp, value, 1);
	cJSON_Delete(value);
}

void json_stream_members(struct json_stream *js, cJSON *object)
{
	cJSON *item;

	while ((item = object->child) != NULL) {
		cJSON_DetachItemViaPointer(object, item);
		json_stream_member(js, item->string, item);
	}
	cJSON_Delete(object);
}

void json_stream_array_begin(struct json_stream *js, const char *key)
{
	stream_key(js, key);
	fputc('[', js->fp);
	js->items = 0;
}

void json_stream_array_item(struct json_stream *js, cJSON *value)
{
	if (js->items++)
		fputs(", ", js->fp);
	print_at(js->fp, value, 2);
	cJSON_Delete(value);
}

void json_stream_array_end(struct json_stream *js)
{
	fputc(']', js->fp);
}

void json_stream_end(struct json_stream *js)
{
	fputs("\n}\n", js->fp);
}
