#!/bin/sh
# tests/cli/bad.sh: every bad scenario of tests/bad/ is refused by
# `supsim check` with exit status 2 and the expected first line on stderr.
# Convention (docs/scenario.md, "Testing the language"): line 1 of each file
# is "; expect: TEXT", TEXT the exact prefix of the error as printed when run
# from the repository root (so it starts with tests/bad/NAME.ini:LINE: or,
# for a CSV, tests/bad/FILE.csv:LINE:, or for an override "--set K:");
# an optional line 2 "; args: --set K=V ..." gives extra arguments (words
# without blanks).  Prints "PASS name" or "FAIL name: why" per file.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
err=$tmp/err
for f in tests/bad/*.ini; do
	name=$(basename "$f" .ini)
	expect=$(sed -n '1s/^; expect: //p' "$f")
	args=$(sed -n '2s/^; args: //p' "$f")
	if [ -z "$expect" ]; then
		echo "FAIL $name: no '; expect:' line"
		continue
	fi
	# shellcheck disable=SC2086
	"$SUPSIM" check "$f" $args >/dev/null 2>"$err"
	rc=$?
	first=$(head -n 1 "$err")
	if [ "$rc" -ne 2 ]; then
		echo "FAIL $name: exit status $rc, expected 2 ($first)"
	else
		case "$first" in
		"$expect"*) echo "PASS $name" ;;
		*) echo "FAIL $name: got '$first', expected '$expect...'" ;;
		esac
	fi
done
