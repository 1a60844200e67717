/* fileio.c — whole-file I/O: atomic replacement, reading, SHA-256. */
#define _POSIX_C_SOURCE 200809L
#include "fileio.h"
#include "sbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

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

/* Writes a temporary beside path, then renames it into place (replace) or
 * links it there (keep an existing file: returns 1). */
static int write_via_temporary(const char *path, const void *buf, size_t len, int replace,
                               diag *d)
{
    char *tmp = xmalloc(strlen(path) + sizeof ".tmp-XXXXXX");
    strcpy(tmp, path);
    strcat(tmp, ".tmp-XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        diag_set(d, "write", "%s: cannot create a file there: %s", path, strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp creates the file 0600; reports are meant to be shared. */
    int ok = fchmod(fd, 0644) == 0 && write_all(fd, buf, len) == 0 && fsync(fd) == 0;
    int err = errno, exists = 0;
    if (close(fd) < 0 && ok) {
        ok = 0;
        err = errno;
    }
    if (ok && (replace ? rename(tmp, path) : link(tmp, path)) < 0) {
        ok = 0;
        err = errno;
        exists = !replace && err == EEXIST;
    }
    if (!ok && !exists)
        diag_set(d, "write", "%s: cannot write: %s", path, strerror(err));
    if (!ok || !replace)
        unlink(tmp);
    free(tmp);
    return exists ? 1 : ok ? 0 : -1;
}

int file_write_atomic(const char *path, const void *buf, size_t len, diag *d)
{
    return write_via_temporary(path, buf, len, 1, d);
}

int file_write_new(const char *path, const void *buf, size_t len, diag *d)
{
    return write_via_temporary(path, buf, len, 0, d);
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

void sha256_hex(const void *buf, size_t len, char hex[65])
{
    unsigned char md[32];
    EVP_Digest(buf, len, md, NULL, EVP_sha256(), NULL);
    hex_encode(md, sizeof md, hex);
}
