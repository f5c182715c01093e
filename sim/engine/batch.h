/* batch.h: every (policy, replication) run of a model, on a pool of
 * threads.  Job j = r * npolicies + p runs policy p, replication r into
 * tallies[p * reps + r]; each job writes only its own slot (and its own
 * trace sink), so results do not depend on the number of threads or on
 * which thread ran what. */
#ifndef SUPSIM_BATCH_H
#define SUPSIM_BATCH_H

#include <stdatomic.h>
#include <stddef.h>

#include "engine/run.h"
#include "engine/tally.h"
#include "err.h"
#include "model.h"
#include "run_opts.h"

/* The most threads a batch runs on (more are taken as this many). */
#define BATCH_MAX_THREADS 1024

typedef struct batch_opts {
	int threads;          /* >= 1 */
	int reps;             /* replications: run_opts.replications normally */
	int first_rep;        /* they are replications first_rep .. first_rep +
	                         reps - 1 (0 normally; staff adds batches on the
	                         same random numbers); tallies[p * reps + r]
	                         still gets the r-th of them */
	uint64_t seed;
	run_window window;    /* the arrivals counted (run_opts.window); zeroed:
	                         every one after the warm-up */
	/* With a trace: a sink per job, opened by the worker before the job
	 * and closed after it (so at most `threads` are open at once). */
	trace_fn trace;       /* NULL: no trace */
	void *(*trace_open)(void *ctx, size_t p, int rep, err *e); /* NULL on error */
	int (*trace_close)(void *ctx, void *sink, err *e);         /* 0 or -1 */
	void *trace_ctx;
	const atomic_int *stop; /* polled; nonzero stops every job (stop.h) */
	/* Called (under a lock, from a worker) after each job; may be NULL. */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
} batch_opts;

/* tallies: npolicies * reps slots, each initialised by tally_init for its
 * policy.  Returns 0, 1 when stopped, or -1 with e set (allocation or
 * trace failure: the first error by job order). */
int batch_run(const model *m, const batch_opts *o, tally *tallies, err *e);

/* Online CPUs (at least 1). */
int batch_cpus(void);

#endif
