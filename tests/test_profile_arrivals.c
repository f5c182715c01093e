/* test_profile_arrivals.c: arrivals under a weekly profile in Asia/Tokyo
 * and a surge, end to end through the calendar (sim/input/calendar.c) and
 * the engine's arrivals (sim/engine/arrivals.c): counts per UTC hour of the
 * week over 26 weeks and 20 replications match the integrated rate
 * (chi-square at p = 0.001, seed fixed before the first run), and the
 * busiest hour is the profile's peak, Monday 10:00 in Tokyo = 01:00Z. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_cdf.h>

#include "engine/arrivals.h"
#include "input/calendar.h"
#include "random/rng.h"

#define WEEKS 26
#define REPS 20
#define HOW 168
#define SEED 20201125u

/* Weekdays 09-17 local weight 3, Monday 10:00 weight 6 (the one peak),
 * every other hour 0.5: calendar_rate takes them as given (the scenario
 * loader scales profiles to mean 1; here the volume is per weight unit). */
static void tokyo_profile(double w[HOW])
{
	for (int h = 0; h < HOW; h++) {
		int day = h / 24, hour = h % 24;
		w[h] = day < 5 && hour >= 9 && hour < 17 ? 3.0 : 0.5;
	}
	w[10] = 6.0;
}

static void test_tokyo_profile_and_surge(void **state)
{
	(void)state;
	double w[HOW], count[HOW] = { 0 }, expect[HOW] = { 0 };
	int64_t days[2] = { 1583107200, 1589155200 }; /* 2020-03-02, 2020-05-11 */
	double mult[2] = { 1.0, 3.0 };
	surge_model sg = { "rise", 2, days, mult, false };
	rate_fn f = { 0 };
	err e = { 0 };
	const int64_t start = 1583107200;           /* Monday 2020-03-02T00:00Z */
	const double horizon = WEEKS * 7 * 86400.0;

	tokyo_profile(w);
	assert_int_equal(calendar_rate(&f, 100.0 / 86400, w, "Asia/Tokyo", &sg, start,
				       horizon, &e), 0);
	/* expected counts per UTC hour of the week, from the integral */
	for (double t = 0; t < horizon; t += 3600)
		expect[(size_t)(t / 3600) % HOW] +=
			REPS * (rate_fn_cum(&f, t + 3600) - rate_fn_cum(&f, t));
	gsl_rng *r = rng_create();
	assert_non_null(r);
	for (uint32_t rep = 0; rep < REPS; rep++) {
		arrivals a;
		arrivals_start(&a, &f, r, SEED, rep, 0);
		for (double t = arrivals_next(&a); t < horizon; t = arrivals_next(&a))
			count[(size_t)(t / 3600) % HOW] += 1;
	}
	double chi2 = 0, total = 0;
	size_t peak = 0;
	for (size_t h = 0; h < HOW; h++) {
		chi2 += (count[h] - expect[h]) * (count[h] - expect[h]) / expect[h];
		total += count[h];
		if (count[h] > count[peak])
			peak = h;
	}
	double crit = gsl_cdf_chisq_Qinv(0.001, HOW - 1);
	print_message("%.0f arrivals; chi-square %.1f on %d bins (critical %.1f); "
		      "busiest UTC hour of the week %zu\n", total, chi2, HOW, crit, peak);
	assert_true(chi2 < crit);
	assert_int_equal(peak, 1); /* Monday 10:00 JST = Monday 01:00Z */
	gsl_rng_free(r);
	rate_fn_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokyo_profile_and_surge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
