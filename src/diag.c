/* diag.c — error and warning messages. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int warnings_quiet;

int diag_set(diag *d, const char *key, const char *fmt, ...)
{
    if (!d)
        return -1;
    va_list ap;
    snprintf(d->key, sizeof d->key, "%s", key ? key : "");
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    return -1;
}

int diag_prefix(diag *d, const char *fmt, ...)
{
    if (!d)
        return -1;
    char head[512], old[sizeof d->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, d->msg, sizeof old);
    snprintf(d->msg, sizeof d->msg, "%s: %s", head, old);
    return -1;
}

void diag_quiet_warnings(int quiet) { warnings_quiet = quiet; }

void diag_warn(const char *fmt, ...)
{
    if (warnings_quiet)
        return;
    va_list ap;
    fputs("baocao: warning: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
