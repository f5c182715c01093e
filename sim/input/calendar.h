/* calendar.h: calendar data resolved to seconds since the scenario's start.
 * Turns the local, weekly or dated descriptions of a scenario (arrival
 * profiles, surges, team hours, rosters, holidays, date windows) into the
 * UTC step and piecewise-linear functions of model.h, over the horizon.
 * A zone NULL or "" means UTC.  Errors (unknown zone, horizon <= 0, out of
 * memory) carry no file or line: the caller knows the scenario line. */
#ifndef SUPSIM_CALENDAR_H
#define SUPSIM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "input/tables.h"
#include "input/values.h"
#include "model.h"

/* The most heads a team may have on shift at once (rows and ranges add up). */
#define CALENDAR_MAX_HEADS 100000

/* rate(t) = volume x profile(hour of week of t in `zone`) x surge(t), over
 * [0, horizon).  profile may be NULL (flat), surge may be NULL (none): the
 * surge is linear between its rows' instants and flat outside them.  Pieces
 * break at every local hour boundary (when profile != NULL) and at every
 * surge row.  Fills f (caller frees with rate_fn_fini); 0 or -1 (ENOMEM). */
int calendar_rate(rate_fn *f, double volume_per_s, const double *profile,
		  const char *zone, const surge_model *surge,
		  int64_t start_unix, double horizon_s, err *e);

/* Weekly hours in `zone`, each range worked by `agents` heads, except on
 * holidays (local dates on which a range that starts that day does not
 * happen), resolved to sorted, merged intervals over [0, horizon).
 * *out malloc'ed. */
int calendar_weekly(shift_iv **out, size_t *n, const week_range *r, size_t nr,
		    int agents, const char *zone, const civil *holidays, size_t nh,
		    int64_t start_unix, double horizon_s, err *e);

/* A roster's dated shifts in `zone` over [0, horizon): heads add up where
 * rows overlap; holidays remove rows that start on them. *out malloc'ed. */
int calendar_roster(shift_iv **out, size_t *n, const roster_row *rows, size_t nrows,
		    const char *zone, const civil *holidays, size_t nh,
		    int64_t start_unix, double horizon_s, err *e);

/* A date window [from 00:00, to + 1 day 00:00) local in `zone`, in seconds
 * since start (may lie outside the horizon). */
void calendar_window(const civil *from, const civil *to, const char *zone,
		     int64_t start_unix, double *from_s, double *to_s);

#endif
