#!/bin/sh
# tests/cli/safety_in.sh: inputs that ate memory, hung or reached the
# terminal raw (issue 9, items 9, 10, 12-15).  Memory cases run under
# `ulimit -v` (so a regression fails fast instead of taking the machine
# down; skipped for a sanitizer build, whose shadow memory needs far more
# address space), hang cases under `timeout`.  Each case takes at most a few
# seconds.  Prints "PASS name" or "FAIL name: why" per case.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
san=0
grep -qa __asan_init "$SUPSIM" && san=1

# limited KB CMD...: CMD under `ulimit -v KB` (none in a sanitizer build)
limited() {
	kb=$1
	shift
	if [ "$san" = 1 ]; then
		"$@"
	else
		(ulimit -v "$kb" && exec "$@")
	fi
}

# feed FIFO SHELL-TEXT: a named pipe that SHELL-TEXT writes into, in the
# background; the writer is gone after 15 s at the latest, even if nothing
# ever opened the pipe
feed() {
	mkfifo "$1"
	timeout 15 sh -c "exec >'$1' 2>/dev/null; $2" &
}

# mmc.ini with its channel's handling time from an empirical table
emp() { # emp NAME TABLE
	sed "s|^handle = .*|handle = empirical(file=$2)|" scenarios/mmc.ini >"$tmp/$1.ini"
}

# ---- item 9: out of memory while loading is a failure while running -----
{
	echo duration
	seq 1 2000000
} >"$tmp/big.csv"
emp oom big.csv
if [ "$san" = 1 ]; then
	echo "PASS oom-while-loading (skipped: sanitizer build)"
else
	expect oom-while-loading 1 '^.*big.csv:[0-9]*: out of memory while loading the table$' \
		limited 16000 "$SUPSIM" check "$tmp/oom.ini"
fi

# ---- item 10: control bytes of the input are escaped in messages -------
printf '[scenario]\nname = x\n[team d\033[2J\001]\nagents = 1\n' >"$tmp/esc.ini"
printf '[scenario]\nname = x\n\302\233\377\001ab\tc = 1\n' >"$tmp/bin.ini"
printf '[scenario]\nname = x\nZ\303\274rich = 1\n' >"$tmp/utf8.ini"
# control: bytes 0-31 but for the line end, DEL, C1 (UTF-8 c2 80-9f), bytes
# that are no UTF-8 (here \377)
raw_bytes() { LC_ALL=C tr -d '\n' <"$1" | LC_ALL=C grep -c "$(printf '[\001-\037\177\377]\\|\302[\200-\237]')"; }
for f in esc bin; do
	"$SUPSIM" check "$tmp/$f.ini" >"$out" 2>&1
	if [ "$(raw_bytes "$out")" != 0 ]; then
		fail "escape-$f" "raw control bytes in: $(od -c "$out" | head -3)"
	else
		pass "escape-$f"
	fi
done
expect escape-esc-shown 2 "bad section name 'd\\\\x1b\\[2J\\\\x01'" "$SUPSIM" check "$tmp/esc.ini"
expect escape-bin-shown 2 "unknown key '\\\\xc2\\\\x9b\\\\xff\\\\x01ab\\\\x09c'" \
	"$SUPSIM" check "$tmp/bin.ini"
expect escape-keeps-utf8 2 "unknown key 'Z$(printf '\303\274')rich'" "$SUPSIM" check "$tmp/utf8.ini"
head -c 20000 /dev/urandom >"$tmp/random.ini"
"$SUPSIM" check "$tmp/random.ini" >"$out" 2>&1
rc=$?
if [ "$rc" != 2 ] || [ "$(raw_bytes "$out")" != 0 ]; then
	fail escape-urandom "exit $rc: $(od -c "$out" | head -3)"
else
	pass escape-urandom
fi

# ---- item 12: endless lines and fields, NUL bytes -----------------------
expect dev-zero-scenario 2 '^/dev/zero:1: NUL byte in the line' \
	limited 200000 timeout 5 "$SUPSIM" check /dev/zero
expect dev-zero-profile 2 '^/dev/zero:1: NUL byte in the line' \
	limited 200000 timeout 5 "$SUPSIM" check --set segment.customers.profile=/dev/zero \
	scenarios/mmc.ini
# an endless line without NUL bytes: a pipe of 'y's
feed "$tmp/fifo" "yes | tr -d '\\n'"
expect endless-scenario-line 2 'fifo:1: line longer than 199 characters' \
	limited 200000 timeout 5 "$SUPSIM" check "$tmp/fifo"
feed "$tmp/fifo2" "echo duration; yes | tr -d '\\n'"
emp endless fifo2
expect endless-table-line 2 'fifo2:2: line longer than 4096 bytes' \
	limited 200000 timeout 5 "$SUPSIM" check "$tmp/endless.ini"
# a quoted field that never closes, its lines each short
feed "$tmp/fifo3" "printf 'duration\\n\"1\\n'; yes"
emp quoted fifo3
expect endless-quoted-field 2 'fifo3:[0-9]*: a record longer than 4096 bytes' \
	limited 200000 timeout 5 "$SUPSIM" check "$tmp/quoted.ini"
printf 'duration\n0\n5\000junk\n' >"$tmp/nul.csv"
emp nul nul.csv
expect nul-in-table 2 'nul.csv:3: NUL byte in the line' "$SUPSIM" check "$tmp/nul.ini"
{
	echo duration
	printf '#'
	head -c 4095 /dev/zero | tr '\0' x
	printf '\r\n#'
	head -c 4096 /dev/zero | tr '\0' x
	printf '\n1\n'
} >"$tmp/limit.csv"
emp limit limit.csv
expect table-line-limit 2 'limit.csv:3: line longer than 4096 bytes' "$SUPSIM" check "$tmp/limit.ini"

# ---- item 13: sizes that took quadratic time ----------------------------
# mmc.ini over two weeks of office hours with 100,000 agents: every shift end
# sends them home (it never finished)
sed 's/^agents = 5/agents = 100000/; s/^hours = .*/hours = Mon-Fri 08:00-17:00/;
     s/^duration = 8w/duration = 2w/; s/^warmup = 1w/warmup = 1d/' scenarios/mmc.ini >"$tmp/agents.ini"
expect agents-100000 0 'policy default' \
	limited 2000000 timeout 20 "$SUPSIM" run "$tmp/agents.ini" -r 1 -j 1 -o "$tmp/agents"
# 5,000 tiers, one segment each, seven distinct weights (54 s)
awk '/^\[segment customers\]/ { exit } { sub(/^duration = 8w/, "duration = 1w"); sub(/^warmup = 1w/, "warmup = 1d"); print }' \
	scenarios/mmc.ini >"$tmp/tiers.ini"
awk 'BEGIN {
	for (i = 0; i < 5000; i++)
		printf "[segment s%d]\ntier = T%d\nrole = user\nvolume = 1/d\npriority = P1:0.2 P2:0.8\nchannel = web:1\n", i, i
	print "[tiers]"
	for (i = 0; i < 5000; i++)
		printf "T%d = %d\n", i, 1 + i % 7
	print "[team desk]\nagents = 5\nhours = 24x7\nskills = web"
}' >>"$tmp/tiers.ini"
expect tiers-5000 0 'policy default' \
	limited 2000000 timeout 20 "$SUPSIM" run "$tmp/tiers.ini" -r 1 -j 1 -o "$tmp/tiers"
# 80,000 keys in [sla] (11 s), and an endless [sla] read from a pipe: the
# ninth priority is refused at its line, nothing after it is read
awk 'BEGIN { print "[scenario]\nstart = 2020-01-06\nduration = 1w\n[sla]"
	for (i = 0; i < 80000; i++) printf "P%d = 1h\n", i }' >"$tmp/sla.ini"
expect sla-80000-keys 2 'sla.ini:13: more than 8 priorities' \
	limited 200000 timeout 3 "$SUPSIM" check "$tmp/sla.ini"
printf '[scenario]\nstart = 2020-01-06\nduration = 1w\n[sla]\n' >"$tmp/slahead"
feed "$tmp/slafifo" "cat '$tmp/slahead'; yes | awk '{ printf \"P%d = 1h\\n\", NR }'"
expect sla-endless 2 'slafifo:13: more than 8 priorities' \
	limited 200000 timeout 3 "$SUPSIM" check "$tmp/slafifo"
# channel targets in [sla] are not priorities: eight priorities and two
# channel keys are fine
sed 's/^P2 = 1h/P2 = 1h\nP3 = 2h\nP4 = 2h\nP5 = 2h\nweb = 30min\nP6 = 2h\nP1.web = 10min\nP7 = 2h\nP8 = 2h/' \
	scenarios/mmc.ini >"$tmp/sla8.ini"
expect sla-8-and-channels 0 'policy default' "$SUPSIM" check "$tmp/sla8.ini"
# 80,000 sections: duplicate checks by hash, not by scanning (17 s)
awk 'BEGIN { print "[scenario]\nstart = 2020-01-06\nduration = 1w\n[sla]\nP1 = 1h"
	for (i = 0; i < 80000; i++) printf "[team t%d]\nagents = 1\n", i
	print "[team t5]" }' >"$tmp/teams.ini"
expect sections-80000 2 'teams.ini:160006: duplicate section \[team t5\] (first at line 16)' \
	limited 400000 timeout 4 "$SUPSIM" check "$tmp/teams.ini"

# ---- item 14: a stop request is honoured within a second ----------------
. tests/started.sh # started PID

# interrupt NAME DELAY KB PATTERN CMD...: start CMD under `ulimit -v KB`
# (0: none) with SIGINT not ignored (as from a terminal), SIGINT after
# DELAY s; it must end within 1 s with exit status 1 and a line matching
# PATTERN.
interrupt() {
	name=$1 delay=$2 kb=$3 pattern=$4
	shift 4
	(
		[ "$san" = 1 ] || [ "$kb" = 0 ] || ulimit -v "$kb"
		exec env --default-signal=INT "$@"
	) >"$out" 2>&1 &
	pid=$!
	started "$pid"
	sleep "$delay"
	if ! kill -0 "$pid" 2>/dev/null; then
		fail "$name" "ended before the signal: $(head -c 300 "$out")"
		wait "$pid"
		return
	fi
	kill -s INT "$pid"
	n=0
	while [ "$n" -lt 20 ] && kill -0 "$pid" 2>/dev/null; do
		sleep 0.05
		n=$((n + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -s KILL "$pid"
		wait "$pid" 2>/dev/null
		fail "$name" "still running 1 s after SIGINT"
		return
	fi
	wait "$pid"
	status_line "$name" 1 "$pattern" $? "$out"
}

# loading a scenario that does not end (comment lines from a pipe)
feed "$tmp/comments.ini" "cat scenarios/mmc.ini; yes '; more'"
interrupt sigint-loading-scenario 0.5 2000000 'comments.ini:[0-9]*: interrupted while loading' \
	"$SUPSIM" run "$tmp/comments.ini" -o "$tmp/never1"
# loading a table that does not end (valid rows from a pipe)
feed "$tmp/rows.csv" "echo duration; yes 60"
emp rows rows.csv
interrupt sigint-loading-table 0.5 2000000 'rows.csv:[0-9]*: interrupted while loading' \
	"$SUPSIM" run "$tmp/rows.ini" -o "$tmp/never2"
# simulating: spring-2020 over many replications
interrupt sigint-running 1 0 'interrupted; no results written' \
	"$SUPSIM" run tests/data/spring-2020-v1.ini -r 400 -j 2 -o "$tmp/never3"
# allocating the tallies of many replications (seconds under the
# sanitizers): the stop request is honoured before the first event too
interrupt sigint-allocating 0.3 0 'interrupted' \
	"$SUPSIM" run tests/data/spring-2020-v1.ini -r 1000 -j 2 -o "$tmp/never5"
# simulating 100,000 agents sent home at every shift end, over a year
sed 's/duration = 2w/duration = 52w/' "$tmp/agents.ini" >"$tmp/agents52.ini"
interrupt sigint-agents 0.5 2000000 'interrupted; no results written' \
	"$SUPSIM" run "$tmp/agents52.ini" -r 4 -j 2 -o "$tmp/never4"

# ---- item 15: replications are bounded by what fits ---------------------
# every replication keeps its tallies until the results are written: at
# most 10,000, and a run whose tallies do not fit in the memory the process
# may use is refused before it allocates any (1,000,000 allocated until
# the machine ran out of memory)
sed 's/^replications = 10/replications = 1000000/' scenarios/mmc.ini >"$tmp/reps.ini"
expect reps-maximum 2 'reps.ini:12: bad integer .1000000.: expected an integer in \[1, 10000\]' \
	limited 2000000 timeout 10 "$SUPSIM" run "$tmp/reps.ini" -o "$tmp/reps"
expect reps-option-maximum 2 '-r wants a whole number from 1 to 10000' \
	limited 2000000 timeout 10 "$SUPSIM" run scenarios/mmc.ini -r 1000000 -o "$tmp/reps"
if [ "$san" = 1 ]; then
	echo "PASS reps-memory (skipped: sanitizer build)"
else
	expect reps-memory 1 '^10000 replications of 1 policy need [0-9]* MB of tallies' \
		limited 300000 timeout 10 "$SUPSIM" run scenarios/mmc.ini -r 10000 -o "$tmp/reps"
fi
[ -e "$tmp/reps" ] && fail reps-nothing-written "$tmp/reps exists" || pass reps-nothing-written
if [ "$san" = 1 ]; then
	echo "PASS reps-memory-staff (skipped: sanitizer build)"
else
	expect reps-memory-staff 1 '^2000 replications of 2 policies need [0-9]* MB of tallies' \
		limited 300000 timeout 10 "$SUPSIM" staff tests/data/spring-2020-v1.ini -r 2000 -o "$tmp/reps"
fi
