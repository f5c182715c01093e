/* stats.h: summaries across replications: the mean, the standard error and
 * the Student-t 95% half-width, and the same for paired differences (common
 * random numbers).  Sums run in index order (replication order), in two
 * passes (mean, then squared deviations), so a result never depends on the
 * number of threads that produced the inputs.  NAN inputs are "undefined in
 * that replication" (e.g. an attainment with no ticket answered or missed)
 * and are left out. */
#ifndef SUPSIM_STATS_H
#define SUPSIM_STATS_H

#include <math.h>
#include <stddef.h>

typedef struct stats_ci {
	size_t n;    /* values used (NANs left out) */
	double mean; /* NAN when n == 0 */
	double sd;   /* sample standard deviation (n - 1); NAN when n < 2 */
	double se;   /* sd / sqrt(n); NAN when n < 2 */
	double half; /* t(0.975, n - 1) se; NAN when n < 2 */
} stats_ci;

/* Mean and 95% interval of x[0..n), NANs left out. */
stats_ci stats_mean_ci95(const double *x, size_t n);

/* Paired differences y[i] - x[i] over the i where both are defined: the
 * interval of the mean difference.  x == y gives 0 with half-width 0. */
stats_ci stats_paired_ci95(const double *x, const double *y, size_t n);

/* The Student-t 0.975 quantile with df degrees of freedom (df >= 1); NAN
 * for df == 0. */
double stats_t975(size_t df);

/* a / b, or NAN when b == 0 (an undefined share). */
static inline double stats_ratio(double a, double b)
{
	return b != 0 ? a / b : NAN;
}

#endif
