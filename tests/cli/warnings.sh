#!/bin/sh
# tests/cli/warnings.sh: warnings about a scenario (docs/scenario.md,
# "Warnings"): on stderr as FILE:LINE: warning: ..., from check, run,
# compare and staff, the exit status unchanged; --strict makes any exit 2.
# Also the "did you mean" of errors about unknown keys, sections and names.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

z=tests/warn/zones.ini
expect_err warn-est 0 "^$z:24: warning: timezone EST is a fixed UTC-05:00 .*America/New_York" \
	"$SUPSIM" check "$z"
expect_err warn-cet 0 "^$z:32: warning: timezone CET is a legacy rule zone.*Europe/Paris" \
	"$SUPSIM" check "$z"
expect_err warn-hash 0 "^$z:3: warning: '#' does not start a comment after a value; use ';'" \
	"$SUPSIM" check "$z"
expect_err warn-etc-gmt 0 "^--set team.desk.timezone: warning: timezone Etc/GMT+5 is a fixed UTC-05:00.*America/New_York" \
	"$SUPSIM" check "$z" --set team.desk.timezone=Etc/GMT+5
expect_err warn-run 0 "^$z:24: warning: timezone EST" \
	"$SUPSIM" run -q -r 1 "$z" -o "$tmp/res"
expect_err warn-compare 0 "^$z:24: warning: timezone EST" \
	"$SUPSIM" compare -q -r 1 "$z" -o "$tmp/res"
expect_err strict-check 2 "^supsim: --strict: [0-9]* warnings" "$SUPSIM" check --strict "$z"
expect_err strict-run 2 "^$z:24: warning: timezone EST" "$SUPSIM" run --strict -q -r 1 "$z" -o "$tmp/out2"
if [ -e "$tmp/out2" ]; then echo "FAIL strict-run-no-output: $tmp/out2 written"; else echo "PASS strict-run-no-output"; fi
if "$SUPSIM" check --strict scenarios/mmc.ini >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	echo "PASS no-warning-mmc"
else
	echo "FAIL no-warning-mmc: $(head -c 300 "$tmp/err")"
fi

expect_err hash-in-bad-value 2 "bad discipline 'fifo # x'.*('#' does not start a comment after a value; use ';')" \
	"$SUPSIM" check "$z" --set "policy.normal.discipline=fifo # x"
expect_err mean-key 2 "unknown key 'agnets' in \[team desk\] (did you mean 'agents'?)" \
	"$SUPSIM" check "$z" --set team.desk.agnets=3
expect_err mean-team 2 "no \[team dessk\] section (did you mean 'desk'?)" \
	"$SUPSIM" check "$z" --set policy.normal.teams=dessk

# coverage: London's P1 phone desk and New York meet at 01:00 London, except
# in the three weeks between the US and the UK clock changes of March 2026
g=tests/warn/gap.ini
expect_err coverage-gap-weeks 0 "^$g:16: warning: coverage gap: tier Enterprise P1 phone (segment london): no team that takes it is on shift Mon-Sun 00:00-01:00 in the weeks of 2026-03-09, 2026-03-16, 2026-03-23 (Europe/London time); 2.1% of its demand arrives then" \
	"$SUPSIM" check "$g"
expect_err coverage-staff 0 "^$g:16: warning: coverage gap" "$SUPSIM" staff -q -r 1 "$g" -o "$tmp/st"
if "$SUPSIM" check "$g" --set team.newyork.hours="Mon-Sun 12:00-21:00" >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	echo "PASS coverage-closed"
else
	echo "FAIL coverage-closed: $(head -c 300 "$tmp/err")"
fi

u=tests/warn/unused.ini
expect_err unused-surge 0 "^$u:34: warning: \[surge launch\] is not used" "$SUPSIM" check "$u"
expect_err unused-entitlement 0 "^$u:37: warning: \[entitlement web-only\] is not used" "$SUPSIM" check "$u"
expect_err unused-team 0 "^$u:27: warning: \[team london-p1\] is not used" "$SUPSIM" check "$u"
expect_err unused-channel 0 "^$u:43: warning: \[channel chat\] is not used" "$SUPSIM" check "$u"

# a team a policy lists, whose roster has no shift within the horizon: said
# as such, with the horizon; none once the horizon reaches its shifts
# (spring-2020: temps from 16 March, overtime from 4 April)
s=scenarios/spring-2020.ini
expect unused-roster-temps 0 "^$s:[0-9]*: warning: \[team temps\] is not used: policy temps lists it, but it is never on shift within the horizon (2020-02-03T00:00Z .. 2020-02-24T00:00Z)" \
	"$SUPSIM" check "$s" --set scenario.duration=3w
for d in 7w:overtime 9w: 22w:; do
	"$SUPSIM" check "$s" --set scenario.duration="${d%%:*}" >/dev/null 2>"$dir/err"
	got=$(sed -n 's/.*\[team \([a-z0-9-]*\)\] is not used.*/\1/p' "$dir/err" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "${d#*:}" ] && echo "PASS unused-roster-${d%%:*} (${got:-none})" ||
		echo "FAIL unused-roster-${d%%:*}: teams warned '$got', expected '${d#*:}'"
done

# "did you mean" for a section kind and a tier
printf '[scenaro]\nstart = 2026-03-02T00:00Z\n' >"$tmp/kind.ini"
expect_err mean-section 2 "unknown section \[scenaro\]: expected one of .*(did you mean 'scenario'?)" \
	"$SUPSIM" check "$tmp/kind.ini"
{ cat "$g"; printf '\n[tiers]\nEnterprize = 2\n'; } >"$tmp/tier.ini"
expect_err mean-tier 2 "no segment has tier 'Enterprize' (did you mean 'Enterprise'?)" \
	"$SUPSIM" check "$tmp/tier.ini"
