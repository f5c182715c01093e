/* cover.h: the shift-covering integer program (Dantzig 1954; REFERENCES
 * "Second round"), solved with GLPK's branch and cut (glp_intopt):
 * minimise sum_k cost_k x_k subject to sum_k a_hk x_k >= need_h for every
 * interval h, x_k >= 0 integer, and per group g (a team) at most share_g of
 * its heads on part-time patterns.  The coverage a_hk is given column by
 * column (compressed: rows and values of column k at beg[k] .. beg[k+1]).
 * Pure: no state kept between calls; GLPK's terminal output is off. */
#ifndef SUPSIM_COVER_H
#define SUPSIM_COVER_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

typedef struct cover_prob {
	size_t nrows;          /* intervals (hours) */
	const double *need;    /* [nrows] heads needed, >= 0 */
	size_t ncols;          /* patterns */
	const double *cost;    /* [ncols] >= 0 */
	const size_t *beg;     /* [ncols + 1] */
	const int *row;        /* [beg[ncols]] interval of each entry */
	const double *val;     /* [beg[ncols]] its coverage, in (0, 1] */
	const bool *part;      /* [ncols] part-time pattern, or NULL: none */
	const int *group;      /* [ncols] its group, with part */
	size_t ngroups;
	const double *share;   /* [ngroups] most share of part-time heads */
	double time_limit_s;   /* GLPK's time limit; <= 0: none */
} cover_prob;

/* Solve; x[ncols] gets the heads per pattern, *cost_out their cost and
 * *gap its distance above the LP relaxation's bound, as a share of it:
 * GLPK stops branching at a gap of 1 %, or after a fixed number of
 * subproblems or at the time limit with the best schedule found.  Returns
 * 0, or -1 with e saying why in GLPK's words (no feasible schedule, the
 * limits reached with none found, solver failure);
 * e's file is "GLPK". */
int cover_solve(const cover_prob *p, int *x, double *cost_out, double *gap, err *e);

/* GLPK's status or return code in words ("time limit exceeded"). */
const char *cover_glpk_words(int code);

#endif
