/* dynlib.c — libraries opened on first use (see dynlib.h). */
#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* One lock for every dynlib: each is opened once per process, so contention
 * is nil and a lock per library would buy nothing. */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

int dynlib_open(dynlib *l)
{
    pthread_mutex_lock(&open_lock);
    if (!l->tried) {
        l->tried = 1;
        void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
        if (!h)
            snprintf(l->error, sizeof l->error, "%s", dlerror());
        /* POSIX: a function pointer converts from dlsym's void *. */
        for (size_t i = 0; h && i < l->n && !l->error[0]; i++)
            if (!(l->slots[i] = dlsym(h, l->names[i])))
                snprintf(l->error, sizeof l->error, "%s: no %s", l->soname, l->names[i]);
    }
    int rc = l->error[0] ? -1 : 0;
    pthread_mutex_unlock(&open_lock);
    return rc;
}
