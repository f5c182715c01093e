/* scen_coverage.c: warnings about a built model that is valid but probably
 * not meant: coverage gaps (hours when contacts a segment sends find no team
 * that takes them on shift, and cannot meet their target) and sections
 * nothing uses.  Reads the model and the file; changes nothing but the
 * model's warnings. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "input/scen.h"
#include "stop.h"
#include "tz.h"

#define QUARTER_S 900.0
#define MAX_WEEKS_NAMED 8

static const char *const day_name[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* The hours (heads > 0) of the policy's teams that take priority p on
 * channel ch, merged and sorted; *out malloc'ed. */
static int cover_hours(const policy_model *pm, size_t p, int ch, shift_iv **out, size_t *n)
{
	size_t total = 0, k = 0;

	for (size_t t = 0; t < pm->nteams; t++)
		total += pm->teams[t].nshifts;
	*out = mem_alloc((total + 1) * sizeof(**out));
	*n = 0;
	if (!*out)
		return -1;
	for (size_t t = 0; t < pm->nteams; t++) {
		const team_model *tm = &pm->teams[t];
		if (!(tm->skills >> ch & 1) || !((tm->prio_mask | tm->assist_mask) >> p & 1))
			continue;
		for (size_t i = 0; i < tm->nshifts; i++)
			if (tm->shifts[i].agents > 0)
				(*out)[k++] = tm->shifts[i];
	}
	for (size_t i = 1; i < k; i++) /* insertion sort: few and nearly sorted */
		for (size_t j = i; j > 0 && (*out)[j].start < (*out)[j - 1].start; j--) {
			shift_iv x = (*out)[j];
			(*out)[j] = (*out)[j - 1];
			(*out)[j - 1] = x;
		}
	for (size_t i = 0; i < k; i++) {
		if (*n && (*out)[i].start <= (*out)[*n - 1].end)
			(*out)[*n - 1].end = fmax((*out)[*n - 1].end, (*out)[i].end);
		else
			(*out)[(*n)++] = (*out)[i];
	}
	return 0;
}

/* The first interval of iv[0..n) ending after t (n when none). */
static size_t iv_after(const shift_iv *iv, size_t n, double t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (iv[mid].end <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The hours of every agent channel for one priority. */
struct cover {
	shift_iv *iv[CH_SELF];
	size_t n[CH_SELF];
	bool served[CH_SELF]; /* some team of the policy has the skill and hours */
};

/* Is a contact on channel ch at t answered in time: live, somebody on
 * shift at t; backlog, somebody on shift within [t, t + target]. */
static bool in_time_at(const struct cover *cv, int ch, bool live, double t, double target)
{
	size_t i = iv_after(cv->iv[ch], cv->n[ch], t);

	if (i < cv->n[ch] && cv->iv[ch][i].start <= t)
		return true;
	return !live && i < cv->n[ch] && cv->iv[ch][i].start <= t + target;
}

/* Is t a gap for a contact preferring ch: the channel the engine routes it
 * to (ch when allowed and open, else the first allowed and open of the
 * segment's fallback; a live channel is open while someone takes it, a
 * backlog while some team serves it) does not answer it in time. */
static bool gap_at(const model *m, const policy_model *pm, const segment_model *sg,
		   const struct cover *cv, int ch, double t, double target)
{
	unsigned allowed = policy_allowed(pm, m->ntiers, sg->tier, sg->role, t);

	if (!(allowed >> ch & 1))
		return false; /* the policy sends it elsewhere by rule, not by a gap */
	for (int k = -1; k < sg->nfallback; k++) {
		int c = k < 0 ? ch : (int)sg->fallback[k];
		if (c == CH_SELF || !(allowed >> c & 1) || !m->channel[c].used)
			continue;
		bool live = m->channel[c].live;
		bool open = live ? in_time_at(cv, c, true, t, 0) : cv->served[c];
		if (open)
			return !in_time_at(cv, c, live, t, target);
	}
	return true;
}

/* Gap hours of one (segment, priority, channel): per local hour of week a
 * bitmap of the weeks (from the first local Monday) with a gap in it. */
struct gaps {
	size_t nweeks, words;
	uint64_t *bits;        /* [168][words] */
	uint64_t *occurs;      /* [168][words]: the weeks the horizon holds the hour */
	bool every[168];       /* gap in every week that holds the hour */
	int64_t first_monday;  /* local date of week 0, days since 1970-01-01 */
	double demand, gap_demand;
};

static void mark(uint64_t *bits, const struct gaps *g, int how, size_t week)
{
	bits[(size_t)how * g->words + week / 64] |= 1ULL << (week % 64);
}

static bool same_weeks(const struct gaps *g, int a, int b)
{
	if (g->every[a] || g->every[b])
		return g->every[a] == g->every[b];
	return !memcmp(&g->bits[(size_t)a * g->words], &g->bits[(size_t)b * g->words],
		       g->words * sizeof(uint64_t));
}

/* Mark the hours whose gap weeks are all the weeks that hold them. */
static void find_every(struct gaps *g)
{
	for (int how = 0; how < 168; how++)
		g->every[how] = !memcmp(&g->bits[(size_t)how * g->words],
					&g->occurs[(size_t)how * g->words],
					g->words * sizeof(uint64_t));
}

static bool any_week(const struct gaps *g, int how)
{
	for (size_t w = 0; w < g->words; w++)
		if (g->bits[(size_t)how * g->words + w])
			return true;
	return false;
}

/* Append to buf (of len) without overflowing. */
static void add(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t len, const char *fmt, ...)
{
	size_t used = strlen(buf);
	va_list ap;

	if (used + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

/* "Tue-Sat 00:00-01:00" for the hours of week with the week set of `how0`
 * (they are marked in `done`). */
static void slots_text(const struct gaps *g, int how0, bool *done, char *buf, size_t len)
{
	char day[7][96];
	int d0 = -1;

	for (int d = 0; d < 7; d++) {
		day[d][0] = '\0';
		for (int h = 0; h < 24; h++) {
			int how = d * 24 + h;
			if (!any_week(g, how) || !same_weeks(g, how, how0))
				continue;
			done[how] = true;
			int e = h;
			while (e + 1 < 24 && any_week(g, how + e + 1 - h) && same_weeks(g, how + e + 1 - h, how0)) {
				e++;
				done[d * 24 + e] = true;
			}
			add(day[d], sizeof(day[d]), "%s%02d:00-%02d:00", day[d][0] ? ", " : "", h,
			    e + 1);
			h = e;
		}
	}
	buf[0] = '\0';
	for (int d = 0; d <= 7; d++) {
		if (d < 7 && d0 >= 0 && !strcmp(day[d], day[d0]))
			continue;
		if (d0 >= 0 && day[d0][0]) {
			add(buf, len, "%s%s", buf[0] ? "; " : "", day_name[d0]);
			if (d - 1 > d0)
				add(buf, len, "-%s", day_name[d - 1]);
			add(buf, len, " %s", day[d0]);
		}
		d0 = d;
	}
}

/* " every week" or " in the weeks of 2026-03-09, ..." for how's week set. */
static void weeks_text(const struct gaps *g, int how, char *buf, size_t len)
{
	size_t n = 0, named = 0;

	for (size_t w = 0; w < g->nweeks; w++)
		n += g->bits[(size_t)how * g->words + w / 64] >> (w % 64) & 1;
	if (g->every[how]) {
		snprintf(buf, len, " every week");
		return;
	}
	snprintf(buf, len, " in the week%s of", n > 1 ? "s" : "");
	for (size_t w = 0; w < g->nweeks && named < MAX_WEEKS_NAMED; w++) {
		if (!(g->bits[(size_t)how * g->words + w / 64] >> (w % 64) & 1))
			continue;
		time_t day = (time_t)((g->first_monday + 7 * (int64_t)w) * 86400);
		struct tm tmv;
		char date[16];
		gmtime_r(&day, &tmv);
		strftime(date, sizeof(date), "%Y-%m-%d", &tmv);
		add(buf, len, "%s %s", named ? "," : "", date);
		named++;
	}
	if (n > named)
		add(buf, len, " and %zu more", n - named);
}

/* One segment's quarter-hours: expected contacts, local hour of week and
 * week (from the first local Monday), found once per segment. */
struct quarters {
	size_t n;
	double *contacts;
	int *how, *week;
	int64_t first_monday;
};

static int quarters_of(const model *m, const segment_model *sg, struct quarters *qs)
{
	civil first = tz_to_local(sg->tz, m->start_unix);

	qs->first_monday = civil_days(first.year, first.month, first.day) - first.wday;
	qs->n = (size_t)ceil(m->horizon_s / QUARTER_S);
	qs->contacts = mem_alloc((qs->n + 1) * sizeof(double));
	qs->how = mem_alloc((qs->n + 1) * sizeof(int));
	qs->week = mem_alloc((qs->n + 1) * sizeof(int));
	if (!qs->contacts || !qs->how || !qs->week)
		return -1;
	for (size_t i = 0; i < qs->n; i++) {
		double q = (double)i * QUARTER_S, q1 = fmin(q + QUARTER_S, m->horizon_s);
		civil l = tz_to_local(sg->tz, m->start_unix + (int64_t)((q + q1) / 2));
		qs->contacts[i] = rate_fn_cum(&sg->rate, q1) - rate_fn_cum(&sg->rate, q);
		qs->how[i] = l.wday * 24 + l.hour;
		qs->week[i] = (int)((civil_days(l.year, l.month, l.day) - l.wday - qs->first_monday) / 7);
	}
	return 0;
}

static void quarters_fini(struct quarters *qs)
{
	free(qs->contacts);
	free(qs->how);
	free(qs->week);
}

/* Fill g for segment sg, priority p, channel ch under policy pm. */
static int find_gaps(scen *c, const policy_model *pm, const segment_model *sg, size_t p,
		     int ch, double share, const struct quarters *qs, struct gaps *g)
{
	const model *m = c->m;
	double target = m->sla_s[(size_t)sg->tier * m->nprio + p];
	struct cover cv = { { NULL }, { 0 }, { false } };
	int rc = -1;

	for (int k = 0; k < CH_SELF; k++) {
		if (cover_hours(pm, p, k, &cv.iv[k], &cv.n[k]))
			goto out;
		for (size_t t = 0; t < pm->nteams; t++)
			cv.served[k] |= (pm->teams[t].skills >> k & 1) && pm->teams[t].nshifts;
	}
	g->first_monday = qs->first_monday;
	g->nweeks = (size_t)(m->horizon_s / (7 * 86400.0)) + 2;
	g->words = (g->nweeks + 63) / 64;
	g->bits = mem_calloc(168 * g->words, sizeof(uint64_t));
	g->occurs = mem_calloc(168 * g->words, sizeof(uint64_t));
	g->demand = g->gap_demand = 0;
	if (!g->bits || !g->occurs)
		goto out;
	for (size_t i = 0; i < qs->n; i++) {
		double q = (double)i * QUARTER_S, mid = (q + fmin(q + QUARTER_S, m->horizon_s)) / 2;
		double n = qs->contacts[i] * share;
		size_t week = (size_t)qs->week[i];
		g->demand += n;
		/* past the horizon no hours are known: a backlog's wait is undecided */
		if (qs->week[i] < 0 || week >= g->nweeks || mid + target >= m->horizon_s)
			continue;
		mark(g->occurs, g, qs->how[i], week);
		if (n <= 0 || !gap_at(m, pm, sg, &cv, ch, mid, target))
			continue;
		g->gap_demand += n;
		mark(g->bits, g, qs->how[i], week);
	}
	find_every(g);
	rc = 0;
out:
	for (int k = 0; k < CH_SELF; k++)
		free(cv.iv[k]);
	return rc;
}

/* Gap warnings found so far: one per text, with the policies that have it,
 * so that policies with the same teams (what-ifs) warn once. */
struct note {
	int line;
	char body[ERR_MSG_MAX - 64];
	char pols[256];
};
struct notes {
	struct note *v;
	size_t n;
};

static int note(struct notes *ns, int line, const char *body, const char *policy)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->v[i].line == line && !strcmp(ns->v[i].body, body)) {
			add(ns->v[i].pols, sizeof(ns->v[i].pols), ", %s", policy);
			return 0;
		}
	struct note *v = mem_realloc(ns->v, (ns->n + 1) * sizeof(*v));
	if (!v)
		return -1;
	ns->v = v;
	v += ns->n++;
	v->line = line;
	snprintf(v->body, sizeof(v->body), "%s", body);
	snprintf(v->pols, sizeof(v->pols), "%s", policy);
	return 0;
}

static int warn_gaps(scen *c, const policy_model *pm, const segment_model *sg, size_t p, int ch,
		     const struct gaps *g, struct notes *ns)
{
	const model *m = c->m;
	const ini_section *s = inifile_find(&c->f, SEC_SEGMENT, sg->name);
	bool done[168] = { false };
	char text[400] = "", part[400], weeks[200], body[ERR_MSG_MAX - 64];

	for (int how = 0; how < 168; how++) {
		if (done[how] || !any_week(g, how))
			continue;
		slots_text(g, how, done, part, sizeof(part));
		weeks_text(g, how, weeks, sizeof(weeks));
		add(text, sizeof(text), "%s%s%s", text[0] ? "; " : "", part, weeks);
	}
	snprintf(body, sizeof(body), "coverage gap: tier %s %s %s (segment %s): no team that "
		 "takes it is on shift%s %s (%s time); %.2g%% of its demand arrives then",
		 m->tier_name[sg->tier], m->prio_name[p], model_channel_name[ch], sg->name,
		 m->channel[ch].live ? "" : " in time for its target", text, sg->tz,
		 100 * g->gap_demand / g->demand);
	return note(ns, s ? s->line : 0, body, pm->name);
}

/* Does priority p of segment s run on a business clock? */
static bool business(const model *m, size_t s, size_t p)
{
	return m->seg_clock ? m->seg_clock[s * m->nprio + p] != 0 : m->prio_clock[p] != 0;
}

static int coverage(scen *c, const policy_model *pm, struct notes *ns)
{
	const model *m = c->m;

	for (size_t s = 0; s < m->nsegments; s++) {
		const segment_model *sg = &m->segment[s];
		struct quarters qs = { 0 };
		if (sim_stopping()) /* a long scan: one segment's quarters at most */
			return err_stopped(c->e, c->f.path, 0);
		if (quarters_of(m, sg, &qs)) {
			quarters_fini(&qs);
			return err_oom(c->e, c->f.path, 0, "the scenario");
		}
		for (size_t p = 0; p < m->nprio; p++) {
			double wp = sg->prio_cdf[p] - (p ? sg->prio_cdf[p - 1] : 0);
			if (wp <= 0 || business(m, s, p))
				continue; /* a business clock waits for the hours it counts */
			for (int ch = 0; ch < CH_SELF; ch++) {
				double wc = sg->chan_cdf[ch] - (ch ? sg->chan_cdf[ch - 1] : 0);
				struct gaps g = { 0 };
				if (wc <= 0 || !m->channel[ch].used)
					continue;
				int rc = find_gaps(c, pm, sg, p, ch, wp * wc, &qs, &g);
				if (!rc && g.gap_demand > 0)
					rc = warn_gaps(c, pm, sg, p, ch, &g, ns);
				free(g.bits);
				free(g.occurs);
				if (rc) {
					quarters_fini(&qs);
					return err_oom(c->e, c->f.path, 0, "the scenario");
				}
			}
		}
		quarters_fini(&qs);
	}
	return 0;
}

/* Sections of a kind that nothing names: surges no segment uses,
 * entitlements no policy lists. */
static void unused(scen *c)
{
	const model *m = c->m;

	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		bool used = false;
		if (s->kind == SEC_SURGE) {
			for (size_t k = 0; k < m->nsegments; k++)
				used |= m->segment[k].surge >= 0 &&
					!strcmp(m->surge[m->segment[k].surge].name, s->name);
			/* a policy's SURGE.scale does not use a surge no segment has */
			if (!used)
				scen_warn(c, (srcloc){ c->f.path, s->line }, "[surge %s] is not used: "
					  "no segment names it (segment.surge = %s)", s->name, s->name);
		} else if (s->kind == SEC_ENTITLEMENT) {
			for (size_t p = 0; p < m->npolicies; p++)
				for (size_t e = 0; e < m->policy[p].nents; e++)
					used |= !strcmp(m->policy[p].ents[e].name, s->name);
			if (!used)
				scen_warn(c, (srcloc){ c->f.path, s->line }, "[entitlement %s] is not "
					  "used: no policy lists it (policy.entitlements = %s)", s->name,
					  s->name);
		}
	}
}

/* The first policy whose teams list `team` (a policy without `teams` lists
 * every team; "" for the scenario without policies), or NULL. */
static const char *policy_listing(const scen *c, const char *team)
{
	bool any = false;

	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		if (s->kind != SEC_POLICY)
			continue;
		any = true;
		const ini_key *k = inifile_key(s, "teams");
		if (!k)
			return s->name;
		size_t n = strlen(team);
		for (const char *v = k->value; *v;) {
			size_t w = strcspn(v, " \t");
			if (w == n && !strncmp(v, team, n))
				return s->name;
			v += w;
			v += strspn(v, " \t");
		}
	}
	return any ? NULL : "";
}

/* A team that is on shift nowhere: no policy lists it, or those that do
 * never have it on shift within the horizon (a roster whose shifts are
 * all before or after it).  Says which. */
static void unused_team(scen *c, const ini_section *s)
{
	const char *pol = policy_listing(c, s->name);
	char a[32], b[32];
	civil x = tz_to_local("UTC", c->m->start_unix);
	civil y = tz_to_local("UTC", c->m->start_unix + (int64_t)c->m->horizon_s);

	if (!pol) {
		scen_warn(c, (srcloc){ c->f.path, s->line }, "[team %s] is not used: no "
			  "policy's teams lists it", s->name);
		return;
	}
	snprintf(a, sizeof(a), "%04d-%02d-%02dT%02d:%02dZ", x.year, x.month, x.day, x.hour, x.min);
	snprintf(b, sizeof(b), "%04d-%02d-%02dT%02d:%02dZ", y.year, y.month, y.day, y.hour, y.min);
	if (*pol)
		scen_warn(c, (srcloc){ c->f.path, s->line }, "[team %s] is not used: policy %s "
			  "lists it, but it is never on shift within the horizon (%s .. %s)",
			  s->name, pol, a, b);
	else
		scen_warn(c, (srcloc){ c->f.path, s->line }, "[team %s] is not used: it is never "
			  "on shift within the horizon (%s .. %s)", s->name, a, b);
}

/* Channels no segment prefers or falls back to; teams no policy staffs. */
static void unused_supply(scen *c)
{
	const model *m = c->m;

	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		int ch = s->kind == SEC_CHANNEL ? model_channel_parse(s->name) : -1;
		bool used = false;
		for (size_t k = 0; ch >= 0 && k < m->nsegments; k++) {
			const segment_model *sg = &m->segment[k];
			used |= sg->chan_cdf[ch] > (ch ? sg->chan_cdf[ch - 1] : 0);
			/* the default fallback names every channel: only a written one counts */
			const ini_section *ss = inifile_find(&c->f, SEC_SEGMENT, sg->name);
			for (int f = 0; ss && inifile_key(ss, "fallback") && f < sg->nfallback; f++)
				used |= sg->fallback[f] == (channel_id)ch;
		}
		if (ch >= 0 && !used)
			scen_warn(c, (srcloc){ c->f.path, s->line }, "[channel %s] is not used: no "
				  "segment's channel mix or fallback names it", s->name);
		int t = s->kind == SEC_TEAM ? scen_team(m, s->name) : -1;
		for (size_t p = 0; t >= 0 && p < m->npolicies; p++)
			used |= m->policy[p].teams[t].agents > 0 || m->policy[p].teams[t].nshifts;
		if (t >= 0 && !used)
			unused_team(c, s);
	}
}

int scen_warnings(scen *c)
{
	unused(c);
	unused_supply(c);
	struct notes ns = { NULL, 0 };
	int rc = 0;

	for (size_t p = 0; !rc && p < c->m->npolicies; p++)
		rc = coverage(c, &c->m->policy[p], &ns);
	for (size_t i = 0; !rc && i < ns.n; i++) {
		const struct note *n = &ns.v[i];
		if (c->m->npolicies > 1)
			scen_warn(c, (srcloc){ c->f.path, n->line }, "polic%s %s: %s",
				  strchr(n->pols, ',') ? "ies" : "y", n->pols, n->body);
		else
			scen_warn(c, (srcloc){ c->f.path, n->line }, "%s", n->body);
	}
	free(ns.v);
	/* a warning that could not be kept: the load fails rather than go on
	 * without it (--strict would otherwise pass a scenario it refuses) */
	if (!rc && c->warn_lost)
		rc = err_oom(c->e, c->f.path, 0, "the scenario");
	return rc;
}
