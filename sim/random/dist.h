/* dist.h: probability distributions of durations (handling time, patience).
 * A dist is a small value type; only the empirical kind owns memory (its
 * sorted sample), freed by dist_fini.  Every duration is in seconds.
 * The engine draws with dist_draw (GSL's distributions) on a caller-owned
 * gsl_rng: a ticket's work and patience come from the ticket's own stream,
 * which is what gives the same ticket the same work under every policy
 * (common random numbers, docs/random.md).  dist_quantile, the inverse CDF,
 * is not used by the engine: it serves tests and analytic checks. */
#ifndef SUPSIM_DIST_H
#define SUPSIM_DIST_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

typedef enum dist_kind {
	DIST_NONE = 0,  /* absent (e.g. no patience: nobody abandons) */
	DIST_CONST,     /* a = value */
	DIST_EXP,       /* a = mean */
	DIST_LOGNORMAL, /* a = mu, b = sigma of the underlying normal */
	DIST_GAMMA,     /* a = shape, b = scale */
	DIST_UNIFORM,   /* a = min, b = max */
	DIST_EMPIRICAL, /* values[0..n) sorted ascending, drawn with equal weight */
} dist_kind;

typedef struct dist {
	dist_kind kind;
	double a, b;    /* parameters, see dist_kind; seconds where durations */
	double mean_s;  /* the distribution's mean, seconds (0 for DIST_NONE) */
	double sd_s;    /* its standard deviation, seconds */
	double *values; /* DIST_EMPIRICAL: sorted sample, owned */
	size_t nvalues;
} dist;

/* Constructors from user-facing parameters; each returns 0, or -1 when the
 * parameters are out of range (caller reports it).  mean, sd, min, max are
 * seconds. */
int dist_make_const(dist *d, double value_s);
int dist_make_exp(dist *d, double mean_s);
int dist_make_lognormal(dist *d, double mean_s, double sd_s);
int dist_make_gamma(dist *d, double shape, double mean_s);
int dist_make_uniform(dist *d, double min_s, double max_s);
/* Takes ownership of values (malloc'ed, n >= 1, each >= 0); sorts them. */
int dist_make_empirical(dist *d, double *values, size_t n);

/* Deep copy (the empirical sample is duplicated); 0 or -1 (ENOMEM). */
int dist_copy(dist *dst, const dist *src);
void dist_fini(dist *d); /* accepts a zeroed dist */

/* A draw, seconds.  d->kind != DIST_NONE. */
double dist_draw(const dist *d, gsl_rng *r);
/* The u-quantile, u in (0,1), seconds. */
double dist_quantile(const dist *d, double u);

/* "exp(mean=600s)"-style text of d, for `supsim check`. */
const char *dist_format(const dist *d, char *buf, size_t len);

#endif
