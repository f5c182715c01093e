/* verbs.h: the verbs behind the cli (cli.c parses and dispatches through its
 * verb table; one file per verb does it), the options they share, and the
 * loader (load.c).  These files are the face: they, and only they, print to
 * the user and return exit codes (0 ok, 1 failure while running, 2 bad usage
 * or input). */
#ifndef SUPSIM_VERBS_H
#define SUPSIM_VERBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"
#include "run_opts.h"

#define CLI_MAX_SETS 256

enum { EXIT_OK = 0, EXIT_RUN = 1, EXIT_USAGE = 2 };

typedef struct cli_opts {
	const char *verb;     /* "run", "compare", ... (for messages) */
	const char *scenario;
	const char *dir;      /* plot: the results folder */
	const char *outdir;   /* NULL: output/<name>/ */
	int reps;             /* 0: the scenario's */
	uint64_t seed;
	bool seed_set;
	int threads;          /* 0: online CPUs */
	const char *sets[CLI_MAX_SETS];
	size_t nsets;
	bool trace, quiet, help;
	bool strict;          /* --strict: any warning of the scenario exits 2 */
	const char *from, *to; /* --from/--to dates, or NULL */
	const char *by;        /* staff --by: "week" or "day", or NULL */
} cli_opts;

/* Load o->scenario with --set applied, and *ro with the run options (the
 * scenario's replications and seed, or -r, -s; --from/--to); prints the
 * error and returns 2 on failure, 0 on success (caller: model_fini). */
int cli_load(const cli_opts *o, model *m, run_opts *ro);
/* A scenario that did not load: the message on stderr; 2 for bad input, 1
 * for out of memory or a stop request while loading. */
int cli_load_failed(const err *e);
/* The scenario's warnings on stderr; with --strict, nonzero when any. */
int cli_warnings(const cli_opts *o, const model *m);
void cli_print_err(const err *e);
/* SIGINT, SIGTERM and SIGHUP to handler (without SA_RESTART), except one the
 * parent set to be ignored (nohup, a background job), which stays so. */
void cli_catch_signals(void (*handler)(int));
/* The handler of the verbs that simulate: a stop request (stop.h). */
void cli_on_signal(int sig);

/* The verbs; the table in cli.c names them. */
int cmd_check(cli_opts *o);      /* check.c */
int cmd_run(cli_opts *o);        /* run.c */
int cmd_compare(cli_opts *o);    /* compare.c: run + compare.csv and a table of differences */
int cmd_staff(cli_opts *o);      /* staff.c */
int cmd_staff_plan(cli_opts *o); /* overtime.c: staff --by */
int cmd_require(cli_opts *o);    /* overtime.c */
int cmd_schedule(cli_opts *o);   /* overtime.c */
int cmd_plot(cli_opts *o);       /* plot.c: o->dir */

#endif
