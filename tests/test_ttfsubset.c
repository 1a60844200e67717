/* test_ttfsubset.c — ttf_subset() read back by a separate, minimal sfnt
 * reader: checksums, table set, each glyph asked for at its new id with
 * the original's outline (no instructions) and metrics, composite glyphs pointing at copies of
 * their components at any depth, nothing else in the font.
 * DejaVu Serif (fonts-dejavu-core) has nested composites; Tinos has none. */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include "check.h"
#include "sbuf.h"
#include "text.h"
#include "ttf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXT "Việt Nam ỘẶỆ ợ ự Hạnh phúc 405/BC-UBND"

typedef struct font {
    const unsigned char *p;
    size_t len;
} font;

static uint32_t be(const unsigned char *p, int n)
{
    uint32_t v = 0;
    while (n-- > 0)
        v = v << 8 | *p++;
    return v;
}

static uint32_t sum(const unsigned char *p, size_t len)
{
    uint32_t s = 0;
    for (size_t i = 0; i < len; i += 4) {
        unsigned char w[4] = {0};
        memcpy(w, p + i, len - i < 4 ? len - i : 4);
        s += be(w, 4);
    }
    return s;
}

/* Table tag's data, or NULL (and *len 0). */
static const unsigned char *table(const font *f, const char *tag, size_t *len)
{
    unsigned n = be(f->p + 4, 2);
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *rec = f->p + 12 + 16 * i;
        if (memcmp(rec, tag, 4) == 0) {
            *len = be(rec + 12, 4);
            return f->p + be(rec + 8, 4);
        }
    }
    *len = 0;
    return NULL;
}

static unsigned glyph_count(const font *f)
{
    size_t n;
    return be(table(f, "maxp", &n) + 4, 2);
}

/* Glyph g's bytes; *len 0 for an empty glyph. */
static const unsigned char *glyph(const font *f, unsigned g, size_t *len)
{
    size_t n;
    int long_loca = be(table(f, "head", &n) + 50, 2) != 0;
    const unsigned char *loca = table(f, "loca", &n), *glyf = table(f, "glyf", &n);
    size_t a = long_loca ? be(loca + 4 * g, 4) : 2 * be(loca + 2 * g, 2);
    size_t b = long_loca ? be(loca + 4 * g + 4, 4) : 2 * be(loca + 2 * g + 2, 2);
    *len = b - a;
    return glyf + a;
}

/* Components of composite glyph data (none for a simple glyph). */
static unsigned components(const unsigned char *g, size_t len, unsigned *out)
{
    unsigned n = 0;
    if (len < 10 || (int16_t)be(g, 2) >= 0)
        return 0;
    for (size_t p = 10; p + 4 <= len;) {
        unsigned flags = be(g + p, 2);
        out[n++] = be(g + p + 2, 2);
        if (!(flags & 0x20))
            break;
        p += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    }
    return n;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    sbuf b = {0};
    char chunk[65536];
    size_t k;
    while (fp && (k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        sbuf_add(&b, chunk, k);
    if (fp)
        fclose(fp);
    *len = b.len;
    return (unsigned char *)sbuf_take(&b);
}

/* The glyph of each code point of TEXT in t, repeats included: the list
 * ttf_subset() is given. */
static unsigned *text_glyphs(const ttf *t, unsigned *n)
{
    unsigned *ids = xmalloc(sizeof *ids * strlen(TEXT));
    uint32_t cp;
    int k;
    *n = 0;
    for (const char *s = TEXT; (k = utf8_next(s, strlen(s), &cp)) > 0; s += k)
        ids[(*n)++] = ttf_glyph(t, cp);
    return ids;
}

/* Glyph data g[0..len) without its instructions, as the subset must hold
 * it: a simple glyph with instructionLength 0 and its points after it, a
 * composite cut after its last component with WE_HAVE_INSTRUCTIONS cleared.
 * Returns the new length (out has room for len bytes). */
static size_t outline(const unsigned char *g, size_t len, unsigned char *out)
{
    if (len < 10)
        return 0;
    int contours = (int16_t)be(g, 2);
    if (contours >= 0) {
        size_t il = 10 + 2 * (size_t)contours, points = il + 2 + be(g + il, 2);
        memcpy(out, g, il);
        out[il] = out[il + 1] = 0;
        memcpy(out + il + 2, g + points, len - points);
        return len - points + il + 2;
    }
    memcpy(out, g, len);
    size_t p = 10;
    for (unsigned flags = 0x20; flags & 0x20;) {
        flags = be(g + p, 2);
        out[p] &= ~1u;
        p += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    }
    return p;
}

/* 1 if new glyph g of s is old glyph h of o: the same outline (the bytes
 * without the instructions, and at most one byte of padding) and metrics,
 * but for component indices, which must name copies of h's components. */
static int same_glyph(const font *s, unsigned g, const font *o, unsigned h, int depth)
{
    size_t ls, lo, n;
    const unsigned char *gs = glyph(s, g, &ls), *go = glyph(o, h, &lo);
    const unsigned char *ms = table(s, "hmtx", &n), *mo = table(o, "hmtx", &n);
    unsigned onhm = be(table(o, "hhea", &n) + 34, 2), snhm = be(table(s, "hhea", &n) + 34, 2);
    unsigned cs[64], co[64], k = components(gs, ls, cs);
    unsigned char *a = xmalloc(ls + 1), *b = xmalloc(lo + 1);
    memcpy(a, gs, ls);
    size_t lb = outline(go, lo, b);
    int same = ls >= lb && ls <= lb + 1 && (ls == lb || a[lb] == 0) && ls % 2 == 0;
    same &= k == components(go, lo, co) && depth <= 8 && snhm == glyph_count(s);
    unsigned oadv = be(mo + 4 * (h < onhm ? h : onhm - 1), 2);
    unsigned olsb = h < onhm ? be(mo + 4 * h + 2, 2) : be(mo + 4 * onhm + 2 * (h - onhm), 2);
    same &= be(ms + 4 * g, 2) == oadv && be(ms + 4 * g + 2, 2) == olsb;
    for (unsigned i = 0, p = 10; same && i < k; i++) {   /* blank the indices, compare the rest */
        while (be(a + p + 2, 2) != cs[i])
            p++;
        memset(a + p + 2, 0, 2);
        memset(b + p + 2, 0, 2);
        same &= cs[i] < glyph_count(s) && same_glyph(s, cs[i], o, co[i], depth + 1);
    }
    same &= memcmp(a, b, lb) == 0;
    free(a);
    free(b);
    return same;
}

static void check_subset(const char *path, int nested)
{
    diag d = {0};
    ttf *t = ttf_open(path, &d);
    if (!t) {
        fprintf(stderr, "  %s\n", d.msg);
        CHECK(0);
        return;
    }
    size_t olen;
    unsigned n;
    unsigned char *orig = slurp(path, &olen);
    unsigned *ids = text_glyphs(t, &n);
    font o = {orig, olen};
    sbuf out = {0};
    CHECK(ttf_subset(t, ids, n, &out, &d) == 0);
    font s = {(const unsigned char *)out.s, out.len};
    printf("%s: %zu bytes -> %zu bytes\n", path, olen, out.len);
    CHECK(out.len > 0 && out.len < olen / 10);
    /* Directory: the tables PDF needs, sorted, aligned, checksums right,
     * and the whole file summing to the head's magic. */
    static const char *const want[] = {"glyf", "head", "hhea", "hmtx", "loca", "maxp"};
    unsigned ntables = be(s.p + 4, 2);
    CHECK_INT(ntables, 6);
    for (unsigned i = 0; i < ntables && i < 6; i++) {
        const unsigned char *rec = s.p + 12 + 16 * i;
        size_t off = be(rec + 8, 4), len = be(rec + 12, 4);
        CHECK(memcmp(rec, want[i], 4) == 0);
        CHECK(off % 4 == 0 && off + len <= s.len);
        unsigned char *copy = xmalloc(len);
        memcpy(copy, s.p + off, len);
        if (i == 1)
            memset(copy + 8, 0, 4);               /* head.checkSumAdjustment */
        CHECK(sum(copy, len) == be(rec + 4, 4));
        free(copy);
    }
    CHECK(sum(s.p, s.len) == 0xB1B0AFBAu);
    size_t mlen;
    const unsigned char *maxp = table(&s, "maxp", &mlen);
    CHECK(mlen >= 32 && be(maxp + 26, 2) == 0 && be(maxp + 20, 2) == 0);  /* no instructions */
    /* Glyphs: .notdef first, then each glyph asked for, in order; their
     * components (closed over the original, at any depth) are the rest. */
    unsigned char *listed = xcalloc(glyph_count(&o), 1), *needed = xcalloc(glyph_count(&o), 1);
    unsigned comps[64], extra = 0, nested_seen = 0;
    listed[0] = needed[0] = 1;
    for (unsigned i = 0; i < n; i++)
        listed[ids[i]] = needed[ids[i]] = 1;
    for (int changed = 1; changed;) {
        changed = 0;
        for (unsigned g = 0; g < glyph_count(&o); g++) {
            size_t len;
            const unsigned char *gd = glyph(&o, g, &len);
            unsigned k = needed[g] ? components(gd, len, comps) : 0;
            for (unsigned i = 0; i < k; i++)
                if (!needed[comps[i]]) {
                    needed[comps[i]] = 1;
                    changed = 1;
                    extra++;
                    nested_seen += listed[g] == 0;   /* a component's component */
                }
        }
    }
    CHECK_INT(glyph_count(&s), 1 + n + extra);
    CHECK(same_glyph(&s, 0, &o, 0, 0));
    for (unsigned i = 0; i < n; i++)
        if (!same_glyph(&s, i + 1, &o, ids[i], 0)) {
            fprintf(stderr, "  %s: glyph %u is not the original's %u\n", path, i + 1, ids[i]);
            CHECK(0);
        }
    CHECK(n > 20);
    if (nested)
        CHECK(nested_seen > 0);
    free(listed);
    free(needed);
    free(ids);
    free(orig);
    sbuf_free(&out);
    ttf_close(t);
}

/* Corruptions of Tinos at glyph g (of a code point of TEXT), each an error
 * naming the file and the fault, not a crash or a bad subset. */
static void bad_loca(font *f, unsigned g)
{
    size_t n;
    unsigned char *loca = (unsigned char *)table(f, "loca", &n);
    memset(loca + 4 * (g + 1), 0x7F, 4);              /* Tinos has a long loca */
}

static void bad_instructions(font *f, unsigned g)
{
    size_t len;
    unsigned char *p = (unsigned char *)glyph(f, g, &len);
    CHECK((int16_t)be(p, 2) >= 0);                    /* a simple glyph */
    size_t il = 10 + 2 * (size_t)be(p, 2);           /* instructionLength */
    p[il] = p[il + 1] = 0xFF;
}

static void short_maxp(font *f, unsigned g)
{
    (void)g;
    for (unsigned i = 0; i < be(f->p + 4, 2); i++) {
        unsigned char *rec = (unsigned char *)f->p + 12 + 16 * i;
        if (memcmp(rec, "maxp", 4) == 0)
            rec[14] = 0, rec[15] = 6;                    /* numGlyphs and no more */
    }
}

static void check_corrupt(void (*corrupt)(font *, unsigned), uint32_t cp, const char *expect)
{
    const char *path = SOURCE_DIR "/fonts/Tinos-Regular.ttf";
    char tmp[] = "/tmp/test_ttfsubset-XXXXXX";
    size_t len;
    unsigned char *data = slurp(path, &len);
    font f = {data, len};
    diag d = {0};
    ttf *t = ttf_open(path, &d);
    CHECK(t != NULL);
    if (!t)
        return;
    unsigned g = ttf_glyph(t, cp);
    ttf_close(t);
    corrupt(&f, g);
    int fd = mkstemp(tmp);
    CHECK(fd >= 0 && write(fd, data, len) == (ssize_t)len);
    close(fd);
    t = ttf_open(tmp, &d);
    CHECK(t != NULL);
    if (t) {
        unsigned count, *ids = text_glyphs(t, &count);
        sbuf out = {0};
        CHECK(ttf_subset(t, ids, count, &out, &d) == -1);
        CHECK_STR(d.key, "font-invalid");
        CHECK(strstr(d.msg, tmp) != NULL && strstr(d.msg, expect) != NULL);
        if (!strstr(d.msg, expect))
            fprintf(stderr, "  %s\n", d.msg);
        /* and a glyph id past the font's */
        ids[0] = ttf_glyph_count(t);
        CHECK(ttf_subset(t, ids, 1, &out, &d) == -1);
        CHECK(strstr(d.msg, "asked for") != NULL);
        free(ids);
        sbuf_free(&out);
        ttf_close(t);
    }
    unlink(tmp);
    free(data);
}

int main(void)
{
    check_subset(SOURCE_DIR "/fonts/Tinos-Regular.ttf", 0);
    check_subset(SOURCE_DIR "/fonts/Tinos-BoldItalic.ttf", 0);
    check_subset("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 1);
    check_corrupt(bad_loca, 0x1EC7, "loca");                  /* ệ */
    check_corrupt(bad_instructions, 'N', "instructions run past");
    check_corrupt(short_maxp, 'N', "maxp");
    CHECK_DONE();
}
