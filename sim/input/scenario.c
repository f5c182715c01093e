/* scenario.c: scenario files -> model (see scenario.h, docs/scenario.md).
 * The order of the load (scenario_load: read, --set, check every key, then
 * build section by section) and the sections with no calendar of their
 * own: [scenario], [sla] (priorities and targets), [channel], [surge],
 * [tiers], [staff].  The table of every key and the check of its value
 * are in scen_keys.c; [clock] in scen_clock.c; segments in scen_demand.c;
 * teams in scen_supply.c; entitlements and policies in scen_policy.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/dist_value.h"
#include "input/scen.h"
#include "input/scenario.h"
#include "input/tables.h"
#include "input/values.h"

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
	m->abandoned = k ? (abandon_rule)scen_abandon_parse(k->value) : ABANDON_AFTER_TARGET;
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
		m->sla_bd = mem_calloc(m->ntiers * m->nprio * SIM_NCH + 1, sizeof(int));
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
		if (scen_target_bd(c, k, &bd) < 0 || (bd && bd_cells(c, k)))
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
	int *rank = mem_calloc(n ? n : 1, sizeof(*rank));
	int rc = 0;
	char near[160];

	size_t ntp = m->ntiers * m->nprio;

	m->sla_s = mem_calloc(ntp ? ntp : 1, sizeof(double));
	m->target_s = mem_calloc(n ? n : 1, sizeof(double));
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
	char (*names)[SIM_NAME_MAX] = mem_realloc(m->tier_name, (m->ntiers + 1) * sizeof(*names));
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
	m->tier_weight = mem_alloc(m->ntiers * sizeof(double));
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
	m->surge = mem_calloc(n, sizeof(*m->surge));
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
	int team[256], n = scen_team_list(c, k, team, 256);
	for (int i = 0; i < n; i++)
		m->team[team[i]].staff = true;
	return n < 0 ? -1 : 0;
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
	if (scen_check_keys(c) || build_scenario(c) || build_priorities(c) || build_channels(c) ||
	    build_surges(c) || build_tiers(c) || build_targets(c) || scen_segments(c) ||
	    scen_teams(c) || scen_clocks(c) || build_staff(c) || scen_policies(c) ||
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
