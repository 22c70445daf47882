/*
 * validate_view.h - kmap validate's report of what reading found: each
 * problem with its place and hint, then a count line; or the
 * kmap.validate/1 JSON document. The problems are data here, written to
 * the command's output, not diagnostics on stderr.
 *
 * Ownership: the view borrows the findings (diag_list.h) and the dataset
 * they were found reading.
 */
#ifndef KMAP_VALIDATE_VIEW_H
#define KMAP_VALIDATE_VIEW_H

#include <stdio.h>

#include "kmap/dataset.h"
#include "kmap/diag_list.h"
#include "kmap/render.h"

/*
 * Writes the findings to fp: as text ("FILE:LINE:COL: error: ...") with
 * FORMAT_TABLE, as the JSON document with FORMAT_JSON.
 */
void validate_view_write(FILE *fp, const struct diag_list *findings,
			 const struct dataset *ds, enum format format);

#endif
