/* test_scenario.c: the scenario language (sim/input/scenario.h).
 * - docs/scenario.md documents exactly the keys scenario_keys() lists;
 * - every tests/bad/NAME.ini fails with the error its "; expect:" line gives
 *   (same convention as tests/cli/bad.sh, without the cli);
 * - every scenario of tests/good/ and scenarios/ loads;
 * - defaults, continuation lines, --set, policies, entitlements and the
 *   shipped spring-2020 scenario resolve to the model they should;
 * - the reader survives hostile input (junk, long lines, 10k sections).
 * Runs from the repository root. */
#include <glob.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/scenario.h"

#define SELF (1u << CH_SELF)
/* the four channels of the first round (the scenarios here name no email) */
#define ALL ((1u << CH_PHONE) | (1u << CH_CHAT) | (1u << CH_WEB) | SELF)

static int load(const char *path, model *m, err *e, size_t nsets, ...)
{
	const char *sets[8];
	va_list ap;

	assert_true(nsets <= 8);
	va_start(ap, nsets);
	for (size_t i = 0; i < nsets; i++)
		sets[i] = va_arg(ap, const char *);
	va_end(ap);
	memset(e, 0, sizeof(*e));
	return scenario_load(path, sets, nsets, m, e);
}

/* Load a scenario that must be good; fail the test with its error if not. */
static void load_ok(const char *path, model *m)
{
	err e;
	char buf[1200];

	if (load(path, m, &e, 0))
		fail_msg("%s", err_format(&e, buf, sizeof(buf)));
}

/* Write text to a fresh temporary file; returns its path (static). */
static const char *temp_file(const char *text, size_t len)
{
	static char path[64];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "/tmp/test_scenario_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static int load_text(const char *text, model *m, err *e)
{
	const char *path = temp_file(text, strlen(text));
	int ret = load(path, m, e, 0);

	unlink(path);
	return ret;
}

/* ---- docs/scenario.md <-> scenario_keys() ---- */

static size_t doc_keys(char keys[][96], size_t max)
{
	FILE *fp = fopen("docs/scenario.md", "r");
	char line[1024];
	size_t n = 0;

	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		if (strncmp(line, "| `", 3))
			continue;
		char *end = strchr(line + 3, '`');
		assert_non_null(end);
		assert_true(n < max);
		snprintf(keys[n++], 96, "%.*s", (int)(end - line - 3), line + 3);
	}
	assert_int_equal(fclose(fp), 0);
	return n;
}

static void test_doc_keys(void **state)
{
	static char docs[512][96];
	size_t n = doc_keys(docs, 512);
	const char *const *keys = scenario_keys();

	(void)state;
	for (size_t i = 0; keys[i]; i++) {
		size_t j = 0;
		while (j < n && strcmp(docs[j], keys[i]))
			j++;
		if (j == n)
			fail_msg("key %s is not documented in docs/scenario.md", keys[i]);
	}
	for (size_t j = 0; j < n; j++) {
		size_t i = 0;
		while (keys[i] && strcmp(docs[j], keys[i]))
			i++;
		if (!keys[i])
			fail_msg("docs/scenario.md documents %s, which the parser does not know", docs[j]);
	}
	assert_true(n >= 40);
}

/* ---- tests/bad ---- */

/* "; args: --set A --set B" -> sets (pointing into args). */
static size_t bad_args(char *args, const char **sets, size_t max)
{
	size_t n = 0;

	for (char *w = strtok(args, " \t\n"); w; w = strtok(NULL, " \t\n")) {
		if (strcmp(w, "--set"))
			continue;
		w = strtok(NULL, " \t\n");
		assert_non_null(w);
		assert_true(n < max);
		sets[n++] = w;
	}
	return n;
}

static int check_bad(const char *path)
{
	char expect[600] = "", args[600] = "", got[1200];
	const char *sets[8];
	FILE *fp = fopen(path, "r");
	model m;
	err e;

	assert_non_null(fp);
	if (!fgets(expect, sizeof(expect), fp) || strncmp(expect, "; expect: ", 10))
		fail_msg("%s: line 1 is not '; expect: ...'", path);
	if (fgets(args, sizeof(args), fp) && strncmp(args, "; args: ", 8))
		args[0] = '\0';
	fclose(fp);
	expect[strcspn(expect, "\n")] = '\0';
	size_t nsets = args[0] ? bad_args(args + 8, sets, 8) : 0;
	memset(&e, 0, sizeof(e));
	if (!scenario_load(path, sets, nsets, &m, &e)) {
		model_fini(&m);
		print_error("%s: loaded, expected %s\n", path, expect + 10);
		return 1;
	}
	err_format(&e, got, sizeof(got));
	if (strncmp(got, expect + 10, strlen(expect + 10))) {
		print_error("%s: got '%s'\n    expected '%s...'\n", path, got, expect + 10);
		return 1;
	}
	return 0;
}

static void test_bad_files(void **state)
{
	glob_t g;
	int failed = 0;

	(void)state;
	assert_int_equal(glob("tests/bad/*.ini", 0, NULL, &g), 0);
	assert_true(g.gl_pathc >= 45);
	for (size_t i = 0; i < g.gl_pathc; i++)
		failed += check_bad(g.gl_pathv[i]);
	globfree(&g);
	assert_int_equal(failed, 0);
}

static void test_good_files(void **state)
{
	const char *patterns[] = { "tests/good/*.ini", "scenarios/*.ini" };
	size_t total = 0;
	model m;

	(void)state;
	for (size_t p = 0; p < 2; p++) {
		glob_t g;
		assert_int_equal(glob(patterns[p], 0, NULL, &g), 0);
		for (size_t i = 0; i < g.gl_pathc; i++, total++) {
			load_ok(g.gl_pathv[i], &m);
			model_fini(&m);
		}
		globfree(&g);
	}
	assert_true(total >= 4);
}

/* ---- what the good scenarios resolve to ---- */

static void test_defaults(void **state)
{
	model m;

	(void)state;
	load_ok("tests/good/minimal.ini", &m);
	assert_string_equal(m.name, "minimal");
	assert_string_equal(m.source, "tests/good/minimal.ini");
	assert_true(m.warmup_s == 0 && m.horizon_s == 7 * 86400.0);
	assert_int_equal(m.replications, 10);
	assert_int_equal(m.seed, 1);
	assert_int_equal(m.nprio, 1);
	assert_int_equal(m.ntiers, 1);
	assert_true(m.tier_weight[0] == 1 && m.sla_s[0] == 4 * 3600.0);
	assert_true(m.channel[CH_WEB].used && m.channel[CH_SELF].used);
	assert_false(m.channel[CH_PHONE].used);
	assert_int_equal(m.channel[CH_WEB].concurrency, 1);
	assert_true(m.channel[CH_CHAT].live && !m.channel[CH_WEB].live);
	const segment_model *s = &m.segment[0];
	assert_string_equal(s->tz, "UTC");
	assert_int_equal(s->role, ROLE_USER);
	assert_int_equal(s->nfallback, 1);
	assert_int_equal(s->fallback[0], CH_WEB);
	assert_true(s->chan_cdf[CH_CHAT] == 0 && s->chan_cdf[CH_WEB] == 1 && s->chan_cdf[CH_SELF] == 1);
	assert_int_equal(s->surge, -1);
	assert_null(s->profile);
	assert_int_equal(s->patience[CH_CHAT].kind, DIST_NONE);
	assert_int_equal(m.npolicies, 1);
	const team_model *t = &m.policy[0].teams[0];
	assert_string_equal(m.policy[0].name, "default");
	assert_int_equal(m.policy[0].disc, DISC_PRIORITY);
	assert_true(t->always && t->nshifts == 1 && t->shifts[0].start == 0);
	assert_true(t->shifts[0].end == m.horizon_s && t->shifts[0].agents == 2);
	assert_true(t->shrinkage == 0 && t->prio_mask == 1 && t->assist_mask == 0);
	assert_true(t->assist_queue == -1 && t->assist_wait_share == -1);
	assert_true(t->staff && m.staff_max_agents == 10000 && isnan(m.goal[0]));
	model_fini(&m);
}

static int tier_of(const model *m, const char *name)
{
	for (size_t t = 0; t < m->ntiers; t++)
		if (!strcmp(m->tier_name[t], name))
			return (int)t;
	fail_msg("no tier %s", name);
	return -1;
}

static unsigned allow(const ent_set *es, int tier, role_id r)
{
	return es->allow[(size_t)tier * SIM_NROLE + r];
}

static void test_everything_segments(const model *m)
{
	const segment_model *s = &m->segment[0];

	assert_string_equal(m->name, "every key");
	assert_int_equal(m->start_unix, 1583137800); /* 2020-03-02T08:30Z */
	assert_true(m->warmup_s == 2 * 86400.0 && m->replications == 3 && m->seed == 42);
	/* continued value: P1:0.1 P2:0.2 / P3:0.3 P4:0.4 */
	assert_true(fabs(s->prio_cdf[0] - 0.1) < 1e-12 && fabs(s->prio_cdf[1] - 0.3) < 1e-12);
	assert_true(fabs(s->prio_cdf[2] - 0.6) < 1e-12 && s->prio_cdf[3] == 1);
	assert_int_equal(s->nfallback, 3);
	assert_int_equal(s->fallback[0], CH_CHAT);
	assert_int_equal(s->patience[CH_PHONE].kind, DIST_EXP);
	assert_int_equal(s->patience[CH_CHAT].kind, DIST_LOGNORMAL);
	assert_int_equal(s->patience[CH_WEB].kind, DIST_NONE);
	assert_non_null(s->profile);
	assert_int_equal(s->surge, 0);
	assert_true(m->surge[0].n > 5);
	/* Enterprise is tier 0 (first used), Free tier 1 */
	int ent = tier_of(m, "Enterprise"), fr = tier_of(m, "Free");
	assert_true(ent == 0 && fr == 1);
	assert_true(m->sla_s[0 * m->nprio + 0] == 1800 && m->sla_s[1 * m->nprio + 0] == 3600);
	assert_true(m->sla_s[0 * m->nprio + 2] == 86400 && m->sla_s[1 * m->nprio + 3] == 2 * 86400.0);
	assert_true(m->tier_weight[ent] == 3 && m->tier_weight[fr] == 0.5);
	s = &m->segment[1];
	assert_true(fabs(s->volume_per_s - 0.5 / 60) < 1e-15);
	assert_true(s->prio_cdf[0] == 0 && s->prio_cdf[1] == 0 && s->prio_cdf[2] == 0.5);
	assert_true(s->chan_cdf[CH_SELF] == 1 && fabs(s->chan_cdf[CH_WEB] - 0.8) < 1e-12);
	assert_int_equal(m->channel[CH_CHAT].concurrency, 3);
	assert_int_equal(m->channel[CH_WEB].handle.kind, DIST_EMPIRICAL);
	/* arrivals = arrivals.csv: 09:00Z, 09:30Z twice on 5 March (start 08:30Z on 2 March) */
	s = &m->segment[2];
	assert_true(s->narrivals == 3 && s->arrival_s[0] == 3 * 86400 + 1800.0);
	assert_true(s->arrival_s[1] == 3 * 86400 + 3600.0 && s->arrival_s[2] == s->arrival_s[1]);
	assert_true(fabs(s->volume_per_s - 3 / (21 * 86400.0)) < 1e-18);
	/* [clock]: P3 on follow-the-sun's hours, P4 (and P1, P2) on calendar time */
	assert_true(m->nclocks == 1 && m->prio_clock[2] == 1 && m->prio_clock[3] == 0);
	assert_true(m->prio_clock[0] == 0 && m->prio_clock[1] == 0);
	assert_string_equal(m->clock[0].teams, "follow-the-sun");
}

static void test_everything_teams(const model *m)
{
	const team_model *t = &m->team[0];

	assert_int_equal(m->nteams, 4);
	assert_true(t->prio_mask == 7 && t->assist_mask == 8 && t->assist_queue == 20);
	assert_true(t->shrinkage == 0.25 && t->skills == (ALL & ~SELF) && !t->always);
	assert_true(m->team[2].agents == 3 && m->team[2].nshifts >= 2); /* roster */
	t = &m->team[3];
	assert_true(t->prio_mask == 1 && t->assist_mask == 2 && t->assist_wait_share == 0.75);
	assert_false(t->always); /* 24x7 with a holiday */
	assert_true(m->team[0].staff && m->team[1].staff && !m->team[2].staff && !m->team[3].staff);
	assert_true(m->goal[0] == 0.95 && m->goal[1] == 0.9 && isnan(m->goal[2]));
	assert_int_equal(m->staff_max_agents, 50);
}

static void test_everything_policies(const model *m)
{
	assert_int_equal(m->npolicies, 3);
	const policy_model *base = &m->policy[0], *lean = &m->policy[1], *ff = &m->policy[2];
	assert_string_equal(lean->name, "lean");
	assert_true(base->disc == DISC_PRIORITY && lean->disc == DISC_EDF && ff->disc == DISC_FIFO);
	assert_int_equal(base->nents, 0);
	assert_int_equal(base->teams[0].agents, 6);
	const team_model *t = &lean->teams[0];
	assert_true(t->agents == 8 && t->shrinkage == 0.1 && t->skills == ((1u << CH_CHAT) | (1u << CH_WEB)));
	assert_string_equal(t->tz, "America/New_York");
	assert_true(t->prio_mask == 3 && t->assist_mask == 12 && t->assist_queue == 5);
	assert_true(lean->teams[1].agents == 0 && lean->teams[1].nshifts == 0); /* not in teams */
	assert_true(ff->teams[3].agents == 2 && ff->teams[1].agents == 3); /* emea on a roster */
	assert_int_equal(lean->nents, 1);
	const ent_set *es = &lean->ents[0];
	int ent = tier_of(m, "Enterprise"), fr = tier_of(m, "Free");
	assert_true(allow(es, ent, ROLE_ADMIN) == ALL);
	assert_true(allow(es, ent, ROLE_USER) == ((1u << CH_WEB) | SELF));
	assert_true(allow(es, fr, ROLE_ADMIN) == SELF && allow(es, fr, ROLE_USER) == SELF);
	/* 2020-03-09..15 in Los Angeles (UTC-7 from the 8th) */
	assert_true(es->from == 1583737200.0 - m->start_unix);
	assert_true(es->to == 1584342000.0 - m->start_unix);
}

static void test_everything(void **state)
{
	model m;

	(void)state;
	load_ok("tests/good/everything.ini", &m);
	test_everything_segments(&m);
	test_everything_teams(&m);
	test_everything_policies(&m);
	model_fini(&m);
}

static void test_spring_2020(void **state)
{
	model m;

	(void)state;
	load_ok("scenarios/spring-2020.ini", &m);
	assert_string_equal(m.name, "spring-2020");
	assert_int_equal(m.nprio, 4);
	assert_true(m.sla_s[0] == 3600 && m.sla_s[1] == 4 * 3600.0 && m.sla_s[3] == 86400);
	assert_int_equal(m.npolicies, 7);
	assert_true(m.policy[6].concurrency[CH_CHAT] == 3 && m.policy[0].concurrency[CH_CHAT] == 0);
	assert_string_equal(m.policy[0].name, "pre-may");
	/* live channels: 60 s for calls, 2 min for chats, of every tier and priority */
	for (size_t t = 0; t < m.ntiers; t++)
		for (size_t q = 0; q < m.nprio; q++) {
			assert_true(model_target_s(&m, t, q, CH_PHONE) == 60);
			assert_true(model_target_s(&m, t, q, CH_CHAT) == 120);
			assert_true(model_target_s(&m, t, q, CH_WEB) == m.sla_s[t * m.nprio + q]);
		}
	/* staff cannot win by letting callers hang up: service levels and abandonment */
	assert_int_equal(m.ngoals, 7);
	assert_string_equal(m.goals[4].label, "phone");
	assert_string_equal(m.goals[5].label, "chat");
	assert_true(m.goals[6].kind == GOAL_ABANDON && m.goals[6].share == 0.05);
	/* the usage table through the elasticity: x30 usage on 2020-04-22 -> 30^0.384 */
	assert_string_equal(m.surge[0].name, "covid");
	int rows = 0;
	for (size_t i = 0; i < m.surge[0].n; i++)
		if (m.surge[0].day_unix[i] == 1587513600 && ++rows) /* 2020-04-22 */
			assert_true(fabs(m.surge[0].mult[i] - pow(30, 0.384)) < 1e-12);
	assert_int_equal(rows, 1);
	/* the self-service policy answers 30 % of Free contacts, nobody else's */
	const policy_model *ss = &m.policy[5];
	assert_string_equal(ss->name, "self-service");
	assert_non_null(ss->selfservice);
	for (size_t t = 0; t < m.ntiers; t++)
		assert_true(ss->selfservice[t] == ((int)t == tier_of(&m, "Free") ? 0.3 : 0));
	assert_null(m.policy[1].selfservice);
	const policy_model *p = &m.policy[1];
	assert_string_equal(p->name, "may-june-2020");
	assert_int_equal(p->nents, 2);
	const ent_set *es = &p->ents[0];
	int fr = tier_of(&m, "Free"), pro = tier_of(&m, "Pro"), biz = tier_of(&m, "Business");
	int edu = tier_of(&m, "Education"), ent = tier_of(&m, "Enterprise"), api = tier_of(&m, "API");
	assert_true(allow(es, fr, ROLE_ADMIN) == SELF && allow(es, fr, ROLE_USER) == SELF);
	assert_true(allow(es, pro, ROLE_ADMIN) == ((1u << CH_WEB) | SELF));
	assert_true(allow(es, biz, ROLE_ADMIN) == ALL && allow(es, edu, ROLE_ADMIN) == ALL);
	assert_true(allow(es, ent, ROLE_ADMIN) == ALL && allow(es, api, ROLE_ADMIN) == ALL);
	assert_true(allow(es, biz, ROLE_USER) == SELF && allow(es, ent, ROLE_USER) == SELF);
	/* 2020-05-01T07:00Z .. 2020-07-01T07:00Z (PDT) */
	assert_true(es->from == 1588316400.0 - m.start_unix && es->to == 1593586800.0 - m.start_unix);
	assert_true(isinf(p->ents[1].from) && allow(&p->ents[1], fr, ROLE_USER) == ALL);
	model_fini(&m);
}

/* ---- --set ---- */

static void test_set(void **state)
{
	model m;
	err e;
	char buf[1200];

	(void)state;
	assert_int_equal(load("scenarios/mmc.ini", &m, &e, 5, "team.desk.agents=7",
			      "scenario.replications = 3", "sla.P1=30min",
			      "segment.customers.volume=480/d", "segment.customers.timezone=Europe/Paris"), 0);
	assert_int_equal(m.team[0].agents, 7);
	assert_int_equal(m.policy[0].teams[0].shifts[0].agents, 7);
	assert_int_equal(m.replications, 3);
	assert_true(m.sla_s[0] == 1800);
	assert_true(fabs(m.segment[0].volume_per_s - 480.0 / 86400) < 1e-15);
	assert_string_equal(m.segment[0].tz, "Europe/Paris");
	model_fini(&m);

	/* a later --set wins; a bad value is reported at the --set */
	assert_int_equal(load("scenarios/mmc.ini", &m, &e, 2, "team.desk.agents=7",
			      "team.desk.agents=8"), 0);
	assert_int_equal(m.team[0].agents, 8);
	model_fini(&m);
	assert_int_equal(load("scenarios/mmc.ini", &m, &e, 1, "segment.customers.volume=fast"), -1);
	assert_string_equal(e.file, "--set segment.customers.volume");
	assert_int_equal(e.line, 0);
	assert_string_equal(err_format(&e, buf, sizeof(buf)),
			    "--set segment.customers.volume: bad rate 'fast': expected COUNT/UNIT "
			    "with a unit (s, min, h, d, w), e.g. 1200/d");
	assert_int_equal(m.nsegments, 0); /* left zeroed */
	assert_int_equal(load("scenarios/mmc.ini", &m, &e, 1, "sla.Gold.P1=1h"), -1);
	assert_string_equal(e.msg, "no section [sla Gold] in scenarios/mmc.ini");
	assert_int_equal(load("scenarios/mmc.ini", &m, &e, 1, "team.desk.=1"), -1);
	assert_string_equal(e.msg, "expected a key after the section");
	assert_int_equal(load("scenarios/mmc.ini", &m, &e, 1, "team.desk.agents="), -1);
	assert_string_equal(e.msg, "no value after '='");
	/* a new key through --set, in a policy, for a team */
	assert_int_equal(load("tests/good/everything.ini", &m, &e, 1, "policy.baseline.oncall.agents=5"), 0);
	assert_int_equal(m.policy[0].teams[3].agents, 5);
	assert_int_equal(m.team[3].agents, 1);
	model_fini(&m);
}

/* ---- the reader ---- */

static void test_lines(void **state)
{
	char text[1024], line[256];
	model m;
	err e;

	(void)state;
	/* a continued value keeps the line of its key; later lines count on */
	assert_int_equal(load_text("[scenario]\nstart = 2020-01-01\nduration = 1w\n"
				   "name = a\n  b\n\t c ; comment\n; x\nseed = -1\n", &m, &e), -1);
	assert_int_equal(e.line, 8);
	/* 199 characters fit, 200 do not; CRLF and a BOM are fine */
	memset(line, 'x', 197);
	line[197] = '\0';
	snprintf(text, sizeof(text), "; %s\r\n\xEF\xBB\xBF[bogus]\r\n", line);
	assert_int_equal(load_text(text, &m, &e), -1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.msg, "expected 'KEY = VALUE', '[SECTION]' or a comment");
	snprintf(text, sizeof(text), "\xEF\xBB\xBF; x\r\n; %s\r\n[bogus]\r\n", line);
	assert_int_equal(load_text(text, &m, &e), -1);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.msg, "unknown section [bogus]: expected one of scenario, sla, channel, "
			    "segment, surge, team, policy, entitlement, tiers, staff, clock, shifts");
	snprintf(text, sizeof(text), "[scenario]\n; %sx\n", line);
	assert_int_equal(load_text(text, &m, &e), -1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.msg, "line longer than 199 characters");
	/* a missing file */
	assert_int_equal(load("tests/good/no-such-file.ini", &m, &e, 0), -1);
	assert_int_equal(e.line, 0);
	assert_non_null(strstr(e.msg, "cannot open"));
	/* an empty file, a file of comments */
	assert_int_equal(load_text("", &m, &e), -1);
	assert_int_equal(load_text("; nothing\n# here\n\n", &m, &e), -1);
	assert_string_equal(e.msg, "no [scenario] section (start and duration are required)");
}

static void test_junk(void **state)
{
	static char text[4096];
	unsigned seed = 12345;
	model m;
	err e;

	(void)state;
	for (int round = 0; round < 300; round++) {
		size_t n = 1 + (size_t)(rand_r(&seed) % (sizeof(text) - 1));
		for (size_t i = 0; i < n; i++) {
			int r = rand_r(&seed) % 100;
			text[i] = r < 60 ? "[]=; \n#(:.)abc\tx"[rand_r(&seed) % 17] : (char)rand_r(&seed);
		}
		const char *path = temp_file(text, n);
		if (!load(path, &m, &e, 0))
			model_fini(&m);
		unlink(path);
	}
}

/* Random byte edits of a good scenario: every result loads or errs, cleanly. */
static void test_mutations(void **state)
{
	FILE *fp = fopen("scenarios/mmc.ini", "r");
	static char orig[8192], text[8192];
	size_t n;
	unsigned seed = 99;
	const char alphabet[] = "[]=;:#() \n\t.-0123456789eE%/*Pwebchat";
	model m;
	err e;

	(void)state;
	assert_non_null(fp);
	n = fread(orig, 1, sizeof(orig), fp);
	fclose(fp);
	for (int round = 0; round < 400; round++) {
		memcpy(text, orig, n);
		for (int k = 0; k < 1 + round % 4; k++)
			text[rand_r(&seed) % n] = alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)];
		const char *path = temp_file(text, n);
		if (!load(path, &m, &e, 0))
			model_fini(&m);
		else
			assert_true(e.msg[0] != '\0');
		unlink(path);
	}
}

static void test_big(void **state)
{
	size_t cap = 10000 * 120 + 1000, len = 0;
	char *text = malloc(cap);
	model m;
	err e;

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len,
				"[scenario]\nstart = 2020-01-06\nduration = 1w\n[sla]\nP1 = 1h\n"
				"[channel web]\nhandle = exp(mean=1min)\n[team t]\nagents = 1e99\nskills = web\n");
	for (int i = 0; i < 10000; i++)
		len += (size_t)snprintf(text + len, cap - len,
					"[segment s%d]\ntier = T%d\nrole = user\nvolume = 1/d\n"
					"priority = P1:1\nchannel = web:1\n", i, i % 50);
	const char *path = temp_file(text, len);
	assert_int_equal(load(path, &m, &e, 0), -1);
	assert_int_equal(e.line, 9); /* agents = 1e99 */
	assert_int_equal(load(path, &m, &e, 1, "team.t.agents=99999"), 0);
	assert_int_equal(m.nsegments, 10000);
	assert_int_equal(m.ntiers, 50);
	model_fini(&m);
	unlink(path);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_doc_keys),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_good_files),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_everything),
		cmocka_unit_test(test_spring_2020),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
