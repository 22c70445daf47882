/*
 * arena.h - a bump allocator for strings that live for the whole run.
 *
 * Names, labels and comments are copied into one arena and freed together
 * by arena_release (git's mem-pool). Nothing allocated from an arena is
 * freed on its own; pointers stay valid until arena_release.
 */
#ifndef KMAP_ARENA_H
#define KMAP_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head; /* newest block first */
	size_t used;		  /* bytes used in head */
	size_t total;		  /* bytes handed out, for statistics */
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void arena_init(struct arena *a);
void arena_release(struct arena *a);
/* Returns len bytes aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t len);
/* Returns a NUL-terminated copy of len bytes. */
char *arena_memdup(struct arena *a, const void *p, size_t len);
char *arena_strdup(struct arena *a, const char *s);

#endif
