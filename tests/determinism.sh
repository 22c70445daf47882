#!/bin/sh
# Same input, same bytes out, whatever the order of files and rows
# (SPEC §3): the sample files are rewritten with their data rows shuffled
# (keeping each file's encoding, delimiter and quoting), given in reverse
# order, and every output format must be byte-identical.
. tests/lib.sh

"$PYTHON" - "$tmp" <<'PY'
import csv, io, random, sys
out = sys.argv[1]
for name, enc, delim, bom in [("orebro-2021.csv", "utf-8-sig", ";", True),
                              ("halland-2024.csv", "cp1252", ";", False)]:
    raw = open("data/" + name, "rb").read().decode(enc)
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delim))
    head, body = rows[0], rows[1:]
    for seed in (1, 2):
        random.Random(seed).shuffle(body)
        buf = io.StringIO()
        csv.writer(buf, delimiter=delim, lineterminator="\r\n").writerows(
            [head] + body)
        data = buf.getvalue().encode(enc)
        open("%s/%d-%s" % (out, seed, name), "wb").write(data)
PY

for fmt in json csv table markdown; do
	for by in total region organisation occupation; do
		$KMAP summary -q -f $fmt --by $by data/orebro-2021.csv \
			data/halland-2024.csv >"$tmp/a" 2>&1
		rc_a=$?
		$KMAP summary -q -f $fmt --by $by "$tmp/1-halland-2024.csv" \
			"$tmp/2-orebro-2021.csv" >"$tmp/b" 2>&1
		rc_b=$?
		# the inputs differ only in their names
		sed -e "s#$tmp/[12]-#data/#g" "$tmp/b" >"$tmp/b2"
		# a result at all, and the same one
		[ $rc_a = 0 ] && [ $rc_b = 0 ] && [ -s "$tmp/a" ] &&
			grep -q 2024 "$tmp/a" && cmp -s "$tmp/a" "$tmp/b2"
		check "-f $fmt --by $by: shuffled rows, reversed files" $? ||
			diff "$tmp/a" "$tmp/b2" | head -10
	done
done

# the analyses too: trend, ranking, comments and the heatmap
for args in "summary --trend --by organisation" "critical" \
	"critical --by region --top 3" "heatmap --sort risk" \
	"heatmap --cells counts" "heatmap --by organisation --period 2024"; do
	for fmt in json csv table; do
		$KMAP $args -q -f $fmt data/orebro-2021.csv \
			data/halland-2024.csv >"$tmp/a" 2>&1
		rc_a=$?
		$KMAP $args -q -f $fmt "$tmp/1-halland-2024.csv" \
			"$tmp/2-orebro-2021.csv" >"$tmp/b" 2>&1
		rc_b=$?
		sed -e "s#$tmp/[12]-#data/#g" "$tmp/b" >"$tmp/b2"
		[ $rc_a = 0 ] && [ $rc_b = 0 ] && [ -s "$tmp/a" ] &&
			grep -q 2024 "$tmp/a" && cmp -s "$tmp/a" "$tmp/b2"
		check "$args -f $fmt: shuffled rows, reversed files" $? ||
			diff "$tmp/a" "$tmp/b2" | head -10
	done
done

# three rounds of one län in either order, the long round's rows
# shuffled: the same rounds counted, the same round order
cp -R data/uppsala "$tmp/u"
"$PYTHON" - "$tmp" <<'PY'
import random, sys
path = sys.argv[1] + "/u/omgang-2024.csv"
lines = open(path, "rb").read().split(b"\r\n")
head, body = lines[0], [l for l in lines[1:] if l]
random.Random(3).shuffle(body)
open(path, "wb").write(b"\r\n".join([head] + body) + b"\r\n")
PY
U=data/uppsala
for args in "summary --by round -f csv" "summary --trend -f json" \
	"critical -f json" "summary --round 2024 --by organisation"; do
	$KMAP $args -q $U/omgang-2023.csv $U/omgang-2024.csv \
		$U/omgang-2025/omgang-2025.csv >"$tmp/a" 2>&1
	rc_a=$?
	$KMAP $args -q "$tmp/u/omgang-2025/omgang-2025.csv" \
		"$tmp/u/omgang-2024.csv" "$tmp/u/omgang-2023.csv" >"$tmp/b" 2>&1
	rc_b=$?
	sed -e "s#$tmp/u/#$U/#g" "$tmp/b" >"$tmp/b2"
	[ $rc_a = 0 ] && [ $rc_b = 0 ] && [ -s "$tmp/a" ] &&
		cmp -s "$tmp/a" "$tmp/b2"
	check "$args: three rounds, reversed, shuffled" $? ||
		diff "$tmp/a" "$tmp/b2" | head -10
done

# diff of two rounds: the new manifest's exports listed the other way
# round (the rows keep their lines, which diff shows)
"$PYTHON" - "$tmp" <<'PY'
import sys
path = sys.argv[1] + "/u/omgang-2025/omgang-2025.csv"
lines = open(path, "rb").read().split(b"\r\n")
head, body = lines[0], [l for l in lines[1:] if l]
open(path, "wb").write(b"\r\n".join([head] + body[::-1]) + b"\r\n")
PY
for args in "-f json" "-f long" "-f csv" "--comments -f csv --by region" \
	"--all-records -f markdown"; do
	$KMAP diff $args -q $U/omgang-2024.csv $U/omgang-2025/omgang-2025.csv \
		>"$tmp/a" 2>&1
	rc_a=$?
	$KMAP diff $args -q $U/omgang-2024.csv \
		"$tmp/u/omgang-2025/omgang-2025.csv" >"$tmp/b" 2>&1
	rc_b=$?
	sed -e "s#$tmp/u/#$U/#g" "$tmp/b" >"$tmp/b2"
	[ $rc_a = 0 ] && [ $rc_b = 0 ] && [ -s "$tmp/a" ] &&
		cmp -s "$tmp/a" "$tmp/b2"
	check "diff $args: two rounds, exports reordered" $? ||
		diff "$tmp/a" "$tmp/b2" | head -10
done

# the spelling shown is the one most rows use, whatever their order: a
# sheet sorted so that one spelling comes in a run, the same rows
# interleaved, and reversed (SPEC §3; 4 x "Kalmar län", 1 x "Kalmar Län")
"$PYTHON" - "$tmp" <<'PY'
import sys
out = sys.argv[1]
head = "Region;Organisation;Yrke;Nuläge 2024;2025"
rows = [("Kalmar län", "Kalmar kommun", "Undersköterska", "Brist;Brist"),
        ("Kalmar län", "Kalmar kommun", "SJUKSKÖTERSKA", "Brist;Brist"),
        ("Kalmar län", "Borgholm", "Undersköterska", "Sårbart;Brist"),
        ("Kalmar län", "Borgholm", "Sjuksköterska", "Brist;Brist"),
        ("Kalmar Län", "Mörbylånga", "Sjuksköterska", "Hållbart;Sårbart")]
orders = {"sorted": rows, "interleaved": [rows[0], rows[4], rows[1], rows[2],
                                          rows[3]], "reversed": rows[::-1]}
for name, rs in orders.items():
    with open("%s/names-%s.csv" % (out, name), "w", encoding="utf-8") as f:
        f.write("\n".join([head] + [";".join(r) for r in rs]) + "\n")
PY
for args in "summary --by organisation" "summary -f json" "critical -f csv" \
	"heatmap -f csv"; do
	ok=0
	for order in sorted interleaved reversed; do
		cp "$tmp/names-$order.csv" "$tmp/names.csv"
		$KMAP $args "$tmp/names.csv" >"$tmp/n-$order" 2>/dev/null || ok=1
	done
	cmp -s "$tmp/n-sorted" "$tmp/n-interleaved" &&
		cmp -s "$tmp/n-sorted" "$tmp/n-reversed" || ok=1
	# and the name shown is the one four rows of five use
	case $args in summary*) grep -q "Kalmar län" "$tmp/n-sorted" &&
		! grep -q "Kalmar Län" "$tmp/n-sorted" || ok=1 ;; esac
	check "$args: names shown by row count, whatever the row order" $ok
done

# the same input twice gives the same bytes
$KMAP summary -f json data/orebro-2021.csv >"$tmp/x" 2>/dev/null
$KMAP summary -f json data/orebro-2021.csv >"$tmp/y" 2>/dev/null
grep -q '"schema"' "$tmp/x" && cmp -s "$tmp/x" "$tmp/y"
check "two runs, same bytes" $?

# the reports: HTML, and the workbook apart from its Poster sheet's line
# numbers (shuffled rows move records to other lines). The shuffled files
# get the same names, so that even the widths of the file columns agree.
mkdir -p "$tmp/w/data"
cp "$tmp/1-halland-2024.csv" "$tmp/w/data/halland-2024.csv"
cp "$tmp/2-orebro-2021.csv" "$tmp/w/data/orebro-2021.csv"
case "$KMAP" in /*) bin=$KMAP ;; *) bin=$(pwd)/$KMAP ;; esac
for fmt in html xlsx; do
	$KMAP report -q -f $fmt -o "$tmp/r1.$fmt" data/orebro-2021.csv \
		data/halland-2024.csv
	(cd "$tmp/w" && $bin report -q -f $fmt -o "$tmp/r2.$fmt" \
		data/halland-2024.csv data/orebro-2021.csv)
	if [ $fmt = html ]; then
		cmp -s "$tmp/r1.html" "$tmp/r2.html"
	else
		"$PYTHON" - "$tmp/r1.xlsx" "$tmp/r2.xlsx" <<'PY'
import sys, openpyxl
def cells(path):
    out = []
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                if ws.title.startswith("Poster") and c.column == 9 and c.row > 1:
                    v = None  # the line moves with the shuffle
                out.append((ws.title, c.coordinate, v, c.fill.fgColor.rgb,
                            c.number_format))
    return out
a, b = cells(sys.argv[1]), cells(sys.argv[2])
for x, y in zip(a, b):
    if x != y:
        print(x, y)
        break
sys.exit(0 if a == b else 1)
PY
	fi
	check "report -f $fmt: shuffled rows, reversed files" $?
done
# workbooks: each sheet an input, the same data from three writers
# (duplicates, counted once), in any order of the files
w=tests/workbook
for fmt in json csv table; do
	for set in "wide.xlsx wide.ods wide-lo.xlsx" "per-org.xlsx per-org.ods"; do
		fwd=$(for f in $set; do printf '%s ' "$w/$f"; done)
		rev=$(for f in $set; do printf '%s\n' "$w/$f"; done | sort -r)
		# shellcheck disable=SC2086
		$KMAP summary -q -f $fmt --by organisation $fwd >"$tmp/a" 2>&1
		rc_a=$?
		# shellcheck disable=SC2086
		$KMAP summary -q -f $fmt --by organisation $rev >"$tmp/b" 2>&1
		rc_b=$?
		[ $rc_a = 0 ] && [ $rc_b = 0 ] && grep -q 2024 "$tmp/a" &&
			cmp -s "$tmp/a" "$tmp/b"
		check "-f $fmt: workbooks $set in reverse order" $? ||
			diff "$tmp/a" "$tmp/b" | head -10
	done
done

# summary's regions and occupations are built and printed by two threads
# (jsonout_items.c), each item in a slot of a ring of 4: many more items
# than slots, of very different sizes, give the bytes of one thread
"$PYTHON" - "$tmp/many.csv" <<'PY'
import sys
levels = ["Brist", "Sårbart", "Hållbart", "Övertalighet"]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("region,organisation,occupation,2024,2026\n")
    for r in range(40):
        for o in range(1 + (r * 7) % 23):
            for y in range(1 + (r + o) % 9):
                f.write("Region %d,Org %d-%d,Yrke %d,%s,%s\n" % (
                    r, r, o, (r * 31 + o * 7 + y) % 300,
                    levels[(r + o + y) % 4], levels[(r * o + y) % 4]))
PY
for run in 1 2 3; do
	$KMAP summary -q -f json --trend "$tmp/many.csv" >"$tmp/a" 2>&1
	rc_a=$?
	KMAP_JSON_THREADS=1 $KMAP summary -q -f json --trend "$tmp/many.csv" \
		>"$tmp/b" 2>&1
	rc_b=$?
	[ $rc_a = 0 ] && [ $rc_b = 0 ] && grep -q '"Yrke 299"' "$tmp/a" &&
		grep -q '"Region 39"' "$tmp/a" && cmp -s "$tmp/a" "$tmp/b"
	check "summary -f json: two threads give one thread's bytes ($run)" $? ||
		diff "$tmp/a" "$tmp/b" | head -10
done

finish
