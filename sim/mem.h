/* mem.h: the one door through which sim/ allocates.  Every malloc, calloc,
 * realloc, strdup and strndup of sim/ is mem_alloc, mem_calloc, mem_realloc,
 * mem_strdup, mem_strndup: the same contracts as libc's (NULL on failure,
 * errno ENOMEM; free() frees what they return), so that a test can make any
 * one of them fail (SQLite's malloc.c, Lua's ltests.h).
 *
 * Fault injection exists only in builds that define SUPSIM_FAULT (SAN=1 and
 * DEBUG=1 do; docs/architecture.md, "Allocation failures"): there, with the environment variable
 *   SUPSIM_FAIL_ALLOC=N   the Nth call (counted from 1, over all threads)
 *                         returns NULL, every other call succeeds;
 *   SUPSIM_COUNT_ALLOC=1  the number of calls is written to stderr at exit
 *                         ("supsim: N allocations").
 * The failing call passes through mem_fault_hit() (a place for a debugger's
 * breakpoint); tests/cli/alloc_walk.sh fails each call of check, run and
 * compare in turn.
 * Elsewhere the functions are inline calls of libc's: a release build pays
 * nothing.  Allocations made inside libraries (GSL, libcsv, inih, GLPK,
 * stdio) are not counted. */
#ifndef SUPSIM_MEM_H
#define SUPSIM_MEM_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#ifdef SUPSIM_FAULT

void *mem_alloc(size_t n);
void *mem_calloc(size_t n, size_t size); /* n * size checked for overflow */
void *mem_realloc(void *p, size_t n);    /* on failure p is left as it was */
char *mem_strdup(const char *s);
char *mem_strndup(const char *s, size_t n);

#else

static inline void *mem_alloc(size_t n)
{
	return malloc(n);
}

/* n * size checked for overflow (by calloc) */
static inline void *mem_calloc(size_t n, size_t size)
{
	return calloc(n, size);
}

/* on failure p is left as it was */
static inline void *mem_realloc(void *p, size_t n)
{
	return realloc(p, n);
}

static inline char *mem_strdup(const char *s)
{
	return strdup(s);
}

static inline char *mem_strndup(const char *s, size_t n)
{
	return strndup(s, n);
}

#endif

/* Make room for `need` elements of `size` bytes in the malloc'ed array *arr
 * of capacity *cap (in elements): nothing when need <= *cap, else *cap
 * becomes `first` (when 0) doubled until it holds need, and *arr is
 * reallocated (through mem_realloc).  Sizes are checked for overflow.
 * 0, or -1 with errno ENOMEM and *arr, *cap as they were. */
int mem_grow(void **arr, size_t *cap, size_t need, size_t size, size_t first);

#endif
