/* cli_run.c: `supsim run`, `compare` and `staff`: load, (staff: search
 * the staffing), simulate every (policy, replication) on
 * a thread pool, write the results folder whole (or not at all), print a
 * short attainment table per policy.  SIGINT/SIGTERM stop the run: the
 * temporary folder is removed, earlier results stay, exit 1. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "engine/batch.h"
#include "decide/compare.h"
#include "decide/staff.h"
#include "engine/tally.h"
#include "results/hourly.h"
#include "results/report.h"
#include "stop.h"
#include "verbs.h"

static void on_signal(int sig)
{
	(void)sig;
	sim_stop_request();
}

/* A signal the parent set to be ignored stays ignored (nohup keeps SIGHUP
 * away, a shell keeps the terminal's SIGINT away from a background job).
 * No SA_RESTART: a blocking wait (plot's for gnuplot) is interrupted. */
void cli_catch_signals(void (*handler)(int))
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

/* output/<name>/ with characters outside [A-Za-z0-9._-] replaced by '-'. */
static void default_outdir(const model *m, char *buf, size_t len)
{
	size_t k = (size_t)snprintf(buf, len, "output/");

	for (const char *s = m->name; *s && k + 1 < len; s++) {
		char c = *s;
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		buf[k++] = ok ? c : '-';
	}
	buf[k] = 0;
	/* "." and ".." name no folder of their own */
	if (!strcmp(buf + 7, ".") || !strcmp(buf + 7, ".."))
		for (char *d = buf + 7; *d; d++)
			*d = '-';
}

static void progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\rsimulating: %zu of %zu runs (policy x replication)", done, total);
	if (done == total)
		fputc('\n', stderr);
}

typedef struct trace_sinks {
	report *rep;
	const model *m;
} trace_sinks;

/* A job's sink, and where the job's error goes: batch gives trace_open the
 * job's err, which the engine fills when the trace callback fails (with no
 * file nor reason: the sink has them) and closes the sink without one. */
typedef struct sink {
	report_trace *tr;
	err *job_e;
} sink;

static void *sink_open(void *ctx, size_t p, int rep, err *e)
{
	trace_sinks *ts = ctx;
	sink *s = calloc(1, sizeof(*s));

	if (!s) {
		err_set(e, NULL, 0, "out of memory");
		return NULL;
	}
	s->tr = report_trace_open(ts->rep, ts->m, p, rep, e);
	if (!s->tr) {
		free(s);
		return NULL;
	}
	s->job_e = e;
	return s;
}

static int sink_fn(void *snk, const ticket_rec *t)
{
	return report_trace_fn(((sink *)snk)->tr, t);
}

static int sink_close(void *ctx, void *snk, err *e)
{
	(void)ctx;
	sink *s = snk;
	report_trace *tr = s->tr;
	const err *te = report_trace_err(tr);
	err *to = e ? e : s->job_e;
	int rc;

	free(s);
	if (te && te->msg[0] && to) {
		/* the file and the reason, rather than the engine's "failed" */
		*to = *te;
		report_trace_close(tr, NULL);
		return -1;
	}
	rc = report_trace_close(tr, e);
	return rc;
}

/* The memory this process may use: the machine's, or less under a limit
 * (ulimit -v, -d). */
static double memory_limit(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
	double lim = pages > 0 && size > 0 ? (double)pages * (double)size : INFINITY;
	static const int res[] = { RLIMIT_AS, RLIMIT_DATA };
	struct rlimit rl;

	for (size_t i = 0; i < sizeof(res) / sizeof(res[0]); i++)
		if (!getrlimit(res[i], &rl) && rl.rlim_cur != RLIM_INFINITY)
			lim = fmin(lim, (double)rl.rlim_cur);
	return lim;
}

/* Every replication keeps its tallies until the results are written: refuse
 * a run whose tallies would take more than 3/4 of the memory this process
 * may use, before allocating any (rather than swapping the machine to a
 * halt).  0, or -1 with e set. */
static int tallies_fit(const model *m, size_t reps, err *e)
{
	double one = 0, lim = memory_limit();

	for (size_t p = 0; p < m->npolicies; p++)
		one += (double)tally_bytes(m, p);
	if (one * (double)reps <= 0.75 * lim)
		return 0;
	return err_set(e, NULL, 0, "%zu replication%s of %zu polic%s need %.0f MB of tallies "
		       "(%.0f KB per replication), more than 3/4 of the %.0f MB this process may "
		       "use: lower replications (-r)", reps, reps == 1 ? "" : "s", m->npolicies,
		       m->npolicies == 1 ? "y" : "ies", one * (double)reps / 1048576, one / 1024,
		       lim / 1048576);
}

static tally *tallies_create(const model *m, size_t reps, err *e)
{
	size_t n = m->npolicies * reps;
	tally *t = NULL;

	if (tallies_fit(m, reps, e))
		return NULL;
	t = calloc(n, sizeof(*t));
	if (!t) {
		err_set(e, NULL, 0, "out of memory");
		return NULL;
	}
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t r = 0; r < reps; r++)
			if (tally_init(&t[p * reps + r], m, p)) {
				for (size_t i = 0; i < n; i++)
					tally_fini(&t[i]);
				free(t);
				err_set(e, NULL, 0, "out of memory for %zu tallies", n);
				return NULL;
			}
	return t;
}

static void tallies_destroy(tally *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		tally_fini(&t[i]);
	free(t);
}

/* All result files into the report; 0 or -1 with e set. */
/* A verb's own file besides run's (compare.csv, staff.csv): NULL for none. */
typedef struct extra_file {
	int (*write)(report *rep, const model *m, const tally *t, size_t reps,
		     const void *ctx, err *e);
	const void *ctx;
} extra_file;

static int write_results(report *rep, const model *m, const tally *t, size_t reps,
			 const cli_opts *o, const extra_file *x, err *e)
{
	bool trace = o->trace;

	if (report_summary(rep, m, t, reps, e) || report_timeseries(rep, m, t, reps, e) ||
	    report_teams(rep, m, t, reps, e) || report_hourly(rep, m, t, reps, e))
		return -1;
	if (x && x->write(rep, m, t, reps, x->ctx, e))
		return -1;
	if (trace && report_tickets(rep, m->npolicies, reps, e))
		return -1;
	return 0;
}

static int interrupted(const cli_opts *o, report *rep, const char *outdir)
{
	report_abort(rep);
	fprintf(stderr, "supsim %s: interrupted; no results written, %s left as it was\n",
		o->verb, outdir);
	return 1;
}

/* Simulate and write; 0 ok, 1 stopped or failed (message printed).
 * *out gets the tallies (caller frees them, also on failure). */
static int simulate(const cli_opts *o, const model *m, const char *outdir,
		    const extra_file *x, tally **out)
{
	size_t reps = (size_t)m->replications;
	err e = { 0 };
	report *rep = report_begin(outdir, &e);
	trace_sinks ts = { rep, m };
	batch_opts bo = {
		.threads = o->threads > 0 ? o->threads : batch_cpus(),
		.reps = m->replications,
		.seed = m->seed,
		.trace = o->trace ? sink_fn : NULL,
		.trace_open = sink_open,
		.trace_close = sink_close,
		.trace_ctx = &ts,
		.stop = &sim_stop,
		.progress = !o->quiet && isatty(STDERR_FILENO) ? progress : NULL,
	};

	if (!rep)
		goto fail;
	*out = tallies_create(m, reps, &e);
	if (!*out)
		goto fail;
	int rc = batch_run(m, &bo, *out, &e);
	if (rc > 0 || sim_stopping())
		return interrupted(o, rep, outdir);
	if (rc < 0 || write_results(rep, m, *out, reps, o, x, &e)) {
		if (sim_stopping()) /* the writers stop on it too */
			return interrupted(o, rep, outdir);
		goto fail;
	}
	if (sim_stopping())
		return interrupted(o, rep, outdir);
	rc = report_commit(rep, &e);
	rep = NULL; /* freed by commit, whatever it returned */
	if (rc)
		goto fail;
	return 0;
fail:
	report_abort(rep);
	cli_print_err(&e);
	fprintf(stderr, "supsim %s: no results written to %s\n", o->verb, outdir);
	return 1;
}

/* A share or half-width for a table, "-" when undefined. */
static const char *num_text(double x, char *buf, size_t len)
{
	if (isnan(x))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.4f", x);
	return buf;
}

/* A duration for a table: "-" when undefined, minutes below 2 h, else hours. */
static const char *wait_text(double s, char *buf, size_t len)
{
	if (isnan(s))
		snprintf(buf, len, "-");
	else if (s < 7200)
		snprintf(buf, len, "%.1f min", s / 60);
	else
		snprintf(buf, len, "%.1f h", s / 3600);
	return buf;
}

/* One policy's table on stdout: per priority over every tier and channel,
 * the same figures as summary.csv's rows with tier and channel `all`, with
 * the scorecard (abandon and deflected shares, ASA, p90) beside attainment. */
static int print_policy(const model *m, size_t p, const tally *t, size_t reps)
{
	printf("\npolicy %s (%zu replication%s; counts are means per replication; abandoned = %s)\n",
	       m->policy[p].name, reps, reps == 1 ? "" : "s", model_abandon_name[m->abandoned]);
	printf("  %-9s %9s %9s %9s %9s %9s %10s %7s %8s %9s %9s %9s\n", "priority", "arrived",
	       "deflected", "abandoned", "met", "missed", "attainment", "+-95%", "abandon",
	       "deflected", "ASA", "wait p90");
	for (int pi = 0; pi <= (int)m->nprio; pi++) {
		bool all = pi == (int)m->nprio;
		report_figs f;
		char w[32], a[32], h[32], ab[32], de[32], asa[32];
		if (report_figures(t + p * reps, reps, -1, all ? -1 : pi, -1, &f))
			return -1;
		printf("  %-9s %9.1f %9.1f %9.1f %9.1f %9.1f %10s %7s %8s %9s %9s %9s\n",
		       all ? "all" : m->prio_name[pi], f.arrived, f.deflected, f.abandoned,
		       f.met, f.missed, num_text(f.attain.mean, a, sizeof(a)),
		       num_text(f.attain.half, h, sizeof(h)), num_text(f.abandon_share, ab, sizeof(ab)),
		       num_text(f.deflected_share, de, sizeof(de)),
		       wait_text(f.wait_mean_s, asa, sizeof(asa)), wait_text(f.wait_p90_s, w, sizeof(w)));
	}
	return 0;
}

typedef int (*table_fn)(const model *m, size_t p, const tally *t, size_t reps);

/* -o's folder, refused (exit 2) when too long to be used whole. */
static int outdir_too_long(const cli_opts *o)
{
	if (!o->outdir || !report_name_check(o->outdir))
		return 0;
	fprintf(stderr, "%s: name too long\n", o->outdir);
	return 2;
}

/* The results folder: -o's, else output/<name>/ made in buf. */
static const char *outdir_of(const cli_opts *o, const model *m, char *buf, size_t len)
{
	if (o->outdir)
		return o->outdir;
	default_outdir(m, buf, len);
	return buf;
}

static int run_verb(cli_opts *o, table_fn table, const extra_file *x)
{
	model m;
	char defdir[16 + SIM_NAME_MAX];
	tally *t = NULL;
	int rc;

	cli_catch_signals(on_signal); /* first: a signal while loading also stops cleanly */
	rc = outdir_too_long(o);
	if (!rc)
		rc = cli_load(o, &m);
	if (rc)
		return rc;
	const char *outdir = outdir_of(o, &m, defdir, sizeof(defdir));
	rc = simulate(o, &m, outdir, x, &t);
	if (!rc && !o->quiet) {
		printf("results in %s/\n", outdir);
		for (size_t p = 0; p < m.npolicies && !rc; p++)
			if (table(&m, p, t, (size_t)m.replications)) {
				fprintf(stderr, "supsim %s: out of memory\n", o->verb);
				rc = 1;
			}
	}
	tallies_destroy(t, m.npolicies * (size_t)m.replications);
	model_fini(&m);
	return rc;
}

int cmd_run(cli_opts *o)
{
	return run_verb(o, print_policy, NULL);
}

/* A paired difference "+0.0123 +-0.0045", "-" when undefined. */
static const char *diff_text(const stats_ci *d, char *buf, size_t len)
{
	if (isnan(d->mean))
		snprintf(buf, len, "-");
	else if (isnan(d->half))
		snprintf(buf, len, "%+.4f", d->mean);
	else
		snprintf(buf, len, "%+.4f +-%.4f", d->mean, d->half);
	return buf;
}

/* compare's opening: every policy's scorecard over all tickets, so that no
 * attainment is read without what it cost (docs/results.md). */
static int print_scorecard(const model *m, const tally *t, size_t reps)
{
	printf("\nscorecard (every tier, priority and channel; means over %zu replications;"
	       " [scenario] abandoned = %s)\n  %-20s %11s %8s %9s %9s %10s %10s %11s\n", reps,
	       model_abandon_name[m->abandoned], "policy", "attainment", "+-95%", "abandon",
	       "deflected", "ASA", "wait p90", "paid h");
	for (size_t p = 0; p < m->npolicies; p++) {
		compare_row row;
		report_figs f;
		char a[32], h[32], ab[32], de[32], w[32], w9[32];
		if (compare_row_of(m, t, reps, p, -1, -1, &row) ||
		    report_figures(t + p * reps, reps, -1, -1, -1, &f))
			return -1;
		printf("  %-20s %11s %8s %9s %9s %10s %10s %11.1f\n", m->policy[p].name,
		       num_text(row.attain.mean, a, sizeof(a)), num_text(row.attain.half, h, sizeof(h)),
		       num_text(f.abandon_share, ab, sizeof(ab)),
		       num_text(f.deflected_share, de, sizeof(de)),
		       wait_text(f.wait_mean_s, w, sizeof(w)), wait_text(f.wait_p90_s, w9, sizeof(w9)),
		       row.paid_h.mean);
	}
	return 0;
}

/* The plain sentence under a policy whose attainment gain comes with more
 * abandoned or deflected contacts. */
static void print_costly_gain(const model *m, size_t p, const compare_row *row)
{
	char d[64], ab[64], de[64];

	printf("  NOTE: %s raises attainment by %s over %s while its abandon share changes by"
	       " %s and its deflected share (contacts sent to self-service, never answered) by"
	       " %s\n", m->policy[p].name, diff_text(&row->diff, d, sizeof(d)), m->policy[0].name,
	       diff_text(&row->abandon_diff, ab, sizeof(ab)),
	       diff_text(&row->deflected_diff, de, sizeof(de)));
}

/* Policy p against the first: attainment and its paired difference per
 * priority and over all, every tier and channel, with the abandon and
 * deflected shares' differences beside it. */
static int print_compare(const model *m, size_t p, const tally *t, size_t reps)
{
	if (p == 0 && print_scorecard(m, t, reps))
		return -1;
	if (p == 0)
		printf("\npaired differences to policy %s (same tickets; 95%% intervals across"
		       " %zu replications)\n  %-20s %-9s %11s %8s %19s %19s %19s\n",
		       m->policy[0].name, reps, "policy", "priority", "attainment", "+-95%",
		       "attainment diff", "abandon diff", "deflected diff");
	for (int pi = 0; pi <= (int)m->nprio; pi++) {
		bool all = pi == (int)m->nprio;
		compare_row row;
		char a[32], h[32], d[64], ab[64], de[64];
		if (compare_row_of(m, t, reps, p, -1, all ? -1 : pi, &row))
			return -1;
		printf("  %-20s %-9s %11s %8s %19s %19s %19s\n", m->policy[p].name,
		       all ? "all" : m->prio_name[pi], num_text(row.attain.mean, a, sizeof(a)),
		       num_text(row.attain.half, h, sizeof(h)), diff_text(&row.diff, d, sizeof(d)),
		       diff_text(&row.abandon_diff, ab, sizeof(ab)),
		       diff_text(&row.deflected_diff, de, sizeof(de)));
		if (all && p > 0 && compare_costly_gain(&row))
			print_costly_gain(m, p, &row);
	}
	return 0;
}

static int write_compare(report *rep, const model *m, const tally *t, size_t reps,
			 const void *ctx, err *e)
{
	(void)ctx;
	return compare_write(rep, m, t, reps, e);
}

int cmd_compare(cli_opts *o)
{
	extra_file x = { write_compare, NULL };

	return run_verb(o, print_compare, &x);
}

static int write_staff(report *rep, const model *m, const tally *t, size_t reps,
		       const void *ctx, err *e)
{
	return staff_write(rep, m, ctx, t, reps, e);
}

/* "americas=17 emea=9" into buf. */
static const char *heads_text(const model *m, size_t p, const int *agents, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = '\0';
	for (size_t t = 0; t < m->policy[p].nteams && k < len; t++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s=%d", k ? " " : "",
				      m->policy[p].teams[t].name, agents[t]);
	return buf;
}

/* "0.8015 +-0.0035 (>= 0.8: yes)" for goal g. */
static const char *goal_text(const staff_goal *g, const goal_est *x, char *buf, size_t len)
{
	static const char *const dec[] = { "undecided", "met", "MISSED", "no contacts" };
	char a[32], h[32];

	snprintf(buf, len, "%s %s +-%s (%s %.4g: %s)", g->label, num_text(x->est.mean, a, sizeof(a)),
		 num_text(x->half, h, sizeof(h)), g->kind == GOAL_ABANDON ? "<=" : ">=", g->share,
		 dec[x->decision]);
	return buf;
}

/* Progress on stderr: each staffing tried, one line. */
static void staff_progress(void *ctx, const model *m, const staff_tried *t)
{
	static const char *const dec[] = { "undecided", "met", "MISSED", "no contacts" };
	char h[512], a[32], w[32];

	(void)ctx;
	fprintf(stderr, "staff %s [%s] %s, cost %.6g, %zu reps:", m->policy[t->p].name, t->step,
		heads_text(m, t->p, t->agents, h, sizeof(h)), t->cost, t->reps);
	for (size_t i = 0; i < m->ngoals; i++)
		fprintf(stderr, "%s %s %s+-%s %s", i ? ";" : "", m->goals[i].label,
			num_text(t->goal[i].est.mean, a, sizeof(a)),
			num_text(t->goal[i].half, w, sizeof(w)), dec[t->goal[i].decision]);
	fprintf(stderr, "%s\n", t->met ? " => meets the goals" : "");
}

static void print_ceiling(const model *m, size_t p, const staff_result *r)
{
	char h[512], g[400];

	bool missed = false;
	for (size_t i = 0; i < m->ngoals; i++)
		missed |= r->ceiling[i].decision == GOAL_MISSED;
	printf("\npolicy %s: %s (%zu staffing%s simulated)\n  ceiling staffing: %s\n",
	       m->policy[p].name, missed ? "A GOAL IS ABOVE ITS CEILING: no head count meets it on "
	       "the hours as written" : "A GOAL CANNOT BE SHOWN MET EVEN AT ITS CEILING: its "
	       "interval still holds it after [staff] max_replications", r->evaluations,
	       r->evaluations == 1 ? "" : "s", heads_text(m, p, r->ceiling_agents, h, sizeof(h)));
	for (size_t i = 0; i < m->ngoals; i++) {
		if (goals_ok(r->ceiling[i].decision))
			continue;
		printf("  goal %s: ceiling %s\n    why: %s\n", m->goals[i].label,
		       goal_text(&m->goals[i], &r->ceiling[i], g, sizeof(g)),
		       r->why[i] ? r->why[i] : "-");
	}
	printf("  the teams are left as written\n");
}

static void print_staff(const model *m, size_t p, const staff_result *r)
{
	char h[512], g[400];
	double cost = 0;

	if (r->above_ceiling) {
		print_ceiling(m, p, r);
		return;
	}
	for (size_t k = 0; k < r->nteams; k++)
		cost += r->cost[k];
	printf("\npolicy %s: %s after %zu staffings simulated\n", m->policy[p].name,
	       r->met ? "the goals are met" : "THE GOALS CANNOT BE MET within the ceiling",
	       r->evaluations);
	printf("  %-16s %8s %8s %12s\n", "team", "before", "found", "cost");
	for (size_t k = 0; k < r->nteams; k++)
		printf("  %-16s %8d %8d %12.6g%s\n", m->policy[p].teams[k].name, r->before[k],
		       r->agents[k], r->cost[k], r->varied[k] ? "" : "  (not sized)");
	printf("  total cost %.6g; goals (%zu replications):\n", cost, r->reps);
	for (size_t i = 0; i < m->ngoals; i++)
		printf("    %s\n", goal_text(&m->goals[i], &r->goal[i], g, sizeof(g)));
	if (r->confirm_reps) {
		printf("  %s on %zu fresh replications (3 x those of the decision):\n",
		       r->confirmed ? "confirmed" : "NOT CONFIRMED even at the ceiling", r->confirm_reps);
		for (size_t i = 0; i < m->ngoals; i++)
			printf("    %s\n", goal_text(&m->goals[i], &r->confirm[i], g, sizeof(g)));
	}
	if (!r->undecided_agents)
		return;
	printf("  undecided after %zu replications: %s (cost %.6g) might also meet the goals:\n",
	       r->undecided_reps, heads_text(m, p, r->undecided_agents, h, sizeof(h)),
	       r->undecided_cost);
	for (size_t i = 0; i < m->ngoals; i++)
		if (r->undecided[i].decision == GOAL_UNDECIDED)
			printf("    %s, %+.4g from the goal\n",
			       goal_text(&m->goals[i], &r->undecided[i], g, sizeof(g)),
			       r->undecided[i].est.mean - m->goals[i].share);
}

/* Search every policy's staffing; 0, or an exit code (message printed). */
static int search_all(const cli_opts *o, const model *m, staff_result *res)
{
	err e = { 0 };
	batch_opts bo = {
		.threads = o->threads > 0 ? o->threads : batch_cpus(),
		.reps = m->replications,
		.seed = m->seed,
		.stop = &sim_stop,
	};
	bool tty = !o->quiet && isatty(STDERR_FILENO);

	/* the search keeps a policy's tallies, the run after it every policy's */
	if (tallies_fit(m, (size_t)m->replications, &e)) {
		cli_print_err(&e);
		return 1;
	}
	for (size_t p = 0; p < m->npolicies; p++) {
		int rc = staff_search(m, p, &bo, tty ? staff_progress : NULL, NULL, &res[p], &e);
		if (rc > 0 || sim_stopping()) {
			fprintf(stderr, "supsim staff: interrupted; no results written\n");
			return 1;
		}
		if (rc < 0) {
			cli_print_err(&e);
			return 1;
		}
	}
	return 0;
}

static int cmd_staff_once(cli_opts *o);

int cmd_staff(cli_opts *o)
{
	return o->by ? cmd_staff_plan(o) : cmd_staff_once(o);
}

static int cmd_staff_once(cli_opts *o)
{
	model m;
	staff_model sm = { 0 };
	staff_result *res = NULL;
	tally *t = NULL;
	char defdir[16 + SIM_NAME_MAX];
	err e = { 0 };
	int rc;

	cli_catch_signals(on_signal);
	rc = outdir_too_long(o);
	if (!rc)
		rc = cli_load(o, &m);
	if (rc)
		return rc;
	if (!m.ngoals) {
		fprintf(stderr, "%s: [staff] goal: none given; staff needs at least one goal "
			"(docs/scenario.md)\n", o->scenario);
		model_fini(&m);
		return 2;
	}
	const char *outdir = outdir_of(o, &m, defdir, sizeof(defdir));
	/* as run does before simulating: a folder it may not replace is said
	 * before the search, not after it */
	if (report_check(outdir, &e)) {
		cli_print_err(&e);
		fprintf(stderr, "supsim staff: no results written to %s\n", outdir);
		rc = 1;
	}
	res = rc ? NULL : calloc(m.npolicies, sizeof(*res));
	if (!rc && !res) {
		fprintf(stderr, "supsim staff: out of memory\n");
		rc = 1;
	}
	if (!rc)
		rc = search_all(o, &m, res);
	if (!rc && staff_model_make(&m, res, &sm, &e)) {
		cli_print_err(&e);
		rc = 1;
	}
	extra_file x = { write_staff, res };
	if (!rc)
		rc = simulate(o, &sm.m, outdir, &x, &t);
	if (!rc && !o->quiet) {
		printf("results of the staffing found in %s/\n", outdir);
		for (size_t p = 0; p < m.npolicies; p++)
			print_staff(&m, p, &res[p]);
	}
	tallies_destroy(t, m.npolicies * (size_t)m.replications);
	staff_model_fini(&sm);
	for (size_t p = 0; res && p < m.npolicies; p++)
		staff_result_fini(&res[p]);
	free(res);
	model_fini(&m);
	return rc;
}

/* For the verbs in other files (cli_overtime.c): the same folder default. */
void cli_default_outdir(const model *m, char *buf, size_t len)
{
	default_outdir(m, buf, len);
}
