# scripts/attainment.gp: SLA attainment by hour of arrival, one line per
# policy, from DIR/timeseries.csv (means over replications), with a
# 24-hour running mean to show the trend through surges.
#   gnuplot -e "dir='output/NAME'" scripts/attainment.gp   -> DIR/attainment.png
load "scripts/common.gp"
f = dir."/timeseries.csv"
set output dir."/attainment.".fmt
set title "SLA attainment by hour of arrival (share met among answered or overdue)"
set xdata time
set timefmt "%Y-%m-%dT%H:%M"
set format x "%d %b"
set ylabel "attainment"
set yrange [0:1.02]
P = policies(f)
plot for [i = 1:words(P)] f using 2:(strcol(1) eq word(P, i) ? column("attainment") : NaN) \
	with lines lw 1.2 title word(P, i)
