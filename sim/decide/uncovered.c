/* uncovered.c: why a goal cannot be met at any head count, in a planner's
 * words: the contacts of the goal's cells that arrive when no team that
 * takes them (their channel among its skills, their priority among its
 * priorities; assist teams are told apart) is on shift, by priority and
 * channel, as hours of
 * the week in the zone of a team that takes them and as a share of the
 * goal's contacts.  From the model alone (expected arrivals of the rates,
 * in quarter-hour steps over the span counted); live contacts use the
 * channel the engine would give them (channel_used in run.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/staff.h"
#include "tz.h"

#define STEP_S 900.0
#define HOW 168 /* hours of the week, Monday 00:00 first */

/* Per priority and channel: contacts, those uncovered, both by local hour
 * of the week. */
typedef struct tallyu {
	double all, unc;
	double late; /* uncovered and no team on shift before the target */
	double assist; /* uncovered but for a team taking them by its assist rule */
	double how_all[HOW], how_unc[HOW];
	int team; /* first team of the policy that takes them at all, or -1 */
} tallyu;

/* Does team t take (ch, p): among its priorities, or (assist) also by its
 * assist rule? */
static bool takes(const team_model *t, int ch, int p, bool assist)
{
	unsigned mask = t->prio_mask | (assist ? t->assist_mask : 0);

	return t->agents > 0 && (t->skills >> ch & 1) && (mask >> p & 1);
}

/* Is a team that takes (ch, p) (assist: also by its rule) on shift at t? */
static bool covered(const policy_model *pol, int ch, int p, double t, bool assist)
{
	for (size_t k = 0; k < pol->nteams; k++)
		if (takes(&pol->teams[k], ch, p, assist) && team_heads_at(&pol->teams[k], t) > 0)
			return true;
	return false;
}

/* The channel the engine gives a contact preferring pref (run.c's
 * channel_used): live channels are open while a team takes them. */
static int channel_of(const model *m, const policy_model *pol, const segment_model *sg, int p,
		      int pref, double t)
{
	unsigned ok = policy_allowed(pol, m->ntiers, sg->tier, sg->role, t), open = 0;

	for (int ch = 0; ch < CH_SELF; ch++)
		for (size_t k = 0; k < pol->nteams; k++)
			if (takes(&pol->teams[k], ch, p, true) &&
			    (ch == CH_WEB || team_heads_at(&pol->teams[k], t) > 0))
				open |= 1u << ch;
	ok &= open | 1u << CH_SELF;
	if (ok >> pref & 1)
		return pref;
	for (int k = 0; k < sg->nfallback; k++)
		if (ok >> sg->fallback[k] & 1)
			return sg->fallback[k];
	return CH_SELF;
}

static bool in_goal(const staff_goal *g, int tier, int p, int ch)
{
	if (ch == CH_SELF || (g->tier >= 0 && g->tier != tier) || (g->prio >= 0 && g->prio != p) ||
	    (g->ch >= 0 && g->ch != ch))
		return false;
	return g->kind == GOAL_ATTAIN || ch == CH_PHONE || ch == CH_CHAT;
}

/* Is a team taking (ch, p) on shift at some step start in (t, t + span]?
 * (calendar time; quarter-hour steps) */
static bool covered_within(const policy_model *pol, int ch, int p, double t, double span)
{
	for (double x = t + STEP_S; x <= t + span + 1e-9; x += STEP_S)
		if (covered(pol, ch, p, x, true))
			return true;
	return covered(pol, ch, p, t + span, true);
}

/* Add the expected contacts of segment sg in [a, b) to u. */
static void add_step(const model *m, const policy_model *pol, const staff_goal *g,
		     const segment_model *sg, double a, double b, tallyu *u)
{
	double n = rate_fn_cum(&sg->rate, b) - rate_fn_cum(&sg->rate, a), t = (a + b) / 2;

	for (int p = 0; p < (int)m->nprio; p++) {
		double wp = sg->prio_cdf[p] - (p ? sg->prio_cdf[p - 1] : 0);
		for (int pref = 0; pref < SIM_NCH && wp > 0; pref++) {
			double w = sg->chan_cdf[pref] - (pref ? sg->chan_cdf[pref - 1] : 0);
			int ch = w > 0 ? channel_of(m, pol, sg, p, pref, t) : CH_SELF;
			if (!in_goal(g, sg->tier, p, ch))
				continue;
			tallyu *x = &u[p * SIM_NCH + ch];
			civil lt = tz_to_local(x->team >= 0 ? pol->teams[x->team].tz : "UTC",
					       m->start_unix + (int64_t)t);
			int how = lt.wday * 24 + lt.hour;
			x->all += n * wp * w;
			x->how_all[how] += n * wp * w;
			if (!covered(pol, ch, p, t, false)) {
				double target = model_target_s(m, (size_t)sg->tier, (size_t)p,
							       (size_t)ch);
				x->unc += n * wp * w;
				x->how_unc[how] += n * wp * w;
				if (covered(pol, ch, p, t, true))
					x->assist += n * wp * w;
				/* on a calendar clock, a web ticket nobody takes before its
				 * target is missed at any head count */
				if (ch == CH_WEB && !m->prio_clock[p] &&
				    !covered_within(pol, ch, p, t, target))
					x->late += n * wp * w;
			}
		}
	}
}

/* Hours of the week where most contacts are uncovered, "Mon-Fri
 * 00:00-08:00 20:00-24:00, Sat-Sun 00:00-24:00", into buf. */
static void hours_text(const tallyu *x, char *buf, size_t len)
{
	static const char *const day[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	unsigned mask[7] = { 0 };
	size_t k = 0;

	for (int h = 0; h < HOW; h++)
		if (x->how_all[h] > 0 && x->how_unc[h] > x->how_all[h] / 2)
			mask[h / 24] |= 1u << (h % 24);
	buf[0] = '\0';
	for (int d = 0; d < 7; d++) {
		int e = d;
		if (!mask[d])
			continue;
		while (e + 1 < 7 && mask[e + 1] == mask[d])
			e++;
		k += (size_t)snprintf(buf + k, k < len ? len - k : 0, "%s%s%s%s", k ? ", " : "",
				      day[d], e > d ? "-" : "", e > d ? day[e] : "");
		for (int h = 0; h < 24; h++) {
			if (!(mask[d] >> h & 1) || (h && mask[d] >> (h - 1) & 1))
				continue;
			int j = h;
			while (j < 24 && mask[d] >> j & 1)
				j++;
			k += (size_t)snprintf(buf + k, k < len ? len - k : 0, " %02d:00-%02d:00", h, j);
		}
		d = e;
	}
	if (!buf[0])
		snprintf(buf, len, "at scattered hours (holidays, shift changes)");
}

/* The sentence of one (priority, channel) into buf at *k. */
static void cell_text(const model *m, const policy_model *pol, const tallyu *x, int p, int ch,
		      double total, char *buf, size_t len, size_t *k)
{
	char hours[600];

	if (x->team < 0) {
		*k += (size_t)snprintf(buf + *k, *k < len ? len - *k : 0,
				       "%s%s %s contacts: no team of policy %s takes them at all "
				       "(%.1f %% of the goal's contacts)", *k ? "; " : "",
				       m->prio_name[p], model_channel_name[ch], pol->name,
				       100 * x->unc / total);
		return;
	}
	hours_text(x, hours, sizeof(hours));
	*k += (size_t)snprintf(buf + *k, *k < len ? len - *k : 0,
			       "%s%s %s contacts arrive when no team taking them is on shift: %s "
			       "(%s time, team %s's zone), %.1f %% of the goal's contacts",
			       *k ? "; " : "", m->prio_name[p], model_channel_name[ch], hours,
			       pol->teams[x->team].tz, pol->teams[x->team].name,
			       100 * x->unc / total);
	if (x->assist > 0)
		*k += (size_t)snprintf(buf + *k, *k < len ? len - *k : 0,
				       " (%.1f %% while only a team taking them by its assist rule "
				       "is on shift)", 100 * x->assist / total);
}

double staff_uncovered(const model *m, size_t p, const run_window *w, const staff_goal *g,
		       char *buf, size_t len, double *late)
{
	tallyu *u = mem_calloc(SIM_MAX_PRIO * SIM_NCH, sizeof(*u));
	const policy_model *pol = &m->policy[p];
	double a, b, total = 0, unc = 0, lt = 0;
	size_t k = 0;

	if (!u) {
		snprintf(buf, len, "(out of memory)");
		return 0;
	}
	run_window_span(m, w, &a, &b);
	for (int q = 0; q < SIM_MAX_PRIO * SIM_NCH; q++) {
		u[q].team = -1;
		for (int as = 0; as < 2; as++) /* a team taking them directly first */
			for (size_t t = 0; t < pol->nteams && u[q].team < 0; t++)
				if (takes(&pol->teams[t], q % SIM_NCH, q / SIM_NCH, as))
					u[q].team = (int)t;
	}
	for (size_t s = 0; s < m->nsegments; s++)
		for (double t = a; t < b; t += STEP_S)
			add_step(m, pol, g, &m->segment[s], t, fmin(t + STEP_S, b), u);
	for (int q = 0; q < SIM_MAX_PRIO * SIM_NCH; q++) {
		total += u[q].all;
		unc += u[q].unc;
		lt += u[q].late;
	}
	buf[0] = '\0';
	for (int q = 0; q < SIM_MAX_PRIO * SIM_NCH && total > 0; q++)
		if (u[q].unc > 0.005 * total)
			cell_text(m, pol, &u[q], q / SIM_NCH, q % SIM_NCH, total, buf, len, &k);
	if (!buf[0])
		snprintf(buf, len, "every contact of the goal arrives while a team taking it is on "
			 "shift; the ceiling comes from waits past the targets at shift starts, "
			 "patience, or deflection");
	free(u);
	if (late)
		*late = total > 0 ? lt / total : 0;
	return total > 0 ? unc / total : 0;
}
