/*
 * The CSV reader as event tables (libcsv's test_csv.c style): input bytes
 * -> the transcript of rows and diagnostics, each with its physical line
 * and column. Every case runs at read sizes 1, 2, 3, 7 and 64 KiB and must
 * give the same transcript (RELIABILITY G3).
 */
#include "helpers.h"

#include "kmap/csvin.h"

struct limits {
	size_t max_field, max_record, max_columns;
	int delimiter;
};

/* "L: f1|f2" per row (newlines in fields as \n); diagnostics as captured. */
static void transcript(const char *in, size_t len, size_t read_size,
		       const struct limits *lim, struct strbuf *out)
{
	struct captured cap;
	struct csvin_opts o;
	struct csvin r;
	struct csvin_row row;
	char *path = temp_file(in, len);

	csvin_opts_init(&o);
	o.read_size = read_size;
	if (lim) {
		if (lim->max_field)
			o.max_field = lim->max_field;
		if (lim->max_record)
			o.max_record = lim->max_record;
		if (lim->max_columns)
			o.max_columns = lim->max_columns;
		o.delimiter = lim->delimiter;
	}
	capture_start(&cap);
	if (csvin_open(&r, path, &o) == 0) {
		int st;
		while ((st = csvin_next(&r, &row)) != CSVIN_EOF) {
			if (st == CSVIN_FATAL)
				break;
			if (st != CSVIN_ROW)
				continue;
			strbuf_addf(&cap.text, "%lu:", row.line);
			for (size_t i = 0; i < row.nfields; i++) {
				strbuf_addch(&cap.text, i ? '|' : ' ');
				for (size_t k = 0; k < row.fields[i].len; k++) {
					char c = row.fields[i].ptr[k];
					if (c == '\n')
						strbuf_addstr(&cap.text, "\\n");
					else
						strbuf_addch(&cap.text, c);
				}
			}
			strbuf_addch(&cap.text, '\n');
		}
	}
	csvin_close(&r);
	strbuf_addstr(out, cap.text.buf);
	capture_stop(&cap);
	temp_remove(path);
}

static void expect(const char *in, size_t len, const struct limits *lim,
		   const char *want)
{
	static const size_t sizes[] = { 1, 2, 3, 7, 65536 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct strbuf got = STRBUF_INIT;
		transcript(in, len, sizes[i], lim, &got);
		if (strcmp(got.buf, want))
			print_error("read size %zu:\n--- want\n%s--- got\n%s",
				    sizes[i], want, got.buf);
		assert_string_equal(got.buf, want);
		strbuf_release(&got);
	}
}

/* One read size only: for inputs too large to read a byte at a time. */
static void transcript_check(const char *in, size_t len,
			     const struct limits *lim, const char *want)
{
	struct strbuf got = STRBUF_INIT;

	transcript(in, len, 65536, lim, &got);
	assert_string_equal(got.buf, want);
	strbuf_release(&got);
}

#define CASE(in, want) expect(in, sizeof(in) - 1, NULL, want)
#define CASE_LIM(in, lim, want) expect(in, sizeof(in) - 1, lim, want)

static void line_endings(void **state)
{
	(void)state;
	CASE("a,b\n1,2\n", "1: a|b\n2: 1|2\n");
	CASE("a,b\r\n1,2", "1: a|b\n2: 1|2\n");
	CASE("a,b\r1,2\r3,4", "1: a|b\n2: 1|2\n3: 3|4\n");
	CASE("a,b\r\n1,2\n3,4\r5,6\r\n", "1: a|b\n2: 1|2\n3: 3|4\n4: 5|6\n");
}

static void blank_lines_keep_numbers(void **state)
{
	(void)state;
	CASE("a,b\n\n\n1,2\n   \n3,4\n", "1: a|b\n4: 1|2\n6: 3|4\n");
	CASE("\n\na;b\n1;2\n", "3: a|b\n4: 1|2\n");
	/* an all-empty row is a row: the loader skips it */
	CASE("a,b\n,\n", "1: a|b\n2: |\n");
}

static void quoted_fields(void **state)
{
	(void)state;
	CASE("a,b\n\"x\ny\",2\n3,4\n", "1: a|b\n2: x\\ny|2\n4: 3|4\n");
	CASE("a\r\n\"x\r\ny\"\r\n", "1: a\n2: x\\ny\n");
	CASE("a\n\"x\ry\"\n3\n", "1: a\n2: x\\ny\n4: 3\n");
	CASE("a,b\n\"x,\"\"y\"\"\",2\n", "1: a|b\n2: x,\"y\"|2\n");
	CASE("a,b\n\"a\" , \"b\"\n", "1: a|b\n2: a|b\n");
	CASE("a,b\n\"\",\n", "1: a|b\n2: |\n");
}

static void syntax_errors(void **state)
{
	(void)state;
	CASE("a,b\n\"x\"y,2\n3,4\n",
	     "1: a|b\nerror 2:4 unexpected 'y' after a closing quote\n"
	     "3: 3|4\n");
	CASE("a,b\nx\"y,2\n3,4\n",
	     "1: a|b\nerror 2:2 stray quote in an unquoted field\n3: 3|4\n");
	CASE("a,b\n1,\"open\n2,3\n",
	     "1: a|b\nerror 2:3 quote opened here is never closed\n");
	CASE("a,b\n1,2\n\"x\ny\",\"open\nmore\n",
	     "1: a|b\n2: 1|2\n"
	     "error 4:4 quote opened here is never closed\n");
	/* a closing quote then another delimiter: a hint names it */
	/* (a TAB after a closing quote is blank to libcsv, as a space is) */
	CASE("a,b\n\"x\"\ty,2\n",
	     "1: a|b\nerror 2:5 unexpected 'y' after a closing quote\n");
	CASE("a;b\n\"x\",y;2\n",
	     "1: a|b\nerror 2:4 unexpected ',' after a closing quote\n");
	CASE("a,b\n\"x\";y,2\n",
	     "1: a|b\nerror 2:4 unexpected ';' after a closing quote\n");
	/* CR-only line ends and an error on the second line */
	CASE("a,b\r\"x\"y,2\r3,4\r",
	     "1: a|b\nerror 2:4 unexpected 'y' after a closing quote\n"
	     "3: 3|4\n");
	/* columns count characters, not bytes */
	CASE("å,ä\n\"ö\"x,1\n",
	     "1: å|ä\nerror 2:4 unexpected 'x' after a closing quote\n");
}

static void delimiters(void **state)
{
	struct limits tab = { 0, 0, 0, '\t' };

	(void)state;
	CASE("a;b,c;d\n1;2,3;4\n", "1: a|b,c|d\n2: 1|2,3|4\n");
	CASE("a\tb\n x \t y \n", "1: a|b\n2: x|y\n");
	CASE("sep=,\na;b,c\n", "2: a;b|c\n");
	CASE("SEP=;\r\na,b;c\r\n", "2: a,b|c\n");
	CASE("\"x;y\",z\n1,2\n", "1: x;y|z\n2: 1|2\n");
	CASE("a,b;c\n", "error 1:0 cannot tell the delimiter: the header has "
			"1 ',' and 1 ';'\n");
	/* a title line without delimiters: the next lines decide */
	CASE("Kompetensbehov\n\na;b\n", "1: Kompetensbehov\n3: a|b\n");
	CASE_LIM("a;b\tc\n", &tab, "1: a;b|c\n");
}

static void encodings(void **state)
{
	(void)state;
	CASE("\xEF\xBB\xBF\"yrke\",b\n", "1: yrke|b\n");
	CASE("\xFF\xFEy\0;\0\xF6\0\r\0\n\0", "1: y|ö\n");
	/* what the decoder finds is said at its line, however far ahead
	 * the text was decoded */
	CASE("a,b\n1,\xD6\n", "1: a|b\nnote 2:3 not valid UTF-8 (byte 0xD6); "
			      "read as Windows-1252\n2: 1|Ö\n");
	CASE("a,b\n1,\0\n", "1: a|b\nerror 2:3 NUL byte; the file may be "
			    "binary or UTF-16\n");
	CASE("a,\xC3\xA5\n1,\xD6\n", "1: a|å\nerror 2:3 invalid UTF-8 byte "
				     "0xD6\n");
	CASE("PK\x03\x04zzzz", "error 0:0 this is a workbook (xlsx), "
			       "not CSV\n");
}

/* A control at place at of a field of n letters, read and removed. */
static void control_at(const char *ctrl, size_t n, size_t at, int quoted)
{
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;

	strbuf_addstr(&in, quoted ? "a,b\n1,\"" : "a,b\n1,");
	strbuf_addstr(&want, "1: a|b\nwarning 2:0 control characters "
			     "removed from a field\n2: 1|");
	for (size_t i = 0; i < n; i++) {
		if (i == at)
			strbuf_addstr(&in, ctrl);
		strbuf_addch(&in, (char)('a' + i % 26));
		strbuf_addch(&want, (char)('a' + i % 26));
	}
	strbuf_addstr(&in, quoted ? "\"\n" : "\n");
	strbuf_addstr(&want, "\n");
	expect(in.buf, in.len, NULL, want.buf);
	strbuf_release(&in);
	strbuf_release(&want);
}

static void control_characters(void **state)
{
	(void)state;
	CASE("a,b\n1,x\x01y\n",
	     "1: a|b\nwarning 2:0 control characters removed from a field\n"
	     "2: 1|xy\n");
	/* at every place of a field of 5, 12 and 41 bytes, plain (the line
	 * is looked at whole) and quoted (libcsv's field is): each control,
	 * DEL and a C1 control is found in whole steps and in the tail */
	static const char *const ctrl[] = { "\x01", "\x1f", "\x7f",
					    "\xc2\x85" };
	static const size_t lens[] = { 5, 12, 41 };
	for (size_t k = 0; k < sizeof(ctrl) / sizeof(ctrl[0]); k++)
		for (size_t n = 0; n < sizeof(lens) / sizeof(lens[0]); n++)
			for (size_t at = 0; at < lens[n]; at++)
				for (int quoted = 0; quoted <= 1; quoted++)
					control_at(ctrl[k], lens[n], at,
						   quoted);
}

static void limits(void **state)
{
	struct limits field = { 16, 0, 0, 0 };
	struct limits cols = { 0, 0, 3, 0 };
	struct limits line = { 0, 64, 0, 0 };

	(void)state;
	CASE_LIM("a,b\n1,0123456789abcdefXYZ\n3,4\n", &field,
		 "1: a|b\nerror 2:3 field longer than 16 bytes\n");
	/* sep= lines: with CRLF, LF, and a look-alike that is data */
	CASE("sep=;\r\na;b\r\n1;2\r\n", "2: a|b\n3: 1|2\n");
	CASE("sep=,\na,b\n", "2: a|b\n");
	CASE("sep=;x;y\n1;2\n", "1: sep=|x|y\n2: 1|2\n");
	CASE_LIM("a,b,c\n1,2,3,4\n", &cols,
		 "1: a|b|c\nerror 2:0 more than 3 columns; this is not a "
		 "spreadsheet export\n");
	CASE_LIM("a,b\n1,0123456789012345678901234567890123456789"
		 "0123456789012345678901234567890123456789\n",
		 &line, "1: a|b\nerror 2:0 line longer than 64 bytes\n");
}

/* Past the first 4 KiB the decoder runs ahead by the read size: what it
 * finds is still said just before the line it is on, at every read size */
static void decoder_notes_at_their_line(void **state)
{
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT;

	(void)state;
	strbuf_addstr(&in, "a,b\n");
	strbuf_addstr(&want, "1: a|b\n");
	for (int k = 2; k <= 1500; k++) {
		strbuf_addstr(&in, "1,x\n");
		strbuf_addf(&want, "%d: 1|x\n", k);
	}
	strbuf_addstr(&in, "2,\xE5\x86\n3,y\n");
	strbuf_addstr(&want,
		      "note 1501:3 not valid UTF-8 (byte 0xE5); read as "
		      "Windows-1252\n"
		      "warning 1501:4 byte 0x86 reads as a character Swedish "
		      "text hardly has in Windows-1252; the file may be in "
		      "another encoding (a DOS code page?)\n"
		      "1501: 2|å†\n1502: 3|y\n");
	expect(in.buf, in.len, NULL, want.buf);
	strbuf_release(&in);
	strbuf_release(&want);
}

static void more_encodings(void **state)
{
	(void)state;
	/* 0x81 has no character in Windows-1252 */
	CASE("a,b\n\xE5,\x81\n",
	     "1: a|b\nnote 2:1 not valid UTF-8 (byte 0xE5); read as "
	     "Windows-1252\n"
	     "error 2:3 byte 0x81 is not a Windows-1252 character\n");
	/* an unpaired UTF-16 surrogate */
	CASE("\xFF\xFE"
	     "a\0,\0b\0\n\0\x00\xD8"
	     "c\0\n\0",
	     "1: a|b\nerror 2:1 invalid UTF-16 text\n");
}

static void long_lines(void **state)
{
	struct limits line = { 0, 4500, 0, 0 };
	struct limits mib = { 1 << 20, 0, 0, 0 };
	struct strbuf in = STRBUF_INIT;

	(void)state;
	/* longer than the first read: the cap applies while it grows */
	strbuf_addstr(&in, "a,b\n1,");
	for (int i = 0; i < 5000; i++)
		strbuf_addch(&in, 'x');
	strbuf_addstr(&in, "\n");
	expect(in.buf, in.len, &line,
	       "1: a|b\nerror 2:0 line longer than 4500 bytes\n");
	strbuf_reset(&in);
	strbuf_addstr(&in, "a,b\n1,\"");
	for (int i = 0; i < (1 << 20) + 10; i++)
		strbuf_addch(&in, 'x');
	strbuf_addstr(&in, "\"\n");
	transcript_check(in.buf, in.len, &mib,
			 "1: a|b\nerror 2:3 field longer than 1 MiB\n");
	/* a cap that is not whole MiB is told in bytes */
	struct limits odd = { (1 << 20) + 5, 0, 0, 0 };
	transcript_check(in.buf, in.len, &odd,
			 "1: a|b\nerror 2:3 field longer than 1048581 bytes\n");
	strbuf_release(&in);
}

/* Appends n copies of c. */
static void repeat(struct strbuf *sb, char c, size_t n)
{
	while (n--)
		strbuf_addch(sb, c);
}

/*
 * Lines longer than the part the reader parses at a time (64 KiB): the
 * record is assembled across parts, errors keep their line and column,
 * and the rest of a bad line is skipped, not read as a record.
 */
static void lines_in_parts(void **state)
{
	struct strbuf in = STRBUF_INIT, want = STRBUF_INIT, got = STRBUF_INIT;
	static const size_t sizes[] = { 4096, 65536, 1 << 20 };

	(void)state;
	/* a 200 KiB quoted field with delimiters in it, then two lines */
	strbuf_addstr(&in, "a,b\n\"");
	repeat(&in, 'x', 100000);
	strbuf_addch(&in, ',');
	repeat(&in, 'y', 100000);
	strbuf_addstr(&in, "\",B\n3,4\n");
	strbuf_addstr(&want, "1: a|b\n2: ");
	repeat(&want, 'x', 100000);
	strbuf_addch(&want, ',');
	repeat(&want, 'y', 100000);
	strbuf_addstr(&want, "|B\n3: 3|4\n");
	for (size_t i = 0; i < 3; i++) {
		strbuf_reset(&got);
		transcript(in.buf, in.len, sizes[i], NULL, &got);
		assert_string_equal(got.buf, want.buf);
	}
	/* a stray quote 150 000 characters into a line, then a good line */
	strbuf_reset(&in);
	strbuf_addstr(&in, "a,b\n1,");
	repeat(&in, 'x', 150000);
	strbuf_addstr(&in, "\"z,");
	repeat(&in, 'w', 100000);
	strbuf_addstr(&in, "\n3,4\n");
	for (size_t i = 0; i < 3; i++) {
		strbuf_reset(&got);
		transcript(in.buf, in.len, sizes[i], NULL, &got);
		assert_string_equal(got.buf,
				    "1: a|b\nerror 2:150003 stray quote in an "
				    "unquoted field\n3: 3|4\n");
	}
	strbuf_release(&in);
	strbuf_release(&want);
	strbuf_release(&got);
}

static void open_errors(void **state)
{
	struct csvin_opts o;
	struct csvin r;
	struct captured cap;

	(void)state;
	csvin_opts_init(&o);
	capture_start(&cap);
	assert_int_equal(csvin_open(&r, "/nonexistent/x.csv", &o), -1);
	csvin_close(&r);
	assert_int_equal(csvin_open(&r, "/tmp", &o), -1);
	csvin_close(&r);
	assert_string_equal(cap.text.buf,
			    "error 0:0 cannot open: No such file or directory\n"
			    "error 0:0 is a directory, not a file\n");
	capture_stop(&cap);
}

static void field_locations(void **state)
{
	static const char in[] = "a,b,c\n\"x\ny\",  \"å\",z\n";
	struct csvin_opts o;
	struct csvin r;
	struct csvin_row row;
	char *path = temp_file(in, sizeof(in) - 1);
	struct kmap_loc loc;

	(void)state;
	csvin_opts_init(&o);
	assert_int_equal(csvin_open(&r, path, &o), 0);
	assert_int_equal(csvin_next(&r, &row), CSVIN_ROW);
	assert_int_equal(csvin_next(&r, &row), CSVIN_ROW);
	assert_int_equal(row.line, 2);
	loc = csvin_field_loc(&r, &row, 0);
	assert_int_equal(loc.line, 2);
	assert_int_equal(loc.col, 1);
	loc = csvin_field_loc(&r, &row, 1);
	assert_int_equal(loc.line, 3);
	assert_int_equal(loc.col, 6);
	loc = csvin_field_loc(&r, &row, 2);
	assert_int_equal(loc.line, 3);
	assert_int_equal(loc.col, 10);
	assert_int_equal(csvin_next(&r, &row), CSVIN_EOF);
	csvin_close(&r);
	temp_remove(path);

	/* CR-only line ends inside a quoted field count as lines too */
	static const char cr[] = "a,b,c\r\"x\ry\",  \"å\",z\r";
	path = temp_file(cr, sizeof(cr) - 1);
	assert_int_equal(csvin_open(&r, path, &o), 0);
	assert_int_equal(csvin_next(&r, &row), CSVIN_ROW);
	assert_int_equal(csvin_next(&r, &row), CSVIN_ROW);
	loc = csvin_field_loc(&r, &row, 1);
	assert_int_equal(loc.line, 3);
	assert_int_equal(loc.col, 6);
	csvin_close(&r);
	temp_remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_endings),
		cmocka_unit_test(blank_lines_keep_numbers),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(delimiters),
		cmocka_unit_test(encodings),
		cmocka_unit_test(control_characters),
		cmocka_unit_test(limits),
		cmocka_unit_test(more_encodings),
		cmocka_unit_test(decoder_notes_at_their_line),
		cmocka_unit_test(long_lines),
		cmocka_unit_test(lines_in_parts),
		cmocka_unit_test(open_errors),
		cmocka_unit_test(field_locations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
