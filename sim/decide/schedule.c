/* schedule.c: patterns, the covering programs cycle by cycle, and the
 * simulate-and-repair loop of schedule.h.  Every pattern of every cycle is
 * kept with its coverage (compressed columns, rows relative to its cycle),
 * so the repair loop can find the cheapest one covering an hour. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/cover.h"
#include "decide/schedule.h"
#include "tz.h"

typedef struct cyc {
	size_t pool;
	long h0, len;            /* its hours [h0, h0 + len) since the start */
	size_t first, n;         /* its patterns */
} cyc;

typedef struct sched {
	plan *pl;
	const int *req;
	sched_pattern *pat;
	size_t npat, cappat;
	size_t *beg;             /* [npat + 1] */
	size_t capbeg;
	int *row;
	double *val;
	size_t nz, capnz;
	cyc *cy;
	size_t ncy, capcy;
	double *dense;           /* scratch: one cycle's hours */
	size_t capdense;
	schedule_result *r;
	err *e;
} sched;

void schedule_result_fini(schedule_result *r)
{
	free(r->pat);
	free(r->scheduled);
	free(r->shifts);
	memset(r, 0, sizeof(*r));
}

static const shifts_model *shifts_of(const model *m, size_t team)
{
	for (size_t i = 0; i < m->nshiftsets; i++)
		if (m->shiftset[i].team == (int)team)
			return &m->shiftset[i];
	return NULL;
}

static int cycle_days(const shifts_model *sm)
{
	return sm->days_on + sm->days_off > 0 ? sm->days_on + sm->days_off : 1;
}

/* Day number (civil_days) of the scenario's start in the zone. */
static int64_t day0(const plan *pl, const char *zone)
{
	civil c = tz_to_local(zone, pl->m->start_unix);

	return civil_days(c.year, c.month, c.day);
}

static int64_t local_instant(const char *zone, int64_t day, int min)
{
	civil c = civil_from_days(day);

	c.hour = min / 60;
	c.min = min % 60;
	c.sec = 0;
	return tz_to_utc(zone, c);
}

void schedule_shift(const plan *pl, const sched_pattern *p, int i, int64_t *start, int64_t *end)
{
	const team_model *t = &pl->pol.teams[p->team];
	int L = cycle_days(p->sm);
	int64_t d = day0(pl, t->tz) + (int64_t)p->cycle * L + (p->day + i) % L;
	int64_t lo = pl->m->start_unix + p->h0 * 3600, hi = lo + p->hlen * 3600;

	*start = local_instant(t->tz, d, p->start_min);
	/* a zone ahead of or behind the cycle's: the same shift a cycle on or
	 * back, so that it starts within the cycle it is scheduled in */
	for (int k = 0; k < 4 && *start < lo; k++)
		*start = local_instant(t->tz, d += L, p->start_min);
	for (int k = 0; k < 4 && *start >= hi; k++)
		*start = local_instant(t->tz, d -= L, p->start_min);
	*end = *start + (int64_t)p->sm->length_s[p->len];
}

bool schedule_shift_worked(const plan *pl, const sched_pattern *p, int i)
{
	int64_t a, b;

	schedule_shift(pl, p, i, &a, &b);
	return b > pl->m->start_unix && (double)(a - pl->m->start_unix) < pl->m->horizon_s;
}

/* One head on p over its cycle: the shifts worked (within the horizon). */
static double pattern_cost(const plan *pl, const sched_pattern *p, double *hours)
{
	double c = 0;

	*hours = 0;
	for (int i = 0; i < p->sm->days_on; i++)
		if (schedule_shift_worked(pl, p, i)) {
			c += p->sm->cost[p->len];
			*hours += p->sm->length_s[p->len] / 3600;
		}
	return c;
}

static const char *const wday_name[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

void schedule_pattern_text(const plan *pl, const sched_pattern *p, char *buf, size_t len)
{
	const team_model *t = &pl->pol.teams[p->team];
	int L = cycle_days(p->sm);
	int64_t d = day0(pl, t->tz) + (int64_t)p->cycle * L;
	civil a = civil_from_days(d + p->day);
	civil b = civil_from_days(d + (p->day + p->sm->days_on - 1) % L);
	double h = p->sm->length_s[p->len] / 3600;

	snprintf(buf, len, "%s-%s %02d:%02d %gh%s", wday_name[a.wday], wday_name[b.wday],
		 p->start_min / 60, p->start_min % 60, h, p->sm->part[p->len] ? " part-time" : "");
}

void schedule_pattern_start(const plan *pl, const sched_pattern *p, char *buf, size_t len)
{
	int64_t s, e;
	civil c;

	schedule_shift(pl, p, 0, &s, &e);
	c = tz_to_local(pl->pol.teams[p->team].tz, s);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.min);
}

/* ---- building the patterns ---- */

static int grow(void **p, size_t *cap, size_t need, size_t size, err *e)
{
	return mem_grow(p, cap, need, size, 256) ? err_nomem(e) : 0;
}

/* The hour since the start at which local day `day` of zone begins. */
static long day_hour(const plan *pl, const char *zone, int64_t day)
{
	return (long)floor((double)(local_instant(zone, day, 0) - pl->m->start_unix) / 3600);
}

/* Coverage of pattern p over cycle c into s->dense[0..c->len): the shifts
 * worked, within the cycle (a shift's part past the cycle's end counts for
 * nothing here, though it is worked). */
static void cover_of(sched *s, const sched_pattern *p, const cyc *c)
{
	memset(s->dense, 0, (size_t)c->len * sizeof(double));
	for (int i = 0; i < p->sm->days_on; i++) {
		int64_t a, b;
		if (!schedule_shift_worked(s->pl, p, i))
			continue;
		schedule_shift(s->pl, p, i, &a, &b);
		double r0 = (double)(a - s->pl->m->start_unix), r1 = (double)(b - s->pl->m->start_unix);
		for (long h = (long)floor(r0 / 3600); h * 3600.0 < r1; h++) {
			double ov = fmin(r1, (h + 1) * 3600.0) - fmax(r0, h * 3600.0);
			long k = h - c->h0;
			if (k >= 0 && k < c->len)
				s->dense[k] = fmin(1, s->dense[k] + ov / 3600);
		}
	}
}

/* Room for one more pattern and its coverage of up to len hours. */
static int room(sched *s, long len)
{
	if (s->npat + 2 > s->capbeg) {
		size_t n = s->capbeg ? 2 * s->capbeg : 256;
		size_t *b = mem_realloc(s->beg, n * sizeof(size_t));
		if (!b)
			return err_nomem(s->e);
		s->beg = b;
		s->capbeg = n;
	}
	if (s->nz + (size_t)len > s->capnz) {
		size_t n = s->capnz ? 2 * s->capnz : 4096;
		while (n < s->nz + (size_t)len)
			n *= 2;
		int *rw = mem_realloc(s->row, n * sizeof(int));
		if (rw)
			s->row = rw;
		double *v = rw ? mem_realloc(s->val, n * sizeof(double)) : NULL;
		if (!v)
			return err_nomem(s->e);
		s->val = v;
		s->capnz = n;
	}
	return grow((void **)&s->pat, &s->cappat, s->npat + 1, sizeof(*s->pat), s->e);
}

static int add_pattern(sched *s, const sched_pattern *p, const cyc *c)
{
	if (room(s, c->len))
		return -1;
	cover_of(s, p, c);
	if (s->npat == 0)
		s->beg[0] = 0;
	for (long k = 0; k < c->len; k++) {
		if (s->dense[k] <= 1e-9)
			continue;
		s->row[s->nz] = (int)k;
		s->val[s->nz++] = s->dense[k];
	}
	s->pat[s->npat++] = *p;
	s->beg[s->npat] = s->nz;
	return 0;
}

static int cycle_patterns(sched *s, cyc *c, int k)
{
	const plan_pool *pool = &s->pl->pool[c->pool];

	c->first = s->npat;
	for (size_t i = 0; i < pool->nteams; i++) {
		const shifts_model *sm = shifts_of(s->pl->m, pool->team[i]);
		if (!sm)
			continue;
		sched_pattern p = { .team = pool->team[i], .sm = sm, .pool = c->pool, .cycle = k,
				    .h0 = c->h0, .hlen = c->len };
		for (p.day = 0; p.day < cycle_days(sm); p.day++)
			for (size_t st = 0; st < sm->nstarts; st++)
				for (p.len = 0; p.len < sm->nlengths; p.len++) {
					p.start_min = sm->start_min[st];
					p.cost = pattern_cost(s->pl, &p, &p.hours);
					if (p.cost == 0 && p.hours == 0)
						continue; /* no shift within the horizon */
					if (add_pattern(s, &p, c))
						return -1;
				}
	}
	c->n = s->npat - c->first;
	return 0;
}

/* The first team of pool q with [shifts]; its cycle; -1 with e when the pool
 * has none, or its teams' cycles differ. */
static int pool_shifts(sched *s, size_t q, const shifts_model **first)
{
	const plan_pool *pool = &s->pl->pool[q];
	const model *m = s->pl->m;

	*first = NULL;
	for (size_t i = 0; i < pool->nteams; i++) {
		const shifts_model *sm = shifts_of(m, pool->team[i]);
		if (!sm)
			continue;
		if (*first && cycle_days(sm) != cycle_days(*first))
			return err_set(s->e, m->source, sm->line, "[shifts %s]: days_on + days_off "
				       "is %d, but %d for [shifts %s] of a team with the same skills",
				       m->team[sm->team].name, cycle_days(sm), cycle_days(*first),
				       m->team[(*first)->team].name);
		if (!*first)
			*first = sm;
	}
	return 0;
}

static int make_cycles(sched *s, size_t q)
{
	const shifts_model *sm;
	plan *pl = s->pl;

	if (pool_shifts(s, q, &sm))
		return -1;
	if (!sm)
		return 0; /* no [shifts]: the pool keeps its hourly requirement */
	s->r->shifts[q] = true;
	const char *zone = pl->pol.teams[sm->team].tz;
	int L = cycle_days(sm);
	int64_t d0 = day0(pl, zone);
	for (int k = 0;; k++) {
		long h0 = day_hour(pl, zone, d0 + (int64_t)k * L);
		long h1 = day_hour(pl, zone, d0 + (int64_t)(k + 1) * L);
		if (h0 >= (long)pl->nhours)
			break;
		if (grow((void **)&s->cy, &s->capcy, s->ncy + 1, sizeof(cyc), s->e) ||
		    grow((void **)&s->dense, &s->capdense, (size_t)(h1 - h0), sizeof(double), s->e))
			return -1;
		cyc *c = &s->cy[s->ncy++];
		*c = (cyc){ .pool = q, .h0 = h0, .len = h1 - h0 };
		if (cycle_patterns(s, c, k))
			return -1;
	}
	return 0;
}

/* ---- the integer programs ---- */

static double need_at(const sched *s, size_t q, long h)
{
	if (h < 0 || h >= (long)s->pl->nhours)
		return 0;
	return s->req[q * s->pl->nhours + (size_t)h];
}

/* An hour with need that no pattern of the cycle covers: bad input. */
static int check_covered(sched *s, const cyc *c, const double *need)
{
	const model *m = s->pl->m;

	memset(s->dense, 0, (size_t)c->len * sizeof(double));
	for (size_t i = s->beg[c->first]; i < s->beg[c->first + c->n]; i++)
		s->dense[s->row[i]] = 1;
	for (long k = 0; k < c->len; k++) {
		if (need[k] <= 0 || s->dense[k] > 0)
			continue;
		const shifts_model *sm;
		char t[32];
		civil u;
		pool_shifts(s, c->pool, &sm);
		int64_t at = m->start_unix + (c->h0 + k) * 3600;
		u = tz_to_local("UTC", at);
		snprintf(t, sizeof(t), "%04d-%02d-%02dT%02d:%02dZ", u.year, u.month, u.day, u.hour,
			 u.min);
		return err_set(s->e, m->source, sm->line, "[shifts %s]: no shift pattern covers "
			       "the hour %s, which needs %g heads", m->team[sm->team].name, t, need[k]);
	}
	return 0;
}

static int solve_cycle(sched *s, const cyc *c, double limit_s, int *bad)
{
	double *need = mem_calloc((size_t)c->len, sizeof(double)), *cost = NULL, obj = 0, gap = 0;
	bool *part = NULL;
	int *group = NULL, *x = NULL, rc = -1, any = 0;
	double share[32];
	size_t *beg = NULL;

	if (!need)
		return err_nomem(s->e);
	for (long k = 0; k < c->len; k++)
		any |= (need[k] = need_at(s, c->pool, c->h0 + k)) > 0;
	if (!any) {
		free(need);
		return 0;
	}
	if (check_covered(s, c, need)) {
		*bad = 1;
		goto out;
	}
	cost = mem_alloc(c->n * sizeof(double));
	part = mem_alloc(c->n * sizeof(bool));
	group = mem_alloc(c->n * sizeof(int));
	x = mem_alloc(c->n * sizeof(int));
	beg = mem_alloc((c->n + 1) * sizeof(size_t));
	if (!cost || !part || !group || !x || !beg) {
		err_nomem(s->e);
		goto out;
	}
	const plan_pool *pool = &s->pl->pool[c->pool];
	for (size_t g = 0; g < pool->nteams; g++) {
		const shifts_model *sm = shifts_of(s->pl->m, pool->team[g]);
		share[g] = sm ? sm->part_share : 1;
	}
	for (size_t j = 0; j < c->n; j++) {
		const sched_pattern *p = &s->pat[c->first + j];
		cost[j] = p->cost;
		part[j] = p->sm->part[p->len];
		group[j] = 0;
		for (size_t g = 0; g < pool->nteams; g++)
			if (pool->team[g] == p->team)
				group[j] = (int)g;
		beg[j] = s->beg[c->first + j] - s->beg[c->first];
	}
	beg[c->n] = s->beg[c->first + c->n] - s->beg[c->first];
	cover_prob cp = {
		.nrows = (size_t)c->len, .need = need, .ncols = c->n, .cost = cost, .beg = beg,
		.row = s->row + s->beg[c->first], .val = s->val + s->beg[c->first],
		.part = part, .group = group, .ngroups = pool->nteams, .share = share,
		.time_limit_s = limit_s,
	};
	if (cover_solve(&cp, x, &obj, &gap, s->e))
		goto out;
	s->r->ip_gap = fmax(s->r->ip_gap, gap);
	for (size_t j = 0; j < c->n; j++)
		s->pat[c->first + j].heads = s->pat[c->first + j].ip_heads = x[j];
	s->r->ip_cost += obj;
	rc = 0;
out:
	free(need);
	free(cost);
	free(part);
	free(group);
	free(x);
	free(beg);
	return rc;
}

/* ---- simulate and repair ---- */

static int apply(sched *s)
{
	plan *pl = s->pl;

	for (size_t k = 0; k < pl->pol.nteams; k++) {
		if (pl->pool_of[k] < 0 || !s->r->shifts[pl->pool_of[k]])
			continue;
		size_t n = 0, cap = 0;
		shift_iv *iv = NULL;
		for (size_t j = 0; j < s->npat; j++) {
			const sched_pattern *p = &s->pat[j];
			if (p->team != k || p->heads <= 0)
				continue;
			for (int i = 0; i < p->sm->days_on; i++) {
				int64_t a, b;
				if (grow((void **)&iv, &cap, n + 1, sizeof(*iv), s->e)) {
					free(iv);
					return -1;
				}
				schedule_shift(pl, p, i, &a, &b);
				iv[n++] = (shift_iv){ (double)(a - pl->m->start_unix),
						      (double)(b - pl->m->start_unix), p->heads };
			}
		}
		int rc = plan_set_intervals(pl, k, iv, n, s->e);
		free(iv);
		if (rc)
			return -1;
	}
	return 0;
}

/* Tickets short of the goals in hour h of pool q. */
static double shortfall(const plan *pl, size_t q, long h)
{
	double d = 0;

	if (h < 0 || h >= (long)pl->nhours)
		return 0;
	for (size_t p = 0; p < pl->m->nprio; p++) {
		double met, n, g = goal_share(pl->m, p);
		if (isnan(g))
			continue;
		plan_counts(pl, q, (size_t)h, p, &met, &n);
		d += fmax(0, g * n - met);
	}
	return d;
}

/* One more head on the cheapest pattern covering the cycle's worst hour;
 * 1 when a head was added. */
static int repair_cycle(sched *s, const cyc *c)
{
	long worst = -1;
	double most = 0;

	for (long k = 0; k < c->len; k++) {
		double d = shortfall(s->pl, c->pool, c->h0 + k);
		if (d > most) {
			most = d;
			worst = k;
		}
	}
	if (worst < 0)
		return 0;
	sched_pattern *best = NULL;
	for (size_t j = c->first; j < c->first + c->n; j++)
		for (size_t i = s->beg[j]; i < s->beg[j + 1]; i++)
			if (s->row[i] == worst && s->val[i] >= 0.5 &&
			    (!best || s->pat[j].cost < best->cost))
				best = &s->pat[j];
	if (!best)
		return 0;
	best->heads++;
	return 1;
}

static void totals(sched *s)
{
	plan *pl = s->pl;
	schedule_result *r = s->r;

	r->cost = r->paid_h = 0;
	for (size_t i = 0; i < r->npools * r->nhours; i++)
		r->scheduled[i] = r->shifts[i / r->nhours] ? 0 : s->req[i];
	for (size_t j = 0; j < s->npat; j++) {
		const sched_pattern *p = &s->pat[j];
		if (p->heads <= 0)
			continue;
		r->cost += p->heads * p->cost;
		r->paid_h += p->heads * p->hours;
		for (int i = 0; i < p->sm->days_on; i++) {
			int64_t a, b;
			schedule_shift(pl, p, i, &a, &b);
			double r0 = (double)(a - pl->m->start_unix), r1 = (double)(b - pl->m->start_unix);
			for (long h = (long)floor(r0 / 3600); h * 3600.0 < r1; h++)
				if (h >= 0 && h < (long)pl->nhours)
					r->scheduled[p->pool * pl->nhours + (size_t)h] +=
						p->heads * (fmin(r1, (h + 1) * 3600.0) - fmax(r0, h * 3600.0)) / 3600;
		}
	}
}

static int simulate_repair(sched *s, int max_rounds)
{
	for (;;) {
		int rc = apply(s);
		if (!rc && max_rounds <= 0)
			return 0; /* the integer programs' schedule, not simulated */
		if (!rc)
			rc = plan_simulate(s->pl, s->e);
		if (rc)
			return rc;
		s->r->rounds++;
		if (plan_goals_met(s->pl, s->r->goal, &s->r->goals_met))
			return err_nomem(s->e);
		if (s->r->goals_met || (int)s->r->rounds >= max_rounds)
			return 0;
		size_t added = 0;
		for (size_t i = 0; i < s->ncy; i++)
			added += (size_t)repair_cycle(s, &s->cy[i]);
		if (!added)
			return 0;
		s->r->added += added;
	}
}

static int keep_chosen(sched *s)
{
	schedule_result *r = s->r;
	size_t n = 0;

	for (size_t j = 0; j < s->npat; j++)
		n += s->pat[j].heads > 0;
	r->pat = mem_alloc((n ? n : 1) * sizeof(*r->pat));
	if (!r->pat)
		return err_nomem(s->e);
	for (size_t j = 0; j < s->npat; j++)
		if (s->pat[j].heads > 0)
			r->pat[r->npat++] = s->pat[j];
	return 0;
}

/* At least one pool has [shifts]; else e says what is missing. */
static bool any_shifts(sched *s)
{
	const plan *pl = s->pl;
	char names[512];
	size_t n = 0;

	for (size_t q = 0; q < pl->npools; q++)
		if (s->r->shifts[q])
			return true;
	names[0] = '\0';
	for (size_t k = 0; k < pl->pol.nteams && n + 1 < sizeof(names); k++)
		if (pl->pool_of[k] >= 0)
			n += (size_t)snprintf(names + n, sizeof(names) - n, " [shifts %s]",
					      pl->pol.teams[k].name);
	err_set(s->e, pl->m->source, 0, "no team sized has its shifts: schedule needs a section"
		" such as%s (docs/scenario.md)", names);
	return false;
}

int schedule_run(plan *pl, const int *req, int max_rounds, double ip_limit_s,
		 schedule_result *r, bool *bad_input, err *e)
{
	sched s = { .pl = pl, .req = req, .r = r, .e = e };
	int rc = 0, bad = 0;

	memset(r, 0, sizeof(*r));
	*bad_input = false;
	r->npools = pl->npools;
	r->nhours = pl->nhours;
	r->scheduled = mem_calloc(pl->npools * pl->nhours + 1, sizeof(double));
	r->shifts = mem_calloc(pl->npools + 1, sizeof(bool));
	if (!r->scheduled || !r->shifts)
		rc = err_nomem(e);
	for (size_t q = 0; !rc && q < pl->npools; q++)
		if (make_cycles(&s, q))
			rc = bad = -1;
	if (!rc && !any_shifts(&s))
		rc = bad = -1;
	for (size_t i = 0; !rc && i < s.ncy; i++)
		rc = solve_cycle(&s, &s.cy[i], ip_limit_s, &bad);
	for (size_t i = 0; r->shifts && i < pl->npools * pl->nhours; i++)
		if (r->shifts[i / pl->nhours])
			r->required_h += req[i];
	if (!rc)
		rc = simulate_repair(&s, max_rounds);
	if (!rc) {
		totals(&s);
		rc = keep_chosen(&s);
	}
	*bad_input = bad != 0;
	free(s.pat);
	free(s.beg);
	free(s.row);
	free(s.val);
	free(s.cy);
	free(s.dense);
	return rc;
}
