#!/bin/sh
# tests/cli/install.sh: `make install` and `make uninstall` (issue 13): into a
# temporary DESTDIR (PREFIX=/usr/local), the binary under test ($SUPSIM, not
# rebuilt), the manual page, the gnuplot scripts and every file of
# scenarios/; the installed binary, run from outside the source tree, runs
# an installed scenario and checks one that reads tables, and `plot` draws
# its results with the installed scripts (and fails without them); `man -l`
# renders the installed page without warnings; the page names every command
# of `supsim --help` and every option of each `COMMAND --help`; uninstall
# leaves no file behind.  Prints "PASS name" or "FAIL name: why" per case.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
dest=$tmp/dest
prefix=$dest/usr/local
bin=$prefix/bin/supsim


# make TARGET: the Makefile's target for this binary's build folder, the
# binary itself taken as built (-o: never rebuilt here); not the make that
# may be running the suite (its jobserver).
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$top" \
		BUILD="$(dirname "$SUPSIM")" -o "$SUPSIM" PREFIX=/usr/local DESTDIR="$dest" "$1" \
		>"$out" 2>&1
}

# install: every file where it belongs.
why=""
if ! mk install; then
	why="make install failed: $(tail -c 300 "$out")"
elif ! [ -x "$bin" ] || ! cmp -s "$SUPSIM" "$bin"; then
	why="bin/supsim is not the binary under test"
elif ! cmp -s man/supsim.1 "$prefix/share/man/man1/supsim.1"; then
	why="share/man/man1/supsim.1 missing or different"
else
	for f in scripts/*.gp; do
		cmp -s "$f" "$prefix/share/supsim/$f" || why="share/supsim/$f missing or different"
	done
	(cd scenarios && find . -type f ! -name '.*' | sort) >"$tmp/want"
	(cd "$prefix/share/supsim/scenarios" && find . -type f | sort) >"$tmp/got"
	if ! cmp -s "$tmp/want" "$tmp/got"; then
		why="share/supsim/scenarios/ differs from scenarios/: $(diff "$tmp/want" "$tmp/got" | head -5)"
	fi
fi
judge install-files "$why"

# The installed binary, from a folder outside the source tree, on the
# installed scenarios: mmc runs, spring-2020 (profiles, surges) checks.
cd "$tmp" || exit 1
scen=$prefix/share/supsim/scenarios
"$bin" run "$scen/mmc.ini" -q -r 2 -o "$tmp/res" >"$out" 2>&1
rc=$?
if [ "$rc" -ne 0 ]; then
	fail install-run "exit status $rc: $(head -c 300 "$out")"
elif ! grep -q '^default,all,all,all,' "$tmp/res/summary.csv"; then
	fail install-run "no summary row in $tmp/res/summary.csv"
else
	pass install-run
fi
"$bin" check "$scen/spring-2020.ini" >"$out" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
	pass install-check-tables
else
	fail install-check-tables "exit status $rc: $(head -c 300 "$out")"
fi

# plot finds the installed scripts (share/supsim/scripts beside bin/), and
# nothing else: without them it fails.
env -u SUPSIM_SCRIPTS "$bin" plot "$tmp/res" >"$out" 2>&1
rc=$?
if ! command -v gnuplot >/dev/null 2>&1; then
	fail install-plot "gnuplot is not installed (scripts/deps.sh installs it)"
elif [ "$rc" -ne 0 ]; then
	fail install-plot "exit status $rc: $(head -c 300 "$out")"
elif [ "$(head -c 4 "$tmp/res/summary.png" | od -An -c | tr -d ' ')" != '211PNG' ]; then
	fail install-plot "no summary.png"
else
	mv "$prefix/share/supsim/scripts" "$tmp/scripts"
	env -u SUPSIM_SCRIPTS "$bin" plot "$tmp/res" >"$out" 2>&1
	rc=$?
	mv "$tmp/scripts" "$prefix/share/supsim/scripts"
	if [ "$rc" -ne 1 ] || ! grep -q 'scripts were not found' "$out"; then
		fail install-plot "without the installed scripts: exit status $rc, $(head -c 200 "$out")"
	else
		pass install-plot
	fi
fi
cd "$top" || exit 1

# man -l on the installed page: rendered, every section, no warning.
page=$prefix/share/man/man1/supsim.1
LC_ALL=C MANWIDTH=80 MANPAGER=cat man --warnings -l "$page" >"$tmp/man.txt" 2>"$out"
rc=$?
if [ "$rc" -ne 0 ]; then
	fail install-man "man -l exit status $rc: $(head -c 300 "$out")"
elif [ -s "$out" ]; then
	fail install-man "warnings: $(head -c 300 "$out")"
else
	why=""
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT "EXIT STATUS" FILES EXAMPLES; do
		grep -q "^$s\$" "$tmp/man.txt" || why="$why $s"
	done
	if [ -z "$why" ]; then pass install-man; else fail install-man "sections missing:$why"; fi
fi

# The page has an entry (a .TP tag) for every command that --help lists
# (.B VERB) and for every option of each command's --help.
sed 's/\\-/-/g; s/\\f[BIRP]//g' man/supsim.1 | awk 'p { print; p = 0 } /^\.TP$/ { p = 1 }' \
	>"$tmp/man.src"
missing=""
verbs=$("$SUPSIM" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$verbs" ] || missing=" (no commands in supsim --help)"
for v in $verbs; do
	grep -q "^\.B $v\$" "$tmp/man.src" || missing="$missing $v"
	# the option column: the first 24 characters of lines that start with -
	for o in $("$SUPSIM" "$v" --help | grep '^ *-' | cut -c1-24 | grep -o -- '--*[a-zA-Z][-a-zA-Z]*'); do
		grep -q -- "$o\\([^-a-zA-Z]\\|\$\\)" "$tmp/man.src" || missing="$missing $v:$o"
	done
done
for o in --help --version; do
	grep -q -- "$o\\([^-a-zA-Z]\\|\$\\)" "$tmp/man.src" || missing="$missing $o"
done
if [ -z "$missing" ]; then pass install-man-covers-help; else fail install-man-covers-help "not in man/supsim.1:$missing"; fi

# uninstall: nothing left but empty folders.
if ! mk uninstall; then
	fail uninstall "make uninstall failed: $(tail -c 300 "$out")"
elif [ -n "$(find "$dest" ! -type d | head -3)" ]; then
	fail uninstall "left behind: $(find "$dest" ! -type d | head -3)"
else
	pass uninstall
fi
