/* staff.c: the staffing search of staff.h.  It runs a scratch copy of the
 * model that holds the one policy searched, whose teams own their shift
 * arrays: a candidate staffing rewrites the heads of every shift of a team
 * in proportion (heads x n / agents as written, so overlapping ranges keep
 * adding up), then the same replications run through batch_run.  Staffings
 * already simulated are remembered, so no candidate runs twice. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "decide/staff.h"
#include "results/report.h"

static void teams_free(team_model *t, size_t n);

typedef struct cand {
	int *agents;
	bool met;
	stats_ci attain[SIM_MAX_PRIO];
	double arrived[SIM_MAX_PRIO]; /* contacts per replication */
	double deflected;             /* deflected per replication, all priorities */
} cand;

typedef struct search {
	const model *m;
	model mm;            /* m with the one policy below (shallow) */
	policy_model pol;    /* the policy searched, with teams of its own */
	const team_model *orig; /* the policy's teams as written */
	const batch_opts *bo;
	size_t reps;
	tally *t;            /* reps tallies for mm */
	cand *seen;
	size_t nseen, capseen;
	staff_result *r;
} search;

void staff_result_fini(staff_result *r)
{
	free(r->before);
	free(r->agents);
	free(r->varied);
	memset(r, 0, sizeof(*r));
}

/* tm (a copy of o with shifts of its own) with n heads per shift instead
 * of o's agents, in proportion, so overlapping ranges keep adding up. */
static void scale_team(team_model *tm, const team_model *o, int n)
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
	team_model *t = calloc(n ? n : 1, sizeof(*t));

	for (size_t k = 0; t && k < n; k++) {
		t[k] = src[k];
		t[k].shifts = malloc((src[k].nshifts ? src[k].nshifts : 1) * sizeof(shift_iv));
		if (!t[k].shifts) {
			teams_free(t, k);
			return NULL;
		}
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

/* Every goal reached by the mean attainment.  A goal priority with
 * contacts but no attainment (all deflected or abandoned) is not met, and
 * neither is a staffing that deflects more contacts than the one as
 * written: closing lines must not buy attainment by turning customers
 * away. */
static int goals_met(const struct search *s, const cand *c)
{
	const model *m = s->m;

	if (s->nseen > 1 && c->deflected > s->seen[0].deflected)
		return 0;
	for (size_t p = 0; p < m->nprio; p++) {
		if (isnan(m->goal[p]) || c->arrived[p] == 0)
			continue;
		if (c->attain[p].n == 0 || !(c->attain[p].mean >= m->goal[p]))
			return 0;
	}
	return 1;
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
		cand *c = realloc(s->seen, ncap * sizeof(*c));
		if (!c)
			goto nomem;
		s->seen = c;
		s->capseen = ncap;
	}
	cand *c = &s->seen[s->nseen];
	c->agents = malloc(s->pol.nteams * sizeof(int));
	if (!c->agents)
		goto nomem;
	memcpy(c->agents, agents, s->pol.nteams * sizeof(int));
	s->nseen++;
	return c;
nomem:
	err_set(e, NULL, 0, "out of memory");
	return NULL;
}

/* Simulate a staffing (or recall it): *out points at its record.  0, 1 when
 * stopped, -1 with e set. */
static int evaluate(search *s, const int *agents, cand **out, err *e)
{
	cand *c = remembered(s, agents);

	if (c) {
		*out = c;
		return 0;
	}
	for (size_t k = 0; k < s->pol.nteams; k++)
		if (s->r->varied[k])
			scale_team(&s->pol.teams[k], &s->orig[k], agents[k]);
	int rc = batch_run(&s->mm, s->bo, s->t, e);
	if (rc)
		return rc;
	c = remember(s, agents, e);
	if (!c)
		return -1;
	report_figs f;
	for (size_t p = 0; p < s->m->nprio; p++) {
		if (report_figures(s->t, s->reps, -1, (int)p, -1, &f))
			return err_set(e, NULL, 0, "out of memory");
		c->attain[p] = f.attain;
		c->arrived[p] = f.arrived;
	}
	if (report_figures(s->t, s->reps, -1, -1, -1, &f))
		return err_set(e, NULL, 0, "out of memory");
	c->deflected = f.deflected;
	c->met = goals_met(s, c);
	s->r->evaluations++;
	*out = c;
	return 0;
}

/* Grow every sized team in proportion (x1.25 a step, at least one head)
 * until the goals are met or every sized team is at max_agents. */
static int grow(search *s, int *agents, cand **c, err *e)
{
	const staff_result *r = s->r;
	int max = s->m->staff_max_agents > 0 ? s->m->staff_max_agents : 10000;
	int rc = evaluate(s, agents, c, e);

	for (double f = 1.25; !rc && !(*c)->met; f *= 1.25) {
		int grew = 0;
		for (size_t k = 0; k < r->nteams; k++) {
			if (!r->varied[k] || agents[k] >= max)
				continue;
			int n = (int)fmin(ceil(r->before[k] * f), max);
			agents[k] = n > agents[k] ? n : agents[k] + 1;
			grew = 1;
		}
		if (!grew)
			break; /* every team at max_agents: the goals cannot be met */
		rc = evaluate(s, agents, c, e);
	}
	return rc;
}

/* Team by team, the fewest heads that keep the goals met (binary search,
 * the others fixed); again until a pass changes nothing. */
static int trim(search *s, int *agents, err *e)
{
	int *trial = malloc(s->r->nteams * sizeof(int));
	int rc = 0, changed = 1;
	cand *c;

	if (!trial)
		return err_set(e, NULL, 0, "out of memory");
	for (int pass = 0; pass < 8 && changed && !rc; pass++) {
		changed = 0;
		for (size_t k = 0; k < s->r->nteams && !rc; k++) {
			if (!s->r->varied[k])
				continue;
			int lo = 0, hi = agents[k];
			memcpy(trial, agents, s->r->nteams * sizeof(int));
			while (lo < hi && !rc) {
				trial[k] = lo + (hi - lo) / 2;
				rc = evaluate(s, trial, &c, e);
				if (!rc && c->met)
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

static int setup(search *s, const model *m, size_t p, err *e)
{
	const policy_model *src = &m->policy[p];
	staff_result *r = s->r;
	size_t n = src->nteams;

	s->orig = src->teams;
	s->pol = *src;
	s->pol.teams = teams_copy(src->teams, n);
	r->nteams = n;
	r->before = calloc(n ? n : 1, sizeof(int));
	r->agents = calloc(n ? n : 1, sizeof(int));
	r->varied = calloc(n ? n : 1, sizeof(bool));
	s->t = calloc(s->reps, sizeof(tally));
	if (!s->pol.teams || !r->before || !r->agents || !r->varied || !s->t)
		return err_set(e, NULL, 0, "out of memory");
	for (size_t k = 0; k < n; k++) {
		const team_model *tm = &src->teams[k];
		r->before[k] = r->agents[k] = tm->agents;
		r->varied[k] = tm->staff && tm->agents > 0 && tm->nshifts > 0;
	}
	s->mm = *m;
	s->mm.npolicies = 1;
	s->mm.policy = &s->pol;
	for (size_t i = 0; i < s->reps; i++)
		if (tally_init_lean(&s->t[i], &s->mm, 0))
			return err_set(e, NULL, 0, "out of memory");
	return 0;
}

static void search_fini(search *s)
{
	teams_free(s->pol.teams, s->pol.nteams);
	for (size_t i = 0; s->t && i < s->reps; i++)
		tally_fini(&s->t[i]);
	free(s->t);
	for (size_t i = 0; i < s->nseen; i++)
		free(s->seen[i].agents);
	free(s->seen);
}

int staff_search(const model *m, size_t p, const batch_opts *bo, staff_result *r, err *e)
{
	search s = { .m = m, .bo = bo, .reps = (size_t)bo->reps, .r = r };
	cand *c = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = setup(&s, m, p, e);
	if (!rc)
		rc = grow(&s, r->agents, &c, e);
	if (!rc && c->met)
		rc = trim(&s, r->agents, e);
	if (!rc)
		rc = evaluate(&s, r->agents, &c, e); /* recalled: the final record */
	if (!rc) {
		r->met = c->met;
		memcpy(r->attain, c->attain, sizeof(r->attain));
	}
	search_fini(&s);
	return rc;
}

int staff_model_make(const model *m, const staff_result *res, staff_model *out, err *e)
{
	memset(out, 0, sizeof(*out));
	out->m = *m;
	out->pol = calloc(m->npolicies, sizeof(policy_model));
	if (!out->pol)
		return err_set(e, NULL, 0, "out of memory");
	out->m.policy = out->pol;
	for (size_t p = 0; p < m->npolicies; p++) {
		const policy_model *src = &m->policy[p];
		out->pol[p] = *src;
		out->pol[p].teams = teams_copy(src->teams, src->nteams);
		out->npol = p + 1;
		if (!out->pol[p].teams) {
			staff_model_fini(out);
			return err_set(e, NULL, 0, "out of memory");
		}
		for (size_t k = 0; k < src->nteams; k++)
			if (res[p].varied[k])
				scale_team(&out->pol[p].teams[k], &src->teams[k], res[p].agents[k]);
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

static const char *const staff_head[] = {
	"policy", "team", "agents_before", "agents", "sized",
};
static const char *const goals_head[] = {
	"policy", "priority", "goal", "attainment", "attainment_ci95", "met",
};

static int write_teams(report *r, const model *m, const staff_result *res, err *e)
{
	report_csv *f = report_csv_open(r, "staff.csv", staff_head, 5, e);
	char a[REPORT_NUM_MAX], b[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t k = 0; k < res[p].nteams; k++) {
			const char *fld[5] = {
				m->policy[p].name, m->policy[p].teams[k].name,
				report_fmt_count(a, res[p].before[k]),
				report_fmt_count(b, res[p].agents[k]),
				res[p].varied[k] ? "yes" : "no",
			};
			if (report_csv_row(f, fld, 5, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}

static int write_goals(report *r, const model *m, const staff_result *res, err *e)
{
	report_csv *f = report_csv_open(r, "staff_goals.csv", goals_head, 6, e);
	char g[REPORT_NUM_MAX], a[REPORT_NUM_MAX], h[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t q = 0; q < m->nprio; q++) {
			const stats_ci *at = &res[p].attain[q];
			bool has = !isnan(m->goal[q]);
			const char *fld[6] = {
				m->policy[p].name, m->prio_name[q], report_fmt_share(g, m->goal[q]),
				report_fmt_share(a, at->mean), report_fmt_share(h, at->half),
				!has || at->n == 0 ? "" : at->mean >= m->goal[q] ? "yes" : "no",
			};
			if (report_csv_row(f, fld, 6, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}

int staff_write(report *r, const model *m, const staff_result *res, err *e)
{
	return write_teams(r, m, res, e) || write_goals(r, m, res, e) ? -1 : 0;
}
