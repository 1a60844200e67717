/* cancel.h — a long call stopped from outside (bc_options.cancelled).
 *
 * As with the allocation guard (alloc.h), the caller's hook is per-thread
 * state: an entry point of the library sets it for its thread (a batch
 * worker for its own), and any stage checks it at its own pace (between
 * stages, per page, per document, per file) without every signature
 * carrying it. A stage that sees it returns -1 like any other error, so
 * what it holds is freed on the usual paths and nothing half-written stays. */
#ifndef BAOCAO_CANCEL_H
#define BAOCAO_CANCEL_H

#include "diag.h"

typedef struct cancel_hook {
    int (*fn)(void *ctx);   /* non-zero: stop; NULL: never */
    void *ctx;
} cancel_hook;

/* Makes h this thread's hook and returns the one it replaces (to restore). */
cancel_hook cancel_set(cancel_hook h);

/* This thread's hook, to hand to the threads a call starts. */
cancel_hook cancel_current(void);

/* 0, or -1 with d set (key "cancelled") when this thread's hook says stop. */
int cancel_check(diag *d);

#endif
