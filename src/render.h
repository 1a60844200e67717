/* render.h — the whole pipeline for one report: load, score, build the
 * document, lay it out, write the PDF. Shared by `render` and `batch`. */
#ifndef BAOCAO_RENDER_H
#define BAOCAO_RENDER_H

#include "diag.h"
#include "input.h"
#include "layout.h"
#include "pdf.h"
#include "report.h"

typedef struct render_opts {
    const char *data_dir;  /* templates/, fonts/ */
    const char *font;      /* fontset_load spec; NULL = default */
    pdfa_level pdfa;       /* PDFA_1B by default */
    const char *icc_path;  /* sRGB profile; NULL = Debian's icc-profiles-free */
    int sidecar;           /* write the archive sidecar X.meta.json (default 1) */
    report_opts report;
    input_opts input;      /* encodings of the score files, --verbose */
} render_opts;

typedef struct render_result {
    pdf_result pdf;
    lrect signature, seal; /* where the signature fields are */
} render_result;

void render_opts_default(render_opts *o, const char *data_dir);

/* Renders report.json at `in` into the PDF at `out` (atomically), then its
 * archive sidecar (archive_meta.h) if o->sidecar. */
int render_file(const char *in, const char *out, const render_opts *o, render_result *res, diag *d);

#endif
