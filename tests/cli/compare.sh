#!/bin/sh
# tests/cli/compare.sh: `supsim compare` (SPEC §4 compare.csv) on
# tests/crn/compare.ini: the header; a policy identical to the first differs
# by exactly 0 +- 0 in every row (common random numbers); one more agent
# raises attainment, with a paired interval narrower than the interval an
# independent-samples comparison would give (sqrt(h0^2 + h1^2)); the file
# is the same for -j 1 and -j 2.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

for j in 1 2; do
	if ! "$SUPSIM" compare tests/crn/compare.ini -q -j "$j" -o "$tmp/c$j" 2>"$tmp/err"; then
		echo "FAIL compare-run: $(head -n 3 "$tmp/err")"
		exit 0
	fi
done
f="$tmp/c1/compare.csv"
head -n 1 "$f" | grep -q '^policy,tier,priority,attainment,attainment_ci95,diff,diff_ci95' &&
	echo "PASS compare-header" || echo "FAIL compare-header: $(head -n 1 "$f")"
cmp -s "$f" "$tmp/c2/compare.csv" && echo "PASS compare-same-for-any-j" ||
	echo "FAIL compare-same-for-any-j"
for p in base same; do
	bad=$(awk -F, -v p="$p" '$1 == p && ($6 != "0" || $7 != "0")' "$f" | wc -l)
	rows=$(awk -F, -v p="$p" '$1 == p' "$f" | wc -l)
	if [ "$bad" -eq 0 ] && [ "$rows" -eq 6 ]; then
		echo "PASS compare-$p-zero-diff ($rows rows)"
	else
		echo "FAIL compare-$p-zero-diff: $bad of $rows rows differ from 0 +- 0"
	fi
done
awk -F, '
	$1 == "base" && $2 == "all" && $3 == "all" { h0 = $5 }
	$1 == "plus-one" && $2 == "all" && $3 == "all" { d = $6; h1 = $5; hd = $7 }
	END {
		ind = sqrt(h0 * h0 + h1 * h1)
		if (d > 0 && hd > 0 && hd < ind)
			printf "PASS compare-paired-narrower (diff %.4f +- %.4f, independent +- %.4f)\n", d, hd, ind
		else
			printf "FAIL compare-paired-narrower: diff %s +- %s, independent +- %s\n", d, hd, ind
	}' "$f"
