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
	bool ok;                 /* every goal met (or without contacts) */
	bool open;               /* no goal missed, some undecided */
	goal_est goal[SIM_MAX_GOALS];
	size_t reps;             /* replications behind goal[] */
	double deflected;        /* deflected per replication, first batch */
	double cost;
} cand;

typedef struct search {
	const model *m;
	size_t p;
	model mm;            /* m with the one policy below (shallow) */
	policy_model pol;    /* the policy searched, with teams of its own */
	const team_model *orig; /* the policy's teams as written */
	const batch_opts *bo;
	size_t reps0, maxreps;  /* first batch; at most this many in all */
	tally *t;            /* nt tallies for mm, one batch */
	size_t nt;
	double *vals;        /* per goal, maxreps per-replication values */
	cand *seen;
	size_t nseen, capseen;
	int *cap;            /* heads per team at the ceiling */
	bool have_ref;       /* ref_deflected known (the staffing as written) */
	double ref_deflected;
	double from_s, to_s; /* the span counted, for the cost */
	int *hist;           /* staffings accepted by trim and cheapen, in order */
	size_t nhist, caphist;
	staff_progress_fn progress;
	void *ctx;
	const char *step;
	staff_result *r;
} search;

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
static bool met(const search *s, const cand *c)
{
	return c->ok && (!s->have_ref || c->deflected <= s->ref_deflected);
}

/* Total cost of a staffing: team.cost x agent-hours on shift over the span
 * counted, every team of the policy (sized ones at agents[k]). */
static double team_cost(const search *s, size_t k, int n)
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

static double staffing_cost(const search *s, const int *agents)
{
	double c = 0;

	for (size_t k = 0; k < s->r->nteams; k++)
		c += team_cost(s, k, agents[k]);
	return c;
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
	memset(c, 0, sizeof(*c));
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

/* At least n tallies for one batch; 0 or -1 with e set. */
static int tallies_ensure(search *s, size_t n, err *e)
{
	if (n <= s->nt)
		return 0;
	tally *t = realloc(s->t, n * sizeof(*t));
	if (!t)
		return err_set(e, NULL, 0, "out of memory");
	s->t = t;
	for (; s->nt < n; s->nt++)
		if (tally_init_lean(&s->t[s->nt], &s->mm, 0))
			return err_set(e, NULL, 0, "out of memory");
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
		if (tallies_ensure(s, b, e))
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
	c = remember(s, agents, e);
	if (!c)
		return -1;
	c->cost = staffing_cost(s, agents);
	int rc = replicate(s, c, e);
	if (rc)
		return rc;
	s->r->evaluations++;
	if (s->progress) {
		staff_tried t = { s->p, c->agents, c->cost, c->goal, c->reps, met(s, c), s->step };
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
	int rc = evaluate(s, agents, c, e);

	s->step = "grow";
	for (double f = 1.25; !rc && !met(s, *c); f *= 1.25) {
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
				rc = evaluate(s, trial, &c, e);
				if (!rc && met(s, c))
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
static int accepted(search *s, const int *agents, err *e)
{
	size_t nt = s->r->nteams;

	if (s->nhist == s->caphist) {
		size_t ncap = s->caphist ? 2 * s->caphist : 16;
		int *h = realloc(s->hist, ncap * nt * sizeof(int));
		if (!h)
			return err_set(e, NULL, 0, "out of memory");
		s->hist = h;
		s->caphist = ncap;
	}
	memcpy(s->hist + s->nhist++ * nt, agents, nt * sizeof(int));
	return 0;
}

/* A cost step must save at least this share of the total cost: closer
 * costs are not worth a different answer, and walking along a valley of
 * nearly equal costs would leave where it stops to the noise of the goals
 * (docs/staff.md). */
#define STAFF_MIN_SAVING 0.01

/* One step of the cost search: agents less a head of team `from`, plus one
 * of team `to` (-1: a removal), and what that staffing costs. */
typedef struct step {
	int from, to;
	double cost;
} step;

static int step_cmp(const void *a, const void *b)
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
	double now = staffing_cost(s, agents);

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
			double c = staffing_cost(s, trial);
			if (c <= now * (1 - STAFF_MIN_SAVING))
				st[n++] = (step){ (int)a, b, c };
		}
	}
	qsort(st, n, sizeof(*st), step_cmp);
	return n;
}

/* From a staffing that meets the goals: take the cheapest step (a head
 * removed from any team, or one moved between two teams) that keeps them
 * met, until none does. */
static int cheapen(search *s, int *agents, err *e)
{
	size_t nt = s->r->nteams;
	int *trial = malloc(nt * sizeof(int));
	step *st = malloc((nt * (nt + 1) + 1) * sizeof(*st));
	int rc = trial && st ? 0 : err_set(e, NULL, 0, "out of memory");
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
			rc = evaluate(s, trial, &c, e);
			if (!rc && met(s, c)) {
				memcpy(agents, trial, nt * sizeof(int));
				moved = true;
				rc = accepted(s, agents, e);
			}
		}
	}
	free(trial);
	free(st);
	return rc;
}

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
		staff_uncovered(s->m, s->p, sg, buf, sizeof(buf), &late);
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
static int ceiling(search *s, cand **c, err *e)
{
	staff_result *r = s->r;
	double load = peak_load(s->m);
	int max = s->m->staff_max_agents > 0 ? s->m->staff_max_agents : 10000;
	goal_est was[SIM_MAX_GOALS];

	for (size_t k = 0; k < r->nteams; k++)
		s->cap[k] = r->varied[k] ? ceiling_heads(&s->orig[k], load, max) : r->before[k];
	s->step = "ceiling";
	int rc = evaluate(s, s->cap, c, e);
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
		rc = evaluate(s, r->ceiling_agents, c, e);
		if (rc || !closer(s->m->goals, s->m->ngoals, was, (*c)->goal))
			break;
		memcpy(s->cap, r->ceiling_agents, r->nteams * sizeof(int));
	}
	if (!rc && !(*c)->ok)
		rc = evaluate(s, s->cap, c, e); /* recalled: the plateau's first */
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
static int explain(search *s, const cand *c, err *e)
{
	char bound[512];

	for (size_t g = 0; g < s->m->ngoals; g++) {
		if (goals_ok(c->goal[g].decision))
			continue;
		char *w = s->r->why[g] = malloc(2048);
		if (!w)
			return err_set(e, NULL, 0, "out of memory");
		size_t k = 0;
		if (bound_text(s, bound, sizeof(bound)))
			k = (size_t)snprintf(w, 2048, "%s; ", bound);
		staff_uncovered(s->m, s->p, &s->m->goals[g], w + k, 2048 - k, NULL);
	}
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
	r->before = calloc(n1, sizeof(int));
	r->agents = calloc(n1, sizeof(int));
	r->ceiling_agents = calloc(n1, sizeof(int));
	r->cost = calloc(n1, sizeof(double));
	r->varied = calloc(n1, sizeof(bool));
	s->cap = calloc(n1, sizeof(int));
	s->maxreps = (size_t)(m->staff_max_reps > s->bo->reps ? m->staff_max_reps : s->bo->reps);
	s->vals = calloc((m->ngoals ? m->ngoals : 1) * s->maxreps, sizeof(double));
	if (!s->pol.teams || !r->before || !r->agents || !r->ceiling_agents || !r->cost ||
	    !r->varied || !s->cap || !s->vals)
		return err_set(e, NULL, 0, "out of memory");
	for (size_t k = 0; k < n; k++) {
		const team_model *tm = &src->teams[k];
		r->before[k] = r->agents[k] = tm->agents;
		r->varied[k] = tm->staff && tm->agents > 0 && tm->nshifts > 0;
	}
	s->mm = *m;
	s->mm.npolicies = 1;
	s->mm.policy = &s->pol;
	s->from_s = m->window ? fmax(m->warmup_s, m->window_from_s) : m->warmup_s;
	s->to_s = m->window ? fmin(m->horizon_s, m->window_to_s) : m->horizon_s;
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
	r->undecided_agents = malloc(r->nteams * sizeof(int));
	if (!r->undecided_agents)
		return err_set(e, NULL, 0, "out of memory");
	memcpy(r->undecided_agents, best->agents, r->nteams * sizeof(int));
	memcpy(r->undecided, best->goal, sizeof(r->undecided));
	r->undecided_cost = best->cost;
	r->undecided_reps = best->reps;
	return 0;
}

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
	double *v = malloc((m->ngoals ? m->ngoals : 1) * n * sizeof(*v));
	int rc = v ? 0 : err_set(e, NULL, 0, "out of memory");

	for (size_t k = 0; k < s->pol.nteams; k++)
		if (s->r->varied[k])
			scale_team(&s->pol.teams[k], &s->orig[k], agents[k]);
	while (!rc && done < n) {
		batch_opts o = *s->bo;
		size_t b = n - done < chunk ? n - done : chunk;
		o.reps = (int)b;
		o.first_rep = (int)(s->maxreps + done);
		rc = tallies_ensure(s, b, e);
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
	rc = evaluate(s, agents, &c, e);
	if (!rc)
		rc = confirm(s, agents, c->reps, ok, e);
	for (size_t k = 0; k < nt && n < 64; k++)
		if (s->r->varied[k] && x[k] < s->cap[k]) {
			agents[k]++;
			st[n++] = (step){ -1, (int)k, staffing_cost(s, agents) };
			agents[k]--;
		}
	qsort(st, n, sizeof(*st), step_cmp);
	s->step = "confirm";
	for (size_t i = 0; i < n && !rc && !*ok; i++) {
		memcpy(agents, x, nt * sizeof(int));
		agents[st[i].to]++;
		rc = evaluate(s, agents, &c, e);
		if (!rc && met(s, c))
			rc = confirm(s, agents, c->reps, ok, e);
	}
	return rc;
}

/* The latest accepted staffing, or it with a head more in one team, that
 * its confirmation meets (walking back through the accepted ones); else the
 * first accepted one with a head more per sized team until one is
 * confirmed or every team is at its ceiling.  agents gets it. */
static int confirmed(search *s, int *agents, err *e)
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
		rc = evaluate(s, agents, &c, e);
		if (!rc && met(s, c))
			rc = confirm(s, agents, c->reps, &ok, e);
	}
	s->r->confirmed = ok;
	return rc;
}

/* The search proper, once set up: ceiling, as written, grow, trim, cost. */
static int search_run(search *s, err *e)
{
	staff_result *r = s->r;
	cand *c = NULL;
	int rc = ceiling(s, &c, e);

	if (!rc && !c->ok) {
		r->above_ceiling = true;
		return explain(s, c, e);
	}
	s->step = "as written";
	if (!rc)
		rc = evaluate(s, r->agents, &c, e);
	if (!rc) {
		s->have_ref = true;
		s->ref_deflected = c->deflected;
		rc = grow(s, r->agents, &c, e);
	}
	/* records move when more are remembered: c is good until the next
	 * evaluate only, so met is read before trim and the final record
	 * recalled after cheapen */
	bool ok = !rc && met(s, c);
	if (ok)
		rc = trim(s, r->agents, e);
	if (!rc && ok)
		rc = accepted(s, r->agents, e);
	if (!rc && ok)
		rc = cheapen(s, r->agents, e);
	if (!rc && ok && s->m->staff_confidence > 0)
		rc = confirmed(s, r->agents, e);
	if (!rc)
		rc = evaluate(s, r->agents, &c, e); /* recalled: the final record */
	if (rc)
		return rc;
	r->met = met(s, c);
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
		r->cost[k] = team_cost(&s, k, r->agents[k]);
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
	"policy", "team", "agents_before", "agents", "sized", "cost",
};
static const char *const goals_head[] = {
	"policy", "priority", "goal", "attainment", "attainment_ci95", "met", "ceiling",
	"ceiling_ci95", "replications",
};
#define STAFF_NCOLS (sizeof(staff_head) / sizeof(staff_head[0]))
#define GOALS_NCOLS (sizeof(goals_head) / sizeof(goals_head[0]))

static int write_teams(report *r, const model *m, const staff_result *res, err *e)
{
	report_csv *f = report_csv_open(r, "staff.csv", staff_head, STAFF_NCOLS, e);
	char a[REPORT_NUM_MAX], b[REPORT_NUM_MAX], c[REPORT_NUM_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t k = 0; k < res[p].nteams; k++) {
			const char *fld[STAFF_NCOLS] = {
				m->policy[p].name, m->policy[p].teams[k].name,
				report_fmt_count(a, res[p].before[k]),
				report_fmt_count(b, res[p].agents[k]),
				res[p].varied[k] ? "yes" : "no",
				report_fmt_count(c, res[p].cost[k]),
			};
			if (report_csv_row(f, fld, STAFF_NCOLS, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}

static const char *decision_text(goal_decision d)
{
	return d == GOAL_MET ? "yes" : d == GOAL_MISSED ? "no" : d == GOAL_UNDECIDED ? "undecided" : "";
}

/* One row per goal of policy p; ge: the goals of the staffing written. */
static int goal_rows(report_csv *f, const model *m, size_t p, const staff_result *res,
		     const goal_est *ge, err *e)
{
	char g[REPORT_NUM_MAX], a[REPORT_NUM_MAX], h[REPORT_NUM_MAX];
	char c[REPORT_NUM_MAX], ch[REPORT_NUM_MAX], n[REPORT_NUM_MAX];

	for (size_t i = 0; i < m->ngoals; i++) {
		const goal_est *x = &ge[i], *y = &res->ceiling[i];
		const char *fld[GOALS_NCOLS] = {
			m->policy[p].name, m->goals[i].label,
			report_fmt_share(g, m->goals[i].share),
			report_fmt_share(a, x->est.mean), report_fmt_share(h, x->est.half),
			decision_text(x->decision),
			report_fmt_share(c, y->est.mean), report_fmt_share(ch, y->est.half),
			report_fmt_count(n, (double)x->est.n),
		};
		if (report_csv_row(f, fld, GOALS_NCOLS, e))
			return -1;
	}
	return 0;
}

static int write_goals(report *r, const model *m, const staff_result *res, const tally *t,
		       size_t reps, err *e)
{
	report_csv *f = report_csv_open(r, "staff_goals.csv", goals_head, GOALS_NCOLS, e);
	goal_est ge[SIM_MAX_GOALS];

	if (!f)
		return -1;
	for (size_t p = 0; p < m->npolicies; p++) {
		const goal_est *x = res[p].goal;
		if (res[p].above_ceiling) { /* as written: judged on the run written */
			if (goals_eval(m, t + p * reps, reps, ge)) {
				report_csv_close(f, NULL);
				return err_set(e, NULL, 0, "out of memory");
			}
			x = ge;
		}
		if (goal_rows(f, m, p, &res[p], x, e)) {
			report_csv_close(f, NULL);
			return -1;
		}
	}
	return report_csv_close(f, e);
}

int staff_write(report *r, const model *m, const staff_result *res, const tally *t,
		size_t reps, err *e)
{
	return write_teams(r, m, res, e) || write_goals(r, m, res, t, reps, e) ? -1 : 0;
}
