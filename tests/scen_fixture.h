/* scen_fixture.h: a scenario file loaded for a test (with --set
 * overrides), or the test fails with the loader's "FILE:LINE: message".
 * Header-only; include after <cmocka.h>. */
#ifndef SUPSIM_SCEN_FIXTURE_H
#define SUPSIM_SCEN_FIXTURE_H

#include <string.h>

#include "input/scenario.h"

static inline void scen_load_ok(const char *path, const char *const *sets, size_t nsets, model *m)
{
	err e;

	memset(&e, 0, sizeof(e));
	if (scenario_load(path, sets, nsets, m, &e))
		fail_msg("%s:%d: %s", e.file, e.line, e.msg);
}

#endif
