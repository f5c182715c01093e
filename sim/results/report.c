/* report.c: the atomic results folder and the CSV files in it (report.h).
 * Owns the temporary folder from report_begin to commit/abort, the open
 * files, and the aggregation of the tallies into rows (replication order,
 * fixed summation order: the bytes depend on the inputs only). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <csv.h>

#include "results/report.h"
#include "results/stats.h"
#include "stop.h"

struct report {
	char dir[PATH_MAX];    /* the results folder as given, no trailing '/' */
	char parent[PATH_MAX]; /* its parent folder */
	char base[NAME_MAX + 1];
	char tmp[PATH_MAX];    /* parent/.BASE.tmp-PID-N */
	unsigned n;            /* the N of tmp (and of .BASE.old-PID-N) */
	int lock_fd;           /* tmp's marker, flock'ed while the run lives */
};

struct report_csv {
	FILE *fp;
	char path[PATH_MAX];
};

static int sys_err(err *e, const char *path)
{
	return err_set(e, path, 0, "%s", strerror(errno));
}

/* dir/name into out[PATH_MAX]; -1 with errno ENAMETOOLONG when too long. */
static int path_join(char *out, const char *dir, const char *name)
{
	if (snprintf(out, PATH_MAX, "%s/%s", dir, name) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* ---- removing folders ---- */

/* The top folder's own marker is kept for last (rm_tree). */
static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	if (ftw->level == 1 && !strcmp(path + ftw->base, REPORT_MARKER))
		return 0;
	if (flag == FTW_DP && ftw->level == 0) {
		char marker[PATH_MAX];
		if (!path_join(marker, path, REPORT_MARKER) && unlink(marker) && errno != ENOENT)
			return -1;
	}
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) ? -1 : 0;
}

/* Remove path and everything below it (symbolic links are not followed).
 * Its marker goes last: a removal cut short by a kill leaves a folder that
 * still says whose it is, so the next run removes it at once instead of
 * waiting to be sure an unmarked folder is dead. */
static int rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- the folder ---- */

static int mkdir_p(char *path, err *e)
{
	struct stat st;

	if (!stat(path, &st))
		return S_ISDIR(st.st_mode) ? 0 : err_set(e, path, 0, "%s", strerror(ENOTDIR));
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int rc = mkdir(path, 0777);
		int saved = errno;
		*p = '/';
		if (rc && saved != EEXIST) {
			errno = saved;
			return sys_err(e, path);
		}
	}
	if (mkdir(path, 0777) && errno != EEXIST)
		return sys_err(e, path);
	return 0;
}

/* Split dir into parent and base; -1 when it names no folder we can make. */
static int split_dir(report *r, const char *dir, err *e)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0)
		return err_set(e, dir, 0, "not a usable results folder name");
	if (report_name_check(dir))
		return err_set(e, dir, 0, "name too long");
	memcpy(r->dir, dir, n);
	r->dir[n] = '\0';
	char *slash = strrchr(r->dir, '/');
	const char *base = slash ? slash + 1 : r->dir;
	if (!strcmp(base, ".") || !strcmp(base, "..") || !*base)
		return err_set(e, dir, 0, "not a usable results folder name");
	memcpy(r->base, base, strlen(base) + 1); /* fits: report_name_check */
	if (!slash)
		snprintf(r->parent, sizeof(r->parent), ".");
	else if (slash == r->dir)
		snprintf(r->parent, sizeof(r->parent), "/");
	else
		snprintf(r->parent, sizeof(r->parent), "%.*s", (int)(slash - r->dir), r->dir);
	return 0;
}

/* Whether name is a leftover ".BASE.tmp-PID-N", ".BASE.old-PID-N" or
 * ".BASE.new-PID-N" (1 tmp or new, 2 old, 0 neither); *pid gets its PID. */
static int leftover_kind(const report *r, const char *name, pid_t *pid)
{
	size_t bl = strlen(r->base);
	char *end;
	int kind;

	if (name[0] != '.' || strncmp(name + 1, r->base, bl))
		return 0;
	if (!strncmp(name + 1 + bl, ".tmp-", 5) || !strncmp(name + 1 + bl, ".new-", 5))
		kind = 1;
	else if (!strncmp(name + 1 + bl, ".old-", 5))
		kind = 2;
	else
		return 0;
	long v = strtol(name + bl + 6, &end, 10);
	if (v <= 0 || *end != '-')
		return 0;
	*pid = (pid_t)v;
	return kind;
}

/* Close fd after a failure, keeping that failure's errno; -1. */
static int close_failed(int fd)
{
	int saved = errno;

	(void)close(fd); /* the first failure is the one to say */
	errno = saved;
	return -1;
}

/* Whether path is a marker: a regular file (not a link) holding exactly
 * REPORT_MARKER_TEXT.  1 yes, 0 no (errno ENOENT when there is none), -1 on
 * an error reading it (errno set). */
static int marker_ok(const char *path)
{
	char buf[sizeof(REPORT_MARKER_TEXT) + 1];
	struct stat st;
	ssize_t got;
	size_t n = 0;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -1;
	if (!S_ISREG(st.st_mode) || st.st_size != (off_t)strlen(REPORT_MARKER_TEXT))
		return 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ELOOP ? 0 : -1;
	while (n < sizeof(buf) && (got = read(fd, buf + n, sizeof(buf) - n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			return close_failed(fd);
		}
		n += (size_t)got;
	}
	(void)close(fd); /* read-only: nothing to lose */
	return n == strlen(REPORT_MARKER_TEXT) && !memcmp(buf, REPORT_MARKER_TEXT, n);
}

/* Take the lock of the marker in folder dir: the fd holding it, -1 with
 * errno EWOULDBLOCK when a live run holds it (wait: block instead), -1 with
 * errno ENOENT when dir has no marker. */
static int lock_marker(const char *dir, int wait)
{
	char path[PATH_MAX];
	int fd;

	if (path_join(path, dir, REPORT_MARKER))
		return -1;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)))
		if (errno != EINTR)
			return close_failed(fd);
	return fd;
}

/* A leftover without a marker: a run killed between making its folder and
 * its marker (a live run makes it at once).  Dead when its PID is not
 * running here and the folder is older than a minute. */
static int dead_unmarked(const char *path, pid_t pid)
{
	struct stat st;

	if ((!kill(pid, 0) || errno != ESRCH) || lstat(path, &st))
		return 0;
	return time(NULL) - st.st_mtime > 60;
}

/* Remove the leftovers of dead runs; best effort (another run may race).
 * A run holds the lock of its temporary folder's marker (flock) while it
 * lives, and of its .old- folder's while that exists, so a folder whose
 * marker is locked belongs to a live run, whatever PID namespace or host it
 * runs in.  An .old- folder is the previous DIR moved aside: while DIR is
 * missing it is put back in DIR's place, never removed. */
static void remove_stale(const report *r)
{
	DIR *d = opendir(r->parent);
	struct dirent *de;
	struct stat st;

	if (!d)
		return;
	while ((de = readdir(d))) {
		pid_t pid;
		int kind = leftover_kind(r, de->d_name, &pid);
		char path[PATH_MAX];
		/* ours: alive (and where flock is emulated by POSIX locks, as on
		 * NFS, our own locks would not stop us) */
		if (!kind || pid == getpid() || path_join(path, r->parent, de->d_name))
			continue;
		int fd = lock_marker(path, 0);
		if (fd < 0 && (errno != ENOENT || !dead_unmarked(path, pid)))
			continue; /* live, or not ours to judge */
		if (kind == 2 && lstat(r->dir, &st) && errno == ENOENT)
			(void)rename(path, r->dir); /* best effort, as below */
		else
			(void)rm_tree(path); /* best effort: the next run tries again */
		if (fd >= 0)
			(void)close(fd); /* read-only: nothing to lose */
	}
	(void)closedir(d); /* read-only stream: nothing to lose */
}

/* Whether an existing dir may be replaced: empty, or holding the marker. */
static int check_replaceable(const report *r, err *e)
{
	struct stat st;
	char marker[PATH_MAX];
	DIR *d;
	struct dirent *de;
	int empty = 1;

	if (lstat(r->dir, &st))
		return errno == ENOENT ? 0 : sys_err(e, r->dir);
	if (!S_ISDIR(st.st_mode))
		return err_set(e, r->dir, 0, "%s", strerror(ENOTDIR));
	if (path_join(marker, r->dir, REPORT_MARKER))
		return sys_err(e, r->dir);
	int ok = marker_ok(marker);
	if (ok < 0)
		return sys_err(e, marker);
	if (ok)
		return 0;
	d = opendir(r->dir);
	if (!d)
		return sys_err(e, r->dir);
	while (empty && (de = readdir(d)))
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	if (closedir(d))
		return sys_err(e, r->dir);
	if (!empty)
		return err_set(e, r->dir, 0,
			       "exists and is not a supsim results folder (no %s in it); "
			       "not replacing it", REPORT_MARKER);
	return 0;
}

/* Make the marker in tmp, take its lock and keep it (r->lock_fd).  It is
 * made under another name and renamed once locked: a marker is never seen
 * unlocked while its run lives. */
static int make_marker(report *r, err *e)
{
	char path[PATH_MAX], fresh[PATH_MAX];
	const char *text = REPORT_MARKER_TEXT;
	size_t n = strlen(text), done = 0;

	if (path_join(path, r->tmp, REPORT_MARKER) || path_join(fresh, r->tmp, ".supsim-new"))
		return sys_err(e, r->tmp);
	r->lock_fd = open(fresh, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (r->lock_fd < 0)
		return sys_err(e, fresh);
	while (flock(r->lock_fd, LOCK_EX))
		if (errno != EINTR)
			return sys_err(e, fresh);
	while (done < n) {
		ssize_t got = write(r->lock_fd, text + done, n - done);
		if (got < 0 && errno != EINTR)
			return sys_err(e, fresh);
		done += got > 0 ? (size_t)got : 0;
	}
	if (fsync(r->lock_fd))
		return sys_err(e, fresh);
	if (rename(fresh, path))
		return sys_err(e, path);
	return 0;
}

int report_name_check(const char *dir)
{
	/* the longest name made from dir: parent/.BASE.old-PID-N/.supsim and
	 * its own files (tickets.P.R.part) stay below PATH_MAX */
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	const char *slash = memrchr(dir, '/', n);
	size_t base = slash ? n - (size_t)(slash - dir) - 1 : n;

	return n + 96 >= PATH_MAX || base + 32 > NAME_MAX ? -1 : 0;
}

int report_check(const char *dir, err *e)
{
	report r = { .lock_fd = -1 };

	if (split_dir(&r, dir, e) || mkdir_p(r.parent, e) || check_replaceable(&r, e))
		return -1;
	return 0;
}

report *report_begin(const char *dir, err *e)
{
	static unsigned counter;
	report *r = calloc(1, sizeof(*r));

	if (!r) {
		err_set(e, dir, 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	r->lock_fd = -1;
	if (split_dir(r, dir, e) || mkdir_p(r->parent, e) || check_replaceable(r, e))
		goto fail;
	remove_stale(r);
	/* the name may be taken by a run with the same PID in another PID
	 * namespace: then try the next N */
	char tmp[PATH_MAX];
	for (int tries = 0;; tries++) {
		r->n = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
		if (snprintf(r->tmp, sizeof(r->tmp), "%s/.%s.new-%ld-%u", r->parent, r->base,
			     (long)getpid(), r->n) >= (int)sizeof(r->tmp) ||
		    snprintf(tmp, sizeof(tmp), "%s/.%s.tmp-%ld-%u", r->parent, r->base,
			     (long)getpid(), r->n) >= (int)sizeof(tmp)) {
			err_set(e, dir, 0, "name too long");
			goto fail;
		}
		if (!mkdir(r->tmp, 0777))
			break;
		if (errno != EEXIST || tries == 100) {
			sys_err(e, r->tmp);
			goto fail;
		}
	}
	/* The folder is made as .new-, marked and locked, then renamed .tmp-:
	 * a .tmp- folder always carries its marker, so a run killed at any
	 * point leaves one the next run can judge at once by its lock.  Only a
	 * kill between mkdir and the marker leaves an unmarked .new- folder,
	 * which waits for dead_unmarked's minute. */
	if (make_marker(r, e)) {
		report_abort(r);
		return NULL;
	}
	if (rename(r->tmp, tmp)) {
		sys_err(e, tmp);
		report_abort(r);
		return NULL;
	}
	memcpy(r->tmp, tmp, sizeof(tmp));
	return r;
fail:
	free(r);
	return NULL;
}

const char *report_tmp_path(const report *r)
{
	return r->tmp;
}

/* Free r, letting go of its lock (after its folders are in place). */
static void report_free(report *r)
{
	if (r->lock_fd >= 0)
		(void)close(r->lock_fd); /* fsync'ed when written; only the lock goes */
	free(r);
}

void report_abort(report *r)
{
	if (!r)
		return;
	(void)rm_tree(r->tmp); /* best effort; a leftover is removed by the next run */
	report_free(r);
}

static int fsync_dir(const char *path, err *e)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return sys_err(e, path);
	if (fsync(fd) && errno != EINVAL) {
		int saved = errno;
		close(fd);
		errno = saved;
		return sys_err(e, path);
	}
	if (close(fd))
		return sys_err(e, path);
	return 0;
}

/* DIR appeared or went since we looked: another run commits at once. */
static int raced(int err_no)
{
	return err_no == ENOTEMPTY || err_no == EEXIST || err_no == ENOENT;
}

/* Where the file system cannot exchange: move dir aside as .BASE.old-PID-N
 * (holding the lock of its marker, so that no other run takes it for a dead
 * run's), put tmp in its place, remove the old one.  A short window without
 * dir, never a mixed folder; killed in that window, the next run puts the
 * old folder back.  An empty dir is simply removed.  1: dir changed under
 * us (try again), 0 done, -1 error. */
static int move_aside(report *r, err *e)
{
	char old[PATH_MAX];
	int fd, rc;

	fd = lock_marker(r->dir, 1);
	if (fd < 0 && errno != ENOENT)
		return sys_err(e, r->dir);
	if (fd < 0) { /* no marker: check_replaceable found dir empty */
		if (rmdir(r->dir))
			return raced(errno) ? 1 : sys_err(e, r->dir);
		if (!rename(r->tmp, r->dir))
			return 0;
		return raced(errno) ? 1 : sys_err(e, r->dir);
	}
	if (snprintf(old, sizeof(old), "%s/.%s.old-%ld-%u", r->parent, r->base,
		     (long)getpid(), r->n) >= (int)sizeof(old)) {
		close(fd);
		return err_set(e, r->dir, 0, "name too long");
	}
	if (rename(r->dir, old)) {
		int saved = errno;
		close(fd);
		errno = saved;
		return raced(errno) ? 1 : sys_err(e, r->dir);
	}
	if (rename(r->tmp, r->dir)) {
		int saved = errno;
		if (raced(saved)) {
			/* another run's results took dir: ours go over them next */
			(void)rm_tree(old); /* best effort, as below */
			rc = 1;
		} else if (rename(old, r->dir)) {
			rc = err_set(e, r->dir, 0, "%s (the previous results are in %s; the next "
				     "run puts them back)", strerror(saved), old);
		} else {
			errno = saved;
			rc = sys_err(e, r->dir);
		}
		close(fd);
		return rc;
	}
	(void)rm_tree(old); /* best effort: a leftover goes next run */
	(void)close(fd);
	return 0;
}

/* Put tmp in an existing dir's place: exchange them in one step, else move
 * dir aside.  1: dir changed under us (try again), 0 done, -1 error. */
static int swap_in(report *r, err *e)
{
	if (!renameat2(AT_FDCWD, r->tmp, AT_FDCWD, r->dir, RENAME_EXCHANGE)) {
		/* r->tmp now holds the old results; a leftover goes next run */
		(void)rm_tree(r->tmp);
		return 0;
	}
	if (errno == ENOENT)
		return 1;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return sys_err(e, r->dir);
	return move_aside(r, e);
}

int report_commit(report *r, err *e)
{
	struct stat st;
	int rc = 1;

	if (fsync_dir(r->tmp, e)) {
		report_abort(r);
		return -1;
	}
	/* another run may commit into dir at the same moment: whoever comes
	 * second exchanges, so both succeed and dir is one run's whole */
	for (int tries = 0; rc > 0 && tries < 10; tries++) {
		if (check_replaceable(r, e))
			rc = -1;
		else if (!lstat(r->dir, &st))
			rc = swap_in(r, e);
		else if (!rename(r->tmp, r->dir))
			rc = 0;
		else
			rc = raced(errno) && errno != ENOENT ? 1 : sys_err(e, r->dir);
	}
	if (rc > 0)
		rc = err_set(e, r->dir, 0, "other runs kept replacing it; not replaced");
	if (!rc)
		rc = fsync_dir(r->parent, e);
	else
		(void)rm_tree(r->tmp); /* best effort, as in report_abort */
	report_free(r);
	return rc;
}

/* ---- CSV files ---- */

static report_csv *csv_create(const char *path, err *e)
{
	report_csv *f = calloc(1, sizeof(*f));

	if (!f) {
		err_set(e, path, 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->fp = fopen(path, "w");
	if (!f->fp) {
		sys_err(e, path);
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
			return sys_err(e, f->path);
	}
	if (putc('\n', f->fp) == EOF)
		return sys_err(e, f->path);
	return 0;
}

int report_csv_close(report_csv *f, err *e)
{
	int rc = 0;

	if (!f)
		return 0;
	if (fflush(f->fp) || fsync(fileno(f->fp)))
		rc = sys_err(e, f->path);
	if (fclose(f->fp) && !rc)
		rc = sys_err(e, f->path);
	free(f);
	return rc;
}

static report_csv *open_in(report *r, const char *name, err *e)
{
	char path[PATH_MAX];

	if (path_join(path, r->tmp, name)) {
		sys_err(e, name);
		return NULL;
	}
	return csv_create(path, e);
}

report_csv *report_csv_open(report *r, const char *name, const char *const *header,
			    size_t ncols, err *e)
{
	report_csv *f = open_in(r, name, e);

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

const char *report_fmt_seconds(char *buf, double x)
{
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

/* ---- summary.csv ---- */

static const char *const summary_head[] = {
	"policy", "tier", "priority", "channel", "arrived", "deflected", "abandoned",
	"met", "missed", "censored", "attainment", "attainment_ci95", "wait_mean_s",
	"wait_p50_s", "wait_p90_s", "wait_p99_s", "answered", "abandon_share",
	"attainment_reps", "abandoned_in_target", "deflected_share", "goal",
};
#define SUMMARY_NCOLS (sizeof(summary_head) / sizeof(summary_head[0]))

/* A pattern: each of tier, prio, ch is an index or -1 for "all". */
typedef struct pattern {
	int tier, prio, ch;
} pattern;

/* Totals of one pattern over the replications of one policy. */
typedef struct agg {
	uint64_t arrived, deflected, abandoned, met, missed, censored, answered;
	uint64_t abandoned_in_target;
	double wait_sum_s;
	double *attain;  /* [reps]: per-replication met / (met + missed) */
	uint64_t *hist;  /* pooled histogram */
} agg;

static int in_sel(int sel, size_t i)
{
	return sel < 0 || (size_t)sel == i;
}

/* Add the cells of t matching pt into a; returns this replication's
 * met and the missed side of its attainment through *met, *missed: missed
 * plus the abandonments t->abandon counts as missed. */
static void add_cells(agg *a, const tally *t, pattern pt, uint64_t *met, uint64_t *missed)
{
	/* only the matching cells, in the same order: a row of one tier costs
	 * its own cells, not every tier's */
	size_t t0 = pt.tier < 0 ? 0 : (size_t)pt.tier, t1 = pt.tier < 0 ? t->ntiers : t0 + 1;

	for (size_t ti = t0; ti < t1; ti++)
		for (size_t pi = 0; pi < t->nprio; pi++)
			for (size_t ch = 0; ch < SIM_NCH; ch++) {
				if (!in_sel(pt.prio, pi) || !in_sel(pt.ch, ch))
					continue;
				size_t c = tally_cell(t, ti, pi, ch);
				a->arrived += t->arrived[c];
				a->deflected += t->deflected[c];
				a->abandoned += t->abandoned[c];
				a->abandoned_in_target += t->abandoned_in_target[c];
				a->missed += t->missed[c];
				a->censored += t->censored[c];
				a->answered += t->answered[c];
				a->wait_sum_s += t->wait_sum_s[c];
				*met += t->met[c];
				*missed += t->missed[c] +
					   tally_abandons_missed(t->abandon, t->abandoned[c],
								 t->abandoned_in_target[c]);
				const uint32_t *h = t->hist + c * TALLY_HIST_BUCKETS;
				for (size_t k = 0; k < TALLY_HIST_BUCKETS; k++)
					a->hist[k] += h[k];
			}
}

static void aggregate(agg *a, const tally *t, size_t reps, pattern pt)
{
	a->arrived = a->deflected = a->abandoned = a->met = a->missed = 0;
	a->censored = a->answered = a->abandoned_in_target = 0;
	a->wait_sum_s = 0;
	memset(a->hist, 0, TALLY_HIST_BUCKETS * sizeof(*a->hist));
	for (size_t r = 0; r < reps; r++) {
		uint64_t met = 0, missed = 0;
		add_cells(a, &t[r], pt, &met, &missed);
		a->met += met;
		a->attain[r] = stats_ratio((double)met, (double)(met + missed));
	}
}

static const char *label_of(const model *m, int kind, int i)
{
	if (i < 0)
		return "all";
	if (kind == 0)
		return m->tier_name[i];
	if (kind == 1)
		return m->prio_name[i];
	return model_channel_name[i];
}

/* The figures of an aggregate over reps replications. */
static void figures_of(const agg *a, size_t reps, report_figs *f)
{
	double n = (double)reps;

	f->arrived = (double)a->arrived / n;
	f->deflected = (double)a->deflected / n;
	f->abandoned = (double)a->abandoned / n;
	f->met = (double)a->met / n;
	f->missed = (double)a->missed / n;
	f->censored = (double)a->censored / n;
	f->answered = (double)a->answered / n;
	f->attain = stats_mean_ci95(a->attain, reps);
	f->wait_mean_s = stats_ratio(a->wait_sum_s, (double)a->answered);
	f->wait_p50_s = tally_hist_quantile(a->hist, 0.50);
	f->wait_p90_s = tally_hist_quantile(a->hist, 0.90);
	f->wait_p99_s = tally_hist_quantile(a->hist, 0.99);
	f->abandon_share = stats_ratio((double)a->abandoned, (double)(a->arrived - a->deflected));
	f->abandoned_in_target = (double)a->abandoned_in_target / n;
	f->deflected_share = stats_ratio((double)a->deflected, (double)a->arrived);
}

static int summary_row(report_csv *f, const model *m, size_t p, agg *a, size_t reps,
		       pattern pt, err *e)
{
	char num[SUMMARY_NCOLS][REPORT_NUM_MAX];
	const char *fld[SUMMARY_NCOLS];
	report_figs g;

	figures_of(a, reps, &g);
	double counts[] = { g.arrived, g.deflected, g.abandoned, g.met, g.missed, g.censored };
	fld[0] = m->policy[p].name;
	fld[1] = label_of(m, 0, pt.tier);
	fld[2] = label_of(m, 1, pt.prio);
	fld[3] = label_of(m, 2, pt.ch);
	for (size_t i = 0; i < 6; i++)
		fld[4 + i] = report_fmt_count(num[4 + i], counts[i]);
	fld[10] = report_fmt_share(num[10], g.attain.mean);
	fld[11] = report_fmt_share(num[11], g.attain.half);
	fld[12] = report_fmt_seconds(num[12], g.wait_mean_s);
	fld[13] = report_fmt_seconds(num[13], g.wait_p50_s);
	fld[14] = report_fmt_seconds(num[14], g.wait_p90_s);
	fld[15] = report_fmt_seconds(num[15], g.wait_p99_s);
	fld[16] = report_fmt_count(num[16], g.answered);
	fld[17] = report_fmt_share(num[17], g.abandon_share);
	fld[18] = report_fmt_count(num[18], (double)g.attain.n);
	fld[19] = report_fmt_count(num[19], g.abandoned_in_target);
	fld[20] = report_fmt_share(num[20], g.deflected_share);
	/* the [staff] goal of a priority, on its rows over every tier and
	 * channel (the charts draw it as a line) */
	fld[21] = pt.prio >= 0 && pt.tier < 0 && pt.ch < 0 ?
		  report_fmt_share(num[21], m->goal[pt.prio]) : "";
	return report_csv_row(f, fld, SUMMARY_NCOLS, e);
}

int report_attainments(const tally *t, size_t reps, int tier, int prio, int ch, double *att)
{
	agg a = { 0 };
	pattern pt = { tier, prio, ch };

	a.attain = att;
	a.hist = calloc(TALLY_HIST_BUCKETS, sizeof(*a.hist));
	if (!a.hist)
		return -1;
	aggregate(&a, t, reps, pt);
	free(a.hist);
	return 0;
}

int report_figures(const tally *t, size_t reps, int tier, int prio, int ch, report_figs *out)
{
	agg a = { 0 };
	pattern pt = { tier, prio, ch };
	int rc = -1;

	a.attain = calloc(reps ? reps : 1, sizeof(*a.attain));
	a.hist = calloc(TALLY_HIST_BUCKETS, sizeof(*a.hist));
	if (a.attain && a.hist) {
		aggregate(&a, t, reps, pt);
		figures_of(&a, reps, out);
		rc = 0;
	}
	free(a.attain);
	free(a.hist);
	return rc;
}

int report_rep_figures(const tally *t, size_t reps, int tier, int prio, int ch,
		       report_figs *out)
{
	for (size_t r = 0; r < reps; r++)
		if (report_figures(t + r, 1, tier, prio, ch, &out[r]))
			return -1;
	return 0;
}

/* Rows of policy p: "all" first in each of tier, priority, channel, then
 * the model's order; a row where nothing is "all" only with arrivals, an
 * aggregate row for every channel the scenario uses. */
static int summary_policy(report_csv *f, const model *m, size_t p, const tally *t,
			  size_t reps, agg *a, err *e)
{
	for (int ti = -1; ti < (int)m->ntiers; ti++)
		for (int pi = -1; pi < (int)m->nprio; pi++)
			for (int ch = -1; ch < SIM_NCH; ch++) {
				pattern pt = { ti, pi, ch };
				int all = ti < 0 || pi < 0 || ch < 0;
				if (all && ch >= 0 && !m->channel[ch].used && ch != CH_SELF)
					all = 0;
				if (sim_stopping()) /* a row can take long with many reps */
					return err_set(e, "summary.csv", 0, "interrupted");
				aggregate(a, t, reps, pt);
				if (!all && a->arrived == 0)
					continue;
				if (summary_row(f, m, p, a, reps, pt, e))
					return -1;
			}
	return 0;
}

int report_summary(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	agg a = { 0 };
	report_csv *f;
	int rc = -1;

	if (reps == 0)
		return err_set(e, "summary.csv", 0, "no replications");
	a.attain = calloc(reps, sizeof(*a.attain));
	a.hist = calloc(TALLY_HIST_BUCKETS, sizeof(*a.hist));
	if (!a.attain || !a.hist) {
		err_set(e, "summary.csv", 0, "%s", strerror(ENOMEM));
		goto out;
	}
	f = report_csv_open(r, "summary.csv", summary_head, SUMMARY_NCOLS, e);
	if (!f)
		goto out;
	for (size_t p = 0; p < m->npolicies; p++)
		if (summary_policy(f, m, p, t + p * reps, reps, &a, e)) {
			report_csv_close(f, NULL);
			goto out;
		}
	rc = report_csv_close(f, e);
out:
	free(a.attain);
	free(a.hist);
	return rc;
}

/* ---- timeseries.csv ---- */

static const char *const series_head[] = {
	"policy", "time", "arrived", "backlog", "agents_on_shift", "agents_busy",
	"attainment", "met", "missed",
};
#define SERIES_NCOLS (sizeof(series_head) / sizeof(series_head[0]))

/* Means over replications of hour h of policy p's tallies t[0..reps). */
static int series_row(report_csv *f, const model *m, size_t p, const tally *t,
		      size_t reps, size_t h, double *attain, err *e)
{
	char num[SERIES_NCOLS][REPORT_NUM_MAX];
	const char *fld[SERIES_NCOLS];
	double arrived = 0, backlog = 0, onshift = 0, busy = 0, met = 0, missed = 0;
	double from = m->warmup_s + 3600.0 * h;

	for (size_t r = 0; r < reps; r++) {
		arrived += t[r].h_arrived[h];
		backlog += t[r].h_backlog[h];
		onshift += t[r].h_onshift[h];
		busy += t[r].h_busy[h];
		met += t[r].h_met[h];
		missed += t[r].h_missed[h];
		attain[r] = stats_ratio(t[r].h_met[h], (double)t[r].h_met[h] + t[r].h_missed[h]);
	}
	fld[0] = m->policy[p].name;
	fld[1] = report_fmt_time(num[1], m->start_unix + (int64_t)floor(from));
	fld[2] = report_fmt_count(num[2], arrived / reps);
	fld[3] = report_fmt_count(num[3], backlog / reps);
	/* the tally's rows are already time averages over the hour */
	fld[4] = report_fmt_share(num[4], onshift / reps);
	fld[5] = report_fmt_share(num[5], busy / reps);
	fld[6] = report_fmt_share(num[6], stats_mean_ci95(attain, reps).mean);
	fld[7] = report_fmt_count(num[7], met / reps);
	fld[8] = report_fmt_count(num[8], missed / reps);
	return report_csv_row(f, fld, SERIES_NCOLS, e);
}

int report_timeseries(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	double *attain;
	report_csv *f;

	if (reps == 0)
		return err_set(e, "timeseries.csv", 0, "no replications");
	attain = calloc(reps, sizeof(*attain));
	if (!attain)
		return err_set(e, "timeseries.csv", 0, "%s", strerror(ENOMEM));
	f = report_csv_open(r, "timeseries.csv", series_head, SERIES_NCOLS, e);
	if (!f) {
		free(attain);
		return -1;
	}
	for (size_t p = 0; p < m->npolicies; p++) {
		const tally *tp = t + p * reps;
		for (size_t h = 0; h < tp->nhours; h++)
			if ((sim_stopping() && err_set(e, "timeseries.csv", 0, "interrupted")) ||
			    series_row(f, m, p, tp, reps, h, attain, e)) {
				report_csv_close(f, NULL);
				free(attain);
				return -1;
			}
	}
	free(attain);
	return report_csv_close(f, e);
}

/* ---- teams.csv ---- */

static const char *const teams_head[] = {
	"policy", "team", "agents", "occupancy", "overtime_h", "occupancy_ci95",
	"onshift_h", "busy_h", "paid_hours",
};
#define TEAMS_NCOLS (sizeof(teams_head) / sizeof(teams_head[0]))

static int teams_row(report_csv *f, const model *m, size_t p, const tally *t,
		     size_t reps, size_t i, double *occ, err *e)
{
	char num[TEAMS_NCOLS][REPORT_NUM_MAX];
	const char *fld[TEAMS_NCOLS];
	double over = 0, onshift = 0, busy = 0;

	for (size_t r = 0; r < reps; r++) {
		occ[r] = stats_ratio(t[r].busy_s[i], t[r].avail_s[i]);
		over += t[r].overtime_s[i];
		onshift += t[r].onshift_s[i];
		busy += t[r].busy_s[i];
	}
	stats_ci oc = stats_mean_ci95(occ, reps);
	fld[0] = m->policy[p].name;
	fld[1] = m->policy[p].teams[i].name;
	fld[2] = report_fmt_count(num[2], m->policy[p].teams[i].agents);
	fld[3] = report_fmt_share(num[3], oc.mean);
	fld[4] = report_fmt_seconds(num[4], over / reps / 3600);
	fld[5] = report_fmt_share(num[5], oc.half);
	fld[6] = report_fmt_seconds(num[6], onshift / reps / 3600);
	fld[7] = report_fmt_seconds(num[7], busy / reps / 3600);
	/* paid: every scheduled hour (shrinkage is paid time) and overtime */
	fld[8] = report_fmt_seconds(num[8], (onshift + over) / reps / 3600);
	return report_csv_row(f, fld, TEAMS_NCOLS, e);
}

int report_teams(report *r, const model *m, const tally *t, size_t reps, err *e)
{
	double *occ;
	report_csv *f;

	if (reps == 0)
		return err_set(e, "teams.csv", 0, "no replications");
	occ = calloc(reps, sizeof(*occ));
	if (!occ)
		return err_set(e, "teams.csv", 0, "%s", strerror(ENOMEM));
	f = report_csv_open(r, "teams.csv", teams_head, TEAMS_NCOLS, e);
	if (!f) {
		free(occ);
		return -1;
	}
	for (size_t p = 0; p < m->npolicies; p++)
		for (size_t i = 0; i < m->policy[p].nteams; i++)
			if (teams_row(f, m, p, t + p * reps, reps, i, occ, e)) {
				report_csv_close(f, NULL);
				free(occ);
				return -1;
			}
	free(occ);
	return report_csv_close(f, e);
}

/* ---- tickets.csv ---- */

static const char *const tickets_head[] = {
	"policy", "rep", "id", "segment", "tier", "role", "priority", "channel",
	"arrival_s", "response_s", "end_s", "team", "outcome", "preferred", "work_s",
};
#define TICKETS_NCOLS (sizeof(tickets_head) / sizeof(tickets_head[0]))

struct report_trace {
	report_csv *f;
	const model *m;
	size_t p;
	int rep;
	int failed;
	err e;
};

static int part_name(char *buf, size_t len, size_t p, size_t rep)
{
	return snprintf(buf, len, "tickets.%zu.%zu.part", p, rep) >= (int)len ? -1 : 0;
}

report_trace *report_trace_open(report *r, const model *m, size_t p, int rep, err *e)
{
	report_trace *tr = calloc(1, sizeof(*tr));
	char name[64];

	if (!tr) {
		err_set(e, "tickets.csv", 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	if (rep < 0 || part_name(name, sizeof(name), p, (size_t)rep)) {
		free(tr);
		err_set(e, "tickets.csv", 0, "bad replication %d", rep);
		return NULL;
	}
	tr->f = open_in(r, name, e);
	if (!tr->f) {
		free(tr);
		return NULL;
	}
	tr->m = m;
	tr->p = p;
	tr->rep = rep;
	return tr;
}

int report_trace_fn(void *ctx, const ticket_rec *t)
{
	report_trace *tr = ctx;
	const model *m = tr->m;
	const segment_model *s = &m->segment[t->segment];
	const policy_model *pm = &m->policy[tr->p];
	char num[TICKETS_NCOLS][REPORT_NUM_MAX];
	const char *fld[TICKETS_NCOLS];

	if (tr->failed)
		return -1;
	fld[0] = pm->name;
	snprintf(num[1], REPORT_NUM_MAX, "%d", tr->rep + 1);
	fld[1] = num[1];
	snprintf(num[2], REPORT_NUM_MAX, "%" PRIu64, t->id);
	fld[2] = num[2];
	fld[3] = s->name;
	fld[4] = m->tier_name[s->tier];
	fld[5] = model_role_name[s->role];
	fld[6] = m->prio_name[t->priority];
	fld[7] = model_channel_name[t->channel];
	fld[8] = report_fmt_seconds(num[8], t->arrival_s);
	fld[9] = report_fmt_seconds(num[9], t->response_s);
	fld[10] = report_fmt_seconds(num[10], t->end_s);
	fld[11] = t->team >= 0 ? pm->teams[t->team].name : "";
	fld[12] = tally_outcome_name[t->out];
	fld[13] = model_channel_name[t->preferred];
	fld[14] = t->channel == CH_SELF ? "" : report_fmt_seconds(num[14], t->work_s);
	if (report_csv_row(tr->f, fld, TICKETS_NCOLS, &tr->e)) {
		tr->failed = 1;
		return -1;
	}
	return 0;
}

const err *report_trace_err(const report_trace *tr)
{
	return &tr->e;
}

int report_trace_close(report_trace *tr, err *e)
{
	int rc;

	if (!tr)
		return 0;
	rc = report_csv_close(tr->f, e);
	if (tr->failed && e)
		*e = tr->e;
	rc = tr->failed ? -1 : rc;
	free(tr);
	return rc;
}

/* Append the part file at path to out, then remove it. */
static int append_part(report_csv *out, const char *path, err *e)
{
	char buf[1 << 16];
	size_t n;
	FILE *in = fopen(path, "r");

	if (!in)
		return sys_err(e, path);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out->fp) != n) {
			fclose(in);
			return sys_err(e, out->path);
		}
	if (ferror(in)) {
		int saved = errno;
		fclose(in);
		errno = saved;
		return sys_err(e, path);
	}
	if (fclose(in) || unlink(path))
		return sys_err(e, path);
	return 0;
}

int report_tickets(report *r, size_t npolicies, size_t reps, err *e)
{
	report_csv *f = report_csv_open(r, "tickets.csv", tickets_head, TICKETS_NCOLS, e);
	char name[64], path[PATH_MAX];

	if (!f)
		return -1;
	for (size_t p = 0; p < npolicies; p++)
		for (size_t rep = 0; rep < reps; rep++) {
			if (part_name(name, sizeof(name), p, rep) || path_join(path, r->tmp, name)) {
				report_csv_close(f, NULL);
				return err_set(e, r->tmp, 0, "%s", strerror(ENAMETOOLONG));
			}
			if (append_part(f, path, e)) {
				report_csv_close(f, NULL);
				return -1;
			}
		}
	return report_csv_close(f, e);
}
