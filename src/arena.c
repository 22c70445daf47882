#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/arena.h"
#include "kmap/xalloc.h"

enum { ARENA_BLOCK = 64 * 1024 };

struct arena_block {
	struct arena_block *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	if (!a)
		return;
	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	arena_init(a);
}

static void *alloc_aligned(struct arena *a, size_t len, size_t align)
{
	size_t start = (a->used + align - 1) & ~(align - 1);

	if (!a->head || start + len > a->head->size) {
		size_t size = len > ARENA_BLOCK / 4 ? len : ARENA_BLOCK;
		struct arena_block *b = xmalloc(sizeof(*b) + size);

		b->size = size;
		if (a->head && size != ARENA_BLOCK) {
			/* big one-off: keep the current block for small ones */
			b->next = a->head->next;
			a->head->next = b;
			a->total += len;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		start = 0;
	}
	a->used = start + len;
	a->total += len;
	return a->head->data + start;
}

void *arena_alloc(struct arena *a, size_t len)
{
	return alloc_aligned(a, len, alignof(max_align_t));
}

char *arena_memdup(struct arena *a, const void *p, size_t len)
{
	/* text needs no alignment: names are most of the memory of a run */
	char *s = alloc_aligned(a, len + 1, 1);

	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_memdup(a, s, strlen(s));
}
