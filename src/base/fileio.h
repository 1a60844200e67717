/* fileio.h — whole-file I/O shared by the writers (PDF, sidecar, archive):
 * atomic replacement, reading back, SHA-256 of contents. */
#ifndef BAOCAO_FILEIO_H
#define BAOCAO_FILEIO_H

#include <stddef.h>
#include "diag.h"

/* Writes buf to path through "path.tmp-XXXXXX" in the same directory, fsync
 * and rename, so path is either the old file or the complete new one (mode
 * 0644). Error key "write". */
int file_write_atomic(const char *path, const void *buf, size_t len, diag *d);

/* The same, but never replaces an existing file (link(2) instead of
 * rename): returns 1, writing nothing, if path exists. */
int file_write_new(const char *path, const void *buf, size_t len, diag *d);

/* One file of a set that appears together (a PDF and its sidecar). */
typedef struct file_part {
    const char *path;
    const void *buf;
    size_t len;
} file_part;

/* Writes every part to a temporary beside its path, then renames them into
 * place, the last part first. On failure no temporary stays and the parts
 * already renamed are removed: all of the set is new, or none of it is there.
 * durable: each temporary is fsync'd before its rename; 0 leaves that to
 * the caller, which calls file_sync_fs before its own commit point (a batch:
 * one flush for all its documents instead of two waits for the disk each). */
int file_write_together(const file_part *p, size_t n, int durable, diag *d);

/* Flushes everything written to the file system that holds path (syncfs). */
int file_sync_fs(const char *path, diag *d);

/* Reads the whole file into a malloc'd buffer (NUL-terminated, *len without
 * the NUL). Error key "read". */
int file_read(const char *path, unsigned char **buf, size_t *len, diag *d);

/* Digests of buf. libcrypto's SHA-256 and MD5 functions, not EVP: EVP's
 * first use loads and searches the default provider, which cost more than
 * the rest of the PDF writer. Thread-safe, no allocation. */
void sha256(const void *buf, size_t len, unsigned char md[32]);
void md5(const void *buf, size_t len, unsigned char md[16]);
/* SHA-256 of buf as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *buf, size_t len, char hex[65]);
void hex_encode(const unsigned char *p, size_t n, char *out);  /* 2n digits + NUL */

#endif
