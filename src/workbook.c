/*
 * The workbook reader's front: the default limits, opening the file and
 * recognising what it is (an .xlsx, an .ods, or one of the files that
 * are refused with a reason: .xls and other OLE2 files, .xlsb, other
 * OpenDocument and Office files, other zip archives), and closing it.
 * The rest is in workbook_zip.c (entries within the limits),
 * workbook_xml.c (expat), workbook_stream.c (a sheet's rows) and the
 * format modules workbook_xlsx*.c and workbook_ods.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kmap/xalloc.h"
#include "workbook_internal.h"

void wbin_opts_init(struct wbin_opts *o)
{
	o->max_entry_bytes = 256ULL << 20;
	o->max_total_bytes = 1ULL << 30;
	o->max_ratio = 200;
	o->ratio_floor = 1ULL << 20;
	o->max_strings = 2U << 20;
	o->max_string_bytes = 64U << 20;
	o->max_styles = 65536;
	o->max_depth = 256;
	o->max_token = 16U << 20;
	o->max_cells = 16ULL << 20;
	o->max_expanded = 1ULL << 20;
	o->max_merges = 1U << 20;
	o->max_cell_bytes = 1U << 20;
	o->max_sheets = 4096;
	o->max_kept_bytes = 32ULL << 20;
}

void wb_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n;

	if (need <= *cap)
		return;
	n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*p = xreallocarray(*p, n, size);
	*cap = n;
}

/* ---- recognising the file ---- */

enum wbin_sniff wbin_sniff(const void *head, size_t len)
{
	static const unsigned char cfb[] = { 0xD0, 0xCF, 0x11, 0xE0,
					     0xA1, 0xB1, 0x1A, 0xE1 };
	const unsigned char *h = head;

	if (len >= 4 && h[0] == 'P' && h[1] == 'K' &&
	    ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6) ||
	     (h[2] == 7 && h[3] == 8)))
		return WBIN_SNIFF_ZIP;
	if (len >= 8 && !memcmp(h, cfb, 8))
		return WBIN_SNIFF_CFB;
	return WBIN_SNIFF_NONE;
}

enum cfb_kind { CFB_OTHER, CFB_XLS, CFB_ENCRYPTED };

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Whether the directory entry's UTF-16LE name is the ASCII word w. */
static int cfb_name_is(const unsigned char *ent, const char *w)
{
	size_t n = (size_t)(ent[0x40] | ent[0x41] << 8);
	size_t wl = strlen(w);

	if (n != 2 * (wl + 1) || n > 64)
		return 0;
	for (size_t i = 0; i < wl; i++)
		if ((ent[2 * i] | 0x20) != (w[i] | 0x20) || ent[2 * i + 1])
			return 0;
	return 1;
}

/*
 * What an OLE2 compound file holds, from the names in its directory:
 * EncryptionInfo (an encrypted OOXML workbook), Workbook or Book (BIFF,
 * .xls). Follows the directory's chain through the first 109 FAT sectors
 * that the header lists, at most 512 sectors.
 */
static enum cfb_kind cfb_kind(int fd)
{
	unsigned char hdr[512], *sec = NULL;
	enum cfb_kind kind = CFB_OTHER;
	unsigned shift;
	size_t ssz;
	uint32_t s;

	if (pread(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr))
		return kind;
	shift = (unsigned)(hdr[0x1E] | hdr[0x1F] << 8);
	if (shift != 9 && shift != 12)
		return kind;
	ssz = (size_t)1 << shift;
	sec = xmalloc(ssz);
	s = le32(hdr + 0x30);
	for (int hops = 0; hops < 512 && s < 0xFFFFFFFAU; hops++) {
		off_t at = ((off_t)s + 1) << shift;
		uint32_t per = (uint32_t)(ssz / 4), fat_sec;
		unsigned char ent[4];
		if (pread(fd, sec, ssz, at) != (ssize_t)ssz)
			break;
		for (size_t e = 0; e + 128 <= ssz; e += 128) {
			if (cfb_name_is(sec + e, "EncryptionInfo") ||
			    cfb_name_is(sec + e, "EncryptedPackage"))
				kind = CFB_ENCRYPTED;
			else if (kind == CFB_OTHER &&
				 (cfb_name_is(sec + e, "Workbook") ||
				  cfb_name_is(sec + e, "Book")))
				kind = CFB_XLS;
		}
		if (kind == CFB_ENCRYPTED || s / per >= 109)
			break;
		fat_sec = le32(hdr + 0x4C + 4 * (s / per));
		if (fat_sec >= 0xFFFFFFFAU)
			break;
		if (pread(fd, ent, 4,
			  (((off_t)fat_sec + 1) << shift) + 4 * (s % per)) != 4)
			break;
		s = le32(ent);
	}
	free(sec);
	return kind;
}

static int refuse_cfb(struct wbin *wb, int fd)
{
	switch (cfb_kind(fd)) {
	case CFB_ENCRYPTED:
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("remove the password in Excel (File > Info > "
			       "Protect Workbook) and save it as .xlsx"),
			    "the workbook is encrypted (password-protected); "
			    "kmap cannot read it");
		break;
	case CFB_XLS:
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("open it in Excel or LibreOffice and save it as "
			       ".xlsx (Excel Workbook)"),
			    "this is an Excel 97-2003 workbook (.xls), which "
			    "kmap does not read");
		break;
	default:
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("save it as .xlsx (Excel Workbook)"),
			    "this is an old Office (OLE2) file, not an .xlsx "
			    "or .ods workbook");
		break;
	}
	return -1;
}

static int read_mimetype(struct wbin *wb, char *buf, size_t size)
{
	struct wb_entry e;
	long n;
	size_t len = 0;
	int rc = wb_entry_open(wb, "mimetype", &wb->loc, &e);

	buf[0] = '\0';
	if (rc)
		return rc;
	while (len + 1 < size &&
	       (n = wb_entry_read(wb, &e, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	wb_entry_close(&e);
	return 0;
}

static int detect(struct wbin *wb)
{
	char mime[128];

	if (wb_entry_exists(wb, "xl/workbook.xml")) {
		wb->format = WBIN_XLSX;
		return 0;
	}
	if (wb_entry_exists(wb, "xl/workbook.bin")) {
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("save it as .xlsx (Excel Workbook)"),
			    "this is an Excel binary workbook (.xlsb), which "
			    "kmap does not read");
		return -1;
	}
	if (read_mimetype(wb, mime, sizeof(mime)) < 0)
		return -1;
	if (!strncmp(mime, "application/vnd.oasis.opendocument.spreadsheet",
		     46) &&
	    (!mime[46] || !strcmp(mime + 46, "-template"))) {
		if (!wb_entry_exists(wb, "content.xml"))
			return kmap_error_at(&wb->loc,
					     "the OpenDocument spreadsheet "
					     "has no content.xml");
		wb->format = WBIN_ODS;
		return 0;
	}
	if (!strncmp(mime, "application/vnd.oasis.opendocument.", 35)) {
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("save it as an OpenDocument spreadsheet (.ods) "
			       "or as .xlsx"),
			    "this is an OpenDocument file but not a "
			    "spreadsheet ('%.60s')",
			    mime + 35);
		return -1;
	}
	if (!mime[0] && wb_entry_exists(wb, "content.xml") &&
	    wb_entry_exists(wb, "META-INF/manifest.xml")) {
		/* an ods with its mimetype entry lost */
		wb->format = WBIN_ODS;
		return 0;
	}
	if (wb_entry_exists(wb, "word/document.xml") ||
	    wb_entry_exists(wb, "ppt/presentation.xml")) {
		diag_report(DIAG_ERROR, &wb->loc, NULL,
			    "this is a Word or PowerPoint file, not a "
			    "workbook");
		return -1;
	}
	diag_report(DIAG_ERROR, &wb->loc,
		    N_("kmap reads .xlsx and .ods workbooks and CSV files"),
		    "this zip archive is not a workbook (it has neither "
		    "xl/workbook.xml nor an OpenDocument spreadsheet's "
		    "content.xml)");
	return -1;
}

int wbin_open(const char *path, const struct wbin_opts *opts, struct wbin **out)
{
	struct wbin *wb = xcalloc(1, sizeof(*wb));
	unsigned char head[8];
	struct stat st;
	ssize_t n;
	int fd, zerr = 0, rc;

	*out = NULL;
	wb->path = xstrdup(path);
	wb->loc.file = wb->path;
	if (opts)
		wb->opts = *opts;
	else
		wbin_opts_init(&wb->opts);
	if (!wb->opts.max_ratio)
		wb->opts.max_ratio = 1;
	wb->cur = SIZE_MAX;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		kmap_error("cannot open '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			kmap_error_at(&wb->loc, "is a directory");
		else
			kmap_error_at(&wb->loc, "not a regular file (a "
						"workbook is read from a "
						"file)");
		close(fd);
		goto fail;
	}
	n = pread(fd, head, sizeof(head), 0);
	switch (wbin_sniff(head, n > 0 ? (size_t)n : 0)) {
	case WBIN_SNIFF_CFB:
		refuse_cfb(wb, fd);
		close(fd);
		goto fail;
	case WBIN_SNIFF_NONE:
		diag_report(
			DIAG_ERROR, &wb->loc,
			N_("kmap reads .xlsx and .ods workbooks and CSV files"),
			"not a workbook (no zip archive)");
		close(fd);
		goto fail;
	default:
		break;
	}
	wb->za = zip_fdopen(fd, ZIP_RDONLY, &zerr);
	if (!wb->za) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		diag_report(DIAG_ERROR, &wb->loc,
			    N_("the file may be truncated (an interrupted copy "
			       "or download); open and save it again"),
			    "cannot read the workbook's zip archive: %s",
			    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		close(fd);
		goto fail;
	}
	if (detect(wb) < 0)
		goto fail;
	rc = wb->format == WBIN_XLSX ? xlsx_open(wb) : ods_open(wb);
	if (rc < 0)
		goto fail;
	*out = wb;
	return 0;
fail:
	wbin_close(wb);
	return -1;
}

void wbin_close(struct wbin *wb)
{
	if (!wb)
		return;
	wb_stream_close(wb);
	xlsx_release(wb);
	ods_release(wb);
	for (size_t i = 0; i < wb->nsheets; i++) {
		free(wb->sheets[i].name);
		free(wb->sheets[i].locname);
		free(wb->sheets[i].part);
	}
	free(wb->sheets);
	if (wb->za)
		zip_discard(wb->za);
	free(wb->path);
	free(wb);
}

enum wbin_format wbin_format(const struct wbin *wb)
{
	return wb->format;
}

size_t wbin_nsheets(const struct wbin *wb)
{
	return wb->nsheets;
}

const struct wbin_sheet *wbin_sheet(const struct wbin *wb, size_t i)
{
	return i < wb->nsheets ? &wb->sheets[i].pub : NULL;
}
