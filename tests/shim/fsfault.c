/* fsfault.c: an LD_PRELOAD shim for tests/cli/issue9_output.sh that plays
 * the file systems and the accidents the results folder must survive:
 *   FSFAULT_NO_EXCHANGE=1     renameat2(RENAME_EXCHANGE) fails with EINVAL,
 *                             as on NFS;
 *   FSFAULT_KILL_RENAME=TEXT  SIGKILL right after a rename to a path that
 *                             holds TEXT (e.g. ".old-": between the two
 *                             renames of the move-aside);
 *   FSFAULT_KILL_MKDIR=TEXT   SIGKILL right after a mkdir of such a path;
 *   FSFAULT_RACE_DIR=PATH     just before the first rename of a temporary
 *                             folder onto PATH (missing), another run's whole
 *                             results appear there (a marker, other.csv).
 * Built by the test: cc -shared -fPIC -o fsfault.so fsfault.c -ldl. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int matches(const char *var, const char *path)
{
	const char *t = getenv(var);
	return t && *t && path && strstr(path, t);
}

static void put(const char *dir, const char *name, const char *text)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	static int raced;
	const char *race = getenv("FSFAULT_RACE_DIR");
	struct stat st;

	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	if (race && !raced && !strcmp(to, race) && strstr(from, ".tmp-") &&
	    lstat(to, &st) && errno == ENOENT) {
		raced = 1;
		mkdir(to, 0777);
		put(to, ".supsim", "supsim results folder\n");
		put(to, "other.csv", "another run's results\n");
	}
	int rc = real(from, to);
	if (!rc && matches("FSFAULT_KILL_RENAME", to))
		raise(SIGKILL);
	return rc;
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned flags)
{
	static int (*real)(int, const char *, int, const char *, unsigned);

	if ((flags & RENAME_EXCHANGE) && getenv("FSFAULT_NO_EXCHANGE")) {
		errno = EINVAL;
		return -1;
	}
	if (!real)
		real = (int (*)(int, const char *, int, const char *, unsigned))dlsym(RTLD_NEXT,
										      "renameat2");
	return real(fromfd, from, tofd, to, flags);
}

int mkdir(const char *path, mode_t mode)
{
	static int (*real)(const char *, mode_t);

	if (!real)
		real = (int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "mkdir");
	int rc = real(path, mode);
	if (!rc && matches("FSFAULT_KILL_MKDIR", path))
		raise(SIGKILL);
	return rc;
}
