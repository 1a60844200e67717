/* pipeline.h — load → score → build: the one path from a report.json to its
 * documents, shared by the command line, render, batch and the web service.
 *
 * Invariants: after pipeline_load succeeded, sc.units is parallel to
 * ds.units and, when notices were asked for, ns.units is too. A loaded
 * pipeline is only read afterwards, so any number of threads may call
 * pipeline_build on it at once. */
#ifndef BAOCAO_PIPELINE_H
#define BAOCAO_PIPELINE_H

#include "dataset.h"
#include "diag.h"
#include "doc.h"
#include "input.h"
#include "notices.h"
#include "report.h"
#include "score.h"
#include "tmpl.h"
#include "value.h"

typedef struct pipeline {
    dataset ds;
    scoring sc;
    notice_set ns;         /* empty unless loaded with notices */
    tmpl_set *report_tmpl; /* the report's templates, compiled once */
    tmpl_set *notice_tmpl; /* the notices' (NULL without notices) */
} pipeline;

/* Reads report.json at path (with its scheme from data_dir and its score
 * files; with_notices: its "notices" too), scores it and compiles the
 * templates its documents use (data_dir/templates); the review (review.h)
 * is the caller's. On failure nothing is left to free. */
int pipeline_load(pipeline *p, const char *path, const char *data_dir, const input_opts *io, int with_notices,
                  diag *d);

/* The index of the unit called name (compared by text_key: case, spaces,
 * Ð as Đ do not matter), or -1 with d set (with a "did you mean"). */
long pipeline_unit(const pipeline *p, const char *name, diag *d);

/* The document of the report (u < 0) or of unit u's notice; o->templates
 * is the pipeline's. Thread-safe: p is only read. */
int pipeline_build(const pipeline *p, long u, const report_opts *o, doc *out, diag *d);

/* What the report's templates get (the `facts` command), as the report
 * itself would be built with o; NULL (d set) when its words cannot be
 * written (templates/ky-bao-cao.tpl). */
value *pipeline_facts(const pipeline *p, const report_opts *o, diag *d);

void pipeline_free(pipeline *p);

#endif
