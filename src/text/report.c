/* report.c — the document tree of a scored report.
 *
 * The parts fixed by NĐ 30 (header, title, closing) and the phụ lục table
 * are built here from data; the running text comes from the report's
 * template (templates/<name>/body.tpl) fed with facts.h. */
#include "report.h"
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
enum { VB_NUMBER, VB_PLACE_DATE, VB_VV, VB_TITLE, VB_TYPE_NAME, VB_LANGUAGE, VB_NOT_RECIPIENTS, VB_N };

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

static void build_addressees(doc *d)
{
    const doc_meta *m = &d->meta;
    if (!m->naddressees)
        return;
    doc_addressee *a = &doc_add(d, BLOCK_ADDRESSEE)->u.addressee;
    a->to = m->naddressees == 1 ? doc_strv((const char *const *)m->addressees, 1)
                                : dash_list(m->addressees, m->naddressees);
    a->nto = m->naddressees;
}

void report_closing(doc *d)
{
    const doc_meta *m = &d->meta;
    doc_closing *c = &doc_add(d, BLOCK_CLOSING)->u.closing;
    c->recipients = dash_list(m->recipients, m->nrecipients);
    c->nrecipients = m->nrecipients;
    c->authority = doc_strv((const char *const *)m->issuer.signer.authority, m->issuer.signer.nauthority);
    c->nauthority = m->issuer.signer.nauthority;
    c->signer = xstrdup(m->issuer.signer.name);
}

/* A group's columns are left out of the table only when every unit has
 * "-" in all of them (seed 002 prints no công khai columns; seeds 000 and
 * 003 print them because one of the three applies). */
static int group_shown(const dataset *ds, const indicator_group *g)
{
    for (size_t u = 0; u < ds->nunits; u++)
        for (size_t i = g->first; i < g->first + g->count; i++)
            if (ds->units[u].cells[i].state != CELL_NA)
                return 1;
    return 0;
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
       W_NOT_SCORED, W_NOTE, W_N };

static void build_appendix_title(char *const *w, doc *d)
{
    centered(d, w[W_APPENDIX], STYLE_BOLD, 14, 0);
    centered(d, w[W_TITLE], STYLE_BOLD, 13, 0);
    centered(d, w[W_ENCLOSED], STYLE_ITALIC, 13, 0);
}

static void header_cell(doc_row *r, const char *text, int colspan, int rowspan)
{
    doc_row_cell(r, text, STYLE_BOLD, colspan, rowspan, ALIGN_CENTER);
}

/* The score table: a three-level header (group over its indicators, each
 * with its maximum), section rows, one row per unit. */
/* A column head of one indicator (template "phu-luc-chi-so"): its label and maximum. */
static int indicator_head(const report_opts *o, const char *label, dec max, char **out, diag *d)
{
    value *v = value_map();
    value_map_set(v, "label", value_string(label));
    value_map_set(v, "max", value_number(max));
    int rc = tmpl_render_texts(o->templates, "phu-luc-chi-so", v, 1, out, d);
    value_free(v);
    return rc;
}

static int build_table(const dataset *ds, const scoring *sc, const report_opts *o, char *const *words, doc *d,
                       diag *dg)
{
    const scheme *s = &ds->scheme;
    int *shown = xcalloc(s->ngroups, sizeof *shown);
    size_t ncols = 5, nind = 0;
    for (size_t g = 0; g < s->ngroups; g++)
        if ((shown[g] = group_shown(ds, &s->groups[g])))
            nind += s->groups[g].count;
    ncols += nind;
    double *w = xmalloc(ncols * sizeof *w);
    size_t k = 0;
    w[k++] = 10, w[k++] = 51;   /* "STT" in bold needs 10 mm with its padding */
    for (size_t i = 0; i < nind; i++)
        w[k++] = 13;
    w[k++] = 19, w[k++] = 16, w[k++] = 21;
    doc_table *t = doc_add_table(d, ncols, w, 11);
    free(w);

    char buf[64], num[32], *head = NULL;
    int rc = 0;
    doc_row *r1 = doc_table_row(t, ROW_HEADER), *r2 = doc_table_row(t, ROW_HEADER),
            *r3 = doc_table_row(t, ROW_HEADER);
    t->header_rows = 3;
    header_cell(r1, words[W_STT], 1, 3);
    header_cell(r1, words[W_UNIT], 1, 3);
    header_cell(r1, words[W_INDICATORS], (int)nind, 1);
    header_cell(r1, words[W_ACHIEVED], 1, 3);
    header_cell(r1, words[W_CONVERTED], 1, 3);
    header_cell(r1, words[W_CLASS], 1, 3);
    for (size_t g = 0; g < s->ngroups && rc == 0; g++) {
        const indicator_group *grp = &s->groups[g];
        if (!shown[g])
            continue;
        if (grp->count == 1) {
            if ((rc = indicator_head(o, grp->label, s->indicators[grp->first].max, &head, dg)) == 0)
                header_cell(r2, head, 1, 2);
            free(head);
            continue;
        }
        header_cell(r2, grp->label, (int)grp->count, 1);
        for (size_t i = grp->first; i < grp->first + grp->count && rc == 0; i++) {
            if ((rc = indicator_head(o, s->indicators[i].label, s->indicators[i].max, &head, dg)) == 0)
                header_cell(r3, head, 1, 1);
            free(head);
        }
    }

    size_t cur = (size_t)-1, stt = 0;
    int sections_shown = ds->nsections > 1 || (ds->nsections == 1 && *ds->sections[0].id);
    for (size_t pos = 0; pos < ds->nunits; pos++) {
        size_t u = sc->order[pos];
        const unit *un = &ds->units[u];
        const unit_score *us = &sc->units[u];
        if (un->section != cur && ds->sort == SORT_TABLE) {
            cur = un->section, stt = 0;
            if (sections_shown) {
                doc_row *sr = doc_table_row(t, ROW_SECTION);
                doc_row_cell(sr, ds->sections[cur].id, STYLE_BOLD, 1, 1, ALIGN_CENTER);
                doc_row_cell(sr, ds->sections[cur].title, STYLE_BOLD, (int)ncols - 1, 1, ALIGN_LEFT);
            }
        }
        doc_row *r = doc_table_row(t, ROW_BODY);
        snprintf(buf, sizeof buf, "%zu", ++stt);
        doc_row_cell(r, buf, STYLE_PLAIN, 1, 1, ALIGN_CENTER);
        doc_row_cell(r, un->name, STYLE_PLAIN, 1, 1, ALIGN_LEFT);
        for (size_t g = 0; g < s->ngroups; g++) {
            if (!shown[g])
                continue;
            for (size_t i = s->groups[g].first; i < s->groups[g].first + s->groups[g].count; i++) {
                const score_cell *c = &un->cells[i];
                const char *txt = c->state == CELL_VALUE ? fmt_num(num, sizeof num, c->value) : "-";
                doc_row_cell(r, txt, STYLE_PLAIN, 1, 1, ALIGN_CENTER);
            }
        }
        if (us->now.scored) {
            char a[32], m[32];
            snprintf(buf, sizeof buf, "%s/%s", fmt_num(a, sizeof a, us->now.achieved),
                     fmt_num(m, sizeof m, us->now.max));
            doc_row_cell(r, buf, STYLE_PLAIN, 1, 1, ALIGN_CENTER);
            doc_row_cell(r, fmt_fixed(num, sizeof num, us->now.converted, s->places), STYLE_PLAIN, 1, 1,
                         ALIGN_CENTER);
            if (s->nratings)
                doc_row_cell(r, us->now.rating >= 0 ? s->ratings[us->now.rating].name : "", STYLE_PLAIN,
                             1, 1, ALIGN_CENTER);
            else {
                snprintf(buf, sizeof buf, "%02d", us->now.rank);
                doc_row_cell(r, buf, STYLE_PLAIN, 1, 1, ALIGN_CENTER);
            }
        } else {
            doc_row_cell(r, "-", STYLE_PLAIN, 1, 1, ALIGN_CENTER);
            doc_row_cell(r, "-", STYLE_PLAIN, 1, 1, ALIGN_CENTER);
            doc_row_cell(r, words[W_NOT_SCORED], STYLE_PLAIN, 1, 1, ALIGN_CENTER);
        }
    }
    free(shown);
    return rc;
}

/* Does the table print a "-": an indicator not applicable in a shown
 * column, or the totals of a unit not scored? */
static int table_has_dash(const dataset *ds, const scoring *sc)
{
    const scheme *s = &ds->scheme;
    for (size_t u = 0; u < ds->nunits; u++)
        if (!sc->units[u].now.scored)
            return 1;
    for (size_t g = 0; g < s->ngroups; g++) {
        const indicator_group *grp = &s->groups[g];
        for (size_t u = 0; group_shown(ds, grp) && u < ds->nunits; u++)
            for (size_t i = grp->first; i < grp->first + grp->count; i++)
                if (ds->units[u].cells[i].state != CELL_VALUE)
                    return 1;
    }
    return 0;
}

/* The note on "-", only under a table that prints one. The scheme's note
 * is a template of the report's data, so that its nouns can name the
 * units present ({{audience.local}}). */
static int build_notes(const dataset *ds, const scoring *sc, char *const *w, const report_opts *o,
                       const value *facts, doc *d, diag *dg)
{
    if (!ds->scheme.na_note || !table_has_dash(ds, sc))
        return 0;
    char *note;
    if (tmpl_render_string(o->templates, "na_note", ds->scheme.na_note, facts, &note, dg) < 0)
        return diag_prefix(dg, "scheme %s", ds->scheme.id);
    doc_para *p = doc_add_para(d, ALIGN_JUSTIFY, 0);
    p->size = 12;
    p->space_before = 6;
    doc_inlines_add(&p->text, w[W_NOTE], STYLE_BOLD | STYLE_ITALIC);
    doc_inlines_add(&p->text, " ", STYLE_BOLD | STYLE_ITALIC);
    sbuf b = {0};
    sbuf_printf(&b, "%s./.", note);
    doc_inlines_add(&p->text, sbuf_str(&b), STYLE_ITALIC);
    sbuf_free(&b);
    free(note);
    return 0;
}

int report_front(doc *out, const tmpl_set *templates, const value *facts, diag *d)
{
    char *w[VB_N] = {0};
    if (tmpl_render_texts(templates, "van-ban", facts, VB_N, w, d) < 0)
        return -1;
    meta_words(&out->meta, w);
    build_header(out, w);
    build_title(out);
    build_addressees(out);
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
    int rc = build_table(ds, sc, o, w, out, d);
    if (rc == 0)
        rc = build_notes(ds, sc, w, o, facts, out, d);
    for (int i = 0; i < W_N; i++)
        free(w[i]);
    return rc;
}

int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d)
{
    memset(out, 0, sizeof *out);
    report_meta(ds, o->blank_number, &out->meta);
    value *facts = facts_report(ds, &out->meta, sc);
    int rc = report_citation(facts, &out->meta, o->templates, d);
    if (rc == 0)
        rc = facts_words(facts, &out->meta, o->templates, d);
    if (rc == 0)
        rc = report_front(out, o->templates, facts, d);
    if (rc == 0)
        rc = tmpl_render_set(o->templates, "body", facts, out, d);
    if (rc == 0) {
        report_closing(out);
        rc = report_score_appendix(ds, sc, o, facts, out, d);
    }
    value_free(facts);
    if (rc < 0)
        doc_free(out);
    return rc;
}
