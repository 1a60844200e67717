/* facts.c — the value tree a report's templates read. */
#include "facts.h"
#include "sbuf.h"
#include "text.h"

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

/* One period as templates see it: its kind, number and year, a key per
 * kind (the number or null; true or false) for the wording to test, the
 * months it covers and the last of them as "2024-06". Its words ("text",
 * "short") come later from facts_words. */
static value *period_map(const period *p)
{
    static const period_kind numbered[] = {PERIOD_MONTH, PERIOD_QUARTER, PERIOD_HALF};
    value *v = value_map();
    set_str(v, "kind", period_kind_name(p->kind));
    value_map_set(v, "number", p->number ? value_number(DEC_INT(p->number)) : value_null());
    set_int(v, "year", p->year);
    for (size_t i = 0; i < sizeof numbered / sizeof *numbered; i++)
        value_map_set(v, period_kind_name(numbered[i]),
                      p->kind == numbered[i] ? value_number(DEC_INT(p->number)) : value_null());
    value_map_set(v, "first_half", value_bool(p->kind == PERIOD_HALF && p->number == 1));
    value_map_set(v, "second_half", value_bool(p->kind == PERIOD_HALF && p->number == 2));
    value_map_set(v, "nine_months", value_bool(p->kind == PERIOD_NINE_MONTHS));
    value_map_set(v, "whole_year", value_bool(p->kind == PERIOD_YEAR));
    set_int(v, "first_month", period_first_month(p));
    set_int(v, "last_month", period_last_month(p));
    set_date(v, "date", p->year, period_last_month(p), 0);
    return v;
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

    value *per = value_map_set(f, "period", period_map(&ds->period));
    period prev = period_previous(&ds->period), before = period_year_before(&ds->period);
    value_map_set(per, "previous", period_map(&prev));
    value_map_set(per, "year_before", period_map(&before));

    value *sg = value_map_set(f, "signer", value_map());
    set_str(sg, "name", is->signer.name);
    set_str(sg, "position", is->signer.position);

    value *sch = value_map_set(f, "scheme", value_map());
    set_str(sch, "title", ds->scheme.title);
    set_str(sch, "legal_basis", ds->scheme.legal_basis);
    set_str(sch, "na_note", ds->scheme.na_note);
    set_str(sch, "indicator_noun", ds->scheme.indicator_noun);
    /* null: the scheme prints totals as points, nothing is converted. */
    value_map_set(f, "scale", ds->scale ? value_number(DEC_INT(ds->scale)) : value_null());
    set_strv(f, "addressees", m->addressees, m->naddressees);
    value_map_set(f, "has_previous", value_bool(ds->has_previous));
    return f;
}

/* The two texts of templates/ky-bao-cao.tpl for one period map: its
 * phrase ("Quý II năm 2021") and its short form ("Quý II/2021"). */
static int period_words(value *per, const tmpl_set *t, diag *d)
{
    char *w[2] = {0};
    if (tmpl_render_texts(t, PERIOD_TEMPLATE, per, 2, w, d) < 0)
        return -1;
    value_map_set(per, "text", value_string(w[0]));
    value_map_set(per, "short", value_string(w[1]));
    free(w[0]);
    free(w[1]);
    return 0;
}

int facts_words(value *facts, doc_meta *m, const tmpl_set *t, diag *d)
{
    /* The maps facts_common made: value_get gives them read-only. */
    value *per = (value *)value_get(facts, "period");
    if (period_words((value *)value_get(per, "previous"), t, d) < 0 ||
        period_words((value *)value_get(per, "year_before"), t, d) < 0 || period_words(per, t, d) < 0)
        return -1;
    if (m->subject)
        return 0;
    char *subject;
    if (tmpl_render_texts(t, SUBJECT_TEMPLATE, facts, 1, &subject, d) < 0)
        return -1;
    m->subject = subject;
    set_str((value *)value_get(facts, "document"), "subject", subject);
    return 0;
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

static const unit_kind *kind_of(const dataset *ds, const char *name)
{
    for (size_t k = 0; k < ds->nkinds; k++)
        if (!strncmp(name, ds->kinds[k].prefix, strlen(ds->kinds[k].prefix)))
            return &ds->kinds[k];
    return NULL;
}

/* A unit's name after its kind's prefix ("Bảo Cường" of "Xã Bảo Cường"). */
static const char *after_kind(const unit_kind *k, const char *name)
{
    name += strlen(k->prefix);
    while (*name == ' ')
        name++;
    return name;
}

/* The name a unit goes by in running text: its long name, or its table
 * name with the kind word as written mid-sentence ("xã Bảo Cường" for the
 * table's "Xã Bảo Cường"). */
static void put_text_name(sbuf *b, const dataset *ds, const unit *u)
{
    const unit_kind *k = u->long_name ? NULL : kind_of(ds, u->name);
    if (u->long_name)
        sbuf_puts(b, u->long_name);
    else if (k && k->text)
        sbuf_printf(b, "%s %s", k->text, after_kind(k, u->name));
    else
        sbuf_puts(b, u->name);
}

static void set_text_name(value *m, const char *key, const dataset *ds, const unit *u)
{
    sbuf b = {0};
    put_text_name(&b, ds, u);
    set_str(m, key, sbuf_str(&b));
    sbuf_free(&b);
}

/* A class name as the template set writes it mid-sentence. */
static void set_class(value *m, const char *key, const dataset *ds, int r)
{
    if (r < 0) {
        set_str(m, key, NULL);
        return;
    }
    const char *name = ds->scheme.ratings[r].name;
    char *t = ds->style.class_lower ? text_case_first(name, 0) : NULL;
    set_str(m, key, t ? t : name);
    free(t);
}

/* A named list of units: its count, the names in table order, and the
 * grouped form ("UBND các xã Hua Thanh, Hẹ Muông" when every unit is of one
 * kind, the full names otherwise). */
typedef struct unit_list {
    size_t *idx;
    size_t n, cap;
} unit_list;

/* Linear in the units: a district of thousands must not take seconds here. */
static void push(unit_list *l, size_t i)
{
    *(size_t *)grow_push(&l->idx, &l->n, &l->cap, sizeof *l->idx) = i;
}

/* Appends the names of idx[0..n) (one section's units) in the grouped
 * form: "UBND các xã A, B" when all are of one kind, else full names. */
static void put_grouped(sbuf *b, const dataset *ds, const size_t *idx, size_t n)
{
    const unit_kind *kind = n >= 2 ? kind_of(ds, ds->units[idx[0]].name) : NULL;
    for (size_t i = 0; i < n && kind; i++)
        if (kind_of(ds, ds->units[idx[i]].name) != kind || ds->units[idx[i]].long_name)
            kind = NULL;
    if (kind)
        sbuf_printf(b, "%s ", kind->plural);
    for (size_t i = 0; i < n; i++) {
        const unit *u = &ds->units[idx[i]];
        sbuf_puts(b, i ? ", " : "");
        if (kind)
            sbuf_puts(b, after_kind(kind, u->name));
        else
            put_text_name(b, ds, u);
    }
}

/* A list of units (in table order): {count, names, grouped, several,
 * out_of, too_many, except}; out_of: the size of its population. A list that spans sections is grouped section by section, the
 * parts joined by "; ". too_many: more names than a sentence may hold
 * (style.max_names); except: then, the units of the population (pop, may
 * be NULL) not in the list, when they are few enough to name instead. */
static value *list_value(const dataset *ds, const size_t *idx, size_t n, const unit_list *pop)
{
    value *m = value_map();
    set_int(m, "count", (long)n);
    value *names = value_map_set(m, "names", value_list());
    sbuf b = {0};
    for (size_t i = 0, start = 0; i < n; i++) {
        sbuf one = {0};
        put_text_name(&one, ds, &ds->units[idx[i]]);
        value_list_push(names, value_string(sbuf_str(&one)));
        sbuf_free(&one);
        if (i + 1 == n || ds->units[idx[i + 1]].section != ds->units[idx[start]].section) {
            if (start)
                sbuf_puts(&b, "; ");
            put_grouped(&b, ds, idx + start, i + 1 - start);
            start = i + 1;
        }
    }
    set_str(m, "grouped", sbuf_str(&b));
    sbuf_free(&b);
    value_map_set(m, "several", value_bool(n > 1));
    value_map_set(m, "out_of", pop ? value_number(DEC_INT((long)pop->n)) : value_null());
    int too_many = n > (size_t)ds->style.max_names;
    value_map_set(m, "too_many", value_bool(too_many));
    unit_list rest = {0};
    char *listed = too_many && pop ? xcalloc(ds->nunits, 1) : NULL;
    for (size_t i = 0; listed && i < n; i++)
        listed[idx[i]] = 1;
    for (size_t i = 0; listed && i < pop->n; i++)
        if (!listed[pop->idx[i]])
            push(&rest, pop->idx[i]);
    free(listed);
    int named = rest.n && rest.n <= (size_t)ds->style.max_names;
    value_map_set(m, "except", named ? list_value(ds, rest.idx, rest.n, NULL) : value_null());
    free(rest.idx);
    return m;
}

static value *set_list(value *m, const char *key, const dataset *ds, unit_list *l, const unit_list *pop)
{
    value *v = value_map_set(m, key, list_value(ds, l->idx, l->n, pop));
    free(l->idx);
    *l = (unit_list){0};
    return v;
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
    set_class(m, "rating", ds, p->rating);
    set_int(m, "rank", p->rank);
    return m;
}

/* Does the unit take part in indicator i this period? */
static int applies(const unit *u, size_t i)
{
    return u->cells[i].state == CELL_VALUE;
}

/* A unit had no files this period when the scheme marks indicators that
 * count files and every one of them that applies to the unit is 0: those
 * zeros say nothing was filed, not that something was left undone. */
static int had_no_files(const dataset *ds, const unit *u)
{
    int any = 0;
    for (size_t i = 0; i < ds->scheme.nindicators; i++) {
        if (u->cells[i].state == CELL_NO_FILES) {   /* the scheme's marker says so outright */
            any = 1;
            continue;
        }
        if (!ds->scheme.indicators[i].files || !applies(u, i))
            continue;
        if (u->cells[i].value != 0)
            return 0;
        any = 1;
    }
    return any;
}

static value *unit_value(const dataset *ds, const scoring *sc, size_t u)
{
    const unit *un = &ds->units[u];
    const unit_score *us = &sc->units[u];
    const scheme *s = &ds->scheme;
    value *m = value_map();
    set_str(m, "name", un->name);
    set_text_name(m, "text_name", ds, un);
    set_str(m, "section", ds->sections[un->section].id);
    value_map_set(m, "section_rank", us->now.scored ? value_number(DEC_INT(us->section_rank)) : value_null());
    facts_identity(m, ds, un);
    value_map_set(m, "now", period_value(ds, &us->now));
    value_map_set(m, "not_reported", value_bool(un->status == STATUS_NOT_REPORTED));
    value_map_set(m, "not_assessed", un->status == STATUS_NOT_ASSESSED ? value_string(un->reason) : value_null());
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
    int label = -1;
    unit_list pop = {0};
    for (size_t u = 0; u < ds->nunits; u++)
        if ((sec < 0 || ds->units[u].section == (size_t)sec) && sc->units[u].now.scored)
            push(&pop, u);
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
        label = (int)r;
        value *c = value_list_push(l, list_value(ds, ul.idx, ul.n, &pop));
        set_class(c, "label", ds, (int)r);
        set_str(c, "abbr", s->ratings[r].abbr);
        free(ul.idx);
    }
    free(pop.idx);
    if (nonempty != 1) {
        *all_one = value_null();
    } else {
        *all_one = value_map();
        set_class(*all_one, "label", ds, label);
        set_int(*all_one, "count", (long)scored);
    }
    return l;
}

/* Units by status, of one section (or all: sec < 0): not_reported, a unit
 * list; not_assessed, one unit list per reason ({reason, count, names, …})
 * in the order the reasons first appear; not_assessed_count. */
static void add_statuses(value *m, const dataset *ds, long sec)
{
    unit_list nr = {0}, na = {0};
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit *un = &ds->units[u];
        if (sec >= 0 && un->section != (size_t)sec)
            continue;
        if (un->status == STATUS_NOT_REPORTED)
            push(&nr, u);
        else if (un->status == STATUS_NOT_ASSESSED)
            push(&na, u);
    }
    set_list(m, "not_reported", ds, &nr, NULL);
    set_int(m, "not_assessed_count", (long)na.n);
    value *by = value_map_set(m, "not_assessed", value_list());
    char *done = xcalloc(na.n + 1, 1);
    for (size_t i = 0; i < na.n; i++) {
        if (done[i])
            continue;
        const char *reason = ds->units[na.idx[i]].reason;
        unit_list same = {0};
        for (size_t j = i; j < na.n; j++)
            if (!done[j] && !strcmp(ds->units[na.idx[j]].reason, reason))
                push(&same, na.idx[j]), done[j] = 1;
        value *e = value_list_push(by, list_value(ds, same.idx, same.n, NULL));
        set_str(e, "reason", reason);
        free(same.idx);
    }
    free(done);
    free(na.idx);
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
    /* Every unit sharing the first and the last place (ties share a rank). */
    unit_list top = {0}, bottom = {0}, none = {0};
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit_score *us = &sc->units[u];
        if (ds->units[u].section != k)
            continue;
        if (!us->now.scored) {
            if (ds->units[u].status == STATUS_SCORED)   /* the others are listed by status */
                push(&none, u);
        } else if (us->section_rank == sc->units[best].section_rank)
            push(&top, u);
        else if (us->section_rank == sc->units[worst].section_rank)
            push(&bottom, u);
    }
    if (best >= 0)
        set_dec(set_list(m, "best_units", ds, &top, NULL), "converted", sc->units[best].now.converted);
    else
        value_map_set(m, "best_units", value_null());
    if (bottom.n)
        set_dec(set_list(m, "worst_units", ds, &bottom, NULL), "converted", sc->units[worst].now.converted);
    else
        value_map_set(m, "worst_units", value_null());
    set_list(m, "not_scored", ds, &none, NULL);
    add_statuses(m, ds, (long)k);
    return m;
}

/* Per indicator: who has not done it (0), who is below half of its
 * maximum, who is below the maximum, who fell since last period. Only
 * indicators some unit takes part in are listed. */
static value *indicator_value(const dataset *ds, size_t i)
{
    const scheme *s = &ds->scheme;
    const indicator *in = &s->indicators[i];
    unit_list zero = {0}, half = {0}, below = {0}, applicable = {0}, none = {0}, fell = {0};
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
        if (un->cells[i].state == CELL_NO_FILES)
            push(&none, u);   /* never "chưa thực hiện", whatever the scheme counts it as */
        if (!applies(un, i))
            continue;
        dec v = un->cells[i].value;
        push(&applicable, u);
        if (in->files && had_no_files(ds, un))
            push(&none, u);
        else if (v == 0)
            push(&zero, u);
        else if (v * 2 < in->max)
            push(&half, u);
        if (v < in->max && !(none.n && none.idx[none.n - 1] == u))   /* u was not just put in none */
            push(&below, u);
        int known;
        dec ch = score_change(un, i, &known);
        if (known && ch < 0) {
            push(&fell, u);
            value *e = value_list_push(dl, value_map());
            set_text_name(e, "unit", ds, un);
            set_dec(e, "amount", -ch);
        }
    }
    value_map_set(m, "all_at_max", value_bool(applicable.n && !below.n));
    set_int(m, "fell_count", (long)dl->u.list.n);
    /* Too many decreases to name: the largest one and who had it. */
    value_map_set(m, "fell_too_many", value_bool(fell.n > (size_t)ds->style.max_names));
    unit_list largest = {0};
    dec most = 0;
    for (size_t k = 0; k < fell.n; k++) {
        dec a = -score_change(&ds->units[fell.idx[k]], i, &(int){0});
        if (a > most)
            most = a, largest.n = 0;
        if (a == most)
            push(&largest, fell.idx[k]);
    }
    free(fell.idx);
    if (largest.n)
        set_dec(set_list(m, "largest_decrease", ds, &largest, NULL), "amount", most);
    else
        value_map_set(m, "largest_decrease", value_null());
    /* Shortfalls other than overdue files, which templates report apart. */
    set_int(m, "shortfall", in->progress ? 0 : (long)(zero.n + half.n));
    set_list(m, "zero", ds, &zero, &applicable);
    set_list(m, "below_half", ds, &half, &applicable);
    set_list(m, "below_max", ds, &below, &applicable);
    set_list(m, "no_files", ds, &none, &applicable);
    set_list(m, "applicable", ds, &applicable, NULL);
    return m;
}

static int same_names(const value *a, const value *b, const char *key)
{
    return !strcmp(value_get(value_get(a, key), "grouped")->u.string,
                   value_get(value_get(b, key), "grouped")->u.string);
}

/* A group's shortfalls, one entry per indicator, except that an indicator
 * with the same units at 0 and below half as the entry before joins it:
 * the same names are never written twice in a row. Returns the entry;
 * names is its list of indicator names, kept by the caller. */
static value *add_shortfall(value *list, value *last, value **names, const value *iv)
{
    const char *name = value_get(iv, "name")->u.string;
    if (last && same_names(last, iv, "zero") && same_names(last, iv, "below_half")) {
        value_list_push(*names, value_string(name));
        return last;
    }
    value *e = value_list_push(list, value_map());
    *names = value_map_set(e, "names", value_list());
    value_list_push(*names, value_string(name));
    value_map_set(e, "zero", value_copy(value_get(iv, "zero")));
    value_map_set(e, "below_half", value_copy(value_get(iv, "below_half")));
    return e;
}

/* Do two indicators' decreases name the same units, in the same order? */
static int same_fallen(const value *a, const value *b)
{
    if (a->u.list.n != b->u.list.n)
        return 0;
    for (size_t k = 0; k < a->u.list.n; k++)
        if (strcmp(value_get(a->u.list.items[k], "unit")->u.string, value_get(b->u.list.items[k], "unit")->u.string))
            return 0;
    return 1;
}

/* declines: the indicators some unit fell on, consecutive ones on which the
 * same units fell joined in one entry — {names, several, fell_count, fell_too_many,
 * largest_decrease, decreases: [{unit, amounts}]} — so that "xã Lay Nưa" is
 * written once for its two indicators ("giảm lần lượt 0,18 và 1,01 điểm"). */
static void add_declines(value *f, const value *inds)
{
    value *l = value_map_set(f, "declines", value_list());
    value *last = NULL, *names = NULL, **amounts = NULL;
    const value *last_dl = NULL;
    for (size_t i = 0; i < inds->u.list.n; i++) {
        const value *iv = inds->u.list.items[i];
        const value *dl = value_get(iv, "decreases");
        if (!dl->u.list.n)
            continue;
        int join = last && !value_truthy(value_get(iv, "fell_too_many")) &&
                   !value_truthy(value_get(last, "fell_too_many")) && same_fallen(last_dl, dl);
        if (!join) {
            last = value_list_push(l, value_map());
            names = value_map_set(last, "names", value_list());
            value_map_set(last, "fell_count", value_copy(value_get(iv, "fell_count")));
            value_map_set(last, "fell_too_many", value_copy(value_get(iv, "fell_too_many")));
            value_map_set(last, "largest_decrease", value_copy(value_get(iv, "largest_decrease")));
            value *ds = value_map_set(last, "decreases", value_list());
            amounts = xrealloc(amounts, dl->u.list.n * sizeof *amounts);
            for (size_t k = 0; k < dl->u.list.n; k++) {
                value *e = value_list_push(ds, value_map());
                set_str(e, "unit", value_get(dl->u.list.items[k], "unit")->u.string);
                amounts[k] = value_map_set(e, "amounts", value_list());
            }
        }
        last_dl = dl;
        value_list_push(names, value_string(value_get(iv, "name")->u.string));
        value_map_set(last, "several", value_bool(names->u.list.n > 1));
        for (size_t k = 0; k < dl->u.list.n; k++)
            value_list_push(amounts[k], value_copy(value_get(dl->u.list.items[k], "amount")));
    }
    free(amounts);
}

/* The class every unit of l shares, or -1. */
static int shared_class(const scoring *sc, const unit_list *l)
{
    int r = l->n ? sc->units[l->idx[0]].now.rating : -1;
    for (size_t i = 1; i < l->n; i++)
        if (sc->units[l->idx[i]].now.rating != r)
            r = -1;
    return r;
}

/* top: every unit ranked first (everyone: all scored units tie); most_at_max: every unit with the largest
 * share of its applicable indicators at their maximum (ties: the same
 * share and count), and whether they are the top units too. */
static void add_leaders(value *f, const dataset *ds, const scoring *sc)
{
    unit_list top = {0}, most = {0};
    for (size_t u = 0; u < ds->nunits; u++) {
        const unit_score *us = &sc->units[u];
        if (!us->now.scored)
            continue;
        if (us->now.rank == 1)
            push(&top, u);
        if (!us->applicable)
            continue;
        if (most.n) {
            const unit_score *m = &sc->units[most.idx[0]];
            long lhs = (long)us->at_max * m->applicable, rhs = (long)m->at_max * us->applicable;
            if (lhs < rhs || (lhs == rhs && us->at_max < m->at_max))
                continue;
            if (lhs > rhs || us->at_max > m->at_max)
                most.n = 0;
        }
        push(&most, u);
    }
    int same = top.n == most.n;   /* both in unit order */
    for (size_t i = 0; same && i < most.n; i++)
        same = top.idx[i] == most.idx[i];
    if (!top.n) {
        value_map_set(f, "top", value_null());
        value_map_set(f, "most_at_max", value_null());
        free(top.idx), free(most.idx);
        return;
    }
    int cls = shared_class(sc, &top);
    dec converted = sc->units[top.idx[0]].now.converted;
    size_t scored = 0;
    for (size_t u = 0; u < ds->nunits; u++)
        scored += sc->units[u].now.scored != 0;
    int everyone = top.n == scored;
    value *t = set_list(f, "top", ds, &top, NULL);
    value_map_set(t, "everyone", value_bool(everyone));
    set_dec(t, "converted", converted);
    set_class(t, "same_class", ds, cls);
    if (!most.n) {
        value_map_set(f, "most_at_max", value_null());
        free(most.idx);
        return;
    }
    const unit_score *m0 = &sc->units[most.idx[0]];
    cls = shared_class(sc, &most);
    long at_max = m0->at_max, applicable = m0->applicable;
    value *mv = set_list(f, "most_at_max", ds, &most, NULL);
    set_int(mv, "at_max", at_max);
    set_int(mv, "applicable", applicable);
    set_class(mv, "same_class", ds, cls);
    value_map_set(mv, "is_top", value_bool(same));
}

/* Who the report speaks to: agencies (units of no local-government kind)
 * and the local-government words present ("xã, phường"), so that the
 * boilerplate names only units the report has. */
static void add_audience(value *f, const dataset *ds)
{
    value *a = value_map_set(f, "audience", value_map());
    int agencies = 0;
    /* Words in the order of the kinds (xã before phường), each once. */
    const char **words = xcalloc(ds->nkinds + 1, sizeof *words);
    size_t nw = 0;
    for (size_t k = 0; k < ds->nkinds; k++) {
        const char *w = ds->kinds[k].local;
        int present = 0;
        for (size_t u = 0; w && u < ds->nunits && !present; u++)
            present = kind_of(ds, ds->units[u].name) == &ds->kinds[k];
        for (size_t j = 0; present && j < nw; j++)
            present = strcmp(words[j], w) != 0;
        if (present)
            words[nw++] = w;
    }
    for (size_t u = 0; u < ds->nunits && !agencies; u++) {
        const unit_kind *k = kind_of(ds, ds->units[u].name);
        agencies = !k || !k->local;
    }
    sbuf b = {0};
    for (size_t j = 0; j < nw; j++)
        sbuf_printf(&b, "%s%s", j ? ", " : "", words[j]);
    free(words);
    value_map_set(a, "agencies", value_bool(agencies));
    set_str(a, "local", nw ? sbuf_str(&b) : NULL);
    sbuf_free(&b);
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
    int shared = shared_class(sc, &fell);
    unit_list compared = {0};
    for (size_t u = 0; u < ds->nunits; u++)
        if (sc->units[u].now.scored && sc->units[u].prev.scored)
            push(&compared, u);
    value *fv = value_map_set(f, "fell", list_value(ds, fell.idx, fell.n, &compared));
    free(compared.idx);
    set_class(fv, "same_class", ds, shared);
    value *fl = value_map_set(fv, "units", value_list());
    for (size_t i = 0; i < fell.n; i++)
        value_list_push(fl, unit_value(ds, sc, fell.idx[i]));
    size_t nfell = fell.n;
    free(fell.idx);

    /* The best unit: first in rank, with how many indicators at maximum. */
    size_t best = 0;
    while (best < ds->nunits && !(sc->units[best].now.scored && sc->units[best].now.rank == 1))
        best++;
    value_map_set(f, "best", best < ds->nunits ? unit_value(ds, sc, best) : value_null());
    add_leaders(f, ds, sc);
    add_audience(f, ds);
    unit_list none = {0};
    for (size_t u = 0; u < ds->nunits; u++)
        if (had_no_files(ds, &ds->units[u]))
            push(&none, u);
    set_list(f, "no_files", ds, &none, NULL);
    add_statuses(f, ds, -1);

    /* Indicators some unit takes part in, flat and under their groups. */
    value *inds = value_map_set(f, "indicators", value_list());
    value *groups = value_map_set(f, "groups", value_list());
    value *progress = value_null();
    value *fullm = value_map_set(f, "full_marks", value_map()), *declm = value_map_set(f, "declined", value_map());
    value *full = value_map_set(fullm, "names", value_list()), *declined = value_map_set(declm, "names", value_list());
    long shortfalls = 0;
    for (size_t g = 0; g < s->ngroups; g++) {
        const indicator_group *grp = &s->groups[g];
        value *gv = NULL, *gl = NULL, *sl = NULL, *last = NULL, *lnames = NULL, *maxed = value_list();
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
                sl = value_map_set(gv, "shortfalls", value_list());
            }
            const value *iv = value_list_push(gl, indicator_value(ds, i));
            if (value_truthy(value_get(iv, "shortfall")))
                last = add_shortfall(sl, last, &lnames, iv);
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
        shortfalls += shortfall;
        /* "full marks": a whole group when every unit has all of it, else its
         * named indicators that every unit has in full. */
        if (gv && whole)
            value_list_push(full, value_string(grp->name));
        for (size_t k = 0; gv && !whole && k < maxed->u.list.n; k++)
            value_list_push(full, value_string(maxed->u.list.items[k]->u.string));
        value_free(maxed);
    }
    /* Whether "Tồn tại, hạn chế" has anything to say. */
    int overdue = progress->kind != VALUE_NULL && !value_truthy(value_get(progress, "all_at_max"));
    value_map_set(f, "has_shortcomings", value_bool(overdue || nfell || shortfalls));
    value_map_set(f, "progress", progress);
    add_declines(f, inds);
    set_int(fullm, "count", (long)full->u.list.n);
    set_int(declm, "count", (long)declined->u.list.n);
    return f;
}
