/* verbs.h: the verbs behind the cli (cli.c parses, these do), and the
 * options they share.  Part of the face: these may print and return exit
 * codes (0 ok, 1 failure while running, 2 bad usage or input). */
#ifndef SUPSIM_VERBS_H
#define SUPSIM_VERBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"

#define CLI_MAX_SETS 256

typedef struct cli_opts {
	const char *verb;     /* "run", "compare", ... (for messages) */
	const char *scenario;
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

/* Load o->scenario with --set, -r, -s and --from/--to applied; prints the error and
 * returns 2 on failure, 0 on success (caller: model_fini). */
int cli_load(const cli_opts *o, model *m);
void cli_print_err(const err *e);
/* SIGINT, SIGTERM and SIGHUP to handler (without SA_RESTART), except one the
 * parent set to be ignored (nohup, a background job), which stays so. */
void cli_catch_signals(void (*handler)(int));

int cmd_run(cli_opts *o);
int cmd_compare(cli_opts *o); /* run + compare.csv and a table of differences */
int cmd_staff(cli_opts *o);
int cmd_plot(const char *dir);
int cmd_require(cli_opts *o);  /* cli_overtime.c */
int cmd_schedule(cli_opts *o);
int cmd_staff_plan(cli_opts *o); /* staff --by */

/* output/<name>/ (cli_run.c), for the verbs of other files. */
void cli_default_outdir(const model *m, char *buf, size_t len);

#endif
