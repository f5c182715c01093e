#!/bin/sh
# tests/cli/layers.sh: the layers of sim/ (scripts/check-layers.sh,
# docs/architecture.md "Layers"): the tree passes, with the objects of the
# build under test for the cycles of calls; and the checker fails, saying
# why, on an upward include, an include cycle, two files calling each other,
# a header that does not compile alone and a file in no layer (--self-test,
# on a copy of sim/).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
objs=$(dirname "$SUPSIM")/obj/sim
out=$(sh scripts/check-layers.sh --objs "$objs" 2>&1)
if [ $? -eq 0 ]; then
	echo "PASS layers-tree"
else
	echo "FAIL layers-tree: $(echo "$out" | head -c 600)"
fi
sh scripts/check-layers.sh --self-test 2>&1
