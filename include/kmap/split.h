/*
 * split.h - where to cut a large file so that two threads can read it.
 *
 * libcsv parses one byte at a time, so on a large file reading is most of
 * the work. For a regular file of at least KMAP_SPLIT_MIN bytes (16 MiB
 * unless the environment says otherwise) split_plan() guesses, from a
 * look at the bytes just past the middle only, an offset where a record
 * starts: a line start after which the text reads as records. It reads
 * nothing before the middle, so the first record is read (and the first
 * error reported) as soon as in a sequential read. The decoder state it
 * gives the second part is the main reader's at the time: whether the
 * file has turned out UTF-8 or Windows-1252 so far.
 *
 * Both are guesses: the loader (load_split.c) reads the second part
 * speculatively in a helper thread, and the main thread, on reaching the
 * offset, merges it only when it is sure the result equals a sequential
 * read - the offset is a record boundary for it, the rest of the first
 * part decided the encoding as the part assumed - and reads the part
 * itself otherwise; see "Split reading" in doc/ARCHITECTURE.md.
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
 * -1 when it is too small, not a regular file, has already failed to
 * decode, or has no line start past the middle that reads as records
 * within 1 MiB.
 */
int split_plan(const struct csvin *r, struct split_plan *plan);

#endif
