#!/bin/sh
# tests/cli/crn.sh: common random numbers, seen from the outside.  Two
# policies of tests/crn/crn.ini differ in agents (8 vs 5), discipline
# (priority vs fifo) and team skills (phone dropped), with gamma and
# lognormal handling and exponential patience.  Joined on (rep, segment,
# id), every ticket of tickets.csv must have the same arrival instant,
# priority and preferred channel under both, and the same work on every
# ticket that used the same channel under both.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if ! "$SUPSIM" run tests/crn/crn.ini --trace -q -o "$tmp/res" 2>"$tmp/err"; then
	echo "FAIL crn-run: $(head -n 3 "$tmp/err")"
	exit 0
fi
awk -F, -v out="$tmp/report" '
	NR == 1 { next }
	{
		k = $2 SUBSEP $4 SUBSEP $3
		if ($1 == "generous") { g[k] = $0; ng++ } else if ($1 == "lean") { l[k] = $0; nl++ }
	}
	END {
		for (k in g) {
			if (!(k in l)) { miss++; continue }
			split(g[k], a, ","); split(l[k], b, ",")
			if (a[9] != b[9]) arr++
			if (a[7] != b[7]) pri++
			if (a[14] != b[14]) pref++
			if (a[8] == b[8] && a[8] != "selfservice") {
				same++
				if (a[15] != b[15]) work++
			}
			if (a[10] != b[10]) differ++
		}
		printf "%d %d %d %d %d %d %d %d %d\n", ng, nl, miss + 0, arr + 0, pri + 0, \
			pref + 0, same + 0, work + 0, differ + 0 > out
	}' "$tmp/res/tickets.csv"
read -r ng nl miss arr pri pref same work differ <"$tmp/report"
check() {
	if [ "$2" -eq "$3" ]; then echo "PASS $1"; else echo "FAIL $1: $2, expected $3"; fi
}
check crn-same-tickets "$nl" "$ng"
check crn-every-ticket-joined "$miss" 0
check crn-arrival-instants "$arr" 0
check crn-priorities "$pri" 0
check crn-preferred-channels "$pref" 0
check crn-work-on-same-channel "$work" 0
# the policies must really differ, and enough tickets must be compared
if [ "$ng" -gt 10000 ] && [ "$same" -gt 5000 ] && [ "$differ" -gt 1000 ]; then
	echo "PASS crn-policies-differ ($ng tickets, $same on the same channel, $differ answered differently)"
else
	echo "FAIL crn-policies-differ: $ng tickets, $same on the same channel, $differ answered differently"
fi
