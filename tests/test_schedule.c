/* test_schedule.c: the shift-covering integer program (cover.h) and the
 * schedule's patterns (schedule.h) on the textbook instance with a known
 * optimum (REFERENCES "Second round": Mon-Sun 17 13 15 19 14 16 11, five
 * days in a row -> 23 agents), and a part-time limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "decide/cover.h"
#include "decide/schedule.h"
#include "input/scenario.h"

static const double day_need[7] = { 17, 13, 15, 19, 14, 16, 11 };

/* The bare program: pattern k works days k .. k+4 (cyclic). */
static void textbook_program(void **state)
{
	size_t beg[8];
	int row[35], x[7];
	double val[35], cost[7], obj = 0, gap;

	(void)state;
	for (int k = 0; k < 7; k++) {
		beg[k] = (size_t)k * 5;
		cost[k] = 1;
		for (int i = 0; i < 5; i++) {
			row[k * 5 + i] = (k + i) % 7;
			val[k * 5 + i] = 1;
		}
	}
	beg[7] = 35;
	cover_prob p = { .nrows = 7, .need = day_need, .ncols = 7, .cost = cost,
			 .beg = beg, .row = row, .val = val, .time_limit_s = 30 };
	err e = { 0 };
	assert_int_equal(cover_solve(&p, x, &obj, &gap, &e), 0);
	int sum = 0;
	for (int k = 0; k < 7; k++)
		sum += x[k];
	assert_int_equal(sum, 23);
	assert_true(obj > 22.999 && obj < 23.001);
	for (int d = 0; d < 7; d++) {
		int cov = 0;
		for (int k = 0; k < 7; k++)
			cov += (d - k + 7) % 7 < 5 ? x[k] : 0;
		assert_true(cov >= day_need[d]);
	}
}

/* The plan of tests/overtime/textbook.ini's first policy, one thread, one
 * replication, seed 1. */
static void textbook_plan(model *m, plan *pl, err *e)
{
	batch_opts bo = { .threads = 1, .reps = 1, .seed = 1 };

	assert_int_equal(scenario_load("tests/overtime/textbook.ini", NULL, 0, m, e), 0);
	assert_int_equal(plan_init(pl, m, 0, &bo, e), 0);
}

/* Through schedule: [shifts office] in tests/overtime/textbook.ini (24 h
 * shifts at midnight, 5 on, 2 off), the needs hour by hour. */
static void textbook_schedule(void **state)
{
	model m;
	plan pl;
	schedule_result r = { 0 };
	err e = { 0 };
	bool bad = true;
	int req[168];

	(void)state;
	textbook_plan(&m, &pl, &e);
	assert_int_equal(pl.nhours, 168);
	for (int h = 0; h < 168; h++)
		req[h] = (int)day_need[h / 24];
	assert_int_equal(schedule_run(&pl, req, 0, 30, &r, &bad, &e), 0);
	assert_false(bad);
	int heads = 0;
	for (size_t i = 0; i < r.npat; i++)
		heads += r.pat[i].heads;
	assert_int_equal(heads, 23);
	assert_true(r.ip_cost > 23 * 120 - 1e-6 && r.ip_cost < 23 * 120 + 1e-6);
	for (int h = 0; h < 168; h++)
		assert_true(r.scheduled[h] >= req[h] - 1e-9);
	schedule_result_fini(&r);
	plan_fini(&pl);
	model_fini(&m);
}

/* The repair loop: with a requirement of one head an hour the office (10
 * contacts an hour, 20 min each) misses its goal; simulating and adding
 * the cheapest pattern over the worst hours meets it within the bound. */
static void repair(void **state)
{
	model m;
	plan pl;
	schedule_result r = { 0 };
	err e = { 0 };
	bool bad = true;
	int req[168];

	(void)state;
	textbook_plan(&m, &pl, &e);
	for (int h = 0; h < 168; h++)
		req[h] = 1;
	assert_int_equal(schedule_run(&pl, req, 30, 30, &r, &bad, &e), 0);
	assert_true(r.rounds > 1);
	assert_true(r.added > 0);
	assert_true(r.goals_met);
	assert_true(r.goal[0].est.mean >= 0.8);
	assert_true(r.cost > r.ip_cost);
	schedule_result_fini(&r);
	plan_fini(&pl);
	model_fini(&m);
}

/* At most a share of heads on part-time patterns: two halves of a day need
 * 10 heads each; a full day costs 8, a half 3.  Free, 10 + 10 halves (60);
 * with at most half the heads part-time (h1 + h2 <= f, f + h >= 10 per
 * half) the optimum is f = 7, h1 = h2 = 3: 56 + 18 = 74. */
static void part_time_share(void **state)
{
	double need[2] = { 10, 10 }, cost[3] = { 8, 3, 3 }, val[4] = { 1, 1, 1, 1 }, obj, gap;
	size_t beg[4] = { 0, 2, 3, 4 };
	int row[4] = { 0, 1, 0, 1 }, x[3], group[3] = { 0, 0, 0 };
	bool part[3] = { false, true, true };
	double share = 0.5;
	err e = { 0 };

	(void)state;
	cover_prob p = { .nrows = 2, .need = need, .ncols = 3, .cost = cost, .beg = beg,
			 .row = row, .val = val, .part = part, .group = group, .ngroups = 1,
			 .share = &share };
	assert_int_equal(cover_solve(&p, x, &obj, &gap, &e), 0);
	assert_int_equal(x[0], 7);
	assert_int_equal(x[1], 3);
	assert_int_equal(x[2], 3);
	assert_true(obj > 73.999 && obj < 74.001);
}

/* An infeasible program is an error in GLPK's words, not a crash. */
static void infeasible(void **state)
{
	double need[1] = { 1 }, cost[1] = { 1 }, val[1] = { 1 }, obj, gap;
	size_t beg[2] = { 0, 1 };
	int row[1] = { 0 }, x[1], group[1] = { 0 };
	bool part[1] = { true };
	double share = 0;
	err e = { 0 };

	(void)state;
	cover_prob p = { .nrows = 1, .need = need, .ncols = 1, .cost = cost, .beg = beg,
			 .row = row, .val = val, .part = part, .group = group, .ngroups = 1,
			 .share = &share };
	assert_int_equal(cover_solve(&p, x, &obj, &gap, &e), -1);
	assert_non_null(strstr(e.msg, "integer program failed: "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(textbook_program),
		cmocka_unit_test(textbook_schedule),
		cmocka_unit_test(repair),
		cmocka_unit_test(part_time_share),
		cmocka_unit_test(infeasible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
