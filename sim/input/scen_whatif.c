/* scen_whatif.c: demand what-ifs inside policies -> policy.demand and
 * segment.extra.  `demand = 1.3` scales every segment's volume in one
 * policy, `SEGMENT.demand` one segment's (the two multiply), `SURGE.scale`
 * a surge's excess over 1 (like [surge] scale, on top of it).  Each policy
 * gets its own rate per segment it changes; each segment gets one extra
 * process bounding every policy's excess over the scenario's rate, so
 * the engine draws the what-ifs by thinning and the scenario's contacts
 * stay the same tickets (docs/random.md, "Demand what-ifs"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/scen.h"
#include "input/values.h"

#define DEMAND_MAX 1000.0

bool scen_whatif_key(const char *key)
{
	const char *dot = strrchr(key, '.');

	if (!dot)
		return !strcmp(key, "demand");
	return !strcmp(dot + 1, "demand") || !strcmp(dot + 1, "scale");
}

static int find_segment(const model *m, const char *name, size_t len)
{
	for (size_t s = 0; s < m->nsegments; s++)
		if (strlen(m->segment[s].name) == len && !strncmp(m->segment[s].name, name, len))
			return (int)s;
	return -1;
}

static int find_surge(const model *m, const char *name, size_t len)
{
	for (size_t s = 0; s < m->nsurges; s++)
		if (strlen(m->surge[s].name) == len && !strncmp(m->surge[s].name, name, len))
			return (int)s;
	return -1;
}

/* What a policy section asks: factor per segment, scale per surge (NaN: the
 * surge's own); the key that set each, for messages. */
struct asks {
	double *factor, *scale;
	const ini_key **fkey, **skey;
	bool any;
};

/* scen_near for the first len characters of name; near: 160 bytes. */
static const char *near_name(const scen *c, int kind, const char *name, size_t len, char *near)
{
	char word[SIM_NAME_MAX];

	snprintf(word, sizeof(word), "%.*s", (int)len, name);
	return scen_near(c, kind, word, near, 160);
}

static int read_key(scen *c, const ini_key *k, struct asks *a)
{
	char near[160];

	const model *m = c->m;
	const char *dot = strrchr(k->key, '.');
	size_t len = dot ? (size_t)(dot - k->key) : 0;
	double v;

	if (!dot || !strcmp(dot + 1, "demand")) {
		if (val_number(k->value, 0, DEMAND_MAX, &v, k->at, c->e))
			return -1;
		int s = dot ? find_segment(m, k->key, len) : -1;
		if (dot && s < 0)
			return err_at(c->e, k->at, "%s: no [segment %.*s] section (SEGMENT.demand "
				      "scales one segment's volume)%s", k->key, (int)len, k->key,
				      near_name(c, SEC_SEGMENT, k->key, len, near));
		for (size_t i = 0; i < m->nsegments; i++)
			if (!dot || (int)i == s) {
				a->factor[i] *= v;
				a->fkey[i] = k;
			}
	} else {
		int s = find_surge(m, k->key, len);
		if (s < 0)
			return err_at(c->e, k->at, "%s: no [surge %.*s] section (SURGE.scale "
				      "scales one surge's excess over 1)%s", k->key, (int)len, k->key,
				      near_name(c, SEC_SURGE, k->key, len, near));
		if (val_number(k->value, 0, 1e6, &a->scale[s], k->at, c->e))
			return -1;
		a->skey[s] = k;
	}
	a->any = true;
	return 0;
}

/* Surge sm with its excess over 1 scaled (rows malloc'ed into *out). */
static int scaled_surge(scen *c, const ini_key *k, const surge_model *sm, double scale,
			surge_model *out)
{
	*out = *sm;
	out->day_unix = sm->day_unix;
	out->mult = mem_alloc((sm->n ? sm->n : 1) * sizeof(double));
	if (!out->mult)
		return err_oom_at(c->e, k->at, "the scenario");
	for (size_t i = 0; i < sm->n; i++) {
		out->mult[i] = 1 + scale * (sm->mult[i] - 1);
		if (out->mult[i] < 0) {
			free(out->mult);
			return err_at(c->e, k->at, "scale %g makes the multiplier of row %zu of "
				      "[surge %s] negative", scale, i + 1, sm->name);
		}
	}
	return 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* Every breakpoint of base and own[0..n), sorted, unique, into *out. */
static int merged_breaks(const rate_fn *base, const rate_fn *const *own, size_t n,
			 double **out, size_t *nout)
{
	size_t total = base->n + 1, w = 1;

	for (size_t i = 0; i < n; i++)
		total += own[i]->n + 1;
	double *t = mem_alloc(total * sizeof(double));
	if (!t)
		return -1;
	memcpy(t, base->t, (base->n + 1) * sizeof(double));
	total = base->n + 1;
	for (size_t i = 0; i < n; i++) {
		memcpy(t + total, own[i]->t, (own[i]->n + 1) * sizeof(double));
		total += own[i]->n + 1;
	}
	qsort(t, total, sizeof(double), cmp_double);
	for (size_t i = 1; i < total; i++)
		if (t[i] > t[w - 1])
			t[w++] = t[i];
	*out = t;
	*nout = w;
	return 0;
}

/* A piecewise-constant rate at least max over i of (own[i] - base) on
 * every piece (0 where none exceeds base): on a piece of the merged
 * breakpoints both are linear, so their difference peaks at an end. */
static int excess_bound(const rate_fn *base, const rate_fn *const *own, size_t n,
			rate_fn *out)
{
	size_t nt;

	memset(out, 0, sizeof(*out));
	if (merged_breaks(base, own, n, &out->t, &nt))
		return -1;
	out->n = nt - 1;
	out->r = mem_calloc(out->n ? out->n : 1, sizeof(double));
	out->slope = mem_calloc(out->n ? out->n : 1, sizeof(double));
	out->cum = mem_calloc(nt, sizeof(double));
	if (!out->r || !out->slope || !out->cum)
		return -1;
	for (size_t j = 0; j < out->n; j++) {
		double a = out->t[j], b = out->t[j + 1], ba, bb, oa, ob, e = 0;
		rate_fn_span(base, a, b, &ba, &bb);
		for (size_t i = 0; i < n; i++) {
			rate_fn_span(own[i], a, b, &oa, &ob);
			e = fmax(e, fmax(oa - ba, ob - bb));
		}
		out->r[j] = e;
		out->cum[j + 1] = out->cum[j] + e * (b - a);
		out->peak = fmax(out->peak, e);
	}
	out->mean = out->t[out->n] > 0 ? out->cum[out->n] / out->t[out->n] : 0;
	return 0;
}

/* Does own exceed base anywhere? */
static int exceeds(const rate_fn *own, const rate_fn *base, bool *more)
{
	rate_fn b;
	int rc = excess_bound(base, &own, 1, &b);

	*more = !rc && b.n && b.cum[b.n] > 0;
	rate_fn_fini(&b);
	return rc;
}

/* Segment s under one policy's asks: its own rate, or none (n = 0). */
static int own_rate(scen *c, size_t s, const struct asks *a, demand_model *d)
{
	const model *m = c->m;
	const segment_model *sg = &m->segment[s];
	const ini_key *k = a->fkey[s];
	int su = sg->surge;
	bool scaled = su >= 0 && !isnan(a->scale[su]);
	surge_model tmp;

	d->factor = a->factor[s];
	if (a->factor[s] == 1 && !scaled)
		return 0;
	if (!k)
		k = a->skey[su];
	if (sg->arrival_s)
		return err_at(c->e, k->at, "%s: segment %s replays an arrivals table: a demand "
			      "what-if needs a volume", k->key, sg->name);
	if (scaled && scaled_surge(c, a->skey[su], &m->surge[su], a->scale[su], &tmp))
		return -1;
	int rc = scen_segment_rate(c, sg, a->factor[s], su < 0 ? NULL : scaled ? &tmp
								 : &m->surge[su], &d->rate);
	if (scaled)
		free(tmp.mult);
	return rc;
}

static int policy_whatif(scen *c, const ini_section *sec, policy_model *pm, struct asks *a)
{
	const model *m = c->m;

	a->any = false;
	for (size_t i = 0; i < m->nsegments; i++) {
		a->factor[i] = 1;
		a->fkey[i] = NULL;
	}
	for (size_t i = 0; i < m->nsurges; i++) {
		a->scale[i] = NAN;
		a->skey[i] = NULL;
	}
	for (size_t j = 0; j < sec->nkeys; j++)
		if (scen_whatif_key(sec->keys[j].key) && read_key(c, &sec->keys[j], a))
			return -1;
	if (!a->any)
		return 0;
	pm->demand = mem_calloc(m->nsegments, sizeof(*pm->demand));
	if (!pm->demand)
		return err_oom(c->e, c->f.path, sec->line, "the scenario");
	for (size_t s = 0; s < m->nsegments; s++) {
		demand_model *d = &pm->demand[s];
		if (own_rate(c, s, a, d))
			return -1;
		if (d->rate.n && exceeds(&d->rate, &m->segment[s].rate, &d->more))
			return err_oom(c->e, c->f.path, sec->line, "the scenario");
	}
	return 0;
}

/* Segment s's extra process: the bound of every policy's excess. */
static int segment_extra(scen *c, size_t s)
{
	model *m = c->m;
	const rate_fn **own = mem_alloc((m->npolicies + 1) * sizeof(*own));
	size_t n = 0;

	if (!own)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	for (size_t p = 0; p < m->npolicies; p++)
		if (m->policy[p].demand && m->policy[p].demand[s].more)
			own[n++] = &m->policy[p].demand[s].rate;
	int rc = n ? excess_bound(&m->segment[s].rate, own, n, &m->segment[s].extra) : 0;
	free(own);
	if (rc)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	return 0;
}

int scen_whatifs(scen *c)
{
	model *m = c->m;
	struct asks a = {
		.factor = mem_alloc((m->nsegments + 1) * sizeof(double)),
		.scale = mem_alloc((m->nsurges + 1) * sizeof(double)),
		.fkey = mem_alloc((m->nsegments + 1) * sizeof(*a.fkey)),
		.skey = mem_alloc((m->nsurges + 1) * sizeof(*a.skey)),
	};
	size_t p = 0;
	int rc = 0;

	if (!a.factor || !a.scale || !a.fkey || !a.skey)
		rc = err_oom(c->e, c->f.path, 0, "the scenario");
	for (size_t i = 0; !rc && i < c->f.nsections; i++)
		if (c->f.sections[i].kind == SEC_POLICY)
			rc = policy_whatif(c, &c->f.sections[i], &m->policy[p++], &a);
	for (size_t s = 0; !rc && s < m->nsegments; s++)
		rc = segment_extra(c, s);
	free(a.factor);
	free(a.scale);
	free(a.fkey);
	free(a.skey);
	return rc;
}
