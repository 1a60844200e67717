/* render.c — one report from data to PDF. */
#include "render.h"
#include "archive_meta.h"
#include "cancel.h"
#include "fileio.h"
#include "pipeline.h"
#include "review.h"
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

/* The name's extension (".docx"), or NULL when the last component has none. */
static const char *extension(const char *path)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) ? dot : NULL;
}

unsigned render_format(const render_opts *o, const char *out)
{
    if (o->formats == FORMAT_PDF || o->formats == FORMAT_DOCX)
        return o->formats;
    const char *ext = extension(out);
    return ext && !strcasecmp(ext, ".docx") ? FORMAT_DOCX : FORMAT_PDF;
}

/* The DOCX of a tree the layout lo accepted, written alone (no sidecar:
 * drafts are not filed). Times New Roman is named unless another font was
 * asked for: the shipped Tinos only stands in for it. */
static int write_docx(const doc *tree, const fontset *fs, const page_setup *ps, const layout *lo,
                      const render_opts *o, const char *out, pdf_result *pr, diag *d)
{
    const doc_meta *m = &tree->meta;
    char *code = doc_meta_code(m);
    docx_meta dm = {
        .title = m->title,
        .subject = m->subject,
        .creator = m->issuer.full_name,
        .keywords = code,
        .application = "baocao " BAOCAO_VERSION,
        .font = o->font ? fs->family : "Times New Roman",
        .year = m->date.year,
        .month = m->date.month,
        .day = m->date.day,
    };
    unsigned char *buf;
    size_t len;
    int rc = docx_render(tree, fs, ps, &dm, &buf, &len, d);
    if (rc == 0 && (rc = cancel_check(d)) < 0)
        free(buf);
    if (rc == 0) {
        pdf_result_of(pr, lo, buf, len);
        file_part part = {out, buf, len};
        rc = file_write_together(&part, 1, !o->defer_sync, d);
        free(buf);
    }
    free(code);
    return rc;
}

int render_tree(const doc *tree, const fontset *fs, const render_opts *o, const char *out, render_result *res,
                diag *d)
{
    layout lo = {0};
    page_setup ps;
    page_setup_default(&ps);
    if (layout_document(tree, fs, &ps, &lo, d) < 0 || cancel_check(d) < 0) {
        layout_free(&lo);
        return -1;
    }
    if (render_format(o, out) == FORMAT_DOCX) {
        pdf_result pr;
        int rc = write_docx(tree, fs, &ps, &lo, o, out, &pr, d);
        if (rc == 0 && res)
            *res = (render_result){pr, lo.signature, lo.seal};
        layout_free(&lo);
        return rc;
    }
    /* What the PDF leaves blank for the Hệ thống to assign, the metadata
     * (Info, XMP, sidecar) leaves blank too; CreationDate stays the draft's. */
    const doc_meta *m = &tree->meta;
    char *code = doc_meta_code(m);
    archive_xmp ax;
    archive_meta_xmp(&ax, m, (int)lo.npages);
    pdf_meta pm = {
        .title = m->title,
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
    if (rc == 0 && (rc = cancel_check(d)) < 0)
        free(pdf);
    if (rc == 0) {
        /* The PDF and its sidecar appear together or not at all. */
        pdf_result_of(&pr, &lo, pdf, len);
        char *sidecar = o->sidecar ? archive_meta_path(out) : NULL;
        char *json = sidecar ? archive_meta_json(out, m, &pr) : NULL;
        file_part parts[] = {{out, pdf, len}, {sidecar, json, json ? strlen(json) : 0}};
        rc = file_write_together(parts, sidecar ? 2 : 1, !o->defer_sync, d);
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
    layout_free(&lo);
    return rc;
}

/* The review of a loaded pipeline (and of its notices, if loaded). */
static void review(const pipeline *p, int strict, findings *out)
{
    review_dataset(&p->ds, &p->sc, strict, out);
    if (p->notice_tmpl)
        review_notices(&p->ds, &p->sc, &p->ns, out);
}

int render_open(render_session *s, const char *in, const render_opts *o, int with_notices, diag *d)
{
    memset(s, 0, sizeof *s);
    if (pipeline_load(&s->p, in, o->data_dir, &o->input, with_notices, d) < 0)
        return -1;
    review(&s->p, o->strict, &s->review);
    int rc = 0;
    for (size_t i = 0; i < s->review.n; i++) {
        if (s->review.v[i].severity == SEVERITY_ERROR && rc == 0)
            rc = -1, *d = s->review.v[i].d;   /* returned, so not listed twice */
        else if (o->review)
            findings_add_diag(o->review, s->review.v[i].severity, &s->review.v[i].d);
    }
    sbuf fonts_dir = {0};
    sbuf_printf(&fonts_dir, "%s/fonts", o->data_dir);
    if (rc == 0)
        rc = cancel_check(d) < 0 ? -1 : fontset_load(&s->fs, o->font, fonts_dir.s, d);
    sbuf_free(&fonts_dir);
    if (rc < 0)
        render_close(s);
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

/* check's load: with the notices when report.json has them; an error in
 * them is reported and the report checked without them. */
static int check_load(pipeline *p, const char *in, const render_opts *o, findings *out)
{
    diag d = {0}, plain = {0};
    if (pipeline_load(p, in, o->data_dir, &o->input, 1, &d) == 0)
        return 0;
    if (pipeline_load(p, in, o->data_dir, &o->input, 0, &plain) < 0) {
        findings_add_diag(out, SEVERITY_ERROR, &plain);   /* the report's own error */
        return -1;
    }
    if (strcmp(d.key, "no-notices"))
        findings_add_diag(out, SEVERITY_ERROR, &d);
    return 0;
}

size_t render_check(const char *in, const render_opts *o, findings *out, check_result *res)
{
    pipeline p;
    fontset fs = {0};
    doc tree = {0};
    diag d = {0};
    memset(res, 0, sizeof *res);
    if (check_load(&p, in, o, out) < 0)
        return findings_count(out, SEVERITY_ERROR);
    res->units = p.ds.nunits;
    snprintf(res->scheme, sizeof res->scheme, "%s", p.ds.scheme.id);
    review(&p, o->strict, out);
    sbuf fonts_dir = {0};
    sbuf_printf(&fonts_dir, "%s/fonts", o->data_dir);
    if (fontset_load(&fs, o->font, fonts_dir.s, &d) < 0) {
        findings_add_diag(out, SEVERITY_ERROR, &d);
        goto out;
    }
    if (cancel_check(&d) < 0 || pipeline_build(&p, -1, &o->report, &tree, &d) < 0)
        findings_add_diag(out, SEVERITY_ERROR, &d), doc_free(&tree);
    else
        check_tree(&tree, &fs, NULL, out);
    for (size_t u = 0; p.notice_tmpl && u < p.ds.nunits; u++) {
        if (!p.sc.units[u].now.scored)
            continue;   /* no notice (review_notices says so) */
        if (cancel_check(&d) < 0) {
            findings_add_diag(out, SEVERITY_ERROR, &d);
            break;
        }
        if (pipeline_build(&p, (long)u, &o->report, &tree, &d) < 0) {
            diag_prefix(&d, "%s", p.ds.units[u].name);
            findings_add_diag(out, SEVERITY_ERROR, &d);
            doc_free(&tree);
        } else {
            check_tree(&tree, &fs, p.ds.units[u].name, out);
        }
    }
out:
    sbuf_free(&fonts_dir);
    fontset_free(&fs);
    pipeline_free(&p);
    return findings_count(out, SEVERITY_ERROR);
}

/* `render -o scores.csv` must not destroy the data: an output is never one
 * of the input files (same device and inode), and the PDF (DOCX) never
 * replaces a file that is not one (templates, schemes, fonts, any other input). */
static int check_output(const dataset *ds, const render_opts *o, const char *out, const char *sidecar, diag *d)
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
    int docx = render_format(o, out) == FORMAT_DOCX;
    const char *magic = docx ? "PK\3\4" : "%PDF-", *want = docx ? ".docx" : ".pdf", *ext = extension(out);
    char head[5] = {0};
    FILE *f = fopen(out, "rb");
    size_t n = f ? fread(head, 1, strlen(magic), f) : 0;
    if (f)
        fclose(f);
    if (n > 0 && memcmp(head, magic, n))
        return docx ? diag_set(d, "out-not-docx", "%s: exists and is not a DOCX; it is not replaced (an input?)", out)
                    : diag_set(d, "out-not-pdf", "%s: exists and is not a PDF; it is not replaced (an input?)", out);
    /* A PDF named .docx (or .odt) would mislead whoever opens it. */
    if (ext && strcasecmp(ext, want))
        return diag_set(d, "out-format", "%s: a %s is written to a name ending in %s, not %s", out,
                        docx ? "DOCX" : "PDF", want, ext);
    return 0;
}

int render_unit(const render_session *s, long u, const render_opts *o, const char *out, doc *tree,
                render_result *res, diag *d)
{
    memset(tree, 0, sizeof *tree);
    char *sidecar = o->sidecar && render_format(o, out) == FORMAT_PDF ? archive_meta_path(out) : NULL;
    int rc = check_output(&s->p.ds, o, out, sidecar, d);
    free(sidecar);
    if (rc < 0 || cancel_check(d) < 0 || pipeline_build(&s->p, u, &o->report, tree, d) < 0 || cancel_check(d) < 0)
        return -1;
    return render_tree(tree, &s->fs, o, out, res, d);
}

void render_close(render_session *s)
{
    findings_free(&s->review);
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
