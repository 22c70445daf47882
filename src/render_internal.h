/*
 * render_internal.h - what the table renderers (render_table.c for CSV
 * and markdown, render_text.c for the terminal table) share.
 */
#ifndef KMAP_RENDER_INTERNAL_H
#define KMAP_RENDER_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "kmap/render.h"
#include "kmap/strbuf.h"
#include "kmap/table.h"

/* Whether column col is right-aligned: numbers, or t->cols[col].right. */
int render_right_aligned(const struct table *t, size_t col);
/*
 * s on one line: a line break as " ↵ ", a TAB as a space; s itself when
 * there is nothing to change, else sb's text.
 */
const char *render_one_line(const char *s, struct strbuf *sb);
/* The terminal table, fitted to o->width (render.h). */
void render_text_table(FILE *fp, const struct table *t,
		       const struct render_opts *o);

#endif
