/* model.h: the resolved model that every run reads.
 * Built once from a scenario (sim/input/scenario.h), and from then on
 * nothing changes it: every run, thread and writer reads it only.  The
 * options of a run -- replications (-r), seed (-s), the counting window
 * (--from/--to) -- are not in it: run_opts.h (the scenario's replications
 * and seed below are their defaults).  A search that varies staffing runs a
 * copy of its own (decide/staff.h, plan.h), never the model loaded.
 * All calendar data is already in seconds since the scenario's start (UTC),
 * mixes are CDFs, rates are piecewise-linear functions with their integral.
 * The event loop reads it without converting, parsing or allocating.
 * Ownership: a model owns every array below; model_fini frees them all. */
#ifndef SUPSIM_MODEL_H
#define SUPSIM_MODEL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "random/dist.h"

#define SIM_MAX_PRIO 8   /* priorities in [sla] */
/* replications: each keeps its tallies until the results are written
 * (tally_bytes: 500 KB for scenarios/mmc.ini, 5.7 MB for spring-2020.ini) */
#define SIM_MAX_REPS 10000
#define SIM_NAME_MAX 64  /* names of sections, tiers, priorities, zones */

typedef enum channel_id {
	CH_PHONE = 0,
	CH_CHAT,
	CH_WEB,
	CH_EMAIL, /* a backlog, like web */
	CH_SELF, /* selfservice: no agents, no SLA; the contact is deflected */
	SIM_NCH
} channel_id;
extern const char *const model_channel_name[SIM_NCH]; /* "phone", ... */
/* Index of a channel name, or -1. */
int model_channel_parse(const char *name);

typedef enum role_id { ROLE_ADMIN = 0, ROLE_USER, SIM_NROLE } role_id;
extern const char *const model_role_name[SIM_NROLE]; /* "admin", "user" */

/* [scenario] abandoned (docs/results.md, "Attainment and abandonment"):
 * after-target counts an abandonment as missed when the customer left
 * after the target had passed (one within it is left out); missed counts
 * every abandonment as missed; excluded leaves them all out. */
typedef enum abandon_rule {
	ABANDON_AFTER_TARGET = 0, /* the default, so a zeroed model has it */
	ABANDON_MISSED,
	ABANDON_EXCLUDED,
	SIM_NABANDON
} abandon_rule;
extern const char *const model_abandon_name[SIM_NABANDON]; /* "after-target", ... */

typedef enum discipline {
	DISC_PRIORITY = 0, /* priority, then tier weight (higher first), then FIFO */
	DISC_FIFO,
	DISC_EDF, /* earliest SLA deadline first */
} discipline;
extern const char *const model_discipline_name[3];

/* A rate over the horizon, piecewise linear: on piece i, for t in
 * [t[i], t[i+1]), rate(t) = r[i] + slope[i] * (t - t[i]) (per second).
 * cum[i] = integral of the rate over [0, t[i]), so cum[n] is the expected
 * number of arrivals over the whole horizon.  t[0] = 0, t[n] = horizon. */
typedef struct rate_fn {
	size_t n;          /* pieces */
	double *t;         /* n + 1 breakpoints, seconds since start */
	double *r, *slope; /* n each */
	double *cum;       /* n + 1 */
	double mean, peak; /* per second, over the horizon */
} rate_fn;

/* A step function of heads over the horizon: intervals [start, end) with
 * `agents` heads scheduled, sorted, disjoint; outside them nobody is on
 * shift.  A 24x7 team has one interval [0, horizon). */
typedef struct shift_iv {
	double start, end; /* seconds since start */
	int agents;
} shift_iv;

typedef struct team_model {
	char name[SIM_NAME_MAX];
	char tz[SIM_NAME_MAX];   /* IANA zone of its hours */
	int agents;              /* heads per shift (hours), or max of roster */
	unsigned skills;         /* bit c set: serves channel c */
	double shrinkage;        /* share of scheduled time unavailable, [0,1) */
	unsigned prio_mask;      /* bit p set: takes priority p (default all) */
	unsigned assist_mask;    /* priorities taken only when the rule holds */
	int assist_queue;        /* ... queue of that priority >= this, or -1 */
	double assist_wait_share;/* ... or oldest waits >= share of target, or -1 */
	bool always;             /* hours = 24x7 and no holidays/roster */
	char hours[200];         /* the hours text as written, for check */
	size_t nshifts;
	shift_iv *shifts;        /* resolved to UTC, over the horizon */
	bool staff;              /* named by [staff] teams (default: every team) */
	double cost;             /* per agent-hour on shift ([team] cost, default 1) */
	double delay_s;          /* delay: an agent starts this long after taking a
	                            ticket (on-call paging), seconds */
} team_model;

/* One entitlement rule set: allow[tier * SIM_NROLE + role] is a channel
 * bitmask.  It applies to contacts arriving in [from, to) (seconds since
 * start; -INFINITY/INFINITY when it has no window).  A policy's sets are
 * tried in the order listed; the first that covers the instant applies; with
 * none, every channel is allowed. */
typedef struct ent_set {
	char name[SIM_NAME_MAX];
	double from, to;
	unsigned *allow; /* ntiers * SIM_NROLE */
} ent_set;

/* A policy's own demand for one segment (policy.demand, policy.SEGMENT.demand,
 * policy.SURGE.scale): rate.n == 0 when it is the scenario's.  Drawn by
 * thinning (docs/random.md): a scenario contact arriving at t is kept with
 * probability min(1, own(t) / scenario(t)); the extra contacts come from
 * the segment's `extra` process, each kept with probability
 * max(0, own(t) - scenario(t)) / extra(t). */
typedef struct demand_model {
	rate_fn rate;
	double factor;   /* the volume's factor (policy.demand x SEGMENT.demand) */
	bool more;       /* own(t) > scenario(t) somewhere: extra contacts needed */
} demand_model;

typedef struct policy_model {
	char name[SIM_NAME_MAX];
	demand_model *demand; /* per segment, or NULL: the scenario's demand */
	discipline disc;
	size_t nteams;
	team_model *teams; /* the scenario's teams with this policy's overrides;
	                      a team left out of the policy has agents = 0 */
	size_t nents;
	ent_set *ents;
	bool live_first;   /* agents take waiting phone and chat before web */
	double *selfservice; /* [ntiers] share of a tier's contacts self-service
	                        answers at arrival (deflected), NULL: none */
	int concurrency[SIM_NCH]; /* policy.concurrency; 0: the channel's */
} policy_model;

typedef struct channel_model {
	bool used;       /* a [channel] section exists (selfservice: always) */
	dist handle;     /* handling time, seconds */
	dist handle_prio[SIM_MAX_PRIO]; /* handle.PRIORITY; DIST_NONE: handle */
	int concurrency; /* tickets one agent holds at once (chat), >= 1 */
	bool live;       /* phone, chat: customers may abandon */
} channel_model;

typedef struct segment_model {
	char name[SIM_NAME_MAX];
	int tier;                    /* index into model.tier_name */
	role_id role;
	char tz[SIM_NAME_MAX];
	double volume_per_s;         /* baseline mean rate (by day: the weekly mean) */
	bool by_day;                 /* volume = DAYS:RATE ...: */
	double day_per_s[7];         /* ... each local day's rate, [0] = Monday */
	double prio_cdf[SIM_MAX_PRIO]; /* cumulative over model.nprio; last = 1 */
	double chan_cdf[SIM_NCH];    /* preferred channel, cumulative; last = 1 */
	dist patience[SIM_NCH];      /* DIST_NONE: nobody abandons on it */
	dist handle[SIM_NCH];        /* segment.handle; DIST_NONE: the channel's */
	int nfallback;
	channel_id fallback[SIM_NCH]; /* order tried when preferred not allowed */
	int surge;                   /* index into model.surge, or -1 */
	double *profile;             /* 168 hour-of-week weights, mean 1, or NULL */
	rate_fn rate;                /* volume x profile x surge, over horizon */
	/* the what-if policies' extra contacts: a piecewise-constant rate at
	 * least max over policies of (own(t) - rate(t)), n = 0 when no policy
	 * asks for more than the scenario (see demand_model) */
	rate_fn extra;
	/* arrivals = FILE.csv: the arrival instants instead of the Poisson
	 * process (then volume_per_s = narrivals / horizon and rate is flat,
	 * for describing the load only) */
	size_t narrivals;
	double *arrival_s;           /* ascending, in [0, horizon); NULL: Poisson */
} segment_model;

typedef struct surge_model {
	char name[SIM_NAME_MAX];
	size_t n;
	int64_t *day_unix; /* the instant of each row (a date: its midnight), ascending */
	double *mult;      /* multiplier at that instant (already scaled) */
	bool step;         /* shape step: each row's multiplier holds until the
	                      next row; else linear between rows */
} surge_model;

/* A business-time SLA clock ([clock]): the hours of one or more teams, as
 * written in their [team] sections (not a policy's overrides), merged into
 * sorted, disjoint, non-adjacent intervals [start[i], end[i]) over
 * [0, span_s) (the clock runs while any of the teams has hours); cum[i] is
 * the business time before start[i].  It runs past the horizon (span_s >
 * horizon) so that deadlines of tickets arriving late are still instants. */
typedef struct sla_clock {
	char teams[1024];          /* the teams' names, blank-separated (identity);
	                              an office clock: "office HOURS (ZONE...)" */
	size_t n;
	double *start, *end, *cum; /* n each; seconds since start */
	double span_s;
	/* business days (targets in `bd`): the local day (days since
	 * 1970-01-01, in the first team's zone or the segment's) on which each
	 * interval starts; n each */
	int64_t *day;
} sla_clock;

/* A [staff] goal: over the cells it names (tier, priority, channel: an
 * index, or -1 for every one), attainment met / (met + missed) >= share
 * (GOAL_ATTAIN), or abandoned / (arrived - deflected) <= share on the live
 * channels (GOAL_ABANDON; ch -1: phone and chat together). */
#define SIM_MAX_GOALS 32
typedef enum goal_kind { GOAL_ATTAIN = 0, GOAL_ABANDON } goal_kind;
typedef struct staff_goal {
	goal_kind kind;
	int tier, prio, ch;
	double share;
	char label[2 * SIM_NAME_MAX + 16]; /* as written: "P1", "Pro.P1", "phone",
	                                      "abandon", "phone.abandon" */
} staff_goal;
/* [shifts TEAM]: the shift patterns `supsim schedule` may give a team
 * (docs/scenario.md, docs/staff.md).  A pattern is a length and a start
 * time (local to the team's zone) worked on days_on days in a row of a
 * cycle of days_on + days_off days. */
#define SHIFTS_MAX_LENGTHS 16
#define SHIFTS_MAX_STARTS 288
typedef struct shifts_model {
	int team;                 /* index into model.team */
	int line;                 /* of the section's header, for messages */
	size_t nlengths;
	double length_s[SHIFTS_MAX_LENGTHS]; /* each in (0, 24 h] */
	double cost[SHIFTS_MAX_LENGTHS];     /* of one shift of that length */
	bool part[SHIFTS_MAX_LENGTHS];       /* a part-time length */
	size_t nstarts;
	int start_min[SHIFTS_MAX_STARTS];    /* minutes after local midnight, ascending */
	int days_on, days_off;
	double part_share;        /* most share of heads on part-time patterns */
} shifts_model;

typedef struct model {
	char name[200];
	char source[PATH_MAX];   /* scenario file path as given */
	int64_t start_unix;      /* the scenario's start, Unix seconds */
	double horizon_s;        /* duration */
	double warmup_s;
	int replications;         /* [scenario] replications: run_opts' default */
	uint64_t seed;            /* [scenario] seed: run_opts' default */

	size_t nprio;            /* priorities, highest first */
	char prio_name[SIM_MAX_PRIO][SIM_NAME_MAX];

	size_t ntiers;           /* tiers named by segments, in order of first use */
	char (*tier_name)[SIM_NAME_MAX];
	double *tier_weight;     /* [tiers]; default 1; higher is served first */
	double *sla_s;           /* ntiers * nprio first-response targets: the
	                            PRIORITY keys of [sla TIER], else [sla] */
	/* ntiers * nprio * SIM_NCH: the target of a contact of that tier,
	 * priority and channel, the most specific of PRIORITY.CHANNEL, CHANNEL,
	 * PRIORITY (each in [sla TIER], then [sla]); NULL: sla_s for every
	 * channel.  Read it through model_target_s. */
	double *target_s;
	/* [scenario] abandoned: which abandonments attainment counts as missed */
	abandon_rule abandoned;
	char timezone[SIM_NAME_MAX]; /* [scenario] timezone: hourly.csv local_time; "" UTC */
	double goal[SIM_MAX_PRIO]; /* staff: share to meet per priority; NaN: none */

	channel_model channel[SIM_NCH];

	size_t nsegments;
	segment_model *segment;
	size_t nsurges;
	surge_model *surge;
	size_t nteams;           /* scenario teams before policy overrides */
	team_model *team;
	size_t npolicies;        /* >= 1: "default" when the scenario names none */
	policy_model *policy;
	int staff_max_agents;    /* [staff] max_agents: staff's search bound */
	size_t ngoals;           /* [staff] goal, in the order written */
	staff_goal goals[SIM_MAX_GOALS];
	double staff_confidence; /* interval level in (0.5, 1); 0: the mean decides */
	int staff_max_reps;      /* [staff] max_replications */
	size_t nshiftsets;       /* [shifts TEAM] sections, in file order */
	shifts_model *shiftset;

	/* [clock]: the SLA clock of each priority: 0 for calendar time (the
	 * default, so a zeroed model runs on calendar time), k for clock[k-1] */
	int prio_clock[SIM_MAX_PRIO];
	size_t nclocks;
	sla_clock *clock;
	/* the clock of each segment and priority (nsegments * nprio, same
	 * numbering), from [clock TIER] for the segment's tier, else [clock];
	 * office clocks exist only here.  NULL: prio_clock for every segment */
	int *seg_clock;
	/* targets in business days (`3bd`), laid out as target_s (tier,
	 * priority, channel); 0: a duration.  The deadline is the end of the
	 * business hours of the n-th business day after the day of arrival
	 * (sla_clock_bd_deadline); target_s then holds n days, for display
	 * only.  NULL when no target is in bd. */
	int *sla_bd;

	/* Warnings of the load (docs/scenario.md, "Warnings"): where and what,
	 * in the order found; the cli prints them as FILE:LINE: warning: msg. */
	size_t nwarnings;
	err *warnings;
} model;

void model_fini(model *m); /* accepts a zeroed model */

/* Contacts of channel ch one agent holds at once under policy p (NULL: the
 * channel's own), >= 1. */
static inline int model_concurrency(const model *m, const policy_model *p, int ch)
{
	int n = p && p->concurrency[ch] ? p->concurrency[ch] : m->channel[ch].concurrency;

	return n > 1 ? n : 1;
}

/* The first-response target (seconds) of a contact of tier, prio on channel
 * ch, on its priority's clock. */
static inline double model_target_s(const model *m, size_t tier, size_t prio, size_t ch)
{
	if (!m->target_s)
		return m->sla_s[tier * m->nprio + prio];
	return m->target_s[(tier * m->nprio + prio) * SIM_NCH + ch];
}

void rate_fn_fini(rate_fn *f); /* frees the arrays; accepts a zeroed one */

/* rate(t) of a rate function, per second; t in [0, horizon). */
double rate_fn_at(const rate_fn *f, double t);
/* The rate at a and its limit from the left at b, for [a, b) within one
 * piece of f (b > a): the bounds of a linear stretch. */
void rate_fn_span(const rate_fn *f, double a, double b, double *ra, double *rb);
/* Integral of the rate over [0, t). */
double rate_fn_cum(const rate_fn *f, double t);
/* The t at which the integral reaches `target` (0 <= target <= cum[n]);
 * returns the horizon when target >= cum[n].  `hint` is a piece index to
 * start the search from (pass 0; it is updated), so a sequence of increasing
 * targets costs O(1) amortised. */
double rate_fn_inverse(const rate_fn *f, double target, size_t *hint);

/* The channels tier/role may use at t under policy p (the first entitlement
 * set whose window covers t; every channel when none does). */
unsigned policy_allowed(const policy_model *p, size_t ntiers, int tier, role_id role, double t_s);

/* The handling time of a contact of segment s with priority prio on
 * channel ch: the segment's handle for ch, else the channel's
 * handle.PRIORITY, else the channel's handle. */
const dist *model_handle(const model *m, const segment_model *s, int prio, int ch);

/* The channel a contact of segment s preferring `pref` uses when the
 * channels in `ok` are allowed and open: pref, else the first of the
 * segment's fallback order in ok, else CH_SELF (deflected). */
int model_route_channel(const segment_model *s, int pref, unsigned ok);

/* Heads of a team on shift at t (step function lookup). */
int team_heads_at(const team_model *t, double t_s);

void sla_clock_fini(sla_clock *k); /* frees the arrays; accepts a zeroed one */

/* The end of the business hours of the n-th business day (a day on which
 * the clock has hours) after the day of t: the day of t is the day of the
 * hours running at t, or of the next hours when t is outside them.
 * INFINITY beyond the clock's span. */
double sla_clock_bd_deadline(const sla_clock *k, double t_s, int n);

/* Business time of clock k in [0, t), seconds (binary search). */
double sla_clock_at(const sla_clock *k, double t_s);
/* The first instant at which the business time of k since 0 reaches b
 * (sla_clock_at(k, result) >= b), or INFINITY beyond the clock's span. */
double sla_clock_reach(const sla_clock *k, double b);
/* The first instant at which the business time of k since t reaches
 * `target_s` > 0 (binary search), or INFINITY when that lies beyond the
 * clock's span.  Nondecreasing in t. */
double sla_clock_deadline(const sla_clock *k, double t_s, double target_s);

#endif
