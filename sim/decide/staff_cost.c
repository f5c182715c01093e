/* staff_cost.c: what a staffing costs (team.cost x agent-hours on shift
 * over the span counted), and the cost steps of the staffing search: from
 * a staffing that meets the goals, the cheapest step (a head removed, or
 * one moved between two teams) that keeps them met, until none does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/staff_impl.h"

/* Total cost of a staffing: team.cost x agent-hours on shift over the span
 * counted, every team of the policy (sized ones at agents[k]). */
double cost_team(const search *s, size_t k, int n)
{
	const team_model *o = &s->orig[k];
	double h = 0;

	for (size_t i = 0; i < o->nshifts; i++) {
		double a = fmax(o->shifts[i].start, s->from_s), b = fmin(o->shifts[i].end, s->to_s);
		int heads = o->shifts[i].agents;
		if (s->r->varied[k])
			heads = (int)lround((double)o->shifts[i].agents * n / o->agents);
		if (b > a)
			h += heads * (b - a) / 3600;
	}
	return o->cost * h;
}

double cost_staffing(const search *s, const int *agents)
{
	double c = 0;

	for (size_t k = 0; k < s->r->nteams; k++)
		c += cost_team(s, k, agents[k]);
	return c;
}

/* A cost step must save at least this share of the total cost: closer
 * costs are not worth a different answer, and walking along a valley of
 * nearly equal costs would leave where it stops to the noise of the goals
 * (docs/staff.md). */
#define STAFF_MIN_SAVING 0.01

int cost_step_cmp(const void *a, const void *b)
{
	const step *x = a, *y = b;

	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1; /* removals (-1) first */
	return x->from - y->from;
}

/* The steps from agents that cost less, cheapest first, into st; count. */
static size_t cheaper_steps(search *s, const int *agents, int *trial, step *st)
{
	size_t n = 0, nt = s->r->nteams;
	double now = cost_staffing(s, agents);

	for (size_t a = 0; a < nt; a++) {
		if (!s->r->varied[a] || agents[a] == 0)
			continue;
		for (int b = -1; b < (int)nt; b++) {
			if (b == (int)a || (b >= 0 && (!s->r->varied[b] || agents[b] >= s->cap[b])))
				continue;
			memcpy(trial, agents, nt * sizeof(int));
			trial[a]--;
			if (b >= 0)
				trial[b]++;
			double c = cost_staffing(s, trial);
			if (c <= now * (1 - STAFF_MIN_SAVING))
				st[n++] = (step){ (int)a, b, c };
		}
	}
	qsort(st, n, sizeof(*st), cost_step_cmp);
	return n;
}

/* From a staffing that meets the goals: take the cheapest step (a head
 * removed from any team, or one moved between two teams) that keeps them
 * met, until none does. */
int cost_cheapen(search *s, int *agents, err *e)
{
	size_t nt = s->r->nteams;
	int *trial = mem_alloc(nt * sizeof(int));
	step *st = mem_alloc((nt * (nt + 1) + 1) * sizeof(*st));
	int rc = trial && st ? 0 : err_nomem(e);
	bool moved = true;

	s->step = "cost";
	while (!rc && moved) {
		size_t n = cheaper_steps(s, agents, trial, st);
		moved = false;
		for (size_t i = 0; i < n && !rc && !moved; i++) {
			cand *c;
			memcpy(trial, agents, nt * sizeof(int));
			trial[st[i].from]--;
			if (st[i].to >= 0)
				trial[st[i].to]++;
			rc = search_evaluate(s, trial, &c, e);
			if (!rc && search_met(s, c)) {
				memcpy(agents, trial, nt * sizeof(int));
				moved = true;
				rc = search_accepted(s, agents, e);
			}
		}
	}
	free(trial);
	free(st);
	return rc;
}
