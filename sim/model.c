/* model.c: names of the model's enumerations, the read-only queries on the
 * resolved model (rate functions, shift step functions), and freeing it. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tz.h"

_Static_assert(TZ_NAME_MAX == SIM_NAME_MAX, "a zone is a name");

const char *const model_channel_name[SIM_NCH] = { "phone", "chat", "web", "email",
								 "selfservice" };
const char *const model_role_name[SIM_NROLE] = { "admin", "user" };
const char *const model_discipline_name[3] = { "priority", "fifo", "edf" };
const char *const model_abandon_name[SIM_NABANDON] = { "after-target", "missed", "excluded" };

int model_channel_parse(const char *name)
{
	for (int c = 0; c < SIM_NCH; c++)
		if (!strcmp(name, model_channel_name[c]))
			return c;
	return -1;
}

/* The piece holding t: the last i with t[i] <= t (0 when t < t[0]). */
static size_t piece_of(const rate_fn *f, double t)
{
	size_t lo = 0, hi = f->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->t[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

double rate_fn_at(const rate_fn *f, double t)
{
	if (f->n == 0)
		return 0;
	size_t i = piece_of(f, t);
	return f->r[i] + f->slope[i] * (t - f->t[i]);
}

void rate_fn_span(const rate_fn *f, double a, double b, double *ra, double *rb)
{
	if (f->n == 0) {
		*ra = *rb = 0;
		return;
	}
	size_t i = piece_of(f, a);
	*ra = f->r[i] + f->slope[i] * (a - f->t[i]);
	*rb = f->r[i] + f->slope[i] * (b - f->t[i]);
}

/* Integral of piece i over [t[i], t[i] + x). */
static double piece_area(const rate_fn *f, size_t i, double x)
{
	return f->r[i] * x + 0.5 * f->slope[i] * x * x;
}

double rate_fn_cum(const rate_fn *f, double t)
{
	if (f->n == 0 || t <= 0)
		return 0;
	if (t >= f->t[f->n])
		return f->cum[f->n];
	size_t i = piece_of(f, t);
	return f->cum[i] + piece_area(f, i, t - f->t[i]);
}

/* Solve r x + s x^2 / 2 = a for the smallest x >= 0, in a form that keeps
 * its precision when s is tiny (no cancellation): x = 2a / (r + sqrt(r^2 + 2sa)). */
static double piece_solve(double r, double s, double a)
{
	double disc = r * r + 2 * s * a;

	if (disc < 0)
		disc = 0;
	double den = r + sqrt(disc);
	return den > 0 ? 2 * a / den : 0;
}

double rate_fn_inverse(const rate_fn *f, double target, size_t *hint)
{
	size_t i = *hint;

	if (f->n == 0 || target >= f->cum[f->n])
		return f->n ? f->t[f->n] : 0;
	if (i >= f->n || f->cum[i] > target)
		i = 0;
	while (i + 1 < f->n && f->cum[i + 1] <= target)
		i++;
	*hint = i;
	/* a flat piece: piece_solve gives 2a / (r + sqrt(r r)) = a / r to the
	 * last bit (sqrt of a rounded square is exact), without the sqrt */
	double x = f->slope[i] == 0 && f->r[i] > 0 ? (target - f->cum[i]) / f->r[i]
		   : piece_solve(f->r[i], f->slope[i], target - f->cum[i]);
	double t = f->t[i] + x;
	return t < f->t[i + 1] ? t : f->t[i + 1];
}

unsigned policy_allowed(const policy_model *p, size_t ntiers, int tier, role_id role, double t)
{
	assert(tier >= 0 && (size_t)tier < ntiers);
	for (size_t i = 0; i < p->nents; i++) {
		const ent_set *s = &p->ents[i];
		if (s->from <= t && t < s->to)
			return s->allow[(size_t)tier * SIM_NROLE + role];
	}
	return (1u << SIM_NCH) - 1;
}

int model_route_channel(const segment_model *s, int pref, unsigned ok)
{
	if (ok >> pref & 1)
		return pref;
	for (int i = 0; i < s->nfallback; i++)
		if (ok >> s->fallback[i] & 1)
			return s->fallback[i];
	return CH_SELF;
}

int team_heads_at(const team_model *tm, double t)
{
	size_t lo = 0, hi = tm->nshifts;

	/* first interval with end > t */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tm->shifts[mid].end <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < tm->nshifts && tm->shifts[lo].start <= t)
		return tm->shifts[lo].agents;
	return 0;
}

void rate_fn_fini(rate_fn *f)
{
	free(f->t);
	free(f->r);
	free(f->slope);
	free(f->cum);
	memset(f, 0, sizeof(*f));
}

static void team_free(team_model *t)
{
	free(t->shifts);
	t->shifts = NULL;
	t->nshifts = 0;
}

void model_fini(model *m)
{
	for (size_t i = 0; i < m->nsegments; i++) {
		segment_model *s = &m->segment[i];
		for (int c = 0; c < SIM_NCH; c++) {
			dist_fini(&s->patience[c]);
			dist_fini(&s->handle[c]);
		}
		free(s->profile);
		free(s->arrival_s);
		rate_fn_fini(&s->rate);
		rate_fn_fini(&s->extra);
	}
	free(m->segment);
	for (size_t i = 0; i < m->nsurges; i++) {
		free(m->surge[i].day_unix);
		free(m->surge[i].mult);
	}
	free(m->surge);
	for (size_t i = 0; i < m->nteams; i++)
		team_free(&m->team[i]);
	free(m->team);
	free(m->shiftset);
	for (size_t p = 0; p < m->npolicies; p++) {
		policy_model *pm = &m->policy[p];
		for (size_t i = 0; i < pm->nteams; i++)
			team_free(&pm->teams[i]);
		free(pm->teams);
		for (size_t i = 0; i < pm->nents; i++)
			free(pm->ents[i].allow);
		free(pm->ents);
		for (size_t i = 0; pm->demand && i < m->nsegments; i++)
			rate_fn_fini(&pm->demand[i].rate);
		free(pm->demand);
		free(pm->selfservice);
	}
	free(m->policy);
	for (int c = 0; c < SIM_NCH; c++) {
		dist_fini(&m->channel[c].handle);
		for (int p = 0; p < SIM_MAX_PRIO; p++)
			dist_fini(&m->channel[c].handle_prio[p]);
	}
	free(m->tier_name);
	free(m->tier_weight);
	free(m->sla_s);
	free(m->target_s);
	for (size_t i = 0; i < m->nclocks; i++)
		sla_clock_fini(&m->clock[i]);
	free(m->clock);
	free(m->seg_clock);
	free(m->sla_bd);
	free(m->warnings);
	memset(m, 0, sizeof(*m));
}

const dist *model_handle(const model *m, const segment_model *s, int prio, int ch)
{
	if (s->handle[ch].kind != DIST_NONE)
		return &s->handle[ch];
	if (m->channel[ch].handle_prio[prio].kind != DIST_NONE)
		return &m->channel[ch].handle_prio[prio];
	return &m->channel[ch].handle;
}

void sla_clock_fini(sla_clock *k)
{
	free(k->start);
	free(k->end);
	free(k->cum);
	free(k->day);
	k->day = NULL;
	k->start = k->end = k->cum = NULL;
	k->n = 0;
}

/* The first interval of k with end > t (n when none). */
static size_t clock_iv(const sla_clock *k, double t)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->end[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double sla_clock_at(const sla_clock *k, double t)
{
	size_t i = clock_iv(k, t);

	if (i == k->n)
		return k->n ? k->cum[k->n - 1] + (k->end[k->n - 1] - k->start[k->n - 1]) : 0;
	return k->cum[i] + (t > k->start[i] ? t - k->start[i] : 0);
}

double sla_clock_reach(const sla_clock *k, double b)
{
	size_t lo = 0, hi = k->n;

	/* the last interval starting with cum < b: the business time reaches b
	 * inside it, or not at all */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (k->cum[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return b > 0 ? INFINITY : 0;
	lo--;
	double d = k->start[lo] + (b - k->cum[lo]);
	if (lo + 1 == k->n && d > k->end[lo])
		return INFINITY; /* beyond the span */
	if (d > k->end[lo])
		d = k->end[lo];  /* b <= cum[lo + 1]: only rounding gets here */
	/* the first double at which sla_clock_at says b: rounding may leave
	 * d an ulp early, and a reading compared with b must agree */
	while (sla_clock_at(k, d) < b) {
		if (d >= k->end[k->n - 1])
			return INFINITY;
		d = nextafter(d, INFINITY);
	}
	return d;
}

double sla_clock_bd_deadline(const sla_clock *k, double t, int n)
{
	size_t j = clock_iv(k, t);

	if (j == k->n || !k->day)
		return INFINITY;
	int64_t day = k->day[j];
	for (int seen = 0; seen < n;) {
		if (++j == k->n)
			return INFINITY;
		if (k->day[j] != day) {
			day = k->day[j];
			seen++;
		}
	}
	while (j + 1 < k->n && k->day[j + 1] == day)
		j++;
	return k->end[j];
}

double sla_clock_deadline(const sla_clock *k, double t, double target)
{
	return sla_clock_reach(k, sla_clock_at(k, t) + target);
}
