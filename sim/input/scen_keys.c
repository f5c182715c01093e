/* scen_keys.c: the language of scenario files.  Owns the table of every
 * key (scenario_keys() returns it, the docs test checks it against
 * docs/scenario.md), the check of each value's syntax before any
 * cross-reference is resolved, and phase one of the load
 * (scen_check_keys: every key known and well-formed, in file order, with
 * "did you mean" for an unknown one). */
#include <stdio.h>
#include <string.h>

#include "input/hint.h"
#include "input/scen.h"
#include "input/scenario.h"
#include "input/values.h"
#include "tz.h"

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
int scen_target_bd(scen *c, const ini_key *k, int *n)
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
	int bd, rc = scen_target_bd(c, k, &bd);

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

int scen_abandon_parse(const char *v)
{
	for (int i = 0; i < SIM_NABANDON; i++)
		if (!strcmp(v, model_abandon_name[i]))
			return i;
	return -1;
}

static int chk_abandoned(scen *c, const ini_key *k)
{
	if (scen_abandon_parse(k->value) < 0)
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
	X("clock.PRIORITY", scen_chk_clock)            \
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
int scen_check_keys(scen *c)
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
