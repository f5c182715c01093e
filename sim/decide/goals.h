/* goals.h: the [staff] goals of a model judged on the tallies of one
 * policy's replications: per goal, the mean over the replications of the
 * per-replication share (attainment as summary.csv's: met / (met + missed +
 * the abandonments [scenario] abandoned counts as missed), or abandoned /
 * (arrived - deflected) on the live channels), its interval at the model's
 * confidence level, and the decision: met when the whole interval is on the
 * right side of the goal, missed when it is on the wrong side, undecided
 * otherwise (more replications can tell).  With `confidence = mean` the
 * mean alone decides (never undecided).  Used by staff's search; a caller
 * judging a window of time runs the model with that window set. */
#ifndef SUPSIM_GOALS_H
#define SUPSIM_GOALS_H

#include <stddef.h>

#include "engine/tally.h"
#include "model.h"
#include "results/stats.h"

typedef enum goal_decision {
	GOAL_UNDECIDED = 0,
	GOAL_MET,
	GOAL_MISSED,
	GOAL_EMPTY, /* no contact of the goal's cells: nothing to judge (met) */
} goal_decision;

typedef struct goal_est {
	stats_ci est;   /* over the replications; est.half is the 95 % half-width */
	double half;    /* half-width at the model's confidence level (0.95 with
	                   `mean`); NAN when fewer than 2 values */
	double arrived; /* contacts of the goal's cells per replication, not deflected */
	goal_decision decision;
} goal_est;

/* Per-replication values of goal g in t[0..reps) into vals[0..reps) (NAN
 * where undefined: no contact answered or missed, no live contact); adds
 * the contacts counted (not deflected) to *arrived. */
void goals_values(const staff_goal *g, const tally *t, size_t reps, double *vals,
		  double *arrived);

/* The estimate and decision of goal g from its values vals[0..n) and the
 * contacts counted in them (total over the n replications); confidence in
 * (0.5, 1), or 0 for the mean rule. */
goal_est goals_judge(const staff_goal *g, double confidence, const double *vals, size_t n,
		     double arrived);

/* Every goal of m (m->ngoals) on the tallies t[0..reps) of one policy into
 * out[0..m->ngoals); 0, or -1 when out of memory. */
int goals_eval(const model *m, const tally *t, size_t reps, goal_est *out);

/* Whether a decision counts as met (GOAL_MET or GOAL_EMPTY). */
static inline int goals_ok(goal_decision d)
{
	return d == GOAL_MET || d == GOAL_EMPTY;
}

#endif
