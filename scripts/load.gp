# scripts/load.gp: tickets waiting at each hour's start, and agents on
# shift (dashed) and busy (solid) (daily means), per policy (one colour
# each, named by the key beside the upper panel), from DIR/timeseries.csv.
#   gnuplot -e "dir='output/NAME'" scripts/load.gp      -> DIR/load.png
#   gnuplot -c scripts/load.gp DIR [png|svg [OUTFILE]]  (supsim plot)
if (ARGC >= 1) dir = ARG1
if (ARGC >= 2) fmt = ARG2
if (ARGC >= 3) out = ARG3
load ARG0[1:strlen(ARG0) - strlen("load.gp")] . "common.gp"
if (!exists("out")) out = dir . "/load." . fmt
f = dir . "/timeseries.csv"
D = daily(f)
P = policies(f)
NP = words(P)
day(n) = timecolumn(n, "%Y-%m-%d") + 43200   # daily means drawn at midday
mine(i) = strcol(1) eq word(P, i)
eval time_span
top_waiting = 0
top_agents = 0
if (NH) {
	stats f using (column("backlog")) nooutput
	top_waiting = STATS_max
	stats D using 5 nooutput
	top_agents = STATS_max
}
# points as well as lines when there are few of them
HS = NH / max(NP, 1) < 48 ? "linespoints pt 7 ps 0.5" : "lines"
DS = ND < 14 ? "linespoints pt 7 ps 0.8" : "lines"
set xdata time
eval time_axis
set output out
set multiplot layout 2,1 title "Backlog and staffing"
set lmargin 12
set rmargin keymargin(P)
set tmargin 2.5
set bmargin 0.5
set size 1,0.5
set origin 0,0.48
set format x ""
set ylabel "tickets waiting\n(at each hour's start)"
set yrange [0:1.1 * (top_waiting > 0 ? top_waiting : 1)]
set key outside right top vertical Left reverse
if (!NH) {
	set label 1 "no hour after the warm-up" @NODATA
}
if (NH && top_waiting <= 0) {
	set label 1 "no ticket waiting at the start of any hour" @NODATA
}
if (NH) {
	plot for [i = 1:NP] f using 2:(mine(i) ? column("backlog") : NaN) \
		with @HS lw 1.2 lc rgb col(i) title word(P, i) noenhanced
} else {
	unset key
	plot NaN notitle
	set key on
}
unset label 1
set size 1,0.48
set origin 0,0
set tmargin 0.5
set bmargin 4.2
set format x XFMT(T0, T1)
set xlabel "UTC (" . WHICH . ")"
set ylabel "agents (daily mean)"
set yrange [0:1.1 * (top_agents > 0 ? top_agents : 1)]
if (!NH) {
	set label 1 "no hour after the warm-up" @NODATA
}
if (NH && top_agents <= 0) {
	set label 1 "no agent on shift after the warm-up" @NODATA
}
if (NH) {
	# the policies' colours are those of the key above; this key says
	# which line is which (a key of every policy twice hid the lines)
	plot NaN with lines lw 1.5 dt 2 lc rgb "#444444" title "on shift", \
	     NaN with lines lw 2.2 lc rgb "#444444" title "busy", \
	     for [i = 1:NP] D using (day(2)):(mine(i) ? $5 : NaN) \
		with @DS lw 1.5 dt 2 lc rgb col(i) notitle, \
	     for [i = 1:NP] D using (day(2)):(mine(i) ? $6 : NaN) \
		with @DS lw 2.2 lc rgb col(i) notitle
} else {
	unset key
	plot NaN notitle
}
unset multiplot
