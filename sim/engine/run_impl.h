/* run_impl.h: the engine's internal header, shared by run.c (context,
 * setup, the loop), agents.c (agents, shifts, breaks, assist), route.c
 * (arrivals and routing), sla.c (SLA clocks) and record.c (every tally and
 * trace write).  Not for use outside sim/engine: the engine's interface is
 * run.h.  A function shared between these files carries its file's prefix
 * (run_, ag_, route_, sla_, rec_). */
#ifndef SUPSIM_RUN_IMPL_H
#define SUPSIM_RUN_IMPL_H

#include <assert.h>
#include <stdint.h>

#include "engine/arrivals.h"
#include "engine/event.h"
#include "engine/queue.h"
#include "engine/run.h"
#include "random/rng.h"

#define AG_NIL UINT32_MAX
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
} agent;              /* 48 bytes */
_Static_assert(sizeof(agent) == 48, "agent: 48 bytes");

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

/* The substreams a ticket reads by ticket words (docs/random.md), each
 * with its memo per arrival stream. */
enum {
	TW_ATTR,                     /* priority, preferred channel (w = 2) */
	TW_THIN,                     /* kept by a demand what-if? */
	TW_SELF,                     /* answered by self-service? */
	TW_WORK,                     /* work on channel ch: TW_WORK + ch */
	TW_PATIENCE = TW_WORK + SIM_NCH, /* patience on ch: TW_PATIENCE + ch */
	TW_SLOTS = TW_PATIENCE + SIM_NCH
};

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
	const dist **handle;     /* model_handle per (segment, priority, channel):
	                            [(s * nprio + p) * SIM_NCH + ch] */
	int *fixed_prio, *fixed_ch;
	gsl_rng *trng, *brng;    /* ticket and agent streams, re-keyed per use */
	rng_words *tw;           /* [2 * nsegments * TW_SLOTS]: per arrival
	                            stream and substream, the last block of
	                            ticket words (tw_memo) */
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
	run_window window;       /* the arrivals counted (run_ctx_window) */
	uint64_t order;
	unsigned served;         /* channels some team of the policy serves */
	/* teams on shift now that take (channel, priority) as a matter of
	 * course (not by an assist rule): a live line (phone, chat) is open
	 * while this is > 0 */
	uint16_t open_teams[SIM_NCH * SIM_MAX_PRIO];
	unsigned open_live[SIM_MAX_PRIO]; /* per priority: bit ch when a live
	                                     channel's open_teams > 0 */
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
	/* the hourly row of arrivals before arr_edge (rec_arrival): arr_hour
	 * for every instant in [its first instant, arr_edge) */
	size_t arr_hour;
	double arr_edge;
	double hour_start, hbusy_prev, honshift_prev;
	int failed, done;
};

/* ---- time integrals ---------------------------------------------------- */

/* Integrate the head counts that change at shift and break events only;
 * call it before changing one of them. */
static inline void team_advance(team_rt *T, double now)
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
static inline double team_busy(const team_rt *T, double now)
{
	return T->busy_base + T->nbusy * now;
}

static inline void busy_start(team_rt *T, double now)
{
	T->nbusy++;
	T->busy_base -= now;
}

static inline void busy_stop(team_rt *T, double now)
{
	ENGINE_ASSERT(T->nbusy > 0);
	T->nbusy--;
	T->busy_base += now;
}

/* run.c */
void run_ticket_free(run_ctx *c, uint32_t i);

/* agents.c */
void ag_start_service(run_ctx *c, uint32_t a, uint32_t i);
void ag_on_break(run_ctx *c, uint32_t a);
double ag_boundary_at(const team_model *tm, size_t b);
void ag_on_shift(run_ctx *c, uint32_t k);
void ag_wake_assist(run_ctx *c, unsigned ch, unsigned p);
void ag_assist_timer(run_ctx *c, uint32_t i);
void ag_on_served(run_ctx *c, uint32_t i);
int ag_on_assist(run_ctx *c, uint32_t i, uint64_t seq);

/* route.c */
double route_table_next(run_ctx *c, uint32_t s);
void route_on_arrival(run_ctx *c, uint32_t obj);
int route_on_patience(run_ctx *c, uint32_t i, uint64_t seq);

/* sla.c */
int sla_in_time(const run_ctx *c, const ticket *t, double at_s);
int sla_waited_share(run_ctx *c, const ticket *t, double share);
double sla_share_at(const run_ctx *c, const ticket *t, double share);
void sla_set_deadline(run_ctx *c, ticket *t);

/* record.c */
void rec_arrival(run_ctx *c, ticket *t);
void rec_arrived(run_ctx *c, const ticket *t);
void rec_on_hour(run_ctx *c, size_t h);
void rec_emit(run_ctx *c, const ticket *t, channel_id ch, double response_s,
	      double end_s, outcome out);
outcome rec_answered_outcome(const run_ctx *c, const ticket *t);
void rec_count_answer(run_ctx *c, ticket *t);
void rec_count_abandon(run_ctx *c, const ticket *t);
void rec_deflect(run_ctx *c, ticket *t);
void rec_on_end(run_ctx *c);

#endif
