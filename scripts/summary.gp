# scripts/summary.gp: first-response SLA attainment per priority and over
# all priorities (all tiers, all channels), one point per policy with its
# 95% confidence interval across replications, from DIR/summary.csv.
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
stats f using (strcol(2) eq "all" && strcol(4) eq "all" ? 100 * (column("attainment") - column("attainment_ci95")) : NaN) nooutput
lo = floor((STATS_min - 3) / 5.0) * 5
set yrange [(lo < 0 ? 0 : lo):101.5]
set xrange [0.4:NQ + 0.6]
set xtics () scale 0
set for [i = 1:NQ] xtics add (word(Q, i) eq "all" ? "all priorities" : word(Q, i) i)
set grid noxtics
set ylabel "met within target (%)"
set format y "%g%%"
set key top right
set output out
set title "First-response SLA attainment by priority\n{/*0.8 mean over replications with its 95% confidence interval; all tiers and channels}"
plot for [i = 1:NP] f using (row(i) ? x(i) : NaN):(100 * column("attainment")):(100 * column("attainment_ci95")) \
	with yerrorbars pt 7 ps 1.4 lw 2 lc rgb col(i) title word(P, i), \
     for [i = 1:NP] f using (row(i) ? x(i) : NaN):(100 * column("attainment")):(sprintf("%.1f%%", 100 * column("attainment"))) \
	with labels offset 0,-1.3 font ",10" tc rgb col(i) notitle
