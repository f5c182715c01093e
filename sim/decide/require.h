/* require.h: hourly requirements by the iterative staffing algorithm
 * (Feldman, Mandelbaum, Massey, Whitt 2008; docs/staff.md "require").
 * Per pool of sized teams (plan.h) and hour: start from the hourly Erlang
 * C/A answer for the hour's expected arrivals; simulate every replication
 * with those heads; set each hour's heads to what its simulated load
 * needs: the arrival rate that, under the same Erlang model with the hour's
 * current heads, gives the attainment simulated in the hour (the hour's
 * effective load, which carries the backlog and the lag of a time-varying
 * rate), then the fewest heads that meet every goal at that load; repeat
 * (a priority whose target is longer than an hour is measured over the
 * hours within its target, up to a day, whose tickets wait together);
 * until no hour changes, or max_iter simulations.  When the only changes
 * left send hours back to their values of the simulation before (a
 * two-cycle, the noise at the margin of one head), those hours keep the
 * larger value, which is simulated once more, and the search stops. */
#ifndef SUPSIM_REQUIRE_H
#define SUPSIM_REQUIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "decide/plan.h"
#include "err.h"

typedef struct require_result {
	size_t npools, nhours;
	int *heads;       /* [npools * nhours] the requirement */
	int *erlang;      /* [npools * nhours] the hourly Erlang answer it started from */
	double *attain;   /* [npools * nhours] simulated attainment with heads
	                     (goal priorities pooled); NAN when no ticket counted */
	size_t iterations;/* simulations run */
	bool converged;   /* the last one changed no hour */
	bool cycled;      /* stopped on a two-cycle: the hours that went back
	                     and forth kept the larger value (one more simulation) */
	size_t changed;   /* hours the last update changed (0 when converged) */
	bool goals_met;   /* every [staff] goal, as `staff` judges it */
	goal_est goal[SIM_MAX_GOALS];
} require_result;

void require_result_fini(require_result *r); /* accepts a zeroed one */

/* Run the algorithm on pl (set up by plan_init); on return pl's teams hold
 * the requirement and its last simulation.  0, 1 when stopped, -1 with e. */
int require_run(plan *pl, int max_iter, require_result *r, err *e);

/* Team k's (policy index) share at hour h of its pool's heads of[npools *
 * nhours] (plan_split): of = the requirement or the Erlang answer; 0 for a
 * team not sized. */
int require_team_heads(const plan *pl, const int *of, size_t k, size_t h);

#endif
