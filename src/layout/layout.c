/* layout.c — document tree to positioned items on A4 pages (NĐ 30).
 *
 * Two passes. Building turns every block into boxes: a box is a piece of
 * the page that is never split (a line of body text, a table row, the whole
 * header), with the space above it and its items at offsets from its top.
 * Paginating then stacks the boxes onto pages. Boxes flagged KEEP stay on
 * the page of the box before them, which is how widows, orphans, headings
 * and the closing are handled with one rule.
 *
 * All text goes through one path: measure (split runs into words, widths
 * from the font tables), break (greedy first fit) and emit (one item per
 * word on justified lines, one per face change elsewhere). */
#include "layout.h"
#include "cancel.h"
#include "sbuf.h"
#include "text.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A4_W 595.276
#define A4_H 841.890
#define EPS 1e-6
#define SINGLE LAYOUT_SINGLE
#define RULE LAYOUT_RULE
#define RULE_GAP LAYOUT_RULE_GAP
#define HEAD_SIZE LAYOUT_HEAD_SIZE
#define VV_SIZE LAYOUT_VV_SIZE
#define BIG_SIZE LAYOUT_BIG_SIZE
#define LEFT_COL LAYOUT_LEFT_COL
#define CELL_PAD_X LAYOUT_CELL_PAD_X
#define CELL_PAD_Y LAYOUT_CELL_PAD_Y
#define SEAL MM_TO_PT(40)         /* seal diameter */
#define SIGN MM_TO_PT(40)         /* width of a signature image */

/* ---- strings owned by the layout ---- */

struct layout_arena {
    struct layout_arena *next;
    size_t used, cap;
    char buf[];
};

static const char *arena_str(layout *lo, const char *s, size_t n)
{
    struct layout_arena *a = lo->arena;
    if (!a || a->cap - a->used < n + 1) {
        size_t cap = n + 1 > 65536 ? n + 1 : 65536;
        a = xmalloc(sizeof *a + cap);
        a->next = lo->arena;
        a->used = 0;
        a->cap = cap;
        lo->arena = a;
    }
    char *p = a->buf + a->used;
    memcpy(p, s, n);
    p[n] = '\0';
    a->used += n + 1;
    return p;
}

/* ---- state ---- */

typedef struct geom {
    double pw, ph;                   /* page */
    double left, right, top, bottom; /* text box */
} geom;

/* A stretch of one word in one face (a word can span styled runs). */
typedef struct piece {
    const char *s;
    size_t n;
    face f;
    double w;
} piece;

typedef struct word {
    size_t p, np;    /* its pieces */
    double w;
    double gap;      /* width of the space after it, 0 if none */
    face gf;         /* face of that space */
    int hard;        /* a '\n' follows: the line ends here */
} word;

typedef struct line {
    size_t w0, w1;   /* words [w0, w1) */
    double width;    /* natural width */
    double indent;
    int last;        /* last line of the paragraph or before a '\n': not justified */
} line;

/* How a piece of text is set: font size, line pitch, column, first-line
 * indent, alignment, and style bits added to every run. */
typedef struct fmt {
    double size, pitch;
    double x, width, indent;
    doc_align align;
    unsigned style;
} fmt;

enum { KEEP = 1, SECTION = 2, HEAD_ROW = 4 };

typedef struct box {
    double before, height;
    size_t i0, i1;      /* items in pool; y (and y2) measured down from the box top */
    unsigned flags;
    int table;          /* index in tables, -1 if none */
    int landscape, restart;
} box;

typedef struct table_info {
    size_t head0, nhead; /* header row boxes, repeated on every page */
    double x0, x1;       /* for a top rule when there is no header */
} table_info;

typedef struct lay {
    const fontset *fs;
    const page_setup *ps;
    layout *lo;
    diag *dg;
    geom g;             /* of the block being built */

    piece *pieces;
    size_t npieces, cap_pieces;
    word *words;
    size_t nwords, cap_words;
    line *lines;
    size_t nlines, cap_lines;
    doc_run *runs;
    size_t cap_runs;
    sbuf text;

    litem *pool;
    size_t npool, cap_pool;
    box *boxes;
    size_t nboxes, cap_boxes;
    table_info *tables;
    size_t ntables, cap_tables;
    int keep_next;      /* the next box is kept with the one before */

    size_t sig_box;     /* the closing's box, SIZE_MAX if none */
    lrect sig, seal;    /* relative to that box: y is the offset of the rect's top */

    /* pagination */
    geom pg;
    int landscape;
    double y;           /* top of the free space on the current page */
    int empty;          /* nothing placed on the current page yet */
    int counter;        /* page number of the current page */
} lay;

static geom geom_for(const page_setup *ps, int landscape)
{
    geom g = {landscape ? A4_H : A4_W, landscape ? A4_W : A4_H, 0, 0, 0, 0};
    g.left = MM_TO_PT(ps->margin_left);
    g.right = g.pw - MM_TO_PT(ps->margin_right);
    g.top = g.ph - MM_TO_PT(ps->margin_top);
    g.bottom = MM_TO_PT(ps->margin_bottom);
    return g;
}

static double text_width(const geom *g) { return g->right - g->left; }

/* Vertical metrics in pt: the font's descender below the baseline, and the
 * baseline's distance from the top of a line box, with the leading split
 * evenly above and below as word processors do. */
static double descent(const lay *L, double size) { return -ttf_descent(L->fs->ttf[FACE_REGULAR]) * size / 1000; }
static double ascent(const lay *L, double size) { return ttf_ascent(L->fs->ttf[FACE_REGULAR]) * size / 1000; }
static double baseline(const lay *L, double size, double pitch)
{
    return (pitch + ascent(L, size) - descent(L, size)) / 2;
}

/* ---- items ---- */

static litem *new_item(lay *L, litem_kind kind, double x, double y)
{
    grow(&L->pool, &L->cap_pool, L->npool + 1, sizeof *L->pool);
    L->pool[L->npool] = (litem){.kind = kind, .x = x, .y = y};
    return &L->pool[L->npool++];
}

static void add_text(lay *L, double x, double dy, face f, double size, const char *s, size_t n)
{
    litem *it = new_item(L, ITEM_TEXT, x, dy);
    it->face = f;
    it->size = size;
    it->text = arena_str(L->lo, s, n);
}

static void add_rule(lay *L, double x, double dy, double x2, double dy2)
{
    litem *it = new_item(L, ITEM_RULE, x, dy);
    it->x2 = x2;
    it->y2 = dy2;
    it->width = RULE;
}

/* A rule of length len centred at x, RULE_GAP below the descender of a
 * line at baseline dy; returns its offset. */
static double rule_under(lay *L, double x, double len, double dy, double size)
{
    double ry = dy + descent(L, size) + RULE_GAP;
    add_rule(L, x - len / 2, ry, x + len / 2, ry);
    return ry;
}

static void push_box(lay *L, size_t i0, double before, double height, unsigned flags)
{
    grow(&L->boxes, &L->cap_boxes, L->nboxes + 1, sizeof *L->boxes);
    L->boxes[L->nboxes++] = (box){before, height, i0, L->npool, flags | (L->keep_next ? KEEP : 0), -1, 0, 0};
    L->keep_next = 0;
}

/* ---- measuring, breaking, emitting ---- */

/* "Tổng hợp kết quả đánh giá…": the start of a text, for messages. */
static int snippet_len(const char *s)
{
    size_t n = strlen(s), max = 40;
    if (n <= max)
        return (int)n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}

static int missing(lay *L, uint32_t cp, const char *at, int k, face f, const char *text)
{
    return diag_set(L->dg, "missing-glyph", "character U+%04X '%.*s' is not in the font %s, in \"%.*s%s\"",
                    (unsigned)cp, k, at, ttf_path(L->fs->ttf[f]), snippet_len(text), text,
                    (int)strlen(text) > snippet_len(text) ? "…" : "");
}

/* Splits runs into words at spaces (U+0020; NBSP binds) and measures them. */
static int measure(lay *L, const doc_run *runs, size_t nruns, const fmt *f)
{
    L->npieces = L->nwords = 0;
    int open = 0;  /* the last word may continue */
    for (size_t r = 0; r < nruns; r++) {
        face fc = (face)((runs[r].style | f->style) & (STYLE_BOLD | STYLE_ITALIC));
        const ttf *t = L->fs->ttf[fc];
        const char *s = runs[r].text;
        size_t n = strlen(s), pc = SIZE_MAX;
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            int k = utf8_next(s + i, n - i, &cp);
            if (k < 0)
                k = 1;
            if (cp == ' ' || cp == '\t' || cp == '\n') {
                if (L->nwords) {
                    word *w = &L->words[L->nwords - 1];
                    w->gap = ttf_advance(t, ' ') * f->size / 1000;
                    w->gf = fc;
                    w->hard |= cp == '\n';
                }
                open = 0;
                pc = SIZE_MAX;
            } else {
                if (!ttf_has(t, cp))
                    return missing(L, cp, s + i, k, fc, s);
                if (!open) {
                    grow(&L->words, &L->cap_words, L->nwords + 1, sizeof *L->words);
                    L->words[L->nwords++] = (word){L->npieces, 0, 0, 0, fc, 0};
                    open = 1;
                }
                if (pc == SIZE_MAX) {
                    grow(&L->pieces, &L->cap_pieces, L->npieces + 1, sizeof *L->pieces);
                    pc = L->npieces++;
                    L->pieces[pc] = (piece){s + i, 0, fc, 0};
                    L->words[L->nwords - 1].np++;
                }
                double cw = ttf_advance(t, cp) * f->size / 1000;
                L->pieces[pc].n += (size_t)k;
                L->pieces[pc].w += cw;
                L->words[L->nwords - 1].w += cw;
            }
            i += (size_t)k;
        }
    }
    return 0;
}

/* Word j is wider than avail: cut it between characters so that the first
 * part fits (at least one character), the rest becoming word j + 1. */
static void split_word(lay *L, size_t j, double avail, double size)
{
    word *w = &L->words[j];
    double x = 0, xp = 0;
    size_t p, cut = 0;
    for (p = w->p; p < w->p + w->np; p++, xp = x) {
        const piece *pc = &L->pieces[p];
        for (cut = 0; cut < pc->n;) {
            uint32_t cp;
            int k = utf8_next(pc->s + cut, pc->n - cut, &cp);
            double cw = ttf_advance(L->fs->ttf[pc->f], cp) * size / 1000;
            if (x > 0 && x + cw > avail)
                goto found;
            x += cw;
            cut += (size_t)(k < 0 ? 1 : k);
        }
    }
    return;
found:
    if (cut > 0) {  /* the cut falls inside piece p: make it two */
        grow(&L->pieces, &L->cap_pieces, L->npieces + 1, sizeof *L->pieces);
        memmove(&L->pieces[p + 1], &L->pieces[p], (L->npieces - p) * sizeof *L->pieces);
        L->npieces++;
        L->pieces[p].n = cut;
        L->pieces[p].w = x - xp;
        L->pieces[p + 1].s += cut;
        L->pieces[p + 1].n -= cut;
        L->pieces[p + 1].w -= x - xp;
        for (size_t i = j + 1; i < L->nwords; i++)
            L->words[i].p++;
        L->words[j].np++;
        p++;
    }
    grow(&L->words, &L->cap_words, L->nwords + 1, sizeof *L->words);
    memmove(&L->words[j + 1], &L->words[j], (L->nwords - j) * sizeof *L->words);
    L->nwords++;
    word *a = &L->words[j], *b = &L->words[j + 1];
    b->np = a->p + a->np - p;
    b->p = p;
    b->w = a->w - x;
    a->np = p - a->p;
    a->w = x;
    a->gap = 0;
    a->hard = 0;
}

/* A word that is only a dash ("Lao động - Thương binh"): no line may end
 * with it or just before it, so a name never breaks at its dash. */
static int is_dash(const lay *L, size_t j)
{
    const word *w = &L->words[j];
    const piece *p = &L->pieces[w->p];
    return w->np == 1 && ((p->n == 1 && p->s[0] == '-') || (p->n == 3 && !memcmp(p->s, "\u2013", 3)));
}

/* Width of words i..j-1 set on one line. */
static double span_width(const lay *L, size_t i, size_t j)
{
    double w = 0;
    for (size_t k = i; k < j; k++)
        w += (k > i ? L->words[k - 1].gap : 0) + L->words[k].w;
    return w;
}

/* The last line of a paragraph holding one word while the line before has
 * room to give one: that word moves down, unless the line left behind
 * would be stretched past a third of its width. */
static void avoid_lone_word(lay *L, double width)
{
    for (size_t k = 1; k < L->nlines; k++) {
        line *a = &L->lines[k - 1], *b = &L->lines[k];
        if (!b->last || a->last || b->w1 - b->w0 != 1 || a->w1 - a->w0 < 3 || is_dash(L, a->w1 - 2))
            continue;
        double avail = width - a->indent;
        double left = span_width(L, a->w0, a->w1 - 1);
        if (left < avail * 2 / 3 || span_width(L, a->w1 - 1, b->w1) > width - b->indent + EPS)
            continue;
        a->w1--, a->width = left;
        b->w0--, b->width = span_width(L, b->w0, b->w1);
    }
}

/* First fit of the measured words into lines of the given width, never
 * breaking beside a dash that has words before it on the line. */
static void break_lines(lay *L, const fmt *f, double width)
{
    L->nlines = 0;
    for (size_t i = 0; i < L->nwords;) {
        double indent = L->nlines == 0 ? f->indent : 0, avail = width - indent, w = 0;
        size_t j = i;
        while (j < L->nwords) {
            double add = (j > i ? L->words[j - 1].gap : 0) + L->words[j].w;
            if (j > i && w + add > avail + EPS)
                break;
            if (j == i && add > avail + EPS)
                split_word(L, j, avail, f->size);
            w += j > i ? L->words[j - 1].gap + L->words[j].w : L->words[j].w;
            if (L->words[j++].hard)
                break;
        }
        /* Back off to a break that is not beside a dash, if the line has one. */
        size_t k = j;
        while (k < L->nwords && k - 1 > i && !L->words[k - 1].hard && (is_dash(L, k - 1) || is_dash(L, k)))
            k--;
        if (k < L->nwords && k - 1 > i && !is_dash(L, k - 1) && !is_dash(L, k))
            j = k, w = span_width(L, i, j);
        grow(&L->lines, &L->cap_lines, L->nlines + 1, sizeof *L->lines);
        L->lines[L->nlines++] = (line){i, j, w, indent, j == L->nwords || L->words[j - 1].hard};
        i = j;
    }
}

static double widest_line(const lay *L)
{
    double w = 0;
    for (size_t i = 0; i < L->nlines; i++)
        if (L->lines[i].width > w)
            w = L->lines[i].width;
    return w;
}

/* Emits one line with its baseline at dy. Justified lines get one item per
 * word, with the slack spread over the gaps (PDF word spacing does not work
 * with libharu's CID fonts); other lines merge words of the same face. */
static void emit_line(lay *L, const fmt *f, const line *ln, double dy)
{
    double avail = f->width - ln->indent, x = f->x + ln->indent, stretch = 0;
    size_t gaps = ln->w1 - ln->w0 - 1;
    int justify = f->align == ALIGN_JUSTIFY && !ln->last && gaps > 0;
    if (f->align == ALIGN_CENTER)
        x += (avail - ln->width) / 2;
    else if (f->align == ALIGN_RIGHT)
        x += avail - ln->width;
    else if (justify)
        stretch = (avail - ln->width) / (double)gaps;

    int open = 0, space = 0;
    face cur = FACE_REGULAR;
    double x0 = x;
    for (size_t i = ln->w0; i < ln->w1; i++) {
        const word *w = &L->words[i];
        for (size_t p = w->p; p < w->p + w->np; p++) {
            const piece *pc = &L->pieces[p];
            if (open && pc->f != cur) {
                add_text(L, x0, dy, cur, f->size, L->text.s, L->text.len);
                open = 0;
            }
            if (!open) {
                sbuf_reset(&L->text);
                open = 1;
                cur = pc->f;
                x0 = x;
            } else if (space) {
                sbuf_putc(&L->text, ' ');
            }
            space = 0;
            sbuf_add(&L->text, pc->s, pc->n);
            x += pc->w;
        }
        if (i + 1 == ln->w1)
            break;
        if (!justify && w->gf == cur) {
            space = 1;
        } else {
            add_text(L, x0, dy, cur, f->size, L->text.s, L->text.len);
            open = 0;
        }
        x += w->gap + stretch;
    }
    if (open)
        add_text(L, x0, dy, cur, f->size, L->text.s, L->text.len);
}

static void emit_lines(lay *L, const fmt *f, double dy)
{
    for (size_t i = 0; i < L->nlines; i++)
        emit_line(L, f, &L->lines[i], dy + (double)i * f->pitch);
}

/* Sets runs as lines, the first baseline at dy; returns the number of
 * lines (L->lines holds them) or -1 if a character is not in the font. */
static int set_runs(lay *L, const fmt *f, const doc_run *runs, size_t n, double dy)
{
    if (measure(L, runs, n, f) < 0)
        return -1;
    break_lines(L, f, f->width);
    emit_lines(L, f, dy);
    return (int)L->nlines;
}

static int set_text(lay *L, const fmt *f, const char *s, unsigned style, double dy)
{
    doc_run r = {(char *)s, style};
    return set_runs(L, f, &r, 1, dy);
}

/* ---- blocks ---- */

static fmt column(double size, double pitch, double x, double width, doc_align align)
{
    return (fmt){size, pitch, x, width, 0, align, 0};
}

static fmt body_fmt(const lay *L, double size)
{
    size = size > 0 ? size : L->ps->body_size;
    return (fmt){size, size * L->ps->line_pitch, L->g.left, text_width(&L->g), 0, ALIGN_JUSTIFY, 0};
}

double layout_quoc_hieu_size(const fontset *fs, const char *national, double width)
{
    return fontset_width(fs, FACE_BOLD, HEAD_SIZE, national, strlen(national)) > width ? 12 : HEAD_SIZE;
}

/* Agency (left) and Quốc hiệu (right), then Số and the date on one
 * baseline, then a công văn's V/v lines under Số. One box. */
static int build_header(lay *L, const doc_header *h)
{
    size_t i0 = L->npool;
    double p13 = SINGLE * HEAD_SIZE, b13 = baseline(L, HEAD_SIZE, p13);
    double width = text_width(&L->g);
    fmt lc = column(HEAD_SIZE, p13, L->g.left, LEFT_COL, ALIGN_CENTER);
    fmt rc = column(HEAD_SIZE, p13, L->g.left + LEFT_COL, width - LEFT_COL, ALIGN_CENTER);
    double lmid = lc.x + lc.width / 2, rmid = rc.x + rc.width / 2;

    double dy = b13, widest = 0, rule_l = 0, rule_r;
    int n;
    if (h->parent) {
        if ((n = set_text(L, &lc, h->parent, STYLE_PLAIN, dy)) < 0)
            return -1;
        dy += n * p13;
    }
    for (size_t i = 0; i < h->nagency; i++) {
        if ((n = set_text(L, &lc, h->agency[i], STYLE_BOLD, dy)) < 0)
            return -1;
        dy += n * p13;
        double w = widest_line(L);
        widest = w > widest ? w : widest;
    }
    if (h->nagency)
        rule_l = rule_under(L, lmid, widest * 0.4, dy - p13, HEAD_SIZE);

    fmt q = rc;
    q.size = layout_quoc_hieu_size(L->fs, h->national, rc.width);
    if (set_text(L, &q, h->national, STYLE_BOLD, b13) < 0 || set_text(L, &rc, h->motto, STYLE_BOLD, b13 + p13) < 0)
        return -1;
    rule_r = rule_under(L, rmid, widest_line(L), b13 + p13, HEAD_SIZE);

    double shared = (rule_l > rule_r ? rule_l : rule_r) + p13, bottom = shared;
    if (h->number) {
        if ((n = set_text(L, &lc, h->number, STYLE_PLAIN, shared)) < 0)
            return -1;
        bottom = shared + (n - 1) * p13;
    }
    if (h->place_date) {
        if ((n = set_text(L, &rc, h->place_date, STYLE_ITALIC, shared)) < 0)
            return -1;
        if (shared + (n - 1) * p13 > bottom)
            bottom = shared + (n - 1) * p13;
    }
    if (h->nvv) {
        fmt vc = lc;
        vc.size = VV_SIZE;
        vc.pitch = SINGLE * VV_SIZE;
        double vy = bottom + 6 + vc.pitch;
        for (size_t i = 0; i < h->nvv; i++) {
            if ((n = set_text(L, &vc, h->vv[i], STYLE_PLAIN, vy)) < 0)
                return -1;
            vy += n * vc.pitch;
        }
        bottom = vy - vc.pitch;
    }
    push_box(L, i0, 0, bottom + descent(L, HEAD_SIZE), 0);
    return 0;
}

/* Subject lines as even as possible: the narrowest width that still needs
 * no more lines than a greedy fill of the widest allowed. */
static void break_balanced(lay *L, const fmt *f, double max)
{
    break_lines(L, f, max);
    size_t want = L->nlines;
    double lo = 0, hi = max;
    for (size_t i = 0; i < L->nwords; i++)
        if (L->words[i].w > lo)
            lo = L->words[i].w;
    for (int k = 0; k < 16 && hi - lo > 0.5; k++) {
        double mid = (lo + hi) / 2;
        break_lines(L, f, mid);
        if (L->nlines > want)
            lo = mid;
        else
            hi = mid;
    }
    break_lines(L, f, hi);
}

/* A lay for measuring one text outside layout_document. */
static void scratch_free(lay *L)
{
    free(L->pieces);
    free(L->words);
    free(L->lines);
}

double layout_balanced_width(const fontset *fs, const char *text, unsigned style, double size, double max)
{
    diag dg = {0};
    lay L = {.fs = fs, .dg = &dg};
    fmt f = column(size, size, 0, max, ALIGN_CENTER);
    doc_run r = {(char *)text, style};
    double w = 0;
    if (measure(&L, &r, 1, &f) == 0) {
        break_balanced(&L, &f, max);
        w = widest_line(&L);
    }
    scratch_free(&L);
    return w;
}

double layout_cell_height(const fontset *fs, const doc_inlines *text, unsigned style, double size, double width)
{
    diag dg = {0};
    lay L = {.fs = fs, .dg = &dg};
    fmt f = column(size, SINGLE * size, 0, width - 2 * CELL_PAD_X, ALIGN_LEFT);
    f.style = style;
    size_t lines = 0;
    if (measure(&L, text->runs, text->n, &f) == 0) {
        break_lines(&L, &f, f.width);
        lines = L.nlines;
    }
    scratch_free(&L);
    return (double)lines * f.pitch + 2 * CELL_PAD_Y;
}

static int build_title(lay *L, const doc_title *t)
{
    size_t i0 = L->npool;
    double pitch = SINGLE * BIG_SIZE, dy = baseline(L, BIG_SIZE, pitch);
    fmt f = column(BIG_SIZE, pitch, L->g.left, text_width(&L->g), ALIGN_CENTER);
    if (t->type) {
        int n = set_text(L, &f, t->type, STYLE_BOLD, dy);
        if (n < 0)
            return -1;
        dy += n * pitch;
    }
    if (t->subject) {
        doc_run r = {t->subject, STYLE_BOLD};
        if (measure(L, &r, 1, &f) < 0)
            return -1;
        break_balanced(L, &f, 0.75 * f.width);
        emit_lines(L, &f, dy);
        dy += (double)L->nlines * pitch;
        dy = rule_under(L, f.x + f.width / 2, 0.4 * widest_line(L), dy - pitch, BIG_SIZE);
    }
    push_box(L, i0, body_fmt(L, 0).pitch, dy + descent(L, BIG_SIZE), 0);
    return 0;
}

/* "Kính gửi: X" on one line, or "Kính gửi:" over "- X;" lines whose dashes
 * start where the text after "Kính gửi: " would; the longest line centred.
 * The label is the document's (a->label). */
static int build_addressee(lay *L, const doc_addressee *a)
{
    sbuf label_b = {0};
    sbuf_printf(&label_b, "%s ", a->label);
    const char *LABEL = label_b.s;
    size_t i0 = L->npool;
    fmt f = body_fmt(L, BIG_SIZE);
    f.align = ALIGN_LEFT;
    double lw = fontset_width(L->fs, FACE_REGULAR, f.size, LABEL, strlen(LABEL)), longest = 0;
    for (size_t i = 0; i < a->nto; i++) {
        double w = lw + fontset_width(L->fs, FACE_REGULAR, f.size, a->to[i], strlen(a->to[i]));
        if (w > longest)
            longest = w;
    }
    double x0 = L->g.left + (longest < f.width ? (f.width - longest) / 2 : 0);
    double dy = baseline(L, f.size, f.pitch);
    fmt label = column(f.size, f.pitch, x0, f.width, ALIGN_LEFT);
    int rc = set_text(L, &label, LABEL, STYLE_PLAIN, dy);
    sbuf_free(&label_b);
    if (rc < 0)
        return -1;
    if (a->nto != 1)
        dy += f.pitch;
    f.x = x0 + lw;
    f.width = L->g.right - f.x;
    for (size_t i = 0; i < a->nto; i++) {
        int n = set_text(L, &f, a->to[i], STYLE_PLAIN, dy);
        if (n < 0)
            return -1;
        dy += n * f.pitch;
    }
    push_box(L, i0, f.pitch, dy - baseline(L, f.size, f.pitch), 0);
    return 0;
}

/* Body text: one box per line; the second and the last line are kept with
 * the line before, so no page starts or ends with a lone line of it. */
static int build_lines(lay *L, const fmt *f, const doc_run *runs, size_t n, double before)
{
    if (measure(L, runs, n, f) < 0)
        return -1;
    /* Centred text (titles) in lines of even length, never one word alone
     * below; running text without a lone word on its last line. */
    if (f->align == ALIGN_CENTER) {
        break_balanced(L, f, f->width);
    } else {
        break_lines(L, f, f->width);
        avoid_lone_word(L, f->width);
    }
    double dy = baseline(L, f->size, f->pitch);
    if (L->nlines == 0)  /* an empty paragraph is a blank line */
        push_box(L, L->npool, before, f->pitch, 0);
    for (size_t i = 0; i < L->nlines; i++) {
        size_t i0 = L->npool;
        emit_line(L, f, &L->lines[i], dy);
        int keep = L->nlines >= 2 && (i == 1 || i + 1 == L->nlines);
        push_box(L, i0, i == 0 ? before : 0, f->pitch, keep ? KEEP : 0);
    }
    return 0;
}

static int build_para(lay *L, const doc_para *p)
{
    fmt f = body_fmt(L, p->size);
    f.align = p->align;
    f.indent = p->indent ? MM_TO_PT(L->ps->indent) : 0;
    if (build_lines(L, &f, p->text.runs, p->text.n, L->ps->para_space + p->space_before) < 0)
        return -1;
    L->keep_next = p->keep_with_next;
    return 0;
}

static int build_heading(lay *L, const doc_heading *h)
{
    fmt f = body_fmt(L, 0);
    f.indent = MM_TO_PT(L->ps->indent);
    f.style = h->level == 1 ? STYLE_BOLD : STYLE_BOLD | STYLE_ITALIC;
    if (build_lines(L, &f, h->text.runs, h->text.n, L->ps->para_space) < 0)
        return -1;
    L->keep_next = 1;
    return 0;
}

/* "- " or "+ " and the text; continuation lines start at the margin. */
static int build_item(lay *L, const doc_item *it)
{
    fmt f = body_fmt(L, 0);
    f.indent = MM_TO_PT(L->ps->indent);
    grow(&L->runs, &L->cap_runs, it->text.n + 1, sizeof *L->runs);
    L->runs[0] = (doc_run){it->level == 2 ? "+ " : "- ", STYLE_PLAIN};
    memcpy(L->runs + 1, it->text.runs, it->text.n * sizeof *L->runs);
    return build_lines(L, &f, L->runs, it->text.n + 1, L->ps->para_space);
}

/* Nơi nhận on the left, sharing its first baseline with the authority
 * lines on the right; signature space, then the signer. One box, kept with
 * the last two lines before it so that it never starts a page alone. */
static int build_closing(lay *L, const doc_closing *c)
{
    size_t i0 = L->npool;
    double width = text_width(&L->g), pitch = SINGLE * BIG_SIZE, first = baseline(L, BIG_SIZE, pitch);
    fmt rc = column(BIG_SIZE, pitch, L->g.left + LEFT_COL, width - LEFT_COL, ALIGN_CENTER);
    double dy = first;
    int n;
    for (size_t i = 0; i < c->nauthority; i++) {
        if ((n = set_text(L, &rc, c->authority[i], STYLE_BOLD, dy)) < 0)
            return -1;
        dy += n * pitch;
    }
    double sig_top = dy - pitch + descent(L, BIG_SIZE);
    double name = sig_top + MM_TO_PT(L->ps->signature_space) + ascent(L, BIG_SIZE);
    if (c->signer && set_text(L, &rc, c->signer, STYLE_BOLD, name) < 0)
        return -1;
    double bottom = name + descent(L, BIG_SIZE);

    fmt lc = column(LAYOUT_NOI_NHAN_SIZE, SINGLE * LAYOUT_NOI_NHAN_SIZE, L->g.left, LEFT_COL, ALIGN_LEFT);
    double ly = first;
    if (c->nrecipients) {
        if ((n = set_text(L, &lc, c->label, STYLE_BOLD | STYLE_ITALIC, ly)) < 0)
            return -1;
        ly += n * lc.pitch;
        lc.size = LAYOUT_RECIPIENT_SIZE;
        lc.pitch = SINGLE * LAYOUT_RECIPIENT_SIZE;
        for (size_t i = 0; i < c->nrecipients; i++) {
            if ((n = set_text(L, &lc, c->recipients[i], STYLE_PLAIN, ly)) < 0)
                return -1;
            ly += n * lc.pitch;
        }
        if (ly - lc.pitch + descent(L, 11) > bottom)
            bottom = ly - lc.pitch + descent(L, 11);
    }

    /* Box 7c between the authority lines and the name; the seal over the
     * left third of a signature centred in it (NĐ 30 II.8a). */
    double mid = rc.x + rc.width / 2, inset = MM_TO_PT(3);
    L->sig = (lrect){0, rc.x + inset, sig_top, rc.width - 2 * inset, name - ascent(L, BIG_SIZE) - sig_top};
    double seal_x = mid - SIGN / 2 + SIGN / 3 - SEAL;
    L->seal = (lrect){0, seal_x > rc.x ? seal_x : rc.x, sig_top + L->sig.h / 2 - SEAL / 2, SEAL, SEAL};
    L->sig_box = L->nboxes;

    if (L->nboxes)
        L->boxes[L->nboxes - 1].flags |= KEEP;
    push_box(L, i0, body_fmt(L, 0).pitch, bottom, KEEP);
    return 0;
}

/* Where a cell sits in the grid, and the height its text needs. */
typedef struct cell_pos {
    const doc_cell *cell;
    size_t row, col, span, rspan;
    double need;
} cell_pos;

typedef struct grid {
    const doc_table *t;
    double *cx;        /* column edges, ncols + 1 */
    double *rowh;      /* row heights */
    cell_pos *cells;   /* in row order */
    size_t ncells, cap;
    fmt f;             /* the cells' text format; x and width vary */
} grid;

/* Sets the column for cell cp (and bold for section rows). */
static void cell_fmt(grid *g, const cell_pos *cp)
{
    g->f.x = g->cx[cp->col] + CELL_PAD_X;
    g->f.width = g->cx[cp->col + cp->span] - g->cx[cp->col] - 2 * CELL_PAD_X;
    g->f.align = cp->cell->align;
    g->f.style = g->t->rows[cp->row].kind == ROW_SECTION ? STYLE_BOLD : 0;
}

layout_cell *layout_place_cells(const doc_table *t, size_t *n, size_t *overlap)
{
    size_t nc = t->ncols, *occ = xcalloc(nc ? nc : 1, sizeof *occ), cap = 0;  /* rows still covered, per column */
    layout_cell *v = xcalloc(1, sizeof *v);
    *n = *overlap = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const doc_row *row = &t->rows[r];
        size_t col = 0;
        for (size_t i = 0; i < row->n; i++) {
            while (col < nc && occ[col])
                col++;
            if (col >= nc)
                break;
            const doc_cell *cell = &row->cells[i];
            size_t span = cell->colspan > 1 ? (size_t)cell->colspan : 1;
            size_t rspan = cell->rowspan > 1 ? (size_t)cell->rowspan : 1;
            if ((row->kind == ROW_SECTION && i + 1 == row->n) || col + span > nc)
                span = nc - col;
            if (r + rspan > t->nrows)
                rspan = t->nrows - r;
            grow(&v, &cap, *n + 1, sizeof *v);
            v[(*n)++] = (layout_cell){cell, r, col, span, rspan};
            for (size_t c = col; c < col + span; c++) {
                if (occ[c] && !*overlap)
                    *overlap = r + 1;
                occ[c] = rspan;
            }
            col += span;
        }
        for (size_t c = 0; c < nc; c++)
            if (occ[c])
                occ[c]--;
    }
    free(occ);
    return v;
}

/* Places the cells (layout_place_cells) and measures them. */
static int grid_cells(lay *L, grid *g)
{
    size_t n, overlap;
    layout_cell *v = layout_place_cells(g->t, &n, &overlap);
    int err = 0;
    for (size_t i = 0; i < n; i++) {
        cell_pos cp = {v[i].cell, v[i].row, v[i].col, v[i].span, v[i].rspan, 0};
        cell_fmt(g, &cp);
        if ((err = measure(L, cp.cell->text.runs, cp.cell->text.n, &g->f)) < 0)
            break;
        break_lines(L, &g->f, g->f.width);
        cp.need = (double)L->nlines * g->f.pitch + 2 * CELL_PAD_Y;
        grow(&g->cells, &g->cap, g->ncells + 1, sizeof *g->cells);
        g->cells[g->ncells++] = cp;
    }
    free(v);
    return err;
}

/* Row heights: single-row cells first, then a rowspan stretches its last row. */
static void grid_heights(grid *g)
{
    for (size_t i = 0; i < g->ncells; i++)
        if (g->cells[i].rspan == 1 && g->cells[i].need > g->rowh[g->cells[i].row])
            g->rowh[g->cells[i].row] = g->cells[i].need;
    for (size_t i = 0; i < g->ncells; i++) {
        const cell_pos *cp = &g->cells[i];
        double sum = 0;
        for (size_t r = cp->row; r < cp->row + cp->rspan; r++)
            sum += g->rowh[r];
        if (cp->need > sum)
            g->rowh[cp->row + cp->rspan - 1] += cp->need - sum;
    }
}

/* One box per row. Each cell draws its left and bottom edges (and the right
 * and top ones on the table's border), so merged cells stay open inside.
 * Header rows stick together and to the first body row; rows joined by a
 * rowspan stick together. */
static int grid_rows(lay *L, grid *g, int table)
{
    const doc_table *t = g->t;
    size_t k = 0, spanned_to = 0;  /* last row a rowspan reaches so far */
    for (size_t r = 0; r < t->nrows; r++) {
        size_t i0 = L->npool;
        unsigned flags = r > 0 && (r <= t->header_rows || r <= spanned_to) ? KEEP : 0;
        for (; k < g->ncells && g->cells[k].row == r; k++) {
            const cell_pos *cp = &g->cells[k];
            double h = 0, x0 = g->cx[cp->col], x1 = g->cx[cp->col + cp->span];
            for (size_t q = r; q < r + cp->rspan; q++)
                h += g->rowh[q];
            if (r + cp->rspan - 1 > spanned_to)
                spanned_to = r + cp->rspan - 1;
            cell_fmt(g, cp);
            double text_h = cp->need - 2 * CELL_PAD_Y;
            if (set_runs(L, &g->f, cp->cell->text.runs, cp->cell->text.n,
                         (h - text_h) / 2 + baseline(L, g->f.size, g->f.pitch)) < 0)
                return -1;
            add_rule(L, x0, 0, x0, h);
            add_rule(L, x0, h, x1, h);
            if (cp->col + cp->span == t->ncols)
                add_rule(L, x1, 0, x1, h);
            if (r == 0)
                add_rule(L, x0, 0, x1, 0);
        }
        push_box(L, i0, r == 0 ? L->ps->para_space : 0, g->rowh[r], flags | (r < t->header_rows ? HEAD_ROW : 0));
        L->boxes[L->nboxes - 1].table = table;
    }
    return 0;
}

static int build_table(lay *L, const doc_table *t)
{
    size_t nc = t->ncols;
    double total = 0;
    for (size_t c = 0; c < nc; c++)
        total += t->widths[c] > 0 ? t->widths[c] : 0;
    if (nc == 0 || total <= 0)
        return diag_set(L->dg, "table-widths", "table without columns or with no positive column width");

    double size = t->size > 0 ? t->size : L->ps->body_size;
    grid g = {t, xmalloc((nc + 1) * sizeof *g.cx), xcalloc(t->nrows + 1, sizeof *g.rowh), NULL, 0, 0,
              column(size, SINGLE * size, 0, 0, ALIGN_LEFT)};
    g.cx[0] = L->g.left;
    for (size_t c = 0; c < nc; c++)
        g.cx[c + 1] = g.cx[c] + text_width(&L->g) * (t->widths[c] > 0 ? t->widths[c] : 0) / total;

    int err = grid_cells(L, &g);
    if (!err) {
        grid_heights(&g);
        grow(&L->tables, &L->cap_tables, L->ntables + 1, sizeof *L->tables);
        L->tables[L->ntables] = (table_info){L->nboxes, t->header_rows < t->nrows ? t->header_rows : t->nrows,
                                             g.cx[0], g.cx[nc]};
        err = grid_rows(L, &g, (int)L->ntables++);
    }
    free(g.cx);
    free(g.rowh);
    free(g.cells);
    return err;
}

static void build_section(lay *L, const doc_section *s)
{
    push_box(L, L->npool, 0, 0, SECTION);
    box *b = &L->boxes[L->nboxes - 1];
    b->flags &= ~(unsigned)KEEP;
    b->landscape = s->landscape;
    b->restart = s->restart_numbering;
    L->g = geom_for(L->ps, s->landscape);
}

static int build(lay *L, const doc_block *b)
{
    switch (b->kind) {
    case BLOCK_HEADER: return build_header(L, &b->u.header);
    case BLOCK_TITLE: return build_title(L, &b->u.title);
    case BLOCK_ADDRESSEE: return build_addressee(L, &b->u.addressee);
    case BLOCK_PARAGRAPH: return build_para(L, &b->u.para);
    case BLOCK_HEADING: return build_heading(L, &b->u.heading);
    case BLOCK_LIST_ITEM: return build_item(L, &b->u.item);
    case BLOCK_CLOSING: return build_closing(L, &b->u.closing);
    case BLOCK_TABLE: return build_table(L, &b->u.table);
    case BLOCK_SECTION: build_section(L, &b->u.section); return 0;
    }
    return 0;
}

/* ---- pagination ---- */

static lpage *cur_page(lay *L) { return &L->lo->pages[L->lo->npages - 1]; }

static void page_add(lpage *pg, const litem *it)
{
    grow(&pg->items, &pg->cap, pg->n + 1, sizeof *pg->items);
    pg->items[pg->n++] = *it;
}

/* Starts a page (or reshapes an empty one). Page 1 and the first page of a
 * section that restarts numbering print no number. */
static void new_page(lay *L, int landscape, int restart)
{
    layout *lo = L->lo;
    if (lo->npages == 0 || !L->empty) {
        grow_push(&lo->pages, &lo->npages, &lo->cap, sizeof *lo->pages);
        L->counter++;
    }
    if (restart)
        L->counter = 1;
    L->landscape = landscape;
    L->pg = geom_for(L->ps, landscape);
    lpage *pg = cur_page(L);
    pg->width = L->pg.pw;
    pg->height = L->pg.ph;
    pg->number = lo->npages == 1 || restart ? 0 : L->counter;
    L->y = L->pg.top;
    L->empty = 1;
}

static int is_body_row(const lay *L, const box *b) { return b->table >= 0 && !(b->flags & HEAD_ROW); }

static double header_height(const lay *L, const box *b)
{
    const table_info *t = &L->tables[b->table];
    double h = 0;
    for (size_t i = t->head0; i < t->head0 + t->nhead; i++)
        h += L->boxes[i].height;
    return h;
}

static void place(lay *L, size_t i);

/* A table continued on a new page: its header rows again, or a top rule. */
static void continue_table(lay *L, const box *b)
{
    const table_info *t = &L->tables[b->table];
    if (t->nhead == 0) {
        litem r = {ITEM_RULE, t->x0, L->y, t->x1, L->y, RULE, FACE_REGULAR, 0, NULL};
        page_add(cur_page(L), &r);
    }
    for (size_t i = t->head0; i < t->head0 + t->nhead; i++)
        place(L, i);
}

static void place(lay *L, size_t i)
{
    const box *b = &L->boxes[i];
    if (L->empty && is_body_row(L, b))
        continue_table(L, b);
    double top = L->empty ? L->y : L->y - b->before;
    lpage *pg = cur_page(L);
    for (size_t k = b->i0; k < b->i1; k++) {
        litem it = L->pool[k];
        it.y = top - it.y;
        it.y2 = top - it.y2;
        page_add(pg, &it);
    }
    if (i == L->sig_box) {
        int page = (int)L->lo->npages - 1;
        L->lo->signature = (lrect){page, L->sig.x, top - L->sig.y - L->sig.h, L->sig.w, L->sig.h};
        L->lo->seal = (lrect){page, L->seal.x, top - L->seal.y - L->seal.h, L->seal.w, L->seal.h};
    }
    L->y = top - b->height;
    L->empty = 0;
}

/* Boxes [i, j) as one unit: the first box and every box kept with it. */
static size_t group_end(const lay *L, size_t i)
{
    size_t j = i + 1;
    while (j < L->nboxes && (L->boxes[j].flags & (KEEP | SECTION)) == KEEP)
        j++;
    return j;
}

static int fits(const lay *L, size_t i, size_t j)
{
    double h = L->empty && is_body_row(L, &L->boxes[i]) ? header_height(L, &L->boxes[i]) : 0;
    for (size_t k = i; k < j; k++)
        h += (k == i && L->empty ? 0 : L->boxes[k].before) + L->boxes[k].height;
    return L->y - h >= L->pg.bottom - EPS;
}

/* The first words of a box (a table row: its first cells), to name it in
 * a message. */
/* The first words of a box (about 48 bytes, whole words), for messages. */
static void box_text(const lay *L, const box *b, sbuf *out)
{
    for (size_t k = b->i0; k < b->i1 && out->len < 48; k++)
        if (L->pool[k].kind == ITEM_TEXT)
            sbuf_printf(out, "%s%s", out->len ? " " : "", L->pool[k].text);
}

static int paginate(lay *L)
{
    new_page(L, 0, 0);
    for (size_t i = 0, pages = 0; i < L->nboxes;) {
        const box *b = &L->boxes[i];
        if (pages != L->lo->npages && cancel_check(L->dg) < 0)   /* once per page */
            return -1;
        pages = L->lo->npages;
        if (b->flags & SECTION) {
            new_page(L, b->landscape, b->restart);
            i++;
            continue;
        }
        size_t j = group_end(L, i);
        if (!fits(L, i, j)) {
            if (!L->empty)
                new_page(L, L->landscape, 0);
            if (!fits(L, i, j))
                j = i + 1;  /* taller than a page: keeping together is impossible */
            /* A single box taller than an empty page would run into the
             * bottom margin and off the sheet: refuse rather than cut text. */
            if (j == i + 1 && !fits(L, i, j)) {
                sbuf start = {0};
                box_text(L, b, &start);
                diag_set(L->dg, "layout-too-tall",
                         "page %zu: the block starting \"%s\" is %.0f mm tall, more than a page holds",
                         L->lo->npages, sbuf_str(&start), PT_TO_MM(b->height));
                sbuf_free(&start);
                return -1;
            }
        }
        for (; i < j; i++)
            place(L, i);
    }
    return 0;
}

/* Centred on the text box in the top margin, digits' top 12.5 mm below the edge. */
static void number_pages(lay *L)
{
    char num[16];
    for (size_t i = 0; i < L->lo->npages; i++) {
        lpage *pg = &L->lo->pages[i];
        if (!pg->number)
            continue;
        geom g = geom_for(L->ps, pg->width > pg->height);
        int n = snprintf(num, sizeof num, "%d", pg->number);
        double w = fontset_width(L->fs, FACE_REGULAR, HEAD_SIZE, num, (size_t)n);
        double cap = ttf_cap_height(L->fs->ttf[FACE_REGULAR]) * HEAD_SIZE / 1000;
        litem it = {ITEM_TEXT, (g.left + g.right - w) / 2, g.ph - MM_TO_PT(LAYOUT_NUMBER_TOP) - cap, 0, 0, 0,
                    FACE_REGULAR, HEAD_SIZE, arena_str(L->lo, num, (size_t)n)};
        page_add(pg, &it);
    }
}

int layout_document(const doc *d, const fontset *fs, const page_setup *ps, layout *out, diag *dg)
{
    memset(out, 0, sizeof *out);
    out->signature.page = out->seal.page = -1;
    lay L = {.fs = fs, .ps = ps, .lo = out, .dg = dg, .sig_box = SIZE_MAX};
    L.g = geom_for(ps, 0);
    int err = 0;
    for (size_t i = 0; i < d->n && !err; i++)
        err = cancel_check(dg) < 0 || build(&L, &d->blocks[i]) < 0 ? -1 : 0;
    if (!err && !(err = paginate(&L)))
        number_pages(&L);
    free(L.pieces);
    free(L.words);
    free(L.lines);
    free(L.runs);
    sbuf_free(&L.text);
    free(L.pool);
    free(L.boxes);
    free(L.tables);
    if (err)
        layout_free(out);
    return err;
}

void layout_free(layout *lo)
{
    for (size_t i = 0; i < lo->npages; i++)
        free(lo->pages[i].items);
    free(lo->pages);
    while (lo->arena) {
        struct layout_arena *next = lo->arena->next;
        free(lo->arena);
        lo->arena = next;
    }
    memset(lo, 0, sizeof *lo);
    lo->signature.page = lo->seal.page = -1;
}

/* ---- page setup ---- */

void page_setup_default(page_setup *ps)
{
    *ps = (page_setup){20, 20, 30, 15, 14, 1.2, 6, 10, 32};
}

int page_setup_check(const page_setup *ps, diag *d)
{
    static const struct {
        const char *name;
        size_t off;
        double lo, hi;
        const char *unit;
    } R[] = {
        {"margin_top", offsetof(page_setup, margin_top), 20, 25, "mm"},
        {"margin_bottom", offsetof(page_setup, margin_bottom), 20, 25, "mm"},
        {"margin_left", offsetof(page_setup, margin_left), 30, 35, "mm"},
        {"margin_right", offsetof(page_setup, margin_right), 15, 20, "mm"},
        {"body_size", offsetof(page_setup, body_size), 13, 14, "pt"},
        {"line_pitch", offsetof(page_setup, line_pitch), 1.15, 1.5, "× size"},
        {"para_space", offsetof(page_setup, para_space), 6, 72, "pt"},
        {"signature_space", offsetof(page_setup, signature_space), 20, 60, "mm"},
    };
    for (size_t i = 0; i < sizeof R / sizeof *R; i++) {
        double v = *(const double *)((const char *)ps + R[i].off);
        if (!(v >= R[i].lo - EPS && v <= R[i].hi + EPS))
            return diag_set(d, "page-setup", "%s = %g is outside NĐ 30's range %g–%g %s", R[i].name, v, R[i].lo,
                            R[i].hi, R[i].unit);
    }
    if (!(ps->indent > 10 - 0.01 && ps->indent < 10 + 0.01) && !(ps->indent > 12.7 - 0.01 && ps->indent < 12.7 + 0.01))
        return diag_set(d, "page-setup", "indent = %g mm: NĐ 30 allows 10 or 12.7 mm", ps->indent);
    return 0;
}
