#!/bin/sh
# scripts/check-layers.sh: the layers of sim/ and their one direction of flow
# (docs/architecture.md, "Layers").  `make check-layers` runs it; so does
# `make test`, before the suite.
#
#   sh scripts/check-layers.sh [--src DIR] [--objs DIR] [--cc CC] [--cflags FLAGS]
#   sh scripts/check-layers.sh --self-test
#
# Fails (exit 1, one line per finding) on
#  1. an include against the flow: a file may include only files of its own
#     layer or of the layers LAYER_USES lists for it;
#  2. a cycle between files: of includes (a.h -> b.h -> a.h), or of calls
#     (x.c uses a symbol defined in y.c and y.c one of x.c's), read with nm
#     from the objects under --objs (BUILD/obj/sim; skipped without it);
#  3. a header that does not compile alone (included twice, with the
#     project's CFLAGS), or a file of sim/ in no layer.
# --self-test copies sim/ to a temporary folder, adds one upward include,
# one include cycle, two files calling each other and one header that does
# not compile alone, and checks that each is found.
set -u

# ---- The layers: the one place that says which file is in which. ----
# A path under sim/ (longest prefix wins) and its layer.
LAYER_OF='
err. base
mem. base
stop. base
tz. base
random/ base
model. model
run_opts. model
input/ input
engine/ engine
results/ results
decide/ decide
cli/ cli
main.c cli
'
# What each layer may include besides itself: the flow input -> model ->
# engine -> results -> decide -> cli over the shared base.  The loader
# (input) builds the model, so it uses it; everything after the model uses
# the model only, never the loader; only the cli uses the loader.
LAYER_USES='
base:
model: base
input: base model
engine: base model
results: base model engine
decide: base model engine results
cli: base model input engine results decide
'
# Files that are one module split over several files behind one internal
# header: their calls among themselves are not cycles (calls to and from
# other files still are).  The files of a module are those that include its
# internal header, found here, not listed by hand.
MODULE_HEADERS='
engine/run_impl.h
decide/staff_impl.h
'

src=sim objs= cc=${CC:-cc}
cflags="-std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -pthread"
self_test=0
while [ $# -gt 0 ]; do
	case $1 in
	--src) src=$2; shift 2 ;;
	--objs) objs=$2; shift 2 ;;
	--cc) cc=$2; shift 2 ;;
	--cflags) cflags=$2; shift 2 ;;
	--self-test) self_test=1; shift ;;
	*) echo "check-layers: unknown argument '$1'" >&2; exit 2 ;;
	esac
done

# check SRC OBJS: every finding on stdout as "check-layers: ..."; exit 1 if any.
check() {
	s=$1 o=$2
	tmp=$(mktemp -d) || exit 2
	# 1. includes, layers, include cycles
	(cd "$s" && find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/files"
	while read -r f; do
		sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*|\1|p' "$s/$f" |
			while read -r inc; do printf '%s %s\n' "$f" "$inc"; done
	done <"$tmp/files" >"$tmp/includes"
	printf '%s' "$LAYER_OF" >"$tmp/layer_of"
	printf '%s' "$LAYER_USES" >"$tmp/layer_uses"
	awk -v LO="$tmp/layer_of" -v LU="$tmp/layer_uses" -v FILES="$tmp/files" '
	function layer(p,   best, bl, k) {
		best = ""; bl = -1
		for (k in pre)
			if (substr(p, 1, length(k)) == k && length(k) > bl) { best = pre[k]; bl = length(k) }
		return best
	}
	function dfs(n,   i, m) {
		state[n] = 1; stack[++sp] = n
		for (i = 1; i <= nout[n]; i++) {
			m = out[n, i]
			if (state[m] == 1) { cyc(m) } else if (!state[m]) dfs(m)
		}
		state[n] = 2; sp--
	}
	function cyc(m,   i, txt) {
		txt = m
		for (i = sp; i >= 1 && stack[i] != m; i--) txt = stack[i] " -> " txt
		txt = m " -> " txt
		print "check-layers: include cycle: " txt; bad = 1
	}
	BEGIN {
		while ((getline l < LO) > 0) if (split(l, a, " ") == 2) pre[a[1]] = a[2]
		while ((getline l < LU) > 0) {
			if (l == "") continue
			n = split(l, a, /[: ]+/); uses[a[1], a[1]] = 1; known[a[1]] = 1
			for (i = 2; i <= n; i++) if (a[i] != "") uses[a[1], a[i]] = 1
		}
		while ((getline f < FILES) > 0) {
			have[f] = 1
			if (layer(f) == "" || !(layer(f) in known)) {
				print "check-layers: " f ": in no layer (scripts/check-layers.sh, LAYER_OF)"; bad = 1
			}
		}
	}
	{
		f = $1; inc = $2
		if (!(inc in have)) next      # a system or test header
		lf = layer(f); li = layer(inc)
		if (lf != "" && li != "" && !((lf, li) in uses)) {
			print "check-layers: " f " (" lf ") includes " inc " (" li "): against the flow"; bad = 1
		}
		if (f != inc) out[f, ++nout[f]] = inc
		node[f] = 1
	}
	END {
		for (n in node) if (!state[n]) dfs(n)
		exit bad
	}' "$tmp/includes" || fail=1
	# 2. cycles of calls between files, from the objects' symbols
	for mh in $MODULE_HEADERS; do
		grep -l "#include \"$mh\"" "$s"/*/*.c "$s"/*.c 2>/dev/null |
			sed "s|^$s/||; s|\.c\$|.o|; s|\$| ${mh%.h}|"
	done >"$tmp/modules"
	if [ -n "$o" ] && [ -d "$o" ]; then
		# only objects of sources in the tree: a stale object of a file
		# since removed or moved must not make a cycle
		find "$o" -name '*.o' ! -name main.o | LC_ALL=C sort | while read -r obj; do
			[ -f "$s/$(echo "${obj#"$o"/}" | sed 's|\.o$|.c|')" ] || continue
			nm "$obj" | awk -v f="${obj#"$o"/}" '
				$2 ~ /^[TDBRVW]$/ { print "D", f, $3 }
				$1 == "U" { print "U", f, $2 }'
		done >"$tmp/syms"
		awk -v MODS="$tmp/modules" '
		BEGIN { while ((getline l < MODS) > 0) { split(l, a, " "); mod[a[1]] = a[2] } }
		function unit(f) { return f in mod ? mod[f] : f }
		function dfs(n,   i, m) {
			state[n] = 1; stack[++sp] = n
			for (i = 1; i <= nout[n]; i++) {
				m = out[n, i]
				if (state[m] == 1) cyc(m); else if (!state[m]) dfs(m)
			}
			state[n] = 2; sp--
		}
		function cyc(m,   i, txt) {
			txt = m
			for (i = sp; i >= 1 && stack[i] != m; i--) txt = stack[i] " -> " txt
			print "check-layers: cycle of calls: " m " -> " txt " (" why[stack[sp], m] ")"; bad = 1
		}
		$1 == "D" { def[$3] = unit($2); next }
		{ use[++nu] = unit($2) " " $3 }
		END {
			for (i = 1; i <= nu; i++) {
				split(use[i], a, " ")
				if (!(a[2] in def) || def[a[2]] == a[1]) continue
				e = a[1] SUBSEP def[a[2]]
				if (e in seen) continue
				seen[e] = 1; out[a[1], ++nout[a[1]]] = def[a[2]]; node[a[1]] = 1
				why[a[1], def[a[2]]] = "uses " a[2]
			}
			for (n in node) if (!state[n]) dfs(n)
			exit bad
		}' "$tmp/syms" || fail=1
	fi
	# 3. every header compiles alone (and twice: its guard); ALONE=0 skips it
	[ "${ALONE:-1}" -eq 0 ] || (cd "$s" && find . -name '*.h' | sed 's|^\./||' | LC_ALL=C sort) | while read -r h; do
		# shellcheck disable=SC2086
		if ! printf '#include "%s"\n#include "%s"\n' "$h" "$h" |
			$cc $cflags -I"$s" -fsyntax-only -x c - >"$tmp/cc.log" 2>&1; then
			echo "check-layers: $h does not compile alone: $(grep -m1 'error' "$tmp/cc.log")"
			echo bad >>"$tmp/alone"
		fi
	done
	[ -s "$tmp/alone" ] 2>/dev/null && fail=1
	rm -rf "$tmp"
	[ "${fail:-0}" -eq 0 ]
}

if [ "$self_test" -eq 0 ]; then
	fail=0
	if check "$src" "$objs"; then
		n=$(find "$src" -name '*.[ch]' | wc -l)
		echo "check-layers: OK ($n files: no include against the flow, no cycle, every header compiles alone)"
		exit 0
	fi
	exit 1
fi

# ---- --self-test ----
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
status=0
expect() { # NAME PATTERN: the last check failed with a line matching PATTERN
	if [ "$rc" -eq 0 ]; then
		echo "FAIL $1: check-layers passed"; status=1
	elif ! grep -q -- "$2" "$t/log"; then
		echo "FAIL $1: no line matching '$2' in: $(head -c 300 "$t/log")"; status=1
	else
		echo "PASS $1"
	fi
}
# the compile of every header only where a case is about it
fresh() { ALONE=0; rm -rf "$t/sim" "$t/objs"; cp -R "$src" "$t/sim"; mkdir -p "$t/objs"; }

fresh
ALONE=1; fail=0; check "$t/sim" "" >"$t/log"; rc=$?
if [ "$rc" -ne 0 ]; then echo "FAIL layers-clean: $(head -c 300 "$t/log")"; status=1
else echo "PASS layers-clean"; fi

# an engine file including the cli: upward
fresh
sed -i '0,/#include "/s//#include "cli\/verbs.h"\n#include "/' "$t/sim/engine/queue.c"
fail=0; check "$t/sim" "" >"$t/log"; rc=$?
expect layers-upward 'engine/queue.c (engine) includes cli/verbs.h (cli): against the flow'

# results reading the loader: against the flow though "below" it in the list
fresh
sed -i '0,/#include "/s//#include "input\/scenario.h"\n#include "/' "$t/sim/results/stats.c"
fail=0; check "$t/sim" "" >"$t/log"; rc=$?
expect layers-results-loader 'results/stats.c (results) includes input/scenario.h (input)'

# two headers including each other
fresh
sed -i 's|^#define SUPSIM_HINT_H$|&\n#include "input/inifile.h"|' "$t/sim/input/hint.h"
sed -i 's|^#define SUPSIM_INIFILE_H$|&\n#include "input/hint.h"|' "$t/sim/input/inifile.h"
fail=0; check "$t/sim" "" >"$t/log"; rc=$?
expect layers-include-cycle 'include cycle: .*input/hint.h'

# two files calling each other
fresh
printf 'int cyc_b(int);\nint cyc_a(int x) { return x ? cyc_b(x - 1) : 0; }\n' >"$t/sim/input/cyc_a.c"
printf 'int cyc_a(int);\nint cyc_b(int x) { return x ? cyc_a(x - 1) : 1; }\n' >"$t/sim/input/cyc_b.c"
# shellcheck disable=SC2086
mkdir -p "$t/objs/input"
$cc $cflags -c "$t/sim/input/cyc_a.c" -o "$t/objs/input/cyc_a.o" &&
	$cc $cflags -c "$t/sim/input/cyc_b.c" -o "$t/objs/input/cyc_b.o" || status=1
# a stale object of a source no longer in the tree is not read
cp "$t/objs/input/cyc_a.o" "$t/objs/input/gone.o"
fail=0; check "$t/sim" "$t/objs" >"$t/log"; rc=$?
expect layers-call-cycle 'cycle of calls: input/cyc_[ab].o -> input/cyc_[ab].o -> input/cyc_[ab].o'

# a header that needs another included before it
fresh
printf '#ifndef ALONE_H\n#define ALONE_H\nsize_t alone(void);\n#endif\n' >"$t/sim/random/alone.h"
ALONE=1; fail=0; check "$t/sim" "" >"$t/log"; rc=$?
expect layers-header-alone 'random/alone.h does not compile alone'

# a file in no layer
fresh
printf 'int stray(void);\n' >"$t/sim/stray.h"
fail=0; check "$t/sim" "" >"$t/log"; rc=$?
expect layers-no-layer 'stray.h: in no layer'

exit $status
