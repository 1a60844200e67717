/* doc.c — building and freeing the document tree. */
#include "doc.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

void doc_inlines_add(doc_inlines *in, const char *text, unsigned style)
{
    if (!text || !*text)
        return;
    /* Adjacent runs of one style merge, so layout sees whole words. */
    if (in->n && in->runs[in->n - 1].style == style) {
        doc_run *r = &in->runs[in->n - 1];
        size_t a = strlen(r->text), b = strlen(text);
        r->text = xrealloc(r->text, a + b + 1);
        memcpy(r->text + a, text, b + 1);
        return;
    }
    grow(&in->runs, &in->cap, in->n + 1, sizeof *in->runs);
    in->runs[in->n].text = xstrdup(text);
    in->runs[in->n].style = style;
    in->n++;
}

char *doc_inlines_text(const doc_inlines *in)
{
    sbuf b = {0};
    for (size_t i = 0; i < in->n; i++)
        sbuf_puts(&b, in->runs[i].text);
    return sbuf_take(&b);
}

doc_block *doc_add(doc *d, doc_block_kind kind)
{
    doc_block *b = grow_push(&d->blocks, &d->n, &d->cap, sizeof *d->blocks);
    b->kind = kind;
    return b;
}

doc_para *doc_add_para(doc *d, doc_align align, int indent)
{
    doc_para *p = &doc_add(d, BLOCK_PARAGRAPH)->u.para;
    p->align = align;
    p->indent = indent;
    return p;
}

doc_inlines *doc_add_heading(doc *d, int level)
{
    doc_heading *h = &doc_add(d, BLOCK_HEADING)->u.heading;
    h->level = level;
    return &h->text;
}

doc_inlines *doc_add_item(doc *d, int level)
{
    doc_item *it = &doc_add(d, BLOCK_LIST_ITEM)->u.item;
    it->level = level;
    return &it->text;
}

doc_table *doc_add_table(doc *d, size_t ncols, const double *widths, double size)
{
    doc_table *t = &doc_add(d, BLOCK_TABLE)->u.table;
    t->ncols = ncols;
    t->widths = xmalloc(ncols * sizeof *t->widths);
    memcpy(t->widths, widths, ncols * sizeof *t->widths);
    t->size = size;
    return t;
}

doc_row *doc_table_row(doc_table *t, doc_row_kind kind)
{
    doc_row *r = grow_push(&t->rows, &t->nrows, &t->cap, sizeof *t->rows);
    r->kind = kind;
    return r;
}

doc_cell *doc_row_cell(doc_row *r, const char *text, unsigned style, int colspan, int rowspan,
                       doc_align align)
{
    doc_cell *c = grow_push(&r->cells, &r->n, &r->cap, sizeof *r->cells);
    doc_inlines_add(&c->text, text, style);
    c->colspan = colspan < 1 ? 1 : colspan;
    c->rowspan = rowspan < 1 ? 1 : rowspan;
    c->align = align;
    return c;
}

void doc_add_section(doc *d, int landscape, int restart_numbering)
{
    doc_section *s = &doc_add(d, BLOCK_SECTION)->u.section;
    s->landscape = landscape;
    s->restart_numbering = restart_numbering;
}

char **doc_strv(const char *const *v, size_t n)
{
    return strv_dup(v, n);
}

static void free_inlines(doc_inlines *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->runs[i].text);
    free(in->runs);
}

static void free_block(doc_block *b)
{
    switch (b->kind) {
    case BLOCK_HEADER:
        free(b->u.header.parent);
        strv_free(b->u.header.agency, b->u.header.nagency);
        free(b->u.header.number);
        free(b->u.header.place_date);
        strv_free(b->u.header.vv, b->u.header.nvv);
        break;
    case BLOCK_TITLE:
        free(b->u.title.type);
        free(b->u.title.subject);
        break;
    case BLOCK_ADDRESSEE:
        strv_free(b->u.addressee.to, b->u.addressee.nto);
        break;
    case BLOCK_PARAGRAPH:
        free_inlines(&b->u.para.text);
        break;
    case BLOCK_HEADING:
        free_inlines(&b->u.heading.text);
        break;
    case BLOCK_LIST_ITEM:
        free_inlines(&b->u.item.text);
        break;
    case BLOCK_CLOSING:
        strv_free(b->u.closing.recipients, b->u.closing.nrecipients);
        strv_free(b->u.closing.authority, b->u.closing.nauthority);
        free(b->u.closing.signer);
        break;
    case BLOCK_TABLE:
        for (size_t r = 0; r < b->u.table.nrows; r++) {
            doc_row *row = &b->u.table.rows[r];
            for (size_t c = 0; c < row->n; c++)
                free_inlines(&row->cells[c].text);
            free(row->cells);
        }
        free(b->u.table.rows);
        free(b->u.table.widths);
        break;
    case BLOCK_SECTION:
        break;
    }
}

doc_issue doc_meta_issue(const doc_meta *m)
{
    doc_issue is = {m->number ? m->number : "", m->date};
    /* No số (asked for, or none given) means no day either, the month kept,
     * as offices write it: "ngày      tháng 3 năm 2024". */
    if (m->blank || !*is.number) {
        is.number = "";
        is.date.day = 0;
    }
    return is;
}

void doc_meta_set_people(doc_meta *m, const issuer *is, char *const *addressees, size_t naddressees,
                         char *const *recipients, size_t nrecipients)
{
    issuer_copy(&m->issuer, is);
    m->addressees = strv_dup((const char *const *)addressees, naddressees);
    m->naddressees = naddressees;
    m->recipients = strv_dup((const char *const *)recipients, nrecipients);
    m->nrecipients = nrecipients;
}

char *doc_meta_code(const doc_meta *m)
{
    sbuf b = {0};
    sbuf_printf(&b, "%s/%s", doc_meta_issue(m).number, m->notation);
    return sbuf_take(&b);
}

void doc_meta_free(doc_meta *m)
{
    free(m->type);
    free(m->type_code);
    free(m->subject);
    free(m->number);
    free(m->notation);
    issuer_free(&m->issuer);
    strv_free(m->addressees, m->naddressees);
    strv_free(m->recipients, m->nrecipients);
    free(m->title);
    free(m->type_name);
    free(m->language);
    strv_free(m->filed_to, m->nfiled_to);
    memset(m, 0, sizeof *m);
}

void doc_free(doc *d)
{
    doc_meta_free(&d->meta);
    for (size_t i = 0; i < d->n; i++)
        free_block(&d->blocks[i]);
    free(d->blocks);
    memset(d, 0, sizeof *d);
}
