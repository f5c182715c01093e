/* test_coverage.c: the 95 % interval of attainment (summary.csv's
 * attainment_ci95, stats_mean_ci95 across replications) holds the truth 95 %
 * of the time (issue 6, acceptance 2).  A small M/M/c desk (fifo, exponential
 * handling, one 24x7 team, nobody abandons) is run with 500 independent
 * seeds of 10 replications each, through batch_run as `supsim run` does;
 * the share of seeds whose interval holds Erlang C's attainment
 * (erlang_c_sl) must lie in [0.92, 0.98], i.e. 0.95 +- 3 binomial standard
 * deviations (sqrt(0.95 * 0.05 / 500) = 0.0097).
 * Bias is kept far below the intervals' standard error (about 0.01): the
 * warm-up is 240 mean handling times, where the queue forgets its empty
 * start within tens of them; the tickets censored at the horizon (about one
 * SLA target's worth of arrivals in 48 h) move attainment by about 1e-4.
 * Measured while choosing the length (seeds 1..500, never changed): 12 h
 * after the warm-up left a bias of +0.0018 +- 0.0009 and skewed
 * replications (skewness -0.30, t-interval coverage 0.946 by bootstrap of
 * them), 48 h a bias of +0.0002 +- 0.0005 (skewness -0.18, bootstrap
 * coverage 0.949), so 48 h it is.  The seeds were fixed before the first
 * run. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decide/erlang.h"
#include "engine/batch.h"
#include "engine/run.h"
#include "engine/tally.h"
#include "model_fixture.h"
#include "results/stats.h"

#define SEEDS 500
#define REPS 10
#define AGENTS 3
#define AHT_S 120.0
#define LOAD 0.7          /* rho = lambda AHT / c */
#define TARGET_S 60.0     /* one SLA target, P1 */
#define WARMUP_S (8 * 3600.0)
#define SPAN_S (48 * 3600.0) /* after the warm-up: ~3000 tickets per run */

static void spec(fx_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->rate_per_s = LOAD * AGENTS / AHT_S;
	s->warmup_s = WARMUP_S;
	s->horizon_s = WARMUP_S + SPAN_S;
	s->seed = 1;
	s->sla_s[0] = TARGET_S;
	assert_int_equal(dist_make_exp(&s->handle[CH_WEB], AHT_S), 0);
	s->npolicies = 1;
	s->pol[0] = (fx_policy){ "fifo", DISC_FIFO, AGENTS, 0 };
}

/* met / (met + missed) over every cell of t. */
static double attainment(const tally *t)
{
	uint64_t met = 0, missed = 0;

	for (size_t c = 0; c < t->ncells; c++) {
		met += t->met[c];
		missed += t->missed[c];
		assert_int_equal(t->abandoned[c] + t->deflected[c], 0);
	}
	return stats_ratio((double)met, (double)(met + missed));
}

static void ci_coverage(void **state)
{
	fx_spec s;
	model m;
	tally t[REPS];
	double att[REPS], half_sum = 0, mean_sum = 0;
	int hits = 0, below = 0;
	err e = { 0 };
	(void)state;

	spec(&s);
	assert_int_equal(fx_build(&m, &s), 0);
	m.replications = REPS;
	for (int r = 0; r < REPS; r++)
		assert_int_equal(tally_init(&t[r], &m, 0), 0);
	double mu = 1 / AHT_S, lambda = s.rate_per_s;
	double truth = erlang_c_sl(AGENTS, lambda, mu, TARGET_S);
	assert_false(isnan(truth));
	for (uint64_t seed = 1; seed <= SEEDS; seed++) {
		batch_opts bo = { .threads = batch_cpus(), .reps = REPS, .seed = seed };
		assert_int_equal(batch_run(&m, &bo, t, &e), 0);
		for (int r = 0; r < REPS; r++)
			att[r] = attainment(&t[r]);
		stats_ci ci = stats_mean_ci95(att, REPS);
		assert_int_equal(ci.n, REPS);
		hits += fabs(ci.mean - truth) <= ci.half;
		below += ci.mean + ci.half < truth;
		half_sum += ci.half;
		mean_sum += ci.mean;
	}
	double share = (double)hits / SEEDS;
	print_message("M/M/%d rho %.2f, target %.0f s: Erlang C attainment %.5f\n", AGENTS, LOAD,
		      TARGET_S, truth);
	print_message("  mean over seeds %.5f (bias %+.5f), mean half-width %.5f\n",
		      mean_sum / SEEDS, mean_sum / SEEDS - truth, half_sum / SEEDS);
	print_message("  %d of %d intervals hold it: %.3f (missed: %d below, %d above)\n", hits,
		      SEEDS, share, below, SEEDS - hits - below);
	for (int r = 0; r < REPS; r++)
		tally_fini(&t[r]);
	model_fini(&m);
	dist_fini(&s.handle[CH_WEB]);
	assert_true(share >= 0.92 && share <= 0.98);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ci_coverage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
