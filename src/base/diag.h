/* diag.h — one error message travelling back up the pipeline.
 *
 * Every stage reports failure by filling a diag and returning -1 (or NULL).
 * The message already names where the problem is (file:line, unit, field),
 * so the front end only has to print it. A stable key such as
 * "score-above-max" travels with it, for tests and for translation.
 *
 * Invariants of base/: nothing in it prints or aborts inside a guarded
 * call (alloc.h); no file of base/ includes a header of another stage, and
 * none knows JSON, CSV, templates or PDF. */
#ifndef BAOCAO_DIAG_H
#define BAOCAO_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef struct diag {
    char key[48];     /* stable machine-readable error class (ASCII), "" if none */
    char msg[1024];   /* human-readable, already located; a longer message is
                         cut at a character boundary and ends with "…" (it is
                         for a person to read; the data itself is never cut) */
    /* Where, for programs (the message says it for people): set by
     * diag_locate where the reader knows it, else empty / 0. Cut like msg. */
    char file[512];
    int line, column;      /* 1-based; 0 when unknown */
    char unit[256];
    char indicator[128];
} diag;

/* Attaches the structured location of the error already set in d (file,
 * line, column, unit, indicator; NULL / 0 for what does not apply).
 * Returns -1. */
int diag_locate(diag *d, const char *file, int line, int column, const char *unit, const char *indicator);

/* Only the file and line:column, keeping any unit and indicator already
 * attached (a reader that knows the place but not the unit). Returns -1. */
int diag_at(diag *d, const char *file, int line, int column);

/* Sets key and a printf-style message; always returns -1. */
int diag_set(diag *d, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

int diag_vset(diag *d, const char *key, const char *fmt, va_list ap);

/* The error of an allocation that failed (alloc.h): key "out-of-memory".
 * Allocates nothing. Returns -1. */
int diag_oom(diag *d);

/* A message about the file at path, said with the name its owner knows it
 * by (an upload stored under another name): a leading path in the message,
 * and the file, become name. */
void diag_rename(diag *d, const char *path, const char *name);

/* Prepends "prefix: " to the current message (e.g. the file name). */
int diag_prefix(diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* What a review of the input found: errors (render would refuse),
 * warnings (render goes on) and notes (what was read past, how a file was
 * read: for --verbose), returned as data for the front end to print
 * grouped, or as JSON. */
typedef enum severity { SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_NOTE } severity;

typedef struct finding {
    severity severity;
    diag d;
} finding;

typedef struct findings {
    finding *v;
    size_t n;
} findings;

/* Adds one, its format translated as diag_set does; f may be NULL. */
void findings_add(findings *f, severity s, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void findings_add_diag(findings *f, severity s, const diag *d);
size_t findings_count(const findings *f, severity s);
void findings_free(findings *f);

/* The library never prints: what does not stop a call (a warning, a note)
 * goes to the caller's sink, which shows it, keeps it or drops it. */
typedef struct diag_sink {
    void (*fn)(void *ctx, severity s, const diag *d);
    void *ctx;
} diag_sink;

/* Formats (translated as diag_set does) and hands one message to sink;
 * nothing when sink is NULL. */
void diag_tell(const diag_sink *sink, severity s, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Translation. A catalog (templates/messages/<lang>.txt) maps each English
 * format string, as written in the source, to the same message in another
 * language; diag_set, diag_prefix and diag_tell look their format up there
 * and fall back to English. The file holds pairs of lines,
 *
 *   en: %s:%d: more than %d columns
 *   vi: %s:%d: có quá %d cột
 *
 * (blank lines and lines starting with # are skipped). Loading refuses a
 * translation whose conversion specifiers differ from its English format's
 * in number, order or type, so a wrong catalog cannot crash printf. */
int diag_catalog_load(const char *path, diag *d);
void diag_catalog_free(void);
/* The translation of an English format or fragment, or the text itself. */
const char *diag_text(const char *english);
/* Whether the loaded catalog has a translation of this English format. */
int diag_catalog_has(const char *english);

#endif
