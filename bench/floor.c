/* bench/floor.c: the floor of `make bench`: the M/M/50 of bench/engine.c
 * (load 0.9, exponential handling of mean 60 s, FIFO, the same horizon and
 * warm-up, mean wait and occupancy counted after it) written as simply as
 * a discrete-event simulation can be in C: a binary heap of (time, kind)
 * events, a ring of waiting arrival times, xoshiro256** and -mean log(1-u)
 * for every exponential.  No model, no tally, no trace, no generality: what
 * supsim's loop could cost at best on this queue.  Every popped event counts
 * (an arrival or a handling end), as supsim's loop counts its dispatches.
 * Usage: floor [TICKETS] (default 10 million).  Prints one line in the
 * format of bench/engine.c, with ns/event. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "cputime.h"

#define AGENTS 50
enum { ARRIVAL, DEPARTURE };

typedef struct ev {
	double t;
	int kind;
} ev;

static uint64_t s[4]; /* xoshiro256** state */

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t next(void)
{
	uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

static void seed(uint64_t x) /* splitmix64, as the xoshiro authors advise */
{
	for (int i = 0; i < 4; i++) {
		uint64_t z = (x += 0x9e3779b97f4a7c15u);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
		s[i] = z ^ (z >> 31);
	}
}

static double expo(double mean)
{
	return -mean * log(1.0 - (double)(next() >> 11) * 0x1.0p-53);
}

/* The calendar: at most one arrival and AGENTS handling ends pending. */
static ev heap[AGENTS + 2];
static size_t nheap;

static void push(double t, int kind)
{
	size_t i = nheap++;

	while (i > 0 && heap[(i - 1) / 2].t > t) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i] = (ev){ t, kind };
}

static ev pop(void)
{
	ev top = heap[0], last = heap[--nheap];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= nheap)
			break;
		if (c + 1 < nheap && heap[c + 1].t < heap[c].t)
			c++;
		if (heap[c].t >= last.t)
			break;
		heap[i] = heap[c];
		i = c;
	}
	heap[i] = last;
	return top;
}

/* The queue: arrival times of waiting tickets, a ring of cap (a power of
 * two) slots that doubles when full. */
static double *ring;
static size_t cap = 1024, head, len;

static int enqueue(double t)
{
	if (len == cap) {
		double *r = malloc(2 * cap * sizeof(*r));
		if (!r)
			return -1;
		for (size_t i = 0; i < len; i++)
			r[i] = ring[(head + i) & (cap - 1)];
		free(ring);
		ring = r;
		head = 0;
		cap *= 2;
	}
	ring[(head + len++) & (cap - 1)] = t;
	return 0;
}

static double dequeue(void)
{
	double t = ring[head];

	head = (head + 1) & (cap - 1);
	len--;
	return t;
}

int main(int argc, char **argv)
{
	double tickets = argc > 1 ? atof(argv[1]) : 1e7;
	const double mean_s = 60, load = 0.9, warmup_s = 3600;
	const double rate = load * AGENTS / mean_s, horizon_s = tickets / rate;
	uint64_t events = 0, arrived = 0, answered = 0;
	double wait_s = 0, busy_area = 0, last = 0;
	int busy = 0;
	struct rusage ru;

	if (!(tickets >= 1)) {
		fprintf(stderr, "usage: floor [TICKETS]\n");
		return 2;
	}
	ring = malloc(cap * sizeof(*ring));
	if (!ring) {
		fprintf(stderr, "floor: out of memory\n");
		return 1;
	}
	seed(1);
	double t0 = cpu_seconds();
	push(expo(1 / rate), ARRIVAL);
	while (heap[0].t < horizon_s) {
		ev e = pop();
		events++;
		if (e.t > warmup_s)
			busy_area += busy * (e.t - (last > warmup_s ? last : warmup_s));
		last = e.t;
		if (e.kind == ARRIVAL) {
			push(e.t + expo(1 / rate), ARRIVAL);
			arrived += e.t >= warmup_s;
			if (busy < AGENTS) {
				busy++;
				answered += e.t >= warmup_s;
				push(e.t + expo(mean_s), DEPARTURE);
			} else if (enqueue(e.t)) {
				fprintf(stderr, "floor: out of memory\n");
				return 1;
			}
		} else if (len > 0) {
			double a = dequeue();
			if (a >= warmup_s) {
				answered++;
				wait_s += e.t - a;
			}
			push(e.t + expo(mean_s), DEPARTURE);
		} else {
			busy--;
		}
	}
	busy_area += busy * (horizon_s - (last > warmup_s ? last : warmup_s));
	double dt = cpu_seconds() - t0;
	if (getrusage(RUSAGE_SELF, &ru)) {
		perror("getrusage");
		return 1;
	}
	printf("tickets %llu events %llu seconds %.3f events/s %.0f ns/event %.1f "
	       "peak_rss_mib %.1f mean_wait_s %.3f occupancy %.4f\n",
	       (unsigned long long)arrived, (unsigned long long)events, dt,
	       (double)events / dt, dt * 1e9 / (double)events, ru.ru_maxrss / 1024.0,
	       wait_s / (double)answered, busy_area / (AGENTS * (horizon_s - warmup_s)));
	free(ring);
	return 0;
}
