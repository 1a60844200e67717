/* ttf.h — the few facts layout needs from a TrueType font file:
 * which code points it maps and how wide each glyph is. No hpdf here,
 * so layout can be tested without a PDF library. */
#ifndef BAOCAO_TTF_H
#define BAOCAO_TTF_H

#include <stdint.h>
#include "diag.h"
#include "sbuf.h"

typedef struct ttf ttf;

ttf *ttf_open(const char *path, diag *d);
void ttf_close(ttf *f);

/* 1 if the font's cmap maps cp to a real glyph (not .notdef). */
int ttf_has(const ttf *f, uint32_t cp);

/* Advance width of cp in 1/1000 em (the unit PDF widths use);
 * the .notdef width for unmapped code points. */
int ttf_advance(const ttf *f, uint32_t cp);

/* Vertical metrics in 1/1000 em (hhea ascender, descender < 0, line gap),
 * and the cap height (OS/2 sCapHeight, or the height of 'H'). */
int ttf_ascent(const ttf *f);
int ttf_descent(const ttf *f);
int ttf_cap_height(const ttf *f);

const char *ttf_path(const ttf *f);

/* A number no other ttf_open() of this process returns: a cache key that,
 * unlike the pointer, is never reused for another font. */
unsigned long ttf_id(const ttf *f);

/* What a PDF font descriptor says about the font: the PostScript name
 * (name ID 6, reduced to the characters a PDF name allows; the file name
 * if the font has none), the bounding box in 1/1000 em (xMin, yMin, xMax,
 * yMax), the italic angle in degrees, head.macStyle's bold and italic
 * bits, post.isFixedPitch and OS/2 usWeightClass (400 if absent). */
typedef struct ttf_desc {
    char ps_name[64];
    int bbox[4];
    double italic_angle;
    int bold, italic, fixed_pitch, weight;
} ttf_desc;
const ttf_desc *ttf_describe(const ttf *f);

/* Glyph index of cp (0 = .notdef if unmapped), and the number of glyphs. */
unsigned ttf_glyph(const ttf *f, uint32_t cp);
unsigned ttf_glyph_count(const ttf *f);

/* Appends to out a TrueType font program for embedding in a PDF as a
 * CIDFontType2 with CIDToGIDMap /Identity: glyph 0 is .notdef, glyph
 * k + 1 is the font's glyph ids[k] (k < n; an id may repeat), and after
 * them the components of composite glyphs, at any depth, renumbered.
 * Tables: head, hhea, maxp, loca, glyf, hmtx (no cmap: the CIDs are the
 * glyph ids); no hinting: no cvt, fpgm or prep, and the glyphs without
 * their instructions. -1 with a diag if an id is out of range or the glyph
 * data is inconsistent. */
int ttf_subset(const ttf *f, const unsigned *ids, unsigned n, sbuf *out, diag *d);

#endif
