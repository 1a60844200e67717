/* webdav.c — WebDAV requests with libcurl: GET, PUT, PROPFIND, MKCOL, MOVE,
 * DELETE, with retries on connection errors. */
#define _POSIX_C_SOURCE 200809L
#include "webdav.h"
#include "fileio.h"
#include "sbuf.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ATTEMPTS = 5, FIRST_WAIT_MS = 250 };

struct webdav {
    CURL *curl;
    char *base;            /* ends with '/' */
    char errbuf[CURL_ERROR_SIZE];
};

typedef struct response {
    long status;
    sbuf body;
} response;

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    sbuf_add(&((response *)arg)->body, p, size * n);
    return size * n;
}

/* Credentials over plain http:// travel readable to anyone on the way;
 * only the loopback test server is exempt from the warning. */
static void warn_cleartext(const char *url)
{
    const char *user = getenv("BAOCAO_DAV_USER");
    if (strncmp(url, "http://", 7) || !user || !*user)
        return;
    CURLU *u = curl_url();
    char *host = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && strcmp(host, "127.0.0.1") &&
        strcmp(host, "localhost") && strcmp(host, "[::1]"))
        diag_warn("%s: BAOCAO_DAV_USER's password goes unencrypted over http://; use https://",
                  url);
    curl_free(host);
    curl_url_cleanup(u);
}

webdav *webdav_open(const char *base_url, diag *d)
{
    if (strncmp(base_url, "http://", 7) && strncmp(base_url, "https://", 8)) {
        diag_set(d, "webdav", "%s: expected an http:// or https:// URL", base_url);
        return NULL;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
        diag_set(d, "webdav", "cannot initialise libcurl");
        return NULL;
    }
    webdav *w = xcalloc(1, sizeof *w);
    w->curl = curl_easy_init();
    if (!w->curl) {
        free(w);
        curl_global_cleanup();
        diag_set(d, "webdav", "cannot initialise libcurl");
        return NULL;
    }
    warn_cleartext(base_url);
    size_t n = strlen(base_url);
    w->base = xmalloc(n + 2);
    memcpy(w->base, base_url, n + 1);
    if (n && base_url[n - 1] != '/')
        strcpy(w->base + n, "/");
    return w;
}

void webdav_close(webdav *w)
{
    if (!w)
        return;
    curl_easy_cleanup(w->curl);
    free(w->base);
    free(w);
    curl_global_cleanup();
}

/* The URL of path: each segment percent-encoded. */
static char *url_of(webdav *w, const char *path)
{
    sbuf b = {0};
    sbuf_puts(&b, w->base);
    for (const char *p = path; *p;) {
        size_t k = strcspn(p, "/");
        char *seg = curl_easy_escape(w->curl, p, (int)k);
        sbuf_puts(&b, seg);
        curl_free(seg);
        p += k;
        if (*p == '/') {
            sbuf_putc(&b, '/');
            p++;
        }
    }
    return sbuf_take(&b);
}

static int transient(CURLcode rc, long status)
{
    switch (rc) {
    case CURLE_OK:
        return status == 502 || status == 503 || status == 504;
    case CURLE_COULDNT_CONNECT: case CURLE_COULDNT_RESOLVE_HOST: case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR: case CURLE_RECV_ERROR: case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE:
        return 1;
    default:
        return 0;
    }
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

/* One request, retried on connection errors. extra: NULL-terminated header
 * lines. Fills r (status and body); -1 with d set on a transport failure. */
static int request(webdav *w, const char *method, const char *path, const char *const *extra,
                   const void *body, size_t len, response *r, diag *d)
{
    CURL *c = w->curl;
    char *url = url_of(w, path);
    struct curl_slist *hdr = curl_slist_append(NULL, "Expect:");  /* no 100-continue wait */
    for (; extra && *extra; extra++)
        hdr = curl_slist_append(hdr, *extra);
    if (body)
        hdr = curl_slist_append(hdr, "Content-Type: application/octet-stream");
    const char *user = getenv("BAOCAO_DAV_USER"), *password = getenv("BAOCAO_DAV_PASSWORD");
    const char *cainfo = getenv("BAOCAO_DAV_CAINFO");

    CURLcode rc = CURLE_OK;
    long wait = FIRST_WAIT_MS;
    for (int attempt = 1;; attempt++) {
        curl_easy_reset(c);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        /* HTTP/1.1: an upload answered by an authentication challenge resets
         * the stream under HTTP/2 (lighttpd 1.4.69), and DAV servers speak 1.1. */
        curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, w->errbuf);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);   /* a stalled server */
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
        if (cainfo && *cainfo)
            curl_easy_setopt(c, CURLOPT_CAINFO, cainfo);
        if (user && *user) {
            curl_easy_setopt(c, CURLOPT_USERNAME, user);
            curl_easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
        } else {
            curl_easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
            curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
        }
        if (body) {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        } else if (!strcmp(method, "GET")) {
            curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
        }
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
        sbuf_reset(&r->body);
        r->status = 0;
        w->errbuf[0] = 0;
        rc = curl_easy_perform(c);
        if (rc == CURLE_OK)
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
        if (!transient(rc, r->status) || attempt == ATTEMPTS)
            break;
        sleep_ms(wait);
        wait *= 2;
    }
    curl_slist_free_all(hdr);
    int ok = rc == CURLE_OK && r->status < 500;
    if (!ok) {
        if (rc != CURLE_OK)
            diag_set(d, "webdav", "%s %s: %s", method, url,
                     w->errbuf[0] ? w->errbuf : curl_easy_strerror(rc));
        else
            diag_set(d, "webdav", "%s %s: server answered %ld", method, url, r->status);
    }
    free(url);
    return ok ? 0 : -1;
}

static int unexpected(const char *method, webdav *w, const char *path, const response *r, diag *d)
{
    char *url = url_of(w, path);
    diag_set(d, "webdav", "%s %s: server answered %ld", method, url, r->status);
    free(url);
    return -1;
}

/* GET: 1 with the body in r, 0 if not found. */
static int get(webdav *w, const char *path, response *r, diag *d)
{
    if (request(w, "GET", path, NULL, NULL, 0, r, d) < 0)
        return -1;
    if (r->status == 404)
        return 0;
    return r->status == 200 ? 1 : unexpected("GET", w, path, r, d);
}

int webdav_lookup(webdav *w, const char *path, char sha[65], diag *d)
{
    response r = {0};
    int rc = get(w, path, &r, d);
    if (rc == 1)
        sha256_hex(r.body.s ? r.body.s : "", r.body.len, sha);
    sbuf_free(&r.body);
    return rc;
}

/* MKCOL each collection on the way to path's parent; existing ones answer 405. */
static int make_collections(webdav *w, const char *path, response *r, diag *d)
{
    for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
        char *dir = xstrndup(path, (size_t)(p - path));
        int rc = request(w, "MKCOL", dir, NULL, NULL, 0, r, d);
        if (rc == 0 && r->status != 201 && r->status != 405)
            rc = unexpected("MKCOL", w, dir, r, d);
        free(dir);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* The size the server reports in PROPFIND (Depth 0, allprop). */
static long long content_length(const response *r)
{
    const char *s = r->body.s ? strstr(r->body.s, "getcontentlength") : NULL;
    const char *gt = s ? strchr(s, '>') : NULL;
    return gt ? strtoll(gt + 1, NULL, 10) : -1;
}

static int check_temporary(webdav *w, const char *tmp, size_t len, const char *sha, response *r,
                           diag *d)
{
    static const char *const depth0[] = {"Depth: 0", NULL};
    if (request(w, "PROPFIND", tmp, depth0, NULL, 0, r, d) < 0)
        return -1;
    if (r->status != 207)
        return unexpected("PROPFIND", w, tmp, r, d);
    long long size = content_length(r);
    if (size != (long long)len)
        return diag_set(d, "webdav", "%s: the server holds %lld bytes after upload, sent %zu", tmp,
                        size, len);
    int found = get(w, tmp, r, d);
    if (found <= 0)
        return found < 0 ? -1 : diag_set(d, "webdav", "%s: gone right after upload", tmp);
    char got[65];
    sha256_hex(r->body.s ? r->body.s : "", r->body.len, got);
    if (strcmp(got, sha))
        return diag_set(d, "webdav", "%s: SHA-256 read back %s, sent %s", tmp, got, sha);
    return 0;
}

int webdav_store(webdav *w, const char *path, const unsigned char *buf, size_t len,
                 const char *sha, int replace, diag *d)
{
    response r = {0};
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    sbuf tmp = {0}, dest = {0};
    sbuf_printf(&tmp, "%.*s.%s.part-%.12s", (int)dirlen, path, path + dirlen, sha);
    char *dest_url = url_of(w, path);
    sbuf_printf(&dest, "Destination: %s", dest_url);
    const char *const move_headers[] = {sbuf_str(&dest), replace ? "Overwrite: T" : "Overwrite: F", NULL};

    int rc = make_collections(w, path, &r, d);
    if (rc == 0 && request(w, "PUT", sbuf_str(&tmp), NULL, buf, len, &r, d) < 0)
        rc = -1;
    else if (rc == 0 && r.status != 201 && r.status != 204 && r.status != 200)
        rc = unexpected("PUT", w, sbuf_str(&tmp), &r, d);
    else if (rc == 0)
        rc = check_temporary(w, sbuf_str(&tmp), len, sha, &r, d);
    if (rc == 0 && request(w, "MOVE", sbuf_str(&tmp), move_headers, NULL, 0, &r, d) < 0)
        rc = -1;
    else if (rc == 0 && r.status == 412)
        rc = 1;
    else if (rc == 0 && r.status != 201 && r.status != 204)
        rc = unexpected("MOVE", w, sbuf_str(&tmp), &r, d);
    if (rc != 0) {
        /* Best effort: the temporary name is never a final one anyway. */
        diag ignored = {0};
        request(w, "DELETE", sbuf_str(&tmp), NULL, NULL, 0, &r, &ignored);
    }
    free(dest_url);
    sbuf_free(&tmp);
    sbuf_free(&dest);
    sbuf_free(&r.body);
    return rc;
}
