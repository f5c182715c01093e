/* batch.c: the thread pool over (policy, replication) jobs.  Workers take
 * job indices from a shared counter; each keeps one run_ctx for all its
 * jobs, made at its first.  Errors are kept per job and the first by job
 * order is reported, so even failures do not depend on scheduling. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "engine/batch.h"

typedef struct pool {
	const model *m;
	const batch_opts *o;
	tally *tallies;
	size_t njobs, next, done;
	int *rc;  /* per job: 0 ok, 1 stopped, -1 failed, 2 not run */
	err *errs; /* per job */
	pthread_mutex_t lock;
} pool;

static int take_job(pool *pl, size_t *j)
{
	int got = 0;

	pthread_mutex_lock(&pl->lock);
	if (pl->next < pl->njobs && !(pl->o->stop && atomic_load_explicit(pl->o->stop, memory_order_relaxed))) {
		*j = pl->next++;
		got = 1;
	}
	pthread_mutex_unlock(&pl->lock);
	return got;
}

/* One job, with its trace sink when tracing. */
static int run_job(pool *pl, run_ctx *ctx, size_t p, size_t r, tally *t, err *e)
{
	const batch_opts *o = pl->o;
	void *sink = NULL;
	int rc;

	if (o->trace) {
		sink = o->trace_open(o->trace_ctx, p, (int)r, e);
		if (!sink)
			return -1;
	}
	rc = run_one(ctx, p, (int)(o->first_rep + r), o->seed, t, o->trace, sink, o->stop, e);
	if (o->trace && o->trace_close(o->trace_ctx, sink, rc < 0 ? NULL : e) && rc >= 0)
		rc = -1;
	return rc;
}

static void *worker(void *arg)
{
	pool *pl = arg;
	const batch_opts *o = pl->o;
	size_t np = pl->m->npolicies, j;
	run_ctx *ctx = NULL;

	while (take_job(pl, &j)) {
		size_t p = j % np, r = j / np, slot = p * (size_t)o->reps + r;
		/* made at the first job: a worker left without one allocates
		 * nothing, so a failure always belongs to a job and is said */
		if (!ctx) {
			ctx = run_ctx_create(pl->m);
			if (ctx)
				run_ctx_window(ctx, &o->window);
		}
		if (!ctx) {
			pl->rc[j] = err_nomem(&pl->errs[j]);
			continue;
		}
		pl->rc[j] = run_job(pl, ctx, p, r, &pl->tallies[slot], &pl->errs[j]);
		pthread_mutex_lock(&pl->lock);
		pl->done++;
		if (o->progress)
			o->progress(o->progress_ctx, pl->done, pl->njobs);
		pthread_mutex_unlock(&pl->lock);
	}
	run_ctx_destroy(ctx);
	return NULL;
}

static int pool_result(pool *pl, err *e)
{
	int stopped = 0;

	for (size_t j = 0; j < pl->njobs; j++) {
		if (pl->rc[j] < 0) {
			*e = pl->errs[j];
			return -1;
		}
		stopped |= pl->rc[j] != 0;
	}
	return stopped;
}

int batch_run(const model *m, const batch_opts *o, tally *tallies, err *e)
{
	pool pl = { .m = m, .o = o, .tallies = tallies };
	int nthreads = o->threads;
	int rc;

	pl.njobs = m->npolicies * (size_t)o->reps;
	pl.rc = mem_alloc(pl.njobs * sizeof(*pl.rc));
	pl.errs = mem_calloc(pl.njobs, sizeof(*pl.errs));
	if (!pl.rc || !pl.errs) {
		free(pl.rc);
		free(pl.errs);
		return err_nomem(e);
	}
	for (size_t j = 0; j < pl.njobs; j++)
		pl.rc[j] = 2;
	pthread_mutex_init(&pl.lock, NULL);
	if ((size_t)nthreads > pl.njobs)
		nthreads = (int)pl.njobs;
	if (nthreads > BATCH_MAX_THREADS)
		nthreads = BATCH_MAX_THREADS;
	/* on the stack (8 KB): no allocation that could fail here */
	pthread_t tid[BATCH_MAX_THREADS];
	int started = 0;
	if (nthreads > 1)
		for (; started < nthreads; started++)
			if (pthread_create(&tid[started], NULL, worker, &pl))
				break;
	if (!started)
		worker(&pl); /* one thread, or none could be started: run here */
	for (int i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&pl.lock);
	rc = pool_result(&pl, e);
	free(pl.rc);
	free(pl.errs);
	return rc;
}

int batch_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n >= 1 ? (int)(n > BATCH_MAX_THREADS ? BATCH_MAX_THREADS : n) : 1;
}
