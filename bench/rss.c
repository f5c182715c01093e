/* bench/rss.c: run a command and print its peak resident set size, so that
 * bench/run.sh can measure `supsim run` itself without GNU time, and the CPU
 * time it took (user + system, which time lost to other processes on a
 * shared machine does not inflate).
 * Usage: rss COMMAND [ARGS...]; prints "peak_rss_mib X cpu_s Y" on stderr
 * and exits with the command's status. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: rss COMMAND [ARGS...]\n");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("rss: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror("rss: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("rss: wait4");
		return 1;
	}
	fprintf(stderr, "peak_rss_mib %.1f cpu_s %.3f\n", ru.ru_maxrss / 1024.0,
		(double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
		(double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
