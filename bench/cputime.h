/* bench/cputime.h: the clock of the bench programs: CPU time of this
 * process, so that on a shared machine the time other processes take does
 * not count (the loops timed are single-threaded). */
#ifndef SUPSIM_BENCH_CPUTIME_H
#define SUPSIM_BENCH_CPUTIME_H

#include <time.h>

static inline double cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

#endif
