/* scen_goals.c: `[staff] goal`, the goals of `supsim staff`: each word is
 * `PRIORITY:SHARE`, `TIER.PRIORITY:SHARE`, `CHANNEL:SHARE` (attainment at
 * least SHARE, in (0, 1]), `abandon<=SHARE` or `CHANNEL.abandon<=SHARE`
 * (abandon share of live contacts at most SHARE, in [0, 1]).  Phase one
 * checks the form (scen_goal_check), phase two resolves the names against
 * the model (scen_staff_goals).  Labels as written are kept for results. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "input/scen.h"
#include "input/values.h"

/* One word split at ':' or "<=": the subject before it, the share after,
 * kind GOAL_ABANDON for "<=".  0, or -1 with e set. */
static int goal_word(const char *w, char *subj, size_t len, staff_goal *g, srcloc at, err *e)
{
	const char *le = strstr(w, "<="), *colon = strchr(w, ':');
	const char *sep = le ? le : colon;
	size_t n = sep ? (size_t)(sep - w) : 0;

	if (!sep || (le && colon) || n == 0 || n >= len)
		return err_at(e, at, "bad goal '%s': expected PRIORITY:SHARE, TIER.PRIORITY:SHARE, "
			      "CHANNEL:SHARE, abandon<=SHARE or CHANNEL.abandon<=SHARE", w);
	memcpy(subj, w, n);
	subj[n] = '\0';
	g->kind = le ? GOAL_ABANDON : GOAL_ATTAIN;
	snprintf(g->label, sizeof(g->label), "%s", subj);
	if (val_number(sep + (le ? 2 : 1), 0, 1, &g->share, at, e))
		return -1;
	if (g->kind == GOAL_ATTAIN && g->share <= 0)
		return err_at(e, at, "goal of %s must be > 0 (a share in (0, 1])", subj);
	return 0;
}

/* The words of a goal value into g[0..*n); 0 or -1 with e set. */
static int goal_words(scen *c, const ini_key *k, staff_goal *g, size_t *n, char (*subj)[160])
{
	char buf[4096], *w[SIM_MAX_GOALS + 1];
	int nw = val_words(k->value, buf, sizeof(buf), w, SIM_MAX_GOALS, k->at, c->e);

	if (nw < 0)
		return -1;
	for (int i = 0; i < nw; i++) {
		memset(&g[i], 0, sizeof(g[i]));
		if (goal_word(w[i], subj[i], 160, &g[i], k->at, c->e))
			return -1;
		for (int j = 0; j < i; j++)
			if (!strcmp(subj[j], subj[i]) && g[j].kind == g[i].kind)
				return err_at(c->e, k->at, "goal %s is given twice", subj[i]);
	}
	*n = (size_t)nw;
	return 0;
}

int scen_goal_check(scen *c, const ini_key *k)
{
	staff_goal g[SIM_MAX_GOALS];
	char subj[SIM_MAX_GOALS][160];
	size_t n;

	return goal_words(c, k, g, &n, subj);
}

/* "abandon" or "CHANNEL.abandon": the live channel, or -1 for both. */
static int abandon_subject(scen *c, const ini_key *k, const char *s, staff_goal *g)
{
	const char *dot = strchr(s, '.');
	char ch[64];

	g->tier = g->prio = g->ch = -1;
	if (!strcmp(s, "abandon"))
		return 0;
	if (!dot || strcmp(dot + 1, "abandon") || (size_t)(dot - s) >= sizeof(ch))
		return err_at(c->e, k->at, "bad goal '%s<=': expected abandon<=SHARE or "
			      "CHANNEL.abandon<=SHARE", s);
	snprintf(ch, sizeof(ch), "%.*s", (int)(dot - s), s);
	g->ch = scen_channel(c, k, ch, true);
	if (g->ch < 0)
		return -1;
	if (!c->m->channel[g->ch].live)
		return err_at(c->e, k->at, "goal %s: nobody abandons on %s (only phone and chat "
			      "are live channels)", s, ch);
	return 0;
}

/* PRIORITY, TIER.PRIORITY or CHANNEL (a priority's name wins). */
static int attain_subject(scen *c, const ini_key *k, const char *s, staff_goal *g)
{
	const model *m = c->m;
	const char *dot = strchr(s, '.');
	char tier[SIM_NAME_MAX + 1];

	g->tier = g->prio = g->ch = -1;
	if (dot) {
		if ((size_t)(dot - s) > SIM_NAME_MAX - 1)
			return err_at(c->e, k->at, "goal %s: no segment has that tier", s);
		snprintf(tier, sizeof(tier), "%.*s", (int)(dot - s), s);
		g->tier = scen_tier(m, tier);
		if (g->tier < 0)
			return err_at(c->e, k->at, "goal %s: no segment has tier '%s'", s, tier);
		g->prio = scen_prio(c, k, dot + 1);
		return g->prio < 0 ? -1 : 0;
	}
	for (size_t p = 0; p < m->nprio; p++)
		if (!strcmp(m->prio_name[p], s))
			g->prio = (int)p;
	if (g->prio >= 0)
		return 0;
	if (model_channel_parse(s) < 0)
		return scen_prio(c, k, s); /* the message lists the priorities */
	g->ch = scen_channel(c, k, s, true);
	return g->ch < 0 ? -1 : 0;
}

int scen_staff_goals(scen *c, const ini_key *k)
{
	model *m = c->m;
	char subj[SIM_MAX_GOALS][160];
	size_t n;

	if (goal_words(c, k, m->goals, &n, subj))
		return -1;
	for (size_t i = 0; i < n; i++) {
		staff_goal *g = &m->goals[i];
		int rc = g->kind == GOAL_ABANDON ? abandon_subject(c, k, subj[i], g)
						 : attain_subject(c, k, subj[i], g);
		if (rc)
			return -1;
		if (g->kind == GOAL_ATTAIN && g->tier < 0 && g->ch < 0)
			m->goal[g->prio] = g->share;
	}
	m->ngoals = n;
	return 0;
}
