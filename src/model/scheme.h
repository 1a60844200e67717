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

/* What a column of the phụ lục table shows (README "The phụ lục table"). */
typedef enum column_kind {
    COLUMN_STT, COLUMN_UNIT, COLUMN_INDICATOR, COLUMN_ACHIEVED, COLUMN_MAX, COLUMN_ACHIEVED_MAX,
    COLUMN_CONVERTED, COLUMN_RANK, COLUMN_RATING, COLUMN_CLASS, COLUMN_NOTE
} column_kind;

#define DECIMALS_AS_ENTERED (-1)   /* a number printed as written in the scores file */
#define DECIMALS_UNIFORM (-2)      /* as many as the column's most precise number */

typedef struct table_column {
    column_kind kind;
    size_t indicator;      /* COLUMN_INDICATOR: index into scheme.indicators */
    char *head;            /* header text; NULL: the template's text for the kind */
    double width;          /* relative width (mm at the usual sizes) */
    int decimals;          /* fixed decimals ("1,90"), DECIMALS_AS_ENTERED or DECIMALS_UNIFORM */
    int hideable;          /* left out with its group when every unit has "-" in all of it */
} table_column;

/* A header cell over columns [first, first + count): "ĐIỂM CÁC CHỈ SỐ". */
typedef struct table_band {
    char *head;            /* NULL: the template's text */
    size_t first, count;
} table_band;

/* The phụ lục table: its columns left to right, bands over them (top
 * header row), and whether a group's label heads its indicators. */
typedef struct table_spec {
    table_column *columns;
    size_t ncolumns;
    table_band *bands;
    size_t nbands;
    int group_heads;
    double font_size;
} table_spec;

/* How a unit took part in the period (README "Unit statuses"). */
typedef enum status_kind { STATUS_SCORED = 0, STATUS_NOT_REPORTED, STATUS_NOT_ASSESSED } status_kind;

typedef struct unit_status {
    char *id;              /* the value written in the scores file's status column */
    status_kind kind;
    int in_table;          /* the unit has a row in the phụ lục */
} unit_status;

/* What a "no files" cell (không phát sinh) counts as. */
typedef enum no_files_rule { NO_FILES_NOT_APPLICABLE = 0, NO_FILES_FULL, NO_FILES_ZERO } no_files_rule;

typedef struct scheme {
    char *id;              /* "qd459-dien-bien-2023" */
    char *title;           /* full name of the index */
    char *legal_basis;     /* "Quyết định số 459/QĐ-UBND ngày 24/3/2023 của UBND tỉnh Điện Biên" */
    int scale;             /* default conversion scale (any positive); 0: totals print as points */
    int rating_points;     /* ratings' "min" are points of the total, not percent */
    int places;            /* decimals of the converted score (half-up), normally 2 */
    indicator *indicators;
    size_t nindicators;
    indicator_group *groups;
    size_t ngroups;
    rating *ratings;       /* highest first; empty for schemes that only rank */
    size_t nratings;
    char *na_note;         /* footnote explaining "-" */
    char *indicator_noun;  /* what the scheme calls an indicator ("tiêu chí"); NULL: the templates' word */
    dec change_warning;    /* `check` warns when a converted score moves more than this
                              percentage of the scale against last period (default 20) */
    table_spec table;      /* the phụ lục table */
    unit_status *statuses; /* statuses other than scored a scores file may give */
    size_t nstatuses;
    char *no_files_marker; /* the cell marker of "no files" ("KPS"), NULL: not allowed */
    char *no_files_note;   /* the note under the table explaining it, or NULL */
    no_files_rule no_files;
    char *source;          /* file it was loaded from */
} scheme;

void scheme_free(scheme *s);

/* Index of the indicator with this id, or -1. */
long scheme_find(const scheme *s, const char *id);

/* The status whose id is `id`, or NULL. */
const unit_status *scheme_status(const scheme *s, const char *id);

/* Sum of the maxima of all scored indicators. */
dec scheme_total_max(const scheme *s);

#endif
