#!/bin/sh
# tests/cli/staff.sh: `supsim staff` finds Erlang C's minimum (14 agents for
# A = 10, 20 s, 85%) from above and from below; says when the goals cannot
# be met within max_agents; refuses a scenario without a goal (exit 2); and
# writes staff.csv, staff_goals.csv and the results of the staffing found.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

found() { awk -F, '$2 == "desk" { print $4 }' "$tmp/$1/staff.csv"; }
for start in 20 8; do
	if "$SUPSIM" staff tests/crn/staff.ini -q -o "$tmp/s$start" \
		--set team.desk.agents=$start 2>"$tmp/err"; then
		n=$(found "s$start")
		[ "$n" = 14 ] && echo "PASS staff-from-$start (14 agents)" ||
			echo "FAIL staff-from-$start: found $n agents, expected 14"
	else
		echo "FAIL staff-from-$start: $(head -n 3 "$tmp/err")"
	fi
done
for f in staff.csv staff_goals.csv summary.csv timeseries.csv teams.csv; do
	[ -s "$tmp/s20/$f" ] && echo "PASS staff-writes-$f" || echo "FAIL staff-writes-$f"
done
met=$(awk -F, 'NR == 2 { print $6 }' "$tmp/s20/staff_goals.csv")
[ "$met" = yes ] && echo "PASS staff-goal-met" || echo "FAIL staff-goal-met: '$met'"
# the summary of the staffing found agrees with the search's own figure
a=$(awk -F, 'NR == 2 { print $4 }' "$tmp/s20/staff_goals.csv")
b=$(awk -F, '$2 == "all" && $3 == "all" && $4 == "all" { print $11 }' "$tmp/s20/summary.csv")
[ "$a" = "$b" ] && echo "PASS staff-summary-agrees ($a)" ||
	echo "FAIL staff-summary-agrees: staff_goals $a, summary $b"

if "$SUPSIM" staff tests/crn/staff.ini -o "$tmp/cap" --set staff.max_agents=12 --set team.desk.agents=8 \
	>"$tmp/out" 2>&1; then
	n=$(found cap)
	met=$(awk -F, 'NR == 2 { print $6 }' "$tmp/cap/staff_goals.csv")
	[ "$n" = 8 ] && [ "$met" = no ] && grep -q 'ABOVE ITS CEILING' "$tmp/out" &&
		echo "PASS staff-cannot-meet (ceiling at 12 agents; teams left as written)" ||
		echo "FAIL staff-cannot-meet: $n agents, met '$met'"
else
	echo "FAIL staff-cannot-meet: exit status $?"
fi
"$SUPSIM" staff scenarios/mmc.ini -q -o "$tmp/nogoal" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q 'staff needs' "$tmp/err" && echo "PASS staff-needs-goal" ||
	echo "FAIL staff-needs-goal: exit $rc, $(head -n 1 "$tmp/err")"

# a team is never staffed down to turning every contact away (deflected)
if "$SUPSIM" staff tests/crn/staff-zero.ini -q -o "$tmp/zero" 2>"$tmp/err"; then
	n=$(found zero)
	[ "$n" = 1 ] && echo "PASS staff-not-zero" || echo "FAIL staff-not-zero: found $n agents, expected 1"
else
	echo "FAIL staff-not-zero: $(head -n 3 "$tmp/err")"
fi

# Several teams (spring-2020, 8 weeks, 4 replications): the staffing found
# is minimal team by team - one head less in any sized team of policy
# `normal` (the others as found) misses a goal or deflects more.
base="-q -r 4 --set scenario.duration=8w --set staff.confidence=mean"
# shellcheck disable=SC2086
if "$SUPSIM" staff tests/data/spring-2020-v1.ini $base -o "$tmp/sp" 2>"$tmp/err"; then
	sets=$(awk -F, '$1 == "normal" { printf " --set policy.normal.%s.agents=%s", $2, $4 }' \
		"$tmp/sp/staff.csv")
	goals=$(awk -F, '$1 == "normal" && $3 != "" { printf "%s:%s ", $2, $3 }' "$tmp/sp/staff_goals.csv")
	defl=$(awk -F, '$1 == "normal" && $2 == "all" && $3 == "all" && $4 == "all" { print $6 }' \
		"$tmp/sp/summary.csv")
	for team in $(awk -F, '$1 == "normal" && $5 == "yes" && $4 > 0 { print $2 }' "$tmp/sp/staff.csv"); do
		n=$(awk -F, -v t="$team" '$1 == "normal" && $2 == t { print $4 - 1 }' "$tmp/sp/staff.csv")
		# shellcheck disable=SC2086
		"$SUPSIM" run tests/data/spring-2020-v1.ini $base $sets \
			--set "policy.normal.$team.agents=$n" -o "$tmp/less" 2>"$tmp/err" || {
			echo "FAIL staff-minimal-$team: $(head -n 2 "$tmp/err")"
			continue
		}
		verdict=$(awk -F, -v goals="$goals" -v defl="$defl" '
			BEGIN { n = split(goals, g, " "); for (i = 1; i <= n; i++) { split(g[i], kv, ":"); want[kv[1]] = kv[2] } }
			$1 == "normal" && $2 == "all" && $4 == "all" && $3 in want && $11 != "" && $11 < want[$3] { miss = miss " " $3 }
			$1 == "normal" && $2 == "all" && $3 == "all" && $4 == "all" && $6 > defl { miss = miss " deflects" }
			END { print miss == "" ? "meets" : "misses" miss }' "$tmp/less/summary.csv")
		case "$verdict" in
		misses*) echo "PASS staff-minimal-$team (at $n: $verdict)" ;;
		*) echo "FAIL staff-minimal-$team: with $n agents the goals are still met" ;;
		esac
	done
else
	echo "FAIL staff-minimal: $(head -n 3 "$tmp/err")"
fi
