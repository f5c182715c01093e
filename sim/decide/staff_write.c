/* staff_write.c: the staffing search's result files, staff.csv (heads per
 * team, before and found, and their cost) and staff_goals.csv (each goal
 * at the staffing found and at the ceiling); docs/results.md. */
#include "decide/staff.h"
#include "results/report.h"

static const char *const staff_head[] = {
	"policy", "team", "agents_before", "agents", "sized", "cost",
};
static const char *const goals_head[] = {
	"policy", "priority", "goal", "attainment", "attainment_ci95", "met", "ceiling",
	"ceiling_ci95", "replications",
};
#define STAFF_NCOLS (sizeof(staff_head) / sizeof(staff_head[0]))
#define GOALS_NCOLS (sizeof(goals_head) / sizeof(goals_head[0]))

static int write_teams(report *r, const model *m, const staff_result *res, err *e)
{
	report_csv *f = report_csv_open(r, "staff.csv", staff_head, STAFF_NCOLS, e);
	char a[REPORT_NUM_MAX], b[REPORT_NUM_MAX], c[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t k = 0; k < res[p].nteams; k++) {
			const char *fld[STAFF_NCOLS] = {
				m->policy[p].name, m->policy[p].teams[k].name,
				report_fmt_count(a, res[p].before[k]),
				report_fmt_count(b, res[p].agents[k]),
				res[p].varied[k] ? "yes" : "no",
				report_fmt_count(c, res[p].cost[k]),
			};
			if (report_csv_row(f, fld, STAFF_NCOLS, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}

static const char *decision_text(goal_decision d)
{
	return d == GOAL_MET ? "yes" : d == GOAL_MISSED ? "no" : d == GOAL_UNDECIDED ? "undecided" : "";
}

/* One row per goal of policy p; ge: the goals of the staffing written. */
static int goal_rows(report_csv *f, const model *m, size_t p, const staff_result *res,
		     const goal_est *ge, err *e)
{
	char g[REPORT_NUM_MAX], a[REPORT_NUM_MAX], h[REPORT_NUM_MAX];
	char c[REPORT_NUM_MAX], ch[REPORT_NUM_MAX], n[REPORT_NUM_MAX];

	for (size_t i = 0; i < m->ngoals; i++) {
		const goal_est *x = &ge[i], *y = &res->ceiling[i];
		const char *fld[GOALS_NCOLS] = {
			m->policy[p].name, m->goals[i].label,
			report_fmt_share(g, m->goals[i].share),
			report_fmt_share(a, x->est.mean), report_fmt_share(h, x->est.half),
			decision_text(x->decision),
			report_fmt_share(c, y->est.mean), report_fmt_share(ch, y->est.half),
			report_fmt_count(n, (double)x->est.n),
		};
		if (report_csv_row(f, fld, GOALS_NCOLS, e))
			return -1;
	}
	return 0;
}

static int write_goals(report *r, const model *m, const staff_result *res, const tally *t,
		       size_t reps, err *e)
{
	report_csv *f = report_csv_open(r, "staff_goals.csv", goals_head, GOALS_NCOLS, e);
	goal_est ge[SIM_MAX_GOALS];

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++) {
		const goal_est *x = res[p].goal;
		if (res[p].above_ceiling) { /* as written: judged on the run written */
			if (goals_eval(m, t + p * reps, reps, ge)) {
				report_csv_close(f, NULL);
				return err_nomem(e);
			}
			x = ge;
		}
		if (goal_rows(f, m, p, &res[p], x, e)) {
			report_csv_close(f, NULL);
			return -1;
		}
	}
	return report_csv_close(f, e);
}

int staff_write(report *r, const model *m, const staff_result *res, const tally *t,
		size_t reps, err *e)
{
	return write_teams(r, m, res, e) || write_goals(r, m, res, t, reps, e) ? -1 : 0;
}
