/* test_api_oom.c — running out of memory inside any bc_ function is the
 * error "out-of-memory" returned to the caller, never abort(): with an
 * allocator (alloc.h's test hook) that fails the Nth allocation, for N from
 * 0 up until one run needs no more, every call either succeeds or returns
 * -1 with that key. The process ending here (abort, crash) is the failure.
 * What an interrupted call held is not recovered (baocao.h says so), so
 * this test runs without leak checking. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include "alloc.h"
#include "baocao.h"
#include "check.h"

#include <stdlib.h>
#include <unistd.h>

#define SAMPLE SOURCE_DIR "/samples/huyen-dien-bien-2023-07/report.json"

static long left;   /* allocations that succeed before one fails; < 0: none fails */

static void *failing(void *p, size_t n)
{
    if (left == 0)
        return NULL;
    if (left > 0)
        left--;
    return realloc(p, n);
}

/* 0: the call worked; 1: it failed with "out-of-memory"; -1: another error. */
static int outcome(int rc, const bc_error *e)
{
    if (rc == 0)
        return 0;
    if (!strcmp(e->key, "out-of-memory"))
        return 1;
    fprintf(stderr, "unexpected error [%s]: %s\n", e->key, e->message);
    return -1;
}

/* Every entry point that allocates, in the order a program calls them;
 * returns how many failed with out-of-memory (-1 on any other error). */
static int run(const char *pdf, const char *notice)
{
    bc_error e;
    bc_report *r = NULL;
    bc_options o = {.notices = 1};
    int oom = 0, k;
    if ((k = outcome(bc_set_language("vi", NULL, &e), &e)) < 0)
        return -1;
    oom += k;
    if ((k = outcome(bc_report_open(&r, SAMPLE, &o, &e), &e)) < 0)
        return -1;
    oom += k;
    if (r) {
        if ((k = outcome(bc_render_report(r, pdf, &o, &e), &e)) < 0)
            return -1;
        oom += k;
        if ((k = outcome(bc_render_notice(r, bc_report_unit_name(r, 0), notice, &o, &e), &e)) < 0)
            return -1;
        oom += k;
        bc_report_close(r);
    }
    return oom;
}

int main(void)
{
    char dir[] = "/tmp/baocao-oom-XXXXXX", pdf[64], notice[64];
    if (!mkdtemp(dir))
        return 1;
    snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
    snprintf(notice, sizeof notice, "%s/n.pdf", dir);
    bc_data_dir();   /* found once per process, before any failure */
    alloc_set_realloc(failing);

    int runs = 0, failed_runs = 0, clean = 0;
    for (long n = 0; !clean && n < 100000000; n = n < 40 ? n + 1 : n + n / 2) {
        left = n;
        int oom = run(pdf, notice);
        CHECK(oom >= 0);
        if (oom < 0)
            break;
        runs++;
        failed_runs += oom > 0;
        clean = oom == 0;
    }
    left = -1;
    alloc_set_realloc(NULL);
    CHECK(clean);                 /* enough memory: everything worked */
    CHECK(failed_runs >= 40);     /* and before that, the failures came back as errors */
    printf("%d runs, %d with out-of-memory errors\n", runs, failed_runs);
    unlink(pdf);
    unlink(notice);
    char side[80];
    snprintf(side, sizeof side, "%s/r.meta.json", dir);
    unlink(side);
    snprintf(side, sizeof side, "%s/n.meta.json", dir);
    unlink(side);
    rmdir(dir);
    CHECK_DONE();
}
