#!/bin/sh
# tests/cli/spring_plan.sh: issue 15, acceptance 3, on the shipped spring-2020.
#  - staff --by week through the whole surge and its decline: the shipped
#    scenario with its one policy pre-may (the others dropped, to keep the
#    test affordable), from 24 February (a week of warm-up, then the first
#    week of the March ramp) over 26 weeks to 24 August: the surge table
#    (scenarios/surges/spring-2020.csv) rises through March, holds its peak
#    from 22 April to 13 May, then falls to x13.7 by 12 August.  4
#    replications, staff.confidence=mean.  The heads (all teams) of the
#    busiest week exceed both those of the first week and of the last;
#  - the roster-TEAM.csv files, run with --set
#    policy.pre-may.TEAM.roster=... and
#    --from/--to one week (the first, the busiest and the last), give that
#    week's P1-P4, phone and chat attainment of staff_plan.csv within the
#    run's 95 % interval (docs/staff.md says exactly).
# About 40 s: normal build only (SUPSIM not in a /san/ folder).
cd "$(dirname "$0")/../.." || exit 1
: "${SUPSIM:=build/supsim}"
case $SUPSIM in */san/*) echo "PASS spring-plan-skipped (sanitizers: normal build only)"; exit 0 ;; esac
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# the shipped file, policy pre-may alone; its data files by their paths
for d in profiles surges rosters; do ln -s "$PWD/scenarios/$d" "$dir/$d"; done
awk '/^\[policy / { keep = ($2 == "pre-may]") } /^\[/ && !/^\[policy / { keep = 1 } keep' \
	scenarios/spring-2020.ini >"$dir/spring.ini"
s=$dir/spring.ini
opts="--set scenario.start=2020-02-24T00:00Z --set scenario.duration=26w -r 4 -j 2 -q"

# shellcheck disable=SC2086
if ! "$SUPSIM" staff "$s" --by week $opts --set staff.confidence=mean -o "$dir/plan" 2>"$dir/err"; then
	echo "FAIL spring-plan-staff: $(grep -v warning "$dir/err" | head -n 3)"
	exit 0
fi
plan=$dir/plan/staff_plan.csv
# heads per week: "period heads", in order
awk -F, '$1 == "pre-may" { h[$2] += $4; if (!($2 in h0)) { h0[$2] = 1; o[++n] = $2 } }
	END { for (i = 1; i <= n; i++) print o[i], h[o[i]] }' "$plan" >"$dir/heads"
first=$(head -n 1 "$dir/heads")
last=$(tail -n 1 "$dir/heads")
max=$(sort -k2,2n "$dir/heads" | tail -n 1)
all=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 }' "$dir/heads")
# shellcheck disable=SC2086
set -- $first $max $last
if [ "$4" -gt "$2" ] && [ "$4" -gt "$6" ]; then
	echo "PASS spring-plan-heads-rise-and-fall (week of $1: $2 heads; busiest, $3: $4; last, $5: $6; by week: $all)"
else
	echo "FAIL spring-plan-heads-rise-and-fall: week of $1: $2 heads; busiest, $3: $4; last, $5: $6 (by week: $all)"
fi

rosters=
for t in americas europe apac p1-desk; do
	rosters="$rosters --set policy.pre-may.$t.roster=$dir/plan/roster-$t.csv"
done
bad=0
for week in "$1" "$3" "$5"; do
	from=$(echo "$week" | cut -c1-10)
	to=$(date -u -d "$from + 6 days" +%Y-%m-%d)
	# shellcheck disable=SC2086
	if ! "$SUPSIM" run "$s" $opts $rosters --from "$from" --to "$to" -o "$dir/w" 2>"$dir/err"; then
		bad=1; echo "  run of the week of $from failed: $(grep -v warning "$dir/err" | head -n 2)"
		continue
	fi
	# goal name, attainment, interval half-width of the run
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "pre-may" && $2 == "all" && $4 == "all" && $3 ~ /^P[1-4]$/ {
			print $3, $c["attainment"], $c["attainment_ci95"] }
		$1 == "pre-may" && $2 == "all" && $3 == "all" && ($4 == "phone" || $4 == "chat") {
			print $4, $c["attainment"], $c["attainment_ci95"] }' "$dir/w/summary.csv" >"$dir/run"
	awk -F, -v w="$week" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == "pre-may" && $2 == w { for (g in c) if (g ~ /^(P[1-4]|phone|chat)$/) print g, $c[g]; exit }' \
		"$plan" >"$dir/want"
	out=$(awk 'NR == FNR { want[$1] = $2; next }
		{ n++; d = $2 - want[$1]; if (d < 0) d = -d
		  if (!($1 in want) || d > $3 + 1e-6) print $1 ": run " $2 " +-" $3 ", staff_plan " want[$1] }
		END { if (n != 6) print "goals compared: " n }' "$dir/want" "$dir/run")
	[ -z "$out" ] || { bad=1; echo "  week of $from: $out"; }
done
[ "$bad" = 0 ] && echo "PASS spring-plan-roster-reproduces (weeks of $1, $3 and $5: P1-P4, phone, chat)" ||
	echo "FAIL spring-plan-roster-reproduces"
