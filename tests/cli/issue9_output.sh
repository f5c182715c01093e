#!/bin/sh
# tests/cli/issue9_output.sh: never lose a user's files on the output side
# (issue 9 items 1-8, 11, 16; docs/results.md "Written whole or not at all"):
#  1  a folder whose .supsim is a folder, a dangling link or a file with
#     other content is not replaced;
#  2  no path is cut: a -o of 1024 bytes is used whole (it once named ./run1),
#     one beyond PATH_MAX is refused (exit 2, "name too long"), by plot too; a scenario in
#     a 600-byte folder reads its own tables; a table path that does not fit
#     is refused at its key;
#  3  without RENAME_EXCHANGE (an LD_PRELOAD shim, tests/shim/fsfault.c):
#     killed between the two renames, the next run puts the old folder back;
#  4  two runs into a new folder at once both succeed, DIR is one whole result;
#  5  a live run's temporary folder is left alone by a run in another PID
#     namespace (unshare), and by any run while its marker is locked;
#  6  ulimit -f: exit 1 "File too large", no leftovers (SIGXFSZ ignored);
#  7  a ticket trace that cannot be written names its file and the reason;
#  8  stdout on /dev/full: exit 1 and a message, for every verb;
# 11  plot stopped by SIGTERM leaves no temporary file; after a SIGKILL the
#     next plot removes it;
# 16  staff refuses a folder it may not replace before its search.
# Prints "PASS name", "FAIL name: why" or "SKIP name: why" per case.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
mmc="$top/scenarios/mmc.ini"
talk="$mmc -r 1 --set scenario.duration=10d --set scenario.warmup=1d"
quick="$talk -q"


# whole DIR: a complete results folder.
whole() {
	for f in .supsim summary.csv timeseries.csv teams.csv; do
		[ -s "$1/$f" ] || {
			echo "no $f in $1"
			return 1
		}
	done
}

# the shim; under ASan it cannot come first in the library list
shim=$tmp/fsfault.so
cc -shared -fPIC -o "$shim" tests/shim/fsfault.c -ldl || fail shim "cannot build tests/shim/fsfault.c"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# ---- 1: only an exact marker file makes a folder replaceable ----

why=""
for kind in dir link other; do
	home=$tmp/home-$kind
	mkdir -p "$home/Documents"
	echo thesis >"$home/Documents/thesis.tex"
	case $kind in
	dir) mkdir "$home/.supsim" ;;
	link) ln -s /nonexistent "$home/.supsim" ;;
	other) echo "my settings" >"$home/.supsim" ;;
	esac
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -o "$home" >"$out" 2>&1 && why="$why $kind: exit 0;"
	[ "$(cat "$home/Documents/thesis.tex" 2>/dev/null)" = thesis ] ||
		why="$why $kind: thesis.tex lost;"
	grep -q "not a supsim results folder" "$out" || why="$why $kind: $(head -c 200 "$out");"
done
judge marker-exact "$why"

# ---- 2: no path is cut ----

why=""
mkdir "$tmp/cwd"
(
	cd "$tmp/cwd" || exit 1
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -o run1 >/dev/null 2>&1 || exit 1
	cp -a run1 run1-ref
	long="$(printf './%.0s' $(seq 1 509))/run10"
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -s 9 -o "$long" >"$out" 2>&1 || echo "long -o: exit $?: $(head -c 200 "$out")"
	same_dirs run1-ref run1 >/dev/null || echo "run1 was replaced"
	whole run10 || echo "run10 not written"
	toolong="$(printf './%.0s' $(seq 1 2100))/run11"
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -o "$toolong" >"$out" 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || echo "too long -o: exit $rc, expected 2"
	grep -q "/run11: name too long$" "$out" || echo "too long -o: $(tail -c 200 "$out")"
	[ -e run11 ] && echo "run11 made"
	"$SUPSIM" plot "$toolong" >"$out" 2>&1
	rc=$?
	[ "$rc" -eq 2 ] || echo "plot of a too long DIR: exit $rc, expected 2"
	grep -q "/run11: name too long$" "$out" || echo "plot of a too long DIR: $(tail -c 200 "$out")"
) >"$tmp/why" 2>&1
judge long-output "$(cat "$tmp/why")"

# a scenario 600 bytes deep reads its tables beside it
deep="$tmp/$(printf 'a%.0s' $(seq 1 200))/$(printf 'b%.0s' $(seq 1 200))/$(printf 'c%.0s' $(seq 1 200))"
mkdir -p "$deep"
cp -r tests/data/spring-2020-v1.ini tests/data/spring-2020-v1 "$deep/"
"$SUPSIM" check tests/data/spring-2020-v1.ini | sed 1d >"$tmp/check-ref"
"$SUPSIM" check "$deep/spring-2020-v1.ini" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
	fail long-scenario-folder "exit $rc: $(head -c 300 "$out" | tail -c 200)"
elif ! sed 1d "$out" | cmp -s - "$tmp/check-ref"; then
	fail long-scenario-folder "check prints another model than for tests/data/spring-2020-v1.ini"
else
	pass long-scenario-folder
fi

# a table path that does not fit with its folder: refused at its key
deeper=$tmp
for i in $(seq 1 16); do deeper="$deeper/$(printf 'd%.0s' $(seq 1 240))"; done
deeper="$deeper/$(printf 'd%.0s' $(seq 1 150))"
mkdir -p "$deeper"
far="$(printf 'e%.0s' $(seq 1 150))/shape.csv"
sed "s|^volume = 240/d.*|&\\nprofile = $far|" scenarios/mmc.ini >"$deeper/s.ini"
"$SUPSIM" check "$deeper/s.ini" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 2 ]; then
	fail long-table-path "exit $rc, expected 2"
elif ! grep -q "s.ini:[0-9]*: $far: name too long" "$out"; then
	fail long-table-path "$(tail -c 300 "$out")"
else
	pass long-table-path
fi

# ---- 3: without RENAME_EXCHANGE, a kill between the renames ----

res=$tmp/nx/res
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$res" >/dev/null 2>&1
cp -a "$res" "$tmp/nx-ref"
why=""
# shellcheck disable=SC2086
LD_PRELOAD=$shim FSFAULT_NO_EXCHANGE=1 FSFAULT_KILL_RENAME=.old- "$SUPSIM" run $quick -s 5 -o "$res" \
	>/dev/null 2>&1
rc=$?
[ "$rc" -eq 137 ] || why="$why not killed between the renames (exit $rc);"
[ -e "$res" ] && why="$why DIR still there after the first rename;"
[ -n "$(leftovers "$res" | grep old)" ] || why="$why no .old- folder;"
# the next run fails after its cleanup (a file size limit): DIR is then as
# that run found it, the old folder put back
# shellcheck disable=SC2086
(ulimit -f 1; LD_PRELOAD=$shim FSFAULT_NO_EXCHANGE=1 exec "$SUPSIM" run $quick -s 6 -o "$res") \
	>/dev/null 2>&1
d=$(same_dirs "$tmp/nx-ref" "$res") || why="$why DIR is not the old results: $d;"
# shellcheck disable=SC2086
LD_PRELOAD=$shim FSFAULT_NO_EXCHANGE=1 "$SUPSIM" run $quick -s 7 -o "$res" >"$out" 2>&1 ||
	why="$why a run without the exchange: exit $?: $(head -c 200 "$out");"
[ -n "$(leftovers "$res")" ] && why="$why left behind: $(leftovers "$res");"
cmp -s "$tmp/nx-ref/summary.csv" "$res/summary.csv" && why="$why not replaced by the -s 7 run;"
judge no-exchange-killed "$why"

# ---- 4: two runs into a new folder at once ----

# the other run's rename comes just before ours (the shim)
res=$tmp/race/res
why=""
# shellcheck disable=SC2086
LD_PRELOAD=$shim FSFAULT_RACE_DIR=$res "$SUPSIM" run $quick -o "$res" >"$out" 2>&1 ||
	why="exit $?: $(head -c 300 "$out")"
[ -z "$why" ] && { d=$(whole "$res") || why="$d"; }
[ -z "$why" ] && [ -e "$res/other.csv" ] && why="DIR mixes the two runs"
[ -z "$why" ] && [ -n "$(leftovers "$res")" ] && why="left behind: $(leftovers "$res")"
judge race-new-folder "$why"

# and for real, a few rounds (an unlucky schedule failed half of them)
why=""
for i in 1 2 3 4 5 6 7 8; do
	res=$tmp/race$i/res
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -j 1 -o "$res" >"$out.a" 2>&1 &
	a=$!
	# shellcheck disable=SC2086
	"$SUPSIM" run $quick -j 1 -s 3 -o "$res" >"$out.b" 2>&1 &
	b=$!
	wait "$a" || why="$why round $i: first run exit $?: $(head -c 200 "$out.a");"
	wait "$b" || why="$why round $i: second run exit $?: $(head -c 200 "$out.b");"
	whole "$res" >/dev/null || why="$why round $i: DIR not whole;"
	[ -n "$(leftovers "$res")" ] && why="$why round $i: left behind;"
done
judge race-new-folder-rounds "$why"

# ---- 5: live runs in another PID namespace ----

dead=""
for p in $(seq 32760 -7 1000); do
	if ! kill -0 "$p" 2>/dev/null; then
		dead=$p
		break
	fi
done
res=$tmp/ns/res
live="$tmp/ns/.res.tmp-$dead-0"
mkdir -p "$live"
printf 'supsim results folder\n' >"$live/.supsim"
echo x >"$live/summary.csv"
(
	exec 9<"$live/.supsim"
	flock 9
	exec sleep 30
) &
holder=$!
n=0
while flock -n "$live/.supsim" true && [ "$n" -lt 100 ]; do
	sleep 0.05
	n=$((n + 1))
done
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$res" >"$out" 2>&1
why=""
[ -f "$live/summary.csv" ] || why="a locked temporary folder (PID $dead not running here) was removed;"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$res" >"$out" 2>&1
[ -e "$live" ] && why="$why the same folder, no longer locked, stays;"
judge live-other-namespace-lock "$why"

# a real PID namespace: the run there sees no process with the other's PID
if unshare --pid --fork true 2>/dev/null; then
	res=$tmp/ns2/res
	"$SUPSIM" run "$mmc" -q -r 4 -j 1 -o "$res" >"$out.a" 2>&1 &
	a=$!
	n=0
	while [ -z "$(leftovers "$res")" ] && [ "$n" -lt 200 ]; do
		sleep 0.02
		n=$((n + 1))
	done
	# shellcheck disable=SC2086
	unshare --pid --fork "$SUPSIM" run $quick -s 4 -o "$res" >"$out.b" 2>&1
	rcb=$?
	wait "$a"
	rca=$?
	why=""
	[ -n "$(leftovers "$res")" ] || [ "$n" -lt 200 ] || why="the first run's folder never appeared;"
	[ "$rca" -eq 0 ] || why="$why the live run failed (exit $rca): $(head -c 300 "$out.a");"
	[ "$rcb" -eq 0 ] || why="$why the run in the other namespace: exit $rcb;"
	whole "$res" >/dev/null || why="$why DIR not whole;"
	judge live-other-namespace "$why"
else
	echo "SKIP live-other-namespace: unshare --pid is not allowed here"
fi

# ---- 6, 7: a file size limit (SIGXFSZ no longer kills supsim) ----

res=$tmp/fsize/res
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$res" >/dev/null 2>&1
cp -a "$res" "$tmp/fsize-ref"
big="$mmc -q -r 1 --set scenario.duration=12w"
# shellcheck disable=SC2086
(ulimit -f 1; exec "$SUPSIM" run $quick -s 8 -o "$res") >"$out" 2>&1
rc=$?
why=""
[ "$rc" -eq 1 ] || why="exit $rc, expected 1;"
grep -q "summary.csv: File too large$" "$out" || why="$why no '...summary.csv: File too large': $(head -c 200 "$out");"
d=$(same_dirs "$tmp/fsize-ref" "$res") || why="$why earlier results changed: $d;"
[ -n "$(leftovers "$res")" ] && why="$why left behind: $(leftovers "$res");"
judge xfsz-ignored "$why"

# a trace of ~2 MB against a limit of 300-600 kB: its first write fails
# (SIGXFSZ ignored here too, so that this case stands apart from the last)
# shellcheck disable=SC2086
(trap '' XFSZ; ulimit -f 600; exec "$SUPSIM" run $big --trace -o "$res") >"$out" 2>&1
rc=$?
why=""
[ "$rc" -eq 1 ] || why="exit $rc, expected 1;"
grep -q "/\.res\.tmp-[0-9]*-[0-9]*/tickets\.0\.0\.part: File too large" "$out" ||
	why="$why the message names no file and reason: $(head -c 300 "$out");"
grep -q "writing the ticket trace failed" "$out" && why="$why the vague message is still there;"
d=$(same_dirs "$tmp/fsize-ref" "$res") || why="$why earlier results changed: $d;"
[ -n "$(leftovers "$res")" ] && why="$why left behind: $(leftovers "$res");"
judge trace-error-named "$why"

# ---- 8: stdout on a full device ----

# a gnuplot that draws nothing worth seeing, quickly
mkdir -p "$tmp/bin"
cat >"$tmp/bin/gnuplot" <<'EOF'
#!/bin/sh
# fake gnuplot -c SCRIPT DIR FMT OUT: writes OUT; $FAKE_GNUPLOT_SLEEP: then
# sleeps (its PID in $FAKE_GNUPLOT_PID)
echo "chart $4" >"$5"
if [ -n "$FAKE_GNUPLOT_SLEEP" ]; then
	echo $$ >"$FAKE_GNUPLOT_PID"
	exec sleep "$FAKE_GNUPLOT_SLEEP"
fi
EOF
chmod +x "$tmp/bin/gnuplot"
res=$tmp/full/res
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$res" >/dev/null 2>&1
staff="tests/crn/staff.ini -r 2 --set scenario.duration=7d"
why=""
for cmd in "--help" "--version" "run --help" "plot --help" "check $mmc" "run $talk -o $tmp/full/r" \
	"compare $talk -o $tmp/full/c" "staff $staff -o $tmp/full/s" "plot $res"; do
	# shellcheck disable=SC2086
	PATH="$tmp/bin:$PATH" "$SUPSIM" $cmd >/dev/full 2>"$out"
	rc=$?
	[ "$rc" -eq 1 ] || why="$why '${cmd%% *}': exit $rc;"
	grep -q "writing to stdout: No space left on device" "$out" ||
		why="$why '${cmd%% *}': $(head -c 100 "$out");"
done
judge stdout-full "$why"

# ---- 11: plot stopped by signals ----

# plot_until_tmp: start plot on $res with a sleeping gnuplot, wait for its
# first temporary file; sets plot_pid.
plot_until_tmp() {
	rm -f "$tmp/gp.pid"
	PATH="$tmp/bin:$PATH" FAKE_GNUPLOT_SLEEP=30 FAKE_GNUPLOT_PID=$tmp/gp.pid \
		"$SUPSIM" plot "$res" >"$out" 2>&1 &
	plot_pid=$!
	n=0
	while [ ! -s "$tmp/gp.pid" ] && [ "$n" -lt 200 ]; do
		sleep 0.02
		n=$((n + 1))
	done
}
tmps() { ls -A "$res" | grep '\.tmp-' || true; }

plot_until_tmp
seen=$(tmps)
kill -TERM "$plot_pid"
wait "$plot_pid"
rc=$?
why=""
[ -n "$seen" ] || why="no temporary file seen while gnuplot ran;"
[ "$rc" -eq 1 ] || why="$why exit $rc, expected 1;"
[ -n "$(tmps)" ] && why="$why left behind: $(tmps);"
gp=$(cat "$tmp/gp.pid" 2>/dev/null)
[ -n "$gp" ] && kill -0 "$gp" 2>/dev/null && {
	why="$why gnuplot still runs;"
	kill "$gp"
}
judge plot-sigterm-clean "$why"

plot_until_tmp
kill -KILL "$plot_pid"
wait "$plot_pid" 2>/dev/null
gp=$(cat "$tmp/gp.pid" 2>/dev/null)
[ -n "$gp" ] && kill "$gp" 2>/dev/null
why=""
[ -n "$(tmps)" ] || why="SIGKILL left nothing to clean (test broken);"
PATH="$tmp/bin:$PATH" "$SUPSIM" plot "$res" >"$out" 2>&1 || why="$why next plot: exit $?: $(head -c 200 "$out");"
[ -n "$(tmps)" ] && why="$why left behind after the next plot: $(tmps);"
judge plot-sigkill-next-cleans "$why"

# ---- 16: staff checks -o first ----

mkdir -p "$tmp/precious"
echo keep >"$tmp/precious/notes.txt"
timeout 20 "$SUPSIM" staff tests/crn/staff.ini -q -j 1 -r 100 --set scenario.duration=30d \
	-o "$tmp/precious" >"$out" 2>&1
rc=$?
why=""
[ "$rc" -eq 1 ] || why="exit $rc (124: still searching after 20 s), expected 1;"
grep -q "not a supsim results folder" "$out" || why="$why $(head -c 200 "$out");"
[ "$(cat "$tmp/precious/notes.txt")" = keep ] || why="$why notes.txt lost;"
judge staff-output-first "$why"

# the same for staff --by, require and schedule (they once kept -o in a
# 1024-byte buffer and checked it only after the search)
for verb in "staff --by week" require schedule; do
	name=$(echo "$verb" | tr -d ' -')
	# shellcheck disable=SC2086
	timeout 20 "$SUPSIM" $verb tests/overtime/sinusoid.ini -q -j 1 -r 100 \
		-o "$tmp/precious" >"$out" 2>&1
	rc=$?
	why=""
	if [ "$verb" = schedule ]; then
		# sinusoid.ini has no [shifts]: bad input, said before any search
		[ "$rc" -eq 2 ] || [ "$rc" -eq 1 ] || why="exit $rc, expected 1 or 2;"
	else
		[ "$rc" -eq 1 ] || why="exit $rc (124: still searching after 20 s), expected 1;"
		grep -q "not a supsim results folder" "$out" || why="$why $(head -c 200 "$out");"
	fi
	[ "$(cat "$tmp/precious/notes.txt")" = keep ] || why="$why notes.txt lost;"
	judge "$name-output-first" "$why"
done
