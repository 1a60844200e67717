/* archive.h — filing rendered reports into a document management system:
 * which files go where, and what to do with what is already there. Each PDF
 * travels with its sidecar (archive_meta.h) to
 *     YEAR/<agency>/<số-ký-hiệu>.pdf   and   …/<số-ký-hiệu>.meta.json
 * (ASCII names: "2024/uy-ban-nhan-dan-thi-xa-muong-lay/1004-BC-UBND.pdf")
 * in a local directory or a WebDAV collection (webdav.h). A file already
 * there with the same SHA-256 is skipped; one with other content is a
 * conflict: reported, never overwritten — except the unsigned PDF (and its
 * sidecar) that a signed version of it replaces: an update. A signed PDF is
 * the rendered one followed by a signer's incremental update (pdfsign.h);
 * its sidecar is found by name, or by that prefix among the folder's
 * sidecars when the signer renamed the file. */
#ifndef BAOCAO_ARCHIVE_H
#define BAOCAO_ARCHIVE_H

#include <stddef.h>
#include "diag.h"

enum { ARCHIVE_CONFLICT = 1 };

/* What happened to one file, for the caller to show (the library prints
 * nothing): rel its place in the archive, file where it came from; sha its
 * SHA-256, there the one already filed ("" when the file there is longer
 * than this one, so its hash was not taken). */
typedef enum archive_outcome { ARCHIVE_STORED, ARCHIVE_UPDATED, ARCHIVE_SKIPPED, ARCHIVE_CONFLICTED } archive_outcome;

typedef struct archive_event {
    archive_outcome outcome;
    const char *rel, *file, *sha, *there;
} archive_event;

/* The caller's hooks: each file's outcome, and the warnings of delivery
 * (a password sent unencrypted). NULL members: not told. */
typedef struct archive_report {
    void (*filed)(void *ctx, const archive_event *e);
    diag_sink warnings;
    void *ctx;             /* for filed */
} archive_report;

typedef struct archive_stats {
    int stored, skipped, conflicts;   /* files (PDFs and sidecars) */
    int updated;           /* signed versions that replaced the unsigned ones filed */
} archive_stats;

/* Files the PDFs named in paths (a PDF, or a directory: its *.pdf, not
 * recursive) at `to`: "http(s)://…" (WebDAV), "file:///dir" or a plain
 * directory path (local; it also keeps manifest.json at the root listing
 * every document filed there). Every PDF and sidecar is checked first (the
 * sidecar's SHA-256 must match the PDF, the số must not be blank); nothing is
 * sent if one fails. Each file's outcome goes to r->filed (r may be NULL).
 * Returns 0
 * when every file is in place, ARCHIVE_CONFLICT when some were not filed
 * because of conflicts (all others were), -1 on an error (d set; delivery
 * stops at the first transport error; a re-run completes it). */
int archive_files(char *const *paths, size_t n, const char *to, const archive_report *r, archive_stats *st,
                  diag *d);

#endif
