/* scen_supply.c: [team NAME] -> model.team.  A team's keys (its section's,
 * or with a policy's "TEAM.KEY = VALUE" overrides: scen_policy.c) resolve
 * to a team_model with its shifts in UTC (weekly hours or a roster, less
 * holidays), its skills, priorities, shrinkage, cost and assist rules. */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/calendar.h"
#include "input/scen.h"
#include "input/tables.h"
#include "input/values.h"
#include "stop.h"

/* ---- assist = PRIO:queue>=N PRIO:wait>=X% ... ---- */

static int assist_word(scen *c, const ini_key *k, char *w, int *queue, double *share)
{
	char *rule = strchr(w, ':'), num[64], whole[256];
	long long q;
	double x;

	snprintf(whole, sizeof(whole), "%s", w);
	if (!rule)
		goto bad;
	*rule++ = '\0';
	if (!strncmp(rule, "queue>=", 7)) {
		if (val_int(rule + 7, 1, 1000000, &q, k->at, c->e))
			return -1;
		if (*queue >= 0 && *queue != (int)q)
			return err_at(c->e, k->at, "one queue threshold per team in assist");
		*queue = (int)q;
		return 0;
	}
	size_t n = strlen(rule);
	if (strncmp(rule, "wait>=", 6) || n < 8 || rule[n - 1] != '%' || n - 7 >= sizeof(num))
		goto bad;
	snprintf(num, sizeof(num), "%.*s", (int)(n - 7), rule + 6);
	if (val_number(num, 0, 10000, &x, k->at, c->e))
		return -1;
	if (x <= 0)
		return err_at(c->e, k->at, "an assist wait share must be > 0%%");
	if (*share >= 0 && *share != x / 100)
		return err_at(c->e, k->at, "one wait threshold per team in assist");
	*share = x / 100;
	return 0;
bad:
	return err_at(c->e, k->at, "bad assist rule '%s': expected PRIORITY:queue>=N or "
		      "PRIORITY:wait>=X%%", whole);
}

int scen_assist(scen *c, const ini_key *k, team_model *t)
{
	char buf[4096], *w[2 * SIM_MAX_PRIO];
	int queue = -1, n = scen_words(c, k, buf, w, 2 * SIM_MAX_PRIO);
	double share = -1;
	unsigned mask = 0;

	for (int i = 0; i < n; i++) {
		if (assist_word(c, k, w[i], &queue, &share))
			return -1;
		if (!t)
			continue;
		int p = scen_prio(c, k, w[i]);
		if (p < 0)
			return -1;
		if (t->prio_mask & (1u << p))
			return err_at(c->e, k->at, "team %s already takes %s (priorities): "
				      "assist adds priorities it does not take", t->name, w[i]);
		mask |= 1u << p;
	}
	if (n < 0)
		return -1;
	if (t) {
		t->assist_mask = mask;
		t->assist_queue = queue;
		t->assist_wait_share = share;
	}
	return 0;
}

/* ---- [team NAME] ---- */

static int team_skills(scen *c, const ini_key *k, team_model *t)
{
	char buf[4096], *w[16];
	int n = scen_words(c, k, buf, w, 16);

	for (int i = 0; i < n; i++) {
		int ch = scen_channel(c, k, w[i], true);
		if (ch < 0)
			return -1;
		t->skills |= 1u << ch;
	}
	return n < 0 ? -1 : 0;
}

static int team_prios(scen *c, const ini_key *k, team_model *t)
{
	char buf[4096], *w[2 * SIM_MAX_PRIO];
	int n;

	t->prio_mask = (1u << c->m->nprio) - 1;
	if (!k)
		return 0;
	t->prio_mask = 0;
	n = scen_words(c, k, buf, w, 2 * SIM_MAX_PRIO);
	for (int i = 0; i < n; i++) {
		int p = scen_prio(c, k, w[i]);
		if (p < 0)
			return -1;
		t->prio_mask |= 1u << p;
	}
	return n < 0 ? -1 : 0;
}

/* A word that starts with a digit and names no file (no '.' or '/') is
 * meant as a date, so "20200106" is a bad date, not a missing file. */
static int looks_like_date(const char *s)
{
	return isdigit((unsigned char)s[0]) && !strpbrk(s, "./");
}

/* holidays = DATE DATE ... or a CSV file of dates. *out malloc'ed. */
static int team_holidays(scen *c, const ini_key *k, civil **out, size_t *nh)
{
	char buf[4096], *w[256], path[PATH_MAX];
	int n;

	*out = NULL;
	*nh = 0;
	if (!k)
		return 0;
	n = scen_words(c, k, buf, w, 256);
	if (n < 0)
		return -1;
	if (n == 1 && !looks_like_date(w[0])) {
		if (val_path(c->base_dir, w[0], path, sizeof(path), k->at, c->e))
			return -1;
		return table_holidays(path, out, nh, c->e) ? scen_table_err(c, k) : 0;
	}
	*out = mem_calloc((size_t)n, sizeof(**out));
	if (!*out)
		return err_oom_at(c->e, k->at, "the scenario");
	for (int i = 0; i < n; i++)
		if (val_date(w[i], &(*out)[(*nh)++], k->at, c->e))
			return -1;
	return 0;
}

int scen_holidays(scen *c, const ini_key *k, civil **out, size_t *nh)
{
	return team_holidays(c, k, out, nh);
}

/* A calendar error carries no place: put it at the key that caused it. */
static int calendar_err(scen *c, srcloc at)
{
	if (c->e->file[0])
		return -1;
	char msg[ERR_MSG_MAX];
	snprintf(msg, sizeof(msg), "%s", c->e->msg);
	return err_at(c->e, at, "%s", msg);
}

static int team_roster(scen *c, const ini_key *k, team_model *t, const civil *hol, size_t nh,
		       double horizon_s)
{
	const model *m = c->m;
	roster_row *rows = NULL;
	size_t n = 0;
	char path[PATH_MAX];
	int ret;

	if (scen_path(c, k, path, sizeof(path)))
		return -1;
	if (table_roster(path, &rows, &n, c->e))
		return scen_table_err(c, k);
	ret = calendar_roster(&t->shifts, &t->nshifts, rows, n, t->tz, hol, nh, m->start_unix,
			      horizon_s, c->e);
	free(rows);
	if (ret)
		return calendar_err(c, k->at);
	snprintf(t->hours, sizeof(t->hours), "roster %s", k->value);
	t->agents = 0;
	for (size_t i = 0; i < t->nshifts; i++)
		if (t->shifts[i].agents > t->agents)
			t->agents = t->shifts[i].agents;
	return ret;
}

/* t's shifts over [0, horizon_s) (the model's horizon, or a clock's span). */
static int team_shifts(scen *c, const ini_key *const *v, srcloc at, team_model *t,
		       const civil *hol, size_t nh, double horizon_s)
{
	const model *m = c->m;
	week_range r[VAL_MAX_RANGES];
	size_t nr = 0;
	bool always;

	if (v[TKEY_ROSTER])
		return team_roster(c, v[TKEY_ROSTER], t, hol, nh, horizon_s);
	if (v[TKEY_HOURS])
		at = v[TKEY_HOURS]->at;
	snprintf(t->hours, sizeof(t->hours), "%s", v[TKEY_HOURS] ? v[TKEY_HOURS]->value : "24x7");
	if (val_hours(t->hours, &always, r, &nr, at, c->e))
		return -1;
	if (always && !nh) {
		t->shifts = mem_alloc(sizeof(*t->shifts));
		if (!t->shifts)
			return err_oom_at(c->e, at, "the scenario");
		t->shifts[0] = (shift_iv){ 0, horizon_s, t->agents };
		t->nshifts = 1;
		t->always = true;
		return 0;
	}
	for (int d = 0; always && d < 7; d++)
		r[nr++] = (week_range){ d, 0, 1440 };
	if (calendar_weekly(&t->shifts, &t->nshifts, r, nr, t->agents, t->tz, hol, nh,
			    m->start_unix, horizon_s, c->e))
		return calendar_err(c, at);
	return 0;
}

/* agents and hours, or a roster: exactly one of the two. */
static int team_heads(scen *c, const ini_section *s, const ini_key *const *v, team_model *t)
{
	char title[160];
	long long a;

	if (v[TKEY_ROSTER] && (v[TKEY_AGENTS] || v[TKEY_HOURS]))
		return err_at(c->e, v[TKEY_ROSTER]->at, "a team has agents and hours, or a "
			      "roster, not both");
	if (v[TKEY_ROSTER])
		return 0;
	if (!v[TKEY_AGENTS])
		return err_set(c->e, c->f.path, s->line, "%s needs key 'agents' (or a roster)",
			       scen_title(c, s, title, sizeof(title)));
	if (val_int(v[TKEY_AGENTS]->value, 0, 100000, &a, v[TKEY_AGENTS]->at, c->e))
		return -1;
	t->agents = (int)a;
	return 0;
}

/* A team from its keys v (its section's, with a policy's overrides). */
int scen_resolve_team(scen *c, const ini_section *s, const ini_key *const *v, team_model *t)
{
	civil *hol = NULL;
	size_t nh = 0;
	int ret = -1;

	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "%s", s->name);
	snprintf(t->tz, sizeof(t->tz), "%s", v[TKEY_TIMEZONE] ? v[TKEY_TIMEZONE]->value : "UTC");
	t->assist_queue = -1;
	t->assist_wait_share = -1;
	if (!v[TKEY_SKILLS]) {
		scen_need(c, s, "skills");
		return -1;
	}
	if (team_skills(c, v[TKEY_SKILLS], t) || team_heads(c, s, v, t))
		return -1;
	if (v[TKEY_SHRINKAGE] &&
	    val_number(v[TKEY_SHRINKAGE]->value, 0, 1, &t->shrinkage, v[TKEY_SHRINKAGE]->at, c->e))
		return -1;
	t->cost = 1;
	if (v[TKEY_COST] && val_number(v[TKEY_COST]->value, 0, 1e9, &t->cost, v[TKEY_COST]->at, c->e))
		return -1;
	if (team_prios(c, v[TKEY_PRIORITIES], t) ||
	    (v[TKEY_ASSIST] && scen_assist(c, v[TKEY_ASSIST], t)))
		return -1;
	if (v[TKEY_DELAY] && val_duration(v[TKEY_DELAY]->value, &t->delay_s, v[TKEY_DELAY]->at, c->e))
		return -1;
	if (team_holidays(c, v[TKEY_HOLIDAYS], &hol, &nh))
		goto out;
	ret = team_shifts(c, v, (srcloc){ c->f.path, s->line }, t, hol, nh, c->m->horizon_s);
out:
	free(hol);
	return ret;
}

void scen_team_view(const ini_section *s, const ini_key **v)
{
	for (int i = 0; i < TKEY_N; i++)
		v[i] = inifile_key(s, scen_team_keys[i]);
}

int scen_teams(scen *c)
{
	model *m = c->m;
	const ini_key *v[TKEY_N];
	size_t n = inifile_count(&c->f, SEC_TEAM);

	if (!n)
		return err_set(c->e, c->f.path, 0, "no [team] section: at least one is required");
	m->team = mem_calloc(n, sizeof(*m->team));
	if (!m->team)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	m->nteams = n;
	n = 0;
	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		if (s->kind != SEC_TEAM)
			continue;
		if (sim_stopping())
			return err_stopped(c->e, c->f.path, s->line);
		scen_team_view(s, v);
		if (scen_resolve_team(c, s, v, &m->team[n++]))
			return -1;
	}
	return 0;
}

int scen_team_hours(scen *c, size_t t, double span_s, shift_iv **out, size_t *n)
{
	const ini_section *s = inifile_find(&c->f, SEC_TEAM, c->m->team[t].name);
	const ini_key *v[TKEY_N];
	team_model tm;
	civil *hol = NULL;
	size_t nh = 0;
	int ret = -1;

	scen_team_view(s, v);
	memset(&tm, 0, sizeof(tm));
	snprintf(tm.tz, sizeof(tm.tz), "%s", c->m->team[t].tz);
	tm.agents = 1; /* the hours count, not the heads (a team of 0 has hours) */
	if (!team_holidays(c, v[TKEY_HOLIDAYS], &hol, &nh))
		ret = team_shifts(c, v, (srcloc){ c->f.path, s->line }, &tm, hol, nh, span_s);
	free(hol);
	*out = tm.shifts;
	*n = tm.nshifts;
	if (ret) {
		free(tm.shifts);
		*out = NULL;
	}
	return ret;
}
