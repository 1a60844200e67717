/* score.c — exact scoring per the schemes' rules (see README, "Scoring"). */
#include "score.h"
#include "diag.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

int score_rating(const scheme *s, int scale, dec total, dec max)
{
    /* Percent thresholds: 90 means 90/100 and 9/10, or 90% of the maximum
     * without a scale. Compare total/base >= min/100 without division. */
    __int128 base = scale ? (__int128)scale * DEC_SCALE : max;
    for (size_t i = 0; i < s->nratings; i++)
        if (s->rating_points ? total >= s->ratings[i].min_percent
                             : (__int128)total * 100 * DEC_SCALE >= (__int128)s->ratings[i].min_percent * base)
            return (int)i;
    return -1;   /* below every threshold of a scheme whose lowest class is not 0 */
}

static void score_period(const dataset *ds, const unit *u, int prev, period_score *p, int *at_max,
                         int *applicable, scoring *sc)
{
    const score_cell *cells = prev ? u->prev : u->cells;
    const score_cell *total = prev ? &u->prev_total : &u->total;
    const scheme *s = &ds->scheme;
    memset(p, 0, sizeof *p);
    p->rating = -1;
    if (!cells || (!prev && u->status != STATUS_SCORED))
        return;   /* did not report, or not assessed: no score, no rank */
    int amax = 0, app = 0;
    for (size_t i = 0; i < s->nindicators; i++) {
        const indicator *in = &s->indicators[i];
        if (in->informational)
            continue;
        if (cells[i].state == CELL_NO_FILES && s->no_files != NO_FILES_NOT_APPLICABLE) {
            /* Counted as the scheme says, but never praised nor blamed in the text. */
            p->achieved += s->no_files == NO_FILES_FULL ? in->max : 0;
            p->max += in->max;
            continue;
        }
        if (cells[i].state != CELL_VALUE)
            continue;
        p->achieved += cells[i].value;
        p->max += in->max;
        app++;
        amax += cells[i].value == in->max;
    }
    if (at_max)
        *at_max = amax, *applicable = app;
    if (p->max == 0)
        return;   /* nothing applicable: not scored, never a division by zero */
    if (total->state == CELL_VALUE) {
        /* The source computed its own total (the QĐ 766 portal does, with
         * rules not published): print it; review.c says when the parts disagree. */
        p->achieved = total->value;
    }
    p->scored = 1;
    /* converted = achieved / max × scale, half-up at `places` decimals:
     * q = round(achieved · scale · 10^places / max), exact in 128 bits. */
    int64_t step = 1;
    for (int k = s->places; k < DEC_DIGITS; k++)
        step *= 10;
    /* Without a scale the total stays in points: "converted" is what is ranked and printed. */
    p->converted = ds->scale ? dec_muldiv_round(p->achieved, (int64_t)ds->scale * (DEC_SCALE / step), p->max) * step
                             : p->achieved;
    p->rating = score_rating(s, ds->scale, p->converted, p->max);
}

static period_score *period_of(const scoring *sc, size_t i, int prev)
{
    return prev ? &sc->units[i].prev : &sc->units[i].now;
}

/* What the order by score compares, copied out so that qsort needs no
 * context (no file statics: any number of threads may score at once). */
typedef struct sort_key {
    int scored;
    dec converted;
    size_t index;
} sort_key;

/* Scored units first, then by converted score descending; ties keep table
 * order so the result is stable. */
static int by_score(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    if (x->scored != y->scored)
        return y->scored - x->scored;
    if (x->converted != y->converted)
        return x->converted < y->converted ? 1 : -1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Sorts the n unit indices in idx by their score of one period. */
static void sort_by_score(const scoring *sc, size_t *idx, size_t n, int prev, sort_key *keys)
{
    for (size_t k = 0; k < n; k++) {
        const period_score *p = period_of(sc, idx[k], prev);
        keys[k] = (sort_key){p->scored, p->converted, idx[k]};
    }
    qsort(keys, n, sizeof *keys, by_score);
    for (size_t k = 0; k < n; k++)
        idx[k] = keys[k].index;
}

/* Standard competition ranking (1, 2, 2, 4) by converted score over the
 * scored units of one period, within one section or (sec < 0) the report. */
static void rank(const dataset *ds, scoring *sc, size_t *idx, sort_key *keys, int prev, long sec)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->n; i++)
        if (period_of(sc, i, prev)->scored && (sec < 0 || ds->units[i].section == (size_t)sec))
            idx[n++] = i;
    sort_by_score(sc, idx, n, prev, keys);
    int r = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || period_of(sc, idx[k - 1], prev)->converted != period_of(sc, idx[k], prev)->converted)
            r = (int)k + 1;
        if (sec >= 0)
            *(prev ? &sc->units[idx[k]].prev_section_rank : &sc->units[idx[k]].section_rank) = r;
        else
            period_of(sc, idx[k], prev)->rank = r;
    }
}

int score_dataset(const dataset *ds, scoring *sc, diag *d)
{
    (void)d;
    memset(sc, 0, sizeof *sc);
    sc->n = ds->nunits;
    sc->units = xcalloc(sc->n, sizeof *sc->units);
    sc->order = xcalloc(sc->n, sizeof *sc->order);
    for (size_t i = 0; i < sc->n; i++) {
        unit_score *us = &sc->units[i];
        score_period(ds, &ds->units[i], 0, &us->now, &us->at_max, &us->applicable, sc);
        score_period(ds, &ds->units[i], 1, &us->prev, NULL, NULL, sc);
        sc->order[i] = i;
    }
    size_t *idx = xcalloc(sc->n + 1, sizeof *idx);
    sort_key *keys = xcalloc(sc->n + 1, sizeof *keys);
    rank(ds, sc, idx, keys, 0, -1);
    rank(ds, sc, idx, keys, 1, -1);
    for (size_t s = 0; s < ds->nsections; s++) {
        rank(ds, sc, idx, keys, 0, (long)s);
        rank(ds, sc, idx, keys, 1, (long)s);
    }
    for (size_t i = 0; i < sc->n; i++)
        if (sc->units[i].now.scored && sc->units[i].prev.scored)
            sc->units[i].rank_change = sc->units[i].prev.rank - sc->units[i].now.rank;
    if (ds->sort == SORT_SCORE)
        sort_by_score(sc, sc->order, sc->n, 0, keys);
    free(idx);
    free(keys);

    sc->nsections = ds->nsections;
    sc->sections = xcalloc(ds->nsections, sizeof *sc->sections);
    for (size_t s = 0; s < ds->nsections; s++)
        sc->sections[s].per_rating = xcalloc(ds->scheme.nratings + 1, sizeof(size_t));
    for (size_t i = 0; i < sc->n; i++) {
        section_score *ss = &sc->sections[ds->units[i].section];
        ss->units++;
        if (sc->units[i].now.scored) {
            ss->scored++;
            if (sc->units[i].now.rating >= 0)
                ss->per_rating[sc->units[i].now.rating]++;
        }
    }
    for (size_t s = 0; s < ds->nsections; s++) {
        section_score *ss = &sc->sections[s];
        size_t declared = (size_t)ds->sections[s].expected;
        ss->expected = declared > ss->units ? declared : ss->units;
    }
    scoring_check(ds, sc);
    return 0;
}

void scoring_check(const dataset *ds, const scoring *sc)
{
#ifndef NDEBUG
    assert(sc->n == ds->nunits && sc->nsections == ds->nsections);
    char *seen = xcalloc(sc->n + 1, 1);   /* order is a permutation */
    for (size_t i = 0; i < sc->n; i++) {
        assert(sc->order[i] < sc->n && !seen[sc->order[i]]);
        seen[sc->order[i]] = 1;
        assert((sc->units[i].now.rank >= 1) == (sc->units[i].now.scored != 0));
    }
    free(seen);
#else
    (void)ds, (void)sc;
#endif
}

void scoring_free(scoring *sc)
{
    free(sc->units);
    free(sc->order);
    for (size_t s = 0; s < sc->nsections; s++)
        free(sc->sections[s].per_rating);
    free(sc->sections);
    memset(sc, 0, sizeof *sc);
}

dec score_change(const unit *u, size_t ind, int *known)
{
    *known = u->prev && u->cells[ind].state == CELL_VALUE && u->prev[ind].state == CELL_VALUE;
    return *known ? u->cells[ind].value - u->prev[ind].value : 0;
}
