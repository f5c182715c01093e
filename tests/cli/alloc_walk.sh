#!/bin/sh
# tests/cli/alloc_walk.sh: every allocation of check, run, compare and plot
# fails in turn (issue 14, item 4; docs/testing.md "Allocation failures").
# With SUPSIM_FAIL_ALLOC=N the Nth call of sim/mem.h returns NULL (builds
# with SUPSIM_FAULT only: SAN=1, DEBUG=1; elsewhere this test says SKIP).
# For each command on tests/data/alloc_walk.ini, N walks from 1 to the
# command's total (SUPSIM_COUNT_ALLOC=1 tells it), every N, and each run
# must
#  - exit 1 (not 0, not 2, not a signal, not a sanitizer's report: ASan's
#    and UBSan's exit statuses are set apart here, and LeakSanitizer is on);
#  - say "out of memory" on stderr;
#  - leave the results folder as it was (or, when the failure came after
#    the folder was in place, the same complete results): no half-written
#    folder, no .tmp-/.new-/.old- leftovers beside it.
# run is walked with -j 1 (the order of allocations is then fixed) and
# again with -j 2 (the workers allocate on their own threads; which call is
# the Nth then varies, every N still has to fail cleanly).
# Prints "PASS name" or "FAIL name: why" per command, with its total, and a
# line per bad N (up to 10).  Arguments, if any, pick the walks to make
# (check run run-j2 compare plot), e.g. while fixing one.
only=$*
cd "$(dirname "$0")/../.." || exit 1
: "${SUPSIM:=build/supsim}"
scen=tests/data/alloc_walk.ini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# exit statuses that no supsim path uses: a sanitizer's report is never
# taken for supsim's own exit 1
ASAN_OPTIONS=detect_leaks=1:exitcode=99:allocator_may_return_null=1
UBSAN_OPTIONS=exitcode=98:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS
unset SUPSIM_FAIL_ALLOC SUPSIM_COUNT_ALLOC

# total ARGS...: how many allocations the command makes when none fails;
# empty without fault injection or when the command fails.
total() {
	SUPSIM_COUNT_ALLOC=1 "$SUPSIM" "$@" 2>&1 >/dev/null |
		sed -n 's/^supsim: \([0-9]*\) allocations$/\1/p'
}

# same_or_absent: the results folder $tmp/res is the reference's copy, and
# nothing else is beside it.
folder_ok() {
	[ -z "$(ls -A "$tmp/out" | grep -v '^res$')" ] || return 1
	diff -r -q "$tmp/ref" "$tmp/out/res" >/dev/null 2>&1
}

# walk NAME OUTPUT ARGS...: N from 1 to the total; OUTPUT is "yes" when the
# command writes the results folder $tmp/out/res.
walk() {
	name=$1 writes=$2
	shift 2
	if [ -n "$only" ] && ! echo " $only " | grep -q " $name "; then
		return
	fi
	rm -rf "$tmp/out" "$tmp/ref"
	mkdir "$tmp/out"
	n=$(total "$@")
	if [ -z "$n" ]; then
		echo "FAIL alloc-walk-$name: supsim $* failed with no allocation failing"
		return
	fi
	[ "$writes" = yes ] && cp -a "$tmp/out/res" "$tmp/ref"
	bad=0 why=
	i=1
	t0=$(date +%s)
	while [ "$i" -le "$n" ]; do
		SUPSIM_FAIL_ALLOC=$i "$SUPSIM" "$@" >/dev/null 2>"$tmp/err"
		rc=$?
		w=
		if [ "$rc" -ne 1 ]; then
			w="exit status $rc"
		elif grep -q -E 'Sanitizer|runtime error' "$tmp/err"; then
			w="a sanitizer's report"
		elif ! grep -q -E 'out of memory|Cannot allocate memory' "$tmp/err"; then
			w="no 'out of memory' nor 'Cannot allocate memory' on stderr: $(head -c 200 "$tmp/err" | tr '\n' ' ')"
		elif [ "$writes" = yes ] && ! folder_ok; then
			w="the results folder changed or leftovers beside it: $(ls -A "$tmp/out" | tr '\n' ' ')"
			rm -rf "$tmp/out"
			mkdir "$tmp/out"
			cp -a "$tmp/ref" "$tmp/out/res"
		fi
		if [ -n "$w" ]; then
			bad=$((bad + 1))
			[ "$bad" -le 10 ] && why="$why; N=$i: $w" &&
				echo "  $name N=$i: $w: $(grep -m1 -E 'ERROR|runtime error|SUMMARY' "$tmp/err")"
		fi
		i=$((i + 1))
	done
	if [ "$bad" -eq 0 ]; then
		echo "PASS alloc-walk-$name ($n allocations, every one failed in turn, $(($(date +%s) - t0)) s)"
	else
		echo "FAIL alloc-walk-$name: $bad of $n allocations failed badly$why"
	fi
}

if [ -z "$(total check "$scen")" ]; then
	echo "SKIP alloc-walk: $SUPSIM has no fault injection (build with SAN=1 or DEBUG=1: SUPSIM_FAULT)"
	exit 0
fi
walk check no check "$scen"
walk run yes run -q -j 1 -o "$tmp/out/res" "$scen"
walk run-j2 yes run -q -j 2 -o "$tmp/out/res" "$scen"
walk compare yes compare -q -j 1 -o "$tmp/out/res" "$scen"
# plot reads a results folder (the reference run's)
SUPSIM_COUNT_ALLOC= "$SUPSIM" run -q -j 1 -o "$tmp/plotted" "$scen" >/dev/null 2>&1
walk plot no plot "$tmp/plotted"
