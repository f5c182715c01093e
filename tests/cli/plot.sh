#!/bin/sh
# tests/cli/plot.sh: `supsim plot DIR` (SPEC §3): PNG and SVG charts and an
# index.html in a results folder, also one whose name holds a quote, blanks
# and a shell command (which must not run); exit 2 for a folder that is not
# a results folder, exit 1 without gnuplot or without the scripts; the edge
# cases of tests/plot/ (no attainment, short horizons, no backlog, names
# with underscores); one chart failing does not stop the others.
# Prints "PASS name" or "FAIL name: why" per case.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if ! command -v gnuplot >/dev/null 2>&1; then
	echo "FAIL plot: gnuplot is not installed (scripts/deps.sh installs it)"
	exit 1
fi

# charts NAME DIR: plot DIR, then check every file.
charts() {
	"$SUPSIM" plot "$2" >"$out" 2>&1
	rc=$?
	why=""
	[ "$rc" -eq 0 ] || why="exit status $rc: $(head -c 300 "$out")"
	for c in summary attainment load; do
		[ -n "$why" ] && break
		if [ "$(head -c 4 "$2/$c.png" 2>/dev/null | od -An -c | tr -d ' ')" != '211PNG' ]; then
			why="$c.png is not a PNG"
		elif [ "$(wc -c <"$2/$c.png")" -lt 10000 ]; then
			why="$c.png is nearly empty"
		elif ! grep -q '</svg>' "$2/$c.svg" 2>/dev/null; then
			why="$c.svg is not a whole SVG"
		elif ! grep -q "src=\"$c.png\"" "$2/index.html" 2>/dev/null; then
			why="index.html does not show $c.png"
		fi
	done
	if [ -z "$why" ] && ls -A "$2" | grep -q '\.tmp-'; then
		why="temporary files left: $(ls -A "$2" | grep '\.tmp-')"
	fi
	judge "$1" "$why"
}

quick="tests/data/spring-2020-v1.ini -q -r 2 --set scenario.duration=4w"
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$tmp/res" >/dev/null 2>&1
charts plot-charts "$tmp/res"

odd="$tmp/it's a \$(touch $tmp/pwned) \`touch $tmp/pwned\`; touch $tmp/pwned"
# shellcheck disable=SC2086
"$SUPSIM" run $quick -o "$odd" >/dev/null 2>&1
charts plot-odd-name "$odd"
if [ -e "$tmp/pwned" ]; then
	echo "FAIL plot-no-injection: a command in the folder's name ran"
else
	echo "PASS plot-no-injection"
fi

# Edge cases (tests/plot/*.ini, -r 2, a few days): data that once stopped a
# chart.  edge NAME FILE TEXT: run tests/plot/NAME.ini, plot it: every chart
# drawn, no gnuplot warning, and TEXT in the chart FILE (an SVG: its labels
# are text there).
edge() {
	if ! "$SUPSIM" run "tests/plot/$1.ini" -q -o "$tmp/$1" >"$out" 2>&1; then
		echo "FAIL plot-$1: supsim run: $(head -c 300 "$out")"
		return
	fi
	said=$(charts "plot-$1" "$tmp/$1")
	case $said in
	PASS*) ;;
	*) echo "$said"; return ;;
	esac
	if grep -qi 'warning' "$out"; then
		echo "FAIL plot-$1: gnuplot warned: $(head -c 300 "$out")"
	elif ! grep -q -- "$3" "$tmp/$1/$2" 2>/dev/null; then
		echo "FAIL plot-$1: no '$3' in $2"
	else
		echo "PASS plot-$1"
	fi
}
edge deflected summary.svg 'no ticket was met or missed'
edge tiny attainment.svg 'no contact arrived after the warm-up'
edge short attainment.svg 'day by day'
edge overstaffed load.svg 'no ticket waiting'
edge underscore load.svg 'may_june'

# One chart failing (a broken copy of load.gp): the others are still drawn,
# index.html shows them and not the failed one, whose earlier files are gone;
# exit 1 naming it.
cp -R scripts "$tmp/broken"
echo 'plot no_such_variable' >>"$tmp/broken/load.gp"
"$SUPSIM" plot "$tmp/short" >/dev/null 2>&1
SUPSIM_SCRIPTS="$tmp/broken" "$SUPSIM" plot "$tmp/short" >"$out" 2>&1
rc=$?
why=""
if [ "$rc" -ne 1 ]; then
	why="exit status $rc, expected 1: $(head -c 300 "$out")"
elif ! grep -q 'the load chart (load.png, load.svg) was not drawn' "$out"; then
	why="no message naming the load chart: $(head -c 300 "$out")"
elif [ -e "$tmp/short/load.png" ] || [ -e "$tmp/short/load.svg" ]; then
	why="load.png or load.svg left from the earlier plot"
elif grep -q 'src="load.png"' "$tmp/short/index.html"; then
	why="index.html shows load.png"
elif ls -A "$tmp/short" | grep -q '\.tmp-'; then
	why="temporary files left"
else
	for c in summary attainment; do
		if [ "$(wc -c <"$tmp/short/$c.png")" -lt 10000 ] || ! grep -q '</svg>' "$tmp/short/$c.svg" ||
		   ! grep -q "src=\"$c.png\"" "$tmp/short/index.html"; then
			why="$c chart or its place in index.html missing"
		fi
	done
fi
judge plot-one-fails "$why"

mkdir "$tmp/plain"
: >"$tmp/plain/summary.csv"
expect plot-not-results 2 'not a supsim results folder' "$SUPSIM" plot "$tmp/plain"
expect plot-missing-dir 2 'not a supsim results folder' "$SUPSIM" plot "$tmp/none"
expect plot-no-gnuplot 1 'gnuplot not found' env PATH="$tmp/none" "$SUPSIM" plot "$tmp/res"
expect plot-no-scripts 1 'SUPSIM_SCRIPTS' env SUPSIM_SCRIPTS="$tmp/plain" "$SUPSIM" plot "$tmp/res"
