/* staff_ceiling.c: the ceiling of the staffing search, every sized team
 * at its largest useful head count (what the goals can reach on the hours
 * as written), and why a goal not met there is out of reach. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/staff_impl.h"

/* The load offered at the busiest instant, in agents (Erlangs): every
 * segment at its peak rate, with its channels' mean handling times. */
static double peak_load(const model *m)
{
	double a = 0;

	for (size_t i = 0; i < m->nsegments; i++) {
		const segment_model *sg = &m->segment[i];
		for (int ch = 0; ch < CH_SELF; ch++) {
			double share = sg->chan_cdf[ch] - (ch ? sg->chan_cdf[ch - 1] : 0);
			int conc = m->channel[ch].concurrency > 1 ? m->channel[ch].concurrency : 1;
			a += sg->rate.peak * share * m->channel[ch].handle.mean_s / conc;
		}
	}
	return a;
}

/* A team's heads at the ceiling: [staff] max_agents, or fewer when its
 * smallest shift then has (2 x peak load + 10) heads net of shrinkage: a
 * contact then hardly ever waits for a busy agent, so more would change
 * nothing the goals measure. */
static int ceiling_heads(const team_model *o, double load, int max)
{
	int minh = 0;

	for (size_t i = 0; i < o->nshifts; i++)
		if (o->shifts[i].agents > 0 && (!minh || o->shifts[i].agents < minh))
			minh = o->shifts[i].agents;
	if (!minh)
		return o->agents < max ? o->agents : max;
	double need = ceil((2 * load + 10) / (1 - o->shrinkage));
	double n = ceil(need * o->agents / minh);
	if (n < o->agents)
		n = o->agents;
	return n > max ? max : (int)n;
}

/* Did a goal missed at the smaller ceiling come closer to its goal, by
 * more than the noise, at the larger one? */
static bool closer(const staff_goal *goals, size_t n, const goal_est *was, const goal_est *now)
{
	for (size_t g = 0; g < n; g++) {
		if (goals_ok(was[g].decision))
			continue;
		double d = now[g].est.mean - was[g].est.mean;
		double noise = fmax(isnan(was[g].half) ? 0 : was[g].half, isnan(now[g].half) ? 0 : now[g].half);
		if (goals[g].kind == GOAL_ABANDON)
			d = -d;
		if (goals_ok(now[g].decision) || d > noise || isnan(was[g].est.mean))
			return true;
	}
	return false;
}

/* Is a goal missed at the ceiling out of reach at any head count: more
 * of its tickets than it may miss arrive where nobody takes them before
 * their target? */
static bool out_of_reach(const search *s, const goal_est *at)
{
	char buf[2048];

	for (size_t g = 0; g < s->m->ngoals; g++) {
		const staff_goal *sg = &s->m->goals[g];
		double late = 0;
		if (goals_ok(at[g].decision) || sg->kind != GOAL_ATTAIN)
			continue;
		staff_uncovered(s->m, s->p, &s->bo->window, sg, buf, sizeof(buf), &late);
		if (1 - late < sg->share)
			return true;
	}
	return false;
}

/* Every sized team at its ceiling: the most each goal can reach on the
 * hours as written.  When a goal is not met there (a backlog built while
 * nobody is on shift may need more heads to clear), the heads double, up
 * to max_agents, while a goal not met still comes closer, unless the
 * hours alone put a goal out of reach (out_of_reach).  *c gets the
 * record of the ceiling. */
int ceiling_find(search *s, cand **c, err *e)
{
	staff_result *r = s->r;
	double load = peak_load(s->m);
	int max = s->m->staff_max_agents > 0 ? s->m->staff_max_agents : 10000;
	goal_est was[SIM_MAX_GOALS];

	for (size_t k = 0; k < r->nteams; k++)
		s->cap[k] = r->varied[k] ? ceiling_heads(&s->orig[k], load, max) : r->before[k];
	s->step = "ceiling";
	int rc = search_evaluate(s, s->cap, c, e);
	while (!rc && !(*c)->ok && !out_of_reach(s, (*c)->goal)) {
		bool more = false;
		for (size_t k = 0; k < r->nteams; k++)
			if (r->varied[k] && s->cap[k] < max) {
				r->ceiling_agents[k] = s->cap[k] < max / 2 ? 2 * s->cap[k] : max;
				more = true;
			} else {
				r->ceiling_agents[k] = s->cap[k];
			}
		if (!more)
			break;
		memcpy(was, (*c)->goal, sizeof(was));
		rc = search_evaluate(s, r->ceiling_agents, c, e);
		if (rc || !closer(s->m->goals, s->m->ngoals, was, (*c)->goal))
			break;
		memcpy(s->cap, r->ceiling_agents, r->nteams * sizeof(int));
	}
	if (!rc && !(*c)->ok)
		rc = search_evaluate(s, s->cap, c, e); /* recalled: the plateau's first */
	memcpy(r->ceiling_agents, s->cap, r->nteams * sizeof(int));
	if (!rc)
		memcpy(r->ceiling, (*c)->goal, sizeof(r->ceiling));
	return rc;
}

/* "[staff] max_agents = 12 bounds the ceiling of desk" when max_agents
 * bounds the ceiling of a team, into buf; its length (0: none). */
static size_t bound_text(const search *s, char *buf, size_t len)
{
	int max = s->m->staff_max_agents > 0 ? s->m->staff_max_agents : 10000;
	size_t k = 0;

	buf[0] = '\0';
	for (size_t t = 0; t < s->r->nteams && k < len; t++) {
		if (!s->r->varied[t] || s->cap[t] != max)
			continue;
		if (!k)
			k = (size_t)snprintf(buf, len, "[staff] max_agents = %d bounds the ceiling of", max);
		if (k < len)
			k += (size_t)snprintf(buf + k, len - k, " %s", s->orig[t].name);
	}
	return k < len ? k : len - 1;
}

/* The goals not met at the ceiling, each with the contacts nobody takes
 * (and max_agents when it bounds the ceiling). */
int ceiling_explain(search *s, const cand *c, err *e)
{
	char bound[512];

	for (size_t g = 0; g < s->m->ngoals; g++) {
		if (goals_ok(c->goal[g].decision))
			continue;
		char *w = s->r->why[g] = mem_alloc(2048);
		if (!w)
			return err_nomem(e);
		size_t k = 0;
		if (bound_text(s, bound, sizeof(bound)))
			k = (size_t)snprintf(w, 2048, "%s; ", bound);
		staff_uncovered(s->m, s->p, &s->bo->window, &s->m->goals[g], w + k, 2048 - k, NULL);
	}
	return 0;
}
