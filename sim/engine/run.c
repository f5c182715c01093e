/* run.c: one replication of one policy: the ticket life cycle of SPEC §1 as
 * an event loop.  Arrivals come from each segment's keyed stream, a ticket's
 * attributes from its own keyed stream (rng.h), so nothing random depends on
 * the policy.  Agents follow their team's shift step function, take breaks
 * (shrinkage) from their own stream, and take work by the policy's
 * discipline from the queues (queue.h).  SLA deadlines run on calendar time
 * or on a team's business hours (model.clock), found once per ticket at
 * arrival by binary search.  The loop allocates nothing: when a
 * backlog outgrows the pools, the loop returns, run_one grows them
 * geometrically and re-enters.  Model and choices: docs/engine.md.
 * This file keeps the context, its setup and the loop; what happens to
 * agents is in agents.c, to arrivals in route.c, SLA clocks in sla.c, and
 * every tally and trace write in record.c (run_impl.h). */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "engine/run_impl.h"

#define STOP_POLL 4096       /* events between two looks at *stop */

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
		for (size_t p = 0; p < m->npolicies; p++)
			if (model_concurrency(m, &m->policy[p], ch) > mx)
				mx = model_concurrency(m, &m->policy[p], ch);
	return mx;
}

static int grow_tickets(run_ctx *c, uint32_t ncap)
{
	ticket *tk = mem_realloc(c->tk, (size_t)ncap * sizeof(*tk));

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
	run_ctx *c = mem_calloc(1, sizeof(*c));
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
	c->ag = mem_calloc(nag + 1, sizeof(*c->ag));
	c->team = mem_calloc(nteams + 1, sizeof(*c->team));
	c->arr = mem_calloc(2 * nseg + 1, sizeof(*c->arr));
	c->arr_rng = mem_calloc(2 * nseg + 1, sizeof(*c->arr_rng));
	c->arr_next = mem_calloc(nseg + 1, sizeof(*c->arr_next));
	c->clk_pos = mem_calloc(m->nclocks + 1, sizeof(*c->clk_pos));
	c->seg_id = mem_calloc(2 * nseg + 1, sizeof(*c->seg_id));
	c->attr_fixed = mem_calloc(nseg + 1, sizeof(*c->attr_fixed));
	c->fixed_prio = mem_calloc(nseg + 1, sizeof(*c->fixed_prio));
	c->fixed_ch = mem_calloc(nseg + 1, sizeof(*c->fixed_ch));
	c->handle = mem_calloc(nseg * m->nprio * SIM_NCH + 1, sizeof(*c->handle));
	c->share = mem_calloc((size_t)SIM_NCH * SIM_MAX_PRIO * (nteams + 1), sizeof(*c->share));
	c->tw = mem_calloc(2 * nseg * TW_SLOTS + 1, sizeof(*c->tw));
	c->trng = rng_create();
	c->brng = rng_create();
	c->free_head = TK_NIL;
	if (!c->ag || !c->team || !c->arr || !c->arr_rng || !c->arr_next || !c->clk_pos ||
	    !c->seg_id || !c->share || !c->tw ||
	    !c->attr_fixed || !c->fixed_prio || !c->fixed_ch || !c->handle || !c->trng ||
	    !c->brng || queue_init(&c->q, m) ||
	    grow_tickets(c, (uint32_t)(nag * (size_t)max_conc(m) + 4096)) ||
	    event_cal_init(&c->cal, 2 * (size_t)c->tcap + c->max_push + nteams + 16) ||
	    /* arrivals in their own lane: one pending per arrival stream */
	    event_cal_lane(&c->cal, EV_ARRIVAL, 2 * nseg))
		goto fail;
	for (size_t s = 0; s < 2 * nseg; s++) {
		c->arr_rng[s] = rng_create();
		if (!c->arr_rng[s])
			goto fail;
		if (s < nseg)
			fixed_attrs(c, s);
	}
	for (size_t s = 0; s < nseg; s++)
		for (size_t p = 0; p < m->nprio; p++)
			for (int ch = 0; ch < SIM_NCH; ch++)
				c->handle[(s * m->nprio + p) * SIM_NCH + (size_t)ch] =
					model_handle(m, &m->segment[s], (int)p, ch);
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
	free(c->tw);
	free(c->attr_fixed);
	free(c->fixed_prio);
	free(c->fixed_ch);
	free(c->handle);
	free(c->share);
	free(c->ag);
	free(c->team);
	free(c->tk);
	queue_fini(&c->q);
	event_cal_fini(&c->cal);
	free(c);
}

void run_ticket_free(run_ctx *c, uint32_t i)
{
	ticket *t = &c->tk[i];

	t->state = TK_FREE;
	t->pseq = t->aseq = 0;
	t->next = c->free_head;
	c->free_head = i;
}

/* ---- the loop ------------------------------------------------------------ */

/* Handle e; 0 when it was a cancelled timer (skipped, not counted). */
static int dispatch(run_ctx *c, const event *e)
{
	switch ((enum ev_kind)e->kind) {
	case EV_SHIFT:
		ag_on_shift(c, e->obj);
		break;
	case EV_ARRIVAL:
		route_on_arrival(c, e->obj);
		break;
	case EV_SERVED:
		ag_on_served(c, e->obj);
		break;
	case EV_PATIENCE:
		return route_on_patience(c, e->obj, e->seq);
	case EV_ASSIST:
		return ag_on_assist(c, e->obj, e->seq);
	case EV_BREAK:
		if (c->ag[e->obj].bseq != e->seq)
			return 0;
		ag_on_break(c, e->obj);
		break;
	case EV_HOUR:
		rec_on_hour(c, e->obj);
		break;
	case EV_END:
		rec_on_end(c);
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

	/* a failed trace ends the run too (rec_emit sets done with failed) */
	while (!c->done) {
		if (c->free_head == TK_NIL || c->cal.main.n + c->max_push > c->cal.main.cap)
			return 2;
		if (poll++ % STOP_POLL == 0) {
#ifdef SUPSIM_DEBUG
			assert(event_cal_valid(&c->cal));
#endif
			if (stop && atomic_load_explicit(stop, memory_order_relaxed))
				return 1;
		}
		if (event_pop(&c->cal, &e))
			break;
		c->now = e.t;
		c->t->events += (uint64_t)dispatch(c, &e);
	}
	return c->failed ? -1 : 0;
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
	memset(c->open_live, 0, sizeof(c->open_live));
	c->assist_prios = 0;
	memset(c->nshare, 0, sizeof(c->nshare));
	c->hour_started = 0;
	c->hour = 0;
	c->hour_start = c->hbusy_prev = c->honshift_prev = 0;
	c->arr_hour = 0;
	c->arr_edge = -INFINITY;
	c->failed = c->done = 0;
	for (int ch = 0; ch < SIM_NCH; ch++) {
		c->conc[ch] = model_concurrency(m, c->pol, ch);
	}
	setup_teams(c);
	for (int ch = 0; ch < SIM_NCH; ch++)
		if (!m->channel[ch].used || m->channel[ch].handle.kind == DIST_NONE)
			c->served &= ~(1u << ch);
	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_rt *T = &c->team[k];
		if (T->tm->nshifts && T->nmax)
			event_push(&c->cal, ag_boundary_at(T->tm, 0), EV_SHIFT, (uint32_t)k);
	}
	for (size_t k = 0; k < m->nclocks; k++)
		c->clk_pos[k] = 0;
	for (size_t k = 0; k < 2 * m->nsegments * TW_SLOTS; k++)
		rng_words_reset(&c->tw[k]); /* a new seed or replication */
	for (size_t s = 0; s < m->nsegments; s++) {
		c->seg_id[s] = 0;
		c->arr_next[s] = 0;
		arrivals_start(&c->arr[s], &m->segment[s].rate, c->arr_rng[s],
			       c->seed, c->rep, (uint32_t)s);
		double t0 = m->segment[s].arrival_s ? route_table_next(c, (uint32_t)s)
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
	if (c->cal.main.n + c->max_push > c->cal.main.cap &&
	    event_cal_reserve(&c->cal, 2 * c->cal.main.cap + c->max_push))
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

void run_ctx_window(run_ctx *c, const run_window *w)
{
	c->window = *w;
}
