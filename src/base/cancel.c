/* cancel.c — the per-thread cancel hook (cancel.h). */
#include "cancel.h"

static _Thread_local cancel_hook hook;

cancel_hook cancel_set(cancel_hook h)
{
    cancel_hook prev = hook;
    hook = h;
    return prev;
}

cancel_hook cancel_current(void) { return hook; }

int cancel_check(diag *d)
{
    return hook.fn && hook.fn(hook.ctx) ? diag_set(d, "cancelled", "cancelled by the caller before it was done") : 0;
}
