/* diag.h — one error message travelling back up the pipeline.
 *
 * Every stage reports failure by filling a diag and returning -1 (or NULL).
 * The message already names where the problem is (file:line, unit, field),
 * so the front end only has to print it. A stable key such as
 * "score-above-max" travels with it, for tests and for translation. */
#ifndef BAOCAO_DIAG_H
#define BAOCAO_DIAG_H

#include <stddef.h>

typedef struct diag {
    char key[48];     /* stable machine-readable error class, "" if none */
    char msg[1024];   /* human-readable, already located */
} diag;

/* Sets key and a printf-style message; always returns -1. */
int diag_set(diag *d, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " to the current message (e.g. the file name). */
int diag_prefix(diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Warnings do not stop the run; they go to stderr unless silenced. */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_quiet_warnings(int quiet);

#endif
