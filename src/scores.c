/* scores.c — the scores CSV: first column the unit name, one column per
 * indicator id, "-" for not applicable, an optional section column. */
#include "csv.h"
#include "input.h"
#include "sbuf.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_IGNORE = -1, COL_SECTION = -2, COL_LONG_NAME = -3, COL_TOTAL = -5 };

/* Header cell -> indicator index or a COL_ code. Accepts "dvctt.cs1" and
 * the seeds' "dvctt.cs1(10)"; fails for a column the scheme does not know. */
static long header_column(const scheme *s, const char *h)
{
    char *f = text_fold(h);
    long r = -4;
    if (!strcmp(f, "section") || !strcmp(f, "nhom"))
        r = COL_SECTION;
    else if (!strcmp(f, "long_name") || !strcmp(f, "ten day du"))
        r = COL_LONG_NAME;
    else if (!strcmp(f, "total") || !strcmp(f, "tong diem"))
        r = COL_TOTAL;
    else if (!strcmp(f, "stt"))
        r = COL_IGNORE;
    else {
        size_t n = strcspn(h, "( ");
        char *id = xstrndup(h, n);
        r = scheme_find(s, id);
        free(id);
        if (r < 0)
            r = -4;
    }
    free(f);
    return r;
}

static long find_unit(const dataset *ds, const char *name)
{
    for (size_t i = 0; i < ds->nunits; i++)
        if (strcmp(ds->units[i].name, name) == 0)
            return (long)i;
    return -1;
}

static long find_section(const dataset *ds, const char *v)
{
    for (size_t i = 0; i < ds->nsections; i++) {
        const section *sec = &ds->sections[i];
        if (!strcmp(v, sec->id) || (sec->title && !strcmp(v, sec->title)))
            return (long)i;
        /* The seeds write "I. CẤP THỊ": id, dot, title. */
        size_t k = strlen(sec->id);
        if (!strncmp(v, sec->id, k) && v[k] == '.')
            return (long)i;
    }
    return -1;
}

/* One score cell: "-" (not applicable), "" (not given) or a number within
 * [0, max]. */
static int read_cell(const scheme *s, size_t ind, const char *v, const char *file, int line,
                     const char *uname, score_cell *out, diag *d)
{
    const indicator *in = &s->indicators[ind];
    char maxs[32];
    dec_format(maxs, sizeof maxs, in->max, 0, 6, ',', 0);
    if (!*v) {
        out->state = CELL_EMPTY;
        return 0;
    }
    if (!strcmp(v, "-") || !strcmp(v, "\xE2\x80\x93")) {   /* "-" or an en dash */
        out->state = CELL_NA;
        return 0;
    }
    dec x;
    switch (dec_parse(v, strlen(v), 0, &x)) {
    case DEC_OK:
        break;
    case DEC_PRECISION:
        return diag_set(d, "score-precision",
                        "%s:%d: unit \"%s\", indicator %s: \"%s\" has more than 6 decimals", file,
                        line, uname, in->id, v);
    default:
        return diag_set(d, "score-not-number",
                        "%s:%d: unit \"%s\", indicator %s: \"%s\" is not a number (use \"-\" for "
                        "not applicable)",
                        file, line, uname, in->id, v);
    }
    if (x < 0)
        return diag_set(d, "score-negative", "%s:%d: unit \"%s\", indicator %s: %s is negative", file,
                        line, uname, in->id, v);
    if (x > in->max)
        return diag_set(d, "score-above-max",
                        "%s:%d: unit \"%s\", indicator %s: %s is above the maximum %s", file, line,
                        uname, in->id, v, maxs);
    out->state = CELL_VALUE;
    out->value = x;
    return 0;
}

/* The portal's own total (QĐ 766): a number within [0, total maximum]. */
static int read_total(const scheme *s, const char *v, const char *file, int line, const char *uname,
                      score_cell *out, diag *d)
{
    dec x;
    out->state = CELL_EMPTY;
    if (!*v)
        return 0;
    if (dec_parse(v, strlen(v), 0, &x) != DEC_OK || x < 0 || x > scheme_total_max(s))
        return diag_set(d, "score-total", "%s:%d: unit \"%s\", total: \"%s\" is not a number between 0 "
                        "and the scheme's maximum", file, line, uname, v);
    out->state = CELL_VALUE;
    out->value = x;
    return 0;
}

int scores_read(dataset *ds, const char *path, int previous, diag *d)
{
    const scheme *s = &ds->scheme;
    csv c;
    if (csv_read_file(&c, path, d) < 0)
        return -1;
    int rc = -1;
    long *cols = NULL;
    if (c.n == 0) {
        diag_set(d, "csv-empty", "%s: the file has no header row", path);
        goto out;
    }
    const csv_row *h = &c.rows[0];
    cols = xmalloc(h->n * sizeof *cols);
    cols[0] = COL_IGNORE;   /* the unit name */
    long section_col = -1;
    for (size_t k = 1; k < h->n; k++) {
        cols[k] = header_column(s, h->fields[k]);
        if (cols[k] == -4) {
            diag_set(d, "csv-unknown-column",
                     "%s:%d: column %zu \"%s\" is not an indicator of scheme %s", path, h->line,
                     k + 1, h->fields[k], s->id);
            goto out;
        }
        if (cols[k] == COL_SECTION)
            section_col = (long)k;
        for (size_t j = 1; j < k; j++)
            if (cols[k] >= 0 && cols[j] == cols[k]) {
                diag_set(d, "csv-duplicate-column", "%s:%d: indicator %s appears in columns %zu and %zu",
                         path, h->line, s->indicators[cols[k]].id, j + 1, k + 1);
                goto out;
            }
    }
    for (size_t i = 0; i < s->nindicators; i++) {
        size_t k = 1;
        while (k < h->n && cols[k] != (long)i)
            k++;
        if (k == h->n) {
            diag_set(d, "csv-missing-column", "%s:%d: no column for indicator %s (%s) of scheme %s",
                     path, h->line, s->indicators[i].id, s->indicators[i].label, s->id);
            goto out;
        }
    }
    if (section_col < 0 && ds->nsections > 1 && !previous) {
        diag_set(d, "csv-no-section", "%s:%d: the report has %zu sections but the file has no "
                 "\"section\" column", path, h->line, ds->nsections);
        goto out;
    }

    size_t ucap = ds->nunits;
    for (size_t r = 1; r < c.n; r++) {
        const csv_row *row = &c.rows[r];
        const char *name = row->fields[0];
        if (!*name) {
            diag_set(d, "unit-empty-name", "%s:%d: the unit name (first column) is empty", path,
                     row->line);
            goto out;
        }
        if (row->n > h->n) {
            diag_set(d, "csv-extra-cells", "%s:%d: unit \"%s\": %zu cells but the header has %zu",
                     path, row->line, name, row->n, h->n);
            goto out;
        }
        score_cell *cells = xcalloc(s->nindicators, sizeof *cells);
        unit *u = NULL;
        long existing = find_unit(ds, name);
        if (previous) {
            if (existing < 0) {
                free(cells);
                continue;   /* a unit that no longer reports; nothing to compare */
            }
            u = &ds->units[existing];
            if (u->prev) {
                free(cells);
                diag_set(d, "unit-duplicate", "%s:%d: unit \"%s\" appears twice (also line %d)",
                         path, row->line, name, u->prev_row);
                goto out;
            }
            u->prev = cells;
            u->prev_row = row->line;
        } else {
            if (existing >= 0) {
                free(cells);
                diag_set(d, "unit-duplicate", "%s:%d: unit \"%s\" appears twice (also line %d)",
                         path, row->line, name, ds->units[existing].row);
                goto out;
            }
            grow(&ds->units, &ucap, ds->nunits + 1, sizeof *ds->units);
            u = &ds->units[ds->nunits++];
            memset(u, 0, sizeof *u);
            u->name = xstrdup(name);
            u->row = row->line;
            u->cells = cells;
        }
        for (size_t k = 1; k < h->n; k++) {
            const char *v = k < row->n ? row->fields[k] : "";
            if (cols[k] >= 0) {
                if (read_cell(s, (size_t)cols[k], v, path, row->line, name, &cells[cols[k]], d) < 0)
                    goto out;
            } else if (cols[k] == COL_SECTION && !previous) {
                long sec = find_section(ds, v);
                if (sec < 0) {
                    diag_set(d, "unit-section", "%s:%d: unit \"%s\": section \"%s\" is not one of "
                             "the report's sections", path, row->line, name, v);
                    goto out;
                }
                u->section = (size_t)sec;
            } else if (cols[k] == COL_TOTAL) {
                /* Checked against the maximum of all scored indicators. */
                if (read_total(s, v, path, row->line, name, previous ? &u->prev_total : &u->total,
                               d) < 0)
                    goto out;
            } else if (cols[k] == COL_LONG_NAME && !previous && *v) {
                free(u->long_name);
                u->long_name = xstrdup(v);
            }
        }
        /* A given total cannot exceed what the unit could score. */
        const score_cell *tot = previous ? &u->prev_total : &u->total;
        if (tot->state == CELL_VALUE) {
            dec amax = 0;
            for (size_t i = 0; i < s->nindicators; i++)
                if (cells[i].state == CELL_VALUE && !s->indicators[i].informational)
                    amax += s->indicators[i].max;
            if (tot->value > amax) {
                char a[32], m[32];
                dec_format(a, sizeof a, tot->value, 0, 6, ',', 0);
                dec_format(m, sizeof m, amax, 0, 6, ',', 0);
                diag_set(d, "score-total", "%s:%d: unit \"%s\", total: %s is above the applicable "
                         "maximum %s", path, row->line, name, a, m);
                goto out;
            }
        }
        /* Some cells given and some left blank is a typing slip, not a unit
         * that did not report: say which cell. */
        size_t nempty = 0;
        for (size_t i = 0; i < s->nindicators; i++)
            nempty += cells[i].state == CELL_EMPTY;
        if (nempty && nempty < s->nindicators)
            for (size_t i = 0; i < s->nindicators; i++)
                if (cells[i].state == CELL_EMPTY) {
                    diag_set(d, "score-missing",
                             "%s:%d: unit \"%s\", indicator %s: the cell is empty (write \"-\" if "
                             "it does not apply)", path, row->line, name, s->indicators[i].id);
                    goto out;
                }
    }
    if (!previous && ds->nunits == 0) {
        diag_set(d, "csv-no-units", "%s: the file lists no units", path);
        goto out;
    }
    rc = 0;
out:
    free(cols);
    csv_free(&c);
    return rc;
}
