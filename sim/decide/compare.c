/* compare.c: paired differences of attainment between policies, built on
 * the per-replication attainments of the tallies (report_attainments) and
 * stats_paired_ci95; compare.csv through the report's CSV writer. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decide/compare.h"

int compare_row_of(const model *m, const tally *t, size_t reps, size_t p, int tier, int prio,
		   compare_row *out)
{
	double *base = calloc(reps, sizeof(*base)), *mine = calloc(reps, sizeof(*mine));
	int rc = -1;

	(void)m;
	if (base && mine && !report_attainments(t, reps, tier, prio, -1, base) &&
	    !report_attainments(t + p * reps, reps, tier, prio, -1, mine)) {
		out->attain = stats_mean_ci95(mine, reps);
		out->diff = stats_paired_ci95(base, mine, reps);
		rc = 0;
	}
	free(base);
	free(mine);
	return rc;
}

static const char *const compare_head[] = {
	"policy", "tier", "priority", "attainment", "attainment_ci95", "diff", "diff_ci95",
	"pairs",
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
