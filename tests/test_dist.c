/* test_dist.c: the duration distributions (sim/random/dist.c): parameters
 * from means and standard deviations, refusals, sample means within 3.3
 * standard errors, quantiles (closed forms and the empirical floor rule),
 * copies and the text of `supsim check`. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "random/dist.h"
#include "random/rng.h"

#define near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

static void test_params(void **state)
{
	dist d;

	(void)state;
	assert_int_equal(dist_make_lognormal(&d, 1200, 900), 0);
	double s2 = log(1 + 900.0 * 900 / (1200.0 * 1200));
	near(d.b, sqrt(s2), 1e-15);
	near(d.a, log(1200) - s2 / 2, 1e-12);
	near(d.mean_s, 1200, 0);
	near(d.sd_s, 900, 0);
	/* its mean and sd from mu, sigma come back */
	near(exp(d.a + d.b * d.b / 2), 1200, 1e-9);
	near(sqrt((exp(d.b * d.b) - 1) * exp(2 * d.a + d.b * d.b)), 900, 1e-9);
	assert_int_equal(dist_make_gamma(&d, 2, 600), 0);
	near(d.a, 2, 0);
	near(d.b, 300, 0);
	near(d.sd_s, 600 / sqrt(2), 1e-12);
	assert_int_equal(dist_make_exp(&d, 60), 0);
	assert_true(d.kind == DIST_EXP && d.mean_s == 60 && d.sd_s == 60);
	assert_int_equal(dist_make_uniform(&d, 10, 40), 0);
	near(d.mean_s, 25, 0);
	assert_int_equal(dist_make_const(&d, 0), 0);

	assert_int_equal(dist_make_exp(&d, 0), -1);
	assert_int_equal(dist_make_exp(&d, NAN), -1);
	assert_int_equal(dist_make_exp(&d, INFINITY), -1);
	assert_int_equal(dist_make_lognormal(&d, -1, 1), -1);
	assert_int_equal(dist_make_lognormal(&d, 1, -1), -1);
	assert_int_equal(dist_make_gamma(&d, 0, 1), -1);
	assert_int_equal(dist_make_gamma(&d, 1, 0), -1);
	assert_int_equal(dist_make_uniform(&d, 5, 4), -1);
	assert_int_equal(dist_make_uniform(&d, -1, 4), -1);
	assert_int_equal(dist_make_const(&d, -1), -1);
	assert_int_equal(dist_make_empirical(&d, NULL, 0), -1);
}

/* Mean of n draws within 3.3 standard errors of the distribution's mean. */
static void check_mean(const dist *d, gsl_rng *r)
{
	const int n = 200000;
	double s = 0;

	for (int i = 0; i < n; i++) {
		double x = dist_draw(d, r);
		assert_true(x >= 0);
		s += x;
	}
	if (fabs(s / n - d->mean_s) > 3.3 * d->sd_s / sqrt(n) + 1e-9)
		fail_msg("kind %d: mean %g, expected %g", d->kind, s / n, d->mean_s);
}

static void test_draws(void **state)
{
	gsl_rng *r = rng_create();
	dist d;
	double *v = malloc(4 * sizeof(double));

	(void)state;
	assert_non_null(r);
	assert_non_null(v);
	rng_key(r, 1, 0, RNG_TICKET, 0, 0, 0);
	assert_int_equal(dist_make_exp(&d, 600), 0);
	check_mean(&d, r);
	assert_int_equal(dist_make_lognormal(&d, 1200, 900), 0);
	check_mean(&d, r);
	assert_int_equal(dist_make_gamma(&d, 0.7, 300), 0);
	check_mean(&d, r);
	assert_int_equal(dist_make_uniform(&d, 10, 40), 0);
	check_mean(&d, r);
	assert_int_equal(dist_make_const(&d, 90), 0);
	assert_true(dist_draw(&d, r) == 90);
	v[0] = 30;
	v[1] = 10;
	v[2] = 40;
	v[3] = 20;
	assert_int_equal(dist_make_empirical(&d, v, 4), 0);
	assert_true(d.values[0] == 10 && d.values[3] == 40);
	near(d.mean_s, 25, 0);
	check_mean(&d, r);
	dist_fini(&d);
	gsl_rng_free(r);
}

static void test_quantiles(void **state)
{
	dist d, e;
	double *v = malloc(5 * sizeof(double));

	(void)state;
	assert_int_equal(dist_make_exp(&d, 600), 0);
	near(dist_quantile(&d, 0.5), 600 * log(2), 1e-9);
	assert_int_equal(dist_make_lognormal(&d, 1200, 900), 0);
	near(dist_quantile(&d, 0.5), exp(d.a), 1e-6);
	assert_int_equal(dist_make_lognormal(&d, 1200, 0), 0);
	near(dist_quantile(&d, 0.3), 1200, 1e-9);
	assert_int_equal(dist_make_gamma(&d, 1, 300), 0); /* = exp(mean 300) */
	near(dist_quantile(&d, 0.9), -300 * log(0.1), 1e-6);
	assert_int_equal(dist_make_uniform(&d, 10, 40), 0);
	near(dist_quantile(&d, 0.25), 17.5, 1e-12);
	/* empirical: values[floor(u n)] */
	for (int i = 0; i < 5; i++)
		v[i] = 50 - 10 * i;
	assert_int_equal(dist_make_empirical(&d, v, 5), 0);
	assert_true(dist_quantile(&d, 0.0) == 10);
	assert_true(dist_quantile(&d, 0.19) == 10);
	assert_true(dist_quantile(&d, 0.2) == 20);
	assert_true(dist_quantile(&d, 0.999) == 50);
	/* a deep copy survives the original */
	assert_int_equal(dist_copy(&e, &d), 0);
	dist_fini(&d);
	assert_true(e.values && e.nvalues == 5 && dist_quantile(&e, 0.5) == 30);
	dist_fini(&e);
	dist_fini(&e); /* zeroed: fine */
}

static void test_format(void **state)
{
	char buf[96];
	dist d;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_string_equal(dist_format(&d, buf, sizeof(buf)), "none");
	dist_make_exp(&d, 600);
	assert_string_equal(dist_format(&d, buf, sizeof(buf)), "exp(mean=600s)");
	dist_make_lognormal(&d, 1200, 900);
	assert_string_equal(dist_format(&d, buf, sizeof(buf)),
			    "lognormal(mean=1200s, sd=900s)");
	dist_make_gamma(&d, 2, 600);
	assert_string_equal(dist_format(&d, buf, sizeof(buf)),
			    "gamma(shape=2, mean=600s)");
	dist_make_const(&d, 90);
	assert_string_equal(dist_format(&d, buf, sizeof(buf)), "const(90s)");
	dist_make_uniform(&d, 1, 2);
	assert_string_equal(dist_format(&d, buf, sizeof(buf)), "uniform(min=1s, max=2s)");
	assert_string_equal(dist_format(&d, buf, 8), "uniform");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_draws),
		cmocka_unit_test(test_quantiles),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
