/* alloc.c — checked allocation that unwinds on failure (see alloc.h). */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local alloc_guard *guard;
static void *(*allocate)(void *p, size_t n) = realloc;

void alloc_set_realloc(void *(*fn)(void *p, size_t n)) { allocate = fn ? fn : realloc; }

void alloc_enter(alloc_guard *g)
{
    g->prev = guard;
    guard = g;
}

void alloc_leave(alloc_guard *g)
{
    guard = g->prev;
}

void oom(void)
{
    alloc_guard *g = guard;
    if (!g)
        abort();   /* no entry point to return to (internal use only, see alloc.h) */
    guard = g->prev;
    longjmp(g->jump, 1);
}

static size_t checked(size_t n)
{
    if (n > ALLOC_MAX)
        oom();
    return n ? n : 1;
}

void *xmalloc(size_t n)
{
    void *p = allocate(NULL, checked(n));
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        oom();
    void *p = allocate(NULL, checked(n * size));
    if (!p)
        oom();
    return memset(p, 0, n * size);
}

void *xrealloc(void *p, size_t n)
{
    p = allocate(p, checked(n));
    if (!p)
        oom();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(checked(n + 1));
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

void grow(void *v, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            oom();
        c *= 2;
    }
    if (sz && c > SIZE_MAX / sz)
        oom();
    *(void **)v = xrealloc(*(void **)v, c * sz);
    *cap = c;
}

void *grow_push(void *v, size_t *n, size_t *cap, size_t sz)
{
    grow(v, cap, *n + 1, sz);
    char *e = *(char **)v + (*n)++ * sz;
    memset(e, 0, sz);
    return e;
}
