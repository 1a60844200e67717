/* report_json.c — report.json: the document's metadata and where its
 * scores are. The format is documented in README.md. */
#include "input.h"
#include "private/records.h"
#include "sbuf.h"
#include "unitmatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int input_date(const char *s, date *out)
{
    int y, m, dd;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
        return -1;
    if (y < 1945 || y > 2999 || m < 1 || m > 12 || dd < 1 || dd > date_month_days(y, m))
        return -1;
    out->year = y, out->month = m, out->day = dd;
    return 0;
}

char *input_path(const char *dir, const char *rel)
{
    sbuf b = {0};
    if (rel[0] == '/' || !*dir)
        sbuf_puts(&b, rel);
    else
        sbuf_printf(&b, "%s/%s", dir, rel);
    return sbuf_take(&b);
}

/* "period": {"year": 2024} with at most one of "month": 1–12,
 * "quarter": 1–4, "half": 1–2 (the first or last six months) and
 * "nine_months": true; the year alone is a yearly report. Any other key
 * is refused: a misspelt "quater" must not turn a quarter into a year. */
static int load_period(period *p, json_t *o, const char *file, diag *d)
{
    static const period_kind numbered[] = {PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF};
    int kinds = 0, nine = 0;
    *p = (period){.kind = PERIOD_YEAR};
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (strcmp(key, "year") && strcmp(key, "month") && strcmp(key, "quarter") && strcmp(key, "half") &&
            strcmp(key, "nine_months"))
            return diag_set(d, "json-period", "%s:%d: period.%s: not a key of a period (year, month, quarter, "
                            "half, nine_months)", file, jsonin_line_of(file, key), key);
    }
    if (jsonin_int(o, file, "period", "year", 1, &p->year, d) < 0 ||
        jsonin_bool(o, file, "period", "nine_months", &nine, d) < 0)
        return -1;
    if (nine)
        p->kind = PERIOD_NINE_MONTHS, kinds++;
    for (size_t i = 0; i < sizeof numbered / sizeof *numbered; i++) {
        key = period_kind_name(numbered[i]);
        int n, max = period_max_number(numbered[i]);
        if (!json_object_get(o, key))
            continue;
        if (jsonin_int(o, file, "period", key, 1, &n, d) < 0)
            return -1;
        if (n < 1 || n > max)
            return diag_set(d, "json-period", "%s:%d: period.%s: %d does not exist (1 to %d)", file,
                            jsonin_line_of(file, key), key, n, max);
        p->kind = numbered[i], p->number = n, kinds++;
    }
    if (kinds > 1)
        return diag_set(d, "json-period", "%s:%d: period: one of month, quarter, half and nine_months, not %d",
                        file, jsonin_line_of(file, "period"), kinds);
    if (p->year < 1945 || p->year > 2999)
        return diag_set(d, "json-period", "%s:%d: period.year: %d is not a year of a report", file,
                        jsonin_line_of(file, "year"), p->year);
    return 0;
}

/* What the per-element readers below need besides the element. */
typedef struct reading {
    dataset *ds;
    const char *file;
} reading;

static int load_section(json_t *o, const char *where, void *ctx, diag *d)
{
    const reading *r = ctx;
    section *s = &r->ds->sections[r->ds->nsections++];
    if (jsonin_str(o, r->file, where, "id", 1, &s->id, d) < 0 ||
        jsonin_str(o, r->file, where, "title", 1, &s->title, d) < 0 ||
        jsonin_str(o, r->file, where, "heading", 0, &s->heading, d) < 0 ||
        jsonin_str(o, r->file, where, "unit_noun", 0, &s->unit_noun, d) < 0 ||
        jsonin_int(o, r->file, where, "expected", 0, &s->expected, d) < 0)
        return -1;
    if (s->expected < 0)
        return diag_set(d, "json-type", "%s: %s.expected: must not be negative", r->file, where);
    return 0;
}

static int load_sections(dataset *ds, json_t *arr, const char *file, diag *d)
{
    size_t n = arr ? json_array_size(arr) : 0;
    ds->sections = xcalloc(n ? n : 1, sizeof *ds->sections);
    if (n == 0) {
        /* No sections declared: one unnamed section holds every unit. */
        ds->sections[0].id = xstrdup("");
        ds->nsections = 1;
        return 0;
    }
    reading r = {ds, file};
    return jsonin_each(arr, file, "", "sections", load_section, &r, d);
}

/* Long names for running text, keyed by the table name. */
static int load_long_names(dataset *ds, json_t *root, const char *file, diag *d)
{
    json_t *names = json_object_get(root, "long_names");
    if (!names)
        return 0;
    if (!json_is_object(names))
        return diag_set(d, "json-type", "%s: long_names: expected an object", file);
    const char *key;
    json_t *v;
    json_object_foreach(names, key, v) {
        size_t i = 0;
        while (i < ds->nunits && strcmp(ds->units[i].name, key) != 0)
            i++;
        if (i == ds->nunits)
            return diag_set(d, "unit-unknown", "%s: long_names: \"%s\" is not a unit of the scores file",
                            file, key);
        if (jsonin_str(names, file, "long_names", key, 1, &ds->units[i].long_name, d) < 0)
            return -1;
    }
    return 0;
}

static int load_unit_kind(json_t *o, const char *where, void *ctx, diag *d)
{
    const reading *r = ctx;
    unit_kind *k = &r->ds->kinds[r->ds->nkinds++];
    return jsonin_str(o, r->file, where, "prefix", 1, &k->prefix, d) < 0 ||
                   jsonin_str(o, r->file, where, "plural", 1, &k->plural, d) < 0 ||
                   jsonin_str(o, r->file, where, "text", 0, &k->text, d) < 0 ||
                   jsonin_str(o, r->file, where, "local", 0, &k->local, d) < 0
               ? -1
               : 0;
}

/* "renamed": {"old name": "new name"} and "merged": {"new name": ["old",
 * "old", …]}: units of this period that continue others of the previous. */
static int load_links(dataset *ds, json_t *root, const char *file, diag *d)
{
    static const char *const KEYS[] = {"renamed", "merged"};
    for (int merged = 0; merged < 2; merged++) {
        json_t *map = json_object_get(root, KEYS[merged]);
        if (!map)
            continue;
        if (!json_is_object(map))
            return diag_set(d, "json-type", "%s: %s: expected an object", file, KEYS[merged]);
        const char *key;
        json_t *v;
        json_object_foreach(map, key, v) {
            ds->links = xrealloc(ds->links, (ds->nlinks + 1) * sizeof *ds->links);
            unit_link *l = &ds->links[ds->nlinks++];
            memset(l, 0, sizeof *l);
            l->merged = merged;
            if (merged) {
                l->now = xstrdup(key);
                if (jsonin_strv(map, file, KEYS[merged], key, 1, &l->old, &l->nold, d) < 0)
                    return -1;
                if (l->nold < 2)
                    return diag_set(d, "unit-link", "%s:%d: merged: \"%s\" needs the two or more units it "
                                    "was made from (one is \"renamed\")", file, jsonin_line_of(file, key), key);
            } else {
                l->old = xcalloc(1, sizeof *l->old);
                l->nold = 1;
                l->old[0] = xstrdup(key);
                if (jsonin_str(map, file, KEYS[merged], key, 1, &l->now, d) < 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* How units of one kind are named together: "UBND xã " → "UBND các xã".
 * From report.json's "unit_kinds", else templates/unit-kinds.json. */
static int load_unit_kinds(dataset *ds, json_t *root, const char *file, const char *data_dir, diag *d)
{
    json_t *arr, *own = NULL;
    sbuf path = {0};
    int rc = -1;
    if (jsonin_array(root, file, "", "unit_kinds", 0, &arr, d) < 0)
        return -1;
    if (!arr) {
        sbuf_printf(&path, "%s/templates/unit-kinds.json", data_dir);
        if (!(own = jsonin_load(path.s, d)))
            goto out;
        file = path.s;
        if (jsonin_array(own, file, "", "unit_kinds", 1, &arr, d) < 0)
            goto out;
    }
    ds->kinds = xcalloc(json_array_size(arr) + 1, sizeof *ds->kinds);
    reading r = {ds, file};
    rc = jsonin_each(arr, file, "", "unit_kinds", load_unit_kind, &r, d);
out:
    json_decref(own);
    sbuf_free(&path);
    return rc;
}

/* The fields of one "style" object over *st. */
static int read_style(json_t *o, const char *file, text_style *st, diag *d)
{
    char *cls = NULL;
    if (jsonin_int(o, file, "style", "max_names", 0, &st->max_names, d) < 0 ||
        jsonin_str(o, file, "style", "class_names", 0, &cls, d) < 0 ||
        jsonin_str(o, file, "style", "document_type", 0, &st->document_type, d) < 0 ||
        jsonin_str(o, file, "style", "unit_noun", 0, &st->unit_noun, d) < 0)
        return -1;
    int rc = 0;
    if (st->max_names < 1)
        rc = diag_set(d, "json-style", "%s: style.max_names: must be at least 1", file);
    else if (cls && strcmp(cls, "lower") && strcmp(cls, "as_scheme"))
        rc = diag_set(d, "json-style", "%s: style.class_names: \"%s\" must be \"lower\" or \"as_scheme\"",
                      file, cls);
    else if (cls)
        st->class_lower = !strcmp(cls, "lower");
    free(cls);
    return rc;
}

/* The template set's style (templates/<set>/style.json, optional), then
 * report.json's "style" over it. */
static int load_style(dataset *ds, json_t *root, const char *file, const char *data_dir, diag *d)
{
    ds->style = (text_style){.max_names = 10, .class_lower = 1};
    sbuf path = {0};
    sbuf_printf(&path, "%s/templates/%s/style.json", data_dir, ds->template_name);
    FILE *f = fopen(path.s, "rb");
    int rc = 0;
    if (f) {
        fclose(f);
        json_t *own = jsonin_load(path.s, d);
        rc = own ? read_style(own, path.s, &ds->style, d) : -1;
        json_decref(own);
    }
    sbuf_free(&path);
    if (rc < 0)
        return -1;
    json_t *o = json_object_get(root, "style");
    if (o && !json_is_object(o))
        return diag_set(d, "json-type", "%s: %s: expected an object", file, "style");
    return o ? read_style(o, file, &ds->style, d) : 0;
}

/* What report.json leaves out, the template set's style supplies: the words
 * are the templates', never the program's. */
static int apply_style_defaults(dataset *ds, const char *file, diag *d)
{
    const text_style *st = &ds->style;
    if (!ds->doc_type) {
        if (!st->document_type)
            return diag_set(d, "json-missing", "%s: document.type: not given, and the style of templates/%s "
                            "has no \"document_type\"", file, ds->template_name);
        ds->doc_type = xstrdup(st->document_type);
    }
    for (size_t i = 0; i < ds->nsections; i++) {
        section *s = &ds->sections[i];
        if (s->unit_noun)
            continue;
        if (!st->unit_noun)
            return diag_set(d, "json-missing", "%s: sections: \"unit_noun\" not given, and the style of "
                            "templates/%s has no \"unit_noun\"", file, ds->template_name);
        s->unit_noun = xstrdup(st->unit_noun);
    }
    return 0;
}

int dataset_load(dataset *ds, const char *path, const char *data_dir, const input_opts *io, diag *d)
{
    return input_load(ds, NULL, path, data_dir, io, d);
}

int input_load(dataset *ds, notice_set *ns, const char *path, const char *data_dir, const input_opts *io,
               diag *d)
{
    memset(ds, 0, sizeof *ds);
    json_t *root = jsonin_load(path, d);
    if (!root)
        return -1;
    ds->path = xstrdup(path);
    const char *slash = strrchr(path, '/');
    ds->dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");

    json_t *doc = json_object_get(root, "document"), *agency = json_object_get(root, "agency"),
           *per = json_object_get(root, "period"), *sig = json_object_get(root, "signer");
    json_t *sections;
    char *date_s = NULL, *scores = NULL, *previous = NULL, *sort = NULL;
    int rc = -1;
    ds->scale = 0;

    if (!json_is_object(doc) || !json_is_object(agency) || !json_is_object(per) ||
        !json_is_object(sig)) {
        diag_set(d, "json-missing", "%s: needs the objects \"document\", \"agency\", \"period\" and "
                 "\"signer\"", path);
        goto out;
    }
    if (jsonin_str(root, path, "", "scheme", 1, &ds->scheme_id, d) < 0 ||
        jsonin_int(root, path, "", "scale", 0, &ds->scale, d) < 0 ||
        jsonin_str(root, path, "", "template", 0, &ds->template_name, d) < 0 ||
        jsonin_str(root, path, "", "scores", 1, &scores, d) < 0 ||
        jsonin_str(root, path, "", "previous", 0, &previous, d) < 0 ||
        jsonin_str(root, path, "", "sheet", 0, &ds->sheet, d) < 0 ||
        jsonin_str(root, path, "", "sort", 0, &sort, d) < 0 ||
        jsonin_strv(root, path, "", "recipients", 1, &ds->recipients, &ds->nrecipients, d) < 0 ||
        jsonin_strv(root, path, "", "addressees", 0, &ds->addressees, &ds->naddressees, d) < 0 ||
        jsonin_array(root, path, "", "sections", 0, &sections, d) < 0 ||
        jsonin_str(doc, path, "document", "type", 0, &ds->doc_type, d) < 0 ||
        jsonin_str(doc, path, "document", "type_code", 0, &ds->type_code, d) < 0 ||
        jsonin_str(doc, path, "document", "subject", 0, &ds->subject, d) < 0 ||
        jsonin_str(doc, path, "document", "number", 0, &ds->number, d) < 0 ||
        jsonin_str(doc, path, "document", "notation", 1, &ds->notation, d) < 0 ||
        jsonin_str(doc, path, "document", "date", 1, &date_s, d) < 0 ||
        load_period(&ds->period, per, path, d) < 0 ||
        input_issuer(&ds->issuer, agency, path, "agency", "lines", doc, "document", sig, d) < 0)
        goto out;

    if (input_date(date_s, &ds->date) < 0) {
        diag_set(d, "json-date", "%s: document.date: \"%s\" is not a date (YYYY-MM-DD)", path, date_s);
        goto out;
    }
    if (!ds->number)
        ds->number = xstrdup("");
    if (!ds->template_name)
        ds->template_name = xstrdup("bao-cao-thang");
    /* The name becomes a directory under templates/: a plain name only. */
    if (!*ds->template_name || strchr(ds->template_name, '/') || ds->template_name[0] == '.') {
        diag_set(d, "json-template", "%s: template: \"%s\" must be a plain name (a folder of templates/)",
                 path, ds->template_name);
        goto out;
    }
    if (sort && strcmp(sort, "table") && strcmp(sort, "score")) {
        diag_set(d, "json-sort", "%s: sort: \"%s\" must be \"table\" or \"score\"", path, sort);
        goto out;
    }
    ds->sort = sort && !strcmp(sort, "score") ? SORT_SCORE : SORT_TABLE;

    sbuf dir = {0};
    sbuf_printf(&dir, "%s/templates/schemes", data_dir);
    int scheme_rc = scheme_load_id(&ds->scheme, dir.s, ds->scheme_id, d);
    sbuf_free(&dir);
    if (scheme_rc < 0) {
        diag_prefix(d, "%s: scheme", path);
        goto out;
    }
    if (!ds->scale)
        ds->scale = ds->scheme.scale;
    if (ds->scale < 0) {
        diag_set(d, "json-scale", "%s: scale: must be a positive whole number, not %d", path, ds->scale);
        goto out;
    }
    if (load_sections(ds, sections, path, d) < 0)
        goto out;
    ds->scores_path = input_path(ds->dir, scores);
    if (scores_read(ds, ds->scores_path, 0, io, d) < 0)
        goto out;
    if (load_links(ds, root, path, d) < 0 || unit_links_check(ds, path, d) < 0)
        goto out;
    if (previous) {
        ds->previous_path = input_path(ds->dir, previous);
        if (scores_read(ds, ds->previous_path, 1, io, d) < 0)
            goto out;
        ds->has_previous = 1;
    }
    if (load_long_names(ds, root, path, d) < 0 || load_unit_kinds(ds, root, path, data_dir, d) < 0 ||
        load_style(ds, root, path, data_dir, d) < 0 || apply_style_defaults(ds, path, d) < 0 ||
        (ns && input_notices(ns, ds, json_object_get(root, "notices"), d) < 0))
        goto out;
    dataset_check(ds);
    rc = 0;
out:
    free(date_s);
    free(scores);
    free(previous);
    free(sort);
    json_decref(root);
    if (rc < 0 && d && !*d->file)   /* report.json's own error (the files it names set theirs) */
        diag_at(d, path, 0, 0);
    if (rc < 0) {
        dataset_free(ds);
    }
    return rc;
}

int input_issuer(issuer *is, json_t *names, const char *file, const char *where, const char *lines_key,
                  json_t *place_obj, const char *place_where, json_t *sig, diag *d)
{
    memset(is, 0, sizeof *is);
    if (jsonin_str(names, file, where, "parent", 0, &is->parent, d) < 0 ||
        jsonin_strv(names, file, where, lines_key, 1, &is->lines, &is->nlines, d) < 0 ||
        jsonin_str(names, file, where, "name", 1, &is->name, d) < 0 ||
        jsonin_str(names, file, where, "full_name", 0, &is->full_name, d) < 0 ||
        jsonin_str(names, file, where, "locality", 0, &is->locality, d) < 0 ||
        jsonin_str(place_obj, file, place_where, "place", 1, &is->place, d) < 0 ||
        jsonin_strv(sig, file, "signer", "authority", 1, &is->signer.authority, &is->signer.nauthority, d) < 0 ||
        jsonin_str(sig, file, "signer", "name", 1, &is->signer.name, d) < 0 ||
        jsonin_str(sig, file, "signer", "position", 0, &is->signer.position, d) < 0) {
        issuer_free(is);
        return -1;
    }
    if (!is->full_name)
        is->full_name = xstrdup(is->name);
    if (!is->locality)
        is->locality = xstrdup("");
    return 0;
}
