/* report.h: the result files of the results folder (SPEC §4,
 * docs/results.md): summary.csv, timeseries.csv, teams.csv, tickets.csv.
 * The folder is folder.h's (written whole or not at all), the CSV writer
 * and the text of numbers csv.h's, the sums over the tallies aggregate.h's;
 * this header brings all three.  A report and its files are used by one
 * thread at a time, except the trace sinks: one per (policy, replication),
 * each owned by the thread running it. */
#ifndef SUPSIM_REPORT_H
#define SUPSIM_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/run.h"
#include "engine/tally.h"
#include "err.h"
#include "model.h"
#include "results/aggregate.h"
#include "results/csv.h"
#include "results/folder.h"
#include "results/stats.h"

/* The result files.  t holds m->npolicies * reps tallies, policy p's
 * replication r at t[p * reps + r] (as batch_run fills them). */
int report_summary(report *r, const model *m, const tally *t, size_t reps, err *e);
int report_timeseries(report *r, const model *m, const tally *t, size_t reps, err *e);
int report_teams(report *r, const model *m, const tally *t, size_t reps, err *e);

/* tickets.csv, streamed: one sink per (policy p, replication rep 0-based)
 * writing its part file; report_tickets then joins the parts in (policy,
 * replication) order under one header, so the file is the same for any
 * number of threads.  report_trace_fn is a trace_fn (run.h) whose ctx is the
 * sink; on a write error it returns -1 and keeps the error for
 * report_trace_err.  A sink must be closed before report_tickets. */
typedef struct report_trace report_trace;
report_trace *report_trace_open(report *r, const model *m, size_t p, int rep, err *e);
int report_trace_fn(void *ctx, const ticket_rec *t);
const err *report_trace_err(const report_trace *tr);
/* Close and free (accepts NULL); 0 or -1 with e set. */
int report_trace_close(report_trace *tr, err *e);
/* Join the parts of policies 0..npolicies-1 x replications 0..reps-1 into
 * tickets.csv (the parts are removed); 0 or -1 with e set. */
int report_tickets(report *r, size_t npolicies, size_t reps, err *e);

#endif
