/*
 * diag_list.h - diagnostics kept as data: the messages a command meets
 * while it works, collected through a diag sink (diag.h) so that its
 * output can show them as well as, or instead of, stderr.
 *
 * kmap validate keeps the errors and warnings as its findings and prints
 * only the notes; kmap report prints every message as usual and keeps
 * the warnings for its data-quality section. One list does both: keep
 * and echo say, per severity, what is kept and what is printed the way
 * it would be without a sink. Every error and warning is counted, kept
 * or not.
 *
 * Ownership: the list owns copies of each kept message's text, hint and
 * file name; diag_list_release frees them.
 */
#ifndef KMAP_DIAG_LIST_H
#define KMAP_DIAG_LIST_H

#include <stddef.h>

#include "kmap/diag.h"

/* The bit of a severity in keep and echo. */
#define DIAG_BIT(sev) (1u << (sev))

struct diag_item {
	enum diag_severity severity;
	struct kmap_loc loc; /* loc.file is the list's copy, or NULL */
	char *text;
	char *hint; /* NULL when there is none */
};

struct diag_list {
	struct diag_item *v; /* in the order met */
	size_t n, cap;
	unsigned keep; /* DIAG_BIT()s of the severities kept */
	unsigned echo; /* DIAG_BIT()s of the severities also printed */
	unsigned long errors, warnings; /* all met, kept or not */
};

/* An empty list that keeps and prints the severities in the masks. */
void diag_list_init(struct diag_list *l, unsigned keep, unsigned echo);
/* Frees the kept messages; an all-zero or released list is fine. */
void diag_list_release(struct diag_list *l);

/*
 * A diag_sink_fn whose ctx is a struct diag_list: counts m, keeps a copy
 * when keep has its severity, prints it (diag_print) when echo has.
 * Install it with diag_set_sink(diag_list_sink, &list).
 */
void diag_list_sink(void *ctx, const struct diag_msg *m);

#endif
