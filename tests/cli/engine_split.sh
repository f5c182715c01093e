#!/bin/sh
# tests/cli/engine_split.sh: the engine split of issue 14 stays split: no
# file in sim/engine over 700 lines, and the internal header run_impl.h
# included only by the engine's own files (run.h is the interface).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

long=$(wc -l sim/engine/*.c sim/engine/*.h | awk '$2 != "total" && $1 > 700 { printf " %s (%d)", $2, $1 }')
if [ -z "$long" ]; then
	echo "PASS engine-split-sizes ($(wc -l sim/engine/*.c sim/engine/*.h | sort -n | awk '$2 != "total" { f = $2; n = $1 } END { printf "largest %s, %d lines", f, n }'))"
else
	echo "FAIL engine-split-sizes: over 700 lines:$long"
fi

out=$(grep -rl --include='*.[ch]' '#include "engine/run_impl.h"' sim tests bench 2>/dev/null | grep -v '^sim/engine/')
if [ -z "$out" ]; then
	echo "PASS engine-split-internal-header"
else
	echo "FAIL engine-split-internal-header: run_impl.h included outside sim/engine: $(echo "$out" | tr '\n' ' ')"
fi
