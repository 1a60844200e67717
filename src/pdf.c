/* pdf.c — draws a layout with libharu 2.3.0 (Debian 12) and repairs what
 * that version writes wrongly, through its exported internals (hpdf_doc.h,
 * hpdf_font.h, hpdf_fontdef.h) rather than a patched library:
 *
 *  - the embedded font program is the whole font with unused glyphs
 *    zeroed, and composite glyphs keep only their first level of components
 *    (DejaVu Serif drew "Ộ" as "Ô" and "ạ" as "a"): embed_subset() writes
 *    a real subset built by ttf_subset() instead;
 *  - the ToUnicode CMap is the encoding CMap, invalid as a ToUnicode map
 *    (poppler warns) and /Ordering is "Identity-H": fix_cmap();
 *  - /W and the CIDToGIDMap cover the whole font, and the FontDescriptor
 *    lacks /CapHeight and /CIDSet (PDF/A-1): fix_cid_font();
 *  - PDF/A support snapshots Info too early, does not escape XML, writes
 *    /SubType and a time-based /ID: we write XMP, OutputIntent and /ID ourselves.
 *
 * Everything libharu reports goes through on_error() into the first error of
 * the context; the code checks it at each step instead of longjmp-ing, so
 * HPDF_Free() always runs. Text is drawn with the "UTF-8" encoder: the code
 * of a character is its BMP code point, the CID equals that code, and the
 * CIDToGIDMap maps it to the glyph. */
#define _POSIX_C_SOURCE 200809L
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <openssl/evp.h>

#include "fileio.h"
#include "sbuf.h"
#include "text.h"

/* One embedded font file; faces that share a file share it. */
typedef struct pfont {
    const char *path;
    const ttf *ttf;                  /* the same file, read by ttf.c */
    ttf *own;                        /* opened here if the fontset had none */
    HPDF_Font font;
    unsigned char used[65536 / 8];   /* codes (= CIDs) drawn with it */
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

/* ---- fonts ---------------------------------------------------------------- */

/* HPDF_GetFont builds a /W array and a CIDToGIDMap over all 65,536 codes,
 * finding each code's glyph by a linear search of the cmap's segments:
 * three quarters of a whole render's time, for two objects fix_cid_font()
 * rewrites anyway. While it runs, the fontdef gets a one-segment cmap that
 * maps nothing; the real one is put back for libharu's text widths. */
static HPDF_Font get_font(pctx *c, const char *name)
{
    HPDF_FontDef def = HPDF_Doc_FindFontDef(c->pdf, name);
    if (!def)
        return NULL;
    HPDF_TTFontDefAttr a = def->attr;
    HPDF_TTF_CmapRange real = a->cmap;
    HPDF_UINT16 end = 0xFFFF, start = 0xFFFF, range = 0;
    HPDF_INT16 delta = 0;
    a->cmap.seg_count_x2 = 2;
    a->cmap.end_count = &end;
    a->cmap.start_count = &start;
    a->cmap.id_delta = &delta;
    a->cmap.id_range_offset = &range;
    HPDF_Font font = HPDF_GetFont(c->pdf, name, "UTF-8");
    a->cmap = real;
    return font;
}

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
    const char *name = HPDF_LoadTTFontFromFile(c->pdf, path, HPDF_TRUE);
    HPDF_Font font = name ? get_font(c, name) : NULL;
    if (!font) {
        if (!failed(c, "loading the font"))
            diag_set(c->d, "pdf-font", "PDF: cannot load the font");
        diag_prefix(c->d, "%s", path);
        return NULL;
    }
    pfont *pf = &c->fonts[c->nfonts++];
    pf->path = path;
    pf->font = font;
    pf->ttf = c->fs->ttf[f];
    if (!pf->ttf && !(pf->ttf = pf->own = ttf_open(path, c->d)))
        return NULL;
    return c->face[f] = pf;
}

/* Bit sets of codes, most significant bit first (the CIDSet layout). */
static void set_bit(unsigned char *bits, unsigned i)
{
    bits[i >> 3] |= (unsigned char)(0x80 >> (i & 7));
}

static int has_bit(const unsigned char *bits, unsigned i)
{
    return bits[i >> 3] & (0x80 >> (i & 7));
}

/* Records the codes libharu's UTF-8 encoder will write for s: the BMP code
 * point, or a space for anything above U+FFFF. */
static int mark_used(pctx *c, pfont *pf, const char *s)
{
    size_t n = strlen(s);
    uint32_t cp;
    int k;
    for (size_t i = 0; (k = utf8_next(s + i, n - i, &cp)) != 0; i += (size_t)k) {
        if (k < 0)
            return diag_set(c->d, "pdf-utf8", "PDF: invalid UTF-8 in \"%s\"", s);
        if (cp > 0xFFFF)
            cp = 0x20;
        set_bit(pf->used, cp);
    }
    return 0;
}

/* Writes bytes into a libharu stream object, replacing what it held. */
static HPDF_STATUS set_stream(HPDF_Dict obj, const sbuf *b)
{
    HPDF_MemStream_FreeData(obj->stream);
    return HPDF_Stream_Write(obj->stream, (const HPDF_BYTE *)sbuf_str(b), (HPDF_UINT)b->len);
}

static void put_bfchar(sbuf *b, const unsigned *codes, unsigned n)
{
    sbuf_printf(b, "%u beginbfchar\n", n);
    for (unsigned i = 0; i < n; i++)
        sbuf_printf(b, "<%04X> <%04X>\n", codes[i], codes[i]);
    sbuf_puts(b, "endbfchar\n");
}

/* libharu attaches its encoding CMap (code -> CID, "begincidrange <0000>
 * <FFFF> 0") as /ToUnicode; poppler warns about it and strict readers reject
 * it. Rewrite that stream in place as a CMapType 2 map from each code used
 * to the same UTF-16 value (code = CID = code point), in bfchar blocks of at
 * most 100 entries. U+0000, U+FEFF and U+FFFE are not mapped (PDF/A-2
 * forbids them as destinations). Also set /Ordering to "Identity": libharu
 * copies the encoder's "Identity-H" there. */
static HPDF_STATUS fix_cmap(pfont *pf)
{
    HPDF_FontAttr fa = pf->font->attr;
    HPDF_Dict cmap = fa->cmap_stream;
    unsigned codes[100], n = 0;
    sbuf b = {0};

    sbuf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (unsigned cp = 1; cp < 0x10000; cp++) {
        if (has_bit(pf->used, cp) && cp != 0xFEFF && cp != 0xFFFE)
            codes[n++] = cp;
        if (n == 100) {
            put_bfchar(&b, codes, n);
            n = 0;
        }
    }
    if (n > 0)
        put_bfchar(&b, codes, n);
    sbuf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    /* The old stream's dictionary describes an encoding CMap; a ToUnicode
     * stream needs none of it. */
    HPDF_Dict_RemoveElement(cmap, "Type");
    HPDF_Dict_RemoveElement(cmap, "CMapName");
    HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(cmap, "WMode");
    HPDF_STATUS ret = set_stream(cmap, &b);
    sbuf_free(&b);

    HPDF_Dict info = HPDF_Dict_GetItem(fa->descendant_font, "CIDSystemInfo", HPDF_OCLASS_DICT);
    if (ret == HPDF_OK && info)
        ret = HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pf->font->mmgr, "Identity", NULL));
    return ret;
}

/* The error libharu recorded for an object: a code, never HPDF_OK. */
static HPDF_STATUS error_of(HPDF_Font font)
{
    HPDF_STATUS e = HPDF_Error_GetCode(font->error);
    return e ? e : HPDF_INVALID_OBJECT;
}

/* libharu's CIDFontType2 describes every code the font maps: a /W array
 * and a CIDToGIDMap for the whole BMP (13 KB and 6 KB per Tinos face, most
 * of it for characters never drawn). Rewrite both for the codes used.
 * It also builds the FontDescriptor only in the font's before-write
 * callback, during the save. Run that callback now (it keeps the descriptor
 * in the fontdef, and when the save runs it again it only re-adds the same
 * keys), then add what 2.3.0 leaves out: /CapHeight, which it computes but
 * never writes, and /CIDSet, which PDF/A-1 requires for a subset font: one
 * bit per CID whose glyph is embedded, CID 0 (.notdef) included. */
static HPDF_STATUS fix_cid_font(pfont *pf)
{
    HPDF_Font font = pf->font;
    HPDF_FontAttr fa = font->attr;
    HPDF_FontDef def = fa->fontdef;
    /* Without "embedding" it leaves out its own FontFile2 (embed_subset). */
    ((HPDF_TTFontDefAttr)def->attr)->embedding = HPDF_FALSE;
    HPDF_STATUS ret = font->before_write_fn(font);
    if (ret != HPDF_OK)
        return ret;

    HPDF_Array widths = HPDF_Array_New(font->mmgr), run = NULL;
    HPDF_Dict cidset = HPDF_DictStream_New(font->mmgr, fa->xref);
    HPDF_BYTE *map = xcalloc(65536, 2), *set = xcalloc(65536 / 8, 1);
    unsigned last = 0;
    set_bit(set, 0);
    for (unsigned cid = 1; cid < 65536; cid++) {
        if (!has_bit(pf->used, cid))
            continue;
        unsigned gid = ttf_glyph(pf->ttf, cid);
        if (!run || cid != last + 1) {        /* W: first [w1 w2 ...] per run */
            run = HPDF_Array_New(font->mmgr);
            HPDF_Array_AddNumber(widths, (HPDF_INT32)cid);
            HPDF_Array_Add(widths, run);
        }
        HPDF_Array_AddNumber(run, ttf_advance(pf->ttf, cid));
        map[2 * cid] = (HPDF_BYTE)(gid >> 8);
        map[2 * cid + 1] = (HPDF_BYTE)gid;
        if (gid)
            set_bit(set, cid);
        last = cid;
    }
    HPDF_MemStream_FreeData(fa->map_stream->stream);
    cidset->filter = font->filter;
    if (HPDF_Stream_Write(fa->map_stream->stream, map, 2 * (last + 1)) != HPDF_OK ||
        HPDF_Stream_Write(cidset->stream, set, last / 8 + 1) != HPDF_OK ||
        HPDF_Dict_Add(fa->descendant_font, "W", widths) != HPDF_OK ||
        HPDF_Dict_Add(def->descriptor, "CIDSet", cidset) != HPDF_OK ||
        HPDF_Dict_AddNumber(def->descriptor, "CapHeight", def->cap_height) != HPDF_OK)
        ret = error_of(font);
    free(map);
    free(set);
    return ret;
}

/* The font program: ttf_subset() of the glyphs drawn, ids unchanged, so
 * the CIDToGIDMap above stays right. libharu 2.3.0 would embed every table
 * of the file with the unused glyphs zeroed (160 KB for a 3-page report). */
static int embed_subset(pctx *c, pfont *pf)
{
    HPDF_Font font = pf->font;
    HPDF_FontAttr fa = font->attr;
    unsigned char *keep = xcalloc(ttf_glyph_count(pf->ttf), 1);
    sbuf b = {0};
    for (unsigned cid = 1; cid < 65536; cid++)
        if (has_bit(pf->used, cid))
            keep[ttf_glyph(pf->ttf, cid)] = 1;
    int rc = ttf_subset(pf->ttf, keep, &b, c->d);
    if (rc == 0) {
        HPDF_Dict data = HPDF_DictStream_New(font->mmgr, fa->xref);
        data->filter = font->filter;
        HPDF_Dict_AddNumber(data, "Length1", (HPDF_UINT32)b.len);
        HPDF_Dict_Add(fa->fontdef->descriptor, "FontFile2", data);
        if (set_stream(data, &b) != HPDF_OK && !c->err)
            c->err = error_of(font);
        if (failed(c, "embedding a font"))
            rc = diag_prefix(c->d, "%s", pf->path);
    }
    sbuf_free(&b);
    free(keep);
    return rc;
}

static int finish_fonts(pctx *c)
{
    for (int i = 0; i < c->nfonts; i++) {
        pfont *pf = &c->fonts[i];
        HPDF_STATUS ret = fix_cmap(pf);
        if (ret == HPDF_OK)
            ret = fix_cid_font(pf);
        if (ret != HPDF_OK && !c->err)
            c->err = ret;      /* stream errors are recorded, not raised */
        if (failed(c, "embedding a font"))
            return diag_prefix(c->d, "%s", pf->path);
        if (embed_subset(c, pf) < 0)      /* its messages name the file */
            return -1;
    }
    return 0;
}

/* ---- pages ---------------------------------------------------------------- */

/* Text items are drawn in runs inside one BT/ET, with Tf only when the font
 * or size changes; rules in runs of one path per line width. Text positions
 * use an absolute Tm: libharu's TextOut emits relative Td from its float
 * text matrix, which drifts over a page of words. */
static int draw_page(pctx *c, HPDF_Page page, const lpage *lp)
{
    pfont *cur = NULL;
    double cur_size = 0, cur_width = -1;
    int in_text = 0, in_path = 0;

    for (size_t i = 0; i < lp->n; i++) {
        const litem *it = &lp->items[i];
        if (it->kind == ITEM_TEXT) {
            pfont *pf = face_font(c, it->face);
            if (!pf || mark_used(c, pf, it->text) < 0)
                return -1;
            if (in_path)
                HPDF_Page_Stroke(page);
            if (!in_text)
                HPDF_Page_BeginText(page);
            in_path = 0;
            in_text = 1;
            if (pf != cur || it->size != cur_size)
                HPDF_Page_SetFontAndSize(page, pf->font, (HPDF_REAL)it->size);
            cur = pf;
            cur_size = it->size;
            HPDF_Page_SetTextMatrix(page, 1, 0, 0, 1, (HPDF_REAL)it->x, (HPDF_REAL)it->y);
            HPDF_Page_ShowText(page, it->text);
        } else {
            if (in_text)
                HPDF_Page_EndText(page);
            in_text = 0;
            if (it->width != cur_width) {
                if (in_path)
                    HPDF_Page_Stroke(page);
                in_path = 0;
                HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->width);
                cur_width = it->width;
            }
            HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)it->y);
            HPDF_Page_LineTo(page, (HPDF_REAL)it->x2, (HPDF_REAL)it->y2);
            in_path = 1;
        }
    }
    if (in_text)
        HPDF_Page_EndText(page);
    if (in_path)
        HPDF_Page_Stroke(page);
    return 0;
}

/* A new indirect dictionary (owned by the cross-reference table). */
static HPDF_Dict new_object(pctx *c)
{
    HPDF_Dict obj = HPDF_Dict_New(c->pdf->mmgr);
    HPDF_Xref_Add(c->pdf->xref, obj);
    return obj;
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
        HPDF_Page page = HPDF_AddPage(c->pdf);
        HPDF_Page_SetWidth(page, (HPDF_REAL)lp->width);
        HPDF_Page_SetHeight(page, (HPDF_REAL)lp->height);
        if (draw_page(c, page, lp) < 0)
            return diag_prefix(c->d, "page %zu", i + 1);
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

static void set_info(pctx *c, const pdf_meta *m)
{
    const struct { HPDF_InfoType type; const char *value; } keys[] = {
        {HPDF_INFO_TITLE, m->title},       {HPDF_INFO_AUTHOR, m->author},
        {HPDF_INFO_SUBJECT, m->subject},   {HPDF_INFO_KEYWORDS, m->keywords},
        {HPDF_INFO_CREATOR, m->creator},   {HPDF_INFO_PRODUCER, c->producer},
    };
    /* With the UTF-8 encoder current, Info strings are written as UTF-16BE. */
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (keys[i].value)
            HPDF_SetInfoAttr(c->pdf, keys[i].type, keys[i].value);
    if (m->year > 0) {
        HPDF_Date date = {m->year, m->month, m->day, 0, 0, 0, '+', 7, 0};
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
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
    char date[32] = "";
    sbuf b = {0};

    if (m->year > 0)
        snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00+07:00", m->year, m->month, m->day);
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
    xmp_prop(&b, "xmp:CreateDate", "", date[0] ? date : NULL, "");
    xmp_prop(&b, "xmp:ModifyDate", "", date[0] ? date : NULL, "");
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
    set_stream(xmp, &b);
    HPDF_Dict_Add(c->pdf->catalog, "Metadata", xmp);
    sbuf_free(&b);
}

/* An sRGB OutputIntent. Not HPDF_PDFA_AppendOutputIntents: 2.3.0 names
 * the key "DestOutputProfile " (with a trailing space). */
static void add_output_intent(pctx *c, const pdf_meta *m)
{
    static const char *const cond = "sRGB IEC61966-2.1";
    HPDF_MMgr mm = c->pdf->mmgr;
    HPDF_OutputIntent icc = HPDF_LoadIccProfileFromFile(c->pdf, m->icc_path, 3);
    if (!icc)
        return;
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;   /* libharu stores it raw: 6.9 KB -> 2.5 KB */
    HPDF_Dict intent = new_object(c);
    HPDF_Array intents = HPDF_Array_New(mm);
    HPDF_Dict_Add(c->pdf->catalog, "OutputIntents", intents);
    HPDF_Array_Add(intents, intent);
    HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, cond, NULL));
    HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, cond, NULL));
    HPDF_Dict_Add(intent, "DestOutputProfile", icc);
}

/* ---- output --------------------------------------------------------------- */

#define ID_LEN 16

static void digest(const EVP_MD *md, const unsigned char *p, size_t n, unsigned char *out)
{
    EVP_Digest(p, n, out, NULL, md, NULL);
}

void pdf_global_init(void)
{
    OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_DIGESTS, NULL);
    unsigned char md[32];
    digest(EVP_sha256(), md, 0, md);   /* and CRYPTO_malloc's first-use flag */
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
    unsigned char md5[ID_LEN];
    size_t hl = sizeof hole - 1;

    snprintf(hole, sizeof hole, "<%0*d>", 2 * ID_LEN, 0);
    digest(EVP_md5(), buf, len, md5);
    for (int i = 0; i < ID_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02X", md5[i]);
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
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c->pdf);
    c->pdf->pdf_version = HPDF_VER_14;      /* 2.3.0 writes 1.3 by default */
    snprintf(c->producer, sizeof c->producer, "baocao %s (libharu %s)", BAOCAO_VERSION,
             HPDF_GetVersion());
    if (m->pdfa != PDFA_NONE && !m->icc_path)
        return diag_set(c->d, "pdf-pdfa", "PDF: PDF/A needs an ICC profile");
    if (failed(c, "setting up the document") || draw_pages(c, lo, m) < 0 ||
        finish_fonts(c) < 0)
        return -1;
    set_info(c, m);
    if (m->pdfa != PDFA_NONE) {
        add_xmp(c, m);
        add_output_intent(c, m);
        if (failed(c, "loading the ICC profile"))
            return diag_prefix(c->d, "%s", m->icc_path);
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
    for (int i = 0; i < c->nfonts; i++)
        ttf_close(c->fonts[i].own);
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
    digest(EVP_sha256(), buf, len, res->sha256);
}
