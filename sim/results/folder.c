/* folder.c: the atomic results folder (folder.h): the temporary folder
 * from report_begin to commit or abort, its marker and lock, the leftovers
 * of dead runs, and the one-step swap into place. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include "mem.h"
#include "results/folder.h"
#include "stop.h"

struct report {
	char dir[PATH_MAX];    /* the results folder as given, no trailing '/' */
	char parent[PATH_MAX]; /* its parent folder */
	char base[NAME_MAX + 1];
	char tmp[PATH_MAX];    /* parent/.BASE.tmp-PID-N */
	unsigned n;            /* the N of tmp (and of .BASE.old-PID-N) */
	int lock_fd;           /* tmp's marker, flock'ed while the run lives */
};

int report_sys_err(err *e, const char *path)
{
	return err_set(e, path, 0, "%s", strerror(errno));
}

/* dir/name into out[PATH_MAX]; -1 with errno ENAMETOOLONG when too long. */
int report_path_join(char *out, const char *dir, const char *name)
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
		if (!report_path_join(marker, path, REPORT_MARKER) && unlink(marker) && errno != ENOENT)
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
			return report_sys_err(e, path);
		}
	}
	if (mkdir(path, 0777) && errno != EEXIST)
		return report_sys_err(e, path);
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

	if (report_path_join(path, dir, REPORT_MARKER))
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
		if (!kind || pid == getpid() || report_path_join(path, r->parent, de->d_name))
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
		return errno == ENOENT ? 0 : report_sys_err(e, r->dir);
	if (!S_ISDIR(st.st_mode))
		return err_set(e, r->dir, 0, "%s", strerror(ENOTDIR));
	if (report_path_join(marker, r->dir, REPORT_MARKER))
		return report_sys_err(e, r->dir);
	int ok = marker_ok(marker);
	if (ok < 0)
		return report_sys_err(e, marker);
	if (ok)
		return 0;
	d = opendir(r->dir);
	if (!d)
		return report_sys_err(e, r->dir);
	while (empty && (de = readdir(d)))
		empty = !strcmp(de->d_name, ".") || !strcmp(de->d_name, "..");
	if (closedir(d))
		return report_sys_err(e, r->dir);
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

	if (report_path_join(path, r->tmp, REPORT_MARKER) || report_path_join(fresh, r->tmp, ".supsim-new"))
		return report_sys_err(e, r->tmp);
	r->lock_fd = open(fresh, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (r->lock_fd < 0)
		return report_sys_err(e, fresh);
	while (flock(r->lock_fd, LOCK_EX))
		if (errno != EINTR)
			return report_sys_err(e, fresh);
	while (done < n) {
		ssize_t got = write(r->lock_fd, text + done, n - done);
		if (got < 0 && errno != EINTR)
			return report_sys_err(e, fresh);
		done += got > 0 ? (size_t)got : 0;
	}
	if (fsync(r->lock_fd))
		return report_sys_err(e, fresh);
	if (rename(fresh, path))
		return report_sys_err(e, path);
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
	report *r = mem_calloc(1, sizeof(*r));

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
			report_sys_err(e, r->tmp);
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
		report_sys_err(e, tmp);
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
		return report_sys_err(e, path);
	if (fsync(fd) && errno != EINVAL) {
		int saved = errno;
		close(fd);
		errno = saved;
		return report_sys_err(e, path);
	}
	if (close(fd))
		return report_sys_err(e, path);
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
		return report_sys_err(e, r->dir);
	if (fd < 0) { /* no marker: check_replaceable found dir empty */
		if (rmdir(r->dir))
			return raced(errno) ? 1 : report_sys_err(e, r->dir);
		if (!rename(r->tmp, r->dir))
			return 0;
		return raced(errno) ? 1 : report_sys_err(e, r->dir);
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
		return raced(errno) ? 1 : report_sys_err(e, r->dir);
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
			rc = report_sys_err(e, r->dir);
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
		return report_sys_err(e, r->dir);
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
			rc = raced(errno) && errno != ENOENT ? 1 : report_sys_err(e, r->dir);
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
