# scripts/hourly.gp: attainment hour by hour, one line per priority (every
# tier and channel), for one policy, from DIR/hourly.csv, on the local time
# of [scenario] timezone (the axis says the offset); optionally only the
# hours from `from` to `to` (local dates, YYYY-MM-DD, `to` exclusive), e.g.
# the weeks of a launch.  A priority with no contact in an hour leaves a gap.
#   gnuplot -e "dir='output/spring-2020'" scripts/hourly.gp   -> DIR/hourly.png
#   gnuplot -e "dir='output/spring-2020'; policy='may-june-2020'; from='2020-05-04'; to='2020-05-11'" scripts/hourly.gp
# The one line it rests on (P1 of policy normal):
#   plot "< awk -F, '$1 == \"normal\" && $4 == \"P1\" && $5 == \"all\"' DIR/hourly.csv" using (timecolumn(3, "%Y-%m-%dT%H:%M:%S")):13 with steps
if (ARGC >= 1) dir = ARG1
if (ARGC >= 2) fmt = ARG2
if (ARGC >= 3) out = ARG3
load ARG0[1:strlen(ARG0) - strlen("hourly.gp")] . "common.gp"
if (!exists("out")) out = dir . "/hourly." . fmt
f = dir . "/hourly.csv"
if (!exists("policy")) policy = word(policies(f), 1)
if (!exists("from")) from = ""
if (!exists("to")) to = ""
# priorities in their order in the file, and the zone offset of the first row
PR = system("awk -F, 'NR > 1 && $4 != \"all\" && !seen[$4]++ { print $4 }' '" . shq(f) . "'")
ZONE = system("awk -F, 'NR == 2 { print substr($3, 20) }' '" . shq(f) . "'")
rows(p) = "< awk -F, -v P='" . shq(policy) . "' -v Q='" . shq(p) . "' -v A='" . shq(from) . \
	"' -v B='" . shq(to) . "' 'NR > 1 && $1 == P && $4 == Q && $5 == \"all\" && " . \
	"(A == \"\" || substr($3, 1, 10) >= A) && (B == \"\" || substr($3, 1, 10) < B)' '" . shq(f) . "'"
set output out
set title sprintf("Attainment by arrival hour, policy %s, every tier and channel", policy) noenhanced
set xdata time
set timefmt "%Y-%m-%dT%H:%M:%S"
set format x "%d %b\n%H:%M"
set xlabel sprintf("local time (UTC%s)", ZONE eq "" ? "" : ZONE)
set ylabel "attainment (%)"
set yrange [0:105]
set key outside right top vertical Left reverse
set rmargin keymargin(PR)
plot for [i = 1:words(PR)] rows(word(PR, i)) \
	using (timecolumn(3, "%Y-%m-%dT%H:%M:%S")):(100 * $13) with steps lw 1.5 lc rgb col(i) \
	title word(PR, i) noenhanced
