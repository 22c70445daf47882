/*
 * workbook_zip.c - a zip entry of the workbook read within the limits
 * (struct wbin_opts): the size the central directory declares, the
 * bytes it actually unpacks to, per entry and for the whole archive,
 * and its compression ratio once past ratio_floor, so that a zip bomb
 * is refused after a chunk or two instead of inflated; encrypted
 * entries are named as such.
 */
#include <string.h>

#include "kmap/xalloc.h"
#include "workbook_internal.h"

/* ---- zip entries ---- */

/* fmt: "cannot open '%s' in the archive: %s" and the like */
static int zip_failed(struct wbin *wb, const char *fmt, const char *name,
		      zip_error_t *ze)
{
	return kmap_error_at(&wb->loc, fmt, name, zip_error_strerror(ze));
}

int wb_entry_exists(const struct wbin *wb, const char *name)
{
	return zip_name_locate(wb->za, name, ZIP_FL_NOCASE) >= 0;
}

int wb_entry_open(struct wbin *wb, const char *name, const struct kmap_loc *loc,
		  struct wb_entry *e)
{
	zip_int64_t idx = zip_name_locate(wb->za, name, ZIP_FL_NOCASE);
	zip_stat_t zs;

	memset(e, 0, sizeof(*e));
	e->size = UINT64_MAX;
	e->loc = loc;
	if (idx < 0)
		return 1;
	e->name = zip_get_name(wb->za, (zip_uint64_t)idx, ZIP_FL_ENC_GUESS);
	if (!e->name)
		e->name = name;
	zip_stat_init(&zs);
	if (zip_stat_index(wb->za, (zip_uint64_t)idx, 0, &zs) == 0) {
		e->size = (zs.valid & ZIP_STAT_SIZE) ? zs.size : UINT64_MAX;
		if ((zs.valid & ZIP_STAT_SIZE) &&
		    zs.size > wb->opts.max_entry_bytes)
			return kmap_error_at(
				loc,
				"'%s' in the archive would "
				"unpack to more than %llu MiB",
				e->name,
				(unsigned long long)(wb->opts.max_entry_bytes >>
						     20));
		if (zs.valid & ZIP_STAT_COMP_SIZE)
			e->comp = zs.comp_size;
	}
	if (wb->kept.complete && !strcmp(wb->kept.name, e->name)) {
		e->mem = wb->kept.buf;
		e->mem_len = wb->kept.len;
		return 0;
	}
	e->zf = zip_fopen_index(wb->za, (zip_uint64_t)idx, 0);
	if (!e->zf) {
		zip_error_t *ze = zip_get_error(wb->za);
		if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
		    zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD)
			return kmap_error_at(loc,
					     "'%s' in the archive is encrypted",
					     e->name);
		return zip_failed(wb, N_("cannot open '%s' in the archive: %s"),
				  e->name, ze);
	}
	return 0;
}

void wb_kept_release(struct wbin *wb)
{
	free(wb->kept.name);
	free(wb->kept.buf);
	memset(&wb->kept, 0, sizeof(wb->kept));
}

void wb_entry_keep(struct wbin *wb, struct wb_entry *e)
{
	wb_kept_release(wb);
	/* (wb_entry_open() refused a size over max_entry_bytes) */
	if (!e->zf || e->size > wb->opts.max_kept_bytes)
		return;
	wb->kept.name = xstrdup(e->name);
	wb->kept.cap = (size_t)e->size + 1;
	wb->kept.buf = xmalloc(wb->kept.cap);
	e->keep = 1;
}

/* Copies the n bytes just read to wb->kept; a read past the size the
 * entry declared stops the keeping (the limits then say the rest). */
static void keep_read(struct wbin *wb, struct wb_entry *e, const char *buf,
		      size_t n)
{
	if (n > wb->kept.cap - 1 - wb->kept.len) {
		wb_kept_release(wb);
		e->keep = 0;
		return;
	}
	memcpy(wb->kept.buf + wb->kept.len, buf, n);
	wb->kept.len += n;
	if (!n)
		wb->kept.complete = 1;
}

long wb_entry_read(struct wbin *wb, struct wb_entry *e, char *buf, size_t size)
{
	zip_int64_t n;

	if (e->mem) {
		n = (zip_int64_t)(size < e->mem_len - e->got
					  ? size
					  : e->mem_len - e->got);
		memcpy(buf, e->mem + e->got, (size_t)n);
	} else {
		n = zip_fread(e->zf, buf, size);
	}
	if (n < 0)
		return zip_failed(wb, N_("cannot read '%s' in the archive: %s"),
				  e->name, zip_file_get_error(e->zf));
	if (e->keep)
		keep_read(wb, e, buf, (size_t)n);
	e->got += (uint64_t)n;
	wb->total += (uint64_t)n;
	if (e->got > wb->opts.max_entry_bytes)
		return kmap_error_at(
			e->loc,
			"'%s' in the archive unpacks to more than "
			"%llu MiB",
			e->name,
			(unsigned long long)(wb->opts.max_entry_bytes >> 20));
	if (wb->total > wb->opts.max_total_bytes)
		return kmap_error_at(
			e->loc,
			"the archive unpacks to more than %llu "
			"MiB",
			(unsigned long long)(wb->opts.max_total_bytes >> 20));
	if (e->got > wb->opts.ratio_floor &&
	    e->got / wb->opts.max_ratio > e->comp)
		return kmap_error_at(e->loc,
				     "'%s' in the archive unpacks to over %u "
				     "times its size (a zip bomb?)",
				     e->name, wb->opts.max_ratio);
	return (long)n;
}

void wb_entry_close(struct wb_entry *e)
{
	if (e->zf)
		zip_fclose(e->zf);
	e->zf = NULL;
	e->mem = NULL;
	e->keep = 0;
}
