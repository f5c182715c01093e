/* fuzz_scenario.c: libFuzzer target for the whole scenario path: the
 * input is written as a scenario file into a scratch folder and loaded
 * (reader, --set-free validation, tables, time zones, calendars).  Any
 * crash, leak, hang or sanitizer report is a bug; an error is fine. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "input/scenario.h"

static char path[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	model m;
	err e;
	FILE *f;

	if (!path[0]) {
		char dir[] = "/tmp/supsim-fuzz-XXXXXX";
		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof(path), "%s/s.ini", dir);
	}
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f))
		abort();
	if (scenario_load(path, NULL, 0, &m, &e) == 0)
		model_fini(&m);
	return 0;
}
