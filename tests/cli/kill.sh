#!/bin/sh
# tests/cli/kill.sh: a run killed at a random moment (SIGINT, SIGTERM or
# SIGKILL), 20 times in a row into the same results folder, leaves that
# folder holding either the previous complete results or the new complete
# results: never a truncated file, never files of two runs (issue 6,
# acceptance 4; docs/results.md "Written whole or not at all").
# Two reference folders are made first, with seeds 1 and 2; each round runs
# the seed the folder does not hold, so after it the folder must equal one
# reference byte for byte: the previous one after exit 1 (SIGINT, SIGTERM:
# the run stopped, removed its temporary folder and left the results alone),
# the new one after exit 0 (the signal came after the results were in place),
# either after SIGKILL (whose temporary folder the next round removes).
# The choices (signal, moment as a share of a full run's time, counted from
# the moment supsim has set its signal handlers) come from awk's srand(1).
# Prints "PASS name" or "FAIL name: why" per round and a total.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
res=$tmp/res
args="tests/data/spring-2020-v1.ini -q --trace -r 4 --set scenario.duration=6w"

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# The references; each CSV's rows all have its header's column count (no
# field of these scenarios holds a comma).
t0=$(now_ms)
# shellcheck disable=SC2086
"$SUPSIM" run $args -s 1 -o "$tmp/ref1" >/dev/null 2>&1 || {
	echo "FAIL kill-reference: seed 1 run failed"
	exit 1
}
t1=$(now_ms)
# shellcheck disable=SC2086
"$SUPSIM" run $args -s 2 -o "$tmp/ref2" >/dev/null 2>&1 || {
	echo "FAIL kill-reference: seed 2 run failed"
	exit 1
}
# the faster of the two (the first may have paid for cold caches)
full_ms=$((t1 - t0))
[ $(($(now_ms) - t1)) -lt "$full_ms" ] && full_ms=$(($(now_ms) - t1))
for d in ref1 ref2; do
	for f in summary timeseries teams tickets; do
		awk -F, -v f="$d/$f.csv" 'NR == 1 { n = NF } NF != n { bad = NR } END {
			if (NR < 2 || bad) { printf "FAIL kill-reference: %s line %d\n", f, bad; exit 1 } }' \
			"$tmp/$d/$f.csv" || exit 1
	done
done
if same_dirs "$tmp/ref1" "$tmp/ref2" >/dev/null; then
	echo "FAIL kill-reference: seeds 1 and 2 gave the same results"
	exit 1
fi
cp -a "$tmp/ref1" "$res"
held=1
echo "PASS kill-reference (a full run takes $full_ms ms)"

. tests/started.sh # started PID

nprev=0
nnew=0
awk 'BEGIN {
	srand(1)
	for (i = 1; i <= 20; i++)
		printf "%02d %s %.3f\n", i, substr("INT TERMKILL", 1 + 4 * int(rand() * 3), 4), 1.15 * rand()
}' >"$tmp/plan"
while read -r round sig share; do
	new=$((3 - held))
	delay=$(awk -v s="$share" -v ms="$full_ms" 'BEGIN { printf "%.3f", s * ms / 1000 }')
	# a shell starts a background job with SIGINT ignored: reset it, as a
	# terminal's job control would, so that SIGINT reaches supsim
	# shellcheck disable=SC2086
	env --default-signal=INT "$SUPSIM" run $args -s "$new" -o "$res" >"$tmp/out" 2>&1 &
	pid=$!
	started "$pid"
	sleep "$delay"
	kill -s "$sig" "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null # no "Killed" from the shell
	rc=$?
	name="kill-$round $sig after $delay s"
	if same_dirs "$res" "$tmp/ref$held" >/dev/null; then
		got=previous
	elif same_dirs "$res" "$tmp/ref$new" >/dev/null; then
		got=new
	else
		echo "FAIL $name: exit $rc, the folder matches neither reference: $(ls -lA "$res" | tr '\n' ' ')"
		continue
	fi
	why=""
	case "$sig.$rc" in
	INT.1 | TERM.1) [ "$got" = previous ] || why="exit 1 but the new results are in place" ;;
	*.0) [ "$got" = new ] || why="exit 0 but the previous results are still there" ;;
	KILL.137) ;;
	*) why="exit status $rc: $(head -c 200 "$tmp/out")" ;;
	esac
	if [ "$sig" != KILL ] && [ -n "$(leftovers "$res")" ]; then
		why="$why left behind: $(leftovers "$res")"
	fi
	if [ -n "$why" ]; then
		echo "FAIL $name: $why"
	else
		echo "PASS $name: exit $rc, $got results"
	fi
	if [ "$got" = new ]; then
		held=$new
		nnew=$((nnew + 1))
	else
		nprev=$((nprev + 1))
	fi
done <"$tmp/plan"

# a last run to the end: it clears what SIGKILL left, and its results stand
# shellcheck disable=SC2086
"$SUPSIM" run $args -s 1 -o "$res" >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
	echo "FAIL kill-final: exit status $rc: $(head -c 200 "$tmp/out")"
elif [ -n "$(leftovers "$res")" ]; then
	echo "FAIL kill-final: left behind: $(leftovers "$res")"
elif ! same_dirs "$res" "$tmp/ref1" >/dev/null; then
	echo "FAIL kill-final: the folder differs from the seed 1 reference"
else
	echo "PASS kill-final (20 rounds: $nprev left the previous results, $nnew the new)"
fi
