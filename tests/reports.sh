#!/bin/sh
# The reports checked by real clients (issue: reports people look at):
# the HTML report by Python's HTML parser, rendered and printed to PDF by
# headless Chromium (the PDF's text read by pdftotext), the XLSX workbook
# by openpyxl and, with the --excel CSV, by LibreOffice; determinism,
# escaping, the language switch, and that a failed run leaves an existing
# report alone.
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

# the title: --title as given, else the län and the round
county="$D/vastmanland-2025.csv $D/uppsala-2025.csv"
$KMAP critical -q -f json $county >"$tmp/county-c.json"
$KMAP summary -q -f json $county >"$tmp/county-s.json"
$KMAP report -q -o "$tmp/county.html" $county &&
	grep -q '<h1>Kompetenskartläggning Uppsala län och Västmanlands län 2025</h1>' \
		"$tmp/county.html" &&
	grep -q '<title>Kompetenskartläggning Uppsala län och Västmanlands län 2025</title>' \
		"$tmp/county.html"
check "report html: the default title names the län and the round" $?
grep -q '<h1>Kompetenskartläggning Hallands län och Örebro län 2021 och 2024</h1>' \
	"$tmp/r.html"
check "report html: two rounds, both years in the title" $?
$KMAP report -q --lang en --title 'Styrgruppen <3 dec>' -o "$tmp/t.html" \
	$county && grep -q '<h1>Styrgruppen &lt;3 dec&gt;</h1>' "$tmp/t.html"
check "report html --title: as given, escaped" $?
# the critical section: one organisation x period grid per critical
# occupation, and who rates Brist named in a paragraph that wraps
n=$(grep -c '<div class="occ">' "$tmp/county.html")
want=$("$PYTHON" -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(1 for o in d["occupations"] if o["critical"]))' "$tmp/county-c.json")
[ "$n" = "$want" ] && [ "$n" -gt 0 ] &&
	grep -q '<p class="list"><b>Brist hos 2028-2030 (13 av 13):</b> ' \
		"$tmp/county.html"
check "report html: a grid and a 'Brist hos' list per critical occupation" $? ||
	echo "  $n grids, $want critical"

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
	# printed on A4, the county round's report names every organisation
	# that rates a critical occupation Brist, inside the page
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--no-pdf-header-footer --print-to-pdf="$tmp/county.pdf" \
		"file://$tmp/county.html" >"$tmp/chromium.log" 2>&1
	[ -s "$tmp/county.pdf" ] && head -c 5 "$tmp/county.pdf" | grep -q '%PDF-'
	check "report html: prints to PDF" $?
	if command -v pdftotext >/dev/null 2>&1 &&
		command -v pdfinfo >/dev/null 2>&1; then
		"$PYTHON" tests/report/check_pdf.py "$tmp/county.pdf" \
			"$tmp/county-c.json" >"$tmp/log"
		check "report html printed: A4, every 'Brist hos' organisation on the page" \
			$? || head -20 "$tmp/log"
	else
		skipped "report html printed: the PDF's text" \
			"no pdftotext (apt-get install poppler-utils)"
	fi
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

# Ej aktuellt: its own word in the heatmap and the records, counted apart
printf '%s\n' 'region,organisation,yrke,Nuläge 2024,2026' \
	'Kalmar län,Borgholm,Usk,Brist,Ej aktuellt' \
	'Kalmar län,Torsås,Usk,E/A,E/A' 'Kalmar län,Torsås,Ssk,Hållbart,n/a' \
	>"$tmp/na.csv"
$KMAP summary -q -f json "$tmp/na.csv" >"$tmp/na-s.json"
$KMAP critical -q -f json "$tmp/na.csv" >"$tmp/na-c.json"
$KMAP report -q -f xlsx -o "$tmp/na.xlsx" "$tmp/na.csv" &&
	"$PYTHON" tests/report/check_xlsx.py "$tmp/na.xlsx" "$tmp/na-s.json" \
		"$tmp/na-c.json" >"$tmp/log"
check "report xlsx: not applicable records kept and counted" $? ||
	head -20 "$tmp/log"
"$PYTHON" - "$tmp/na.xlsx" >"$tmp/log" <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
na = [c.value for c in wb["Poster"]["E"]].count("ej aktuellt")
hm = [c.value for row in wb["Värmekarta"].iter_rows() for c in row]
print(na, hm.count("ej aktuellt"))
sys.exit(0 if (na, hm.count("ej aktuellt")) == (4, 2) else 1)
PY
check "report xlsx: 'ej aktuellt' in 4 records and 2 heatmap cells" $? ||
	cat "$tmp/log"

# --af: a section beside Yrkesbarometern, with AF's round and text
AF=data/yrkesbarometer-exempel.json
X=tests/compare/kalmar-halland-ssyk.csv
$KMAP report -q --af $AF -o "$tmp/af.html" $X &&
	grep -q '<h2 id="yrkesbarometern">' "$tmp/af.html" &&
	grep -q 'omgång 2026-1 · taxonomi 27' "$tmp/af.html" &&
	grep -q 'Brist i hela landet.' "$tmp/af.html" &&
	grep -q 'slår ihop SSYK 5321 5322' "$tmp/af.html"
check "report html --af: the comparison, AF's round and text, merged groups" $?
$KMAP report -q $X -o "$tmp/noaf.html" && ! grep -q 'yrkesbarometern' \
	"$tmp/noaf.html"
check "report html without --af: no comparison" $?
$KMAP report -q -f xlsx --af $AF -o "$tmp/af.xlsx" $X &&
	"$PYTHON" - "$tmp/af.xlsx" >"$tmp/log" <<'PY'
import sys
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Yrkesbarometern"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
ok = "omgång 2026-1" in rows[0][0] and rows[1][0] == "yrke"
classes = [r[16] for r in rows[2:]]
ok &= classes.count("samma") == 7 and classes.count("AF: paradox") == 4
print(rows[0][0], classes)
sys.exit(0 if ok else 1)
PY
check "report xlsx --af: sheet Yrkesbarometern with the round and classes" $? ||
	cat "$tmp/log"
cp $AF "$tmp/af.json"
$KMAP report -q --af "$tmp/af.json" -o "$tmp/af.json" $X 2>"$tmp/err"
[ $? = 4 ] && cmp -s $AF "$tmp/af.json"
check "report --af: the AF file is never the output (exit 4)" $?

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
# read by LibreOffice: the county round's XLSX report and its --excel
# CSV (Swedish headings) converted to CSV in one headless run, every
# sheet, text quoted; the numbers it reads are kmap's, as numbers
if command -v soffice >/dev/null 2>&1; then
	lo=$tmp/lo
	mkdir -p "$lo/in" "$lo/out" "$lo/tmp"
	$KMAP report -q -f xlsx -o "$lo/in/r.xlsx" $county
	$KMAP critical -q -f csv --excel --lang sv $county >"$lo/in/c.csv"
	$KMAP critical -q -f csv $county >"$tmp/county-c.csv"
	# its own profile and temporary files: nothing left outside $tmp;
	# the CSV read as Swedish Excel writes it (';', UTF-8, sv-SE)
	(cd "$lo" && TMPDIR=$lo/tmp HOME=$lo timeout 300 soffice --headless \
		"-env:UserInstallation=file://$lo/profile" \
		--infilter='CSV:59,34,76,1,,1053' \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1' \
		--outdir "$lo/out" in/r.xlsx in/c.csv) >"$tmp/lo.log" 2>&1
	"$PYTHON" tests/report/check_lo.py "$lo/out" r c "$tmp/county-s.json" \
		"$tmp/county-c.json" "$tmp/county-c.csv" >"$tmp/log"
	check "LibreOffice reads the XLSX and the --excel CSV: kmap's numbers, as numbers" \
		$? || head -20 "$tmp/log" "$tmp/lo.log"
else
	skipped "LibreOffice reads the XLSX and the --excel CSV" \
		"no soffice (apt-get install libreoffice-calc-nogui)"
fi

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
