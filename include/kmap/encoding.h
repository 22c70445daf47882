/*
 * encoding.h - turns the bytes of an input file into UTF-8 text.
 *
 * libcsv knows nothing of encodings (RELIABILITY §0), so every byte passes
 * through a decoder first. The decoder sniffs the start of the file:
 *   EF BB BF   UTF-8, BOM stripped
 *   FF FE      UTF-16LE  \  transcoded with iconv(3)
 *   FE FF      UTF-16BE  /
 *   PK.. / D0 CF 11 E0   an Excel workbook, not CSV: error
 *   NUL in every other byte without a BOM: UTF-16 without BOM: error
 * otherwise the text is validated as UTF-8. In automatic mode the decision
 * is taken at the first non-ASCII sequence: valid UTF-8 keeps the file
 * UTF-8 and any later invalid byte is an error; an invalid one switches the
 * whole file to Windows-1252 (everything before it was ASCII, which both
 * encodings share) and any later valid multi-byte UTF-8 sequence is an
 * error, because the file then mixes the two. This gives the same answer
 * as looking at the whole file first, while streaming.
 *
 * The decoded text never contains a NUL byte: a NUL is an error.
 */
#ifndef KMAP_ENCODING_H
#define KMAP_ENCODING_H

#include <stddef.h>

#include "kmap/strbuf.h"

enum kmap_encoding {
	KMAP_ENC_AUTO,
	KMAP_ENC_UTF8,
	KMAP_ENC_UTF16, /* forced: BOM picks LE/BE, LE without one */
	KMAP_ENC_UTF16LE,
	KMAP_ENC_UTF16BE,
	KMAP_ENC_CP1252,
};

enum decode_status {
	DECODE_OK = 0,
	DECODE_INVALID_UTF8,   /* bad byte(s) in a UTF-8 file */
	DECODE_MIXED,	       /* valid UTF-8 inside a Windows-1252 file */
	DECODE_INVALID_CP1252, /* a byte Windows-1252 leaves undefined */
	DECODE_INVALID_UTF16,  /* unpaired surrogate or odd length */
	DECODE_NUL,	       /* a NUL character */
	DECODE_XLSX,	       /* a ZIP (xlsx) file */
	DECODE_XLS,	       /* an OLE2 (xls) file */
	DECODE_UTF16_NO_BOM,   /* looks like UTF-16 but has no BOM */
};

struct decode_error {
	enum decode_status status;
	size_t out_offset;	/* decoded bytes before the problem */
	unsigned char bytes[4]; /* the offending input bytes */
	size_t nbytes;
};

struct decoder {
	enum kmap_encoding forced;
	enum kmap_encoding enc; /* decided; AUTO until the first feed */
	int sniffed;
	int had_bom;
	int fell_back;		/* AUTO switched to Windows-1252 */
	size_t fallback_offset; /* decoded offset of the first such byte */
	unsigned char fallback_byte;
	int saw_multibyte; /* a valid non-ASCII UTF-8 sequence seen */
	/* Windows-1252: a byte few Swedish texts have (a DOS code page?) */
	int saw_unusual;
	size_t unusual_offset; /* decoded offset of the first such byte */
	unsigned char unusual_byte;
	void *iconv; /* iconv_t for UTF-16, or NULL */
};

/* Mapping of --encoding values; returns -1 for an unknown name. */
int encoding_from_name(const char *name, enum kmap_encoding *enc);
/* The name reported in JSON "encoding" and messages: "utf-8", ... */
const char *encoding_name(enum kmap_encoding enc, int had_bom);

void decoder_init(struct decoder *d, enum kmap_encoding forced);
/*
 * A decoder for text that starts mid-file (split.h): no sniffing, and
 * the encoding decision a decoder that read the file from its start
 * would have reached. decoder_ready() then opens what enc needs (iconv
 * for UTF-16); it returns 0 or -1.
 */
void decoder_init_at(struct decoder *d, enum kmap_encoding forced,
		     enum kmap_encoding enc, int saw_multibyte, int fell_back);
int decoder_ready(struct decoder *d);
void decoder_release(struct decoder *d);

/*
 * Decodes input, appending UTF-8 to out, and sets *used to the input bytes
 * consumed: an incomplete sequence at the end is left for the caller to
 * pass again with more input (fewer than 4 bytes). eof says nothing
 * follows, so an incomplete sequence is an error. The first call sniffs,
 * so it should see at least 4 KiB or the whole file. Returns 0, or -1 with
 * *err filled: the text before the problem is appended
 * (err->out_offset == out->len), nothing after it.
 */
int decoder_feed(struct decoder *d, const unsigned char *in, size_t len,
		 int eof, struct strbuf *out, struct decode_error *err,
		 size_t *used);

/* True when c is a UTF-8 lead or ASCII byte, i.e. starts a character. */
static inline int utf8_is_char_start(unsigned char c)
{
	return (c & 0xC0) != 0x80;
}

/*
 * Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes there
 * are not valid UTF-8 (overlong, surrogate, > U+10FFFF, truncated).
 */
size_t utf8_valid_seq(const unsigned char *s, size_t avail);

#endif
