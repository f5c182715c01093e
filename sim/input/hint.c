/* hint.c: the places behind zone abbreviations, and nearest words by edit
 * distance (see hint.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/hint.h"

/* Names tzdata accepts that are not places: fixed offsets without daylight
 * saving (EST, MST) and legacy rule zones (CET, EST5EDT), whose history is
 * not any place's.  HST is left out: Hawaii keeps no daylight saving. */
static const struct {
	const char *zone, *meant;
} named[] = {
	{ "EST", "America/New_York" },   { "MST", "America/Denver" },
	{ "EST5EDT", "America/New_York" }, { "CST6CDT", "America/Chicago" },
	{ "MST7MDT", "America/Denver" },  { "PST8PDT", "America/Los_Angeles" },
	{ "CET", "Europe/Paris" },        { "MET", "Europe/Paris" },
	{ "EET", "Europe/Athens" },       { "WET", "Europe/Lisbon" },
};

/* Etc/GMT+N is UTC-N (POSIX sign): the largest places with daylight saving
 * at each whole-hour standard offset. */
static const struct {
	int utc_h;
	const char *meant;
} offsets[] = {
	{ -9, "America/Anchorage" }, { -8, "America/Los_Angeles" }, { -7, "America/Denver" },
	{ -6, "America/Chicago" },   { -5, "America/New_York" },    { -4, "America/Halifax" },
	{ 1, "Europe/Paris" },       { 2, "Europe/Athens" },        { 10, "Australia/Sydney" },
	{ 12, "Pacific/Auckland" },
};

const char *hint_zone_meant(const char *zone)
{
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(zone, named[i].zone))
			return named[i].meant;
	const char *p = !strncmp(zone, "Etc/GMT", 7) ? zone + 7 : !strncmp(zone, "GMT", 3) ? zone + 3
											  : NULL;
	if (!p || (*p != '+' && *p != '-') || !p[1])
		return NULL;
	char *end;
	long n = strtol(p + 1, &end, 10);
	if (*end || n <= 0 || n > 14)
		return NULL;
	int utc_h = *p == '+' ? -(int)n : (int)n;
	for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++)
		if (offsets[i].utc_h == utc_h)
			return offsets[i].meant;
	return NULL;
}

size_t hint_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 64 || nb > 64)
		return (size_t)-1; /* names are at most 63 characters */
	size_t d[65][65];

	for (size_t i = 0; i <= na; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[na][nb];
}

const char *hint_nearest(const char *word, const char *const *words, size_t n)
{
	const char *best = NULL;
	size_t bd = (size_t)-1;

	for (size_t i = 0; i < n; i++) {
		size_t d = hint_distance(word, words[i]);
		size_t longer = strlen(word) > strlen(words[i]) ? strlen(word) : strlen(words[i]);
		if (d < bd && d <= 2 && 2 * d < longer) {
			bd = d;
			best = words[i];
		}
	}
	return best;
}

const char *hint_did_you_mean(const char *word, const char *const *words, size_t n, char *buf,
			      size_t len)
{
	const char *w = hint_nearest(word, words, n);

	if (w)
		snprintf(buf, len, " (did you mean '%s'?)", w);
	else if (len)
		buf[0] = '\0';
	return buf;
}
