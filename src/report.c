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

/* Blanks left for the e-office system to stamp are runs of no-break spaces,
 * which layout neither collapses nor breaks. */
#define BLANK "\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"

/* A blank date leaves the day for the e-office system and keeps the month,
 * as offices write it ("ngày      tháng 3 năm 2024"). */
void report_date_words(const date *dt, int blank, char *buf, size_t size)
{
    char day[16], month[16];
    if (blank || !dt->day)
        snprintf(day, sizeof day, BLANK);
    else
        snprintf(day, sizeof day, "%02d", dt->day);
    if (!dt->month)
        snprintf(month, sizeof month, BLANK);
    else
        snprintf(month, sizeof month, dt->month <= 2 ? "%02d" : "%d", dt->month);
    snprintf(buf, size, "ngày %s tháng %s năm %d", day, month, dt->year);
}

int report_blank(const dataset *ds, int blank_number)
{
    return blank_number || !ds->number || !*ds->number;
}

void report_number_line(const dataset *ds, int blank, char *buf, size_t size)
{
    const char *num = blank ? "" : ds->number;
    /* "Số" numbers below 10 take a leading zero (NĐ 30 II.3). */
    if (strlen(num) == 1 && num[0] >= '1' && num[0] <= '9')
        snprintf(buf, size, "Số: 0%s/%s", num, ds->notation);
    else if (!*num)
        snprintf(buf, size, "Số: " BLANK "/%s", ds->notation);
    else
        snprintf(buf, size, "Số: %s/%s", num, ds->notation);
}

static void build_header(const dataset *ds, const report_opts *o, doc *d)
{
    doc_header *h = &doc_add(d, BLOCK_HEADER)->u.header;
    char buf[512], when[96];
    h->parent = ds->parent_agency ? xstrdup(ds->parent_agency) : NULL;
    h->agency = doc_strv((const char *const *)ds->agency, ds->nagency);
    h->nagency = ds->nagency;
    int blank = report_blank(ds, o->blank_number);
    report_number_line(ds, blank, buf, sizeof buf);
    h->number = xstrdup(buf);
    report_date_words(&ds->date, blank, when, sizeof when);
    snprintf(buf, sizeof buf, "%s, %s", ds->place, when);
    h->place_date = xstrdup(buf);
    if (!*ds->doc_type) {
        /* A công văn: no tên loại; its trích yếu goes under the số (box 5b). */
        snprintf(buf, sizeof buf, "V/v %s", ds->subject);
        const char *vv = buf;
        h->vv = doc_strv(&vv, 1);
        h->nvv = 1;
    }
}

static void build_title(const dataset *ds, doc *d)
{
    if (!*ds->doc_type)
        return;
    doc_title *t = &doc_add(d, BLOCK_TITLE)->u.title;
    t->type = xstrdup(ds->doc_type);
    t->subject = xstrdup(ds->subject);
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

static void build_addressees(const dataset *ds, doc *d)
{
    if (!ds->naddressees)
        return;
    doc_addressee *a = &doc_add(d, BLOCK_ADDRESSEE)->u.addressee;
    if (ds->naddressees == 1) {
        a->to = doc_strv((const char *const *)ds->addressees, 1);
    } else {
        a->to = xcalloc(ds->naddressees + 1, sizeof *a->to);
        for (size_t i = 0; i < ds->naddressees; i++)
            a->to[i] = dash_entry(ds->addressees[i], i + 1 == ds->naddressees);
    }
    a->nto = ds->naddressees;
}

void report_closing(const dataset *ds, doc *d)
{
    doc_closing *c = &doc_add(d, BLOCK_CLOSING)->u.closing;
    c->recipients = xcalloc(ds->nrecipients + 1, sizeof *c->recipients);
    for (size_t i = 0; i < ds->nrecipients; i++)
        c->recipients[i] = dash_entry(ds->recipients[i], i + 1 == ds->nrecipients);
    c->nrecipients = ds->nrecipients;
    c->authority = doc_strv((const char *const *)ds->signer.authority, ds->signer.nauthority);
    c->nauthority = ds->signer.nauthority;
    c->signer = xstrdup(ds->signer.name);
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

static char *upper_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *upper_printf(const char *fmt, ...)
{
    sbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *u = text_upper(sbuf_str(&b));
    sbuf_free(&b);
    return u;
}

static void centered(doc *d, const char *text, unsigned style, double size, double before)
{
    doc_para *p = doc_add_para(d, ALIGN_CENTER, 0);
    doc_inlines_add(&p->text, text, style);
    p->size = size;
    p->space_before = before;
    p->keep_with_next = 1;
}

static void build_appendix_title(const dataset *ds, const report_opts *o, doc *d)
{
    char when[96], buf[1024];
    centered(d, "Phụ lục", STYLE_BOLD, 14, 0);
    /* The month as the body writes it (NĐ 30: 01 and 02 padded): one style a document. */
    char *title = upper_printf("Kết quả đánh giá, xếp loại chất lượng phục vụ người dân, doanh nghiệp "
                               "trong giải quyết TTHC, DVC theo thời gian thực trên môi trường điện tử "
                               "%s tháng %0*d năm %d",
                               ds->locality, ds->period_month <= 2 ? 2 : 1, ds->period_month, ds->period_year);
    centered(d, title, STYLE_BOLD, 13, 0);
    free(title);
    int blank = report_blank(ds, o->blank_number);
    report_date_words(&ds->date, blank, when, sizeof when);
    char code[128];
    if (blank)
        snprintf(code, sizeof code, BLANK "/%s", ds->notation);
    else
        dataset_code(ds, code, sizeof code);
    snprintf(buf, sizeof buf, "(Kèm theo %s số %s %s của %s)", *ds->doc_type ? "Báo cáo" : "Công văn",
             code, when, ds->agency_name);
    centered(d, buf, STYLE_ITALIC, 13, 0);
}

static void header_cell(doc_row *r, const char *text, int colspan, int rowspan)
{
    doc_row_cell(r, text, STYLE_BOLD, colspan, rowspan, ALIGN_CENTER);
}

/* The score table: a three-level header (group over its indicators, each
 * with its maximum), section rows, one row per unit. */
static void build_table(const dataset *ds, const scoring *sc, doc *d)
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

    char buf[256], num[32];
    doc_row *r1 = doc_table_row(t, ROW_HEADER), *r2 = doc_table_row(t, ROW_HEADER),
            *r3 = doc_table_row(t, ROW_HEADER);
    t->header_rows = 3;
    header_cell(r1, "STT", 1, 3);
    header_cell(r1, "TÊN ĐƠN VỊ", 1, 3);
    header_cell(r1, "ĐIỂM CÁC CHỈ SỐ", (int)nind, 1);
    header_cell(r1, "TỔNG ĐIỂM ĐẠT ĐƯỢC", 1, 3);
    header_cell(r1, "TỔNG ĐIỂM QUY ĐỔI", 1, 3);
    header_cell(r1, s->nratings ? "XẾP LOẠI" : "XẾP HẠNG", 1, 3);
    for (size_t g = 0; g < s->ngroups; g++) {
        const indicator_group *grp = &s->groups[g];
        if (!shown[g])
            continue;
        if (grp->count == 1) {
            fmt_num(num, sizeof num, s->indicators[grp->first].max);
            snprintf(buf, sizeof buf, "%s (%sđ)", grp->label, num);
            header_cell(r2, buf, 1, 2);
            continue;
        }
        header_cell(r2, grp->label, (int)grp->count, 1);
        for (size_t i = grp->first; i < grp->first + grp->count; i++) {
            fmt_num(num, sizeof num, s->indicators[i].max);
            snprintf(buf, sizeof buf, "%s (%sđ)", s->indicators[i].label, num);
            header_cell(r3, buf, 1, 1);
        }
    }

    size_t cur = (size_t)-1, stt = 0;
    int sections_shown = ds->nsections > 1 || (ds->nsections == 1 && *ds->sections[0].id);
    for (size_t o = 0; o < ds->nunits; o++) {
        size_t u = sc->order[o];
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
            doc_row_cell(r, "Không chấm điểm", STYLE_PLAIN, 1, 1, ALIGN_CENTER);
        }
    }
    free(shown);
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

/* The note on "-", only under a table that prints one. */
static void build_notes(const dataset *ds, const scoring *sc, doc *d)
{
    if (!ds->scheme.na_note || !table_has_dash(ds, sc))
        return;
    doc_para *p = doc_add_para(d, ALIGN_JUSTIFY, 0);
    p->size = 12;
    p->space_before = 6;
    doc_inlines_add(&p->text, "Lưu ý: ", STYLE_BOLD | STYLE_ITALIC);
    sbuf b = {0};
    sbuf_printf(&b, "%s./.", ds->scheme.na_note);
    doc_inlines_add(&p->text, sbuf_str(&b), STYLE_ITALIC);
    sbuf_free(&b);
}

void report_front(const dataset *ds, const report_opts *o, doc *out)
{
    build_header(ds, o, out);
    build_title(ds, out);
    build_addressees(ds, out);
}

int report_body(const dataset *ds, const report_opts *o, const char *name, const value *facts, doc *out,
                diag *d)
{
    /* The report's own directory first, so that a file next to report.json
     * overrides the shipped one; then the template's directory; then the
     * pieces all templates share. */
    char tdir[4096];
    snprintf(tdir, sizeof tdir, "%s/%s", o->templates_dir, ds->template_name);
    const char *search[] = {*ds->dir ? ds->dir : ".", tdir, o->templates_dir, NULL};
    return tmpl_render(name, search, facts, out, d);
}

void report_score_appendix(const dataset *ds, const scoring *sc, const report_opts *o, doc *out)
{
    doc_add_section(out, 1, 1);
    build_appendix_title(ds, o, out);
    build_table(ds, sc, out);
    build_notes(ds, sc, out);
}

int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d)
{
    memset(out, 0, sizeof *out);
    value *facts = facts_report(ds, sc);
    report_front(ds, o, out);
    int rc = report_body(ds, o, "body", facts, out, d);
    value_free(facts);
    if (rc < 0)
        return -1;
    report_closing(ds, out);
    report_score_appendix(ds, sc, o, out);
    return 0;
}
