# scripts/attainment.gp: SLA attainment of the tickets arriving in the 7
# days up to each day (a weekly rate without the weekday/weekend swing), one
# line per policy, above the contacts arriving per day, from
# DIR/timeseries.csv (means over replications; days in UTC; attainment =
# met / (met + missed) of the tickets arriving then).  Under 14 days after
# the warm-up, each day's own attainment instead; a panel with nothing to
# show (every contact deflected, none arriving) says so.
#   gnuplot -e "dir='output/NAME'" scripts/attainment.gp      -> DIR/attainment.png
#   gnuplot -c scripts/attainment.gp DIR [png|svg [OUTFILE]]  (supsim plot)
if (ARGC >= 1) dir = ARG1
if (ARGC >= 2) fmt = ARG2
if (ARGC >= 3) out = ARG3
load ARG0[1:strlen(ARG0) - strlen("attainment.gp")] . "common.gp"
if (!exists("out")) out = dir . "/attainment." . fmt
f = dir . "/timeseries.csv"
D = daily(f)
P = policies(f)
NP = words(P)
day(n) = timecolumn(n, "%Y-%m-%d") + 43200   # drawn at midday
mine(i) = strcol(1) eq word(P, i)
eval time_span
# 14 days or more: the 7-day rate (met7, missed7); fewer: each day's own
# (met, missed), with points, and the contacts as bars.
WEEKLY = ND >= 14
CM = WEEKLY ? 9 : 7
rate(n) = column(n) + column(n + 1) > 0 ? 100 * column(n) / (column(n) + column(n + 1)) : NaN
has(n) = column(n) + column(n + 1) > 0 ? 1 : 0
NA = 0
lo = 0
if (NH) {
	stats D using (has(CM)) nooutput
	NA = STATS_sum
}
if (NA) {
	stats D using (rate(CM)) nooutput
	lo = max(0, min(90, floor((STATS_min - 3) / 5.0) * 5))
}
top = 0
if (NH) {
	stats D using 3 nooutput
	top = STATS_max
}
LS = WEEKLY ? "lines lw 2.5" : "linespoints lw 2 pt 7 ps 1"
set xdata time
eval time_axis
set output out
if (WEEKLY) {
	set multiplot layout 2,1 title "SLA attainment, week by week\n{/*0.8 share of the tickets arriving in the 7 days up to each day that got a first response within target}"
} else {
	set multiplot layout 2,1 title "SLA attainment, day by day\n{/*0.8 share of the tickets arriving each day that got a first response within target (under 14 days after the warm-up: too few for a 7-day rate)}"
}
set lmargin 12
set rmargin keymargin(P)
set tmargin 2.5
set bmargin 0.5
set size 1,0.62
set origin 0,0.36
set format x ""
set ylabel "met within target (%)"
set format y "%g%%"
set yrange [lo:100.5]
set key outside right top vertical Left reverse
if (NA) {
	plot for [i = 1:NP] D using (day(2)):(mine(i) ? rate(CM) : NaN) \
		with @LS lc rgb col(i) title word(P, i) noenhanced
} else {
	set label 1 (NH ? "no ticket was met or missed after the warm-up (every contact deflected to self-service, or none arrived)" : "no hour after the warm-up") @NODATA
	unset key
	plot NaN notitle
	unset label 1
	set key on
}
set size 1,0.36
set origin 0,0
set tmargin 0.5
set bmargin 4.2
set format x XFMT(T0, T1)
set xlabel "UTC (" . WHICH . ")"
set ylabel "contacts per day"
set format y "%g"
set yrange [0:1.4 * (top > 0 ? top : 1)]
set key inside top left
if (top > 0 && WEEKLY) {
	plot D using (day(2)):(mine(1) ? $3 : NaN) with filledcurves y1=0 fs solid 0.35 noborder \
		lc rgb "#777777" title "contacts arriving (the same under every policy)"
}
if (top > 0 && !WEEKLY) {
	set boxwidth 0.8 * 86400 absolute
	plot D using (day(2)):(mine(1) ? $3 : NaN) with boxes fs solid 0.35 noborder \
		lc rgb "#777777" title "contacts arriving (the same under every policy)"
}
if (top <= 0) {
	set label 1 (NH ? "no contact arrived after the warm-up" : "no hour after the warm-up") @NODATA
	unset key
	plot NaN notitle
}
unset multiplot
