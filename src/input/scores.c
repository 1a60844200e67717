/* scores.c — the scores table (CSV or XLSX): a unit-name column, one
 * column per indicator (by id or printed label), "-" for not applicable,
 * optional section, long name and total columns. */
#include "csv.h"
#include "input.h"
#include "private/records.h"
#include "sbuf.h"
#include "text.h"
#include "unitmatch.h"
#include "xlsx.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_IGNORE = -1, COL_SECTION = -2, COL_LONG_NAME = -3, COL_UNKNOWN = -4, COL_TOTAL = -5,
       COL_AMBIGUOUS = -6, COL_NAME = -7, COL_CODE = -8, COL_EXTRA = -9, COL_STATUS = -10,
       COL_REASON = -11 };

/* A folded header label without a trailing "(5đ)" / "(18)", "_" read as a
 * space and runs of white space as one: the key that labels are compared
 * by ("Chỉ số 1 (5đ)" -> "chi so 1", "ten_co_quan_don_vi" -> "ten co quan
 * don vi"). */
static char *label_key(const char *h)
{
    char *f = text_fold(h);
    char *p = strchr(f, '(');
    if (p && strchr(p, ')') && !strchr(p, ')')[1])
        *p = 0;
    size_t k = 0;
    for (size_t i = 0; f[i]; i++) {
        char c = f[i] == '_' || f[i] == '\t' || f[i] == '\n' || f[i] == '\r' ? ' ' : f[i];
        if (c != ' ' || (k && f[k - 1] != ' '))
            f[k++] = c;
    }
    f[k] = 0;
    return text_trim(f);
}

/* The length of key before a trailing number ("tieu chi 10" -> 8), 0 when
 * it does not end in one. */
static size_t numbered_stem(const char *key)
{
    size_t n = strlen(key), end = n;
    while (end && (isdigit((unsigned char)key[end - 1]) || key[end - 1] == '.'))
        end--;
    if (end == n)
        return 0;
    while (end && key[end - 1] == ' ')
        end--;
    return end;
}

static int same_stem(const char *key, size_t stem, const char *label)
{
    char *k = label_key(label);
    int eq = stem && numbered_stem(k) == stem && !strncmp(k, key, stem);
    free(k);
    return eq;
}

/* Whether an unknown header names an indicator the scheme does not have:
 * an id under one of its groups ("dvctt.cs9"), or a numbered label like
 * its own ("Tiêu chí 10" beside "Tiêu chí 1"…"Tiêu chí 9") or like the
 * usual words for one ("Chỉ số 7", "TC 12"). Such a column is an error;
 * any other is an office's own (Ghi chú, Phân loại) and is ignored. */
static int looks_like_indicator(const scheme *s, const char *h, const char *key)
{
    static const char *const words[] = {"chi so", "tieu chi", "chi tieu", "cs", "tc"};
    for (size_t g = 0; g < s->ngroups; g++) {
        size_t k = strlen(s->groups[g].id);
        if (!strncmp(h, s->groups[g].id, k) && h[k] == '.')
            return 1;
    }
    size_t stem = numbered_stem(key);
    if (!stem)
        return 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == stem && !strncmp(key, words[i], stem))
            return 1;
    for (size_t i = 0; i < s->nindicators; i++)
        if (same_stem(key, stem, s->indicators[i].label) ||
            (s->indicators[i].name && same_stem(key, stem, s->indicators[i].name)))
            return 1;
    return 0;
}

static int key_is(const char *key, const char *label)
{
    char *k = label_key(label);
    int eq = !strcmp(key, k);
    free(k);
    return eq;
}

/* Whether header cell `group` (the row above, may be NULL) names group g. */
static int group_is(const indicator_group *g, const char *group)
{
    if (!group || !*group)
        return 0;
    char *k = label_key(group);
    int eq = !strcmp(k, g->id) || key_is(k, g->label) || key_is(k, g->name);
    free(k);
    return eq;
}

/* Header cell -> indicator index or a COL_ code. Accepts the id
 * ("dvctt.cs1", the seeds' "dvctt.cs1(10)") or the printed label ("Chỉ số 1
 * (5đ)", a one-indicator group's "Tiến độ, KQ giải quyết"), case- and
 * diacritic-insensitively; a label several indicators share is resolved by
 * the group header above it (two-row headers), else it is ambiguous. */
static long header_column(const scheme *s, const char *h, const char *group)
{
    /* Keys as label_key makes them: the usual spellings of offices' files. */
    static const struct { const char *key; long col; } names[] = {
        {"unit", COL_NAME}, {"ten don vi", COL_NAME}, {"don vi", COL_NAME}, {"ten co quan, don vi", COL_NAME},
        {"ten co quan don vi", COL_NAME}, {"co quan, don vi", COL_NAME}, {"ten co quan", COL_NAME},
        {"section", COL_SECTION}, {"nhom", COL_SECTION}, {"long name", COL_LONG_NAME},
        {"ten day du", COL_LONG_NAME}, {"total", COL_TOTAL}, {"tong diem", COL_TOTAL},
        {"tong diem dat duoc", COL_TOTAL}, {"tong so diem", COL_TOTAL},
        {"ma don vi", COL_CODE}, {"ma dvhc", COL_CODE}, {"code", COL_CODE}, {"unit code", COL_CODE},
        {"status", COL_STATUS}, {"trang thai", COL_STATUS}, {"reason", COL_REASON}, {"ly do", COL_REASON},
        {"stt", COL_IGNORE}, {"tt", COL_IGNORE}, {"so tt", COL_IGNORE}};
    char *key = label_key(h);
    long r = COL_UNKNOWN;
    for (size_t i = 0; i < sizeof names / sizeof *names && r == COL_UNKNOWN; i++)
        if (!strcmp(key, names[i].key))
            r = names[i].col;
    if (r == COL_UNKNOWN) {
        char *id = xstrndup(h, strcspn(h, "( "));
        long i = scheme_find(s, id);
        free(id);
        if (i >= 0)
            r = i;
    }
    if (r == COL_UNKNOWN) {
        size_t found = 0, in_group = 0;
        for (size_t i = 0; i < s->nindicators; i++) {
            const indicator *in = &s->indicators[i];
            const indicator_group *g = &s->groups[in->group];
            int hit = key_is(key, in->label) || key_is(key, in->name) ||
                      (g->count == 1 && (key_is(key, g->label) || key_is(key, g->name)));
            if (!hit)
                continue;
            found++;
            if (found == 1)
                r = (long)i;
            if (group_is(g, group) && in_group++ == 0)
                r = (long)i;
        }
        if (found > 1 && in_group != 1)
            r = COL_AMBIGUOUS;
    }
    if (r == COL_UNKNOWN && !looks_like_indicator(s, h, key))
        r = COL_EXTRA;
    free(key);
    return r;
}

/* The resolved header: what each column holds and where data starts. */
typedef struct header {
    long *cols;
    size_t n;
    size_t *used, nused;   /* the columns a row is read from */
    size_t name_col, first_row;
    long section_col;
} header;

/* Reads the header from rows[0], or from rows[0] (groups, merged across
 * their indicators, so carried right) and rows[1] (labels) when two_rows. */
static int read_header(const dataset *ds, const csv *c, int two_rows, int previous, header *h,
                       diag *d)
{
    const scheme *s = &ds->scheme;
    const csv_row *top = &c->rows[0], *low = two_rows ? &c->rows[1] : top;
    char where[CSV_WHERE_SIZE];
    csv_where(c, low, 0, where, sizeof where);
    h->n = top->n > low->n ? top->n : low->n;
    h->first_row = two_rows ? 2 : 1;
    h->cols = xmalloc(h->n * sizeof *h->cols);
    h->section_col = -1;
    const char *group = NULL;
    long name_col = -1;
    for (size_t k = 0; k < h->n; k++) {
        const char *up = csv_field(top, k), *lo = csv_field(low, k);
        if (*up)
            group = up;
        const char *label = two_rows && !*lo ? up : lo;   /* merged down over both rows */
        long col = h->cols[k] = header_column(s, label, two_rows && *lo ? group : NULL);
        if (col == COL_NAME && name_col < 0)
            name_col = (long)k;
    }
    /* The unit name is the "Tên đơn vị" column, else the first one. */
    h->name_col = name_col < 0 ? 0 : (size_t)name_col;
    h->cols[h->name_col] = COL_NAME;
    for (size_t k = 0; k < h->n; k++) {
        const char *label = *csv_field(low, k) ? csv_field(low, k) : csv_field(top, k);
        if (h->cols[k] == COL_UNKNOWN)
            return diag_set(d, "csv-unknown-column",
                            "%s: column %zu \"%s\" is not an indicator of scheme %s", where, k + 1,
                            label, s->id);
        if (h->cols[k] == COL_AMBIGUOUS)
            return diag_set(d, "csv-ambiguous-column",
                            "%s: column %zu \"%s\" matches several indicators of scheme %s; write "
                            "its id (group.indicator) or its group in the row above", where, k + 1,
                            label, s->id);
        if (h->cols[k] == COL_SECTION)
            h->section_col = (long)k;
        for (size_t j = 0; j < k; j++)
            if (h->cols[k] >= 0 && h->cols[j] == h->cols[k])
                return diag_set(d, "csv-duplicate-column",
                                "%s: indicator %s appears in columns %zu and %zu", where,
                                s->indicators[h->cols[k]].id, j + 1, k + 1);
    }
    for (size_t i = 0; i < s->nindicators; i++) {
        size_t k = 0;
        while (k < h->n && h->cols[k] != (long)i)
            k++;
        if (k == h->n)
            return diag_set(d, "csv-missing-column", "%s: no column for indicator %s (%s) of scheme %s",
                            where, s->indicators[i].id, s->indicators[i].label, s->id);
    }
    if (h->section_col < 0 && ds->nsections > 1 && !previous)
        return diag_set(d, "csv-no-section", "%s: the report has %zu sections but the file has no "
                        "\"section\" column", where, ds->nsections);
    /* Rows are read from the indicator columns and the last section, total
     * and long-name column (a later one would win anyway): the work per row
     * does not grow with ignored columns, which a sparse XLSX row has free. */
    h->used = xmalloc(h->n * sizeof *h->used);
    for (size_t k = 0; k < h->n; k++) {
        long col = h->cols[k];
        int last = col >= 0 || col == COL_SECTION || col == COL_TOTAL || col == COL_LONG_NAME ||
                   col == COL_CODE || col == COL_STATUS || col == COL_REASON;
        for (size_t j = k + 1; j < h->n && last && col < 0; j++)
            last = h->cols[j] != col;
        if (last)
            h->used[h->nused++] = k;
    }
    return 0;
}

/* One header row, or two when the first does not work and looks like the
 * group row of an Excel header (the unit-name cell merged down, so empty in
 * the second row); the one-row error is kept otherwise. */
static int resolve_header(const dataset *ds, const csv *c, int previous, header *h, diag *d)
{
    if (read_header(ds, c, 0, previous, h, d) == 0)
        return 0;
    free(h->cols);
    h->cols = NULL;
    if (c->n < 3)
        return -1;
    diag first = *d;
    if (read_header(ds, c, 1, previous, h, d) == 0)
        return 0;
    free(h->cols);
    h->cols = NULL;
    if (*csv_field(&c->rows[1], 0))
        *d = first;
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
 * [0, max]; decimal is the file's separator (csv.decimal). */
static int read_cell(const scheme *s, size_t ind, const char *v, char decimal, const char *where,
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
    if (s->no_files_marker && !strcmp(v, s->no_files_marker)) {
        out->state = CELL_NO_FILES;
        return 0;
    }
    dec x;
    switch (dec_parse(v, strlen(v), decimal, &x)) {
    case DEC_OK:
        break;
    case DEC_PRECISION:
        return diag_set(d, "score-precision",
                        "%s: unit \"%s\", indicator %s: \"%s\" has more than 6 decimals", where,
                        uname, in->id, v);
    default:
        return diag_set(d, "score-not-number",
                        "%s: unit \"%s\", indicator %s: \"%s\" is not a number (use \"-\" for "
                        "not applicable)",
                        where, uname, in->id, v);
    }
    if (x < 0)
        return diag_set(d, "score-negative", "%s: unit \"%s\", indicator %s: %s is negative", where,
                        uname, in->id, v);
    if (x > in->max)
        return diag_set(d, "score-above-max",
                        "%s: unit \"%s\", indicator %s: %s is above the maximum %s", where, uname,
                        in->id, v, maxs);
    out->state = CELL_VALUE;
    out->value = x;
    return 0;
}

/* A unit not scored by status has no score to print, and one not
 * assessed says why (the report names it with its reason). */
static int unit_status_check(const scheme *s, const unit *u, const char *where, diag *d)
{
    for (size_t i = 0; i < s->nindicators; i++)
        if (u->cells[i].state == CELL_VALUE || u->cells[i].state == CELL_NO_FILES)
            return diag_set(d, "score-status-values", "%s: unit \"%s\", indicator %s: a unit with a status other "
                            "than scored has no scores (leave the cell empty or write \"-\")", where, u->name,
                            s->indicators[i].id);
    if (u->status == STATUS_NOT_ASSESSED && !u->reason)
        return diag_set(d, "score-status-reason", "%s: unit \"%s\": a unit not assessed needs its reason (column "
                        "\"reason\")", where, u->name);
    return 0;
}

/* The portal's own total (QĐ 766): a number within [0, total maximum];
 * empty or "-" (as offices mark a unit without a total) is no total. */
static int read_total(const scheme *s, const char *v, char decimal, const char *where,
                      const char *uname, score_cell *out, diag *d)
{
    dec x;
    out->state = CELL_EMPTY;
    if (!*v || !strcmp(v, "-") || !strcmp(v, "\xE2\x80\x93"))
        return 0;
    if (dec_parse(v, strlen(v), decimal, &x) != DEC_OK || x < 0 || x > scheme_total_max(s))
        return diag_set(d, "score-total", "%s: unit \"%s\", total: \"%s\" is not a number between 0 "
                        "and the scheme's maximum", where, uname, v);
    out->state = CELL_VALUE;
    out->value = x;
    return 0;
}

/* The rows of a scores file, CSV or XLSX by its name. */
/* Reads the file at path; from then on it is spoken of as name. */
static int read_table(dataset *ds, const char *path, const char *name, const input_opts *io, csv *c, diag *d)
{
    size_t n = strlen(path);
    int xlsx = n > 5 && !strcasecmp(path + n - 5, ".xlsx");
    if (xlsx ? xlsx_read_file(c, path, ds->sheet, d) < 0
             : csv_read_file(c, path, io ? io->encoding : ENC_AUTO, d) < 0) {
        diag_rename(d, path, name);
        return -1;
    }
    free(c->path);
    c->path = xstrdup(name);
    if (xlsx)
        findings_add(&ds->notes, SEVERITY_NOTE, "scores-read", "%s: worksheet \"%s\"", name, c->sheet);
    else
        findings_add(&ds->notes, SEVERITY_NOTE, "scores-read", "%s: encoding %s%s%s, delimiter %s, decimal %s",
                     name, encoding_name(c->source.encoding), c->source.bom ? diag_text(" with BOM") : "",
                     c->source.recomposed ? diag_text(" (recomposed to NFC)") : "",
                     c->delimiter == '\t' ? diag_text("tab") : c->delimiter == ';' ? "';'" : "','",
                     c->decimal == ',' ? diag_text("comma") : c->decimal == '.' ? diag_text("point") : diag_text("per value"));
    return 0;
}

/* Pointers to units sorted by code, to find two rows with one code. */
static int by_code(const void *a, const void *b)
{
    return strcmp((*(unit *const *)a)->code, (*(unit *const *)b)->code);
}

static int codes_unique(unit *units, size_t n, const char *path, diag *d)
{
    unit **v = xcalloc(n ? n : 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (units[i].code)
            v[k++] = &units[i];
    qsort(v, k, sizeof *v, by_code);
    int rc = 0;
    for (size_t i = 1; i < k && rc == 0; i++)
        if (!strcmp(v[i - 1]->code, v[i]->code)) {
            const unit *a = v[i - 1]->row < v[i]->row ? v[i - 1] : v[i], *b = a == v[i] ? v[i - 1] : v[i];
            rc = diag_set(d, "unit-duplicate-code", "%s:%d: unit \"%s\": code %s is also unit \"%s\"'s "
                          "(line %d)", path, b->row, b->name, b->code, a->name, a->row);
        }
    free(v);
    return rc;
}

/* The rows of one scores file as units: this period's into *units (the
 * dataset's), the previous period's into a list of their own, cells and
 * total as if current, for unit_match_previous. */
static int read_units(dataset *ds, const char *path, const char *shown, int previous, const input_opts *io, unit **units,
                      size_t *nunits, diag *d)
{
    const scheme *s = &ds->scheme;
    csv c;
    if (read_table(ds, path, shown, io, &c, d) < 0)
        return d && !*d->file ? diag_at(d, shown, 0, 0) : -1;
    int rc = -1;
    header h = {0};
    unit_index idx = {0};
    char where[CSV_WHERE_SIZE];
    /* Where the reading is, for the structured location of an error. */
    struct {
        int line;
        size_t col;
        const char *unit, *indicator;
    } here = {0};
    if (c.n == 0) {
        if (c.sheet)
            diag_set(d, "csv-empty", "%s: worksheet \"%s\" is empty (the workbook's sheets: %s; name one with "
                     "\"sheet\" in report.json)", shown, c.sheet, c.sheets);
        else
            diag_set(d, "csv-empty", "%s: the file has no header row", shown);
        goto out;
    }
    if (resolve_header(ds, &c, previous, &h, d) < 0) {
        /* Perhaps another sheet of the workbook holds the table. */
        if (c.sheet)
            diag_prefix(d, "worksheet \"%s\" of %s (the workbook's sheets: %s; name one with \"sheet\" in "
                        "report.json)", c.sheet, shown, c.sheets);
        goto out;
    }
    /* Columns of the office's own (Ghi chú, Phân loại…): read past, said as
     * notes for --verbose. */
    for (size_t k = 0; k < h.n; k++)
        if (h.cols[k] == COL_EXTRA) {
            const csv_row *top = &c.rows[0], *low = &c.rows[h.first_row - 1];
            csv_where(&c, low, k, where, sizeof where);
            findings_add(&ds->notes, SEVERITY_NOTE, "column-ignored", "%s: column %zu \"%s\" is not in scheme %s: "
                         "ignored", where, k + 1, *csv_field(low, k) ? csv_field(low, k) : csv_field(top, k), s->id);
        }
    unit_index_init(&idx, c.n);
    size_t ucap = *nunits;
    for (size_t r = h.first_row; r < c.n; r++) {
        const csv_row *row = &c.rows[r];
        const char *name = csv_field(row, h.name_col);
        csv_where(&c, row, h.name_col, where, sizeof where);
        here.line = row->line, here.col = h.name_col + 1, here.unit = *name ? name : NULL, here.indicator = NULL;
        if (!*name) {
            diag_set(d, "unit-empty-name", "%s: the unit name (column %zu) is empty", where,
                     h.name_col + 1);
            goto out;
        }
        if (row->n > h.n) {
            diag_set(d, "csv-extra-cells", "%s: unit \"%s\": %zu cells but the header has %zu",
                     where, name, row->n, h.n);
            goto out;
        }
        score_cell *cells = xcalloc(s->nindicators, sizeof *cells);
        size_t at;
        long existing = unit_index_find(&idx, *units, name, &at);
        if (existing >= 0) {
            free(cells);
            diag_set(d, "unit-duplicate", "%s: unit \"%s\" appears twice (also line %d)", where, name,
                     (*units)[existing].row);
            goto out;
        }
        grow(units, &ucap, *nunits + 1, sizeof **units);
        idx.slot[at] = (long)*nunits;
        unit *u = &(*units)[(*nunits)++];
        memset(u, 0, sizeof *u);
        u->name = xstrdup(name);
        u->row = row->line;
        u->cells = cells;
        for (size_t j = 0; j < h.nused; j++) {
            size_t k = h.used[j];
            const char *v = csv_field(row, k);
            csv_where(&c, row, k, where, sizeof where);
            here.col = k + 1, here.indicator = h.cols[k] >= 0 ? s->indicators[h.cols[k]].id : NULL;
            if (h.cols[k] >= 0) {
                if (read_cell(s, (size_t)h.cols[k], v, c.decimal, where, name, &cells[h.cols[k]],
                              d) < 0)
                    goto out;
            } else if (h.cols[k] == COL_SECTION && !previous) {
                long sec = find_section(ds, v);
                if (sec < 0) {
                    diag_set(d, "unit-section", "%s: unit \"%s\": section \"%s\" is not one of "
                             "the report's sections", where, name, v);
                    goto out;
                }
                u->section = (size_t)sec;
            } else if (h.cols[k] == COL_TOTAL) {
                /* Checked against the maximum of all scored indicators. */
                if (read_total(s, v, c.decimal, where, name, &u->total, d) < 0)
                    goto out;
            } else if (h.cols[k] == COL_CODE && *v) {
                free(u->code);
                u->code = xstrdup(v);
            } else if (h.cols[k] == COL_LONG_NAME && !previous && *v) {
                free(u->long_name);
                u->long_name = xstrdup(v);
            } else if (h.cols[k] == COL_STATUS && !previous && *v) {
                const unit_status *st = scheme_status(s, v);
                if (!st) {
                    diag_set(d, "score-status", "%s: unit \"%s\", status: \"%s\" is not a status of scheme %s%s",
                             where, name, v, s->id, s->nstatuses ? "" : " (it allows none)");
                    goto out;
                }
                u->status = st->kind;
                u->status_in_table = st->in_table;
            } else if (h.cols[k] == COL_REASON && !previous && *v) {
                free(u->reason);
                u->reason = xstrdup(v);
            }
        }
        if (u->status != STATUS_SCORED && unit_status_check(s, u, where, d) < 0)
            goto out;
        csv_where(&c, row, h.name_col, where, sizeof where);
        here.col = h.name_col + 1, here.indicator = NULL;
        /* A given total cannot exceed what the unit could score. */
        const score_cell *tot = &u->total;
        if (tot->state == CELL_VALUE) {
            dec amax = 0;
            for (size_t i = 0; i < s->nindicators; i++)
                if (cells[i].state == CELL_VALUE && !s->indicators[i].informational)
                    amax += s->indicators[i].max;
            if (tot->value > amax) {
                char a[32], m[32];
                dec_format(a, sizeof a, tot->value, 0, 6, ',', 0);
                dec_format(m, sizeof m, amax, 0, 6, ',', 0);
                diag_set(d, "score-total", "%s: unit \"%s\", total: %s is above the applicable "
                         "maximum %s", where, name, a, m);
                goto out;
            }
        }
        /* Some cells given and some left blank is a typing slip, not a unit
         * that did not report: say which cell. */
        size_t nempty = 0;
        for (size_t i = 0; i < s->nindicators; i++)
            nempty += cells[i].state == CELL_EMPTY;
        if (nempty && nempty < s->nindicators && u->status == STATUS_SCORED)
            for (size_t i = 0; i < s->nindicators; i++)
                if (cells[i].state == CELL_EMPTY) {
                    here.indicator = s->indicators[i].id;
                    diag_set(d, "score-missing",
                             "%s: unit \"%s\", indicator %s: the cell is empty (write \"-\" if "
                             "it does not apply)", where, name, s->indicators[i].id);
                    goto out;
                }
    }
    here.line = 0, here.unit = NULL;
    if (codes_unique(*units, *nunits, shown, d) < 0)
        goto out;
    if (!previous && *nunits == 0) {
        diag_set(d, "csv-no-units", "%s: the file lists no units", shown);
        goto out;
    }
    rc = 0;
out:
    if (rc < 0 && d && !*d->file)
        diag_locate(d, shown, here.line, (int)here.col, here.unit, here.indicator);
    free(h.cols);
    free(h.used);
    unit_index_free(&idx);
    csv_free(&c);
    return rc;
}

int scores_read(dataset *ds, const char *path, const char *name, int previous, const input_opts *io, diag *d)
{
    if (!previous)
        return read_units(ds, path, name, 0, io, &ds->units, &ds->nunits, d);
    unit *rows = NULL;
    size_t n = 0;
    int rc = read_units(ds, path, name, 1, io, &rows, &n, d);
    if (rc == 0)
        rc = unit_match_previous(ds, rows, n, name, d);
    for (size_t i = 0; i < n; i++)
        free(rows[i].name), free(rows[i].code), free(rows[i].long_name), free(rows[i].cells);
    free(rows);
    return rc;
}
