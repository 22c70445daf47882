#!/bin/sh
# kmap compare against a Yrkesbarometer file written in AF's documented
# shape (data/yrkesbarometer-exempel.json: two län and riket, a paradox
# row, nulls, a row merging SSYK 5321 and 5322, SSYK 2222 split over two
# rows in län 08). Every class below is worked out by hand from the
# sheet tests/compare/kalmar-halland-ssyk.csv, not recorded from kmap.
. tests/lib.sh

AF=data/yrkesbarometer-exempel.json
X=tests/compare/kalmar-halland-ssyk.csv
$KMAP compare -q -f json --af $AF $X >"$tmp/c.json"
check "compare -f json: exit 0" $?
"$PYTHON" tests/schema/check.py doc/schema/kmap.compare-1.schema.json \
	"$tmp/c.json" >"$tmp/log" 2>&1
check "compare -f json: valid kmap.compare/1" $? || head "$tmp/log"

# occupation, place, period, our mode, AF row, class
cat >"$tmp/want" <<'W'
Barnmorska riket 2024 sarbart 10 af_worse
Barnmorska riket 2026 sarbart 10 af_worse
Barnmorska Kalmar_län 2024 sarbart 8 af_worse
Barnmorska Kalmar_län 2024 sarbart 9 ours_worse
Barnmorska Kalmar_län 2026 sarbart 8 af_worse
Barnmorska Kalmar_län 2026 sarbart 9 ours_worse
Jurist riket 2024 hallbart - no_af_row
Jurist riket 2026 hallbart - no_af_row
Jurist Kalmar_län 2024 hallbart - no_af_row
Jurist Kalmar_län 2026 hallbart - no_af_row
Sjuksköterska riket 2024 brist 5 agree
Sjuksköterska riket 2026 brist 5 agree
Sjuksköterska Bohuslän 2024 brist - no_af_row
Sjuksköterska Bohuslän 2026 brist - no_af_row
Sjuksköterska Hallands_län 2024 brist 4 af_null
Sjuksköterska Hallands_län 2026 - 4 not_rated
Sjuksköterska Kalmar_län 2024 brist 3 agree
Sjuksköterska Kalmar_län 2026 brist 3 agree
Undersköterska riket 2024 brist 2 paradox
Undersköterska riket 2026 brist 2 paradox
Undersköterska Hallands_län 2024 hallbart 1 agree
Undersköterska Hallands_län 2026 sarbart 1 ours_worse
Undersköterska Kalmar_län 2024 brist 0 paradox
Undersköterska Kalmar_län 2026 brist 0 paradox
Vårdbiträde riket 2024 hallbart 7 ours_worse
Vårdbiträde riket 2026 overtalighet 7 agree
Vårdbiträde Kalmar_län 2024 hallbart 6 ours_worse
Vårdbiträde Kalmar_län 2026 overtalighet 6 agree
W
"$PYTHON" - "$tmp/c.json" >"$tmp/got" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
rows = []
for c in d["comparisons"]:
    place = (c["region"] or "riket").replace(" ", "_")
    rows.append((c["occupation"], place, c["period"], c["mode"] or "-",
                 "-" if c["af"] is None else str(c["af"]["index"]),
                 c["class"]))
for r in sorted(rows):
    print(" ".join(r))
PY
sort "$tmp/want" >"$tmp/want.s"
diff "$tmp/want.s" "$tmp/got" >"$tmp/diff"
check "compare: every class as worked out by hand" $? || head -20 "$tmp/diff"

"$PYTHON" - "$tmp/c.json" >"$tmp/log" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ok = d["af"]["omgang"] == ["2026-1"] and d["af"]["taxonomi_version"] == ["27"]
ok &= all(c["af"] is None or c["af"]["omgang"] == "2026-1"
          for c in d["comparisons"])
usk = [c for c in d["comparisons"] if c["occupation"] == "Undersköterska"]
ok &= all(c["af"]["merged"] and c["af"]["ssyk"] == ["5321", "5322"]
          for c in usk)
bm = [c for c in d["comparisons"]
      if c["occupation"] == "Barnmorska" and c["lan"] == "08"]
ok &= all(c["split"] and c["af_rows"] == 2 for c in bm)
ok &= d["not_compared"] == {"occupations": ["Kurator"],
                            "regions": ["Bohuslän"]}
ok &= d["crosswalk"]["paradox"] is None
# AF's text quoted exactly
src = json.load(open("data/yrkesbarometer-exempel.json", encoding="utf-8"))
ok &= all(c["af"] is None or c["af"]["text_rekryteringssituation"] ==
          src[c["af"]["index"]]["text_rekryteringssituation"]
          for c in d["comparisons"])
print(ok)
sys.exit(0 if ok else 1)
PY
check "compare: omgang, taxonomy, merged, split, not compared, AF's text" $? ||
	cat "$tmp/log"

# the same bytes whatever the order of rows and of AF's rows
{ head -n 1 $X; tail -n +2 $X | sort -r; } >"$tmp/rev.csv"
"$PYTHON" -c '
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump(rows, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
' $AF "$tmp/af.json"
for fmt in table csv json markdown; do
	$KMAP compare -q -f $fmt --af $AF $X >"$tmp/a" 2>&1
	$KMAP compare -q -f $fmt --af $AF "$tmp/rev.csv" 2>&1 |
		sed "s#$tmp/rev.csv#$X#" >"$tmp/b"
	cmp -s "$tmp/a" "$tmp/b"
	check "compare -f $fmt: same bytes with the rows in another order" $?
done

# a syntax error deep in the file is reported at its line and column
"$PYTHON" - "$tmp/bad.json" <<'PY'
import sys
text = open("data/yrkesbarometer-exempel.json", encoding="utf-8").read()
lines = text.split("\n")
lines[40] = lines[40] + " @"          # line 41, after its text
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines))
PY
col=$(sed -n 41p "$tmp/bad.json" | "$PYTHON" -c 'import sys; print(len(sys.stdin.read().rstrip("\n")))')
$KMAP compare --af "$tmp/bad.json" $X >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 3 ] && [ ! -s "$tmp/out" ] &&
	grep -q "^kmap: error: $tmp/bad.json:41:$col: not valid JSON" "$tmp/err"
check "compare: malformed AF file is FILE:LINE:COL, exit 3, no output" $? ||
	cat "$tmp/err"
finish
