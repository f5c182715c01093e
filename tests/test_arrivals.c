/* test_arrivals.c: NHPP arrivals by inversion (sim/engine/arrivals.c) on a
 * piecewise rate with flat, rising and falling pieces and a gap: the counts
 * per bin over many replications match the integral of the rate (chi-square
 * at p = 0.001, fixed seed), nothing arrives where the rate is zero, and the
 * stream is a function of its key. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_cdf.h>

#include "engine/arrivals.h"
#include "model_fixture.h"
#include "random/rng.h"

#define NBINS 20

static void piecewise(rate_fn *f)
{
	/* seconds; per second: flat 0.5, rising 0.5 -> 2, gap, falling 3 -> 0.5 */
	const double t[] = { 0, 100, 200, 250, 400 };
	const double r[] = { 0.5, 0.5, 0, 3 };
	const double s[] = { 0, 0.015, 0, -2.5 / 150 };

	assert_int_equal(fx_rate(f, 4, t, r, s), 0);
}

static void test_counts(void **state)
{
	const int reps = 2000;
	rate_fn f;
	arrivals a;
	gsl_rng *r = rng_create();
	double count[NBINS] = { 0 }, chi2 = 0;
	double w = 400.0 / NBINS, total = 0;

	(void)state;
	assert_non_null(r);
	piecewise(&f);
	for (int rep = 0; rep < reps; rep++) {
		arrivals_start(&a, &f, r, 1, (uint32_t)rep, 0);
		double last = 0, t;
		while (isfinite(t = arrivals_next(&a))) {
			assert_true(t >= last && t < 400);
			assert_false(t > 200 && t < 250);
			last = t;
			count[(int)(t / w)]++;
			total++;
		}
	}
	int df = 0;
	for (int b = 0; b < NBINS; b++) {
		double e = reps * (rate_fn_cum(&f, (b + 1) * w) - rate_fn_cum(&f, b * w));
		if (e == 0) {
			assert_true(count[b] == 0);
			continue;
		}
		chi2 += (count[b] - e) * (count[b] - e) / e;
		df++;
	}
	double crit = gsl_cdf_chisq_Qinv(0.001, df);
	print_message("arrivals: %.0f in %d replications (expected %.0f), "
		      "chi-square %.2f on %d bins (critical %.2f)\n", total, reps,
		      reps * f.cum[f.n], chi2, df, crit);
	assert_true(chi2 < crit);
	gsl_rng_free(r);
	rate_fn_fini(&f);
}

static void test_keyed(void **state)
{
	rate_fn f;
	arrivals a, b;
	gsl_rng *r1 = rng_create(), *r2 = rng_create();

	(void)state;
	piecewise(&f);
	arrivals_start(&a, &f, r1, 9, 2, 5);
	arrivals_start(&b, &f, r2, 9, 2, 5);
	for (int i = 0; i < 50; i++) {
		double x = arrivals_next(&a), y = arrivals_next(&b);
		assert_true(x == y || (isinf(x) && isinf(y)));
	}
	/* another segment is another stream */
	arrivals_start(&a, &f, r1, 9, 2, 5);
	arrivals_start(&b, &f, r2, 9, 2, 6);
	assert_true(arrivals_next(&a) != arrivals_next(&b));
	/* an empty rate gives nothing */
	rate_fn z;
	const double t[] = { 0, 100 }, rz[] = { 0 };
	assert_int_equal(fx_rate(&z, 1, t, rz, NULL), 0);
	arrivals_start(&a, &z, r1, 1, 0, 0);
	assert_true(isinf(arrivals_next(&a)));
	rate_fn_fini(&z);
	gsl_rng_free(r1);
	gsl_rng_free(r2);
	rate_fn_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_keyed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
