#!/bin/sh
# tests/cli/cli.sh: the command line of SPEC §3 as a user meets it: help,
# version, exit codes, the verbs not built yet, and what `check` prints of
# a team's hours across a daylight-saving change.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

expect help 0 '^usage: supsim COMMAND' "$SUPSIM" --help
expect version 0 '^supsim [0-9]' "$SUPSIM" --version
expect no-args 2 '^usage:' "$SUPSIM"
expect unknown-command 2 "unknown command 'frobnicate'" "$SUPSIM" frobnicate
expect unknown-option 2 "unknown option '--bogus'" "$SUPSIM" run scenarios/mmc.ini --bogus
expect missing-scenario 2 'missing SCENARIO.ini' "$SUPSIM" run
expect bad-reps 2 '-r wants a whole number' "$SUPSIM" run scenarios/mmc.ini -r 0
expect bad-threads 2 '-j wants a whole number' "$SUPSIM" run scenarios/mmc.ini -j x
expect check-rejects-run-options 2 'does not apply to check' "$SUPSIM" check scenarios/mmc.ini -r 3
expect missing-file 2 'nope.ini' "$SUPSIM" check tests/nope.ini
for v in run compare staff plot check; do
	expect "help-$v" 0 "^usage: supsim $v" "$SUPSIM" "$v" --help
done

# check: the shipped scenarios pass, and a Paris team's 09:00 start moves
# from 08:00Z to 07:00Z across 2020-03-29.
expect check-spring-2020 0 '^policy may-june-2020' "$SUPSIM" check scenarios/spring-2020.ini
expect check-mmc 0 '^policy default' "$SUPSIM" check scenarios/mmc.ini
expect paris-before-change 0 'Mon 2020-03-23T08:00Z .. Mon 2020-03-23T16:00Z' \
	"$SUPSIM" check tests/good/paris-dst.ini
expect paris-change 0 'daylight-saving change at Sun 2020-03-29T01:00Z (UTC+1 h -> UTC+2 h)' \
	"$SUPSIM" check tests/good/paris-dst.ini
expect paris-after-change 0 'Mon 2020-03-30T07:00Z .. Mon 2020-03-30T15:00Z' \
	"$SUPSIM" check tests/good/paris-dst.ini
expect check-set 0 'paris: 9 agents' \
	"$SUPSIM" check tests/good/paris-dst.ini --set team.paris.agents=9
expect check-load 0 'web    offered mean' "$SUPSIM" check tests/good/paris-dst.ini

# --from/--to: only the contacts of those dates count (240/d x 7 days = 1680
# expected per replication; 10 replications: the mean's sd is 13, so
# 3.3 standard errors are +-43)
if "$SUPSIM" run scenarios/mmc.ini -q -o "$tmp/w" --from 2020-01-20 --to 2020-01-26 >"$out" 2>&1; then
	n=$(awk -F, '$2 == "all" && $3 == "all" && $4 == "all" { print $5 }' "$tmp/w/summary.csv")
	if awk -v n="$n" 'BEGIN { exit !(n >= 1637 && n <= 1723) }'; then
		echo "PASS window-counts ($n arrivals)"
	else
		echo "FAIL window-counts: $n arrivals, expected 1680 +- 43"
	fi
else
	echo "FAIL window-counts: $(head -c 300 "$out")"
fi
expect window-empty 2 'an empty window' "$SUPSIM" run scenarios/mmc.ini --from 2020-01-26 --to 2020-01-20
expect window-bad-date 2 "^--from: bad date '2020-13-01'" "$SUPSIM" run scenarios/mmc.ini --from 2020-13-01
expect window-outside 2 'outside the horizon' "$SUPSIM" run scenarios/mmc.ini --from 2021-01-01
