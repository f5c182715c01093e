/* staff.h: the cheapest staffing of the sized teams that meets the [staff]
 * goals, for one policy, by simulation.  A loop around batch_run: every
 * candidate staffing runs the same replications on the same tickets (common
 * random numbers), so candidates differ by their staffing only; replications
 * are added in batches until each goal's decision is clear (goals.h).  The
 * search (docs/staff.md): the ceiling first (every sized team at its
 * largest useful head count: a goal it cannot meet stops the search); then
 * grow every team in proportion until the goals are met, binary-search each
 * team's fewest heads, and improve the cost by removing single heads and
 * moving one head between teams until nothing cheaper meets the goals. */
#ifndef SUPSIM_STAFF_H
#define SUPSIM_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "decide/goals.h"
#include "engine/batch.h"
#include "err.h"
#include "model.h"
#include "results/report.h"
#include "run_opts.h"
#include "results/stats.h"

typedef struct staff_result {
	size_t nteams;            /* the policy's teams */
	int *before, *agents;     /* heads per shift: as written, and found */
	int *ceiling_agents;      /* heads of the ceiling staffing */
	double *cost;             /* per team: team.cost x agent-hours on shift
	                             counted (after the warm-up), with `agents` */
	bool *varied;             /* team k was sized ([staff] teams) */
	bool met;                 /* the goals are met with `agents` */
	bool above_ceiling;       /* a goal is not met even at the ceiling: the
	                             search stopped there; agents = before */
	size_t ngoals;            /* the model's goals */
	goal_est goal[SIM_MAX_GOALS];    /* with `agents` */
	goal_est ceiling[SIM_MAX_GOALS]; /* with ceiling_agents */
	char *why[SIM_MAX_GOALS]; /* goals not met at the ceiling: which
	                             contacts arrive when nobody takes them (owned) */
	size_t reps;              /* replications behind `goal` */
	/* with a confidence level: the goals of `agents` on 3 x reps fresh
	 * replications (after every one the search could use); confirmed when
	 * all are met there (the search walks back to a staffing that is) */
	bool confirmed;
	goal_est confirm[SIM_MAX_GOALS];
	size_t confirm_reps;
	/* the cheapest staffing refused only for undecided goals (none: NULL) */
	int *undecided_agents;
	goal_est undecided[SIM_MAX_GOALS];
	double undecided_cost;
	size_t undecided_reps;
	size_t evaluations;       /* staffings simulated */
} staff_result;

void staff_result_fini(staff_result *r); /* accepts a zeroed one */

/* One staffing tried, for progress reports (the pointers live during the
 * call only). */
typedef struct staff_tried {
	size_t p;                 /* the policy */
	const int *agents;        /* heads per team */
	double cost;              /* total */
	const goal_est *goal;     /* m->ngoals */
	size_t reps;
	bool met;
	const char *step;         /* "ceiling", "grow", "trim", "cost" */
} staff_tried;
typedef void (*staff_progress_fn)(void *ctx, const model *m, const staff_tried *t);

/* Search for policy p.  bo gives threads, replications (the first batch),
 * seed, the counting window (the span costs and goals count), stop (its
 * trace must be NULL).  progress (may be NULL) is called
 * after each staffing simulated.  Fills r (caller: staff_result_fini).
 * Returns 0 (r->met, r->above_ceiling tell how it ended), 1 when stopped,
 * or -1 with e set. */
int staff_search(const model *m, size_t p, const batch_opts *bo, staff_progress_fn progress,
		 void *ctx, staff_result *r, err *e);

/* The sentence of goal g's contacts arriving, under policy p, when no team
 * that takes them is on shift, into buf (len bytes); returns that share of
 * the goal's contacts (0 when none; buf then says so).  *late (may be
 * NULL) gets the share of web tickets on calendar-time targets that no team
 * taking them is on shift to answer before the target: missed at any head
 * count, so an attainment goal above 1 - *late is out of reach (a bound
 * from the model alone, in quarter-hour steps).  Counted over the span of
 * window w (NULL: none; run_opts.h).  sim/decide/uncovered.c. */
double staff_uncovered(const model *m, size_t p, const run_window *w, const staff_goal *g,
		       char *buf, size_t len, double *late);

/* The model with every policy's teams at the staffing found (res[p] for
 * policy p): a view of m (which must outlive it) whose policies own their
 * teams.  out->m is what to run; free with staff_model_fini (never
 * model_fini).  0 or -1 with e set. */
typedef struct staff_model {
	model m;
	policy_model *pol;
	size_t npol;
} staff_model;
int staff_model_make(const model *m, const staff_result *res, staff_model *out, err *e);
void staff_model_fini(staff_model *sm); /* accepts a zeroed one */

/* staff.csv (policy,team,agents_before,agents,sized,cost) and
 * staff_goals.csv (policy,priority,goal,attainment,attainment_ci95,met,
 * ceiling,ceiling_ci95) into the report, res[p] for policy p of m (the
 * model as written); t: the reps tallies per policy of the staffing
 * written (the goals of a policy stopped at its ceiling are judged on
 * them).  0 or -1 with e set. */
int staff_write(report *r, const model *m, const staff_result *res, const tally *t,
		size_t reps, err *e);

#endif
