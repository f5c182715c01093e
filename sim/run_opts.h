/* run_opts.h: the options of one run of a model -- how many replications,
 * the seed, the counting window -- kept apart from the model, which they
 * never change.  The cli fills them (cli/load.c): replications and seed
 * from the scenario's [scenario] keys (model.replications, model.seed),
 * overridden by -r and -s, the window from --from/--to.  They reach the
 * engine through batch_opts (its window; reps and seed per batch), and the
 * searches of decide/ through the batch_opts they are given. */
#ifndef SUPSIM_RUN_OPTS_H
#define SUPSIM_RUN_OPTS_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include "model.h"

/* When `on`, only contacts arriving in [from_s, to_s) (seconds since the
 * start, and after the warm-up) are counted; the others run as the
 * warm-up's do.  A zeroed window is none. */
typedef struct run_window {
	bool on;
	double from_s, to_s;
} run_window;

typedef struct run_opts {
	int replications;         /* [scenario] replications, or -r */
	uint64_t seed;            /* [scenario] seed, or -s */
	run_window window;        /* --from/--to */
} run_opts;

/* The span whose arrivals m counts under window w (NULL: none): from the
 * end of the warm-up (or the window's start, if later) to the horizon (or
 * the window's end, if earlier). */
static inline void run_window_span(const model *m, const run_window *w, double *from_s,
				   double *to_s)
{
	bool on = w && w->on;

	*from_s = on ? fmax(m->warmup_s, w->from_s) : m->warmup_s;
	*to_s = on ? fmin(m->horizon_s, w->to_s) : m->horizon_s;
}

#endif
