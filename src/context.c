/*
 * context.c - the volumes of --context FILE (context.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/context.h"
#include "kmap/csvin.h"
#include "kmap/diag.h"
#include "kmap/load.h"
#include "kmap/names.h"
#include "kmap/xalloc.h"

/*
 * Header words of each measure, compared as loose keys (case, spaces,
 * diacritics); a heading may go on after one of them ("Vakanser (antal)",
 * "Rekryteringsbehov 2026-2030").
 */
static const struct {
	const char *heading, *key;
	const char *words[8];
} measures[CONTEXT_MEASURES] = {
	[CONTEXT_HEADCOUNT] = { "anställda",
				"headcount",
				{ "antal anställda", "anställda", "antal",
				  "headcount", "employees", "antal medarbetare",
				  NULL } },
	[CONTEXT_RETIREMENTS] = { "pensionsavgångar 5 år",
				  "retirements_5y",
				  { "pensionsavgångar inom 5 år",
				    "pensionsavgångar", "pensioneringar",
				    "retirements", "retirements within 5 years",
				    NULL } },
	[CONTEXT_VACANCIES] = { "vakanser",
				"vacancies",
				{ "vakanser", "vakanta tjänster",
				  "lediga tjänster", "vacancies", NULL } },
	[CONTEXT_RECRUITMENT] = { "rekryteringsbehov",
				  "recruitment_need",
				  { "rekryteringsbehov", "recruitment need",
				    "recruitment needs", "recruitment",
				    NULL } },
};

const char *context_heading(enum context_measure m)
{
	return measures[m].heading;
}

const char *context_key(enum context_measure m)
{
	return measures[m].key;
}

/* The measure a loose header key names, or -1. */
static int measure_of(const char *key)
{
	struct strbuf w = STRBUF_INIT;
	int found = -1;

	for (int m = 0; m < CONTEXT_MEASURES && found < 0; m++) {
		for (size_t i = 0; measures[m].words[i] && found < 0; i++) {
			const char *word = measures[m].words[i];
			strbuf_reset(&w);
			names_loose_key(word, strlen(word), &w);
			size_t n = w.len;
			if (!strncmp(key, w.buf, n) &&
			    (!key[n] || key[n] == ' ' || key[n] == '('))
				found = m;
		}
	}
	strbuf_release(&w);
	return found;
}

size_t context_match(const struct dataset *ds, const char *region,
		     const char *org, const char *occ, uint32_t *rows,
		     size_t max)
{
	int32_t o = name_table_find(&ds->organisations, org, strlen(org));
	int32_t c = name_table_find(&ds->occupations, occ, strlen(occ));
	int32_t g =
		region ? name_table_find(&ds->regions, region, strlen(region))
		       : -1;
	size_t n = 0;

	if (o < 0 || c < 0 || (region && g < 0))
		return 0;
	for (uint32_t u = 0; u < ds->nunits; u++) {
		if (ds->units[u].org != (uint32_t)o ||
		    (region && ds->units[u].region != (uint32_t)g))
			continue;
		/* the same organisation and occupation in every round */
		for (uint32_t k = 0; k < ds->nrounds || (!k && !ds->nrounds);
		     k++) {
			int32_t r = dataset_find_row(ds, u, (uint32_t)c, k);
			if (r < 0)
				continue;
			if (n < max)
				rows[n] = (uint32_t)r;
			n++;
		}
	}
	return n;
}

/*
 * A number as HR files write it: "1 450", "12,5", "3.0"; spaces (also
 * NBSP and thin ones) between the digits. Returns 0 and sets *v, or -1.
 */
static int parse_number(const char *s, double *v)
{
	char buf[64], *end;
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ')
			continue;
		if (p[0] == 0xC2 && p[1] == 0xA0) { /* NBSP */
			p++;
			continue;
		}
		if (p[0] == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0xAF || p[2] == 0x89)) { /* narrow, thin */
			p += 2;
			continue;
		}
		if (n + 1 >= sizeof(buf))
			return -1;
		buf[n++] = *p == ',' ? '.' : (char)*p;
	}
	buf[n] = '\0';
	if (!n || !(buf[0] >= '0' && buf[0] <= '9'))
		return -1;
	errno = 0;
	*v = strtod(buf, &end);
	return errno || *end ? -1 : 0;
}

/* Whether a cell says "not known": empty or a dash. */
static int unknown(const char *s)
{
	while (*s == ' ')
		s++;
	return !*s || !strcmp(s, "-") || !strcmp(s, "–");
}

/* Lines matching no record named one by one before a count is given. */
enum { UNMATCHED_SHOWN = 10 };

struct reader {
	struct context *cx;
	const struct dataset *ds;
	struct csvin in;
	int col[3];		    /* region, organisation, occupation */
	int mcol[CONTEXT_MEASURES]; /* the measures' columns, -1 */
	unsigned long *line_of;	    /* by row: the line that set it */
	unsigned long unmatched;    /* lines matching no record */
};

static int read_header(struct reader *rd, const struct csvin_row *row)
{
	struct strbuf key = STRBUF_INIT;
	int rc = 0;

	for (int k = 0; k < 3; k++)
		rd->col[k] = -1;
	for (int m = 0; m < CONTEXT_MEASURES; m++)
		rd->mcol[m] = -1;
	for (size_t i = 0; i < row->nfields; i++) {
		const struct csvin_field *f = &row->fields[i];
		enum load_name_column nc = load_name_column(f->ptr, f->len);
		struct kmap_loc loc;
		int m;
		strbuf_reset(&key);
		names_loose_key(f->ptr, f->len, &key);
		if (!key.len)
			continue;
		if (nc != LOAD_NAME_NONE && rd->col[nc] < 0) {
			rd->col[nc] = (int)i;
			continue;
		}
		m = measure_of(key.buf);
		if (m >= 0 && rd->mcol[m] < 0) {
			rd->mcol[m] = (int)i;
			rd->cx->present |= 1u << m;
			continue;
		}
		loc = csvin_field_loc(&rd->in, row, i);
		kmap_note_at(&loc, "column '%s' is not used", f->ptr);
	}
	if (rd->col[LOAD_NAME_ORGANISATION] < 0 ||
	    rd->col[LOAD_NAME_OCCUPATION] < 0) {
		struct kmap_loc loc = { rd->cx->path, row->line, 0 };
		diag_report(
			DIAG_ERROR, &loc,
			N_("head the columns as in the data: 'Organisation', "
			   "'Yrke'"),
			"the context file needs an organisation and an "
			"occupation column");
		rc = -1;
	} else if (!rd->cx->present) {
		struct kmap_loc loc = { rd->cx->path, row->line, 0 };
		diag_report(
			DIAG_ERROR, &loc,
			N_("'Antal anställda', 'Pensionsavgångar inom 5 år', "
			   "'Vakanser', 'Rekryteringsbehov'"),
			"the context file has no column of volumes");
		rc = -1;
	}
	strbuf_release(&key);
	return rc;
}

static const char *field(const struct csvin_row *row, int col)
{
	return col >= 0 && (size_t)col < row->nfields ? row->fields[col].ptr
						      : "";
}

/* One data line: its values, onto the rows it matches. */
static int read_line(struct reader *rd, const struct csvin_row *row)
{
	struct context *cx = rd->cx;
	const char *region = rd->col[LOAD_NAME_REGION] >= 0
				     ? field(row, rd->col[LOAD_NAME_REGION])
				     : NULL;
	const char *org = field(row, rd->col[LOAD_NAME_ORGANISATION]);
	const char *occ = field(row, rd->col[LOAD_NAME_OCCUPATION]);
	double v[CONTEXT_MEASURES];
	uint32_t rows[64];
	size_t n;
	struct kmap_loc line = { cx->path, row->line, 0 };

	cx->lines++;
	for (int m = 0; m < CONTEXT_MEASURES; m++) {
		const char *s = field(row, rd->mcol[m]);
		v[m] = NAN;
		if (rd->mcol[m] < 0 || unknown(s))
			continue;
		if (parse_number(s, &v[m]) || v[m] < 0) {
			struct kmap_loc loc = csvin_field_loc(
				&rd->in, row, (size_t)rd->mcol[m]);
			return kmap_error_at(&loc,
					     "%s '%s' is not a number of 0 "
					     "or more",
					     measures[m].heading, s);
		}
	}
	if (region && !*region)
		region = NULL;
	n = context_match(rd->ds, region, org, occ, rows, ARRAY_SIZE(rows));
	if (!n) {
		/* each is named, up to a point (all with --verbose) */
		if (++rd->unmatched <= UNMATCHED_SHOWN || diag_verbose())
			diag_report(
				DIAG_WARNING, &line,
				rd->unmatched == 1
					? N_("names are matched as in the "
					     "data: case, spaces and Unicode "
					     "form do not matter")
					: NULL,
				"no record for organisation '%s' and "
				"occupation '%s'",
				org, occ);
		return 0;
	}
	cx->matched++;
	for (size_t i = 0; i < n && i < ARRAY_SIZE(rows); i++) {
		uint32_t r = rows[i];
		if (rd->line_of[r]) {
			const char *hint = diag_hintf("the first is line %lu",
						      rd->line_of[r]);
			diag_report(DIAG_ERROR, &line, hint,
				    "organisation '%s' and occupation '%s' "
				    "are given twice",
				    org, occ);
			return -1;
		}
		rd->line_of[r] = row->line;
		for (int m = 0; m < CONTEXT_MEASURES; m++)
			cx->values[(size_t)r * CONTEXT_MEASURES + m] = v[m];
	}
	return 0;
}

int context_load(struct context *cx, const char *path, const struct dataset *ds)
{
	struct reader rd = { cx, ds, { 0 }, { 0 }, { 0 }, NULL, 0 };
	struct csvin_opts opts;
	struct csvin_row row;
	size_t n = (size_t)ds->nrows * CONTEXT_MEASURES;
	int st, rc = 0, header = 1;

	memset(cx, 0, sizeof(*cx));
	cx->path = path;
	cx->nrows = ds->nrows;
	cx->values = xcalloc(n + 1, sizeof(*cx->values));
	for (size_t i = 0; i < n; i++)
		cx->values[i] = NAN;
	rd.line_of = xcalloc((size_t)ds->nrows + 1, sizeof(*rd.line_of));
	csvin_opts_init(&opts);
	if (csvin_open(&rd.in, path, &opts)) {
		/* what the open set up before it failed is freed too */
		csvin_close(&rd.in);
		free(rd.line_of);
		return -1;
	}
	while (!rc && (st = csvin_next(&rd.in, &row)) != CSVIN_EOF) {
		if (st != CSVIN_ROW) {
			rc = -1;
			break;
		}
		/* an all-empty row, as Excel writes them, is nothing */
		int empty = 1;
		for (size_t i = 0; i < row.nfields && empty; i++)
			empty = !row.fields[i].len;
		if (empty)
			continue;
		if (header) {
			rc = read_header(&rd, &row);
			header = 0;
			continue;
		}
		rc = read_line(&rd, &row);
	}
	if (!rc && header) {
		struct kmap_loc loc = { path, 0, 0 };
		rc = kmap_error_at(&loc, "the context file is empty");
	}
	if (!rc && rd.unmatched > UNMATCHED_SHOWN && !diag_verbose()) {
		struct kmap_loc loc = { path, 0, 0 };
		diag_report(DIAG_WARNING, &loc, N_("--verbose names every one"),
			    "%lu more lines match no record",
			    rd.unmatched - UNMATCHED_SHOWN);
	}
	csvin_close(&rd.in);
	free(rd.line_of);
	return rc;
}

void context_release(struct context *cx)
{
	if (!cx)
		return;
	free(cx->values);
	memset(cx, 0, sizeof(*cx));
}
