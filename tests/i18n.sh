#!/bin/sh
# kmap's messages in Swedish and English (gettext, po/sv.po): every
# message of the sources is in po/kmap.pot and translated in po/sv.po;
# a Swedish locale (LANG, LC_MESSAGES, LANGUAGE) gives Swedish, the C
# locale exactly the English text; both forms of a count; the report's
# quality section in the report's language whatever the locale;
# validate's JSON in English; numbers with a '.' in every locale.
# Swedish output needs the sv_SE.UTF-8 locale: .ci/run generates it; on a
# workstation without it the suite builds one with localedef under $tmp
# (LOCPATH), else those checks are skipped (in CI they fail).
. tests/lib.sh

# ---- the catalogue and the sources
if command -v xgettext >/dev/null && command -v msgmerge >/dev/null; then
	make -s --no-print-directory pot POT="$tmp/kmap.pot" 2>"$tmp/log"
	msgids() { # the msgids of a .po/.pot file, one a line, sorted
		msgcat --no-wrap --no-location --sort-output "$1" |
			sed -n '/^msgid /p; /^msgid_plural /p'
	}
	msgids "$tmp/kmap.pot" >"$tmp/fresh" && msgids po/kmap.pot >"$tmp/kept"
	cmp -s "$tmp/fresh" "$tmp/kept"
	check "po/kmap.pot is current (make pot)" $? ||
		diff "$tmp/kept" "$tmp/fresh" | head -10
	msgmerge -q --no-wrap --no-fuzzy-matching -o "$tmp/sv.po" po/sv.po \
		"$tmp/kmap.pot" 2>>"$tmp/log" &&
		msgattrib --untranslated --no-obsolete "$tmp/sv.po" >"$tmp/un" &&
		msgattrib --only-fuzzy --no-obsolete "$tmp/sv.po" >"$tmp/fz" &&
		! grep -q '^msgid "..*"' "$tmp/un" "$tmp/fz"
	check "po/sv.po translates every message of the sources" $? ||
		grep -h '^msgid' "$tmp/un" "$tmp/fz" | head -10
	msgfmt --check --statistics -o /dev/null po/sv.po 2>"$tmp/log" &&
		! grep -q 'untranslated\|fuzzy' "$tmp/log"
	check "msgfmt --check: formats and plural forms agree" $? ||
		cat "$tmp/log"
	# a literal hint handed to a reporting function is marked N_(),
	# or xgettext (which takes one string a call) would miss it
	xgettext --from-code=UTF-8 --language=C --omit-header -o - \
		--keyword=diag_report:3 --keyword=diag_vreport:3 \
		--keyword=diag_report_n:3 --keyword=diag_report_values:3 \
		--keyword=diag_report_values_n:3 \
		--keyword=cli_usage_error:2 --keyword=report:4 \
		--keyword=lreport:4 --keyword=value_error:3 \
		--keyword=header_error:3 --keyword=cell_error:3 \
		src/*.c 2>/dev/null >"$tmp/hints"
	! grep -q '^msgid' "$tmp/hints"
	check "every literal hint is marked for translation" $? ||
		grep -A1 '^#:' "$tmp/hints" | head -10
else
	skipped "po/kmap.pot and po/sv.po checked" "no xgettext (apt-get install gettext)"
fi

# ---- a Swedish locale
sv=sv_SE.UTF-8
have_sv() { LC_ALL=$sv locale charmap 2>/dev/null | grep -qx UTF-8 &&
	[ "$(LC_ALL=$sv locale 2>&1 >/dev/null)" = "" ]; }
if ! have_sv && ! in_ci && command -v localedef >/dev/null; then
	mkdir -p "$tmp/locale" &&
		localedef -i sv_SE -f UTF-8 "$tmp/locale/$sv" >/dev/null 2>&1 &&
		LOCPATH=$tmp/locale && export LOCPATH
fi
if ! have_sv; then
	skipped "Swedish messages" "no $sv locale (.ci/run: locale-gen)"
	finish
	exit
fi
unset LC_ALL LC_MESSAGES LANGUAGE LANG

root=$(pwd)
case $KMAP in /*) ;; *) KMAP=$root/$KMAP ;; esac
cd "$tmp" || exit 1
# the issue's example: a file that is not there
LANG=$sv $KMAP summary missing.csv >out 2>err
st=$?
head -n 1 err | grep -q "^kmap: fel: missing.csv: kan inte öppnas: " &&
	[ $st = 3 ] && [ ! -s out ]
check "LANG=$sv kmap summary missing.csv: in Swedish, exit 3" $? || cat err
LANG=C $KMAP summary missing.csv 2>err
[ "$(cat err)" = "kmap: error: missing.csv: cannot open: No such file or directory" ]
check "LANG=C: exactly the English message" $? || cat err
env -u LANG $KMAP summary missing.csv 2>err
[ "$(cat err)" = "kmap: error: missing.csv: cannot open: No such file or directory" ]
check "LANG unset: exactly the English message" $? || cat err
LC_ALL=C LANG=$sv LANGUAGE=sv $KMAP summary missing.csv 2>err
grep -q '^kmap: error: missing.csv: cannot open' err
check "LC_ALL=C wins over LANG and LANGUAGE: English" $? || cat err
LANG=C LC_MESSAGES=$sv $KMAP summary missing.csv 2>err
grep -q '^kmap: fel: missing.csv: kan inte öppnas' err
check "LC_MESSAGES=$sv alone: Swedish" $? || cat err
LANG=$sv LANGUAGE=en $KMAP summary missing.csv 2>err
grep -q '^kmap: error: missing.csv: cannot open' err
check "LANGUAGE=en in a Swedish locale: English" $? || cat err
LANG=C.UTF-8 LANGUAGE=sv $KMAP summary missing.csv 2>err
grep -q '^kmap: fel: missing.csv: kan inte öppnas' err
check "LANGUAGE=sv (LANG=C.UTF-8): Swedish" $? || cat err
LANG=$sv KMAP_LOCALEDIR=$tmp/none $KMAP summary missing.csv 2>err
grep -q '^kmap: error: missing.csv: cannot open' err
check "KMAP_LOCALEDIR names where the catalogue is (none there: English)" $? ||
	cat err

# a message, its hint and a usage error, whole
printf 'region,organisation,yrke\nR,O,Y\n' >nohead.csv
LANG=$sv $KMAP summary nohead.csv 2>err
cat >want <<'EOF'
kmap: fel: nohead.csv:1:1: kolumn saknas: periodkolumner ('2022', 'Nuläge 2021') eller 'bedömning' och 'år'; hittade 'region', 'organisation', 'yrke'
tips: kolumnnamnen som kmap känner till finns under 'Input' i README
EOF
cmp -s err want
check "an error and its hint in Swedish" $? || diff want err
LANG=$sv $KMAP summary --treshold 1 nohead.csv 2>err
cat >want <<'EOF'
kmap: fel: okänd flagga '--treshold'
Försök med 'kmap summary --help' för mer information.
EOF
cmp -s err want
check "a usage error in Swedish" $? || diff want err
LANG=$sv $KMAP sumary 2>err
cat >want <<'EOF'
kmap: fel: 'sumary' är inget kmap-kommando
tips: menade du 'summary'?
Försök med 'kmap help' för en lista över kommandona.
EOF
cmp -s err want
check "an unknown command in Swedish" $? || diff want err

# ---- one and two of something
printf 'region,organisation,yrke,2021,Anteckning\nR,O,Y,Brist,x\n' >one.csv
printf 'region,organisation,yrke,2021,Anteckning,Källa\nR,P,Y,Brist,x,y\nR,P,Y2,Brist,x,y\n' >two.csv
LANG=$sv $KMAP summary one.csv 2>err >/dev/null
grep -qx "kmap: obs: one.csv:1: kolumn som kmap inte använder: 'Anteckning'" err
check "plural: 1 column, Swedish" $? || cat err
LANG=$sv $KMAP summary two.csv 2>err >/dev/null
grep -qx "kmap: obs: two.csv:1: kolumner som kmap inte använder: 'Anteckning', 'Källa'" err
check "plural: 2 columns, Swedish" $? || cat err
LANG=C $KMAP summary one.csv 2>err >/dev/null
grep -qx "kmap: note: one.csv:1: column kmap does not use: 'Anteckning'" err
check "plural: 1 column, English" $? || cat err
LANG=C $KMAP summary two.csv 2>err >/dev/null
grep -qx "kmap: note: two.csv:1: columns kmap does not use: 'Anteckning', 'Källa'" err
check "plural: 2 columns, English" $? || cat err
printf 'region,organisation,yrke,2021\nR,O,A,Brist\nR,,B,Brist\n' >fill1.csv
printf 'region,organisation,yrke,2021\nR,O,A,Brist\nR,,B,Brist\nR,,C,Brist\n' >fill2.csv
LANG=$sv $KMAP summary fill1.csv 2>err >/dev/null
grep -q "^kmap: varning: fill1.csv:3:3: 1 tom organisationscell fylld från raden ovanför" err
check "plural: 1 cell filled, Swedish" $? || cat err
LANG=$sv $KMAP summary fill2.csv 2>err >/dev/null
grep -q "^kmap: varning: fill2.csv:3:3: 2 tomma organisationsceller fyllda från raden ovanför" err
check "plural: 2 cells filled, Swedish" $? || cat err
LANG=$sv $KMAP validate one.csv >out
tail -n 1 out | grep -qx "0 fel, 0 varningar i 1 fil (1 rad, 1 post)"
check "validate's count line: singular, Swedish" $? || cat out
LANG=$sv $KMAP validate one.csv two.csv >out
tail -n 1 out | grep -qx "0 fel, 0 varningar i 2 filer (3 rader, 3 poster)"
check "validate's count line: plural, Swedish" $? || cat out
LANG=C $KMAP validate one.csv >out
tail -n 1 out | grep -qx "0 errors, 0 warnings in 1 file (1 row, 1 record)"
check "validate's count line: singular, English" $? || cat out

# ---- a place and a count are words of the message, translated whole
printf 'region,organisation,yrke,2021\nR,O,A,Brist\nR,O,A,Brist\n' >dup1.csv
LANG=$sv $KMAP summary dup1.csv 2>err >/dev/null
grep -q "^kmap: varning: dup1.csv:3:[0-9]*: dubblett av rad 2 (R / O / A / 2021); räknas en gång$" err
check "a duplicate names its line in Swedish" $? || cat err
printf 'region,organisation,yrke,2021\nR,O,A,Brist\nR,O,A,Hållbart\n' >conf.csv
LANG=$sv $KMAP summary conf.csv 2>err >/dev/null
grep -q "^kmap: fel: conf.csv:3:[0-9]*: motstridig bedömning 'Hållbart' för R / O / A / 2021: rad 2 säger 'Brist'$" err
check "a conflict names its line in Swedish" $? || cat err
LANG=$sv $KMAP compare --af "$root/data/yrkesbarometer-exempel.json" \
	"$root/tests/cli/compare/0001-table/x.csv" 2>err >/dev/null
grep -qx "kmap: varning: 1 yrke utan SSYK-kod jämförs inte (en SSYK-kolumn eller en namnfil ger koder)" err &&
	grep -qx "kmap: varning: 1 region utan länskod jämförs bara med riket" err
check "compare: 1 occupation, 1 region left out, Swedish" $? || cat err
printf 'Region;Organisation;SSYK;Yrke;2024\nKalmar län;B;5321;Undersköterska;Brist\nIngenstans;B;;Okänt;Brist\nNågonstans;C;;Okänt2;Brist\n' >c2.csv
LANG=$sv $KMAP compare --af "$root/data/yrkesbarometer-exempel.json" \
	c2.csv 2>err >/dev/null
grep -qx "kmap: varning: 2 yrken utan SSYK-kod jämförs inte (en SSYK-kolumn eller en namnfil ger koder)" err &&
	grep -qx "kmap: varning: 2 regioner utan länskod jämförs bara med riket" err
check "compare: 2 occupations, 2 regions left out, Swedish" $? || cat err
LANG=C $KMAP compare --af "$root/data/yrkesbarometer-exempel.json" \
	c2.csv 2>err >/dev/null
grep -qx "kmap: warning: 2 occupations without an SSYK code are not compared (an SSYK column or a names file gives codes)" err
check "compare: 2 occupations left out, English" $? || cat err

# ---- no English word in a Swedish message: a kind of name, a reason,
# a format, a hint's words are each part of a message of their own
sv_has() { # NAME WANT UNWANTED COMMAND...: stderr in Swedish has WANT,
	# and not UNWANTED (the English words once pasted in)
	name=$1 want=$2 unwanted=$3
	shift 3
	LANG=$sv "$@" >/dev/null 2>err
	grep -qF -- "$want" err && ! grep -qF -- "$unwanted" err
	check "$name: Swedish, without '$unwanted'" $? || cat err
}
printf 'typ,stavning,namn,kod\nyrke,Usk,Undersköterska,5321\n' >namn.csv
printf 'region,organisation,yrke,2024\nR,O,Usk,Brist\n' >usk.csv
sv_has "a names file's spelling" "obs: namn.csv:2: yrket 'Usk' räknas som 'Undersköterska'" \
	"occupation" $KMAP summary --names namn.csv usk.csv
printf 'Region;Organisation;Yrke;2024\nK;Kalmar;Underskötersa;Brist\nK;Kalmar kommun;Undersköterska;Brist\nK;A - B;Kock;Brist\nK;A – B;Kock;Brist\n' >near.csv
sv_has "near-duplicate occupations" \
	"varning: yrkena 'Underskötersa' och 'Undersköterska' skiljer sig bara i en bokstav; räknas som två" \
	"one letter" $KMAP summary near.csv
sv_has "near-duplicate organisations" \
	"varning: organisationerna 'Kalmar' och 'Kalmar kommun' skiljer sig bara i ett 'kommun', 'län', 'stad' eller 's' på slutet" \
	"a trailing" $KMAP summary near.csv
sv_has "near-duplicate organisations, a dash" "skiljer sig bara i ett streck" \
	"a dash" $KMAP summary near.csv
LANG=C $KMAP summary near.csv 2>err >/dev/null
grep -qx "kmap: warning: occupations 'Underskötersa' and 'Undersköterska' differ only by one letter; counted as two" err &&
	grep -qx "kmap: warning: organisations 'A - B' and 'A – B' differ only by a dash; counted as two" err
check "near duplicates: LANG=C exactly as before" $? || cat err
LANG=$sv $KMAP validate -f json near.csv >sv.json
grep -q '"message":	"occupations .Underskötersa. and .Undersköterska. differ only by one letter; counted as two"' sv.json
check "near duplicates: validate -f json English in $sv" $? ||
	grep message sv.json
printf 'region,organisation,yrke,2024\nR,O,Underskötersa,Brist\n' >near-old.csv
printf 'region,organisation,yrke,2024\nR,O,Undersköterska,Brist\n' >near-new.csv
sv_has "near duplicates across diff's sides" \
	"varning: yrkena 'Underskötersa' (OLD, near-old.csv:2) och 'Undersköterska' (NEW, near-new.csv:2) skiljer sig bara i en bokstav" \
	"one letter" $KMAP diff near-old.csv near-new.csv
LANG=C $KMAP diff near-old.csv near-new.csv 2>err >/dev/null
grep -qx "kmap: warning: occupations 'Underskötersa' (OLD, near-old.csv:2) and 'Undersköterska' (NEW, near-new.csv:2) differ only by one letter; counted as two" err
check "near duplicates across diff's sides: LANG=C exactly as before" $? ||
	cat err
printf 'region,organisation,yrkeskod,yrke,2024\nR,O,532,Undersköterska,Brist\n' >code.csv
sv_has "a code of the wrong shape" \
	"'532' är ingen SSYK 2012-kod (4 siffror, kanske följda av yrkesgruppens namn); yrket får ingen kod av den" \
	"an SSYK" $KMAP summary code.csv
printf 'region,organisation,kod,yrke,2024\nR,O,5321,Undersköterska,Brist\nR,P,5322,undersköterska,Brist\n' >code2.csv
sv_has "one occupation, two codes" \
	"fel: code2.csv:3:5: yrket 'Undersköterska' har koden 5321 på en tidigare rad, 5322 här" \
	"occupation" $KMAP summary code2.csv
LANG=C $KMAP summary code2.csv 2>err >/dev/null
grep -q "^kmap: error: code2.csv:3:5: occupation 'Undersköterska' has code 5321 in an earlier row, 5322 here$" err
check "one occupation, two codes: LANG=C exactly as before" $? || cat err
printf 'region,organisation,yrke,2024\nR,O,A,Bristt\n' >rating.csv
sv_has "an unknown rating's hint" \
	"Sårbart, Brist, Ej aktuellt (ej aktuellt), tomt eller '-'" \
	"not applicable" $KMAP summary rating.csv
LANG=C $KMAP summary rating.csv 2>err >/dev/null
grep -q "^hint: did you mean 'Brist'? expected one of Övertalighet, Hållbart, Sårbart, Brist, Ej aktuellt (not applicable), empty or '-'" err
check "an unknown rating's hint: LANG=C exactly as before" $? || cat err
sv_has "an unknown --by" "eller ett attribut i en namnfil)" "an attribute" \
	$KMAP summary --by delregion usk.csv
printf 'typ;stavning;namn;grupp\nyrke;A;A;x\norganisation;O;O;y\n' >two-kinds.csv
sv_has "an attribute of two kinds" \
	"fel: --by 'grupp': namnfilerna ger det till organisationer och yrken" \
	"organisations and occupations" \
	$KMAP summary --by grupp --names two-kinds.csv usk.csv
sv_has "an unknown format" "fel: okänt format 'xml'" "okänd format" \
	$KMAP summary -f xml usk.csv
cp "$root/data/scale-kmap.json" scale.json && echo '{}' >>scale.json
sv_has "text after a scale file" "text efter skalans JSON-objekt" \
	"text after" $KMAP summary --scale scale.json usk.csv
printf 'sep=;\n' >sep.csv
sv_has "no header row" "fel: sep.csv: ingen rubrikrad" "no header row" \
	$KMAP summary sep.csv
sv_has "an unknown round's hint" "tips: omgångarna som lästes: " \
	"the rounds read" $KMAP summary --round 2022 \
	"$root/data/uppsala/omgang-2023.csv" "$root/data/uppsala/omgang-2024.csv"
printf 'org;yrke;anställda\nO;Usk;3\no ;USK;4\n' >twice.csv
sv_has "a context row given twice" "tips: den första är rad 2" \
	"the first is line" $KMAP critical --context twice.csv usk.csv
cat >egen.json <<'EOF'
{"name": "egen",
  "levels": [
    {"key": "overskott", "label": "Överskott", "letter": "Ö", "color": "#0072B2", "risk": false},
    {"key": "balans", "label": "Balans", "letter": "=", "color": "#009E73", "risk": false, "aliases": ["n/a"]},
    {"key": "brist", "label": "Brist", "letter": "B", "color": "#D55E00", "risk": true}
  ]
}
EOF
sv_has "a built-in word a scale's level takes" \
	"det är ett inbyggt ord för ej aktuellt" "built-in word" \
	$KMAP summary --scale egen.json usk.csv
sv_has "a fill no level has" \
	"tips: skriv bedömningen i cellen, eller låt en --scale-fil ange färgen" \
	"write the rating" $KMAP summary \
	--scale "$root/data/scale-brist-balans-overskott.json" \
	"$root/tests/cli/workbook/0015-fill-and-text-scale-three-levels/fills.xlsx"

{
	echo "region,organisation,yrke,2024"
	for i in $(seq 1 400); do echo "R,Organisation nummer ett,Yrke nummer $i,Brist"; done
	echo "R,Organisation nummer ett,Yrke nummer 1,Brist"
} >split.csv
sv_has "--verbose: why a part is read again" \
	"obs: split.csv: den andra delen läses igen: den upprepar en post" \
	"repeats a record" env KMAP_SPLIT_MIN=0 KMAP_SPLIT_SHARE=0.5 \
	KMAP_READ_SIZE=512 $KMAP summary --verbose split.csv

# the Swedish report has no English word: the heatmap's heading and
# sheet, a file's layout; the English one keeps them
LANG=$sv $KMAP report -q -o words-sv.html usk.csv &&
	LANG=$sv $KMAP report -q -f xlsx -o words-sv.xlsx usk.csv &&
	LANG=$sv $KMAP report -q --lang en -o words-en.html usk.csv
grep -q "Värmekarta: yrke och period" words-sv.html &&
	grep -q "<td>bred</td>" words-sv.html &&
	! grep -q "Heatmap\|<td>wide</td>" words-sv.html &&
	grep -q "Heatmap: occupation and period" words-en.html &&
	grep -q "<td>wide</td>" words-en.html
check "the Swedish HTML report: 'Värmekarta', 'bred', no 'Heatmap' or 'wide'" $? ||
	grep -o "Heatmap[^<]*\|Värmekarta[^<]*\|<td>[a-zå]*</td>" words-sv.html | head
"$PYTHON" - words-sv.xlsx <<'EOF' >out 2>&1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert "Värmekarta" in wb.sheetnames and "Heatmap" not in wb.sheetnames, \
    wb.sheetnames
texts = [c.value for ws in wb for row in ws.iter_rows() for c in row
         if isinstance(c.value, str)]
assert "bred" in texts and "wide" not in texts, texts
EOF
check "the Swedish XLSX report: sheet 'Värmekarta', layout 'bred'" $? ||
	tail -3 out

# ---- machine output stays English; numbers keep their '.'
printf 'region,organisation,yrke,2021\nR,O,Y,Brsit\n' >bad.csv
LANG=$sv $KMAP validate -f json bad.csv >sv.json
LANG=C $KMAP validate -f json bad.csv >c.json
cmp -s sv.json c.json && grep -q '"message":	"unknown rating' c.json
check "validate -f json: the same English JSON in a Swedish locale" $? ||
	diff c.json sv.json
LANG=$sv $KMAP validate -f json nohead.csv >sv.json
grep -q "\"message\":	\"missing column period columns ('2022', 'Nuläge 2021') or 'bedömning' and 'år'; found" sv.json
check "validate -f json: a value's words (a list's 'and') English too" $? ||
	grep message sv.json
LANG=$sv $KMAP validate bad.csv >out
grep -q "fel: okänd bedömning 'Brsit'" out && grep -q "^  tips: " out
check "validate's text output in Swedish" $? || cat out
for f in "summary -f json" "summary -f csv" "critical -f json --threshold 0.25" \
	"heatmap -f json"; do
	LANG=C $KMAP $f "$root/data/orebro-2021.csv" >c.out 2>/dev/null
	LANG=$sv $KMAP $f "$root/data/orebro-2021.csv" >sv.out 2>/dev/null
	[ -s c.out ] && cmp -s c.out sv.out
	check "kmap $f: the same bytes in $sv (decimal point)" $?
done

# ---- the report's quality section speaks the report's language
printf 'region,organisation,yrke,2021,Anteckning\nR,O,Sjuksköterska,Hållbar,x\nR,,Lärare,Brist,y\nR,O,Lärare,Brist,y\n' >q.csv
LANG=C $KMAP report -o sv.html q.csv 2>err
grep -q "bedömningar skrivna på annat sätt: &#39;Hållbar&#39; som Hållbart (1)" sv.html &&
	grep -q "1 tom organisationscell fylld från raden ovanför" sv.html &&
	grep -q -- "--no-fill-down gör tomma celler till fel" sv.html &&
	grep -q "1 upprepad identisk post räknades en gång" sv.html &&
	! grep -q "filled from the row above" sv.html &&
	grep -q "^kmap: warning: q.csv:3:3: 1 empty organisation cell" err
check "LANG=C, report --lang sv: quality section in Swedish, stderr English" $? ||
	{ grep -i 'fyll\|fill\|skrivna\|written' sv.html; cat err; }
LANG=$sv $KMAP report --lang en -o en.html q.csv 2>err
grep -q "ratings written another way: &#39;Hållbar&#39; as Hållbart (1)" en.html &&
	grep -q "1 empty organisation cell filled from the row above" en.html &&
	grep -q "1 identical repeated record was counted once" en.html &&
	! grep -q "fylld från raden ovanför" en.html &&
	grep -q "^kmap: varning: q.csv:3:3: 1 tom organisationscell" err
check "LANG=$sv, report --lang en: quality section in English, stderr Swedish" $? ||
	{ grep -i 'fyll\|fill\|skrivna\|written' en.html; cat err; }
LANG=$sv $KMAP report -f xlsx -o sv.xlsx q.csv 2>/dev/null
LANG=C $KMAP report -f xlsx --lang en -o en.xlsx q.csv 2>/dev/null
"$PYTHON" - sv.xlsx en.xlsx <<'EOF' >out 2>&1
import sys, openpyxl
def texts(p):
    wb = openpyxl.load_workbook(p)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows()
                     for c in row if c.value is not None)
sv, en = texts(sys.argv[1]), texts(sys.argv[2])
assert "1 tom organisationscell fylld" in sv and "filled from" not in sv, sv
assert "1 empty organisation cell filled" in en and "fylld" not in en, en
EOF
check "the XLSX report's quality sheet in the report's language" $? ||
	tail -3 out
printf 'region,organisation,yrke,2021\nR,O,A,Brist\nR,O,A,Brist\nR,O,B,Brist\nR,O,B,Brist\n' >dup2.csv
LANG=C $KMAP report -q -o d.html dup2.csv
grep -q "2 upprepade identiska poster räknades en gång" d.html
check "report: 2 repeated records, plural" $?
finish
