/* aggregate.c: the tallies of a policy's replications summed over the
 * cells of a selection (replication order, fixed summation order: the bytes
 * depend on the inputs only), and the figures of summary.csv's rows. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "results/aggregate.h"

static int in_sel(int sel, size_t i)
{
	return sel < 0 || (size_t)sel == i;
}

/* Add the cells of t matching pt into a; returns this replication's
 * met and the missed side of its attainment through *met, *missed: missed
 * plus the abandonments t->abandon counts as missed. */
static void add_cells(report_agg *a, const tally *t, report_sel pt, uint64_t *met, uint64_t *missed)
{
	/* only the matching cells, in the same order: a row of one tier costs
	 * its own cells, not every tier's */
	size_t t0 = pt.tier < 0 ? 0 : (size_t)pt.tier, t1 = pt.tier < 0 ? t->ntiers : t0 + 1;

	for (size_t ti = t0; ti < t1; ti++)
		for (size_t pi = 0; pi < t->nprio; pi++)
			for (size_t ch = 0; ch < SIM_NCH; ch++) {
				if (!in_sel(pt.prio, pi) || !in_sel(pt.ch, ch))
					continue;
				size_t c = tally_cell(t, ti, pi, ch);
				a->arrived += t->arrived[c];
				a->deflected += t->deflected[c];
				a->abandoned += t->abandoned[c];
				a->abandoned_in_target += t->abandoned_in_target[c];
				a->missed += t->missed[c];
				a->censored += t->censored[c];
				a->answered += t->answered[c];
				a->wait_sum_s += t->wait_sum_s[c];
				*met += t->met[c];
				*missed += t->missed[c] +
					   tally_abandons_missed(t->abandon, t->abandoned[c],
								 t->abandoned_in_target[c]);
				const uint32_t *h = t->hist + c * TALLY_HIST_BUCKETS;
				for (size_t k = 0; k < TALLY_HIST_BUCKETS; k++)
					a->hist[k] += h[k];
			}
}

void report_aggregate(report_agg *a, const tally *t, size_t reps, report_sel pt)
{
	a->arrived = a->deflected = a->abandoned = a->met = a->missed = 0;
	a->censored = a->answered = a->abandoned_in_target = 0;
	a->wait_sum_s = 0;
	memset(a->hist, 0, TALLY_HIST_BUCKETS * sizeof(*a->hist));
	for (size_t r = 0; r < reps; r++) {
		uint64_t met = 0, missed = 0;
		add_cells(a, &t[r], pt, &met, &missed);
		a->met += met;
		a->attain[r] = stats_ratio((double)met, (double)(met + missed));
	}
}

/* The figures of a sum over reps replications. */
void report_agg_figures(const report_agg *a, size_t reps, report_figs *f)
{
	double n = (double)reps;

	f->arrived = (double)a->arrived / n;
	f->deflected = (double)a->deflected / n;
	f->abandoned = (double)a->abandoned / n;
	f->met = (double)a->met / n;
	f->missed = (double)a->missed / n;
	f->censored = (double)a->censored / n;
	f->answered = (double)a->answered / n;
	f->attain = stats_mean_ci95(a->attain, reps);
	f->wait_mean_s = stats_ratio(a->wait_sum_s, (double)a->answered);
	f->wait_p50_s = tally_hist_quantile(a->hist, 0.50);
	f->wait_p90_s = tally_hist_quantile(a->hist, 0.90);
	f->wait_p99_s = tally_hist_quantile(a->hist, 0.99);
	f->abandon_share = stats_ratio((double)a->abandoned, (double)(a->arrived - a->deflected));
	f->abandoned_in_target = (double)a->abandoned_in_target / n;
	f->deflected_share = stats_ratio((double)a->deflected, (double)a->arrived);
}

int report_attainments(const tally *t, size_t reps, int tier, int prio, int ch, double *att)
{
	report_agg a = { 0 };
	report_sel pt = { tier, prio, ch };

	a.attain = att;
	a.hist = mem_calloc(TALLY_HIST_BUCKETS, sizeof(*a.hist));
	if (!a.hist)
		return -1;
	report_aggregate(&a, t, reps, pt);
	free(a.hist);
	return 0;
}

int report_figures(const tally *t, size_t reps, int tier, int prio, int ch, report_figs *out)
{
	report_agg a = { 0 };
	report_sel pt = { tier, prio, ch };
	int rc = -1;

	a.attain = mem_calloc(reps ? reps : 1, sizeof(*a.attain));
	a.hist = mem_calloc(TALLY_HIST_BUCKETS, sizeof(*a.hist));
	if (a.attain && a.hist) {
		report_aggregate(&a, t, reps, pt);
		report_agg_figures(&a, reps, out);
		rc = 0;
	}
	free(a.attain);
	free(a.hist);
	return rc;
}

int report_rep_figures(const tally *t, size_t reps, int tier, int prio, int ch,
		       report_figs *out)
{
	for (size_t r = 0; r < reps; r++)
		if (report_figures(t + r, 1, tier, prio, ch, &out[r]))
			return -1;
	return 0;
}
