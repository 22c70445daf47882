/*
 * fuzz_common.h - shared by kmap's libFuzzer targets: the input becomes a
 * file (memfd) that kmap opens by path like any other, and its first
 * byte picks the reader's options so that every encoding, delimiter and
 * read size is reached.
 */
#ifndef KMAP_FUZZ_COMMON_H
#define KMAP_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kmap/csvin.h"
#include "kmap/diag.h"

static void fuzz_discard(void *ctx, const struct diag_msg *m)
{
	(void)ctx;
	(void)m;
}

/* Writes data to a memfd; returns its fd and its path in path. */
static int fuzz_file(const unsigned char *data, size_t size, char *path,
		     size_t psize)
{
	int fd = memfd_create("kmap-fuzz", 0);

	if (fd < 0)
		abort();
	for (size_t off = 0; off < size;) {
		ssize_t n = write(fd, data + off, size - off);
		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	snprintf(path, psize, "/proc/self/fd/%d", fd);
	return fd;
}

/* Options from the first byte: encoding, delimiter, read size. */
static void fuzz_options(unsigned char b, struct csvin_opts *o)
{
	static const enum kmap_encoding enc[] = { KMAP_ENC_AUTO, KMAP_ENC_UTF8,
						  KMAP_ENC_UTF16,
						  KMAP_ENC_CP1252 };
	static const int delim[] = { 0, ',', ';', '\t' };
	static const size_t reads[] = { 7, 64, 4096, 65536 };

	csvin_opts_init(o);
	o->encoding = enc[b & 3];
	o->delimiter = delim[(b >> 2) & 3];
	o->read_size = reads[(b >> 4) & 3];
	o->max_field = 4096; /* keep runs small; the caps are the same code */
	o->max_record = 65536;
}

#endif
