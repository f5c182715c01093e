/* compare.c: `supsim compare`: run, plus compare.csv and each policy's
 * paired differences to the first (decide/compare). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include "cli/simulate.h"
#include "decide/compare.h"

/* A paired difference "+0.0123 +-0.0045", "-" when undefined. */
static const char *diff_text(const stats_ci *d, char *buf, size_t len)
{
	if (isnan(d->mean))
		snprintf(buf, len, "-");
	else if (isnan(d->half))
		snprintf(buf, len, "%+.4f", d->mean);
	else
		snprintf(buf, len, "%+.4f +-%.4f", d->mean, d->half);
	return buf;
}

/* compare's opening: every policy's scorecard over all tickets, so that no
 * attainment is read without what it cost (docs/results.md). */
static int print_scorecard(const model *m, const tally *t, size_t reps)
{
	printf("\nscorecard (every tier, priority and channel; means over %zu replications;"
	       " [scenario] abandoned = %s)\n  %-20s %11s %8s %9s %9s %10s %10s %11s\n", reps,
	       model_abandon_name[m->abandoned], "policy", "attainment", "+-95%", "abandon",
	       "deflected", "ASA", "wait p90", "paid h");
	for (size_t p = 0; p < m->npolicies; p++) {
		compare_row row;
		report_figs f;
		char a[32], h[32], ab[32], de[32], w[32], w9[32];
		if (compare_row_of(m, t, reps, p, -1, -1, &row) ||
		    report_figures(t + p * reps, reps, -1, -1, -1, &f))
			return -1;
		printf("  %-20s %11s %8s %9s %9s %10s %10s %11.1f\n", m->policy[p].name,
		       cli_num_text(row.attain.mean, a, sizeof(a)), cli_num_text(row.attain.half, h, sizeof(h)),
		       cli_num_text(f.abandon_share, ab, sizeof(ab)),
		       cli_num_text(f.deflected_share, de, sizeof(de)),
		       cli_wait_text(f.wait_mean_s, w, sizeof(w)), cli_wait_text(f.wait_p90_s, w9, sizeof(w9)),
		       row.paid_h.mean);
	}
	return 0;
}

/* The plain sentence under a policy whose attainment gain comes with more
 * abandoned or deflected contacts. */
static void print_costly_gain(const model *m, size_t p, const compare_row *row)
{
	char d[64], ab[64], de[64];

	printf("  NOTE: %s raises attainment by %s over %s while its abandon share changes by"
	       " %s and its deflected share (contacts sent to self-service, never answered) by"
	       " %s\n", m->policy[p].name, diff_text(&row->diff, d, sizeof(d)), m->policy[0].name,
	       diff_text(&row->abandon_diff, ab, sizeof(ab)),
	       diff_text(&row->deflected_diff, de, sizeof(de)));
}

/* Policy p against the first: attainment and its paired difference per
 * priority and over all, every tier and channel, with the abandon and
 * deflected shares' differences beside it. */
static int print_compare(const model *m, size_t p, const tally *t, size_t reps)
{
	if (p == 0 && print_scorecard(m, t, reps))
		return -1;
	if (p == 0)
		printf("\npaired differences to policy %s (same tickets; 95%% intervals across"
		       " %zu replications)\n  %-20s %-9s %11s %8s %19s %19s %19s\n",
		       m->policy[0].name, reps, "policy", "priority", "attainment", "+-95%",
		       "attainment diff", "abandon diff", "deflected diff");
	for (int pi = 0; pi <= (int)m->nprio; pi++) {
		bool all = pi == (int)m->nprio;
		compare_row row;
		char a[32], h[32], d[64], ab[64], de[64];
		if (compare_row_of(m, t, reps, p, -1, all ? -1 : pi, &row))
			return -1;
		printf("  %-20s %-9s %11s %8s %19s %19s %19s\n", m->policy[p].name,
		       all ? "all" : m->prio_name[pi], cli_num_text(row.attain.mean, a, sizeof(a)),
		       cli_num_text(row.attain.half, h, sizeof(h)), diff_text(&row.diff, d, sizeof(d)),
		       diff_text(&row.abandon_diff, ab, sizeof(ab)),
		       diff_text(&row.deflected_diff, de, sizeof(de)));
		if (all && p > 0 && compare_costly_gain(&row))
			print_costly_gain(m, p, &row);
	}
	return 0;
}

static int write_compare(report *rep, const model *m, const tally *t, size_t reps,
			 const void *ctx, err *e)
{
	(void)ctx;
	return compare_write(rep, m, t, reps, e);
}

int cmd_compare(cli_opts *o)
{
	extra_file x = { write_compare, NULL };

	return cli_run_verb(o, print_compare, &x);
}
