/* test_trace_text.c: the texts tickets.csv's rows are assembled from
 * (csv.h's report_put_*) are printf's, byte for byte: "%.3f" seconds on
 * random values of every magnitude, exact ties (rounded to even, as printf
 * does), values just either side of a rounding step, signs, zeros, huge and
 * non-finite values; "%" PRIu64 counts; fields quoted as report_csv_row
 * quotes them. */
#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "results/csv.h"

static void same_seconds(double x)
{
	char want[512], got[REPORT_NUM_MAX + 8], buf[REPORT_NUM_MAX];
	char *end = report_put_seconds(got, x);

	*end = '\0';
	if (isnan(x))
		want[0] = '\0';
	else
		snprintf(want, REPORT_NUM_MAX, "%.3f", x); /* csv.c's cut */
	if (strcmp(want, got))
		fail_msg("%a: printf \"%s\", put \"%s\"", x, want, got);
	if (strcmp(want, report_fmt_seconds(buf, x)))
		fail_msg("%a: printf \"%s\", fmt \"%s\"", x, want, buf);
}

static uint64_t rnd(uint64_t *s) /* splitmix64 */
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static void seconds_like_printf(void **state)
{
	static const double fixed[] = {
		0.0, -0.0, 0.0005, 0.0015, 0.0025, 0.0625, 0.1875, 1.0005, 2.5, 0.001,
		-0.0005, -0.0625, -1.2345, 4e-320, -4e-320, 1e-300, 0.9995, 9.9995,
		999.9995, 8796093022207.999, 8796093022208.0, 8796093022208.5, 1e15,
		1e300, -1e300, 3600.0, 86400.25, 1234567.8905, INFINITY, -INFINITY, NAN,
	};
	uint64_t s = 1;
	(void)state;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		same_seconds(fixed[i]);
	/* random bit patterns of magnitudes 2^-20 .. 2^50, either sign */
	for (int i = 0; i < 400000; i++) {
		uint64_t r = rnd(&s);
		int e = (int)(r % 71) - 20;
		double x = ldexp((double)(rnd(&s) >> 11) * 0x1p-53 + 0.5, e);
		same_seconds(r >> 63 ? -x : x);
	}
	/* the multiples of 1/2000 (the ties of %.3f and their neighbours) and
	 * k / 1000 either side by an ulp */
	for (int64_t k = 0; k < 200000; k++) {
		double x = (double)(k * 7919 % 100000000) / 2000.0;
		same_seconds(x);
		same_seconds(nextafter(x, 0));
		same_seconds(nextafter(x, INFINITY));
		x = (double)(k * 104729 % 1000000000) / 1000.0;
		same_seconds(nextafter(x, 0));
		same_seconds(nextafter(x, INFINITY));
	}
	/* dyadic ties: m / 2^j with three decimals and a 5 */
	for (int j = 1; j <= 12; j++)
		for (int m = 1; m < 4096; m += 2)
			same_seconds(ldexp(m, -j) + 1024.0 * (m % 7));
}

static void counts_and_fields(void **state)
{
	static const uint64_t v[] = { 0, 1, 9, 10, 99, 100, 4294967295u, 1000000000000u,
				      UINT64_MAX };
	static const char *const f[] = { "web", "", "a,b", "say \"hi\"", "cr\rlf\n", "x" };
	static const char *const want[] = { "web", "", "\"a,b\"", "\"say \"\"hi\"\"\"",
					    "\"cr\rlf\n\"", "x" };
	char buf[64];
	(void)state;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		char w[32];
		*report_put_u64(buf, v[i]) = '\0';
		snprintf(w, sizeof(w), "%" PRIu64, v[i]);
		assert_string_equal(buf, w);
	}
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		*report_put_field(buf, f[i]) = '\0';
		assert_string_equal(buf, want[i]);
	}
	*report_put_field(buf, NULL) = '\0';
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seconds_like_printf),
		cmocka_unit_test(counts_and_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
