/*
 * xalloc.h - allocation that never returns NULL.
 *
 * Every allocation in kmap goes through these wrappers (libcsv's buffer
 * through xalloc_csv_realloc). On failure they print "out of memory" and
 * exit with KMAP_EXIT_INTERNAL after running the registered cleanup hook,
 * which removes any temporary output file: an out-of-memory run never
 * leaves a partial report behind.
 *
 * Test hooks: KMAP_FAIL_ALLOC=N in the environment makes the N-th
 * allocation fail (1-based), so that every failure path can be exercised;
 * KMAP_COUNT_ALLOC=1 prints the number of allocations at exit.
 */
#ifndef KMAP_XALLOC_H
#define KMAP_XALLOC_H

#include <stddef.h>

#include "kmap/kmap.h"

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of nmemb elements of size bytes, checking overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t len); /* NUL-terminated copy */

/*
 * libcsv's realloc hook: like realloc, but returns NULL (which libcsv turns
 * into CSV_ENOMEM) when the request exceeds the field cap set with
 * xalloc_set_csv_cap(), and counts towards KMAP_FAIL_ALLOC.
 */
void *xalloc_csv_realloc(void *ptr, size_t size);
void xalloc_set_csv_cap(size_t bytes);
/* Nonzero when the last xalloc_csv_realloc failure was the cap, not OOM. */
int xalloc_csv_cap_hit(void);

/*
 * The out-of-memory exit: runs the cleanup hook, prints "out of memory"
 * and exits with KMAP_EXIT_INTERNAL. Code that meets an allocation
 * failure outside these wrappers (libcsv's CSV_ENOMEM, cJSON returning
 * NULL) ends here too, so no temporary output is ever left behind.
 */
KMAP_NORETURN void xalloc_die(void);

/* Reads KMAP_FAIL_ALLOC; called once from main(). */
void xalloc_init_from_env(void);
/* Called before exiting on OOM (removes temporary output files). */
void xalloc_set_oom_hook(void (*hook)(void));

#endif
