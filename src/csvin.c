#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "csvin_internal.h"
#include "kmap/csvin.h"
#include "kmap/i18n.h"
#include "kmap/xalloc.h"

/*
 * Every message of the reader goes through here. A reader of the second
 * part of a split file (r->deferring) runs in a helper thread and must
 * not print: it keeps its messages for the main thread to replay in
 * order. Returns -1, like kmap_error().
 */
KMAP_PRINTF(5, 6)
static int report(struct csvin *r, enum diag_severity sev,
		  const struct kmap_loc *loc, const char *hint, const char *fmt,
		  ...)
{
	struct strbuf text = STRBUF_INIT;
	struct csvin_diag *d;
	va_list ap;

	va_start(ap, fmt);
	if (!r->deferring) {
		diag_vreport(sev, loc, hint, fmt, ap);
		va_end(ap);
		return -1;
	}
	diag_vformatf(&text, _(fmt), ap);
	va_end(ap);
	if (r->ndeferred == r->deferred_cap) {
		r->deferred_cap = r->deferred_cap ? r->deferred_cap * 2 : 8;
		r->deferred = xreallocarray(r->deferred, r->deferred_cap,
					    sizeof(*r->deferred));
	}
	d = &r->deferred[r->ndeferred++];
	d->severity = sev;
	d->line = loc ? loc->line : 0;
	d->col = loc ? loc->col : 0;
	d->control = 0;
	d->text = strbuf_detach(&text, NULL);
	d->hint = hint ? xstrdup(hint) : NULL;
	return -1;
}

/* libcsv's "no row begun" parser state (ROW_NOT_BEGUN in libcsv.c). */
enum { LIBCSV_ROW_NOT_BEGUN = 0 };
enum { SNIFF_BYTES = 4096, SNIFF_LINES = 20 };

void csvin_opts_init(struct csvin_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->encoding = KMAP_ENC_AUTO;
	o->max_field = 1 << 20;
	o->max_record = 16 << 20;
	o->max_columns = 10000;
	o->read_size = 256 * 1024;
	/* a test hook: small reads exercise buffer edges and file splits */
	const char *rs = getenv("KMAP_READ_SIZE");
	if (rs && atol(rs) > 0)
		o->read_size = (size_t)atol(rs);
	/* a test hook: the differential test of the fast path */
	const char *nf = getenv("KMAP_NO_FAST_PATH");
	o->no_fast_path = nf && *nf && strcmp(nf, "0");
}

size_t utf8_count_chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += utf8_is_char_start((unsigned char)s[i]);
	return n;
}

const char *csvin_encoding(const struct csvin *r)
{
	return encoding_name(r->dec.enc, r->dec.had_bom);
}

static const char *size_text(size_t n, char *buf, size_t size);

/* ---- decoded text -------------------------------------------------- */

/*
 * Line and column of text offset off (>= pos). Invariant: text[pos] is
 * in physical line r->line + 1, col_base characters after its start (a
 * long line is parsed in parts).
 */
static struct kmap_loc text_loc(const struct csvin *r, size_t off)
{
	struct kmap_loc loc = { r->name, r->line + 1, 0 };
	const char *t = r->text.buf;
	size_t line_start = r->pos;
	unsigned long before = r->col_base; /* the line's part read before */

	for (size_t i = r->pos; i < off; i++) {
		if (t[i] == '\n' || (t[i] == '\r' && t[i + 1] != '\n')) {
			loc.line++;
			line_start = i + 1;
			before = 0;
		}
	}
	loc.col =
		before + utf8_count_chars(t + line_start, off - line_start) + 1;
	return loc;
}

static void report_decode_error(struct csvin *r)
{
	const struct decode_error *e = &r->derr;
	struct kmap_loc loc = r->derr_loc;

	switch (e->status) {
	case DECODE_XLSX:
	case DECODE_XLS:
		loc.line = loc.col = 0;
		/* a workbook named as a file is read before this reader
		 * (load.c); here it came through standard input or a pipe */
		report(r, DIAG_ERROR, &loc,
		       N_("name the workbook's file: kmap reads .xlsx and .ods "
			  "files themselves, not through a pipe"),
		       "this is a workbook (%s), not CSV",
		       e->status == DECODE_XLSX ? "xlsx" : "xls");
		break;
	case DECODE_UTF16_NO_BOM:
		loc.line = loc.col = 0;
		report(r, DIAG_ERROR, &loc,
		       N_("export as CSV UTF-8, or use --encoding utf-16"),
		       "file looks like UTF-16 without a byte-order mark");
		break;
	case DECODE_NUL:
		report(r, DIAG_ERROR, &loc, NULL,
		       "NUL byte; the file may be binary or UTF-16");
		break;
	case DECODE_INVALID_UTF8:
		report(r, DIAG_ERROR, &loc,
		       r->dec.forced == KMAP_ENC_AUTO
			       ? N_("the file mixes UTF-8 with another "
				    "encoding; save it again as CSV UTF-8")
			       : NULL,
		       "invalid UTF-8 byte 0x%02X", e->bytes[0]);
		break;
	case DECODE_MIXED:
		report(r, DIAG_ERROR, &loc,
		       N_("save the file again as CSV UTF-8, or force one "
			  "encoding with --encoding"),
		       "UTF-8 text in a file that was read as Windows-1252"
		       " (since line %lu)",
		       r->line + 1);
		break;
	case DECODE_INVALID_CP1252:
		report(r, DIAG_ERROR, &loc, NULL,
		       "byte 0x%02X is not a Windows-1252 character",
		       e->bytes[0]);
		break;
	case DECODE_INVALID_UTF16:
		report(r, DIAG_ERROR, &loc, NULL, "invalid UTF-16 text");
		break;
	default:
		report(r, DIAG_ERROR, &loc, NULL, "cannot decode the file");
	}
}

static int read_some(struct csvin *r, size_t want)
{
	if (r->limit) {
		/* the first part of a split file ends at the limit */
		if (r->raw_read >= r->limit) {
			r->raw_eof = 1;
			r->limit_reached = 1;
			return 0;
		}
		if (want > r->limit - r->raw_read)
			want = (size_t)(r->limit - r->raw_read);
	}
	if (r->raw_cap - r->raw_len < want) {
		r->raw_cap = r->raw_len + want;
		r->raw = xrealloc(r->raw, r->raw_cap);
	}
	for (;;) {
		ssize_t n = read(r->fd, r->raw + r->raw_len, want);
		if (n > 0) {
			r->raw_len += (size_t)n;
			r->raw_read += (uint64_t)n;
			return 0;
		}
		if (n == 0) {
			r->raw_eof = 1;
			return 0;
		}
		if (errno != EINTR) {
			struct kmap_loc loc = { r->name, 0, 0 };
			return report(r, DIAG_ERROR, &loc, NULL,
				      "cannot read: %s", strerror(errno));
		}
	}
}

/* Drops consumed text, keeping the record being assembled. */
static void compact_text(struct csvin *r)
{
	size_t keep = r->in_record ? r->rec_pos : r->pos;

	if (!keep)
		return;
	memmove(r->text.buf, r->text.buf + keep, r->text.len - keep);
	strbuf_setlen(&r->text, r->text.len - keep);
	r->pos -= keep;
	r->scanned -= keep;
	if (r->in_record)
		r->rec_pos -= keep;
	/* a record starts a line, so its lines lie after rec_pos */
	r->line_pos = r->line_pos >= keep ? r->line_pos - keep : 0;
}

/*
 * Decodes more text. Returns 1 when text was added, 0 at the end of the
 * input (or of its valid part), -1 on a read error.
 */
static int more_text(struct csvin *r)
{
	size_t before;

	if (r->text_eof)
		return 0;
	compact_text(r);
	before = r->text.len;
	while (r->text.len == before && !r->text_eof) {
		size_t used;
		if (!r->raw_eof) {
			size_t want = r->opts.read_size;
			if (!r->dec.sniffed && want < SNIFF_BYTES)
				want = SNIFF_BYTES;
			do {
				if (read_some(r, want))
					return -1;
			} while (!r->dec.sniffed && !r->raw_eof &&
				 r->raw_len < SNIFF_BYTES);
		}
		int failed =
			decoder_feed(&r->dec, r->raw, r->raw_len, r->raw_eof,
				     &r->text, &r->derr, &used);
		/* what the decoder found is said when the parser reaches its
		 * line (report_decoder_notes()), not here: how far ahead the
		 * text is decoded depends on the read size */
		if (r->dec.fell_back && !r->fallback_warned) {
			r->fallback_loc = text_loc(r, r->dec.fallback_offset);
			r->fallback_warned = r->fallback_pending = 1;
		}
		if (r->dec.saw_unusual && !r->unusual_warned &&
		    r->dec.forced != KMAP_ENC_CP1252) {
			r->unusual_loc = text_loc(r, r->dec.unusual_offset);
			r->unusual_warned = r->unusual_pending = 1;
		}
		if (failed) {
			r->derr_loc = text_loc(r, r->derr.out_offset);
			r->decode_failed = 1;
			r->text_eof = 1;
			break;
		}
		memmove(r->raw, r->raw + used, r->raw_len - used);
		r->raw_len -= used;
		if (r->raw_eof && (!r->raw_len || !used))
			r->text_eof = 1;
	}
	return r->text.len > before;
}

/*
 * Says what the decoder found on the line about to be parsed or before
 * it: the switch to Windows-1252 (what Excel's "CSV (semikolonavgränsad)"
 * always is: a note) and a byte that Swedish text hardly has in it.
 * Where a message comes among the others does not depend on the read
 * size then.
 */
static void report_decoder_notes(struct csvin *r)
{
	unsigned long line = r->line + 1;

	if (r->fallback_pending && r->fallback_loc.line <= line) {
		r->fallback_pending = 0;
		report(r, DIAG_NOTE, &r->fallback_loc, NULL,
		       "not valid UTF-8 (byte 0x%02X); read as Windows-1252",
		       r->dec.fallback_byte);
	}
	if (r->unusual_pending && r->unusual_loc.line <= line) {
		r->unusual_pending = 0;
		report(r, DIAG_WARNING, &r->unusual_loc,
		       N_("save it again as CSV UTF-8, or name its "
			  "encoding with --encoding"),
		       "byte 0x%02X reads as a character Swedish text "
		       "hardly has in Windows-1252; the file may be in "
		       "another encoding (a DOS code page?)",
		       r->dec.unusual_byte);
	}
}

static int line_too_long(struct csvin *r)
{
	struct kmap_loc loc = { r->name, r->line + 1, 0 };
	char sz[32];

	report(r, DIAG_ERROR, &loc, NULL, "line longer than %s",
	       size_text(r->opts.max_record, sz, sizeof(sz)));
	return -1;
}

/*
 * A line longer than this is parsed as it arrives, so that a giant field
 * or too many columns is found after the first MiB of a 1 GB line, not
 * after buffering it to the line limit.
 */
enum { LONG_LINE_PART = 64 * 1024 };

/*
 * The record being read (from start) has reached the max_record cap:
 * the part of it still within the cap is parsed first (r->partial), so
 * that a field too long or a stray quote there is reported as it would
 * be with any read size; once all of it is, the record is too long.
 */
static int up_to_cap(struct csvin *r, size_t start, size_t *len)
{
	size_t cap_end = start + r->opts.max_record;

	if (r->pos >= cap_end)
		return line_too_long(r);
	*len = cap_end - r->pos;
	r->scanned = cap_end;
	r->partial = 1;
	return 1;
}

/*
 * Where the first CR or LF of s[0..n) is, or n: 16 bytes a step where
 * SSE2 is (strcspn(3) takes a set of any size, and a line's end is the
 * one scan every byte of the input gets).
 */
static size_t line_end_in(const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		int hit = _mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
		if (hit)
			return i + (size_t)__builtin_ctz((unsigned)hit);
	}
#endif
	while (i < n && s[i] != '\r' && s[i] != '\n')
		i++;
	return i;
}

/*
 * Finds the next physical line; sets *len to its length including the
 * terminator (LF, CRLF or a lone CR). Of a line longer than
 * LONG_LINE_PART it gives the part read so far, with r->partial set.
 * Returns 1, 0 at the end of the text, or -1 on error.
 */
static int next_line(struct csvin *r, size_t *len)
{
	for (;;) {
		char *s = r->text.buf + r->pos;
		size_t avail = r->text.len - r->pos;
		size_t from = r->scanned - r->pos;
		size_t k = from + line_end_in(s + from, avail - from);

		size_t start = r->in_record ? r->rec_pos : r->pos;

		if (k < avail &&
		    (s[k] == '\n' || k + 1 < avail || r->text_eof)) {
			*len = k + 1 +
			       (s[k] == '\r' && k + 1 < avail &&
				s[k + 1] == '\n');
			r->scanned = r->pos + *len;
			if (r->pos + *len - start <= r->opts.max_record)
				return 1;
			return up_to_cap(r, start, len);
		}
		r->scanned = r->pos + (k < avail ? k : avail);
		if (r->text.len - start > r->opts.max_record)
			return up_to_cap(r, start, len);
		if (k >= avail && avail >= LONG_LINE_PART) {
			*len = avail;
			r->partial = 1;
			return 1;
		}
		int got = more_text(r);
		if (got < 0)
			return -1;
		if (!got) {
			*len = r->text.len - r->pos;
			r->scanned = r->text.len;
			return *len ? 1 : 0;
		}
	}
}

/* TAB is a delimiter, so only spaces are padding around fields. */
int csvin_is_space_only(unsigned char c)
{
	return c == ' ';
}

static void parser_start(struct csvin *r)
{
	r->parser_live = 1;
	csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->parser, r->delim);
	csv_set_realloc_func(&r->parser, xalloc_csv_realloc);
	csv_set_blk_size(&r->parser, 4096);
	if (r->delim == '\t')
		csv_set_space_func(&r->parser, csvin_is_space_only);
	xalloc_set_csv_cap(r->opts.max_field);
}

static void record_reset(struct csvin *r)
{
	r->in_record = 0;
	r->row_done = 0;
	r->nfields = 0;
	r->too_many_columns = 0;
	strbuf_reset(&r->rowdata);
}

/* ---- delimiter ----------------------------------------------------- */

static void count_delims(const char *s, size_t len, size_t counts[3])
{
	int quoted = 0;

	counts[0] = counts[1] = counts[2] = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			counts[0]++;
		else if (!quoted && s[i] == ';')
			counts[1]++;
		else if (!quoted && s[i] == '\t')
			counts[2]++;
	}
}

/* "1 MiB" or "300 bytes": a limit as people read it. */
static const char *size_text(size_t n, char *buf, size_t size)
{
	if (n >= (1 << 20) && n % (1 << 20) == 0)
		snprintf(buf, size, "%zu MiB", n >> 20);
	else
		snprintf(buf, size, "%zu bytes", n);
	return buf;
}

static const char *delim_name(int c)
{
	return c == '\t' ? "TAB" : c == ';' ? "';'" : "','";
}

/* Picks the delimiter from the counts; -1 when two tie. */
static int choose_delim(struct csvin *r, const size_t counts[3],
			const struct kmap_loc *loc)
{
	static const char cands[3] = { ',', ';', '\t' };
	int best = -1, tie = -1;

	for (int i = 0; i < 3; i++) {
		if (!counts[i])
			continue;
		if (best < 0 || counts[i] > counts[best]) {
			best = i;
			tie = -1;
		} else if (counts[i] == counts[best]) {
			tie = i;
		}
	}
	if (best < 0)
		return 0;
	if (tie >= 0) {
		const char *hint = diag_hintf("use --delimiter %s or %s",
					      delim_name(cands[best]),
					      delim_name(cands[tie]));
		report(r, DIAG_ERROR, loc, hint,
		       "cannot tell the delimiter: the header has %zu %s "
		       "and %zu %s",
		       counts[best], delim_name(cands[best]), counts[tie],
		       delim_name(cands[tie]));
		return -1;
	}
	return cands[best];
}

static int only_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/*
 * Decides the delimiter by peeking at lines without consuming them: the
 * header line (or the first that is not blank) and, when it holds none of
 * the candidates, the next few lines.
 */
static int detect_delimiter(struct csvin *r)
{
	unsigned long save_line = r->line, header = r->opts.header_line;
	size_t len, counts[3];
	int seen = 0, found = 0, got;

	/* peeking: in_record keeps the peeked text through compaction */
	r->in_record = 1;
	r->rec_pos = r->pos;
	while (seen < SNIFF_LINES) {
		got = next_line(r, &len);
		if (got <= 0) {
			found = got;
			break;
		}
		const char *s = r->text.buf + r->pos;
		r->pos += len;
		r->line++;
		if ((header && r->line < header) || only_blank(s, len))
			continue;
		seen++;
		count_delims(s, len, counts);
		if (counts[0] + counts[1] + counts[2]) {
			struct kmap_loc loc = { r->name, r->line, 0 };
			found = choose_delim(r, counts, &loc);
			break;
		}
	}
	r->pos = r->scanned = r->rec_pos;
	r->line = save_line;
	r->in_record = 0;
	if (found < 0)
		return -1;
	r->delim = found ? (unsigned char)found : ',';
	return 0;
}

/* An Excel "sep=;" first line names the delimiter. */
static int read_sep_line(struct csvin *r)
{
	size_t len;
	int got = next_line(r, &len);
	const char *s = r->text.buf + r->pos;

	if (got <= 0)
		return got;
	if (len >= 5 && !strncasecmp(s, "sep=", 4) &&
	    (len == 5 || s[5] == '\r' || s[5] == '\n')) {
		if (!strchr(",;\t|", s[4]) || !s[4]) {
			struct kmap_loc loc = { r->name, 1, 5 };
			char shown[8];
			if ((unsigned char)s[4] < 0x20 || s[4] == 0x7F)
				snprintf(shown, sizeof(shown), "\\x%02X",
					 (unsigned char)s[4]);
			else
				snprintf(shown, sizeof(shown), "%c", s[4]);
			return report(
				r, DIAG_ERROR, &loc,
				N_("a sep= line names ',', ';', TAB or '|'"),
				"'sep=%s' names no delimiter kmap reads",
				shown);
		}
		r->delim = (unsigned char)s[4];
		r->sep_line = 1;
		r->pos += len;
		r->line++;
	}
	r->scanned = r->pos;
	return 0;
}

/* ---- open / next / close ------------------------------------------- */

static int open_input(struct csvin *r, const char *path)
{
	struct kmap_loc loc = { path, 0, 0 };
	struct stat st;

	if (!strcmp(path, "-")) {
		r->fd = STDIN_FILENO;
		return 0;
	}
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0)
		return report(r, DIAG_ERROR, &loc, NULL, "cannot open: %s",
			      strerror(errno));
	if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode))
		return report(r, DIAG_ERROR, &loc, NULL,
			      "is a directory, not a file");
	return 0;
}

int csvin_open(struct csvin *r, const char *path, const struct csvin_opts *opts)
{
	memset(r, 0, sizeof(*r));
	r->name = path;
	r->opts = *opts;
	r->fd = -1;
	r->starts = field_starts_new();
	strbuf_init(&r->text);
	strbuf_init(&r->rowdata);
	decoder_init(&r->dec, opts->encoding);
	if (open_input(r, path))
		return -1;
	if (more_text(r) < 0)
		return -1;
	if (read_sep_line(r))
		return -1;
	/* --delimiter wins over the file's own sep= line */
	if (opts->delimiter)
		r->delim = (unsigned char)opts->delimiter;
	else if (!r->sep_line && detect_delimiter(r))
		return -1;
	parser_start(r);
	return 0;
}

static int report_parse_error(struct csvin *r, const char *line, size_t len,
			      size_t at)
{
	struct kmap_loc loc = { r->name, r->line + 1, 0 };
	const char *hint = NULL;
	unsigned char c = (unsigned char)line[at];

	loc.col = utf8_count_chars(line, at) + 1;
	if (csv_error(&r->parser) == CSV_ENOMEM) {
		if (!xalloc_csv_cap_hit())
			xalloc_die();
		/* point at the start of the field that grew too long */
		loc = csvin_open_field_loc(r,
					   (size_t)(line - r->text.buf) + len);
		char sz[32];
		report(r, DIAG_ERROR, &loc, NULL, "field longer than %s",
		       size_text(r->opts.max_field, sz, sizeof(sz)));
		return CSVIN_FATAL;
	}
	if (c == '"') {
		report(r, DIAG_ERROR, &loc,
		       N_("quote the whole field and double the quote "
			  "inside it: \"12\"\" skärm\""),
		       "stray quote in an unquoted field");
		return CSVIN_SKIP;
	}
	if ((c == ';' || c == '\t' || c == ',') && c != r->delim)
		hint = diag_hintf(
			"the file may use %s as delimiter: try --delimiter %s",
			delim_name(c),
			c == '\t'  ? "TAB"
			: c == ';' ? "';'"
				   : "','");
	/* the whole character, not its first byte: "unexpected 'ö'" */
	size_t clen = 1;
	while (at + clen < len && clen < 4 &&
	       !utf8_is_char_start((unsigned char)line[at + clen]))
		clen++;
	if (c == '\t')
		report(r, DIAG_ERROR, &loc, hint,
		       "unexpected TAB after a closing quote");
	else
		report(r, DIAG_ERROR, &loc, hint,
		       "unexpected '%.*s' after a closing quote", (int)clen,
		       line + at);
	return CSVIN_SKIP;
}

static void warn_control_chars(struct csvin *r)
{
	struct kmap_loc loc = { r->name, r->rec_line, 0 };

	r->ctrl_removed = 0;
	if (r->ctrl_warned++)
		return;
	report(r, DIAG_WARNING, &loc, NULL,
	       "control characters removed from a field");
	if (r->deferring)
		r->deferred[r->ndeferred - 1].control = 1;
}

static void fill_row(struct csvin *r, struct csvin_row *row, size_t rec_len)
{
	if (r->fields_cap < r->nfields) {
		r->fields_cap = r->offs_cap;
		r->fields = xreallocarray(r->fields, r->fields_cap,
					  sizeof(*r->fields));
	}
	for (size_t i = 0; i < r->nfields; i++) {
		size_t end =
			i + 1 < r->nfields ? r->offs[i + 1] : r->rowdata.len;
		r->fields[i].ptr = r->rowdata.buf + r->offs[i];
		r->fields[i].len = end - r->offs[i] - 1;
	}
	row->fields = r->fields;
	row->nfields = r->nfields;
	row->line = r->rec_line;
	row->raw = r->text.buf + r->rec_pos;
	row->raw_len = rec_len;
	row->cells = NULL;
	r->records++;
}

/* The record did not end: its last quote is never closed. */
static int report_unclosed_quote(struct csvin *r)
{
	struct kmap_loc loc = csvin_open_field_loc(r, r->text.len);

	report(r, DIAG_ERROR, &loc,
	       N_("close the quote, or double a quote meant as text"),
	       "quote opened here is never closed");
	return CSVIN_FATAL;
}

static int finish(struct csvin *r, struct csvin_row *row)
{
	int rc;

	r->finished = 1;
	if (r->decode_failed) {
		report_decode_error(r);
		return CSVIN_FATAL;
	}
	rc = csv_fini(&r->parser, csvin_on_field, csvin_on_row, r);
	if (rc && csv_error(&r->parser) == CSV_EPARSE)
		return report_unclosed_quote(r);
	if (r->row_done) {
		fill_row(r, row, r->text.len - r->rec_pos);
		r->in_record = 0;
		return CSVIN_ROW;
	}
	return CSVIN_EOF;
}

/* Consumes what next_line() gave; a whole line counts as one. */
static void end_part(struct csvin *r, size_t len)
{
	if (r->partial)
		r->col_base += utf8_count_chars(r->text.buf + r->pos, len);
	else
		r->col_base = 0;
	r->pos += len;
	r->mid_line = r->partial;
	if (!r->partial)
		r->line++;
}

int csvin_next(struct csvin *r, struct csvin_row *row)
{
	size_t len;

	if (r->finished)
		return CSVIN_EOF;
	if (!r->in_record)
		record_reset(r);
	for (;;) {
		r->partial = 0;
		int got = next_line(r, &len);
		if (got < 0) {
			r->finished = 1;
			return CSVIN_FATAL;
		}
		if (!got && r->limit_reached && !r->decode_failed)
			return r->in_record ? CSVIN_LIMIT_OPEN : CSVIN_LIMIT;
		if (!got)
			return finish(r, row);
		report_decoder_notes(r);
		const char *s = r->text.buf + r->pos;
		if (r->skip_line) {
			/* the rest of a long line whose start had an error */
			end_part(r, len);
			r->skip_line = r->mid_line;
			continue;
		}
		if (!r->mid_line)
			r->line_pos = r->pos;
		if (!r->in_record) {
			if (s[0] == '\n' || s[0] == '\r') {
				r->pos += len;
				r->line++;
				continue;
			}
			r->in_record = 1;
			r->rec_pos = r->pos;
			r->rec_line = r->line + 1;
		}
		size_t n = r->opts.no_fast_path || r->mid_line || r->partial ||
					   r->parser.pstate !=
						   LIBCSV_ROW_NOT_BEGUN ||
					   !csvin_parse_plain_line(r, s, len)
				   ? csv_parse(&r->parser, s, len,
					       csvin_on_field, csvin_on_row, r)
				   : len;
		if (n < len) {
			size_t before = r->pos - r->line_pos;
			int rc =
				report_parse_error(r, r->text.buf + r->line_pos,
						   before + len, before + n);
			end_part(r, len);
			r->skip_line = r->mid_line;
			csv_free(&r->parser);
			parser_start(r);
			record_reset(r);
			if (rc == CSVIN_FATAL)
				r->finished = 1;
			return rc;
		}
		end_part(r, len);
		if (r->too_many_columns) {
			struct kmap_loc loc = { r->name, r->rec_line, 0 };
			report(r, DIAG_ERROR, &loc, NULL,
			       "more than %zu columns; this is "
			       "not a spreadsheet export",
			       r->opts.max_columns);
			r->finished = 1;
			return CSVIN_FATAL;
		}
		if (r->row_done) {
			if (r->ctrl_removed)
				warn_control_chars(r);
			fill_row(r, row, r->pos - r->rec_pos);
			r->in_record = 0;
			return CSVIN_ROW;
		}
		if (!r->mid_line && r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
			r->in_record = 0; /* a line of blanks */
	}
}

void csvin_close(struct csvin *r)
{
	if (!r)
		return;
	field_starts_free(r->starts);
	r->starts = NULL;
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	r->fd = -1;
	if (r->parser_live)
		csv_free(&r->parser);
	r->parser_live = 0;
	decoder_release(&r->dec);
	free(r->raw);
	free(r->offs);
	free(r->fields);
	strbuf_release(&r->text);
	strbuf_release(&r->rowdata);
	csvin_free_diags(r->deferred, r->ndeferred);
	r->deferred = NULL;
	r->ndeferred = 0;
	r->raw = NULL;
	r->offs = NULL;
	r->fields = NULL;
}

void csvin_free_diags(struct csvin_diag *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].text);
		free(d[i].hint);
	}
	free(d);
}

void csvin_unlimit(struct csvin *r)
{
	r->limit = 0;
	r->limit_reached = 0;
	r->raw_eof = 0;
	r->text_eof = 0;
}

int csvin_open_part(struct csvin *r, const struct csvin *whole,
		    const char *path, uint64_t offset, enum kmap_encoding enc,
		    int saw_multibyte, int fell_back)
{
	memset(r, 0, sizeof(*r));
	r->name = whole->name;
	r->opts = whole->opts;
	r->deferring = 1;
	r->starts = field_starts_new();
	r->delim = whole->delim;
	strbuf_init(&r->text);
	strbuf_init(&r->rowdata);
	decoder_init_at(&r->dec, whole->dec.forced, enc, saw_multibyte,
			fell_back);
	/* the first part reports the switch to Windows-1252, and the
	 * unusual byte it met so far */
	r->fallback_warned = fell_back;
	r->unusual_warned = whole->unusual_warned;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0 || lseek(r->fd, (off_t)offset, SEEK_SET) < 0 ||
	    decoder_ready(&r->dec))
		return -1;
	parser_start(r);
	return 0;
}
