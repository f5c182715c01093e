/* describe.c: `supsim check`'s picture of the resolved model.  Reads the
 * model only; every figure is derived from what the engine will use (rate
 * functions, shift step functions, entitlement sets), so what a planner
 * reads here is what gets simulated. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tz.h"
#include "results/describe.h"

#define WEEK_S (7 * 86400.0)

static const char *utc_text(int64_t unix_s, char *buf, size_t len)
{
	time_t t = (time_t)unix_s;
	struct tm tm;

	if (!gmtime_r(&t, &tm)) {
		snprintf(buf, len, "?");
		return buf;
	}
	strftime(buf, len, tm.tm_sec ? "%a %Y-%m-%dT%H:%M:%SZ" : "%a %Y-%m-%dT%H:%MZ", &tm);
	return buf;
}

static const char *at_text(const model *m, double t_s, char *buf, size_t len)
{
	return utc_text(m->start_unix + (int64_t)floor(t_s), buf, len);
}

static const char *channels_text(unsigned mask, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = 0;
	for (int c = 0; c < SIM_NCH; c++)
		if (mask & (1u << c))
			k += (size_t)snprintf(buf + k, k < len ? len - k : 0, "%s%s",
					      k ? " " : "", model_channel_name[c]);
	if (!k)
		snprintf(buf, len, "(none)");
	return buf;
}

static void describe_scenario(const model *m, FILE *out)
{
	char a[64], b[64];

	fprintf(out, "scenario %s (%s)\n", m->name, m->source);
	fprintf(out, "  horizon   %s .. %s (%.6g d), warm-up %.6g d\n",
		at_text(m, 0, a, sizeof(a)), at_text(m, m->horizon_s, b, sizeof(b)),
		m->horizon_s / 86400, m->warmup_s / 86400);
	fprintf(out, "  runs      %d replication%s, seed %llu, %zu polic%s\n",
		m->replications, m->replications == 1 ? "" : "s", (unsigned long long)m->seed,
		m->npolicies, m->npolicies == 1 ? "y" : "ies");
	fprintf(out, "\nSLA first-response targets (h)\n  %-14s", "tier");
	for (size_t p = 0; p < m->nprio; p++)
		fprintf(out, " %8s", m->prio_name[p]);
	fprintf(out, "   weight\n");
	for (size_t t = 0; t < m->ntiers; t++) {
		fprintf(out, "  %-14s", m->tier_name[t]);
		for (size_t p = 0; p < m->nprio; p++)
			fprintf(out, " %8.4g", m->sla_s[t * m->nprio + p] / 3600);
		fprintf(out, "   %.4g\n", m->tier_weight[t]);
	}
	fprintf(out, "  SLA clock  %s", m->seg_clock ? "per segment and priority (below)" : "");
	for (size_t p = 0; !m->seg_clock && p < m->nprio; p++) {
		int k = m->prio_clock[p];
		fprintf(out, "%s%s: %s%s", p ? ", " : "", m->prio_name[p],
			k ? "business hours of " : "calendar time", k ? m->clock[k - 1].teams : "");
	}
	fprintf(out, "\n");
	for (size_t k = 0; k < m->nclocks; k++) {
		const sla_clock *ck = &m->clock[k];
		double week = 0;
		for (size_t i = 0; i < ck->n && ck->start[i] < WEEK_S; i++)
			week += fmin(ck->end[i], WEEK_S) - ck->start[i];
		fprintf(out, "    business hours of %s: %.4g h in the first week\n", ck->teams,
			week / 3600);
	}
	if (m->ngoals) {
		fprintf(out, "  staff goals");
		for (size_t g = 0; g < m->ngoals; g++)
			fprintf(out, " %s%s%.4g", m->goals[g].label,
				m->goals[g].kind == GOAL_ABANDON ? "<=" : ":", m->goals[g].share);
		if (m->staff_confidence > 0)
			fprintf(out, " (met at the lower end of the %.4g interval, up to %d "
				"replications)\n", m->staff_confidence, m->staff_max_reps);
		else
			fprintf(out, " (met by the mean)\n");
	}
}

/* A target in the unit a planner reads it in: s below 2 min, min below
 * 2 h, h above. */
static const char *target_text(double s, char *buf, size_t len)
{
	if (s < 120)
		snprintf(buf, len, "%.4gs", s);
	else if (s < 7200)
		snprintf(buf, len, "%.4gmin", s / 60);
	else
		snprintf(buf, len, "%.4gh", s / 3600);
	return buf;
}

/* Channels (bit set) and priorities some segment of tier t can send: its
 * preferred channels and fallbacks with agents, its priorities. */
static void segment_reach(const model *m, size_t t, unsigned *chans, unsigned *prios)
{
	*chans = *prios = 0;
	for (size_t i = 0; i < m->nsegments; i++) {
		const segment_model *s = &m->segment[i];
		if ((size_t)s->tier != t)
			continue;
		for (size_t c = 0; c < SIM_NCH; c++)
			if (s->chan_cdf[c] > (c ? s->chan_cdf[c - 1] : 0))
				*chans |= 1u << c;
		for (int k = 0; k < s->nfallback; k++)
			*chans |= 1u << s->fallback[k];
		for (size_t p = 0; p < m->nprio; p++)
			if (s->prio_cdf[p] > (p ? s->prio_cdf[p - 1] : 0))
				*prios |= 1u << p;
	}
	*chans &= ~(1u << CH_SELF);
}

/* The resolved target of every tier x priority x channel a segment can
 * send (docs/scenario.md: PRIORITY.CHANNEL, CHANNEL, PRIORITY). */
static void describe_targets(const model *m, FILE *out)
{
	char b[32];

	fprintf(out, "\nresolved targets (tier priority: channel target ...); abandoned = %s\n",
		model_abandon_name[m->abandoned]);
	for (size_t t = 0; t < m->ntiers; t++) {
		unsigned chans, prios;
		segment_reach(m, t, &chans, &prios);
		for (size_t p = 0; p < m->nprio; p++) {
			if (!(prios >> p & 1))
				continue;
			fprintf(out, "  %-14s %-6s", m->tier_name[t], m->prio_name[p]);
			for (size_t c = 0; c < SIM_NCH; c++)
				if (chans >> c & 1)
					fprintf(out, " %s %s", model_channel_name[c],
						target_text(model_target_s(m, t, p, c), b, sizeof(b)));
			fprintf(out, "\n");
		}
	}
}

static void describe_channels(const model *m, FILE *out)
{
	char d[160];

	fprintf(out, "\nchannels\n");
	for (int c = 0; c < CH_SELF; c++) {
		const channel_model *ch = &m->channel[c];
		if (!ch->used)
			continue;
		fprintf(out, "  %-6s handle %s (mean %.4g min), concurrency %d%s\n",
			model_channel_name[c], dist_format(&ch->handle, d, sizeof(d)),
			ch->handle.mean_s / 60, ch->concurrency,
			ch->live ? ", live (customers may abandon)" : ", backlog");
		for (size_t p = 0; p < m->nprio; p++)
			if (ch->handle_prio[p].kind != DIST_NONE)
				fprintf(out, "         handle.%s %s (mean %.4g min)\n", m->prio_name[p],
					dist_format(&ch->handle_prio[p], d, sizeof(d)),
					ch->handle_prio[p].mean_s / 60);
	}
}

static void describe_segment(const model *m, const segment_model *s, FILE *out)
{
	char d[160], a[64];
	const rate_fn *f = &s->rate;
	double peak_t = 0;

	for (size_t i = 0; i < f->n; i++) {
		double r_end = f->r[i] + f->slope[i] * (f->t[i + 1] - f->t[i]);
		if (f->r[i] >= f->peak * (1 - 1e-12)) {
			peak_t = f->t[i];
			break;
		}
		if (r_end >= f->peak * (1 - 1e-12)) {
			peak_t = f->t[i + 1];
			break;
		}
	}
	fprintf(out, "  %s: tier %s, %s, %s\n", s->name, m->tier_name[s->tier],
		model_role_name[s->role], s->tz);
	fprintf(out, "    volume %.6g/d; over the horizon mean %.6g/d, peak %.6g/h at %s;"
		" expected contacts %.6g\n", s->volume_per_s * 86400, f->mean * 86400,
		f->peak * 3600, at_text(m, peak_t, a, sizeof(a)), f->n ? f->cum[f->n] : 0.0);
	for (size_t p = 0; m->seg_clock && p < m->nprio; p++) {
		int k = m->seg_clock[(size_t)(s - m->segment) * m->nprio + p];
		int bd = 0;
		for (size_t ch = 0; m->sla_bd && ch < SIM_NCH && !bd; ch++)
			bd = m->sla_bd[((size_t)s->tier * m->nprio + p) * SIM_NCH + ch];
		char target[32];
		if (bd)
			snprintf(target, sizeof(target), "%d business day%s", bd, bd > 1 ? "s" : "");
		else
			snprintf(target, sizeof(target), "%.4gh", m->sla_s[(size_t)s->tier * m->nprio + p] / 3600);
		fprintf(out, "%s %s %s on %s%s", p ? "," : "    SLA", m->prio_name[p], target,
			k ? "business hours of " : "calendar time", k ? m->clock[k - 1].teams : "");
	}
	if (m->seg_clock)
		fprintf(out, "\n");
	if (s->by_day) {
		static const char *const day[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
		fprintf(out, "    volume by day (local):");
		for (int i = 0; i < 7; i++)
			fprintf(out, " %s %.6g/d", day[i], s->day_per_s[i] * 86400);
		fprintf(out, "; weekly mean %.6g/d\n", s->volume_per_s * 86400);
	}
	if (s->arrival_s)
		fprintf(out, "    arrivals replayed from a table: %zu instants\n", s->narrivals);
	else
		fprintf(out, "    profile %s, surge %s\n", s->profile ? "weekly (168 h)" : "flat",
			s->surge >= 0 ? m->surge[s->surge].name : "none");
	fprintf(out, "    priority");
	for (size_t p = 0; p < m->nprio; p++)
		fprintf(out, " %s:%.4g", m->prio_name[p],
			s->prio_cdf[p] - (p ? s->prio_cdf[p - 1] : 0));
	fprintf(out, "\n    channel ");
	for (int c = 0; c < SIM_NCH; c++) {
		double w = s->chan_cdf[c] - (c ? s->chan_cdf[c - 1] : 0);
		if (w > 0)
			fprintf(out, " %s:%.4g", model_channel_name[c], w);
	}
	fprintf(out, "; fallback");
	for (int i = 0; i < s->nfallback; i++)
		fprintf(out, " %s", model_channel_name[s->fallback[i]]);
	fprintf(out, "\n");
	for (int c = 0; c < SIM_NCH; c++)
		if (s->handle[c].kind != DIST_NONE)
			fprintf(out, "    handle %s %s (mean %.4g min)\n", model_channel_name[c],
				dist_format(&s->handle[c], d, sizeof(d)), s->handle[c].mean_s / 60);
	for (int c = 0; c < SIM_NCH; c++)
		if (s->patience[c].kind != DIST_NONE)
			fprintf(out, "    patience %s %s\n", model_channel_name[c],
				dist_format(&s->patience[c], d, sizeof(d)));
}

/* The shifts that start in [from, to), in UTC. */
static void describe_shifts(const model *m, const team_model *t, double from, double to, FILE *out)
{
	char a[64], b[64];
	int shown = 0;

	for (size_t i = 0; i < t->nshifts; i++) {
		const shift_iv *s = &t->shifts[i];
		if (s->start < from || s->start >= to)
			continue;
		fprintf(out, "      %s .. %s  %d head%s\n", at_text(m, s->start, a, sizeof(a)),
			at_text(m, s->end, b, sizeof(b)), s->agents, s->agents == 1 ? "" : "s");
		shown++;
	}
	if (!shown)
		fprintf(out, "      (no shift starts)\n");
}

/* First instant in [0, horizon) where the zone's UTC offset changes, by
 * hourly steps then bisection to the second; -1 when none. */
static double first_dst_change(const model *m, const char *zone, int *before, int *after)
{
	int off0 = tz_offset(zone, m->start_unix);

	for (double t = 3600; t < m->horizon_s; t += 3600) {
		int off = tz_offset(zone, m->start_unix + (int64_t)t);
		if (off == off0)
			continue;
		double lo = t - 3600, hi = t;
		while (hi - lo > 1) {
			double mid = floor((lo + hi) / 2);
			if (tz_offset(zone, m->start_unix + (int64_t)mid) == off0)
				lo = mid;
			else
				hi = mid;
		}
		*before = off0;
		*after = off;
		return hi;
	}
	return -1;
}

static void describe_team(const model *m, const team_model *t, FILE *out)
{
	char a[64], sk[64];
	int before, after;

	fprintf(out, "  %s: %d agent%s, %s, hours %s, skills %s, shrinkage %.4g\n", t->name,
		t->agents, t->agents == 1 ? "" : "s", t->tz, t->hours, channels_text(t->skills, sk, sizeof(sk)), t->shrinkage);
	if (t->prio_mask != (1u << m->nprio) - 1) {
		fprintf(out, "    takes priorities");
		for (size_t p = 0; p < m->nprio; p++)
			if (t->prio_mask & (1u << p))
				fprintf(out, " %s", m->prio_name[p]);
		fprintf(out, "\n");
	}
	if (t->assist_mask) {
		fprintf(out, "    also takes");
		for (size_t p = 0; p < m->nprio; p++)
			if (t->assist_mask & (1u << p))
				fprintf(out, " %s", m->prio_name[p]);
		if (t->assist_queue >= 0)
			fprintf(out, " when its queue reaches %d", t->assist_queue);
		if (t->assist_wait_share >= 0)
			fprintf(out, "%s the oldest has waited %.4g%% of its target",
				t->assist_queue >= 0 ? " or" : " when", 100 * t->assist_wait_share);
		fprintf(out, "\n");
	}
	if (t->always) {
		fprintf(out, "    on shift around the clock\n");
		return;
	}
	fprintf(out, "    first week, UTC:\n");
	describe_shifts(m, t, 0, WEEK_S, out);
	double change = first_dst_change(m, t->tz, &before, &after);
	if (change < 0) {
		fprintf(out, "    no daylight-saving change in the horizon\n");
		return;
	}
	fprintf(out, "    daylight-saving change at %s (UTC%+.4g h -> UTC%+.4g h); the week after, UTC:\n",
		at_text(m, change, a, sizeof(a)), before / 3600.0, after / 3600.0);
	describe_shifts(m, t, change, change + WEEK_S, out);
}

static void describe_policy_ents(const model *m, const policy_model *p, FILE *out)
{
	char a[64], b[64], ch[64];

	if (!p->nents) {
		fprintf(out, "    entitlements: every tier and role may use every channel\n");
		return;
	}
	for (size_t i = 0; i < p->nents; i++) {
		const ent_set *s = &p->ents[i];
		if (isinf(s->from) && isinf(s->to))
			fprintf(out, "    entitlements %s (always):\n", s->name);
		else
			fprintf(out, "    entitlements %s, from %s to %s:\n", s->name,
				isinf(s->from) ? "the start" : at_text(m, s->from, a, sizeof(a)),
				isinf(s->to) ? "the end" : at_text(m, s->to, b, sizeof(b)));
		for (size_t t = 0; t < m->ntiers; t++)
			for (int r = 0; r < SIM_NROLE; r++)
				fprintf(out, "      %-12s %-6s %s\n", m->tier_name[t], model_role_name[r],
					channels_text(s->allow[t * SIM_NROLE + (size_t)r], ch, sizeof(ch)));
	}
	fprintf(out, "    outside those windows: every channel\n");
}

/* The channel a contact preferring `pref` uses when the channels in `ok`
 * are allowed and open (the engine's rule, docs/engine.md). */
static int routed_channel(const segment_model *s, int pref, unsigned ok)
{
	return model_route_channel(s, pref, ok);
}

/* Channels open to priority p at t under policy p: web when some team of
 * the policy serves it, a live channel while a team that takes p on it is
 * on shift, selfservice always. */
static unsigned open_at(const policy_model *pm, size_t prio, double t)
{
	unsigned open = 1u << CH_SELF;

	for (size_t k = 0; k < pm->nteams; k++) {
		const team_model *tm = &pm->teams[k];
		if (!tm->nshifts)
			continue;
		open |= tm->skills & (1u << CH_WEB | 1u << CH_EMAIL); /* backlogs */
		if ((tm->prio_mask >> prio & 1) && team_heads_at(tm, t) > 0)
			open |= tm->skills & ((1u << CH_PHONE) | (1u << CH_CHAT));
	}
	return open;
}

typedef struct load_sum {
	double offered_sum, cap_sum, peak, peak_t;
	long over_hours;
} load_sum;

/* Offered load (Erlangs: arrival rate x mean handle / concurrency) and
 * capacity (heads on shift x (1 - shrinkage) of the teams that serve the
 * channel) per channel, hour by hour over the horizon. */
static void policy_load(const model *m, const policy_model *p, load_sum ls[SIM_NCH], long *hours,
			double *deflected)
{
	memset(ls, 0, sizeof(load_sum) * SIM_NCH);
	*hours = 0;
	*deflected = 0;
	for (double h0 = 0; h0 < m->horizon_s; h0 += 3600) {
		double h1 = fmin(h0 + 3600, m->horizon_s), mid = (h0 + h1) / 2;
		double offered[SIM_NCH] = { 0 }, work[SIM_NCH] = { 0 }, cap[SIM_NCH] = { 0 };
		for (size_t i = 0; i < m->nsegments; i++) {
			const segment_model *s = &m->segment[i];
			const rate_fn *rf = p->demand && p->demand[i].rate.n ? &p->demand[i].rate
									    : &s->rate;
			double n = rate_fn_cum(rf, h1) - rate_fn_cum(rf, h0);
			double self = p->selfservice ? p->selfservice[s->tier] : 0;
			offered[CH_SELF] += n * self; /* policy.selfservice */
			n *= 1 - self;
			unsigned allowed = policy_allowed(p, m->ntiers, s->tier, s->role, mid);
			for (size_t pr = 0; pr < m->nprio; pr++) {
				double wp = s->prio_cdf[pr] - (pr ? s->prio_cdf[pr - 1] : 0);
				unsigned ok = allowed & open_at(p, pr, mid);
				for (int c = 0; c < SIM_NCH; c++) {
					double w = s->chan_cdf[c] - (c ? s->chan_cdf[c - 1] : 0);
					int rc = routed_channel(s, c, ok);
					offered[rc] += n * wp * w;
					if (rc != CH_SELF && m->channel[rc].used)
						work[rc] += n * wp * w *
							    model_handle(m, s, (int)pr, rc)->mean_s;
				}
			}
		}
		for (size_t k = 0; k < p->nteams; k++) {
			const team_model *t = &p->teams[k];
			double heads = team_heads_at(t, mid) * (1 - t->shrinkage);
			for (int c = 0; c < CH_SELF; c++)
				if (t->skills & (1u << c))
					cap[c] += heads;
			cap[CH_SELF] += heads; /* every team once: the total */
		}
		double total = 0;
		for (int c = 0; c < CH_SELF; c++) {
			const channel_model *ch = &m->channel[c];
			double erl = ch->used ? work[c] / (h1 - h0) / model_concurrency(m, p, c) : 0;
			ls[c].offered_sum += erl;
			ls[c].cap_sum += cap[c];
			if (erl > ls[c].peak) {
				ls[c].peak = erl;
				ls[c].peak_t = h0;
			}
			ls[c].over_hours += erl > cap[c];
			total += erl;
		}
		/* slot CH_SELF: all agent channels together, each team once */
		ls[CH_SELF].offered_sum += total;
		ls[CH_SELF].cap_sum += cap[CH_SELF];
		if (total > ls[CH_SELF].peak) {
			ls[CH_SELF].peak = total;
			ls[CH_SELF].peak_t = h0;
		}
		ls[CH_SELF].over_hours += total > cap[CH_SELF];
		*deflected += offered[CH_SELF];
		(*hours)++;
	}
}

/* The policy's demand what-ifs: each segment it changes, with the contacts
 * expected under it and under the scenario. */
static void describe_policy_demand(const model *m, const policy_model *p, FILE *out)
{
	for (size_t i = 0; p->demand && i < m->nsegments; i++) {
		const rate_fn *own = &p->demand[i].rate, *base = &m->segment[i].rate;
		if (!own->n)
			continue;
		fprintf(out, "  demand of %s: volume x %.6g; expected contacts %.6g (scenario %.6g, "
			"x %.4f)\n", m->segment[i].name, p->demand[i].factor, own->cum[own->n],
			base->cum[base->n], base->cum[base->n] > 0 ? own->cum[own->n] /
			base->cum[base->n] : 0.0);
	}
}

/* policy.selfservice and policy.concurrency, when the policy has them. */
static void describe_policy_levers(const model *m, const policy_model *p, FILE *out)
{
	for (size_t t = 0; p->selfservice && t < m->ntiers; t++)
		if (p->selfservice[t] > 0)
			fprintf(out, "  self-service answers %g %% of %s's contacts\n",
				100 * p->selfservice[t], m->tier_name[t]);
	for (int c = 0; c < CH_SELF; c++)
		if (p->concurrency[c])
			fprintf(out, "  %s: %d contacts at once per agent\n", model_channel_name[c],
				p->concurrency[c]);
}

static void describe_load(const model *m, const policy_model *p, FILE *out)
{
	load_sum ls[SIM_NCH];
	long hours;
	double deflected;
	char a[64];

	policy_load(m, p, ls, &hours, &deflected);
	if (!hours)
		return;
	fprintf(out, "    load vs capacity, hour by hour (Erlangs: agents kept busy; capacity: heads on\n"
		"    shift net of shrinkage, of the teams with the skill, so shared agents count\n"
		"    under each of their channels and once under 'all'):\n");
	for (int c = 0; c <= CH_SELF; c++) {
		if (c < CH_SELF && !m->channel[c].used)
			continue;
		fprintf(out, "      %-6s offered mean %8.3f, peak %8.3f (hour of %s); capacity mean %8.3f;"
			" offered > capacity in %ld of %ld hours%s\n",
			c < CH_SELF ? model_channel_name[c] : "all", ls[c].offered_sum / hours, ls[c].peak,
			at_text(m, ls[c].peak_t, a, sizeof(a)), ls[c].cap_sum / hours,
			ls[c].over_hours, hours,
			ls[c].cap_sum == 0 && ls[c].offered_sum > 0 ? "  (NO TEAM SERVES IT)" : "");
	}
	fprintf(out, "      deflected to selfservice: %.6g contacts over the horizon (%.4g/h)\n",
		deflected, deflected / hours);
}

int describe_model(const model *m, FILE *out)
{
	errno = 0;
	describe_scenario(m, out);
	describe_targets(m, out);
	describe_channels(m, out);
	fprintf(out, "\nsegments\n");
	for (size_t i = 0; i < m->nsegments; i++)
		describe_segment(m, &m->segment[i], out);
	for (size_t p = 0; p < m->npolicies; p++) {
		const policy_model *pm = &m->policy[p];
		fprintf(out, "\npolicy %s: discipline %s%s\n", pm->name, model_discipline_name[pm->disc],
			pm->live_first ? ", live channels first" : "");
		describe_policy_levers(m, pm, out);
		fprintf(out, "  teams\n");
		for (size_t k = 0; k < pm->nteams; k++)
			describe_team(m, &pm->teams[k], out);
		describe_policy_ents(m, pm, out);
		describe_policy_demand(m, pm, out);
		describe_load(m, pm, out);
	}
	return ferror(out) ? -1 : 0;
}
