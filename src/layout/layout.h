/* layout.h — from document tree to positioned text on A4 pages (NĐ 30).
 *
 * The result is a plain list of drawing items per page in PDF points with
 * the origin at the bottom-left of the page, so the PDF backend only draws
 * and tests can check positions without writing a PDF. Justified lines are
 * emitted one item per word: libharu's CID fonts ignore word spacing (Tw).
 *
 * Invariants of layout/: it reads only the document tree and the font set
 * (no wording of its own, no input, no PDF library); a font set is
 * read-only once loaded, so threads lay out documents at once. */
#ifndef BAOCAO_LAYOUT_H
#define BAOCAO_LAYOUT_H

#include <stddef.h>
#include "diag.h"
#include "doc.h"
#include "fontset.h"

#define MM_TO_PT(mm) ((mm) * 72.0 / 25.4)
#define PT_TO_MM(pt) ((pt) * 25.4 / 72.0)

typedef struct page_setup {
    double margin_top, margin_bottom, margin_left, margin_right; /* mm (NĐ 30: 20–25, 20–25, 30–35, 15–20) */
    double body_size;      /* pt, 13 or 14 */
    double line_pitch;     /* baseline-to-baseline distance as a multiple of the size (1.15 single … 1.5) */
    double para_space;     /* pt between paragraphs, >= 6 */
    double indent;         /* first-line indent, mm (10 or 12.7) */
    double signature_space;/* mm reserved for signature and seal (30–35) */
} page_setup;

/* T 20, B 20, L 30, R 15 mm; 14 pt; pitch 1.2; 6 pt; 10 mm; 32 mm. */
void page_setup_default(page_setup *ps);
/* Checks the values against the ranges NĐ 30 allows; error names the field. */
int page_setup_check(const page_setup *ps, diag *d);

typedef enum litem_kind {
    ITEM_TEXT,   /* text at baseline (x, y) in face/size */
    ITEM_RULE    /* straight line (x, y)–(x2, y2), stroke width `width` */
} litem_kind;

typedef struct litem {
    litem_kind kind;
    double x, y, x2, y2;
    double width;
    face face;
    double size;
    const char *text;      /* NUL-terminated, owned by the layout */
} litem;

typedef struct lpage {
    double width, height;  /* pt; 595.276 x 841.890 portrait, swapped for landscape */
    litem *items;
    size_t n, cap;
    int number;            /* printed page number, 0 if none is printed */
} lpage;

/* A rectangle on a page, pt, origin bottom-left; page is 0-based, -1 if absent. */
typedef struct lrect {
    int page;
    double x, y, w, h;
} lrect;

typedef struct layout {
    lpage *pages;
    size_t npages, cap;
    lrect signature;       /* box 7c: between the authority lines and the signer's name */
    lrect seal;            /* box 8: the seal area, overlapping the left of box 7c */
    struct layout_arena *arena;  /* owns the item strings */
} layout;

/* Lays the document out. Fails (with a message naming the text) if a
 * character cannot be drawn in the font, or if something cannot fit at all
 * (a table wider than the page, a word longer than a line is broken by
 * character instead and does not fail). */
int layout_document(const doc *d, const fontset *fs, const page_setup *ps, layout *out, diag *dg);
void layout_free(layout *lo);

#endif
