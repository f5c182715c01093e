# scripts/load.gp: tickets waiting at each hour's start, and agents on
# shift and busy (daily means), per policy, from DIR/timeseries.csv.
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
day(n) = timecolumn(n, "%Y-%m-%d")
mine(i) = strcol(1) eq word(P, i)
stats f using (column("backlog")) nooutput
top_waiting = STATS_max
stats D using 5 nooutput
top_agents = STATS_max
set xdata time
set output out
set multiplot layout 2,1 title "Backlog and staffing"
set lmargin 12
set rmargin 4
set tmargin 2.5
set bmargin 0.5
set size 1,0.5
set origin 0,0.48
set format x ""
set ylabel "tickets waiting\n(at each hour's start)"
set yrange [0:1.3 * top_waiting]
set key top left
plot for [i = 1:words(P)] f using 2:(mine(i) ? column("backlog") : NaN) \
	with lines lw 1.2 lc rgb col(i) title word(P, i)
set size 1,0.48
set origin 0,0
set tmargin 0.5
set bmargin 3.2
set format x "%d %b\n%Y"
set ylabel "agents (daily mean)"
set yrange [0:1.45 * top_agents]
plot for [i = 1:words(P)] D using (day(2)):(mine(i) ? $5 : NaN) \
	with lines lw 1.5 dt 2 lc rgb col(i) title word(P, i) . " on shift", \
     for [i = 1:words(P)] D using (day(2)):(mine(i) ? $6 : NaN) \
	with lines lw 2.2 lc rgb col(i) title word(P, i) . " busy"
unset multiplot
