#!/bin/sh
# tests/cli/examples.sh: every scenario of scenarios/examples/ does what its
# header says it teaches (issue 13 item 4; docs/examples.md).  Each example
# is run as a user runs it (fixed seeds, those of the files), and its claims
# are read from the CSV files:
#  - erlang-c: attainment, mean wait and occupancy against Erlang C;
#  - follow-the-sun: each ticket is answered by the office on shift, the
#    London evening's tickets by the Americas office, no hour without an
#    agent in January, the summer gap at 00:00 UTC;
#  - monday-backlog, surge, chat-concurrency, erlang-a: see their sections below.
# Statistical claims: |sim - theory| <= 3.3 standard errors across the
# replications (the seeds are the files' own, fixed before the first run).
# Prints "PASS name" or "FAIL name: why" per claim.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
ex=scenarios/examples

# run NAME SCENARIO [ARGS...]: results of `supsim run` in $tmp/NAME; on a
# failure prints FAIL NAME and returns 1.
run() {
	name=$1 scen=$2
	shift 2
	if ! "$SUPSIM" run "$scen" -q -o "$tmp/$name" "$@" >"$tmp/$name.log" 2>&1; then
		echo "FAIL $name: supsim run failed: $(head -c 300 "$tmp/$name.log")"
		return 1
	fi
}

# Awk functions shared by the checks (POSIX awk: no gawk extensions).
# erlang_c(n, a): P(W > 0) in M/M/n offered a Erlangs, by the Erlang B
# recursion (REFERENCES.md §1.1); erlang_sl(n, lam, mu, t) = P(W <= t);
# erlang_asa(n, lam, mu) = E[W].  zcheck(what, sim, se, theory): "ok"/"no"
# line for |sim - theory| <= 3.3 se.  Columns are found by their names in
# each file's header (cols), never by position.
# shellcheck disable=SC2016 # awk programs, not shell expansions
AWKLIB='
function erlang_c(n, a,   b, k) {
	b = 1
	for (k = 1; k <= n; k++)
		b = a * b / (k + a * b)
	return b / (1 - a / n * (1 - b))
}
function erlang_sl(n, lam, mu, t) {
	return 1 - erlang_c(n, lam / mu) * exp(-(n * mu - lam) * t)
}
function erlang_asa(n, lam, mu) {
	return erlang_c(n, lam / mu) / (n * mu - lam)
}
# wday(time): weekday of an ISO 8601 instant, 0 = Sunday (Sakamoto).
function wday(s,   y, m, d) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m < 3) y--
	return (y + int(y / 4) - int(y / 100) + int(y / 400) + \
		substr("032503514624", m, 1) + d) % 7
}
# cols(): C[NAME] = the field number of column NAME (call on each header).
function cols(   i) {
	for (i = 1; i <= NF; i++)
		C[$i] = i
}
function zcheck(what, sim, se, theory,   z) {
	z = se > 0 ? (sim - theory) / se : (sim == theory ? 0 : 1e9)
	printf "%s %s %.6g, theory %.6g, se %.3g, z %.2f\n", \
		(z <= 3.3 && z >= -3.3 ? "ok" : "no"), what, sim, theory, se, z
}
'

# The awk Erlang C against REFERENCES.md §1.1's test vector (A = 10,
# c = 14, 20 s, AHT 3 min: P(W>0) 0.174132, SL 0.888350, ASA 7.8359 s).
awk "$AWKLIB"'BEGIN {
	c = erlang_c(14, 10); sl = erlang_sl(14, 10 / 180, 1 / 180, 20)
	asa = erlang_asa(14, 10 / 180, 1 / 180)
	ok = (c - 0.174132)^2 < 1e-12 && (sl - 0.888350)^2 < 1e-12 && (asa - 7.8359)^2 < 1e-8
	printf "%s C %.6f SL %.6f ASA %.4f s\n", ok ? "ok" : "no", c, sl, asa
}' | verdict examples-erlang-formula

# erlang NAME DIR SERVERS PER_HOUR AHT_S TARGET_S REPS: from DIR/tickets.csv,
# per replication, attainment = met / (met + missed) and the mean wait of
# the answered; their means across the REPS replications against Erlang C
# for PER_HOUR arrivals an hour, mean handling AHT_S seconds and SERVERS
# servers, with the standard error across replications.  Prints the verdicts NAME-attainment and NAME-wait.
erlang() {
	awk -F, -v c="$3" -v lam="$4" -v aht="$5" -v t="$6" -v reps="$7" "$AWKLIB"'
	BEGIN { lam /= 3600; mu = 1 / aht }
	FNR == 1 { cols(); next }
	$C["outcome"] == "met" || $C["outcome"] == "missed" {
		r = $C["rep"]
		n[r]++
		if ($C["outcome"] == "met") m[r]++
		if ($C["response_s"] != "") { a[r]++; w[r] += $C["response_s"] - $C["arrival_s"] }
	}
	END {
		for (r in n) {
			k++
			x = m[r] / n[r]; s1 += x; q1 += x * x
			y = w[r] / a[r]; s2 += y; q2 += y * y
		}
		if (k != reps) {
			print "no", k, "replications, expected", reps
			print "no", k, "replications, expected", reps
			exit
		}
		m1 = s1 / k; m2 = s2 / k
		zcheck("attainment", m1, sqrt((q1 - k * m1 * m1) / (k - 1) / k), erlang_sl(c, lam, mu, t))
		zcheck("mean wait (s)", m2, sqrt((q2 - k * m2 * m2) / (k - 1) / k), erlang_asa(c, lam, mu))
	}' "$2/tickets.csv" >"$2.z"
	rm -f "$2/tickets.csv" # tens of MB: keep the disk free as we go
	sed -n 1p "$2.z" | verdict "$1-attainment"
	sed -n 2p "$2.z" | verdict "$1-wait"
}

# occupancy NAME DIR TEAM ERLANGS AGENTS: teams.csv's occupancy of TEAM
# against ERLANGS / AGENTS, its standard error = occupancy_ci95 / t(0.975,
# 19) (20 replications).
occupancy() {
	awk -F, -v team="$3" -v a="$4" -v c="$5" "$AWKLIB"'
	FNR == 1 { cols(); next }
	$C["team"] == team { zcheck("occupancy", $C["occupancy"], $C["occupancy_ci95"] / 2.093024, a / c) }' \
		"$2/teams.csv" | verdict "$1"
}

# ---- erlang-c.ini: M/M/5, 10/h, 20 min, 15 min target ----
if run erlang-c $ex/erlang-c.ini --trace; then
	erlang examples-erlang-c "$tmp/erlang-c" 5 10 1200 900 20
	occupancy examples-erlang-c-occupancy "$tmp/erlang-c" desk 3.333333333333333 5
	# summary.csv says the same as the tickets: its attainment is the mean of
	# the per-replication attainments.
	awk -F, -v t="$(sed -n 's/^[a-z]* attainment \([0-9.]*\),.*/\1/p' "$tmp/erlang-c.z")" \
		"$AWKLIB"'FNR == 1 { cols(); next }
	$C["tier"] == "all" && $C["priority"] == "all" && $C["channel"] == "all" {
		d = $C["attainment"] - t
		printf "%s summary %s, tickets %s\n", d * d < 1e-10 ? "ok" : "no", $C["attainment"], t
	}' "$tmp/erlang-c/summary.csv" | verdict examples-erlang-c-summary
fi
# The header's "try": 4 agents, occupancy 83 %.
if run erlang-c-4 $ex/erlang-c.ini --trace --set team.desk.agents=4; then
	erlang examples-erlang-c-4-agents "$tmp/erlang-c-4" 4 10 1200 900 20
fi

# ---- follow-the-sun.ini: three offices, 09:00-17:00 local each ----
# In January: apac 01-09 UTC, emea 09-17 UTC, americas 17-01 UTC.
if run fts $ex/follow-the-sun.ini --trace; then
	t=$tmp/fts/tickets.csv
	# (a) every ticket answered under follow-the-sun is answered by the
	# office on shift at the instant of its response (start is midnight UTC).
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	$C["policy"] == "follow-the-sun" && $C["response_s"] != "" {
		h = int(($C["response_s"] % 86400) / 3600)
		on = h >= 1 && h < 9 ? "apac" : (h >= 9 && h < 17 ? "emea" : "americas")
		n++
		if ($C["team"] != on && !bad++)
			eg = "e.g. " $C["segment"] " " $C["id"] " at " $C["response_s"] " s by " $C["team"]
	}
	END { printf "%s %d of %d answered by the office off shift %s\n", \
		(n > 0 && bad == 0 ? "ok" : "no"), bad, n, eg }' "$t" | verdict examples-fts-office-on-shift
	# (b) the European customers' tickets that arrive after the London office
	# has gone home (17:00-09:00 London = UTC in January), counted after
	# the warm-up: answered by the Americas office in the London evening
	# (17:00-01:00), by Asia-Pacific after 01:00, hardly any by London.
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	$C["policy"] == "follow-the-sun" && $C["segment"] == "emea" && $C["outcome"] != "warmup" {
		h = int(($C["arrival_s"] % 86400) / 3600)
		if (h >= 9 && h < 17) next
		ev = h >= 17 || h < 1
		n[ev]++
		if ($C["team"] == (ev ? "americas" : "apac")) next_[ev]++
		if ($C["team"] == "emea") london++
	}
	END {
		ok = n[1] > 100 && n[0] > 100 && next_[1] >= 0.98 * n[1] && next_[0] >= 0.98 * n[0] &&
			london <= 0.01 * (n[0] + n[1])
		printf "%s evening %d of %d by americas, night %d of %d by apac, %d by emea\n", \
			ok ? "ok" : "no", next_[1], n[1], next_[0], n[0], london
	}' "$t" | verdict examples-fts-hand-off
	# (c) every hour after the warm-up has its 6 heads on shift, none 0.
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	$C["policy"] == "follow-the-sun" {
		n++
		if ($C["agents_on_shift"] != 6) { bad++; eg = $C["time"] " " $C["agents_on_shift"] }
	}
	END { printf "%s %d of %d hours without exactly 6 agents on shift %s\n", \
		(n > 0 && bad == 0 ? "ok" : "no"), bad, n, eg }' "$tmp/fts/timeseries.csv" |
		verdict examples-fts-no-gap
	# (d) London alone: the overnight tickets wait for the morning.
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	$C["tier"] == "all" && $C["priority"] == "all" && $C["channel"] == "all" {
		a[$C["policy"]] = $C["attainment"]
	}
	END { ok = a["follow-the-sun"] >= 0.99 && a["london-only"] <= 0.75
		printf "%s attainment follow-the-sun %s, london-only %s\n", \
			ok ? "ok" : "no", a["follow-the-sun"], a["london-only"] }' \
		"$tmp/fts/summary.csv" | verdict examples-fts-vs-london
	rm -f "$t"
fi
# (e) in July (US and UK daylight saving) nobody is on shift at 00:00 UTC
# and two offices overlap at 08:00 UTC, as the header says.
if run fts-july $ex/follow-the-sun.ini -r 1 --set scenario.start=2020-07-06T00:00Z; then
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	$C["policy"] == "follow-the-sun" {
		h = substr($C["time"], 12, 2) + 0
		want = h == 0 ? 0 : (h == 8 ? 12 : 6)
		n++
		if ($C["agents_on_shift"] != want) { bad++; eg = $C["time"] " " $C["agents_on_shift"] }
	}
	END { printf "%s %d of %d hours off 0 at 00 UTC, 12 at 08 UTC, 6 otherwise %s\n", \
		(n > 0 && bad == 0 ? "ok" : "no"), bad, n, eg }' "$tmp/fts-july/timeseries.csv" |
		verdict examples-fts-summer-gap
fi

# ---- monday-backlog.ini: a Mon-Fri 09-17 office, tickets all week ----
# Nobody answers from Friday 17:00 to Monday 09:00, so per replication the
# backlog grows by exactly that stretch's arrivals, a Poisson count of mean
# 10/h x 16.4 x 168 / 128.4 = 214.58 (the profile's weights, scaled to mean
# 1).  Each row is a mean over 10 replications: over W full weekends the
# standard error is sqrt(214.58 / (10 W)).
if run backlog $ex/monday-backlog.ini; then
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	{
		p = $C["policy"]; t = $C["time"]; q = $C["backlog"]
		h = substr(t, 12, 2) + 0; w = wday(t)
		if (w == 5 && h == 17) { fri[p] = q; nfri[p]++; if (q != 0) frib[p]++ }
		if (w == 1 && h == 9 && (p in fri)) { d[p] += q - fri[p]; nw[p]++ }
		if (w == 1) { b[p "," h] += q; nb[p "," h]++ }
	}
	END {
		p = "office-hours"
		printf "%s %d of %d Fridays with a backlog at 17:00\n", \
			(nfri[p] >= 3 && frib[p] == 0 ? "ok" : "no"), frib[p], nfri[p]
		zcheck("weekend backlog", d[p] / nw[p], sqrt(214.58 / (10 * nw[p])), 214.58)
		for (i = 0; i < 3; i++) {
			split(i == 0 ? "office-hours 15" : (i == 1 ? "early-monday 12" : "office-hours 12"), a, " ")
			k = a[1] "," a[2]; m = nb[k] ? b[k] / nb[k] : -1
			ok = i < 2 ? m >= 0 && m <= 1 : m >= 30
			printf "%s %s at Monday %s:00 mean backlog %.2f (%s)\n", ok ? "ok" : "no", \
				a[1], a[2], m, i < 2 ? "at most 1" : "at least 30: not yet"
		}
	}' "$tmp/backlog/timeseries.csv" >"$tmp/backlog.v"
	sed -n 1p "$tmp/backlog.v" | verdict examples-monday-backlog-friday-empty
	sed -n 2p "$tmp/backlog.v" | verdict examples-monday-backlog-weekend
	sed -n 3p "$tmp/backlog.v" | verdict examples-monday-backlog-cleared
	sed -n 4p "$tmp/backlog.v" | verdict examples-monday-backlog-early-cleared
	sed -n 5p "$tmp/backlog.v" | verdict examples-monday-backlog-not-by-noon
fi

# ---- surge.ini: 10/h doubled for six days on a 24x7 team of 15/h ----
# While every agent is busy, the backlog's change over T hours is arrivals
# (Poisson, 20/h or 10/h) minus services (Poisson, 15/h: 5 busy agents,
# exponential handling), so its mean is (lambda - 15) T and its variance
# (lambda + 15) T per replication; each row is a mean of 10 replications.
if run surge $ex/surge.ini; then
	awk -F, "$AWKLIB"'FNR == 1 { cols(); next }
	{
		d = substr($C["time"], 1, 10); h = substr($C["time"], 12, 2) + 0
		if (h == 0) b[d] = $C["backlog"]
		met[d] += $C["met"]; missed[d] += $C["missed"]
		if (d >= "2020-01-21" && d <= "2020-01-31" && $C["agents_busy"] < 4.999) {
			idle++; eg = $C["time"] " " $C["agents_busy"]
		}
	}
	# daily(from, to, hi): the lowest (hi = 0) or highest daily attainment
	function daily(from, to, hi,   d, a, r) {
		r = hi ? -1 : 2
		for (d in met)
			if (d >= from && d <= to) {
				a = met[d] + missed[d] > 0 ? met[d] / (met[d] + missed[d]) : -1
				if (hi ? a > r : a < r) r = a
			}
		return r
	}
	END {
		zcheck("growth 21-27 Jan", b["2020-01-27"] - b["2020-01-21"], sqrt(35 * 144 / 10), 5 * 144)
		zcheck("fall 28-31 Jan", b["2020-01-31"] - b["2020-01-28"], sqrt(25 * 72 / 10), -5 * 72)
		printf "%s %d hours from 21 to 31 January with fewer than 5 agents busy %s\n", \
			(idle == 0 ? "ok" : "no"), idle, eg
		lo = daily("2020-01-13", "2020-01-19", 0)
		printf "%s lowest daily attainment before the surge %.4f (at least 0.99)\n", \
			(lo >= 0.99 ? "ok" : "no"), lo
		hi = daily("2020-01-22", "2020-01-31", 1)
		printf "%s highest daily attainment 22-31 January %.4f (at most 0.05)\n", \
			(hi >= 0 && hi <= 0.05 ? "ok" : "no"), hi
		lo = daily("2020-02-05", "2020-02-09", 0)
		printf "%s after 5 February: backlog %.1f at 00:00 (at most 2), lowest daily attainment %.4f (at least 0.99)\n", \
			(b["2020-02-05"] <= 2 && lo >= 0.99 ? "ok" : "no"), b["2020-02-05"], lo
	}' "$tmp/surge/timeseries.csv" >"$tmp/surge.v"
	i=0
	for n in growth drain all-busy before collapse recovered; do
		i=$((i + 1))
		sed -n "${i}p" "$tmp/surge.v" | verdict "examples-surge-$n"
	done
fi

# ---- chat-concurrency.ini: 15 chats/h of 10 min, 3 agents, 24x7 ----
# An agent holding up to k chats, each handled as drawn, is k servers:
# Erlang C with 3 k servers.
chat=$ex/chat-concurrency.ini
if run chat-1 $chat --trace && run chat-2 $chat --trace --set channel.chat.concurrency=2; then
	erlang examples-chat-concurrency-1 "$tmp/chat-1" 3 15 600 60 20
	occupancy examples-chat-concurrency-1-occupancy "$tmp/chat-1" chat 2.5 3
	erlang examples-chat-concurrency-2 "$tmp/chat-2" 6 15 600 60 20
	# Occupancy (agents holding at least one chat) falls, but an agent holds
	# at most 2 chats: never below 2.5 Erlangs / 6 slots.
	awk -F, -v lo=0.4166667 "$AWKLIB"'FNR == 1 { cols(); next }
	$C["team"] == "chat" {
		occ[FILENAME] = $C["occupancy"]; se[FILENAME] = $C["occupancy_ci95"] / 2.093024; n++
	}
	END {
		for (f in occ) if (f ~ /chat-1\//) o1 = occ[f]; else { o2 = occ[f]; s2 = se[f] }
		ok = n == 2 && o2 < o1 && o2 >= lo - 3.3 * s2
		printf "%s occupancy %s at concurrency 1, %s at 2 (at least %s)\n", \
			(ok ? "ok" : "no"), o1, o2, lo
	}' "$tmp/chat-1/teams.csv" "$tmp/chat-2/teams.csv" | verdict examples-chat-concurrency-occupancy-falls
fi
# The header's caveat: chats of 14 min when agents hold two.
if run chat-14 $chat --trace --set channel.chat.concurrency=2 --set 'channel.chat.handle=exp(mean=14min)'; then
	erlang examples-chat-concurrency-2-14min "$tmp/chat-14" 6 15 840 60 20
fi

# ---- erlang-a.ini: M/M/10+M, 10 calls/min of 1 min, patience 2 min, 20 s ----
# Each abandonment rule's attainment against REFERENCES.md "Second round"
# (excluded 0.75239, missed 0.67421, after-target 0.72523); the standard
# error is attainment_ci95 / t(0.975, 19) over the file's 20 replications.
for rule in after-target:0.72523 missed:0.67421 excluded:0.75239; do
	rl=${rule%%:*} ref=${rule#*:}
	if run "erlang-a-$rl" $ex/erlang-a.ini --set "scenario.abandoned=$rl"; then
		awk -F, -v ref="$ref" "$AWKLIB"'FNR == 1 { cols(); next }
		$C["tier"] == "all" && $C["priority"] == "all" && $C["channel"] == "all" {
			zcheck("attainment", $C["attainment"], $C["attainment_ci95"] / 2.093024, ref)
		}' "$tmp/erlang-a-$rl/summary.csv" | verdict "examples-erlang-a-$rl"
	fi
done
