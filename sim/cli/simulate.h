/* simulate.h: what run, compare and staff share (simulate.c): simulate
 * every (policy, replication), write the results folder whole or not at
 * all, the folder's name, and the text of figures in their tables. */
#ifndef SUPSIM_CLI_SIMULATE_H
#define SUPSIM_CLI_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/verbs.h"
#include "engine/tally.h"
#include "model.h"
#include "results/report.h"

/* A verb's own file besides run's (compare.csv, staff.csv): NULL for none. */
typedef struct extra_file {
	int (*write)(report *rep, const model *m, const tally *t, size_t reps,
		     const void *ctx, err *e);
	const void *ctx;
} extra_file;

/* A verb's table of policy p on stdout; -1 out of memory. */
typedef int (*table_fn)(const model *m, size_t p, const tally *t, size_t reps);

/* Every replication keeps its tallies until the results are written: 0, or
 * -1 with e set when they would not fit in memory. */
int cli_tallies_fit(const model *m, size_t reps, err *e);
void cli_tallies_destroy(tally *t, size_t n);
/* Simulate m under the run options ro and write; 0 ok, 1 stopped or failed
 * (message printed).  *out gets the ro->replications tallies per policy
 * (caller frees them, also on failure). */
int cli_simulate(const cli_opts *o, const model *m, const run_opts *ro, const char *outdir,
		 const extra_file *x, tally **out);
/* A share or half-width for a table, "-" when undefined. */
const char *cli_num_text(double x, char *buf, size_t len);
/* A duration for a table: "-" when undefined, minutes below 2 h, else hours. */
const char *cli_wait_text(double s, char *buf, size_t len);
/* -o's folder, refused (exit 2) when too long to be used whole. */
int cli_outdir_too_long(const cli_opts *o);
/* The results folder: -o's, else output/<name>/ made in buf. */
const char *cli_outdir_of(const cli_opts *o, const model *m, char *buf, size_t len);
/* The results folder (*outdir: -o's, or output/<name>/ made in buf), checked
 * before any search as run checks it: 0, or 1 with the message printed when
 * it may not be replaced or made.  Call cli_outdir_too_long before loading. */
int cli_outdir_first(const cli_opts *o, const model *m, char *buf, size_t len,
		     const char **outdir);
/* What every search (staff, staff --by, require, schedule) does first: -o
 * not too long, load *m and *ro (cli_load), at least one goal (has_goal(m),
 * or any [staff] goal when NULL; else "VERB needs NEED", exit 2), and the
 * results folder checked (cli_outdir_first).  0 with *m loaded, else the exit status with
 * the message printed and nothing left to free. */
int cli_load_search(cli_opts *o, model *m, run_opts *ro, bool (*has_goal)(const model *),
		    const char *need, char *buf, size_t len, const char **outdir);
/* Load, simulate, write, and print table's text per policy (run, compare). */
int cli_run_verb(cli_opts *o, table_fn table, const extra_file *x);

#endif
