# scripts/common.gp: settings shared by the supsim gnuplot scripts.
# Expects `dir` (a results folder) and optionally `fmt` ("png" or "svg").
if (!exists("dir")) dir = "."
if (!exists("fmt")) fmt = "png"
if (fmt eq "svg") {
	set terminal svg size 1000,560 dynamic font "sans,11" background "white"
} else {
	set terminal pngcairo size 1000,560 font "sans,10"
}
set datafile separator ","
set datafile missing ""
set key outside right top
set grid ytics lc rgb "#dddddd"
# Policies in their order of first appearance in a CSV (first column).
policies(f) = system(sprintf("awk -F, 'NR > 1 && !seen[$1]++ { print $1 }' '%s'", f))
