/*
 * helpers.h - shared by the unit tests: temporary input files and a
 * diagnostics sink that records messages so tests can assert on them.
 */
#ifndef KMAP_TEST_HELPERS_H
#define KMAP_TEST_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kmap/diag.h"
#include "kmap/strbuf.h"

/* Writes len bytes to a new temporary file; returns its malloc'd path. */
static inline char *temp_file(const void *data, size_t len)
{
	char *path = strdup("/tmp/kmap-test-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return path;
}

static inline void temp_remove(char *path)
{
	unlink(path);
	free(path);
}

/* Collected diagnostics, one per line: "error 3:7 message". */
struct captured {
	struct strbuf text;
	int errors, warnings;
};

static inline void capture_sink(void *ctx, const struct diag_msg *m)
{
	struct captured *c = ctx;

	if (m->severity == DIAG_ERROR)
		c->errors++;
	else if (m->severity == DIAG_WARNING)
		c->warnings++;
	strbuf_addf(&c->text, "%s %lu:%lu %s\n",
		    m->severity == DIAG_ERROR	  ? "error"
		    : m->severity == DIAG_WARNING ? "warning"
						  : "note",
		    m->loc.line, m->loc.col, m->text);
}

static inline void capture_start(struct captured *c)
{
	strbuf_init(&c->text);
	c->errors = c->warnings = 0;
	diag_set_sink(capture_sink, c);
}

static inline void capture_stop(struct captured *c)
{
	diag_set_sink(NULL, NULL);
	strbuf_release(&c->text);
}

#endif
