/* bench/engine.c: the event loop's speed and memory on a 50-agent M/M/c at
 * load 0.9 (FIFO, exponential handling of mean 60 s, tally on, no trace).
 * Usage: engine [TICKETS] (default 10 million).  Prints one line:
 * tickets, events, CPU seconds of the run, events/s, ns/event, peak RSS
 * (getrusage ru_maxrss), mean wait and occupancy (to compare with
 * bench/floor.c, the same queue written as simply as possible). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "../tests/model_fixture.h"
#include "cputime.h"
#include "engine/run.h"

int main(int argc, char **argv)
{
	double tickets = argc > 1 ? atof(argv[1]) : 1e7;
	const double mean_s = 60, load = 0.9;
	const int agents = 50;
	fx_spec s = { 0 };
	model m;
	tally t;
	err e;
	struct rusage ru;

	if (!(tickets >= 1)) {
		fprintf(stderr, "usage: engine [TICKETS]\n");
		return 2;
	}
	s.rate_per_s = load * agents / mean_s;
	s.horizon_s = tickets / s.rate_per_s;
	s.warmup_s = 3600;
	s.seed = 1;
	if (dist_make_exp(&s.handle[CH_WEB], mean_s))
		return 1;
	s.pol[0] = (fx_policy){ "fifo", DISC_FIFO, agents, 0 };
	if (fx_build(&m, &s) || tally_init(&t, &m, 0)) {
		fprintf(stderr, "engine: out of memory\n");
		return 1;
	}
	run_ctx *c = run_ctx_create(&m);
	if (!c) {
		fprintf(stderr, "engine: out of memory\n");
		return 1;
	}
	double t0 = cpu_seconds();
	if (run_one(c, 0, 0, s.seed, &t, NULL, NULL, NULL, &e)) {
		fprintf(stderr, "engine: %s\n", e.msg);
		return 1;
	}
	double dt = cpu_seconds() - t0;
	if (getrusage(RUSAGE_SELF, &ru)) {
		perror("getrusage");
		return 1;
	}
	uint64_t arrived = 0, answered = 0;
	double wait = 0;
	for (size_t i = 0; i < t.ncells; i++) {
		arrived += t.arrived[i];
		answered += t.answered[i];
		wait += t.wait_sum_s[i];
	}
	printf("tickets %llu events %llu seconds %.3f events/s %.0f ns/event %.1f "
	       "peak_rss_mib %.1f mean_wait_s %.3f occupancy %.4f\n",
	       (unsigned long long)arrived, (unsigned long long)t.events, dt,
	       (double)t.events / dt, dt * 1e9 / (double)t.events, ru.ru_maxrss / 1024.0,
	       wait / (double)answered, t.busy_s[0] / t.onshift_s[0]);
	run_ctx_destroy(c);
	tally_fini(&t);
	model_fini(&m);
	dist_fini(&s.handle[CH_WEB]);
	return 0;
}
