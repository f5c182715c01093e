/* staff.c: `supsim staff`: search every policy's cheapest staffing
 * (decide/staff), then simulate and write the staffing found; with --by,
 * the plan period by period (overtime.c). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "cli/simulate.h"
#include "decide/staff.h"
#include "stop.h"

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

	snprintf(buf, len, "%s %s +-%s (%s %.4g: %s)", g->label, cli_num_text(x->est.mean, a, sizeof(a)),
		 cli_num_text(x->half, h, sizeof(h)), g->kind == GOAL_ABANDON ? "<=" : ">=", g->share,
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
			cli_num_text(t->goal[i].est.mean, a, sizeof(a)),
			cli_num_text(t->goal[i].half, w, sizeof(w)), dec[t->goal[i].decision]);
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
static int search_all(const cli_opts *o, const model *m, const run_opts *ro,
		      staff_result *res)
{
	err e = { 0 };
	batch_opts bo = {
		.threads = o->threads > 0 ? o->threads : batch_cpus(),
		.reps = ro->replications,
		.seed = ro->seed,
		.window = ro->window,
		.stop = &sim_stop,
	};
	bool tty = !o->quiet && isatty(STDERR_FILENO);

	/* the search keeps a policy's tallies, the run after it every policy's */
	if (cli_tallies_fit(m, (size_t)ro->replications, &e)) {
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
	run_opts ro;
	staff_model sm = { 0 };
	staff_result *res = NULL;
	tally *t = NULL;
	char defdir[16 + SIM_NAME_MAX];
	err e = { 0 };
	int rc;

	cli_catch_signals(cli_on_signal);
	const char *outdir;
	/* as run does before simulating: a folder it may not replace is said
	 * before the search, not after it */
	rc = cli_load_search(o, &m, &ro, NULL, "at least one goal", defdir, sizeof(defdir),
			     &outdir);
	if (rc)
		return rc;
	res = mem_calloc(m.npolicies, sizeof(*res));
	if (!rc && !res) {
		fprintf(stderr, "supsim staff: out of memory\n");
		rc = 1;
	}
	if (!rc)
		rc = search_all(o, &m, &ro, res);
	if (!rc && staff_model_make(&m, res, &sm, &e)) {
		cli_print_err(&e);
		rc = 1;
	}
	extra_file x = { write_staff, res };
	if (!rc)
		rc = cli_simulate(o, &sm.m, &ro, outdir, &x, &t);
	if (!rc && !o->quiet) {
		printf("results of the staffing found in %s/\n", outdir);
		for (size_t p = 0; p < m.npolicies; p++)
			print_staff(&m, p, &res[p]);
	}
	cli_tallies_destroy(t, m.npolicies * (size_t)ro.replications);
	staff_model_fini(&sm);
	for (size_t p = 0; res && p < m.npolicies; p++)
		staff_result_fini(&res[p]);
	free(res);
	model_fini(&m);
	return rc;
}
