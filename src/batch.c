/* batch.c — the summary report and every unit's notice, on a thread pool. */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"
#include "archive_meta.h"
#include "input.h"
#include "manifest.h"
#include "notice.h"
#include "sbuf.h"
#include "score.h"
#include "text.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STEM_MAX 80   /* bytes of a file name before ".pdf" and a "-N" suffix */

char *batch_file_stem(const char *name)
{
    /* text_fold strips the diacritics (utf8proc decomposition) and maps đ to
     * d; whatever is not [a-z0-9] then becomes one dash: no "/", no "..", no
     * control or non-ASCII character can reach the file system. */
    char *f = text_fold(name);
    sbuf b = {0};
    for (const char *p = f; *p && b.len < STEM_MAX; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            sbuf_putc(&b, *p);
        else if (b.len && b.s[b.len - 1] != '-')
            sbuf_putc(&b, '-');
    }
    free(f);
    while (b.len && b.s[b.len - 1] == '-')
        b.s[--b.len] = 0;
    if (!b.len)
        sbuf_puts(&b, "don-vi");
    return sbuf_take(&b);
}

/* One document to make: the summary report (unit < 0) or a unit's notice. */
typedef struct job {
    long unit;
    const char *label;     /* unit name, or the report's agency */
    char *file;            /* "xa-binh-thanh.pdf" */
    char *sidecar;         /* "xa-binh-thanh.meta.json", or NULL without sidecars */
    char code[128], date[16];
    int failed;
    diag d;
    render_result res;
} job;

typedef struct pool {
    const dataset *ds;
    const scoring *sc;
    const notice_set *ns;
    const fontset *fs;
    const batch_opts *o;
    report_opts ro;
    job *jobs;
    size_t njobs;
    pthread_mutex_t lock;  /* guards next and done, and the progress bar */
    size_t next, done;
} pool;

/* Unique names in job order, so that the same input always gives the same
 * files: a second "Xã Bình Yên" becomes xa-binh-yen-2.pdf. */
static void name_jobs(job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *stem = batch_file_stem(jobs[i].label);
        sbuf b = {0};
        for (int k = 1;; k++) {
            sbuf_reset(&b);
            if (k == 1)
                sbuf_printf(&b, "%s.pdf", stem);
            else
                sbuf_printf(&b, "%s-%d.pdf", stem, k);
            size_t j = 0;
            while (j < i && strcmp(jobs[j].file, b.s))
                j++;
            if (j == i)
                break;
        }
        jobs[i].file = sbuf_take(&b);
        free(stem);
    }
}

static void progress(pool *p)
{
    enum { WIDTH = 40 };
    if (!p->o->progress)
        return;
    size_t fill = p->done * WIDTH / p->njobs;
    char bar[WIDTH + 1];
    memset(bar, '#', fill);
    memset(bar + fill, '.', WIDTH - fill);
    bar[WIDTH] = 0;
    fprintf(stderr, "\r[%s] %zu/%zu", bar, p->done, p->njobs);
    if (p->done == p->njobs)
        fputc('\n', stderr);
}

static void run_job(pool *p, job *j)
{
    doc tree = {0};
    dataset view;
    sbuf path = {0};
    int rc;
    if (j->unit < 0) {
        view = *p->ds;
        rc = report_build(p->ds, p->sc, &p->ro, &tree, &j->d);
    } else {
        notice_view(p->ds, p->ns, (size_t)j->unit, &view);
        rc = notice_build(p->ds, p->sc, p->ns, (size_t)j->unit, &p->ro, &tree, &j->d);
    }
    sbuf_printf(&path, "%s/%s", p->o->out_dir, j->file);
    if (rc == 0)
        rc = render_tree(&view, &tree, p->fs, &p->o->render, path.s, &j->res, &j->d);
    sbuf_free(&path);
    /* Số and date left for the e-office are not known yet: blank here too. */
    if (p->ro.blank_number)
        snprintf(j->code, sizeof j->code, "/%s", view.notation);
    else {
        dataset_code(&view, j->code, sizeof j->code);
        snprintf(j->date, sizeof j->date, "%04d-%02d-%02d", view.date.year, view.date.month, view.date.day);
    }
    j->failed = rc < 0;
    doc_free(&tree);
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->njobs)
            return NULL;
        run_job(p, &p->jobs[i]);
        pthread_mutex_lock(&p->lock);
        p->done++;
        progress(p);
        pthread_mutex_unlock(&p->lock);
    }
}

/* mkdir -p, for the output directory. */
static int make_dir(const char *dir, diag *d)
{
    char *p = xstrdup(dir);
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s && *s != '/')
            continue;
        char c = *s;
        *s = 0;
        if (mkdir(p, 0755) < 0 && errno != EEXIST)
            rc = diag_set(d, "out-dir", "%s: cannot create the directory: %s", p, strerror(errno));
        *s = c;
        if (!c || rc < 0)
            break;
    }
    struct stat st;
    if (rc == 0 && (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)))
        rc = diag_set(d, "out-dir", "%s: not a directory", dir);
    free(p);
    return rc;
}

static void run_pool(pool *p, int jobs)
{
    size_t n = jobs > 0 ? (size_t)jobs : (size_t)sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > p->njobs)
        n = p->njobs;
    pthread_t *t = xcalloc(n, sizeof *t);
    size_t started = 0;
    pthread_mutex_init(&p->lock, NULL);
    pdf_global_init();
    progress(p);
    /* A thread that cannot be started only makes the run slower: the others
     * (or this thread) take the remaining jobs from the shared counter. */
    while (started < n && pthread_create(&t[started], NULL, worker, p) == 0)
        started++;
    if (started == 0)
        worker(p);
    for (size_t i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    pthread_mutex_destroy(&p->lock);
    free(t);
}

static int write_manifest(const pool *p, batch_result *res, diag *d)
{
    manifest_entry *e = xcalloc(p->njobs, sizeof *e);
    res->failures = xcalloc(p->njobs, sizeof *res->failures);
    for (size_t i = 0; i < p->njobs; i++) {
        const job *j = &p->jobs[i];
        e[i] = (manifest_entry){.unit = j->label, .kind = j->unit < 0 ? "report" : "notice", .code = j->code,
                                .date = j->date};
        if (j->failed) {
            e[i].error = j->d.msg;
            batch_failure *f = &res->failures[res->nfailures++];
            f->unit = xstrdup(j->label);
            f->message = xstrdup(j->d.msg);
            continue;
        }
        e[i].path = j->file;
        e[i].sidecar = j->sidecar;
        e[i].pages = j->res.pdf.pages;
        e[i].bytes = j->res.pdf.bytes;
        memcpy(e[i].sha256, j->res.pdf.sha256, sizeof e[i].sha256);
        res->written++;
    }
    sbuf path = {0};
    sbuf_printf(&path, "%s/manifest.json", p->o->out_dir);
    int rc = manifest_write(path.s, e, p->njobs, d);
    sbuf_free(&path);
    free(e);
    return rc;
}

int batch_run(const char *in, const batch_opts *o, batch_result *res, diag *d)
{
    dataset ds;
    scoring sc = {0};
    notice_set ns = {0};
    fontset fs = {0};
    char fonts_dir[4096], templates_dir[4096];
    pool p = {.o = o};
    int rc = -1;
    memset(res, 0, sizeof *res);

    /* Everything shared is made here, before any thread starts; scoring
     * uses a file-static sort context and must never run concurrently. */
    if (dataset_load(&ds, in, o->render.data_dir, &o->render.input, d) < 0)
        return -1;
    snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", o->render.data_dir);
    render_templates_dir(&o->render, &p.ro, templates_dir, sizeof templates_dir);
    if (score_dataset(&ds, &sc, d) < 0 || notice_load(&ns, &ds, d) < 0 ||
        render_review(&ds, &sc, &ns, &o->render, d) < 0 || fontset_load(&fs, o->render.font, fonts_dir, d) < 0 || make_dir(o->out_dir, d) < 0)
        goto out;

    p.ds = &ds, p.sc = &sc, p.ns = &ns, p.fs = &fs;
    /* A unit with no score this period gets no notice (the review says so). */
    p.jobs = xcalloc(ds.nunits + 1, sizeof *p.jobs);
    p.jobs[0].unit = -1;
    p.jobs[0].label = ds.agency_name;
    p.njobs = 1;
    for (size_t u = 0; u < ds.nunits; u++)
        if (sc.units[u].now.scored)
            p.jobs[p.njobs].unit = (long)u, p.jobs[p.njobs++].label = ds.units[u].name;
    name_jobs(p.jobs, p.njobs);
    for (size_t i = 0; i < p.njobs && o->render.sidecar; i++)
        p.jobs[i].sidecar = archive_meta_path(p.jobs[i].file);
    run_pool(&p, o->jobs);
    if (write_manifest(&p, res, d) < 0)
        goto out;
    rc = 0;
out:
    for (size_t i = 0; i < p.njobs; i++)
        free(p.jobs[i].file), free(p.jobs[i].sidecar);
    free(p.jobs);
    fontset_free(&fs);
    notice_set_free(&ns);
    scoring_free(&sc);
    dataset_free(&ds);
    return rc;
}

void batch_result_free(batch_result *res)
{
    for (size_t i = 0; i < res->nfailures; i++)
        free(res->failures[i].unit), free(res->failures[i].message);
    free(res->failures);
    memset(res, 0, sizeof *res);
}
