#!/bin/sh
# tests/run.sh BUILD_DIR...: run the whole suite once per build variant and
# end with one total line "N passed, N failed".
#  - every cmocka binary BUILD/tests/test_* (its own summary lines are read);
#  - every script tests/cli/*.sh but lib.sh (their shared helpers), with
#    SUPSIM=BUILD/supsim, which prints one line "PASS name" or
#    "FAIL name: why" per case.
# $VALGRIND, when set, prefixes every test binary.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for build in "$@"; do
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		echo "== $t"
		# shellcheck disable=SC2086
		${VALGRIND:-} "$t" >"$log" 2>&1
		rc=$?
		cat "$log"
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "FAIL $t: exit status $rc"
			f=1
		fi
		passed=$((passed + p))
		failed=$((failed + f))
	done
	for s in tests/cli/*.sh; do
		[ -f "$s" ] || continue
		[ "$s" = tests/cli/lib.sh ] && continue # sourced by the others
		echo "== $s ($build)"
		SUPSIM="$top/$build/supsim" sh "$s" >"$log" 2>&1
		rc=$?
		cat "$log"
		p=$(grep -c '^PASS ' "$log")
		f=$(grep -c '^FAIL ' "$log")
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			echo "FAIL $s: exit status $rc"
			f=1
		fi
		passed=$((passed + p))
		failed=$((failed + f))
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
