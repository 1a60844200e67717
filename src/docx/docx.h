/* docx.h — the DOCX backend: the document tree as an editable Office Open
 * XML document, set with the page setup and the fixed parts of the NĐ 30
 * layout (layout.h) that the PDF uses. The only module that includes
 * libxml2. Output is deterministic: no clock, fixed zip timestamps. */
#ifndef BAOCAO_DOCX_H
#define BAOCAO_DOCX_H

#include <stddef.h>
#include "diag.h"
#include "doc.h"
#include "fontset.h"
#include "layout.h"

typedef struct docx_meta {
    const char *title;     /* tên loại + trích yếu */
    const char *subject;   /* trích yếu */
    const char *creator;   /* issuing agency */
    const char *keywords;  /* số ký hiệu */
    const char *application; /* "baocao 0.1.0" */
    const char *font;      /* the family the document names ("Times New Roman") */
    int year, month, day;  /* created/modified: that day 00:00 +07:00 */
} docx_meta;

/* The document as a DOCX in memory (malloc'd *out, *outlen). fs measures
 * what the layout centres by measuring (the Kính gửi column, the rules).
 * Fails, naming the text, on what a DOCX cannot hold: a character XML 1.0
 * forbids, a table wider than Word's 63 columns or with overlapping cells. */
int docx_render(const doc *d, const fontset *fs, const page_setup *ps, const docx_meta *m, unsigned char **out,
                size_t *outlen, diag *dg);

#endif
