/*
 * heatmap_view.h - what kmap heatmap shows of the grid (heatmap.h, SPEC
 * §6): in a terminal the colour grid (render_heatmap_grid), in markdown
 * the grid as a table with a legend, in CSV one line per cell with its
 * counts, a self-contained HTML page, or the kmap.heatmap/1 JSON
 * document.
 *
 * A view decides what is shown and how it is headed, and hands tables
 * to a renderer (render.h, html.h); it never opens or commits output.
 *
 * Ownership: the view borrows the heatmap and, through it, the agg.
 */
#ifndef KMAP_HEATMAP_VIEW_H
#define KMAP_HEATMAP_VIEW_H

#include <stddef.h>
#include <stdio.h>

#include "kmap/heatmap.h"
#include "kmap/render.h"

/*
 * Writes kmap heatmap's output to fp in ro->format (ro->color for the
 * terminal grid, fitted to ro->width). counts: cells show the counts at
 * each level, not the modal letter.
 */
void heatmap_view_write(FILE *fp, const struct heatmap *hm, int counts,
			const struct render_opts *ro);

#endif
