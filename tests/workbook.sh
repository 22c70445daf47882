#!/bin/sh
# The workbook reader beyond its unit test (tests/unit/test_workbook.c):
#  1. the committed fixtures are what their generators make today:
#     tests/workbook/gen.py (openpyxl; with LibreOffice's soffice, when
#     installed, also the .ods and LibreOffice's .xlsx) and hostile.py,
#     compared cell by cell (test_workbook --dump), not byte by byte;
#  2. allocation-failure injection (RELIABILITY G7): every allocation of
#     reading a workbook fails in turn (KMAP_FAIL_ALLOC=N); each run ends
#     with the full transcript or exit 5 and "out of memory", never a
#     crash (tests/alloc-fail.sh does the same for kmap's commands on
#     the workbooks below);
#  3. kmap reads the same data alike from openpyxl's .xlsx, LibreOffice's
#     .ods and .xlsx and the CSV gen.py writes beside them: equal
#     `summary -f json` (but for the inputs' names and formats), for a
#     wide sheet with title rows and merged cells, one sheet per
#     organisation, and a sheet rated only by fill colours;
#  4. the workbooks of tests/cli/workbook/ are copies of these.
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
	for n in plan wide per-org fills errors; do
		same "gen.py: $n.xlsx as committed" "$fix/$n.xlsx" \
			"$tmp/gen/$n.xlsx"
	done
	for n in wide per-org fills; do
		if cmp -s "$fix/$n.csv" "$tmp/gen/$n.csv"; then
			passed "gen.py: $n.csv as committed"
		else
			failed "gen.py: $n.csv as committed"
		fi
	done
	if [ -f "$tmp/gen/plan.ods" ]; then
		for n in plan wide per-org fills; do
			same "LibreOffice: $n.ods as committed" "$fix/$n.ods" \
				"$tmp/gen/$n.ods"
			same "LibreOffice: $n-lo.xlsx as committed" \
				"$fix/$n-lo.xlsx" "$tmp/gen/$n-lo.xlsx"
		done
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

# the counts without the inputs (their names and formats differ)
counts() { # FILE
	(cd "$fix" && "$bin" summary -q -f json "$1") |
		$PYTHON -c 'import json, sys
d = json.load(sys.stdin)
del d["inputs"]
print(json.dumps(d, sort_keys=True, indent=1))'
}
case "$KMAP" in /*) bin=$KMAP ;; *) bin=$(pwd)/$KMAP ;; esac
for n in wide per-org fills; do
	counts "$n.csv" >"$tmp/csv.json"
	grep -q '"rated": [1-9]' "$tmp/csv.json" || failed "$n.csv: no counts"
	for f in "$n.xlsx" "$n.ods" "$n-lo.xlsx"; do
		counts "$f" >"$tmp/wb.json"
		if cmp -s "$tmp/csv.json" "$tmp/wb.json"; then
			passed "$f counts as $n.csv"
		else
			failed "$f counts as $n.csv"
			diff "$tmp/csv.json" "$tmp/wb.json" | head -20
		fi
	done
done

for f in tests/cli/workbook/*/*.xlsx tests/cli/workbook/*/*.ods; do
	[ -f "$f" ] || continue
	if cmp -s "$f" "$fix/$(basename "$f")"; then
		passed "$f is tests/workbook's"
	else
		failed "$f is tests/workbook's"
	fi
done

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
