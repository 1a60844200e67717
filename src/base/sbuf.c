/* sbuf.c — growable strings and string vectors. */
#include "sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strv_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

char **strv_dup(const char *const *v, size_t n)
{
    char **c = xcalloc(n + 1, sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = xstrdup(v[i]);
    return c;
}

static void reserve(sbuf *b, size_t extra)
{
    /* Checked before any sum that could wrap around. */
    if (b->len > ALLOC_MAX || extra > ALLOC_MAX - b->len - 1)
        oom();
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t c = b->cap ? b->cap : 64;
    while (c < b->len + extra + 1)
        c *= 2;
    b->s = xrealloc(b->s, c);
    b->cap = c;
}

void sbuf_add(sbuf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void sbuf_puts(sbuf *b, const char *s) { sbuf_add(b, s, strlen(s)); }
void sbuf_putc(sbuf *b, char c) { sbuf_add(b, &c, 1); }

void sbuf_vprintf(sbuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    reserve(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sbuf_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *sbuf_str(const sbuf *b) { return b->s ? b->s : ""; }

char *sbuf_take(sbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

void sbuf_reset(sbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = 0;
}

void sbuf_free(sbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
