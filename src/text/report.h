/* report.h — from a scored dataset to the document tree: the header,
 * title, body, closing and the phụ lục score table.
 *
 * The pieces are public so that other documents (the per-unit notices)
 * assemble the same NĐ 30 parts around their own body and appendix.
 * Every printed word comes from the templates or the data. */
#ifndef BAOCAO_REPORT_H
#define BAOCAO_REPORT_H

#include "dataset.h"
#include "doc.h"
#include "score.h"
#include "tmpl.h"
#include "value.h"

typedef struct report_opts {
    int blank_number;      /* leave số and day/month blank for the e-office to stamp */
    const tmpl_set *templates; /* the document's compiled templates (pipeline_build sets it) */
} report_opts;

/* The report's metadata (doc.h) from the dataset; blank: --blank-number. */
void report_meta(const dataset *ds, int blank, doc_meta *m);

/* The monthly report: its metadata, front, body from template "body" of
 * the dataset's template with facts_report(), closing, phụ lục. */
int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d);

/* Header (boxes 1–5b), the title unless a công văn, and Kính gửi, from
 * out->meta and the shared texts of template "van-ban" (the Số line, V/v)
 * rendered with facts (with report_citation's); fills the metadata words
 * of out->meta (title, type_name, language, filed_to) from them too. */
int report_front(doc *out, const tmpl_set *templates, const value *facts, diag *d);

/* facts.citation: how a phụ lục cites its document, số and date as the
 * header prints them (with the same blanks), the date in the words of
 * template "ngay-thang". */
int report_citation(value *facts, const doc_meta *m, const tmpl_set *templates, diag *d);

/* Nơi nhận beside the signature block, from out->meta. */
void report_closing(doc *out);

/* New landscape section: the phụ lục title and the score table, worded by
 * the templates "phu-luc" and "phu-luc-chi-so" with the report's facts. */
int report_score_appendix(const dataset *ds, const scoring *sc, const report_opts *o, const value *facts,
                          doc *out, diag *d);

/* Số ký hiệu as printed: "05/BC-UBND" (numbers below 10 padded, NĐ 30 II.3),
 * or DATE_BLANK "/BC-UBND" when the số is left blank. malloc'd. */
char *report_code(const doc_meta *m);

#endif
