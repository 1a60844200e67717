/* notice.h — the per-unit notice: a công văn telling one unit of a scored
 * dataset its own results (seed 001), with optional statistics appendices
 * (Phụ lục I and II, seed 001's portal figures at two snapshot dates).
 *
 * The data come from the "notices" object of report.json (notice_input.c);
 * every rate and change is computed here, the wording is in the notice's
 * template (templates/<notices.template>/body.tpl and its partials). */
#ifndef BAOCAO_NOTICE_H
#define BAOCAO_NOTICE_H

#include "dataset.h"
#include "doc.h"
#include "report.h"
#include "score.h"
#include "value.h"

typedef enum stat_kind {
    STAT_SECTION,   /* "I  Công khai, minh bạch": a bold row without figures */
    STAT_HEADING,   /* "1.2  Số hồ sơ …": a row whose figures are in its a)/b) rows */
    STAT_COUNT,     /* a count; with a base (*_total) it also has a rate */
    STAT_RATIO,     /* a count of a base, printed "1731/1731", with its rate */
    STAT_RATE,      /* a percentage as the portal gives it */
    STAT_SCORE      /* the unit's total and rank, filled in from the scoring */
} stat_kind;

typedef struct stat_row {
    char *appendix;            /* "I", "II": which phụ lục the row belongs to */
    char *stt, *label;         /* as printed: "1.2", "a)"; the row's text */
    stat_kind kind;
    score_cell prev, now;      /* the figure at the previous / current snapshot */
    score_cell prev_total, now_total; /* the base of a count's rate */
} stat_row;

/* One unit's notice data. */
typedef struct unit_notice {
    int issuer;                /* 1: the unit issues its own notice (fields below set) */
    char **agency;             /* header lines: "ỦY BAN NHÂN DÂN", "XÃ BÌNH THÀNH" */
    size_t nagency;
    char *agency_name, *agency_full, *locality, *place, *number;
    signer signer;
    char **addressees;         /* Kính gửi; NULL: the notices' default */
    size_t naddressees;
    stat_row *stats;
    size_t nstats, cap;
    char *error;               /* bad data of this unit only: its notice fails with this */
} unit_notice;

typedef struct notice_set {
    char *template_name;       /* "thong-bao-xa" */
    char *subject, *notation, *number;
    date date;
    char **recipients;         /* Nơi nhận of every notice */
    size_t nrecipients;
    char **addressees;         /* default Kính gửi; none: the unit itself */
    size_t naddressees;
    unit_notice *units;        /* parallel to dataset.units */
    size_t n;
} notice_set;

/* Reads the "notices" object of ds->path and the files it names (in
 * notice_input.c). A problem in one unit's data is stored in that unit's
 * `error`; only problems of the whole set fail. */
int notice_load(notice_set *ns, const dataset *ds, diag *d);
void notice_set_free(notice_set *ns);

/* The dataset as the document of unit u: a shallow copy of ds whose
 * document fields (agency, number, date, signer, Kính gửi, Nơi nhận,
 * template) are the notice's. Borrows everything; never dataset_free it. */
void notice_view(const dataset *ds, const notice_set *ns, size_t u, dataset *view);

/* The value tree the notice templates read: facts_common of the view plus
 * the unit, its indicators, score, rank and statistics. */
value *notice_facts(const dataset *view, const scoring *sc, const notice_set *ns, size_t u);

/* The notice of unit u: front, body, closing, Phụ lục I and II. */
int notice_build(const dataset *ds, const scoring *sc, const notice_set *ns, size_t u,
                 const report_opts *o, doc *out, diag *d);

#endif
