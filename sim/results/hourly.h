/* hourly.h: hourly.csv (docs/results.md): per policy, hour after the
 * warm-up, priority and channel (each also `all`), the contacts arriving in
 * that hour and what became of them, means over replications.  Built from
 * the tallies' per-hour cells (tally.hc_*), so its memory is hours x
 * priorities x channels, whatever the number of tickets. */
#ifndef SUPSIM_HOURLY_H
#define SUPSIM_HOURLY_H

#include <stddef.h>

#include "engine/tally.h"
#include "err.h"
#include "model.h"
#include "results/report.h"

/* Write hourly.csv; t holds m->npolicies * reps tallies (t[p * reps + r]).
 * local_time is in m->timezone (UTC when empty).  0 or -1 with e set. */
int report_hourly(report *r, const model *m, const tally *t, size_t reps, err *e);

#endif
