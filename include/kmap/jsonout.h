/*
 * jsonout.h - the JSON parts every command's output shares (SPEC §7):
 * the scale, the inputs, the periods and the STATS object. Built with
 * cJSON; the caller owns the returned tree and deletes its root once.
 */
#ifndef KMAP_JSONOUT_H
#define KMAP_JSONOUT_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "kmap/agg.h"

/* The scale's levels: key, label, level, letter, color, risk. */
cJSON *json_scale(const struct scale *sc);
/*
 * A new root object with "schema": name, "scale_name", "scale", "inputs",
 * "periods".
 */
cJSON *json_document(const char *schema, const struct agg *a);
/* An input file: file, layout, encoding, delimiter, rows, records. */
cJSON *json_input(const struct input_info *in);
/*
 * --by ATTRIBUTE (agg_group_by_attribute()): {"attribute", "of": the
 * kind of name that has it, "missing": what names without it show as}.
 */
cJSON *json_by_attribute(const struct agg_attr *g);
/* STATS: the counts, rated, shares, risk_share and index. */
cJSON *json_stats(const struct stats *s, const struct scale *sc);
/* {"<period label>": STATS, ...} over the agg's periods. */
cJSON *json_periods_stats(const struct agg *a, const struct stats *by_period);
/*
 * Change over time: {"compared", "worse", "same", "better",
 * "transitions": {"<from key>": {"<to key>": n, ...}, ...}}.
 */
cJSON *json_change(const struct change *c, const struct scale *sc);
/* {"<later period label>": change, ...} over the agg's later periods. */
cJSON *json_periods_change(const struct agg *a, const struct change *by_period);
/*
 * Adds key: the name's shown spelling, and code_key: its code when it
 * has one (names.h). An object about one name calls its code "code"; an
 * object naming several (a record: region, organisation, occupation)
 * gives each "<key>_code", so no code is ambiguous.
 */
void json_add_name(cJSON *o, const char *key, const struct name_table *t,
		   uint32_t id, const char *code_key);
/* A ratio (0..4) rounded to 4 decimals, as JSON shows it: "0.589". */
void json_format_ratio(double v, char buf[16]);
/* Prints root to fp followed by a newline; returns 0 or -1. */
int json_print(FILE *fp, const cJSON *root);

/*
 * A document written member by member, so that a large one is never held
 * whole in memory: each member (or array element) is built as a small
 * cJSON tree, printed by cJSON at its depth, and deleted. The bytes are
 * those cJSON_Print() would give for the whole tree. Takes ownership of
 * every value passed in.
 */
struct strbuf;

struct json_stream {
	FILE *fp;
	int members, items;
};

void json_stream_begin(struct json_stream *js, FILE *fp);
void json_stream_member(struct json_stream *js, const char *key, cJSON *value);
/* Streams every member of object (as built by json_document()). */
void json_stream_members(struct json_stream *js, cJSON *object);
void json_stream_array_begin(struct json_stream *js, const char *key);
void json_stream_array_item(struct json_stream *js, cJSON *value);
/*
 * Streams n array items, item i built by make(ctx, i): the same bytes as
 * n calls of json_stream_array_item(), but built and printed by two
 * threads at once (jsonout_items.c), so make must only read what it is
 * given. KMAP_JSON_THREADS=1 keeps it to one thread (a test hook), as do
 * allocation counting and failure injection.
 */
typedef cJSON *json_make_fn(void *ctx, size_t i);
void json_stream_array_items(struct json_stream *js, size_t n,
			     json_make_fn *make, void *ctx);
void json_stream_array_end(struct json_stream *js);
/* Appends value printed by cJSON as if depth levels deep, with the \u
 * escapes of every output (jsonout.c). */
void json_print_to(struct strbuf *out, const cJSON *value, int depth);
void json_stream_end(struct json_stream *js);

#endif
