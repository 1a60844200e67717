/* ttf.h — the few facts layout needs from a TrueType font file:
 * which code points it maps and how wide each glyph is. No hpdf here,
 * so layout can be tested without a PDF library. */
#ifndef BAOCAO_TTF_H
#define BAOCAO_TTF_H

#include <stdint.h>
#include "diag.h"

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

#endif
