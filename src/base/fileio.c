/* fileio.c — whole-file I/O: atomic replacement, reading, SHA-256. */
#define _GNU_SOURCE /* syncfs */
#include "fileio.h"
#include "sbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* SHA256_Init and MD5_Init are deprecated in OpenSSL 3 in favour of EVP;
 * see fileio.h for why they are used. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/md5.h>
#include <openssl/sha.h>

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Writes buf to a new temporary "path.tmp-XXXXXX" beside path (0644,
 * fsync'd if durable); its name in *tmp (malloc'd). */
static int write_temporary(const char *path, const void *buf, size_t len, int durable, char **tmp,
                           diag *d)
{
    char *t = xmalloc(strlen(path) + sizeof ".tmp-XXXXXX");
    strcpy(t, path);
    strcat(t, ".tmp-XXXXXX");
    int fd = mkstemp(t);
    if (fd < 0) {
        diag_set(d, "write", "%s: cannot create a file there: %s", path, strerror(errno));
        free(t);
        return -1;
    }
    /* mkstemp creates the file 0600; reports are meant to be shared. */
    int ok = fchmod(fd, 0644) == 0 && write_all(fd, buf, len) == 0 && (!durable || fsync(fd) == 0);
    int err = errno;
    if (close(fd) < 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (!ok) {
        diag_set(d, "write", "%s: cannot write: %s", path, strerror(err));
        unlink(t);
        free(t);
        return -1;
    }
    *tmp = t;
    return 0;
}

/* Writes a temporary beside path, then renames it into place (replace) or
 * links it there (keep an existing file: returns 1). */
static int write_via_temporary(const char *path, const void *buf, size_t len, int replace,
                               diag *d)
{
    char *tmp;
    if (write_temporary(path, buf, len, 1, &tmp, d) < 0)
        return -1;
    int rc = 0;
    if ((replace ? rename(tmp, path) : link(tmp, path)) < 0) {
        rc = !replace && errno == EEXIST ? 1 : diag_set(d, "write", "%s: cannot write: %s", path,
                                                        strerror(errno));
    }
    if (rc < 0 || !replace)
        unlink(tmp);
    free(tmp);
    return rc;
}

int file_write_atomic(const char *path, const void *buf, size_t len, diag *d)
{
    return write_via_temporary(path, buf, len, 1, d);
}

int file_write_new(const char *path, const void *buf, size_t len, diag *d)
{
    return write_via_temporary(path, buf, len, 0, d);
}

int file_write_together(const file_part *p, size_t n, int durable, diag *d)
{
    char **tmp = xcalloc(n + 1, sizeof *tmp);
    size_t written = 0, renamed = 0;
    int rc = 0;
    while (written < n && (rc = write_temporary(p[written].path, p[written].buf, p[written].len, durable,
                                                &tmp[written], d)) == 0)
        written++;
    /* The last part first: the PDF (part 0) appears only once its sidecar is there. */
    while (rc == 0 && renamed < n) {
        size_t i = n - 1 - renamed;
        if (rename(tmp[i], p[i].path) < 0)
            rc = diag_set(d, "write", "%s: cannot write: %s", p[i].path, strerror(errno));
        else
            renamed++;
    }
    for (size_t i = 0; rc < 0 && i < n; i++) {
        if (i < written && i + renamed < n)
            unlink(tmp[i]);
        else if (i + renamed >= n)
            unlink(p[i].path);
    }
    strv_free(tmp, n);
    return rc;
}

int file_sync_fs(const char *path, diag *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0 && syncfs(fd) == 0;
    int err = errno;
    if (fd >= 0)
        close(fd);
    return ok ? 0 : diag_set(d, "write", "%s: cannot write: %s", path, strerror(err));
}

int file_read(const char *path, unsigned char **buf, size_t *len, diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return diag_set(d, "read", "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    unsigned char *p = xmalloc(cap);
    for (;;) {
        n += fread(p + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        cap *= 2;
        p = xrealloc(p, cap);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(p);
        return diag_set(d, "read", "%s: cannot read", path);
    }
    p[n] = 0;
    *buf = p;
    *len = n;
    return 0;
}

void hex_encode(const unsigned char *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = 0;
}

void sha256(const void *buf, size_t len, unsigned char md[32])
{
    SHA256_CTX c;
    SHA256_Init(&c);
    SHA256_Update(&c, buf, len);
    SHA256_Final(md, &c);
}

void md5(const void *buf, size_t len, unsigned char md[16])
{
    MD5_CTX c;
    MD5_Init(&c);
    MD5_Update(&c, buf, len);
    MD5_Final(md, &c);
}

void sha256_hex(const void *buf, size_t len, char hex[65])
{
    unsigned char md[32];
    sha256(buf, len, md);
    hex_encode(md, sizeof md, hex);
}
