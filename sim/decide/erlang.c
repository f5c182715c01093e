/* erlang.c: Erlang B/C/A, Cobham's priority waits, square-root staffing.
 * Erlang A goes through log A(x, y), A(x, y) = x e^y y^-x gamma(x, y), so
 * that thousands of agents neither overflow nor underflow: the Kummer series
 * 1 + y/(x+1) + y^2/((x+1)(x+2)) + ... when y <= x (its terms only shrink),
 * GSL's regularised incomplete gamma (then >= ~1/2) when y > x.  The
 * attainment runs the birth-death chain, truncated where its probabilities
 * fall below e^-40 of the mode, through one uniformisation pass. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>

#include "mem.h"
#include "decide/erlang.h"

double erlang_b(int n, double a)
{
	double b = 1;

	if (n < 0 || !(a >= 0))
		return NAN;
	for (int k = 1; k <= n; k++)
		b = a * b / (k + a * b);
	return b;
}

/* C from B: B / (1 - rho (1 - B)); NAN when unstable. */
static double c_from_b(double b, int n, double a)
{
	double rho = a / n;

	if (!(rho < 1))
		return NAN;
	return b / (1 - rho * (1 - b));
}

double erlang_c(int n, double a)
{
	if (n < 1 || !(a >= 0))
		return NAN;
	return c_from_b(erlang_b(n, a), n, a);
}

static int bad_rates(int n, double lambda, double mu)
{
	return n < 1 || !(lambda >= 0) || !(mu > 0) || !isfinite(lambda) || !isfinite(mu);
}

double erlang_c_sl(int n, double lambda, double mu, double t)
{
	if (bad_rates(n, lambda, mu) || !(t >= 0) || lambda >= n * mu)
		return NAN;
	return 1 - erlang_c(n, lambda / mu) * exp(-(n * mu - lambda) * t);
}

double erlang_c_asa(int n, double lambda, double mu)
{
	if (bad_rates(n, lambda, mu))
		return NAN;
	if (lambda >= n * mu)
		return INFINITY;
	return erlang_c(n, lambda / mu) / (n * mu - lambda);
}

/* log A(x, y) for x > 0, y >= 0; *one_minus_inv = 1 - 1/A, computed
 * without cancellation where A is near 1.  NAN when GSL fails. */
static double log_a(double x, double y, double *one_minus_inv)
{
	if (y <= x) {
		double term = 1, rest = 0;
		for (double k = 1; term > 1e-18 * (1 + rest); k++) {
			term *= y / (x + k);
			rest += term;
		}
		*one_minus_inv = rest / (1 + rest);
		return log1p(rest);
	}
	gsl_sf_result p;
	if (gsl_sf_gamma_inc_P_e(x, y, &p) != GSL_SUCCESS || !(p.val > 0))
		return NAN;
	double la = log(x) + y - x * log(y) + gsl_sf_lngamma(x) + log(p.val);
	*one_minus_inv = -expm1(-la);
	return la;
}

static int bad_a(int n, double lambda, double mu, double theta)
{
	return bad_rates(n, lambda, mu) || !(theta > 0) || !isfinite(theta);
}

int erlang_a(int n, double lambda, double mu, double theta, erlang_a_res *r)
{
	double omi, la, e, inv, rho;

	r->p_wait = r->p_ab = r->wait_mean = r->p_ab_wait = NAN;
	if (bad_a(n, lambda, mu, theta))
		return -1;
	if (lambda == 0) {
		r->p_wait = r->p_ab = r->wait_mean = r->p_ab_wait = 0;
		return 0;
	}
	la = log_a(n * mu / theta, lambda / theta, &omi);
	if (isnan(la))
		return -1;
	e = erlang_b(n, lambda / mu);
	inv = exp(-la);
	rho = lambda / (n * mu);
	r->p_wait = e / (e + (1 - e) * inv);
	r->p_ab_wait = 1 - omi / rho;
	r->p_ab = r->p_ab_wait * r->p_wait;
	r->wait_mean = r->p_ab / theta;
	return 0;
}

double erlang_a_pv_wait(int n, double lambda, double mu, double theta, double t)
{
	double x, y, y1, omi, la, la1;

	if (bad_a(n, lambda, mu, theta) || !(lambda > 0) || !(t >= 0))
		return NAN;
	x = n * mu / theta;
	y = lambda / theta;
	y1 = y * exp(-theta * t);
	la = log_a(x, y, &omi);
	la1 = log_a(x, y1, &omi);
	/* gamma(x, z) = z^x e^-z A(x, z) / x */
	return exp(-x * theta * t - y * expm1(-theta * t) + la1 - la);
}

/* Birth-death probabilities pi[0..*len) of M/M/c+M (unnormalised, mode 1),
 * truncated where they fall below e^-40 of the mode on the decreasing tail.
 * Returns a malloc'ed array or NULL. */
static double *bd_probs(int c, double lambda, double mu, double theta, size_t *len)
{
	size_t cap = (size_t)c + 64, n = 0;
	double *lw = mem_alloc(cap * sizeof(*lw)), lmax = 0;

	if (!lw)
		return NULL;
	lw[n++] = 0;
	for (;;) {
		double d = (n < (size_t)c ? n * mu : c * mu + (n - c) * theta);
		double next = lw[n - 1] + log(lambda / d);
		if (n > (size_t)c && lambda < d && next < lmax - 40)
			break;
		if (n == cap) {
			double *p = mem_realloc(lw, 2 * cap * sizeof(*lw));
			if (!p) {
				free(lw);
				return NULL;
			}
			lw = p;
			cap *= 2;
		}
		lw[n++] = next;
		if (next > lmax)
			lmax = next;
	}
	for (size_t i = 0; i < n; i++)
		lw[i] = exp(lw[i] - lmax);
	*len = n;
	return lw;
}

/* Sum over k of v[k] P(answered within t | k ahead), by uniformisation of
 * the chain "k ahead" -> k-1 at rate c mu + k theta, 0 -> answered at c mu,
 * every state killed at theta.  v (k = 0..kmax) is overwritten. */
static double answered_within(double *v, size_t kmax, int c, double mu, double theta,
			      double t)
{
	double lam = c * mu + (kmax + 1) * theta, lt = lam * t;
	double answered = 0, sum = 0, wsum = 0;

	for (unsigned m = 0;; m++) {
		double w = exp(-lt + m * (lt > 0 ? log(lt) : 0) - gsl_sf_lnfact(m));
		if (lt == 0)
			w = m == 0;
		sum += w * answered;
		wsum += w;
		if (m > lt && (1 - wsum < 1e-15 || w == 0))
			break;
		answered += v[0] * (c * mu) / lam;
		for (size_t j = 0; j <= kmax; j++) {
			double out = (j ? c * mu + j * theta : c * mu) + theta;
			v[j] *= 1 - out / lam;
			if (j < kmax)
				v[j] += v[j + 1] * (c * mu + (j + 1) * theta) / lam;
		}
	}
	return sum;
}

double erlang_a_attain(int n, double lambda, double mu, double theta, double t)
{
	double tot = 0, now = 0, ab = 0, keep = 1;
	size_t len, kmax;
	double *pi;

	if (theta == 0)
		return erlang_c_sl(n, lambda, mu, t);
	if (bad_a(n, lambda, mu, theta) || !(t >= 0))
		return NAN;
	if (lambda == 0)
		return 1;
	pi = bd_probs(n, lambda, mu, theta, &len);
	if (!pi)
		return NAN;
	for (size_t i = 0; i < len; i++) {
		tot += pi[i];
		if (i < (size_t)n) {
			now += pi[i];
			continue;
		}
		/* survives k = i - n services ahead and its own wait at 0 */
		size_t k = i - n;
		double r = k ? n * mu + k * theta : n * mu;
		keep = (k ? keep : 1) * r / (r + theta);
		ab += pi[i] * (1 - keep);
	}
	kmax = len - n - 1; /* bd_probs always goes past n */
	double within = answered_within(pi + n, kmax, n, mu, theta, t);
	free(pi);
	double at = (now + within) / (tot - ab);
	return at < 1 ? at : 1; /* rounding can pass 1 by an ulp or two */
}

int erlang_prio_waits(int c, double mu, const double *lambda, size_t k, double *wq)
{
	double sum = 0, w0, sigma = 0;

	if (c < 1 || !(mu > 0) || !isfinite(mu) || k == 0)
		return -1;
	for (size_t i = 0; i < k; i++) {
		if (!(lambda[i] >= 0) || !isfinite(lambda[i]))
			return -1;
		sum += lambda[i];
	}
	if (sum < c * mu)
		w0 = erlang_c(c, sum / mu) / (c * mu);
	else
		w0 = 1 / (c * mu);
	for (size_t i = 0; i < k; i++) {
		double prev = sigma;
		sigma += lambda[i] / (c * mu);
		wq[i] = sigma < 1 ? w0 / ((1 - prev) * (1 - sigma)) : INFINITY;
	}
	return 0;
}

double erlang_hw_alpha(double beta)
{
	double phi = gsl_ran_ugaussian_pdf(beta), big = gsl_cdf_ugaussian_P(beta);

	if (phi == 0)
		return beta > 0 ? 0 : INFINITY;
	return 1 / (1 + beta * big / phi);
}

double erlang_hw_beta(double alpha)
{
	double lo = 0, hi = 40;

	if (!(alpha > 0 && alpha < 1))
		return NAN;
	/* alpha(beta) falls from 1 at 0 towards 0 */
	for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
		double mid = 0.5 * (lo + hi);
		if (erlang_hw_alpha(mid) > alpha)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

int erlang_sqrt_staff(double r, double alpha)
{
	double beta = erlang_hw_beta(alpha);

	if (!(r > 0) || !isfinite(r) || isnan(beta))
		return -1;
	return (int)ceil(r + beta * sqrt(r));
}

/* h(x) = phi(x) / (1 - Phi(x)), the standard normal hazard rate. */
static double hazard(double x)
{
	return gsl_ran_ugaussian_pdf(x) / gsl_cdf_ugaussian_Q(x);
}

double erlang_a_qed_pwait(double beta, double mu, double theta)
{
	if (!(mu > 0) || !(theta > 0))
		return NAN;
	return 1 / (1 + sqrt(theta / mu) * hazard(beta * sqrt(mu / theta)) / hazard(-beta));
}

/* Upper bound on the agents any search may try. */
#define ERLANG_MAX_AGENTS 10000000

int erlang_c_min_agents_pwait(double a, double alpha)
{
	double b = 1;

	if (!(a > 0) || !isfinite(a) || !(alpha > 0 && alpha < 1))
		return -1;
	for (int n = 1; n <= ERLANG_MAX_AGENTS; n++) {
		b = a * b / (n + a * b);
		if (n > a && c_from_b(b, n, a) <= alpha)
			return n;
	}
	return -1;
}

int erlang_c_min_agents_sl(double lambda, double mu, double t, double goal)
{
	double a = lambda / mu, b = 1;

	if (bad_rates(1, lambda, mu) || !(lambda > 0) || !(t >= 0) ||
	    !(goal > 0 && goal < 1))
		return -1;
	for (int n = 1; n <= ERLANG_MAX_AGENTS; n++) {
		b = a * b / (n + a * b);
		if (n > a && 1 - c_from_b(b, n, a) * exp(-(n * mu - lambda) * t) >= goal)
			return n;
	}
	return -1;
}

int erlang_a_min_agents_attain(double lambda, double mu, double theta, double t,
			       double goal)
{
	int lo = 0, hi;

	if (bad_a(1, lambda, mu, theta) || !(lambda > 0) || !(t >= 0) ||
	    !(goal > 0 && goal < 1))
		return -1;
	/* Erlang C's staffing meets the goal with abandonment too (waits only
	 * shorten); attainment grows with n, so bisect in (lo, hi]. */
	hi = erlang_c_min_agents_sl(lambda, mu, t, goal);
	if (hi < 0)
		return -1;
	for (;;) {
		double at = erlang_a_attain(hi, lambda, mu, theta, t);
		if (isnan(at) || hi >= ERLANG_MAX_AGENTS)
			return -1;
		if (at >= goal)
			break;
		hi++;
	}
	while (hi - lo > 1) {
		int mid = lo + (hi - lo) / 2;
		double at = erlang_a_attain(mid, lambda, mu, theta, t);
		if (isnan(at))
			return -1;
		if (at >= goal)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}
