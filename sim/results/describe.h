/* describe.h: the resolved model in plain text, as `supsim check` prints
 * it: segments with mean and peak arrival rates, teams with their hours in
 * UTC (first week, and the week after the first daylight-saving change in
 * the horizon), each policy's entitlements, and per channel the offered
 * load against the staffed capacity, hour by hour. */
#ifndef SUPSIM_DESCRIBE_H
#define SUPSIM_DESCRIBE_H

#include <stdio.h>

#include "model.h"

/* Writes to out; 0, or -1 when a write failed (errno set). */
int describe_model(const model *m, FILE *out);

#endif
