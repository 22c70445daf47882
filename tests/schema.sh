#!/bin/sh
# Real JSON output validated against the schemas in doc/schema/ with
# python3-jsonschema; a broken document must be rejected too, so that the
# check is known to bite.
. tests/lib.sh

expect() { # name, want (0 valid / 1 invalid), schema, file
	"$PYTHON" tests/schema/check.py "$3" "$4" >"$tmp/log" 2>&1
	[ $? = "$2" ]
	check "$1" $? || sed 's/^/  /' "$tmp/log" | head -20
}

S=doc/schema/kmap.summary-1.schema.json
V=doc/schema/kmap.validate-1.schema.json
$KMAP summary -q -f json data/orebro-2021.csv >"$tmp/o.json"
expect "summary: orebro (wide, UTF-8 BOM)" 0 $S "$tmp/o.json"
$KMAP summary -q -f json data/halland-2024.csv >"$tmp/h.json"
expect "summary: halland (long, cp1252)" 0 $S "$tmp/h.json"
$KMAP summary -q -f json --fill-down data/orebro-2021-unicode.txt \
	data/halland-2024.csv >"$tmp/b.json"
expect "summary: two files, UTF-16 and cp1252" 0 $S "$tmp/b.json"
$KMAP summary -q -f json --period 2030 data/orebro-2021.csv \
	>"$tmp/e.json" 2>/dev/null
expect "summary: everything filtered out" 0 $S "$tmp/e.json"
$KMAP summary -q -f json --trend --fill-down data/orebro-2021-unicode.txt \
	data/halland-2024.csv >"$tmp/t.json"
expect "summary --trend: two files, two current periods" 0 $S "$tmp/t.json"
grep -q '"transitions"' "$tmp/t.json"
check "summary --trend: transitions present" $?
sed 's/"worse":\t\([0-9]\)/"worse": -\1/' "$tmp/t.json" >"$tmp/bad3.json"
expect "schema rejects a negative worse count" 1 $S "$tmp/bad3.json"
# workbooks: each sheet an input, its format for an encoding, no delimiter
$KMAP summary -q -f json tests/workbook/wide.xlsx tests/workbook/wide.ods \
	>"$tmp/w.json"
expect "summary: a workbook's sheets (.xlsx and .ods)" 0 $S "$tmp/w.json"
grep -q '"encoding":	"ods"' "$tmp/w.json"
check "summary: a workbook's format as its encoding" $?
$KMAP validate -f json tests/workbook/errors.xlsx >"$tmp/wv.json"
expect "validate: a workbook's cell errors" 0 $V "$tmp/wv.json"
sed 's/"risk_share":\t0\.[0-9]*/"risk_share": 1.5/' "$tmp/o.json" >"$tmp/bad.json"
expect "schema rejects a risk share above 1" 1 $S "$tmp/bad.json"
sed 's/"missing":/"mising":/' "$tmp/o.json" >"$tmp/bad2.json"
expect "schema rejects a misspelled key" 1 $S "$tmp/bad2.json"
# three rounds of one län, the newest a manifest of three exports: every
# input names its round, and "rounds" has each round's total
U=data/uppsala
$KMAP summary -q -f json --trend $U/omgang-2023.csv $U/omgang-2024.csv \
	$U/omgang-2025/omgang-2025.csv >"$tmp/r.json"
expect "summary: three rounds, inputs and rounds" 0 $S "$tmp/r.json"
[ "$(grep -c '"round":' "$tmp/r.json")" = 8 ]
check "summary: five inputs and three rounds name their round" $?
sed 's/"round":\t"2024"/"round": 2024/' "$tmp/r.json" >"$tmp/bad10.json"
expect "schema rejects a round that is not text" 1 $S "$tmp/bad10.json"
$KMAP critical -q -f json $U/omgang-2024.csv $U/omgang-2025/omgang-2025.csv \
	>"$tmp/rc.json"
expect "critical: two rounds" 0 doc/schema/kmap.critical-2.schema.json \
	"$tmp/rc.json"

C=doc/schema/kmap.critical-2.schema.json
$KMAP critical -q -f json data/orebro-2021.csv >"$tmp/c.json"
expect "critical: orebro, with comments" 0 $C "$tmp/c.json"
grep -q '"comment":' "$tmp/c.json"
check "critical: comments present" $?
$KMAP critical -q -f json --by region --fill-down --top 2 \
	data/orebro-2021-unicode.txt data/halland-2024.csv >"$tmp/c2.json"
expect "critical --by region: two files" 0 $C "$tmp/c2.json"
$KMAP critical -q -f json --period 2030 data/orebro-2021.csv \
	>"$tmp/c3.json" 2>/dev/null
expect "critical: everything filtered out" 0 $C "$tmp/c3.json"
sed 's/"spread":\t[0-9]/"spread": 7/' "$tmp/c.json" >"$tmp/bad4.json"
expect "schema rejects a spread above 3" 1 $C "$tmp/bad4.json"
sed 's/"critical":\ttrue/"critical": "ja"/' "$tmp/c.json" >"$tmp/bad5.json"
expect "schema rejects critical as text" 1 $C "$tmp/bad5.json"
# the county round: set apart (rank null), ends of disagreements and
# omställning across two regions
$KMAP critical -q -f json --min-raters 3 data/vastmanland-2025.csv \
	data/uppsala-2025.csv >"$tmp/c4.json"
expect "critical --min-raters 3: the county round" 0 $C "$tmp/c4.json"
grep -q '"rank":	null' "$tmp/c4.json" && grep -q '"low":' "$tmp/c4.json" &&
	grep -q '"shortage":' "$tmp/c4.json"
check "critical: set apart, ends and mobility present" $?
$KMAP critical -q -f json --by region data/vastmanland-2025.csv \
	data/uppsala-2025.csv >"$tmp/c5.json"
expect "critical --by region: the county round" 0 $C "$tmp/c5.json"
"$PYTHON" - "$tmp/c4.json" "$tmp/bad6.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["mobility"][0]["surplus"] = []
json.dump(doc, open(sys.argv[2], "w"))
PY
expect "schema rejects an omställning case without surplus" 1 $C "$tmp/bad6.json"
# volumes and the shares weighted by headcount (--context, --weight)
$KMAP critical -q -f json --weight headcount \
	--context data/vastmanland-2025-kontext.csv data/vastmanland-2025.csv \
	>"$tmp/c6.json"
expect "critical --weight headcount: volumes and weighted counts" 0 $C \
	"$tmp/c6.json"
grep -q '"weight":	"headcount"' "$tmp/c6.json" &&
	grep -q '"headcount":	[0-9]' "$tmp/c6.json"
check "critical: weight and volumes present" $?
sed 's/"headcount":	\([0-9]\)/"headcount": -\1/' "$tmp/c6.json" \
	>"$tmp/bad7.json"
expect "schema rejects a negative headcount" 1 $C "$tmp/bad7.json"

D=doc/schema/kmap.diff-2.schema.json
"$PYTHON" - "$tmp" <<'PY'
import sys
# a later round: one rating changed, one record removed, one comment new,
# re-saved as Windows-1252 with ';' and CRLF
raw = open("data/halland-2024.csv", "rb").read().decode("cp1252")
lines = [l.split(";") for l in raw.split("\r\n")]
lines[4][4] = "Brist"           # Undersköterska, Nuläge: was Sårbart
lines[7][5] = "Ny kommentar"    # Vårdbiträde, Nuläge
del lines[5]                    # Undersköterska 2025
lines = [";".join(l) for l in lines]
open(sys.argv[1] + "/h2.csv", "wb").write("\r\n".join(lines).encode("cp1252"))
PY
$KMAP diff -q -f json --comments data/halland-2024.csv "$tmp/h2.csv" \
	>"$tmp/d.json"
expect "diff: two rounds, with comments" 0 $D "$tmp/d.json"
grep -q "\"change\":.*\"removed\"" "$tmp/d.json" &&
	grep -q "\"change\":.*\"changed\"" "$tmp/d.json"
check "diff: a change and a removal found" $?
$KMAP diff -q -f json --by organisation data/halland-2024.csv \
	"$tmp/h2.csv" >"$tmp/d2.json"
expect "diff --by organisation" 0 $D "$tmp/d2.json"
$KMAP diff -q -f json data/orebro-2021.csv data/orebro-2021.csv \
	>"$tmp/d3.json"
expect "diff: no differences" 0 $D "$tmp/d3.json"
sed 's/"change":\t"removed"/"change": "deleted"/' "$tmp/d.json" >"$tmp/bad6.json"
expect "schema rejects an unknown change kind" 1 $D "$tmp/bad6.json"
# two yearly rounds, the newer a manifest of three exports: critical
# changes, the forecast check, revisions, shares, what one round has
$KMAP diff -q -f json data/uppsala/omgang-2024.csv \
	data/uppsala/omgang-2025/omgang-2025.csv >"$tmp/d4.json"
expect "diff: two yearly rounds, a manifest" 0 $D "$tmp/d4.json"
grep -q '"result":.*"too_optimistic"' "$tmp/d4.json" &&
	grep -q '"revision":.*"worse"' "$tmp/d4.json"
check "diff: forecasts and revisions compared" $?
$KMAP diff -q -f json --all-records --comments data/uppsala/omgang-2023.csv \
	data/uppsala/omgang-2024.csv >"$tmp/d5.json"
expect "diff --all-records --comments: two single sheets" 0 $D \
	"$tmp/d5.json"
sed 's/"result":\t"came_true"/"result": "true"/' "$tmp/d4.json" \
	>"$tmp/bad11.json"
expect "schema rejects an unknown forecast result" 1 $D "$tmp/bad11.json"
sed 's/"outcome":\t"hallbart"/"outcome": "missing"/' "$tmp/d4.json" \
	>"$tmp/bad12.json"
expect "a forecast compared with a missing rating is rejected" 1 $D \
	"$tmp/bad12.json"
sed 's/"came_true":\t\([0-9]\)/"came_true": -\1/' "$tmp/d4.json" \
	>"$tmp/bad13.json"
expect "schema rejects a negative count" 1 $D "$tmp/bad13.json"

$KMAP validate -f json data/orebro-2021.csv data/halland-2024.csv \
	>"$tmp/v.json"
expect "validate: clean files" 0 $V "$tmp/v.json"
$KMAP validate -f json data/orebro-2021-unicode.txt >"$tmp/v2.json"
expect "validate: file with problems" 0 $V "$tmp/v2.json"
H=doc/schema/kmap.heatmap-1.schema.json
$KMAP heatmap -q -f json data/orebro-2021.csv data/halland-2024.csv \
	>"$tmp/hm.json"
expect "heatmap: two regions, periods across" 0 $H "$tmp/hm.json"
# Hallands' occupations have no 2022 records: null cells
grep -q '}, null, null\]' "$tmp/hm.json"
check "heatmap: a cell without records is null" $?
$KMAP heatmap -q -f json --by organisation --sort risk \
	data/orebro-2021.csv >"$tmp/hm2.json"
expect "heatmap --by organisation --sort risk" 0 $H "$tmp/hm2.json"
sed 's/"mode":\t"brist"/"mode": "b"/' "$tmp/hm.json" >"$tmp/bad7.json"
expect "schema rejects an unknown modal level" 1 $H "$tmp/bad7.json"

# Codes from a names file: "code" beside a name, "<name>_code" where an
# object names several
printf '%s\n' 'typ;stavning;namn;kod' \
	'yrke;Sjuksköterska;Sjuksköterska;2221' \
	'yrke;Undersköterska;Undersköterska;5321' \
	'organisation;Falkenbergs kommun;Falkenbergs kommun;1382' \
	'region;Hallands län;Hallands län;13' >"$tmp/namn.csv"
N="--names $tmp/namn.csv"
$KMAP summary -q -f json $N data/halland-2024.csv >"$tmp/sn.json"
expect "summary: names with codes" 0 $S "$tmp/sn.json"
grep -q '"code":.*"5321"' "$tmp/sn.json"
check "summary: an occupation's code present" $?
$KMAP critical -q -f json --by region $N data/halland-2024.csv >"$tmp/cn.json"
expect "critical --by region: names with codes" 0 $C "$tmp/cn.json"
grep -q '"region_code":.*"13"' "$tmp/cn.json"
check "critical: a region's code beside the occupation's" $?
$KMAP heatmap -q -f json --by organisation $N data/halland-2024.csv \
	>"$tmp/hn.json"
expect "heatmap --by organisation: names with codes" 0 $H "$tmp/hn.json"
$KMAP diff -q -f json --comments $N data/halland-2024.csv "$tmp/h2.csv" \
	>"$tmp/dn.json"
expect "diff: names with codes" 0 $D "$tmp/dn.json"
grep -q '"occupation_code":' "$tmp/dn.json"
check "diff: a record's occupation code present" $?
printf '%s\n' 'typ;stavning;namn;kommungrupp' \
	'organisation;Falkenbergs kommun;Falkenbergs kommun;Pendlingskommun' \
	>"$tmp/grupper.csv"
$KMAP summary -q -f json --trend --by kommungrupp --names "$tmp/grupper.csv" \
	data/halland-2024.csv >"$tmp/sg.json"
expect "summary --by ATTRIBUTE --trend" 0 $S "$tmp/sg.json"
grep -q '"value":.*null' "$tmp/sg.json" && grep -q '"attribute":.*"kommungrupp"' "$tmp/sg.json"
check "summary --by ATTRIBUTE: the attribute and a group without it" $?
$KMAP heatmap -q -f json --by kommungrupp --names "$tmp/grupper.csv" \
	data/halland-2024.csv >"$tmp/hg.json"
expect "heatmap --by ATTRIBUTE" 0 $H "$tmp/hg.json"
grep -q '"by":.*"attribute"' "$tmp/hg.json" && grep -q '"value":.*"Pendlingskommun"' "$tmp/hg.json"
check "heatmap --by ATTRIBUTE: columns are the values" $?
# critical --by ATTRIBUTE: ranked inside each value, one without it null
G=tests/cli/names/0014-critical-by-attribute
$KMAP critical -q -f json --by kommungrupp --names $G/namn.csv \
	$G/kalmar-2025.csv >"$tmp/cg.json"
expect "critical --by ATTRIBUTE" 0 $C "$tmp/cg.json"
grep -q '"by":.*"attribute"' "$tmp/cg.json" &&
	grep -q '"value":.*"Pendlingskommun"' "$tmp/cg.json" &&
	grep -q '"value":.*null' "$tmp/cg.json"
check "critical --by ATTRIBUTE: each occupation's value" $?
sed 's/"attribute":\t{/"grouped": {/' "$tmp/cg.json" >"$tmp/bad12.json"
expect "schema rejects critical by attribute without the attribute" 1 $C \
	"$tmp/bad12.json"
# the upper level of two-level organisations (Kommun beside Förvaltning)
T2=tests/cli/round/0017-two-level-merged-kommun/x.csv
$KMAP summary -q -f json --trend --by kommun $T2 >"$tmp/sk.json"
expect "summary --by KOMMUN: two-level organisations" 0 $S "$tmp/sk.json"
grep -q '"attribute":.*"Kommun"' "$tmp/sk.json" &&
	grep -q '"value":.*"Nybro kommun"' "$tmp/sk.json"
check "summary --by KOMMUN: the upper column and its values" $?
$KMAP heatmap -q -f json --by kommun $T2 >"$tmp/hk.json"
expect "heatmap --by KOMMUN: two-level organisations" 0 $H "$tmp/hk.json"
sed 's/"attribute":/"atribute":/' "$tmp/sg.json" >"$tmp/bad11.json"
expect "schema rejects a misspelled by.attribute" 1 $S "$tmp/bad11.json"
sed 's/"code":\t"5321"/"code": 5321/' "$tmp/sn.json" >"$tmp/bad10.json"
expect "schema rejects a code that is not text" 1 $S "$tmp/bad10.json"

# Another scale (--scale): the level keys come from the file, and every
# document must name exactly those.
T="--scale data/scale-brist-balans-overskott.json"
F3=data/halland-2026-tre-nivaer.csv
$KMAP summary -q -f json --trend --by organisation $T $F3 >"$tmp/s3.json"
expect "summary --trend: three-level scale" 0 $S "$tmp/s3.json"
$KMAP critical -q -f json $T $F3 >"$tmp/c3l.json"
expect "critical: three-level scale" 0 $C "$tmp/c3l.json"
$KMAP heatmap -q -f json $T $F3 >"$tmp/h3.json"
expect "heatmap: three-level scale" 0 $H "$tmp/h3.json"
$KMAP diff -q -f json $T $F3 $F3 >"$tmp/d3l.json"
expect "diff: three-level scale" 0 $D "$tmp/d3l.json"
$KMAP validate -q -f json $T $F3 >"$tmp/v3.json"
expect "validate: three-level scale" 0 $V "$tmp/v3.json"
sed 's/"balans":/"hallbart":/' "$tmp/s3.json" >"$tmp/bad8.json"
expect "a level key not in the document's scale is rejected" 1 $S \
	"$tmp/bad8.json"
sed 's/"spread":\t[0-9]/"spread": 3/' "$tmp/c3l.json" >"$tmp/bad9.json"
expect "a spread of 3 on three levels is rejected" 1 $C "$tmp/bad9.json"

# Ej aktuellt: every STATS carries not_applicable, apart from missing
printf '%s\n' 'region,organisation,yrke,Nuläge 2024,2026' \
	'Kalmar län,Borgholm,Usk,Brist,Ej aktuellt' \
	'Kalmar län,Torsås,Usk,E/A,-' 'Kalmar län,Torsås,Ssk,n/a,Sårbart' \
	>"$tmp/na.csv"
printf '%s\n' 'region,organisation,yrke,Nuläge 2024,2026' \
	'Kalmar län,Borgholm,Usk,Brist,Brist' \
	'Kalmar län,Torsås,Usk,E/A,ej relevant' >"$tmp/na2.csv"
$KMAP summary -q -f json "$tmp/na.csv" >"$tmp/na.json"
expect "summary: not applicable records" 0 $S "$tmp/na.json"
grep -q '"not_applicable":	2,' "$tmp/na.json"
check "summary: not_applicable counted" $?
$KMAP critical -q -f json "$tmp/na.csv" >"$tmp/nac.json"
expect "critical: not applicable records" 0 $C "$tmp/nac.json"
$KMAP heatmap -q -f json "$tmp/na.csv" >"$tmp/nah.json"
expect "heatmap: not applicable records" 0 $H "$tmp/nah.json"
$KMAP diff -q -f json "$tmp/na.csv" "$tmp/na2.csv" >"$tmp/nad.json"
expect "diff: not applicable records" 0 $D "$tmp/nad.json"
for f in na nac nah nad; do
	sed 's/"not_applicable":/"not_aplicable":/' "$tmp/$f.json" \
		>"$tmp/bad-$f.json"
done
expect "summary without not_applicable is rejected" 1 $S "$tmp/bad-na.json"
expect "critical without not_applicable is rejected" 1 $C "$tmp/bad-nac.json"
expect "heatmap without not_applicable is rejected" 1 $H "$tmp/bad-nah.json"
expect "diff without not_applicable is rejected" 1 $D "$tmp/bad-nad.json"

# Codes read from the data (SSYK, kommunkod, länskod) and the built-in län
printf '%s\n' 'län,organisation,kommunkod,SSYK,yrke,2024' \
	'Kalmar län,Borgholm,0885,5321,Usk,Brist' \
	'Hallands län,Hylte,1315,2221,Ssk,Sårbart' >"$tmp/codes.csv"
$KMAP summary -q -f json "$tmp/codes.csv" >"$tmp/codes.json"
expect "summary: codes of occupations, organisations, regions" 0 $S \
	"$tmp/codes.json"
grep -q '"code":	"08"' "$tmp/codes.json" &&
	grep -q '"code":	"0885"' "$tmp/codes.json" &&
	grep -q '"code":	"5321"' "$tmp/codes.json"
check "summary: länskod built in, kommunkod and SSYK from columns" $?
sed 's/"code":\t"5321"/"code": 5321/' "$tmp/codes.json" >"$tmp/bad-code.json"
expect "a code as a number is rejected" 1 $S "$tmp/bad-code.json"

# kmap compare: kmap.compare/1
K=doc/schema/kmap.compare-1.schema.json
$KMAP compare -q -f json --af data/yrkesbarometer-exempel.json \
	tests/compare/kalmar-halland-ssyk.csv >"$tmp/cmp.json"
expect "compare: coded occupations beside Yrkesbarometern" 0 $K "$tmp/cmp.json"
$KMAP compare -q -f json --af data/yrkesbarometer-exempel.json \
	data/orebro-2021.csv >"$tmp/cmp2.json"
expect "compare: no occupation with a code" 0 $K "$tmp/cmp2.json"
$KMAP compare -q -f json --af data/yrkesbarometer-exempel.json \
	--scale data/scale-brist-balans-overskott.json \
	data/halland-2026-tre-nivaer.csv >"$tmp/cmp3.json"
expect "compare: three-level scale" 0 $K "$tmp/cmp3.json"
sed 's/"class":\t"agree"/"class": "same"/' "$tmp/cmp.json" >"$tmp/bad-cmp.json"
expect "compare: an unknown class is rejected" 1 $K "$tmp/bad-cmp.json"
sed 's/"omgang":\t\["2026-1"\]/"omgng": ["2026-1"]/' "$tmp/cmp.json" \
	>"$tmp/bad-cmp2.json"
expect "compare: a document without omgang is rejected" 1 $K \
	"$tmp/bad-cmp2.json"
finish
