# scripts/summary.gp: attainment per priority (all tiers, all channels), one
# bar per policy, with the 95% confidence interval across replications, from
# DIR/summary.csv.
#   gnuplot -e "dir='output/NAME'" scripts/summary.gp   -> DIR/summary.png
load "scripts/common.gp"
f = dir."/summary.csv"
t = dir."/.summary-priorities.dat"
# rows: policy,priority,attainment,ci95 for tier=all, channel=all
system(sprintf("awk -F, 'NR > 1 && $2 == \"all\" && $4 == \"all\" && $3 != \"all\" { print $1 \",\" $3 \",\" $11 \",\" $12 }' '%s' > '%s'", f, t))
set output dir."/summary.".fmt
set title "First-response SLA attainment by priority (95% CI across replications)"
set style data histograms
set style histogram errorbars gap 2 lw 1.5
set style fill solid 0.75 border -1
set yrange [0:1.05]
set ylabel "attainment"
P = policies(t)
plot for [i = 1:words(P)] t using (strcol(1) eq word(P, i) ? $3 : NaN):(strcol(1) eq word(P, i) ? $4 : NaN):xtic(2) \
	title word(P, i)
system(sprintf("rm -f '%s'", t))
