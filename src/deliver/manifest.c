/* manifest.c — the batch's manifest.json. */
#include "manifest.h"
#include "fileio.h"
#include "sbuf.h"

#include <stdio.h>
#include <string.h>

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
