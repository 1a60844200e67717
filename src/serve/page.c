/* page.c — HTML from the data files (page.h). */
#define _POSIX_C_SOURCE 200809L
#include "page.h"

#include <stdlib.h>
#include <string.h>

/* Every file the server shows: nothing else under templates/serve/ is read. */
static const char *const NAMES[] = {
    "layout.html", "new.html", "hook.html", "option.html", "check.html", "finding.html", "unit-row.html",
    "result.html", "reports.html", "report-row.html", "error.html", "print-form.html", "blocked.html", "zip-link.html",
    "archive-form.html", "archived.html", "archive-row.html", "archive-error.html", "archive-table.html",
    "style.css", "openapi.json",
};
enum { NFILES = sizeof NAMES / sizeof *NAMES };

static char *texts[NFILES];
static size_t lens[NFILES];

int page_read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);
    char chunk[8192];
    size_t k;
    while (m && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, k, m);
    int bad = ferror(f) || !m;
    fclose(f);
    if (m)
        fclose(m);
    if (bad) {
        free(buf);
        return -1;
    }
    *out = buf, *len = n;
    return 0;
}

int page_load(const char *data_dir, char *err, size_t n)
{
    for (size_t i = 0; i < NFILES; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/templates/serve/%s", data_dir, NAMES[i]);
        if (page_read_file(path, &texts[i], &lens[i]) < 0) {
            snprintf(err, n, "%s", path);
            page_free();
            return -1;
        }
    }
    return 0;
}

void page_free(void)
{
    for (size_t i = 0; i < NFILES; i++)
        free(texts[i]), texts[i] = NULL;
}

const char *page_text(const char *name, size_t *len)
{
    for (size_t i = 0; i < NFILES; i++)
        if (!strcmp(NAMES[i], name))
            return *len = lens[i], texts[i];
    return *len = 0, "";
}

void page_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char *lookup(const page_var *vars, const char *key, size_t len)
{
    for (; vars && vars->key; vars++)
        if (strlen(vars->key) == len && !memcmp(vars->key, key, len))
            return vars->value;
    return "";
}

void page_write(FILE *out, const char *name, const page_var *vars)
{
    size_t len;
    const char *t = page_text(name, &len), *end = t + len;
    while (t < end) {
        const char *open = strstr(t, "{{");
        if (!open || open >= end) {
            fwrite(t, 1, (size_t)(end - t), out);
            break;
        }
        fwrite(t, 1, (size_t)(open - t), out);
        int raw = open[2] == '{';
        const char *key = open + 2 + raw, *close = strstr(key, raw ? "}}}" : "}}");
        if (!close) {
            fputs(open, out);
            break;
        }
        const char *v = lookup(vars, key, (size_t)(close - key));
        if (raw)
            fputs(v, out);
        else
            page_escape(out, v);
        t = close + 2 + raw;
    }
}
