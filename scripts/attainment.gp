# scripts/attainment.gp: SLA attainment of the tickets arriving in the 7
# days up to each day (a weekly rate without the weekday/weekend swing), one
# line per policy, above the contacts arriving per day, from DIR/timeseries.csv (means over replications; days
# in UTC; attainment = met / (met + missed) of the tickets arriving then).
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
day(n) = timecolumn(n, "%Y-%m-%d")
mine(i) = strcol(1) eq word(P, i)
stats D using 3 nooutput
top = STATS_max
set xdata time
set output out
set multiplot layout 2,1 title "SLA attainment, week by week\n{/*0.8 share of the tickets arriving in the 7 days up to each day that got a first response within target}"
set lmargin 12
set rmargin 4
set tmargin 2.5
set bmargin 0.5
set size 1,0.62
set origin 0,0.36
set format x ""
set ylabel "met within target (%)"
set format y "%g%%"
set yrange [*:100.5]
set key bottom left opaque
plot for [i = 1:words(P)] D using (day(2)):(mine(i) && $9 + $10 > 0 ? 100 * $9 / ($9 + $10) : NaN) \
	with lines lw 2.5 lc rgb col(i) title word(P, i)
set size 1,0.36
set origin 0,0
set tmargin 0.5
set bmargin 3.2
set format x "%d %b\n%Y"
set ylabel "contacts per day"
set format y "%g"
set yrange [0:1.4 * top]
set key top left
plot D using (day(2)):(mine(1) ? $3 : NaN) with filledcurves y1=0 fs solid 0.35 noborder \
	lc rgb "#777777" title "contacts arriving (the same under every policy)"
unset multiplot
