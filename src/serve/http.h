/* http.h — what serve.c (the server, the API) and web.c (the page) share:
 * the request with its own folder and uploads, the server's settings, the
 * responses. */
#ifndef BAOCAO_SERVE_HTTP_H
#define BAOCAO_SERVE_HTTP_H

#include "baocao.h"
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>

/* The uploaded files a request may carry, by role: each is stored as
 * <folder>/<role>.<ext> (ext from the contents), whatever the client
 * called it. */
enum { PART_REPORT, PART_SCORES, PART_PREVIOUS, PART_UNITS, PART_STATISTICS, NPARTS };
enum { MAX_FIELDS = 64 };

typedef struct part {
    FILE *f;               /* open while uploading */
    char stored[32];       /* "scores.xlsx" once complete, "" if not sent */
    char client[256];      /* the client's file name: shown, never used as a path */
    size_t size;
} part;

typedef struct field {
    char name[40];
    char *value;
    size_t len;
} field;

typedef struct request {
    int refs;              /* the connection, and a job that may outlive its wait */
    char dir[512];         /* the request's own folder ("" until needed) */
    int keep;              /* web.c: the folder became a draft */
    struct MHD_PostProcessor *pp;
    size_t received;
    int too_large, bad_body;
    part parts[NPARTS];
    field fields[MAX_FIELDS];
    size_t nfields;
    /* what a job fills */
    int rc;
    bc_error err;
    char *text;            /* JSON (facts) */
    bc_finding *findings;
    size_t nfindings;
    long nerrors;
    char out[600];         /* the file a job wrote */
    const char *kind;      /* the job: "check", "render", "batch", "facts" */
    int sidecar;           /* render: the archive sidecar beside r->out (the page keeps it) */
    char folder[600];      /* batch: the folder kept beside the ZIP r->out ("" none; the page's) */
} request;

typedef struct server {
    const char *data_dir, *state_dir, *tmp_dir;
    const char *archive_to;   /* --archive-to: where the page files reports; never shown */
    size_t upload_limit;
    int workers, timeout, tls;
    struct auth *auth;
} server;

extern server srv;

const char *request_field(const request *r, const char *name);
const char *part_role(int role);
/* How report.json names an uploaded part: {"path": stored, "name": the
 * client's file name}, so that messages speak of the file the office sent. */
json_t *part_json(const request *r, int role);

/* Makes r's folder; 0 on success. */
int request_dir(request *r);
void request_ref(request *r);
void request_unref(request *r);

/* Runs the job r->kind on the worker pool; the result in r. -1: not run
 * (r->err set: "job-timeout", "busy"). */
int request_job(request *r);

/* Responses: each with the security headers. */
enum MHD_Result respond_buffer(struct MHD_Connection *c, unsigned status, const char *type, char *buf,
                               size_t len, const char *set_cookie);
/* A file of templates/serve/ as it was read at start (page.h). */
enum MHD_Result respond_static(struct MHD_Connection *c, const char *name, const char *type);
enum MHD_Result respond_file(struct MHD_Connection *c, const char *path, const char *type,
                             const char *disposition);
enum MHD_Result respond_error(struct MHD_Connection *c, unsigned status, const bc_error *e);
/* j as the body (it is taken). */
enum MHD_Result respond_json(struct MHD_Connection *c, unsigned status, json_t *j);
enum MHD_Result respond_redirect(struct MHD_Connection *c, const char *location);
/* The error of one status, key and fixed English message. */
enum MHD_Result respond_fail(struct MHD_Connection *c, unsigned status, const char *key, const char *english);

/* Replaces the request folder's paths in a message by what the client knows. */
void request_display(const request *r, const char *text, char *out, size_t n);

/* Writes the report.json of r's uploaded report (API) into its folder:
 * the parts' references pointing at the stored files. 0, or -1 with e. */
int request_prepare_report(request *r, bc_error *e);

/* The page (web.c). */
enum MHD_Result web_handle(struct MHD_Connection *c, const char *method, const char *url, request *r);
/* Makes r's folder a new draft in the state folder (the page's /check). */
int web_draft_dir(request *r);
/* POST /api/v1/archive: a report of the list filed into --archive-to. */
enum MHD_Result web_archive_api(struct MHD_Connection *c, request *r);
/* GET /api/v1/reports: the list of reports made, with their ids and filing. */
enum MHD_Result web_reports_api(struct MHD_Connection *c);

/* Removes dir and everything under it; a link is removed, never followed. */
void remove_tree(const char *dir);

/* Random lower-case hex of 2n digits. */
void random_hex(char *out, size_t n);
/* SHA-256 of a file as hex; -1 if unreadable. */
int file_sha256(const char *path, char hex[65]);
/* SHA-256 of a string as hex. */
void text_sha256(const char *s, char hex[65]);

/* Lists names of templates/<sub> entries that pass keep (a NULL-terminated
 * malloc'd vector, sorted). */
char **list_names(const char *sub, int (*keep)(const char *dir, const char *name));
void free_names(char **v);
int is_scheme_file(const char *dir, const char *name);
int is_template_dir(const char *dir, const char *name);

#endif
