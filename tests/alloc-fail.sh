#!/bin/sh
# Allocation-failure injection (RELIABILITY G7): for each command below,
# a first run counts its allocations (KMAP_COUNT_ALLOC), then the run is
# repeated with the N-th allocation failing (KMAP_FAIL_ALLOC=N) for every
# N. Each run must end with the command's normal result or with exit 5
# and "out of memory": never a crash or signal, never a temporary file
# left behind (next to the output or in $TMPDIR, which is private to the
# suite), and never a partial output file. The last field of a case is
# the environment it runs in: KMAP_NO_TMPFILE=1 makes kmap use its named
# temporary files, as where there is no O_TMPFILE.
. tests/lib.sh
cp tests/cli/summary/0024-spellings/x.csv "$tmp/in.csv"
printf 'region,org,yrke,2024\nR,O,Y,Bristt\nR,O,Y,Brist\n' >"$tmp/bad.csv"

# name | command (run in $tmp) | its normal exit code | output file or -
#   | environment
cases='summary json to a file|summary -f json -o out.json in.csv|0|out.json
summary table|summary --by organisation in.csv|0|-
summary csv from UTF-16|summary -f csv --fill-down ../../data/orebro-2021-unicode.txt|0|-
validate with problems|validate -f json bad.csv|1|-
validate cp1252|validate ../../data/halland-2024.csv|0|-
critical with comments|critical -f json -o out.json --by region ../../data/halland-2024.csv|0|out.json
summary trend|summary --trend --by occupation in.csv|0|-
diff with comments|diff --comments -o out.json ../../data/halland-2024.csv in.csv|0|out.json
convert to long|convert -o out.json --to long in.csv|0|out.json
report html|report -o out.json in.csv|0|out.json
report xlsx|report -f xlsx -o out.json in.csv|0|out.json
report xlsx, named temporary files|report -f xlsx -o out.json in.csv|0|out.json|KMAP_NO_TMPFILE=1
summary json, named temporary file|summary -f json -o out.json in.csv|0|out.json|KMAP_NO_TMPFILE=1
heatmap by risk|heatmap --sort risk --cells counts in.csv|0|-
three-level scale file|summary -f json --scale ../../data/scale-brist-balans-overskott.json ../../data/halland-2026-tre-nivaer.csv|0|-
bad scale file|summary --scale twice.json in.csv|3|-
workbook, title rows and merged cells|summary -f json wide.xlsx|0|-
workbook, one sheet per organisation (ods)|summary per-org.ods|0|-
workbook rated by fills|summary fills.xlsx|0|-
workbook with errors|validate errors.xlsx|1|-'

root=$(pwd)
case "$KMAP" in /*) bin=$KMAP ;; *) bin=$root/$KMAP ;; esac
mkdir -p "$tmp/a/b" "$tmp/tmpdir"
TMPDIR=$tmp/tmpdir
export TMPDIR
cp "$tmp/in.csv" "$tmp/bad.csv" "$tmp/a/b/"
cp tests/workbook/wide.xlsx tests/workbook/per-org.ods \
	tests/workbook/fills.xlsx tests/workbook/errors.xlsx "$tmp/a/b/"
cp tests/cli/scale/0014-alias-of-two-levels/twice.json "$tmp/a/b/"
ln -s "$root/data" "$tmp/data"

echo "$cases" | while IFS='|' read -r name cmd normal out envs; do
	cd "$tmp/a/b" || exit 1
	rm -f out.json
	KMAP_COUNT_ALLOC=1 env $envs $bin $cmd >ref.out 2>ref.err
	n=$(sed -n 's/^kmap: allocations: //p' ref.err)
	[ -n "$n" ] && [ "$n" -gt 0 ] || { echo "FAIL $name: no count"; continue; }
	[ "$out" = - ] || mv "$out" ref.file
	bad=0
	i=1
	while [ "$i" -le "$n" ]; do
		rm -f out.json
		KMAP_FAIL_ALLOC=$i env $envs $bin $cmd >run.out 2>run.err
		rc=$?
		if [ $rc = 5 ]; then
			grep -q "out of memory" run.err || bad=$((bad + 1))
			[ "$out" = - ] || [ ! -e "$out" ] || bad=$((bad + 1))
		elif [ $rc = "$normal" ]; then
			[ "$out" = - ] || cmp -s "$out" ref.file || bad=$((bad + 1))
		else
			echo "  $name: allocation $i: exit $rc"
			bad=$((bad + 1))
		fi
		if ls -A | grep -q '\.tmp\.'; then
			echo "  $name: allocation $i left a temporary file"
			bad=$((bad + 1))
			rm -f .*.tmp.*
		fi
		if [ -n "$(ls -A "$TMPDIR")" ]; then
			echo "  $name: allocation $i left" \
				"$(ls -A "$TMPDIR" | head -3) in \$TMPDIR"
			bad=$((bad + 1))
			rm -rf "${TMPDIR:?}"/* "$TMPDIR"/.[!.]*
		fi
		i=$((i + 1))
	done
	cd "$root" || exit 1
	# the counts go through a file: this loop runs in a subshell
	if [ $bad = 0 ]; then
		echo "PASS $name: every one of $n allocations failed in turn"
	else
		echo "FAIL $name: $bad bad runs of $n"
	fi
done >"$tmp/log"
cat "$tmp/log"
pass=$(grep -c '^PASS' "$tmp/log")
fail=$(grep -c '^FAIL' "$tmp/log")
finish
