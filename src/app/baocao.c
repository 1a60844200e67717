/* baocao.c — the public API (include/baocao.h) over the render session:
 * handles, options and errors translated, out of memory caught at each
 * entry point. */
#define _GNU_SOURCE /* dladdr, realpath */
#include "baocao.h"
#include "archive.h"
#include "batch.h"
#include "bundle.h"
#include "cancel.h"
#include "diag.h"
#include "render.h"
#include "sbuf.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef BAOCAO_SOURCE_DATADIR
#define BAOCAO_SOURCE_DATADIR "."
#endif
#ifndef BAOCAO_INSTALL_DATADIR
#define BAOCAO_INSTALL_DATADIR "/usr/local/share/baocao"
#endif
#ifndef BAOCAO_DATA_SUBDIR
#define BAOCAO_DATA_SUBDIR "share/baocao"
#endif
#ifndef BAOCAO_LIB_SUBDIR
#define BAOCAO_LIB_SUBDIR "lib"
#endif

struct bc_report {
    render_session s;
    render_opts o;
    char *data_dir;
};

BC_API const char *bc_version(void) { return BAOCAO_VERSION; }

/* Whether dir/templates is a directory. Here and below plain malloc, not
 * alloc.h's: the search runs inside pthread_once, which an out-of-memory
 * unwind must not leave. */
static int has_templates(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    return snprintf(path, sizeof path, "%s/templates", dir) < (int)sizeof path && stat(path, &st) == 0 &&
           S_ISDIR(st.st_mode);
}

/* <prefix>/share/baocao for the file this code was loaded from: the shared
 * library in <prefix>/<libdir>, or a program in <prefix>/bin. NULL if none. */
static char *beside_binary(void)
{
    Dl_info info;
    char *real;
    if (!dladdr((void *)bc_data_dir, &info) || !info.dli_fname || !(real = realpath(info.dli_fname, NULL)))
        return NULL;
    size_t lib_levels = 1;
    for (const char *p = BAOCAO_LIB_SUBDIR; *p; p++)
        lib_levels += *p == '/';
    const size_t levels[] = {lib_levels, 1};
    char *found = NULL;
    for (size_t k = 0; k < 2 && !found; k++) {
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", real);
        for (size_t up = 0; up <= levels[k]; up++) {   /* the file name, then each folder */
            char *slash = strrchr(dir, '/');
            if (!slash)
                break;
            *slash = 0;
        }
        size_t n = strlen(dir);
        if (snprintf(dir + n, sizeof dir - n, "/%s", BAOCAO_DATA_SUBDIR) < (int)(sizeof dir - n) &&
            has_templates(dir))
            found = strdup(dir);
    }
    free(real);
    return found;
}

static char *data_dir;
static pthread_once_t data_dir_once = PTHREAD_ONCE_INIT;

static void find_data_dir(void)
{
    const char *env = getenv("BAOCAO_DATADIR");
    if (env && *env)
        data_dir = strdup(env);
    else if (!(data_dir = beside_binary()))
        data_dir = strdup(has_templates(BAOCAO_SOURCE_DATADIR) ? BAOCAO_SOURCE_DATADIR : BAOCAO_INSTALL_DATADIR);
}

BC_API const char *bc_data_dir(void)
{
    pthread_once(&data_dir_once, find_data_dir);
    return data_dir ? data_dir : BAOCAO_INSTALL_DATADIR;
}

static void error_of(bc_error *err, const diag *d)
{
    memcpy(err->key, d->key, sizeof err->key);
    memcpy(err->message, d->msg, sizeof err->message);
    memcpy(err->file, d->file, sizeof err->file);
    err->line = d->line;
    err->column = d->column;
    memcpy(err->unit, d->unit, sizeof err->unit);
    memcpy(err->indicator, d->indicator, sizeof err->indicator);
}

static int fail(bc_error *err, const diag *d)
{
    if (err)
        error_of(err, d);
    return -1;
}

/* Hands one warning or note of the review to the caller's bc_options.notify. */
static void notify(void *ctx, severity s, const diag *d)
{
    const bc_options *o = ctx;
    bc_error e;
    error_of(&e, d);
    o->notify(o->notify_ctx, s == SEVERITY_NOTE ? BC_NOTE : BC_WARNING, &e);
}

/* The caller's cancel hook (bc_options.cancelled), for the thread of a call. */
static cancel_hook hook_of(const bc_options *o)
{
    return (cancel_hook){o ? o->cancelled : NULL, o ? o->cancel_ctx : NULL};
}

/* Every entry point runs its work between ENTER and LEAVE: under an
 * allocation guard (out of memory unwinds to ENTER and becomes an error),
 * with the caller's cancel hook as this thread's. */
#define ENTER(err, d, o) \
    alloc_guard g_; \
    cancel_hook prev_ = cancel_set(hook_of(o)); \
    alloc_enter(&g_); \
    if (setjmp(g_.jump)) { \
        cancel_set(prev_); \
        diag_oom(&(d)); \
        return fail(err, &(d)); \
    }
#define LEAVE() (alloc_leave(&g_), cancel_set(prev_))

#define GUARDED(err, d, o, work) \
    do { \
        ENTER(err, d, o) \
        int rc_ = (work); \
        LEAVE(); \
        return rc_ < 0 ? fail(err, &(d)) : 0; \
    } while (0)

static int set_language(const char *lang, const char *dir, diag *d)
{
    if (!strcmp(lang, "en")) {
        diag_catalog_free();
        return 0;
    }
    if (!*lang || strspn(lang, "abcdefghijklmnopqrstuvwxyz") != strlen(lang))
        return diag_set(d, "lang-unknown", "unknown language %s (vi or en)", lang);
    sbuf path = {0};
    sbuf_printf(&path, "%s/templates/messages/%s.txt", dir ? dir : bc_data_dir(), lang);
    struct stat st;
    int rc = stat(path.s, &st) == 0 ? diag_catalog_load(path.s, d)
                                    : diag_set(d, "lang-unknown", "unknown language %s (vi or en)", lang);
    sbuf_free(&path);
    return rc;
}

BC_API int bc_set_language(const char *lang, const char *dir, bc_error *err)
{
    diag d = {0};
    GUARDED(err, d, NULL, set_language(lang, dir, &d));
}

static void options_of(render_opts *ro, const bc_options *o, const char *dir)
{
    static const bc_options none = {0};
    static const pdfa_level PDFA[] = {PDFA_1B, PDFA_2B, PDFA_NONE};
    static const unsigned FORMAT[] = {0, FORMAT_PDF, FORMAT_DOCX};
    if (!o)
        o = &none;
    render_opts_default(ro, dir);
    ro->font = o->font;
    ro->pdfa = o->pdfa <= BC_PDFA_NONE ? PDFA[o->pdfa] : PDFA_1B;
    ro->report.blank_number = o->blank_number;
    ro->sidecar = !o->no_sidecar;
    ro->formats = o->format <= BC_FORMAT_DOCX ? FORMAT[o->format] : 0;
}

static int report_open(bc_report **out, const char *path, const bc_options *o, diag *d)
{
    bc_report *r = xcalloc(1, sizeof *r);
    r->data_dir = xstrdup(o && o->data_dir ? o->data_dir : bc_data_dir());
    options_of(&r->o, o, r->data_dir);
    if (render_open(&r->s, path, &r->o, o && o->notices, d) < 0) {
        free(r->data_dir);
        free(r);
        return -1;
    }
    for (size_t i = 0; o && o->notify && i < r->s.review.n; i++)
        notify((void *)o, r->s.review.v[i].severity, &r->s.review.v[i].d);
    *out = r;
    return 0;
}

BC_API int bc_report_open(bc_report **out, const char *path, const bc_options *o, bc_error *err)
{
    diag d = {0};
    *out = NULL;
    GUARDED(err, d, o, report_open(out, path, o, &d));
}

BC_API void bc_report_close(bc_report *r)
{
    if (!r)
        return;
    render_close(&r->s);
    free(r->data_dir);
    free(r);
}

BC_API size_t bc_report_unit_count(const bc_report *r) { return r->s.p.ds.nunits; }

BC_API const char *bc_report_unit_name(const bc_report *r, size_t i)
{
    return i < r->s.p.ds.nunits ? r->s.p.ds.units[i].name : NULL;
}

/* The review also holds notes (how a file was read): only its warnings count here. */
BC_API size_t bc_report_warning_count(const bc_report *r) { return findings_count(&r->s.review, SEVERITY_WARNING); }

BC_API const char *bc_report_warning(const bc_report *r, size_t i)
{
    for (size_t k = 0; k < r->s.review.n; k++)
        if (r->s.review.v[k].severity == SEVERITY_WARNING && i-- == 0)
            return r->s.review.v[k].d.msg;
    return NULL;
}

static int render(const bc_report *r, const char *unit_name, const char *pdf, const bc_options *o, diag *d)
{
    render_opts ro;
    options_of(&ro, o, r->data_dir);
    long u = unit_name ? pipeline_unit(&r->s.p, unit_name, d) : -1;
    if (unit_name && u < 0)
        return -1;
    if (unit_name && !r->s.p.notice_tmpl)
        return diag_set(d, "no-notices", "%s: no \"notices\" object: nothing says how to write the units' notices",
                        r->s.p.ds.path);
    doc tree;
    int rc = render_unit(&r->s, u, &ro, pdf, &tree, NULL, d);
    doc_free(&tree);
    return rc;
}

BC_API int bc_render_report(const bc_report *r, const char *pdf, const bc_options *o, bc_error *err)
{
    diag d = {0};
    GUARDED(err, d, o, render(r, NULL, pdf, o, &d));
}

BC_API int bc_render_notice(const bc_report *r, const char *unit_name, const char *pdf, const bc_options *o,
                            bc_error *err)
{
    diag d = {0};
    GUARDED(err, d, o, render(r, unit_name, pdf, o, &d));
}

BC_API void bc_free(void *p) { free(p); }

BC_API const char *bc_message(const char *english) { return diag_text(english); }

/* A cancelled check returns its error alone, not what it found so far. */
static long check(const char *path, const bc_options *o, bc_finding **out, size_t *count, diag *d)
{
    render_opts ro;
    options_of(&ro, o, o && o->data_dir ? o->data_dir : bc_data_dir());
    findings f = {0};
    check_result cr;
    long errors = (long)render_check(path, &ro, &f, &cr);
    for (size_t i = 0; i < f.n && errors >= 0; i++)
        if (!strcmp(f.v[i].d.key, "cancelled"))
            *d = f.v[i].d, errors = -1;
    if (errors < 0) {
        findings_free(&f);
        return -1;
    }
    *out = xcalloc(f.n + 1, sizeof **out);
    for (size_t i = 0; i < f.n; i++) {
        static const bc_severity SEVERITY[] = {[SEVERITY_ERROR] = BC_ERROR, [SEVERITY_WARNING] = BC_WARNING,
                                               [SEVERITY_NOTE] = BC_NOTE};
        (*out)[i].severity = SEVERITY[f.v[i].severity];
        error_of(&(*out)[i].e, &f.v[i].d);
    }
    *count = f.n;
    findings_free(&f);
    return errors;
}

BC_API long bc_check(const char *path, const bc_options *o, bc_finding **findings_out, size_t *count,
                     bc_error *err)
{
    diag d = {0};
    *findings_out = NULL;
    *count = 0;
    ENTER(err, d, o)
    long errors = check(path, o, findings_out, count, &d);
    LEAVE();
    return errors < 0 ? fail(err, &d) : errors;
}

static int facts(const bc_report *r, const bc_options *o, char **json, diag *d)
{
    render_opts ro;
    options_of(&ro, o, r->data_dir);
    value *f = pipeline_facts(&r->s.p, &ro.report, d);
    if (!f || cancel_check(d) < 0) {
        value_free(f);
        return -1;
    }
    sbuf b = {0};
    value_write_json(f, &b);
    value_free(f);
    *json = sbuf_take(&b);
    return 0;
}

BC_API int bc_facts(const bc_report *r, const bc_options *o, char **json, bc_error *err)
{
    diag d = {0};
    *json = NULL;
    GUARDED(err, d, o, facts(r, o, json, &d));
}

/* The folder a ZIP is made from: beside it, hidden, removed afterwards. */
static int batch(const char *path, const char *out, int as_zip, const bc_options *o, diag *d)
{
    batch_opts bo = {.jobs = o ? o->jobs : 0};
    options_of(&bo.render, o, o && o->data_dir ? o->data_dir : bc_data_dir());
    sbuf dir = {0};
    if (as_zip) {
        sbuf_printf(&dir, "%s.dir-XXXXXX", out);
        if (!mkdtemp(dir.s)) {
            diag_set(d, "out-dir", "%s: cannot create the directory: %s", dir.s, strerror(errno));
            sbuf_free(&dir);
            return -1;
        }
    } else {
        sbuf_puts(&dir, out);
    }
    bo.out_dir = dir.s;
    batch_result res;
    int rc = batch_run(path, &bo, &res, d);
    if (rc == 0 && res.nfailures)
        rc = diag_set(d, "batch-unit", "%s: %s", res.failures[0].unit, res.failures[0].message);
    batch_result_free(&res);
    if (rc == 0 && as_zip)
        rc = bundle_zip(dir.s, out, d);
    if (as_zip)
        bundle_remove_dir(dir.s);
    sbuf_free(&dir);
    return rc;
}

BC_API int bc_batch(const char *path, const char *out, int as_zip, const bc_options *o, bc_error *err)
{
    diag d = {0};
    GUARDED(err, d, o, batch(path, out, as_zip, o, &d));
}

BC_API int bc_batch_zip(const char *dir, const char *zip, bc_error *err)
{
    diag d = {0};
    GUARDED(err, d, NULL, bundle_zip(dir, zip, &d));
}

typedef struct filed_ctx {
    bc_filed_fn *fn;
    void *ctx;
} filed_ctx;

static void filed(void *ctx, const archive_event *e)
{
    const filed_ctx *f = ctx;
    f->fn(f->ctx,
          e->outcome == ARCHIVE_STORED    ? BC_FILED_STORED
          : e->outcome == ARCHIVE_UPDATED ? BC_FILED_UPDATED
          : e->outcome == ARCHIVE_SKIPPED ? BC_FILED_SKIPPED
                                          : BC_FILED_CONFLICT,
          e->rel);
}

BC_API int bc_archive(char *const *paths, size_t n, const char *to, bc_filed_fn *fn, void *ctx,
                      const bc_options *o, bc_error *err)
{
    diag d = {0};
    filed_ctx f = {fn, ctx};
    archive_report r = {.filed = fn ? filed : NULL, .ctx = &f};
    if (o && o->notify)
        r.warnings = (diag_sink){notify, (void *)o};
    archive_stats st;
    ENTER(err, d, o)
    int rc = archive_files(paths, n, to, &r, &st, &d);
    LEAVE();
    return rc < 0 ? fail(err, &d) : rc == ARCHIVE_CONFLICT;
}
