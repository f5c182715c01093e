/* erlang.h: analytic queueing oracles (docs: /work/shared/REFERENCES.md §1).
 * Erlang B and C (M/M/c), Erlang A (M/M/n+M, Palm) with the attainment
 * among the answered, M/M/c non-preemptive priority waits (Cobham), and
 * square-root staffing with the exact minimum-agent searches.  Used by the
 * theory tests and by `supsim staff`.  Pure functions: no state, no
 * allocation except erlang_a_attain's scratch (freed before it returns).
 * Units: rates (lambda, mu, theta) per the same time unit, times t and the
 * returned waits in that unit.  A = lambda / mu is the offered load in
 * Erlangs, rho = A / n the occupancy.
 * Unstable systems (rho >= 1 without abandonment): probabilities with no
 * stationary value are NAN, mean waits are INFINITY (documented per call). */
#ifndef SUPSIM_ERLANG_H
#define SUPSIM_ERLANG_H

#include <stddef.h>

/* Erlang B blocking probability of n servers offered a Erlangs, by the
 * stable recursion B(k) = a B(k-1) / (k + a B(k-1)).  n >= 0, a >= 0. */
double erlang_b(int n, double a);

/* Erlang C: P(W > 0) in M/M/n offered a Erlangs; NAN when a >= n. */
double erlang_c(int n, double a);

/* Service level P(W <= t) = 1 - C e^{-(n mu - lambda) t}; NAN when
 * lambda >= n mu. */
double erlang_c_sl(int n, double lambda, double mu, double t);

/* Mean wait (ASA) C / (n mu - lambda); INFINITY when lambda >= n mu. */
double erlang_c_asa(int n, double lambda, double mu);

/* Erlang A (M/M/n+M): Poisson lambda, exponential service mu, exponential
 * patience theta > 0, n >= 1 agents; defined for every load. */
typedef struct erlang_a_res {
	double p_wait;  /* P(W > 0) */
	double p_ab;    /* P(Ab): share of arrivals that abandon */
	double wait_mean; /* E[W] over all arrivals (= p_ab / theta) */
	double p_ab_wait; /* P(Ab | W > 0) */
} erlang_a_res;

/* Fills *r; returns 0, or -1 (r filled with NAN) when an argument is out of
 * range (n < 1, lambda < 0, mu <= 0, theta <= 0, not finite). */
int erlang_a(int n, double lambda, double mu, double theta, erlang_a_res *r);

/* Offered wait V of a delayed customer: P(V > t | W > 0); NAN on bad
 * arguments.  The actual wait satisfies P(W > t) = P(V > t) e^{-theta t}. */
double erlang_a_pv_wait(int n, double lambda, double mu, double theta, double t);

/* Attainment under Erlang A: P(answered within t | answered), by the
 * birth-death chain and uniformisation (REFERENCES §1.2).  theta == 0 gives
 * Erlang C's service level among the answered, i.e. erlang_c_sl (NAN when
 * unstable).  NAN on bad arguments or when memory runs out. */
double erlang_a_attain(int n, double lambda, double mu, double theta, double t);

/* M/M/c non-preemptive priority (Cobham): K classes, class 0 highest,
 * arrival rates lambda[0..k), one service rate mu, c servers.  Writes the
 * mean queue wait of each class to wq[0..k):
 * W0 / ((1 - sigma_{k-1}) (1 - sigma_k)), W0 = C(c, A) / (c mu).  When the
 * total load is >= 1 the servers are always busy (W0 = 1 / (c mu)): the
 * classes with sigma_k < 1 still have a finite wait, the others INFINITY.
 * Returns 0, or -1 on bad arguments (wq untouched). */
int erlang_prio_waits(int c, double mu, const double *lambda, size_t k, double *wq);

/* Halfin-Whitt delay probability alpha(beta) = [1 + beta Phi(beta) /
 * phi(beta)]^-1 (beta may be any real). */
double erlang_hw_alpha(double beta);
/* Its inverse: the beta with alpha(beta) = alpha, 0 < alpha < 1; NAN
 * otherwise. */
double erlang_hw_beta(double alpha);
/* Square-root staffing ceil(R + beta sqrt(R)) for delay probability alpha;
 * -1 on bad arguments. */
int erlang_sqrt_staff(double r, double alpha);

/* Garnett-Mandelbaum-Reiman QED approximation of Erlang A's P(W > 0) at
 * n = R + beta sqrt(R) (an asymptotic: loose accuracy). */
double erlang_a_qed_pwait(double beta, double mu, double theta);

/* Fewest agents n with Erlang C's P(W > 0) <= alpha (0 < alpha < 1), offered
 * a > 0 Erlangs; -1 on bad arguments. */
int erlang_c_min_agents_pwait(double a, double alpha);
/* Fewest agents with SL(t) >= goal (0 < goal < 1), Erlang C; -1 on bad
 * arguments. */
int erlang_c_min_agents_sl(double lambda, double mu, double t, double goal);
/* Fewest agents with Erlang A attainment within t >= goal among the
 * answered (theta > 0); -1 on bad arguments or no memory.  Searches up from
 * 1 with Erlang C's answer as an upper bound. */
int erlang_a_min_agents_attain(double lambda, double mu, double theta, double t, double goal);

#endif
