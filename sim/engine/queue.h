/* queue.h: tickets (engine-internal) and the queues where they wait.
 * Tickets live in a pool owned by the run context, addressed by uint32_t
 * index.  Waiting tickets sit in FIFO buckets, one per (channel, priority,
 * tier), linked through the tickets themselves: enqueue, dequeue and removal
 * from the middle (abandonment) are O(1).  Every discipline is a choice among
 * bucket heads, because inside a bucket arrival order is also priority order
 * and deadline order (a bucket shares one SLA target and one SLA clock, and
 * a deadline is nondecreasing in the arrival instant): see docs/engine.md. */
#ifndef SUPSIM_QUEUE_H
#define SUPSIM_QUEUE_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define TK_NIL UINT32_MAX

/* An invariant of the engine's hot path (a ticket removed from a queue it
 * is not in, an agent added to a list twice, a pool popped empty): checked
 * in the builds that define SUPSIM_DEBUG (SAN=1 and DEBUG=1 do), compiled
 * out otherwise, as together they cost about 2.4 % of the instructions per
 * event of `make bench`'s M/M/50 (callgrind).  Plain assert() is for the
 * cold paths. */
#ifdef SUPSIM_DEBUG
#define ENGINE_ASSERT(x) assert(x)
#else
#define ENGINE_ASSERT(x) ((void)0)
#endif

enum ticket_state { TK_FREE = 0, TK_WAITING, TK_SERVING };

typedef struct ticket {
	double arrival_s;
	double deadline_s;  /* when its SLA clock has run the target of (tier,
	                       priority) since arrival: arrival + target on
	                       calendar time; INFINITY: beyond the clock's span */
	double clock_s;     /* its SLA clock's reading at arrival (calendar
	                       time: arrival_s; business time: sla_clock_at) */
	double work_s;      /* handling time on the channel used */
	double response_s;
	uint64_t order;     /* arrival order in the run: the FIFO tie-break */
	uint64_t id;        /* number within (segment, replication) */
	uint64_t pseq;      /* seq of its pending patience event, 0: none */
	uint64_t aseq;      /* seq of its pending assist check, 0: none */
	uint32_t next, prev;/* bucket links; next also links the free list */
	uint32_t agent;     /* serving agent (global index) */
	uint32_t segment;
	uint32_t hour;      /* hourly row of its arrival (when counted) */
	uint16_t tier;
	int16_t team;       /* serving team, -1: none */
	uint16_t ashare;    /* its next assist share, an index into run.c's
	                       shares of (ch, prio): at most one per team */
	uint8_t prio, ch, pref, state, counted;
	uint8_t met;        /* answered within its target (when counted) */
} ticket;           /* 104 bytes */
_Static_assert(sizeof(ticket) == 104, "ticket: 104 bytes");

typedef struct queue {
	size_t nprio, ntiers;
	size_t nb;          /* buckets per channel: nprio * ntiers */
	size_t nwords;      /* 64-bit words of a channel's nonempty mask */
	uint32_t *head, *tail;  /* [SIM_NCH * nb] */
	uint32_t *count;    /* [SIM_NCH * nprio] waiting per (channel, priority) */
	uint64_t *mask;     /* [SIM_NCH * nwords] bit b: bucket b nonempty */
	uint32_t *rank;     /* [ntiers] tier rank by weight, 0 = highest */
	uint8_t *bprio;     /* [nb] priority of a channel's bucket b (b / ntiers,
	                       without a division in queue_best) */
	uint32_t total;     /* tickets waiting */
} queue;

/* Size a queue for m; 0 or -1 (ENOMEM). */
int queue_init(queue *q, const model *m);
void queue_fini(queue *q); /* accepts a zeroed queue */
void queue_clear(queue *q);

static inline size_t queue_bucket(const queue *q, unsigned ch, unsigned prio, unsigned tier)
{
	return (size_t)ch * q->nb + (size_t)prio * q->ntiers + tier;
}

/* Append ticket i (its ch, prio, tier set) at the tail of its bucket. */
static inline void queue_push(queue *q, ticket *tk, uint32_t i)
{
	ticket *t = &tk[i];
	size_t b = queue_bucket(q, t->ch, t->prio, t->tier);
	size_t local = b - (size_t)t->ch * q->nb;

	ENGINE_ASSERT(t->state == TK_WAITING && q->tail[b] != i);
	t->next = TK_NIL;
	t->prev = q->tail[b];
	if (q->tail[b] == TK_NIL) {
		q->head[b] = i;
		q->mask[t->ch * q->nwords + local / 64] |= (uint64_t)1 << (local % 64);
	} else {
		tk[q->tail[b]].next = i;
	}
	q->tail[b] = i;
	q->count[t->ch * q->nprio + t->prio]++;
	q->total++;
}

/* Unlink waiting ticket i from its bucket (head or anywhere). */
static inline void queue_remove(queue *q, ticket *tk, uint32_t i)
{
	ticket *t = &tk[i];
	size_t b = queue_bucket(q, t->ch, t->prio, t->tier);

	/* i waits in bucket b: linked from both sides */
	ENGINE_ASSERT(t->state == TK_WAITING && q->total && q->count[t->ch * q->nprio + t->prio]);
	ENGINE_ASSERT(t->prev == TK_NIL ? q->head[b] == i : tk[t->prev].next == i);
	ENGINE_ASSERT(t->next == TK_NIL ? q->tail[b] == i : tk[t->next].prev == i);
	if (t->prev == TK_NIL)
		q->head[b] = t->next;
	else
		tk[t->prev].next = t->next;
	if (t->next == TK_NIL)
		q->tail[b] = t->prev;
	else
		tk[t->next].prev = t->prev;
	if (q->head[b] == TK_NIL) {
		size_t local = b - (size_t)t->ch * q->nb;
		q->mask[t->ch * q->nwords + local / 64] &= ~((uint64_t)1 << (local % 64));
	}
	q->count[t->ch * q->nprio + t->prio]--;
	q->total--;
	t->next = t->prev = TK_NIL;
}

/* The best waiting ticket for an agent, or TK_NIL: among channels in
 * `chmask`, priorities with bit set in prio_ok[ch], by discipline d:
 * DISC_PRIORITY (priority, then tier weight higher first, then arrival),
 * DISC_FIFO (arrival), DISC_EDF (deadline, then arrival). */
uint32_t queue_best(const queue *q, const ticket *tk, unsigned chmask,
		    const unsigned prio_ok[SIM_NCH], discipline d);

#endif
