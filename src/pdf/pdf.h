/* pdf.h — the PDF backend: draws a layout with libharu. The only module
 * that includes hpdf.h. Output is deterministic: no clock, no random IDs.
 *
 * Invariants of pdf/: it draws a finished layout and the metadata it is
 * given, and writes bytes to memory only; files are the caller's (render
 * writes the PDF and its sidecar together). */
#ifndef BAOCAO_PDF_H
#define BAOCAO_PDF_H

#include <stddef.h>
#include "diag.h"
#include "fontset.h"
#include "layout.h"

typedef enum pdfa_level { PDFA_NONE = 0, PDFA_1B, PDFA_2B } pdfa_level;

/* Custom XMP properties under their own namespace (the archive metadata);
 * pdf.c declares the schema as PDF/A requires. */
typedef struct pdf_xmp_prop {
    const char *name;        /* XML name: "CodeNumber" */
    const char *value;       /* NULL: left out */
    int integer;             /* value type Integer, else Text */
    const char *description;
} pdf_xmp_prop;

typedef struct pdf_xmp_schema {
    const char *uri, *prefix, *title;
    const pdf_xmp_prop *props;
    size_t nprops;
} pdf_xmp_schema;

typedef struct pdf_meta {
    const char *title;     /* tên loại + trích yếu */
    const char *author;    /* issuing agency */
    const char *subject;   /* trích yếu */
    const char *keywords;  /* số ký hiệu */
    const char *creator;   /* "baocao 0.1.0" */
    int year, month, day;  /* CreationDate/ModDate, from the document date (00:00 +07:00) */
    pdfa_level pdfa;
    const char *icc_path;  /* sRGB profile for the PDF/A OutputIntent */
    const char *sig_field; /* name of the empty signature field over layout.signature; NULL: none */
    const char *seal_field;/* optional second field over layout.seal; NULL: none */
    const pdf_xmp_schema *extra; /* written into the XMP (PDF/A only); NULL: none */
} pdf_meta;

typedef struct pdf_result {
    int pages;
    size_t bytes;
    unsigned char sha256[32];
} pdf_result;

/* Initialises the global state of the libraries behind pdf_write
 * (libdeflate's CPU detection), which they otherwise set up lazily on first
 * use. Call once before several threads write PDFs at the same time. */
void pdf_global_init(void);

/* Writes the PDF to path through a temporary file in the same directory and
 * a rename, so a failure never leaves a partial file at path. res may be NULL. */
int pdf_write(const layout *lo, const fontset *fs, const pdf_meta *m, const char *path,
              pdf_result *res, diag *d);

/* Same, into memory (malloc'd *out, *outlen). */
int pdf_render(const layout *lo, const fontset *fs, const pdf_meta *m, unsigned char **out,
               size_t *outlen, diag *d);

/* The figures of the PDF lo rendered into buf (pages, bytes, SHA-256). */
void pdf_result_of(pdf_result *res, const layout *lo, const unsigned char *buf, size_t len);

#endif
