/* test_api.c — the public API alone (include/baocao.h): every input error
 * the library can place comes back in bc_error with its file, line,
 * column, unit and indicator — a JSON field of report.json, a JSON syntax
 * error, a CSV cell, a CSV row, a worksheet cell, a template position —
 * and warnings and notes reach the caller's bc_options.notify instead of
 * being printed. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "baocao.h"
#include "check.h"

#include <stdlib.h>
#include <unistd.h>

#define SAMPLE SOURCE_DIR "/samples/huyen-dien-bien-2023-07"

static char dir[64];

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    s[fread(s, 1, (size_t)n, f)] = 0;
    fclose(f);
    return s;
}

static char *in_dir(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static void spit(const char *name, const char *text, size_t n)
{
    FILE *f = fopen(in_dir(name), "wb");
    fwrite(text, 1, n, f);
    fclose(f);
}

/* The sample's file `name` into the folder as `as`, its first `from`
 * replaced by `to` (from NULL: as it is). */
static void copy_edited(const char *name, const char *as, const char *from, const char *to)
{
    char src[256];
    snprintf(src, sizeof src, "%s/%s", SAMPLE, name);
    char *s = slurp(src);
    const char *at = from ? strstr(s, from) : NULL;
    if (from && !at) {
        fprintf(stderr, "%s has no \"%s\"\n", name, from);
        exit(1);
    }
    FILE *f = fopen(in_dir(as), "wb");
    if (at) {
        fwrite(s, 1, (size_t)(at - s), f);
        fputs(to, f);
        fputs(at + strlen(from), f);
    } else {
        fputs(s, f);
    }
    fclose(f);
    free(s);
}

/* The 1-based line of the first `needle` in the folder's file `name`. */
static int line_of(const char *name, const char *needle)
{
    char *s = slurp(in_dir(name));
    const char *at = strstr(s, needle);
    int line = 1;
    for (const char *p = s; at && p < at; p++)
        line += *p == '\n';
    free(s);
    return at ? line : 0;
}

static void fresh(void)
{
    copy_edited("report.json", "report.json", NULL, NULL);
    copy_edited("scores.csv", "scores.csv", NULL, NULL);
    remove(in_dir("body.tpl"));
}

/* Opens the folder's report.json (and renders it): the error of the first
 * call that fails, key "" when none did. */
static bc_error run(const bc_options *o)
{
    bc_error err;
    bc_report *r;
    memset(&err, 0, sizeof err);
    if (bc_report_open(&r, in_dir("report.json"), o, &err) == 0) {
        if (bc_render_report(r, in_dir("out.pdf"), o, &err) == 0)
            err.key[0] = 0;
        bc_report_close(r);
    }
    return err;
}

/* The folder's report.json with its first `from` replaced by `to`, run. */
static bc_error run_edited(const char *from, const char *to)
{
    fresh();
    copy_edited("report.json", "report.json", from, to);
    return run(NULL);
}

/* The error's key, file and line (the caller's line in a failure). */
#define CHECK_AT(e, k, f, l) \
    do { \
        CHECK_STR((e).key, k); \
        CHECK_STR((e).file, f); \
        CHECK_INT((e).line, l); \
    } while (0)

typedef struct heard {
    int notes, warnings;
    char first_note[1024];
} heard;

static void listen(void *ctx, bc_severity s, const bc_error *w)
{
    heard *h = ctx;
    if (s == BC_NOTE && !strcmp(w->key, "scores-read")) {
        if (!h->notes++)
            snprintf(h->first_note, sizeof h->first_note, "%s", w->message);
    } else if (s == BC_WARNING) {
        h->warnings++;
    }
}

static void count_filed(void *ctx, bc_filed what, const char *rel)
{
    (void)rel;
    ((int *)ctx)[what]++;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/baocao-api-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    char report[256];
    snprintf(report, sizeof report, "%s", in_dir("report.json"));
    bc_error e;

    /* A JSON field of the wrong type: report.json, the line of the field. */
    e = run_edited("\"number\": \"", "\"number\": 7, \"x\": \"");
    CHECK_AT(e, "json-type", report, line_of("report.json", "\"number\""));
    CHECK(e.line > 1);

    /* A required field missing inside an object: the object's line. */
    e = run_edited("\"notation\"", "\"notation_\"");
    CHECK_AT(e, "json-missing", report, line_of("report.json", "\"document\""));

    /* Malformed JSON: line and column. */
    e = run_edited("\"scale\": 100,", "\"scale\": 100,,");
    CHECK_AT(e, "json-syntax", report, line_of("report.json", ",,"));
    CHECK(e.column > 0);

    /* A score above its maximum: the CSV line and field, unit, indicator. */
    fresh();
    char *csv = slurp(in_dir("scores.csv"));
    char *row3 = strchr(strchr(csv, '\n') + 1, '\n') + 1;   /* the second unit's line */
    char *name_end = strchr(row3, ',');
    char unit[256];
    snprintf(unit, sizeof unit, "%.*s", (int)(name_end - row3), row3);
    free(csv);
    {
        /* Its sixth field (the tien_do indicator, max 30) becomes 99. */
        char from[512], to[512];
        char *c2 = slurp(in_dir("scores.csv"));
        char *r3 = strchr(strchr(c2, '\n') + 1, '\n') + 1, *p = r3;
        for (int k = 0; k < 5; p++)
            k += *p == ',';
        char *q = strchr(p, ',');
        snprintf(from, sizeof from, "%.*s", (int)(q - r3), r3);
        snprintf(to, sizeof to, "%.*s99", (int)(p - r3), r3);
        free(c2);
        copy_edited("scores.csv", "scores.csv", from, to);
    }
    e = run(NULL);
    CHECK_AT(e, "score-above-max", in_dir("scores.csv"), 3);
    CHECK_INT(e.column, 6);
    CHECK_STR(e.unit, unit);
    CHECK_STR(e.indicator, "tien_do");

    /* A quoted field never closed: the line it starts on. */
    fresh();
    char *all = slurp(in_dir("scores.csv"));
    size_t n = strlen(all);
    all = realloc(all, n + 32);
    strcpy(all + n, "\"UBND xã Mới,II,5\n");
    spit("scores.csv", all, strlen(all));
    int last = 1;
    for (const char *p = all; *p; p++)
        last += *p == '\n' && p[1];
    free(all);
    e = run(NULL);
    CHECK_AT(e, "csv-unclosed-quote", in_dir("scores.csv"), last);

    /* A byte that is no character, on the file's fourth line: that line,
     * when the encoding is given, and when it has to be guessed. */
    fresh();
    char *enc = slurp(in_dir("scores.csv"));
    char *line4 = strchr(strchr(strchr(enc, '\n') + 1, '\n') + 1, '\n') + 1;
    line4[0] = '\x81';   /* undefined in Windows-1258, invalid in UTF-8 */
    spit("scores.csv", enc, strlen(enc));
    free(enc);
    e = run(NULL);
    CHECK_AT(e, "csv-encoding", in_dir("scores.csv"), 4);

    /* A worksheet cell: row 17, column K (11) of bad.xlsx. */
    fresh();
    char xlsx[256];
    snprintf(xlsx, sizeof xlsx, "%s/tests/data/xlsx/bad.xlsx", SOURCE_DIR);
    char *wb = slurp(xlsx);
    FILE *f = fopen(xlsx, "rb");
    fseek(f, 0, SEEK_END);
    spit("bad.xlsx", wb, (size_t)ftell(f));
    fclose(f);
    free(wb);
    copy_edited("report.json", "report.json", "\"scores.csv\",", "\"bad.xlsx\", \"sheet\": \"Điểm\",");
    e = run(NULL);
    CHECK_AT(e, "score-above-max", in_dir("bad.xlsx"), 17);
    CHECK_INT(e.column, 11);
    CHECK_STR(e.unit, "UBND xã Núa Ngam");
    CHECK_STR(e.indicator, "so_hoa.cs2");

    /* A template beside report.json that names an unknown variable. */
    fresh();
    const char tpl[] = "Dòng một.\n\nĐoạn hai: {{khong_co_bien_nay}}\n";
    spit("body.tpl", tpl, sizeof tpl - 1);
    e = run(NULL);
    CHECK_AT(e, "tmpl-unknown", in_dir("body.tpl"), 3);
    CHECK_INT(e.column, 11);   /* the "{{" */

    /* Notes and warnings go to the caller; the render succeeds. */
    fresh();
    heard h = {0};
    bc_options o = {.notify = listen, .notify_ctx = &h};
    e = run(&o);
    CHECK_STR(e.key, "");
    CHECK_INT(h.notes, 1);
    CHECK(strstr(h.first_note, "scores.csv: encoding utf-8") != NULL);
    /* bc_report_warning lists the review's warnings only, as notify told them. */
    bc_report *r;
    CHECK(bc_report_open(&r, in_dir("report.json"), NULL, &e) == 0);
    CHECK_INT(bc_report_warning_count(r), h.warnings);
    CHECK(bc_report_warning(r, bc_report_warning_count(r)) == NULL);
    bc_report_close(r);

    /* bc_archive into a local archive: the PDF and its sidecar stored, then
     * skipped on a second call; each outcome told. */
    char *paths[] = {in_dir("out.pdf")}, archive[128];
    snprintf(archive, sizeof archive, "%s/archive", dir);
    int told[4] = {0};
    CHECK_INT(bc_archive(paths, 1, archive, count_filed, told, NULL, &e), 0);
    CHECK_INT(told[BC_FILED_STORED], 2);
    CHECK_INT(bc_archive(paths, 1, archive, count_filed, told, NULL, &e), 0);
    CHECK_INT(told[BC_FILED_SKIPPED], 2);
    CHECK_INT(bc_archive(paths, 1, "", NULL, NULL, NULL, &e), -1);
    CHECK(e.message[0] != 0);
    char rm[160];
    snprintf(rm, sizeof rm, "rm -rf '%s'", archive);
    CHECK_INT(system(rm), 0);

    /* bc_batch_zip: a kept batch folder's ZIP, the bytes bc_batch's as_zip
     * writes. */
    char folder[160], zip1[160], zip2[160];
    snprintf(folder, sizeof folder, "%s/batch", dir);
    snprintf(zip1, sizeof zip1, "%s/a.zip", dir);
    snprintf(zip2, sizeof zip2, "%s/b.zip", dir);
    bc_options bo = {.notices = 1};
    CHECK_INT(bc_batch(SAMPLE "/report.json", zip1, 1, &bo, &e), 0);
    CHECK_INT(bc_batch(SAMPLE "/report.json", folder, 0, &bo, &e), 0);
    CHECK_INT(bc_batch_zip(folder, zip2, &e), 0);
    char *z1 = slurp(zip1), *z2 = slurp(zip2);
    CHECK(z1[0] == 'P' && !memcmp(z1, z2, 4));
    snprintf(rm, sizeof rm, "cmp -s '%s' '%s'", zip1, zip2);
    CHECK_INT(system(rm), 0);
    free(z1), free(z2);
    CHECK_INT(bc_batch_zip(archive, zip2, &e), -1);   /* not a batch folder */
    CHECK(e.message[0] != 0);
    snprintf(rm, sizeof rm, "rm -rf '%s' '%s' '%s'", folder, zip1, zip2);
    CHECK_INT(system(rm), 0);

    remove(in_dir("out.pdf"));
    remove(in_dir("out.meta.json"));
    remove(in_dir("bad.xlsx"));
    remove(in_dir("report.json"));
    remove(in_dir("scores.csv"));
    remove(in_dir("body.tpl"));
    rmdir(dir);
    CHECK_DONE();
}
