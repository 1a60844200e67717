/* render.c — one report from data to PDF. */
#include "render.h"
#include "archive_meta.h"
#include "fileio.h"
#include "pipeline.h"
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

void render_warnings(const render_opts *o, const scoring *sc)
{
    for (size_t i = 0; o->warn && i < sc->nwarnings; i++)
        o->warn(o->warn_ctx, sc->warnings[i]);
}

/* The Info /Title: tên loại and trích yếu, for a công văn "Công văn V/v …". */
static char *pdf_title(const doc_meta *m)
{
    sbuf b = {0};
    if (*m->type)
        sbuf_printf(&b, "%s %s", m->type, m->subject);
    else
        sbuf_printf(&b, "Công văn V/v %s", m->subject);
    return sbuf_take(&b);
}

int render_tree(const doc *tree, const fontset *fs, const render_opts *o, const char *out, render_result *res,
                diag *d)
{
    layout lo = {0};
    page_setup ps;
    page_setup_default(&ps);
    if (layout_document(tree, fs, &ps, &lo, d) < 0) {
        layout_free(&lo);
        return -1;
    }
    /* What the PDF leaves blank for the Hệ thống to assign, the metadata
     * (Info, XMP, sidecar) leaves blank too; CreationDate stays the draft's. */
    const doc_meta *m = &tree->meta;
    char *code = doc_meta_code(m), *title = pdf_title(m);
    archive_xmp ax;
    archive_meta_xmp(&ax, m, (int)lo.npages);
    pdf_meta pm = {
        .title = title,
        .author = m->issuer.full_name,
        .subject = m->subject,
        .keywords = code,
        .creator = "baocao " BAOCAO_VERSION,
        .year = m->date.year,
        .month = m->date.month,
        .day = m->date.day,
        .pdfa = o->pdfa,
        .icc_path = o->icc_path,
        .sig_field = lo.signature.page >= 0 ? "ChuKyNguoiKy" : NULL,
        .seal_field = lo.seal.page >= 0 ? "DauCoQuan" : NULL,
        .extra = &ax.schema,
    };
    pdf_result pr;
    unsigned char *pdf;
    size_t len;
    int rc = pdf_render(&lo, fs, &pm, &pdf, &len, d);
    if (rc == 0) {
        /* The PDF and its sidecar appear together or not at all. */
        pdf_result_of(&pr, &lo, pdf, len);
        char *sidecar = o->sidecar ? archive_meta_path(out) : NULL;
        char *json = sidecar ? archive_meta_json(out, m, &pr) : NULL;
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
    free(code);
    free(title);
    layout_free(&lo);
    return rc;
}

int render_open(render_session *s, const char *in, const render_opts *o, int with_notices, diag *d)
{
    memset(s, 0, sizeof *s);
    if (pipeline_load(&s->p, in, o->data_dir, &o->input, with_notices, d) < 0)
        return -1;
    render_warnings(o, &s->p.sc);
    sbuf fonts_dir = {0};
    sbuf_printf(&fonts_dir, "%s/fonts", o->data_dir);
    int rc = fontset_load(&s->fs, o->font, fonts_dir.s, d);
    sbuf_free(&fonts_dir);
    if (rc < 0)
        render_close(s);
    return rc;
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

int render_unit(const render_session *s, long u, const render_opts *o, const char *out, doc *tree,
                render_result *res, diag *d)
{
    memset(tree, 0, sizeof *tree);
    char *sidecar = o->sidecar ? archive_meta_path(out) : NULL;
    int rc = check_output(&s->p.ds, out, sidecar, d);
    free(sidecar);
    if (rc < 0 || pipeline_build(&s->p, u, &o->report, tree, d) < 0)
        return -1;
    return render_tree(tree, &s->fs, o, out, res, d);
}

void render_close(render_session *s)
{
    fontset_free(&s->fs);
    pipeline_free(&s->p);
}

int render_file(const char *in, const char *out, const render_opts *o, render_result *res, diag *d)
{
    render_session s;
    doc tree = {0};
    if (render_open(&s, in, o, o->unit != NULL, d) < 0)
        return -1;
    long u = o->unit ? pipeline_unit(&s.p, o->unit, d) : -1;
    int rc = (o->unit && u < 0) || render_unit(&s, u, o, out, &tree, res, d) < 0 ? -1 : 0;
    doc_free(&tree);
    render_close(&s);
    return rc;
}
