/* fuzz_values.c: libFuzzer target for the value grammar (values.h): every
 * parser gets the same NUL-terminated input.  Errors are fine; crashes,
 * leaks and sanitizer reports are bugs. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	srcloc at = { "fuzz", 1 };
	err e;
	double d;
	long long ll;
	bool b, always;
	int64_t i64;
	civil c1, c2;
	week_range wr[VAL_MAX_RANGES];
	size_t n;
	val_pair pairs[16];
	val_weight w[16];
	dist ds = { 0 };
	char buf[512], *words[32];

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	val_duration(s, &d, at, &e);
	val_rate(s, &d, at, &e);
	val_number(s, -1e9, 1e9, &d, at, &e);
	val_int(s, -1000000, 1000000, &ll, at, &e);
	val_bool(s, &b, at, &e);
	val_instant(s, &i64, at, &e);
	val_date(s, &c1, at, &e);
	val_local(s, &c1, at, &e);
	val_window(s, &c1, &c2, at, &e);
	val_hours(s, &always, wr, &n, at, &e);
	val_words(s, buf, sizeof(buf), words, 32, at, &e);
	val_pairs(s, pairs, 16, &n, at, &e);
	val_mix(s, w, 16, &n, at, &e);
	if (val_dist(s, "/nonexistent", &ds, at, &e) == 0)
		dist_fini(&ds);
	free(s);
	return 0;
}
