/* jobs.c — the bounded worker pool (jobs.h). */
#define _POSIX_C_SOURCE 200809L
#include "jobs.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct job {
    job_fn fn, release;
    void *arg;
    int done, refs;   /* refs: the worker and the caller */
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
    j->fn(j->arg);
    pthread_mutex_lock(&lock);
    j->done = 1;
    running--;
    pthread_cond_broadcast(&j->cv);
    pthread_cond_broadcast(&slot_cv);
    drop(j);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int jobs_run(job_fn fn, job_fn release, void *arg)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout;
    job *j = calloc(1, sizeof *j);
    if (!j)
        return -1;
    *j = (job){.fn = fn, .release = release, .arg = arg, .refs = 2};
    pthread_cond_init(&j->cv, NULL);
    pthread_mutex_lock(&lock);
    int rc = 0;
    while (running >= workers && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&slot_cv, &lock, &until);
    if (running >= workers) {
        pthread_mutex_unlock(&lock);
        pthread_cond_destroy(&j->cv);
        free(j);
        return 1;
    }
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, work, j) != 0) {
        pthread_attr_destroy(&attr);
        pthread_mutex_unlock(&lock);
        pthread_cond_destroy(&j->cv);
        free(j);
        return -1;
    }
    pthread_attr_destroy(&attr);
    running++;
    rc = 0;
    while (!j->done && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&j->cv, &lock, &until);
    int late = !j->done;
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
