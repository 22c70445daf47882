/* libFuzzer: bytes -> decoded text -> libcsv -> rows with locations. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct csvin_opts o;
	struct csvin r;
	struct csvin_row row;
	char path[64];
	int fd, st;

	if (!size)
		return 0;
	fuzz_options(data[0], &o);
	fd = fuzz_file(data + 1, size - 1, path, sizeof(path));
	diag_set_sink(fuzz_discard, NULL);
	if (csvin_open(&r, path, &o) == 0) {
		while ((st = csvin_next(&r, &row)) != CSVIN_EOF &&
		       st != CSVIN_FATAL) {
			if (st != CSVIN_ROW)
				continue;
			for (size_t i = 0; i < row.nfields; i++) {
				/* fields are NUL-terminated, NUL-free text */
				if (row.fields[i].ptr[row.fields[i].len] ||
				    strlen(row.fields[i].ptr) !=
					    row.fields[i].len)
					abort();
				struct kmap_loc loc =
					csvin_field_loc(&r, &row, i);
				if (loc.line < row.line || !loc.col)
					abort();
			}
		}
	}
	csvin_close(&r);
	diag_set_sink(NULL, NULL);
	close(fd);
	return 0;
}
