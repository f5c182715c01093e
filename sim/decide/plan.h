/* plan.h: what `require` and `schedule` share (docs/staff.md).
 *  - Pools: the sized teams of a policy ([staff] teams) grouped by their
 *    skills and the priorities they take; a pool's requirement is one
 *    number per hour, split among its teams by their hours as written; its
 *    load and its goals are the tickets of its channels and priorities.
 *  - The goals, seen hour by hour, behind one small interface (goal_*,
 *    plan_counts): the [staff] goals PRIORITY:SHARE, attainment as
 *    summary.csv's (met / (met + missed + the abandonments [scenario]
 *    abandoned counts as missed)) from the tallies' hourly cells; over the
 *    whole horizon every [staff] goal, judged by goals.h (staff's rule).
 *  - A scratch copy of the model holding one policy whose teams own their
 *    shifts, rewritten per candidate (hour by hour, or from intervals), and
 *    its simulation (every replication on the same tickets).
 *  - The hourly Erlang C/A answer per pool (erlang.h).
 * Hours are [start + 3600 h, start + 3600 (h + 1)) since the scenario's
 * start; nhours = ceil(horizon / 1 h). */
#ifndef SUPSIM_PLAN_H
#define SUPSIM_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decide/goals.h"
#include "engine/batch.h"
#include "err.h"
#include "model.h"

/* ---- goals ---- */
/* The share to meet for priority p, or NAN when it has none. */
double goal_share(const model *m, size_t p);
/* Whether m has a goal at all. */
bool goal_any(const model *m);
/* The target the Erlang answer aims at for p: its shortest over tiers. */
double goal_target_s(const model *m, size_t p);

/* ---- pools ---- */
#define PLAN_MAX_POOLS 16
#define PLAN_MAX_TARGETS 8
typedef struct plan_pool {
	unsigned skills;       /* channel mask */
	unsigned prio_mask;    /* priorities its teams take (assisted ones aside) */
	size_t nteams;
	size_t team[32];       /* the policy's team indexes, scenario order */
	double mu;             /* tickets per second one available agent handles */
	double theta;          /* patience rate per second; 0: Erlang C */
	double shrink;         /* the first team's shrinkage */
	/* per priority, the distinct first-response targets of its contacts in
	 * the pool (tier x channel: a live channel's target is seconds where
	 * the web's is hours); the Erlang answer weighs them by arrivals */
	size_t ntgt[SIM_MAX_PRIO];
	double tgt[SIM_MAX_PRIO][PLAN_MAX_TARGETS];
} plan_pool;

/* ---- the scratch model and its simulation ---- */
typedef struct plan {
	const model *m;        /* as loaded */
	size_t p;              /* the policy planned */
	model mm;              /* m with the one policy below (shallow) */
	policy_model pol;      /* its teams own their shifts */
	size_t npools;
	plan_pool pool[PLAN_MAX_POOLS];
	int pool_of[64];       /* the pool of each team, -1: not sized */
	size_t nhours;
	batch_opts bo;         /* the caller's */
	size_t reps;
	size_t hour0;          /* hours of the warm-up: tally row h is hour hour0 + h */
	tally *t;              /* reps tallies of mm, with their hourly cells */
	size_t runs;           /* staffings simulated */
	/* [npools][nhours][nprio][PLAN_MAX_TARGETS]: the share of each target
	 * among the hour's expected arrivals of the priority (an hour without
	 * any: the horizon's shares) */
	double *mix;
} plan;

/* Set up for policy p of m with the options of bo (threads, reps, seed,
 * window, stop; no trace).  Pools from the policy's sized teams (agents > 0 and in
 * [staff] teams).  0, or -1 with e set (no sized team; more than
 * PLAN_MAX_POOLS pools; a warm-up not of whole hours; no memory).  Caller:
 * plan_fini (also on failure). */
int plan_init(plan *pl, const model *m, size_t p, const batch_opts *bo, err *e);
void plan_fini(plan *pl); /* accepts a zeroed one */

/* Give the teams of pool q heads[h] per hour in all, split among them by
 * their hours as written (plan_split). */
int plan_set_hourly(plan *pl, size_t q, const int *heads, err *e);
/* Split n heads of pool q at hour h among its teams: equally among those
 * whose hours (as written) are on at the hour's middle, the remainder to the
 * first of them; with none on, all to the pool's first team.  out[nteams]. */
void plan_split(const plan *pl, size_t q, size_t h, int n, int *out);
/* Give team k (policy index) the shift intervals iv[0..n) (any order,
 * overlaps add up).  0 or -1 with e set. */
int plan_set_intervals(plan *pl, size_t k, const shift_iv *iv, size_t n, err *e);

/* Simulate the current staffing: every replication, hourly counts filled.
 * 0, 1 when stopped, -1 with e set. */
int plan_simulate(plan *pl, err *e);
/* Met and counted tickets (met, missed, and the abandonments the rule
 * counts) of pool q's channels, hour h, priority p, summed over the
 * replications of the last simulation; 0 in the warm-up. */
void plan_counts(const plan *pl, size_t q, size_t h, size_t p, double *met, double *n);
/* Every [staff] goal of the last simulation judged as `staff` judges it
 * (goals.h: its interval at [staff] confidence) into out[m->ngoals], and
 * into *met whether all are met.  0, or -1 when out of memory. */
int plan_goals_met(const plan *pl, goal_est *out, bool *met);

/* ---- the Erlang answer ---- */
/* Expected arrivals of pool q in hour h, of its channels and priorities
 * (entitlements at the hour's middle; every channel taken as open). */
double plan_arrivals(const plan *pl, size_t q, size_t h);
/* Heads pool q needs in hour h for lambda_per_s arrivals so that every goal
 * priority it takes reaches its goal by Erlang C (no patience) or Erlang A,
 * net of the first team's shrinkage; 0 when lambda is 0.  A priority's
 * attainment is the mean over its targets (plan_pool.tgt) of P(wait <=
 * target), weighed by the hour's arrivals of each (plan.mix). */
int plan_erlang_need(const plan *pl, size_t q, size_t h, double lambda_per_s);
/* The arrival rate that, with `heads` heads, gives attainment a for
 * priority p under the same Erlang model, with hour h's targets
 * (bisection). */
double plan_erlang_load(const plan *pl, size_t q, size_t h, size_t p, int heads, double a,
			double lambda_hint);
/* Heads needed for priority p alone at rate lambda, hour h's targets. */
int plan_erlang_need_prio(const plan *pl, size_t q, size_t h, size_t p, double lambda_per_s);

#endif
