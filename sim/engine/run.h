/* run.h: one replication of one policy: the event loop.
 * Reads the immutable model, writes only its own tally (and, with a trace
 * callback, hands every counted-or-warm-up ticket to it as it ends).  The
 * random draws are keyed by (seed, replication, segment, ticket) and never
 * by policy, so every policy of a replication sees the same tickets.
 * A run_ctx holds everything the loop needs, sized before t = 0: the loop
 * itself never allocates.  One run_ctx per thread, reused across runs. */
#ifndef SUPSIM_RUN_H
#define SUPSIM_RUN_H

#include <stdatomic.h>
#include <stdint.h>

#include "engine/tally.h"
#include "err.h"
#include "model.h"
#include "run_opts.h"

/* Ids of a demand what-if's extra contacts start here: the scenario's own
 * contacts keep their ids 0, 1, ... (at most 1e10 per segment), so a
 * join on (rep, segment, id) pairs them across policies (docs/random.md). */
#define RUN_EXTRA_ID 1000000000000ULL

/* One ticket as it ends (tickets.csv, SPEC §4). */
typedef struct ticket_rec {
	uint32_t segment;   /* index into model.segment */
	uint64_t id;        /* number within (segment, replication), from 0 */
	int priority;       /* index into model.prio_name */
	channel_id preferred, channel; /* channel actually used */
	double arrival_s;
	double response_s;  /* NAN when never answered */
	double end_s;       /* handling end or abandonment; NAN when neither */
	int team;           /* index into the policy's teams, -1 when none */
	outcome out;
	double work_s;      /* handling time drawn for the channel used */
} ticket_rec;
typedef int (*trace_fn)(void *ctx, const ticket_rec *t);

typedef struct run_ctx run_ctx;

/* A context able to run every policy of m; NULL on ENOMEM. */
run_ctx *run_ctx_create(const model *m);
void run_ctx_destroy(run_ctx *c);

/* Run policy p, replication rep (0-based), with seed seed, into t (reset
 * first).  trace may be NULL.  `stop`, when not NULL, is polled every few
 * thousand events (sim_stop of stop.h, normally):
 * nonzero stops the run early (returns 1).  Returns 0, 1 when stopped, or -1
 * with e set (a trace callback failed). */
int run_one(run_ctx *c, size_t p, int rep, uint64_t seed, tally *t,
	    trace_fn trace, void *trace_ctx, const atomic_int *stop, err *e);
/* The counting window of the runs of c from now on (run_opts.h; a new
 * context has none: every contact after the warm-up counts). */
void run_ctx_window(run_ctx *c, const run_window *w);

#endif
