/* manifest.h — manifest.json of a batch: what was written, with the
 * figures a receiving office checks (pages, bytes, SHA-256, số ký hiệu,
 * date), and what failed. Written atomically; deterministic. */
#ifndef BAOCAO_MANIFEST_H
#define BAOCAO_MANIFEST_H

#include <stddef.h>
#include "diag.h"

typedef struct manifest_entry {
    const char *unit;          /* the unit, or the agency of the summary report */
    const char *kind;          /* "report" or "notice" */
    const char *path;          /* relative to the manifest's directory; NULL if failed */
    const char *sidecar;       /* its archive metadata (archive_meta.h), relative; NULL: none */
    int pages;
    size_t bytes;
    unsigned char sha256[32];
    const char *code;          /* "96/BC-UBND" */
    const char *date;          /* "2024-03-06" */
    const char *error;         /* non-NULL: this document failed, with this message */
} manifest_entry;

/* Writes {"files": [...], "failed": [...]} to path, entries in the order given. */
int manifest_write(const char *path, const manifest_entry *e, size_t n, diag *d);

#endif
