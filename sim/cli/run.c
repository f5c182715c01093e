/* run.c: `supsim run`: simulate, write the results folder, print a short
 * attainment table per policy. */
#include <stdbool.h>
#include <stdio.h>
#include "cli/simulate.h"

/* One policy's table on stdout: per priority over every tier and channel,
 * the same figures as summary.csv's rows with tier and channel `all`, with
 * the scorecard (abandon and deflected shares, ASA, p90) beside attainment. */
static int print_policy(const model *m, size_t p, const tally *t, size_t reps)
{
	printf("\npolicy %s (%zu replication%s; counts are means per replication; abandoned = %s)\n",
	       m->policy[p].name, reps, reps == 1 ? "" : "s", model_abandon_name[m->abandoned]);
	printf("  %-9s %9s %9s %9s %9s %9s %10s %7s %8s %9s %9s %9s\n", "priority", "arrived",
	       "deflected", "abandoned", "met", "missed", "attainment", "+-95%", "abandon",
	       "deflected", "ASA", "wait p90");
	for (int pi = 0; pi <= (int)m->nprio; pi++) {
		bool all = pi == (int)m->nprio;
		report_figs f;
		char w[32], a[32], h[32], ab[32], de[32], asa[32];
		if (report_figures(t + p * reps, reps, -1, all ? -1 : pi, -1, &f))
			return -1;
		printf("  %-9s %9.1f %9.1f %9.1f %9.1f %9.1f %10s %7s %8s %9s %9s %9s\n",
		       all ? "all" : m->prio_name[pi], f.arrived, f.deflected, f.abandoned,
		       f.met, f.missed, cli_num_text(f.attain.mean, a, sizeof(a)),
		       cli_num_text(f.attain.half, h, sizeof(h)), cli_num_text(f.abandon_share, ab, sizeof(ab)),
		       cli_num_text(f.deflected_share, de, sizeof(de)),
		       cli_wait_text(f.wait_mean_s, asa, sizeof(asa)), cli_wait_text(f.wait_p90_s, w, sizeof(w)));
	}
	return 0;
}

int cmd_run(cli_opts *o)
{
	return cli_run_verb(o, print_policy, NULL);
}
