/* schedule.h: shift schedules that cover hourly requirements at least cost
 * (docs/staff.md "schedule").  For a pool of teams (plan.h) with [shifts
 * TEAM] sections, the horizon is cut into cycles of days_on + days_off days
 * (days of the first such team's zone, from the scenario's start; the
 * first and last cycles may run past the horizon, where no shift is
 * worked or paid); a
 * pattern is (team, first day in the cycle, start time, length), worked on
 * days_on days in a row, wrapping round within its cycle (the cycle is
 * scheduled as if it repeated, as in the textbook weekly problem); a shift
 * that would start outside its cycle's hours (a team in a zone ahead of
 * or behind the first's) is moved a cycle on or back.  Each
 * cycle's covering integer program (cover.h) chooses the heads per
 * pattern; then the schedule is simulated, and while a goal is missed the
 * cheapest pattern covering the hour with the most tickets short of the
 * goals gets one more head (per cycle that has such hours), and again. */
#ifndef SUPSIM_SCHEDULE_H
#define SUPSIM_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "decide/plan.h"
#include "err.h"

typedef struct sched_pattern {
	size_t team;            /* the policy's team index */
	const shifts_model *sm; /* its [shifts] */
	size_t pool;
	int cycle, day;         /* the cycle, first day worked in it (0-based) */
	long h0, hlen;          /* the cycle's hours since the start */
	int start_min;          /* local start time */
	size_t len;             /* index into sm->length_s */
	double cost;            /* one head over the cycle: its shifts worked */
	double hours;           /* ... and their hours */
	int heads;
	int ip_heads;           /* what the integer program gave */
} sched_pattern;

typedef struct schedule_result {
	size_t npools, nhours;
	size_t npat;
	sched_pattern *pat;     /* every pattern with heads > 0 */
	bool *shifts;           /* [npools] the pool has [shifts]; a pool without
	                           keeps its hourly requirement */
	double *scheduled;      /* [npools * nhours] heads on shift, hour average
	                           (a pool without [shifts]: its requirement) */
	double cost, ip_cost;   /* of the schedule, of the integer programs' */
	double ip_gap;          /* the largest of the programs' gaps (cover.h) */
	double paid_h;          /* agent-hours paid (pools with [shifts]) */
	double required_h;      /* the requirements' agent-hours (the same pools) */
	size_t rounds;          /* simulations of the schedule */
	size_t added;           /* heads added after the integer programs */
	bool goals_met;         /* every [staff] goal, as `staff` judges it */
	goal_est goal[SIM_MAX_GOALS];
} schedule_result;

void schedule_result_fini(schedule_result *r); /* accepts a zeroed one */

/* Schedule every pool of pl against req[npools * nhours] (heads per hour),
 * then simulate and repair, at most max_rounds simulations (0: the
 * integer programs' schedule, not simulated).  ip_limit_s:
 * GLPK's time limit per cycle.  0, 1 when stopped, -1 with e set: an
 * hour no pattern can cover or a pool without [shifts] is e at the
 * scenario's [shifts] line (bad input: exit 2; *bad_input set), a GLPK
 * failure names GLPK's status. */
int schedule_run(plan *pl, const int *req, int max_rounds, double ip_limit_s,
		 schedule_result *r, bool *bad_input, err *e);

/* "Sat-Wed 08:00 8h" for a pattern (weekdays of the cycle's dates), and
 * the local date-time of its first shift "2020-02-08T08:00". */
void schedule_pattern_text(const plan *pl, const sched_pattern *p, char *buf, size_t len);
void schedule_pattern_start(const plan *pl, const sched_pattern *p, char *buf, size_t len);

/* Shift i (0 <= i < days_on) of pattern p: [*start, *end) Unix seconds. */
void schedule_shift(const plan *pl, const sched_pattern *p, int i, int64_t *start,
		    int64_t *end);
/* Whether shift i of p is worked: it overlaps the horizon (the cycles at
 * either end run past it; shifts outside are neither paid nor rostered). */
bool schedule_shift_worked(const plan *pl, const sched_pattern *p, int i);

#endif
