/*
 * kmap.h - things every kmap module shares: the version, the exit codes
 * of SPEC §5 and a few small macros.
 */
#ifndef KMAP_KMAP_H
#define KMAP_KMAP_H

#include <stddef.h>

#ifndef KMAP_VERSION
#define KMAP_VERSION "0.1.0"
#endif

/* Exit codes, exactly as SPEC §5 and the README's table. */
enum kmap_exit {
	KMAP_EXIT_OK = 0,	/* success */
	KMAP_EXIT_FINDINGS = 1, /* validate found errors, diff found changes */
	KMAP_EXIT_USAGE = 2,	/* unknown command/option, bad option value */
	KMAP_EXIT_INPUT = 3,	/* unreadable, bad encoding, bad CSV or value */
	KMAP_EXIT_OUTPUT = 4,	/* cannot write, disk full, stdout closed */
	KMAP_EXIT_INTERNAL = 5, /* out of memory, bug */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define KMAP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define KMAP_NORETURN __attribute__((noreturn))
#else
#define KMAP_PRINTF(fmt, args)
#define KMAP_NORETURN
#endif

#endif
