/* model_fixture.h: resolved models built in code for the engine tests (no
 * parser involved): one segment with a flat rate, one tier, teams with one
 * 24x7 shift (or the shifts given), N priorities, chosen channels, one or
 * more policies.  Header-only static functions; every array is malloc'ed so
 * model_fini frees the model as it would a parsed one. */
#ifndef SUPSIM_MODEL_FIXTURE_H
#define SUPSIM_MODEL_FIXTURE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define FX_MAX_POL 4
#define FX_MAX_SHIFTS 8

typedef struct fx_policy {
	const char *name;
	discipline disc;
	int agents;          /* heads of the one team on its 24x7 shift */
	unsigned allow;      /* channel mask of the one entitlement set; 0: none */
} fx_policy;

typedef struct fx_spec {
	double rate_per_s;
	double horizon_s, warmup_s;
	uint64_t seed;
	size_t nprio;                 /* default 1 */
	double prio_w[SIM_MAX_PRIO];  /* default: all on P1 */
	double chan_w[SIM_NCH];       /* preferred mix; default all web */
	dist handle[SIM_NCH];         /* per used channel (kind != NONE) */
	int concurrency[SIM_NCH];
	dist patience[SIM_NCH];
	double sla_s[SIM_MAX_PRIO];   /* 0: one day */
	double shrinkage;
	unsigned skills;              /* 0: every used channel */
	size_t nshifts;               /* 0: 24x7 with the policy's agents */
	shift_iv shifts[FX_MAX_SHIFTS];
	size_t npolicies;             /* default 1 */
	fx_policy pol[FX_MAX_POL];
	int nfallback;
	channel_id fallback[SIM_NCH];
} fx_spec;

static inline int fx_rate(rate_fn *f, size_t n, const double *t, const double *r,
			  const double *slope)
{
	memset(f, 0, sizeof(*f));
	f->t = malloc((n + 1) * sizeof(double));
	f->r = malloc(n * sizeof(double));
	f->slope = malloc(n * sizeof(double));
	f->cum = malloc((n + 1) * sizeof(double));
	if (!f->t || !f->r || !f->slope || !f->cum)
		return -1;
	f->n = n;
	f->cum[0] = 0;
	f->peak = 0;
	for (size_t i = 0; i <= n; i++)
		f->t[i] = t[i];
	for (size_t i = 0; i < n; i++) {
		double x = t[i + 1] - t[i];
		f->r[i] = r[i];
		f->slope[i] = slope ? slope[i] : 0;
		f->cum[i + 1] = f->cum[i] + r[i] * x + 0.5 * f->slope[i] * x * x;
		double end = r[i] + f->slope[i] * x;
		f->peak = fmax(f->peak, fmax(r[i], end));
	}
	f->mean = f->cum[n] / t[n];
	return 0;
}

static inline int fx_team(team_model *tm, const fx_spec *s, int agents)
{
	memset(tm, 0, sizeof(*tm));
	strcpy(tm->name, "team");
	strcpy(tm->tz, "UTC");
	tm->agents = agents;
	tm->skills = s->skills;
	if (!tm->skills)
		for (int ch = 0; ch < CH_SELF; ch++)
			if (s->handle[ch].kind != DIST_NONE)
				tm->skills |= 1u << ch;
	tm->shrinkage = s->shrinkage;
	tm->prio_mask = (1u << SIM_MAX_PRIO) - 1;
	tm->assist_queue = -1;
	tm->assist_wait_share = -1;
	tm->always = s->nshifts == 0;
	strcpy(tm->hours, s->nshifts ? "fixture" : "24x7");
	tm->nshifts = s->nshifts ? s->nshifts : 1;
	tm->shifts = calloc(tm->nshifts, sizeof(*tm->shifts));
	if (!tm->shifts)
		return -1;
	if (!s->nshifts) {
		tm->shifts[0] = (shift_iv){ 0, s->horizon_s, agents };
	} else {
		for (size_t i = 0; i < s->nshifts; i++)
			tm->shifts[i] = s->shifts[i];
	}
	return 0;
}

static inline int fx_policies(model *m, const fx_spec *s)
{
	size_t np = s->npolicies ? s->npolicies : 1;

	m->npolicies = np;
	m->policy = calloc(np, sizeof(*m->policy));
	if (!m->policy)
		return -1;
	for (size_t p = 0; p < np; p++) {
		policy_model *pm = &m->policy[p];
		const fx_policy *fp = &s->pol[p];
		strcpy(pm->name, fp->name ? fp->name : "default");
		pm->disc = fp->disc;
		pm->nteams = 1;
		pm->teams = calloc(1, sizeof(*pm->teams));
		if (!pm->teams || fx_team(pm->teams, s, fp->agents))
			return -1;
		if (fp->allow) {
			pm->nents = 1;
			pm->ents = calloc(1, sizeof(*pm->ents));
			if (!pm->ents)
				return -1;
			strcpy(pm->ents[0].name, "rule");
			pm->ents[0].from = -INFINITY;
			pm->ents[0].to = INFINITY;
			pm->ents[0].allow = calloc(SIM_NROLE, sizeof(unsigned));
			if (!pm->ents[0].allow)
				return -1;
			pm->ents[0].allow[ROLE_ADMIN] = pm->ents[0].allow[ROLE_USER] = fp->allow;
		}
	}
	m->nteams = 1;
	m->team = calloc(1, sizeof(*m->team));
	return m->team ? fx_team(m->team, s, s->pol[0].agents) : -1;
}

static inline int fx_segment(model *m, const fx_spec *s)
{
	segment_model *sm;
	double cum = 0, t[2] = { 0, s->horizon_s }, r[1] = { s->rate_per_s };
	int any = 0;

	m->nsegments = 1;
	m->segment = sm = calloc(1, sizeof(*sm));
	if (!sm)
		return -1;
	strcpy(sm->name, "seg");
	strcpy(sm->tz, "UTC");
	sm->tier = 0;
	sm->role = ROLE_USER;
	sm->volume_per_s = s->rate_per_s;
	sm->surge = -1;
	for (size_t p = 0; p < m->nprio; p++) {
		cum += s->prio_w[p];
		sm->prio_cdf[p] = cum;
	}
	if (cum == 0)
		for (size_t p = 0; p < m->nprio; p++)
			sm->prio_cdf[p] = 1;
	sm->prio_cdf[m->nprio - 1] = 1;
	cum = 0;
	for (int ch = 0; ch < SIM_NCH; ch++) {
		cum += s->chan_w[ch];
		any |= s->chan_w[ch] > 0;
		sm->chan_cdf[ch] = any ? cum : 0;
	}
	if (!any)
		for (int ch = 0; ch < SIM_NCH; ch++)
			sm->chan_cdf[ch] = ch >= CH_WEB ? 1 : 0;
	sm->chan_cdf[SIM_NCH - 1] = 1;
	for (int ch = 0; ch < SIM_NCH; ch++)
		if (dist_copy(&sm->patience[ch], &s->patience[ch]))
			return -1;
	sm->nfallback = s->nfallback;
	for (int k = 0; k < s->nfallback; k++)
		sm->fallback[k] = s->fallback[k];
	return fx_rate(&sm->rate, 1, t, r, NULL);
}

/* Build m from s; 0 or -1 (ENOMEM).  On failure model_fini(m) cleans up. */
static inline int fx_build(model *m, const fx_spec *s)
{
	memset(m, 0, sizeof(*m));
	strcpy(m->name, "fixture");
	strcpy(m->source, "fixture.ini");
	m->horizon_s = s->horizon_s;
	m->warmup_s = s->warmup_s;
	m->replications = 1;
	m->seed = s->seed ? s->seed : 1;
	m->nprio = s->nprio ? s->nprio : 1;
	for (size_t p = 0; p < m->nprio; p++) {
		m->prio_name[p][0] = 'P';
		m->prio_name[p][1] = (char)('1' + p);
		m->goal[p] = NAN;
	}
	m->ntiers = 1;
	m->tier_name = calloc(1, sizeof(*m->tier_name));
	m->tier_weight = malloc(sizeof(double));
	m->sla_s = malloc(m->nprio * sizeof(double));
	if (!m->tier_name || !m->tier_weight || !m->sla_s)
		return -1;
	strcpy(m->tier_name[0], "Pro");
	m->tier_weight[0] = 1;
	for (size_t p = 0; p < m->nprio; p++)
		m->sla_s[p] = s->sla_s[p] > 0 ? s->sla_s[p] : 86400;
	for (int ch = 0; ch < SIM_NCH; ch++) {
		channel_model *cm = &m->channel[ch];
		cm->used = ch == CH_SELF || s->handle[ch].kind != DIST_NONE;
		if (dist_copy(&cm->handle, &s->handle[ch]))
			return -1;
		cm->concurrency = s->concurrency[ch] > 0 ? s->concurrency[ch] : 1;
		cm->live = ch == CH_PHONE || ch == CH_CHAT;
	}
	if (fx_segment(m, s))
		return -1;
	return fx_policies(m, s);
}

/* Erlang C: P(wait > 0) in M/M/c with offered load a = lambda / mu. */
static inline double fx_erlang_c(int c, double a)
{
	double b = 1;

	for (int k = 1; k <= c; k++)
		b = a * b / (k + a * b);
	double rho = a / c;
	return b / (1 - rho * (1 - b));
}

#endif
