/* diag.c — error and warning messages, and their translation. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include "diag.h"
#include "sbuf.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *en, *tr;
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
} entries;

static entries catalog;   /* sorted by en */

static void entries_free(entries *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].en);
        free(c->v[i].tr);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

static int by_en(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->en, ((const entry *)b)->en);
}

const char *diag_text(const char *english)
{
    entry key = {(char *)english, NULL};
    const entry *e = catalog.n ? bsearch(&key, catalog.v, catalog.n, sizeof key, by_en) : NULL;
    return e ? e->tr : english;
}

int diag_catalog_has(const char *english) { return diag_text(english) != english; }

/* Appends text[0..n) so that it prints safely on a terminal: control
 * characters (text_is_control: raw escape sequences from an input file,
 * also as single bytes that are not UTF-8) become "U+001B". */
static void printable(sbuf *out, const char *text, size_t n)
{
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        int k = utf8_next(text + i, n - i, &cp);
        if (k <= 0)
            k = 1, cp = (unsigned char)text[i];   /* a byte that is not UTF-8 stays as it is */
        if (text_is_control(cp))
            sbuf_printf(out, "U+%04X", (unsigned)cp);
        else
            sbuf_add(out, text + i, (size_t)k);
        i += (size_t)k;
    }
}

/* buf[size] = text; a text longer than buf holds is cut at a character
 * boundary (never inside a UTF-8 sequence) and ends with "…". */
static void copy_cut(char *buf, size_t size, const char *text, size_t len)
{
    static const char ELLIPSIS[] = "…";
    if (len < size) {
        memcpy(buf, text, len + 1);
        return;
    }
    size_t n = size - sizeof ELLIPSIS;
    while (n && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, text, n);
    memcpy(buf + n, ELLIPSIS, sizeof ELLIPSIS);
}

/* d->msg = text, printable and cut between characters when it must be. */
static void set_msg(diag *d, const char *text, size_t len)
{
    sbuf b = {0};
    printable(&b, text, len);
    copy_cut(d->msg, sizeof d->msg, sbuf_str(&b), b.len);
    sbuf_free(&b);
}

int diag_at(diag *d, const char *file, int line, int column)
{
    if (!d)
        return -1;
    copy_cut(d->file, sizeof d->file, file ? file : "", file ? strlen(file) : 0);
    d->line = line;
    d->column = column;
    return -1;
}

int diag_locate(diag *d, const char *file, int line, int column, const char *unit, const char *indicator)
{
    if (!d)
        return -1;
    diag_at(d, file, line, column);
    copy_cut(d->unit, sizeof d->unit, unit ? unit : "", unit ? strlen(unit) : 0);
    copy_cut(d->indicator, sizeof d->indicator, indicator ? indicator : "", indicator ? strlen(indicator) : 0);
    return -1;
}

int diag_vset(diag *d, const char *key, const char *fmt, va_list ap)
{
    if (!d)
        return -1;
    snprintf(d->key, sizeof d->key, "%s", key ? key : "");
    diag_locate(d, NULL, 0, 0, NULL, NULL);   /* a new error: no location until told */
    sbuf b = {0};
    sbuf_vprintf(&b, diag_text(fmt), ap);
    set_msg(d, sbuf_str(&b), b.len);
    sbuf_free(&b);
    return -1;
}

int diag_oom(diag *d)
{
    if (d) {
        snprintf(d->key, sizeof d->key, "out-of-memory");
        snprintf(d->msg, sizeof d->msg, "%s", diag_text("out of memory"));
        d->file[0] = d->unit[0] = d->indicator[0] = 0;
        d->line = d->column = 0;
    }
    return -1;
}

int diag_set(diag *d, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vset(d, key, fmt, ap);
    va_end(ap);
    return -1;
}

void diag_rename(diag *d, const char *path, const char *name)
{
    size_t n = strlen(path);
    if (!d || !strcmp(path, name))
        return;
    if (!strcmp(d->file, path))
        copy_cut(d->file, sizeof d->file, name, strlen(name));
    if (strncmp(d->msg, path, n))
        return;
    sbuf b = {0};
    sbuf_printf(&b, "%s%s", name, d->msg + n);
    set_msg(d, sbuf_str(&b), b.len);
    sbuf_free(&b);
}

int diag_prefix(diag *d, const char *fmt, ...)
{
    if (!d)
        return -1;
    sbuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(&b, diag_text(fmt), ap);
    va_end(ap);
    sbuf_printf(&b, ": %s", d->msg);
    set_msg(d, sbuf_str(&b), b.len);
    sbuf_free(&b);
    return -1;
}

void findings_add_diag(findings *f, severity s, const diag *d)
{
    if (!f)
        return;
    f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
    f->v[f->n++] = (finding){s, *d};
}

void findings_add(findings *f, severity s, const char *key, const char *fmt, ...)
{
    diag d;
    va_list ap;
    va_start(ap, fmt);
    diag_vset(&d, key, fmt, ap);
    va_end(ap);
    findings_add_diag(f, s, &d);
}

size_t findings_count(const findings *f, severity s)
{
    size_t n = 0;
    for (size_t i = 0; f && i < f->n; i++)
        n += f->v[i].severity == s;
    return n;
}

void findings_free(findings *f)
{
    free(f->v);
    memset(f, 0, sizeof *f);
}

void diag_tell(const diag_sink *sink, severity s, const char *key, const char *fmt, ...)
{
    if (!sink || !sink->fn)
        return;
    diag d;
    va_list ap;
    va_start(ap, fmt);
    diag_vset(&d, key, fmt, ap);
    va_end(ap);
    sink->fn(sink->ctx, s, &d);
}

/* The arguments a format consumes, one letter each: 'i' int (also '*'),
 * 'l' long, 'L' long long, 'z' size_t, 'd' double, 's' string, 'p' pointer,
 * 'c' char. NULL for what printf would not read safely (%n, %1$d, unknown). */
static char *arg_types(const char *f)
{
    sbuf t = {0};
    sbuf_putc(&t, 0);   /* so that a format without arguments gives "" */
    t.len = 0;
    for (; *f; f++) {
        if (*f != '%')
            continue;
        if (*++f == '%')
            continue;
        while (*f && strchr("-+ #0", *f))
            f++;
        for (int part = 0; part < 2; part++) {   /* width, then .precision */
            if (part == 1 && *f != '.')
                break;
            f += part;
            if (*f == '*')
                sbuf_putc(&t, 'i'), f++;
            while (*f >= '0' && *f <= '9')
                f++;
            if (*f == '$')
                goto bad;
        }
        char len = 0;
        if (*f == 'l' || *f == 'z' || *f == 'h')
            len = *f++;
        if (len == 'l' && *f == 'l')
            len = 'L', f++;
        else if (len == 'h' && *f == 'h')
            f++;
        if (!*f)
            goto bad;
        if (strchr("diouxXc", *f))
            sbuf_putc(&t, len == 'l' || len == 'L' || len == 'z' ? len : *f == 'c' ? 'c' : 'i');
        else if (strchr("eEfFgGaA", *f) && !len)
            sbuf_putc(&t, 'd');
        else if (*f == 's' && !len)
            sbuf_putc(&t, 's');
        else if (*f == 'p' && !len)
            sbuf_putc(&t, 'p');
        else
            goto bad;
    }
    return sbuf_take(&t);
bad:
    sbuf_free(&t);
    return NULL;
}

/* Adds one English/translation pair to c; -1 with d set when their
 * conversions differ. */
static int add_entry(entries *c, const char *path, int line, const char *en, const char *tr, diag *d)
{
    char *a = arg_types(en), *b = arg_types(tr);
    int same = a && b && !strcmp(a, b);
    free(a);
    free(b);
    if (!same)
        return diag_set(d, "catalog", "%s:%d: the translation's conversions (%%d, %%s, …) differ from "
                        "the English format's", path, line);
    grow(&c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = (entry){xstrdup(en), xstrdup(tr)};
    return 0;
}

int diag_catalog_load(const char *path, diag *d)
{
    diag_catalog_free();
    entries c = {0};
    FILE *f = fopen(path, "r");
    if (!f)
        return diag_set(d, "file-open", "%s: cannot open: %s", path, strerror(errno));
    char *buf = NULL, *en = NULL;
    size_t cap = 0;
    ssize_t n;
    int line = 0, rc = 0;
    while (rc == 0 && (n = getline(&buf, &cap, f)) >= 0) {
        line++;
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = 0;
        if (n == 0 || buf[0] == '#')
            continue;
        char *colon = strstr(buf, ": ");
        if (!colon || colon == buf || (en && !strncmp(buf, "en: ", 4)) || (!en && strncmp(buf, "en: ", 4))) {
            rc = diag_set(d, "catalog", "%s:%d: expected %s", path, line,
                          en ? "the translation of the line before (\"vi: …\")" : "a line \"en: …\"");
        } else if (!en) {
            en = xstrdup(colon + 2);
        } else {
            rc = add_entry(&c, path, line, en, colon + 2, d);
            free(en);
            en = NULL;
        }
    }
    if (rc == 0 && en)
        rc = diag_set(d, "catalog", "%s:%d: the last English line has no translation", path, line);
    free(en);
    free(buf);
    fclose(f);
    if (c.n)
        qsort(c.v, c.n, sizeof *c.v, by_en);
    for (size_t i = 1; rc == 0 && i < c.n; i++)
        if (!strcmp(c.v[i - 1].en, c.v[i].en))
            rc = diag_set(d, "catalog", "%s: \"%s\" is translated twice", path, c.v[i].en);
    if (rc < 0)
        entries_free(&c);
    else
        catalog = c;
    return rc;
}

void diag_catalog_free(void) { entries_free(&catalog); }
