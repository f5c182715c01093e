/* queue.c: sizing the bucket arrays and choosing the best bucket head. */
#include <stdlib.h>
#include <string.h>

#include "engine/queue.h"

int queue_init(queue *q, const model *m)
{
	memset(q, 0, sizeof(*q));
	q->nprio = m->nprio;
	q->ntiers = m->ntiers ? m->ntiers : 1;
	q->nb = q->nprio * q->ntiers;
	q->nwords = (q->nb + 63) / 64;
	q->head = malloc(SIM_NCH * q->nb * sizeof(*q->head));
	q->tail = malloc(SIM_NCH * q->nb * sizeof(*q->tail));
	q->count = calloc(SIM_NCH * q->nprio + 1, sizeof(*q->count));
	q->mask = calloc(SIM_NCH * q->nwords + 1, sizeof(*q->mask));
	q->rank = calloc(q->ntiers, sizeof(*q->rank));
	if (!q->head || !q->tail || !q->count || !q->mask || !q->rank) {
		queue_fini(q);
		return -1;
	}
	/* rank = number of distinct weights above this tier's: equal weights
	 * share a rank, so their tickets are served FIFO among themselves */
	for (size_t i = 0; i < m->ntiers; i++) {
		double w = m->tier_weight ? m->tier_weight[i] : 1;
		for (size_t j = 0; j < m->ntiers; j++) {
			double v = m->tier_weight ? m->tier_weight[j] : 1;
			int seen = 0;
			for (size_t k = 0; k < j; k++)
				if (m->tier_weight && m->tier_weight[k] == v)
					seen = 1;
			if (v > w && !seen)
				q->rank[i]++;
		}
	}
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

	for (unsigned ch = 0; ch < SIM_NCH; ch++) {
		if (!(chmask >> ch & 1) || !prio_ok[ch])
			continue;
		const uint64_t *mask = &q->mask[ch * q->nwords];
		for (size_t w = 0; w < q->nwords; w++) {
			uint64_t bits = mask[w];
			while (bits) {
				size_t b = w * 64 + (size_t)__builtin_ctzll(bits);
				bits &= bits - 1;
				if (!(prio_ok[ch] >> (b / q->ntiers) & 1))
					continue;
				uint32_t h = q->head[ch * q->nb + b];
				if (best == TK_NIL || better(q, &tk[h], &tk[best], d))
					best = h;
			}
		}
	}
	return best;
}
