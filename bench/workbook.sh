#!/bin/sh
# The workbook reader's speed and memory (not part of make check): a
# 50,000-row x 7-column .xlsx (200,000 coloured ratings, organisations
# merged over their blocks), and the same as .ods when LibreOffice is
# installed. Target: well under a second, peak RSS <= 64 MiB.
#   make && sh bench/workbook.sh [ROWS]
set -eu
rows=${1:-50000}
build=${BUILD:-build}
dir=bench/data
mkdir -p "$dir" "$build/bench"
${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -Iinclude -o "$build/bench/workbook_read" \
	bench/workbook_read.c "$build/libkmap.a" \
	$(pkg-config --libs libcjson libutf8proc xlsxwriter libzip expat) \
	-lcsv -lm -pthread
xlsx=$dir/ratings-$rows.xlsx
[ -f "$xlsx" ] || /usr/bin/python3 bench/workbook_gen.py "$rows" "$xlsx"
files=$xlsx
if command -v soffice >/dev/null 2>&1; then
	ods=$dir/ratings-$rows.ods
	if [ ! -f "$ods" ]; then
		prof=$(mktemp -d)
		soffice -env:UserInstallation=file://$prof --headless \
			--convert-to ods --outdir "$dir" "$xlsx" >/dev/null 2>&1
		rm -rf "$prof"
	fi
	files="$files $ods"
fi
for f in $files; do
	ls -l "$f" | awk '{printf "%s: %.1f MB on disk\n", $9, $5 / 1e6}'
	for i in 1 2 3; do "$build/bench/workbook_read" "$f"; done
done
