/*
 * Times the workbook reader (workbook.h) over every sheet of a workbook:
 * wall time, cells, and the reader's own peak RSS (getrusage).
 *   bench/workbook.sh builds and runs it; not part of make check.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "kmap/workbook.h"

int main(int argc, char **argv)
{
	struct wbin *wb;
	struct timespec t0, t1;
	struct rusage ru;
	unsigned long rows = 0, cells = 0, filled = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: workbook_read FILE\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (wbin_open(argv[1], NULL, &wb))
		return 3;
	for (size_t i = 0; i < wbin_nsheets(wb); i++) {
		struct wbin_row row;
		if (wbin_sheet_open(wb, i))
			return 3;
		while (wbin_next_row(wb, &row) == WBIN_ROW) {
			rows++;
			cells += row.ncells;
			for (size_t k = 0; k < row.ncells; k++)
				filled += row.cells[k].has_fill;
		}
	}
	wbin_close(wb);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_SELF, &ru);
	printf("%s: %lu rows, %lu cells (%lu filled) in %.3f s, peak RSS "
	       "%.1f MiB\n",
	       argv[1], rows, cells, filled,
	       (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       (double)ru.ru_maxrss / 1024.0);
	return 0;
}
