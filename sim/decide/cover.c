/* cover.c: the covering integer program of cover.h through GLPK's C API.
 * Rows are built only for intervals that need heads (the others hold
 * whatever the solution is); a part-time row per group with a limit below
 * one.  The LP relaxation by the simplex method, then branch and cut
 * (GLPK's cuts and feasibility pump) until the schedule is proved within
 * 1 % of the LP bound, or COVER_MAX_NODES subproblems, or the time limit.
 * The search starts from a schedule rounded from the LP relaxation
 * (round_lp), so a limit reached early still has one to take. */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "decide/cover.h"

/* Stop branching once the best schedule found is within this share of the
 * LP bound.  On spring-2020's three regional teams (462 patterns a week)
 * the bound stays some 4 % below the best schedule, which minutes of
 * branching do not close: there the node limit ends the search and the
 * best schedule found is taken, with its gap. */
#define COVER_MIP_GAP 0.01

const char *cover_glpk_words(int code)
{
	switch (code) {
	case GLP_EBOUND: return "invalid bounds";
	case GLP_EROOT: return "no optimal basis of the LP relaxation";
	case GLP_ENOPFS: return "no feasible schedule (LP relaxation infeasible)";
	case GLP_ENODFS: return "LP relaxation unbounded";
	case GLP_EFAIL: return "the solver failed";
	case GLP_EMIPGAP: return "relative gap tolerance reached";
	case GLP_ETMLIM: return "time limit exceeded";
	case GLP_ESTOP: return "search stopped";
	case GLP_EITLIM: return "iteration limit exceeded";
	default: return "unknown GLPK failure";
	}
}

static const char *mip_status_words(int st)
{
	switch (st) {
	case GLP_OPT: return "optimal";
	case GLP_FEAS: return "feasible, not proved optimal";
	case GLP_NOFEAS: return "no integer feasible schedule";
	case GLP_UNDEF: return "undefined";
	default: return "unknown status";
	}
}

/* Coverage rows: row i+1 for interval i with need > 0 (rowof[i]), else 0. */
static int add_rows(glp_prob *lp, const cover_prob *p, int *rowof)
{
	int n = 0;

	for (size_t h = 0; h < p->nrows; h++)
		rowof[h] = p->need[h] > 0 ? ++n : 0;
	if (n)
		glp_add_rows(lp, n);
	for (size_t h = 0; h < p->nrows; h++)
		if (rowof[h])
			glp_set_row_bnds(lp, rowof[h], GLP_LO, p->need[h], 0);
	return n;
}

/* One row per group with a part-time limit below 1:
 * sum_part (1 - s) x - sum_full s x <= 0. */
static int add_part_rows(glp_prob *lp, const cover_prob *p, int *ia, int *ja, double *ar,
			 int ne)
{
	if (!p->part)
		return ne;
	for (size_t g = 0; g < p->ngroups; g++) {
		if (p->share[g] >= 1)
			continue;
		int r = glp_add_rows(lp, 1);
		glp_set_row_bnds(lp, r, GLP_UP, 0, 0);
		for (size_t k = 0; k < p->ncols; k++) {
			if (p->group[k] != (int)g)
				continue;
			ia[ne] = r;
			ja[ne] = (int)k + 1;
			ar[ne++] = p->part[k] ? 1 - p->share[g] : -p->share[g];
		}
	}
	return ne;
}

static glp_prob *build(const cover_prob *p, err *e)
{
	size_t nz = p->beg[p->ncols] + p->ncols * (p->part ? p->ngroups : 0) + 1;
	int *rowof = mem_calloc(p->nrows + 1, sizeof(int));
	int *ia = mem_alloc(nz * sizeof(int)), *ja = mem_alloc(nz * sizeof(int));
	double *ar = mem_alloc(nz * sizeof(double));
	glp_prob *lp = NULL;
	int ne = 1;

	if (!rowof || !ia || !ja || !ar) {
		err_nomem(e);
		goto out;
	}
	lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MIN);
	add_rows(lp, p, rowof);
	glp_add_cols(lp, (int)p->ncols);
	for (size_t k = 0; k < p->ncols; k++) {
		int j = (int)k + 1;
		glp_set_col_kind(lp, j, GLP_IV);
		glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
		glp_set_obj_coef(lp, j, p->cost[k]);
		for (size_t i = p->beg[k]; i < p->beg[k + 1]; i++) {
			if (!rowof[p->row[i]])
				continue;
			ia[ne] = rowof[p->row[i]];
			ja[ne] = j;
			ar[ne++] = p->val[i];
		}
	}
	ne = add_part_rows(lp, p, ia, ja, ar, ne);
	glp_load_matrix(lp, ne - 1, ia, ja, ar);
out:
	free(rowof);
	free(ia);
	free(ja);
	free(ar);
	return lp;
}

/* Branching stops after this many subproblems, whatever the clock: the
 * schedule found does not depend on the machine's speed or load (the time
 * limit is a safeguard behind it). */
#define COVER_MAX_NODES 300

typedef struct search {
	int nodes;
	double *start;   /* [1..ncols]: a schedule to start from, or NULL */
} search;

static void on_node(glp_tree *tree, void *info)
{
	search *s = info;

	if (glp_ios_reason(tree) == GLP_IHEUR && s->start) {
		glp_ios_heur_sol(tree, s->start);
		s->start = NULL;
	}
	if (glp_ios_reason(tree) == GLP_ISELECT && ++s->nodes > COVER_MAX_NODES)
		glp_ios_terminate(tree);
}

/* Deficit of row h covered by one more head on column k's entry i. */
static double gain(const double *r, const cover_prob *p, size_t k)
{
	double g = 0;

	for (size_t i = p->beg[k]; i < p->beg[k + 1]; i++)
		if (r[p->row[i]] > 1e-9)
			g += fmin(r[p->row[i]], p->val[i]);
	return g;
}

/* Part-time excess of group g under x (> 0: its limit is broken). */
static double part_over(const cover_prob *p, const double *x, size_t g)
{
	double over = 0;

	for (size_t k = 0; k < p->ncols; k++)
		if (p->group[k] == (int)g)
			over += x[k + 1] * (p->part[k] ? 1 - p->share[g] : -p->share[g]);
	return over;
}

/* Remove heads the schedule x can spare, dearest patterns first: a head
 * whose hours all have a head's coverage to spare (r: need minus
 * coverage, <= 0 everywhere) and whose removal keeps its group's
 * part-time limit. */
static void prune(const cover_prob *p, double *x, double *r)
{
	bool again = true;

	while (again) {
		again = false;
		for (size_t k = 0; k < p->ncols; k++) {
			while (x[k + 1] >= 1) {
				bool ok = true;
				for (size_t i = p->beg[k]; ok && i < p->beg[k + 1]; i++)
					ok = r[p->row[i]] + p->val[i] <= 1e-9;
				if (ok && p->part && !p->part[k]) {
					x[k + 1] -= 1;
					ok = part_over(p, x, (size_t)p->group[k]) <= 1e-9;
					x[k + 1] += 1;
				}
				if (!ok)
					break;
				x[k + 1] -= 1;
				for (size_t i = p->beg[k]; i < p->beg[k + 1]; i++)
					r[p->row[i]] += p->val[i];
				again = true;
			}
		}
	}
}

/* A schedule from the LP relaxation's x[1..ncols], into x: each pattern's
 * heads rounded down, then, while an hour is short, one head on the
 * pattern covering the most shortfall per cost (full-time ones first:
 * they never break a part-time limit), then full-time heads until every
 * part-time limit holds.  0, or -1 when that finds none (GLPK then
 * searches alone). */
static int round_lp(const cover_prob *p, double *x)
{
	double *r = malloc((p->nrows + 1) * sizeof(double));
	int rc = 0;

	if (!r)
		return -1;
	memcpy(r, p->need, p->nrows * sizeof(double));
	for (size_t k = 0; k < p->ncols; k++) {
		x[k + 1] = floor(x[k + 1] + 1e-9);
		for (size_t i = p->beg[k]; i < p->beg[k + 1]; i++)
			r[p->row[i]] -= x[k + 1] * p->val[i];
	}
	for (;;) {
		size_t best = p->ncols;
		double score = 0;
		for (int pass = 0; pass < 2 && best == p->ncols; pass++)
			for (size_t k = 0; k < p->ncols; k++) {
				if (p->part && p->part[k] != (pass == 1))
					continue;
				double g = gain(r, p, k), sc = g / fmax(p->cost[k], 1e-9);
				if (g > 1e-9 && sc > score) {
					score = sc;
					best = k;
				}
			}
		if (best == p->ncols)
			break;
		x[best + 1] += 1;
		for (size_t i = p->beg[best]; i < p->beg[best + 1]; i++)
			r[p->row[i]] -= p->val[i];
	}
	for (size_t h = 0; h < p->nrows; h++)
		if (r[h] > 1e-9)
			rc = -1;
	for (size_t g = 0; !rc && p->part && g < p->ngroups; g++) {
		double over = 0, cheap = INFINITY;
		size_t ck = p->ncols;
		for (size_t k = 0; k < p->ncols; k++) {
			if (p->group[k] != (int)g)
				continue;
			over += x[k + 1] * (p->part[k] ? 1 - p->share[g] : -p->share[g]);
			if (!p->part[k] && p->cost[k] < cheap) {
				cheap = p->cost[k];
				ck = k;
			}
		}
		if (over > 1e-9 && (ck == p->ncols || p->share[g] <= 0))
			rc = -1;
		else if (over > 1e-9)
			x[ck + 1] += ceil(over / p->share[g] - 1e-9);
	}
	if (!rc)
		prune(p, x, r);
	free(r);
	return rc;
}

/* LP diving from the solved relaxation lp into x[1..ncols]: on a copy,
 * every pattern at half a head or more above a whole number gets that
 * number rounded up as its least (else the one nearest to its next whole
 * number), and the relaxation is solved again, until its answer is whole.
 * Raising least heads keeps every hour covered; a part-time pattern raised
 * is balanced by full-time heads in the relaxation.  0, or -1 (x as it
 * was left: not whole). */
static int dive(glp_prob *lp, const cover_prob *p, double *x)
{
	glp_prob *d = glp_create_prob();
	glp_smcp sp;
	int rc = -1;

	glp_copy_prob(d, lp, GLP_OFF);
	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	for (int it = 0; it < 200; it++) {
		if (glp_simplex(d, &sp) || glp_get_status(d) != GLP_OPT)
			break;
		size_t best = p->ncols, raised = 0;
		double bf = 0;
		for (size_t k = 0; k < p->ncols; k++) {
			double v = glp_get_col_prim(d, (int)k + 1), f = v - floor(v + 1e-7);
			x[k + 1] = v;
			if (f <= 1e-7)
				continue;
			if (f >= 0.5) {
				glp_set_col_bnds(d, (int)k + 1, GLP_LO, ceil(v), 0);
				raised++;
			} else if (f > bf) {
				bf = f;
				best = k;
			}
		}
		if (!raised && best == p->ncols) {
			rc = 0;
			break;
		}
		if (!raised)
			glp_set_col_bnds(d, (int)best + 1, GLP_LO, ceil(x[best + 1]), 0);
	}
	glp_delete_prob(d);
	for (size_t k = 0; !rc && k < p->ncols; k++)
		x[k + 1] = round(x[k + 1]);
	return rc;
}

/* The LP relaxation first (its optimum is the bound the gap is measured
 * against), then branch and cut from its basis.  0 or a GLPK code. */
static int solve(glp_prob *lp, const cover_prob *p, double *start, double *bound)
{
	glp_smcp sp;
	glp_iocp parm;
	search srch = { 0, NULL };
	int rc;

	glp_init_smcp(&sp);
	sp.msg_lev = GLP_MSG_OFF;
	rc = glp_simplex(lp, &sp);
	if (rc)
		return rc;
	if (glp_get_status(lp) == GLP_NOFEAS)
		return GLP_ENOPFS;
	*bound = glp_get_obj_val(lp);
	if (start && !dive(lp, p, start) && !round_lp(p, start))
		srch.start = start;
	for (size_t k = 0; start && !srch.start && k < p->ncols; k++)
		start[k + 1] = glp_get_col_prim(lp, (int)k + 1);
	if (start && !srch.start && !round_lp(p, start))
		srch.start = start;
	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.mip_gap = COVER_MIP_GAP;
	parm.gmi_cuts = GLP_ON;
	parm.mir_cuts = GLP_ON;
	parm.cov_cuts = GLP_ON;
	parm.fp_heur = GLP_ON;
	parm.cb_func = on_node;
	parm.cb_info = &srch;
	if (p->time_limit_s > 0)
		parm.tm_lim = (int)fmin(p->time_limit_s * 1000, 2e9);
	rc = glp_intopt(lp, &parm);
	if (rc == GLP_EMIPGAP)
		return 0; /* stopped within COVER_MIP_GAP: the schedule to take */
	if ((rc == GLP_ESTOP || rc == GLP_ETMLIM) && glp_mip_status(lp) == GLP_FEAS)
		return 0; /* out of nodes or time with a schedule: taken, its gap told */
	return rc;
}

int cover_solve(const cover_prob *p, int *x, double *cost_out, double *gap, err *e)
{
	glp_prob *lp;
	double bound = 0;
	int rc, st;

	glp_term_out(GLP_OFF);
	lp = build(p, e);
	if (!lp)
		return -1;
	double *start = malloc((p->ncols + 1) * sizeof(double));
	rc = solve(lp, p, start, &bound);
	free(start);
	st = rc ? GLP_UNDEF : glp_mip_status(lp);
	if (rc || (st != GLP_OPT && st != GLP_FEAS)) {
		err_set(e, "GLPK", 0, "the shift schedule's integer program failed: %s",
			rc ? cover_glpk_words(rc) : mip_status_words(st));
		glp_delete_prob(lp);
		return -1;
	}
	for (size_t k = 0; k < p->ncols; k++)
		x[k] = (int)lround(glp_mip_col_val(lp, (int)k + 1));
	*cost_out = glp_mip_obj_val(lp);
	*gap = *cost_out > 0 ? fmax(0, (*cost_out - bound) / *cost_out) : 0;
	glp_delete_prob(lp);
	return 0;
}
