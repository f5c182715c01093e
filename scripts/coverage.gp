# scripts/coverage.gp: heads required hour by hour (supsim require, dashed)
# against heads scheduled (supsim schedule, solid), from DIR/coverage.csv
# (drawn by `supsim plot` when that file is there); one panel per team (up
# to 4 teams; more share one panel), one colour per policy, named by the key
# beside the first panel; over more than two weeks, daily means instead of
# hours.
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
	    "awk -F, 'NR == 1 { print; next } { print $1 \",\" $2 \",\" $4 \",\" $5 \",\" $6 }'" \
}
# policies and teams in order of first appearance
P = policies(dir . "/coverage.csv")
NP = words(P)
TM = system("awk -F, 'NR > 1 && !seen[$2]++ { print $2 }' '" . shq(dir . "/coverage.csv") . "'")
NT = words(TM) <= 4 ? words(TM) : 1
pidx(s) = sum [j = 1:NP] (word(P, j) eq s ? j : 0)
# pair i in panel n: its team's (or every pair when they share one panel)
inpanel(i, n) = words(TM) > 4 || kt(i) eq word(TM, n)
set xdata time
set timefmt "%Y-%m-%dT%H:%M:%SZ"
set xrange [T0:T1]
if (T1 - T0 <= 3 * 86400) { set xtics 21600 } else { if (T1 - T0 <= 14 * 86400) { set xtics 86400 } }
set yrange [0:1.1 * (top > 0 ? top : 1)]
set ytics 0, max(1, ceil(1.1 * top / 4))
set output out
set multiplot title sprintf("%s\n{/*0.8 one colour per policy; dashed: required, solid: scheduled}", \
	(T1 - T0 > 14 * 86400 ? "Heads required and scheduled, daily means" : "Heads required and scheduled, hour by hour"))
set lmargin 10
set rmargin keymargin(P)
unset key
PH = 0.84 / NT    # panel height; the title takes the top, the time axis the bottom
do for [n = 1:NT] {
	set size 1, PH + (n == NT ? 0.08 : 0)
	set origin 0, (NT - n) * PH + (n == NT ? 0 : 0.08)
	set tmargin (n == 1 ? 0.5 : 0.3)
	set bmargin (n == NT ? 4.2 : 0.3)
	if (n == NT) {
		set format x XFMT(T0, T1)
		set xlabel "UTC"
	} else {
		set format x ""
		unset xlabel
	}
	set ylabel "heads"
	# the panel's team, inside its top left corner
	if (words(TM) <= 4) { set label 2 word(TM, n) at graph 0.01, 0.9 left front boxed noenhanced }
	plot for [i = 1:NK] f using (mine(i) && inpanel(i, n) ? timecolumn(3, "%Y-%m-%dT%H:%M:%SZ") : NaN):4 \
		with steps lw 1 dt 2 lc rgb col(pidx(kp(i))) notitle, \
	     for [i = 1:NK] f using (mine(i) && inpanel(i, n) ? timecolumn(3, "%Y-%m-%dT%H:%M:%SZ") : NaN):5 \
		with steps lw 1.5 lc rgb col(pidx(kp(i))) notitle
}
# the key, alone in the right margin beside all the panels (in a panel, a
# key of every policy and team hid the lines)
unset label 2
unset border
unset tics
unset grid
unset xlabel
unset ylabel
set size 1, 0.86
set origin 0, 0.04
set lmargin at screen 1 - keymargin(P) / 100.0
set rmargin at screen 0.995
set key inside right top vertical Left reverse
plot for [j = 1:NP] NaN with lines lw 2 lc rgb col(j) title word(P, j) noenhanced, \
     NaN with lines lw 1 dt 2 lc rgb "#444444" title "required", \
     NaN with lines lw 1.5 lc rgb "#444444" title "scheduled"
unset multiplot
