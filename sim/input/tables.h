/* tables.h: the CSV tables a scenario names (profiles, surges, empirical
 * samples, rosters, holidays, arrival instants), read through libcsv.  A problem is reported
 * as "PATH:LINE: what is wrong" (line of the CSV, 1-based, header = line 1),
 * or "PATH: ..." for a missing or unreadable file.  Lines starting with '#'
 * are comments; blank lines are skipped; the first other line is the header,
 * which must name the expected columns in order.
 * A line holds at most TABLE_LINE_MAX bytes and a record at most
 * TABLE_RECORD_MAX (a quoted field may span lines: all its lines count);
 * a NUL byte is refused: each at its line, without reading on. */
#ifndef SUPSIM_TABLES_H
#define SUPSIM_TABLES_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "input/values.h"

#define TABLE_LINE_MAX 4096
#define TABLE_RECORD_MAX 4096

/* Generic reader: calls row(ctx, fields, nfields, at, e) for each data row
 * (fields NUL-terminated, valid during the call); a nonzero return stops
 * the read and is returned.  The header must be exactly `header` (ncols
 * names); every row must have ncols fields. */
typedef int (*table_row_fn)(void *ctx, char **fields, size_t nfields, srcloc at, err *e);
int table_read(const char *path, const char *const *header, size_t ncols,
	       table_row_fn row, void *ctx, err *e);

/* Profile: header "hour,weight", exactly 168 rows, hours 0..167 each once,
 * weights >= 0 and not all 0; scaled so that their mean is 1. */
int table_profile(const char *path, double weights[168], err *e);

/* Surge: header "date,multiplier", dates ascending, multipliers >= 0.
 * *days_unix and *mult are malloc'ed (caller frees); n >= 1. */
int table_surge(const char *path, int64_t **days_unix, double **mult, size_t *n, err *e);
/* The same, each row's `date` being a date (00:00 in zone), a local
 * date-time "2026-04-27T09:00" (in zone) or an instant "2026-04-27T00:00Z"
 * (or with an offset, +02:00); zone NULL: UTC.  Rows strictly ascend as
 * instants; *days_unix holds the rows' instants. */
int table_surge_in(const char *path, const char *zone, int64_t **days_unix, double **mult,
		   size_t *n, err *e);

/* Empirical sample: header "duration", each cell a duration with a unit
 * ("12min") or a plain number of seconds; n >= 1.  *values malloc'ed. */
int table_durations(const char *path, double **values, size_t *n, err *e);

/* Roster: header "start,end,agents", local date-times (YYYY-MM-DDTHH:MM)
 * in the team's zone, end > start, agents >= 0.  *rows malloc'ed. */
typedef struct roster_row {
	civil start, end;
	int agents;
} roster_row;
int table_roster(const char *path, roster_row **rows, size_t *n, err *e);

/* Arrival instants: header "time", ISO 8601 instants (as in [scenario]
 * start) that do not descend, each in [start_unix, start_unix + horizon_s);
 * n >= 1.  *out malloc'ed: seconds since start_unix. */
int table_instants(const char *path, int64_t start_unix, double horizon_s, double **out,
		   size_t *n, err *e);

/* Holidays: header "date" (a second column "name" is allowed). */
int table_holidays(const char *path, civil **dates, size_t *n, err *e);

#endif
