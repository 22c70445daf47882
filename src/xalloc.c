#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/kmap.h"
#include "kmap/xalloc.h"

static unsigned long fail_at;	  /* 0 = never fail */
static unsigned long alloc_count; /* allocations so far */
/* per thread: the two parts of a split file are read at once */
static _Thread_local size_t csv_cap = SIZE_MAX;
static _Thread_local int csv_cap_hit;
static void (*oom_hook)(void);

static int counting; /* KMAP_COUNT_ALLOC: report the count at exit */

static void report_count(void)
{
	fprintf(stderr, "kmap: allocations: %lu\n", alloc_count);
}

void xalloc_init_from_env(void)
{
	const char *s = getenv("KMAP_FAIL_ALLOC");

	if (s && *s)
		fail_at = strtoul(s, NULL, 10);
	s = getenv("KMAP_COUNT_ALLOC");
	if (s && *s) {
		counting = 1;
		atexit(report_count);
	}
}

void xalloc_set_oom_hook(void (*hook)(void))
{
	oom_hook = hook;
}

/* Counts only when injecting or counting: files are not split then
 * (split.c), so the count is never touched by two threads. */
static int injected_failure(void)
{
	if (!fail_at && !counting)
		return 0;
	return ++alloc_count == fail_at;
}

void xalloc_die(void)
{
	if (oom_hook)
		oom_hook();
	fputs("kmap: error: out of memory\n", stderr);
	exit(KMAP_EXIT_INTERNAL);
}

void *xmalloc(size_t size)
{
	void *p = injected_failure() ? NULL : malloc(size ? size : 1);

	if (!p)
		xalloc_die();
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = injected_failure()
			  ? NULL
			  : calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		xalloc_die();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = injected_failure() ? NULL : realloc(ptr, size ? size : 1);

	if (!p)
		xalloc_die();
	return p;
}

void *xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		xalloc_die();
	return xrealloc(ptr, nmemb * size);
}

char *xmemdup(const void *p, size_t len)
{
	char *s = xmalloc(len + 1);

	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

void xalloc_set_csv_cap(size_t bytes)
{
	csv_cap = bytes;
}

int xalloc_csv_cap_hit(void)
{
	return csv_cap_hit;
}

void *xalloc_csv_realloc(void *ptr, size_t size)
{
	if (size > csv_cap) {
		csv_cap_hit = 1;
		return NULL;
	}
	csv_cap_hit = 0;
	if (injected_failure())
		return NULL;
	return realloc(ptr, size);
}
