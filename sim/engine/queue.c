/* queue.c: sizing the bucket arrays and choosing the best bucket head. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "engine/queue.h"

static int desc_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x < y) - (x > y);
}

/* rank[i] = the number of distinct weights above w[i]: sort a copy in
 * descending order, drop repeats, and look each weight up (O(n log n)). */
static int rank_tiers(uint32_t *rank, const double *w, size_t n)
{
	double *d = mem_alloc(n * sizeof(*d));
	size_t nd = 0;

	if (!d)
		return -1;
	memcpy(d, w, n * sizeof(*d));
	qsort(d, n, sizeof(*d), desc_double);
	for (size_t i = 0; i < n; i++)
		if (!nd || d[i] != d[nd - 1])
			d[nd++] = d[i];
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = nd; /* first index with d[] <= w[i] */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (d[mid] > w[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		rank[i] = (uint32_t)lo;
	}
	free(d);
	return 0;
}

int queue_init(queue *q, const model *m)
{
	memset(q, 0, sizeof(*q));
	q->nprio = m->nprio;
	q->ntiers = m->ntiers ? m->ntiers : 1;
	q->nb = q->nprio * q->ntiers;
	q->nwords = (q->nb + 63) / 64;
	q->head = mem_alloc(SIM_NCH * q->nb * sizeof(*q->head));
	q->tail = mem_alloc(SIM_NCH * q->nb * sizeof(*q->tail));
	q->count = mem_calloc(SIM_NCH * q->nprio + 1, sizeof(*q->count));
	q->mask = mem_calloc(SIM_NCH * q->nwords + 1, sizeof(*q->mask));
	q->rank = mem_calloc(q->ntiers, sizeof(*q->rank));
	q->bprio = mem_alloc(q->nb * sizeof(*q->bprio));
	if (!q->head || !q->tail || !q->count || !q->mask || !q->rank || !q->bprio) {
		queue_fini(q);
		return -1;
	}
	/* rank = number of distinct weights above this tier's: equal weights
	 * share a rank, so their tickets are served FIFO among themselves */
	if (m->tier_weight && rank_tiers(q->rank, m->tier_weight, m->ntiers)) {
		queue_fini(q);
		return -1;
	}
	for (size_t b = 0; b < q->nb; b++)
		q->bprio[b] = (uint8_t)(b / q->ntiers); /* nprio <= SIM_MAX_PRIO */
	queue_clear(q);
	return 0;
}

void queue_fini(queue *q)
{
	free(q->head);
	free(q->tail);
	free(q->count);
	free(q->mask);
	free(q->rank);
	free(q->bprio);
	memset(q, 0, sizeof(*q));
}

void queue_clear(queue *q)
{
	for (size_t b = 0; b < SIM_NCH * q->nb; b++)
		q->head[b] = q->tail[b] = TK_NIL;
	memset(q->count, 0, SIM_NCH * q->nprio * sizeof(*q->count));
	memset(q->mask, 0, SIM_NCH * q->nwords * sizeof(*q->mask));
	q->total = 0;
}

/* a before b under discipline d (both waiting tickets) */
static int better(const queue *q, const ticket *a, const ticket *b, discipline d)
{
	if (d == DISC_PRIORITY) {
		if (a->prio != b->prio)
			return a->prio < b->prio;
		if (q->rank[a->tier] != q->rank[b->tier])
			return q->rank[a->tier] < q->rank[b->tier];
	} else if (d == DISC_EDF && a->deadline_s != b->deadline_s) {
		return a->deadline_s < b->deadline_s;
	}
	return a->order < b->order;
}

uint32_t queue_best(const queue *q, const ticket *tk, unsigned chmask,
		    const unsigned prio_ok[SIM_NCH], discipline d)
{
	uint32_t best = TK_NIL;

	for (unsigned m = chmask & ((1u << SIM_NCH) - 1); m; m &= m - 1) {
		unsigned ch = (unsigned)__builtin_ctz(m);
		if (!prio_ok[ch])
			continue;
		const uint64_t *mask = &q->mask[ch * q->nwords];
		for (size_t w = 0; w < q->nwords; w++) {
			uint64_t bits = mask[w];
			while (bits) {
				size_t b = w * 64 + (size_t)__builtin_ctzll(bits);
				bits &= bits - 1;
				if (!(prio_ok[ch] >> q->bprio[b] & 1))
					continue;
				uint32_t h = q->head[ch * q->nb + b];
				if (best == TK_NIL || better(q, &tk[h], &tk[best], d))
					best = h;
			}
		}
	}
	return best;
}
