/* check.h — the smallest test harness that reports what failed and where.
 * Each test program ends with CHECK_DONE(), which prints "N passed, N failed"
 * and exits non-zero on any failure. */
#ifndef BAOCAO_CHECK_H
#define BAOCAO_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond) \
    do { \
        if (cond) check_pass++; \
        else { check_fail++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
    } while (0)

#define CHECK_STR(got, want) \
    do { \
        const char *g_ = (got), *w_ = (want); \
        if (g_ && w_ && strcmp(g_, w_) == 0) check_pass++; \
        else { check_fail++; fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                                     g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
    } while (0)

#define CHECK_INT(got, want) \
    do { \
        long long g_ = (long long)(got), w_ = (long long)(want); \
        if (g_ == w_) check_pass++; \
        else { check_fail++; fprintf(stderr, "%s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); } \
    } while (0)

#define CHECK_DONE() \
    do { \
        printf("%d passed, %d failed\n", check_pass, check_fail); \
        return check_fail ? 1 : 0; \
    } while (0)

#endif
