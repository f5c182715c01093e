/* stats.c: means and Student-t intervals across replications, in a fixed
 * summation order (see stats.h). */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "results/stats.h"

double stats_t975(size_t df)
{
	if (df == 0)
		return NAN;
	return gsl_cdf_tdist_Pinv(0.975, (double)df);
}

/* The interval of the values v(i) over the i where v(i) is a number. */
static stats_ci summarize(const double *x, const double *y, size_t n)
{
	stats_ci s = { 0, NAN, NAN, NAN, NAN };
	double sum = 0, ss = 0;

	for (size_t i = 0; i < n; i++) {
		double v = y ? y[i] - x[i] : x[i];
		if (isnan(v))
			continue;
		sum += v;
		s.n++;
	}
	if (s.n == 0)
		return s;
	s.mean = sum / s.n;
	if (s.n < 2)
		return s;
	for (size_t i = 0; i < n; i++) {
		double v = y ? y[i] - x[i] : x[i];
		if (isnan(v))
			continue;
		ss += (v - s.mean) * (v - s.mean);
	}
	s.sd = sqrt(ss / (s.n - 1));
	s.se = s.sd / sqrt((double)s.n);
	s.half = stats_t975(s.n - 1) * s.se;
	return s;
}

stats_ci stats_mean_ci95(const double *x, size_t n)
{
	return summarize(x, NULL, n);
}

stats_ci stats_paired_ci95(const double *x, const double *y, size_t n)
{
	return summarize(x, y, n);
}
