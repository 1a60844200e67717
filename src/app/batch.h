/* batch.h — a whole district in one run: the summary report and one notice
 * per unit (notice.h), written into one directory with a manifest.
 *
 * The dataset is loaded and scored once, in the calling thread; documents,
 * layouts and PDFs are then made on a pool of threads that only read the
 * shared data (dataset, scoring, notices, font set). A unit that fails is
 * reported and leaves no file; the others are unaffected. A run cancelled
 * (cancel.h) commits nothing: the folder stays as it was, or goes if the run
 * made it. */
#ifndef BAOCAO_BATCH_H
#define BAOCAO_BATCH_H

#include <stddef.h>
#include "diag.h"
#include "render.h"

typedef struct batch_opts {
    render_opts render;        /* data_dir, font, PDF/A level, report options */
    const char *out_dir;       /* created if missing */
    int jobs;                  /* threads; <= 0: one per online processor */
    /* Told, one call at a time, how many of the documents are done (0 first,
     * total last); NULL: not told. For the caller's progress bar. */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} batch_opts;

typedef struct batch_failure {
    char *unit;                /* the unit (or the report's agency) */
    char *message;
} batch_failure;

typedef struct batch_result {
    size_t written;            /* documents written (a PDF and a DOCX are two) */
    batch_failure *failures;   /* in unit order */
    size_t nfailures;
} batch_result;

/* Renders everything report.json at `in` describes into o->out_dir and
 * writes o->out_dir/manifest.json. Returns -1 (d set) when nothing could be
 * done (bad report, scores, notices or font); 0 otherwise, with the units
 * that failed in res->failures. */
int batch_run(const char *in, const batch_opts *o, batch_result *res, diag *d);
void batch_result_free(batch_result *res);

/* The output file name of a unit: ASCII, lower case, [a-z0-9-] only
 * ("Xã Bình Thành" -> "xa-binh-thanh"), never empty. malloc'd. */
char *batch_file_stem(const char *name);

#endif
