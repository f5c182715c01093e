/* test_run_opts.c: the run options live outside the model (sim/run_opts.h,
 * issue 14).
 * - a counting window passed in batch_opts counts only the arrivals in it:
 *   a window over the whole span counts what no window counts, a window
 *   over half of it fewer, and two halves add up to the whole;
 * - running a batch and a staffing search, with a window, leaves the loaded
 *   model as it was (its struct and every policy team's shift heads);
 * - run_window_span: the warm-up and the horizon bound the window.
 * Runs from the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decide/staff.h"
#include "engine/batch.h"
#include "input/scenario.h"
#include "run_opts.h"

#define SCEN "tests/staff/cost2.ini"

/* Arrivals counted over reps replications of policy 0 under window w. */
static uint64_t counted(const model *m, int reps, run_window w)
{
	tally *t = calloc((size_t)reps, sizeof(*t));
	batch_opts bo = { .threads = 1, .reps = reps, .seed = m->seed, .window = w };
	err e = { 0 };
	uint64_t n = 0;

	assert_non_null(t);
	for (int r = 0; r < reps; r++)
		assert_int_equal(tally_init(&t[r], m, 0), 0);
	assert_int_equal(batch_run(m, &bo, t, &e), 0);
	for (int r = 0; r < reps; r++) {
		for (size_t c = 0; c < t[r].ncells; c++)
			n += t[r].arrived[c];
		tally_fini(&t[r]);
	}
	free(t);
	return n;
}

static void test_window_counts(void **state)
{
	(void)state;
	model m;
	err e = { 0 };

	assert_int_equal(scenario_load(SCEN, NULL, 0, &m, &e), 0);
	assert_int_equal(m.npolicies, 1);
	double mid = (m.warmup_s + m.horizon_s) / 2;
	uint64_t all = counted(&m, 2, (run_window){ 0 });
	uint64_t whole = counted(&m, 2, (run_window){ true, 0, m.horizon_s });
	uint64_t first = counted(&m, 2, (run_window){ true, 0, mid });
	uint64_t second = counted(&m, 2, (run_window){ true, mid, m.horizon_s });

	print_message("counted: no window %llu, whole %llu, halves %llu + %llu\n",
		      (unsigned long long)all, (unsigned long long)whole,
		      (unsigned long long)first, (unsigned long long)second);
	assert_true(all > 100);
	assert_true(whole == all);
	assert_true(first > 0 && first < all && second > 0 && second < all);
	assert_true(first + second == all);
	model_fini(&m);
}

/* The heads of every shift of every policy's teams, in order. */
static size_t heads(const model *m, int *out, size_t max)
{
	size_t n = 0;

	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t k = 0; k < m->policy[p].nteams; k++)
			for (size_t i = 0; i < m->policy[p].teams[k].nshifts && n < max; i++)
				out[n++] = m->policy[p].teams[k].shifts[i].agents;
	return n;
}

static void test_model_unchanged(void **state)
{
	(void)state;
	model m, before;
	err e = { 0 };
	int h0[4096], h1[4096];
	staff_result r;

	assert_int_equal(scenario_load(SCEN, NULL, 0, &m, &e), 0);
	memcpy(&before, &m, sizeof(m));
	size_t n0 = heads(&m, h0, 4096);
	run_window w = { true, m.warmup_s, m.horizon_s - 3600 };
	batch_opts bo = { .threads = 2, .reps = 2, .seed = 7, .window = w };

	counted(&m, 2, w);
	assert_int_equal(staff_search(&m, 0, &bo, NULL, NULL, &r, &e), 0);
	staff_result_fini(&r);
	assert_memory_equal(&before, &m, sizeof(m));
	assert_int_equal(heads(&m, h1, 4096), n0);
	assert_memory_equal(h0, h1, n0 * sizeof(int));
	model_fini(&m);
}

static void test_window_span(void **state)
{
	(void)state;
	model m = { .warmup_s = 3600, .horizon_s = 86400 };
	double a, b;

	run_window_span(&m, NULL, &a, &b);
	assert_true(a == 3600 && b == 86400);
	run_window_span(&m, &(run_window){ 0 }, &a, &b);
	assert_true(a == 3600 && b == 86400);
	run_window_span(&m, &(run_window){ true, 0, 1e9 }, &a, &b);
	assert_true(a == 3600 && b == 86400);
	run_window_span(&m, &(run_window){ true, 7200, 10800 }, &a, &b);
	assert_true(a == 7200 && b == 10800);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_counts),
		cmocka_unit_test(test_model_unchanged),
		cmocka_unit_test(test_window_span),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
