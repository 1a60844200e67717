/* webdav.h — delivery to a WebDAV collection (the interface of Alfresco,
 * Nextcloud, OpenKM, SharePoint) with libcurl. The only module that speaks
 * HTTP. Paths are relative to the base URL, '/'-separated, unescaped.
 *
 * Credentials come from BAOCAO_DAV_USER and BAOCAO_DAV_PASSWORD, or else from
 * ~/.netrc (curl's netrc rules); never from the command line. TLS peers are
 * always verified (BAOCAO_DAV_CAINFO may name a CA bundle). A request that
 * fails to connect, times out, is cut off or gets 502/503/504 is retried up
 * to 4 times, waiting 0.25 s, 0.5 s, 1 s, 2 s, while the file's deadline
 * allows. Bounded work whatever the server does: every request and retry of
 * one file within BAOCAO_DAV_TIMEOUT seconds (default 300); a transfer
 * slower than 1 KB/s over 30 s is cut off; an answer is read only up to
 * what is expected (a file's own size when reading it back, 1 MB for any
 * other answer). Errors use the key "webdav"; messages show URLs without
 * user:password@. */
#ifndef BAOCAO_WEBDAV_H
#define BAOCAO_WEBDAV_H

#include <stddef.h>
#include "diag.h"

typedef struct webdav webdav;

/* base_url: http:// or https:// URL of a collection. NULL on error. A
 * password about to go unencrypted is a warning to `warnings` (may be NULL). */
webdav *webdav_open(const char *base_url, const diag_sink *warnings, diag *d);
void webdav_close(webdav *w);

/* Starts the deadline of the next file (BAOCAO_DAV_TIMEOUT). */
void webdav_start_file(webdav *w);

/* The SHA-256 (hex) of the resource at path: 1 if it exists (sha empty if
 * it is longer than max bytes: not read), 0 if not, -1 on error. */
int webdav_lookup(webdav *w, const char *path, size_t max, char sha[65], diag *d);

/* Stores buf at path without ever showing a partial file under that name:
 * creates the missing collections, PUTs a temporary ".NAME.part-HASH" beside
 * it, checks its size (PROPFIND getcontentlength) and SHA-256 (GET), then
 * MOVEs it into place with "Overwrite: F" (with replace, "T": an update of
 * what is there) and checks the final name the same way (a MOVE answered 201
 * that moved nothing is an error). Returns 0 when stored, 1 when a resource
 * already exists at path (nothing replaced), -1 on error (the temporary is
 * deleted when the server can still be reached). */
int webdav_store(webdav *w, const char *path, const unsigned char *buf, size_t len,
                 const char *sha, int replace, diag *d);

/* url without its user:password@ (malloc'd): what messages show. */
char *webdav_shown_url(const char *url);

#endif
