/* event.c: the calendar's memory (init, growth, fini); the heap operations
 * are inline in event.h because the event loop calls them on every event. */
#include <stdlib.h>
#include <string.h>

#include "engine/event.h"

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
	c->n = 0;
	c->seq = 0;
}

int event_cal_reserve(event_cal *c, size_t cap)
{
	size_t ncap = c->cap ? c->cap : 16;
	event *h;

	if (cap <= c->cap)
		return 0;
	while (ncap < cap)
		ncap *= 2;
	h = realloc(c->heap, ncap * sizeof(*h));
	if (!h)
		return -1;
	c->heap = h;
	c->cap = ncap;
	return 0;
}
