/* test_service_levels.c: issue 10's service levels against theory computed
 * here, independently of the engine and of decide/erlang.c.
 * M/M/c+M (Erlang A), FIFO: the tagged-customer method of REFERENCES.md
 * ("Second round", service level with abandonment): the birth-death
 * stationary probabilities p_n seen by an arrival (PASTA); a customer
 * finding j = n - c in front is followed as a small absorbing chain
 * (uniformisation) to get S_j(t) = P(answered by t) and A_j(t) =
 * P(abandoned by t).  The engine runs tests/data/erlang_a_sla.ini (the
 * target set by a `phone = 20s` channel key) and its attainment under each
 * [scenario] abandoned rule, the abandon share and the share abandoning
 * within the target must lie within z = 3.3 standard errors (across
 * replications; seed fixed in the file before the first run). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/run.h"
#include "engine/tally.h"
#include "input/scenario.h"
#include "results/report.h"
#include "results/stats.h"
#include "scen_fixture.h"

#define Z 3.3
#define NMAX 400 /* states of the birth-death chain kept (tail < 1e-30) */

typedef struct ref {
	double met, p_ab, p_ab_in;
	double excluded, missed, after_target;
} ref;

/* S and A of a customer with j in front after time t (rates per minute):
 * states i = j..0 in front, rate c mu + i theta to i - 1 (answered from
 * 0), theta to abandoned.  Uniformisation with rate L = c mu + (j+1) theta. */
static void tagged(int j, int c, double mu, double th, double t, double *S, double *A)
{
	double L = c * mu + (j + 1) * th, *v = calloc((size_t)j + 1, sizeof(double));
	double *w = calloc((size_t)j + 1, sizeof(double));
	double ans = 0, ab = 0, pk = exp(-L * t), so_far = 0;

	assert_true(v && w);
	v[j] = 1;
	/* P(absorbed by t) = sum_k Poisson(k; L t) * P(absorbed within k jumps) */
	*S = *A = 0;
	for (int k = 0; so_far < 1 - 1e-15 && k < 100000; k++) {
		*S += pk * ans;
		*A += pk * ab;
		so_far += pk;
		/* one jump of the uniformised chain */
		memset(w, 0, ((size_t)j + 1) * sizeof(double));
		for (int i = 0; i <= j; i++) {
			double move = (c * mu + i * th) / L, leave = th / L;
			if (i)
				w[i - 1] += v[i] * move;
			else
				ans += v[i] * move;
			ab += v[i] * leave;
			w[i] += v[i] * (1 - move - leave);
		}
		memcpy(v, w, ((size_t)j + 1) * sizeof(double));
		pk *= L * t / (k + 1);
	}
	free(v);
	free(w);
}

static void erlang_a_ref(int c, double lam, double mu, double th, double t, ref *r)
{
	double p[NMAX], sum = 0;

	p[0] = 1;
	for (int n = 1; n < NMAX; n++)
		p[n] = p[n - 1] * lam / ((n < c ? n : c) * mu + (n > c ? n - c : 0) * th);
	for (int n = 0; n < NMAX; n++)
		sum += p[n];
	r->met = r->p_ab = r->p_ab_in = 0;
	for (int n = 0; n < NMAX; n++) {
		p[n] /= sum;
		if (n < c) {
			r->met += p[n];
			continue;
		}
		double S, A;
		tagged(n - c, c, mu, th, t, &S, &A);
		r->met += p[n] * S;
		r->p_ab_in += p[n] * A;
		r->p_ab += p[n] * (n - c) * th / lam;
	}
	r->excluded = r->met / (1 - r->p_ab);
	r->missed = r->met;
	r->after_target = r->met / (1 - r->p_ab_in);
}

/* The reference itself reproduces REFERENCES' worked vector. */
static void reference_vector(void **state)
{
	ref r;
	(void)state;
	erlang_a_ref(10, 10, 1, 0.5, 20.0 / 60, &r);
	print_message("excluded %.5f missed %.5f after-target %.5f P(ab) %.5f P(ab in) %.5f\n",
		      r.excluded, r.missed, r.after_target, r.p_ab, r.p_ab_in);
	assert_true(fabs(r.excluded - 0.75239) < 6e-6);
	assert_true(fabs(r.missed - 0.67421) < 6e-6);
	assert_true(fabs(r.after_target - 0.72523) < 6e-6);
	assert_true(fabs(r.p_ab - 0.10391) < 6e-6);
	assert_true(fabs(r.p_ab_in - 0.07035) < 6e-6);
}

static int check(const char *what, const double *x, size_t n, double theory)
{
	stats_ci ci = stats_mean_ci95(x, n);
	double z = fabs(ci.mean - theory) / ci.se;

	print_message("  %-26s sim %.5f +- %.5f (se)  theory %.5f  z %.2f\n", what, ci.mean, ci.se,
		      theory, z);
	return z <= Z;
}

static void load(model *m, const char *rule)
{
	char set[64];
	const char *sets[] = { set };

	snprintf(set, sizeof(set), "scenario.abandoned=%s", rule ? rule : ""); /* not passed without a rule */
	scen_load_ok("tests/data/erlang_a_sla.ini", sets, rule ? 1 : 0, m);
}

/* The engine under each rule against the reference. */
static void engine_vs_erlang_a(void **state)
{
	static const char *const rules[SIM_NABANDON] = { "after-target", "missed", "excluded" };
	model m;
	ref r;
	err e;
	(void)state;

	load(&m, NULL);
	assert_int_equal(m.abandoned, ABANDON_AFTER_TARGET);
	assert_true(model_target_s(&m, 0, 0, CH_PHONE) == 20 && m.sla_s[0] == 3600);
	size_t reps = (size_t)m.replications;
	tally *t = calloc(reps, sizeof(*t));
	double *att = calloc(reps, sizeof(double)), *ab = calloc(reps, sizeof(double));
	double *abin = calloc(reps, sizeof(double));
	run_ctx *c = run_ctx_create(&m);
	assert_true(t && att && ab && abin && c);
	for (size_t k = 0; k < reps; k++) {
		assert_int_equal(tally_init(&t[k], &m, 0), 0);
		assert_int_equal(run_one(c, 0, (int)k, m.seed, &t[k], NULL, NULL, NULL, &e), 0);
		size_t cell = tally_cell(&t[k], 0, 0, CH_PHONE);
		ab[k] = (double)t[k].abandoned[cell] / (double)t[k].arrived[cell];
		abin[k] = (double)t[k].abandoned_in_target[cell] / (double)t[k].arrived[cell];
	}
	erlang_a_ref(10, 10, 1, 0.5, 20.0 / 60, &r);
	double want[SIM_NABANDON] = { r.after_target, r.missed, r.excluded };
	int ok = check("P(abandon)", ab, reps, r.p_ab);
	ok &= check("P(abandon within 20 s)", abin, reps, r.p_ab_in);
	for (int rule = 0; rule < SIM_NABANDON; rule++) {
		model mr;
		char what[64];
		load(&mr, rules[rule]);
		assert_int_equal(mr.abandoned, rule);
		for (size_t k = 0; k < reps; k++)
			t[k].abandon = mr.abandoned; /* as tally_init copies it */
		model_fini(&mr);
		assert_int_equal(report_attainments(t, reps, -1, -1, -1, att), 0);
		snprintf(what, sizeof(what), "attainment, %s", rules[rule]);
		ok &= check(what, att, reps, want[rule]);
	}
	for (size_t k = 0; k < reps; k++)
		tally_fini(&t[k]);
	run_ctx_destroy(c);
	free(t);
	free(att);
	free(ab);
	free(abin);
	model_fini(&m);
	assert_true(ok);
}

/* The most specific key wins; between equals, [sla TIER]. */
static void target_resolution(void **state)
{
	model m;
	(void)state;

	scen_load_ok("tests/data/sla_channels.ini", NULL, 0, &m);
	assert_int_equal(m.nprio, 2);
	int pro = 0, ent = 1;
	assert_string_equal(m.tier_name[ent], "Ent");
	/* Pro: phone 60 s for both priorities, P1.chat 2 min, else the priority */
	assert_true(model_target_s(&m, pro, 0, CH_PHONE) == 60);
	assert_true(model_target_s(&m, pro, 1, CH_PHONE) == 60);
	assert_true(model_target_s(&m, pro, 0, CH_CHAT) == 120);
	assert_true(model_target_s(&m, pro, 1, CH_CHAT) == 4 * 3600);
	assert_true(model_target_s(&m, pro, 0, CH_WEB) == 3600);
	/* Ent: [sla] P1.chat is more specific than [sla Ent] chat; [sla] phone
	 * (a channel key) more specific than [sla Ent] P1 */
	assert_true(model_target_s(&m, ent, 0, CH_CHAT) == 120);
	assert_true(model_target_s(&m, ent, 1, CH_CHAT) == 300);
	assert_true(model_target_s(&m, ent, 0, CH_PHONE) == 60);
	assert_true(model_target_s(&m, ent, 0, CH_WEB) == 1800);
	assert_true(model_target_s(&m, ent, 1, CH_WEB) == 3 * 3600);
	/* sla_s keeps the PRIORITY keys alone */
	assert_true(m.sla_s[ent * 2 + 0] == 1800 && m.sla_s[pro * 2 + 1] == 4 * 3600);
	model_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(target_resolution),
		cmocka_unit_test(reference_vector),
		cmocka_unit_test(engine_vs_erlang_a),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
