/* csv.c: one CSV file of the results folder through libcsv (csv.h), and
 * the locale-independent text of numbers in it. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <csv.h>
#include "mem.h"
#include "results/csv.h"

struct report_csv {
	FILE *fp;
	char path[PATH_MAX];
};

/* ---- CSV files ---- */

static report_csv *csv_create(const char *path, err *e)
{
	report_csv *f = mem_calloc(1, sizeof(*f));

	if (!f) {
		err_set(e, path, 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->fp = fopen(path, "w");
	if (!f->fp) {
		report_sys_err(e, path);
		free(f);
		return NULL;
	}
	/* a large buffer: tickets.csv streams millions of rows */
	if (setvbuf(f->fp, NULL, _IOFBF, 1 << 20)) {
		err_set(e, path, 0, "%s", strerror(ENOMEM));
		fclose(f->fp);
		free(f);
		return NULL;
	}
	return f;
}

static int put_field(FILE *fp, const char *s)
{
	if (!s || !*s)
		return 0;
	if (strpbrk(s, ",\"\r\n"))
		return csv_fwrite(fp, s, strlen(s)) ? EOF : 0;
	return fputs(s, fp) == EOF ? EOF : 0;
}

int report_csv_row(report_csv *f, const char *const *fields, size_t n, err *e)
{
	for (size_t i = 0; i < n; i++) {
		if ((i && putc(',', f->fp) == EOF) || put_field(f->fp, fields[i]))
			return report_sys_err(e, f->path);
	}
	if (putc('\n', f->fp) == EOF)
		return report_sys_err(e, f->path);
	return 0;
}

char *report_put_field(char *p, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n)
		return p;
	if (strpbrk(s, ",\"\r\n"))
		return p + csv_write(p, 2 * n + 2, s, n);
	memcpy(p, s, n);
	return p + n;
}

int report_csv_write(report_csv *f, const char *s, size_t n, err *e)
{
	if (fwrite(s, 1, n, f->fp) != n)
		return report_sys_err(e, f->path);
	return 0;
}

int report_csv_close(report_csv *f, err *e)
{
	int rc = 0;

	if (!f)
		return 0;
	if (fflush(f->fp) || fsync(fileno(f->fp)))
		rc = report_sys_err(e, f->path);
	if (fclose(f->fp) && !rc)
		rc = report_sys_err(e, f->path);
	free(f);
	return rc;
}

report_csv *report_csv_open_in(report *r, const char *name, err *e)
{
	char path[PATH_MAX];

	if (report_path_join(path, report_tmp_path(r), name)) {
		report_sys_err(e, name);
		return NULL;
	}
	return csv_create(path, e);
}

report_csv *report_csv_open(report *r, const char *name, const char *const *header,
			    size_t ncols, err *e)
{
	report_csv *f = report_csv_open_in(r, name, e);

	if (f && report_csv_row(f, header, ncols, e)) {
		report_csv_close(f, NULL);
		return NULL;
	}
	return f;
}

/* ---- numbers ---- */

/* printf's decimal point follows LC_NUMERIC: put '.' back whatever it is. */
static const char *fmt_num(char *buf, const char *fmt, double x)
{
	const char *dp = localeconv()->decimal_point;
	char tmp[REPORT_NUM_MAX];

	if (isnan(x)) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(tmp, sizeof(tmp), fmt, x);
	if (!dp || !strcmp(dp, ".")) {
		memcpy(buf, tmp, sizeof(tmp));
		return buf;
	}
	char *at = strstr(tmp, dp);
	if (!at) {
		memcpy(buf, tmp, sizeof(tmp));
		return buf;
	}
	snprintf(buf, REPORT_NUM_MAX, "%.*s.%s", (int)(at - tmp), tmp, at + strlen(dp));
	return buf;
}

const char *report_fmt_count(char *buf, double x)
{
	return fmt_num(buf, "%.10g", x);
}

const char *report_fmt_share(char *buf, double x)
{
	return fmt_num(buf, "%.6g", x);
}

char *report_put_u64(char *p, uint64_t v)
{
	char d[20];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = d[--n];
	return p;
}

/* "%.3f" of x with |x| < 2^43, as printf writes it: x = m 2^-k exactly, so
 * x 1000 = m 1000 / 2^k with m 1000 < 2^63, rounded to the nearest integer,
 * a tie to the even one (printf rounds the exact binary value in the
 * default rounding mode); NULL when x is out of that range (or not finite). */
static char *put_fixed3(char *p, double x)
{
	uint64_t bits, m, n;
	int ex, k;

	memcpy(&bits, &x, sizeof(bits));
	ex = (int)(bits >> 52 & 0x7ff);
	if (ex >= 1023 + 43)
		return NULL;
	m = bits & (((uint64_t)1 << 52) - 1);
	if (ex) {
		m |= (uint64_t)1 << 52;
		k = 1075 - ex;
	} else {
		k = 1074;
	}
	/* k >= 10: m 1000 < 2^63 */
	if (k >= 64) {
		n = 0; /* x 1000 < 2^63 / 2^64: below one half */
	} else {
		uint64_t v = m * 1000, rem = v & (((uint64_t)1 << k) - 1);
		uint64_t half = (uint64_t)1 << (k - 1);
		n = v >> k;
		if (rem > half || (rem == half && (n & 1)))
			n++;
	}
	if (bits >> 63)
		*p++ = '-';
	p = report_put_u64(p, n / 1000);
	*p++ = '.';
	*p++ = (char)('0' + n / 100 % 10);
	*p++ = (char)('0' + n / 10 % 10);
	*p++ = (char)('0' + n % 10);
	return p;
}

char *report_put_seconds(char *p, double x)
{
	char buf[REPORT_NUM_MAX], *end;
	size_t n;

	if (isnan(x))
		return p;
	if ((end = put_fixed3(p, x)))
		return end;
	n = strlen(fmt_num(buf, "%.3f", x));
	memcpy(p, buf, n);
	return p + n;
}

const char *report_fmt_seconds(char *buf, double x)
{
	char *end;

	if (!isnan(x) && (end = put_fixed3(buf, x))) {
		*end = '\0';
		return buf;
	}
	return fmt_num(buf, "%.3f", x);
}

const char *report_fmt_time(char *buf, int64_t unix_s)
{
	time_t tt = (time_t)unix_s;
	struct tm tm;

	if (!gmtime_r(&tt, &tm)) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, REPORT_NUM_MAX, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}

/* Append the part file at path to out, then remove it. */
int report_csv_append(report_csv *out, const char *path, err *e)
{
	char buf[1 << 16];
	size_t n;
	FILE *in = fopen(path, "r");

	if (!in)
		return report_sys_err(e, path);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out->fp) != n) {
			fclose(in);
			return report_sys_err(e, out->path);
		}
	if (ferror(in)) {
		int saved = errno;
		fclose(in);
		errno = saved;
		return report_sys_err(e, path);
	}
	if (fclose(in) || unlink(path))
		return report_sys_err(e, path);
	return 0;
}
