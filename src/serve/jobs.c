/* jobs.c — the bounded worker pool (jobs.h). */
#define _POSIX_C_SOURCE 200809L
#include "jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

/* How long past the limit a caller still waits for its cancelled job, so
 * that the answer leaves with the worker free (a job stops well within it). */
#define GRACE 5

struct job {
    job_fn fn;
    void (*release)(void *arg);
    void *arg;
    struct timespec deadline;   /* CLOCK_MONOTONIC */
    atomic_int expired;         /* jobs_expired said so: the job was cancelled */
    int done, refs;             /* refs: the worker and the caller */
    pthread_cond_t cv;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_cv = PTHREAD_COND_INITIALIZER;
static int workers = 2, running, timeout = 120;

void jobs_init(int n, int t)
{
    workers = n > 0 ? n : 1;
    timeout = t > 0 ? t : 1;
}

int jobs_expired(void *self)
{
    job *j = self;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > j->deadline.tv_sec || (now.tv_sec == j->deadline.tv_sec && now.tv_nsec >= j->deadline.tv_nsec))
        j->expired = 1;
    return j->expired;
}

static void drop(job *j)
{
    if (--j->refs)
        return;
    pthread_mutex_unlock(&lock);
    j->release(j->arg);
    pthread_cond_destroy(&j->cv);
    free(j);
    pthread_mutex_lock(&lock);
}

static void *work(void *p)
{
    job *j = p;
    j->fn(j->arg, j);
    pthread_mutex_lock(&lock);
    j->done = 1;
    running--;
    pthread_cond_broadcast(&j->cv);
    pthread_cond_broadcast(&slot_cv);
    drop(j);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int jobs_run(job_fn fn, void (*release)(void *arg), void *arg)
{
    struct timespec until;   /* the limit again, on the condition variables' clock */
    job *j = calloc(1, sizeof *j);
    if (!j)
        return -1;
    *j = (job){.fn = fn, .release = release, .arg = arg, .refs = 2};
    clock_gettime(CLOCK_MONOTONIC, &j->deadline);
    j->deadline.tv_sec += timeout;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout;
    pthread_cond_init(&j->cv, NULL);
    pthread_mutex_lock(&lock);
    int rc = 0;
    while (running >= workers && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&slot_cv, &lock, &until);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int late = running >= workers;
    if (late || pthread_create(&t, &attr, work, j) != 0) {
        pthread_attr_destroy(&attr);
        pthread_mutex_unlock(&lock);
        pthread_cond_destroy(&j->cv);
        free(j);
        return late ? 1 : -1;
    }
    pthread_attr_destroy(&attr);
    running++;
    until.tv_sec += GRACE;
    rc = 0;
    while (!j->done && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&j->cv, &lock, &until);
    late = !j->done || j->expired;
    drop(j);
    pthread_mutex_unlock(&lock);
    return late;
}

void jobs_drain(void)
{
    pthread_mutex_lock(&lock);
    while (running)
        pthread_cond_wait(&slot_cv, &lock);
    pthread_mutex_unlock(&lock);
}
