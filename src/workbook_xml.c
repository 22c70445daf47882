/*
 * workbook_xml.c - expat as the workbook reader uses it: namespaces
 * split into an enum and a local name, attributes looked up by both,
 * allocations through xalloc with a cap on any one token (what a
 * too-long tag or text becomes), and DOCTYPE, entity declarations and
 * external entities refused. xp_parse_entry() parses a whole zip entry;
 * xp_parse() and xp_resume() let the sheet stream (workbook_stream.c)
 * feed and suspend a parser of its own.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmap/xalloc.h"
#include "workbook_internal.h"

#define CHUNK (64 * 1024)

/* ---- names and namespaces ---- */

static const struct {
	const char *uri;
	size_t len;
	enum wb_ns ns;
} known_ns[] = {
#define NS(u, n)                                                               \
	{                                                                      \
		u, sizeof(u) - 1, n                                            \
	}
	NS("http://schemas.openxmlformats.org/spreadsheetml/2006/main", NS_SML),
	NS("http://purl.oclc.org/ooxml/spreadsheetml/main", NS_SML),
	NS("http://schemas.openxmlformats.org/officeDocument/2006/"
	   "relationships",
	   NS_REL),
	NS("http://purl.oclc.org/ooxml/officeDocument/relationships", NS_REL),
	NS("http://schemas.openxmlformats.org/package/2006/relationships",
	   NS_PKG),
	NS("http://schemas.openxmlformats.org/drawingml/2006/main", NS_DML),
	NS("http://purl.oclc.org/ooxml/drawingml/main", NS_DML),
	NS("http://www.w3.org/XML/1998/namespace", NS_XML),
	NS("urn:oasis:names:tc:opendocument:xmlns:office:1.0", NS_OFFICE),
	NS("urn:oasis:names:tc:opendocument:xmlns:table:1.0", NS_TABLE),
	NS("urn:oasis:names:tc:opendocument:xmlns:text:1.0", NS_TEXT),
	NS("urn:oasis:names:tc:opendocument:xmlns:style:1.0", NS_STYLE),
	NS("urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
	   NS_FO),
	NS("urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0", NS_NUMBER),
	NS("urn:org:documentfoundation:names:experimental:calc:xmlns:"
	   "calcext:1.0",
	   NS_CALCEXT),
#undef NS
};

/* the namespace xp_name() found last: a part's names share a few */
static _Thread_local size_t xp_ns_hint;

enum wb_ns xp_name(const char *name, const char **local)
{
	const char *sep;
	size_t len = known_ns[xp_ns_hint].len;

	if (!strncmp(name, known_ns[xp_ns_hint].uri, len) &&
	    name[len] == '\1') {
		*local = name + len + 1;
		return known_ns[xp_ns_hint].ns;
	}
	sep = strchr(name, '\1');
	if (!sep) {
		*local = name;
		return NS_NONE;
	}
	*local = sep + 1;
	len = (size_t)(sep - name);
	for (size_t i = 0; i < ARRAY_SIZE(known_ns); i++)
		if (known_ns[i].len == len &&
		    !memcmp(known_ns[i].uri, name, len)) {
			xp_ns_hint = i;
			return known_ns[i].ns;
		}
	return NS_OTHER;
}

const char *xp_attr(const char **attr, enum wb_ns ns, const char *local)
{
	for (; attr[0]; attr += 2) {
		const char *l;
		if (xp_name(attr[0], &l) == ns && !strcmp(l, local))
			return attr[1];
	}
	return NULL;
}

/* ---- expat with limits ---- */

/* expat's allocations go through xalloc (KMAP_FAIL_ALLOC reaches them);
 * one larger than the token cap fails, which expat reports as out of
 * memory and xp turns into "too large". */
static _Thread_local size_t xp_alloc_cap = SIZE_MAX;
static _Thread_local int xp_cap_hit;

static void *xp_malloc(size_t size)
{
	if (size > xp_alloc_cap) {
		xp_cap_hit = 1;
		return NULL;
	}
	return xmalloc(size);
}

static void *xp_realloc(void *p, size_t size)
{
	if (size > xp_alloc_cap) {
		xp_cap_hit = 1;
		return NULL;
	}
	return xrealloc(p, size);
}

static const XML_Memory_Handling_Suite xp_mem = { xp_malloc, xp_realloc, free };

static void xp_vfail(struct xp *x, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;

	if (x->failed)
		return;
	x->failed = 1;
	diag_vformatf(&sb, _(fmt), ap);
	kmap_error_at(x->loc, "%s line %lu: %s", x->part,
		      (unsigned long)XML_GetCurrentLineNumber(x->p), sb.buf);
	strbuf_release(&sb);
	XML_StopParser(x->p, XML_FALSE);
}

void xp_fail(struct xp *x, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	xp_vfail(x, fmt, ap);
	va_end(ap);
}

void xp_stop(struct xp *x)
{
	if (x->failed || x->stopped)
		return;
	x->stopped = 1;
	XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL on_start(void *ud, const XML_Char *name,
			     const XML_Char **attr)
{
	struct xp *x = ud;

	if (x->failed || x->stopped)
		return;
	if (++x->depth > x->wb->opts.max_depth) {
		xp_fail(x, "elements nested deeper than %u",
			x->wb->opts.max_depth);
		return;
	}
	if (x->start)
		x->start(x, name, attr);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xp *x = ud;

	if (x->failed || x->stopped)
		return;
	if (x->end)
		x->end(x, name);
	x->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xp *x = ud;

	if (x->failed || x->stopped)
		return;
	if (x->text)
		x->text(x, s, len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name,
			       const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	xp_fail(ud, "a DOCTYPE declaration is not allowed in a workbook");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
			      const XML_Char *value, int value_len,
			      const XML_Char *base, const XML_Char *sysid,
			      const XML_Char *pubid, const XML_Char *notation)
{
	(void)name;
	(void)is_param;
	(void)value;
	(void)value_len;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	xp_fail(ud, "an entity declaration is not allowed in a workbook");
}

static int XMLCALL on_external(XML_Parser p, const XML_Char *context,
			       const XML_Char *base, const XML_Char *sysid,
			       const XML_Char *pubid)
{
	(void)p;
	(void)context;
	(void)base;
	(void)sysid;
	(void)pubid;
	return XML_STATUS_ERROR; /* never load anything */
}

void xp_init(struct xp *x, struct wbin *wb, const char *part,
	     const struct kmap_loc *loc)
{
	static const XML_Char sep = '\1';

	memset(x, 0, sizeof(*x));
	x->wb = wb;
	x->part = part;
	x->loc = loc;
	x->p = XML_ParserCreate_MM(NULL, &xp_mem, &sep);
	if (!x->p)
		xalloc_die(); /* the one out-of-memory exit */
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	XML_SetExternalEntityRefHandler(x->p, on_external);
#ifdef XML_DTD
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
	XML_SetBillionLaughsAttackProtectionMaximumAmplification(x->p, 10.0f);
	XML_SetBillionLaughsAttackProtectionActivationThreshold(x->p, 1U << 20);
#endif
#endif
}

void xp_release(struct xp *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}

int xp_report_error(struct xp *x)
{
	enum XML_Error code = XML_GetErrorCode(x->p);

	if (x->failed)
		return -1;
	x->failed = 1;
	if (code == XML_ERROR_NO_MEMORY && xp_cap_hit)
		return kmap_error_at(
			x->loc,
			"%s line %lu: an XML token longer than "
			"%zu MiB",
			x->part, (unsigned long)XML_GetCurrentLineNumber(x->p),
			x->wb->opts.max_token >> 20);
	return kmap_error_at(x->loc, "%s line %lu column %lu: %s", x->part,
			     (unsigned long)XML_GetCurrentLineNumber(x->p),
			     (unsigned long)XML_GetCurrentColumnNumber(x->p) +
				     1,
			     XML_ErrorString(code));
}

enum XML_Status xp_parse(struct xp *x, const char *buf, size_t len, int final)
{
	enum XML_Status st;

	xp_alloc_cap = x->wb->opts.max_token;
	xp_cap_hit = 0;
	st = XML_Parse(x->p, buf, (int)len, final);
	xp_alloc_cap = SIZE_MAX;
	return st;
}

/* Feeds buf to x; 0 goes on, 1 stopped on purpose, -1 reported. */
static int xp_feed(struct xp *x, const char *buf, size_t len, int final)
{
	enum XML_Status st = xp_parse(x, buf, len, final);
	if (x->failed)
		return -1;
	if (x->stopped)
		return 1;
	if (st == XML_STATUS_ERROR)
		return xp_report_error(x);
	return 0;
}

int xp_parse_entry(struct xp *x, const char *part)
{
	struct wb_entry e;
	char *buf;
	int rc, st = 0;

	rc = wb_entry_open(x->wb, part, x->loc, &e);
	if (rc)
		return rc;
	x->part = e.name;
	buf = xmalloc(CHUNK);
	for (;;) {
		long n = wb_entry_read(x->wb, &e, buf, CHUNK);
		if (n < 0) {
			st = -1;
			break;
		}
		rc = xp_feed(x, buf, (size_t)n, n == 0);
		if (rc) {
			st = rc < 0 ? -1 : 0;
			break;
		}
		if (n == 0)
			break;
	}
	free(buf);
	wb_entry_close(&e);
	return st;
}

enum XML_Status xp_resume(struct xp *x)
{
	enum XML_Status st;

	xp_alloc_cap = x->wb->opts.max_token;
	xp_cap_hit = 0;
	st = XML_ResumeParser(x->p);
	xp_alloc_cap = SIZE_MAX;
	return st;
}
