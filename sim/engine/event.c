/* event.c: the calendar's memory (init, lane, growth, fini) and the rarer
 * half of a pop; pushes and pops are inline in event.h because the event
 * loop calls them on every event. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "engine/event.h"

/* Later than every event (t's bits all set: above +inf). */
static void sentinels(event *h, size_t from, size_t to)
{
	memset(&h[from], 0xff, (to - from) * sizeof(*h));
}

/* Room for at least cap events in x (doubling from 16); 0 or -1. */
static int heap_reserve(event_heap *x, size_t cap)
{
	size_t ncap = x->cap ? x->cap : 16;
	event *h;

	if (cap <= x->cap && x->h)
		return 0;
	while (ncap < cap)
		ncap *= 2;
	/* one more slot than events: the hole (event.h) */
	h = mem_realloc(x->h, (ncap + 1 + EVENT_PAD) * sizeof(*h));
	if (!h)
		return -1;
	if (!x->h)
		sentinels(h, 0, 1 + EVENT_PAD);
	x->h = h;
	x->cap = ncap;
	return 0;
}

static void heap_clear(event_heap *x)
{
	/* the events (and a hole) occupy at most [0, n]: the rest is padding */
	if (x->h)
		sentinels(x->h, 0, x->n + 1 + EVENT_PAD);
	x->n = 0;
	x->hole = 0;
}

int event_cal_init(event_cal *c, size_t cap)
{
	memset(c, 0, sizeof(*c));
	c->lane_kind = EVENT_NO_LANE;
	/* an empty lane still has a root to compare (a sentinel) */
	if (heap_reserve(&c->lane, 1) || heap_reserve(&c->main, cap ? cap : 16)) {
		event_cal_fini(c);
		return -1;
	}
	return 0;
}

int event_cal_lane(event_cal *c, uint32_t kind, size_t cap)
{
	if (heap_reserve(&c->lane, cap))
		return -1;
	c->lane_kind = kind;
	return 0;
}

void event_cal_fini(event_cal *c)
{
	free(c->main.h);
	free(c->lane.h);
	memset(c, 0, sizeof(*c));
	c->lane_kind = EVENT_NO_LANE;
}

void event_cal_clear(event_cal *c)
{
	heap_clear(&c->main);
	heap_clear(&c->lane);
	c->seq = 0;
}

int event_cal_reserve(event_cal *c, size_t cap)
{
	return heap_reserve(&c->main, cap);
}

void event_close_hole(event_heap *x)
{
	event *h = x->h;
	size_t n = x->n, i = 0;   /* events at h[1 .. n] */

	x->hole = 0;
	if (!n) {
		sentinels(h, 0, 1);
		return;
	}
	event last = h[n];
	sentinels(h, n, n + 1);
	while (4 * i + 1 < n) {
		size_t kid = event_min_kid(h, i);
		h[i] = h[kid];
		i = kid;
	}
	event_sift_up(h, i, &last);
}

/* x in order, its events of the lane's kind exactly when `lane`. */
static int heap_valid(const event_cal *c, const event_heap *x, int lane)
{
	const event *h = x->h;
	size_t first = x->hole ? 1 : 0, last = x->n + first; /* events [first, last) */

	if (x->n > x->cap)
		return 0;
	for (size_t i = first; i < last; i++) {
		if ((h[i].kind == c->lane_kind) != lane)
			return 0;
		if (i > 0 && (i - 1) / 4 >= first && event_before(&h[i], &h[(i - 1) / 4]))
			return 0;
	}
	for (size_t i = last; i < last + EVENT_PAD && i <= x->cap + EVENT_PAD; i++) {
		event s;
		event_sentinel(&s);
		if (memcmp(&h[i], &s, sizeof(s)))
			return 0;
	}
	return 1;
}

int event_cal_valid(const event_cal *c)
{
	return heap_valid(c, &c->main, 0) && heap_valid(c, &c->lane, 1);
}
