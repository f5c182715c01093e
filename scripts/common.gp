# scripts/common.gp: settings shared by the supsim gnuplot scripts, loaded
# by each of them after it has set `dir` (a results folder), `fmt` ("png"
# or "svg") and `out` (the chart's file) from its arguments or from -e.
# Paths reach the shell only through shq(), inside single quotes.
if (!exists("dir")) dir = "."
if (!exists("fmt")) fmt = "png"
if (fmt eq "svg") {
	set terminal svg size 1100,620 dynamic font "sans,13" background "white"
} else {
	set terminal pngcairo size 1100,620 font "sans,11" background "white"
}
set datafile separator ","
set datafile missing ""
set key top left horizontal samplen 2.5 spacing 1.1 opaque box lc rgb "#999999"
set border 3 lc rgb "#555555"
set tics nomirror
set grid ytics xtics lc rgb "#e4e4e4" lt 1
# One colour per policy, in the order of the CSV files (colour-blind safe).
array COL[8] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
col(i) = COL[(i - 1) % 8 + 1]
# s quoted for the shell inside single quotes: ' becomes '\''.
shq(s) = (_q = strstrt(s, "'"), _q == 0 ? s : s[1:_q - 1] . "'\\''" . shq(s[_q + 1:]))
# Which staffing the charts show: a folder of `supsim staff` (staff.csv in
# it) holds the results of the staffing staff found, not the scenario's.
STAFFED = system("test -f '" . shq(dir) . "/staff.csv' && echo 1 || echo 0") + 0
WHICH = STAFFED ? "the staffing found by supsim staff (staff.csv)" : "the staffing of the scenario"
# Policies in their order of first appearance in a CSV file (first column).
policies(f) = system("awk -F, 'NR > 1 && !seen[$1]++ { print $1 }' '" . shq(f) . "'")
# timeseries.csv f summed per policy and UTC day, for "plot daily(f)":
#   policy,day,arrived,backlog_mean,onshift_mean,busy_mean,met,missed,met7,missed7
# (columns found by name; hours averaged or summed; met7 and missed7 over
# the 7 days ending with this one, empty for the first 6 days).
daily(f) = "< awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } " . \
	"{ k = $1 \",\" substr($2, 1, 10) } k != last { flush(); if ($1 != pol) d = 0; pol = $1; last = k; n = a = b = s = u = m = x = 0 } " . \
	"{ n++; a += $c[\"arrived\"]; b += $c[\"backlog\"]; s += $c[\"agents_on_shift\"]; " . \
	"u += $c[\"agents_busy\"]; m += $c[\"met\"]; x += $c[\"missed\"] } END { flush() } " . \
	"function flush(   j, m7, x7) { if (!n) return; d++; dm[d] = m; dx[d] = x; m7 = x7 = 0; " . \
	"for (j = d; j > d - 7 && j > 0; j--) { m7 += dm[j]; x7 += dx[j] } " . \
	"printf \"%s,%g,%g,%g,%g,%g,%g,%s,%s\\n\", last, a, b / n, s / n, u / n, m, x, " . \
	"d < 7 ? \"\" : m7, d < 7 ? \"\" : x7 }' '" . \
	shq(f) . "'"
max(a, b) = a > b ? a : b
min(a, b) = a < b ? a : b
# longest(s, 1): the length of the longest word of s.
longest(s, i) = i > words(s) ? 0 : max(strlen(word(s, i)), longest(s, i + 1))
# keymargin(P): a right margin (characters) that holds a key of the
# policies P beside the plot ("set key outside right"; inside, a key hid
# the curves under it), given to every panel so that their x axes line up.
keymargin(P) = max(longest(P, 1), 10) + 8
# A panel with nothing to draw: "set label 1 MESSAGE @NODATA", then
# "plot NaN notitle" over fixed ranges (gnuplot cannot autoscale nothing).
set style textbox opaque noborder margins 4,3
NODATA = 'at graph 0.5, 0.5 center front boxed tc rgb "#555555"'
# time_span (eval it after setting f = timeseries.csv): T0 the first hour's
# UTC midnight, T1 the end of the last hour, ND days from T0 to T1, NH rows
# of f (0: no hour after the warm-up; then T0, T1 span one dummy day).
time_span = 'stats f using (timecolumn(2, "%Y-%m-%dT%H:%M:%SZ")) nooutput; ' . \
	'NH = exists("STATS_records") ? STATS_records : 0; ' . \
	'T0 = NH ? floor(STATS_min / 86400) * 86400 : 0; T1 = NH ? STATS_max + 3600 : 86400; ' . \
	'ND = ceil((T1 - T0) / 86400.0)'
# time_axis (eval it after "set xdata time"): x from T0 to T1, a tic every
# 6 hours up to 3 days, every day up to 2 weeks; XFMT the lowest panel's
# tic labels.
time_axis = 'set xrange [T0:T1]; ' . \
	'if (T1 - T0 <= 3 * 86400) { set xtics 21600 } else { if (T1 - T0 <= 14 * 86400) { set xtics 86400 } }'
XFMT(T0, T1) = T1 - T0 <= 3 * 86400 ? "%H:%M\n%d %b" : "%d %b\n%Y"
# time axes: "set xdata time" after any stats command (not allowed with it)
set timefmt "%Y-%m-%dT%H:%M:%SZ"
