/* staff_impl.h: the staffing search's internal header, shared by staff.c
 * (a candidate simulated and judged, the search's steps, grow and trim),
 * staff_cost.c (costs and the cost steps), staff_ceiling.c (the ceiling)
 * and staff_confirm.c (the confirmation).  Not for use outside
 * sim/decide: the interface is staff.h.  A function shared between these
 * files carries its file's prefix (search_, cost_, ceiling_, confirm_). */
#ifndef SUPSIM_STAFF_IMPL_H
#define SUPSIM_STAFF_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "decide/goals.h"
#include "decide/staff.h"
#include "engine/batch.h"
#include "engine/tally.h"
#include "err.h"
#include "model.h"

typedef struct cand {
	int *agents;
	bool ok;                 /* every goal met (or without contacts) */
	bool open;               /* no goal missed, some undecided */
	goal_est goal[SIM_MAX_GOALS];
	size_t reps;             /* replications behind goal[] */
	double deflected;        /* deflected per replication, first batch */
	double cost;
} cand;

typedef struct search {
	const model *m;
	size_t p;
	model mm;            /* m with the one policy below (shallow) */
	policy_model pol;    /* the policy searched, with teams of its own */
	const team_model *orig; /* the policy's teams as written */
	const batch_opts *bo;
	size_t reps0, maxreps;  /* first batch; at most this many in all */
	tally *t;            /* nt tallies for mm, one batch */
	size_t nt;
	double *vals;        /* per goal, maxreps per-replication values */
	cand *seen;
	size_t nseen, capseen;
	int *cap;            /* heads per team at the ceiling */
	bool have_ref;       /* ref_deflected known (the staffing as written) */
	double ref_deflected;
	double from_s, to_s; /* the span counted, for the cost */
	int *hist;           /* staffings accepted by trim and cheapen, in order */
	size_t nhist, caphist;
	staff_progress_fn progress;
	void *ctx;
	const char *step;
	staff_result *r;
} search;

/* One step of the cost search: agents less a head of team `from`, plus one
 * of team `to` (-1: a removal), and what that staffing costs. */
typedef struct step {
	int from, to;
	double cost;
} step;

/* staff.c */
/* tm (a copy of o with shifts of its own) with n heads per shift instead
 * of o's agents, in proportion. */
void search_scale_team(team_model *tm, const team_model *o, int n);
/* Every goal met (or without contacts), and no more contacts deflected
 * than with the staffing as written. */
bool search_met(const search *s, const cand *c);
/* Simulate a staffing (or recall it): *out points at its record, good
 * until the next call.  0, 1 when stopped, -1 with e set. */
int search_evaluate(search *s, const int *agents, cand **out, err *e);
/* At least n tallies for one batch; 0 or -1 with e set. */
int search_tallies(search *s, size_t n, err *e);
/* Remember an accepted staffing (for the confirmation's walk back). */
int search_accepted(search *s, const int *agents, err *e);

/* staff_cost.c */
/* The cost of team k with n heads (as written when not sized), and of a
 * whole staffing. */
double cost_team(const search *s, size_t k, int n);
double cost_staffing(const search *s, const int *agents);
/* Steps cheapest first (removals before moves at equal cost). */
int cost_step_cmp(const void *a, const void *b);
/* The cost steps from agents (meeting the goals) while one keeps them met. */
int cost_cheapen(search *s, int *agents, err *e);

/* staff_ceiling.c */
/* Every sized team at its ceiling (s->cap); *c gets its record. */
int ceiling_find(search *s, cand **c, err *e);
/* The goals not met at the ceiling, each with why (r->why). */
int ceiling_explain(search *s, const cand *c, err *e);

/* staff_confirm.c */
/* The staffing to answer, confirmed on fresh replications: agents gets it,
 * r->confirmed whether it was. */
int confirm_search(search *s, int *agents, err *e);

#endif
