/* staff_confirm.c: with a confidence level, the staffing found confirmed
 * on fresh replications (past every one the search could use), walking
 * back through the staffings accepted, or adding heads, until one is. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/staff_impl.h"

/* The goals of a staffing on 3 x the replications behind its decision,
 * taken past every replication the search may use (maxreps onwards, the
 * same for every staffing confirmed): fresh ones, free of the luck that
 * let it pass where its neighbours did not.  Fills r->confirm; *ok when
 * every goal is met on them.  0, 1 when stopped, -1 with e set. */
static int confirm(search *s, const int *agents, size_t reps, bool *ok, err *e)
{
	const model *m = s->m;
	size_t n = 3 * reps, chunk = s->nt > s->reps0 ? s->nt : s->reps0, done = 0;
	double arrived[SIM_MAX_GOALS] = { 0 };
	double *v = mem_alloc((m->ngoals ? m->ngoals : 1) * n * sizeof(*v));
	int rc = v ? 0 : err_nomem(e);

	for (size_t k = 0; k < s->pol.nteams; k++)
		if (s->r->varied[k])
			search_scale_team(&s->pol.teams[k], &s->orig[k], agents[k]);
	while (!rc && done < n) {
		batch_opts o = *s->bo;
		size_t b = n - done < chunk ? n - done : chunk;
		o.reps = (int)b;
		o.first_rep = (int)(s->maxreps + done);
		rc = search_tallies(s, b, e);
		if (!rc)
			rc = batch_run(&s->mm, &o, s->t, e);
		for (size_t g = 0; !rc && g < m->ngoals; g++)
			goals_values(&m->goals[g], s->t, b, v + g * n + done, &arrived[g]);
		done += b;
	}
	*ok = !rc;
	for (size_t g = 0; !rc && g < m->ngoals; g++) {
		s->r->confirm[g] = goals_judge(&m->goals[g], m->staff_confidence, v + g * n, n, arrived[g]);
		*ok = *ok && goals_ok(s->r->confirm[g].decision);
	}
	s->r->confirm_reps = n;
	free(v);
	return rc;
}

/* x, or x with one head more in one sized team (cheapest first), that its
 * confirmation meets: *ok, and agents gets it. */
static int confirm_near(search *s, const int *x, int *agents, bool *ok, err *e)
{
	size_t nt = s->r->nteams;
	step st[64];
	size_t n = 0;
	cand *c;
	int rc;

	memcpy(agents, x, nt * sizeof(int));
	rc = search_evaluate(s, agents, &c, e);
	if (!rc)
		rc = confirm(s, agents, c->reps, ok, e);
	for (size_t k = 0; k < nt && n < 64; k++)
		if (s->r->varied[k] && x[k] < s->cap[k]) {
			agents[k]++;
			st[n++] = (step){ -1, (int)k, cost_staffing(s, agents) };
			agents[k]--;
		}
	qsort(st, n, sizeof(*st), cost_step_cmp);
	s->step = "confirm";
	for (size_t i = 0; i < n && !rc && !*ok; i++) {
		memcpy(agents, x, nt * sizeof(int));
		agents[st[i].to]++;
		rc = search_evaluate(s, agents, &c, e);
		if (!rc && search_met(s, c))
			rc = confirm(s, agents, c->reps, ok, e);
	}
	return rc;
}

/* The latest accepted staffing, or it with a head more in one team, that
 * its confirmation meets (walking back through the accepted ones); else the
 * first accepted one with a head more per sized team until one is
 * confirmed or every team is at its ceiling.  agents gets it. */
int confirm_search(search *s, int *agents, err *e)
{
	size_t nt = s->r->nteams;
	bool ok = false;
	cand *c;
	int rc = 0;

	for (size_t i = s->nhist; i-- > 0 && !rc && !ok;)
		rc = confirm_near(s, s->hist + i * nt, agents, &ok, e);
	if (!ok)
		memcpy(agents, s->hist, nt * sizeof(int));
	while (!rc && !ok) {
		bool more = false;
		for (size_t k = 0; k < nt; k++)
			if (s->r->varied[k] && agents[k] < s->cap[k]) {
				agents[k]++;
				more = true;
			}
		if (!more)
			break;
		s->step = "confirm";
		rc = search_evaluate(s, agents, &c, e);
		if (!rc && search_met(s, c))
			rc = confirm(s, agents, c->reps, &ok, e);
	}
	s->r->confirmed = ok;
	return rc;
}
