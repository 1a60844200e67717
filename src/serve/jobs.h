/* jobs.h — the bounded worker pool: at most N jobs (check, render, batch,
 * facts) run at once, each on its own thread, within the job time limit
 * (waiting for a free worker counts). Past the limit a job is cancelled: it
 * hands jobs_expired to the library as bc_options.cancelled, which stops
 * it within a stage of its work; its worker is then free and what it holds
 * (the request's folder) released. Shutdown waits for every running job. */
#ifndef BAOCAO_SERVE_JOBS_H
#define BAOCAO_SERVE_JOBS_H

typedef struct job job;
typedef void (*job_fn)(void *arg, job *self);

void jobs_init(int workers, int timeout_seconds);

/* Whether the limit of the job `self` has passed (a bc_options.cancelled:
 * thread-safe). */
int jobs_expired(void *self);

/* Runs fn(arg, job) on a worker, then release(arg) once both the job and the
 * caller are done with it. Returns 0 when fn finished in time, 1 on the time
 * limit (the job was cancelled, or did not end even a few seconds after it,
 * or never got a worker), -1 when no thread could start. */
int jobs_run(job_fn fn, void (*release)(void *arg), void *arg);

/* Waits until no job runs (shutdown). */
void jobs_drain(void);

#endif
