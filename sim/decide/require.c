/* require.c: the iterative staffing algorithm of require.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/require.h"

void require_result_fini(require_result *r)
{
	free(r->heads);
	free(r->erlang);
	free(r->attain);
	memset(r, 0, sizeof(*r));
}

/* The hours whose tickets show the load of hour h for priority p: the
 * hour itself for a target of an hour or less, else the hours within the
 * target from h (at most a day): their tickets wait in the same stretch. */
static size_t window_hours(const plan *pl, size_t p)
{
	double w = ceil(goal_target_s(pl->m, p) / 3600);

	return w < 1 ? 1 : w > 24 ? 24 : (size_t)w;
}

/* The load factor of priority p around hour h of pool q: the arrival rate
 * that, under the Erlang model with the window's mean heads, gives the
 * attainment simulated over the window, over the window's mean rate.  1
 * when nothing was counted. */
static double load_factor(const plan *pl, size_t q, size_t h, size_t p, const int *heads,
			  const double *lambda)
{
	size_t w = window_hours(pl, p), n_h = 0;
	double met = 0, n = 0, s = 0, lam = 0;

	for (size_t k = h; k < h + w && k < pl->nhours; k++, n_h++) {
		double a, b;
		plan_counts(pl, q, k, p, &a, &b);
		met += a;
		n += b;
		s += heads[k];
		lam += lambda[k];
	}
	s = round(s / n_h);
	lam /= n_h;
	if (n < 1 || s < 1 || lam <= 0)
		return 1;
	double a = fmin(met / n, 1 - 0.5 / n);
	double load = plan_erlang_load(pl, q, h, p, (int)s, a, lam);
	/* none missed: no sign the hours are harder than their stationary
	 * load says (the cap above is no measurement) */
	if (met == n)
		load = fmin(load, lam);
	return load / lam;
}

/* Heads the simulated hour h of pool q needs, given the heads of every
 * hour of the pool in the last simulation. */
static int hour_need(const plan *pl, size_t q, size_t h, const int *heads, const double *lambda)
{
	int need = 0;

	for (size_t p = 0; p < pl->m->nprio; p++) {
		if (isnan(goal_share(pl->m, p)) || !(pl->pool[q].prio_mask >> p & 1))
			continue;
		double f = load_factor(pl, q, h, p, heads, lambda);
		int k = plan_erlang_need_prio(pl, q, h, p, lambda[h] * f);
		need = k > need ? k : need;
	}
	return need;
}

static void hour_attain(const plan *pl, size_t q, size_t h, double *out)
{
	double met = 0, n = 0;

	for (size_t p = 0; p < pl->m->nprio; p++) {
		double a, b;
		if (isnan(goal_share(pl->m, p)) || !(pl->pool[q].prio_mask >> p & 1))
			continue;
		plan_counts(pl, q, h, p, &a, &b);
		met += a;
		n += b;
	}
	*out = n > 0 ? met / n : NAN;
}

static int setup(plan *pl, require_result *r, double **lambda, err *e)
{
	size_t n = pl->npools * pl->nhours;

	memset(r, 0, sizeof(*r));
	r->npools = pl->npools;
	r->nhours = pl->nhours;
	r->heads = mem_calloc(n ? n : 1, sizeof(int));
	r->erlang = mem_calloc(n ? n : 1, sizeof(int));
	r->attain = mem_calloc(n ? n : 1, sizeof(double));
	*lambda = mem_calloc(n ? n : 1, sizeof(double));
	if (!r->heads || !r->erlang || !r->attain || !*lambda)
		return err_nomem(e);
	for (size_t q = 0; q < pl->npools; q++)
		for (size_t h = 0; h < pl->nhours; h++) {
			size_t i = q * pl->nhours + h;
			double dur = fmin(3600, pl->m->horizon_s - h * 3600.0);
			(*lambda)[i] = plan_arrivals(pl, q, h) / dur;
			r->erlang[i] = r->heads[i] = plan_erlang_need(pl, q, h, (*lambda)[i]);
		}
	return 0;
}

static int simulate(plan *pl, require_result *r, err *e)
{
	for (size_t q = 0; q < pl->npools; q++)
		if (plan_set_hourly(pl, q, r->heads + q * pl->nhours, e))
			return -1;
	r->iterations++;
	return plan_simulate(pl, e);
}

/* A two-cycle: every hour that would change would go back to what it had
 * one simulation before.  Noise at the margin of one head does that; the
 * larger of the two values is kept. */
static bool two_cycle(const int *prev, const int *cur, const int *next, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (next[i] != cur[i] && next[i] != prev[i])
			return false;
	return true;
}

int require_run(plan *pl, int max_iter, require_result *r, err *e)
{
	double *lambda = NULL;
	int *next = NULL, *prev = NULL;
	int rc = setup(pl, r, &lambda, e);
	size_t n = pl->npools * pl->nhours;

	if (!rc && (!(next = mem_alloc((n ? n : 1) * sizeof(int))) ||
		    !(prev = mem_alloc((n ? n : 1) * sizeof(int)))))
		rc = err_nomem(e);
	while (!rc) {
		rc = simulate(pl, r, e);
		if (rc || r->cycled)
			break;
		r->changed = 0;
		for (size_t i = 0; i < n; i++) {
			size_t q = i / pl->nhours, o = q * pl->nhours;
			next[i] = hour_need(pl, q, i % pl->nhours, r->heads + o, lambda + o);
			r->changed += next[i] != r->heads[i];
		}
		r->converged = r->changed == 0;
		if (r->converged || (int)r->iterations >= max_iter)
			break;
		r->cycled = r->iterations > 1 && two_cycle(prev, r->heads, next, n);
		memcpy(prev, r->heads, n * sizeof(int));
		for (size_t i = 0; i < n; i++)
			r->heads[i] = r->cycled && next[i] < r->heads[i] ? r->heads[i] : next[i];
	}
	for (size_t i = 0; !rc && i < n; i++)
		hour_attain(pl, i / pl->nhours, i % pl->nhours, &r->attain[i]);
	if (!rc && plan_goals_met(pl, r->goal, &r->goals_met))
		rc = err_nomem(e);
	free(next);
	free(prev);
	free(lambda);
	return rc;
}

int require_team_heads(const plan *pl, const int *of, size_t k, size_t h)
{
	int q = pl->pool_of[k], split[32];

	if (q < 0)
		return 0;
	plan_split(pl, (size_t)q, h, of[(size_t)q * pl->nhours + h], split);
	for (size_t i = 0; i < pl->pool[q].nteams; i++)
		if (pl->pool[q].team[i] == k)
			return split[i];
	return 0;
}
