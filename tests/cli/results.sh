#!/bin/sh
# tests/cli/results.sh: the results folder of `supsim run` (SPEC §4-5,
# docs/results.md, issue 6):
#  - the same scenario and seed give byte-identical files for -j 1, 2 and 8,
#    and run after run (every file compared with cmp);
#  - summary.csv's wait_p50/p90/p99_s (tier all, channel all, each priority
#    and all) against the exact quantiles of the same run's tickets.csv,
#    within the stated error (1 % relative or 1 s);
#  - write errors (a file size limit with SIGXFSZ ignored: EFBIG; -o below
#    a regular file): exit 1, a message naming the file, earlier results
#    intact, no results folder where there was none, no temporary folder;
#  - the stale temporary folder of a killed run is removed by the next run;
#  - --help of every verb exits 0, bad usage exits 2.
# Prints "PASS name" or "FAIL name: why" per case.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# ---- (a) byte-identical for any -j and run after run ----

# determinism NAME SCENARIO ARGS...: runs -j 1, 2, 8 and -j 1 again.
determinism() {
	name=$1 scen=$2
	shift 2
	why=""
	for j in 1 2 8 1b; do
		"$SUPSIM" run "$scen" -q --trace -j "${j%b}" -o "$tmp/$name-$j" "$@" >"$out" 2>&1 ||
			why="$why -j ${j%b} exit $?: $(head -c 200 "$out");"
	done
	if [ -z "$why" ] && [ ! -s "$tmp/$name-1/tickets.csv" ]; then
		why="no tickets.csv"
	fi
	if [ -z "$why" ]; then
		for j in 2 8 1b; do
			d=$(same_dirs "$tmp/$name-1" "$tmp/$name-$j") || why="$why -j 1 vs ${j%b}: $d;"
		done
	fi
	judge "identical-$name" "$why"
}

determinism mmc scenarios/mmc.ini -r 4
determinism spring tests/data/spring-2020-v1.ini -r 4 --set scenario.duration=28d

# ---- (b) quantiles against the exact ones from tickets.csv ----

# exact DIR: "policy,priority,p50,p90,p99,n" from tickets.csv, over answered
# tickets (met or missed with a response), wait = response_s - arrival_s,
# per policy and priority and per policy over all priorities.  The
# q-quantile is the ceil(q n)-th smallest wait.
exact() {
	awk -F, 'NR > 1 && ($13 == "met" || $13 == "missed") && $10 != "" {
		w = $10 - $9
		printf "%s,%s,%.3f\n%s,all,%.3f\n", $1, $7, w, $1, w
	}' "$1/tickets.csv" | sort -t, -k1,1 -k2,2 -k3,3g | awk -F, '
	function flush(   j, k) {
		if (n == 0)
			return
		printf "%s,%s", pol, pri
		for (j = 1; j <= 3; j++) {
			k = q[j] * n
			if (k > int(k))
				k = int(k) + 1
			printf ",%s", v[k]
		}
		printf ",%d\n", n
		n = 0
	}
	BEGIN { q[1] = 0.5; q[2] = 0.9; q[3] = 0.99 }
	$1 != pol || $2 != pri { flush(); pol = $1; pri = $2 }
	{ v[++n] = $3 }
	END { flush() }'
}

# quantiles NAME DIR: every (policy, priority) of the exact table has its
# summary row, each quantile within max(1 % of the exact value, 1 s).
quantiles() {
	exact "$2" >"$tmp/exact.csv"
	if [ ! -s "$tmp/exact.csv" ]; then
		fail "quantiles-$1" "no answered tickets in $2/tickets.csv"
		return
	fi
	awk -F, -v name="$1" '
	NR == FNR { ex[$1 "," $2] = $0; next }
	FNR > 1 && $2 == "all" && $4 == "all" && ($1 "," $3) in ex {
		split(ex[$1 "," $3], e, ",")
		seen[$1 "," $3] = 1
		for (j = 1; j <= 3; j++) {
			h = $(13 + j); x = e[2 + j]
			d = h - x; if (d < 0) d = -d
			tol = x * 0.01; if (tol < 1) tol = 1
			if (h == "" || d > tol) {
				bad = bad sprintf(" %s/%s p%s: summary %s, exact %s;", $1, $3,
					j == 1 ? 50 : j == 2 ? 90 : 99, h, x)
			}
			if (x >= 100 && d / x > maxrel) maxrel = d / x
			if (x < 100 && d > maxabs) maxabs = d
			checked++
		}
	}
	END {
		for (k in ex)
			if (!(k in seen))
				bad = bad " no summary row for " k ";"
		if (bad != "")
			printf "FAIL quantiles-%s:%s\n", name, bad
		else
			printf "PASS quantiles-%s (%d quantiles; max error %.3f %% above 100 s, %.3f s below)\n",
				name, checked, 100 * maxrel, maxabs
	}' "$tmp/exact.csv" "$2/summary.csv"
}

quantiles mmc "$tmp/mmc-1"
quantiles spring "$tmp/spring-1"
rm -rf "$tmp"/mmc-* "$tmp"/spring-*

# ---- (c) write errors ----

quick="scenarios/mmc.ini -q -r 2 --set scenario.duration=10d --set scenario.warmup=1d"

# a file size limit of one block with SIGXFSZ ignored: summary.csv fails
# with EFBIG; first with earlier results in place, then with none.
res=$tmp/efbig/res
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$res" >/dev/null 2>&1
cp -a "$res" "$tmp/efbig-ref"
# shellcheck disable=SC2086
(trap '' XFSZ; ulimit -f 1; exec "$SUPSIM" run $quick -s 7 -o "$res") >"$out" 2>&1
rc=$?
if [ "$rc" -ne 1 ]; then
	fail write-efbig "exit status $rc, expected 1: $(head -c 300 "$out")"
elif ! grep -q "^$tmp/efbig/\.res\.tmp-[0-9-]*/summary\.csv: File too large" "$out"; then
	fail write-efbig "no '.../summary.csv: File too large': $(head -c 300 "$out")"
elif ! d=$(same_dirs "$tmp/efbig-ref" "$res"); then
	fail write-efbig "earlier results changed: $d"
elif [ -n "$(leftovers "$res")" ]; then
	fail write-efbig "left behind: $(leftovers "$res")"
else
	pass write-efbig
fi
rm -rf "$res"
# shellcheck disable=SC2086
(trap '' XFSZ; ulimit -f 1; exec "$SUPSIM" run $quick -o "$res") >"$out" 2>&1
rc=$?
if [ "$rc" -ne 1 ]; then
	fail write-efbig-new "exit status $rc, expected 1: $(head -c 300 "$out")"
elif ! grep -q "File too large" "$out"; then
	fail write-efbig-new "no 'File too large' message: $(head -c 300 "$out")"
elif [ -e "$res" ] || [ -n "$(leftovers "$res")" ]; then
	fail write-efbig-new "left behind: $(ls -A "$tmp/efbig")"
else
	pass write-efbig-new
fi

: >"$tmp/plain"
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$tmp/plain/res" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 1 ]; then
	fail write-below-file "exit status $rc, expected 1: $(head -c 300 "$out")"
elif ! grep -q "^$tmp/plain: Not a directory" "$out"; then
	fail write-below-file "no '$tmp/plain: Not a directory': $(head -c 300 "$out")"
elif [ ! -f "$tmp/plain" ] || [ -s "$tmp/plain" ]; then
	fail write-below-file "the regular file changed"
else
	pass write-below-file
fi

# ---- (d) a killed run's temporary folder goes with the next run ----

res=$tmp/killed/res
"$SUPSIM" run tests/data/spring-2020-v1.ini -q -j 1 -o "$res" >/dev/null 2>&1 &
pid=$!
n=0
while [ -z "$(leftovers "$res")" ] && [ "$n" -lt 200 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.02
	n=$((n + 1))
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
stale=$(leftovers "$res")
if [ -z "$stale" ]; then
	fail stale-removed "no temporary folder seen while the run was going on"
else
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -o "$res" >"$out" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail stale-removed "next run: exit status $rc: $(head -c 300 "$out")"
	elif [ -n "$(leftovers "$res")" ]; then
		fail stale-removed "still there after the next run: $(leftovers "$res")"
	elif [ ! -f "$res/summary.csv" ]; then
		fail stale-removed "next run wrote no summary.csv"
	else
		pass stale-removed
	fi
fi

# ---- (e) help and usage ----

why=""
"$SUPSIM" --help >"$out" 2>&1 || why="$why --help exit $?;"
for v in run compare staff plot check; do
	"$SUPSIM" "$v" --help >"$out" 2>&1 || why="$why $v --help exit $?;"
	grep -q "^usage: supsim $v" "$out" || why="$why $v --help prints no usage;"
	"$SUPSIM" "$v" -h >/dev/null 2>&1 || why="$why $v -h exit $?;"
done
judge help-verbs "$why"

# usage ARGS...: exit status 2 and a message on stderr, nothing on stdout.
why=""
usage() {
	"$SUPSIM" "$@" >"$out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] || why="$why '$*' exit $rc;"
	[ -s "$tmp/err" ] || why="$why '$*' says nothing;"
	[ -s "$out" ] && why="$why '$*' prints on stdout;"
}
usage
usage frobnicate
usage --frobnicate
usage run
usage run scenarios/mmc.ini extra.ini
usage run scenarios/mmc.ini --bogus
usage run scenarios/mmc.ini -r 0
usage run scenarios/mmc.ini -r
usage run scenarios/mmc.ini -j 0
usage run scenarios/mmc.ini -j two
usage run scenarios/mmc.ini -s -1
usage run scenarios/mmc.ini --set nokey
usage run "$tmp/none.ini"
usage compare
usage staff --bogus scenarios/mmc.ini
usage check
usage check scenarios/mmc.ini -j 2
usage plot
usage plot a b
judge bad-usage "$why"
