/* dist.c: the duration distributions of dist.h over GSL.
 * Constructors turn user-facing parameters (means and standard deviations in
 * seconds) into each kind's natural parameters and record mean and sd;
 * draws go through gsl_ran_*, quantiles through gsl_cdf_*_Pinv.  Only the
 * empirical kind owns memory (its sorted sample). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "mem.h"
#include "random/dist.h"
#include "random/rng.h"

static int ok_pos(double x)
{
	return isfinite(x) && x > 0;
}

static int ok_nonneg(double x)
{
	return isfinite(x) && x >= 0;
}

static void set(dist *d, dist_kind kind, double a, double b, double mean, double sd)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->a = a;
	d->b = b;
	d->mean_s = mean;
	d->sd_s = sd;
}

int dist_make_const(dist *d, double value_s)
{
	if (!ok_nonneg(value_s))
		return -1;
	set(d, DIST_CONST, value_s, 0, value_s, 0);
	return 0;
}

int dist_make_exp(dist *d, double mean_s)
{
	if (!ok_pos(mean_s))
		return -1;
	set(d, DIST_EXP, mean_s, 0, mean_s, mean_s);
	return 0;
}

/* sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2. */
int dist_make_lognormal(dist *d, double mean_s, double sd_s)
{
	if (!ok_pos(mean_s) || !ok_nonneg(sd_s))
		return -1;
	double cv = sd_s / mean_s;
	double s2 = log1p(cv * cv);
	if (!isfinite(s2))
		return -1;
	set(d, DIST_LOGNORMAL, log(mean_s) - s2 / 2, sqrt(s2), mean_s, sd_s);
	return 0;
}

/* scale = mean / shape; sd = mean / sqrt(shape). */
int dist_make_gamma(dist *d, double shape, double mean_s)
{
	if (!ok_pos(shape) || !ok_pos(mean_s))
		return -1;
	set(d, DIST_GAMMA, shape, mean_s / shape, mean_s, mean_s / sqrt(shape));
	return 0;
}

int dist_make_uniform(dist *d, double min_s, double max_s)
{
	if (!ok_nonneg(min_s) || !ok_nonneg(max_s) || max_s < min_s)
		return -1;
	set(d, DIST_UNIFORM, min_s, max_s, (min_s + max_s) / 2,
	    (max_s - min_s) / sqrt(12.0));
	return 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* Mean and sd in two passes (sum of squared deviations: no cancellation),
 * summed in sorted order so the result never depends on the input order. */
int dist_make_empirical(dist *d, double *values, size_t n)
{
	double sum = 0, ss = 0;

	if (!values || n == 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!ok_nonneg(values[i]))
			return -1;
	qsort(values, n, sizeof(*values), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += values[i];
	double mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (values[i] - mean) * (values[i] - mean);
	set(d, DIST_EMPIRICAL, 0, 0, mean, n > 1 ? sqrt(ss / (double)(n - 1)) : 0);
	d->values = values;
	d->nvalues = n;
	return 0;
}

int dist_copy(dist *dst, const dist *src)
{
	double *v = NULL;

	if (src->kind == DIST_EMPIRICAL && src->nvalues) {
		v = mem_alloc(src->nvalues * sizeof(*v));
		if (!v)
			return -1;
		memcpy(v, src->values, src->nvalues * sizeof(*v));
	}
	*dst = *src;
	dst->values = v;
	return 0;
}

void dist_fini(dist *d)
{
	free(d->values);
	memset(d, 0, sizeof(*d));
}

/* gsl_rng_uniform(r), read inline from our own streams (the engine's). */
static double uniform(gsl_rng *r)
{
	return r->type == rng_philox ? rng_uniform(r) : gsl_rng_uniform(r);
}

double dist_draw(const dist *d, gsl_rng *r)
{
	switch (d->kind) {
	case DIST_CONST:
		return d->a;
	case DIST_EXP:
		/* gsl_ran_exponential's -mean log1p(-u), as -mean log(1 - u):
		 * 1 - u is exact for u with 53 bits, and log is cheaper */
		return -d->a * log(1 - uniform(r));
	case DIST_LOGNORMAL:
		return gsl_ran_lognormal(r, d->a, d->b);
	case DIST_GAMMA:
		return gsl_ran_gamma(r, d->a, d->b);
	case DIST_UNIFORM:
		return gsl_ran_flat(r, d->a, d->b);
	case DIST_EMPIRICAL:
		return d->values[gsl_rng_uniform_int(r, d->nvalues)];
	case DIST_NONE:
		break;
	}
	return INFINITY;
}

int dist_by_inversion(const dist *d)
{
	return d->kind == DIST_CONST || d->kind == DIST_EXP || d->kind == DIST_UNIFORM ||
	       d->kind == DIST_EMPIRICAL;
}

double dist_from_uniform(const dist *d, double u)
{
	switch (d->kind) {
	case DIST_CONST:
		return d->a;
	case DIST_EXP:
		return -d->a * log(1 - u); /* 1 - u exact: u has 53 bits */
	case DIST_UNIFORM:
		return d->a + u * (d->b - d->a);
	case DIST_EMPIRICAL: {
		size_t i = (size_t)(u * (double)d->nvalues);
		return d->values[i < d->nvalues ? i : d->nvalues - 1];
	}
	case DIST_LOGNORMAL:
	case DIST_GAMMA:
	case DIST_NONE:
		break;
	}
	return INFINITY;
}

double dist_ticket_draw(const dist *d, rng_words *memo, gsl_rng *r, uint64_t seed,
			uint32_t rep, uint32_t owner, uint64_t id, uint32_t sub)
{
	if (d->kind == DIST_CONST)
		return d->a;
	if (dist_by_inversion(d))
		return dist_from_uniform(d, rng_ticket_uniform(memo, seed, rep, owner, sub, id,
								 1, 0));
	rng_key(r, seed, rep, RNG_TICKET, owner, id, sub);
	return dist_draw(d, r);
}

double dist_quantile(const dist *d, double u)
{
	switch (d->kind) {
	case DIST_EXP:
		return -d->a * log1p(-u); /* any u, not only 53-bit ones */
	case DIST_LOGNORMAL:
		if (d->b == 0)
			return exp(d->a);
		return gsl_cdf_lognormal_Pinv(u, d->a, d->b);
	case DIST_GAMMA:
		return gsl_cdf_gamma_Pinv(u, d->a, d->b);
	case DIST_CONST:
	case DIST_UNIFORM:
	case DIST_EMPIRICAL:
		return dist_from_uniform(d, u);
	case DIST_NONE:
		break;
	}
	return INFINITY;
}

const char *dist_format(const dist *d, char *buf, size_t len)
{
	if (!len)
		return buf;
	switch (d->kind) {
	case DIST_NONE:
		snprintf(buf, len, "none");
		break;
	case DIST_CONST:
		snprintf(buf, len, "const(%gs)", d->a);
		break;
	case DIST_EXP:
		snprintf(buf, len, "exp(mean=%gs)", d->a);
		break;
	case DIST_LOGNORMAL:
		snprintf(buf, len, "lognormal(mean=%gs, sd=%gs)", d->mean_s, d->sd_s);
		break;
	case DIST_GAMMA:
		snprintf(buf, len, "gamma(shape=%g, mean=%gs)", d->a, d->mean_s);
		break;
	case DIST_UNIFORM:
		snprintf(buf, len, "uniform(min=%gs, max=%gs)", d->a, d->b);
		break;
	case DIST_EMPIRICAL:
		snprintf(buf, len, "empirical(n=%zu, mean=%gs, sd=%gs)", d->nvalues,
			 d->mean_s, d->sd_s);
		break;
	}
	return buf;
}
