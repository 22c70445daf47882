#!/bin/sh
# The workbook reader beyond its unit test (tests/unit/test_workbook.c):
#  1. the committed fixtures are what their generators make today:
#     tests/workbook/gen.py (openpyxl; with LibreOffice's soffice, when
#     installed, also the .ods and LibreOffice's .xlsx) and hostile.py,
#     compared cell by cell (test_workbook --dump), not byte by byte;
#  2. allocation-failure injection (RELIABILITY G7): every allocation of
#     reading a workbook fails in turn (KMAP_FAIL_ALLOC=N); each run ends
#     with the full transcript or exit 5 and "out of memory", never a
#     crash.
#   BUILD=build sh tests/workbook.sh
. tests/lib.sh
: "${BUILD:=build}"
case "$BUILD" in /*) dump=$BUILD ;; *) dump=$(pwd)/$BUILD ;; esac
dump=$dump/tests/test_workbook
fix=tests/workbook

show() { # FILE: its transcript and messages, named without its folder
	(cd "$(dirname "$1")" && $dump --dump "$(basename "$1")" 2>&1)
}

same() { # NAME FILE-A FILE-B: their transcripts are equal
	show "$2" >"$tmp/a"
	show "$3" >"$tmp/b"
	if cmp -s "$tmp/a" "$tmp/b"; then
		passed "$1"
	else
		failed "$1"
		diff "$tmp/a" "$tmp/b" | head -20
	fi
}

mkdir -p "$tmp/gen" "$tmp/gen/hostile"
if $PYTHON "$fix/gen.py" "$tmp/gen" >/dev/null 2>"$tmp/gen.err"; then
	same "gen.py: plan.xlsx as committed" "$fix/plan.xlsx" \
		"$tmp/gen/plan.xlsx"
	if [ -f "$tmp/gen/plan.ods" ]; then
		same "LibreOffice: plan.ods as committed" "$fix/plan.ods" \
			"$tmp/gen/plan.ods"
		same "LibreOffice: plan-lo.xlsx as committed" \
			"$fix/plan-lo.xlsx" "$tmp/gen/plan-lo.xlsx"
	else
		echo "skipped: no soffice, plan.ods and plan-lo.xlsx not remade"
	fi
else
	failed "gen.py runs"
	cat "$tmp/gen.err"
fi
cp "$fix/plan.xlsx" "$tmp/gen/plan.xlsx"
if $PYTHON "$fix/hostile.py" "$tmp/gen/hostile" 2>"$tmp/gen.err"; then
	for f in "$fix"/hostile/*; do
		same "hostile.py: $(basename "$f") as committed" "$f" \
			"$tmp/gen/hostile/$(basename "$f")"
	done
else
	failed "hostile.py runs"
	cat "$tmp/gen.err"
fi

for f in "$fix/plan.xlsx" "$fix/plan.ods" "$fix/plan-lo.xlsx"; do
	KMAP_COUNT_ALLOC=1 $dump --dump "$f" >"$tmp/ref" 2>"$tmp/ref.err"
	n=$(sed -n 's/^kmap: allocations: //p' "$tmp/ref.err")
	[ -n "$n" ] && [ "$n" -gt 0 ] || { failed "$f: no count"; continue; }
	bad=0
	i=1
	while [ "$i" -le "$n" ]; do
		KMAP_FAIL_ALLOC=$i $dump --dump "$f" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc = 5 ]; then
			grep -q "out of memory" "$tmp/err" || bad=$((bad + 1))
		elif [ $rc = 0 ]; then
			cmp -s "$tmp/out" "$tmp/ref" || bad=$((bad + 1))
		else
			echo "  $f: allocation $i: exit $rc"
			bad=$((bad + 1))
		fi
		i=$((i + 1))
	done
	check "$f: every one of $n allocations failed in turn" $bad
done
finish
