/* scen_shifts.c: [shifts TEAM] sections (docs/scenario.md): the shift
 * lengths, start times, days on and off, part-time share and costs that
 * `supsim schedule` builds its patterns from.  Checks the syntax of each
 * key (scen_keys.c's key table calls the scen_chk_* functions) and builds
 * model.shiftset, one entry per section, in file order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "input/scen.h"
#include "input/values.h"

#define DAY_S 86400.0

/* Lengths "8h 4h30min ...": each in (0, 24 h]. */
static int parse_lengths(scen *c, const ini_key *k, double *len, size_t *n)
{
	char buf[4096], *w[SHIFTS_MAX_LENGTHS];
	int nw = val_words(k->value, buf, sizeof(buf), w, SHIFTS_MAX_LENGTHS, k->at, c->e);

	if (nw < 0)
		return -1;
	if (nw == 0)
		return err_at(c->e, k->at, "%s: expected one or more shift lengths (8h 10h)", k->key);
	for (int i = 0; i < nw; i++) {
		if (val_duration(w[i], &len[i], k->at, c->e))
			return -1;
		if (len[i] <= 0)
			return err_at(c->e, k->at, "shift length %s must be > 0", w[i]);
		if (len[i] > DAY_S)
			return err_at(c->e, k->at, "shift length %s is longer than 24 h", w[i]);
	}
	*n = (size_t)nw;
	return 0;
}

int scen_chk_shift_lengths(scen *c, const ini_key *k)
{
	double len[SHIFTS_MAX_LENGTHS];
	size_t n;

	return parse_lengths(c, k, len, &n);
}

/* "HH:MM" (00:00 .. 23:59) as minutes; -1 when it is not a time of day. */
static int time_of_day(const char *s)
{
	int h, mi, used = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &mi, &used) != 2 || s[used] || strlen(s) != 5)
		return -1;
	if (h < 0 || h > 23 || mi < 0 || mi > 59)
		return -1;
	return h * 60 + mi;
}

static int add_start(scen *c, const ini_key *k, int *out, size_t *n, int min)
{
	for (size_t i = 0; i < *n; i++)
		if (out[i] == min)
			return 0;
	if (*n == SHIFTS_MAX_STARTS)
		return err_at(c->e, k->at, "starts: more than %d start times", SHIFTS_MAX_STARTS);
	out[(*n)++] = min;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* One word: "07:30", or a range "06:00-10:00/30min" (both ends included). */
static int parse_start(scen *c, const ini_key *k, char *word, int *out, size_t *n)
{
	char *dash = strchr(word, '-'), *slash = strchr(word, '/');
	double step_s = 3600;
	int a, b;

	if (slash) {
		*slash = '\0';
		if (val_duration(slash + 1, &step_s, k->at, c->e))
			return -1;
		if (step_s < 60 || fmod(step_s, 60) != 0)
			return err_at(c->e, k->at, "start step %s: expected whole minutes >= 1min",
				      slash + 1);
	}
	if (dash)
		*dash = '\0';
	a = time_of_day(word);
	b = dash ? time_of_day(dash + 1) : a;
	if (a < 0 || b < 0)
		return err_at(c->e, k->at, "start time '%s' is outside the day: expected HH:MM "
			      "from 00:00 to 23:59, or a range 06:00-10:00/30min",
			      a < 0 ? word : dash + 1);
	if (b < a)
		return err_at(c->e, k->at, "start range %s-%s runs backwards", word, dash + 1);
	if (slash && !dash)
		return err_at(c->e, k->at, "start step without a range: expected 06:00-10:00/30min");
	for (int m = a; m <= b; m += (int)(step_s / 60))
		if (add_start(c, k, out, n, m))
			return -1;
	return 0;
}

static int parse_starts(scen *c, const ini_key *k, int *out, size_t *n)
{
	char buf[4096], *w[256];
	int nw = val_words(k->value, buf, sizeof(buf), w, 256, k->at, c->e);

	*n = 0;
	if (nw < 0)
		return -1;
	if (nw == 0)
		return err_at(c->e, k->at, "starts: expected start times (06:00 07:30 or "
			      "06:00-10:00/30min)");
	for (int i = 0; i < nw; i++)
		if (parse_start(c, k, w[i], out, n))
			return -1;
	qsort(out, *n, sizeof(int), cmp_int);
	return 0;
}

int scen_chk_shift_starts(scen *c, const ini_key *k)
{
	int st[SHIFTS_MAX_STARTS];
	size_t n;

	return parse_starts(c, k, st, &n);
}

int scen_chk_shift_share(scen *c, const ini_key *k)
{
	double v;

	return val_number(k->value, 0, 1, &v, k->at, c->e);
}

int scen_chk_shift_days(scen *c, const ini_key *k)
{
	long long v;

	return val_int(k->value, 0, 28, &v, k->at, c->e);
}

/* "8h:100 4h:55": the cost of one shift of that length. */
int scen_chk_shift_costs(scen *c, const ini_key *k)
{
	val_pair p[SHIFTS_MAX_LENGTHS * 2];
	size_t n;
	double v;

	if (val_pairs(k->value, p, SHIFTS_MAX_LENGTHS * 2, &n, k->at, c->e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (val_duration(p[i].label, &v, k->at, c->e) ||
		    val_number(p[i].value, 0, 1e12, &v, k->at, c->e))
			return -1;
	}
	return 0;
}

static int days_key(scen *c, const ini_section *s, const char *key, int dflt, int *out)
{
	const ini_key *k = inifile_key(s, key);
	long long v = dflt;

	if (k && val_int(k->value, 0, 28, &v, k->at, c->e))
		return -1;
	*out = (int)v;
	return 0;
}

/* Costs of the lengths named in `cost`; the others cost their hours. */
static int shift_costs(scen *c, const ini_section *s, shifts_model *sm)
{
	const ini_key *k = inifile_key(s, "cost");
	val_pair p[SHIFTS_MAX_LENGTHS * 2];
	size_t n = 0;

	for (size_t i = 0; i < sm->nlengths; i++)
		sm->cost[i] = sm->length_s[i] / 3600;
	if (!k)
		return 0;
	if (val_pairs(k->value, p, SHIFTS_MAX_LENGTHS * 2, &n, k->at, c->e))
		return -1;
	for (size_t j = 0; j < n; j++) {
		double len, v;
		int found = 0;
		if (val_duration(p[j].label, &len, k->at, c->e) ||
		    val_number(p[j].value, 0, 1e12, &v, k->at, c->e))
			return -1;
		for (size_t i = 0; i < sm->nlengths; i++)
			if (fabs(sm->length_s[i] - len) < 0.5) {
				sm->cost[i] = v;
				found = 1;
			}
		if (!found)
			return err_at(c->e, k->at, "cost of %s: no shift of that length in lengths "
				      "or part_time", p[j].label);
	}
	return 0;
}

static int add_lengths(scen *c, const ini_key *k, shifts_model *sm, bool part)
{
	double len[SHIFTS_MAX_LENGTHS];
	size_t n;

	if (parse_lengths(c, k, len, &n))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (sm->nlengths == SHIFTS_MAX_LENGTHS)
			return err_at(c->e, k->at, "more than %d shift lengths in all",
				      SHIFTS_MAX_LENGTHS);
		sm->length_s[sm->nlengths] = len[i];
		sm->part[sm->nlengths++] = part;
	}
	return 0;
}

static int build_one(scen *c, const ini_section *s, shifts_model *sm)
{
	const ini_key *k;
	char title[128];

	sm->team = scen_team(c->m, s->name);
	sm->line = s->line;
	if (sm->team < 0)
		return err_set(c->e, c->f.path, s->line, "%s: no [team %s]",
			       scen_title(c, s, title, sizeof(title)), s->name);
	if (!(k = scen_need(c, s, "lengths")) || add_lengths(c, k, sm, false))
		return -1;
	if ((k = inifile_key(s, "part_time")) && add_lengths(c, k, sm, true))
		return -1;
	if (!(k = scen_need(c, s, "starts")) || parse_starts(c, k, sm->start_min, &sm->nstarts))
		return -1;
	if (days_key(c, s, "days_on", 5, &sm->days_on) ||
	    days_key(c, s, "days_off", 2, &sm->days_off))
		return -1;
	if (sm->days_on < 1) {
		k = inifile_key(s, "days_on");
		return err_at(c->e, k->at, "days_on must be >= 1");
	}
	sm->part_share = 1;
	if ((k = inifile_key(s, "part_time_share")) &&
	    val_number(k->value, 0, 1, &sm->part_share, k->at, c->e))
		return -1;
	return shift_costs(c, s, sm);
}

int scen_shifts(scen *c)
{
	model *m = c->m;
	size_t n = inifile_count(&c->f, SEC_SHIFTS), j = 0;

	if (!n)
		return 0;
	m->shiftset = mem_calloc(n, sizeof(*m->shiftset));
	if (!m->shiftset)
		return err_oom(c->e, c->f.path, 0, "the scenario");
	for (size_t i = 0; i < c->f.nsections; i++) {
		const ini_section *s = &c->f.sections[i];
		if (s->kind != SEC_SHIFTS)
			continue;
		if (build_one(c, s, &m->shiftset[j]))
			return -1;
		m->nshiftsets = ++j;
	}
	return 0;
}
