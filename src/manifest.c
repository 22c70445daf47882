#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kmap/csvin.h"
#include "kmap/encoding.h"
#include "kmap/manifest.h"
#include "kmap/names.h"
#include "kmap/strbuf.h"
#include "kmap/xalloc.h"

enum mcol {
	M_FILE,
	M_ORGANISATION,
	M_REGION,
	M_ROUND,
	M_HEADER_LINE,
	M_FILL_DOWN,
	M_ENCODING,
	M_DELIMITER,
	M_SHEET,
	M_NAMES,
	M_NCOLS,
	M_EMPTY = -2, /* no header text */
	M_UNKNOWN = -1,
};

/* Column names, compared as loose keys (case, spaces, diacritics). */
static const struct {
	enum mcol col;
	const char *words[6];
} mcol_words[] = {
	{ M_FILE, { "fil", "file", NULL } },
	{ M_ORGANISATION, { "organisation", "organization", "org", NULL } },
	{ M_REGION, { "region", "län", NULL } },
	{ M_ROUND, { "omgång", "round", NULL } },
	{ M_HEADER_LINE,
	  { "rubrikrad", "header_line", "header line", "rubrikrad nr", NULL } },
	{ M_FILL_DOWN,
	  { "fyll_nedåt", "fill_down", "fyll nedåt", "fill down", NULL } },
	{ M_ENCODING, { "teckenkodning", "encoding", "kodning", NULL } },
	{ M_DELIMITER, { "avgränsare", "delimiter", NULL } },
	{ M_SHEET, { "blad", "sheet", NULL } },
	{ M_NAMES, { "namnfil", "names", "names file", NULL } },
};

/*
 * The occupation column of an export (load.c's header words): a file
 * that has one is data, whatever other columns it has.
 */
static const char *const occupation_words[] = {
	"yrke",	      "yrkesbefattning", "yrkesbenämning",
	"befattning", "yrkesgrupp",	 "occupation",
};

static int loose_equal(const char *key, const char *word, struct strbuf *tmp)
{
	strbuf_reset(tmp);
	names_loose_key(word, strlen(word), tmp);
	return !strcmp(tmp->buf, key);
}

static int column_of(const char *text, size_t len, int *occupation)
{
	struct strbuf key = STRBUF_INIT, tmp = STRBUF_INIT;
	int col = M_UNKNOWN;

	names_loose_key(text, len, &key);
	if (!key.len)
		col = M_EMPTY;
	for (size_t i = 0; col == M_UNKNOWN && i < ARRAY_SIZE(mcol_words); i++)
		for (size_t j = 0; mcol_words[i].words[j]; j++)
			if (loose_equal(key.buf, mcol_words[i].words[j],
					&tmp)) {
				col = (int)mcol_words[i].col;
				break;
			}
	for (size_t i = 0; i < ARRAY_SIZE(occupation_words); i++)
		if (loose_equal(key.buf, occupation_words[i], &tmp))
			*occupation = 1;
	strbuf_release(&key);
	strbuf_release(&tmp);
	return col;
}

struct mreader {
	struct manifest *m;
	struct csvin r;
	const struct csvin_row *row;
	int cols[M_NCOLS]; /* field index of each column, -1 */
	char *dir;	   /* the manifest's folder, with a final '/' */
	int errors;
};

static int cell_error(struct mreader *M, int field, const char *hint,
		      const char *fmt, const char *value)
{
	struct kmap_loc loc = csvin_field_loc(&M->r, M->row, (size_t)field);

	diag_report(DIAG_ERROR, &loc, hint, fmt, value);
	M->errors++;
	return -1;
}

/* The text of a column in the current row, or NULL when empty. */
static const char *cell(const struct mreader *M, enum mcol c)
{
	int f = M->cols[c];

	if (f < 0 || (size_t)f >= M->row->nfields || !M->row->fields[f].len)
		return NULL;
	return M->row->fields[f].ptr;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xmemdup(path, (size_t)(slash - path) + 1) : xstrdup("");
}

/* A path of the manifest, relative to its folder unless absolute. */
static char *resolve(const struct mreader *M, const char *p)
{
	struct strbuf sb = STRBUF_INIT;

	if (p[0] != '/')
		strbuf_addstr(&sb, M->dir);
	strbuf_addstr(&sb, p);
	return strbuf_detach(&sb, NULL);
}

static int parse_yes_no(const char *s, int *out)
{
	static const char *const yes[] = { "ja", "j",	 "yes",	 "y",
					   "1",	 "true", "sant", "x" };
	static const char *const no[] = { "nej", "n",	  "no",
					  "0",	 "false", "falskt" };
	struct strbuf key = STRBUF_INIT;
	int rc = -1;

	names_loose_key(s, strlen(s), &key);
	for (size_t i = 0; rc && i < ARRAY_SIZE(yes); i++)
		if (!strcmp(key.buf, yes[i])) {
			*out = 1;
			rc = 0;
		}
	for (size_t i = 0; rc && i < ARRAY_SIZE(no); i++)
		if (!strcmp(key.buf, no[i])) {
			*out = 0;
			rc = 0;
		}
	strbuf_release(&key);
	return rc;
}

static int parse_delimiter(const char *s, int *out)
{
	static const struct {
		const char *word;
		int c;
	} words[] = {
		{ ",", ',' },	      { "comma", ',' },
		{ "komma", ',' },     { ";", ';' },
		{ "semicolon", ';' }, { "semikolon", ';' },
		{ "tab", '\t' },      { "\t", '\t' },
		{ "tabb", '\t' },     { "tabulator", '\t' },
		{ "|", '|' },	      { "pipe", '|' },
	};
	struct strbuf key = STRBUF_INIT;
	int rc = -1;

	if (!strcmp(s, "\t")) {
		*out = '\t';
		return 0;
	}
	names_loose_key(s, strlen(s), &key);
	for (size_t i = 0; rc && i < ARRAY_SIZE(words); i++)
		if (!strcmp(key.buf, words[i].word)) {
			*out = words[i].c;
			rc = 0;
		}
	strbuf_release(&key);
	return rc;
}

static int parse_line_number(const char *s, unsigned long *out)
{
	char *end;
	unsigned long v;

	while (*s == ' ')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || *end || !v)
		return -1;
	*out = v;
	return 0;
}

/* The settings of one line into e (which starts as the base options). */
static int read_settings(struct mreader *M, struct manifest_entry *e)
{
	const char *v;
	int rc = 0;

	if ((v = cell(M, M_ORGANISATION))) {
		e->organisation = xstrdup(v);
		e->opts.default_organisation = e->organisation;
	}
	if ((v = cell(M, M_REGION))) {
		e->region = xstrdup(v);
		e->opts.default_region = e->region;
	}
	if ((v = cell(M, M_ROUND)))
		e->round = xstrdup(v);
	if ((v = cell(M, M_SHEET))) {
		e->sheet = xstrdup(v);
		e->opts.sheet = e->sheet;
	}
	if ((v = cell(M, M_NAMES)))
		e->names_file = resolve(M, v);
	if ((v = cell(M, M_HEADER_LINE)) &&
	    parse_line_number(v, &e->opts.csv.header_line))
		rc = cell_error(M, M->cols[M_HEADER_LINE],
				N_("a line number: 1, 2, 3, ..."),
				"header line '%s' is not a line number", v);
	if ((v = cell(M, M_FILL_DOWN))) {
		int yes;
		if (parse_yes_no(v, &yes))
			rc = cell_error(M, M->cols[M_FILL_DOWN],
					N_("ja or nej (yes or no)"),
					"fill-down '%s' is neither yes nor no",
					v);
		else
			e->opts.fill_down = yes ? FILL_ON : FILL_OFF;
	}
	if ((v = cell(M, M_ENCODING)) &&
	    encoding_from_name(v, &e->opts.csv.encoding))
		rc = cell_error(M, M->cols[M_ENCODING],
				N_("utf-8, utf-16 or cp1252"),
				"unknown encoding '%s'", v);
	if ((v = cell(M, M_DELIMITER)) &&
	    parse_delimiter(v, &e->opts.csv.delimiter))
		rc = cell_error(M, M->cols[M_DELIMITER],
				N_("',', ';', tab or '|'"),
				"unknown delimiter '%s'", v);
	return rc;
}

static int add_entry(struct mreader *M, const struct load_opts *base)
{
	struct manifest *m = M->m;
	const char *file = cell(M, M_FILE);
	struct manifest_entry *e;

	if (!file) {
		for (size_t i = 0; i < M->row->nfields; i++)
			if (M->row->fields[i].len)
				return cell_error(M, M->cols[M_FILE], NULL,
						  "no file on this line%s", "");
		return 0; /* an empty line */
	}
	m->v = xreallocarray(m->v, m->n + 1, sizeof(*m->v));
	e = &m->v[m->n++];
	memset(e, 0, sizeof(*e));
	e->path = resolve(M, file);
	e->line = M->row->line;
	e->opts = *base;
	return read_settings(M, e);
}

/*
 * Maps the header. Returns MANIFEST_READ when it is a manifest's,
 * MANIFEST_NOT when it is an export's, MANIFEST_ERROR after reporting.
 */
static int map_header(struct mreader *M, const struct csvin_row *hdr)
{
	int occupation = 0, unknown = -1, twice = -1;

	for (size_t c = 0; c < M_NCOLS; c++)
		M->cols[c] = -1;
	for (size_t i = 0; i < hdr->nfields; i++) {
		int c = column_of(hdr->fields[i].ptr, hdr->fields[i].len,
				  &occupation);
		if (c == M_UNKNOWN && unknown < 0)
			unknown = (int)i;
		if (c < 0)
			continue;
		if (M->cols[c] >= 0) {
			if (twice < 0)
				twice = (int)i;
			continue;
		}
		M->cols[c] = (int)i;
	}
	/* an export's header (a region column twice is its loader's to
	 * report) says nothing about manifests */
	if (M->cols[M_FILE] < 0 || occupation)
		return MANIFEST_NOT;
	if (twice >= 0) {
		M->row = hdr;
		return cell_error(M, twice, NULL, "manifest column '%s' twice",
				  hdr->fields[twice].ptr);
	}
	if (unknown >= 0) {
		M->row = hdr;
		return cell_error(
			M, unknown,
			N_("a manifest's columns: fil, organisation, "
			   "region, omgång, rubrikrad, fyll_nedåt, "
			   "teckenkodning, avgränsare, blad, namnfil"),
			"unknown manifest column '%s'",
			hdr->fields[unknown].ptr);
	}
	return MANIFEST_READ;
}

static int read_rows(struct mreader *M, const struct load_opts *base)
{
	struct csvin_row row;

	for (;;) {
		int st = csvin_next(&M->r, &row);
		if (st == CSVIN_EOF)
			return 0;
		if (st == CSVIN_FATAL)
			return -1;
		if (st == CSVIN_SKIP) {
			M->errors++;
			continue;
		}
		M->row = &row;
		add_entry(M, base);
	}
}

int manifest_read(struct manifest *m, const char *path,
		  const struct load_opts *base)
{
	struct mreader M;
	struct csvin_opts copts;
	struct csvin_row hdr;
	struct stat st;
	int rc = MANIFEST_NOT;

	memset(m, 0, sizeof(*m));
	if (!strcmp(path, "-") || stat(path, &st) || !S_ISREG(st.st_mode))
		return MANIFEST_NOT;
	memset(&M, 0, sizeof(M));
	M.m = m;
	csvin_opts_init(&copts);
	/* looking: an export's problems are for its own reading to report */
	diag_silence(1);
	int opened = csvin_open(&M.r, path, &copts) == 0;
	int got = opened ? csvin_next(&M.r, &hdr) : CSVIN_FATAL;
	while (got == CSVIN_ROW && !hdr.nfields)
		got = csvin_next(&M.r, &hdr);
	if (got == CSVIN_ROW)
		rc = map_header(&M, &hdr);
	diag_silence(0);
	if (rc == MANIFEST_ERROR) {
		/* now say it: the header is a manifest's with a problem */
		map_header(&M, &hdr);
	}
	if (rc != MANIFEST_READ)
		goto out;
	m->path = xstrdup(path);
	M.dir = dir_of(path);
	if (read_rows(&M, base) || M.errors)
		rc = MANIFEST_ERROR;
	else if (!m->n) {
		struct kmap_loc loc = { path, 0, 0 };
		kmap_error_at(&loc, "a manifest that lists no file");
		rc = MANIFEST_ERROR;
	}
out:
	csvin_close(&M.r);
	free(M.dir);
	return rc;
}

void manifest_release(struct manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		struct manifest_entry *e = &m->v[i];
		free(e->path);
		free(e->organisation);
		free(e->region);
		free(e->round);
		free(e->sheet);
		free(e->names_file);
	}
	free(m->v);
	free(m->path);
	memset(m, 0, sizeof(*m));
}
