/* report.c: the result files (report.h): summary.csv, timeseries.csv,
 * teams.csv and tickets.csv, their columns and rows; the folder is
 * folder.c's, the CSV writer csv.c's, the sums over the tallies
 * aggregate.c's. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mem.h"
#include "results/report.h"
#include "results/stats.h"
#include "stop.h"

/* ---- summary.csv ---- */

static const char *const summary_head[] = {
	"policy", "tier", "priority", "channel", "arrived", "deflected", "abandoned",
	"met", "missed", "censored", "attainment", "attainment_ci95", "wait_mean_s",
	"wait_p50_s", "wait_p90_s", "wait_p99_s", "answered", "abandon_share",
	"attainment_reps", "abandoned_in_target", "deflected_share", "goal",
};
#define SUMMARY_NCOLS (sizeof(summary_head) / sizeof(summary_head[0]))

static const char *label_of(const model *m, int kind, int i)
{
	if (i < 0)
		return "all";
	if (kind == 0)
		return m->tier_name[i];
	if (kind == 1)
		return m->prio_name[i];
	return model_channel_name[i];
}

static int summary_row(report_csv *f, const model *m, size_t p, report_agg *a, size_t reps,
		       report_sel pt, err *e)
{
	char num[SUMMARY_NCOLS][REPORT_NUM_MAX];
	const char *fld[SUMMARY_NCOLS];
	report_figs g;

	report_agg_figures(a, reps, &g);
	double counts[] = { g.arrived, g.deflected, g.abandoned, g.met, g.missed, g.censored };
	fld[0] = m->policy[p].name;
	fld[1] = label_of(m, 0, pt.tier);
	fld[2] = label_of(m, 1, pt.prio);
	fld[3] = label_of(m, 2, pt.ch);
	for (size_t i = 0; i < 6; i++)
		fld[4 + i] = report_fmt_count(num[4 + i], counts[i]);
	fld[10] = report_fmt_share(num[10], g.attain.mean);
	fld[11] = report_fmt_share(num[11], g.attain.half);
	fld[12] = report_fmt_seconds(num[12], g.wait_mean_s);
	fld[13] = report_fmt_seconds(num[13], g.wait_p50_s);
	fld[14] = report_fmt_seconds(num[14], g.wait_p90_s);
	fld[15] = report_fmt_seconds(num[15], g.wait_p99_s);
	fld[16] = report_fmt_count(num[16], g.answered);
	fld[17] = report_fmt_share(num[17], g.abandon_share);
	fld[18] = report_fmt_count(num[18], (double)g.attain.n);
	fld[19] = report_fmt_count(num[19], g.abandoned_in_target);
	fld[20] = report_fmt_share(num[20], g.deflected_share);
	/* the [staff] goal of a priority, on its rows over every tier and
	 * channel (the charts draw it as a line) */
	fld[21] = pt.prio >= 0 && pt.tier < 0 && pt.ch < 0 ?
		  report_fmt_share(num[21], m->goal[pt.prio]) : "";
	return report_csv_row(f, fld, SUMMARY_NCOLS, e);
}

/* Rows of policy p: "all" first in each of tier, priority, channel, then
 * the model's order; a row where nothing is "all" only with arrivals, an
 * report_aggregate row for every channel the scenario uses. */
static int summary_policy(report_csv *f, const model *m, size_t p, const tally *t,
			  size_t reps, report_agg *a, err *e)
{
	for (int ti = -1; ti < (int)m->ntiers; ti++)
		for (int pi = -1; pi < (int)m->nprio; pi++)
			for (int ch = -1; ch < SIM_NCH; ch++) {
				report_sel pt = { ti, pi, ch };
				int all = ti < 0 || pi < 0 || ch < 0;
				if (all && ch >= 0 && !m->channel[ch].used && ch != CH_SELF)
					all = 0;
				if (sim_stopping()) /* a row can take long with many reps */
					return err_set(e, "summary.csv", 0, "interrupted");
				report_aggregate(a, t, reps, pt);
				if (!all && a->arrived == 0)
					continue;
				if (summary_row(f, m, p, a, reps, pt, e))
					return -1;
			}
	return 0;
}

int report_summary(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	report_agg a = { 0 };
	report_csv *f;
	int rc = -1;

	if (reps == 0)
		return err_set(e, "summary.csv", 0, "no replications");
	a.attain = mem_calloc(reps, sizeof(*a.attain));
	a.hist = mem_calloc(TALLY_HIST_BUCKETS, sizeof(*a.hist));
	if (!a.attain || !a.hist) {
		err_set(e, "summary.csv", 0, "%s", strerror(ENOMEM));
		goto out;
	}
	f = report_csv_open(r, "summary.csv", summary_head, SUMMARY_NCOLS, e);
	if (!f)
		goto out;
	for (size_t p = 0; p < m->npolicies; p++)
		if (summary_policy(f, m, p, t + p * reps, reps, &a, e)) {
			report_csv_close(f, NULL);
			goto out;
		}
	rc = report_csv_close(f, e);
out:
	free(a.attain);
	free(a.hist);
	return rc;
}

/* ---- timeseries.csv ---- */

static const char *const series_head[] = {
	"policy", "time", "arrived", "backlog", "agents_on_shift", "agents_busy",
	"attainment", "met", "missed",
};
#define SERIES_NCOLS (sizeof(series_head) / sizeof(series_head[0]))

/* Means over replications of hour h of policy p's tallies t[0..reps). */
static int series_row(report_csv *f, const model *m, size_t p, const tally *t,
		      size_t reps, size_t h, double *attain, err *e)
{
	char num[SERIES_NCOLS][REPORT_NUM_MAX];
	const char *fld[SERIES_NCOLS];
	double arrived = 0, backlog = 0, onshift = 0, busy = 0, met = 0, missed = 0;
	double from = m->warmup_s + 3600.0 * h;

	for (size_t r = 0; r < reps; r++) {
		arrived += t[r].h_arrived[h];
		backlog += t[r].h_backlog[h];
		onshift += t[r].h_onshift[h];
		busy += t[r].h_busy[h];
		met += t[r].h_met[h];
		missed += t[r].h_missed[h];
		attain[r] = stats_ratio(t[r].h_met[h], (double)t[r].h_met[h] + t[r].h_missed[h]);
	}
	fld[0] = m->policy[p].name;
	fld[1] = report_fmt_time(num[1], m->start_unix + (int64_t)floor(from));
	fld[2] = report_fmt_count(num[2], arrived / reps);
	fld[3] = report_fmt_count(num[3], backlog / reps);
	/* the tally's rows are already time averages over the hour */
	fld[4] = report_fmt_share(num[4], onshift / reps);
	fld[5] = report_fmt_share(num[5], busy / reps);
	fld[6] = report_fmt_share(num[6], stats_mean_ci95(attain, reps).mean);
	fld[7] = report_fmt_count(num[7], met / reps);
	fld[8] = report_fmt_count(num[8], missed / reps);
	return report_csv_row(f, fld, SERIES_NCOLS, e);
}

int report_timeseries(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	double *attain;
	report_csv *f;

	if (reps == 0)
		return err_set(e, "timeseries.csv", 0, "no replications");
	attain = mem_calloc(reps, sizeof(*attain));
	if (!attain)
		return err_set(e, "timeseries.csv", 0, "%s", strerror(ENOMEM));
	f = report_csv_open(r, "timeseries.csv", series_head, SERIES_NCOLS, e);
	if (!f) {
		free(attain);
		return -1;
	}
	for (size_t p = 0; p < m->npolicies; p++) {
		const tally *tp = t + p * reps;
		for (size_t h = 0; h < tp->nhours; h++)
			if ((sim_stopping() && err_set(e, "timeseries.csv", 0, "interrupted")) ||
			    series_row(f, m, p, tp, reps, h, attain, e)) {
				report_csv_close(f, NULL);
				free(attain);
				return -1;
			}
	}
	free(attain);
	return report_csv_close(f, e);
}

/* ---- teams.csv ---- */

static const char *const teams_head[] = {
	"policy", "team", "agents", "occupancy", "overtime_h", "occupancy_ci95",
	"onshift_h", "busy_h", "paid_hours",
};
#define TEAMS_NCOLS (sizeof(teams_head) / sizeof(teams_head[0]))

static int teams_row(report_csv *f, const model *m, size_t p, const tally *t,
		     size_t reps, size_t i, double *occ, err *e)
{
	char num[TEAMS_NCOLS][REPORT_NUM_MAX];
	const char *fld[TEAMS_NCOLS];
	double over = 0, onshift = 0, busy = 0;

	for (size_t r = 0; r < reps; r++) {
		occ[r] = stats_ratio(t[r].busy_s[i], t[r].avail_s[i]);
		over += t[r].overtime_s[i];
		onshift += t[r].onshift_s[i];
		busy += t[r].busy_s[i];
	}
	stats_ci oc = stats_mean_ci95(occ, reps);
	fld[0] = m->policy[p].name;
	fld[1] = m->policy[p].teams[i].name;
	fld[2] = report_fmt_count(num[2], m->policy[p].teams[i].agents);
	fld[3] = report_fmt_share(num[3], oc.mean);
	fld[4] = report_fmt_seconds(num[4], over / reps / 3600);
	fld[5] = report_fmt_share(num[5], oc.half);
	fld[6] = report_fmt_seconds(num[6], onshift / reps / 3600);
	fld[7] = report_fmt_seconds(num[7], busy / reps / 3600);
	/* paid: every scheduled hour (shrinkage is paid time) and overtime */
	fld[8] = report_fmt_seconds(num[8], (onshift + over) / reps / 3600);
	return report_csv_row(f, fld, TEAMS_NCOLS, e);
}

int report_teams(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	double *occ;
	report_csv *f;

	if (reps == 0)
		return err_set(e, "teams.csv", 0, "no replications");
	occ = mem_calloc(reps, sizeof(*occ));
	if (!occ)
		return err_set(e, "teams.csv", 0, "%s", strerror(ENOMEM));
	f = report_csv_open(r, "teams.csv", teams_head, TEAMS_NCOLS, e);
	if (!f) {
		free(occ);
		return -1;
	}
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t i = 0; i < m->policy[p].nteams; i++)
			if (teams_row(f, m, p, t + p * reps, reps, i, occ, e)) {
				report_csv_close(f, NULL);
				free(occ);
				return -1;
			}
	free(occ);
	return report_csv_close(f, e);
}

/* ---- tickets.csv ---- */

static const char *const tickets_head[] = {
	"policy", "rep", "id", "segment", "tier", "role", "priority", "channel",
	"arrival_s", "response_s", "end_s", "team", "outcome", "preferred", "work_s",
};
#define TICKETS_NCOLS (sizeof(tickets_head) / sizeof(tickets_head[0]))

/* A text of a field, in report_trace.txt. */
typedef struct field_txt {
	size_t off, len;
} field_txt;

#define TRACE_FLUSH (1u << 16) /* bytes of rows buffered before a write */

/* Rows are assembled in buf from texts made once per sink (names, quoted
 * as report_csv_row quotes them) and numbers written with integer
 * arithmetic (report_put_*), the same bytes as report_csv_row with
 * report_fmt_seconds would write, without printf's cost per field. */
struct report_trace {
	report_csv *f;
	const model *m;
	size_t p;
	int rep;
	int failed;
	err e;
	char *txt;                   /* every text below */
	size_t ntxt, txtcap;
	field_txt head;              /* "policy,rep," */
	field_txt *seg;              /* "segment,tier,role," per segment */
	field_txt *prio;             /* "priority," per priority */
	field_txt chan[SIM_NCH];     /* "channel," */
	field_txt pref[SIM_NCH];     /* "preferred," */
	field_txt *team;             /* "team," per team of the policy; [-1]: none */
	field_txt out[OUT_N];        /* "outcome," */
	char *buf;                   /* rows not yet written */
	size_t len, cap;
};

/* Append to tr->txt fields a and b (b may be NULL), each followed by a
 * comma, as one text. */
static int txt_add(report_trace *tr, field_txt *ft, const char *a, const char *b)
{
	size_t need = 2 * (strlen(a) + (b ? strlen(b) : 0)) + 8;

	if (mem_grow((void **)&tr->txt, &tr->txtcap, tr->ntxt + need, 1, 256))
		return -1;
	char *p = tr->txt + tr->ntxt;
	p = report_put_field(p, a);
	*p++ = ',';
	if (b) {
		p = report_put_field(p, b);
		*p++ = ',';
	}
	ft->off = tr->ntxt;
	ft->len = (size_t)(p - (tr->txt + tr->ntxt));
	tr->ntxt += ft->len;
	return 0;
}

static void trace_free(report_trace *tr)
{
	free(tr->txt);
	free(tr->seg);
	free(tr->prio);
	free(tr->team);
	free(tr->buf);
	free(tr);
}

/* The texts of sink tr (policy p, replication rep); 0 or -1 (ENOMEM). */
static int trace_texts(report_trace *tr, const model *m, size_t p, int rep)
{
	const policy_model *pm = &m->policy[p];
	char num[REPORT_NUM_MAX];

	tr->seg = mem_calloc(m->nsegments + 1, sizeof(*tr->seg));
	tr->prio = mem_calloc(m->nprio + 1, sizeof(*tr->prio));
	tr->team = mem_calloc(pm->nteams + 1, sizeof(*tr->team));
	if (!tr->seg || !tr->prio || !tr->team)
		return -1;
	*report_put_u64(num, (uint64_t)rep + 1) = '\0';
	if (txt_add(tr, &tr->head, pm->name, num) || txt_add(tr, &tr->team[0], "", NULL))
		return -1;
	for (size_t s = 0; s < m->nsegments; s++) {
		const segment_model *sm = &m->segment[s];
		field_txt a, b;
		/* "segment,tier," then "role," right after it: one text */
		if (txt_add(tr, &a, sm->name, m->tier_name[sm->tier]) ||
		    txt_add(tr, &b, model_role_name[sm->role], NULL))
			return -1;
		tr->seg[s] = (field_txt){ a.off, a.len + b.len };
	}
	for (size_t i = 0; i < m->nprio; i++)
		if (txt_add(tr, &tr->prio[i], m->prio_name[i], NULL))
			return -1;
	for (int ch = 0; ch < SIM_NCH; ch++)
		if (txt_add(tr, &tr->chan[ch], model_channel_name[ch], NULL) ||
		    txt_add(tr, &tr->pref[ch], model_channel_name[ch], NULL))
			return -1;
	for (size_t k = 0; k < pm->nteams; k++)
		if (txt_add(tr, &tr->team[k + 1], pm->teams[k].name, NULL))
			return -1;
	for (int o = 0; o < OUT_N; o++)
		if (txt_add(tr, &tr->out[o], tally_outcome_name[o], NULL))
			return -1;
	/* a row takes one text of each kind (at most all of them), the id,
	 * four numbers and the commas and line end after them */
	tr->cap = TRACE_FLUSH + tr->ntxt + 24 + 4 * REPORT_NUM_MAX + 8;
	tr->buf = mem_alloc(tr->cap);
	return tr->buf ? 0 : -1;
}

static int part_name(char *buf, size_t len, size_t p, size_t rep)
{
	return snprintf(buf, len, "tickets.%zu.%zu.part", p, rep) >= (int)len ? -1 : 0;
}

report_trace *report_trace_open(report *r, const model *m, size_t p, int rep, err *e)
{
	report_trace *tr = mem_calloc(1, sizeof(*tr));
	char name[64];

	if (!tr) {
		err_set(e, "tickets.csv", 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	if (rep < 0 || part_name(name, sizeof(name), p, (size_t)rep)) {
		free(tr);
		err_set(e, "tickets.csv", 0, "bad replication %d", rep);
		return NULL;
	}
	if (trace_texts(tr, m, p, rep)) {
		trace_free(tr);
		err_set(e, "tickets.csv", 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	tr->f = report_csv_open_in(r, name, e);
	if (!tr->f) {
		trace_free(tr);
		return NULL;
	}
	tr->m = m;
	tr->p = p;
	tr->rep = rep;
	return tr;
}

static char *put_txt(char *p, const report_trace *tr, field_txt t)
{
	memcpy(p, tr->txt + t.off, t.len);
	return p + t.len;
}

/* Write the rows buffered; 0 or -1 (tr->failed, tr->e set). */
static int trace_flush(report_trace *tr)
{
	if (tr->len && report_csv_write(tr->f, tr->buf, tr->len, &tr->e)) {
		tr->failed = 1;
		return -1;
	}
	tr->len = 0;
	return 0;
}

int report_trace_fn(void *ctx, const ticket_rec *t)
{
	report_trace *tr = ctx;
	char *p0, *p;

	if (tr->failed)
		return -1;
	p = p0 = tr->buf + tr->len;
	p = put_txt(p, tr, tr->head);
	p = report_put_u64(p, t->id);
	*p++ = ',';
	p = put_txt(p, tr, tr->seg[t->segment]);
	p = put_txt(p, tr, tr->prio[t->priority]);
	p = put_txt(p, tr, tr->chan[t->channel]);
	p = report_put_seconds(p, t->arrival_s);
	*p++ = ',';
	p = report_put_seconds(p, t->response_s);
	*p++ = ',';
	p = report_put_seconds(p, t->end_s);
	*p++ = ',';
	p = put_txt(p, tr, tr->team[t->team >= 0 ? t->team + 1 : 0]);
	p = put_txt(p, tr, tr->out[t->out]);
	p = put_txt(p, tr, tr->pref[t->preferred]);
	if (t->channel != CH_SELF)
		p = report_put_seconds(p, t->work_s);
	*p++ = '\n';
	tr->len += (size_t)(p - p0);
	return tr->len >= TRACE_FLUSH ? trace_flush(tr) : 0;
}

const err *report_trace_err(const report_trace *tr)
{
	return &tr->e;
}

int report_trace_close(report_trace *tr, err *e)
{
	int rc;

	if (!tr)
		return 0;
	if (!tr->failed)
		trace_flush(tr);
	rc = report_csv_close(tr->f, tr->failed ? NULL : e);
	if (tr->failed && e)
		*e = tr->e;
	rc = tr->failed ? -1 : rc;
	trace_free(tr);
	return rc;
}

int report_tickets(report *r, size_t npolicies, size_t reps, err *e)
{
	report_csv *f = report_csv_open(r, "tickets.csv", tickets_head, TICKETS_NCOLS, e);
	char name[64], path[PATH_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < npolicies; p++)
		for (size_t rep = 0; rep < reps; rep++) {
			if (part_name(name, sizeof(name), p, rep) || report_path_join(path, report_tmp_path(r), name)) {
				report_csv_close(f, NULL);
				return err_set(e, report_tmp_path(r), 0, "%s", strerror(ENAMETOOLONG));
			}
			if (report_csv_append(f, path, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}
