/* tally.c: sizing and clearing a tally, and the wait histogram's buckets and
 * quantiles.  The event loop (run.c) fills the counters. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "engine/tally.h"

const char *const tally_outcome_name[OUT_N] = {
	"met", "missed", "censored", "abandoned", "deflected", "warmup",
};

static size_t hours_of(const model *m)
{
	double span = m->horizon_s - m->warmup_s;

	return span > 0 ? (size_t)ceil(span / 3600.0) : 0;
}

#define ZERO(p, n) memset((p), 0, (n) * sizeof(*(p)))

/* The hourly.csv arrays: nhours * nprio * SIM_NCH each. */
static size_t hcells(const tally *t)
{
	return t->hc_on * t->nhours * t->nprio * SIM_NCH;
}

static int hourly_init(tally *t)
{
	size_t n = hcells(t) + 1;
	uint32_t **u[] = { &t->hc_arrived, &t->hc_met, &t->hc_missed, &t->hc_abandoned,
			   &t->hc_abandoned_in, &t->hc_deflected, &t->hc_answered };
	int rc = 0;

	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		*u[i] = mem_calloc(n, sizeof(uint32_t));
		rc |= !*u[i];
	}
	t->hc_wait_s = mem_calloc(n, sizeof(double));
	return rc || !t->hc_wait_s ? -1 : 0;
}

static void hourly_fini(tally *t)
{
	free(t->hc_arrived);
	free(t->hc_met);
	free(t->hc_missed);
	free(t->hc_abandoned);
	free(t->hc_abandoned_in);
	free(t->hc_deflected);
	free(t->hc_answered);
	free(t->hc_wait_s);
}

static void hourly_reset(tally *t)
{
	size_t n = hcells(t);

	ZERO(t->hc_arrived, n);
	ZERO(t->hc_met, n);
	ZERO(t->hc_missed, n);
	ZERO(t->hc_abandoned, n);
	ZERO(t->hc_abandoned_in, n);
	ZERO(t->hc_deflected, n);
	ZERO(t->hc_answered, n);
	ZERO(t->hc_wait_s, n);
}

static int init(tally *t, const model *m, size_t p, size_t hourly);

/* Keep in step with init() (hourly on). */
size_t tally_bytes(const model *m, size_t p)
{
	size_t nc = m->ntiers * m->nprio * SIM_NCH, nt = m->policy[p].nteams, nh = hours_of(m);

	return sizeof(tally) + (nc + 1) * (8 * sizeof(uint64_t) + sizeof(double)) +
	       (nc * TALLY_HIST_BUCKETS + 1) * sizeof(uint32_t) + (nt + 1) * 4 * sizeof(double) +
	       (nh + 1) * (4 * sizeof(double) + 2 * sizeof(uint32_t)) +
	       (nh * m->nprio * SIM_NCH + 1) * (7 * sizeof(uint32_t) + sizeof(double));
}

int tally_init(tally *t, const model *m, size_t p)
{
	return init(t, m, p, 1);
}

int tally_init_lean(tally *t, const model *m, size_t p)
{
	return init(t, m, p, 0);
}

static int init(tally *t, const model *m, size_t p, size_t hourly)
{
	size_t nc, nt, nh;

	memset(t, 0, sizeof(*t));
	t->hc_on = hourly;
	t->ntiers = m->ntiers;
	t->nprio = m->nprio;
	t->ncells = nc = m->ntiers * m->nprio * SIM_NCH;
	t->nteams = nt = m->policy[p].nteams;
	t->nhours = nh = hours_of(m);
	t->arrived = mem_calloc(nc + 1, sizeof(uint64_t));
	t->deflected = mem_calloc(nc + 1, sizeof(uint64_t));
	t->abandoned = mem_calloc(nc + 1, sizeof(uint64_t));
	t->met = mem_calloc(nc + 1, sizeof(uint64_t));
	t->missed = mem_calloc(nc + 1, sizeof(uint64_t));
	t->censored = mem_calloc(nc + 1, sizeof(uint64_t));
	t->answered = mem_calloc(nc + 1, sizeof(uint64_t));
	t->wait_sum_s = mem_calloc(nc + 1, sizeof(double));
	t->hist = mem_calloc(nc * TALLY_HIST_BUCKETS + 1, sizeof(uint32_t));
	t->busy_s = mem_calloc(nt + 1, sizeof(double));
	t->onshift_s = mem_calloc(nt + 1, sizeof(double));
	t->avail_s = mem_calloc(nt + 1, sizeof(double));
	t->overtime_s = mem_calloc(nt + 1, sizeof(double));
	t->h_arrived = mem_calloc(nh + 1, sizeof(double));
	t->h_backlog = mem_calloc(nh + 1, sizeof(double));
	t->h_onshift = mem_calloc(nh + 1, sizeof(double));
	t->h_busy = mem_calloc(nh + 1, sizeof(double));
	t->h_met = mem_calloc(nh + 1, sizeof(uint32_t));
	t->h_missed = mem_calloc(nh + 1, sizeof(uint32_t));
	t->abandon = m->abandoned;
	t->abandoned_in_target = mem_calloc(nc + 1, sizeof(uint64_t));
	if (hourly_init(t) || !t->abandoned_in_target) {
		tally_fini(t);
		return -1;
	}
	if (!t->arrived || !t->deflected || !t->abandoned || !t->met ||
	    !t->missed || !t->censored || !t->answered || !t->wait_sum_s ||
	    !t->hist || !t->busy_s || !t->onshift_s || !t->avail_s ||
	    !t->overtime_s || !t->h_arrived || !t->h_backlog ||
	    !t->h_onshift || !t->h_busy || !t->h_met || !t->h_missed) {
		tally_fini(t);
		return -1;
	}
	return 0;
}

void tally_fini(tally *t)
{
	free(t->arrived);
	free(t->deflected);
	free(t->abandoned);
	free(t->met);
	free(t->missed);
	free(t->censored);
	free(t->answered);
	free(t->wait_sum_s);
	free(t->hist);
	free(t->busy_s);
	free(t->onshift_s);
	free(t->avail_s);
	free(t->overtime_s);
	free(t->h_arrived);
	free(t->h_backlog);
	free(t->h_onshift);
	free(t->h_busy);
	free(t->h_met);
	free(t->h_missed);
	free(t->abandoned_in_target);
	hourly_fini(t);
	memset(t, 0, sizeof(*t));
}

void tally_reset(tally *t)
{
	size_t nc = t->ncells, nt = t->nteams, nh = t->nhours;

	ZERO(t->arrived, nc);
	ZERO(t->deflected, nc);
	ZERO(t->abandoned, nc);
	ZERO(t->met, nc);
	ZERO(t->missed, nc);
	ZERO(t->censored, nc);
	ZERO(t->answered, nc);
	ZERO(t->wait_sum_s, nc);
	ZERO(t->hist, nc * TALLY_HIST_BUCKETS);
	ZERO(t->busy_s, nt);
	ZERO(t->onshift_s, nt);
	ZERO(t->avail_s, nt);
	ZERO(t->overtime_s, nt);
	ZERO(t->h_arrived, nh);
	ZERO(t->h_backlog, nh);
	ZERO(t->h_onshift, nh);
	ZERO(t->h_busy, nh);
	ZERO(t->h_met, nh);
	ZERO(t->h_missed, nh);
	ZERO(t->abandoned_in_target, nc);
	hourly_reset(t);
	t->events = 0;
}

/* Bucket k >= 1 holds [g^(k-1), g^k) with the edges g^k as pow computes
 * them, found without a logarithm: a wait's exponent and top 6 mantissa bits
 * name a slice [2^e (1 + j/64), 2^e (1 + (j+1)/64)) narrower than a bucket
 * (1/64 < 2 %), so at most one edge falls inside it; the table holds the
 * last edge at or below the slice's start, one comparison settles the
 * rest. */
#define SLICE_BITS 6
#define SLICE_BINADES 31  /* 2^31 > g^(TALLY_HIST_BUCKETS - 2): every slice */

static double hist_edge[TALLY_HIST_BUCKETS]; /* g^k; the last: +inf */
static uint16_t hist_slice[SLICE_BINADES << SLICE_BITS];
static pthread_once_t hist_once = PTHREAD_ONCE_INIT;

static void hist_init(void)
{
	size_t k = 0;

	for (size_t i = 0; i + 1 < TALLY_HIST_BUCKETS; i++)
		hist_edge[i] = pow(TALLY_HIST_GROWTH, (double)i);
	hist_edge[TALLY_HIST_BUCKETS - 1] = INFINITY;
	for (size_t j = 0; j < SLICE_BINADES << SLICE_BITS; j++) {
		double lo = ldexp(1 + (double)(j & ((1u << SLICE_BITS) - 1)) / (1u << SLICE_BITS),
				  (int)(j >> SLICE_BITS));
		while (hist_edge[k + 1] <= lo)
			k++;
		hist_slice[j] = (uint16_t)k;
	}
}

size_t tally_hist_bucket(double wait_s)
{
	uint64_t bits;

	if (!(wait_s >= 1.0))
		return 0;
	pthread_once(&hist_once, hist_init);
	if (wait_s >= hist_edge[TALLY_HIST_BUCKETS - 2])
		return TALLY_HIST_BUCKETS - 1;
	memcpy(&bits, &wait_s, sizeof(bits));
	size_t k = hist_slice[(bits >> (52 - SLICE_BITS)) - ((uint64_t)1023 << SLICE_BITS)];
	return k + 1 + (wait_s >= hist_edge[k + 1]);
}

static double bucket_lo(size_t k)
{
	return k ? pow(TALLY_HIST_GROWTH, (double)(k - 1)) : 0;
}

double tally_hist_quantile(const uint64_t *h, double q)
{
	uint64_t n = 0, cum = 0;

	for (size_t k = 0; k < TALLY_HIST_BUCKETS; k++)
		n += h[k];
	if (n == 0)
		return NAN;
	double need = ceil(q * (double)n);
	size_t k = 0;
	for (; k < TALLY_HIST_BUCKETS - 1; k++) {
		cum += h[k];
		if ((double)cum >= need)
			break;
	}
	if (k == 0)
		return 0;
	double lo = bucket_lo(k), g = TALLY_HIST_GROWTH;
	return k == TALLY_HIST_BUCKETS - 1 ? lo : 2 * g * lo / (1 + g);
}
