/* agents.c: agents: their idle and open lists, taking work by the
 * policy's discipline, breaks (shrinkage), shifts, assist rules, and the
 * events of theirs: a shift boundary, a break, a service end, an assist
 * timer. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/run_impl.h"

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
	/* a is in that list: linked from both sides */
	ENGINE_ASSERT(g->prev == AG_NIL ? *h == a : c->ag[g->prev].next == a);
	ENGINE_ASSERT(g->next == AG_NIL ? *tl == a : c->ag[g->next].prev == a);
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

	ENGINE_ASSERT(g->list == L_NONE && *tl != a); /* in no list yet */
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
			if (h != TK_NIL && sla_waited_share(c, &c->tk[h], tm->assist_wait_share))
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

void ag_start_service(run_ctx *c, uint32_t a, uint32_t i)
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
	rec_count_answer(c, t);
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
		for (unsigned m = chmask & ((1u << SIM_NCH) - 1); m; m &= m - 1)
			ok[__builtin_ctz(m)] = prios_ok(c, tm, (unsigned)__builtin_ctz(m));
		uint32_t i = TK_NIL;
		if (c->pol->live_first)
			i = queue_best(&c->q, c->tk, chmask & LIVE_CHANNELS, ok, c->disc);
		if (i == TK_NIL)
			i = queue_best(&c->q, c->tk, chmask, ok, c->disc);
		if (i == TK_NIL)
			break;
		queue_remove(&c->q, c->tk, i);
		ag_start_service(c, a, i);
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

void ag_on_break(run_ctx *c, uint32_t a)
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

	ENGINE_ASSERT(g->holding > 0);
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

double ag_boundary_at(const team_model *tm, size_t b)
{
	return b % 2 ? tm->shifts[b / 2].end : tm->shifts[b / 2].start;
}

static void shift_next(run_ctx *c, uint32_t k)
{
	team_rt *T = &c->team[k];
	const team_model *tm = T->tm;

	while (T->nextb < 2 * tm->nshifts && ag_boundary_at(tm, T->nextb) <= c->now)
		T->nextb++;
	if (T->nextb < 2 * tm->nshifts && ag_boundary_at(tm, T->nextb) < c->horizon)
		event_push(&c->cal, ag_boundary_at(tm, T->nextb), EV_SHIFT, k);
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

	for (unsigned ch = 0; ch < CH_SELF; ch++) {
		if (!(tm->skills >> ch & 1))
			continue;
		for (size_t p = 0; p < c->m->nprio; p++) {
			if (!(prios >> p & 1))
				continue;
			uint16_t *n = &c->open_teams[ch * SIM_MAX_PRIO + p];
			*n = (uint16_t)(*n + dir);
			/* route.c's open_now reads the live lines as one mask */
			if (ch != CH_WEB && ch != CH_EMAIL)
				c->open_live[p] = *n ? c->open_live[p] | 1u << ch
						     : c->open_live[p] & ~(1u << ch);
		}
	}
}

void ag_on_shift(run_ctx *c, uint32_t k)
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

/* Teams that take priority p only by an assist rule look again: their
 * idle agents, then those with room on ch, take work while they find some
 * (the first that finds nothing shows the rest of its team would not). */
void ag_wake_assist(run_ctx *c, unsigned ch, unsigned p)
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

/* Waiting ticket i's timer at its next assist share (ashare), if any. */
void ag_assist_timer(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];
	size_t cp = (size_t)t->ch * SIM_MAX_PRIO + t->prio;

	if (t->ashare >= c->nshare[cp])
		return;
	double at = sla_share_at(c, t, c->share[cp * c->teamcap + t->ashare]);
	if (at < INFINITY)
		t->aseq = event_push(&c->cal, at < c->now ? c->now : at, EV_ASSIST, i);
}

/* ---- departures --------------------------------------------------------- */

void ag_on_served(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];
	uint32_t a = t->agent;

	rec_emit(c, t, (channel_id)t->ch, t->response_s, c->now, rec_answered_outcome(c, t));
	run_ticket_free(c, i);
	agent_freed(c, a);
}

int ag_on_assist(run_ctx *c, uint32_t i, uint64_t seq)
{
	ticket *t = &c->tk[i];

	if (t->state != TK_WAITING || t->aseq != seq)
		return 0;
	t->aseq = 0;
	ag_wake_assist(c, t->ch, t->prio);
	if (t->state == TK_WAITING) {
		/* nobody took it: a team with a larger share may, later */
		t->ashare++;
		ag_assist_timer(c, i);
	}
	return 1;
}
