/*
 * libFuzzer, structure-aware and differential: a CSV export is read twice
 * - sequentially with one read size, and with another read size split in
 * two parts at a place the input chooses (split.h) - and both reads must
 * give the same records, positions, comments and messages. Then every
 * output is checked: each message is valid UTF-8 without a control
 * character, the summary JSON parses (cJSON) and is valid UTF-8 with no
 * raw bidirectional control, and (one input in eight) the HTML report
 * holds no control but TAB, LF, CR and no U+FFFE/U+FFFF, and every part
 * of the XLSX report is well-formed XML (libzip, expat).
 *
 * LLVMFuzzerCustomMutator mutates the export as a spreadsheet would be
 * mangled: fields and lines (quotes, delimiters, line ends, a BOM, a sep=
 * line, multi-line fields), the words kmap reads (periods such as
 * "Nuläge 2024", "Prognos 2025", "2026/27", ratings such as "Brist",
 * "Sårbar", "röd"), controls (C0, C1, bidirectional, U+FFFE), and the
 * whole text re-encoded as Windows-1252 or UTF-16. Byte 0 holds the
 * options (fuzz_common.h), byte 1 the loader's flags and the split point.
 */
#include <cjson/cJSON.h>
#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fuzz_common.h"
#include "kmap/agg.h"
#include "kmap/critical.h"
#include "kmap/diag_list.h"
#include "kmap/encoding.h"
#include "kmap/heatmap.h"
#include "kmap/load.h"
#include "kmap/report.h"
#include "kmap/strbuf.h"
#include "kmap/summary_view.h"
#include "kmap/textsafe.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
size_t LLVMFuzzerMutate(unsigned char *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(unsigned char *data, size_t size,
			       size_t max_size, unsigned int seed);

/* ---- the checks on outputs ----------------------------------------- */

/* Valid UTF-8 without NUL; with plain, no control character either. */
static void check_text(const char *s, size_t len, int plain)
{
	for (size_t i = 0; i < len;) {
		const unsigned char *p = (const unsigned char *)s + i;
		size_t n = utf8_valid_seq(p, len - i);
		if (!n || !p[0])
			abort();
		if (plain && (p[0] < 0x20 || p[0] == 0x7F ||
			      (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)))
			abort();
		if (plain && text_has_bidi_control((const char *)p, n))
			abort();
		i += n;
	}
}

struct run {
	struct strbuf msgs; /* every message, one per line */
	struct strbuf data; /* the dataset, sorted lines */
	int status;
};

static void collect(void *ctx, const struct diag_msg *m)
{
	struct run *r = ctx;

	check_text(m->text, strlen(m->text), 1);
	if (m->hint)
		check_text(m->hint, strlen(m->hint), 1);
	if (m->loc.file)
		check_text(m->loc.file, strlen(m->loc.file), 1);
	strbuf_addf(&r->msgs, "%d %s:%lu:%lu: %s | %s\n", (int)m->severity,
		    m->loc.file ? m->loc.file : "-", m->loc.line, m->loc.col,
		    m->text, m->hint ? m->hint : "");
}

/* The outputs' own messages (a sheet renamed): checked, not compared. */
static void check_only(void *ctx, const struct diag_msg *m)
{
	struct run scratch;

	(void)ctx;
	strbuf_init(&scratch.msgs);
	collect(&scratch, m);
	strbuf_release(&scratch.msgs);
}

static int compare_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The dataset as sorted text lines: what a sequential read must equal. */
static void dump(struct dataset *ds, struct strbuf *out)
{
	char **lines = NULL;
	size_t n = 0, cap = 0;
	struct strbuf sb = STRBUF_INIT;

	dataset_sort_comments(ds);
	for (uint32_t r = 0; r < ds->nrows; r++) {
		const struct unit *u = &ds->units[ds->rows[r].unit];
		const char *reg = name_display(&ds->regions, u->region);
		const char *org = name_display(&ds->organisations, u->org);
		const char *occ =
			name_display(&ds->occupations, ds->rows[r].occupation);
		const struct comment *cm;
		size_t nc = dataset_comments(ds, r, &cm);
		for (uint32_t p = 0; p <= ds->nperiods; p++) {
			uint32_t input;
			unsigned long line;
			strbuf_reset(&sb);
			if (p < ds->nperiods) {
				uint8_t level = dataset_level(ds, r, p);
				if (level == LEVEL_NONE)
					continue;
				dataset_line_of(ds, dataset_gline(ds, r, p),
						&input, &line);
				strbuf_addf(&sb, "R %s|%s|%s|%s|%u|%lu", reg,
					    org, occ, ds->periods[p].label,
					    level, line);
			} else {
				strbuf_addf(&sb, "N %s|%s|%s", reg, org, occ);
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				lines = realloc(lines, cap * sizeof(*lines));
			}
			lines[n++] = strbuf_detach(&sb, NULL);
		}
		for (size_t m = 0; m < nc; m++) {
			uint32_t input;
			unsigned long line;
			dataset_line_of(ds, cm[m].gline, &input, &line);
			strbuf_reset(&sb);
			strbuf_addf(&sb, "C %s|%s|%s|%s|%lu|%s", reg, org, occ,
				    cm[m].period < 0
					    ? "-"
					    : ds->periods[cm[m].period].label,
				    line, cm[m].text);
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				lines = realloc(lines, cap * sizeof(*lines));
			}
			lines[n++] = strbuf_detach(&sb, NULL);
		}
	}
	if (n)
		qsort(lines, n, sizeof(*lines), compare_lines);
	for (size_t i = 0; i < n; i++) {
		strbuf_addf(out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	for (uint32_t i = 0; i < ds->ninputs; i++) {
		const struct input_info *in = &ds->inputs[i];
		strbuf_addf(out, "I %s %s %d %lu %lu %s\n", in->layout,
			    in->encoding, in->delimiter, in->rows, in->records,
			    in->current >= 0 ? ds->periods[in->current].label
					     : "-");
	}
	strbuf_addf(out, "D %lu %lu\n", ds->records, ds->duplicates);
	strbuf_release(&sb);
}

static void xml_part(const char *buf, size_t len)
{
	XML_Parser p = XML_ParserCreate("UTF-8");

	if (!p)
		abort();
	if (XML_Parse(p, buf, (int)len, 1) != XML_STATUS_OK)
		abort();
	XML_ParserFree(p);
}

/* Every part of the workbook in mem[0..len) is well-formed XML. */
static void check_xlsx(const char *mem, size_t len)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;

	zip_error_init(&ze);
	src = zip_source_buffer_create(mem, len, 0, &ze);
	if (!src || !(z = zip_open_from_source(src, ZIP_RDONLY, &ze)))
		abort();
	for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); i++) {
		zip_stat_t st;
		zip_file_t *f;
		char *buf;
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) ||
		    !(f = zip_fopen_index(z, (zip_uint64_t)i, 0)))
			abort();
		buf = malloc(st.size + 1);
		if (zip_fread(f, buf, st.size) != (zip_int64_t)st.size)
			abort();
		zip_fclose(f);
		if (strstr(st.name, ".xml") || strstr(st.name, ".rels"))
			xml_part(buf, st.size);
		free(buf);
	}
	zip_close(z);
	zip_error_fini(&ze);
}

/*
 * The HTML page in s[0..len) is UTF-8 with no control but TAB, LF and CR
 * and no noncharacter U+FFFE/U+FFFF (parse errors in HTML).
 */
static void check_html(const char *s, size_t len)
{
	check_text(s, len, 0);
	for (size_t i = 0; i < len; i++) {
		const unsigned char *p = (const unsigned char *)s + i;
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			abort();
		if (*p == 0xEF && i + 2 < len && p[1] == 0xBF &&
		    (p[2] == 0xBE || p[2] == 0xBF))
			abort();
	}
}

static void check_outputs(struct dataset *ds, int xlsx)
{
	struct filter none = { 0 };
	struct agg a;
	char *out = NULL;
	size_t len = 0;
	FILE *mem;

	if (agg_build(&a, ds, &none, AGG_CHANGES))
		return;
	mem = open_memstream(&out, &len);
	summary_view_json(mem, &a);
	fclose(mem);
	check_text(out, len, 0);
	if (text_has_bidi_control(out, len))
		abort();
	cJSON *back = cJSON_Parse(out);
	if (!back)
		abort();
	cJSON_Delete(back);
	free(out);
	if (xlsx) {
		struct crit_list cl;
		struct heatmap hm;
		struct report r = { 0 };
		struct diag_list notes;
		diag_list_init(&notes, 0, 0);
		struct crit_opts co = { .threshold = 0.5, .min_raters = 1 };
		crit_build(&cl, &a, &co);
		heatmap_build(&hm, &a, 0, 0, HEATMAP_SORT_NAME);
		r.a = &a;
		r.cl = &cl;
		r.hm = &hm;
		r.threshold = 0.5;
		r.notes = &notes;
		report_build(&r);
		out = NULL;
		mem = open_memstream(&out, &len);
		if (report_write_html(mem, &r) == 0) {
			fclose(mem);
			check_html(out, len);
		} else {
			fclose(mem);
		}
		free(out);
		out = NULL;
		mem = open_memstream(&out, &len);
		if (report_write_xlsx(mem, &r) == 0) {
			fclose(mem);
			check_xlsx(out, len);
		} else {
			fclose(mem);
		}
		free(out);
		report_release(&r);
		heatmap_release(&hm);
		crit_release(&cl);
		diag_list_release(&notes);
	}
	agg_release(&a);
}

/* ---- one read ------------------------------------------------------ */

static void read_once(struct run *run, const char *path,
		      const struct load_opts *lo, const char *share,
		      int outputs)
{
	struct dataset ds;

	/* the split test hooks (split.c): any size, at the share given */
	setenv("KMAP_SPLIT_MIN", share ? "0" : "999999999999", 1);
	if (share)
		setenv("KMAP_SPLIT_SHARE", share, 1);
	strbuf_init(&run->msgs);
	strbuf_init(&run->data);
	diag_set_sink(collect, run);
	dataset_init(&ds, scale_default());
	ds.keep_comments = 1;
	run->status = load_file(&ds, path, lo);
	/* the shown spellings chosen, as the input step does */
	if (run->status == LOAD_OK)
		load_warn_merged(&ds);
	dump(&ds, &run->data);
	diag_set_sink(check_only, NULL);
	if (run->status == LOAD_OK && outputs)
		check_outputs(&ds, outputs > 1);
	dataset_release(&ds);
	diag_set_sink(NULL, NULL);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const size_t reads[] = { 1, 3, 7, 64, 511, 4096 };
	static const char *const shares[] = { "0.05", "0.2", "0.35", "0.5",
					      "0.65", "0.8", "0.95", "0.5" };
	struct load_opts lo;
	struct run seq, par;
	char path[64];
	int fd;

	if (size < 2)
		return 0;
	load_opts_init(&lo);
	fuzz_options(data[0], &lo.csv);
	lo.all_errors = data[1] & 1;
	lo.fill_missing = data[1] & 2;
	lo.max_name_bytes = data[1] & 4 ? 64 << 10 : lo.max_name_bytes;
	fd = fuzz_file(data + 2, size - 2, path, sizeof(path));

	read_once(&seq, path, &lo, NULL, data[1] & 8 ? 2 : 1);
	lo.csv.read_size = reads[(data[1] >> 4) % ARRAY_SIZE(reads)];
	/* reads of a few bytes on small inputs only: each costs a call */
	if (size > 8192 && lo.csv.read_size < 64)
		lo.csv.read_size = 64;
	read_once(&par, path, &lo, shares[data[1] >> 5], 0);
	if (seq.status != par.status || strcmp(seq.msgs.buf, par.msgs.buf) ||
	    strcmp(seq.data.buf, par.data.buf)) {
		fprintf(stderr, "sequential (status %d):\n%s%s\n", seq.status,
			seq.msgs.buf, seq.data.buf);
		fprintf(stderr, "split, read size %zu (status %d):\n%s%s\n",
			lo.csv.read_size, par.status, par.msgs.buf,
			par.data.buf);
		abort();
	}
	strbuf_release(&seq.msgs);
	strbuf_release(&seq.data);
	strbuf_release(&par.msgs);
	strbuf_release(&par.data);
	close(fd);
	return 0;
}

/* ---- the mutator --------------------------------------------------- */

static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

/* Words a workshop sheet holds, and what a mangled one holds. */
static const char *const words[] = {
	"Nuläge 2024",
	"Nuläge (2021)",
	"Nu 2021",
	"Prognos 2025",
	"2026/27",
	"2026/2027",
	"2022-2024",
	"2022\xE2\x80\x93"
	"2024",
	"2024.0",
	"2099",
	"Brist",
	"Sårbar",
	"Sårbart",
	"SARBART",
	"Hållbart",
	"hallbar",
	"Övertalighet",
	"röd",
	"grön",
	"gul",
	"blå",
	"B",
	"-",
	"",
	"Ej aktuellt",
	"#N/A",
	"Bristt",
	"region",
	"Län",
	"kommun",
	"Organisation",
	"Yrke",
	"yrkesbenämning",
	"År",
	"Bedömning",
	"Kommentar",
	"Kommentar 2025",
	"Kommentar nuläge",
	"SSYK 2012",
	"Region Halland",
	"Hylte kommun",
	"Undersköterska",
	"UNDERSKÖTERSKA",
	"Sjuksköterska ",
	"\xC2\xA0"
	"Brist\xC2\xA0",
	"'=SUMMA(A1)",
	"\xC2\x85",
	"\xC2\x9B"
	"2J",
	"\xE2\x80\xAE",
	"\xE2\x81\xA6",
	"\xEF\xBF\xBE",
	"\xEF\xBB\xBF",
	"O\xCC\x88",
	"\x01",
	"\x1B[31m",
	"_x0041_",
	"<script>",
	"\"",
	"\"\"",
};

struct text {
	unsigned char *buf;
	size_t len, max;
};

static void replace(struct text *t, size_t at, size_t del, const char *s,
		    size_t n)
{
	if (at > t->len)
		at = t->len;
	if (del > t->len - at)
		del = t->len - at;
	if (t->len - del + n > t->max)
		return;
	memmove(t->buf + at + n, t->buf + at + del, t->len - at - del);
	memcpy(t->buf + at, s, n);
	t->len = t->len - del + n;
}

/* Start of the line holding at, and its end (before the line break). */
static void line_at(const struct text *t, size_t at, size_t *start, size_t *end)
{
	size_t s = at, e = at;

	while (s > 0 && t->buf[s - 1] != '\n')
		s--;
	while (e < t->len && t->buf[e] != '\n' && t->buf[e] != '\r')
		e++;
	*start = s;
	*end = e;
}

static unsigned char delimiter_of(const struct text *t)
{
	size_t n[3] = { 0 };

	for (size_t i = 0; i < t->len && t->buf[i] != '\n'; i++)
		n[0] += t->buf[i] == ';', n[1] += t->buf[i] == ',',
			n[2] += t->buf[i] == '\t';
	return n[0] >= n[1] && n[0] >= n[2] ? ';' : n[1] >= n[2] ? ',' : '\t';
}

/* The field around at: [*start, *end) between delimiters or line ends. */
static void field_at(const struct text *t, size_t at, unsigned char d,
		     size_t *start, size_t *end)
{
	size_t s = at, e = at;

	while (s > 0 && t->buf[s - 1] != d && t->buf[s - 1] != '\n')
		s--;
	while (e < t->len && t->buf[e] != d && t->buf[e] != '\n' &&
	       t->buf[e] != '\r')
		e++;
	*start = s;
	*end = e;
}

/* Windows-1252 for the Latin-1 letters of UTF-8 text, in place. */
static void to_cp1252(struct text *t)
{
	size_t o = 0;

	for (size_t i = 0; i < t->len; i++) {
		unsigned char c = t->buf[i];
		if ((c == 0xC3 || c == 0xC2) && i + 1 < t->len) {
			t->buf[o++] = (unsigned char)((c & 3) << 6 |
						      (t->buf[i + 1] & 0x3F));
			i++;
		} else {
			t->buf[o++] = c;
		}
	}
	t->len = o;
}

/* UTF-16 with a BOM (be: big-endian) of UTF-8 text, where it fits. */
static void to_utf16(struct text *t, int be)
{
	unsigned char *out = malloc(t->max);
	size_t o = 0;

	if (!out)
		return;
	if (t->max < 2) {
		free(out);
		return;
	}
	out[o++] = be ? 0xFE : 0xFF;
	out[o++] = be ? 0xFF : 0xFE;
	for (size_t i = 0; i < t->len && o + 4 <= t->max;) {
		size_t n = utf8_valid_seq(t->buf + i, t->len - i);
		uint32_t cp;
		if (!n) { /* a byte that is no character: as Latin-1 */
			cp = t->buf[i];
			n = 1;
		} else if (n == 1) {
			cp = t->buf[i];
		} else {
			cp = t->buf[i] & (0x7F >> n);
			for (size_t k = 1; k < n; k++)
				cp = cp << 6 | (t->buf[i + k] & 0x3F);
		}
		i += n;
		uint32_t units[2] = { cp, 0 };
		int nu = 1;
		if (cp >= 0x10000) {
			units[0] = 0xD800 | ((cp - 0x10000) >> 10);
			units[1] = 0xDC00 | ((cp - 0x10000) & 0x3FF);
			nu = 2;
		}
		for (int k = 0; k < nu; k++) {
			out[o++] = (unsigned char)(be ? units[k] >> 8
						      : units[k] & 0xFF);
			out[o++] = (unsigned char)(be ? units[k] & 0xFF
						      : units[k] >> 8);
		}
	}
	memcpy(t->buf, out, o);
	t->len = o;
	free(out);
}

/* One change of the export, as a spreadsheet or a person makes them. */
static void mutate_text(struct text *t, unsigned *seed)
{
	unsigned r = next_rand(seed), op = r % 20;
	size_t at = t->len ? next_rand(seed) % t->len : 0, s, e, s2, e2;
	unsigned char d = delimiter_of(t);
	char tmp[64];

	switch (op) {
	case 0:
	case 1:
	case 2: { /* a field becomes a word */
		const char *w = words[next_rand(seed) % ARRAY_SIZE(words)];
		field_at(t, at, d, &s, &e);
		replace(t, s, e - s, w, strlen(w));
		break;
	}
	case 3: { /* a word goes into a field */
		const char *w = words[next_rand(seed) % ARRAY_SIZE(words)];
		replace(t, at, 0, w, strlen(w));
		break;
	}
	case 4: /* a field quoted */
		field_at(t, at, d, &s, &e);
		replace(t, e, 0, "\"", 1);
		replace(t, s, 0, "\"", 1);
		break;
	case 5: /* a quote, a doubled quote or a line break in a field */
		replace(t, at, 0,
			r & 64	  ? "\""
			: r & 128 ? "\"\""
				  : "\n",
			1 + !!(r & 128 && !(r & 64)));
		break;
	case 6: /* a delimiter more or less */
		if (r & 64 && at < t->len && t->buf[at] == d)
			replace(t, at, 1, "", 0);
		else
			replace(t, at, 0, (char *)&d, 1);
		break;
	case 7: { /* every delimiter another one */
		static const unsigned char ds[] = { ',', ';', '\t' };
		unsigned char to = ds[next_rand(seed) % 3];
		for (size_t i = 0; i < t->len; i++)
			if (t->buf[i] == d)
				t->buf[i] = to;
		break;
	}
	case 8: { /* line ends: LF, CRLF or CR */
		int kind = (int)(next_rand(seed) % 3);
		struct text n = { malloc(t->max), 0, t->max };
		if (!n.buf)
			break;
		for (size_t i = 0; i < t->len; i++) {
			if (t->buf[i] == '\r' && i + 1 < t->len &&
			    t->buf[i + 1] == '\n')
				continue;
			if (t->buf[i] == '\n' || t->buf[i] == '\r') {
				if (kind != 0 && n.len < n.max)
					n.buf[n.len++] = '\r';
				if (kind != 2 && n.len < n.max)
					n.buf[n.len++] = '\n';
			} else if (n.len < n.max) {
				n.buf[n.len++] = t->buf[i];
			}
		}
		memcpy(t->buf, n.buf, n.len);
		t->len = n.len;
		free(n.buf);
		break;
	}
	case 9: /* a BOM or a sep= line first */
		if (r & 64)
			replace(t, 0, 0, "\xEF\xBB\xBF", 3);
		else
			replace(t, 0, 0, r & 128 ? "sep=;\r\n" : "sep=,\n", 6);
		break;
	case 10: /* a line deleted */
		line_at(t, at, &s, &e);
		replace(t, s, e - s + (e < t->len), "", 0);
		break;
	case 11: /* a line repeated, or moved up */
		line_at(t, at, &s, &e);
		if (e - s < sizeof(tmp) * 8 && t->len + e - s + 1 <= t->max) {
			char *copy = malloc(e - s + 1);
			memcpy(copy, t->buf + s, e - s);
			copy[e - s] = '\n';
			line_at(t, next_rand(seed) % (t->len + 1), &s2, &e2);
			replace(t, s2, 0, copy, e - s + 1);
			free(copy);
		}
		break;
	case 12: { /* lines cloned with a new name each: a larger file,
		    * distinct records (and a split point to try) */
		size_t body = 0;
		while (body < t->len && t->buf[body] != '\n')
			body++;
		size_t from = body + 1, n = t->len > from ? t->len - from : 0;
		for (int k = 0; k < 8 && n && t->len + n + 16 <= t->max; k++) {
			char *copy = malloc(n);
			memcpy(copy, t->buf + from, n);
			size_t o = t->len;
			replace(t, t->len, 0, copy, n);
			/* every cloned line's first field gets a suffix */
			for (size_t i = o; i < t->len && t->len + 4 <= t->max;
			     i++)
				if (i == o || t->buf[i - 1] == '\n') {
					snprintf(tmp, sizeof(tmp), "%u",
						 next_rand(seed) % 100);
					replace(t, i, 0, tmp, strlen(tmp));
				}
			free(copy);
		}
		break;
	}
	case 13: /* two fields swapped (columns moved) */
		field_at(t, at, d, &s, &e);
		if (e < t->len && t->buf[e] == d) {
			field_at(t, e + 1, d, &s2, &e2);
			if (e - s < sizeof(tmp) && e2 - s2 < sizeof(tmp)) {
				char a[64], b[64];
				size_t la = e - s, lb = e2 - s2;
				memcpy(a, t->buf + s, la);
				memcpy(b, t->buf + s2, lb);
				replace(t, s2, lb, a, la);
				replace(t, s, la, b, lb);
			}
		}
		break;
	case 14: /* the whole text as Windows-1252 */
		to_cp1252(t);
		break;
	case 15: /* ... or as UTF-16 with a BOM */
		if (t->len < 2 || (t->buf[0] != 0xFF && t->buf[0] != 0xFE))
			to_utf16(t, (int)(r & 64));
		break;
	case 16: /* a field emptied */
		field_at(t, at, d, &s, &e);
		replace(t, s, e - s, "", 0);
		break;
	case 17: /* a cell of the header becomes a period */
		field_at(t, 0, d, &s, &e);
		for (unsigned k = next_rand(seed) % 6;
		     k && e < t->len && t->buf[e] == d; k--)
			field_at(t, e + 1, d, &s, &e);
		snprintf(tmp, sizeof(tmp), "%s %u",
			 r & 64 ? "Prognos" : "Nuläge",
			 2020 + next_rand(seed) % 12);
		replace(t, s, e - s, tmp, strlen(tmp));
		break;
	default: /* the bytes themselves */
		t->len = LLVMFuzzerMutate(t->buf, t->len, t->max);
		break;
	}
}

size_t LLVMFuzzerCustomMutator(unsigned char *data, size_t size,
			       size_t max_size, unsigned int seed)
{
	struct text t;
	unsigned s = seed;

	if (max_size < 3)
		return LLVMFuzzerMutate(data, size, max_size);
	if (size < 2) {
		memset(data, 0, 2);
		size = 2;
	}
	/* the options bytes, now and then */
	if (next_rand(&s) % 8 == 0)
		data[next_rand(&s) & 1] ^= (unsigned char)(1u << (s % 8));
	t.buf = data + 2;
	t.len = size - 2;
	t.max = max_size - 2;
	for (unsigned k = 1 + next_rand(&s) % 3; k; k--)
		mutate_text(&t, &s);
	return t.len + 2;
}
