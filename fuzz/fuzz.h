/* fuzz.h — what the libFuzzer harnesses share: the readers take file
 * paths, so each input is written to a scratch directory first (made once
 * per process under $TMPDIR, removed at exit). Include it first. */
#ifndef BAOCAO_FUZZ_H
#define BAOCAO_FUZZ_H

#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "score.h"

static char fuzz_dir[4096];

static void fuzz_cleanup(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir);
}

/* The path of name in the scratch directory. */
static const char *fuzz_path(const char *name)
{
    static char path[4200];
    if (!fuzz_dir[0]) {
        const char *t = getenv("TMPDIR");
        snprintf(fuzz_dir, sizeof fuzz_dir, "%s/baocao-fuzz.XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(fuzz_dir))
            abort();
        atexit(fuzz_cleanup);
    }
    snprintf(path, sizeof path, "%s/%s", fuzz_dir, name);
    return path;
}

/* Writes data to name in the scratch directory; returns its path. */
static const char *fuzz_put(const char *name, const uint8_t *data, size_t size)
{
    const char *path = fuzz_path(name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    return path;
}

/* Copies a file of the source tree into the scratch directory. */
static void fuzz_copy(const char *src_rel, const char *name)
{
    char src[4200];
    snprintf(src, sizeof src, "%s/%s", SOURCE_DIR, src_rel);
    FILE *f = fopen(src, "rb");
    if (!f)
        abort();
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    fuzz_put(name, buf, n);
}

/* Loads report (as `baocao score` does) and scores it; errors are expected. */
static void fuzz_load_report(const char *report)
{
    dataset ds;
    diag d = {0};
    input_opts io = {0};   /* encoding detected, first sheet */
    if (dataset_load(&ds, report, SOURCE_DIR, &io, &d) < 0)
        return;
    scoring sc;
    if (score_dataset(&ds, &sc, &d) == 0)
        scoring_free(&sc);
    dataset_free(&ds);
}

#endif
