/*
 * convert_view.h - kmap convert's output: the records the filters leave,
 * written back as CSV in the long or the wide layout, in a normal form -
 * names as shown, ratings as their labels, the current period marked
 * "Nuläge", rows in Swedish order - so that converting back gives the
 * same bytes as converting the original to its own layout.
 *
 *   long:  Region, Organisation, Yrke, Period, Bedömning, Kommentar
 *          (a comment on a whole wide row becomes a line with no period
 *          and no rating, which the loader reads back as such)
 *   wide:  Region, Organisation, Yrke, one column per period, Kommentar
 *          for whole-row comments, Kommentar <period> for the others
 *
 * Ownership: the view borrows the agg and its dataset, whose comments
 * must be sorted (dataset_sort_comments).
 */
#ifndef KMAP_CONVERT_VIEW_H
#define KMAP_CONVERT_VIEW_H

#include <stdint.h>
#include <stdio.h>

#include "kmap/agg.h"

enum convert_layout { CONVERT_LONG, CONVERT_WIDE };

/*
 * Writes the rows of a that hold a record in a period shown or a comment
 * on the whole row, in layout to, to fp. current: the period id written
 * as "Nuläge LABEL", -1 for none. excel: ';', a BOM and CRLF.
 */
void convert_view_write(FILE *fp, const struct agg *a, enum convert_layout to,
			int32_t current, int excel);

#endif
