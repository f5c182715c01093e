#!/bin/sh
# tests/cli/plot.sh: `supsim plot DIR` (SPEC §3): PNG and SVG charts and an
# index.html in a results folder, also one whose name holds a quote, blanks
# and a shell command (which must not run); exit 2 for a folder that is not
# a results folder, exit 1 without gnuplot or without the scripts.
# Prints "PASS name" or "FAIL name: why" per case.
cd "$(dirname "$0")/../.." || exit 1
: "${SUPSIM:=build/supsim}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

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
	if [ -z "$why" ]; then echo "PASS $1"; else echo "FAIL $1: $why"; fi
}

quick="scenarios/spring-2020.ini -q -r 2 --set scenario.duration=4w"
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

# expect NAME STATUS PATTERN CMD...
expect() {
	name=$1 status=$2 pattern=$3
	shift 3
	"$@" >"$out" 2>&1
	rc=$?
	if [ "$rc" -ne "$status" ]; then
		echo "FAIL $name: exit status $rc, expected $status: $(head -c 300 "$out")"
	elif ! grep -q -- "$pattern" "$out"; then
		echo "FAIL $name: no '$pattern' in: $(head -c 300 "$out")"
	else
		echo "PASS $name"
	fi
}

mkdir "$tmp/plain"
: >"$tmp/plain/summary.csv"
expect plot-not-results 2 'not a supsim results folder' "$SUPSIM" plot "$tmp/plain"
expect plot-missing-dir 2 'not a supsim results folder' "$SUPSIM" plot "$tmp/none"
expect plot-no-gnuplot 1 'gnuplot not found' env PATH="$tmp/none" "$SUPSIM" plot "$tmp/res"
expect plot-no-scripts 1 'SUPSIM_SCRIPTS' env SUPSIM_SCRIPTS="$tmp/plain" "$SUPSIM" plot "$tmp/res"
