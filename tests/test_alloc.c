/* test_alloc.c — allocation failure is an error the caller gets: requests
 * past ALLOC_MAX or whose size overflows unwind to the innermost guard of
 * the thread instead of wrapping around or aborting; guards nest. */
#include "alloc.h"
#include "check.h"
#include "sbuf.h"

#include <stdint.h>
#include <stdlib.h>

typedef void (*request)(void);

static void huge_malloc(void) { free(xmalloc(ALLOC_MAX + 1)); }
static void overflowing_calloc(void) { free(xcalloc(SIZE_MAX / 2, 3)); }

static void overflowing_grow(void)
{
    int *v = NULL;
    size_t cap = 0;
    grow(&v, &cap, SIZE_MAX / 4, sizeof *v);   /* SIZE_MAX / 4 · 4 bytes wraps around */
    free(v);
}

static sbuf held;   /* what the interrupted call held: freed by the test, not by the unwinding */

static void overflowing_sbuf(void)
{
    sbuf_puts(&held, "x");
    sbuf_add(&held, "", SIZE_MAX - 1);   /* len + n + 1 wraps around */
}

/* 1 when r unwound to the guard, 0 when it returned. */
static int unwinds(request r)
{
    alloc_guard g;
    alloc_enter(&g);
    if (setjmp(g.jump))
        return 1;
    r();
    alloc_leave(&g);
    return 0;
}

static void small(void) { free(xmalloc(16)); }

int main(void)
{
    CHECK_INT(unwinds(huge_malloc), 1);
    CHECK_INT(unwinds(overflowing_calloc), 1);
    CHECK_INT(unwinds(overflowing_grow), 1);
    CHECK_INT(unwinds(overflowing_sbuf), 1);
    CHECK_STR(sbuf_str(&held), "x");   /* left as it was */
    sbuf_free(&held);
    CHECK_INT(unwinds(small), 0);

    /* Nested: the inner guard catches, the outer one stays open and works. */
    alloc_guard outer;
    alloc_enter(&outer);
    if (setjmp(outer.jump)) {
        CHECK(0 && "the outer guard caught what the inner one should");
        CHECK_DONE();
    }
    CHECK_INT(unwinds(huge_malloc), 1);
    int outer_caught = 0;
    alloc_guard again;
    alloc_enter(&again);
    if (setjmp(again.jump))
        outer_caught = 1;
    else
        huge_malloc();
    CHECK_INT(outer_caught, 1);
    alloc_leave(&outer);
    CHECK_DONE();
}
