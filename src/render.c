/* render.c — one report from data to PDF. */
#include "render.h"
#include "archive_meta.h"
#include "input.h"
#include "score.h"
#include "sbuf.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_ICC "/usr/share/color/icc/sRGB.icc"

void render_opts_default(render_opts *o, const char *data_dir)
{
    memset(o, 0, sizeof *o);
    o->data_dir = data_dir;
    o->pdfa = PDFA_1B;
    o->icc_path = DEFAULT_ICC;
    o->sidecar = 1;
}

int render_file(const char *in, const char *out, const render_opts *o, render_result *res, diag *d)
{
    dataset ds;
    scoring sc = {0};
    doc tree = {0};
    fontset fs = {0};
    layout lo = {0};
    page_setup ps;
    int rc = -1;
    char fonts_dir[4096], templates_dir[4096], code[128], title[2048];
    report_opts ro = o->report;

    if (dataset_load(&ds, in, o->data_dir, &o->input, d) < 0)
        return -1;
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", o->data_dir);
    snprintf(templates_dir, sizeof templates_dir, "%s/templates", o->data_dir);
    if (!ro.templates_dir)
        ro.templates_dir = templates_dir;
    page_setup_default(&ps);
    if (score_dataset(&ds, &sc, d) < 0 || report_build(&ds, &sc, &ro, &tree, d) < 0 ||
        fontset_load(&fs, o->font, fonts_dir, d) < 0 || layout_document(&tree, &fs, &ps, &lo, d) < 0)
        goto out;

    /* What the PDF leaves blank for the Hệ thống to assign, the metadata
     * (Info, XMP, sidecar) leaves blank too; CreationDate stays the draft's. */
    date created = ds.date;
    if (o->report.blank_number) {
        ds.number[0] = 0;
        ds.date.day = ds.date.month = 0;
    }
    dataset_code(&ds, code, sizeof code);
    if (*ds.doc_type)
        snprintf(title, sizeof title, "%s %s", ds.doc_type, ds.subject);
    else
        snprintf(title, sizeof title, "Công văn V/v %s", ds.subject);
    archive_xmp ax;
    archive_meta_xmp(&ax, &ds, (int)lo.npages);
    pdf_meta m = {
        .title = title,
        .author = ds.agency_full,
        .subject = ds.subject,
        .keywords = code,
        .creator = "baocao " BAOCAO_VERSION,
        .year = created.year,
        .month = created.month,
        .day = created.day,
        .pdfa = o->pdfa,
        .icc_path = o->icc_path,
        .sig_field = lo.signature.page >= 0 ? "ChuKyNguoiKy" : NULL,
        .seal_field = lo.seal.page >= 0 ? "DauCoQuan" : NULL,
        .extra = &ax.schema,
    };
    pdf_result pr;
    if (pdf_write(&lo, &fs, &m, out, &pr, d) < 0 ||
        (o->sidecar && archive_meta_write(out, &ds, &pr, d) < 0))
        goto out;
    if (res) {
        res->pdf = pr;
        res->signature = lo.signature;
        res->seal = lo.seal;
    }
    rc = 0;
out:
    layout_free(&lo);
    fontset_free(&fs);
    doc_free(&tree);
    scoring_free(&sc);
    dataset_free(&ds);
    return rc;
}
