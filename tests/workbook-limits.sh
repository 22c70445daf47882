#!/bin/sh
# Hostile workbooks of every size the reader caps (issue 18): zip bombs
# (an entry that inflates to 2 GiB, declared or hidden behind a false
# size, and one of 64 MiB that compresses 1000 times), .ods tables that
# repeat rows, columns or cells a billion times (with content: an error;
# trailing empty repeats: nothing) and shared-string tables over the cap.
# tests/workbook/limits.py makes them here, none is committed. Each runs
# under `ulimit -v` (MEM KB of address space, 200 MB): a reader that
# inflated an entry whole or made every repeated cell would run out of
# memory, exit 5 and fail its case. Times are not asserted
# (bench/limits.sh prints them).
#   KMAP=build/kmap sh tests/workbook-limits.sh
. tests/lib.sh
mem=${MEM:-200000}
case $KMAP in /*) ;; */*) KMAP=$(pwd)/$KMAP ;; esac
in=$tmp/in
$PYTHON tests/workbook/limits.py "$in" || {
	failed "tests/workbook/limits.py makes the workbooks"
	finish
	exit 1
}

# A sanitizer's shadow memory does not fit under ulimit -v: such a build
# is bounded by AddressSanitizer's own limit on its resident size (twice
# the bound: the sanitizer's bookkeeping is resident too).
if (ulimit -v "$mem" && "$KMAP" --version) >/dev/null 2>&1; then
	bound="ulimit -v $mem"
else
	bound=:
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((mem / 512))"
	export ASAN_OPTIONS
	"$KMAP" --version >/dev/null 2>&1
	check "kmap runs under a memory bound" $? || {
		finish
		exit 1
	}
fi

run() { # FILE: kmap summary -q FILE in $in under the bound; sets $rc
	(
		cd "$in" && $bound &&
			exec "$KMAP" summary -q "$1" >"$tmp/out" 2>"$tmp/err"
	)
	rc=$?
}

refused() { # FILE MESSAGE: exit 3, MESSAGE the first line, no output
	run "$1"
	if [ "$rc" = 3 ] && [ "$(head -n 1 "$tmp/err")" = "$2" ] &&
		[ ! -s "$tmp/out" ]; then
		passed "$1: refused"
	else
		failed "$1: refused (exit $rc)"
		head -n 3 "$tmp/err"
	fi
}

refused bomb-declared.xlsx "kmap: error: bomb-declared.xlsx:S: 'xl/worksheets/sheet1.xml' in the archive would unpack to more than 256 MiB"
refused bomb-hidden.xlsx "kmap: error: bomb-hidden.xlsx:S: 'xl/worksheets/sheet1.xml' in the archive unpacks to more than 256 MiB"
refused bomb-ratio.xlsx "kmap: error: bomb-ratio.xlsx:S: 'xl/worksheets/sheet1.xml' in the archive unpacks to over 200 times its size (a zip bomb?)"
refused rows-billion.ods "kmap: error: rows-billion.ods:T: content.xml line 1: number-rows-repeated 1000000000 is more than 1048576"
refused columns-billion.ods "kmap: error: columns-billion.ods:T: content.xml line 1: number-columns-repeated 1000000000 is more than 16384"
refused cells-billion.ods "kmap: error: cells-billion.ods:T!262148: repeated and merged cells make more than 1048576 cells"
refused strings-count.xlsx "kmap: error: strings-count.xlsx: xl/sharedStrings.xml line 1: more than 2097152 shared strings"
refused strings-uncounted.xlsx "kmap: error: strings-uncounted.xlsx: xl/sharedStrings.xml line 1: more than 2097152 shared strings"
refused strings-long.xlsx "kmap: error: strings-long.xlsx: xl/sharedStrings.xml line 1: a shared string longer than 1024 KiB"

# 17 billion trailing empty cells are nothing: the same summary as the
# table without them (the same name, in a folder of its own)
run empty-billion.ods
cp "$tmp/out" "$tmp/with"
with_rc=$rc
(cd "$in/plain" && "$KMAP" summary -q empty-billion.ods >"$tmp/without")
if [ "$with_rc" = 0 ] && [ -s "$tmp/with" ] && [ ! -s "$tmp/err" ] &&
	cmp -s "$tmp/with" "$tmp/without"; then
	passed "empty-billion.ods: trailing empty repeats are nothing"
else
	failed "empty-billion.ods: trailing empty repeats are nothing (exit $with_rc)"
	head -n 3 "$tmp/err"
fi
finish
