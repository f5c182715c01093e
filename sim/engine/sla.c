/* sla.c: SLA clocks: a ticket's target on calendar time or on a team's
 * business hours (model.clock), its deadline found once at arrival, and
 * the instants at which it has waited a share of its target. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/run_impl.h"

/* ---- tickets: outcomes and trace --------------------------------------- */

static double sla_of(const run_ctx *c, const ticket *t)
{
	return model_target_s(c->m, t->tier, t->prio, t->ch);
}

/* The SLA clock of t (0: calendar time, k: clock[k - 1]). */
static int clock_of(const run_ctx *c, const ticket *t)
{
	const model *m = c->m;

	return m->seg_clock ? m->seg_clock[(size_t)t->segment * m->nprio + t->prio]
			    : m->prio_clock[t->prio];
}

/* A target in business days: n, else 0. */
static int bd_of(const run_ctx *c, const ticket *t)
{
	const model *m = c->m;

	return m->sla_bd ? m->sla_bd[((size_t)t->tier * m->nprio + t->prio) * SIM_NCH + t->ch] : 0;
}

/* t's target in business time on clock k: its duration, or for a target in
 * business days the business time from arrival to its deadline. */
static double clock_target(const run_ctx *c, const ticket *t, int k)
{
	if (!bd_of(c, t))
		return sla_of(c, t);
	if (!isfinite(t->deadline_s))
		return INFINITY;
	return sla_clock_at(&c->m->clock[k - 1], t->deadline_s) - t->clock_s;
}

/* ---- SLA clocks: calendar time, or a team's business hours ------------ */

/* Is instant at_s within t's target?  On calendar time the wait is compared
 * with the target (as before clocks existed, to the last bit). */
int sla_in_time(const run_ctx *c, const ticket *t, double at_s)
{
	if (clock_of(c, t))
		return at_s <= t->deadline_s;
	return at_s - t->arrival_s <= sla_of(c, t);
}

/* The reading of clock k (1-based) now, as sla_clock_at computes it; a
 * cursor per clock makes it O(1) amortised, as now never goes back. */
static double clock_now(run_ctx *c, int k)
{
	const sla_clock *ck = &c->m->clock[k - 1];
	size_t i = c->clk_pos[k - 1];

	while (i < ck->n && ck->end[i] <= c->now)
		i++;
	c->clk_pos[k - 1] = i;
	if (i == ck->n)
		return i ? ck->cum[i - 1] + (ck->end[i - 1] - ck->start[i - 1]) : 0;
	return ck->cum[i] + (c->now > ck->start[i] ? c->now - ck->start[i] : 0);
}

/* Has t waited `share` of its target on its clock?  The same instant as
 * share_at's, computed the same way, so the rule holds when the timer set
 * at share_at fires: on calendar time, arrival + share * target (now -
 * arrival >= share * target can be false there: fl(a + x) - a < x); on
 * business time the reading, which sla_clock_reach makes agree. */
int sla_waited_share(run_ctx *c, const ticket *t, double share)
{
	int k = clock_of(c, t);

	if (!k)
		return c->now >= t->arrival_s + share * sla_of(c, t);
	return clock_now(c, k) >= t->clock_s + share * clock_target(c, t, k);
}

/* The instant t will have waited `share` of its target on its clock. */
double sla_share_at(const run_ctx *c, const ticket *t, double share)
{
	int k = clock_of(c, t);

	if (!k)
		return t->arrival_s + share * sla_of(c, t);
	if (share >= 1 && bd_of(c, t))
		return t->deadline_s;
	return sla_clock_reach(&c->m->clock[k - 1], t->clock_s + share * clock_target(c, t, k));
}

/* Deadline and clock reading of a ticket arriving now (its prio, tier set). */
void sla_set_deadline(run_ctx *c, ticket *t)
{
	int k = clock_of(c, t);

	if (!k) {
		t->clock_s = c->now;
		t->deadline_s = c->now + sla_of(c, t);
		return;
	}
	t->clock_s = sla_clock_at(&c->m->clock[k - 1], c->now);
	t->deadline_s = bd_of(c, t) ? sla_clock_bd_deadline(&c->m->clock[k - 1], c->now, bd_of(c, t))
				    : sla_share_at(c, t, 1);
}
