/* facts.c — the value tree a report's templates read. */
#include "facts.h"
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Small setters: a map entry from a C value; NULL strings become null so
 * that templates can test for them. */
static void set_str(value *m, const char *key, const char *s)
{
    value_map_set(m, key, s ? value_string(s) : value_null());
}

static void set_int(value *m, const char *key, long n)
{
    value_map_set(m, key, value_number(DEC_INT(n)));
}

static void set_strv(value *m, const char *key, char *const *v, size_t n)
{
    value *l = value_map_set(m, key, value_list());
    for (size_t i = 0; i < n; i++)
        value_list_push(l, value_string(v[i]));
}

/* "2024-03" (day 0) or "2024-03-05": the form the date formatters read. */
static void set_date(value *m, const char *key, int y, int mo, int d)
{
    char buf[32];
    if (d)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    else
        snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
    set_str(m, key, buf);
}

value *facts_common(const dataset *ds, const doc_meta *m)
{
    value *f = value_map();
    const issuer *is = &m->issuer;

    value *dv = value_map_set(f, "document", value_map());
    set_str(dv, "type", m->type);
    set_str(dv, "type_code", m->type_code);
    set_str(dv, "number", m->number);
    set_str(dv, "notation", m->notation);
    sbuf code = {0};
    sbuf_printf(&code, "%s/%s", m->number, m->notation);
    set_str(dv, "code", code.s);
    sbuf_free(&code);
    set_str(dv, "place", is->place);
    set_date(dv, "date", m->date.year, m->date.month, m->date.day);
    set_str(dv, "subject", m->subject);

    value *ag = value_map_set(f, "agency", value_map());
    set_str(ag, "name", is->name);
    set_str(ag, "full_name", is->full_name);
    set_str(ag, "locality", is->locality);
    set_str(ag, "parent", is->parent);

    value *per = value_map_set(f, "period", value_map());
    set_int(per, "month", ds->period_month);
    set_int(per, "year", ds->period_year);
    set_date(per, "date", ds->period_year, ds->period_month, 0);
    int pm = ds->period_month == 1 ? 12 : ds->period_month - 1;
    set_date(per, "previous", ds->period_month == 1 ? ds->period_year - 1 : ds->period_year, pm, 0);

    value *sg = value_map_set(f, "signer", value_map());
    set_str(sg, "name", is->signer.name);
    set_str(sg, "position", is->signer.position);

    value *sch = value_map_set(f, "scheme", value_map());
    set_str(sch, "title", ds->scheme.title);
    set_str(sch, "legal_basis", ds->scheme.legal_basis);
    set_str(sch, "na_note", ds->scheme.na_note);
    set_int(f, "scale", ds->scale);
    set_strv(f, "addressees", m->addressees, m->naddressees);
    value_map_set(f, "has_previous", value_bool(ds->has_previous));
    return f;
}

void facts_identity(value *m, const dataset *ds, const unit *u)
{
    set_str(m, "prev_name", u->prev_name);
    value *mf = value_map_set(m, "merged_from", value_map());
    set_int(mf, "count", (long)u->nmerged_from);
    set_strv(mf, "names", u->merged_from, u->nmerged_from);
    /* In the previous period's file under no name: a comparison is impossible. */
    value_map_set(m, "new", value_bool(ds->has_previous && !u->prev && !u->nmerged_from));
}

/* The name a unit goes by in running text. */
static const char *text_name(const unit *u)
{
    return u->long_name ? u->long_name : u->name;
}

/* A named list of units: its count, the names in table order, and the
 * grouped form the seeds write ("UBND các xã: Hua Thanh, Hẹ Muông" when
 * every unit is of one kind, the full names otherwise). */
typedef struct unit_list {
    size_t *idx;
    size_t n;
} unit_list;

static const unit_kind *kind_of(const dataset *ds, const char *name)
{
    for (size_t k = 0; k < ds->nkinds; k++)
        if (!strncmp(name, ds->kinds[k].prefix, strlen(ds->kinds[k].prefix)))
            return &ds->kinds[k];
    return NULL;
}

/* Appends the names of idx[0..n) (one section's units) in the grouped
 * form: "UBND các xã: A, B" when all are of one kind, else full names. */
static void put_grouped(sbuf *b, const dataset *ds, const size_t *idx, size_t n)
{
    const unit_kind *kind = n >= 2 ? kind_of(ds, ds->units[idx[0]].name) : NULL;
    for (size_t i = 1; i < n && kind; i++)
        if (kind_of(ds, ds->units[idx[i]].name) != kind)
            kind = NULL;
    if (kind)
        sbuf_printf(b, "%s: ", kind->plural);
    for (size_t i = 0; i < n; i++) {
        const unit *u = &ds->units[idx[i]];
        sbuf_printf(b, "%s%s", i ? ", " : "", kind ? u->name + strlen(kind->prefix) : text_name(u));
    }
}

/* A list of units (in table order): {count, names, grouped}. A list that
 * spans sections is grouped section by section, the parts joined by "; ". */
static value *list_value(const dataset *ds, const size_t *idx, size_t n)
{
    value *m = value_map();
    set_int(m, "count", (long)n);
    value *names = value_map_set(m, "names", value_list());
    sbuf b = {0};
    for (size_t i = 0, start = 0; i < n; i++) {
        value_list_push(names, value_string(text_name(&ds->units[idx[i]])));
        if (i + 1 == n || ds->units[idx[i + 1]].section != ds->units[idx[start]].section) {
            if (start)
                sbuf_puts(&b, "; ");
            put_grouped(&b, ds, idx + start, i + 1 - start);
            start = i + 1;
        }
    }
    set_str(m, "grouped", sbuf_str(&b));
    sbuf_free(&b);
    return m;
}

static void push(unit_list *l, size_t i)
{
    l->idx = xrealloc(l->idx, (l->n + 1) * sizeof *l->idx);
    l->idx[l->n++] = i;
}

static void set_list(value *m, const char *key, const dataset *ds, unit_list *l)
{
    value_map_set(m, key, list_value(ds, l->idx, l->n));
    free(l->idx);
    *l = (unit_list){0};
}

static void set_dec(value *m, const char *key, dec v)
{
    value_map_set(m, key, value_number(v));
}

/* One period's result of a unit. */
static value *period_value(const dataset *ds, const period_score *p)
{
    if (!p->scored)
        return value_null();
    value *m = value_map();
    set_dec(m, "achieved", p->achieved);
    set_dec(m, "max", p->max);
    set_dec(m, "converted", p->converted);
    set_str(m, "rating", p->rating >= 0 ? ds->scheme.ratings[p->rating].name : NULL);
    set_int(m, "rank", p->rank);
    return m;
}

/* Does the unit take part in indicator i this period? */
static int applies(const unit *u, size_t i)
{
    return u->cells[i].state == CELL_VALUE;
}

static value *unit_value(const dataset *ds, const scoring *sc, size_t u)
{
    const unit *un = &ds->units[u];
    const unit_score *us = &sc->units[u];
    const scheme *s = &ds->scheme;
    value *m = value_map();
    set_str(m, "name", un->name);
    set_str(m, "text_name", text_name(un));
    set_str(m, "section", ds->sections[un->section].id);
    facts_identity(m, ds, un);
    value_map_set(m, "now", period_value(ds, &us->now));
    value_map_set(m, "prev", period_value(ds, &us->prev));
    set_int(m, "at_max", us->at_max);
    set_int(m, "applicable", us->applicable);
    int both = us->now.scored && us->prev.scored;
    value_map_set(m, "change", both ? value_number(us->now.achieved - us->prev.achieved) : value_null());
    value_map_set(m, "rank_change", both ? value_number(DEC_INT(us->rank_change)) : value_null());
    value *dl = value_map_set(m, "decreases", value_list());
    for (size_t i = 0; i < s->nindicators; i++) {
        int known;
        dec ch = score_change(un, i, &known);
        if (!known || ch >= 0 || s->indicators[i].informational)
            continue;
        value *e = value_list_push(dl, value_map());
        set_str(e, "indicator", s->indicators[i].name);
        set_str(e, "label", s->indicators[i].label);
        set_dec(e, "amount", -ch);
    }
    return m;
}

/* Per class: the scored units of one section (or all: sec < 0) in it. */
static value *classes_value(const dataset *ds, const scoring *sc, long sec, value **all_one)
{
    const scheme *s = &ds->scheme;
    value *l = value_list();
    size_t scored = 0, nonempty = 0;
    const char *label = NULL;
    for (size_t r = 0; r < s->nratings; r++) {
        unit_list ul = {0};
        for (size_t u = 0; u < ds->nunits; u++)
            if ((sec < 0 || ds->units[u].section == (size_t)sec) && sc->units[u].now.scored &&
                sc->units[u].now.rating == (int)r)
                push(&ul, u);
        scored += ul.n;
        if (!ul.n) {
            free(ul.idx);
            continue;
        }
        nonempty++;
        label = s->ratings[r].name;
        value *c = value_list_push(l, list_value(ds, ul.idx, ul.n));
        set_str(c, "label", s->ratings[r].name);
        set_str(c, "abbr", s->ratings[r].abbr);
        free(ul.idx);
    }
    if (nonempty != 1) {
        *all_one = value_null();
    } else {
        *all_one = value_map();
        set_str(*all_one, "label", label);
        set_int(*all_one, "count", (long)scored);
    }
    return l;
}

static value *section_value(const dataset *ds, const scoring *sc, size_t k)
{
    const section *se = &ds->sections[k];
    const section_score *ss = &sc->sections[k];
    value *m = value_map();
    set_str(m, "id", se->id);
    set_str(m, "title", se->title);
    set_str(m, "heading", se->heading);
    set_str(m, "unit_noun", se->unit_noun);
    set_int(m, "scored", (long)ss->scored);
    set_int(m, "expected", (long)ss->expected);
    set_int(m, "units", (long)ss->units);
    value *one = NULL;
    value_map_set(m, "classes", classes_value(ds, sc, (long)k, &one));
    value_map_set(m, "all_one_class", one);
    /* A section of one unit is reported as a sentence about that unit. */
    size_t single = 0;
    while (ss->units == 1 && ds->units[single].section != k)
        single++;
    value_map_set(m, "single", ss->units == 1 ? unit_value(ds, sc, single) : value_null());
    /* First and last by rank within the section (schemes without classes
     * report these instead). */
    long best = -1, worst = -1;
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit_score *us = &sc->units[u];
        if (ds->units[u].section != k || !us->now.scored)
            continue;
        if (best < 0 || us->section_rank < sc->units[best].section_rank)
            best = (long)u;
        if (worst < 0 || us->section_rank > sc->units[worst].section_rank)
            worst = (long)u;
    }
    value_map_set(m, "best", best >= 0 ? unit_value(ds, sc, (size_t)best) : value_null());
    value_map_set(m, "worst", worst >= 0 ? unit_value(ds, sc, (size_t)worst) : value_null());
    unit_list none = {0};
    for (size_t u = 0; u < ds->nunits; u++)
        if (ds->units[u].section == k && !sc->units[u].now.scored)
            push(&none, u);
    set_list(m, "not_scored", ds, &none);
    return m;
}

/* Per indicator: who has not done it (0), who is below half of its
 * maximum, who is below the maximum, who fell since last period. Only
 * indicators some unit takes part in are listed. */
static value *indicator_value(const dataset *ds, size_t i)
{
    const scheme *s = &ds->scheme;
    const indicator *in = &s->indicators[i];
    unit_list zero = {0}, half = {0}, below = {0}, applicable = {0};
    value *m = value_map();
    set_str(m, "id", in->id);
    set_str(m, "label", in->label);
    set_str(m, "name", in->name);
    set_str(m, "group", s->groups[in->group].name);
    set_dec(m, "max", in->max);
    value_map_set(m, "is_progress", value_bool(in->progress));
    value *dl = value_map_set(m, "decreases", value_list());
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit *un = &ds->units[u];
        if (!applies(un, i))
            continue;
        dec v = un->cells[i].value;
        push(&applicable, u);
        if (v == 0)
            push(&zero, u);
        else if (v * 2 < in->max)
            push(&half, u);
        if (v < in->max)
            push(&below, u);
        int known;
        dec ch = score_change(un, i, &known);
        if (known && ch < 0) {
            value *e = value_list_push(dl, value_map());
            set_str(e, "unit", text_name(un));
            set_dec(e, "amount", -ch);
        }
    }
    value_map_set(m, "all_at_max", value_bool(applicable.n && !below.n));
    set_int(m, "fell_count", (long)dl->u.list.n);
    /* Shortfalls other than overdue files, which templates report apart. */
    set_int(m, "shortfall", in->progress ? 0 : (long)(zero.n + half.n));
    set_list(m, "applicable", ds, &applicable);
    set_list(m, "zero", ds, &zero);
    set_list(m, "below_half", ds, &half);
    set_list(m, "below_max", ds, &below);
    return m;
}

value *facts_report(const dataset *ds, const doc_meta *m, const scoring *sc)
{
    value *f = facts_common(ds, m);
    const scheme *s = &ds->scheme;
    value_map_set(f, "has_ratings", value_bool(s->nratings > 0));

    size_t scored = 0, expected = 0;
    value *secs = value_map_set(f, "sections", value_list());
    for (size_t k = 0; k < ds->nsections; k++) {
        value_list_push(secs, section_value(ds, sc, k));
        scored += sc->sections[k].scored;
        expected += sc->sections[k].expected;
    }
    set_int(f, "scored", (long)scored);
    set_int(f, "expected", (long)expected);
    value *one = NULL;
    value_map_set(f, "classes", classes_value(ds, sc, -1, &one));
    value_map_set(f, "all_one_class", one);

    value *units = value_map_set(f, "units", value_list());
    unit_list fell = {0};
    for (size_t o = 0; o < ds->nunits; o++) {
        size_t u = sc->order[o];
        value_list_push(units, unit_value(ds, sc, u));
        const unit_score *us = &sc->units[u];
        if (us->now.scored && us->prev.scored && us->now.achieved < us->prev.achieved)
            push(&fell, u);
    }
    /* "tuy vẫn đạt ở mức xuất sắc": the class the fallen units share, if one. */
    int shared = fell.n ? sc->units[fell.idx[0]].now.rating : -1;
    for (size_t i = 1; i < fell.n; i++)
        if (sc->units[fell.idx[i]].now.rating != shared)
            shared = -1;
    value *fv = value_map_set(f, "fell", list_value(ds, fell.idx, fell.n));
    set_str(fv, "same_class", shared >= 0 ? s->ratings[shared].name : NULL);
    value *fl = value_map_set(fv, "units", value_list());
    for (size_t i = 0; i < fell.n; i++)
        value_list_push(fl, unit_value(ds, sc, fell.idx[i]));
    free(fell.idx);

    /* The best unit: first in rank, with how many indicators at maximum. */
    size_t best = 0;
    while (best < ds->nunits && !(sc->units[best].now.scored && sc->units[best].now.rank == 1))
        best++;
    value_map_set(f, "best", best < ds->nunits ? unit_value(ds, sc, best) : value_null());

    /* Indicators some unit takes part in, flat and under their groups. */
    value *inds = value_map_set(f, "indicators", value_list());
    value *groups = value_map_set(f, "groups", value_list());
    value *progress = value_null();
    value *fullm = value_map_set(f, "full_marks", value_map()), *declm = value_map_set(f, "declined", value_map());
    value *full = value_map_set(fullm, "names", value_list()), *declined = value_map_set(declm, "names", value_list());
    for (size_t g = 0; g < s->ngroups; g++) {
        const indicator_group *grp = &s->groups[g];
        value *gv = NULL, *gl = NULL, *maxed = value_list();
        long shortfall = 0;
        int whole = 1;
        for (size_t i = grp->first; i < grp->first + grp->count; i++) {
            int any = 0;
            for (size_t u = 0; u < ds->nunits && !any; u++)
                any = applies(&ds->units[u], i);
            if (!any || s->indicators[i].informational)
                continue;
            if (!gv) {
                gv = value_list_push(groups, value_map());
                set_str(gv, "label", grp->label);
                set_str(gv, "name", grp->name);
                value_map_set(gv, "single", value_bool(grp->count == 1));
                gl = value_map_set(gv, "indicators", value_list());
            }
            const value *iv = value_list_push(gl, indicator_value(ds, i));
            value_list_push(inds, value_copy(iv));
            shortfall += (long)(value_get(iv, "shortfall")->u.number / DEC_SCALE);
            if (value_truthy(value_get(iv, "all_at_max")))
                value_list_push(maxed, value_string(s->indicators[i].name));
            else
                whole = 0;
            if (value_truthy(value_get(iv, "fell_count")))
                value_list_push(declined, value_string(s->indicators[i].name));
            if (s->indicators[i].progress && progress->kind == VALUE_NULL) {
                value_free(progress);
                progress = value_copy(iv);
            }
        }
        if (gv)
            set_int(gv, "shortfall", shortfall);
        /* "full marks": a whole group when every unit has all of it, else its
         * named indicators that every unit has in full. */
        if (gv && whole)
            value_list_push(full, value_string(grp->name));
        for (size_t k = 0; gv && !whole && k < maxed->u.list.n; k++)
            value_list_push(full, value_string(maxed->u.list.items[k]->u.string));
        value_free(maxed);
    }
    value_map_set(f, "progress", progress);
    set_int(fullm, "count", (long)full->u.list.n);
    set_int(declm, "count", (long)declined->u.list.n);
    return f;
}
