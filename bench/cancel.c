/* bench/cancel.c — how long a call runs on once bc_options.cancelled first
 * says stop (not a test; bench/cancel.sh builds and runs it).
 *   cancel render|check|batch REPORT.JSON SECONDS
 * The hook says stop from SECONDS after the call began; printed: the wall
 * time and the processor time of the process from then to the return. */
#define _POSIX_C_SOURCE 200809L
#include "baocao.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double clock_of(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double stop_at, said_at, said_cpu;

static int stop(void *ctx)
{
    (void)ctx;
    if (clock_of(CLOCK_MONOTONIC) < stop_at)
        return 0;
    if (!said_at)   /* a batch asks from several threads: the first answer is close enough */
        said_at = clock_of(CLOCK_MONOTONIC), said_cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: cancel render|check|batch REPORT.JSON SECONDS OUT\n");
        return 2;
    }
    const char *what = argv[1], *in = argv[2], *out = argv[4];
    int several = strcmp(what, "render") != 0;
    bc_options o = {.notices = several, .jobs = 1, .cancelled = stop};
    bc_error e;
    int rc;
    stop_at = clock_of(CLOCK_MONOTONIC) + atof(argv[3]);
    if (!strcmp(what, "batch")) {
        rc = bc_batch(in, out, 1, &o, &e);
    } else if (several) {
        bc_finding *f;
        size_t n;
        rc = bc_check(in, &o, &f, &n, &e) < 0 ? -1 : 0;
        bc_free(f);
    } else {
        bc_report *r;
        rc = bc_report_open(&r, in, &o, &e);
        if (rc == 0)
            rc = bc_render_report(r, out, &o, &e);
        bc_report_close(r);
    }
    double wall = clock_of(CLOCK_MONOTONIC), cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID);
    if (rc == 0 || !said_at)
        printf("%s at %s s: finished first\n", what, argv[3]);
    else
        printf("%s at %s s: [%s] after %.1f ms, %.1f ms of processor\n", what, argv[3], e.key,
               (wall - said_at) * 1000, (cpu - said_cpu) * 1000);
    return 0;
}
