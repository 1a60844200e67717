/* test_docx.c — the DOCX backend on hand-built trees: what a DOCX cannot
 * hold is refused with a message naming it, and render_tree then leaves no
 * file; what it can is a zip, the same bytes every time. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baocao.h"
#include "check.h"
#include "docx.h"
#include "render.h"

static fontset fs;
static page_setup ps;
static const docx_meta META = {"BÁO CÁO Thử", "Thử", "Ủy ban nhân dân", "1/BC-UBND", "baocao", "Times New Roman",
                               2024, 1, 1};

static void meta(doc *d)
{
    d->meta.type = strdup("BÁO CÁO");
    d->meta.subject = strdup("Thử");
    d->meta.number = strdup("1");
    d->meta.notation = strdup("BC-UBND");
    d->meta.date = (date){2024, 3, 1};
}

/* A table of n columns, one body row "ô 1" … "ô n". */
static void wide_table(doc *d, size_t n)
{
    double *w = malloc(n * sizeof *w);
    for (size_t i = 0; i < n; i++)
        w[i] = 1;
    doc_table *t = doc_add_table(d, n, w, 11);
    doc_row *r = doc_table_row(t, ROW_BODY);
    char s[16];
    for (size_t i = 0; i < n; i++) {
        snprintf(s, sizeof s, "ô %zu", i + 1);
        doc_row_cell(r, s, STYLE_PLAIN, 1, 1, ALIGN_CENTER);
    }
    free(w);
}

/* docx_render's result: 0 and a zip, or -1 and the key in d. */
static int render(const doc *d, diag *dg, unsigned char **out, size_t *len)
{
    memset(dg, 0, sizeof *dg);
    int rc = docx_render(d, &fs, &ps, &META, out, len, dg);
    CHECK(rc == 0 ? *len > 4 && !memcmp(*out, "PK\3\4", 4) : *out == NULL);
    return rc;
}

int main(void)
{
    diag dg = {0};
    if (fontset_load(&fs, NULL, SOURCE_DIR "/fonts", &dg) < 0) {
        fprintf(stderr, "%s\n", dg.msg);
        return 1;
    }
    page_setup_default(&ps);
    unsigned char *a, *b;
    size_t na, nb;

    /* A paragraph, a table with spans and a landscape section: fine, twice the same. */
    doc ok = {0};
    meta(&ok);
    doc_inlines_add(&doc_add_para(&ok, ALIGN_JUSTIFY, 1)->text, "Đoạn văn <thử> & \"trích\"", STYLE_PLAIN);
    doc_add_section(&ok, 1, 1);
    double w3[] = {1, 2, 1};
    doc_table *t = doc_add_table(&ok, 3, w3, 11);
    t->header_rows = 2;
    doc_row *r = doc_table_row(t, ROW_HEADER);
    doc_row_cell(r, "STT", STYLE_BOLD, 1, 2, ALIGN_CENTER);
    doc_row_cell(r, "Điểm", STYLE_BOLD, 2, 1, ALIGN_CENTER);
    r = doc_table_row(t, ROW_HEADER);
    doc_row_cell(r, "A", STYLE_BOLD, 1, 1, ALIGN_CENTER);
    doc_row_cell(r, "B", STYLE_BOLD, 1, 1, ALIGN_CENTER);
    doc_row_cell(doc_table_row(t, ROW_SECTION), "Cấp xã", STYLE_PLAIN, 1, 1, ALIGN_LEFT);
    CHECK_INT(render(&ok, &dg, &a, &na), 0);
    CHECK_INT(render(&ok, &dg, &b, &nb), 0);
    CHECK(na == nb && !memcmp(a, b, na));
    free(a);
    free(b);

    /* A control character XML 1.0 cannot carry. */
    doc ctl = {0};
    meta(&ctl);
    doc_inlines_add(&doc_add_para(&ctl, ALIGN_JUSTIFY, 1)->text, "Chuông \x07 reo", STYLE_PLAIN);
    CHECK_INT(render(&ctl, &dg, &a, &na), -1);
    CHECK_STR(dg.key, "docx-char");
    CHECK(strstr(dg.msg, "U+0007") && strstr(dg.msg, "Chuông"));

    /* More columns than Word holds. */
    doc wide = {0};
    meta(&wide);
    wide_table(&wide, 64);
    CHECK_INT(render(&wide, &dg, &a, &na), -1);
    CHECK_STR(dg.key, "docx-table-columns");
    CHECK(strstr(dg.msg, "64 columns") && strstr(dg.msg, "\"ô 1\""));
    doc fits = {0};
    meta(&fits);
    wide_table(&fits, 63);
    CHECK_INT(render(&fits, &dg, &a, &na), 0);
    free(a);

    /* A cell spanning into a column a rowspan from above covers. */
    doc over = {0};
    meta(&over);
    t = doc_add_table(&over, 3, w3, 11);
    r = doc_table_row(t, ROW_BODY);
    doc_row_cell(r, "A", STYLE_PLAIN, 1, 1, ALIGN_LEFT);
    doc_row_cell(r, "B", STYLE_PLAIN, 1, 2, ALIGN_LEFT);
    doc_row_cell(r, "C", STYLE_PLAIN, 1, 1, ALIGN_LEFT);
    doc_row_cell(doc_table_row(t, ROW_BODY), "D", STYLE_PLAIN, 2, 1, ALIGN_LEFT);
    CHECK_INT(render(&over, &dg, &a, &na), -1);
    CHECK_STR(dg.key, "docx-table-overlap");
    CHECK(strstr(dg.msg, "row 2") != NULL);

    /* Through render_tree: the layout takes 64 columns, the DOCX does not;
     * nothing is written. */
    char dir[] = "/tmp/test_docx.XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/wide.docx", dir);
    render_opts o;
    render_opts_default(&o, SOURCE_DIR);
    memset(&dg, 0, sizeof dg);
    CHECK_INT(render_tree(&wide, &fs, &o, path, NULL, &dg), -1);
    CHECK_STR(dg.key, "docx-table-columns");
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof path, "%s/ok.docx", dir);
    CHECK_INT(render_tree(&ok, &fs, &o, path, NULL, &dg), 0);
    CHECK(access(path, F_OK) == 0);
    remove(path);

    /* Through the public API: by the name, or by the option. */
    bc_report *rep;
    bc_error err;
    bc_options bo = {.data_dir = SOURCE_DIR, .format = BC_FORMAT_DOCX};
    CHECK_INT(bc_report_open(&rep, SOURCE_DIR "/samples/muong-lay-2024-11/report.json", NULL, &err), 0);
    snprintf(path, sizeof path, "%s/api.docx", dir);
    CHECK_INT(bc_render_report(rep, path, NULL, &err), 0);
    FILE *f = fopen(path, "rb");
    char head[4] = {0};
    CHECK(f && fread(head, 1, 4, f) == 4 && !memcmp(head, "PK\3\4", 4));
    if (f)
        fclose(f);
    remove(path);
    CHECK_INT(bc_render_report(rep, path, &bo, &err), 0);
    CHECK(access(path, F_OK) == 0);
    remove(path);
    snprintf(path, sizeof path, "%s/api.pdf", dir);
    CHECK_INT(bc_render_report(rep, path, &bo, &err), -1);
    CHECK_STR(err.key, "out-format");
    bc_report_close(rep);
    rmdir(dir);

    doc_free(&ok);
    doc_free(&ctl);
    doc_free(&wide);
    doc_free(&fits);
    doc_free(&over);
    fontset_free(&fs);
    CHECK_DONE();
}
