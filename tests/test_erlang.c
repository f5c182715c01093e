/* test_erlang.c: the analytic oracles against every test vector of
 * REFERENCES.md §1.1-1.4, to the digits given there, plus invariants
 * (Kleinrock's conservation, E[W] = P(Ab)/theta, Erlang A -> Erlang C as
 * theta -> 0, large n without overflow) and the unstable cases. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "decide/erlang.h"

/* |got - want| <= half a unit of the last digit given (tol). */
#define near(got, want, tol) near_at(got, want, tol, __FILE__, __LINE__)
static void near_at(double got, double want, double tol, const char *f, int l)
{
	if (!(fabs(got - want) <= tol)) {
		print_error("got %.17g, want %.17g +- %g\n", got, want, tol);
		_fail(f, l);
	}
}

static const double lam = 10.0 / 3, mu = 1.0 / 3; /* per minute, A = 10 */

static void erlang_b_known(void **state)
{
	(void)state;
	near(erlang_b(0, 5), 1, 0);
	near(erlang_b(1, 1), 0.5, 1e-15);
	near(erlang_b(2, 1), 0.2, 1e-15);
	assert_true(isnan(erlang_b(-1, 1)));
	/* large n: the recursion neither overflows nor underflows */
	double b = erlang_b(5000, 4900);
	assert_true(b > 0 && b < 1);
}

static void erlang_c_table(void **state)
{
	static const struct { int c; double pw, sl, asa_s; } row[] = {
		{ 11, 0.682118, 0.389614, 122.7813 },
		{ 12, 0.449388, 0.640158, 40.4449 },
		{ 13, 0.285270, 0.795595, 17.1162 },
		{ 14, 0.174132, 0.888350, 7.8359 },
		{ 15, 0.102042, 0.941453, 3.6735 },
		{ 16, 0.057340, 0.970560, 1.7202 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		near(erlang_c(row[i].c, 10), row[i].pw, 5e-7);
		near(erlang_c_sl(row[i].c, lam, mu, 20.0 / 60), row[i].sl, 5e-7);
		near(60 * erlang_c_asa(row[i].c, lam, mu), row[i].asa_s, 5e-5);
	}
	/* pyworkforce and CRAN ErlangC, full digits */
	near(erlang_c(14, 10), 0.1741319335950498, 1e-13);
	near(erlang_c_sl(14, lam, mu, 20.0 / 60), 0.8883500191794669, 1e-13);
	near(60 * erlang_c_asa(14, lam, mu), 7.83593701177724, 1e-11);
	/* the closed form of REFERENCES: A^c/c! c/(c-A) over the sum */
	double s = 0, term = 1;
	for (int k = 0; k < 14; k++) {
		s += term;
		term *= 10.0 / (k + 1);
	}
	double top = term * 14 / (14 - 10);
	near(erlang_c(14, 10), top / (s + top), 1e-14);
	assert_int_equal(erlang_c_min_agents_sl(lam, mu, 20.0 / 60, 0.8), 14);
}

static void erlang_c_unstable(void **state)
{
	(void)state;
	assert_true(isnan(erlang_c(10, 10)));
	assert_true(isnan(erlang_c(9, 10)));
	assert_true(isnan(erlang_c_sl(10, lam, mu, 1)));
	assert_true(isinf(erlang_c_asa(10, lam, mu)) && erlang_c_asa(10, lam, mu) > 0);
	assert_true(isnan(erlang_c(0, 1)));
	/* no load: nobody waits */
	near(erlang_c(3, 0), 0, 0);
	near(erlang_c_sl(3, 0, 1, 0), 1, 0);
}

static void erlang_a_table(void **state)
{
	static const struct { double l, m, th; int n; double pw, pab, ew; } row[] = {
		{ 10.0 / 3, 1.0 / 3, 1.0 / 3, 14, 0.135536, 0.018694, 0.056081 },
		{ 10.0 / 3, 1.0 / 3, 1.0 / 3, 10, 0.542070, 0.125110, 0.375330 },
		{ 48, 1, 0.5, 50, 0.467774, 0.030912, 0.061824 },
		{ 48, 1, 2.0, 50, 0.342309, 0.048022, 0.024011 },
	};
	erlang_a_res r;
	(void)state;
	for (size_t i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		assert_int_equal(erlang_a(row[i].n, row[i].l, row[i].m, row[i].th, &r), 0);
		near(r.p_wait, row[i].pw, 5e-7);
		near(r.p_ab, row[i].pab, 5e-7);
		near(r.wait_mean, row[i].ew, 5e-7);
		near(r.wait_mean, r.p_ab / row[i].th, 1e-15);
	}
	near(erlang_a_pv_wait(14, lam, mu, 1.0 / 3, 1.0 / 3), 0.52592, 5e-6);
	near(erlang_a_pv_wait(14, lam, mu, 1.0 / 3, 0), 1, 1e-14);
	assert_int_equal(erlang_a(0, 1, 1, 1, &r), -1);
	assert_true(isnan(r.p_wait));
	assert_int_equal(erlang_a(5, 1, 1, 0, &r), -1);
}

/* Erlang A with patience far longer than any wait is Erlang C. */
static void erlang_a_to_c(void **state)
{
	erlang_a_res r;
	(void)state;
	assert_int_equal(erlang_a(14, lam, mu, 1e-9, &r), 0);
	near(r.p_wait, erlang_c(14, 10), 1e-6);
	near(erlang_a_attain(14, lam, mu, 1e-9, 20.0 / 60),
	     erlang_c_sl(14, lam, mu, 20.0 / 60), 1e-6);
	near(erlang_a_attain(14, lam, mu, 0, 20.0 / 60),
	     erlang_c_sl(14, lam, mu, 20.0 / 60), 0);
}

/* Overloaded and large: no overflow, probabilities in range, and the QED
 * approximation within its loose tolerance. */
static void erlang_a_large(void **state)
{
	static const int ns[] = { 500, 2000, 5000 };
	erlang_a_res r;
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		int n = ns[i];
		double load[] = { 0.9 * n, n, 1.3 * n };
		for (int j = 0; j < 3; j++) {
			assert_int_equal(erlang_a(n, load[j], 1, 0.2, &r), 0);
			assert_true(r.p_wait > 0 && r.p_wait <= 1);
			assert_true(r.p_ab >= 0 && r.p_ab < 1);
			double at = erlang_a_attain(n, load[j], 1, 0.2, 1.0 / 3);
			assert_true(at > 0 && at <= 1);
		}
		/* overload: about the excess abandons */
		assert_int_equal(erlang_a(n, 1.3 * n, 1, 0.2, &r), 0);
		near(r.p_ab, 0.3 / 1.3, 0.01);
	}
	near(erlang_a_qed_pwait((50 - 48) / sqrt(48), 1, 0.5), 0.4508, 5e-5);
	near(erlang_a_qed_pwait((50 - 48) / sqrt(48), 1, 2.0), 0.3211, 5e-5);
	assert_int_equal(erlang_a(50, 48, 1, 0.5, &r), 0);
	near(erlang_a_qed_pwait((50 - 48) / sqrt(48), 1, 0.5), r.p_wait, 0.03);
	/* convergence: error shrinks as R grows at fixed beta */
	double e1, e2;
	assert_int_equal(erlang_a(60, 50, 1, 0.5, &r), 0);
	e1 = fabs(erlang_a_qed_pwait(10 / sqrt(50), 1, 0.5) - r.p_wait);
	assert_int_equal(erlang_a(5100, 5000, 1, 0.5, &r), 0);
	e2 = fabs(erlang_a_qed_pwait(100 / sqrt(5000), 1, 0.5) - r.p_wait);
	assert_true(e2 < e1 / 3);
}

static void erlang_a_attainment(void **state)
{
	(void)state;
	/* REFERENCES §1.2: c = 50, lambda = 45/min, mu = 1/min, patience
	 * 5 min, t = 20 s: 0.9761 */
	near(erlang_a_attain(50, 45, 1, 0.2, 1.0 / 3), 0.9761, 5e-5);
	/* t = 0: answered at once = P(W = 0) / (1 - P(Ab)) */
	erlang_a_res r;
	assert_int_equal(erlang_a(14, lam, mu, 1.0 / 3, &r), 0);
	near(erlang_a_attain(14, lam, mu, 1.0 / 3, 0), (1 - r.p_wait) / (1 - r.p_ab), 1e-9);
	/* t large: everybody answered is answered within t */
	near(erlang_a_attain(14, lam, mu, 1.0 / 3, 1000), 1, 1e-12);
	/* the offered-wait law: P(answered within t | W > 0) by integrating
	 * the density of V killed by patience: within t, answered iff V <= t
	 * and patience > V */
	double t = 0.5, acc = 0, h = 1e-4;
	for (int i = 0; i < 5000; i++) {
		double s = i * h;
		double f0 = erlang_a_pv_wait(14, lam, mu, 1.0 / 3, s);
		double f1 = erlang_a_pv_wait(14, lam, mu, 1.0 / 3, s + h);
		acc += (f0 - f1) * exp(-(1.0 / 3) * (s + h / 2));
	}
	double want = (1 - r.p_wait + r.p_wait * acc) / (1 - r.p_ab);
	near(erlang_a_attain(14, lam, mu, 1.0 / 3, t), want, 1e-8);
	static const double goals[] = { 0.5, 0.8, 0.95, 0.99 };
	for (int i = 0; i < 4; i++) {
		int n = erlang_a_min_agents_attain(45, 1, 0.2, 1.0 / 3, goals[i]);
		assert_true(n > 1);
		assert_true(erlang_a_attain(n, 45, 1, 0.2, 1.0 / 3) >= goals[i]);
		assert_true(erlang_a_attain(n - 1, 45, 1, 0.2, 1.0 / 3) < goals[i]);
	}
}

static void cobham_table(void **state)
{
	static const double share[4] = { 0.05, 0.15, 0.50, 0.30 };
	static const double want[4] = { 0.038696, 0.045145, 0.087066, 0.261198 };
	double l[4], wq[4], mean = 0;
	(void)state;
	for (int i = 0; i < 4; i++)
		l[i] = lam * share[i];
	assert_int_equal(erlang_prio_waits(14, mu, l, 4, wq), 0);
	for (int i = 0; i < 4; i++) {
		near(wq[i], want[i], 5e-7);
		mean += share[i] * wq[i];
	}
	/* Kleinrock: the traffic-weighted mean is the FCFS mean */
	near(mean, 0.130599, 5e-7);
	near(mean, erlang_c_asa(14, lam, mu), 1e-14);
	/* one class: Erlang C */
	assert_int_equal(erlang_prio_waits(14, mu, &lam, 1, wq), 0);
	near(wq[0], erlang_c_asa(14, lam, mu), 1e-15);
	/* overload: top classes finite, the rest infinite */
	double over[2] = { 2.0, 3.0 }; /* c mu = 14/3 */
	assert_int_equal(erlang_prio_waits(14, mu, over, 2, wq), 0);
	near(wq[0], (3.0 / 14) / (1 - 2.0 / (14.0 / 3)), 1e-14);
	assert_true(isinf(wq[1]));
	assert_int_equal(erlang_prio_waits(0, mu, over, 2, wq), -1);
}

static void sqrt_staffing(void **state)
{
	static const struct { double alpha, r; int rule, exact; } row[] = {
		{ 0.2, 10, 14, 14 },     { 0.2, 100, 111, 111 }, { 0.2, 1000, 1034, 1034 },
		{ 0.1, 10, 15, 16 },     { 0.1, 1000, 1045, 1046 },
	};
	(void)state;
	near(erlang_hw_beta(0.5), 0.506054, 5e-7);
	near(erlang_hw_beta(0.2), 1.061516, 5e-7);
	near(erlang_hw_beta(0.1), 1.420187, 5e-7);
	near(erlang_hw_alpha(erlang_hw_beta(0.3)), 0.3, 1e-12);
	assert_true(isnan(erlang_hw_beta(1)));
	for (size_t i = 0; i < sizeof(row) / sizeof(row[0]); i++) {
		int rule = erlang_sqrt_staff(row[i].r, row[i].alpha);
		int exact = erlang_c_min_agents_pwait(row[i].r, row[i].alpha);
		assert_int_equal(rule, row[i].rule);
		assert_int_equal(exact, row[i].exact);
		assert_true(abs(rule - exact) <= 1);
		assert_true(erlang_c(exact, row[i].r) <= row[i].alpha);
		assert_true(erlang_c(exact - 1, row[i].r) > row[i].alpha ||
			    isnan(erlang_c(exact - 1, row[i].r)));
	}
	assert_int_equal(erlang_sqrt_staff(-1, 0.2), -1);
	assert_int_equal(erlang_c_min_agents_pwait(10, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(erlang_b_known),
		cmocka_unit_test(erlang_c_table),
		cmocka_unit_test(erlang_c_unstable),
		cmocka_unit_test(erlang_a_table),
		cmocka_unit_test(erlang_a_to_c),
		cmocka_unit_test(erlang_a_large),
		cmocka_unit_test(erlang_a_attainment),
		cmocka_unit_test(cobham_table),
		cmocka_unit_test(sqrt_staffing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
