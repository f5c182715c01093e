# shellcheck shell=sh
# tests/cli/lib.sh: what the command-line tests share.  Each script of
# tests/cli/ begins with
#	. "$(dirname "$0")/lib.sh"
# which moves to the top of the tree ($top), takes the program under test
# from $SUPSIM (tests/run.sh sets it; build/supsim by default, made absolute
# so that a test may run it from another folder), and makes $tmp, a scratch
# folder removed on exit, with $out=$tmp/out for a command's output.
# The helpers print the suite's lines: "PASS name" or "FAIL name: why".
cd "$(dirname "$0")/../.." || exit 1
top=$(pwd)
: "${SUPSIM:=build/supsim}"
case $SUPSIM in /*) ;; *) SUPSIM=$top/$SUPSIM ;; esac
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# judge NAME WHY: PASS NAME when WHY is empty, else FAIL NAME: WHY.
judge() { if [ -z "$2" ]; then pass "$1"; else fail "$1" "$2"; fi; }

# verdict NAME: reads one line "ok TEXT" or "no TEXT" (from awk) and prints
# PASS NAME (TEXT) or FAIL NAME: TEXT.
verdict() {
	read -r v text
	case $v in
	ok) echo "PASS $1 ($text)" ;;
	no) echo "FAIL $1: $text" ;;
	*) echo "FAIL $1: no verdict (${v:-empty} $text)" ;;
	esac
}

# status_line NAME STATUS PATTERN RC FILE: RC is STATUS and a line of FILE
# matches PATTERN (grep).
status_line() {
	if [ "$4" -ne "$2" ]; then
		fail "$1" "exit status $4, expected $2: $(head -c 300 "$5")"
	elif ! grep -q -- "$3" "$5"; then
		fail "$1" "no line matching '$3' in: $(head -c 300 "$5")"
	else
		pass "$1"
	fi
}

# expect NAME STATUS PATTERN CMD...: CMD exits STATUS and a line of its
# stdout+stderr matches PATTERN.
expect() {
	_name=$1 _status=$2 _pattern=$3
	shift 3
	"$@" >"$out" 2>&1
	status_line "$_name" "$_status" "$_pattern" $? "$out"
}

# expect_err NAME STATUS PATTERN CMD...: the same, of its stderr alone.
expect_err() {
	_name=$1 _status=$2 _pattern=$3
	shift 3
	"$@" >/dev/null 2>"$out"
	status_line "$_name" "$_status" "$_pattern" $? "$out"
}

# has_line NAME PATTERN FILE: a line of FILE matches PATTERN.
has_line() {
	if grep -q -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "no line matching '$2' in: $(head -c 300 "$3")"
	fi
}

# same_dirs A B: the same file names (.supsim included), every file equal;
# else says what differs and returns 1.  (The folders hold the program's own
# file names, without blanks: ls is safe.)
# shellcheck disable=SC2012,SC2045
same_dirs() {
	[ "$(ls -A "$1" 2>/dev/null)" = "$(ls -A "$2")" ] || {
		echo "files differ: $(ls -A "$1" 2>/dev/null | tr '\n' ' ') / $(ls -A "$2" | tr '\n' ' ')"
		return 1
	}
	for f in $(ls -A "$1"); do
		cmp -s "$1/$f" "$2/$f" || {
			echo "$f differs"
			return 1
		}
	done
}

# leftovers DIR: the temporary or old folders left beside results folder DIR.
# shellcheck disable=SC2010
leftovers() {
	ls -A "$(dirname "$1")" 2>/dev/null | grep -E "^\.$(basename "$1")\.(tmp|old)-" || true
}
