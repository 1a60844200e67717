/* pdf.c — draws a layout with libharu 2.3.0 (Debian 12) and works around
 * what that version writes wrongly or slowly, through its exported
 * internals (hpdf_doc.h, hpdf_pages.h) rather than a patched library;
 * libharu stays the writer of every object, stream and the file:
 *
 *  - HPDF_LoadTTFontFromFile + HPDF_GetFont re-read and re-parse the font
 *    file for every document, build a /W array and a CIDToGIDMap over all
 *    65,536 codes, embed every table with unused glyphs zeroed, keep only
 *    the first level of composite glyphs (DejaVu Serif drew "Ộ" as "Ô"),
 *    attach the encoding CMap as an invalid /ToUnicode and leave out
 *    /CapHeight and /CIDSet (PDF/A-1). build_font() writes the Type0 font
 *    and everything under it as plain libharu objects instead, from the
 *    ttf.c font the fontset parsed once, for the characters drawn only;
 *  - the page operators (HPDF_Page_ShowText, SetTextMatrix, LineTo…) cost
 *    thousands of instructions per word and position every word with a
 *    whole text matrix: draw_page() writes compact operators into the
 *    page's libharu content stream (see there);
 *  - libharu's zlib stream compression is replaced by libdeflate (set_deflated);
 *  - its UTF-8 encoder builds tables for all 65,536 codes in every document
 *    just to write the Info strings as UTF-16: info_string() does that;
 *  - PDF/A support snapshots Info too early, does not escape XML, writes
 *    /SubType and a time-based /ID: we write XMP, OutputIntent and /ID ourselves.
 *
 * Everything libharu reports goes through on_error() into the first error of
 * the context; the code checks it at each step instead of longjmp-ing, so
 * HPDF_Free() always runs. */
#define _POSIX_C_SOURCE 200809L
#include "pdf.h"

#include <pthread.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <libdeflate.h>

#include "cancel.h"
#include "fileio.h"
#include "sbuf.h"
#include "text.h"

/* One embedded font file; faces that share a file share it. Its CIDs are
 * dense: CID i (1..n) is the i-th smallest code point drawn with it and
 * glyph i of the embedded subset, so /W is one run, the CIDToGIDMap is
 * /Identity and the CIDSet n + 1 bits. */
typedef struct pfont {
    const char *path;
    const ttf *ttf;
    ttf *own;                        /* opened here if the fontset had none */
    HPDF_Dict font;                  /* the Type0 font */
    unsigned char used[65536 / 8];   /* BMP code points drawn with it */
    uint32_t *cps;                   /* code points drawn, ascending; CID = index + 1 */
    size_t ncps, cap;
} pfont;

typedef struct pctx {
    HPDF_Doc pdf;
    const fontset *fs;
    diag *d;
    HPDF_STATUS err, detail;         /* first libharu error, 0 if none */
    pfont fonts[FACE_COUNT];
    int nfonts;
    pfont *face[FACE_COUNT];         /* NULL until the face is first drawn */
    HPDF_Array fields;               /* AcroForm /Fields, NULL if none */
    struct libdeflate_compressor *z; /* NULL until the first stream */
    char producer[64];
} pctx;

static void on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
    pctx *c = user;
    if (!c->err) {
        c->err = err;
        c->detail = detail;
    }
}

/* libharu allocates through these, so like the rest of baocao it never
 * sees NULL from an allocation: constructors such as HPDF_Dict_New cannot
 * fail, and their results need no check. */
static void *hpdf_alloc(HPDF_UINT n) { return xmalloc(n); }
static void hpdf_free(void *p) { free(p); }

/* -1 with a message if libharu has reported an error (during `what`). */
static int failed(pctx *c, const char *what)
{
    if (!c->err)
        return 0;
    return diag_set(c->d, "pdf-libharu", "PDF: libharu error 0x%04X (detail %u) while %s",
                    (unsigned)c->err, (unsigned)c->detail, what);
}

/* A new indirect dictionary (owned by the cross-reference table). */
static HPDF_Dict new_object(pctx *c)
{
    HPDF_Dict obj = HPDF_Dict_New(c->pdf->mmgr);
    HPDF_Xref_Add(c->pdf->xref, obj);
    return obj;
}

/* Streams are compressed here with libdeflate, not by libharu with zlib:
 * at the same level 6 they come out 1.3 % smaller in under half the
 * instructions; levels 10-12 save 2 % more for twice the whole render's
 * instructions (bench/README.md). A stream holds its
 * compressed bytes with libharu's filter off, and its dictionary writer
 * adds the /Filter key libharu would have written. */
#define DEFLATE_LEVEL 6

static HPDF_STATUS write_flate_key(HPDF_Dict obj, HPDF_Stream out)
{
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* p[0..n) zlib-compressed, malloc'd, its length in *zn; *z is the
 * compressor, allocated on first use. */
static unsigned char *deflated(struct libdeflate_compressor **z, const void *p, size_t n,
                               size_t *zn)
{
    if (!*z && !(*z = libdeflate_alloc_compressor(DEFLATE_LEVEL)))
        oom();
    size_t cap = libdeflate_zlib_compress_bound(*z, n);
    unsigned char *out = xmalloc(cap);
    *zn = libdeflate_zlib_compress(*z, p, n, out, cap);
    return out;
}

/* Replaces the contents of stream object obj with z[0..n), already compressed. */
static void put_deflated(HPDF_Dict obj, const unsigned char *z, size_t n)
{
    HPDF_MemStream_FreeData(obj->stream);
    HPDF_Stream_Write(obj->stream, z, (HPDF_UINT)n);
    obj->filter = HPDF_STREAM_FILTER_NONE;
    obj->write_fn = write_flate_key;
}

/* Replaces the contents of stream object obj with p[0..n) compressed. */
static void set_deflated(pctx *c, HPDF_Dict obj, const void *p, size_t n)
{
    size_t zn;
    unsigned char *z = deflated(&c->z, p, n, &zn);
    put_deflated(obj, z, zn);
    free(z);
}

/* A new compressed stream object holding p[0..n). */
static HPDF_Dict new_stream(pctx *c, const void *p, size_t n)
{
    HPDF_Dict obj = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    set_deflated(c, obj, p, n);
    return obj;
}

/* ---- fonts ---------------------------------------------------------------- */

/* baocao builds the font objects itself: HPDF_GetFont would read and parse
 * the font file again for every document and build a /W array and a
 * CIDToGIDMap over all 65,536 codes, for a few hundred characters drawn. */

static pfont *face_font(pctx *c, face f)
{
    if (c->face[f])
        return c->face[f];
    const char *path = c->fs->path[f];
    if (!path) {
        diag_set(c->d, "pdf-font", "PDF: no font file for face %d of %s", (int)f,
                 c->fs->family ? c->fs->family : "the font set");
        return NULL;
    }
    for (int i = 0; i < c->nfonts; i++)
        if (strcmp(c->fonts[i].path, path) == 0)
            return c->face[f] = &c->fonts[i];
    pfont *pf = &c->fonts[c->nfonts++];
    pf->path = path;
    pf->ttf = c->fs->ttf[f];
    if (!pf->ttf && !(pf->ttf = pf->own = ttf_open(path, c->d)))
        return NULL;
    return c->face[f] = pf;
}

/* Bit sets, most significant bit first (the CIDSet layout). */
static void set_bit(unsigned char *bits, unsigned i)
{
    bits[i >> 3] |= (unsigned char)(0x80 >> (i & 7));
}

static int has_bit(const unsigned char *bits, unsigned i)
{
    return bits[i >> 3] & (0x80 >> (i & 7));
}

/* Records the code points of s, drawn with pf. */
static int mark_used(pctx *c, pfont *pf, const char *s)
{
    size_t n = strlen(s);
    uint32_t cp;
    int k;
    for (size_t i = 0; (k = utf8_next(s + i, n - i, &cp)) != 0; i += (size_t)k) {
        if (k < 0)
            return diag_set(c->d, "pdf-utf8", "PDF: invalid UTF-8 in \"%s\"", s);
        if (cp < 0x10000) {
            set_bit(pf->used, cp);
            continue;
        }
        size_t j = 0;
        while (j < pf->ncps && pf->cps[j] != cp)
            j++;
        if (j == pf->ncps) {
            grow(&pf->cps, &pf->cap, pf->ncps + 1, sizeof *pf->cps);
            pf->cps[pf->ncps++] = cp;
        }
    }
    return 0;
}

static int cmp_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The sorted list of code points: the BMP ones from the bit set, then those
 * above it (collected in cps by mark_used). */
static void list_cps(pfont *pf)
{
    size_t above = pf->ncps, n = 0, cap = 0;
    uint32_t *all = NULL;
    for (unsigned i = 0; i < sizeof pf->used; i++)
        for (unsigned cp = 8 * i; pf->used[i] && cp < 8 * i + 8; cp++)
            if (cp > 0 && has_bit(pf->used, cp)) {
                grow(&all, &cap, n + above + 1, sizeof *all);
                all[n++] = cp;
            }
    size_t k = n;
    n += above;
    grow(&all, &cap, n + 1, sizeof *all);
    if (above) {
        qsort(pf->cps, above, sizeof *pf->cps, cmp_cp);
        memcpy(all + k, pf->cps, above * sizeof *all);
    }
    free(pf->cps);
    pf->cps = all;
    pf->ncps = n;
    pf->cap = cap;
}

static unsigned cid_of(const pfont *pf, uint32_t cp)
{
    const uint32_t *p = pf->ncps ? bsearch(&cp, pf->cps, pf->ncps, sizeof cp, cmp_cp) : NULL;
    return p ? (unsigned)(p - pf->cps) + 1 : 0;
}

/* A ToUnicode CMap (CMapType 2) from each CID to its code point in
 * UTF-16BE, in blocks of at most 100 entries: bfrange for runs of
 * consecutive code points within one low-byte range, bfchar for the rest.
 * U+FEFF and U+FFFE are not mapped (PDF/A-2 forbids them as destinations). */
/* <XXXX…>: n 16-bit codes in hex (by hand: printf was a tenth of a page). */
static void put_hex(sbuf *b, const unsigned *v, int n)
{
    static const char digit[] = "0123456789ABCDEF";
    sbuf_putc(b, '<');
    for (int i = 0; i < n; i++) {
        char s[4] = {digit[v[i] >> 12 & 15], digit[v[i] >> 8 & 15], digit[v[i] >> 4 & 15],
                     digit[v[i] & 15]};
        sbuf_add(b, s, 4);
    }
    sbuf_putc(b, '>');
}

static void put_hex4(sbuf *b, unsigned v) { put_hex(b, &v, 1); }

/* A code point in UTF-16BE, a surrogate pair above the BMP. */
static void put_utf16(sbuf *b, uint32_t cp)
{
    unsigned pair[2] = {0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF)};
    if (cp < 0x10000)
        put_hex4(b, cp);
    else
        put_hex(b, pair, 2);
}

/* Appends a bfchar or bfrange block of n entries and empties it. */
static void flush_block(sbuf *b, sbuf *block, unsigned *n, int ranges)
{
    if (*n == 0)
        return;
    sbuf_printf(b, "%u %s\n", *n, ranges ? "beginbfrange" : "beginbfchar");
    sbuf_add(b, block->s, block->len);
    sbuf_puts(b, ranges ? "endbfrange\n" : "endbfchar\n");
    sbuf_reset(block);
    *n = 0;
}

static void to_unicode(const pfont *pf, sbuf *b)
{
    sbuf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    sbuf block = {0};
    unsigned nblock = 0;
    int ranges = 0;
    for (size_t i = 0; i < pf->ncps; i++) {
        uint32_t cp = pf->cps[i];
        if (cp == 0xFEFF || cp == 0xFFFE)
            continue;
        /* A run: consecutive CIDs and code points, one high byte each. */
        size_t j = i;
        while (cp < 0x10000 && j + 1 < pf->ncps && pf->cps[j + 1] == pf->cps[j] + 1 &&
               pf->cps[j + 1] < 0xFEFF && (pf->cps[j + 1] & 0xFF) != 0 && ((j + 2) & 0xFF) != 0)
            j++;
        int range = j > i;
        if (nblock == 100 || range != ranges)      /* at most 100; bfchar and bfrange apart */
            flush_block(b, &block, &nblock, ranges);
        ranges = range;
        put_hex4(&block, (unsigned)i + 1);
        sbuf_putc(&block, ' ');
        if (range) {
            put_hex4(&block, (unsigned)j + 1);
            sbuf_putc(&block, ' ');
        }
        put_utf16(&block, cp);
        sbuf_putc(&block, '\n');
        nblock++;
        i = j;
    }
    flush_block(b, &block, &nblock, ranges);
    sbuf_free(&block);
    sbuf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* Compressed font programs by font and glyph list, kept for the process:
 * the documents of a batch often draw the same glyphs, and compressing
 * the font programs was half of a notice's deflate time. The output is
 * the same bytes whether or not an entry is found; a full cache replaces
 * its entries in turn, so its size does not grow with a batch.
 *
 * Nothing allocates while the lock is held (here and in icc_cache): an
 * out-of-memory unwind (alloc.h) inside it would leave the lock held and
 * every later document of the process waiting. So a hit reads the size,
 * then copies the bytes if the slot's generation is unchanged, and a store
 * swaps prepared pointers in and frees the old ones after unlocking. */
enum { FONT_CACHE = 32 };
static struct {
    pthread_mutex_t lock;
    struct font_entry {
        unsigned long ttf;           /* ttf_id(), 0 if the slot is free */
        unsigned *ids;               /* the glyph list given to ttf_subset() */
        unsigned n;
        unsigned char *z;            /* the font program, compressed */
        size_t zn, len;              /* compressed and uncompressed lengths */
        unsigned long gen;           /* changes whenever the slot is refilled */
    } e[FONT_CACHE];
    size_t next;                     /* slot to fill next */
    unsigned long gen;               /* the last generation given out */
} font_cache = {PTHREAD_MUTEX_INITIALIZER, {{0, NULL, 0, NULL, 0, 0, 0}}, 0, 0};

/* The FontFile2 stream from the cache, NULL if the glyph list is not in it. */
static HPDF_Dict cached_font_file(pctx *c, const ttf *t, const unsigned *ids, unsigned n)
{
    size_t slot = FONT_CACHE, zn = 0, len = 0;
    unsigned long gen = 0;
    pthread_mutex_lock(&font_cache.lock);
    for (size_t i = 0; i < FONT_CACHE && slot == FONT_CACHE; i++) {
        const struct font_entry *e = &font_cache.e[i];
        if (e->ttf == ttf_id(t) && e->n == n && memcmp(e->ids, ids, n * sizeof *ids) == 0)
            slot = i, gen = e->gen, zn = e->zn, len = e->len;
    }
    pthread_mutex_unlock(&font_cache.lock);
    if (slot == FONT_CACHE)
        return NULL;
    unsigned char *z = xmalloc(zn);
    pthread_mutex_lock(&font_cache.lock);
    int same = font_cache.e[slot].gen == gen;
    if (same)
        memcpy(z, font_cache.e[slot].z, zn);
    pthread_mutex_unlock(&font_cache.lock);
    HPDF_Dict data = NULL;
    if (same) {
        data = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
        put_deflated(data, z, zn);
        HPDF_Dict_AddNumber(data, "Length1", (HPDF_UINT32)len);
    }
    free(z);
    return data;
}

/* Keeps ids[0..n) and z[0..zn) (both malloc'd; the cache owns them now). */
static void cache_font_file(const ttf *t, unsigned *ids, unsigned n, unsigned char *z, size_t zn, size_t len)
{
    pthread_mutex_lock(&font_cache.lock);
    struct font_entry *e = &font_cache.e[font_cache.next];
    font_cache.next = (font_cache.next + 1) % FONT_CACHE;
    unsigned *old_ids = e->ids;
    unsigned char *old_z = e->z;
    *e = (struct font_entry){ttf_id(t), ids, n, z, zn, len, ++font_cache.gen};
    pthread_mutex_unlock(&font_cache.lock);
    free(old_ids);
    free(old_z);
}

/* The font program: ttf_subset() with glyph i the glyph of CID i, so the
 * CIDToGIDMap is /Identity. */
static HPDF_Dict font_file(pctx *c, const pfont *pf)
{
    unsigned n = (unsigned)pf->ncps, *ids = xmalloc(((size_t)n + 1) * sizeof *ids);
    for (unsigned i = 0; i < n; i++)
        ids[i] = ttf_glyph(pf->ttf, pf->cps[i]);
    HPDF_Dict data = cached_font_file(c, pf->ttf, ids, n);
    sbuf b = {0};
    if (!data && ttf_subset(pf->ttf, ids, n, &b, c->d) == 0) {
        size_t zn;
        unsigned char *z = deflated(&c->z, b.s, b.len, &zn);
        data = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
        put_deflated(data, z, zn);
        HPDF_Dict_AddNumber(data, "Length1", (HPDF_UINT32)b.len);
        cache_font_file(pf->ttf, ids, n, z, zn, b.len);
        ids = NULL;
    }
    sbuf_free(&b);
    free(ids);
    return data;
}

/* "ABCDEF+": a subset tag (ISO 32000-1 9.6.4) from the name and the code
 * points, so the same subset always gets the same tag. */
static void subset_name(const pfont *pf, char *out, size_t size)
{
    const char *name = ttf_describe(pf->ttf)->ps_name;
    uint32_t h = 2166136261u;
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (size_t i = 0; i < pf->ncps; i++)
        h = (h ^ pf->cps[i]) * 16777619u;
    char tag[7];
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = 0;
    snprintf(out, size, "%s+%s", tag, name);
}

/* The FontDescriptor, with /CIDSet (PDF/A-1 requires it for a subset):
 * one bit per CID whose glyph is embedded: all of them, 0 (.notdef) to n;
 * a code point the font lacks has a copy of .notdef. */
static HPDF_Dict font_descriptor(pctx *c, const pfont *pf, const char *name, HPDF_Dict file)
{
    HPDF_MMgr mm = c->pdf->mmgr;
    const ttf_desc *td = ttf_describe(pf->ttf);
    HPDF_Dict fd = new_object(c);
    HPDF_Array bbox = HPDF_Array_New(mm);
    unsigned char *set = xcalloc(pf->ncps / 8 + 1, 1);
    for (unsigned i = 0; i <= pf->ncps; i++)
        set_bit(set, i);
    for (int i = 0; i < 4; i++)
        HPDF_Array_AddNumber(bbox, td->bbox[i]);
    int italic = td->italic || td->italic_angle != 0;
    HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    HPDF_Dict_AddName(fd, "FontName", name);
    /* Nonsymbolic (the Latin set), FixedPitch, Italic. */
    HPDF_Dict_AddNumber(fd, "Flags", 32 | (td->fixed_pitch ? 1 : 0) | (italic ? 64 : 0));
    HPDF_Dict_Add(fd, "FontBBox", bbox);
    HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)td->italic_angle);
    HPDF_Dict_AddNumber(fd, "Ascent", ttf_ascent(pf->ttf));
    HPDF_Dict_AddNumber(fd, "Descent", ttf_descent(pf->ttf));
    HPDF_Dict_AddNumber(fd, "CapHeight", ttf_cap_height(pf->ttf));
    /* TrueType has no stem width; the usual estimate from the weight class. */
    HPDF_Dict_AddNumber(fd, "StemV", 10 + 220 * (td->weight > 50 ? td->weight - 50 : 0) / 900);
    HPDF_Dict_Add(fd, "CIDSet", new_stream(c, set, pf->ncps / 8 + 1));
    HPDF_Dict_Add(fd, "FontFile2", file);
    free(set);
    return fd;
}

/* The Type0 font, its CIDFontType2, descriptor, font program, ToUnicode
 * and /W, for the code points the layout draws with pf. */
static int build_font(pctx *c, pfont *pf)
{
    HPDF_MMgr mm = c->pdf->mmgr;
    char name[80];
    list_cps(pf);
    subset_name(pf, name, sizeof name);
    HPDF_Dict file = font_file(c, pf);
    if (!file)
        return -1;

    HPDF_Dict cid = new_object(c), info = HPDF_Dict_New(mm);
    HPDF_Array w = HPDF_Array_New(mm), run = HPDF_Array_New(mm);
    for (size_t i = 0; i < pf->ncps; i++)
        HPDF_Array_AddNumber(run, ttf_advance(pf->ttf, pf->cps[i]));
    HPDF_Array_AddNumber(w, 1);
    HPDF_Array_Add(w, run);
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", name);
    HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    HPDF_Dict_Add(cid, "FontDescriptor", font_descriptor(c, pf, name, file));
    HPDF_Dict_Add(cid, "W", w);
    HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

    HPDF_Dict font = new_object(c);
    HPDF_Array desc = HPDF_Array_New(mm);
    sbuf cmap = {0};
    to_unicode(pf, &cmap);
    HPDF_Array_Add(desc, cid);
    HPDF_Dict_AddName(font, "Type", "Font");
    HPDF_Dict_AddName(font, "Subtype", "Type0");
    HPDF_Dict_AddName(font, "BaseFont", name);
    HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    HPDF_Dict_Add(font, "DescendantFonts", desc);
    HPDF_Dict_Add(font, "ToUnicode", new_stream(c, cmap.s, cmap.len));
    sbuf_free(&cmap);
    pf->font = font;
    return 0;
}

/* Every face the layout draws, with the code points it draws. */
static int scan_fonts(pctx *c, const layout *lo)
{
    for (size_t p = 0; p < lo->npages; p++) {
        const lpage *lp = &lo->pages[p];
        for (size_t i = 0; i < lp->n; i++) {
            const litem *it = &lp->items[i];
            if (it->kind != ITEM_TEXT)
                continue;
            pfont *pf = face_font(c, it->face);
            if (!pf || mark_used(c, pf, it->text) < 0)
                return diag_prefix(c->d, "page %zu", p + 1);
        }
    }
    for (int i = 0; i < c->nfonts; i++)
        if (build_font(c, &c->fonts[i]) < 0)
            return -1;
    return failed(c, "embedding the fonts");
}

/* ---- pages ---------------------------------------------------------------- */

/* The page contents are written here into libharu's content stream, not
 * through HPDF_Page_SetTextMatrix/ShowText/MoveTo/LineTo: each of those
 * clears a 512-byte buffer and prints every number with five decimals,
 * 4,000 instructions per word drawn, and a word needs a whole text matrix.
 * Here positions are kept in thousandths of a point (hundredths moved
 * pdftotext's reading order of close table cells), words less than an em
 * apart on one baseline in one font go into one TJ array whose numbers
 * are the gaps between them, and text further along the same baseline is
 * a Td from the last one, computed from the rounded absolute positions so
 * nothing drifts. */

/* n / 10^dec with at most dec decimals, trailing zeros dropped (by hand:
 * printf is most of the cost of a page). */
static void put_fixed(sbuf *b, long n, int dec)
{
    char buf[32], *e = buf + sizeof buf, *p = e;
    unsigned long a = n < 0 ? 0 - (unsigned long)n : (unsigned long)n;
    for (int i = 0; i < dec; i++, a /= 10)
        if (p != e || a % 10)
            *--p = (char)('0' + a % 10);
    if (p != e)
        *--p = '.';
    do
        *--p = (char)('0' + a % 10);
    while ((a /= 10) > 0);
    if (n < 0)
        *--p = '-';
    sbuf_add(b, p, (size_t)(e - p));
}

static long thousandths(double v) { return lround(v * 1000); }

/* A PDF string of the CIDs of text (2 bytes each, Identity-H). */
static void put_cids(sbuf *b, const pfont *pf, const char *text)
{
    size_t n = strlen(text);
    uint32_t cp;
    sbuf_putc(b, '(');
    for (int k; (k = utf8_next(text, n, &cp)) > 0; text += k, n -= (size_t)k) {
        unsigned cid = cid_of(pf, cp);
        unsigned char byte[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
        for (int i = 0; i < 2; i++) {
            switch (byte[i]) {
            case '(': case ')': case '\\': sbuf_putc(b, '\\'); sbuf_putc(b, (char)byte[i]); break;
            case '\r': sbuf_puts(b, "\\r"); break;     /* a raw CR would read as LF */
            default: sbuf_putc(b, (char)byte[i]);
            }
        }
    }
    sbuf_putc(b, ')');
}

/* Advance of text in 1/1000 em. */
static long advance(const pfont *pf, const char *text)
{
    size_t n = strlen(text);
    uint32_t cp;
    long w = 0;
    for (int k; (k = utf8_next(text, n, &cp)) > 0; text += k, n -= (size_t)k)
        w += ttf_advance(pf->ttf, cp);
    return w;
}

typedef struct pen {
    sbuf out;
    sbuf tj;            /* the open text array's elements */
    int parts;          /* how many */
    const pfont *font;
    double size;
    long x, y;          /* text line start, 1/1000 pt */
    double end;         /* where the open TJ array ends, pt; < 0 if none is open */
    int in_text;
} pen;

/* Ends the open text array: one string is shown with Tj. */
static void close_tj(pen *p)
{
    if (p->end >= 0) {
        if (p->parts > 1)
            sbuf_putc(&p->out, '[');
        sbuf_add(&p->out, p->tj.s, p->tj.len);
        sbuf_puts(&p->out, p->parts > 1 ? "] TJ\n" : " Tj\n");
    }
    sbuf_reset(&p->tj);
    p->parts = 0;
    p->end = -1;
}

static void draw_text(pctx *c, HPDF_Page page, pen *p, const litem *it)
{
    const pfont *pf = c->face[it->face];
    long x = thousandths(it->x), y = thousandths(it->y);
    if (!p->in_text) {
        sbuf_puts(&p->out, "BT\n");
        p->in_text = 1;
        p->y = LONG_MIN;     /* no baseline yet */
    }
    if (pf != p->font || it->size != p->size) {
        close_tj(p);
        sbuf_printf(&p->out, "/%s ", HPDF_Page_GetLocalFontName(page, pf->font));
        put_fixed(&p->out, thousandths(it->size), 3);
        sbuf_puts(&p->out, " Tf\n");
        p->font = pf;
        p->size = it->size;
    }
    if (p->end >= 0 && y == p->y && it->x >= p->end - 0.005 && it->x < p->end + it->size) {
        /* The gap from where the array stands, in 1/1000 of the size. */
        long gap = lround((it->x - p->end) * 10000 / it->size);
        if (gap != 0) {
            sbuf_putc(&p->tj, ' ');
            put_fixed(&p->tj, -gap, 1);
            sbuf_putc(&p->tj, ' ');
            p->parts++;
        }
        p->end += (double)gap * it->size / 10000;     /* where the rounded gap puts it */
    } else if (y == p->y) {      /* further along the same baseline */
        close_tj(p);
        put_fixed(&p->out, x - p->x, 3);
        sbuf_puts(&p->out, " 0 Td ");
        p->x = x;
        p->end = x / 1000.0;
    } else {
        /* A new baseline is set absolutely: readers add Td offsets in
         * binary floating point, and pdftotext orders the cells of a table
         * row by exact baseline equality. */
        close_tj(p);
        sbuf_puts(&p->out, "1 0 0 1 ");
        put_fixed(&p->out, x, 3);
        sbuf_putc(&p->out, ' ');
        put_fixed(&p->out, y, 3);
        sbuf_puts(&p->out, " Tm ");
        p->x = x;
        p->y = y;
        p->end = x / 1000.0;
    }
    put_cids(&p->tj, pf, it->text);
    p->parts++;
    p->end += (double)advance(pf, it->text) * it->size / 1000;
}

/* A rule in thousandths of a point, (x1, y1) the lower-left end; kind 0
 * horizontal, 1 vertical, 2 slanted. */
typedef struct seg {
    long w, x1, y1, x2, y2;
    int kind;
} seg;

static seg make_seg(const litem *it)
{
    long x1 = thousandths(it->x), y1 = thousandths(it->y);
    long x2 = thousandths(it->x2), y2 = thousandths(it->y2);
    if (x2 < x1 || (x2 == x1 && y2 < y1)) {
        long t = x1; x1 = x2; x2 = t;
        t = y1; y1 = y2; y2 = t;
    }
    return (seg){thousandths(it->width), x1, y1, x2, y2, y1 == y2 ? 0 : x1 == x2 ? 1 : 2};
}

static int cmp_long(long a, long b) { return (a > b) - (a < b); }

/* By width and kind, then along the line each lies on. */
static int cmp_seg(const void *pa, const void *pb)
{
    const seg *a = pa, *b = pb;
    int r = cmp_long(a->w, b->w);
    if (!r) r = a->kind - b->kind;
    if (!r) r = a->kind == 0 ? cmp_long(a->y1, b->y1) : cmp_long(a->x1, b->x1);
    if (!r) r = a->kind == 0 ? cmp_long(a->x1, b->x1) : cmp_long(a->y1, b->y1);
    if (!r) r = cmp_long(a->x2, b->x2);
    if (!r) r = cmp_long(a->y2, b->y2);
    return r;
}

/* 1 if b continues or overlaps a on the same line (and width), and a is
 * extended to cover it. Table cells each draw their own borders: merged,
 * a grid is one stroke per line instead of four per cell. */
static int merge_seg(seg *a, const seg *b)
{
    if (a->w != b->w || a->kind != b->kind)
        return 0;
    if (a->kind == 0 && b->y1 == a->y1 && b->x1 <= a->x2) {
        a->x2 = b->x2 > a->x2 ? b->x2 : a->x2;
        return 1;
    }
    if (a->kind == 1 && b->x1 == a->x1 && b->y1 <= a->y2) {
        a->y2 = b->y2 > a->y2 ? b->y2 : a->y2;
        return 1;
    }
    return a->kind == 2 && memcmp(a, b, sizeof *a) == 0;
}

/* The page's rules, merged, as one path per line width. */
static void draw_rules(sbuf *out, seg *r, size_t n)
{
    qsort(r, n, sizeof *r, cmp_seg);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || !merge_seg(&r[m - 1], &r[i]))
            r[m++] = r[i];
    for (size_t i = 0; i < m; i++) {
        if (i == 0 || r[i].w != r[i - 1].w) {
            if (i > 0)
                sbuf_puts(out, "S\n");
            put_fixed(out, r[i].w, 3);
            sbuf_puts(out, " w\n");
        }
        const long v[4] = {r[i].x1, r[i].y1, r[i].x2, r[i].y2};
        for (int k = 0; k < 4; k++) {
            put_fixed(out, v[k], 3);
            sbuf_puts(out, k == 1 ? " m " : k == 3 ? " l\n" : " ");
        }
    }
    if (m > 0)
        sbuf_puts(out, "S\n");
}

/* Draws the page's items into its content stream, compressed: the text in
 * one text object, then the rules (nothing on these pages overlaps, so the
 * order does not show). */
static void draw_page(pctx *c, HPDF_Page page, const lpage *lp)
{
    pen p = {.end = -1};
    seg *rules = xmalloc((lp->n + 1) * sizeof *rules);
    size_t nrules = 0;
    for (size_t i = 0; i < lp->n; i++) {
        if (lp->items[i].kind == ITEM_TEXT)
            draw_text(c, page, &p, &lp->items[i]);
        else
            rules[nrules++] = make_seg(&lp->items[i]);
    }
    close_tj(&p);
    if (p.in_text)
        sbuf_puts(&p.out, "ET\n");
    draw_rules(&p.out, rules, nrules);
    set_deflated(c, ((HPDF_PageAttr)page->attr)->contents, p.out.s, p.out.len);
    sbuf_free(&p.out);
    sbuf_free(&p.tj);
    free(rules);
}

/* An empty signature field over r: one merged field/widget dictionary in the
 * page's /Annots and the AcroForm's /Fields, with an empty appearance (PDF/A
 * wants one on every widget), Print + Locked. The AcroForm already says
 * /SigFlags 3, so a signer only adds /V and a new /AP. */
static void add_sig_field(pctx *c, HPDF_Page page, const char *name, const lrect *r)
{
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Box rect = {(HPDF_REAL)r->x, (HPDF_REAL)r->y, (HPDF_REAL)(r->x + r->w),
                     (HPDF_REAL)(r->y + r->h)};
    HPDF_Box bbox = {0, 0, (HPDF_REAL)r->w, (HPDF_REAL)r->h};
    HPDF_Dict f = new_object(c), ap = HPDF_DictStream_New(mm, c->pdf->xref),
              apd = HPDF_Dict_New(mm);
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = HPDF_Array_New(mm);
        HPDF_Dict_Add(page, "Annots", annots);
    }
    HPDF_Dict_AddName(f, "Type", "Annot");
    HPDF_Dict_AddName(f, "Subtype", "Widget");
    HPDF_Dict_AddName(f, "FT", "Sig");
    HPDF_Dict_Add(f, "T", HPDF_String_New(mm, name, NULL));
    HPDF_Dict_AddNumber(f, "F", 132);
    HPDF_Dict_Add(f, "Rect", HPDF_Box_Array_New(mm, rect));
    HPDF_Dict_Add(f, "P", page);
    HPDF_Dict_AddName(ap, "Type", "XObject");
    HPDF_Dict_AddName(ap, "Subtype", "Form");
    HPDF_Dict_Add(ap, "BBox", HPDF_Box_Array_New(mm, bbox));
    HPDF_Dict_Add(apd, "N", ap);
    HPDF_Dict_Add(f, "AP", apd);
    HPDF_Array_Add(annots, f);
    HPDF_Array_Add(c->fields, f);
}

static int check_field(pctx *c, const layout *lo, const char *name, const lrect *r)
{
    if (!name)
        return 0;
    if (r->page < 0 || (size_t)r->page >= lo->npages || r->w <= 0 || r->h <= 0)
        return diag_set(c->d, "pdf-sigfield", "PDF: no box on a page for signature field %s",
                        name);
    return 0;
}

static int draw_pages(pctx *c, const layout *lo, const pdf_meta *m)
{
    if (check_field(c, lo, m->sig_field, &lo->signature) < 0 ||
        check_field(c, lo, m->seal_field, &lo->seal) < 0)
        return -1;
    if (m->sig_field || m->seal_field) {
        HPDF_Dict acro = HPDF_Dict_New(c->pdf->mmgr);
        c->fields = HPDF_Array_New(c->pdf->mmgr);
        HPDF_Dict_Add(acro, "Fields", c->fields);
        HPDF_Dict_AddNumber(acro, "SigFlags", 3);
        HPDF_Dict_Add(c->pdf->catalog, "AcroForm", acro);
    }
    for (size_t i = 0; i < lo->npages; i++) {
        const lpage *lp = &lo->pages[i];
        if (cancel_check(c->d) < 0)
            return -1;
        HPDF_Page page = HPDF_AddPage(c->pdf);
        HPDF_Page_SetWidth(page, (HPDF_REAL)lp->width);
        HPDF_Page_SetHeight(page, (HPDF_REAL)lp->height);
        draw_page(c, page, lp);
        if (m->sig_field && lo->signature.page == (int)i)
            add_sig_field(c, page, m->sig_field, &lo->signature);
        if (m->seal_field && lo->seal.page == (int)i)
            add_sig_field(c, page, m->seal_field, &lo->seal);
        if (failed(c, "drawing"))
            return diag_prefix(c->d, "page %zu", i + 1);
    }
    return 0;
}

/* ---- metadata ------------------------------------------------------------- */

/* An Info string: ASCII as it is, anything else as UTF-16BE with a byte
 * order mark (written in hex). Not through libharu's UTF-8 encoder, whose
 * set-up builds tables for all 65,536 codes in every document. */
static void *info_string(HPDF_MMgr mm, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n && s[i] >= 0x20 && s[i] < 0x7F)
        i++;
    if (i == n)
        return HPDF_String_New(mm, s, NULL);
    sbuf b = {0};
    uint32_t cp;
    sbuf_add(&b, "\xFE\xFF", 2);
    for (int k; (k = utf8_next(s, n, &cp)) != 0; s += k < 0 ? 1 : k, n -= k < 0 ? 1 : (size_t)k) {
        uint32_t u[2] = {cp, 0};
        if (cp >= 0x10000) {
            u[0] = 0xD800 + ((cp - 0x10000) >> 10);
            u[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
        }
        for (int j = 0; j < 2 && u[j]; j++) {
            char be[2] = {(char)(u[j] >> 8), (char)u[j]};
            sbuf_add(&b, be, 2);
        }
    }
    HPDF_Binary obj = HPDF_Binary_New(mm, (HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
    sbuf_free(&b);
    return obj;
}

static void set_info(pctx *c, const pdf_meta *m)
{
    const struct { const char *key, *value; } keys[] = {
        {"Title", m->title},       {"Author", m->author}, {"Subject", m->subject},
        {"Keywords", m->keywords}, {"Creator", m->creator},
    };
    /* The Info dictionary is made by the first attribute set. */
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_PRODUCER, c->producer);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (keys[i].value)
            HPDF_Dict_Add(c->pdf->info, keys[i].key, info_string(c->pdf->mmgr, keys[i].value));
    if (m->year > 0) {
        HPDF_Date when = {m->year, m->month, m->day, 0, 0, 0, '+', 7, 0};
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, when);
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, when);
    }
}

static void xml_escaped(sbuf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': sbuf_puts(b, "&amp;"); break;
        case '<': sbuf_puts(b, "&lt;"); break;
        case '>': sbuf_puts(b, "&gt;"); break;
        case '"': sbuf_puts(b, "&quot;"); break;
        case '\'': sbuf_puts(b, "&apos;"); break;
        default: sbuf_putc(b, *s);
        }
    }
}

/* <tag>[open]value[close]</tag>, if value is set. */
static void xmp_prop(sbuf *b, const char *tag, const char *open, const char *value,
                     const char *close)
{
    if (!value)
        return;
    sbuf_printf(b, "   <%s>%s", tag, open);
    xml_escaped(b, value);
    sbuf_printf(b, "%s</%s>\n", close, tag);
}

/* Custom properties: PDF/A accepts them only with their schema declared in
 * the same packet (ISO 19005-1 6.7.8), so the declaration comes first. */
static void xmp_extension(sbuf *b, const pdf_xmp_schema *x)
{
    sbuf_puts(b, "  <rdf:Description rdf:about=\"\"\n"
                 "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                 "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                 "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                 "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n");
    xmp_prop(b, "pdfaSchema:schema", "", x->title, "");
    xmp_prop(b, "pdfaSchema:namespaceURI", "", x->uri, "");
    xmp_prop(b, "pdfaSchema:prefix", "", x->prefix, "");
    sbuf_puts(b, "   <pdfaSchema:property><rdf:Seq>\n");
    for (size_t i = 0; i < x->nprops; i++) {
        sbuf_puts(b, "   <rdf:li rdf:parseType=\"Resource\">\n");
        xmp_prop(b, "pdfaProperty:name", "", x->props[i].name, "");
        xmp_prop(b, "pdfaProperty:valueType", "", x->props[i].integer ? "Integer" : "Text", "");
        xmp_prop(b, "pdfaProperty:category", "", "external", "");
        xmp_prop(b, "pdfaProperty:description", "", x->props[i].description, "");
        sbuf_puts(b, "   </rdf:li>\n");
    }
    sbuf_puts(b, "   </rdf:Seq></pdfaSchema:property>\n"
                 "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n  </rdf:Description>\n");
    sbuf_printf(b, "  <rdf:Description rdf:about=\"\" xmlns:%s=\"", x->prefix);
    xml_escaped(b, x->uri);
    sbuf_puts(b, "\">\n");
    for (size_t i = 0; i < x->nprops; i++) {
        char tag[128];
        snprintf(tag, sizeof tag, "%s:%s", x->prefix, x->props[i].name);
        xmp_prop(b, tag, "", x->props[i].value, "");
    }
    sbuf_puts(b, "  </rdf:Description>\n");
}

/* The XMP packet PDF/A requires, holding the same values as the Info
 * dictionary. libharu 2.3.0's own (HPDF_PDFA_SetPDFAConformance) copies
 * Info when called, does not escape XML and writes /SubType. */
static void add_xmp(pctx *c, const pdf_meta *m)
{
    static const char *const alt_open = "<rdf:Alt><rdf:li xml:lang=\"x-default\">";
    static const char *const alt_close = "</rdf:li></rdf:Alt>";
    char when[32] = "";
    sbuf b = {0};

    if (m->year > 0)
        snprintf(when, sizeof when, "%04d-%02d-%02dT00:00:00+07:00", m->year, m->month, m->day);
    sbuf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "  <rdf:Description rdf:about=\"\"\n"
                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                  "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                  "   <dc:format>application/pdf</dc:format>\n");
    xmp_prop(&b, "dc:title", alt_open, m->title, alt_close);
    xmp_prop(&b, "dc:creator", "<rdf:Seq><rdf:li>", m->author, "</rdf:li></rdf:Seq>");
    xmp_prop(&b, "dc:description", alt_open, m->subject, alt_close);
    xmp_prop(&b, "pdf:Keywords", "", m->keywords, "");
    xmp_prop(&b, "pdf:Producer", "", c->producer, "");
    xmp_prop(&b, "xmp:CreatorTool", "", m->creator, "");
    xmp_prop(&b, "xmp:CreateDate", "", when[0] ? when : NULL, "");
    xmp_prop(&b, "xmp:ModifyDate", "", when[0] ? when : NULL, "");
    sbuf_printf(&b, "   <pdfaid:part>%d</pdfaid:part>\n"
                    "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                    "  </rdf:Description>\n",
                m->pdfa == PDFA_1B ? 1 : 2);
    if (m->extra)
        xmp_extension(&b, m->extra);
    sbuf_puts(&b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");

    HPDF_Dict xmp = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);   /* not compressed */
    HPDF_Dict_AddName(xmp, "Type", "Metadata");
    HPDF_Dict_AddName(xmp, "Subtype", "XML");
    HPDF_Stream_Write(xmp->stream, (const HPDF_BYTE *)sbuf_str(&b), (HPDF_UINT)b.len);
    HPDF_Dict_Add(c->pdf->catalog, "Metadata", xmp);
    sbuf_free(&b);
}

/* The ICC profile's stream bytes, compressed once per process and path:
 * every document of a batch embeds the same profile (a batch has one
 * path). Entries are never changed or freed once listed, so their bytes
 * are read without the lock, which no allocation runs under (font_cache). */
static struct {
    pthread_mutex_t lock;
    struct icc_entry {
        struct icc_entry *next;
        char *path;
        unsigned char *z;
        size_t n;
    } *list;
} icc_cache = {PTHREAD_MUTEX_INITIALIZER, NULL};

/* The entry of path, or NULL; the caller holds the lock. */
static const struct icc_entry *icc_lookup(const char *path)
{
    const struct icc_entry *e = icc_cache.list;
    while (e && strcmp(e->path, path) != 0)
        e = e->next;
    return e;
}

static int icc_stream(pctx *c, const char *path, HPDF_Dict *out)
{
    pthread_mutex_lock(&icc_cache.lock);
    const struct icc_entry *e = icc_lookup(path);
    pthread_mutex_unlock(&icc_cache.lock);
    if (!e) {
        unsigned char *raw;
        size_t n;
        if (file_read(path, &raw, &n, c->d) < 0)
            return -1;
        struct icc_entry *made = xmalloc(sizeof *made);
        made->path = xstrdup(path);
        made->z = deflated(&c->z, raw, n, &made->n);
        free(raw);
        /* Another thread may have listed the same path meanwhile: its
         * entry has the same bytes and is kept; this one is dropped. */
        pthread_mutex_lock(&icc_cache.lock);
        if (!(e = icc_lookup(path))) {
            made->next = icc_cache.list;
            icc_cache.list = made;
            e = made;
        }
        pthread_mutex_unlock(&icc_cache.lock);
        if (e != made) {
            free(made->path);
            free(made->z);
            free(made);
        }
    }
    *out = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
    put_deflated(*out, e->z, e->n);
    return 0;
}

/* An sRGB OutputIntent. Not HPDF_PDFA_AppendOutputIntents: 2.3.0 names
 * the key "DestOutputProfile " (with a trailing space). */
static int add_output_intent(pctx *c, const pdf_meta *m)
{
    static const char *const cond = "sRGB IEC61966-2.1";
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_Dict icc = NULL;
    if (icc_stream(c, m->icc_path, &icc) < 0)
        return -1;
    HPDF_Dict_AddNumber(icc, "N", 3);
    HPDF_Dict_AddName(icc, "Alternate", "DeviceRGB");
    HPDF_Dict intent = new_object(c);
    HPDF_Array intents = HPDF_Array_New(mm);
    HPDF_Dict_Add(c->pdf->catalog, "OutputIntents", intents);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, cond, NULL));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, cond, NULL));
    HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    return 0;
}

/* ---- output --------------------------------------------------------------- */

#define ID_LEN 16

void pdf_global_init(void)
{
    unsigned char md[32] = {0};
    /* libdeflate detects the CPU's features on its first compression, into
     * a global: do it here, before the threads. */
    struct libdeflate_compressor *z = NULL;
    size_t n;
    free(deflated(&z, md, sizeof md, &n));
    libdeflate_free_compressor(z);
}

/* The trailer /ID must not depend on time or chance. It is written as two
 * all-zero placeholders, then both are replaced by the MD5 of the whole file
 * as written, so it changes exactly when the content does. */
static void add_id(pctx *c)
{
    static HPDF_BYTE zero[ID_LEN];
    HPDF_Array id = HPDF_Array_New(c->pdf->mmgr);
    HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr, zero, ID_LEN));
    HPDF_Array_Add(id, HPDF_Binary_New(c->pdf->mmgr, zero, ID_LEN));
    HPDF_Dict_Add(c->pdf->trailer, "ID", id);
}

static int patch_id(unsigned char *buf, size_t len)
{
    char hole[2 * ID_LEN + 3], hex[2 * ID_LEN + 1];
    unsigned char id[ID_LEN];
    size_t hl = sizeof hole - 1;

    snprintf(hole, sizeof hole, "<%0*d>", 2 * ID_LEN, 0);
    md5(buf, len, id);
    for (int i = 0; i < ID_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02X", id[i]);
    /* The trailer is at the end: search backwards for the two placeholders. */
    int found = 0;
    if (len < hl)
        return -1;
    for (size_t i = len - hl + 1; i-- > 0 && found < 2;)
        if (buf[i] == '<' && memcmp(buf + i, hole, hl) == 0) {
            memcpy(buf + i + 1, hex, 2 * ID_LEN);
            found++;
        }
    return found == 2 ? 0 : -1;
}

static int build(pctx *c, const layout *lo, const pdf_meta *m)
{
    c->pdf->pdf_version = HPDF_VER_14;      /* 2.3.0 writes 1.3 by default */
    snprintf(c->producer, sizeof c->producer, "baocao %s (libharu %s)", BAOCAO_VERSION,
             HPDF_GetVersion());
    if (m->pdfa != PDFA_NONE && !m->icc_path)
        return diag_set(c->d, "pdf-pdfa", "PDF: PDF/A needs an ICC profile");
    if (failed(c, "setting up the document") || scan_fonts(c, lo) < 0 || draw_pages(c, lo, m) < 0)
        return -1;
    set_info(c, m);
    if (m->pdfa != PDFA_NONE) {
        add_xmp(c, m);
        if (add_output_intent(c, m) < 0)
            return -1;
    }
    add_id(c);
    return failed(c, "writing the metadata");
}

/* Saves the document to memory and fills in the /ID; NULL on error. */
static unsigned char *save(pctx *c, size_t *outlen)
{
    HPDF_SaveToStream(c->pdf);
    HPDF_UINT32 len = HPDF_GetStreamSize(c->pdf);
    if (failed(c, "saving"))
        return NULL;
    unsigned char *buf = xmalloc(len);
    HPDF_ReadFromStream(c->pdf, buf, &len);
    if (failed(c, "reading the saved document")) {
        free(buf);
        return NULL;
    }
    if (patch_id(buf, len) < 0) {
        diag_set(c->d, "pdf-id", "PDF: trailer /ID not found in the output");
        free(buf);
        return NULL;
    }
    *outlen = len;
    return buf;
}

int pdf_render(const layout *lo, const fontset *fs, const pdf_meta *m, unsigned char **out,
               size_t *outlen, diag *d)
{
    pctx *c = xcalloc(1, sizeof *c);
    unsigned char *buf = NULL;

    c->fs = fs;
    c->d = d;
    c->pdf = HPDF_NewEx(on_error, hpdf_alloc, hpdf_free, 0, c);
    if (!c->pdf)
        diag_set(d, "pdf-libharu", "PDF: cannot create a libharu document");
    else if (build(c, lo, m) == 0)
        buf = save(c, outlen);
    if (c->pdf)
        HPDF_Free(c->pdf);
    libdeflate_free_compressor(c->z);
    for (int i = 0; i < c->nfonts; i++) {
        ttf_close(c->fonts[i].own);
        free(c->fonts[i].cps);
    }
    free(c);
    if (!buf)
        return -1;
    *out = buf;
    return 0;
}

/* ---- files ---------------------------------------------------------------- */

int pdf_write(const layout *lo, const fontset *fs, const pdf_meta *m, const char *path,
              pdf_result *res, diag *d)
{
    unsigned char *buf;
    size_t len;
    if (pdf_render(lo, fs, m, &buf, &len, d) < 0)
        return -1;
    int rc = file_write_atomic(path, buf, len, d);
    if (rc == 0 && res)
        pdf_result_of(res, lo, buf, len);
    free(buf);
    return rc;
}

void pdf_result_of(pdf_result *res, const layout *lo, const unsigned char *buf, size_t len)
{
    res->pages = (int)lo->npages;
    res->bytes = len;
    sha256(buf, len, res->sha256);
}
