/*
 * split.h - where to cut a large file so that two threads can read it.
 *
 * libcsv parses one byte at a time, so on a large file reading is most of
 * the work. For a regular file of at least KMAP_SPLIT_MIN bytes (16 MiB
 * unless the environment says otherwise) split_plan() picks an offset
 * near the middle where a line starts outside quotes (an even number of
 * quote characters before it), and the decoder state a sequential reader
 * would have there: whether the file has turned out to be UTF-8 or
 * Windows-1252, as decided at its first non-ASCII sequence.
 *
 * The loader (load.c) reads the second part speculatively in a helper
 * thread and merges it only when it is sure the result equals a
 * sequential read; see "split" in doc/ARCHITECTURE.md.
 */
#ifndef KMAP_SPLIT_H
#define KMAP_SPLIT_H

#include <stdint.h>

#include "kmap/csvin.h"

struct split_plan {
	uint64_t offset; /* first byte of the second part: a line start */
	enum kmap_encoding enc;
	int saw_multibyte, fell_back;
};

/*
 * Returns 0 and fills plan when r's file should be read in two parts;
 * -1 when it is too small, not a regular file, or has no line start
 * outside quotes past the middle.
 */
int split_plan(const struct csvin *r, struct split_plan *plan);

#endif
