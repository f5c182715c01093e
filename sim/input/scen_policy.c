/* scen_policy.c: [entitlement NAME] and [policy NAME] -> model.policy.  A
 * policy copies every team, applying its "TEAM.KEY = VALUE" overrides
 * (resolved again from the merged keys, scen_supply.c), and lists the
 * entitlement sets in force, each resolved to a channel mask per tier and
 * role and a window in seconds since start. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/calendar.h"
#include "input/scen.h"
#include "input/values.h"

#define ALL_CHANNELS ((1u << SIM_NCH) - 1)

/* ---- [entitlement NAME] ---- */

/* How specific a rule TIER.ROLE is for tier t, role r: -1 when it does not
 * apply; exact tier beats exact role beats "*.*". */
static int rule_score(int rt, int rr, int t, int r)
{
	if ((rt >= 0 && rt != t) || (rr >= 0 && rr != r))
		return -1;
	return (rt >= 0) * 2 + (rr >= 0);
}

static int rule_parse(scen *c, const ini_key *k, int *rt, int *rr, unsigned *mask)
{
	char buf[4096], *w[16], near[160];
	const char *dot = strrchr(k->key, '.');
	char tier[SIM_NAME_MAX + 8];

	snprintf(tier, sizeof(tier), "%.*s", (int)(dot - k->key), k->key);
	*rt = strcmp(tier, "*") ? scen_tier(c->m, tier) : -1;
	if (strcmp(tier, "*") && *rt < 0)
		return err_at(c->e, k->at, "no segment has tier '%s'%s", tier,
			      scen_near_tier(c->m, tier, near));
	*rr = !strcmp(dot + 1, "*") ? -1 : !strcmp(dot + 1, "admin") ? ROLE_ADMIN
		: !strcmp(dot + 1, "user") ? ROLE_USER : -2;
	if (*rr == -2)
		return err_at(c->e, k->at, "bad role '%s': expected admin, user or *", dot + 1);
	int n = scen_words(c, k, buf, w, 16);
	*mask = 1u << CH_SELF;
	for (int i = 0; i < n; i++) {
		int ch = model_channel_parse(w[i]);
		if (ch < 0)
			return err_at(c->e, k->at, "unknown channel '%s': expected phone, chat, "
				      "web, email or selfservice", w[i]);
		*mask |= 1u << ch;
	}
	return n < 0 ? -1 : 0;
}

static int ent_rules(scen *c, const ini_section *s, ent_set *es, int *score)
{
	const model *m = c->m;

	for (size_t j = 0; j < s->nkeys; j++) {
		const ini_key *k = &s->keys[j];
		int rt, rr;
		unsigned mask;
		if (!strchr(k->key, '.'))
			continue; /* window, timezone */
		if (rule_parse(c, k, &rt, &rr, &mask))
			return -1;
		for (size_t t = 0; t < m->ntiers; t++)
			for (int r = 0; r < SIM_NROLE; r++) {
				size_t i = t * SIM_NROLE + (size_t)r;
				int sc = rule_score(rt, rr, (int)t, r);
				if (sc > score[i]) {
					score[i] = sc;
					es->allow[i] = mask;
				}
			}
	}
	return 0;
}

static int entitlement(scen *c, const ini_section *s, ent_set *es)
{
	const model *m = c->m;
	size_t n = m->ntiers * SIM_NROLE;
	const ini_key *k = inifile_key(s, "window"), *z = inifile_key(s, "timezone");
	civil from, to;
	int ret;

	snprintf(es->name, sizeof(es->name), "%s", s->name);
	es->from = -INFINITY;
	es->to = INFINITY;
	if (k) {
		if (val_window(k->value, &from, &to, k->at, c->e))
			return -1;
		calendar_window(&from, &to, z ? z->value : "UTC", m->start_unix, &es->from,
				&es->to);
	}
	es->allow = mem_alloc(n * sizeof(*es->allow));
	int *score = mem_alloc(n * sizeof(*score));
	if (!es->allow || !score) {
		free(score);
		return err_oom(c->e, c->f.path, s->line, "the scenario");
	}
	for (size_t i = 0; i < n; i++) {
		es->allow[i] = ALL_CHANNELS;
		score[i] = -1;
	}
	ret = ent_rules(c, s, es, score);
	free(score);
	return ret;
}

/* ---- [policy NAME] ---- */

struct supply {
	size_t nents;
	ent_set *ents;  /* every [entitlement], resolved once; copied per policy */
	bool *active;   /* per team, for the policy being built */
};

static int copy_team(scen *c, const team_model *src, team_model *dst, bool active)
{
	*dst = *src;
	dst->shifts = NULL;
	dst->nshifts = 0;
	if (!active) {
		dst->agents = 0;
		dst->always = false;
		return 0;
	}
	if (!src->nshifts)
		return 0;
	dst->shifts = mem_alloc(src->nshifts * sizeof(*dst->shifts));
	if (!dst->shifts)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	memcpy(dst->shifts, src->shifts, src->nshifts * sizeof(*dst->shifts));
	dst->nshifts = src->nshifts;
	return 0;
}

/* Team t in policy s: the team's keys with the policy's "TEAM.KEY" ones. */
static int policy_team(scen *c, const ini_section *s, size_t t, bool active, team_model *out)
{
	const model *m = c->m;
	const ini_key *ov[TKEY_N] = { 0 }, *v[TKEY_N];
	const ini_section *ts = inifile_find(&c->f, SEC_TEAM, m->team[t].name);
	size_t nl = strlen(m->team[t].name);
	int any = 0;

	for (size_t j = 0; j < s->nkeys; j++) {
		const char *key = s->keys[j].key;
		if (strncmp(key, m->team[t].name, nl) || key[nl] != '.')
			continue;
		for (int i = 0; i < TKEY_N; i++)
			if (!strcmp(key + nl + 1, scen_team_keys[i]))
				ov[i] = &s->keys[j];
		any = 1;
	}
	if (!any || !active)
		return copy_team(c, &m->team[t], out, active);
	scen_team_view(ts, v);
	if (ov[TKEY_ROSTER])
		v[TKEY_AGENTS] = v[TKEY_HOURS] = NULL;
	if ((ov[TKEY_AGENTS] || ov[TKEY_HOURS]) && v[TKEY_ROSTER]) {
		v[TKEY_ROSTER] = NULL;
		/* the roster gave the heads: replacing it needs both of its parts */
		const ini_key *k = ov[TKEY_AGENTS] ? ov[TKEY_AGENTS] : ov[TKEY_HOURS];
		if (!ov[TKEY_AGENTS] || !ov[TKEY_HOURS])
			return err_at(c->e, k->at, "%s replaces team %s's roster: give %s.%s too",
				      k->key, m->team[t].name, m->team[t].name,
				      ov[TKEY_AGENTS] ? "hours" : "agents");
	}
	for (int i = 0; i < TKEY_N; i++)
		if (ov[i])
			v[i] = ov[i];
	return scen_resolve_team(c, ts, v, out);
}

/* teams = NAME ...: the teams active in the policy (default: all). */
static int policy_active(scen *c, const ini_section *s, bool *active)
{
	const ini_key *k = inifile_key(s, "teams");
	char near[160];
	const model *m = c->m;

	for (size_t t = 0; t < m->nteams; t++)
		active[t] = !k;
	for (size_t j = 0; j < s->nkeys; j++) {
		const char *key = s->keys[j].key, *dot = strrchr(key, '.');
		char team[SIM_NAME_MAX + 8];
		if (!dot || scen_whatif_key(key))
			continue;
		snprintf(team, sizeof(team), "%.*s", (int)(dot - key), key);
		if (scen_team(m, team) < 0)
			return err_at(c->e, s->keys[j].at, "no [team %s] section%s", team,
				      scen_near(c, SEC_TEAM, team, near, sizeof(near)));
	}
	if (!k)
		return 0;
	int teams[256], n = scen_team_list(c, k, teams, 256);
	for (int i = 0; i < n; i++)
		active[teams[i]] = true;
	return n < 0 ? -1 : 0;
}

static int policy_ents(scen *c, const ini_section *s, struct supply *sp, policy_model *pm)
{
	const ini_key *k = inifile_key(s, "entitlements");
	char buf[4096], *w[256], near[160];
	size_t nt = c->m->ntiers * SIM_NROLE;

	if (!k)
		return 0;
	int n = scen_words(c, k, buf, w, 256);
	if (n < 0)
		return -1;
	pm->ents = mem_calloc((size_t)n, sizeof(*pm->ents));
	if (!pm->ents)
		return err_oom_at(c->e, k->at, "the scenario");
	for (int i = 0; i < n; i++) {
		size_t e = 0;
		while (e < sp->nents && strcmp(sp->ents[e].name, w[i]))
			e++;
		if (e == sp->nents)
			return err_at(c->e, k->at, "no [entitlement %s] section%s", w[i],
				      scen_near(c, SEC_ENTITLEMENT, w[i], near, sizeof(near)));
		ent_set *d = &pm->ents[pm->nents++];
		*d = sp->ents[e];
		d->allow = mem_alloc(nt * sizeof(*d->allow));
		if (!d->allow)
			return err_oom_at(c->e, k->at, "the scenario");
		memcpy(d->allow, sp->ents[e].allow, nt * sizeof(*d->allow));
	}
	return 0;
}

/* selfservice = TIER:SHARE ...: the share of each named tier's contacts
 * that self-service answers at arrival (a better help centre). */
static int policy_selfservice(scen *c, const ini_section *s, policy_model *pm)
{
	const ini_key *k = inifile_key(s, "selfservice");
	val_pair pr[64];
	size_t n;

	if (!k)
		return 0;
	if (val_pairs(k->value, pr, 64, &n, k->at, c->e))
		return -1;
	pm->selfservice = mem_calloc(c->m->ntiers, sizeof(*pm->selfservice));
	if (!pm->selfservice)
		return err_at(c->e, k->at, "out of memory");
	for (size_t i = 0; i < n; i++) {
		int t = scen_tier(c->m, pr[i].label);
		if (t < 0)
			return err_at(c->e, k->at, "no segment has tier '%s'", pr[i].label);
		if (val_number(pr[i].value, 0, 1, &pm->selfservice[t], k->at, c->e))
			return -1;
	}
	return 0;
}

/* concurrency = CHANNEL:N ...: contacts one agent holds at once on a
 * channel in this policy, instead of [channel] concurrency. */
static int policy_concurrency(scen *c, const ini_section *s, policy_model *pm)
{
	const ini_key *k = inifile_key(s, "concurrency");
	val_pair pr[SIM_NCH];
	size_t n;
	long long v;

	if (!k)
		return 0;
	if (val_pairs(k->value, pr, SIM_NCH, &n, k->at, c->e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int ch = model_channel_parse(pr[i].label);
		if (ch < 0 || ch == CH_SELF || !c->m->channel[ch].used)
			return err_at(c->e, k->at, "'%s' is not a channel with a [channel] section",
				      pr[i].label);
		if (val_int(pr[i].value, 1, 1000, &v, k->at, c->e))
			return -1;
		pm->concurrency[ch] = (int)v;
	}
	return 0;
}

static int policy(scen *c, const ini_section *s, struct supply *sp, policy_model *pm)
{
	const model *m = c->m;
	const ini_key *k = inifile_key(s, "discipline");

	snprintf(pm->name, sizeof(pm->name), "%s", s->name);
	pm->disc = DISC_PRIORITY;
	for (int d = 0; k && d < 3; d++)
		if (!strcmp(k->value, model_discipline_name[d]))
			pm->disc = (discipline)d;
	k = inifile_key(s, "live_first");
	if (k && val_bool(k->value, &pm->live_first, k->at, c->e))
		return -1;
	if (policy_active(c, s, sp->active) || policy_selfservice(c, s, pm) ||
	    policy_concurrency(c, s, pm))
		return -1;
	pm->teams = mem_calloc(m->nteams, sizeof(*pm->teams));
	if (!pm->teams)
		return err_oom(c->e, c->f.path, s->line, "the scenario");
	pm->nteams = m->nteams;
	for (size_t t = 0; t < m->nteams; t++)
		if (policy_team(c, s, t, sp->active[t], &pm->teams[t]))
			return -1;
	return policy_ents(c, s, sp, pm);
}

static int build_ents(scen *c, struct supply *sp)
{
	size_t n = inifile_count(&c->f, SEC_ENTITLEMENT);

	if (!n)
		return 0;
	sp->ents = mem_calloc(n, sizeof(*sp->ents));
	if (!sp->ents)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	for (size_t i = 0; i < c->f.nsections; i++)
		if (c->f.sections[i].kind == SEC_ENTITLEMENT &&
		    entitlement(c, &c->f.sections[i], &sp->ents[sp->nents++]))
			return -1;
	return 0;
}

/* With no [policy], one named "default": every team, every channel. */
static int default_policy(scen *c)
{
	model *m = c->m;
	policy_model *pm = &m->policy[0];

	snprintf(pm->name, sizeof(pm->name), "default");
	pm->disc = DISC_PRIORITY;
	pm->teams = mem_calloc(m->nteams, sizeof(*pm->teams));
	if (!pm->teams)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	pm->nteams = m->nteams;
	for (size_t t = 0; t < m->nteams; t++)
		if (copy_team(c, &m->team[t], &pm->teams[t], true))
			return -1;
	return 0;
}

static int build_policies(scen *c, struct supply *sp)
{
	model *m = c->m;
	size_t n = inifile_count(&c->f, SEC_POLICY);

	m->policy = mem_calloc(n ? n : 1, sizeof(*m->policy));
	sp->active = mem_alloc(m->nteams * sizeof(*sp->active));
	if (!m->policy || !sp->active)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	m->npolicies = n ? n : 1;
	if (!n)
		return default_policy(c);
	n = 0;
	for (size_t i = 0; i < c->f.nsections; i++)
		if (c->f.sections[i].kind == SEC_POLICY &&
		    policy(c, &c->f.sections[i], sp, &m->policy[n++]))
			return -1;
	return 0;
}

int scen_policies(scen *c)
{
	struct supply sp = { 0 };
	int ret = build_ents(c, &sp);

	if (!ret)
		ret = build_policies(c, &sp);
	for (size_t i = 0; i < sp.nents; i++)
		free(sp.ents[i].allow);
	free(sp.ents);
	free(sp.active);
	return ret;
}
