/* appendix.c — the phụ lục score table, laid out from the scheme's table
 * description (scheme.h table_spec): columns, bands over them, header rows,
 * number formats, section rows and a row per unit by its status. */
#include "appendix.h"
#include "numfmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A group's expanded columns are left out only when every unit has "-" in
 * all of them (seed 002 prints no công khai columns; seeds 000 and 003
 * print them because one of the three applies). */
static int group_shown(const dataset *ds, const indicator_group *g)
{
    for (size_t u = 0; u < ds->nunits; u++)
        for (size_t i = g->first; i < g->first + g->count; i++)
            if (ds->units[u].cells[i].state != CELL_NA)
                return 1;
    return 0;
}

static int row_shown(const unit *u)
{
    return u->status == STATUS_SCORED || u->status_in_table;
}

/* A header cell: one level of a column's stack (band, group, its own head). */
typedef struct head {
    int level;             /* 0 band, 1 group, 2 the column's own */
    size_t id;             /* band or group index; the column for level 2 */
} head;

typedef struct layout {
    size_t *cols;          /* the shown columns (indices into table_spec.columns) */
    size_t n;
    head (*stack)[3];      /* per shown column, top to bottom */
    int *depth;            /* entries of stack */
    int rows;              /* header rows: the deepest stack */
} layout;

static const table_band *band_of(const table_spec *t, size_t col)
{
    for (size_t b = 0; b < t->nbands; b++)
        if (col >= t->bands[b].first && col < t->bands[b].first + t->bands[b].count)
            return &t->bands[b];
    return NULL;
}

static void plan(const dataset *ds, layout *l)
{
    const scheme *s = &ds->scheme;
    const table_spec *t = &s->table;
    int *group_on = xcalloc(s->ngroups + 1, sizeof *group_on);
    for (size_t g = 0; g < s->ngroups; g++)
        group_on[g] = group_shown(ds, &s->groups[g]);
    l->cols = xcalloc(t->ncolumns, sizeof *l->cols);
    l->stack = xcalloc(t->ncolumns, sizeof *l->stack);
    l->depth = xcalloc(t->ncolumns, sizeof *l->depth);
    l->rows = 1;
    for (size_t k = 0; k < t->ncolumns; k++) {
        const table_column *c = &t->columns[k];
        if (c->kind == COLUMN_INDICATOR && c->hideable && !group_on[s->indicators[c->indicator].group])
            continue;
        size_t p = l->n++;
        l->cols[p] = k;
        int dpt = 0;
        const table_band *b = band_of(t, k);
        if (b)
            l->stack[p][dpt++] = (head){0, (size_t)(b - t->bands)};
        if (c->kind == COLUMN_INDICATOR && t->group_heads && s->groups[s->indicators[c->indicator].group].count > 1)
            l->stack[p][dpt++] = (head){1, s->indicators[c->indicator].group};
        l->stack[p][dpt++] = (head){2, k};
        l->depth[p] = dpt;
        if (dpt > l->rows)
            l->rows = dpt;
    }
    free(group_on);
}

static void layout_free(layout *l)
{
    free(l->cols);
    free(l->stack);
    free(l->depth);
}

/* A column head (template "phu-luc-chi-so" for an indicator: label and maximum). */
static int column_head(const dataset *ds, const tmpl_set *ts, const table_column *c, const table_words *w,
                       char **out, diag *d)
{
    const char *text = c->head;
    if (!text && c->kind == COLUMN_INDICATOR) {
        const indicator *in = &ds->scheme.indicators[c->indicator];
        value *v = value_map();
        value_map_set(v, "label", value_string(in->label));
        value_map_set(v, "max", value_number(in->max));
        int rc = tmpl_render_texts(ts, "phu-luc-chi-so", v, 1, out, d);
        value_free(v);
        return rc;
    }
    if (!text) {
        switch (c->kind) {
        case COLUMN_STT: text = w->stt; break;
        case COLUMN_UNIT: text = w->unit; break;
        case COLUMN_ACHIEVED: case COLUMN_ACHIEVED_MAX: text = w->achieved; break;
        case COLUMN_CONVERTED: text = w->converted; break;
        default: text = w->class_; break;   /* rank, rating, class; note and max always have a head */
        }
    }
    *out = xstrdup(text);
    return 0;
}

static int same_head(head a, head b)
{
    return a.level == b.level && a.id == b.id;
}

static int header(const dataset *ds, const tmpl_set *ts, const layout *l, const table_words *w, doc_table *t,
                  diag *d)
{
    const scheme *s = &ds->scheme;
    t->header_rows = (size_t)l->rows;
    for (int r = 0; r < l->rows; r++) {
        doc_row *row = doc_table_row(t, ROW_HEADER);
        for (size_t p = 0; p < l->n; p++) {
            if (r >= l->depth[p])
                continue;   /* covered by its own head's rowspan */
            head h = l->stack[p][r];
            if (p > 0 && r < l->depth[p - 1] && same_head(l->stack[p - 1][r], h))
                continue;   /* part of the cell to its left */
            size_t span = 1;
            while (p + span < l->n && r < l->depth[p + span] && same_head(l->stack[p + span][r], h))
                span++;
            char *text = NULL;
            if (h.level == 0)
                text = xstrdup(s->table.bands[h.id].head ? s->table.bands[h.id].head : w->band);
            else if (h.level == 1)
                text = xstrdup(s->groups[h.id].label);
            else if (column_head(ds, ts, &s->table.columns[h.id], w, &text, d) < 0)
                return -1;
            int rowspan = h.level == 2 ? l->rows - r : 1;
            doc_row_cell(row, text, STYLE_BOLD, (int)span, rowspan, ALIGN_CENTER);
            free(text);
        }
    }
    return 0;
}

/* Decimals a number prints with as entered (at most 2, fmt_num). */
static int decimals_of(dec v)
{
    dec r = dec_muldiv_round(v, 100, DEC_SCALE);   /* hundredths, half-up */
    return r % 100 == 0 ? 0 : r % 10 == 0 ? 1 : 2;
}

/* A column's decimals: fixed, as entered, or DECIMALS_UNIFORM: the most any
 * of its shown numbers has, so that one column has one style (16,2 / 18,0). */
static int column_decimals(const dataset *ds, const scoring *sc, const table_column *c)
{
    if (c->decimals != DECIMALS_UNIFORM)
        return c->decimals;
    int most = 0;
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit *un = &ds->units[u];
        const period_score *p = &sc->units[u].now;
        int k = 0;
        if (!row_shown(un))
            continue;
        if (c->kind == COLUMN_INDICATOR && un->cells[c->indicator].state == CELL_VALUE)
            k = decimals_of(un->cells[c->indicator].value);
        else if (c->kind != COLUMN_INDICATOR && p->scored)
            k = decimals_of(c->kind == COLUMN_MAX ? p->max : p->achieved);
        most = k > most ? k : most;
    }
    return most;
}

static const char *number(char *buf, size_t size, dec v, int decimals)
{
    return decimals == DECIMALS_AS_ENTERED ? fmt_num(buf, size, v) : fmt_fixed(buf, size, v, decimals);
}

static void cell(doc_row *r, const char *text, int span)
{
    doc_row_cell(r, text, STYLE_PLAIN, span, 1, ALIGN_CENTER);
}

/* The cell of column c for a unit: scored, not scored for lack of data, or
 * with a status (its text spans the first run of indicator columns). */
static void unit_cell(const dataset *ds, const scoring *sc, size_t u, const table_column *c, int dp,
                      const table_words *w, doc_row *r)
{
    const scheme *s = &ds->scheme;
    const unit *un = &ds->units[u];
    const period_score *p = &sc->units[u].now;
    char a[40], m[40], buf[96];
    int ranked = c->kind == COLUMN_RANK || (c->kind == COLUMN_CLASS && !s->nratings);
    switch (c->kind) {
    case COLUMN_STT: case COLUMN_UNIT:
        break;   /* the row's first cells, written by the caller */
    case COLUMN_INDICATOR: {
        const score_cell *v = &un->cells[c->indicator];
        cell(r, v->state == CELL_VALUE ? number(a, sizeof a, v->value, dp)
                : v->state == CELL_NO_FILES ? s->no_files_marker : "-", 1);
        break;
    }
    case COLUMN_ACHIEVED: case COLUMN_MAX:
        cell(r, p->scored ? number(a, sizeof a, c->kind == COLUMN_MAX ? p->max : p->achieved, dp) : "-", 1);
        break;
    case COLUMN_ACHIEVED_MAX:
        if (p->scored)
            snprintf(buf, sizeof buf, "%s/%s", number(a, sizeof a, p->achieved, dp), fmt_num(m, sizeof m, p->max));
        cell(r, p->scored ? buf : "-", 1);
        break;
    case COLUMN_CONVERTED:
        cell(r, p->scored ? fmt_fixed(a, sizeof a, p->converted, dp >= 0 ? dp : s->places) : "-", 1);
        break;
    case COLUMN_NOTE:
        cell(r, un->reason && un->status == STATUS_SCORED ? un->reason : "", 1);
        break;
    default:   /* rank, rating, class */
        if (!p->scored)
            cell(r, un->status != STATUS_SCORED ? w->not_rated : w->not_scored, 1);
        else if (ranked) {
            snprintf(buf, sizeof buf, "%02d", p->rank);
            cell(r, buf, 1);
        } else
            cell(r, p->rating >= 0 ? s->ratings[p->rating].name : "", 1);
    }
}

static void body(const dataset *ds, const scoring *sc, const layout *l, const table_words *w, doc_table *t)
{
    const table_spec *ts = &ds->scheme.table;
    int *dp = xcalloc(l->n + 1, sizeof *dp);
    for (size_t p = 0; p < l->n; p++)
        dp[p] = column_decimals(ds, sc, &ts->columns[l->cols[p]]);
    size_t cur = (size_t)-1, stt = 0;
    int sections_shown = ds->nsections > 1 || (ds->nsections == 1 && *ds->sections[0].id);
    char buf[32];
    for (size_t pos = 0; pos < ds->nunits; pos++) {
        size_t u = sc->order[pos];
        const unit *un = &ds->units[u];
        if (!row_shown(un))
            continue;
        if (un->section != cur && ds->sort == SORT_TABLE) {
            cur = un->section, stt = 0;
            if (sections_shown) {
                doc_row *sr = doc_table_row(t, ROW_SECTION);
                if (l->n > 1)   /* the id under STT, the title across the rest */
                    doc_row_cell(sr, ds->sections[cur].id, STYLE_BOLD, 1, 1, ALIGN_CENTER);
                doc_row_cell(sr, ds->sections[cur].title, STYLE_BOLD, l->n > 1 ? (int)l->n - 1 : 1, 1, ALIGN_LEFT);
            }
        }
        doc_row *r = doc_table_row(t, ROW_BODY);
        stt++;
        int spanned = 0;
        for (size_t p = 0; p < l->n; p++) {
            const table_column *c = &ts->columns[l->cols[p]];
            if (c->kind == COLUMN_STT) {
                snprintf(buf, sizeof buf, "%zu", stt);
                cell(r, buf, 1);
            } else if (c->kind == COLUMN_UNIT) {
                doc_row_cell(r, un->name, STYLE_PLAIN, 1, 1, ALIGN_LEFT);
            } else if (c->kind == COLUMN_INDICATOR && un->status != STATUS_SCORED) {
                /* The first run of indicator columns carries the status's text; any later one "-". */
                size_t run = 1;
                while (!spanned && p + run < l->n && ts->columns[l->cols[p + run]].kind == COLUMN_INDICATOR)
                    run++;
                if (spanned)
                    cell(r, "-", 1);
                else
                    doc_row_cell(r, un->status == STATUS_NOT_REPORTED ? w->not_reported : un->reason, STYLE_ITALIC,
                                 (int)run, 1, ALIGN_CENTER);
                p += spanned ? 0 : run - 1;
                spanned = 1;
            } else {
                unit_cell(ds, sc, u, c, dp[p], w, r);
            }
        }
    }
    free(dp);
}

int appendix_table(const dataset *ds, const scoring *sc, const tmpl_set *ts, const table_words *w, doc *out,
                   diag *d)
{
    const table_spec *spec = &ds->scheme.table;
    layout l = {0};
    plan(ds, &l);
    double *widths = xmalloc((l.n + 1) * sizeof *widths);
    for (size_t p = 0; p < l.n; p++)
        widths[p] = spec->columns[l.cols[p]].width;
    doc_table *t = doc_add_table(out, l.n, widths, spec->font_size);
    free(widths);
    int rc = header(ds, ts, &l, w, t, d);
    if (rc == 0)
        body(ds, sc, &l, w, t);
    layout_free(&l);
    return rc;
}

/* Whether a shown cell prints "-" (marker 0) or the no-files marker (1). */
static int table_prints(const dataset *ds, const scoring *sc, int marker)
{
    const scheme *s = &ds->scheme;
    layout l = {0};
    plan(ds, &l);
    int dash = 0;
    for (size_t u = 0; u < ds->nunits && !dash; u++) {
        const unit *un = &ds->units[u];
        if (!row_shown(un))
            continue;
        for (size_t p = 0; p < l.n && !dash; p++) {
            const table_column *c = &s->table.columns[l.cols[p]];
            int total = c->kind == COLUMN_ACHIEVED || c->kind == COLUMN_MAX || c->kind == COLUMN_ACHIEVED_MAX ||
                        c->kind == COLUMN_CONVERTED;
            if (c->kind == COLUMN_INDICATOR && un->status == STATUS_SCORED) {
                cell_state st = un->cells[c->indicator].state;
                dash = marker ? st == CELL_NO_FILES : st != CELL_VALUE && st != CELL_NO_FILES;
            }
            else if (total && !marker)
                dash = !sc->units[u].now.scored;
        }
    }
    layout_free(&l);
    return dash;
}

int appendix_has_dash(const dataset *ds, const scoring *sc)
{
    return table_prints(ds, sc, 0);
}

int appendix_has_no_files(const dataset *ds, const scoring *sc)
{
    return table_prints(ds, sc, 1);
}
