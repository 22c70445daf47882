/*
 * csvin_locate.c - where a field starts, for messages (csvin.h): the
 * physical line and character column of field i of a row, found by
 * feeding the row's text to libcsv again byte by byte.
 */
#include <stdlib.h>
#include <string.h>

#include "csvin_internal.h"
#include "kmap/csvin.h"
#include "kmap/xalloc.h"

/*
 * Where every field of one row starts, found in one pass the first time
 * a message asks: validate reports every bad cell of a row, and a row of
 * 10,000 fields must not be re-parsed for each of them.
 */
struct field_starts {
	const char *raw; /* the row they were found for */
	size_t raw_len;
	unsigned long line;
	struct kmap_loc *at; /* by field index */
	size_t n, cap;
};

struct field_starts *field_starts_new(void)
{
	return xcalloc(1, sizeof(struct field_starts));
}

void field_starts_free(struct field_starts *fs)
{
	if (fs)
		free(fs->at);
	free(fs);
}

struct locate {
	size_t fields;
};

static void locate_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct locate *)data)->fields++;
}

static void locate_row(int c, void *data)
{
	(void)c;
	(void)data;
}

/* Where field `index` of the record text[0..len) starts (see header). */
static struct kmap_loc locate(const struct csvin *r, const char *text,
			      size_t len, unsigned long line, size_t index)
{
	struct kmap_loc loc = { r->name, line, 1 };
	size_t start = 0, line_start = 0;
	struct csv_parser p;
	struct locate st = { 0 };

	if (index) {
		/* feed byte by byte; field `index` starts after the byte
		 * that completes field index-1 */
		csv_init(&p, CSV_STRICT);
		csv_set_delim(&p, r->delim);
		csv_set_realloc_func(&p, xalloc_csv_realloc);
		if (r->delim == '\t')
			csv_set_space_func(&p, csvin_is_space_only);
		for (size_t i = 0; i < len && st.fields < index; i++) {
			if (csv_parse(&p, text + i, 1, locate_field, locate_row,
				      &st) != 1)
				break;
			start = i + 1;
		}
		csv_free(&p);
	}
	while (start < len && text[start] == ' ')
		start++;
	for (size_t i = 0; i < start; i++) {
		if (text[i] == '\n' ||
		    (text[i] == '\r' &&
		     (i + 1 >= len || text[i + 1] != '\n'))) {
			loc.line++;
			line_start = i + 1;
		}
	}
	loc.col = utf8_count_chars(text + line_start, start - line_start) + 1;
	return loc;
}

struct find_starts {
	size_t fields;
};

static void count_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct find_starts *)data)->fields++;
}

static void find_field_starts(const struct csvin *r,
			      const struct csvin_row *row,
			      struct field_starts *fs)
{
	const char *text = row->raw;
	size_t len = row->raw_len, line_start = 0, scanned = 0;
	unsigned long line = row->line, col = 0;
	struct csv_parser p;
	struct find_starts st = { 0 };

	fs->raw = row->raw;
	fs->raw_len = len;
	fs->line = row->line;
	fs->n = 0;
	csv_init(&p, CSV_STRICT);
	csv_set_delim(&p, r->delim);
	csv_set_realloc_func(&p, xalloc_csv_realloc);
	if (r->delim == '\t')
		csv_set_space_func(&p, csvin_is_space_only);
	for (size_t i = 0; i <= len && fs->n < row->nfields; i++) {
		/* field fs->n starts at i: after the byte that ended the
		 * one before (and its leading spaces) */
		if (st.fields == fs->n) {
			size_t start = i;
			while (start < len && text[start] == ' ')
				start++;
			for (; scanned < start; scanned++) {
				char c = text[scanned];
				if (c == '\n' ||
				    (c == '\r' &&
				     (scanned + 1 >= len ||
				      text[scanned + 1] != '\n'))) {
					line++;
					line_start = scanned + 1;
					col = 0;
				} else if (scanned >= line_start) {
					col += utf8_is_char_start(
						(unsigned char)c);
				}
			}
			if (fs->n == fs->cap) {
				fs->cap = fs->cap ? fs->cap * 2 : 64;
				fs->at = xreallocarray(fs->at, fs->cap,
						       sizeof(*fs->at));
			}
			struct kmap_loc loc = { r->name, line, col + 1 };
			fs->at[fs->n++] = loc;
		}
		if (i == len || csv_parse(&p, text + i, 1, count_field,
					  locate_row, &st) != 1)
			break;
	}
	csv_free(&p);
}

struct kmap_loc csvin_field_loc(const struct csvin *r,
				const struct csvin_row *row, size_t index)
{
	struct field_starts *fs = r->starts;

	if (!fs || index >= row->nfields)
		return locate(r, row->raw, row->raw_len, row->line, index);
	if (fs->raw != row->raw || fs->raw_len != row->raw_len ||
	    fs->line != row->line || !fs->n)
		find_field_starts(r, row, fs);
	if (index < fs->n)
		return fs->at[index];
	return locate(r, row->raw, row->raw_len, row->line, index);
}

struct kmap_loc csvin_open_field_loc(const struct csvin *r, size_t end)
{
	return locate(r, r->text.buf + r->rec_pos, end - r->rec_pos,
		      r->rec_line, r->nfields);
}
