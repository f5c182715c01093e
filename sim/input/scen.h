/* scen.h: internals shared by the scenario loader's files (scenario.c: the
 * order of the load, [scenario], [sla], [channel], [surge], [tiers],
 * [staff]; scen_keys.c: the key table and the check of every value;
 * scen_clock.c: [clock]; scen_demand.c: [segment]; scen_supply.c: [team];
 * scen_policy.c: [entitlement], [policy]; scen_common.c: what they all
 * share, depending on none of them).
 * Not a public API: see scenario.h. */
#ifndef SUPSIM_SCEN_H
#define SUPSIM_SCEN_H

#include <limits.h>
#include <stdbool.h>

#include "err.h"
#include "input/inifile.h"
#include "input/values.h"
#include "model.h"

enum sec_kind {
	SEC_SCENARIO,
	SEC_SLA,
	SEC_CHANNEL,
	SEC_SEGMENT,
	SEC_SURGE,
	SEC_TEAM,
	SEC_POLICY,
	SEC_ENTITLEMENT,
	SEC_TIERS,
	SEC_STAFF,
	SEC_CLOCK,
	SEC_SHIFTS,
	SEC_NKINDS
};
extern const ini_kind scen_kinds[SEC_NKINDS];

/* Everything one load works on. */
typedef struct scen {
	inifile f;
	model *m;
	err *e;
	char base_dir[PATH_MAX]; /* folder of the scenario file, "" for the cwd */
	bool warn_lost;          /* scen_warn ran out of memory: the load fails */
} scen;

/* The keys of a team, from its section and a policy's overrides (TKEY_: team
 * key; TK_ in the engine is a ticket's). */
enum team_key {
	TKEY_AGENTS,
	TKEY_TIMEZONE,
	TKEY_HOURS,
	TKEY_ROSTER,
	TKEY_SKILLS,
	TKEY_SHRINKAGE,
	TKEY_PRIORITIES,
	TKEY_ASSIST,
	TKEY_HOLIDAYS,
	TKEY_COST,
	TKEY_DELAY,
	TKEY_N
};
extern const char *const scen_team_keys[TKEY_N];

/* Add a warning at `at` to the model.  Out of memory sets c->warn_lost
 * (the callers go on; scen_warnings, the build's last step, then fails the
 * load with "out of memory"). */
void scen_warn(scen *c, srcloc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* " (did you mean 'X'?)" for a name that no section of that kind has,
 * X the nearest such section's name; "" when none is near. */
const char *scen_near(const scen *c, int kind, const char *name, char *buf, size_t len);

/* The same for a tier no segment has; buf: 160 bytes. */
const char *scen_near_tier(const model *m, const char *name, char *buf);

/* "[team americas]" for messages. */
const char *scen_title(const scen *c, const ini_section *s, char *buf, size_t len);
/* The key, or an error at the section's line saying it is required. */
const ini_key *scen_need(scen *c, const ini_section *s, const char *key);
/* Words of a key's value (blank-separated, parentheses kept together);
 * -1 with e set when there are more than max. buf: size 4096. */
int scen_words(scen *c, const ini_key *k, char *buf, char **w, size_t max);
/* Index of a priority / tier / team / channel with a [channel] section
 * (selfservice included), or -1 with an error at k saying what is wrong. */
int scen_prio(scen *c, const ini_key *k, const char *label);
int scen_tier(const model *m, const char *label);
int scen_channel(scen *c, const ini_key *k, const char *name, bool agents_only);
int scen_team(const model *m, const char *name);
/* The teams named by a key's words (teams = NAME ...) into team[], at most
 * max (256 at the most): their count, or -1 with an error at k naming an
 * unknown team. */
int scen_team_list(scen *c, const ini_key *k, int *team, size_t max);
/* Is name one of the channel names no priority or tier may take (phone,
 * chat, web, email, selfservice)? */
int scen_reserved_channel(const char *name);
/* Is key of [sla] a channel target (CHANNEL or PRIORITY.CHANNEL), not a
 * priority? */
int scen_sla_channel_key(const char *key);
/* A path of a key resolved against the scenario's folder; -1 with an error
 * at k when it does not fit in out[len]. */
int scen_path(scen *c, const ini_key *k, char *out, size_t len);
/* Re-place a whole-file error of a table (line 0) at the key naming it. */
int scen_table_err(scen *c, const ini_key *k);
/* [staff] goal (scen_goals.c): the form of its words (phase one), and the
 * goals resolved into m->goals (and m->goal for PRIORITY:SHARE); 0 or -1
 * with an error at k. */
int scen_goal_check(scen *c, const ini_key *k);
int scen_staff_goals(scen *c, const ini_key *k);

/* A team's assist rule "PRIO:queue>=N" / "PRIO:wait>=X%" ...: with t NULL
 * only its syntax is checked, else it fills t's assist fields (t's
 * prio_mask must be set: an assisted priority must not be in it). */
int scen_assist(scen *c, const ini_key *k, team_model *t);

/* The hours of scenario team t (its [team] section, holidays included,
 * heads ignored) as sorted, disjoint intervals over [0, span_s): what a
 * business-time SLA clock counts.  *out malloc'ed. */
int scen_team_hours(scen *c, size_t t, double span_s, shift_iv **out, size_t *n);

/* holidays = DATE DATE ... or a CSV file of dates (teams, segments); k may
 * be NULL (none).  *out malloc'ed. */
int scen_holidays(scen *c, const ini_key *k, civil **out, size_t *nh);

int scen_segments(scen *c);
/* Segment sg's rate with its volume times factor and surge sm (NULL: none)
 * into out (caller frees), with the contacts' bound checked. */
int scen_segment_rate(scen *c, const segment_model *sg, double factor, const surge_model *sm,
		      rate_fn *out);
/* policy.demand, policy.SEGMENT.demand, policy.SURGE.scale: each policy's
 * own demand and the segments' extra processes (scen_whatif.c).  After
 * the segments and the policies. */
int scen_whatifs(scen *c);
/* Warnings about the built model: coverage gaps, unused sections
 * (scen_coverage.c).  0, or -1 (out of memory). */
int scen_warnings(scen *c);
/* Is a policy key a demand what-if ("demand", "X.demand", "X.scale")? */
bool scen_whatif_key(const char *key);
int scen_teams(scen *c);
/* Team s from its keys v (scen_team_view: its section's; a policy merges
 * its overrides in) into t, shifts in UTC (scen_supply.c).  0 or -1. */
void scen_team_view(const ini_section *s, const ini_key **v);
int scen_resolve_team(scen *c, const ini_section *s, const ini_key *const *v, team_model *t);
int scen_policies(scen *c);
/* Phase one of the load (scen_keys.c): every key known and its value
 * well-formed, in file order.  0 or -1 with e set. */
int scen_check_keys(scen *c);
/* A target in business days ("3bd", scen_keys.c): 1 and *n set; 0 when the
 * value is not in bd; -1 with e set when it is, badly. */
int scen_target_bd(scen *c, const ini_key *k, int *n);
/* scenario.abandoned's value as an abandon_rule, -1 when unknown. */
int scen_abandon_parse(const char *v);
/* [clock] (scen_clock.c): the check of a key's value, and the clocks of
 * every segment and priority (after the segments and the teams). */
int scen_chk_clock(scen *c, const ini_key *k);
int scen_clocks(scen *c);
/* [shifts TEAM] (scen_shifts.c): the checks of its keys and the build. */
int scen_chk_shift_lengths(scen *c, const ini_key *k);
int scen_chk_shift_starts(scen *c, const ini_key *k);
int scen_chk_shift_costs(scen *c, const ini_key *k);
int scen_chk_shift_share(scen *c, const ini_key *k);
int scen_chk_shift_days(scen *c, const ini_key *k);
int scen_shifts(scen *c);

#endif
