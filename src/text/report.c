/* report.c — the document tree of a scored report.
 *
 * The parts fixed by NĐ 30 (header, title, closing) and the phụ lục title
 * are built here from data, the table by appendix.c from the scheme's
 * description; the running text comes from the report's
 * template (templates/<name>/body.tpl) fed with facts.h. */
#include "report.h"
#include "cancel.h"
#include "appendix.h"
#include "facts.h"
#include "tmpl.h"
#include "numfmt.h"
#include "sbuf.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_meta(const dataset *ds, int blank, doc_meta *m)
{
    m->type = xstrdup(ds->doc_type);
    m->type_code = ds->type_code ? xstrdup(ds->type_code) : NULL;   /* null in the facts */
    m->subject = ds->subject ? xstrdup(ds->subject) : NULL;   /* NULL: the template writes it */
    m->number = xstrdup(ds->number);
    m->notation = xstrdup(ds->notation);
    m->date = ds->date;
    m->blank = blank;
    doc_meta_set_people(m, &ds->issuer, ds->addressees, ds->naddressees, ds->recipients, ds->nrecipients);
}

char *report_code(const doc_meta *m)
{
    const char *num = doc_meta_issue(m).number;
    sbuf b = {0};
    /* "Số" numbers below 10 take a leading zero (NĐ 30 II.3). */
    if (strlen(num) == 1 && num[0] >= '1' && num[0] <= '9')
        sbuf_printf(&b, "0%s/%s", num, m->notation);
    else
        sbuf_printf(&b, "%s/%s", *num ? num : DATE_BLANK, m->notation);
    return sbuf_take(&b);
}

/* The words of the shared template texts van-ban.tpl, in its order. */
enum {
    VB_NUMBER, VB_PLACE_DATE, VB_VV, VB_TITLE, VB_TYPE_NAME, VB_LANGUAGE, VB_NOT_RECIPIENTS,
    VB_NATIONAL, VB_MOTTO, VB_TO_LABEL, VB_RECIPIENTS_LABEL, VB_N
};

/* Whether entry s begins with one of the comma-separated words of list. */
static int begins_with_one(const char *s, const char *list)
{
    for (const char *w = list; *w;) {
        size_t n = strcspn(w, ",");
        if (n && !strncmp(s, w, n))
            return 1;
        w += n;
        w += strspn(w, ", ");
    }
    return 0;
}

/* The metadata the renderers take as words: Info title, archive type name
 * and language, and the archive's recipients (w[VB_NOT_RECIPIENTS] left out). */
static void meta_words(doc_meta *m, char **w)
{
    m->title = xstrdup(w[VB_TITLE]);
    m->type_name = xstrdup(w[VB_TYPE_NAME]);
    m->language = xstrdup(w[VB_LANGUAGE]);
    m->recipients_label = xstrdup(w[VB_RECIPIENTS_LABEL]);
    m->filed_to = xcalloc(m->naddressees + m->nrecipients + 1, sizeof *m->filed_to);
    for (int pass = 0; pass < 2; pass++) {
        char **v = pass ? m->recipients : m->addressees;
        size_t n = pass ? m->nrecipients : m->naddressees;
        for (size_t i = 0; i < n; i++)
            if (!begins_with_one(v[i], w[VB_NOT_RECIPIENTS]))
                m->filed_to[m->nfiled_to++] = xstrdup(v[i]);
    }
}

static void build_header(doc *d, char **w)
{
    const doc_meta *m = &d->meta;
    doc_header *h = &doc_add(d, BLOCK_HEADER)->u.header;
    h->national = xstrdup(w[VB_NATIONAL]);
    h->motto = xstrdup(w[VB_MOTTO]);
    h->parent = m->issuer.parent ? xstrdup(m->issuer.parent) : NULL;
    h->agency = doc_strv((const char *const *)m->issuer.lines, m->issuer.nlines);
    h->nagency = m->issuer.nlines;
    h->number = xstrdup(w[VB_NUMBER]);
    h->place_date = xstrdup(w[VB_PLACE_DATE]);
    if (!*m->type) {
        /* A công văn: no tên loại; its trích yếu goes under the số (box 5b). */
        h->vv = doc_strv((const char *const *)&w[VB_VV], 1);
        h->nvv = 1;
    }
}

static void build_title(doc *d)
{
    if (!*d->meta.type)
        return;
    doc_title *t = &doc_add(d, BLOCK_TITLE)->u.title;
    t->type = xstrdup(d->meta.type);
    t->subject = xstrdup(d->meta.subject);
}

/* A list entry as NĐ 30 writes Kính gửi and Nơi nhận: "- X;", the last
 * "- X." (II.9b, II.9d), whatever punctuation the data came with. */
static char *dash_entry(const char *r, int last)
{
    sbuf b = {0};
    size_t n = strlen(r);
    while (n && (r[n - 1] == ';' || r[n - 1] == '.'))
        n--;
    sbuf_puts(&b, "- ");
    sbuf_add(&b, r, n);
    sbuf_putc(&b, last ? '.' : ';');
    return sbuf_take(&b);
}

static char **dash_list(char *const *v, size_t n)
{
    char **l = xcalloc(n + 1, sizeof *l);
    for (size_t i = 0; i < n; i++)
        l[i] = dash_entry(v[i], i + 1 == n);
    return l;
}

static void build_addressees(doc *d, const char *label)
{
    const doc_meta *m = &d->meta;
    if (!m->naddressees)
        return;
    doc_addressee *a = &doc_add(d, BLOCK_ADDRESSEE)->u.addressee;
    a->label = xstrdup(label);
    a->to = m->naddressees == 1 ? doc_strv((const char *const *)m->addressees, 1)
                                : dash_list(m->addressees, m->naddressees);
    a->nto = m->naddressees;
}

void report_closing(doc *d)
{
    const doc_meta *m = &d->meta;
    doc_closing *c = &doc_add(d, BLOCK_CLOSING)->u.closing;
    c->label = xstrdup(m->recipients_label);
    c->recipients = dash_list(m->recipients, m->nrecipients);
    c->nrecipients = m->nrecipients;
    c->authority = doc_strv((const char *const *)m->issuer.signer.authority, m->issuer.signer.nauthority);
    c->nauthority = m->issuer.signer.nauthority;
    c->signer = xstrdup(m->issuer.signer.name);
}

static void centered(doc *d, const char *text, unsigned style, double size, double before)
{
    doc_para *p = doc_add_para(d, ALIGN_CENTER, 0);
    doc_inlines_add(&p->text, text, style);
    p->size = size;
    p->space_before = before;
    p->keep_with_next = 1;
}

/* The words of the phụ lục (template "phu-luc"), in this order. */
enum { W_APPENDIX, W_TITLE, W_ENCLOSED, W_STT, W_UNIT, W_INDICATORS, W_ACHIEVED, W_CONVERTED, W_CLASS,
       W_NOT_SCORED, W_NOT_REPORTED, W_NOT_RATED, W_NOTE, W_N };

static void build_appendix_title(char *const *w, doc *d)
{
    centered(d, w[W_APPENDIX], STYLE_BOLD, 14, 0);
    centered(d, w[W_TITLE], STYLE_BOLD, 13, 0);
    centered(d, w[W_ENCLOSED], STYLE_ITALIC, 13, 0);
}

/* The notes on "-" and on the no-files marker, each only under a table
 * that prints it, in one "Lưu ý:" paragraph. The scheme's notes are
 * templates of the report's data, so that their nouns can name the units
 * present ({{audience.local}}). */
static int build_notes(const dataset *ds, const scoring *sc, char *const *w, const report_opts *o,
                       const value *facts, doc *d, diag *dg)
{
    const char *src[2] = {ds->scheme.na_note && appendix_has_dash(ds, sc) ? ds->scheme.na_note : NULL,
                          ds->scheme.no_files_note && appendix_has_no_files(ds, sc) ? ds->scheme.no_files_note : NULL};
    static const char *const names[2] = {"na_note", "no_files.note"};
    char *note[2] = {NULL, NULL};
    int rc = 0;
    for (int k = 0; k < 2 && rc == 0; k++)
        if (src[k] && tmpl_render_string(o->templates, names[k], src[k], facts, &note[k], dg) < 0)
            rc = diag_prefix(dg, "scheme %s", ds->scheme.id);
    if (rc == 0 && (note[0] || note[1])) {
        doc_para *p = doc_add_para(d, ALIGN_JUSTIFY, 0);
        p->size = 12;
        p->space_before = 6;
        doc_inlines_add(&p->text, w[W_NOTE], STYLE_BOLD | STYLE_ITALIC);
        doc_inlines_add(&p->text, " ", STYLE_BOLD | STYLE_ITALIC);
        sbuf b = {0};
        sbuf_printf(&b, "%s%s%s./.", note[0] ? note[0] : "", note[0] && note[1] ? "; " : "", note[1] ? note[1] : "");
        doc_inlines_add(&p->text, sbuf_str(&b), STYLE_ITALIC);
        sbuf_free(&b);
    }
    free(note[0]);
    free(note[1]);
    return rc;
}

int report_front(doc *out, const tmpl_set *templates, const value *facts, diag *d)
{
    char *w[VB_N] = {0};
    if (tmpl_render_texts(templates, "van-ban", facts, VB_N, w, d) < 0)
        return -1;
    meta_words(&out->meta, w);
    build_header(out, w);
    build_title(out);
    build_addressees(out, w[VB_TO_LABEL]);
    for (int i = 0; i < VB_N; i++)
        free(w[i]);
    return 0;
}

int report_citation(value *facts, const doc_meta *m, const tmpl_set *templates, diag *d)
{
    value *c = value_map_set(facts, "citation", value_map());
    char *code = report_code(m);
    value_map_set(c, "code", value_string(code));
    free(code);
    /* The date in words: NĐ 30's numbers (dates.h), the words of ngay-thang.tpl. */
    date dt = doc_meta_issue(m).date;
    sbuf day = {0}, month = {0}, year = {0};
    date_numbers(&dt, &day, &month);
    sbuf_printf(&year, "%d", dt.year);
    value *parts = value_map();
    value_map_set(parts, "day", value_string(sbuf_str(&day)));
    value_map_set(parts, "month", value_string(sbuf_str(&month)));
    value_map_set(parts, "year", value_string(sbuf_str(&year)));
    char *when = NULL;
    int rc = tmpl_render_texts(templates, "ngay-thang", parts, 1, &when, d);
    if (rc == 0)
        value_map_set(c, "date", value_string(when));
    free(when);
    value_free(parts);
    sbuf_free(&day);
    sbuf_free(&month);
    sbuf_free(&year);
    return rc;
}

int report_score_appendix(const dataset *ds, const scoring *sc, const report_opts *o, const value *facts,
                          doc *out, diag *d)
{
    char *w[W_N] = {0};
    if (tmpl_render_texts(o->templates, "phu-luc", facts, W_N, w, d) < 0)
        return -1;
    doc_add_section(out, 1, 1);
    build_appendix_title(w, out);
    table_words tw = {w[W_STT], w[W_UNIT], w[W_INDICATORS], w[W_ACHIEVED], w[W_CONVERTED], w[W_CLASS],
                      w[W_NOT_SCORED], w[W_NOT_REPORTED], w[W_NOT_RATED]};
    int rc = appendix_table(ds, sc, o->templates, &tw, out, d);
    if (rc == 0)
        rc = build_notes(ds, sc, w, o, facts, out, d);
    for (int i = 0; i < W_N; i++)
        free(w[i]);
    return rc;
}

int report_parts(doc *out, value *facts, const tmpl_set *templates, diag *d)
{
    int rc = report_citation(facts, &out->meta, templates, d);
    if (rc == 0)
        rc = facts_words(facts, &out->meta, templates, d);
    if (rc == 0)
        rc = report_front(out, templates, facts, d);
    if (rc == 0)
        rc = tmpl_render_set(templates, "body", facts, out, d);
    if (rc == 0)
        report_closing(out);
    return rc;
}

int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d)
{
    memset(out, 0, sizeof *out);
    report_meta(ds, o->blank_number, &out->meta);
    value *facts = facts_report(ds, &out->meta, sc);
    int rc = cancel_check(d) < 0 || report_parts(out, facts, o->templates, d) < 0 || cancel_check(d) < 0 ? -1 : 0;
    if (rc == 0)
        rc = report_score_appendix(ds, sc, o, facts, out, d);
    value_free(facts);
    if (rc < 0)
        doc_free(out);
    return rc;
}
