/* scen_clock.c: [clock] and [clock TIER] -> the SLA clock of each
 * priority (and segment): calendar time, business time on the hours of
 * teams ("business TEAM..."), or a segment's own office hours ("office
 * HOURS"), each counted over the horizon and past it; and the check that a
 * target in business days has a business clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/calendar.h"
#include "input/scen.h"
#include "input/values.h"
#include "tz.h"

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

int scen_chk_clock(scen *c, const ini_key *k)
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

	ck->start = mem_alloc((n ? n : 1) * sizeof(double));
	ck->end = mem_alloc((n ? n : 1) * sizeof(double));
	ck->cum = mem_alloc((n ? n : 1) * sizeof(double));
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

/* The hours of teams w[0..n) over [0, span_s), concatenated; *out malloc'ed
 * (NULL after a failure). */
static int clock_hours(scen *c, const ini_key *k, char **w, int n, double span_s,
		       shift_iv **out, size_t *nout)
{
	char near[160];
	int rc = 0;

	*out = NULL;
	*nout = 0;
	for (int i = 0; !rc && i < n; i++) {
		int t = scen_team(c->m, w[i]);
		shift_iv *iv, *all;
		size_t ni;
		if (t < 0) {
			rc = err_at(c->e, k->at, "no [team %s] section%s", w[i],
				    scen_near(c, SEC_TEAM, w[i], near, sizeof(near)));
			break;
		}
		if (scen_team_hours(c, (size_t)t, span_s, &iv, &ni)) {
			err why = *c->e;
			rc = err_at(c->e, k->at, "the hours of team %s: %s", w[i], why.msg);
			break;
		}
		all = mem_realloc(*out, (*nout + ni + 1) * sizeof(*all));
		if (all && ni)
			memcpy(all + *nout, iv, ni * sizeof(*iv));
		free(iv);
		if (!all) {
			rc = err_oom_at(c->e, k->at, "the scenario");
			break;
		}
		*out = all;
		*nout += ni;
	}
	if (rc) {
		free(*out);
		*out = NULL;
		*nout = 0;
	}
	return rc;
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
	ck->day = mem_alloc((ck->n ? ck->n : 1) * sizeof(int64_t));
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

int scen_clocks(scen *c)
{
	model *m = c->m;
	ini_section *base = inifile_find(&c->f, SEC_CLOCK, "");
	double longest = 0;

	if (check_clock_sections(c))
		return -1;
	if (!inifile_count(&c->f, SEC_CLOCK))
		return check_bd(c);
	m->clock = mem_calloc((m->ntiers + m->nsegments + 1) * m->nprio, sizeof(*m->clock));
	m->seg_clock = mem_calloc(m->nsegments * m->nprio + 1, sizeof(int));
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
