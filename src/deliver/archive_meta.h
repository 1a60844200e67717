/* archive_meta.h — the archive record of a rendered document: the fields of
 * NĐ 30/2020/NĐ-CP Phụ lục VI, Phần II.I (metadata of a văn bản đi), kept
 * in a sidecar JSON next to the PDF ("X.pdf" -> "X.meta.json") and, the
 * essentials, in the PDF's XMP. See README.md "Archive metadata".
 *
 * Invariants of deliver/: it reads a document's metadata (doc_meta) and
 * files on disk, never the input or the templates; a PDF and its sidecar
 * are written, moved and filed together or not at all; it prints nothing
 * (outcomes and warnings go to the caller's hooks). */
#ifndef BAOCAO_ARCHIVE_META_H
#define BAOCAO_ARCHIVE_META_H

#include <stddef.h>
#include "doc.h"
#include "diag.h"
#include "pdf.h"

/* The XMP namespace of the NĐ 30 properties. */
#define ARCHIVE_XMP_URI "https://baocao.invalid/ns/nd30-van-ban-di/1.0/"
#define ARCHIVE_XMP_PREFIX "nd30"

enum { ARCHIVE_XMP_NPROPS = 9 };

/* The XMP properties of one document; the strings point into its metadata
 * and into this struct, so it lives as long as both. */
typedef struct archive_xmp {
    pdf_xmp_schema schema;
    pdf_xmp_prop props[ARCHIVE_XMP_NPROPS];
    char date[16], pages[16];
} archive_xmp;

/* Fills x for the document of metadata m rendered on `pages` pages. */
void archive_meta_xmp(archive_xmp *x, const doc_meta *m, int pages);

/* The sidecar path of a PDF: "dir/x.pdf" -> "dir/x.meta.json" (a name not
 * ending in .pdf gets ".meta.json" appended). malloc'd. */
char *archive_meta_path(const char *pdf_path);

/* Writes the sidecar of the complete PDF at pdf_path, described by m and by
 * pr (its pages, bytes and SHA-256 as written): atomically, deterministic
 * (keys in a fixed order, 2-space indent, UTF-8). Call it after pdf_write
 * succeeded; `render` and `batch` both do. Error key "write". */
int archive_meta_write(const char *pdf_path, const doc_meta *m, const pdf_result *pr, diag *d);

/* The sidecar's text, as archive_meta_write writes it (malloc'd), for a
 * caller that writes the PDF and its sidecar together (fileio.h). */
char *archive_meta_json(const char *pdf_path, const doc_meta *m, const pdf_result *pr);

/* What filing a document needs, read back from a sidecar. */
typedef struct archive_doc {
    char *code_number, *code_notation; /* "405", "BC-UBND"; code_number NULL if blank */
    char *organ_name;                  /* OrganName */
    int year;                          /* of IssuedDate; 0 if blank */
    char sha256[65];                   /* of the PDF, lower-case hex */
    size_t bytes;
} archive_doc;

/* Reads the sidecar at path; errors name the file and the key. */
int archive_meta_read(const char *path, archive_doc *a, diag *d);
void archive_doc_free(archive_doc *a);

/* The sidecar at path as it is filed with a signed version of its PDF
 * (signed[0..bytes) with SHA-256 sha, the rendered PDF as its prefix):
 * File.Size and File.SHA256 describe the signed file, "UnsignedFile" keeps
 * the rendered one's, "Signed" is true and "Signer" the certificate's
 * subject (null if unreadable). The JSON text, malloc'd; NULL on error. */
char *archive_meta_signed(const char *path, size_t bytes, const char *sha, const char *subject, diag *d);

/* One document filed in an archive directory (paths relative to its root). */
typedef struct archive_entry {
    const char *path, *metadata, *sha256;
    size_t bytes;
    int is_signed;               /* a signed version of the rendered PDF */
    const char *signer;          /* its certificate's subject, or NULL */
    const char *unsigned_sha256; /* the rendered PDF's */
} archive_entry;

/* Adds entries to the manifest JSON at path (created if missing; an entry
 * with the same Path is replaced), sorted by Path, written atomically:
 * {"Documents": [{"Path", "Metadata", "Size", "SHA256", "Signed", "Signer",
 * "UnsignedSHA256"}, …]}. */
int archive_manifest_add(const char *path, const archive_entry *e, size_t n, diag *d);

#endif
