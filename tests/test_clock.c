/* test_clock.c: business-time SLA clocks ([clock], model.h sla_clock_*).
 * - known deadlines on tests/cal/business-clock.ini (office Mon-Fri
 *   09:00-17:00): Friday 18:00 + 24h of business time = Wednesday 17:00,
 *   in UTC and in Europe/Paris across the change of 2020-03-29;
 * - a deadline is the first instant at which the clock has run the target,
 *   and it never decreases with the arrival instant: so inside a queue
 *   bucket (one target, one clock) arrival order is deadline order, which
 *   is what `edf` relies on (docs/engine.md);
 * - several teams: the clock runs while any of them has hours;
 * - a priority without a [clock] line stays on calendar time.
 * Runs from the repository root. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "input/scenario.h"
#include "scen_fixture.h"

#define DAY 86400.0
#define HOUR 3600.0
#define SCEN "tests/cal/business-clock.ini"

static void load(model *m, size_t nsets, const char *const *sets)
{
	scen_load_ok(SCEN, sets, nsets, m);
	assert_int_equal(m->nclocks, 1);
}

static void test_utc_deadlines(void **state)
{
	model m;

	(void)state;
	load(&m, 0, NULL);
	/* P3 and P4 share the one clock of team office */
	assert_true(m.prio_clock[0] == 1 && m.prio_clock[1] == 1);
	const sla_clock *k = &m.clock[0];
	assert_string_equal(k->teams, "office");
	double fri18 = 4 * DAY + 18 * HOUR; /* start: Monday 2 March 00:00Z */
	assert_true(sla_clock_at(k, fri18) == 5 * 8 * HOUR);
	assert_true(sla_clock_at(k, 0) == 0 && sla_clock_at(k, 9 * HOUR + 60) == 60);
	/* Friday 18:00 + 24h business = Wednesday 11 March 17:00Z */
	assert_true(sla_clock_deadline(k, fri18, 24 * HOUR) == 9 * DAY + 17 * HOUR);
	/* + 30 min = Monday 09:30Z; answered Monday 10:00: missed */
	assert_true(sla_clock_deadline(k, fri18, 1800) == 7 * DAY + 9.5 * HOUR);
	/* inside the hours: Tuesday 16:00 + 24h = Friday 16:00 */
	assert_true(sla_clock_deadline(k, DAY + 16 * HOUR, 24 * HOUR) == 4 * DAY + 16 * HOUR);
	/* a target ending exactly at 17:00 ends there, not at the next 09:00 */
	assert_true(sla_clock_deadline(k, 9 * HOUR, 8 * HOUR) == 17 * HOUR);
	/* the clock runs past the horizon (14 days): Sunday 15 -> Wednesday 18 17:00 */
	assert_true(k->span_s >= m.horizon_s + 56 * DAY);
	assert_true(sla_clock_deadline(k, 13 * DAY, 24 * HOUR) == 16 * DAY + 17 * HOUR);
	assert_true(sla_clock_deadline(k, 0, 1e9) == INFINITY);
	model_fini(&m);
}

static void test_paris_dst(void **state)
{
	static const char *const sets[] = {
		"team.office.timezone=Europe/Paris", "scenario.duration=6w",
	};
	model m;

	(void)state;
	load(&m, 2, sets);
	const sla_clock *k = &m.clock[0];
	/* 09:00-17:00 CET is 08:00-16:00Z: Fri 6 March 18:00Z -> Wed 11 16:00Z */
	assert_true(sla_clock_deadline(k, 4 * DAY + 18 * HOUR, 24 * HOUR) == 9 * DAY + 16 * HOUR);
	/* across 29 March (CEST: 07:00-15:00Z): Fri 27 18:00Z -> Wed 1 April 15:00Z */
	assert_true(sla_clock_deadline(k, 25 * DAY + 18 * HOUR, 24 * HOUR) ==
		    30 * DAY + 15 * HOUR);
	/* Fri 27 March 15:00Z (16:00 CET) + 2h: 1h on Friday, 1h on Monday 30 (07:00Z) */
	assert_true(sla_clock_deadline(k, 25 * DAY + 15 * HOUR, 2 * HOUR) == 28 * DAY + 8 * HOUR);
	model_fini(&m);
}

/* A deadline never decreases with the arrival, is reached, and is the
 * first instant that is: on a clock with a holiday and a DST change. */
static void test_monotone(void **state)
{
	static const char *const sets[] = {
		"team.office.timezone=America/New_York", "team.office.holidays=2020-03-10",
		"scenario.duration=6w",
	};
	static const double targets[] = { 1, 1800, 4 * HOUR, 8 * HOUR, 24 * HOUR, 5 * DAY };
	model m;
	uint64_t x = 88172645463325252ULL;

	(void)state;
	load(&m, 3, sets);
	const sla_clock *k = &m.clock[0];
	for (size_t j = 0; j < sizeof(targets) / sizeof(targets[0]); j++) {
		double prev = 0, t = 0;
		while (t < m.horizon_s) {
			double d = sla_clock_deadline(k, t, targets[j]);
			double b = sla_clock_at(k, t) + targets[j];
			assert_true(isfinite(d) && d >= prev && d > t);
			assert_true(sla_clock_at(k, d) >= b);
			assert_true(sla_clock_at(k, nextafter(d, 0)) < b);
			prev = d;
			x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: steps 0..2h */
			t += (double)(x % 7200000) / 1000;
		}
	}
	model_fini(&m);
}

/* business TEAM TEAM: the clock runs while either team has hours */
static void test_union(void **state)
{
	static const char *const sets[] = {
		"team.desk.timezone=Asia/Tokyo", "clock.P3=business office desk",
	};
	model m;

	(void)state;
	scen_load_ok(SCEN, sets, 2, &m);
	/* P3 on office + desk, P4 on office alone: two clocks */
	assert_int_equal(m.nclocks, 2);
	const sla_clock *k = &m.clock[m.prio_clock[0] - 1];
	assert_string_equal(k->teams, "office desk");
	/* desk: 10:00-17:00 JST = 01:00-08:00Z; office 09:00-17:00Z: 15 h a day.
	 * Friday 18:00Z + 24h: Monday 01-08, 09-17 (15 h), Tuesday 01-08 (22 h),
	 * then 2 h from 09:00Z: Tuesday 10 March 11:00Z */
	assert_true(sla_clock_deadline(k, 4 * DAY + 18 * HOUR, 24 * HOUR) == 8 * DAY + 11 * HOUR);
	assert_true(sla_clock_at(k, DAY) == 15 * HOUR);
	model_fini(&m);
}

static void test_calendar_default(void **state)
{
	static const char *const sets[] = { "clock.P4=calendar" };
	model m;

	(void)state;
	load(&m, 1, sets);
	assert_true(m.prio_clock[0] == 1 && m.prio_clock[1] == 0);
	model_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utc_deadlines),
		cmocka_unit_test(test_paris_dst),
		cmocka_unit_test(test_monotone),
		cmocka_unit_test(test_union),
		cmocka_unit_test(test_calendar_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
