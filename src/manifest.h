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

/* A batch folder's own hidden names (batch.c): the staging folders a run
 * makes its documents in, and, inside one, the manifest it moved aside. A
 * folder with a staging folder but no manifest.json is incomplete. */
#define MANIFEST_STAGING_PREFIX ".staging-"
#define MANIFEST_PREVIOUS "manifest.previous"

/* Whether a file name in a batch folder is one of its staging folders. */
int manifest_is_staging(const char *name);

/* The file names the manifest at path lists: each PDF and, with_sidecars,
 * its sidecar (malloc'd vector of *n names). Only names of files in the
 * manifest's own directory are accepted. 1 when read, 0 when there is no
 * manifest at path, -1 on an error (key "manifest"). */
int manifest_read_files(const char *path, int with_sidecars, char ***names, size_t *n, diag *d);

#endif
