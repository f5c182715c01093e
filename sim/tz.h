/* tz.h: civil times, and IANA time zones from the system's tzdata (daylight
 * saving included).  Part of the shared base (err, stop, random, tz: every
 * layer may use it, it uses none): the loader places calendars with it, and
 * check's text and hourly.csv show instants in a team's zone.  Never used in
 * the event loop.  Not thread-safe (it switches the process's TZ and restores it).  A zone is
 * loaded once and kept while the same zone is asked for again (no tzset per
 * call); other code's tzset/localtime in between is noticed and the zone is
 * loaded again.  `zone` NULL or "" means UTC; a zone that fails tz_valid is
 * read by glibc as UTC, so callers check names with tz_valid first. */
#ifndef SUPSIM_TZ_H
#define SUPSIM_TZ_H

#include <stdint.h>

/* A civil date or date-time without zone, as in windows, holidays and
 * rosters.  wday: 0 = Monday .. 6 = Sunday (filled by val_date/val_local). */
typedef struct civil {
	int year, month, day;   /* 1-based month and day */
	int hour, min, sec;
	int wday;
} civil;
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t civil_days(int year, int month, int day);
/* The civil date of a day number; fills year, month, day, wday; time 0. */
civil civil_from_days(int64_t days);

/* The longest zone name + 1 (model.h's SIM_NAME_MAX, checked in model.c). */
#define TZ_NAME_MAX 64

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
