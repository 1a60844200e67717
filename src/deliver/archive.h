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
#include <stdio.h>
#include "diag.h"

enum { ARCHIVE_CONFLICT = 1 };

typedef struct archive_stats {
    int stored, skipped, conflicts;   /* files (PDFs and sidecars) */
    int updated;           /* signed versions that replaced the unsigned ones filed */
} archive_stats;

/* Files the PDFs named in paths (a PDF, or a directory: its *.pdf, not
 * recursive) at `to`: "http(s)://…" (WebDAV), "file:///dir" or a plain
 * directory path (local; it also keeps manifest.json at the root listing
 * every document filed there). Every PDF and sidecar is checked first (the
 * sidecar's SHA-256 must match the PDF, the số must not be blank); nothing is
 * sent if one fails. One line per file goes to log (NULL: only conflicts,
 * to stderr). Returns 0
 * when every file is in place, ARCHIVE_CONFLICT when some were not filed
 * because of conflicts (all others were), -1 on an error (d set; delivery
 * stops at the first transport error; a re-run completes it). */
int archive_files(char *const *paths, size_t n, const char *to, FILE *log, archive_stats *st,
                  diag *d);

#endif
