/* scen_demand.c: [segment NAME] sections -> model.segment: who contacts
 * support, how often (volume x weekly profile x surge, resolved to a rate
 * over the horizon), with which priority and preferred channel (mixes as
 * CDFs in model order), how patient on live channels, and where they go
 * when their channel is not allowed (fallback).  A segment may instead
 * replay a table of arrival instants (arrivals = FILE.csv). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/calendar.h"
#include "input/dist_value.h"
#include "input/scen.h"
#include "input/tables.h"
#include "tz.h"
#include "input/values.h"
#include "stop.h"

/* More contacts than this per segment and replication is a mistake (a rate
 * or a surge off by orders of magnitude), not a plan: 1e10 would take about
 * half an hour per replication. */
#define MAX_CONTACTS 1e10

#define MIX_MAX (SIM_MAX_PRIO + SIM_NCH)

/* Weights in model order -> cumulative, exactly 1 from the last nonzero. */
static void to_cdf(const double *w, size_t n, double *cdf)
{
	double acc = 0;
	size_t last = 0;

	for (size_t i = 0; i < n; i++) {
		acc += w[i];
		cdf[i] = acc < 1 ? acc : 1;
		if (w[i] > 0)
			last = i;
	}
	for (size_t i = last; i < n; i++)
		cdf[i] = 1;
}

static int prio_mix(scen *c, const ini_key *k, segment_model *sg)
{
	val_weight w[MIX_MAX];
	double pw[SIM_MAX_PRIO] = { 0 };
	size_t n;

	if (val_mix(k->value, w, MIX_MAX, &n, k->at, c->e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int p = scen_prio(c, k, w[i].label);
		if (p < 0)
			return -1;
		pw[p] += w[i].w;
	}
	to_cdf(pw, c->m->nprio, sg->prio_cdf);
	return 0;
}

static int chan_mix(scen *c, const ini_key *k, segment_model *sg)
{
	val_weight w[MIX_MAX];
	double cw[SIM_NCH] = { 0 };
	size_t n;

	if (val_mix(k->value, w, MIX_MAX, &n, k->at, c->e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int ch = scen_channel(c, k, w[i].label, false);
		if (ch < 0)
			return -1;
		cw[ch] += w[i].w;
	}
	to_cdf(cw, SIM_NCH, sg->chan_cdf);
	return 0;
}

/* CHANNEL:DISTRIBUTION ... into out[channel]: patience (live channels
 * only) and handle (a mean > 0) alike. */
static int channel_dists(scen *c, const ini_key *k, dist *out, bool patience)
{
	val_pair p[SIM_NCH];
	size_t n;

	if (val_pairs(k->value, p, SIM_NCH, &n, k->at, c->e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int ch = scen_channel(c, k, p[i].label, true);
		if (ch < 0)
			return -1;
		if (patience && !c->m->channel[ch].live)
			return err_at(c->e, k->at, "patience applies to live channels (phone, "
				      "chat) only, not '%s'", p[i].label);
		if (val_dist(p[i].value, c->base_dir, &out[ch], k->at, c->e))
			return -1;
		if (!patience && out[ch].mean_s <= 0)
			return err_at(c->e, k->at, "a handling time must have a mean > 0 (%s)",
				      p[i].label);
	}
	return 0;
}

static int add_fallback(scen *c, const ini_key *k, segment_model *sg, const char *name)
{
	int ch = scen_channel(c, k, name, false);

	if (ch < 0)
		return -1;
	for (int i = 0; i < sg->nfallback; i++)
		if (sg->fallback[i] == (channel_id)ch)
			return err_at(c->e, k->at, "channel '%s' twice in fallback", name);
	sg->fallback[sg->nfallback++] = (channel_id)ch;
	return 0;
}

/* Explicit fallback order, or "web chat phone" less channels not used. */
static int fallback(scen *c, const ini_key *k, segment_model *sg)
{
	static const channel_id def[] = { CH_WEB, CH_EMAIL, CH_CHAT, CH_PHONE };
	char buf[4096], *w[SIM_NCH];

	if (!k) {
		for (size_t i = 0; i < sizeof(def) / sizeof(def[0]); i++)
			if (c->m->channel[def[i]].used)
				sg->fallback[sg->nfallback++] = def[i];
		return 0;
	}
	int n = scen_words(c, k, buf, w, SIM_NCH);
	for (int i = 0; i < n; i++)
		if (add_fallback(c, k, sg, w[i]))
			return -1;
	return n < 0 ? -1 : 0;
}

static int profile(scen *c, const ini_key *k, segment_model *sg)
{
	char path[PATH_MAX];

	if (!k)
		return 0;
	sg->profile = mem_alloc(168 * sizeof(double));
	if (!sg->profile)
		return err_oom_at(c->e, k->at, "the scenario");
	if (scen_path(c, k, path, sizeof(path)))
		return -1;
	if (table_profile(path, sg->profile, c->e))
		return scen_table_err(c, k);
	return 0;
}

static int surge(scen *c, const ini_key *k, segment_model *sg)
{
	char near[160];

	sg->surge = -1;
	if (!k)
		return 0;
	for (size_t i = 0; i < c->m->nsurges; i++)
		if (!strcmp(c->m->surge[i].name, k->value))
			sg->surge = (int)i;
	if (sg->surge < 0)
		return err_at(c->e, k->at, "no [surge %s] section%s", k->value,
			      scen_near(c, SEC_SURGE, k->value, near, sizeof(near)));
	return 0;
}

/* volume = DAYS:RATE ...: the days' rates folded into the weekly profile
 * (the profile, or flat, shapes the hours within each day, scaled so that
 * each day's hours give its rate), volume_per_s their weekly mean. */
static int by_day(scen *c, const ini_section *s, segment_model *sg)
{
	static const char *const day[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	const ini_key *k = inifile_key(s, "volume");
	double mean = 0;

	if (!sg->profile) {
		sg->profile = mem_alloc(168 * sizeof(double));
		if (!sg->profile)
			return err_oom_at(c->e, k->at, "the scenario");
		for (int h = 0; h < 168; h++)
			sg->profile[h] = 1;
	}
	for (int d = 0; d < 7; d++) {
		double sum = 0, *p = sg->profile + 24 * d;
		for (int h = 0; h < 24; h++)
			sum += p[h];
		if (sum <= 0 && sg->day_per_s[d] > 0)
			return err_at(c->e, k->at, "volume gives %s a rate but the profile has no "
				      "weight on %s", day[d], day[d]);
		for (int h = 0; h < 24; h++) {
			p[h] = sum > 0 ? sg->day_per_s[d] * p[h] * 24 / sum : 0;
			mean += p[h] / 168;
		}
	}
	for (int h = 0; h < 168; h++)
		sg->profile[h] /= mean;
	sg->volume_per_s = mean;
	return 0;
}

/* arrivals = FILE.csv: the instants replace volume, profile and surge. */
static int arrivals(scen *c, const ini_section *s, const ini_key *k, segment_model *sg)
{
	static const char *const excl[] = { "volume", "profile", "surge" };
	const model *m = c->m;
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(excl) / sizeof(excl[0]); i++) {
		const ini_key *x = inifile_key(s, excl[i]);
		if (x)
			return err_at(c->e, x->at, "a segment with arrivals takes no %s: the "
				      "table gives every arrival", excl[i]);
	}
	if (scen_path(c, k, path, sizeof(path)))
		return -1;
	if (table_instants(path, m->start_unix, m->horizon_s, &sg->arrival_s, &sg->narrivals,
			   c->e))
		return scen_table_err(c, k);
	sg->volume_per_s = (double)sg->narrivals / m->horizon_s;
	return 0;
}

/* tier, role, timezone, volume (or arrivals): the plain keys. */
static int who(scen *c, const ini_section *s, segment_model *sg)
{
	const ini_key *k;

	snprintf(sg->name, sizeof(sg->name), "%s", s->name);
	if (!(k = scen_need(c, s, "tier")))
		return -1;
	sg->tier = scen_tier(c->m, k->value);
	k = inifile_key(s, "role"); /* default admin: docs/scenario.md */
	sg->role = k && !strcmp(k->value, "user") ? ROLE_USER : ROLE_ADMIN;
	k = inifile_key(s, "timezone");
	snprintf(sg->tz, sizeof(sg->tz), "%s", k ? k->value : "UTC");
	if ((k = inifile_key(s, "arrivals")))
		return arrivals(c, s, k, sg);
	if (!(k = scen_need(c, s, "volume")))
		return -1;
	if (strchr(k->value, ':')) {
		sg->by_day = true;
		return val_day_rates(k->value, sg->day_per_s, k->at, c->e);
	}
	return val_rate(k->value, &sg->volume_per_s, k->at, c->e);
}

static int segment(scen *c, const ini_section *s, segment_model *sg)
{
	const ini_key *k;
	model *m = c->m;

	if (who(c, s, sg))
		return -1;
	if (!(k = scen_need(c, s, "priority")) || prio_mix(c, k, sg))
		return -1;
	if (!(k = scen_need(c, s, "channel")) || chan_mix(c, k, sg))
		return -1;
	if ((k = inifile_key(s, "patience")) && channel_dists(c, k, sg->patience, true))
		return -1;
	if ((k = inifile_key(s, "handle")) && channel_dists(c, k, sg->handle, false))
		return -1;
	if (fallback(c, inifile_key(s, "fallback"), sg) ||
	    profile(c, inifile_key(s, "profile"), sg) || surge(c, inifile_key(s, "surge"), sg))
		return -1;
	if (sg->by_day && by_day(c, s, sg))
		return -1;
	const surge_model *sm = sg->surge >= 0 ? &m->surge[sg->surge] : NULL;
	return scen_segment_rate(c, sg, 1, sm, &sg->rate);
}

int scen_segment_rate(scen *c, const segment_model *sg, double factor, const surge_model *sm,
		      rate_fn *out)
{
	const model *m = c->m;
	const ini_section *s = inifile_find(&c->f, SEC_SEGMENT, sg->name);

	if (calendar_rate(out, factor * sg->volume_per_s, sg->profile, sg->tz, sm, m->start_unix,
			  m->horizon_s, c->e)) {
		err why = *c->e;
		return err_set(c->e, c->f.path, s->line, "[segment %s]: %s", s->name, why.msg);
	}
	double n = out->n ? out->cum[out->n] : 0;
	if (!(n <= MAX_CONTACTS)) {
		const ini_key *vk = inifile_key(s, "volume");
		srcloc at = vk ? vk->at : (srcloc){ c->f.path, s->line };
		return err_at(c->e, at, "[segment %s]: %.3g contacts expected over the horizon "
			      "(volume x profile x surge%s); at most %.0e per segment", s->name, n,
			      factor != 1 ? " x a policy's demand" : "", MAX_CONTACTS);
	}
	return 0;
}

int scen_segments(scen *c)
{
	model *m = c->m;
	size_t n = inifile_count(&c->f, SEC_SEGMENT);

	m->segment = mem_calloc(n, sizeof(*m->segment));
	if (!m->segment)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	m->nsegments = n;
	n = 0;
	for (size_t i = 0; i < c->f.nsections; i++) {
		if (c->f.sections[i].kind != SEC_SEGMENT)
			continue;
		if (sim_stopping())
			return err_stopped(c->e, c->f.path, c->f.sections[i].line);
		if (segment(c, &c->f.sections[i], &m->segment[n++]))
			return -1;
	}
	return 0;
}
