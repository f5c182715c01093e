/* mem.c: the allocation wrapper's fault injection (mem.h), compiled in only
 * with SUPSIM_FAULT.  One process-wide call counter, atomic because the
 * engine's workers allocate too; the environment is read once, before
 * main (a constructor: no thread exists yet). */
#include "mem.h"

#include <errno.h>
#include <stdint.h>

#ifdef SUPSIM_FAULT

#include <stdatomic.h>
#include <stdio.h>

static atomic_long calls;
static long fail_at; /* 0: never */

static void print_count(void)
{
	fprintf(stderr, "supsim: %ld allocations\n", atomic_load(&calls));
}

__attribute__((constructor)) static void arm(void)
{
	const char *fail = getenv("SUPSIM_FAIL_ALLOC");
	const char *count = getenv("SUPSIM_COUNT_ALLOC");

	if (fail)
		fail_at = strtol(fail, NULL, 10);
	if (count && *count && *count != '0')
		atexit(print_count);
}

/* Where the failing call passes: `break mem_fault_hit` in gdb shows its
 * caller (docs/architecture.md, "Allocation failures"). */
__attribute__((noinline)) void mem_fault_hit(void);
__attribute__((noinline)) void mem_fault_hit(void)
{
	errno = ENOMEM;
}

/* Count one call; nonzero when it is the one to fail. */
static int fault(void)
{
	long n = atomic_fetch_add(&calls, 1) + 1;
	if (n != fail_at)
		return 0;
	mem_fault_hit();
	return 1;
}

void *mem_alloc(size_t n)
{
	return fault() ? NULL : malloc(n);
}

void *mem_calloc(size_t n, size_t size)
{
	return fault() ? NULL : calloc(n, size);
}

void *mem_realloc(void *p, size_t n)
{
	return fault() ? NULL : realloc(p, n);
}

char *mem_strdup(const char *s)
{
	return fault() ? NULL : strdup(s);
}

char *mem_strndup(const char *s, size_t n)
{
	return fault() ? NULL : strndup(s, n);
}

#endif

int mem_grow(void **arr, size_t *cap, size_t need, size_t size, size_t first)
{
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap : (first ? first : 1);
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			goto too_big;
		ncap *= 2;
	}
	if (size && ncap > SIZE_MAX / size)
		goto too_big;
	void *p = mem_realloc(*arr, ncap * size);
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
too_big:
	errno = ENOMEM;
	return -1;
}
