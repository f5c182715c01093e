/* event.h: the future-event calendar, 4-ary min-heaps of 32-byte records.
 * Events run in (time, kind, scheduling sequence) order: two events at the
 * same instant run by kind (the smaller first: the owner numbers its kinds
 * in the order they must run at one instant), then in the order they were
 * scheduled, so a run depends neither on the heap's layout nor, for events
 * of different kinds, on which was scheduled first.  Records hold indices
 * (kind, obj), never pointers.
 * Cancelling is the caller's business: keep the `seq` event_push returns and
 * skip a popped event whose seq no longer matches (lazy deletion).
 * The heap never grows by itself: event_push asserts room, and the owner
 * grows it with event_cal_reserve outside its event loop.
 *
 * A lane (event_cal_lane): the events of one kind may be kept in a second,
 * small heap, for a kind of which only a few are ever pending (the engine's
 * arrivals: one per arrival stream).  Popping one of them and scheduling
 * its successor then never walks the main heap, where the many service
 * ends and timers wait.  Both heaps share the sequence counter and a pop
 * takes the earlier of their two roots, so events come out in the very
 * order of one heap (keys are unique).
 *
 * Two things make it cheap (docs/engine.md, "The heap"):
 * - a pop leaves its slot at the root vacant (a hole); the next push fills
 *   the hole and sifts down, so the usual "pop, then schedule one event"
 *   costs one pass through the heap instead of two;
 * - the slots just past the last event hold sentinels later than any
 *   event, so every group of four children is complete and needs no bounds
 *   check (only the EVENT_PAD slots after the last event are kept so: the
 *   memory touched follows the most events pending, not the capacity). */
#ifndef SUPSIM_EVENT_H
#define SUPSIM_EVENT_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct event {
	double t;      /* seconds since start */
	uint64_t seq;  /* kind << EVENT_SEQ_BITS | scheduling sequence (from 1):
	                  unique within a calendar */
	uint32_t kind; /* the owner's event kind, < EVENT_KINDS */
	uint32_t obj;  /* the owner's index (segment, ticket, team, ...) */
	uint64_t pad;  /* to 32 bytes: a slot's index is a shift of its offset */
} event;           /* 32 bytes */
_Static_assert(sizeof(event) == 32, "event: 32-byte heap records");

/* The kind sits in the top 8 bits of seq, above a 56-bit counter (2^56
 * events: centuries at 10^7 events/s), so the one 128-bit key (t, seq)
 * orders by time, then kind, then scheduling sequence, and seq stays
 * unique (lazy cancellation compares it). */
#define EVENT_SEQ_BITS 56
#define EVENT_KINDS 256

/* Sentinel slots after the last event: a full group of four children
 * always exists. */
#define EVENT_PAD 4

/* Later than every event (t's bits all set: above +inf). */
static inline void event_sentinel(event *e)
{
	memset(e, 0xff, sizeof(*e));
}

/* One heap of the calendar. */
typedef struct event_heap {
	event *h;      /* h[0] is its next event (unless `hole`); an empty heap
	                  without a hole holds a sentinel there */
	size_t n, cap; /* n events pending; room for cap */
	int hole;      /* h[0] is vacant: events are h[1 .. n] */
} event_heap;

#define EVENT_NO_LANE UINT32_MAX

typedef struct event_cal {
	event_heap main;    /* every event but the lane's */
	event_heap lane;    /* events of kind lane_kind */
	uint32_t lane_kind; /* EVENT_NO_LANE: none */
	uint64_t seq;       /* last counter handed out (seq without the kind) */
} event_cal;

/* Room for cap events in the main heap, no lane; 0 or -1 (ENOMEM). */
int event_cal_init(event_cal *c, size_t cap);
/* Keep events of `kind` in the lane, with room for cap of them pending at
 * once (it never grows: event_push asserts room); 0 or -1 (ENOMEM).  Call
 * it on an empty calendar. */
int event_cal_lane(event_cal *c, uint32_t kind, size_t cap);
void event_cal_fini(event_cal *c); /* accepts a zeroed calendar */
/* Empty it and restart the sequence at 1 (keeps the memory). */
void event_cal_clear(event_cal *c);
/* Make room for at least cap events in the main heap (geometric growth);
 * 0 or -1. */
int event_cal_reserve(event_cal *c, size_t cap);

/* Events pending, in both heaps. */
static inline size_t event_cal_size(const event_cal *c)
{
	return c->main.n + c->lane.n;
}

/* (t, seq) as one 128-bit number: for t >= 0 (never -0: event_push adds
 * +0) the bits of a double order like the double, so a single unsigned
 * comparison orders events by time, then kind, then sequence (GNU C's
 * __int128).
 * Sentinels have all bits of t set: later than every event, +inf included. */
__extension__ typedef unsigned __int128 event_key;

static inline event_key event_key_of(const event *e)
{
	uint64_t bits;

	memcpy(&bits, &e->t, sizeof(bits));
	return (event_key)bits << 64 | e->seq;
}

static inline int event_before(const event *a, const event *b)
{
	return event_key_of(a) < event_key_of(b);
}

/* The earlier of events a and b.  Which one wins is a coin flip for the
 * branch predictor, so select arithmetically (no branch to mispredict), and
 * on pointers (no multiplication by the record size). */
static inline const event *event_min2(const event *a, const event *b)
{
	uintptr_t pa = (uintptr_t)a, pb = (uintptr_t)b;
	uintptr_t b_first = event_before(b, a);

	return (const event *)(pa ^ ((pa ^ pb) & -b_first));
}

/* The index of the earliest of the four children of slot i (sentinels pad
 * the last group, so all four exist). */
static inline size_t event_min_kid(const event *h, size_t i)
{
	const event *k = &h[4 * i + 1];

	return (size_t)(event_min2(event_min2(k, k + 1), event_min2(k + 2, k + 3)) - h);
}

/* Place e at slot i or above (i is free; e goes up while it is earlier
 * than its parent). */
static inline void event_sift_up(event *h, size_t i, const event *e)
{
	while (i > 0) {
		size_t parent = (i - 1) / 4;
		if (!event_before(e, &h[parent]))
			break;
		h[i] = h[parent];
		i = parent;
	}
	h[i] = *e;
}

/* Fill the vacant root with e: e goes down while a child is earlier. */
static inline void event_sift_down(event_heap *x, const event *e)
{
	event *h = x->h;
	size_t i = 0;

	while (4 * i + 1 <= x->n) {
		size_t kid = event_min_kid(h, i);
		if (!event_before(&h[kid], e))
			break;
		h[i] = h[kid];
		i = kid;
	}
	h[i] = *e;
}

/* Close the hole at the root: it moves down to a leaf along the earliest
 * children, then the last event climbs back from there (it nearly always
 * belongs near the bottom).  Defined in event.c: only a pop that follows
 * a pop without a push in between needs it. */
void event_close_hole(event_heap *x);

/* Schedule (t, kind, obj); returns its seq (kind in the top bits: unique,
 * nonzero).  Needs n < cap and kind < EVENT_KINDS. */
static inline uint64_t event_push(event_cal *c, double t, uint32_t kind, uint32_t obj)
{
	event e = { t + 0.0, (uint64_t)kind << EVENT_SEQ_BITS | ++c->seq, kind, obj, 0 };
	event_heap *x = kind == c->lane_kind ? &c->lane : &c->main;

	assert(x->n < x->cap && t >= 0 && kind < EVENT_KINDS);
	if (x->hole) {
		x->hole = 0;
		event_sift_down(x, &e);
	} else {
		/* the events grow by one slot: so does the padding */
		event_sentinel(&x->h[x->n + EVENT_PAD]);
		event_sift_up(x->h, x->n, &e);
	}
	x->n++;
	return e.seq;
}

/* Are both heaps in order: every event not before its parent, the root not
 * vacant unless `hole`, sentinels in the EVENT_PAD slots after the last
 * event, and each event in its kind's heap?  O(n): for debug checks
 * (SUPSIM_DEBUG, run.c's loop). */
int event_cal_valid(const event_cal *c);

/* Close the holes of both heaps: their roots are then their next events
 * (an empty heap's root is a sentinel, later than any event). */
static inline void event_close_holes(event_cal *c)
{
	if (c->main.hole)
		event_close_hole(&c->main);
	if (c->lane.hole)
		event_close_hole(&c->lane);
}

static inline int event_heap_pop(event_heap *x, event *out)
{
	if (!x->n)
		return -1;
	*out = x->h[0];
	x->hole = 1;
	x->n--;
	return 0;
}

/* Remove the next event into *out; 0, or -1 when the calendar is empty.
 * Its slot stays vacant until the next push or pop.  Which heap holds it is
 * a branch, not a select: predicted, it lets the processor go on before the
 * two roots are compared. */
static inline int event_pop(event_cal *c, event *out)
{
	event_close_holes(c);
	if (event_before(&c->lane.h[0], &c->main.h[0]))
		return event_heap_pop(&c->lane, out);
	return event_heap_pop(&c->main, out);
}

/* The next event without removing it, or NULL. */
static inline const event *event_peek(event_cal *c)
{
	event_close_holes(c);
	const event_heap *x = event_before(&c->lane.h[0], &c->main.h[0]) ? &c->lane : &c->main;

	return x->n ? &x->h[0] : NULL;
}

#endif
