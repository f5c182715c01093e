/* test_calendar.c: calendars of sim/input/calendar.c resolved to UTC: team
 * hours across daylight-saving changes (spring and autumn), overnight
 * ranges, holidays, overlapping ranges adding heads, rosters, date windows;
 * arrival rates with profiles in Asia/Tokyo, Asia/Kolkata and Europe/Paris,
 * surges integrated exactly, and rate_fn_cum / rate_fn_inverse of model.c. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "input/calendar.h"
#include "tz.h"

#define H 3600.0
#define DAY 86400.0
#define MAR23 1584921600 /* 2020-03-23T00:00Z, a Monday */
#define OCT19 1603065600 /* 2020-10-19T00:00Z, a Monday */

static const srcloc AT = { "t.ini", 1 };

static size_t hours(const char *text, week_range *r)
{
	bool always;
	size_t n;
	err e;

	assert_int_equal(val_hours(text, &always, r, &n, AT, &e), 0);
	return n;
}

static void expect_iv(const shift_iv *iv, double s, double en, int agents)
{
	if (iv->start != s || iv->end != en || iv->agents != agents)
		fail_msg("interval [%g, %g) x%d, expected [%g, %g) x%d", iv->start / H,
			 iv->end / H, iv->agents, s / H, en / H, agents);
}

/* Team hours over 14 days from `start`, in `zone`. */
static shift_iv *weekly(const char *text, const char *zone, const civil *hol, size_t nh,
			int64_t start, double horizon, int agents, size_t *n)
{
	week_range r[VAL_MAX_RANGES];
	size_t nr = hours(text, r);
	shift_iv *iv = NULL;
	err e;

	if (calendar_weekly(&iv, n, r, nr, agents, zone, hol, nh, start, horizon, &e))
		fail_msg("calendar_weekly: %s", e.msg);
	return iv;
}

/* Two weeks of Monday-to-Friday 8-hour shifts of `agents`, starting at
 * UTC hour h1 in the first week and h2 in the second (a daylight-saving
 * change between). */
static void expect_weekdays(const shift_iv *iv, int h1, int h2, int agents)
{
	for (int d = 0; d < 5; d++) {
		expect_iv(&iv[d], d * DAY + h1 * H, d * DAY + (h1 + 8) * H, agents);
		expect_iv(&iv[5 + d], (7 + d) * DAY + h2 * H, (7 + d) * DAY + (h2 + 8) * H, agents);
	}
}

static void test_weekly_spring(void **state)
{
	size_t n;
	shift_iv *iv = weekly("Mon-Fri 09:00-17:00", "Europe/Paris", NULL, 0, MAR23, 14 * DAY, 5, &n);

	(void)state;
	assert_int_equal(n, 10);
	/* CET: 09:00 local = 08:00Z; after 2020-03-29, CEST: 07:00Z */
	expect_weekdays(iv, 8, 7, 5);
	free(iv);
}

static void test_weekly_autumn(void **state)
{
	size_t n;
	shift_iv *iv = weekly("Mon-Fri 09:00-17:00", "Europe/Paris", NULL, 0, OCT19, 14 * DAY, 2, &n);

	(void)state;
	assert_int_equal(n, 10);
	expect_weekdays(iv, 7, 8, 2); /* after 2020-10-25, CET again */
	free(iv);
}

static void test_weekly_overnight(void **state)
{
	size_t n;
	shift_iv *iv = weekly("Sun-Thu 22:00-06:00", "UTC", NULL, 0, MAR23, 7 * DAY, 1, &n);

	(void)state;
	assert_int_equal(n, 6);
	expect_iv(&iv[0], 0, 6 * H, 1); /* Sunday night, before the start */
	for (int d = 0; d < 4; d++)
		expect_iv(&iv[1 + d], (24 * d + 22) * H, (24 * d + 30) * H, 1);
	expect_iv(&iv[5], 166 * H, 168 * H, 1); /* clipped at the horizon */
	free(iv);
	/* across the spring change in Paris: Sat 22:00 CET -> Sun 06:00 CEST = 7h */
	iv = weekly("Sat 22:00-06:00", "Europe/Paris", NULL, 0, MAR23, 14 * DAY, 1, &n);
	assert_int_equal(n, 2);
	expect_iv(&iv[0], 5 * DAY + 21 * H, 6 * DAY + 4 * H, 1);
	expect_iv(&iv[1], 12 * DAY + 20 * H, 13 * DAY + 4 * H, 1);
	free(iv);
}

static void test_weekly_merge(void **state)
{
	size_t n;
	shift_iv *iv = weekly("Mon-Fri 09:00-17:00, Mon 12:00-13:00", "UTC", NULL, 0, MAR23,
			      7 * DAY, 3, &n);

	(void)state;
	assert_int_equal(n, 7);
	expect_iv(&iv[0], 9 * H, 12 * H, 3);
	expect_iv(&iv[1], 12 * H, 13 * H, 6);
	expect_iv(&iv[2], 13 * H, 17 * H, 3);
	expect_iv(&iv[3], DAY + 9 * H, DAY + 17 * H, 3);
	free(iv);
	iv = weekly("Mon 09:00-12:00, Mon 12:00-17:00", "UTC", NULL, 0, MAR23, 7 * DAY, 3, &n);
	assert_int_equal(n, 1);
	expect_iv(&iv[0], 9 * H, 17 * H, 3);
	free(iv);
	/* every local day, across a DST change: one interval over the horizon */
	iv = weekly("Daily 00:00-24:00", "Europe/Paris", NULL, 0, MAR23, 14 * DAY, 4, &n);
	assert_int_equal(n, 1);
	expect_iv(&iv[0], 0, 14 * DAY, 4);
	free(iv);
	iv = weekly("Mon 09:00-17:00", "UTC", NULL, 0, MAR23, 7 * DAY, 0, &n);
	assert_int_equal(n, 0);
	free(iv);
}

static void test_weekly_holidays(void **state)
{
	civil hol[2];
	size_t n;
	err e;

	(void)state;
	assert_int_equal(val_date("2020-03-27", &hol[0], AT, &e), 0); /* Friday */
	assert_int_equal(val_date("2020-04-01", &hol[1], AT, &e), 0); /* Wednesday */
	shift_iv *iv = weekly("Mon-Fri 09:00-17:00", "Europe/Paris", hol, 2, MAR23, 14 * DAY, 1, &n);
	assert_int_equal(n, 8);
	expect_iv(&iv[3], 3 * DAY + 8 * H, 3 * DAY + 16 * H, 1);  /* Thursday */
	expect_iv(&iv[4], 7 * DAY + 7 * H, 7 * DAY + 15 * H, 1);  /* next Monday */
	expect_iv(&iv[6], 10 * DAY + 7 * H, 10 * DAY + 15 * H, 1); /* Thursday */
	free(iv);
	/* a night shift starting the evening before a holiday still happens */
	iv = weekly("Thu 22:00-06:00", "UTC", hol, 1, MAR23, 7 * DAY, 1, &n);
	assert_int_equal(n, 1);
	expect_iv(&iv[0], 3 * DAY + 22 * H, 4 * DAY + 6 * H, 1);
	free(iv);
}

static void test_weekly_errors(void **state)
{
	week_range r[VAL_MAX_RANGES];
	size_t nr = hours("Mon 09:00-17:00", r), n;
	shift_iv *iv = NULL;
	err e;

	(void)state;
	assert_int_equal(calendar_weekly(&iv, &n, r, nr, 1, "Europe/Nowhere", NULL, 0, MAR23,
					 DAY, &e), -1);
	assert_non_null(strstr(e.msg, "unknown time zone 'Europe/Nowhere'"));
	assert_int_equal(calendar_weekly(&iv, &n, r, nr, 1, "UTC", NULL, 0, MAR23, 0, &e), -1);
	assert_null(iv);
}

static void test_roster(void **state)
{
	roster_row *rows;
	civil hol;
	shift_iv *iv;
	size_t nr, n;
	err e;

	(void)state;
	assert_int_equal(table_roster("tests/data/roster_ok.csv", &rows, &nr, &e), 0);
	assert_int_equal(calendar_roster(&iv, &n, rows, nr, "Europe/Paris", NULL, 0, MAR23,
					 7 * DAY, &e), 0);
	assert_int_equal(n, 4);
	expect_iv(&iv[0], 8 * H, 11 * H, 4);
	expect_iv(&iv[1], 11 * H, 16 * H, 6);
	expect_iv(&iv[2], 16 * H, 19 * H, 2);
	expect_iv(&iv[3], DAY + 21 * H, 2 * DAY + 5 * H, 3);
	free(iv);
	assert_int_equal(val_date("2020-03-24", &hol, AT, &e), 0);
	assert_int_equal(calendar_roster(&iv, &n, rows, nr, "Europe/Paris", &hol, 1, MAR23,
					 DAY + 12 * H, &e), 0);
	assert_int_equal(n, 3);
	expect_iv(&iv[2], 16 * H, 19 * H, 2);
	free(iv);
	free(rows);
}

static void test_window(void **state)
{
	civil a, b;
	double from, to;
	err e;

	(void)state;
	assert_int_equal(val_window("2020-03-29..2020-03-29", &a, &b, AT, &e), 0);
	calendar_window(&a, &b, "Europe/Paris", MAR23, &from, &to);
	assert_true(from == 6 * DAY - 1 * H); /* 00:00 CET */
	assert_true(to == 7 * DAY - 2 * H);   /* 00:00 CEST: a 23-hour day */
	assert_int_equal(val_window("2020-03-01..2020-03-31", &a, &b, AT, &e), 0);
	calendar_window(&a, &b, "UTC", MAR23, &from, &to);
	assert_true(from == -22 * DAY);
	assert_true(to == 9 * DAY);
}

static rate_fn rate(double v, const double *profile, const char *zone,
		    const surge_model *s, int64_t start, double horizon)
{
	rate_fn f;
	err e;

	if (calendar_rate(&f, v, profile, zone, s, start, horizon, &e))
		fail_msg("calendar_rate: %s", e.msg);
	return f;
}

static void assert_rel(double got, double want, double tol)
{
	if (fabs(got - want) > tol * fabs(want))
		fail_msg("%.17g, expected %.17g", got, want);
}

static void test_rate_flat(void **state)
{
	double v = 900.0 / DAY;
	rate_fn f = rate(v, NULL, NULL, NULL, MAR23, 120 * DAY);

	(void)state;
	assert_int_equal(f.n, 1);
	assert_true(f.t[0] == 0 && f.t[1] == 120 * DAY);
	assert_rel(f.cum[1], 900 * 120, 1e-12);
	assert_rel(f.mean, v, 1e-12);
	assert_rel(f.peak, v, 1e-12);
	rate_fn_fini(&f);
}

/* Hour of week in the zone, computed independently of calendar.c. */
static int how(const char *zone, int64_t t)
{
	civil c = tz_to_local(zone, t);

	return c.wday * 24 + c.hour;
}

static void test_rate_profile(void **state)
{
	double w[168], sum = 0, v = 0.01;

	(void)state;
	for (int h = 0; h < 168; h++) {
		w[h] = 0.5 + h / 168.0;
		sum += w[h];
	}
	for (int h = 0; h < 168; h++)
		w[h] *= 168 / sum;
	/* Paris across the spring change: a piece per UTC hour, weights local */
	rate_fn f = rate(v, w, "Europe/Paris", NULL, MAR23, 14 * DAY);
	assert_int_equal(f.n, 14 * 24);
	for (double t = 1234; t < 14 * DAY; t += 1800 + 17)
		assert_rel(rate_fn_at(&f, t), v * w[how("Europe/Paris", MAR23 + (int64_t)t)], 1e-12);
	assert_int_equal(how("Europe/Paris", MAR23 + 7 * 86400 + 7 * 3600 + 1800), 9);
	/* local Mon 01:00 CET .. Mon 02:00 CEST two weeks later, Sun 02:00 skipped */
	assert_rel(f.cum[f.n], v * H * (336 + w[1] - w[6 * 24 + 2]), 1e-9);
	rate_fn_fini(&f);
	/* Kolkata (+05:30): local hours start at :30 UTC */
	f = rate(v, w, "Asia/Kolkata", NULL, MAR23, 7 * DAY);
	assert_int_equal(f.n, 7 * 24 + 1);
	for (size_t i = 1; i < f.n; i++)
		assert_true(fmod(f.t[i], H) == 1800);
	assert_rel(rate_fn_at(&f, 1000), v * w[5], 1e-12); /* Monday 05:xx local */
	assert_rel(rate_fn_at(&f, 2000), v * w[6], 1e-12);
	assert_rel(f.cum[f.n], v * 7 * DAY, 1e-9);
	rate_fn_fini(&f);
}

static void test_rate_tokyo_peak(void **state)
{
	double w[168];

	(void)state;
	for (int h = 0; h < 168; h++)
		w[h] = 1;
	w[10] = 5; /* Monday 10:00-11:00 in Tokyo */
	rate_fn f = rate(1, w, "Asia/Tokyo", NULL, MAR23, 7 * DAY);
	assert_true(f.peak == 5);
	assert_true(rate_fn_at(&f, 1 * H) == 5); /* = Monday 01:00Z */
	assert_true(rate_fn_at(&f, 2 * H - 1) == 5);
	assert_true(rate_fn_at(&f, 1 * H - 1) == 1);
	assert_true(rate_fn_at(&f, 2 * H) == 1);
	rate_fn_fini(&f);
}

/* covid-like surge: 1 until 03-25, up to 3 on 03-30, down to 2 on 04-02. */
static surge_model surge3(int64_t *days, double *mult)
{
	surge_model s = { "covid", 3, days, mult, false };

	days[0] = MAR23 + 2 * 86400;
	days[1] = MAR23 + 7 * 86400;
	days[2] = MAR23 + 10 * 86400;
	mult[0] = 1;
	mult[1] = 3;
	mult[2] = 2;
	return s;
}

static void test_rate_surge(void **state)
{
	int64_t days[3];
	double mult[3], v = 1000.0 / DAY;
	surge_model s = surge3(days, mult);
	rate_fn f = rate(v, NULL, NULL, &s, MAR23, 14 * DAY);

	(void)state;
	assert_int_equal(f.n, 4);
	/* 2 d at 1, 5 d from 1 to 3, 3 d from 3 to 2, 4 d at 2 */
	assert_rel(f.cum[f.n], v * DAY * (2 + 10 + 7.5 + 8), 1e-9);
	assert_rel(f.peak, 3 * v, 1e-12);
	assert_rel(rate_fn_at(&f, 4.5 * DAY), 2 * v, 1e-12);
	assert_rel(f.mean, f.cum[f.n] / (14 * DAY), 1e-15);
	rate_fn_fini(&f);
	/* the horizon starts inside the ramp and ends before its last row */
	f = rate(v, NULL, NULL, &s, MAR23 + 3 * 86400, 5 * DAY);
	assert_int_equal(f.n, 2);
	assert_rel(f.cum[f.n], v * DAY * (4 * (1.4 + 3) / 2 + 1 * (3 + 2 + 2.0 / 3) / 2), 1e-9);
	rate_fn_fini(&f);
}

/* Profile x surge in UTC: each hour is one trapezoid. */
static void test_rate_profile_surge(void **state)
{
	int64_t days[3];
	double mult[3], w[168], v = 0.02, want = 0, sum = 0;
	surge_model s = surge3(days, mult);
	unsigned long long x = 12345;

	(void)state;
	for (int h = 0; h < 168; h++)
		sum += w[h] = 1 + (h * 37 % 11);
	for (int h = 0; h < 168; h++)
		w[h] *= 168 / sum;
	rate_fn f = rate(v, w, "UTC", &s, MAR23, 14 * DAY);
	assert_int_equal(f.n, 14 * 24);
	for (int i = 0; i < 14 * 24; i++) {
		double a = i * H, b = a + H, sa, sb;
		sa = a < 2 * DAY ? 1 : a < 7 * DAY ? 1 + 2 * (a - 2 * DAY) / (5 * DAY)
			: a < 10 * DAY ? 3 - (a - 7 * DAY) / (3 * DAY) : 2;
		sb = b <= 2 * DAY ? 1 : b <= 7 * DAY ? 1 + 2 * (b - 2 * DAY) / (5 * DAY)
			: b <= 10 * DAY ? 3 - (b - 7 * DAY) / (3 * DAY) : 2;
		want += v * w[i % 168] * (sa + sb) / 2 * H;
	}
	assert_rel(f.cum[f.n], want, 1e-9);
	/* the integral inverts back to the instant */
	size_t hint = 0;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		double t = (double)(x % 1000000007ULL) / 1000000007.0 * 14 * DAY;
		size_t h2 = 0;
		double back = rate_fn_inverse(&f, rate_fn_cum(&f, t), i % 2 ? &hint : &h2);
		if (fabs(back - t) > 1e-6)
			fail_msg("inverse(cum(%.9f)) = %.9f", t, back);
	}
	rate_fn_fini(&f);
}

/* A long horizon in a DST zone: ~100k pieces, consistent integral. */
static void test_rate_long(void **state)
{
	double w[168], v = 0.01;

	(void)state;
	for (int h = 0; h < 168; h++)
		w[h] = h % 24 >= 9 && h % 24 < 17 ? 2 : 0.5;
	double sum = 0;
	for (int h = 0; h < 168; h++)
		sum += w[h];
	for (int h = 0; h < 168; h++)
		w[h] *= 168 / sum;
	double horizon = 100000 * H;
	rate_fn f = rate(v, w, "America/New_York", NULL, MAR23, horizon);
	assert_int_equal(f.n, 100000);
	assert_true(f.t[f.n] == horizon);
	for (size_t i = 0; i < f.n; i++)
		assert_true(f.t[i + 1] > f.t[i]);
	double cum = 0;
	for (size_t i = 0; i < f.n; i++)
		cum += f.r[i] * (f.t[i + 1] - f.t[i]);
	assert_rel(f.cum[f.n], cum, 1e-12);
	assert_rel(f.mean, v, 1e-3); /* whole weeks but for a few hours */
	rate_fn_fini(&f);
}

static void test_rate_errors(void **state)
{
	double w[168] = { 1 };
	rate_fn f;
	err e;

	(void)state;
	assert_int_equal(calendar_rate(&f, 1, w, "Nowhere/Zone", NULL, MAR23, DAY, &e), -1);
	assert_non_null(strstr(e.msg, "unknown time zone"));
	assert_null(f.t);
	assert_int_equal(calendar_rate(&f, 1, NULL, NULL, NULL, MAR23, -1, &e), -1);
	rate_fn_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekly_spring),
		cmocka_unit_test(test_weekly_autumn),
		cmocka_unit_test(test_weekly_overnight),
		cmocka_unit_test(test_weekly_merge),
		cmocka_unit_test(test_weekly_holidays),
		cmocka_unit_test(test_weekly_errors),
		cmocka_unit_test(test_roster),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_rate_flat),
		cmocka_unit_test(test_rate_profile),
		cmocka_unit_test(test_rate_tokyo_peak),
		cmocka_unit_test(test_rate_surge),
		cmocka_unit_test(test_rate_profile_surge),
		cmocka_unit_test(test_rate_long),
		cmocka_unit_test(test_rate_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
