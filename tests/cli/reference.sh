#!/bin/sh
# tests/cli/reference.sh: the levers of the spring-2020 reference world
# (issue 13 items 1-3): [surge] elasticity turns a usage table into support
# demand, policy.selfservice answers a share of a tier's contacts, and the
# shipped scenario's `compare` shows its six policies' scorecards.
# Statistical claims: |sim - theory| <= 3.3 standard errors, seeds fixed in
# the files.  Prints "PASS name" or "FAIL name: why" per claim.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
lev=tests/data/reference/levers.ini

# elasticity 0.5 of a x4 usage table: x2 contacts (check's mean rate); 1: x4
"$SUPSIM" check "$lev" >"$tmp/check" 2>&1
grep -A1 '^  free:' "$tmp/check" | grep -q 'over the horizon mean 400/d' &&
	echo "PASS elasticity-half (usage x4 -> 400/d from 200/d)" ||
	echo "FAIL elasticity-half: $(grep -A1 '^  free:' "$tmp/check" | tail -1)"
"$SUPSIM" check "$lev" --set surge.usage.elasticity=1 >"$tmp/check1" 2>&1
grep -A1 '^  free:' "$tmp/check1" | grep -q 'over the horizon mean 800/d' &&
	echo "PASS elasticity-one (the table as a support multiplier: 800/d)" ||
	echo "FAIL elasticity-one: $(grep -A1 '^  free:' "$tmp/check1" | tail -1)"

# selfservice = Free:0.25: a quarter of Free's contacts deflected (binomial
# standard error over every counted contact), none of Pro's, none in base;
# the same Free contacts arrive in both policies.
if "$SUPSIM" run "$lev" -q -o "$tmp/lev" >"$tmp/log" 2>&1; then
	awk -F, '
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$3 == "all" && $4 == "all" {
		k = $1 "/" $2
		arr[k] = $col["arrived"]; defl[k] = $col["deflected"]; reps = $col["attainment_reps"]
	}
	END {
		n = arr["help/Free"] * reps; p = defl["help/Free"] / arr["help/Free"]
		se = sqrt(0.25 * 0.75 / n)
		if (p - 0.25 > 3.3 * se || 0.25 - p > 3.3 * se)
			{ printf "no Free deflected share %.4f, expected 0.25 +- %.4f\n", p, 3.3 * se; exit }
		if (defl["help/Pro"] != 0 || defl["base/all"] != 0)
			{ printf "no deflected Pro %s, base %s: expected 0\n", defl["help/Pro"], defl["base/all"]; exit }
		if (arr["help/Free"] != arr["base/Free"])
			{ printf "no Free arrivals %s in help, %s in base\n", arr["help/Free"], arr["base/Free"]; exit }
		printf "ok Free deflected share %.4f (0.25 +- %.4f), Pro and base 0\n", p, 3.3 * se
	}' "$tmp/lev/summary.csv" | verdict selfservice-share
else
	echo "FAIL selfservice-share: $(head -c 300 "$tmp/log")"
fi

# the shipped scenario: compare's scorecard has the seven policies, the May-June
# rule and self-service deflect (the rule more), temps and overtime pay more
# hours, one 24x7 desk the same hours within 5 % (2 replications).
if "$SUPSIM" compare scenarios/spring-2020.ini -r 2 \
	-o "$tmp/sp" >"$tmp/sp.out" 2>&1; then
	awk '
	/^scorecard/ { on = 1; next }
	on && /^  policy/ { next }
	on && NF == 0 { on = 0 }
	on { n++; defl[$1] = $5; paid[$1] = $NF }
	END {
		if (n != 7) { printf "no %d policies in the scorecard, expected 7\n", n; exit }
		if (!(defl["may-june-2020"] > defl["self-service"] && defl["self-service"] > 0))
			{ printf "no deflected: may-june-2020 %s, self-service %s\n", defl["may-june-2020"], defl["self-service"]; exit }
		if (!(paid["temps"] > paid["pre-may"] && paid["weekend-overtime"] > paid["pre-may"]))
			{ print "no temps and overtime do not pay more hours than pre-may"; exit }
		r = paid["may-june-one-desk"] / paid["may-june-2020"]
		if (r < 0.95 || r > 1.05) { printf "no one desk pays %.3f x the regional hours\n", r; exit }
		printf "ok %d policies; deflected %s (rule), %s (self-service); one desk %.3f x the paid hours\n", n, defl["may-june-2020"], defl["self-service"], r
	}' "$tmp/sp.out" | verdict spring-2020-scorecard
else
	echo "FAIL spring-2020-scorecard: $(head -c 300 "$tmp/sp.out")"
fi
