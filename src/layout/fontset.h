/* fontset.h — the four faces of the body font (regular, bold, italic,
 * bold italic), found through fontconfig or taken from fonts/, and text
 * measurement on top of them. */
#ifndef BAOCAO_FONTSET_H
#define BAOCAO_FONTSET_H

#include <stddef.h>
#include <stdint.h>
#include "diag.h"
#include "ttf.h"

typedef enum face {
    FACE_REGULAR = 0,
    FACE_BOLD = 1,
    FACE_ITALIC = 2,
    FACE_BOLD_ITALIC = 3, /* == FACE_BOLD | FACE_ITALIC */
    FACE_COUNT = 4
} face;

typedef struct fontset {
    char *family;            /* e.g. "Times New Roman", "Tinos" */
    char *path[FACE_COUNT];  /* absolute paths of the TTF files */
    ttf *ttf[FACE_COUNT];
} fontset;

/* Loads a font set.
 *  spec == NULL: "Times New Roman" through fontconfig if the match really is
 *    that family and covers Vietnamese; otherwise the Tinos files shipped in
 *    fonts_dir (so output never depends on what happens to be installed;
 *    fonts_dir NULL: the family "Tinos" through fontconfig).
 *  spec names a family ("DejaVu Serif"): found through fontconfig; an error
 *    if fontconfig only offers a substitute.
 *  spec is a path to a .ttf: that file is the regular face; bold/italic are
 *    looked up next to it by the usual suffixes (-Bold, -Italic, -BoldItalic),
 *    falling back to fontconfig for the file's family.
 * Every face must map all 134 precomposed Vietnamese letters, else an error
 * naming the font and the first missing letter. */
int fontset_load(fontset *fs, const char *spec, const char *fonts_dir, diag *d);
void fontset_free(fontset *fs);

/* Width in points of UTF-8 text s[0..n) in face f at size pt. */
double fontset_width(const fontset *fs, face f, double size, const char *s, size_t n);

/* First code point of s that face f cannot draw, or 0 if all are covered. */
uint32_t fontset_missing(const fontset *fs, face f, const char *s);

/* The 134 precomposed Vietnamese letters (67 lower + 67 upper), NFC. */
extern const char *const VIETNAMESE_LETTERS;

#endif
