/* ttf.c — a small TrueType reader (cmap, advance widths, vertical metrics)
 * and the subsetter that builds the font program a PDF embeds.
 *
 * Font files may come from anywhere, so every offset read from the file is
 * checked against the bytes actually present; a bad file is a diag error.
 * At open time the cmap is flattened into a glyph table for the BMP and the
 * advances are converted to 1/1000 em, so a lookup is two array reads. */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC */
#include "ttf.h"
#include "sbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct ttf {
    char *path;
    const unsigned char *data;   /* the whole file, mapped; kept for code points above the BMP */
    size_t len;
    uint32_t cmap12;       /* offset of a format 12 subtable, 0 if none */
    uint16_t *bmp;         /* glyph index of each BMP code point, 0 = .notdef */
    int16_t *adv;          /* advance per glyph, 1/1000 em */
    unsigned nglyphs;
    int ascent, descent, cap_height;
    ttf_desc desc;
    unsigned long id;
};

/* A bounded view of the file: reads past the end yield 0 and set bad. */
typedef struct rd {
    const unsigned char *p;
    size_t len;
    int bad;
} rd;

static int in_range(const rd *r, size_t off, size_t n) { return off <= r->len && n <= r->len - off; }

static uint32_t get(rd *r, size_t off, int bytes)
{
    if (!in_range(r, off, (size_t)bytes)) {
        r->bad = 1;
        return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | r->p[off + (size_t)i];
    return v;
}
#define U16(r, off) ((uint16_t)get(r, off, 2))
#define S16(r, off) ((int16_t)get(r, off, 2))
#define U32(r, off) get(r, off, 4)

/* Finds a table; returns its offset and length, or 0 if absent. */
static int find_table(rd *r, const char *tag, size_t *off, size_t *len)
{
    unsigned n = U16(r, 4);
    for (unsigned i = 0; i < n && !r->bad; i++) {
        size_t rec = 12 + 16 * (size_t)i;
        if (!in_range(r, rec, 16) || memcmp(r->p + rec, tag, 4) != 0)
            continue;
        *off = U32(r, rec + 8);
        *len = U32(r, rec + 12);
        return in_range(r, *off, *len);
    }
    return 0;
}

static int to_milli(int v, unsigned upem) { return (int)((long)v * 1000 / (long)upem); }

/* Format 4: segments of code points mapped by delta or through a glyph array.
 * Segments (and format 12 groups) must be sorted and disjoint, as the spec
 * says; that also bounds the work a hostile file can ask for. */
static int load_cmap4(ttf *f, rd *r, size_t sub, size_t end)
{
    unsigned segs = U16(r, sub + 6) / 2u;
    size_t ends = sub + 14, starts = ends + 2 * (size_t)segs + 2;
    size_t deltas = starts + 2 * (size_t)segs, ranges = deltas + 2 * (size_t)segs;
    if (r->bad || ranges + 2 * (size_t)segs > end)
        return 0;
    long prev = -1;
    for (unsigned s = 0; s < segs; s++) {
        unsigned lo = U16(r, starts + 2 * s), hi = U16(r, ends + 2 * s);
        if ((long)lo <= prev || hi < lo)
            return 0;
        prev = hi;
        unsigned delta = U16(r, deltas + 2 * s), ro = U16(r, ranges + 2 * s);
        for (unsigned c = lo; c <= hi && c < 0xFFFF; c++) {
            unsigned g;
            if (ro == 0) {
                g = (c + delta) & 0xFFFF;
            } else {
                size_t at = ranges + 2 * (size_t)s + ro + 2 * (size_t)(c - lo);
                g = at + 2 <= end ? U16(r, at) : 0;
                if (g)
                    g = (g + delta) & 0xFFFF;
            }
            f->bmp[c] = g < f->nglyphs ? (uint16_t)g : 0;
        }
    }
    return 1;
}

/* Format 12: groups of consecutive code points to consecutive glyphs. */
static int load_cmap12(ttf *f, rd *r, size_t sub, size_t end)
{
    uint32_t n = U32(r, sub + 12);
    if (r->bad || end < sub + 16 || n > (end - sub - 16) / 12)
        return 0;
    int64_t prev = -1;
    for (uint32_t i = 0; i < n; i++) {
        size_t g = sub + 16 + 12 * (size_t)i;
        uint32_t lo = U32(r, g), hi = U32(r, g + 4), gid = U32(r, g + 8);
        if ((int64_t)lo <= prev || hi < lo)
            return 0;
        prev = hi;
        for (uint32_t c = lo; c <= hi && c < 0xFFFF; c++, gid++)
            f->bmp[c] = gid < f->nglyphs ? (uint16_t)gid : 0;
    }
    return 1;
}

static uint32_t glyph12(const ttf *f, uint32_t cp)
{
    rd r = {f->data, f->len, 0};
    uint32_t n = U32(&r, f->cmap12 + 12);
    for (uint32_t i = 0; i < n; i++) {
        size_t g = f->cmap12 + 16 + 12 * (size_t)i;
        uint32_t lo = U32(&r, g), hi = U32(&r, g + 4);
        if (cp >= lo && cp <= hi) {
            uint32_t gid = U32(&r, g + 8) + (cp - lo);
            return gid < f->nglyphs ? gid : 0;
        }
    }
    return 0;
}

static unsigned glyph(const ttf *f, uint32_t cp)
{
    if (cp < 0xFFFF)
        return f->bmp[cp];
    return f->cmap12 ? glyph12(f, cp) : 0;
}

/* Picks the Unicode subtable: full repertoire (3,10) first, then BMP (3,1),
 * then the Unicode platform (0,*). */
static const char *load_cmap(ttf *f, rd *r)
{
    size_t off, len;
    if (!find_table(r, "cmap", &off, &len))
        return "no cmap table";
    rd t = {r->p + off, len, 0};
    unsigned n = U16(&t, 2);
    static const unsigned pref[][2] = {{3, 10}, {3, 1}, {0, 6}, {0, 4}, {0, 3}};
    for (size_t k = 0; k < sizeof pref / sizeof *pref; k++) {
        for (unsigned i = 0; i < n && !t.bad; i++) {
            size_t rec = 4 + 8 * (size_t)i;
            if (U16(&t, rec) != pref[k][0] || U16(&t, rec + 2) != pref[k][1])
                continue;
            size_t sub = U32(&t, rec + 4);
            unsigned fmt = U16(&t, sub);
            if (t.bad)
                return "cmap subtable outside the table";
            /* Format 4's 16-bit length overflows in big fonts: bound by the table. */
            int ok;
            if (fmt == 4) {
                ok = load_cmap4(f, &t, sub, len);
            } else if (fmt == 12) {
                size_t end = sub + U32(&t, sub + 4);
                ok = load_cmap12(f, &t, sub, end < len ? end : len);
                f->cmap12 = ok ? (uint32_t)(off + sub) : 0;
            } else {
                continue;
            }
            return ok && !t.bad ? NULL : "bad cmap subtable";
        }
    }
    return "no Unicode cmap (format 4 or 12)";
}

/* Cap height: OS/2 sCapHeight from version 2 on, else the top of 'H'. */
static int cap_height(const ttf *f, rd *r, unsigned upem, unsigned long_loca)
{
    size_t off, len;
    if (find_table(r, "OS/2", &off, &len) && len >= 90 && U16(r, off) >= 2 && S16(r, off + 88) > 0)
        return to_milli(S16(r, off + 88), upem);
    size_t loff, llen, goff, glen;
    unsigned g = glyph(f, 'H');
    if (g && find_table(r, "loca", &loff, &llen) && find_table(r, "glyf", &goff, &glen)) {
        size_t at = long_loca ? U32(r, loff + 4 * (size_t)g) : 2 * (size_t)U16(r, loff + 2 * (size_t)g);
        if ((long_loca ? 4 : 2) * ((size_t)g + 1) <= llen && at + 10 <= glen && !r->bad)
            return to_milli(S16(r, goff + at + 8), upem);
    }
    return 700;
}

/* name ID 6 from a Windows (UTF-16BE) or Mac Roman record, keeping only
 * what a PDF name may hold unescaped; else the file name's stem. */
static void ps_name(ttf *f, rd *r)
{
    char *out = f->desc.ps_name;
    size_t n = 0, off, len;
    if (find_table(r, "name", &off, &len)) {
        rd t = {r->p + off, len, 0};
        unsigned count = U16(&t, 2), strings = U16(&t, 4);
        for (unsigned i = 0; i < count && !t.bad && n == 0; i++) {
            size_t rec = 6 + 12 * (size_t)i;
            unsigned plat = U16(&t, rec), id = U16(&t, rec + 6);
            size_t slen = U16(&t, rec + 8), at = strings + (size_t)U16(&t, rec + 10);
            if (id != 6 || (plat != 1 && plat != 3) || !in_range(&t, at, slen))
                continue;
            size_t step = plat == 3 ? 2 : 1;
            for (size_t k = step - 1; k < slen && n + 1 < sizeof f->desc.ps_name; k += step) {
                unsigned char c = t.p[at + k];
                if ((plat == 1 || t.p[at + k - 1] == 0) && c > 0x20 && c < 0x7F &&
                    !strchr("()<>[]{}/%#", c))
                    out[n++] = (char)c;
            }
        }
    }
    if (n == 0) {
        const char *base = strrchr(f->path, '/') ? strrchr(f->path, '/') + 1 : f->path;
        for (; *base && *base != '.' && n + 1 < sizeof f->desc.ps_name; base++)
            if (*base > 0x20 && *base < 0x7F && !strchr("()<>[]{}/%#", *base))
                out[n++] = *base;
    }
    out[n] = 0;
}

/* The font descriptor's facts (ttf_describe); absent optional tables leave
 * the defaults. */
static void describe(ttf *f, rd *r, size_t head, unsigned upem)
{
    size_t off, len;
    for (int i = 0; i < 4; i++)
        f->desc.bbox[i] = to_milli(S16(r, head + 36 + 2 * (size_t)i), upem);
    unsigned style = U16(r, head + 44);
    f->desc.bold = style & 1;
    f->desc.italic = (style >> 1) & 1;
    f->desc.weight = 400;
    if (find_table(r, "OS/2", &off, &len) && len >= 6)
        f->desc.weight = U16(r, off + 4);
    if (find_table(r, "post", &off, &len) && len >= 16) {
        f->desc.italic_angle = (int32_t)U32(r, off + 4) / 65536.0;
        f->desc.fixed_pitch = U32(r, off + 12) != 0;
    }
    ps_name(f, r);
}

static const char *parse(ttf *f)
{
    rd r = {f->data, f->len, 0};
    uint32_t tag = U32(&r, 0);
    if (tag == 0x4F54544F) /* "OTTO" */
        return "CFF-based OpenType is not supported (need TrueType outlines)";
    if (tag != 0x00010000 && tag != 0x74727565 /* "true" */)
        return "not a TrueType font";
    if (!in_range(&r, 12, 16 * (size_t)U16(&r, 4)))
        return "table directory truncated";

    size_t off, len;
    if (!find_table(&r, "head", &off, &len) || len < 54)
        return "missing or short head table";
    unsigned upem = U16(&r, off + 18);
    unsigned long_loca = U16(&r, off + 50) != 0;
    if (upem < 16 || upem > 16384)
        return "unitsPerEm out of range";
    describe(f, &r, off, upem);
    if (!find_table(&r, "maxp", &off, &len) || len < 6)
        return "missing maxp table";
    f->nglyphs = U16(&r, off + 4);
    if (f->nglyphs == 0)
        return "font has no glyphs";
    if (!find_table(&r, "hhea", &off, &len) || len < 36)
        return "missing or short hhea table";
    f->ascent = to_milli(S16(&r, off + 4), upem);
    f->descent = to_milli(S16(&r, off + 6), upem);
    unsigned nhm = U16(&r, off + 34);
    if (nhm == 0 || nhm > f->nglyphs)
        return "bad numberOfHMetrics";
    if (!find_table(&r, "hmtx", &off, &len) || len < 4 * (size_t)nhm)
        return "missing or short hmtx table";
    /* Glyphs past numberOfHMetrics repeat the last advance (monospaced tails). */
    f->adv = xmalloc(f->nglyphs * sizeof *f->adv);
    for (unsigned g = 0; g < f->nglyphs; g++)
        f->adv[g] = (int16_t)to_milli(U16(&r, off + 4 * (size_t)(g < nhm ? g : nhm - 1)), upem);

    f->bmp = xcalloc(0x10000, sizeof *f->bmp);
    const char *err = load_cmap(f, &r);
    if (err)
        return err;
    f->cap_height = cap_height(f, &r, upem, long_loca);
    return r.bad ? "font data truncated" : NULL;
}

/* The file is mapped, not read: a document touches a few hundred of a font's
 * thousands of glyphs, and reading 4 × 550 KB on every run cost more than
 * laying the report out. Fonts are installed files, replaced by rename
 * (dpkg), which leaves a mapping valid. */
ttf *ttf_open(const char *path, diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        diag_set(d, "font-open", "%s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    const char *err = !S_ISREG(st.st_mode) ? "not a regular file" : st.st_size < 12 ? "font data truncated" : NULL;
    void *map = err ? MAP_FAILED : mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (!err && map == MAP_FAILED)
        err = strerror(errno);
    close(fd);
    if (err) {
        diag_set(d, "font-invalid", "%s: %s", path, err);
        return NULL;
    }
    static atomic_ulong opened;
    ttf *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->id = atomic_fetch_add(&opened, 1) + 1;
    f->data = map;
    f->len = (size_t)st.st_size;
    if ((err = parse(f))) {
        diag_set(d, "font-invalid", "%s: %s", path, err);
        ttf_close(f);
        return NULL;
    }
    return f;
}

void ttf_close(ttf *f)
{
    if (!f)
        return;
    free(f->path);
    if (f->data)
        munmap((void *)f->data, f->len);
    free(f->bmp);
    free(f->adv);
    free(f);
}

int ttf_has(const ttf *f, uint32_t cp) { return glyph(f, cp) != 0; }
int ttf_advance(const ttf *f, uint32_t cp) { return f->adv[glyph(f, cp)]; }
int ttf_ascent(const ttf *f) { return f->ascent; }
int ttf_descent(const ttf *f) { return f->descent; }
int ttf_cap_height(const ttf *f) { return f->cap_height; }
const char *ttf_path(const ttf *f) { return f->path; }
const ttf_desc *ttf_describe(const ttf *f) { return &f->desc; }
unsigned long ttf_id(const ttf *f) { return f->id; }
unsigned ttf_glyph(const ttf *f, uint32_t cp) { return glyph(f, cp); }
unsigned ttf_glyph_count(const ttf *f) { return f->nglyphs; }

/* ---- subsetting ------------------------------------------------------------ */

/* What a PDF needs of a TrueType font program (ISO 32000-1, 9.9), in tag
 * order as the table directory wants it. cmap is for simple fonts only;
 * name, post, OS/2 and the layout tables (GSUB, GPOS, kern) are not read
 * by PDF consumers of a CIDFontType2. The hinting (cvt, fpgm, prep and each
 * glyph's instructions) is left out: it was half of a subset's bytes, and
 * viewers and printers draw the outlines without it at the sizes a page is
 * shown or printed; PDF/A only asks for the glyphs' outlines and metrics. */
static const char *const SUBSET_TAGS[] = {"glyf", "head", "hhea", "hmtx", "loca", "maxp"};
#define NSUBSET (sizeof SUBSET_TAGS / sizeof *SUBSET_TAGS)
enum { GLYF, HEAD, HHEA, HMTX, LOCA, MAXP };   /* SUBSET_TAGS indexes */

typedef struct glyphs {
    rd *r;
    size_t loca, glyf, glyf_len;
    int long_loca;
    unsigned n;
} glyphs;

/* Offset (in the file) and length of glyph g's data; -1 if loca is bad. */
static int glyph_span(const glyphs *gs, unsigned g, size_t *off, size_t *len)
{
    size_t a, b;
    if (gs->long_loca) {
        a = U32(gs->r, gs->loca + 4 * (size_t)g);
        b = U32(gs->r, gs->loca + 4 * (size_t)g + 4);
    } else {
        a = 2 * (size_t)U16(gs->r, gs->loca + 2 * (size_t)g);
        b = 2 * (size_t)U16(gs->r, gs->loca + 2 * (size_t)g + 2);
    }
    if (gs->r->bad || a > b || b > gs->glyf_len)
        return -1;
    *off = gs->glyf + a;
    *len = b - a;
    return 0;
}

/* The component records of composite glyph data p[0..len): calls fn with
 * the offset of each record's glyph index; nothing for a simple glyph.
 * Records: flags, glyphIndex, two arguments of 1 or 2 bytes each, then an
 * optional scale of 2, 4 or 8 bytes. */
typedef int (*component_fn)(void *arg, size_t at, unsigned comp);

/* Returns the offset just past the last record (where a composite's
 * instructions start), 0 for a simple or empty glyph, or fn's error. */
static long each_component(rd *r, size_t off, size_t len, component_fn fn, void *arg)
{
    if (len < 10 || S16(r, off) >= 0)      /* empty or simple glyph */
        return 0;
    size_t p = 10;
    while (p + 4 <= len) {
        unsigned flags = U16(r, off + p);
        int rc = fn(arg, p + 2, U16(r, off + p + 2));
        if (rc < 0)
            return rc;
        p += 4 + (flags & 0x0001 ? 4 : 2) +
             (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
        if (!(flags & 0x0020))                     /* MORE_COMPONENTS */
            break;
    }
    return (long)(p < len ? p : len);
}

#define NO_ID UINT_MAX

/* The new glyph order: .notdef, the glyphs asked for, then the components
 * of composite glyphs at any depth (in DejaVu the dot below of most
 * Vietnamese capitals is a component of a component), each once. */
typedef struct order {
    const glyphs *gs;
    unsigned *old;          /* old id of each new glyph */
    unsigned *new_id;       /* new id of each old glyph (its first), NO_ID if absent */
    unsigned n;
    diag *d;
    unsigned g;             /* the composite being read */
} order;

static unsigned add_glyph(order *o, unsigned old)
{
    if (o->new_id[old] == NO_ID)
        o->new_id[old] = o->n;
    o->old[o->n] = old;
    return o->n++;
}

static int queue_component(void *arg, size_t at, unsigned comp)
{
    order *o = arg;
    if (comp >= o->gs->n)
        return diag_set(o->d, "font-invalid", "composite glyph %u uses glyph %u of %u", o->g,
                        comp, o->gs->n);
    if (o->new_id[comp] == NO_ID)
        add_glyph(o, comp);
    return 0;
}

static int make_order(order *o, const unsigned *ids, unsigned n)
{
    add_glyph(o, 0);
    for (unsigned i = 0; i < n; i++) {
        if (ids[i] >= o->gs->n)
            return diag_set(o->d, "font-invalid", "glyph %u asked for, the font has %u", ids[i],
                            o->gs->n);
        add_glyph(o, ids[i]);
    }
    for (unsigned i = 0; i < o->n; i++) {      /* o->n grows as components are found */
        size_t off, len;
        o->g = o->old[i];
        if (glyph_span(o->gs, o->g, &off, &len) < 0)
            return diag_set(o->d, "font-invalid", "loca entry of glyph %u is out of range", o->g);
        if (each_component(o->gs->r, off, len, queue_component, o) < 0)
            return -1;
    }
    return 0;
}

static void put16(sbuf *b, unsigned v)
{
    char c[2] = {(char)(v >> 8), (char)v};
    sbuf_add(b, c, 2);
}

static void put32(sbuf *b, uint32_t v)
{
    put16(b, v >> 16);
    put16(b, v & 0xFFFF);
}

static void set16(sbuf *b, size_t at, unsigned v)
{
    b->s[at] = (char)(v >> 8);
    b->s[at + 1] = (char)v;
}

static uint32_t checksum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < len; i += 4) {
        uint32_t w = 0;
        for (size_t k = 0; k < 4; k++)
            w = w << 8 | (i + k < len ? p[i + k] : 0);
        sum += w;
    }
    return sum;
}

/* Rewrites a copied component's glyph index to its new id. */
typedef struct renumber {
    sbuf *glyf;
    size_t start;           /* the glyph's offset in glyf */
    const unsigned *new_id;
} renumber;

/* Rewrites a copied component's glyph index to its new id, and clears its
 * WE_HAVE_INSTRUCTIONS flag (the copy has none). */
static int set_component(void *arg, size_t at, unsigned comp)
{
    renumber *rn = arg;
    rn->glyf->s[rn->start + at - 2] &= (char)~0x01;
    rn->glyf->s[rn->start + at] = (char)(rn->new_id[comp] >> 8);
    rn->glyf->s[rn->start + at + 1] = (char)rn->new_id[comp];
    return 0;
}

static int no_op(void *arg, size_t at, unsigned comp)
{
    (void)arg, (void)at, (void)comp;
    return 0;
}

/* Appends glyph data r[off..off+len) without its instructions, padded to an
 * even length so that the short loca stays possible; -1 if the data is
 * inconsistent. A simple glyph keeps its header and contour ends, gets an
 * instruction length of 0 and keeps its flags and coordinates as they are;
 * a composite keeps its component records. */
static int add_outline(rd *r, size_t off, size_t len, sbuf *glyf)
{
    const char *p = (const char *)r->p + off;
    if (len == 0)
        return 0;
    if (len < 10)
        return -1;
    int contours = S16(r, off);
    if (contours >= 0) {
        size_t il = 10 + 2 * (size_t)contours;         /* instructionLength */
        if (il + 2 > len || il + 2 + U16(r, off + il) > len)
            return -1;
        size_t points = il + 2 + U16(r, off + il);
        sbuf_add(glyf, p, il);
        put16(glyf, 0);
        sbuf_add(glyf, p + points, len - points);
    } else {
        sbuf_add(glyf, p, (size_t)each_component(r, off, len, no_op, NULL));
    }
    if (glyf->len & 1)
        sbuf_putc(glyf, 0);
    return 0;
}

/* glyf and loca in the new order, composite glyphs pointing at their
 * components' new ids. The short loca format (offsets / 2) is used when
 * every offset allows it. */
static int build_glyf(const order *o, sbuf *glyf, sbuf *loca, int *long_loca)
{
    uint32_t *at = xmalloc(sizeof *at * (o->n + 1));
    int odd = 0;
    for (unsigned i = 0; i < o->n; i++) {
        size_t off, len;
        at[i] = (uint32_t)glyf->len;
        odd |= (int)(glyf->len & 1);
        glyph_span(o->gs, o->old[i], &off, &len);      /* checked by make_order */
        renumber rn = {glyf, glyf->len, o->new_id};
        if (add_outline(o->gs->r, off, len, glyf) < 0) {
            free(at);
            return diag_set(o->d, "font-invalid", "glyph %u: its contours or instructions run "
                            "past its end", o->old[i]);
        }
        each_component(o->gs->r, off, len, set_component, &rn);
    }
    at[o->n] = (uint32_t)glyf->len;
    odd |= (int)(glyf->len & 1);
    *long_loca = odd || glyf->len > 0x1FFFE;
    for (unsigned i = 0; i <= o->n; i++) {
        if (*long_loca)
            put32(loca, at[i]);
        else
            put16(loca, at[i] / 2);
    }
    free(at);
    return 0;
}

/* hmtx in the new order, every glyph with its own advance and left side
 * bearing (numberOfHMetrics = the glyph count). */
static void build_hmtx(rd *r, size_t hmtx, unsigned nhm, const order *o, sbuf *out)
{
    for (unsigned i = 0; i < o->n; i++) {
        unsigned g = o->old[i];
        put16(out, U16(r, hmtx + 4 * (size_t)(g < nhm ? g : nhm - 1)));
        put16(out, g < nhm ? U16(r, hmtx + 4 * (size_t)g + 2)
                           : U16(r, hmtx + 4 * (size_t)nhm + 2 * (size_t)(g - nhm)));
    }
}

static void set32(sbuf *b, size_t at, uint32_t v)
{
    set16(b, at, v >> 16);
    set16(b, at + 2, v & 0xFFFF);
}

/* The font file: offset table, table directory (the tables t[] that are not
 * empty, in SUBSET_TAGS order), the tables padded to 4 bytes, and the head's
 * checkSumAdjustment (t[HEAD] holds 0 there) making the whole file sum to
 * 0xB1B0AFBA. */
static void write_sfnt(sbuf *out, const sbuf *t)
{
    unsigned ntables = 0, pow2 = 1, log2 = 0;
    for (size_t i = 0; i < NSUBSET; i++)
        ntables += t[i].len > 0;
    while (pow2 * 2 <= ntables) {
        pow2 *= 2;
        log2++;
    }
    size_t start = out->len, at = 12 + 16 * (size_t)ntables, head_at = 0;
    put32(out, 0x00010000);
    put16(out, ntables);
    put16(out, 16 * pow2);
    put16(out, log2);
    put16(out, 16 * (ntables - pow2));
    for (size_t i = 0; i < NSUBSET; i++) {
        if (t[i].len == 0)
            continue;
        sbuf_add(out, SUBSET_TAGS[i], 4);
        put32(out, checksum((const unsigned char *)t[i].s, t[i].len));
        put32(out, (uint32_t)at);
        put32(out, (uint32_t)t[i].len);
        if (i == HEAD)
            head_at = at;
        at += (t[i].len + 3) & ~(size_t)3;
    }
    for (size_t i = 0; i < NSUBSET; i++) {
        sbuf_add(out, t[i].s ? t[i].s : "", t[i].len);
        sbuf_add(out, "\0\0\0", (4 - t[i].len % 4) % 4);
    }
    set32(out, start + head_at + 8,
          0xB1B0AFBA - checksum((const unsigned char *)out->s + start, out->len - start));
}

/* A copy of a source table, or an empty buffer if the font lacks it. */
static void copy_table(rd *r, const char *tag, sbuf *out)
{
    size_t off, len;
    if (find_table(r, tag, &off, &len))
        sbuf_add(out, (const char *)r->p + off, len);
}

int ttf_subset(const ttf *f, const unsigned *ids, unsigned n, sbuf *out, diag *d)
{
    rd r = {f->data, f->len, 0};
    glyphs gs = {&r, 0, 0, 0, 0, f->nglyphs};
    size_t len, hmtx;
    sbuf t[NSUBSET] = {{0}};
    int rc = -1;

    if (!find_table(&r, "loca", &gs.loca, &len) || !find_table(&r, "glyf", &gs.glyf, &gs.glyf_len) ||
        !find_table(&r, "hmtx", &hmtx, &len))
        return diag_set(d, "font-invalid", "%s: no glyf, loca or hmtx table", f->path);
    for (size_t i = 0; i < NSUBSET; i++)
        if (i != GLYF && i != HMTX && i != LOCA)
            copy_table(&r, SUBSET_TAGS[i], &t[i]);
    rd head = {(const unsigned char *)t[HEAD].s, t[HEAD].len, 0},
       hhea = {(const unsigned char *)t[HHEA].s, t[HHEA].len, 0};
    gs.long_loca = U16(&head, 50) != 0;
    unsigned nhm = U16(&hhea, 34);

    /* At most every glyph once more than asked for. */
    order o = {&gs, xmalloc(sizeof *o.old * ((size_t)n + 1 + f->nglyphs)),
               xmalloc(sizeof *o.new_id * f->nglyphs), 0, d, 0};
    for (unsigned g = 0; g < f->nglyphs; g++)
        o.new_id[g] = NO_ID;
    int long_loca = 1;
    if (make_order(&o, ids, n) < 0)
        goto done;
    if (t[HEAD].len < 54 || t[HHEA].len < 36 || t[MAXP].len < 32) {
        rc = diag_set(d, "font-invalid", "head, hhea or maxp table missing or short");
        goto done;
    }
    if (build_glyf(&o, &t[GLYF], &t[LOCA], &long_loca) < 0)
        goto done;
    build_hmtx(&r, hmtx, nhm, &o, &t[HMTX]);
    set16(&t[HEAD], 50, (unsigned)long_loca);
    set16(&t[HHEA], 34, o.n);
    set16(&t[MAXP], 4, o.n);
    /* Without instructions: no twilight points, storage, functions,
     * instruction definitions, stack or instructions (maxZones stays). */
    for (size_t at = 16; at <= 26; at += 2)
        set16(&t[MAXP], at, 0);
    set32(&t[HEAD], 8, 0);                             /* checkSumAdjustment */

    write_sfnt(out, t);
    rc = r.bad ? diag_set(d, "font-invalid", "font data truncated") : 0;
done:
    if (rc < 0)
        diag_prefix(d, "%s", f->path);
    free(o.old);
    free(o.new_id);
    for (size_t i = 0; i < NSUBSET; i++)
        sbuf_free(&t[i]);
    return rc;
}
