/*
 * libFuzzer: bytes -> loader -> counts -> summary JSON, which must parse
 * again with cJSON and be valid UTF-8.
 */
#include <cjson/cJSON.h>
#include <string.h>

#include "fuzz_common.h"
#include "kmap/agg.h"
#include "kmap/critical.h"
#include "kmap/encoding.h"
#include "kmap/load.h"
#include "kmap/summary_view.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n =
			utf8_valid_seq((const unsigned char *)s + i, len - i);
		if (!n || !s[i])
			abort();
		i += n;
	}
}

/*
 * The critical ranking over the same counts: each occupation's counts
 * equal agg's, ranks are ordered by brist share, and every comment
 * belongs to a row that exists.
 */
static void check_critical(const struct agg *a, int by_region)
{
	struct crit_list cl;
	const struct dataset *ds = a->ds;

	const struct crit_opts co = { by_region, 0.5, 1, NULL, 0, 0 };
	crit_build(&cl, a, &co);
	for (uint32_t i = 0; i < cl.n; i++) {
		const struct crit *c = &cl.v[i];
		for (uint32_t k = 0; !by_region && k < a->nperiods; k++) {
			uint32_t p = a->periods[k];
			if (memcmp(&c->stats[p],
				   agg_occupation(a, c->occupation, p),
				   sizeof(struct stats)))
				abort();
		}
		if (i && c->region == cl.v[i - 1].region &&
		    (c->rank != cl.v[i - 1].rank + 1 ||
		     c->brist > cl.v[i - 1].brist))
			abort();
	}
	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct comment *cm;
		size_t n = dataset_comments(ds, r, &cm);
		for (size_t m = 0; m < n; m++)
			if (cm[m].row != r || !cm[m].text[0])
				abort();
	}
	crit_release(&cl);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct load_opts lo;
	struct dataset ds;
	struct filter none = { 0 };
	struct agg a;
	char path[64], *json = NULL;
	size_t json_len = 0;
	int fd, loaded;

	if (size < 2)
		return 0;
	load_opts_init(&lo);
	fuzz_options(data[0], &lo.csv);
	lo.fill_down = data[1] & 1;
	lo.fill_missing = data[1] & 2;
	lo.all_errors = data[1] & 4;
	lo.default_region = data[1] & 8 ? "Region" : NULL;
	lo.default_organisation = data[1] & 16 ? "Org" : NULL;
	lo.max_names = 1000;
	fd = fuzz_file(data + 2, size - 2, path, sizeof(path));
	diag_set_sink(fuzz_discard, NULL);
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	loaded = load_file(&ds, path, &lo) == LOAD_OK;
	/* the spellings shown are chosen as the input step chooses them */
	if (loaded)
		load_warn_merged(&ds);
	if (loaded && agg_build(&a, &ds, &none, AGG_CHANGES) == 0) {
		dataset_sort_comments(&ds);
		check_critical(&a, data[1] & 32);
		FILE *mem = open_memstream(&json, &json_len);
		summary_view_json(mem, &a);
		fclose(mem);
		check_utf8(json, json_len);
		cJSON *back = cJSON_Parse(json);
		if (!back)
			abort();
		cJSON_Delete(back);
		free(json);
		agg_release(&a);
	}
	dataset_release(&ds);
	diag_set_sink(NULL, NULL);
	close(fd);
	return 0;
}
