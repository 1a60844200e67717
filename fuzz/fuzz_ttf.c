/* fuzz_ttf.c — a font file (seeded with a font of fonts/) through the parser,
 * every query layout and the PDF make, and the subsetter keeping a spread of
 * glyphs. */
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
    /* The glyphs of cps, the last glyph (the end of loca) and one past it
     * (an id the subsetter must refuse), renumbered as the PDF does. */
    unsigned ids[sizeof cps / sizeof *cps + 2], n = 0;
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
        ids[n++] = ttf_glyph(f, cps[i]);
    ids[n++] = ttf_glyph_count(f) - 1;
    sbuf out = {0};
    (void)ttf_subset(f, ids, n, &out, &d);
    (void)ttf_describe(f);
    ids[n++] = ttf_glyph_count(f);
    sbuf_reset(&out);
    (void)ttf_subset(f, ids, n, &out, &d);
    sbuf_free(&out);
    ttf_close(f);
    return 0;
}
