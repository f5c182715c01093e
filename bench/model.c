/* bench/model.c: the event loop's speed on a whole scenario (bench/spring.ini:
 * patience, breaks, business clocks, assist rules, tiers, four priorities,
 * three channels).  Loads the scenario as `supsim run` does, then runs every
 * policy x replication one after the other on one run_ctx, no trace; only
 * the runs are timed (CPU time; not the loading).  Events are the tally's
 * count of events dispatched (tally.events).
 * Usage: model SCENARIO.ini [S.K=V]...  (each argument after the scenario is
 * a --set text).  Prints one line: policies, replications, tickets (counted,
 * after the warm-up), events, seconds, ns/event, peak RSS. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "cputime.h"
#include "engine/run.h"
#include "input/scenario.h"

/* Every policy x replication of m; adds to *tickets and *events. */
static int run_all(const model *m, uint64_t *tickets, uint64_t *events)
{
	run_ctx *c = run_ctx_create(m);
	int rc = 0;
	err e;

	if (!c) {
		fprintf(stderr, "model: out of memory\n");
		return -1;
	}
	for (size_t p = 0; p < m->npolicies && !rc; p++) {
		tally t;
		if (tally_init(&t, m, p)) {
			fprintf(stderr, "model: out of memory\n");
			rc = -1;
			break;
		}
		for (int r = 0; r < m->replications && !rc; r++) {
			if (run_one(c, p, r, m->seed, &t, NULL, NULL, NULL, &e)) {
				fprintf(stderr, "model: %s\n", e.msg);
				rc = -1;
			}
			for (size_t i = 0; i < t.ncells; i++)
				*tickets += t.arrived[i];
			*events += t.events;
		}
		tally_fini(&t);
	}
	run_ctx_destroy(c);
	return rc;
}

int main(int argc, char **argv)
{
	uint64_t tickets = 0, events = 0;
	struct rusage ru;
	char buf[1200];
	model m;
	err e;

	if (argc < 2) {
		fprintf(stderr, "usage: model SCENARIO.ini [S.K=V]...\n");
		return 2;
	}
	if (scenario_load(argv[1], (const char *const *)argv + 2, (size_t)argc - 2, &m, &e)) {
		fprintf(stderr, "%s\n", err_format(&e, buf, sizeof(buf)));
		return 2;
	}
	double t0 = cpu_seconds();
	int rc = run_all(&m, &tickets, &events);
	double dt = cpu_seconds() - t0;
	if (!rc && getrusage(RUSAGE_SELF, &ru)) {
		perror("getrusage");
		rc = -1;
	}
	if (!rc)
		printf("policies %zu reps %d tickets %llu events %llu seconds %.3f "
		       "ns/event %.1f peak_rss_mib %.1f\n",
		       m.npolicies, m.replications, (unsigned long long)tickets,
		       (unsigned long long)events, dt, dt * 1e9 / (double)events,
		       ru.ru_maxrss / 1024.0);
	model_fini(&m);
	return rc ? 1 : 0;
}
