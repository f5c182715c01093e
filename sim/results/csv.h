/* csv.h: the CSV files of the results folder (folder.h), through libcsv:
 * flushed, fsync'ed, closed and checked; every error names its file.
 * Numbers are locale-independent: counts "%.10g", shares "%.6g", seconds
 * and hours "%.3f"; undefined values are empty.  A file is used by one
 * thread at a time. */
#ifndef SUPSIM_CSV_H
#define SUPSIM_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "results/folder.h"

#define REPORT_NUM_MAX 64 /* room for any formatted number */

/* One CSV file inside the temporary folder. */
typedef struct report_csv report_csv;
/* Create NAME (a plain file name) with its header row; NULL with e set. */
report_csv *report_csv_open(report *r, const char *name, const char *const *header,
			    size_t ncols, err *e);
/* One row of n fields (NULL or "" = empty field); a field with a comma,
 * quote, CR or LF is quoted by libcsv (RFC 4180).  Rows end with LF. */
int report_csv_row(report_csv *f, const char *const *fields, size_t n, err *e);
/* Flush, fsync, close, free; 0 or -1 with e set (the file is freed either
 * way).  Accepts NULL (returns 0). */
int report_csv_close(report_csv *f, err *e);

/* Formatting into buf[REPORT_NUM_MAX]; "" when x is NAN; returns buf. */
const char *report_fmt_count(char *buf, double x);   /* %.10g */
const char *report_fmt_share(char *buf, double x);   /* %.6g */
const char *report_fmt_seconds(char *buf, double x); /* %.3f (also hours) */
/* The same texts written at p, returning the end (no terminating NUL), for
 * rows assembled in a buffer (tickets.csv): report_put_seconds writes
 * exactly report_fmt_seconds' text (nothing for NAN) with integer
 * arithmetic below 2^43 s, report_put_u64 "%" PRIu64, and
 * report_put_field a field as report_csv_row writes it (quoted when it
 * holds a comma, quote, CR or LF), needing 2 strlen(s) + 2 bytes. */
char *report_put_seconds(char *p, double x);
char *report_put_u64(char *p, uint64_t v);
char *report_put_field(char *p, const char *s);
/* Write n bytes of ready CSV text (whole rows); 0 or -1 with e set. */
int report_csv_write(report_csv *f, const char *s, size_t n, err *e);
/* ISO 8601 UTC "YYYY-MM-DDTHH:MM:SSZ" of a Unix time. */
const char *report_fmt_time(char *buf, int64_t unix_s);

/* An empty file NAME in the temporary folder, no header row (the parts of
 * tickets.csv); NULL with e set. */
report_csv *report_csv_open_in(report *r, const char *name, err *e);
/* Append the file at path (a part of tickets.csv) to out, then remove it;
 * 0 or -1 with e set. */
int report_csv_append(report_csv *out, const char *path, err *e);

#endif
