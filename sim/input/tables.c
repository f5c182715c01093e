/* tables.c: the CSV tables of a scenario, read through libcsv in blocks.
 * libcsv does not count lines, so the file is cut into physical lines here
 * and fed one line at a time: a record starts on the line fed while no
 * record is open, which keeps "PATH:LINE" right across comment lines, blank
 * lines and quoted fields that span lines.  Owns nothing after it returns
 * except the arrays it hands to its caller. */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "mem.h"
#include "input/tables.h"
#include "tz.h"
#include "stop.h"

#define MAX_FIELDS 64

typedef struct reader {
	const char *path;
	const char *const *header;
	size_t ncols_min, ncols_max; /* header names accepted: a prefix of header */
	size_t ncols;                /* columns of this file (after its header) */
	table_row_fn row;
	void *ctx;
	err *e;
	int rc;                      /* nonzero: stop, e is set */
	bool have_header;
	bool in_record;
	int line, rec_line;          /* physical line fed; first line of the record */
	char *fields[MAX_FIELDS];
	size_t nfields;              /* fields seen in the record (may exceed stored) */
	size_t rec_bytes;            /* bytes of the record's lines fed so far */
} reader;

static void drop_fields(reader *r)
{
	for (size_t i = 0; i < r->nfields && i < MAX_FIELDS; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

static void on_field(void *s, size_t len, void *data)
{
	reader *r = data;
	char *copy;

	if (r->rc)
		return;
	if (r->nfields < MAX_FIELDS) {
		copy = mem_alloc(len + 1);
		if (!copy) {
			r->rc = err_oom(r->e, r->path, r->rec_line, "the table");
			return;
		}
		if (len)
			memcpy(copy, s, len);
		copy[len] = '\0';
		r->fields[r->nfields] = copy;
	}
	r->nfields++;
}

/* Expected header as text "a,b" for messages. */
static void header_text(const reader *r, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->ncols_max && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? "," : "", r->header[i]);
}

static int check_header(reader *r)
{
	char want[256];
	bool ok = r->nfields >= r->ncols_min && r->nfields <= r->ncols_max;

	for (size_t i = 0; ok && i < r->nfields; i++)
		ok = !strcmp(r->fields[i], r->header[i]);
	if (ok) {
		r->ncols = r->nfields;
		r->have_header = true;
		return 0;
	}
	header_text(r, want, sizeof(want));
	return err_set(r->e, r->path, r->rec_line, "bad header '%s%s': expected '%s'",
		       r->nfields ? r->fields[0] : "", r->nfields > 1 ? ",..." : "", want);
}

static void on_record(int c, void *data)
{
	reader *r = data;
	srcloc at = { r->path, r->rec_line };

	(void)c;
	r->in_record = false;
	if (r->rc) {
		drop_fields(r);
		return;
	}
	if (!r->have_header)
		r->rc = check_header(r);
	else if (r->nfields != r->ncols)
		r->rc = err_at(r->e, at, "%zu fields, expected %zu", r->nfields, r->ncols);
	else
		r->rc = r->row(r->ctx, r->fields, r->nfields, at, r->e);
	drop_fields(r);
}

/* Blank lines and '#' comments between records are not CSV. */
static bool skip_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i == len || s[i] == '#';
}

static void feed_line(reader *r, struct csv_parser *p, const char *s, size_t len)
{
	r->line++;
	if (!(r->line % 4096) && sim_stopping()) {
		r->rc = err_stopped(r->e, r->path, r->line);
		return;
	}
	if (r->line == 1 && len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3)) {
		s += 3; /* a UTF-8 byte order mark */
		len -= 3;
	}
	size_t body = len; /* without the line end */
	while (body > 0 && (s[body - 1] == '\n' || s[body - 1] == '\r'))
		body--;
	if (body > TABLE_LINE_MAX) {
		r->rc = err_set(r->e, r->path, r->line, "line longer than %d bytes", TABLE_LINE_MAX);
		return;
	}
	if (!r->in_record && skip_line(s, len))
		return;
	if (!r->in_record) {
		r->in_record = true;
		r->rec_line = r->line;
		r->rec_bytes = 0;
	}
	/* earlier lines of the record count with their line ends */
	if (r->rec_bytes + body > TABLE_RECORD_MAX) {
		r->rc = err_set(r->e, r->path, r->line, "a record longer than %d bytes (a quote "
				"that is not closed?)", TABLE_RECORD_MAX);
		return;
	}
	r->rec_bytes += len;
	if (csv_parse(p, s, len, on_field, on_record, r) != len && !r->rc)
		r->rc = err_set(r->e, r->path, r->line, "malformed CSV: a quote inside an "
				"unquoted field, or text after a closing quote (%s)",
				csv_strerror(csv_error(p)));
}

/* Cut the stream into lines (a line may span blocks) and feed them. */
static int feed_file(reader *r, struct csv_parser *p, FILE *f)
{
	char block[8192], *line = NULL;
	size_t got, llen = 0, lcap = 0;

	while (!r->rc && (got = fread(block, 1, sizeof(block), f)) > 0) {
		for (size_t i = 0; i < got && !r->rc;) {
			const char *nl = memchr(block + i, '\n', got - i);
			size_t take = nl ? (size_t)(nl - block) + 1 - i : got - i;
			if (memchr(block + i, '\0', take)) {
				free(line);
				return r->rc = err_set(r->e, r->path, r->line + 1, "NUL byte in "
						       "the line: not a text file?");
			}
			/* the limit and a '\r' (feed_line checks the exact length) */
			if (llen + take - (nl != NULL) > TABLE_LINE_MAX + 1) {
				free(line);
				return r->rc = err_set(r->e, r->path, r->line + 1, "line longer "
						       "than %d bytes", TABLE_LINE_MAX);
			}
			if (llen + take > lcap) {
				size_t cap = (llen + take) * 2;
				char *grown = mem_realloc(line, cap);
				if (!grown) {
					free(line);
					return r->rc = err_oom(r->e, r->path, r->line + 1, "the table");
				}
				line = grown;
				lcap = cap;
			}
			memcpy(line + llen, block + i, take);
			llen += take;
			i += take;
			if (nl) {
				feed_line(r, p, line, llen);
				llen = 0;
			}
		}
	}
	if (!r->rc && ferror(f) && sim_stopping()) /* EINTR */
		r->rc = err_stopped(r->e, r->path, r->line + 1);
	if (!r->rc && ferror(f))
		r->rc = err_set(r->e, r->path, 0, "read error: %s", strerror(errno));
	if (!r->rc && llen)
		feed_line(r, p, line, llen);
	free(line);
	return r->rc;
}

static int read_table(const char *path, const char *const *header, size_t min, size_t max,
		      table_row_fn row, void *ctx, err *e)
{
	reader r = { path, header, min, max, 0, row, ctx, e, 0, false, false, 0, 0, { 0 }, 0, 0 };
	struct csv_parser p;
	FILE *f = fopen(path, "rb");

	if (!f && errno == ENOMEM)
		return err_oom(e, path, 0, "the table");
	if (!f)
		return err_set(e, path, 0, "cannot open: %s", strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
		fclose(f);
		return err_oom(e, path, 0, "the table");
	}
	feed_file(&r, &p, f);
	if (!r.rc && csv_fini(&p, on_field, on_record, &r) && !r.rc)
		r.rc = err_set(e, path, r.rec_line, "malformed CSV: %s (a quote is not closed)",
			       csv_strerror(csv_error(&p)));
	drop_fields(&r);
	csv_free(&p);
	if (fclose(f) && !r.rc)
		r.rc = err_set(e, path, 0, "cannot read: %s", strerror(errno));
	if (!r.rc && !r.have_header) {
		char want[256];
		header_text(&r, want, sizeof(want));
		r.rc = err_set(e, path, 0, "empty table: expected a header '%s'", want);
	}
	return r.rc ? -1 : 0;
}

int table_read(const char *path, const char *const *header, size_t ncols,
	       table_row_fn row, void *ctx, err *e)
{
	return read_table(path, header, ncols, ncols, row, ctx, e);
}

/* Make room for one more element in a malloc'ed array. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	return mem_grow(arr, cap, n + 1, size, 64);
}

typedef struct profile_ctx {
	double w[168];
	int line[168]; /* where each hour was given; 0: not yet */
} profile_ctx;

static int profile_row(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	profile_ctx *c = ctx;
	long long hour;
	double w;

	(void)nf;
	if (val_int(f[0], 0, 167, &hour, at, e) || val_number(f[1], 0, HUGE_VAL, &w, at, e))
		return -1;
	if (c->line[hour])
		return err_at(e, at, "hour %lld given twice (first at line %d)", hour, c->line[hour]);
	c->line[hour] = at.line;
	c->w[hour] = w;
	return 0;
}

int table_profile(const char *path, double weights[168], err *e)
{
	static const char *const hdr[] = { "hour", "weight" };
	profile_ctx c = { { 0 }, { 0 } };
	double sum = 0;

	if (table_read(path, hdr, 2, profile_row, &c, e))
		return -1;
	for (int h = 0; h < 168; h++) {
		if (!c.line[h])
			return err_set(e, path, 0, "hour %d missing: expected 168 rows, hours "
				       "0..167 each once", h);
		sum += c.w[h];
	}
	if (!(sum > 0) || !isfinite(sum))
		return err_set(e, path, 0, "weights sum to %g: expected a positive finite sum", sum);
	for (int h = 0; h < 168; h++)
		weights[h] = c.w[h] * 168 / sum;
	return 0;
}

typedef struct surge_ctx {
	void *days, *mult; /* int64_t, double */
	size_t n, cap, cap2;
	const char *zone;  /* of dates and local date-times; NULL: UTC */
} surge_ctx;

/* A surge row's time: an instant (2026-04-27T00:00Z, or with an offset), a
 * local date-time (2026-04-27T09:00) or a date (its 00:00), both in zone. */
static int surge_when(const surge_ctx *c, const char *s, int64_t *t, srcloc at, err *e)
{
	size_t n = strlen(s);
	civil d;

	int bad;

	if (n > 16 && (s[n - 1] == 'Z' || s[n - 6] == '+' || s[n - 6] == '-'))
		bad = val_instant(s, t, at, NULL);
	else
		bad = n > 10 ? val_local(s, &d, at, NULL) : val_date(s, &d, at, NULL);
	if (bad)
		return err_at(e, at, "bad date '%s': expected a date YYYY-MM-DD, a local date-time "
			      "YYYY-MM-DDTHH:MM or an instant YYYY-MM-DDTHH:MMZ (or +02:00)", s);
	if (n > 16 && (s[n - 1] == 'Z' || s[n - 6] == '+' || s[n - 6] == '-'))
		return 0;
	*t = c->zone ? tz_to_utc(c->zone, d)
		     : civil_days(d.year, d.month, d.day) * 86400 + d.hour * 3600 + d.min * 60 + d.sec;
	return 0;
}

static int surge_row(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	surge_ctx *c = ctx;
	double m;

	int64_t t;

	(void)nf;
	if (surge_when(c, f[0], &t, at, e) || val_number(f[1], 0, HUGE_VAL, &m, at, e))
		return -1;
	if (c->n && t <= ((int64_t *)c->days)[c->n - 1])
		return err_at(e, at, "date %s is not after the previous row's: dates must ascend",
			      f[0]);
	if (grow(&c->days, &c->cap, c->n, sizeof(int64_t)) ||
	    grow(&c->mult, &c->cap2, c->n, sizeof(double)))
		return err_oom_at(e, at, "the table");
	((int64_t *)c->days)[c->n] = t;
	((double *)c->mult)[c->n++] = m;
	return 0;
}

int table_surge(const char *path, int64_t **days_unix, double **mult, size_t *n, err *e)
{
	return table_surge_in(path, NULL, days_unix, mult, n, e);
}

int table_surge_in(const char *path, const char *zone, int64_t **days_unix, double **mult,
		   size_t *n, err *e)
{
	static const char *const hdr[] = { "date", "multiplier" };
	surge_ctx c = { NULL, NULL, 0, 0, 0, zone };

	if (table_read(path, hdr, 2, surge_row, &c, e))
		goto fail;
	if (!c.n) {
		err_set(e, path, 0, "no rows: expected at least one date,multiplier row");
		goto fail;
	}
	*days_unix = c.days;
	*mult = c.mult;
	*n = c.n;
	return 0;
fail:
	free(c.days);
	free(c.mult);
	return -1;
}

typedef struct vec_ctx {
	void *v;
	size_t n, cap;
} vec_ctx;

static int duration_row(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	vec_ctx *c = ctx;
	double v;

	(void)nf;
	if (val_number(f[0], 0, HUGE_VAL, &v, at, NULL) && val_duration(f[0], &v, at, NULL))
		return err_at(e, at, "bad duration '%s': expected seconds (>= 0) or a number "
			      "and a unit (s, min, h, d, w)", f[0]);
	if (grow(&c->v, &c->cap, c->n, sizeof(double)))
		return err_oom_at(e, at, "the table");
	((double *)c->v)[c->n++] = v;
	return 0;
}

/* A vector table: read, require a row, hand the array over. */
static int read_vec(const char *path, const char *const *hdr, size_t min, size_t max,
		    table_row_fn row, void **out, size_t *n, err *e)
{
	vec_ctx c = { NULL, 0, 0 };

	if (read_table(path, hdr, min, max, row, &c, e)) {
		free(c.v);
		return -1;
	}
	if (!c.n) {
		free(c.v);
		return err_set(e, path, 0, "no rows: expected at least one row below the header");
	}
	*out = c.v;
	*n = c.n;
	return 0;
}

int table_durations(const char *path, double **values, size_t *n, err *e)
{
	static const char *const hdr[] = { "duration" };
	void *v = NULL;

	if (read_vec(path, hdr, 1, 1, duration_row, &v, n, e))
		return -1;
	*values = v;
	return 0;
}

static int roster_row_fn(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	vec_ctx *c = ctx;
	roster_row r;
	long long agents;

	(void)nf;
	if (val_local(f[0], &r.start, at, e) || val_local(f[1], &r.end, at, e) ||
	    val_int(f[2], 0, 100000, &agents, at, e))
		return -1;
	int64_t s = civil_days(r.start.year, r.start.month, r.start.day) * 86400 +
		    r.start.hour * 3600 + r.start.min * 60 + r.start.sec;
	int64_t t = civil_days(r.end.year, r.end.month, r.end.day) * 86400 +
		    r.end.hour * 3600 + r.end.min * 60 + r.end.sec;
	if (t <= s)
		return err_at(e, at, "end %s is not after start %s", f[1], f[0]);
	r.agents = (int)agents;
	if (grow(&c->v, &c->cap, c->n, sizeof(r)))
		return err_oom_at(e, at, "the table");
	((roster_row *)c->v)[c->n++] = r;
	return 0;
}

int table_roster(const char *path, roster_row **rows, size_t *n, err *e)
{
	static const char *const hdr[] = { "start", "end", "agents" };
	void *v = NULL;

	if (read_vec(path, hdr, 3, 3, roster_row_fn, &v, n, e))
		return -1;
	*rows = v;
	return 0;
}

static int holiday_row(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	vec_ctx *c = ctx;
	civil d;

	(void)nf;
	if (val_date(f[0], &d, at, e))
		return -1;
	if (grow(&c->v, &c->cap, c->n, sizeof(d)))
		return err_oom_at(e, at, "the table");
	((civil *)c->v)[c->n++] = d;
	return 0;
}

int table_holidays(const char *path, civil **dates, size_t *n, err *e)
{
	static const char *const hdr[] = { "date", "name" };
	vec_ctx c = { NULL, 0, 0 };

	/* no rows is fine: a year without holidays */
	if (read_table(path, hdr, 1, 2, holiday_row, &c, e)) {
		free(c.v);
		return -1;
	}
	*dates = c.v;
	*n = c.n;
	return 0;
}

typedef struct instant_ctx {
	vec_ctx v;
	int64_t start;
	double horizon_s;
} instant_ctx;

static int instant_row(void *ctx, char **f, size_t nf, srcloc at, err *e)
{
	instant_ctx *c = ctx;
	int64_t t;

	(void)nf;
	if (val_instant(f[0], &t, at, e))
		return -1;
	double u = (double)(t - c->start);
	if (u < 0 || u >= c->horizon_s)
		return err_at(e, at, "instant %s is outside the horizon [start, start + duration)",
			      f[0]);
	if (c->v.n && u < ((double *)c->v.v)[c->v.n - 1])
		return err_at(e, at, "instant %s is before the previous row's: instants must "
			      "ascend", f[0]);
	if (grow(&c->v.v, &c->v.cap, c->v.n, sizeof(double)))
		return err_oom_at(e, at, "the table");
	((double *)c->v.v)[c->v.n++] = u;
	return 0;
}

int table_instants(const char *path, int64_t start_unix, double horizon_s, double **out,
		   size_t *n, err *e)
{
	static const char *const hdr[] = { "time" };
	instant_ctx c = { { NULL, 0, 0 }, start_unix, horizon_s };

	if (table_read(path, hdr, 1, instant_row, &c, e)) {
		free(c.v.v);
		return -1;
	}
	if (!c.v.n) {
		free(c.v.v);
		return err_set(e, path, 0, "no rows: expected at least one instant below the "
			       "header 'time'");
	}
	*out = c.v.v;
	*n = c.v.n;
	return 0;
}
