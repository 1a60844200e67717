/* report.h — from a scored dataset to the document tree: the header,
 * title, body, closing and the phụ lục score table.
 *
 * The pieces are public so that other documents (the per-unit notices)
 * assemble the same NĐ 30 parts around their own body and appendix. */
#ifndef BAOCAO_REPORT_H
#define BAOCAO_REPORT_H

#include "dataset.h"
#include "doc.h"
#include "score.h"
#include "value.h"

typedef struct report_opts {
    int blank_number;      /* leave số and day blank for the e-office to stamp */
    const char *templates_dir; /* the shipped templates/ */
} report_opts;

/* The monthly report: front, body from template "body" of the dataset's
 * template with facts_report(), closing, phụ lục. */
int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d);

/* Header (boxes 1–5b), the title unless a công văn, and Kính gửi. */
void report_front(const dataset *ds, const report_opts *o, doc *out);

/* Renders template `name` (a .tpl file) with `facts` into body blocks.
 * Looked up in the report's own directory, then templates/<template>/,
 * then templates/: a file next to report.json overrides the shipped one. */
int report_body(const dataset *ds, const report_opts *o, const char *name, const value *facts, doc *out,
                diag *d);

/* Nơi nhận beside the signature block. */
void report_closing(const dataset *ds, doc *out);

/* New landscape section: the phụ lục title and the score table. */
void report_score_appendix(const dataset *ds, const scoring *sc, const report_opts *o, doc *out);

/* "ngày 05 tháng 01 năm 2024": day padded, month padded only for 1 and 2
 * (NĐ 30, Phụ lục I, II.4b); blank leaves the day empty for the e-office
 * ("ngày      tháng 3 năm 2024"), as does a day or month of 0. */
void report_date_words(const date *dt, int blank, char *buf, size_t size);

/* The one rule for blanks: số and day are left blank together, for the
 * e-office system to stamp, when asked (--blank-number) or when no số is
 * given: a document never prints a blank số beside a filled day. */
int report_blank(const dataset *ds, int blank_number);

/* "Số: 1004/BC-UBND", or "Số:      /BC-UBND" when blank. */
void report_number_line(const dataset *ds, int blank, char *buf, size_t size);

#endif
