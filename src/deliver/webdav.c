/* webdav.c — WebDAV requests with libcurl: GET, PUT, PROPFIND, MKCOL, MOVE,
 * DELETE, with retries on connection errors.
 *
 * libcurl is opened on the first connection (dlopen), not linked: its
 * dependency chain (TLS, HTTP/2, IDN, Kerberos, LDAP, SSH: about 25
 * libraries) would otherwise be loaded and relocated by every command,
 * `render` included. curl.h gives the types and constants only. */
#define _POSIX_C_SOURCE 200809L
#include "webdav.h"
#include "dynlib.h"
#include "fileio.h"
#include "sbuf.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum {
    ATTEMPTS = 5, FIRST_WAIT_MS = 250,
    FILE_TIMEOUT_S = 300,     /* default of BAOCAO_DAV_TIMEOUT: one file, every request and retry */
    LOW_SPEED_BYTES = 1024,   /* slower than this, on average over LOW_SPEED_S, is a stalled server */
    LOW_SPEED_S = 30,
    ANSWER_MAX = 1 << 20,     /* a PROPFIND of one resource, or an error page: a few KB */
};

struct webdav {
    CURL *curl;
    char *base;            /* ends with '/' */
    char *shown;           /* base without user:password@, for messages */
    long timeout_s;        /* for each file */
    double deadline;       /* of the current file, in monotonic seconds */
    char errbuf[CURL_ERROR_SIZE];
};

typedef struct response {
    long status;
    sbuf body;
    size_t limit;          /* the most body bytes expected; a longer answer is cut off */
    int too_long;
} response;

#define LIBCURL "libcurl.so.4"

/* The libcurl functions used, found in LIBCURL on the first connection. */
static struct {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *c);
    void (*easy_reset)(CURL *c);
    CURLcode (*easy_setopt)(CURL *c, CURLoption opt, ...);
    CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
    CURLcode (*easy_perform)(CURL *c);
    const char *(*easy_strerror)(CURLcode rc);
    char *(*easy_escape)(CURL *c, const char *s, int n);
    void (*free)(void *p);
    struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
    void (*slist_free_all)(struct curl_slist *l);
    CURLU *(*url)(void);
    void (*url_cleanup)(CURLU *u);
    CURLUcode (*url_get)(const CURLU *u, CURLUPart what, char **part, unsigned flags);
    CURLUcode (*url_set)(CURLU *u, CURLUPart what, const char *part, unsigned flags);
} lc;

static const char *const lc_names[] = {
    "curl_global_init", "curl_global_cleanup", "curl_easy_init", "curl_easy_cleanup",
    "curl_easy_reset", "curl_easy_setopt", "curl_easy_getinfo", "curl_easy_perform",
    "curl_easy_strerror", "curl_easy_escape", "curl_free", "curl_slist_append",
    "curl_slist_free_all", "curl_url", "curl_url_cleanup", "curl_url_get", "curl_url_set"};
/* lc is those pointers in this order. */
_Static_assert(sizeof lc == sizeof lc_names / sizeof *lc_names * sizeof(void *), "lc and lc_names");
static dynlib libcurl = {.soname = LIBCURL, .names = lc_names, .n = sizeof lc_names / sizeof *lc_names,
                         .slots = (void **)&lc};

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    response *r = arg;
    if (r->body.len + size * n > r->limit) {
        r->too_long = 1;
        return 0;          /* curl stops the transfer: CURLE_WRITE_ERROR */
    }
    sbuf_add(&r->body, p, size * n);
    return size * n;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

char *webdav_shown_url(const char *url)
{
    const char *host = strstr(url, "://");
    host = host ? host + 3 : url;
    const char *at = NULL;
    for (const char *p = host; *p && !strchr("/?#", *p); p++)
        if (*p == '@')
            at = p;
    sbuf b = {0};
    sbuf_add(&b, url, (size_t)(host - url));
    sbuf_puts(&b, at ? at + 1 : host);
    return sbuf_take(&b);
}

/* Whether ~/.netrc (curl's rules: $HOME/.netrc) has a login for host: a
 * "machine HOST" or a "default" entry. */
static int netrc_has(const char *host)
{
    const char *home = getenv("HOME");
    if (!home || !*home)
        return 0;
    sbuf path = {0};
    sbuf_printf(&path, "%s/.netrc", home);
    FILE *f = fopen(path.s, "r");
    sbuf_free(&path);
    if (!f)
        return 0;
    char tok[256], prev[256] = "";
    int found = 0;
    while (!found && fscanf(f, "%255s", tok) == 1) {
        found = !strcmp(tok, "default") || (!strcmp(prev, "machine") && !strcasecmp(tok, host));
        strcpy(prev, tok);
    }
    fclose(f);
    return found;
}

/* Credentials over plain http:// travel readable to anyone on the way;
 * only the loopback test server is exempt from the warning. The password
 * comes from BAOCAO_DAV_USER's, the URL's user:password@, or ~/.netrc. */
static void warn_cleartext(const char *url, const char *shown, const diag_sink *warnings)
{
    if (strncmp(url, "http://", 7))
        return;
    CURLU *u = lc.url();
    char *host = NULL, *password = NULL;
    const char *user = getenv("BAOCAO_DAV_USER");
    if (lc.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        lc.url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && strcmp(host, "127.0.0.1") &&
        strcmp(host, "localhost") && strcmp(host, "[::1]")) {
        if (user && *user)
            diag_tell(warnings, SEVERITY_WARNING, "dav-cleartext",
                      "%s: BAOCAO_DAV_USER's password goes unencrypted over http://; use https://", shown);
        else if (lc.url_get(u, CURLUPART_PASSWORD, &password, 0) == CURLUE_OK)
            diag_tell(warnings, SEVERITY_WARNING, "dav-cleartext",
                      "%s: the password in the URL goes unencrypted over http://; use https://", shown);
        else if (netrc_has(host))
            diag_tell(warnings, SEVERITY_WARNING, "dav-cleartext",
                      "%s: the password ~/.netrc has for %s goes unencrypted over http://; use https://", shown, host);
    }
    lc.free(password);
    lc.free(host);
    lc.url_cleanup(u);
}

webdav *webdav_open(const char *base_url, const diag_sink *warnings, diag *d)
{
    if (strncmp(base_url, "http://", 7) && strncmp(base_url, "https://", 8)) {
        char *shown = webdav_shown_url(base_url);
        diag_set(d, "webdav", "%s: expected an http:// or https:// URL", shown);
        free(shown);
        return NULL;
    }
    const char *timeout = getenv("BAOCAO_DAV_TIMEOUT");
    char *end = NULL;
    long timeout_s = timeout && *timeout ? strtol(timeout, &end, 10) : FILE_TIMEOUT_S;
    if (end && (*end || timeout_s < 1 || timeout_s > 86400)) {
        diag_set(d, "webdav", "BAOCAO_DAV_TIMEOUT=%s: expected seconds, from 1 to 86400", timeout);
        return NULL;
    }
    if (dynlib_open(&libcurl) < 0) {
        diag_set(d, "webdav", "cannot load libcurl: %s", libcurl.error);
        return NULL;
    }
    if (lc.global_init(CURL_GLOBAL_DEFAULT) != 0) {
        diag_set(d, "webdav", "cannot initialise libcurl");
        return NULL;
    }
    webdav *w = xcalloc(1, sizeof *w);
    w->curl = lc.easy_init();
    if (!w->curl) {
        free(w);
        lc.global_cleanup();
        diag_set(d, "webdav", "cannot initialise libcurl");
        return NULL;
    }
    size_t n = strlen(base_url);
    w->base = xmalloc(n + 2);
    memcpy(w->base, base_url, n + 1);
    if (n && base_url[n - 1] != '/')
        strcpy(w->base + n, "/");
    w->shown = webdav_shown_url(w->base);
    w->timeout_s = timeout_s;
    w->deadline = now_s() + (double)timeout_s;
    warn_cleartext(w->base, w->shown, warnings);
    return w;
}

void webdav_start_file(webdav *w)
{
    w->deadline = now_s() + (double)w->timeout_s;
}

void webdav_close(webdav *w)
{
    if (!w)
        return;
    lc.easy_cleanup(w->curl);
    free(w->base);
    free(w->shown);
    free(w);
    lc.global_cleanup();
}

/* The URL of path under base (w->base, or w->shown for messages): each
 * segment percent-encoded. */
static char *url_of(webdav *w, const char *base, const char *path)
{
    sbuf b = {0};
    sbuf_puts(&b, base);
    for (const char *p = path; *p;) {
        size_t k = strcspn(p, "/");
        char *seg = lc.easy_escape(w->curl, p, (int)k);
        sbuf_puts(&b, seg);
        lc.free(seg);
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

/* One request, retried on connection errors while the file's deadline
 * allows. extra: NULL-terminated header lines. limit: the most body bytes
 * expected (0: ANSWER_MAX). Fills r (status and body); -1 with d set on a
 * transport failure, a timeout or a longer answer (r->too_long). */
static int request(webdav *w, const char *method, const char *path, const char *const *extra,
                   const void *body, size_t len, size_t limit, response *r, diag *d)
{
    CURL *c = w->curl;
    char *url = url_of(w, w->base, path);
    struct curl_slist *hdr = lc.slist_append(NULL, "Expect:");  /* no 100-continue wait */
    for (; extra && *extra; extra++)
        hdr = lc.slist_append(hdr, *extra);
    if (body)
        hdr = lc.slist_append(hdr, "Content-Type: application/octet-stream");
    const char *user = getenv("BAOCAO_DAV_USER"), *password = getenv("BAOCAO_DAV_PASSWORD");
    const char *cainfo = getenv("BAOCAO_DAV_CAINFO");

    CURLcode rc = CURLE_OK;
    long wait = FIRST_WAIT_MS;
    r->limit = limit ? limit : ANSWER_MAX;
    r->too_long = 0;
    for (int attempt = 1;; attempt++) {
        double left = w->deadline - now_s();
        if (left < 0.001) {
            rc = CURLE_OPERATION_TIMEDOUT;
            w->errbuf[0] = 0;
            break;
        }
        lc.easy_reset(c);
        lc.easy_setopt(c, CURLOPT_URL, url);
        lc.easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
        lc.easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
        lc.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        /* HTTP/1.1: an upload answered by an authentication challenge resets
         * the stream under HTTP/2 (lighttpd 1.4.69), and DAV servers speak 1.1. */
        lc.easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
        lc.easy_setopt(c, CURLOPT_ERRORBUFFER, w->errbuf);
        lc.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        lc.easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(left * 1000) + 1);
        lc.easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)LOW_SPEED_BYTES);
        lc.easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)LOW_SPEED_S);
        lc.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
        lc.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
        if (cainfo && *cainfo)
            lc.easy_setopt(c, CURLOPT_CAINFO, cainfo);
        if (user && *user) {
            lc.easy_setopt(c, CURLOPT_USERNAME, user);
            lc.easy_setopt(c, CURLOPT_PASSWORD, password ? password : "");
            lc.easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
        } else {
            lc.easy_setopt(c, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
            lc.easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
        }
        if (body) {
            lc.easy_setopt(c, CURLOPT_POSTFIELDS, body);
            lc.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        } else if (!strcmp(method, "GET")) {
            lc.easy_setopt(c, CURLOPT_HTTPGET, 1L);
        }
        lc.easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
        lc.easy_setopt(c, CURLOPT_WRITEDATA, r);
        sbuf_reset(&r->body);
        r->status = 0;
        w->errbuf[0] = 0;
        rc = lc.easy_perform(c);
        if (rc == CURLE_OK)
            lc.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
        if (!transient(rc, r->status) || attempt == ATTEMPTS ||
            now_s() + wait / 1000.0 >= w->deadline)
            break;
        sleep_ms(wait);
        wait *= 2;
    }
    lc.slist_free_all(hdr);
    int ok = rc == CURLE_OK && r->status < 500;
    free(url);
    url = url_of(w, w->shown, path);
    if (ok)
        ;
    else if (r->too_long)
        diag_set(d, "webdav", "%s %s: the answer is longer than the %zu bytes expected", method, url,
                 r->limit);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        diag_set(d, "webdav", "%s %s: no complete answer within the %ld s allowed for one file "
                 "(BAOCAO_DAV_TIMEOUT) %s", method, url, w->timeout_s, w->errbuf);
    else if (rc != CURLE_OK)
        diag_set(d, "webdav", "%s %s: %s", method, url,
                 w->errbuf[0] ? w->errbuf : lc.easy_strerror(rc));
    else
        diag_set(d, "webdav", "%s %s: server answered %ld", method, url, r->status);
    free(url);
    return ok ? 0 : -1;
}

static int unexpected(const char *method, webdav *w, const char *path, const response *r, diag *d)
{
    char *url = url_of(w, w->shown, path);
    diag_set(d, "webdav", "%s %s: server answered %ld", method, url, r->status);
    free(url);
    return -1;
}

/* GET of at most limit bytes: 1 with the body in r, 0 if not found, 2 if
 * the answer is longer (r->too_long; d set). */
static int get(webdav *w, const char *path, size_t limit, response *r, diag *d)
{
    if (request(w, "GET", path, NULL, NULL, 0, limit, r, d) < 0)
        return r->too_long ? 2 : -1;
    if (r->status == 404)
        return 0;
    return r->status == 200 ? 1 : unexpected("GET", w, path, r, d);
}

int webdav_lookup(webdav *w, const char *path, size_t max, char sha[65], diag *d)
{
    response r = {0};
    diag longer = {0};
    /* A longer file cannot be the one compared with: no need to read it all. */
    int rc = get(w, path, max + 1, &r, &longer);
    if (rc == 1)
        sha256_hex(r.body.s ? r.body.s : "", r.body.len, sha);
    else if (rc == 2)
        sha[0] = 0, rc = 1;
    else if (rc < 0)
        *d = longer;
    sbuf_free(&r.body);
    return rc;
}

/* MKCOL each collection on the way to path's parent; existing ones answer 405. */
static int make_collections(webdav *w, const char *path, response *r, diag *d)
{
    for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
        char *dir = xstrndup(path, (size_t)(p - path));
        int rc = request(w, "MKCOL", dir, NULL, NULL, 0, 0, r, d);
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

/* What the server holds at path is the len bytes of SHA-256 sha: its
 * PROPFIND size, then the bytes read back (at most len of them). */
static int verify(webdav *w, const char *path, size_t len, const char *sha, response *r, diag *d)
{
    static const char *const depth0[] = {"Depth: 0", NULL};
    if (request(w, "PROPFIND", path, depth0, NULL, 0, 0, r, d) < 0)
        return -1;
    if (r->status == 404)
        return diag_set(d, "webdav", "%s: not there right after it was stored", path);
    if (r->status != 207)
        return unexpected("PROPFIND", w, path, r, d);
    long long size = content_length(r);
    if (size != (long long)len)
        return diag_set(d, "webdav", "%s: the server holds %lld bytes after upload, sent %zu", path,
                        size, len);
    int found = get(w, path, len, r, d);
    if (found != 1)
        return found ? -1 : diag_set(d, "webdav", "%s: not there right after it was stored", path);
    char got[65];
    sha256_hex(r->body.s ? r->body.s : "", r->body.len, got);
    if (strcmp(got, sha))
        return diag_set(d, "webdav", "%s: SHA-256 read back %s, sent %s", path, got, sha);
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
    char *dest_url = url_of(w, w->base, path);
    sbuf_printf(&dest, "Destination: %s", dest_url);
    const char *const move_headers[] = {sbuf_str(&dest), replace ? "Overwrite: T" : "Overwrite: F", NULL};

    int rc = make_collections(w, path, &r, d);
    if (rc == 0 && request(w, "PUT", sbuf_str(&tmp), NULL, buf, len, 0, &r, d) < 0)
        rc = -1;
    else if (rc == 0 && r.status != 201 && r.status != 204 && r.status != 200)
        rc = unexpected("PUT", w, sbuf_str(&tmp), &r, d);
    else if (rc == 0)
        rc = verify(w, sbuf_str(&tmp), len, sha, &r, d);
    if (rc == 0 && request(w, "MOVE", sbuf_str(&tmp), move_headers, NULL, 0, 0, &r, d) < 0)
        rc = -1;
    else if (rc == 0 && r.status == 412)
        rc = 1;
    else if (rc == 0 && r.status != 201 && r.status != 204)
        rc = unexpected("MOVE", w, sbuf_str(&tmp), &r, d);
    /* A server may answer 201 and move nothing: success only once seen. */
    if (rc == 0)
        rc = verify(w, path, len, sha, &r, d);
    if (rc != 0) {
        /* Best effort: the temporary name is never a final one anyway. */
        diag ignored = {0};
        request(w, "DELETE", sbuf_str(&tmp), NULL, NULL, 0, 0, &r, &ignored);
    }
    free(dest_url);
    sbuf_free(&tmp);
    sbuf_free(&dest);
    sbuf_free(&r.body);
    return rc;
}
