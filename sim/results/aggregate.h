/* aggregate.h: a policy's tallies summed over a selection of cells, and the
 * figures of summary.csv's rows (aggregate.c). */
#ifndef SUPSIM_AGGREGATE_H
#define SUPSIM_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/tally.h"
#include "results/stats.h"

/* The figures of one summary.csv row: policy p's replications t[0..reps)
 * over the cells matching tier, prio, ch (an index, or -1 for all).
 * Counts are means per replication; attain is the mean of the
 * per-replication attainments with its 95% interval; waits are seconds over
 * answered tickets (NAN when undefined).  0, or -1 on ENOMEM. */
typedef struct report_figs {
	double arrived, deflected, abandoned, met, missed, censored, answered;
	stats_ci attain;
	double wait_mean_s, wait_p50_s, wait_p90_s, wait_p99_s;
	double abandon_share;       /* abandoned / (arrived - deflected) */
	double abandoned_in_target; /* abandonments within the target */
	double deflected_share;     /* deflected / arrived */
} report_figs;
int report_figures(const tally *t, size_t reps, int tier, int prio, int ch, report_figs *out);
/* The figures of each replication r alone into out[r] (reps of them), for
 * paired differences; 0, or -1 on ENOMEM. */
int report_rep_figures(const tally *t, size_t reps, int tier, int prio, int ch,
		       report_figs *out);
/* The per-replication attainments met / (met + missed + the abandonments
 * [scenario] abandoned counts as missed) of the same cells
 * into att[0..reps) (NAN where undefined); 0, or -1 on ENOMEM. */
int report_attainments(const tally *t, size_t reps, int tier, int prio, int ch, double *att);

/* A selection of cells: each of tier, prio, ch is an index or -1 for "all". */
typedef struct report_sel {
	int tier, prio, ch;
} report_sel;

/* Totals of one selection over the replications of one policy. */
typedef struct report_agg {
	uint64_t arrived, deflected, abandoned, met, missed, censored, answered;
	uint64_t abandoned_in_target;
	double wait_sum_s;
	double *attain;  /* [reps]: per-replication met / (met + missed) */
	uint64_t *hist;  /* pooled histogram */
} report_agg;

/* Sum the cells of pt over t[0..reps) into a (a->attain, a->hist: the
 * caller's arrays); the figures of such a sum. */
void report_aggregate(report_agg *a, const tally *t, size_t reps, report_sel pt);
void report_agg_figures(const report_agg *a, size_t reps, report_figs *f);

#endif
