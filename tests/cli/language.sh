#!/bin/sh
# tests/cli/language.sh: keys of issue 11 as a user meets them in check and
# run: the email channel (a backlog with its own rows), a segment without a
# role (admin), check's weekly mean of a volume by day, and check's
# segment clocks (office hours, business days, [clock TIER]).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if "$SUPSIM" run -q tests/lang/email.ini -o "$tmp/email" >"$tmp/log" 2>&1; then
	awk -F, -v name=email-channel '$1 == "default" && $2 == "all" && $3 == "all" {
		n[$4] = $5; met[$4] = $8 }
	END {
		if (n["email"] > 0 && met["email"] > 0 && n["web"] > 0 && n["all"] == n["web"] + n["email"])
			printf "PASS %s (email %g arrived, %g met; web %g)\n", name, n["email"], met["email"], n["web"]
		else
			printf "FAIL %s: email %g arrived, %g met, web %g, all %g\n", name, n["email"], met["email"], n["web"], n["all"]
	}' "$tmp/email/summary.csv"
else
	echo "FAIL email-channel: $(head -c 300 "$tmp/log")"
fi
"$SUPSIM" check tests/lang/email.ini >"$tmp/check" 2>&1
has_line email-backlog '^  email  handle exp(mean=1200s) (mean 20 min), concurrency 1, backlog' "$tmp/check"
has_line role-default '^  customers: tier Pro, admin, Europe/Paris' "$tmp/check"

"$SUPSIM" check scenarios/examples/saas.ini >"$tmp/saas" 2>/dev/null
has_line weekly-mean '^    volume by day (local): Mon 120/d Tue 120/d Wed 120/d Thu 120/d Fri 120/d Sat 36/d Sun 36/d; weekly mean 96/d' "$tmp/saas"
has_line tier-clock '^    SLA P1 0.5h on calendar time, P2 2h on business hours of office Mon-Fri 09:00-17:00 (America/New_York)' "$tmp/saas"
has_line bd-target 'P4 3 business days on business hours of office Mon-Fri 09:00-17:00 (Europe/London)' "$tmp/saas"
has_line handle-priority '^         handle.P1 lognormal(mean=1800s, sd=1200s) (mean 30 min)' "$tmp/saas"
has_line handle-segment '^    handle web lognormal(mean=1200s, sd=900s) (mean 20 min)' "$tmp/saas"
has_line demand-whatif '^  demand of ny-basic: volume x 1.3; expected contacts' "$tmp/saas"
