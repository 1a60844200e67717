/* table_json.c — the phụ lục table of a scheme, read from its "table"
 * object (format in templates/README.md, "The phụ lục table"). Columns are
 * expanded here into one entry per printed column, so that the builder
 * (text/appendix.c) only lays them out. */
#include "table_json.h"
#include "jsonin.h"
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

/* The layout of a scheme without a "table": the monthly report's (QĐ 459). */
static const char default_table[] =
    "{\"columns\": [\"stt\", \"unit\", \"indicators\", \"achieved_max\", \"converted\", \"class\"],"
    " \"bands\": [{}], \"group_heads\": true}";

static const struct {
    const char *name;
    column_kind kind;
    double width;
} kinds[] = {
    {"stt", COLUMN_STT, 10},           /* "STT" in bold needs 10 mm with its padding */
    {"unit", COLUMN_UNIT, 51},
    {"indicators", COLUMN_INDICATOR, 13},
    {"group", COLUMN_INDICATOR, 13},
    {"indicator", COLUMN_INDICATOR, 13},
    {"achieved", COLUMN_ACHIEVED, 16},
    {"max", COLUMN_MAX, 16},
    {"achieved_max", COLUMN_ACHIEVED_MAX, 19},
    {"converted", COLUMN_CONVERTED, 16},
    {"rank", COLUMN_RANK, 16},
    {"rating", COLUMN_RATING, 21},
    {"class", COLUMN_CLASS, 21},
    {"note", COLUMN_NOTE, 30},
};

typedef struct reader {
    scheme *s;
    const char *file;
    size_t cap;
    char *named;           /* per group: named by a "group"/"indicator" column, so not in "indicators" */
} reader;

/* The line of the key or value `text` in the scheme file, for messages. */
static int line_of(const reader *r, const char *text)
{
    return jsonin_line_of(r->file, text);
}

static table_column *add_column(reader *r, const table_column *proto)
{
    table_spec *t = &r->s->table;
    grow(&t->columns, &r->cap, t->ncolumns + 1, sizeof *t->columns);
    table_column *c = &t->columns[t->ncolumns++];
    *c = *proto;
    c->head = proto->head ? xstrdup(proto->head) : NULL;
    return c;
}

static void add_group(reader *r, const table_column *proto, size_t g, int hideable)
{
    const indicator_group *grp = &r->s->groups[g];
    for (size_t i = grp->first; i < grp->first + grp->count; i++) {
        table_column *c = add_column(r, proto);
        c->indicator = i;
        c->hideable = hideable;
    }
}

static long find_group(const scheme *s, const char *id)
{
    for (size_t g = 0; g < s->ngroups; g++)
        if (!strcmp(s->groups[g].id, id))
            return (long)g;
    return -1;
}

/* Which groups the "group" and "indicator" columns name, before
 * "indicators" expands to the rest. */
static int mark_named(reader *r, json_t *cols, diag *d)
{
    size_t k;
    json_t *c;
    json_array_foreach(cols, k, c) {
        const char *col = json_string_value(json_is_object(c) ? json_object_get(c, "column") : c);
        const char *id = json_is_object(c) ? json_string_value(json_object_get(c, "id")) : NULL;
        if (!col || (strcmp(col, "group") && strcmp(col, "indicator")))
            continue;
        char where[64];
        snprintf(where, sizeof where, "table.columns[%zu].id", k);
        if (!id)
            return diag_set(d, "json-missing", "%s: %s: required field is missing", r->file, where);
        long g = !strcmp(col, "group") ? find_group(r->s, id) : scheme_find(r->s, id);
        if (g < 0)
            return !strcmp(col, "group")
                       ? diag_set(d, "table-unknown", "%s:%d: %s: \"%s\": no group of the scheme has this id", r->file,
                                  line_of(r, id), where, id)
                       : diag_set(d, "table-unknown", "%s:%d: %s: \"%s\": no indicator of the scheme has this id",
                                  r->file, line_of(r, id), where, id);
        if (!strcmp(col, "indicator"))
            g = (long)r->s->indicators[g].group;
        r->named[g] = 1;
    }
    return 0;
}

static int load_column(reader *r, json_t *c, size_t k, diag *d)
{
    char where[64];
    snprintf(where, sizeof where, "table.columns[%zu]", k);
    const char *name = json_string_value(json_is_object(c) ? json_object_get(c, "column") : c);
    if (!name)
        return diag_set(d, "json-type", "%s: %s: expected a column name or an object with \"column\"", r->file,
                        where);
    size_t kind = 0;
    while (kind < sizeof kinds / sizeof *kinds && strcmp(kinds[kind].name, name))
        kind++;
    if (kind == sizeof kinds / sizeof *kinds)
        return diag_set(d, "table-unknown", "%s:%d: %s: \"%s\": not a column kind (stt, unit, indicators, group, "
                        "indicator, achieved, max, achieved_max, converted, rank, rating, class, note)", r->file,
                        line_of(r, name), where, name);
    table_column proto = {.kind = kinds[kind].kind, .width = kinds[kind].width,
                          .decimals = DECIMALS_AS_ENTERED};
    int rc = 0;
    if (json_is_object(c)) {
        json_t *dj = json_object_get(c, "decimals");
        dec width = 0;
        if (jsonin_str(c, r->file, where, "head", 0, &proto.head, d) < 0 ||
            jsonin_dec(c, r->file, where, "width", 0, &width, d) < 0)
            rc = -1;
        else if (json_object_get(c, "width") && (width <= 0 || width > DEC_INT(500)))
            rc = diag_set(d, "table-width", "%s: %s.width: must be above 0 and at most 500", r->file, where);
        else if (width)
            proto.width = (double)width / DEC_SCALE;
        if (rc == 0 && json_is_string(dj) && !strcmp(json_string_value(dj), "uniform"))
            proto.decimals = DECIMALS_UNIFORM;
        else if (rc == 0 && dj && !(json_is_string(dj) && !strcmp(json_string_value(dj), "as_entered"))) {
            if (!json_is_integer(dj) || json_integer_value(dj) < 0 || json_integer_value(dj) > 4)
                rc = diag_set(d, "table-decimals", "%s: %s.decimals: a whole number from 0 to 4, \"as_entered\" or \"uniform\"",
                              r->file, where);
            else
                proto.decimals = (int)json_integer_value(dj);
        }
    }
    if (rc == 0 && !proto.head && (proto.kind == COLUMN_MAX || proto.kind == COLUMN_NOTE))
        rc = diag_set(d, "table-head", "%s:%d: %s: \"%s\": this column needs its \"head\" (the templates have no "
                      "text for it)", r->file, line_of(r, name), where, name);
    if (rc == 0 && !strcmp(name, "indicators")) {
        for (size_t g = 0; g < r->s->ngroups; g++)
            if (!r->named[g])
                add_group(r, &proto, g, 1);
    } else if (rc == 0 && !strcmp(name, "group")) {
        add_group(r, &proto, (size_t)find_group(r->s, json_string_value(json_object_get(c, "id"))), 1);
    } else if (rc == 0 && !strcmp(name, "indicator")) {
        proto.indicator = (size_t)scheme_find(r->s, json_string_value(json_object_get(c, "id")));
        add_column(r, &proto);
    } else if (rc == 0) {
        add_column(r, &proto);
    }
    free(proto.head);
    return rc;
}

/* The column where the indicator or group `id` begins (last = 0) or ends. */
static long band_edge(const reader *r, const char *id, int last)
{
    const table_spec *t = &r->s->table;
    long g = find_group(r->s, id), ind = g < 0 ? scheme_find(r->s, id) : -1;
    long hit = -1;
    for (size_t k = 0; k < t->ncolumns; k++) {
        const table_column *c = &t->columns[k];
        if (c->kind != COLUMN_INDICATOR)
            continue;
        if ((g >= 0 && r->s->indicators[c->indicator].group == (size_t)g) || (long)c->indicator == ind) {
            hit = (long)k;
            if (!last)
                break;
        }
    }
    return hit;
}

/* Whether columns a and b (indices, may be out of range) show indicators of one group. */
static int same_group(const table_spec *t, const scheme *s, long a, long b)
{
    if (a < 0 || b < 0 || (size_t)a >= t->ncolumns || (size_t)b >= t->ncolumns)
        return 0;
    const table_column *x = &t->columns[a], *y = &t->columns[b];
    return x->kind == COLUMN_INDICATOR && y->kind == COLUMN_INDICATOR &&
           s->indicators[x->indicator].group == s->indicators[y->indicator].group;
}

static int load_band(json_t *o, const char *where, void *ctx, diag *d)
{
    reader *r = ctx;
    table_spec *t = &r->s->table;
    table_band b = {0};
    char *from = NULL, *to = NULL;
    int rc = -1;
    if (jsonin_str(o, r->file, where, "head", 0, &b.head, d) < 0 ||
        jsonin_str(o, r->file, where, "from", 0, &from, d) < 0 ||
        jsonin_str(o, r->file, where, "to", 0, &to, d) < 0)
        goto out;
    /* Without from/to: over every indicator column. */
    long first = -1, last = -1;
    for (size_t k = 0; k < t->ncolumns; k++)
        if (t->columns[k].kind == COLUMN_INDICATOR) {
            if (first < 0)
                first = (long)k;
            last = (long)k;
        }
    if (from && (first = band_edge(r, from, 0)) < 0) {
        diag_set(d, "table-unknown", "%s:%d: %s: \"%s\": no group or indicator of the table has this id", r->file,
                 line_of(r, from), where, from);
        goto out;
    }
    if (to && (last = band_edge(r, to, 1)) < 0) {
        diag_set(d, "table-unknown", "%s:%d: %s: \"%s\": no group or indicator of the table has this id", r->file,
                 line_of(r, to), where, to);
        goto out;
    }
    if (first < 0 || last < first) {
        diag_set(d, "table-band", "%s: %s: the band covers no column (\"from\" after \"to\"?)", r->file, where);
        goto out;
    }
    /* A band heads whole groups: it may not start or end inside one. */
    if (same_group(t, r->s, first - 1, first) || same_group(t, r->s, last, last + 1)) {
        const char *id = same_group(t, r->s, first - 1, first) ? (from ? from : "") : (to ? to : "");
        diag_set(d, "table-band", "%s:%d: %s: \"%s\": the band does not cover whole groups (it starts or ends "
                 "inside one)", r->file, line_of(r, id), where, id);
        goto out;
    }
    for (size_t k = 0; k < t->nbands; k++)
        if ((long)t->bands[k].first <= last && first < (long)(t->bands[k].first + t->bands[k].count)) {
            diag_set(d, "table-band", "%s: %s: the band overlaps band %zu", r->file, where, k + 1);
            goto out;
        }
    t->bands = xrealloc(t->bands, (t->nbands + 1) * sizeof *t->bands);
    b.first = (size_t)first;
    b.count = (size_t)(last - first + 1);
    t->bands[t->nbands++] = b;
    b.head = NULL;
    rc = 0;
out:
    free(b.head);
    free(from);
    free(to);
    return rc;
}

int table_load(scheme *s, json_t *table, const char *file, diag *d)
{
    json_error_t err;
    json_t *own = table ? NULL : json_loads(default_table, 0, &err);
    if (!table)
        table = own;
    reader r = {.s = s, .file = file, .named = xcalloc(s->ngroups + 1, 1)};
    json_t *cols = NULL, *bands = NULL;
    dec size = DEC_INT(11);
    s->table.group_heads = 1;
    int rc = -1;
    if (!json_is_object(table)) {
        diag_set(d, "json-type", "%s: table: expected an object", file);
        goto out;
    }
    if (jsonin_array(table, file, "table", "columns", 1, &cols, d) < 0 ||
        jsonin_array(table, file, "table", "bands", 0, &bands, d) < 0 ||
        jsonin_bool(table, file, "table", "group_heads", &s->table.group_heads, d) < 0 ||
        jsonin_dec(table, file, "table", "font_size", 0, &size, d) < 0 || mark_named(&r, cols, d) < 0)
        goto out;
    if (size < DEC_INT(6) || size > DEC_INT(14)) {
        diag_set(d, "table-font-size", "%s: table.font_size: must be from 6 to 14 (points)", file);
        goto out;
    }
    s->table.font_size = (double)size / DEC_SCALE;
    for (size_t k = 0; k < json_array_size(cols); k++)
        if (load_column(&r, json_array_get(cols, k), k, d) < 0)
            goto out;
    /* Group columns may all be left out (every unit "-"): one other column stays. */
    size_t fixed = 0;
    for (size_t k = 0; k < s->table.ncolumns; k++)
        fixed += !s->table.columns[k].hideable;
    if (fixed == 0) {
        diag_set(d, "table-empty", "%s: table.columns: the table has no column besides groups of indicators", file);
        goto out;
    }
    for (size_t k = 0; k < s->table.ncolumns; k++)
        for (size_t j = 0; j < k; j++)
            if (s->table.columns[k].kind == COLUMN_INDICATOR && s->table.columns[j].kind == COLUMN_INDICATOR &&
                s->table.columns[k].indicator == s->table.columns[j].indicator) {
                const char *id = s->indicators[s->table.columns[k].indicator].id;
                diag_set(d, "table-duplicate", "%s:%d: table.columns: \"%s\": the indicator has two columns", file,
                         line_of(&r, id), id);
                goto out;
            }
    if (bands && jsonin_each(bands, file, "table", "bands", load_band, &r, d) < 0)
        goto out;
    rc = 0;
out:
    free(r.named);
    json_decref(own);
    return rc;
}
