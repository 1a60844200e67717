/* notice_input.c — the "notices" object of report.json, the units file
 * (who issues each notice) and the statistics CSV (Phụ lục I and II).
 * The formats are documented in README.md ("Notices"). */
#include "csv.h"
#include "input.h"
#include "private/records.h"
#include "notices.h"
#include "sbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long find_unit(const dataset *ds, const unit_index *idx, const char *name)
{
    size_t at;
    return unit_index_find(idx, ds->units, name, &at);
}

/* A unit's own problem: recorded once (the first), its notice fails. */
static void unit_error(unit_notice *un, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void unit_error(unit_notice *un, const char *fmt, ...)
{
    if (un->error)
        return;
    sbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    un->error = sbuf_take(&b);
}

typedef struct units_reading {
    notice_set *ns;
    const dataset *ds;
    const unit_index *idx;
    const char *path;
} units_reading;

/* One entry of units.json: the unit issues its own notice. */
static int load_unit(json_t *o, const char *where, void *ctx, diag *d)
{
    const units_reading *r = ctx;
    char *name = NULL;
    if (jsonin_str(o, r->path, where, "unit", 1, &name, d) < 0)
        return -1;
    long u = find_unit(r->ds, r->idx, name);
    if (u < 0 || r->ns->units[u].has_issuer) {
        diag_set(d, u < 0 ? "unit-unknown" : "unit-duplicate", "%s: %s: unit \"%s\" %s", r->path, where, name,
                 u < 0 ? "is not in the scores file" : "is listed twice");
        free(name);
        return -1;
    }
    free(name);
    unit_notice *un = &r->ns->units[u];
    if (input_issuer(&un->issuer, o, r->path, where, "agency", o, where, json_object_get(o, "signer"), d) < 0)
        return -1;
    un->has_issuer = 1;
    if (jsonin_str(o, r->path, where, "number", 0, &un->number, d) < 0 ||
        jsonin_strv(o, r->path, where, "addressees", 0, &un->addressees, &un->naddressees, d) < 0)
        return -1;
    if (!un->number)
        un->number = xstrdup("");
    return 0;
}

/* units.json: {"units": [...]}, each {unit, agency, name, full_name, locality, place,
 * number, signer {authority, name, position}, addressees}. */
static int load_units(notice_set *ns, const dataset *ds, const char *path, diag *d)
{
    json_t *root = jsonin_load(path, d);
    if (!root)
        return -1;
    json_t *list;
    unit_index idx;
    unit_index_of(&idx, ds->units, ds->nunits);
    units_reading r = {ns, ds, &idx, path};
    int rc = jsonin_array(root, path, "", "units", 1, &list, d) < 0 ? -1
                                                                      : jsonin_each(list, path, "", "units", load_unit, &r, d);
    unit_index_free(&idx);
    json_decref(root);
    return rc;
}

static const char *const KIND[] = {"section", "heading", "count", "ratio", "rate", "score"};

/* One figure: "" (none), "-" (not applicable) or a number >= 0. */
static int stat_cell(const char *v, score_cell *out)
{
    memset(out, 0, sizeof *out);
    if (!*v)
        return 0;
    if (!strcmp(v, "-")) {
        out->state = CELL_NA;
        return 0;
    }
    if (dec_parse(v, strlen(v), 0, &out->value) != DEC_OK || out->value < 0)
        return -1;
    out->state = CELL_VALUE;
    return 0;
}

enum { C_UNIT, C_APPENDIX, C_STT, C_LABEL, C_KIND, C_PREV, C_PREV_TOTAL, C_NOW, C_NOW_TOTAL, C_N };
static const char *const COLUMN[C_N] = {"unit", "appendix", "stt", "label", "kind",
                                        "prev", "prev_total", "now", "now_total"};

/* Checks one row's figures; a message for the unit's error, or NULL. */
static const char *check_row(const stat_row *r)
{
    const score_cell *v[2] = {&r->prev, &r->now}, *t[2] = {&r->prev_total, &r->now_total};
    for (int s = 0; s < 2; s++) {
        int has_v = v[s]->state == CELL_VALUE, has_t = t[s]->state == CELL_VALUE;
        if ((r->kind == STAT_SECTION || r->kind == STAT_HEADING || r->kind == STAT_SCORE) &&
            (v[s]->state || t[s]->state))
            return "a row of this kind has no figures";
        if (r->kind == STAT_RATE && (has_t || (has_v && v[s]->value > DEC_INT(100))))
            return "a rate is a percentage from 0 to 100, without a base";
        if (r->kind == STAT_RATIO && has_v != has_t)
            return "a ratio needs both the count and its base";
        if (has_t && (!has_v || t[s]->value == 0 || v[s]->value > t[s]->value))
            return "the base must be positive and not below the count";
    }
    return NULL;
}

static int same_row(const stat_row *a, const stat_row *b)
{
    return a->kind == b->kind && !strcmp(a->appendix, b->appendix) && !strcmp(a->stt, b->stt);
}

static size_t common_prefix(const unit_notice *a, const unit_notice *b)
{
    size_t i = 0;
    while (i < a->nstats && i < b->nstats && same_row(&a->stats[i], &b->stats[i]))
        i++;
    return i;
}

static int same_layout(const unit_notice *a, const unit_notice *b)
{
    return a->nstats == b->nstats && common_prefix(a, b) == a->nstats;
}

/* Every unit's table has the same rows: the layout most units share (found
 * by a majority vote in one pass) is the reference, and a unit with a row
 * missing, added or moved fails alone. */
static void check_layout(notice_set *ns, const dataset *ds, const char *path)
{
    size_t best = 0, votes = 0;
    for (size_t u = 0; u < ns->n; u++) {
        if (!ns->units[u].nstats)
            continue;
        if (votes == 0)
            best = u, votes = 1;
        else
            votes += same_layout(&ns->units[best], &ns->units[u]) ? 1 : (size_t)-1;
    }
    const unit_notice *ref = &ns->units[best];
    for (size_t u = 0; u < ns->n; u++) {
        unit_notice *un = &ns->units[u];
        size_t i = common_prefix(ref, un);
        if (!un->nstats || (i == ref->nstats && i == un->nstats))
            continue;
        if (i < ref->nstats)
            unit_error(un, "%s: unit \"%s\": statistics row %zu should be %s %s (%s) as for \"%s\"", path,
                       ds->units[u].name, i + 1, ref->stats[i].appendix, ref->stats[i].stt, ref->stats[i].label,
                       ds->units[best].name);
        else
            unit_error(un, "%s: unit \"%s\": statistics row %zu (%s %s) is one more than \"%s\" has", path,
                       ds->units[u].name, i + 1, un->stats[i].appendix, un->stats[i].stt, ds->units[best].name);
    }
}

/* The statistics CSV is read row by row (it grows with the number of
 * units: 4.5 MB for 1,000 communes). */
typedef struct stats_reading {
    notice_set *ns;
    const dataset *ds;
    const unit_index *idx;
    const char *path;
    int col[C_N];              /* -1 until the header row is read */
    const unit_notice *first;  /* the first unit with rows: its texts are shared */
    diag *d;
} stats_reading;

/* The unit's row texts are those of the first unit's row at the same
 * place in nearly every file: they are shared then, not copied. */
static char *row_text(notice_set *ns, const char *s, const char *same)
{
    if (same && !strcmp(s, same))
        return (char *)same;
    grow(&ns->texts, &ns->texts_cap, ns->ntexts + 1, sizeof *ns->texts);
    return ns->texts[ns->ntexts++] = xstrdup(s);
}

static int header(stats_reading *sr, const csv_row *row)
{
    for (int k = 0; k < C_N; k++) {
        for (size_t i = 0; i < row->n && sr->col[k] < 0; i++)
            if (!strcmp(csv_field(row, i), COLUMN[k]))
                sr->col[k] = (int)i;
        if (sr->col[k] < 0)
            return diag_set(sr->d, "csv-header", "%s:1: no column \"%s\"", sr->path, COLUMN[k]);
    }
    return 0;
}

static int stats_row(void *arg, const csv *c, const csv_row *row)
{
    stats_reading *sr = arg;
    (void)c;
    if (sr->col[0] < 0)
        return header(sr, row);
    const char *f[C_N];
    for (int k = 0; k < C_N; k++)
        f[k] = csv_field(row, (size_t)sr->col[k]);
    long u = find_unit(sr->ds, sr->idx, f[C_UNIT]);
    if (u < 0)
        return diag_set(sr->d, "unit-unknown", "%s:%d: unit \"%s\" is not in the scores file", sr->path,
                        row->line, f[C_UNIT]);
    unit_notice *un = &sr->ns->units[u];
    grow(&un->stats, &un->cap, un->nstats + 1, sizeof *un->stats);
    stat_row *r = &un->stats[un->nstats];
    memset(r, 0, sizeof *r);
    size_t kind = 0;
    while (kind < sizeof KIND / sizeof *KIND && strcmp(f[C_KIND], KIND[kind]))
        kind++;
    score_cell *fig[] = {&r->prev, &r->prev_total, &r->now, &r->now_total};
    const char *bad = NULL, *field = NULL, *val = "";
    if (kind == sizeof KIND / sizeof *KIND)
        field = "kind", val = f[C_KIND], bad = "must be section, heading, count, ratio, rate or score";
    else if (!*f[C_APPENDIX] || !*f[C_LABEL])
        field = !*f[C_APPENDIX] ? "appendix" : "label", bad = "is empty";
    for (int k = 0; !bad && k < 4; k++)
        if (stat_cell(f[C_PREV + k], fig[k]) < 0)
            field = COLUMN[C_PREV + k], val = f[C_PREV + k], bad = "must be a number >= 0, \"-\" or empty";
    if (!bad) {
        r->kind = (stat_kind)kind;
        field = "figures:", bad = check_row(r);
    }
    if (bad) {
        unit_error(un, "%s:%d: unit \"%s\", row %s: %s %s%s%s%s", sr->path, row->line, f[C_UNIT], f[C_STT],
                   field, *val ? "\"" : "", val, *val ? "\" " : "", bad);
        return 0;
    }
    if (!sr->first)
        sr->first = un;
    const stat_row *same = un != sr->first && un->nstats < sr->first->nstats ? &sr->first->stats[un->nstats]
                                                                           : NULL;
    r->appendix = row_text(sr->ns, f[C_APPENDIX], same ? same->appendix : NULL);
    r->stt = row_text(sr->ns, f[C_STT], same ? same->stt : NULL);
    r->label = row_text(sr->ns, f[C_LABEL], same ? same->label : NULL);
    un->nstats++;
    return 0;
}

static int load_statistics(notice_set *ns, const dataset *ds, const char *path, diag *d)
{
    csv c;
    unit_index idx;
    unit_index_of(&idx, ds->units, ds->nunits);
    stats_reading sr = {ns, ds, &idx, path, {0}, NULL, d};
    for (int k = 0; k < C_N; k++)
        sr.col[k] = -1;
    int rc = csv_each_row(&c, path, ENC_AUTO, stats_row, &sr, d);
    csv_free(&c);
    unit_index_free(&idx);
    if (rc < 0)
        return -1;
    if (sr.col[0] < 0)
        return diag_set(d, "csv-header", "%s:1: no column \"%s\"", path, COLUMN[0]);
    for (size_t u = 0; u < ns->n; u++) {
        unit_notice *un = &ns->units[u];
        if (!un->nstats)
            unit_error(un, "%s: unit \"%s\": no statistics rows", path, ds->units[u].name);
        else    /* grow() doubled the array: give back the unused end */
            un->stats = xrealloc(un->stats, (un->cap = un->nstats) * sizeof *un->stats);
    }
    check_layout(ns, ds, path);
    return 0;
}

/* A file named in report.json, relative to its directory. */
static int load_relative(notice_set *ns, const dataset *ds, const char *rel, const char *name,
                         int (*load)(notice_set *, const dataset *, const char *, diag *), diag *d)
{
    char *path = input_path(ds->dir, rel);
    int rc = load(ns, ds, path, d);
    if (rc < 0 && d && !*d->file)   /* an error of that file, not of report.json */
        diag_at(d, path, 0, 0);
    if (rc < 0 && name)
        diag_rename(d, path, name);
    free(path);
    return rc;
}

int input_notices(notice_set *ns, const dataset *ds, json_t *o, diag *d)
{
    memset(ns, 0, sizeof *ns);
    char *date_s = NULL, *units = NULL, *stats = NULL, *units_name = NULL, *stats_name = NULL;
    int rc = -1;
    ns->n = ds->nunits;
    ns->units = xcalloc(ds->nunits ? ds->nunits : 1, sizeof *ns->units);
    if (!json_is_object(o)) {
        diag_set(d, "no-notices", "%s: no \"notices\" object: nothing says how to write the units' notices",
                 ds->path);
        goto out;
    }
    if (jsonin_str(o, ds->path, "notices", "template", 1, &ns->template_name, d) < 0 ||
        jsonin_str(o, ds->path, "notices", "subject", 1, &ns->subject, d) < 0 ||
        jsonin_str(o, ds->path, "notices", "notation", 1, &ns->notation, d) < 0 ||
        jsonin_str(o, ds->path, "notices", "number", 0, &ns->number, d) < 0 ||
        jsonin_str(o, ds->path, "notices", "date", 1, &date_s, d) < 0 ||
        jsonin_file(o, ds->path, "notices", "units", 0, &units, &units_name, d) < 0 ||
        jsonin_file(o, ds->path, "notices", "statistics", 0, &stats, &stats_name, d) < 0 ||
        jsonin_strv(o, ds->path, "notices", "recipients", 1, &ns->recipients, &ns->nrecipients, d) < 0 ||
        jsonin_strv(o, ds->path, "notices", "addressees", 0, &ns->addressees, &ns->naddressees, d) < 0)
        goto out;
    if (input_date(date_s, &ns->date) < 0) {
        diag_set(d, "json-date", "%s: notices.date: \"%s\" is not a date (YYYY-MM-DD)", ds->path, date_s);
        goto out;
    }
    if (!ns->number)
        ns->number = xstrdup("");
    if (units) {
        if (load_relative(ns, ds, units, units_name, load_units, d) < 0)
            goto out;
        for (size_t u = 0; u < ns->n; u++)
            if (!ns->units[u].has_issuer)
                unit_error(&ns->units[u], "%s: unit \"%s\" is not listed in %s", ds->path, ds->units[u].name,
                           units_name ? units_name : units);
    }
    if (stats && load_relative(ns, ds, stats, stats_name, load_statistics, d) < 0)
        goto out;
    rc = 0;
out:
    free(date_s);
    free(units);
    free(stats);
    free(units_name);
    free(stats_name);
    if (rc < 0)
        notice_set_free(ns);
    return rc;
}
