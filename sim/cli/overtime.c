/* overtime.c: `supsim require` and `supsim schedule` (docs/staff.md):
 * load, run the iterative staffing algorithm per policy (require.h), for
 * schedule then the covering programs and the simulate-and-repair loop
 * (schedule.h); write requirements.csv, roster files, schedule.csv and
 * coverage.csv, with run's summary.csv, timeseries.csv and teams.csv of
 * the staffing found, into the results folder, whole or not at all. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mem.h"
#include "decide/require.h"
#include "decide/schedule.h"
#include "decide/staffplan.h"
#include "tz.h"
#include "results/hourly.h"
#include "results/report.h"
#include "stop.h"
#include "cli/simulate.h"
#include "cli/verbs.h"

#define REQUIRE_MAX_ITER 20   /* simulations of the iterative algorithm */
#define SCHEDULE_MAX_ROUNDS 40 /* simulations of the schedule */
#define SCHEDULE_IP_LIMIT_S 60 /* GLPK's time limit per cycle (a safeguard) */

static void on_signal(int sig)
{
	(void)sig;
	sim_stop_request();
}

typedef struct job {
	const model *m;
	bool schedule;
	plan *pl;             /* [npolicies] */
	require_result *req;  /* [npolicies] */
	schedule_result *sch; /* [npolicies], schedule only */
} job;

/* ---- files ---- */

static const char *local_text(const char *zone, int64_t t, char *buf, size_t len)
{
	civil c = tz_to_local(zone, t);

	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.min);
	return buf;
}

/* roster-TEAM.csv, or roster-POLICY-TEAM.csv with several policies. */
static report_csv *roster_open(report *rep, const job *j, size_t p, size_t k, err *e)
{
	static const char *const head[] = { "start", "end", "agents" };
	char name[3 * SIM_NAME_MAX];

	if (j->m->npolicies > 1)
		snprintf(name, sizeof(name), "roster-%s-%s.csv", j->m->policy[p].name,
			 j->m->policy[p].teams[k].name);
	else
		snprintf(name, sizeof(name), "roster-%s.csv", j->m->policy[p].teams[k].name);
	return report_csv_open(rep, name, head, 3, e);
}

static int roster_row(report_csv *f, const char *zone, int64_t a, int64_t b, int n, err *e)
{
	char s[32], t[32], c[REPORT_NUM_MAX];
	const char *fld[3] = { local_text(zone, a, s, sizeof(s)), local_text(zone, b, t, sizeof(t)),
			       report_fmt_count(c, n) };

	return report_csv_row(f, fld, 3, e);
}

/* The requirement of team k of policy p as a roster: runs of equal heads. */
static int roster_required(report *rep, const job *j, size_t p, size_t k, err *e)
{
	const plan *pl = &j->pl[p];
	const char *zone = pl->pol.teams[k].tz;
	report_csv *f = roster_open(rep, j, p, k, e);
	int64_t t0 = j->m->start_unix;
	size_t h = 0;

	if (!f)
		return -1;
	while (h < pl->nhours) {
		int n = require_team_heads(pl, j->req[p].heads, k, h);
		size_t e2 = h + 1;
		while (e2 < pl->nhours && require_team_heads(pl, j->req[p].heads, k, e2) == n)
			e2++;
		int64_t b = t0 + (int64_t)fmin(e2 * 3600.0, j->m->horizon_s);
		if (n > 0 && roster_row(f, zone, t0 + (int64_t)h * 3600, b, n, e)) {
			report_csv_close(f, NULL);
			return -1;
		}
		h = e2;
	}
	return report_csv_close(f, e);
}

/* The schedule of team k of policy p as a roster: one row per shift. */
static int roster_scheduled(report *rep, const job *j, size_t p, size_t k, err *e)
{
	const plan *pl = &j->pl[p];
	const schedule_result *r = &j->sch[p];
	report_csv *f = roster_open(rep, j, p, k, e);

	if (!f)
		return -1;
	for (size_t i = 0; i < r->npat; i++) {
		const sched_pattern *sp = &r->pat[i];
		if (sp->team != k)
			continue;
		for (int d = 0; d < sp->sm->days_on; d++) {
			int64_t a, b;
			if (!schedule_shift_worked(pl, sp, d))
				continue;
			schedule_shift(pl, sp, d, &a, &b);
			if (roster_row(f, pl->pol.teams[k].tz, a, b, sp->heads, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	}
	return report_csv_close(f, e);
}

static int write_requirements(report *rep, const job *j, err *e)
{
	static const char *const head[] = { "policy", "team", "time", "agents", "erlang",
					    "attainment" };
	report_csv *f = report_csv_open(rep, "requirements.csv", head, 6, e);
	char t[REPORT_NUM_MAX], a[REPORT_NUM_MAX], b[REPORT_NUM_MAX], c[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < j->m->npolicies; p++) {
		const plan *pl = &j->pl[p];
		for (size_t k = 0; k < pl->pol.nteams; k++) {
			int q = pl->pool_of[k];
			if (q < 0)
				continue;
			for (size_t h = 0; h < pl->nhours; h++) {
				const char *fld[6] = {
					j->m->policy[p].name, pl->pol.teams[k].name,
					report_fmt_time(t, j->m->start_unix + (int64_t)h * 3600),
					report_fmt_count(a, require_team_heads(pl, j->req[p].heads, k, h)),
					report_fmt_count(b, require_team_heads(pl, j->req[p].erlang, k, h)),
					report_fmt_share(c, j->req[p].attain[(size_t)q * pl->nhours + h]),
				};
				if (report_csv_row(f, fld, 6, e)) {
					report_csv_close(f, NULL);
					return -1;
				}
			}
		}
	}
	return report_csv_close(f, e);
}

/* "americas+emea+apac": the teams of a pool. */
static const char *pool_name(const plan *pl, size_t q, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < pl->pool[q].nteams && n + 1 < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "+" : "",
				      pl->pol.teams[pl->pool[q].team[i]].name);
	return buf;
}

static int write_schedule(report *rep, const job *j, err *e)
{
	static const char *const head[] = { "policy", "team", "pattern", "start", "heads", "cost" };
	report_csv *f = report_csv_open(rep, "schedule.csv", head, 6, e);
	char pat[96], st[32], h[REPORT_NUM_MAX], c[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < j->m->npolicies; p++)
		for (size_t i = 0; i < j->sch[p].npat; i++) {
			const sched_pattern *sp = &j->sch[p].pat[i];
			schedule_pattern_text(&j->pl[p], sp, pat, sizeof(pat));
			schedule_pattern_start(&j->pl[p], sp, st, sizeof(st));
			const char *fld[6] = { j->m->policy[p].name, j->pl[p].pol.teams[sp->team].name,
					       pat, st, report_fmt_count(h, sp->heads),
					       report_fmt_count(c, sp->heads * sp->cost) };
			if (report_csv_row(f, fld, 6, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}

static int write_coverage(report *rep, const job *j, err *e)
{
	static const char *const head[] = { "policy", "team", "time", "required", "scheduled" };
	report_csv *f = report_csv_open(rep, "coverage.csv", head, 5, e);
	char name[1024], t[REPORT_NUM_MAX], a[REPORT_NUM_MAX], b[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < j->m->npolicies; p++) {
		const plan *pl = &j->pl[p];
		for (size_t q = 0; q < pl->npools; q++)
			for (size_t h = 0; h < pl->nhours; h++) {
				size_t i = q * pl->nhours + h;
				const char *fld[5] = {
					j->m->policy[p].name, pool_name(pl, q, name, sizeof(name)),
					report_fmt_time(t, j->m->start_unix + (int64_t)h * 3600),
					report_fmt_count(a, j->req[p].heads[i]),
					report_fmt_share(b, round(j->sch[p].scheduled[i] * 1e6) / 1e6),
				};
				if (report_csv_row(f, fld, 5, e)) {
					report_csv_close(f, NULL);
					return -1;
				}
			}
	}
	return report_csv_close(f, e);
}

/* run's files for the staffing found: the plans' tallies and teams. */
static int write_run_files(report *rep, const job *j, err *e)
{
	const model *m = j->m;
	size_t reps = j->pl[0].reps; /* every plan's: the run options' */
	model mv = *m;
	policy_model *pol = mem_calloc(m->npolicies, sizeof(*pol));
	tally *t = mem_calloc(m->npolicies * reps, sizeof(*t));
	int rc = -1;

	if (!pol || !t) {
		err_nomem(e);
		goto out;
	}
	for (size_t p = 0; p < m->npolicies; p++) {
		pol[p] = j->pl[p].pol;
		memcpy(t + p * reps, j->pl[p].t, reps * sizeof(*t)); /* borrowed */
	}
	mv.policy = pol;
	rc = report_summary(rep, &mv, t, reps, e) || report_timeseries(rep, &mv, t, reps, e) ||
	     report_teams(rep, &mv, t, reps, e) || report_hourly(rep, &mv, t, reps, e) ? -1 : 0;
out:
	free(pol);
	free(t);
	return rc;
}

static int write_all(report *rep, const job *j, err *e)
{
	if (write_requirements(rep, j, e) || write_run_files(rep, j, e))
		return -1;
	if (j->schedule && (write_schedule(rep, j, e) || write_coverage(rep, j, e)))
		return -1;
	for (size_t p = 0; p < j->m->npolicies; p++)
		for (size_t k = 0; k < j->pl[p].pol.nteams; k++) {
			if (j->pl[p].pool_of[k] < 0)
				continue;
			bool shifts = j->schedule && j->sch[p].shifts[j->pl[p].pool_of[k]];
			if (shifts ? roster_scheduled(rep, j, p, k, e) : roster_required(rep, j, p, k, e))
				return -1;
		}
	return 0;
}

/* ---- the tables on stdout ---- */

static void print_goals(const model *m, const goal_est *g, bool met)
{
	static const char *const said[] = { "undecided", "met", "missed", "no contacts" };

	printf("  goals %s when simulated:", met ? "met" : "NOT met");
	for (size_t i = 0; i < m->ngoals; i++)
		printf(" %s %.4f (%s %g: %s)", m->goals[i].label, g[i].est.mean,
		       m->goals[i].kind == GOAL_ABANDON ? "<=" : ">=", m->goals[i].share,
		       said[g[i].decision]);
	printf("\n");
}

static void print_require(const job *j, size_t p)
{
	const plan *pl = &j->pl[p];
	const require_result *r = &j->req[p];
	char name[1024];

	printf("\npolicy %s: requirements after %zu simulations (%s)\n", j->m->policy[p].name,
	       r->iterations, r->converged ? "converged: no hour changed"
			      : r->cycled ? "stopped on a two-cycle: those hours keep the larger"
					  : "NOT converged: stopped at the bound");
	if (!r->converged && !r->cycled)
		printf("  the last update changed %zu hours\n", r->changed);
	printf("  %-24s %8s %8s %14s %14s\n", "teams", "peak", "erlang", "agent-hours",
	       "erlang a-h");
	for (size_t q = 0; q < pl->npools; q++) {
		double ah = 0, eh = 0;
		int peak = 0, epeak = 0;
		for (size_t h = 0; h < pl->nhours; h++) {
			size_t i = q * pl->nhours + h;
			ah += r->heads[i];
			eh += r->erlang[i];
			peak = r->heads[i] > peak ? r->heads[i] : peak;
			epeak = r->erlang[i] > epeak ? r->erlang[i] : epeak;
		}
		printf("  %-24s %8d %8d %14.0f %14.0f\n", pool_name(pl, q, name, sizeof(name)), peak,
		       epeak, ah, eh);
	}
	print_goals(j->m, r->goal, r->goals_met);
}

static void print_schedule(const job *j, size_t p)
{
	const schedule_result *r = &j->sch[p];

	printf("  schedule: %zu patterns in use, cost %.2f (integer programs %.2f, within %.1f%% "
	       "of their bound), %zu heads added in %zu simulations\n", r->npat, r->cost,
	       r->ip_cost, 100 * r->ip_gap, r->added, r->rounds);
	printf("  paid agent-hours %.0f against %.0f required (%.1f%% above)\n", r->paid_h,
	       r->required_h, r->required_h > 0 ? 100 * (r->paid_h / r->required_h - 1) : 0);
	print_goals(j->m, r->goal, r->goals_met);
}

/* ---- the verbs ---- */

static int plan_policy(const cli_opts *o, job *j, size_t p, batch_opts *bo)
{
	err e = { 0 };
	bool bad = false;
	int rc = plan_init(&j->pl[p], j->m, p, bo, &e);

	bad = rc != 0; /* no team to size */
	if (!rc && !o->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "%s: policy %s: iterating the hourly staffing\n", o->verb,
			j->m->policy[p].name);
	if (!rc)
		rc = require_run(&j->pl[p], REQUIRE_MAX_ITER, &j->req[p], &e);
	if (!rc && j->schedule)
		rc = schedule_run(&j->pl[p], j->req[p].heads, SCHEDULE_MAX_ROUNDS,
				  SCHEDULE_IP_LIMIT_S, &j->sch[p], &bad, &e);
	if (rc > 0 || sim_stopping()) {
		fprintf(stderr, "supsim %s: interrupted; no results written\n", o->verb);
		return 1;
	}
	if (rc < 0) {
		cli_print_err(&e);
		return bad && e.kind == ERR_INPUT ? 2 : 1; /* not out of memory */
	}
	return 0;
}

static int finish(const cli_opts *o, job *j, const char *outdir)
{
	err e = { 0 };
	report *rep;

	rep = report_begin(outdir, &e);
	if (rep && write_all(rep, j, &e)) {
		report_abort(rep);
		rep = NULL;
	}
	/* report_commit frees rep whatever it returns */
	if (!rep || report_commit(rep, &e)) {
		cli_print_err(&e);
		fprintf(stderr, "supsim %s: no results written to %s\n", o->verb, outdir);
		return 1;
	}
	if (o->quiet)
		return 0;
	printf("results in %s/\n", outdir);
	for (size_t p = 0; p < j->m->npolicies; p++) {
		print_require(j, p);
		if (j->schedule)
			print_schedule(j, p);
	}
	return fflush(stdout) ? 1 : 0;
}

static int overtime_verb(cli_opts *o, bool schedule)
{
	model m;
	run_opts ro;
	job j = { .m = &m, .schedule = schedule };
	char defdir[16 + SIM_NAME_MAX];
	const char *outdir;
	int rc;

	cli_catch_signals(on_signal); /* first: a signal while loading also stops cleanly */
	if (o->trace) {
		fprintf(stderr, "supsim %s: --trace does not apply to %s (run the roster it "
			"writes with `supsim run --trace`)\n", o->verb, o->verb);
		return 2;
	}
	rc = cli_load_search(o, &m, &ro, goal_any,
			     "the share of tickets to meet for at least one priority",
			     defdir, sizeof(defdir), &outdir);
	if (rc)
		return rc;
	batch_opts bo = {
		.threads = o->threads > 0 ? o->threads : batch_cpus(),
		.reps = ro.replications, .seed = ro.seed, .window = ro.window, .stop = &sim_stop,
	};
	j.pl = mem_calloc(m.npolicies, sizeof(*j.pl));
	j.req = mem_calloc(m.npolicies, sizeof(*j.req));
	j.sch = mem_calloc(m.npolicies, sizeof(*j.sch));
	if (!j.pl || !j.req || !j.sch) {
		fprintf(stderr, "supsim %s: out of memory\n", o->verb);
		rc = 1;
	}
	for (size_t p = 0; !rc && p < m.npolicies; p++)
		rc = plan_policy(o, &j, p, &bo);
	if (!rc)
		rc = finish(o, &j, outdir);
	for (size_t p = 0; j.pl && j.req && j.sch && p < m.npolicies; p++) {
		plan_fini(&j.pl[p]);
		require_result_fini(&j.req[p]);
		schedule_result_fini(&j.sch[p]);
	}
	free(j.pl);
	free(j.req);
	free(j.sch);
	model_fini(&m);
	return rc;
}

int cmd_require(cli_opts *o)
{
	return overtime_verb(o, false);
}

int cmd_schedule(cli_opts *o)
{
	return overtime_verb(o, true);
}

/* ---- staff --by week|day ---- */

static int write_plan(report *rep, const model *m, const staffplan *res, err *e)
{
	const char *head[5 + SIM_MAX_GOALS] = { "policy", "period_start", "team", "agents", "cost" };
	size_t nc = 5 + m->ngoals;
	report_csv *f;

	for (size_t g = 0; g < m->ngoals; g++)
		head[5 + g] = m->goals[g].label;
	f = report_csv_open(rep, "staff_plan.csv", head, nc, e);
	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++) {
		const staffplan *r = &res[p];
		for (size_t j = 0; j < r->nperiods; j++)
			for (size_t k = 0; k < r->nteams; k++) {
				const team_model *t = &m->policy[p].teams[k];
				char ts[REPORT_NUM_MAX], a[REPORT_NUM_MAX], c[REPORT_NUM_MAX];
				char g[SIM_MAX_GOALS][REPORT_NUM_MAX];
				const char *fld[5 + SIM_MAX_GOALS];
				int n = r->sized[k] ? r->heads[j * r->nteams + k] : t->agents;
				double on = 0; /* scheduled agent-hours of the period */
				for (size_t i = 0; i < t->nshifts; i++) {
					double lo = j ? r->bound[j] : 0, hi = r->bound[j + 1];
					double d = fmin(t->shifts[i].end, hi) - fmax(t->shifts[i].start, lo);
					if (d > 0 && t->agents > 0)
						on += d / 3600 * lround((double)t->shifts[i].agents * n / t->agents);
				}
				fld[0] = m->policy[p].name;
				fld[1] = report_fmt_time(ts, m->start_unix + (int64_t)r->bound[j]);
				fld[2] = t->name;
				fld[3] = report_fmt_count(a, n);
				fld[4] = report_fmt_share(c, on * t->cost);
				for (size_t q = 0; q < m->ngoals; q++)
					fld[5 + q] = report_fmt_share(g[q], r->goal[j * r->ngoals + q].est.mean);
				if (report_csv_row(f, fld, nc, e)) {
					report_csv_close(f, NULL);
					return -1;
				}
			}
	}
	return report_csv_close(f, e);
}

static int plan_rosters(report *rep, const model *m, const staffplan *res, err *e)
{
	static const char *const head[] = { "start", "end", "agents" };

	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t k = 0; k < res[p].nteams; k++) {
			const char *zone = m->policy[p].teams[k].tz;
			char name[3 * SIM_NAME_MAX];
			shift_iv *iv;
			size_t n;
			if (!res[p].sized[k])
				continue;
			if (m->npolicies > 1)
				snprintf(name, sizeof(name), "roster-%s-%s.csv", m->policy[p].name,
					 m->policy[p].teams[k].name);
			else
				snprintf(name, sizeof(name), "roster-%s.csv", m->policy[p].teams[k].name);
			report_csv *f = report_csv_open(rep, name, head, 3, e);
			if (!f)
				return -1;
			if (staffplan_shifts(m, p, &res[p], k, &iv, &n)) {
				report_csv_close(f, NULL);
				return err_nomem(e);
			}
			int bad = 0;
			for (size_t i = 0; i < n && !bad; i++)
				bad = roster_row(f, zone, m->start_unix + (int64_t)iv[i].start,
						 m->start_unix + (int64_t)iv[i].end, iv[i].agents, e);
			free(iv);
			if (bad) {
				report_csv_close(f, NULL);
				return -1;
			}
			if (report_csv_close(f, e))
				return -1;
		}
	return 0;
}

static void print_plan(const model *m, size_t p, const staffplan *r)
{
	printf("\npolicy %s: %zu periods, %zu staffings simulated\n  %-22s", m->policy[p].name,
	       r->nperiods, r->evaluations, "period start");
	for (size_t k = 0; k < r->nteams; k++)
		if (r->sized[k])
			printf(" %10s", m->policy[p].teams[k].name);
	printf("  goals\n");
	for (size_t j = 0; j < r->nperiods; j++) {
		char ts[REPORT_NUM_MAX];
		printf("  %-22s", report_fmt_time(ts, m->start_unix + (int64_t)r->bound[j]));
		for (size_t k = 0; k < r->nteams; k++)
			if (r->sized[k])
				printf(" %10d", r->heads[j * r->nteams + k]);
		printf("  %s\n", r->met[j] ? "met" : "NOT met");
	}
}

int cmd_staff_plan(cli_opts *o)
{
	model m;
	run_opts ro;
	staffplan *res = NULL;
	char defdir[16 + SIM_NAME_MAX];
	const char *outdir;
	err e = { 0 };
	int rc;

	cli_catch_signals(on_signal);
	rc = cli_load_search(o, &m, &ro, NULL, "at least one goal", defdir, sizeof(defdir),
			     &outdir);
	if (rc)
		return rc;
	batch_opts bo = {
		.threads = o->threads > 0 ? o->threads : batch_cpus(),
		.reps = ro.replications, .seed = ro.seed, .window = ro.window, .stop = &sim_stop,
	};
	double period_s = !strcmp(o->by, "day") ? 86400 : 7 * 86400;
	res = mem_calloc(m.npolicies, sizeof(*res));
	if (!res)
		rc = err_nomem(&e);
	for (size_t p = 0; !rc && p < m.npolicies; p++)
		rc = staffplan_search(&m, p, &bo, period_s, &res[p], &e);
	if (rc > 0 || sim_stopping()) {
		fprintf(stderr, "supsim staff: interrupted; no results written\n");
		rc = 1;
	} else if (rc < 0) {
		cli_print_err(&e);
		rc = 1;
	}
	if (!rc) {
		report *rep = report_begin(outdir, &e);
		if (rep && (write_plan(rep, &m, res, &e) || plan_rosters(rep, &m, res, &e))) {
			report_abort(rep);
			rep = NULL;
		}
		if (!rep || report_commit(rep, &e)) {
			cli_print_err(&e);
			fprintf(stderr, "supsim staff: no results written to %s\n", outdir);
			rc = 1;
		}
	}
	if (!rc && !o->quiet) {
		printf("results in %s/\n", outdir);
		for (size_t p = 0; p < m.npolicies; p++)
			print_plan(&m, p, &res[p]);
	}
	for (size_t p = 0; res && p < m.npolicies; p++)
		staffplan_fini(&res[p]);
	free(res);
	model_fini(&m);
	return rc;
}
