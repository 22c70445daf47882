#!/bin/sh
# The reports checked by real clients (issue: reports people look at):
# the HTML report by Python's HTML parser and rendered by headless
# Chromium, the XLSX workbook by openpyxl; determinism, escaping, the
# language switch, and that a failed run leaves an existing report alone.
. tests/lib.sh
D=data
both="$D/orebro-2021.csv $D/halland-2024.csv"

$KMAP summary -q -f json $both >"$tmp/s.json"
$KMAP critical -q -f json $both >"$tmp/c.json"

# ---- HTML
$KMAP report -q -o "$tmp/r.html" $both
check "report html: exit 0" $?
"$PYTHON" tests/report/check_html.py "$tmp/r.html" "$tmp/s.json" \
	"$tmp/c.json" "Kritiska yrken" "Datakvalitet" \
	"inte giltig UTF-8 (byte 0xE4); läses som Windows-1252" >"$tmp/log"
check "report html: sections, heatmap, critical comments, quality note in Swedish" $? ||
	head -20 "$tmp/log"

$KMAP report -q --lang en -o "$tmp/en.html" $both
"$PYTHON" tests/report/check_html.py "$tmp/en.html" "$tmp/s.json" \
	"$tmp/c.json" "Critical occupations" "Data quality" \
	"not valid UTF-8 (byte 0xE4); read as Windows-1252" >"$tmp/log" &&
	grep -q '<html lang="en">' "$tmp/en.html" &&
	! grep -q "Kritiska yrken" "$tmp/en.html"
check "report html --lang en: English headings and quality note" $? || head "$tmp/log"

# markup in names and comments is text, never markup
cp tests/report/markup.csv "$tmp/markup.csv"
$KMAP summary -q -f json "$tmp/markup.csv" >"$tmp/ms.json"
$KMAP critical -q -f json "$tmp/markup.csv" >"$tmp/mc.json"
$KMAP report -q -o "$tmp/m.html" "$tmp/markup.csv" &&
	"$PYTHON" tests/report/check_html.py "$tmp/m.html" "$tmp/ms.json" \
		"$tmp/mc.json" "<b>Vårdare</b>" "<script>alert('x')</script>" \
		'Org & "co"' >"$tmp/log" &&
	grep -q '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img' \
		"$tmp/m.html"
check "report html: names and comments escaped" $? || head "$tmp/log"

$KMAP report -q -o "$tmp/r2.html" $both
cmp -s "$tmp/r.html" "$tmp/r2.html"
check "report html: same input, same bytes" $?

# rows in another order: the same report (both inputs named alike, as a
# long name changes how the report sets it, whatever $TMPDIR is)
cp $D/halland-2024.csv "$tmp/h1.csv"
{ head -n 1 $D/halland-2024.csv; tail -n +2 $D/halland-2024.csv | sort -r; } \
	>"$tmp/h2.csv"
$KMAP report -q -o "$tmp/h1.html" "$tmp/h1.csv"
$KMAP report -q -o "$tmp/h2.html" "$tmp/h2.csv"
sed "s|$tmp/h2.csv|$tmp/h1.csv|g" "$tmp/h2.html" | cmp -s - "$tmp/h1.html"
check "report html: rows in another order, same report" $?

# rendered by a real browser: a page with text and the four colours
if command -v chromium >/dev/null 2>&1; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --window-size=1100,2200 \
		--screenshot="$tmp/r.png" "file://$tmp/r.html" \
		>"$tmp/chromium.log" 2>&1
	[ -s "$tmp/r.png" ] && "$PYTHON" tests/report/check_png.py "$tmp/r.png" \
		>"$tmp/log"
	check "report html: rendered by Chromium, not blank, four colours" $? ||
		head "$tmp/log" "$tmp/chromium.log"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--print-to-pdf="$tmp/r.pdf" "file://$tmp/r.html" \
		>"$tmp/chromium.log" 2>&1
	[ -s "$tmp/r.pdf" ] && head -c 5 "$tmp/r.pdf" | grep -q '%PDF-'
	check "report html: prints to PDF" $?
else
	skipped "report html in Chromium (PNG, PDF)" \
		"no chromium (apt-get install chromium)"
fi

# ---- XLSX
$KMAP report -q -f xlsx -o "$tmp/r.xlsx" $both
check "report xlsx: exit 0" $?
"$PYTHON" tests/report/check_xlsx.py "$tmp/r.xlsx" "$tmp/s.json" \
	"$tmp/c.json" >"$tmp/log"
check "report xlsx: sheets, fills, numbers, percent, filters, records" $? ||
	head -20 "$tmp/log"
$KMAP report -q -f xlsx -o "$tmp/r2.xlsx" $both
cmp -s "$tmp/r.xlsx" "$tmp/r2.xlsx"
check "report xlsx: same input, same bytes" $?
$KMAP report -q -f xlsx $both >"$tmp/r3.xlsx"
cmp -s "$tmp/r.xlsx" "$tmp/r3.xlsx"
check "report xlsx: to a pipe as to a file" $?

# ---- two rounds: the change since the previous one
U=$D/uppsala
rounds="$U/omgang-2023.csv $U/omgang-2024.csv $U/omgang-2025/omgang-2025.csv"
# the report compares the newest with the round before it, as diff does
$KMAP diff -q -f json $U/omgang-2024.csv $U/omgang-2025/omgang-2025.csv \
	>"$tmp/d.json"
$KMAP report -q -o "$tmp/c.html" $rounds &&
	$KMAP report -q -f xlsx -o "$tmp/c.xlsx" $rounds &&
	"$PYTHON" tests/report/check_change.py "$tmp/c.html" "$tmp/c.xlsx" \
		"$tmp/d.json" "Förändring sedan förra omgången" >"$tmp/log"
check "report, two rounds: the change section in HTML and XLSX" $? ||
	head -20 "$tmp/log"
$KMAP report -q --lang en -o "$tmp/ce.html" $rounds &&
	$KMAP report -q --lang en -f xlsx -o "$tmp/ce.xlsx" $rounds &&
	"$PYTHON" tests/report/check_change.py "$tmp/ce.html" "$tmp/ce.xlsx" \
		"$tmp/d.json" "Change since the previous round" >"$tmp/log"
check "report --lang en, two rounds: the change section in English" $? ||
	head -20 "$tmp/log"
# --round 2024: against 2023, as diff of those two rounds
$KMAP diff -q -f json $U/omgang-2023.csv $U/omgang-2024.csv >"$tmp/d4.json"
$KMAP report -q --round 2024 -o "$tmp/c4.html" $rounds &&
	$KMAP report -q --round 2024 -f xlsx -o "$tmp/c4.xlsx" $rounds &&
	"$PYTHON" tests/report/check_change.py "$tmp/c4.html" "$tmp/c4.xlsx" \
		"$tmp/d4.json" "Förändring sedan förra omgången" >"$tmp/log"
check "report --round 2024: the change since 2023" $? || head -20 "$tmp/log"
# one round: no such section, no such sheet
$KMAP report -q -o "$tmp/one.html" $U/omgang-2024.csv &&
	$KMAP report -q -f xlsx -o "$tmp/one.xlsx" $U/omgang-2024.csv &&
	! grep -q 'id="change"' "$tmp/one.html" &&
	"$PYTHON" -c 'import openpyxl, sys
sys.exit("Förändring" in openpyxl.load_workbook(sys.argv[1]).sheetnames)' \
		"$tmp/one.xlsx"
check "report, one round: no change section" $?
$KMAP report -q -o "$tmp/c2.html" $rounds && cmp -s "$tmp/c.html" "$tmp/c2.html"
check "report, two rounds: same input, same bytes" $?

# an existing report survives a failed run
cp "$tmp/r.xlsx" "$tmp/keep.xlsx"
printf 'Län;Organisation;Yrke;Period;Bedömning\nR;O;"Yrke;Nuläge 2024;Brist\n' \
	>"$tmp/broken.csv"
$KMAP report -q -f xlsx -o "$tmp/keep.xlsx" "$tmp/broken.csv" 2>"$tmp/err"
rc=$?
[ $rc = 3 ] && cmp -s "$tmp/r.xlsx" "$tmp/keep.xlsx" &&
	[ "$(ls "$tmp" | grep -c '^\.\?keep')" = 1 ]
check "report xlsx: bad input exits 3, old report kept, nothing else left" $?

finish
