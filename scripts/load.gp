# scripts/load.gp: backlog (tickets waiting at each hour's start) and agents
# on shift / busy, per policy, from DIR/timeseries.csv.
#   gnuplot -e "dir='output/NAME'" scripts/load.gp   -> DIR/load.png
load "scripts/common.gp"
f = dir."/timeseries.csv"
set output dir."/load.".fmt
set multiplot layout 2,1 title "Backlog and staffing by hour"
set xdata time
set timefmt "%Y-%m-%dT%H:%M"
set format x "%d %b"
P = policies(f)
set ylabel "tickets waiting"
plot for [i = 1:words(P)] f using 2:(strcol(1) eq word(P, i) ? column("backlog") : NaN) \
	with lines title word(P, i)
set ylabel "agents"
plot for [i = 1:words(P)] f using 2:(strcol(1) eq word(P, i) ? column("agents_on_shift") : NaN) \
	with lines dt 2 title word(P, i)." on shift", \
     for [i = 1:words(P)] f using 2:(strcol(1) eq word(P, i) ? column("agents_busy") : NaN) \
	with lines title word(P, i)." busy"
unset multiplot
