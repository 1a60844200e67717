/* manifest.c — the batch's manifest.json. */
#include "manifest.h"
#include "fileio.h"
#include "sbuf.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A JSON string: quotes, backslashes and control characters escaped; the
 * UTF-8 text itself is written as it is. */
static void json_str(sbuf *b, const char *s)
{
    sbuf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sbuf_putc(b, '\\'), sbuf_putc(b, (char)*p);
        else if (*p < 0x20)
            sbuf_printf(b, "\\u%04x", *p);
        else
            sbuf_putc(b, (char)*p);
    }
    sbuf_putc(b, '"');
}

static void field(sbuf *b, const char *key, const char *val, int last)
{
    sbuf_printf(b, "\"%s\": ", key);
    json_str(b, val ? val : "");
    sbuf_puts(b, last ? "" : ", ");
}

int manifest_write(const char *path, const manifest_entry *e, size_t n, diag *d)
{
    sbuf b = {0};
    char hex[65];
    int first = 1;
    sbuf_puts(&b, "{\n  \"files\": [");
    for (size_t i = 0; i < n; i++) {
        if (e[i].error)
            continue;
        hex_encode(e[i].sha256, sizeof e[i].sha256, hex);
        sbuf_puts(&b, first ? "\n    {" : ",\n    {");
        first = 0;
        field(&b, "unit", e[i].unit, 0);
        field(&b, "kind", e[i].kind, 0);
        field(&b, "path", e[i].path, 0);
        sbuf_printf(&b, "\"pages\": %d, \"bytes\": %zu, ", e[i].pages, e[i].bytes);
        field(&b, "sha256", hex, 0);
        field(&b, "code", e[i].code, 0);
        field(&b, "date", e[i].date, !e[i].sidecar);
        if (e[i].sidecar)
            field(&b, "sidecar", e[i].sidecar, 1);
        sbuf_putc(&b, '}');
    }
    sbuf_puts(&b, first ? "],\n  \"failed\": [" : "\n  ],\n  \"failed\": [");
    first = 1;
    for (size_t i = 0; i < n; i++) {
        if (!e[i].error)
            continue;
        sbuf_puts(&b, first ? "\n    {" : ",\n    {");
        first = 0;
        field(&b, "unit", e[i].unit, 0);
        field(&b, "error", e[i].error, 1);
        sbuf_putc(&b, '}');
    }
    sbuf_puts(&b, first ? "]\n}\n" : "\n  ]\n}\n");
    int rc = file_write_atomic(path, b.s, b.len, d);
    sbuf_free(&b);
    return rc;
}

/* A name the manifest may give: a file of its own directory, nothing else. */
static int plain_name(const char *s)
{
    return *s && *s != '.' && !strchr(s, '/');
}

int manifest_read_files(const char *path, int with_sidecars, char ***names, size_t *n, diag *d)
{
    *names = NULL;
    *n = 0;
    if (access(path, F_OK) < 0)
        return 0;
    json_error_t err;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    json_t *files = json_object_get(root, "files");
    if (!json_is_array(files)) {
        json_decref(root);
        return diag_set(d, "manifest", "%s: not a batch manifest (no \"files\" list): %s", path,
                        root ? "" : err.text);
    }
    size_t cap = 0, i;
    json_t *f;
    json_array_foreach(files, i, f) {
        const char *v[] = {json_string_value(json_object_get(f, "path")),
                           with_sidecars ? json_string_value(json_object_get(f, "sidecar")) : NULL};
        for (int k = 0; k < 2; k++) {
            if (k == 1 && !v[k])
                continue;
            if (!v[k] || !plain_name(v[k])) {
                diag_set(d, "manifest", "%s: file %zu: \"%s\" is not a file name of this directory",
                         path, i + 1, v[k] ? v[k] : "");
                json_decref(root);
                strv_free(*names, *n);
                *names = NULL;
                *n = 0;
                return -1;
            }
            grow(names, &cap, *n + 1, sizeof **names);
            (*names)[(*n)++] = xstrdup(v[k]);
        }
    }
    json_decref(root);
    return 1;
}

int manifest_is_staging(const char *name)
{
    return !strncmp(name, MANIFEST_STAGING_PREFIX, strlen(MANIFEST_STAGING_PREFIX));
}
