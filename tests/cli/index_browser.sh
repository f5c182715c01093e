#!/bin/sh
# tests/cli/index_browser.sh: index.html of a `compare` folder in a real
# browser (headless Debian chromium; installed here when missing and
# apt-get can, else the test is skipped with the reason).  The folder is
# served over http on 127.0.0.1 (file: URLs may not read each other), a
# checker page loads index.html in a frame, and fails on an image that did
# not load or a link that does not answer 200; index.html is also rendered
# to a PNG.  It must show compare's scorecard table and link every CSV.
cd "$(dirname "$0")/../.." || exit 1
: "${SUPSIM:=build/supsim}"
dir=$(mktemp -d)
srv=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

browser=$(command -v chromium || command -v chromium-browser)
if [ -z "$browser" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	apt-get install -y --no-install-recommends chromium >"$dir/apt.log" 2>&1
	browser=$(command -v chromium)
fi
if [ -z "$browser" ]; then
	echo "PASS index-browser (skipped: no chromium, and it could not be installed here)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1 || ! command -v gnuplot >/dev/null 2>&1; then
	echo "PASS index-browser (skipped: needs python3 for a local http server and gnuplot)"
	exit 0
fi
if ! "$SUPSIM" compare tests/data/deflect.ini -q -o "$dir/www/res" 2>"$dir/err" ||
	! "$SUPSIM" plot "$dir/www/res" >/dev/null 2>>"$dir/err"; then
	echo "FAIL index-browser-setup: $(head -n 3 "$dir/err")"
	exit 0
fi
cat >"$dir/www/check.html" <<'HTML'
<!DOCTYPE html>
<html><body><pre id="out">pending</pre>
<iframe id="f" src="res/index.html" width="1200" height="800"></iframe>
<script>
document.getElementById("f").onload = async function () {
	const d = this.contentDocument, base = this.contentWindow.location.href, bad = [];
	for (const img of d.images)
		if (!img.complete || img.naturalWidth === 0)
			bad.push("image " + img.getAttribute("src"));
	const links = d.querySelectorAll("a[href]");
	for (const a of links) {
		try {
			const r = await fetch(new URL(a.getAttribute("href"), base), { method: "HEAD" });
			if (!r.ok)
				bad.push("link " + a.getAttribute("href") + " " + r.status);
		} catch (e) {
			bad.push("link " + a.getAttribute("href") + " " + e);
		}
	}
	const t = d.querySelector("table");
	document.getElementById("out").textContent = "RESULT images=" + d.images.length +
		" links=" + links.length + " table_rows=" + (t ? t.rows.length : 0) +
		" bad=" + bad.length + (bad.length ? " " + bad.join("; ") : "");
};
</script></body></html>
HTML
(cd "$dir/www" && exec python3 -u -m http.server 0 --bind 127.0.0.1) >"$dir/srv.log" 2>&1 &
srv=$!
port=
for i in 1 2 3 4 5 6 7 8 9 10; do
	port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$dir/srv.log" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.5
done
if [ -z "$port" ]; then
	echo "PASS index-browser (skipped: the local http server did not start: $(head -n 2 "$dir/srv.log"))"
	exit 0
fi
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --user-data-dir="$dir/profile1" --virtual-time-budget=20000 \
	--dump-dom "http://127.0.0.1:$port/check.html" >"$dir/dom" 2>"$dir/chrome.log"
result=$(grep -o 'RESULT images=[0-9][^<]*' "$dir/dom" | head -n 1)
# deflect.ini's compare: 2 policies (+ header), 3 charts, CSV links and
# PNG/SVG links
case "$result" in
"RESULT images=3 links="*" table_rows=3 bad=0")
	echo "PASS index-browser-links-images ($result)" ;;
*)
	echo "FAIL index-browser-links-images: ${result:-no result; $(tail -n 3 "$dir/chrome.log")}" ;;
esac
for f in summary.csv timeseries.csv teams.csv hourly.csv compare.csv; do
	grep -q "href=\"$f\"" "$dir/www/res/index.html" || echo "FAIL index-browser-csv-link: no $f"
done
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --user-data-dir="$dir/profile2" --window-size=1200,2400 \
	--screenshot="$dir/index.png" "http://127.0.0.1:$port/res/index.html" \
	>/dev/null 2>"$dir/chrome2.log"
[ -n "${KEEP_PNG:-}" ] && cp "$dir/index.png" "$KEEP_PNG"
if [ -s "$dir/index.png" ] && [ "$(head -c 4 "$dir/index.png" | tail -c 3)" = "PNG" ]; then
	echo "PASS index-browser-render ($(wc -c <"$dir/index.png") bytes)"
else
	echo "FAIL index-browser-render: $(tail -n 3 "$dir/chrome2.log")"
fi
