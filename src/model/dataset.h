/* dataset.h — one report's data: metadata, sections, units and their
 * indicator scores (this period and optionally the previous one).
 * Filled by the input readers (report_json.c, csv.c); read by scoring,
 * narrative and layout. Strings are UTF-8 NFC.
 *
 * Invariants (dataset_check asserts them in Debug builds, after loading):
 *  1. every unit's cells has scheme.nindicators entries; prev likewise, or
 *     NULL — and it is NULL for every unit when has_previous is 0;
 *  2. units[i].section < nsections, and nsections >= 1;
 *  3. unit names are non-empty, and unique (scores_read refuses a
 *     duplicate; not re-checked: it would cost n² here);
 *  4. a CELL_VALUE of indicator k lies in [0, scheme.indicators[k].max]. */
#ifndef BAOCAO_DATASET_H
#define BAOCAO_DATASET_H

#include <stddef.h>
#include "dec.h"
#include "diag.h"
#include "issuer.h"
#include "scheme.h"

typedef enum cell_state {
    CELL_EMPTY = 0,        /* nothing given (the unit did not report) */
    CELL_NA,               /* "-": not applicable this period */
    CELL_VALUE,
    CELL_NO_FILES          /* the scheme's "no files" marker; value per scheme.no_files */
} cell_state;

typedef struct score_cell {
    cell_state state;
    dec value;
} score_cell;

typedef struct unit {
    char *name;            /* as printed in the table: "UBND xã Hua Thanh", "Trung tâm QLĐĐ" */
    char *long_name;       /* for running text: "Trung tâm Quản lý Đất đai huyện" (NULL: name) */
    size_t section;        /* index into dataset.sections */
    int row;               /* line of the scores file, for messages */
    score_cell *cells;     /* one per scheme indicator, this period */
    score_cell *prev;      /* previous period, NULL if unknown */
    score_cell total, prev_total; /* a total given by the source (QĐ 766 portal), else CELL_EMPTY */
    int prev_row;          /* its line in the previous-period file */
    status_kind status;    /* scored, or did not report / not assessed (scheme.statuses) */
    int status_in_table;   /* a not-scored status that still has its row in the phụ lục */
    char *reason;          /* why it was not assessed ("không phát sinh hồ sơ …"), or NULL */
    char *code;            /* "mã đơn vị" (the official commune code), NULL if none */
    char *prev_name;       /* its name in the previous file when written otherwise, else NULL */
    char **merged_from;    /* the previous period's units merged into this one ("merged") */
    size_t nmerged_from;
} unit;

/* A unit of the previous period's file that no unit of this period took
 * over (not matched by code, name, "renamed" or "merged"). */
typedef struct gone_unit {
    char *name;
    int row;               /* its line in the previous file */
} gone_unit;

/* report.json's "renamed" / "merged": a unit of this period (now) that
 * continues units of the previous one (old). */
typedef struct unit_link {
    char *now;
    char **old;
    size_t nold;           /* 1 for a renamed unit, 2 or more for a merger */
    int merged;
} unit_link;

typedef struct section {
    char *id;              /* "I", "II" (printed in the STT column) */
    char *title;           /* table row: "CÁC CƠ QUAN CHUYÊN MÔN THUỘC HUYỆN" */
    char *heading;         /* narrative: "Các cơ quan chuyên môn thuộc UBND huyện" (NULL: none) */
    char *unit_noun;       /* "cơ quan, đơn vị" — what "n/N …" counts */
    int expected;          /* units that should have been scored (N in n/N); 0 = rows present */
} section;

/* Units named together: "UBND xã A", "UBND xã B" → "UBND các xã: A, B". */
typedef struct unit_kind {
    char *prefix;          /* "UBND xã ", "Xã " */
    char *plural;          /* "UBND các xã", "các xã" (as mid-sentence) */
    char *text;            /* the prefix mid-sentence: "xã " for "Xã "; NULL: the prefix */
    char *local;           /* the local-government word ("xã"), NULL for agencies */
} unit_kind;

/* How a template set writes values in running text (templates/<set>/style.json,
 * overridden by report.json "style"). */
typedef struct text_style {
    int max_names;         /* a sentence names at most this many units */
    int class_lower;       /* class names in lower case mid-sentence ("xếp loại xuất sắc") */
    char *document_type;   /* the type of a document report.json gives none ("BÁO CÁO") */
    char *unit_noun;       /* the noun of a section's units it gives none ("đơn vị") */
} text_style;

typedef enum sort_order { SORT_TABLE = 0, SORT_SCORE } sort_order;

typedef struct dataset {
    /* where it came from */
    char *path;            /* report.json */
    char *dir;             /* its directory (relative files are resolved here) */
    char *scores_path, *previous_path;
    char *sheet;           /* XLSX worksheet of the score files (NULL: the first) */

    /* document metadata */
    char *doc_type;        /* "BÁO CÁO" (empty for a công văn) */
    char *type_code;       /* "BC" */
    char *subject;         /* trích yếu, without the place/period if templated */
    issuer issuer;         /* agency, place, signer */
    char *number;          /* "405" (string: may be blank) */
    char *notation;        /* "BC-UBND" */
    date date;             /* issue date */
    period period;         /* what the report covers */
    char **recipients;     /* Nơi nhận, as printed */
    size_t nrecipients;
    char **addressees;     /* Kính gửi (may be empty) */
    size_t naddressees;
    char *template_name;   /* "bao-cao-thang" */

    /* scoring */
    char *scheme_id;
    scheme scheme;
    int scale;             /* 100 or 10 */
    sort_order sort;
    section *sections;
    size_t nsections;
    unit *units;           /* in table (file) order */
    size_t nunits;
    int has_previous;
    gone_unit *gone;       /* previous-period units missing now (see gone_unit) */
    size_t ngone;
    unit_link *links;      /* "renamed" and "merged" of report.json */
    size_t nlinks;
    unit_kind *kinds;      /* for grouped name lists in running text */
    size_t nkinds;
    text_style style;
    findings notes;        /* what the readers read past (columns a scores file adds) */
} dataset;

void dataset_free(dataset *ds);

/* Asserts the invariants above (nothing in NDEBUG builds). */
void dataset_check(const dataset *ds);

/* "405/BC-UBND" into buf. */
void dataset_code(const dataset *ds, char *buf, size_t size);

#endif
