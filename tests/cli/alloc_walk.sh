#!/bin/sh
# tests/cli/alloc_walk.sh: every allocation of check, run, compare and plot
# fails in turn (issue 14, item 4; docs/architecture.md "Allocation failures").
# With SUPSIM_FAIL_ALLOC=N the Nth call of sim/mem.h returns NULL (builds
# with SUPSIM_FAULT only: SAN=1, DEBUG=1; elsewhere this test says SKIP).
# For each command on tests/data/alloc_walk.ini, N walks from 1 to the
# command's total (SUPSIM_COUNT_ALLOC=1 tells it), and each run must
#  - exit 1 (not 0, not 2, not a signal, not a sanitizer's report: ASan's
#    and UBSan's exit statuses are set apart here, and LeakSanitizer is on);
#  - say so on stderr: "out of memory", or a file's "PATH: Cannot allocate
#    memory" (strerror(ENOMEM) from a call that failed with it);
#  - leave the results folder as it was (or, when the failure came after
#    the folder was in place, the same complete results): no half-written
#    folder, no .tmp-/.new-/.old- leftovers beside it.
# check and run -j 1 walk every N.  compare, run -j 2 (the workers
# allocate on their own threads: which call is the Nth then varies, every N
# must still fail cleanly) and run --trace (the trace sinks) walk every N
# after the first C, C being check's total, and every 8th of the first C:
# those are the loader's allocations (and check's own few), the same calls
# that check and run walk in full; that keeps the test near 2 minutes.
# plot allocates nothing through sim/mem.h (fixed buffers; libc's own
# allocations are not counted): its total, 0, is checked and said.
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

# folder_ok: the results folder $tmp/out/res is the reference's copy, and
# nothing else is beside it.
folder_ok() {
	[ "$(find "$tmp/out" -mindepth 1 -maxdepth 1 | wc -l)" -eq 1 ] || return 1
	diff -r -q "$tmp/ref" "$tmp/out/res" >/dev/null 2>&1
}

# walk NAME OUTPUT SPARSE ARGS...: N from 1 to the total, every 8th only
# up to SPARSE (0: every N); OUTPUT is "yes" when the command writes the
# results folder $tmp/out/res.
walk() {
	name=$1 writes=$2 sparse=$3
	shift 3
	if [ -n "$only" ] && ! echo " $only " | grep -q " $name "; then
		return
	fi
	rm -rf "$tmp/out" "$tmp/ref"
	mkdir "$tmp/out"
	# the most of three runs: with -j 2 a second worker makes its engine
	# context only when it gets a job first, so the total varies
	n=$( (total "$@"; total "$@"; total "$@") | sort -n | tail -1)
	if [ -z "$n" ]; then
		echo "FAIL alloc-walk-$name: supsim $* failed with no allocation failing"
		return
	fi
	[ "$writes" = yes ] && cp -a "$tmp/out/res" "$tmp/ref"
	bad=0 why='' walked=0 unreached=0
	i=1
	t0=$(date +%s)
	while [ "$i" -le "$n" ]; do
		if [ "$i" -le "$sparse" ] && [ $((i % 8)) -ne 1 ]; then
			i=$((i + 1))
			continue
		fi
		SUPSIM_FAIL_ALLOC=$i SUPSIM_COUNT_ALLOC=1 "$SUPSIM" "$@" >/dev/null 2>"$tmp/err"
		rc=$?
		made=$(sed -n 's/^supsim: \([0-9]*\) allocations$/\1/p' "$tmp/err")
		if [ "$rc" -eq 0 ] && [ "${made:-0}" -lt "$i" ]; then
			unreached=$((unreached + 1)) # this run made fewer (-j 2)
			i=$((i + 1))
			continue
		fi
		walked=$((walked + 1))
		w=
		if [ "$rc" -ne 1 ]; then
			w="exit status $rc"
		elif grep -q -E 'Sanitizer|runtime error' "$tmp/err"; then
			w="a sanitizer's report"
		elif ! grep -q -E 'out of memory|Cannot allocate memory' "$tmp/err"; then
			w="no 'out of memory' nor 'Cannot allocate memory' on stderr: $(head -c 200 "$tmp/err" | tr '\n' ' ')"
		elif [ "$writes" = yes ] && ! folder_ok; then
			w="the results folder changed or leftovers beside it: $(find "$tmp/out" -mindepth 1 -maxdepth 1 | tr '\n' ' ')"
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
		if [ "$sparse" -gt 0 ]; then
			how="$walked failed in turn: every 8th of the first $sparse (the loader's, walked by check), every one after"
		else
			how="every one failed in turn"
		fi
		[ "$unreached" -gt 0 ] && how="$how; $unreached N past that run's own total"
		echo "PASS alloc-walk-$name ($n allocations, $how, $(($(date +%s) - t0)) s)"
	else
		echo "FAIL alloc-walk-$name: $bad of $walked allocations (of $n) failed badly$why"
	fi
}

loader=$(total check "$scen")
if [ -z "$loader" ]; then
	echo "SKIP alloc-walk: $SUPSIM has no fault injection (build with SAN=1 or DEBUG=1: SUPSIM_FAULT)"
	exit 0
fi
walk check no 0 check "$scen"
walk run yes 0 run -q -j 1 -o "$tmp/out/res" "$scen"
walk compare yes "$loader" compare -q -j 1 -o "$tmp/out/res" "$scen"
walk run-j2 yes "$loader" run -q -j 2 -o "$tmp/out/res" "$scen"
walk run-trace yes "$loader" run -q -j 1 --trace -o "$tmp/out/res" "$scen"
# plot reads a results folder (the reference run's)
if [ -z "$only" ] || echo " $only " | grep -q " plot "; then
	"$SUPSIM" run -q -j 1 -o "$tmp/plotted" "$scen" >/dev/null 2>&1
	n=$(total plot "$tmp/plotted")
	if [ "$n" = 0 ]; then
		echo "PASS alloc-walk-plot (0 allocations through sim/mem.h: nothing to fail)"
	else
		walk plot no 0 plot "$tmp/plotted"
	fi
fi
