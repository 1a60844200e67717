/* test_fontset.c — TrueType reading, font lookup, coverage and measuring. */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include "check.h"
#include "fontset.h"
#include "layout.h"
#include "sbuf.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SYS "/usr/share/fonts/truetype/"

static double width_mm(const fontset *fs, face f, double size, const char *s)
{
    return PT_TO_MM(fontset_width(fs, f, size, s, strlen(s)));
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    *len = (size_t)ftell(fp);
    rewind(fp);
    unsigned char *p = xmalloc(*len);
    *len = fread(p, 1, *len, fp);
    fclose(fp);
    return p;
}

static void spit(const char *path, const unsigned char *p, size_t len)
{
    FILE *fp = fopen(path, "wb");
    fwrite(p, 1, len, fp);
    fclose(fp);
}

static void test_tinos(void)
{
    fontset fs;
    diag d = {0};
    CHECK(fontset_load(&fs, SOURCE_DIR "/fonts/Tinos-Regular.ttf", NULL, &d) == 0);
    if (!fs.ttf[0]) {
        fprintf(stderr, "%s\n", d.msg);
        return;
    }
    CHECK(strstr(fs.path[FACE_BOLD_ITALIC], "Tinos-BoldItalic.ttf") != NULL);
    /* Values from the spec (measured with Liberation Serif, same metrics). */
    double q = width_mm(&fs, FACE_BOLD, 13, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    double dt = width_mm(&fs, FACE_ITALIC, 13, "Mường Lay, ngày 10 tháng 12 năm 2024");
    CHECK(q > 95.7 - 0.5 && q < 95.7 + 0.5);
    CHECK(dt > 75.0 - 0.5 && dt < 75.0 + 0.5);
    CHECK(fabs(width_mm(&fs, FACE_BOLD, 14, "TM. ỦY BAN NHÂN DÂN") - 56.9) < 0.5);
    CHECK(fabs(width_mm(&fs, FACE_REGULAR, 14, "Kính gửi: ") - 20.2) < 0.5);
    /* Times metrics: space 250, 'H' 722 (regular) in 1/1000 em. */
    CHECK_INT(ttf_advance(fs.ttf[FACE_REGULAR], ' '), 250);
    CHECK_INT(ttf_advance(fs.ttf[FACE_REGULAR], 'H'), 722);
    CHECK(ttf_ascent(fs.ttf[0]) > 850 && ttf_descent(fs.ttf[0]) < -150);
    CHECK(ttf_cap_height(fs.ttf[0]) > 600 && ttf_cap_height(fs.ttf[0]) < 700);
    CHECK(ttf_has(fs.ttf[0], 0x00A0));   /* NBSP keeps "ngày 10" together */
    CHECK(!ttf_has(fs.ttf[0], 0x4E00));
    /* What the PDF font descriptor is made of. */
    const ttf_desc *bold = ttf_describe(fs.ttf[FACE_BOLD]), *italic = ttf_describe(fs.ttf[FACE_ITALIC]);
    CHECK_STR(bold->ps_name, "Tinos-Bold");
    CHECK_STR(italic->ps_name, "Tinos-Italic");
    CHECK(bold->bold && !bold->italic && bold->weight == 700 && !bold->fixed_pitch);
    CHECK(italic->italic && !italic->bold && italic->italic_angle < -5 && italic->italic_angle > -20);
    CHECK(bold->bbox[0] < 0 && bold->bbox[1] < 0 && bold->bbox[2] > 1000 && bold->bbox[3] > 800);
    CHECK(ttf_id(fs.ttf[FACE_BOLD]) != ttf_id(fs.ttf[FACE_ITALIC]));
    CHECK_INT(fontset_missing(&fs, FACE_REGULAR, "Việt Nam"), 0);
    CHECK_INT(fontset_missing(&fs, FACE_REGULAR, "Việt 中 Nam"), 0x4E2D);
    /* Invalid UTF-8 measures as U+FFFD / .notdef and does not crash. */
    CHECK(fontset_width(&fs, FACE_REGULAR, 10, "a\xff" "b", 3) > 0);
    fontset_free(&fs);
}

static void test_coverage(void)
{
    const char *files[] = {SYS "croscore/Tinos-Regular.ttf", SYS "liberation2/LiberationSerif-Regular.ttf",
                           SYS "dejavu/DejaVuSerif.ttf", SOURCE_DIR "/fonts/Tinos-BoldItalic.ttf"};
    size_t n = strlen(VIETNAMESE_LETTERS), count = 0;
    uint32_t cp;
    for (const char *s = VIETNAMESE_LETTERS; *s; count++) {
        int k = utf8_next(s, n, &cp);
        s += k, n -= (size_t)k;
    }
    CHECK_INT(count, 134);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (access(files[i], R_OK) != 0) {
            fprintf(stderr, "skipped (not installed): %s\n", files[i]);
            continue;
        }
        diag d = {0};
        ttf *t = ttf_open(files[i], &d);
        CHECK(t != NULL);
        if (!t)
            continue;
        n = strlen(VIETNAMESE_LETTERS);
        int all = 1;
        for (const char *s = VIETNAMESE_LETTERS; *s;) {
            int k = utf8_next(s, n, &cp);
            all &= ttf_has(t, cp);
            s += k, n -= (size_t)k;
        }
        CHECK(all);
        ttf_close(t);
    }
}

static void test_families(void)
{
    fontset fs;
    diag d = {0};
    if (access(SYS "liberation2/LiberationSerif-Regular.ttf", R_OK) == 0) {
        CHECK(fontset_load(&fs, "Liberation Serif", NULL, &d) == 0);
        if (fs.path[FACE_BOLD]) {
            CHECK(strstr(fs.path[FACE_BOLD], "LiberationSerif-Bold.ttf") != NULL);
            CHECK(strstr(fs.path[FACE_ITALIC], "LiberationSerif-Italic.ttf") != NULL);
        }
        fontset_free(&fs);
    }
    /* fontconfig would substitute some serif font; that must be an error. */
    CHECK(fontset_load(&fs, "No Such Family Baocao", NULL, &d) < 0);
    CHECK_STR(d.key, "font-not-found");
    /* The default is Times New Roman if really installed, else shipped Tinos. */
    CHECK(fontset_load(&fs, NULL, SOURCE_DIR "/fonts", &d) == 0);
    CHECK(fs.family && (strcmp(fs.family, "Times New Roman") == 0 || strcmp(fs.family, "Tinos") == 0));
    fontset_free(&fs);
}

/* A font without Vietnamese (if one is installed) fails naming the letter;
 * broken files fail with a message, never a crash (ASan checks the reads). */
static void test_bad_fonts(void)
{
    diag d = {0};
    fontset fs;
    if (access(SYS "dejavu/DejaVuSansMono.ttf", R_OK) == 0) {
        /* By its file: a fresh Debian's fontconfig may not know the family
         * (font-not-found there); the coverage check is what is tested. */
        CHECK(fontset_load(&fs, SYS "dejavu/DejaVuSansMono.ttf", NULL, &d) < 0);
        CHECK_STR(d.key, "font-coverage");
        CHECK(strstr(d.msg, "DejaVuSansMono.ttf lacks the Vietnamese letter U+1E") != NULL);
    }

    size_t len;
    unsigned char *orig = slurp(SOURCE_DIR "/fonts/Tinos-Regular.ttf", &len);
    CHECK(orig != NULL);
    if (!orig)
        return;
    char tmp[] = "/tmp/baocao-font-XXXXXX";
    int fd = mkstemp(tmp);
    close(fd);

    /* The PostScript name comes from the name table, not the file name. */
    spit(tmp, orig, len);
    ttf *whole = ttf_open(tmp, &d);
    CHECK(whole != NULL);
    if (whole)
        CHECK_STR(ttf_describe(whole)->ps_name, "Tinos");
    ttf_close(whole);

    spit(tmp, orig, 1000);   /* truncated inside the tables */
    CHECK(ttf_open(tmp, &d) == NULL);
    CHECK_STR(d.key, "font-invalid");
    CHECK(strstr(d.msg, tmp) != NULL);

    /* A truncated file in a font set: the error names the file. */
    CHECK(fontset_load(&fs, tmp, NULL, &d) < 0);
    CHECK(strstr(d.msg, tmp) != NULL);

    spit(tmp, (const unsigned char *)"garbage, not a font", 19);
    CHECK(ttf_open(tmp, &d) == NULL);
    CHECK(strstr(d.msg, "not a TrueType font") != NULL);

    /* Corrupt bytes at pseudo-random places; opening may succeed or fail,
     * but lookups on whatever opened must stay in bounds. */
    unsigned char *bad = xmalloc(len);
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        memcpy(bad, orig, len);
        size_t cut = round % 3 == 0 ? len / (size_t)(2 + round % 7) : len;
        for (int k = 0; k < 20; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = round % 2 ? (seed >> 8) % 1200 : (seed >> 8) % cut;  /* directory and heads, or anywhere */
            bad[at] = (unsigned char)(seed >> 3);
        }
        spit(tmp, bad, cut);
        ttf *t = ttf_open(tmp, &d);
        if (t) {
            for (uint32_t cp = 0; cp < 0x20000; cp += 7)
                (void)(ttf_has(t, cp) + ttf_advance(t, cp));
            CHECK(strlen(ttf_describe(t)->ps_name) < sizeof ttf_describe(t)->ps_name);
            ttf_close(t);
        }
    }
    CHECK(1);
    free(bad);
    free(orig);
    unlink(tmp);
    CHECK(ttf_open("/nonexistent/font.ttf", &d) == NULL);
    CHECK_STR(d.key, "font-open");
}

int main(void)
{
    test_tinos();
    test_coverage();
    test_families();
    test_bad_fonts();
    CHECK_DONE();
}
