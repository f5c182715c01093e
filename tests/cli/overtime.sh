#!/bin/sh
# tests/cli/overtime.sh: `supsim require` and `supsim schedule`.
#  - require on a 24x7 desk with a sinusoidal daily rate (peak 3 x trough,
#    handling 5 min, patience 10 min; tests/overtime/sinusoid.ini): running
#    its roster gives every hour after the first day an attainment within
#    +-0.03 of the goal (0.9), where a constant staffing with the same
#    agent-hours misses it by more than 0.2 in the peak hours;
#  - its files: requirements.csv one row per hour, a roster run accepts;
#  - schedule on a small scenario: schedule.csv, coverage.csv (scheduled >=
#    required every hour), roster; bad shifts: exit 2 at the [shifts] line,
#    naming the hour no pattern covers; a program GLPK cannot solve: exit 1
#    with GLPK's status in words;
#  - staff --by week through a surge (tests/overtime/surge.ini): heads rise
#    for the surge and fall after, and the roster it writes, run week by
#    week (--from/--to), gives each week the attainment of staff_plan.csv;
#    --by with an unknown unit: exit 2;
#  - with SUPSIM_SLOW=1 (about 4 minutes of CPU: 249-260 s user in three
#    runs, 5.5-10 min wall on a loaded machine): schedule on the shipped scenarios/spring-2020.ini,
#    whole horizon, every policy: the regional teams (and the one desk)
#    cost within 10 % of the requirements' lower bound (paid hours against
#    required agent-hours) and every goal is met when simulated.
cd "$(dirname "$0")/../.." || exit 1
: "${SUPSIM:=build/supsim}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# ---- require: time-stable service ----
if "$SUPSIM" require tests/overtime/sinusoid.ini -q -j 2 -o "$dir/req" 2>"$dir/err"; then
	rows=$(awk 'END { print NR - 1 }' "$dir/req/requirements.csv")
	head=$(head -n 1 "$dir/req/requirements.csv")
	[ "$rows" = 72 ] && [ "$head" = "policy,team,time,agents,erlang,attainment" ] &&
		echo "PASS require-rows (72 hours)" || echo "FAIL require-rows: $rows rows, '$head'"
	cp tests/overtime/sinusoid.csv "$dir/req/roster-desk.csv" "$dir/"
	sed 's/^agents = .*/roster = roster-desk.csv/; /^hours = 24x7/d' \
		tests/overtime/sinusoid.ini >"$dir/roster.ini"
	if "$SUPSIM" run "$dir/roster.ini" -q -j 2 -o "$dir/run" 2>"$dir/err"; then
		cmp -s "$dir/run/summary.csv" "$dir/req/summary.csv" &&
			echo "PASS require-roster-reproduces (summary.csv byte for byte)" ||
			echo "FAIL require-roster-reproduces: run of roster-desk.csv differs"
		# hours after the first day: attainment (column 7) within 0.9 +- 0.03
		r=$(awk -F, 'NR > 25 { if (min == "" || $7 < min) min = $7; if ($7 > max) max = $7 }
			END { printf "%.4f %.4f", min, max }' "$dir/run/timeseries.csv")
		ok=$(echo "$r" | awk '{ print ($1 >= 0.87 && $2 <= 0.93) ? "yes" : "no" }')
		[ "$ok" = yes ] && echo "PASS require-time-stable (hourly attainment $r, goal 0.9)" ||
			echo "FAIL require-time-stable: hourly attainment from $r, goal 0.9 +- 0.03"
	else
		echo "FAIL require-roster-runs: $(head -n 2 "$dir/err")"
	fi
	# the same agent-hours, constant
	c=$(awk -F, 'NR > 1 { s += $4; n++ } END { printf "%d", s / n + 0.5 }' \
		"$dir/req/requirements.csv")
	if "$SUPSIM" run tests/overtime/sinusoid.ini -q -j 2 -o "$dir/const" \
		--set team.desk.agents="$c" 2>"$dir/err"; then
		# peak hours: where the requirement is at least 90 % of its largest
		worst=$(awk -F, 'NR == FNR { if (FNR > 1) { need[$3] = $4; if ($4 > top) top = $4 }; next }
			FNR > 25 && need[$2] >= 0.9 * top { if (w == "" || $7 > w) w = $7 }
			END { printf "%.4f", w }' "$dir/req/requirements.csv" "$dir/const/timeseries.csv")
		ok=$(echo "$worst" | awk '{ print ($1 < 0.7) ? "yes" : "no" }')
		[ "$ok" = yes ] &&
			echo "PASS require-constant-misses ($c agents: best peak hour $worst)" ||
			echo "FAIL require-constant-misses: $c agents, best peak hour $worst"
	else
		echo "FAIL require-constant-runs: $(head -n 2 "$dir/err")"
	fi
else
	echo "FAIL require-sinusoid: $(head -n 3 "$dir/err")"
fi

# ---- schedule ----
s=tests/overtime/textbook.ini
if "$SUPSIM" schedule "$s" -q -o "$dir/sch" 2>"$dir/err"; then
	for f in schedule.csv coverage.csv requirements.csv roster-office.csv summary.csv; do
		[ -s "$dir/sch/$f" ] && echo "PASS schedule-writes-$f" || echo "FAIL schedule-writes-$f"
	done
	short=$(awk -F, 'NR > 1 && $5 < $4 { n++ } END { print n + 0 }' "$dir/sch/coverage.csv")
	[ "$short" = 0 ] && echo "PASS schedule-covers" ||
		echo "FAIL schedule-covers: $short hours scheduled below required"
	cp "$dir/sch/roster-office.csv" "$dir/"
	sed 's/^agents = .*/roster = roster-office.csv/; /^hours = 24x7/d' "$s" >"$dir/office.ini"
	"$SUPSIM" run "$dir/office.ini" -q -o "$dir/office" 2>"$dir/err" &&
		cmp -s "$dir/office/summary.csv" "$dir/sch/summary.csv" &&
		echo "PASS schedule-roster-reproduces (summary.csv byte for byte)" ||
		echo "FAIL schedule-roster-reproduces: $(head -n 1 "$dir/err")"
	if command -v gnuplot >/dev/null 2>&1; then
		"$SUPSIM" plot "$dir/sch" >/dev/null 2>"$dir/err" && [ -s "$dir/sch/coverage.png" ] &&
			grep -q 'coverage.png' "$dir/sch/index.html" &&
			echo "PASS schedule-plot-coverage" ||
			echo "FAIL schedule-plot-coverage: $(head -n 1 "$dir/err")"
	fi
	head=$(head -n 1 "$dir/sch/schedule.csv")
	[ "$head" = "policy,team,pattern,start,heads,cost" ] && echo "PASS schedule-header" ||
		echo "FAIL schedule-header: $head"
else
	echo "FAIL schedule-small: $(head -n 3 "$dir/err")"
fi

bad() { # name, expected exit, expected text, sed script for the scenario
	sed "$4" "$s" >"$dir/$1.ini"
	"$SUPSIM" schedule "$dir/$1.ini" -q -o "$dir/$1" 2>"$dir/err"
	rc=$?
	first=$(head -n 1 "$dir/err")
	case "$rc:$first" in
	"$2:$3"*) echo "PASS schedule-$1" ;;
	*) echo "FAIL schedule-$1: exit $rc, '$first'" ;;
	esac
}
bad uncovered 2 "$dir/uncovered.ini:31: [shifts office]: no shift pattern covers the hour 2020-01-06T08:00Z" \
	's/^lengths = 24h/lengths = 8h/'
bad no-shifts 2 "$dir/no-shifts.ini: no team sized has its shifts" '/^\[shifts office\]/,/^days_off/d'
bad glpk 1 "GLPK: the shift schedule's integer program failed: " \
	's/^lengths = 24h/lengths = 1h\npart_time = 24h\npart_time_share = 0/'

# ---- staff --by week: a plan through a surge ----
if "$SUPSIM" staff tests/overtime/surge.ini --by week -q -j 2 -o "$dir/plan" 2>"$dir/err"; then
	heads=$(awk -F, 'NR > 1 { printf "%s ", $4 }' "$dir/plan/staff_plan.csv")
	ok=$(echo "$heads" | awk '{ print ($2 > $1 && $3 > $1 && $4 < $3 && $4 < $2) ? "yes" : "no" }')
	[ "$ok" = yes ] && echo "PASS staff-by-week-follows-surge (heads $heads)" ||
		echo "FAIL staff-by-week-follows-surge: heads $heads"
	cp tests/overtime/surge.csv "$dir/plan/roster-desk.csv" "$dir/"
	sed 's/^agents = .*/roster = roster-desk.csv/; /^hours = 24x7/d' \
		tests/overtime/surge.ini >"$dir/surge.ini"
	bad=0
	for w in "2020-01-06 2020-01-12 2" "2020-01-13 2020-01-19 3" "2020-01-20 2020-01-26 4" \
		"2020-01-27 2020-02-02 5"; do
		# shellcheck disable=SC2086
		set -- $w
		"$SUPSIM" run "$dir/surge.ini" -q -j 2 -o "$dir/w" --from "$1" --to "$2" 2>>"$dir/err" ||
			bad=1
		a=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
			$2 == "all" && $3 == "all" && $4 == "all" { print $c["attainment"] }' \
			"$dir/w/summary.csv")
		b=$(awk -F, -v n="$3" 'NR == n { print $6 }' "$dir/plan/staff_plan.csv")
		[ "$a" = "$b" ] || { bad=1; echo "  week of $1: run $a, staff_plan $b"; }
	done
	[ "$bad" = 0 ] && echo "PASS staff-by-week-roster-reproduces (each week's attainment)" ||
		echo "FAIL staff-by-week-roster-reproduces"
else
	echo "FAIL staff-by-week: $(head -n 3 "$dir/err")"
fi
"$SUPSIM" staff tests/overtime/surge.ini --by month -q -o "$dir/month" 2>"$dir/err"
rc=$?
[ "$rc" = 2 ] && grep -q "wants week or day" "$dir/err" && echo "PASS staff-by-unknown-unit" ||
	echo "FAIL staff-by-unknown-unit: exit $rc, $(head -n 1 "$dir/err")"

# ---- spring-2020, the whole horizon (slow: only with SUPSIM_SLOW=1) ----
if [ "${SUPSIM_SLOW:-0}" = 1 ]; then
	start=$(date +%s)
	if "$SUPSIM" schedule scenarios/spring-2020.ini -j 2 -o "$dir/sp" >"$dir/out" 2>"$dir/err"; then
		secs=$(($(date +%s) - start))
		over=$(sed -n 's/.*(\([0-9.]*\)% above).*/\1/p' "$dir/out" | sort -n | tail -n 1)
		missed=$(grep -c 'goals NOT met' "$dir/out")
		n=$(grep -c '% above)' "$dir/out")
		ok=$(echo "$over" | awk '{ print ($1 != "" && $1 <= 10) ? "yes" : "no" }')
		[ "$ok" = yes ] && [ "$missed" = 0 ] && [ "$n" = 7 ] &&
			echo "PASS schedule-spring-2020 (at most $over% above the bound, goals met, ${secs}s)" ||
			echo "FAIL schedule-spring-2020: $over% above the bound, $missed goal lines missed, $n policies scheduled"
	else
		echo "FAIL schedule-spring-2020: $(head -n 2 "$dir/err")"
	fi
fi
