/* batch.c — the summary report and every unit's notice, on a thread pool. */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"
#include "archive_meta.h"
#include "cancel.h"
#include "fileio.h"
#include "manifest.h"
#include "pipeline.h"
#include "sbuf.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define STEM_MAX 80   /* bytes of a file name before ".pdf" and a "-N" suffix */
#define LOCK_NAME ".baocao-batch.lock"   /* keeps a second batch out of the folder */

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
    unsigned format;       /* FORMAT_PDF or FORMAT_DOCX */
    char *file;            /* "xa-binh-thanh.pdf" */
    char *sidecar;         /* "xa-binh-thanh.meta.json", or NULL without sidecars */
    char *code, date[16];
    int failed;
    diag d;
    render_result res;
} job;

typedef struct pool {
    const render_session *rs;
    const batch_opts *o;
    render_opts render;    /* o->render, with the documents flushed together before the commit */
    const char *staging;   /* where the documents are written before the commit */
    job *jobs;
    size_t njobs;
    pthread_mutex_t lock;  /* guards next and done, and the progress calls */
    size_t next, done;
    cancel_hook cancel;    /* the caller's, asked on every thread before each document */
} pool;

/* Unique names in job order, so that the same input always gives the same
 * files: a second "Xã Bình Yên" becomes xa-binh-yen-2.pdf (and its DOCX
 * xa-binh-yen-2.docx). */
static void name_jobs(job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *stem = batch_file_stem(jobs[i].label);
        const char *ext = jobs[i].format == FORMAT_DOCX ? "docx" : "pdf";
        sbuf b = {0};
        for (int k = 1;; k++) {
            sbuf_reset(&b);
            if (k == 1)
                sbuf_printf(&b, "%s.%s", stem, ext);
            else
                sbuf_printf(&b, "%s-%d.%s", stem, k, ext);
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
    if (p->o->progress)
        p->o->progress(p->o->progress_ctx, p->done, p->njobs);
}

static void run_job(pool *p, job *j)
{
    doc tree = {0};
    sbuf path = {0};
    /* Out of memory fails this document only (what it held is lost). */
    alloc_guard g;
    alloc_enter(&g);
    if (setjmp(g.jump)) {
        j->failed = 1;
        diag_oom(&j->d);
        return;
    }
    sbuf_printf(&path, "%s/%s", p->staging, j->file);
    render_opts ro = p->render;
    ro.formats = j->format;
    int rc = render_unit(p->rs, j->unit, &ro, path.s, &tree, &j->res, &j->d);
    sbuf_free(&path);
    /* The manifest files the document as its metadata does: số and date
     * left for the e-office are not known yet, blank here too. */
    if (rc == 0) {
        doc_issue is = doc_meta_issue(&tree.meta);
        j->code = doc_meta_code(&tree.meta);
        if (is.date.day)
            snprintf(j->date, sizeof j->date, "%04d-%02d-%02d", is.date.year, is.date.month, is.date.day);
    }
    j->failed = rc < 0;
    doc_free(&tree);
    alloc_leave(&g);
}

static void *worker(void *arg)
{
    pool *p = arg;
    cancel_set(p->cancel);
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
    if (!*dir)
        return diag_set(d, "out-dir", "the output directory name is empty");
    char *p = xstrdup(dir);
    int rc = 0;
    /* Each prefix ending before a '/' (a leading '/' is the root, not a prefix). */
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

/* One batch at a time per folder: an exclusive flock on its lock file,
 * released when the process ends, however it ends. */
static int lock_dir(const char *dir, int *fd, diag *d)
{
    sbuf path = {0};
    sbuf_printf(&path, "%s/%s", dir, LOCK_NAME);
    *fd = open(path.s, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    int rc = 0;
    if (*fd < 0)
        rc = diag_set(d, "out-dir", "%s: cannot create the lock file: %s", path.s, strerror(errno));
    else if (flock(*fd, LOCK_EX | LOCK_NB) < 0)
        rc = diag_set(d, "batch-busy", "%s: another batch is writing into this directory (it holds "
                      "%s); wait until it ends, or choose another directory", dir, path.s);
    sbuf_free(&path);
    return rc;
}

/* The names in dir that keep(name) selects, or all; NULL if dir cannot be read. */
static char **list_dir(const char *dir, int (*keep)(const char *), size_t *n)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return NULL;
    char **v = xcalloc(1, sizeof *v);
    size_t cap = 1;
    *n = 0;
    for (struct dirent *e; (e = readdir(dh));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || (keep && !keep(e->d_name)))
            continue;
        grow(&v, &cap, *n + 1, sizeof *v);
        v[(*n)++] = xstrdup(e->d_name);
    }
    closedir(dh);
    return v;
}

/* Removes the file dir/name, if it is there. */
static void remove_in(const char *dir, const char *name)
{
    sbuf path = {0};
    sbuf_printf(&path, "%s/%s", dir, name);
    unlink(path.s);
    sbuf_free(&path);
}

/* Empties a staging folder of an earlier run, keeping the manifest it
 * replaced (if that run was stopped mid-commit, the names it lists may still
 * be in the folder); removes the folder too when nothing is kept. */
static void clear_staging(const char *dir, const char *name, int keep_previous)
{
    sbuf path = {0};
    sbuf_printf(&path, "%s/%s", dir, name);
    size_t n;
    char **v = list_dir(path.s, NULL, &n);
    for (size_t i = 0; v && i < n; i++)
        if (!keep_previous || strcmp(v[i], MANIFEST_PREVIOUS))
            remove_in(path.s, v[i]);
    strv_free(v, v ? n : 0);
    rmdir(path.s);   /* fails while the previous manifest is kept */
    sbuf_free(&path);
}

/* A temporary of fileio.c ("NAME.tmp-XXXXXX") of a file a batch writes. */
static int is_temporary(const char *name)
{
    const char *t = strstr(name, ".tmp-");
    if (!t || strlen(t) != strlen(".tmp-XXXXXX"))
        return 0;
    size_t n = (size_t)(t - name);
    return (n > 4 && !strncmp(t - 4, ".pdf", 4)) || (n > 5 && !strncmp(t - 5, ".docx", 5)) ||
           (n > 10 && !strncmp(t - 10, ".meta.json", 10)) ||
           (n == 13 && !strncmp(name, "manifest.json", 13));
}

/* What runs killed part-way left: temporaries and staged documents. */
static void clean_stale(const char *dir)
{
    size_t n;
    char **v = list_dir(dir, is_temporary, &n);
    for (size_t i = 0; v && i < n; i++)
        remove_in(dir, v[i]);
    strv_free(v, v ? n : 0);
    v = list_dir(dir, manifest_is_staging, &n);
    for (size_t i = 0; v && i < n; i++)
        clear_staging(dir, v[i], 1);
    strv_free(v, v ? n : 0);
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
    p->cancel = cancel_current();
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

/* Whether this run made the file called name. */
static int made(const pool *p, const char *name)
{
    for (size_t i = 0; i < p->njobs; i++)
        if (!p->jobs[i].failed &&
            (!strcmp(p->jobs[i].file, name) || (p->jobs[i].sidecar && !strcmp(p->jobs[i].sidecar, name))))
            return 1;
    return 0;
}

/* Every name an earlier manifest listed, appended to *v: the manifest at
 * dir/sub/name (sub NULL: dir/name). */
static int add_listed(const char *dir, const char *sub, const char *name, char ***v, size_t *n,
                      diag *d)
{
    sbuf path = {0};
    sbuf_printf(&path, sub ? "%s/%s/%s" : "%s/%s%s", dir, sub ? sub : "", name);
    char **got;
    size_t k;
    int rc = manifest_read_files(path.s, 1, &got, &k, d);
    sbuf_free(&path);
    if (rc < 0)
        return -1;
    *v = xrealloc(*v, (*n + k + 1) * sizeof **v);
    for (size_t i = 0; i < k; i++)
        (*v)[(*n)++] = got[i];
    free(got);
    return 0;
}

/* A staged document into the folder, its sidecar first; a document that
 * cannot be moved fails, leaving neither file. */
static void move_in(const pool *p, job *j)
{
    const char *names[] = {j->sidecar, j->file};
    for (int k = 0; k < 2 && !j->failed; k++) {
        if (!names[k])
            continue;
        sbuf from = {0}, to = {0};
        sbuf_printf(&from, "%s/%s", p->staging, names[k]);
        sbuf_printf(&to, "%s/%s", p->o->out_dir, names[k]);
        if (rename(from.s, to.s) < 0) {
            diag_set(&j->d, "write", "%s: cannot write: %s", to.s, strerror(errno));
            j->failed = 1;
            for (int m = 0; m < k; m++)
                remove_in(p->o->out_dir, names[m]);
        }
        sbuf_free(&from);
        sbuf_free(&to);
    }
}

/* The manifest is the commit point. It is first moved aside into the
 * staging folder (the folder has no manifest, so it is incomplete, until the
 * new one is written); then the staged documents move in, whatever an
 * earlier manifest listed and this run did not make is removed, and the new
 * manifest is written. A run killed at any point leaves either a folder that
 * matches its manifest, or one with no manifest and a staging folder whose
 * manifest.previous tells the next run what to remove. */
static int commit(pool *p, batch_result *res, diag *d)
{
    const char *dir = p->o->out_dir, *ours = strrchr(p->staging, '/') + 1;
    char **old = NULL, **stale;
    size_t nold = 0, nstale = 0;
    int rc = add_listed(dir, NULL, "manifest.json", &old, &nold, d);
    stale = list_dir(dir, manifest_is_staging, &nstale);
    for (size_t i = 0; rc == 0 && stale && i < nstale; i++)
        if (strcmp(stale[i], ours))
            rc = add_listed(dir, stale[i], MANIFEST_PREVIOUS, &old, &nold, d);
    sbuf cur = {0}, aside = {0};
    sbuf_printf(&cur, "%s/manifest.json", dir);
    sbuf_printf(&aside, "%s/%s", p->staging, MANIFEST_PREVIOUS);
    if (rc == 0 && rename(cur.s, aside.s) < 0 && errno != ENOENT)
        rc = diag_set(d, "write", "%s: cannot write: %s", cur.s, strerror(errno));
    for (size_t i = 0; rc == 0 && i < p->njobs; i++)
        if (!p->jobs[i].failed)
            move_in(p, &p->jobs[i]);
    for (size_t i = 0; rc == 0 && i < nold; i++)
        if (!made(p, old[i]))
            remove_in(dir, old[i]);
    /* The documents were written without waiting for the disk: they and
     * their renames reach it here, all at once, before the manifest does. */
    if (rc == 0)
        rc = file_sync_fs(dir, d);
    if (rc == 0)
        rc = write_manifest(p, res, d);
    for (size_t i = 0; rc == 0 && stale && i < nstale; i++)
        clear_staging(dir, stale[i], 0);
    strv_free(stale, stale ? nstale : 0);
    strv_free(old, nold);
    sbuf_free(&cur);
    sbuf_free(&aside);
    return rc;
}

/* Whether the caller cancelled the run (d set): then nothing is committed. */
static int cancelled(const pool *p, diag *d)
{
    for (size_t i = 0; i < p->njobs; i++)
        if (p->jobs[i].failed && !strcmp(p->jobs[i].d.key, "cancelled"))
            return *d = p->jobs[i].d, 1;
    return cancel_check(d) < 0;
}

/* A cancelled run leaves the folder as it found it: what it staged goes,
 * and so does the folder itself (with its lock file) if the run made it. */
static void discard(const pool *p, int created)
{
    clear_staging(p->o->out_dir, strrchr(p->staging, '/') + 1, 0);
    if (created) {
        remove_in(p->o->out_dir, LOCK_NAME);
        rmdir(p->o->out_dir);
    }
}

int batch_run(const char *in, const batch_opts *o, batch_result *res, diag *d)
{
    render_session rs;
    pool p = {.o = o, .rs = &rs, .render = o->render};
    p.render.defer_sync = 1;
    sbuf staging = {0};
    int rc = -1, lock = -1;
    memset(res, 0, sizeof *res);

    /* Everything shared is made here, before any thread starts; the
     * workers only read it. */
    if (render_open(&rs, in, &o->render, 1, d) < 0)
        return -1;
    const dataset *ds = &rs.p.ds;
    struct stat st;
    int created = stat(o->out_dir, &st) < 0;
    if (make_dir(o->out_dir, d) < 0 || lock_dir(o->out_dir, &lock, d) < 0)
        goto out;
    clean_stale(o->out_dir);
    sbuf_printf(&staging, "%s/%sXXXXXX", o->out_dir, MANIFEST_STAGING_PREFIX);
    if (!mkdtemp(staging.s)) {
        diag_set(d, "out-dir", "%s: cannot create the directory: %s", staging.s, strerror(errno));
        goto out;
    }
    p.staging = staging.s;

    /* A unit with no score this period gets no notice (the review says so).
     * Each document once per format asked for, the PDF first. */
    static const unsigned FORMATS[] = {FORMAT_PDF, FORMAT_DOCX};
    unsigned want = o->render.formats ? o->render.formats : FORMAT_PDF;
    p.jobs = xcalloc(2 * (ds->nunits + 1), sizeof *p.jobs);
    for (long u = -1; u < (long)ds->nunits; u++) {
        if (u >= 0 && !rs.p.sc.units[u].now.scored)
            continue;
        for (size_t f = 0; f < 2; f++)
            if (want & FORMATS[f])
                p.jobs[p.njobs++] = (job){.unit = u, .label = u < 0 ? ds->issuer.name : ds->units[u].name,
                                          .format = FORMATS[f]};
    }
    name_jobs(p.jobs, p.njobs);
    for (size_t i = 0; i < p.njobs && o->render.sidecar; i++)
        if (p.jobs[i].format == FORMAT_PDF)
            p.jobs[i].sidecar = archive_meta_path(p.jobs[i].file);
    run_pool(&p, o->jobs);
    if (cancelled(&p, d)) {
        discard(&p, created);
        goto out;
    }
    if (commit(&p, res, d) < 0)
        goto out;
    rc = 0;
out:
    if (lock >= 0)
        close(lock);
    sbuf_free(&staging);
    for (size_t i = 0; i < p.njobs; i++)
        free(p.jobs[i].file), free(p.jobs[i].sidecar), free(p.jobs[i].code);
    free(p.jobs);
    render_close(&rs);
    return rc;
}

void batch_result_free(batch_result *res)
{
    for (size_t i = 0; i < res->nfailures; i++)
        free(res->failures[i].unit), free(res->failures[i].message);
    free(res->failures);
    memset(res, 0, sizeof *res);
}
