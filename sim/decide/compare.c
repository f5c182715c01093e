/* compare.c: paired differences of attainment between policies, built on
 * the per-replication attainments of the tallies (report_attainments) and
 * stats_paired_ci95; compare.csv through the report's CSV writer. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/compare.h"

void compare_paid_hours(const tally *t, size_t reps, double *out)
{
	for (size_t r = 0; r < reps; r++) {
		out[r] = 0;
		for (size_t k = 0; k < t[r].nteams; k++)
			out[r] += (t[r].onshift_s[k] + t[r].overtime_s[k]) / 3600;
	}
}

/* One figure of the scorecard: this policy's values y and the base's x. */
static void score(const double *x, const double *y, size_t reps, stats_ci *mean,
		  stats_ci *diff)
{
	*mean = stats_mean_ci95(y, reps);
	*diff = stats_paired_ci95(x, y, reps);
}

/* The scorecard figures of rows base and mine (reps each). */
static void scorecard(const report_figs *base, const report_figs *mine, size_t reps,
		      double *x, double *y, compare_row *out)
{
	for (size_t r = 0; r < reps; r++) {
		x[r] = base[r].abandon_share;
		y[r] = mine[r].abandon_share;
	}
	score(x, y, reps, &out->abandon, &out->abandon_diff);
	for (size_t r = 0; r < reps; r++) {
		x[r] = base[r].deflected_share;
		y[r] = mine[r].deflected_share;
	}
	score(x, y, reps, &out->deflected, &out->deflected_diff);
	for (size_t r = 0; r < reps; r++) {
		x[r] = base[r].wait_mean_s;
		y[r] = mine[r].wait_mean_s;
	}
	score(x, y, reps, &out->wait_s, &out->wait_diff_s);
}

int compare_row_of(const model *m, const tally *t, size_t reps, size_t p, int tier, int prio,
		   compare_row *out)
{
	double *base = mem_calloc(reps, sizeof(*base)), *mine = mem_calloc(reps, sizeof(*mine));
	report_figs *fb = mem_calloc(reps, sizeof(*fb)), *fm = mem_calloc(reps, sizeof(*fm));
	int rc = -1;

	(void)m;
	if (base && mine && fb && fm && !report_attainments(t, reps, tier, prio, -1, base) &&
	    !report_attainments(t + p * reps, reps, tier, prio, -1, mine) &&
	    !report_rep_figures(t, reps, tier, prio, -1, fb) &&
	    !report_rep_figures(t + p * reps, reps, tier, prio, -1, fm)) {
		out->attain = stats_mean_ci95(mine, reps);
		out->diff = stats_paired_ci95(base, mine, reps);
		scorecard(fb, fm, reps, base, mine, out);
		compare_paid_hours(t, reps, base);
		compare_paid_hours(t + p * reps, reps, mine);
		score(base, mine, reps, &out->paid_h, &out->paid_diff_h);
		rc = 0;
	}
	free(base);
	free(mine);
	free(fb);
	free(fm);
	return rc;
}

static const char *const compare_head[] = {
	"policy", "tier", "priority", "attainment", "attainment_ci95", "diff", "diff_ci95",
	"pairs", "abandon_share", "abandon_diff", "abandon_diff_ci95", "deflected_share",
	"deflected_diff", "deflected_diff_ci95", "wait_mean_s", "wait_diff_s",
	"wait_diff_ci95_s", "paid_hours", "paid_hours_diff",
};
#define COMPARE_NCOLS (sizeof(compare_head) / sizeof(compare_head[0]))

static int write_row(report_csv *f, const model *m, const tally *t, size_t reps, size_t p,
		     int tier, int prio, err *e)
{
	char num[COMPARE_NCOLS][REPORT_NUM_MAX];
	const char *fld[COMPARE_NCOLS];
	compare_row row;

	if (compare_row_of(m, t, reps, p, tier, prio, &row))
		return err_set(e, "compare.csv", 0, "%s", strerror(ENOMEM));
	fld[0] = m->policy[p].name;
	fld[1] = tier < 0 ? "all" : m->tier_name[tier];
	fld[2] = prio < 0 ? "all" : m->prio_name[prio];
	fld[3] = report_fmt_share(num[3], row.attain.mean);
	fld[4] = report_fmt_share(num[4], row.attain.half);
	fld[5] = report_fmt_share(num[5], row.diff.mean);
	fld[6] = report_fmt_share(num[6], row.diff.half);
	fld[7] = report_fmt_count(num[7], (double)row.diff.n);
	fld[8] = report_fmt_share(num[8], row.abandon.mean);
	fld[9] = report_fmt_share(num[9], row.abandon_diff.mean);
	fld[10] = report_fmt_share(num[10], row.abandon_diff.half);
	fld[11] = report_fmt_share(num[11], row.deflected.mean);
	fld[12] = report_fmt_share(num[12], row.deflected_diff.mean);
	fld[13] = report_fmt_share(num[13], row.deflected_diff.half);
	fld[14] = report_fmt_seconds(num[14], row.wait_s.mean);
	fld[15] = report_fmt_seconds(num[15], row.wait_diff_s.mean);
	fld[16] = report_fmt_seconds(num[16], row.wait_diff_s.half);
	fld[17] = report_fmt_seconds(num[17], row.paid_h.mean);
	fld[18] = report_fmt_seconds(num[18], row.paid_diff_h.mean);
	return report_csv_row(f, fld, COMPARE_NCOLS, e);
}

int compare_write(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	report_csv *f = report_csv_open(r, "compare.csv", compare_head, COMPARE_NCOLS, e);

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++)
		for (int ti = -1; ti < (int)m->ntiers; ti++)
			for (int pi = -1; pi < (int)m->nprio; pi++)
				if (write_row(f, m, t, reps, p, ti, pi, e)) {
					report_csv_close(f, NULL);
					return -1;
				}
	return report_csv_close(f, e);
}
