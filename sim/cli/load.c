/* load.c: the cli's loader: the scenario with the options' overrides
 * (--set) and the run options (-r, -s, --from/--to: run_opts.h, never
 * written into the model), its warnings and errors on stderr, and the
 * signals that stop a verb.  Shared by every verb that reads a scenario. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include "cli/verbs.h"
#include "input/scenario.h"
#include "input/values.h"
#include "stop.h"

void cli_print_err(const err *e)
{
	char buf[ERR_FILE_MAX + ERR_MSG_MAX + 32];

	fprintf(stderr, "%s\n", err_format(e, buf, sizeof(buf)));
}

/* A scenario that did not load: bad input (2), or out of memory or a stop
 * request while loading (1). */
int cli_load_failed(const err *e)
{
	cli_print_err(e);
	return e->kind == ERR_INPUT ? EXIT_USAGE : EXIT_RUN;
}

/* The scenario's warnings on stderr; with --strict, nonzero when any. */
int cli_warnings(const cli_opts *o, const model *m)
{
	for (size_t i = 0; i < m->nwarnings; i++) {
		const err *w = &m->warnings[i];
		if (w->line > 0)
			fprintf(stderr, "%s:%d: warning: %s\n", w->file, w->line, w->msg);
		else if (w->file[0])
			fprintf(stderr, "%s: warning: %s\n", w->file, w->msg);
		else
			fprintf(stderr, "warning: %s\n", w->msg);
	}
	if (o->strict && m->nwarnings) {
		fprintf(stderr, "supsim: --strict: %zu warning%s\n", m->nwarnings,
			m->nwarnings > 1 ? "s" : "");
		return 1;
	}
	return 0;
}

/* One --from/--to date as seconds since start: from 00:00Z of that day
 * (to: of the next day, to being inclusive). */
static int window_edge(const char *opt, const char *text, const model *m, int next_day,
		       double *out)
{
	civil d;
	err e = { 0 };
	srcloc at = { opt, 0 };

	if (val_date(text, &d, at, &e)) {
		cli_print_err(&e);
		return EXIT_USAGE;
	}
	int64_t unix_s = (civil_days(d.year, d.month, d.day) + next_day) * 86400;
	*out = (double)(unix_s - m->start_unix);
	return 0;
}

/* --from/--to: count only the contacts arriving in those UTC dates. */
static int cli_window(const cli_opts *o, const model *m, run_window *w)
{
	double from = 0, to = m->horizon_s;

	if (!o->from && !o->to)
		return 0;
	if ((o->from && window_edge("--from", o->from, m, 0, &from)) ||
	    (o->to && window_edge("--to", o->to, m, 1, &to)))
		return EXIT_USAGE;
	if (to <= m->warmup_s || from >= m->horizon_s) {
		fprintf(stderr, "--from/--to: the window lies outside the horizon after the warm-up"
			" (%.6g d to %.6g d after the start)\n", m->warmup_s / 86400, m->horizon_s / 86400);
		return EXIT_USAGE;
	}
	if (from >= to) {
		fprintf(stderr, "--from %s --to %s: an empty window\n", o->from ? o->from : "(start)",
			o->to ? o->to : "(end)");
		return EXIT_USAGE;
	}
	*w = (run_window){ true, from, to };
	return 0;
}

/* Load the scenario (with --set) and resolve the run options: the
 * scenario's replications and seed unless -r, -s; --from/--to.  0 or exit
 * code. */
int cli_load(const cli_opts *o, model *m, run_opts *ro)
{
	err e = { 0 };

	if (scenario_load(o->scenario, o->sets, o->nsets, m, &e))
		return cli_load_failed(&e);
	*ro = (run_opts){
		.replications = o->reps > 0 ? o->reps : m->replications,
		.seed = o->seed_set ? o->seed : m->seed,
	};
	int rc = cli_warnings(o, m) ? EXIT_USAGE : cli_window(o, m, &ro->window);
	if (rc)
		model_fini(m);
	return rc;
}

void cli_on_signal(int sig)
{
	(void)sig;
	sim_stop_request();
}

/* A signal the parent set to be ignored stays ignored (nohup keeps SIGHUP
 * away, a shell keeps the terminal's SIGINT away from a background job).
 * No SA_RESTART: a blocking wait (plot's for gnuplot) is interrupted. */
void cli_catch_signals(void (*handler)(int))
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (!sigaction(sigs[i], NULL, &old) && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}
