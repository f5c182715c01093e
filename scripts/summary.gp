# scripts/summary.gp: first-response SLA attainment per priority and over
# all priorities (all tiers, all channels), one point per policy with its
# 95% confidence interval across replications, from DIR/summary.csv;
# "no tickets" where a policy met or missed no ticket of that priority;
# the [staff] goals (summary.csv's goal column) as dashed lines; below, the
# abandon and deflected shares of each policy (all tickets), so that no
# attainment is read without what it cost.  In a folder of `supsim staff`
# (staff.csv present) the title says the staffing is the one found.
#   gnuplot -e "dir='output/NAME'" scripts/summary.gp      -> DIR/summary.png
#   gnuplot -c scripts/summary.gp DIR [png|svg [OUTFILE]]  (supsim plot)
if (ARGC >= 1) dir = ARG1
if (ARGC >= 2) fmt = ARG2
if (ARGC >= 3) out = ARG3
load ARG0[1:strlen(ARG0) - strlen("summary.gp")] . "common.gp"
if (!exists("out")) out = dir . "/summary." . fmt
f = dir . "/summary.csv"
P = policies(f)
NP = words(P)
# priorities in summary.csv's order, "all" moved last
Q = system("awk -F, 'NR > 1 && $2 == \"all\" && $4 == \"all\" && $3 != \"all\" && !seen[$3]++ { printf \"%s \", $3 } END { print \"all\" }' '" . shq(f) . "'")
NQ = words(Q)
qx(s) = sum [i = 1:NQ] (word(Q, i) eq s ? i : 0)
row(i) = strcol(1) eq word(P, i) && strcol(2) eq "all" && strcol(4) eq "all"
x(i) = qx(strcol(3)) + (i - (NP + 1) / 2.0) * 0.7 / NP
# att(): attainment in %, NaN when no ticket was met or missed; ci(): its
# 95% half-width, 0 with one replication (no interval)
att(d) = strcol("attainment") eq "" ? NaN : 100 * column("attainment")
ci(d) = strcol("attainment_ci95") eq "" ? 0 : 100 * column("attainment_ci95")
total(d) = strcol(2) eq "all" && strcol(4) eq "all"
# NA rows with an attainment, NM without one (labelled "no tickets")
stats f using (total(0) ? (strcol("attainment") eq "" ? 0 : 1) : NaN) nooutput
NA = exists("STATS_sum") ? STATS_sum : 0
NM = exists("STATS_sum") ? STATS_records - STATS_sum : 0
lo = 0
if (NA) {
	stats f using (total(0) ? att(0) - ci(0) : NaN) nooutput
	lo = max(0, min(90, floor((STATS_min - 3) / 5.0) * 5))
}
# goals: rows over every tier and channel of one priority with a goal
goalrow(d) = total(0) && strcol(3) ne "all" && strcol("goal") ne ""
GM = system("awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } $2 == \"all\" && $3 != \"all\" && $4 == \"all\" && c[\"goal\"] && $c[\"goal\"] != \"\" { n++; if (!m || $c[\"goal\"] < m) m = $c[\"goal\"] } END { print n + 0, m + 0 }' '" . shq(f) . "'")
NG = word(GM, 1) + 0
if (NG > 0) lo = max(0, min(lo, floor((100 * word(GM, 2) - 3) / 5.0) * 5))
# the abandon and deflected shares of every policy, over all tickets
share(c) = strcol(c) eq "" ? 0 : 100 * column(c)
allrow(i) = row(i) && strcol(3) eq "all"
pidx(s) = sum [i = 1:NP] (word(P, i) eq s ? i : 0)
set yrange [lo:101.5]
set xrange [0.4:NQ + 0.6]
set xtics () scale 0 noenhanced
set for [i = 1:NQ] xtics add (word(Q, i) eq "all" ? "all priorities" : word(Q, i) i)
set grid noxtics
set ylabel "met within target (%)"
set format y "%g%%"
# the key beside the plot: inside, it hid the points near 100 %
set key outside right top vertical Left reverse
set output out
set multiplot
set size 1, 0.7
set origin 0, 0.3
set title "First-response SLA attainment by priority\n{/*0.8 mean over replications with its 95% confidence interval; all tiers and channels; " . WHICH . "}"
if (NA) {
	# always plotted, titled only when there are goals: an empty iteration
	# (for [k = 1:0]) would still leave an empty row in the key
	plot f using (goalrow(0) ? qx(strcol(3)) - 0.45 : NaN):(NG > 0 ? 100 * column("goal") : NaN):(0.9):(0) \
		with vectors nohead dt 2 lw 1.5 lc rgb "#444444" title (NG > 0 ? "[staff] goal" : ""), \
	     for [i = 1:NP] f using (row(i) ? x(i) : NaN):(att(0)):(ci(0)) \
		with yerrorbars pt 7 ps 1.4 lw 2 lc rgb col(i) title word(P, i) noenhanced, \
	     for [i = 1:(NP <= 4 ? NP : 0)] f using (row(i) ? x(i) : NaN):(att(0)):(sprintf("%.1f%%", att(0))) \
		with labels offset 0,-1.3 font ",10" tc rgb col(i) notitle, \
	     for [k = 1:(NM > 0)] f using (total(0) && strcol("attainment") eq "" ? x(pidx(strcol(1))) : NaN):(lo + 0.04 * (101.5 - lo)):("no tickets") \
		with labels font ",10" tc rgb "#777777" notitle
} else {
	set label 1 "no ticket was met or missed (every contact deflected to self-service, or none arrived)" @NODATA
	unset key
	plot NaN notitle
	unset label 1
}
# the cost panel: abandoned (of the contacts reaching a queue) and deflected
# (of all contacts), one pair of bars per policy
set size 1, 0.3
set origin 0, 0
set title "What the attainment cost: contacts abandoned and deflected to self-service {/*0.8(all tiers, priorities, channels)}"
set xrange [*:*]
set yrange [*:*]
stats f using (total(0) && strcol(3) eq "all" ? max(share("abandon_share"), share("deflected_share")) : NaN) nooutput
SM = exists("STATS_max") ? STATS_max : 0
set xrange [0.4:NP + 0.6]
set xtics () scale 0 noenhanced
# names that would run into each other side by side (about 100 characters
# fit under the bars) alternate between two lines
TWO = NP * (longest(P, 1) + 2) > 100
LOW(i) = TWO && i % 2 == 0 ? "\n" : ""
set for [i = 1:NP] xtics add (LOW(i) . word(P, i) i)
if (TWO) set bmargin 3.2
set yrange [0:(SM > 0 ? SM * 1.45 : 10)]
YT = SM > 20 ? 10 : SM > 8 ? 5 : 2
set ytics 0, YT
set ylabel "share (%)"
set format y "%g%%"
set style fill solid 0.8 noborder
set boxwidth 0.3
set key outside right top vertical Left reverse
plot f using (allrow(pidx(strcol(1))) ? pidx(strcol(1)) - 0.17 : NaN):(share("abandon_share")) \
	with boxes lc rgb "#D55E00" title "abandoned", \
     f using (allrow(pidx(strcol(1))) ? pidx(strcol(1)) + 0.17 : NaN):(share("deflected_share")) \
	with boxes lc rgb "#999999" title "deflected", \
     f using (allrow(pidx(strcol(1))) ? pidx(strcol(1)) - 0.17 : NaN):(share("abandon_share")):(sprintf("%.1f%%", share("abandon_share"))) \
	with labels offset 0,0.6 font ",9" notitle, \
     f using (allrow(pidx(strcol(1))) ? pidx(strcol(1)) + 0.17 : NaN):(share("deflected_share")):(sprintf("%.1f%%", share("deflected_share"))) \
	with labels offset 0,0.6 font ",9" notitle
unset multiplot
