/* test_theory.c: the engine (run_one) against queueing theory (SPEC §5):
 * one segment, one 24x7 team, exponential handling, phone only.
 *  - fifo, no abandonment: attainment and mean wait vs Erlang C at loads
 *    0.5, 0.8, 0.95 and REFERENCES' vector (A = 10, c = 14, 20 s);
 *  - priority discipline, 4 priorities: the Cobham waits per class and
 *    their traffic-weighted mean vs Erlang C (Kleinrock);
 *  - exponential patience: abandon share, mean wait over all arrivals
 *    (= P(Ab)/theta) and attainment vs Erlang A;
 *  - common random numbers: paired differences (REFERENCES §1.5).
 * Every check: |sim - theory| <= 3.3 standard errors across replications;
 * the seeds were fixed before the first run and are never tuned. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "decide/erlang.h"
#include "engine/run.h"
#include "engine/tally.h"
#include "results/stats.h"

#define REPS 20
#define Z 3.3
#define NPRIO_MAX 4

typedef struct mmc {
	const char *name;
	int c;              /* agents */
	double aht_s;       /* mean handling time */
	double load;        /* rho = lambda aht / c */
	double patience_s;  /* mean patience, 0: nobody abandons */
	double target_s;    /* SLA of every priority */
	int nprio;
	double share[NPRIO_MAX];
	discipline disc;
	double warmup_s, horizon_s;
	uint64_t seed;
} mmc;

/* A model of q: tier "T", one segment of admins on phone, one team. */
static void build(model *m, const mmc *q)
{
	segment_model *s;
	team_model *tm;
	double lam = q->load * q->c / q->aht_s, cum = 0;

	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", q->name);
	snprintf(m->source, sizeof(m->source), "test_theory");
	m->horizon_s = q->horizon_s;
	m->warmup_s = q->warmup_s;
	m->replications = REPS;
	m->seed = q->seed;
	m->nprio = (size_t)q->nprio;
	for (int p = 0; p < q->nprio; p++) {
		snprintf(m->prio_name[p], SIM_NAME_MAX, "P%d", p + 1);
		m->goal[p] = NAN;
	}
	m->ntiers = 1;
	m->tier_name = calloc(1, sizeof(*m->tier_name));
	m->tier_weight = calloc(1, sizeof(double));
	m->sla_s = calloc((size_t)q->nprio, sizeof(double));
	assert_true(m->tier_name && m->tier_weight && m->sla_s);
	strcpy(m->tier_name[0], "T");
	m->tier_weight[0] = 1;
	for (int p = 0; p < q->nprio; p++)
		m->sla_s[p] = q->target_s;
	for (int ch = 0; ch < SIM_NCH; ch++)
		m->channel[ch].concurrency = 1;
	m->channel[CH_PHONE].used = m->channel[CH_SELF].used = true;
	m->channel[CH_PHONE].live = m->channel[CH_CHAT].live = true;
	assert_int_equal(dist_make_exp(&m->channel[CH_PHONE].handle, q->aht_s), 0);

	m->nsegments = 1;
	m->segment = s = calloc(1, sizeof(*s));
	assert_non_null(s);
	strcpy(s->name, "callers");
	strcpy(s->tz, "UTC");
	s->volume_per_s = lam;
	for (int p = 0; p < q->nprio; p++) {
		cum += q->share[p];
		s->prio_cdf[p] = p + 1 < q->nprio ? cum : 1;
	}
	for (int ch = 0; ch < SIM_NCH; ch++)
		s->chan_cdf[ch] = 1; /* all phone */
	if (q->patience_s > 0)
		assert_int_equal(dist_make_exp(&s->patience[CH_PHONE], q->patience_s), 0);
	s->surge = -1;
	s->rate.n = 1;
	s->rate.t = calloc(2, sizeof(double));
	s->rate.r = calloc(1, sizeof(double));
	s->rate.slope = calloc(1, sizeof(double));
	s->rate.cum = calloc(2, sizeof(double));
	assert_true(s->rate.t && s->rate.r && s->rate.slope && s->rate.cum);
	s->rate.t[1] = q->horizon_s;
	s->rate.r[0] = lam;
	s->rate.cum[1] = lam * q->horizon_s;
	s->rate.mean = s->rate.peak = lam;

	m->npolicies = 1;
	m->policy = calloc(1, sizeof(*m->policy));
	assert_non_null(m->policy);
	strcpy(m->policy[0].name, "default");
	m->policy[0].disc = q->disc;
	m->policy[0].nteams = 1;
	m->policy[0].teams = tm = calloc(1, sizeof(*tm));
	assert_non_null(tm);
	strcpy(tm->name, "desk");
	strcpy(tm->tz, "UTC");
	strcpy(tm->hours, "24x7");
	tm->agents = q->c;
	tm->skills = 1u << CH_PHONE;
	tm->prio_mask = (1u << q->nprio) - 1;
	tm->assist_queue = -1;
	tm->assist_wait_share = -1;
	tm->always = true;
	tm->nshifts = 1;
	tm->shifts = calloc(1, sizeof(shift_iv));
	assert_non_null(tm->shifts);
	tm->shifts[0] = (shift_iv){ 0, q->horizon_s, q->c };
}

/* Per replication: what the tally says, and the mean wait over all
 * arrivals (answered or not) from the trace, over arrivals in
 * [warm-up, horizon - 1 h) so that none is cut by the horizon. */
typedef struct sample {
	double attain[REPS], wait[REPS], ab[REPS], wall[REPS];
	double pwait[NPRIO_MAX][REPS];
} sample;

typedef struct wall_acc {
	double from, to, sum;
	uint64_t n, open;
} wall_acc;

static int on_ticket(void *ctx, const ticket_rec *t)
{
	wall_acc *w = ctx;

	if (t->out == OUT_WARMUP || t->arrival_s < w->from || t->arrival_s >= w->to)
		return 0;
	if (!isnan(t->response_s))
		w->sum += t->response_s - t->arrival_s;
	else if (t->out == OUT_ABANDONED)
		w->sum += t->end_s - t->arrival_s;
	else
		w->open++;
	w->n++;
	return 0;
}

static void run_reps(const mmc *q, sample *out)
{
	model m;
	tally t;
	err e;

	build(&m, q);
	run_ctx *c = run_ctx_create(&m);
	assert_non_null(c);
	assert_int_equal(tally_init(&t, &m, 0), 0);
	for (int r = 0; r < REPS; r++) {
		wall_acc w = { q->warmup_s, q->horizon_s - 3600, 0, 0, 0 };
		uint64_t met = 0, missed = 0, ans = 0, ab = 0, arr = 0;
		double wsum = 0;
		assert_int_equal(run_one(c, 0, r, q->seed, &t, on_ticket, &w, NULL, &e), 0);
		for (int p = 0; p < q->nprio; p++) {
			size_t k = tally_cell(&t, 0, p, CH_PHONE);
			met += t.met[k];
			missed += t.missed[k];
			ans += t.answered[k];
			ab += t.abandoned[k];
			arr += t.arrived[k];
			wsum += t.wait_sum_s[k];
			out->pwait[p][r] = t.wait_sum_s[k] / t.answered[k];
		}
		assert_int_equal(w.open, 0);
		out->attain[r] = (double)met / (met + missed);
		out->wait[r] = wsum / ans;
		out->ab[r] = (double)ab / arr;
		out->wall[r] = w.sum / w.n;
	}
	tally_fini(&t);
	run_ctx_destroy(c);
	model_fini(&m);
}

/* |mean - theory| <= Z se; prints both either way. */
static int check(const char *what, const double *x, double theory)
{
	stats_ci s = stats_mean_ci95(x, REPS);
	double z = (s.mean - theory) / s.se;

	print_message("  %-28s sim %.6g +- %.3g (se)  theory %.6g  z %+.2f\n", what, s.mean,
		      s.se, theory, z);
	return fabs(z) <= Z;
}

/* Erlang C: attainment and mean wait (ASA); all arrivals answered. */
static void erlang_c_case(const mmc *q)
{
	sample *s = calloc(1, sizeof(*s));
	double mu = 1 / q->aht_s, lam = q->load * q->c * mu;
	int ok = 1;

	assert_non_null(s);
	run_reps(q, s);
	print_message("%s: c %d, rho %.2f, target %.0f s\n", q->name, q->c, q->load, q->target_s);
	ok &= check("attainment", s->attain, erlang_c_sl(q->c, lam, mu, q->target_s));
	ok &= check("mean wait (s)", s->wait, erlang_c_asa(q->c, lam, mu));
	free(s);
	assert_true(ok);
}

static const mmc base = {
	.name = "", .c = 10, .aht_s = 180, .nprio = 1, .share = { 1 },
	.disc = DISC_FIFO, .target_s = 20,
};

/* A case of base: c agents at load rho, measured over `days` after a
 * warm-up of `warmup_days`, with its seed (fixed before the first run). */
static mmc mmc_of(const char *name, int c, double load, int warmup_days, int days, uint64_t seed)
{
	mmc q = base;

	q.name = name;
	q.c = c;
	q.load = load;
	q.warmup_s = warmup_days * 86400.0;
	q.horizon_s = (warmup_days + days) * 86400.0;
	q.seed = seed;
	return q;
}

static void mmc_load_050(void **state)
{
	mmc q = mmc_of("M/M/10 rho 0.50", 10, 0.5, 1, 40, 11);
	(void)state;
	erlang_c_case(&q);
}

static void mmc_load_080(void **state)
{
	mmc q = mmc_of("M/M/10 rho 0.80", 10, 0.8, 1, 40, 12);
	(void)state;
	erlang_c_case(&q);
}

static void mmc_load_095(void **state)
{
	mmc q = mmc_of("M/M/10 rho 0.95", 10, 0.95, 2, 80, 13);
	(void)state;
	erlang_c_case(&q);
}

/* REFERENCES §1.1: A = 10 (100 per 30 min, AHT 3 min), c = 14, 20 s:
 * SL 0.888350, ASA 7.8359 s. */
static void mmc_reference(void **state)
{
	mmc q = mmc_of("REFERENCES A=10 c=14", 14, 10.0 / 14, 1, 40, 14);
	(void)state;
	erlang_c_case(&q);
}

/* REFERENCES §1.3: A = 10, c = 14, shares 5/15/50/30 %. */
static void priority_cobham(void **state)
{
	mmc q = mmc_of("priority A=10 c=14", 14, 10.0 / 14, 1, 40, 15);
	sample *s = calloc(1, sizeof(*s));
	double mu = 1.0 / 180, lam = 10 * mu, l[4], wq[4], mean = 0;
	int ok = 1;
	(void)state;
	assert_non_null(s);
	q.nprio = 4;
	q.share[0] = 0.05, q.share[1] = 0.15, q.share[2] = 0.50, q.share[3] = 0.30;
	q.disc = DISC_PRIORITY;
	run_reps(&q, s);
	for (int p = 0; p < 4; p++)
		l[p] = lam * q.share[p];
	assert_int_equal(erlang_prio_waits(14, mu, l, 4, wq), 0);
	print_message("%s\n", q.name);
	for (int p = 0; p < 4; p++) {
		char what[32];
		snprintf(what, sizeof(what), "P%d mean wait (s)", p + 1);
		ok &= check(what, s->pwait[p], wq[p]);
		mean += q.share[p] * wq[p];
	}
	/* Kleinrock: the pooled mean is FCFS Erlang C */
	assert_true(fabs(mean - erlang_c_asa(14, lam, mu)) < 1e-9);
	ok &= check("all mean wait (s)", s->wait, erlang_c_asa(14, lam, mu));
	free(s);
	assert_true(ok);
}

/* Erlang A: abandon share, mean wait of all arrivals, attainment among
 * the answered. */
static void erlang_a_case(const mmc *q)
{
	sample *s = calloc(1, sizeof(*s));
	double mu = 1 / q->aht_s, lam = q->load * q->c * mu, th = 1 / q->patience_s;
	erlang_a_res a;
	int ok = 1;

	assert_non_null(s);
	run_reps(q, s);
	assert_int_equal(erlang_a(q->c, lam, mu, th, &a), 0);
	print_message("%s: c %d, rho %.2f, patience %.0f s\n", q->name, q->c, q->load,
		      q->patience_s);
	ok &= check("abandon share", s->ab, a.p_ab);
	ok &= check("mean wait, all (s)", s->wall, a.wait_mean);
	ok &= check("attainment (answered)", s->attain,
		    erlang_a_attain(q->c, lam, mu, th, q->target_s));
	free(s);
	assert_true(ok);
}

/* REFERENCES §1.2 rows 1 and 2: A = 10, patience = AHT = 3 min. */
static void erlang_a_c14(void **state)
{
	mmc q = mmc_of("Erlang A A=10 c=14", 14, 10.0 / 14, 1, 40, 16);
	(void)state;
	q.patience_s = 180;
	erlang_a_case(&q);
}

static void erlang_a_c10(void **state)
{
	mmc q = mmc_of("Erlang A A=10 c=10", 10, 1.0, 1, 40, 17);
	(void)state;
	q.patience_s = 180;
	erlang_a_case(&q);
}

/* REFERENCES §1.5: common random numbers.  A policy against itself
 * differs by exactly 0 (width 0); one more agent gives a paired interval
 * strictly narrower than the unpaired one. */
static void crn_pairs(void **state)
{
	mmc q = mmc_of("crn", 14, 10.0 / 14, 1, 5, 18);
	model m;
	tally t;
	err e;
	double at[3][REPS];
	(void)state;
	build(&m, &q);
	/* policies: 14 agents, 14 again, 15 agents */
	policy_model *pol = realloc(m.policy, 3 * sizeof(*pol));
	assert_non_null(pol);
	m.policy = pol;
	for (int p = 1; p < 3; p++) {
		pol[p] = pol[0];
		pol[p].teams = calloc(1, sizeof(team_model));
		assert_non_null(pol[p].teams);
		pol[p].teams[0] = pol[0].teams[0];
		pol[p].teams[0].shifts = calloc(1, sizeof(shift_iv));
		assert_non_null(pol[p].teams[0].shifts);
		pol[p].teams[0].shifts[0] = pol[0].teams[0].shifts[0];
	}
	m.npolicies = 3;
	pol[2].teams[0].agents = pol[2].teams[0].shifts[0].agents = 15;
	run_ctx *c = run_ctx_create(&m);
	assert_non_null(c);
	for (int p = 0; p < 3; p++) {
		assert_int_equal(tally_init(&t, &m, p), 0);
		for (int r = 0; r < REPS; r++) {
			assert_int_equal(run_one(c, p, r, q.seed, &t, NULL, NULL, NULL, &e), 0);
			size_t k = tally_cell(&t, 0, 0, CH_PHONE);
			at[p][r] = (double)t.met[k] / (t.met[k] + t.missed[k]);
		}
		tally_fini(&t);
	}
	stats_ci same = stats_paired_ci95(at[0], at[1], REPS);
	assert_true(same.mean == 0 && same.half == 0);
	stats_ci d = stats_paired_ci95(at[0], at[2], REPS);
	stats_ci a = stats_mean_ci95(at[0], REPS), b = stats_mean_ci95(at[2], REPS);
	double unpaired = stats_t975(2 * REPS - 2) * sqrt(a.se * a.se + b.se * b.se);
	print_message("crn: +1 agent: attainment %+.5f, paired +- %.5f, unpaired +- %.5f\n",
		      d.mean, d.half, unpaired);
	assert_true(d.mean > 0);
	assert_true(d.half < unpaired);
	run_ctx_destroy(c);
	model_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mmc_load_050),
		cmocka_unit_test(mmc_load_080),
		cmocka_unit_test(mmc_load_095),
		cmocka_unit_test(mmc_reference),
		cmocka_unit_test(priority_cobham),
		cmocka_unit_test(erlang_a_c14),
		cmocka_unit_test(erlang_a_c10),
		cmocka_unit_test(crn_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
