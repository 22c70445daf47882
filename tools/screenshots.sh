#!/bin/sh
# make screenshots: the README's pictures, made from kmap's real output by
# headless Chromium (Debian package chromium): the HTML report, and the
# terminal heatmap (captured with truecolor escapes, turned into a page
# by tools/ansi2html.py).
set -eu
: "${KMAP:=build/kmap}" "${PYTHON:=/usr/bin/python3}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shot() { # URL PNG WIDTH HEIGHT
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--window-size="$3,$4" --screenshot="$2" "$1" >/dev/null 2>&1
	echo "  $2"
}
$KMAP report -q -o "$tmp/report.html" data/orebro-2021.csv data/halland-2024.csv
shot "file://$tmp/report.html" doc/report.png 1000 2000
COLORTERM=truecolor $KMAP heatmap --color always --width 80 \
	data/orebro-2021.csv >"$tmp/heatmap.txt"
"$PYTHON" tools/ansi2html.py <"$tmp/heatmap.txt" >"$tmp/heatmap.html"
shot "file://$tmp/heatmap.html" doc/heatmap.png 760 560
