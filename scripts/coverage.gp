# scripts/coverage.gp: heads required hour by hour (supsim require) against
# heads scheduled (supsim schedule), per policy and team, from
# DIR/coverage.csv (drawn by `supsim plot` when that file is there); over
# more than two weeks, daily means instead of hours.
#   gnuplot -c scripts/coverage.gp DIR [png|svg [OUTFILE]]
if (ARGC >= 1) dir = ARG1
if (ARGC >= 2) fmt = ARG2
if (ARGC >= 3) out = ARG3
load ARG0[1:strlen(ARG0) - strlen("coverage.gp")] . "common.gp"
if (!exists("out")) out = dir . "/coverage." . fmt
f = dir . "/coverage.csv"
# "policy,team" pairs in order of first appearance, one word each
K = system("awk -F, 'NR > 1 && !seen[$1 \",\" $2]++ { print $1 \"|\" $2 }' '" . shq(f) . "'")
NK = words(K)
kp(i) = (w = word(K, i), w[1:strstrt(w, "|") - 1])
kt(i) = (w = word(K, i), w[strstrt(w, "|") + 1:])
mine(i) = strcol(1) eq kp(i) && strcol(2) eq kt(i)
stats f using (timecolumn(3, "%Y-%m-%dT%H:%M:%SZ")) nooutput
T0 = STATS_min
T1 = STATS_max + 3600
stats f using 4 nooutput
top = STATS_max
stats f using 5 nooutput
top = max(top, STATS_max)
# more than two weeks: the daily means, drawn at midday
if (T1 - T0 > 14 * 86400) { \
	f = "< awk -F, 'NR == 1 { print; next } { k = $1 \",\" $2 \",\" substr($3, 1, 10) } " . \
	    "k != last { flush(); last = k; n = r = s = 0 } { n++; r += $4; s += $5 } END { flush() } " . \
	    "function flush() { if (n) printf \"%s,%s,%g,%g\\n\", last, substr(last, length(last) - 9) " . \
	    "\"T12:00:00Z\", r / n, s / n }' '" . shq(f) . "' | " . \
	    "awk -F, 'NR == 1 { print; next } { print $1 \",\" $2 \",\" $4 \",\" $5 \",\" $6 }'"; \
	set title "Heads required and scheduled, daily means" \
} else { \
	set title "Heads required and scheduled, hour by hour" \
}
set xdata time
set timefmt "%Y-%m-%dT%H:%M:%SZ"
set xrange [T0:T1]
if (T1 - T0 <= 3 * 86400) { set xtics 21600 } else { if (T1 - T0 <= 14 * 86400) { set xtics 86400 } }
set format x XFMT(T0, T1)
set yrange [0:1.25 * (top > 0 ? top : 1)]
set ylabel "heads"
set output out
plot for [i = 1:NK] f using (mine(i) ? timecolumn(3, "%Y-%m-%dT%H:%M:%SZ") : NaN):4 \
	with steps lw 1 dt 2 lc rgb col(i) title sprintf("%s %s required", kp(i), kt(i)), \
     for [i = 1:NK] f using (mine(i) ? timecolumn(3, "%Y-%m-%dT%H:%M:%SZ") : NaN):5 \
	with steps lw 1.5 lc rgb col(i) title sprintf("%s %s scheduled", kp(i), kt(i))
