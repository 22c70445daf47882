#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "kmap/jsonout.h"
#include "kmap/output.h"
#include "kmap/xalloc.h"
#include "opt.h"

const char *const summary_help[] = {
	"usage: kmap summary [options] FILE...",
	"",
	"Counts and shares of each rating per period: for all records, or per",
	"region, organisation or occupation. FILE '-' is standard input.",
	"",
	"Output:",
	"  -f, --format FMT         table (default), csv, json, markdown",
	"  --by GROUP               total (default), region, organisation, "
	"occupation",
	"  -o, --output FILE        write FILE atomically instead of stdout",
	"  --excel                  with -f csv: ';', BOM, CRLF, decimal comma",
	"  --color WHEN             auto (default), always, never",
	"  -q, --quiet              no warnings",
	"  --verbose                also list ignored columns",
	"",
	"@filter",
	"",
	"@input",
	NULL,
};

enum by { BY_TOTAL, BY_REGION, BY_ORGANISATION, BY_OCCUPATION };
enum { OPT_SUMMARY_BY = OPT_COMMAND_FIRST };

static int own_option(struct cli *c, int id, const char *arg, void *ctx)
{
	static const char *const names[] = { "total", "region", "organisation",
					     "occupation" };
	enum by *by = ctx;

	if (id != OPT_BY)
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(arg, names[i]) ||
		    (i == BY_ORGANISATION && !strcmp(arg, "organization"))) {
			*by = (enum by)i;
			return 0;
		}
	}
	cli_usage_error(c, NULL,
			"unknown --by '%s' (expected total, region, "
			"organisation, occupation)",
			arg);
	return -1;
}

/* ---- table --------------------------------------------------------- */

static void stats_cells(struct table *t, struct cell *c, const struct stats *s,
			const struct scale *sc, int csv)
{
	size_t k = 0;

	for (size_t l = 0; l < sc->nlevels; l++)
		cell_int(&c[k++], s->level[l]);
	cell_int(&c[k++], s->missing);
	if (csv) {
		cell_int(&c[k++], stats_rated(s, sc));
		for (size_t l = 0; l < sc->nlevels; l++)
			cell_ratio(&c[k++], stats_share(s, sc, (int)l + 1));
	}
	cell_ratio(&c[k++], stats_risk(s, sc));
	cell_decimal(&c[k++], stats_index(s, sc));
	(void)t;
}

/*
 * In a table the current period is marked "(nu)" only when all files
 * agree on it; otherwise the title line names the current periods.
 */
static int single_current(const struct agg *a)
{
	int n = 0;

	for (uint32_t i = 0; i < a->nperiods; i++)
		n += a->ds->periods[a->periods[i]].current;
	return n == 1;
}

static void period_cell(struct table *t, struct cell *c,
			const struct period_info *p, int csv, int mark)
{
	char buf[64];

	if (csv) {
		cell_text(t, c, p->label);
		cell_text(t, c + 1, p->current ? "true" : "false");
		return;
	}
	snprintf(buf, sizeof(buf), "%s%s", p->label,
		 p->current && mark ? " (nu)" : "");
	cell_text(t, c, buf);
}

static const char *share_heads[SCALE_MAX_LEVELS];

static void setup_columns(struct table *t, const struct scale *sc,
			  const char *const *groups, const char *const *keys,
			  size_t ngroups, int csv)
{
	static char share_buf[SCALE_MAX_LEVELS][40];
	size_t k = 0;

	for (size_t g = 0; g < ngroups; g++) {
		table_set_col(t, k, groups[g], keys[g]);
		t->cols[k++].group = 1;
	}
	table_set_col(t, k++, "period", "period");
	if (csv)
		table_set_col(t, k++, "current", "current");
	for (size_t l = 0; l < sc->nlevels; l++) {
		table_set_col(t, k, sc->levels[l].label, sc->levels[l].key);
		t->cols[k++].color = sc->levels[l].color;
	}
	table_set_col(t, k++, "saknas", "missing");
	if (csv) {
		table_set_col(t, k++, "bedömda", "rated");
		for (size_t l = 0; l < sc->nlevels; l++) {
			snprintf(share_buf[l], sizeof(share_buf[l]), "share_%s",
				 sc->levels[l].key);
			share_heads[l] = share_buf[l];
			table_set_col(t, k++, share_heads[l], share_heads[l]);
		}
	}
	table_set_col(t, k++, "risk", "risk_share");
	table_set_col(t, k++, "index", "index");
}

static void add_rows(struct table *t, const struct agg *a,
		     const struct stats *by_period, const char *const *names,
		     size_t nnames, int csv)
{
	int mark = single_current(a);

	for (uint32_t i = 0; i < a->nperiods; i++) {
		uint32_t p = a->periods[i];
		const struct stats *s = &by_period[p];
		/* a group without records in a period gets no line */
		if (!s->missing && !stats_rated(s, a->ds->scale))
			continue;
		struct cell *row = table_add_row(t);
		size_t k = 0;
		for (size_t g = 0; g < nnames; g++)
			cell_text(t, &row[k++], names[g]);
		period_cell(t, &row[k], &a->ds->periods[p], csv, mark);
		k += csv ? 2 : 1;
		stats_cells(t, &row[k], &by_period[p], a->ds->scale, csv);
	}
}

static char *title_line(const struct agg *a)
{
	const struct dataset *ds = a->ds;
	struct strbuf sb = STRBUF_INIT;
	int first = 1;

	if (a->nregions == 1)
		strbuf_addstr(&sb, name_display(&ds->regions, a->regions[0]));
	else
		strbuf_addf(&sb, "%u regioner", a->nregions);
	strbuf_addf(&sb, " · %u organisation%s · %u yrke%s", a->nunits,
		    a->nunits == 1 ? "" : "er", a->noccupations,
		    a->noccupations == 1 ? "" : "n");
	for (uint32_t i = 0; i < a->nperiods; i++) {
		const struct period_info *p = &ds->periods[a->periods[i]];
		if (!p->current)
			continue;
		strbuf_addf(&sb, "%s%s", first ? " · nuläge " : ", ", p->label);
		first = 0;
	}
	return strbuf_detach(&sb, NULL);
}

static void build_table(struct table *t, const struct agg *a, enum by by,
			int csv)
{
	static const char *const heads[][2] = {
		{ "region", "organisation" }, { "yrke", NULL }
	};
	static const char *const keys[][2] = {
		{ "region", "organisation" }, { "occupation", NULL }
	};
	const struct dataset *ds = a->ds;
	const struct scale *sc = ds->scale;
	size_t ngroups = by == BY_TOTAL ? 0 : by == BY_ORGANISATION ? 2 : 1;
	size_t ncols = ngroups + (csv ? 2 : 1) + sc->nlevels + 1 +
		       (csv ? 1 + sc->nlevels : 0) + 2;
	const char *names[2];

	table_init(t, ncols);
	setup_columns(t, sc, by == BY_OCCUPATION ? heads[1] : heads[0],
		      by == BY_OCCUPATION ? keys[1] : keys[0], ngroups, csv);
	switch (by) {
	case BY_TOTAL:
		add_rows(t, a, a->total, NULL, 0, csv);
		break;
	case BY_REGION:
		for (uint32_t i = 0; i < a->nregions; i++) {
			names[0] = name_display(&ds->regions, a->regions[i]);
			add_rows(t, a, agg_region(a, a->regions[i], 0), names,
				 1, csv);
		}
		break;
	case BY_ORGANISATION:
		for (uint32_t i = 0; i < a->nunits; i++) {
			const struct unit *u = &ds->units[a->units[i]];
			names[0] = name_display(&ds->regions, u->region);
			names[1] = name_display(&ds->organisations, u->org);
			add_rows(t, a, agg_unit(a, a->units[i], 0), names, 2,
				 csv);
		}
		break;
	case BY_OCCUPATION:
		for (uint32_t i = 0; i < a->noccupations; i++) {
			names[0] = name_display(&ds->occupations,
						a->occupations[i]);
			add_rows(t, a, agg_occupation(a, a->occupations[i], 0),
				 names, 1, csv);
		}
		break;
	}
}

/* ---- JSON (SPEC §7) ------------------------------------------------ */

/*
 * Written member by member (json_stream): at the scale of a national
 * enhet-level round the whole tree would take more memory than the data.
 */
void summary_write_json(FILE *fp, const struct agg *a)
{
	const struct dataset *ds = a->ds;
	struct json_stream js;
	uint32_t u = 0;

	json_stream_begin(&js, fp);
	json_stream_members(&js, json_document("kmap.summary/1", a));
	json_stream_member(&js, "total", json_periods_stats(a, a->total));
	json_stream_array_begin(&js, "regions");
	for (uint32_t i = 0; i < a->nregions; i++) {
		uint32_t r = a->regions[i];
		cJSON *o = cJSON_CreateObject(), *orgs;
		cJSON_AddStringToObject(o, "region",
					name_display(&ds->regions, r));
		cJSON_AddItemToObject(o, "periods",
				      json_periods_stats(a, agg_region(a, r, 0)));
		orgs = cJSON_AddArrayToObject(o, "organisations");
		/* units are sorted by region first, in the same order */
		for (; u < a->nunits && ds->units[a->units[u]].region == r; u++) {
			uint32_t id = a->units[u];
			cJSON *uo = cJSON_CreateObject();
			cJSON_AddStringToObject(
				uo, "organisation",
				name_display(&ds->organisations,
					     ds->units[id].org));
			cJSON_AddItemToObject(
				uo, "periods",
				json_periods_stats(a, agg_unit(a, id, 0)));
			cJSON_AddItemToArray(orgs, uo);
		}
		json_stream_array_item(&js, o);
	}
	json_stream_array_end(&js);
	json_stream_array_begin(&js, "occupations");
	for (uint32_t i = 0; i < a->noccupations; i++) {
		uint32_t id = a->occupations[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "occupation",
					name_display(&ds->occupations, id));
		cJSON_AddItemToObject(o, "periods",
				      json_periods_stats(a, agg_occupation(a, id, 0)));
		json_stream_array_item(&js, o);
	}
	json_stream_array_end(&js);
	json_stream_end(&js);
}

/* ---- the command --------------------------------------------------- */

int cmd_load_inputs(struct cli *c, struct dataset *ds)
{
	if (!c->nfiles)
		return cli_usage_error(c, "use '-' to read standard input",
				       "no input files");
	if (output_check_inputs(c->output, c->files, c->nfiles))
		return KMAP_EXIT_OUTPUT;
	if (cli_check_inputs(c))
		return KMAP_EXIT_INPUT;
	for (int i = 0; i < c->nfiles; i++) {
		int rc = load_file(ds, c->files[i], &c->load);
		if (rc != LOAD_OK)
			return KMAP_EXIT_INPUT;
	}
	return KMAP_EXIT_OK;
}

int cmd_summary(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_COMMON,
		OPTS_INPUT,
		OPTS_FILTER,
		{ "by", required_argument, NULL, OPT_BY },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	struct cli c;
	struct dataset ds;
	struct agg a;
	struct table t;
	struct output out = { 0 };
	struct render_opts ro = { 0 };
	enum by by = BY_TOTAL;
	int rc;

	cli_init(&c, "summary", summary_help, 0xF);
	dataset_init(&ds, scale_default());
	memset(&a, 0, sizeof(a));
	memset(&t, 0, sizeof(t));
	rc = cli_parse(&c, argc, argv, longopts, own_option, &by);
	if (rc || c.help_requested)
		goto out;
	rc = cmd_load_inputs(&c, &ds);
	if (rc)
		goto out;
	rc = KMAP_EXIT_INPUT;
	if (agg_build(&a, &ds, &c.filter))
		goto out;
	rc = KMAP_EXIT_OUTPUT;
	if (output_open(&out, c.output))
		goto out;
	ro.format = c.format;
	ro.excel = c.excel;
	ro.color = cli_use_color(&c);
	if (c.format == FORMAT_JSON) {
		summary_write_json(out.fp, &a);
	} else {
		build_table(&t, &a, by, c.format == FORMAT_CSV);
		char *title = title_line(&a);
		if (c.format != FORMAT_CSV)
			t.title = title;
		render_table(out.fp, &t, &ro);
		free(title);
	}
	rc = output_commit(&out) ? KMAP_EXIT_OUTPUT : KMAP_EXIT_OK;
out:
	output_abort(&out);
	table_release(&t);
	agg_release(&a);
	dataset_release(&ds);
	cli_release(&c);
	return rc;
}
