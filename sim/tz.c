/* tz.c: IANA zones through glibc and the system tzdata.  A zone is loaded
 * by pointing TZ at it, calling tzset once, and putting the caller's TZ back
 * at once: glibc's localtime_r keeps using the rules loaded last without
 * re-reading TZ, so repeated calls for the same zone cost no tzset.  Local
 * to UTC is solved here from localtime_r offsets (not mktime), so that the
 * gap and overlap rule of tz.h holds exactly on every libc version. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "mem.h"
#include "tz.h"

/* The zone glibc's state holds, and the globals tzset/localtime_r left
 * behind: if other code called tzset, localtime or mktime since, they
 * differ and the zone is loaded again. */
static char loaded[TZ_NAME_MAX];
static char *loaded_name[2];
static long loaded_timezone;

static const char *zone_dir(void)
{
	const char *d = getenv("TZDIR");

	return d && d[0] ? d : "/usr/share/zoneinfo";
}

int tz_valid(const char *name)
{
	char magic[4];
	size_t len = name ? strlen(name) : 0;

	if (!len || len >= TZ_NAME_MAX || name[0] == '/' || strstr(name, ".."))
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '+' || c == '-' || c == '/'))
			return -1;
	}
	/* the name is opened below $TZDIR's folder (no path to build: a long
	 * TZDIR is never cut, and nothing is allocated) */
	int dir = open(zone_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return -1;
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
	close(dir);
	if (fd < 0)
		return -1;
	ssize_t got = read(fd, magic, sizeof(magic));
	if (close(fd) || got != (ssize_t)sizeof(magic) || memcmp(magic, "TZif", 4))
		return -1;
	return 0;
}

static void remember(void)
{
	loaded_name[0] = tzname[0];
	loaded_name[1] = tzname[1];
	loaded_timezone = timezone;
}

/* Make `zone` (NULL or "": UTC) the rules localtime_r uses. */
static void use_zone(const char *zone)
{
	char spec[TZ_NAME_MAX + 1], saved[256], *old = NULL;
	const char *cur;
	bool put_back = true;

	if (!zone || !zone[0])
		zone = "UTC";
	if (!strcmp(loaded, zone) && tzname[0] == loaded_name[0] &&
	    tzname[1] == loaded_name[1] && timezone == loaded_timezone)
		return;
	/* the caller's TZ, copied (setenv may free it): on the stack when it
	 * fits; a longer one that cannot be copied (out of memory) is not put
	 * back, so that the zone asked for is still the one used */
	cur = getenv("TZ");
	if (cur && strlen(cur) < sizeof(saved))
		old = strcpy(saved, cur);
	else if (cur)
		old = mem_strdup(cur);
	if (cur && !old)
		put_back = false;
	snprintf(spec, sizeof(spec), ":%s", zone);
	if (!setenv("TZ", spec, 1)) {
		tzset();
		snprintf(loaded, sizeof(loaded), "%s", zone);
		remember();
	}
	/* restoring TZ does not reload: glibc rereads it only in tzset */
	if (put_back && (old ? setenv("TZ", old, 1) : unsetenv("TZ")))
		loaded[0] = '\0';
	if (old != saved)
		free(old);
}

/* Local time as seconds since 1970 read as UTC ("local seconds"). */
static int64_t local_secs(const struct tm *tm)
{
	return civil_days(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday) * 86400 +
	       tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

static bool to_tm(const char *zone, int64_t utc, struct tm *tm)
{
	time_t t = (time_t)utc;
	bool ok;

	use_zone(zone);
	ok = localtime_r(&t, tm) != NULL;
	remember();
	return ok;
}

civil tz_to_local(const char *zone, int64_t utc)
{
	struct tm tm;
	civil c = { 0 };

	if (!to_tm(zone, utc, &tm))
		return civil_from_days(utc / 86400);
	c.year = tm.tm_year + 1900;
	c.month = tm.tm_mon + 1;
	c.day = tm.tm_mday;
	c.hour = tm.tm_hour;
	c.min = tm.tm_min;
	c.sec = tm.tm_sec;
	c.wday = (tm.tm_wday + 6) % 7;
	return c;
}

int tz_offset(const char *zone, int64_t utc)
{
	struct tm tm;

	if (!to_tm(zone, utc, &tm))
		return 0;
	return (int)(local_secs(&tm) - utc);
}

/* The instant t with t + offset(t) == local seconds L solves L - o for an
 * offset o in force on either side of L (transitions are months apart).
 * Two solutions: the overlap, take the first; none: the gap, where the
 * offset before the change still holds. */
int64_t tz_to_utc(const char *zone, civil local)
{
	int64_t L = civil_days(local.year, local.month, local.day) * 86400 +
		    local.hour * 3600 + local.min * 60 + local.sec;
	int before = tz_offset(zone, L - 86400);
	int cand[3] = { before, tz_offset(zone, L), tz_offset(zone, L + 86400) };
	int64_t best = 0;
	bool found = false;

	for (int i = 0; i < 3; i++) {
		int64_t t = L - cand[i];
		if (tz_offset(zone, t) == cand[i] && (!found || t < best)) {
			best = t;
			found = true;
		}
	}
	return found ? best : L - before;
}

/* Days from 1970-01-01 (Howard Hinnant's days_from_civil). */
int64_t civil_days(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

civil civil_from_days(int64_t days)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	civil c = { 0 };

	c.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c.year = (int)(yoe + era * 400 + (c.month <= 2));
	c.wday = (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
	return c;
}
