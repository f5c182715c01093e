/* calendar.c: local calendars resolved to seconds since the scenario start.
 * Arrival rates become piecewise-linear functions whose pieces break at
 * every local hour start (found by walking UTC, so half-hour zones and DST
 * changes fall where they really are) and at every surge row; team hours
 * and rosters become step functions of heads built by a sweep over the
 * shifts' starts and ends.  Every array handed out is malloc'ed. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/calendar.h"
#include "tz.h"

/* A growable array of doubles. */
typedef struct dvec {
	double *v;
	size_t n, cap;
} dvec;

static int dvec_push(dvec *d, double x)
{
	if (mem_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*d->v), 1024))
		return -1;
	d->v[d->n++] = x;
	return 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

static int64_t floor_mod(int64_t a, int64_t m)
{
	int64_t r = a % m;

	return r < 0 ? r + m : r;
}

static int64_t floor_div(int64_t a, int64_t m)
{
	return (a - floor_mod(a, m)) / m;
}

/* First instant in (lo, hi] whose offset is not `off` (offset(hi) != off). */
static int64_t find_change(const char *zone, int64_t lo, int64_t hi, int off)
{
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (tz_offset(zone, mid) == off)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Every instant in (0, horizon) where the local hour of week changes: local
 * hour starts, and offset changes (which need not fall on one). */
static int push_hour_marks(dvec *bp, const char *zone, int64_t start, double horizon)
{
	int64_t t = start;

	while ((double)(t - start) < horizon) {
		int off = tz_offset(zone, t);
		int64_t next = t + 3600 - floor_mod(t + off, 3600);
		if (tz_offset(zone, next - 1) != off)
			next = find_change(zone, t, next - 1, off);
		if ((double)(next - start) < horizon && dvec_push(bp, (double)(next - start)))
			return -1;
		t = next;
	}
	return 0;
}

/* Hour of week (0 = Monday 00:00-01:00) at a Unix instant in `zone`. */
static int hour_of_week(const char *zone, int64_t t)
{
	int64_t loc = t + tz_offset(zone, t);
	int64_t days = floor_div(loc, 86400);

	return (int)(floor_mod(days + 3, 7) * 24 + floor_mod(loc, 86400) / 3600);
}

/* Surge multiplier at u seconds after `start` and its slope (per second):
 * linear between rows (step: each row's until the next), flat outside them.  *k is a row hint, increasing. */
static double surge_at(const surge_model *s, int64_t start, double u, size_t *k, double *slope)
{
	*slope = 0;
	if (!s || s->n == 0)
		return 1;
	while (*k + 1 < s->n && (double)(s->day_unix[*k + 1] - start) <= u)
		(*k)++;
	double since = u - (double)(s->day_unix[*k] - start);
	if (since < 0 || *k + 1 == s->n || s->step)
		return s->mult[since < 0 ? 0 : *k];
	*slope = (s->mult[*k + 1] - s->mult[*k]) / (double)(s->day_unix[*k + 1] - s->day_unix[*k]);
	return s->mult[*k] + *slope * since;
}

/* All breakpoints, sorted and unique: 0, hour marks, surge rows, horizon. */
static int breakpoints(dvec *bp, const double *profile, const char *zone,
		       const surge_model *surge, int64_t start, double horizon)
{
	size_t w = 1;

	if (dvec_push(bp, 0) || (profile && push_hour_marks(bp, zone, start, horizon)))
		return -1;
	for (size_t i = 0; surge && i < surge->n; i++) {
		double u = (double)(surge->day_unix[i] - start);
		if (u > 0 && u < horizon && dvec_push(bp, u))
			return -1;
	}
	if (dvec_push(bp, horizon))
		return -1;
	qsort(bp->v, bp->n, sizeof(double), cmp_double);
	for (size_t i = 1; i < bp->n; i++)
		if (bp->v[i] > bp->v[w - 1])
			bp->v[w++] = bp->v[i];
	bp->n = w;
	return 0;
}

/* Fill the pieces of f over breakpoints f->t[0..n]. */
static void fill_pieces(rate_fn *f, double volume, const double *profile, const char *zone,
			const surge_model *surge, int64_t start)
{
	size_t k = 0;

	f->cum[0] = 0;
	f->peak = 0;
	for (size_t i = 0; i < f->n; i++) {
		double a = f->t[i], len = f->t[i + 1] - a, ds;
		double w = profile ? profile[hour_of_week(zone, start + (int64_t)floor(a))] : 1;
		double s = surge_at(surge, start, a, &k, &ds);
		f->r[i] = volume * w * s;
		f->slope[i] = volume * w * ds;
		f->cum[i + 1] = f->cum[i] + f->r[i] * len + 0.5 * f->slope[i] * len * len;
		double end = f->r[i] + f->slope[i] * len;
		f->peak = fmax(f->peak, fmax(f->r[i], end));
	}
	f->mean = f->t[f->n] > 0 ? f->cum[f->n] / f->t[f->n] : 0;
}

/* A zone (NULL or "": UTC) and a horizon the calendars can use. */
static int check_args(const char *zone, double horizon_s, err *e)
{
	if (zone && zone[0] && tz_valid(zone))
		return err_set(e, NULL, 0, "unknown time zone '%s'", zone);
	if (!(horizon_s > 0) || !isfinite(horizon_s))
		return err_set(e, NULL, 0, "the horizon must be positive, got %g s", horizon_s);
	return 0;
}

int calendar_rate(rate_fn *f, double volume_per_s, const double *profile,
		  const char *zone, const surge_model *surge,
		  int64_t start_unix, double horizon_s, err *e)
{
	dvec bp = { NULL, 0, 0 };

	memset(f, 0, sizeof(*f));
	if (check_args(profile ? zone : NULL, horizon_s, e))
		return -1;
	if (breakpoints(&bp, profile, zone, surge, start_unix, horizon_s))
		goto nomem;
	f->n = bp.n - 1;
	f->t = bp.v;
	f->r = mem_alloc(f->n * sizeof(double));
	f->slope = mem_alloc(f->n * sizeof(double));
	f->cum = mem_alloc(bp.n * sizeof(double));
	if (!f->r || !f->slope || !f->cum)
		goto nomem;
	fill_pieces(f, volume_per_s, profile, zone, surge, start_unix);
	return 0;
nomem:
	if (!f->t)
		free(bp.v);
	rate_fn_fini(f);
	return err_oom(e, NULL, 0, "the calendar");
}

/* Heads change by `delta` at time t (a shift's start or end). */
typedef struct step_ev {
	double t;
	int delta;
} step_ev;

typedef struct ev_vec {
	step_ev *v;
	size_t n, cap;
} ev_vec;

/* Add [s, e) with `agents` heads, clipped to [0, horizon). */
static int add_shift(ev_vec *ev, double s, double en, int agents, double horizon)
{
	s = fmax(s, 0);
	en = fmin(en, horizon);
	if (en <= s || agents <= 0)
		return 0;
	if (mem_grow((void **)&ev->v, &ev->cap, ev->n + 2, sizeof(*ev->v), 256))
		return -1;
	ev->v[ev->n++] = (step_ev){ s, agents };
	ev->v[ev->n++] = (step_ev){ en, -agents };
	return 0;
}

static int cmp_ev(const void *pa, const void *pb)
{
	const step_ev *a = pa, *b = pb;

	return (a->t > b->t) - (a->t < b->t);
}

/* Append [s, e) with `heads` to out, merging with an adjacent equal step. */
static void emit(shift_iv *out, size_t *n, double s, double en, int heads)
{
	if (*n && out[*n - 1].end == s && out[*n - 1].agents == heads)
		out[*n - 1].end = en;
	else
		out[(*n)++] = (shift_iv){ s, en, heads };
}

/* Sweep the events into sorted, disjoint intervals with their heads. */
static int sweep(ev_vec *ev, shift_iv **out, size_t *n, err *e)
{
	shift_iv *iv = mem_alloc((ev->n + 1) * sizeof(*iv)); /* steps < events */
	int64_t heads = 0;

	if (!iv)
		return err_oom(e, NULL, 0, "the calendar");
	if (ev->n)
		qsort(ev->v, ev->n, sizeof(*ev->v), cmp_ev);
	*n = 0;
	for (size_t i = 0; i < ev->n;) {
		double t = ev->v[i].t;
		while (i < ev->n && ev->v[i].t == t)
			heads += ev->v[i++].delta;
		if (heads > CALENDAR_MAX_HEADS) {
			free(iv);
			*out = NULL;
			*n = 0;
			return err_set(e, NULL, 0, "more than %d heads on shift at once (overlapping "
				       "ranges or roster rows add up)", CALENDAR_MAX_HEADS);
		}
		if (heads > 0 && i < ev->n)
			emit(iv, n, t, ev->v[i].t, (int)heads);
	}
	*out = iv;
	return 0;
}

static int cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return (a > b) - (a < b);
}

/* Sorted local day numbers of the holidays (malloc'ed; NULL when none). */
static int holiday_days(const civil *h, size_t nh, int64_t **days)
{
	*days = NULL;
	if (!nh)
		return 0;
	*days = mem_alloc(nh * sizeof(**days));
	if (!*days)
		return -1;
	for (size_t i = 0; i < nh; i++)
		(*days)[i] = civil_days(h[i].year, h[i].month, h[i].day);
	qsort(*days, nh, sizeof(**days), cmp_i64);
	return 0;
}

static bool is_holiday(const int64_t *days, size_t nh, int64_t day)
{
	return nh && bsearch(&day, days, nh, sizeof(*days), cmp_i64);
}

/* The local civil time `minutes` after the midnight that starts `day`. */
static civil local_at(int64_t day, int minutes)
{
	civil c = civil_from_days(day + minutes / 1440);

	c.hour = minutes % 1440 / 60;
	c.min = minutes % 60;
	return c;
}

/* Every week of ranges whose local days touch the horizon, a week of margin
 * on both sides (overnight ranges and large offsets reach across). */
static int weekly_events(ev_vec *ev, const week_range *r, size_t nr, int agents,
			 const char *zone, const int64_t *hol, size_t nh,
			 int64_t start, double horizon)
{
	civil first = tz_to_local(zone, start);
	civil last = tz_to_local(zone, start + (int64_t)ceil(horizon));
	int64_t d0 = civil_days(first.year, first.month, first.day) - 7;
	int64_t d1 = civil_days(last.year, last.month, last.day) + 7;

	for (int64_t monday = d0 - first.wday; monday <= d1; monday += 7) {
		for (size_t i = 0; i < nr; i++) {
			int64_t day = monday + r[i].day;
			if (is_holiday(hol, nh, day))
				continue;
			double s = (double)(tz_to_utc(zone, local_at(day, r[i].start_min)) - start);
			double en = (double)(tz_to_utc(zone, local_at(day, r[i].end_min)) - start);
			if (add_shift(ev, s, en, agents, horizon))
				return -1;
		}
	}
	return 0;
}

int calendar_weekly(shift_iv **out, size_t *n, const week_range *r, size_t nr,
		    int agents, const char *zone, const civil *holidays, size_t nh,
		    int64_t start_unix, double horizon_s, err *e)
{
	ev_vec ev = { NULL, 0, 0 };
	int64_t *hol;
	int rc;

	if (check_args(zone, horizon_s, e))
		return -1;
	if (holiday_days(holidays, nh, &hol))
		return err_oom(e, NULL, 0, "the calendar");
	if (weekly_events(&ev, r, nr, agents, zone, hol, nh, start_unix, horizon_s))
		rc = err_oom(e, NULL, 0, "the calendar");
	else
		rc = sweep(&ev, out, n, e);
	free(hol);
	free(ev.v);
	return rc;
}

int calendar_roster(shift_iv **out, size_t *n, const roster_row *rows, size_t nrows,
		    const char *zone, const civil *holidays, size_t nh,
		    int64_t start_unix, double horizon_s, err *e)
{
	ev_vec ev = { NULL, 0, 0 };
	int64_t *hol;
	int rc = 0;

	if (check_args(zone, horizon_s, e))
		return -1;
	if (holiday_days(holidays, nh, &hol))
		return err_oom(e, NULL, 0, "the calendar");
	for (size_t i = 0; i < nrows && !rc; i++) {
		const civil *a = &rows[i].start;
		if (is_holiday(hol, nh, civil_days(a->year, a->month, a->day)))
			continue;
		double s = (double)(tz_to_utc(zone, rows[i].start) - start_unix);
		double en = (double)(tz_to_utc(zone, rows[i].end) - start_unix);
		if (add_shift(&ev, s, en, rows[i].agents, horizon_s))
			rc = err_oom(e, NULL, 0, "the calendar");
	}
	if (!rc)
		rc = sweep(&ev, out, n, e);
	free(hol);
	free(ev.v);
	return rc;
}

void calendar_window(const civil *from, const civil *to, const char *zone,
		     int64_t start_unix, double *from_s, double *to_s)
{
	int64_t d0 = civil_days(from->year, from->month, from->day);
	int64_t d1 = civil_days(to->year, to->month, to->day) + 1;

	*from_s = (double)(tz_to_utc(zone, local_at(d0, 0)) - start_unix);
	*to_s = (double)(tz_to_utc(zone, local_at(d1, 0)) - start_unix);
}
