/* test_language.c: the scenario language of issue 11 as the model sees it,
 * on scenarios/examples/saas.ini (the brief of the issue) and small
 * overrides of it:
 * - `3bd` deadlines of three tickets computed by hand (office hours
 *   Mon-Fri 09:00-17:00 of the customer, New York EDT and London BST);
 * - [clock TIER]: Enterprise P1 on calendar time, Basic P1 on office hours;
 * - volume by day: the weekly mean and each local day's contacts;
 * - a step surge: exactly x2 from Monday 00:00 to Saturday 00:00 local;
 * - role optional (admin), handle by segment and by priority, team.delay,
 *   the email channel, segment.holidays on an office clock.
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
#define SAAS "scenarios/examples/saas.ini"

static void load(model *m, size_t nsets, const char *const *sets)
{
	scen_load_ok(SAAS, sets, nsets, m);
}

static size_t segment(const model *m, const char *name)
{
	for (size_t s = 0; s < m->nsegments; s++)
		if (!strcmp(m->segment[s].name, name))
			return s;
	fail_msg("no segment %s", name);
	return 0;
}

static int prio(const model *m, const char *name)
{
	for (size_t p = 0; p < m->nprio; p++)
		if (!strcmp(m->prio_name[p], name))
			return (int)p;
	fail_msg("no priority %s", name);
	return 0;
}

static const sla_clock *clock_of(const model *m, const char *seg, const char *p)
{
	int k = m->seg_clock[segment(m, seg) * m->nprio + (size_t)prio(m, p)];

	return k ? &m->clock[k - 1] : NULL;
}

/* The start is Monday 13 April 2026 00:00Z; New York is UTC-4 and London
 * UTC+1 all through the horizon. */
static void test_bd_deadlines(void **state)
{
	model m;

	(void)state;
	load(&m, 0, NULL);
	const sla_clock *ny = clock_of(&m, "ny-basic", "P4");
	const sla_clock *ldn = clock_of(&m, "london-basic", "P4");
	assert_non_null(ny);
	assert_non_null(ldn);
	assert_int_equal(m.sla_bd[(0 * m.nprio + (size_t)prio(&m, "P4")) * SIM_NCH + CH_WEB], 3);
	/* 1. New York, Monday 20 April 10:00 EDT (14:00Z), inside the hours:
	 *    Monday is the day of arrival; due Thursday 23 April 17:00 EDT */
	assert_true(sla_clock_bd_deadline(ny, 7 * DAY + 14 * HOUR, 3) == 10 * DAY + 21 * HOUR);
	/* 2. New York, Friday 24 April 18:00 EDT (22:00Z), after hours: it
	 *    counts from Monday 27; due Thursday 30 April 17:00 EDT (21:00Z) */
	assert_true(sla_clock_bd_deadline(ny, 11 * DAY + 22 * HOUR, 3) == 17 * DAY + 21 * HOUR);
	/* 3. London, Saturday 25 April 11:00 BST (10:00Z): from Monday 27;
	 *    due Thursday 30 April 17:00 BST (16:00Z) */
	assert_true(sla_clock_bd_deadline(ldn, 12 * DAY + 10 * HOUR, 3) == 17 * DAY + 16 * HOUR);
	/* before the hours on a business day: that day counts (07:30 EDT Mon
	 * 20 April -> Thursday 23 April 17:00 EDT) */
	assert_true(sla_clock_bd_deadline(ny, 7 * DAY + 11.5 * HOUR, 3) == 10 * DAY + 21 * HOUR);
	model_fini(&m);
}

/* A London holiday on Wednesday 22 April: Monday 20 April + 3bd skips it. */
static void test_bd_holiday(void **state)
{
	static const char *const sets[] = { "segment.london-basic.holidays=2026-04-22" };
	model m;

	(void)state;
	load(&m, 1, sets);
	const sla_clock *ldn = clock_of(&m, "london-basic", "P4");
	/* Monday 20 April 10:00 BST (09:00Z) -> Tue, Thu, Fri: Friday 24 April 17:00 BST */
	assert_true(sla_clock_bd_deadline(ldn, 7 * DAY + 9 * HOUR, 3) == 11 * DAY + 16 * HOUR);
	/* the other London segments keep their own (holiday-free) clock */
	assert_true(clock_of(&m, "london-premium", "P4") != ldn);
	model_fini(&m);
}

static void test_tier_clocks(void **state)
{
	model m;

	(void)state;
	load(&m, 0, NULL);
	assert_null(clock_of(&m, "ny-enterprise", "P1"));   /* [clock Enterprise] */
	assert_null(clock_of(&m, "london-enterprise", "P1"));
	assert_non_null(clock_of(&m, "ny-basic", "P1"));    /* [clock]: office */
	assert_non_null(clock_of(&m, "ny-enterprise", "P2"));
	/* each zone has its own office clock, shared by its segments */
	assert_true(clock_of(&m, "ny-basic", "P1") == clock_of(&m, "ny-premium", "P3"));
	assert_true(clock_of(&m, "ny-basic", "P1") != clock_of(&m, "london-basic", "P1"));
	/* Basic P1 of New York arriving Monday 20 April 02:00 EDT is due at
	 * 09:30 EDT (13:30Z): it waits for office hours */
	assert_true(sla_clock_deadline(clock_of(&m, "ny-basic", "P1"), 7 * DAY + 6 * HOUR, 1800) ==
		    7 * DAY + 13.5 * HOUR);
	model_fini(&m);
}

/* Expected contacts of segment s over [a, b) (seconds since start). */
static double contacts(const model *m, size_t s, double a, double b)
{
	const rate_fn *f = &m->segment[s].rate;

	return rate_fn_cum(f, b) - rate_fn_cum(f, a);
}

static void test_volume_by_day_and_launch(void **state)
{
	model m;

	(void)state;
	load(&m, 0, NULL);
	size_t s = segment(&m, "ny-basic");
	const segment_model *sg = &m.segment[s];
	assert_true(sg->by_day);
	/* (5 x 120 + 2 x 36) / 7 = 96 a day */
	assert_true(fabs(sg->volume_per_s * DAY - 96) < 1e-9);
	/* a New York day is [04:00Z, 04:00Z next day); Monday 20 April = day 7 */
	double mon20 = 7 * DAY + 4 * HOUR, sun19 = mon20 - DAY, sat25 = mon20 + 5 * DAY;
	assert_true(fabs(contacts(&m, s, mon20, mon20 + DAY) - 120) < 1e-6);
	assert_true(fabs(contacts(&m, s, sun19, mon20) - 36) < 1e-6);
	/* the launch, Monday 27 April to Friday 1 May: exactly x2, the
	 * days around it x1 */
	for (int d = 0; d < 5; d++)
		assert_true(fabs(contacts(&m, s, mon20 + (7 + d) * DAY, mon20 + (8 + d) * DAY) -
				 2 * contacts(&m, s, mon20 + d * DAY, mon20 + (d + 1) * DAY)) < 1e-6);
	assert_true(fabs(contacts(&m, s, sun19 + 7 * DAY, mon20 + 7 * DAY) - 36) < 1e-6);
	assert_true(fabs(contacts(&m, s, sat25 + 7 * DAY, sat25 + 8 * DAY) - 36) < 1e-6);
	/* London's launch is London's Monday: 2026-04-26T23:00Z */
	size_t l = segment(&m, "london-basic");
	double lmon27 = 14 * DAY - HOUR;
	assert_true(fabs(contacts(&m, l, lmon27, lmon27 + DAY) - 160) < 1e-6);
	assert_true(fabs(contacts(&m, l, lmon27 - DAY, lmon27) - 24) < 1e-6);
	model_fini(&m);
}

static void test_small_keys(void **state)
{
	static const char *const sets[] = { "channel.email.handle=exp(mean=30min)" };
	model m;
	err e;

	(void)state;
	load(&m, 0, NULL);
	size_t s = segment(&m, "ny-enterprise"), b = segment(&m, "ny-basic");
	assert_int_equal(m.segment[s].role, ROLE_ADMIN); /* no role key: admin */
	/* handle: segment's web, else web's handle.P1, else web's */
	assert_true(model_handle(&m, &m.segment[s], 0, CH_WEB)->mean_s == 1200);
	assert_true(model_handle(&m, &m.segment[b], 0, CH_WEB)->mean_s == 1800);
	assert_true(model_handle(&m, &m.segment[b], 1, CH_WEB)->mean_s == 900);
	assert_true(model_handle(&m, &m.segment[s], 0, CH_PHONE)->mean_s == 480);
	for (size_t t = 0; t < m.nteams; t++)
		assert_true(m.team[t].delay_s == (!strcmp(m.team[t].name, "oncall") ? 900 : 0));
	model_fini(&m);
	/* email: a channel with a section, a backlog */
	memset(&e, 0, sizeof(e));
	assert_int_equal(scenario_load(SAAS, sets, 1, &m, &e), -1); /* no section */
	assert_non_null(strstr(e.msg, "no section [channel email]"));
	model_fini(&m);
}

/* The same launch given as instants (no timezone needed) or as local
 * date-times in the surge's zone: the same rate, to the bit. */
static void test_surge_instants(void **state)
{
	static const char *const inst[] = {
		"surge.launch-ny.table=../../tests/lang/launch-instants.csv" };
	static const char *const local[] = {
		"surge.launch-ny.table=../../tests/lang/launch-local.csv" };
	model a, b, c;

	(void)state;
	load(&a, 0, NULL);
	load(&b, 1, inst);
	load(&c, 1, local);
	size_t s = segment(&a, "ny-basic");
	const rate_fn *fa = &a.segment[s].rate, *fb = &b.segment[s].rate, *fc = &c.segment[s].rate;
	assert_true(fa->n == fb->n && fa->n == fc->n);
	for (size_t i = 0; i <= fa->n; i++)
		assert_true(fa->t[i] == fb->t[i] && fa->cum[i] == fb->cum[i] &&
			    fa->t[i] == fc->t[i] && fa->cum[i] == fc->cum[i]);
	model_fini(&a);
	model_fini(&b);
	model_fini(&c);
}

/* policy.SURGE.scale: the launch's excess x3 in one policy (x1.3 volume
 * too): 1.3 x (1 + 3 x 1) = 5.2 times the launch days' base rate. */
static void test_whatif_scale(void **state)
{
	static const char *const sets[] = { "policy.plus30.launch-ny.scale=3" };
	model m;

	(void)state;
	load(&m, 1, sets);
	size_t s = segment(&m, "ny-basic"), l = segment(&m, "london-basic");
	const policy_model *p = &m.policy[1];
	assert_string_equal(p->name, "plus30");
	assert_null(m.policy[0].demand);
	double mon27 = 14 * DAY + 4 * HOUR, mon20 = 7 * DAY + 4 * HOUR;
	const rate_fn *own = &p->demand[s].rate;
	assert_true(fabs(rate_fn_cum(own, mon27 + DAY) - rate_fn_cum(own, mon27) - 5.2 * 120) < 1e-6);
	assert_true(fabs(rate_fn_cum(own, mon20 + DAY) - rate_fn_cum(own, mon20) - 1.3 * 120) < 1e-6);
	/* London's surge is not scaled: x1.3 of its x2 */
	own = &p->demand[l].rate;
	double lmon27 = 14 * DAY - HOUR;
	assert_true(fabs(rate_fn_cum(own, lmon27 + DAY) - rate_fn_cum(own, lmon27) - 2.6 * 80) < 1e-6);
	/* the extra process bounds the excess on every piece */
	const rate_fn *x = &m.segment[s].extra, *base = &m.segment[s].rate;
	assert_true(x->n > 0 && x->cum[x->n] >= p->demand[s].rate.cum[p->demand[s].rate.n] -
						       base->cum[base->n] - 1e-6);
	model_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bd_deadlines),
		cmocka_unit_test(test_bd_holiday),
		cmocka_unit_test(test_tier_clocks),
		cmocka_unit_test(test_volume_by_day_and_launch),
		cmocka_unit_test(test_small_keys),
		cmocka_unit_test(test_surge_instants),
		cmocka_unit_test(test_whatif_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
