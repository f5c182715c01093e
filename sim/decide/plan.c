/* plan.c: pools, goals, the scratch model and its simulation, and the
 * Erlang answer that `require` and `schedule` share (plan.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/erlang.h"
#include "decide/goals.h"
#include "decide/plan.h"
#include "results/report.h"

/* ---- goals ---- */

double goal_share(const model *m, size_t p)
{
	return m->goal[p];
}

bool goal_any(const model *m)
{
	for (size_t p = 0; p < m->nprio; p++)
		if (!isnan(goal_share(m, p)))
			return true;
	return false;
}

double goal_target_s(const model *m, size_t p)
{
	double t = INFINITY;

	for (size_t k = 0; k < m->ntiers; k++)
		t = fmin(t, m->sla_s[k * m->nprio + p]);
	return t;
}

/* ---- hourly counts from the tallies' hourly cells ---- */

/* Met and counted (met, missed, and the abandonments [scenario] abandoned
 * counts as missed) of pool q, priority p, in tally row `row`, one
 * replication. */
static void cell_counts(const plan *pl, const tally *t, size_t q, size_t row, size_t p,
			double *met, double *n)
{
	for (unsigned ch = 0; ch < CH_SELF; ch++) {
		if (!(pl->pool[q].skills >> ch & 1))
			continue;
		size_t c = tally_hcell(t, row, p, ch);
		*met += t->hc_met[c];
		*n += t->hc_met[c] + t->hc_missed[c] +
		      (double)tally_abandons_missed(t->abandon, t->hc_abandoned[c],
						    t->hc_abandoned_in[c]);
	}
}

/* ---- set-up ---- */

/* Expected arrivals preferring channel ch over the horizon; adds those
 * without patience to *nopat_w and their patience means to *patience_w. */
static double channel_weight(const model *m, unsigned ch, double *nopat_w, double *patience_w)
{
	double w = 0;

	for (size_t s = 0; s < m->nsegments; s++) {
		const segment_model *sm = &m->segment[s];
		double pc = sm->chan_cdf[ch] - (ch ? sm->chan_cdf[ch - 1] : 0);
		double a = sm->rate.cum[sm->rate.n] * pc;
		w += a;
		if (sm->patience[ch].kind != DIST_NONE)
			*patience_w += a * sm->patience[ch].mean_s;
		else
			*nopat_w += a;
	}
	return w;
}

/* The Erlang model of a pool: mean agent time per ticket over its
 * channels (chat divided by its concurrency), patience when every contact
 * of the pool has one. */
static void pool_erlang(const model *m, const policy_model *pol, plan_pool *q)
{
	double w = 0, work = 0, nopat = 0, pat = 0;

	for (unsigned ch = 0; ch < CH_SELF; ch++) {
		if (!(q->skills >> ch & 1) || !m->channel[ch].used)
			continue;
		double wc = channel_weight(m, ch, &nopat, &pat);
		w += wc;
		work += wc * m->channel[ch].handle.mean_s / m->channel[ch].concurrency;
	}
	q->mu = w > 0 && work > 0 ? w / work : 1.0 / 600;
	q->theta = w > 0 && nopat == 0 && pat > 0 ? w / pat : 0;
	q->shrink = pol->teams[q->team[0]].shrinkage;
}

static int make_pools(plan *pl, err *e)
{
	const policy_model *pol = &pl->m->policy[pl->p];

	if (pol->nteams > 64)
		return err_set(e, NULL, 0, "more than 64 teams");
	for (size_t k = 0; k < pol->nteams; k++) {
		const team_model *t = &pol->teams[k];
		size_t q = 0;
		pl->pool_of[k] = -1;
		if (!t->staff || t->agents <= 0)
			continue;
		while (q < pl->npools && (pl->pool[q].skills != t->skills ||
					  pl->pool[q].prio_mask != t->prio_mask))
			q++;
		if (q == PLAN_MAX_POOLS)
			return err_set(e, NULL, 0, "more than %d sets of skills among the teams sized",
				       PLAN_MAX_POOLS);
		if (q == pl->npools)
			pl->pool[pl->npools++] = (plan_pool){ .skills = t->skills,
							      .prio_mask = t->prio_mask };
		if (pl->pool[q].nteams == 32)
			return err_set(e, NULL, 0, "more than 32 teams with the same skills");
		pl->pool[q].team[pl->pool[q].nteams++] = k;
		pl->pool_of[k] = (int)q;
	}
	if (!pl->npools)
		return err_set(e, pl->m->source, 0, "policy %s: no team to size ([staff] teams, "
			       "agents > 0)", pol->name);
	for (size_t q = 0; q < pl->npools; q++)
		pool_erlang(pl->m, pol, &pl->pool[q]);
	return 0;
}

static int copy_teams(plan *pl, err *e)
{
	const policy_model *src = &pl->m->policy[pl->p];

	pl->pol = *src;
	pl->pol.teams = mem_calloc(src->nteams ? src->nteams : 1, sizeof(team_model));
	if (!pl->pol.teams)
		return err_nomem(e);
	for (size_t k = 0; k < src->nteams; k++) {
		pl->pol.teams[k] = src->teams[k];
		pl->pol.teams[k].shifts = NULL;
	}
	for (size_t k = 0; k < src->nteams; k++) {
		size_t n = src->teams[k].nshifts;
		pl->pol.teams[k].shifts = mem_alloc((n ? n : 1) * sizeof(shift_iv));
		if (!pl->pol.teams[k].shifts)
			return err_nomem(e);
		if (n) /* a team left out of the policy has none (and NULL) */
			memcpy(pl->pol.teams[k].shifts, src->teams[k].shifts, n * sizeof(shift_iv));
	}
	return 0;
}

/* ---- the targets of a pool's contacts ---- */

/* The channel a contact preferring pref uses under the entitlements at t
 * (every channel open), as the engine picks it. */
static int channel_at(const policy_model *pol, const model *m, const segment_model *sm,
		      int pref, double t)
{
	return model_route_channel(sm, pref, policy_allowed(pol, m->ntiers, sm->tier, sm->role, t));
}

/* The slot of target t among priority p's targets of pool q, added when
 * new; with PLAN_MAX_TARGETS taken, the longest one not above t (else the
 * shortest): a stricter target, never a looser one. */
static size_t target_slot(plan_pool *q, size_t p, double t)
{
	size_t n = q->ntgt[p], best = 0;

	for (size_t i = 0; i < n; i++)
		if (q->tgt[p][i] == t)
			return i;
	if (n < PLAN_MAX_TARGETS) {
		q->tgt[p][n] = t;
		return q->ntgt[p]++;
	}
	for (size_t i = 1; i < n; i++) {
		bool ok = q->tgt[p][i] <= t, was = q->tgt[p][best] <= t;
		if ((ok && (!was || q->tgt[p][i] > q->tgt[p][best])) ||
		    (!ok && !was && q->tgt[p][i] < q->tgt[p][best]))
			best = i;
	}
	return best;
}

/* Expected arrivals of pool q in hour h by priority and target into
 * w[nprio * PLAN_MAX_TARGETS] (added to). */
static void hour_targets(plan *pl, size_t q, size_t h, double *w)
{
	const model *m = pl->m;
	plan_pool *pool = &pl->pool[q];
	double a = h * 3600.0, b = fmin((h + 1) * 3600.0, m->horizon_s);

	for (size_t s = 0; s < m->nsegments; s++) {
		const segment_model *sm = &m->segment[s];
		double n = rate_fn_cum(&sm->rate, b) - rate_fn_cum(&sm->rate, a);
		for (int ch = 0; n > 0 && ch < SIM_NCH; ch++) {
			double pc = sm->chan_cdf[ch] - (ch ? sm->chan_cdf[ch - 1] : 0);
			int used = pc > 0 ? channel_at(&pl->pol, m, sm, ch, (a + b) / 2) : CH_SELF;
			if (used == CH_SELF || !(pool->skills >> used & 1))
				continue;
			for (size_t p = 0; p < m->nprio; p++) {
				double pp = sm->prio_cdf[p] - (p ? sm->prio_cdf[p - 1] : 0);
				if (!(pool->prio_mask >> p & 1) || pp <= 0)
					continue;
				size_t k = target_slot(pool, p, model_target_s(m, (size_t)sm->tier, p,
										(size_t)used));
				w[p * PLAN_MAX_TARGETS + k] += n * pc * pp;
			}
		}
	}
}

/* Shares summing to 1; none: those of dflt (when given). */
static void normalise(double *w, const double *dflt)
{
	double sum = 0;

	for (size_t i = 0; i < PLAN_MAX_TARGETS; i++)
		sum += w[i];
	if (sum <= 0 && dflt)
		memcpy(w, dflt, PLAN_MAX_TARGETS * sizeof(double));
	for (size_t i = 0; sum > 0 && i < PLAN_MAX_TARGETS; i++)
		w[i] /= sum;
}

/* plan.mix: each hour's shares of the targets per pool and priority. */
static int make_mix(plan *pl, err *e)
{
	size_t np = pl->m->nprio, row = np * PLAN_MAX_TARGETS;
	double all[SIM_MAX_PRIO * PLAN_MAX_TARGETS];

	pl->mix = calloc(pl->npools * pl->nhours * row + 1, sizeof(double));
	if (!pl->mix)
		return err_set(e, NULL, 0, "out of memory");
	for (size_t q = 0; q < pl->npools; q++) {
		memset(all, 0, sizeof(all));
		for (size_t h = 0; h < pl->nhours; h++) {
			double *w = pl->mix + (q * pl->nhours + h) * row;
			hour_targets(pl, q, h, w);
			for (size_t i = 0; i < row; i++)
				all[i] += w[i];
		}
		for (size_t p = 0; p < np; p++)
			normalise(all + p * PLAN_MAX_TARGETS, NULL);
		for (size_t h = 0; h < pl->nhours; h++)
			for (size_t p = 0; p < np; p++)
				normalise(pl->mix + (q * pl->nhours + h) * row + p * PLAN_MAX_TARGETS,
					  all + p * PLAN_MAX_TARGETS);
	}
	return 0;
}

int plan_init(plan *pl, const model *m, size_t p, const batch_opts *bo, err *e)
{
	memset(pl, 0, sizeof(*pl));
	pl->m = m;
	pl->p = p;
	pl->reps = (size_t)bo->reps;
	pl->nhours = (size_t)ceil(m->horizon_s / 3600);
	if (copy_teams(pl, e) || make_pools(pl, e) || make_mix(pl, e))
		return -1;
	pl->mm = *m;
	pl->mm.npolicies = 1;
	pl->mm.policy = &pl->pol;
	double w = m->warmup_s / 3600;
	if (w != floor(w))
		return err_set(e, m->source, 0, "[scenario] warmup: require and schedule need a "
			       "warm-up of whole hours (they count hours from the start)");
	pl->hour0 = (size_t)w;
	pl->t = mem_calloc(pl->reps, sizeof(tally));
	if (!pl->t)
		return err_nomem(e);
	for (size_t r = 0; r < pl->reps; r++)
		if (tally_init(&pl->t[r], &pl->mm, 0))
			return err_nomem(e);
	pl->bo = *bo;
	pl->bo.trace = NULL;
	return 0;
}

void plan_fini(plan *pl)
{
	for (size_t k = 0; pl->pol.teams && k < pl->pol.nteams; k++)
		free(pl->pol.teams[k].shifts);
	free(pl->pol.teams);
	for (size_t r = 0; pl->t && r < pl->reps; r++)
		tally_fini(&pl->t[r]);
	free(pl->t);
	free(pl->mix);
	memset(pl, 0, sizeof(*pl));
}

/* ---- staffing the scratch model ---- */

void plan_split(const plan *pl, size_t q, size_t h, int n, int *out)
{
	const plan_pool *pool = &pl->pool[q];
	const policy_model *orig = &pl->m->policy[pl->p];
	double mid = (h + 0.5) * 3600;
	int on = 0, first = -1;

	for (size_t i = 0; i < pool->nteams; i++) {
		out[i] = team_heads_at(&orig->teams[pool->team[i]], mid) > 0;
		on += out[i];
		if (out[i] && first < 0)
			first = (int)i;
	}
	if (!on) {
		out[0] = 1;
		on = 1;
		first = 0;
	}
	for (size_t i = 0; i < pool->nteams; i++)
		out[i] = out[i] ? n / on : 0;
	out[first] += n % on;
}

/* Replace team k's shifts with n sorted, disjoint intervals. */
static void team_take(team_model *t, shift_iv *iv, size_t n)
{
	int max = 0;

	free(t->shifts);
	t->shifts = iv;
	t->nshifts = n;
	for (size_t i = 0; i < n; i++)
		max = iv[i].agents > max ? iv[i].agents : max;
	t->agents = max;
	t->always = false;
}

int plan_set_hourly(plan *pl, size_t q, const int *heads, err *e)
{
	const plan_pool *pool = &pl->pool[q];
	int split[32];

	for (size_t i = 0; i < pool->nteams; i++) {
		shift_iv *iv = mem_alloc((pl->nhours ? pl->nhours : 1) * sizeof(*iv));
		size_t n = 0;
		if (!iv)
			return err_nomem(e);
		for (size_t h = 0; h < pl->nhours; h++) {
			plan_split(pl, q, h, heads[h], split);
			double a = h * 3600.0, b = fmin((h + 1) * 3600.0, pl->m->horizon_s);
			if (!split[i])
				continue;
			if (n && iv[n - 1].end == a && iv[n - 1].agents == split[i])
				iv[n - 1].end = b;
			else
				iv[n++] = (shift_iv){ a, b, split[i] };
		}
		team_take(&pl->pol.teams[pool->team[i]], iv, n);
	}
	return 0;
}

typedef struct edge {
	double t;
	int d;
} edge;

static int cmp_edge(const void *a, const void *b)
{
	const edge *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

int plan_set_intervals(plan *pl, size_t k, const shift_iv *iv, size_t n, err *e)
{
	edge *ed = mem_alloc((2 * n + 1) * sizeof(*ed));
	shift_iv *out = mem_alloc((2 * n + 1) * sizeof(*out));
	size_t ne = 0, no = 0;
	int heads = 0;

	if (!ed || !out) {
		free(ed);
		free(out);
		return err_nomem(e);
	}
	for (size_t i = 0; i < n; i++) {
		double a = fmax(iv[i].start, 0), b = fmin(iv[i].end, pl->m->horizon_s);
		if (b <= a || iv[i].agents <= 0)
			continue;
		ed[ne++] = (edge){ a, iv[i].agents };
		ed[ne++] = (edge){ b, -iv[i].agents };
	}
	qsort(ed, ne, sizeof(*ed), cmp_edge);
	for (size_t i = 0; i < ne; i++) {
		heads += ed[i].d;
		if (i + 1 < ne && ed[i + 1].t == ed[i].t)
			continue;
		if (i + 1 == ne || heads <= 0)
			continue;
		if (no && out[no - 1].end == ed[i].t && out[no - 1].agents == heads)
			out[no - 1].end = ed[i + 1].t;
		else
			out[no++] = (shift_iv){ ed[i].t, ed[i + 1].t, heads };
	}
	free(ed);
	team_take(&pl->pol.teams[k], out, no);
	return 0;
}

/* ---- simulation ---- */

int plan_simulate(plan *pl, err *e)
{
	pl->runs++;
	return batch_run(&pl->mm, &pl->bo, pl->t, e);
}

void plan_counts(const plan *pl, size_t q, size_t h, size_t p, double *met, double *n)
{
	*met = *n = 0;
	if (h < pl->hour0 || !(pl->pool[q].prio_mask >> p & 1))
		return; /* the warm-up: nothing counted */
	for (size_t r = 0; r < pl->reps; r++)
		if (h - pl->hour0 < pl->t[r].nhours)
			cell_counts(pl, &pl->t[r], q, h - pl->hour0, p, met, n);
}

int plan_goals_met(const plan *pl, goal_est *out, bool *met)
{
	if (goals_eval(pl->m, pl->t, pl->reps, out))
		return -1;
	*met = true;
	for (size_t g = 0; g < pl->m->ngoals; g++)
		*met = *met && goals_ok(out[g].decision);
	return 0;
}

/* ---- the Erlang answer ---- */


double plan_arrivals(const plan *pl, size_t q, size_t h)
{
	const model *m = pl->m;
	double a = h * 3600.0, b = fmin((h + 1) * 3600.0, m->horizon_s), sum = 0;

	for (size_t s = 0; s < m->nsegments; s++) {
		const segment_model *sm = &m->segment[s];
		double n = rate_fn_cum(&sm->rate, b) - rate_fn_cum(&sm->rate, a), taken = 0;
		for (size_t p = 0; p < m->nprio; p++)
			if (pl->pool[q].prio_mask >> p & 1)
				taken += sm->prio_cdf[p] - (p ? sm->prio_cdf[p - 1] : 0);
		n *= taken;
		for (int ch = 0; ch < SIM_NCH; ch++) {
			double pc = sm->chan_cdf[ch] - (ch ? sm->chan_cdf[ch - 1] : 0);
			int used = channel_at(&pl->pol, m, sm, ch, (a + b) / 2);
			if (pc > 0 && used != CH_SELF && pl->pool[q].skills >> used & 1)
				sum += n * pc;
		}
	}
	return sum;
}

/* P(wait <= t) in pool q with n available agents at rate lambda. */
static double attain_one(const plan_pool *pool, int n, double lambda, double t)
{
	double a;

	if (pool->theta > 0)
		a = erlang_a_attain(n, lambda, pool->mu, pool->theta, t);
	else
		a = erlang_c_sl(n, lambda, pool->mu, t);
	return isnan(a) ? 0 : a;
}

/* Attainment of priority p with `heads` scheduled heads at rate lambda:
 * over its targets, weighed by hour h's arrivals of each. */
static double attain_at(const plan *pl, size_t q, size_t h, size_t p, int heads, double lambda)
{
	const plan_pool *pool = &pl->pool[q];
	int n = (int)floor(heads * (1 - pool->shrink) + 1e-9);
	const double *w = pl->mix + ((q * pl->nhours + h) * pl->m->nprio + p) * PLAN_MAX_TARGETS;
	double a = 0;

	if (lambda <= 0)
		return 1;
	if (n < 1)
		return 0;
	if (!pool->ntgt[p])
		return attain_one(pool, n, lambda, goal_target_s(pl->m, p));
	for (size_t i = 0; i < pool->ntgt[p]; i++)
		if (w[i] > 0)
			a += w[i] * attain_one(pool, n, lambda, pool->tgt[p][i]);
	return a;
}

int plan_erlang_need_prio(const plan *pl, size_t q, size_t h, size_t p, double lambda)
{
	double g = goal_share(pl->m, p);
	int lo = 1, hi = 1;

	if (lambda <= 0 || isnan(g))
		return 0;
	while (attain_at(pl, q, h, p, hi, lambda) < g) {
		lo = hi + 1;
		if (hi > 1000000)
			return hi;
		hi *= 2;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (attain_at(pl, q, h, p, mid, lambda) >= g)
			hi = mid;
		else
			lo = mid + 1;
	}
	return hi;
}

int plan_erlang_need(const plan *pl, size_t q, size_t h, double lambda)
{
	int need = 0;

	for (size_t p = 0; p < pl->m->nprio; p++) {
		if (!(pl->pool[q].prio_mask >> p & 1))
			continue;
		int n = plan_erlang_need_prio(pl, q, h, p, lambda);
		need = n > need ? n : need;
	}
	return need;
}

double plan_erlang_load(const plan *pl, size_t q, size_t h, size_t p, int heads, double a,
			double hint)
{
	double lo = 0, hi = hint > 0 ? hint : 1.0 / 3600;

	for (int i = 0; i < 60 && attain_at(pl, q, h, p, heads, hi) > a; i++) {
		lo = hi;
		hi *= 2;
	}
	for (int i = 0; i < 50; i++) {
		double mid = (lo + hi) / 2;
		if (attain_at(pl, q, h, p, heads, mid) > a)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}
