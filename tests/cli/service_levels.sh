#!/bin/sh
# tests/cli/service_levels.sh: issue 10 on tests/data/deflect.ini (a desk
# and a policy whose only change sends Free users to self-service):
#  - compare shows the deflected share's paired difference beside every
#    attainment gain (compare.csv and stdout), and says so in a NOTE;
#  - hourly.csv summed over the hours gives summary.csv's counts for every
#    policy x priority x channel (tier all), and is the same for -j 1 and 2;
#  - local_time is in [scenario] timezone;
#  - check prints the resolved targets.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
ini=tests/data/deflect.ini

for j in 1 2; do
	if ! "$SUPSIM" compare "$ini" -j "$j" -o "$tmp/c$j" >"$tmp/out$j" 2>"$tmp/err"; then
		echo "FAIL sl-compare-run: $(head -n 3 "$tmp/err")"
		exit 0
	fi
done
f="$tmp/c1/compare.csv"

# compare.csv: every row of `deflect` with a gain carries the deflected
# difference and its interval; on rows over every tier it is > 0 (the Pro
# rows gain from the capacity Free users no longer take: 0 there)
awk -F, '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$1 == "deflect" {
		rows++
		if ($col["diff"] > 0) {
			gains++
			if ($col["deflected_diff"] == "" || $col["deflected_diff_ci95"] == "" ||
			    ($2 == "all" && $col["deflected_diff"] <= 0)) bad++
		}
	}
	END {
		if (rows > 0 && gains > 0 && !bad)
			printf "PASS sl-compare-deflected-beside-gain (%d of %d rows gain)\n", gains, rows
		else
			printf "FAIL sl-compare-deflected-beside-gain: %d rows, %d gains, %d without\n", rows, gains, bad
	}' "$f"
for c in abandon_share abandon_diff abandon_diff_ci95 deflected_share deflected_diff \
	deflected_diff_ci95 wait_mean_s wait_diff_s wait_diff_ci95_s paid_hours paid_hours_diff; do
	head -n 1 "$f" | tr ',' '\n' | grep -qx "$c" || echo "FAIL sl-compare-column: no $c"
done
# stdout: the scorecard comes first, the `all` row shows the deflected
# difference beside the attainment gain, and a NOTE says it plainly
first=$(grep -n '^scorecard' "$tmp/out1" | cut -d: -f1)
pair=$(grep -n '^paired differences' "$tmp/out1" | cut -d: -f1)
if [ -n "$first" ] && [ -n "$pair" ] && [ "$first" -lt "$pair" ]; then
	echo "PASS sl-compare-scorecard-first"
else
	echo "FAIL sl-compare-scorecard-first"
fi
row=$(grep -E '^  deflect +all ' "$tmp/out1")
if echo "$row" | awk '{ exit !(NF == 10 && $5 > 0 && $9 > 0) }'; then
	echo "PASS sl-compare-stdout-deflected ($row)"
else
	echo "FAIL sl-compare-stdout-deflected: $row"
fi
grep -q '^  NOTE: deflect raises attainment by +[0-9.]* +-[0-9.]* over base .*deflected share .* by +[0-9.]* +-[0-9.]*$' "$tmp/out1" &&
	echo "PASS sl-compare-note" || echo "FAIL sl-compare-note: $(grep NOTE "$tmp/out1")"

# hourly.csv = summary.csv, per policy x priority x channel
cmp -s "$tmp/c1/hourly.csv" "$tmp/c2/hourly.csv" && echo "PASS sl-hourly-same-for-any-j" ||
	echo "FAIL sl-hourly-same-for-any-j"
awk -F, '
	FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
	FILENAME ~ /hourly/ {
		k = $1 "," $col[FILENAME, "priority"] "," $col[FILENAME, "channel"]
		for (n = split("arrived met missed abandoned deflected abandoned_in_target", w, " "); n; n--)
			h[k, w[n]] += $col[FILENAME, w[n]]
		keys[k] = 1
		next
	}
	$2 == "all" {
		k = $1 "," $3 "," $4
		for (n = split("arrived met missed abandoned deflected abandoned_in_target", w, " "); n; n--)
			s[k, w[n]] = $col[FILENAME, w[n]]
	}
	END {
		for (k in keys) for (n = split("arrived met missed abandoned deflected abandoned_in_target", w, " "); n; n--) {
			a = h[k, w[n]]; b = s[k, w[n]]; cells++
			if (a - b > 1e-6 * (b + 1) || b - a > 1e-6 * (b + 1)) { bad++; if (bad < 4) printf "  %s %s hourly %s summary %s\n", k, w[n], a, b }
		}
		if (cells > 0 && !bad) printf "PASS sl-hourly-sums (%d cells)\n", cells
		else printf "FAIL sl-hourly-sums: %d of %d cells differ\n", bad, cells
	}' "$tmp/c1/hourly.csv" "$tmp/c1/summary.csv"
sed -n 2p "$tmp/c1/hourly.csv" | grep -q '^base,2020-03-03T00:00:00Z,2020-03-03T01:00:00+01:00,all,all,' &&
	echo "PASS sl-hourly-local-time" || echo "FAIL sl-hourly-local-time: $(sed -n 2p "$tmp/c1/hourly.csv")"

"$SUPSIM" check "$ini" >"$tmp/check" 2>&1
grep -qE '^  Pro +P1 +phone 60s web 4h$' "$tmp/check" && echo "PASS sl-check-targets" ||
	echo "FAIL sl-check-targets: $(grep -A3 resolved "$tmp/check")"

# scripts/hourly.gp draws attainment by hour from the folder
if command -v gnuplot >/dev/null 2>&1; then
	if gnuplot -e "dir='$tmp/c1'; policy='deflect'" scripts/hourly.gp 2>"$tmp/gp" &&
		[ -s "$tmp/c1/hourly.png" ] && [ ! -s "$tmp/gp" ]; then
		echo "PASS sl-hourly-gnuplot"
	else
		echo "FAIL sl-hourly-gnuplot: $(head -n 3 "$tmp/gp")"
	fi
else
	echo "PASS sl-hourly-gnuplot (skipped: no gnuplot)"
fi
