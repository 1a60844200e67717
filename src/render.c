/* render.c — one report from data to PDF. */
#include "render.h"
#include "archive_meta.h"
#include "fileio.h"
#include "input.h"
#include "notice.h"
#include "review.h"
#include "score.h"
#include "text.h"
#include "unitmatch.h"
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define DEFAULT_ICC "/usr/share/color/icc/sRGB.icc"

void render_opts_default(render_opts *o, const char *data_dir)
{
    memset(o, 0, sizeof *o);
    o->data_dir = data_dir;
    o->pdfa = PDFA_1B;
    o->icc_path = DEFAULT_ICC;
    o->sidecar = 1;
}

void render_templates_dir(const render_opts *o, report_opts *ro, char *buf, size_t size)
{
    *ro = o->report;
    snprintf(buf, size, "%s/templates", o->data_dir);
    if (!ro->templates_dir)
        ro->templates_dir = buf;
}

int render_tree(const dataset *ds, const doc *tree, const fontset *fs, const render_opts *o, const char *out,
                render_result *res, diag *d)
{
    layout lo = {0};
    page_setup ps;
    char code[128], title[2048];
    page_setup_default(&ps);
    if (layout_document(tree, fs, &ps, &lo, d) < 0) {
        layout_free(&lo);
        return -1;
    }
    /* What the PDF leaves blank for the Hệ thống to assign, the metadata
     * (Info, XMP, sidecar) leaves blank too; CreationDate stays the draft's.
     * A shallow copy: ds is shared with other threads. */
    dataset meta = *ds;
    if (o->report.blank_number) {
        meta.number = "";
        meta.date.day = meta.date.month = 0;
    }
    dataset_code(&meta, code, sizeof code);
    if (*meta.doc_type)
        snprintf(title, sizeof title, "%s %s", meta.doc_type, meta.subject);
    else
        snprintf(title, sizeof title, "Công văn V/v %s", meta.subject);
    archive_xmp ax;
    archive_meta_xmp(&ax, &meta, (int)lo.npages);
    pdf_meta m = {
        .title = title,
        .author = meta.agency_full,
        .subject = meta.subject,
        .keywords = code,
        .creator = "baocao " BAOCAO_VERSION,
        .year = ds->date.year,
        .month = ds->date.month,
        .day = ds->date.day,
        .pdfa = o->pdfa,
        .icc_path = o->icc_path,
        .sig_field = lo.signature.page >= 0 ? "ChuKyNguoiKy" : NULL,
        .seal_field = lo.seal.page >= 0 ? "DauCoQuan" : NULL,
        .extra = &ax.schema,
    };
    pdf_result pr;
    unsigned char *pdf;
    size_t len;
    int rc = pdf_render(&lo, fs, &m, &pdf, &len, d);
    if (rc == 0) {
        /* The PDF and its sidecar appear together or not at all. */
        pdf_result_of(&pr, &lo, pdf, len);
        char *sidecar = o->sidecar ? archive_meta_path(out) : NULL;
        char *json = sidecar ? archive_meta_json(out, &meta, &pr) : NULL;
        file_part parts[] = {{out, pdf, len}, {sidecar, json, json ? strlen(json) : 0}};
        rc = file_write_together(parts, sidecar ? 2 : 1, d);
        free(json);
        free(sidecar);
        free(pdf);
    }
    if (rc == 0 && res) {
        res->pdf = pr;
        res->signature = lo.signature;
        res->seal = lo.seal;
    }
    layout_free(&lo);
    return rc;
}

int render_review(const dataset *ds, const scoring *sc, const notice_set *ns, const render_opts *o, diag *d)
{
    findings f = {0};
    review_dataset(ds, sc, o->strict, &f);
    if (ns)
        review_notices(ds, sc, ns, &f);
    int rc = 0;
    for (size_t i = 0; i < f.n; i++) {
        if (f.v[i].severity == SEVERITY_ERROR && rc == 0)
            rc = -1, *d = f.v[i].d;   /* returned, so not listed twice */
        else
            findings_add_diag(o->review, f.v[i].severity, &f.v[i].d);
    }
    findings_free(&f);
    return rc;
}

/* Lays out a built tree (and drops it): what check does instead of writing. */
static void check_tree(doc *tree, const fontset *fs, const char *who, findings *out)
{
    layout lo = {0};
    page_setup ps;
    diag d = {0};
    page_setup_default(&ps);
    if (layout_document(tree, fs, &ps, &lo, &d) < 0) {
        if (who)
            diag_prefix(&d, "%s", who);
        findings_add_diag(out, SEVERITY_ERROR, &d);
    }
    layout_free(&lo);
    doc_free(tree);
}

size_t render_check(const char *in, const render_opts *o, findings *out, check_result *res)
{
    dataset ds;
    scoring sc = {0};
    notice_set ns = {0};
    fontset fs = {0};
    doc tree = {0};
    diag d = {0};
    char fonts_dir[4096], templates_dir[4096];
    report_opts ro;
    render_opts ck = *o;
    memset(res, 0, sizeof *res);
    ck.review = out;
    if (dataset_load(&ds, in, o->data_dir, &o->input, &d) < 0) {
        findings_add_diag(out, SEVERITY_ERROR, &d);
        return findings_count(out, SEVERITY_ERROR);
    }
    res->units = ds.nunits;
    snprintf(res->scheme, sizeof res->scheme, "%s", ds.scheme.id);
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", o->data_dir);
    render_templates_dir(o, &ro, templates_dir, sizeof templates_dir);
    int notices = notice_load(&ns, &ds, &d) == 0;
    if (!notices && strcmp(d.key, "no-notices"))
        findings_add_diag(out, SEVERITY_ERROR, &d);
    if (score_dataset(&ds, &sc, &d) < 0 || fontset_load(&fs, o->font, fonts_dir, &d) < 0) {
        findings_add_diag(out, SEVERITY_ERROR, &d);
        goto out;
    }
    if (render_review(&ds, &sc, notices ? &ns : NULL, &ck, &d) < 0)
        findings_add_diag(out, SEVERITY_ERROR, &d);
    if (report_build(&ds, &sc, &ro, &tree, &d) < 0)
        findings_add_diag(out, SEVERITY_ERROR, &d);
    else
        check_tree(&tree, &fs, NULL, out);
    for (size_t u = 0; notices && u < ds.nunits; u++) {
        if (!sc.units[u].now.scored)
            continue;   /* no notice (review_notices says so) */
        if (notice_build(&ds, &sc, &ns, u, &ro, &tree, &d) < 0) {
            diag_prefix(&d, "%s", ds.units[u].name);
            findings_add_diag(out, SEVERITY_ERROR, &d);
        } else {
            check_tree(&tree, &fs, ds.units[u].name, out);
        }
    }
out:
    fontset_free(&fs);
    notice_set_free(&ns);
    scoring_free(&sc);
    dataset_free(&ds);
    return findings_count(out, SEVERITY_ERROR);
}

/* The notice of the unit called `name`, as batch makes it; view is the
 * notice's dataset (borrowing from ds and ns). */
static int render_notice(const dataset *ds, const scoring *sc, const char *name, const report_opts *ro,
                         notice_set *ns, dataset *view, doc *tree, diag *d)
{
    size_t u = 0;
    char *key = text_key(name);
    for (; u < ds->nunits; u++) {
        char *k = text_key(ds->units[u].name);
        int eq = !strcmp(k, key);
        free(k);
        if (eq)
            break;
    }
    free(key);
    if (u == ds->nunits) {
        const char **names = xcalloc(ds->nunits + 1, sizeof *names);
        for (size_t i = 0; i < ds->nunits; i++)
            names[i] = ds->units[i].name;
        long s = unit_suggest(name, names, ds->nunits);
        free(names);
        if (s >= 0)
            return diag_set(d, "unit-unknown", "%s: no unit \"%s\" in %s; did you mean \"%s\"?", ds->path, name,
                            ds->scores_path, ds->units[s].name);
        return diag_set(d, "unit-unknown", "%s: no unit \"%s\" in %s", ds->path, name, ds->scores_path);
    }
    if (notice_load(ns, ds, d) < 0)
        return -1;
    notice_view(ds, ns, u, view);
    return notice_build(ds, sc, ns, u, ro, tree, d);
}

/* `render -o scores.csv` must not destroy the data: an output is never one
 * of the input files (same device and inode), and the PDF never replaces a
 * file that is not a PDF (templates, schemes, fonts, any other input). */
static int check_output(const dataset *ds, const char *out, const char *sidecar, diag *d)
{
    const char *outputs[] = {out, sidecar};
    const char *inputs[] = {ds->path, ds->scores_path, ds->previous_path};
    for (size_t k = 0; k < 2 && outputs[k]; k++) {
        struct stat so, si;
        if (stat(outputs[k], &so) < 0)
            continue;
        for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
            if (inputs[i] && stat(inputs[i], &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
                return diag_set(d, "out-is-input", "%s: this is the input %s; write the output to "
                                "another file", outputs[k], inputs[i]);
    }
    char head[5] = {0};
    FILE *f = fopen(out, "rb");
    size_t n = f ? fread(head, 1, sizeof head, f) : 0;
    if (f)
        fclose(f);
    if (n > 0 && memcmp(head, "%PDF-", n))
        return diag_set(d, "out-not-pdf", "%s: exists and is not a PDF; it is not replaced (an input?)",
                        out);
    /* Only PDF exists: say so rather than write a PDF named .docx. */
    const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
    if (dot && (!slash || dot > slash) && strcasecmp(dot, ".pdf"))
        return diag_set(d, "out-format", "%s: render writes PDF only, not %s (give -o NAME.pdf)", out, dot);
    return 0;
}

int render_file(const char *in, const char *out, const render_opts *o, render_result *res, diag *d)
{
    dataset ds, view;
    notice_set ns = {0};
    scoring sc = {0};
    doc tree = {0};
    fontset fs = {0};
    int rc = -1;
    char fonts_dir[4096], templates_dir[4096];
    report_opts ro;

    if (dataset_load(&ds, in, o->data_dir, &o->input, d) < 0)
        return -1;
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", o->data_dir);
    render_templates_dir(o, &ro, templates_dir, sizeof templates_dir);
    char *sidecar = o->sidecar ? archive_meta_path(out) : NULL;
    rc = check_output(&ds, out, sidecar, d);
    free(sidecar);
    if (rc < 0 || score_dataset(&ds, &sc, d) < 0 || render_review(&ds, &sc, NULL, o, d) < 0) {
        rc = -1;
        goto out;
    }
    if (o->unit)
        rc = render_notice(&ds, &sc, o->unit, &ro, &ns, &view, &tree, d);
    else
        rc = report_build(&ds, &sc, &ro, &tree, d);
    if (rc < 0 || fontset_load(&fs, o->font, fonts_dir, d) < 0 ||
        render_tree(o->unit ? &view : &ds, &tree, &fs, o, out, res, d) < 0)
        rc = -1;
out:
    fontset_free(&fs);
    doc_free(&tree);
    notice_set_free(&ns);
    scoring_free(&sc);
    dataset_free(&ds);
    return rc;
}
