/* record.c: what is counted: every tally write of a run (answers,
 * abandonments, deflections, hour rows, team time at the end) and every
 * ticket handed to the trace callback. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/run_impl.h"

static size_t hour_of(const run_ctx *c, double t_s)
{
	size_t h = (size_t)((t_s - c->warmup) / 3600.0);

	return h < c->t->nhours ? h : c->t->nhours - 1;
}

/* The first instant x with hour_of(c, x) >= h: hour_of is nondecreasing
 * in x (a subtraction, a division and a truncation, each monotone), so
 * step from warmup + h hours to the exact edge of the rounded arithmetic. */
static double hour_edge(const run_ctx *c, size_t h)
{
	double x = c->warmup + 3600.0 * (double)h, y;

	while ((y = nextafter(x, -INFINITY)) >= c->warmup && hour_of(c, y) >= h)
		x = y;
	while (hour_of(c, x) < h)
		x = nextafter(x, INFINITY);
	return x;
}

/* The row of arrivals at now and the first instant of the next one (once
 * per row: out of line, away from rec_arrival's registers). */
__attribute__((noinline)) static void arrival_row(run_ctx *c)
{
	c->arr_hour = hour_of(c, c->now);
	c->arr_edge = c->arr_hour + 1 < c->t->nhours ? hour_edge(c, c->arr_hour + 1) : INFINITY;
}

/* A ticket arrived now: its hour row, when counted.  Arrivals come in time
 * order, so the row is found by one comparison with the next row's first
 * instant (the division of hour_of once per row). */
void rec_arrival(run_ctx *c, ticket *t)
{
	if (t->counted) {
		if (c->now >= c->arr_edge)
			arrival_row(c);
		t->hour = (uint32_t)c->arr_hour;
		c->t->h_arrived[t->hour] += 1;
	}
}

/* It arrived on channel t->ch (not deflected), its deadline set. */
void rec_arrived(run_ctx *c, const ticket *t)
{
	if (t->counted) {
		c->t->arrived[tally_cell(c->t, t->tier, t->prio, (size_t)t->ch)]++;
		c->t->hc_arrived[tally_hcell(c->t, t->hour, t->prio, (size_t)t->ch)]++;
	}
}

/* Close the current hour row at now. */
static void hour_flush(run_ctx *c)
{
	double busy = 0, onshift = 0, dur = c->now - c->hour_start;

	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_advance(&c->team[k], c->now);
		busy += team_busy(&c->team[k], c->now);
		onshift += c->team[k].onshift;
	}
	if (dur > 0) {
		c->t->h_busy[c->hour] = (busy - c->hbusy_prev) / dur;
		c->t->h_onshift[c->hour] = (onshift - c->honshift_prev) / dur;
	}
	c->hbusy_prev = busy;
	c->honshift_prev = onshift;
}

void rec_on_hour(run_ctx *c, size_t h)
{
	if (c->hour_started) {
		hour_flush(c);
	} else {
		/* the warm-up ends: team time counts from here */
		for (size_t k = 0; k < c->pol->nteams; k++) {
			team_rt *T = &c->team[k];
			team_advance(T, c->now);
			T->onshift = T->avail = T->over = 0;
			T->busy_base = -(T->nbusy * c->now);
		}
		c->hour_started = 1;
	}
	c->hour = h;
	c->hour_start = c->now;
	c->t->h_backlog[h] = c->q.total;
	if (h + 1 < c->t->nhours)
		event_push(&c->cal, c->warmup + 3600.0 * (double)(h + 1), EV_HOUR,
			   (uint32_t)(h + 1));
}

void rec_emit(run_ctx *c, const ticket *t, channel_id ch, double response_s,
	      double end_s, outcome out)
{
	if (!c->trace || c->failed)
		return;
	ticket_rec r = {
		.segment = t->segment, .id = t->id, .priority = t->prio,
		.preferred = (channel_id)t->pref, .channel = ch,
		.arrival_s = t->arrival_s, .response_s = response_s,
		.end_s = end_s, .team = t->team, .out = out,
		.work_s = ch == CH_SELF ? 0 : t->work_s,
	};
	if (c->trace(c->trace_ctx, &r))
		c->failed = c->done = 1; /* the loop stops and returns -1 */
}

/* The outcome of a ticket an agent took (rec_count_answer judged it). */
outcome rec_answered_outcome(const run_ctx *c, const ticket *t)
{
	(void)c;
	if (!t->counted)
		return OUT_WARMUP;
	return t->met ? OUT_MET : OUT_MISSED;
}

/* An agent started on t: its wait and SLA outcome are final (kept in
 * t->met for its trace record). */
void rec_count_answer(run_ctx *c, ticket *t)
{
	tally *ty = c->t;
	size_t cell = tally_cell(ty, t->tier, t->prio, t->ch);
	double wait = t->response_s - t->arrival_s;

	if (!t->counted)
		return;
	size_t hc = tally_hcell(ty, t->hour, t->prio, t->ch);
	ty->answered[cell]++;
	ty->wait_sum_s[cell] += wait;
	ty->hist[cell * TALLY_HIST_BUCKETS + tally_hist_bucket(wait)]++;
	ty->hc_answered[hc]++;
	ty->hc_wait_s[hc] += wait;
	t->met = (uint8_t)sla_in_time(c, t, t->response_s);
	if (t->met) {
		ty->met[cell]++;
		ty->h_met[t->hour]++;
		ty->hc_met[hc]++;
	} else {
		ty->missed[cell]++;
		ty->h_missed[t->hour]++;
		ty->hc_missed[hc]++;
	}
}

/* A counted customer left before an agent answered: abandoned, and within
 * its target or not (on its clock, as a met answer is judged); timeseries'
 * missed takes the abandonments [scenario] abandoned counts as missed. */
void rec_count_abandon(run_ctx *c, const ticket *t)
{
	tally *ty = c->t;
	size_t cell = tally_cell(ty, t->tier, t->prio, t->ch);
	size_t hc = tally_hcell(ty, t->hour, t->prio, t->ch);
	int in = sla_in_time(c, t, c->now);

	ty->abandoned[cell]++;
	ty->hc_abandoned[hc]++;
	if (in) {
		ty->abandoned_in_target[cell]++;
		ty->hc_abandoned_in[hc]++;
	}
	ty->h_missed[t->hour] += (uint32_t)tally_abandons_missed(ty->abandon, 1, (uint64_t)in);
}

void rec_deflect(run_ctx *c, ticket *t)
{
	if (t->counted) {
		size_t cell = tally_cell(c->t, t->tier, t->prio, CH_SELF);
		size_t hc = tally_hcell(c->t, t->hour, t->prio, CH_SELF);
		c->t->arrived[cell]++;
		c->t->deflected[cell]++;
		c->t->hc_arrived[hc]++;
		c->t->hc_deflected[hc]++;
	}
	t->team = -1;
	rec_emit(c, t, CH_SELF, NAN, NAN, t->counted ? OUT_DEFLECTED : OUT_WARMUP);
}

/* The horizon: team time and the last hour row close; tickets waiting are
 * missed or censored, tickets in hand are traced with their handling end. */
void rec_on_end(run_ctx *c)
{
	tally *ty = c->t;

	if (c->hour_started)
		hour_flush(c);
	for (size_t k = 0; k < c->pol->nteams; k++) {
		team_rt *T = &c->team[k];
		team_advance(T, c->now);
		if (c->hour_started) {
			ty->busy_s[k] = team_busy(T, c->now);
			ty->onshift_s[k] = T->onshift;
			ty->avail_s[k] = T->avail;
			ty->overtime_s[k] = T->over;
		}
	}
	for (uint32_t i = 0; i < c->tcap; i++) {
		ticket *t = &c->tk[i];
		if (t->state == TK_SERVING) {
			rec_emit(c, t, (channel_id)t->ch, t->response_s,
			     t->response_s + t->work_s, rec_answered_outcome(c, t));
		} else if (t->state == TK_WAITING) {
			outcome out = OUT_WARMUP;
			size_t cell = tally_cell(ty, t->tier, t->prio, t->ch);
			if (t->counted && !sla_in_time(c, t, c->now)) {
				out = OUT_MISSED;
				ty->missed[cell]++;
				ty->h_missed[t->hour]++;
				ty->hc_missed[tally_hcell(ty, t->hour, t->prio, t->ch)]++;
			} else if (t->counted) {
				out = OUT_CENSORED;
				ty->censored[cell]++;
			}
			rec_emit(c, t, (channel_id)t->ch, NAN, NAN, out);
		}
	}
	c->done = 1;
}
