/*
 * The floor under the workbook reader: expat alone over an XML file, with
 * namespace processing (as kmap parses a sheet) and handlers that do
 * nothing, fed 64 KiB at a time. Not part of make check or make bench.
 *
 * From the top directory, with the bench workbook made by make bench:
 *   wb=bench/data/ratings-50000.xlsx
 *   unzip -p $wb xl/worksheets/sheet1.xml >/tmp/sheet.xml
 *   cc -O2 -o /tmp/expat_floor bench/expat_floor.c -lexpat
 *   /usr/bin/time /tmp/expat_floor /tmp/sheet.xml
 */
#include <expat.h>
#include <stdio.h>

static unsigned long elements;

static void XMLCALL on_start(void *u, const XML_Char *name,
			     const XML_Char **attr)
{
	(void)u;
	(void)name;
	(void)attr;
	elements++;
}

static void XMLCALL on_end(void *u, const XML_Char *name)
{
	(void)u;
	(void)name;
}

static void XMLCALL on_text(void *u, const XML_Char *s, int len)
{
	(void)u;
	(void)s;
	(void)len;
}

int main(int argc, char **argv)
{
	XML_Parser p = XML_ParserCreateNS(NULL, ' ');
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;

	if (!f || !p) {
		fprintf(stderr, "usage: expat_floor FILE.xml\n");
		return 2;
	}
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_text);
	for (;;) {
		void *buf = XML_GetBuffer(p, 1 << 16);
		size_t n = buf ? fread(buf, 1, 1 << 16, f) : 0;
		if (!buf ||
		    XML_ParseBuffer(p, (int)n, n == 0) == XML_STATUS_ERROR) {
			fprintf(stderr, "expat_floor: %s\n",
				XML_ErrorString(XML_GetErrorCode(p)));
			return 1;
		}
		if (!n)
			break;
	}
	printf("%lu elements\n", elements);
	XML_ParserFree(p);
	fclose(f);
	return 0;
}
