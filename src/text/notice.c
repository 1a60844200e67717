/* notice.c — one unit's notice: its facts (every rate and change computed
 * here) and its document (the NĐ 30 parts of report.h around the notice's
 * body and its statistics appendices). */
#include "notice.h"
#include "facts.h"
#include "numfmt.h"
#include "sbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- statistics ------------------------------------------------------------ */

/* One row's figures at one snapshot, and the change between the two. */
typedef struct stat_side {
    int na;            /* "-" */
    int has_count, has_rate;
    dec count, total, rate;   /* rate in percent, half-up to 2 decimals */
} stat_side;

typedef struct stat_figures {
    stat_side side[2];        /* prev, now */
    int has_change, change_is_rate;
    dec change;               /* now − prev: percentage points, or a count */
} stat_figures;

static void stat_side_of(const stat_row *r, const score_cell *v, const score_cell *t, stat_side *s)
{
    memset(s, 0, sizeof *s);
    s->na = v->state == CELL_NA;
    if (v->state != CELL_VALUE)
        return;
    if (r->kind == STAT_RATE) {
        s->has_rate = 1, s->rate = v->value;
        return;
    }
    s->has_count = 1, s->count = v->value;
    if (t->state == CELL_VALUE) {
        /* rate = count / base × 100 at 2 decimals, half-up, exact. */
        s->total = t->value;
        s->has_rate = 1;
        s->rate = dec_muldiv_round(v->value, 10000, t->value) * (DEC_SCALE / 100);
    }
}

static void stat_compute(const stat_row *r, stat_figures *f)
{
    memset(f, 0, sizeof *f);
    stat_side_of(r, &r->prev, &r->prev_total, &f->side[0]);
    stat_side_of(r, &r->now, &r->now_total, &f->side[1]);
    const stat_side *p = &f->side[0], *n = &f->side[1];
    if (p->has_rate && n->has_rate)
        f->has_change = f->change_is_rate = 1, f->change = n->rate - p->rate;
    else if (p->has_count && n->has_count)
        f->has_change = 1, f->change = n->count - p->count;
}

/* ---- facts ----------------------------------------------------------------- */

static void set_num(value *m, const char *key, int known, dec v)
{
    value_map_set(m, key, known ? value_number(v) : value_null());
}

static void set_int(value *m, const char *key, int known, long n) { set_num(m, key, known, DEC_INT(n)); }

static void set_text(value *m, const char *key, const char *s)
{
    value_map_set(m, key, s ? value_string(s) : value_null());
}

/* The portal's snapshots: the last day of the previous period and of this one. */
static void add_snapshot(value *snaps, const char *key, const period *p)
{
    char buf[16];
    int y = p->year, m = period_last_month(p), day = date_month_days(y, m);
    value *s = value_map_set(snaps, key, value_map());
    set_int(s, "day", 1, day);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
    set_text(s, "date", buf);
}

static value *side_value(const stat_side *s)
{
    value *v = value_map();
    value_map_set(v, "na", value_bool(s->na));
    set_num(v, "count", s->has_count, s->count);
    set_num(v, "total", s->has_count && s->has_rate, s->total);
    set_num(v, "rate", s->has_rate, s->rate);
    return v;
}

static void add_statistics(value *f, const unit_notice *un)
{
    static const char *const KIND[] = {"section", "heading", "count", "ratio", "rate", "score"};
    value *list = value_map_set(f, "statistics", value_list());
    for (size_t i = 0; i < un->nstats; i++) {
        const stat_row *r = &un->stats[i];
        stat_figures fig;
        stat_compute(r, &fig);
        value *v = value_list_push(list, value_map());
        set_text(v, "appendix", r->appendix);
        set_text(v, "stt", r->stt);
        set_text(v, "label", r->label);
        set_text(v, "kind", KIND[r->kind]);
        value_map_set(v, "prev", side_value(&fig.side[0]));
        value_map_set(v, "now", side_value(&fig.side[1]));
        set_num(v, "change", fig.has_change, fig.change);
        value_map_set(v, "change_is_rate", value_bool(fig.change_is_rate));
    }
}

static value *indicator_value(const dataset *ds, const unit *un, size_t i)
{
    const indicator *in = &ds->scheme.indicators[i];
    int now = un->cells[i].state == CELL_VALUE, prev = un->prev && un->prev[i].state == CELL_VALUE;
    value *v = value_map();
    set_text(v, "id", in->id);
    set_text(v, "label", in->label);
    set_text(v, "name", in->name);
    set_text(v, "group", ds->scheme.groups[in->group].name);
    set_num(v, "max", 1, in->max);
    set_num(v, "now", now, un->cells[i].value);
    set_num(v, "prev", prev, prev ? un->prev[i].value : 0);
    set_num(v, "delta", now && prev, now && prev ? un->cells[i].value - un->prev[i].value : 0);
    value_map_set(v, "has_prev", value_bool(now && prev));   /* 0 is false in templates */
    return v;
}

/* indicators: every scored one; below_max: those applicable and short of
 * their maximum (what the unit has to improve). */
static void add_indicators(value *f, const dataset *ds, const unit *un)
{
    const scheme *s = &ds->scheme;
    value *all = value_map_set(f, "indicators", value_list());
    value *below = value_map_set(f, "below_max", value_list());
    for (size_t i = 0; i < s->nindicators; i++) {
        if (s->indicators[i].informational)
            continue;
        value_list_push(all, indicator_value(ds, un, i));
        if (un->cells[i].state == CELL_VALUE && un->cells[i].value < s->indicators[i].max)
            value_list_push(below, indicator_value(ds, un, i));
    }
    /* The number of the item after the indicators ("1.7. Điểm tổng hợp"). */
    set_int(f, "total_item", 1, (long)all->u.list.n + 1);
}

static void add_score(value *f, const dataset *ds, const scoring *sc, size_t u)
{
    const unit_score *us = &sc->units[u];
    const scheme *s = &ds->scheme;
    int now = us->now.scored, prev = us->prev.scored;
    value *v = value_map_set(f, "score", value_map());
    set_num(v, "now", now, us->now.achieved);
    set_num(v, "max", now, us->now.max);
    set_num(v, "converted", now, us->now.converted);
    set_num(v, "prev", prev, us->prev.achieved);
    set_num(v, "prev_converted", prev, us->prev.converted);
    set_num(v, "delta", now && prev, us->now.converted - us->prev.converted);
    value_map_set(v, "has_prev", value_bool(now && prev));
    set_text(v, "rating", now && us->now.rating >= 0 ? s->ratings[us->now.rating].name : NULL);
    set_text(v, "prev_rating", prev && us->prev.rating >= 0 ? s->ratings[us->prev.rating].name : NULL);

    /* Ranked among the units of its own section (the communes apart from
     * the district's offices); all: among every unit of the report. */
    long ranked = 0, all = 0;
    for (size_t i = 0; i < sc->n; i++) {
        all += sc->units[i].now.scored;
        ranked += sc->units[i].now.scored && ds->units[i].section == ds->units[u].section;
    }
    value *r = value_map_set(f, "rank", value_map());
    set_int(r, "now", now, us->section_rank);
    set_int(r, "prev", prev, us->prev_section_rank);
    set_int(r, "count", 1, ranked);
    set_int(r, "change", now && prev, us->prev_section_rank - us->section_rank);
    value *a = value_map_set(r, "all", value_map());
    set_int(a, "now", now, us->now.rank);
    set_int(a, "count", 1, all);
    value_map_set(r, "has_prev", value_bool(now && prev));
}

value *notice_facts(const dataset *ds, const doc_meta *m, const scoring *sc, const notice_set *ns, size_t u)
{
    const unit *un = &ds->units[u];
    value *f = facts_common(ds, m);
    value *uv = value_map_set(f, "unit", value_map());
    set_text(uv, "name", un->name);
    set_text(uv, "long_name", un->long_name ? un->long_name : un->name);
    set_text(uv, "noun", ds->sections[un->section].unit_noun);
    facts_identity(uv, ds, un);
    add_indicators(f, ds, un);
    add_score(f, ds, sc, u);
    value *snaps = value_map_set(f, "snapshots", value_map());
    period prev = period_previous(&ds->period);
    add_snapshot(snaps, "prev", &prev);
    add_snapshot(snaps, "now", &ds->period);
    add_statistics(f, &ns->units[u]);
    return f;
}

/* ---- document ---------------------------------------------------------------- */

/* "+5,45%", "-3,09%", "0%"; "+17.716" for a count. The sign is decided
 * after rounding, as the signed_pct formatter does. */
static const char *signed_text(char *buf, size_t size, dec v, int pct)
{
    char num[48];
    dec r = dec_round(v, 2);
    fmt_num(num, sizeof num, r);
    snprintf(buf, size, "%s%s%s", r > 0 ? "+" : "", num, pct ? "%" : "");
    return buf;
}

static void num_cell(doc_row *r, const char *text) { doc_row_cell(r, text, STYLE_PLAIN, 1, 1, ALIGN_CENTER); }

static void side_cells(doc_row *row, const stat_row *r, const stat_side *s)
{
    char a[48], b[48], buf[112];
    if (s->na) {
        num_cell(row, "-"), num_cell(row, "-");
        return;
    }
    if (r->kind == STAT_RATIO && s->has_count)
        snprintf(buf, sizeof buf, "%s/%s", fmt_num(a, sizeof a, s->count), fmt_num(b, sizeof b, s->total));
    else if (s->has_count)
        fmt_num(buf, sizeof buf, s->count);
    else
        buf[0] = 0;
    num_cell(row, buf);
    if (s->has_rate)
        snprintf(buf, sizeof buf, "%s%%", fmt_num(a, sizeof a, s->rate));
    else
        buf[0] = 0;
    num_cell(row, buf);
}

enum { HEAD_STT, HEAD_LABEL, HEAD_PREV, HEAD_NOW, HEAD_CHANGE, HEAD_COUNT1, HEAD_RATE1, HEAD_COUNT2,
       HEAD_RATE2, HEAD_N };

/* The title template of Phụ lục `id`: "phu-luc-<id>" (folded: "I" -> "i"). */
static char *appendix_template(const char *id)
{
    char *fid = text_fold(id);
    sbuf b = {0};
    sbuf_printf(&b, "phu-luc-%s", fid);
    free(fid);
    return sbuf_take(&b);
}

char **notice_templates(const notice_set *ns, size_t *n)
{
    static const char *const FIXED[] = {"body", "van-ban", "ngay-thang", "phu-luc-cot", "phu-luc-tong-diem",
                                        PERIOD_TEMPLATE};
    enum { NFIXED = sizeof FIXED / sizeof *FIXED };
    size_t cap = 0;
    char **v = NULL;
    *n = 0;
    grow(&v, &cap, NFIXED + 1, sizeof *v);
    for (size_t i = 0; i < NFIXED; i++)
        v[(*n)++] = xstrdup(FIXED[i]);
    for (size_t u = 0; u < ns->n; u++)
        for (size_t i = 0; i < ns->units[u].nstats; i++) {
            char *name = appendix_template(ns->units[u].stats[i].appendix);
            size_t k = 0;
            while (k < *n && strcmp(v[k], name))
                k++;
            if (k < *n) {
                free(name);
                continue;
            }
            grow(&v, &cap, *n + 2, sizeof *v);
            v[(*n)++] = name;
        }
    v[*n] = NULL;
    return v;
}

/* Phụ lục `id`: its title (partial phu-luc-<id>), then the table of its
 * rows: STT, content, count and rate at both snapshots, change. */
static int stats_appendix(const unit_notice *un, const char *id, value *facts, const report_opts *o, doc *out,
                          diag *d)
{
    char *head[HEAD_N] = {0}, *score[3] = {0};
    char *name = appendix_template(id);
    value_map_set(facts, "appendix", value_string(id));
    doc_add_section(out, 1, 1);
    int failed = tmpl_render_set(o->templates, name, facts, out, d) < 0 ||
                 tmpl_render_texts(o->templates, "phu-luc-cot", facts, HEAD_N, head, d) < 0;
    free(name);
    if (failed)
        return -1;

    static const double W[] = {9, 70, 20, 14, 20, 14, 24};
    doc_table *t = doc_add_table(out, 7, W, 11);
    doc_row *r1 = doc_table_row(t, ROW_HEADER), *r2 = doc_table_row(t, ROW_HEADER);
    t->header_rows = 2;
    doc_row_cell(r1, head[HEAD_STT], STYLE_BOLD, 1, 2, ALIGN_CENTER);
    doc_row_cell(r1, head[HEAD_LABEL], STYLE_BOLD, 1, 2, ALIGN_CENTER);
    doc_row_cell(r1, head[HEAD_PREV], STYLE_BOLD, 2, 1, ALIGN_CENTER);
    doc_row_cell(r1, head[HEAD_NOW], STYLE_BOLD, 2, 1, ALIGN_CENTER);
    doc_row_cell(r1, head[HEAD_CHANGE], STYLE_BOLD, 1, 2, ALIGN_CENTER);
    for (int h = HEAD_COUNT1; h <= HEAD_RATE2; h++)
        doc_row_cell(r2, head[h], STYLE_BOLD, 1, 1, ALIGN_CENTER);

    int rc = 0;
    for (size_t i = 0; i < un->nstats && rc == 0; i++) {
        const stat_row *r = &un->stats[i];
        if (strcmp(r->appendix, id))
            continue;
        unsigned style = r->kind == STAT_SECTION || r->kind == STAT_SCORE ? STYLE_BOLD : STYLE_PLAIN;
        doc_row *row = doc_table_row(t, ROW_BODY);
        doc_row_cell(row, r->stt, style, 1, 1, ALIGN_CENTER);
        doc_row_cell(row, r->label, style, 1, 1, ALIGN_LEFT);
        if (r->kind == STAT_SCORE) {
            /* The total and rank, worded by the template from the scores. */
            if ((rc = tmpl_render_texts(o->templates, "phu-luc-tong-diem", facts, 3, score, d)) == 0) {
                doc_row_cell(row, score[0], STYLE_PLAIN, 2, 1, ALIGN_CENTER);
                doc_row_cell(row, score[1], STYLE_PLAIN, 2, 1, ALIGN_CENTER);
                doc_row_cell(row, score[2], STYLE_PLAIN, 1, 1, ALIGN_CENTER);
            }
            for (int k = 0; k < 3; k++)
                free(score[k]), score[k] = NULL;
            continue;
        }
        stat_figures f;
        stat_compute(r, &f);
        side_cells(row, r, &f.side[0]);
        side_cells(row, r, &f.side[1]);
        char buf[64] = "";
        if (f.side[0].na || f.side[1].na)
            snprintf(buf, sizeof buf, "-");
        else if (f.has_change)
            signed_text(buf, sizeof buf, f.change, f.change_is_rate);
        num_cell(row, buf);
    }
    for (int h = 0; h < HEAD_N; h++)
        free(head[h]);
    return rc;
}

/* The notice's metadata: a công văn of the notices' số, date and trích yếu,
 * issued by the unit itself (seed 001) or by the report's agency, to the
 * unit's addressees, the notices' default ones, or else the unit itself. */
static void notice_meta(const dataset *ds, const notice_set *ns, size_t u, int blank, doc_meta *m)
{
    const unit_notice *un = &ns->units[u];
    const unit *unit_ = &ds->units[u];
    m->type = xstrdup("");          /* a công văn: no tên loại */
    m->type_code = xstrdup("");
    m->subject = xstrdup(ns->subject);
    m->number = xstrdup(un->has_issuer ? un->number : ns->number);
    m->notation = xstrdup(ns->notation);
    m->date = ns->date;
    m->blank = blank;
    char *const *to = unit_->long_name ? &unit_->long_name : &unit_->name;
    size_t nto = 1;
    if (un->addressees)
        to = un->addressees, nto = un->naddressees;
    else if (ns->addressees)
        to = ns->addressees, nto = ns->naddressees;
    doc_meta_set_people(m, un->has_issuer ? &un->issuer : &ds->issuer, to, nto, ns->recipients, ns->nrecipients);
    if (un->has_issuer) {
        free(m->issuer.parent);   /* the unit writes to its own offices */
        m->issuer.parent = NULL;
    }
}

int notice_build(const dataset *ds, const scoring *sc, const notice_set *ns, size_t u, const report_opts *o,
                 doc *out, diag *d)
{
    const unit_notice *un = &ns->units[u];
    memset(out, 0, sizeof *out);
    if (un->error)
        return diag_set(d, "notice-data", "%s", un->error);
    if (!sc->units[u].now.scored)
        return diag_set(d, "notice-unscored", "%s:%d: unit \"%s\" has no score this period: nothing to notify",
                        ds->scores_name, ds->units[u].row, ds->units[u].name);
    notice_meta(ds, ns, u, o->blank_number, &out->meta);
    value *facts = notice_facts(ds, &out->meta, sc, ns, u);
    int rc = report_parts(out, facts, o->templates, d);
    /* One phụ lục per appendix id, in the order the rows name them. */
    for (size_t i = 0; rc == 0 && i < un->nstats; i++) {
        size_t k = 0;
        while (k < i && strcmp(un->stats[k].appendix, un->stats[i].appendix))
            k++;
        if (k == i)
            rc = stats_appendix(un, un->stats[i].appendix, facts, o, out, d);
    }
    value_free(facts);
    if (rc < 0)
        doc_free(out);
    return rc;
}
