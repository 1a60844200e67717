/* unitmatch.c — matching the previous period's units (see unitmatch.h). */
#include "unitmatch.h"
#include "jsonin.h"
#include "sbuf.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* A sorted table of keys (names by text_key, or codes) → unit index, so
 * that matching stays O(n log n) for thousands of units. */
typedef struct keyed {
    char *key;
    size_t i;
} keyed;

static int by_key(const void *a, const void *b) { return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key); }

enum { BY_KEY, BY_CODE, BY_NAME };

static keyed *table_make(const dataset *ds, int by, size_t *n)
{
    keyed *t = xcalloc(ds->nunits + 1, sizeof *t);
    *n = 0;
    for (size_t i = 0; i < ds->nunits; i++) {
        const unit *u = &ds->units[i];
        if (by == BY_CODE && !u->code)
            continue;
        t[*n].key = by == BY_CODE ? xstrdup(u->code) : by == BY_NAME ? xstrdup(u->name) : text_key(u->name);
        t[(*n)++].i = i;
    }
    qsort(t, *n, sizeof *t, by_key);
    return t;
}

static long table_find(const keyed *t, size_t n, const char *key)
{
    keyed k = {(char *)key, 0};
    const keyed *hit = key ? bsearch(&k, t, n, sizeof *t, by_key) : NULL;
    return hit ? (long)hit->i : -1;
}

static void table_free(keyed *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(t[i].key);
    free(t);
}

/* The line of report.json that a link starts on (its key: the old name of
 * a rename, the new unit of a merger), looked up only for a message. */
static int link_line(const char *file, const unit_link *ln)
{
    return jsonin_line_of(file, ln->merged ? ln->now : ln->old[0]);
}

/* The link whose old names include key (index into ds->links), or -1. */
static long link_of_old(const dataset *ds, const char *key)
{
    long found = -1;
    for (size_t l = 0; l < ds->nlinks && found < 0; l++)
        for (size_t k = 0; k < ds->links[l].nold && found < 0; k++) {
            char *ok = text_key(ds->links[l].old[k]);
            if (!strcmp(ok, key))
                found = (long)l;
            free(ok);
        }
    return found;
}

int unit_links_check(const dataset *ds, const char *file, diag *d)
{
    size_t nk;
    keyed *keys = table_make(ds, BY_KEY, &nk);
    int rc = 0;
    for (size_t l = 0; l < ds->nlinks && rc == 0; l++) {
        const unit_link *ln = &ds->links[l];
        char *key = text_key(ln->now);
        if (table_find(keys, nk, key) < 0)
            rc = diag_set(d, "unit-link", "%s:%d: %s: \"%s\" is not a unit of %s", file, link_line(file, ln),
                          ln->merged ? "merged" : "renamed", ln->now, ds->scores_name);
        /* A cycle: following old → now from this link comes back to it. */
        long at = (long)l;
        for (size_t steps = 0; rc == 0 && steps <= ds->nlinks; steps++) {
            at = link_of_old(ds, key);
            if (at < 0)
                break;
            if (at == (long)l) {
                rc = diag_set(d, "unit-link-cycle", "%s:%d: %s: \"%s\" leads back to itself through the "
                              "renamed/merged links", file, link_line(file, ln), ln->merged ? "merged" : "renamed", ln->now);
                break;
            }
            free(key);
            key = text_key(ds->links[at].now);
        }
        free(key);
    }
    table_free(keys, nk);
    return rc;
}

static void take(dataset *ds, size_t u, unit *row)
{
    unit *un = &ds->units[u];
    un->prev = row->cells;
    un->prev_total = row->total;
    un->prev_row = row->row;
    row->cells = NULL;
    if (strcmp(un->name, row->name))
        un->prev_name = xstrdup(row->name);
}

int unit_match_previous(dataset *ds, unit *rows, size_t n, const char *path, diag *d)
{
    size_t nk, nc, nn;
    keyed *keys = table_make(ds, BY_KEY, &nk), *codes = table_make(ds, BY_CODE, &nc),
          *names = table_make(ds, BY_NAME, &nn);
    int rc = 0;
    for (size_t r = 0; r < n && rc == 0; r++) {
        char *key = text_key(rows[r].name);
        long u = table_find(codes, nc, rows[r].code), l = -1;
        if (u < 0 && (l = ds->nlinks ? link_of_old(ds, key) : -1) >= 0) {
            char *nk2 = text_key(ds->links[l].now);
            u = table_find(keys, nk, nk2);
            free(nk2);
            if (ds->links[l].merged) {
                unit *un = &ds->units[u];
                un->merged_from = xrealloc(un->merged_from, (un->nmerged_from + 1) * sizeof *un->merged_from);
                un->merged_from[un->nmerged_from++] = xstrdup(rows[r].name);
                u = -2;   /* taken, without figures */
            }
        }
        /* A unit with a code is matched by code only; by name when either
         * lacks one: the same name first, then the same key (two units may
         * differ only in case: each keeps its own row). */
        if (u == -1 && l < 0) {
            u = table_find(names, nn, rows[r].name);
            if (u < 0 || ds->units[u].prev)
                u = table_find(keys, nk, key);
            if (u >= 0 && ds->units[u].code && rows[r].code)
                u = -1;
        }
        free(key);
        if (u >= 0 && ds->units[u].prev)
            rc = diag_set(d, "unit-duplicate", "%s:%d: unit \"%s\" is the same unit as line %d (\"%s\") of "
                          "this file", path, rows[r].row, rows[r].name, ds->units[u].prev_row,
                          ds->units[u].prev_name ? ds->units[u].prev_name : ds->units[u].name);
        else if (u >= 0)
            take(ds, (size_t)u, &rows[r]);
        else if (u == -1) {
            ds->gone = xrealloc(ds->gone, (ds->ngone + 1) * sizeof *ds->gone);
            ds->gone[ds->ngone++] = (gone_unit){xstrdup(rows[r].name), rows[r].row};
        }
    }
    /* Every old name of a link must be a row of the previous file. */
    for (size_t l = 0; l < ds->nlinks && rc == 0; l++) {
        const unit_link *ln = &ds->links[l];
        for (size_t k = 0; k < ln->nold && rc == 0; k++) {
            char *ok = text_key(ln->old[k]);
            size_t r = 0;
            while (r < n) {
                char *rk = text_key(rows[r].name);
                int eq = !strcmp(rk, ok);
                free(rk);
                if (eq)
                    break;
                r++;
            }
            free(ok);
            if (r == n)
                rc = diag_set(d, "unit-link", "%s:%d: %s: \"%s\" is not a unit of %s", ds->path, link_line(ds->path, ln),
                              ln->merged ? "merged" : "renamed", ln->old[k], path);
        }
    }
    table_free(keys, nk);
    table_free(codes, nc);
    table_free(names, nn);
    return rc;
}

long unit_suggest(const char *name, const char *const *names, size_t n)
{
    char *a = text_fold(name);
    size_t len = strlen(a);
    /* A slip of a letter or two, and at most a quarter of the name. */
    size_t limit = len / 4 < 1 ? 1 : len / 4 > 3 ? 3 : len / 4;
    long best = -1;
    size_t bestd = limit + 1;
    for (size_t i = 0; i < n; i++) {
        char *b = text_fold(names[i]);
        size_t dist = text_distance(a, b, limit);
        if (dist < bestd)
            bestd = dist, best = (long)i;
        free(b);
    }
    free(a);
    return best;
}
