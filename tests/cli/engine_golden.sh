#!/bin/sh
# tests/cli/engine_golden.sh: the engine's results pinned byte for byte
# (tests/golden/README.md): every CSV of a short mmc run and of a short
# spring-like run, with --trace, must have the checksum in
# tests/golden/SHA256SUMS.  Any change to these bytes is a change of
# results and must be explained.
cd "$(dirname "$0")/../.." || exit 1
: "${SUPSIM:=build/supsim}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# The stored CSVs and the sums go together.
if (cd tests/golden && sha256sum --quiet -c SHA256SUMS) >"$dir/stored" 2>&1; then
	echo "PASS golden-stored"
else
	echo "FAIL golden-stored: tests/golden/*/ do not match SHA256SUMS: $(head -n 2 "$dir/stored" | tr '\n' ' ')"
fi

for name in mmc spring-like; do
	if ! "$SUPSIM" run "tests/golden/$name.ini" --trace -q -o "$dir/$name" 2>"$dir/err"; then
		echo "FAIL golden-$name: run failed: $(head -n 3 "$dir/err")"
		continue
	fi
	n=$(grep -c " $name/" tests/golden/SHA256SUMS)
	got=$(ls "$dir/$name"/*.csv | wc -l)
	bad=""
	while read -r sum file; do
		f="$dir/$file"
		if [ ! -f "$f" ]; then
			bad="$bad $file (missing)"
		elif [ "$(sha256sum <"$f" | cut -d' ' -f1)" != "$sum" ]; then
			first=$(cmp "$f" "tests/golden/$file" 2>&1 | head -n 1)
			bad="$bad $file ($first)"
		fi
	done <<EOS
$(grep " $name/" tests/golden/SHA256SUMS)
EOS
	if [ "$got" != "$n" ]; then
		bad="$bad ($got CSVs written, $n pinned)"
	fi
	if [ -z "$bad" ]; then
		echo "PASS golden-$name ($n CSVs byte-identical)"
	else
		echo "FAIL golden-$name: results changed:$bad"
	fi
done
