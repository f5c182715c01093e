#!/bin/sh
# tests/cli/whatif.sh: demand what-ifs inside policies (policy.demand,
# policy.SEGMENT.demand): the arrivals scale as asked (z = 3.3), and the
# scenario's contacts stay the same tickets under the what-if (same
# arrival, priority, channel and work), joined on (rep, segment, id).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"


if ! "$SUPSIM" run tests/whatif/demand.ini -o "$tmp/res" --trace >"$tmp/log" 2>&1; then
	fail whatif-run "$(head -c 300 "$tmp/log")"
	exit 0
fi
t="$tmp/res/tickets.csv"

# 3 replications x 28 days x 500/d = 42000 expected contacts in base;
# plus30: 1.3 x that (Poisson); halfb: a's 33600 + half of b's 8400.
awk -F, -v name=whatif-demand-1.3 'NR > 1 { n[$1]++ }
END {
	e = 1.3 * 42000; z = (n["plus30"] - e) / sqrt(e)
	eb = 42000; zb = (n["base"] - eb) / sqrt(eb)
	if (z < -3.3 || z > 3.3 || zb < -3.3 || zb > 3.3)
		printf "FAIL %s: base %d (z %.2f), plus30 %d (z %.2f)\n", name, n["base"], zb, n["plus30"], z
	else
		printf "PASS %s (base %d, plus30 %d = x%.4f, z %.2f)\n", name, n["base"], n["plus30"], n["plus30"] / n["base"], z
}' "$t"

# every base ticket is a plus30 ticket with the same arrival, priority,
# channel and work; plus30's others are extra contacts (ids from 1e12)
awk -F, -v name=whatif-same-tickets 'NR > 1 {
	k = $2 "," $4 "," $3; v = $9 "," $7 "," $8 "," $15
	if ($1 == "base") b[k] = v
	else if ($1 == "plus30") { p[k] = v; if ($3 + 0 >= 1e12) extra++ }
}
END {
	for (k in b) { n++; if (!(k in p)) miss++; else if (p[k] != b[k]) diff++ }
	if (!n || miss || diff || extra != length(p) - n)
		printf "FAIL %s: %d base tickets, %d missing in plus30, %d differ\n", name, n, miss, diff
	else
		printf "PASS %s (%d base tickets, all in plus30 unchanged; %d extra)\n", name, n, extra
}' "$t"

# b.demand = 0.5: a untouched, b thinned to half, and only base tickets
awk -F, -v name=whatif-segment-demand 'NR > 1 {
	k = $2 "," $4 "," $3
	if ($1 == "base") b[k] = $9 "," $15
	else if ($1 == "halfb") { h[k] = $9 "," $15; n[$4]++ }
}
END {
	for (k in h) if (!(k in b) || b[k] != h[k]) bad++
	e = 0.5 * 8400; sd = sqrt(e) # a thinned Poisson count is Poisson
	z = (n["b"] - e) / sd
	ea = 33600; za = (n["a"] - ea) / sqrt(ea)
	if (bad || z < -3.3 || z > 3.3 || za < -3.3 || za > 3.3)
		printf "FAIL %s: a %d (z %.2f), b %d (z %.2f), %d not base tickets\n", name, n["a"], za, n["b"], z, bad
	else
		printf "PASS %s (a %d, b %d, z %.2f)\n", name, n["a"], n["b"], z
}' "$t"
