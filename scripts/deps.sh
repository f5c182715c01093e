#!/bin/sh
# scripts/deps.sh: install the Debian packages supsim needs to build, run and
# test, only those missing (a fresh Debian 12 may lack even make and gcc).
# Runs apt-get as root, or through sudo when not root.  Idempotent: when
# everything is there it only says so.
set -eu

pkgs="make gcc pkg-config libc6-dev libgsl-dev libcsv-dev libinih-dev
libcmocka-dev librandom123-dev libglpk-dev tzdata gnuplot-nox man-db"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
if [ -z "$missing" ]; then
	echo "deps: all packages present"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "deps: missing packages:$missing; run this script as root" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
