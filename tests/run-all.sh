#!/bin/sh
# Runs every test suite and ends with one line "N passed, N failed, N
# skipped" over all of them. Each suite prints its own lines and, last,
# "N passed, N failed, N skipped" (or "N passed, N failed", when its
# "SKIP ..." lines are the skips); cmocka binaries report in TAP.
# Everything runs with a private TMPDIR: a file left in it is one failure
# naming the suite and the files.
#   KMAP=build/kmap BUILD=build sh tests/run-all.sh
set -u
: "${KMAP:=build/kmap}" "${BUILD:=build}" "${PYTHON:=/usr/bin/python3}"
export KMAP BUILD PYTHON
total_pass=0
total_fail=0
total_skip=0

add() { # adds the counts of the result line, the last line of $1
	line=$(tail -n 1 "$1")
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
	f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
	s=$(echo "$line" |
		sed -n 's/^[0-9]* passed, [0-9]* failed, \([0-9]*\) skipped.*/\1/p')
	if [ -z "$p" ]; then
		echo "  (suite printed no result line: counted as 1 failure)"
		p=0 f=1
	fi
	[ -n "$s" ] || s=$(grep -c '^SKIP ' "$1")
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	total_skip=$((total_skip + s))
}

# this script's own files live beside the suites' TMPDIR, not in it
base=$(mktemp -d) || exit 1
trap 'rm -rf "$base"' EXIT
trap 'exit 130' HUP INT TERM
tmp=$base/out
TMPDIR=$base/tmp
mkdir "$TMPDIR" || exit 1
# like /tmp: the suites' unprivileged checks (output.sh) use it too
chmod 755 "$base" && chmod 1777 "$TMPDIR" || exit 1
export TMPDIR
: >"$base/seen"
: >"$base/left"

leftovers() { # NAME: notes the files NAME left in TMPDIR since the last call
	ls -A "$TMPDIR" >"$base/now"
	new=$(comm -13 "$base/seen" "$base/now")
	cp "$base/now" "$base/seen"
	[ -n "$new" ] || return 0
	n=$(echo "$new" | wc -l)
	some=$(echo "$new" | head -n 5 | tr '\n' ' ')
	[ "$n" -le 5 ] || some="$some... ($((n - 5)) more)"
	echo "  left in TMPDIR: $n: $some"
	echo "  $1: $n: $some" >>"$base/left"
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	echo "== unit: $(basename "$t")"
	CMOCKA_MESSAGE_OUTPUT=TAP ${KMAP_TEST_WRAPPER:-} "$t" >"$tmp" 2>&1
	rc=$?
	grep -E '^(not ok|# )' "$tmp" | grep -v '^# ok' || true
	# cmocka marks a skipped test "not ok N # SKIP"
	p=$(grep '^ok ' "$tmp" | grep -vc '# SKIP')
	f=$(grep '^not ok ' "$tmp" | grep -vc '# SKIP')
	s=$(grep -Ec '^(not )?ok .*# SKIP' "$tmp")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		cat "$tmp"
		f=1
	fi
	echo "$p passed, $f failed, $s skipped" >>"$tmp"
	echo "   $p passed, $f failed, $s skipped"
	add "$tmp"
	leftovers "unit: $(basename "$t")"
done

# KMAP_SUITES picks some (CI's valgrind pass runs only the goldens: the
# other suites do not run kmap through KMAP_TEST_WRAPPER)
suites=${KMAP_SUITES:-"tests/run-cli.sh tests/contract.sh tests/determinism.sh
	tests/split.sh tests/alloc-fail.sh tests/output.sh
	tests/schema.sh tests/compare.sh tests/convert.sh tests/reports.sh
	tests/widths.sh tests/completion.sh tests/install.sh tests/progress.sh
	tests/workbook.sh tests/workbook-limits.sh tests/hostile.sh
	tests/fastpath.sh tests/followup.sh
	tests/i18n.sh"}
for suite in $suites; do
	echo "== $suite"
	sh "$suite" >"$tmp" 2>&1
	grep -v '^PASS ' "$tmp"
	add "$tmp"
	leftovers "$suite"
done

echo "== nothing left in TMPDIR"
if [ -s "$base/left" ]; then
	echo "FAIL files left in the suites' TMPDIR (now removed), by suite:"
	cat "$base/left"
	total_fail=$((total_fail + 1))
else
	total_pass=$((total_pass + 1))
fi

echo
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
[ "$total_fail" -eq 0 ]
