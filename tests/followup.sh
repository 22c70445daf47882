#!/bin/sh
# The yearly follow-up on three rounds of one län (tests/followup/: a
# wide sheet, a long sheet and a manifest of two exports with per-file
# region and organisation; an organisation renamed, settled by namn.csv,
# an occupation added, the horizon rolled forward). The expected counts are made by hand and
# written down in tests/followup/check.py, not recorded from kmap.
. tests/lib.sh

T=tests/followup
R23=$T/omgang-2023.csv
R24=$T/omgang-2024.csv
R25=$T/omgang-2025/manifest.csv
D=doc/schema/kmap.diff-2.schema.json

hand() { # NAME PAIR JSON: the JSON holds the hand counts of PAIR
	"$PYTHON" $T/check.py "$2" "$3" >"$tmp/log" 2>&1
	check "$1" $? || sed 's/^/  /' "$tmp/log" | head -20
}

valid() { # NAME JSON: the JSON is valid against kmap.diff/2
	"$PYTHON" tests/schema/check.py $D "$2" >"$tmp/log" 2>&1
	check "$1" $? || sed 's/^/  /' "$tmp/log" | head -20
}

# ---- 2024 (one long sheet) against 2025 (a manifest of two exports)
$KMAP diff -q -f json $R24 $R25 >"$tmp/d.json"
check "diff 2024 2025 -f json: exit 0" $?
hand "diff 2024 2025: critical changes and forecast check by hand" \
	2024-2025 "$tmp/d.json"
valid "diff 2024 2025: valid kmap.diff/2" "$tmp/d.json"
# the threshold spelled as critical takes it names the same ones
$KMAP diff -q -f json --threshold 50% $R24 $R25 >"$tmp/d50.json" &&
	cmp -s "$tmp/d.json" "$tmp/d50.json"
check "diff --threshold 50%: the default's document" $?

# the table names exactly the occupations that became and ceased to be
# critical: Kurator and Psykolog became, Undersköterska ceased
$KMAP diff -q -f csv $R24 $R25 >"$tmp/d.csv"
grep -E '^(became|ceased),' "$tmp/d.csv" | cut -d, -f1,2 >"$tmp/crit"
printf 'became,Kurator\nbecame,Psykolog\nceased,Undersköterska\n' \
	>"$tmp/crit.want"
cmp -s "$tmp/crit" "$tmp/crit.want"
check "diff -f csv: became and ceased, exactly" $? ||
	diff "$tmp/crit.want" "$tmp/crit"
# (given room, one line each; at 80 columns each change on a line of its
# own above its occupations)
$KMAP diff -q --width 200 $R24 $R25 >"$tmp/d200.txt"
grep -q '^Kritiska yrken (tröskel 50 %): 2 blev kritiska, 1 är inte längre kritiskt$' \
	"$tmp/d200.txt" &&
	grep -q '^blev kritiskt  *Kurator ' "$tmp/d200.txt" &&
	grep -q '^  *Psykolog ' "$tmp/d200.txt" &&
	grep -q '^inte längre kritiskt  *Undersköterska ' "$tmp/d200.txt"
check "diff (table): the critical changes named" $?
$KMAP diff -q $R24 $R25 >"$tmp/d.txt"
sed -n '/^Kritiska yrken/,/^$/p' "$tmp/d.txt" |
	grep -v '^ *yrke \|=\|^$' | sed 's/^\(  *[^ ]*\) .*/\1/' >"$tmp/crit80"
printf '%s\n' 'Kritiska yrken (tröskel 50 %): 2 blev kritiska, 1 är inte längre kritiskt' \
	'blev kritiskt' '  Kurator' '  Psykolog' 'inte längre kritiskt' \
	'  Undersköterska' >"$tmp/crit80.want"
cmp -s "$tmp/crit80" "$tmp/crit80.want"
check "diff (table) at 80 columns: each change above its occupations" $? ||
	diff "$tmp/crit80.want" "$tmp/crit80"

# the rolling horizon and the renamed organisation are named once; by
# hand, 8 cells of Halmstad and Varberg in 2025 and 2026 changed
grep -q '^Omgång 2024 → 2025 · perioder bara i 2024: 2024 · perioder bara i 2025: 2027$' \
	"$tmp/d.txt" &&
	grep -q '^Organisationer bara i 2024: Socialförvaltningen Falkenberg$' \
		"$tmp/d.txt" &&
	grep -q '^Organisationer bara i 2025: Omsorgsförvaltningen Falkenberg$' \
		"$tmp/d.txt" &&
	grep -q '^Yrken bara i 2025: Psykolog$' "$tmp/d.txt" &&
	grep -q '^Poster som skiljer: 8 (8 ändrade, 0 tillagda, 0 borttagna)$' \
		"$tmp/d.txt"
check "diff: horizon and organisations once, 8 changed records" $?
$KMAP diff -q -f long $R24 $R25 >"$tmp/d.long"
[ "$(sed 1d "$tmp/d.long" | wc -l)" = 8 ] &&
	[ "$(head -n 1 "$tmp/d.long")" = \
		"round,region,organisation,occupation,period,old,new,direction,old_line,new_line" ] &&
	grep -qx '2025,Hallands län,Varbergs kommun,Kurator,2025,overtalighet,hallbart,worse,tests/followup/omgang-2024.csv:18,tests/followup/omgang-2025/kommunerna.csv:8' \
		"$tmp/d.long"
check "diff -f long: one row per changed cell, both lines" $? ||
	head -5 "$tmp/d.long"

# the renamed organisation settled by a names file: one organisation,
# compared in both rounds
$KMAP diff -q -f json --names $T/namn.csv $R24 $R25 >"$tmp/dn.json"
check "diff --names 2024 2025 -f json: exit 0" $?
hand "diff --names: Falkenberg one organisation, its forecasts checked" \
	2024-2025-names "$tmp/dn.json"
valid "diff --names: valid kmap.diff/2" "$tmp/dn.json"

# ---- 2023 (a wide sheet) against 2024: nothing became or ceased
$KMAP diff -q -f json $R23 $R24 >"$tmp/e.json"
check "diff 2023 2024 -f json: exit 0" $?
hand "diff 2023 2024: forecast check by hand" 2023-2024 "$tmp/e.json"
valid "diff 2023 2024: valid kmap.diff/2" "$tmp/e.json"

# ---- all three rounds read together
$KMAP summary -q --by round -f csv $R23 $R24 $R25 >"$tmp/s.csv"
check "summary --by round: three rounds read together, exit 0" $?
# by hand, each round's nuläge: 2023 H 6 S 2 B 1; 2024 H 5 S 2 B 2;
# 2025 H 5 S 5 B 2 (Psykolog added)
grep -E '^[0-9]{4},[0-9]{4},true,' "$tmp/s.csv" | cut -d, -f1-7 >"$tmp/now"
printf '%s\n' 2023,2023,true,0,6,2,1 2024,2024,true,0,5,2,2 \
	2025,2025,true,0,5,5,2 >"$tmp/now.want"
cmp -s "$tmp/now" "$tmp/now.want"
check "summary --by round -f csv: each round's nuläge, by hand" $? ||
	diff "$tmp/now.want" "$tmp/now"
$KMAP summary -q --by round -f csv $R25 $R23 $R24 >"$tmp/s2.csv" &&
	cmp -s "$tmp/s.csv" "$tmp/s2.csv"
check "summary --by round: the same bytes in another file order" $?
$KMAP summary -q -f csv $R23 $R24 $R25 >"$tmp/n.csv" &&
	$KMAP summary -q -f csv $R25 >"$tmp/n25.csv" &&
	cmp -s "$tmp/n.csv" "$tmp/n25.csv"
check "summary: the newest round counted" $?

# the report of all three: the change from 2024 to 2025, as diff says
for lang in sv en; do
	case $lang in
	sv) title="Förändring sedan förra omgången" ;;
	en) title="Change since the previous round" ;;
	esac
	$KMAP report -q --lang $lang -o "$tmp/r.html" $R23 $R24 $R25 &&
		$KMAP report -q --lang $lang -f xlsx -o "$tmp/r.xlsx" \
			$R23 $R24 $R25 &&
		"$PYTHON" tests/report/check_change.py "$tmp/r.html" \
			"$tmp/r.xlsx" "$tmp/d.json" "$title" >"$tmp/log" 2>&1
	check "report --lang $lang, three rounds: the change since 2024" $? ||
		head -20 "$tmp/log"
done
# the changed comment of Kurator (critical in 2025) at Halmstad
$KMAP report -q -o "$tmp/r.html" $R23 $R24 $R25 &&
	grep -q 'Två pensioner 2026, svårt att rekrytera' "$tmp/r.html" &&
	grep -q 'Stabilt, en pension 2026' "$tmp/r.html"
check "report: the changed comment of a critical occupation" $?

finish
