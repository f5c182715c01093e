/* report.h: the results folder (SPEC §4, docs/results.md), written whole or
 * not at all.  report_begin makes a temporary folder beside DIR; every file
 * goes there (CSV through libcsv, flushed, fsync'ed, closed and checked);
 * report_commit puts it in DIR's place in one step (renameat2 with
 * RENAME_EXCHANGE, then the old folder is removed; rename when DIR did not
 * exist); report_abort removes it.  Every error names its file
 * ("PATH: strerror").  Numbers are locale-independent: counts "%.10g",
 * shares "%.6g", seconds and hours "%.3f"; undefined values are empty.
 * A report and its files are used by one thread at a time, except the trace
 * sinks: one per (policy, replication), each owned by the thread running it.
 * An existing DIR is replaced only when it is empty or a results folder
 * (it holds the marker file REPORT_MARKER), so that -o ~ cannot wipe a home. */
#ifndef SUPSIM_REPORT_H
#define SUPSIM_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/run.h"
#include "engine/tally.h"
#include "err.h"
#include "model.h"
#include "results/stats.h"

#define REPORT_MARKER ".supsim"
#define REPORT_MARKER_TEXT "supsim results folder\n" /* its whole content */
#define REPORT_NUM_MAX 64 /* room for any formatted number */

typedef struct report report;

/* 0 when dir is short enough to make every name beside and below it
 * (PATH_MAX, NAME_MAX), else -1: the caller refuses it ("DIR: name too
 * long") rather than cut it. */
int report_name_check(const char *dir);
/* The checks report_begin makes before writing anything (name, parent made,
 * dir replaceable), for a verb with a long way to go before it writes
 * (staff).  0, or -1 with e set. */
int report_check(const char *dir, err *e);
/* Start results folder dir: creates its parent (mkdir -p), removes the
 * leftovers of dead runs beside dir (".BASE.tmp-PID-N", ".BASE.old-PID-N":
 * a run holds a flock on its folders' markers while it lives; an .old-
 * folder is put back as dir when dir is missing), creates the temporary
 * folder with the marker in it.  Fails early when dir exists and may not be
 * replaced: it may when empty or when its REPORT_MARKER is a regular file
 * holding exactly REPORT_MARKER_TEXT.  NULL with e set on failure. */
report *report_begin(const char *dir, err *e);
/* The temporary folder (valid until commit/abort), e.g. for plot files. */
const char *report_tmp_path(const report *r);
/* Put the temporary folder in dir's place.  Every file must be closed.
 * Always frees r; on failure the temporary folder is removed, dir is left
 * as it was, and -1 is returned with e set. */
int report_commit(report *r, err *e);
/* Remove the temporary folder and free r; accepts NULL. */
void report_abort(report *r);

/* One CSV file inside the temporary folder. */
typedef struct report_csv report_csv;
/* Create NAME (a plain file name) with its header row; NULL with e set. */
report_csv *report_csv_open(report *r, const char *name, const char *const *header,
			    size_t ncols, err *e);
/* One row of n fields (NULL or "" = empty field); a field with a comma,
 * quote, CR or LF is quoted by libcsv (RFC 4180).  Rows end with LF. */
int report_csv_row(report_csv *f, const char *const *fields, size_t n, err *e);
/* Flush, fsync, close, free; 0 or -1 with e set (the file is freed either
 * way).  Accepts NULL (returns 0). */
int report_csv_close(report_csv *f, err *e);

/* Formatting into buf[REPORT_NUM_MAX]; "" when x is NAN; returns buf. */
const char *report_fmt_count(char *buf, double x);   /* %.10g */
const char *report_fmt_share(char *buf, double x);   /* %.6g */
const char *report_fmt_seconds(char *buf, double x); /* %.3f (also hours) */
/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" of a Unix time. */
const char *report_fmt_time(char *buf, int64_t unix_s);

/* The figures of one summary.csv row: policy p's replications t[0..reps)
 * over the cells matching tier, prio, ch (an index, or -1 for all).
 * Counts are means per replication; attain is the mean of the
 * per-replication attainments with its 95% interval; waits are seconds over
 * answered tickets (NAN when undefined).  0, or -1 on ENOMEM. */
typedef struct report_figs {
	double arrived, deflected, abandoned, met, missed, censored, answered;
	stats_ci attain;
	double wait_mean_s, wait_p50_s, wait_p90_s, wait_p99_s;
	double abandon_share;       /* abandoned / (arrived - deflected) */
	double abandoned_in_target; /* abandonments within the target */
	double deflected_share;     /* deflected / arrived */
} report_figs;
int report_figures(const tally *t, size_t reps, int tier, int prio, int ch, report_figs *out);
/* The figures of each replication r alone into out[r] (reps of them), for
 * paired differences; 0, or -1 on ENOMEM. */
int report_rep_figures(const tally *t, size_t reps, int tier, int prio, int ch,
		       report_figs *out);
/* The per-replication attainments met / (met + missed + the abandonments
 * [scenario] abandoned counts as missed) of the same cells
 * into att[0..reps) (NAN where undefined); 0, or -1 on ENOMEM. */
int report_attainments(const tally *t, size_t reps, int tier, int prio, int ch, double *att);

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
