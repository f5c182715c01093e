/* values.h: the value grammar of scenario files (SPEC §2), one parser per
 * kind of value.  Each parser reads a whole value (surrounding blanks
 * allowed), returns 0 and stores the result, or returns -1 with an err
 * placed at `at` that says what is wrong and what was expected, e.g.
 *   "bad duration '4 hours': expected a number and a unit (s, min, h, d, w)".
 * Nothing here allocates except where said. */
#ifndef SUPSIM_VALUES_H
#define SUPSIM_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"
#include "random/dist.h"
#include "tz.h"

/* "90s", "4h", "1.5d", "30min", "2w" -> seconds (>= 0; finite). */
int val_duration(const char *s, double *out_s, srcloc at, err *e);
/* "1200/d", "45/h", "0.5/min" -> per second (>= 0). */
int val_rate(const char *s, double *out_per_s, srcloc at, err *e);
/* A finite decimal number in [lo, hi]. */
int val_number(const char *s, double lo, double hi, double *out, srcloc at, err *e);
/* A decimal integer in [lo, hi]. */
int val_int(const char *s, long long lo, long long hi, long long *out, srcloc at, err *e);
/* yes/no/true/false/1/0/on/off. */
int val_bool(const char *s, bool *out, srcloc at, err *e);

/* "2020-03-02T00:00Z", "2020-03-02T09:30:00+02:00", "2020-03-02" (midnight
 * UTC) -> Unix seconds. */
int val_instant(const char *s, int64_t *out_unix, srcloc at, err *e);

/* civil (a date or date-time without zone): tz.h. */
/* "YYYY-MM-DD" (a real date) -> civil at 00:00. */
int val_date(const char *s, civil *out, srcloc at, err *e);
/* "YYYY-MM-DDTHH:MM[:SS]" (local, no zone) -> civil. */
int val_local(const char *s, civil *out, srcloc at, err *e);

/* A window of dates "2020-05-01..2020-06-30" (both inclusive). */
int val_window(const char *s, civil *from, civil *to, srcloc at, err *e);

/* Weekly hours: "24x7", or ranges separated by commas, each
 * "DAYS HH:MM-HH:MM" where DAYS is Mon..Sun, a range "Mon-Fri" (wrapping
 * allowed: "Fri-Mon"), or "Daily".  An end at or before the start crosses
 * midnight (the range starts on the day named); "24:00" ends at midnight. */
typedef struct week_range {
	int day;       /* 0 = Monday */
	int start_min; /* minutes after that day's midnight, local */
	int end_min;   /* > start_min; may exceed 1440 (overnight) */
} week_range;
#define VAL_MAX_RANGES 64
/* *always set for "24x7" (then n = 0).  out holds up to VAL_MAX_RANGES. */
int val_hours(const char *s, bool *always, week_range *out, size_t *n, srcloc at, err *e);

/* Splitting: words separated by blanks, but a blank inside parentheses does
 * not split ("lognormal(mean=20min, sd=15min)" is one word).  Writes up to
 * max pointers into buf (a modifiable copy the caller provides, of size
 * buflen); returns the count, or -1 (with e set) when there are more than
 * max, or parentheses do not balance. */
int val_words(const char *s, char *buf, size_t buflen, char **words, size_t max, srcloc at, err *e);

/* Volumes by day of week "Mon-Fri:400/d Sat-Sun:120/d" -> per-second rates,
 * [0] = Monday; every day exactly once. */
int val_day_rates(const char *s, double out_per_s[7], srcloc at, err *e);
/* "LABEL:VALUE" pairs, words as val_words.  Labels are unique. */
typedef struct val_pair {
	char label[SIM_NAME_MAX];
	char value[200];
} val_pair;
int val_pairs(const char *s, val_pair *out, size_t max, size_t *n, srcloc at, err *e);

/* A mix "LABEL:WEIGHT ...": weights in [0,1] summing to 1 within 1e-9. */
typedef struct val_weight {
	char label[SIM_NAME_MAX];
	double w;
} val_weight;
int val_mix(const char *s, val_weight *out, size_t max, size_t *n, srcloc at, err *e);

/* The scanners under the parsers above, for dist_value.c: the length of a
 * blank-trimmed value (*s advanced past leading blanks); a number at the
 * start of p[0..n) (*used: its length); a whole duration "90s" in p[0..n).
 * 0 or -1, no message. */
size_t val_trim(const char **s);
int val_scan_number(const char *p, size_t n, double *v, size_t *used);
int val_scan_duration(const char *p, size_t n, double *out);
#define VAL_UNITS "(s, min, h, d, w)"

/* Resolve a path relative to the scenario's folder (absolute paths stay)
 * into out[len]; -1 with e set at `at` ("REL: name too long") when the
 * whole path does not fit: a path is never cut. */
int val_path(const char *base_dir, const char *rel, char *out, size_t len, srcloc at, err *e);

#endif
