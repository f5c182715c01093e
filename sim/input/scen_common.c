/* scen_common.c: what every file of the scenario loader shares (see
 * scen.h): the kinds of section, the keys of a team, warnings, names of
 * priorities, tiers, teams and channels, "did you mean", paths.  Uses no
 * other file of the loader, so that scenario.c and the scen_*.c files
 * building sections depend on it and not on each other. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/hint.h"
#include "input/scen.h"
#include "input/values.h"

static int sla_prio_key(const char *key);

const ini_kind scen_kinds[SEC_NKINDS] = {
	[SEC_SCENARIO] = { "scenario", INI_UNNAMED },
	[SEC_SLA] = { "sla", INI_NAME_OPTIONAL, SIM_MAX_PRIO, "priorities", sla_prio_key },
	[SEC_CHANNEL] = { "channel", INI_NAMED },
	[SEC_SEGMENT] = { "segment", INI_NAMED },
	[SEC_SURGE] = { "surge", INI_NAMED },
	[SEC_TEAM] = { "team", INI_NAMED },
	[SEC_POLICY] = { "policy", INI_NAMED },
	[SEC_ENTITLEMENT] = { "entitlement", INI_NAMED },
	[SEC_TIERS] = { "tiers", INI_UNNAMED },
	[SEC_STAFF] = { "staff", INI_UNNAMED },
	[SEC_CLOCK] = { "clock", INI_NAME_OPTIONAL },
	[SEC_SHIFTS] = { "shifts", INI_NAMED },
};

const char *const scen_team_keys[TKEY_N] = {
	"agents", "timezone", "hours", "roster", "skills",
	"shrinkage", "priorities", "assist", "holidays", "cost", "delay",
};
/* Is key of [sla] a channel target (CHANNEL or PRIORITY.CHANNEL), not a
 * priority? */
int scen_sla_channel_key(const char *key)
{
	return strchr(key, '.') || scen_reserved_channel(key);
}

/* A key of [sla] that names a priority (counted against SIM_MAX_PRIO while
 * reading). */
static int sla_prio_key(const char *key)
{
	return !scen_sla_channel_key(key);
}

void scen_warn(scen *c, srcloc at, const char *fmt, ...)
{
	model *m = c->m;
	err *w = mem_realloc(m->warnings, (m->nwarnings + 1) * sizeof(*w));
	va_list ap;

	if (!w) {
		c->warn_lost = true;
		return;
	}
	m->warnings = w;
	w += m->nwarnings++;
	va_start(ap, fmt);
	err_vset(w, at.file, at.line, fmt, ap);
	va_end(ap);
}

const char *scen_near(const scen *c, int kind, const char *name, char *buf, size_t len)
{
	const char *names[256];
	size_t n = 0;

	for (size_t i = 0; i < c->f.nsections && n < 256; i++)
		if (c->f.sections[i].kind == kind)
			names[n++] = c->f.sections[i].name;
	return hint_did_you_mean(name, names, n, buf, len);
}

const char *scen_near_tier(const model *m, const char *name, char *buf)
{
	const char *names[256];
	size_t n = 0;

	for (size_t t = 0; t < m->ntiers && n < 256; t++)
		names[n++] = m->tier_name[t];
	return hint_did_you_mean(name, names, n, buf, 160);
}

const char *scen_title(const scen *c, const ini_section *s, char *buf, size_t len)
{
	snprintf(buf, len, "[%s%s%s]", scen_kinds[s->kind].kind, s->name[0] ? " " : "", s->name);
	(void)c;
	return buf;
}

const ini_key *scen_need(scen *c, const ini_section *s, const char *key)
{
	const ini_key *k = inifile_key(s, key);
	char title[160];

	if (!k)
		err_set(c->e, c->f.path, s->line, "%s needs key '%s'",
			scen_title(c, s, title, sizeof(title)), key);
	return k;
}

int scen_words(scen *c, const ini_key *k, char *buf, char **w, size_t max)
{
	return val_words(k->value, buf, 4096, w, max, k->at, c->e);
}

int scen_prio(scen *c, const ini_key *k, const char *label)
{
	const model *m = c->m;
	char known[SIM_MAX_PRIO * (SIM_NAME_MAX + 1)] = "";

	for (size_t p = 0; p < m->nprio; p++)
		if (!strcmp(m->prio_name[p], label))
			return (int)p;
	for (size_t p = 0; p < m->nprio; p++) {
		strcat(known, p ? " " : "");
		strcat(known, m->prio_name[p]);
	}
	if (scen_reserved_channel(label))
		return err_at(c->e, k->at, "'%s' is a channel, not a priority (priorities in [sla]: "
			      "%s)", label, known);
	const char *names[SIM_MAX_PRIO];
	char near[160];
	for (size_t p = 0; p < m->nprio; p++)
		names[p] = m->prio_name[p];
	return err_at(c->e, k->at, "priority '%s' is not in [sla] (%s)%s", label, known,
		      hint_did_you_mean(label, names, m->nprio, near, sizeof(near)));
}

int scen_reserved_channel(const char *name)
{
	static const char *const reserved[] = { "phone", "chat", "web", "email", "selfservice" };

	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcmp(name, reserved[i]))
			return 1;
	return 0;
}

int scen_tier(const model *m, const char *label)
{
	for (size_t t = 0; t < m->ntiers; t++)
		if (!strcmp(m->tier_name[t], label))
			return (int)t;
	return -1;
}

int scen_team(const model *m, const char *name)
{
	for (size_t t = 0; t < m->nteams; t++)
		if (!strcmp(m->team[t].name, name))
			return (int)t;
	return -1;
}

int scen_team_list(scen *c, const ini_key *k, int *team, size_t max)
{
	char buf[4096], *w[256], near[160];
	int n = scen_words(c, k, buf, w, max < 256 ? max : 256);

	for (int i = 0; i < n; i++) {
		team[i] = scen_team(c->m, w[i]);
		if (team[i] < 0)
			return err_at(c->e, k->at, "no [team %s] section%s", w[i],
				      scen_near(c, SEC_TEAM, w[i], near, sizeof(near)));
	}
	return n;
}

int scen_channel(scen *c, const ini_key *k, const char *name, bool agents_only)
{
	int ch = model_channel_parse(name);

	if (ch < 0)
		return err_at(c->e, k->at, "unknown channel '%s': expected phone, chat, web, "
			      "email or selfservice", name);
	if (ch == CH_SELF && agents_only)
		return err_at(c->e, k->at, "selfservice has no agents: not allowed in %s", k->key);
	if (!c->m->channel[ch].used)
		return err_at(c->e, k->at, "channel '%s' has no [channel %s] section", name, name);
	return ch;
}

int scen_path(scen *c, const ini_key *k, char *out, size_t len)
{
	return val_path(c->base_dir, k->value, out, len, k->at, c->e);
}

int scen_table_err(scen *c, const ini_key *k)
{
	err whole = *c->e;

	if (whole.line > 0)
		return -1;
	return err_at(c->e, k->at, "%s: %s", whole.file, whole.msg);
}
