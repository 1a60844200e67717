/* test_api_cancel.c — bc_options.cancelled through the public API alone:
 * with a hook that says stop from its Nth question on, for N from 1 up
 * until a call finishes before it, every function returns -1 with the key
 * "cancelled" and leaves its output folder as it was: no PDF, DOCX,
 * sidecar or ZIP, no temporary; a batch folder it made is gone, one it
 * found keeps its files and manifest byte for byte. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, popen */
#include "baocao.h"
#include "check.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define SAMPLE SOURCE_DIR "/samples/huyen-dien-bien-2023-07/report.json"

static atomic_long asked, stop_at;   /* questions so far; the first that gets "stop" (0: none) */

static int stop(void *ctx)
{
    (void)ctx;
    long n = ++asked;
    return stop_at && n >= stop_at;
}

static char dir[64];

/* Every file under dir with its size and checksum, one a line, sorted. */
static char *listing(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -type f -exec cksum {} + | sort -k3", dir);
    FILE *p = popen(cmd, "r");
    char *s = calloc(1, 1 << 20);
    size_t n = fread(s, 1, (1 << 20) - 1, p);
    s[n] = 0;
    pclose(p);
    return s;
}

static char *path(const char *name)
{
    static char buf[4][128];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* One call under test: 0 done, -1 failed with e set. */
typedef int call_fn(const bc_options *o, bc_error *e);

static int open_close(const bc_options *o, bc_error *e)
{
    bc_report *r;
    int rc = bc_report_open(&r, SAMPLE, o, e);
    CHECK(rc == 0 || !r);
    bc_report_close(r);
    return rc;
}

static bc_report *opened;   /* opened without a hook, for the calls that take one */

static int render_report(const bc_options *o, bc_error *e) { return bc_render_report(opened, path("r.pdf"), o, e); }

static int render_docx(const bc_options *o, bc_error *e) { return bc_render_report(opened, path("r.docx"), o, e); }

static int render_notice(const bc_options *o, bc_error *e)
{
    return bc_render_notice(opened, bc_report_unit_name(opened, 3), path("n.pdf"), o, e);
}

static int facts(const bc_options *o, bc_error *e)
{
    char *json = (char *)1;
    int rc = bc_facts(opened, o, &json, e);
    CHECK(rc == 0 ? json != NULL : json == NULL);
    bc_free(json);
    return rc;
}

static int check(const bc_options *o, bc_error *e)
{
    bc_finding *f = (bc_finding *)1;
    size_t n = 1;
    long rc = bc_check(SAMPLE, o, &f, &n, e);
    CHECK(rc >= 0 || (f == NULL && n == 0));
    bc_free(f);
    return rc < 0 ? -1 : 0;
}

static int batch_new(const bc_options *o, bc_error *e) { return bc_batch(SAMPLE, path("new/b"), 0, o, e); }

static int batch_again(const bc_options *o, bc_error *e) { return bc_batch(SAMPLE, path("old"), 0, o, e); }

static int batch_zip(const bc_options *o, bc_error *e) { return bc_batch(SAMPLE, path("b.zip"), 1, o, e); }

static int archive(const bc_options *o, bc_error *e)
{
    char *from[] = {path("issued/r.pdf")};
    return bc_archive(from, 1, path("archive"), NULL, NULL, o, e) < 0 ? -1 : 0;
}

/* Runs call with the hook stopping at its 1st, 2nd, … question until one
 * run finishes first; each stopped run must fail with "cancelled" and
 * leave the folder as it was. Removes what the finished run made (the
 * files of `made`, space-separated names) so the next call starts from
 * the same folder. */
static void sweep(const char *what, call_fn *call, const char *made)
{
    bc_options o = {.notices = 1, .jobs = 2, .cancelled = stop};
    char *before = listing();
    int stopped = 0;
    for (long n = 1;; n = n < 40 ? n + 1 : n + n / 2) {
        bc_error e = {0};
        asked = 0;
        stop_at = n;
        int rc = call(&o, &e);
        if (rc == 0)
            break;
        stopped++;
        if (strcmp(e.key, "cancelled"))
            fprintf(stderr, "%s, stopped at question %ld: [%s] %s\n", what, n, e.key, e.message);
        CHECK_STR(e.key, "cancelled");
        if (strcmp(e.key, "cancelled"))
            break;
        char *after = listing();
        if (strcmp(before, after))
            fprintf(stderr, "%s, stopped at question %ld: the folder changed:\n%s---\n%s", what, n, before, after);
        CHECK(!strcmp(before, after));
        free(after);
    }
    long questions = asked;
    printf("%s: %d runs stopped, %ld questions in a whole run\n", what, stopped, questions);
    CHECK(stopped >= 1);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cd '%s' && rm -rf %s", dir, made);
    CHECK_INT(system(cmd), 0);
    free(before);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    snprintf(dir, sizeof dir, "/tmp/baocao-cancel-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    bc_error e;
    bc_options plain = {.notices = 1};
    CHECK_INT(bc_report_open(&opened, SAMPLE, &plain, &e), 0);
    /* A batch folder made before, which a cancelled batch must leave as it is. */
    CHECK_INT(bc_batch(SAMPLE, path("old"), 0, &plain, &e), 0);
    CHECK_INT(mkdir(path("issued"), 0755), 0);
    CHECK_INT(bc_render_report(opened, path("issued/r.pdf"), &plain, &e), 0);

    sweep("bc_report_open", open_close, "");
    sweep("bc_render_report", render_report, "r.pdf r.meta.json");
    sweep("bc_render_report (DOCX)", render_docx, "r.docx");
    sweep("bc_render_notice", render_notice, "n.pdf n.meta.json");
    sweep("bc_facts", facts, "");
    sweep("bc_check", check, "");
    sweep("bc_batch into a new folder", batch_new, "new");
    sweep("bc_batch into a folder with a batch", batch_again, "");
    sweep("bc_batch as a ZIP", batch_zip, "b.zip");
    /* bc_archive asks before each file (what it filed before stays, listed). */
    sweep("bc_archive", archive, "archive");

    /* A hook that never says stop changes nothing. */
    bc_options never = {.cancelled = stop};
    stop_at = 0;
    CHECK_INT(bc_render_report(opened, path("r.pdf"), &never, &e), 0);
    CHECK(asked > 5);

    bc_report_close(opened);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    CHECK_DONE();
}
