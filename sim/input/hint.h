/* hint.h: what a scenario's author probably meant, for warnings and for
 * "did you mean" in errors: the place behind a fixed-offset or legacy time
 * zone name (EST, Etc/GMT+5, CET), and the nearest of known words by edit
 * distance.  Pure functions over static tables; no allocation. */
#ifndef SUPSIM_HINT_H
#define SUPSIM_HINT_H

#include <stddef.h>

/* When `zone` is a fixed offset or a legacy rule zone that people write for
 * a place that changes its clocks (EST for New York, Etc/GMT+5, CET), the
 * IANA zone of that place ("America/New_York"); NULL otherwise (UTC, GMT,
 * a place's zone, an offset no large place with daylight saving uses). */
const char *hint_zone_meant(const char *zone);

/* Optimal string alignment distance of a and b (case-sensitive). */
size_t hint_distance(const char *a, const char *b);

/* The word of words[0..n) nearest to `word`, when near enough to be a typo
 * (distance <= 2, and < half of the longer word), else NULL. */
const char *hint_nearest(const char *word, const char *const *words, size_t n);

/* " (did you mean 'X'?)" into buf for the nearest word, or "" when none
 * is near; returns buf. */
const char *hint_did_you_mean(const char *word, const char *const *words, size_t n, char *buf,
			      size_t len);

#endif
