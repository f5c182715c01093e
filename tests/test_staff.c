/* test_staff.c: supsim staff's search (sim/decide/staff.h).
 * - the cheapest split: on tests/staff/cost2.ini (two teams on the same
 *   hours, one twice the cost, the cheap one listed first so the
 *   team-by-team trim alone ends dearer), the answer's cost is the least
 *   cost of every staffing of a grid (0..max_agents per team) that meets
 *   the goals on the same replications;
 * - [staff] goals of every kind, confidence, max_replications, team.cost
 *   load into the model;
 * - goals_judge decides by the interval: met above, missed below,
 *   undecided across, and by the mean with confidence 0.
 * Runs from the repository root. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decide/goals.h"
#include "decide/staff.h"
#include "input/scenario.h"

/* Total cost, contacts deflected and goals met of staffing (a, b) of
 * policy 0, on m's replications (confidence = mean: no batches added). */
static bool grid_point(const model *m, int a, int b, double *cost, double *deflected)
{
	staff_result res = { 0 };
	staff_model sm = { 0 };
	bool varied[2] = { true, true };
	int agents[2] = { a, b };
	double c[2] = { 0, 0 };
	size_t reps = (size_t)m->replications;
	tally *t = calloc(reps, sizeof(*t));
	batch_opts bo = { .threads = 1, .reps = m->replications, .seed = m->seed };
	goal_est g[SIM_MAX_GOALS];
	err e = { 0 };

	res.nteams = 2;
	res.agents = agents;
	res.varied = varied;
	res.cost = c;
	assert_int_equal(staff_model_make(m, &res, &sm, &e), 0);
	for (size_t r = 0; r < reps; r++)
		assert_int_equal(tally_init(&t[r], &sm.m, 0), 0);
	assert_int_equal(batch_run(&sm.m, &bo, t, &e), 0);
	assert_int_equal(goals_eval(&sm.m, t, reps, g), 0);
	bool ok = true;
	for (size_t i = 0; i < m->ngoals; i++)
		ok = ok && goals_ok(g[i].decision);
	*cost = *deflected = 0;
	for (size_t r = 0; r < reps; r++)
		for (size_t i = 0; i < t[r].ncells; i++)
			*deflected += (double)t[r].deflected[i] / (double)reps;
	for (size_t k = 0; k < 2; k++) {
		const team_model *tm = &sm.m.policy[0].teams[k];
		for (size_t i = 0; i < tm->nshifts; i++)
			*cost += tm->cost * tm->shifts[i].agents *
				 (fmin(tm->shifts[i].end, m->horizon_s) -
				  fmax(tm->shifts[i].start, m->warmup_s)) / 3600;
	}
	for (size_t r = 0; r < reps; r++)
		tally_fini(&t[r]);
	free(t);
	staff_model_fini(&sm);
	return ok;
}

static void test_cheapest_split(void **state)
{
	(void)state;
	model m;
	err e = { 0 };
	staff_result r;
	batch_opts bo = { .threads = 1, .reps = 0, .seed = 0 };

	assert_int_equal(scenario_load("tests/staff/cost2.ini", NULL, 0, &m, &e), 0);
	bo.reps = m.replications;
	bo.seed = m.seed;
	assert_int_equal(staff_search(&m, 0, &bo, NULL, NULL, &r, &e), 0);
	assert_true(r.met);
	double found = r.cost[0] + r.cost[1], best = INFINITY, c, d, d0;
	int ba = -1, bb = -1;
	/* staff refuses a staffing deflecting more than the one as written */
	grid_point(&m, m.policy[0].teams[0].agents, m.policy[0].teams[1].agents, &c, &d0);
	for (int a = 0; a <= m.staff_max_agents; a++)
		for (int b = 0; b <= m.staff_max_agents; b++) {
			if (grid_point(&m, a, b, &c, &d) && d <= d0 && c < best) {
				best = c;
				ba = a;
				bb = b;
			}
		}
	print_message("found cheap=%d dear=%d cost %g; grid minimum cheap=%d dear=%d cost %g\n",
		      r.agents[0], r.agents[1], found, ba, bb, best);
	assert_true(fabs(found - best) <= 1e-9 * best);
	staff_result_fini(&r);
	model_fini(&m);
}

/* Goals of every kind resolve to their cells, in the order written. */
static void test_goal_kinds(void **state)
{
	(void)state;
	const char *sets[] = {
		"staff.goal=P1:0.9 Pro.P2:0.8 phone:0.85 abandon<=0.05 phone.abandon<=0.1",
		"staff.confidence=0.9", "staff.max_replications=50", "team.day.cost=2.5",
	};
	model m;
	err e = { 0 };

	assert_int_equal(scenario_load("tests/staff/two-teams.ini", sets, 4, &m, &e), 0);
	assert_int_equal(m.ngoals, 5);
	const staff_goal *g = m.goals;
	assert_true(g[0].kind == GOAL_ATTAIN && g[0].tier < 0 && g[0].prio == 0 && g[0].ch < 0);
	assert_true(g[1].kind == GOAL_ATTAIN && g[1].tier == 0 && g[1].prio == 1 && g[1].ch < 0);
	assert_true(g[2].kind == GOAL_ATTAIN && g[2].prio < 0 && g[2].ch == CH_PHONE);
	assert_true(g[3].kind == GOAL_ABANDON && g[3].ch < 0 && g[3].share == 0.05);
	assert_true(g[4].kind == GOAL_ABANDON && g[4].ch == CH_PHONE);
	assert_string_equal(g[1].label, "Pro.P2");
	assert_true(m.goal[0] == 0.9 && isnan(m.goal[1])); /* PRIORITY:SHARE only */
	assert_true(m.staff_confidence == 0.9 && m.staff_max_reps == 50);
	assert_true(m.team[0].cost == 2.5 && m.team[1].cost == 1);
	model_fini(&m);
}

static void test_judge(void **state)
{
	(void)state;
	staff_goal up = { .kind = GOAL_ATTAIN, .tier = -1, .prio = 0, .ch = -1, .share = 0.8 };
	staff_goal down = { .kind = GOAL_ABANDON, .tier = -1, .prio = -1, .ch = -1, .share = 0.05 };
	double hi[] = { 0.85, 0.86, 0.84, 0.85 }, mid[] = { 0.78, 0.83, 0.79, 0.82 };
	double lo[] = { 0.02, 0.03, 0.02, 0.03 };

	assert_int_equal(goals_judge(&up, 0.95, hi, 4, 100).decision, GOAL_MET);
	assert_int_equal(goals_judge(&up, 0.95, mid, 4, 100).decision, GOAL_UNDECIDED);
	assert_int_equal(goals_judge(&up, 0, mid, 4, 100).decision, GOAL_MET); /* mean 0.805 */
	assert_int_equal(goals_judge(&up, 0.95, lo, 4, 100).decision, GOAL_MISSED);
	assert_int_equal(goals_judge(&down, 0.95, lo, 4, 100).decision, GOAL_MET);
	assert_int_equal(goals_judge(&down, 0.95, hi, 4, 100).decision, GOAL_MISSED);
	assert_int_equal(goals_judge(&up, 0.95, hi, 4, 0).decision, GOAL_EMPTY);
	/* t(0.975, 3) = 3.182: the half-width at 0.95 */
	goal_est g = goals_judge(&up, 0.95, mid, 4, 100);
	assert_true(fabs(g.half - 3.182446 * g.est.sd / 2) < 1e-5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_goal_kinds),
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_cheapest_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
