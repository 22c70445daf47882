/*
 * hash.h - a fast non-cryptographic hash for short byte strings (names,
 * ratings) and for packed integer keys. Only used for in-memory tables;
 * nothing depends on its values across runs, and output order never
 * depends on it.
 */
#ifndef KMAP_HASH_H
#define KMAP_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static inline uint64_t hash_bytes(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (len * 0x100000001b3ULL);

	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ hash_mix(w)) * 0x100000001b3ULL;
		p += 8;
		len -= 8;
	}
	if (len) {
		uint64_t w = 0;
		memcpy(&w, p, len);
		h = (h ^ hash_mix(w)) * 0x100000001b3ULL;
	}
	return hash_mix(h);
}

#endif
