/*
 * diag_list.c - diagnostics kept as data (diag_list.h).
 */
#include <stdlib.h>
#include <string.h>

#include "kmap/diag_list.h"
#include "kmap/xalloc.h"

void diag_list_init(struct diag_list *l, unsigned keep, unsigned echo)
{
	memset(l, 0, sizeof(*l));
	l->keep = keep;
	l->echo = echo;
}

void diag_list_release(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free((char *)l->v[i].loc.file);
		free(l->v[i].text);
		free(l->v[i].hint);
	}
	free(l->v);
	diag_list_init(l, l->keep, l->echo);
}

static void keep(struct diag_list *l, const struct diag_msg *m)
{
	struct diag_item *it;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	it = &l->v[l->n++];
	it->severity = m->severity;
	it->loc = m->loc;
	it->loc.file = m->loc.file ? xstrdup(m->loc.file) : NULL;
	it->text = xstrdup(m->text);
	it->hint = m->hint ? xstrdup(m->hint) : NULL;
}

void diag_list_sink(void *ctx, const struct diag_msg *m)
{
	struct diag_list *l = ctx;

	if (m->severity == DIAG_ERROR)
		l->errors++;
	else if (m->severity == DIAG_WARNING)
		l->warnings++;
	if (l->keep & DIAG_BIT(m->severity))
		keep(l, m);
	if (l->echo & DIAG_BIT(m->severity))
		diag_print(m);
}
