/*
 * diff_view.h - what kmap diff shows of a comparison (diff.h): the
 * records that changed, were added or removed (and with comments, whose
 * comment changed), the group counts that differ, or the kmap.diff/1
 * JSON document.
 *
 * A view decides what is shown and how it is headed: it fills tables
 * (table.h) and hands them to a renderer (render.h), or writes JSON
 * through jsonout.h. It never opens or commits output.
 *
 * Ownership: the view borrows the diff and, through it, both datasets.
 */
#ifndef KMAP_DIFF_VIEW_H
#define KMAP_DIFF_VIEW_H

#include <stdio.h>

#include "kmap/diff.h"
#include "kmap/render.h"

/*
 * Writes kmap diff's output to fp in ro->format: "no differences", or
 * the records table then (except in CSV) the group counts; JSON is the
 * kmap.diff/1 document. comments: the diff compared comments, so they are
 * shown too.
 */
void diff_view_write(FILE *fp, const struct diff *d, int comments,
		     const struct render_opts *ro);

#endif
