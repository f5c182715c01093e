/* test_tables.c: the CSV tables of sim/input/tables.c on the fixtures in
 * tests/data/: the generic reader (comments, blank lines, quoted fields
 * across lines, CRLF, a byte order mark, no final newline, malformed CSV,
 * "PATH:LINE" of every error) and each typed table, good and bad. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "input/tables.h"

#define D "tests/data/"

/* The error is "PATH:LINE: ..." containing `want`. */
static void assert_err(const err *e, const char *path, int line, const char *want)
{
	assert_string_equal(e->file, path);
	if (e->line != line)
		fail_msg("%s: error at line %d, expected %d (%s)", path, e->line, line, e->msg);
	if (!strstr(e->msg, want))
		fail_msg("%s: message '%s' lacks '%s'", path, e->msg, want);
}

/* A file a reader refuses: the error's line and a part of its message. */
typedef struct bad_table {
	const char *path;
	int line;
	const char *msg;
} bad_table;

typedef struct seen {
	int n;
	int line[8];
	char f0[8][32], f1[8][32];
} seen;

static int collect(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	seen *s = ctx;

	(void)e;
	assert_int_equal(nf, 2);
	assert_true(s->n < 8);
	s->line[s->n] = at.line;
	snprintf(s->f0[s->n], sizeof(s->f0[0]), "%s", f[0]);
	snprintf(s->f1[s->n], sizeof(s->f1[0]), "%s", f[1]);
	s->n++;
	return 0;
}

static const char *const AB[] = { "a", "b" };

static void test_read_lines(void **state)
{
	seen s = { 0 };
	err e;

	(void)state;
	assert_int_equal(table_read(D "multiline.csv", AB, 2, collect, &s, &e), -1);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.line[0], 3);
	assert_string_equal(s.f0[0], "x\ny");
	assert_string_equal(s.f1[0], "1");
	assert_int_equal(s.line[1], 6);
	assert_string_equal(s.f0[1], " q ");
	assert_string_equal(s.f1[1], "  z  ");
	assert_err(&e, D "multiline.csv", 7, "3 fields, expected 2");

	memset(&s, 0, sizeof(s));
	assert_int_equal(table_read(D "crlf.csv", AB, 2, collect, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.line[0], 2);
	assert_int_equal(s.line[1], 4);
	assert_string_equal(s.f1[1], "4");

	memset(&s, 0, sizeof(s));
	assert_int_equal(table_read(D "noeol.csv", AB, 2, collect, &s, &e), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.line[1], 3);
	assert_string_equal(s.f1[1], "4");
}

static void test_read_errors(void **state)
{
	static const char *const XY[] = { "x", "y" };
	seen s = { 0 };
	err e;

	(void)state;
	assert_int_equal(table_read(D "unterminated.csv", AB, 2, collect, &s, &e), -1);
	assert_err(&e, D "unterminated.csv", 3, "malformed CSV");
	assert_int_equal(table_read(D "badquote.csv", AB, 2, collect, &s, &e), -1);
	assert_err(&e, D "badquote.csv", 3, "malformed CSV");
	assert_int_equal(table_read(D "only_comments.csv", AB, 2, collect, &s, &e), -1);
	assert_err(&e, D "only_comments.csv", 0, "empty table: expected a header 'a,b'");
	assert_int_equal(table_read(D "crlf.csv", XY, 2, collect, &s, &e), -1);
	assert_err(&e, D "crlf.csv", 1, "bad header 'a,...': expected 'x,y'");
	assert_int_equal(table_read(D "nonexistent.csv", AB, 2, collect, &s, &e), -1);
	assert_err(&e, D "nonexistent.csv", 0, "cannot open: No such file or directory");
	char buf[600];
	err_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, D "nonexistent.csv: cannot open: No such file or directory");
	assert_int_equal(table_read(D, AB, 2, collect, &s, &e), -1); /* a folder */
	assert_string_equal(e.file, D);
}

static int stop_at_second(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	int *calls = ctx;

	(void)f;
	(void)nf;
	if (++*calls == 2)
		return err_at(e, at, "stop here");
	return 0;
}

static void test_read_stop(void **state)
{
	int calls = 0;
	err e;

	(void)state;
	assert_int_equal(table_read(D "crlf.csv", AB, 2, stop_at_second, &calls, &e), -1);
	assert_int_equal(calls, 2);
	assert_err(&e, D "crlf.csv", 4, "stop here");
}

static void test_profile(void **state)
{
	double w[168], sum = 0;
	err e;

	(void)state;
	assert_int_equal(table_profile(D "profile_ok.csv", w, &e), 0);
	for (int h = 0; h < 168; h++)
		sum += w[h];
	assert_true(fabs(sum / 168 - 1) < 1e-12);
	/* raw 3 in 40 business hours, 1 elsewhere: total 248 */
	assert_true(fabs(w[9] - 3 * 168.0 / 248) < 1e-12);
	assert_true(fabs(w[0] - 168.0 / 248) < 1e-12);
	assert_true(w[5 * 24 + 10] == w[0]); /* Saturday */

	{
		static const bad_table bad[] = {
			{ D "profile_dup.csv", 12, "hour 5 given twice (first at line 7)" },
			{ D "profile_missing.csv", 0, "hour 100 missing" },
			{ D "profile_zero.csv", 0, "weights sum to 0" },
			{ D "profile_header.csv", 2, "expected 'hour,weight'" },
			{ D "profile_range.csv", 3, "bad integer '168'" },
			{ D "profile_negative.csv", 3, "bad number '-1'" },
		};
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(table_profile(bad[i].path, w, &e), -1);
			assert_err(&e, bad[i].path, bad[i].line, bad[i].msg);
		}
	}
}

static void test_surge(void **state)
{
	int64_t *days = NULL;
	double *mult = NULL;
	size_t n = 0;
	err e;

	(void)state;
	assert_int_equal(table_surge(D "surge_ok.csv", &days, &mult, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(days[0], 1583020800); /* 2020-03-01T00:00Z */
	assert_int_equal(days[1], 1583020800 + 14 * 86400);
	assert_true(mult[1] == 2.5 && mult[2] == 4);
	free(days);
	free(mult);
	{
		static const bad_table bad[] = {
			{ D "surge_desc.csv", 4, "dates must ascend" },
			{ D "surge_bad.csv", 3, "bad date '2020-03-32'" },
			{ D "surge_empty.csv", 0, "no rows" },
		};
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(table_surge(bad[i].path, &days, &mult, &n, &e), -1);
			assert_err(&e, bad[i].path, bad[i].line, bad[i].msg);
		}
	}
}

static void test_durations(void **state)
{
	double *v = NULL;
	size_t n = 0;
	err e;

	(void)state;
	assert_int_equal(table_durations(D "durations.csv", &v, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_true(v[0] == 30 && v[1] == 720 && v[2] == 3600 && v[3] == 90);
	free(v);
	assert_int_equal(table_durations(D "durations_bad.csv", &v, &n, &e), -1);
	assert_err(&e, D "durations_bad.csv", 4, "bad duration '12 minutes'");
}

static void test_roster_holidays(void **state)
{
	roster_row *r = NULL;
	civil *h = NULL;
	size_t n = 0;
	err e;

	(void)state;
	assert_int_equal(table_roster(D "roster_ok.csv", &r, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(r[2].start.day, 24);
	assert_int_equal(r[2].end.hour, 6);
	assert_int_equal(r[1].agents, 2);
	free(r);
	assert_int_equal(table_roster(D "roster_bad.csv", &r, &n, &e), -1);
	assert_err(&e, D "roster_bad.csv", 3, "is not after start");

	assert_int_equal(table_holidays(D "holidays.csv", &h, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[1].month, 12);
	assert_int_equal(h[1].day, 25);
	free(h);
	assert_int_equal(table_holidays(D "holidays_plain.csv", &h, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].wday, 4);
	free(h);
	h = NULL;
	assert_int_equal(table_holidays(D "holidays_empty.csv", &h, &n, &e), 0);
	assert_int_equal(n, 0);
	free(h);
	assert_int_equal(table_holidays(D "holidays_bad.csv", &h, &n, &e), -1);
	assert_err(&e, D "holidays_bad.csv", 3, "bad date '27/03/2020'");
	assert_int_equal(table_holidays(D "crlf.csv", &h, &n, &e), -1);
	assert_err(&e, D "crlf.csv", 1, "expected 'date,name'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_lines),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_read_stop),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_surge),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_roster_holidays),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
