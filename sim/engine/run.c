/* run.c: one replication of one policy: the ticket life cycle of SPEC §1 as
 * an event loop.  Arrivals come from each segment's keyed stream, a ticket's
 * attributes from its own keyed stream (rng.h), so nothing random depends on
 * the policy.  Agents follow their team's shift step function, take breaks
 * (shrinkage) from their own stream, and take work by the policy's
 * discipline from the queues (queue.h).  SLA deadlines run on calendar time
 * or on a team's business hours (model.clock), found once per ticket at
 * arrival by binary search.  The loop allocates nothing: when a
 * backlog outgrows the pools, the loop returns, run_one grows them
 * geometrically and re-enters.  Model and choices: docs/engine.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/arrivals.h"
#include "engine/event.h"
#include "engine/queue.h"
#include "engine/run.h"
#include "random/rng.h"

#define AG_NIL UINT32_MAX
#define STOP_POLL 4096       /* events between two looks at *stop */
#define BREAK_MEAN_S 900.0   /* mean unavailable stretch (shrinkage) */

/* Event kinds, in the order they run at one instant (event.h: the kind
 * orders events at equal times, before the scheduling sequence), so a run
 * never depends on which of two events at t was scheduled first.  States
 * hold on [start, end) intervals: what changes at t is in effect at t
 * (docs/engine.md, "Events at the same instant"):
 *  - END first: the run covers [0, horizon); nothing at the horizon runs;
 *  - HOUR: a row's start is sampled before anything of its instant, which
 *    all belongs to the row (backlog + arrivals - departures of a row =
 *    the next row's backlog);
 *  - SHIFT: heads change and lines open or close before the instant's
 *    tickets: a shift starting at t takes an arrival at t, one ending at t
 *    does not, and takes no new ticket at t (a service ending exactly at
 *    the shift's end gives no overtime);
 *  - BREAK before SERVED: a break due when the agent's hands free up
 *    starts then, not after one more ticket;
 *  - SERVED before ARRIVAL: the agent is free at t, for the queue first;
 *  - ARRIVAL, then ASSIST: a rule is evaluated on the instant's queue;
 *  - PATIENCE last: a customer whom an agent (or an assist team stepping
 *    in) can answer at the instant their patience runs out is answered:
 *    answered if wait <= patience, as met if wait <= target. */
enum ev_kind {
	EV_END,      /* the horizon */
	EV_HOUR,     /* obj = hour row that starts */
	EV_SHIFT,    /* obj = team: a boundary of its shift step function */
	EV_BREAK,    /* obj = agent: a break starts or ends (bseq == seq) */
	EV_SERVED,   /* obj = ticket: handling ends */
	EV_ARRIVAL,  /* obj = segment; + nsegments: a what-if's extra candidate */
	EV_ASSIST,   /* obj = ticket: its wait reached an assist share */
	EV_PATIENCE, /* obj = ticket: valid while it waits with pseq == seq */
};

enum { AG_OFF = 0, AG_ON, AG_LEAVING };   /* agent.state */
enum { BRK_NO = 0, BRK_DUE, BRK_ON };     /* agent.brk */
enum { L_NONE = 0, L_IDLE, L_OPEN };      /* agent.list */

typedef struct agent {
	double since;         /* entered its idle/open list */
	uint64_t bseq;        /* pending break event, 0: none */
	uint64_t draws;       /* words used of its break stream */
	uint32_t next, prev;  /* idle or open list links */
	uint32_t team, index; /* team (policy order), index within team */
	uint16_t holding;     /* tickets held (all of channel ch) */
	uint8_t state, brk, list, ch;
} agent;

typedef struct team_rt {
	const team_model *tm;
	uint32_t first, nmax;       /* agents [first, first + nmax) */
	uint32_t idle_h, idle_t;    /* holding nothing, longest idle first */
	uint32_t open_h[SIM_NCH], open_t[SIM_NCH]; /* holding < concurrency */
	int heads;                  /* agents ON (scheduled heads) */
	int scheduled;              /* heads the shifts schedule now (> 0: open) */
	uint32_t nbusy, nover, navail;
	double last_t;              /* areas below are integrated up to here */
	double onshift, avail, over; /* agent-seconds since the warm-up */
	double busy_base;           /* busy agent-seconds since the warm-up =
	                               busy_base + nbusy * now (team_busy) */
	size_t nextb;               /* next shift boundary (2i start, 2i+1 end) */
	double on_mean_s;           /* mean available stretch; 0: no breaks */
} team_rt;

struct run_ctx {
	const model *m;
	event_cal cal;
	ticket *tk;
	uint32_t tcap, free_head;
	queue q;
	agent *ag;
	uint32_t agcap;
	team_rt *team;
	size_t teamcap;
	arrivals *arr;           /* [2 * nsegments]: the scenario's contacts, then
	                            the what-ifs' extra candidates */
	gsl_rng **arr_rng;       /* [2 * nsegments] likewise */
	size_t *arr_next;        /* per segment with an arrivals table: next row */
	size_t *clk_pos;         /* per SLA clock: its interval at now (clock_now) */
	uint64_t *seg_id;        /* next ticket id per segment, then next extra
	                            candidate per segment */
	unsigned *attr_fixed;    /* per segment: bit 0 prio, bit 1 channel fixed */
	int *fixed_prio, *fixed_ch;
	gsl_rng *trng, *brng;    /* ticket and agent streams, re-keyed per use */
	size_t max_push;         /* events one event may schedule, at most */

	/* the current run */
	const policy_model *pol;
	discipline disc;
	uint32_t rep;
	uint64_t seed;
	tally *t;
	trace_fn trace;
	void *trace_ctx;
	double now, warmup, horizon;
	uint64_t order;
	unsigned served;         /* channels some team of the policy serves */
	/* teams on shift now that take (channel, priority) as a matter of
	 * course (not by an assist rule): a live line (phone, chat) is open
	 * while this is > 0 */
	uint16_t open_teams[SIM_NCH * SIM_MAX_PRIO];
	int conc[SIM_NCH];
	unsigned assist_prios;   /* priorities some team takes by assist rule */
	/* per (channel, priority): the distinct wait shares, ascending, of the
	 * teams with agents that serve the channel and take the priority by a
	 * wait rule; a waiting ticket has a timer at its first share, the
	 * timer at one share sets the next (ticket.ashare) */
	double *share;           /* [SIM_NCH * SIM_MAX_PRIO * teamcap] */
	uint32_t nshare[SIM_NCH * SIM_MAX_PRIO];
	int hour_started;
	size_t hour;
	double hour_start, hbusy_prev, honshift_prev;
	int failed, done;
};

/* ---- sizes and contexts ------------------------------------------------ */

static uint32_t team_max_heads(const team_model *tm)
{
	int mx = 0;

	for (size_t i = 0; i < tm->nshifts; i++)
		if (tm->shifts[i].agents > mx)
			mx = tm->shifts[i].agents;
	return (uint32_t)mx;
}

static int max_conc(const model *m)
{
	int mx = 1;

	for (int ch = 0; ch < SIM_NCH; ch++)
		if (m->channel[ch].concurrency > mx)
			mx = m->channel[ch].concurrency;
	return mx;
}

static int grow_tickets(run_ctx *c, uint32_t ncap)
{
	ticket *tk = realloc(c->tk, (size_t)ncap * sizeof(*tk));

	if (!tk)
		return -1;
	/* new slots go to the free list in index order, after the old ones */
	for (uint32_t i = c->tcap; i < ncap; i++) {
		memset(&tk[i], 0, sizeof(tk[i]));
		tk[i].next = i + 1 < ncap ? i + 1 : c->free_head;
	}
	c->free_head = c->tcap;
	c->tk = tk;
	c->tcap = ncap;
	return 0;
}

static void fixed_attrs(run_ctx *c, size_t s)
{
	const segment_model *sm = &c->m->segment[s];
	int nz = 0, last = 0;

	c->attr_fixed[s] = 0;
	if (c->m->nprio == 1) {
		c->attr_fixed[s] |= 1;
		c->fixed_prio[s] = 0;
	}
	for (int ch = 0; ch < SIM_NCH; ch++) {
		double lo = ch ? sm->chan_cdf[ch - 1] : 0;
		if (sm->chan_cdf[ch] > lo) {
			nz++;
			last = ch;
		}
	}
	if (nz == 1) {
		c->attr_fixed[s] |= 2;
		c->fixed_ch[s] = last;
	}
}

run_ctx *run_ctx_create(const model *m)
{
	run_ctx *c = calloc(1, sizeof(*c));
	size_t nseg = m->nsegments, nag = 0, nteams = 0;

	if (!c)
		return NULL;
	c->m = m;
	for (size_t p = 0; p < m->npolicies; p++) {
		size_t n = 0;
		for (size_t k = 0; k < m->policy[p].nteams; k++)
			n += team_max_heads(&m->policy[p].teams[k]);
		if (n > nag)
			nag = n;
		if (m->policy[p].nteams > nteams)
			nteams = m->policy[p].nteams;
	}
	c->agcap = (uint32_t)nag;
	c->teamcap = nteams;
	c->max_push = nag * (size_t)(max_conc(m) + 1) + 8;
	c->ag = calloc(nag + 1, sizeof(*c->ag));
	c->team = calloc(nteams + 1, sizeof(*c->team));
	c->arr = calloc(2 * nseg + 1, sizeof(*c->arr));
	c->arr_rng = calloc(2 * nseg + 1, sizeof(*c->arr_rng));
	c->arr_next = calloc(nseg + 1, sizeof(*c->arr_next));
	c->clk_pos = calloc(m->nclocks + 1, sizeof(*c->clk_pos));
	c->seg_id = calloc(2 * nseg + 1, sizeof(*c->seg_id));
	c->attr_fixed = calloc(nseg + 1, sizeof(*c->attr_fixed));
	c->fixed_prio = calloc(nseg + 1, sizeof(*c->fixed_prio));
	c->fixed_ch = calloc(nseg + 1, sizeof(*c->fixed_ch));
	c->share = calloc((size_t)SIM_NCH * SIM_MAX_PRIO * (nteams + 1), sizeof(*c->share));
	c->trng = rng_create();
	c->brng = rng_create();
	c->free_head = TK_NIL;
	if (!c->ag || !c->team || !c->arr || !c->arr_rng || !c->arr_next || !c->clk_pos ||
	    !c->seg_id || !c->share ||
	    !c->attr_fixed || !c->fixed_prio || !c->fixed_ch || !c->trng ||
	    !c->brng || queue_init(&c->q, m) ||
	    grow_tickets(c, (uint32_t)(nag * (size_t)max_conc(m) + 4096)) ||
	    event_cal_init(&c->cal, 2 * (size_t)c->tcap + c->max_push + 2 * nseg +
			   nteams + 16))
		goto fail;
	for (size_t s = 0; s < 2 * nseg; s++) {
		c->arr_rng[s] = rng_create();
		if (!c->arr_rng[s])
			goto fail;
		if (s < nseg)
			fixed_attrs(c, s);
	}
	return c;
fail:
	run_ctx_destroy(c);
	return NULL;
}

void run_ctx_destroy(run_ctx *c)
{
	if (!c)
		return;
	if (c->arr_rng)
		for (size_t s = 0; s < 2 * c->m->nsegments; s++)
			if (c->arr_rng[s])
				gsl_rng_free(c->arr_rng[s]);
	if (c->trng)
		gsl_rng_free(c->trng);
	if (c->brng)
		gsl_rng_free(c->brng);
	free(c->arr_rng);
	free(c->arr_next);
	free(c->clk_pos);
	free(c->arr);
	free(c->seg_id);
	free(c->attr_fixed);
	free(c->fixed_prio);
	free(c->fixed_ch);
	free(c->share);
	free(c->ag);
	free(c->team);
	free(c->tk);
	queue_fini(&c->q);
	event_cal_fini(&c->cal);
	free(c);
}

/* ---- time integrals ---------------------------------------------------- */

/* Integrate the head counts that change at shift and break events only;
 * call it before changing one of them. */
static void team_advance(team_rt *T, double now)
{
	double dt = now - T->last_t;

	if (dt > 0) {
		T->onshift += T->heads * dt;
		T->avail += T->navail * dt;
		T->over += T->nover * dt;
	}
	T->last_t = now;
}

/* Busy time changes with every ticket started or ended, so it is kept as
 * a sum of instants instead: an agent that starts holding at t1 and stops
 * at t2 adds -t1 then +t2 to busy_base, nothing in between. */
static double team_busy(const team_rt *T, double now)
{
	return T->busy_base + T->nbusy * now;
}

static void busy_start(team_rt *T, double now)
{
	T->nbusy++;
	T->busy_base -= now;
}

static void busy_stop(team_rt *T, double now)
{
	T->nbusy--;
	T->busy_base += now;
}

static size_t hour_of(const run_ctx *c, double t_s)
{
	size_t h = (size_t)((t_s - c->warmup) / 3600.0);

	return h < c->t->nhours ? h : c->t->nhours - 1;
}

/* Close the current hour row at now. */
static void hour_flush(run_ctx *c)
{
	double busy = 0, onshift = 0, dur = c->now - c->hour_start;

	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_advance(&c->team[k], c->now);
		busy += team_busy(&c->team[k], c->now);
		onshift += c->team[k].onshift;
	}
	if (dur > 0) {
		c->t->h_busy[c->hour] = (busy - c->hbusy_prev) / dur;
		c->t->h_onshift[c->hour] = (onshift - c->honshift_prev) / dur;
	}
	c->hbusy_prev = busy;
	c->honshift_prev = onshift;
}

static void on_hour(run_ctx *c, size_t h)
{
	if (c->hour_started) {
		hour_flush(c);
	} else {
		/* the warm-up ends: team time counts from here */
		for (size_t k = 0; k < c->pol->nteams; k++) {
			team_rt *T = &c->team[k];
			team_advance(T, c->now);
			T->onshift = T->avail = T->over = 0;
			T->busy_base = -(T->nbusy * c->now);
		}
		c->hour_started = 1;
	}
	c->hour = h;
	c->hour_start = c->now;
	c->t->h_backlog[h] = c->q.total;
	if (h + 1 < c->t->nhours)
		event_push(&c->cal, c->warmup + 3600.0 * (double)(h + 1), EV_HOUR,
			   (uint32_t)(h + 1));
}

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
static int in_time(const run_ctx *c, const ticket *t, double at_s)
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
static int waited_share(run_ctx *c, const ticket *t, double share)
{
	int k = clock_of(c, t);

	if (!k)
		return c->now >= t->arrival_s + share * sla_of(c, t);
	return clock_now(c, k) >= t->clock_s + share * clock_target(c, t, k);
}

/* The instant t will have waited `share` of its target on its clock. */
static double share_at(const run_ctx *c, const ticket *t, double share)
{
	int k = clock_of(c, t);

	if (!k)
		return t->arrival_s + share * sla_of(c, t);
	if (share >= 1 && bd_of(c, t))
		return t->deadline_s;
	return sla_clock_reach(&c->m->clock[k - 1], t->clock_s + share * clock_target(c, t, k));
}

/* Deadline and clock reading of a ticket arriving now (its prio, tier set). */
static void set_deadline(run_ctx *c, ticket *t)
{
	int k = clock_of(c, t);

	if (!k) {
		t->clock_s = c->now;
		t->deadline_s = c->now + sla_of(c, t);
		return;
	}
	t->clock_s = sla_clock_at(&c->m->clock[k - 1], c->now);
	t->deadline_s = bd_of(c, t) ? sla_clock_bd_deadline(&c->m->clock[k - 1], c->now, bd_of(c, t))
				    : share_at(c, t, 1);
}

static void emit(run_ctx *c, const ticket *t, channel_id ch, double response_s,
		 double end_s, outcome out)
{
	if (!c->trace || c->failed)
		return;
	ticket_rec r = {
		.segment = t->segment, .id = t->id, .priority = t->prio,
		.preferred = (channel_id)t->pref, .channel = ch,
		.arrival_s = t->arrival_s, .response_s = response_s,
		.end_s = end_s, .team = t->team, .out = out,
		.work_s = ch == CH_SELF ? 0 : t->work_s,
	};
	if (c->trace(c->trace_ctx, &r))
		c->failed = 1;
}

static outcome answered_outcome(const run_ctx *c, const ticket *t)
{
	if (!t->counted)
		return OUT_WARMUP;
	return in_time(c, t, t->response_s) ? OUT_MET : OUT_MISSED;
}

/* An agent started on t: its wait and SLA outcome are final. */
static void count_answer(run_ctx *c, const ticket *t)
{
	tally *ty = c->t;
	size_t cell = tally_cell(ty, t->tier, t->prio, t->ch);
	double wait = t->response_s - t->arrival_s;

	if (!t->counted)
		return;
	size_t hc = tally_hcell(ty, t->hour, t->prio, t->ch);
	ty->answered[cell]++;
	ty->wait_sum_s[cell] += wait;
	ty->hist[cell * TALLY_HIST_BUCKETS + tally_hist_bucket(wait)]++;
	ty->hc_answered[hc]++;
	ty->hc_wait_s[hc] += wait;
	if (in_time(c, t, t->response_s)) {
		ty->met[cell]++;
		ty->h_met[t->hour]++;
		ty->hc_met[hc]++;
	} else {
		ty->missed[cell]++;
		ty->h_missed[t->hour]++;
		ty->hc_missed[hc]++;
	}
}

/* A counted customer left before an agent answered: abandoned, and within
 * its target or not (on its clock, as a met answer is judged); timeseries'
 * missed takes the abandonments [scenario] abandoned counts as missed. */
static void count_abandon(run_ctx *c, const ticket *t)
{
	tally *ty = c->t;
	size_t cell = tally_cell(ty, t->tier, t->prio, t->ch);
	size_t hc = tally_hcell(ty, t->hour, t->prio, t->ch);
	int in = in_time(c, t, c->now);

	ty->abandoned[cell]++;
	ty->hc_abandoned[hc]++;
	if (in) {
		ty->abandoned_in_target[cell]++;
		ty->hc_abandoned_in[hc]++;
	}
	ty->h_missed[t->hour] += (uint32_t)tally_abandons_missed(ty->abandon, 1, (uint64_t)in);
}

static void ticket_free(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];

	t->state = TK_FREE;
	t->pseq = t->aseq = 0;
	t->next = c->free_head;
	c->free_head = i;
}

/* ---- agents: lists ------------------------------------------------------ */

static void list_del(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];
	uint32_t *h, *tl;

	if (g->list == L_NONE)
		return;
	h = g->list == L_IDLE ? &T->idle_h : &T->open_h[g->ch];
	tl = g->list == L_IDLE ? &T->idle_t : &T->open_t[g->ch];
	if (g->prev == AG_NIL)
		*h = g->next;
	else
		c->ag[g->prev].next = g->next;
	if (g->next == AG_NIL)
		*tl = g->prev;
	else
		c->ag[g->next].prev = g->prev;
	g->list = L_NONE;
}

static void list_add(run_ctx *c, uint32_t a, int which)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];
	uint32_t *h = which == L_IDLE ? &T->idle_h : &T->open_h[g->ch];
	uint32_t *tl = which == L_IDLE ? &T->idle_t : &T->open_t[g->ch];

	g->list = (uint8_t)which;
	g->since = c->now;
	g->next = AG_NIL;
	g->prev = *tl;
	if (*tl == AG_NIL)
		*h = a;
	else
		c->ag[*tl].next = a;
	*tl = a;
}

/* ---- assist rules (team_model.assist_*) -------------------------------- */

/* Does the assist rule of team T hold for priority p on channel ch now? */
static int assist_holds(run_ctx *c, const team_model *tm, unsigned ch, unsigned p)
{
	const queue *q = &c->q;

	if (tm->assist_queue >= 0 &&
	    q->count[ch * q->nprio + p] >= (uint32_t)tm->assist_queue)
		return 1;
	if (tm->assist_wait_share >= 0) {
		for (size_t tier = 0; tier < q->ntiers; tier++) {
			uint32_t h = q->head[queue_bucket(q, ch, p, (unsigned)tier)];
			if (h != TK_NIL && waited_share(c, &c->tk[h], tm->assist_wait_share))
				return 1;
		}
	}
	return 0;
}

/* Priorities team T takes on channel ch now. */
static unsigned prios_ok(run_ctx *c, const team_model *tm, unsigned ch)
{
	unsigned ok = tm->prio_mask;
	unsigned extra = tm->assist_mask & ~tm->prio_mask;

	for (unsigned p = 0; extra; p++, extra >>= 1)
		if ((extra & 1) && assist_holds(c, tm, ch, p))
			ok |= 1u << p;
	return ok;
}

/* ---- agents: taking work ------------------------------------------------ */

static void start_service(run_ctx *c, uint32_t a, uint32_t i)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];
	ticket *t = &c->tk[i];

	list_del(c, a);
	if (g->holding == 0) {
		busy_start(T, c->now);
		g->ch = t->ch;
	}
	g->holding++;
	t->state = TK_SERVING;
	/* an on-call agent is held from the page on, and starts after the delay */
	t->response_s = c->now + T->tm->delay_s;
	t->agent = a;
	t->team = (int16_t)g->team;
	t->pseq = t->aseq = 0;
	count_answer(c, t);
	event_push(&c->cal, t->response_s + t->work_s, EV_SERVED, i);
	if (g->holding < c->conc[g->ch] && g->state == AG_ON && g->brk == BRK_NO)
		list_add(c, a, L_OPEN);
}

#define LIVE_CHANNELS ((1u << CH_PHONE) | (1u << CH_CHAT))

/* Agent a, on shift and free to take work, takes waiting tickets while it
 * has room, then waits in the idle or open list. */
static void agent_fill(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	const team_model *tm = c->team[g->team].tm;

	while (c->q.total && g->holding < (g->holding ? c->conc[g->ch] : 1)) {
		unsigned ok[SIM_NCH] = { 0 };
		unsigned chmask = g->holding ? 1u << g->ch : tm->skills;
		for (unsigned ch = 0; ch < SIM_NCH; ch++)
			if (chmask >> ch & 1)
				ok[ch] = prios_ok(c, tm, ch);
		uint32_t i = TK_NIL;
		if (c->pol->live_first)
			i = queue_best(&c->q, c->tk, chmask & LIVE_CHANNELS, ok, c->disc);
		if (i == TK_NIL)
			i = queue_best(&c->q, c->tk, chmask, ok, c->disc);
		if (i == TK_NIL)
			break;
		queue_remove(&c->q, c->tk, i);
		start_service(c, a, i);
	}
	if (g->holding == 0 && g->list == L_NONE)
		list_add(c, a, L_IDLE);
}

static double agent_exp(run_ctx *c, agent *g, double mean_s)
{
	rng_key(c->brng, c->seed, c->rep, RNG_AGENT, g->team, g->index, 0);
	rng_seek(c->brng, g->draws++);
	return -mean_s * log1p(-rng_uniform(c->brng));
}

static void schedule_break(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	double on = c->team[g->team].on_mean_s;

	g->brk = BRK_NO;
	g->bseq = 0;
	if (on > 0)
		g->bseq = event_push(&c->cal, c->now + agent_exp(c, g, on), EV_BREAK, a);
}

static void begin_break(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];

	team_advance(T, c->now);
	list_del(c, a);
	g->brk = BRK_ON;
	T->navail--;
	g->bseq = event_push(&c->cal, c->now + agent_exp(c, g, BREAK_MEAN_S),
			     EV_BREAK, a);
}

static void on_break(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];

	g->bseq = 0;
	if (g->brk == BRK_ON) {
		team_advance(T, c->now);
		T->navail++;
		schedule_break(c, a);
		agent_fill(c, a);
	} else if (g->holding == 0) {
		begin_break(c, a);
	} else {
		g->brk = BRK_DUE; /* after the tickets in hand; no new ones */
		list_del(c, a);
	}
}

/* One of agent a's tickets ended (served or, never, abandoned). */
static void agent_freed(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];

	g->holding--;
	if (g->holding == 0)
		busy_stop(T, c->now);
	if (g->state == AG_LEAVING) {
		if (g->holding == 0) {
			team_advance(T, c->now);
			g->state = AG_OFF;
			T->nover--;
		}
		return;
	}
	if (g->brk == BRK_DUE) {
		if (g->holding == 0)
			begin_break(c, a);
		return;
	}
	if (g->holding == 0)
		list_del(c, a);
	else if (g->list == L_NONE)
		list_add(c, a, L_OPEN);
	agent_fill(c, a);
}

/* ---- shifts ------------------------------------------------------------- */

static double boundary_at(const team_model *tm, size_t b)
{
	return b % 2 ? tm->shifts[b / 2].end : tm->shifts[b / 2].start;
}

static void shift_next(run_ctx *c, uint32_t k)
{
	team_rt *T = &c->team[k];
	const team_model *tm = T->tm;

	while (T->nextb < 2 * tm->nshifts && boundary_at(tm, T->nextb) <= c->now)
		T->nextb++;
	if (T->nextb < 2 * tm->nshifts && boundary_at(tm, T->nextb) < c->horizon)
		event_push(&c->cal, boundary_at(tm, T->nextb), EV_SHIFT, k);
}

static void agent_on(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];

	if (g->state == AG_LEAVING) {
		T->nover--;
		g->state = AG_ON;
		T->navail++;
		schedule_break(c, a);
		if (g->holding < c->conc[g->ch])
			list_add(c, a, L_OPEN);
		agent_fill(c, a);
		return;
	}
	g->state = AG_ON;
	T->navail++;
	schedule_break(c, a);
	agent_fill(c, a);
}

/* Where leaver() resumes its scans: one past the next agent to look at.
 * Between two calls only the agent sent home changes (agent_off), and it
 * leaves AG_ON, so an agent once passed over stays passed over: the scans
 * of one shift change take O(nmax) together, not per head sent home. */
typedef struct leave_scan {
	uint32_t brk, busy;
} leave_scan;

/* The agent of team T to send home first: on a break, else the most
 * recently idle, else the busy one with the highest index (the highest
 * index first among those on a break too). */
static uint32_t leaver(run_ctx *c, team_rt *T, leave_scan *ls)
{
	for (; ls->brk > T->first; ls->brk--) {
		const agent *g = &c->ag[ls->brk - 1];
		if (g->state == AG_ON && g->brk == BRK_ON)
			return ls->brk - 1;
	}
	if (T->idle_t != AG_NIL)
		return T->idle_t;
	for (; ls->busy > T->first; ls->busy--) {
		const agent *g = &c->ag[ls->busy - 1];
		if (g->state == AG_ON && g->holding)
			return ls->busy - 1;
	}
	return AG_NIL;
}

static void agent_off(run_ctx *c, uint32_t a)
{
	agent *g = &c->ag[a];
	team_rt *T = &c->team[g->team];

	list_del(c, a);
	if (g->brk != BRK_ON)
		T->navail--;
	g->brk = BRK_NO;
	g->bseq = 0;
	if (g->holding) {
		g->state = AG_LEAVING;
		T->nover++;
	} else {
		g->state = AG_OFF;
	}
}

/* Team T's shifts open (dir = +1) or close (-1) its lines. */
static void lines_open(run_ctx *c, const team_model *tm, int dir)
{
	unsigned prios = tm->prio_mask; /* an assist rule does not open a line */

	for (unsigned ch = 0; ch < CH_SELF; ch++)
		if (tm->skills >> ch & 1)
			for (size_t p = 0; p < c->m->nprio; p++)
				if (prios >> p & 1)
					c->open_teams[ch * SIM_MAX_PRIO + p] += (uint16_t)dir;
}

static void on_shift(run_ctx *c, uint32_t k)
{
	team_rt *T = &c->team[k];
	int h = team_heads_at(T->tm, c->now);

	if ((h > 0) != (T->scheduled > 0))
		lines_open(c, T->tm, h > 0 ? 1 : -1);
	T->scheduled = h;

	if (h > (int)T->nmax)
		h = (int)T->nmax;
	team_advance(T, c->now);
	/* those finishing overtime come back first, then the others */
	for (int pass = 0; pass < 2 && T->heads < h; pass++)
		for (uint32_t a = T->first; a < T->first + T->nmax && T->heads < h; a++)
			if (c->ag[a].state == (pass ? AG_OFF : AG_LEAVING)) {
				T->heads++;
				agent_on(c, a);
			}
	leave_scan ls = { T->first + T->nmax, T->first + T->nmax };
	while (T->heads > h) {
		uint32_t a = leaver(c, T, &ls);
		if (a == AG_NIL)
			break;
		T->heads--;
		agent_off(c, a);
	}
	shift_next(c, k);
}

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
	unsigned open = c->served & (1u << CH_WEB | 1u << CH_EMAIL);

	for (unsigned ch = 0; ch < CH_SELF; ch++)
		if (ch != CH_WEB && ch != CH_EMAIL && c->open_teams[ch * SIM_MAX_PRIO + p])
			open |= 1u << ch;
	return open | 1u << CH_SELF;
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

/* Teams that take priority p only by an assist rule look again: their
 * idle agents, then those with room on ch, take work while they find some
 * (the first that finds nothing shows the rest of its team would not). */
static void wake_assist(run_ctx *c, unsigned ch, unsigned p)
{
	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_rt *T = &c->team[k];
		const team_model *tm = T->tm;
		if (!(tm->skills >> ch & 1) || !(tm->assist_mask >> p & 1) ||
		    (tm->prio_mask >> p & 1) || !assist_holds(c, tm, ch, p))
			continue;
		for (int pass = 0; pass < 2; pass++) {
			for (;;) {
				uint32_t a = pass ? T->open_h[ch] : T->idle_h;
				if (a == AG_NIL || !c->q.total)
					break;
				uint16_t before = c->ag[a].holding;
				agent_fill(c, a);
				if (c->ag[a].holding == before)
					break;
			}
		}
	}
}

static void draw_attrs(run_ctx *c, uint32_t s, uint64_t id, int *prio, int *pref)
{
	const segment_model *sm = &c->m->segment[s];
	unsigned fixed = c->attr_fixed[s];
	double u0 = 0, u1 = 0;

	if (fixed != 3) {
		rng_key(c->trng, c->seed, c->rep, RNG_TICKET, s, id, RNG_SUB_ATTR);
		u0 = rng_uniform(c->trng);
		u1 = rng_uniform(c->trng);
	}
	*prio = fixed & 1 ? c->fixed_prio[s] : cdf_pick(sm->prio_cdf, c->m->nprio, u0);
	*pref = fixed & 2 ? c->fixed_ch[s] : cdf_pick(sm->chan_cdf, SIM_NCH, u1);
}

/* Waiting ticket i's timer at its next assist share (ashare), if any. */
static void assist_timer(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];
	size_t cp = (size_t)t->ch * SIM_MAX_PRIO + t->prio;

	if (t->ashare >= c->nshare[cp])
		return;
	double at = share_at(c, t, c->share[cp * c->teamcap + t->ashare]);
	if (at < INFINITY)
		t->aseq = event_push(&c->cal, at < c->now ? c->now : at, EV_ASSIST, i);
}

static void enqueue(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];
	const segment_model *sm = &c->m->segment[t->segment];
	const dist *pat = &sm->patience[t->ch];

	t->state = TK_WAITING;
	queue_push(&c->q, c->tk, i);
	if (c->m->channel[t->ch].live && pat->kind != DIST_NONE) {
		rng_key(c->trng, c->seed, c->rep, RNG_TICKET, t->segment, t->id,
			RNG_SUB_PATIENCE(t->ch));
		double p = dist_draw(pat, c->trng);
		if (isfinite(p))
			t->pseq = event_push(&c->cal, t->arrival_s + p, EV_PATIENCE, i);
	}
	if (c->assist_prios >> t->prio & 1) {
		t->ashare = 0;
		assist_timer(c, i);
		wake_assist(c, t->ch, t->prio);
	}
}

static void deflect(run_ctx *c, ticket *t)
{
	if (t->counted) {
		size_t cell = tally_cell(c->t, t->tier, t->prio, CH_SELF);
		size_t hc = tally_hcell(c->t, t->hour, t->prio, CH_SELF);
		c->t->arrived[cell]++;
		c->t->deflected[cell]++;
		c->t->hc_arrived[hc]++;
		c->t->hc_deflected[hc]++;
	}
	t->team = -1;
	emit(c, t, CH_SELF, NAN, NAN, t->counted ? OUT_DEFLECTED : OUT_WARMUP);
}

/* The next row of segment s's arrivals table, or INFINITY after the last. */
static double table_next(run_ctx *c, uint32_t s)
{
	const segment_model *sm = &c->m->segment[s];

	return c->arr_next[s] < sm->narrivals ? sm->arrival_s[c->arr_next[s]++] : INFINITY;
}

/* Is contact id of segment s, arriving now, one of this policy's?  Always
 * under the scenario's demand; under a what-if, kept with probability
 * own / scenario rate (a scenario contact) or (own - scenario) / extra (an
 * extra candidate), by the contact's own uniform (docs/random.md). */
static int kept(run_ctx *c, uint32_t s, uint64_t id, int extra)
{
	const demand_model *d = c->pol->demand ? &c->pol->demand[s] : NULL;
	const segment_model *sm = &c->m->segment[s];

	if (!d || !d->rate.n)
		return !extra;
	double own = rate_fn_at(&d->rate, c->now), base = rate_fn_at(&sm->rate, c->now);
	double p = extra ? (own - base) / rate_fn_at(&sm->extra, c->now) : own / base;
	if (p >= 1)
		return 1;
	if (!(p > 0))
		return 0;
	rng_key(c->trng, c->seed, c->rep, RNG_TICKET, s, id, RNG_SUB_THIN);
	return rng_uniform(c->trng) < p;
}

/* The id of the next contact of arrival stream obj, and its next arrival
 * scheduled. */
static uint64_t next_contact(run_ctx *c, uint32_t obj)
{
	uint32_t nseg = (uint32_t)c->m->nsegments;
	const segment_model *sm = &c->m->segment[obj % nseg];
	double next;
	uint64_t id = c->seg_id[obj]++;

	if (obj >= nseg) {
		id += RUN_EXTRA_ID;
		next = arrivals_next(&c->arr[obj]);
	} else {
		next = sm->arrival_s ? table_next(c, obj) : arrivals_next(&c->arr[obj]);
	}
	if (next < c->horizon)
		event_push(&c->cal, next, EV_ARRIVAL, obj);
	return id;
}

static void on_arrival(run_ctx *c, uint32_t obj)
{
	uint32_t s = obj % (uint32_t)c->m->nsegments;
	const segment_model *sm = &c->m->segment[s];
	uint64_t id = next_contact(c, obj);
	int prio, pref, ch;

	if (!kept(c, s, id, obj != s))
		return;
	draw_attrs(c, s, id, &prio, &pref);
	ch = channel_used(c, sm, prio, pref);

	uint32_t i = c->free_head;
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
		     (!c->m->window || (c->now >= c->m->window_from_s && c->now < c->m->window_to_s));
	t->team = -1;
	t->response_s = NAN;
	t->pseq = t->aseq = 0;
	if (t->counted) {
		t->hour = (uint32_t)hour_of(c, c->now);
		c->t->h_arrived[t->hour] += 1;
	}
	if (ch == CH_SELF) {
		t->work_s = 0;
		deflect(c, t);
		ticket_free(c, i);
		return;
	}
	set_deadline(c, t);
	if (t->counted) {
		c->t->arrived[tally_cell(c->t, t->tier, t->prio, (size_t)ch)]++;
		c->t->hc_arrived[tally_hcell(c->t, t->hour, t->prio, (size_t)ch)]++;
	}
	rng_key(c->trng, c->seed, c->rep, RNG_TICKET, s, id, RNG_SUB_WORK(ch));
	t->work_s = dist_draw(model_handle(c->m, sm, prio, ch), c->trng);
	uint32_t a = find_agent(c, (unsigned)ch, (unsigned)prio);
	if (a != AG_NIL)
		start_service(c, a, i);
	else
		enqueue(c, i);
}

/* ---- departures --------------------------------------------------------- */

static void on_served(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];
	uint32_t a = t->agent;

	emit(c, t, (channel_id)t->ch, t->response_s, c->now, answered_outcome(c, t));
	ticket_free(c, i);
	agent_freed(c, a);
}

static int on_patience(run_ctx *c, uint32_t i, uint64_t seq)
{
	ticket *t = &c->tk[i];

	if (t->state != TK_WAITING || t->pseq != seq)
		return 0;
	queue_remove(&c->q, c->tk, i);
	if (t->counted)
		count_abandon(c, t);
	emit(c, t, (channel_id)t->ch, NAN, c->now,
	     t->counted ? OUT_ABANDONED : OUT_WARMUP);
	ticket_free(c, i);
	return 1;
}

static int on_assist(run_ctx *c, uint32_t i, uint64_t seq)
{
	ticket *t = &c->tk[i];

	if (t->state != TK_WAITING || t->aseq != seq)
		return 0;
	t->aseq = 0;
	wake_assist(c, t->ch, t->prio);
	if (t->state == TK_WAITING) {
		/* nobody took it: a team with a larger share may, later */
		t->ashare++;
		assist_timer(c, i);
	}
	return 1;
}

/* The horizon: team time and the last hour row close; tickets waiting are
 * missed or censored, tickets in hand are traced with their handling end. */
static void on_end(run_ctx *c)
{
	tally *ty = c->t;

	if (c->hour_started)
		hour_flush(c);
	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_rt *T = &c->team[k];
		team_advance(T, c->now);
		if (c->hour_started) {
			ty->busy_s[k] = team_busy(T, c->now);
			ty->onshift_s[k] = T->onshift;
			ty->avail_s[k] = T->avail;
			ty->overtime_s[k] = T->over;
		}
	}
	for (uint32_t i = 0; i < c->tcap; i++) {
		ticket *t = &c->tk[i];
		if (t->state == TK_SERVING) {
			emit(c, t, (channel_id)t->ch, t->response_s,
			     t->response_s + t->work_s, answered_outcome(c, t));
		} else if (t->state == TK_WAITING) {
			outcome out = OUT_WARMUP;
			size_t cell = tally_cell(ty, t->tier, t->prio, t->ch);
			if (t->counted && !in_time(c, t, c->now)) {
				out = OUT_MISSED;
				ty->missed[cell]++;
				ty->h_missed[t->hour]++;
				ty->hc_missed[tally_hcell(ty, t->hour, t->prio, t->ch)]++;
			} else if (t->counted) {
				out = OUT_CENSORED;
				ty->censored[cell]++;
			}
			emit(c, t, (channel_id)t->ch, NAN, NAN, out);
		}
	}
	c->done = 1;
}

/* ---- the loop ------------------------------------------------------------ */

/* Handle e; 0 when it was a cancelled timer (skipped, not counted). */
static int dispatch(run_ctx *c, const event *e)
{
	switch ((enum ev_kind)e->kind) {
	case EV_SHIFT:
		on_shift(c, e->obj);
		break;
	case EV_ARRIVAL:
		on_arrival(c, e->obj);
		break;
	case EV_SERVED:
		on_served(c, e->obj);
		break;
	case EV_PATIENCE:
		return on_patience(c, e->obj, e->seq);
	case EV_ASSIST:
		return on_assist(c, e->obj, e->seq);
	case EV_BREAK:
		if (c->ag[e->obj].bseq != e->seq)
			return 0;
		on_break(c, e->obj);
		break;
	case EV_HOUR:
		on_hour(c, e->obj);
		break;
	case EV_END:
		on_end(c);
		break;
	}
	return 1;
}

/* Run events until the end (0), a stop request (1), a full pool (2: grow
 * and call again) or a failed trace (-1). */
static int loop(run_ctx *c, const atomic_int *stop)
{
	event e;
	uint64_t poll = 0;

	while (!c->done) {
		if (c->free_head == TK_NIL || c->cal.n + c->max_push > c->cal.cap)
			return 2;
		if (poll++ % STOP_POLL == 0 && stop &&
		    atomic_load_explicit(stop, memory_order_relaxed))
			return 1;
		if (event_pop(&c->cal, &e))
			break;
		c->now = e.t;
		c->t->events += (uint64_t)dispatch(c, &e);
		if (c->failed)
			return -1;
	}
	return 0;
}

/* Insert share x into the ascending, distinct list of (channel, priority)
 * cp (at most one entry per team: room for teamcap). */
static void share_add(run_ctx *c, size_t cp, double x)
{
	double *v = &c->share[cp * c->teamcap];
	uint32_t n = c->nshare[cp], j = n;

	for (uint32_t k = 0; k < n; k++)
		if (v[k] == x)
			return;
	while (j > 0 && v[j - 1] > x) {
		v[j] = v[j - 1];
		j--;
	}
	v[j] = x;
	c->nshare[cp] = n + 1;
}

static void setup_teams(run_ctx *c)
{
	uint32_t first = 0;

	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_rt *T = &c->team[k];
		const team_model *tm = &c->pol->teams[k];
		memset(T, 0, sizeof(*T));
		T->tm = tm;
		T->first = first;
		T->nmax = team_max_heads(tm);
		T->idle_h = T->idle_t = AG_NIL;
		for (int ch = 0; ch < SIM_NCH; ch++)
			T->open_h[ch] = T->open_t[ch] = AG_NIL;
		if (tm->shrinkage > 0 && tm->shrinkage < 1)
			T->on_mean_s = BREAK_MEAN_S * (1 - tm->shrinkage) / tm->shrinkage;
		for (uint32_t j = 0; j < T->nmax; j++) {
			agent *g = &c->ag[first + j];
			memset(g, 0, sizeof(*g));
			g->next = g->prev = AG_NIL;
			g->team = (uint32_t)k;
			g->index = j;
		}
		if (T->nmax) {
			for (int ch = 0; ch < SIM_NCH; ch++)
				if (tm->skills >> ch & 1)
					c->served |= 1u << ch;
		}
		for (unsigned p = 0; p < c->m->nprio; p++) {
			if (!(tm->assist_mask >> p & 1) || (tm->prio_mask >> p & 1) || !T->nmax)
				continue;
			c->assist_prios |= 1u << p;
			if (tm->assist_wait_share < 0)
				continue;
			for (unsigned ch = 0; ch < CH_SELF; ch++)
				if (tm->skills >> ch & 1)
					share_add(c, ch * SIM_MAX_PRIO + p, tm->assist_wait_share);
		}
		first += T->nmax;
	}
}

/* A what-if policy asking more of segment s than the scenario: its extra
 * candidates, from their own stream (item 1), the same in every policy. */
static void start_extra(run_ctx *c, size_t s)
{
	const model *m = c->m;
	size_t x = m->nsegments + s;

	c->seg_id[x] = 0;
	if (!c->pol->demand || !c->pol->demand[s].more || !m->segment[s].extra.n)
		return;
	arrivals_start_item(&c->arr[x], &m->segment[s].extra, c->arr_rng[x], c->seed, c->rep,
			    (uint32_t)s, 1);
	double t0 = arrivals_next(&c->arr[x]);
	if (t0 < c->horizon)
		event_push(&c->cal, t0, EV_ARRIVAL, (uint32_t)x);
}

static void setup_run(run_ctx *c)
{
	const model *m = c->m;

	event_cal_clear(&c->cal);
	queue_clear(&c->q);
	c->free_head = TK_NIL;
	for (uint32_t i = c->tcap; i-- > 0;) {
		c->tk[i].state = TK_FREE;
		c->tk[i].next = c->free_head;
		c->free_head = i;
	}
	c->now = 0;
	c->order = 0;
	c->served = 0;
	memset(c->open_teams, 0, sizeof(c->open_teams));
	c->assist_prios = 0;
	memset(c->nshare, 0, sizeof(c->nshare));
	c->hour_started = 0;
	c->hour = 0;
	c->hour_start = c->hbusy_prev = c->honshift_prev = 0;
	c->failed = c->done = 0;
	for (int ch = 0; ch < SIM_NCH; ch++) {
		c->conc[ch] = m->channel[ch].concurrency > 1 ? m->channel[ch].concurrency : 1;
	}
	setup_teams(c);
	for (int ch = 0; ch < SIM_NCH; ch++)
		if (!m->channel[ch].used || m->channel[ch].handle.kind == DIST_NONE)
			c->served &= ~(1u << ch);
	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_rt *T = &c->team[k];
		if (T->tm->nshifts && T->nmax)
			event_push(&c->cal, boundary_at(T->tm, 0), EV_SHIFT, (uint32_t)k);
	}
	for (size_t k = 0; k < m->nclocks; k++)
		c->clk_pos[k] = 0;
	for (size_t s = 0; s < m->nsegments; s++) {
		c->seg_id[s] = 0;
		c->arr_next[s] = 0;
		arrivals_start(&c->arr[s], &m->segment[s].rate, c->arr_rng[s],
			       c->seed, c->rep, (uint32_t)s);
		double t0 = m->segment[s].arrival_s ? table_next(c, (uint32_t)s)
						    : arrivals_next(&c->arr[s]);
		if (t0 < c->horizon)
			event_push(&c->cal, t0, EV_ARRIVAL, (uint32_t)s);
		start_extra(c, s);
	}
	if (c->t->nhours)
		event_push(&c->cal, c->warmup, EV_HOUR, 0);
	event_push(&c->cal, c->horizon, EV_END, 0);
}

/* The pools are full: double them (outside the loop). */
static int grow(run_ctx *c)
{
	if (c->free_head == TK_NIL && grow_tickets(c, c->tcap * 2))
		return -1;
	if (c->cal.n + c->max_push > c->cal.cap &&
	    event_cal_reserve(&c->cal, 2 * c->cal.cap + c->max_push))
		return -1;
	return 0;
}

int run_one(run_ctx *c, size_t p, int rep, uint64_t seed, tally *t,
	    trace_fn trace, void *trace_ctx, const atomic_int *stop, err *e)
{
	int rc;

	c->pol = &c->m->policy[p];
	c->disc = c->pol->disc;
	c->rep = (uint32_t)rep;
	c->seed = seed;
	c->t = t;
	c->trace = trace;
	c->trace_ctx = trace_ctx;
	c->warmup = c->m->warmup_s;
	c->horizon = c->m->horizon_s;
	tally_reset(t);
	setup_run(c);
	while ((rc = loop(c, stop)) == 2) {
		if (grow(c))
			return err_set(e, c->m->source, 0,
				       "out of memory: %u tickets waiting", c->q.total);
	}
	if (rc < 0)
		return err_set(e, c->m->source, 0,
			       "policy %s, replication %d: writing the ticket trace failed",
			       c->pol->name, rep + 1);
	return rc;
}
