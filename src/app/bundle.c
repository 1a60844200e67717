/* bundle.c — a batch folder as one ZIP (bundle.h). */
#define _XOPEN_SOURCE 700 /* nftw, mkstemp */
#include "bundle.h"
#include "cancel.h"
#include "manifest.h"
#include "sbuf.h"

#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define DOS_EPOCH 315532800   /* 1980-01-01 00:00:00 UTC: the same bytes every run */

static int add_file(zip_t *z, const char *dir, const char *name, diag *d)
{
    sbuf path = {0};
    sbuf_printf(&path, "%s/%s", dir, name);
    zip_source_t *src = zip_source_file(z, path.s, 0, -1);
    zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
        if (src)
            zip_source_free(src);
        diag_set(d, "write", "%s: cannot add to the ZIP: %s", path.s, zip_strerror(z));
    } else {
        zip_file_set_mtime(z, (zip_uint64_t)i, DOS_EPOCH, 0);
        zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 9);
    }
    sbuf_free(&path);
    return i < 0 ? -1 : 0;
}

/* libzip asks while it compresses and writes the files on zip_close. */
static int zip_cancelled(zip_t *z, void *ctx)
{
    (void)z, (void)ctx;
    diag d;
    return cancel_check(&d) < 0;
}

int bundle_zip(const char *dir, const char *zip, diag *d)
{
    char **names = NULL;
    size_t n = 0;
    sbuf manifest = {0}, tmp = {0};
    sbuf_printf(&manifest, "%s/manifest.json", dir);
    int rc = manifest_read_files(manifest.s, 1, &names, &n, d);
    if (rc == 0)
        rc = diag_set(d, "manifest", "%s: no manifest", manifest.s);
    if (rc < 0)
        goto out;
    rc = 0;
    /* libzip writes its own temporary beside the target on zip_close; ours
     * is only the name it starts from, so a failed run leaves no file. */
    sbuf_printf(&tmp, "%s.tmp-XXXXXX", zip);
    int fd = mkstemp(tmp.s);
    if (fd < 0) {
        rc = diag_set(d, "write", "%s: cannot write: %s", zip, strerror(errno));
        goto out;
    }
    close(fd);
    int zerr = 0;
    zip_t *z = zip_open(tmp.s, ZIP_TRUNCATE, &zerr);
    if (!z) {
        rc = diag_set(d, "write", "%s: cannot write the ZIP (libzip error %d)", zip, zerr);
        unlink(tmp.s);
        goto out;
    }
    zip_register_cancel_callback_with_state(z, zip_cancelled, NULL, NULL);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = add_file(z, dir, names[i], d);
    if (rc == 0)
        rc = add_file(z, dir, "manifest.json", d);
    if (rc == 0 && zip_close(z) < 0)
        rc = cancel_check(d) < 0 ? -1 : diag_set(d, "write", "%s: cannot write the ZIP: %s", zip, zip_strerror(z));
    if (rc < 0)
        zip_discard(z);
    if (rc == 0 && rename(tmp.s, zip) < 0)
        rc = diag_set(d, "write", "%s: cannot write: %s", zip, strerror(errno));
    if (rc < 0)
        unlink(tmp.s);
out:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    sbuf_free(&manifest);
    sbuf_free(&tmp);
    return rc;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

void bundle_remove_dir(const char *dir)
{
    /* FTW_DEPTH: a folder after its contents; FTW_PHYS: a link is removed, never followed. */
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
