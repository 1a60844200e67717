/* alloc.h — allocation that never returns NULL to its caller.
 *
 * Running out of memory is not something each of hundreds of call sites can
 * recover from, so, as in Lua, it unwinds instead: an entry point of the
 * library (include/baocao.h, a batch worker, the command line) opens an
 * alloc_guard, and an allocation that fails anywhere below it longjmps back
 * there, where it becomes the error "out-of-memory" for the caller. Memory
 * the interrupted call held is not recovered. With no guard open on the
 * thread the process aborts: every entry point of the library opens one,
 * so only internal use (the unit tests) can get there.
 *
 * Sizes are checked: a request past ALLOC_MAX bytes, or whose size
 * overflows, counts as out of memory rather than wrapping around. */
#ifndef BAOCAO_ALLOC_H
#define BAOCAO_ALLOC_H

#include <setjmp.h>
#include <stddef.h>

#define ALLOC_MAX ((size_t)1 << 31)   /* bytes in one block: 2 GiB */

typedef struct alloc_guard {
    jmp_buf jump;
    struct alloc_guard *prev;
} alloc_guard;

/* Use as
 *     alloc_guard g;
 *     alloc_enter(&g);
 *     if (setjmp(g.jump)) { ...out of memory: g is already closed... }
 *     ...work...
 *     alloc_leave(&g);
 * Guards nest, per thread. */
void alloc_enter(alloc_guard *g);
void alloc_leave(alloc_guard *g);

/* Unwinds to the innermost guard of this thread (aborts without one). */
void oom(void) __attribute__((noreturn));

/* For tests of that promise: the function every allocation below goes
 * through, as realloc (p NULL: a new block); NULL: libc's. Set it while no
 * other thread allocates. */
void alloc_set_realloc(void *(*fn)(void *p, size_t n));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *v (element size sz) so that it holds at least need elements:
 * capacity doubles, the byte count checked against overflow and ALLOC_MAX. */
void grow(void *v, size_t *cap, size_t need, size_t sz);

/* Appends one zeroed element to the array *v of *n elements (size sz),
 * growing it as grow does, and returns it:
 *     doc_row *r = grow_push(&t->rows, &t->nrows, &t->cap, sizeof *t->rows); */
void *grow_push(void *v, size_t *n, size_t *cap, size_t sz);

#endif
