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

/* Glyph index of cp (0 = .notdef if unmapped), and the number of glyphs. */
unsigned ttf_glyph(const ttf *f, uint32_t cp);
unsigned ttf_glyph_count(const ttf *f);

/* Appends to out a TrueType font program for embedding in a PDF as a
 * CIDFontType2: only the glyphs with keep[gid] != 0 (ttf_glyph_count()
 * entries), .notdef and, recursively, the components of kept composite
 * glyphs. Glyph ids do not change: dropped glyphs are empty and the glyph
 * list ends at the last kept one, so a CIDToGIDMap made from this font's
 * cmap stays valid. Tables: head, hhea, maxp, loca, glyf, hmtx, and cvt,
 * fpgm, prep if the font has them (no cmap: the CIDToGIDMap does its job).
 * -1 with a diag if the glyph data is inconsistent. */
int ttf_subset(const ttf *f, const unsigned char *keep, sbuf *out, diag *d);

#endif
