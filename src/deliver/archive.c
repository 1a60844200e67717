/* archive.c — which files are filed where, and the skip/conflict decisions.
 * The transport is a local directory or WebDAV (webdav.c). */
#define _POSIX_C_SOURCE 200809L
#include "archive.h"
#include "archive_meta.h"
#include "cancel.h"
#include "fileio.h"
#include "manifest.h"
#include "pdfsign.h"
#include "sbuf.h"
#include "text.h"
#include "webdav.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One document to file: the PDF and its sidecar, local and at the target.
 * A signed version of a rendered PDF files with its sidecar rewritten
 * (archive_meta_signed) and replaces the unsigned one already filed. */
typedef struct item {
    char *pdf, *sidecar;     /* local paths */
    char *dest, *dest_meta;  /* relative to the target root */
    char sha[65];
    size_t bytes;
    int is_signed;           /* the rendered PDF followed by a signer's incremental update */
    char *signer;            /* the signing certificate's subject, or NULL */
    char unsigned_sha[65];   /* the rendered PDF's (= sha when not signed) */
    char unsigned_meta_sha[65]; /* its sidecar's, as render wrote it */
    char *meta_text;         /* the sidecar to file (signed: rewritten), NULL: the file */
} item;

typedef struct plan {
    item *v;
    size_t n, cap;
} plan;

static void plan_free(plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].pdf);
        free(p->v[i].sidecar);
        free(p->v[i].dest);
        free(p->v[i].dest_meta);
        free(p->v[i].signer);
        free(p->v[i].meta_text);
    }
    free(p->v);
}

/* A file-name part: diacritics folded, runs of other characters as one '-'. */
static void put_slug(sbuf *b, const char *s, int upper)
{
    char *f = text_fold(s);
    int dash = 0;
    for (const char *p = f; *p; p++) {
        if (isalnum((unsigned char)*p)) {
            if (dash && b->len && b->s[b->len - 1] != '/')
                sbuf_putc(b, '-');
            sbuf_putc(b, upper ? (char)toupper((unsigned char)*p) : *p);
            dash = 0;
        } else {
            dash = 1;
        }
    }
    free(f);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && !strcmp(s + n - k, tail);
}

/* Whether buf[0..len) is the PDF sidecar a describes, or that PDF signed:
 * 0 the same, 1 a signed version (a prefix of a->bytes with its SHA-256,
 * then incremental updates), -1 neither. */
static int describes(const archive_doc *a, const unsigned char *buf, size_t len, const char *sha)
{
    char prefix[65];
    if (!strcmp(sha, a->sha256))
        return 0;
    if (a->bytes >= len || !pdf_is_update_of(buf, len, a->bytes))
        return -1;
    sha256_hex(buf, a->bytes, prefix);
    return strcmp(prefix, a->sha256) ? -1 : 1;
}

/* A signer may rename the file (bc_daky.pdf): the sidecar beside it whose
 * PDF it starts with, found among the folder's *.meta.json. */
static char *find_sidecar(const char *pdf, const unsigned char *buf, size_t len, const char *sha)
{
    const char *slash = strrchr(pdf, '/');
    char *dir = slash ? xstrndup(pdf, (size_t)(slash - pdf)) : xstrdup(".");
    DIR *dh = opendir(dir);
    char *found = NULL;
    for (struct dirent *e; dh && !found && (e = readdir(dh));) {
        if (!ends_with(e->d_name, ".meta.json") || e->d_name[0] == '.')
            continue;
        sbuf path = {0};
        sbuf_printf(&path, "%s/%s", dir, e->d_name);
        archive_doc a;
        diag ignored = {0};
        if (archive_meta_read(path.s, &a, &ignored) == 0) {
            if (describes(&a, buf, len, sha) >= 0)
                found = sbuf_take(&path);
            archive_doc_free(&a);
        }
        sbuf_free(&path);
    }
    if (dh)
        closedir(dh);
    free(dir);
    return found;
}

/* Checks one PDF against its sidecar and works out where it goes. */
static int plan_pdf(plan *p, const char *pdf, diag *d)
{
    item it = {.pdf = xstrdup(pdf), .sidecar = archive_meta_path(pdf)};
    archive_doc meta = {0};
    unsigned char *buf = NULL, *side = NULL;
    size_t len = 0, side_len = 0;
    int rc = -1;
    if (file_read(pdf, &buf, &len, d) < 0)
        goto out;
    sha256_hex(buf, len, it.sha);
    it.bytes = len;
    if (access(it.sidecar, F_OK) < 0) {
        char *other = find_sidecar(pdf, buf, len, it.sha);
        if (other)
            free(it.sidecar), it.sidecar = other;
    }
    if (archive_meta_read(it.sidecar, &meta, d) < 0) {
        diag_prefix(d, "%s: reading its sidecar (rendered with --no-sidecar?)", pdf);
        goto out;
    }
    int version = describes(&meta, buf, len, it.sha);
    if (version < 0) {
        diag_set(d, "archive-stale-sidecar",
                 "%s: SHA-256 %s, but its sidecar %s describes %s: render it again", pdf, it.sha,
                 it.sidecar, meta.sha256);
        goto out;
    }
    memcpy(it.unsigned_sha, meta.sha256, sizeof it.unsigned_sha);
    if (file_read(it.sidecar, &side, &side_len, d) < 0)
        goto out;
    sha256_hex(side, side_len, it.unsigned_meta_sha);
    if (version == 1) {
        pdf_signature sig;
        pdf_signature_read(buf, len, meta.bytes, &sig);
        it.is_signed = sig.found;
        it.signer = sig.subject;
        sig.subject = NULL;
        pdf_signature_free(&sig);
        if (!(it.meta_text = archive_meta_signed(it.sidecar, len, it.sha, it.signer, d)))
            goto out;
    }
    if (!meta.code_number || !meta.year) {
        diag_set(d, "archive-no-number",
                 "%s: no số or no issue date: only an issued document can be filed", pdf);
        goto out;
    }
    sbuf b = {0};
    sbuf_printf(&b, "%04d/", meta.year);
    put_slug(&b, meta.organ_name, 0);
    if (b.len == strlen("YYYY/")) {
        sbuf_free(&b);
        diag_set(d, "archive-no-agency", "%s: OrganName \"%s\" gives no folder name", it.sidecar,
                 meta.organ_name);
        goto out;
    }
    sbuf_putc(&b, '/');
    sbuf code = {0};
    sbuf_printf(&code, "%s-%s", meta.code_number, meta.code_notation);
    put_slug(&b, sbuf_str(&code), 1);
    sbuf_free(&code);
    it.dest_meta = archive_meta_path(sbuf_str(&b));
    sbuf_puts(&b, ".pdf");
    it.dest = sbuf_take(&b);
    size_t i = 0;
    while (i < p->n && strcmp(p->v[i].dest, it.dest))
        i++;
    /* The rendered PDF and its signed version, both in a folder: file the signed one. */
    if (i < p->n && !strcmp(p->v[i].sha, it.unsigned_sha) && it.meta_text) {
        item old = p->v[i];
        p->v[i] = it;
        it = old;
    } else if (i < p->n && !strcmp(it.sha, p->v[i].unsigned_sha)) {
        /* this is the unsigned one of a signed version already planned */
    } else if (i < p->n && strcmp(p->v[i].sha, it.sha)) {
        diag_set(d, "archive-duplicate", "%s and %s are different documents with the same "
                 "số and ký hiệu (%s)", p->v[i].pdf, pdf, it.dest);
        goto out;
    }
    if (i == p->n) {   /* else the same document named twice: file it once */
        grow(&p->v, &p->cap, p->n + 1, sizeof *p->v);
        p->v[p->n++] = it;
        memset(&it, 0, sizeof it);
    }
    rc = 0;
out:
    free(it.pdf);
    free(it.sidecar);
    free(it.dest);
    free(it.dest_meta);
    free(it.signer);
    free(it.meta_text);
    free(buf);
    free(side);
    archive_doc_free(&meta);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The PDFs of a directory, in name order: those its manifest.json lists
 * (a batch folder), else every *.pdf. A batch folder without its manifest
 * is one whose run was stopped part-way: nothing of it is filed. */
static int plan_dir(plan *p, const char *dir, diag *d)
{
    sbuf path = {0};
    sbuf_printf(&path, "%s/manifest.json", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    int listed = manifest_read_files(path.s, 0, &names, &n, d);
    sbuf_free(&path);
    if (listed < 0)
        return -1;
    DIR *dh = listed ? NULL : opendir(dir);
    if (!listed && !dh)
        return diag_set(d, "archive-input", "%s: cannot read the directory: %s", dir,
                        strerror(errno));
    int incomplete = 0;
    for (struct dirent *e; dh && (e = readdir(dh));) {
        incomplete |= manifest_is_staging(e->d_name);
        if (ends_with(e->d_name, ".pdf") && e->d_name[0] != '.') {
            grow(&names, &cap, n + 1, sizeof *names);
            names[n++] = xstrdup(e->d_name);
        }
    }
    if (dh)
        closedir(dh);
    int rc = 0;
    if (incomplete)
        rc = diag_set(d, "archive-incomplete", "%s: a batch into this directory was stopped before "
                      "it wrote manifest.json; run it again first", dir);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!ends_with(names[i], ".pdf"))
            continue;   /* a batch's DOCX drafts are not filed */
        sbuf_printf(&path, "%s/%s", dir, names[i]);
        rc = plan_pdf(p, path.s, d);
        sbuf_free(&path);
    }
    strv_free(names, n);
    if (rc == 0 && n == 0)
        rc = diag_set(d, "archive-input", "%s: no PDF in this directory", dir);
    return rc;
}

/* ---- targets -------------------------------------------------------------- */

typedef struct target {
    webdav *dav;   /* NULL: a local directory */
    char *root;    /* local root, no trailing '/' */
} target;

static char *local_path(const target *t, const char *rel)
{
    sbuf b = {0};
    sbuf_printf(&b, "%s/%s", t->root, rel);
    return sbuf_take(&b);
}

/* 1 with the SHA-256 of what is at rel (empty: longer than max, not read),
 * 0 if nothing is there, -1 on error. */
static int lookup(target *t, const char *rel, size_t max, char sha[65], diag *d)
{
    if (t->dav)
        return webdav_lookup(t->dav, rel, max, sha, d);
    char *path = local_path(t, rel);
    int rc = 0;
    if (access(path, F_OK) == 0) {
        unsigned char *buf;
        size_t len;
        rc = file_read(path, &buf, &len, d);
        if (rc == 0) {
            sha256_hex(buf, len, sha);
            free(buf);
            rc = 1;
        }
    }
    free(path);
    return rc;
}

/* mkdir -p of rel's parent under the root. */
static int make_dirs(const target *t, const char *rel, diag *d)
{
    char *path = local_path(t, rel);
    int rc = 0;
    for (char *p = path + strlen(t->root) + 1; (p = strchr(p, '/')); p++) {
        *p = 0;
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            rc = diag_set(d, "write", "%s: cannot create the directory: %s", path, strerror(errno));
        *p = '/';
        if (rc < 0)
            break;
    }
    free(path);
    return rc;
}

/* 0 stored, 1 something already at rel, -1 error; with replace, what is
 * at rel is replaced (atomically). */
static int store(target *t, const char *rel, const unsigned char *buf, size_t len,
                 const char *sha, int replace, diag *d)
{
    if (t->dav)
        return webdav_store(t->dav, rel, buf, len, sha, replace, d);
    if (make_dirs(t, rel, d) < 0)
        return -1;
    char *path = local_path(t, rel);
    int rc = replace ? file_write_atomic(path, buf, len, d) : file_write_new(path, buf, len, d);
    free(path);
    return rc;
}

/* ---- delivery ------------------------------------------------------------- */

/* Files buf at rel: skip it if the same bytes are there, replace what is
 * there if its SHA-256 is `older` (the unsigned version of a signed PDF, or
 * its sidecar), leave anything else alone. `file` names it in r's event. */
static int deliver(target *t, const unsigned char *buf, size_t len, const char *file, const char *rel,
                   const char *older, const archive_report *r, archive_outcome *out, diag *d)
{
    char sha[65], there[65];
    sha256_hex(buf, len, sha);
    if (t->dav)
        webdav_start_file(t->dav);
    int rc = lookup(t, rel, len, there, d);
    if (rc == 1 && older && strcmp(sha, there) && !strcmp(there, older)) {
        rc = store(t, rel, buf, len, sha, 1, d);
        *out = ARCHIVE_UPDATED;
    } else if (rc == 0) {
        rc = store(t, rel, buf, len, sha, 0, d);
        if (rc == 0)
            *out = ARCHIVE_STORED;
        /* Someone filed it meanwhile (or a retried MOVE had worked): compare. */
        else if (rc == 1 && (rc = lookup(t, rel, len, there, d)) == 0)
            rc = diag_set(d, "archive-target", "%s: refused as existing, yet not there", rel);
    }
    if (rc == 1)
        *out = strcmp(sha, there) ? ARCHIVE_CONFLICTED : ARCHIVE_SKIPPED;
    if (rc < 0)
        return -1;
    if (r && r->filed) {
        archive_event e = {*out, rel, file, sha, *out == ARCHIVE_CONFLICTED ? there : ""};
        r->filed(r->ctx, &e);
    }
    return 0;
}

/* deliver() of a local file. */
static int deliver_file(target *t, const char *file, const char *rel, const char *older, const archive_report *r,
                        archive_outcome *out,
                        diag *d)
{
    unsigned char *buf;
    size_t len;
    if (file_read(file, &buf, &len, d) < 0)
        return -1;
    int rc = deliver(t, buf, len, file, rel, older, r, out, d);
    free(buf);
    return rc;
}

static void count(archive_stats *st, archive_outcome o)
{
    if (o == ARCHIVE_STORED)
        st->stored++;
    else if (o == ARCHIVE_SKIPPED)
        st->skipped++;
    else if (o == ARCHIVE_UPDATED)
        st->updated++;
    else
        st->conflicts++;
}

static int open_target(target *t, const char *to, const diag_sink *warnings, diag *d)
{
    memset(t, 0, sizeof *t);
    if (!strncmp(to, "http://", 7) || !strncmp(to, "https://", 8))
        return (t->dav = webdav_open(to, warnings, d)) ? 0 : -1;
    if (strstr(to, "://") && (strncmp(to, "file://", 7) || to[7] != '/')) {
        char *shown = webdav_shown_url(to);   /* a mistyped URL may carry a password */
        if (!strncmp(to, "file://", 7))
            diag_set(d, "archive-target", "%s: expected file:///absolute/path", shown);
        else
            diag_set(d, "archive-target", "%s: expected http://, https:// or file://", shown);
        free(shown);
        return -1;
    }
    if (!strncmp(to, "file://", 7))
        to += 7;
    size_t n = strlen(to);
    while (n > 1 && to[n - 1] == '/')
        n--;
    t->root = xstrndup(to, n);
    struct stat st;
    if (mkdir(t->root, 0755) < 0 && (errno != EEXIST || stat(t->root, &st) < 0 || !S_ISDIR(st.st_mode))) {
        diag_set(d, "archive-target", "%s: cannot create the directory: %s", t->root, strerror(errno));
        free(t->root);   /* the caller frees an opened target only */
        t->root = NULL;
        return -1;
    }
    return 0;
}

int archive_files(char *const *paths, size_t n, const char *to, const archive_report *r, archive_stats *st,
                  diag *d)
{
    plan p = {0};
    target t;
    memset(st, 0, sizeof *st);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) < 0)
            rc = diag_set(d, "archive-input", "%s: %s", paths[i], strerror(errno));
        else
            rc = S_ISDIR(sb.st_mode) ? plan_dir(&p, paths[i], d) : plan_pdf(&p, paths[i], d);
    }
    if (rc < 0 || open_target(&t, to, r ? &r->warnings : NULL, d) < 0) {
        plan_free(&p);
        return -1;
    }

    archive_entry *filed = xcalloc(p.n + 1, sizeof *filed);
    size_t nfiled = 0;
    for (size_t i = 0; i < p.n && rc == 0; i++) {
        item *it = &p.v[i];
        archive_outcome pdf_out, meta_out = ARCHIVE_SKIPPED;
        const char *older = it->is_signed || it->meta_text ? it->unsigned_sha : NULL;
        if (cancel_check(d) < 0 || deliver_file(&t, it->pdf, it->dest, older, r, &pdf_out, d) < 0) {
            rc = -1;
            break;
        }
        count(st, pdf_out);
        if (pdf_out == ARCHIVE_CONFLICTED)   /* its sidecar would describe the wrong PDF */
            continue;
        if (it->meta_text)
            rc = deliver(&t, (const unsigned char *)it->meta_text, strlen(it->meta_text), it->sidecar,
                         it->dest_meta, it->unsigned_meta_sha, r, &meta_out, d);
        else
            rc = deliver_file(&t, it->sidecar, it->dest_meta, NULL, r, &meta_out, d);
        if (rc < 0)
            break;
        count(st, meta_out);
        if (meta_out != ARCHIVE_CONFLICTED)
            filed[nfiled++] = (archive_entry){it->dest, it->dest_meta, it->sha, it->bytes, it->is_signed, it->signer,
                                              it->unsigned_sha};
    }
    /* The manifest lists what is filed, also after a failure part-way. */
    if (t.root && nfiled) {
        char *manifest = local_path(&t, "manifest.json");
        diag md = {0};
        if (archive_manifest_add(manifest, filed, nfiled, rc < 0 ? &md : d) < 0 && rc == 0)
            rc = -1;
        free(manifest);
    }
    free(filed);
    webdav_close(t.dav);
    free(t.root);
    plan_free(&p);
    if (rc < 0)
        return -1;
    return st->conflicts ? ARCHIVE_CONFLICT : 0;
}
