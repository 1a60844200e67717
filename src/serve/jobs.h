/* jobs.h — the bounded worker pool: at most N jobs (check, render, batch,
 * facts) run at once, each on its own thread; a request waits for its job
 * at most the job time limit. A job that outlives its limit finishes on its
 * own and then releases what it holds (the request's folder); shutdown
 * waits for every running job. */
#ifndef BAOCAO_SERVE_JOBS_H
#define BAOCAO_SERVE_JOBS_H

typedef struct job job;
typedef void (*job_fn)(void *arg);

void jobs_init(int workers, int timeout_seconds);

/* Runs fn(arg) on a worker, then release(arg) once both the job and the
 * caller are done with it. Returns 0 when fn finished in time, 1 on the time
 * limit (waiting for a free worker counts), -1 when no thread could start. */
int jobs_run(job_fn fn, job_fn release, void *arg);

/* Waits until no job runs (shutdown). */
void jobs_drain(void);

#endif
