/* goals.c: the goal judgement of goals.h.  A replication's share is a
 * ratio of its own counts (as summary.csv's attainment, whose mean over the
 * replications this is: met over met, missed and the abandonments the
 * scenario's `abandoned` rule counts as missed, each contact against its
 * tier, priority and channel target), so replications are independent
 * values and the Student-t interval applies. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "mem.h"
#include "decide/goals.h"

static int sel(int want, size_t i)
{
	return want < 0 || (size_t)want == i;
}

/* Counts of the goal's cells in one tally: the share's numerator and
 * denominator, and the contacts counted (not deflected). */
static void cells(const staff_goal *g, const tally *t, double *num, double *den, double *n)
{
	*num = *den = *n = 0;
	for (size_t ti = 0; ti < t->ntiers; ti++)
		for (size_t pi = 0; pi < t->nprio; pi++)
			for (size_t ch = 0; ch < CH_SELF; ch++) {
				bool live = ch == CH_PHONE || ch == CH_CHAT;
				if (!sel(g->tier, ti) || !sel(g->prio, pi) || !sel(g->ch, ch) ||
				    (g->kind == GOAL_ABANDON && !live))
					continue;
				size_t c = tally_cell(t, ti, pi, ch);
				double in = (double)(t->arrived[c] - t->deflected[c]);
				*n += in;
				if (g->kind == GOAL_ATTAIN) { /* as summary.csv's attainment */
					*num += (double)t->met[c];
					*den += (double)(t->met[c] + t->missed[c] +
							 tally_abandons_missed(t->abandon, t->abandoned[c],
									       t->abandoned_in_target[c]));
				} else {
					*num += (double)t->abandoned[c];
					*den += in;
				}
			}
}

void goals_values(const staff_goal *g, const tally *t, size_t reps, double *vals,
		  double *arrived)
{
	for (size_t r = 0; r < reps; r++) {
		double num, den, n;
		cells(g, &t[r], &num, &den, &n);
		vals[r] = stats_ratio(num, den);
		*arrived += n;
	}
}

goal_est goals_judge(const staff_goal *g, double confidence, const double *vals, size_t n,
		     double arrived)
{
	goal_est out = { .est = stats_mean_ci95(vals, n), .half = NAN };
	const stats_ci *e = &out.est;
	double level = confidence > 0 ? confidence : 0.95;
	int up = g->kind == GOAL_ATTAIN; /* higher is better */

	out.arrived = n ? arrived / (double)n : 0;
	if (e->n >= 2)
		out.half = e->sd / sqrt((double)e->n) *
			   gsl_cdf_tdist_Pinv(0.5 + level / 2, (double)(e->n - 1));
	if (arrived == 0) {
		out.decision = GOAL_EMPTY;
		return out;
	}
	if (e->n == 0) { /* contacts, none answered: nothing met */
		out.decision = up ? GOAL_MISSED : GOAL_UNDECIDED;
		return out;
	}
	double lo = e->mean - out.half, hi = e->mean + out.half;
	if (confidence <= 0) {
		out.decision = (up ? e->mean >= g->share : e->mean <= g->share) ? GOAL_MET : GOAL_MISSED;
		return out;
	}
	if (e->n < 2 || isnan(out.half)) {
		out.decision = GOAL_UNDECIDED;
		return out;
	}
	if (up)
		out.decision = lo >= g->share ? GOAL_MET : hi < g->share ? GOAL_MISSED : GOAL_UNDECIDED;
	else
		out.decision = hi <= g->share ? GOAL_MET : lo > g->share ? GOAL_MISSED : GOAL_UNDECIDED;
	return out;
}

int goals_eval(const model *m, const tally *t, size_t reps, goal_est *out)
{
	double *vals = mem_alloc((reps ? reps : 1) * sizeof(*vals));

	if (!vals)
		return -1;
	for (size_t i = 0; i < m->ngoals; i++) {
		double arrived = 0;
		goals_values(&m->goals[i], t, reps, vals, &arrived);
		out[i] = goals_judge(&m->goals[i], m->staff_confidence, vals, reps, arrived);
	}
	free(vals);
	return 0;
}
