/* scheme.h — a scoring scheme (bộ chỉ số), loaded from a data file.
 *
 * A scheme is data, not code: a new province's index is a new file under
 * templates/schemes/, never a recompile. The file format (JSON) is
 * documented in README.md. */
#ifndef BAOCAO_SCHEME_H
#define BAOCAO_SCHEME_H

#include <stddef.h>
#include "dec.h"
#include "diag.h"

typedef struct indicator {
    char *id;              /* full id as used in CSV headers: "dvctt.cs1", or "tien_do" */
    char *label;           /* printed column label: "Chỉ số 1" */
    char *name;            /* what it measures, for the narrative: "Tỷ lệ nộp hồ sơ trực tuyến" */
    dec max;               /* maximum points */
    int informational;     /* printed but not scored (not in achieved or maximum) */
    int progress;          /* 1 for the indicator whose shortfall means overdue files (tiến độ) */
    int files;             /* counts files: a unit with every such indicator at 0 had no files */
    size_t group;          /* index into scheme.groups */
} indicator;

typedef struct indicator_group {
    char *id;              /* "dvctt" */
    char *label;           /* "Nhóm cung cấp DVCTT" — the table's group header */
    char *name;            /* for the narrative: "Nhóm cung cấp dịch vụ công trực tuyến" */
    size_t first, count;   /* its indicators: scheme.indicators[first .. first+count) */
} indicator_group;

typedef struct rating {    /* a class (xếp loại) */
    char *name;            /* "Xuất sắc" */
    char *abbr;            /* "XS", or NULL */
    dec min_percent;       /* lower bound as a percentage of the scale (90 => 90/100, 9/10) */
} rating;

typedef struct scheme {
    char *id;              /* "qd459-dien-bien-2023" */
    char *title;           /* full name of the index */
    char *legal_basis;     /* "Quyết định số 459/QĐ-UBND ngày 24/3/2023 của UBND tỉnh Điện Biên" */
    int scale;             /* default conversion scale: 100 or 10 */
    int places;            /* decimals of the converted score (half-up), normally 2 */
    indicator *indicators;
    size_t nindicators;
    indicator_group *groups;
    size_t ngroups;
    rating *ratings;       /* highest first; empty for schemes that only rank */
    size_t nratings;
    char *na_note;         /* footnote explaining "-" */
    dec change_warning;    /* `check` warns when a converted score moves more than this
                              percentage of the scale against last period (default 20) */
    char *source;          /* file it was loaded from */
} scheme;

void scheme_free(scheme *s);

/* Index of the indicator with this id, or -1. */
long scheme_find(const scheme *s, const char *id);

/* Sum of the maxima of all scored indicators. */
dec scheme_total_max(const scheme *s);

#endif
