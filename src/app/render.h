/* render.h — the whole pipeline for one report: load, score, build the
 * document, lay it out, write the PDF. Shared by `render` and `batch`.
 *
 * Invariants of app/: the library's entry points (baocao.c, batch
 * workers) open an allocation guard before any work, so out of memory is
 * an error and never abort(); a render session is only read after
 * render_open, so threads may render from it at once; nothing here prints. */
#ifndef BAOCAO_RENDER_H
#define BAOCAO_RENDER_H

#include "diag.h"
#include "docx.h"
#include "input.h"
#include "layout.h"
#include "pdf.h"
#include "pipeline.h"
#include "report.h"
#include "score.h"

/* Output formats, a bit each: batch may write several. */
enum { FORMAT_PDF = 1, FORMAT_DOCX = 2 };

typedef struct render_opts {
    const char *data_dir;  /* templates/, fonts/ */
    const char *font;      /* fontset_load spec; NULL = default */
    pdfa_level pdfa;       /* PDFA_1B by default */
    const char *icc_path;  /* sRGB profile; NULL = Debian's icc-profiles-free */
    const char *unit;      /* render this unit's notice (notice.h) instead of the report */
    unsigned formats;      /* render: FORMAT_PDF or FORMAT_DOCX, 0: by the output's name (.docx: DOCX,
                              else PDF); batch: any of them, 0: PDF */
    int sidecar;           /* write the archive sidecar X.meta.json next to a PDF (default 1) */
    int defer_sync;        /* 1: files are not fsync'd one by one (file_write_together) */
    report_opts report;
    input_opts input;      /* encodings of the score files, --verbose */
    int strict;            /* units unmatched across periods are errors (review.h) */
    findings *review;      /* render_file and batch_run add the review's findings here; NULL: not kept */
} render_opts;

typedef struct render_result {
    pdf_result pdf;
    lrect signature, seal; /* where the signature fields are */
} render_result;

void render_opts_default(render_opts *o, const char *data_dir);

/* Lays out a built document and writes it to the PDF at `out` (atomically)
 * with the document's own metadata (tree->meta), then its archive sidecar
 * (archive_meta.h) if o->sidecar; or, when the format (o->formats, else the
 * name) is DOCX, writes the DOCX (docx.h) alone, after the same layout has
 * accepted the tree (res: its pages, the DOCX's bytes and SHA-256). Needs
 * nothing but the tree.
 * Thread-safe: tree and fs are only read. */
int render_tree(const doc *tree, const fontset *fs, const render_opts *o, const char *out, render_result *res,
                diag *d);

/* What the documents of one run share, made once and then only read: the
 * loaded and scored report (with its notices if asked) and the font set. */
typedef struct render_session {
    pipeline p;
    fontset fs;
    findings review;       /* the review's warnings (review.h), returned as data */
} render_session;

/* The format written to `out`: FORMAT_DOCX when o->formats says so, or
 * says nothing and the name ends in .docx; else FORMAT_PDF. */
unsigned render_format(const render_opts *o, const char *out);

/* Loads report.json at `in` (with_notices: its notices too), reviews it
 * (review.h) into s->review and o->review, loads the fonts. With o->strict
 * a review error fails it: the first error in d, the others in o->review.
 * Nothing to free on failure. */
int render_open(render_session *s, const char *in, const render_opts *o, int with_notices, diag *d);

/* Builds document u (< 0: the report, else that unit's notice) into *tree
 * (the caller doc_free's it, also on failure) and renders it to `out`,
 * which may not be one of the inputs nor a file that is not a PDF.
 * Thread-safe: s is only read, so threads may render from one session. */
int render_unit(const render_session *s, long u, const render_opts *o, const char *out, doc *tree,
                render_result *res, diag *d);
void render_close(render_session *s);

/* `check`: everything render and batch would do short of writing — load,
 * score, review, build and lay out the report and (when report.json has
 * "notices") every unit's notice — with every error and warning into out
 * instead of stopping at the first. Returns the number of errors; a check
 * cancelled (cancel.h) stops with the error "cancelled" among them. */
typedef struct check_result {
    size_t units;          /* units of the scores file */
    char scheme[128];      /* the scheme's id */
} check_result;

size_t render_check(const char *in, const render_opts *o, findings *out, check_result *res);

/* Renders report.json at `in` (or, with o->unit, that unit's notice) into
 * the PDF at `out` (atomically). */
int render_file(const char *in, const char *out, const render_opts *o, render_result *res, diag *d);

#endif
