/* test_run.c: the event loop (sim/engine/run.c) on models built in code
 * (model_fixture.h): conservation of outcomes per cell and against the
 * trace; M/M/1 and M/M/c mean waits against Erlang C, non-pre-emptive
 * priorities against Cobham, abandonment against Erlang A (|sim - theory|
 * <= 3.3 standard errors over replications, seeds fixed beforehand);
 * common random numbers across policies; exact cases (constant handling
 * without waiting, a shift ending with a ticket in hand, chat concurrency);
 * shrinkage; stop requests and trace failures. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/run.h"
#include "model_fixture.h"
#include "random/rng.h"

#define Z 3.3

typedef struct trace_buf {
	ticket_rec *r;
	size_t n, cap;
	int fail_after; /* > 0: the callback fails on that record */
} trace_buf;

static int collect(void *ctx, const ticket_rec *t)
{
	trace_buf *b = ctx;

	if (b->fail_after && (int)b->n + 1 >= b->fail_after)
		return -1;
	if (b->n == b->cap) {
		size_t ncap = b->cap ? 2 * b->cap : 1024;
		ticket_rec *r = realloc(b->r, ncap * sizeof(*r));
		if (!r)
			return -1;
		b->r = r;
		b->cap = ncap;
	}
	b->r[b->n++] = *t;
	return 0;
}

static int by_ticket(const void *pa, const void *pb)
{
	const ticket_rec *a = pa, *b = pb;

	if (a->segment != b->segment)
		return a->segment < b->segment ? -1 : 1;
	return (a->id > b->id) - (a->id < b->id);
}

static void sort_trace(trace_buf *b)
{
	qsort(b->r, b->n, sizeof(*b->r), by_ticket);
}

static uint64_t sum64(const uint64_t *v, size_t n)
{
	uint64_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s;
}

/* Run policy p, replication rep of m into t (initialised here), with an
 * optional trace. */
static void run(const model *m, size_t p, int rep, tally *t, trace_buf *b)
{
	run_ctx *c = run_ctx_create(m);
	err e = { 0 };

	assert_non_null(c);
	assert_int_equal(tally_init(t, m, p), 0);
	assert_int_equal(run_one(c, p, rep, m->seed, t, b ? collect : NULL, b, NULL, &e), 0);
	run_ctx_destroy(c);
}

/* Mean wait of the answered tickets of one run. */
static double mean_wait(const tally *t)
{
	double w = 0;
	uint64_t n = 0;

	for (size_t i = 0; i < t->ncells; i++) {
		w += t->wait_sum_s[i];
		n += t->answered[i];
	}
	return w / (double)n;
}

/* Mean and standard error of x[0..n). */
static void mean_se(const double *x, int n, double *mean, double *se)
{
	double s = 0, ss = 0;

	for (int i = 0; i < n; i++)
		s += x[i];
	*mean = s / n;
	for (int i = 0; i < n; i++)
		ss += (x[i] - *mean) * (x[i] - *mean);
	*se = sqrt(ss / (n - 1) / n);
}

/* |a - b| <= eps in double precision (cmocka's float check rounds to float) */
#define assert_near(a, b, eps) near_(a, b, eps, __FILE__, __LINE__)
static void near_(double a, double b, double eps, const char *file, int line)
{
	if (!(fabs(a - b) <= eps))
		fail_msg("%s:%d: %.17g != %.17g (eps %g)", file, line, a, b, eps);
}

static void check_z(const char *what, double sim, double se, double theory)
{
	print_message("%s: sim %.4f, theory %.4f, se %.4f, z %.2f\n", what, sim,
		      theory, se, (sim - theory) / se);
	if (fabs(sim - theory) > Z * se)
		fail_msg("%s: |%g - %g| > %g standard errors of %g", what, sim,
			 theory, Z, se);
}

/* ---- conservation -------------------------------------------------------- */

static void busy_spec(fx_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->rate_per_s = 40.0 / 3600;
	s->horizon_s = 5 * 86400;
	s->warmup_s = 86400;
	s->seed = 7;
	s->nprio = 3;
	s->prio_w[0] = 0.1;
	s->prio_w[1] = 0.3;
	s->prio_w[2] = 0.6;
	s->chan_w[CH_PHONE] = 0.3;
	s->chan_w[CH_CHAT] = 0.3;
	s->chan_w[CH_WEB] = 0.3;
	s->chan_w[CH_SELF] = 0.1;
	dist_make_exp(&s->handle[CH_PHONE], 300);
	dist_make_exp(&s->handle[CH_CHAT], 600);
	dist_make_lognormal(&s->handle[CH_WEB], 900, 600);
	s->concurrency[CH_CHAT] = 2;
	dist_make_exp(&s->patience[CH_PHONE], 240);
	dist_make_exp(&s->patience[CH_CHAT], 600);
	s->sla_s[0] = 3600;
	s->sla_s[1] = 4 * 3600;
	s->sla_s[2] = 24 * 3600;
	s->shrinkage = 0.2;
	/* 08:00-17:00 each day with 4 heads, 6 from 10:00 to 12:00 */
	for (int d = 0; d < 2; d++) {
		double o = d * 86400.0;
		s->shifts[3 * d] = (shift_iv){ o + 8 * 3600, o + 10 * 3600, 4 };
		s->shifts[3 * d + 1] = (shift_iv){ o + 10 * 3600, o + 12 * 3600, 6 };
		s->shifts[3 * d + 2] = (shift_iv){ o + 12 * 3600, o + 17 * 3600, 4 };
	}
	s->nshifts = 6;
	s->npolicies = 2;
	s->pol[0] = (fx_policy){ "prio", DISC_PRIORITY, 6, 0 };
	/* no phone: it falls back to chat, then web */
	s->pol[1] = (fx_policy){ "edf", DISC_EDF, 6,
				 1u << CH_CHAT | 1u << CH_WEB | 1u << CH_SELF };
	s->nfallback = 2;
	s->fallback[0] = CH_CHAT;
	s->fallback[1] = CH_WEB;
}

static void spec_fini(fx_spec *s)
{
	for (int ch = 0; ch < SIM_NCH; ch++) {
		dist_fini(&s->handle[ch]);
		dist_fini(&s->patience[ch]);
	}
}

static void check_conservation(const model *m, const tally *t, const trace_buf *b)
{
	uint64_t n_out[OUT_N] = { 0 };

	for (size_t i = 0; i < t->ncells; i++) {
		assert_true(t->arrived[i] == t->deflected[i] + t->abandoned[i] +
			    t->met[i] + t->missed[i] + t->censored[i]);
		uint64_t h = 0;
		for (size_t k = 0; k < TALLY_HIST_BUCKETS; k++)
			h += t->hist[i * TALLY_HIST_BUCKETS + k];
		assert_true(h == t->answered[i]);
		assert_true(t->answered[i] <= t->met[i] + t->missed[i]);
		if (i % SIM_NCH != CH_SELF)
			assert_true(t->deflected[i] == 0);
	}
	for (size_t i = 0; i < b->n; i++) {
		const ticket_rec *r = &b->r[i];
		n_out[r->out]++;
		assert_true(r->out == OUT_WARMUP ? r->arrival_s < m->warmup_s
			    : r->arrival_s >= m->warmup_s);
		if (r->out == OUT_MET || r->out == OUT_MISSED) {
			if (isnan(r->response_s))
				assert_true(r->out == OUT_MISSED);
			else
				assert_true(r->end_s >= r->response_s);
		}
		if (r->out == OUT_DEFLECTED)
			assert_int_equal(r->channel, CH_SELF);
	}
	assert_true(n_out[OUT_MET] == sum64(t->met, t->ncells));
	assert_true(n_out[OUT_MISSED] == sum64(t->missed, t->ncells));
	assert_true(n_out[OUT_CENSORED] == sum64(t->censored, t->ncells));
	assert_true(n_out[OUT_ABANDONED] == sum64(t->abandoned, t->ncells));
	assert_true(n_out[OUT_DEFLECTED] == sum64(t->deflected, t->ncells));
	assert_true(n_out[OUT_WARMUP] > 0);
	assert_true(n_out[OUT_CENSORED] > 0 && n_out[OUT_MISSED] > 0);
	assert_true(n_out[OUT_ABANDONED] > 0 && n_out[OUT_DEFLECTED] > 0);
	/* hourly rows: every counted arrival, every met and missed */
	double ha = 0;
	uint64_t hm = 0, hx = 0;
	for (size_t h = 0; h < t->nhours; h++) {
		ha += t->h_arrived[h];
		hm += t->h_met[h];
		hx += t->h_missed[h];
	}
	assert_true((uint64_t)ha == sum64(t->arrived, t->ncells));
	assert_true(hm == n_out[OUT_MET] && hx == n_out[OUT_MISSED]);
	assert_int_equal(t->nhours, 96);
}

static void test_conservation(void **state)
{
	fx_spec s;
	model m;

	(void)state;
	busy_spec(&s);
	assert_int_equal(fx_build(&m, &s), 0);
	for (size_t p = 0; p < m.npolicies; p++) {
		tally t;
		trace_buf b = { 0 };
		run(&m, p, 0, &t, &b);
		check_conservation(&m, &t, &b);
		/* on-shift: 4 x 9 h + 2 x 2 h a day, in the 4 days after the
		 * warm-up only day 2 (index 1) has shifts */
		assert_near(t.onshift_s[0], (4 * 9 + 2 * 2) * 3600.0, 1e-6);
		assert_true(t.avail_s[0] < t.onshift_s[0]);
		assert_true(t.busy_s[0] > 0 && t.overtime_s[0] >= 0);
		double hon = 0;
		for (size_t h = 0; h < t.nhours; h++)
			hon += t.h_onshift[h] * 3600;
		assert_near(hon, t.onshift_s[0], 1e-6);
		free(b.r);
		tally_fini(&t);
	}
	model_fini(&m);
	spec_fini(&s);
}

/* ---- Erlang C ------------------------------------------------------------ */

static void mmc_spec(fx_spec *s, int c, double a, double mean_s, double days)
{
	memset(s, 0, sizeof(*s));
	s->rate_per_s = a / mean_s;
	s->horizon_s = days * 86400;
	s->warmup_s = 86400;
	s->seed = 20200302;
	dist_make_exp(&s->handle[CH_WEB], mean_s);
	s->npolicies = 1;
	s->pol[0] = (fx_policy){ "fifo", DISC_FIFO, c, 0 };
}

static void check_mmc(int c, double a, double mean_s, double days, int reps)
{
	fx_spec s;
	model m;
	double *w = calloc((size_t)reps, sizeof(double));
	double *occ = calloc((size_t)reps, sizeof(double));
	double mean, se, omean, ose;
	char what[64];

	assert_non_null(w);
	assert_non_null(occ);
	mmc_spec(&s, c, a, mean_s, days);
	assert_int_equal(fx_build(&m, &s), 0);
	run_ctx *ctx = run_ctx_create(&m);
	tally t;
	err e;
	assert_non_null(ctx);
	assert_int_equal(tally_init(&t, &m, 0), 0);
	for (int r = 0; r < reps; r++) {
		assert_int_equal(run_one(ctx, 0, r, m.seed, &t, NULL, NULL, NULL, &e), 0);
		w[r] = mean_wait(&t);
		occ[r] = t.busy_s[0] / t.onshift_s[0];
	}
	double lambda = a / mean_s, mu = 1 / mean_s;
	double theory = fx_erlang_c(c, a) / (c * mu - lambda);
	mean_se(w, reps, &mean, &se);
	snprintf(what, sizeof(what), "M/M/%d rho %.2f mean wait (s)", c, a / c);
	check_z(what, mean, se, theory);
	mean_se(occ, reps, &omean, &ose);
	snprintf(what, sizeof(what), "M/M/%d occupancy", c);
	check_z(what, omean, ose, a / c);
	tally_fini(&t);
	run_ctx_destroy(ctx);
	model_fini(&m);
	spec_fini(&s);
	free(w);
	free(occ);
}

static void test_mm1(void **state)
{
	(void)state;
	check_mmc(1, 0.7, 60, 30, 20);
}

static void test_mmc(void **state)
{
	(void)state;
	check_mmc(10, 8, 300, 20, 20);
	check_mmc(50, 45, 60, 4, 20);
}

/* ---- Cobham: M/M/c with non-pre-emptive priorities (REFERENCES 1.3) ----- */

static void test_priorities(void **state)
{
	const int c = 14, reps = 20;
	const double a = 10, mean_s = 180, share[4] = { 0.05, 0.15, 0.5, 0.3 };
	fx_spec s;
	model m;
	double w[4][20];

	(void)state;
	mmc_spec(&s, c, a, mean_s, 30);
	s.seed = 1954;
	s.nprio = 4;
	for (int p = 0; p < 4; p++)
		s.prio_w[p] = share[p];
	s.pol[0].disc = DISC_PRIORITY;
	assert_int_equal(fx_build(&m, &s), 0);
	run_ctx *ctx = run_ctx_create(&m);
	tally t;
	err e;
	assert_non_null(ctx);
	assert_int_equal(tally_init(&t, &m, 0), 0);
	for (int r = 0; r < reps; r++) {
		assert_int_equal(run_one(ctx, 0, r, m.seed, &t, NULL, NULL, NULL, &e), 0);
		for (int p = 0; p < 4; p++) {
			size_t cell = tally_cell(&t, 0, (size_t)p, CH_WEB);
			w[p][r] = t.wait_sum_s[cell] / (double)t.answered[cell];
		}
	}
	double lambda = a / mean_s, mu = 1 / mean_s, sigma = 0;
	double w0 = fx_erlang_c(c, a) / (c * mu);
	for (int p = 0; p < 4; p++) {
		double prev = sigma, mean, se;
		char what[64];
		sigma += share[p] * lambda / (c * mu);
		mean_se(w[p], reps, &mean, &se);
		snprintf(what, sizeof(what), "Cobham P%d mean wait (s)", p + 1);
		check_z(what, mean, se, w0 / ((1 - prev) * (1 - sigma)));
	}
	tally_fini(&t);
	run_ctx_destroy(ctx);
	model_fini(&m);
	spec_fini(&s);
}

/* ---- Erlang A (REFERENCES 1.2, row 3: lambda 48, mu 1, theta 0.5, n 50,
 * per minute): P(Ab) = 0.030912, E[W] = 0.061824 min ------------------------ */

static void test_erlang_a(void **state)
{
	const int reps = 20;
	fx_spec s;
	model m;
	double ab[20], ew[20], mean, se;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.rate_per_s = 48.0 / 60;
	s.horizon_s = 2 * 86400;
	s.warmup_s = 3600;
	s.seed = 2007;
	s.chan_w[CH_PHONE] = 1;
	dist_make_exp(&s.handle[CH_PHONE], 60);
	dist_make_exp(&s.patience[CH_PHONE], 120);
	s.pol[0] = (fx_policy){ "fifo", DISC_FIFO, 50, 0 };
	assert_int_equal(fx_build(&m, &s), 0);
	run_ctx *ctx = run_ctx_create(&m);
	tally t;
	err e;
	trace_buf b = { 0 };
	assert_non_null(ctx);
	assert_int_equal(tally_init(&t, &m, 0), 0);
	for (int r = 0; r < reps; r++) {
		b.n = 0;
		assert_int_equal(run_one(ctx, 0, r, m.seed, &t, collect, &b, NULL, &e), 0);
		size_t cell = tally_cell(&t, 0, 0, CH_PHONE);
		ab[r] = (double)t.abandoned[cell] / (double)t.arrived[cell];
		/* E[W] over every arrival: answered waits and the time those who
		 * left spent waiting (from the trace) */
		double w = t.wait_sum_s[cell];
		for (size_t i = 0; i < b.n; i++)
			if (b.r[i].out == OUT_ABANDONED)
				w += b.r[i].end_s - b.r[i].arrival_s;
		ew[r] = w / (double)(t.answered[cell] + t.abandoned[cell]);
	}
	mean_se(ab, reps, &mean, &se);
	check_z("Erlang A P(abandon)", mean, se, 0.030912);
	mean_se(ew, reps, &mean, &se);
	check_z("Erlang A E[W] (s)", mean, se, 0.061824 * 60);
	free(b.r);
	tally_fini(&t);
	run_ctx_destroy(ctx);
	model_fini(&m);
	spec_fini(&s);
}

/* ---- common random numbers ------------------------------------------------ */

static void test_crn(void **state)
{
	fx_spec s;
	model m;
	trace_buf b[4] = { { 0 } };
	tally t[4];
	gsl_rng *r = rng_create();

	(void)state;
	assert_non_null(r);
	busy_spec(&s);
	s.npolicies = 4;
	s.pol[0] = (fx_policy){ "few-fifo", DISC_FIFO, 3, 0 };
	s.pol[1] = (fx_policy){ "many-prio", DISC_PRIORITY, 9, 0 };
	s.pol[2] = (fx_policy){ "web-only-edf", DISC_EDF, 5, 1u << CH_WEB };
	s.pol[3] = (fx_policy){ "web-only-fifo", DISC_FIFO, 2, 1u << CH_WEB };
	s.nfallback = 1;
	s.fallback[0] = CH_WEB;
	assert_int_equal(fx_build(&m, &s), 0);
	for (size_t p = 0; p < 4; p++) {
		run(&m, p, 3, &t[p], &b[p]);
		sort_trace(&b[p]);
		tally_fini(&t[p]);
	}
	size_t web_web = 0;
	for (size_t p = 1; p < 4; p++) {
		assert_int_equal(b[p].n, b[0].n);
		for (size_t i = 0; i < b[0].n; i++) {
			const ticket_rec *x = &b[0].r[i], *y = &b[p].r[i];
			assert_true(x->segment == y->segment && x->id == y->id);
			assert_true(x->arrival_s == y->arrival_s);
			assert_int_equal(x->priority, y->priority);
			assert_int_equal(x->preferred, y->preferred);
			if (x->channel == y->channel && x->channel != CH_SELF) {
				assert_true(x->work_s == y->work_s);
				web_web += x->channel == CH_WEB;
			}
		}
	}
	assert_true(web_web > 100);
	/* and the work is the ticket's own keyed draw for the channel used,
	 * computed here alone, with a fresh memo for each ticket */
	for (size_t p = 0; p < 4; p++)
		for (size_t i = 0; i < b[p].n; i++) {
			const ticket_rec *x = &b[p].r[i];
			rng_words memo;
			if (x->channel == CH_SELF)
				continue;
			rng_words_reset(&memo);
			assert_true(x->work_s ==
				    dist_ticket_draw(&m.channel[x->channel].handle, &memo, r,
						     m.seed, 3, x->segment, x->id,
						     RNG_SUB_WORK(x->channel)));
		}
	/* web-only policies moved phone/chat preferences to web */
	for (size_t i = 0; i < b[2].n; i++)
		assert_true(b[2].r[i].channel == CH_WEB || b[2].r[i].channel == CH_SELF);
	for (size_t p = 0; p < 4; p++)
		free(b[p].r);
	gsl_rng_free(r);
	model_fini(&m);
	spec_fini(&s);
}

/* ---- exact cases ----------------------------------------------------------- */

/* The model of spec s, run once (policy 0, replication 0) into t and the
 * trace b; traced_fini frees all four. */
static void traced_run(fx_spec *s, model *m, tally *t, trace_buf *b)
{
	assert_int_equal(fx_build(m, s), 0);
	run(m, 0, 0, t, b);
}

static void traced_fini(fx_spec *s, model *m, tally *t, trace_buf *b)
{
	free(b->r);
	tally_fini(t);
	model_fini(m);
	spec_fini(s);
}

/* Constant handling and far more agents than work: nobody waits, every
 * ticket ends exactly 600 s after it arrives, busy time is the work. */
static void test_deterministic(void **state)
{
	fx_spec s;
	model m;
	tally t;
	trace_buf b = { 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	s.rate_per_s = 30.0 / 3600;
	s.horizon_s = 3 * 86400;
	s.warmup_s = 0;
	s.seed = 3;
	dist_make_const(&s.handle[CH_WEB], 600);
	s.pol[0] = (fx_policy){ "fifo", DISC_FIFO, 40, 0 };
	traced_run(&s, &m, &t, &b);
	double busy = 0;
	assert_true(b.n > 1500);
	for (size_t i = 0; i < b.n; i++) {
		const ticket_rec *r = &b.r[i];
		assert_int_equal(r->out, OUT_MET);
		assert_true(r->response_s == r->arrival_s);
		assert_true(r->end_s == r->arrival_s + 600);
		assert_true(r->work_s == 600);
		busy += fmin(r->end_s, s.horizon_s) - r->response_s;
	}
	size_t cell = tally_cell(&t, 0, 0, CH_WEB);
	assert_true(t.met[cell] == b.n && t.wait_sum_s[cell] == 0);
	assert_true(t.hist[cell * TALLY_HIST_BUCKETS] == b.n);
	assert_near(t.busy_s[0], busy, 1e-6 * busy);
	assert_near(t.onshift_s[0], 40 * s.horizon_s, 1e-6);
	assert_true(t.overtime_s[0] == 0);
	traced_fini(&s, &m, &t, &b);
}

/* One agent on [0, 1 h): the ticket in hand at 1 h is finished (overtime),
 * nobody starts after 1 h, tickets left waiting are missed or censored. */
static void test_shift_end(void **state)
{
	fx_spec s;
	model m;
	tally t;
	trace_buf b = { 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	s.rate_per_s = 6.0 / 3600;
	s.horizon_s = 2 * 86400;
	s.seed = 11;
	s.sla_s[0] = 86400;
	dist_make_const(&s.handle[CH_WEB], 900);
	s.nshifts = 1;
	s.shifts[0] = (shift_iv){ 0, 3600, 1 };
	s.pol[0] = (fx_policy){ "fifo", DISC_FIFO, 1, 0 };
	traced_run(&s, &m, &t, &b);
	double last_end = 3600;
	size_t served = 0, waiting = 0;
	for (size_t i = 0; i < b.n; i++) {
		const ticket_rec *r = &b.r[i];
		if (!isnan(r->response_s)) {
			assert_true(r->response_s < 3600);
			last_end = fmax(last_end, r->end_s);
			served++;
		} else {
			assert_true(r->out == (s.horizon_s - r->arrival_s > 86400
					       ? OUT_MISSED : OUT_CENSORED));
			waiting++;
		}
	}
	assert_true(served >= 1 && served <= 4 && waiting > 100);
	assert_near(t.overtime_s[0], last_end - 3600, 1e-9);
	assert_near(t.onshift_s[0], 3600, 1e-9);
	traced_fini(&s, &m, &t, &b);
}

/* An agent holds up to `concurrency` chats at once, and does so. */
static void test_chat_concurrency(void **state)
{
	fx_spec s;
	model m;
	tally t;
	trace_buf b = { 0 };

	(void)state;
	memset(&s, 0, sizeof(s));
	s.rate_per_s = 8.0 / 3600;
	s.horizon_s = 86400;
	s.seed = 5;
	s.chan_w[CH_CHAT] = 1;
	dist_make_exp(&s.handle[CH_CHAT], 600);
	s.concurrency[CH_CHAT] = 3;
	s.pol[0] = (fx_policy){ "fifo", DISC_FIFO, 1, 0 };
	traced_run(&s, &m, &t, &b);
	int most = 0;
	double union_s = 0, covered_to = 0;
	/* answered tickets in response order: count overlaps at each start */
	for (size_t i = 0; i < b.n; i++) {
		const ticket_rec *x = &b.r[i];
		int k = 0;
		if (isnan(x->response_s))
			continue;
		for (size_t j = 0; j < b.n; j++) {
			const ticket_rec *y = &b.r[j];
			if (!isnan(y->response_s) && y->response_s <= x->response_s &&
			    y->end_s > x->response_s)
				k++;
		}
		most = k > most ? k : most;
	}
	assert_int_equal(most, 3);
	/* busy time = measure of the union of the holding intervals */
	sort_trace(&b);
	for (;;) {
		double lo = INFINITY, hi = 0;
		for (size_t j = 0; j < b.n; j++) {
			const ticket_rec *y = &b.r[j];
			if (!isnan(y->response_s) && y->response_s >= covered_to &&
			    y->response_s < lo) {
				lo = y->response_s;
				hi = fmin(y->end_s, s.horizon_s);
			}
		}
		if (!isfinite(lo))
			break;
		/* extend through overlapping intervals */
		for (int grew = 1; grew;) {
			grew = 0;
			for (size_t j = 0; j < b.n; j++) {
				const ticket_rec *y = &b.r[j];
				if (!isnan(y->response_s) && y->response_s >= lo &&
				    y->response_s < hi && fmin(y->end_s, s.horizon_s) > hi) {
					hi = fmin(y->end_s, s.horizon_s);
					grew = 1;
				}
			}
		}
		union_s += hi - lo;
		covered_to = hi + 1e-9;
	}
	assert_near(t.busy_s[0], union_s, 1e-6 * union_s);
	traced_fini(&s, &m, &t, &b);
}

/* Shrinkage 0.3 at a load light enough that breaks are hardly ever put
 * off: the available share of scheduled time is 0.7. */
static void test_shrinkage(void **state)
{
	const int reps = 10;
	fx_spec s;
	model m;
	double share[10], mean, se;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.rate_per_s = 1.0 / 3600;
	s.horizon_s = 30 * 86400;
	s.seed = 30;
	dist_make_const(&s.handle[CH_WEB], 1);
	s.shrinkage = 0.3;
	s.pol[0] = (fx_policy){ "fifo", DISC_FIFO, 5, 0 };
	assert_int_equal(fx_build(&m, &s), 0);
	run_ctx *ctx = run_ctx_create(&m);
	tally t;
	err e;
	assert_non_null(ctx);
	assert_int_equal(tally_init(&t, &m, 0), 0);
	for (int r = 0; r < reps; r++) {
		assert_int_equal(run_one(ctx, 0, r, m.seed, &t, NULL, NULL, NULL, &e), 0);
		share[r] = t.avail_s[0] / t.onshift_s[0];
	}
	mean_se(share, reps, &mean, &se);
	check_z("available share at shrinkage 0.3", mean, se, 0.7);
	tally_fini(&t);
	run_ctx_destroy(ctx);
	model_fini(&m);
	spec_fini(&s);
}

/* ---- stop and failures ------------------------------------------------------ */

static void test_stop_and_trace_failure(void **state)
{
	fx_spec s;
	model m;
	tally t, t2;
	err e = { 0 };
	atomic_int stop = 1;
	trace_buf b = { 0 };

	(void)state;
	mmc_spec(&s, 10, 8, 300, 10);
	assert_int_equal(fx_build(&m, &s), 0);
	run_ctx *c = run_ctx_create(&m);
	assert_non_null(c);
	assert_int_equal(tally_init(&t, &m, 0), 0);
	assert_int_equal(run_one(c, 0, 0, 1, &t, NULL, NULL, &stop, &e), 1);
	b.fail_after = 10;
	assert_int_equal(run_one(c, 0, 0, 1, &t, collect, &b, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "trace"));
	/* the context is reusable, and a run is a function of its key */
	assert_int_equal(run_one(c, 0, 4, 9, &t, NULL, NULL, NULL, &e), 0);
	assert_int_equal(tally_init(&t2, &m, 0), 0);
	run_ctx *c2 = run_ctx_create(&m);
	assert_int_equal(run_one(c2, 0, 4, 9, &t2, NULL, NULL, NULL, &e), 0);
	assert_memory_equal(t.wait_sum_s, t2.wait_sum_s, t.ncells * sizeof(double));
	assert_memory_equal(t.hist, t2.hist, t.ncells * TALLY_HIST_BUCKETS * 4);
	assert_true(t.events == t2.events && t.events > 0);
	run_ctx_destroy(c2);
	run_ctx_destroy(c);
	free(b.r);
	tally_fini(&t);
	tally_fini(&t2);
	model_fini(&m);
	spec_fini(&s);
}

/* An overloaded run (1 agent for load 5): the backlog outgrows the initial
 * pools, which grow between loop segments; outcomes still add up. */
static void test_overload_growth(void **state)
{
	fx_spec s;
	model m;
	tally t;
	trace_buf b = { 0 };

	(void)state;
	mmc_spec(&s, 1, 5, 300, 6);
	s.warmup_s = 0;
	traced_run(&s, &m, &t, &b);
	size_t cell = tally_cell(&t, 0, 0, CH_WEB), waiting = 0;
	for (size_t i = 0; i < b.n; i++)
		waiting += isnan(b.r[i].response_s);
	assert_true(waiting > 4096);
	assert_true(t.arrived[cell] == t.met[cell] + t.missed[cell] + t.censored[cell]);
	assert_true(b.n == t.arrived[cell]);
	traced_fini(&s, &m, &t, &b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conservation),
		cmocka_unit_test(test_mm1),
		cmocka_unit_test(test_mmc),
		cmocka_unit_test(test_priorities),
		cmocka_unit_test(test_erlang_a),
		cmocka_unit_test(test_crn),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_shift_end),
		cmocka_unit_test(test_chat_concurrency),
		cmocka_unit_test(test_shrinkage),
		cmocka_unit_test(test_stop_and_trace_failure),
		cmocka_unit_test(test_overload_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
