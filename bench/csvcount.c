/*
 * The floor for kmap's reader: libcsv in strict mode over the whole file
 * in 256 KiB reads, counting fields and rows, and nothing else (no
 * decoding, no line numbers, no names). usage: csvcount FILE
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static unsigned long fields, rows;

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
	fields++;
}

static void on_row(int c, void *data)
{
	(void)c;
	(void)data;
	rows++;
}

int main(int argc, char **argv)
{
	static char buf[256 * 1024];
	struct csv_parser p;
	ssize_t n;
	int fd = argc > 1 ? open(argv[1], O_RDONLY) : -1;

	if (fd < 0 || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI))
		return 2;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (csv_parse(&p, buf, (size_t)n, on_field, on_row, NULL) !=
		    (size_t)n)
			return 1;
	csv_fini(&p, on_field, on_row, NULL);
	printf("%lu rows, %lu fields\n", rows, fields);
	csv_free(&p);
	close(fd);
	return 0;
}
