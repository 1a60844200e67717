/* fuzz_ttf.c — a font file (seeded with a font of fonts/) through the parser,
 * every query layout makes, and the subsetter keeping a spread of glyphs. */
#include "fuzz.h"
#include "ttf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_put("fuzz.ttf", data, size);
    diag d = {0};
    ttf *f = ttf_open(path, &d);
    if (!f)
        return 0;
    static const uint32_t cps[] = {0, ' ', 'H', 'a', 0xE0, 0x1EA1, 0x1EC7, 0x20AB, 0xFFFF, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        (void)ttf_has(f, cps[i]);
        (void)ttf_advance(f, cps[i]);
        (void)ttf_glyph(f, cps[i]);
    }
    (void)ttf_ascent(f), (void)ttf_descent(f), (void)ttf_cap_height(f);
    unsigned n = ttf_glyph_count(f);
    unsigned char *keep = calloc(n ? n : 1, 1);
    if (n)
        keep[n - 1] = 1;   /* the last glyph (the end of loca), and those of cps */
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        unsigned g = ttf_glyph(f, cps[i]);
        if (g < n)
            keep[g] = 1;
    }
    sbuf out = {0};
    (void)ttf_subset(f, keep, &out, &d);
    sbuf_free(&out);
    free(keep);
    ttf_close(f);
    return 0;
}
