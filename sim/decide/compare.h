/* compare.h: every policy against the first on the same random tickets
 * (SPEC §4 compare.csv): attainment per policy, tier and priority (each
 * also `all`), and its paired difference to the first policy with a 95%
 * interval across replications.  Because all policies of a replication see
 * the same tickets (common random numbers), the paired interval measures
 * the policy, not the luck of the draw: a policy against itself gives
 * 0 +- 0. */
#ifndef SUPSIM_COMPARE_H
#define SUPSIM_COMPARE_H

#include <stddef.h>

#include "engine/tally.h"
#include "err.h"
#include "model.h"
#include "results/report.h"
#include "results/stats.h"

typedef struct compare_row {
	stats_ci attain; /* this policy's attainment across replications */
	stats_ci diff;   /* paired difference to policy 0 (0 +- 0 for policy 0) */
	/* The scorecard beside attainment (docs/results.md): per replication
	 * abandoned / (arrived - deflected), deflected / arrived, the mean wait
	 * of answered contacts (s), and the policy's paid agent-hours (every
	 * team's scheduled heads x time, before shrinkage, plus overtime; the
	 * same on every row of a policy); each with its paired difference. */
	stats_ci abandon, abandon_diff;
	stats_ci deflected, deflected_diff;
	stats_ci wait_s, wait_diff_s;
	stats_ci paid_h, paid_diff_h;
} compare_row;

/* Does the row raise attainment while abandoning or deflecting a larger
 * share than policy 0 (point estimates)?  compare says so in plain words. */
static inline int compare_costly_gain(const compare_row *r)
{
	return r->diff.mean > 0 && (r->abandon_diff.mean > 0 || r->deflected_diff.mean > 0);
}

/* One row: policy p, tier and prio (index or -1 for all), all channels.
 * t holds npolicies * reps tallies (t[p * reps + r]).  0, or -1 on ENOMEM. */
int compare_row_of(const model *m, const tally *t, size_t reps, size_t p, int tier, int prio,
		   compare_row *out);

/* Paid agent-hours of each replication of the tallies t[0..reps) into
 * out[0..reps). */
void compare_paid_hours(const tally *t, size_t reps, double *out);

/* Write compare.csv into the report: policy,tier,priority,attainment,
 * attainment_ci95,diff,diff_ci95 (+ pairs and the scorecard), rows of every policy for `all`
 * and every tier x `all` and every priority; 0 or -1 with e set. */
int compare_write(report *r, const model *m, const tally *t, size_t reps, err *e);

#endif
