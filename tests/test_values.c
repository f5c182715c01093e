/* test_values.c: the value grammar of sim/input/values.c: durations, rates,
 * numbers, integers, booleans, instants, dates, windows, weekly hours,
 * words, pairs, mixes and distributions, each with good and bad cases, and
 * the civil-date arithmetic against known days. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "input/dist_value.h"
#include "input/values.h"

static const srcloc AT = { "s.ini", 7 };

/* The error is at AT and its message contains `want`. */
static void assert_err(const err *e, const char *want)
{
	if (!strstr(e->msg, want))
		fail_msg("message '%s' lacks '%s'", e->msg, want);
	assert_string_equal(e->file, "s.ini");
	assert_int_equal(e->line, 7);
}

static void test_duration(void **state)
{
	static const struct {
		const char *s;
		double v;
	} good[] = {
		{ "90s", 90 }, { "4h", 14400 }, { "1.5d", 129600 }, { "30min", 1800 },
		{ "2w", 1209600 }, { " 0s ", 0 }, { "1e2s", 100 }, { ".5h", 1800 },
		{ "+3min", 180 }, { "\t10s\t", 10 },
	};
	static const char *const bad[] = {
		"4 hours", "4", "", "   ", "h", "4hours", "nan s", "infs", "inf", "NaNs",
		"0x10s", "4h junk", "4h4", "1e999s", "4 h", "4H", "4m", "--4s", "4.s.",
		"1e308w",
	};
	err e;
	double v;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_int_equal(val_duration(good[i].s, &v, AT, &e), 0);
		assert_true(v == good[i].v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&e, 0, sizeof(e));
		if (val_duration(bad[i], &v, AT, &e) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_err(&e, "bad duration");
	}
	assert_int_equal(val_duration("4 hours", &v, AT, &e), -1);
	assert_string_equal(e.msg,
			    "bad duration '4 hours': expected a number and a unit (s, min, h, d, w)");
	assert_int_equal(val_duration("-5s", &v, AT, &e), -1);
	assert_err(&e, ">= 0");
}

static void test_rate(void **state)
{
	err e;
	double v;

	(void)state;
	assert_int_equal(val_rate("1200/d", &v, AT, &e), 0);
	assert_true(fabs(v - 1200.0 / 86400) < 1e-15);
	assert_int_equal(val_rate("45/h", &v, AT, &e), 0);
	assert_true(fabs(v - 45.0 / 3600) < 1e-15);
	assert_int_equal(val_rate(" 0.5/min ", &v, AT, &e), 0);
	assert_true(fabs(v - 0.5 / 60) < 1e-15);
	assert_int_equal(val_rate("0/w", &v, AT, &e), 0);
	assert_true(v == 0);
	static const char *const bad[] = { "1200", "1200/", "/d", "1200/day", "1200 / d",
					   "nan/d", "1200/d x", "", "12e999/d" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (val_rate(bad[i], &v, AT, &e) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_err(&e, "bad rate");
		assert_err(&e, "COUNT/UNIT");
	}
	assert_int_equal(val_rate("-3/h", &v, AT, &e), -1);
	assert_err(&e, ">= 0");
}

static void test_number_int_bool(void **state)
{
	err e;
	double d;
	long long i;
	bool b;

	(void)state;
	assert_int_equal(val_number(" 0.3 ", 0, 1, &d, AT, &e), 0);
	assert_true(d == 0.3);
	assert_int_equal(val_number("-2.5e1", -100, 100, &d, AT, &e), 0);
	assert_true(d == -25);
	assert_int_equal(val_number("1.5", 0, 1, &d, AT, &e), -1);
	assert_err(&e, "in [0, 1]");
	static const char *const badnum[] = { "", "x", "nan", "inf", "-inf", "1,5", "0x1", "1e400",
					      "1.0.0", "3 4", "1e" };
	for (size_t k = 0; k < sizeof(badnum) / sizeof(badnum[0]); k++) {
		if (val_number(badnum[k], -1e300, 1e300, &d, AT, &e) != -1)
			fail_msg("'%s' accepted", badnum[k]);
		assert_err(&e, "bad number");
	}
	assert_int_equal(val_int("42", 0, 100, &i, AT, &e), 0);
	assert_int_equal(i, 42);
	assert_int_equal(val_int(" -7 ", -10, 10, &i, AT, &e), 0);
	assert_int_equal(i, -7);
	assert_int_equal(val_int("101", 0, 100, &i, AT, &e), -1);
	assert_err(&e, "[0, 100]");
	assert_int_equal(val_int("99999999999999999999", 0, 100, &i, AT, &e), -1);
	assert_err(&e, "bad integer");
	static const char *const badint[] = { "", "4.0", "4x", "1e3", "+", "0x10", "4 4" };
	for (size_t k = 0; k < sizeof(badint) / sizeof(badint[0]); k++) {
		if (val_int(badint[k], -1000, 1000, &i, AT, &e) != -1)
			fail_msg("'%s' accepted", badint[k]);
		assert_err(&e, "expected a decimal integer");
	}
	static const char *const yes[] = { "yes", "TRUE", "1", "on", " On " };
	static const char *const no[] = { "no", "false", "0", "OFF" };
	for (size_t k = 0; k < 5; k++) {
		assert_int_equal(val_bool(yes[k], &b, AT, &e), 0);
		assert_true(b);
	}
	for (size_t k = 0; k < 4; k++) {
		assert_int_equal(val_bool(no[k], &b, AT, &e), 0);
		assert_false(b);
	}
	assert_int_equal(val_bool("maybe", &b, AT, &e), -1);
	assert_err(&e, "bad boolean 'maybe'");
	assert_int_equal(val_bool("", &b, AT, &e), -1);
}

static void test_civil(void **state)
{
	(void)state;
	assert_int_equal(civil_days(1970, 1, 1), 0);
	assert_int_equal(civil_days(2000, 3, 1), 11017);
	assert_int_equal(civil_days(2020, 3, 2), 18323);
	assert_int_equal(civil_days(1969, 12, 31), -1);
	civil c = civil_from_days(18323);
	assert_int_equal(c.year, 2020);
	assert_int_equal(c.month, 3);
	assert_int_equal(c.day, 2);
	assert_int_equal(c.wday, 0); /* a Monday */
	assert_int_equal(civil_from_days(0).wday, 3);  /* Thursday */
	assert_int_equal(civil_from_days(-1).wday, 2); /* Wednesday */
	for (int64_t d = -800000; d < 800000; d += 997) {
		civil x = civil_from_days(d);
		assert_int_equal(civil_days(x.year, x.month, x.day), d);
	}
}

static void test_instant(void **state)
{
	err e;
	int64_t t;

	(void)state;
	assert_int_equal(val_instant("2020-03-02T00:00Z", &t, AT, &e), 0);
	assert_int_equal(t, 1583107200);
	assert_int_equal(val_instant("2020-03-02T09:30:00+02:00", &t, AT, &e), 0);
	assert_int_equal(t, 1583107200 + 7 * 3600 + 1800);
	assert_int_equal(val_instant("2020-03-02", &t, AT, &e), 0);
	assert_int_equal(t, 1583107200);
	assert_int_equal(val_instant("2020-03-01T20:00-0500", &t, AT, &e), 0);
	assert_int_equal(t, 1583107200 + 3600);
	static const char *const bad[] = {
		"2020-03-02T00:00", "2020-02-30", "2020-13-01", "2020-03-02T24:00Z",
		"2020-03-02T00:60Z", "2020-3-2", "2020-03-02T00:00Zx", "", "2020-03-02 00:00Z",
		"2020-03-02T00:00+25:00", "2021-02-29", "2020-03-02T",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (val_instant(bad[i], &t, AT, &e) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_err(&e, "bad instant");
	}
	assert_int_equal(val_instant("2020-02-29", &t, AT, &e), 0); /* leap day */
}

static void test_date_local_window(void **state)
{
	err e;
	civil a, b;

	(void)state;
	assert_int_equal(val_date("2020-12-25", &a, AT, &e), 0);
	assert_int_equal(a.year, 2020);
	assert_int_equal(a.month, 12);
	assert_int_equal(a.day, 25);
	assert_int_equal(a.wday, 4); /* Friday */
	assert_int_equal(a.hour, 0);
	assert_int_equal(val_date("2020-12-25T00:00", &a, AT, &e), -1);
	assert_err(&e, "bad date");
	assert_int_equal(val_date("1900-02-29", &a, AT, &e), -1);
	assert_int_equal(val_date("2000-02-29", &a, AT, &e), 0);
	assert_int_equal(val_local("2020-03-29T02:30", &a, AT, &e), 0);
	assert_int_equal(a.hour, 2);
	assert_int_equal(a.min, 30);
	assert_int_equal(a.wday, 6);
	assert_int_equal(val_local("2020-03-29T02:30:15", &a, AT, &e), 0);
	assert_int_equal(a.sec, 15);
	assert_int_equal(val_local("2020-03-29T02:30Z", &a, AT, &e), -1);
	assert_err(&e, "bad local time");
	assert_int_equal(val_local("2020-03-29", &a, AT, &e), -1);
	assert_int_equal(val_window("2020-05-01..2020-06-30", &a, &b, AT, &e), 0);
	assert_int_equal(a.month, 5);
	assert_int_equal(b.day, 30);
	assert_int_equal(val_window("2020-05-01..2020-05-01", &a, &b, AT, &e), 0);
	assert_int_equal(val_window("2020-06-01..2020-05-01", &a, &b, AT, &e), -1);
	assert_err(&e, "ends before");
	assert_int_equal(val_window("2020-05-01.2020-06-30", &a, &b, AT, &e), -1);
	assert_err(&e, "bad window");
	assert_int_equal(val_window("2020-05-01..", &a, &b, AT, &e), -1);
}

static void expect_range(const week_range *r, int day, int s, int en)
{
	assert_int_equal(r->day, day);
	assert_int_equal(r->start_min, s);
	assert_int_equal(r->end_min, en);
}

static void test_hours(void **state)
{
	week_range r[VAL_MAX_RANGES];
	size_t n;
	bool always;
	err e;

	(void)state;
	assert_int_equal(val_hours(" 24x7 ", &always, r, &n, AT, &e), 0);
	assert_true(always);
	assert_int_equal(n, 0);
	assert_int_equal(val_hours("Mon-Fri 09:00-17:00, Sat 10:00-14:00", &always, r, &n, AT, &e), 0);
	assert_false(always);
	assert_int_equal(n, 6);
	for (int d = 0; d < 5; d++)
		expect_range(&r[d], d, 540, 1020);
	expect_range(&r[5], 5, 600, 840);
	assert_int_equal(val_hours("Sun-Thu 22:00-06:00", &always, r, &n, AT, &e), 0);
	assert_int_equal(n, 5);
	expect_range(&r[0], 0, 1320, 1800); /* Monday, listed first */
	expect_range(&r[4], 6, 1320, 1800); /* Sunday */
	assert_int_equal(val_hours("Daily 00:00-24:00", &always, r, &n, AT, &e), 0);
	assert_int_equal(n, 7);
	expect_range(&r[6], 6, 0, 1440);
	assert_int_equal(val_hours("Fri-Mon 08:00 - 12:00", &always, r, &n, AT, &e), 0);
	assert_int_equal(n, 4);
	expect_range(&r[0], 0, 480, 720);
	expect_range(&r[1], 4, 480, 720);
	assert_int_equal(val_hours("Wed 09:00-09:00", &always, r, &n, AT, &e), 0);
	expect_range(&r[0], 2, 540, 1980);
	static const char *const bad[] = {
		"", "Mon-Fri", "Mon-Fri 9:00-17:00", "Mon-Fri 09:00-17:00,", "Mon-Fri 09:00-25:00",
		"Monday 09:00-17:00", "Mon-Fry 09:00-17:00", "Mon 24:00-02:00", "Mon 09:00-17:00x",
		"Mon 09:00-17:60", "24x8", "Mon-Fri 09:00-17:00,,Sat 10:00-12:00", "Mon 09:00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (val_hours(bad[i], &always, r, &n, AT, &e) != -1)
			fail_msg("'%s' accepted", bad[i]);
		assert_err(&e, "bad hours");
	}
	/* 10 x Daily = 70 day ranges > VAL_MAX_RANGES */
	char many[400] = "Daily 00:00-01:00";
	for (int i = 1; i < 10; i++)
		strcat(many, ", Daily 01:00-02:00");
	assert_int_equal(val_hours(many, &always, r, &n, AT, &e), -1);
}

static void test_words_pairs(void **state)
{
	char buf[256], *w[8];
	val_pair p[4];
	size_t n;
	err e;

	(void)state;
	assert_int_equal(val_words(" a  lognormal(mean=20min, sd=15min)\tb ", buf, sizeof(buf),
				   w, 8, AT, &e), 3);
	assert_string_equal(w[0], "a");
	assert_string_equal(w[1], "lognormal(mean=20min, sd=15min)");
	assert_string_equal(w[2], "b");
	assert_int_equal(val_words("", buf, sizeof(buf), w, 8, AT, &e), 0);
	assert_int_equal(val_words("a b c", buf, sizeof(buf), w, 2, AT, &e), -1);
	assert_err(&e, "too many");
	assert_int_equal(val_words("f(a b", buf, sizeof(buf), w, 8, AT, &e), -1);
	assert_err(&e, "parentheses");
	assert_int_equal(val_words("f)a( b", buf, sizeof(buf), w, 8, AT, &e), -1);
	assert_int_equal(val_words("abcdef", buf, 4, w, 8, AT, &e), -1);
	assert_err(&e, "too long");

	assert_int_equal(val_pairs("chat:exp(mean=10min) phone:lognormal(mean=4min, sd=1min)",
				   p, 4, &n, AT, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].label, "chat");
	assert_string_equal(p[0].value, "exp(mean=10min)");
	assert_string_equal(p[1].value, "lognormal(mean=4min, sd=1min)");
	assert_int_equal(val_pairs("a:1 a:2", p, 4, &n, AT, &e), -1);
	assert_err(&e, "twice");
	assert_int_equal(val_pairs("a:1 b", p, 4, &n, AT, &e), -1);
	assert_err(&e, "found 'b'");
	assert_int_equal(val_pairs(":1", p, 4, &n, AT, &e), -1);
	assert_int_equal(val_pairs("a:", p, 4, &n, AT, &e), -1);
	assert_int_equal(val_pairs("a:1 b:2 c:3", p, 2, &n, AT, &e), -1);
}

static void test_mix(void **state)
{
	val_weight w[8];
	size_t n;
	err e;

	(void)state;
	assert_int_equal(val_mix("P1:0.02 P2:0.08 P3:0.5 P4:0.4", w, 8, &n, AT, &e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(w[3].label, "P4");
	assert_true(w[0].w == 0.02);
	assert_int_equal(val_mix("web:1", w, 8, &n, AT, &e), 0);
	assert_int_equal(val_mix("web:0.5 chat:0.4", w, 8, &n, AT, &e), -1);
	assert_err(&e, "sum to 0.9");
	assert_int_equal(val_mix("web:1.5 chat:-0.5", w, 8, &n, AT, &e), -1);
	assert_err(&e, "weight of 'web'");
	assert_int_equal(val_mix("web:x", w, 8, &n, AT, &e), -1);
	assert_int_equal(val_mix("web:nan", w, 8, &n, AT, &e), -1);
	assert_int_equal(val_mix("", w, 8, &n, AT, &e), -1);
	assert_int_equal(val_mix("web:0.5 web:0.5", w, 8, &n, AT, &e), -1);
	assert_err(&e, "twice");
}

static void test_dist_good(void **state)
{
	dist d;
	err e;

	(void)state;
	assert_int_equal(val_dist("exp(mean=12min)", NULL, &d, AT, &e), 0);
	assert_int_equal(d.kind, DIST_EXP);
	assert_true(d.mean_s == 720);
	assert_int_equal(val_dist(" lognormal(sd=15min,mean=20min) ", NULL, &d, AT, &e), 0);
	assert_int_equal(d.kind, DIST_LOGNORMAL);
	assert_true(fabs(d.mean_s - 1200) < 1e-9 && fabs(d.sd_s - 900) < 1e-9);
	assert_int_equal(val_dist("gamma(shape=2, mean=1h)", NULL, &d, AT, &e), 0);
	assert_int_equal(d.kind, DIST_GAMMA);
	assert_true(d.a == 2 && d.b == 1800);
	assert_int_equal(val_dist("const(90s)", NULL, &d, AT, &e), 0);
	assert_int_equal(d.kind, DIST_CONST);
	assert_true(d.a == 90);
	assert_int_equal(val_dist("uniform(min=1min, max=  3min)", NULL, &d, AT, &e), 0);
	assert_int_equal(d.kind, DIST_UNIFORM);
	assert_true(d.mean_s == 120);
	assert_int_equal(val_dist("empirical(file=durations.csv)", "tests/data", &d, AT, &e), 0);
	assert_int_equal(d.kind, DIST_EMPIRICAL);
	assert_int_equal(d.nvalues, 4);
	assert_true(d.values[0] == 30 && d.values[3] == 3600);
	dist_fini(&d);
}

static void test_dist_bad(void **state)
{
	static const struct {
		const char *s, *want;
	} bad[] = {
		{ "exp(mean=12)", "mean '12': expected a number and a unit" },
		{ "exp(12min)", "expected named parameters" },
		{ "exp(mean=12min", "expected exp(mean=D)" },
		{ "exponential(mean=1h)", "expected exp(mean=D)" },
		{ "exp(mean=1h, mean=2h)", "given twice" },
		{ "exp(mean=1h, sd=2h)", "unknown parameter 'sd'" },
		{ "lognormal(mean=1h)", "missing parameter 'sd'" },
		{ "exp(mean=0s)", "mean must be > 0" },
		{ "gamma(shape=0, mean=1h)", "shape must be > 0" },
		{ "gamma(shape=2h, mean=1h)", "shape '2h': expected a number" },
		{ "gamma(shape=nan, mean=1h)", "expected a number" },
		{ "uniform(min=3min, max=1min)", "max must be >= min" },
		{ "const()", "value '': expected a number" },
		{ "const(1h, 2h)", "given twice" },
		{ "exp(mean=1h) x", "expected exp(mean=D)" },
		{ "exp(mean=1h,)", "expected named parameters" },
		{ "", "expected exp(mean=D)" },
		{ "exp(mean=inf s)", "expected a number and a unit" },
	};
	dist d = { 0 };
	err e;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&e, 0, sizeof(e));
		if (val_dist(bad[i].s, NULL, &d, AT, &e) != -1)
			fail_msg("'%s' accepted", bad[i].s);
		if (!strstr(e.msg, bad[i].want))
			fail_msg("'%s': message '%s' lacks '%s'", bad[i].s, e.msg, bad[i].want);
		assert_int_equal(e.line, 7);
	}
	assert_int_equal(d.kind, DIST_NONE); /* untouched on failure */
	assert_int_equal(val_dist("empirical(file=missing.csv)", "tests/data", &d, AT, &e), -1);
	assert_string_equal(e.file, "tests/data/missing.csv");
	assert_int_equal(e.line, 0);
	assert_int_equal(val_dist("empirical(file=durations_bad.csv)", "tests/data", &d, AT, &e), -1);
	assert_string_equal(e.file, "tests/data/durations_bad.csv");
	assert_int_equal(e.line, 4);
}

static void test_path(void **state)
{
	char out[64];
	err e = { 0 };
	srcloc at = { "s.ini", 3 };

	(void)state;
	assert_int_equal(val_path("scen", "p.csv", out, sizeof(out), at, &e), 0);
	assert_string_equal(out, "scen/p.csv");
	assert_int_equal(val_path("scen", "/abs/p.csv", out, sizeof(out), at, &e), 0);
	assert_string_equal(out, "/abs/p.csv");
	assert_int_equal(val_path("", "p.csv", out, sizeof(out), at, &e), 0);
	assert_string_equal(out, "p.csv");
	assert_int_equal(val_path(NULL, "p.csv", out, sizeof(out), at, &e), 0);
	assert_string_equal(out, "p.csv");
	/* a path that does not fit is refused, never cut (issue 9 item 2) */
	assert_int_equal(val_path("a-folder-of-forty-bytes-0123456789abcdef", "p-25-bytes-0123456789.csv",
				  out, sizeof(out), at, &e), -1);
	assert_string_equal(e.file, "s.ini");
	assert_int_equal(e.line, 3);
	assert_non_null(strstr(e.msg, "p-25-bytes-0123456789.csv: name too long"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_rate),
		cmocka_unit_test(test_number_int_bool),
		cmocka_unit_test(test_civil),
		cmocka_unit_test(test_instant),
		cmocka_unit_test(test_date_local_window),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_words_pairs),
		cmocka_unit_test(test_mix),
		cmocka_unit_test(test_dist_good),
		cmocka_unit_test(test_dist_bad),
		cmocka_unit_test(test_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
