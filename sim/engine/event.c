/* event.c: the calendar's memory (init, growth, fini) and the rarer half of
 * a pop; pushes and pops are inline in event.h because the event loop calls
 * them on every event. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "engine/event.h"

/* Later than every event (t's bits all set: above +inf). */
static void sentinels(event *h, size_t from, size_t to)
{
	memset(&h[from], 0xff, (to - from) * sizeof(*h));
}

int event_cal_init(event_cal *c, size_t cap)
{
	memset(c, 0, sizeof(*c));
	return event_cal_reserve(c, cap ? cap : 16);
}

void event_cal_fini(event_cal *c)
{
	free(c->heap);
	memset(c, 0, sizeof(*c));
}

void event_cal_clear(event_cal *c)
{
	/* the events (and a hole) occupy at most [0, n]: the rest is padding */
	if (c->heap)
		sentinels(c->heap, 0, c->n + 1 + EVENT_PAD);
	c->n = 0;
	c->seq = 0;
	c->hole = 0;
}

int event_cal_reserve(event_cal *c, size_t cap)
{
	size_t ncap = c->cap ? c->cap : 16;
	event *h;

	if (cap <= c->cap)
		return 0;
	while (ncap < cap)
		ncap *= 2;
	/* one more slot than events: the hole (event.h) */
	h = mem_realloc(c->heap, (ncap + 1 + EVENT_PAD) * sizeof(*h));
	if (!h)
		return -1;
	if (!c->heap)
		sentinels(h, 0, 1 + EVENT_PAD);
	c->heap = h;
	c->cap = ncap;
	return 0;
}

void event_close_hole(event_cal *c)
{
	event *h = c->heap;
	size_t n = c->n, i = 0;   /* events at h[1 .. n] */

	c->hole = 0;
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

int event_cal_valid(const event_cal *c)
{
	const event *h = c->heap;
	size_t first = c->hole ? 1 : 0, last = c->n + first; /* events [first, last) */

	if (c->n > c->cap)
		return 0;
	for (size_t i = first ? first : 1; i < last; i++)
		if (i > 0 && (i - 1) / 4 >= first && event_before(&h[i], &h[(i - 1) / 4]))
			return 0;
	for (size_t i = last; i < last + EVENT_PAD && i <= c->cap + EVENT_PAD; i++) {
		event s;
		event_sentinel(&s);
		if (memcmp(&h[i], &s, sizeof(s)))
			return 0;
	}
	return 1;
}
