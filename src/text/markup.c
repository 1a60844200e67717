/* markup.c — block markup to doc blocks, line by line.
 *
 * One block is open at a time. Its inline text is built run by run: "**"
 * and "*" toggle bold and italic, so nesting is just both bits set. White
 * space is kept as a pending space and written only before the next
 * character, which collapses runs of spaces and drops them at the ends of
 * blocks; before a style toggle the pending space is written in the old
 * style, so "đạt **11,8 điểm**" gives "đạt " plain and "11,8 điểm" bold. */
#include "markup.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef enum block_kind { B_NONE, B_PARA, B_HEADING, B_ITEM } block_kind;

/* Line-start markers; each must be followed by white space or the line end. */
static const struct {
    const char *mark;
    block_kind kind;
    int level;
} MARKS[] = {
    {"##", B_HEADING, 2},
    {"#", B_HEADING, 1},
    {"-", B_ITEM, 1},
    {"+", B_ITEM, 2},
};

/* "::name" paragraph styles. The body default is justified and indented. */
static const struct {
    const char *name;
    doc_align align;
} STYLES[] = {
    {"center", ALIGN_CENTER},
    {"left", ALIGN_LEFT},
    {"right", ALIGN_RIGHT},
    {"noindent", ALIGN_JUSTIFY},
};

/* Characters escaped in data: those that start markers or toggle styles. */
static const char SPECIAL[] = "\\*#-+:";

typedef struct block {
    block_kind kind;
    int level;
    doc_align align;
    int indent;
    doc_inlines text;
    sbuf run;              /* the run being built, in `style` */
    unsigned style;
    int space;             /* a space is due before the next character */
    size_t open[3];        /* where the open "**" (STYLE_BOLD) and "*" (STYLE_ITALIC) are */
} block;

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
static int is_punct(char c) { return c > ' ' && c < 0x7f && !isalnum((unsigned char)c); }

void markup_escape(sbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            sbuf_putc(b, ' ');
            continue;
        }
        if (strchr(SPECIAL, *s))
            sbuf_putc(b, '\\');
        sbuf_putc(b, *s);
    }
}

static int has_text(const block *b) { return b->text.n || b->run.len; }

static void put_space(block *b)
{
    if (b->space && has_text(b))
        sbuf_putc(&b->run, ' ');
    b->space = 0;
}

static void toggle(block *b, unsigned bit, size_t off)
{
    put_space(b);
    if (b->run.len)
        doc_inlines_add(&b->text, b->run.s, b->style);
    sbuf_reset(&b->run);
    b->style ^= bit;
    b->open[bit] = off;
}

/* The inline content s[i..e) of the open block. */
static void add_inline(block *b, const char *s, size_t i, size_t e)
{
    while (i < e) {
        if (s[i] == '*') {
            unsigned bit = i + 1 < e && s[i + 1] == '*' ? STYLE_BOLD : STYLE_ITALIC;
            toggle(b, bit, i);
            i += bit == STYLE_BOLD ? 2 : 1;
        } else if (is_blank(s[i])) {
            b->space = 1;
            i++;
        } else {
            if (s[i] == '\\' && i + 1 < e && is_punct(s[i + 1]))
                i++;
            put_space(b);
            sbuf_putc(&b->run, s[i++]);
        }
    }
    b->space = 1;   /* the line break */
}

static void free_inlines(doc_inlines *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->runs[i].text);
    free(in->runs);
}

static int end_block(block *b, doc *out, size_t *err_off, diag *d)
{
    static const char *const KIND[] = {"", "paragraph", "heading", "list item"};
    if (b->style) {
        unsigned bit = b->style & STYLE_BOLD ? STYLE_BOLD : STYLE_ITALIC;
        *err_off = b->open[bit];
        return diag_set(d, "tmpl-markup", "\"%s\" is not closed before the end of the %s",
                        bit == STYLE_BOLD ? "**" : "*", KIND[b->kind]);
    }
    if (b->run.len)
        doc_inlines_add(&b->text, b->run.s, b->style);
    sbuf_reset(&b->run);
    if (!b->text.n)
        free_inlines(&b->text);
    else if (b->kind == B_PARA)
        doc_add_para(out, b->align, b->indent)->text = b->text;
    else if (b->kind == B_HEADING)
        *doc_add_heading(out, b->level) = b->text;
    else
        *doc_add_item(out, b->level) = b->text;
    memset(&b->text, 0, sizeof b->text);
    b->kind = B_NONE;
    b->space = 0;
    return 0;
}

static void start(block *b, block_kind kind, int level, doc_align align, int indent)
{
    b->kind = kind;
    b->level = level;
    b->align = align;
    b->indent = indent;
}

/* Length of marker m at s[p..e) when white space or the line end follows it; else 0. */
static size_t match(const char *s, size_t p, size_t e, const char *m)
{
    size_t k = strlen(m);
    return e - p >= k && memcmp(s + p, m, k) == 0 && (p + k == e || is_blank(s[p + k])) ? k : 0;
}

/* One line s[p..e), leading white space already skipped. */
static int add_line(block *b, const char *s, size_t p, size_t e, doc *out, size_t *err_off, diag *d)
{
    if (p == e)
        return end_block(b, out, err_off, d);
    for (size_t i = 0; i < sizeof MARKS / sizeof *MARKS; i++) {
        size_t k = match(s, p, e, MARKS[i].mark);
        if (!k)
            continue;
        if (end_block(b, out, err_off, d) < 0)
            return -1;
        start(b, MARKS[i].kind, MARKS[i].level, ALIGN_JUSTIFY, 0);
        add_inline(b, s, p + k, e);
        /* A heading is one line: the next line starts a new paragraph. */
        return b->kind == B_HEADING ? end_block(b, out, err_off, d) : 0;
    }
    if (e - p > 2 && s[p] == ':' && s[p + 1] == ':') {
        size_t k = p + 2;
        while (k < e && !is_blank(s[k]))
            k++;
        if (end_block(b, out, err_off, d) < 0)
            return -1;
        for (size_t i = 0; i < sizeof STYLES / sizeof *STYLES; i++)
            if (strlen(STYLES[i].name) == k - p - 2 && memcmp(STYLES[i].name, s + p + 2, k - p - 2) == 0) {
                start(b, B_PARA, 0, STYLES[i].align, 0);
                add_inline(b, s, k, e);
                return 0;
            }
        sbuf known = {0};
        for (size_t i = 0; i < sizeof STYLES / sizeof *STYLES; i++)
            sbuf_printf(&known, "%s::%s", i ? ", " : "", STYLES[i].name);
        *err_off = p;
        diag_set(d, "tmpl-markup", "unknown paragraph style \"%.*s\" (known: %s)", (int)(k - p), s + p, known.s);
        sbuf_free(&known);
        return -1;
    }
    if (b->kind == B_NONE)
        start(b, B_PARA, 0, ALIGN_JUSTIFY, 1);
    add_inline(b, s, p, e);
    return 0;
}

int markup_parse(const char *s, size_t n, doc *out, size_t *err_off, diag *d)
{
    block b = {0};
    int rc = 0;
    for (size_t i = 0; i <= n && rc == 0;) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        size_t p = i;
        while (p < e && is_blank(s[p]))
            p++;
        rc = add_line(&b, s, p, e, out, err_off, d);
        i = e + 1;
    }
    if (rc == 0)
        rc = end_block(&b, out, err_off, d);
    free_inlines(&b.text);
    sbuf_free(&b.run);
    return rc;
}
