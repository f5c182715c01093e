#!/bin/sh
# tests/cli/guide.sh: every command of docs/guide.md runs, and what it prints
# still contains the guide's excerpts (issue 13 item 5), so the guide cannot
# drift from the program.
#  - a block fenced ```sh is a command block: its lines run in order, in a
#    scratch folder where `scenarios` is the repository's, with `supsim` the
#    program under test; ```sh slow blocks run only with SUPSIM_SLOW=1;
#    ```shell blocks (installing) are not run;
#  - a block fenced ```text is an excerpt of the last command block's output:
#    each of its lines must be one of the output's lines (blanks at the end
#    ignored).  Under the sanitizers (SUPSIM in a /san/ folder) the heavy
#    commands run with 2 replications and the excerpts are not compared.
# Prints "PASS guide-N" / "FAIL guide-N: why" per command block and
# "PASS guide-N-excerpt" / "FAIL ..." per excerpt.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
san=no
case $SUPSIM in */san/*) san=yes ;; esac

# Split the guide into $tmp/blocks/N.{sh,text}: N counts the blocks in order.
mkdir "$tmp/blocks" "$tmp/work"
awk -v dir="$tmp/blocks" -v slow="${SUPSIM_SLOW:-0}" '
/^```/ && !inb {
	inb = 1; n++; kind = "skip"
	if ($0 == "```sh" || ($0 == "```sh slow" && slow == "1")) kind = "sh"
	else if ($0 == "```sh slow") kind = "slow"
	else if ($0 == "```text") kind = "text"
	file = dir "/" sprintf("%03d", n) "." kind
	printf "" >file
	next
}
/^```/ && inb { inb = 0; close(file); next }
inb { print >>file }
' docs/guide.md
ln -s "$top/scenarios" "$tmp/work/scenarios"

cat >"$tmp/prelude" <<EOS
supsim() {
	if [ "$san" = yes ]; then
		case \$1 in
		run|compare|staff) c=\$1; shift; "$SUPSIM" "\$c" "\$@" -r 2; return ;;
		esac
	fi
	"$SUPSIM" "\$@"
}
EOS

last=none
for f in "$tmp"/blocks/*; do
	n=$(basename "$f" | cut -d. -f1)
	case $f in
	*.sh)
		last=$n
		# shellcheck source=/dev/null
		if (cd "$tmp/work" && . "$tmp/prelude" && set -e && . "$f") >"$tmp/out.$n" 2>&1; then
			echo "PASS guide-$n ($(head -n 1 "$f" | cut -c1-70))"
		else
			echo "FAIL guide-$n: $(head -n 1 "$f" | cut -c1-70): $(tail -n 3 "$tmp/out.$n" | tr '\n' ' ' | cut -c1-300)"
		fi
		;;
	*.slow) last=none ;;
	*.text)
		[ "$san" = yes ] && continue
		[ "$last" = none ] && continue
		missing=$(awk 'NR == FNR { sub(/[ \t]+$/, ""); have[$0] = 1; next }
			{ sub(/[ \t]+$/, "") } $0 != "" && !($0 in have) { print; exit }' \
			"$tmp/out.$last" "$f")
		if [ -z "$missing" ]; then
			echo "PASS guide-$n-excerpt (of guide-$last)"
		else
			echo "FAIL guide-$n-excerpt: not in the output of guide-$last: $missing"
		fi
		;;
	esac
done
