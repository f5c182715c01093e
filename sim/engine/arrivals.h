/* arrivals.h: one segment's non-homogeneous Poisson arrivals, exactly, by
 * inversion: the k-th arrival is the instant where the integrated rate
 * reaches E1 + ... + Ek, with Ek ~ Exp(1) from the segment's own keyed stream
 * (seed, replication, RNG_ARRIVALS, segment).  No time stepping, no thinning:
 * one uniform per arrival, whatever the rate's shape. */
#ifndef SUPSIM_ARRIVALS_H
#define SUPSIM_ARRIVALS_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "model.h"

/* Arrival instants are computed a block ahead: ARRIVALS_AHEAD at a time,
 * one Philox block of Exp(1) words.  Their logarithms and divisions are
 * independent of each other (only the running sum of the Exp(1) links
 * them), so the processor overlaps them, instead of waiting for each one
 * on the way to scheduling the next arrival (the same draws, in the same
 * order, the same instants: docs/engine.md, "Arrivals a block ahead"). */
#define ARRIVALS_AHEAD 4

typedef struct arrivals {
	const rate_fn *rate; /* not owned */
	gsl_rng *rng;        /* an rng_philox stream, not owned */
	double target;       /* integrated rate at the last instant computed */
	size_t hint;         /* rate piece of the last instant computed */
	double ahead[ARRIVALS_AHEAD]; /* the next instants, in order */
	unsigned pos;        /* next one to hand out; ARRIVALS_AHEAD: none left */
} arrivals;

/* Start the arrivals of segment `segment` of replication rep: keys r (an
 * rng_philox stream the caller owns and keeps for these arrivals) and
 * computes the first arrival (drawing its Exp(1)). */
void arrivals_start(arrivals *a, const rate_fn *rate, gsl_rng *r,
		    uint64_t seed, uint32_t rep, uint32_t segment);

/* The same on stream `item` of the segment's arrivals: 0 is the scenario's
 * contacts, 1 the demand what-ifs' extra candidates (docs/random.md). */
void arrivals_start_item(arrivals *a, const rate_fn *rate, gsl_rng *r,
			 uint64_t seed, uint32_t rep, uint32_t segment, uint64_t item);

/* The next arrival instant (seconds since start, increasing), or INFINITY
 * when it falls at or beyond the horizon (the process is then finished). */
double arrivals_next(arrivals *a);

#endif
