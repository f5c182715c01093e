#!/bin/sh
# tests/cli/calendars.sh: the clocks of issue 5 seen from the results, on
# the scenarios of tests/cal/ (their comments derive every figure):
#  1. overnight web tickets wait for a business-hours team's morning, or are
#     answered by the other region of a follow-the-sun pair (exact times);
#  2. office hours in Europe/Paris and Australia/Sydney across both of their
#     daylight-saving changes of 2020 (agents_on_shift by hour);
#  3. the May-June entitlement window at midnight in Los Angeles, and a
#     fallback from phone to web;
#  4. a P1 on-call desk keeps P1 at its daytime level overnight while P3
#     waits for the regional mornings; overtime = work in hand at shift end;
#  5. a business-time SLA clock: met on business time, missed on calendar
#     time; censored vs missed at the horizon;
#  6. the engine at one instant: events at a shift boundary run in a fixed
#     order (boundary.ini); every assist team steps in at its own wait share
#     (assist-shares.ini), exactly when its timer fires (assist-round.ini).
# Prints "PASS name" or "FAIL name: why" per check.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# run NAME SCENARIO [ARGS...]: results of one run in $tmp/NAME
run() {
	name=$1 scen=$2
	shift 2
	if ! "$SUPSIM" run "$scen" --trace -o "$tmp/$name" "$@" >"$tmp/$name.log" 2>&1; then
		echo "FAIL $name: supsim run failed: $(head -c 300 "$tmp/$name.log")"
		return 1
	fi
}

# ticket DIR POLICY SEGMENT ID: "channel response_s team outcome" of a ticket
ticket() {
	awk -F, -v p="$2" -v s="$3" -v i="$4" \
		'$1 == p && $4 == s && $3 == i { print $8, ($10 == "" ? "-" : $10 + 0), \
		 ($12 == "" ? "-" : $12), $13 }' "$tmp/$1/tickets.csv"
}

# check NAME GOT EXPECTED
check() {
	if [ "$2" = "$3" ]; then
		echo "PASS $1"
	else
		echo "FAIL $1: got '$2', expected '$3'"
	fi
}

# ---- 1. overnight tickets: one region, then follow-the-sun ----
if run overnight tests/cal/overnight.ini; then
	# C at 21:00Z, A at 22:30Z, B at 07:00Z; Tue 14:00Z = 136800 s
	check overnight-open "$(ticket overnight americas customers 0)" "web 75600 americas met"
	check overnight-waits-morning "$(ticket overnight americas customers 1)" "web 136800 americas met"
	check overnight-waits-queue "$(ticket overnight americas customers 2)" "web 137400 americas met"
	check sun-open "$(ticket overnight follow-the-sun customers 0)" "web 75600 americas met"
	check sun-other-region "$(ticket overnight follow-the-sun customers 1)" "web 81000 apac met"
	check sun-back-to-americas "$(ticket overnight follow-the-sun customers 2)" \
		"web 136800 americas met"
fi

# ---- live lines: open only while someone who takes the call is on ----
if run lines tests/cal/lines.ini; then
	check line-open-by-day "$(ticket lines normal callers 0)" "phone 36000 desk met"
	check line-closed-falls-back "$(ticket lines normal callers 1)" "web 118800 desk met"
	check line-closed-queue "$(ticket lines normal callers 2)" "web 119400 desk met"
	check line-open-entitled "$(ticket lines phone-only callers 0)" "phone 36000 desk met"
	check line-closed-deflects "$(ticket lines phone-only callers 1)" "selfservice - - deflected"
fi

# ---- live_first: a free agent takes the waiting call before web ----
if run live-first tests/cal/live-first.ini; then
	check live-ranked-web "$(ticket live-first ranked web 1)" "web 600 desk met"
	check live-ranked-phone "$(ticket live-first ranked phone 0)" "phone 1200 desk met"
	check live-first-phone "$(ticket live-first live phone 0)" "phone 600 desk met"
	check live-first-web "$(ticket live-first live web 1)" "web 1200 desk met"
fi

# ---- 2. daylight saving: agents on shift by hour ----
# on_shift POLICY HOUR...: agents_on_shift of each hour (YYYY-MM-DDTHH)
on_shift() {
	p=$1
	shift
	for h in "$@"; do
		awk -F, -v p="$p" -v t="$h:00:00Z" '$1 == p && $2 == t { printf "%s ", $5 + 0 }' \
			"$tmp/dst/timeseries.csv"
	done
}
if run dst tests/cal/dst.ini; then
	# Paris 09:00-17:00: 08:00Z-16:00Z in CET, 07:00Z-15:00Z in CEST
	check paris-before-spring "$(on_shift paris 2020-03-27T07 2020-03-27T08 2020-03-27T15 \
		2020-03-27T16)" "0 3 3 0 "
	check paris-after-spring "$(on_shift paris 2020-03-30T06 2020-03-30T07 2020-03-30T14 \
		2020-03-30T15)" "0 3 3 0 "
	check paris-before-autumn "$(on_shift paris 2020-10-23T06 2020-10-23T07 2020-10-23T14 \
		2020-10-23T15)" "0 3 3 0 "
	check paris-after-autumn "$(on_shift paris 2020-10-26T07 2020-10-26T08 2020-10-26T15 \
		2020-10-26T16)" "0 3 3 0 "
	check paris-weekend "$(on_shift paris 2020-03-28T08 2020-03-29T07 2020-10-24T07 \
		2020-10-25T08)" "0 0 0 0 "
	# Sydney 09:00-17:00: 22:00Z-06:00Z in AEDT (UTC+11), 23:00Z-07:00Z in AEST
	check sydney-before-april "$(on_shift sydney 2020-04-02T21 2020-04-02T22 2020-04-03T05 \
		2020-04-03T06)" "0 2 2 0 "
	check sydney-after-april "$(on_shift sydney 2020-04-05T22 2020-04-05T23 2020-04-06T06 \
		2020-04-06T07)" "0 2 2 0 "
	check sydney-before-october "$(on_shift sydney 2020-10-01T22 2020-10-01T23 \
		2020-10-02T06 2020-10-02T07)" "0 2 2 0 "
	check sydney-after-october "$(on_shift sydney 2020-10-04T21 2020-10-04T22 \
		2020-10-05T05 2020-10-05T06)" "0 2 2 0 "
	# 32 weeks of 40 hours on shift in both zones, whatever the offset
	check dst-hours-total "$(awk -F, 'NR > 1 && $5 > 0 { n[$1] += $5 }
		END { printf "%g %g", n["paris"] / 3, n["sydney"] / 2 }' "$tmp/dst/timeseries.csv")" \
		"1280 1280"
fi

# ---- 3. the May-June rule ----
if run mayjune tests/cal/may-june.ini; then
	check may-june-free-apr30 "$(ticket mayjune may-june-2020 free-users 0)" \
		"web 370740 desk met"
	check may-june-free-may1 "$(ticket mayjune may-june-2020 free-users 1)" \
		"selfservice - - deflected"
	check may-june-pro-phone "$(ticket mayjune may-june-2020 pro-admins 0)" \
		"phone 316800 desk met"
	check may-june-pro-fallback "$(ticket mayjune may-june-2020 pro-admins 1)" \
		"web 662400 desk met"
fi

# ---- 4. on-call P1 desk, overtime ----
if run oncall tests/cal/oncall.ini; then
	# weekday nights (22:00Z-07:00Z, Mon-Thu nights): only the desk is on;
	# days 09:00Z-16:00Z: the regional teams too
	awk -F, 'NR > 1 && ($13 == "met" || $13 == "missed") {
		d = int($9 / 86400) % 7; h = int(($9 % 86400) / 3600)
		k = ""
		if ((h >= 22 && d <= 3) || (h < 7 && d >= 1 && d <= 4))
			k = "night"
		else if (d <= 4 && h >= 9 && h < 16)
			k = "day"
		if (k == "") next
		key = $1 "-" $7 "-" k; n[key]++; m[key] += $13 == "met"; w[key] += $10 - $9
		if ($7 == "P3" && k == "night") {
			rh = int(($10 % 86400) / 3600)
			if (rh < 7 || rh >= 22 || $12 == "p1-desk") bad++
		}
	}
	END {
		for (key in n) printf "%s %d %.4f %.2f\n", key, n[key], m[key] / n[key],
			w[key] / n[key] / 3600
		printf "p3-night-out-of-hours %d 0 0\n", bad
	}' "$tmp/oncall/tickets.csv" >"$tmp/oncall.fig"
	fig() { awk -v k="$1" -v c="$2" '$1 == k { print $c }' "$tmp/oncall.fig"; }
	p1n=$(fig oncall-P1-night 3) p1d=$(fig oncall-P1-day 3) p1x=$(fig no-desk-P1-night 3)
	p3n=$(fig oncall-P3-night 4) p3d=$(fig oncall-P3-day 4) p3bad=$(fig p3-night-out-of-hours 2)
	if awk -v n="$p1n" -v d="$p1d" -v x="$p1x" 'BEGIN { exit !(n >= 0.99 && n >= d - 0.01 && x < 0.2) }'; then
		echo "PASS oncall-p1-overnight (P1 attainment $p1n overnight, $p1d by day; $p1x overnight without the desk)"
	else
		echo "FAIL oncall-p1-overnight: P1 attainment $p1n overnight, $p1d by day, $p1x without the desk"
	fi
	if [ "$p3bad" = 0 ] && awk -v n="$p3n" -v d="$p3d" 'BEGIN { exit !(n >= 6 && n > d) }'; then
		echo "PASS oncall-p3-waits-morning (P3 mean wait ${p3n} h overnight, ${p3d} h by day; all answered by a regional team in its hours)"
	else
		echo "FAIL oncall-p3-waits-morning: P3 mean wait $p3n h overnight, $p3d h by day, $p3bad answered outside regional hours"
	fi
fi
if run overtime tests/cal/overtime.ini; then
	# 17:00Z = 61200 s: web ends 17:15, 17:20 (35 min); chat 17:10, 17:20 (20 min)
	check overtime-web-hours "$(awk -F, '$2 == "web-desk" { print $5 }' "$tmp/overtime/teams.csv")" \
		"0.583"
	check overtime-chat-hours "$(awk -F, '$2 == "chat-desk" { print $5 }' "$tmp/overtime/teams.csv")" \
		"0.333"
	# the same from the tickets in hand at 17:00: web, the sum of their work
	# left; chat, the last of the agent's two chats to end
	check overtime-work-in-hand "$(awk -F, 'NR > 1 && $10 < 61200 && $11 > 61200 {
		if ($8 == "web") web += $11 - 61200; else if ($11 - 61200 > chat) chat = $11 - 61200 }
		END { printf "%.3f %.3f", web / 3600, chat / 3600 }' "$tmp/overtime/tickets.csv")" \
		"0.583 0.333"
	check overtime-no-new-chat "$(ticket overtime default chat-customers 2)" \
		"chat 118800 chat-desk met"
	check overtime-web-next-day "$(ticket overtime default web-customers 2)" \
		"web 118800 web-desk met"
fi

# ---- 5. business-time SLA clock ----
if run business tests/cal/business-clock.ini; then
	# Friday 18:00Z (410400 s), answered Monday 10:00Z (640800 s)
	check business-p3-met "$(ticket business default p3 0)" "web 640800 desk met"
	check business-p4-missed "$(ticket business default p4 0)" "web 640800 desk missed"
fi
if run calendar tests/cal/business-clock.ini --set clock.P3=calendar; then
	check calendar-p3-missed "$(ticket calendar default p3 0)" "web 640800 desk missed"
fi
if run business-end tests/cal/business-clock.ini --set scenario.duration=176h; then
	check business-end-censored "$(ticket business-end default p3 0)" "web - - censored"
fi
if run calendar-end tests/cal/business-clock.ini --set scenario.duration=176h \
	--set clock.P3=calendar; then
	check calendar-end-missed "$(ticket calendar-end default p3 0)" "web - - missed"
fi

# ---- 6. one instant: shift boundaries, assist timers ----
if run boundary tests/cal/boundary.ini; then
	# [start, end): the line is open at 09:00, closed at 17:00, whichever
	# event was scheduled first
	check boundary-closed-before "$(ticket boundary normal callers 0)" "web 32400 desk met"
	check boundary-closed-at-end "$(ticket boundary normal callers 1)" "web 118800 desk met"
	check boundary-open-at-start "$(ticket boundary normal callers 2)" "phone 118800 desk met"
	check boundary-end-deflects "$(ticket boundary phone-only callers 1)" \
		"selfservice - - deflected"
	check boundary-start-entitled "$(ticket boundary phone-only callers 2)" \
		"phone 118800 desk met"
	# the late caller's handling ends at 17:00 exactly: no overtime
	check boundary-no-overtime "$(ticket boundary normal late 0) $(awk -F, \
		'$1 == "normal" && $2 == "desk" { print $5 }' "$tmp/boundary/teams.csv")" \
		"phone 60900 desk met 0.000"
	# hourly backlog at Mon 17:00Z, Tue 08:00Z and Tue 09:00Z: a row's
	# start is sampled before the events of its instant (the caller of
	# 17:00 counts in that row's arrivals, the one answered at 09:00 in
	# the backlog at 09:00)
	check boundary-hour-backlog "$(awk -F, '$1 == "normal" && ($2 == "2020-03-02T17:00:00Z" ||
		$2 == "2020-03-03T08:00:00Z" || $2 == "2020-03-03T09:00:00Z") { printf "%s/%s ", $3, $4 }' \
		"$tmp/boundary/timeseries.csv")" "1/0 0/1 1/1 "
fi
if run assist-shares tests/cal/assist-shares.ini; then
	# shares of the web teams only, each with its timer: 20% then 50%
	check assist-other-channel "$(ticket assist-shares default s 0)" "web 21600 web-desk met"
	check assist-larger-share "$(ticket assist-shares default s 1)" "web 61200 web-desk met"
	check assist-off-shift "$(ticket assist-shares with-day s 0)" "web 21600 web-desk met"
	check assist-smaller-share "$(ticket assist-shares with-day s 1)" "web 50400 day met"
fi
if run assist-round tests/cal/assist-round.ini; then
	# 3600 + 0.07 x 3600 rounds to 3852: the rule holds at its timer
	check assist-at-timer "$(ticket assist-round default s 0)" "web 3852 web-desk met"
fi
