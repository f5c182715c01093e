# tests/started.sh: sourced by the command-line tests that signal supsim
# (tests/cli/kill.sh, tests/cli/safety_in.sh); not a test itself.

# started PID: wait until supsim catches SIGINT and SIGTERM (SigCgt bits 1
# and 14), or has ended.
started() {
	n=0
	while [ "$n" -lt 1000 ] && kill -0 "$1" 2>/dev/null; do
		mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
		mask=${mask#????????????}
		[ -n "$mask" ] && [ $((0x$mask & 0x4002)) -eq 16386 ] && return 0
		sleep 0.005
		n=$((n + 1))
	done
}
