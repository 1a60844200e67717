/* docx.c — document tree to WordprocessingML, zipped.
 *
 * Every part is written with libxml2's xmlTextWriter (it escapes all text)
 * into memory, then stored in a zip made by libzip in memory, entries in a
 * fixed order with a fixed DOS timestamp. The body follows the PDF's layout
 * decisions as editable Word constructs: the header and the closing are
 * borderless two-column tables, rules are paragraph borders (they move with
 * the text when it is edited), headings and bullets are text, each
 * BLOCK_SECTION starts a Word section (landscape phụ lục, page numbers
 * restarting), page numbers are a PAGE field in a header that the first page
 * of the document and of each restarting section leaves out. */
#include "docx.h"
#include "dynlib.h"
#include "sbuf.h"
#include "text.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

#define PAGE_W 11906          /* A4 in twentieths of a point */
#define PAGE_H 16838
#define MAX_COLS 63           /* Word's limit on table columns */
#define RULE_PARA 4.0         /* pt: height of the paragraph that carries a rule */
#define RID_NUMBERED "rId3"   /* header with the page number */
#define RID_BLANK "rId4"      /* header of a first page */

static long tw(double pt) { return lround(pt * 20); }     /* twips */
static long half(double pt) { return lround(pt * 2); }    /* half-points (font sizes) */
static long eighth(double pt) { return lround(pt * 8); }  /* eighths of a point (borders) */

/* ---- the XML writer, with errors kept until the part is done ---- */

/* libxml2 is opened by the first DOCX (dynlib.h), not linked: with ICU and
 * libstdc++ behind it, it doubled the start-up of every PDF render. Its
 * header gives the types only; these are the functions used. */
#define LIBXML2 "libxml2.so.2"
static struct {
    xmlBufferPtr (*buffer_create)(void);
    void (*buffer_free)(xmlBufferPtr buf);
    const xmlChar *(*buffer_content)(const xmlBuffer *buf);
    int (*buffer_length)(const xmlBuffer *buf);
    xmlTextWriterPtr (*new_writer)(xmlBufferPtr buf, int compression);
    void (*free_writer)(xmlTextWriterPtr w);
    int (*start_document)(xmlTextWriterPtr w, const char *version, const char *encoding, const char *standalone);
    int (*end_document)(xmlTextWriterPtr w);
    int (*start_element)(xmlTextWriterPtr w, const xmlChar *name);
    int (*end_element)(xmlTextWriterPtr w);
    int (*write_attribute)(xmlTextWriterPtr w, const xmlChar *name, const xmlChar *content);
    int (*write_string)(xmlTextWriterPtr w, const xmlChar *content);
    void (*init_parser)(void);
} lx;
static const char *const lx_names[] = {
    "xmlBufferCreate", "xmlBufferFree", "xmlBufferContent", "xmlBufferLength", "xmlNewTextWriterMemory",
    "xmlFreeTextWriter", "xmlTextWriterStartDocument", "xmlTextWriterEndDocument",
    "xmlTextWriterStartElement", "xmlTextWriterEndElement", "xmlTextWriterWriteAttribute",
    "xmlTextWriterWriteString", "xmlInitParser"};
_Static_assert(sizeof lx == sizeof lx_names / sizeof *lx_names * sizeof(void *), "lx and lx_names");
static dynlib libxml2 = {.soname = LIBXML2, .names = lx_names, .n = sizeof lx_names / sizeof *lx_names,
                         .slots = (void **)&lx};

typedef struct xw {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    int err;           /* libxml2 failed */
    diag *dg;          /* set (and err) when the content cannot be written */
} xw;

static void xw_check(xw *x, int rc) { x->err |= rc < 0; }

static void start(xw *x, const char *name)
{
    if (!x->err)
        xw_check(x, lx.start_element(x->w, BAD_CAST name));
}

static void end(xw *x)
{
    if (!x->err)
        xw_check(x, lx.end_element(x->w));
}

static void attr(xw *x, const char *name, const char *value)
{
    if (!x->err)
        xw_check(x, lx.write_attribute(x->w, BAD_CAST name, BAD_CAST value));
}

static void attr_long(xw *x, const char *name, long v)
{
    char s[24];
    snprintf(s, sizeof s, "%ld", v);
    attr(x, name, s);
}

/* <name/> or <name w:val="value"/>. */
static void leaf(xw *x, const char *name, const char *value)
{
    start(x, name);
    if (value)
        attr(x, "w:val", value);
    end(x);
}

static void leaf_long(xw *x, const char *name, long v)
{
    start(x, name);
    attr_long(x, "w:val", v);
    end(x);
}

static void element(xw *x, const char *name, const char *text)
{
    start(x, name);
    if (!x->err)
        xw_check(x, lx.write_string(x->w, BAD_CAST text));
    end(x);
}

static int xw_open(xw *x, diag *dg)
{
    memset(x, 0, sizeof *x);
    x->dg = dg;
    if (!(x->buf = lx.buffer_create()) || !(x->w = lx.new_writer(x->buf, 0))) {
        x->err = 1;
        return -1;
    }
    xw_check(x, lx.start_document(x->w, "1.0", "UTF-8", "yes"));
    return 0;
}

/* Ends the part into a malloc'd copy; NULL on failure. */
static char *xw_close(xw *x, size_t *len)
{
    char *out = NULL;
    if (x->w) {
        if (!x->err)
            xw_check(x, lx.end_document(x->w));
        lx.free_writer(x->w);   /* flushes into buf */
    }
    if (!x->err && x->buf) {
        *len = (size_t)lx.buffer_length(x->buf);
        out = xmalloc(*len ? *len : 1);
        memcpy(out, lx.buffer_content(x->buf), *len);
    }
    if (x->buf)
        lx.buffer_free(x->buf);
    return out;
}

/* ---- text ---- */

/* A character XML 1.0 cannot carry (C0 controls but tab and line breaks,
 * U+FFFE, U+FFFF) or bad UTF-8: the document cannot hold this text. */
static int check_chars(xw *x, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = utf8_next(s + i, n - i, &cp);
        if (k < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF) {
            int len = n > 40 ? 40 : (int)n;
            while (len > 0 && len < (int)n && ((unsigned char)s[len] & 0xC0) == 0x80)
                len--;
            diag_set(x->dg, "docx-char", "character U+%04X in \"%.*s\" cannot be written into a DOCX (XML 1.0 "
                     "does not allow it)", (unsigned)(k < 0 ? (unsigned char)s[i] : cp), len, s);
            x->err = 1;
            return -1;
        }
        i += (size_t)k;
    }
    return 0;
}

/* One run: bold/italic from style, size in pt (0: the default). A '\n'
 * breaks the line as the layout does; tabs and CRs are spaces, as there. */
static void run(xw *x, const char *s, unsigned style, double size)
{
    if (x->err || check_chars(x, s) < 0)
        return;
    start(x, "w:r");
    if (style || size > 0) {
        start(x, "w:rPr");
        if (style & STYLE_BOLD)
            leaf(x, "w:b", NULL), leaf(x, "w:bCs", NULL);
        if (style & STYLE_ITALIC)
            leaf(x, "w:i", NULL), leaf(x, "w:iCs", NULL);
        if (size > 0)
            leaf_long(x, "w:sz", half(size)), leaf_long(x, "w:szCs", half(size));
        end(x);
    }
    sbuf seg = {0};
    for (const char *p = s;; p++) {
        if (*p && *p != '\n') {
            sbuf_putc(&seg, *p == '\t' || *p == '\r' ? ' ' : *p);
            continue;
        }
        if (seg.len) {
            start(x, "w:t");
            attr(x, "xml:space", "preserve");
            if (!x->err)
                xw_check(x, lx.write_string(x->w, BAD_CAST seg.s));
            end(x);
        }
        if (!*p)
            break;
        leaf(x, "w:br", NULL);
        sbuf_reset(&seg);
    }
    sbuf_free(&seg);
    end(x);
}

static void runs(xw *x, const doc_inlines *in, unsigned style, double size)
{
    for (size_t i = 0; i < in->n; i++)
        run(x, in->runs[i].text, in->runs[i].style | style, size);
}

/* ---- paragraph properties ---- */

typedef struct pfmt {
    const char *style;     /* paragraph style id, or NULL */
    doc_align align;
    double before, after;  /* pt */
    double line;           /* pt, at least; 0: single */
    double exact;          /* pt, exactly (rule carriers); overrides line */
    double left, right, first, hanging; /* indents, pt */
    int keep_next;
    double rule;           /* > 0: a top border of this stroke (pt) */
    double size;           /* pt of the paragraph mark; 0: default */
} pfmt;

static const char *jc(doc_align a)
{
    switch (a) {
    case ALIGN_LEFT: return "left";
    case ALIGN_CENTER: return "center";
    case ALIGN_RIGHT: return "right";
    case ALIGN_JUSTIFY: break;
    }
    return "both";
}

/* Opens <w:pPr> with f's properties; the caller may add w:sectPr and ends it. */
static void ppr_open(xw *x, const pfmt *f)
{
    start(x, "w:pPr");
    if (f->style)
        leaf(x, "w:pStyle", f->style);
    if (f->keep_next)
        leaf(x, "w:keepNext", NULL);
    if (f->rule > 0) {
        start(x, "w:pBdr");
        start(x, "w:top");
        attr(x, "w:val", "single");
        attr_long(x, "w:sz", eighth(f->rule));
        attr(x, "w:space", "0");
        attr(x, "w:color", "000000");
        end(x);
        end(x);
    }
    start(x, "w:spacing");
    attr_long(x, "w:before", tw(f->before));
    attr_long(x, "w:after", tw(f->after));
    if (f->exact > 0) {
        attr_long(x, "w:line", tw(f->exact));
        attr(x, "w:lineRule", "exact");
    } else if (f->line > 0) {
        attr_long(x, "w:line", tw(f->line));
        attr(x, "w:lineRule", "atLeast");
    } else {
        attr(x, "w:line", "240");
        attr(x, "w:lineRule", "auto");
    }
    end(x);
    if (f->left > 0 || f->right > 0 || f->first > 0 || f->hanging > 0) {
        start(x, "w:ind");
        attr_long(x, "w:left", tw(f->left));
        attr_long(x, "w:right", tw(f->right));
        if (f->hanging > 0)
            attr_long(x, "w:hanging", tw(f->hanging));
        else if (f->first > 0)
            attr_long(x, "w:firstLine", tw(f->first));
        end(x);
    }
    leaf(x, "w:jc", jc(f->align));
    if (f->size > 0) {
        start(x, "w:rPr");
        leaf_long(x, "w:sz", half(f->size));
        leaf_long(x, "w:szCs", half(f->size));
        end(x);
    }
}

static void ppr(xw *x, const pfmt *f)
{
    ppr_open(x, f);
    end(x);
}

/* A paragraph of one text (NULL: empty). Its mark takes the text's size:
 * an empty paragraph (an empty cell) is as tall as its text would be. */
static void para(xw *x, const pfmt *f, const char *s, unsigned style, double size)
{
    pfmt g = *f;
    if (g.size == 0)
        g.size = size;
    start(x, "w:p");
    ppr(x, &g);
    if (s && *s)
        run(x, s, style, size);
    end(x);
}

/* ---- the body ---- */

typedef struct dw {
    xw x;
    const doc *d;
    const fontset *fs;
    const page_setup *ps;
    int landscape, restart, first; /* the current section */
    int next;                       /* the kind of the next block, -1 at the end */
} dw;

static double text_width(const dw *w)
{
    return (w->landscape ? PAGE_H : PAGE_W) / 20.0 - MM_TO_PT(w->ps->margin_left + w->ps->margin_right);
}

static double body_pitch(const dw *w, double size)
{
    return (size > 0 ? size : w->ps->body_size) * w->ps->line_pitch;
}

static double width_of(const dw *w, face f, double size, const char *s)
{
    return fontset_width(w->fs, f, size, s, strlen(s));
}

/* An empty paragraph whose top border is a centred rule of length len in a
 * column `col` wide. */
static void rule_para(dw *w, double col, double len)
{
    double side = len < col ? (col - len) / 2 : 0;
    pfmt f = {.align = ALIGN_CENTER, .before = LAYOUT_RULE_GAP, .exact = RULE_PARA, .left = side, .right = side,
              .rule = LAYOUT_RULE, .size = 1};
    para(&w->x, &f, NULL, 0, 0);
}

/* Opens a table of fixed columns (pt) as wide as the text, at the margin:
 * with rules of stroke `rule` on every edge, or none (rule 0); cell margins
 * pad_x and pad_y (pt). */
static void table_start(dw *w, const double *cols, size_t n, double rule, double pad_x, double pad_y)
{
    xw *x = &w->x;
    start(x, "w:tbl");
    start(x, "w:tblPr");
    start(x, "w:tblW");
    attr_long(x, "w:w", tw(text_width(w)));
    attr(x, "w:type", "dxa");
    end(x);
    start(x, "w:tblInd");
    attr(x, "w:w", "0");
    attr(x, "w:type", "dxa");
    end(x);
    start(x, "w:tblBorders");
    static const char *const EDGES[] = {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
    for (size_t i = 0; i < 6; i++) {
        start(x, EDGES[i]);
        attr(x, "w:val", rule > 0 ? "single" : "nil");
        if (rule > 0) {
            attr_long(x, "w:sz", eighth(rule));
            attr(x, "w:space", "0");
            attr(x, "w:color", "000000");
        }
        end(x);
    }
    end(x);
    start(x, "w:tblLayout");
    attr(x, "w:type", "fixed");
    end(x);
    start(x, "w:tblCellMar");
    static const char *const SIDES[] = {"w:top", "w:left", "w:bottom", "w:right"};
    const double pad[] = {pad_y, pad_x, pad_y, pad_x};
    for (size_t i = 0; i < 4; i++) {
        start(x, SIDES[i]);
        attr_long(x, "w:w", tw(pad[i]));
        attr(x, "w:type", "dxa");
        end(x);
    }
    end(x);
    end(x);
    start(x, "w:tblGrid");
    for (size_t i = 0; i < n; i++) {
        start(x, "w:gridCol");
        attr_long(x, "w:w", tw(cols[i]));
        end(x);
    }
    end(x);
}

/* <w:tc> with its width (pt), span, vertical merge and alignment; the
 * caller writes the content and end()s it. */
static void cell_start(xw *x, double width, size_t span, const char *vmerge, const char *valign)
{
    start(x, "w:tc");
    start(x, "w:tcPr");
    start(x, "w:tcW");
    attr_long(x, "w:w", tw(width));
    attr(x, "w:type", "dxa");
    end(x);
    if (span > 1)
        leaf_long(x, "w:gridSpan", (long)span);
    if (vmerge)
        leaf(x, "w:vMerge", *vmerge ? vmerge : NULL);
    if (valign)
        leaf(x, "w:vAlign", valign);
    end(x);
}

/* A row that never breaks across pages, at least `height` pt tall (0: any). */
static void row_start(xw *x, int header, double height)
{
    start(x, "w:tr");
    start(x, "w:trPr");
    leaf(x, "w:cantSplit", NULL);
    if (height > 0) {
        start(x, "w:trHeight");
        attr_long(x, "w:val", tw(height));
        attr(x, "w:hRule", "atLeast");
        end(x);
    }
    if (header)
        leaf(x, "w:tblHeader", NULL);
    end(x);
}

/* The two columns of the header and of the closing. */
static void two_columns(const dw *w, double cols[2])
{
    cols[0] = LAYOUT_LEFT_COL;
    cols[1] = text_width(w) - LAYOUT_LEFT_COL;
}

/* Agency | Quốc hiệu, each with its rule; Số | place and date on one line,
 * then a công văn's V/v lines under Số. */
static void write_header(dw *w, const doc_header *h)
{
    xw *x = &w->x;
    double cols[2], head = LAYOUT_HEAD_SIZE;
    two_columns(w, cols);
    pfmt c = {.align = ALIGN_CENTER};
    table_start(w, cols, 2, 0, 0, 0);

    row_start(x, 0, 0);
    cell_start(x, cols[0], 1, NULL, NULL);
    if (h->parent)
        para(x, &c, h->parent, STYLE_PLAIN, head);
    double widest = 0;
    for (size_t i = 0; i < h->nagency; i++) {
        para(x, &c, h->agency[i], STYLE_BOLD, head);
        double wd = width_of(w, FACE_BOLD, head, h->agency[i]);
        widest = wd > widest ? wd : widest;
    }
    if (h->nagency)
        rule_para(w, cols[0], 0.4 * (widest < cols[0] ? widest : cols[0]));
    else if (!h->parent)
        para(x, &c, NULL, 0, 0);
    end(x);
    cell_start(x, cols[1], 1, NULL, NULL);
    para(x, &c, h->national, STYLE_BOLD, h->national ? layout_quoc_hieu_size(w->fs, h->national, cols[1]) : head);
    para(x, &c, h->motto, STYLE_BOLD, head);
    if (h->motto)
        rule_para(w, cols[1], width_of(w, FACE_BOLD, head, h->motto));
    end(x);
    end(x);

    row_start(x, 0, 0);
    cell_start(x, cols[0], 1, NULL, NULL);
    para(x, &c, h->number, STYLE_PLAIN, head);
    for (size_t i = 0; i < h->nvv; i++) {
        pfmt v = c;
        v.before = i == 0 ? 6 : 0;
        para(x, &v, h->vv[i], STYLE_PLAIN, LAYOUT_VV_SIZE);
    }
    end(x);
    cell_start(x, cols[1], 1, NULL, NULL);
    para(x, &c, h->place_date, STYLE_ITALIC, head);
    end(x);
    end(x);
    end(x);
}

/* Tên loại and trích yếu centred, the trích yếu in the PDF's balanced
 * lines, and the rule under it: 40% of its longest line. */
static void write_title(dw *w, const doc_title *t)
{
    xw *x = &w->x;
    double big = LAYOUT_BIG_SIZE, width = text_width(w);
    pfmt f = {.align = ALIGN_CENTER, .before = body_pitch(w, 0), .keep_next = 1};
    if (t->type) {
        para(x, &f, t->type, STYLE_BOLD, big);
        f.before = 0;
    }
    if (t->subject) {
        /* The lines the PDF has: a column as wide as its longest balanced
         * line (and a point, for rounding) breaks where it breaks. */
        double longest = layout_balanced_width(w->fs, t->subject, STYLE_BOLD, big, 0.75 * width);
        f.left = f.right = (width - longest - 1) / 2;
        para(x, &f, t->subject, STYLE_BOLD, big);
        rule_para(w, width, 0.4 * longest);
    }
}

/* "Kính gửi: X", or "Kính gửi:" over "- X;" lines whose text starts where
 * the text after the label would; the longest line centred, as the PDF. */
static void write_addressee(dw *w, const doc_addressee *a)
{
    xw *x = &w->x;
    sbuf label = {0};
    sbuf_printf(&label, "%s ", a->label ? a->label : "");
    double big = LAYOUT_BIG_SIZE, width = text_width(w);
    double lw = width_of(w, FACE_REGULAR, big, label.s), longest = 0;
    for (size_t i = 0; i < a->nto; i++) {
        double wd = lw + width_of(w, FACE_REGULAR, big, a->to[i]);
        longest = wd > longest ? wd : longest;
    }
    double x0 = longest < width ? (width - longest) / 2 : 0;
    pfmt f = {.align = ALIGN_LEFT, .before = body_pitch(w, big), .line = body_pitch(w, big), .left = x0};
    if (a->nto == 1) {
        f.left = x0 + lw;
        f.hanging = lw;
        start(x, "w:p");
        ppr(x, &f);
        run(x, label.s, STYLE_PLAIN, big);
        run(x, a->to[0], STYLE_PLAIN, big);
        end(x);
    } else {
        para(x, &f, label.s, STYLE_PLAIN, big);
        f.before = 0;
        f.left = x0 + lw;
        for (size_t i = 0; i < a->nto; i++)
            para(x, &f, a->to[i], STYLE_PLAIN, big);
    }
    sbuf_free(&label);
}

/* Body text: justified (or as given), first-line indent, paragraph
 * spacing before, line pitch at least the PDF's. */
static pfmt body_fmt(const dw *w, double size, int indent)
{
    return (pfmt){.align = ALIGN_JUSTIFY, .before = w->ps->para_space, .line = body_pitch(w, size), .size = size,
                  .first = indent ? MM_TO_PT(w->ps->indent) : 0};
}

/* What the next block asks of a paragraph: the lines before the closing
 * stay on its page; a table is set the paragraph spacing below, as the PDF
 * sets its first row (a Word table has no spacing of its own). */
static void lookahead(const dw *w, pfmt *f)
{
    f->keep_next |= w->next == BLOCK_CLOSING;
    if (w->next == BLOCK_TABLE)
        f->after = w->ps->para_space;
}

static void write_para(dw *w, const doc_para *p)
{
    pfmt f = body_fmt(w, p->size, p->indent);
    f.align = p->align;
    f.before += p->space_before;
    f.keep_next = p->keep_with_next;
    lookahead(w, &f);
    start(&w->x, "w:p");
    ppr(&w->x, &f);
    runs(&w->x, &p->text, 0, p->size);
    end(&w->x);
}

static void write_heading(dw *w, const doc_heading *h)
{
    pfmt f = body_fmt(w, 0, 1);
    f.style = h->level == 1 ? "Heading1" : "Heading2";
    f.keep_next = 1;
    lookahead(w, &f);
    start(&w->x, "w:p");
    ppr(&w->x, &f);
    runs(&w->x, &h->text, h->level == 1 ? STYLE_BOLD : STYLE_BOLD | STYLE_ITALIC, 0);
    end(&w->x);
}

/* "- " or "+ " as text a clerk edits, then the item; continuation lines
 * at the margin, as in the PDF. */
static void write_item(dw *w, const doc_item *it)
{
    pfmt f = body_fmt(w, 0, 1);
    lookahead(w, &f);
    start(&w->x, "w:p");
    ppr(&w->x, &f);
    run(&w->x, it->level == 2 ? "+ " : "- ", STYLE_PLAIN, 0);
    runs(&w->x, &it->text, 0, 0);
    end(&w->x);
}

/* Nơi nhận | the signature block, the signer's name after the space kept
 * for signature and seal; both cells start on one line. */
static void write_closing(dw *w, const doc_closing *c)
{
    xw *x = &w->x;
    double cols[2], big = LAYOUT_BIG_SIZE, before = body_pitch(w, 0);
    two_columns(w, cols);
    table_start(w, cols, 2, 0, 0, 0);
    row_start(x, 0, 0);
    cell_start(x, cols[0], 1, NULL, NULL);
    pfmt l = {.align = ALIGN_LEFT, .before = before};
    if (c->nrecipients) {
        para(x, &l, c->label, STYLE_BOLD | STYLE_ITALIC, LAYOUT_NOI_NHAN_SIZE);
        l.before = 0;
        for (size_t i = 0; i < c->nrecipients; i++)
            para(x, &l, c->recipients[i], STYLE_PLAIN, LAYOUT_RECIPIENT_SIZE);
    } else {
        para(x, &l, NULL, 0, 0);
    }
    end(x);
    cell_start(x, cols[1], 1, NULL, NULL);
    pfmt r = {.align = ALIGN_CENTER, .before = before, .keep_next = 1};
    for (size_t i = 0; i < c->nauthority; i++) {
        para(x, &r, c->authority[i], STYLE_BOLD, big);
        r.before = 0;
    }
    r.before = MM_TO_PT(w->ps->signature_space);
    r.keep_next = 0;
    para(x, &r, c->signer, STYLE_BOLD, big);
    end(x);
    end(x);
    end(x);
}

/* The text of the table's first cell, to name it in a message. malloc'd. */
static char *first_cell(const doc_table *t)
{
    return doc_inlines_text(t->nrows && t->rows[0].n ? &t->rows[0].cells[0].text : &(doc_inlines){0});
}

static double span_width(const double *cols, size_t col, size_t span)
{
    double w = 0;
    for (size_t k = col; k < col + span; k++)
        w += cols[k];
    return w;
}

/* The height of each header row as the layout makes it (single-row cells
 * first, then a rowspan stretches its last row), given to Word as a
 * minimum: LibreOffice otherwise draws a repeated header row whose cells
 * all continue a vMerge with no height. */
static double *header_heights(dw *w, const doc_table *t, const layout_cell *v, size_t n, const double *cols,
                              double size)
{
    size_t nh = t->header_rows < t->nrows ? t->header_rows : t->nrows;
    double *h = xcalloc(nh + 1, sizeof *h);
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n && v[i].row < nh; i++) {
            if ((v[i].rspan == 1) != (pass == 0) || v[i].row + v[i].rspan > nh)
                continue;
            double need = layout_cell_height(w->fs, &v[i].cell->text, 0, size, span_width(cols, v[i].col, v[i].span));
            size_t last = v[i].row + v[i].rspan - 1;
            double sum = 0;
            for (size_t r = v[i].row; r <= last; r++)
                sum += h[r];
            if (need > sum)
                h[last] += need - sum;
        }
    return h;
}

static void cell_text(dw *w, const doc_cell *cell, double size, unsigned style)
{
    pfmt f = {.align = cell->align, .size = size};
    start(&w->x, "w:p");
    ppr(&w->x, &f);
    runs(&w->x, &cell->text, style, size);
    end(&w->x);
}

/* Spans become gridSpan; a slot a rowspan from above covers, a vMerge
 * continuation; a slot no cell takes, an empty cell. Cells are centred
 * vertically and aligned as in the PDF; the header rows repeat on every
 * page; no row breaks across pages. */
static int write_table(dw *w, const doc_table *t)
{
    xw *x = &w->x;
    size_t nc = t->ncols;
    double total = 0, width = text_width(w);
    for (size_t c = 0; c < nc; c++)
        total += t->widths[c] > 0 ? t->widths[c] : 0;
    if (nc == 0 || total <= 0) {
        w->x.err = 1;
        return diag_set(w->x.dg, "table-widths", "table without columns or with no positive column width");
    }
    if (nc > MAX_COLS) {
        char *s = first_cell(t);
        diag_set(w->x.dg, "docx-table-columns", "a table of %zu columns cannot be written into a DOCX: Word holds "
                 "at most 63 (the table starting \"%s\")", nc, s);
        free(s);
        w->x.err = 1;
        return -1;
    }
    size_t n, overlap;
    layout_cell *v = layout_place_cells(t, &n, &overlap);
    if (overlap) {
        char *s = first_cell(t);
        diag_set(w->x.dg, "docx-table-overlap", "row %zu of the table starting \"%s\": a cell overlaps one "
                 "spanning rows from above, which a DOCX table cannot hold", overlap, s);
        free(s);
        free(v);
        w->x.err = 1;
        return -1;
    }
    double *cols = xmalloc(nc * sizeof *cols);
    for (size_t c = 0; c < nc; c++)
        cols[c] = width * (t->widths[c] > 0 ? t->widths[c] : 0) / total;
    double size = t->size > 0 ? t->size : w->ps->body_size;
    double *head = header_heights(w, t, v, n, cols, size);
    table_start(w, cols, nc, LAYOUT_RULE, LAYOUT_CELL_PAD_X, LAYOUT_CELL_PAD_Y);

    const layout_cell **cover = xcalloc(nc, sizeof *cover);   /* the cell a rowspan covers each slot with */
    size_t k = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        unsigned style = t->rows[r].kind == ROW_SECTION ? STYLE_BOLD : 0;
        row_start(x, r < t->header_rows, r < t->header_rows ? head[r] : 0);
        for (size_t col = 0; col < nc;) {
            const layout_cell *p = k < n && v[k].row == r && v[k].col == col ? &v[k++] : NULL;
            if (p) {
                cell_start(x, span_width(cols, col, p->span), p->span, p->rspan > 1 ? "restart" : NULL, "center");
                cell_text(w, p->cell, size, style);
                for (size_t c = col; c < col + p->span; c++)
                    cover[c] = p->rspan > 1 ? p : NULL;
                col += p->span;
            } else if (cover[col] && cover[col]->row + cover[col]->rspan > r) {
                p = cover[col];
                cell_start(x, span_width(cols, col, p->span), p->span, "", "center");
                para(x, &(pfmt){.align = p->cell->align}, NULL, 0, size);
                col += p->span;
            } else {
                cell_start(x, cols[col], 1, NULL, NULL);
                para(x, &(pfmt){0}, NULL, 0, size);
                col++;
            }
            end(x);
        }
        end(x);
    }
    end(x);
    free(cover);
    free(head);
    free(cols);
    free(v);
    return x->err ? -1 : 0;
}

/* The properties of the current section: A4 in its orientation, the NĐ 30
 * margins, the page number in the top margin, none on the first page of
 * the document or of a section that numbers from 1 again. */
static void sect_pr(dw *w)
{
    xw *x = &w->x;
    const page_setup *ps = w->ps;
    int title_page = w->first || w->restart;
    start(x, "w:sectPr");
    start(x, "w:headerReference");
    attr(x, "w:type", "default");
    attr(x, "r:id", RID_NUMBERED);
    end(x);
    if (title_page) {
        start(x, "w:headerReference");
        attr(x, "w:type", "first");
        attr(x, "r:id", RID_BLANK);
        end(x);
    }
    start(x, "w:pgSz");
    attr_long(x, "w:w", w->landscape ? PAGE_H : PAGE_W);
    attr_long(x, "w:h", w->landscape ? PAGE_W : PAGE_H);
    if (w->landscape)
        attr(x, "w:orient", "landscape");
    end(x);
    /* The digits' top LAYOUT_NUMBER_TOP mm below the edge, as in the PDF:
     * the header's top is that, less the space above a digit in its line. */
    const ttf *reg = w->fs->ttf[FACE_REGULAR];
    double size = LAYOUT_HEAD_SIZE, asc = ttf_ascent(reg) * size / 1000, desc = -ttf_descent(reg) * size / 1000;
    double above = (LAYOUT_SINGLE * size - asc - desc) / 2 + asc - ttf_cap_height(reg) * size / 1000;
    start(x, "w:pgMar");
    attr_long(x, "w:top", tw(MM_TO_PT(ps->margin_top)));
    attr_long(x, "w:right", tw(MM_TO_PT(ps->margin_right)));
    attr_long(x, "w:bottom", tw(MM_TO_PT(ps->margin_bottom)));
    attr_long(x, "w:left", tw(MM_TO_PT(ps->margin_left)));
    attr_long(x, "w:header", tw(MM_TO_PT(LAYOUT_NUMBER_TOP) - above));
    attr_long(x, "w:footer", tw(MM_TO_PT(ps->margin_bottom) / 2));
    attr(x, "w:gutter", "0");
    end(x);
    if (w->restart) {
        start(x, "w:pgNumType");
        attr(x, "w:start", "1");
        end(x);
    }
    if (title_page)
        leaf(x, "w:titlePg", NULL);
    end(x);
}

/* An empty paragraph of 1 pt: keeps two tables apart (Word would join
 * them), or ends a section, holding its properties. */
static const pfmt SPACER = {.align = ALIGN_LEFT, .exact = 1, .size = 1};

static void spacer(dw *w)
{
    para(&w->x, &SPACER, NULL, 0, 0);
}

static void section_break(dw *w)
{
    start(&w->x, "w:p");
    ppr_open(&w->x, &SPACER);
    sect_pr(w);
    end(&w->x);
    end(&w->x);
}

static int write_body(dw *w)
{
    xw *x = &w->x;
    const doc *d = w->d;
    start(x, "w:document");
    attr(x, "xmlns:w", NS_W);
    attr(x, "xmlns:r", NS_R);
    start(x, "w:body");
    w->first = 1;
    for (size_t i = 0; i < d->n && !x->err; i++) {
        const doc_block *b = &d->blocks[i];
        w->next = i + 1 < d->n ? (int)d->blocks[i + 1].kind : -1;
        switch (b->kind) {
        case BLOCK_HEADER: write_header(w, &b->u.header); break;
        case BLOCK_TITLE: write_title(w, &b->u.title); break;
        case BLOCK_ADDRESSEE: write_addressee(w, &b->u.addressee); break;
        case BLOCK_PARAGRAPH: write_para(w, &b->u.para); break;
        case BLOCK_HEADING: write_heading(w, &b->u.heading); break;
        case BLOCK_LIST_ITEM: write_item(w, &b->u.item); break;
        case BLOCK_CLOSING: write_closing(w, &b->u.closing); break;
        case BLOCK_TABLE:
            if (write_table(w, &b->u.table) < 0)
                return -1;
            if (i + 1 < d->n && d->blocks[i + 1].kind == BLOCK_TABLE)
                spacer(w);
            break;
        case BLOCK_SECTION:
            if (i > 0) {
                section_break(w);
                w->first = 0;
            }
            w->landscape = b->u.section.landscape;
            w->restart = b->u.section.restart_numbering;
            break;
        }
    }
    sect_pr(w);
    end(x);
    end(x);
    return x->err ? -1 : 0;
}

/* ---- the other parts ---- */

static void rfonts(xw *x, const char *font)
{
    start(x, "w:rFonts");
    attr(x, "w:ascii", font);
    attr(x, "w:hAnsi", font);
    attr(x, "w:eastAsia", font);
    attr(x, "w:cs", font);
    end(x);
}

/* Defaults: the font named, the body size, Vietnamese, widow control;
 * headings carry their outline level for Word's navigation. */
static void write_styles(xw *x, const page_setup *ps, const char *font)
{
    start(x, "w:styles");
    attr(x, "xmlns:w", NS_W);
    start(x, "w:docDefaults");
    start(x, "w:rPrDefault");
    start(x, "w:rPr");
    rfonts(x, font);
    leaf_long(x, "w:sz", half(ps->body_size));
    leaf_long(x, "w:szCs", half(ps->body_size));
    start(x, "w:lang");
    attr(x, "w:val", "vi-VN");
    attr(x, "w:eastAsia", "vi-VN");
    attr(x, "w:bidi", "ar-SA");
    end(x);
    end(x);
    end(x);
    start(x, "w:pPrDefault");
    start(x, "w:pPr");
    leaf(x, "w:widowControl", NULL);
    start(x, "w:spacing");
    attr(x, "w:after", "0");
    attr(x, "w:line", "240");
    attr(x, "w:lineRule", "auto");
    end(x);
    end(x);
    end(x);
    end(x);

    static const struct { const char *id, *name; int level; } S[] = {
        {"Normal", "Normal", -1}, {"Heading1", "heading 1", 0}, {"Heading2", "heading 2", 1}};
    for (size_t i = 0; i < sizeof S / sizeof *S; i++) {
        start(x, "w:style");
        attr(x, "w:type", "paragraph");
        if (S[i].level < 0)
            attr(x, "w:default", "1");
        attr(x, "w:styleId", S[i].id);
        leaf(x, "w:name", S[i].name);
        if (S[i].level >= 0) {
            leaf(x, "w:basedOn", "Normal");
            leaf(x, "w:next", "Normal");
        }
        leaf(x, "w:qFormat", NULL);
        if (S[i].level >= 0) {
            start(x, "w:pPr");
            leaf(x, "w:keepNext", NULL);
            leaf_long(x, "w:outlineLvl", S[i].level);
            end(x);
            start(x, "w:rPr");
            leaf(x, "w:b", NULL);
            if (S[i].level == 1)
                leaf(x, "w:i", NULL);
            end(x);
        }
        end(x);
    }
    end(x);
}

static void write_settings(xw *x)
{
    start(x, "w:settings");
    attr(x, "xmlns:w", NS_W);
    leaf(x, "w:defaultTabStop", "720");
    leaf(x, "w:characterSpacingControl", "doNotCompress");
    start(x, "w:compat");
    start(x, "w:compatSetting");
    attr(x, "w:name", "compatibilityMode");
    attr(x, "w:uri", "http://schemas.microsoft.com/office/word");
    attr(x, "w:val", "15");
    end(x);
    end(x);
    end(x);
}

/* The page number, centred, or (numbered 0) an empty header. */
static void write_header_part(xw *x, int numbered)
{
    start(x, "w:hdr");
    attr(x, "xmlns:w", NS_W);
    start(x, "w:p");
    pfmt f = {.align = ALIGN_CENTER};
    ppr(x, &f);
    if (numbered) {
        start(x, "w:fldSimple");
        attr(x, "w:instr", " PAGE ");
        run(x, "1", STYLE_PLAIN, LAYOUT_HEAD_SIZE);
        end(x);
    }
    end(x);
    end(x);
}

/* The document's day at 00:00 in Việt Nam (UTC+7) is 17:00 UTC the day
 * before. */
static void w3c_date(const docx_meta *m, char out[32])
{
    int y = m->year > 0 ? m->year : 1980, mo = m->month >= 1 && m->month <= 12 ? m->month : 1;
    int d = m->day >= 1 && m->day <= 31 ? m->day : 1;
    if (--d == 0) {
        static const int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (--mo == 0)
            mo = 12, y--;
        d = DAYS[mo - 1] + (mo == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    }
    snprintf(out, 32, "%04d-%02d-%02dT17:00:00Z", y, mo, d);
}

static void write_core(xw *x, const docx_meta *m)
{
    char stamp[32];
    w3c_date(m, stamp);
    start(x, "cp:coreProperties");
    attr(x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    attr(x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    attr(x, "xmlns:dcterms", "http://purl.org/dc/terms/");
    attr(x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    const struct { const char *name, *value; } P[] = {
        {"dc:title", m->title}, {"dc:subject", m->subject}, {"dc:creator", m->creator},
        {"cp:keywords", m->keywords}, {"dc:language", "vi-VN"}};
    for (size_t i = 0; i < sizeof P / sizeof *P; i++)
        if (P[i].value && check_chars(x, P[i].value) == 0)
            element(x, P[i].name, P[i].value);
    static const char *const DATES[] = {"dcterms:created", "dcterms:modified"};
    for (size_t i = 0; i < 2; i++) {
        start(x, DATES[i]);
        attr(x, "xsi:type", "dcterms:W3CDTF");
        if (!x->err)
            xw_check(x, lx.write_string(x->w, BAD_CAST stamp));
        end(x);
    }
    end(x);
}

static void write_app(xw *x, const docx_meta *m)
{
    start(x, "Properties");
    attr(x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    element(x, "Application", m->application ? m->application : "baocao");
    end(x);
}

static void write_content_types(xw *x)
{
    static const struct { const char *ext, *type; } D[] = {
        {"rels", "application/vnd.openxmlformats-package.relationships+xml"}, {"xml", "application/xml"}};
    static const struct { const char *part, *type; } O[] = {
        {"/word/document.xml", CT_WML "document.main+xml"},
        {"/word/styles.xml", CT_WML "styles+xml"},
        {"/word/settings.xml", CT_WML "settings+xml"},
        {"/word/header1.xml", CT_WML "header+xml"},
        {"/word/header2.xml", CT_WML "header+xml"},
        {"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
        {"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"}};
    start(x, "Types");
    attr(x, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    for (size_t i = 0; i < sizeof D / sizeof *D; i++) {
        start(x, "Default");
        attr(x, "Extension", D[i].ext);
        attr(x, "ContentType", D[i].type);
        end(x);
    }
    for (size_t i = 0; i < sizeof O / sizeof *O; i++) {
        start(x, "Override");
        attr(x, "PartName", O[i].part);
        attr(x, "ContentType", O[i].type);
        end(x);
    }
    end(x);
}

typedef struct rel {
    const char *id, *type, *target;
} rel;

static void write_rels(xw *x, const rel *r, size_t n)
{
    start(x, "Relationships");
    attr(x, "xmlns", NS_PKG_REL);
    for (size_t i = 0; i < n; i++) {
        start(x, "Relationship");
        attr(x, "Id", r[i].id);
        attr(x, "Type", r[i].type);
        attr(x, "Target", r[i].target);
        end(x);
    }
    end(x);
}

static void write_package_rels(xw *x)
{
    static const rel R[] = {
        {"rId1", REL_DOC "officeDocument", "word/document.xml"},
        {"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"},
        {"rId3", REL_DOC "extended-properties", "docProps/app.xml"}};
    write_rels(x, R, sizeof R / sizeof *R);
}

static void write_document_rels(xw *x)
{
    static const rel R[] = {{"rId1", REL_DOC "styles", "styles.xml"},
                            {"rId2", REL_DOC "settings", "settings.xml"},
                            {RID_NUMBERED, REL_DOC "header", "header1.xml"},
                            {RID_BLANK, REL_DOC "header", "header2.xml"}};
    write_rels(x, R, sizeof R / sizeof *R);
}

/* ---- the package ---- */

enum { P_TYPES, P_RELS, P_CORE, P_APP, P_DOC, P_STYLES, P_SETTINGS, P_HDR_NUM, P_HDR_BLANK, P_DOC_RELS, NPARTS };

static const char *const PART_NAME[NPARTS] = {
    "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
    "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml", "word/_rels/document.xml.rels"};

/* Writes part k into a malloc'd buffer; -1 with dg set on failure. */
static int make_part(int k, dw *w, const docx_meta *m, char **buf, size_t *len, diag *dg)
{
    xw *x = &w->x;
    int rc = xw_open(x, dg);
    if (rc == 0) {
        switch (k) {
        case P_TYPES: write_content_types(x); break;
        case P_RELS: write_package_rels(x); break;
        case P_CORE: write_core(x, m); break;
        case P_APP: write_app(x, m); break;
        case P_DOC: rc = write_body(w); break;
        case P_STYLES: write_styles(x, w->ps, m->font ? m->font : "Times New Roman"); break;
        case P_SETTINGS: write_settings(x); break;
        case P_HDR_NUM: write_header_part(x, 1); break;
        case P_HDR_BLANK: write_header_part(x, 0); break;
        case P_DOC_RELS: write_document_rels(x); break;
        }
    }
    int content = x->err && dg->key[0];   /* the content's own error, already said */
    *buf = xw_close(x, len);
    if (*buf)
        return 0;
    if (!content)
        diag_set(dg, "docx-write", "cannot write %s of the DOCX (libxml2 failed)", PART_NAME[k]);
    return -1;
}

/* The zip in memory, entries in PART_NAME order, each dated 1980-01-01
 * 00:00 (DOS time, so no time zone enters the bytes). */
static int zip_locked(char **bufs, const size_t *lens, unsigned char **out, size_t *outlen, diag *dg)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = NULL;
    int rc = -1;
    if (!mem)
        goto done;
    zip_source_keep(mem);
    if (!(za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze)))
        goto done;
    for (int k = 0; k < NPARTS; k++) {
        zip_source_t *src = zip_source_buffer(za, bufs[k], lens[k], 1);
        zip_int64_t idx = src ? zip_file_add(za, PART_NAME[k], src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(src);
            goto done;
        }
        bufs[k] = NULL;   /* the source owns it now */
        if (zip_file_set_dostime(za, (zip_uint64_t)idx, 0, (0 << 9) | (1 << 5) | 1, 0) < 0 ||
            zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) < 0)
            goto done;
    }
    if (zip_close(za) < 0)
        goto done;
    za = NULL;
    zip_stat_t st;
    if (zip_source_stat(mem, &st) < 0 || !(st.valid & ZIP_STAT_SIZE) || zip_source_open(mem) < 0)
        goto done;
    *outlen = (size_t)st.size;
    /* malloc, not xmalloc: running out of memory must not unwind past the lock. */
    *out = malloc(*outlen ? *outlen : 1);
    rc = *out && zip_source_read(mem, *out, st.size) == (zip_int64_t)st.size ? 0 : -1;
    zip_source_close(mem);
    if (rc < 0)
        free(*out), *out = NULL;
done:
    if (za)
        zip_discard(za);
    if (mem)
        zip_source_free(mem);
    if (rc < 0)
        diag_set(dg, "docx-write", "cannot write the DOCX's zip: %s", zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return rc;
}

/* libzip converts entry times with mktime and localtime, which rewrite
 * glibc's time zone state: one zip at a time. */
static pthread_mutex_t zip_lock = PTHREAD_MUTEX_INITIALIZER;

static int zip_parts(char **bufs, const size_t *lens, unsigned char **out, size_t *outlen, diag *dg)
{
    pthread_mutex_lock(&zip_lock);
    int rc = zip_locked(bufs, lens, out, outlen, dg);
    pthread_mutex_unlock(&zip_lock);
    return rc;
}

/* libxml2 sets its global state up lazily, not safely on several threads
 * at once: the first DOCX of the process does it, before any writer. */
static pthread_once_t lx_once = PTHREAD_ONCE_INIT;
static void lx_init(void)
{
    if (dynlib_open(&libxml2) == 0)
        lx.init_parser();
}

int docx_render(const doc *d, const fontset *fs, const page_setup *ps, const docx_meta *m, unsigned char **out,
                size_t *outlen, diag *dg)
{
    char *bufs[NPARTS] = {0};
    size_t lens[NPARTS] = {0};
    dw w = {.d = d, .fs = fs, .ps = ps};
    int rc = 0;
    *out = NULL;
    *outlen = 0;
    pthread_once(&lx_once, lx_init);
    if (libxml2.error[0])
        return diag_set(dg, "docx-write", "cannot load libxml2: %s", libxml2.error);
    for (int k = 0; k < NPARTS && rc == 0; k++)
        rc = make_part(k, &w, m, &bufs[k], &lens[k], dg);
    if (rc == 0)
        rc = zip_parts(bufs, lens, out, outlen, dg);
    for (int k = 0; k < NPARTS; k++)
        free(bufs[k]);
    return rc;
}
