/* dist_value.h: a distribution's value in a scenario file (dist_value.c). */
#ifndef SUPSIM_DIST_VALUE_H
#define SUPSIM_DIST_VALUE_H

#include "err.h"
#include "random/dist.h"

/* A distribution: exp(mean=D), lognormal(mean=D, sd=D), gamma(shape=X, mean=D),
 * const(D), uniform(min=D, max=D), empirical(file=PATH) with PATH relative to
 * base_dir (a CSV of durations, see tables.h).  Caller owns *out (dist_fini). */
int val_dist(const char *s, const char *base_dir, dist *out, srcloc at, err *e);

#endif
