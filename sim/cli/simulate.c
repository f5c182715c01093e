/* simulate.c: what run, compare and staff share: simulate every (policy,
 * replication) on a thread pool, write the results folder whole (or not at
 * all), and the folder's name.  SIGINT/SIGTERM stop the run: the temporary
 * folder is removed, earlier results stay, exit 1. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include "mem.h"
#include "cli/simulate.h"
#include "engine/batch.h"
#include "results/hourly.h"
#include "stop.h"

/* output/<name>/ with characters outside [A-Za-z0-9._-] replaced by '-'. */
static void default_outdir(const model *m, char *buf, size_t len)
{
	size_t k = (size_t)snprintf(buf, len, "output/");

	for (const char *s = m->name; *s && k + 1 < len; s++) {
		char c = *s;
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		buf[k++] = ok ? c : '-';
	}
	buf[k] = 0;
	/* "." and ".." name no folder of their own */
	if (!strcmp(buf + 7, ".") || !strcmp(buf + 7, ".."))
		for (char *d = buf + 7; *d; d++)
			*d = '-';
}

static void progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\rsimulating: %zu of %zu runs (policy x replication)", done, total);
	if (done == total)
		fputc('\n', stderr);
}

typedef struct trace_sinks {
	report *rep;
	const model *m;
} trace_sinks;

/* A job's sink, and where the job's error goes: batch gives trace_open the
 * job's err, which the engine fills when the trace callback fails (with no
 * file nor reason: the sink has them) and closes the sink without one. */
typedef struct sink {
	report_trace *tr;
	err *job_e;
} sink;

static void *sink_open(void *ctx, size_t p, int rep, err *e)
{
	trace_sinks *ts = ctx;
	sink *s = mem_calloc(1, sizeof(*s));

	if (!s) {
		err_nomem(e);
		return NULL;
	}
	s->tr = report_trace_open(ts->rep, ts->m, p, rep, e);
	if (!s->tr) {
		free(s);
		return NULL;
	}
	s->job_e = e;
	return s;
}

static int sink_fn(void *snk, const ticket_rec *t)
{
	return report_trace_fn(((sink *)snk)->tr, t);
}

static int sink_close(void *ctx, void *snk, err *e)
{
	(void)ctx;
	sink *s = snk;
	report_trace *tr = s->tr;
	const err *te = report_trace_err(tr);
	err *to = e ? e : s->job_e;
	int rc;

	free(s);
	if (te && te->msg[0] && to) {
		/* the file and the reason, rather than the engine's "failed" */
		*to = *te;
		report_trace_close(tr, NULL);
		return -1;
	}
	rc = report_trace_close(tr, e);
	return rc;
}

/* The memory this process may use: the machine's, or less under a limit
 * (ulimit -v, -d). */
static double memory_limit(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
	double lim = pages > 0 && size > 0 ? (double)pages * (double)size : INFINITY;
	static const int res[] = { RLIMIT_AS, RLIMIT_DATA };
	struct rlimit rl;

	for (size_t i = 0; i < sizeof(res) / sizeof(res[0]); i++)
		if (!getrlimit(res[i], &rl) && rl.rlim_cur != RLIM_INFINITY)
			lim = fmin(lim, (double)rl.rlim_cur);
	return lim;
}

/* Every replication keeps its tallies until the results are written: refuse
 * a run whose tallies would take more than 3/4 of the memory this process
 * may use, before allocating any (rather than swapping the machine to a
 * halt).  0, or -1 with e set. */
int cli_tallies_fit(const model *m, size_t reps, err *e)
{
	double one = 0, lim = memory_limit();

	for (size_t p = 0; p < m->npolicies; p++)
		one += (double)tally_bytes(m, p);
	if (one * (double)reps <= 0.75 * lim)
		return 0;
	return err_set(e, NULL, 0, "%zu replication%s of %zu polic%s need %.0f MB of tallies "
		       "(%.0f KB per replication), more than 3/4 of the %.0f MB this process may "
		       "use: lower replications (-r)", reps, reps == 1 ? "" : "s", m->npolicies,
		       m->npolicies == 1 ? "y" : "ies", one * (double)reps / 1048576, one / 1024,
		       lim / 1048576);
}

static tally *tallies_create(const model *m, size_t reps, err *e)
{
	size_t n = m->npolicies * reps;
	tally *t = NULL;

	if (cli_tallies_fit(m, reps, e))
		return NULL;
	t = mem_calloc(n, sizeof(*t));
	if (!t) {
		err_nomem(e);
		return NULL;
	}
	/* many replications of a long horizon take seconds to allocate and
	 * zero: a stop request is honoured here too (NULL, e not set) */
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t r = 0; r < reps; r++) {
			int stop = sim_stopping();
			if (stop || tally_init(&t[p * reps + r], m, p)) {
				for (size_t i = 0; i < n; i++)
					tally_fini(&t[i]);
				free(t);
				if (!stop)
					err_nomem(e);
				return NULL;
			}
		}
	return t;
}

void cli_tallies_destroy(tally *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		tally_fini(&t[i]);
	free(t);
}

static int write_results(report *rep, const model *m, const tally *t, size_t reps,
			 const cli_opts *o, const extra_file *x, err *e)
{
	bool trace = o->trace;

	if (report_summary(rep, m, t, reps, e) || report_timeseries(rep, m, t, reps, e) ||
	    report_teams(rep, m, t, reps, e) || report_hourly(rep, m, t, reps, e))
		return -1;
	if (x && x->write(rep, m, t, reps, x->ctx, e))
		return -1;
	if (trace && report_tickets(rep, m->npolicies, reps, e))
		return -1;
	return 0;
}

static int interrupted(const cli_opts *o, report *rep, const char *outdir)
{
	report_abort(rep);
	fprintf(stderr, "supsim %s: interrupted; no results written, %s left as it was\n",
		o->verb, outdir);
	return 1;
}

/* Simulate and write; 0 ok, 1 stopped or failed (message printed).
 * *out gets the tallies (caller frees them, also on failure). */
int cli_simulate(const cli_opts *o, const model *m, const run_opts *ro, const char *outdir,
		 const extra_file *x, tally **out)
{
	size_t reps = (size_t)ro->replications;
	err e = { 0 };
	report *rep = report_begin(outdir, &e);
	trace_sinks ts = { rep, m };
	batch_opts bo = {
		.threads = o->threads > 0 ? o->threads : batch_cpus(),
		.reps = ro->replications,
		.seed = ro->seed,
		.window = ro->window,
		.trace = o->trace ? sink_fn : NULL,
		.trace_open = sink_open,
		.trace_close = sink_close,
		.trace_ctx = &ts,
		.stop = &sim_stop,
		.progress = !o->quiet && isatty(STDERR_FILENO) ? progress : NULL,
	};

	if (!rep)
		goto fail;
	*out = tallies_create(m, reps, &e);
	if (!*out && sim_stopping())
		return interrupted(o, rep, outdir);
	if (!*out)
		goto fail;
	int rc = batch_run(m, &bo, *out, &e);
	if (rc > 0 || sim_stopping())
		return interrupted(o, rep, outdir);
	if (rc < 0 || write_results(rep, m, *out, reps, o, x, &e)) {
		if (sim_stopping()) /* the writers stop on it too */
			return interrupted(o, rep, outdir);
		goto fail;
	}
	if (sim_stopping())
		return interrupted(o, rep, outdir);
	rc = report_commit(rep, &e);
	rep = NULL; /* freed by commit, whatever it returned */
	if (rc)
		goto fail;
	return 0;
fail:
	report_abort(rep);
	cli_print_err(&e);
	fprintf(stderr, "supsim %s: no results written to %s\n", o->verb, outdir);
	return 1;
}

/* A share or half-width for a table, "-" when undefined. */
const char *cli_num_text(double x, char *buf, size_t len)
{
	if (isnan(x))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.4f", x);
	return buf;
}

/* A duration for a table: "-" when undefined, minutes below 2 h, else hours. */
const char *cli_wait_text(double s, char *buf, size_t len)
{
	if (isnan(s))
		snprintf(buf, len, "-");
	else if (s < 7200)
		snprintf(buf, len, "%.1f min", s / 60);
	else
		snprintf(buf, len, "%.1f h", s / 3600);
	return buf;
}

/* -o's folder, refused (exit 2) when too long to be used whole. */
int cli_outdir_too_long(const cli_opts *o)
{
	if (!o->outdir || !report_name_check(o->outdir))
		return 0;
	fprintf(stderr, "%s: name too long\n", o->outdir);
	return 2;
}

/* The results folder: -o's, else output/<name>/ made in buf. */
const char *cli_outdir_of(const cli_opts *o, const model *m, char *buf, size_t len)
{
	if (o->outdir)
		return o->outdir;
	default_outdir(m, buf, len);
	return buf;
}

int cli_outdir_first(const cli_opts *o, const model *m, char *buf, size_t len,
		     const char **outdir)
{
	err e = { 0 };

	*outdir = cli_outdir_of(o, m, buf, len);
	if (!report_check(*outdir, &e))
		return 0;
	cli_print_err(&e);
	fprintf(stderr, "supsim %s: no results written to %s\n", o->verb, *outdir);
	return 1;
}

int cli_load_search(cli_opts *o, model *m, run_opts *ro, bool (*has_goal)(const model *),
		    const char *need, char *buf, size_t len, const char **outdir)
{
	int rc = cli_outdir_too_long(o);

	if (!rc)
		rc = cli_load(o, m, ro);
	if (rc)
		return rc;
	if (has_goal ? !has_goal(m) : !m->ngoals) {
		fprintf(stderr, "%s: [staff] goal: none given; %s needs %s (docs/scenario.md)\n",
			o->scenario, o->verb, need);
		model_fini(m);
		return 2;
	}
	if (cli_outdir_first(o, m, buf, len, outdir)) {
		model_fini(m);
		return 1;
	}
	return 0;
}

int cli_run_verb(cli_opts *o, table_fn table, const extra_file *x)
{
	model m;
	run_opts ro;
	char defdir[16 + SIM_NAME_MAX];
	tally *t = NULL;
	int rc;

	cli_catch_signals(cli_on_signal); /* first: a signal while loading also stops cleanly */
	rc = cli_outdir_too_long(o);
	if (!rc)
		rc = cli_load(o, &m, &ro);
	if (rc)
		return rc;
	const char *outdir = cli_outdir_of(o, &m, defdir, sizeof(defdir));
	rc = cli_simulate(o, &m, &ro, outdir, x, &t);
	if (!rc && !o->quiet) {
		printf("results in %s/\n", outdir);
		for (size_t p = 0; p < m.npolicies && !rc; p++)
			if (table(&m, p, t, (size_t)ro.replications)) {
				fprintf(stderr, "supsim %s: out of memory\n", o->verb);
				rc = 1;
			}
	}
	cli_tallies_destroy(t, m.npolicies * (size_t)ro.replications);
	model_fini(&m);
	return rc;
}
