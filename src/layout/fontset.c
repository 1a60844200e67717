/* fontset.c — finding the four faces of the body font and measuring text.
 *
 * fontconfig always answers with *some* font, so a match is only accepted
 * when its family is the one asked for; otherwise a report would silently
 * come out in whatever font happens to be installed. */
#define _POSIX_C_SOURCE 200809L /* access, strcasecmp */
#include "fontset.h"
#include "sbuf.h"
#include "text.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char *const VIETNAMESE_LETTERS =
    "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ"
    "ÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬĐÈẺẼÉẸÊỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢÙỦŨÚỤƯỪỬỮỨỰỲỶỸÝỴ";

static const char *const FACE_NAME[FACE_COUNT] = {"regular", "bold", "italic", "bold italic"};

/* fontconfig, loaded on first need: loading its configuration costs more
 * than rendering a report, and a --font file with its faces beside it
 * needs none of it. One fontset_load() asks it everything it needs; a
 * batch shares the answer (the fontset) between all its documents. */
typedef struct fc_lazy {
    FcConfig *cfg;
    int failed;
} fc_lazy;

static FcConfig *fc_config(fc_lazy *f, diag *d)
{
    if (!f->cfg && !f->failed && !(f->cfg = FcInitLoadConfigAndFonts()))
        f->failed = 1;
    if (f->failed)
        diag_set(d, "fontconfig", "fontconfig could not be initialised");
    return f->cfg;
}

/* What fontconfig's cache says about an installed file (not what a match
 * claims: a match reports the weight and slant it was asked for when it
 * means to fake them). NULL if the file is not installed. */
static FcFontSet *fc_file_info(FcConfig *cfg, const char *path)
{
    FcPattern *pat = FcPatternBuild(NULL, FC_FILE, FcTypeString, path, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_WEIGHT, FC_SLANT, (char *)NULL);
    FcFontSet *set = FcFontList(cfg, pat, os);
    FcObjectSetDestroy(os);
    FcPatternDestroy(pat);
    if (set && set->nfont == 0) {
        FcFontSetDestroy(set);
        set = NULL;
    }
    return set;
}

/* Family name fontconfig knows for an installed file, or NULL. */
static char *fc_family_of(FcConfig *cfg, const char *path)
{
    FcFontSet *set = fc_file_info(cfg, path);
    FcChar8 *s;
    char *family = NULL;
    if (set && FcPatternGetString(set->fonts[0], FC_FAMILY, 0, &s) == FcResultMatch)
        family = xstrdup((const char *)s);
    if (set)
        FcFontSetDestroy(set);
    return family;
}

/* 1 if the installed file really is face f of family. */
static int fc_is_face(FcConfig *cfg, const char *path, const char *family, face f)
{
    FcFontSet *set = fc_file_info(cfg, path);
    if (!set)
        return 0;
    FcPattern *p = set->fonts[0];
    int same = 0, weight = 0, slant = 0;
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &s) == FcResultMatch; i++)
        same |= strcasecmp((const char *)s, family) == 0;
    FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(p, FC_SLANT, 0, &slant);
    FcFontSetDestroy(set);
    return same && (weight >= FC_WEIGHT_DEMIBOLD) == !!(f & FACE_BOLD) &&
           (slant != FC_SLANT_ROMAN) == !!(f & FACE_ITALIC);
}

/* Path of face f of family, or NULL if fontconfig only has a substitute
 * (another family, or the regular face to be emboldened or slanted). */
static char *fc_find(FcConfig *cfg, const char *family, face f)
{
    FcPattern *pat = FcPatternCreate();
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, f & FACE_BOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, f & FACE_ITALIC ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(cfg, pat, &res);
    FcPatternDestroy(pat);
    if (!m)
        return NULL;
    FcChar8 *file;
    char *path = NULL;
    if (FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        fc_is_face(cfg, (const char *)file, family, f))
        path = xstrdup((const char *)file);
    FcPatternDestroy(m);
    return path;
}

/* "dir/Tinos-Regular.ttf" -> "dir/Tinos-Bold.ttf" etc., trying the usual
 * suffixes (including the Windows ones: times.ttf, timesbd.ttf, …). */
static char *sibling(const char *path, face f)
{
    static const char *const suffix[][FACE_COUNT] = {
        {"-Regular", "-Bold", "-Italic", "-BoldItalic"},
        {"", "-Bold", "-Italic", "-BoldItalic"},
        {"", "bd", "i", "bi"},
    };
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        dot = path + strlen(path);
    size_t stem = (size_t)(dot - path);
    for (size_t k = 0; k < sizeof suffix / sizeof *suffix; k++) {
        size_t n = strlen(suffix[k][0]);
        if (stem < n || strncmp(dot - n, suffix[k][0], n) != 0)
            continue;
        sbuf b = {0};
        sbuf_add(&b, path, stem - n);
        sbuf_printf(&b, "%s%s", suffix[k][f], dot);
        if (access(b.s, R_OK) == 0)
            return sbuf_take(&b);
        sbuf_free(&b);
    }
    return NULL;
}

static int check_coverage(const ttf *t, diag *d)
{
    const char *s = VIETNAMESE_LETTERS;
    size_t n = strlen(s);
    uint32_t cp;
    for (int k; (k = utf8_next(s, n, &cp)) > 0; s += k, n -= (size_t)k)
        if (!ttf_has(t, cp))
            return diag_set(d, "font-coverage", "%s lacks the Vietnamese letter U+%04X '%.*s'",
                            ttf_path(t), (unsigned)cp, k, s);
    return 0;
}

/* "dir/Tinos-Regular.ttf" -> "Tinos": the family of a file fontconfig does not know. */
static char *family_from_name(const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strcspn(base, ".");
    if (n > 8 && strncmp(base + n - 8, "-Regular", 8) == 0)
        n -= 8;
    return xstrndup(base, n);
}

/* Fills the paths of fs by the rules in fontset.h; opening comes later.
 * For a file, its siblings come first and fontconfig only if one is missing. */
static int find_paths(fontset *fs, fc_lazy *fc, const char *spec, diag *d)
{
    int is_path = strchr(spec, '/') || strstr(spec, ".ttf") || strstr(spec, ".TTF");
    FcConfig *cfg = NULL;
    if (is_path) {
        /* Said as it is: a missing file is not a missing bold face. */
        if (access(spec, R_OK) < 0)
            return diag_set(d, "font-open", "%s: %s", spec, strerror(errno));
        fs->path[FACE_REGULAR] = xstrdup(spec);
        /* Judged on its own first: a file without Vietnamese is refused as
         * such, whatever faces lie beside it or fontconfig knows. */
        if (!(fs->ttf[FACE_REGULAR] = ttf_open(spec, d)) || check_coverage(fs->ttf[FACE_REGULAR], d) < 0)
            return -1;
    } else {
        fs->family = xstrdup(spec);
    }
    for (int f = 0; f < FACE_COUNT; f++) {
        if (fs->path[f])
            continue;
        if (is_path)
            fs->path[f] = sibling(spec, (face)f);
        if (fs->path[f])
            continue;
        if (!cfg && !(cfg = fc_config(fc, d)))
            return -1;
        if (is_path && !fs->family && !(fs->family = fc_family_of(cfg, spec)))
            fs->family = family_from_name(spec);
        fs->path[f] = fc_find(cfg, fs->family, (face)f);
        if (!fs->path[f] && is_path)
            return diag_set(d, "font-not-found", "font %s: no %s face found next to the file or through "
                            "fontconfig", spec, FACE_NAME[f]);
        if (!fs->path[f])
            return diag_set(d, "font-not-found", "font %s: no %s face found through fontconfig (only "
                            "substitutes are installed)", spec, FACE_NAME[f]);
    }
    if (!fs->family)
        fs->family = family_from_name(spec);
    return 0;
}

static int open_faces(fontset *fs, diag *d)
{
    for (int f = 0; f < FACE_COUNT; f++)
        if (!fs->ttf[f] && (!(fs->ttf[f] = ttf_open(fs->path[f], d)) || check_coverage(fs->ttf[f], d) < 0))
            return -1;
    return 0;
}

static int load(fontset *fs, fc_lazy *fc, const char *spec, diag *d)
{
    memset(fs, 0, sizeof *fs);
    if (find_paths(fs, fc, spec, d) < 0 || open_faces(fs, d) < 0) {
        fontset_free(fs);
        return -1;
    }
    return 0;
}

int fontset_load(fontset *fs, const char *spec, const char *fonts_dir, diag *d)
{
    fc_lazy fc = {NULL, 0};
    int r;
    if (spec) {
        r = load(fs, &fc, spec, d);
    } else if (load(fs, &fc, "Times New Roman", d) == 0) {
        r = 0;
    } else if (!fc_config(&fc, d)) {
        r = -1;
    } else {
        /* The shipped Tinos has Times New Roman's metrics, so the layout
         * does not depend on what is installed; without the shipped
         * fonts, an installed Tinos. */
        sbuf b = {0};
        if (fonts_dir)
            sbuf_printf(&b, "%s/Tinos-Regular.ttf", fonts_dir);
        else
            sbuf_puts(&b, "Tinos");
        r = load(fs, &fc, b.s, d);
        sbuf_free(&b);
    }
    if (fc.cfg)
        FcConfigDestroy(fc.cfg);
    return r;
}

void fontset_free(fontset *fs)
{
    free(fs->family);
    for (int f = 0; f < FACE_COUNT; f++) {
        free(fs->path[f]);
        ttf_close(fs->ttf[f]);
    }
    memset(fs, 0, sizeof *fs);
}

double fontset_width(const fontset *fs, face f, double size, const char *s, size_t n)
{
    long units = 0;
    uint32_t cp;
    for (int k; (k = utf8_next(s, n, &cp)) != 0; s += k < 0 ? 1 : k, n -= k < 0 ? 1 : (size_t)k)
        units += ttf_advance(fs->ttf[f], cp);
    return (double)units * size / 1000.0;
}

uint32_t fontset_missing(const fontset *fs, face f, const char *s)
{
    size_t n = strlen(s);
    uint32_t cp;
    for (int k; (k = utf8_next(s, n, &cp)) != 0; s += k < 0 ? 1 : k, n -= k < 0 ? 1 : (size_t)k)
        if (!ttf_has(fs->ttf[f], cp))
            return cp;
    return 0;
}
