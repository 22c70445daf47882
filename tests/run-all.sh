#!/bin/sh
# Runs every test suite and ends with one line "N passed, N failed" over
# all of them. Each suite prints its own lines and, last, "N passed, N
# failed" for itself; cmocka binaries report in TAP.
#   KMAP=build/kmap BUILD=build sh tests/run-all.sh
set -u
: "${KMAP:=build/kmap}" "${BUILD:=build}" "${PYTHON:=/usr/bin/python3}"
export KMAP BUILD PYTHON
total_pass=0
total_fail=0

add() { # adds "N passed, N failed" from the last line of $1
	line=$(tail -n 1 "$1")
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\1/p')
	f=$(echo "$line" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed.*/\2/p')
	if [ -z "$p" ]; then
		echo "  (suite printed no result line: counted as 1 failure)"
		p=0 f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	echo "== unit: $(basename "$t")"
	CMOCKA_MESSAGE_OUTPUT=TAP ${KMAP_TEST_WRAPPER:-} "$t" >"$tmp" 2>&1
	rc=$?
	grep -E '^(not ok|# )' "$tmp" | grep -v '^# ok' || true
	p=$(grep -c '^ok ' "$tmp")
	f=$(grep -c '^not ok ' "$tmp")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		cat "$tmp"
		f=1
	fi
	echo "$p passed, $f failed" >>"$tmp"
	echo "   $p passed, $f failed"
	add "$tmp"
done

for suite in tests/run-cli.sh tests/contract.sh tests/determinism.sh \
	tests/split.sh tests/alloc-fail.sh tests/output.sh \
	tests/schema.sh tests/convert.sh tests/reports.sh \
	tests/completion.sh tests/install.sh tests/progress.sh \
	tests/workbook.sh; do
	echo "== $suite"
	sh "$suite" >"$tmp" 2>&1
	grep -v '^PASS ' "$tmp"
	add "$tmp"
done

echo
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
