/* test_tz.c: IANA zones of sim/tz.c: zone names (and $TZDIR), offsets
 * around daylight-saving changes in both directions in Europe/Paris and in
 * the southern hemisphere (Australia/Sydney), the gap and overlap rule of
 * tz_to_utc, round trips, the caller's TZ left as it was, and the zone
 * cache surviving other code's tzset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tz.h"

static civil at(int y, int mo, int d, int h, int mi)
{
	civil c = { y, mo, d, h, mi, 0, 0 };

	return c;
}

static void test_valid(void **state)
{
	static const char *const good[] = { "UTC", "Europe/Paris", "Australia/Sydney",
					    "America/Argentina/Buenos_Aires", "Etc/GMT+5",
					    "Asia/Kolkata" };
	static const char *const bad[] = { "", "/etc/passwd", "../zoneinfo/UTC", "Europe/../UTC",
					   "Europe/Nowhere", "Europe", "Europe/Paris ",
					   "zone.tab", "Europe/Paris\n", "Mars/Olympus_Mons" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (tz_valid(good[i]))
			fail_msg("'%s' refused", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!tz_valid(bad[i]))
			fail_msg("'%s' accepted", bad[i]);
	assert_int_equal(tz_valid(NULL), -1);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

static void test_tzdir(void **state)
{
	char dir[] = "/tmp/supsim-tzdir-XXXXXX", sub[64], path[96];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/Fake", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof(path), "%s/Zone", sub);
	write_file(path, "TZif2 and the rest");
	snprintf(path, sizeof(path), "%s/Text", sub);
	write_file(path, "not a zone");
	assert_int_equal(setenv("TZDIR", dir, 1), 0);
	assert_int_equal(tz_valid("Fake/Zone"), 0);
	assert_int_equal(tz_valid("Fake/Text"), -1);
	assert_int_equal(tz_valid("Europe/Paris"), -1);
	assert_int_equal(unsetenv("TZDIR"), 0);
	assert_int_equal(tz_valid("Fake/Zone"), -1);
	assert_int_equal(tz_valid("Europe/Paris"), 0);
	remove(path);
	snprintf(path, sizeof(path), "%s/Zone", sub);
	remove(path);
	rmdir(sub);
	rmdir(dir);
}

static void test_offsets(void **state)
{
	(void)state;
	/* Paris: CET -> CEST 2020-03-29T01:00Z, back 2020-10-25T01:00Z */
	assert_int_equal(tz_offset("Europe/Paris", 1585443600 - 1), 3600);
	assert_int_equal(tz_offset("Europe/Paris", 1585443600), 7200);
	assert_int_equal(tz_offset("Europe/Paris", 1603587600 - 1), 7200);
	assert_int_equal(tz_offset("Europe/Paris", 1603587600), 3600);
	/* Sydney: AEDT -> AEST 2020-04-04T16:00Z, AEST -> AEDT 2020-10-03T16:00Z */
	assert_int_equal(tz_offset("Australia/Sydney", 1586016000 - 1), 39600);
	assert_int_equal(tz_offset("Australia/Sydney", 1586016000), 36000);
	assert_int_equal(tz_offset("Australia/Sydney", 1601740800 - 1), 36000);
	assert_int_equal(tz_offset("Australia/Sydney", 1601740800), 39600);
	assert_int_equal(tz_offset("Asia/Kolkata", 1585443600), 19800);
	assert_int_equal(tz_offset("UTC", 1585443600), 0);
	assert_int_equal(tz_offset(NULL, 1585443600), 0);
	assert_int_equal(tz_offset("America/New_York", 1585443600), -4 * 3600);
}

static void test_to_local(void **state)
{
	civil c;

	(void)state;
	c = tz_to_local("Europe/Paris", 1585443600 - 1); /* 01:59:59 CET */
	assert_int_equal(c.year, 2020);
	assert_int_equal(c.month, 3);
	assert_int_equal(c.day, 29);
	assert_int_equal(c.hour, 1);
	assert_int_equal(c.min, 59);
	assert_int_equal(c.sec, 59);
	assert_int_equal(c.wday, 6); /* Sunday */
	c = tz_to_local("Europe/Paris", 1585443600); /* 03:00 CEST */
	assert_int_equal(c.hour, 3);
	c = tz_to_local("Australia/Sydney", 1586016000); /* 02:00 AEST, Sunday 5 April */
	assert_int_equal(c.day, 5);
	assert_int_equal(c.hour, 2);
	assert_int_equal(c.wday, 6);
	c = tz_to_local("Asia/Kolkata", 1584921600); /* 2020-03-23T05:30 */
	assert_int_equal(c.hour, 5);
	assert_int_equal(c.min, 30);
	assert_int_equal(c.wday, 0);
}

static void test_to_utc_rule(void **state)
{
	(void)state;
	/* ordinary times */
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 3, 23, 9, 0)), 1584950400);
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 3, 30, 9, 0)), 1585551600);
	/* the gap: 02:30 does not exist; the old offset (+1) still holds */
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 3, 29, 2, 30)), 1585445400);
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 3, 29, 2, 0)), 1585443600);
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 3, 29, 3, 0)), 1585443600);
	/* the overlap: 02:30 happens twice; the first (CEST) */
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 10, 25, 2, 30)), 1603585800);
	assert_int_equal(tz_to_utc("Europe/Paris", at(2020, 10, 25, 3, 0)), 1603587600 + 3600);
	/* Sydney: autumn overlap in April, spring gap in October */
	assert_int_equal(tz_to_utc("Australia/Sydney", at(2020, 4, 5, 2, 30)), 1586014200);
	assert_int_equal(tz_to_utc("Australia/Sydney", at(2020, 10, 4, 2, 30)), 1601742600);
	assert_int_equal(tz_to_utc("Australia/Sydney", at(2020, 10, 4, 3, 0)), 1601740800);
	assert_int_equal(tz_to_utc("Asia/Kolkata", at(2020, 3, 23, 5, 30)), 1584921600);
	assert_int_equal(tz_to_utc("UTC", at(1970, 1, 1, 0, 0)), 0);
}

/* Random instants of 1990-2040: back and forth gives the same local time,
 * and the same instant except in the second hour of an overlap. */
static void test_round_trip(void **state)
{
	static const char *const zones[] = { "Europe/Paris", "Australia/Sydney",
					     "America/New_York", "Asia/Kolkata",
					     "Australia/Lord_Howe", "America/Sao_Paulo" };
	unsigned long long x = 88172645463325252ULL;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		const char *z = zones[i % 6];
		int64_t t = 631152000 + (int64_t)(x % 1577836800ULL);
		civil c = tz_to_local(z, t);
		int64_t back = tz_to_utc(z, c);
		if (back != t) {
			civil d = tz_to_local(z, back);
			assert_true(back < t && t - back <= 3600);
			assert_int_equal(d.hour * 3600 + d.min * 60 + d.sec,
					 c.hour * 3600 + c.min * 60 + c.sec);
		}
	}
}

static void test_env_restored(void **state)
{
	struct tm tm;
	time_t t = 1585443600;

	(void)state;
	assert_int_equal(unsetenv("TZ"), 0);
	tz_offset("Europe/Paris", 0);
	assert_null(getenv("TZ"));
	assert_int_equal(setenv("TZ", "America/New_York", 1), 0);
	assert_int_equal(tz_offset("Australia/Sydney", 1586016000), 36000);
	assert_string_equal(getenv("TZ"), "America/New_York");
	/* other code reloads the process zone: ours must notice */
	tzset();
	assert_non_null(localtime_r(&t, &tm));
	assert_int_equal(tm.tm_gmtoff, -4 * 3600);
	assert_int_equal(tz_offset("Australia/Sydney", 1586016000), 36000);
	assert_int_equal(tz_offset("Australia/Sydney", 1586016000 - 1), 39600);
	assert_string_equal(getenv("TZ"), "America/New_York");
	assert_int_equal(unsetenv("TZ"), 0);
}

/* Same-zone calls reuse the loaded rules: a year of hours is quick. */
static void test_cached(void **state)
{
	clock_t c0 = clock();
	long sum = 0;

	(void)state;
	for (int64_t t = 1577836800; t < 1577836800 + 366 * 86400; t += 3600)
		sum += tz_offset("Europe/Paris", t);
	assert_true(sum > 0);
	assert_true((double)(clock() - c0) / CLOCKS_PER_SEC < 2.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_tzdir),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_to_local),
		cmocka_unit_test(test_to_utc_rule),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_env_restored),
		cmocka_unit_test(test_cached),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
