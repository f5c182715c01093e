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

typedef struct arrivals {
	const rate_fn *rate; /* not owned */
	gsl_rng *rng;        /* an rng_philox stream, not owned */
	double target;       /* integrated rate at the arrival after next */
	size_t hint;         /* rate piece of the arrival after next */
	uint64_t n;          /* arrivals handed out so far */
	/* the instant arrivals_next hands out next, computed one call ahead:
	 * its logarithm, division and piece search then run while the engine
	 * handles the current arrival instead of on the way to scheduling the
	 * next one (the same draws, in the same order, the same instants) */
	double ahead;
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
