/*
 * critical_view_internal.h - what the files of kmap critical's view
 * share: critical_view.c (the tables, and the output in each format) and
 * critical_view_json.c (the kmap.critical/2 document). Only
 * src/critical_view*.c include it.
 */
#ifndef KMAP_CRITICAL_VIEW_INTERNAL_H
#define KMAP_CRITICAL_VIEW_INTERNAL_H

#include <stdio.h>

#include "kmap/critical_view.h"

/* Which of the ranking is shown, and how. */
struct shown {
	double threshold;    /* for the title */
	unsigned long top;   /* 0: all */
	int only_critical;   /* the report shows the critical ones only */
	int long_form;	     /* --long: the tables per period too */
	uint32_t min_raters; /* for the heading of those set apart */
};

/* The first top of the ranked, and of those set apart. */
static inline int shown(const struct shown *co, const struct crit *c)
{
	return (!co->top || c->place <= co->top) &&
	       (!co->only_critical || c->critical);
}

/* The kmap.critical/2 document of what co shows, into fp. */
void critical_view_json(FILE *fp, const struct crit_list *cl,
			const struct shown *co);

#endif
