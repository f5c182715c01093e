#!/bin/sh
# bench/run.sh BUILD: the engine benchmark (bench/engine.c) at 1 and 10
# million tickets, each run 3 times in a fresh process; prints every run and
# the median events/s and peak RSS per size.  Targets: >= 10 million
# events/s on one core, peak RSS < 50 MiB, RSS flat from 1 M to 10 M.
set -u
build=${1:-build}
bin="$build/bench/engine"
[ -x "$bin" ] || { echo "bench/run.sh: $bin not built" >&2; exit 1; }
status=0
for n in 1000000 10000000; do
	out=$(mktemp)
	for i in 1 2 3; do
		"$bin" "$n" >>"$out" || status=1
	done
	cat "$out"
	awk -v n="$n" '
		{ for (i = 1; i < NF; i++) v[$i, NR] = $(i + 1) }
		END {
			for (k = 1; k <= NR; k++) { e[k] = v["events/s", k]; r[k] = v["peak_rss_mib", k] }
			# median of 3
			for (a = 1; a <= NR; a++) for (b = a + 1; b <= NR; b++) {
				if (e[b] < e[a]) { t = e[a]; e[a] = e[b]; e[b] = t }
				if (r[b] < r[a]) { t = r[a]; r[a] = r[b]; r[b] = t }
			}
			m = int((NR + 1) / 2)
			printf "median %d tickets: %.2f M events/s, peak RSS %.1f MiB\n", n, e[m] / 1e6, r[m]
		}' "$out"
	rm -f "$out"
done

# Peak RSS of `supsim run` without --trace: 1 and 10 million tickets over
# the same week, the second with 10x the arrival rate and agents (load 0.9
# in both).  It must not grow by more than 10%.
rss="$build/bench/rss"
supsim="$build/supsim"
out=$(mktemp -d)
for k in 1 10; do
	vol=$((142857 * k))
	agents=$((100 * k))
	t0=$(date +%s.%N)
	"$rss" "$supsim" run bench/rss.ini -q -j 1 -o "$out/res$k" \
		--set segment.load.volume="$vol/d" --set team.desk.agents="$agents" \
		2>"$out/rss$k" || status=1
	t1=$(date +%s.%N)
	printf 'supsim run, %d million tickets in a week (%d agents): %s, %.2f s\n' \
		"$k" "$agents" "$(cat "$out/rss$k")" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
done
awk '{ v[NR] = $2 } END {
	printf "peak RSS 10M / 1M tickets: %.3f (must be <= 1.10)\n", v[2] / v[1]
	exit !(v[2] <= 1.10 * v[1]) }' "$out/rss1" "$out/rss10" || status=1
rm -rf "$out"
exit $status
