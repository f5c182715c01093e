/* staffplan.h: `supsim staff --by week|day` (docs/staff.md): a staffing
 * plan over the horizon, period by period in time order.  Each period's
 * heads per sized team are the fewest that meet every [staff] goal (judged
 * by goals.h, as `staff` judges them) on the tickets arriving in that
 * period, with the earlier periods fixed at what they got (the backlog they
 * leave carries over) and the later ones at the candidate's heads.  The
 * sized teams keep their proportions as written: a level n gives the
 * largest of them n heads and the others theirs in proportion (at least
 * one); per period the lowest level that meets the goals, found by
 * doubling from the previous period's level, then a binary search.  A
 * team's shifts as written are scaled per period (heads x n / agents as
 * written, rounded); the warm-up takes the first period's heads. */
#ifndef SUPSIM_STAFFPLAN_H
#define SUPSIM_STAFFPLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "decide/goals.h"
#include "engine/batch.h"
#include "err.h"
#include "model.h"

typedef struct staffplan {
	size_t nperiods, nteams, ngoals;
	double *bound;      /* [nperiods + 1] period starts, then the horizon */
	int *heads;         /* [nperiods * nteams] heads per shift */
	bool *sized;        /* [nteams] */
	goal_est *goal;     /* [nperiods * ngoals] with the plan */
	bool *met;          /* [nperiods] every goal met */
	size_t evaluations; /* staffings simulated */
} staffplan;

void staffplan_fini(staffplan *r); /* accepts a zeroed one */

/* Plan policy p of m in periods of period_s seconds from the end of the
 * warm-up.  bo: threads, reps, seed, stop (no trace).  0, 1 when stopped,
 * -1 with e set. */
int staffplan_search(const model *m, size_t p, const batch_opts *bo, double period_s,
		     staffplan *r, err *e);

/* Team k's shifts under the plan (unsized teams: as written) into *out
 * (malloc'ed, sorted, may overlap as the written ones do); 0 or -1. */
int staffplan_shifts(const model *m, size_t p, const staffplan *r, size_t k, shift_iv **out,
		     size_t *n);

#endif
