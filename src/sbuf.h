/* sbuf.h — a growable, always NUL-terminated byte string. */
#ifndef BAOCAO_SBUF_H
#define BAOCAO_SBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct sbuf {
    char *s;       /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
} sbuf;

void sbuf_add(sbuf *b, const char *s, size_t n);
void sbuf_puts(sbuf *b, const char *s);
void sbuf_putc(sbuf *b, char c);
void sbuf_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_vprintf(sbuf *b, const char *fmt, va_list ap);
const char *sbuf_str(const sbuf *b);   /* "" when empty, never NULL */
char *sbuf_take(sbuf *b);              /* hands over the string (malloc'd), resets b */
void sbuf_reset(sbuf *b);              /* len = 0, keeps memory */
void sbuf_free(sbuf *b);

/* Allocation that never returns NULL: baocao aborts on out-of-memory,
 * since every caller would otherwise need a recovery path it cannot take. */
/* Prints "out of memory" and aborts: what every allocation here does on failure. */
void oom(void) __attribute__((noreturn));
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Frees a vector of n malloc'd strings and the vector itself (NULL is fine). */
void strv_free(char **v, size_t n);
/* A deep copy of n strings, NULL-terminated. */
char **strv_dup(const char *const *v, size_t n);

/* Grows *v (element size sz) so that it holds at least need elements. */
void grow(void *v, size_t *cap, size_t need, size_t sz);

#endif
