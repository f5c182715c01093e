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

/* The engine's draws (dist_ticket_draw): inversion for const, exp, uniform
 * and empirical, agreeing with the quantile; lognormal and gamma from the
 * ticket's own stream; each kind's mean over 200000 tickets within 3.3
 * standard errors. */
static void test_ticket_draws(void **state)
{
	const int n = 200000;
	gsl_rng *r = rng_create(), *q = rng_create();
	dist d[6];
	double *v = malloc(4 * sizeof(double));

	(void)state;
	assert_non_null(r);
	assert_non_null(q);
	assert_non_null(v);
	v[0] = 30;
	v[1] = 10;
	v[2] = 40;
	v[3] = 20;
	assert_int_equal(dist_make_exp(&d[0], 600), 0);
	assert_int_equal(dist_make_uniform(&d[1], 10, 40), 0);
	assert_int_equal(dist_make_empirical(&d[2], v, 4), 0);
	assert_int_equal(dist_make_const(&d[3], 90), 0);
	assert_int_equal(dist_make_lognormal(&d[4], 1200, 900), 0);
	assert_int_equal(dist_make_gamma(&d[5], 0.7, 300), 0);
	for (int k = 0; k < 6; k++) {
		rng_words memo;
		double sum = 0;
		assert_int_equal(dist_by_inversion(&d[k]), k < 4);
		rng_words_reset(&memo);
		for (int i = 0; i < n; i++) {
			double x = dist_ticket_draw(&d[k], &memo, r, 1, 0, 2, (uint64_t)i,
						    RNG_SUB_WORK(1));
			assert_true(x >= 0);
			sum += x;
			if (i >= 8)
				continue;
			if (k < 4) { /* the quantile of the ticket's word */
				rng_words w1;
				rng_words_reset(&w1);
				double u = rng_ticket_uniform(&w1, 1, 0, 2, RNG_SUB_WORK(1),
							      (uint64_t)i, 1, 0);
				if (k == 0)
					near(x, dist_quantile(&d[k], u), 1e-9 * x);
				else
					assert_true(x == dist_quantile(&d[k], u));
			} else { /* GSL's sampler on the ticket's stream */
				rng_key(q, 1, 0, RNG_TICKET, 2, (uint64_t)i, RNG_SUB_WORK(1));
				assert_true(x == dist_draw(&d[k], q));
			}
		}
		if (fabs(sum / n - d[k].mean_s) > 3.3 * d[k].sd_s / sqrt(n) + 1e-9)
			fail_msg("kind %d: mean %g, expected %g", d[k].kind, sum / n,
				 d[k].mean_s);
	}
	/* inversion at the ends of [0, 1) */
	assert_true(dist_from_uniform(&d[0], 0) == 0);
	assert_true(dist_from_uniform(&d[1], 0) == 10);
	assert_true(dist_from_uniform(&d[2], 0) == 10);
	assert_true(dist_from_uniform(&d[2], 1 - 0x1p-53) == 40);
	assert_true(isfinite(dist_from_uniform(&d[0], 1 - 0x1p-53)));
	dist_fini(&d[2]);
	gsl_rng_free(r);
	gsl_rng_free(q);
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
		cmocka_unit_test(test_ticket_draws),
		cmocka_unit_test(test_quantiles),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
