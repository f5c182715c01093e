/* scenario.h: scenario files (SPEC §2, docs/scenario.md) -> model.
 * Reads the INI file through inih with a line reader of our own (whole
 * physical lines, counted, longer than 199 characters refused), applies the
 * --set overrides, validates every section and key, reads the tables it
 * names and resolves the calendars: the result is a complete model or an
 * err "FILE:LINE: what is wrong" (or "--set KIND.NAME.KEY: ..."). */
#ifndef SUPSIM_SCENARIO_H
#define SUPSIM_SCENARIO_H

#include <stddef.h>

#include "err.h"
#include "model.h"

/* Load `path`; sets[0..nsets) are --set texts "KIND.NAME.KEY=VALUE" or
 * "KIND.KEY=VALUE", applied in order before validation (a later one wins).
 * On success fills *m (caller: model_fini) and returns 0; on failure
 * returns -1 with e set and *m left zeroed. */
int scenario_load(const char *path, const char *const *sets, size_t nsets,
		  model *m, err *e);

/* Every key the parser accepts, as "SECTION.KEY" with SECTION the section
 * kind ("scenario.name", "team.agents", "segment.tier", "sla.PRIORITY",
 * "policy.TEAM.agents", ...); a NULL-terminated static list.  The test suite
 * checks it against docs/scenario.md. */
const char *const *scenario_keys(void);

#endif
