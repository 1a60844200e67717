/* sbuf.h — a growable, always NUL-terminated byte string, and vectors of
 * strings. Growth is checked (alloc.h): no length wraps around. */
#ifndef BAOCAO_SBUF_H
#define BAOCAO_SBUF_H

#include <stdarg.h>
#include <stddef.h>
#include "alloc.h"

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

/* Frees a vector of n malloc'd strings and the vector itself (NULL is fine). */
void strv_free(char **v, size_t n);
/* A deep copy of n strings, NULL-terminated. */
char **strv_dup(const char *const *v, size_t n);

#endif
