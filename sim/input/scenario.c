/* scenario.c: scenario files -> model (see scenario.h, docs/scenario.md).
 * Owns the table of every key the language has (scenario_keys() returns
 * it, the docs test checks it), the check of every key against that table,
 * the order of the load and the sections with no calendar of their own:
 * [scenario], [sla], [channel], [surge], [tiers], [staff], and [clock]
 * (business-time SLA clocks, from the hours of teams).  Segments are built
 * in scen_demand.c, teams, entitlements and policies in scen_supply.c. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/calendar.h"
#include "input/dist_value.h"
#include "input/hint.h"
#include "input/scen.h"
#include "input/scenario.h"
#include "input/tables.h"
#include "tz.h"
#include "input/values.h"

#define MAX_HORIZON_S (3660.0 * 86400) /* ten years */

/* Value checks of the key table: the syntax of one value, before any
 * cross-reference (a priority in a mix, a team in a policy) is resolved. */
typedef int (*key_check)(scen *c, const ini_key *k);

static int chk_later(scen *c, const ini_key *k)
{
	(void)c;
	(void)k;
	return 0; /* distributions and tables: parsed once, while building */
}

static int chk_text(scen *c, const ini_key *k)
{
	if (strlen(k->value) >= sizeof(c->m->name))
		return err_at(c->e, k->at, "%s longer than %zu characters", k->key,
			      sizeof(c->m->name) - 1);
	return 0;
}

static int chk_instant(scen *c, const ini_key *k)
{
	int64_t t;

	if (val_instant(k->value, &t, k->at, c->e))
		return -1;
	/* 1900-01-01 .. 2200-01-01: tzdata and four-digit ISO years hold */
	if (t < -2208988800LL || t >= 7258118400LL)
		return err_at(c->e, k->at, "start %s: expected a year from 1900 to 2199", k->value);
	return 0;
}

static int chk_duration(scen *c, const ini_key *k)
{
	double d;

	return val_duration(k->value, &d, k->at, c->e);
}

static int chk_positive_duration(scen *c, const ini_key *k)
{
	double d;

	if (val_duration(k->value, &d, k->at, c->e))
		return -1;
	if (d <= 0)
		return err_at(c->e, k->at, "%s must be > 0", k->key);
	return 0;
}

#define MAX_BD 366

/* "3bd": a target in business days, 1..MAX_BD: 1 and *n set; 0 when the
 * value is not in bd; -1 with e set when it is, badly. */
static int target_bd(scen *c, const ini_key *k, int *n)
{
	size_t len = strlen(k->value);
	long long v;
	char num[32];

	if (len < 3 || strcmp(k->value + len - 2, "bd") || len - 2 >= sizeof(num))
		return 0;
	snprintf(num, sizeof(num), "%.*s", (int)(len - 2), k->value);
	if (val_int(num, 1, MAX_BD, &v, k->at, NULL))
		return err_at(c->e, k->at, "bad target '%s': expected a whole number of business "
			      "days from 1 to %d, e.g. 3bd", k->value, MAX_BD);
	*n = (int)v;
	return 1;
}

/* An SLA target: > 0 and at most the longest horizon (a business clock is
 * built over the horizon plus seven times the longest target), or a whole
 * number of business days. */
static int chk_target(scen *c, const ini_key *k)
{
	double d;
	int bd, rc = target_bd(c, k, &bd);

	if (rc)
		return rc < 0 ? -1 : 0;
	if (chk_positive_duration(c, k))
		return -1;
	val_duration(k->value, &d, k->at, c->e);
	if (d > MAX_HORIZON_S)
		return err_at(c->e, k->at, "target longer than ten years (3660d)");
	return 0;
}

static int chk_horizon(scen *c, const ini_key *k)
{
	double d;

	if (chk_positive_duration(c, k))
		return -1;
	val_duration(k->value, &d, k->at, c->e);
	if (d > MAX_HORIZON_S)
		return err_at(c->e, k->at, "duration longer than ten years (3660d)");
	return 0;
}

/* team.delay: 0..1 day (a page answered later than a day is no on-call). */
static int chk_delay(scen *c, const ini_key *k)
{
	double d;

	if (val_duration(k->value, &d, k->at, c->e))
		return -1;
	if (d > 86400)
		return err_at(c->e, k->at, "delay %s: expected a duration from 0 to 1d (the time "
			      "an on-call agent takes to start after being called)", k->value);
	return 0;
}

static int chk_int(scen *c, const ini_key *k, long long lo, long long hi)
{
	long long v;

	return val_int(k->value, lo, hi, &v, k->at, c->e);
}

static int chk_reps(scen *c, const ini_key *k)
{
	return chk_int(c, k, 1, SIM_MAX_REPS);
}

static int chk_seed(scen *c, const ini_key *k)
{
	return chk_int(c, k, 0, 9223372036854775807LL);
}

static int chk_concurrency(scen *c, const ini_key *k)
{
	return chk_int(c, k, 1, 1000);
}

static int chk_agents(scen *c, const ini_key *k)
{
	return chk_int(c, k, 0, 100000);
}

static int chk_max_agents(scen *c, const ini_key *k)
{
	return chk_int(c, k, 1, 1000000);
}

static int chk_label(scen *c, const ini_key *k)
{
	if (!ini_is_label(k->value))
		return err_at(c->e, k->at, "bad %s '%s': expected one word of letters, digits, "
			      "'_', '+' or '-', at most %d characters", k->key, k->value,
			      INI_NAME_MAX);
	if (!strcmp(k->key, "tier") && !strcmp(k->value, "all"))
		return err_at(c->e, k->at, "tier 'all' is reserved: result files use it for the "
			      "rows over every tier");
	if (!strcmp(k->key, "tier") && scen_reserved_channel(k->value))
		return err_at(c->e, k->at, "tier '%s' is a channel name: phone, chat, web, email "
			      "and selfservice are reserved", k->value);
	return 0;
}

static int chk_role(scen *c, const ini_key *k)
{
	if (strcmp(k->value, "admin") && strcmp(k->value, "user"))
		return err_at(c->e, k->at, "bad role '%s': expected admin or user", k->value);
	return 0;
}

static int chk_zone(scen *c, const ini_key *k)
{
	if (strlen(k->value) >= SIM_NAME_MAX || tz_valid(k->value))
		return err_at(c->e, k->at, "unknown time zone '%s': expected an IANA zone "
			      "such as UTC or Europe/Paris", k->value);
	const char *meant = hint_zone_meant(k->value);
	if (!meant)
		return 0;
	/* 2026-01-15 and 2026-07-15: a fixed offset has the same at both */
	int jan = tz_offset(k->value, 1768435200), jul = tz_offset(k->value, 1784073600);
	if (jan == jul)
		scen_warn(c, k->at, "timezone %s is a fixed UTC%+03d:%02d all year, without "
			  "daylight saving, while the places on that time change their clocks: "
			  "write the place's zone, e.g. %s", k->value, jan / 3600,
			  abs(jan % 3600) / 60, meant);
	else
		scen_warn(c, k->at, "timezone %s is a legacy rule zone, not a place (its past "
			  "rules are no country's): write the place's zone, e.g. %s", k->value,
			  meant);
	return 0;
}

static int chk_volume(scen *c, const ini_key *k)
{
	double r, day[7];

	if (strchr(k->value, ':')) {
		if (val_day_rates(k->value, day, k->at, c->e))
			return -1;
		r = 0;
		for (int d = 0; d < 7; d++)
			r += day[d];
		if (r <= 0)
			return err_at(c->e, k->at, "volume must be > 0 on some day");
		return 0;
	}
	if (val_rate(k->value, &r, k->at, c->e))
		return -1;
	if (r <= 0)
		return err_at(c->e, k->at, "volume must be > 0");
	return 0;
}

static int chk_mix(scen *c, const ini_key *k)
{
	val_weight w[SIM_MAX_PRIO + SIM_NCH];
	size_t n;

	return val_mix(k->value, w, sizeof(w) / sizeof(w[0]), &n, k->at, c->e);
}

static int chk_words(scen *c, const ini_key *k)
{
	char buf[4096], *w[256];

	return scen_words(c, k, buf, w, 256) < 0 ? -1 : 0;
}

static int chk_scale(scen *c, const ini_key *k)
{
	double v;

	return val_number(k->value, 0, 1e6, &v, k->at, c->e);
}

static int chk_demand(scen *c, const ini_key *k)
{
	double v;

	return val_number(k->value, 0, 1000, &v, k->at, c->e);
}

static int chk_shape(scen *c, const ini_key *k)
{
	if (strcmp(k->value, "linear") && strcmp(k->value, "step"))
		return err_at(c->e, k->at, "bad shape '%s': expected linear (straight lines "
			      "between rows) or step (each row's multiplier until the next row)",
			      k->value);
	return 0;
}

static int chk_elasticity(scen *c, const ini_key *k)
{
	double v;

	return val_number(k->value, 0, 10, &v, k->at, c->e); /* as surge_elasticity */
}

static int chk_weight(scen *c, const ini_key *k)
{
	double v;

	if (val_number(k->value, 0, 1e9, &v, k->at, c->e))
		return -1;
	if (v <= 0)
		return err_at(c->e, k->at, "a tier weight must be > 0");
	return 0;
}

static int chk_shrinkage(scen *c, const ini_key *k)
{
	double v;

	if (val_number(k->value, 0, 1, &v, k->at, c->e))
		return -1;
	if (v >= 1)
		return err_at(c->e, k->at, "shrinkage must be below 1");
	return 0;
}

static int chk_hours(scen *c, const ini_key *k)
{
	week_range r[VAL_MAX_RANGES];
	size_t n;
	bool always;

	return val_hours(k->value, &always, r, &n, k->at, c->e);
}

static int chk_assist(scen *c, const ini_key *k)
{
	return scen_assist(c, k, NULL);
}

static int chk_discipline(scen *c, const ini_key *k)
{
	for (int d = 0; d < 3; d++)
		if (!strcmp(k->value, model_discipline_name[d]))
			return 0;
	return err_at(c->e, k->at, "bad discipline '%s': expected priority, fifo or edf",
		      k->value);
}

static int chk_bool(scen *c, const ini_key *k)
{
	bool b;

	return val_bool(k->value, &b, k->at, c->e);
}

static int chk_window(scen *c, const ini_key *k)
{
	civil from, to;

	return val_window(k->value, &from, &to, k->at, c->e);
}

static int chk_channels(scen *c, const ini_key *k)
{
	char buf[4096], *w[256];
	int n = scen_words(c, k, buf, w, 256);

	for (int i = 0; i < n; i++)
		if (model_channel_parse(w[i]) < 0)
			return err_at(c->e, k->at, "unknown channel '%s': expected phone, chat, "
				      "web, email or selfservice", w[i]);
	return n < 0 ? -1 : 0;
}

#define CLOCK_MAX_TEAMS 16

/* "calendar" or "business TEAM...": the number of teams (0: calendar),
 * w[1..n] pointing into buf; -1 with e set when malformed. */
static int clock_parse(scen *c, const ini_key *k, char *buf, char **w)
{
	int n = val_words(k->value, buf, 4096, w, CLOCK_MAX_TEAMS + 1, k->at, NULL);
	int ok = n == 1 && !strcmp(w[0], "calendar");

	if (n >= 2 && !strcmp(w[0], "business")) {
		ok = 1;
		for (int i = 1; i < n; i++)
			ok &= ini_is_label(w[i]);
	}
	if (ok)
		return n - 1;
	return err_at(c->e, k->at, "bad clock '%s': expected calendar or business TEAM... "
		      "(at most %d teams), or office HOURS", k->value, CLOCK_MAX_TEAMS);
}

/* "office HOURS": the hours text, else NULL. */
static const char *office_hours(const char *v)
{
	if (strncmp(v, "office", 6) || (v[6] != ' ' && v[6] != '\t'))
		return NULL;
	return v + 7 + strspn(v + 7, " \t");
}

static int chk_clock(scen *c, const ini_key *k)
{
	char buf[4096], *w[CLOCK_MAX_TEAMS + 1];
	const char *hours = office_hours(k->value);
	week_range r[VAL_MAX_RANGES];
	size_t n;
	bool always;

	if (hours)
		return val_hours(hours, &always, r, &n, k->at, c->e);
	return clock_parse(c, k, buf, w) < 0 ? -1 : 0;
}

static int abandon_parse(const char *v)
{
	for (int i = 0; i < SIM_NABANDON; i++)
		if (!strcmp(v, model_abandon_name[i]))
			return i;
	return -1;
}

static int chk_abandoned(scen *c, const ini_key *k)
{
	if (abandon_parse(k->value) < 0)
		return err_at(c->e, k->at, "bad abandoned '%s': expected after-target, missed "
			      "or excluded", k->value);
	return 0;
}

static int chk_goal(scen *c, const ini_key *k)
{
	return scen_goal_check(c, k);
}

/* confidence = LEVEL in (0.5, 1), or mean */
static int chk_confidence(scen *c, const ini_key *k)
{
	double v;

	if (!strcmp(k->value, "mean"))
		return 0;
	if (val_number(k->value, 0, 1, &v, k->at, c->e) || v <= 0.5 || v >= 1)
		return err_at(c->e, k->at, "confidence must be a level between 0.5 and 1 "
			      "(exclusive), e.g. 0.95, or 'mean', not '%s'", k->value);
	return 0;
}

static int chk_max_reps(scen *c, const ini_key *k)
{
	return chk_int(c, k, 1, 1000000);
}

static int chk_cost(scen *c, const ini_key *k)
{
	double v;

	if (val_number(k->value, 0, 1e9, &v, k->at, c->e))
		return err_at(c->e, k->at, "cost must be a number >= 0 (per agent-hour), not '%s'",
			      k->value);
	return 0;
}

/* Every key of the language: "KIND.KEY" with KEY a literal or a pattern of
 * upper-case placeholders (PRIORITY, TIER, ROLE, TEAM: a label; TIER and
 * ROLE may also be '*'), and the check of its value. */
#define SCEN_KEYS(X)                                   \
	X("scenario.name", chk_text)                   \
	X("scenario.start", chk_instant)               \
	X("scenario.duration", chk_horizon)            \
	X("scenario.warmup", chk_duration)             \
	X("scenario.replications", chk_reps)           \
	X("scenario.seed", chk_seed)                   \
	X("scenario.abandoned", chk_abandoned)         \
	X("scenario.timezone", chk_zone)               \
	X("sla.PRIORITY", chk_target)                  \
	X("sla.CHANNEL", chk_target)                   \
	X("sla.PRIORITY.CHANNEL", chk_target)          \
	X("clock.PRIORITY", chk_clock)                 \
	X("channel.handle", chk_later)                 \
	X("channel.handle.PRIORITY", chk_later)        \
	X("channel.concurrency", chk_concurrency)      \
	X("segment.tier", chk_label)                   \
	X("segment.role", chk_role)                    \
	X("segment.timezone", chk_zone)                \
	X("segment.volume", chk_volume)                \
	X("segment.priority", chk_mix)                 \
	X("segment.channel", chk_mix)                  \
	X("segment.patience", chk_later)               \
	X("segment.handle", chk_later)                 \
	X("segment.fallback", chk_words)               \
	X("segment.profile", chk_later)                \
	X("segment.surge", chk_label)                  \
	X("segment.arrivals", chk_later)               \
	X("segment.holidays", chk_words)               \
	X("surge.table", chk_later)                    \
	X("surge.scale", chk_scale)                    \
	X("surge.shape", chk_shape)                    \
	X("surge.timezone", chk_zone)                  \
	X("surge.elasticity", chk_elasticity)          \
	TEAM_KEYS(X, "team.")                          \
	X("policy.discipline", chk_discipline)         \
	X("policy.teams", chk_words)                   \
	X("policy.entitlements", chk_words)            \
	X("policy.live_first", chk_bool)               \
	X("policy.demand", chk_demand)                 \
	X("policy.SEGMENT.demand", chk_demand)         \
	X("policy.SURGE.scale", chk_scale)             \
	X("policy.selfservice", chk_later)             \
	X("policy.concurrency", chk_later)             \
	TEAM_KEYS(X, "policy.TEAM.")                   \
	X("entitlement.window", chk_window)            \
	X("entitlement.timezone", chk_zone)            \
	X("entitlement.TIER.ROLE", chk_channels)       \
	X("tiers.TIER", chk_weight)                    \
	X("staff.goal", chk_goal)                      \
	X("staff.teams", chk_words)                    \
	X("staff.max_agents", chk_max_agents)          \
	X("staff.confidence", chk_confidence)          \
	X("staff.max_replications", chk_max_reps)      \
	X("shifts.lengths", scen_chk_shift_lengths)    \
	X("shifts.part_time", scen_chk_shift_lengths)  \
	X("shifts.part_time_share", scen_chk_shift_share) \
	X("shifts.starts", scen_chk_shift_starts)      \
	X("shifts.days_on", scen_chk_shift_days)       \
	X("shifts.days_off", scen_chk_shift_days)      \
	X("shifts.cost", scen_chk_shift_costs)

#define TEAM_KEYS(X, P)                                \
	X(P "agents", chk_agents)                      \
	X(P "timezone", chk_zone)                      \
	X(P "hours", chk_hours)                        \
	X(P "roster", chk_later)                       \
	X(P "skills", chk_words)                       \
	X(P "shrinkage", chk_shrinkage)                \
	X(P "priorities", chk_words)                   \
	X(P "assist", chk_assist)                      \
	X(P "holidays", chk_words)                     \
	X(P "cost", chk_cost)                          \
	X(P "delay", chk_delay)

struct key_rule {
	const char *name;
	key_check check;
};
#define RULE(n, f) { n, f },
static const struct key_rule key_rules[] = { SCEN_KEYS(RULE) };
#define NAME(n, f) n,
static const char *const key_names[] = { SCEN_KEYS(NAME) NULL };

const char *const *scenario_keys(void)
{
	return key_names;
}

/* Does one component of a key match one of a pattern? */
static int part_matches(const char *pat, size_t pn, const char *key, size_t kn)
{
	int placeholder = pn > 0;
	char label[INI_NAME_MAX + 1];

	for (size_t i = 0; i < pn; i++)
		if (pat[i] < 'A' || pat[i] > 'Z')
			placeholder = 0;
	if (!placeholder)
		return pn == kn && !strncmp(pat, key, kn);
	if (kn == 1 && key[0] == '*')
		return (pn == 4 && !strncmp(pat, "TIER", 4)) || (pn == 4 && !strncmp(pat, "ROLE", 4));
	if (kn > INI_NAME_MAX)
		return 0;
	memcpy(label, key, kn);
	label[kn] = '\0';
	return ini_is_label(label);
}

static int key_matches(const char *pat, const char *key)
{
	for (;;) {
		size_t pn = strcspn(pat, "."), kn = strcspn(key, ".");
		if (!part_matches(pat, pn, key, kn))
			return 0;
		if (!pat[pn] || !key[kn])
			return !pat[pn] && !key[kn];
		pat += pn + 1;
		key += kn + 1;
	}
}

static const struct key_rule *find_rule(int kind, const char *key)
{
	const char *kname = scen_kinds[kind].kind;
	size_t kl = strlen(kname);

	for (size_t i = 0; i < sizeof(key_rules) / sizeof(key_rules[0]); i++) {
		const char *n = key_rules[i].name;
		if (!strncmp(n, kname, kl) && n[kl] == '.' && key_matches(n + kl + 1, key))
			return &key_rules[i];
	}
	return NULL;
}

/* " (did you mean 'K'?)" for an unknown key of a section of that kind: K
 * the nearest literal key, or for "NAME.KEY" NAME with the nearest last
 * part of a "KIND.PLACEHOLDER.KEY" pattern. */
static const char *near_key(int kind, const char *key, char *buf, size_t len)
{
	const char *kname = scen_kinds[kind].kind, *words[128];
	const char *dot = strrchr(key, '.');
	size_t kl = strlen(kname), n = 0;

	for (size_t i = 0; i < sizeof(key_rules) / sizeof(key_rules[0]) && n < 128; i++) {
		const char *r = key_rules[i].name, *last;
		if (strncmp(r, kname, kl) || r[kl] != '.')
			continue;
		last = strrchr(r + kl + 1, '.');
		if (!dot && !last && !(r[kl + 1] >= 'A' && r[kl + 1] <= 'Z'))
			words[n++] = r + kl + 1;
		else if (dot && last)
			words[n++] = last + 1;
	}
	const char *w = hint_nearest(dot ? dot + 1 : key, words, n);
	if (!w) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, " (did you mean '%.*s%s'?)", dot ? (int)(dot - key + 1) : 0, key, w);
	return buf;
}

/* A '#' after a value is part of the value for inih (only ';' starts a
 * comment there): often a comment the author meant. */
static int after_value_hash(const ini_key *k)
{
	const char *h = strchr(k->value, '#');

	return h && h > k->value && (h[-1] == ' ' || h[-1] == '\t');
}

/* A value refused: say so when a '#' comment may be the cause. */
static int hash_hint(scen *c, const ini_key *k)
{
	size_t n = strlen(c->e->msg);

	if (after_value_hash(k))
		snprintf(c->e->msg + n, sizeof(c->e->msg) - n, " ('#' does not start a comment "
			 "after a value; use ';')");
	return -1;
}

/* Phase one: every key is known and its value well-formed, in file order. */
static int check_keys(scen *c)
{
	char title[160], near[160];

	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		for (size_t j = 0; j < s->nkeys; j++) {
			const ini_key *k = &s->keys[j];
			const struct key_rule *r = find_rule(s->kind, k->key);
			if (!r)
				return err_at(c->e, k->at, "unknown key '%s' in %s%s", k->key,
					      scen_title(c, s, title, sizeof(title)),
					      near_key(s->kind, k->key, near, sizeof(near)));
			if (r->check(c, k))
				return hash_hint(c, k);
			if (after_value_hash(k))
				scen_warn(c, k->at, "'#' does not start a comment after a value; use "
					  "';' (the value of %s is '%s')", k->key, k->value);
		}
	}
	return 0;
}

/* ---- [scenario] ---- */

static int scenario_name(scen *c, const ini_section *s)
{
	const ini_key *k = inifile_key(s, "name");
	const char *base = strrchr(c->f.path, '/');
	model *m = c->m;

	if (k) {
		snprintf(m->name, sizeof(m->name), "%s", k->value);
		return 0;
	}
	base = base ? base + 1 : c->f.path;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".ini"))
		n -= 4;
	snprintf(m->name, sizeof(m->name), "%.*s", (int)n, base);
	return 0;
}

static int build_scenario(scen *c)
{
	ini_section *s = inifile_find(&c->f, SEC_SCENARIO, "");
	const ini_key *k;
	long long v;
	model *m = c->m;

	if (!s)
		return err_set(c->e, c->f.path, 0, "no [scenario] section (start and duration "
			       "are required)");
	scenario_name(c, s);
	if (!(k = scen_need(c, s, "start")) || val_instant(k->value, &m->start_unix, k->at, c->e))
		return -1;
	if (!(k = scen_need(c, s, "duration")) || val_duration(k->value, &m->horizon_s, k->at, c->e))
		return -1;
	k = inifile_key(s, "warmup");
	if (k && val_duration(k->value, &m->warmup_s, k->at, c->e))
		return -1;
	if (k && m->warmup_s >= m->horizon_s)
		return err_at(c->e, k->at, "warmup must be shorter than duration");
	m->replications = 10;
	k = inifile_key(s, "replications");
	if (k && !val_int(k->value, 1, SIM_MAX_REPS, &v, k->at, c->e))
		m->replications = (int)v;
	m->seed = 1;
	k = inifile_key(s, "seed");
	if (k && !val_int(k->value, 0, 9223372036854775807LL, &v, k->at, c->e))
		m->seed = (uint64_t)v;
	k = inifile_key(s, "abandoned");
	m->abandoned = k ? (abandon_rule)abandon_parse(k->value) : ABANDON_AFTER_TARGET;
	k = inifile_key(s, "timezone");
	snprintf(m->timezone, sizeof(m->timezone), "%s", k ? k->value : "");
	return 0;
}

/* ---- [sla]: priorities and the targets of every tier ---- */


static int build_priorities(scen *c)
{
	ini_section *s = inifile_find(&c->f, SEC_SLA, "");
	model *m = c->m;

	for (size_t i = 0; s && i < s->nkeys; i++) {
		if (scen_sla_channel_key(s->keys[i].key))
			continue;
		if (m->nprio == SIM_MAX_PRIO)
			return err_at(c->e, s->keys[i].at, "more than %d priorities", SIM_MAX_PRIO);
		if (!strcmp(s->keys[i].key, "all"))
			return err_at(c->e, s->keys[i].at, "priority 'all' is reserved: result files "
				      "use it for the rows over every priority");
		snprintf(m->prio_name[m->nprio], SIM_NAME_MAX, "%s", s->keys[i].key);
		m->nprio++;
	}
	if (!s || !m->nprio)
		return err_set(c->e, c->f.path, s ? s->line : 0, "%s",
			       s ? "[sla] needs at least one priority, e.g. P1 = 1h"
				 : "no [sla] section: it names the priorities and their targets");
	return 0;
}

/* The channel of a target key CHANNEL or PRIORITY.CHANNEL, with its
 * priority through *prio (-1 for CHANNEL); -1 with e set when the key names
 * an unknown priority or channel. */
static int target_key(scen *c, const ini_key *k, int *prio)
{
	char buf[2 * SIM_NAME_MAX];
	const char *dot = strchr(k->key, '.'), *name = dot ? dot + 1 : k->key;
	int ch;

	*prio = -1;
	if (dot) {
		snprintf(buf, sizeof(buf), "%.*s", (int)(dot - k->key), k->key);
		*prio = scen_prio(c, k, buf);
		if (*prio < 0)
			return -1;
	}
	ch = model_channel_parse(name);
	if (ch < 0 && scen_reserved_channel(name))
		return err_at(c->e, k->at, "channel '%s' is reserved but this version of supsim "
			      "does not run it", name);
	if (ch < 0)
		return err_at(c->e, k->at, "unknown channel '%s' in %s: expected phone, chat, web, "
			      "email or selfservice", name, k->key);
	return ch;
}

/* Specificity of a target key: PRIORITY.CHANNEL 3, CHANNEL 2, PRIORITY 1;
 * the section adds nothing here: see apply_targets. */
enum { SPEC_PRIO = 1, SPEC_CHANNEL = 2, SPEC_BOTH = 3 };

/* m->sla_bd, on the first target in business days (zeroed: durations). */
static int bd_cells(scen *c, const ini_key *k)
{
	model *m = c->m;

	if (!m->sla_bd)
		m->sla_bd = calloc(m->ntiers * m->nprio * SIM_NCH + 1, sizeof(int));
	return m->sla_bd ? 0 : err_oom_at(c->e, k->at, "the scenario");
}

/* Lay the keys of [sla] section s over tier t's targets (t < 0: every
 * tier).  rank[] holds the rank each target came from: 2 * specificity +
 * (1 for [sla TIER]), so a more specific key wins, and between two equally
 * specific keys [sla TIER]'s wins. */
static int apply_targets(scen *c, const ini_section *s, int t, int *rank)
{
	model *m = c->m;

	for (size_t j = 0; j < s->nkeys; j++) {
		const ini_key *k = &s->keys[j];
		int p = -1, ch = -1, spec = SPEC_PRIO;
		double d;
		if (scen_sla_channel_key(k->key)) {
			ch = target_key(c, k, &p);
			if (ch < 0)
				return -1;
			spec = p < 0 ? SPEC_CHANNEL : SPEC_BOTH;
		} else if ((p = scen_prio(c, k, k->key)) < 0) {
			return -1;
		}
		int bd = 0;
		if (target_bd(c, k, &bd) < 0 || (bd && bd_cells(c, k)))
			return -1;
		if (bd)
			d = bd * 86400.0; /* for display; the deadline counts days */
		else if (val_duration(k->value, &d, k->at, c->e))
			return -1;
		int r = 2 * spec + (s->name[0] != 0);
		for (size_t ti = 0; ti < m->ntiers; ti++)
			for (size_t pi = 0; pi < m->nprio; pi++)
				for (size_t ci = 0; ci < SIM_NCH; ci++) {
					size_t i = (ti * m->nprio + pi) * SIM_NCH + ci;
					if ((t >= 0 && ti != (size_t)t) || (p >= 0 && pi != (size_t)p) ||
					    (ch >= 0 && ci != (size_t)ch) || rank[i] > r)
						continue;
					m->target_s[i] = d;
					if (m->sla_bd)
						m->sla_bd[i] = bd;
					rank[i] = r;
					if (spec == SPEC_PRIO)
						m->sla_s[ti * m->nprio + pi] = d;
				}
	}
	return 0;
}

static int build_targets(scen *c)
{
	model *m = c->m;
	size_t n = m->ntiers * m->nprio * SIM_NCH;
	int *rank = calloc(n ? n : 1, sizeof(*rank));
	int rc = 0;
	char near[160];

	size_t ntp = m->ntiers * m->nprio;

	m->sla_s = calloc(ntp ? ntp : 1, sizeof(double));
	m->target_s = calloc(n ? n : 1, sizeof(double));
	if (!rank || !m->sla_s || !m->target_s) {
		free(rank);
		return err_oom(c->e, c->f.path, 0, "the scenario");
	}
	/* [sla] first (every tier), then each [sla TIER] */
	for (int pass = 0; pass < 2 && !rc; pass++)
		for (size_t i = 0; i < c->f.nsections && !rc; i++) {
			const ini_section *s = &c->f.sections[i];
			if (s->kind != SEC_SLA || (pass == 0) != !s->name[0])
				continue;
			int t = pass ? scen_tier(m, s->name) : -1;
			if (pass && scen_reserved_channel(s->name))
				rc = err_set(c->e, c->f.path, s->line, "[sla %s]: '%s' is a channel, "
					     "not a tier: give channel targets as %s = DURATION in "
					     "[sla] or [sla TIER]", s->name, s->name, s->name);
			else if (pass && t < 0)
				rc = err_set(c->e, c->f.path, s->line,
					     "[sla %s]: no segment has tier '%s'%s", s->name, s->name,
					     scen_near_tier(m, s->name, near));
			else
				rc = apply_targets(c, s, t, rank);
		}
	free(rank);
	return rc;
}

/* ---- tiers: named by segments in order of first use; [tiers] weights ---- */

static int add_tier(model *m, const char *name)
{
	if (scen_tier(m, name) >= 0)
		return 0;
	char (*names)[SIM_NAME_MAX] = realloc(m->tier_name, (m->ntiers + 1) * sizeof(*names));
	if (!names)
		return -1;
	m->tier_name = names;
	snprintf(names[m->ntiers], SIM_NAME_MAX, "%s", name);
	m->ntiers++;
	return 0;
}

static int build_tiers(scen *c)
{
	model *m = c->m;
	ini_section *w = inifile_find(&c->f, SEC_TIERS, "");
	char near[160];

	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		const ini_key *k;
		if (s->kind != SEC_SEGMENT)
			continue;
		if (!(k = scen_need(c, s, "tier")))
			return -1;
		if (add_tier(m, k->value))
			return err_oom(c->e, c->f.path, 0, "the scenario");
	}
	if (!m->ntiers)
		return err_set(c->e, c->f.path, 0, "no [segment] section: at least one is required");
	m->tier_weight = malloc(m->ntiers * sizeof(double));
	if (!m->tier_weight)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	for (size_t t = 0; t < m->ntiers; t++)
		m->tier_weight[t] = 1;
	for (size_t j = 0; w && j < w->nkeys; j++) {
		const ini_key *k = &w->keys[j];
		int t = scen_tier(m, k->key);
		if (t < 0)
			return err_at(c->e, k->at, "no segment has tier '%s'%s", k->key,
				      scen_near_tier(m, k->key, near));
		val_number(k->value, 0, 1e9, &m->tier_weight[t], k->at, c->e);
	}
	return 0;
}

/* ---- [channel NAME] ---- */

static int build_channel(scen *c, const ini_section *s)
{
	model *m = c->m;
	int ch = model_channel_parse(s->name);
	const ini_key *k;
	long long v = 1;

	if (ch == CH_SELF)
		return err_set(c->e, c->f.path, s->line, "selfservice has no agents: it takes "
			       "no [channel] section");
	if (ch < 0)
		return err_set(c->e, c->f.path, s->line, "unknown channel '%s': expected phone, "
			       "chat, web or email", s->name);
	channel_model *cm = &m->channel[ch];
	if (!(k = scen_need(c, s, "handle")) ||
	    val_dist(k->value, c->base_dir, &cm->handle, k->at, c->e))
		return -1;
	if (cm->handle.mean_s <= 0)
		return err_at(c->e, k->at, "a handling time must have a mean > 0");
	for (size_t j = 0; j < s->nkeys; j++) {
		const ini_key *hk = &s->keys[j];
		if (strncmp(hk->key, "handle.", 7))
			continue;
		int p = scen_prio(c, hk, hk->key + 7);
		if (p < 0 || val_dist(hk->value, c->base_dir, &cm->handle_prio[p], hk->at, c->e))
			return -1;
		if (cm->handle_prio[p].mean_s <= 0)
			return err_at(c->e, hk->at, "a handling time must have a mean > 0");
	}
	k = inifile_key(s, "concurrency");
	if (k && val_int(k->value, 1, 1000, &v, k->at, c->e))
		return -1;
	cm->concurrency = (int)v;
	cm->used = true;
	return 0;
}

static int build_channels(scen *c)
{
	model *m = c->m;

	for (int ch = 0; ch < SIM_NCH; ch++) {
		m->channel[ch].concurrency = 1;
		m->channel[ch].live = ch == CH_PHONE || ch == CH_CHAT;
	}
	m->channel[CH_SELF].used = true;
	for (size_t i = 0; i < c->f.nsections; i++)
		if (c->f.sections[i].kind == SEC_CHANNEL && build_channel(c, &c->f.sections[i]))
			return -1;
	return 0;
}

/* ---- [surge NAME]: a table, scaled ---- */

/* elasticity = E: the table is a usage multiplier; support demand moves as
 * usage^E (E = 1: the table as it is; E = 0: flat). */
static int surge_elasticity(scen *c, const ini_key *k, surge_model *sm)
{
	double el;

	if (val_number(k->value, 0, 10, &el, k->at, c->e))
		return -1;
	for (size_t i = 0; i < sm->n; i++) /* the table's rows are >= 0 */
		sm->mult[i] = pow(sm->mult[i], el);
	return 0;
}

static int build_surge(scen *c, const ini_section *s, surge_model *sm)
{
	const ini_key *k = scen_need(c, s, "table");
	const ini_key *zk = inifile_key(s, "timezone"), *shape = inifile_key(s, "shape");
	char path[PATH_MAX];
	double scale = 1;

	snprintf(sm->name, sizeof(sm->name), "%s", s->name);
	if (!k || scen_path(c, k, path, sizeof(path)))
		return -1;
	sm->step = shape && !strcmp(shape->value, "step");
	if (table_surge_in(path, zk ? zk->value : NULL, &sm->day_unix, &sm->mult, &sm->n, c->e))
		return scen_table_err(c, k);
	k = inifile_key(s, "elasticity");
	if (k && surge_elasticity(c, k, sm))
		return -1;
	k = inifile_key(s, "scale");
	if (k && val_number(k->value, 0, 1e6, &scale, k->at, c->e))
		return -1;
	for (size_t i = 0; k && i < sm->n; i++) {
		sm->mult[i] = 1 + scale * (sm->mult[i] - 1);
		if (sm->mult[i] < 0)
			return err_at(c->e, k->at, "scale %g makes the multiplier of row %zu "
				      "negative", scale, i + 1);
	}
	return 0;
}

static int build_surges(scen *c)
{
	model *m = c->m;
	size_t n = inifile_count(&c->f, SEC_SURGE);

	if (!n)
		return 0;
	m->surge = calloc(n, sizeof(*m->surge));
	if (!m->surge)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	m->nsurges = n;
	n = 0;
	for (size_t i = 0; i < c->f.nsections; i++)
		if (c->f.sections[i].kind == SEC_SURGE &&
		    build_surge(c, &c->f.sections[i], &m->surge[n++]))
			return -1;
	return 0;
}

/* ---- [staff] ---- */

static int build_staff(scen *c)
{
	model *m = c->m;
	ini_section *s = inifile_find(&c->f, SEC_STAFF, "");
	const ini_key *k;
	long long v;
	char buf[4096], *w[256], near[160];

	for (size_t p = 0; p < SIM_MAX_PRIO; p++)
		m->goal[p] = NAN;
	m->staff_max_agents = 10000;
	m->staff_confidence = 0.95;
	m->staff_max_reps = 200;
	for (size_t t = 0; t < m->nteams; t++)
		m->team[t].staff = !s || !inifile_key(s, "teams");
	if (!s)
		return 0;
	if ((k = inifile_key(s, "goal")) && scen_staff_goals(c, k))
		return -1;
	if ((k = inifile_key(s, "confidence")))
		m->staff_confidence = 0; /* "mean"; a level was checked in phase one */
	if (k && strcmp(k->value, "mean") &&
	    val_number(k->value, 0, 1, &m->staff_confidence, k->at, c->e))
		return -1;
	if ((k = inifile_key(s, "max_replications")) &&
	    !val_int(k->value, 1, 1000000, &v, k->at, c->e))
		m->staff_max_reps = (int)v;
	if ((k = inifile_key(s, "max_agents")) && !val_int(k->value, 1, 1000000, &v, k->at, c->e))
		m->staff_max_agents = (int)v;
	if (!(k = inifile_key(s, "teams")))
		return 0;
	int n = scen_words(c, k, buf, w, 256);
	for (int i = 0; i < n; i++) {
		int t = scen_team(m, w[i]);
		if (t < 0)
			return err_at(c->e, k->at, "no [team %s] section%s", w[i],
				      scen_near(c, SEC_TEAM, w[i], near, sizeof(near)));
		m->team[t].staff = true;
	}
	return n < 0 ? -1 : 0;
}

/* ---- [clock]: the SLA clock of each priority ---- */

#define CLOCK_MARGIN_S (56 * 86400.0) /* how far past the horizon clocks run */

static int cmp_iv(const void *pa, const void *pb)
{
	const shift_iv *x = pa, *y = pb;

	return (x->start > y->start) - (x->start < y->start);
}

/* Hours (of several teams, sorted here) -> clock: overlapping and adjacent
 * intervals merged, with the running business time. */
static int clock_fill(sla_clock *ck, shift_iv *iv, size_t n)
{
	double busy = 0;

	ck->start = malloc((n ? n : 1) * sizeof(double));
	ck->end = malloc((n ? n : 1) * sizeof(double));
	ck->cum = malloc((n ? n : 1) * sizeof(double));
	if (!ck->start || !ck->end || !ck->cum)
		return -1;
	if (n)
		qsort(iv, n, sizeof(*iv), cmp_iv);
	for (size_t i = 0; i < n; i++) {
		if (ck->n && iv[i].start <= ck->end[ck->n - 1]) {
			ck->end[ck->n - 1] = fmax(ck->end[ck->n - 1], iv[i].end);
			continue;
		}
		if (ck->n)
			busy += ck->end[ck->n - 1] - ck->start[ck->n - 1];
		ck->start[ck->n] = iv[i].start;
		ck->end[ck->n] = iv[i].end;
		ck->cum[ck->n++] = busy;
	}
	return 0;
}

/* The hours of teams w[0..n) over [0, span_s), concatenated; *out malloc'ed. */
static int clock_hours(scen *c, const ini_key *k, char **w, int n, double span_s,
		       shift_iv **out, size_t *nout)
{
	char near[160];

	*out = NULL;
	*nout = 0;
	for (int i = 0; i < n; i++) {
		int t = scen_team(c->m, w[i]);
		shift_iv *iv, *all;
		size_t ni;
		if (t < 0)
			return err_at(c->e, k->at, "no [team %s] section%s", w[i],
				      scen_near(c, SEC_TEAM, w[i], near, sizeof(near)));
		if (scen_team_hours(c, (size_t)t, span_s, &iv, &ni)) {
			err why = *c->e;
			return err_at(c->e, k->at, "the hours of team %s: %s", w[i], why.msg);
		}
		all = realloc(*out, (*nout + ni + 1) * sizeof(*all));
		if (!all) {
			free(iv);
			return err_oom_at(c->e, k->at, "the scenario");
		}
		if (ni)
			memcpy(all + *nout, iv, ni * sizeof(*iv));
		free(iv);
		*out = all;
		*nout += ni;
	}
	return 0;
}

/* The clock of the hours of teams w[0..n) (one per set of teams, shared by
 * the priorities naming it): 1 + its index, or -1 with e set. */
static int business_clock(scen *c, const ini_key *k, char **w, int n, double span_s)
{
	model *m = c->m;
	char names[sizeof(m->clock[0].teams)] = "";
	shift_iv *iv;
	size_t niv;

	for (int i = 0; i < n; i++) {
		size_t used = strlen(names);
		if ((size_t)snprintf(names + used, sizeof(names) - used, "%s%s", i ? " " : "",
				     w[i]) >= sizeof(names) - used)
			return err_at(c->e, k->at, "too many teams for one clock (their names may "
				      "take %zu characters)", sizeof(names) - 1);
	}
	for (size_t i = 0; i < m->nclocks; i++)
		if (!strcmp(m->clock[i].teams, names))
			return (int)i + 1;
	if (clock_hours(c, k, w, n, span_s, &iv, &niv))
		return -1;
	sla_clock *ck = &m->clock[m->nclocks++];
	snprintf(ck->teams, sizeof(ck->teams), "%s", names);
	ck->span_s = span_s;
	int rc = clock_fill(ck, iv, niv);
	free(iv);
	if (rc)
		return err_oom_at(c->e, k->at, "the scenario");
	if (!ck->n || ck->start[0] >= m->horizon_s)
		return err_at(c->e, k->at, "%s %s %s no hours within the horizon: a business "
			      "clock on them would never run", n > 1 ? "teams" : "team",
			      names, n > 1 ? "have" : "has");
	return (int)m->nclocks;
}

/* The local day of each interval's start, in zone (business days). */
static int clock_days(sla_clock *ck, const char *zone, int64_t start_unix)
{
	ck->day = malloc((ck->n ? ck->n : 1) * sizeof(int64_t));
	if (!ck->day)
		return -1;
	for (size_t i = 0; i < ck->n; i++) {
		civil l = tz_to_local(zone, start_unix + (int64_t)floor(ck->start[i]));
		ck->day[i] = civil_days(l.year, l.month, l.day);
	}
	return 0;
}

/* A segment's own office hours (clock = office HOURS) in its zone, without
 * its holidays: 1 + the clock's index, or -1 with e set. */
static int office_clock(scen *c, const ini_key *k, const segment_model *sg, double span_s)
{
	model *m = c->m;
	const ini_section *ss = inifile_find(&c->f, SEC_SEGMENT, sg->name);
	const ini_key *hk = ss ? inifile_key(ss, "holidays") : NULL;
	const char *hours = office_hours(k->value);
	char id[sizeof(m->clock[0].teams)];
	week_range r[VAL_MAX_RANGES];
	size_t nr, niv = 0, nh = 0;
	shift_iv *iv = NULL;
	civil *hol = NULL;
	bool always;

	snprintf(id, sizeof(id), "office %s (%s%s%s)", hours, sg->tz, hk ? ", holidays " : "",
		 hk ? hk->value : "");
	for (size_t i = 0; i < m->nclocks; i++)
		if (!strcmp(m->clock[i].teams, id))
			return (int)i + 1;
	if (val_hours(hours, &always, r, &nr, k->at, c->e) || scen_holidays(c, hk, &hol, &nh)) {
		free(hol); /* scen_holidays leaves what it read to the caller */
		return -1;
	}
	if (always) {
		nr = 7;
		for (int d = 0; d < 7; d++)
			r[d] = (week_range){ d, 0, 24 * 60 };
	}
	int rc = calendar_weekly(&iv, &niv, r, nr, 1, sg->tz, hol, nh, m->start_unix, span_s, c->e);
	free(hol);
	if (rc) {
		err why = *c->e;
		return err_at(c->e, k->at, "office hours of segment %s: %s", sg->name, why.msg);
	}
	sla_clock *ck = &m->clock[m->nclocks++];
	snprintf(ck->teams, sizeof(ck->teams), "%s", id);
	ck->span_s = span_s;
	rc = clock_fill(ck, iv, niv) || clock_days(ck, sg->tz, m->start_unix);
	free(iv);
	if (rc)
		return err_oom_at(c->e, k->at, "the scenario");
	if (!ck->n || ck->start[0] >= m->horizon_s)
		return err_at(c->e, k->at, "office hours %s of segment %s have no hours within the "
			      "horizon: a business clock on them would never run", hours, sg->name);
	return (int)m->nclocks;
}

/* The clock a key names, for segment sg: 0 calendar, 1 + index, -1 error. */
static int clock_of_key(scen *c, const ini_key *k, const segment_model *sg, double span_s)
{
	char buf[4096], *w[CLOCK_MAX_TEAMS + 1];
	model *m = c->m;

	if (office_hours(k->value))
		return office_clock(c, k, sg, span_s);
	int n = clock_parse(c, k, buf, w);
	if (n <= 0)
		return n;
	size_t before = m->nclocks;
	int id = business_clock(c, k, w + 1, n, span_s);
	if (id > 0 && m->nclocks > before &&
	    clock_days(&m->clock[id - 1], m->team[scen_team(m, w[1])].tz, m->start_unix))
		return err_oom_at(c->e, k->at, "the scenario");
	return id;
}

/* [clock] and [clock TIER]: every key names a priority and a clock; the
 * tiers are segments' tiers. */
static int check_clock_sections(scen *c)
{
	char near[160];

	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		if (s->kind != SEC_CLOCK)
			continue;
		if (s->name[0] && scen_tier(c->m, s->name) < 0)
			return err_set(c->e, c->f.path, s->line, "[clock %s]: no segment has tier '%s'%s",
				       s->name, s->name, scen_near_tier(c->m, s->name, near));
		for (size_t j = 0; j < s->nkeys; j++)
			if (scen_prio(c, &s->keys[j], s->keys[j].key) < 0)
				return -1;
	}
	return 0;
}

/* A target in business days needs a business clock (bd counts its days). */
static int check_bd(scen *c)
{
	model *m = c->m;

	for (size_t s = 0; m->sla_bd && s < m->nsegments; s++)
		for (size_t p = 0; p < m->nprio; p++) {
			int t = m->segment[s].tier;
			int ck = m->seg_clock ? m->seg_clock[s * m->nprio + p] : m->prio_clock[p];
			int bd = 0;
			for (size_t ch = 0; ch < SIM_NCH; ch++)
				bd |= m->sla_bd[((size_t)t * m->nprio + p) * SIM_NCH + ch];
			if (!bd || ck)
				continue;
			const ini_section *sla = inifile_find(&c->f, SEC_SLA, m->tier_name[t]);
			const ini_key *k = sla ? inifile_key(sla, m->prio_name[p]) : NULL;
			if (!k)
				k = inifile_key(inifile_find(&c->f, SEC_SLA, ""), m->prio_name[p]);
			return err_at(c->e, k->at, "%s = %s: business days need a business clock; "
				      "%s of tier %s runs on calendar time ([clock] or [clock %s]: "
				      "business TEAM... or office HOURS)", m->prio_name[p], k->value,
				      m->prio_name[p], m->tier_name[t], m->tier_name[t]);
		}
	return 0;
}

static int build_clocks(scen *c)
{
	model *m = c->m;
	ini_section *base = inifile_find(&c->f, SEC_CLOCK, "");
	double longest = 0;

	if (check_clock_sections(c))
		return -1;
	if (!inifile_count(&c->f, SEC_CLOCK))
		return check_bd(c);
	m->clock = calloc((m->ntiers + m->nsegments + 1) * m->nprio, sizeof(*m->clock));
	m->seg_clock = calloc(m->nsegments * m->nprio + 1, sizeof(int));
	if (!m->clock || !m->seg_clock)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	for (size_t i = 0; i < m->ntiers * m->nprio * SIM_NCH; i++)
		longest = fmax(longest, m->target_s[i]);
	/* a team working a seventh of the week still reaches every target */
	double span_s = m->horizon_s + CLOCK_MARGIN_S + 7 * longest;
	for (size_t s = 0; s < m->nsegments; s++) {
		const segment_model *sg = &m->segment[s];
		const ini_section *ts = inifile_find(&c->f, SEC_CLOCK, m->tier_name[sg->tier]);
		for (size_t p = 0; p < m->nprio; p++) {
			const ini_key *k = ts ? inifile_key(ts, m->prio_name[p]) : NULL;
			if (!k && base)
				k = inifile_key(base, m->prio_name[p]);
			int id = k ? clock_of_key(c, k, sg, span_s) : 0;
			if (id < 0)
				return -1;
			m->seg_clock[s * m->nprio + p] = id;
			/* [clock] alone, not office: the priority's clock, for display */
			if (k && !ts && !office_hours(k->value))
				m->prio_clock[p] = id;
		}
	}
	/* [clock] keys no segment reaches still name valid clocks */
	for (size_t j = 0; base && j < base->nkeys; j++)
		if (!office_hours(base->keys[j].value) && m->nsegments &&
		    clock_of_key(c, &base->keys[j], &m->segment[0], span_s) < 0)
			return -1;
	return check_bd(c);
}

/* Mark the policies' copies of the teams like the scenario's teams. */
static void staff_policies(model *m)
{
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t t = 0; t < m->policy[p].nteams; t++)
			m->policy[p].teams[t].staff = m->team[t].staff;
}

static void base_dir(scen *c, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		c->base_dir[0] = '\0';
	else if (slash == path)
		snprintf(c->base_dir, sizeof(c->base_dir), "/");
	else
		snprintf(c->base_dir, sizeof(c->base_dir), "%.*s", (int)(slash - path), path);
}

static int build(scen *c)
{
	if (check_keys(c) || build_scenario(c) || build_priorities(c) || build_channels(c) ||
	    build_surges(c) || build_tiers(c) || build_targets(c) || scen_segments(c) ||
	    scen_teams(c) || build_clocks(c) || build_staff(c) || scen_policies(c) ||
	    scen_whatifs(c) || scen_shifts(c) || scen_warnings(c))
		return -1;
	staff_policies(c->m);
	return 0;
}

int scenario_load(const char *path, const char *const *sets, size_t nsets, model *m, err *e)
{
	scen c = { .m = m, .e = e };
	int ret = -1;

	memset(m, 0, sizeof(*m));
	if (strlen(path) >= sizeof(m->source))
		return err_set(e, NULL, 0, "%.64s...: name too long (%zu bytes; at most %zu)",
			       path, strlen(path), sizeof(m->source) - 1);
	snprintf(m->source, sizeof(m->source), "%s", path);
	base_dir(&c, path);
	if (inifile_read(&c.f, path, scen_kinds, SEC_NKINDS, e))
		goto out;
	for (size_t i = 0; i < nsets; i++)
		if (inifile_set(&c.f, sets[i], scen_kinds, SEC_NKINDS, e))
			goto out;
	ret = build(&c);
out:
	inifile_fini(&c.f);
	if (ret)
		model_fini(m);
	return ret;
}
