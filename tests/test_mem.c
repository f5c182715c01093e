/* test_mem.c: mem_grow, the one growth rule of sim/'s arrays (mem.h). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "mem.h"

static void grow_doubles_from_first(void **state)
{
	(void)state;
	int *a = NULL;
	size_t cap = 0;

	assert_int_equal(mem_grow((void **)&a, &cap, 1, sizeof(*a), 4), 0);
	assert_non_null(a);
	assert_int_equal(cap, 4);
	for (int i = 0; i < 4; i++)
		a[i] = i;
	assert_int_equal(mem_grow((void **)&a, &cap, 4, sizeof(*a), 4), 0);
	assert_int_equal(cap, 4); /* room enough: nothing done */
	assert_int_equal(mem_grow((void **)&a, &cap, 5, sizeof(*a), 4), 0);
	assert_int_equal(cap, 8);
	assert_int_equal(mem_grow((void **)&a, &cap, 33, sizeof(*a), 4), 0);
	assert_int_equal(cap, 64);
	for (int i = 0; i < 4; i++)
		assert_int_equal(a[i], i); /* kept across the moves */
	free(a);
}

static void grow_refuses_overflow(void **state)
{
	(void)state;
	double *a = NULL;
	size_t cap = 0;

	assert_int_equal(mem_grow((void **)&a, &cap, 3, sizeof(*a), 2), 0);
	double *was = a;
	errno = 0;
	assert_int_equal(mem_grow((void **)&a, &cap, SIZE_MAX / 4, sizeof(*a), 2), -1);
	assert_int_equal(errno, ENOMEM);
	assert_ptr_equal(a, was);
	assert_int_equal(cap, 4);
	errno = 0;
	assert_int_equal(mem_grow((void **)&a, &cap, SIZE_MAX, 1, 2), -1);
	assert_int_equal(errno, ENOMEM);
	assert_int_equal(cap, 4);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grow_doubles_from_first),
		cmocka_unit_test(grow_refuses_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
