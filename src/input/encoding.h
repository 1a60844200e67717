/* encoding.h — the bytes of a scores file to UTF-8 NFC. Excel on a
 * Vietnamese Windows saves "CSV" in Windows-1258 (partly decomposed), files
 * typed with .VnTime fonts are TCVN3 (ABC), older ones VISCII, and "Unicode
 * tổ hợp" is NFD UTF-8. Valid UTF-8 is taken first; otherwise each legacy
 * decoding is scored by how Vietnamese its words look (see encoding.c). */
#ifndef BAOCAO_ENCODING_H
#define BAOCAO_ENCODING_H

#include <stddef.h>
#include "diag.h"

typedef enum text_encoding {
    ENC_AUTO = 0,          /* detect */
    ENC_UTF8,
    ENC_CP1258,
    ENC_TCVN3,
    ENC_VISCII
} text_encoding;

/* "utf-8", "cp1258"/"windows-1258", "tcvn3", "viscii" (any case); -1 if unknown. */
int encoding_from_name(const char *name, text_encoding *out);

/* The canonical name, as --encoding accepts it. */
const char *encoding_name(text_encoding e);

typedef struct decoded_text {
    char *text;            /* UTF-8 NFC, BOM removed, malloc'd */
    size_t len;
    text_encoding encoding;/* the one used */
    int bom;               /* a UTF-8 BOM was present */
    int recomposed;        /* NFC changed the text (NFD or decomposed CP1258) */
} decoded_text;

/* Decodes data (len bytes) of the file `name` with `forced`, or detects the
 * encoding when forced is ENC_AUTO. Fails, naming the file and line, when
 * forced UTF-8 is invalid or no encoding gives plausible Vietnamese. */
int encoding_decode(const char *name, const char *data, size_t len, text_encoding forced,
                    decoded_text *out, diag *d);

#endif
