/* arrivals.c: NHPP arrivals by inversion of the integrated rate. */
#include <math.h>

#include "engine/arrivals.h"
#include "random/rng.h"

/* The arrival after the last one computed, or INFINITY at or beyond the
 * horizon (the process is then finished). */
static double arrival_after(arrivals *a)
{
	const rate_fn *f = a->rate;

	if (!f->n || !isfinite(a->target))
		return INFINITY;
	/* Exp(1) = -log(1 - u), u in [0, 1) with 53 bits (1 - u is exact):
	 * one word per arrival */
	a->target += -log(1 - rng_uniform(a->rng));
	if (a->target >= f->cum[f->n]) {
		a->target = INFINITY;
		return INFINITY;
	}
	double t = rate_fn_inverse(f, a->target, &a->hint);
	if (t >= f->t[f->n]) {
		a->target = INFINITY;
		return INFINITY;
	}
	return t;
}

void arrivals_start(arrivals *a, const rate_fn *rate, gsl_rng *r,
		    uint64_t seed, uint32_t rep, uint32_t segment)
{
	arrivals_start_item(a, rate, r, seed, rep, segment, 0);
}

void arrivals_start_item(arrivals *a, const rate_fn *rate, gsl_rng *r,
			 uint64_t seed, uint32_t rep, uint32_t segment, uint64_t item)
{
	a->rate = rate;
	a->rng = r;
	a->target = 0;
	a->hint = 0;
	a->pos = ARRIVALS_AHEAD;
	rng_key(r, seed, rep, RNG_ARRIVALS, segment, item, 0);
}

double arrivals_next(arrivals *a)
{
	if (a->pos == ARRIVALS_AHEAD) {
		/* past the horizon every further instant is INFINITY too,
		 * and draws nothing (target is then INFINITY) */
		for (unsigned k = 0; k < ARRIVALS_AHEAD; k++)
			a->ahead[k] = arrival_after(a);
		a->pos = 0;
	}
	return a->ahead[a->pos++];
}
