/* tally.h: what one run (one policy x one replication) counts.
 * Flat counters per cell (tier x priority x channel), structure of arrays;
 * answered waits go into a log-bucketed histogram (constant memory, bounded
 * relative error: see tally_hist_quantile); per-team busy/on-shift time;
 * one row per hour after the warm-up.  Only arrivals after the warm-up count.
 * A tally is written by exactly one thread and read after the run. */
#ifndef SUPSIM_TALLY_H
#define SUPSIM_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Histogram of waits: bucket 0 holds [0, 1 s); bucket k >= 1 holds
 * [g^(k-1), g^k) seconds with g = TALLY_HIST_GROWTH; the last bucket is open.
 * tally_hist_quantile reports a bucket's point 2 g lo / (1 + g), within
 * (g - 1) / (g + 1) = 0.99 % of any wait in it above 1 s, and 0 (within 1 s)
 * for bucket 0. */
#define TALLY_HIST_GROWTH 1.02
#define TALLY_HIST_BUCKETS 1024

typedef enum outcome {
	OUT_MET = 0,
	OUT_MISSED,
	OUT_CENSORED,
	OUT_ABANDONED,
	OUT_DEFLECTED,
	OUT_WARMUP,
	OUT_N
} outcome;
extern const char *const tally_outcome_name[OUT_N]; /* "met", ... */

typedef struct tally {
	size_t ntiers, nprio, ncells; /* ncells = ntiers * nprio * SIM_NCH */
	/* per cell, counts of contacts arriving after the warm-up */
	uint64_t *arrived, *deflected, *abandoned, *met, *missed, *censored;
	double *wait_sum_s;           /* sum of waits of answered (met + missed) */
	uint64_t *answered;           /* tickets answered (wait known): met + missed
	                                 but for those still waiting at the end */
	uint32_t *hist;               /* ncells * TALLY_HIST_BUCKETS, answered waits */
	/* per team (policy's team order) */
	size_t nteams;
	double *busy_s;      /* agent-seconds working tickets (chat: time holding >= 1) */
	double *onshift_s;   /* agent-seconds scheduled (heads x time), before shrinkage */
	double *avail_s;     /* agent-seconds scheduled net of shrinkage */
	double *overtime_s;  /* agent-seconds worked past the end of shifts */
	/* per hour after the warm-up: nhours = ceil((horizon - warmup) / 1 h)
	 * rows, row h covering [warmup + h hours, that + 1 h) (the last one
	 * cut at the horizon); h_met/h_missed by the tickets' arrival hour */
	size_t nhours;
	double *h_arrived, *h_backlog, *h_onshift, *h_busy;
	uint32_t *h_met, *h_missed;
	uint64_t events;     /* events processed (for benchmarks) */
	/* Service levels (docs/results.md, "Attainment and abandonment").
	 * abandoned counts every abandonment of a cell; abandoned_in_target
	 * those whose customer left within the target (on the priority's
	 * clock).  met and missed never count an abandonment: the rule
	 * (tally_abandons_missed) adds them to the missed side of attainment. */
	abandon_rule abandon;           /* the model's [scenario] abandoned */
	uint64_t *abandoned_in_target;  /* per cell */
	/* hourly.csv: per hour x priority x channel, hcell (tally_hcell), of the
	 * contacts arriving in that hour (deflected ones under selfservice):
	 * the same counts as the cells, so summing the hours gives them back */
	uint32_t *hc_arrived, *hc_met, *hc_missed, *hc_abandoned, *hc_abandoned_in;
	uint32_t *hc_deflected, *hc_answered;
	double *hc_wait_s;              /* sum of waits of the answered */
	size_t hc_on;                   /* 1; 0 in a lean tally: one scratch cell */
} tally;

/* The hourly.csv cell of an hour, priority and channel; in a lean tally
 * (tally_init_lean) every one is the single scratch cell 0. */
static inline size_t tally_hcell(const tally *t, size_t hour, size_t prio, size_t ch)
{
	return t->hc_on * ((hour * t->nprio + prio) * SIM_NCH + ch);
}

/* Abandonments the rule counts as missed, out of `abandoned` of which
 * `in_target` left within their target. */
static inline uint64_t tally_abandons_missed(abandon_rule r, uint64_t abandoned,
					     uint64_t in_target)
{
	if (r == ABANDON_MISSED)
		return abandoned;
	if (r == ABANDON_EXCLUDED)
		return 0;
	return abandoned - in_target;
}

static inline size_t tally_cell(const tally *t, size_t tier, size_t prio, size_t ch)
{
	return (tier * t->nprio + prio) * SIM_NCH + ch;
}

/* Bytes tally_init allocates for m and policy p (what one replication of
 * the policy keeps until the results are written). */
size_t tally_bytes(const model *m, size_t p);

/* Sizes the tally for m and policy p (its teams), zeroed; 0 or -1 (ENOMEM). */
int tally_init(tally *t, const model *m, size_t p);
/* The same without hourly.csv's per-hour cells (hours x priorities x
 * channels), for runs whose tallies never reach a results folder (staff's
 * search): memory independent of the horizon's length but for h_* rows. */
int tally_init_lean(tally *t, const model *m, size_t p);
void tally_fini(tally *t); /* accepts a zeroed tally */
void tally_reset(tally *t); /* zero every counter, keep the arrays */

/* Histogram bucket of a wait (seconds >= 0). */
size_t tally_hist_bucket(double wait_s);
/* The q-quantile (0 < q < 1) of a histogram of these buckets, pooled in 64
 * bits (tallies summed over cells and replications): the bucket holding the
 * ceil(q n)-th smallest wait, reported as its point closest, in relative
 * terms, to all of it (see above; linear interpolation inside the bucket
 * could be off by g - 1 = 2 %, e.g. around a point mass such as an assist
 * rule's fixed wait).  NAN when the histogram is empty. */
double tally_hist_quantile(const uint64_t *h, double q);

#endif
