/* notices.h — the data of the per-unit notices: the "notices" object of
 * report.json, who issues each unit's notice (its units file) and the
 * statistics of Phụ lục I and II. Read by the input stage (input_load),
 * turned into documents by notice.h.
 *
 * Invariants: notice_set.units is parallel to dataset.units (n == nunits);
 * a unit_notice with has_issuer set has a complete issuer and a number
 * (possibly ""); a unit whose data are bad has `error` set and nothing else
 * of it is used. */
#ifndef BAOCAO_NOTICES_H
#define BAOCAO_NOTICES_H

#include <stddef.h>
#include "dataset.h"

typedef enum stat_kind {
    STAT_SECTION,   /* "I  Công khai, minh bạch": a bold row without figures */
    STAT_HEADING,   /* "1.2  Số hồ sơ …": a row whose figures are in its a)/b) rows */
    STAT_COUNT,     /* a count; with a base (*_total) it also has a rate */
    STAT_RATIO,     /* a count of a base, printed "1731/1731", with its rate */
    STAT_RATE,      /* a percentage as the portal gives it */
    STAT_SCORE      /* the unit's total and rank, filled in from the scoring */
} stat_kind;

/* A row of a unit's statistics; its texts belong to notice_set.texts. */
typedef struct stat_row {
    char *appendix;            /* "I", "II": which phụ lục the row belongs to */
    char *stt, *label;         /* as printed: "1.2", "a)"; the row's text */
    stat_kind kind;
    score_cell prev, now;      /* the figure at the previous / current snapshot */
    score_cell prev_total, now_total; /* the base of a count's rate */
} stat_row;

/* One unit's notice data. */
typedef struct unit_notice {
    int has_issuer;            /* 1: the unit issues its own notice (issuer, number set) */
    issuer issuer;             /* "ỦY BAN NHÂN DÂN" / "XÃ BÌNH THÀNH", its place and signer */
    char *number;
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
    char **texts;              /* the stat_row texts, shared by the units' rows */
    size_t ntexts, texts_cap;
} notice_set;

void notice_set_free(notice_set *ns);

#endif
