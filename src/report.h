/* report.h — from a scored dataset to the document tree: the header,
 * title, body, closing and the phụ lục score table. */
#ifndef BAOCAO_REPORT_H
#define BAOCAO_REPORT_H

#include "dataset.h"
#include "doc.h"
#include "score.h"

typedef struct report_opts {
    int blank_number;      /* leave số and day/month blank for the e-office to stamp */
} report_opts;

int report_build(const dataset *ds, const scoring *sc, const report_opts *o, doc *out, diag *d);

/* "ngày 05 tháng 01 năm 2024": day padded, month padded only for 1 and 2
 * (NĐ 30, Phụ lục I, II.4b); blank_number leaves day and month empty. */
void report_date_words(const date *dt, int blank, char *buf, size_t size);

/* "Số: 1004/BC-UBND", or "Số:      /BC-UBND" when blank. */
void report_number_line(const dataset *ds, int blank, char *buf, size_t size);

#endif
