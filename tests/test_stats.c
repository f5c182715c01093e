/* test_stats.c: means, Student-t half-widths and paired differences across
 * replications against hand-computed values; NAN (undefined) replications
 * are left out; a comparison with itself has width 0. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "results/stats.h"

static void mean_ci_known(void **state)
{
	static const double x[] = { 1, 2, 3, 4, 5 };
	stats_ci s = stats_mean_ci95(x, 5);
	(void)state;
	assert_int_equal(s.n, 5);
	assert_true(s.mean == 3);
	assert_true(fabs(s.sd - sqrt(2.5)) < 1e-15);
	assert_true(fabs(s.se - sqrt(0.5)) < 1e-15);
	/* t(0.975, 4) = 2.7764451051977987 */
	assert_true(fabs(stats_t975(4) - 2.7764451051977987) < 1e-12);
	assert_true(fabs(s.half - 2.7764451051977987 * sqrt(0.5)) < 1e-12);
	assert_true(fabs(stats_t975(1) - 12.706204736174707) < 1e-9);
	assert_true(isnan(stats_t975(0)));
}

static void mean_ci_small(void **state)
{
	static const double one[] = { 0.7 };
	static const double holes[] = { NAN, 0.5, NAN };
	static const double same[] = { 0.25, 0.25, 0.25 };
	stats_ci s;
	(void)state;
	s = stats_mean_ci95(one, 1);
	assert_true(s.n == 1 && s.mean == 0.7 && isnan(s.half) && isnan(s.sd));
	s = stats_mean_ci95(holes, 3);
	assert_true(s.n == 1 && s.mean == 0.5 && isnan(s.half));
	s = stats_mean_ci95(holes, 0);
	assert_true(s.n == 0 && isnan(s.mean) && isnan(s.half));
	s = stats_mean_ci95(same, 3);
	assert_true(s.mean == 0.25 && s.half == 0);
}

static void paired(void **state)
{
	static const double a[] = { 0.80, 0.70, NAN, 0.90 };
	static const double b[] = { 0.85, 0.72, 0.5, 0.99 };
	stats_ci s;
	(void)state;
	s = stats_paired_ci95(a, a, 4);
	assert_true(s.n == 3 && s.mean == 0 && s.half == 0);
	s = stats_paired_ci95(a, b, 4);
	assert_int_equal(s.n, 3);
	double d[] = { 0.85 - 0.80, 0.72 - 0.70, 0.99 - 0.90 };
	stats_ci want = stats_mean_ci95(d, 3);
	assert_true(s.mean == want.mean && s.half == want.half);
	assert_true(fabs(s.mean - 0.16 / 3) < 1e-15);
	/* pairing removes the shared noise: narrower than unpaired */
	double a3[] = { 0.80, 0.70, 0.90 }, b3[] = { 0.85, 0.72, 0.99 };
	stats_ci sa = stats_mean_ci95(a3, 3), sb = stats_mean_ci95(b3, 3);
	assert_true(s.half < sqrt(sa.half * sa.half + sb.half * sb.half));
	assert_true(isnan(stats_ratio(1, 0)) && stats_ratio(1, 4) == 0.25);
}

/* A large sum is the same whatever values came before: two-pass variance
 * keeps its precision around a big mean. */
static void precision(void **state)
{
	double x[1000];
	(void)state;
	for (int i = 0; i < 1000; i++)
		x[i] = 1e9 + (i % 2 ? 1 : -1);
	stats_ci s = stats_mean_ci95(x, 1000);
	assert_true(s.mean == 1e9);
	assert_true(fabs(s.sd - sqrt(1000.0 / 999)) < 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mean_ci_known),
		cmocka_unit_test(mean_ci_small),
		cmocka_unit_test(paired),
		cmocka_unit_test(precision),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
