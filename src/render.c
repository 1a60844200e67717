/* render.c — one report from data to PDF. */
#include "render.h"
#include "archive_meta.h"
#include "fileio.h"
#include "input.h"
#include "notice.h"
#include "score.h"
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    if (report_blank(ds, o->report.blank_number)) {
        meta.number = "";
        meta.date.day = 0;
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

/* The notice of the unit called `name`, as batch makes it; view is the
 * notice's dataset (borrowing from ds and ns). */
static int render_notice(const dataset *ds, const scoring *sc, const char *name, const report_opts *ro,
                         notice_set *ns, dataset *view, doc *tree, diag *d)
{
    size_t u = 0;
    while (u < ds->nunits && strcmp(ds->units[u].name, name))
        u++;
    if (u == ds->nunits)
        return diag_set(d, "unit-unknown", "%s: no unit \"%s\" in %s", ds->path, name, ds->scores_path);
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
    if (rc < 0 || score_dataset(&ds, &sc, d) < 0) {
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
