/* render.h — the whole pipeline for one report: load, score, build the
 * document, lay it out, write the PDF. Shared by `render` and `batch`. */
#ifndef BAOCAO_RENDER_H
#define BAOCAO_RENDER_H

#include "diag.h"
#include "input.h"
#include "layout.h"
#include "pdf.h"
#include "notice.h"
#include "report.h"

typedef struct render_opts {
    const char *data_dir;  /* templates/, fonts/ */
    const char *font;      /* fontset_load spec; NULL = default */
    pdfa_level pdfa;       /* PDFA_1B by default */
    const char *icc_path;  /* sRGB profile; NULL = Debian's icc-profiles-free */
    const char *unit;      /* render this unit's notice (notice.h) instead of the report */
    int sidecar;           /* write the archive sidecar X.meta.json (default 1) */
    report_opts report;
    input_opts input;      /* encodings of the score files, --verbose */
    int strict;            /* units unmatched across periods are errors (review.h) */
    findings *review;      /* where the review's warnings go; NULL: not kept */
} render_opts;

typedef struct render_result {
    pdf_result pdf;
    lrect signature, seal; /* where the signature fields are */
} render_result;

void render_opts_default(render_opts *o, const char *data_dir);

/* The report options of o with templates_dir defaulting to
 * <data_dir>/templates (kept in buf). */
void render_templates_dir(const render_opts *o, report_opts *ro, char *buf, size_t size);

/* Lays out a built document of ds and writes it to the PDF at `out`
 * (atomically) with ds's metadata, then its archive sidecar
 * (archive_meta.h) if o->sidecar. Thread-safe: fs is only read. */
int render_tree(const dataset *ds, const doc *tree, const fontset *fs, const render_opts *o, const char *out,
                render_result *res, diag *d);

/* The review (review.h) of a loaded, scored dataset, and of its notices
 * when ns is given: everything into o->review; -1 with the first error in
 * d when there is one (with o->strict). */
int render_review(const dataset *ds, const scoring *sc, const notice_set *ns, const render_opts *o, diag *d);

/* `check`: everything render and batch would do short of writing — load,
 * score, review, build and lay out the report and (when report.json has
 * "notices") every unit's notice — with every error and warning into out
 * instead of stopping at the first. Returns the number of errors. */
typedef struct check_result {
    size_t units;          /* units of the scores file */
    char scheme[128];      /* the scheme's id */
} check_result;

size_t render_check(const char *in, const render_opts *o, findings *out, check_result *res);

/* Renders report.json at `in` (or, with o->unit, that unit's notice) into
 * the PDF at `out` (atomically). */
int render_file(const char *in, const char *out, const render_opts *o, render_result *res, diag *d);

#endif
