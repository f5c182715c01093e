/* staffplan.c: the period-by-period staffing plan of staffplan.h, on the
 * scratch model of plan.h (its teams own their shifts; the counting window
 * of its batch options is set to the period searched). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/plan.h"
#include "decide/staffplan.h"

typedef struct sp {
	plan pl;
	const model *m;
	size_t p;
	staffplan *r;
	size_t j;           /* the period searched */
	int *cand;          /* [nteams] */
	goal_est *est;      /* [ngoals] of the last evaluation */
} sp;

void staffplan_fini(staffplan *r)
{
	free(r->bound);
	free(r->heads);
	free(r->sized);
	free(r->goal);
	free(r->met);
	memset(r, 0, sizeof(*r));
}

int staffplan_shifts(const model *m, size_t p, const staffplan *r, size_t k, shift_iv **out,
		     size_t *n)
{
	const team_model *o = &m->policy[p].teams[k];
	size_t cap = (o->nshifts + 1) * (r->nperiods + 1), c = 0;
	shift_iv *iv = mem_alloc(cap * sizeof(*iv));

	if (!iv)
		return -1;
	for (size_t i = 0; i < o->nshifts; i++) {
		if (!r->sized[k]) {
			iv[c++] = o->shifts[i];
			continue;
		}
		for (size_t j = 0; j < r->nperiods; j++) {
			double lo = j ? r->bound[j] : 0, hi = r->bound[j + 1];
			double a = fmax(o->shifts[i].start, lo), b = fmin(o->shifts[i].end, hi);
			int h = (int)lround((double)o->shifts[i].agents * r->heads[j * r->nteams + k] /
					    o->agents);
			if (b > a && h > 0)
				iv[c++] = (shift_iv){ a, b, h };
		}
	}
	*out = iv;
	*n = c;
	return 0;
}

/* Simulate with the fixed periods and the candidate from period j on;
 * *met says whether every goal is met in period j.  0, 1, -1. */
static int evaluate(sp *s, const int *cand, bool *met, err *e)
{
	staffplan *r = s->r;

	for (size_t j = s->j; j < r->nperiods; j++)
		memcpy(r->heads + j * r->nteams, cand, r->nteams * sizeof(int));
	for (size_t k = 0; k < r->nteams; k++) {
		shift_iv *iv;
		size_t n;
		if (!r->sized[k])
			continue;
		if (staffplan_shifts(s->m, s->p, r, k, &iv, &n))
			return err_nomem(e);
		int rc = plan_set_intervals(&s->pl, k, iv, n, e);
		free(iv);
		if (rc)
			return -1;
	}
	int rc = plan_simulate(&s->pl, e);
	if (rc)
		return rc;
	r->evaluations++;
	return plan_goals_met(&s->pl, s->est, met) ? err_nomem(e) : 0;
}

/* The heads of every sized team at level n: the largest sized team as
 * written gets n, the others in proportion (at least one where the team
 * has heads as written and n > 0). */
static void at_level(const sp *s, int n, int *c)
{
	const policy_model *pol = &s->m->policy[s->p];
	int top = 1;

	for (size_t k = 0; k < s->r->nteams; k++)
		if (s->r->sized[k] && pol->teams[k].agents > top)
			top = pol->teams[k].agents;
	for (size_t k = 0; k < s->r->nteams; k++) {
		if (!s->r->sized[k])
			continue;
		c[k] = (int)lround((double)pol->teams[k].agents * n / top);
		if (n > 0 && c[k] == 0)
			c[k] = 1;
	}
}

/* The lowest level meeting the goals of period s->j: doubling up from
 * the previous period's level until met (or max_agents), then a binary
 * search below.  *level in and out; c gets its heads. */
static int search_level(sp *s, int *level, int *c, err *e)
{
	int max = s->m->staff_max_agents > 0 ? s->m->staff_max_agents : 10000;
	int lo = 0, hi = *level > 0 ? *level : 1, rc;
	bool met = false;

	for (;;) {
		at_level(s, hi, c);
		rc = evaluate(s, c, &met, e);
		if (rc || met || hi >= max)
			break;
		lo = hi + 1;
		hi = hi * 2 > max ? max : hi * 2;
	}
	if (rc || !met) {
		*level = hi;
		return rc;
	}
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		at_level(s, mid, c);
		rc = evaluate(s, c, &met, e);
		if (rc)
			return rc;
		if (met)
			hi = mid;
		else
			lo = mid + 1;
	}
	*level = hi;
	at_level(s, hi, c);
	return 0;
}

static int setup(sp *s, const batch_opts *bo, double period_s, err *e)
{
	const model *m = s->m;
	const policy_model *pol = &m->policy[s->p];
	staffplan *r = s->r;
	double t0 = m->warmup_s;

	r->nteams = pol->nteams;
	r->ngoals = m->ngoals;
	r->nperiods = (size_t)ceil((m->horizon_s - t0) / period_s);
	if (r->nperiods == 0)
		return err_set(e, m->source, 0, "no period after the warm-up to plan");
	r->bound = mem_calloc(r->nperiods + 1, sizeof(double));
	r->heads = mem_calloc(r->nperiods * r->nteams + 1, sizeof(int));
	r->sized = mem_calloc(r->nteams + 1, sizeof(bool));
	r->goal = mem_calloc(r->nperiods * r->ngoals + 1, sizeof(goal_est));
	r->met = mem_calloc(r->nperiods, sizeof(bool));
	s->cand = mem_calloc(r->nteams + 1, sizeof(int));
	if (!r->bound || !r->heads || !r->sized || !r->goal || !r->met || !s->cand)
		return err_nomem(e);
	for (size_t j = 0; j <= r->nperiods; j++)
		r->bound[j] = fmin(t0 + j * period_s, m->horizon_s);
	for (size_t k = 0; k < r->nteams; k++) {
		const team_model *t = &pol->teams[k];
		r->sized[k] = t->staff && t->agents > 0 && t->nshifts > 0;
		s->cand[k] = t->agents;
	}
	if (plan_init(&s->pl, m, s->p, bo, e))
		return -1;
	s->pl.bo.window.on = true;
	return 0;
}

int staffplan_search(const model *m, size_t p, const batch_opts *bo, double period_s,
		     staffplan *r, err *e)
{
	sp s = { .m = m, .p = p, .r = r };
	int rc;
	bool met = false;

	memset(r, 0, sizeof(*r));
	rc = setup(&s, bo, period_s, e);
	int level = 0;
	for (size_t k = 0; !rc && k < r->nteams; k++) /* setup may have failed half-way */
		if (r->sized[k] && m->policy[p].teams[k].agents > level)
			level = m->policy[p].teams[k].agents;
	for (s.j = 0; !rc && s.j < r->nperiods; s.j++) {
		s.est = r->goal + s.j * r->ngoals;
		s.pl.bo.window.from_s = r->bound[s.j];
		s.pl.bo.window.to_s = r->bound[s.j + 1];
		rc = search_level(&s, &level, s.cand, e);
		for (size_t j = s.j; !rc && j < r->nperiods; j++) /* the trials' left */
			memcpy(r->heads + j * r->nteams, s.cand, r->nteams * sizeof(int));
	}
	/* each period's figures under the whole plan: a later period's heads
	 * serve the tickets an earlier one leaves waiting */
	size_t np = r->nperiods;
	for (size_t j = 0; !rc && j < np; j++) {
		s.j = np; /* every period fixed */
		s.est = r->goal + j * r->ngoals;
		s.pl.bo.window.from_s = r->bound[j];
		s.pl.bo.window.to_s = r->bound[j + 1];
		rc = evaluate(&s, s.cand, &met, e);
		if (!rc)
			r->met[j] = met;
	}
	free(s.cand);
	plan_fini(&s.pl);
	return rc;
}
