/* hourly.c: hourly.csv, one row per policy x hour x priority x channel
 * (`all` included; channels without a [channel] section left out, but
 * selfservice, where deflected contacts count), in long format so that one
 * gnuplot line selects a priority or a channel (scripts/hourly.gp). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "tz.h"
#include "results/hourly.h"
#include "results/stats.h"
#include "stop.h"

static const char *const hourly_head[] = {
	"policy", "time", "local_time", "priority", "channel", "arrived", "met", "missed",
	"abandoned", "deflected", "wait_mean_s", "abandoned_in_target", "attainment",
};
#define HOURLY_NCOLS (sizeof(hourly_head) / sizeof(hourly_head[0]))

/* Sums of one hour's cells matching prio, ch (-1: all) in one tally. */
typedef struct hsum {
	double arrived, met, missed, abandoned, abandoned_in, deflected, answered, wait_s;
} hsum;

static void hour_sum(const tally *t, size_t h, int prio, int ch, hsum *s)
{
	for (size_t p = 0; p < t->nprio; p++)
		for (size_t c = 0; c < SIM_NCH; c++) {
			if ((prio >= 0 && (size_t)prio != p) || (ch >= 0 && (size_t)ch != c))
				continue;
			size_t i = tally_hcell(t, h, p, c);
			s->arrived += t->hc_arrived[i];
			s->met += t->hc_met[i];
			s->missed += t->hc_missed[i];
			s->abandoned += t->hc_abandoned[i];
			s->abandoned_in += t->hc_abandoned_in[i];
			s->deflected += t->hc_deflected[i];
			s->answered += t->hc_answered[i];
			s->wait_s += t->hc_wait_s[i];
		}
}

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" of a Unix instant in zone. */
static const char *local_text(char *buf, const char *zone, int64_t unix_s)
{
	int off = tz_offset(zone, unix_s);
	time_t tt = (time_t)(unix_s + off);
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, REPORT_NUM_MAX, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 off < 0 ? '-' : '+', abs(off) / 3600, abs(off) % 3600 / 60);
	return buf;
}

static int hourly_row(report_csv *f, const model *m, size_t p, const tally *t, size_t reps,
		      size_t h, int prio, int ch, double *att, err *e)
{
	char num[HOURLY_NCOLS][REPORT_NUM_MAX];
	const char *fld[HOURLY_NCOLS];
	hsum s = { 0 };
	int64_t at = m->start_unix + (int64_t)floor(m->warmup_s + 3600.0 * (double)h);

	for (size_t r = 0; r < reps; r++) {
		hsum one = { 0 };
		hour_sum(&t[r], h, prio, ch, &one);
		double lost = (double)tally_abandons_missed(t[r].abandon, (uint64_t)one.abandoned,
							    (uint64_t)one.abandoned_in);
		att[r] = stats_ratio(one.met, one.met + one.missed + lost);
		hour_sum(&t[r], h, prio, ch, &s);
	}
	double n = (double)reps;
	fld[0] = m->policy[p].name;
	fld[1] = report_fmt_time(num[1], at);
	fld[2] = local_text(num[2], m->timezone, at);
	fld[3] = prio < 0 ? "all" : m->prio_name[prio];
	fld[4] = ch < 0 ? "all" : model_channel_name[ch];
	fld[5] = report_fmt_count(num[5], s.arrived / n);
	fld[6] = report_fmt_count(num[6], s.met / n);
	fld[7] = report_fmt_count(num[7], s.missed / n);
	fld[8] = report_fmt_count(num[8], s.abandoned / n);
	fld[9] = report_fmt_count(num[9], s.deflected / n);
	fld[10] = report_fmt_seconds(num[10], stats_ratio(s.wait_s, s.answered));
	fld[11] = report_fmt_count(num[11], s.abandoned_in / n);
	fld[12] = report_fmt_share(num[12], stats_mean_ci95(att, reps).mean);
	return report_csv_row(f, fld, HOURLY_NCOLS, e);
}

static int hourly_policy(report_csv *f, const model *m, size_t p, const tally *t, size_t reps,
			 double *att, err *e)
{
	for (size_t h = 0; h < t->nhours; h++) {
		if (sim_stopping()) /* many hours times many replications */
			return err_set(e, "hourly.csv", 0, "interrupted");
		for (int pi = -1; pi < (int)m->nprio; pi++)
			for (int ch = -1; ch < SIM_NCH; ch++) {
				if (ch >= 0 && !m->channel[ch].used && ch != CH_SELF)
					continue;
				if (hourly_row(f, m, p, t, reps, h, pi, ch, att, e))
					return -1;
			}
	}
	return 0;
}

int report_hourly(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	double *att;
	report_csv *f;
	int rc = 0;

	if (reps == 0)
		return err_set(e, "hourly.csv", 0, "no replications");
	att = mem_calloc(reps, sizeof(*att));
	if (!att)
		return err_set(e, "hourly.csv", 0, "%s", strerror(ENOMEM));
	f = report_csv_open(r, "hourly.csv", hourly_head, HOURLY_NCOLS, e);
	if (!f) {
		free(att);
		return -1;
	}
	for (size_t p = 0; p < m->npolicies && !rc; p++)
		rc = hourly_policy(f, m, p, t + p * reps, reps, att, e);
	free(att);
	if (rc) {
		report_csv_close(f, NULL);
		return -1;
	}
	return report_csv_close(f, e);
}
