/* tz.h: IANA time zones from the system's tzdata (daylight saving included).
 * Used only while the model is built, never in the event loop.  Not
 * thread-safe (it switches the process's TZ and restores it).  A zone is
 * loaded once and kept while the same zone is asked for again (no tzset per
 * call); other code's tzset/localtime in between is noticed and the zone is
 * loaded again.  `zone` NULL or "" means UTC; a zone that fails tz_valid is
 * read by glibc as UTC, so callers check names with tz_valid first. */
#ifndef SUPSIM_TZ_H
#define SUPSIM_TZ_H

#include <stdint.h>

#include "input/values.h"

/* 0 when `name` is a zone of the system's tzdata ("UTC", "Europe/Paris"),
 * -1 otherwise.  Names with "..", a leading '/' or other than
 * [A-Za-z0-9_+-/] are refused. */
int tz_valid(const char *name);

/* Local civil time in `zone` of a Unix instant; fills wday (0 = Monday). */
civil tz_to_local(const char *zone, int64_t utc);
/* Offset of the zone from UTC at that instant, seconds east (+3600 for CET). */
int tz_offset(const char *zone, int64_t utc);
/* The Unix instant of a local civil time in `zone`.  A time skipped by a
 * spring-forward change maps to the instant the clocks jumped from + the
 * skipped amount (as if the old offset still held: 02:30 -> 03:30 local);
 * an ambiguous time (autumn) maps to its first occurrence. */
int64_t tz_to_utc(const char *zone, civil local);

#endif
