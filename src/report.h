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
    int blank_number;      /* leave số and day/month blank for the e-office to stamp */
    const char *templates_dir; /* the shipped templates/ */
} report_opts;

/* The report's metadata (doc.h) from the dataset; blank: --blank-number. */
void report_meta(const dataset *ds, int blank, doc_meta *m);

/* The monthly report: its metadata, front, body from template "body" of
 * the dataset's template with facts_report(), closing, phụ lục. */
int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d);

/* Header (boxes 1–5b), the title unless a công văn, and Kính gửi, all from
 * out->meta. */
void report_front(doc *out);

/* Renders template `name` (a .tpl file) with `facts` into body blocks.
 * Looked up in report_dir (next to report.json), then
 * templates/<template_name>/, then templates/: a file next to report.json
 * overrides the shipped one. */
int report_body(const char *report_dir, const char *template_name, const report_opts *o, const char *name,
                const value *facts, doc *out, diag *d);

/* Nơi nhận beside the signature block, from out->meta. */
void report_closing(doc *out);

/* New landscape section: the phụ lục title and the score table. */
void report_score_appendix(const dataset *ds, const scoring *sc, doc *out);

/* Số ký hiệu as printed: "05/BC-UBND" (numbers below 10 padded, NĐ 30 II.3),
 * or DATE_BLANK "/BC-UBND" when the số is left blank. malloc'd. */
char *report_code(const doc_meta *m);

#endif
