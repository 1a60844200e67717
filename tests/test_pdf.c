/* test_pdf.c — the PDF backend on hand-built layouts, checked with poppler
 * (pdftotext, pdffonts, pdfinfo, pdftoppm, pdfsig) and qpdf.
 * Needs poppler-utils, qpdf, fonts-liberation2 and fonts-dejavu-core.
 * Set TEST_PDF_KEEP=1 to keep the PDFs (the directory is printed). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "check.h"
#include "pdf.h"
#include "sbuf.h"
#include "text.h"

/* The 134 precomposed Vietnamese letters, NFC. */
static const char LOWER[] = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ";
static const char UPPER[] = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";
/* Raster lines: twelve capitals with a dot below; six with a circumflex,
 * and the same six without it. Plain libharu 2.3.0 drops the dots in DejaVu
 * Serif (nested composite glyphs). */
static const char DOTS[] = "ẠẶẬẸỆỊỌỘỢỤỰỴ";
static const char HATS[] = "ÂÊÔẬỆỘ";
static const char NO_HATS[] = "AEOẠẸỌ";

#define A4_W 595.276
#define A4_H 841.890
#define BIG 28.0                 /* size of the raster lines */
#define DOTS_Y 300.0
#define HATS_Y 220.0
#define NO_HATS_Y 140.0

typedef struct family {
    const char *name;
    const char *path[FACE_COUNT];
} family;

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSerif"
#define LIBERATION "/usr/share/fonts/truetype/liberation2/LiberationSerif"
static const family FAMILIES[] = {
    {"Tinos", {SOURCE_DIR "/fonts/Tinos-Regular.ttf", SOURCE_DIR "/fonts/Tinos-Bold.ttf",
               SOURCE_DIR "/fonts/Tinos-Italic.ttf", SOURCE_DIR "/fonts/Tinos-BoldItalic.ttf"}},
    {"Liberation Serif", {LIBERATION "-Regular.ttf", LIBERATION "-Bold.ttf",
                          LIBERATION "-Italic.ttf", LIBERATION "-BoldItalic.ttf"}},
    /* fonts-dejavu-core has no italics: the italic faces share the upright
     * files, which also tests that a shared file is embedded once. */
    {"DejaVu Serif", {DEJAVU ".ttf", DEJAVU "-Bold.ttf", DEJAVU ".ttf", DEJAVU "-Bold.ttf"}},
};
#define NFAMILIES (sizeof FAMILIES / sizeof FAMILIES[0])

static char tmpdir[] = "/tmp/test_pdf-XXXXXX";

/* ---- hand-built layouts ---- */

static lpage *add_page(layout *lo, double w, double h)
{
    grow(&lo->pages, &lo->cap, lo->npages + 1, sizeof *lo->pages);
    lpage *p = &lo->pages[lo->npages++];
    memset(p, 0, sizeof *p);
    p->width = w;
    p->height = h;
    return p;
}

static litem *add_item(lpage *p, litem_kind kind, double x, double y)
{
    grow(&p->items, &p->cap, p->n + 1, sizeof *p->items);
    litem *it = &p->items[p->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->x = x;
    it->y = y;
    return it;
}

static void add_text(lpage *p, double x, double y, face f, double size, const char *s)
{
    litem *it = add_item(p, ITEM_TEXT, x, y);
    it->face = f;
    it->size = size;
    it->text = s;
}

static void add_rule(lpage *p, double x, double y, double x2, double y2, double width)
{
    litem *it = add_item(p, ITEM_RULE, x, y);
    it->x2 = x2;
    it->y2 = y2;
    it->width = width;
}

static void free_layout(layout *lo)
{
    for (size_t i = 0; i < lo->npages; i++)
        free(lo->pages[i].items);
    free(lo->pages);
}

/* Page 1 (A4 portrait): both letter lines in every face, the circumflex
 * test lines, a signature and a seal box. Page 2 (landscape): rules of two
 * widths, and text between them. */
static void sample_layout(layout *lo)
{
    memset(lo, 0, sizeof *lo);
    lpage *p = add_page(lo, A4_W, A4_H);
    double y = A4_H - 80;
    for (int f = 0; f < FACE_COUNT; f++) {
        add_text(p, 60, y, (face)f, 10, LOWER);
        add_text(p, 60, y - 16, (face)f, 10, UPPER);
        y -= 40;
    }
    add_text(p, 60, DOTS_Y, FACE_REGULAR, BIG, DOTS);
    add_text(p, 60, HATS_Y, FACE_REGULAR, BIG, HATS);
    add_text(p, 60, NO_HATS_Y, FACE_REGULAR, BIG, NO_HATS);
    lo->signature = (lrect){0, 340, 60, 160, 90};
    lo->seal = (lrect){0, 300, 50, 100, 100};

    p = add_page(lo, A4_H, A4_W);
    add_rule(p, 85, 500, 285, 500, 0.5);
    add_text(p, 85, 480, FACE_BOLD, 14, "PHỤ LỤC");
    add_text(p, 400, 480, FACE_REGULAR, 14, "Kết quả chấm điểm");
    add_rule(p, 85, 470, 785, 470, 0.5);
    add_rule(p, 85, 100, 785, 100, 1.0);
    add_text(p, 85, 80, FACE_ITALIC, 12, "Trang cuối.");
}

static const pdf_meta META = {
    .title = "Báo cáo kết quả chấm điểm & xếp loại <2024>",
    .author = "Ủy ban nhân dân thị xã Mường Lay",
    .subject = "Kết quả chấm điểm",
    .keywords = "1004/BC-UBND",
    .creator = "baocao test",
    .year = 2024, .month = 12, .day = 10,
};

static void fill_fontset(fontset *fs, const family *fam)
{
    memset(fs, 0, sizeof *fs);
    fs->family = (char *)fam->name;
    for (int f = 0; f < FACE_COUNT; f++)
        fs->path[f] = (char *)fam->path[f];
}

/* ---- running the checkers ---- */

static char *slurp(FILE *f)
{
    sbuf b = {0};
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        sbuf_add(&b, chunk, k);
    sbuf_puts(&b, "");
    return sbuf_take(&b);
}

/* Runs a shell command; returns its stdout (malloc'd). *err gets its stderr
 * (malloc'd), *status its exit status. */
static char *run(char **err, int *status, const char *fmt, ...)
{
    char cmd[2048], errpath[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(errpath, sizeof errpath, "%s/stderr", tmpdir);
    snprintf(cmd + n, sizeof cmd - (size_t)n, " 2>'%s'", errpath);
    FILE *p = popen(cmd, "r");
    char *out = p ? slurp(p) : xstrdup("");
    int st = p ? pclose(p) : -1;
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    FILE *e = fopen(errpath, "r");
    *err = e ? slurp(e) : xstrdup("");
    if (e)
        fclose(e);
    return out;
}

/* Like run(), for commands that must succeed without a word on stderr. */
static char *run_clean(const char *fmt, const char *path)
{
    char *err;
    int status;
    char *out = run(&err, &status, fmt, path);
    if (status != 0 || err[0])
        fprintf(stderr, "  `%s` on %s: status %d, stderr: %s\n", fmt, path, status, err);
    CHECK(status == 0);
    CHECK_STR(err, "");
    free(err);
    return out;
}

static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n' || p[-1] == '\f') && (p[n] == '\n' || p[n] == '\f' || p[n] == 0))
            return 1;
    return 0;
}

/* Every text item of the sample comes back as a line of its own. */
static void check_text(const char *path, const layout *lo)
{
    char *raw = run_clean("pdftotext -enc UTF-8 '%s' -", path);
    char *text = text_nfc(raw, strlen(raw));
    CHECK(text != NULL);
    for (size_t i = 0; text && i < lo->npages; i++)
        for (size_t j = 0; j < lo->pages[i].n; j++) {
            const litem *it = &lo->pages[i].items[j];
            if (it->kind == ITEM_TEXT && !has_line(text, it->text)) {
                fprintf(stderr, "  %s: line not extracted: %s\n", path, it->text);
                CHECK(0);
            }
        }
    free(text);
    free(raw);
}

/* Every font embedded, subset and with a ToUnicode map; returns how many. */
static int check_fonts(const char *path)
{
    char *out = run_clean("pdffonts '%s'", path);
    int fonts = 0;
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tok[16];
        int n = 0;
        char *s2 = NULL;
        if (strncmp(line, "name ", 5) == 0 || line[0] == '-')
            continue;
        for (char *t = strtok_r(line, " ", &s2); t && n < 16; t = strtok_r(NULL, " ", &s2))
            tok[n++] = t;
        CHECK(n >= 8);
        if (n < 8)
            continue;
        fonts++;
        CHECK_STR(tok[n - 5], "yes");      /* emb */
        CHECK_STR(tok[n - 4], "yes");      /* sub */
        CHECK_STR(tok[n - 3], "yes");      /* uni */
        /* A subset's name: six capital letters and '+' (ISO 32000-1 9.6.4). */
        CHECK(strlen(tok[0]) > 7 && strspn(tok[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 6 &&
              tok[0][6] == '+');
    }
    free(out);
    return fonts;
}

/* The value on pdfinfo's line "key:   value", or "". */
static const char *info_value(const char *out, const char *key)
{
    size_t k = strlen(key);
    for (const char *p = out; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, k) == 0 && p[k] == ':')
            return p + k + 1 + strspn(p + k + 1, " ");
    return "";
}

static int info_is(const char *out, const char *key, const char *value)
{
    const char *v = info_value(out, key);
    size_t n = strlen(value);
    return strncmp(v, value, n) == 0 && v[n] == '\n';
}

static void check_info(const char *path)
{
    char *out = run_clean("pdfinfo -f 1 -l 2 -isodates '%s'", path);
    CHECK(info_is(out, "PDF version", "1.4"));
    CHECK(info_is(out, "Title", META.title));
    CHECK(info_is(out, "Author", META.author));
    CHECK(info_is(out, "Subject", META.subject));
    CHECK(info_is(out, "Keywords", META.keywords));
    CHECK(info_is(out, "Creator", META.creator));
    CHECK(strncmp(info_value(out, "Producer"), "baocao ", 7) == 0);
    CHECK(info_is(out, "CreationDate", "2024-12-10T00:00:00+07"));
    CHECK(info_is(out, "ModDate", "2024-12-10T00:00:00+07"));
    CHECK(info_is(out, "Pages", "2"));
    CHECK(info_is(out, "Page    1 size", "595.276 x 841.89 pts (A4)"));
    CHECK(info_is(out, "Page    2 size", "841.89 x 595.276 pts (A4)"));
    free(out);
}

static void check_qpdf(const char *path)
{
    char *out = run_clean("qpdf --check '%s'", path);
    CHECK(strstr(out, "No syntax or stream encoding errors found") != NULL);
    free(out);
}

/* ---- does the circumflex really render? ---- */

typedef struct gray {
    int w, h;
    unsigned char *px;
} gray;

static int read_pgm(const char *path, gray *g)
{
    FILE *f = fopen(path, "rb");
    int max;
    if (!f)
        return -1;
    int ok = fscanf(f, "P5 %d %d %d", &g->w, &g->h, &max) == 3 && fgetc(f) != EOF &&
             (g->px = malloc((size_t)g->w * (size_t)g->h)) != NULL &&
             fread(g->px, 1, (size_t)g->w * (size_t)g->h, f) == (size_t)g->w * (size_t)g->h;
    fclose(f);
    return ok ? 0 : -1;
}

#define DPI 100
#define PX(pt) ((int)((pt) * DPI / 72.0))
#define INK(g, x, r) ((g)->px[(size_t)(r) * (size_t)(g)->w + (size_t)(x)] < 192)

/* Image row of the highest ink of the line with baseline y (pt). */
static int top_row(const gray *g, double y)
{
    for (int r = PX(A4_H - y - 2 * BIG); r < PX(A4_H - y); r++)
        for (int x = PX(60); x < g->w; x++)
            if (INK(g, x, r))
                return r;
    return -1;
}

/* Separate marks in image rows [r0, r1): runs of columns with ink. */
static int marks(const gray *g, int r0, int r1)
{
    int n = 0, prev = 0;
    for (int x = PX(60); x < g->w; x++) {
        int ink = 0;
        for (int r = r0; r < r1 && !ink; r++)
            ink = INK(g, x, r);
        n += ink && !prev;
        prev = ink;
    }
    return n;
}

/* Counts the dots below the baseline of DOTS, and the marks of HATS above
 * the top of NO_HATS, with 3 px to spare for overshoot. */
static void check_glyphs(const char *path, const char *fam)
{
    char *err, pgm[600];
    int status;
    snprintf(pgm, sizeof pgm, "%s/raster", tmpdir);
    free(run(&err, &status, "pdftoppm -r %d -gray -f 1 -l 1 -singlefile '%s' '%s'", DPI, path,
             pgm));
    CHECK(status == 0);
    free(err);
    strcat(pgm, ".pgm");
    gray g = {0};
    CHECK(read_pgm(pgm, &g) == 0);
    if (!g.px)
        return;
    int dots_base = PX(A4_H - DOTS_Y), hats_base = PX(A4_H - HATS_Y);
    int cap = PX(A4_H - NO_HATS_Y) - top_row(&g, NO_HATS_Y);
    int dots = marks(&g, dots_base + 3, dots_base + PX(BIG / 2));
    int hats = marks(&g, hats_base - PX(2 * BIG), hats_base - cap - 3);
    if (dots != 12 || hats != 6)
        fprintf(stderr, "  %s: %d of 12 dots below %s, %d of 6 circumflexes on %s\n", fam, dots,
                DOTS, hats, HATS);
    CHECK_INT(dots, 12);
    CHECK_INT(hats, 6);
    free(g.px);
}

/* ---- tests ---- */

static char *write_sample(const family *fam, const pdf_meta *m, const char *suffix)
{
    layout lo;
    fontset fs;
    diag d = {0};
    pdf_result res = {0};
    char path[512];
    sample_layout(&lo);
    fill_fontset(&fs, fam);
    snprintf(path, sizeof path, "%s/%s%s.pdf", tmpdir, fam->name, suffix);
    int rc = pdf_write(&lo, &fs, m, path, &res, &d);
    if (rc != 0)
        fprintf(stderr, "  %s: %s\n", path, d.msg);
    CHECK(rc == 0);
    CHECK_INT(res.pages, 2);

    struct stat st;
    CHECK(stat(path, &st) == 0 && (size_t)st.st_size == res.bytes);
    FILE *f = fopen(path, "rb");
    char *bytes = f ? slurp(f) : NULL;
    unsigned char sha[32];
    if (f)
        fclose(f);
    CHECK(bytes != NULL);
    if (bytes) {
        EVP_Digest(bytes, res.bytes, sha, NULL, EVP_sha256(), NULL);
        CHECK(memcmp(sha, res.sha256, 32) == 0);
    }
    free(bytes);
    free_layout(&lo);
    printf("%s: %zu bytes\n", path, res.bytes);
    return xstrdup(path);
}

static void test_family(const family *fam)
{
    char *path = write_sample(fam, &META, "");
    layout lo;
    sample_layout(&lo);
    check_text(path, &lo);
    /* DejaVu's italic faces share the upright files. */
    CHECK_INT(check_fonts(path), strcmp(fam->name, "DejaVu Serif") == 0 ? 2 : 4);
    check_info(path);
    check_qpdf(path);
    check_glyphs(path, fam->name);
    free_layout(&lo);
    free(path);
}

static void test_pdfa_and_fields(const family *fam, pdfa_level level)
{
    pdf_meta m = META;
    m.pdfa = level;
    m.icc_path = "/usr/share/color/icc/sRGB.icc";
    m.sig_field = "ChuKyNguoiCoThamQuyen";
    m.seal_field = "ChuKyCoQuan";
    char *path = write_sample(fam, &m, level == PDFA_1B ? "-pdfa1b" : "-pdfa2b");
    check_qpdf(path);
    check_fonts(path);
    char *out = run_clean("pdfinfo -meta '%s'", path);
    CHECK(strstr(out, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Báo cáo kết quả chấm "
                      "điểm &amp; xếp loại &lt;2024&gt;</rdf:li></rdf:Alt></dc:title>") != NULL);
    CHECK(strstr(out, level == PDFA_1B ? "<pdfaid:part>1<" : "<pdfaid:part>2<") != NULL);
    CHECK(strstr(out, "<xmp:CreateDate>2024-12-10T00:00:00+07:00</xmp:CreateDate>") != NULL);
    free(out);
    out = run_clean("pdfsig '%s'", path);
    CHECK(strstr(out, "ChuKyNguoiCoThamQuyen") != NULL);
    CHECK(strstr(out, "ChuKyCoQuan") != NULL);
    free(out);
    free(path);
}

static int render(const layout *lo, const fontset *fs, const pdf_meta *m, unsigned char **buf,
                  size_t *len)
{
    diag d = {0};
    int rc = pdf_render(lo, fs, m, buf, len, &d);
    if (rc != 0)
        fprintf(stderr, "  pdf_render: %s\n", d.msg);
    return rc;
}

static void test_deterministic(void)
{
    layout lo;
    fontset fs;
    unsigned char *a = NULL, *b = NULL, *c = NULL;
    size_t na = 0, nb = 0, nc = 0;
    pdf_meta m = META;
    sample_layout(&lo);
    fill_fontset(&fs, &FAMILIES[0]);
    m.pdfa = PDFA_1B;
    m.icc_path = "/usr/share/color/icc/sRGB.icc";
    CHECK(render(&lo, &fs, &m, &a, &na) == 0);
    CHECK(render(&lo, &fs, &m, &b, &nb) == 0);
    CHECK(na == nb && na > 0 && memcmp(a, b, na) == 0);
    /* With the faces opened once, as a batch shares them, the second
     * render takes its font programs from the cache: still the same bytes. */
    fontset shared;
    fill_fontset(&shared, &FAMILIES[0]);
    diag d = {0};
    for (int f = 0; f < FACE_COUNT; f++)
        CHECK((shared.ttf[f] = ttf_open(shared.path[f], &d)) != NULL);
    for (int k = 0; k < 2; k++) {
        unsigned char *s = NULL;
        size_t ns = 0;
        CHECK(render(&lo, &shared, &m, &s, &ns) == 0);
        CHECK(ns == na && memcmp(s, a, na) == 0);
        free(s);
    }
    for (int f = 0; f < FACE_COUNT; f++)
        ttf_close(shared.ttf[f]);
    /* The /ID follows the content. */
    m.keywords = "1005/BC-UBND";
    CHECK(render(&lo, &fs, &m, &c, &nc) == 0);
    const char *ida = strstr((char *)a + na - 400, "/ID ["),
               *idc = strstr((char *)c + nc - 400, "/ID [");
    CHECK(ida && idc && memcmp(ida, idc, 40) != 0);
    free(a);
    free(b);
    free(c);
    free_layout(&lo);
}

static void test_errors(void)
{
    layout lo;
    fontset fs;
    diag d = {0};
    char dir[600], path[700];
    sample_layout(&lo);
    fill_fontset(&fs, &FAMILIES[0]);

    CHECK(pdf_write(&lo, &fs, &META, "/nonexistent-dir/x.pdf", NULL, &d) == -1);
    CHECK(strstr(d.msg, "/nonexistent-dir/x.pdf") != NULL);

    /* The rename fails (the target is a directory): the temporary file must go. */
    snprintf(dir, sizeof dir, "%s/errdir", tmpdir);
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    CHECK(mkdir(dir, 0700) == 0 && mkdir(path, 0700) == 0);
    CHECK(pdf_write(&lo, &fs, &META, path, NULL, &d) == -1);
    char *err;
    int status;
    char *ls = run(&err, &status, "ls -A '%s'", dir);
    CHECK_STR(ls, "out.pdf\n");
    free(ls);
    free(err);

    /* A signature field needs its box. */
    d = (diag){0};
    pdf_meta m = META;
    m.sig_field = "Sig";
    lo.signature.page = 5;
    unsigned char *buf = NULL;
    size_t len;
    CHECK(pdf_render(&lo, &fs, &m, &buf, &len, &d) == -1);
    CHECK_STR(d.key, "pdf-sigfield");

    /* PDF/A needs a readable ICC profile. */
    d = (diag){0};
    m = META;
    m.pdfa = PDFA_2B;
    CHECK(pdf_render(&lo, &fs, &m, &buf, &len, &d) == -1);
    CHECK_STR(d.key, "pdf-pdfa");
    m.icc_path = "/nonexistent.icc";
    CHECK(pdf_render(&lo, &fs, &m, &buf, &len, &d) == -1);
    CHECK(strstr(d.msg, "/nonexistent.icc") != NULL);

    /* A missing font file is an error naming it. */
    d = (diag){0};
    fs.path[FACE_BOLD] = "/nonexistent.ttf";
    CHECK(pdf_render(&lo, &fs, &META, &buf, &len, &d) == -1);
    CHECK_STR(d.key, "font-open");
    CHECK(strstr(d.msg, "/nonexistent.ttf") != NULL);
    free_layout(&lo);
}

int main(void)
{
    CHECK(mkdtemp(tmpdir) != NULL);
    for (size_t i = 0; i < NFAMILIES; i++) {
        test_family(&FAMILIES[i]);
        test_pdfa_and_fields(&FAMILIES[i], PDFA_1B);
    }
    test_pdfa_and_fields(&FAMILIES[2], PDFA_2B);
    test_deterministic();
    test_errors();
    if (getenv("TEST_PDF_KEEP"))
        printf("PDFs kept in %s\n", tmpdir);
    else {
        char *err;
        int status;
        free(run(&err, &status, "rm -rf '%s'", tmpdir));
        free(err);
    }
    CHECK_DONE();
}
