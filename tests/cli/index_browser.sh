#!/bin/sh
# tests/cli/index_browser.sh: index.html of a `compare` folder in a real
# browser (headless Debian chromium; installed here when missing and
# apt-get can, else the test is skipped with the reason).  The folder is
# served over http on 127.0.0.1 (file: URLs may not read each other), a
# checker page loads index.html in a frame, and fails on an image that did
# not load or a link that does not answer 200; index.html is also rendered
# to a PNG.  It must show compare's scorecard table and link every CSV.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
srv=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

browser=$(command -v chromium || command -v chromium-browser)
if [ -z "$browser" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	apt-get install -y --no-install-recommends chromium >"$tmp/apt.log" 2>&1
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
if ! "$SUPSIM" compare tests/data/deflect.ini -q -o "$tmp/www/res" 2>"$tmp/err" ||
	! "$SUPSIM" plot "$tmp/www/res" >/dev/null 2>>"$tmp/err"; then
	echo "FAIL index-browser-setup: $(head -n 3 "$tmp/err")"
	exit 0
fi
cat >"$tmp/www/check.html" <<'HTML'
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
(cd "$tmp/www" && exec python3 -u -m http.server 0 --bind 127.0.0.1) >"$tmp/srv.log" 2>&1 &
srv=$!
port=
for i in 1 2 3 4 5 6 7 8 9 10; do
	port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$tmp/srv.log" | head -n 1)
	[ -n "$port" ] && break
	sleep 0.5
done
if [ -z "$port" ]; then
	echo "PASS index-browser (skipped: the local http server did not start: $(head -n 2 "$tmp/srv.log"))"
	exit 0
fi
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	--disable-background-networking --disable-component-update --disable-sync"
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --user-data-dir="$tmp/profile1" --virtual-time-budget=20000 \
	--dump-dom "http://127.0.0.1:$port/check.html" >"$tmp/dom" 2>"$tmp/chrome.log"
result=$(grep -o 'RESULT images=[0-9][^<]*' "$tmp/dom" | head -n 1)
# deflect.ini's compare: 2 policies (+ header), 3 charts, CSV links and
# PNG/SVG links
case "$result" in
"RESULT images=3 links="*" table_rows=3 bad=0")
	echo "PASS index-browser-links-images ($result)" ;;
*)
	echo "FAIL index-browser-links-images: ${result:-no result; $(tail -n 3 "$tmp/chrome.log")}" ;;
esac
for f in summary.csv timeseries.csv teams.csv hourly.csv compare.csv; do
	grep -q "href=\"$f\"" "$tmp/www/res/index.html" || echo "FAIL index-browser-csv-link: no $f"
done
# shellcheck disable=SC2086
timeout 120 "$browser" $flags --user-data-dir="$tmp/profile2" --window-size=1200,2400 \
	--screenshot="$tmp/index.png" "http://127.0.0.1:$port/res/index.html" \
	>/dev/null 2>"$tmp/chrome2.log"
[ -n "${KEEP_PNG:-}" ] && cp "$tmp/index.png" "$KEEP_PNG"
if [ -s "$tmp/index.png" ] && [ "$(head -c 4 "$tmp/index.png" | tail -c 3)" = "PNG" ]; then
	echo "PASS index-browser-render ($(wc -c <"$tmp/index.png") bytes)"
else
	echo "FAIL index-browser-render: $(tail -n 3 "$tmp/chrome2.log")"
fi
