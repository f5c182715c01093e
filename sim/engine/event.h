/* event.h: the future-event calendar, a 4-ary min-heap of 24-byte records.
 * Events run in (time, scheduling sequence) order: two events at the same
 * instant run in the order they were scheduled, so a run never depends on
 * the heap's layout.  Records hold indices (kind, obj), never pointers.
 * Cancelling is the caller's business: keep the `seq` event_push returns and
 * skip a popped event whose seq no longer matches (lazy deletion).
 * The heap never grows by itself: event_push asserts room, and the owner
 * grows it with event_cal_reserve outside its event loop. */
#ifndef SUPSIM_EVENT_H
#define SUPSIM_EVENT_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct event {
	double t;      /* seconds since start */
	uint64_t seq;  /* scheduling sequence, unique within a calendar, from 1 */
	uint32_t kind; /* the owner's event kind */
	uint32_t obj;  /* the owner's index (segment, ticket, team, ...) */
} event;           /* 24 bytes */

typedef struct event_cal {
	event *heap;   /* heap[0] is the next event */
	size_t n, cap;
	uint64_t seq;  /* last sequence handed out */
} event_cal;

/* Room for cap events; 0 or -1 (ENOMEM). */
int event_cal_init(event_cal *c, size_t cap);
void event_cal_fini(event_cal *c); /* accepts a zeroed calendar */
/* Empty it and restart the sequence at 1 (keeps the memory). */
void event_cal_clear(event_cal *c);
/* Make room for at least cap events (geometric growth); 0 or -1. */
int event_cal_reserve(event_cal *c, size_t cap);

static inline int event_before(const event *a, const event *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

/* Schedule (t, kind, obj); returns its sequence number.  Needs n < cap. */
static inline uint64_t event_push(event_cal *c, double t, uint32_t kind, uint32_t obj)
{
	event e = { t + 0.0, ++c->seq, kind, obj };
	size_t i = c->n++;

	assert(i < c->cap && t >= 0);
	while (i > 0) {
		size_t parent = (i - 1) / 4;
		if (!event_before(&e, &c->heap[parent]))
			break;
		c->heap[i] = c->heap[parent];
		i = parent;
	}
	c->heap[i] = e;
	return e.seq;
}

/* (t, seq) as one 128-bit number: for t >= 0 (never -0: event_push adds
 * +0) the bits of a double order like the double, so a single unsigned
 * comparison orders events by time, then sequence (GNU C's __int128). */
__extension__ typedef unsigned __int128 event_key;

static inline event_key event_key_of(const event *e)
{
	uint64_t bits;

	memcpy(&bits, &e->t, sizeof(bits));
	return (event_key)bits << 64 | e->seq;
}

/* Index of the earlier of events a and b, without a branch on the
 * (unpredictable) outcome, so that the compiler can use a conditional move. */
static inline size_t event_min2(const event *h, size_t a, size_t b)
{
	return event_key_of(&h[b]) < event_key_of(&h[a]) ? b : a;
}

/* Remove the next event into *out; 0, or -1 when the calendar is empty.
 * Bottom-up: the hole at the root moves down to a leaf along the earliest
 * children (one 4-way tournament per level), then the last event climbs
 * back from there; it nearly always belongs near the bottom. */
static inline int event_pop(event_cal *c, event *out)
{
	if (!c->n)
		return -1;
	*out = c->heap[0];
	event last = c->heap[--c->n];
	event *h = c->heap;
	size_t n = c->n, i = 0;

	if (!n)
		return 0;
	for (;;) {
		size_t kid = 4 * i + 1, best;
		if (kid + 3 < n) {
			best = event_min2(h, event_min2(h, kid, kid + 1),
					  event_min2(h, kid + 2, kid + 3));
		} else if (kid < n) {
			best = kid;
			for (size_t k = kid + 1; k < n; k++)
				best = event_min2(h, best, k);
		} else {
			break;
		}
		h[i] = h[best];
		i = best;
	}
	while (i > 0) {
		size_t parent = (i - 1) / 4;
		if (!event_before(&last, &h[parent]))
			break;
		h[i] = h[parent];
		i = parent;
	}
	h[i] = last;
	return 0;
}

/* The next event without removing it, or NULL. */
static inline const event *event_peek(const event_cal *c)
{
	return c->n ? &c->heap[0] : NULL;
}

#endif
