/* score.h — the computation: achieved points, applicable maximum,
 * converted score, class, ranks and changes against the previous period.
 * Pure and reentrant: no I/O, no allocation beyond the result, no state
 * outside it. Any number of threads may score (the same or different
 * datasets) at once. What deserves a warning (a given total the
 * indicators disagree with, say) is the review's (app/review.h). */
#ifndef BAOCAO_SCORE_H
#define BAOCAO_SCORE_H

#include <stddef.h>
#include "dataset.h"

typedef struct period_score {
    int scored;            /* 0: no data, or every scored indicator "-" */
    dec achieved;          /* sum of applicable (not "-") scored indicators */
    dec max;               /* sum of their maxima; a real 0 stays in */
    dec converted;         /* achieved / max × scale, half-up to scheme.places */
    int rating;            /* index into scheme.ratings; -1 when none */
    int rank;              /* 1 = best among the report's scored units; ties share */
} period_score;

typedef struct unit_score {
    period_score now, prev;    /* prev.scored == 0 when there is no previous period */
    int section_rank;          /* rank within the unit's section */
    int prev_section_rank;     /* the same last period (0: not ranked) */
    int rank_change;           /* prev.rank - now.rank (> 0: moved up); valid if both ranked */
    int at_max;                /* applicable scored indicators at their maximum */
    int applicable;            /* applicable scored indicators */
} unit_score;

typedef struct section_score {
    size_t units;              /* rows in the table */
    size_t scored;             /* n in "n/N" */
    size_t expected;           /* N in "n/N" (declared, or the rows) */
    size_t *per_rating;        /* scored units per scheme rating */
} section_score;

/* Invariants: units and order have n == dataset.nunits entries (units is
 * parallel to dataset.units; order is a permutation of 0..n-1); sections is
 * parallel to dataset.sections; rank >= 1 exactly when scored. */
typedef struct scoring {
    unit_score *units;         /* parallel to dataset.units */
    size_t n;
    size_t *order;             /* display order: table order or by score (stable) */
    section_score *sections;   /* parallel to dataset.sections */
    size_t nsections;
} scoring;

/* Asserts the invariants above against ds (nothing in NDEBUG builds). */
void scoring_check(const dataset *ds, const scoring *sc);

/* Computes everything; fails only on arithmetic that cannot be represented. */
int score_dataset(const dataset *ds, scoring *out, diag *d);
void scoring_free(scoring *sc);

/* Class of a total: index into ratings, -1 if none. With a scale, total is
 * the converted score on it; without (scale 0), the points achieved of the
 * applicable maximum max. Thresholds are percent, or points (rating_points). */
int score_rating(const scheme *s, int scale, dec total, dec max);

/* Per-indicator change this period minus previous; 0 and *known = 0 when
 * either side is missing or "-". */
dec score_change(const unit *u, size_t ind, int *known);

#endif
