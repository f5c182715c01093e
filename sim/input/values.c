/* values.c: the value grammar of scenario files (SPEC §2): numbers,
 * durations, rates, booleans, instants, civil dates and their calendar
 * arithmetic, weekly hours, word lists, and mixes (distributions: dist_value.c).  Every
 * parser reads the whole value (surrounding blanks allowed) and refuses
 * anything left over; numbers never go through strtod unchecked (no inf,
 * nan or hexadecimal).  Nothing allocates. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/values.h"

static const struct {
	const char *name;
	double secs;
} units[] = {
	{ "s", 1 }, { "min", 60 }, { "h", 3600 }, { "d", 86400 }, { "w", 604800 },
};

/* Length of the blank-trimmed value: *s advanced past leading blanks. */
size_t val_trim(const char **s)
{
	const char *p = *s;
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' ||
			 p[n - 1] == '\n'))
		n--;
	*s = p;
	return n;
}

/* Length of the decimal number at p ([+-]digits[.digits][e[+-]digits]),
 * or 0 when there is none.  strtod alone would also take "inf", "nan" and
 * hexadecimal, which a scenario must not contain. */
static size_t number_span(const char *p, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && (p[i] == '+' || p[i] == '-'))
		i++;
	while (i < n && isdigit((unsigned char)p[i]))
		i++, digits++;
	if (i < n && p[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)p[i]))
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		size_t j = i + 1;
		if (j < n && (p[j] == '+' || p[j] == '-'))
			j++;
		if (j < n && isdigit((unsigned char)p[j])) {
			while (j < n && isdigit((unsigned char)p[j]))
				j++;
			i = j;
		}
	}
	return i;
}

/* Scan a number at p (n chars available): 0 with *v and *used, or -1 when
 * there is no number or it does not fit a double. */
int val_scan_number(const char *p, size_t n, double *v, size_t *used)
{
	char buf[128];
	size_t len = number_span(p, n);
	char *end;

	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	errno = 0;
	*v = strtod(buf, &end);
	if (end != buf + len || !isfinite(*v))
		return -1;
	if (errno == ERANGE && fabs(*v) > 1)
		return -1;
	if (errno == ERANGE)
		*v = 0; /* underflow: a value far below any clock resolution */
	*used = len;
	return 0;
}

/* Seconds per unit of an exact unit name (n chars), or -1. */
static double unit_secs(const char *p, size_t n)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].name) == n && !memcmp(units[i].name, p, n))
			return units[i].secs;
	return -1;
}

/* A duration of n chars at p; -1 for any syntax problem. */
int val_scan_duration(const char *p, size_t n, double *out)
{
	double v, unit;
	size_t used;

	if (val_scan_number(p, n, &v, &used))
		return -1;
	unit = unit_secs(p + used, n - used);
	if (unit < 0 || !isfinite(v * unit))
		return -1;
	*out = v * unit;
	return 0;
}

int val_duration(const char *s, double *out_s, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p);
	double v;

	if (val_scan_duration(p, n, &v))
		return err_at(e, at, "bad duration '%.*s': expected a number and a unit " VAL_UNITS,
			      (int)n, p);
	if (v < 0)
		return err_at(e, at, "bad duration '%.*s': expected a duration >= 0", (int)n, p);
	*out_s = v == 0 ? 0 : v; /* no -0 */
	return 0;
}

int val_rate(const char *s, double *out_per_s, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p), used;
	double v, unit = -1;

	if (!val_scan_number(p, n, &v, &used) && used < n && p[used] == '/')
		unit = unit_secs(p + used + 1, n - used - 1);
	if (unit < 0)
		return err_at(e, at, "bad rate '%.*s': expected COUNT/UNIT with a unit " VAL_UNITS
			      ", e.g. 1200/d", (int)n, p);
	if (v < 0)
		return err_at(e, at, "bad rate '%.*s': expected a rate >= 0", (int)n, p);
	*out_per_s = v == 0 ? 0 : v / unit;
	return 0;
}

int val_number(const char *s, double lo, double hi, double *out, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p), used;
	double v;

	if (val_scan_number(p, n, &v, &used) || used != n)
		return err_at(e, at, "bad number '%.*s': expected a decimal number", (int)n, p);
	if (v < lo || v > hi)
		return err_at(e, at, "bad number '%.*s': expected a number in [%g, %g]",
			      (int)n, p, lo, hi);
	*out = v;
	return 0;
}

int val_int(const char *s, long long lo, long long hi, long long *out, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p), i = 0;
	char buf[32];
	long long v;

	if (i < n && (p[i] == '+' || p[i] == '-'))
		i++;
	if (i == n || n >= sizeof(buf))
		goto syntax;
	for (; i < n; i++)
		if (!isdigit((unsigned char)p[i]))
			goto syntax;
	memcpy(buf, p, n);
	buf[n] = '\0';
	errno = 0;
	v = strtoll(buf, NULL, 10);
	if (errno == ERANGE || v < lo || v > hi)
		return err_at(e, at, "bad integer '%.*s': expected an integer in [%lld, %lld]",
			      (int)n, p, lo, hi);
	*out = v;
	return 0;
syntax:
	return err_at(e, at, "bad integer '%.*s': expected a decimal integer", (int)n, p);
}

int val_bool(const char *s, bool *out, srcloc at, err *e)
{
	static const char *const yes[] = { "yes", "true", "1", "on" };
	static const char *const no[] = { "no", "false", "0", "off" };
	const char *p = s;
	size_t n = val_trim(&p);

	for (size_t i = 0; i < 4; i++) {
		if (strlen(yes[i]) == n && !strncasecmp(p, yes[i], n)) {
			*out = true;
			return 0;
		}
		if (strlen(no[i]) == n && !strncasecmp(p, no[i], n)) {
			*out = false;
			return 0;
		}
	}
	return err_at(e, at, "bad boolean '%.*s': expected yes, no, true, false, on, off, 1 or 0",
		      (int)n, p);
}

static int month_days(int year, int month)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : md[month - 1];
}

/* Exactly `width` digits at p into *v. */
static int digits(const char *p, int width, int *v)
{
	*v = 0;
	for (int i = 0; i < width; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		*v = *v * 10 + (p[i] - '0');
	}
	return 0;
}

/* "YYYY-MM-DD" at p (n >= 10 chars available), a real date. */
static int scan_date(const char *p, size_t n, civil *c)
{
	memset(c, 0, sizeof(*c));
	if (n < 10 || digits(p, 4, &c->year) || p[4] != '-' || digits(p + 5, 2, &c->month) ||
	    p[7] != '-' || digits(p + 8, 2, &c->day))
		return -1;
	if (c->year < 1 || c->month < 1 || c->month > 12 || c->day < 1 ||
	    c->day > month_days(c->year, c->month))
		return -1;
	c->wday = civil_from_days(civil_days(c->year, c->month, c->day)).wday;
	return 0;
}

/* "HH:MM[:SS]" at p, exactly n chars; returns 0 or -1. */
static int scan_time(const char *p, size_t n, civil *c)
{
	if ((n != 5 && n != 8) || digits(p, 2, &c->hour) || p[2] != ':' ||
	    digits(p + 3, 2, &c->min))
		return -1;
	c->sec = 0;
	if (n == 8 && (p[5] != ':' || digits(p + 6, 2, &c->sec)))
		return -1;
	return c->hour > 23 || c->min > 59 || c->sec > 59 ? -1 : 0;
}

int val_date(const char *s, civil *out, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p);

	if (n != 10 || scan_date(p, n, out))
		return err_at(e, at, "bad date '%.*s': expected a date YYYY-MM-DD", (int)n, p);
	return 0;
}

int val_local(const char *s, civil *out, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p);

	if (n < 11 || scan_date(p, n, out) || p[10] != 'T' || scan_time(p + 11, n - 11, out))
		return err_at(e, at, "bad local time '%.*s': expected YYYY-MM-DDTHH:MM[:SS]",
			      (int)n, p);
	return 0;
}

/* A zone designator at p (n chars): "Z", "+HH:MM", "+HHMM", "+HH"; seconds east. */
static int scan_offset(const char *p, size_t n, int *off)
{
	int h, m = 0;

	if (n == 1 && (p[0] == 'Z' || p[0] == 'z')) {
		*off = 0;
		return 0;
	}
	if (n < 3 || (p[0] != '+' && p[0] != '-') || digits(p + 1, 2, &h))
		return -1;
	if (n == 6 && (p[3] != ':' || digits(p + 4, 2, &m)))
		return -1;
	if (n == 5 && digits(p + 3, 2, &m))
		return -1;
	if ((n != 3 && n != 5 && n != 6) || h > 23 || m > 59)
		return -1;
	*off = (p[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 0;
}

int val_instant(const char *s, int64_t *out_unix, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p), tlen = 0;
	civil c;
	int off = 0;

	if (scan_date(p, n, &c))
		goto bad;
	if (n > 10) {
		if (p[10] != 'T' && p[10] != 't')
			goto bad;
		while (11 + tlen < n && (isdigit((unsigned char)p[11 + tlen]) || p[11 + tlen] == ':'))
			tlen++;
		if (scan_time(p + 11, tlen, &c) || scan_offset(p + 11 + tlen, n - 11 - tlen, &off))
			goto bad;
	}
	*out_unix = civil_days(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.min * 60 +
		    c.sec - off;
	return 0;
bad:
	return err_at(e, at, "bad instant '%.*s': expected YYYY-MM-DDTHH:MM[:SS] with Z or an "
		      "offset (+02:00), or a date YYYY-MM-DD (midnight UTC)", (int)n, p);
}

int val_window(const char *s, civil *from, civil *to, srcloc at, err *e)
{
	const char *p = s;
	size_t n = val_trim(&p);

	if (n != 22 || scan_date(p, 10, from) || p[10] != '.' || p[11] != '.' ||
	    scan_date(p + 12, 10, to))
		return err_at(e, at, "bad window '%.*s': expected YYYY-MM-DD..YYYY-MM-DD", (int)n, p);
	if (civil_days(to->year, to->month, to->day) < civil_days(from->year, from->month, from->day))
		return err_at(e, at, "bad window '%.*s': it ends before it starts", (int)n, p);
	return 0;
}

int val_path(const char *base_dir, const char *rel, char *out, size_t len, srcloc at, err *e)
{
	int n;

	if (rel[0] == '/' || !base_dir || !base_dir[0])
		n = snprintf(out, len, "%s", rel);
	else
		n = snprintf(out, len, "%s/%s", base_dir, rel);
	if (n < 0 || (size_t)n >= len)
		return err_at(e, at, "%s: name too long (%d bytes with the scenario's folder; "
			      "at most %zu)", rel, n, len - 1);
	return 0;
}

static const char *const day_names[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* A day name of n chars (Mon..Sun, any case), or -1. */
static int day_index(const char *p, size_t n)
{
	for (int d = 0; d < 7; d++)
		if (n == 3 && !strncasecmp(p, day_names[d], 3))
			return d;
	return -1;
}

/* "Mon", "Mon-Fri" (may wrap), "Daily" at p (n chars) -> day bits. */
static int scan_days(const char *p, size_t n, unsigned *days)
{
	int a = n >= 3 ? day_index(p, 3) : -1;
	int b = n == 7 && p[3] == '-' ? day_index(p + 4, 3) : a;

	if (n == 5 && !strncasecmp(p, "Daily", 5)) {
		*days = 0x7f;
		return 0;
	}
	if ((n != 3 && n != 7) || a < 0 || b < 0 || (n == 7 && p[3] != '-'))
		return -1;
	*days = 0;
	for (int d = a;; d = (d + 1) % 7) {
		*days |= 1u << d;
		if (d == b)
			break;
	}
	return 0;
}

/* "HH:MM" at p, minutes after midnight; "24:00" only when allow_24. */
static int scan_hhmm(const char *p, size_t n, bool allow_24, int *min)
{
	int h, m;

	if (n != 5 || digits(p, 2, &h) || p[2] != ':' || digits(p + 3, 2, &m) || m > 59)
		return -1;
	if (h > 24 || (h == 24 && (m != 0 || !allow_24)))
		return -1;
	*min = h * 60 + m;
	return 0;
}

/* One range "DAYS HH:MM-HH:MM" (n chars, trimmed) appended to out. */
static int scan_range(const char *p, size_t n, week_range *out, size_t *cnt)
{
	size_t i = 0, j;
	unsigned days;
	int start, end;

	while (i < n && p[i] != ' ' && p[i] != '\t')
		i++;
	if (scan_days(p, i, &days))
		return -1;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i + 5 > n || scan_hhmm(p + i, 5, false, &start))
		return -1;
	for (j = i + 5; j < n && (p[j] == ' ' || p[j] == '\t'); j++)
		;
	if (j >= n || p[j] != '-')
		return -1;
	for (j++; j < n && (p[j] == ' ' || p[j] == '\t'); j++)
		;
	if (scan_hhmm(p + j, n - j, true, &end))
		return -1;
	if (end <= start)
		end += 1440; /* overnight: ends on the next day */
	for (int d = 0; d < 7; d++) {
		if (!(days & (1u << d)))
			continue;
		if (*cnt == VAL_MAX_RANGES)
			return -1;
		out[(*cnt)++] = (week_range){ d, start, end };
	}
	return 0;
}

int val_hours(const char *s, bool *always, week_range *out, size_t *n, srcloc at, err *e)
{
	const char *p = s;
	size_t len = val_trim(&p), i = 0;

	*n = 0;
	*always = len == 4 && !strncasecmp(p, "24x7", 4);
	if (*always)
		return 0;
	while (i < len) {
		const char *part = p + i;
		size_t plen = 0;

		while (i + plen < len && part[plen] != ',')
			plen++;
		i += plen + 1;
		bool trailing_comma = i == len;
		while (plen > 0 && (part[plen - 1] == ' ' || part[plen - 1] == '\t'))
			plen--;
		while (plen > 0 && (*part == ' ' || *part == '\t'))
			part++, plen--;
		if (trailing_comma || scan_range(part, plen, out, n))
			return err_at(e, at, "bad hours '%.*s': expected 24x7 or ranges like "
				      "'Mon-Fri 09:00-17:00, Sat 10:00-14:00' (days Mon..Sun, "
				      "Daily; at most %d day ranges)", (int)len, p, VAL_MAX_RANGES);
	}
	if (*n == 0)
		return err_at(e, at, "bad hours '': expected 24x7 or ranges like 'Mon-Fri 09:00-17:00'");
	return 0;
}

int val_words(const char *s, char *buf, size_t buflen, char **words, size_t max, srcloc at, err *e)
{
	const char *p = s;
	size_t len = val_trim(&p), cnt = 0;
	int depth = 0;

	if (len >= buflen)
		return err_at(e, at, "value too long (%zu characters, at most %zu)", len, buflen - 1);
	memcpy(buf, p, len);
	buf[len] = '\0';
	for (char *q = buf; *q;) {
		while (*q == ' ' || *q == '\t')
			*q++ = '\0';
		if (!*q)
			break;
		if (cnt == max)
			return err_at(e, at, "too many words in '%.*s' (at most %zu)", (int)len, p, max);
		words[cnt++] = q;
		for (; *q && (depth > 0 || (*q != ' ' && *q != '\t')); q++) {
			depth += *q == '(';
			depth -= *q == ')';
			if (depth < 0)
				break;
		}
		if (depth != 0)
			return err_at(e, at, "unbalanced parentheses in '%.*s'", (int)len, p);
	}
	return (int)cnt;
}

#define LIST_BUF 4096
#define LIST_WORDS 256

/* Split word "LABEL:VALUE" in place; -1 when either side is empty or too long. */
static int split_pair(char *w, char **label, char **value)
{
	char *colon = strchr(w, ':');

	if (!colon || colon == w || !colon[1] || (size_t)(colon - w) >= SIM_NAME_MAX ||
	    strlen(colon + 1) >= sizeof(((val_pair *)0)->value))
		return -1;
	*colon = '\0';
	*label = w;
	*value = colon + 1;
	return 0;
}

/* Words of s as pairs, labels unique: count or -1.  labels/values point into buf. */
static int list_pairs(const char *s, char *buf, char **label, char **value, size_t max,
		      const char *what, srcloc at, err *e)
{
	char *words[LIST_WORDS];
	const char *p = s;
	size_t len = val_trim(&p);
	int cnt = val_words(s, buf, LIST_BUF, words, max < LIST_WORDS ? max : LIST_WORDS, at, e);

	for (int i = 0; i < cnt; i++) {
		if (split_pair(words[i], &label[i], &value[i]))
			return err_at(e, at, "bad %s '%.*s': expected LABEL:%s pairs separated by "
				      "blanks, found '%s'", what, (int)len, p,
				      strcmp(what, "mix") ? "VALUE" : "WEIGHT", words[i]);
		for (int j = 0; j < i; j++)
			if (!strcmp(label[j], label[i]))
				return err_at(e, at, "bad %s '%.*s': label '%s' given twice",
					      what, (int)len, p, label[i]);
	}
	return cnt;
}

int val_pairs(const char *s, val_pair *out, size_t max, size_t *n, srcloc at, err *e)
{
	char buf[LIST_BUF];
	char *label[LIST_WORDS], *value[LIST_WORDS];
	int cnt = list_pairs(s, buf, label, value, max, "list", at, e);

	if (cnt < 0)
		return -1;
	for (int i = 0; i < cnt; i++) {
		snprintf(out[i].label, sizeof(out[i].label), "%s", label[i]);
		snprintf(out[i].value, sizeof(out[i].value), "%s", value[i]);
	}
	*n = (size_t)cnt;
	return 0;
}

int val_mix(const char *s, val_weight *out, size_t max, size_t *n, srcloc at, err *e)
{
	char buf[LIST_BUF];
	char *label[LIST_WORDS], *value[LIST_WORDS];
	int cnt = list_pairs(s, buf, label, value, max, "mix", at, e);
	const char *p = s;
	size_t len = val_trim(&p);
	double sum = 0;

	if (cnt < 0)
		return -1;
	for (int i = 0; i < cnt; i++) {
		if (val_number(value[i], 0, 1, &out[i].w, at, e))
			return err_at(e, at, "bad mix '%.*s': weight of '%s' is '%s', expected a "
				      "number in [0, 1]", (int)len, p, label[i], value[i]);
		snprintf(out[i].label, sizeof(out[i].label), "%s", label[i]);
		sum += out[i].w;
	}
	if (cnt == 0 || fabs(sum - 1) > 1e-9)
		return err_at(e, at, "bad mix '%.*s': weights sum to %.12g, expected 1",
			      (int)len, p, sum);
	*n = (size_t)cnt;
	return 0;
}


int val_day_rates(const char *s, double out_per_s[7], srcloc at, err *e)
{
	char buf[4096], *w[16];
	int n = val_words(s, buf, sizeof(buf), w, 16, at, e);
	unsigned seen = 0, days;

	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		char *colon = strchr(w[i], ':');
		double r;
		if (!colon || scan_days(w[i], (size_t)(colon - w[i]), &days))
			return err_at(e, at, "bad volume '%s': expected DAYS:RATE words such as "
				      "Mon-Fri:400/d Sat-Sun:120/d (DAYS a day or a range Mon-Fri)",
				      w[i]);
		if (days & seen)
			return err_at(e, at, "volume '%s': a day is given twice", w[i]);
		if (val_rate(colon + 1, &r, at, e))
			return -1;
		for (int d = 0; d < 7; d++)
			if (days >> d & 1)
				out_per_s[d] = r;
		seen |= days;
	}
	if (seen != 0x7f) {
		int d = 0;
		while (seen >> d & 1)
			d++;
		return err_at(e, at, "volume by day gives no rate for %s: every day from Mon to "
			      "Sun needs one (Sun:0/d for none)", day_names[d]);
	}
	return 0;
}
