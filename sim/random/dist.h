/* dist.h: probability distributions of durations (handling time, patience).
 * A dist is a small value type; only the empirical kind owns memory (its
 * sorted sample), freed by dist_fini.  Every duration is in seconds.
 * The engine draws a ticket's work and patience with dist_ticket_draw,
 * keyed by the ticket (common random numbers, docs/random.md): the kinds
 * that need one uniform (const, exp, uniform, empirical) by inversion of the
 * ticket's word (dist_from_uniform), lognormal and gamma with GSL's
 * samplers on the ticket's own stream (dist_draw).  dist_quantile, the
 * inverse CDF of every kind, serves tests and analytic checks. */
#ifndef SUPSIM_DIST_H
#define SUPSIM_DIST_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "random/rng.h"

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
/* Whether d is drawn by inversion of one uniform (dist_from_uniform):
 * const, exp, uniform and empirical; lognormal and gamma are not. */
int dist_by_inversion(const dist *d);
/* The draw of an inversion kind from u in [0, 1), seconds: the same as
 * dist_quantile for exp (as -mean log(1 - u)), uniform and empirical
 * (value floor(u n) of the sorted sample). */
double dist_from_uniform(const dist *d, double u);
/* Ticket id's draw of d on substream sub of segment `owner` (work or
 * patience on a channel) in replication rep: the inversion kinds from word
 * 0 of its ticket words (rng_ticket_word, w = 1) through memo (const reads
 * none), lognormal and gamma by dist_draw on its own stream (seed, rep,
 * RNG_TICKET, owner, id, sub), r re-keyed to it. */
double dist_ticket_draw(const dist *d, rng_words *memo, gsl_rng *r, uint64_t seed,
			uint32_t rep, uint32_t owner, uint64_t id, uint32_t sub);
/* The u-quantile, u in (0,1), seconds. */
double dist_quantile(const dist *d, double u);

/* "exp(mean=600s)"-style text of d, for `supsim check`. */
const char *dist_format(const dist *d, char *buf, size_t len);

#endif
