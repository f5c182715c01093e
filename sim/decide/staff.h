/* staff.h: the fewest agents per team that meet the [staff] goals (share
 * of tickets met per priority), for one policy, by simulation.  A loop
 * around batch_run: every candidate staffing runs the same replications on
 * the same tickets (common random numbers), so candidates differ by their
 * staffing only.  The search (docs/staff.md): grow every team in
 * proportion until the goals are met, then, team by team, binary-search the
 * fewest heads that keep them met, and repeat until no team can lose one.
 * "Met" means the mean attainment over the replications reaches the goal for
 * every priority that has one and has tickets. */
#ifndef SUPSIM_STAFF_H
#define SUPSIM_STAFF_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/batch.h"
#include "err.h"
#include "model.h"
#include "results/report.h"
#include "results/stats.h"

typedef struct staff_result {
	size_t nteams;            /* the policy's teams */
	int *before, *agents;     /* heads per shift: as written, and found */
	bool *varied;             /* team k was sized ([staff] teams) */
	bool met;                 /* the goals are met with `agents` */
	stats_ci attain[SIM_MAX_PRIO]; /* per priority, with `agents` */
	size_t evaluations;       /* staffings simulated */
} staff_result;

void staff_result_fini(staff_result *r); /* accepts a zeroed one */

/* Search for policy p.  bo gives threads, replications, seed, stop (its
 * trace must be NULL).  Fills r (caller: staff_result_fini).  Returns 0
 * (r->met tells whether the goals could be met within max_agents), 1 when
 * stopped, or -1 with e set. */
int staff_search(const model *m, size_t p, const batch_opts *bo, staff_result *r, err *e);

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

/* staff.csv (policy,team,agents_before,agents,sized) and staff_goals.csv
 * (policy,priority,goal,attainment,attainment_ci95,met) into the report,
 * res[p] for policy p of m (the model as written); 0 or -1 with e set. */
int staff_write(report *r, const model *m, const staff_result *res, err *e);

#endif
