/*
 * libFuzzer: bytes -> the workbook reader (zip, XML, styles, strings,
 * every sheet's rows). Small limits keep each run short; the caps are the
 * same code at any size. The oracle: no crash, leak or hang; rows in
 * ascending order with cells in ascending columns within XFD1048576 and
 * NUL-free text; a failed sheet stays failed. Then the same file goes
 * through the loader as kmap's commands read it (load_file(): every
 * sheet's header, rows, fills as ratings), which must not crash or leak
 * and must count no more records than it has cells.
 */
#include <string.h>
#include <zip.h>

#include "fuzz_common.h"
#include "kmap/dataset.h"
#include "kmap/load.h"
#include "kmap/scale.h"
#include "kmap/workbook.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char wb_xml[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
	"2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"
	"officeDocument/2006/relationships\"><sheets><sheet name=\"S\" "
	"sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
	"2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://"
	"schemas.openxmlformats.org/officeDocument/2006/relationships/"
	"worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";

static void add(zip_t *z, const char *name, const void *p, size_t n)
{
	zip_source_t *s = zip_source_buffer(z, p, n, 0);

	if (!s || zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0)
		abort();
}

/*
 * With a first byte of 1 or 2 the rest is one part of a workbook, zipped
 * here, so that mutations reach the XML instead of breaking a CRC: 1 an
 * xlsx sheet (its merged ranges, cells and strings), 2 an ods
 * content.xml. A part may be split at a NUL: 1 then gives the shared
 * strings after it, 2 the styles.xml. Returns a malloc'd zip in *out.
 */
static size_t wrap(const unsigned char *d, size_t n, int mode,
		   unsigned char **out)
{
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	const unsigned char *nul = memchr(d, 0, n);
	size_t first = nul ? (size_t)(nul - d) : n;
	zip_stat_t st;
	zip_t *z;

	zip_source_keep(src);
	z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
	if (!z)
		abort();
	if (mode == 1) {
		add(z, "xl/workbook.xml", wb_xml, sizeof(wb_xml) - 1);
		add(z, "xl/_rels/workbook.xml.rels", rels_xml,
		    sizeof(rels_xml) - 1);
		add(z, "xl/worksheets/sheet1.xml", d, first);
		if (nul)
			add(z, "xl/sharedStrings.xml", nul + 1, n - first - 1);
	} else {
		add(z, "mimetype",
		    "application/vnd.oasis.opendocument."
		    "spreadsheet",
		    46);
		add(z, "content.xml", d, first);
		if (nul)
			add(z, "styles.xml", nul + 1, n - first - 1);
	}
	if (zip_close(z) < 0 || zip_source_stat(src, &st) < 0 ||
	    zip_source_open(src) < 0)
		abort();
	*out = malloc(st.size ? st.size : 1);
	if (zip_source_read(src, *out, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	return st.size;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct wbin_opts o;
	struct wbin *wb;
	unsigned char *zipped = NULL;
	char path[64];
	int fd;

	wbin_opts_init(&o);
	o.max_entry_bytes = 8 << 20;
	o.max_total_bytes = 32 << 20;
	o.max_strings = 1 << 16;
	o.max_string_bytes = 1 << 20;
	o.max_cells = 1 << 18;
	o.max_expanded = 1 << 16;
	o.max_merges = 1 << 12;
	o.max_cell_bytes = 1 << 16;
	o.max_token = 1 << 20;
	if (size && (data[0] == 1 || data[0] == 2)) {
		size = wrap(data + 1, size - 1, data[0], &zipped);
		data = zipped;
	}
	fd = fuzz_file(data, size, path, sizeof(path));
	diag_set_sink(fuzz_discard, NULL);
	if (wbin_open(path, &o, &wb) == 0) {
		size_t n = wbin_nsheets(wb);
		for (size_t i = 0; i < n && i < 8; i++) {
			/* the last sheet first: offsets into content.xml */
			size_t k = (i + n - 1) % n;
			struct wbin_row row;
			unsigned long last = 0;
			int st;
			if (!wbin_sheet(wb, k)->name)
				abort();
			if (wbin_sheet_open(wb, k))
				continue;
			while ((st = wbin_next_row(wb, &row)) == WBIN_ROW) {
				if (row.row <= last || row.row > 1048576 ||
				    !row.ncells)
					abort();
				last = row.row;
				for (size_t c = 0; c < row.ncells; c++) {
					const struct wbin_cell *x =
						&row.cells[c];
					if (!x->col || x->col > 16384 ||
					    (c &&
					     x->col <= row.cells[c - 1].col) ||
					    strlen(x->text) != x->len)
						abort();
				}
			}
			if (st == WBIN_FATAL &&
			    wbin_next_row(wb, &row) != WBIN_FATAL)
				abort();
		}
		wbin_close(wb);
	}
	/* the loader on the same file, as a command reads it */
	struct dataset ds;
	struct load_opts lo;
	dataset_init(&ds, scale_default());
	load_opts_init(&lo);
	/* smaller still: a header row is mapped cell by cell, 20 times
	 * while the header is looked for below titles */
	o.max_cells = 1 << 14;
	o.max_expanded = 1 << 12;
	lo.wbin = &o;
	lo.all_errors = size && (data[size - 1] & 1); /* validate or stop */
	load_file(&ds, path, &lo);
	for (uint32_t i = 0; i < ds.ninputs; i++)
		if (ds.inputs[i].records > (uint64_t)1 << 14)
			abort();
	dataset_release(&ds);
	diag_set_sink(NULL, NULL);
	close(fd);
	free(zipped);
	return 0;
}
