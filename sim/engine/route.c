/* route.c: arrivals and routing: the next contact of each arrival
 * stream, its attributes from its own keyed stream, the what-if thinning,
 * the channel it uses, an agent at once or the queue (with its patience
 * and assist timers); and the patience event. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/run_impl.h"

/* ---- arrivals ------------------------------------------------------------ */

static int cdf_pick(const double *cdf, size_t n, double u)
{
	for (size_t i = 0; i < n; i++)
		if (u < cdf[i])
			return (int)i;
	for (size_t i = n; i-- > 0;)
		if (i == 0 || cdf[i] > cdf[i - 1])
			return (int)i;
	return 0;
}

/* The channels open to priority p now: web and email when some team of
 * the policy serves them (a backlog waits for the next shift), a live
 * channel while a team that takes p on it is on shift, selfservice always. */
static unsigned open_now(const run_ctx *c, unsigned p)
{
	return (c->served & (1u << CH_WEB | 1u << CH_EMAIL)) | c->open_live[p] | 1u << CH_SELF;
}

/* The channel a contact of priority p preferring pref uses: pref when the
 * entitlements allow it and it is open, else the first allowed and open
 * channel of the segment's fallback order, else selfservice (deflected). */
static int channel_used(const run_ctx *c, const segment_model *sm, int p, int pref)
{
	unsigned ok = policy_allowed(c->pol, c->m->ntiers, sm->tier, sm->role, c->now) &
		      open_now(c, (unsigned)p);

	return model_route_channel(sm, pref, ok);
}

/* Longest-idle agent able to take (ch, p) at once, else the longest-open
 * agent with room for another ticket of ch; AG_NIL when none. */
static uint32_t find_agent(const run_ctx *c, unsigned ch, unsigned p)
{
	uint32_t best = AG_NIL;

	for (int pass = 0; pass < 2 && best == AG_NIL; pass++) {
		if (pass && c->conc[ch] < 2)
			break;
		for (size_t k = 0; k < c->pol->nteams; k++) {
			const team_rt *T = &c->team[k];
			if (!(T->tm->skills >> ch & 1) || !(T->tm->prio_mask >> p & 1))
				continue;
			uint32_t a = pass ? T->open_h[ch] : T->idle_h;
			if (a != AG_NIL && (best == AG_NIL || c->ag[a].since < c->ag[best].since))
				best = a;
		}
	}
	return best;
}

/* The memo of ticket words of substream slot (TW_*) of arrival stream obj:
 * one per stream, so that a segment's scenario contacts and its what-if
 * candidates, each in id order, never evict each other's blocks. */
static inline rng_words *tw_memo(run_ctx *c, uint32_t obj, unsigned slot)
{
	return &c->tw[(size_t)obj * TW_SLOTS + slot];
}

/* Ticket id's uniform of one-word substream sub (slot TW_*) of segment s,
 * arrival stream obj. */
static double tw_uniform(run_ctx *c, uint32_t obj, uint32_t s, uint64_t id, unsigned slot,
			 uint32_t sub)
{
	return rng_ticket_uniform(tw_memo(c, obj, slot), c->seed, c->rep, s, sub, id, 1, 0);
}

/* Ticket i's draw of d on channel ch's work (patience = 0) or patience. */
static double ticket_draw(run_ctx *c, uint32_t i, const dist *d, unsigned ch, int patience)
{
	const ticket *t = &c->tk[i];
	uint32_t obj = t->segment + (t->id >= RUN_EXTRA_ID ? (uint32_t)c->m->nsegments : 0);

	return dist_ticket_draw(d, tw_memo(c, obj, (patience ? TW_PATIENCE : TW_WORK) + ch),
				c->trng, c->seed, c->rep, t->segment, t->id,
				patience ? RNG_SUB_PATIENCE(ch) : RNG_SUB_WORK(ch));
}

static void draw_attrs(run_ctx *c, uint32_t obj, uint32_t s, uint64_t id, int *prio,
		       int *pref)
{
	const segment_model *sm = &c->m->segment[s];
	unsigned fixed = c->attr_fixed[s];
	double u0 = 0, u1 = 0;

	if (fixed != 3) { /* two words: two tickets a block */
		rng_words *memo = tw_memo(c, obj, TW_ATTR);
		u0 = rng_ticket_uniform(memo, c->seed, c->rep, s, RNG_SUB_ATTR, id, 2, 0);
		u1 = rng_ticket_uniform(memo, c->seed, c->rep, s, RNG_SUB_ATTR, id, 2, 1);
	}
	*prio = fixed & 1 ? c->fixed_prio[s] : cdf_pick(sm->prio_cdf, c->m->nprio, u0);
	*pref = fixed & 2 ? c->fixed_ch[s] : cdf_pick(sm->chan_cdf, SIM_NCH, u1);
}

static void enqueue(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];
	const segment_model *sm = &c->m->segment[t->segment];
	const dist *pat = &sm->patience[t->ch];

	t->state = TK_WAITING;
	queue_push(&c->q, c->tk, i);
	if (c->m->channel[t->ch].live && pat->kind != DIST_NONE) {
		double p = ticket_draw(c, i, pat, t->ch, 1);
		if (isfinite(p))
			t->pseq = event_push(&c->cal, t->arrival_s + p, EV_PATIENCE, i);
	}
	if (c->assist_prios >> t->prio & 1) {
		t->ashare = 0;
		ag_assist_timer(c, i);
		ag_wake_assist(c, t->ch, t->prio);
	}
}

/* The next row of segment s's arrivals table, or INFINITY after the last. */
double route_table_next(run_ctx *c, uint32_t s)
{
	const segment_model *sm = &c->m->segment[s];

	return c->arr_next[s] < sm->narrivals ? sm->arrival_s[c->arr_next[s]++] : INFINITY;
}

/* Whether the policy's self-service (policy.selfservice) answers ticket id
 * of segment s at arrival: one keyed uniform below its tier's share, so a
 * larger share deflects the same tickets and more. */
static bool self_served(run_ctx *c, uint32_t obj, uint32_t s, uint64_t id)
{
	const double *share = c->pol->selfservice;
	int tier = c->m->segment[s].tier;

	if (!share || !(share[tier] > 0))
		return false;
	return tw_uniform(c, obj, s, id, TW_SELF, RNG_SUB_SELFSERVICE) < share[tier];
}

/* Is contact id of segment s, arriving now, one of this policy's?  Always
 * under the scenario's demand; under a what-if, kept with probability
 * own / scenario rate (a scenario contact) or (own - scenario) / extra (an
 * extra candidate), by the contact's own uniform (docs/random.md). */
static int kept(run_ctx *c, uint32_t obj, uint32_t s, uint64_t id)
{
	const demand_model *d = c->pol->demand ? &c->pol->demand[s] : NULL;
	const segment_model *sm = &c->m->segment[s];
	int extra = obj != s;

	if (!d || !d->rate.n)
		return !extra;
	double own = rate_fn_at(&d->rate, c->now), base = rate_fn_at(&sm->rate, c->now);
	double p = extra ? (own - base) / rate_fn_at(&sm->extra, c->now) : own / base;
	if (p >= 1)
		return 1;
	if (!(p > 0))
		return 0;
	return tw_uniform(c, obj, s, id, TW_THIN, RNG_SUB_THIN) < p;
}

/* The id of the next contact of arrival stream obj, and its next arrival
 * scheduled. */
static uint64_t next_contact(run_ctx *c, uint32_t obj)
{
	uint32_t nseg = (uint32_t)c->m->nsegments;
	const segment_model *sm = &c->m->segment[obj >= nseg ? obj - nseg : obj];
	double next;
	uint64_t id = c->seg_id[obj]++;

	if (obj >= nseg) {
		id += RUN_EXTRA_ID;
		next = arrivals_next(&c->arr[obj]);
	} else {
		next = sm->arrival_s ? route_table_next(c, obj) : arrivals_next(&c->arr[obj]);
	}
	if (next < c->horizon)
		event_push(&c->cal, next, EV_ARRIVAL, obj);
	return id;
}

void route_on_arrival(run_ctx *c, uint32_t obj)
{
	uint32_t nseg = (uint32_t)c->m->nsegments;
	uint32_t s = obj >= nseg ? obj - nseg : obj; /* obj < 2 nseg: no division */
	const segment_model *sm = &c->m->segment[s];
	uint64_t id = next_contact(c, obj);
	int prio, pref, ch;

	if (!kept(c, obj, s, id))
		return;
	draw_attrs(c, obj, s, id, &prio, &pref);
	ch = self_served(c, obj, s, id) ? CH_SELF : channel_used(c, sm, prio, pref);

	uint32_t i = c->free_head;
	ENGINE_ASSERT(i != TK_NIL); /* the loop keeps a free ticket for every event */
	ticket *t = &c->tk[i];
	c->free_head = t->next;
	t->arrival_s = c->now;
	t->order = c->order++;
	t->id = id;
	t->segment = s;
	t->tier = (uint16_t)sm->tier;
	t->prio = (uint8_t)prio;
	t->pref = (uint8_t)pref;
	t->ch = (uint8_t)ch;
	t->counted = c->now >= c->warmup &&
		     (!c->window.on || (c->now >= c->window.from_s && c->now < c->window.to_s));
	t->team = -1;
	t->response_s = NAN;
	t->pseq = t->aseq = 0;
	rec_arrival(c, t);
	if (ch == CH_SELF) {
		t->work_s = 0;
		rec_deflect(c, t);
		run_ticket_free(c, i);
		return;
	}
	sla_set_deadline(c, t);
	rec_arrived(c, t);
	t->work_s = ticket_draw(c, i, c->handle[((size_t)s * c->m->nprio + (size_t)prio) *
							SIM_NCH + (size_t)ch], (unsigned)ch, 0);
	uint32_t a = find_agent(c, (unsigned)ch, (unsigned)prio);
	if (a != AG_NIL)
		ag_start_service(c, a, i);
	else
		enqueue(c, i);
}

int route_on_patience(run_ctx *c, uint32_t i, uint64_t seq)
{
	ticket *t = &c->tk[i];

	if (t->state != TK_WAITING || t->pseq != seq)
		return 0;
	queue_remove(&c->q, c->tk, i);
	if (t->counted)
		rec_count_abandon(c, t);
	rec_emit(c, t, (channel_id)t->ch, NAN, c->now,
	     t->counted ? OUT_ABANDONED : OUT_WARMUP);
	run_ticket_free(c, i);
	return 1;
}
