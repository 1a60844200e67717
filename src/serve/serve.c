/* serve.c — `baocao serve`: options, the daemon, requests with their own
 * folders, the API under /api/v1/ (serve.h). */
#define _GNU_SOURCE /* mkdtemp, nftw, strcasestr */
#include "serve.h"
#include "auth.h"
#include "http.h"
#include "jobs.h"
#include "page.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

server srv;
static auth the_auth;
static pthread_mutex_t refs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t active_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t active_cv = PTHREAD_COND_INITIALIZER;
static int active;   /* requests in progress: shutdown waits for them */

static const char *const ROLES[NPARTS] = {"report", "scores", "previous", "units", "statistics"};

const char *part_role(int role) { return ROLES[role]; }

/* ---- small helpers ---- */

void random_hex(char *out, size_t n)
{
    unsigned char b[64];
    if (n > sizeof b)
        n = sizeof b;
    if (RAND_bytes(b, (int)n) != 1)
        abort();   /* no randomness: no safe token can be made */
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
}

static void digest_hex(const unsigned char md[32], char hex[65])
{
    for (int i = 0; i < 32; i++)
        sprintf(hex + 2 * i, "%02x", md[i]);
}

void text_sha256(const char *s, char hex[65])
{
    unsigned char md[32];
    EVP_Digest(s, strlen(s), md, NULL, EVP_sha256(), NULL);
    digest_hex(md, hex);
}

int file_sha256(const char *path, char hex[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    unsigned char buf[65536], md[32];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        EVP_DigestUpdate(ctx, buf, k);
    EVP_DigestFinal_ex(ctx, md, NULL);
    EVP_MD_CTX_free(ctx);
    fclose(f);
    digest_hex(md, hex);
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

char **list_names(const char *sub, int (*keep)(const char *dir, const char *name))
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/templates/%s", srv.data_dir, sub);
    DIR *d = opendir(dir);
    size_t n = 0, cap = 16;
    char **v = calloc(cap + 1, sizeof *v);
    struct dirent *e;
    while (d && v && (e = readdir(d)))
        if (e->d_name[0] != '.' && keep(dir, e->d_name)) {
            if (n == cap) {
                char **w = realloc(v, (2 * cap + 1) * sizeof *v);
                if (!w)
                    break;
                v = w, cap *= 2;
            }
            v[n++] = strdup(e->d_name), v[n] = NULL;
        }
    if (d)
        closedir(d);
    if (v)
        qsort(v, n, sizeof *v, cmp_str);
    return v;
}

void free_names(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

int is_scheme_file(const char *dir, const char *name)
{
    size_t n = strlen(name);
    return n > 5 && !strcmp(name + n - 5, ".json");
}

int is_template_dir(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s/body.tpl", dir, name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- requests ---- */

const char *request_field(const request *r, const char *name)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (!strcmp(r->fields[i].name, name))
            return r->fields[i].value ? r->fields[i].value : "";
    return NULL;
}

int request_dir(request *r)
{
    if (r->dir[0])
        return 0;
    snprintf(r->dir, sizeof r->dir, "%s/baocao-serve-XXXXXX", srv.tmp_dir);
    if (!mkdtemp(r->dir)) {
        r->dir[0] = 0;
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void request_ref(request *r)
{
    pthread_mutex_lock(&refs_lock);
    r->refs++;
    pthread_mutex_unlock(&refs_lock);
}

void request_unref(request *r)
{
    pthread_mutex_lock(&refs_lock);
    int last = --r->refs == 0;
    pthread_mutex_unlock(&refs_lock);
    if (!last)
        return;
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    for (int i = 0; i < NPARTS; i++)
        if (r->parts[i].f)
            fclose(r->parts[i].f);
    for (size_t i = 0; i < r->nfields; i++)
        free(r->fields[i].value);
    if (r->dir[0] && !r->keep)
        remove_tree(r->dir);
    free(r->text);
    bc_free(r->findings);
    free(r);
}

void request_display(const request *r, const char *text, char *out, size_t n)
{
    size_t dl = strlen(r->dir), k = 0;
    for (const char *p = text; *p && k + 1 < n;) {
        if (dl && !strncmp(p, r->dir, dl) && p[dl] == '/') {
            p += dl + 1;
            const char *shown = NULL;
            for (int i = 0; i < NPARTS && !shown; i++) {
                size_t sl = strlen(r->parts[i].stored);
                if (sl && !strncmp(p, r->parts[i].stored, sl) && r->parts[i].client[0])
                    shown = r->parts[i].client, p += sl;
            }
            for (; shown && *shown && k + 1 < n; shown++)
                out[k++] = *shown;
            continue;
        }
        out[k++] = *p++;
    }
    out[k] = 0;
}

static void set_error(bc_error *e, const char *key, const char *english)
{
    memset(e, 0, sizeof *e);
    snprintf(e->key, sizeof e->key, "%s", key);
    snprintf(e->message, sizeof e->message, "%s", bc_message(english));
}

/* ---- responses ---- */

static void security_headers(struct MHD_Response *resp, int page)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
    /* A PDF keeps only frame-ancestors: the browser's viewer runs scripts of its own. */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            page ? "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; "
                                   "form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
                                 : "frame-ancestors 'self'");
}

static enum MHD_Result queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO;
    enum MHD_Result rc = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return rc;
}

enum MHD_Result respond_buffer(struct MHD_Connection *c, unsigned status, const char *type, char *buf,
                               size_t len, const char *set_cookie)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(buf);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", type);
    if (set_cookie)
        MHD_add_response_header(resp, "Set-Cookie", set_cookie);
    security_headers(resp, !strncmp(type, "text/html", 9));
    return queue(c, status, resp);
}

enum MHD_Result respond_static(struct MHD_Connection *c, const char *name, const char *type)
{
    size_t n;
    const char *t = page_text(name, &n);   /* read once at start, freed after the daemon stops */
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, (void *)t, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", type);
    security_headers(resp, 0);
    return queue(c, MHD_HTTP_OK, resp);
}

enum MHD_Result respond_file(struct MHD_Connection *c, const char *path, const char *type, const char *disposition)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) < 0) {
        if (f)
            fclose(f);
        return respond_fail(c, MHD_HTTP_NOT_FOUND, "not-found", "no such document");
    }
    int fd = dup(fileno(f));
    fclose(f);
    struct MHD_Response *resp = fd < 0 ? NULL : MHD_create_response_from_fd((uint64_t)st.st_size, fd);
    if (!resp) {
        if (fd >= 0)
            close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", type);
    if (disposition)
        MHD_add_response_header(resp, "Content-Disposition", disposition);
    security_headers(resp, 0);
    return queue(c, MHD_HTTP_OK, resp);
}

static json_t *error_json(const bc_error *e)
{
    return json_pack("{s:{s:s,s:s,s:s,s:i,s:i,s:s,s:s}}", "error", "key", e->key, "message", e->message, "file",
                     e->file, "line", e->line, "column", e->column, "unit", e->unit, "indicator", e->indicator);
}

static enum MHD_Result respond_unauthorized(struct MHD_Connection *c)
{
    bc_error e;
    set_error(&e, "unauthorized", "authentication required");
    json_t *j = error_json(&e);
    char *s = json_dumps(j, JSON_INDENT(2));
    json_decref(j);
    struct MHD_Response *resp = s ? MHD_create_response_from_buffer(strlen(s), s, MHD_RESPMEM_MUST_FREE) : NULL;
    if (!resp) {
        free(s);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    if (the_auth.nusers)   /* a browser asks for the user and password */
        MHD_add_response_header(resp, "WWW-Authenticate", "Basic realm=\"baocao\", charset=\"UTF-8\"");
    security_headers(resp, 0);
    return queue(c, MHD_HTTP_UNAUTHORIZED, resp);
}

enum MHD_Result respond_json(struct MHD_Connection *c, unsigned status, json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2));
    json_decref(j);
    if (!s)
        return MHD_NO;
    return respond_buffer(c, status, "application/json; charset=utf-8", s, strlen(s), NULL);
}

enum MHD_Result respond_error(struct MHD_Connection *c, unsigned status, const bc_error *e)
{
    return respond_json(c, status, error_json(e));
}

enum MHD_Result respond_fail(struct MHD_Connection *c, unsigned status, const char *key, const char *english)
{
    bc_error e;
    set_error(&e, key, english);
    return respond_error(c, status, &e);
}

enum MHD_Result respond_redirect(struct MHD_Connection *c, const char *location)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Location", location);
    security_headers(resp, 1);
    return queue(c, MHD_HTTP_SEE_OTHER, resp);
}

/* ---- uploads ---- */

/* The client's file name for messages only: its last component, valid
 * UTF-8 without control characters, cut to fit at a character boundary. */
static void shown_name(char *out, size_t n, const char *name)
{
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            name = p + 1;
    size_t k = 0;
    utf8proc_int32_t cp;
    for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name; *p;) {
        utf8proc_ssize_t len = utf8proc_iterate(p, -1, &cp);
        if (len <= 0) {
            p++;
            continue;
        }
        if (cp >= 0x20 && (cp < 0x7f || cp > 0x9f) && k + (size_t)len < n) {
            memcpy(out + k, p, (size_t)len);
            k += (size_t)len;
        }
        p += len;
    }
    out[k] = 0;
}

json_t *part_json(const request *r, int role)
{
    const part *p = &r->parts[role];
    return p->client[0] ? json_pack("{s:s,s:s}", "path", p->stored, "name", p->client) : json_string(p->stored);
}

static int valid_field_name(const char *k)
{
    size_t n = strlen(k);
    return n && n < sizeof ((field *)0)->name && strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data,
                               uint64_t off, size_t size)
{
    request *r = cls;
    (void)kind, (void)content_type, (void)transfer_encoding;
    if (!key)
        return MHD_YES;
    int role = -1;
    for (int i = 0; i < NPARTS; i++)
        if (!strcmp(key, ROLES[i]))
            role = i;
    if (filename && !*filename)
        return MHD_YES;   /* a browser's file input left empty */
    if (filename && role >= 0) {
        part *p = &r->parts[role];
        if (!p->f && off == 0 && !p->stored[0]) {
            char path[600];
            if (request_dir(r) < 0)
                return r->bad_body = 1, MHD_NO;
            snprintf(path, sizeof path, "%s/%s.upload", r->dir, ROLES[role]);
            if (!(p->f = fopen(path, "wb")))
                return r->bad_body = 1, MHD_NO;
            shown_name(p->client, sizeof p->client, filename);
            snprintf(p->stored, sizeof p->stored, "%s.upload", ROLES[role]);
        }
        if (!p->f)
            return MHD_YES;   /* a second part of the same role is ignored */
        if (size && fwrite(data, 1, size, p->f) != size)
            return r->bad_body = 1, MHD_NO;
        p->size += size;
        return MHD_YES;
    }
    if (filename || !valid_field_name(key))
        return MHD_YES;   /* an unknown file or field is not kept */
    field *f = NULL;
    for (size_t i = 0; i < r->nfields && !f; i++)
        if (!strcmp(r->fields[i].name, key))
            f = &r->fields[i];
    if (!f) {
        if (r->nfields == MAX_FIELDS)
            return MHD_YES;
        f = &r->fields[r->nfields++];
        snprintf(f->name, sizeof f->name, "%s", key);
    }
    char *v = realloc(f->value, f->len + size + 1);
    if (!v)
        return r->bad_body = 1, MHD_NO;
    memcpy(v + f->len, data, size);
    f->len += size;
    v[f->len] = 0;
    f->value = v;
    return MHD_YES;
}

/* Closes the uploaded files and names them by their contents: a ZIP is
 * an XLSX workbook, anything else is read as CSV (report.json as JSON). */
static int finish_uploads(request *r)
{
    for (int i = 0; i < NPARTS; i++) {
        part *p = &r->parts[i];
        if (!p->f)
            continue;
        int bad = fclose(p->f) != 0;
        p->f = NULL;
        char from[600], to[600], head[4] = {0};
        snprintf(from, sizeof from, "%s/%s", r->dir, p->stored);
        FILE *f = fopen(from, "rb");
        if (f) {
            if (fread(head, 1, 4, f) != 4)
                memset(head, 0, 4);
            fclose(f);
        }
        const char *ext = i == PART_REPORT || i == PART_UNITS ? "json" : !memcmp(head, "PK\3\4", 4) ? "xlsx" : "csv";
        snprintf(p->stored, sizeof p->stored, "%s.%s", ROLES[i], ext);
        snprintf(to, sizeof to, "%s/%s", r->dir, p->stored);
        if (bad || rename(from, to) < 0)
            return -1;
    }
    return 0;
}

/* Sets key (or notices.key) of the report to the stored name of a part, or
 * answers which part is missing. */
static int point_at(request *r, json_t *obj, const char *key, int role, bc_error *e)
{
    json_t *v = json_object_get(obj, key);
    if (r->parts[role].stored[0])
        return json_object_set_new(obj, key, part_json(r, role));
    if (v && !json_is_null(v)) {
        set_error(e, "upload-missing", "report.json names a file that was not sent");
        snprintf(e->indicator, sizeof e->indicator, "%s", ROLES[role]);
        return -1;
    }
    return 0;
}

int request_prepare_report(request *r, bc_error *e)
{
    if (!r->parts[PART_REPORT].stored[0]) {
        set_error(e, "upload-missing", "send report.json as the part \"report\"");
        return -1;
    }
    char path[600];
    snprintf(path, sizeof path, "%s/%s", r->dir, r->parts[PART_REPORT].stored);
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root || !json_is_object(root)) {
        set_error(e, "json-syntax", "report.json is not a JSON object");
        snprintf(e->file, sizeof e->file, "%s", r->parts[PART_REPORT].client);
        e->line = root ? 0 : je.line;
        json_decref(root);
        return -1;
    }
    json_t *notices = json_object_get(root, "notices");
    /* The notices' files are needed by batch; render, facts and check
     * without them make and review the report alone. */
    if (json_is_object(notices) && strcmp(r->kind, "batch") && !r->parts[PART_UNITS].stored[0] &&
        json_object_get(notices, "units")) {
        json_object_del(root, "notices");
        notices = NULL;
    }
    int rc = point_at(r, root, "scores", PART_SCORES, e) < 0 || point_at(r, root, "previous", PART_PREVIOUS, e) < 0 ||
                     (json_is_object(notices) && (point_at(r, notices, "units", PART_UNITS, e) < 0 ||
                                                  point_at(r, notices, "statistics", PART_STATISTICS, e) < 0))
                 ? -1
                 : 0;
    snprintf(path, sizeof path, "%s/report.json", r->dir);
    if (rc == 0 && json_dump_file(root, path, JSON_INDENT(2)) < 0) {
        set_error(e, "write", "cannot write the request's files");
        rc = -1;
    }
    json_decref(root);
    return rc;
}

/* ---- jobs ---- */

static void run_job(void *arg, job *self)
{
    request *r = arg;
    char report[600];
    bc_options o = {.data_dir = srv.data_dir, .jobs = 1, .notices = 1,
                    .no_sidecar = !strcmp(r->kind, "render") && !r->sidecar,
                    .cancelled = jobs_expired, .cancel_ctx = self};
    snprintf(report, sizeof report, "%s/report.json", r->dir);
    if (!strcmp(r->kind, "check")) {
        r->nerrors = bc_check(report, &o, &r->findings, &r->nfindings, &r->err);
        r->rc = r->nerrors < 0 ? -1 : 0;
    } else if (!strcmp(r->kind, "batch")) {
        if (!r->out[0])
            snprintf(r->out, sizeof r->out, "%s/out.zip", r->dir);
        /* The page keeps the folder (to file it) and its ZIP (to download). */
        if (!r->folder[0])
            r->rc = bc_batch(report, r->out, 1, &o, &r->err);
        else if ((r->rc = bc_batch(report, r->folder, 0, &o, &r->err)) == 0)
            r->rc = bc_batch_zip(r->folder, r->out, &r->err);
    } else {
        bc_report *rep;
        o.notices = 0;
        r->rc = bc_report_open(&rep, report, &o, &r->err);
        if (r->rc == 0 && !strcmp(r->kind, "facts"))
            r->rc = bc_facts(rep, &o, &r->text, &r->err);
        else if (r->rc == 0 && !r->out[0])
            snprintf(r->out, sizeof r->out, "%s/out.pdf", r->dir);
        if (r->rc == 0 && strcmp(r->kind, "facts"))
            r->rc = bc_render_report(rep, r->out, &o, &r->err);
        bc_report_close(rep);
    }
}

static void job_release(void *arg) { request_unref(arg); }

int request_job(request *r)
{
    request_ref(r);   /* the job's: until a job past its limit has stopped, it holds the folder */
    int rc = jobs_run(run_job, job_release, r);
    if (rc == 0)
        return 0;
    if (rc < 0)
        request_unref(r);
    if (rc > 0)
        set_error(&r->err, "job-timeout", "the job did not finish within the server's time limit");
    else
        set_error(&r->err, "busy", "the server is busy; try again");
    return -1;
}

/* ---- the API ---- */

static json_t *findings_json(const request *r, bc_severity severity)
{
    json_t *l = json_array();
    char msg[2048];
    for (size_t i = 0; i < r->nfindings; i++) {
        const bc_finding *f = &r->findings[i];
        if (f->severity != severity)
            continue;
        request_display(r, f->e.message, msg, sizeof msg);
        char file[600];
        request_display(r, f->e.file, file, sizeof file);
        json_array_append_new(l, json_pack("{s:s,s:s,s:s,s:i,s:i,s:s,s:s}", "key", f->e.key, "message", msg,
                                           "file", file, "line", f->e.line, "column", f->e.column, "unit",
                                           f->e.unit, "indicator", f->e.indicator));
    }
    return l;
}

/* 422 for input the library refused, 500 for the server's own trouble. */
static enum MHD_Result respond_job_error(struct MHD_Connection *c, const request *r)
{
    bc_error e = r->err;
    request_display(r, r->err.message, e.message, sizeof e.message);
    request_display(r, r->err.file, e.file, sizeof e.file);
    unsigned status = !strcmp(e.key, "job-timeout") || !strcmp(e.key, "busy") ? MHD_HTTP_SERVICE_UNAVAILABLE
                      : !strcmp(e.key, "out-of-memory") || !strcmp(e.key, "write")
                          ? MHD_HTTP_INTERNAL_SERVER_ERROR
                          : MHD_HTTP_UNPROCESSABLE_CONTENT;
    return respond_error(c, status, &e);
}

static enum MHD_Result api_list(struct MHD_Connection *c, const char *what)
{
    json_t *l = json_array();
    int schemes = !strcmp(what, "schemes");
    char **names = schemes ? list_names("schemes", is_scheme_file) : list_names("", is_template_dir);
    for (size_t i = 0; names && names[i]; i++) {
        if (!schemes) {
            json_array_append_new(l, json_pack("{s:s}", "id", names[i]));
            continue;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/templates/schemes/%s", srv.data_dir, names[i]);
        json_t *s = json_load_file(path, 0, NULL);
        names[i][strlen(names[i]) - 5] = 0;
        json_t *title = json_object_get(s, "title");
        json_array_append_new(l, json_pack("{s:s,s:s}", "id", names[i], "title",
                                           json_is_string(title) ? json_string_value(title) : ""));
        json_decref(s);
    }
    free_names(names);
    return respond_json(c, MHD_HTTP_OK, json_pack("{s:o}", what, l));
}

static enum MHD_Result api_job(struct MHD_Connection *c, request *r, const char *kind)
{
    bc_error e;
    r->kind = kind;
    if (request_prepare_report(r, &e) < 0)
        return respond_error(c, MHD_HTTP_BAD_REQUEST, &e);
    if (request_job(r) < 0 || r->rc < 0)
        return respond_job_error(c, r);
    if (!strcmp(kind, "check"))
        return respond_json(c, MHD_HTTP_OK,
                            json_pack("{s:b,s:o,s:o,s:o}", "ok", r->nerrors == 0, "errors",
                                      findings_json(r, BC_ERROR), "warnings", findings_json(r, BC_WARNING), "notes",
                                      findings_json(r, BC_NOTE)));
    if (!strcmp(kind, "facts")) {
        char *t = r->text;
        r->text = NULL;
        return respond_buffer(c, MHD_HTTP_OK, "application/json; charset=utf-8", t, strlen(t), NULL);
    }
    int pdf = !strcmp(kind, "render");
    return respond_file(c, r->out, pdf ? "application/pdf" : "application/zip",
                        pdf ? "inline; filename=\"bao-cao.pdf\"" : "attachment; filename=\"van-ban.zip\"");
}

static enum MHD_Result api(struct MHD_Connection *c, const char *method, const char *path, request *r)
{
    int get = !strcmp(method, "GET");
    if (get && !strcmp(path, "openapi.json"))
        return respond_static(c, "openapi.json", "application/json; charset=utf-8");
    if (get && (!strcmp(path, "schemes") || !strcmp(path, "templates")))
        return api_list(c, path);
    if (!strcmp(path, "archive"))
        return strcmp(method, "POST") ? respond_fail(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method", "use POST")
                                      : web_archive_api(c, r);
    if (get && !strcmp(path, "reports"))
        return web_reports_api(c);
    static const char *const JOBS[] = {"check", "render", "batch", "facts"};
    for (size_t i = 0; i < sizeof JOBS / sizeof *JOBS; i++)
        if (!strcmp(path, JOBS[i]))
            return strcmp(method, "POST") ? respond_fail(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method", "use POST")
                                          : api_job(c, r, JOBS[i]);
    return respond_fail(c, MHD_HTTP_NOT_FOUND, "not-found", "no such endpoint");
}

/* ---- the daemon ---- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)cls, (void)version;
    request *r = *con_cls;
    if (!r) {
        if (!(r = calloc(1, sizeof *r)))
            return MHD_NO;
        r->refs = 1;
        *con_cls = r;
        pthread_mutex_lock(&active_lock);
        active++;
        pthread_mutex_unlock(&active_lock);
        if (!auth_check(&the_auth, MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization")))
            return respond_unauthorized(c);
        const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (len && strtoull(len, NULL, 10) > srv.upload_limit) {
            r->too_large = 1;
            return respond_fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "upload-too-large",
                                "the upload is larger than the server's limit");
        }
        if (!strcmp(method, "POST") && !strcmp(url, "/check") && web_draft_dir(r) < 0)
            return respond_fail(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "write", "cannot write the request's files");
        if (!strcmp(method, "POST")) {
            r->pp = MHD_create_post_processor(c, 64 * 1024, on_part, r);
            if (!r->pp)
                return respond_fail(c, MHD_HTTP_BAD_REQUEST, "bad-body",
                                    "send the files as multipart/form-data");
        }
        return MHD_YES;
    }
    if (*upload_size) {
        r->received += *upload_size;
        if (r->received > srv.upload_limit)
            r->too_large = 1;
        if (!r->too_large && !r->bad_body && MHD_post_process(r->pp, upload_data, *upload_size) != MHD_YES)
            r->bad_body = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->too_large)
        return respond_fail(c, MHD_HTTP_CONTENT_TOO_LARGE, "upload-too-large",
                            "the upload is larger than the server's limit");
    if (r->bad_body || (r->pp && finish_uploads(r) < 0))
        return respond_fail(c, MHD_HTTP_BAD_REQUEST, "bad-body", "the request's body could not be read");
    if (!strncmp(url, "/api/v1/", 8))
        return api(c, method, url + 8, r);
    return web_handle(c, method, url, r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c, (void)toe;
    request *r = *con_cls;
    if (!r)
        return;
    *con_cls = NULL;
    request_unref(r);   /* also when the client went away: the folder goes */
    pthread_mutex_lock(&active_lock);
    active--;
    pthread_cond_broadcast(&active_cv);
    pthread_mutex_unlock(&active_lock);
}

/* ---- options ---- */

typedef struct serve_opts {
    const char *listen, *data_dir, *state_dir, *auth_file, *token_file, *cert, *key, *hash_user, *archive_to;
    long upload_mb, workers, timeout;
} serve_opts;

static int usage(const char *english, const char *arg)
{
    fprintf(stderr, "baocao serve: ");
    fprintf(stderr, bc_message(english), arg);
    fprintf(stderr, "\n%s\n", bc_message("(see baocao serve --help)"));
    return 2;
}

static int parse(int argc, char **argv, serve_opts *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **str = !strcmp(a, "--listen") ? &o->listen : !strcmp(a, "--data-dir") ? &o->data_dir
                           : !strcmp(a, "--state-dir") ? &o->state_dir : !strcmp(a, "--auth-file") ? &o->auth_file
                           : !strcmp(a, "--token-file") ? &o->token_file : !strcmp(a, "--cert") ? &o->cert
                           : !strcmp(a, "--key") ? &o->key : !strcmp(a, "--hash-password") ? &o->hash_user
                           : !strcmp(a, "--archive-to") ? &o->archive_to : NULL;
        long *num = !strcmp(a, "--max-upload-mb") ? &o->upload_mb : !strcmp(a, "--workers") ? &o->workers
                    : !strcmp(a, "--job-timeout") ? &o->timeout : NULL;
        if (!str && !num)
            return usage("unknown option %s", a);
        if (++i == argc)
            return usage("%s needs a value", a);
        if (str) {
            *str = argv[i];
            continue;
        }
        char *end;
        *num = strtol(argv[i], &end, 10);
        if (*end || *num < 1 || *num > 100000)
            return usage("%s takes a positive number", a);
    }
    return 0;
}

static const char HELP[] =
    "usage: baocao serve [--listen ADDR:PORT] [--data-dir DIR] [--state-dir DIR]\n"
    "  the web page and the HTTP API (/api/v1/, described at /api/v1/openapi.json)\n"
    "serve options:\n"
    "  --listen ADDR:PORT  address and port: 127.0.0.1:8080 (the default), [::1]:8080,\n"
    "                      [::]:8080 (every address, IPv4 too); port 0: any free\n"
    "  --state-dir DIR     the reports made and the last report's fields (default:\n"
    "                      $STATE_DIRECTORY, else ~/.local/state/baocao)\n"
    "  --auth-file FILE    users and salted password hashes (HTTP Basic); lines from\n"
    "                      baocao serve --hash-password USER < password\n"
    "  --token-file FILE   bearer tokens, one a line (at least 32 characters)\n"
    "                      (an address other than loopback needs one of the two)\n"
    "  --cert FILE --key FILE  serve HTTPS (PEM)\n"
    "  --archive-to URL    the page and POST /api/v1/archive file a report (with its\n"
    "                      notices) there, as baocao archive --to\n"
    "                      (its password from BAOCAO_DAV_USER/BAOCAO_DAV_PASSWORD or\n"
    "                      ~/.netrc of the server's user; never shown to the browser)\n"
    "  --max-upload-mb N   upload limit (default 20)\n"
    "  --workers N         jobs at once (default 2)\n"
    "  --job-timeout S     time limit of a job in seconds (default 120); past it the\n"
    "                      job is stopped and its files removed\n";

/* An address to listen on: "A.B.C.D:PORT" or "[IPv6]:PORT" (RFC 3986's
 * brackets keep the port apart from the address's own colons). */
typedef struct listen_addr {
    struct sockaddr_storage sa;
    int v6;
    char host[INET6_ADDRSTRLEN + 2];   /* as printed: 127.0.0.1, [::1] */
} listen_addr;

static int parse_listen(const char *s, listen_addr *l)
{
    const char *colon = strrchr(s, ':');
    char host[INET6_ADDRSTRLEN];
    memset(l, 0, sizeof *l);
    l->v6 = s[0] == '[';
    if (!colon || colon - s < 2 * l->v6)
        return -1;
    const char *h = s + l->v6, *h_end = colon - l->v6;
    if ((size_t)(h_end - h) >= sizeof host || (l->v6 && *h_end != ']'))
        return -1;
    memcpy(host, h, (size_t)(h_end - h));
    host[h_end - h] = 0;
    char *end;
    errno = 0;
    long port = strtol(colon + 1, &end, 10);
    if (!isdigit((unsigned char)colon[1]) || *end || errno || port > 65535)
        return -1;
    struct sockaddr_in *in = (struct sockaddr_in *)&l->sa;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&l->sa;
    if (l->v6) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host, &in6->sin6_addr) != 1)
            return -1;
        char canon[INET6_ADDRSTRLEN];
        inet_ntop(AF_INET6, &in6->sin6_addr, canon, sizeof canon);
        snprintf(l->host, sizeof l->host, "[%s]", canon);
        return 0;
    }
    in->sin_family = AF_INET;
    in->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
        return -1;
    inet_ntop(AF_INET, &in->sin_addr, l->host, sizeof l->host);
    return 0;
}

/* Only these need no authentication: 127.0.0.0/8 and ::1 (also written
 * as the IPv4-mapped ::ffff:127.x.y.z). */
static int is_loopback(const listen_addr *l)
{
    if (!l->v6)
        return ntohl(((const struct sockaddr_in *)&l->sa)->sin_addr.s_addr) >> 24 == 127;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)&l->sa)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
}

static char *read_pem(const char *path)
{
    char *buf;
    size_t n;
    return page_read_file(path, &buf, &n) < 0 ? NULL : buf;
}

static int make_dirs(const char *state)
{
    char path[4096];
    static const char *const SUBS[] = {"", "/reports", "/drafts"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s%s", state, SUBS[i]);
        if (mkdir(path, 0700) < 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

static char *default_state_dir(void)
{
    const char *sd = getenv("STATE_DIRECTORY"), *home = getenv("HOME");
    char path[4096];
    if (sd && *sd)
        return strdup(sd);
    snprintf(path, sizeof path, "%s/.local", home ? home : ".");
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/.local/state", home ? home : ".");
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/.local/state/baocao", home ? home : ".");
    return strdup(path);
}

int serve_main(int argc, char **argv)
{
    serve_opts o = {.listen = "127.0.0.1:8080", .upload_mb = 20, .workers = 2, .timeout = 120};
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return fputs(HELP, stdout), 0;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    if (o.hash_user)
        return auth_hash_password(o.hash_user, stdin, stdout) < 0 ? usage("%s: no password on stdin", o.hash_user)
                                                                   : 0;
    listen_addr la;
    if (parse_listen(o.listen, &la) < 0)
        return usage("--listen takes ADDR:PORT or [IPv6]:PORT, such as 127.0.0.1:8080 or [::1]:8080, not %s",
                     o.listen);
    if (!o.cert != !o.key)
        return usage("%s: --cert and --key go together", o.cert ? o.cert : o.key);
    char err[4096];
    if (auth_load(&the_auth, o.auth_file, o.token_file, err, sizeof err) < 0) {
        fprintf(stderr, "baocao serve: ");
        fprintf(stderr, bc_message("%s: cannot read users or tokens (a token has at least 32 characters)"), err);
        fputc('\n', stderr);
        return 1;
    }
    if (!is_loopback(&la) && !auth_enabled(&the_auth)) {
        fprintf(stderr, "baocao serve: ");
        fprintf(stderr, bc_message("%s is not a loopback address: give --auth-file or --token-file"), o.listen);
        fputc('\n', stderr);
        auth_free(&the_auth);
        return 1;
    }
    char *state = o.state_dir ? strdup(o.state_dir) : default_state_dir();
    const char *tmp = getenv("TMPDIR");
    srv = (server){.data_dir = o.data_dir ? o.data_dir : bc_data_dir(), .state_dir = state,
                   .tmp_dir = tmp && *tmp ? tmp : "/tmp", .upload_limit = (size_t)o.upload_mb << 20,
                   .workers = (int)o.workers, .timeout = (int)o.timeout, .tls = o.cert != NULL, .auth = &the_auth,
                   .archive_to = o.archive_to};
    rc = 1;
    char *cert = NULL, *key = NULL;
    struct MHD_Daemon *d = NULL;
    if (make_dirs(state) < 0) {
        fprintf(stderr, "baocao serve: ");
        fprintf(stderr, bc_message("%s: cannot create the directory: %s"), state, strerror(errno));
        fputc('\n', stderr);
        goto out;
    }
    if (page_load(srv.data_dir, err, sizeof err) < 0) {
        fprintf(stderr, "baocao serve: ");
        fprintf(stderr, bc_message("%s: cannot open: %s"), err, strerror(errno));
        fputc('\n', stderr);
        goto out;
    }
    if (o.cert && (!(cert = read_pem(o.cert)) || !(key = read_pem(o.key)))) {
        fprintf(stderr, "baocao serve: ");
        fprintf(stderr, bc_message("%s: cannot open: %s"), cert ? o.key : o.cert, strerror(errno));
        fputc('\n', stderr);
        goto out;
    }
    jobs_init(srv.workers, srv.timeout);

    /* Signals are taken by this thread only (sigwait below): the threads
     * libmicrohttpd starts inherit the mask. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
                     (cert ? MHD_USE_TLS : 0);
    /* [::] takes IPv4 too, as any other server listening on every address;
     * a given IPv6 address only itself. */
    const struct in6_addr *a6 = &((struct sockaddr_in6 *)&la.sa)->sin6_addr;
    flags |= !la.v6 ? 0 : IN6_IS_ADDR_UNSPECIFIED(a6) ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
    d = MHD_start_daemon(flags, 0, NULL, NULL, handle, NULL, MHD_OPTION_SOCK_ADDR, &la.sa,
                         MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_CONNECTION_LIMIT, 64u,
                         MHD_OPTION_CONNECTION_TIMEOUT, 60u, cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END,
                         cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "baocao serve: ");
        fprintf(stderr, bc_message("%s: cannot listen: %s"), o.listen, strerror(errno));
        fputc('\n', stderr);
        goto out;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    printf("baocao serve: %s://%s:%u/\n", cert ? "https" : "http", la.host, info ? info->port : 0);
    fflush(stdout);

    int sig;
    sigwait(&sigs, &sig);
    /* Graceful: no new connection; the requests in progress get their answers. */
    MHD_quiesce_daemon(d);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += srv.timeout + 10;
    pthread_mutex_lock(&active_lock);
    while (active && pthread_cond_timedwait(&active_cv, &active_lock, &until) == 0)
        ;
    pthread_mutex_unlock(&active_lock);
    MHD_stop_daemon(d);
    jobs_drain();
    rc = 0;
out:
    page_free();
    auth_free(&the_auth);
    free(cert);
    free(key);
    free(state);
    return rc;
}
