/* staff.c: the staffing search of staff.h, and its candidates.  It runs a
 * scratch copy of the model that holds the one policy searched, whose
 * teams own their shift arrays: a candidate staffing rewrites the heads of
 * every shift of a team in proportion (heads x n / agents as written, so
 * overlapping ranges keep adding up), then the same replications run
 * through batch_run, in batches until every goal is decided.  Staffings
 * already simulated are remembered, so no candidate runs twice.  Here: a
 * candidate simulated and judged, the search's steps in order (ceiling,
 * as written, grow, trim, cost, confirm), grow and trim; the ceiling in
 * staff_ceiling.c, the cost steps in staff_cost.c, the confirmation in
 * staff_confirm.c, staff.csv and staff_goals.csv in staff_write.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/staff.h"
#include "decide/staff_impl.h"

static void teams_free(team_model *t, size_t n);

void staff_result_fini(staff_result *r)
{
	free(r->before);
	free(r->agents);
	free(r->ceiling_agents);
	free(r->cost);
	free(r->varied);
	free(r->undecided_agents);
	for (size_t g = 0; g < SIM_MAX_GOALS; g++)
		free(r->why[g]);
	memset(r, 0, sizeof(*r));
}

/* tm (a copy of o with shifts of its own) with n heads per shift instead
 * of o's agents, in proportion, so overlapping ranges keep adding up. */
void search_scale_team(team_model *tm, const team_model *o, int n)
{
	tm->agents = n;
	for (size_t i = 0; i < o->nshifts; i++) {
		double h = (double)o->shifts[i].agents * n / o->agents;
		tm->shifts[i].agents = (int)lround(h);
	}
}

/* Copies of the n teams of src, each owning its shifts; NULL on ENOMEM. */
static team_model *teams_copy(const team_model *src, size_t n)
{
	team_model *t = mem_calloc(n ? n : 1, sizeof(*t));

	for (size_t k = 0; t && k < n; k++) {
		t[k] = src[k];
		t[k].shifts = mem_alloc((src[k].nshifts ? src[k].nshifts : 1) * sizeof(shift_iv));
		if (!t[k].shifts) {
			teams_free(t, k);
			return NULL;
		}
		if (src[k].nshifts) /* a team left out of the policy has none (and NULL) */
			memcpy(t[k].shifts, src[k].shifts, src[k].nshifts * sizeof(shift_iv));
	}
	return t;
}

static void teams_free(team_model *t, size_t n)
{
	for (size_t k = 0; t && k < n; k++)
		free(t[k].shifts);
	free(t);
}

/* Met: every goal met (or without contacts), and no more contacts
 * deflected than with the staffing as written: closing lines must not buy
 * attainment by turning customers away. */
bool search_met(const search *s, const cand *c)
{
	return c->ok && (!s->have_ref || c->deflected <= s->ref_deflected);
}

static cand *remembered(search *s, const int *agents)
{
	for (size_t i = 0; i < s->nseen; i++)
		if (!memcmp(s->seen[i].agents, agents, s->pol.nteams * sizeof(int)))
			return &s->seen[i];
	return NULL;
}

static cand *remember(search *s, const int *agents, err *e)
{
	if (s->nseen == s->capseen) {
		size_t ncap = s->capseen ? 2 * s->capseen : 16;
		cand *c = mem_realloc(s->seen, ncap * sizeof(*c));
		if (!c)
			goto nomem;
		s->seen = c;
		s->capseen = ncap;
	}
	cand *c = &s->seen[s->nseen];
	memset(c, 0, sizeof(*c));
	c->agents = mem_alloc(s->pol.nteams * sizeof(int));
	if (!c->agents)
		goto nomem;
	memcpy(c->agents, agents, s->pol.nteams * sizeof(int));
	s->nseen++;
	return c;
nomem:
	err_nomem(e);
	return NULL;
}

/* At least n tallies for one batch; 0 or -1 with e set. */
int search_tallies(search *s, size_t n, err *e)
{
	if (n <= s->nt)
		return 0;
	tally *t = mem_realloc(s->t, n * sizeof(*t));
	if (!t)
		return err_nomem(e);
	s->t = t;
	for (; s->nt < n; s->nt++)
		if (tally_init_lean(&s->t[s->nt], &s->mm, 0))
			return err_nomem(e);
	return 0;
}

static double deflected_mean(const tally *t, size_t reps)
{
	double d = 0;

	for (size_t r = 0; r < reps; r++)
		for (size_t c = 0; c < t[r].ncells; c++)
			d += (double)t[r].deflected[c];
	return reps ? d / (double)reps : 0;
}

/* Judge every goal on the n replications so far; sets c->ok, c->open and
 * returns whether more replications could still change the answer. */
static bool judge(search *s, cand *c, size_t n, const double *arrived)
{
	const model *m = s->m;
	bool missed = false, open = false;

	for (size_t g = 0; g < m->ngoals; g++) {
		c->goal[g] = goals_judge(&m->goals[g], m->staff_confidence, s->vals + g * s->maxreps,
					 n, arrived[g]);
		missed |= c->goal[g].decision == GOAL_MISSED;
		open |= c->goal[g].decision == GOAL_UNDECIDED;
	}
	c->ok = !missed && !open;
	c->open = !missed && open;
	c->reps = n;
	return c->open;
}

/* The replications of the staffing set in s->pol: a first batch, then
 * batches doubling the count while a goal is undecided and none missed, up
 * to maxreps.  0, 1 when stopped, -1 with e set. */
static int replicate(search *s, cand *c, err *e)
{
	double arrived[SIM_MAX_GOALS] = { 0 };
	size_t n = 0, target = s->reps0;

	for (;;) {
		size_t b = target - n;
		batch_opts o = *s->bo;
		o.reps = (int)b;
		o.first_rep = (int)n;
		if (search_tallies(s, b, e))
			return -1;
		int rc = batch_run(&s->mm, &o, s->t, e);
		if (rc)
			return rc;
		if (n == 0)
			c->deflected = deflected_mean(s->t, b);
		for (size_t g = 0; g < s->m->ngoals; g++)
			goals_values(&s->m->goals[g], s->t, b, s->vals + g * s->maxreps + n, &arrived[g]);
		n = target;
		if (!judge(s, c, n, arrived) || n >= s->maxreps)
			return 0;
		target = 2 * n < s->maxreps ? 2 * n : s->maxreps;
	}
}

/* Simulate a staffing (or recall it): *out points at its record.  0, 1 when
 * stopped, -1 with e set. */
int search_evaluate(search *s, const int *agents, cand **out, err *e)
{
	cand *c = remembered(s, agents);

	if (c) {
		*out = c;
		return 0;
	}
	for (size_t k = 0; k < s->pol.nteams; k++)
		if (s->r->varied[k])
			search_scale_team(&s->pol.teams[k], &s->orig[k], agents[k]);
	c = remember(s, agents, e);
	if (!c)
		return -1;
	c->cost = cost_staffing(s, agents);
	int rc = replicate(s, c, e);
	if (rc)
		return rc;
	s->r->evaluations++;
	if (s->progress) {
		staff_tried t = { s->p, c->agents, c->cost, c->goal, c->reps, search_met(s, c), s->step };
		s->progress(s->ctx, s->m, &t);
	}
	*out = c;
	return 0;
}

/* Grow every sized team in proportion (x1.25 a step, at least one head)
 * until the goals are met or every sized team is at its ceiling. */
static int grow(search *s, int *agents, cand **c, err *e)
{
	const staff_result *r = s->r;
	int rc = search_evaluate(s, agents, c, e);

	s->step = "grow";
	for (double f = 1.25; !rc && !search_met(s, *c); f *= 1.25) {
		int grew = 0;
		for (size_t k = 0; k < r->nteams; k++) {
			if (!r->varied[k] || agents[k] >= s->cap[k])
				continue;
			int n = (int)fmin(ceil(r->before[k] * f), s->cap[k]);
			agents[k] = n > agents[k] ? n : agents[k] + 1;
			grew = 1;
		}
		if (!grew)
			break; /* every team at its ceiling */
		rc = search_evaluate(s, agents, c, e);
	}
	return rc;
}

/* Team by team, the fewest heads that keep the goals met (binary search,
 * the others fixed); again until a pass changes nothing. */
static int trim(search *s, int *agents, err *e)
{
	int *trial = mem_alloc(s->r->nteams * sizeof(int));
	int rc = 0, changed = 1;
	cand *c;

	if (!trial)
		return err_nomem(e);
	s->step = "trim";
	for (int pass = 0; pass < 8 && changed && !rc; pass++) {
		changed = 0;
		for (size_t k = 0; k < s->r->nteams && !rc; k++) {
			if (!s->r->varied[k])
				continue;
			int lo = 0, hi = agents[k];
			memcpy(trial, agents, s->r->nteams * sizeof(int));
			while (lo < hi && !rc) {
				trial[k] = lo + (hi - lo) / 2;
				rc = search_evaluate(s, trial, &c, e);
				if (!rc && search_met(s, c))
					hi = trial[k];
				else
					lo = trial[k] + 1;
			}
			if (!rc && hi < agents[k]) {
				agents[k] = hi;
				changed = 1;
			}
		}
	}
	free(trial);
	return rc;
}

/* Remember an accepted staffing (for confirm's walk back); 0 or -1. */
int search_accepted(search *s, const int *agents, err *e)
{
	size_t nt = s->r->nteams;

	if (s->nhist == s->caphist) {
		size_t ncap = s->caphist ? 2 * s->caphist : 16;
		int *h = mem_realloc(s->hist, ncap * nt * sizeof(int));
		if (!h)
			return err_nomem(e);
		s->hist = h;
		s->caphist = ncap;
	}
	memcpy(s->hist + s->nhist++ * nt, agents, nt * sizeof(int));
	return 0;
}

static int setup(search *s, const model *m, size_t p, err *e)
{
	const policy_model *src = &m->policy[p];
	staff_result *r = s->r;
	size_t n = src->nteams, n1 = n ? n : 1;

	s->orig = src->teams;
	s->pol = *src;
	s->pol.teams = teams_copy(src->teams, n);
	r->nteams = n;
	r->ngoals = m->ngoals;
	r->before = mem_calloc(n1, sizeof(int));
	r->agents = mem_calloc(n1, sizeof(int));
	r->ceiling_agents = mem_calloc(n1, sizeof(int));
	r->cost = mem_calloc(n1, sizeof(double));
	r->varied = mem_calloc(n1, sizeof(bool));
	s->cap = mem_calloc(n1, sizeof(int));
	s->maxreps = (size_t)(m->staff_max_reps > s->bo->reps ? m->staff_max_reps : s->bo->reps);
	s->vals = mem_calloc((m->ngoals ? m->ngoals : 1) * s->maxreps, sizeof(double));
	if (!s->pol.teams || !r->before || !r->agents || !r->ceiling_agents || !r->cost ||
	    !r->varied || !s->cap || !s->vals)
		return err_nomem(e);
	for (size_t k = 0; k < n; k++) {
		const team_model *tm = &src->teams[k];
		r->before[k] = r->agents[k] = tm->agents;
		r->varied[k] = tm->staff && tm->agents > 0 && tm->nshifts > 0;
	}
	s->mm = *m;
	s->mm.npolicies = 1;
	s->mm.policy = &s->pol;
	run_window_span(m, &s->bo->window, &s->from_s, &s->to_s);
	return 0;
}

static void search_fini(search *s)
{
	teams_free(s->pol.teams, s->pol.nteams);
	for (size_t i = 0; s->t && i < s->nt; i++)
		tally_fini(&s->t[i]);
	free(s->t);
	for (size_t i = 0; i < s->nseen; i++)
		free(s->seen[i].agents);
	free(s->seen);
	free(s->cap);
	free(s->vals);
	free(s->hist);
}

/* The cheapest staffing refused only because a goal stayed undecided, if
 * it costs less than the answer. */
static int keep_undecided(search *s, double cost, err *e)
{
	staff_result *r = s->r;
	const cand *best = NULL;

	for (size_t i = 0; i < s->nseen; i++) {
		const cand *c = &s->seen[i];
		if (c->open && c->cost < cost && (!best || c->cost < best->cost))
			best = c;
	}
	if (!best)
		return 0;
	r->undecided_agents = mem_alloc(r->nteams * sizeof(int));
	if (!r->undecided_agents)
		return err_nomem(e);
	memcpy(r->undecided_agents, best->agents, r->nteams * sizeof(int));
	memcpy(r->undecided, best->goal, sizeof(r->undecided));
	r->undecided_cost = best->cost;
	r->undecided_reps = best->reps;
	return 0;
}

/* The search proper, once set up: ceiling, as written, grow, trim, cost. */
static int search_run(search *s, err *e)
{
	staff_result *r = s->r;
	cand *c = NULL;
	int rc = ceiling_find(s, &c, e);

	if (!rc && !c->ok) {
		r->above_ceiling = true;
		return ceiling_explain(s, c, e);
	}
	s->step = "as written";
	if (!rc)
		rc = search_evaluate(s, r->agents, &c, e);
	if (!rc) {
		s->have_ref = true;
		s->ref_deflected = c->deflected;
		rc = grow(s, r->agents, &c, e);
	}
	/* records move when more are remembered: c is good until the next
	 * evaluate only, so met is read before trim and the final record
	 * recalled after cheapen */
	bool ok = !rc && search_met(s, c);
	if (ok)
		rc = trim(s, r->agents, e);
	if (!rc && ok)
		rc = search_accepted(s, r->agents, e);
	if (!rc && ok)
		rc = cost_cheapen(s, r->agents, e);
	if (!rc && ok && s->m->staff_confidence > 0)
		rc = confirm_search(s, r->agents, e);
	if (!rc)
		rc = search_evaluate(s, r->agents, &c, e); /* recalled: the final record */
	if (rc)
		return rc;
	r->met = search_met(s, c);
	memcpy(r->goal, c->goal, sizeof(r->goal));
	r->reps = c->reps;
	return keep_undecided(s, c->cost, e);
}

int staff_search(const model *m, size_t p, const batch_opts *bo, staff_progress_fn progress,
		 void *ctx, staff_result *r, err *e)
{
	search s = { .m = m, .p = p, .bo = bo, .reps0 = (size_t)bo->reps, .r = r,
		     .progress = progress, .ctx = ctx };
	int rc;

	memset(r, 0, sizeof(*r));
	rc = setup(&s, m, p, e);
	if (!rc)
		rc = search_run(&s, e);
	for (size_t k = 0; !rc && k < r->nteams; k++)
		r->cost[k] = cost_team(&s, k, r->agents[k]);
	search_fini(&s);
	return rc;
}

int staff_model_make(const model *m, const staff_result *res, staff_model *out, err *e)
{
	memset(out, 0, sizeof(*out));
	out->m = *m;
	out->pol = mem_calloc(m->npolicies, sizeof(policy_model));
	if (!out->pol)
		return err_nomem(e);
	out->m.policy = out->pol;
	for (size_t p = 0; p < m->npolicies; p++) {
		const policy_model *src = &m->policy[p];
		out->pol[p] = *src;
		out->pol[p].teams = teams_copy(src->teams, src->nteams);
		out->npol = p + 1;
		if (!out->pol[p].teams) {
			staff_model_fini(out);
			return err_nomem(e);
		}
		for (size_t k = 0; k < src->nteams; k++)
			if (res[p].varied[k])
				search_scale_team(&out->pol[p].teams[k], &src->teams[k], res[p].agents[k]);
	}
	return 0;
}

void staff_model_fini(staff_model *sm)
{
	for (size_t p = 0; sm->pol && p < sm->npol; p++)
		teams_free(sm->pol[p].teams, sm->pol[p].nteams);
	free(sm->pol);
	memset(sm, 0, sizeof(*sm));
}
